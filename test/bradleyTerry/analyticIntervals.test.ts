import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyticIntervals, confidenceMultiplier, rankBounds, standardNormalQuantile } from '../../src/bradleyTerry/analyticIntervals.js';
import type { ComparisonRecord } from '../../src/bradleyTerry/comparisonTypes.js';
import { fitBradleyTerry, type BradleyTerryFit } from '../../src/bradleyTerry/fitBradleyTerry.js';
import { createRng } from '../../src/rng/createRng.js';
import { standardNormalCdf } from '../../src/stats/normalDistribution.js';
import { deepFreeze, expectInputError } from '../helpers.js';

/** A fit-shaped object with only what analyticIntervals reads. */
function fitOf(entries: readonly { datapoint: string; score: number; standardError: number }[]): BradleyTerryFit {
  return { entries, positionEffect: null } as unknown as BradleyTerryFit;
}

// Published quantiles of the standard normal distribution (e.g. R's qnorm, and
// Abramowitz & Stegun, Handbook of Mathematical Functions, table 26.5, to fewer digits).
const Z_95 = 1.6448536269514722; // Φ⁻¹(0.95)
const Z_975 = 1.959963984540054; // Φ⁻¹(0.975)
const Z_995 = 2.5758293035489; // Φ⁻¹(0.995), published to 13 decimals

describe('standardNormalQuantile', () => {
  it('matches published quantiles', () => {
    expect(Math.abs(standardNormalQuantile(0.95) - Z_95)).toBeLessThan(1e-14);
    expect(Math.abs(standardNormalQuantile(0.975) - Z_975)).toBeLessThan(1e-14);
    expect(Math.abs(standardNormalQuantile(0.995) - Z_995)).toBeLessThan(1e-12);
    expect(Math.abs(standardNormalQuantile(0.025) + Z_975)).toBeLessThan(1e-14);
    expect(standardNormalQuantile(0.5)).toBe(0);
  });

  it('gives the confidence multiplier z = Φ⁻¹((1 + confidence)/2)', () => {
    expect(Math.abs(confidenceMultiplier(0.95) - Z_975)).toBeLessThan(1e-14);
    expect(Math.abs(confidenceMultiplier(0.9) - Z_95)).toBeLessThan(1e-14);
    expect(Math.abs(confidenceMultiplier(0.99) - Z_995)).toBeLessThan(1e-12);
  });

  it('handles the ends of [0, 1] and rejects the outside', () => {
    expect(standardNormalQuantile(0)).toBe(-Infinity);
    expect(standardNormalQuantile(1)).toBe(Infinity);
    expect(standardNormalQuantile(-0.1)).toBeNaN();
    expect(standardNormalQuantile(Number.NaN)).toBeNaN();
  });

  it('inverts Φ to 1e-12 relative, from the far tail to the centre, and is antisymmetric', () => {
    fc.assert(
      fc.property(fc.double({ min: -30, max: 0, noNaN: true }), (exponent) => {
        // p spread over many orders of magnitude: 5e-31 … 0.5.
        const p = 0.5 * 10 ** exponent;
        const x = standardNormalQuantile(p);
        expect(Math.abs(standardNormalCdf(x) - p)).toBeLessThanOrEqual(1e-12 * p);
        // 1 − p is exact from 0.25 up; below, its rounding (≤ 1.1e-16) moves the
        // quantile by at most 1.1e-16/φ(x), under 1e-7 down to p = 1e-10.
        if (p >= 1e-10) expect(Math.abs(standardNormalQuantile(1 - p) + x)).toBeLessThan(1e-7);
      }),
    );
  });
});

describe('rankBounds: the Arena rule', () => {
  it('agrees with the O(n²) definition, ties included', () => {
    // Integer bounds from a small range, so equal bounds are common.
    const interval = fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 6 })).map(([low, width]) => [low, low + width] as const);
    fc.assert(
      fc.property(fc.array(interval, { minLength: 0, maxLength: 40 }), (intervals) => {
        const lower = intervals.map(([low]) => low);
        const upper = intervals.map(([, high]) => high);
        const { best, worst } = rankBounds(lower, upper);
        const n = intervals.length;
        intervals.forEach(([low, high], i) => {
          expect(best[i]).toBe(1 + lower.filter((other) => other > high).length);
          expect(worst[i]).toBe(n - upper.filter((other) => other < low).length);
          expect(1 <= best[i]! && best[i]! <= worst[i]! && worst[i]! <= n).toBe(true);
        });
      }),
    );
  });
});

