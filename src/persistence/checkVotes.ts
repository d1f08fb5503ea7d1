/**
 * Checking the votes of a snapshot against the rest of it, before they are restored.
 * @internal
 * @module
 */
import type { RankingJobDefinition } from '../definition/types.js';
import { RankingInputError, describeValue } from '../errors.js';
import { aggregateVotes } from '../job/aggregateVotes.js';
import { STATUS, sequenceOf, type PendingMatchup } from '../job/matchupLedger.js';
import { OUTCOME_CHARACTERS, VoteLog, type VotesSnapshot } from '../job/voteLog.js';
import { requireOptionsObject } from '../validate.js';
import type { RankingSnapshot } from './snapshotTypes.js';

const VOTES_KEYS = ['sequences', 'rankings', 'lefts', 'rights', 'outcomes', 'labelers', 'labelerIds'] as const;
const PATH = 'snapshot.matchups.votes';

/**
 * The snapshot's votes as a {@link VoteLog}, after checking that every vote names an
 * issued matchup with its true ranking and datapoints, that labeler ids are listed in
 * order of first use, and that the votes agree with the statuses and the rankings: a
 * pending matchup has exactly the votes it counts, a completed one exactly
 * `responsesPerComparison`, a released or expired one fewer, and the completed
 * matchups' votes, aggregated as the job aggregates them, give every datapoint exactly
 * the wins, losses and draws its ranking records. The completed matchups' response ids
 * (already checked to name completed matchups) must be listed in completion order, the
 * order of the votes that completed them, as the job keeps them. O(votes + datapoints).
 */
