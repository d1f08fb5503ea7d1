import { describe, expect, it } from 'vitest';
import { MAX_MATCHUPS_PER_CALL, createRankingJob, updateElo } from '../../src/index.js';
import { definitionOf, ids, runToCompletion } from '../helpers.js';

describe('a ranking job', () => {
  it('runs the budget to completion and reports done', () => {
    const job = createRankingJob(definitionOf({ datapoints: [ids(8)], comparisonBudgetPerRanking: 30 }), { seed: 1 });
    expect(job.done).toBe(false);
    runToCompletion(job, (left, right) => (left < right ? 'left' : 'right'));
    expect(job.done).toBe(true);
    expect(job.nextMatchups(5)).toEqual([]);
    const progress = job.progress();
    expect(progress).toMatchObject({ budget: 30, pending: 0, completed: 30, remaining: 0, available: 0, fraction: 1 });
    const [result] = job.results({ scorer: 'elo' });
    expect(result!.comparisons).toBe(30);
    expect(result!.entries.reduce((sum, entry) => sum + entry.comparisons, 0)).toBe(60);
  });

  it('issues well-formed matchups: unique ids, two distinct datapoints of the named ranking', () => {
    const definition = definitionOf({ datapoints: [ids(5, 'a'), ids(7, 'b'), ids(2, 'c')], comparisonBudgetPerRanking: 40 });
    const job = createRankingJob(definition, { seed: 'well-formed' });
    const seen = new Set<string>();
    for (const matchup of job.nextMatchups(1000)) {
      expect(seen.has(matchup.id)).toBe(false);
      seen.add(matchup.id);
      expect(matchup.left).not.toBe(matchup.right);
      const ranking = definition.datapoints[matchup.ranking!]!;
      expect(ranking).toContain(matchup.left);
      expect(ranking).toContain(matchup.right);
      expect(['random', 'close']).toContain(matchup.kind);
    }
    expect(seen.size).toBe(120);
  });

  it('spreads a batch evenly across the rankings that still have budget', () => {
    const job = createRankingJob(definitionOf({ datapoints: [ids(4), ids(4), ids(4)], comparisonBudgetPerRanking: 10 }), { seed: 2 });
    const first = job.nextMatchups(7);
    const perRanking = [0, 0, 0];
    for (const matchup of first) perRanking[matchup.ranking!]!++;
    expect(perRanking).toEqual([3, 2, 2]);
    // Ranking 1's matchups come back: the next ones go to it first.
    for (const matchup of first.filter((m) => m.ranking === 1)) job.releaseMatchup(matchup.id);
    expect(job.nextMatchups(2).map((matchup) => matchup.ranking)).toEqual([1, 1]);
    // The remaining budget goes out in full, then nothing more.
    expect(job.nextMatchups(100)).toHaveLength(30 - 7);
    expect(job.nextMatchups(1)).toEqual([]);
  });

  it('returns fewer matchups than asked when the budget is taken, and none once all is pending', () => {
    const job = createRankingJob(definitionOf({ comparisonBudgetPerRanking: 5 }), { seed: 3 });
    expect(job.nextMatchups()).toHaveLength(1);
    expect(job.nextMatchups(10)).toHaveLength(4);
    expect(job.nextMatchups(10)).toEqual([]);
    expect(job.progress()).toMatchObject({ pending: 5, completed: 0, remaining: 5, available: 0, fraction: 0 });
    expect(job.done).toBe(false);
  });

  it('hands out at most MAX_MATCHUPS_PER_CALL matchups in one call, whatever the limit', () => {
    const job = createRankingJob(definitionOf({ datapoints: [ids(50)], comparisonBudgetPerRanking: 2 ** 40 }), { seed: 10 });
    expect(MAX_MATCHUPS_PER_CALL).toBe(65_536);
    const issued = job.nextMatchups(2 ** 31);
    expect(issued).toHaveLength(MAX_MATCHUPS_PER_CALL);
    expect(job.progress().pending).toBe(MAX_MATCHUPS_PER_CALL);
    // The event log keeps the count less one in 16 bits: the largest call reads back whole.
    job.nextMatchups(1);
    const events = job.events();
    expect(events.map((event) => event.type === 'matchupsIssued' && event.matchups.length)).toEqual([MAX_MATCHUPS_PER_CALL, 1]);
    const first = events[0]!;
    expect(first.type === 'matchupsIssued' && first.matchups.map((matchup) => matchup.id)).toEqual(issued.map((matchup) => matchup.id));
  });

  it('gives a released matchup\'s budget unit back', () => {
    const job = createRankingJob(definitionOf({ comparisonBudgetPerRanking: 2 }), { seed: 4 });
    const [a, b] = job.nextMatchups(2);
    expect(job.nextMatchups()).toEqual([]);
    job.releaseMatchup(a!.id);
    expect(job.progress()).toMatchObject({ pending: 1, available: 1 });
    const [c] = job.nextMatchups();
    expect(c!.id).not.toBe(a!.id);
    job.recordResponse(b!.id, 'left');
    job.recordResponse(c!.id, 'right');
    expect(job.done).toBe(true);
  });

  it('lists pending matchups in issue order', () => {
    const job = createRankingJob(definitionOf(), { seed: 5 });
    const issued = job.nextMatchups(6);
    job.recordResponse(issued[1]!.id, 'left');
    job.releaseMatchup(issued[4]!.id);
    expect(job.pendingMatchups()).toEqual([issued[0], issued[2], issued[3], issued[5]]);
  });

  it('reports results at any time, partial while running', () => {
    const job = createRankingJob(definitionOf({ datapoints: [['a', 'b', 'c']], comparisonBudgetPerRanking: 10 }), { seed: 6 });
    // Before any response: every score is the initial rating, all share rank 1, in input order.
    expect(job.results({ scorer: 'elo' })[0]!.entries).toEqual(
      ['a', 'b', 'c'].map((datapoint) => ({ rank: 1, datapoint, score: 1200, wins: 0, losses: 0, draws: 0, comparisons: 0 })),
    );
    const [matchup] = job.nextMatchups();
    job.recordResponse(matchup!.id, 'left');
    const [result] = job.results({ scorer: 'elo' });
    expect(result!.comparisons).toBe(1);
    // Hand check: 1200 vs 1200, K 40: the winner has 1220, the loser 1180, the third 1200.
    expect(result!.entries.map((entry) => [entry.datapoint, entry.score, entry.rank])).toEqual([
      [matchup!.left, 1220, 1],
      [['a', 'b', 'c'].find((id) => id !== matchup!.left && id !== matchup!.right), 1200, 2],
      [matchup!.right, 1180, 3],
    ]);
  });

  it('uses competition ranks (1, 2, 2, 4) and keeps ties in input order', () => {
    const job = createRankingJob(definitionOf({ datapoints: [['w', 'x', 'y', 'z']], comparisonBudgetPerRanking: 50 }), { seed: 7 });
    // Find a matchup, answer it, then give draws only: w vs x decided, everything else tied.
    let decided = false;
    while (!decided) {
      const [matchup] = job.nextMatchups();
      if (!matchup) break;
      const pair = [matchup.left, matchup.right].sort().join();
      if (pair === 'y,z') {
        job.recordResponse(matchup.id, matchup.left === 'y' ? 'left' : 'right');
        decided = true;
      } else job.releaseMatchup(matchup.id);
    }
    expect(decided).toBe(true);
    const entries = job.results({ scorer: 'elo' })[0]!.entries;
    // y won: 1220; w and x untouched (1200, tied, input order); z lost: 1180.
    expect(entries.map((entry) => [entry.rank, entry.datapoint, entry.score])).toEqual([
      [1, 'y', 1220],
      [2, 'w', 1200],
      [2, 'x', 1200],
      [4, 'z', 1180],
    ]);
  });

  it('applies exactly the Elo update of each completed matchup, in completion order', () => {
    const job = createRankingJob(definitionOf({ datapoints: [ids(5)], comparisonBudgetPerRanking: 40 }), { seed: 8 });
    const ratings = new Map(ids(5).map((id) => [id, 1200]));
    const issued = job.nextMatchups(40);
    // Answer out of issue order, as real labelers do.
    const order = issued.map((_, i) => i).sort((a, b) => ((a * 7) % 40) - ((b * 7) % 40));
    for (const i of order) {
      const matchup = issued[i]!;
      const outcome = (['left', 'right', 'draw'] as const)[i % 3]!;
      job.recordResponse(matchup.id, outcome);
      const score = outcome === 'left' ? 1 : outcome === 'right' ? 0 : 0.5;
      const [left, right] = updateElo(ratings.get(matchup.left)!, ratings.get(matchup.right)!, score);
      ratings.set(matchup.left, left);
      ratings.set(matchup.right, right);
    }
    for (const entry of job.results({ scorer: 'elo' })[0]!.entries) expect(entry.score).toBe(ratings.get(entry.datapoint));
  });

  it('counts wins, losses and draws of completed matchups only', () => {
    const job = createRankingJob(definitionOf({ datapoints: [['a', 'b']], comparisonBudgetPerRanking: 4 }), { seed: 9 });
    const [m1, m2, m3, m4] = job.nextMatchups(4);
    job.recordResponse(m1!.id, m1!.left === 'a' ? 'left' : 'right'); // a wins
    job.recordResponse(m2!.id, m2!.left === 'a' ? 'left' : 'right'); // a wins
    job.recordResponse(m3!.id, 'draw');
    job.releaseMatchup(m4!.id);
    const byId = new Map(job.results({ scorer: 'elo' })[0]!.entries.map((entry) => [entry.datapoint, entry]));
    expect(byId.get('a')).toMatchObject({ wins: 2, losses: 0, draws: 1, comparisons: 3 });
    expect(byId.get('b')).toMatchObject({ wins: 0, losses: 2, draws: 1, comparisons: 3 });
  });

  it('handles ids like "__proto__", "constructor", emoji and 10 kB strings like any other', () => {
    const special = ['__proto__', 'constructor', 'toString', '🐇🥕', 'x'.repeat(10_000), 'valueOf'];
    const definition = definitionOf({ datapoints: [special, ['__proto__', 'prototype']], comparisonBudgetPerRanking: 60 });
    const job = createRankingJob(definition, { seed: 'special' });
    runToCompletion(job, (left, right) => (left.length >= right.length ? 'left' : 'right'), 7);
    const [first, second] = job.results({ scorer: 'elo' });
    expect(first!.entries.map((entry) => entry.datapoint).sort()).toEqual([...special].sort());
    expect(second!.entries.map((entry) => entry.datapoint).sort()).toEqual(['__proto__', 'prototype']);
    expect(first!.entries.reduce((sum, entry) => sum + entry.score, 0)).toBe(special.length * 1200);
    expect(Object.getPrototypeOf(first!.entries[0])).toBe(Object.prototype);
  });
});
