import { describe, expect, it } from 'vitest';
import { bradleyTerryLabeler, createRankingJob, createRng, fitBradleyTerry, type RankingJob } from '../../src/index.js';
import { definitionOf, expectInputError, ids } from '../helpers.js';

const truth = new Map(ids(8).map((id, i) => [id, 1000 + 60 * i]));

// A finished job: careful labelers 'ann' and 'bo' answer from the truth, 'spam' always clicks right.
function finishedJob(): RankingJob {
  const job = createRankingJob(definitionOf({ datapoints: [ids(8)], comparisonBudgetPerRanking: 300, responsesPerComparison: 3 }), { seed: 'bt' });
  const careful = bradleyTerryLabeler(truth);
  const rng = createRng('answers');
  while (!job.done) {
    for (const matchup of job.nextMatchups(5)) {
      job.recordResponse(matchup.id, careful(matchup, rng), { labelerId: 'ann' });
      job.recordResponse(matchup.id, careful(matchup, rng), { labelerId: 'bo' });
      job.recordResponse(matchup.id, 'right', { labelerId: 'spam' });
    }
  }
  return job;
}

describe("job.results({ scorer: 'bradleyTerry' })", () => {
  const job = finishedJob();

  it('is the Bradley–Terry fit of every response, on the job\'s Elo scale, with the job\'s match counts', () => {
    const [result] = job.results({ scorer: 'bradleyTerry' });
    const fit = fitBradleyTerry(job.comparisons({ perVote: true }), { scale: 400, center: 1200 });
    for (const entry of result!.entries) {
      const fitted = fit.entries.find((candidate) => candidate.datapoint === entry.datapoint)!;
      expect(entry.score).toBeCloseTo(fitted.score, 6);
      expect(entry.standardError).toBeCloseTo(fitted.standardError, 6);
    }
    const [elo] = job.results({ scorer: 'elo' });
    expect(result!.entries.map(({ datapoint, wins, losses, draws }) => ({ datapoint, wins, losses, draws })).sort((a, b) => a.datapoint.localeCompare(b.datapoint))).toEqual(
      elo!.entries.map(({ datapoint, wins, losses, draws }) => ({ datapoint, wins, losses, draws })).sort((a, b) => a.datapoint.localeCompare(b.datapoint)),
    );
    const scores = result!.entries.map((entry) => entry.score);
    expect(scores.reduce((a, b) => a + b, 0) / scores.length).toBeCloseTo(1200, 6);
  });

  it('gives intervals and Arena rank bounds that bracket each entry', () => {
    const [result] = job.results({ scorer: 'bradleyTerry', intervals: true, confidence: 0.9 });
    for (const entry of result!.entries) {
      expect(entry.lower!).toBeLessThan(entry.score);
      expect(entry.upper!).toBeGreaterThan(entry.score);
      // 90%: z = 1.6448536; the interval is score ± z·SE.
      expect(entry.upper! - entry.score).toBeCloseTo(1.6448536269514722 * entry.standardError!, 6);
      expect(entry.bestRank!).toBeLessThanOrEqual(entry.rank);
      expect(entry.worstRank!).toBeGreaterThanOrEqual(entry.rank);
    }
  });

  it('weights labelers: weight 0 removes a spammer, whose clicks otherwise pull towards the right side', () => {
    const weighted = job.results({ scorer: 'bradleyTerry', labelerWeights: { spam: 0 } })[0]!;
    // Weights are rescaled to average 1 over all responses: with spam at 0 the other two thirds count 1.5 each.
    const careful = fitBradleyTerry(
      job.comparisons({ perVote: true }).filter((vote) => vote.labelerId !== 'spam').map((vote) => ({ ...vote, weight: 1.5 })),
      { scale: 400, center: 1200 },
    );
    for (const entry of weighted.entries) {
      expect(entry.score).toBeCloseTo(careful.entries.find((candidate) => candidate.datapoint === entry.datapoint)!.score, 6);
    }
    const withSpam = job.results({ scorer: 'bradleyTerry', positionEffect: true })[0]!;
    const without = job.results({ scorer: 'bradleyTerry', positionEffect: true, labelerWeights: new Map([['spam', 0]]) })[0]!;
    expect(withSpam.positionEffect!.score).toBeLessThan(-100);
    expect(Math.abs(without.positionEffect!.score)).toBeLessThan(3 * without.positionEffect!.standardError);
  });

  it('treats weights as relative: scaling every labeler alike changes nothing, standard errors included', () => {
    const plain = job.results({ scorer: 'bradleyTerry' })[0]!;
    const scaled = job.results({ scorer: 'bradleyTerry', labelerWeights: { ann: 10, bo: 10, spam: 10 } })[0]!;
    scaled.entries.forEach((entry, i) => {
      expect(entry.score).toBeCloseTo(plain.entries[i]!.score, 6);
      expect(entry.standardError!).toBeCloseTo(plain.entries[i]!.standardError!, 6);
    });
    expect(plain.fit).toMatchObject({ converged: true, standardErrorsExact: true });
  });

  it('says when the responses do not bound the position effect', () => {
    // One response, left wins: a left-side advantage of any size explains it as well.
    const single = createRankingJob(definitionOf({ datapoints: [ids(4)] }), { seed: 1 });
    const [matchup] = single.nextMatchups(1);
    single.recordResponse(matchup!.id, 'left');
    expect(single.results({ scorer: 'bradleyTerry', positionEffect: true })[0]!.positionEffect).toMatchObject({ identified: false });
    // The spam-laden job above bounds it: no identified key.
    expect('identified' in job.results({ scorer: 'bradleyTerry', positionEffect: true })[0]!.positionEffect!).toBe(false);
  });

  it('reports no position effect when no response can inform it, and names the prior when scores would be infinite', () => {
    const fresh = createRankingJob(definitionOf({ datapoints: [ids(4)] }), { seed: 1 });
    expect(fresh.results({ scorer: 'bradleyTerry', positionEffect: true })[0]!.positionEffect).toBeNull();
    const [matchup] = fresh.nextMatchups(1);
    fresh.recordResponse(matchup!.id, 'left', { labelerId: 'x' });
    expect(fresh.results({ scorer: 'bradleyTerry', positionEffect: true, labelerWeights: { x: 0 } })[0]!.positionEffect).toBeNull();
    expectInputError(() => fresh.results({ scorer: 'bradleyTerry', prior: 0 }), 'options.prior');
  });

  it('ranks datapoints nobody compared yet at the centre', () => {
    const fresh = createRankingJob(definitionOf({ datapoints: [ids(4)] }), { seed: 1 });
    const [matchup] = fresh.nextMatchups(1);
    fresh.recordResponse(matchup!.id, 'left');
    const entries = fresh.results({ scorer: 'bradleyTerry' })[0]!.entries;
    expect(entries).toHaveLength(4);
    expect(entries.filter((entry) => entry.comparisons === 0).every((entry) => Math.abs(entry.score - 1200) < 1e-6)).toBe(true);
  });

  it('rejects bad options without changing the job', () => {
    const before = JSON.stringify(job.snapshot());
    expectInputError(() => job.results({ scorer: 'glicko' as never }), 'options.scorer');
    expectInputError(() => job.results({ scorer: 'elo', intervals: true }), 'options.intervals');
    expectInputError(() => job.results({ prior: 1 }), 'options.prior');
    expectInputError(() => job.results({ scorer: 'bradleyTerry', confidence: 1 }), 'options.confidence');
    expectInputError(() => job.results({ scorer: 'bradleyTerry', prior: -1 }), 'options.prior');
    expectInputError(() => job.results({ scorer: 'bradleyTerry', labelerWeights: { ann: Number.NaN } }), 'options.labelerWeights["ann"]');
    expectInputError(() => job.results({ scorer: 'bradleyTerry', weights: {} } as never), 'options.weights');
    expect(JSON.stringify(job.snapshot())).toBe(before);
  });
});
