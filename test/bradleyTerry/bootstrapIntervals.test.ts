import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyticIntervals } from '../../src/bradleyTerry/analyticIntervals.js';
import { BOOTSTRAP_DEFAULTS, bootstrapIntervals, type BootstrapIntervals } from '../../src/bradleyTerry/bootstrapIntervals.js';
import { comparisonTable } from '../../src/bradleyTerry/comparisonTable.js';
import type { Comparison, ComparisonOutcome, ComparisonRecord, PairCounts } from '../../src/bradleyTerry/comparisonTypes.js';
import { fitBradleyTerry } from '../../src/bradleyTerry/fitBradleyTerry.js';
import { createRng } from '../../src/rng/createRng.js';
import type { Rng } from '../../src/rng/rng.js';
import { deepFreeze, expectInputError } from '../helpers.js';

const ELO_PER_NAT = 400 / Math.LN10;

/** `count` records between uniformly random pairs of d0 … d(n−1), answered by Bradley–Terry with strengths θ and left bias γ (nats). */
function simulateRecords(rng: Rng, theta: readonly number[], count: number, gamma = 0): ComparisonRecord[] {
  const n = theta.length;
  return Array.from({ length: count }, () => {
    const i = Math.floor(rng() * n);
    const j = (i + 1 + Math.floor(rng() * (n - 1))) % n;
    const leftWins = 1 / (1 + Math.exp(theta[j]! - theta[i]! - gamma));
    return { left: `d${i}`, right: `d${j}`, outcome: rng() < leftWins ? 'left' : 'right' };
  });
}

/** n strengths (nats) from N(0, 1), by Box–Muller. */
function normalStrengths(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng()));
}

const meanWidth = (result: BootstrapIntervals): number =>
  result.entries.reduce((sum, entry) => sum + (entry.upper - entry.lower), 0) / result.entries.length;

// One moderately sized data set shared by several tests: 12 datapoints, 600 records.
const STRENGTHS = normalStrengths(createRng('strengths'), 12);
const RECORDS: readonly ComparisonRecord[] = deepFreeze(simulateRecords(createRng('records'), STRENGTHS, 600));

describe('bootstrapIntervals: determinism', () => {
  it('gives byte-identical JSON for the same seed, and different results for another seed', () => {
    const first = JSON.stringify(bootstrapIntervals(RECORDS, { rounds: 50, seed: 'a' }));
    const second = JSON.stringify(bootstrapIntervals(RECORDS, { rounds: 50, seed: 'a' }));
    const other = JSON.stringify(bootstrapIntervals(RECORDS, { rounds: 50, seed: 'b' }));
    expect(second).toBe(first);
    expect(other).not.toBe(first);
    // A numeric seed and the same digits as a string are the same seed (createRng reads String(seed)).
    const numeric = bootstrapIntervals(RECORDS, { rounds: 20, seed: 7 });
    expect(numeric.entries).toEqual(bootstrapIntervals(RECORDS, { rounds: 20, seed: '7' }).entries);
  });

  it('is deterministic on random small designs, with consistent bounds and ranks', () => {
    const ID_POOL = ['a', 'b', 'c', 'd', '__proto__', 'constructor'];
    const item: fc.Arbitrary<Comparison> = fc.oneof(
      fc
        .record({
          left: fc.constantFrom(...ID_POOL),
          right: fc.constantFrom(...ID_POOL),
          outcome: fc.constantFrom<ComparisonOutcome>('left', 'right', 'draw'),
          weight: fc.constantFrom(1, 2, 0, 0.5),
        })
        .filter((record) => record.left !== record.right),
      fc
        .record({ a: fc.constantFrom(...ID_POOL), b: fc.constantFrom(...ID_POOL), aWins: fc.nat(4), bWins: fc.nat(4), draws: fc.nat(2) })
        .filter((counts) => counts.a !== counts.b),
    );
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 25 }), fc.boolean(), fc.string(), (comparisons, positionEffect, seed) => {
        const hasRecords = comparisons.some((comparison) => 'left' in comparison && (comparison.weight ?? 1) > 0);
        const options = { rounds: 10, seed, positionEffect: positionEffect && hasRecords, prior: 0.1 };
        const result = bootstrapIntervals(deepFreeze(comparisons), options);
        expect(JSON.stringify(bootstrapIntervals(comparisons, options))).toBe(JSON.stringify(result));
        expectConsistent(result);
        expect(result.positionEffect === null).toBe(!options.positionEffect);
      }),
      { numRuns: 40 },
    );
  });

  it('pins the rank intervals of a fixed seed (no-regression)', () => {
    // Recorded from this implementation (seed 'pin', 200 rounds) when it was written; the
    // ranks are integers, so they survive any change that leaves the resampling alone.
    const result = bootstrapIntervals(RECORDS, { rounds: 200, seed: 'pin' });
    expect(result.resampling).toBe('multinomial');
    expect(result.entries.map((entry) => `${entry.datapoint}:${entry.bestRank}-${entry.worstRank}`)).toEqual(PINNED_RANKS);
    // Score bounds too, so a change to the resampling that keeps the ranks still shows.
    expect(result.entries.slice(0, 2).map((entry) => [entry.lower, entry.upper])).toEqual(PINNED_BOUNDS);
  });
});

