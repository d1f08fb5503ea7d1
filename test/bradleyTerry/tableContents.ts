// Test helper: everything a comparison table holds, as plain data, so two tables can be
// compared with toEqual.
import { type comparisonTable, comparisonTableData } from '../../src/bradleyTerry/comparisonTable.js';

/** Everything a table holds, as plain data. */
export function tableContents(table: ReturnType<typeof comparisonTable>): unknown {
  const data = comparisonTableData(table)!;
  const side = (wins: { low: Float64Array; high: Float64Array }) => [Array.from(wins.low), Array.from(wins.high)];
  return {
    ids: [...data.ids],
    wins: Array.from(data.wins),
    losses: Array.from(data.losses),
    draws: Array.from(data.draws),
    pairs: Array.from(data.low).map((low, k) => [low, data.high[k]]),
    unsided: side(data.unsided),
    lowLeft: side(data.lowLeft),
    highLeft: side(data.highLeft),
  };
}
