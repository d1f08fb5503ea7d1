/**
 * The record of every matchup a job issued: the pending ones with their votes and
 * deadlines, and the fate and pair of every other, so a late or retried response gets
 * the right answer and the event log can be read back.
 *
 * Matchup ids are `m` followed by the issue sequence number (m1, m2, …). Per sequence
 * number the ledger keeps, in growable typed arrays, the ranking, both datapoint
 * indices, the kind and the status (pending, completed, released, expired). A pending
 * matchup also holds a slot in the pending columns (its votes, deadline, round-robin
 * pair and round, response ids), found through a hash table keyed by sequence number;
 * the slot is freed when the matchup completes, is released or expires, so issuing and
 * answering allocate no object per matchup. Those with a deadline sit in a min-heap of
 * (deadline, sequence) pairs for expiry. Completed matchups keep the response ids they
 * received, so a retried delivery is recognised after completion too.
 *
 * A matchup that completes or is released leaves its heap entry behind (taking it out
 * would need its heap position kept up to date on every move); expiry skips such
 * entries, and once they outnumber the live ones the heap is rebuilt from the live
 * ones alone, so it never holds more than about twice the pending matchups with a
 * deadline, however long the time limit.
 *
 * Costs: open, find, finish O(1) expected (amortised, with the rebuilds), plus
 * O(log p) for a deadline (p pending); expiring k matchups O(k log p). Memory: about
 * 14 bytes per issued matchup, about 60 bytes per slot for the most matchups pending at
 * once, 16 bytes per deadline-heap entry, and the response ids given to completed
 * matchups.
 * @internal
 * @module
 */
import { grownCopy } from '../state/grownCopy.js';
import { SequenceTable } from './sequenceTable.js';
import { VoteLog, type MatchupRows, type VotesSnapshot } from './voteLog.js';
import type { MatchupKind } from './types.js';

/** A pending matchup as plain data: what snapshots save and restore. */
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
  readonly leftVotes: number;
  readonly rightVotes: number;
  readonly drawVotes: number;
  /** Response ids recorded so far, or null before the first one. */
  readonly responseIds: ReadonlySet<string> | null;
}

/** What became of a matchup id that is not pending. */
export type FinishedState = 'completed' | 'released' | 'expired' | 'unknown';

/** Status codes per sequence number. */
export const STATUS = /* @__PURE__ */ Object.freeze({ none: 0, pending: 1, completed: 2, released: 3, expired: 4 });

/** Every kind by code, so a code never reads back as another kind (new kinds go at the end). */
export const KIND_CODES: readonly MatchupKind[] = ['random', 'close', 'roundRobin', 'informationGain', 'sort', 'validation'];
const CHAR_M = 0x6d;
const CHAR_0 = 0x30;
// Ids m1 … m999 come from a table, and larger ones are a cached prefix (m and the
// thousands) and a three-digit suffix from another: cheaper than converting the number.
const ID_TABLE_SIZE = 1000;
let smallIds: readonly string[] | null = null;
let suffixes: readonly string[] | null = null;
let prefixThousands = -1;
let prefix = '';

