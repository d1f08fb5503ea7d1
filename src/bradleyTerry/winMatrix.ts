/**
 * The wins of every datapoint over every other as a dense matrix, the usual way to show
 * pairwise data (for example the win-fraction heat map of the Chatbot Arena leaderboard)
 * and the input format of many other Bradley–Terry implementations. It is read straight
 * off the sparse {@link ComparisonTable}.
 * @module
 */
import { RankingInputError } from '../errors.js';
import { ComparisonTable, comparisonTable, comparisonTableData } from './comparisonTable.js';
import type { Comparison } from './comparisonTypes.js';

/**
 * Most datapoints {@link winMatrix} accepts: the matrix has n² numbers, so 5 000
 * datapoints already make 25 million (about 200 MB as JavaScript arrays).
 */
export const MAX_WIN_MATRIX_DATAPOINTS = 5000;

/** The result of {@link winMatrix}: plain, JSON-safe data. */
export interface WinMatrix {
  /** The datapoints in order of first appearance in the comparisons; row and column i is `datapoints[i]`. */
  readonly datapoints: string[];
  /**
   * `wins[i][j]`: the weighted games `datapoints[i]` won against `datapoints[j]`, a draw
   * counting half a win for each side. The diagonal is 0, and `wins[i][j] + wins[j][i]`
   * is the total weight of their games.
   */
  readonly wins: number[][];
}

/**
 * Counts the wins of every datapoint over every other, draws as half a win for each
 * side and weights as given (a record of weight 2 counts two games).
 *
 * The matrix is dense: O(n²) time and memory plus O(items) to read the comparisons, so
 * it is refused above {@link MAX_WIN_MATRIX_DATAPOINTS} datapoints. The sparse
 * {@link ComparisonTable} (O(datapoints + pairs)) is what the fits use.
 *
 * @param comparisons - Records `{ left, right, outcome, weight? }` and/or pair counts
 *   `{ a, b, aWins, bWins, draws? }` (any iterable, read once), or a
 *   {@link ComparisonTable} built earlier.
 * @returns The datapoints and the n × n matrix of wins; the input is not modified. No
 *   comparisons give an empty matrix.
 * @throws {@link RankingInputError} for a bad comparison (`comparisons[2].outcome`, …)
 *   as `comparisonTable` does, for a table not built by this library, and at `comparisons`
 *   when they name more than {@link MAX_WIN_MATRIX_DATAPOINTS} datapoints.
 * @example
 * ```ts
 * const { datapoints, wins } = winMatrix([
 *   { left: 'x', right: 'y', outcome: 'left' },
 *   { left: 'y', right: 'x', outcome: 'draw', weight: 2 },
 *   { a: 'y', b: 'z', aWins: 3, bWins: 1 },
 * ]);
 * datapoints; // ['x', 'y', 'z']
 * wins; // [[0, 2, 0], [1, 0, 3], [0, 1, 0]]
 * ```
 */
export function winMatrix(comparisons: Iterable<Comparison> | ComparisonTable): WinMatrix {
  const table = comparisons instanceof ComparisonTable ? comparisons : comparisonTable(comparisons);
  const data = comparisonTableData(table);
  if (data === undefined) throw new RankingInputError('comparisons', 'must be a ComparisonTable built by this library');
  const n = data.ids.length;
  if (n > MAX_WIN_MATRIX_DATAPOINTS) {
    throw new RankingInputError(
      'comparisons',
      `name ${n} datapoints, but winMatrix builds a dense n × n matrix and accepts at most ${MAX_WIN_MATRIX_DATAPOINTS}; ` +
        'a ComparisonTable holds the same counts sparsely',
    );
  }
  const wins = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const { low, high, unsided, lowLeft, highLeft } = data;
  for (let k = 0; k < data.pairCount; k++) {
    const i = low[k]!;
    const j = high[k]!;
    // The table already splits each draw into half a win per side.
    wins[i]![j]! += unsided.low[k]! + lowLeft.low[k]! + highLeft.low[k]!;
    wins[j]![i]! += unsided.high[k]! + lowLeft.high[k]! + highLeft.high[k]!;
  }
  return { datapoints: data.ids.slice(), wins };
}
