// Hostile review of 8f4618c (arrayComparisonTable: columns stored into the spent buffers,
// the last one zeroed for the unused sides), 6007a6c (RatingIndex.nearest by two cursors)
// and 58a5ae6 (fitBradleyTerry without the position effect: a long array of records of
// weight 1 tabled with the sides merged). No defect was found; these are the guards the
// review ran. Run against the parent commits' code they pass the same, but for the check
// that nearest writes only its first `count` entries of `out` (the old code used the
// upper half as scratch) and the check that the sideless table merges (no such table then).
import { describe, expect, it } from 'vitest';
import { xorshift32 } from '../helpers.js';
import { tableBits } from '../bradleyTerry/tableContents.js';
import { arrayComparisonTable } from '../../src/bradleyTerry/arrayComparisonTable.js';
import { ComparisonTableBuilder, comparisonTable } from '../../src/bradleyTerry/comparisonTable.js';
import { comparisonTableData, type ComparisonTable, type ComparisonTableData } from '../../src/bradleyTerry/comparisonTableData.js';
import { fitBradleyTerry } from '../../src/bradleyTerry/fitBradleyTerry.js';
import { RatingIndex } from '../../src/state/ratingIndex.js';
import { QUANTUM, bruteNearest } from '../state/bruteNearest.js';

// xorshift32 (test/helpers.ts): its designs never move.
const rng = xorshift32;

const OUTCOMES = ['left', 'right', 'draw'] as const;

// `size` items over `ids` datapoints; kind 0 a record of weight 1, 1 a weighted record
// (0 among the weights), 2 pair counts, 3 a record of weight 1 with the fields job records carry.
function items(seed: number, size: number, ids: number, kinds: readonly number[]): unknown[] {
  const r = rng(seed);
  return Array.from({ length: size }, () => {
    const a = Math.floor(r() * ids);
    const b = (a + 1 + Math.floor(r() * (ids - 1))) % ids;
    const kind = kinds[Math.floor(r() * kinds.length)]!;
    const outcome = OUTCOMES[Math.floor(r() * 3)]!;
    if (kind === 1) return { left: `d${a}`, right: `d${b}`, outcome, weight: [0, 0.1, 1, 2, 3.5][Math.floor(r() * 5)] };
    if (kind === 2) return { a: `d${a}`, b: `d${b}`, aWins: Math.floor(r() * 3), bWins: Math.floor(r() * 3) * 0.7 };
    if (kind === 3) return { left: `d${a}`, right: `d${b}`, outcome, labelerId: 'l', ranking: 'r', matchupId: 'm' };
    return { left: `d${a}`, right: `d${b}`, outcome };
  });
}

function builderTable(list: readonly unknown[]): ComparisonTable {
  const builder = new ComparisonTableBuilder();
  list.forEach((item, index) => builder.addItem(item, 'comparisons', index));
  return builder.build();
}


function columnsOf(d: ComparisonTableData): Float64Array[] {
  return [d.unsided.low, d.unsided.high, d.lowLeft.low, d.lowLeft.high, d.highLeft.low, d.highLeft.high];
}

function outcomeOf(run: () => unknown): string {
  try {
    return JSON.stringify(run());
  } catch (error) {
    return `${(error as Error).constructor.name}: ${(error as Error).message}`;
  }
}

describe('review 5: the rotated column buffers (8f4618c)', () => {
  it('no column shares a buffer with another unless both are the all-zero column, and every column is the builder’s', () => {
    const designs: [number, number, number, number[]][] = [
      [1, 300, 40, [0]],
      [2, 300, 40, [1]],
      [3, 300, 40, [2]],
      [4, 300, 40, [0, 1, 2, 3]],
      [5, 5000, 3000, [0, 2]],
      [6, 1, 2, [2]],
    ];
    for (const [seed, size, ids, kinds] of designs) {
      const list = items(seed, size, ids, kinds);
      for (const sides of [true, false]) {
        const table = arrayComparisonTable(list, 'comparisons', sides);
        const data = comparisonTableData(table)!;
        const columns = columnsOf(data);
        for (let i = 0; i < 6; i++) {
          expect(columns[i]!.length).toBe(data.pairCount);
          for (const other of [data.wins, data.losses, data.draws, data.low, data.high]) expect(columns[i]!.buffer).not.toBe(other.buffer);
          for (let j = i + 1; j < 6; j++) {
            if (columns[i]!.buffer !== columns[j]!.buffer) continue;
            expect(columns[i]).toBe(columns[j]);
            expect(columns[i]!.every((value) => value === 0)).toBe(true);
          }
        }
        if (sides) expect(tableBits(table)).toBe(tableBits(builderTable(list)));
      }
    }
  });

  it('fits leave a table’s arrays as they were (the shared zero column too), whatever the options', () => {
    const table = comparisonTable(items(7, 6000, 60, [0, 3]) as never);
    const before = tableBits(table);
    for (const options of [{}, { prior: 0 }, { positionEffect: true }, { standardErrors: 'exact' as const }, { standardErrors: 'approximate' as const }, { covariance: true }]) {
      fitBradleyTerry(table, options);
    }
    expect(tableBits(table)).toBe(before);
  });
});

