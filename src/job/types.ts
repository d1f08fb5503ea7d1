/**
 * The public shapes of a running ranking job: matchups, progress, results, and the
 * job interface itself.
 * @module
 */
import type { RankingJobDefinition } from '../definition/types.js';
import type { Rng } from '../rng/rng.js';

/** A labeler's answer: the left datapoint, the right one, or neither. */
export type Outcome = 'left' | 'right' | 'draw';

/** Why a matchup was chosen: uniformly at random, as a close match, or from the round-robin schedule. */
export type MatchupKind = 'random' | 'close' | 'roundRobin';

/** One comparison to show a labeler: which of `left` and `right` is better? */
export interface Matchup {
  /** Opaque id to pass back to `recordResponse` or `releaseMatchup` (`m1`, `m2`, … in issue order). */
  readonly id: string;
  /** Index of the ranking in the definition's outer `datapoints` list. */
  readonly ranking: number;
  /** Datapoint shown on the left (sides are assigned at random for every matchup). */
  readonly left: string;
  /** Datapoint shown on the right. */
  readonly right: string;
  /** How the pair was chosen. */
  readonly kind: MatchupKind;
}

/** Budget accounting of a ranking, or of the whole job. */
export interface BudgetProgress {
  /** Matchups to complete in all. */
  readonly budget: number;
  /** Issued and neither completed nor released. */
  readonly pending: number;
  /** Completed: all their responses are in and the ratings are updated. */
  readonly completed: number;
  /** Not completed yet: budget − completed. */
  readonly remaining: number;
  /** Not yet issued: budget − pending − completed. `nextMatchups` can still hand out this many. */
  readonly available: number;
  /** completed / budget, in [0, 1]. */
  readonly fraction: number;
}

/** Budget accounting of one ranking. */
export interface RankingProgress extends BudgetProgress {
  /** Index of the ranking in the definition's outer `datapoints` list. */
  readonly ranking: number;
}

/** Budget accounting of the whole job, with a breakdown per ranking. */
export interface Progress extends BudgetProgress {
  /** One entry per ranking, in outer-list order. */
  readonly perRanking: readonly RankingProgress[];
}

/** One datapoint's line in a ranking's result. */
export interface RankingResultEntry {
  /** Competition rank: 1, 2, 2, 4 when the second and third have equal scores. */
  readonly rank: number;
  readonly datapoint: string;
  /** Current Elo rating (Elo points on the definition's scale, starting at its initialRating). */
  readonly score: number;
  /** Completed matchups won (aggregated score above ½). */
  readonly wins: number;
  /** Completed matchups lost (aggregated score below ½). */
  readonly losses: number;
  /** Completed matchups drawn (aggregated score exactly ½). */
  readonly draws: number;
  /** Completed matchups in all: wins + losses + draws. */
  readonly comparisons: number;
}

/** The current order of one ranking. */
export interface RankingResult {
  /** Index of the ranking in the definition's outer `datapoints` list. */
  readonly ranking: number;
  /** Completed matchups of this ranking. */
  readonly comparisons: number;
  /** Every datapoint, by score descending; equal scores share a rank and keep input order. */
  readonly entries: readonly RankingResultEntry[];
}

/** Options of `createRankingJob`; give a seed or an rng, not both. */
export interface RankingJobOptions {
  /**
   * Seed of the job's random choices.
   * @defaultValue the definition's canonical JSON, `JSON.stringify(definition)`, so
   *   the same definition always runs the same way.
   */
  seed?: string | number | undefined;
  /** A random number generator to use instead of a seeded one (it must return numbers in [0, 1)). */
  rng?: Rng | undefined;
}

/** Options of `recordResponse`. */
export interface RecordResponseOptions {
  /**
   * An id for this response, unique within the matchup (a delivery id, a labeler's
   * submission id). A response whose id was already recorded is ignored, so retried
   * deliveries never count twice. Without it, every call counts.
   */
  responseId?: string | undefined;
}

/** A running ranking job: hands out matchups, takes responses, reports progress and results. */
export interface RankingJob {
  /** The definition the job runs. */
  readonly definition: RankingJobDefinition;
  /**
   * Issues up to `limit` new matchups, spread across the rankings that still have
   * budget (the ranking with the smallest share of its budget taken goes first).
   * Returns fewer, possibly none, when the budgets are taken, and never more than
   * 65 536 in one call (call again for more).
   * Cost per matchup: O(log R + log B + c) expected (R rankings, B ≤ 64 the rating
   * index's block size, c = closeMatchCandidates); no cost grows with the number of
   * datapoints beyond that.
   * @param limit - Most matchups to issue: a positive integer. Default 1.
   * @throws {@link RankingInputError} for a bad limit, or an injected rng that returns
   *   a value outside [0, 1) (checked before anything changes).
   */
  nextMatchups(limit?: number): Matchup[];
  /**
   * Records one labeler's response to a pending matchup. When the matchup has all its
   * responses (`responsesPerComparison`), it completes and the ratings update once,
   * with the aggregated score. Cost: O(1), plus two rating-index moves when the matchup
   * completes: O(B + log D) each (B ≤ 64 the block size, D ≈ n / 32 blocks), and O(D)
   * for the occasional block split or merge.
   * @returns true when recorded; false when a response with the same `responseId` was
   *   already recorded for this matchup (a retried delivery).
   * @throws {@link RankingInputError} for an unknown matchup id, a matchup already
   *   completed or released, or an outcome other than 'left', 'right' or 'draw'.
   */
  recordResponse(matchupId: string, outcome: Outcome, options?: RecordResponseOptions): boolean;
  /**
   * Gives up a pending matchup (nobody will answer it): its budget unit returns and any
   * partial responses are discarded. Cost: O(log R).
   * @throws {@link RankingInputError} for an unknown, completed or already released matchup.
   */
  releaseMatchup(matchupId: string): void;
  /** The matchups issued and not yet completed or released, in issue order. O(pending). */
  pendingMatchups(): Matchup[];
  /** Budget accounting, overall and per ranking. O(R). */
  progress(): Progress;
  /** True when every ranking has completed its budget. O(1). */
  readonly done: boolean;
  /**
   * The current order of every ranking (partial while the job runs), in outer-list
   * order. O(n log n) per ranking.
   */
  results(): RankingResult[];
}
