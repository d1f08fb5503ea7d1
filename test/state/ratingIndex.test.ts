import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RatingIndex } from '../../src/state/ratingIndex.js';
import { forEachDescendingByScan, nearestByScan } from '../../src/state/smallRankingOrder.js';
import { QUANTUM, bruteNearest, expectedOrder } from './bruteNearest.js';

const scenario = fc.record({
  n: fc.integer({ min: 2, max: 300 }),
  seedTies: fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 300, maxLength: 300 }),
  moves: fc.array(
    fc.record({
      who: fc.nat(),
      // Whole steps of the rating grid, from one step (so sort keys of different offsets
      // collide: offset + tie × QUANTUM reaches the next offset) to a million (crossing
      // many blocks).
      steps: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -40, max: 40 }).map((k) => k * 2 ** 20), fc.integer({ min: -4_000_000, max: 4_000_000 }).map((k) => k * 2 ** 20)),
    }),
    { maxLength: 400 },
  ),
});

describe('RatingIndex', () => {
  it('keeps datapoints ordered by (offset, tie key, index) through any sequence of moves', () => {
    fc.assert(
      fc.property(scenario, ({ n, seedTies, moves }) => {
        const offsets = new Float64Array(n);
        // Only a few distinct tie keys, so exact ties of offset and tie key happen too.
        const ties = Float64Array.from({ length: n }, (_, i) => Math.floor(seedTies[i]! * 4) / 4);
        const index = new RatingIndex({ offsets, tieKeys: ties, base: 0 }, n, QUANTUM);
        for (const { who, steps } of moves) {
          const x = who % n;
          offsets[x] = offsets[x]! + steps * QUANTUM;
          index.update(x);
        }
        expect(index.inOrder()).toEqual(expectedOrder(offsets, ties));
      }),
    );
  });

  it('finds the same nearest neighbours as a brute-force scan', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 12 }), ({ n, seedTies, moves }, k) => {
        const offsets = new Float64Array(n);
        const ties = Float64Array.from({ length: n }, (_, i) => seedTies[i]!);
        const index = new RatingIndex({ offsets, tieKeys: ties, base: 0 }, n, QUANTUM);
        const out = new Int32Array(2 * k);
        for (const { who, steps } of moves) {
          const x = who % n;
          offsets[x] = offsets[x]! + steps * QUANTUM;
          index.update(x);
          const found = index.nearest(x, k, out);
          expect([...out.subarray(0, found)]).toEqual(bruteNearest(x, k, offsets, ties));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('stays ordered at 5 000 datapoints, where blocks split and merge many times', () => {
    const n = 5000;
    const offsets = new Float64Array(n);
    let state = 7;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const ties = Float64Array.from({ length: n }, next);
    const index = new RatingIndex({ offsets, tieKeys: ties, base: 0 }, n, QUANTUM);
    for (let step = 0; step < 50_000; step++) {
      const x = Math.floor(next() * n);
      offsets[x] = offsets[x]! + Math.round((next() - 0.5) * 80 * 2 ** 10) * QUANTUM * 2 ** 10;
      index.update(x);
    }
    expect(index.inOrder()).toEqual(expectedOrder(offsets, ties));
  });

  it('takes new datapoints in their place as the ranking grows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.array(fc.integer({ min: -200, max: 200 }), { minLength: 1, maxLength: 200 }), (n, starts) => {
        const source = { offsets: new Float64Array(n), tieKeys: Float64Array.from({ length: n }, (_, i) => (i * 0.618) % 1), base: 0 };
        const index = new RatingIndex(source, n, QUANTUM);
        for (const [k, start] of starts.entries()) {
          const x = n + k;
          if (x >= source.offsets.length) {
            // The ranking grows its arrays the way RankingState does: new arrays, same source object.
            const grow = (array: Float64Array) => Float64Array.from({ length: 2 * array.length }, (_, i) => array[i] ?? 0);
            source.offsets = grow(source.offsets);
            source.tieKeys = grow(source.tieKeys);
          }
          source.offsets[x] = start * 2 ** 20 * QUANTUM;
          source.tieKeys[x] = (x * 0.618) % 1;
          index.add(x);
        }
        const size = n + starts.length;
        expect(index.inOrder()).toEqual(expectedOrder(source.offsets.subarray(0, size), source.tieKeys.subarray(0, size)));
      }),
    );
  });
});

