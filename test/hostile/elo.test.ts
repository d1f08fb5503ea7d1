// Hostile inputs to the Elo kernels: updateElo's fast path (its checks became cheap tests
// and a cache of the last K and scale, which must never let an unchecked value through) and
// updateEloBatch (typed arrays that lie about their kind or length, options that change
// between reads, shared memory, records that go wrong half-way). Every refused call must
// name the field and change nothing.
import { afterAll, describe, expect, it } from 'vitest';
import { updateElo, updateEloBatch } from '../../src/index.js';
import { expectInputError } from '../helpers.js';
import { HostileTally } from './changingValues.js';

const tally = new HostileTally();
afterAll(() => {
  const { byClass, total } = tally.counts();
  console.log(`hostile Elo inputs: ${total} distinct inputs tried: ${JSON.stringify(byClass)}`);
});

const ratings = () => new Float64Array([1200, 1300, 1100]);
const left = () => Int32Array.of(0, 1, 2);
const right = () => Int32Array.of(1, 2, 0);
const scores = () => Float64Array.of(1, 0.5, 0);

// Calls updateEloBatch with one argument replaced; the others are valid.
function batchWith(position: number, value: unknown, options?: unknown) {
  const args: unknown[] = [ratings(), left(), right(), scores()];
  args[position] = value;
  return () => (updateEloBatch as (...a: unknown[]) => Float64Array)(...args, ...(options === undefined ? [] : [options]));
}

describe('updateElo: the cache of the last K and scale lets nothing unchecked through', () => {
  it('checks every argument on every call, whatever the previous call cached', () => {
    const bad: [string, () => unknown, string][] = [
      ['string K equal to the cached one', () => updateElo(1200, 1200, 1, '40' as unknown as number), 'kFactor'],
      ['string scale equal to the cached one', () => updateElo(1200, 1200, 1, 40, '400' as unknown as number), 'scale'],
      ['NaN K', () => updateElo(1200, 1200, 1, Number.NaN), 'kFactor'],
      ['-0 K', () => updateElo(1200, 1200, 1, -0), 'kFactor'],
      ['boxed K', () => updateElo(1200, 1200, 1, new Number(40) as unknown as number), 'kFactor'],
      ['rating 1e301 with cached parameters', () => updateElo(1e301, 1200, 1), 'ratingA'],
      ['string rating', () => updateElo('1200' as unknown as number, 1200, 1), 'ratingA'],
      ['bigint rating', () => updateElo(1200, 1200n as unknown as number, 1), 'ratingB'],
      ['null score', () => updateElo(1200, 1200, null as unknown as number), 'scoreA'],
      ['score above 1', () => updateElo(1200, 1200, 1.0000000000000002), 'scoreA'],
      ['K above the cached scale allows', () => updateElo(1200, 1200, 1, 4.000001e8), 'kFactor'],
    ];
    for (const [name, call, path] of bad) {
      // A valid call first, so the defaults are cached, then the bad one, then a valid one.
      expect(updateElo(1200, 1200, 1)).toEqual([1220, 1180]);
      expectInputError(call, path);
      expect(updateElo(1200, 1200, 1)).toEqual([1220, 1180]);
      tally.note('updateElo after a cached call', name);
    }
  });

  it('picks the same error as before when several arguments are bad (ratings, score, scale, K in that order)', () => {
    expectInputError(() => updateElo(Number.NaN, Number.NaN, 2, 0, 0), 'ratingA');
    expectInputError(() => updateElo(1200, Number.NaN, 2, 0, 0), 'ratingB');
    expectInputError(() => updateElo(1200, 1200, 2, 0, 0), 'scoreA');
    expectInputError(() => updateElo(1200, 1200, 1, 0, 0), 'scale');
    tally.note('updateElo several bad arguments', 'precedence of the four checks');
  });
});

