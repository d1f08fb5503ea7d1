/**
 * A ranking's current order, as plain data.
 * @internal
 * @module
 */
import type { RankingResult, RankingResultEntry } from '../job/types.js';
import type { RankingState } from '../state/rankingState.js';

/**
 * Entries by score descending, equal scores in input order, with competition ranks
 * (1, 2, 2, 4). Scores are Elo ratings: initialRating + offset. `responses`: those of the
 * ranking's completed matchups. O(n log n).
 */
export function rankingResult(state: RankingState, ranking: number, responses: number, initialRating: number): RankingResult {
  const scores = new Float64Array(state.size);
  for (let i = 0; i < state.size; i++) scores[i] = initialRating + state.offsets[i]!;
  return { ranking, comparisons: state.completed, responses, entries: rankedEntries(state, scores, null) };
}

/**
 * A ranking's entries by `scores` descending, equal scores in input order, with
 * competition ranks and the matchup counts, plus what `extra` adds per datapoint.
 * O(n log n). @internal
 */
export function rankedEntries(
  state: RankingState,
  scores: Float64Array,
  extra: ((i: number) => Partial<RankingResultEntry>) | null,
): RankingResultEntry[] {
  const { ids, wins, losses, draws, size } = state;
  const order = Array.from({ length: size }, (_, i) => i);
  // Sorting on the reported scores (not the offsets) keeps ranks and ties consistent with
  // what is shown even when adding the initial rating rounds two offsets together.
  order.sort((a, b) => scores[b]! - scores[a]! || a - b);
  const entries: RankingResultEntry[] = new Array<RankingResultEntry>(size);
  let rank = 1;
  for (let position = 0; position < size; position++) {
    const i = order[position]!;
    const score = scores[i]!;
    if (position > 0 && score !== entries[position - 1]!.score) rank = position + 1;
    entries[position] = {
      rank,
      datapoint: ids[i]!,
      score,
      wins: wins[i]!,
      losses: losses[i]!,
      draws: draws[i]!,
      comparisons: wins[i]! + losses[i]! + draws[i]!,
      ...(extra === null ? {} : extra(i)),
    };
  }
  return entries;
}
