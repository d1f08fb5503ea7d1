import { describe, expect, it } from 'vitest';
import { GAUSS_HERMITE_NODES, buildRule, gaussHermiteRule } from '../../src/posterior/gaussHermite.js';

// The 24-node rule's non-negative half (the rule is symmetric), from
// python3: import numpy as np; x, w = np.polynomial.hermite.hermgauss(24); [(repr(float(a)), repr(float(b))) for a, b in zip(x[12:], w[12:])]
// (numpy 2.4; an independent Golub–Welsch eigen-decomposition in mpmath at 50 digits agrees to ≤ 3e-16 relative).
const NUMPY_24: readonly (readonly [number, number])[] = [
  [0.22441454747251557, 0.42693116386869934],
  [0.6741711070372123, 0.2861795353464429],
  [1.1267608176112451, 0.12773962178455917],
  [1.5842500109616942, 0.037445470503230736],
  [2.049003573661699, 0.007048355810072673],
  [2.523881017011427, 0.0008236924826884169],
  [3.0125461375655647, 5.688691636404392e-5],
  [3.5200068130345246, 2.1582457049023414e-6],
  [4.053664402448149, 4.018971174941438e-8],
  [4.625662756423788, 3.0462542699875555e-10],
  [5.259382927668044, 6.584620243078167e-13],
  [6.01592556142574, 1.6643684964891008e-16],
];

/** Γ(k + ½) = ∫ x^(2k) e^(−x²) dx = √π (2k − 1)!! / 2^k. */
function evenMoment(k: number): number {
  let value = Math.sqrt(Math.PI);
  for (let j = 0; j < k; j++) value *= j + 0.5;
  return value;
}

describe('gaussHermiteRule', () => {
  it('has 24 ascending nodes and matches numpy.polynomial.hermite.hermgauss(24)', () => {
    const { nodes, weights } = gaussHermiteRule();
    expect(GAUSS_HERMITE_NODES).toBe(24);
    expect(nodes.length).toBe(24);
    expect(weights.length).toBe(24);
    for (let k = 1; k < 24; k++) expect(nodes[k]!).toBeGreaterThan(nodes[k - 1]!);
    NUMPY_24.forEach(([node, weight], i) => {
      for (const k of [12 + i, 11 - i]) {
        expect(Math.abs(Math.abs(nodes[k]!) - node)).toBeLessThanOrEqual(1e-14 * node);
        expect(Math.abs(weights[k]! - weight)).toBeLessThanOrEqual(1e-13 * weight);
      }
      expect(Math.sign(nodes[12 + i]!)).toBe(1);
      expect(Math.sign(nodes[11 - i]!)).toBe(-1);
    });
  });

  it('integrates x^j e^(−x²) exactly for every j < 48 (odd moments vanish, even ones are Γ(k + ½))', () => {
    const { nodes, weights } = gaussHermiteRule();
    for (let j = 0; j < 48; j++) {
      let sum = 0;
      let absolute = 0;
      for (let k = 0; k < 24; k++) {
        sum += weights[k]! * nodes[k]! ** j;
        absolute += weights[k]! * Math.abs(nodes[k]!) ** j;
      }
      if (j % 2 === 1) expect(Math.abs(sum)).toBeLessThanOrEqual(1e-14 * absolute);
      else expect(Math.abs(sum - evenMoment(j / 2)) / evenMoment(j / 2)).toBeLessThanOrEqual(1e-13);
    }
  });

  it('is built once and shared, and equals buildRule(24)', () => {
    const first = gaussHermiteRule();
    expect(gaussHermiteRule()).toBe(first);
    const built = buildRule(24);
    expect(Array.from(built.nodes)).toEqual(Array.from(first.nodes));
    expect(Array.from(built.weights)).toEqual(Array.from(first.weights));
  });
});

describe('buildRule', () => {
  it('gives the closed-form rules for 1, 2 and 3 nodes', () => {
    // Roots of H₁ = 2x, H₂ = 4x² − 2, H₃ = 8x³ − 12x; weights 2^(n−1) n! √π / (n² H_(n−1)(xₖ)²)
    // (Abramowitz & Stegun 25.4.46): n = 1: √π; n = 2: ±1/√2, √π/2 each;
    // n = 3: 0 with 2√π/3, ±√(3/2) with √π/6.
    const sqrtPi = Math.sqrt(Math.PI);
    const one = buildRule(1);
    expect(Math.abs(one.nodes[0]!)).toBeLessThanOrEqual(1e-15);
    expect(one.weights[0]!).toBeCloseTo(sqrtPi, 14);
    const two = buildRule(2);
    expect(Array.from(two.nodes).map((x) => x * Math.SQRT2)).toEqual([expect.closeTo(-1, 14), expect.closeTo(1, 14)]);
    expect(Array.from(two.weights)).toEqual([expect.closeTo(sqrtPi / 2, 14), expect.closeTo(sqrtPi / 2, 14)]);
    const three = buildRule(3);
    expect(three.nodes[0]!).toBeCloseTo(-Math.sqrt(1.5), 14);
    expect(Math.abs(three.nodes[1]!)).toBeLessThanOrEqual(1e-15);
    expect(three.nodes[2]!).toBeCloseTo(Math.sqrt(1.5), 14);
    expect(Array.from(three.weights)).toEqual([expect.closeTo(sqrtPi / 6, 14), expect.closeTo((2 * sqrtPi) / 3, 14), expect.closeTo(sqrtPi / 6, 14)]);
  });

  it('finds all n roots, ascending and symmetric, with positive weights integrating 1, x² and x⁴, for n up to 100', () => {
    for (const n of [4, 5, 10, 17, 40, 64, 100]) {
      const { nodes, weights } = buildRule(n);
      expect(nodes.length).toBe(n);
      let mass = 0;
      let second = 0;
      let fourth = 0;
      for (let k = 0; k < n; k++) {
        if (k > 0) expect(nodes[k]!).toBeGreaterThan(nodes[k - 1]!);
        expect(Math.abs(nodes[k]! + nodes[n - 1 - k]!)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(nodes[k]!)));
        expect(weights[k]!).toBeGreaterThan(0);
        mass += weights[k]!;
        second += weights[k]! * nodes[k]! ** 2;
        fourth += weights[k]! * nodes[k]! ** 4;
      }
      expect(mass / evenMoment(0)).toBeCloseTo(1, 13);
      expect(second / evenMoment(1)).toBeCloseTo(1, 13);
      expect(fourth / evenMoment(2)).toBeCloseTo(1, 13);
    }
  });
});
