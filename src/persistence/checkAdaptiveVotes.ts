/**
 * Checking a snapshot's votes against the adaptive stopping rule of its definition.
 * @internal
 * @module
 */
import type { AdaptiveResponsesParameters, ValidationParameters, VoteAggregation } from '../definition/types.js';
import { RankingInputError } from '../errors.js';
import { ResponseWeights, VERDICT, adaptiveScore, adaptiveVerdict } from '../job/adaptiveResponses.js';
import { STATUS, sequenceOf } from '../job/matchupLedger.js';
import { OUTCOME_CHARACTERS, type VotesSnapshot } from '../job/voteLog.js';

const PATH = 'snapshot.matchups.votes';
const STATUS_NAMES: Readonly<Record<number, string>> = { [STATUS.pending]: 'pending', [STATUS.released]: 'released', [STATUS.expired]: 'expired' };

/**
 * Replays the stopping rule over votes already checked for shape (checkVotes.ts), in the
 * order they were recorded, as the live job applied it: every completed matchup must
 * complete at its last response and no earlier one, and no pending, released or expired
 * matchup may have reached a verdict; a completed matchup keeps at most as many response
 * ids as it has responses. Each response weighs what it weighed live: its labeler's
 * weight from the validation answers before it (`ResponseWeights`, from the definition's
 * `validation`; 1 without). Returns the left side's score of every completed matchup (by
 * sequence − 1; NaN for the others), as the job scored it. O(responses × √responses
 * per matchup) for the rule's Beta probabilities.
 * @throws {@link RankingInputError} naming the first vote or matchup the rule disagrees with.
 */
export function checkAdaptiveVotes(
  votes: VotesSnapshot,
  statuses: readonly number[],
  rule: AdaptiveResponsesParameters,
  aggregation: VoteAggregation,
  completedResponses: readonly (readonly [string, readonly string[]])[],
  validation: ValidationParameters | undefined,
): Float64Array {
  const issued = statuses.length;
  const responses = new Float64Array(issued);
  const tallies = new Float64Array(3 * issued);
  const verdicts = new Uint8Array(issued);
  const weights = new ResponseWeights(validation);
  const count = votes.sequences.length;
  for (let i = 0; i < count; i++) {
    const m = votes.sequences[i]! - 1;
    if (verdicts[m] !== VERDICT.collecting) {
      throw new RankingInputError(
        `${PATH}.sequences[${i}]`,
        `records a response to matchup m${m + 1} after its response ${responses[m]}, at which the adaptive rule of responsesPerComparison completed it`,
      );
    }
    const labeler = votes.labelers[i]!;
    const outcome = OUTCOME_CHARACTERS.indexOf(votes.outcomes[i]!);
    tallies[3 * m + outcome]! += weights.weigh(votes.rankings[i]!, votes.lefts[i]!, outcome, labeler < 0 ? undefined : votes.labelerIds[labeler]);
    verdicts[m] = adaptiveVerdict(rule, ++responses[m]!, tallies[3 * m]!, tallies[3 * m + 1]!, tallies[3 * m + 2]!);
  }
  const scores = new Float64Array(issued).fill(Number.NaN);
  for (let m = 0; m < issued; m++) {
    const status = statuses[m]!;
    const verdict = verdicts[m]! as (typeof VERDICT)[keyof typeof VERDICT];
    if (status === STATUS.completed) {
      if (verdict === VERDICT.collecting) {
        throw new RankingInputError(PATH, `hold ${responses[m]} responses for completed matchup m${m + 1}, after which the adaptive rule of responsesPerComparison does not complete it`);
      }
      scores[m] = adaptiveScore(verdict, tallies[3 * m]!, tallies[3 * m + 1]!, tallies[3 * m + 2]!, aggregation);
    } else if (verdict !== VERDICT.collecting) {
      throw new RankingInputError(PATH, `hold ${responses[m]} responses for matchup m${m + 1}, at which the adaptive rule of responsesPerComparison completes it, but it is marked ${STATUS_NAMES[status]}`);
    }
  }
  completedResponses.forEach(([id, list], k) => {
    const held = responses[sequenceOf(id) - 1]!;
    if (list.length > held) {
      throw new RankingInputError(`snapshot.matchups.completedResponseIds[${k}][1]`, `lists ${list.length} response ids for ${id}, more than its ${held} responses`);
    }
  });
  return scores;
}
