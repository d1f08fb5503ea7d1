/**
 * The comparisons the posterior scorer runs expectation propagation over: one factor
 * per completed matchup, in completion order (so EP's first sweep retraces the job's
 * online update), with the evidence of its responses weighted by labeler.
 * @internal
 * @module
 */
import { forEachCompletedMatchup } from '../job/completedEvidence.js';
import type { VoteLog } from '../job/voteLog.js';
import type { ComparisonFactors } from '../posterior/expectationPropagation.js';
import { grownCopy } from '../state/grownCopy.js';

/**
 * The factors of every ranking. Labeler weights are relative, as in the Bradley–Terry
 * scorer: rescaled to average 1 over the ranking's responses, they move influence
 * between labelers without pretending there is more or less data (which would narrow
 * or widen the intervals). Matchups whose responses all weigh 0 carry no evidence and
 * are left out. O(responses).
 */
export function posteriorFactors(
  votes: VoteLog,
  isCompleted: (sequence: number) => boolean,
  responsesPerComparison: number,
  rankingCount: number,
  weightOf: (labelerId: string | undefined) => number,
): ComparisonFactors[] {
  const builders = Array.from({ length: rankingCount }, () => new FactorBuilder());
  forEachCompletedMatchup(votes, isCompleted, responsesPerComparison, weightOf, (ranking, left, right, forLeft, forRight, responses) =>
    builders[ranking]!.add(left, right, forLeft, forRight, responses),
  );
  return builders.map((builder) => builder.build());
}

class FactorBuilder {
  private count = 0;
  private a = new Int32Array(16);
  private b = new Int32Array(16);
  private winsA = new Float64Array(16);
  private winsB = new Float64Array(16);
  private responses = 0;
  private weight = 0;

  add(a: number, b: number, forA: number, forB: number, responses: number): void {
    this.responses += responses;
    this.weight += forA + forB;
    if (forA + forB === 0) return;
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

  build(): ComparisonFactors {
    const { count } = this;
    const winsA = this.winsA.subarray(0, count);
    const winsB = this.winsB.subarray(0, count);
    // Unit weights need no rescaling, and skipping it keeps the evidence exact.
    if (this.weight !== this.responses) {
      const rescale = this.responses / this.weight;
      for (let k = 0; k < count; k++) {
        winsA[k] = winsA[k]! * rescale;
        winsB[k] = winsB[k]! * rescale;
      }
    }
    return { count, a: this.a.subarray(0, count), b: this.b.subarray(0, count), winsA, winsB };
  }
}
