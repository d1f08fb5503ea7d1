/**
 * Every matchup a flow issued. Per issued matchup (indexed by sequence number − 1):
 * its batch, both datapoints (indices within the batch), kind and status, and its
 * pending slot: 13 bytes, no object. A pending matchup also holds a reused slot with
 * its deadline, linked into its batch's list of pending matchups, so a batch that
 * closes finds its pending matchups without a scan. Pending matchups with a deadline
 * sit in a deadline heap. Response ids of answered matchups are kept while their batch
 * is pending (to recognise a retried delivery), and swept once they are mostly of
 * closed batches.
 * @internal
 * @module
 */
import { matchupIdOf } from '../job/matchupLedger.js';
import { grownCopy } from '../state/grownCopy.js';
import { DeadlineHeap } from './deadlineHeap.js';
import type { FlowBatches } from './flowBatches.js';

/** Status codes of an issued matchup (low three bits of its state byte). */
export const MATCHUP = /* @__PURE__ */ Object.freeze({ pending: 1, completed: 2, released: 3, expired: 4 });
/** The state byte's kind bit: set for a close matchup, clear for a random one. */
export const CLOSE_KIND = 8;
const STATUS_MASK = 7;

/** The issued matchups, the pending slots and the deadline heap. */
export class FlowLedger {
  issued = 0;
  /** Pending matchups. */
  pendingCount = 0;
  batch = new Int32Array(0);
  left = new Uint16Array(0);
  right = new Uint16Array(0);
  state = new Uint8Array(0);
  slot = new Int32Array(0);
  // Pending slots.
  private slotSequence = new Float64Array(0);
  private slotDeadline = new Float64Array(0);
  private slotPrev = new Int32Array(0);
  private slotNext = new Int32Array(0);
  private readonly freeSlots: number[] = [];
  private slotsUsed = 0;
  /** Pending matchups with a deadline, by deadline. */
  readonly deadlines = new DeadlineHeap();
  private liveDeadlines = 0;
  /** Response ids of answered matchups (sequence → id), in answer order; entries of closed batches are swept. */
  readonly responseIds = new Map<number, string>();
  private liveResponseIds = 0;

  constructor(private readonly batches: FlowBatches) {}

  /** Opens a pending matchup and returns its sequence number. O(log p) with a deadline, else O(1). */
  open(b: number, left: number, right: number, close: boolean, deadline: number): number {
    const sequence = this.append(b, left, right, close, MATCHUP.pending);
    const i = sequence - 1;
    const slot = this.freeSlots.pop() ?? this.newSlot();
    this.slot[i] = slot;
    this.slotSequence[slot] = sequence;
    this.slotDeadline[slot] = deadline;
    const { pendingHead } = this.batches;
    const head = pendingHead[b]!;
    this.slotPrev[slot] = -1;
    this.slotNext[slot] = head;
    if (head >= 0) this.slotPrev[head] = slot;
    pendingHead[b] = slot;
    this.pendingCount++;
    if (!Number.isNaN(deadline)) {
      this.deadlines.push(deadline, sequence);
      this.liveDeadlines++;
    }
    return sequence;
  }

  /**
   * Appends a matchup with a final status (a restored flow's history: its pair is not
   * kept, since events before the snapshot are not read back). Returns its sequence number.
   */
  append(b: number, left: number, right: number, close: boolean, status: number): number {
    const sequence = ++this.issued;
    const i = sequence - 1;
    if (i === this.batch.length) this.growIssued(Math.max(4096, 2 * i));
    this.batch[i] = b;
    this.left[i] = left;
    this.right[i] = right;
    this.state[i] = status | (close ? CLOSE_KIND : 0);
    this.slot[i] = -1;
    return sequence;
  }

  /** The sequence numbers of every pending matchup, in issue order. O(slots + p log p). */
  pendingSequences(): number[] {
    const sequences: number[] = [];
    for (let slot = 0; slot < this.slotsUsed; slot++) {
      const sequence = this.slotSequence[slot]!;
      if (sequence !== 0) sequences.push(sequence);
    }
    return sequences.sort((x, y) => x - y);
  }

  /** The status of sequence number s (0 for never issued). */
  statusOf(sequence: number): number {
    return sequence >= 1 && sequence <= this.issued ? this.state[sequence - 1]! & STATUS_MASK : 0;
  }

  /** Whether the matchup was a close one. */
  isClose(sequence: number): boolean {
    return (this.state[sequence - 1]! & CLOSE_KIND) !== 0;
  }

