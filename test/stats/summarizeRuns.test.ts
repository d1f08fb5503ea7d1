import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { quantile } from '../../src/stats/quantile.js';
import { summarizeRuns } from '../../src/stats/summarizeRuns.js';
import { studentTQuantile975 } from '../../src/stats/studentTQuantile.js';

describe('studentTQuantile975', () => {
  it('matches published t tables', () => {
    // NIST/SEMATECH e-Handbook §1.3.6.7.2 (upper critical values, α = 0.025), and R's qt(0.975, df).
    const table: [number, number][] = [
      [1, 12.706], [2, 4.303], [5, 2.571], [10, 2.228], [11, 2.201], [15, 2.131], [20, 2.086], [30, 2.042], [60, 2.0], [100, 1.984],
    ];
    for (const [df, t] of table) expect(studentTQuantile975(df)).toBeCloseTo(t, 3);
    expect(studentTQuantile975(11)).toBeCloseTo(2.200985160082949, 5);
    expect(studentTQuantile975(199)).toBeCloseTo(1.971956544249395, 8);
  });
});

describe('summarizeRuns', () => {
  it('matches a hand calculation', () => {
    // Values 1, 2, 3, 4: mean 2.5, sample variance (2.25 + 0.25 + 0.25 + 2.25) / 3 = 5/3;
    // CI: 2.5 ± t(3) × √(5/3) / 2 = 2.5 ± 3.18245 × 0.645497 = 2.5 ± 2.05426.
    // Type-7 percentiles: position 3 × 0.025 = 0.075 → 1.075; 3 × 0.975 = 2.925 → 3.925.
    const summary = summarizeRuns([1, 2, 3, 4]);
    expect(summary.n).toBe(4);
    expect(summary.mean).toBeCloseTo(2.5, 14);
    expect(summary.sd).toBeCloseTo(Math.sqrt(5 / 3), 14);
    expect(summary.ciLow).toBeCloseTo(2.5 - 3.1824463052837078 * Math.sqrt(5 / 3) / 2, 12);
    expect(summary.ciHigh).toBeCloseTo(2.5 + 3.1824463052837078 * Math.sqrt(5 / 3) / 2, 12);
    expect(summary.p2_5).toBeCloseTo(1.075, 14);
    expect(summary.p97_5).toBeCloseTo(3.925, 14);
  });

  it('leaves out NaN runs and reports what it cannot compute as null', () => {
    expect(summarizeRuns([Number.NaN, 3, Number.NaN])).toEqual({ n: 1, mean: 3, sd: null, ciLow: null, ciHigh: null, p2_5: 3, p97_5: 3 });
    expect(summarizeRuns([Number.NaN])).toEqual({ n: 0, mean: null, sd: null, ciLow: null, ciHigh: null, p2_5: null, p97_5: null });
  });

  it('agrees with two-pass formulas and brackets the data', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 2, maxLength: 200 }), (values) => {
        const summary = summarizeRuns(values);
        const mean = values.reduce((a, b) => a + b, 0) / values.length;
        const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
        expect(summary.mean!).toBeCloseTo(mean, 12);
        expect(summary.sd!).toBeCloseTo(sd, 12);
        const sorted = [...values].sort((a, b) => a - b);
        expect(summary.p2_5!).toBeGreaterThanOrEqual(sorted[0]!);
        expect(summary.p97_5!).toBeLessThanOrEqual(sorted.at(-1)!);
        expect(quantile(sorted, 0)).toBe(sorted[0]);
        expect(quantile(sorted, 1)).toBe(sorted.at(-1));
      }),
    );
  });
});
