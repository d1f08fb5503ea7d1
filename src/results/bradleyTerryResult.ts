/**
 * A ranking's order from a Bradley–Terry fit to its responses.
 * @internal
 * @module
 */
import type { Comparison } from '../bradleyTerry/comparisonTypes.js';
import type { EloParameters } from '../definition/types.js';
import type { JobComparison, RankingResult, RankingResultEntry } from '../job/types.js';
import type { RankingState } from '../state/rankingState.js';
import { RankingInputError } from '../errors.js';
import { analyticIntervals } from '../bradleyTerry/analyticIntervals.js';
import { comparisonTable } from '../bradleyTerry/comparisonTable.js';
import { fitComparisonTable, resolveBradleyTerryOptions, type BradleyTerryFit } from '../bradleyTerry/fitBradleyTerry.js';
import { MIN_POSITIVE_WEIGHT } from '../bradleyTerry/parseComparison.js';
import { weightUnit } from './weightUnit.js';

/** What the Bradley–Terry scorer needs beyond the ranking. */
export interface BradleyTerryResultOptions {
  readonly prior: number;
  readonly positionEffect: boolean;
  /** Confidence of the intervals, or null for none. */
  readonly confidence: number | null;
  /** A response's weight from its labeler. */
  readonly weightOf: (labelerId: string | undefined) => number;
}

/**
 * The ranking's entries by fitted score (ties in input order, competition ranks), each
 * with its standard error, and intervals when asked. Wins, losses and draws are the
 * job's matchup counts, as in the Elo result. Datapoints without a completed matchup
 * enter the fit with weight 0, so the prior holds them at the centre. `responses`: those
 * of the ranking's completed matchups.
 */
export function bradleyTerryResult(
  state: RankingState,
  ranking: number,
  responses: number,
  votes: readonly JobComparison[],
  elo: EloParameters,
  options: BradleyTerryResultOptions,
): RankingResult {
  const { ids, wins, losses, draws, size } = state;
  const fit = fitRanking(ids.slice(0, size), votes, elo, options);
  const fitted = new Map(fit.entries.map((entry) => [entry.datapoint, entry]));
  const bounds =
    options.confidence === null
      ? null
      : new Map(
          analyticIntervals(fit, { confidence: options.confidence }).entries.map(({ datapoint, lower, upper, bestRank, worstRank }) => [
            datapoint,
            { lower, upper, bestRank, worstRank },
          ]),
        );
  const order = Array.from({ length: size }, (_, i) => i);
  order.sort((a, b) => fitted.get(ids[b]!)!.score - fitted.get(ids[a]!)!.score || a - b);
  const entries: RankingResultEntry[] = [];
  let rank = 1;
  order.forEach((i, position) => {
    const entry = fitted.get(ids[i]!)!;
    if (position > 0 && entry.score !== entries[position - 1]!.score) rank = position + 1;
    const interval = bounds?.get(entry.datapoint);
    entries.push({
      rank,
      datapoint: ids[i]!,
      score: entry.score,
      wins: wins[i]!,
      losses: losses[i]!,
      draws: draws[i]!,
      comparisons: wins[i]! + losses[i]! + draws[i]!,
      standardError: entry.standardError,
      ...(interval === undefined ? {} : interval),
    });
  });
  const effect = fit.positionEffect;
  return {
    ranking,
    comparisons: state.completed,
    responses,
    entries,
    ...(options.positionEffect
      ? {
          positionEffect:
            effect === null
              ? null
              : { score: effect.score, standardError: effect.standardError, ...(effect.identified === false ? { identified: false as const } : {}) },
        }
      : {}),
    fit: { converged: fit.converged, iterations: fit.iterations, standardErrorsExact: fit.standardErrorsExact },
  };
}

/**
 * The Bradley–Terry fit of one ranking's responses on the Elo scale (center the initial
 * rating), every datapoint included: one not yet compared enters with weight 0, so the
 * prior holds it at the centre. `exactStandardErrorsUpTo` lowers the size up to which
 * standard errors are exact (simulations use it to stay fast). @internal
 */
export function fitRanking(
  ids: readonly string[],
  votes: readonly JobComparison[],
  elo: EloParameters,
  options: Pick<BradleyTerryResultOptions, 'prior' | 'positionEffect' | 'weightOf'>,
  exactStandardErrorsUpTo?: number,
): BradleyTerryFit {
  const raw = votes.map((vote) => options.weightOf(vote.labelerId));
  // Measured in the power of two below the largest (weightUnit.ts), so the sum stays finite
  // and its reciprocal too, whatever the caller's scale.
  const unit = weightUnit(raw.reduce((largest, weight) => Math.max(largest, weight), 0));
  const weights = raw.map((weight) => weight / unit);
  // Weights are relative: rescaled to average 1, they move influence between labelers
  // without pretending there is more (or less) data, which would shrink (or widen) the
  // standard errors.
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const rescale = total > 0 ? votes.length / total : 0;
  const comparisons: Comparison[] = votes.map((vote, k) => ({
    left: vote.left,
    right: vote.right,
    outcome: vote.outcome,
    weight: recordWeight(weights[k]! * rescale),
  }));
  for (let i = 0; i < ids.length; i++) comparisons.push({ a: ids[i]!, b: ids[i === 0 ? 1 : 0]!, aWins: 0, bWins: 0 });
  const resolved = resolveBradleyTerryOptions({
    prior: options.prior,
    // Without a weighted record there is nothing to learn the left side's advantage from.
    positionEffect: options.positionEffect && total > 0,
    scale: elo.scale,
    center: elo.initialRating,
  });
  try {
    return fitComparisonTable(comparisonTable(comparisons), resolved, exactStandardErrorsUpTo === undefined ? {} : { exactStandardErrorsUpTo });
  } catch (error) {
    // With prior 0 some datapoints may have no finite score yet: that is the caller's prior choice.
    if (error instanceof RankingInputError && error.path === 'comparisons') {
      throw new RankingInputError('options.prior', `is 0, and ${error.message.slice('comparisons: '.length)}`);
    }
    throw error;
  }
}

// After rescaling the heaviest response weighs at least ½; one below 2^-1022 (a subnormal
// double, which the fit refuses) moves no score by a representable amount: it counts 0.
function recordWeight(weight: number): number {
  return weight < MIN_POSITIVE_WEIGHT ? 0 : weight;
}
