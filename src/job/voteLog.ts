/**
 * Every response a job accepted, in order: the matchup it answered, the outcome and who
 * gave it. The matchup's ranking and datapoints are its row in the ledger (which has one
 * for every matchup with votes), read when the votes are, so a response takes 5 bytes (9 once a
 * labeler id is given): columnar typed arrays, labeler ids interned. `job.comparisons()`
 * reads it; snapshots keep it with each vote's ranking and datapoints spelt out.
 * @internal
 * @module
 */
import { grownCopy } from '../state/grownCopy.js';
import type { Outcome } from './types.js';

/** Outcomes by code. */
export const OUTCOME_CODES: readonly Outcome[] = ['left', 'right', 'draw'];
/** Outcome codes as the characters of a snapshot's `votes.outcomes`. */
export const OUTCOME_CHARACTERS = 'lrd';

/** The votes of a snapshot: one entry per accepted response, oldest first. */
export interface VotesSnapshot {
  /** Sequence number of the matchup each response answered (matchup id m<sequence>). */
  readonly sequences: readonly number[];
  /**
   * Index of each response's ranking in the definition's outer `datapoints` list, or −1
   * for a response to a validation matchup.
   */
  readonly rankings: readonly number[];
  /**
   * Each response's left datapoint: its index in its ranking (the definition's
   * datapoints, then the added ones). For a validation matchup, 2k when the definition's
   * `validation.matchups[k].left` was shown on the left, 2k + 1 when its `right` was.
   */
  readonly lefts: readonly number[];
  /** Each response's right datapoint: its index in its ranking, or for a validation matchup the other of 2k and 2k + 1. */
  readonly rights: readonly number[];
  /** One character per response: `l` left, `r` right, `d` draw. */
  readonly outcomes: string;
  /** Index into `labelerIds` of who gave each response, or −1 when not said. */
  readonly labelers: readonly number[];
  /** The distinct labeler ids, in order of first response. */
  readonly labelerIds: readonly string[];
}

/** One accepted response. */
export interface Vote {
  readonly sequence: number;
  readonly ranking: number;
  readonly left: number;
  readonly right: number;
  readonly outcome: Outcome;
  readonly labelerId: string | undefined;
}

/**
 * Where the votes read each matchup's ranking and datapoints: the ledger's rows, by
 * sequence number. Rows of matchups with votes (and of pending ones) are always there;
 * after a restore, the rows of released or expired matchups without votes read 0.
 */
export interface MatchupRows {
  /** Ranking of matchup `sequence` (−1: a validation matchup). */
  rankingOf(sequence: number): number;
  /** Left datapoint of matchup `sequence`. */
  leftOf(sequence: number): number;
  /** Right datapoint of matchup `sequence`. */
  rightOf(sequence: number): number;
}

/** The accepted responses of a job. */
export class VoteLog {
  private readonly rows: MatchupRows;
  private count = 0;
  // 32 bits: matchup sequence numbers stop below 2^32 (the ledger's typed arrays do).
  private sequences = new Uint32Array(256);
  private outcomes = new Uint8Array(256);
  // Labeler of each response (−1: not said); null until the first labeler id.
  private labelers: Int32Array | null = null;
  private readonly labelerIds: string[] = [];
  private readonly labelerIndex = new Map<string, number>();

  /** @param rows - The ledger whose matchups the votes answer. */
  constructor(rows: MatchupRows) {
    this.rows = rows;
  }

  /** Responses held. */
  get size(): number {
    return this.count;
  }

  /** Appends one response to issued matchup `sequence`, the outcome as its code in {@link OUTCOME_CODES}. O(1) amortised. */
  addCode(sequence: number, code: number, labelerId: string | undefined): void {
    if (this.count === this.sequences.length) {
      const capacity = 2 * this.count;
      this.sequences = grownCopy(this.sequences, capacity);
      this.outcomes = grownCopy(this.outcomes, capacity);
      if (this.labelers !== null) this.labelers = grownCopy(this.labelers, capacity);
    }
    this.sequences[this.count] = sequence;
    this.outcomes[this.count] = code;
    if (labelerId !== undefined) this.labelerColumn()[this.count] = this.intern(labelerId);
    else if (this.labelers !== null) this.labelers[this.count] = -1;
    this.count++;
  }

