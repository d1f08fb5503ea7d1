/**
 * A batch's Bradley–Terry scores from its pair counts: `fitBradleyTerry` (maximum
 * penalised likelihood: Bradley & Terry, Biometrika 39, 1952; the fit's own header cites
 * the rest) with the settings a job's `results({ scorer: 'bradleyTerry' })` uses: the
 * default prior (0.01), center the initial rating, the Elo scale, every datapoint in the
 * fit (one not compared yet with weight 0, so the prior holds it at the centre).
 * @internal
 * @module
 */
import type { PairCounts } from '../bradleyTerry/comparisonTypes.js';
import { BRADLEY_TERRY_DEFAULTS, fitBradleyTerry } from '../bradleyTerry/fitBradleyTerry.js';
import type { EloParameters } from '../definition/types.js';
import { PAIR_FIELDS } from './pairTallies.js';

/** Fitted scores and their standard errors (Elo points), in batch order. */
export interface BatchFit {
  readonly scores: Float64Array;
  readonly standardErrors: Float64Array;
}

/**
 * Fits a batch: `pairs` as `PairTallies.sorted` gives them (first, second, first's wins,
 * second's wins, draws; sorted, so the same counts give the same fit bit for bit).
 * O(pairs) per Newton step, plus n³/3 for exact standard errors.
 */
export function fitBatch(ids: readonly string[], pairs: Int32Array, elo: EloParameters): BatchFit {
  const size = ids.length;
  const comparisons: PairCounts[] = [];
  // The zero-weight entries first, so the fit lists the datapoints in batch order.
  for (let i = 0; i < size; i++) comparisons.push({ a: ids[i]!, b: ids[i === 0 ? 1 : 0]!, aWins: 0, bWins: 0 });
  for (let k = 0; k < pairs.length; k += PAIR_FIELDS) {
    comparisons.push({ a: ids[pairs[k]!]!, b: ids[pairs[k + 1]!]!, aWins: pairs[k + 2]!, bWins: pairs[k + 3]!, draws: pairs[k + 4]! });
  }
  const fit = fitBradleyTerry(comparisons, { prior: BRADLEY_TERRY_DEFAULTS.prior, scale: elo.scale, center: elo.initialRating });
  const scores = new Float64Array(size);
  const standardErrors = new Float64Array(size);
  fit.entries.forEach((entry, i) => {
    scores[i] = entry.score;
    standardErrors[i] = entry.standardError;
  });
  return { scores, standardErrors };
}

/**
 * The farthest from the centre a score of {@link fitBatch} can lie, and its largest
 * standard error (Elo points), for a batch with `responses` answers: restore refuses a
 * kept fit beyond them. The penalised information is at least the prior λ times the
 * identity, so no variance exceeds 1/λ (centring only shrinks them); and the penalised
 * log-likelihood at the fit is at least its value at θ = 0, −responses × ln 2, while the
 * log-likelihood is at most 0, so (λ/2)|θ|² ≤ responses × ln 2. O(1).
 */
export function batchFitBounds(elo: EloParameters, responses: number): { readonly distance: number; readonly standardError: number } {
  const points = elo.scale / Math.LN10;
  const prior = BRADLEY_TERRY_DEFAULTS.prior;
  return { distance: points * Math.sqrt((2 * responses * Math.LN2) / prior), standardError: points / Math.sqrt(prior) };
}
