import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparisonTable } from '../../src/bradleyTerry/comparisonTable.js';
import type { Comparison, ComparisonOutcome, ComparisonRecord, PairCounts } from '../../src/bradleyTerry/comparisonTypes.js';
import { fitBradleyTerry } from '../../src/bradleyTerry/fitBradleyTerry.js';
import { MAX_WIN_MATRIX_DATAPOINTS, winMatrix } from '../../src/bradleyTerry/winMatrix.js';
import { deepFreeze, expectInputError } from '../helpers.js';

describe('winMatrix', () => {
  it('counts a hand example with draws, weights and pair counts', () => {
    const comparisons: Comparison[] = [
      { left: 'x', right: 'y', outcome: 'left' }, // x beats y: 1
      { left: 'y', right: 'x', outcome: 'draw', weight: 2 }, // two draws: 1 win each
      { a: 'y', b: 'z', aWins: 3, bWins: 1 }, // y beats z 3 times, z beats y once
      { left: 'w', right: 'z', outcome: 'right', weight: 0.5 }, // z beats w: half a game
      { a: 'z', b: 'x', aWins: 0, bWins: 2, draws: 1 }, // x beats z 2 + ½, z beats x ½
    ];
    const { datapoints, wins } = winMatrix(deepFreeze(comparisons));
    expect(datapoints).toEqual(['x', 'y', 'z', 'w']);
    expect(wins).toEqual([
      // x    y    z    w
      [0, 2, 2.5, 0], // x
      [1, 0, 3, 0], // y
      [0.5, 1, 0, 0.5], // z
      [0, 0, 0, 0], // w
    ]);
  });

  it('reproduces the documented example', () => {
    const result = winMatrix([
      { left: 'x', right: 'y', outcome: 'left' },
      { left: 'y', right: 'x', outcome: 'draw', weight: 2 },
      { a: 'y', b: 'z', aWins: 3, bWins: 1 },
    ]);
    expect(result).toEqual({
      datapoints: ['x', 'y', 'z'],
      wins: [
        [0, 2, 0],
        [1, 0, 3],
        [0, 1, 0],
      ],
    });
  });

  it('gives the same matrix from a ComparisonTable, and plain JSON-safe data', () => {
    const comparisons: Comparison[] = [
      { left: 'a', right: 'b', outcome: 'right', weight: 3 },
      { a: 'b', b: 'c', aWins: 1, bWins: 2, draws: 4 },
    ];
    const result = winMatrix(comparisonTable(comparisons));
    expect(result).toEqual(winMatrix(comparisons));
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('gives an empty matrix for no comparisons', () => {
    expect(winMatrix([])).toEqual({ datapoints: [], wins: [] });
  });

  const ID_POOL = ['a', 'b', 'c', 'd', '__proto__', 'constructor'];
  type TestRecord = ComparisonRecord & { readonly weight: number };
  type TestCounts = PairCounts & { readonly draws: number };
  const comparisonArbitrary: fc.Arbitrary<TestRecord | TestCounts> = fc.oneof(
    fc
      .record({
        left: fc.constantFrom(...ID_POOL),
        right: fc.constantFrom(...ID_POOL),
        outcome: fc.constantFrom<ComparisonOutcome>('left', 'right', 'draw'),
        weight: fc.constantFrom(1, 2, 0.5, 0),
      })
      .filter((record) => record.left !== record.right),
    fc
      .record({
        a: fc.constantFrom(...ID_POOL),
        b: fc.constantFrom(...ID_POOL),
        aWins: fc.integer({ min: 0, max: 5 }),
        bWins: fc.integer({ min: 0, max: 5 }),
        draws: fc.integer({ min: 0, max: 3 }),
      })
      .filter((counts) => counts.a !== counts.b),
  );

  it('agrees with a direct count, and its rows add up to the fit’s wins plus half the draws', () => {
    fc.assert(
      fc.property(fc.array(comparisonArbitrary, { minLength: 1, maxLength: 30 }), (comparisons) => {
        const { datapoints, wins } = winMatrix(deepFreeze(comparisons));
        const expected = new Map<string, number>();
        const add = (winner: string, loser: string, amount: number): void => {
          const key = JSON.stringify([winner, loser]);
          expected.set(key, (expected.get(key) ?? 0) + amount);
        };
        for (const item of comparisons) {
          if ('left' in item) {
            if (item.outcome === 'left') add(item.left, item.right, item.weight);
            else if (item.outcome === 'right') add(item.right, item.left, item.weight);
            else {
              add(item.left, item.right, item.weight / 2);
              add(item.right, item.left, item.weight / 2);
            }
          } else {
            add(item.a, item.b, item.aWins + item.draws / 2);
            add(item.b, item.a, item.bWins + item.draws / 2);
          }
        }
        datapoints.forEach((winner, i) => {
          expect(wins[i]![i]).toBe(0);
          datapoints.forEach((loser, j) => {
            if (i !== j) expect(wins[i]![j]).toBeCloseTo(expected.get(JSON.stringify([winner, loser])) ?? 0, 12);
          });
        });
        const fit = fitBradleyTerry(comparisons);
        fit.entries.forEach((entry, i) => {
          expect(entry.datapoint).toBe(datapoints[i]);
          const rowSum = wins[i]!.reduce((sum, value) => sum + value, 0);
          expect(rowSum).toBeCloseTo(entry.wins + entry.draws / 2, 12);
        });
      }),
    );
  });

  it(`refuses more than ${MAX_WIN_MATRIX_DATAPOINTS} datapoints`, () => {
    const chain = (n: number): PairCounts[] => Array.from({ length: n - 1 }, (_, i) => ({ a: `d${i}`, b: `d${i + 1}`, aWins: 1, bWins: 0 }));
    expect(winMatrix(chain(3)).datapoints).toEqual(['d0', 'd1', 'd2']);
    const error = expectInputError(() => winMatrix(comparisonTable(chain(MAX_WIN_MATRIX_DATAPOINTS + 1))), 'comparisons');
    expect(error.message).toContain(`${MAX_WIN_MATRIX_DATAPOINTS + 1} datapoints`);
  });

  it('rejects bad comparisons, naming the field', () => {
    expectInputError(
      () =>
        winMatrix([
          { left: 'a', right: 'b', outcome: 'left' },
          { a: 'a', b: 'c', aWins: 1, bWins: 1 },
          { left: 'a', right: 'b', outcome: 'win' as never },
        ]),
      'comparisons[2].outcome',
    );
    expectInputError(() => winMatrix('ab' as never), 'comparisons');
    expectInputError(() => winMatrix([{ left: 'a', right: 'b', outcome: 'left', extra: 1 } as never]), 'comparisons[0].extra');
    expectInputError(() => winMatrix(Object.create(comparisonTable([]).constructor.prototype)), 'comparisons');
  });
});