/** The id of the matchup issued with this sequence number: `m` and the number. */
export function matchupIdOf(sequence: number): string {
  if (sequence < ID_TABLE_SIZE) {
    smallIds ??= Array.from({ length: ID_TABLE_SIZE }, (_, i) => `m${i}`);
    return smallIds[sequence]!;
  }
  const thousands = Math.floor(sequence / ID_TABLE_SIZE);
  if (thousands !== prefixThousands) {
    prefixThousands = thousands;
    prefix = `m${thousands}`;
  }
  suffixes ??= Array.from({ length: ID_TABLE_SIZE }, (_, i) => String(i).padStart(3, '0'));
  return prefix + suffixes[sequence - thousands * ID_TABLE_SIZE]!;
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
export class MatchupLedger implements MatchupRows {
  /** Sequence number of the latest matchup issued (0 before the first). */
  issued = 0;
  // Pending sequence number → its slot.
  private readonly pending = new SequenceTable<number>();
  // Per sequence number (index 0 unused): status, ranking, datapoints, kind code.
  private status = new Uint8Array(1024);
  private rankings = new Int32Array(1024);
  private lefts = new Int32Array(1024);
  private rights = new Int32Array(1024);
  private kinds = new Uint8Array(1024);
  // Per pending slot: its sequence number, left, right and draw votes (three per
  // slot), deadline (NaN: none), round-robin pair and round, and response ids.
  private slotSequences = new Float64Array(16);
  private slotVotes = new Float64Array(48);
  private slotDeadlines = new Float64Array(16);
  private slotPairs = new Float64Array(16);
  private slotRounds = new Float64Array(16);
  private slotResponseIds: (Set<string> | null)[] = [];
  private readonly freeSlots: number[] = [];
  private slotsUsed = 0;
  // Response ids of completed matchups, by sequence number: one id as a plain string
  // (the usual case), several as an array. Kept for the job's life, so compact.
  private readonly completedResponseIds = new Map<number, string | readonly string[]>();
  /** Every accepted response (its matchup's ranking and datapoints are this ledger's rows). */
  votes: VoteLog = new VoteLog(this);
  // Min-heap by (deadline, sequence) of matchups issued with a deadline: every pending
  // one, and `stale` entries of matchups that have since completed or been released.
  private deadlines = new Float64Array(16);
  private heapSequences = new Float64Array(16);
  private heapSize = 0;
  private stale = 0;

  /**
   * Registers the next matchup (sequence `issued + 1`) and returns its pending slot.
   * `kind` is a code of {@link KIND_CODES}; `deadline` null for never.
   */
  open(ranking: number, left: number, right: number, kind: number, pair: number, round: number, deadline: number | null): number {
    const sequence = this.issued + 1;
    if (sequence >= this.status.length) this.grow(sequence + 1);
    this.issued = sequence;
    this.status[sequence] = STATUS.pending;
    this.rankings[sequence] = ranking;
    this.lefts[sequence] = left;
    this.rights[sequence] = right;
    this.kinds[sequence] = kind;
    const slot = this.takeSlot();
    this.slotSequences[slot] = sequence;
    this.slotVotes[3 * slot] = 0;
    this.slotVotes[3 * slot + 1] = 0;
    this.slotVotes[3 * slot + 2] = 0;
    this.slotDeadlines[slot] = deadline === null ? Number.NaN : deadline;
    this.slotPairs[slot] = pair;
    this.slotRounds[slot] = round;
    this.pending.set(sequence, slot);
    if (deadline !== null) this.heapPush(deadline, sequence);
    return slot;
  }

  /** The slot of the pending matchup with this id, or −1 when it is not pending. */
  slotOf(id: string): number {
    const sequence = sequenceOf(id);
    if (sequence === 0) return -1;
    const slot = this.pending.get(sequence);
    return slot === undefined ? -1 : slot;
  }

  /** Sequence number of the matchup in a pending slot. */
  sequenceAt(slot: number): number {
    return this.slotSequences[slot]!;
  }

  /** Ranking of issued matchup `sequence` (see {@link MatchupRows}: after a restore, 0 for a released or expired one without votes). */
  rankingOf(sequence: number): number {
    return this.rankings[sequence]!;
  }

  /** Left datapoint (index in its ranking) of issued matchup `sequence` (as {@link MatchupLedger.rankingOf}). */
  leftOf(sequence: number): number {
    return this.lefts[sequence]!;
  }

  /** Right datapoint of issued matchup `sequence` (as {@link MatchupLedger.rankingOf}). */
  rightOf(sequence: number): number {
    return this.rights[sequence]!;
  }

  /** Deadline of the matchup in a pending slot, NaN for none. */
  deadlineAt(slot: number): number {
    return this.slotDeadlines[slot]!;
  }

  /** Round-robin pair number (−1 for other kinds) of the matchup in a pending slot. */
  pairAt(slot: number): number {
    return this.slotPairs[slot]!;
  }

  /** Round-robin round of the matchup in a pending slot. */
  roundAt(slot: number): number {
    return this.slotRounds[slot]!;
  }

  /** Votes for one side (0 left, 1 right, 2 draw) of the matchup in a pending slot. */
  votesAt(slot: number, outcome: number): number {
    return this.slotVotes[3 * slot + outcome]!;
  }

  /** Counts a vote (0 left, 1 right, 2 draw) for the matchup in a pending slot; returns its votes so far. */
  addVote(slot: number, outcome: number): number {
    const { slotVotes } = this;
    slotVotes[3 * slot + outcome]!++;
    return slotVotes[3 * slot]! + slotVotes[3 * slot + 1]! + slotVotes[3 * slot + 2]!;
  }

  /** Whether the matchup in a pending slot already got a response with this id. */
  hasResponse(slot: number, responseId: string): boolean {
    const ids = this.slotResponseIds[slot];
    return ids !== null && ids !== undefined && ids.has(responseId);
  }

  /** Notes a response id of the matchup in a pending slot. */
  addResponse(slot: number, responseId: string): void {
    (this.slotResponseIds[slot] ??= new Set()).add(responseId);
  }

  /** Pending matchups (slots in use). */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** The pending matchups as plain data, in issue order. O(p log p) for p pending. */
  pendingInOrder(): PendingMatchup[] {
    return [...this.pending.entries()].sort((a, b) => a[0] - b[0]).map(([, slot]) => this.describePending(slot));
  }

  /** Marks the matchup in a pending slot completed, keeping its response ids, and frees the slot. */
  complete(slot: number): void {
    const responseIds = this.slotResponseIds[slot];
    if (responseIds !== null && responseIds !== undefined) {
      this.completedResponseIds.set(this.slotSequences[slot]!, responseIds.size === 1 ? responseIds.values().next().value! : [...responseIds]);
    }
    this.finish(slot, STATUS.completed);
  }

  /** Marks the matchup in a pending slot released (its partial votes are dropped), and frees the slot. */
  release(slot: number): void {
    this.finish(slot, STATUS.released);
  }

  /**
   * Takes out, in (deadline, sequence) order, every pending matchup whose deadline is
   * at or before `now`, marks them expired and returns them. O(k log p).
   */
  expire(now: number): PendingMatchup[] {
    const expired: PendingMatchup[] = [];
    while (this.heapSize > 0 && this.deadlines[0]! <= now) {
      const sequence = this.heapPop();
      if (this.status[sequence] !== STATUS.pending) {
        this.stale--;
        continue;
      }
      const slot = this.pending.get(sequence)!;
      expired.push(this.describePending(slot));
      this.finish(slot, STATUS.expired);
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
   * Restores the ledger of a snapshot: statuses of 1 … issued, the pending matchups, the
   * response ids of completed ones and the votes (whose matchups' ranking and datapoints
   * become the rows of those matchups). The caller has checked them (checkVotes.ts: the
   * votes of one matchup agree with each other and with it when it is pending).
   */
  restore(
    statuses: ArrayLike<number>,
    pending: readonly PendingMatchup[],
    completedResponses: readonly (readonly [string, readonly string[]])[],
    votes: VotesSnapshot,
  ): void {
    this.issued = statuses.length;
    this.grow(statuses.length + 1);
    for (let i = 0; i < statuses.length; i++) this.status[i + 1] = statuses[i]!;
    for (let i = 0; i < votes.sequences.length; i++) {
      const sequence = votes.sequences[i]!;
      this.rankings[sequence] = votes.rankings[i]!;
      this.lefts[sequence] = votes.lefts[i]!;
      this.rights[sequence] = votes.rights[i]!;
    }
    this.votes = VoteLog.fromSnapshot(votes, this);
    for (const matchup of pending) {
      const { sequence } = matchup;
      this.rankings[sequence] = matchup.ranking;
      this.lefts[sequence] = matchup.left;
      this.rights[sequence] = matchup.right;
      this.kinds[sequence] = KIND_CODES.indexOf(matchup.kind);
      const slot = this.takeSlot();
      this.slotSequences[slot] = sequence;
      this.slotVotes[3 * slot] = matchup.leftVotes;
      this.slotVotes[3 * slot + 1] = matchup.rightVotes;
      this.slotVotes[3 * slot + 2] = matchup.drawVotes;
      this.slotDeadlines[slot] = matchup.deadline === null ? Number.NaN : matchup.deadline;
      this.slotPairs[slot] = matchup.pair;
      this.slotRounds[slot] = matchup.round;
      this.slotResponseIds[slot] = matchup.responseIds === null ? null : new Set(matchup.responseIds);
      this.pending.set(sequence, slot);
      if (matchup.deadline !== null) this.heapPush(matchup.deadline, sequence);
    }
    for (const [id, responses] of completedResponses) {
      this.completedResponseIds.set(sequenceOf(id), responses.length === 1 ? responses[0]! : [...responses]);
    }
  }

  // The pending matchup in `slot` as plain data.
  private describePending(slot: number): PendingMatchup {
    const sequence = this.slotSequences[slot]!;
    const deadline = this.slotDeadlines[slot]!;
    const responseIds = this.slotResponseIds[slot];
    return {
      id: matchupIdOf(sequence),
      sequence,
      ranking: this.rankings[sequence]!,
      left: this.lefts[sequence]!,
      right: this.rights[sequence]!,
      kind: KIND_CODES[this.kinds[sequence]!]!,
      pair: this.slotPairs[slot]!,
      round: this.slotRounds[slot]!,
      deadline: Number.isNaN(deadline) ? null : deadline,
      leftVotes: this.slotVotes[3 * slot]!,
      rightVotes: this.slotVotes[3 * slot + 1]!,
      drawVotes: this.slotVotes[3 * slot + 2]!,
      responseIds: responseIds === null || responseIds === undefined ? null : new Set(responseIds),
    };
  }

  private finish(slot: number, state: number): void {
    const sequence = this.slotSequences[slot]!;
    const hadDeadline = !Number.isNaN(this.slotDeadlines[slot]!);
    this.pending.delete(sequence);
    this.status[sequence] = state;
    this.slotResponseIds[slot] = null;
    this.freeSlots.push(slot);
    // Expiry pops its own entry; a completed or released matchup's entry goes stale.
    if (!hadDeadline || state === STATUS.expired) return;
    this.stale++;
    if (2 * this.stale > this.heapSize) this.dropStale();
  }

  // A free pending slot (the columns grow by doubling when none is left).
  private takeSlot(): number {
    const reused = this.freeSlots.pop();
    if (reused !== undefined) return reused;
    if (this.slotsUsed === this.slotSequences.length) {
      const capacity = 2 * this.slotsUsed;
      this.slotSequences = grownCopy(this.slotSequences, capacity);
      this.slotVotes = grownCopy(this.slotVotes, 3 * capacity);
      this.slotDeadlines = grownCopy(this.slotDeadlines, capacity);
      this.slotPairs = grownCopy(this.slotPairs, capacity);
      this.slotRounds = grownCopy(this.slotRounds, capacity);
    }
    this.slotResponseIds.push(null);
    return this.slotsUsed++;
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