describe('analyticIntervals', () => {
  it('computes score ± z·SE and the rank intervals of a hand example', () => {
    const z = Z_975;
    const fit = fitOf([
      { datapoint: 'A', score: 1300, standardError: 20 }, // [1260.8, 1339.2]
      { datapoint: 'B', score: 1250, standardError: 10 }, // [1230.4, 1269.6]
      { datapoint: 'C', score: 1200, standardError: 30 }, // [1141.2, 1258.8]
      { datapoint: 'D', score: 1000, standardError: 15 }, // [970.6, 1029.4]
    ]);
    const result = analyticIntervals(deepFreeze(fit));
    expect(result.z).toBeCloseTo(z, 14);
    expect(result.confidence).toBe(0.95);
    result.entries.forEach((entry, i) => {
      const { score, standardError } = fit.entries[i]!;
      expect(entry.lower).toBeCloseTo(score - z * standardError, 9);
      expect(entry.upper).toBeCloseTo(score + z * standardError, 9);
    });
    // bestRank = 1 + #{lower_j > upper_i}; worstRank = 4 − #{upper_j < lower_i}:
    // A: no lower above 1339.2 → 1; uppers below 1260.8: C (1258.8), D → 4 − 2 = 2.
    // B: no lower above 1269.6 (A's is 1260.8) → 1; uppers below 1230.4: D → 3.
    // C: lowers above 1258.8: A (1260.8) → 2; uppers below 1141.2: D → 3.
    // D: lowers above 1029.4: A, B, C → 4; no upper below 970.6 → 4.
    expect(result.entries.map((entry) => [entry.datapoint, entry.bestRank, entry.worstRank])).toEqual([
      ['A', 1, 2],
      ['B', 1, 3],
      ['C', 2, 3],
      ['D', 4, 4],
    ]);
    expect(result.positionEffect).toBeNull();
  });

  it('reproduces the documented example, and reads a real fit with a position effect', () => {
    const fit = fitBradleyTerry([
      { a: 'x', b: 'y', aWins: 30, bWins: 10 },
      { a: 'y', b: 'z', aWins: 30, bWins: 10 },
    ]);
    const { entries } = analyticIntervals(fit, { confidence: 0.9 });
    expect(entries.map((entry) => [entry.bestRank, entry.worstRank])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);

    const records: ComparisonRecord[] = [
      { left: 'a', right: 'b', outcome: 'left' },
      { left: 'b', right: 'a', outcome: 'left' },
      { left: 'a', right: 'b', outcome: 'right' },
      { left: 'b', right: 'c', outcome: 'draw' },
      { left: 'c', right: 'a', outcome: 'left' },
    ];
    const withBias = fitBradleyTerry(records, { positionEffect: true });
    const result = analyticIntervals(withBias);
    const gamma = withBias.positionEffect!;
    expect(result.positionEffect).toEqual({
      score: gamma.score,
      standardError: gamma.standardError,
      lower: gamma.score - result.z * gamma.standardError,
      upper: gamma.score + result.z * gamma.standardError,
    });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('accepts a fit read back from JSON and never modifies it', () => {
    const fit = deepFreeze(JSON.parse(JSON.stringify(fitBradleyTerry([{ a: 'x', b: 'y', aWins: 3, bWins: 1 }]))) as BradleyTerryFit);
    const before = JSON.stringify(fit);
    analyticIntervals(fit, deepFreeze({ confidence: 0.5 }));
    expect(JSON.stringify(fit)).toBe(before);
  });

  it('widens the score intervals and loosens the rank intervals as the confidence grows', () => {
    const entry = fc.record({ score: fc.double({ min: 0, max: 2000, noNaN: true }), standardError: fc.double({ min: 0, max: 200, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 30 }), fc.double({ min: 0.01, max: 0.98, noNaN: true }), (raw, confidence) => {
        const fit = fitOf(raw.map((item, i) => ({ datapoint: `d${i}`, ...item })));
        const narrow = analyticIntervals(fit, { confidence });
        const wide = analyticIntervals(fit, { confidence: confidence + 0.01 });
        narrow.entries.forEach((entry, i) => {
          const other = wide.entries[i]!;
          expect(other.lower).toBeLessThanOrEqual(entry.lower);
          expect(other.upper).toBeGreaterThanOrEqual(entry.upper);
          expect(other.bestRank).toBeLessThanOrEqual(entry.bestRank);
          expect(other.worstRank).toBeGreaterThanOrEqual(entry.worstRank);
        });
      }),
    );
  });

  it('halves every interval when each comparison is repeated 4 times (prior 0: the information scales by 4)', () => {
    // With prior 0 the maximum-likelihood scores do not change when every count is
    // multiplied by k, and the information matrix is multiplied by k, so every standard
    // error — and every interval width — is multiplied by exactly 1/√k.
    const rng = createRng('replicate');
    const records: ComparisonRecord[] = Array.from({ length: 300 }, () => {
      const i = Math.floor(rng() * 10);
      const j = (i + 1 + Math.floor(rng() * 9)) % 10;
      return { left: `d${i}`, right: `d${j}`, outcome: rng() < 0.5 + (i - j) / 25 ? 'left' : 'right' };
    });
    const once = analyticIntervals(fitBradleyTerry(records, { prior: 0 }));
    const four = analyticIntervals(fitBradleyTerry(records.map((record) => ({ ...record, weight: 4 })), { prior: 0 }));
    once.entries.forEach((entry, i) => {
      const other = four.entries[i]!;
      expect(other.score).toBeCloseTo(entry.score, 6);
      expect((other.upper - other.lower) / (entry.upper - entry.lower)).toBeCloseTo(0.5, 8);
    });
  });

  it('covers the true scores about as often as promised (simulation)', () => {
    // 20 designs of 30 datapoints with true strengths θ ~ N(0, 1) nats and 1 500 random
    // comparisons each; the nominal coverage is 95%, the binomial standard deviation over
    // 600 datapoint-instances under 1%, so [0.90, 0.99] leaves room for the correlation
    // between the instances of one design.
    const { covered, total } = simulateCoverage(20, (records) => analyticIntervals(fitBradleyTerry(records)).entries);
    expect(covered / total).toBeGreaterThanOrEqual(0.9);
    expect(covered / total).toBeLessThanOrEqual(0.99);
  });

  it('rejects bad input, naming the field', () => {
    const fit = fitBradleyTerry([{ a: 'x', b: 'y', aWins: 3, bWins: 1 }]);
    for (const confidence of [0, 1, -0.5, 1.5, Number.NaN, '0.9']) {
      expectInputError(() => analyticIntervals(fit, { confidence } as never), 'options.confidence');
    }
    expectInputError(() => analyticIntervals(fit, { level: 0.9 } as never), 'options.level');
    expectInputError(() => analyticIntervals(fit, null as never), 'options');
    expectInputError(() => analyticIntervals(null as never), 'fit');
    expectInputError(() => analyticIntervals({ entries: 'x' } as never), 'fit.entries');
    expectInputError(() => analyticIntervals(fitOf([{ datapoint: 'x', score: 1, standardError: 1 }, { datapoint: 'y', score: 1, standardError: -1 }])), 'fit.entries[1].standardError');
    expectInputError(() => analyticIntervals(fitOf([{ datapoint: 'x', score: Number.NaN, standardError: 1 }])), 'fit.entries[0].score');
    expectInputError(() => analyticIntervals(fitOf([{ datapoint: '', score: 1, standardError: 1 }])), 'fit.entries[0].datapoint');
    expectInputError(() => analyticIntervals({ ...fit, positionEffect: { score: 1 } } as never), 'fit.positionEffect.standardError');
  });
});

/**
 * Simulates `designs` Bradley–Terry data sets (30 datapoints, θ ~ N(0, 1) nats, 1 500
 * uniformly random pairs) and counts how often an interval holds the true centred score.
 * (bootstrapIntervals.test.ts has the same simulation.)
 */
function simulateCoverage(
  designs: number,
  intervals: (records: ComparisonRecord[]) => readonly { datapoint: string; lower: number; upper: number }[],
): { covered: number; total: number } {
  const n = 30;
  const rng = createRng('coverage');
  let covered = 0;
  let total = 0;
  for (let design = 0; design < designs; design++) {
    const theta = Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng()));
    const mean = theta.reduce((sum, value) => sum + value, 0) / n;
    const records: ComparisonRecord[] = Array.from({ length: 1500 }, () => {
      const i = Math.floor(rng() * n);
      const j = (i + 1 + Math.floor(rng() * (n - 1))) % n;
      return { left: `d${i}`, right: `d${j}`, outcome: rng() < 1 / (1 + Math.exp(theta[j]! - theta[i]!)) ? 'left' : 'right' };
    });
    for (const entry of intervals(records)) {
      const trueScore = 1200 + (400 / Math.LN10) * (theta[Number(entry.datapoint.slice(1))]! - mean);
      if (entry.lower <= trueScore && trueScore <= entry.upper) covered++;
      total++;
    }
  }
  return { covered, total };
}