describe('updateEloBatch: arrays', () => {
  const wrongKinds: [string, number, unknown, string][] = [
    ['number[] ratings', 0, [1200, 1300, 1100], 'ratings'],
    ['Float32Array ratings', 0, new Float32Array(3), 'ratings'],
    ['array-like object', 1, { length: 3, 0: 0, 1: 1, 2: 2 }, 'left'],
    ['Proxy around an Int32Array', 1, new Proxy(Int32Array.of(0, 1, 2), {}), 'left'],
    ['Int16Array indices', 2, Int16Array.of(1, 2, 0), 'right'],
    ['Float64Array indices', 2, Float64Array.of(1, 2, 0), 'right'],
    ['BigInt64Array indices', 1, BigInt64Array.of(0n, 1n, 2n), 'left'],
    ['Uint8ClampedArray scores', 3, Uint8ClampedArray.of(1, 0, 1), 'scores'],
    ['DataView scores', 3, new DataView(new ArrayBuffer(24)), 'scores'],
    ['Int8Array wearing the Float64Array prototype', 0, Object.setPrototypeOf(Int8Array.of(1, 2, 3), Float64Array.prototype), 'ratings'],
    ['Int8Array with an own toStringTag "Float64Array"', 0, Object.defineProperty(Int8Array.of(1, 2, 3), Symbol.toStringTag, { value: 'Float64Array' }), 'ratings'],
    ['null', 3, null, 'scores'],
    ['a string', 1, '012', 'left'],
  ];
  it.each(wrongKinds)('refuses %s', (name, position, value, path) => {
    const before = ratings();
    expectInputError(batchWith(position, value), path);
    tally.note('batch: not the typed array asked for', name);
    expect(before).toEqual(ratings());
  });

  it('reads lengths from the typed arrays themselves, not from an own length property', () => {
    const longLeft = Object.defineProperty(Int32Array.of(0, 1, 2), 'length', { value: 1_000_000 });
    expect(Array.from(updateEloBatch(ratings(), longLeft, right(), scores()))).toEqual(Array.from(updateEloBatch(ratings(), left(), right(), scores())));
    const shortScores = Object.defineProperty(Float64Array.of(1, 0.5, 0, 1), 'length', { value: 3 });
    expect(expectInputError(batchWith(3, shortScores), 'scores').message).toContain('got 4');
    tally.note('batch: lying length', 'own length longer than the array');
    tally.note('batch: lying length', 'own length hiding an extra element');
  });

  it('treats a detached buffer as empty, and accepts views and shared memory as their elements', () => {
    const detached = Float64Array.of(1, 0.5, 0);
    structuredClone(detached.buffer, { transfer: [detached.buffer] });
    expectInputError(batchWith(3, detached), 'scores');
    tally.note('batch: odd buffers', 'detached scores');

    const shared = new Int32Array(new SharedArrayBuffer(12));
    shared.set([0, 1, 2]);
    const view = new Int32Array(Int32Array.of(9, 1, 2, 0, 9).buffer, 4, 3);
    expect(Array.from(updateEloBatch(ratings(), shared, view, scores()))).toEqual(Array.from(updateEloBatch(ratings(), left(), right(), scores())));
    tally.note('batch: odd buffers', 'SharedArrayBuffer indices');
    const sharedScores = new Float64Array(new SharedArrayBuffer(24));
    sharedScores.set(scores());
    const sharedWeights = new Float64Array(new SharedArrayBuffer(24));
    sharedWeights.set([1, 0, 2]);
    expect(Array.from(updateEloBatch(ratings(), left(), right(), sharedScores, { weights: sharedWeights }))).toEqual(
      Array.from(updateEloBatch(ratings(), left(), right(), scores(), { weights: Float64Array.of(1, 0, 2) })),
    );
    tally.note('batch: odd buffers', 'SharedArrayBuffer scores and weights');
    tally.note('batch: odd buffers', 'a view at an offset into a larger buffer');
  });
});

