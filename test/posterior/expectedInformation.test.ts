import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { updateComparison } from '../../src/posterior/comparisonUpdate.js';
import { expectedInformation, varianceWithPending } from '../../src/posterior/expectedInformation.js';
import { standardNormalCdf } from '../../src/stats/normalDistribution.js';

/*
 * Reference values marked "python" come from this independent computation (python3, numpy 2.4,
 * scipy 1.17): the one-comparison posterior of each outcome by quadrature (the `update` function
 * of test/posterior/comparisonUpdate.test.ts: scipy.integrate.quad of N(d; m, v) Φ(d/c)^a Φ(−d/c)^b),
 * then Σ over the two outcomes of P(outcome) × (KL(new a ‖ old a) + KL(new b ‖ old b)):
 *
 *   from scipy.special import ndtr
 *   kl = lambda m1, v1, m0, v0: 0.5 * (v1 / v0 + (m1 - m0) ** 2 / v0 - 1 - np.log(v1 / v0))
 *   def expected_information(ma, va, mb, vb, noise):
 *       p = ndtr((ma - mb) / np.sqrt(va + vb + 2 * noise ** 2))
 *       a1, va1, b1, vb1, _ = update(ma, va, mb, vb, 1, 0, noise)   # a wins
 *       a2, va2, b2, vb2, _ = update(ma, va, mb, vb, 0, 1, noise)   # b wins
 *       return p * (kl(a1, va1, ma, va) + kl(b1, vb1, mb, vb)) + (1 - p) * (kl(a2, va2, ma, va) + kl(b2, vb2, mb, vb))
 */

const logUniform = (low: number, high: number) => fc.double({ min: Math.log(low), max: Math.log(high), noNaN: true }).map(Math.exp);
const mean = fc.double({ min: -3000, max: 3000, noNaN: true });
const sd = logUniform(4, 4e4);
const noise = logUniform(4, 4e4);

function relativeError(got: number, expected: number): number {
  return Math.abs(got - expected) / Math.abs(expected);
}

/** KL(N(m1, v1) ‖ N(m0, v0)). */
function gaussianKl(m1: number, v1: number, m0: number, v0: number): number {
  return 0.5 * (v1 / v0 + ((m1 - m0) * (m1 - m0)) / v0 - 1 - Math.log(v1 / v0));
}

describe('expectedInformation', () => {
  it('matches an independent numerical computation', () => {
    // python: expected_information(1250, 200**2, 1180, 150**2, 196), expected_information(1600, 200**2, 1000, 100**2, 196)
    expect(relativeError(expectedInformation(1250, 200 ** 2, 1180, 150 ** 2, 196), 0.1530707279865949)).toBeLessThanOrEqual(1e-12);
    expect(relativeError(expectedInformation(1600, 200 ** 2, 1000, 100 ** 2, 196), 0.04378034189435663)).toBeLessThanOrEqual(1e-12);
  });

  it('matches a hand calculation at even odds', () => {
    // Equal means: t = 0, p = ½, v(0) = √(2/π), w(0) = 2/π for either outcome. With σa² = σb² = 40 000
    // and noise² = 80 000, c² = 80 000 + 160 000 = 240 000; each belief's variance is multiplied by
    // keep = 1 − (40 000/240 000)(2/π) = 1 − 1/(3π) and its mean moves by σ²/c · √(2/π), whose
    // squared size over σ² is (40 000/240 000)(2/π) = 1 − keep. So each KL is
    // ½(keep + (1 − keep) − 1 − ln keep) = −½ ln keep, and the total over a and b is −ln(1 − 1/(3π)).
    // (python: expected_information(0, 40000, 0, 40000, np.sqrt(80000)) = 0.11216505343119985.)
    expect(relativeError(expectedInformation(500, 40000, 500, 40000, Math.sqrt(80000)), -Math.log(1 - 1 / (3 * Math.PI)))).toBeLessThanOrEqual(1e-14);
  });

  it('is the expected KL of the two beliefs after updateComparison’s update', () => {
    const out = new Float64Array(6);
    fc.assert(
      fc.property(mean, sd, mean, sd, noise, (meanA, sdA, meanB, sdB, noiseValue) => {
        const varianceA = sdA * sdA;
        const varianceB = sdB * sdB;
        const pA = standardNormalCdf((meanA - meanB) / Math.sqrt(varianceA + varianceB + 2 * noiseValue * noiseValue));
        updateComparison(out, meanA, varianceA, meanB, varianceB, 1, 0, noiseValue);
        const ifA = gaussianKl(out[0]!, out[1]!, meanA, varianceA) + gaussianKl(out[2]!, out[3]!, meanB, varianceB);
        updateComparison(out, meanA, varianceA, meanB, varianceB, 0, 1, noiseValue);
        const ifB = gaussianKl(out[0]!, out[1]!, meanA, varianceA) + gaussianKl(out[2]!, out[3]!, meanB, varianceB);
        const expected = pA * ifA + (1 - pA) * ifB;
        // Absolute slack for near-certain outcomes, where both sides are tiny differences of O(1) terms.
        expect(Math.abs(expectedInformation(meanA, varianceA, meanB, varianceB, noiseValue) - expected)).toBeLessThanOrEqual(1e-9 * expected + 1e-14);
      }),
    );
  });

  it('is non-negative and symmetric in a and b', () => {
    fc.assert(
      fc.property(mean, sd, mean, sd, noise, (meanA, sdA, meanB, sdB, noiseValue) => {
        const forward = expectedInformation(meanA, sdA * sdA, meanB, sdB * sdB, noiseValue);
        const swapped = expectedInformation(meanB, sdB * sdB, meanA, sdA * sdA, noiseValue);
        expect(forward).toBeGreaterThanOrEqual(0);
        // 1e-14 absolute allows for rounding when the outcome is nearly certain and the information
        // nearly 0: each KL is ½(keep + shift² − 1 − ln keep), a difference of O(1) terms, and the
        // unlikely outcome's probability is 1 − Φ(t) one way and Φ(−t) the other, which differ by
        // up to 1e-16 while that outcome would teach several nats (2e-15 seen in 300 000 samples).
        expect(Math.abs(forward - swapped)).toBeLessThanOrEqual(1e-12 * forward + 1e-14);
      }),
    );
  });

  it('is largest at equal means, for fixed variances', () => {
    fc.assert(
      fc.property(mean, sd, mean, sd, noise, (meanA, sdA, meanB, sdB, noiseValue) => {
        const atEven = expectedInformation(meanB, sdA * sdA, meanB, sdB * sdB, noiseValue);
        // (1e-14 absolute for rounding, as above.)
        expect(expectedInformation(meanA, sdA * sdA, meanB, sdB * sdB, noiseValue)).toBeLessThanOrEqual(atEven * (1 + 1e-12) + 1e-14);
      }),
    );
    // And strictly: a 1-sd gap between equally uncertain beliefs teaches less than none.
    expect(expectedInformation(200, 40000, 0, 40000, 196)).toBeLessThan(expectedInformation(0, 40000, 0, 40000, 196));
  });

  it('grows when both beliefs become more uncertain, and with the larger of the two variances', () => {
    // Not with either variance alone: making a nearly-known datapoint less certain can lower the
    // total, because b, compared with a known reference, learns more than the two share between
    // them (python: expected_information(0, va, 0, 1e4, 1) = 0.5005 for va = 1e2, 0.3831 for va = 1e4).
    fc.assert(
      fc.property(mean, sd, mean, sd, noise, fc.double({ min: 1, max: 100, noNaN: true }), (meanA, sdA, meanB, sdB, noiseValue, factor) => {
        const varianceA = sdA * sdA;
        const varianceB = sdB * sdB;
        const before = expectedInformation(meanA, varianceA, meanB, varianceB, noiseValue);
        expect(expectedInformation(meanA, factor * varianceA, meanB, factor * varianceB, noiseValue)).toBeGreaterThanOrEqual(before * (1 - 1e-12) - 1e-14);
        const [larger, smaller] = varianceA >= varianceB ? [varianceA, varianceB] : [varianceB, varianceA];
        expect(expectedInformation(meanA, factor * larger, meanB, smaller, noiseValue)).toBeGreaterThanOrEqual(
          expectedInformation(meanA, larger, meanB, smaller, noiseValue) * (1 - 1e-12) - 1e-14,
        );
      }),
    );
  });
});

