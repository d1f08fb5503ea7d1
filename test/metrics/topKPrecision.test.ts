import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topKPrecision } from '../../src/metrics/topKPrecision.js';
import { deepFreeze, expectInputError } from '../helpers.js';

const map = (values: number[]) => new Map(values.map((value, i) => [`d${i}`, value]));

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((rest) => Array.from({ length: n }, (_, at) => [...rest.slice(0, at), n - 1, ...rest.slice(at)]));
}

// Every way to break the ties of `scores` (all orders by score, highest first, equally
// likely), each reduced to the bitmask of its first k datapoints, with how often it occurs.
function topKMasks(scores: number[], k: number): Map<number, number> {
  const masks = new Map<number, number>();
  for (const order of permutations(scores.length)) {
    if (!order.every((i, place) => place === 0 || scores[order[place - 1]!]! >= scores[i]!)) continue;
    const mask = order.slice(0, k).reduce((bits, i) => bits | (1 << i), 0);
    masks.set(mask, (masks.get(mask) ?? 0) + 1);
  }
  return masks;
}

const popCount = (bits: number) => bits.toString(2).replaceAll('0', '').length;

// The expected overlap of the two top k over all pairs of tie-breakings, over k.
function bruteForceTopKPrecision(x: number[], y: number[], k: number): number {
  const masksX = topKMasks(x, k);
  const masksY = topKMasks(y, k);
  let overlap = 0;
  let pairs = 0;
  for (const [maskX, countX] of masksX) {
    for (const [maskY, countY] of masksY) {
      overlap += countX * countY * popCount(maskX & maskY);
      pairs += countX * countY;
    }
  }
  return overlap / pairs / k;
}

// Two score arrays of one random length n in [minN, maxN], with a k in [1, n].
const inputs = (minN: number, maxN: number, value: fc.Arbitrary<number>) =>
  fc
    .integer({ min: minN, max: maxN })
    .chain((n) => fc.tuple(fc.array(value, { minLength: n, maxLength: n }), fc.array(value, { minLength: n, maxLength: n }), fc.integer({ min: 1, max: n })));

