import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { updateComparison } from '../../src/posterior/comparisonUpdate.js';
import { MAX_SWEEPS, expectationPropagation, type ComparisonFactors } from '../../src/posterior/expectationPropagation.js';

/** Factors from [a, b, winsA, winsB] rows. */
function factorsOf(rows: readonly (readonly [number, number, number, number])[]): ComparisonFactors {
  return {
    count: rows.length,
    a: Int32Array.from(rows.map((row) => row[0])),
    b: Int32Array.from(rows.map((row) => row[1])),
    winsA: Float64Array.from(rows.map((row) => row[2])),
    winsB: Float64Array.from(rows.map((row) => row[3])),
  };
}

function relativeError(got: number, expected: number): number {
  return Math.abs(got - expected) / Math.abs(expected);
}

// 13 single-response comparisons of 5 datapoints (a connected graph with loops and one
// repeated pair), as (winner, loser); every third is stored the other way round
// (a = loser, winsB = 1) so both orientations are exercised.
const WINS: readonly (readonly [number, number])[] = [
  [0, 1], [0, 2], [1, 2], [2, 3], [3, 4], [1, 0], [4, 2], [0, 3], [1, 3], [2, 4], [0, 4], [3, 1], [0, 1],
];
const WIN_ROWS = WINS.map(([winner, loser], k) => (k % 3 === 2 ? ([loser, winner, 0, 1] as const) : ([winner, loser, 1, 0] as const)));

