import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { updateElo, updateEloBatch } from '../../src/index.js';
import { expectInputError } from '../helpers.js';

// A replay as a caller would write it with updateElo: one call per record, in order.
function sequential(ratings: readonly number[], records: readonly Rec[], kFactor = 40, scale = 400): number[] {
  const next = [...ratings];
  for (const { a, b, score, weight } of records) {
    if (weight === 0) continue;
    [next[a], next[b]] = updateElo(next[a]!, next[b]!, score, kFactor * weight, scale);
  }
  return next;
}

interface Rec {
  readonly a: number;
  readonly b: number;
  readonly score: number;
  readonly weight: number;
}

function columns(records: readonly Rec[]) {
  return {
    left: Int32Array.from(records, (r) => r.a),
    right: Int32Array.from(records, (r) => r.b),
    scores: Float64Array.from(records, (r) => r.score),
    weights: Float64Array.from(records, (r) => r.weight),
  };
}

// Bit for bit, -0 apart from 0.
function expectSameBits(actual: ArrayLike<number>, expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) expect.fail(`index ${i}: ${actual[i]} is not ${expected[i]}`);
  }
}

// Parameters anywhere in the accepted ranges: scale in [1e-6, 1e9], K within 1e-6 … 1e6 of it (and ≤ 1e9).
const parameters = fc
  .record({ scaleExponent: fc.double({ min: -6, max: 9, noNaN: true }), ratio: fc.double({ min: -6, max: 6, noNaN: true }) })
  .map(({ scaleExponent, ratio }) => {
    const scale = 10 ** scaleExponent;
    return { scale, kFactor: Math.max(scale / 1e6, Math.min(1e9, 1e6 * scale, scale * 10 ** ratio)) };
  });

const score = fc.oneof(fc.constantFrom(0, 0.5, 1), fc.double({ min: 0, max: 1, noNaN: true }));

