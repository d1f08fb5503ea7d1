/**
 * Reading comparisons for the bootstrap: one pass that builds the table and, beside it,
 * the resampling units, which keep draws apart from wins.
 * @internal
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { ComparisonTableBuilder } from './comparisonTableBuilder.js';
import type { ComparisonTable } from './comparisonTableData.js';
import type { Comparison } from './comparisonTypes.js';
import { DRAW, HIGH_LEFT, HIGH_WINS, LOW_LEFT, LOW_WINS, UNSIDED, UnitCollector, type Units } from './resamplingUnits.js';

/**
 * Reads the comparisons once, into the table (which validates each item) and, beside
 * it, the units, which keep draws apart from wins, numbering the datapoints as the
 * table does.
 * @internal
 */
export function readComparisons(comparisons: Iterable<Comparison>): { table: ComparisonTable; units: Units } {
  if (typeof comparisons !== 'object' || comparisons === null || typeof (comparisons as Partial<Iterable<unknown>>)[Symbol.iterator] !== 'function') {
    throw new RankingInputError('comparisons', `must be an array or another iterable of comparisons, got ${describeValue(comparisons)}`);
  }
  const builder = new ComparisonTableBuilder();
  const collector = new UnitCollector();
  let position = 0;
  for (const comparison of comparisons) {
    const game = builder.addItem(comparison, 'comparisons', position);
    position++;
    const i = game.firstIndex;
    const j = game.secondIndex;
    const firstIsLow = i < j;
    const low = Math.min(i, j);
    const high = Math.max(i, j);
    const group = game.sided ? (firstIsLow ? LOW_LEFT : HIGH_LEFT) : UNSIDED;
    collector.add(low, high, group * 3 + LOW_WINS, firstIsLow ? game.firstWins : game.secondWins);
    collector.add(low, high, group * 3 + HIGH_WINS, firstIsLow ? game.secondWins : game.firstWins);
    collector.add(low, high, group * 3 + DRAW, game.draws);
  }
  return { table: builder.build(), units: collector.build() };
}