// See 'pins the rank intervals of a fixed seed'.
// Recorded from this implementation on 2026-11-27 (seed 'pin', 200 rounds): d10 and d5.
const PINNED_BOUNDS: readonly (readonly [number, number])[] = [
  [1093.8872495795054, 1237.4659369907044],
  [1275.6800130616791, 1428.1857427791304],
];
const PINNED_RANKS: readonly string[] = [
  'd10:5-10',
  'd5:1-6',
  'd2:2-9',
  'd4:10-12',
  'd8:4-10',
  'd0:8-12',
  'd3:10-12',
  'd9:1-7',
  'd6:1-9',
  'd7:1-7',
  'd1:1-9',
  'd11:1-8',
];

/** Bounds in order, ranks in 1…n and computed by the Arena rule from the bounds. */
function expectConsistent(result: BootstrapIntervals): void {
  const n = result.entries.length;
  expect(result.entries.map((entry) => entry.datapoint)).toEqual(result.fit.ids);
  for (const entry of result.entries) {
    expect(entry.lower).toBeLessThanOrEqual(entry.median);
    expect(entry.median).toBeLessThanOrEqual(entry.upper);
    expect(entry.bestRank).toBe(1 + result.entries.filter((other) => other.lower > entry.upper).length);
    expect(entry.worstRank).toBe(n - result.entries.filter((other) => other.upper < entry.lower).length);
    expect(1 <= entry.bestRank && entry.bestRank <= entry.worstRank && entry.worstRank <= n).toBe(true);
  }
}

