/**
 * Standings from battle totals: the Bradley–Terry fit on the Elo scale, the Arena's way
 * (Chiang et al., "Chatbot Arena", ICML 2024, §5: maximum likelihood of P(i beats j) =
 * 1 / (1 + 10^((R_j − R_i) / 400)), ties half a win each, scores centred at 1000 or
 * pinned by an anchor), with analytic or bootstrap intervals and the Arena's rank
 * intervals (`rankBounds`).
 * @internal
 * @module
 */
import { confidenceMultiplier, rankBounds } from '../bradleyTerry/analyticIntervals.js';
import { MAX_COVARIANCE_DATAPOINTS, fitBradleyTerry } from '../bradleyTerry/fitBradleyTerry.js';
import type { BradleyTerryFit } from '../bradleyTerry/bradleyTerryFitTypes.js';
import { RankingInputError } from '../errors.js';
import { bootstrapBounds } from './bootstrapBounds.js';
import type { LeaderboardSettings } from './leaderboardSettings.js';
import type { StandingEntry, Standings } from './leaderboardTypes.js';
import { pairCountsOf, type PairTotals } from './pairTotals.js';
import type { ResolvedStandingsOptions } from './standingsOptions.js';

/** The fit of the totals, its scores anchored, with the model number of each entry. @internal */
export interface AnchoredFit {
  readonly fit: BradleyTerryFit;
  /** Per entry: the model's number. */
  readonly models: Int32Array;
  /** Per entry: the score, anchored when `anchored`. */
  readonly scores: Float64Array;
  /** Per entry: its standard error (of the difference from the anchor when anchored). */
  readonly standardErrors: Float64Array;
  readonly anchored: boolean;
}

/**
 * Computes the standings. O(battles in totals) already spent; here O(pairs × Newton
 * steps) for the fit (plus n³/3 for exact standard errors), and the bootstrap's rounds.
 * @throws {@link RankingInputError} when `prior` is 0 and some score is infinite, or a
 *   multinomial bootstrap is asked for with `prior` 0.
 * @internal
 */
export function computeStandings(totals: PairTotals, modelIds: readonly string[], settings: LeaderboardSettings, options: ResolvedStandingsOptions): Standings {
  const base = {
    battles: totals.battles,
    tag: options.tag,
    intervals: options.intervals,
    confidence: options.confidence,
    rounds: options.intervals === 'bootstrap' ? options.rounds : null,
    resampling: options.intervals === 'bootstrap' ? options.resampling : null,
    scale: settings.scale,
    center: settings.center,
    prior: settings.prior,
    inverseRanking: settings.inverseRanking,
  };
  if (totals.battles === 0) return { ...base, entries: [], unrated: modelIds.slice(), anchor: null, converged: true };
  if (options.intervals === 'bootstrap' && options.resampling === 'multinomial' && settings.prior === 0) {
    throw new RankingInputError(
      'options.resampling',
      "'multinomial' needs a prior > 0: a round can draw none of a model's wins (or losses), and its maximum-likelihood score is then infinite; use 'bayesian' (every battle keeps a positive weight) or a prior such as 1e-6",
    );
  }

  let fitted: AnchoredFit;
  let lower: Float64Array;
  let upper: Float64Array;
  let converged: boolean;
  if (options.intervals === 'bootstrap') {
    const bounds = bootstrapBounds({
      pairCounts: pairCountsOf(totals, modelIds),
      prior: settings.prior,
      scale: settings.scale,
      center: settings.center,
      anchor: settings.anchor,
      rounds: options.rounds,
      resampling: options.resampling,
      seed: options.seed,
      confidence: options.confidence,
    });
    fitted = anchorFit(bounds.fit, modelIds, settings);
    ({ lower, upper } = bounds);
    converged = bounds.fit.converged && bounds.nonConverged === 0;
  } else {
    fitted = fitTotals(totals, modelIds, settings);
    const z = confidenceMultiplier(options.confidence);
    lower = fitted.scores.map((score, i) => score - z * fitted.standardErrors[i]!);
    upper = fitted.scores.map((score, i) => score + z * fitted.standardErrors[i]!);
    converged = fitted.fit.converged;
  }

  // Lower is better: ranks from the bounds of the negated scores.
  const inverse = settings.inverseRanking;
  const { best, worst } = inverse ? rankBounds(upper.map((x) => -x), lower.map((x) => -x)) : rankBounds(lower, upper);
  const n = fitted.scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => {
    const difference = inverse ? fitted.scores[i]! - fitted.scores[j]! : fitted.scores[j]! - fitted.scores[i]!;
    return difference || fitted.models[i]! - fitted.models[j]!;
  });
  const entries: StandingEntry[] = [];
  for (const [position, i] of order.entries()) {
    const model = fitted.models[i]!;
    const previous = entries[position - 1];
    const score = fitted.scores[i]!;
    entries.push({
      rank: previous !== undefined && previous.score === score ? previous.rank : position + 1,
      model: modelIds[model]!,
      score,
      standardError: fitted.standardErrors[i]!,
      lower: lower[i]!,
      upper: upper[i]!,
      bestRank: best[i]!,
      worstRank: worst[i]!,
      wins: totals.wins[model]!,
      losses: totals.losses[model]!,
      draws: totals.draws[model]!,
      bothBad: totals.bothBad[model]!,
      battles: battlesOf(totals, model),
    });
  }
  const rated = new Uint8Array(modelIds.length);
  for (const model of fitted.models) rated[model] = 1;
  return {
    ...base,
    entries,
    unrated: modelIds.filter((_, model) => rated[model] === 0),
    anchor: fitted.anchored ? settings.anchor : null,
    converged,
  };
}

