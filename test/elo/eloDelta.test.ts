import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eloDelta, eloQuantum, roundHalfUp } from '../../src/elo/eloDelta.js';
import { fastEloDelta } from '../../src/elo/fastEloDelta.js';
import { updateElo, updateEloBatch } from '../../src/index.js';

// updateElo as it was before its fast path (commit 91aac2f, src/elo/eloDelta.ts and
// updateElo.ts): the checks aside, this is the arithmetic whose every bit must be kept.
function referenceUpdateElo(a: number, b: number, score: number, kFactor: number, scale: number): [number, number] {
  const quantum = 2 ** (Math.ceil(Math.log2(Math.max(kFactor, scale))) - 32);
  const raw = kFactor * (score - 1 / (1 + Math.exp((Math.LN10 * (b - a)) / scale)));
  const delta = Math.round(raw / quantum) * quantum;
  return [a + delta, b - delta];
}

const same = (x: number, y: number) => Object.is(x, y);

describe('roundHalfUp', () => {
  it('is Math.round bit for bit at the edges: halves, -0, the double below 0.5, binade boundaries, 2^52 and beyond', () => {
    const edges = [0, -0, 0.5, -0.5, 0.49999999999999994, -0.49999999999999994, 0.5000000000000001, -0.5000000000000001, 1.5, -1.5, 2.5, -2.5];
    for (let e = -60; e <= 60; e++) {
      const p = 2 ** e;
      edges.push(p, -p, p * (1 + 2 ** -52), p * (1 - 2 ** -53), -p * (1 - 2 ** -53), p + 0.5, p - 0.5, -p + 0.5, -p - 0.5);
    }
    edges.push(2 ** 52 - 0.5, 2 ** 52 + 1, -(2 ** 52) - 1, 2 ** 53 + 2, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, -Number.MIN_VALUE);
    edges.push(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN);
    for (const x of edges) {
      if (!same(roundHalfUp(x), Math.round(x))) expect.fail(`roundHalfUp(${x}) = ${roundHalfUp(x)}, Math.round gives ${Math.round(x)}`);
    }
  });

  it('is Math.round bit for bit on any double, and on integers plus or minus a half', () => {
    fc.assert(
      fc.property(fc.double(), (x) => same(roundHalfUp(x), Math.round(x))),
      { numRuns: 20_000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.constantFrom(-0.5, 0.5), (n, half) => same(roundHalfUp(n + half), Math.round(n + half))),
      { numRuns: 2_000 },
    );
  });
});

describe('updateElo keeps every bit of its results', () => {
  it('equals the arithmetic it had before its fast path, for any accepted arguments, whatever came before', () => {
    const parameters = fc.record({ scaleExponent: fc.double({ min: -6, max: 9, noNaN: true }), ratio: fc.double({ min: -6, max: 6, noNaN: true }) });
    const rating = fc.oneof(fc.constant(1200), fc.constant(-0), fc.integer({ min: -5000, max: 5000 }), fc.double({ min: -1e300, max: 1e300, noNaN: true }));
    const score = fc.oneof(fc.constantFrom(0, 0.5, 1), fc.double({ min: 0, max: 1, noNaN: true }));
    fc.assert(
      fc.property(fc.array(fc.tuple(rating, rating, score, parameters, fc.boolean()), { minLength: 1, maxLength: 8 }), (calls) => {
        for (const [a, b, s, { scaleExponent, ratio }, defaults] of calls) {
          const scale = defaults ? 400 : 10 ** scaleExponent;
          const kFactor = defaults ? 40 : Math.max(scale / 1e6, Math.min(1e9, 1e6 * scale, scale * 10 ** ratio));
          const actual = defaults ? updateElo(a, b, s) : updateElo(a, b, s, kFactor, scale);
          const expected = referenceUpdateElo(a, b, s, kFactor, scale);
          if (!same(actual[0], expected[0]) || !same(actual[1], expected[1])) expect.fail(`updateElo(${a}, ${b}, ${s}, ${kFactor}, ${scale})`);
        }
      }),
      { numRuns: 2_000 },
    );
  });
});