// n datapoints with ratings and records over them (a ≠ b).
const replays = fc.integer({ min: 2, max: 12 }).chain((n) =>
  fc.record({
    ratings: fc.array(fc.oneof(fc.constant(1200), fc.integer({ min: -3000, max: 3000 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), {
      minLength: n,
      maxLength: n,
    }),
    records: fc.array(
      fc
        .record({
          a: fc.integer({ min: 0, max: n - 1 }),
          shift: fc.integer({ min: 1, max: n - 1 }),
          score,
          weight: fc.constantFrom(0, 1, 1, 2, 0.5, 0.25),
        })
        .map(({ a, shift, score, weight }) => ({ a, b: (a + shift) % n, score, weight })),
      { maxLength: 60 },
    ),
  }),
);

describe('updateEloBatch', () => {
  it('gives exactly what updateElo gives record by record, for any accepted K and scale', () => {
    fc.assert(
      fc.property(replays, parameters, ({ ratings, records }, { kFactor, scale }) => {
        const unweighted = records.map((r) => ({ ...r, weight: 1 }));
        const { left, right, scores } = columns(unweighted);
        expectSameBits(updateEloBatch(Float64Array.from(ratings), left, right, scores, { kFactor, scale }), sequential(ratings, unweighted, kFactor, scale));
      }),
      { numRuns: 300 },
    );
  });

  it('with weights, equals updateElo with K × weight per record, a weight of 0 skipping the record', () => {
    fc.assert(
      fc.property(replays, ({ ratings, records }) => {
        const { left, right, scores, weights } = columns(records);
        expectSameBits(updateEloBatch(Float64Array.from(ratings), left, right, scores, { weights }), sequential(ratings, records));
      }),
      { numRuns: 300 },
    );
  });

  it('reads Uint32Array indices and Uint8Array wins and losses as the same records', () => {
    fc.assert(
      fc.property(replays, ({ ratings, records }) => {
        const wins = records.map((r) => ({ ...r, score: r.score < 0.5 ? 0 : 1, weight: 1 }));
        const left = Uint32Array.from(wins, (r) => r.a);
        const right = Uint32Array.from(wins, (r) => r.b);
        const scores = Uint8Array.from(wins, (r) => r.score);
        expectSameBits(updateEloBatch(Float64Array.from(ratings), left, right, scores), sequential(ratings, wins));
      }),
      { numRuns: 100 },
    );
  });

  it('keeps the sum of ratings exactly on the grid, and never mutates its arguments', () => {
    fc.assert(
      fc.property(replays, ({ records }) => {
        const n = 1 + Math.max(1, ...records.flatMap((r) => [r.a, r.b]));
        const ratings = new Float64Array(n).fill(1500);
        const { left, right, scores, weights } = columns(records);
        const before = [ratings, left, right, scores, weights].map((array) => Array.from(array));
        const after = updateEloBatch(ratings, left, right, scores, { weights });
        expect(after.reduce((sum, r) => sum + r, 0)).toBe(1500 * n);
        expect([ratings, left, right, scores, weights].map((array) => Array.from(array))).toEqual(before);
        expect(after).not.toBe(ratings);
      }),
      { numRuns: 100 },
    );
  });

  it('matches the example of its documentation', () => {
    // Record 1: equals, K 40: ±20. Record 2: 1180 beats 1200, E = 1 / (1 + 10^(20/400)) = 0.47124…,
    // a gain of 40 × 0.52876… = 21.150…, on the 2^-23 grid.
    const after = updateEloBatch(new Float64Array([1200, 1200, 1200]), Int32Array.of(0, 1), Int32Array.of(1, 2), Uint8Array.of(1, 1));
    expect(after[0]).toBe(1220);
    expect(after[1]).toBeCloseTo(1180 + 40 * (1 - 1 / (1 + 10 ** (20 / 400))), 6);
    expect(after[1]! + after[2]!).toBe(2380);
    expect(Array.from(after)).toEqual(sequential([1200, 1200, 1200], [{ a: 0, b: 1, score: 1, weight: 1 }, { a: 1, b: 2, score: 1, weight: 1 }]));
  });

  it('returns a copy of the ratings for no records', () => {
    const ratings = new Float64Array([1, 2]);
    const after = updateEloBatch(ratings, new Int32Array(0), new Int32Array(0), new Float64Array(0));
    expect(Array.from(after)).toEqual([1, 2]);
    expect(after).not.toBe(ratings);
  });

  it('refuses bad records, arrays and options with the field named', () => {
    const ratings = new Float64Array([1200, 1200, 1200]);
    const one = (a: number, b: number, s: number) => () => updateEloBatch(ratings, Int32Array.of(0, a), Int32Array.of(1, b), Float64Array.of(1, s));
    expect(expectInputError(one(3, 0, 1), 'left[1]').message).toContain('[0, 2]');
    expectInputError(one(-1, 0, 1), 'left[1]');
    expectInputError(one(0, 3, 1), 'right[1]');
    expect(expectInputError(one(2, 2, 1), 'right[1]').message).toContain('differ from left[1]');
    expectInputError(one(0, 2, 1.5), 'scores[1]');
    expectInputError(one(0, 2, Number.NaN), 'scores[1]');
    expectInputError(() => updateEloBatch(ratings, Int32Array.of(0), Int32Array.of(1, 2), Float64Array.of(1)), 'right');
    expectInputError(() => updateEloBatch(ratings, Int32Array.of(0), Int32Array.of(1), Float64Array.of(1, 0)), 'scores');
    expectInputError(() => updateEloBatch(ratings, Int32Array.of(0), Int32Array.of(1), Float64Array.of(1), { kFactor: 0 }), 'kFactor');
    expectInputError(() => updateEloBatch(ratings, Int32Array.of(0), Int32Array.of(1), Float64Array.of(1), { scale: 0 }), 'scale');
    const weights = (w: number) => () => updateEloBatch(ratings, Int32Array.of(0), Int32Array.of(1), Float64Array.of(1), { weights: Float64Array.of(w) });
    expect(expectInputError(weights(-1), 'weights[0]').message).toContain('kFactor × weight in [0.0004, 400000000]');
    expectInputError(weights(Number.NaN), 'weights[0]');
    expectInputError(weights(1e-6), 'weights[0]');
    expectInputError(weights(1e8), 'weights[0]');
    expectInputError(() => updateEloBatch(new Float64Array([1200, Number.NaN]), Int32Array.of(0), Int32Array.of(1), Float64Array.of(1)), 'ratings[1]');
  });

  it('refuses the first bad record after many good ones (checked as the records are applied), and changes nothing', () => {
    const ratings = new Float64Array([1200, 1300, 1400, 1500]);
    const left = Int32Array.from({ length: 1000 }, (_, k) => k % 4);
    const right = Int32Array.from({ length: 1000 }, (_, k) => (k + 1) % 4);
    const scores = Float64Array.from({ length: 1000 }, (_, k) => k % 2);
    left[700] = 9;
    scores[800] = 2;
    const inputs = [ratings, left, right, scores].map((array) => Array.from(array));
    expect(expectInputError(() => updateEloBatch(ratings, left, right, scores), 'left[700]').message).toContain('[0, 3]');
    left[700] = 0;
    expectInputError(() => updateEloBatch(ratings, left, right, scores), 'scores[800]');
    left[700] = 9;
    expect([ratings, left, right, scores].map((array) => Array.from(array))).toEqual(inputs);
    // With weights every record is checked before the weights, as before.
    expectInputError(() => updateEloBatch(ratings, left, right, scores, { weights: new Float64Array(1000).fill(-1) }), 'left[700]');
  });
});
