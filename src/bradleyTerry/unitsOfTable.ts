/**
 * Resampling units recovered from a {@link ComparisonTable}, which has already split
 * each draw into half a win for each side.
 * @internal
 * @module
 */
import { RankingInputError } from '../errors.js';
import { comparisonTableData, type ComparisonTable, type ComparisonTableData } from './comparisonTableData.js';
import { DRAW, HIGH_WINS, LOW_WINS, UnitCollector, type Units } from './resamplingUnits.js';

/**
 * Units from a table, where each draw was split into half a win per side: a cell whose
 * two sides both end in a half is read as one draw plus whole wins, any other as wins
 * only (the fewest draws the halves allow).
 * @internal
 */
export function unitsOfTable(table: ComparisonTable): Units {
  const data = tableData(table);
  const collector = new UnitCollector();
  const groups = [data.unsided, data.lowLeft, data.highLeft] as const;
  for (let k = 0; k < data.pairCount; k++) {
    const low = data.low[k]!;
    const high = data.high[k]!;
    groups.forEach((side, group) => {
      const lowWins = side.low[k]!;
      const highWins = side.high[k]!;
      const drawn = lowWins % 1 === 0.5 && highWins % 1 === 0.5 ? 1 : 0;
      collector.add(low, high, group * 3 + LOW_WINS, lowWins - drawn / 2);
      collector.add(low, high, group * 3 + HIGH_WINS, highWins - drawn / 2);
      collector.add(low, high, group * 3 + DRAW, drawn);
    });
  }
  return collector.build();
}

function tableData(table: ComparisonTable): ComparisonTableData {
  const data = comparisonTableData(table);
  if (data === undefined) throw new RankingInputError('comparisons', 'must be a ComparisonTable built by this library');
  return data;
}
