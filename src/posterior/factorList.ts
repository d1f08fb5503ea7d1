/**
 * A growing list of comparisons as parallel typed arrays: the factors expectation
 * propagation runs over (evidence for a and for b per compared pair).
 * @internal
 * @module
 */
import { grownCopy } from '../state/grownCopy.js';
import type { ComparisonFactors } from './expectationPropagation.js';

/** Comparisons appended one at a time, read as {@link ComparisonFactors}. */
export class FactorList {
  private count = 0;
  private a = new Int32Array(16);
  private b = new Int32Array(16);
  private winsA = new Float64Array(16);
  private winsB = new Float64Array(16);

  /** Appends a comparison of a and b with the evidence for each. O(1) amortised. */
  add(a: number, b: number, forA: number, forB: number): void {
    if (this.count === this.a.length) {
      const capacity = 2 * this.count;
      this.a = grownCopy(this.a, capacity);
      this.b = grownCopy(this.b, capacity);
      this.winsA = grownCopy(this.winsA, capacity);
      this.winsB = grownCopy(this.winsB, capacity);
    }
    this.a[this.count] = a;
    this.b[this.count] = b;
    this.winsA[this.count] = forA;
    this.winsB[this.count] = forB;
    this.count++;
  }

  /** The comparisons so far (views, valid until the next add). O(1). */
  view(): ComparisonFactors {
    const { count } = this;
    return { count, a: this.a.subarray(0, count), b: this.b.subarray(0, count), winsA: this.winsA.subarray(0, count), winsB: this.winsB.subarray(0, count) };
  }
}
