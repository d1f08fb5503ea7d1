/**
 * A ranking's order from its Bayesian posterior: expectation propagation over every
 * completed matchup (posterior/expectationPropagation.ts), from the definition's prior.
 *
 * Why these are the default scores: the posterior mean is the estimate with the least
 * expected squared error when the model holds, it is sensible from the first answer on
 * (an undefeated datapoint is pulled back by the prior instead of flying off), and its
 * credible intervals need no correction for adaptive pair selection: Bayesian inference
 * conditions on the answers, and how the pairs were chosen from earlier answers does not
 * enter the likelihood (the likelihood principle; see e.g. A. Gelman et al., Bayesian
 * Data Analysis, 3rd ed., 2013, §8.3 "ignorability"). Simulated coverage: bench/README.md.
 * @internal
 * @module
 */
import { confidenceMultiplier, rankBounds } from '../bradleyTerry/analyticIntervals.js';
import type { RankingJobDefinition } from '../definition/types.js';
import type { RankingResult } from '../job/types.js';
import { rankedEntries } from './rankingResult.js';
import { MAX_SWEEPS, expectationPropagation, type ComparisonFactors } from '../posterior/expectationPropagation.js';
import { JOINT_POSTERIOR_UP_TO, jointPosterior } from '../posterior/jointPosterior.js';
import type { RankingState } from '../state/rankingState.js';

/** What the posterior scorer needs beyond the ranking. */
export interface PosteriorResultOptions {
  /** Credibility of the intervals, or null for none. */
  readonly confidence: number | null;
  /** A response's weight from its labeler. */
  readonly weightOf: (labelerId: string | undefined) => number;
}

/** Factorised sweeps that start the joint refinement. */
const STARTING_SWEEPS = 20;
/** Largest mean change (Elo points, per unit of the Elo scale) at which EP counts as settled. */
const TOLERANCE_PER_SCALE = 1e-6;

/**
 * The ranking's entries by posterior mean (ties in input order, competition ranks),
 * each with its posterior standard deviation, and credible intervals when asked.
 * O(sweeps × matchups + n log n), plus O(n³) per iteration of the joint posterior up to
 * 500 datapoints (posterior/jointPosterior.ts). `responses`: those of the ranking's completed matchups.
 */
export function posteriorResult(
  state: RankingState,
  ranking: number,
  responses: number,
  factors: ComparisonFactors,
  definition: RankingJobDefinition,
  options: PosteriorResultOptions,
): RankingResult {
  const { size } = state;
  const { means, variances, sweeps, converged } = rankingPosterior(state, factors, definition);
  const initial = definition.elo.initialRating;
  const scores = new Float64Array(size);
  const sds = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    scores[i] = initial + means[i]!;
    sds[i] = Math.sqrt(variances[i]!);
  }
  let bounds: { lower: Float64Array; upper: Float64Array; best: Int32Array; worst: Int32Array } | null = null;
  if (options.confidence !== null) {
    const z = confidenceMultiplier(options.confidence);
    const lower = new Float64Array(size);
    const upper = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      lower[i] = scores[i]! - z * sds[i]!;
      upper[i] = scores[i]! + z * sds[i]!;
    }
    bounds = { lower, upper, ...rankBounds(lower, upper) };
  }
  const entries = rankedEntries(state, scores, (i) => ({
    standardError: sds[i]!,
    ...(bounds === null ? {} : { lower: bounds.lower[i]!, upper: bounds.upper[i]!, bestRank: bounds.best[i]!, worstRank: bounds.worst[i]! }),
  }));
  return { ranking, comparisons: state.completed, responses, entries, fit: { converged, iterations: sweeps } };
}

/** A ranking's posterior as `results()` reports it: means (offsets from the initial rating) and variances. */
export interface RankingPosterior {
  readonly means: Float64Array;
  readonly variances: Float64Array;
  /** The variance of the difference of two scores (see jointPosterior.ts). */
  readonly differenceVariance: (a: number, b: number) => number;
  /** Factorised EP sweeps, and whether the final posterior converged. */
  readonly sweeps: number;
  readonly converged: boolean;
}

/**
 * The posterior of one ranking from its factors: factorised EP, refined on the joint
 * Gaussian (up to 500 datapoints), with the proven order of sort pairing applied.
 * O(sweeps × matchups), plus O(n³) per refinement step up to 500 datapoints.
 */
export function rankingPosterior(state: RankingState, factors: ComparisonFactors, definition: RankingJobDefinition): RankingPosterior {
  const { priorSd, noise } = definition.posterior;
  const priorMeans = state.startOffsets.subarray(0, state.size);
  const tolerance = TOLERANCE_PER_SCALE * definition.elo.scale;
  // Up to 500 datapoints these sweeps only start the joint refinement, which settles the rest.
  const sweeps = state.size <= JOINT_POSTERIOR_UP_TO ? STARTING_SWEEPS : MAX_SWEEPS;
  const posterior = expectationPropagation(priorMeans, priorSd * priorSd, factors, noise, tolerance, sweeps);
  const joint = jointPosterior(priorMeans, priorSd * priorSd, factors, noise, posterior, tolerance);
  const means = provenOrderMeans(state, factors, joint.means) ?? joint.means;
  return { means, variances: joint.variances, differenceVariance: joint.differenceVariance, sweeps: posterior.sweeps, converged: joint.converged };
}

/**
 * Sort pairing, once every datapoint is placed and no completed matchup contradicts the
 * chain: the answers prove its order (a sort's comparisons determine the order of
 * everything it sorted), which a Gaussian posterior cannot always see (it forgets how
 * the comparisons chain together). The posterior means are then reassigned along the
 * chain, highest to the top: the same scores, in the order the answers prove. Null
 * otherwise (the posterior's own order stands). O(matchups + n log n).
 */
function provenOrderMeans(state: RankingState, factors: ComparisonFactors, means: Float64Array): Float64Array | null {
  const sort = state.sort;
  if (sort === null || !sort.complete) return null;
  const { position } = sort;
  for (let k = 0; k < factors.count; k++) {
    const a = factors.a[k]!;
    const b = factors.b[k]!;
    const forA = factors.winsA[k]!;
    const forB = factors.winsB[k]!;
    if ((forA > forB && position[a]! < position[b]!) || (forB > forA && position[b]! < position[a]!)) return null;
  }
  const sorted = Float64Array.from(means).sort();
  const reassigned = new Float64Array(means.length);
  for (let p = 0; p < sort.length; p++) reassigned[sort.chain[p]!] = sorted[p]!;
  return reassigned;
}
