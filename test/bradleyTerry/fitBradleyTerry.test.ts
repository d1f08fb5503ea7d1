import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ComparisonTableBuilder, comparisonTable } from '../../src/bradleyTerry/comparisonTable.js';
import type { ComparisonOutcome, ComparisonRecord, PairCounts } from '../../src/bradleyTerry/comparisonTypes.js';
import {
  MAX_COVARIANCE_DATAPOINTS,
  fitBradleyTerry,
  fitComparisonTable,
  resolveBradleyTerryOptions,
  type BradleyTerryFit,
  type BradleyTerryOptions,
} from '../../src/bradleyTerry/fitBradleyTerry.js';
import { RankingInputError } from '../../src/errors.js';
import { createRng } from '../../src/rng/createRng.js';
import type { Rng } from '../../src/rng/rng.js';
import { bradleyTerryLabeler } from '../../src/simulation/bradleyTerryLabeler.js';
import { standardNormalDraw } from '../../src/stats/normalDistribution.js';
import { deepFreeze, expectInputError } from '../helpers.js';

const ELO_PER_NAT = 400 / Math.LN10;

const scoresOf = (fit: BradleyTerryFit): Map<string, number> => new Map(fit.entries.map((entry) => [entry.datapoint, entry.score]));

/** Asserts two fits give every datapoint the same score, within `tolerance` Elo points. */
function expectSameScores(actual: BradleyTerryFit, expected: BradleyTerryFit, tolerance = 1e-6): void {
  const expectedScores = scoresOf(expected);
  expect(actual.entries.length).toBe(expectedScores.size);
  for (const entry of actual.entries) {
    const other = expectedScores.get(entry.datapoint);
    expect(other).toBeDefined();
    expect(Math.abs(entry.score - other!)).toBeLessThanOrEqual(tolerance);
  }
}

/** Random pairs from `ids`, answered by Bradley–Terry with the given true θ and left bias γ (nats). */
function simulateRecords(rng: Rng, theta: readonly number[], count: number, gamma = 0): ComparisonRecord[] {
  const n = theta.length;
  return Array.from({ length: count }, () => {
    const i = Math.floor(rng() * n);
    let j = Math.floor(rng() * (n - 1));
    if (j >= i) j++;
    const leftWins = 1 / (1 + Math.exp(-(theta[i]! - theta[j]! + gamma)));
    return { left: `d${i}`, right: `d${j}`, outcome: rng() < leftWins ? 'left' : 'right' };
  });
}

describe('fitBradleyTerry: parity with R BradleyTerry2 (Agresti citation data)', () => {
  // Agresti, "Categorical Data Analysis", 2nd ed. (2002), p. 448; also the `citations` data
  // set of the R package BradleyTerry2. Each row: journal a cited by journal b `aWins`
  // times, the reverse `bWins` times (the cited journal "wins"); self-citations excluded.
  const CITATIONS: readonly PairCounts[] = [
    { a: 'Biometrika', b: 'Comm Statist', aWins: 730, bWins: 33 },
    { a: 'Biometrika', b: 'JASA', aWins: 498, bWins: 320 },
    { a: 'Biometrika', b: 'JRSS-B', aWins: 221, bWins: 284 },
    { a: 'Comm Statist', b: 'JASA', aWins: 68, bWins: 813 },
    { a: 'Comm Statist', b: 'JRSS-B', aWins: 17, bWins: 276 },
    { a: 'JASA', b: 'JRSS-B', aWins: 142, bWins: 325 },
  ];
  // BradleyTerry2 1.1-2 output for BTm(cbind(win1, win2), journal1, journal2), logit scale,
  // Biometrika the reference (fixed at 0): [estimate, standard error], to 8 significant
  // digits as recorded in the project's reference-data notes (shared/data/README.md). The
  // package documentation prints them rounded (−2.9491, −0.4796, 0.2690); an independent
  // Newton fit in NumPy/SciPy agrees with these to 5e-8.
  const PUBLISHED: Readonly<Record<string, readonly [number, number]>> = {
    'Comm Statist': [-2.9490725, 0.10254534],
    JASA: [-0.4795698, 0.06058873],
    'JRSS-B': [0.2689541, 0.07082997],
  };
  // Residual deviance 4.293 on 3 degrees of freedom (same source).
  const PUBLISHED_DEVIANCE = 4.293;

  const fit = fitBradleyTerry(deepFreeze(CITATIONS), { prior: 0, covariance: true });

  it('converges, with exact standard errors', () => {
    expect(fit.converged).toBe(true);
    expect(fit.standardErrorsExact).toBe(true);
    expect(fit.ids).toEqual(['Biometrika', 'Comm Statist', 'JASA', 'JRSS-B']);
  });

  it('matches the published estimates and standard errors to 1e-6 (reference-category parametrisation)', () => {
    const covariance = fit.covariance!;
    const reference = fit.ids.indexOf('Biometrika');
    // Scores → logit units: θ = (score − center) × ln 10 / scale; differences need no center.
    const toLogit = Math.LN10 / fit.scale;
    for (const [journal, [estimate, standardError]] of Object.entries(PUBLISHED)) {
      const j = fit.ids.indexOf(journal);
      const difference = (fit.entries[j]!.score - fit.entries[reference]!.score) * toLogit;
      const variance = covariance[j]![j]! + covariance[reference]![reference]! - 2 * covariance[j]![reference]!;
      expect(Math.abs(difference - estimate)).toBeLessThan(1e-6);
      expect(Math.abs(Math.sqrt(variance) * toLogit - standardError)).toBeLessThan(1e-6);
    }
  });

  it('matches the published residual deviance', () => {
    // Saturated model: each pair's observed proportion.
    let saturated = 0;
    for (const { aWins, bWins } of CITATIONS) {
      const games = aWins + bWins;
      saturated += aWins * Math.log(aWins / games) + bWins * Math.log(bWins / games);
    }
    expect(Math.abs(2 * (saturated - fit.logLikelihood) - PUBLISHED_DEVIANCE)).toBeLessThan(1e-3);
  });

  it('reports standard errors that are the square roots of the covariance diagonal', () => {
    fit.entries.forEach((entry, i) => {
      expect(entry.standardError).toBeCloseTo(Math.sqrt(fit.covariance![i]![i]!), 9);
    });
    // The centred scores sum to a constant, so every row of their covariance sums to 0.
    for (const row of fit.covariance!) expect(Math.abs(row.reduce((sum, value) => sum + value, 0))).toBeLessThan(1e-8);
  });

  it('gives the same fit from one record per citation', () => {
    const records: ComparisonRecord[] = CITATIONS.flatMap(({ a, b, aWins, bWins }) => [
      ...Array.from({ length: aWins }, () => ({ left: a, right: b, outcome: 'left' as const })),
      ...Array.from({ length: bWins }, () => ({ left: b, right: a, outcome: 'left' as const })),
    ]);
    const fromRecords = fitBradleyTerry(records, { prior: 0 });
    expectSameScores(fromRecords, fit, 1e-7);
    expect(fromRecords.logLikelihood).toBeCloseTo(fit.logLikelihood, 8);
  });
});

