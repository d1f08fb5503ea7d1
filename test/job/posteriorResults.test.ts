import { describe, expect, it } from 'vitest';
import {
  createLabeler,
  createRankingJob,
  createRng,
  generateTrueScores,
  replayRankingJob,
  restoreRankingJob,
  type Labeler,
  type RankingJob,
  type RankingJobDefinition,
  type RankingResult,
} from '../../src/index.js';
import type { RankingState } from '../../src/state/rankingState.js';
import { definitionOf, expectInputError, ids } from '../helpers.js';

// The default model at the default Elo scale 400: prior sd 400 / 2, comparison noise
// 2 × 400 / (ln 10 × √π) (src/definition/defaults.ts).
const PRIOR_SD = 200;
const NOISE = 800 / (Math.LN10 * Math.sqrt(Math.PI));

// The job's live posterior, read from its internal rankings: restore must rebuild it
// from the votes, and nothing public shows it directly. Only information-gain picks and
// stopWhen read it, so rankings of other pairings keep none (null).
function livePosterior(job: RankingJob): ({ means: number[]; variances: number[] } | null)[] {
  const { rankings } = job as unknown as { rankings: RankingState[] };
  return rankings.map((state) =>
    state.columns.means === null
      ? null
      : {
          means: Array.from(state.means.subarray(0, state.size)),
          variances: Array.from(state.variances.subarray(0, state.size)),
        },
  );
}

function scoreOf(result: RankingResult, datapoint: string): number {
  return result.entries.find((entry) => entry.datapoint === datapoint)!.score;
}

