/**
 * A snapshot's rankings as flat columns: what `job.snapshot()` writes (version 2 is this
 * layout) and what `restoreRankingJob` checks and rebuilds from, whichever version it
 * read. One entry per datapoint in each column, ranking 0's first; `starts` says where
 * each ranking begins. Flat columns keep a million small rankings to a dozen arrays,
 * where one object and eleven arrays per ranking took about 860 bytes each.
 * @internal
 * @module
 */
import type { RoundRobinState } from '../selection/roundRobinSchedule.js';

/** The per-datapoint columns, by their name in a snapshot. */
export const DATAPOINT_COLUMNS = ['offsets', 'tieKeys', 'wins', 'losses', 'draws', 'lastOpponent', 'exposureOrder'] as const;

/** One per-datapoint column's name. */
export type DatapointColumn = (typeof DATAPOINT_COLUMNS)[number];

/** The per-datapoint columns of every ranking, end to end. */
export type FlatColumns = { [column in DatapointColumn]: number[] };

// (Restore's columns may be Float64Arrays typed as number[]: its copy of a long list of
// numbers; they are only indexed, never grown or mapped.)

/** A snapshot's rankings, flat. */
export interface SavedRankings extends FlatColumns {
  /** Where each ranking's datapoints begin in the columns; the last entry is the total (rankings + 1 entries). */
  readonly starts: Float64Array;
  /** Each ranking's budget (only indexed: restore's may be a Float64Array). */
  readonly budgets: number[];
  /** Datapoints added while the job ran, by ranking (only rankings with additions). */
  readonly added: Map<number, string[]>;
  /** The added datapoints' starting offsets, by ranking (as `added`). */
  readonly addedStartOffsets: Map<number, number[]>;
  /** One schedule per ranking for round-robin pairing, else null. */
  readonly roundRobin: RoundRobinState[] | null;
}

/** Empty flat columns of `total` entries each, to be filled in place. */
export function flatColumns(total: number): FlatColumns {
  const columns = {} as FlatColumns;
  // Sized up front: arrays grown by push keep up to half their length spare.
  for (const column of DATAPOINT_COLUMNS) columns[column] = new Array<number>(total);
  return columns;
}

/** Ranking r's datapoint count. */
export function sizeOf(saved: SavedRankings, r: number): number {
  return saved.starts[r + 1]! - saved.starts[r]!;
}

/** Ranking r's ids: the definition's, then any added (the definition's frozen list itself when none were). */
export function idsOf(saved: SavedRankings, r: number, definitionIds: readonly string[]): readonly string[] {
  const added = saved.added.get(r);
  return added === undefined ? definitionIds : [...definitionIds, ...added];
}

/** Datapoint i's starting offset in ranking r (0 for the definition's datapoints). */
export function startOffsetOf(saved: SavedRankings, r: number, i: number, definitionSize: number): number {
  return i < definitionSize ? 0 : saved.addedStartOffsets.get(r)![i - definitionSize]!;
}