describe('fitBradleyTerry: hand-computed values', () => {
  it('two datapoints, 3 wins to 1: the score gap is 400·log10(3) and the standard error 1/√(4·0.75·0.25) / 2', () => {
    const fit = fitBradleyTerry([{ a: 'x', b: 'y', aWins: 3, bWins: 1 }], { prior: 0 });
    const [x, y] = fit.entries;
    // MLE: σ(θx − θy) = 3/4, so θx − θy = ln 3; centred, θx = ln 3 / 2.
    expect(x!.theta).toBeCloseTo(Math.log(3) / 2, 12);
    expect(x!.score - y!.score).toBeCloseTo(400 * Math.log10(3), 9);
    expect(x!.score + y!.score).toBeCloseTo(2400, 9);
    // Information for d = θx − θy is 4·p·(1 − p) = 0.75; θx = d/2, so Var θx = 1/(4·0.75) = 1/3.
    expect(x!.standardError).toBeCloseTo(ELO_PER_NAT * Math.sqrt(1 / 3), 9);
    expect(y!.standardError).toBeCloseTo(x!.standardError, 12);
    // ℓ = 3·ln(3/4) + ln(1/4).
    expect(fit.logLikelihood).toBeCloseTo(3 * Math.log(0.75) + Math.log(0.25), 12);
    expect(fit.penalizedLogLikelihood).toBe(fit.logLikelihood);
    expect(x).toMatchObject({ wins: 3, losses: 1, draws: 0, comparisons: 4 });
    expect(fit.positionEffect).toBeNull();
    expect(fit.covariance).toBeUndefined();
  });

  it('uses scale and center: score = center + scale/ln 10 × θ', () => {
    const fit = fitBradleyTerry([{ a: 'x', b: 'y', aWins: 3, bWins: 1 }], { prior: 0, scale: 173.7, center: -5 });
    expect(fit.entries[0]!.score).toBeCloseTo(-5 + (173.7 / Math.LN10) * (Math.log(3) / 2), 9);
    expect(fit).toMatchObject({ scale: 173.7, center: -5, prior: 0 });
  });

  it('reproduces the documented example', () => {
    const fit = fitBradleyTerry([
      { a: 'x', b: 'y', aWins: 3, bWins: 1 },
      { a: 'y', b: 'z', aWins: 3, bWins: 1 },
    ]);
    expect(fit.entries.map((entry) => Math.round(entry.score))).toEqual([1388, 1200, 1012]);
    // Without the prior the gaps are exactly 400·log10(3) ≈ 190.8 points each.
    expect(fitBradleyTerry([{ a: 'x', b: 'y', aWins: 3, bWins: 1 }, { a: 'y', b: 'z', aWins: 3, bWins: 1 }], { prior: 0 }).entries.map((entry) => Math.round(entry.score))).toEqual([1391, 1200, 1009]);
  });

  it('is plain JSON-safe data', () => {
    const fit = fitBradleyTerry([{ a: 'x', b: 'y', aWins: 3, bWins: 1 }], { covariance: true, positionEffect: false });
    expect(JSON.parse(JSON.stringify(fit))).toEqual(fit);
  });
});

