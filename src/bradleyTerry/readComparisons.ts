/**
 * Reading comparisons for the bootstrap: one pass that builds the table and, beside it,
 * the resampling units, which keep draws apart from wins.
 * @internal
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { ownValue } from '../validate.js';
import { ComparisonTableBuilder } from './comparisonTableBuilder.js';
import type { ComparisonTable } from './comparisonTableData.js';
import type { Comparison } from './comparisonTypes.js';
import { DRAW, HIGH_LEFT, HIGH_WINS, LOW_LEFT, LOW_WINS, UNSIDED, UnitCollector, type Units } from './resamplingUnits.js';

/**
 * Reads the comparisons once, into the table (which validates each item) and, beside
 * it, the units, which keep draws apart from wins. Ids get the same indices as in the
 * table: both number a datapoint by its first appearance, first side first.
 * @internal
 */
export function readComparisons(comparisons: Iterable<Comparison>): { table: ComparisonTable; units: Units } {
  if (typeof comparisons !== 'object' || comparisons === null || typeof (comparisons as Partial<Iterable<unknown>>)[Symbol.iterator] !== 'function') {
    throw new RankingInputError('comparisons', `must be an array or another iterable of comparisons, got ${describeValue(comparisons)}`);
  }
  const builder = new ComparisonTableBuilder();
  const indexOf = new Map<string, number>();
  const intern = (id: string): number => {
    let index = indexOf.get(id);
    if (index === undefined) {
      index = indexOf.size;
      indexOf.set(id, index);
    }
    return index;
  };
  const collector = new UnitCollector();
  let position = 0;
  for (const comparison of comparisons) {
    builder.add(comparison, `comparisons[${position}]`);
    position++;
    const game = validatedGame(comparison as unknown as Record<string, unknown>);
    const i = intern(game.first);
    const j = intern(game.second);
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

interface Game {
  readonly first: string;
  readonly second: string;
  readonly sided: boolean;
  readonly firstWins: number;
  readonly secondWins: number;
  readonly draws: number;
}

// The fields of an item the table builder has just accepted, so their types are known.
function validatedGame(object: Record<string, unknown>): Game {
  const has = (key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);
  if (has('left') || has('right') || has('outcome')) {
    const weight = (ownValue(object, 'weight') as number | undefined) ?? 1;
    const outcome = ownValue(object, 'outcome');
    return {
      first: ownValue(object, 'left') as string,
      second: ownValue(object, 'right') as string,
      sided: true,
      firstWins: outcome === 'left' ? weight : 0,
      secondWins: outcome === 'right' ? weight : 0,
      draws: outcome === 'draw' ? weight : 0,
    };
  }
  return {
    first: ownValue(object, 'a') as string,
    second: ownValue(object, 'b') as string,
    sided: false,
    firstWins: ownValue(object, 'aWins') as number,
    secondWins: ownValue(object, 'bWins') as number,
    draws: (ownValue(object, 'draws') as number | undefined) ?? 0,
  };
}
