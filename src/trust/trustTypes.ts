/**
 * The shapes of labeler trust estimation: its input (responses, validation answers,
 * options) and its report.
 * @module
 */
import type { Outcome } from '../job/types.js';

/**
 * One labeler's response to one matchup: what `job.comparisons({ perVote: true })`
 * returns (its `matchupId` is accepted and ignored), or the same fields from anywhere.
 */
export interface TrustResponse {
  /** The ranking the matchup belongs to: datapoints of different rankings are different datapoints. A non-negative safe integer. @defaultValue 0 */
  readonly ranking?: number | undefined;
  /** The matchup it answered (ignored; `job.comparisons` records carry it). */
  readonly matchupId?: string | undefined;
  /** The datapoint shown on the left: a non-empty string. */
  readonly left: string;
  /** The datapoint shown on the right: a non-empty string other than `left`. */
  readonly right: string;
  /** The answer. */
  readonly outcome: Outcome;
  /**
   * Who answered: a non-empty string. Responses without one inform the consensus as the
   * answers of one anonymous labeler (whose reliability is estimated too) and are not
   * reported.
   */
  readonly labelerId?: string | undefined;
}

/** A labeler's answer to a validation matchup: a pair whose right answer is known. */
export interface ValidationAnswer {
  /** Who answered: a non-empty string. */
  readonly labelerId: string;
  /**
   * The known answer, by the side it was shown on: `'left'` when the better datapoint
   * was on the left. A known `'draw'` counts towards right and wrong but tells nothing
   * about sides.
   */
  readonly answer: Outcome;
  /** What the labeler answered. */
  readonly outcome: Outcome;
}

/**
 * Where trust comes from:
 * - `'auto'`: agreement with the consensus of all responses, with validation answers as
 *   responses whose answer is known (both, when both exist);
 * - `'consensus'`: agreement with the consensus only (validation answers are counted but
 *   do not inform trust);
 * - `'validation'`: validation answers only (the Beta posterior of the chance of
 *   answering them correctly).
 */
export type TrustMethod = 'auto' | 'consensus' | 'validation';

/** The trust methods, in the order of {@link TrustMethod}. */
export const TRUST_METHODS = ['auto', 'consensus', 'validation'] as const;

/** Options of `estimateLabelerTrust`, every field optional. */
export interface LabelerTrustOptions {
  /** A labeler's answers to validation matchups (any order). @defaultValue none */
  validation?: readonly ValidationAnswer[] | undefined;
  /** What trust is estimated from; see {@link TrustMethod}. @defaultValue 'auto' */
  method?: TrustMethod | undefined;
  /**
   * The Beta(a, b) prior, as `[a, b]`, on each labeler's chance of answering a pair as its
   * better datapoint warrants, for each side the better one can be on (the `leftAccuracy`
   * and `rightAccuracy` of {@link LabelerTrust}), and on the chance of answering a
   * validation matchup correctly. Both numbers in [1.01, 1e6]: above 1, so the
   * posterior's mode lies inside (0, 1). The default Beta(3, 1.5) (mode 0.8, mean ⅔,
   * the weight of 4.5 answers) leans towards honest labelers, as most are: a labeler
   * without answers has trust about 0.58 (interval [0, 1]) until its answers say
   * otherwise. In the spammer benchmark, priors from Beta(1.5, 1.5) to Beta(5, 2) all met
   * the targets (bench/README.md).
   * @defaultValue [3, 1.5]
   */
  prior?: readonly [number, number] | undefined;
  /**
   * L2 prior on the consensus scores (natural-log Bradley–Terry strengths), as the
   * `prior` of `fitBradleyTerry`: finite, in (0, 1e6]. It keeps the consensus of
   * datapoints that only won (or only lost) finite.
   * @defaultValue 0.1
   */
  scorePrior?: number | undefined;
  /** Most EM steps: an integer in [1, 100 000]. @defaultValue 500 */
  maxIterations?: number | undefined;
  /**
   * EM stops when a step moved no labeler's `leftAccuracy` or `rightAccuracy`, and no
   * consensus score (natural-log strength), more than this: finite, in (0, 0.1].
   * @defaultValue 1e-6
   */
  tolerance?: number | undefined;
  /** Coverage of the reported intervals, in (0, 1). @defaultValue 0.95 */
  confidence?: number | undefined;
}

