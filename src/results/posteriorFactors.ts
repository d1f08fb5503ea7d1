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
import { FactorList } from '../posterior/factorList.js';
import { weightUnit } from './weightUnit.js';

/**
 * The factors of every ranking. Labeler weights are relative, as in the Bradley–Terry
 * scorer: rescaled to average 1 over the ranking's responses, they move influence
 * between labelers without pretending there is more or less data (which would narrow
 * or widen the intervals). Before they are summed, a ranking's weights are divided by
 * the power of two just below its largest (weightUnit.ts), so any finite weights, 1e308
 * or 5e-324, give the scores their ratios give. Matchups whose responses all weigh 0
 * carry no evidence and are left out; a ranking whose responses all weigh 0 keeps its
 * prior. O(responses).
 */
export function posteriorFactors(
  votes: VoteLog,
  isCompleted: (sequence: number) => boolean,
  responsesPerComparison: number | null,
  rankingCount: number,
  weightOf: (labelerId: string | undefined) => number,
): ComparisonFactors[] {
  const largest = new Float64Array(rankingCount);
  votes.forEach(({ sequence, ranking, labelerId }) => {
    if (ranking >= 0 && isCompleted(sequence)) largest[ranking] = Math.max(largest[ranking]!, weightOf(labelerId));
  });
  const units = Array.from(largest, weightUnit);
  const builders = Array.from({ length: rankingCount }, () => new FactorBuilder());
  forEachCompletedMatchup(
    votes,
    isCompleted,
    responsesPerComparison,
    (labelerId, ranking) => weightOf(labelerId) / units[ranking]!,
    (ranking, left, right, forLeft, forRight, responses) => builders[ranking]!.add(left, right, forLeft, forRight, responses),
  );
  return builders.map((builder) => builder.build());
}

// One ranking's factors, with the totals that rescale labeler weights.
class FactorBuilder {
  private readonly list = new FactorList();
  private responses = 0;
  private weight = 0;

  add(a: number, b: number, forA: number, forB: number, responses: number): void {
    this.responses += responses;
    this.weight += forA + forB;
    if (forA + forB > 0) this.list.add(a, b, forA, forB);
  }

  build(): ComparisonFactors {
    const factors = this.list.view();
    // Unit weights need no rescaling, and skipping it keeps the evidence exact.
    if (this.weight !== this.responses) {
      const rescale = this.responses / this.weight;
      for (let k = 0; k < factors.count; k++) {
        factors.winsA[k] = factors.winsA[k]! * rescale;
        factors.winsB[k] = factors.winsB[k]! * rescale;
      }
    }
    return factors;
  }
}