  /** Calls `visit` for every response, oldest first. O(responses). */
  forEach(visit: (vote: Vote) => void): void {
    const { labelers, rows } = this;
    for (let i = 0; i < this.count; i++) {
      const labeler = labelers === null ? -1 : labelers[i]!;
      const sequence = this.sequences[i]!;
      visit({
        sequence,
        ranking: rows.rankingOf(sequence),
        left: rows.leftOf(sequence),
        right: rows.rightOf(sequence),
        outcome: OUTCOME_CODES[this.outcomes[i]!]!,
        labelerId: labeler < 0 ? undefined : this.labelerIds[labeler],
      });
    }
  }

  /**
   * The votes as plain snapshot data. O(responses). The lists are allocated at their
   * length (Array.from of a typed array grows its result, keeping up to half of it spare)
   * and the outcomes decoded from their character codes at once (appended one at a time,
   * a million of them took a 32 MB chain of partial strings).
   */
  save(): VotesSnapshot {
    const { count, rows, sequences } = this;
    const codes = new Uint8Array(count);
    for (let i = 0; i < count; i++) codes[i] = OUTCOME_CHARACTERS.charCodeAt(this.outcomes[i]!);
    return {
      sequences: plainList(sequences, count),
      rankings: rowList(sequences, count, (sequence) => rows.rankingOf(sequence)),
      lefts: rowList(sequences, count, (sequence) => rows.leftOf(sequence)),
      rights: rowList(sequences, count, (sequence) => rows.rightOf(sequence)),
      outcomes: new TextDecoder('latin1').decode(codes),
      labelers: this.labelers === null ? new Array<number>(count).fill(-1) : plainList(this.labelers, count),
      labelerIds: [...this.labelerIds],
    };
  }

  /**
   * A vote log holding checked snapshot votes (checkVotes.ts: every vote of a matchup names
   * the same ranking and datapoints), whose rows `rows` already holds. @internal
   */
  static fromSnapshot(votes: VotesSnapshot, rows: MatchupRows): VoteLog {
    const log = new VoteLog(rows);
    for (let i = 0; i < votes.sequences.length; i++) {
      const labeler = votes.labelers[i]!;
      log.addCode(votes.sequences[i]!, OUTCOME_CHARACTERS.indexOf(votes.outcomes[i]!), labeler < 0 ? undefined : votes.labelerIds[labeler]);
    }
    return log;
  }

  // The labeler column, created (−1 for every earlier response) on first use.
  private labelerColumn(): Int32Array {
    if (this.labelers === null) this.labelers = new Int32Array(this.sequences.length).fill(-1);
    return this.labelers;
  }

  private intern(labelerId: string): number {
    let index = this.labelerIndex.get(labelerId);
    if (index === undefined) {
      index = this.labelerIds.length;
      this.labelerIds.push(labelerId);
      this.labelerIndex.set(labelerId, index);
    }
    return index;
  }
}

// The first `count` entries of a column as a plain array of exactly that length (past
// 2^25 entries, engines allocate such an array sparsely: then grown instead).
function plainList(column: Uint32Array | Int32Array, count: number): number[] {
  if (count > SPARSE_FROM) return Array.from(column.subarray(0, count));
  const list = new Array<number>(count);
  for (let i = 0; i < count; i++) list[i] = column[i]!;
  return list;
}

// Past this many entries an array made at its length is sparse (see plainList).
const SPARSE_FROM = 2 ** 25;

// A field of each vote's matchup row (`read` of its sequence number), as a plain array of
// `count` entries, made as plainList makes its lists.
function rowList(sequences: Uint32Array, count: number, read: (sequence: number) => number): number[] {
  if (count > SPARSE_FROM) return Array.from(sequences.subarray(0, count), read);
  const list = new Array<number>(count);
  for (let i = 0; i < count; i++) list[i] = read(sequences[i]!);
  return list;
}
