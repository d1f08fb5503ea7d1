/**
 * Weights brought to a scale the fit's arithmetic handles, by a power of two.
 *
 * Why: the penalised likelihood with weights w and prior λ has the same maximum as with
 * weights w / u and prior λ / u, and u times its information, so its covariance is the
 * rescaled fit's divided by u. Mathematically the fit is scale-free; in floating point it
 * is not: with weights of 1e-300 the squared norms of the Newton systems underflow to 0
 * (the fit stops at the start, `converged: true`), and with weights near 2^53 the
 * centring of the covariance cancels every digit of the variances (standard errors of 0).
 * A table whose heaviest datapoint lies outside [2^-10, 2^30] is therefore fitted in
 * units of the power of two just below that weight, then mapped back. Inside that range
 * nothing changes, so ordinary fits keep every bit.
 * @internal
 * @module
 */
import type { ComparisonTableData, PairWins } from './comparisonTableData.js';
import { powerOfTwoBelow } from './powerOfTwoBelow.js';

/** Heaviest datapoint (wins + losses + draws) fitted as it is: [2^-10, 2^30]. */
const UNSCALED_WEIGHT_RANGE = /* @__PURE__ */ Object.freeze({ low: 2 ** -10, high: 2 ** 30 });

/**
 * Games lighter than this share of the prior (2^-900) cannot move a score by a
 * representable amount: the unit is never smaller, so prior / unit stays finite.
 */
const NEGLIGIBLE_AGAINST_PRIOR = 2 ** -900;

/**
 * The table with its games divided by `unit`, a power of two (1 when the heaviest
 * datapoint is inside [2^-10, 2^30] or every weight is 0; then `data` itself). Fit it with prior / unit; multiply its log-likelihood by unit and divide its
 * variances by unit. O(n + pairs).
 * @internal
 */
export function scaledTable(data: ComparisonTableData, prior: number): { readonly data: ComparisonTableData; readonly unit: number } {
  let heaviest = 0;
  for (let i = 0; i < data.ids.length; i++) heaviest = Math.max(heaviest, data.wins[i]! + data.losses[i]! + data.draws[i]!);
  if (heaviest === 0 || (heaviest >= UNSCALED_WEIGHT_RANGE.low && heaviest <= UNSCALED_WEIGHT_RANGE.high)) return { data, unit: 1 };
  const floor = prior > 0 ? powerOfTwoBelow(prior) * NEGLIGIBLE_AGAINST_PRIOR : 0;
  const unit = Math.max(powerOfTwoBelow(heaviest), floor);
  // Exact, but for games below 2^-1022 of the unit, far too light to move a score.
  const scale = (values: Float64Array): Float64Array => values.map((value) => value / unit);
  const side = (wins: PairWins): PairWins => ({ low: scale(wins.low), high: scale(wins.high) });
  return {
    data: {
      ...data,
      wins: scale(data.wins),
      losses: scale(data.losses),
      draws: scale(data.draws),
      unsided: side(data.unsided),
      lowLeft: side(data.lowLeft),
      highLeft: side(data.highLeft),
    },
    unit,
  };
}
