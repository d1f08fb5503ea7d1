import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/rng/createRng.js';
import {
  inverseMillsRatio,
  logStandardNormalCdf,
  standardNormalCdf,
  standardNormalDraw,
} from '../../src/stats/normalDistribution.js';

/** |got − expected| / |expected|. */
function relativeError(got: number, expected: number): number {
  return Math.abs(got - expected) / Math.abs(expected);
}

/** The next double below a positive `x`. */
function previousDouble(x: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) - 1n);
  return view.getFloat64(0);
}

// Where the algorithm changes branch: the rational function is used for |x| < 7.07106781186547
// (the literal in normalDistribution.ts), the continued fraction from there on, and Φ's
// lower tail is set to 0 beyond |x| = 37.
const RATIONAL_LIMIT = 7.07106781186547;
const ZERO_LIMIT = 37;

describe('standardNormalCdf', () => {
  it('matches scipy to the documented absolute error (1e-14)', () => {
    // python3: from scipy.special import ndtr; [repr(float(ndtr(x))) for x in (-20, -10, -5, -2, -1, -0.5, 0, 0.5, 1, 2, 5, 10)]
    const table: [number, number][] = [
      [-20, 2.7536241186061556e-89],
      [-10, 7.61985302416047e-24],
      [-5, 2.866515718791933e-7],
      [-2, 0.022750131948179195],
      [-1, 0.15865525393145707],
      [-0.5, 0.3085375387259869],
      [0, 0.5],
      [0.5, 0.6914624612740131],
      [1, 0.8413447460685429],
      [2, 0.9772498680518208],
      [5, 0.9999997133484281],
      [10, 1],
    ];
    for (const [x, expected] of table) expect(Math.abs(standardNormalCdf(x) - expected)).toBeLessThanOrEqual(1e-14);
    // Abramowitz & Stegun, Handbook of Mathematical Functions, table 26.1: P(1.00) = 0.84134 47460 68543.
    expect(Math.abs(standardNormalCdf(1) - 0.841344746068543)).toBeLessThanOrEqual(1e-14);
  });

  it('is a distribution function: in [0, 1], non-decreasing, Φ(x) + Φ(−x) = 1', () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: -50, max: 50, noNaN: true }), (x, y) => {
        const [low, high] = x <= y ? [x, y] : [y, x];
        expect(standardNormalCdf(low)).toBeGreaterThanOrEqual(0);
        expect(standardNormalCdf(high)).toBeLessThanOrEqual(1);
        expect(standardNormalCdf(low)).toBeLessThanOrEqual(standardNormalCdf(high));
        expect(Math.abs(standardNormalCdf(x) + standardNormalCdf(-x) - 1)).toBeLessThanOrEqual(2.3e-16);
      }),
    );
  });
});

describe('logStandardNormalCdf', () => {
  it('is accurate far in the lower tail, where Φ itself underflows', () => {
    // python3: from scipy.special import log_ndtr; [repr(float(log_ndtr(x))) for x in (-40, -100, -1e3)]
    // (mpmath.log(mpmath.ncdf(x)) at 40 digits agrees to the last digit shown).
    const table: [number, number][] = [
      [-40, -804.6084420137539],
      [-100, -5005.524208694205],
      [-1e3, -500007.8266948122],
    ];
    for (const [x, expected] of table) {
      expect(standardNormalCdf(x)).toBe(0);
      expect(relativeError(logStandardNormalCdf(x), expected)).toBeLessThanOrEqual(1e-14);
    }
  });

  it('matches scipy near the centre', () => {
    // python3: [repr(float(log_ndtr(x))) for x in (-2, -1, 0, 1, 2)]; log Φ(0) = −ln 2.
    const table: [number, number][] = [
      [-2, -3.7831843336820317],
      [-1, -1.8410216450092634],
      [0, -Math.LN2],
      [1, -0.1727537790234499],
      [2, -0.023012909328963476],
    ];
    for (const [x, expected] of table) expect(relativeError(logStandardNormalCdf(x), expected)).toBeLessThanOrEqual(1e-13);
  });

  it('is finite, at most 0 and non-decreasing wherever −x²/2 is representable', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e150, max: 1e150, noNaN: true }), fc.double({ min: -1e150, max: 1e150, noNaN: true }), (x, y) => {
        const [low, high] = x <= y ? [x, y] : [y, x];
        expect(Number.isFinite(logStandardNormalCdf(low))).toBe(true);
        expect(logStandardNormalCdf(high)).toBeLessThanOrEqual(0);
        expect(logStandardNormalCdf(low)).toBeLessThanOrEqual(logStandardNormalCdf(high));
      }),
    );
  });
});

