/**
 * The {@link ComparisonTable} handle and the typed arrays behind it: one row per
 * datapoint and one per unordered pair that met, never an n × n matrix. This is all the
 * Bradley–Terry likelihood needs (Bradley & Terry, "Rank analysis of incomplete block
 * designs: I", Biometrika 39(3/4), 1952): per pair, the wins of each side, kept apart by
 * how the games were shown so that the position effect can be fitted too. The arrays
 * are kept in a private field of the table, out of the public API (not in a WeakMap: its
 * entries slowed the collection of every table, 5 µs a table of 5 comparisons).
 * @module
 */
import { RankingInputError } from '../errors.js';
import type { comparisonTable } from './comparisonTable.js';
import type { ComparisonTableBuilder } from './comparisonTableBuilder.js';

/**
 * Wins of the two datapoints of each pair, one slot per pair (draws add half a win to
 * each side). @internal
 */
export interface PairWins {
  /** Wins of the pair's lower-numbered datapoint. */
  readonly low: Float64Array;
  /** Wins of the pair's higher-numbered datapoint. */
  readonly high: Float64Array;
}

/** The arrays behind a {@link ComparisonTable}; read-only by convention. @internal */
export interface ComparisonTableData {
  /** Datapoint ids in order of first appearance; a datapoint's index is its position. */
  readonly ids: readonly string[];
  /** Weighted wins, losses and draws per datapoint (a draw counted whole here). */
  readonly wins: Float64Array;
  readonly losses: Float64Array;
  readonly draws: Float64Array;
  /** Number of distinct pairs that met. */
  readonly pairCount: number;
  /** The pair's datapoints, `low[k] < high[k]`. */
  readonly low: Int32Array;
  readonly high: Int32Array;
  /** Games from pair counts: which side each was shown on is unknown. */
  readonly unsided: PairWins;
  /** Records with the low datapoint on the left. */
  readonly lowLeft: PairWins;
  /** Records with the high datapoint on the left. */
  readonly highLeft: PairWins;
}

// The data {@link tableOf} is wrapping right now: the constructor takes no other.
let wrapping: ComparisonTableData | null = null;
// Reads a table's private data (set by the class's static block): undefined for anything else.
let readData: (table: object) => ComparisonTableData | undefined;

/**
 * Comparisons aggregated per pair, ready for `fitBradleyTerry`: build one with
 * {@link comparisonTable} or, from a stream, with {@link ComparisonTableBuilder}, then
 * fit it as often as needed (for example with different options) without re-reading
 * the comparisons. Memory is O(datapoints + distinct pairs).
 *
 * @example
 * ```ts
 * const table = comparisonTable(records);
 * const plain = fitBradleyTerry(table);
 * const withBias = fitBradleyTerry(table, { positionEffect: true });
 * ```
 */
export class ComparisonTable {
  /** Datapoint ids in order of first appearance (the order of the fit's entries). */
  readonly ids: readonly string[];
  /** How many distinct datapoints the comparisons name. */
  readonly datapointCount: number;
  /** How many distinct unordered pairs met at least once. */
  readonly pairCount: number;
  readonly #data: ComparisonTableData;

  static {
    readData = (table) => (#data in table ? table.#data : undefined);
  }

  /**
   * Not for callers: build a table with {@link comparisonTable} or
   * {@link ComparisonTableBuilder.build}, which check the comparisons first.
   * @throws {@link RankingInputError} always, when called directly.
   * @internal
   */
  constructor(data: ComparisonTableData) {
    if (wrapping === null || data !== wrapping) {
      throw new RankingInputError('ComparisonTable', 'is built by comparisonTable(comparisons) or new ComparisonTableBuilder().build(), not constructed directly');
    }
    this.ids = data.ids;
    this.datapointCount = data.ids.length;
    this.pairCount = data.pairCount;
    this.#data = data;
  }
}

/** A table over checked data: the one way the library makes a {@link ComparisonTable}. @internal */
export function tableOf(data: ComparisonTableData): ComparisonTable {
  wrapping = data;
  try {
    return new ComparisonTable(data);
  } finally {
    wrapping = null;
  }
}

/**
 * The arrays behind a table, or undefined for anything that is not a table made by this
 * module. @internal
 */
export function comparisonTableData(table: unknown): ComparisonTableData | undefined {
  return typeof table === 'object' && table !== null ? readData(table) : undefined;
}

/**
 * Each pair's wins of its lower and higher datapoint summed over every side (left,
 * right, unknown), draws included as halves; read-only. O(pairs). @internal
 */
export function pairTotals(data: ComparisonTableData): { readonly lowWins: Float64Array; readonly highWins: Float64Array } {
  const m = data.pairCount;
  const sides = [data.unsided, data.lowLeft, data.highLeft];
  // When the other sides hold no game (pair counts only, say), the sums are one side's
  // wins, bit for bit (0 + w + 0 + 0 is w for every w ≥ 0): no new arrays.
  const played = sides.filter((side) => hasGames(side, m));
  if (played.length <= 1) {
    const [only = data.unsided] = played;
    return { lowWins: only.low, highWins: only.high };
  }
  // The played sides only, in one pass when there are two (records: left and right), in
  // the same order of additions: a side without games adds +0, which changes no sum.
  const lowWins = new Float64Array(m);
  const highWins = new Float64Array(m);
  if (played.length === 2) {
    const [a, b] = played as [PairWins, PairWins];
    for (let k = 0; k < m; k++) {
      lowWins[k] = a.low[k]! + b.low[k]!;
      highWins[k] = a.high[k]! + b.high[k]!;
    }
    return { lowWins, highWins };
  }
  for (const side of played) {
    for (let k = 0; k < m; k++) {
      lowWins[k]! += side.low[k]!;
      highWins[k]! += side.high[k]!;
    }
  }
  return { lowWins, highWins };
}

// Whether some pair has a positive weight on this side.
function hasGames(side: PairWins, m: number): boolean {
  for (let k = 0; k < m; k++) if (side.low[k]! > 0 || side.high[k]! > 0) return true;
  return false;
}
