/**
 * A growing list of comparisons as parallel typed arrays: the factors expectation
 * propagation runs over (evidence for a and for b per compared pair). The arrays are
 * created with the first comparison, so a ranking that has none costs one small object.
 * @internal
 * @module
 */
import { grownCopy } from '../state/grownCopy.js';
import type { ComparisonFactors } from './expectationPropagation.js';

const FIRST_CAPACITY = 16;

/** Comparisons appended one at a time, read as {@link ComparisonFactors}. */
export class FactorList {
  private count = 0;
  private a: Int32Array | null = null;
  private b: Int32Array | null = null;
  private winsA: Float64Array | null = null;
  private winsB: Float64Array | null = null;

  /** Appends a comparison of a and b with the evidence for each. O(1) amortised. */
  add(a: number, b: number, forA: number, forB: number): void {
    if (this.a === null || this.count === this.a.length) this.grow();
    this.a![this.count] = a;
    this.b![this.count] = b;
    this.winsA![this.count] = forA;
    this.winsB![this.count] = forB;
    this.count++;
  }

  /** The comparisons so far (views, valid until the next add). O(1). */
  view(): ComparisonFactors {
    const { count } = this;
    if (this.a === null) return { count, a: new Int32Array(0), b: new Int32Array(0), winsA: new Float64Array(0), winsB: new Float64Array(0) };
    return { count, a: this.a.subarray(0, count), b: this.b!.subarray(0, count), winsA: this.winsA!.subarray(0, count), winsB: this.winsB!.subarray(0, count) };
  }

  private grow(): void {
    const capacity = Math.max(FIRST_CAPACITY, 2 * this.count);
    this.a = this.a === null ? new Int32Array(capacity) : grownCopy(this.a, capacity);
    this.b = this.b === null ? new Int32Array(capacity) : grownCopy(this.b, capacity);
    this.winsA = this.winsA === null ? new Float64Array(capacity) : grownCopy(this.winsA, capacity);
    this.winsB = this.winsB === null ? new Float64Array(capacity) : grownCopy(this.winsB, capacity);
  }
}
