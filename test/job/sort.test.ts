import { describe, expect, it } from 'vitest';
import {
  createLabeler,
  createRankingJob,
  createRng,
  generateTrueScores,
  kendallTau,
  replayRankingJob,
  restoreRankingJob,
  type Labeler,
  type RankingJob,
  type RankingResult,
} from '../../src/index.js';
import { definitionOf, fingerprint, ids } from '../helpers.js';

// Σ_{k=2..n} ⌈log2 k⌉: the most comparisons binary insertion sort needs (Knuth, TAOCP
// vol. 3, §5.3.1). By hand: n = 12: 1 + 2·2 + 4·3 + 4·4 = 33;
// n = 50: 1 + 2·2 + 4·3 + 8·4 + 16·5 + 18·6 = 237.
function insertionBound(n: number): number {
  let total = 0;
  for (let k = 2; k <= n; k++) total += Math.ceil(Math.log2(k));
  return total;
}

// ⌈log2 n!⌉, the fewest comparisons any sort needs in the worst case (information bound).
function sortingLowerBound(n: number): number {
  let bits = 0;
  for (let k = 2; k <= n; k++) bits += Math.log2(k);
  return Math.ceil(bits);
}

function expectExactOrder(result: RankingResult, truth: ReadonlyMap<string, number>): void {
  const trueOrder = [...truth.keys()].sort((a, b) => truth.get(b)! - truth.get(a)!);
  expect(result.entries.map((entry) => entry.datapoint)).toEqual(trueOrder);
  // No tied scores: strictly decreasing, ranks 1 … n.
  result.entries.forEach((entry, i) => {
    expect(entry.rank).toBe(i + 1);
    if (i > 0) expect(entry.score).toBeLessThan(result.entries[i - 1]!.score);
  });
}

function truthFor(datapoints: readonly string[], seed: string): Map<string, number> {
  return generateTrueScores(datapoints, {}, createRng(`${seed}/truth`));
}

// Keeps `inFlight` matchups out and answers the oldest, until the job is done.
function runWithInFlight(job: RankingJob, labeler: Labeler, inFlight: number, rng: () => number): void {
  while (!job.done) {
    const missing = inFlight - job.pendingMatchups().length;
    if (missing > 0) job.nextMatchups(missing);
    const [oldest] = job.pendingMatchups();
    job.recordResponse(oldest!.id, labeler(oldest!, rng));
  }
}

