import { describe, expect, it } from 'vitest';
import { createRankingJob, replayRankingJob, restoreRankingJob } from '../../src/index.js';
import { definitionOf, expectInputError, ids } from '../helpers.js';

// A job with 3 responses per matchup, labelled by three labelers, left with some pending votes.
function votedJob(voteAggregation: 'majority' | 'allVotes') {
  const job = createRankingJob(
    definitionOf({ datapoints: [ids(5), ['__proto__', 'constructor', 'x']], comparisonBudgetPerRanking: 12, responsesPerComparison: 3, voteAggregation }),
    { seed: 'votes' },
  );
  const labelers = ['ann', '__proto__', 'cy'];
  let k = 0;
  while (job.progress().available > 0) {
    for (const matchup of job.nextMatchups(4)) {
      for (let vote = 0; vote < 3; vote++) {
        const outcome = (['left', 'right', 'draw', 'left'] as const)[(k + vote * 7) % 4]!;
        job.recordResponse(matchup.id, outcome, { labelerId: labelers[vote]! });
      }
      k++;
    }
  }
  return job;
}

describe('job.comparisons', () => {
  it('gives one record per completed matchup, scored the way the job scored it (majority)', () => {
    const job = votedJob('majority');
    const records = job.comparisons();
    expect(records).toHaveLength(24);
    for (const result of job.results()) {
      const mine = records.filter((record) => record.ranking === result.ranking);
      for (const entry of result.entries) {
        const won = mine.filter((r) => (r.outcome === 'left' && r.left === entry.datapoint) || (r.outcome === 'right' && r.right === entry.datapoint)).length;
        const drawn = mine.filter((r) => r.outcome === 'draw' && (r.left === entry.datapoint || r.right === entry.datapoint)).length;
        expect([won, drawn]).toEqual([entry.wins, entry.draws]);
      }
    }
    expect(records.every((record) => record.weight === undefined && record.labelerId === undefined)).toBe(true);
    expect(job.comparisons({ ranking: 1 }).every((record) => record.ranking === 1)).toBe(true);
  });

  it('splits allVotes matchups into weighted records, and gives every vote with its labeler', () => {
    const job = votedJob('allVotes');
    const records = job.comparisons();
    const byMatchup = new Map<string, number>();
    for (const record of records) byMatchup.set(record.matchupId, (byMatchup.get(record.matchupId) ?? 0) + (record.weight ?? 1));
    expect(byMatchup.size).toBe(24);
    for (const total of byMatchup.values()) expect(total).toBeCloseTo(1, 12);
    const votes = job.comparisons({ perVote: true });
    expect(votes).toHaveLength(72);
    expect(new Set(votes.map((vote) => vote.labelerId))).toEqual(new Set(['ann', '__proto__', 'cy']));
  });

  it('leaves out votes of matchups that are pending or were released', () => {
    const job = createRankingJob(definitionOf({ responsesPerComparison: 2 }), { seed: 1 });
    const [a, b, c] = job.nextMatchups(3);
    job.recordResponse(a!.id, 'left', { labelerId: 'p' });
    job.recordResponse(a!.id, 'left');
    job.recordResponse(b!.id, 'right');
    job.recordResponse(c!.id, 'right');
    job.releaseMatchup(c!.id);
    expect(job.comparisons({ perVote: true })).toEqual([
      { ranking: 0, matchupId: a!.id, left: a!.left, right: a!.right, outcome: 'left', labelerId: 'p' },
      { ranking: 0, matchupId: a!.id, left: a!.left, right: a!.right, outcome: 'left' },
    ]);
  });

  it('survives snapshot, restore and replay, labelers included', () => {
    const job = votedJob('majority');
    const restored = restoreRankingJob(JSON.parse(JSON.stringify(job.snapshot())));
    expect(restored.comparisons({ perVote: true })).toEqual(job.comparisons({ perVote: true }));
    expect(restored.snapshot()).toEqual(job.snapshot());
    const replayed = replayRankingJob(job.definition, job.events(), { seed: 'votes' });
    expect(replayed.comparisons({ perVote: true })).toEqual(job.comparisons({ perVote: true }));
    expect(job.events().find((event) => event.type === 'responseRecorded')).toMatchObject({ labelerId: 'ann' });
  });

  it('rejects bad options and labeler ids, changing nothing', () => {
    const job = createRankingJob(definitionOf(), { seed: 2 });
    const [matchup] = job.nextMatchups(1);
    // The snapshot holds the votes, the log position and the generator: a refused call must change none of them.
    const before = JSON.stringify(job.snapshot());
    expectInputError(() => job.recordResponse(matchup!.id, 'left', { labelerId: '' }), 'options.labelerId');
    expectInputError(() => job.recordResponse(matchup!.id, 'left', { labelerId: 7 as never }), 'options.labelerId');
    expect(JSON.stringify(job.snapshot())).toBe(before);
    expect(job.comparisons({ perVote: true })).toEqual([]);
    expectInputError(() => job.comparisons({ perVote: 'yes' as never }), 'options.perVote');
    expectInputError(() => job.comparisons({ ranking: 1 }), 'options.ranking');
    expectInputError(() => job.comparisons({ scorer: 'x' } as never), 'options.scorer');
  });
});
