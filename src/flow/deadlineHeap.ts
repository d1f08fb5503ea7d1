/**
 * A binary min-heap of (deadline, key) pairs, ordered by deadline, then key: the flow's
 * pending matchups (key: sequence number) and pending batches (key: batch index) with a
 * time limit. Entries whose matchup or batch finished first stay behind and are skipped
 * when they surface; `compact` drops them all once they outnumber the live ones, so the
 * heap holds at most about twice the live entries.
 *
 * Costs: push and pop O(log h); compact O(h).
 * @internal
 * @module
 */
import { grownCopy } from '../state/grownCopy.js';

/** Deadlines with keys, earliest first. */
export class DeadlineHeap {
  private deadlines = new Float64Array(64);
  private keys = new Float64Array(64);
  size = 0;

  /** Adds an entry. O(log h). */
  push(deadline: number, key: number): void {
    if (this.size === this.deadlines.length) {
      this.deadlines = grownCopy(this.deadlines, 2 * this.size);
      this.keys = grownCopy(this.keys, 2 * this.size);
    }
    this.siftUp(this.size++, deadline, key);
  }

  /** The earliest deadline (Infinity when empty). */
  topDeadline(): number {
    return this.size === 0 ? Number.POSITIVE_INFINITY : this.deadlines[0]!;
  }

  /** The earliest entry's key. */
  topKey(): number {
    return this.keys[0]!;
  }

  /** Removes the earliest entry. O(log h). */
  pop(): void {
    const last = --this.size;
    if (last > 0) this.siftDown(0, this.deadlines[last]!, this.keys[last]!);
  }

  /** Keeps only the entries `isLive` accepts, in heap order again. O(h). */
  compact(isLive: (key: number) => boolean): void {
    let kept = 0;
    for (let i = 0; i < this.size; i++) {
      const key = this.keys[i]!;
      if (!isLive(key)) continue;
      this.deadlines[kept] = this.deadlines[i]!;
      this.keys[kept++] = key;
    }
    this.size = kept;
    for (let i = (kept >> 1) - 1; i >= 0; i--) this.siftDown(i, this.deadlines[i]!, this.keys[i]!);
  }

  private siftUp(at: number, deadline: number, key: number): void {
    const { deadlines, keys } = this;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const d = deadlines[parent]!;
      if (d < deadline || (d === deadline && keys[parent]! < key)) break;
      deadlines[at] = d;
      keys[at] = keys[parent]!;
      at = parent;
    }
    deadlines[at] = deadline;
    keys[at] = key;
  }

  private siftDown(at: number, deadline: number, key: number): void {
    const { deadlines, keys, size } = this;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size && (deadlines[right]! < deadlines[child]! || (deadlines[right] === deadlines[child] && keys[right]! < keys[child]!))) child = right;
      const d = deadlines[child]!;
      if (deadline < d || (deadline === d && key < keys[child]!)) break;
      deadlines[at] = d;
      keys[at] = keys[child]!;
      at = child;
    }
    deadlines[at] = deadline;
    keys[at] = key;
  }
}