describe('updateEloBatch: records', () => {
  const badRecords: [string, number, number, number, string][] = [
    ['left -1', -1, 2, 1, 'left[5]'],
    ['left = n', 3, 2, 1, 'left[5]'],
    ['right 2^31 − 1', 0, 2 ** 31 - 1, 1, 'right[5]'],
    ['a datapoint against itself', 2, 2, 1, 'right[5]'],
    ['score NaN', 0, 1, Number.NaN, 'scores[5]'],
    ['score Infinity', 0, 1, Number.POSITIVE_INFINITY, 'scores[5]'],
    ['score −1e-300', 0, 1, -1e-300, 'scores[5]'],
  ];
  it.each(badRecords)('refuses %s half-way through, leaving the ratings as they were', (name, a, b, s, path) => {
    const before = ratings();
    const l = Int32Array.of(0, 1, 2, 0, 1, a, 2);
    const r = Int32Array.of(1, 2, 0, 2, 0, b, 1);
    const sc = Float64Array.of(1, 1, 0, 0.5, 1, s, 0);
    expectInputError(() => updateEloBatch(before, l, r, sc), path);
    expect(before).toEqual(ratings());
    tally.note('batch: bad record after good ones', name);
  });

  it('refuses Uint32 indices past the Int32 range and Uint8 scores above 1', () => {
    expectInputError(() => updateEloBatch(ratings(), Uint32Array.of(0, 2 ** 32 - 1), Uint32Array.of(1, 0), Uint8Array.of(1, 1)), 'left[1]');
    expectInputError(() => updateEloBatch(ratings(), left(), right(), Uint8Array.of(1, 2, 0)), 'scores[1]');
    tally.note('batch: bad record after good ones', 'Uint32 index 2^32 − 1');
    tally.note('batch: bad record after good ones', 'Uint8 score 2');
  });

  it('refuses ratings that are not finite or beyond ±1e300, and accepts -0', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, -1e301]) {
      expectInputError(batchWith(0, new Float64Array([1200, bad, 1100])), 'ratings[1]');
      tally.note('batch: bad rating', String(bad));
    }
    const after = updateEloBatch(new Float64Array([-0, -0]), Int32Array.of(0), Int32Array.of(1), Float64Array.of(0.5));
    const [a, b] = updateElo(-0, -0, 0.5);
    expect(Object.is(after[0], a) && Object.is(after[1], b)).toBe(true);
    tally.note('batch: bad rating', '-0 (accepted, same bits as updateElo)');
  });
});

describe('updateEloBatch: options', () => {
  it('reads each option once, so a getter cannot pass one K to the check and another to the replay', () => {
    let reads = 0;
    const options = {
      get kFactor() {
        reads++;
        return reads === 1 ? 40 : 1e12;
      },
    };
    const after = updateEloBatch(ratings(), left(), right(), scores(), options);
    expect(reads).toBe(1);
    expect(Array.from(after)).toEqual(Array.from(updateEloBatch(ratings(), left(), right(), scores(), { kFactor: 40 })));
    tally.note('batch: changing options', 'kFactor getter: 40, then 1e12');
  });

  it('refuses unknown keys, non-objects and bad values, and ignores inherited ones', () => {
    expectInputError(batchWith(0, ratings(), { kfactor: 32 }), 'kfactor');
    expectInputError(batchWith(0, ratings(), JSON.parse('{"__proto__": {"kFactor": 1}}')), '__proto__');
    expectInputError(batchWith(0, ratings(), null), 'options');
    expectInputError(batchWith(0, ratings(), [40]), 'options');
    expectInputError(batchWith(0, ratings(), { weights: [1, 1, 1] }), 'weights');
    expectInputError(batchWith(0, ratings(), { weights: Float64Array.of(1, 1) }), 'weights');
    expectInputError(batchWith(0, ratings(), { weights: Float64Array.of(1, Number.POSITIVE_INFINITY, 1) }), 'weights[1]');
    expectInputError(batchWith(0, ratings(), { kFactor: 1e9, scale: 1 }), 'kFactor');
    expectInputError(batchWith(0, ratings(), { scale: 1e-7 }), 'scale');
    const inherited = Object.create({ kFactor: 0 }) as object;
    expect(Array.from(batchWith(0, ratings(), inherited)())).toEqual(Array.from(batchWith(0, ratings())()));
    for (const name of ['misspelt key', 'own __proto__ key', 'null', 'array', 'weights as number[]', 'short weights', 'weight Infinity', 'K beyond 1e6 × scale', 'scale 1e-7', 'inherited kFactor']) {
      tally.note('batch: options', name);
    }
  });
});
