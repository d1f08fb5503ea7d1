/**
 * The shape of a job snapshot: plain JSON-safe data holding everything needed to
 * rebuild a job exactly. The rules stated on each field are those a live job keeps;
 * `restoreRankingJob` checks every one of them, whatever the checksum says.
 * @module
 */
import type { RankingJobDefinition } from '../definition/types.js';
import type { MatchupKind } from '../job/types.js';
import type { VotesSnapshot } from '../job/voteLog.js';
import type { RngState } from '../rng/rng.js';
import type { RoundRobinState } from '../selection/roundRobinSchedule.js';

/** The `format` of every snapshot. */
export const SNAPSHOT_FORMAT = 'pairwise-elo/job';

/** The snapshot version this library writes and reads. */
export const SNAPSHOT_VERSION = 2;

/**
 * The rankings of a snapshot, column by column: one entry per ranking in `budgets` (and
 * `roundRobin`), and one entry per datapoint in each datapoint column, ranking 0's
 * datapoints first (the definition's, then any added while the job ran), then ranking
 * 1's, and so on. Columns rather than one object per ranking keep a snapshot of a million
 * small rankings to a few dozen arrays (about 70 bytes per datapoint in memory).
 */
export interface RankingsSnapshot {
  /**
   * Matchups each ranking completes: the definition's budget plus any extra added with
   * datapoints (so exactly the definition's for a ranking without additions). At least
   * its pending plus completed matchups; the budgets add up to a safe integer.
   */
  readonly budgets: readonly number[];
  /** The datapoints added while the job ran, one entry per ranking that has any, by ranking. */
  readonly added: readonly AddedDatapointsSnapshot[];
  /**
   * Rating minus the definition's initial rating (Elo points, on the rating grid), per
   * datapoint. A ranking's offsets sum exactly to its starting offsets' sum (0 unless
   * datapoints were added with another initial rating), and each is within K plus one
   * grid step per completed matchup of its starting offset (only completions move it,
   * by at most K).
   */
  readonly offsets: readonly number[];
  /** Random keys in [0, 1) ordering datapoints with equal ratings. */
  readonly tieKeys: readonly number[];
  /** Completed matchups each datapoint won (aggregated score above ½). */
  readonly wins: readonly number[];
  /** Completed matchups each datapoint lost (aggregated score below ½). */
  readonly losses: readonly number[];
  /** Completed matchups each datapoint drew (aggregated score exactly ½). */
  readonly draws: readonly number[];
  /**
   * Index (within its ranking) of each datapoint's latest opponent, or −1 before its
   * first matchup (never for one in a pending or completed matchup).
   */
  readonly lastOpponent: readonly number[];
  /**
   * Each ranking's datapoint indices (within the ranking) sorted by exposure (issued,
   * not released matchups), ties in draw order.
   */
  readonly exposureOrder: readonly number[];
  /**
   * The rankings' round-robin schedules, one per ranking when the definition's pairing
   * is `roundRobin`, else empty. The undrawn part of a round holds each pair once; the
   * finished rounds (round − 1) plus the pairs drawn in this one are at most the
   * matchups issued; a pair is owed to a round at most once, and never to a round it is
   * pending in.
   */
  readonly roundRobin: readonly RoundRobinState[];
}

/** Datapoints added to one ranking while the job ran (`addDatapoints`), in a snapshot. */
export interface AddedDatapointsSnapshot {
  /** Index of the ranking in the definition's outer `datapoints` list. */
  readonly ranking: number;
  /** The added ids, in order of addition (after the definition's datapoints). */
  readonly datapoints: readonly string[];
  /**
   * Each added datapoint's offset when it joined (its initial rating minus the
   * definition's), on the rating grid within ±2^50 grid steps (what addDatapoints accepts).
   */
  readonly startOffsets: readonly number[];
}

