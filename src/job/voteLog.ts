/**
 * Every response a job accepted, in order: the matchup it answered (and its ranking and
 * datapoints, so completed matchups need no other record), the outcome and who gave it.
 * Columnar typed arrays (about 17 bytes per response, 21 once a labeler id is given)
 * with labeler ids interned, so a long job's responses stay small. `job.comparisons()`
 * reads it; snapshots keep it.
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

/** The accepted responses of a job. */
export class VoteLog {
  private count = 0;
  // 32 bits: matchup sequence numbers stop below 2^32 (the ledger's typed arrays do).
  private sequences = new Uint32Array(256);
  private rankings = new Int32Array(256);
  private lefts = new Int32Array(256);
  private rights = new Int32Array(256);
  private outcomes = new Uint8Array(256);
  // Labeler of each response (−1: not said); null until the first labeler id.
  private labelers: Int32Array | null = null;
  private readonly labelerIds: string[] = [];
  private readonly labelerIndex = new Map<string, number>();

  /** Responses held. */
  get size(): number {
    return this.count;
  }

  /** Appends one response to matchup `sequence` of `ranking` (left and right are datapoint indices). O(1) amortised. */
  add(sequence: number, ranking: number, left: number, right: number, outcome: Outcome, labelerId: string | undefined): void {
    this.addCode(sequence, ranking, left, right, OUTCOME_CODES.indexOf(outcome), labelerId);
  }

  /** As {@link VoteLog.add}, with the outcome as its code in {@link OUTCOME_CODES} (the job's hot path has it already). */
  addCode(sequence: number, ranking: number, left: number, right: number, code: number, labelerId: string | undefined): void {
    if (this.count === this.sequences.length) {
      const capacity = 2 * this.count;
      this.sequences = grownCopy(this.sequences, capacity);
      this.rankings = grownCopy(this.rankings, capacity);
      this.lefts = grownCopy(this.lefts, capacity);
      this.rights = grownCopy(this.rights, capacity);
      this.outcomes = grownCopy(this.outcomes, capacity);
      if (this.labelers !== null) this.labelers = grownCopy(this.labelers, capacity);
    }
    this.sequences[this.count] = sequence;
    this.rankings[this.count] = ranking;
    this.lefts[this.count] = left;
    this.rights[this.count] = right;
    this.outcomes[this.count] = code;
    if (labelerId !== undefined) this.labelerColumn()[this.count] = this.intern(labelerId);
    else if (this.labelers !== null) this.labelers[this.count] = -1;
    this.count++;
  }

  /** Calls `visit` for every response, oldest first. O(responses). */
  forEach(visit: (vote: Vote) => void): void {
    const { labelers } = this;
    for (let i = 0; i < this.count; i++) {
      const labeler = labelers === null ? -1 : labelers[i]!;
      visit({
        sequence: this.sequences[i]!,
        ranking: this.rankings[i]!,
        left: this.lefts[i]!,
        right: this.rights[i]!,
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
    const count = this.count;
    const codes = new Uint8Array(count);
    for (let i = 0; i < count; i++) codes[i] = OUTCOME_CHARACTERS.charCodeAt(this.outcomes[i]!);
    return {
      sequences: plainList(this.sequences, count),
      rankings: plainList(this.rankings, count),
      lefts: plainList(this.lefts, count),
      rights: plainList(this.rights, count),
      outcomes: new TextDecoder('latin1').decode(codes),
      labelers: this.labelers === null ? new Array<number>(count).fill(-1) : plainList(this.labelers, count),
      labelerIds: [...this.labelerIds],
    };
  }

  /** A vote log holding checked snapshot votes. @internal */
  static fromSnapshot(votes: VotesSnapshot): VoteLog {
    const log = new VoteLog();
    for (let i = 0; i < votes.sequences.length; i++) {
      const labeler = votes.labelers[i]!;
      log.add(votes.sequences[i]!, votes.rankings[i]!, votes.lefts[i]!, votes.rights[i]!, OUTCOME_CODES[OUTCOME_CHARACTERS.indexOf(votes.outcomes[i]!)]!, labeler < 0 ? undefined : votes.labelerIds[labeler]);
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
  if (count > 2 ** 25) return Array.from(column.subarray(0, count));
  const list = new Array<number>(count);
  for (let i = 0; i < count; i++) list[i] = column[i]!;
  return list;
}
