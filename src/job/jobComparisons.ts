/**
 * A job's completed matchups as comparison records, the input of `fitBradleyTerry`.
 * @internal
 * @module
 */
import type { ResponsesPerComparison, ValidationParameters, VoteAggregation } from '../definition/types.js';
import { ResponseWeights, adaptiveScore, adaptiveVerdict } from './adaptiveResponses.js';
import { matchupIdOf } from './matchupLedger.js';
import type { JobComparison, Outcome } from './types.js';
import type { VoteLog } from './voteLog.js';

const OUTCOMES: readonly Outcome[] = ['left', 'right', 'draw'];

/**
 * The completed matchups of `ranking` (or of every ranking when null) in `votes`:
 * one record per response with `perVote`, else one per matchup (issue order) scored
 * as the job scored it: `majority` gives the winning side or a draw; `allVotes` gives
 * one record per outcome that got votes, weighted by its share. With adaptive
 * `responses` the matchup's outcome is the stopping rule's (an ambiguous pair is a draw
 * under `majority`), from its votes weighted as the rule weighed them (each labeler's
 * weight as of the response, from the validation answers before it in the log, with the
 * definition's `validation`). O(votes + m log m).
 */
export function jobComparisons(
  votes: VoteLog,
  isCompleted: (sequence: number) => boolean,
  datapointId: (ranking: number, index: number) => string,
  aggregation: VoteAggregation,
  perVote: boolean,
  ranking: number | null,
  responses: ResponsesPerComparison,
  validation: ValidationParameters | undefined,
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
  const rule = typeof responses === 'number' ? null : responses;
  // Per matchup: its votes by outcome (weighted as the stopping rule weighs them when adaptive) and how many.
  const matchups = new Map<number, { ranking: number; left: number; right: number; counts: [number, number, number]; responses: number }>();
  // Fed every response, validation ones too, in log order, as the live rule was.
  const weights = rule === null ? null : new ResponseWeights(validation);
  votes.forEach((vote) => {
    const code = OUTCOMES.indexOf(vote.outcome);
    const weight = weights === null ? 1 : weights.weigh(vote.ranking, vote.left, code, vote.labelerId);
    if (vote.ranking < 0 || (ranking !== null && vote.ranking !== ranking) || !isCompleted(vote.sequence)) return;
    let entry = matchups.get(vote.sequence);
    if (entry === undefined) {
      entry = { ranking: vote.ranking, left: vote.left, right: vote.right, counts: [0, 0, 0], responses: 0 };
      matchups.set(vote.sequence, entry);
    }
    entry.counts[code]! += weight;
    entry.responses++;
  });
  const records: JobComparison[] = [];
  for (const sequence of [...matchups.keys()].sort((a, b) => a - b)) {
    const { ranking: r, left, right, counts, responses: held } = matchups.get(sequence)!;
    const base = { ranking: r, matchupId: matchupIdOf(sequence), left: datapointId(r, left), right: datapointId(r, right) };
    const total = counts[0] + counts[1] + counts[2];
    if (rule !== null && aggregation === 'majority') {
      // The score the job gave it at completion: the stopping rule's verdict on all its votes.
      const score = adaptiveScore(adaptiveVerdict(rule, held, counts[0], counts[1], counts[2]), counts[0], counts[1], counts[2], 'majority');
      records.push({ ...base, outcome: score > 0.5 ? 'left' : score < 0.5 ? 'right' : 'draw' });
    } else if (total === 0) {
      // Only responses of weight 0 (adaptive): no share to split, an even score.
      records.push({ ...base, outcome: 'draw' });
    } else if (aggregation === 'majority' || held === 1) {
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
