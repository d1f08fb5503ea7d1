import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meanAbsoluteRankError } from '../../src/metrics/meanAbsoluteRankError.js';
import { deepFreeze, expectInputError } from '../helpers.js';

const map = (values: number[]) => new Map(values.map((value, i) => [`d${i}`, value]));

// Average rank straight from its definition: 1 + (higher scores) + (other equal scores) / 2.
function naiveAverageRanks(scores: number[]): number[] {
  return scores.map((score, i) => 1 + scores.filter((other) => other > score).length + scores.filter((other, j) => j !== i && other === score).length / 2);
}

function naiveMeanAbsoluteRankError(x: number[], y: number[]): number {
  const rankY = naiveAverageRanks(y);
  return naiveAverageRanks(x).reduce((sum, rank, i) => sum + Math.abs(rank - rankY[i]!), 0) / x.length;
}

// Two score arrays of one random length n in [2, 60].
const pairsOf = (value: fc.Arbitrary<number>) =>
  fc.integer({ min: 2, max: 60 }).chain((n) => fc.tuple(fc.array(value, { minLength: n, maxLength: n }), fc.array(value, { minLength: n, maxLength: n })));

describe('meanAbsoluteRankError', () => {
  it('matches hand-computed values with ties', () => {
    // a = (5, 3, 3, 1) → ranks (1, 2.5, 2.5, 4); b = (1, 2, 3, 4) → ranks (4, 3, 2, 1).
    // |differences| = (3, 0.5, 0.5, 3): mean 7 / 4 = 1.75.
    expect(meanAbsoluteRankError(map([5, 3, 3, 1]), map([1, 2, 3, 4]))).toBe(1.75);
    // a = (2, 2, 1, 1) → ranks (1.5, 1.5, 3.5, 3.5); b = (1, 2, 3, 4) → ranks (4, 3, 2, 1).
    // |differences| = (2.5, 1.5, 1.5, 2.5): mean 8 / 4 = 2.
    expect(meanAbsoluteRankError(map([2, 2, 1, 1]), map([1, 2, 3, 4]))).toBe(2);
    // a = (3, 2, 1) → ranks (1, 2, 3); b = (7, 7, 7) → ranks (2, 2, 2): |differences| = (1, 0, 1): mean 2 / 3.
    expect(meanAbsoluteRankError(map([3, 2, 1]), map([7, 7, 7]))).toBe(2 / 3);
  });

  it('agrees with a naive implementation on random inputs with many ties (property)', () => {
    fc.assert(
      fc.property(pairsOf(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.double({ noNaN: true, noDefaultInfinity: true }))), ([x, y]) => {
        // Both sum whole and half integers exactly, so the means agree to the bit.
        expect(meanAbsoluteRankError(map(x), map(y))).toBe(naiveMeanAbsoluteRankError(x, y));
      }),
      { numRuns: 500 },
    );
  });

  it('is 0 for the same order, whatever the scores, ties included (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 2, maxLength: 60 }), (x) => {
        // 3x + 1000 orders (and ties) the datapoints exactly as x does.
        expect(meanAbsoluteRankError(map(x), map(x.map((value) => 3 * value + 1000)))).toBe(0);
      }),
    );
  });

  it('is ⌊n²/2⌋ / n for a reversed order of n', () => {
    // Rank i against n + 1 − i: Σ|2i − n − 1| = ⌊n²/2⌋ (e.g. n = 4: 3 + 1 + 1 + 3 = 8).
    for (let n = 2; n <= 50; n++) {
      const ascending = Array.from({ length: n }, (_, i) => i);
      expect(meanAbsoluteRankError(map(ascending), map(ascending.map((i) => -i)))).toBe(Math.floor((n * n) / 2) / n);
    }
  });

  it('accepts records and maps with "__proto__" and "constructor" ids, and changes neither', () => {
    const record = deepFreeze(JSON.parse('{"__proto__": 3, "constructor": 2, "b": 1}') as Record<string, number>);
    const scores = new Map([['__proto__', 10], ['constructor', 30], ['b', 20]]);
    // Ranks (1, 2, 3) against (3, 1, 2): |differences| = (2, 1, 1): mean 4 / 3.
    expect(meanAbsoluteRankError(record, scores)).toBe(4 / 3);
    expect(Object.keys(record)).toEqual(['__proto__', 'constructor', 'b']);
    expect([...scores]).toEqual([['__proto__', 10], ['constructor', 30], ['b', 20]]);
  });

  it('rejects maps over different datapoints, too few entries and non-finite scores', () => {
    expectInputError(() => meanAbsoluteRankError(map([1, 2]), map([1, 2, 3])), 'b');
    expectInputError(() => meanAbsoluteRankError(new Map([['a', 1], ['b', 2]]), new Map([['a', 1], ['c', 2]])), 'b');
    expectInputError(() => meanAbsoluteRankError(map([1]), map([1])), 'a');
    expectInputError(() => meanAbsoluteRankError(map([1, Number.NaN]), map([1, 2])), 'a["d1"]');
    expectInputError(() => meanAbsoluteRankError(map([1, 2]), map([1, Number.NEGATIVE_INFINITY])), 'b["d1"]');
    expectInputError(() => meanAbsoluteRankError(null as never, map([1, 2])), 'a');
  });
});
