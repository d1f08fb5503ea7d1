import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tiltedMoments, updateComparison } from '../../src/posterior/comparisonUpdate.js';
import { inverseMillsRatio } from '../../src/stats/normalDistribution.js';

/*
 * Reference values marked "scipy" come from this independent computation (python3, numpy
 * 2.4, scipy 1.17): the mean and variance of d under N(d; m, v) Φ(d/c)^a Φ(−d/c)^b by
 * adaptive quadrature around the mode, mapped back to a and b by Gaussian conditioning.
 *
 *   import numpy as np
 *   from scipy.integrate import quad
 *   from scipy.optimize import minimize_scalar
 *   from scipy.special import log_ndtr
 *
 *   def tilted(m, v, c, a, b):
 *       logf = lambda d: -(d - m) ** 2 / (2 * v) + a * log_ndtr(d / c) + b * log_ndtr(-d / c)
 *       s = np.sqrt(v)
 *       mode = minimize_scalar(lambda d: -logf(d), bounds=(m - 60 * s, m + 60 * s), method='bounded', options={'xatol': 1e-10 * s}).x
 *       h = 1e-4 * s
 *       w = 1 / np.sqrt(-(logf(mode + h) - 2 * logf(mode) + logf(mode - h)) / h ** 2)
 *       f = lambda d, k: (d - mode) ** k * np.exp(logf(d) - logf(mode))
 *       q = lambda k: quad(f, mode - 60 * w, mode + 60 * w, args=(k,), points=[mode], epsabs=1e-16 * w ** (k + 1), epsrel=1e-13, limit=500)[0]
 *       Z, M1, M2 = q(0), q(1), q(2)
 *       return mode + M1 / Z, M2 / Z - (M1 / Z) ** 2
 *
 *   def update(meanA, varA, meanB, varB, a, b, noise):
 *       m, v = meanA - meanB, varA + varB
 *       md, vd = tilted(m, v, np.sqrt(2) * noise, a, b)
 *       return (meanA + varA / v * (md - m), varA - varA ** 2 / v ** 2 * (v - vd),
 *               meanB - varB / v * (md - m), varB - varB ** 2 / v ** 2 * (v - vd), 1 / vd - 1 / v, md / vd - m / v)
 *
 * The same moments by mpmath.quad at 30 digits (mpmath.ncdf, mpmath.npdf) agree with these
 * to about 1e-15 relative on every case below.
 */

interface Update {
  meanA: number;
  varianceA: number;
  meanB: number;
  varianceB: number;
  /** The precision and the precision × mean the comparison adds to d (out[4], out[5]). */
  site: number;
  siteShift: number;
}

function update(meanA: number, varianceA: number, meanB: number, varianceB: number, winsA: number, winsB: number, noise: number): Update {
  const out = new Float64Array(6);
  updateComparison(out, meanA, varianceA, meanB, varianceB, winsA, winsB, noise);
  return { meanA: out[0]!, varianceA: out[1]!, meanB: out[2]!, varianceB: out[3]!, site: out[4]!, siteShift: out[5]! };
}

type Inputs = readonly [meanA: number, varianceA: number, meanB: number, varianceB: number, winsA: number, winsB: number, noise: number];
type Expected = readonly [meanA: number, varianceA: number, meanB: number, varianceB: number, site: number, siteShift: number];

/**
 * Asserts the update of `inputs` against `expected`: means within `tolerance` × the posterior
 * sd, variances and the site precision within `tolerance` relative, and the site shift within
 * `tolerance` relative to the size of its terms (it is Md/Vd − m/v, which can nearly cancel).
 */
function expectUpdate(inputs: Inputs, expected: Expected, tolerance: number): void {
  const got = update(...inputs);
  const [meanA, varianceA, meanB, varianceB, site, siteShift] = expected;
  const m = inputs[0] - inputs[2];
  const v = inputs[1] + inputs[3];
  expect(Math.abs(got.meanA - meanA) / Math.sqrt(varianceA)).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(got.varianceA - varianceA) / varianceA).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(got.meanB - meanB) / Math.sqrt(varianceB)).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(got.varianceB - varianceB) / varianceB).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(got.site - site) / site).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(got.siteShift - siteShift)).toBeLessThanOrEqual(tolerance * (Math.abs(siteShift) + Math.abs(m) / v + 1 / Math.sqrt(v)));
}