/** An estimate with an interval. */
export interface IntervalEstimate {
  /** The estimate (a posterior mean). */
  readonly estimate: number;
  /** Lower end of the interval (`confidence`, 95% by default). */
  readonly lower: number;
  /** Upper end of the interval. */
  readonly upper: number;
}

/** A labeler's answers to validation matchups. */
export interface ValidationSummary {
  /** Answers that matched the known answer. */
  readonly right: number;
  /** Answers that did not. */
  readonly wrong: number;
  /**
   * The chance of answering a validation matchup correctly: posterior mean and
   * equal-tailed interval of Beta(a + right, b + wrong), with the `prior` [a, b].
   */
  readonly accuracy: IntervalEstimate;
}

/** How a labeler favours one side of the screen. */
export interface PositionBiasSummary {
  /**
   * The share of its left-or-right answers that were 'left' (draws left out): posterior
   * mean and interval under Jeffreys' prior Beta(½, ½) (the Jeffreys interval of Brown,
   * Cai and DasGupta, Statistical Science 16(2), 2001). About ½ for careful labelers and
   * random clickers (sides are assigned at random), near 1 for a left-clicker.
   */
  readonly leftShare: IntervalEstimate;
  /**
   * `leftAccuracy − rightAccuracy`, in [−1, 1]: the share of answers given by clicking
   * the left side, less the share given by clicking the right, beyond what the pairs
   * warrant. 0 for careful labelers and random clickers, 1 for a left-clicker.
   */
  readonly leftBias: number;
  /** Standard error of `leftBias` (Laplace approximation; from the prior alone without consensus data). */
  readonly leftBiasStandardError: number;
}

/** What a labeler's trust was estimated from. */
export type TrustSource = 'consensus' | 'validation' | 'both' | 'prior';

/** One labeler's trust and behaviour. Plain JSON-safe data; every number finite. */
export interface LabelerTrust {
  /** The labeler. */
  readonly labelerId: string;
  /** Responses in the input from this labeler (validation answers not included). */
  readonly answers: number;
  /** Its validation answers. */
  readonly validation: ValidationSummary;
  /**
   * Trust, in [0, 1]: the posterior mean of the share of this labeler's answers that
   * follow the pair (the rest being clicks on a side, at random, or against the pair),
   * clipped to [0, 1]: 1 for a careful labeler, 0 for a random clicker, a left-clicker or
   * an adversary. In the model, leftAccuracy + rightAccuracy − 1; with validation only,
   * 2 × accuracy − 1.
   */
  readonly trust: number;
  /** Posterior standard deviation of trust. */
  readonly trustSd: number;
  /** Lower end of trust's interval (`confidence`). */
  readonly trustLower: number;
  /** Upper end of trust's interval. */
  readonly trustUpper: number;
  /** What trust was estimated from. */
  readonly trustSource: TrustSource;
  /**
   * The chance this labeler answers 'left' when the left datapoint is the better one
   * (by the consensus model; validation answers count with their known answer):
   * posterior mode. The prior's mode without data.
   */
  readonly leftAccuracy: number;
  /** The chance it answers 'right' when the right datapoint is the better one: posterior mode. */
  readonly rightAccuracy: number;
  /** How it favours a side. */
  readonly positionBias: PositionBiasSummary;
}

/** What `estimateLabelerTrust` returns: plain JSON-safe data. */
export interface LabelerTrustReport {
  /** The method used. */
  readonly method: TrustMethod;
  /** Coverage of the intervals. */
  readonly confidence: number;
  /** EM steps run (0 for `'validation'` or without responses). */
  readonly iterations: number;
  /** Whether EM converged within `maxIterations` (true when it did not run). */
  readonly converged: boolean;
  /** Every labeler with a labelerId among the responses or the validation answers, by labelerId (code-unit order). */
  readonly labelers: readonly LabelerTrust[];
}
