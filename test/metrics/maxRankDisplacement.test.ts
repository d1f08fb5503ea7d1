import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxRankDisplacement } from '../../src/metrics/maxRankDisplacement.js';
import { deepFreeze, expectInputError } from '../helpers.js';

const map = (values: number[]) => new Map(values.map((value, i) => [`d${i}`, value]));

// Average rank straight from its definition: 1 + (higher scores) + (other equal scores) / 2.
function naiveAverageRanks(scores: number[]): number[] {
  return scores.map((score, i) => 1 + scores.filter((other) => other > score).length + scores.filter((other, j) => j !== i && other === score).length / 2);
}

function naiveMaxRankDisplacement(x: number[], y: number[]): number {
  const rankY = naiveAverageRanks(y);
  return Math.max(...naiveAverageRanks(x).map((rank, i) => Math.abs(rank - rankY[i]!)));
}

// Two score arrays of one random length n in [2, 60].
const pairsOf = (value: fc.Arbitrary<number>) =>
  fc.integer({ min: 2, max: 60 }).chain((n) => fc.tuple(fc.array(value, { minLength: n, maxLength: n }), fc.array(value, { minLength: n, maxLength: n })));

describe('maxRankDisplacement', () => {
  it('matches hand-computed values with ties', () => {
    // a = (5, 3, 3, 1) → ranks (1, 2.5, 2.5, 4); b = (1, 2, 3, 4) → ranks (4, 3, 2, 1).
    // |differences| = (3, 0.5, 0.5, 3) → 3.
    expect(maxRankDisplacement(map([5, 3, 3, 1]), map([1, 2, 3, 4]))).toBe(3);
    // a = (2, 2, 1, 1) → ranks (1.5, 1.5, 3.5, 3.5); b = (1, 2, 3, 4) → ranks (4, 3, 2, 1).
    // |differences| = (2.5, 1.5, 1.5, 2.5) → 2.5, a half integer.
    expect(maxRankDisplacement(map([2, 2, 1, 1]), map([1, 2, 3, 4]))).toBe(2.5);
    // a = (3, 2, 1) → ranks (1, 2, 3); b = (7, 7, 7) → ranks (2, 2, 2): |differences| = (1, 0, 1) → 1.
    expect(maxRankDisplacement(map([3, 2, 1]), map([7, 7, 7]))).toBe(1);
  });

  it('agrees with a naive implementation on random inputs with many ties (property)', () => {
    fc.assert(
      fc.property(pairsOf(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.double({ noNaN: true, noDefaultInfinity: true }))), ([x, y]) => {
        expect(maxRankDisplacement(map(x), map(y))).toBe(naiveMaxRankDisplacement(x, y));
      }),
      { numRuns: 500 },
    );
  });

  it('is 0 for the same order, whatever the scores, ties included (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 2, maxLength: 60 }), (x) => {
        // 3x + 1000 orders (and ties) the datapoints exactly as x does.
        expect(maxRankDisplacement(map(x), map(x.map((value) => 3 * value + 1000)))).toBe(0);
      }),
    );
  });

  it('is n − 1 for a reversed order of n', () => {
    for (let n = 2; n <= 50; n++) {
      const ascending = Array.from({ length: n }, (_, i) => i);
      expect(maxRankDisplacement(map(ascending), map(ascending.map((i) => -i)))).toBe(n - 1);
    }
  });

  it('accepts records and maps with "__proto__" and "constructor" ids, and changes neither', () => {
    const record = deepFreeze(JSON.parse('{"__proto__": 3, "constructor": 2, "b": 1}') as Record<string, number>);
    const scores = new Map([['__proto__', 10], ['constructor', 30], ['b', 20]]);
    // Ranks (1, 2, 3) against (3, 1, 2): |differences| = (2, 1, 1) → 2.
    expect(maxRankDisplacement(record, scores)).toBe(2);
    expect(Object.keys(record)).toEqual(['__proto__', 'constructor', 'b']);
    expect([...scores]).toEqual([['__proto__', 10], ['constructor', 30], ['b', 20]]);
  });

  it('rejects maps over different datapoints, too few entries and non-finite scores', () => {
    expectInputError(() => maxRankDisplacement(map([1, 2]), map([1, 2, 3])), 'b');
    expectInputError(() => maxRankDisplacement(new Map([['a', 1], ['b', 2]]), new Map([['a', 1], ['c', 2]])), 'b');
    expectInputError(() => maxRankDisplacement(map([1]), map([1])), 'a');
    expectInputError(() => maxRankDisplacement(map([1, Number.NaN]), map([1, 2])), 'a["d1"]');
    expectInputError(() => maxRankDisplacement(map([1, 2]), map([1, Number.NEGATIVE_INFINITY])), 'b["d1"]');
    expectInputError(() => maxRankDisplacement(null as never, map([1, 2])), 'a');
  });
});
