// Numbers at the edges of the doubles: parameters that underflow the rating grid, weights
// whose sums overflow or whose halves underflow. Each case was silently wrong (NaN scores,
// every score 1200, equal scores reported as converged) or blamed the wrong thing (an
// overflow, a path the caller never passed) before the numeric options got ranges and the
// weights a scale-free treatment; after, the result is right or the call is refused with
// the caller's path and the allowed range.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ComparisonTableBuilder,
  bootstrapIntervals,
  createRankingJob,
  createRankingJobDefinition,
  createRng,
  fitBradleyTerry,
  restoreRankingJob,
  updateElo,
  type ComparisonRecord,
  type RankingJob,
  type RankingJobDefinitionInput,
  type RankingResult,
} from '../../src/index.js';
import { expectInputError, ids } from '../helpers.js';

const BASE: RankingJobDefinitionInput = { name: 'hostile numbers', instruction: 'Which is better?', datapoints: [ids(5)], comparisonBudgetPerRanking: 12 };

// A job whose labelers w1 and w2 answer every matchup twice (d0 > d1 > …, w2 always right,
// w1 right but for a draw now and then), so labeler weights have something to move.
function answeredJob(input: Partial<RankingJobDefinitionInput> = {}): RankingJob {
  const job = createRankingJob(createRankingJobDefinition({ ...BASE, responsesPerComparison: 2, ...input }), { seed: 'weights' });
  let k = 0;
  while (!job.done) {
    for (const matchup of job.nextMatchups(4)) {
      const better = matchup.left < matchup.right ? 'left' : 'right';
      job.recordResponse(matchup.id, k++ % 3 === 0 ? 'draw' : better, { responseId: 'a', labelerId: 'w1' });
      job.recordResponse(matchup.id, better, { responseId: 'b', labelerId: 'w2' });
    }
  }
  return job;
}

const job = answeredJob();
const SCORERS = ['posterior', 'bradleyTerry'] as const;

function scores(result: RankingResult[]): number[] {
  return result[0]!.entries.map((entry) => entry.score);
}

function expectCloseScores(actual: RankingResult[], expected: RankingResult[]): void {
  const [a, b] = [actual[0]!.entries, expected[0]!.entries];
  expect(a.map((entry) => entry.datapoint)).toEqual(b.map((entry) => entry.datapoint));
  a.forEach((entry, i) => {
    expect(entry.score).toBeCloseTo(b[i]!.score, 8);
    expect(entry.standardError!).toBeCloseTo(b[i]!.standardError!, 8);
  });
}