/** A pending matchup in a snapshot, with the responses it has so far. */
export interface PendingMatchupSnapshot {
  /** The matchup's id (`m1`, `m2`, … in issue order). */
  readonly id: string;
  /**
   * Index of the matchup's ranking in the definition's outer `datapoints` list, or null
   * for a validation matchup.
   */
  readonly ranking: number | null;
  /** Datapoint id shown on the left. */
  readonly left: string;
  /** Datapoint id shown on the right. */
  readonly right: string;
  /**
   * How the pair was chosen: a kind the definition issues (`random` only with a
   * randomComparisonsRatio above 0; at 1, adaptive and informationGain pairing issue
   * nothing else), or `validation` (ranking null: one of the definition's validation
   * matchups, `left` and `right` its pair in either order, `pair` −1 and `round` 0).
   */
  readonly kind: MatchupKind;
  /**
   * Round-robin pair number p, a non-negative integer standing for the datapoint indices
   * (i, j), i < j, with p = j(j−1)/2 + i; −1 for other kinds. No two pending matchups of
   * a ranking hold the same pair in the same round.
   */
  readonly pair: number;
  /** The round-robin round the pair was drawn in (from 1); 0 for other kinds. */
  readonly round: number;
  /** Responses recorded so far, by outcome: non-negative integers summing to less than `responsesPerComparison`. */
  readonly votes: {
    /** Responses for the left datapoint. */
    readonly left: number;
    /** Responses for the right datapoint. */
    readonly right: number;
    /** Responses for neither (draws). */
    readonly draw: number;
  };
  /** The `responseId`s of the responses recorded so far (those given one), in order. */
  readonly responseIds: readonly string[];
  /** Expiry time on the caller's clock (finite, when the definition has matchupTtlMs), or null (when it has none). */
  readonly deadline: number | null;
}

/** Every matchup the job issued, in a snapshot. */
export interface MatchupsSnapshot {
  /** Matchups issued so far (ids m1 … m<issued>). */
  readonly issued: number;
  /**
   * One character per issued matchup, m1 first: `p` pending, `c` completed, `r`
   * released, `e` expired (only with matchupTtlMs).
   */
  readonly statuses: string;
  /** The pending matchups (status `p`), in issue order. */
  readonly pending: readonly PendingMatchupSnapshot[];
  /**
   * Response ids kept for completed matchups: [matchup id, response ids], in completion
   * order, at most `responsesPerComparison` distinct ids each.
   */
  readonly completedResponseIds: readonly (readonly [string, readonly string[]])[];
  /** Every accepted response, oldest first, with its matchup's datapoints and labeler. */
  readonly votes: VotesSnapshot;
}

/**
 * A snapshot of a ranking job (`job.snapshot()`): everything `restoreRankingJob` needs to
 * rebuild it exactly. Plain JSON-safe data; `JSON.parse(JSON.stringify(snapshot))`
 * restores the same.
 */
export interface RankingJobSnapshot {
  /** Always {@link SNAPSHOT_FORMAT}: marks the object as a pairwise-elo job snapshot. */
  readonly format: typeof SNAPSHOT_FORMAT;
  /** Always {@link SNAPSHOT_VERSION}: the snapshot layout this library writes and reads. */
  readonly version: typeof SNAPSHOT_VERSION;
  /**
   * A 53-bit hash (14 hex digits) of the rest of the snapshot as data: every number by
   * its exact value, every string, and object keys in sorted order, so it survives a
   * JSON round trip and stores that reorder keys, while an altered or damaged snapshot
   * is refused. It guards against accidents, not against someone who recomputes it.
   * (Version 1 hashed the canonical JSON text instead; both are checked as written.)
   */
  readonly checksum: string;
  /**
   * The job's definition, exactly as `createRankingJobDefinition` normalises it (datapoints
   * added later are in `rankings`, not here).
   */
  readonly definition: RankingJobDefinition;
  /**
   * The random generator's state (one Alea can reach: lags are multiples of 2^-32), or
   * null when the job ran on an injected rng without one.
   */
  readonly rng: RngState | null;
  /**
   * Sequence number the job's next event gets: at least one event per response, release
   * and addition (and one issue, one expiry when there were any), at most one per issued
   * matchup, response, released or expired matchup and added datapoint.
   */
  readonly nextEventSequence: number;
  /** The rankings' state, column by column. */
  readonly rankings: RankingsSnapshot;
  /** Every matchup the job issued: statuses, the pending ones, and the responses. */
  readonly matchups: MatchupsSnapshot;
}
