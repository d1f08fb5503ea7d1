import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kendallTau } from '../../src/index.js';
import { expectInputError } from '../helpers.js';

const map = (values: number[]) => new Map(values.map((value, i) => [`d${i}`, value]));

// Tau-b straight from its definition, over all n(n−1)/2 pairs.
function naiveTauB(x: number[], y: number[]): number {
  let concordant = 0;
  let discordant = 0;
  let tiedXOnly = 0;
  let tiedYOnly = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const dx = Math.sign(x[i]! - x[j]!);
      const dy = Math.sign(y[i]! - y[j]!);
      if (dx === 0 && dy === 0) continue;
      if (dx === 0) tiedXOnly++;
      else if (dy === 0) tiedYOnly++;
      else if (dx === dy) concordant++;
      else discordant++;
    }
  }
  return (concordant - discordant) / Math.sqrt((concordant + discordant + tiedXOnly) * (concordant + discordant + tiedYOnly));
}

describe('kendallTau (tau-b)', () => {
  it('matches hand-computed values', () => {
    expect(kendallTau(map([1, 2, 3, 4]), map([10, 20, 30, 40]))).toBe(1);
    expect(kendallTau(map([1, 2, 3, 4]), map([4, 3, 2, 1]))).toBe(-1);
    // Pairs of (3,2,1) vs (30,10,20): (1,2) concordant, (1,3) concordant, (2,3) discordant: (2 − 1) / 3.
    expect(kendallTau(new Map([['x', 3], ['y', 2], ['z', 1]]), new Map([['x', 30], ['y', 10], ['z', 20]]))).toBeCloseTo(1 / 3, 15);
  });

  it('matches hand-computed values with ties (tau-b correction)', () => {
    // x = (1, 2, 2, 3), y = (1, 3, 2, 4). Six pairs: (1,2) C, (1,3) C, (1,4) C, (2,3) tied in x only,
    // (2,4) C, (3,4) C → C = 5, D = 0, ties in x only 1, in y none.
    // tau-b = (5 − 0) / √((5 + 0 + 1) × (5 + 0 + 0)) = 5 / √30 = 0.9128709…
    expect(kendallTau(map([1, 2, 2, 3]), map([1, 3, 2, 4]))).toBeCloseTo(5 / Math.sqrt(30), 15);
    // x = (1, 1, 2, 2), y = (1, 2, 1, 2): pairs (1,2) x-tie, (1,3) y-tie, (1,4) C, (2,3) D, (2,4) y-tie,
    // (3,4) x-tie → C = 1, D = 1: tau-b = 0.
    expect(kendallTau(map([1, 1, 2, 2]), map([1, 2, 1, 2]))).toBe(0);
    // Ties in both at once: x = (1, 1, 2), y = (5, 5, 6): the tied pair counts in neither:
    // C = 2, D = 0, n0 − n1 = 3 − 1 = 2, n0 − n2 = 2: tau-b = 2 / 2 = 1.
    expect(kendallTau(map([1, 1, 2]), map([5, 5, 6]))).toBe(1);
  });

  it('is NaN when one side gives every datapoint the same score (undefined correlation)', () => {
    expect(kendallTau(map([1, 1, 1]), map([1, 2, 3]))).toBeNaN();
  });

  it('agrees with the O(n²) definition on random inputs with many ties (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 60 }).chain((n) =>
          fc.tuple(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: n, maxLength: n }), fc.array(fc.integer({ min: 0, max: 6 }), { minLength: n, maxLength: n })),
        ),
        ([x, y]) => {
          const expected = naiveTauB(x, y);
          const actual = kendallTau(map(x), map(y));
          if (Number.isNaN(expected)) expect(actual).toBeNaN();
          else expect(actual).toBeCloseTo(expected, 12);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is symmetric and ignores the order of entries', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ noNaN: true, noDefaultInfinity: true })), { minLength: 2, maxLength: 40 }), (pairs) => {
        const a = new Map(pairs.map(([x], i) => [`d${i}`, x]));
        const b = new Map(pairs.map(([, y], i) => [`d${i}`, y]));
        const reversedB = new Map([...b].reverse());
        const tau = kendallTau(a, b);
        if (Number.isNaN(tau)) return;
        expect(kendallTau(b, a)).toBeCloseTo(tau, 12);
        expect(kendallTau(a, reversedB)).toBeCloseTo(tau, 12);
      }),
    );
  });

  it('accepts plain records as well as maps, including an own "__proto__" key', () => {
    const record = JSON.parse('{"__proto__": 3, "constructor": 2, "b": 1}') as Record<string, number>;
    expect(kendallTau(record, new Map([['__proto__', 30], ['constructor', 20], ['b', 10]]))).toBe(1);
  });

  it('rejects maps over different datapoints, too few entries and non-finite scores', () => {
    expectInputError(() => kendallTau(map([1, 2]), map([1, 2, 3])), 'b');
    expectInputError(() => kendallTau(new Map([['a', 1], ['b', 2]]), new Map([['a', 1], ['c', 2]])), 'b');
    expectInputError(() => kendallTau(map([1]), map([1])), 'a');
    expectInputError(() => kendallTau(map([1, Number.NaN]), map([1, 2])), 'a["d1"]');
    expectInputError(() => kendallTau(null as never, map([1, 2])), 'a');
  });
});
