/**
 * A batch's order by score, as plain data: by Elo rating, or by Bradley–Terry score with
 * 95% Wald intervals and the rank bounds they imply (`analyticIntervals`' rules).
 * @internal
 * @module
 */
import { confidenceMultiplier, rankBounds } from '../bradleyTerry/analyticIntervals.js';
import type { BatchFit } from './batchBradleyTerry.js';
import type { FlowResultEntry } from './flowTypes.js';

/** What a batch's result is read from: a block of offsets and counts (live or kept). */
export interface ResultColumns {
  readonly offsets: Float64Array;
  readonly wins: Int32Array;
  readonly losses: Int32Array;
  readonly draws: Int32Array;
}

/** Coverage of a Bradley–Terry result's intervals. */
const CONFIDENCE = 0.95;

/**
 * Entries by Elo rating (initialRating + offset) descending, equal scores in input order,
 * with competition ranks (1, 2, 2, 4). O(n log n).
 */
export function resultEntries(ids: readonly string[], columns: ResultColumns, base: number, initialRating: number): FlowResultEntry[] {
  const size = ids.length;
  const scores = new Float64Array(size);
  for (let i = 0; i < size; i++) scores[i] = initialRating + columns.offsets[base + i]!;
  return rankedEntries(ids, columns, base, scores, null);
}

/**
 * Entries by Bradley–Terry score descending (ties as for Elo), each with its standard
 * error, score ± z·SE (z = Φ⁻¹(0.975)) and its rank bounds. O(n log n).
 */
export function bradleyTerryEntries(ids: readonly string[], columns: ResultColumns, base: number, fit: BatchFit): FlowResultEntry[] {
  const { scores, standardErrors } = fit;
  const size = ids.length;
  const z = confidenceMultiplier(CONFIDENCE);
  const lower = new Float64Array(size);
  const upper = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    lower[i] = scores[i]! - z * standardErrors[i]!;
    upper[i] = scores[i]! + z * standardErrors[i]!;
  }
  const { best, worst } = rankBounds(lower, upper);
  return rankedEntries(ids, columns, base, scores, (i) => ({ standardError: standardErrors[i]!, lower: lower[i]!, upper: upper[i]!, bestRank: best[i]!, worstRank: worst[i]! }));
}

// Orders by score, ties in input order; `extra` adds fields to datapoint i's entry.
function rankedEntries(
  ids: readonly string[],
  columns: ResultColumns,
  base: number,
  scores: Float64Array,
  extra: ((i: number) => Partial<FlowResultEntry>) | null,
): FlowResultEntry[] {
  const size = ids.length;
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
    const entry: FlowResultEntry = { rank, datapoint: ids[i]!, score, wins, losses, draws, comparisons: wins + losses + draws };
    entries[position] = extra === null ? entry : { ...entry, ...extra(i) };
  }
  return entries;
}