describe('varianceWithPending', () => {
  it('returns the variance itself with nothing pending', () => {
    fc.assert(
      fc.property(logUniform(1e-2, 1e12), noise, (variance, noiseValue) => {
        expect(varianceWithPending(variance, 0, noiseValue)).toBe(variance);
      }),
    );
  });

  it('matches a hand calculation for one pending matchup, and TrueSkill’s update against an equal opponent', () => {
    // σ² = 40 000, noise² = 80 000: σ²(1 − (2/π) σ²/(2 noise² + 2σ²)) = 40 000 (1 − (2/π)(40 000/240 000)) = 40 000 (1 − 1/(3π)).
    expect(relativeError(varianceWithPending(40000, 1, Math.sqrt(80000)), 40000 * (1 - 1 / (3 * Math.PI)))).toBeLessThanOrEqual(1e-15);
    // The same as the variance after an even-odds win against an opponent as uncertain as itself.
    const out = new Float64Array(6);
    fc.assert(
      fc.property(mean, sd, noise, (meanValue, sdValue, noiseValue) => {
        updateComparison(out, meanValue, sdValue * sdValue, meanValue, sdValue * sdValue, 1, 0, noiseValue);
        expect(relativeError(varianceWithPending(sdValue * sdValue, 1, noiseValue), out[1]!)).toBeLessThanOrEqual(1e-12);
      }),
    );
  });

  it('decreases with every pending matchup up to 64, then stops', () => {
    fc.assert(
      fc.property(logUniform(1e-2, 1e12), noise, (variance, noiseValue) => {
        let previous = variance;
        for (let pending = 1; pending <= 64; pending++) {
          const next = varianceWithPending(variance, pending, noiseValue);
          expect(next).toBeLessThan(previous);
          expect(next).toBeGreaterThan(0);
          previous = next;
        }
        expect(varianceWithPending(variance, 65, noiseValue)).toBe(previous);
        expect(varianceWithPending(variance, 1000, noiseValue)).toBe(previous);
      }),
    );
  });

  it('is the one-step update repeated (j then k pending equals j + k, up to 64)', () => {
    fc.assert(
      fc.property(logUniform(1e-2, 1e12), noise, fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 32 }), (variance, noiseValue, j, k) => {
        expect(varianceWithPending(varianceWithPending(variance, j, noiseValue), k, noiseValue)).toBe(varianceWithPending(variance, j + k, noiseValue));
      }),
    );
  });
});
