/**
 * The shape of a flow snapshot: plain JSON-safe data holding everything needed to
 * rebuild a flow exactly. Batches are stored column by column (one array per field for
 * all pending batches, one for all closed ones), so a snapshot of 100 000 batches is a
 * few dozen arrays, not 100 000 objects. `restoreRankingFlow` checks every rule stated
 * here, whatever the checksum says.
 * @module
 */
import type { RngState } from '../rng/rng.js';
import type { RankingFlowConfig } from './flowTypes.js';
import type { RankingContext } from '../definition/types.js';

/** The `format` of every flow snapshot. */
export const FLOW_SNAPSHOT_FORMAT = 'pairwise-elo/flow';

/** The flow snapshot version this library writes and reads. */
export const FLOW_SNAPSHOT_VERSION = 1;

/** The pending batches, in batch order, one entry per batch or per datapoint (batch after batch). */
export interface PendingBatchesSnapshot {
  /** Datapoints per batch: integers in [2, 1000]. */
  readonly sizes: readonly number[];
  /** Responses per batch: fewer than its target (`maxResponses`, times its size per datapoint). */
  readonly responses: readonly number[];
  /** The `now` each was added at: finite. */
  readonly addedAt: readonly number[];
  /** When each runs out of time (later than addedAt), or null. */
  readonly deadlines: readonly (number | null)[];
  /** The datapoint ids, batch after batch: non-empty, unique within a batch. */
  readonly datapoints: readonly string[];
  /**
   * Rating minus the initial rating, per datapoint: on the rating grid, summing to
   * exactly 0 per batch, each within K plus a grid step per comparison of 0.
   */
  readonly offsets: readonly number[];
  /** Random keys in [0, 1) ordering datapoints of equal rating. */
  readonly tieKeys: readonly number[];
  /** Matchups won, per datapoint: non-negative integers; a batch's wins equal its losses. */
  readonly wins: readonly number[];
  /** Matchups lost, per datapoint. */
  readonly losses: readonly number[];
  /** Matchups drawn, per datapoint; wins, losses and draws add up to twice the batch's responses. */
  readonly draws: readonly number[];
  /** Index within the batch of each datapoint's latest opponent, or −1 before its first matchup (never for one in a matchup). */
  readonly lastOpponent: readonly number[];
  /**
   * Bradley–Terry flows only (`config.scorer`; absent otherwise), as are the five pair
   * columns below: pairs of datapoints compared, per batch: an integer from 0 to the
   * batch's responses (and its n(n − 1)/2 pairs).
   */
  readonly pairs?: readonly number[];
  /**
   * Per compared pair, batch after batch: the index within its batch of the pair's first
   * datapoint, below the second's; a batch's pairs sorted by first, then second, each once.
   */
  readonly pairFirst?: readonly number[];
  /** Per compared pair: the index of its second datapoint. */
  readonly pairSecond?: readonly number[];
  /**
   * Per compared pair: its first datapoint's wins against the second, a non-negative
   * integer. Summed over each datapoint's pairs, the pair columns give its `wins`,
   * `losses` and `draws`; each pair has at least one answer.
   */
  readonly pairFirstWins?: readonly number[];
  /** Per compared pair: its second datapoint's wins against the first. */
  readonly pairSecondWins?: readonly number[];
  /** Per compared pair: its draws. */
  readonly pairDraws?: readonly number[];
}

