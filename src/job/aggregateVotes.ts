/**
 * Turning the responses to one matchup into a single score for the left datapoint.
 * @internal
 * @module
 */
import type { VoteAggregation } from '../definition/types.js';

/**
 * The left datapoint's score in [0, 1] from the votes of one matchup.
 * `majority`: 1 when left has more votes than right, 0 when fewer, ½ when equal
 * (draw votes go to neither side). `allVotes`: the share of votes, a draw vote
 * counting half to each side.
 */
export function aggregateVotes(leftVotes: number, rightVotes: number, drawVotes: number, mode: VoteAggregation): number {
  if (mode === 'majority') return leftVotes > rightVotes ? 1 : leftVotes < rightVotes ? 0 : 0.5;
  return (leftVotes + drawVotes / 2) / (leftVotes + rightVotes + drawVotes);
}
