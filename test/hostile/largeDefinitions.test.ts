// Large rankings at the definition's boundary: their ids are checked for repeats by
// sorting hashes (src/definition/firstDuplicate.ts) rather than with a Set, which must
// answer exactly as a check in order does: the same first offending position, the same
// earlier occurrence, the same message, whatever mix of repeats, bad values and hash
// collisions the list holds, and every id read once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RankingInputError, createRankingJobDefinition } from '../../src/index.js';
import { firstDuplicate } from '../../src/definition/firstDuplicate.js';

// Above 1 024 ids a ranking takes the hashed path.
const LARGE = 1025;

function definitionWith(ids: readonly unknown[]) {
  return { name: 'n', instruction: 'i', datapoints: [ids as string[]], comparisonBudgetPerRanking: 1 };
}

// What the check in order says: the first index that is not a non-empty string or
// repeats an earlier id (with that id's first index).
function expectedError(ids: readonly unknown[]): { path: string; repeatOf: number | null } | null {
  const first = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (typeof id !== 'string' || id.length === 0) return { path: `datapoints[0][${i}]`, repeatOf: null };
    const earlier = first.get(id);
    if (earlier !== undefined) return { path: `datapoints[0][${i}]`, repeatOf: earlier };
    first.set(id, i);
  }
  return null;
}

function errorOf(ids: readonly unknown[]): RankingInputError | null {
  try {
    createRankingJobDefinition(definitionWith(ids));
    return null;
  } catch (error) {
    if (!(error instanceof RankingInputError)) throw error;
    return error;
  }
}

// FNV-1a (32-bit) reaches the same state after 'c2ya8' as after 'czki6' (found by a
// birthday search over 'c' + base-36 counters), so any sequence of these two blocks
// hashes alike: 2^k distinct ids with one hash.
const COLLIDING_BLOCKS = ['c2ya8', 'czki6'] as const;
function collidingIds(blocks: number): string[] {
  return Array.from({ length: 2 ** blocks }, (_, bits) =>
    Array.from({ length: blocks }, (__, b) => COLLIDING_BLOCKS[(bits >> b) & 1]).join(''),
  );
}

describe('a large ranking’s ids', () => {
  it('are refused at the first bad value or repeat, naming the earlier occurrence, exactly as a check in order does', () => {
    const bad = fc.constantFrom<unknown>('', 0, null, undefined, ['x'], { id: 'x' });
    const list = fc
      .record({
        size: fc.integer({ min: LARGE, max: 1400 }),
        repeats: fc.array(fc.record({ at: fc.nat(), from: fc.nat() }), { maxLength: 4 }),
        bads: fc.array(fc.record({ at: fc.nat(), value: bad }), { maxLength: 2 }),
      })
      .map(({ size, repeats, bads }) => {
        const ids: unknown[] = Array.from({ length: size }, (_, i) => `id-${i}`);
        for (const { at, from } of repeats) ids[at % size] = ids[from % size];
        for (const { at, value } of bads) ids[at % size] = value;
        return ids;
      });
    fc.assert(
      fc.property(list, (ids) => {
        const expected = expectedError(ids);
        const error = errorOf(ids);
        if (expected === null) {
          expect(error).toBeNull();
          return;
        }
        expect(error?.path).toBe(expected.path);
        if (expected.repeatOf === null) expect(error?.message).toContain('must be a non-empty string');
        else expect(error?.message).toContain(`duplicates datapoints[0][${expected.repeatOf}]`);
      }),
      { numRuns: 60 },
    );
  });

  it('are told apart when their hashes collide, in runs short and long, and their repeats still found', () => {
    const filler = Array.from({ length: 1000 }, (_, i) => `filler-${i}`);
    // 8 ids of one hash (compared pairwise) and 64 of another (checked with a Set).
    for (const blocks of [3, 6]) {
      const colliding = collidingIds(blocks);
      expect(new Set(colliding).size).toBe(colliding.length);
      const ids = [...filler, ...colliding];
      expect(errorOf(ids)).toBeNull();
      expect(firstDuplicate(ids, ids.length)).toBeNull();
      // A repeat of the fifth colliding id, placed after the second.
      const repeated = [...ids.slice(0, 1002), colliding[4]!, ...ids.slice(1002)];
      expect(firstDuplicate(repeated, repeated.length)).toEqual([1002, 1005]);
      const error = errorOf(repeated);
      expect(error?.path).toBe('datapoints[0][1005]');
      expect(error?.message).toContain('duplicates datapoints[0][1002]');
    }
  });

  it('are each read once, so a getter that answers differently the second time cannot slip past the check', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `id-${i}`);
    let reads = 0;
    const changing = new Proxy(ids, {
      get(target, key, receiver) {
        if (key === '700') {
          reads++;
          // An empty id on the first read, a valid one after.
          return reads === 1 ? '' : 'late';
        }
        return Reflect.get(target, key, receiver);
      },
    });
    expect(errorOf(changing)?.path).toBe('datapoints[0][700]');
    expect(reads).toBe(1);
    // And a valid list is copied as read, frozen.
    const definition = createRankingJobDefinition(definitionWith(ids));
    expect(definition.datapoints[0]).toEqual(ids);
    expect(Object.isFrozen(definition.datapoints[0])).toBe(true);
  });
});
