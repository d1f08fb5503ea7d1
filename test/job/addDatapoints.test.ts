import { describe, expect, it } from 'vitest';
import { createRankingJob, createRng, restoreRankingJob } from '../../src/index.js';
import { definitionOf, expectInputError, fingerprint, ids } from '../helpers.js';

describe('addDatapoints', () => {
  it('adds datapoints at the initial rating, with extra budget, to one ranking', () => {
    const job = createRankingJob(definitionOf({ datapoints: [ids(4), ids(3, 'x')], comparisonBudgetPerRanking: 10 }), { seed: 1 });
    job.addDatapoints(1, ['x3', 'x4'], { extraBudget: 6 });
    expect(job.progress().perRanking.map((ranking) => ranking.budget)).toEqual([10, 16]);
    expect(job.progress().budget).toBe(26);
    const entries = job.results({ scorer: 'elo' })[1]!.entries;
    expect(entries.map((entry) => entry.datapoint)).toEqual(['x0', 'x1', 'x2', 'x3', 'x4']);
    expect(entries.every((entry) => entry.score === 1200)).toBe(true);
    // The definition keeps describing the job as it was created.
    expect(job.definition.datapoints[1]).toEqual(['x0', 'x1', 'x2']);
  });

  it('new datapoints are the close-match anchors until they have caught up', () => {
    const job = createRankingJob(definitionOf({ datapoints: [ids(10)], comparisonBudgetPerRanking: 400, randomComparisonsRatio: 0 }), { seed: 2 });
    const answers = createRng(2);
    const counts = new Map(ids(10).map((id) => [id, 0]));
    const play = (matchups: { id: string; left: string; right: string }[]) => {
      for (const matchup of matchups) {
        counts.set(matchup.left, (counts.get(matchup.left) ?? 0) + 1);
        counts.set(matchup.right, (counts.get(matchup.right) ?? 0) + 1);
        job.recordResponse(matchup.id, answers() < 0.5 ? 'left' : 'right');
      }
    };
    for (let k = 0; k < 100; k++) play(job.nextMatchups(1));
    // Everyone has about 20 comparisons; two newcomers have none.
    job.addDatapoints(0, ['new-a', 'new-b'], { extraBudget: 100 });
    const next = job.nextMatchups(30);
    // Each of the first 30 close matchups has a newcomer as its anchor, until they hold about 15 each.
    expect(next.every((matchup) => [matchup.left, matchup.right].some((id) => id.startsWith('new-')))).toBe(true);
    play(next);
    expect(Math.min(counts.get('new-a')!, counts.get('new-b')!)).toBeGreaterThanOrEqual(15);
  });

  it('starts them at another initial rating when asked, rounded to the rating grid; sums stay exact', () => {
    const job = createRankingJob(definitionOf({ datapoints: [ids(4)], comparisonBudgetPerRanking: 40 }), { seed: 3 });
    job.addDatapoints(0, ['strong'], { initialRating: 1500, extraBudget: 10 });
    job.addDatapoints(0, ['odd'], { initialRating: 1000.1 });
    const score = (id: string) => job.results({ scorer: 'elo' })[0]!.entries.find((entry) => entry.datapoint === id)!.score;
    expect(score('strong')).toBe(1500);
    // 1000.1 is not a multiple of 2^-23; the start is the nearest grid point.
    const oddStart = score('odd');
    expect(oddStart).not.toBe(1000.1);
    expect(Math.abs(oddStart - 1000.1)).toBeLessThanOrEqual(2 ** -24);
    expect(Number.isInteger((oddStart - 1200) / 2 ** -23)).toBe(true);
    // The event log records the rating it really started at.
    const added = job.events().find((e) => e.type === 'datapointsAdded' && e.datapoints[0] === 'odd');
    expect(added).toMatchObject({ initialRating: oddStart });
    const total = 4 * 1200 + 1500 + oddStart;
    while (!job.done) for (const m of job.nextMatchups(5)) job.recordResponse(m.id, m.left < m.right ? 'left' : 'right');
    expect(job.results({ scorer: 'elo' })[0]!.entries.reduce((sum, entry) => sum + entry.score, 0)).toBe(total);
  });

  it('works in round robin: new pairs join the current round', () => {
    const job = createRankingJob(definitionOf({ datapoints: [['a', 'b', 'c']], comparisonBudgetPerRanking: 6, pairing: 'roundRobin' }), { seed: 4 });
    const first = job.nextMatchups(2);
    job.addDatapoints(0, ['d']);
    const rest = job.nextMatchups(4);
    const pairs = [...first, ...rest].map((m) => [m.left, m.right].sort().join(''));
    // Six pairs of four datapoints, each once.
    expect(new Set(pairs).size).toBe(6);
  });

  it('rejects bad rankings, ids and options, changing nothing', () => {
    const job = createRankingJob(definitionOf({ datapoints: [['a', 'b'], ['c', 'd']] }), { seed: 5 });
    job.nextMatchups(2);
    const before = fingerprint(job);
    const cases: [() => unknown, string][] = [
      [() => job.addDatapoints(2, ['x']), 'ranking'],
      [() => job.addDatapoints(-1, ['x']), 'ranking'],
      [() => job.addDatapoints(0.5, ['x']), 'ranking'],
      [() => job.addDatapoints('0' as never, ['x']), 'ranking'],
      [() => job.addDatapoints(0, []), 'ids'],
      [() => job.addDatapoints(0, 'x' as never), 'ids'],
      [() => job.addDatapoints(0, ['x', '']), 'ids[1]'],
      [() => job.addDatapoints(0, ['x', 7 as never]), 'ids[1]'],
      [() => job.addDatapoints(0, ['x', 'y', 'x']), 'ids[2]'],
      [() => job.addDatapoints(0, ['a']), 'ids[0]'],
      [() => job.addDatapoints(0, ['x'], { extraBudget: 1.5 }), 'options.extraBudget'],
      [() => job.addDatapoints(0, ['x'], { extraBudget: 2 ** 60 }), 'options.extraBudget'],
      [() => job.addDatapoints(0, ['x'], { initialRating: Number.NaN }), 'options.initialRating'],
      [() => job.addDatapoints(0, ['x'], { initialRating: 1e12 }), 'options.initialRating'],
      // Beyond 2^50 grid steps (2^27 points with the defaults) sums of ratings could no longer be exact.
      [() => job.addDatapoints(0, ['x'], { initialRating: 1200 + 2 ** 27 + 1 }), 'options.initialRating'],
      [() => job.addDatapoints(0, ['x'], { rating: 5 } as never), 'options.rating'],
    ];
    for (const [call, path] of cases) expectInputError(call, path);
    expect(fingerprint(job)).toBe(before);
    // The same id in another ranking is fine: rankings are independent.
    job.addDatapoints(1, ['a']);
    expect(job.results({ scorer: 'elo' })[1]!.entries.map((entry) => entry.datapoint)).toContain('a');
  });

  it('keeps sums exact and snapshots restorable for datapoints added far from the initial rating', () => {
    const job = createRankingJob(definitionOf({ datapoints: [ids(3)], comparisonBudgetPerRanking: 60 }), { seed: 7 });
    job.addDatapoints(0, ids(8, 'far'), { initialRating: 1200 + 2 ** 27, extraBudget: 20 });
    const start = 3 * 1200 + 8 * (1200 + 2 ** 27);
    while (!job.done) for (const m of job.nextMatchups(4)) job.recordResponse(m.id, m.left < m.right ? 'left' : 'right');
    // The sum of ratings is exact in whole grid steps (BigInt), however large the total.
    const steps = job.results({ scorer: 'elo' })[0]!.entries.reduce((total, entry) => total + BigInt((entry.score - 1200) / 2 ** -23), 0n);
    expect(steps).toBe(BigInt((start - 11 * 1200) / 2 ** -23));
    expect(fingerprint(restoreRankingJob(JSON.parse(JSON.stringify(job.snapshot()))))).toBe(fingerprint(job));
  });

  it('takes ids like "__proto__" and "constructor"', () => {
    const job = createRankingJob(definitionOf({ datapoints: [['toString', 'valueOf']] }), { seed: 6 });
    job.addDatapoints(0, ['__proto__', 'constructor', 'hasOwnProperty']);
    expectInputError(() => job.addDatapoints(0, ['__proto__']), 'ids[0]');
    expect(job.results({ scorer: 'elo' })[0]!.entries).toHaveLength(5);
  });
});
