import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SequenceTable } from '../../src/job/sequenceTable.js';

describe('SequenceTable', () => {
  it('behaves like a Map under any sequence of sets, gets and deletes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ op: fc.constantFrom('set', 'delete', 'get'), key: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 2 ** 53 - 1 })) }), { maxLength: 500 }),
        (steps) => {
          const table = new SequenceTable<string>();
          const model = new Map<number, string>();
          for (const { op, key } of steps) {
            if (op === 'set' && !model.has(key)) {
              table.set(key, `v${key}`);
              model.set(key, `v${key}`);
            } else if (op === 'delete' && model.has(key)) {
              table.delete(key);
              model.delete(key);
            }
            expect(table.get(key)).toBe(model.get(key));
            expect(table.size).toBe(model.size);
          }
          expect(new Map(table.entries())).toEqual(model);
        },
      ),
    );
  });

  it('keeps working through long churn (set, delete) with keys that collide modulo the capacity', () => {
    const table = new SequenceTable<number>();
    const live: number[] = [];
    for (let key = 1; key <= 20_000; key++) {
      table.set(key * 16, key);
      live.push(key * 16);
      if (live.length > 5) table.delete(live.shift()!);
    }
    expect(table.size).toBe(5);
    for (const key of live) expect(table.get(key)).toBe(key / 16);
    expect(table.get(16)).toBeUndefined();
  });
});
