/**
 * The record of every matchup a job issued: the pending ones with their votes and
 * deadlines, and the fate and pair of every other, so a late or retried response gets
 * the right answer and the event log can be read back.
 *
 * Matchup ids are `m` followed by the issue sequence number (m1, m2, …). Per sequence
 * number the ledger keeps, in growable typed arrays, the ranking, both datapoint
 * indices, the kind and the status (pending, completed, released, expired). Pending
 * matchups also live in a hash table keyed by sequence number, with their votes; those
 * with a deadline sit in a min-heap of (deadline, sequence) pairs for expiry. Completed
 * matchups keep the response ids they received, so a retried delivery is recognised
 * after completion too.
 *
 * A matchup that completes or is released leaves its heap entry behind (taking it out
 * would need its heap position kept up to date on every move); expiry skips such
 * entries, and once they outnumber the live ones the heap is rebuilt from the live
 * ones alone, so it never holds more than about twice the pending matchups with a
 * deadline, however long the time limit.
 *
 * Costs: open, find, finish O(1) expected (amortised, with the rebuilds), plus
 * O(log p) for a deadline (p pending); expiring k matchups O(k log p). Memory: about
 * 14 bytes per issued matchup, the pending records, 16 bytes per deadline-heap entry,
 * and the response ids given to completed matchups.
 * @internal
 * @module
 */
import { grownCopy } from '../state/grownCopy.js';
import { SequenceTable } from './sequenceTable.js';
import { VoteLog } from './voteLog.js';
import type { MatchupKind } from './types.js';

/** A matchup that has been issued and is neither completed, released nor expired. */
export interface PendingMatchup {
  readonly id: string;
  readonly sequence: number;
  readonly ranking: number;
  /** Datapoint index shown on the left. */
  readonly left: number;
  /** Datapoint index shown on the right. */
  readonly right: number;
  readonly kind: MatchupKind;
  /** Round-robin pair number and round (pair −1 for other kinds). */
  readonly pair: number;
  readonly round: number;
  /** When the matchup expires, on the caller's clock; null for never. */
  readonly deadline: number | null;
  leftVotes: number;
  rightVotes: number;
  drawVotes: number;
  /** Response ids recorded so far, created on the first one. */
  responseIds: Set<string> | null;
}

/** What became of a matchup id that is not pending. */
export type FinishedState = 'completed' | 'released' | 'expired' | 'unknown';

/** Status codes per sequence number. */
export const STATUS = /* @__PURE__ */ Object.freeze({ none: 0, pending: 1, completed: 2, released: 3, expired: 4 });

// Every kind, so a code never reads back as another kind (new kinds go at the end).
const KIND_CODES: readonly MatchupKind[] = ['random', 'close', 'roundRobin', 'informationGain', 'sort'];
const CHAR_M = 0x6d;
const CHAR_0 = 0x30;

/** The id of the matchup issued with this sequence number: `m` and the number. */
export function matchupIdOf(sequence: number): string {
  return `m${sequence}`;
}

/**
 * The sequence number in a matchup id `m<n>` (n ≥ 1, decimal, no leading zero, at most
 * 16 digits), or 0 when the string is not of that form.
 */
export function sequenceOf(id: string): number {
  const length = id.length;
  if (length < 2 || length > 17 || id.charCodeAt(0) !== CHAR_M || id.charCodeAt(1) === CHAR_0) return 0;
  let sequence = 0;
  for (let i = 1; i < length; i++) {
    const digit = id.charCodeAt(i) - CHAR_0;
    if (digit < 0 || digit > 9) return 0;
    sequence = sequence * 10 + digit;
  }
  return sequence;
}

/** Every matchup a job has issued. */
export class MatchupLedger {
  /** Sequence number of the latest matchup issued (0 before the first). */
  issued = 0;
  private readonly pending = new SequenceTable<PendingMatchup>();
  // Per sequence number (index 0 unused): status, ranking, datapoints, kind code.
  private status = new Uint8Array(1024);
  private rankings = new Int32Array(1024);
  private lefts = new Int32Array(1024);
  private rights = new Int32Array(1024);
  private kinds = new Uint8Array(1024);
  // Response ids of completed matchups, by sequence number: one id as a plain string
  // (the usual case), several as an array. Kept for the job's life, so compact.
  private readonly completedResponseIds = new Map<number, string | readonly string[]>();
  /** Every accepted response, with its matchup's datapoints. */
  votes = new VoteLog();
  // Min-heap by (deadline, sequence) of matchups issued with a deadline: every pending
  // one, and `stale` entries of matchups that have since completed or been released.
  private deadlines = new Float64Array(16);
  private heapSequences = new Float64Array(16);
  private heapSize = 0;
  private stale = 0;

