/**
 * Which pending batch gets the next matchup: an indexed binary min-heap of the batches
 * with work left to hand out, keyed by the share of their target taken (responses +
 * pending matchups, over the target), ties to the older batch. The job's BudgetQueue
 * keeps the same order over objects; this one reads the flow's batch columns, which grow.
 *
 * Costs (B batches in the queue): peek O(1); reposition O(log B).
 * @internal
 * @module
 */
import { grownCopy } from '../state/grownCopy.js';
import { BATCH, type FlowBatches } from './flowBatches.js';

/** The order in which a flow's pending batches get matchups. */
export class BatchQueue {
  private heap = new Int32Array(1024);
  size = 0;

  constructor(private readonly batches: FlowBatches) {}

  /** The batch the next matchup goes to, or −1 when none has work to hand out. */
  peek(): number {
    return this.size === 0 ? -1 : this.heap[0]!;
  }

  /** Call after batch b's pending or completed count, or its status, changed. O(log B). */
  reposition(b: number): void {
    const { batches } = this;
    const hasWork = batches.status[b] === BATCH.pending && batches.pending[b]! + batches.completed[b]! < batches.budget[b]!;
    const at = batches.queueSlot[b]!;
    if (at === -1) {
      if (hasWork) this.push(b);
    } else if (!hasWork) this.remove(b);
    else {
      this.siftUp(at);
      this.siftDown(batches.queueSlot[b]!);
    }
  }

  private before(a: number, b: number): boolean {
    const { pending, completed, budget } = this.batches;
    const shareA = (pending[a]! + completed[a]!) / budget[a]!;
    const shareB = (pending[b]! + completed[b]!) / budget[b]!;
    return shareA < shareB || (shareA === shareB && a < b);
  }

  private push(b: number): void {
    if (this.size === this.heap.length) this.heap = grownCopy(this.heap, 2 * this.heap.length);
    this.heap[this.size] = b;
    this.batches.queueSlot[b] = this.size;
    this.size++;
    this.siftUp(this.size - 1);
  }

  private remove(b: number): void {
    const slot = this.batches.queueSlot;
    const at = slot[b]!;
    const last = this.heap[--this.size]!;
    slot[b] = -1;
    if (at === this.size) return;
    this.heap[at] = last;
    slot[last] = at;
    this.siftDown(at);
    this.siftUp(slot[last]!);
  }

  private siftUp(at: number): void {
    const { heap } = this;
    const slot = this.batches.queueSlot;
    const item = heap[at]!;
    while (at > 0) {
      const parentAt = (at - 1) >> 1;
      const parent = heap[parentAt]!;
      if (!this.before(item, parent)) break;
      heap[at] = parent;
      slot[parent] = at;
      at = parentAt;
    }
    heap[at] = item;
    slot[item] = at;
  }

  private siftDown(at: number): void {
    const { heap } = this;
    const slot = this.batches.queueSlot;
    const item = heap[at]!;
    for (;;) {
      const leftAt = 2 * at + 1;
      if (leftAt >= this.size) break;
      const rightAt = leftAt + 1;
      let childAt = leftAt;
      if (rightAt < this.size && this.before(heap[rightAt]!, heap[leftAt]!)) childAt = rightAt;
      const child = heap[childAt]!;
      if (!this.before(child, item)) break;
      heap[at] = child;
      slot[child] = at;
      at = childAt;
    }
    heap[at] = item;
    slot[item] = at;
  }
}
