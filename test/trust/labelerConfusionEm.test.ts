import { describe, expect, it } from 'vitest';
import { fitLabelerConfusion } from '../../src/trust/labelerConfusionEm.js';
import { readTrustData, readTrustOptions } from '../../src/trust/readTrustInput.js';
import type { TrustResponse, ValidationAnswer } from '../../src/index.js';

// A tiny job: a > b > c, a careful labeler with one upset and a draw, a left-clicker and a
// labeler who is mostly against the pair, plus a few validation answers.
const R = (left: string, right: string, outcome: 'left' | 'right' | 'draw', labelerId: string): TrustResponse => ({ left, right, outcome, labelerId });
const responses: TrustResponse[] = [
  R('a', 'b', 'left', 'good'), R('b', 'a', 'right', 'good'), R('b', 'c', 'left', 'good'), R('c', 'b', 'right', 'good'),
  R('a', 'c', 'left', 'good'), R('c', 'a', 'right', 'good'), R('b', 'a', 'left', 'good'), R('a', 'b', 'draw', 'good'),
  R('a', 'b', 'left', 'lefty'), R('b', 'a', 'left', 'lefty'), R('c', 'b', 'left', 'lefty'), R('a', 'c', 'left', 'lefty'), R('c', 'a', 'left', 'lefty'),
  R('a', 'b', 'right', 'contrary'), R('c', 'b', 'left', 'contrary'), R('a', 'c', 'right', 'contrary'), R('b', 'c', 'left', 'contrary'),
  R('c', 'a', 'left', 'contrary'),
];
const validation: ValidationAnswer[] = [
  { labelerId: 'good', answer: 'left', outcome: 'left' },
  { labelerId: 'good', answer: 'right', outcome: 'right' },
  { labelerId: 'lefty', answer: 'right', outcome: 'left' },
  { labelerId: 'contrary', answer: 'left', outcome: 'draw' },
];
const PRIOR_A = 3;
const PRIOR_B = 1.5;
const SCORE_PRIOR = 0.1;

// The log posterior of the module header, written out independently of the EM code:
// θ = [a, b, c], then (α, β) per labeler in order good, lefty, contrary.
function logPosterior(x: readonly number[], withGold: boolean): number {
  const index: Record<string, number> = { a: 0, b: 1, c: 2 };
  const labelers = ['good', 'lefty', 'contrary'];
  let total = 0;
  for (const { left, right, outcome, labelerId } of responses) {
    const k = labelers.indexOf(labelerId!);
    const [alpha, beta] = [x[3 + 2 * k]!, x[4 + 2 * k]!];
    const p = 1 / (1 + Math.exp(-(x[index[left]!]! - x[index[right]!]!)));
    const pLeft = p * alpha + (1 - p) * (1 - beta);
    total += outcome === 'left' ? Math.log(pLeft) : outcome === 'right' ? Math.log(1 - pLeft) : 0.5 * Math.log(pLeft) + 0.5 * Math.log(1 - pLeft);
  }
  if (withGold) {
    for (const { labelerId, answer, outcome } of validation) {
      const k = labelers.indexOf(labelerId);
      const coin = answer === 'left' ? x[3 + 2 * k]! : x[4 + 2 * k]!;
      const hit = outcome === answer ? 1 : outcome === 'draw' ? 0.5 : 0;
      total += hit * Math.log(coin) + (1 - hit) * Math.log(1 - coin);
    }
  }
  for (let i = 3; i < x.length; i++) total += (PRIOR_A - 1) * Math.log(x[i]!) + (PRIOR_B - 1) * Math.log(1 - x[i]!);
  return total - (SCORE_PRIOR / 2) * (x[0]! ** 2 + x[1]! ** 2 + x[2]! ** 2);
}

// Damped Newton's method on the whole parameter vector with finite-difference
// derivatives, the coins through their logits (so they stay in (0, 1)): unrelated to EM,
// which never forms a Hessian.
function bruteForceMaximum(f: (x: number[]) => number, start: number[]): number[] {
  const n = start.length;
  const toX = (u: number[]) => u.map((v, i) => (i < 3 ? v : 1 / (1 + Math.exp(-v))));
  const g = (u: number[]) => f(toX(u));
  let u = start.map((v, i) => (i < 3 ? v : Math.log(v / (1 - v))));
  const h = 1e-5;
  const gradient = (at: number[]) =>
    at.map((_, i) => {
      const plus = at.slice();
      const minus = at.slice();
      plus[i] = plus[i]! + h;
      minus[i] = minus[i]! - h;
      return (g(plus) - g(minus)) / (2 * h);
    });
  for (let iteration = 0; iteration < 200; iteration++) {
    const grad = gradient(u);
    if (Math.max(...grad.map(Math.abs)) < 1e-9) break;
    // Hessian by central differences of the gradient, symmetrised, then −H + λI solved by Gaussian elimination.
    const hessian = u.map((_, i) => {
      const plus = u.slice();
      const minus = u.slice();
      plus[i] = plus[i]! + h;
      minus[i] = minus[i]! - h;
      const gp = gradient(plus);
      const gm = gradient(minus);
      return gp.map((value, j) => (value - gm[j]!) / (2 * h));
    });
    let damping = 0;
    for (;;) {
      const a = hessian.map((row, i) => [...row.map((value, j) => -(value + hessian[j]![i]!) / 2 + (i === j ? damping : 0)), grad[i]!]);
      for (let c = 0; c < n; c++) {
        let pivot = c;
        for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[pivot]![c]!)) pivot = r;
        [a[c], a[pivot]] = [a[pivot]!, a[c]!];
        for (let r = 0; r < n; r++) {
          if (r === c) continue;
          const factor = a[r]![c]! / a[c]![c]!;
          for (let k = c; k <= n; k++) a[r]![k] = a[r]![k]! - factor * a[c]![k]!;
        }
      }
      const step = a.map((row, i) => row[n]! / row[i]!);
      const next = u.map((v, i) => v + step[i]!);
      if (g(next) >= g(u) - 1e-12) {
        u = next;
        break;
      }
      damping = damping === 0 ? 1e-3 : damping * 10;
    }
  }
  return toX(u);
}