  /** Registers a newly issued matchup (its sequence must be `issued + 1`). */
  open(matchup: PendingMatchup): void {
    const sequence = matchup.sequence;
    if (sequence >= this.status.length) this.grow(sequence + 1);
    this.issued = sequence;
    this.status[sequence] = STATUS.pending;
    this.rankings[sequence] = matchup.ranking;
    this.lefts[sequence] = matchup.left;
    this.rights[sequence] = matchup.right;
    this.kinds[sequence] = KIND_CODES.indexOf(matchup.kind);
    this.pending.set(sequence, matchup);
    if (matchup.deadline !== null) this.heapPush(matchup.deadline, sequence);
  }

  /** The pending matchup with this id, if any. */
  find(id: string): PendingMatchup | undefined {
    const sequence = sequenceOf(id);
    return sequence === 0 ? undefined : this.pending.get(sequence);
  }

  /** The pending matchups, in issue order. O(p log p) for p pending. */
  pendingInOrder(): PendingMatchup[] {
    return [...this.pending.entries()].sort((a, b) => a[0] - b[0]).map(([, matchup]) => matchup);
  }

  /** Marks a pending matchup completed, keeping its response ids. */
  complete(matchup: PendingMatchup): void {
    this.finish(matchup, STATUS.completed);
    const { responseIds } = matchup;
    if (responseIds !== null) this.completedResponseIds.set(matchup.sequence, responseIds.size === 1 ? responseIds.values().next().value! : [...responseIds]);
  }

  /** Marks a pending matchup released; its partial votes are dropped. */
  release(matchup: PendingMatchup): void {
    this.finish(matchup, STATUS.released);
  }

  /**
   * Takes out, in (deadline, sequence) order, every pending matchup whose deadline is
   * at or before `now`, and marks them expired. O(k log p).
   */
  expire(now: number): PendingMatchup[] {
    const expired: PendingMatchup[] = [];
    while (this.heapSize > 0 && this.deadlines[0]! <= now) {
      const sequence = this.heapPop();
      if (this.status[sequence] !== STATUS.pending) {
        this.stale--;
        continue;
      }
      const matchup = this.pending.get(sequence)!;
      this.finish(matchup, STATUS.expired);
      expired.push(matchup);
    }
    // Expiry took live entries out: the stale ones may now be the majority.
    if (2 * this.stale > this.heapSize) this.dropStale();
    return expired;
  }

  /** Entries in the deadline heap, stale ones included (for tests and diagnostics). @internal */
  get deadlineEntries(): number {
    return this.heapSize;
  }

  /** Whether matchup `sequence` completed. O(1). */
  isCompleted(sequence: number): boolean {
    return sequence >= 1 && sequence <= this.issued && this.status[sequence] === STATUS.completed;
  }

  /** What became of an id that is not pending. */
  finishedState(id: string): FinishedState {
    const sequence = sequenceOf(id);
    if (sequence === 0 || sequence > this.issued) return 'unknown';
    const state = this.status[sequence];
    if (state === STATUS.completed) return 'completed';
    if (state === STATUS.released) return 'released';
    return state === STATUS.expired ? 'expired' : 'unknown';
  }

  /** Whether a completed matchup already received a response with this id. */
  completedWithResponse(id: string, responseId: string): boolean {
    const kept = this.completedResponseIds.get(sequenceOf(id));
    return typeof kept === 'string' ? kept === responseId : kept !== undefined && kept.includes(responseId);
  }

  /** Ranking, datapoint indices and kind of an issued matchup (for reading events back). */
  describe(sequence: number): { ranking: number; left: number; right: number; kind: MatchupKind } {
    return {
      ranking: this.rankings[sequence]!,
      left: this.lefts[sequence]!,
      right: this.rights[sequence]!,
      kind: KIND_CODES[this.kinds[sequence]!]!,
    };
  }

  /** Status code (see {@link STATUS}) of every sequence number 1 … issued. */
  statuses(): Uint8Array {
    return this.status.slice(1, this.issued + 1);
  }

  /** Response ids kept for completed matchups, in completion order. */
  completedResponses(): [string, string[]][] {
    return Array.from(this.completedResponseIds, ([sequence, kept]) => [matchupIdOf(sequence), typeof kept === 'string' ? [kept] : [...kept]]);
  }

