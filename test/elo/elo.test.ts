import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedScore, updateElo } from '../../src/index.js';
import { expectInputError } from '../helpers.js';

describe('expectedScore', () => {
  it('matches hand-computed values of 1 / (1 + 10^((B − A) / 400))', () => {
    // Equal ratings: 1 / (1 + 10^0) = 1/2.
    expect(expectedScore(1200, 1200)).toBe(0.5);
    // A 400-point lead is 10:1 odds: 1 / (1 + 10^-1) = 10/11.
    expect(expectedScore(1600, 1200)).toBeCloseTo(10 / 11, 15);
    expect(expectedScore(1200, 1600)).toBeCloseTo(1 / 11, 15);
    // 200 points: 1 / (1 + 10^-0.5) = 1 / (1 + 0.316227766…) = 0.759746926…
    expect(expectedScore(1400, 1200)).toBeCloseTo(0.7597469266479578, 15);
    // Another scale: 100 points at scale 100 is again 10:1.
    expect(expectedScore(1300, 1200, 100)).toBeCloseTo(10 / 11, 15);
  });

  it('reproduces the five-game example of Wikipedia\'s "Elo rating system" article, recomputed by hand', () => {
    // Player A (1613) against 1609, 1477, 1388, 1586 and 1720 (the article's setup). An
    // older revision printed 0.51 + 0.76 + 0.88 + 0.56 + 0.28 = 2.99 and a new rating of
    // 1597, which do not follow from the formula (stats.stackexchange.com/q/287256).
    // By hand with E = 1 / (1 + 10^((B − A) / 400)): 0.5058, 0.6863, 0.7850, 0.5388, 0.3507,
    // total 2.8666.
    const opponents = [1609, 1477, 1388, 1586, 1720];
    const expected = opponents.map((rating) => expectedScore(1613, rating));
    expect(expected.map((value) => Number(value.toFixed(4)))).toEqual([0.5058, 0.6863, 0.785, 0.5388, 0.3507]);
    const total = expected.reduce((sum, value) => sum + value, 0);
    expect(total).toBeCloseTo(2.867, 3);
    // Score 2.5 (loss, draw, win, win, loss) with K = 32: 1613 + 32 × (2.5 − 2.867) = 1601.
    expect(Math.round(1613 + 32 * (2.5 - total))).toBe(1601);
  });

  it('is symmetric: E(a, b) + E(b, a) = 1', () => {
    fc.assert(
      fc.property(fc.double({ min: -5000, max: 5000, noNaN: true }), fc.double({ min: -5000, max: 5000, noNaN: true }), (a, b) => {
        expect(expectedScore(a, b) + expectedScore(b, a)).toBeCloseTo(1, 12);
      }),
    );
  });

  it('rejects non-finite ratings and non-positive scales', () => {
    expectInputError(() => expectedScore(Number.NaN, 1200), 'ratingA');
    expectInputError(() => expectedScore(1200, Number.POSITIVE_INFINITY), 'ratingB');
    expectInputError(() => expectedScore(1200, 1200, 0), 'scale');
    expectInputError(() => expectedScore(1200, 1200, -400), 'scale');
  });
});

describe('updateElo', () => {
  it('matches hand-computed updates', () => {
    // Equal ratings, K 40: E = 0.5, the winner gains 40 × (1 − 0.5) = 20.
    expect(updateElo(1200, 1200, 1)).toEqual([1220, 1180]);
    expect(updateElo(1200, 1200, 0)).toEqual([1180, 1220]);
    // A draw between equals changes nothing.
    expect(updateElo(1200, 1200, 0.5)).toEqual([1200, 1200]);
    // 1400 beats 1200: gain 40 × (1 − 0.759746926…) = 9.61012293…
    const [winner, loser] = updateElo(1400, 1200, 1);
    expect(winner).toBeCloseTo(1409.610122934, 6);
    expect(loser).toBeCloseTo(1190.389877066, 6);
    // The upset: 1200 beats 1400 and gains 40 × 0.759746926… = 30.38987706…
    const [underdog] = updateElo(1200, 1400, 1);
    expect(underdog).toBeCloseTo(1230.389877066, 6);
    // K 32, equal ratings: ±16.
    expect(updateElo(1500, 1500, 1, 32)).toEqual([1516, 1484]);
  });

  it('is exactly zero-sum for ratings on the 2^-23 grid (any integer, and most fractions)', () => {
    const onGrid = fc.integer({ min: -(2 ** 40), max: 2 ** 40 }).map((steps) => steps * 2 ** -23); // |rating| < 2^17
    fc.assert(
      fc.property(onGrid, onGrid, fc.constantFrom(0, 0.5, 1, 0.25, 2 / 3), fc.integer({ min: 1, max: 400 }), (a, b, score, k) => {
        const [newA, newB] = updateElo(a, b, score, k);
        expect(newA + newB).toBe(a + b);
        expect(newA - a).toBe(b - newB);
        expect(Math.abs(newA - a)).toBeLessThanOrEqual(k);
      }),
    );
  });

  it('moves the winner up and the loser down by at most K', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 3000, noNaN: true }), fc.double({ min: 0, max: 3000, noNaN: true }), (a, b) => {
        const [newA, newB] = updateElo(a, b, 1);
        expect(newA).toBeGreaterThanOrEqual(a);
        expect(newB).toBeLessThanOrEqual(b);
        expect(newA - a).toBeLessThanOrEqual(40);
      }),
    );
  });

  it('rejects bad scores, K-factors and scales with the field named', () => {
    expectInputError(() => updateElo(1200, 1200, 1.5), 'scoreA');
    expectInputError(() => updateElo(1200, 1200, -0.1), 'scoreA');
    expectInputError(() => updateElo(1200, 1200, Number.NaN), 'scoreA');
    expectInputError(() => updateElo(1200, 1200, 1, 0), 'kFactor');
    expectInputError(() => updateElo(1200, 1200, 1, Number.POSITIVE_INFINITY), 'kFactor');
    expectInputError(() => updateElo(1200, 1200, 1, 40, -1), 'scale');
    expectInputError(() => updateElo(Number.NaN, 1200, 1), 'ratingA');
    expectInputError(() => updateElo(1200, 1200, 1, 1e300 * 1e10), 'kFactor');
    // Ratings beyond ±1e300, where MAX_VALUE + K / 2 would be Infinity, are out of range.
    expectInputError(() => updateElo(Number.MAX_VALUE, Number.MAX_VALUE, 1), 'ratingA');
    expectInputError(() => updateElo(1200, -Number.MAX_VALUE, 1), 'ratingB');
  });
});