describe('Elo parameters have ranges in which the arithmetic is sound', () => {
  it('refuses a K-factor or scale that underflows the rating grid, naming the range (they gave NaN scores and snapshots the job could not restore)', () => {
    for (const tiny of [1e-315, 5e-324, 1e-300, 1e-7]) {
      const error = expectInputError(() => createRankingJobDefinition({ ...BASE, elo: { kFactor: tiny, scale: tiny } }), 'elo.scale');
      expect(error.message).toContain('must be a number in [0.000001, 1000000000]');
      expectInputError(() => createRankingJobDefinition({ ...BASE, elo: { kFactor: tiny } }), 'elo.kFactor');
    }
    // Below the scale / 1e6 bound a change rounds to 0 on the grid: the ratings would never move.
    const error = expectInputError(() => createRankingJobDefinition({ ...BASE, elo: { kFactor: 1e-5 } }), 'elo.kFactor');
    expect(error.message).toContain('[0.0004, 400000000]');
    expectInputError(() => createRankingJobDefinition({ ...BASE, elo: { kFactor: 5e8 } }), 'elo.kFactor');
    expectInputError(() => createRankingJobDefinition({ ...BASE, elo: { scale: 2e9 } }), 'elo.scale');
    // 1200 Elo points at scale 1e-6: a double near 1200 cannot tell scores 1e-9 apart.
    expectInputError(() => createRankingJobDefinition({ ...BASE, elo: { scale: 1e-6, kFactor: 1e-6, initialRating: 1e4 } }), 'elo.initialRating');
    expectInputError(() => createRankingJobDefinition({ ...BASE, elo: { initialRating: 1.5e9 } }), 'elo.initialRating');
  });

  it('updateElo refuses underflowing K and scale by their range instead of blaming an overflow', () => {
    expect(expectInputError(() => updateElo(1200, 1200, 1, 5e-324, 5e-324), 'scale').message).toContain('[0.000001, 1000000000]');
    expectInputError(() => updateElo(1200, 1200, 1, 5e-324), 'kFactor');
    expectInputError(() => updateElo(1200, 1200, 1, 1e-3, 1e9), 'kFactor');
    expectInputError(() => updateElo(1e301, 1200, 1), 'ratingA');
    expectInputError(() => updateElo(1200, Number.NaN, 1), 'ratingB');
    // The ends of the ranges: finite, zero-sum, and the winner gains.
    for (const [k, scale] of [
      [1e-12, 1e-6],
      [1, 1e-6],
      [1e9, 1e9],
      [1e9, 1e3],
      [1e-3, 1e3],
    ] as const) {
      for (const [a, b] of [
        [0, 0],
        [1e300, -1e300],
        [-1e300, 1e300],
      ] as const) {
        const [newA, newB] = updateElo(a, b, 1, k, scale);
        expect(Number.isFinite(newA) && Number.isFinite(newB)).toBe(true);
        expect(newA).toBeGreaterThanOrEqual(a);
        if (a === 0) expect(newA + newB).toBe(0);
        if (a === 0) expect(newA).toBeGreaterThan(0);
      }
    }
  });

  it('runs jobs anywhere in the ranges: finite scores by every scorer, offsets that sum to 0, ratings that move, snapshots that restore', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -6, max: 9, noNaN: true }),
        fc.double({ min: -6, max: 6, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.constantFrom('adaptive', 'informationGain', 'sort') as fc.Arbitrary<'adaptive' | 'informationGain' | 'sort'>,
        (scaleExponent, ratioExponent, ratingShare, pairing) => {
          const scale = Math.min(1e9, Math.max(1e-6, 10 ** scaleExponent));
          const kFactor = Math.min(1e9, 1e6 * scale, Math.max(scale / 1e6, scale * 10 ** ratioExponent));
          const initialRating = ratingShare * Math.min(1e9, 2 ** 32 * scale);
          const definition = createRankingJobDefinition({ ...BASE, pairing, elo: { scale, kFactor, initialRating } });
          const live = createRankingJob(definition, { seed: 'edges' });
          const rng = createRng('answers');
          while (!live.done) for (const matchup of live.nextMatchups(3)) live.recordResponse(matchup.id, rng() < 0.5 ? 'left' : 'right');
          const snapshot = JSON.parse(JSON.stringify(live.snapshot()));
          const offsets: number[] = snapshot.rankings.offsets;
          expect(offsets.reduce((sum, offset) => sum + offset, 0)).toBe(0);
          expect(offsets.some((offset) => offset !== 0)).toBe(true);
          const restored = restoreRankingJob(snapshot);
          for (const scorer of ['elo', 'posterior', 'bradleyTerry'] as const) {
            const result = live.results({ scorer });
            for (const entry of result[0]!.entries) {
              expect(Number.isFinite(entry.score)).toBe(true);
              if (entry.standardError !== undefined) expect(Number.isFinite(entry.standardError) && entry.standardError > 0).toBe(true);
            }
            expect(restored.results({ scorer })).toEqual(result);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('states the allowed range in the error of every numeric option', () => {
    const cases: [Partial<RankingJobDefinitionInput>, string, RegExp][] = [
      [{ elo: { scale: 0 } }, 'elo.scale', /\[0\.000001, 1000000000\]/],
      [{ elo: { kFactor: -1 } }, 'elo.kFactor', /\[0\.0004, 400000000\]/],
      [{ elo: { initialRating: Number.POSITIVE_INFINITY } }, 'elo.initialRating', /\[-1000000000, 1000000000\]/],
      [{ posterior: { priorSd: 'wide' as never } }, 'posterior.priorSd', /\[0\.4, 400000\]/],
      [{ posterior: { noise: 1e-9 } }, 'posterior.noise', /\[0\.4, 400000\]/],
      [{ closeMatchCandidates: 2.5 }, 'closeMatchCandidates', /\[1, 64\]/],
      [{ closeMatchCandidates: 65 }, 'closeMatchCandidates', /\[1, 64\]/],
      [{ randomComparisonsRatio: 1.5 }, 'randomComparisonsRatio', /\[0, 1\]/],
      [{ comparisonBudgetPerRanking: 0 }, 'comparisonBudgetPerRanking', /1 to 9007199254740991/],
      [{ responsesPerComparison: 0.5 }, 'responsesPerComparison', /1 to 9007199254740991/],
      [{ matchupTtlMs: -1 }, 'matchupTtlMs', /> 0/],
      [{ stopWhen: { confidence: 1 } }, 'stopWhen.confidence', /\(0\.5, 1\)/],
      [{ stopWhen: { confidence: 0.9, top: 0 } }, 'stopWhen.top', /1 to 9007199254740991/],
    ];
    for (const [fields, path, range] of cases) {
      expect(expectInputError(() => createRankingJobDefinition({ ...BASE, ...fields }), path).message).toMatch(range);
    }
  });
});

describe('labeler weights: the scores their ratios give, or an error at the caller’s path', () => {
  it('weights of 1e308 give the scores of equal weights (they summed to Infinity and every score came back 1200)', () => {
    for (const scorer of SCORERS) {
      const even = job.results({ scorer, intervals: true });
      const huge = job.results({ scorer, intervals: true, labelerWeights: { w1: 1e308, w2: 1e308 } });
      expectCloseScores(huge, even);
      expect(new Set(scores(huge)).size).toBeGreaterThan(1);
      // Ratios are kept at any scale: 3e307 : 1e308 is 0.3 : 1.
      expectCloseScores(job.results({ scorer, labelerWeights: { w1: 3e307, w2: 1e308 } }), job.results({ scorer, labelerWeights: { w1: 0.3, w2: 1 } }));
    }
  });

  it('tiny weights give the scores of equal weights, with no error at a path the caller never passed', () => {
    for (const scorer of SCORERS) {
      const even = job.results({ scorer, intervals: true });
      for (const tiny of [5e-324, 1e-320, 1e-300]) {
        expectCloseScores(job.results({ scorer, intervals: true, labelerWeights: { w1: tiny, w2: tiny } }), even);
      }
      expectCloseScores(job.results({ scorer, labelerWeights: { w1: 1e-300, w2: 2e-300 } }), job.results({ scorer, labelerWeights: { w1: 1, w2: 2 } }));
      // A weight 1e-320 times another's moves no score by a representable amount.
      expectCloseScores(job.results({ scorer, labelerWeights: { w1: 1e-320, w2: 1 } }), job.results({ scorer, labelerWeights: { w1: 0 } }));
    }
  });

  it('gives bit-identical results for weights scaled by a power of two', () => {
    for (const scorer of SCORERS) {
      const plain = job.results({ scorer, intervals: true, labelerWeights: { w1: 0.25, w2: 1 } });
      expect(job.results({ scorer, intervals: true, labelerWeights: { w1: 1, w2: 4 } })).toEqual(plain);
      expect(job.results({ scorer, intervals: true, labelerWeights: new Map([['w1', 2 ** -1000], ['w2', 2 ** -998]]) })).toEqual(plain);
    }
  });

  it('any finite weights ≥ 0 give finite scores and intervals', () => {
    const weight = fc.oneof(fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true }), fc.constantFrom(0, 5e-324, 1e-310, Number.MAX_VALUE));
    fc.assert(
      fc.property(weight, weight, fc.constantFrom(...SCORERS), (w1, w2, scorer) => {
        for (const entry of job.results({ scorer, intervals: true, labelerWeights: { w1, w2 } })[0]!.entries) {
          expect(Number.isFinite(entry.score) && Number.isFinite(entry.standardError!) && Number.isFinite(entry.lower!)).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('refuses a bad weight at the caller’s path', () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, -Number.MAX_VALUE, '1', null]) {
      for (const scorer of SCORERS) {
        const error = expectInputError(() => job.results({ scorer, labelerWeights: { w1: 1, w2: bad as never } }), 'options.labelerWeights["w2"]');
        expect(error.message).toContain('finite number ≥ 0');
        expectInputError(() => job.results({ scorer, labelerWeights: new Map([['__proto__', bad as never]]) }), 'options.labelerWeights["__proto__"]');
      }
    }
    // A key that is not a string can never match a labeler.
    expectInputError(() => job.results({ labelerWeights: new Map([[1 as never, 2]]) }), 'options.labelerWeights');
  });

  it('a ranking whose responses all weigh 0 has no evidence: posterior scores are the prior, Bradley–Terry scores the centre', () => {
    for (const entry of job.results({ labelerWeights: { w1: 0, w2: 0 } })[0]!.entries) expect(entry.score).toBe(1200);
    for (const entry of job.results({ scorer: 'bradleyTerry', labelerWeights: { w1: 0, w2: 0 } })[0]!.entries) expect(entry.score).toBe(1200);
  });
});

describe('comparison weights in fitBradleyTerry: the fit their ratios and the prior give, or refused at the field', () => {
  const design = (weight: number): ComparisonRecord[] => [
    { left: 'a', right: 'b', outcome: 'left', weight: 2 * weight },
    { left: 'b', right: 'a', outcome: 'left', weight },
    { left: 'b', right: 'c', outcome: 'left', weight: 2 * weight },
    { left: 'a', right: 'c', outcome: 'right', weight },
    { left: 'a', right: 'c', outcome: 'draw', weight: 3 * weight },
  ];

  it('weights of 1e-300 without a prior give the scores of weight 1 (the fit stopped at the start: equal scores, converged)', () => {
    const unit = fitBradleyTerry(design(1), { prior: 0 });
    for (const weight of [1e-300, 2 ** -1000, 1e-150, 1e-10]) {
      const tiny = fitBradleyTerry(design(weight), { prior: 0 });
      expect(tiny.converged).toBe(true);
      tiny.entries.forEach((entry, i) => {
        expect(entry.score).toBeCloseTo(unit.entries[i]!.score, 6);
        // The information scales with the weights: standard errors by 1/√weight.
        expect(entry.standardError / unit.entries[i]!.standardError / Math.sqrt(1 / weight)).toBeCloseTo(1, 9);
      });
    }
  });

  it('weights near 2^53 get standard errors of the right size (they came back 0)', () => {
    const unit = fitBradleyTerry(design(1), { prior: 0 });
    // Datapoint b weighs 5 × weight in all: 2^50 keeps it below the 2^53 limit.
    for (const weight of [2 ** 40, 1e15, 2 ** 50]) {
      const heavy = fitBradleyTerry(design(weight), { prior: 0 });
      heavy.entries.forEach((entry, i) => {
        expect(entry.score).toBeCloseTo(unit.entries[i]!.score, 6);
        expect(entry.standardError / unit.entries[i]!.standardError / Math.sqrt(1 / weight)).toBeCloseTo(1, 6);
      });
      expect(heavy.logLikelihood / unit.logLikelihood / weight).toBeCloseTo(1, 9);
    }
  });

  it('with a prior, negligible data leave the scores at the centre and the prior’s spread, finite for any prior', () => {
    for (const prior of [0.01, 1, 1e300]) {
      const fit = fitBradleyTerry(design(1e-300), { prior });
      expect(fit.converged).toBe(true);
      for (const entry of fit.entries) {
        expect(entry.score).toBeCloseTo(1200, 9);
        // sd of a centred score under the prior alone: (400 / ln 10) × √((1 − 1/3) / prior).
        expect(entry.standardError / ((400 / Math.LN10) * Math.sqrt(2 / 3 / prior))).toBeCloseTo(1, 6);
      }
    }
  });

  it('bootstraps games of a tiny weight without collapsing every round onto the point estimate (the gamma draws underflowed: intervals of width 0)', () => {
    // With prior / weight held at 0.01 the fit is the same; the bootstrap sees a hundred-millionth of a game and must spread.
    const plain = fitBradleyTerry(design(1));
    for (const weight of [1e-8, 1e-100]) {
      const boot = bootstrapIntervals(design(weight), { rounds: 60, seed: 1, prior: 0.01 * weight });
      expect(boot.resampling).toBe('bayesian');
      boot.entries.forEach((entry, i) => {
        expect(entry.score).toBeCloseTo(plain.entries[i]!.score, 6);
        expect(Number.isFinite(entry.lower) && Number.isFinite(entry.upper)).toBe(true);
        expect(entry.upper - entry.lower).toBeGreaterThan(100);
      });
    }
  });

  it('refuses weights and counts outside 0 ∪ [2^-1022, 2^53] at the field, in the fit and the builder', () => {
    for (const bad of [5e-324, 1e-310, 2 ** 53 + 2, 1e300, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const error = expectInputError(() => fitBradleyTerry([{ left: 'a', right: 'b', outcome: 'left', weight: bad }]), 'comparisons[0].weight');
      expect(error.message).toContain('[2^-1022, 2^53]');
      expectInputError(() => fitBradleyTerry([{ a: 'a', b: 'b', aWins: 1, bWins: bad }]), 'comparisons[0].bWins');
      expectInputError(() => new ComparisonTableBuilder().add({ a: 'a', b: 'b', aWins: 1, bWins: 1, draws: bad }, 'row 7'), 'row 7.draws');
    }
    expect(fitBradleyTerry([{ left: 'a', right: 'b', outcome: 'draw', weight: 2 ** -1022 }]).entries.map((entry) => entry.score)).toEqual([1200, 1200]);
  });
});