// Small random designs. Ids include '__proto__' and 'constructor' (ids are Map keys).
const ID_POOL = ['a', 'b', 'c', 'd', '__proto__', 'constructor'];
interface TestRecord extends ComparisonRecord {
  readonly weight: number;
}
const recordArbitrary: fc.Arbitrary<TestRecord> = fc
  .record({
    left: fc.constantFrom(...ID_POOL),
    right: fc.constantFrom(...ID_POOL),
    outcome: fc.constantFrom<ComparisonOutcome>('left', 'right', 'draw'),
    weight: fc.constantFrom(1, 2, 0.5, 3),
  })
  .filter((record) => record.left !== record.right);
const recordsArbitrary = fc.array(recordArbitrary, { minLength: 1, maxLength: 30 });
// A prior > 0 so every random design has finite scores.
const priorArbitrary = fc.constantFrom(0.01, 0.1, 1);

describe('fitBradleyTerry: properties', () => {
  it('does not depend on the order of the comparisons', () => {
    fc.assert(
      fc.property(
        recordsArbitrary.chain((records) => fc.tuple(fc.constant(records), fc.shuffledSubarray(records, { minLength: records.length }))),
        priorArbitrary,
        ([records, shuffled], prior) => {
          expectSameScores(fitBradleyTerry(deepFreeze(shuffled), { prior }), fitBradleyTerry(deepFreeze(records), { prior }));
        },
      ),
    );
  });

  it('does not depend on which side a datapoint was shown on, without the position effect', () => {
    const swap: Record<ComparisonOutcome, ComparisonOutcome> = { left: 'right', right: 'left', draw: 'draw' };
    fc.assert(
      fc.property(recordsArbitrary, fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }), priorArbitrary, (records, flips, prior) => {
        const swapped = records.map((record, i) =>
          flips[i] ? { ...record, left: record.right, right: record.left, outcome: swap[record.outcome] } : record,
        );
        expectSameScores(fitBradleyTerry(swapped, { prior }), fitBradleyTerry(records, { prior }));
      }),
    );
  });

  it('never lowers the score of a datapoint that wins one more comparison', () => {
    // Why this is monotone: adding the win with weight t ∈ [0, 1] moves the optimum by
    // dθ/dt = H⁻¹·σ(θ_y − θ_x)·(e_x − e_y), with H the information (a graph Laplacian plus
    // λI). H is a symmetric, strictly diagonally dominant M-matrix for λ > 0, so its inverse
    // is entrywise ≥ 0 with each diagonal entry the largest of its column: (H⁻¹)_xx ≥
    // (H⁻¹)_yx, so dθ_x/dt ≥ 0 all along the way. The prior also keeps Σθ = 0 at the optimum
    // (the likelihood's gradient sums to zero), so the centring does not shift the score:
    // the winner's score itself is monotone, and so is its lead over the loser. Other
    // datapoints' scores can move either way, so nothing is claimed about them.
    fc.assert(
      fc.property(recordsArbitrary, fc.nat(), fc.nat(), priorArbitrary, (records, first, second, prior) => {
        const ids = [...new Set(records.flatMap((record) => [record.left, record.right]))];
        const winner = ids[first % ids.length]!;
        const loser = ids.filter((id) => id !== winner)[second % (ids.length - 1)]!;
        const before = scoresOf(fitBradleyTerry(records, { prior }));
        const after = scoresOf(fitBradleyTerry([...records, { left: loser, right: winner, outcome: 'right' }], { prior }));
        expect(after.get(winner)!).toBeGreaterThanOrEqual(before.get(winner)! - 1e-7);
        expect(after.get(winner)! - after.get(loser)!).toBeGreaterThanOrEqual(before.get(winner)! - before.get(loser)! - 1e-7);
      }),
    );
  });

  it('centres the scores: they sum to n × center', () => {
    fc.assert(
      fc.property(
        recordsArbitrary,
        priorArbitrary,
        fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        fc.double({ min: 1, max: 1000, noNaN: true }),
        fc.boolean(),
        (records, prior, center, scale, positionEffect) => {
          const fit = fitBradleyTerry(records, { prior, center, scale, positionEffect });
          const sum = fit.entries.reduce((total, entry) => total + entry.score, 0);
          expect(Math.abs(sum - fit.entries.length * center)).toBeLessThan(1e-9 * fit.entries.length * (Math.abs(center) + scale));
        },
      ),
    );
  });

  it('gives the same scores from records and from the equivalent pair counts', () => {
    fc.assert(
      fc.property(recordsArbitrary, priorArbitrary, (records, prior) => {
        const counts = new Map<string, { a: string; b: string; aWins: number; bWins: number; draws: number }>();
        for (const { left, right, outcome, weight } of records) {
          const [a, b] = left < right ? [left, right] : [right, left];
          const key = JSON.stringify([a, b]);
          const entry = counts.get(key) ?? { a, b, aWins: 0, bWins: 0, draws: 0 };
          const winner = outcome === 'left' ? left : outcome === 'right' ? right : null;
          if (winner === null) entry.draws += weight;
          else if (winner === a) entry.aWins += weight;
          else entry.bWins += weight;
          counts.set(key, entry);
        }
        const fromRecords = fitBradleyTerry(records, { prior });
        const fromCounts = fitBradleyTerry([...counts.values()], { prior });
        expectSameScores(fromCounts, fromRecords);
        expect(fromCounts.logLikelihood).toBeCloseTo(fromRecords.logLikelihood, 8);
        for (const entry of fromCounts.entries) {
          const other = fromRecords.entries.find((candidate) => candidate.datapoint === entry.datapoint)!;
          expect(entry.standardError).toBeCloseTo(other.standardError, 6);
          expect([entry.wins, entry.losses, entry.draws]).toEqual([other.wins, other.losses, other.draws].map((value) => expect.closeTo(value, 12)));
        }
      }),
    );
  });

  it('counts a record of weight w like w records of weight 1', () => {
    fc.assert(
      fc.property(recordsArbitrary, priorArbitrary, (records, prior) => {
        const whole = records.map((record) => ({ ...record, weight: Math.ceil(record.weight) }));
        const expanded = whole.flatMap(({ weight, ...record }) => Array.from({ length: weight }, () => record));
        expectSameScores(fitBradleyTerry(expanded, { prior }), fitBradleyTerry(whole, { prior }));
      }),
    );
  });

  it('counts a draw like a win and a loss of half the weight each', () => {
    fc.assert(
      fc.property(recordsArbitrary, priorArbitrary, (records, prior) => {
        const split = records.flatMap((record) =>
          record.outcome === 'draw'
            ? [
                { ...record, outcome: 'left' as const, weight: record.weight / 2 },
                { ...record, outcome: 'right' as const, weight: record.weight / 2 },
              ]
            : [record],
        );
        const withDraws = fitBradleyTerry(records, { prior });
        const withHalves = fitBradleyTerry(split, { prior });
        expectSameScores(withHalves, withDraws);
        expect(withHalves.logLikelihood).toBeCloseTo(withDraws.logLikelihood, 8);
      }),
    );
  });

  it('never modifies its input (frozen input, same JSON before and after)', () => {
    fc.assert(
      fc.property(recordsArbitrary, priorArbitrary, (records, prior) => {
        const json = JSON.stringify(records);
        const options = deepFreeze({ prior, positionEffect: true, covariance: true });
        fitBradleyTerry(deepFreeze(records), options);
        expect(JSON.stringify(records)).toBe(json);
      }),
    );
  });

  it('a weight-0 record only makes its datapoints known (score = center with a prior)', () => {
    const fit = fitBradleyTerry([
      { left: 'a', right: 'b', outcome: 'left' },
      { left: 'b', right: 'a', outcome: 'left' },
      { left: 'a', right: 'z', outcome: 'left', weight: 0 },
    ]);
    expect(fit.ids).toEqual(['a', 'b', 'z']);
    expect(fit.entries[2]).toMatchObject({ datapoint: 'z', score: 1200, comparisons: 0 });
  });
});

