/**
 * Sort pairing: each datapoint is placed into a growing sorted chain by binary search
 * (binary insertion sort; D. E. Knuth, The Art of Computer Programming, vol. 3, 2nd ed.,
 * 1998, §5.2.1 and §5.3.1). Every placement takes at most ⌈log2 (k + 1)⌉ comparisons
 * with k already placed, so n datapoints take at most Σ ⌈log2 k⌉ (k = 2…n): 33 for 12
 * (⌈log2 12!⌉ = 29), 237 for 50 (215), 1 345 for 200 (1 246); consistent answers then
 * prove the order.
 *
 * The state is the chain (placed datapoints, ascending) and, for each datapoint still
 * to place, the placed datapoints that bound it: the highest known below it and the
 * lowest known above it. Any completed matchup between a placed and an unplaced
 * datapoint narrows those bounds (it need not be a sort matchup); one that contradicts
 * them (a wrong answer, or a wrong earlier one) is ignored here, and the posterior takes
 * it into account. When the bounds close in, the datapoint is inserted between them.
 * Several datapoints search at once, one matchup each, so matchups in flight place
 * datapoints in parallel.
 *
 * Like the posterior, the chain is a function of the completed matchups in completion
 * order (the first datapoint starts it), so snapshots do not store it.
 *
 * Costs: picking the next datapoint to place O(1 + datapoints skipped for having a
 * matchup pending); its pivot O(1); a completion O(1), plus O(n) to shift the chain and
 * the queue when it places a datapoint.
 * @internal
 * @module
 */
import { grownCopy } from '../state/grownCopy.js';

/** The sorted chain of one ranking, and the search bounds of the datapoints still to place. */
export class InsertionOrder {
  /** Placed datapoints, ascending (lowest score first). */
  chain: Int32Array;
  length = 0;
  /** Position of each datapoint in the chain, or −1 while unplaced. */
  position: Int32Array;
  // Bounds of each unplaced datapoint: placed datapoints known below and above it (−1: none).
  private lower: Int32Array;
  private upper: Int32Array;
  // The unplaced datapoints in index order (the order they are taken in), with each one's slot.
  private unplaced: Int32Array;
  private unplacedSlot: Int32Array;
  private unplacedCount = 0;
  // Datapoints the chain knows of, placed or not.
  private known = 1;

  /** A chain holding datapoint 0, with datapoints 1 … n − 1 to place. */
  constructor(n: number) {
    this.chain = new Int32Array(n);
    this.position = new Int32Array(n).fill(-1);
    this.lower = new Int32Array(n).fill(-1);
    this.upper = new Int32Array(n).fill(-1);
    this.unplaced = new Int32Array(n);
    this.unplacedSlot = new Int32Array(n).fill(-1);
    this.chain[0] = 0;
    this.position[0] = 0;
    this.length = 1;
    for (let x = 1; x < n; x++) this.enqueue(x);
  }

  /** Whether every datapoint is placed. */
  get complete(): boolean {
    return this.unplacedCount === 0;
  }

  /** Adds datapoints up to index `size − 1`, unplaced. O(k) for k added. */
  grow(size: number): void {
    if (size > this.chain.length) {
      const capacity = Math.max(size, 2 * this.chain.length);
      this.chain = grownCopy(this.chain, capacity);
      this.position = grownCopy(this.position, capacity);
      this.lower = grownCopy(this.lower, capacity);
      this.upper = grownCopy(this.upper, capacity);
      this.unplaced = grownCopy(this.unplaced, capacity);
      this.unplacedSlot = grownCopy(this.unplacedSlot, capacity);
    }
    for (let x = this.known; x < size; x++) {
      this.position[x] = -1;
      this.lower[x] = -1;
      this.upper[x] = -1;
      this.enqueue(x);
    }
  }

  /**
   * The first datapoint still to place for which `free` holds (it has no matchup
   * pending), or −1 when there is none.
   */
  nextToPlace(free: (x: number) => boolean): number {
    for (let slot = 0; slot < this.unplacedCount; slot++) {
      const x = this.unplaced[slot]!;
      if (free(x)) return x;
    }
    return -1;
  }

  /** The placed datapoint to compare unplaced `x` with next: the middle of its bounds. O(1). */
  pivotFor(x: number): number {
    const [low, high] = this.interval(x);
    return this.chain[(low + high) >> 1]!;
  }

  /**
   * A completed matchup of a and b: `forA` and `forB` are the evidence for each side
   * (the side with more won; equal evidence places an unplaced datapoint above the
   * placed one). Narrows the bounds of an unplaced datapoint met by a placed one, and
   * inserts it when they close. O(1), or O(chain length) when it inserts.
   */
  note(a: number, b: number, forA: number, forB: number): void {
    const aPlaced = this.position[a]! >= 0;
    const bPlaced = this.position[b]! >= 0;
    if (aPlaced === bPlaced) return;
    const [x, y, xAbove] = aPlaced ? [b, a, forB >= forA] : [a, b, forA >= forB];
    const [low, high] = this.interval(x);
    const at = this.position[y]!;
    // Only an answer that falls inside the current bounds narrows them.
    if (at < low || at >= high) return;
    if (xAbove) this.lower[x] = y;
    else this.upper[x] = y;
    const [newLow, newHigh] = this.interval(x);
    if (newLow === newHigh) this.insert(x, newLow);
  }

  // Positions [low, high) of the chain between x's bounds.
  private interval(x: number): [number, number] {
    const below = this.lower[x]!;
    const above = this.upper[x]!;
    return [below < 0 ? 0 : this.position[below]! + 1, above < 0 ? this.length : this.position[above]!];
  }

  private insert(x: number, at: number): void {
    const { chain, position } = this;
    chain.copyWithin(at + 1, at, this.length);
    chain[at] = x;
    this.length++;
    for (let p = at; p < this.length; p++) position[chain[p]!] = p;
    // Out of the queue, keeping it in index order: the order must not depend on when
    // datapoints were added, or a restored job (which knows them all from the start)
    // would take them in another order than the live one.
    const slot = this.unplacedSlot[x]!;
    this.unplaced.copyWithin(slot, slot + 1, this.unplacedCount);
    this.unplacedCount--;
    for (let next = slot; next < this.unplacedCount; next++) this.unplacedSlot[this.unplaced[next]!] = next;
    this.unplacedSlot[x] = -1;
  }

  private enqueue(x: number): void {
    this.unplaced[this.unplacedCount] = x;
    this.unplacedSlot[x] = this.unplacedCount++;
    this.known = x + 1;
  }
}