describe("job.results() with the posterior scorer", () => {
  it('is the default scorer, and differs from Elo', () => {
    const job = createRankingJob(definitionOf({ datapoints: [ids(6)], comparisonBudgetPerRanking: 30 }), { seed: 'default' });
    const truth = new Map(ids(6).map((id, i) => [id, 1000 + 80 * i]));
    const labeler = createLabeler('thurstone', truth);
    const rng = createRng('answers');
    while (!job.done) for (const matchup of job.nextMatchups(3)) job.recordResponse(matchup.id, labeler(matchup, rng));
    const byDefault = job.results();
    expect(byDefault).toEqual(job.results({ scorer: 'posterior' }));
    expect(byDefault).not.toEqual(job.results({ scorer: 'elo' }));
    for (const entry of byDefault[0]!.entries) {
      expect(entry.standardError!).toBeGreaterThan(0);
      // Answers shrink the posterior below the prior.
      expect(entry.standardError!).toBeLessThan(PRIOR_SD);
    }
    expect(byDefault[0]!.fit!.converged).toBe(true);
  });

  it('before any answer, every datapoint sits at its prior: the initial rating, prior sd', () => {
    const job = createRankingJob(definitionOf({ datapoints: [ids(4)] }), { seed: 1 });
    job.addDatapoints(0, ['late'], { initialRating: 1300 });
    const [result] = job.results();
    for (const entry of result!.entries) {
      expect(entry.score).toBe(entry.datapoint === 'late' ? 1300 : 1200);
      expect(entry.standardError).toBe(PRIOR_SD);
    }
    // Equal scores share a rank and keep input order.
    expect(result!.entries.map((entry) => [entry.datapoint, entry.rank])).toEqual([['late', 1], ['d0', 2], ['d1', 2], ['d2', 2], ['d3', 2]]);
  });

  it('after one answer, matches the closed form of TrueSkill\'s update', () => {
    // Herbrich, Minka, Graepel, "TrueSkill", NIPS 2006, eq. 2–3, at even prior means:
    // c² = 2σ₀² + 2 noise², mean shift σ₀² v(0) / c with v(0) = φ(0)/Φ(0) = √(2/π), and
    // variance σ₀² (1 − σ₀² w(0) / c²) with w(0) = 2/π.
    const c2 = 2 * PRIOR_SD ** 2 + 2 * NOISE ** 2;
    const shift = (PRIOR_SD ** 2 * Math.sqrt(2 / Math.PI)) / Math.sqrt(c2);
    const sd = Math.sqrt(PRIOR_SD ** 2 * (1 - (PRIOR_SD ** 2 * (2 / Math.PI)) / c2));
    // Numerically: shift ≈ 80.6 points, sd ≈ 183.0 points.
    expect(shift).toBeCloseTo(80.59, 1);
    const job = createRankingJob(definitionOf({ datapoints: [['a', 'b']], comparisonBudgetPerRanking: 1 }), { seed: 2 });
    const [matchup] = job.nextMatchups();
    job.recordResponse(matchup!.id, matchup!.left === 'a' ? 'left' : 'right');
    const [result] = job.results();
    expect(result!.entries.map((entry) => entry.datapoint)).toEqual(['a', 'b']);
    expect(result!.entries[0]!.score).toBeCloseTo(1200 + shift, 9);
    expect(result!.entries[1]!.score).toBeCloseTo(1200 - shift, 9);
    for (const entry of result!.entries) expect(entry.standardError!).toBeCloseTo(sd, 9);
  });

  it('pulls back a datapoint that won everything: its score stays finite, and below Bradley–Terry with prior 0.01', () => {
    const job = createRankingJob(definitionOf({ datapoints: [ids(6)], comparisonBudgetPerRanking: 40 }), { seed: 'undefeated' });
    const rng = createRng('others');
    let checked = 0;
    while (!job.done) {
      const [matchup] = job.nextMatchups();
      const { left, right } = matchup!;
      job.recordResponse(matchup!.id, left === 'd0' ? 'left' : right === 'd0' ? 'right' : rng() < 0.5 ? 'left' : 'right');
      const [posterior] = job.results();
      const d0 = posterior!.entries.find((entry) => entry.datapoint === 'd0')!;
      expect(d0.losses).toBe(0);
      expect(Number.isFinite(d0.score)).toBe(true);
      if (d0.comparisons >= 1 && d0.comparisons <= 2) {
        const [bradleyTerry] = job.results({ scorer: 'bradleyTerry', prior: 0.01 });
        expect(d0.score).toBeLessThan(scoreOf(bradleyTerry!, 'd0'));
        checked++;
      }
      // However many wins: within a few prior sds of the start.
      expect(d0.score).toBeLessThan(1200 + 4 * PRIOR_SD);
    }
    expect(checked).toBeGreaterThan(0);
    expect(job.results()[0]!.entries[0]!.datapoint).toBe('d0');
  });

  it('with intervals: lower, upper, bestRank and worstRank, the interval being score ± z × sd', () => {
    const job = createRankingJob(definitionOf({ datapoints: [ids(8)], comparisonBudgetPerRanking: 60 }), { seed: 'intervals' });
    const truth = new Map(ids(8).map((id, i) => [id, 900 + 100 * i]));
    const labeler = createLabeler('thurstone', truth);
    const rng = createRng('answers');
    while (!job.done) for (const matchup of job.nextMatchups(4)) job.recordResponse(matchup.id, labeler(matchup, rng));
    expect(job.results()[0]!.entries.every((entry) => entry.lower === undefined && entry.bestRank === undefined)).toBe(true);
    // z for 95% and 90%: 1.959963984540054 and 1.6448536269514722 (standard normal quantiles).
    for (const [options, z] of [
      [{ intervals: true }, 1.959963984540054],
      [{ intervals: true, confidence: 0.9 }, 1.6448536269514722],
    ] as const) {
      const [result] = job.results(options);
      const plain = job.results()[0]!;
      result!.entries.forEach((entry, i) => {
        expect(entry.score).toBe(plain.entries[i]!.score);
        expect(entry.upper! - entry.score).toBeCloseTo(z * entry.standardError!, 9);
        expect(entry.score - entry.lower!).toBeCloseTo(z * entry.standardError!, 9);
        expect(entry.bestRank!).toBeGreaterThanOrEqual(1);
        expect(entry.bestRank!).toBeLessThanOrEqual(entry.rank);
        expect(entry.worstRank!).toBeGreaterThanOrEqual(entry.rank);
        expect(entry.worstRank!).toBeLessThanOrEqual(8);
        // Arena rank bounds: best = 1 + how many lie wholly above.
        expect(entry.bestRank).toBe(1 + result!.entries.filter((other) => other.lower! > entry.upper!).length);
        expect(entry.worstRank).toBe(8 - result!.entries.filter((other) => other.upper! < entry.lower!).length);
      });
    }
  });

  describe('is recomputed from the votes: identical after snapshot → JSON → restore and after replay', () => {
    const cases = [
      { responsesPerComparison: 1, voteAggregation: 'majority', pairing: 'adaptive' },
      { responsesPerComparison: 3, voteAggregation: 'majority', pairing: 'informationGain' },
      { responsesPerComparison: 3, voteAggregation: 'allVotes', pairing: 'adaptive' },
      { responsesPerComparison: 1, voteAggregation: 'allVotes', pairing: 'informationGain' },
    ] as const;
    // A job halfway: answers with draws from two named labelers and an anonymous one,
    // datapoints added at another rating, and pending matchups with some of their votes.
    function halfway(settings: (typeof cases)[number]) {
      const definition: RankingJobDefinition = definitionOf({ datapoints: [ids(9), ids(5, 'e')], comparisonBudgetPerRanking: 40, ...settings });
      const seed = `persist-${settings.responsesPerComparison}-${settings.voteAggregation}`;
      const truth = generateTrueScores([...ids(9), ...ids(5, 'e'), 'late1', 'late2'], {}, createRng('truth'));
      // One answer in five is a draw.
      const labeler: Labeler = createLabeler({ model: 'thurstone', drawRate: 0.2 }, truth);
      const rng = createRng(`${seed}/labeler`);
      const job = createRankingJob(definition, { seed });
      const labelers = ['ann', 'bo', undefined];
      let step = 0;
      const answerSome = (rounds: number) => {
        for (let round = 0; round < rounds && !job.done; round++) {
          job.nextMatchups(4);
          // Answer every pending matchup but the newest, which gets one response too few.
          const pending = job.pendingMatchups();
          for (const [k, matchup] of pending.entries()) {
            const votes = k === pending.length - 1 ? settings.responsesPerComparison - 1 : settings.responsesPerComparison;
            for (let v = 0; v < votes && job.pendingMatchups().some((m) => m.id === matchup.id); v++) {
              const labelerId = labelers[step++ % 3];
              job.recordResponse(matchup.id, labeler(matchup, rng), labelerId === undefined ? {} : { labelerId });
            }
          }
        }
      };
      answerSome(6);
      job.addDatapoints(0, ['late1', 'late2'], { extraBudget: 5, initialRating: 1250 });
      answerSome(4);
      expect(job.pendingMatchups().length).toBeGreaterThan(0);
      // The posterior did take answers in, draws included (adaptive pairing keeps none).
      if (settings.pairing === 'adaptive') expect(livePosterior(job)[0]).toBeNull();
      else expect(livePosterior(job)[0]!.variances.some((variance) => variance < PRIOR_SD ** 2)).toBe(true);
      expect(job.comparisons({ perVote: true }).some((vote) => vote.outcome === 'draw')).toBe(true);
      return { definition, seed, job, labeler, rng, responses: settings.responsesPerComparison };
    }

    // `copy` must equal `job` now and after both take the same further calls.
    function expectSameFromHere(job: RankingJob, copy: RankingJob, labeler: Labeler, rng: () => number, responses: number): void {
      const weighted = { labelerWeights: { ann: 2, bo: 0.5 } };
      // Bit for bit: the live posterior, then what results() computes from the votes.
      expect(livePosterior(copy)).toEqual(livePosterior(job));
      expect(copy.results()).toEqual(job.results());
      expect(copy.results({ intervals: true })).toEqual(job.results({ intervals: true }));
      expect(copy.results(weighted)).toEqual(job.results(weighted));
      const matchups = job.nextMatchups(6);
      expect(copy.nextMatchups(6)).toEqual(matchups);
      for (const matchup of matchups) {
        const outcome = labeler(matchup, rng);
        for (let v = 0; v < responses; v++) for (const target of [job, copy]) target.recordResponse(matchup.id, outcome);
      }
      expect(livePosterior(copy)).toEqual(livePosterior(job));
      expect(copy.results()).toEqual(job.results());
    }

    for (const settings of cases) {
      const name = `${settings.responsesPerComparison} response(s), ${settings.voteAggregation}, ${settings.pairing} pairing, with draws`;
      it(`restore: ${name}`, () => {
        const { job, labeler, rng, responses } = halfway(settings);
        const restored = restoreRankingJob(JSON.parse(JSON.stringify(job.snapshot())));
        expectSameFromHere(job, restored, labeler, rng, responses);
      });
      it(`replay: ${name}`, () => {
        const { definition, seed, job, labeler, rng, responses } = halfway(settings);
        const replayed = replayRankingJob(definition, JSON.parse(JSON.stringify(job.events())), { seed });
        expectSameFromHere(job, replayed, labeler, rng, responses);
      });
    }
  });

  describe('labelerWeights', () => {
    // Round-robin pairs do not depend on the answers, so two jobs with the same seed meet
    // the same pairs, whatever the spammer says.
    const definition = definitionOf({ datapoints: [ids(6)], comparisonBudgetPerRanking: 45, pairing: 'roundRobin', responsesPerComparison: 3 });
    const truth = new Map(ids(6).map((id, i) => [id, 1000 + 70 * i]));
    function finished(spam: 'left' | 'right'): RankingJob {
      const job = createRankingJob(definition, { seed: 'weights' });
      const careful = createLabeler({ model: 'thurstone', drawRate: 0.1 }, truth);
      const rng = createRng('careful');
      while (!job.done) {
        for (const matchup of job.nextMatchups(5)) {
          job.recordResponse(matchup.id, careful(matchup, rng), { labelerId: 'ann' });
          job.recordResponse(matchup.id, spam, { labelerId: 'spam' });
          job.recordResponse(matchup.id, careful(matchup, rng), { labelerId: 'bo' });
        }
      }
      return job;
    }
    const scores = (result: RankingResult) =>
      Object.fromEntries(result.entries.map((entry) => [entry.datapoint, [entry.score, entry.standardError]]));
    const clickingRight = finished('right');
    const clickingLeft = finished('left');

    it('are relative: scaling every weight alike changes nothing', () => {
      const plain = clickingRight.results()[0]!;
      // A power of two rescales exactly.
      expect(clickingRight.results({ labelerWeights: { ann: 4, bo: 4, spam: 4 } })[0]).toEqual(plain);
      expect(clickingRight.results({ labelerWeights: new Map([['ann', 1], ['bo', 1], ['spam', 1]]) })[0]).toEqual(plain);
      const scaled = clickingRight.results({ labelerWeights: { ann: 10, bo: 10, spam: 10 } })[0]!;
      scaled.entries.forEach((entry, i) => {
        expect(entry.datapoint).toBe(plain.entries[i]!.datapoint);
        expect(entry.score).toBeCloseTo(plain.entries[i]!.score, 9);
        expect(entry.standardError!).toBeCloseTo(plain.entries[i]!.standardError!, 9);
      });
      // Relative weights, too: ann 2 and bo 2 with spam 1 is ann 4, bo 4, spam 2.
      const twice = clickingRight.results({ labelerWeights: { ann: 2, bo: 2 } })[0]!;
      const fourfold = clickingRight.results({ labelerWeights: { ann: 4, bo: 4, spam: 2 } })[0]!;
      expect(scores(fourfold)).toEqual(scores(twice));
    });

    it('weight 0 removes a labeler: what the spammer said no longer matters', () => {
      const ignoringSpam = { labelerWeights: { spam: 0 } };
      expect(scores(clickingLeft.results(ignoringSpam)[0]!)).toEqual(scores(clickingRight.results(ignoringSpam)[0]!));
      // With the spammer counted, it does.
      expect(scores(clickingLeft.results()[0]!)).not.toEqual(scores(clickingRight.results()[0]!));
      // And a weight only moves influence: the careful labelers alone (spam 0) weigh as
      // much as all three did, so the posterior is no wider than with the spammer counted.
      const careful = clickingRight.results(ignoringSpam)[0]!;
      const all = clickingRight.results()[0]!;
      const meanSd = (result: RankingResult) => result.entries.reduce((sum, entry) => sum + entry.standardError!, 0) / result.entries.length;
      expect(meanSd(careful)).toBeLessThan(meanSd(all) * 1.05);
    });

    it('a matchup whose responses all weigh 0 is left out, and the rest are rescaled to the same total', () => {
      // Two matchups of a and b: the spammer's (a wins) and ann's (b wins). With spam at
      // 0, ann's one response carries the weight of both (rescaled to average 1): the
      // same posterior as one matchup that b won with two responses.
      const job = createRankingJob(definitionOf({ datapoints: [['a', 'b']], comparisonBudgetPerRanking: 2 }), { seed: 3 });
      const answer = (target: RankingJob, winner: string, labelerId?: string) => {
        const [matchup] = target.nextMatchups();
        target.recordResponse(matchup!.id, matchup!.left === winner ? 'left' : 'right', labelerId === undefined ? {} : { labelerId });
        return matchup!;
      };
      answer(job, 'a', 'spam');
      answer(job, 'b', 'ann');
      const twice = createRankingJob(definitionOf({ datapoints: [['a', 'b']], comparisonBudgetPerRanking: 1, responsesPerComparison: 2 }), { seed: 4 });
      const [matchup] = twice.nextMatchups();
      for (let k = 0; k < 2; k++) twice.recordResponse(matchup!.id, matchup!.left === 'b' ? 'left' : 'right');
      expect(scores(job.results({ labelerWeights: { spam: 0 } })[0]!)).toEqual(scores(twice.results()[0]!));
      expect(scores(job.results()[0]!)).not.toEqual(scores(twice.results()[0]!));
      // Counted alike, one win each way leaves a and b level.
      const [even] = job.results();
      expect(even!.entries[0]!.score).toBeCloseTo(even!.entries[1]!.score, 6);
    });
  });

  it('refuses Bradley–Terry-only options with the posterior scorer, and posterior options with Elo', () => {
    const job = createRankingJob(definitionOf(), { seed: 5 });
    expectInputError(() => job.results({ prior: 0.1 }), 'options.prior');
    expectInputError(() => job.results({ scorer: 'posterior', positionEffect: true }), 'options.positionEffect');
    expectInputError(() => job.results({ scorer: 'elo', intervals: true }), 'options.intervals');
    expectInputError(() => job.results({ scorer: 'elo', confidence: 0.9 }), 'options.confidence');
    expectInputError(() => job.results({ scorer: 'elo', labelerWeights: { ann: 1 } }), 'options.labelerWeights');
    expectInputError(() => job.results({ intervals: true, confidence: 1 }), 'options.confidence');
    expectInputError(() => job.results({ intervals: 'yes' as never }), 'options.intervals');
    expectInputError(() => job.results({ labelerWeights: { ann: -1 } }), 'options.labelerWeights["ann"]');
    expectInputError(() => job.results({ scorer: 'glicko' as never }), 'options.scorer');
    expectInputError(() => job.results({ sharpness: 2 } as never), 'options.sharpness');
    // The message names the scorers that take the option.
    expect(() => job.results({ prior: 0.1 })).toThrow(/'bradleyTerry'/);
  });
});