function emFit(useGold: boolean, extra: Record<string, unknown> = {}) {
  const { resolved } = readTrustOptions({ prior: [PRIOR_A, PRIOR_B], scorePrior: SCORE_PRIOR, tolerance: 1e-13, maxIterations: 100_000, ...extra });
  const data = readTrustData(responses, validation);
  return { data, fit: fitLabelerConfusion(data, resolved, useGold) };
}

describe('labeler confusion EM', () => {
  for (const useGold of [false, true]) {
    it(`reaches the maximum of the log posterior found by brute force (${useGold ? 'with' : 'without'} validation answers)`, () => {
      const { data, fit } = emFit(useGold);
      expect(fit.converged).toBe(true);
      expect(data.labelerIds).toEqual(['good', 'lefty', 'contrary']);
      const f = (x: number[]) => logPosterior(x, useGold);
      // The posterior has several modes (its mirror image among them): Newton from a spread of starts, the best kept.
      const starts = [[0, 0, 0], [1, 0, -1], [-1, 0, 1], [0.5, -1, 0.5]].flatMap((theta) => [0.3, 0.7, 0.9].map((coin) => [...theta, ...Array<number>(6).fill(coin)]));
      const brute = starts.map((start) => bruteForceMaximum(f, start)).reduce((best, x) => (f(x) > f(best) ? x : best));
      const em = [...fit.theta, ...[0, 1, 2].flatMap((k) => [fit.leftAccuracy[k]!, fit.rightAccuracy[k]!])];
      for (let i = 0; i < em.length; i++) expect(em[i]).toBeCloseTo(brute[i]!, 5);
      expect(fit.logPosterior).toBeCloseTo(f(brute), 9);
      expect(fit.logPosterior).toBeGreaterThanOrEqual(f(brute) - 1e-9);
      // The careful labeler is trusted, the left-clicker is all left, the contrary one reversed.
      expect(fit.leftAccuracy[0]! + fit.rightAccuracy[0]! - 1).toBeGreaterThan(0.3);
      expect(fit.leftAccuracy[1]! - fit.rightAccuracy[1]!).toBeGreaterThan(0.5);
      // Four answers against the pair in five: trusted far less than the careful labeler.
      expect(fit.leftAccuracy[2]! + fit.rightAccuracy[2]! - 1).toBeLessThan(0.15);
    });
  }

  it('raises the log posterior at every iteration (EM never goes down)', () => {
    let previous = -Infinity;
    for (let iterations = 1; iterations <= 25; iterations++) {
      const { fit } = emFit(true, { maxIterations: iterations, tolerance: 1e-15 });
      expect(fit.logPosterior).toBeGreaterThanOrEqual(previous - 1e-12);
      previous = fit.logPosterior;
    }
  });

  it('reports the observed information of (α, β) that finite differences of the log posterior give', () => {
    const { fit } = emFit(true);
    const base = [...fit.theta, ...[0, 1, 2].flatMap((k) => [fit.leftAccuracy[k]!, fit.rightAccuracy[k]!])];
    const f = (x: number[]) => logPosterior(x, true);
    const h = 1e-4;
    for (let k = 0; k < 3; k++) {
      const i = 3 + 2 * k;
      const at = (di: number, dj: number) => {
        const x = base.slice();
        x[i] = x[i]! + di;
        x[i + 1] = x[i + 1]! + dj;
        return f(x);
      };
      const d11 = -(at(h, 0) - 2 * at(0, 0) + at(-h, 0)) / (h * h);
      const d22 = -(at(0, h) - 2 * at(0, 0) + at(0, -h)) / (h * h);
      const d12 = -(at(h, h) - at(h, -h) - at(-h, h) + at(-h, -h)) / (4 * h * h);
      expect(fit.information11[k]).toBeCloseTo(d11, 2);
      expect(fit.information22[k]).toBeCloseTo(d22, 2);
      expect(fit.information12[k]).toBeCloseTo(d12, 2);
    }
  });
});
