import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DatapointColumns } from '../../src/state/datapointColumns.js';
import {
  ExposureBuckets,
  ExposureLevels,
  appendUnexposed,
  exposureOrderList,
  type ExposureSlice,
} from '../../src/state/exposureBuckets.js';
import { RankingArena } from '../../src/state/rankingArena.js';

const ELO = { initialRating: 1200, kFactor: 40, scale: 400 };
const POSTERIOR = { priorSd: 200, noise: 196 };
const FLAGS = { closeMatches: true, roundRobin: false, informationGain: false, sort: false, factors: false };

// A ranking's exposure, standing alone: n datapoints from slot `base` of columns with room
// to grow, with a level table (as large rankings keep) or without (small ones search).
class Slice implements ExposureSlice {
  readonly columns: DatapointColumns;
  levels: ExposureLevels | null = null;
  constructor(
    public size: number,
    withLevels: boolean,
    public readonly base = 5,
    exposure?: readonly number[],
    order?: readonly number[],
  ) {
    this.columns = new DatapointColumns(base + size + 400, new RankingArena(ELO, POSTERIOR, FLAGS, false), false);
    for (let p = 0; p < size; p++) {
      const x = order === undefined ? p : order[p]!;
      this.columns.order[base + p] = x;
      this.columns.position[base + x] = p;
      this.columns.exposure[base + x] = exposure === undefined ? 0 : exposure[x]!;
    }
    if (withLevels) this.levels = new ExposureLevels(this);
  }
  add(): number {
    const moved = appendUnexposed(this);
    this.size++;
    return moved;
  }
}

// The bucket trick as it was first written (a start per level, every level walked when
// a datapoint is added): the order it keeps decides draws and is saved in snapshots, so
// the faster code must keep exactly this order.
class ReferenceBuckets {
  readonly counts: number[] = [];
  readonly order: number[] = [];
  readonly position: number[] = [];
  readonly bucketStart: number[];
  constructor(n: number) {
    for (let x = 0; x < n; x++) {
      this.counts.push(0);
      this.order.push(x);
      this.position.push(x);
    }
    this.bucketStart = [0, n];
  }
  increment(x: number): void {
    const level = this.counts[x]!;
    if (this.bucketStart.length < level + 3) this.bucketStart.push(this.order.length);
    const last = this.bucketStart[level + 1]! - 1;
    this.swap(this.position[x]!, last);
    this.bucketStart[level + 1] = last;
    this.counts[x] = level + 1;
  }
  decrement(x: number): void {
    const level = this.counts[x]!;
    const first = this.bucketStart[level]!;
    this.swap(this.position[x]!, first);
    this.bucketStart[level] = first + 1;
    this.counts[x] = level - 1;
  }
  add(): void {
    const x = this.order.length;
    this.order.push(x);
    this.position.push(x);
    this.counts.push(0);
    for (let level = this.bucketStart.length - 2; level >= 1; level--) {
      this.swap(this.position[x]!, this.bucketStart[level]!);
      this.bucketStart[level]!++;
    }
    this.bucketStart[this.bucketStart.length - 1] = this.order.length;
  }
  pick(u: number): number {
    const tied = this.bucketStart[this.counts[this.order[0]!]! + 1]!;
    return this.order[Math.min(Math.floor(u * tied), tied - 1)]!;
  }
  private swap(i: number, j: number): void {
    const a = this.order[i]!;
    const b = this.order[j]!;
    this.order[i] = b;
    this.order[j] = a;
    this.position[b] = i;
    this.position[a] = j;
  }
}

