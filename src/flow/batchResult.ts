/**
 * A batch's order by Elo rating, as plain data.
 * @internal
 * @module
 */
import type { FlowResultEntry } from './flowTypes.js';

/** What a batch's result is read from: a block of offsets and counts (live or kept). */
export interface ResultColumns {
  readonly offsets: Float64Array;
  readonly wins: Int32Array;
  readonly losses: Int32Array;
  readonly draws: Int32Array;
}

/**
 * Entries by score (initialRating + offset) descending, equal scores in input order, with
 * competition ranks (1, 2, 2, 4). O(n log n).
 */
export function resultEntries(ids: readonly string[], columns: ResultColumns, base: number, initialRating: number): FlowResultEntry[] {
  const size = ids.length;
  const scores = new Float64Array(size);
  for (let i = 0; i < size; i++) scores[i] = initialRating + columns.offsets[base + i]!;
  const order = Array.from({ length: size }, (_, i) => i);
  // On the reported scores, so ranks and ties match what is shown.
  order.sort((a, b) => scores[b]! - scores[a]! || a - b);
  const entries = new Array<FlowResultEntry>(size);
  let rank = 1;
  for (let position = 0; position < size; position++) {
    const i = order[position]!;
    const score = scores[i]!;
    if (position > 0 && score !== scores[order[position - 1]!]) rank = position + 1;
    const wins = columns.wins[base + i]!;
    const losses = columns.losses[base + i]!;
    const draws = columns.draws[base + i]!;
    entries[position] = { rank, datapoint: ids[i]!, score, wins, losses, draws, comparisons: wins + losses + draws };
  }
  return entries;
}
