/**
 * Checking the votes of a snapshot against the rest of it, before they are restored.
 * @internal
 * @module
 */
import type { RankingJobDefinition } from '../definition/types.js';
import { RankingInputError, describeValue } from '../errors.js';
import { aggregateVotes } from '../job/aggregateVotes.js';
import { STATUS, sequenceOf, type PendingMatchup } from '../job/matchupLedger.js';
import { VALIDATION_RANKING } from '../job/validationPool.js';
import { OUTCOME_CHARACTERS, type VotesSnapshot } from '../job/voteLog.js';
import { requireOptionsObject } from '../validate.js';
import { checkAdaptiveVotes } from './checkAdaptiveVotes.js';
import { sizeOf, type SavedRankings } from './savedRankings.js';

const VOTES_KEYS = ['sequences', 'rankings', 'lefts', 'rights', 'outcomes', 'labelers', 'labelerIds'] as const;
const PATH = 'snapshot.matchups.votes';
// A matchup's ranking before its first vote is seen (−1 is the validation ranking).
const NO_VOTE = -2;

/**
 * The snapshot's votes, after checking that every vote names an
 * issued matchup with its true ranking and datapoints, that labeler ids are listed in
 * order of first use, and that the votes agree with the statuses and the rankings: a
 * pending matchup has exactly the votes it counts, a completed one exactly
 * `responsesPerComparison`, a released or expired one fewer (with adaptive responses:
 * each completes exactly when the stopping rule says, checkAdaptiveVotes.ts), and the completed
 * matchups' votes, aggregated as the job aggregates them, give every datapoint exactly
 * the wins, losses and draws its ranking records (votes with ranking −1 answer validation
 * matchups: a pair of the definition's, and no ranking's record). The completed matchups' response ids
 * (already checked to name completed matchups) must be listed in completion order, the
 * order of the votes that completed them, as the job keeps them. O(votes + datapoints).
 */
