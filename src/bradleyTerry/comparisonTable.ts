/**
 * Comparisons validated and aggregated into a sparse {@link ComparisonTable}, the input
 * of the Bradley–Terry fits: the one-call entry point. The parts live beside it, each
 * citing its sources: the table and its arrays (`comparisonTableData.ts`), the
 * streaming builder (`comparisonTableBuilder.ts`), the check of one comparison
 * (`parseComparison.ts`) and the check that the maximum-likelihood scores are finite
 * (`infiniteScoreReason.ts`).
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { arrayComparisonTable } from './arrayComparisonTable.js';
import { ComparisonTableBuilder, requirePath, type MAX_DATAPOINT_WEIGHT } from './comparisonTableBuilder.js';
import type { ComparisonTable } from './comparisonTableData.js';
import type { Comparison } from './comparisonTypes.js';

export { ComparisonTableBuilder, MAX_DATAPOINT_WEIGHT } from './comparisonTableBuilder.js';
export type { ComparisonTableData, PairWins } from './comparisonTableData.js';
export { ComparisonTable, comparisonTableData } from './comparisonTableData.js';
export { infiniteScoreReason } from './infiniteScoreReason.js';

// Arrays this long and longer are read in passes over columns (arrayComparisonTable.ts).
const ARRAY_PASSES_FROM = 4096;

/**
 * Validates and aggregates comparisons into a {@link ComparisonTable}. Reads each item
 * once and keeps none of them, so any iterable works, including a generator over a file.
 * Runs in O(items) expected time and O(datapoints + distinct pairs) memory; an array of
 * at least 4 096 items is read into columns first (18–50 bytes per item while the table
 * is built, let go after; 1.6–3 times faster than item by item, the same table).
 *
 * @param comparisons - Records (`{ left, right, outcome, weight?, labelerId? }`) and
 *   pair counts (`{ a, b, aWins, bWins, draws? }`), in any mix.
 * @param path - How errors name the input; item `i` is `${path}[i]`.
 * @returns The table; the input is not modified.
 * @throws {@link RankingInputError} when the input is not iterable or `path` not a string, or an item is
 *   neither shape, has an unknown field, an empty id, the same datapoint on both
 *   sides, an unknown outcome, or a weight or count that is not 0 or in [2^-1022, 2^53];
 *   and when a datapoint's total weight would exceed {@link MAX_DATAPOINT_WEIGHT}.
 * @example
 * ```ts
 * const table = comparisonTable([
 *   { left: 'a', right: 'b', outcome: 'left' },
 *   { a: 'b', b: 'c', aWins: 3, bWins: 1 },
 * ]);
 * table.ids; // ['a', 'b', 'c']
 * table.pairCount; // 2
 * ```
 */
export function comparisonTable(comparisons: Iterable<Comparison>, path = 'comparisons'): ComparisonTable {
  return readComparisonTable(comparisons, path, true);
}

/**
 * {@link comparisonTable}; with `sides` false, for a fit without the position effect, a
 * long array of records of weight 1 keeps only each pair's totals over the sides (see
 * `arrayComparisonTable`): a fit gives the same numbers from it, bit for bit.
 * @internal
 */
export function readComparisonTable(comparisons: Iterable<Comparison>, path: string, sides: boolean): ComparisonTable {
  requirePath(path);
  // Strings are iterable too, but never a list of comparisons.
  if (typeof comparisons !== 'object' || comparisons === null || typeof (comparisons as Partial<Iterable<unknown>>)[Symbol.iterator] !== 'function') {
    throw new RankingInputError(path, `must be an array or another iterable of comparisons, got ${describeValue(comparisons)}`);
  }
  // A long array in passes over columns (the same table, faster); short ones and other
  // iterables item by item.
  if (Array.isArray(comparisons) && (comparisons as unknown[]).length >= ARRAY_PASSES_FROM) return arrayComparisonTable(comparisons as unknown[], path, sides);
  const builder = new ComparisonTableBuilder();
  // An array has at most as many distinct pairs as items: room for them all at once.
  if (Array.isArray(comparisons)) builder.reservePairs((comparisons as unknown[]).length);
  let index = 0;
  for (const comparison of comparisons) {
    builder.addItem(comparison, path, index);
    index++;
  }
  return builder.build();
}
