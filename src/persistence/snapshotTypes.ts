/**
 * The shape of a job snapshot: plain JSON-safe data holding everything needed to
 * rebuild a job exactly.
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
export const SNAPSHOT_VERSION = 1;

/** One ranking in a snapshot: one entry per datapoint in every list, in datapoint order. */
export interface RankingSnapshot {
  /** The ranking's datapoints: the definition's, then any added while the job ran. */
  readonly datapoints: readonly string[];
  /** Matchups the ranking completes (the definition's budget plus any extra added). */
  readonly budget: number;
  /** Rating minus the definition's initial rating (Elo points, on the rating grid). */
  readonly offsets: readonly number[];
  /** Each datapoint's offset when it joined (0 unless added with another initial rating). */
  readonly startOffsets: readonly number[];
  /** Random keys in [0, 1) ordering datapoints with equal ratings. */
  readonly tieKeys: readonly number[];
  /** Completed matchups won, lost and drawn. */
  readonly wins: readonly number[];
  readonly losses: readonly number[];
  readonly draws: readonly number[];
  /** Index of each datapoint's latest opponent, or −1. */
  readonly lastOpponent: readonly number[];
  /** Datapoint indices sorted by exposure (issued, not released matchups), ties in draw order. */
  readonly exposureOrder: readonly number[];
  /** The round-robin schedule, or null for adaptive pairing. */
  readonly roundRobin: RoundRobinState | null;
}

/** A pending matchup in a snapshot, with the responses it has so far. */
export interface PendingMatchupSnapshot {
  readonly id: string;
  readonly ranking: number;
  readonly left: string;
  readonly right: string;
  readonly kind: MatchupKind;
  /** Round-robin pair number and round; −1 and 0 for other kinds. */
  readonly pair: number;
  readonly round: number;
  readonly votes: { readonly left: number; readonly right: number; readonly draw: number };
  readonly responseIds: readonly string[];
  /** Expiry time on the caller's clock, or null. */
  readonly deadline: number | null;
}

/** Every matchup the job issued, in a snapshot. */
export interface MatchupsSnapshot {
  /** Matchups issued so far (ids m1 … m<issued>). */
  readonly issued: number;
  /**
   * One character per issued matchup, m1 first: `p` pending, `c` completed, `r`
   * released, `e` expired.
   */
  readonly statuses: string;
  readonly pending: readonly PendingMatchupSnapshot[];
  /** Response ids kept for completed matchups: [matchup id, response ids]. */
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
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly version: typeof SNAPSHOT_VERSION;
  /**
   * A 53-bit hash (hex) of the rest of the snapshot in canonical JSON (keys sorted),
   * so an altered or damaged snapshot is refused. It guards against accidents, not
   * against someone who recomputes it.
   */
  readonly checksum: string;
  readonly definition: RankingJobDefinition;
  /** The random generator's state, or null when the job ran on an injected rng without one. */
  readonly rng: RngState | null;
  /** Sequence number the job's next event gets. */
  readonly nextEventSequence: number;
  readonly rankings: readonly RankingSnapshot[];
  readonly matchups: MatchupsSnapshot;
}
