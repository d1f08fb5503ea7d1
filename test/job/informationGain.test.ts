import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createLabeler,
  createRankingJob,
  createRng,
  generateTrueScores,
  replayRankingJob,
  restoreRankingJob,
  type Labeler,
  type Matchup,
  type RankingJob,
} from '../../src/index.js';
import { definitionOf, fingerprint, ids } from '../helpers.js';

const OUTCOMES = ['left', 'right', 'draw'] as const;

function countsOf(matchups: readonly Matchup[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { left, right } of matchups) for (const id of [left, right]) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

describe("pairing 'informationGain'", () => {
  it('defaults to a random share of 0.1', () => {
    expect(definitionOf({ pairing: 'informationGain' }).randomComparisonsRatio).toBe(0.1);
    expect(definitionOf({ pairing: 'informationGain', randomComparisonsRatio: 0.4 }).randomComparisonsRatio).toBe(0.4);
  });

  it("issues only 'informationGain' and 'random' matchups, the random share following randomComparisonsRatio", () => {
    for (const ratio of [undefined, 0, 0.3, 1]) {
      const expected = ratio ?? 0.1;
      const job = createRankingJob(
        definitionOf({ datapoints: [ids(30)], comparisonBudgetPerRanking: 4000, pairing: 'informationGain', ...(ratio === undefined ? {} : { randomComparisonsRatio: ratio }) }),
        { seed: `share-${expected}` },
      );
      const matchups = job.nextMatchups(4000);
      expect(matchups).toHaveLength(4000);
      expect(matchups.every((matchup) => matchup.kind === 'informationGain' || matchup.kind === 'random')).toBe(true);
      const share = matchups.filter((matchup) => matchup.kind === 'random').length / matchups.length;
      // Binomial(4000, p): standard deviation √(p(1 − p) / 4000) ≤ 0.0080; five of them.
      expect(Math.abs(share - expected)).toBeLessThanOrEqual(5 * Math.sqrt((expected * (1 - expected)) / 4000) + 1e-12);
      for (const matchup of matchups) expect(matchup.left).not.toBe(matchup.right);
    }
  });

  it('with 64 matchups in flight on 100 datapoints, spreads them: no datapoint in more than 4, most datapoints in one', () => {
    // Measured over these seeds and batches: at most 4 per datapoint, and 83–100 distinct
    // datapoints per batch of 128 places. Every anchor is a least-exposed datapoint
    // (pending matchups count), and opponents with matchups pending promise less.
    for (let seed = 0; seed < 10; seed++) {
      const job = createRankingJob(definitionOf({ datapoints: [ids(100)], comparisonBudgetPerRanking: 2000, pairing: 'informationGain' }), { seed });
      const labeler = createLabeler('thurstone', generateTrueScores(ids(100), {}, createRng(`${seed}/truth`)));
      const rng = createRng(`${seed}/labeler`);
      for (let batch = 0; batch < 4; batch++) {
        const matchups = job.nextMatchups(64);
        const counts = countsOf(matchups);
        expect(Math.max(...counts.values())).toBeLessThanOrEqual(4);
        expect(counts.size).toBeGreaterThanOrEqual(75);
        for (const matchup of matchups) job.recordResponse(matchup.id, labeler(matchup, rng));
        // Some answered one at a time between batches, so the posterior spreads out.
        for (let k = 0; k < 150; k++) {
          const [matchup] = job.nextMatchups();
          job.recordResponse(matchup!.id, labeler(matchup!, rng));
        }
      }
    }
  });

  it('without random matchups, after m issued every datapoint is in at least ⌊m / n⌋ (the anchor is always least exposed)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 25 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer(),
        (n, budget, batch, candidates, seed) => {
          const job = createRankingJob(
            definitionOf({ datapoints: [ids(n)], comparisonBudgetPerRanking: budget, pairing: 'informationGain', randomComparisonsRatio: 0, closeMatchCandidates: candidates }),
            { seed },
          );
          const rng = createRng(seed);
          const counts = new Map(ids(n).map((id) => [id, 0]));
          let issued = 0;
          while (!job.done) {
            for (const matchup of job.nextMatchups(batch)) {
              expect(matchup.kind).toBe('informationGain');
              counts.set(matchup.left, counts.get(matchup.left)! + 1);
              counts.set(matchup.right, counts.get(matchup.right)! + 1);
              issued++;
              expect(Math.min(...counts.values())).toBeGreaterThanOrEqual(Math.floor(issued / n));
            }
            for (const matchup of job.pendingMatchups()) job.recordResponse(matchup.id, rng() < 0.5 ? 'left' : 'right');
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('keeps the budgets and the job invariants under any interleaving of calls', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 2, max: 12 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom(0, 0.1, 0.5),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.record({ batch: fc.integer({ min: 1, max: 8 }), release: fc.nat({ max: 4 }), outcome: fc.nat({ max: 9 }) }), { minLength: 1, maxLength: 30 }),
        fc.integer(),
        (sizes, budget, ratio, responses, steps, seed) => {
          const job = createRankingJob(
            definitionOf({ datapoints: sizes.map((size, r) => ids(size, `r${r}-`)), comparisonBudgetPerRanking: budget, pairing: 'informationGain', randomComparisonsRatio: ratio, responsesPerComparison: responses }),
            { seed },
          );
          const completed = sizes.map(() => 0);
          let step = 0;
          while (!job.done) {
            const { batch, release, outcome } = steps[step++ % steps.length]!;
            const available = job.progress().available;
            const issued = job.nextMatchups(batch);
            expect(issued).toHaveLength(Math.min(batch, available));
            for (const matchup of issued) {
              expect(matchup.left).not.toBe(matchup.right);
              expect(['informationGain', 'random']).toContain(matchup.kind);
            }
            for (const [k, matchup] of job.pendingMatchups().entries()) {
              // Release some (never all, so the job finishes), answer the rest fully.
              if (k > 0 && (k + step) % 5 < release) {
                job.releaseMatchup(matchup.id);
                continue;
              }
              for (let v = 0; v < responses; v++) job.recordResponse(matchup.id, OUTCOMES[(outcome + v + k) % 3]!);
              completed[matchup.ranking!]!++;
            }
            const progress = job.progress();
            for (const [r, ranking] of progress.perRanking.entries()) {
              expect(ranking.pending + ranking.completed + ranking.available).toBe(ranking.budget);
              expect(ranking.pending + ranking.completed).toBeLessThanOrEqual(ranking.budget);
              expect(ranking.completed).toBe(completed[r]);
              expect(ranking.saved).toBe(0);
              expect(ranking.settled).toBe(false);
            }
            for (const result of job.results({ scorer: 'elo' })) {
              expect(result.entries.reduce((sum, entry) => sum + entry.comparisons, 0)).toBe(2 * completed[result.ranking]!);
              // Zero-sum, exactly.
              expect(result.entries.reduce((sum, entry) => sum + entry.score, 0)).toBe(1200 * result.entries.length);
            }
          }
          expect(completed).toEqual(sizes.map(() => budget));
          expect(job.nextMatchups(5)).toEqual([]);
          for (const result of job.results()) {
            expect(result.entries).toHaveLength(sizes[result.ranking]!);
            for (const entry of result.entries) expect(Number.isFinite(entry.score) && entry.standardError! > 0).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  describe('a job halfway, with matchups in flight, continues identically', () => {
    const definition = definitionOf({ datapoints: [ids(40), ids(12, 'e')], comparisonBudgetPerRanking: 300, pairing: 'informationGain', responsesPerComparison: 2 });
    const seed = 'information-halfway';
    const truth = generateTrueScores([...ids(40), ...ids(12, 'e'), 'late'], {}, createRng('truth'));
    const labeler: Labeler = createLabeler({ model: 'thurstone', drawRate: 0.1 }, truth);

    function halfway(): { job: RankingJob; rng: () => number } {
      const job = createRankingJob(definition, { seed });
      const rng = createRng('labeler');
      const votes = new Map<string, number>();
      for (let round = 0; round < 30; round++) {
        job.nextMatchups(8);
        const pending = job.pendingMatchups();
        const half = Math.ceil(pending.length / 2);
        // The oldest half answered, the last of them with one vote of two; now and then one released.
        for (const [k, matchup] of pending.slice(0, half).entries()) {
          if (k === 0 && round % 7 === 3) {
            job.releaseMatchup(matchup.id);
            continue;
          }
          const wanted = k === half - 1 ? 1 : 2;
          for (let v = votes.get(matchup.id) ?? 0; v < wanted; v++) job.recordResponse(matchup.id, labeler(matchup, rng));
          votes.set(matchup.id, Math.max(wanted, votes.get(matchup.id) ?? 0));
        }
        if (round === 12) job.addDatapoints(1, ['late'], { extraBudget: 10 });
      }
      expect(job.pendingMatchups().length).toBeGreaterThanOrEqual(5);
      return { job, rng };
    }

    // Both jobs take the same calls to the end: same matchups, same results.
    function expectSameToTheEnd(job: RankingJob, copy: RankingJob, rng: () => number): void {
      expect(fingerprint(copy)).toBe(fingerprint(job));
      while (!job.done) {
        const matchups = job.nextMatchups(8);
        expect(copy.nextMatchups(8)).toEqual(matchups);
        for (const matchup of job.pendingMatchups()) {
          const outcome = labeler(matchup, rng);
          for (const target of [job, copy]) while (target.pendingMatchups().some((m) => m.id === matchup.id)) target.recordResponse(matchup.id, outcome);
        }
      }
      expect(copy.done).toBe(true);
      expect(fingerprint(copy)).toBe(fingerprint(job));
    }

    it('after snapshot → JSON → restore', () => {
      const { job, rng } = halfway();
      expectSameToTheEnd(job, restoreRankingJob(JSON.parse(JSON.stringify(job.snapshot()))), rng);
    });

    it('after replaying its event log', () => {
      const { job, rng } = halfway();
      const events = JSON.parse(JSON.stringify(job.events()));
      // The log names each matchup's kind as the job issued it.
      expect(events.filter((event: { type: string }) => event.type === 'matchupsIssued').flatMap((event: { matchups: Matchup[] }) => event.matchups.map((matchup) => matchup.kind))).toContain('informationGain');
      expectSameToTheEnd(job, replayRankingJob(definition, events, { seed }), rng);
    });
  });
});
