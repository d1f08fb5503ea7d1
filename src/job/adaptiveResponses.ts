/**
 * Adaptive responses per matchup: the rule that decides, after each response, whether a
 * matchup has heard enough.
 *
 * The rule is a Bayesian sequential test on p, the share of (weighted) responses that
 * prefer the left datapoint, with the Jeffreys prior Beta(½, ½) (H. Jeffreys, "An
 * invariant form for the prior probability in estimation problems", Proc. R. Soc. A 186,
 * 1946; the binomial prior Brown, Cai and DasGupta recommend in "Interval estimation for a
 * binomial proportion", Statistical Science 16(2), 2001). After ℓ responses for the left,
 * r for the right and d draws (a draw counts half to each side), p ~ Beta(½ + ℓ + d/2,
 * ½ + r + d/2), and the matchup completes at the first response after which
 *
 * - the winner is clear: P(p > ½) ≥ minConfidence (left) or P(p < ½) ≥ minConfidence
 *   (right);
 * - or it is ambiguous: P(p_lo < p < p_hi) ≥ minConfidence, where [p_lo, p_hi] is the
 *   band of splits whose normalised Gini impurity 4p(1 − p) is at least
 *   ambiguityThreshold (p_lo = (1 − √(1 − g)) / 2: 0.2 for the default g = 0.64, a
 *   20/80 split);
 * - or it has maxResponses responses;
 *
 * and never before minResponses. Stopping when a posterior probability crosses a
 * threshold is the Bayesian monitoring rule of sequential trials (P. F. Thall and R. Simon,
 * "Practical Bayesian guidelines for phase IIB clinical trials", Biometrics 50, 1994;
 * L. Hagar, S. Golchi and M. B. Klein, "Sequential design with posterior and posterior
 * predictive probabilities", arXiv:2504.00856, 2025); the three outcomes and their
 * defaults are the hosted service's adaptive stopping (maxResponses 100, minConfidence
 * 0.9, ambiguityThreshold 0.64). With the Jeffreys prior two agreeing responses settle a
 * pair at 0.9 (P = 0.924); the uniform prior would need three (0.9375).
 *
 * The data-dependent stop leaves the scores sound: the likelihood of the responses does
 * not depend on the stopping rule (the likelihood principle; J. O. Berger and R. L.
 * Wolpert, "The Likelihood Principle", IMS Lecture Notes 6, 1988), so the posterior and
 * Bradley–Terry scorers, which read every response, need no correction.
 *
 * With validation matchups the rule is trust-weighted: each response counts with its
 * labeler's weight as of that response ({@link ResponseWeights}: 1 without a validation
 * record, falling towards 0 as the labeler's validation answers approach chance), so a
 * random clicker's answers stop settling pairs or calling them ambiguous. The decision is
 * a pure function of the job's log up to each response, so snapshots, restores and
 * replays of the event log reproduce every completion exactly.
 * @internal
 * @module
 */
import type { AdaptiveResponsesParameters, ResponsesPerComparison, ValidationParameters, VoteAggregation } from '../definition/types.js';
import { regularizedIncompleteBeta } from '../trust/betaDistribution.js';

/** The Jeffreys prior's pseudo-count on each side. */
const PRIOR = 0.5;

/** What the rule says of a matchup after a response. */
export const VERDICT = /* @__PURE__ */ Object.freeze({
  /** Keep collecting. */
  collecting: 0,
  /** The left datapoint is the clear winner. */
  left: 1,
  /** The right datapoint is the clear winner. */
  right: 2,
  /** The pair is too close to call: complete as ambiguous. */
  ambiguous: 3,
  /** maxResponses reached without a clear winner or a call of ambiguity. */
  exhausted: 4,
});

/** A {@link VERDICT} code. */
export type Verdict = (typeof VERDICT)[keyof typeof VERDICT];

/** Outcome codes, as the ledger and the vote log number them. */
const OUTCOME_CODE = { left: 0, right: 1, draw: 2 } as const;

/** Prior pseudo-counts of right and wrong validation answers: Beta(3, 1.5), the trust estimator's prior (mean ⅔). */
const PRIOR_RIGHT = 3;
const PRIOR_WRONG = 1.5;
/** 2A₀ − 1 at the prior mean A₀ = ⅔: the chance-corrected accuracy of a labeler without a record. */
const PRIOR_SKILL = (2 * PRIOR_RIGHT) / (PRIOR_RIGHT + PRIOR_WRONG) - 1;

