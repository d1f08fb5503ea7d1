/**
 * The advantage of being shown on the left: the position effect γ of the Bradley–Terry
 * fit with sides, P(left wins) = σ(θ_left − θ_right + γ) (the home advantage of Agresti,
 * "Categorical Data Analysis", 2nd ed., 2002, §10.6.3), fitted with the models'
 * strengths from every battle.
 * @internal
 * @module
 */
import { confidenceMultiplier } from '../bradleyTerry/analyticIntervals.js';
import type { ComparisonRecord } from '../bradleyTerry/comparisonTypes.js';
import { fitBradleyTerry } from '../bradleyTerry/fitBradleyTerry.js';
import { BOTH_BAD, DRAW, LEFT, type BattleLog } from './battleLog.js';
import type { LeaderboardSettings } from './leaderboardSettings.js';
import type { LeaderboardPositionBias } from './leaderboardTypes.js';

const OUTCOMES = ['left', 'right', 'draw'] as const;

/**
 * Fits the position effect; null when no battle was decisive, and without an estimate
 * (`identified: false`) when the battles do not bound it (`unboundedPositionEffect`).
 * The battles are summed per (left model, right model, outcome) first, in a fixed
 * order, so the cost is O(battles) plus a fit of O(cells). @internal
 */
export function positionBias(log: BattleLog, modelIds: readonly string[], settings: LeaderboardSettings, confidence: number): LeaderboardPositionBias | null {
  const n = modelIds.length;
  const cells = new Map<number, number>();
  let leftWins = 0;
  let decisive = 0;
  for (let k = 0; k < log.size; k++) {
    const stored = log.outcome[k]!;
    const outcome = stored === DRAW || stored === BOTH_BAD ? 2 : stored;
    if (outcome !== 2) {
      decisive++;
      if (outcome === LEFT) leftWins++;
    }
    // Exact below 2^24 models.
    const key = (log.left[k]! * n + log.right[k]!) * 3 + outcome;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  if (decisive === 0) return null;
  const records: ComparisonRecord[] = [...cells.keys()]
    .sort((a, b) => a - b)
    .map((key) => {
      const outcome = key % 3;
      const pair = (key - outcome) / 3;
      return { left: modelIds[Math.floor(pair / n)]!, right: modelIds[pair % n]!, outcome: OUTCOMES[outcome]!, weight: cells.get(key)! };
    });
  const fit = fitBradleyTerry(records, { positionEffect: true, prior: settings.prior, scale: settings.scale, center: settings.center });
  const effect = fit.positionEffect!;
  // Battles that a side bias of any size explains as well say nothing about its size:
  // the fit's γ is then where its steps stopped (no prior) or the prior's (a prior).
  if (effect.identified === false) return { identified: false, score: null, standardError: null, lower: null, upper: null, leftWinRate: leftWins / decisive, battles: log.size };
  const z = confidenceMultiplier(confidence);
  return {
    identified: true,
    score: effect.score,
    standardError: effect.standardError,
    lower: effect.score - z * effect.standardError,
    upper: effect.score + z * effect.standardError,
    leftWinRate: leftWins / decisive,
    battles: log.size,
  };
}