const logUniform = (low: number, high: number) => fc.double({ min: Math.log(low), max: Math.log(high), noNaN: true }).map(Math.exp);

// Evidence (winsA, winsB) as the job builds it: single responses, draws, several responses, labeler weights.
const evidence = fc.oneof(
  fc.constantFrom<[number, number]>([1, 0], [0, 1], [0.5, 0.5], [2, 0], [0, 3], [3, 1], [1, 2], [1.5, 0.5], [1.3, 0], [0.7, 1.3]),
  fc
    .tuple(fc.double({ min: 0, max: 6, noNaN: true }), fc.double({ min: 0, max: 6, noNaN: true }))
    .filter(([a, b]) => a + b >= 0.05),
);

// The default comparison noise at scale 400 is 2 × 400 / (ln 10 √π) ≈ 196.0; 196 is used below.
const NOISE = 196;

describe('updateComparison: one win or loss (closed form)', () => {
  it('matches a hand calculation of TrueSkill’s v(t) = φ(t)/Φ(t), w(t) = v(t)(v(t) + t) at t = −1', () => {
    // a (mean 0) beats b (mean 500); both variances 40 000, noise √85 000, so
    // c² = σa² + σb² + 2 noise² = 80 000 + 170 000 = 250 000, c = 500, t = (0 − 500)/500 = −1.
    // Abramowitz & Stegun table 26.1: φ(1) = 0.241970724519143, Φ(1) = 0.841344746068543,
    // so Φ(−1) = 0.158655253931457 and
    //   v(−1) = 0.241970724519143 / 0.158655253931457 = 1.52513527616098
    //   w(−1) = 1.52513527616098 × (1.52513527616098 − 1) = 1.52513527616098 × 0.52513527616098 = 0.800902334429649
    // (Herbrich et al., TrueSkill, NIPS 2006, eq. 2–3):
    //   μa' = 0 + σa²/c · v = 80 × 1.52513527616098 = 122.010822092878;  μb' = 500 − 122.010822092878 = 377.989177907122
    //   σa²' = σb²' = 40 000 × (1 − σa²/c² · w) = 40 000 × (1 − 0.16 × 0.800902334429649) = 40 000 × 0.871855626491256 = 34 874.2250596502
    // The difference d = sa − sb has variance 80 000 × (1 − 0.32 × 0.800902334429649) = 59 496.9002386010,
    // so the site precision is 1/59 496.9002386010 − 1/80 000 = 4.30759831167154e-6; the mean of d is
    // m + v/c · v(t) = −500 + 160 × 1.52513527616098 = −255.978355814243, so the site shift is
    // −255.978355814243/59 496.9002386010 − (−500/80 000) = −0.00430238138100793 + 0.00625 = 0.00194761861899207.
    expectUpdate(
      [0, 40000, 500, 40000, 1, 0, Math.sqrt(85000)],
      [122.010822092878, 34874.2250596502, 377.989177907122, 34874.2250596502, 4.30759831167154e-6, 0.00194761861899207],
      1e-12,
    );
  });

  it('matches the exact constants at t = 0: v(0) = √(2/π), w(0) = 2/π', () => {
    // Equal means 1000, variances 40 000, c = 500 as above, and b wins:
    // μb' = 1000 + 80 √(2/π), μa' = 1000 − 80 √(2/π), σ²' = 40 000 (1 − 0.16 × 2/π).
    const got = update(1000, 40000, 1000, 40000, 0, 1, Math.sqrt(85000));
    expect(got.meanA).toBeCloseTo(1000 - 80 * Math.sqrt(2 / Math.PI), 11);
    expect(got.meanB).toBeCloseTo(1000 + 80 * Math.sqrt(2 / Math.PI), 11);
    expect(got.varianceA).toBeCloseTo(40000 * (1 - (0.16 * 2) / Math.PI), 9);
    expect(got.varianceB).toBeCloseTo(40000 * (1 - (0.16 * 2) / Math.PI), 9);
  });

  it('matches scipy for a win at the default prior and noise', () => {
    // scipy: update(1250, 40000, 1180, 22500, 1, 0, 196)
    expectUpdate(
      [1250, 40000, 1180, 22500, 1, 0, NOISE],
      [1323.1324990611392, 33181.97521082593, 1138.8629692781092, 20342.73434405039, 5.8081429350362834e-6, 0.002898576244080246],
      1e-12,
    );
  });

  it('stays accurate for a surprising result (t ≈ −8)', () => {
    // a, 2000 points below b, wins; σa = 200, σb = 150, noise 25/√2 (c = 25): t = −2000/√63 125 ≈ −7.96.
    // scipy: update(-2000, 40000, 0, 22500, 1, 0, 25 / np.sqrt(2)) (mpmath agrees to 16 digits); the
    // site precision is written as 1/Vd − 1/v with Vd = tilted(-2000, 62500, 25, 1, 0)[1].
    // The closed form is exact here, so its accuracy is that of φ/Φ at t ≈ −8, which the
    // variance update amplifies (1 − w(t) ≈ 0.014 is a difference of O(1) terms).
    expectUpdate(
      [-2000, 40000, 0, 22500, 1, 0, 25 / Math.SQRT2],
      [-713.2597810298507, 15019.886391376302, -723.7913731707089, 14596.13592852141, 1 / 1513.394510196046 - 1 / 62500, 0.03895892053916182],
      1e-9,
    );
  });
});