  /** The deadline of a pending matchup (NaN for none). */
  deadlineOf(sequence: number): number {
    return this.slotDeadline[this.slot[sequence - 1]!]!;
  }

  /** Ends a pending matchup with `status` (completed, released or expired) and frees its slot. O(1). */
  finish(sequence: number, status: number): void {
    const i = sequence - 1;
    const slot = this.slot[i]!;
    const prev = this.slotPrev[slot]!;
    const next = this.slotNext[slot]!;
    if (prev >= 0) this.slotNext[prev] = next;
    else this.batches.pendingHead[this.batch[i]!] = next;
    if (next >= 0) this.slotPrev[next] = prev;
    if (!Number.isNaN(this.slotDeadline[slot]!)) this.liveDeadlines--;
    this.freeSlots.push(slot);
    this.slotSequence[slot] = 0;
    this.slot[i] = -1;
    this.state[i] = (this.state[i]! & CLOSE_KIND) | status;
    this.pendingCount--;
    // Entries of finished matchups stay in the heap; drop them once they are the majority.
    if (this.deadlines.size > 64 && this.deadlines.size > 2 * this.liveDeadlines) {
      this.deadlines.compact((key) => this.statusOf(key) === MATCHUP.pending);
    }
  }

  /** The sequence numbers of batch b's pending matchups, in issue order. O(k log k). */
  pendingOfBatch(b: number): number[] {
    const sequences: number[] = [];
    for (let slot = this.batches.pendingHead[b]!; slot >= 0; slot = this.slotNext[slot]!) sequences.push(this.slotSequence[slot]!);
    return sequences.sort((x, y) => x - y);
  }

  /** Remembers the response id an answered matchup of batch b got. */
  keepResponseId(sequence: number, b: number, responseId: string): void {
    this.responseIds.set(sequence, responseId);
    this.batches.responseIds[b]!++;
    this.liveResponseIds++;
  }

  /** Forgets the response ids of a batch that closed (swept later, in one pass). */
  dropResponseIds(b: number): void {
    this.liveResponseIds -= this.batches.responseIds[b]!;
    this.batches.responseIds[b] = 0;
    if (this.responseIds.size > 1024 && this.responseIds.size > 2 * this.liveResponseIds) {
      const { status } = this.batches;
      for (const sequence of this.responseIds.keys()) if (status[this.batch[sequence - 1]!] !== 0) this.responseIds.delete(sequence);
    }
  }

  /** The live response ids (of pending batches), in answer order. */
  liveResponseIdEntries(): [number, string][] {
    const { status } = this.batches;
    const entries: [number, string][] = [];
    for (const [sequence, id] of this.responseIds) if (status[this.batch[sequence - 1]!] === 0) entries.push([sequence, id]);
    return entries;
  }

  private newSlot(): number {
    const slot = this.slotsUsed++;
    if (slot === this.slotSequence.length) {
      const capacity = Math.max(256, 2 * slot);
      this.slotSequence = grownCopy(this.slotSequence, capacity);
      this.slotDeadline = grownCopy(this.slotDeadline, capacity);
      this.slotPrev = grownCopy(this.slotPrev, capacity);
      this.slotNext = grownCopy(this.slotNext, capacity);
    }
    return slot;
  }

  private growIssued(capacity: number): void {
    this.batch = grownCopy(this.batch, capacity);
    this.left = grownCopy(this.left, capacity);
    this.right = grownCopy(this.right, capacity);
    this.state = grownCopy(this.state, capacity);
    this.slot = grownCopy(this.slot, capacity);
  }
}

/** The id of sequence number s: `m` and the number (the job's ids, from its cached parts). */
export function matchupIdOfSequence(sequence: number): string {
  return matchupIdOf(sequence);
}

/** The sequence number of an id `m<number>` among `issued` matchups, or 0. */
export function sequenceOfMatchupId(id: string, issued: number): number {
  return numberAfterPrefix(id, 0x6d, issued);
}

/**
 * The number n in `<prefix>n` (digits only, no leading zero, so each number has one id)
 * when 1 ≤ n ≤ most, else 0. Parsed by hand: a regular expression and Number() cost more
 * than the rest of a response.
 */
export function numberAfterPrefix(id: string, prefix: number, most: number): number {
  const length = id.length;
  if (length < 2 || length > 17 || id.charCodeAt(0) !== prefix || id.charCodeAt(1) === 0x30) return 0;
  let value = 0;
  for (let i = 1; i < length; i++) {
    const digit = id.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return 0;
    value = value * 10 + digit;
  }
  return value <= most ? value : 0;
}