  /**
   * Restores the ledger of a snapshot: statuses of 1 … issued, the pending matchups and
   * the response ids of completed ones. The caller has checked them.
   */
  restore(
    statuses: ArrayLike<number>,
    pending: readonly PendingMatchup[],
    completedResponses: readonly (readonly [string, readonly string[]])[],
    votes: VoteLog,
  ): void {
    this.votes = votes;
    this.issued = statuses.length;
    this.grow(statuses.length + 1);
    for (let i = 0; i < statuses.length; i++) this.status[i + 1] = statuses[i]!;
    for (const matchup of pending) {
      this.rankings[matchup.sequence] = matchup.ranking;
      this.lefts[matchup.sequence] = matchup.left;
      this.rights[matchup.sequence] = matchup.right;
      this.kinds[matchup.sequence] = KIND_CODES.indexOf(matchup.kind);
      this.pending.set(matchup.sequence, matchup);
      if (matchup.deadline !== null) this.heapPush(matchup.deadline, matchup.sequence);
    }
    for (const [id, responses] of completedResponses) {
      this.completedResponseIds.set(sequenceOf(id), responses.length === 1 ? responses[0]! : [...responses]);
    }
  }

  private finish(matchup: PendingMatchup, state: number): void {
    this.pending.delete(matchup.sequence);
    this.status[matchup.sequence] = state;
    // Expiry pops its own entry; a completed or released matchup's entry goes stale.
    if (matchup.deadline === null || state === STATUS.expired) return;
    this.stale++;
    if (2 * this.stale > this.heapSize) this.dropStale();
  }

  private grow(minimum: number): void {
    const capacity = Math.max(2 * this.status.length, minimum);
    this.status = grownCopy(this.status, capacity);
    this.kinds = grownCopy(this.kinds, capacity);
    this.rankings = grownCopy(this.rankings, capacity);
    this.lefts = grownCopy(this.lefts, capacity);
    this.rights = grownCopy(this.rights, capacity);
  }

  // Whether heap entry i comes before entry j: earlier deadline, then lower sequence.
  private earlier(i: number, j: number): boolean {
    const { deadlines } = this;
    return deadlines[i]! < deadlines[j]! || (deadlines[i] === deadlines[j] && this.heapSequences[i]! < this.heapSequences[j]!);
  }

  private heapPush(deadline: number, sequence: number): void {
    if (this.heapSize === this.deadlines.length) {
      this.deadlines = grownCopy(this.deadlines, 2 * this.heapSize);
      this.heapSequences = grownCopy(this.heapSequences, 2 * this.heapSize);
    }
    const at = this.heapSize++;
    this.deadlines[at] = deadline;
    this.heapSequences[at] = sequence;
    this.siftUp(at);
  }

  // Takes out the first entry and returns its sequence number.
  private heapPop(): number {
    const sequence = this.heapSequences[0]!;
    const last = --this.heapSize;
    this.moveEntry(last, 0);
    if (last > 0) this.siftDown(0);
    return sequence;
  }

  // Keeps only the entries of pending matchups, in heap order again. O(entries).
  private dropStale(): void {
    let kept = 0;
    for (let i = 0; i < this.heapSize; i++) {
      if (this.status[this.heapSequences[i]!] === STATUS.pending) this.moveEntry(i, kept++);
    }
    this.heapSize = kept;
    this.stale = 0;
    for (let at = (kept >> 1) - 1; at >= 0; at--) this.siftDown(at);
  }

  private siftUp(at: number): void {
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.earlier(at, parent)) break;
      this.swapEntries(at, parent);
      at = parent;
    }
  }

  private siftDown(at: number): void {
    for (;;) {
      let child = 2 * at + 1;
      if (child >= this.heapSize) break;
      if (child + 1 < this.heapSize && this.earlier(child + 1, child)) child++;
      if (!this.earlier(child, at)) break;
      this.swapEntries(at, child);
      at = child;
    }
  }

  private moveEntry(from: number, to: number): void {
    this.deadlines[to] = this.deadlines[from]!;
    this.heapSequences[to] = this.heapSequences[from]!;
  }

  private swapEntries(i: number, j: number): void {
    const { deadlines, heapSequences } = this;
    const deadline = deadlines[i]!;
    const sequence = heapSequences[i]!;
    deadlines[i] = deadlines[j]!;
    heapSequences[i] = heapSequences[j]!;
    deadlines[j] = deadline;
    heapSequences[j] = sequence;
  }
}
