/**
 * The evidence of each completed matchup, in the order the matchups completed: what the
 * posterior is updated with. A matchup completes at its last response, and the vote log
 * holds responses in arrival order, so one pass finds both the evidence and the order.
 * @internal
 * @module
 */
import type { VoteLog } from './voteLog.js';

/** Receives one completed matchup: its ranking, datapoints and the evidence for each side. */
export type EvidenceVisitor = (ranking: number, left: number, right: number, forLeft: number, forRight: number, responses: number) => void;

/**
 * Calls `visit` once per completed matchup, in completion order, with the evidence of its
 * responses: a response counts its labeler's weight for the side it chose, a draw half
 * of it for each side. O(responses).
 * @param responsesPerComparison - Responses of every completed matchup, or null when
 *   they vary (adaptive responses): then a first pass counts each one's.
 * @param weightOf - A response's weight from its labeler id and ranking (1 for the posterior's own updates).
 */
export function forEachCompletedMatchup(
  votes: VoteLog,
  isCompleted: (sequence: number) => boolean,
  responsesPerComparison: number | null,
  weightOf: (labelerId: string | undefined, ranking: number) => number,
  visit: EvidenceVisitor,
): void {
  // A completed matchup takes no response after its last: its count in the log is its responses.
  const counts = responsesPerComparison === null ? completedCounts(votes, isCompleted) : null;
  // [evidence for left, evidence for right, responses] of completed matchups still collecting.
  const open = new Map<number, [number, number, number]>();
  votes.forEach(({ sequence, ranking, left, right, outcome, labelerId }) => {
    // Validation matchups (ranking −1) are evidence about labelers, not datapoints.
    if (ranking < 0 || !isCompleted(sequence)) return;
    let tally = open.get(sequence);
    if (tally === undefined) {
      tally = [0, 0, 0];
      open.set(sequence, tally);
    }
    const weight = weightOf(labelerId, ranking);
    if (outcome === 'left') tally[0] += weight;
    else if (outcome === 'right') tally[1] += weight;
    else {
      tally[0] += weight / 2;
      tally[1] += weight / 2;
    }
    if (++tally[2] === (counts === null ? responsesPerComparison : counts.get(sequence))) {
      open.delete(sequence);
      visit(ranking, left, right, tally[0], tally[1], tally[2]);
    }
  });
}

// Responses per completed ranking matchup, by sequence number. O(responses).
function completedCounts(votes: VoteLog, isCompleted: (sequence: number) => boolean): Map<number, number> {
  const counts = new Map<number, number>();
  votes.forEach(({ sequence, ranking }) => {
    if (ranking >= 0 && isCompleted(sequence)) counts.set(sequence, (counts.get(sequence) ?? 0) + 1);
  });
  return counts;
}