export function checkVotes(
  value: unknown,
  definition: RankingJobDefinition,
  rankings: readonly RankingSnapshot[],
  statuses: readonly number[],
  pending: readonly PendingMatchup[],
  completedResponses: readonly (readonly [string, readonly string[]])[],
): VoteLog {
  const object = requireOptionsObject(value, VOTES_KEYS, PATH, `${PATH}.`);
  for (const key of VOTES_KEYS) {
    if (!Object.prototype.hasOwnProperty.call(object, key)) throw new RankingInputError(`${PATH}.${key}`, 'is missing (the snapshot is truncated or not a snapshot)');
  }
  const votes = object as unknown as VotesSnapshot;
  const labelerIds = list(votes.labelerIds, 'labelerIds');
  labelerIds.forEach((id, i) => {
    if (typeof id !== 'string' || id === '') throw new RankingInputError(`${PATH}.labelerIds[${i}]`, `must be a non-empty string, got ${describeValue(id)}`);
  });
  if (new Set(labelerIds).size !== labelerIds.length) throw new RankingInputError(`${PATH}.labelerIds`, 'must not repeat an id');
  const sequences = list(votes.sequences, 'sequences');
  const count = sequences.length;
  for (const key of ['rankings', 'lefts', 'rights', 'labelers'] as const) {
    if (list(votes[key], key).length !== count) throw new RankingInputError(`${PATH}.${key}`, `must hold ${count} entries (one per vote), got ${votes[key].length}`);
  }
  if (typeof votes.outcomes !== 'string' || votes.outcomes.length !== count) {
    throw new RankingInputError(`${PATH}.outcomes`, `must be a string of ${count} characters (l, r or d per vote), got ${describeValue(votes.outcomes)}`);
  }

  const pendingBySequence = new Map(pending.map((matchup) => [matchup.sequence, matchup]));
  // Per voted matchup: ranking, left, right, its votes by outcome and the index of its latest vote.
  const seen = new Map<number, { ranking: number; left: number; right: number; votes: [number, number, number]; last: number }>();
  let labelersUsed = 0;
  for (let i = 0; i < count; i++) {
    const sequence = sequences[i];
    if (!isIntegerIn(sequence, 1, statuses.length + 1)) throw new RankingInputError(`${PATH}.sequences[${i}]`, `must be an issued matchup's sequence number in [1, ${statuses.length}], got ${describeValue(sequence)}`);
    const ranking = votes.rankings[i];
    if (!isIntegerIn(ranking, 0, rankings.length)) throw new RankingInputError(`${PATH}.rankings[${i}]`, `must be a ranking index in [0, ${rankings.length}), got ${describeValue(ranking)}`);
    const size = rankings[ranking]!.datapoints.length;
    const left = votes.lefts[i];
    const right = votes.rights[i];
    if (!isIntegerIn(left, 0, size)) throw new RankingInputError(`${PATH}.lefts[${i}]`, `must be a datapoint index in [0, ${size}), got ${describeValue(left)}`);
    if (!isIntegerIn(right, 0, size) || right === left) throw new RankingInputError(`${PATH}.rights[${i}]`, `must be a datapoint index in [0, ${size}) other than the left one, got ${describeValue(right)}`);
    const outcome = OUTCOME_CHARACTERS.indexOf(votes.outcomes[i]!);
    if (outcome < 0) throw new RankingInputError(`${PATH}.outcomes[${i}]`, `must be l, r or d, got ${describeValue(votes.outcomes[i])}`);
    const labeler = votes.labelers[i];
    // Labeler ids are numbered in order of first use, as the live job numbers them.
    if (!isIntegerIn(labeler, -1, labelersUsed + 1) || labeler >= labelerIds.length) {
      throw new RankingInputError(`${PATH}.labelers[${i}]`, `must be −1 or an index into labelerIds of an id used before, or the next new one (${labelersUsed}), got ${describeValue(labeler)}`);
    }
    if (labeler === labelersUsed) labelersUsed++;
    const entry = seen.get(sequence);
    if (entry === undefined) {
      const votesByOutcome: [number, number, number] = [0, 0, 0];
      votesByOutcome[outcome]! += 1;
      seen.set(sequence, { ranking, left, right, votes: votesByOutcome, last: i });
    } else {
      if (entry.ranking !== ranking || entry.left !== left || entry.right !== right) {
        throw new RankingInputError(`${PATH}.sequences[${i}]`, `names matchup m${sequence} with other datapoints than its earlier votes`);
      }
      entry.votes[outcome]! += 1;
      entry.last = i;
    }
  }
  if (labelersUsed !== labelerIds.length) throw new RankingInputError(`${PATH}.labelerIds`, `lists ${labelerIds.length} ids but the votes use ${labelersUsed}`);

  const needed = definition.responsesPerComparison;
  // Wins, losses and draws the completed matchups' votes imply, per ranking and datapoint.
  const implied = rankings.map((ranking) => ranking.datapoints.map(() => [0, 0, 0]));
  for (let index = 0; index < statuses.length; index++) {
    const sequence = index + 1;
    const entry = seen.get(sequence);
    const total = entry === undefined ? 0 : entry.votes[0] + entry.votes[1] + entry.votes[2];
    const status = statuses[index];
    if (status === STATUS.completed && total !== needed) {
      throw new RankingInputError(PATH, `hold ${total} votes for completed matchup m${sequence}; it needs exactly ${needed}`);
    }
    if (status === STATUS.completed) {
      const { ranking, left, right, votes: counts } = entry!;
      const score = aggregateVotes(counts[0], counts[1], counts[2], definition.voteAggregation);
      const result = score > 0.5 ? [0, 1] : score < 0.5 ? [1, 0] : [2, 2];
      implied[ranking]![left]![result[0]!]! += 1;
      implied[ranking]![right]![result[1]!]! += 1;
    }
    if ((status === STATUS.released || status === STATUS.expired) && total >= needed) {
      throw new RankingInputError(PATH, `hold ${total} votes for matchup m${sequence}, enough to complete it, but it is marked released or expired`);
    }
    if (status === STATUS.pending) {
      const matchup = pendingBySequence.get(sequence)!;
      const counts = [matchup.leftVotes, matchup.rightVotes, matchup.drawVotes];
      const same = entry === undefined ? total === counts[0]! + counts[1]! + counts[2]! : counts.every((c, k) => c === entry.votes[k]);
      if (!same || (entry !== undefined && (entry.ranking !== matchup.ranking || entry.left !== matchup.left || entry.right !== matchup.right))) {
        throw new RankingInputError(PATH, `disagree with pending matchup m${sequence}: its votes or datapoints differ`);
      }
    }
  }
  let completedAt = -1;
  completedResponses.forEach(([id], k) => {
    // The status check guarantees the matchup completed, and so has votes.
    const at = seen.get(sequenceOf(id))!.last;
    if (at < completedAt) {
      throw new RankingInputError(`snapshot.matchups.completedResponseIds[${k}][0]`, `must follow completion order: ${id} completed before the matchup listed above it`);
    }
    completedAt = at;
  });
  rankings.forEach((ranking, r) => {
    ranking.datapoints.forEach((id, i) => {
      const [wins, losses, draws] = implied[r]![i]!;
      if (wins !== ranking.wins[i] || losses !== ranking.losses[i] || draws !== ranking.draws[i]) {
        throw new RankingInputError(
          PATH,
          `give datapoint ${describeValue(id)} of ranking ${r} ${wins} wins, ${losses} losses and ${draws} draws, but snapshot.rankings[${r}] says ${ranking.wins[i]}, ${ranking.losses[i]} and ${ranking.draws[i]}`,
        );
      }
    });
  });
  return VoteLog.fromSnapshot(votes);
}

function list(value: unknown, key: string): unknown[] {
  if (!Array.isArray(value)) throw new RankingInputError(`${PATH}.${key}`, `must be an array, got ${describeValue(value)}`);
  return value;
}

// Whether x is an integer in [low, high).
function isIntegerIn(x: unknown, low: number, high: number): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= low && x < high;
}
