/**
 * How often each datapoint of a ranking is in a matchup (issued and not released,
 * so pending ones count), with O(1) access to a uniformly random least-exposed one.
 *
 * Layout: `order` lists the datapoints sorted by exposure, ascending; `bucketStart[e]`
 * is the first position whose exposure is ≥ e. Raising a datapoint's exposure swaps
 * it to the end of its bucket and moves the boundary one step left; lowering it swaps
 * it to the front and moves the boundary right (the counting-sort bucket trick). The
 * order within a bucket is history, and it decides which tied datapoint a draw picks,
 * so snapshots keep it.
 *
 * Costs: increment and decrement O(1) amortised; least-exposed pick O(1); adding a
 * datapoint O(highest exposure). Memory: about 16 bytes per datapoint plus one entry
 * per exposure level reached.
 * @internal
 * @module
 */
import { indexFromUniform } from '../rng/uniformDraws.js';
import { grownCopy } from './grownCopy.js';

/** Exposure counts of one ranking's datapoints. */
export class ExposureBuckets {
  private counts: Float64Array;
  private order: Int32Array;
  private position: Int32Array;
  private readonly bucketStart: number[];
  private size: number;

  /**
   * @param n - Number of datapoints.
   * @param exposure - Their exposures, all 0 when omitted.
   * @param order - The datapoints sorted by exposure, ascending (a fresh ranking's is 0 … n−1).
   *   The caller has checked that it is a permutation sorted by `exposure`.
   */
  constructor(n: number, exposure?: ArrayLike<number>, order?: ArrayLike<number>) {
    this.size = n;
    this.counts = new Float64Array(Math.max(n, 1));
    this.order = new Int32Array(Math.max(n, 1));
    this.position = new Int32Array(Math.max(n, 1));
    for (let p = 0; p < n; p++) {
      const x = order === undefined ? p : order[p]!;
      this.order[p] = x;
      this.position[x] = p;
      this.counts[x] = exposure === undefined ? 0 : exposure[x]!;
    }
    // bucketStart[e] = first position with exposure ≥ e, up to one level past the top.
    const top = n === 0 ? 0 : this.counts[this.order[n - 1]!]!;
    this.bucketStart = new Array<number>(top + 2);
    for (let level = 0, p = 0; level <= top + 1; level++) {
      while (p < n && this.counts[this.order[p]!]! < level) p++;
      this.bucketStart[level] = p;
    }
  }

  /** Exposure of datapoint x. */
  of(x: number): number {
    return this.counts[x]!;
  }

  /** The datapoints sorted by exposure (ties in their current order): for snapshots. O(n). */
  orderList(): number[] {
    return Array.from(this.order.subarray(0, this.size));
  }

  /** The lowest exposure of any datapoint. */
  get minimum(): number {
    return this.counts[this.order[0]!]!;
  }

  /** A datapoint with the lowest exposure, uniformly among ties, from a draw u in [0, 1). */
  pickLeastExposed(u: number): number {
    const tied = this.bucketStart[this.minimum + 1]!;
    return this.order[indexFromUniform(u, tied)]!;
  }

  /** Raises x's exposure by one. */
  increment(x: number): void {
    const level = this.counts[x]!;
    if (this.bucketStart.length < level + 3) this.bucketStart.push(this.size);
    const last = this.bucketStart[level + 1]! - 1;
    this.swap(this.position[x]!, last);
    this.bucketStart[level + 1] = last;
    this.counts[x] = level + 1;
  }

  /** Lowers x's exposure by one; x's exposure must be at least 1. */
  decrement(x: number): void {
    const level = this.counts[x]!;
    const first = this.bucketStart[level]!;
    this.swap(this.position[x]!, first);
    this.bucketStart[level] = first + 1;
    this.counts[x] = level - 1;
  }

  /** Adds datapoint `size` (the next index) with exposure 0, at the end of the lowest bucket. */
  add(): void {
    const x = this.size;
    if (x === this.order.length) this.grow();
    this.order[x] = x;
    this.position[x] = x;
    this.counts[x] = 0;
    this.size++;
    // Walk it down from the top bucket: each bucket above 0 shifts one place right.
    for (let level = this.bucketStart.length - 2; level >= 1; level--) {
      this.swap(this.position[x]!, this.bucketStart[level]!);
      this.bucketStart[level]!++;
    }
    this.bucketStart[this.bucketStart.length - 1] = this.size;
  }

  private grow(): void {
    const capacity = 2 * this.order.length;
    this.counts = grownCopy(this.counts, capacity);
    this.order = grownCopy(this.order, capacity);
    this.position = grownCopy(this.position, capacity);
  }

  private swap(i: number, j: number): void {
    const a = this.order[i]!;
    const b = this.order[j]!;
    this.order[i] = b;
    this.order[j] = a;
    this.position[b] = i;
    this.position[a] = j;
  }
}
