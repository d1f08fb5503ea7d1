import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExposureBuckets } from '../../src/state/exposureBuckets.js';

describe('ExposureBuckets', () => {
  it('tracks counts and always picks among the least exposed, against a plain array model', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.record({ up: fc.boolean(), who: fc.nat(), u: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }) }), { maxLength: 300 }),
        (n, steps) => {
          const buckets = new ExposureBuckets(n);
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
        },
      ),
    );
  });

  it('picks uniformly among the tied least exposed', () => {
    const buckets = new ExposureBuckets(5);
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

  it('adds datapoints at exposure 0 and rebuilds from saved counts and order, against a model', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.record({ op: fc.constantFrom('up', 'down', 'add'), who: fc.nat(), u: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }) }), { maxLength: 200 }),
        (n, steps) => {
          const buckets = new ExposureBuckets(n);
          const model = new Array<number>(n).fill(0);
          for (const { op, who, u } of steps) {
            const x = who % model.length;
            if (op === 'add') {
              buckets.add();
              model.push(0);
            } else if (op === 'up') {
              buckets.increment(x);
              model[x]!++;
            } else if (model[x]! > 0) {
              buckets.decrement(x);
              model[x]!--;
            }
            const order = buckets.orderList();
            expect(order.map((i) => model[i])).toEqual([...model].sort((a, b) => a - b));
            expect(model[buckets.pickLeastExposed(u)]).toBe(Math.min(...model));
            // A copy rebuilt from the saved counts and order picks the same datapoints.
            const copy = new ExposureBuckets(model.length, model, order);
            expect(copy.orderList()).toEqual(order);
            expect(copy.pickLeastExposed(u)).toBe(buckets.pickLeastExposed(u));
          }
        },
      ),
    );
  });
});
