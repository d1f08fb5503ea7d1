import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kendallTau } from '../../src/metrics/kendallTau.js';
import { maxRankDisplacement } from '../../src/metrics/maxRankDisplacement.js';
import { meanAbsoluteRankError } from '../../src/metrics/meanAbsoluteRankError.js';
import { RANKING_METRICS, rankingAccuracy, type RankingMetric } from '../../src/metrics/rankingAccuracy.js';
import { spearmanRho } from '../../src/metrics/spearmanRho.js';
import { topKPrecision } from '../../src/metrics/topKPrecision.js';
import { deepFreeze, expectInputError } from '../helpers.js';

const map = (values: number[]) => new Map(values.map((value, i) => [`d${i}`, value]));

describe('rankingAccuracy', () => {
  it('matches hand-computed values with ties', () => {
    // estimate (5, 3, 3, 1) → ranks (1, 2.5, 2.5, 4); truth (4, 3, 2, 1) → ranks (1, 2, 3, 4); topK = max(1, ⌊4/4⌋) = 1.
    // kendallTau: pairs (1,2) C, (1,3) C, (1,4) C, (2,3) tied in estimate only, (2,4) C, (3,4) C:
    //   5 / √((5 + 1) × 5) = 5 / √30.
    // spearmanRho: √0.9 (worked out in spearmanRho.test.ts).
    // topKPrecision, k = 1: d0 is first in both → 1.
    // |rank differences| = (0, 0.5, 0.5, 0): max 0.5, mean 1 / 4.
    const accuracy = rankingAccuracy(map([5, 3, 3, 1]), map([4, 3, 2, 1]));
    expect(accuracy.kendallTau).toBeCloseTo(5 / Math.sqrt(30), 15);
    expect(accuracy.spearmanRho).toBeCloseTo(Math.sqrt(0.9), 15);
    expect(accuracy).toMatchObject({ topK: 1, topKPrecision: 1, maxRankDisplacement: 0.5, meanAbsoluteRankError: 0.25 });
    // With topK = 2: estimate's top 2 is d0 plus one of the tied d1, d2 (½ each); truth's is {d0, d1}:
    // (1 + ½) / 2 = 0.75.
    expect(rankingAccuracy(map([5, 3, 3, 1]), map([4, 3, 2, 1]), { topK: 2 }).topKPrecision).toBe(0.75);
  });

  it('matches the example in its documentation', () => {
    const truth = new Map([['w', 4], ['x', 3], ['y', 2], ['z', 1]]);
    const accuracy = rankingAccuracy(new Map([['w', 1300], ['x', 1200], ['y', 1250], ['z', 1100]]), truth, { topK: 2 });
    expect(accuracy).toEqual({ kendallTau: 4 / 6, spearmanRho: expect.closeTo(0.8, 15) as number, topK: 2, topKPrecision: 0.5, maxRankDisplacement: 1, meanAbsoluteRankError: 0.5 });
  });

  it('equals the individual metric functions on random inputs with ties (property)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 60 })
          .chain((n) =>
            fc.tuple(
              fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.double({ noNaN: true, noDefaultInfinity: true })), { minLength: n, maxLength: n }),
              fc.array(fc.integer({ min: 0, max: 5 }), { minLength: n, maxLength: n }),
              fc.option(fc.integer({ min: 1, max: n }), { nil: undefined }),
            ),
          ),
        ([x, y, topK]) => {
          const estimate = map(x);
          const truth = map(y);
          const accuracy = rankingAccuracy(estimate, truth, topK === undefined ? {} : { topK });
          const k = topK ?? Math.min(10, Math.max(1, Math.floor(x.length / 4)));
          // toEqual counts NaN equal to NaN, so an undefined correlation must be undefined in both.
          expect(accuracy).toEqual({
            kendallTau: kendallTau(estimate, truth),
            spearmanRho: spearmanRho(estimate, truth),
            topK: k,
            topKPrecision: topKPrecision(estimate, truth, k),
            maxRankDisplacement: maxRankDisplacement(estimate, truth),
            meanAbsoluteRankError: meanAbsoluteRankError(estimate, truth),
          });
        },
      ),
    );
  });

  it('defaults topK to min(10, max(1, ⌊n / 4⌋))', () => {
    const expected: [number, number][] = [[2, 1], [7, 1], [8, 2], [11, 2], [12, 3], [39, 9], [40, 10], [41, 10], [1000, 10]];
    for (const [n, topK] of expected) {
      const scores = map(Array.from({ length: n }, (_, i) => i));
      expect(rankingAccuracy(scores, scores).topK).toBe(topK);
      expect(rankingAccuracy(scores, scores, { topK: undefined }).topK).toBe(topK);
    }
  });

  it('lists every metric in RANKING_METRICS, each a number in the result', () => {
    expect(RANKING_METRICS).toEqual(['kendallTau', 'spearmanRho', 'topKPrecision', 'maxRankDisplacement', 'meanAbsoluteRankError']);
    expect(Object.isFrozen(RANKING_METRICS)).toBe(true);
    const accuracy = rankingAccuracy(map([1, 2, 3, 4]), map([1, 3, 2, 4]));
    const metric: RankingMetric = 'spearmanRho';
    expect(typeof accuracy[metric]).toBe('number');
    expect(Object.keys(accuracy).filter((key) => key !== 'topK')).toEqual([...RANKING_METRICS]);
  });

  it('is perfect for the same order and worst for the reversed one', () => {
    const scores = map([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(rankingAccuracy(scores, map([10, 20, 30, 40, 50, 60, 70, 80]))).toEqual({
      kendallTau: 1,
      spearmanRho: 1,
      topK: 2,
      topKPrecision: 1,
      maxRankDisplacement: 0,
      meanAbsoluteRankError: 0,
    });
    // Reversed: ⌊64/2⌋ / 8 = 4.
    expect(rankingAccuracy(scores, map([8, 7, 6, 5, 4, 3, 2, 1]))).toEqual({
      kendallTau: -1,
      spearmanRho: -1,
      topK: 2,
      topKPrecision: 0,
      maxRankDisplacement: 7,
      meanAbsoluteRankError: 4,
    });
  });

  it('accepts records and maps with "__proto__" and "constructor" ids, and changes neither', () => {
    const record = deepFreeze(JSON.parse('{"__proto__": 3, "constructor": 2, "b": 1}') as Record<string, number>);
    const scores = new Map([['__proto__', 30], ['constructor', 20], ['b', 10]]);
    const options = deepFreeze({ topK: 2 });
    expect(rankingAccuracy(record, scores, options)).toEqual({
      kendallTau: 1,
      spearmanRho: 1,
      topK: 2,
      topKPrecision: 1,
      maxRankDisplacement: 0,
      meanAbsoluteRankError: 0,
    });
    expect(Object.keys(record)).toEqual(['__proto__', 'constructor', 'b']);
    expect([...scores]).toEqual([['__proto__', 30], ['constructor', 20], ['b', 10]]);
  });

  it('rejects bad maps (paths a for estimate, b for truth) and bad options', () => {
    expectInputError(() => rankingAccuracy(map([1, 2]), map([1, 2, 3])), 'b');
    expectInputError(() => rankingAccuracy(new Map([['a', 1], ['b', 2]]), new Map([['a', 1], ['c', 2]])), 'b');
    expectInputError(() => rankingAccuracy(map([1]), map([1])), 'a');
    expectInputError(() => rankingAccuracy(map([1, Number.NaN]), map([1, 2])), 'a["d1"]');
    expectInputError(() => rankingAccuracy(map([1, 2]), map([1, Number.POSITIVE_INFINITY])), 'b["d1"]');
    expectInputError(() => rankingAccuracy(null as never, map([1, 2])), 'a');
    for (const topK of [0, 4, 1.5, Number.NaN, '2', null]) {
      expectInputError(() => rankingAccuracy(map([1, 2, 3]), map([3, 2, 1]), { topK: topK as never }), 'options.topK');
    }
    expectInputError(() => rankingAccuracy(map([1, 2, 3]), map([3, 2, 1]), { topk: 2 } as never), 'options.topk');
    expectInputError(() => rankingAccuracy(map([1, 2, 3]), map([3, 2, 1]), null as never), 'options');
  });
});