describe('fitBradleyTerry: position effect', () => {
  const truth = (seed: string, n: number): number[] => {
    const rng = createRng(seed);
    return Array.from({ length: n }, () => standardNormalDraw(rng));
  };

  // Three simulated labelers, all with the same left bias, answering random pairs through the
  // library's Bradley–Terry labeler (positionBias in Elo points = γ × 400 / ln 10).
  function labelled(seed: string, theta: readonly number[], gammaNats: number, count: number): ComparisonRecord[] {
    const rng = createRng(seed);
    const trueScores = new Map(theta.map((value, i) => [`d${i}`, 1200 + ELO_PER_NAT * value]));
    const labeler = bradleyTerryLabeler(trueScores, { positionBias: gammaNats * ELO_PER_NAT });
    return Array.from({ length: count }, (_, k) => {
      const i = Math.floor(rng() * theta.length);
      let j = Math.floor(rng() * (theta.length - 1));
      if (j >= i) j++;
      const outcome = labeler({ id: `m${k}`, ranking: 0, left: `d${i}`, right: `d${j}`, kind: 'random' }, rng);
      return { left: `d${i}`, right: `d${j}`, outcome, labelerId: `labeler-${k % 3}` };
    });
  }

  // Fixed seeds: each 95% interval below would miss the truth for about 1 seed in 20.
  it('recovers a known left bias of 0.4 nats (≈ 69.5 Elo points) within its 95% interval', () => {
    const theta = truth('position-truth', 30);
    const fit = fitBradleyTerry(labelled('position-bias', theta, 0.4, 6000), { positionEffect: true, prior: 0 });
    expect(fit.converged).toBe(true);
    const effect = fit.positionEffect!;
    expect(effect.score).toBeCloseTo(effect.theta * ELO_PER_NAT, 9);
    expect(Math.abs(effect.theta - 0.4)).toBeLessThan((1.96 * effect.standardError) / ELO_PER_NAT);
    expect(effect.standardError).toBeGreaterThan(0);

    // The datapoints' intervals cover their centred true scores about 95% of the time too.
    const mean = theta.reduce((sum, value) => sum + value, 0) / theta.length;
    const covered = fit.entries.filter((entry) => {
      const trueScore = 1200 + ELO_PER_NAT * (theta[Number(entry.datapoint.slice(1))]! - mean);
      return Math.abs(entry.score - trueScore) < 1.96 * entry.standardError;
    }).length;
    expect(covered).toBeGreaterThanOrEqual(25);
  });

  it('finds no bias where there is none', () => {
    const theta = truth('no-bias-truth', 30);
    const fit = fitBradleyTerry(labelled('no-bias', theta, 0, 6000), { positionEffect: true });
    const effect = fit.positionEffect!;
    expect(Math.abs(effect.theta)).toBeLessThan((1.96 * effect.standardError) / ELO_PER_NAT);
  });

  it('is informed only by records: pair counts alone cannot estimate it', () => {
    const error = expectInputError(() => fitBradleyTerry([{ a: 'x', b: 'y', aWins: 3, bWins: 1 }], { positionEffect: true }), 'options.positionEffect');
    expect(error.message).toMatch(/pair counts/);
    // Mixed with records, the pair counts inform the strengths but not γ.
    const mixed = fitBradleyTerry(
      [
        { a: 'x', b: 'y', aWins: 30, bWins: 10 },
        { left: 'x', right: 'y', outcome: 'left' },
        { left: 'y', right: 'x', outcome: 'right' },
        { left: 'x', right: 'y', outcome: 'right' },
        { left: 'y', right: 'x', outcome: 'left' },
      ],
      { positionEffect: true, prior: 0 },
    );
    // Two left wins, two right wins, symmetric: no bias.
    expect(mixed.positionEffect!.theta).toBeCloseTo(0, 9);
  });

  it('needs a prior when the left side won every record', () => {
    const records: ComparisonRecord[] = [
      { left: 'x', right: 'y', outcome: 'left' },
      { left: 'y', right: 'x', outcome: 'left' },
    ];
    expect(expectInputError(() => fitBradleyTerry(records, { positionEffect: true, prior: 0 }), 'comparisons').message).toMatch(/left side won every/);
    const fit = fitBradleyTerry(records, { positionEffect: true, prior: 0.01 });
    expect(fit.converged).toBe(true);
    expect(fit.positionEffect!.theta).toBeGreaterThan(1);
    expect(Number.isFinite(fit.positionEffect!.standardError)).toBe(true);
  });
});