describe('expectationPropagation', () => {
  it('reaches the EP fixed point of an independent numpy TrueSkill EP (ASAP’s true_skill, /work/shared/anchors/asap_np.py)', () => {
    // asap_np measures skills in units of the probit's difference noise: P(i beats j) = Φ(mᵢ − mⱼ),
    // so one unit is c = √2 × noise Elo points. With noise = 250/√2 one unit is 250 points, and
    // the prior sd 200 is pv = (200/250)² = 0.64 units². Jacobi updates, run to convergence
    // (200 sweeps; 50 and 400 give the same digits):
    //   python3: import numpy as np; from asap_np import true_skill_base
    //   W = np.zeros((5, 5))
    //   for i, j in [(0,1),(0,2),(1,2),(2,3),(3,4),(1,0),(4,2),(0,3),(1,3),(2,4),(0,4),(3,1),(0,1)]: W[i, j] += 1
    //   Ms, Ps = true_skill_base(W, 5, 200, 0.64); print(repr(Ms * 250), repr(250 ** 2 / Ps))
    const means = [168.70068927565748, 42.76585627055907, -58.961263785951225, -38.483489473372686, -114.02179228689269];
    const variances = [15376.93110230729, 13879.538416980638, 16004.779949001228, 15742.52253183454, 18566.19564792735];
    const posterior = expectationPropagation([0, 0, 0, 0, 0], 200 * 200, factorsOf(WIN_ROWS), 250 / Math.SQRT2, 1e-12);
    expect(posterior.converged).toBe(true);
    expect(posterior.sweeps).toBeLessThan(MAX_SWEEPS);
    means.forEach((mean, i) => expect(Math.abs(posterior.means[i]! - mean)).toBeLessThanOrEqual(1e-8));
    variances.forEach((variance, i) => expect(relativeError(posterior.variances[i]!, variance)).toBeLessThanOrEqual(1e-10));
  });

  it('is exactly sequential ADF with updateComparison in its first sweep', () => {
    // Draws, several responses and weights too (the quadrature path).
    const rows = [
      [0, 1, 1, 0], [1, 2, 0.5, 0.5], [2, 0, 3, 1], [3, 1, 0, 1], [0, 3, 1.3, 0.7], [2, 3, 2, 0], [1, 0, 1, 0], [3, 2, 0.5, 0.5],
    ] as const;
    const priorMeans = [40, -10, 0, 25];
    const priorVariance = 180 * 180;
    const noise = 196;
    const posterior = expectationPropagation(priorMeans, priorVariance, factorsOf(rows), noise, Infinity);
    expect(posterior.sweeps).toBe(1);
    expect(posterior.converged).toBe(true);

    const means = [...priorMeans];
    const variances = priorMeans.map(() => priorVariance);
    const out = new Float64Array(6);
    rows.forEach(([a, b, winsA, winsB], k) => {
      updateComparison(out, means[a]!, variances[a]!, means[b]!, variances[b]!, winsA, winsB, noise);
      [means[a], variances[a], means[b], variances[b]] = [out[0]!, out[1]!, out[2]!, out[3]!];
      // The site of each comparison is what its (only) update added to d.
      expect(relativeError(posterior.sitePrecisions[k]!, out[4]!)).toBeLessThanOrEqual(1e-12);
      expect(relativeError(posterior.siteShifts[k]!, out[5]!)).toBeLessThanOrEqual(1e-12);
    });
    // EP stores beliefs as (precision, precision × mean): equal up to that round trip.
    means.forEach((mean, i) => expect(Math.abs(posterior.means[i]! - mean)).toBeLessThanOrEqual(1e-12 * Math.sqrt(priorVariance)));
    variances.forEach((variance, i) => expect(relativeError(posterior.variances[i]!, variance)).toBeLessThanOrEqual(1e-12));
  });

  it('no longer depends on the order of the comparisons once converged', () => {
    const rows = [
      [0, 1, 1, 0], [1, 2, 0.5, 0.5], [2, 0, 3, 1], [3, 1, 0, 1], [0, 3, 1, 0], [2, 3, 2, 1], [1, 0, 1, 0], [3, 2, 0, 1], [4, 0, 0, 1], [4, 2, 1, 0],
    ] as const;
    const priorMeans = [0, 30, -30, 0, 10];
    const reference = expectationPropagation(priorMeans, 200 * 200, factorsOf(rows), 196, 1e-11);
    expect(reference.converged).toBe(true);
    // The online (one-sweep) result does depend on the order: otherwise this test could not tell.
    const reversed = [...rows].reverse();
    const onlineForward = expectationPropagation(priorMeans, 200 * 200, factorsOf(rows), 196, Infinity);
    const onlineReversed = expectationPropagation(priorMeans, 200 * 200, factorsOf(reversed), 196, Infinity);
    expect(Math.max(...onlineForward.means.map((mean, i) => Math.abs(mean - onlineReversed.means[i]!)))).toBeGreaterThan(1);
    fc.assert(
      fc.property(fc.shuffledSubarray([...rows.keys()], { minLength: rows.length, maxLength: rows.length }), (order) => {
        const shuffled = order.map((k) => rows[k]!);
        const posterior = expectationPropagation(priorMeans, 200 * 200, factorsOf(shuffled), 196, 1e-11);
        expect(posterior.converged).toBe(true);
        posterior.means.forEach((mean, i) => expect(Math.abs(mean - reference.means[i]!)).toBeLessThanOrEqual(1e-7));
        posterior.variances.forEach((variance, i) => expect(relativeError(variance, reference.variances[i]!)).toBeLessThanOrEqual(1e-9));
        order.forEach((k, position) => {
          expect(relativeError(posterior.sitePrecisions[position]!, reference.sitePrecisions[k]!)).toBeLessThanOrEqual(1e-7);
          // Shifts are in precision × Elo points: 1e-7 of the site precision × the prior sd.
          expect(Math.abs(posterior.siteShifts[position]! - reference.siteShifts[k]!)).toBeLessThanOrEqual(1e-7 * reference.sitePrecisions[k]! * 200);
        });
      }),
      { numRuns: 30 },
    );
  });

  it('never raises a variance above the prior’s, and keeps everything finite', () => {
    const problem = fc.integer({ min: 2, max: 8 }).chain((n) =>
      fc.record({
        priorMeans: fc.array(fc.double({ min: -500, max: 500, noNaN: true }), { minLength: n, maxLength: n }),
        rows: fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: n - 1 }),
            fc.integer({ min: 1, max: n - 1 }),
            fc.constantFrom<[number, number]>([1, 0], [0, 1], [0.5, 0.5], [2, 0], [3, 1], [1.3, 0.7]),
          ).map(([a, offset, [winsA, winsB]]) => [a, (a + offset) % n, winsA, winsB] as const),
          { minLength: 1, maxLength: 25 },
        ),
      }),
    );
    const logUniform = (low: number, high: number) => fc.double({ min: Math.log(low), max: Math.log(high), noNaN: true }).map(Math.exp);
    fc.assert(
      fc.property(problem, logUniform(40, 4000), logUniform(40, 4000), ({ priorMeans, rows }, priorSd, noise) => {
        const priorVariance = priorSd * priorSd;
        const posterior = expectationPropagation(priorMeans, priorVariance, factorsOf(rows), noise, 1e-9 * priorSd);
        posterior.variances.forEach((variance) => {
          expect(variance).toBeGreaterThan(0);
          // 1/(1/σ²) may differ from σ² in the last digit.
          expect(variance).toBeLessThanOrEqual(priorVariance * (1 + 4e-16));
        });
        for (const value of [...posterior.means, ...posterior.sitePrecisions, ...posterior.siteShifts]) expect(Number.isFinite(value)).toBe(true);
        for (const site of posterior.sitePrecisions) expect(site).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('is not changed by comparisons with no evidence for either side (0 and 0)', () => {
    const priorMeans = [0, 30, -30, 0, 10];
    const without = expectationPropagation(priorMeans, 200 * 200, factorsOf(WIN_ROWS), 196, 1e-11);
    const rows = [[2, 4, 0, 0] as const, ...WIN_ROWS.slice(0, 6), [0, 1, 0, 0] as const, ...WIN_ROWS.slice(6), [3, 4, 0, 0] as const];
    const withEmpty = expectationPropagation(priorMeans, 200 * 200, factorsOf(rows), 196, 1e-11);
    expect(withEmpty.converged).toBe(true);
    withEmpty.means.forEach((mean, i) => expect(Math.abs(mean - without.means[i]!)).toBeLessThanOrEqual(1e-7));
    withEmpty.variances.forEach((variance, i) => expect(relativeError(variance, without.variances[i]!)).toBeLessThanOrEqual(1e-9));
    for (const k of [0, 7, rows.length - 1]) {
      expect(withEmpty.sitePrecisions[k]! * 80000).toBeLessThanOrEqual(1e-12);
      expect(Math.abs(withEmpty.siteShifts[k]!) * 80000).toBeLessThanOrEqual(1e-9);
    }
    // A ranking whose only comparisons carry no evidence keeps its prior.
    const empty = expectationPropagation(priorMeans, 200 * 200, factorsOf([[0, 1, 0, 0]]), 196, 1e-11);
    empty.means.forEach((mean, i) => expect(Math.abs(mean - priorMeans[i]!)).toBeLessThanOrEqual(1e-9));
    empty.variances.forEach((variance) => expect(relativeError(variance, 40000)).toBeLessThanOrEqual(1e-12));
  });

  it('returns the prior with no comparisons, moves with the prior means, and leaves its inputs alone', () => {
    const none = expectationPropagation([5, -7], 900, factorsOf([]), 196, 1e-9);
    expect(Array.from(none.means)).toEqual([5, -7].map((mean) => expect.closeTo(mean, 12)));
    expect(Array.from(none.variances)).toEqual([expect.closeTo(900, 10), expect.closeTo(900, 10)]);
    expect(none.sweeps).toBe(0);
    expect(none.converged).toBe(true);

    // Shifting every prior mean by the same amount shifts every posterior mean by it (the
    // likelihood only sees differences); variances do not change.
    const factors = factorsOf(WIN_ROWS);
    const before = JSON.stringify([Array.from(factors.a), Array.from(factors.b), Array.from(factors.winsA), Array.from(factors.winsB)]);
    const priorMeans = [0, 30, -30, 0, 10];
    const base = expectationPropagation(priorMeans, 200 * 200, factors, 196, 1e-11);
    const shifted = expectationPropagation(priorMeans.map((mean) => mean + 1200), 200 * 200, factors, 196, 1e-11);
    base.means.forEach((mean, i) => expect(Math.abs(shifted.means[i]! - 1200 - mean)).toBeLessThanOrEqual(1e-7));
    base.variances.forEach((variance, i) => expect(relativeError(shifted.variances[i]!, variance)).toBeLessThanOrEqual(1e-9));
    expect(JSON.stringify([Array.from(factors.a), Array.from(factors.b), Array.from(factors.winsA), Array.from(factors.winsB)])).toBe(before);
    expect(priorMeans).toEqual([0, 30, -30, 0, 10]);
  });

  it('stops after MAX_SWEEPS sweeps, unconverged, when the tolerance cannot be met', () => {
    const posterior = expectationPropagation([0, 0, 0, 0, 0], 40000, factorsOf(WIN_ROWS), 196, -1);
    expect(posterior.sweeps).toBe(MAX_SWEEPS);
    expect(posterior.converged).toBe(false);
  });
});