/**
 * The weight in the stopping rule of a labeler who has answered validation matchups
 * `right` and `wrong` times: with A = (3 + right) / (4.5 + right + wrong), the posterior
 * mean of its accuracy under Beta(3, 1.5) (the trust estimator's prior), its
 * chance-corrected accuracy 2A − 1 relative to the prior's (⅓), clipped to [0, 1]:
 * min(1, max(0, 3(2A − 1))). So a labeler without a record weighs 1 (as without
 * validation matchups at all), one whose record is at least as good as the prior expects
 * weighs 1, and one answering at chance (a random or a side clicker: validation sides are
 * drawn at random) falls towards 0 as its record grows (2 of 4 right: 0.53; 5 of 10:
 * 0.31; 10 of 20: 0.18). Capped at 1 so that a careful labeler's record never makes a
 * response count more than an unknown labeler's: the rule's thresholds stay what they say
 * for a job without validation. A draw answer is right only when the known answer is a
 * draw, as in `job.labelers()`. O(1).
 * @example
 * ```ts
 * validationWeight(0, 0); // 1
 * validationWeight(0, 1); // 0.2727…: one wrong answer, A = 3 / 5.5
 * ```
 */
export function validationWeight(right: number, wrong: number): number {
  const accuracy = (PRIOR_RIGHT + right) / (PRIOR_RIGHT + PRIOR_WRONG + right + wrong);
  return Math.min(1, Math.max(0, (2 * accuracy - 1) / PRIOR_SKILL));
}

/**
 * The weight each response carries in the stopping rule, as of its place in the job's
 * log: the {@link validationWeight} of its labeler's validation answers recorded before
 * it. Every path that applies the rule (the live job, the restore check
 * `checkAdaptiveVotes`, the restored job's tallies, `jobComparisons`) feeds one of these
 * every response of the log, oldest first, through {@link ResponseWeights.weigh}, so they
 * all see the same weights. Without validation matchups, or for a response without a
 * labelerId, every weight is 1. O(1) per response; one small record per labeler that
 * answered a validation matchup.
 */
export class ResponseWeights {
  // Per validation pair k: the code (0 left, 1 right, 2 draw) of its answer with the pair shown as defined.
  private readonly answers: Uint8Array | null;
  // Per labeler with validation answers: [right, wrong]. A Map: ids are arbitrary strings.
  private readonly records = new Map<string, [number, number]>();

  constructor(validation: ValidationParameters | undefined) {
    this.answers = validation === undefined ? null : Uint8Array.from(validation.matchups, (matchup) => OUTCOME_CODE[matchup.answer]);
  }

  /** The weight of `labelerId`'s next response, from its validation answers so far. O(1). */
  weightOf(labelerId: string | undefined): number {
    const record = labelerId === undefined ? undefined : this.records.get(labelerId);
    return record === undefined ? 1 : validationWeight(record[0], record[1]);
  }

  /**
   * The weight of the next response in the log (outcome code 0 left, 1 right, 2 draw; to
   * matchup datapoints `left` of `ranking`, −1 for a validation matchup, whose left index
   * 2k or 2k + 1 names pair k and its sides), then its answer noted when it is a
   * validation answer: a response's own answer never weighs it. O(1).
   */
  weigh(ranking: number, left: number, outcome: number, labelerId: string | undefined): number {
    const weight = this.weightOf(labelerId);
    const { answers } = this;
    if (answers === null || ranking >= 0 || labelerId === undefined) return weight;
    const answer = answers[left >> 1]!;
    // Odd: the pair was shown swapped, so a sided answer swaps too.
    const shown = (left & 1) === 0 || answer === 2 ? answer : 1 - answer;
    let record = this.records.get(labelerId);
    if (record === undefined) {
      record = [0, 0];
      this.records.set(labelerId, record);
    }
    record[outcome === shown ? 0 : 1]++;
    return weight;
  }
}

/** The normalised `responsesPerComparison` as a fixed count, or null when adaptive. */
export function fixedResponses(responses: ResponsesPerComparison): number | null {
  return typeof responses === 'number' ? responses : null;
}

/** The most responses a matchup can take: the fixed count, or `maxResponses`. */
export function maxResponsesOf(responses: ResponsesPerComparison): number {
  return typeof responses === 'number' ? responses : responses.maxResponses;
}

/**
 * The lower end of the ambiguity band: the split p ≤ ½ whose normalised Gini impurity
 * 4p(1 − p) equals `threshold` (0.2 for 0.64). O(1).
 */
export function ambiguityBandLow(threshold: number): number {
  return (1 - Math.sqrt(1 - threshold)) / 2;
}

/**
 * P(p > ½) for p ~ Beta(½ + forLeft, ½ + forRight): the posterior probability that a
 * labeler prefers the left datapoint, given the evidence for each side (draws counted
 * half to each). Swapping the sides gives exactly 1 − this. O(√(forLeft + forRight)).
 */
