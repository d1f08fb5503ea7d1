// The table of a long array, built in passes over columns (arrayComparisonTable.ts), must be
// the builder's table to the bit: the same ids, the pairs in the same order, every sum the
// same double; and a bad item must be refused with the builder's error.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrayComparisonTable } from '../../src/bradleyTerry/arrayComparisonTable.js';
import { ComparisonTableBuilder, comparisonTable, comparisonTableData } from '../../src/bradleyTerry/comparisonTable.js';
import { pairTotals } from '../../src/bradleyTerry/comparisonTableData.js';
import type { Comparison } from '../../src/bradleyTerry/comparisonTypes.js';
import { fitBradleyTerry } from '../../src/bradleyTerry/fitBradleyTerry.js';
import { RankingInputError } from '../../src/errors.js';
import { randomRecords } from './randomRecords.js';
import { tableContents } from './tableContents.js';

function builderTable(items: readonly unknown[]) {
  const builder = new ComparisonTableBuilder();
  items.forEach((item, index) => builder.addItem(item, 'comparisons', index));
  return builder.build();
}

// Ids from a small alphabet (so pairs repeat), "__proto__" and "constructor" among them.
const id = fc.constantFrom('a', 'b', 'c', 'd', 'e', '__proto__', 'constructor', 'x y', 'é');
const weight = fc.oneof(fc.constant(1), fc.constant(0), fc.double({ min: 2 ** -20, max: 2 ** 20, noNaN: true }));
const record = fc
  .record({ left: id, right: id, outcome: fc.constantFrom('left', 'right', 'draw'), weight, labelerId: fc.constantFrom(undefined, 'l1') })
  .filter(({ left, right }) => left !== right)
  .map(({ weight: w, labelerId, ...rest }) => ({ ...rest, ...(w === 1 ? {} : { weight: w }), ...(labelerId === undefined ? {} : { labelerId }) }));
const pairCounts = fc
  .record({ a: id, b: id, aWins: fc.nat(5), bWins: fc.nat(5), draws: fc.oneof(fc.constant(undefined), fc.double({ min: 0.25, max: 3, noNaN: true })) })
  .filter(({ a, b }) => a !== b)
  .map(({ draws, ...rest }) => (draws === undefined ? rest : { ...rest, draws }));