// Updates whose exact change in grid steps lies a few ulps from a half-integer, where the
// fast exponent d × (ln 10 / scale) rounds the change to the other grid point. Found by
// bisecting ratingA for a change of exactly k + 0.5 steps, then scanning the neighbouring
// doubles (64 either side) for one where the two differ (/tmp search, Node 20.20.2).
const NEAR_BOUNDARIES: readonly (readonly [number, number, number, number, number])[] = [
  [-609.3281015031106, -255, 1, 3908.9225232847602, 173],
  [-91.11854724534909, -13, 1, 1154.7931777680262, 173],
  [196.2210241110226, 18, 0.5, 125.53529737658579, 173],
  [9962.712327807254, 9887, 0, 250.57590345413234, 400],
  [-1082.446619154538, -676, 1, 1340.622454015828, 400],
  [-6608.788980471889, -6483, 0, 572.2330455110562, 173],
  [-11490.914429161276, -11161, 1, 1356.6111492722346, 400],
  [-122.62420669876298, -243, 0, 2367.2513577934596, 400],
];

describe('fastEloDelta', () => {
  const constants = (kFactor: number, scale: number) => {
    const quantum = eloQuantum(kFactor, scale);
    return [quantum, 1 / quantum, Math.LN10 / scale] as const;
  };

  it('falls back to eloDelta where its faster exponent would round the change the other way', () => {
    for (const [a, b, s, k, scale] of NEAR_BOUNDARIES) {
      const [quantum, inverse, lnTenOverScale] = constants(k, scale);
      // The case is real: without the guard, the fast change differs.
      const unguarded = Math.floor((k * (s - 1 / (1 + Math.exp((b - a) * lnTenOverScale)))) * inverse + 0.5) * quantum;
      expect(unguarded).not.toBe(eloDelta(a, b, s, k, scale, quantum));
      expect(Object.is(fastEloDelta(a, b, s, k, scale, quantum, inverse, lnTenOverScale), eloDelta(a, b, s, k, scale, quantum))).toBe(true);
      const [newA, newB] = referenceUpdateElo(a, b, s, k, scale);
      const viaUpdate = updateElo(a, b, s, k, scale);
      const viaBatch = updateEloBatch(Float64Array.of(a, b), Int32Array.of(0), Int32Array.of(1), Float64Array.of(s), { kFactor: k, scale });
      expect([viaUpdate[0], viaUpdate[1], viaBatch[0], viaBatch[1]]).toEqual([newA, newB, newA, newB]);
    }
  });

  it('keeps the sign of a change that rounds to zero, as Math.round did (−0 for a change in [−q/2, 0])', () => {
    // Math.round(-3.4e-4) is −0, so the old update gave −0 + −0 = −0 and −0 − (−0) = 0.
    for (const s of [0.5 - 1e-12, 0.5 + 1e-12, 0.5]) {
      const expected = referenceUpdateElo(-0, -0, s, 40, 400);
      const viaUpdate = updateElo(-0, -0, s);
      const viaBatch = updateEloBatch(Float64Array.of(-0, -0), Int32Array.of(0), Int32Array.of(1), Float64Array.of(s));
      for (const actual of [viaUpdate, [viaBatch[0]!, viaBatch[1]!]]) {
        expect(Object.is(actual[0], expected[0]) && Object.is(actual[1], expected[1])).toBe(true);
      }
    }
    expect(Object.is(referenceUpdateElo(-0, -0, 0.5 - 1e-12, 40, 400)[0], -0)).toBe(true);
  });

  it('equals eloDelta bit for bit on any accepted arguments, ratings far apart included', () => {
    const scaleExponent = fc.double({ min: -6, max: 9, noNaN: true });
    fc.assert(
      fc.property(scaleExponent, fc.double({ min: -6, max: 6, noNaN: true }), fc.double({ min: -800, max: 800, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), fc.oneof(fc.constantFrom(0, 0.5, 1), fc.double({ min: 0, max: 1, noNaN: true })), (e, ratio, spread, centre, s) => {
        const scale = 10 ** e;
        const k = Math.max(scale / 1e6, Math.min(1e9, 1e6 * scale, scale * 10 ** ratio));
        // Exponents up to ±800 / ln 10 × ln 10: past where e^x saturates, both ways.
        const a = centre * 1e6 * scale;
        const b = a + (spread * scale) / Math.LN10;
        const [quantum, inverse, lnTenOverScale] = constants(k, scale);
        return Object.is(fastEloDelta(a, b, s, k, scale, quantum, inverse, lnTenOverScale), eloDelta(a, b, s, k, scale, quantum));
      }),
      { numRuns: 20_000 },
    );
  });
});
