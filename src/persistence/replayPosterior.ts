/**
 * A restored job's posterior (and sorted chain), recomputed from its votes. The posterior after a run is
 * a function of the completed matchups in the order they completed (each updates it
 * once, with all its responses), and the vote log holds every response in arrival
 * order: replaying them reproduces it to the bit, so snapshots need not store it.
 * @internal
 * @module
 */
import { forEachCompletedMatchup } from '../job/completedEvidence.js';
import { STATUS } from '../job/matchupLedger.js';
import type { VoteLog } from '../job/voteLog.js';
import type { RankingState } from '../state/rankingState.js';

/** Replays the completed matchups' votes into the rankings' posteriors and chains. O(responses + chain shifts). */
export function replayPosterior(votes: VoteLog, statuses: ArrayLike<number>, states: readonly RankingState[], responsesPerComparison: number | null): void {
  forEachCompletedMatchup(
    votes,
    (sequence) => statuses[sequence - 1] === STATUS.completed,
    responsesPerComparison,
    () => 1,
    (ranking, left, right, forLeft, forRight) => states[ranking]!.noteEvidence(left, right, forLeft, forRight),
  );
}