describe('review 5: the merged sides of a fit without the position effect (58a5ae6)', () => {
  const optionSets: Record<string, unknown>[] = [{}, { prior: 0 }, { prior: 0.5 }, { standardErrors: 'exact' }, { standardErrors: 'approximate' }, { covariance: true }, { maxIterations: 2 }, { tolerance: 1e-3 }];
  const chain = Array.from({ length: 5000 }, (_, i) => ({ left: `c${i % 50}`, right: `c${(i % 50) + 1}`, outcome: i % 3 === 0 ? 'right' : 'left' }));
  const designs: [string, unknown[], boolean][] = [
    ['records with draws', items(11, 6000, 80, [0]), true],
    ['records with labeler, ranking and matchupId fields', items(12, 6000, 80, [0, 3]), true],
    ['a chain, records one way only on some pairs', chain, true],
    ['one datapoint winning every game (infinite without a prior)', [...Array.from({ length: 4500 }, (_, i) => ({ left: 'top', right: `c${i % 30}`, outcome: 'left' })), ...items(13, 100, 30, [0])], true],
    ['disconnected groups', items(14, 5000, 4000, [0]), true],
    ['weighted records (weight 0 among them): not merged', items(15, 6000, 80, [0, 1]), false],
    ['pair counts mixed in: not merged', items(16, 6000, 80, [0, 2]), false],
  ];
  for (const [name, list, merged] of designs) {
    it(`fits ${name} as the full table does, bit for bit, errors included`, () => {
      // The design takes the path under review (merged sides, or kept when some item is not a record of weight 1).
      const sideless = comparisonTableData(arrayComparisonTable(list, 'comparisons', false))!;
      const sidesEmpty = [sideless.lowLeft, sideless.highLeft].every((side) => side.low.every((v) => v === 0) && side.high.every((v) => v === 0));
      expect(list.length).toBeGreaterThanOrEqual(4096);
      expect(sidesEmpty).toBe(merged);
      const full = comparisonTable(list as never);
      for (const options of optionSets) {
        expect(outcomeOf(() => fitBradleyTerry(list as never, options)), JSON.stringify(options)).toBe(outcomeOf(() => fitBradleyTerry(full, options)));
      }
    });
  }

  it('a Proxy of the array and an array with its own iterator are fitted as the full table of what they yield', () => {
    const list = items(17, 5000, 60, [0]);
    const reversed = list.slice().reverse();
    const custom = list.slice();
    (custom as unknown as { [Symbol.iterator]: () => Iterator<unknown> })[Symbol.iterator] = () => reversed[Symbol.iterator]();
    expect(outcomeOf(() => fitBradleyTerry(custom as never))).toBe(outcomeOf(() => fitBradleyTerry(comparisonTable(reversed as never))));
    const proxy = new Proxy(list, {});
    expect(outcomeOf(() => fitBradleyTerry(proxy as never))).toBe(outcomeOf(() => fitBradleyTerry(comparisonTable(list as never))));
  });
});

describe('review 5: RatingIndex.nearest by two cursors (6007a6c)', () => {

  it('agrees with brute force from n = 0 up through adds, drains that empty and merge leaves, and counts past n − 1', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const r = rng(seed);
      const start = seed % 4 === 0 ? 0 : seed % 4 === 1 ? 1 + Math.floor(r() * 3) : Math.floor(r() * 400);
      const capacity = start + 200;
      const offsets = new Float64Array(capacity);
      const ties = Float64Array.from({ length: capacity }, () => (seed % 2 === 0 ? Math.floor(r() * 2 ** 32) / 2 ** 32 : Math.floor(r() * 4) / 4));
      const index = new RatingIndex({ offsets, tieKeys: ties, base: 0 }, start, QUANTUM);
      let n = start;
      // Only the first `count` entries are written: the rest keep this marker.
      const out = new Int32Array(capacity + 8);
      const check = (): void => {
        if (n === 0) return;
        const x = Math.floor(r() * n);
        for (const count of [0, 1, 2, 6, n - 1, n, n + 5]) {
          if (count < 0) continue;
          out.fill(-7);
          const found = index.nearest(x, count, out);
          expect(Array.from(out.subarray(0, found))).toEqual(bruteNearest(x, count, offsets, ties, n));
          expect(out.subarray(found).every((value) => value === -7)).toBe(true);
        }
      };
      for (let step = 0; step < 800; step++) {
        if ((n === 0 || r() < 0.05) && n < capacity) {
          offsets[n] = (Math.floor(r() * 200) - 100) * 2 ** 20 * QUANTUM;
          index.add(n++);
        } else if (seed % 3 === 0) {
          // Drain: datapoints in index order jump far up or down, emptying leaves that then merge.
          const y = step % n;
          offsets[y] = offsets[y]! + (step % 2 === 0 ? 1 : -1) * (1 + Math.floor(r() * 3)) * 2 ** 30 * QUANTUM;
          index.update(y);
        } else {
          const y = Math.floor(r() * n);
          const kind = r();
          const steps = kind < 0.3 ? Math.floor(r() * 7) - 3 : kind < 0.6 ? (Math.floor(r() * 81) - 40) * 2 ** 20 : (Math.floor(r() * 8_000_001) - 4_000_000) * 2 ** 20;
          offsets[y] = offsets[y]! + steps * QUANTUM;
          index.update(y);
        }
        if (step % 40 === 0) check();
      }
      check();
    }
  });
});
