import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageRanks } from '../../src/metrics/averageRanks.js';

// Average rank straight from its definition: 1 + (higher scores) + (other equal scores) / 2.
function naiveAverageRanks(scores: number[]): number[] {
  return scores.map((score, i) => 1 + scores.filter((other) => other > score).length + scores.filter((other, j) => j !== i && other === score).length / 2);
}

const ranksOf = (scores: number[]) => [...averageRanks(Float64Array.from(scores))];

describe('averageRanks', () => {
  it('matches hand-computed ranks with ties', () => {
    // 5 is 1st; the two 3s span ranks 2 and 3 → (2 + 3) / 2 = 2.5 each; 1 is 4th.
    expect(ranksOf([5, 3, 3, 1])).toEqual([1, 2.5, 2.5, 4]);
    // The three 4s span ranks 1–3 → 2 each; then 1 is 4th and 0 is 5th.
    expect(ranksOf([1, 4, 4, 0, 4])).toEqual([4, 2, 2, 5, 2]);
    // All tied: ranks 1–3 → 2 each.
    expect(ranksOf([7, 7, 7])).toEqual([2, 2, 2]);
    // 0 and −0 are the same score.
    expect(ranksOf([0, -0, -1])).toEqual([1.5, 1.5, 3]);
    expect(ranksOf([])).toEqual([]);
  });

  it('agrees with the O(n²) definition and sums to n(n + 1)/2 (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 60 }), fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 60 })), (scores) => {
        const ranks = ranksOf(scores);
        expect(ranks).toEqual(naiveAverageRanks(scores));
        expect(ranks.reduce((sum, rank) => sum + rank, 0)).toBe((scores.length * (scores.length + 1)) / 2);
      }),
    );
  });

  it('does not change its input', () => {
    const scores = Float64Array.of(3, 1, 3, 2);
    averageRanks(scores);
    expect([...scores]).toEqual([3, 1, 3, 2]);
  });
});