export function leftPreferredProbability(forLeft: number, forRight: number): number {
  return regularizedIncompleteBeta(0.5, PRIOR + forRight, PRIOR + forLeft);
}

/**
 * P(p_lo < p < 1 − p_lo) for p ~ Beta(½ + forLeft, ½ + forRight), p_lo the lower end of
 * the ambiguity band. Symmetric in the two sides to the bit. O(√(forLeft + forRight)).
 */
export function ambiguousProbability(forLeft: number, forRight: number, bandLow: number): number {
  const a = PRIOR + forLeft;
  const b = PRIOR + forRight;
  // I_hi(a, b) − I_lo(a, b) with I_hi(a, b) = 1 − I_lo(b, a): the two tails, summed in either order alike.
  return 1 - (regularizedIncompleteBeta(bandLow, a, b) + regularizedIncompleteBeta(bandLow, b, a));
}

/**
 * What the rule says after `responses` responses whose weights sum to `left`, `right` and
 * `draw` by outcome: collecting, or why the matchup completes. O(√responses).
 * @example
 * ```ts
 * adaptiveVerdict(rule, 2, 2, 0, 0); // VERDICT.left at minConfidence 0.9: P(p > ½) = 0.924 after 2 left, 0 right
 * ```
 */
export function adaptiveVerdict(rule: AdaptiveResponsesParameters, responses: number, left: number, right: number, draw: number): Verdict {
  if (responses < rule.minResponses) return VERDICT.collecting;
  const forLeft = left + draw / 2;
  const forRight = right + draw / 2;
  const leftWins = leftPreferredProbability(forLeft, forRight);
  if (leftWins >= rule.minConfidence) return VERDICT.left;
  if (leftPreferredProbability(forRight, forLeft) >= rule.minConfidence) return VERDICT.right;
  if (ambiguousProbability(forLeft, forRight, ambiguityBandLow(rule.ambiguityThreshold)) >= rule.minConfidence) return VERDICT.ambiguous;
  return responses >= rule.maxResponses ? VERDICT.exhausted : VERDICT.collecting;
}

/**
 * The left datapoint's score in [0, 1] of a matchup that completed with `verdict`, from
 * its weighted votes: under `majority` the clear winner's side (1 or 0), ½ for an
 * ambiguous pair, and the weighted majority (½ when even) when maxResponses ran out;
 * under `allVotes` the weighted share of votes, a draw counting half, whatever the
 * verdict. O(1).
 */
export function adaptiveScore(verdict: Verdict, left: number, right: number, draw: number, aggregation: VoteAggregation): number {
  if (aggregation === 'allVotes') {
    const total = left + right + draw;
    // Every response weighing 0 leaves no share to take: an even score.
    return total > 0 ? (left + draw / 2) / total : 0.5;
  }
  if (verdict === VERDICT.left) return 1;
  if (verdict === VERDICT.right) return 0;
  if (verdict === VERDICT.ambiguous) return 0.5;
  return left > right ? 1 : left < right ? 0 : 0.5;
}

/**
 * The weighted votes of the matchups pending in a ledger's slots, for the stopping rule,
 * and the weights of the job's responses ({@link ResponseWeights}). A slot's tally is reset at its matchup's first response, so it needs no word of
 * openings, releases or expiries. About 24 bytes per slot.
 */
export class AdaptiveTallies {
  private tallies = new Float64Array(48);
  /** The weights of the job's responses, to be fed every response of its log in order. */
  readonly weights: ResponseWeights;

  constructor(
    readonly rule: AdaptiveResponsesParameters,
    validation: ValidationParameters | undefined,
  ) {
    this.weights = new ResponseWeights(validation);
  }

  /**
   * Adds a response (outcome code 0 left, 1 right, 2 draw, of weight `weight`) to the
   * matchup in `slot`, the `responses`-th it received, and returns the rule's verdict. O(√responses).
   */
  add(slot: number, outcome: number, weight: number, responses: number): Verdict {
    if (3 * slot + 3 > this.tallies.length) {
      const grown = new Float64Array(Math.max(2 * this.tallies.length, 3 * slot + 3));
      grown.set(this.tallies);
      this.tallies = grown;
    }
    const { tallies } = this;
    const at = 3 * slot;
    if (responses === 1) tallies.fill(0, at, at + 3);
    tallies[at + outcome]! += weight;
    return adaptiveVerdict(this.rule, responses, tallies[at]!, tallies[at + 1]!, tallies[at + 2]!);
  }

  /** The score of the matchup in `slot`, completing now with `verdict`. O(1). */
  score(slot: number, verdict: Verdict, aggregation: VoteAggregation): number {
    const at = 3 * slot;
    return adaptiveScore(verdict, this.tallies[at]!, this.tallies[at + 1]!, this.tallies[at + 2]!, aggregation);
  }
}
