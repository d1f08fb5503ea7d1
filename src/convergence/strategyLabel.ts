/**
 * Names of a sweep's strategies: the dimensions that vary, in words.
 * @module
 */
import type { ConvergenceCellKey, NormalisedConvergenceConfig } from './convergenceTypes.js';
import { labelerName } from '../simulation/labelerSpec.js';
import type { Scorer } from '../job/types.js';

const SCORER_NAMES: Record<Scorer, string> = { elo: 'Elo', bradleyTerry: 'Bradley–Terry' };

/** Which strategy dimensions vary in a sweep, and the constant ones in words. @internal */
export function strategyParts(config: NormalisedConvergenceConfig): {
  readonly pairingVaries: boolean;
  readonly responsesVary: boolean;
  readonly labelersVary: boolean;
  readonly scorersVary: boolean;
  readonly fixed: readonly string[];
} {
  const ratiosVary = config.randomRatios.length > 1 && config.pairings.includes('adaptive');
  const pairingVaries = config.pairings.length > 1 || ratiosVary;
  const responsesVary = config.responses.length > 1;
  const labelersVary = config.labelers.length > 1;
  const scorersVary = config.scorers.length > 1;
  const fixed: string[] = [];
  if (!pairingVaries) {
    fixed.push(config.pairings[0] === 'roundRobin' ? 'round-robin pairing' : `random ratio ${config.randomRatios[0]}`);
  }
  if (!responsesVary) fixed.push(`${config.responses[0]} response${config.responses[0] === 1 ? '' : 's'} per comparison`);
  if (!labelersVary) fixed.push(`labeler ${labelerName(config.labelers[0]!)}`);
  if (!scorersVary) fixed.push(`scored by ${SCORER_NAMES[config.scorers[0]!]}`);
  return { pairingVaries, responsesVary, labelersVary, scorersVary, fixed };
}

/**
 * A cell's strategy in words, naming only what varies in the sweep (all of it when
 * nothing varies): e.g. "random ratio 0.5", "round robin · 3 responses · crowd". @internal
 */
export function strategyLabel(config: NormalisedConvergenceConfig, cell: ConvergenceCellKey): string {
  const { pairingVaries, responsesVary, labelersVary, scorersVary } = strategyParts(config);
  const everything = !pairingVaries && !responsesVary && !labelersVary && !scorersVary;
  const parts: string[] = [];
  if (pairingVaries || everything) parts.push(cell.randomRatio === null ? 'round robin' : `random ratio ${cell.randomRatio}`);
  if (responsesVary) parts.push(`${cell.responses} response${cell.responses === 1 ? '' : 's'}`);
  if (labelersVary) parts.push(cell.labeler);
  if (scorersVary) parts.push(SCORER_NAMES[cell.scorer]);
  return parts.join(' · ');
}
