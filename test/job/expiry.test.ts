import { describe, expect, it } from 'vitest';
import { createRankingJob } from '../../src/index.js';
import { definitionOf, expectInputError, fingerprint, ids } from '../helpers.js';

describe('expiring matchups', () => {
  const definition = definitionOf({ datapoints: [ids(6)], comparisonBudgetPerRanking: 10, matchupTtlMs: 1000, responsesPerComparison: 2 });

  it('expires pending matchups at now ≥ issue time + ttl, in deadline order, and returns their budget', () => {
    const job = createRankingJob(definition, { seed: 1 });
    const early = job.nextMatchups(2, { now: 0 });
    const late = job.nextMatchups(2, { now: 500 });
    job.recordResponse(early[1]!.id, 'left', { now: 100 }); // a partial response is dropped too
    expect(job.expireMatchups(999)).toEqual([]);
    expect(job.expireMatchups(1000)).toEqual(early.map((matchup) => matchup.id));
    expect(job.progress()).toMatchObject({ pending: 2, available: 8 });
    expect(job.expireMatchups(1499)).toEqual([]);
    expect(job.expireMatchups(10_000)).toEqual(late.map((matchup) => matchup.id));
    expect(job.progress()).toMatchObject({ pending: 0, completed: 0, available: 10 });
    expect(job.results()[0]!.entries.every((entry) => entry.score === 1200)).toBe(true);
  });

  it('rejects a response past the deadline without changing anything, then names the matchup expired', () => {
    const job = createRankingJob(definition, { seed: 2 });
    const [matchup] = job.nextMatchups(1, { now: 0 });
    const before = fingerprint(job);
    expect(expectInputError(() => job.recordResponse(matchup!.id, 'left', { now: 1000 }), 'matchupId').message).toContain('expired at 1000');
    expect(fingerprint(job)).toBe(before);
    // Without a clock reading the response is taken: the job cannot tell it is late.
    expect(job.recordResponse(matchup!.id, 'left')).toBe(true);
    job.expireMatchups(1000);
    expect(expectInputError(() => job.recordResponse(matchup!.id, 'left'), 'matchupId').message).toContain('expired and takes no more responses');
    expect(expectInputError(() => job.releaseMatchup(matchup!.id), 'matchupId').message).toContain('expired and cannot be released');
  });

  it('completed and released matchups never expire', () => {
    const job = createRankingJob(definitionOf({ datapoints: [ids(4)], comparisonBudgetPerRanking: 5, matchupTtlMs: 10 }), { seed: 3 });
    const [done, released, open] = job.nextMatchups(3, { now: 0 });
    job.recordResponse(done!.id, 'left', { now: 5 });
    job.releaseMatchup(released!.id);
    expect(job.expireMatchups(100)).toEqual([open!.id]);
    expect(job.progress()).toMatchObject({ completed: 1, pending: 0 });
  });

  it('needs `now` when the definition has a ttl, and checks it', () => {
    const job = createRankingJob(definition, { seed: 4 });
    expectInputError(() => job.nextMatchups(1), 'options.now');
    expectInputError(() => job.nextMatchups(1, { now: Number.NaN }), 'options.now');
    expectInputError(() => job.nextMatchups(1, { now: '5' as never }), 'options.now');
    expectInputError(() => job.expireMatchups(Number.POSITIVE_INFINITY), 'now');
    expectInputError(() => job.expireMatchups(undefined as never), 'now');
    // now + ttl must stay finite, or the deadline could never be stored or compared.
    const long = createRankingJob(definitionOf({ matchupTtlMs: 1e308 }), { seed: 4 });
    const before = JSON.stringify(long.snapshot());
    expectInputError(() => long.nextMatchups(1, { now: 1e308 }), 'options.now');
    expect(JSON.stringify(long.snapshot())).toBe(before);
    expect(job.progress().pending).toBe(0);
    // Without a ttl, `now` is optional and nothing expires.
    const plain = createRankingJob(definitionOf(), { seed: 4 });
    plain.nextMatchups(2);
    expect(plain.expireMatchups(1e15)).toEqual([]);
  });

  it('a round-robin pair that expired comes back', () => {
    const job = createRankingJob(definitionOf({ datapoints: [['a', 'b', 'c']], comparisonBudgetPerRanking: 3, pairing: 'roundRobin', matchupTtlMs: 10 }), { seed: 5 });
    const pairs = (matchups: { left: string; right: string }[]) => matchups.map((m) => [m.left, m.right].sort().join('')).sort();
    const first = job.nextMatchups(3, { now: 0 });
    job.recordResponse(first[0]!.id, 'left', { now: 1 });
    job.recordResponse(first[1]!.id, 'left', { now: 1 });
    job.expireMatchups(10);
    const again = job.nextMatchups(3, { now: 20 });
    expect(pairs(again)).toEqual(pairs([first[2]!]));
  });
});