/** The closed batches whose results are kept, in batch order. */
export interface ClosedBatchesSnapshot {
  /** Datapoints per batch: integers in [2, 1000]. */
  readonly sizes: readonly number[];
  /** Responses per batch: its target (completed), at least its minimum (incomplete) or below it (expired). */
  readonly responses: readonly number[];
  /** The `now` each was added at. */
  readonly addedAt: readonly number[];
  /** When each ran out of time (or would have), or null. */
  readonly deadlines: readonly (number | null)[];
  /** The datapoint ids, batch after batch. */
  readonly datapoints: readonly string[];
  /** Final rating minus the initial rating, per datapoint (as for pending batches). */
  readonly offsets: readonly number[];
  /** Matchups won, per datapoint. */
  readonly wins: readonly number[];
  /** Matchups lost, per datapoint. */
  readonly losses: readonly number[];
  /** Matchups drawn, per datapoint. */
  readonly draws: readonly number[];
  /**
   * Bradley–Terry flows only (absent otherwise): the fitted score per datapoint, Elo
   * points, computed when the batch closed (its pair counts are not kept): finite, and
   * within (scale / ln 10) × √(2 × responses × ln 2 / 0.01) of `elo.initialRating`, as
   * far as a fit with the prior 0.01 reaches.
   */
  readonly scores?: readonly number[];
  /**
   * Bradley–Terry flows only: the standard error of each score, > 0 and at most
   * (scale / ln 10) / √0.01, the prior's own.
   */
  readonly standardErrors?: readonly number[];
}

/** Every batch the flow was given. */
export interface FlowBatchesSnapshot {
  /**
   * One character per batch ever added, b1 first: `p` pending, `c` completed, `i`
   * incomplete, `e` expired; `C`, `I`, `E` for closed batches whose results were
   * forgotten (nothing else of them is kept).
   */
  readonly statuses: string;
  /** The pending batches (status `p`). */
  readonly pending: PendingBatchesSnapshot;
  /** The closed batches whose results are kept (status `c`, `i` or `e`). */
  readonly closed: ClosedBatchesSnapshot;
  /** Contexts of pending and kept closed batches: [batch id, context], in batch order. */
  readonly contexts: readonly (readonly [string, RankingContext])[];
}

/** A pending matchup in a snapshot. */
export interface PendingFlowMatchupSnapshot {
  /** Its id (`m<sequence>`); pending matchups are listed in issue order. */
  readonly id: string;
  /** Its batch: a pending one. */
  readonly batch: string;
  /** Datapoint shown on the left: one of the batch's. */
  readonly left: string;
  /** Datapoint shown on the right: another of the batch's. */
  readonly right: string;
  /** `random` (only when randomComparisonsRatio > 0) or `close` (only when it is below 1). */
  readonly kind: 'random' | 'close';
  /** Its own deadline (finite, when the configuration has matchupTtlMs), or null. */
  readonly deadline: number | null;
}

/** Every matchup the flow issued. */
export interface FlowMatchupsSnapshot {
  /** Matchups issued (ids m1 … m<issued>). */
  readonly issued: number;
  /** One character per issued matchup: `p` pending, `c` answered, `r` released, `e` expired. */
  readonly statuses: string;
  /** The pending matchups, in issue order; a batch's pending plus responses stay within its target. */
  readonly pending: readonly PendingFlowMatchupSnapshot[];
  /**
   * Response ids of answered matchups of pending batches, in answer order: [matchup id
   * (status `c`), its batch (pending), the response id], each matchup at most once.
   */
  readonly responseIds: readonly (readonly [string, string, string])[];
}

/** A snapshot of a ranking flow (`flow.snapshot()`); `restoreRankingFlow` rebuilds the flow from it. */
export interface RankingFlowSnapshot {
  /** Always {@link FLOW_SNAPSHOT_FORMAT}. */
  readonly format: typeof FLOW_SNAPSHOT_FORMAT;
  /** Always {@link FLOW_SNAPSHOT_VERSION}. */
  readonly version: typeof FLOW_SNAPSHOT_VERSION;
  /** A 53-bit hash (14 hex digits) of the rest as data (the job snapshot's checksum): it guards against accidents, not edits. */
  readonly checksum: string;
  /** The configuration, in normal form. */
  readonly config: RankingFlowConfig;
  /** The generator's state: one Alea reaches. */
  readonly rng: RngState;
  /** The sequence number of the flow's next event: at least one event per batch, answer, release and forgotten batch. */
  readonly nextEventSequence: number;
  /** The batches. */
  readonly batches: FlowBatchesSnapshot;
  /** The matchups. */
  readonly matchups: FlowMatchupsSnapshot;
}