describe('fitBradleyTerry: the prior', () => {
  // 'top' beats everyone and never loses: its maximum-likelihood score is +∞.
  const allWins: ComparisonRecord[] = [
    { left: 'top', right: 'b', outcome: 'left' },
    { left: 'c', right: 'top', outcome: 'right' },
    { left: 'b', right: 'c', outcome: 'left' },
    { left: 'c', right: 'b', outcome: 'left' },
  ];

  it('without a prior, refuses a datapoint that won every comparison, naming it', () => {
    const error = expectInputError(() => fitBradleyTerry(allWins, { prior: 0 }), 'comparisons');
    expect(error.message).toContain('"top" wins every comparison');
    expect(error.message).toMatch(/prior > 0/);
  });

  it('names datapoints that lost every comparison', () => {
    const records: ComparisonRecord[] = [
      { left: 'a', right: 'b', outcome: 'left' },
      { left: 'b', right: 'a', outcome: 'left' },
      { left: 'a', right: 'bottom', outcome: 'left' },
      { left: 'bottom', right: 'b', outcome: 'right' },
    ];
    expect(expectInputError(() => fitBradleyTerry(records, { prior: 0 }), 'comparisons').message).toContain('"bottom" loses every comparison');
  });

  it('names a group that is never beaten from outside when everyone wins and loses', () => {
    const records: ComparisonRecord[] = [
      { left: 'a', right: 'b', outcome: 'left' },
      { left: 'b', right: 'a', outcome: 'left' },
      { left: 'c', right: 'd', outcome: 'left' },
      { left: 'd', right: 'c', outcome: 'left' },
      { left: 'a', right: 'c', outcome: 'left' },
    ];
    const error = expectInputError(() => fitBradleyTerry(records, { prior: 0 }), 'comparisons');
    expect(error.message).toContain('the group "a", "b" is never beaten');
    expect(error.message).toContain('the group "c", "d" never beats one');
  });

  it('with a prior, keeps an all-wins datapoint finite, on top and converged', () => {
    const fit = fitBradleyTerry(allWins, { prior: 0.01 });
    expect(fit.converged).toBe(true);
    const top = fit.entries.find((entry) => entry.datapoint === 'top')!;
    expect(Number.isFinite(top.score) && Number.isFinite(top.standardError)).toBe(true);
    expect(top.score).toBe(Math.max(...fit.entries.map((entry) => entry.score)));
    // Σθ² ≤ 2/λ·(ℓ(θ) − ℓ(0)) bounds the scores: with λ = 0.01 they stay within a few thousand points.
    expect(top.score).toBeLessThan(1200 + 20 * ELO_PER_NAT);
    expect(fit.penalizedLogLikelihood).toBeLessThan(fit.logLikelihood);
  });

  // Two groups that never met: {a, b} and {c, d}.
  const disconnected: ComparisonRecord[] = [
    { left: 'a', right: 'b', outcome: 'left' },
    { left: 'a', right: 'b', outcome: 'left' },
    { left: 'b', right: 'a', outcome: 'left' },
    { left: 'c', right: 'd', outcome: 'draw' },
    { left: 'd', right: 'c', outcome: 'left' },
  ];

  it('without a prior, refuses comparisons that fall into separate groups, naming them', () => {
    const error = expectInputError(() => fitBradleyTerry(disconnected, { prior: 0 }), 'comparisons');
    expect(error.message).toContain('2 groups');
    expect(error.message).toContain('{"a", "b"}, {"c", "d"}');
  });

  it('names at most 10 datapoints', () => {
    const records = Array.from({ length: 30 }, (_, i) => ({ a: `x${i}`, b: `y${i}`, aWins: 1, bWins: 1 }));
    const message = expectInputError(() => fitBradleyTerry(records, { prior: 0 }), 'comparisons').message;
    expect(message.match(/"[xy]\d+"/g)!.length).toBe(10);
    expect(message).toContain('and 25 more groups');
  });

  it('with a prior, fits separate groups, each centred on its own', () => {
    const fit = fitBradleyTerry(disconnected, { prior: 0.01 });
    expect(fit.converged).toBe(true);
    const scores = scoresOf(fit);
    // Within a group the likelihood's gradient sums to zero, so the prior centres each group.
    expect((scores.get('a')! + scores.get('b')!) / 2).toBeCloseTo(1200, 6);
    expect((scores.get('c')! + scores.get('d')!) / 2).toBeCloseTo(1200, 6);
    expect(scores.get('a')!).toBeGreaterThan(scores.get('b')!);
  });

  it('shrinks less as the data grow: a large design barely notices the default prior', () => {
    const rng = createRng('prior-shrinkage');
    const theta = Array.from({ length: 20 }, () => standardNormalDraw(rng));
    const records = simulateRecords(rng, theta, 4000);
    expectSameScores(fitBradleyTerry(records), fitBradleyTerry(records, { prior: 0 }), 1);
  });
});

