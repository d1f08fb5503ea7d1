/**
 * Where the Newton iterations start: each datapoint's empirical logit of its win rate,
 * instead of 0. On random designs the fit then takes 5 Newton steps instead of 8 (the
 * first steps from 0 are spent growing the strongest and weakest scores out to where the
 * logistic curve flattens); on designs of close pairs, where every win rate is near one
 * half, the start is near 0 and costs nothing. Only the start moves: the maximum is the
 * same, found to the same tolerance.
 * @internal
 * @module
 */
import type { Model } from './bradleyTerryModel.js';
import type { ComparisonTableData } from './comparisonTableData.js';
import { centreComponents, componentsOf } from './componentCentring.js';

// The attenuation correction never scales by more than 2 (it diverges as the logits'
// variance nears 8/π, where the approximation has long stopped holding).
const MAX_ATTENUATION_CORRECTION = 2;

/** The fewest distinct opponents per datapoint, on average, for which the fit starts from the win rates. @internal */
export const MIN_MEAN_OPPONENTS = 4;

/**
 * Fills x[0..n) with a starting point for the fit of `model`, built from `data` (its
 * weights already scaled, the model's prior in the same units), each group of datapoints
 * the games connect centred to mean 0 (as the optimum is, and as the solver keeps it: a
 * start off centre would leave a group's mean where the prior alone must move it):
 *
 * 1. the empirical logit ln((w + ½) / (l + ½)) of each datapoint's wins w and losses l
 *    (a draw half of each; the empirical logistic transform of Cox & Snell, "Analysis of
 *    Binary Data", 2nd ed., 1989), which stays finite for a datapoint that won or lost
 *    everything;
 * 2. shrunk as the prior shrinks a datapoint alone against opponents at 0: by
 *    (g/4) / (g/4 + prior) for g games, the ratio of the games' information at 0 to the
 *    penalised information;
 * 3. scaled up by 1 / √(1 − πv/8) (at most 2), v the logits' variance: against opponents
 *    spread with variance s², a win rate's logit is the score attenuated by
 *    κ = (1 + πs²/8)^(−1/2) (MacKay's approximation of the logistic–normal integral, the
 *    "moderated output" of "The evidence framework applied to classification networks",
 *    Neural Computation 4(5), 1992), and solving v = κ²s² for κ gives this factor.
 *
 * Leaves x at 0 when the datapoints meet fewer than {@link MIN_MEAN_OPPONENTS} distinct
 * opponents each on average (pairs the table lists, counted twice, over datapoints): along a chain (two each) a win rate's logit measures a
 * datapoint against its two neighbours only, and starting there cost 3 Newton steps in
 * 11 (1 200 datapoints, 30 000 records).
 *
 * O(n + pairs). Exact for no design; only a start.
 */
export function winRateStart(model: Model, data: ComparisonTableData, x: Float64Array): void {
  const { n, prior } = model;
  if (2 * model.low.length < MIN_MEAN_OPPONENTS * n) return;
  for (let i = 0; i < n; i++) {
    const half = data.draws[i]! / 2;
    const wins = data.wins[i]! + half;
    const losses = data.losses[i]! + half;
    const information = (wins + losses) / 4;
    x[i] = information === 0 ? 0 : (Math.log((wins + 0.5) / (losses + 0.5)) * information) / (information + prior);
  }
  centreComponents(x, componentsOf(model));
  let squares = 0;
  for (let i = 0; i < n; i++) squares += x[i]! * x[i]!;
  const variance = squares / n;
  const correction = Math.min(MAX_ATTENUATION_CORRECTION, 1 / Math.sqrt(Math.max(1 - (Math.PI * variance) / 8, 0)));
  for (let i = 0; i < n; i++) x[i] = x[i]! * correction;
}