describe('bootstrapIntervals: the intervals', () => {
  const result = bootstrapIntervals(RECORDS, { rounds: 300, seed: 1 });

  it('reports its settings and the full-data fit', () => {
    expect(result).toMatchObject({ rounds: 300, confidence: 0.95, seed: 1, resampling: 'multinomial', nonConvergedRounds: 0, positionEffect: null });
    const fit = fitBradleyTerry(RECORDS);
    expect(result.fit).toEqual(fit);
    result.entries.forEach((entry, i) => expect(entry.score).toBe(fit.entries[i]!.score));
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('contains every full-data score, with the median close to it', () => {
    expectConsistent(result);
    for (const entry of result.entries) {
      expect(entry.lower).toBeLessThan(entry.score);
      expect(entry.score).toBeLessThan(entry.upper);
      // The median of a nearly unbiased estimator: well within a quarter of the width.
      expect(Math.abs(entry.median - entry.score)).toBeLessThan((entry.upper - entry.lower) / 4);
    }
  });

  it('agrees with the analytic intervals on well-connected data (widths within 20%)', () => {
    const analytic = analyticIntervals(result.fit);
    result.entries.forEach((entry, i) => {
      const reference = analytic.entries[i]!;
      expect((entry.upper - entry.lower) / (reference.upper - reference.lower)).toBeGreaterThan(0.8);
      expect((entry.upper - entry.lower) / (reference.upper - reference.lower)).toBeLessThan(1.2);
    });
  });

  it('uses the defaults: 1000 rounds, seed 1, confidence 0.95', () => {
    const small: PairCounts[] = [
      { a: 'x', b: 'y', aWins: 6, bWins: 4 },
      { a: 'y', b: 'z', aWins: 7, bWins: 3 },
    ];
    const defaults = bootstrapIntervals(small);
    expect(BOOTSTRAP_DEFAULTS).toEqual({ rounds: 1000, seed: 1, confidence: 0.95 });
    expect(defaults).toMatchObject({ rounds: 1000, seed: 1, confidence: 0.95 });
    expect(JSON.stringify(bootstrapIntervals(small, { rounds: 1000, seed: 1, confidence: 0.95 }))).toBe(JSON.stringify(defaults));
  });

  it('reproduces the documented example', () => {
    const example = bootstrapIntervals(
      [
        { a: 'x', b: 'y', aWins: 30, bWins: 10 },
        { a: 'y', b: 'z', aWins: 30, bWins: 10 },
      ],
      { rounds: 1000, seed: 'leaderboard' },
    );
    expect(example.entries.map((entry) => [entry.datapoint, entry.bestRank, entry.worstRank])).toEqual([
      ['x', 1, 1],
      ['y', 2, 2],
      ['z', 3, 3],
    ]);
  });

  it('narrows the intervals with the confidence, nested around the same sample', () => {
    const narrow = bootstrapIntervals(RECORDS, { rounds: 100, confidence: 0.5 });
    const wide = bootstrapIntervals(RECORDS, { rounds: 100, confidence: 0.9 });
    narrow.entries.forEach((entry, i) => {
      const other = wide.entries[i]!;
      // Same seed and rounds: the same bootstrap scores, read at other quantiles.
      expect(other.median).toBe(entry.median);
      expect(other.lower).toBeLessThanOrEqual(entry.lower);
      expect(other.upper).toBeGreaterThanOrEqual(entry.upper);
      expect(other.bestRank).toBeLessThanOrEqual(entry.bestRank);
      expect(other.worstRank).toBeGreaterThanOrEqual(entry.worstRank);
    });
  });

  it('resamples a record of weight w exactly like w copies of it', () => {
    // Both give the same cells with the same whole-number counts, so the same games are drawn.
    const weighted = RECORDS.slice(0, 200).map((record, i) => ({ ...record, weight: 1 + (i % 3) }));
    const copies = weighted.flatMap(({ weight, ...record }) => Array.from({ length: weight }, () => record));
    expect(JSON.stringify(bootstrapIntervals(weighted, { rounds: 30 }).entries)).toBe(JSON.stringify(bootstrapIntervals(copies, { rounds: 30 }).entries));
  });

  it('halves the widths, roughly, when every comparison counts 4 times', () => {
    // The standard error of a score falls as 1/√(games); with the same design and 4 times
    // the games, the mean interval width should be about half (Monte Carlo error and the
    // prior, negligible here, allow 0.4–0.6).
    const once = bootstrapIntervals(RECORDS, { rounds: 200 });
    const four = bootstrapIntervals(
      RECORDS.map((record) => ({ ...record, weight: 4 })),
      { rounds: 200 },
    );
    const ratio = meanWidth(four) / meanWidth(once);
    expect(ratio).toBeGreaterThan(0.4);
    expect(ratio).toBeLessThan(0.6);
  });

  it('covers the true scores about as often as promised (simulation)', () => {
    // 10 designs of 30 datapoints, θ ~ N(0, 1) nats, 1 500 random comparisons each, 200
    // rounds: 300 datapoint-instances, nominal coverage 95%, binomial standard deviation
    // 1.3%; [0.88, 0.99] leaves room for the correlation within a design and for
    // percentile intervals from 200 rounds.
    const rng = createRng('coverage');
    let covered = 0;
    let total = 0;
    for (let design = 0; design < 10; design++) {
      const theta = normalStrengths(rng, 30);
      const mean = theta.reduce((sum, value) => sum + value, 0) / theta.length;
      const result = bootstrapIntervals(simulateRecords(rng, theta, 1500), { rounds: 200, seed: design });
      for (const entry of result.entries) {
        const trueScore = 1200 + ELO_PER_NAT * (theta[Number(entry.datapoint.slice(1))]! - mean);
        if (entry.lower <= trueScore && trueScore <= entry.upper) covered++;
        total++;
      }
    }
    expect(total).toBe(300);
    expect(covered / total).toBeGreaterThanOrEqual(0.88);
    expect(covered / total).toBeLessThanOrEqual(0.99);
  });
});

describe('bootstrapIntervals: resampling schemes and inputs', () => {
  it('uses the Bayesian bootstrap for fractional weights, with about the same widths', () => {
    // Dirichlet weights have the multinomial's covariance up to a factor N/(N + 1).
    const fractional = RECORDS.map((record) => ({ ...record, weight: 1 + 1e-9 }));
    const bayesian = bootstrapIntervals(fractional, { rounds: 200 });
    const multinomial = bootstrapIntervals(RECORDS, { rounds: 200 });
    expect(bayesian.resampling).toBe('bayesian');
    expectConsistent(bayesian);
    const ratio = meanWidth(bayesian) / meanWidth(multinomial);
    expect(ratio).toBeGreaterThan(0.85);
    expect(ratio).toBeLessThan(1.15);
    expect(JSON.stringify(bootstrapIntervals(fractional, { rounds: 20 }))).toBe(JSON.stringify(bootstrapIntervals(fractional, { rounds: 20 })));
  });

  it('accepts a ComparisonTable, with about the same intervals as the records', () => {
    const fromTable = bootstrapIntervals(comparisonTable(RECORDS), { rounds: 200 });
    const fromRecords = bootstrapIntervals(RECORDS, { rounds: 200 });
    expect(fromTable.fit).toEqual(fromRecords.fit);
    expect(fromTable.resampling).toBe('multinomial');
    const ratio = meanWidth(fromTable) / meanWidth(fromRecords);
    expect(ratio).toBeGreaterThan(0.85);
    expect(ratio).toBeLessThan(1.15);
  });

  it('reads a table’s draws as one draw per cell with half-wins on both sides', () => {
    // From records, two draws stay two drawn games; from the table, whose cell holds
    // 1 + ½ wins for x and ½ for y, the reading is one win for x and one draw.
    const records: ComparisonRecord[] = [
      { left: 'x', right: 'y', outcome: 'left' },
      { left: 'x', right: 'y', outcome: 'draw' },
      { left: 'y', right: 'z', outcome: 'left' },
      { left: 'z', right: 'x', outcome: 'left' },
    ];
    const fromTable = bootstrapIntervals(comparisonTable(records), { rounds: 50 });
    expect(fromTable.resampling).toBe('multinomial');
    expectConsistent(fromTable);
  });

  it('fits and resamples the position effect, covering the true bias', () => {
    const gamma = 0.4;
    const records = simulateRecords(createRng('bias'), STRENGTHS, 1500, gamma);
    const result = bootstrapIntervals(records, { rounds: 200, positionEffect: true });
    const effect = result.positionEffect!;
    expect(effect.score).toBe(result.fit.positionEffect!.score);
    expect(effect.lower).toBeLessThan(gamma * ELO_PER_NAT);
    expect(gamma * ELO_PER_NAT).toBeLessThan(effect.upper);
    expect(effect.lower).toBeLessThanOrEqual(effect.median);
    expect(effect.median).toBeLessThanOrEqual(effect.upper);
  });

  it('gives the position effect its prior value 0 in rounds that draw no record', () => {
    // One record among 40 pair-count games: about e^−1 of the rounds draw no record.
    const comparisons: Comparison[] = [
      { left: 'x', right: 'y', outcome: 'left' },
      { a: 'x', b: 'y', aWins: 10, bWins: 10 },
      { a: 'y', b: 'z', aWins: 10, bWins: 10 },
    ];
    const result = bootstrapIntervals(comparisons, { rounds: 100, positionEffect: true });
    expect(result.positionEffect!.lower).toBe(0);
    expect(result.positionEffect!.upper).toBeGreaterThan(0);
  });

  it('handles comparisons of zero weight (the datapoints are known, their scores stay at the center)', () => {
    const result = bootstrapIntervals(
      [
        { left: 'x', right: 'y', outcome: 'left', weight: 0 },
        { a: 'x', b: 'y', aWins: 0, bWins: 0 },
      ],
      { rounds: 10 },
    );
    expect(result.entries.map((entry) => [entry.lower, entry.upper, entry.bestRank, entry.worstRank])).toEqual([
      [1200, 1200, 1, 2],
      [1200, 1200, 1, 2],
    ]);
  });

  it('never modifies its input', () => {
    const comparisons = deepFreeze(RECORDS.slice(0, 100));
    const options = deepFreeze({ rounds: 10, seed: 'frozen', positionEffect: true });
    const before = JSON.stringify(comparisons);
    bootstrapIntervals(comparisons, options);
    expect(JSON.stringify(comparisons)).toBe(before);
  });
});

describe('bootstrapIntervals: bad input', () => {
  const small: Comparison[] = [{ a: 'x', b: 'y', aWins: 3, bWins: 1 }];

  it('names the option at fault', () => {
    for (const rounds of [9, 10.5, 100_001, '100', Number.NaN, 0]) {
      expectInputError(() => bootstrapIntervals(small, { rounds } as never), 'options.rounds');
    }
    for (const confidence of [0, 1, 1.5, Number.NaN, '0.9']) {
      expectInputError(() => bootstrapIntervals(small, { confidence } as never), 'options.confidence');
    }
    for (const seed of [Number.NaN, Infinity, {}, null, true]) {
      expectInputError(() => bootstrapIntervals(small, { seed } as never), 'options.seed');
    }
    const prior = expectInputError(() => bootstrapIntervals(small, { prior: 0 }), 'options.prior');
    expect(prior.message).toContain('must be > 0');
    expectInputError(() => bootstrapIntervals(small, { prior: -1 }), 'options.prior');
    expectInputError(() => bootstrapIntervals(small, { scale: 0 }), 'options.scale');
    expectInputError(() => bootstrapIntervals(small, { maxIterations: 1.5 }), 'options.maxIterations');
    expectInputError(() => bootstrapIntervals(small, { covariance: true } as never), 'options.covariance');
    expectInputError(() => bootstrapIntervals(small, { iterations: 5 } as never), 'options.iterations');
    expectInputError(() => bootstrapIntervals(small, [] as never), 'options');
  });

  it('names the comparison at fault', () => {
    expectInputError(
      () =>
        bootstrapIntervals([
          { left: 'a', right: 'b', outcome: 'left' },
          { a: 'a', b: 'c', aWins: 1, bWins: 1 },
          { left: 'a', right: 'b', outcome: 'lose' as never },
        ]),
      'comparisons[2].outcome',
    );
    expectInputError(() => bootstrapIntervals([{ a: 'a', b: 'b', aWins: -1, bWins: 1 }]), 'comparisons[0].aWins');
    expectInputError(() => bootstrapIntervals(42 as never), 'comparisons');
    expectInputError(() => bootstrapIntervals([]), 'comparisons');
    expectInputError(() => bootstrapIntervals([{ a: 'a', b: 'b', aWins: 1, bWins: 1 }], { positionEffect: true }), 'options.positionEffect');
  });
});
