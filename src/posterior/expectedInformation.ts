/**
 * How much a comparison is expected to teach: the expected information gain of
 * D. V. Lindley ("On a measure of the information provided by an experiment",
 * Ann. Math. Statist. 27(4), 1956), E over the outcome of KL(posterior ‖ prior), here
 * summed over the two datapoints' Gaussian beliefs after the one-comparison update of
 * comparisonUpdate.ts. It is the criterion ASAP maximises (A. Mikhailiuk, C. Wilmot,
 * M. Perez-Ortiz, D. Yue, R. Mantiuk, "Active sampling for pairwise comparisons via
 * approximate message passing and information gain maximization", ICPR 2020, §III-B),
 * which recomputes the whole posterior for every candidate; evaluating it on the two
 * datapoints' beliefs alone is O(1) per candidate. It is largest for pairs whose
 * order is a coin toss and whose scores are uncertain.
 * @internal
 * @module
 */
import { inverseMillsRatio, standardNormalCdf } from '../stats/normalDistribution.js';

/**
 * Expected information (nats) from one comparison of a and b (means and variances in Elo
 * points) under comparison noise `noise`. O(1).
 */
export function expectedInformation(meanA: number, varianceA: number, meanB: number, varianceB: number, noise: number): number {
  const v = varianceA + varianceB;
  const total2 = v + 2 * noise * noise;
  const total = Math.sqrt(total2);
  const t = (meanA - meanB) / total;
  const pA = standardNormalCdf(t);
  return pA * outcomeInformation(t, varianceA, varianceB, total, total2) + (1 - pA) * outcomeInformation(-t, varianceA, varianceB, total, total2);
}

// KL(new ‖ old) of both beliefs after the outcome whose standardised margin is t.
function outcomeInformation(t: number, varianceA: number, varianceB: number, total: number, total2: number): number {
  const ratio = inverseMillsRatio(t);
  const w = ratio * (ratio + t);
  return gaussianKl(varianceA, ratio / total, w / total2) + gaussianKl(varianceB, ratio / total, w / total2);
}

// KL(N(μ + σ² s, σ²(1 − σ² r)) ‖ N(μ, σ²)) for a mean shift σ² s and shrink factor σ² r.
function gaussianKl(variance: number, s: number, r: number): number {
  const keep = 1 - variance * r;
  return 0.5 * (keep + variance * s * s - 1 - Math.log(keep));
}

/**
 * A datapoint's variance as if each of its `pending` issued, unanswered matchups had
 * already been answered against an opponent as uncertain as itself at even odds
 * (TrueSkill's variance step with w(0) = 2/π): later picks then count the information
 * already on its way. O(pending), at most 64 steps (beyond them the change is negligible
 * for choosing).
 */
export function varianceWithPending(variance: number, pending: number, noise: number): number {
  let result = variance;
  const steps = Math.min(pending, 64);
  for (let k = 0; k < steps; k++) result *= 1 - ((2 / Math.PI) * result) / (2 * noise * noise + 2 * result);
  return result;
}
