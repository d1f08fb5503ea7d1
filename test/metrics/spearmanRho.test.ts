import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spearmanRho } from '../../src/metrics/spearmanRho.js';
import { deepFreeze, expectInputError } from '../helpers.js';

const map = (values: number[]) => new Map(values.map((value, i) => [`d${i}`, value]));

// Average rank straight from its definition: 1 + (higher scores) + (other equal scores) / 2.
function naiveAverageRanks(scores: number[]): number[] {
  return scores.map((score, i) => 1 + scores.filter((other) => other > score).length + scores.filter((other, j) => j !== i && other === score).length / 2);
}

// Pearson's correlation from its definition, means computed rather than assumed.
function pearson(x: number[], y: number[]): number {
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const meanX = mean(x);
  const meanY = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  x.forEach((xi, i) => {
    const yi = y[i]!;
    sxy += (xi - meanX) * (yi - meanY);
    sxx += (xi - meanX) ** 2;
    syy += (yi - meanY) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

const naiveSpearman = (x: number[], y: number[]) => pearson(naiveAverageRanks(x), naiveAverageRanks(y));

// Two score arrays of one random length n in [2, 60].
const pairsOf = <T>(value: fc.Arbitrary<T>) =>
  fc.integer({ min: 2, max: 60 }).chain((n) => fc.tuple(fc.array(value, { minLength: n, maxLength: n }), fc.array(value, { minLength: n, maxLength: n })));

describe('spearmanRho', () => {
  it('matches hand-computed values with ties', () => {
    // a = (5, 3, 3, 1) → ranks (1, 2.5, 2.5, 4); b = (4, 3, 2, 1) → ranks (1, 2, 3, 4); mean rank 2.5.
    // Deviations a: (−1.5, 0, 0, 1.5), b: (−1.5, −0.5, 0.5, 1.5).
    // Σdadb = 2.25 + 0 + 0 + 2.25 = 4.5, Σda² = 4.5, Σdb² = 2.25 + 0.25 + 0.25 + 2.25 = 5.
    // rho = 4.5 / √(4.5 × 5) = √0.9 = 0.9486833…
    expect(spearmanRho(map([5, 3, 3, 1]), map([4, 3, 2, 1]))).toBeCloseTo(Math.sqrt(0.9), 15);
    // a = (1, 1, 2, 2) → ranks (3.5, 3.5, 1.5, 1.5), b = (1, 2, 1, 2) → the same pattern crosswise:
    // deviations a: (1, 1, −1, −1), b: (1, −1, 1, −1): Σdadb = 1 − 1 − 1 + 1 = 0 → rho = 0.
    expect(spearmanRho(map([1, 1, 2, 2]), map([1, 2, 1, 2]))).toBe(0);
    // Ties in both at once: a = (1, 1, 2) → (2.5, 2.5, 1), b = (5, 5, 6) → the same ranks: rho = 1.
    expect(spearmanRho(map([1, 1, 2]), map([5, 5, 6]))).toBe(1);
    expect(spearmanRho(map([1, 2, 3, 4]), map([40, 30, 20, 10]))).toBe(-1);
  });

  it("matches SciPy's spearmanr on tied data", () => {
    // Expected values from scipy.stats.spearmanr(a, b).statistic, SciPy 1.17.1.
    const fixtures: [number[], number[], number][] = [
      [[5, 3, 3, 1], [4, 3, 2, 1], 0.9486832980505139],
      [[1, 2, 2, 3, 3, 3, 7], [2, 1, 4, 4, 9, 0, 5], 0.4437122608289996],
      [[0.5, -1, 2, 2, 8, 8, 8, -3], [1, 1, 1, 2, 2, 3, 3, 0], 0.9108465020029284],
      [[3, 1, 4, 1, 5, 9, 2, 6, 5, 3], [2, 7, 1, 8, 2, 8, 1, 8, 2, 8], 0.13471506281091267],
    ];
    for (const [a, b, expected] of fixtures) expect(spearmanRho(map(a), map(b))).toBeCloseTo(expected, 14);
  });

  it('is NaN when one side gives every datapoint the same score (undefined correlation)', () => {
    expect(spearmanRho(map([1, 1, 1]), map([1, 2, 3]))).toBeNaN();
    expect(spearmanRho(map([1, 2, 3]), map([4, 4, 4]))).toBeNaN();
  });

  it('agrees with Pearson on naive average ranks for random inputs with many ties (property)', () => {
    fc.assert(
      fc.property(pairsOf(fc.integer({ min: 0, max: 5 })), ([x, y]) => {
        const expected = naiveSpearman(x, y);
        const actual = spearmanRho(map(x), map(y));
        if (Number.isNaN(expected)) expect(actual).toBeNaN();
        else expect(actual).toBeCloseTo(expected, 12);
      }),
      { numRuns: 500 },
    );
  });

  it('equals 1 − 6Σd² / (n(n² − 1)) without ties (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 60 }).chain((n) =>
          fc.tuple(fc.uniqueArray(fc.integer(), { minLength: n, maxLength: n }), fc.uniqueArray(fc.integer(), { minLength: n, maxLength: n })),
        ),
        ([x, y]) => {
          const rankX = naiveAverageRanks(x);
          const rankY = naiveAverageRanks(y);
          const sumSquaredDifferences = rankX.reduce((sum, rank, i) => sum + (rank - rankY[i]!) ** 2, 0);
          const n = x.length;
          expect(spearmanRho(map(x), map(y))).toBeCloseTo(1 - (6 * sumSquaredDifferences) / (n * (n * n - 1)), 12);
        },
      ),
    );
  });

  it('is symmetric, in [−1, 1], and ignores the order of entries (property)', () => {
    fc.assert(
      fc.property(pairsOf(fc.double({ noNaN: true, noDefaultInfinity: true })), ([x, y]) => {
        const rho = spearmanRho(map(x), map(y));
        if (Number.isNaN(rho)) return;
        expect(rho).toBeGreaterThanOrEqual(-1);
        expect(rho).toBeLessThanOrEqual(1);
        expect(spearmanRho(map(y), map(x))).toBe(rho);
        expect(spearmanRho(map(x), new Map([...map(y)].reverse()))).toBeCloseTo(rho, 12);
      }),
    );
  });

  it('accepts records and maps with "__proto__" and "constructor" ids, and changes neither', () => {
    const record = deepFreeze(JSON.parse('{"__proto__": 3, "constructor": 2, "b": 1}') as Record<string, number>);
    const scores = new Map([['__proto__', 10], ['constructor', 30], ['b', 20]]);
    // Ranks (1, 2, 3) against (3, 1, 2): d = (−2, 1, 1), Σd² = 6 → 1 − 36 / 24 = −0.5.
    expect(spearmanRho(record, scores)).toBeCloseTo(-0.5, 15);
    expect(Object.keys(record)).toEqual(['__proto__', 'constructor', 'b']);
    expect([...scores]).toEqual([['__proto__', 10], ['constructor', 30], ['b', 20]]);
  });

  it('rejects maps over different datapoints, too few entries and non-finite scores', () => {
    expectInputError(() => spearmanRho(map([1, 2]), map([1, 2, 3])), 'b');
    expectInputError(() => spearmanRho(new Map([['a', 1], ['b', 2]]), new Map([['a', 1], ['c', 2]])), 'b');
    expectInputError(() => spearmanRho(map([1]), map([1])), 'a');
    expectInputError(() => spearmanRho(map([1, Number.NaN]), map([1, 2])), 'a["d1"]');
    expectInputError(() => spearmanRho(map([1, 2]), map([1, Number.POSITIVE_INFINITY])), 'b["d1"]');
    expectInputError(() => spearmanRho(null as never, map([1, 2])), 'a');
  });
});