describe('inverseMillsRatio', () => {
  it('is finite and about −x far in the lower tail, inside the Mills-ratio bounds', () => {
    // For t > 0, t < φ(t)/Q(t) < t + 1/t (R. D. Gordon, "Values of Mills' ratio of area to
    // bounding ordinate …", Ann. Math. Statist. 12(3), 1941); φ(x)/Φ(x) at x = −t is φ(t)/Q(t).
    // The slack of a few ulps allows for rounding where 1/t is below t's last digit.
    for (const t of [40, 1e3, 1e6, 1e100, 1e300]) {
      const ratio = inverseMillsRatio(-t);
      expect(Number.isFinite(ratio)).toBe(true);
      expect(ratio).toBeGreaterThanOrEqual(t * (1 - 4e-16));
      expect(ratio).toBeLessThanOrEqual((t + 1 / t) * (1 + 4e-16));
    }
    // mpmath (dps 40): npdf(-1000) / ncdf(-1000) = 1000.00099999800001 (= t + 1/t − 2/t³ + …).
    expect(relativeError(inverseMillsRatio(-1e3), 1000.00099999800001)).toBeLessThanOrEqual(1e-14);
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e6, noNaN: true }), (t) => {
        const ratio = inverseMillsRatio(-t);
        expect(ratio).toBeGreaterThanOrEqual(t * (1 - 4e-16));
        expect(ratio).toBeLessThanOrEqual((t + 1 / t) * (1 + 4e-16));
      }),
    );
  });

  it('is finite and non-negative for |x| up to 1e300, and tends to φ(x) in the upper tail', () => {
    // (At x ≈ −Number.MAX_VALUE the true value, about −x, rounds to the largest double and
    // the computed one overflows; no posterior update comes near.)
    fc.assert(
      fc.property(fc.double({ min: -1e300, max: 1e300, noNaN: true }), (x) => {
        const ratio = inverseMillsRatio(x);
        expect(Number.isFinite(ratio)).toBe(true);
        expect(ratio).toBeGreaterThanOrEqual(0);
      }),
    );
    // mpmath (dps 40): npdf(30) / ncdf(30) = 1.473646134878547519e-196; at 0 it is √(2/π).
    expect(relativeError(inverseMillsRatio(30), 1.473646134878547519e-196)).toBeLessThanOrEqual(1e-14);
    expect(relativeError(inverseMillsRatio(0), Math.sqrt(2 / Math.PI))).toBeLessThanOrEqual(1e-15);
  });
});