describe('arrayComparisonTable', () => {
  it('equals the builder’s table for any mix of records and pair counts (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(record, pairCounts), { maxLength: 80 }), (items) => {
        expect(tableContents(arrayComparisonTable(items, 'comparisons'))).toEqual(tableContents(builderTable(items)));
      }),
      { numRuns: 400 },
    );
  });

  it('equals the builder’s table on 20 000 weighted records with draws, and fits the same to the bit', () => {
    const items = randomRecords('array table', 300, 20_000);
    const fromColumns = arrayComparisonTable(items, 'comparisons');
    const fromBuilder = builderTable(items);
    expect(tableContents(fromColumns)).toEqual(tableContents(fromBuilder));
    expect(fitBradleyTerry(fromColumns, { positionEffect: true })).toEqual(fitBradleyTerry(fromBuilder, { positionEffect: true }));
    // comparisonTable takes this path from 4 096 items.
    expect(tableContents(comparisonTable(items))).toEqual(tableContents(fromBuilder));
  });

  it('equals the builder’s table past 65 536 pairs, where the pairs are put in order by radix passes', () => {
    const items = randomRecords('array table radix', 3000, 90_000);
    const fromColumns = arrayComparisonTable(items, 'comparisons');
    expect(fromColumns.pairCount).toBeGreaterThan(2 ** 16);
    expect(tableContents(fromColumns)).toEqual(tableContents(builderTable(items)));
    // Records of weight 1 only: every item's amounts come from its code.
    const unit = items.map(({ left, right, outcome }) => ({ left, right, outcome }));
    expect(tableContents(arrayComparisonTable(unit, 'comparisons'))).toEqual(tableContents(builderTable(unit)));
  });

  it('with the sides merged (a fit without the position effect), keeps each pair’s totals over the sides, bit for bit, when every item is a record of weight 1 (property)', () => {
    const unitRecord = fc
      .record({ left: id, right: id, outcome: fc.constantFrom('left', 'right', 'draw') })
      .filter(({ left, right }) => left !== right);
    fc.assert(
      fc.property(fc.array(unitRecord, { maxLength: 80 }), (items) => {
        type Contents = { pairs: unknown[]; unsided: unknown; lowLeft: unknown; highLeft: unknown };
        const merged = tableContents(arrayComparisonTable(items, 'comparisons', false)) as Contents;
        const full = builderTable(items);
        const { lowWins, highWins } = pairTotals(comparisonTableData(full)!);
        const expected = tableContents(full) as Contents;
        expect(merged.unsided).toEqual([Array.from(lowWins), Array.from(highWins)]);
        const zero = expected.pairs.map(() => 0);
        expect(merged.lowLeft).toEqual([zero, zero]);
        expect(merged.highLeft).toEqual([zero, zero]);
        expect({ ...merged, unsided: null, lowLeft: null, highLeft: null }).toEqual({ ...expected, unsided: null, lowLeft: null, highLeft: null });
      }),
      { numRuns: 300 },
    );
    // Any other item (a weight, pair counts) keeps the sides: the table is the builder's.
    const weighted = [{ left: 'a', right: 'b', outcome: 'left', weight: 0.1 }, { left: 'b', right: 'a', outcome: 'left' }];
    expect(tableContents(arrayComparisonTable(weighted, 'comparisons', false))).toEqual(tableContents(builderTable(weighted)));
  });

  it('fitBradleyTerry of a long array of records fits the merged table to the same numbers, bit for bit, as the full one', () => {
    const unit = randomRecords('array table merged', 400, 30_000).map(({ left, right, outcome }) => ({ left, right, outcome }));
    const full = comparisonTable(unit);
    expect(fitBradleyTerry(unit)).toEqual(fitBradleyTerry(full));
    expect(fitBradleyTerry(unit, { prior: 0.5 })).toEqual(fitBradleyTerry(full, { prior: 0.5 }));
    // With the position effect the fit keeps the sides (and γ).
    expect(fitBradleyTerry(unit, { positionEffect: true })).toEqual(fitBradleyTerry(full, { positionEffect: true }));
  });

  it('refuses the item the builder refuses, with its error, and reads each item once', () => {
    const items: unknown[] = randomRecords('array table errors', 20, 5000);
    items[4321] = { left: 'd1', right: 'd1', outcome: 'left' };
    const error = (build: () => unknown): RankingInputError => {
      try {
        build();
      } catch (thrown) {
        return thrown as RankingInputError;
      }
      throw new Error('did not throw');
    };
    const expected = error(() => builderTable(items));
    const actual = error(() => comparisonTable(items as Comparison[]));
    expect(actual).toBeInstanceOf(RankingInputError);
    expect(actual.path).toBe('comparisons[4321].right');
    expect(actual.message).toBe(expected.message);

    // A datapoint whose total weight would pass 2^53, named as the builder names it.
    const heavy: unknown[] = Array.from({ length: 4096 }, (_, k) => ({ left: `p${k % 7}`, right: `q${k % 5}`, outcome: 'left' }));
    heavy[4000] = { left: 'p0', right: 'z', outcome: 'left', weight: 2 ** 53 };
    const heavyExpected = error(() => builderTable(heavy));
    const heavyActual = error(() => comparisonTable(heavy as Comparison[]));
    expect(heavyActual.path).toBe('comparisons[4000]');
    expect(heavyActual.message).toBe(heavyExpected.message);

    // Getters run once per item, as in the builder.
    let reads = 0;
    const counted = Array.from({ length: 4096 }, (_, k) => ({
        get left() {
          reads++;
          return `d${k % 9}`;
        },
        right: 'r',
        outcome: 'left',
      }));
    comparisonTable(counted as Comparison[]);
    expect(reads).toBe(4096);
  });

  it('follows an array’s own iterator, as the builder does', () => {
    const items = randomRecords('array table iterator', 30, 4096);
    const shown = items.slice(0, 5000);
    Object.defineProperty(shown, Symbol.iterator, { value: () => items.slice(0, 10)[Symbol.iterator]() });
    expect(tableContents(comparisonTable(shown))).toEqual(tableContents(builderTable(items.slice(0, 10))));
  });
});
