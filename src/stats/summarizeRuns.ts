/**
 * Summary statistics of one metric over many simulated runs: mean, sample standard
 * deviation (Welford's one-pass update, B. P. Welford, Technometrics 4(3), 1962), a
 * Student's t confidence interval of the mean, and percentiles by linear interpolation
 * between order statistics (Hyndman & Fan's type 7, "Sample quantiles in statistical
 * packages", The American Statistician 50(4), 1996; the default of R and NumPy).
 * @module
 */
import type { MetricSummary } from '../convergence/convergenceTypes.js';
import { quantile } from './quantile.js';
import { studentTQuantile975 } from './studentTQuantile.js';

/**
 * Summarises `values` (NaN entries are left out and not counted). Always visits the
 * values in the order given, so the same values give bit-identical summaries. O(n log n).
 * @internal
 */
export function summarizeRuns(values: ArrayLike<number>): MetricSummary {
  const defined: number[] = [];
  let mean = 0;
  let sumOfSquares = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (Number.isNaN(value)) continue;
    defined.push(value);
    const delta = value - mean;
    mean += delta / defined.length;
    sumOfSquares += delta * (value - mean);
  }
  const n = defined.length;
  if (n === 0) return { n, mean: null, sd: null, ciLow: null, ciHigh: null, p2_5: null, p97_5: null };
  defined.sort((a, b) => a - b);
  const p2_5 = quantile(defined, 0.025);
  const p97_5 = quantile(defined, 0.975);
  if (n === 1) return { n, mean, sd: null, ciLow: null, ciHigh: null, p2_5, p97_5 };
  const sd = Math.sqrt(sumOfSquares / (n - 1));
  const halfWidth = (studentTQuantile975(n - 1) * sd) / Math.sqrt(n);
  return { n, mean, sd, ciLow: mean - halfWidth, ciHigh: mean + halfWidth, p2_5, p97_5 };
}