describe('tiltedMoments', () => {
  it('agrees with the closed form for one win to 1e-9 relative (quadrature path)', () => {
    // Closed form (Herbrich et al. eq. 2–3) for N(d; m, v) Φ(d/c): with s = √(v + c²), t = m/s,
    // λ = φ(t)/Φ(t): E d = m + v λ / s, Var d = v (1 − v/s² · λ (λ + t)).
    const out = new Float64Array(2);
    fc.assert(
      fc.property(
        logUniform(1e-2, 1e5),
        logUniform(1, 100),
        fc.double({ min: -4, max: 4, noNaN: true }),
        (sd, noiseOverSd, t) => {
          const v = sd * sd;
          const c = noiseOverSd * sd;
          const s = Math.sqrt(v + c * c);
          const m = t * s;
          const ratio = inverseMillsRatio(t);
          const mean = m + (v * ratio) / s;
          const variance = v * (1 - (v / (s * s)) * ratio * (ratio + t));
          tiltedMoments(m, v, c, 1, 0, out);
          expect(Math.abs(out[0]! - mean) / Math.sqrt(variance)).toBeLessThanOrEqual(1e-9);
          expect(Math.abs(out[1]! - variance) / variance).toBeLessThanOrEqual(1e-9);
        },
      ),
    );
  });

  it('gives the prior back when there is no evidence (a = b = 0)', () => {
    const out = new Float64Array(2);
    tiltedMoments(-37, 900, 50, 0, 0, out);
    expect(out[0]).toBeCloseTo(-37, 10);
    expect(out[1]! / 900).toBeCloseTo(1, 12);
  });
});

