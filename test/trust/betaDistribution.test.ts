import { describe, expect, it } from 'vitest';
import { betaQuantile, logGamma, positivePartOfChanceCorrected, regularizedIncompleteBeta } from '../../src/trust/betaDistribution.js';
import { clippedNormalMoments } from '../../src/trust/clippedNormal.js';
import { standardNormalCdf } from '../../src/stats/normalDistribution.js';

// I_x(a, b) for whole a, b: the chance of at least a successes in a + b − 1 Bernoulli(x)
// trials (the binomial identity; Abramowitz & Stegun 26.5.24), summed exactly.
function binomialTail(x: number, a: number, b: number): number {
  const n = a + b - 1;
  let sum = 0;
  let choose = 1;
  for (let j = 0; j <= n; j++) {
    if (j >= a) sum += choose * x ** j * (1 - x) ** (n - j);
    choose = (choose * (n - j)) / (j + 1);
  }
  return sum;
}

// Composite Simpson's rule with m (even) intervals.
function simpson(f: (x: number) => number, low: number, high: number, m = 20_000): number {
  const h = (high - low) / m;
  let sum = f(low) + f(high);
  for (let i = 1; i < m; i++) sum += (i % 2 === 1 ? 4 : 2) * f(low + i * h);
  return (sum * h) / 3;
}

describe('Beta distribution', () => {
  it('log Γ matches factorials and Γ(½) = √π', () => {
    let factorial = 1;
    for (let n = 1; n <= 20; n++) {
      expect(logGamma(n)).toBeCloseTo(Math.log(factorial), 12);
      factorial *= n;
    }
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(logGamma(0.1)).toBeCloseTo(2.252712651734206, 12); // ln Γ(0.1), R: lgamma(0.1)
  });

  it('I_x(a, b) matches the binomial identity for whole a and b, and its symmetry', () => {
    for (const [a, b] of [[1, 1], [2, 3], [5, 2], [11, 4], [30, 30], [1, 40]] as const) {
      for (const x of [0.01, 0.2, 0.5, 0.73, 0.99]) {
        expect(regularizedIncompleteBeta(x, a, b)).toBeCloseTo(binomialTail(x, a, b), 12);
        expect(regularizedIncompleteBeta(x, a, b) + regularizedIncompleteBeta(1 - x, b, a)).toBeCloseTo(1, 12);
      }
    }
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
    // Beta(½, ½) is the arcsine law: I_x = (2/π) asin √x.
    expect(regularizedIncompleteBeta(0.3, 0.5, 0.5)).toBeCloseTo((2 / Math.PI) * Math.asin(Math.sqrt(0.3)), 12);
  });

  it('quantiles invert I_x', () => {
    for (const [a, b] of [[0.5, 0.5], [3, 1.5], [11, 3.5], [200, 3]] as const) {
      for (const p of [0.025, 0.5, 0.975]) expect(regularizedIncompleteBeta(betaQuantile(p, a, b), a, b)).toBeCloseTo(p, 12);
    }
    expect(betaQuantile(0, 2, 2)).toBe(0);
    expect(betaQuantile(1, 2, 2)).toBe(1);
  });

  it('max(0, 2A − 1): ¼ and √(5/48) for a uniform A by hand, and numerical integration otherwise', () => {
    // ∫_½^1 (2a − 1) da = ¼; ∫_½^1 (2a − 1)² da = 1/6, so the variance is 1/6 − 1/16 = 5/48.
    const uniform = positivePartOfChanceCorrected(1, 1);
    expect(uniform.mean).toBeCloseTo(0.25, 13);
    expect(uniform.sd).toBeCloseTo(Math.sqrt(5 / 48), 12);
    for (const [a, b] of [[11, 3.5], [3, 1.5], [2, 7], [40, 38]] as const) {
      const norm = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b));
      const density = (x: number) => norm * x ** (a - 1) * (1 - x) ** (b - 1);
      // x = 1 − u² takes the (1 − x)^(b − 1) kink at 1 out of the integrand, so Simpson converges fast.
      const onHalf = (f: (x: number) => number) => simpson((u) => f(1 - u * u) * 2 * u, 0, Math.SQRT1_2);
      const mean = onHalf((x) => (2 * x - 1) * density(x));
      const square = onHalf((x) => (2 * x - 1) ** 2 * density(x));
      const moments = positivePartOfChanceCorrected(a, b);
      expect(moments.mean).toBeCloseTo(mean, 9);
      expect(moments.sd).toBeCloseTo(Math.sqrt(square - mean * mean), 8);
    }
  });
});

describe('clipped normal', () => {
  it('matches numerical integration of min(1, max(0, X))', () => {
    for (const [mean, sd] of [[0.5, 0.2], [0.97, 0.05], [0.05, 0.3], [-0.3, 0.2], [1.4, 0.5], [0.6, 2]] as const) {
      const density = (x: number) => Math.exp(-0.5 * ((x - mean) / sd) ** 2) / (sd * Math.sqrt(2 * Math.PI));
      const below = standardNormalCdf(-mean / sd);
      const above = 1 - standardNormalCdf((1 - mean) / sd);
      const first = simpson((x) => x * density(x), 0, 1) + above;
      const second = simpson((x) => x * x * density(x), 0, 1) + above;
      const moments = clippedNormalMoments(mean, sd);
      expect(moments.mean).toBeCloseTo(first, 9);
      expect(moments.sd).toBeCloseTo(Math.sqrt(second - first * first), 8);
      expect(below + above).toBeLessThanOrEqual(1);
    }
  });

  it('a point mass stays put, clipped', () => {
    expect(clippedNormalMoments(0.7, 0)).toEqual({ mean: 0.7, sd: 0 });
    expect(clippedNormalMoments(-2, 0)).toEqual({ mean: 0, sd: 0 });
    expect(clippedNormalMoments(0.4, 1e-12).mean).toBeCloseTo(0.4, 10);
  });
});