describe('relative accuracy of log Φ and φ/Φ in the lower tail (documented: full relative accuracy)', () => {
  it('matches mpmath and scipy to 1e-12 relative from x = −30 to −3, and log Φ(x) for x = 5, 8', () => {
    // φ/Φ: python3: import mpmath; mpmath.mp.dps = 30; mpmath.npdf(x) / mpmath.ncdf(x)
    // log Φ: python3: repr(float(scipy.special.log_ndtr(x)))
    const table: [number, number, number][] = [
      [-30, 30.033259667433677, -454.32124395634327],
      [-20, 20.049753068527851, -203.9171553710973],
      [-15, 15.066086827167822, -116.13138484571171],
      [-10, 10.098093233962512, -53.23128515051248],
      [-7.5, 7.6289663911037659, -31.075890902890006],
      [-5, 5.1865039671258421, -15.064998393988727],
      [-3, 3.2830986549304365, -6.60772622151035],
    ];
    const failures: string[] = [];
    for (const [x, ratio, logCdf] of table) {
      const ratioError = relativeError(inverseMillsRatio(x), ratio);
      const logError = relativeError(logStandardNormalCdf(x), logCdf);
      if (ratioError > 1e-12) failures.push(`φ/Φ(${x}): relative error ${ratioError.toExponential(2)}`);
      if (logError > 1e-12) failures.push(`log Φ(${x}): relative error ${logError.toExponential(2)}`);
    }
    // python3: [repr(float(log_ndtr(x))) for x in (5, 8)] (here log Φ = log1p(−Φ(−x)) inherits Φ(−x)'s relative error).
    for (const [x, logCdf] of [
      [5, -2.8665161296376294e-7],
      [8, -6.220960574271742e-16],
    ] as const) {
      const logError = relativeError(logStandardNormalCdf(x), logCdf);
      if (logError > 1e-12) failures.push(`log Φ(${x}): relative error ${logError.toExponential(2)}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('continuity across the internal breakpoints', () => {
  it('Φ is continuous across |x| = 7.07 and 37 to its absolute accuracy', () => {
    for (const limit of [RATIONAL_LIMIT, ZERO_LIMIT]) {
      const inside = previousDouble(limit);
      expect(Math.abs(standardNormalCdf(-inside) - standardNormalCdf(-limit))).toBeLessThanOrEqual(1e-14);
      expect(Math.abs(standardNormalCdf(inside) - standardNormalCdf(limit))).toBeLessThanOrEqual(1e-14);
    }
    // Just beyond 37 the lower tail is 0 (true value 5.7e-300), within the absolute error.
    expect(standardNormalCdf(-37.000001)).toBe(0);
  });

  it('log Φ and φ/Φ are continuous across x = −37 to 1e-14 relative', () => {
    const inside = -previousDouble(ZERO_LIMIT);
    const beyond = -ZERO_LIMIT - 1e-9;
    // Over a step of 1e-9 the true log Φ changes by about 37 × 1e-9 (relative 5e-11) and φ/Φ by about 1e-9.
    expect(relativeError(logStandardNormalCdf(beyond), logStandardNormalCdf(inside))).toBeLessThanOrEqual(1e-10);
    expect(relativeError(inverseMillsRatio(beyond), inverseMillsRatio(inside))).toBeLessThanOrEqual(1e-10);
    expect(relativeError(logStandardNormalCdf(-ZERO_LIMIT), logStandardNormalCdf(inside))).toBeLessThanOrEqual(1e-14);
    expect(relativeError(inverseMillsRatio(-ZERO_LIMIT), inverseMillsRatio(inside))).toBeLessThanOrEqual(1e-14);
    // mpmath (dps 40): log(ncdf(−37)) = −689.0305855768905936, npdf(−37)/ncdf(−37) = 37.026987686126990096.
    expect(relativeError(logStandardNormalCdf(-37), -689.0305855768905936)).toBeLessThanOrEqual(1e-13);
    expect(relativeError(inverseMillsRatio(-37), 37.026987686126990096)).toBeLessThanOrEqual(1e-12);
  });

  it('log Φ and φ/Φ are continuous across x = −7.07 to 1e-12 relative (adjacent doubles)', () => {
    // Between two adjacent doubles the true functions change by a relative 1e-15; a larger
    // jump is the disagreement of the rational function and the continued fraction.
    const inside = -previousDouble(RATIONAL_LIMIT);
    expect(relativeError(inverseMillsRatio(-RATIONAL_LIMIT), inverseMillsRatio(inside))).toBeLessThanOrEqual(1e-12);
    expect(relativeError(logStandardNormalCdf(-RATIONAL_LIMIT), logStandardNormalCdf(inside))).toBeLessThanOrEqual(1e-12);
  });
});

describe('standardNormalDraw', () => {
  it('is √(−2 ln(1 − u₁)) cos(2π u₂), taking exactly two draws', () => {
    const draws = [0.5, 0.5, 0.5, 0];
    let calls = 0;
    const rng = () => draws[calls++]!;
    // √(−2 ln ½) = √(2 ln 2): python3: repr(float(np.sqrt(-2 * np.log(0.5)))) = 1.1774100225154747; cos π = −1.
    expect(standardNormalDraw(rng)).toBeCloseTo(-1.1774100225154747, 15);
    expect(calls).toBe(2);
    expect(standardNormalDraw(rng)).toBeCloseTo(1.1774100225154747, 15);
    expect(calls).toBe(4);
    // u₁ = 0 gives ±0 (the logarithm stays finite: 1 − u₁ ∈ (0, 1]).
    expect(Math.abs(standardNormalDraw(() => 0))).toBe(0);
  });

  it('is standard normal: mean, variance and the 97.5% point over 200 000 seeded draws', () => {
    const rng = createRng('normal draws');
    const n = 200_000;
    let sum = 0;
    let sumOfSquares = 0;
    let below = 0;
    for (let i = 0; i < n; i++) {
      const x = standardNormalDraw(rng);
      sum += x;
      sumOfSquares += x * x;
      if (x <= 1.959963984540054) below++;
    }
    const mean = sum / n;
    // Five standard errors: sd(mean) = 1/√n ≈ 0.0022, sd(x²) = √2 so sd(mean of x²) ≈ 0.0032,
    // sd(fraction below Φ⁻¹(0.975)) = √(0.975 × 0.025 / n) ≈ 0.00035.
    expect(Math.abs(mean)).toBeLessThan(5 * Math.sqrt(1 / n));
    expect(Math.abs(sumOfSquares / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(below / n - 0.975)).toBeLessThan(5 * Math.sqrt((0.975 * 0.025) / n));
  });
});