export function checkVotes(
  value: unknown,
  definition: RankingJobDefinition,
  rankings: SavedRankings,
  datapointId: (ranking: number, index: number) => string,
  statuses: readonly number[],
  pending: readonly PendingMatchup[],
  completedResponses: readonly (readonly [string, readonly string[]])[],
): CheckedVotes {
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

  // Validation votes have ranking −1 and index the 2 × (validation matchups) validation datapoints.
  const validationSize = definition.validation === undefined ? 0 : 2 * definition.validation.matchups.length;
  const lowestRanking = definition.validation === undefined ? 0 : VALIDATION_RANKING;
  const pendingBySequence = new Map(pending.map((matchup) => [matchup.sequence, matchup]));
  const rankingCount = rankings.budgets.length;
  // Per issued matchup (by sequence − 1), in columns rather than an object each (a
  // snapshot may hold millions): its ranking and datapoints from its first vote (ranking
  // −1 before one), its votes by outcome, and the index of its latest vote.
  const issued = statuses.length;
  const votedRanking = new Int32Array(issued).fill(NO_VOTE);
  const votedLeft = new Int32Array(issued);
  const votedRight = new Int32Array(issued);
  const votedCounts = new Float64Array(3 * issued);
  const lastVote = new Float64Array(issued);
  let labelersUsed = 0;
  for (let i = 0; i < count; i++) {
    const sequence = sequences[i];
    if (!isIntegerIn(sequence, 1, issued + 1)) throw new RankingInputError(`${PATH}.sequences[${i}]`, `must be an issued matchup's sequence number in [1, ${issued}], got ${describeValue(sequence)}`);
    const ranking = votes.rankings[i];
    if (!isIntegerIn(ranking, lowestRanking, rankingCount)) {
      const allowed = lowestRanking < 0 ? `a ranking index in [0, ${rankingCount}) or -1 (a validation matchup)` : `a ranking index in [0, ${rankingCount})`;
      throw new RankingInputError(`${PATH}.rankings[${i}]`, `must be ${allowed}, got ${describeValue(ranking)}`);
    }
    const size = ranking === VALIDATION_RANKING ? validationSize : sizeOf(rankings, ranking);
    const left = votes.lefts[i];
    const right = votes.rights[i];
    if (!isIntegerIn(left, 0, size)) throw new RankingInputError(`${PATH}.lefts[${i}]`, `must be a datapoint index in [0, ${size}), got ${describeValue(left)}`);
    if (!isIntegerIn(right, 0, size) || right === left) throw new RankingInputError(`${PATH}.rights[${i}]`, `must be a datapoint index in [0, ${size}) other than the left one, got ${describeValue(right)}`);
    // A validation matchup shows the two datapoints of one validation pair: 2k and 2k + 1.
    if (ranking === VALIDATION_RANKING && (left ^ 1) !== right) {
      throw new RankingInputError(`${PATH}.rights[${i}]`, `must be ${left ^ 1}, the other datapoint of validation matchup ${left >> 1}, got ${right}`);
    }
    const outcome = OUTCOME_CHARACTERS.indexOf(votes.outcomes[i]!);
    if (outcome < 0) throw new RankingInputError(`${PATH}.outcomes[${i}]`, `must be l, r or d, got ${describeValue(votes.outcomes[i])}`);
    const labeler = votes.labelers[i];
    // Labeler ids are numbered in order of first use, as the live job numbers them.
    if (!isIntegerIn(labeler, -1, labelersUsed + 1) || labeler >= labelerIds.length) {
      throw new RankingInputError(`${PATH}.labelers[${i}]`, `must be −1 or an index into labelerIds of an id used before, or the next new one (${labelersUsed}), got ${describeValue(labeler)}`);
    }
    if (labeler === labelersUsed) labelersUsed++;
    const m = sequence - 1;
    if (votedRanking[m] === NO_VOTE) {
      votedRanking[m] = ranking;
      votedLeft[m] = left;
      votedRight[m] = right;
    } else if (votedRanking[m] !== ranking || votedLeft[m] !== left || votedRight[m] !== right) {
      throw new RankingInputError(`${PATH}.sequences[${i}]`, `names matchup m${sequence} with other datapoints than its earlier votes`);
    }
    votedCounts[3 * m + outcome]! += 1;
    lastVote[m] = i;
  }
  if (labelersUsed !== labelerIds.length) throw new RankingInputError(`${PATH}.labelerIds`, `lists ${labelerIds.length} ids but the votes use ${labelersUsed}`);

  const rule = definition.responsesPerComparison;
  // A fixed count, or null for adaptive responses: then the stopping rule, replayed in
  // order, checks each matchup's completion and gives its score.
  const needed = typeof rule === 'number' ? rule : null;
  const adaptiveScores = typeof rule === 'number' ? null : checkAdaptiveVotes(votes, statuses, rule, definition.voteAggregation, completedResponses, definition.validation);
  // Wins, losses and draws the completed matchups' votes imply, per datapoint (flat, as
  // the saved columns).
  const total = rankings.starts[rankingCount]!;
  let completedValidation = 0;
  const implied = [new Float64Array(total), new Float64Array(total), new Float64Array(total)] as const;
  for (let m = 0; m < issued; m++) {
    const sequence = m + 1;
    const voted = votedRanking[m] !== NO_VOTE;
    const counts = [votedCounts[3 * m]!, votedCounts[3 * m + 1]!, votedCounts[3 * m + 2]!] as const;
    const votesHere = counts[0] + counts[1] + counts[2];
    const status = statuses[m];
    if (status === STATUS.completed && needed !== null && votesHere !== needed) {
      throw new RankingInputError(PATH, `hold ${votesHere} votes for completed matchup m${sequence}; it needs exactly ${needed}`);
    }
    if (status === STATUS.completed && votedRanking[m] === VALIDATION_RANKING) completedValidation++;
    else if (status === STATUS.completed) {
      const start = rankings.starts[votedRanking[m]!]!;
      const score = adaptiveScores === null ? aggregateVotes(counts[0], counts[1], counts[2], definition.voteAggregation) : adaptiveScores[m]!;
      const [forLeft, forRight] = score > 0.5 ? [0, 1] : score < 0.5 ? [1, 0] : [2, 2];
      implied[forLeft]![start + votedLeft[m]!]! += 1;
      implied[forRight]![start + votedRight[m]!]! += 1;
    }
    if ((status === STATUS.released || status === STATUS.expired) && needed !== null && votesHere >= needed) {
      throw new RankingInputError(PATH, `hold ${votesHere} votes for matchup m${sequence}, enough to complete it, but it is marked released or expired`);
    }
    if (status === STATUS.pending) {
      const matchup = pendingBySequence.get(sequence)!;
      const expected = [matchup.leftVotes, matchup.rightVotes, matchup.drawVotes];
      const same = !voted ? expected[0]! + expected[1]! + expected[2]! === 0 : counts.every((c, k) => c === expected[k]);
      if (!same || (voted && (votedRanking[m] !== matchup.ranking || votedLeft[m] !== matchup.left || votedRight[m] !== matchup.right))) {
        throw new RankingInputError(PATH, `disagree with pending matchup m${sequence}: its votes or datapoints differ`);
      }
    }
  }
  let completedAt = -1;
  completedResponses.forEach(([id], k) => {
    // The status check guarantees the matchup completed, and so has votes.
    const at = lastVote[sequenceOf(id) - 1]!;
    if (at < completedAt) {
      throw new RankingInputError(`snapshot.matchups.completedResponseIds[${k}][0]`, `must follow completion order: ${id} completed before the matchup listed above it`);
    }
    completedAt = at;
  });
  for (let r = 0; r < rankingCount; r++) {
    const start = rankings.starts[r]!;
    for (let k = start; k < rankings.starts[r + 1]!; k++) {
      const [wins, losses, draws] = [implied[0][k]!, implied[1][k]!, implied[2][k]!];
      if (wins !== rankings.wins[k] || losses !== rankings.losses[k] || draws !== rankings.draws[k]) {
        throw new RankingInputError(
          PATH,
          `give datapoint ${describeValue(datapointId(r, k - start))} of ranking ${r} ${wins} wins, ${losses} losses and ${draws} draws, but the snapshot's rankings say ${rankings.wins[k]}, ${rankings.losses[k]} and ${rankings.draws[k]}`,
        );
      }
    }
  }
  return { votes, completedValidation };
}

/** The votes of a snapshot, checked. */
export interface CheckedVotes {
  /** The votes themselves, for the ledger to restore (`MatchupLedger.restore`). */
  readonly votes: VotesSnapshot;
  /** Completed validation matchups among them. */
  readonly completedValidation: number;
}

function list(value: unknown, key: string): unknown[] {
  // Restore copies long lists of numbers into Float64Arrays.
  if (value instanceof Float64Array) return value as unknown as unknown[];
  if (!Array.isArray(value)) throw new RankingInputError(`${PATH}.${key}`, `must be an array, got ${describeValue(value)}`);
  return value;
}

// Whether x is an integer in [low, high).
function isIntegerIn(x: unknown, low: number, high: number): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= low && x < high;
}