describe('small rankings without an index', () => {
  // Small rankings (up to 16 datapoints) sort on demand instead of keeping an index; they
  // must give exactly the index's answers, ties of sort keys included.
  it('find the same nearest neighbours and the same descending order as the index, read from any base', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 20 }),
        fc.integer({ min: 0, max: 7 }),
        scenario.map(({ seedTies, moves }) => ({ seedTies, moves: moves.slice(0, 60) })),
        fc.integer({ min: 1, max: 17 }),
        (n, base, { seedTies, moves }, k) => {
          const offsets = new Float64Array(base + n);
          // Few distinct tie keys: equal sort keys and equal (offset, tie key) pairs happen.
          const ties = Float64Array.from({ length: base + n }, (_, i) => Math.floor(seedTies[i]! * 3) / 3);
          const source = { offsets, tieKeys: ties, base };
          const index = new RatingIndex(source, n, QUANTUM);
          const fromIndex = new Int32Array(2 * k);
          const fromScan = new Int32Array(2 * k);
          const descending = (visit: (f: (x: number) => boolean) => void) => {
            const seen: number[] = [];
            visit((x) => seen.push(x) < n - 1);
            return seen;
          };
          for (const { who, steps } of moves) {
            const x = who % n;
            offsets[base + x] = offsets[base + x]! + steps * QUANTUM;
            index.update(x);
            for (const y of [x, (x + 1) % n]) {
              const found = index.nearest(y, k, fromIndex);
              expect(nearestByScan(source, n, QUANTUM, y, k, fromScan)).toBe(found);
              expect([...fromScan.subarray(0, found)]).toEqual([...fromIndex.subarray(0, found)]);
            }
            expect(descending((f) => forEachDescendingByScan(source, n, QUANTUM, f))).toEqual(descending((f) => index.forEachDescending(f)));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('RatingIndex at scale', () => {
  // A deterministic generator for the tests below (seeded, 32-bit).
  function generator(seed: number): () => number {
    let state = seed;
    return () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  }

  function expectNearestLikeBruteForce(index: RatingIndex, offsets: Float64Array, ties: Float64Array, picks: readonly number[]): void {
    const out = new Int32Array(2 * 9);
    for (const x of picks) {
      const found = index.nearest(x, 9, out);
      expect([...out.subarray(0, found)]).toEqual(bruteNearest(x, 9, offsets, ties));
    }
  }

  it('keeps its order and nearest neighbours while moves pile datapoints into one place and take them back', () => {
    // Every datapoint moves in turn to one narrow band far above the rest (leaves fill,
    // spread and split there, groups split), then back where it was (leaves and groups
    // empty and merge). 20 000 datapoints: several groups of leaves.
    const n = 20_000;
    const next = generator(11);
    const offsets = new Float64Array(n);
    const ties = Float64Array.from({ length: n }, () => Math.floor(next() * 2 ** 32) / 2 ** 32);
    const index = new RatingIndex({ offsets, tieKeys: ties, base: 0 }, n, QUANTUM);
    const groupsOf = () => (index as unknown as { topCount: number }).topCount;
    const start = groupsOf();
    const picks = Array.from({ length: 40 }, () => Math.floor(next() * n));
    for (let x = 0; x < n; x++) {
      // A few distinct offsets in the band, so equal offsets (ordered by tie key) pile up.
      offsets[x] = (2 ** 30 + Math.floor(next() * 8)) * QUANTUM;
      index.update(x);
    }
    expect(index.inOrder()).toEqual(expectedOrder(offsets, ties));
    expectNearestLikeBruteForce(index, offsets, ties, picks);
    for (let x = n - 1; x >= 0; x -= 2) {
      offsets[x] = 0;
      index.update(x);
    }
    expect(index.inOrder()).toEqual(expectedOrder(offsets, ties));
    expectNearestLikeBruteForce(index, offsets, ties, picks);
    for (let x = n - 2; x >= 0; x -= 2) {
      offsets[x] = 0;
      index.update(x);
    }
    expect(index.inOrder()).toEqual(expectedOrder(offsets, ties));
    expectNearestLikeBruteForce(index, offsets, ties, picks);
    // Back where it started: as many groups as the build made, give or take merges.
    expect(groupsOf()).toBeLessThanOrEqual(2 * start);
  });

  it('builds the order of a fresh ranking (tie keys from a 32-bit generator, equal offsets) by tie key, then index', () => {
    const next = generator(5);
    for (const [n, distinct, offset] of [
      [5000, 2 ** 32, 0],
      [5000, 7, 0],
      [3000, 50, 5 * QUANTUM],
      [17, 3, -40 * QUANTUM],
    ] as const) {
      // Few distinct tie keys: many datapoints with equal sort keys, ordered by index.
      const ties = Float64Array.from({ length: n }, () => Math.floor(next() * distinct) / distinct);
      const offsets = new Float64Array(n).fill(offset);
      const index = new RatingIndex({ offsets, tieKeys: ties, base: 0 }, n, QUANTUM);
      expect(index.inOrder()).toEqual(expectedOrder(offsets, ties));
      expectNearestLikeBruteForce(index, offsets, ties, [0, 1, n - 1, Math.floor(n / 2)]);
    }
  });

  it('builds the order of any other ranking by the exact order (restored offsets, tie keys off the 32-bit grid)', () => {
    const next = generator(9);
    const n = 3000;
    const ties = Float64Array.from({ length: n }, () => next() + next() * 2 ** -40);
    const offsets = Float64Array.from({ length: n }, () => Math.round((next() - 0.5) * 50) * QUANTUM);
    const index = new RatingIndex({ offsets, tieKeys: ties, base: 0 }, n, QUANTUM);
    expect(index.inOrder()).toEqual(expectedOrder(offsets, ties));
    expectNearestLikeBruteForce(index, offsets, ties, [0, 7, n - 1]);
  });
});
