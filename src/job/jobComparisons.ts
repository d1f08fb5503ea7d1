/**
 * A job's completed matchups as comparison records, the input of `fitBradleyTerry`.
 * @internal
 * @module
 */
import type { VoteAggregation } from '../definition/types.js';
import { matchupIdOf } from './matchupLedger.js';
import type { JobComparison, Outcome } from './types.js';
import type { VoteLog } from './voteLog.js';

const OUTCOMES: readonly Outcome[] = ['left', 'right', 'draw'];

/**
 * The completed matchups of `ranking` (or of every ranking when null) in `votes`:
 * one record per response with `perVote`, else one per matchup (issue order) scored
 * as the job scored it: `majority` gives the winning side or a draw; `allVotes` gives
 * one record per outcome that got votes, weighted by its share. O(votes + m log m).
 */
export function jobComparisons(
  votes: VoteLog,
  isCompleted: (sequence: number) => boolean,
  datapointId: (ranking: number, index: number) => string,
  aggregation: VoteAggregation,
  perVote: boolean,
  ranking: number | null,
): JobComparison[] {
  if (perVote) {
    const records: JobComparison[] = [];
    votes.forEach((vote) => {
      // Validation matchups (ranking −1) are no ranking's comparisons.
      if (vote.ranking < 0 || (ranking !== null && vote.ranking !== ranking) || !isCompleted(vote.sequence)) return;
      records.push({
        ranking: vote.ranking,
        matchupId: matchupIdOf(vote.sequence),
        left: datapointId(vote.ranking, vote.left),
        right: datapointId(vote.ranking, vote.right),
        outcome: vote.outcome,
        ...(vote.labelerId === undefined ? {} : { labelerId: vote.labelerId }),
      });
    });
    return records;
  }
  const matchups = new Map<number, { ranking: number; left: number; right: number; counts: [number, number, number] }>();
  votes.forEach((vote) => {
    if (vote.ranking < 0 || (ranking !== null && vote.ranking !== ranking) || !isCompleted(vote.sequence)) return;
    let entry = matchups.get(vote.sequence);
    if (entry === undefined) {
      entry = { ranking: vote.ranking, left: vote.left, right: vote.right, counts: [0, 0, 0] };
      matchups.set(vote.sequence, entry);
    }
    entry.counts[OUTCOMES.indexOf(vote.outcome)]! += 1;
  });
  const records: JobComparison[] = [];
  for (const sequence of [...matchups.keys()].sort((a, b) => a - b)) {
    const { ranking: r, left, right, counts } = matchups.get(sequence)!;
    const base = { ranking: r, matchupId: matchupIdOf(sequence), left: datapointId(r, left), right: datapointId(r, right) };
    const total = counts[0] + counts[1] + counts[2];
    if (aggregation === 'majority' || total === 1) {
      const outcome: Outcome = counts[0] > counts[1] ? 'left' : counts[0] < counts[1] ? 'right' : 'draw';
      records.push({ ...base, outcome });
    } else {
      OUTCOMES.forEach((outcome, k) => {
        if (counts[k]! > 0) records.push({ ...base, outcome, weight: counts[k]! / total });
      });
    }
  }
  return records;
}