const draw = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('exposure buckets', () => {
  for (const withLevels of [false, true]) {
    const mode = withLevels ? 'with a level table' : 'by binary search';
    it(`${mode}: tracks counts and always picks among the least exposed, against a plain array model`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 40 }), fc.array(fc.record({ up: fc.boolean(), who: fc.nat(), u: draw }), { maxLength: 300 }), (n, steps) => {
          const buckets = new ExposureBuckets(new Slice(n, withLevels));
          const model = new Array<number>(n).fill(0);
          for (const { up, who, u } of steps) {
            const x = who % n;
            if (up) {
              buckets.increment(x);
              model[x]!++;
            } else if (model[x]! > 0) {
              buckets.decrement(x);
              model[x]!--;
            }
            expect(model.map((_, x) => buckets.of(x))).toEqual(model);
            const minimum = Math.min(...model);
            expect(buckets.minimum).toBe(minimum);
            expect(model[buckets.pickLeastExposed(u)]).toBe(minimum);
          }
        }),
        { numRuns: 60 },
      );
    });

    it(`${mode}: keeps exactly the order of the original algorithm through increments, decrements and additions`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 20 }),
          fc.array(fc.record({ op: fc.constantFrom('up', 'up', 'down', 'add'), who: fc.nat(), u: draw }), { maxLength: 250 }),
          (n, steps) => {
            const slice = new Slice(n, withLevels);
            const buckets = new ExposureBuckets(slice);
            const reference = new ReferenceBuckets(n);
            for (const { op, who, u } of steps) {
              const x = who % reference.counts.length;
              if (op === 'add') {
                slice.add();
                reference.add();
              } else if (op === 'up') {
                buckets.increment(x);
                reference.increment(x);
              } else if (reference.counts[x]! > 0) {
                buckets.decrement(x);
                reference.decrement(x);
              }
              expect(buckets.orderList()).toEqual(reference.order);
              expect(buckets.pickLeastExposed(u)).toBe(reference.pick(u));
            }
            // A copy rebuilt from the saved counts and order picks the same datapoints.
            const order = exposureOrderList(slice);
            const copy = new ExposureBuckets(new Slice(slice.size, withLevels, 0, reference.counts, order));
            expect(copy.orderList()).toEqual(order);
            for (const u of [0, 0.3, 0.99]) expect(copy.pickLeastExposed(u)).toBe(buckets.pickLeastExposed(u));
          },
        ),
        { numRuns: 60 },
      );
    });
  }

  it('picks uniformly among the tied least exposed', () => {
    const buckets = new ExposureBuckets(new Slice(5, false));
    buckets.increment(1);
    buckets.increment(3);
    // Least exposed: 0, 2 and 4, each from a third of [0, 1).
    const picks = new Map<number, number>();
    for (let k = 0; k < 3000; k++) {
      const x = buckets.pickLeastExposed((k + 0.5) / 3000);
      picks.set(x, (picks.get(x) ?? 0) + 1);
    }
    expect([...picks.entries()].sort()).toEqual([
      [0, 1000],
      [2, 1000],
      [4, 1000],
    ]);
  });

  it('adds a datapoint by moving one datapoint per nonempty bucket, however high the exposures', () => {
    // Regression: adding walked every exposure level from the highest down, so a ranking
    // whose datapoints had 100 000 matchups each paid 100 000 steps per added datapoint.
    for (const withLevels of [false, true]) {
      const slice = new Slice(3, false);
      const buckets = new ExposureBuckets(slice);
      const reference = new ReferenceBuckets(3);
      for (let k = 0; k < 100_000; k++) {
        for (const x of [0, 1]) {
          buckets.increment(x);
          reference.increment(x);
        }
      }
      buckets.increment(2);
      reference.increment(2);
      if (withLevels) slice.levels = new ExposureLevels(slice);
      // Two nonempty buckets above 0 (exposures 1 and 100 000): two datapoints move.
      expect(slice.add()).toBe(2);
      reference.add();
      // The newcomer is alone at exposure 0; the next addition moves the same two.
      expect(buckets.minimum).toBe(0);
      expect(slice.add()).toBe(2);
      reference.add();
      expect(buckets.orderList()).toEqual(reference.order);
      expect([0, 1, 2, 3, 4].map((x) => buckets.of(x))).toEqual([100_000, 100_000, 1, 0, 0]);
    }
  });
});