/**
 * The fit of the totals (with the covariance when anchored, for the standard errors
 * of differences), anchored. @internal
 */
export function fitTotals(totals: PairTotals, modelIds: readonly string[], settings: LeaderboardSettings): AnchoredFit {
  const anchor = settings.anchor === null ? -1 : modelIds.indexOf(settings.anchor.model);
  let rated = 0;
  for (let model = 0; model < modelIds.length; model++) if (battlesOf(totals, model) > 0) rated++;
  const fit = fitBradleyTerry(pairCountsOf(totals, modelIds), {
    prior: settings.prior,
    scale: settings.scale,
    center: settings.center,
    covariance: anchor >= 0 && battlesOf(totals, anchor) > 0 && rated <= MAX_COVARIANCE_DATAPOINTS,
  });
  return anchorFit(fit, modelIds, settings);
}

function battlesOf(totals: PairTotals, model: number): number {
  return totals.wins[model]! + totals.losses[model]! + totals.draws[model]! + totals.bothBad[model]!;
}

// Scores shifted so the anchor has its rating; standard errors of differences from it.
function anchorFit(fit: BradleyTerryFit, modelIds: readonly string[], settings: LeaderboardSettings): AnchoredFit {
  const numberOf = new Map(modelIds.map((id, model) => [id, model]));
  const models = Int32Array.from(fit.ids, (id) => numberOf.get(id)!);
  const scores = Float64Array.from(fit.entries, (entry) => entry.score);
  const standardErrors = Float64Array.from(fit.entries, (entry) => entry.standardError);
  const a = settings.anchor === null ? -1 : fit.ids.indexOf(settings.anchor.model);
  if (a < 0) return { fit, models, scores, standardErrors, anchored: false };
  const shift = settings.anchor!.rating - scores[a]!;
  const covariance = fit.covariance;
  const anchorVariance = standardErrors[a]! ** 2;
  for (let i = 0; i < scores.length; i++) {
    scores[i] = i === a ? settings.anchor!.rating : scores[i]! + shift;
    // Var(s_i − s_a); without the covariance (over 2 000 models) the two as if independent.
    const variance = covariance === undefined ? standardErrors[i]! ** 2 + anchorVariance : covariance[i]![i]! + covariance[a]![a]! - 2 * covariance[i]![a]!;
    standardErrors[i] = i === a ? 0 : Math.sqrt(Math.max(0, variance));
  }
  return { fit, models, scores, standardErrors, anchored: true };
}