describe('updateComparison: draws, several responses and weights (quadrature)', () => {
  it('matches scipy at the default prior and noise', () => {
    // scipy: update(1250, 40000, 1180, 22500, a, b, 196) for (a, b) = (0.5, 0.5), (3, 1), (0.7, 1.3), (2, 0)
    const cases: [number, number, Expected][] = [
      [0.5, 0.5, [1235.1378347546508, 31514.315263476245, 1188.359967950509, 19815.07631383428, 7.933180714166792e-6, -4.56860353249388e-7]],
      [3, 1, [1302.8781015472782, 23629.941317863202, 1150.256067879656, 17320.411120105156, 2.8377313559651672e-5, 0.00565295584417979]],
      [0.7, 1.3, [1191.1169390156924, 27249.173279500068, 1213.121721803673, 18465.55873296682, 1.587753726175421e-5, -0.001821458283260661]],
      [2, 0, [1364.1650083972784, 30149.94074349673, 1115.782182776531, 19383.379688372013, 1.0006447050864425e-5, 0.005339554802850057]],
    ];
    for (const [winsA, winsB, expected] of cases) expectUpdate([1250, 40000, 1180, 22500, winsA, winsB, NOISE], expected, 1e-9);
  });

  it('matches scipy for unanimous responses when the prior is wider than the noise (priorSd 1000, noise 196)', () => {
    // priorSd = 1000 is allowed at scale 400 (up to 400 000); two or three labelers agreeing, or one
    // weighted labeler, gives evidence like (2, 0), (3, 0), (1.3, 0), which takes the quadrature path.
    // scipy: update(meanA, 1e6, meanB, 1e6, a, b, 196); mpmath.quad at 30 digits gives the same
    // 15 digits for the (−1000, 1000) cases.
    const cases: [number, number, number, number, [number, number, number, number, number]][] = [
      [0, 0, 2, 0, [606.3153486249435, 678465.4257455714, -606.3153486249435, 678465.4257455714, 9.008315557793902e-7]],
      [0, 0, 1.3, 0, [574.6595840623065, 687244.2857323873, -574.6595840623065, 687244.2857323873, 8.35154229258052e-7]],
      [-1000, 1000, 2, 0, [356.7850011687251, 585019.9776887405, -356.7850011687251, 585019.9776887405, 2.440485363513666e-6]],
      [-1000, 1000, 3, 0, [394.7311955158616, 580720.6802780514, -394.7311955158616, 580720.6802780514, 2.5970997659936365e-6]],
      [500, 0, 0, 3, [-305.5255787242693, 640636.1604907084, 805.5255787242693, 640636.1604907084, 1.2776366983263662e-6]],
    ];
    const failures: string[] = [];
    for (const [meanA, meanB, winsA, winsB, expected] of cases) {
      const got = update(meanA, 1e6, meanB, 1e6, winsA, winsB, NOISE);
      const meanError = Math.abs(got.meanA - expected[0]);
      const varianceError = Math.abs(got.varianceA - expected[1]) / expected[1];
      const siteError = Math.abs(got.site - expected[4]) / expected[4];
      if (meanError > 1e-6 || varianceError > 1e-9 || siteError > 1e-9) {
        failures.push(
          `(${meanA}, ${meanB}, ${winsA}–${winsB}): μa' ${got.meanA} vs ${expected[0]}, σa²' ${got.varianceA} vs ${expected[1]}, site ${got.site} vs ${expected[4]}`,
        );
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('updateComparison: properties', () => {
  it('mirrors when a and b (and their evidence) are swapped', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -2000, max: 2000, noNaN: true }),
        logUniform(4, 4e4),
        fc.double({ min: -2000, max: 2000, noNaN: true }),
        logUniform(4, 4e4),
        evidence,
        logUniform(4, 4e4),
        (meanA, sdA, meanB, sdB, [winsA, winsB], noise) => {
          const forward = update(meanA, sdA * sdA, meanB, sdB * sdB, winsA, winsB, noise);
          const swapped = update(meanB, sdB * sdB, meanA, sdA * sdA, winsB, winsA, noise);
          expect(Math.abs(swapped.meanA - forward.meanB)).toBeLessThanOrEqual(1e-9 * sdB);
          expect(Math.abs(swapped.meanB - forward.meanA)).toBeLessThanOrEqual(1e-9 * sdA);
          expect(Math.abs(swapped.varianceA - forward.varianceB)).toBeLessThanOrEqual(1e-9 * forward.varianceB);
          expect(Math.abs(swapped.varianceB - forward.varianceA)).toBeLessThanOrEqual(1e-9 * forward.varianceA);
        },
      ),
    );
  });

  it('shrinks both variances, but never below σa²σb²/(σa² + σb²), and never moves the winner down', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -2000, max: 2000, noNaN: true }),
        logUniform(4, 4e4),
        fc.double({ min: -2000, max: 2000, noNaN: true }),
        logUniform(4, 4e4),
        evidence,
        logUniform(4, 4e4),
        (meanA, sdA, meanB, sdB, [winsA, winsB], noise) => {
          const varianceA = sdA * sdA;
          const varianceB = sdB * sdB;
          const got = update(meanA, varianceA, meanB, varianceB, winsA, winsB, noise);
          // The conditional variance of a given d (d known exactly) is the floor.
          const floor = (varianceA * varianceB) / (varianceA + varianceB);
          expect(got.varianceA).toBeLessThanOrEqual(varianceA);
          expect(got.varianceB).toBeLessThanOrEqual(varianceB);
          expect(got.varianceA).toBeGreaterThanOrEqual(floor * (1 - 1e-9));
          expect(got.varianceB).toBeGreaterThanOrEqual(floor * (1 - 1e-9));
          expect(got.site).toBeGreaterThanOrEqual(0);
          // One-sided evidence can only move a up (a won) or down (a lost); an expected win
          // may move it by less than its last digit.
          if (winsB === 0) expect(got.meanA).toBeGreaterThanOrEqual(meanA);
          if (winsA === 0) expect(got.meanA).toBeLessThanOrEqual(meanA);
          // a and b move in opposite directions, in proportion to their variances: both
          // moves are the shift of d over v (up to the rounding of the subtractions).
          const moveA = (got.meanA - meanA) / varianceA;
          const moveB = (meanB - got.meanB) / varianceB;
          const rounding = 1e-15 * (Math.abs(meanA) / varianceA + Math.abs(meanB) / varianceB);
          expect(Math.abs(moveA - moveB)).toBeLessThanOrEqual(1e-9 * Math.abs(moveA) + rounding);
        },
      ),
    );
  });

  it('changes nothing when neither side has evidence (0 and 0)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -2000, max: 2000, noNaN: true }),
        logUniform(4, 4e4),
        fc.double({ min: -2000, max: 2000, noNaN: true }),
        logUniform(4, 4e4),
        logUniform(4, 4e4),
        (meanA, sdA, meanB, sdB, noise) => {
          const got = update(meanA, sdA * sdA, meanB, sdB * sdB, 0, 0, noise);
          const v = sdA * sdA + sdB * sdB;
          expect(Math.abs(got.siteShift)).toBeLessThanOrEqual(1e-9 * (Math.abs(meanA - meanB) / v + 1 / Math.sqrt(v)));
          expect(Math.abs(got.meanA - meanA)).toBeLessThanOrEqual(1e-9 * sdA);
          expect(Math.abs(got.meanB - meanB)).toBeLessThanOrEqual(1e-9 * sdB);
          expect(Math.abs(got.varianceA / (sdA * sdA) - 1)).toBeLessThanOrEqual(1e-12);
          expect(Math.abs(got.varianceB / (sdB * sdB) - 1)).toBeLessThanOrEqual(1e-12);
          expect(Math.abs(got.site) * (sdA * sdA + sdB * sdB)).toBeLessThanOrEqual(1e-12);
        },
      ),
    );
  });

  it('stays finite for extreme inputs in the library’s range (priorSd and noise from 0.4 to 400 000 at scale 400)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -5000, max: 5000, noNaN: true }),
        logUniform(0.4, 4e5),
        fc.double({ min: -5000, max: 5000, noNaN: true }),
        logUniform(0.4, 4e5),
        evidence,
        logUniform(0.4, 4e5),
        (meanA, sdA, meanB, sdB, [winsA, winsB], noise) => {
          const got = update(meanA, sdA * sdA, meanB, sdB * sdB, winsA, winsB, noise);
          for (const value of Object.values(got)) expect(Number.isFinite(value)).toBe(true);
          expect(got.varianceA).toBeGreaterThan(0);
          expect(got.varianceB).toBeGreaterThan(0);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('stays finite in hand-picked extreme cases', () => {
    // Means 1000 to 3000 points apart with the smallest prior sd and noise the library allows
    // (0.4 at scale 400) or close to it, and several agreeing responses.
    const cases: Inputs[] = [
      [0, 1, 1000, 1, 2, 0, 1],
      [0, 0.16, 3000, 0.16, 2, 0, 0.4],
      [0, 0.16, 3000, 0.16, 3, 1, 0.4],
      [0, 1.6e11, 5000, 0.16, 0.5, 0.5, 0.4],
      [0, 1.6e11, -5000, 1.6e11, 1, 0, 4e5],
    ];
    const failures = cases.filter((args) => {
      const got = update(...args);
      return !Object.values(got).every(Number.isFinite);
    });
    expect(failures).toEqual([]);
  });
});
