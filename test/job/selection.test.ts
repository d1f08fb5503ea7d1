import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bradleyTerryLabeler, createRankingJob, createRng, type Matchup } from '../../src/index.js';
import { definitionOf, ids } from '../helpers.js';

const pairKey = (matchup: Matchup) => [matchup.left, matchup.right].sort().join('|');

describe('pair selection', () => {
  it('never pairs a datapoint with itself, in any mode', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 20 }),
        fc.constantFrom(0, 0.5, 1),
        fc.constantFrom('adaptive' as const, 'roundRobin' as const),
        fc.integer(),
        (n, ratio, pairing, seed) => {
          const job = createRankingJob(definitionOf({ datapoints: [ids(n)], comparisonBudgetPerRanking: 100, randomComparisonsRatio: ratio, pairing }), { seed });
          for (const matchup of job.nextMatchups(100)) expect(matchup.left).not.toBe(matchup.right);
        },
      ),
    );
  });

  it('adaptive: the share of random matchups follows randomComparisonsRatio', () => {
    for (const ratio of [0, 0.3, 1]) {
      const job = createRankingJob(definitionOf({ datapoints: [ids(30)], comparisonBudgetPerRanking: 4000, randomComparisonsRatio: ratio }), { seed: 1 });
      const matchups = job.nextMatchups(4000);
      const random = matchups.filter((matchup) => matchup.kind === 'random').length / matchups.length;
      // Binomial(4000, ratio): standard deviation at most 0.008; 5 of them is 0.04.
      expect(Math.abs(random - ratio)).toBeLessThan(0.04);
      expect(matchups.every((matchup) => matchup.kind === 'random' || matchup.kind === 'close')).toBe(true);
    }
  });

  it('assigns left and right at random: each orientation of a pair about half the time', () => {
    const job = createRankingJob(definitionOf({ datapoints: [['a', 'b']], comparisonBudgetPerRanking: 10_000 }), { seed: 2 });
    const leftA = job.nextMatchups(10_000).filter((matchup) => matchup.left === 'a').length;
    // Binomial(10000, 1/2): standard deviation 50; 5 of them is 250.
    expect(Math.abs(leftA - 5000)).toBeLessThan(250);
  });

  it('close mode: after m close matchups every datapoint is in at least ⌊m / n⌋ of them', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 25 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer(),
        (n, budget, batch, candidates, seed) => {
          const job = createRankingJob(
            definitionOf({ datapoints: [ids(n)], comparisonBudgetPerRanking: budget, randomComparisonsRatio: 0, closeMatchCandidates: candidates }),
            { seed },
          );
          const counts = new Map(ids(n).map((id) => [id, 0]));
          let issued = 0;
          while (!job.done) {
            for (const matchup of job.nextMatchups(batch)) {
              counts.set(matchup.left, counts.get(matchup.left)! + 1);
              counts.set(matchup.right, counts.get(matchup.right)! + 1);
              issued++;
              // Pending ones count: the bound holds at every issue, answered or not.
              expect(Math.min(...counts.values())).toBeGreaterThanOrEqual(Math.floor(issued / n));
            }
            for (const matchup of job.pendingMatchups()) job.recordResponse(matchup.id, seed % 2 === 0 ? 'left' : 'right');
          }
          const finalCounts = job.results({ scorer: 'elo' })[0]!.entries.map((entry) => entry.comparisons);
          expect(Math.min(...finalCounts)).toBeGreaterThanOrEqual(Math.floor(budget / n));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('close mode: the anchor\'s previous opponent is not chosen again when another candidate exists', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 15 }), fc.integer({ min: 1, max: 6 }), fc.integer(), (n, candidates, seed) => {
        const job = createRankingJob(
          definitionOf({ datapoints: [ids(n)], comparisonBudgetPerRanking: 300, randomComparisonsRatio: 0, closeMatchCandidates: candidates }),
          { seed },
        );
        const lastOpponent = new Map<string, string>();
        const rng = createRng(seed);
        while (!job.done) {
          const [matchup] = job.nextMatchups();
          const { left, right } = matchup!;
          // Whichever side was the anchor, its previous opponent was not the other side.
          expect(lastOpponent.get(left) === right && lastOpponent.get(right) === left).toBe(false);
          lastOpponent.set(left, right);
          lastOpponent.set(right, left);
          job.recordResponse(matchup!.id, rng() < 0.5 ? 'left' : 'right');
        }
      }),
      { numRuns: 60 },
    );
  });

  it('close matchups pit nearer ratings than random ones once ratings have spread', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const n = 40;
        const truthRng = createRng(`${seed}/truth`);
        const truth = new Map(ids(n).map((id) => [id, 1200 + 600 * (truthRng() - 0.5)]));
        const labeler = bradleyTerryLabeler(truth);
        const labelerRng = createRng(`${seed}/labeler`);
        const job = createRankingJob(definitionOf({ datapoints: [ids(n)], comparisonBudgetPerRanking: 1600, randomComparisonsRatio: 0.5 }), { seed });
        const gaps = { close: [] as number[], random: [] as number[] };
        let issued = 0;
        while (!job.done) {
          const [matchup] = job.nextMatchups();
          if (++issued > 800) {
            const rating = new Map(job.results({ scorer: 'elo' })[0]!.entries.map((entry) => [entry.datapoint, entry.score]));
            const gap = Math.abs(rating.get(matchup!.left)! - rating.get(matchup!.right)!);
            if (matchup!.kind === 'close' || matchup!.kind === 'random') gaps[matchup!.kind].push(gap);
          }
          job.recordResponse(matchup!.id, labeler(matchup!, labelerRng));
        }
        const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
        // Typical figures: close about 20 points, random about 150.
        expect(mean(gaps.close)).toBeLessThan(mean(gaps.random) / 2);
      }),
      { numRuns: 10 },
    );
  });

  it('round robin: every pair once, in random order, before any pair repeats', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 1, max: 200 }), fc.integer(), (n, budget, seed) => {
        const job = createRankingJob(definitionOf({ datapoints: [ids(n)], comparisonBudgetPerRanking: budget, pairing: 'roundRobin', randomComparisonsRatio: 0.9 }), { seed });
        const pairs = (n * (n - 1)) / 2;
        const matchups = job.nextMatchups(budget);
        expect(matchups.every((matchup) => matchup.kind === 'roundRobin')).toBe(true);
        for (let start = 0; start < matchups.length; start += pairs) {
          const round = matchups.slice(start, start + pairs).map(pairKey);
          expect(new Set(round).size).toBe(round.length);
        }
      }),
    );
  });

  it('round robin: released pairs come back within the same round, so rounds stay complete', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.array(fc.boolean(), { minLength: 10, maxLength: 120 }), fc.integer(), (n, releases, seed) => {
        const budget = 90;
        const job = createRankingJob(definitionOf({ datapoints: [ids(n)], comparisonBudgetPerRanking: budget, pairing: 'roundRobin' }), { seed });
        const completedPairs: string[] = [];
        let step = 0;
        while (!job.done) {
          const [matchup] = job.nextMatchups();
          if (releases[step++ % releases.length]) job.releaseMatchup(matchup!.id);
          else {
            job.recordResponse(matchup!.id, 'left');
            completedPairs.push(pairKey(matchup!));
          }
        }
        const pairs = (n * (n - 1)) / 2;
        for (let start = 0; start + pairs <= completedPairs.length; start += pairs) {
          expect(new Set(completedPairs.slice(start, start + pairs)).size).toBe(pairs);
        }
      }),
    );
  });

  it('round robin: with many matchups in flight, released pairs are made up, so coverage stays balanced', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 7 }),
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.record({ batch: fc.integer({ min: 1, max: 8 }), release: fc.nat(), pick: fc.nat() }), { minLength: 1, maxLength: 40 }),
        fc.integer(),
        (n, budget, steps, seed) => {
          const job = createRankingJob(definitionOf({ datapoints: [ids(n)], comparisonBudgetPerRanking: budget, pairing: 'roundRobin' }), { seed });
          const pairs = (n * (n - 1)) / 2;
          const live = new Map<string, number>();
          const spread = () => {
            const counts = [...live.values()];
            while (counts.length < pairs) counts.push(0);
            return Math.max(...counts) - Math.min(...counts);
          };
          let step = 0;
          while (!job.done) {
            const { batch, release, pick } = steps[step++ % steps.length]!;
            for (const matchup of job.nextMatchups(batch)) live.set(pairKey(matchup), (live.get(pairKey(matchup)) ?? 0) + 1);
            // Issued pairs never run more than one round ahead of one another.
            expect(spread()).toBeLessThanOrEqual(2);
            // Release some of the matchups that are out (from any round), answer the rest, in
            // an order that is not the issue order.
            // At least one is answered each time, so the job finishes.
            const pending = job.pendingMatchups();
            const rotated = [...pending.slice(pick % pending.length), ...pending.slice(0, pick % pending.length)].reverse();
            for (const [i, matchup] of rotated.entries()) {
              if (i < rotated.length - 1 && (i + pick) % 5 < release % 3) {
                job.releaseMatchup(matchup.id);
                live.set(pairKey(matchup), live.get(pairKey(matchup))! - 1);
              } else job.recordResponse(matchup.id, 'left');
            }
          }
          // Once everything is answered, every pair has been compared ⌊C/P⌋ or ⌈C/P⌉ times.
          const counts = [...live.values()].filter((count) => count > 0);
          expect(counts.reduce((sum, count) => sum + count, 0)).toBe(budget);
          expect(spread()).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('round robin: the order of pairs differs between seeds', () => {
    const order = (seed: number) =>
      createRankingJob(definitionOf({ datapoints: [ids(8)], comparisonBudgetPerRanking: 28, pairing: 'roundRobin' }), { seed })
        .nextMatchups(28)
        .map(pairKey)
        .join();
    expect(order(1)).not.toBe(order(2));
  });
});