describe('fitBradleyTerry: input checks', () => {
  const valid: ComparisonRecord = { left: 'a', right: 'b', outcome: 'left' };

  it('names the offending comparison field', () => {
    const withBad = (bad: unknown) => [valid, valid, valid, bad] as ComparisonRecord[];
    expectInputError(() => fitBradleyTerry(withBad({ ...valid, outcome: 'up' })), 'comparisons[3].outcome');
    expectInputError(() => fitBradleyTerry(withBad({ ...valid, left: '' })), 'comparisons[3].left');
    expectInputError(() => fitBradleyTerry(withBad({ ...valid, left: 7 })), 'comparisons[3].left');
    expectInputError(() => fitBradleyTerry(withBad({ ...valid, right: 'a' })), 'comparisons[3].right');
    for (const weight of [-1, Number.NaN, Infinity, '1', null]) {
      expectInputError(() => fitBradleyTerry(withBad({ ...valid, weight })), 'comparisons[3].weight');
    }
    expectInputError(() => fitBradleyTerry(withBad({ ...valid, labelerId: 5 })), 'comparisons[3].labelerId');
    expectInputError(() => fitBradleyTerry(withBad({ ...valid, winner: 'a' })), 'comparisons[3].winner');
    expectInputError(() => fitBradleyTerry(withBad({ a: 'x', b: 'y', aWins: -1, bWins: 0 })), 'comparisons[3].aWins');
    expectInputError(() => fitBradleyTerry(withBad({ a: 'x', b: 'y', aWins: 1 })), 'comparisons[3].bWins');
    expectInputError(() => fitBradleyTerry(withBad({ a: 'x', b: 'y', aWins: 1, bWins: 1, draws: -0.5 })), 'comparisons[3].draws');
    expectInputError(() => fitBradleyTerry(withBad({ a: 'x', b: 'x', aWins: 1, bWins: 1 })), 'comparisons[3].b');
    expectInputError(() => fitBradleyTerry(withBad({ a: 'x', b: 'y', aWins: 1, bWins: 1, left: 'x' })), 'comparisons[3].a');
    for (const bad of [null, 5, 'a beats b', [], {}, { winner: 'a' }]) {
      expectInputError(() => fitBradleyTerry(withBad(bad)), 'comparisons[3]');
    }
  });

  it('needs an iterable of at least one comparison', () => {
    for (const bad of [null, undefined, 42, 'ab', { left: 'a' }]) {
      expectInputError(() => fitBradleyTerry(bad as never), 'comparisons');
    }
    expect(expectInputError(() => fitBradleyTerry([]), 'comparisons').message).toMatch(/at least one comparison/);
  });

  it('accepts any iterable, read once (a generator)', () => {
    function* generate(): Generator<ComparisonRecord> {
      yield valid;
      yield { left: 'b', right: 'a', outcome: 'draw', weight: 2, labelerId: 'ann' };
    }
    expectSameScores(fitBradleyTerry(generate()), fitBradleyTerry([...generate()]), 0);
  });

  it('checks every option, and rejects unknown ones', () => {
    const records = [valid, { left: 'b', right: 'a', outcome: 'left' } as const];
    const bad: [BradleyTerryOptions | Record<string, unknown>, string][] = [
      [{ prior: -0.1 }, 'options.prior'],
      [{ prior: Number.NaN }, 'options.prior'],
      [{ prior: '0.1' }, 'options.prior'],
      [{ scale: 0 }, 'options.scale'],
      [{ scale: 2e9 }, 'options.scale'],
      [{ center: Infinity }, 'options.center'],
      [{ center: -2e9 }, 'options.center'],
      [{ maxIterations: 1.5 }, 'options.maxIterations'],
      [{ maxIterations: 0 }, 'options.maxIterations'],
      [{ tolerance: 0 }, 'options.tolerance'],
      [{ positionEffect: 'yes' }, 'options.positionEffect'],
      [{ covariance: 1 }, 'options.covariance'],
      [{ priors: 1 }, 'options.priors'],
      [{ initialTheta: [0, 0] }, 'options.initialTheta'],
    ];
    for (const [options, path] of bad) expectInputError(() => fitBradleyTerry(records, options as BradleyTerryOptions), path);
    expectInputError(() => fitBradleyTerry(records, null as never), 'options');
    // Options are checked before the comparisons are read.
    expectInputError(() => fitBradleyTerry([{ bad: true }] as never, { prior: -1 }), 'options.prior');
    expect(fitBradleyTerry(records, { prior: undefined, scale: undefined }).prior).toBe(0.01);
  });

  it('refuses the covariance matrix above 2 000 datapoints, before fitting', () => {
    const chain = Array.from({ length: MAX_COVARIANCE_DATAPOINTS }, (_, i) => ({ a: `p${i}`, b: `p${i + 1}`, aWins: 1, bWins: 1 }));
    expect(expectInputError(() => fitBradleyTerry(chain, { covariance: true }), 'options.covariance').message).toMatch(/2001/);
  });

  it('reports the maximum number of Newton steps as not converged', () => {
    const rng = createRng('few-steps');
    const records = simulateRecords(rng, [0, 1, 2, -1, 3], 200);
    const fit = fitBradleyTerry(records, { maxIterations: 1 });
    expect(fit).toMatchObject({ iterations: 1, converged: false });
    expect(fitBradleyTerry(records, { tolerance: 1e-3 }).iterations).toBeLessThan(fitBradleyTerry(records).iterations);
  });
});

