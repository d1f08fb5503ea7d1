import { describe, expect, it } from 'vitest';
import { createRankingJob, updateElo } from '../../src/index.js';
import { definitionOf, expectInputError, fingerprint } from '../helpers.js';

function scores(job: ReturnType<typeof createRankingJob>): Map<string, number> {
  return new Map(job.results({ scorer: 'elo' })[0]!.entries.map((entry) => [entry.datapoint, entry.score]));
}

describe('recordResponse', () => {
  it('ignores a retried delivery with the same responseId, before and after completion', () => {
    const job = createRankingJob(definitionOf({ responsesPerComparison: 2 }), { seed: 1 });
    const [matchup] = job.nextMatchups();
    expect(job.recordResponse(matchup!.id, 'left', { responseId: 'r1' })).toBe(true);
    const afterFirst = fingerprint(job);
    expect(job.recordResponse(matchup!.id, 'left', { responseId: 'r1' })).toBe(false);
    expect(job.recordResponse(matchup!.id, 'right', { responseId: 'r1' })).toBe(false);
    expect(fingerprint(job)).toBe(afterFirst);
    expect(job.recordResponse(matchup!.id, 'left', { responseId: 'r2' })).toBe(true);
    expect(job.progress().completed).toBe(1);
    const afterCompletion = fingerprint(job);
    // Late retries of either response: still recognised, still ignored.
    expect(job.recordResponse(matchup!.id, 'left', { responseId: 'r2' })).toBe(false);
    expect(job.recordResponse(matchup!.id, 'draw', { responseId: 'r1' })).toBe(false);
    expect(fingerprint(job)).toBe(afterCompletion);
    // A new response to a completed matchup is an error, not a silent drop.
    expectInputError(() => job.recordResponse(matchup!.id, 'left', { responseId: 'r3' }), 'matchupId');
    expectInputError(() => job.recordResponse(matchup!.id, 'left'), 'matchupId');
  });

  it('response ids are per matchup: the same id on two matchups counts twice', () => {
    const job = createRankingJob(definitionOf(), { seed: 2 });
    const [a, b] = job.nextMatchups(2);
    expect(job.recordResponse(a!.id, 'left', { responseId: 'same' })).toBe(true);
    expect(job.recordResponse(b!.id, 'left', { responseId: 'same' })).toBe(true);
    expect(job.progress().completed).toBe(2);
  });

  it('updates ratings once, when the last response arrives, with the majority', () => {
    const job = createRankingJob(definitionOf({ datapoints: [['a', 'b']], responsesPerComparison: 3 }), { seed: 3 });
    const [matchup] = job.nextMatchups();
    job.recordResponse(matchup!.id, 'left');
    job.recordResponse(matchup!.id, 'right');
    expect([...scores(job).values()]).toEqual([1200, 1200]);
    expect(job.progress()).toMatchObject({ pending: 1, completed: 0 });
    job.recordResponse(matchup!.id, 'left');
    const [left, right] = updateElo(1200, 1200, 1);
    expect(scores(job).get(matchup!.left)).toBe(left);
    expect(scores(job).get(matchup!.right)).toBe(right);
  });

  it('majority: equal votes for both sides is a draw, draw votes go to neither side', () => {
    const cases: [('left' | 'right' | 'draw')[], number][] = [
      [['left', 'right'], 1200],
      [['left', 'draw'], 1220],
      [['draw', 'draw'], 1200],
      [['right', 'draw', 'draw'], 1180],
      [['left', 'left', 'right', 'right', 'draw'], 1200],
    ];
    for (const [votes, leftScore] of cases) {
      const job = createRankingJob(definitionOf({ datapoints: [['a', 'b']], responsesPerComparison: votes.length }), { seed: 4 });
      const [matchup] = job.nextMatchups();
      for (const vote of votes) job.recordResponse(matchup!.id, vote);
      expect(scores(job).get(matchup!.left)).toBe(leftScore);
    }
  });

  it('allVotes: the score is the share of votes, a draw vote counting half', () => {
    const cases: [('left' | 'right' | 'draw')[], number][] = [
      [['left', 'left', 'right'], 2 / 3],
      [['left', 'draw', 'right'], 0.5],
      [['left', 'draw'], 0.75],
      [['right', 'right', 'right'], 0],
    ];
    for (const [votes, share] of cases) {
      const job = createRankingJob(
        definitionOf({ datapoints: [['a', 'b']], responsesPerComparison: votes.length, voteAggregation: 'allVotes' }),
        { seed: 5 },
      );
      const [matchup] = job.nextMatchups();
      for (const vote of votes) job.recordResponse(matchup!.id, vote);
      const [expectedLeft] = updateElo(1200, 1200, share);
      expect(scores(job).get(matchup!.left)).toBe(expectedLeft);
      const entry = job.results({ scorer: 'elo' })[0]!.entries.find((e) => e.datapoint === matchup!.left)!;
      // A share above one half counts as a win, below as a loss, exactly one half as a draw.
      expect([entry.wins, entry.losses, entry.draws]).toEqual(share > 0.5 ? [1, 0, 0] : share < 0.5 ? [0, 1, 0] : [0, 0, 1]);
    }
  });

  it('a released matchup drops its partial responses and takes no more', () => {
    const job = createRankingJob(definitionOf({ responsesPerComparison: 3 }), { seed: 6 });
    const [matchup] = job.nextMatchups();
    job.recordResponse(matchup!.id, 'left', { responseId: 'r1' });
    job.releaseMatchup(matchup!.id);
    const error = expectInputError(() => job.recordResponse(matchup!.id, 'left', { responseId: 'r2' }), 'matchupId');
    expect(error.message).toContain('released');
    expectInputError(() => job.recordResponse(matchup!.id, 'left', { responseId: 'r1' }), 'matchupId');
    expect(job.results({ scorer: 'elo' })[0]!.entries.every((entry) => entry.score === 1200)).toBe(true);
    expect(job.progress()).toMatchObject({ pending: 0, completed: 0, available: 20 });
  });

  it('says why an id is not accepted: completed, released or unknown', () => {
    const job = createRankingJob(definitionOf(), { seed: 7 });
    const [done, released] = job.nextMatchups(2);
    job.recordResponse(done!.id, 'left');
    job.releaseMatchup(released!.id);
    expect(expectInputError(() => job.recordResponse(done!.id, 'left'), 'matchupId').message).toContain('already completed');
    expect(expectInputError(() => job.releaseMatchup(done!.id), 'matchupId').message).toContain('cannot be released');
    expect(expectInputError(() => job.releaseMatchup(released!.id), 'matchupId').message).toContain('was released');
    for (const unknown of ['m0', 'm01', 'm3', 'm999999999999', 'M1', ' m1', 'm1 ', '', 'x', '__proto__', 'm1e3', 'm-1']) {
      expect(expectInputError(() => job.recordResponse(unknown, 'left'), 'matchupId').message).toContain('unknown matchup id');
    }
  });
});
