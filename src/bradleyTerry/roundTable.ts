/**
 * The table every bootstrap round refits, allocated once and overwritten in place.
 * @internal
 * @module
 */
import { tableOf, type ComparisonTable } from './comparisonTableData.js';
import type { Units } from './resamplingUnits.js';

// Above this many games, drawing each of them every round would cost more than the
// Bayesian bootstrap's one Gamma draw per cell, and the two are indistinguishable.
const MAX_RESAMPLED_GAMES = 2 ** 20;

/** The table every round refits, its arrays overwritten in place each round. @internal */
export interface RoundTable {
  readonly table: ComparisonTable;
  readonly wins: Float64Array;
  readonly losses: Float64Array;
  readonly draws: Float64Array;
  /** [unsided, low-left, high-left] × [low's wins, high's wins], as in the table. */
  readonly columns: readonly Float64Array[];
  /** Per unit, its weight in this round. */
  readonly weights: Float64Array;
  /** Per game, its unit, for multinomial rounds; null for Bayesian ones. */
  readonly drawn: Int32Array | null;
}

/**
 * An empty round table over the pairs of `units` and, when every weight is a whole
 * number and there are at most 2^20 games, the list of games a multinomial round draws
 * from. O(n + pairs + units + games).
 * @internal
 */
export function roundTable(ids: readonly string[], units: Units): RoundTable {
  const n = ids.length;
  const pairCount = units.low.length;
  const columns = Array.from({ length: 6 }, () => new Float64Array(pairCount));
  const wins = new Float64Array(n);
  const losses = new Float64Array(n);
  const draws = new Float64Array(n);
  const table = tableOf({
    ids,
    wins,
    losses,
    draws,
    pairCount,
    low: units.low,
    high: units.high,
    unsided: { low: columns[0]!, high: columns[1]! },
    lowLeft: { low: columns[2]!, high: columns[3]! },
    highLeft: { low: columns[4]!, high: columns[5]! },
  });
  let games = 0;
  let whole = true;
  for (const weight of units.weight) {
    games += weight;
    whole &&= Number.isInteger(weight);
  }
  let drawn: Int32Array | null = null;
  if (whole && games <= MAX_RESAMPLED_GAMES) {
    drawn = new Int32Array(games);
    let game = 0;
    units.weight.forEach((weight, unit) => {
      drawn!.fill(unit, game, game + weight);
      game += weight;
    });
  }
  return { table, wins, losses, draws, columns, weights: new Float64Array(units.weight.length), drawn };
}