describe("pairing 'sort'", () => {
  it('the bounds: Σ⌈log2 k⌉ is 33 and 237, within 1.25 × ⌈log2 n!⌉ = 1.25 × 29 and 1.25 × 215', () => {
    expect(insertionBound(12)).toBe(33);
    expect(insertionBound(50)).toBe(237);
    // 12! = 479 001 600 and log2 of it is 28.84, so 29. ln 50! = 148.478 (Stirling:
    // 50 ln 50 − 50 + ½ ln(100π) + 1/600), divided by ln 2 is 214.21, so 215.
    expect(sortingLowerBound(12)).toBe(29);
    expect(sortingLowerBound(50)).toBe(215);
    // 33 ≤ 36.25 and 237 ≤ 268.75.
    expect(insertionBound(12)).toBeLessThanOrEqual(1.25 * sortingLowerBound(12));
    expect(insertionBound(50)).toBeLessThanOrEqual(1.25 * sortingLowerBound(50));
  });

  for (const n of [12, 50]) {
    it(`with a noiseless labeler gives the exact order after at most Σ⌈log2 k⌉ = ${insertionBound(n)} comparisons, n = ${n}`, () => {
      for (let seed = 0; seed < 5; seed++) {
        const truth = truthFor(ids(n), `sort-${n}-${seed}`);
        const labeler = createLabeler('noiseless', truth);
        const rng = createRng(seed);
        // A few matchups of budget past the bound, to see the sort end.
        const job = createRankingJob(definitionOf({ datapoints: [ids(n)], comparisonBudgetPerRanking: insertionBound(n) + 5, pairing: 'sort' }), { seed });
        let sortedAfter = -1;
        while (!job.done) {
          const [matchup] = job.nextMatchups();
          if (matchup!.kind !== 'sort' && sortedAfter < 0) {
            // Every datapoint is placed: the chain proves the order.
            sortedAfter = job.progress().completed;
            expectExactOrder(job.results()[0]!, truth);
          }
          if (sortedAfter < 0) expect(matchup!.kind).toBe('sort');
          else expect(['informationGain', 'random']).toContain(matchup!.kind);
          job.recordResponse(matchup!.id, labeler(matchup!, rng));
        }
        expect(sortedAfter).toBeGreaterThan(0);
        expect(sortedAfter).toBeLessThanOrEqual(insertionBound(n));
        expect(sortedAfter).toBeLessThanOrEqual(1.25 * sortingLowerBound(n));
        expectExactOrder(job.results()[0]!, truth);
      }
    });
  }

  it('with a budget of exactly Σ⌈log2 k⌉ and nothing else to go on, ends on the exact order', () => {
    for (const n of [12, 50]) {
      for (let seed = 10; seed < 13; seed++) {
        const truth = truthFor(ids(n), `exact-${n}-${seed}`);
        const job = createRankingJob(definitionOf({ datapoints: [ids(n)], comparisonBudgetPerRanking: insertionBound(n), pairing: 'sort' }), { seed });
        runWithInFlight(job, createLabeler('noiseless', truth), 1, createRng(seed));
        expectExactOrder(job.results()[0]!, truth);
      }
    }
  });

  it('with 8 matchups in flight still reaches the exact order', () => {
    // Measured (20 seeds, the oldest matchup answered first): every datapoint placed, and
    // the order exact at that moment, after 37–70 completed matchups at n = 12 (bound 33)
    // and 233–266 at n = 50 (bound 237). With 8 of 12 in flight most slots go to
    // information-gain matchups once fewer than 8 datapoints are left to place (each has
    // its one search step out), and a search step then waits behind up to 7 others. The
    // budgets, 3 × 33 and 2 × 237, leave room for that.
    for (const [n, budget] of [
      [12, 3 * insertionBound(12)],
      [50, 2 * insertionBound(50)],
    ] as const) {
      for (let seed = 0; seed < 5; seed++) {
        const truth = truthFor(ids(n), `flight-${n}-${seed}`);
        const job = createRankingJob(definitionOf({ datapoints: [ids(n)], comparisonBudgetPerRanking: budget, pairing: 'sort' }), { seed });
        const kinds = new Set<string>();
        const labeler = createLabeler('noiseless', truth);
        const rng = createRng(seed);
        while (!job.done) {
          const missing = 8 - job.pendingMatchups().length;
          if (missing > 0) for (const matchup of job.nextMatchups(missing)) kinds.add(matchup.kind);
          const [oldest] = job.pendingMatchups();
          job.recordResponse(oldest!.id, labeler(oldest!, rng));
        }
        expect(kinds.has('sort')).toBe(true);
        expect([...kinds].every((kind) => ['sort', 'informationGain', 'random'].includes(kind))).toBe(true);
        expectExactOrder(job.results()[0]!, truth);
      }
    }
  });

  it('places datapoints added in the middle of the sort too', () => {
    for (const inFlight of [1, 4]) {
      for (let seed = 0; seed < 3; seed++) {
        const late = ['late0', 'late1', 'late2', 'late3'];
        const truth = truthFor([...ids(12), ...late], `added-${seed}`);
        const labeler = createLabeler('noiseless', truth);
        const rng = createRng(seed);
        const job = createRankingJob(definitionOf({ datapoints: [ids(12)], comparisonBudgetPerRanking: 2 * insertionBound(12), pairing: 'sort' }), { seed });
        for (let k = 0; k < 12; k++) {
          const missing = inFlight - job.pendingMatchups().length;
          if (missing > 0) job.nextMatchups(missing);
          const [oldest] = job.pendingMatchups();
          job.recordResponse(oldest!.id, labeler(oldest!, rng));
        }
        job.addDatapoints(0, late, { extraBudget: 2 * (insertionBound(16) - insertionBound(12)) });
        const placing = new Set<string>();
        while (!job.done) {
          const missing = inFlight - job.pendingMatchups().length;
          if (missing > 0) for (const matchup of job.nextMatchups(missing)) if (matchup.kind === 'sort') placing.add(matchup.left).add(matchup.right);
          const [oldest] = job.pendingMatchups();
          job.recordResponse(oldest!.id, labeler(oldest!, rng));
        }
        // Sort matchups reached every new datapoint, and the final order is exact.
        for (const id of late) expect(placing.has(id)).toBe(true);
        expectExactOrder(job.results()[0]!, truth);
      }
    }
  });

  describe('a job in the middle of its sort, with matchups in flight and datapoints added, continues identically', () => {
    const definition = definitionOf({ datapoints: [ids(20), ids(9, 'e')], comparisonBudgetPerRanking: 120, pairing: 'sort' });
    const seed = 'sort-halfway';
    const late = ['late0', 'late1', 'late2'];
    const truth = truthFor([...ids(20), ...ids(9, 'e'), ...late], seed);
    const labeler = createLabeler('noiseless', truth);

    function halfway(): { job: RankingJob; rng: () => number } {
      const job = createRankingJob(definition, { seed });
      const rng = createRng('labeler');
      for (let step = 0; step < 40; step++) {
        const missing = 6 - job.pendingMatchups().length;
        if (missing > 0) job.nextMatchups(missing);
        // Answer the second oldest (so answers arrive out of issue order), now and then release one.
        const pending = job.pendingMatchups();
        const matchup = pending[Math.min(1, pending.length - 1)]!;
        if (step % 9 === 4) job.releaseMatchup(matchup.id);
        else job.recordResponse(matchup.id, labeler(matchup, rng));
        if (step === 20) job.addDatapoints(0, late, { extraBudget: 12 });
      }
      expect(job.pendingMatchups().some((matchup) => matchup.kind === 'sort')).toBe(true);
      return { job, rng };
    }

    function expectSameToTheEnd(job: RankingJob, copy: RankingJob, rng: () => number): void {
      expect(fingerprint(copy)).toBe(fingerprint(job));
      while (!job.done) {
        const missing = 6 - job.pendingMatchups().length;
        if (missing > 0) expect(copy.nextMatchups(missing)).toEqual(job.nextMatchups(missing));
        const [oldest] = job.pendingMatchups();
        const outcome = labeler(oldest!, rng);
        job.recordResponse(oldest!.id, outcome);
        copy.recordResponse(oldest!.id, outcome);
      }
      expect(copy.done).toBe(true);
      expect(fingerprint(copy)).toBe(fingerprint(job));
      expectExactOrder(job.results()[0]!, new Map([...truth].filter(([id]) => id.startsWith('d') || id.startsWith('late'))));
    }

    it('after snapshot → JSON → restore (the chain is rebuilt from the votes)', () => {
      const { job, rng } = halfway();
      expectSameToTheEnd(job, restoreRankingJob(JSON.parse(JSON.stringify(job.snapshot()))), rng);
    });

    it('after replaying its event log', () => {
      const { job, rng } = halfway();
      expectSameToTheEnd(job, replayRankingJob(definition, JSON.parse(JSON.stringify(job.events())), { seed }), rng);
    });
  });

  it('with a labeler who lapses 5% of the time, still completes, with Kendall tau of at least 0.85 (0.92 on average)', () => {
    // n = 30, budget 2 × Σ⌈log2 k⌉ = 2 × 119 = 238, four matchups in flight. A lapse is a
    // coin toss, so about 2.5% of answers (6 of 238) are wrong; the sort then misplaces a
    // datapoint or two until the information-gain matchups that follow catch it.
    // Measured: tau 0.931–0.977 (mean 0.953) over these 10 seeds, 0.917–1.0 (mean 0.953)
    // over 60; with budget 119 alone it ranged 0.76–1.0, with 476 it stayed above 0.98.
    const n = 30;
    const taus: number[] = [];
    for (let seed = 0; seed < 10; seed++) {
      const truth = truthFor(ids(n), `lapse-${seed}`);
      const labeler = createLabeler({ model: 'noiseless', lapseRate: 0.05 }, truth);
      const rng = createRng(`lapse-${seed}/labeler`);
      const job = createRankingJob(definitionOf({ datapoints: [ids(n)], comparisonBudgetPerRanking: 2 * insertionBound(n), pairing: 'sort' }), { seed });
      while (!job.done) for (const matchup of job.nextMatchups(4)) job.recordResponse(matchup.id, labeler(matchup, rng));
      expect(job.progress().completed).toBe(2 * insertionBound(n));
      const estimate = new Map(job.results()[0]!.entries.map((entry) => [entry.datapoint, entry.score]));
      taus.push(kendallTau(estimate, truth));
    }
    expect(Math.min(...taus)).toBeGreaterThanOrEqual(0.85);
    expect(taus.reduce((sum, tau) => sum + tau, 0) / taus.length).toBeGreaterThanOrEqual(0.92);
  });
});