describe('topKPrecision', () => {
  it('matches hand-computed values without ties', () => {
    // Top 2 of a: {d0, d1}; of b: {d0, d2}: one in common → 1 / 2.
    expect(topKPrecision(map([4, 3, 2, 1]), map([40, 10, 30, 20]), 2)).toBe(0.5);
    expect(topKPrecision(map([4, 3, 2, 1]), map([1, 2, 3, 4]), 2)).toBe(0);
    expect(topKPrecision(map([4, 3, 2, 1]), map([1, 2, 3, 4]), 4)).toBe(1);
  });

  it('matches hand-computed values with ties at the k-th place', () => {
    // a = (5, 4, 4, 4, 1), k = 2: d0 is in (weight 1); d1, d2, d3 share the 1 place left → 1/3 each.
    // b = (1, 5, 4, 3, 2): top 2 = {d1, d2} (weights 1). Σ wa·wb = 1/3 + 1/3 = 2/3 → precision (2/3) / 2 = 1/3.
    // Check: a's top 2 is d0 plus one of d1, d2, d3; it meets {d1, d2} with probability 2/3.
    expect(topKPrecision(map([5, 4, 4, 4, 1]), map([1, 5, 4, 3, 2]), 2)).toBeCloseTo(1 / 3, 15);
    // Ties on both sides: a = (3, 3, 3, 0), k = 2: three share two places → 2/3 each.
    // b = (2, 2, 1, 0): top 2 = {d0, d1}. Σ = 2/3 + 2/3 = 4/3 → precision (4/3) / 2 = 2/3.
    expect(topKPrecision(map([3, 3, 3, 0]), map([2, 2, 1, 0]), 2)).toBeCloseTo(2 / 3, 15);
    // A map against itself, with a tie straddling the k-th place: (2, 1, 1, 0), k = 2:
    // weights (1, ½, ½, 0) on both sides: Σ = 1 + ¼ + ¼ = 1.5 → 0.75 (the two tie-breaks are independent).
    expect(topKPrecision(map([2, 1, 1, 0]), map([2, 1, 1, 0]), 2)).toBe(0.75);
    // A tie group entirely inside the top k counts fully: a = (3, 3, 1, 0), b = (9, 8, 7, 6), k = 2 → 1.
    expect(topKPrecision(map([3, 3, 1, 0]), map([9, 8, 7, 6]), 2)).toBe(1);
  });

  it('equals the expected overlap over all tie-breakings (brute force, n ≤ 6, property)', () => {
    fc.assert(
      fc.property(inputs(2, 6, fc.integer({ min: 0, max: 3 })), ([x, y, k]) => {
        expect(topKPrecision(map(x), map(y), k)).toBeCloseTo(bruteForceTopKPrecision(x, y, k), 12);
      }),
      { numRuns: 300 },
    );
  });

  it('is in [0, 1], symmetric, and ignores the order of entries (property)', () => {
    fc.assert(
      fc.property(inputs(2, 60, fc.oneof(fc.integer({ min: 0, max: 5 }), fc.double({ noNaN: true, noDefaultInfinity: true }))), ([x, y, k]) => {
        const precision = topKPrecision(map(x), map(y), k);
        expect(precision).toBeGreaterThanOrEqual(0);
        expect(precision).toBeLessThanOrEqual(1);
        expect(topKPrecision(map(y), map(x), k)).toBeCloseTo(precision, 12);
        expect(topKPrecision(map(x), new Map([...map(y)].reverse()), k)).toBeCloseTo(precision, 12);
      }),
    );
  });

  it('is 1 for identical maps, and for any maps when k = n (property)', () => {
    fc.assert(
      fc.property(
        inputs(2, 60, fc.integer({ min: 0, max: 5 })),
        fc.integer({ min: 2, max: 60 }).chain((n) => fc.tuple(fc.uniqueArray(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: n, maxLength: n }), fc.integer({ min: 1, max: n }))),
        ([x, y], [distinct, k]) => {
          expect(topKPrecision(map(distinct), map(distinct), k)).toBe(1);
          expect(topKPrecision(map(x), map(y), x.length)).toBe(1);
        },
      ),
    );
  });

  it('accepts records and maps with "__proto__" and "constructor" ids, and changes neither', () => {
    const record = deepFreeze(JSON.parse('{"__proto__": 3, "constructor": 2, "b": 1}') as Record<string, number>);
    const scores = new Map([['__proto__', 10], ['constructor', 30], ['b', 20]]);
    // Top 2: {__proto__, constructor} against {constructor, b} → 1 / 2.
    expect(topKPrecision(record, scores, 2)).toBe(0.5);
    expect(Object.keys(record)).toEqual(['__proto__', 'constructor', 'b']);
    expect([...scores]).toEqual([['__proto__', 10], ['constructor', 30], ['b', 20]]);
  });

  it('rejects bad maps (paths a, b) and a k that is not an integer from 1 to n (path k)', () => {
    expectInputError(() => topKPrecision(map([1, 2]), map([1, 2, 3]), 1), 'b');
    expectInputError(() => topKPrecision(new Map([['a', 1], ['b', 2]]), new Map([['a', 1], ['c', 2]]), 1), 'b');
    expectInputError(() => topKPrecision(map([1]), map([1]), 1), 'a');
    expectInputError(() => topKPrecision(map([1, Number.NaN]), map([1, 2]), 1), 'a["d1"]');
    expectInputError(() => topKPrecision(null as never, map([1, 2]), 1), 'a');
    for (const k of [0, -1, 4, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '2', undefined]) {
      expectInputError(() => topKPrecision(map([1, 2, 3]), map([3, 2, 1]), k as never), 'k');
    }
  });
});