describe('ComparisonTable and ComparisonTableBuilder', () => {
  const records: ComparisonRecord[] = [
    { left: 'a', right: 'b', outcome: 'left' },
    { left: 'c', right: 'a', outcome: 'draw', weight: 2 },
    { left: 'b', right: 'c', outcome: 'right', labelerId: 'ann' },
    { left: 'b', right: 'a', outcome: 'left' },
  ];

  it('aggregates per pair and keeps ids in order of first appearance', () => {
    const table = comparisonTable(records);
    expect(table.ids).toEqual(['a', 'b', 'c']);
    expect(table.datapointCount).toBe(3);
    expect(table.pairCount).toBe(3);
    expect(Object.isFrozen(table.ids)).toBe(true);
  });

  it('fits the same as the comparisons it was built from, and can be fitted again', () => {
    const table = comparisonTable(records);
    const direct = fitBradleyTerry(records);
    expect(fitBradleyTerry(table)).toEqual(direct);
    expect(fitBradleyTerry(table, { prior: 1 })).not.toEqual(direct);
    expect(fitBradleyTerry(table)).toEqual(direct);
  });

  it('builds from a stream, naming errors by the caller’s path, and a failed add changes nothing', () => {
    const builder = new ComparisonTableBuilder();
    builder.add(records[0], 'line 1');
    expectInputError(() => builder.add({ left: 'a', right: 'new', outcome: 'sideways' }, 'line 2'), 'line 2.outcome');
    expectInputError(() => builder.add({ left: 'a', right: 'new', outcome: 'left', weight: 2 ** 54 }, 'line 3'), 'line 3.weight');
    // Each count is allowed (≤ 2^53), but together they are above 2^53.
    expectInputError(() => builder.add({ a: 'a', b: 'new', aWins: 2 ** 53, bWins: 2 ** 53 }, 'line 3'), 'line 3');
    expect(builder.datapointCount).toBe(2);
    const first = builder.build();
    for (const [i, record] of records.slice(1).entries()) builder.add(record, `line ${i + 4}`);
    expect(first.ids).toEqual(['a', 'b']);
    expect(fitBradleyTerry(builder.build())).toEqual(fitBradleyTerry(records));
  });

  it('grows its hash table and arrays past their initial size without losing a pair', () => {
    const n = 60;
    const counts: PairCounts[] = [];
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) counts.push({ a: `d${i}`, b: `d${j}`, aWins: i + 1, bWins: j + 1 });
    const table = comparisonTable([...counts, ...counts]);
    expect(table.pairCount).toBe((n * (n - 1)) / 2);
    const doubled = counts.map((count) => ({ ...count, aWins: 2 * count.aWins, bWins: 2 * count.bWins }));
    expectSameScores(fitBradleyTerry(table, { prior: 0 }), fitBradleyTerry(doubled, { prior: 0 }), 1e-7);
  });

  it('only fits tables it built', () => {
    expectInputError(() => fitComparisonTable({ ids: [] } as never, resolveBradleyTerryOptions({})), 'comparisons');
  });
});

