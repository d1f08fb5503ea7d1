/**
 * Every batch a flow was given, as typed-array columns indexed by batch number − 1, plus
 * each batch's frozen ids and context. A batch's datapoints live in a block of the item
 * columns while it is pending, and of the result columns once it is closed.
 * About 60 bytes per batch besides its ids.
 * @internal
 * @module
 */
import type { RankingContext } from '../definition/types.js';
import { grownCopy } from '../state/grownCopy.js';
import { numberAfterPrefix } from './flowLedger.js';

/** Status codes of a batch; FORGOTTEN is added to a closed batch's code when its result is dropped. */
export const BATCH = /* @__PURE__ */ Object.freeze({ pending: 0, completed: 1, incomplete: 2, expired: 3, forgotten: 8 });

/** The batch columns. */
export class FlowBatches {
  count = 0;
  status = new Uint8Array(0);
  size = new Uint16Array(0);
  /** Start of the batch's block: in the item columns while pending, in the result columns once closed. */
  base = new Int32Array(0);
  budget = new Int32Array(0);
  minimum = new Int32Array(0);
  completed = new Int32Array(0);
  pending = new Int32Array(0);
  /** NaN for no deadline. */
  deadline = new Float64Array(0);
  addedAt = new Float64Array(0);
  /** Position in the batch queue, or −1 when the batch has nothing to hand out. */
  queueSlot = new Int32Array(0);
  /** First of the batch's pending matchups (a ledger slot), or −1. */
  pendingHead = new Int32Array(0);
  /** Response ids the flow keeps for the batch's answered matchups (dropped when it closes). */
  responseIds = new Int32Array(0);
  /** The batch's datapoint ids (frozen), or null once forgotten. */
  readonly ids: (readonly string[] | null)[] = [];
  /** The batch's context, or null. */
  readonly contexts: (RankingContext | null)[] = [];

  /**
   * Appends a batch and returns its index (its id is `b` + index + 1). O(1) amortised.
   * `ids` is null only for a forgotten batch of a restored flow (nothing of it is kept).
   */
  add(ids: readonly string[] | null, context: RankingContext | null, budget: number, minimum: number, deadline: number, addedAt: number): number {
    const b = this.count;
    if (b === this.status.length) this.grow(Math.max(1024, 2 * b));
    this.count = b + 1;
    this.status[b] = BATCH.pending;
    this.size[b] = ids === null ? 0 : ids.length;
    this.base[b] = -1;
    this.budget[b] = budget;
    this.minimum[b] = minimum;
    this.completed[b] = 0;
    this.pending[b] = 0;
    this.deadline[b] = deadline;
    this.addedAt[b] = addedAt;
    this.queueSlot[b] = -1;
    this.pendingHead[b] = -1;
    this.responseIds[b] = 0;
    this.ids.push(ids);
    this.contexts.push(context);
    return b;
  }

  private grow(capacity: number): void {
    this.status = grownCopy(this.status, capacity);
    this.size = grownCopy(this.size, capacity);
    this.base = grownCopy(this.base, capacity);
    this.budget = grownCopy(this.budget, capacity);
    this.minimum = grownCopy(this.minimum, capacity);
    this.completed = grownCopy(this.completed, capacity);
    this.pending = grownCopy(this.pending, capacity);
    this.deadline = grownCopy(this.deadline, capacity);
    this.addedAt = grownCopy(this.addedAt, capacity);
    this.queueSlot = grownCopy(this.queueSlot, capacity);
    this.pendingHead = grownCopy(this.pendingHead, capacity);
    this.responseIds = grownCopy(this.responseIds, capacity);
  }
}

/** The id of batch index b. */
export function batchIdOf(b: number): string {
  return `b${b + 1}`;
}

/** The batch index of an id `b<number>` among `count` batches, or −1. */
export function batchIndexOf(id: string, count: number): number {
  return numberAfterPrefix(id, 0x62, count) - 1;
}
