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

/** Everything a table holds, every number as its bytes: two tables are equal to the bit when these strings are. */
export function tableBits(table: ReturnType<typeof comparisonTable>): string {
  const d = comparisonTableData(table)!;
  const bits = (a: Float64Array | Int32Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
  return JSON.stringify({
    ids: d.ids,
    w: [d.wins, d.losses, d.draws].map(bits),
    m: d.pairCount,
    p: [d.low, d.high].map(bits),
    s: [d.unsided, d.lowLeft, d.highLeft].map((side) => [bits(side.low), bits(side.high)]),
  });
}