describe('fitBradleyTerry: standard errors', () => {
  it('approximates the exact standard errors within 2% on a well-connected design (n = 300)', () => {
    // 300 datapoints, 15 000 random pairs: each meets about 95 distinct opponents. The
    // approximation (see fitBradleyTerry's documentation) ignores covariances between
    // datapoints; its error shrinks with the number of distinct opponents (≈ 3% at 10,
    // < 0.5% at 20 in simulations), so 2% leaves room.
    const rng = createRng('approximate-se');
    const theta = Array.from({ length: 300 }, () => standardNormalDraw(rng));
    const table = comparisonTable(simulateRecords(rng, theta, 15_000, 0.3));
    for (const positionEffect of [false, true]) {
      const options = resolveBradleyTerryOptions({ prior: 0, positionEffect });
      const exact = fitComparisonTable(table, options);
      const approximate = fitComparisonTable(table, options, { exactStandardErrorsUpTo: 0 });
      expect(exact.standardErrorsExact).toBe(true);
      expect(approximate.standardErrorsExact).toBe(false);
      expectSameScores(approximate, exact, 0);
      exact.entries.forEach((entry, i) => {
        expect(Math.abs(approximate.entries[i]!.standardError / entry.standardError - 1)).toBeLessThan(0.02);
      });
      if (positionEffect) {
        expect(Math.abs(approximate.positionEffect!.standardError / exact.positionEffect!.standardError - 1)).toBeLessThan(0.02);
      }
    }
  });

  it('a warm start reaches the same optimum in fewer steps', () => {
    const rng = createRng('warm-start');
    const theta = Array.from({ length: 40 }, () => 2 * standardNormalDraw(rng));
    const table = comparisonTable(simulateRecords(rng, theta, 2000, 0.2));
    const options = resolveBradleyTerryOptions({ positionEffect: true });
    const cold = fitComparisonTable(table, options);
    const warm = fitComparisonTable(table, options, {
      initialTheta: cold.entries.map((entry) => entry.theta + 5),
      initialPositionEffect: cold.positionEffect!.theta,
    });
    expectSameScores(warm, cold, 1e-7);
    expect(warm.iterations).toBeLessThan(cold.iterations);
    expect(() => fitComparisonTable(table, options, { initialTheta: [1, 2] })).toThrow(RankingInputError);
  });
});
