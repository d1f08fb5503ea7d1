/**
 * The battles in scope (all, or those on the prompts of one tag) summed per pair of
 * models and per model: what the fits, the win rates and the counts of the standings
 * read. Sums of whole battles are exact, and the fit's input is put in an order set by
 * the model ids alone, so everything computed from them is the same whatever order the
 * battles came in.
 * @internal
 * @module
 */
import type { PairCounts } from '../bradleyTerry/comparisonTypes.js';
import { BOTH_BAD, DRAW, LEFT, RIGHT, type BattleLog } from './battleLog.js';

/** Battle totals per pair (low < high, model numbers) and per model. @internal */
export interface PairTotals {
  /** Battles in scope. */
  readonly battles: number;
  /** Per pair: its models and the wins of each, and its ties (both kinds). */
  readonly low: Int32Array;
  readonly high: Int32Array;
  readonly lowWins: Float64Array;
  readonly highWins: Float64Array;
  readonly ties: Float64Array;
  /** Per model (all models, rated or not): its counts in scope. */
  readonly wins: Float64Array;
  readonly losses: Float64Array;
  readonly draws: Float64Array;
  readonly bothBad: Float64Array;
}

/**
 * Sums the battles whose prompt is in scope (`inScope` null: every battle, those
 * without a prompt too). O(battles + pairs log pairs).
 * @internal
 */
export function pairTotals(log: BattleLog, modelCount: number, inScope: Uint8Array | null): PairTotals {
  const slotOf = new Map<number, number>();
  const keys: number[] = [];
  const lowWins: number[] = [];
  const highWins: number[] = [];
  const ties: number[] = [];
  const wins = new Float64Array(modelCount);
  const losses = new Float64Array(modelCount);
  const draws = new Float64Array(modelCount);
  const bothBad = new Float64Array(modelCount);
  let battles = 0;
  for (let k = 0; k < log.size; k++) {
    const prompt = log.prompt[k]!;
    if (inScope !== null && (prompt < 0 || inScope[prompt] !== 1)) continue;
    battles++;
    const left = log.left[k]!;
    const right = log.right[k]!;
    const outcome = log.outcome[k]!;
    const low = Math.min(left, right);
    const high = Math.max(left, right);
    // Exact as a double below 2^26 models.
    const key = low * modelCount + high;
    let slot = slotOf.get(key);
    if (slot === undefined) {
      slot = keys.length;
      slotOf.set(key, slot);
      keys.push(key);
      lowWins.push(0);
      highWins.push(0);
      ties.push(0);
    }
    if (outcome === DRAW || outcome === BOTH_BAD) {
      ties[slot]!++;
      (outcome === DRAW ? draws : bothBad)[left]!++;
      (outcome === DRAW ? draws : bothBad)[right]!++;
    } else {
      const winner = outcome === LEFT ? left : right;
      const loser = outcome === RIGHT ? left : right;
      wins[winner]!++;
      losses[loser]!++;
      if (winner === low) lowWins[slot]!++;
      else highWins[slot]!++;
    }
  }
  const order = keys.map((_, slot) => slot).sort((s, t) => keys[s]! - keys[t]!);
  return {
    battles,
    low: Int32Array.from(order, (slot) => Math.floor(keys[slot]! / modelCount)),
    high: Int32Array.from(order, (slot) => keys[slot]! % modelCount),
    lowWins: Float64Array.from(order, (slot) => lowWins[slot]!),
    highWins: Float64Array.from(order, (slot) => highWins[slot]!),
    ties: Float64Array.from(order, (slot) => ties[slot]!),
    wins,
    losses,
    draws,
    bothBad,
  };
}

/**
 * The totals as pair counts for the Bradley–Terry fit (a tie half a win each), each
 * pair as (smaller id, larger id) and the pairs sorted by those ids (UTF-16 code
 * units): the fit then sees the same input, bit for bit, whatever order the models were
 * numbered in (the order they first appeared), so it does not depend on battle order at
 * all. O(pairs log pairs). @internal
 */
export function pairCountsOf(totals: PairTotals, modelIds: readonly string[]): PairCounts[] {
  const counts: PairCounts[] = [];
  for (let k = 0; k < totals.low.length; k++) {
    const low = modelIds[totals.low[k]!]!;
    const high = modelIds[totals.high[k]!]!;
    const ties = totals.ties[k]!;
    counts.push(low < high ? { a: low, b: high, aWins: totals.lowWins[k]!, bWins: totals.highWins[k]!, draws: ties } : { a: high, b: low, aWins: totals.highWins[k]!, bWins: totals.lowWins[k]!, draws: ties });
  }
  return counts.sort((x, y) => (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0));
}
