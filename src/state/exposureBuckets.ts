/**
 * How often each datapoint of a ranking is in a matchup (issued and not released,
 * so pending ones count), with O(1) access to a uniformly random least-exposed one.
 *
 * Layout: `order` lists the datapoints sorted by exposure, ascending; `bucketStart[e]`
 * is the first position whose exposure is ≥ e. Raising a datapoint's exposure swaps
 * it to the end of its bucket and moves the boundary one step left; lowering it swaps
 * it to the front and moves the boundary right (the counting-sort bucket trick).
 *
 * Costs: increment and decrement O(1) amortised; least-exposed pick O(1).
 * Memory: three arrays of n entries plus one entry per exposure level reached.
 * @internal
 * @module
 */
import { indexFromUniform } from '../rng/uniformDraws.js';

/** Exposure counts of one ranking's datapoints. */
export class ExposureBuckets {
  /** Exposure of each datapoint (issued minus released matchups it is in). */
  readonly exposure: Float64Array;
  private readonly order: Int32Array;
  private readonly position: Int32Array;
  private readonly bucketStart: number[];

  /** @param n - Number of datapoints, all starting at exposure 0. */
  constructor(n: number) {
    this.exposure = new Float64Array(n);
    this.order = new Int32Array(n);
    this.position = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      this.order[i] = i;
      this.position[i] = i;
    }
    this.bucketStart = [0, n];
  }

  /** The lowest exposure of any datapoint. */
  get minimum(): number {
    return this.exposure[this.order[0]!]!;
  }

  /** A datapoint with the lowest exposure, uniformly among ties, from a draw u in [0, 1). */
  pickLeastExposed(u: number): number {
    const tied = this.bucketStart[this.minimum + 1]!;
    return this.order[indexFromUniform(u, tied)]!;
  }

  /** Raises x's exposure by one. */
  increment(x: number): void {
    const level = this.exposure[x]!;
    if (this.bucketStart.length < level + 3) this.bucketStart.push(this.order.length);
    const last = this.bucketStart[level + 1]! - 1;
    this.swap(this.position[x]!, last);
    this.bucketStart[level + 1] = last;
    this.exposure[x] = level + 1;
  }

  /** Lowers x's exposure by one; x's exposure must be at least 1. */
  decrement(x: number): void {
    const level = this.exposure[x]!;
    const first = this.bucketStart[level]!;
    this.swap(this.position[x]!, first);
    this.bucketStart[level] = first + 1;
    this.exposure[x] = level - 1;
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
