// Hostile review of the Bradley–Terry start from the win rates, the forcing terms, the
// last-step shortcut (`endedOnStep`) and the column-pass table of long arrays (commits
// 9e39842, f9a3f26). Each regression test below failed on f9a3f26 (figures in comments).
import { describe, expect, it } from 'vitest';
import { xorshift32 } from '../helpers.js';
import { tableBits } from '../bradleyTerry/tableContents.js';
import { arrayComparisonTable } from '../../src/bradleyTerry/arrayComparisonTable.js';
import { buildModel } from '../../src/bradleyTerry/bradleyTerryModel.js';
import { ComparisonTableBuilder, comparisonTable } from '../../src/bradleyTerry/comparisonTable.js';
import { comparisonTableData, type ComparisonTable } from '../../src/bradleyTerry/comparisonTableData.js';
import type { Comparison } from '../../src/bradleyTerry/comparisonTypes.js';
import { fitBradleyTerry, resolveBradleyTerryOptions } from '../../src/bradleyTerry/fitBradleyTerry.js';
import type { BradleyTerryFit } from '../../src/bradleyTerry/bradleyTerryFitTypes.js';
import { emptyInformation, evaluateAt } from '../../src/bradleyTerry/informationMatrix.js';

// xorshift32 (test/helpers.ts): its designs never move.
const rng = xorshift32;

const contents = tableBits;

function viaBuilder(items: Iterable<unknown>): ComparisonTable {
  const builder = new ComparisonTableBuilder();
  let index = 0;
  for (const item of items) builder.addItem(item, 'comparisons', index++);
  return builder.build();
}

function errorOf(run: () => unknown): string {
  try {
    run();
    return 'no error';
  } catch (error) {
    return `${(error as Error).constructor.name}: ${(error as Error).message}`;
  }
}

// The log-likelihood at the fit's θ (and γ), evaluated directly.
function directLogLikelihood(comparisons: Comparison[], options: Record<string, unknown>, fit: BradleyTerryFit): number {
  const model = buildModel(comparisonTableData(comparisonTable(comparisons))!, resolveBradleyTerryOptions(options));
  const x = new Float64Array(model.size);
  fit.entries.forEach((entry, i) => (x[i] = entry.theta));
  if (fit.positionEffect !== null) x[model.n] = fit.positionEffect.theta;
  return evaluateAt(model, x, new Float64Array(model.size), emptyInformation(model), true);
}

// 30 datapoints, each beating every later one: every pair separated.
const tournament: Comparison[] = Array.from({ length: 30 }, (_, i) => Array.from({ length: 29 - i }, (_, j) => ({ a: `d${i}`, b: `d${i + j + 1}`, aWins: 1, bWins: 0 }))).flat();

function randomRecords(seed: number, n: number, count: number): Comparison[] {
  const r = rng(seed);
  return Array.from({ length: count }, () => {
    const i = Math.floor(r() * n);
    const j = (i + 1 + Math.floor(r() * (n - 1))) % n;
    return { left: `d${i}`, right: `d${j}`, outcome: r() < 0.3 + 0.4 * Number(i > j) ? ('left' as const) : ('right' as const) };
  });
}

describe('review 4: the column-pass table of long arrays', () => {
  const items: Comparison[] = Array.from({ length: 5000 }, (_, i) => ({
    left: `p${i % 50}`,
    right: `q${i % 37}${i >= 4096 ? 'x' : ''}`,
    outcome: i % 3 ? ('left' as const) : ('right' as const),
  }));

  it('a Proxy whose length reads 4096.5 once loses no item (f9a3f26: 1 850 pairs of 2 754, the rest dropped)', () => {
    const proxy = (): Comparison[] => {
      let reads = 0;
      return new Proxy(items, { get: (target, key, receiver) => (key === 'length' ? (++reads === 2 ? 4096.5 : 5000) : Reflect.get(target, key, receiver)) });
    };
    expect(contents(comparisonTable(proxy()))).toBe(contents(viaBuilder(proxy())));
    expect(comparisonTable(proxy()).pairCount).toBe(2754);
  });

  it('a length of Infinity or 2^32 − 1 is only a hint: the builder’s error at the first hole (f9a3f26: RangeError for Infinity)', () => {
    const infinite = new Proxy(items, { get: (target, key, receiver) => (key === 'length' ? Infinity : Reflect.get(target, key, receiver)) });
    expect(errorOf(() => comparisonTable(infinite))).toMatch(/^RankingInputError: comparisons\[5000\]: must be a comparison record/);
    const sparse: unknown[] = items.slice(0, 4100);
    sparse.length = 2 ** 32 - 1;
    expect(errorOf(() => comparisonTable(sparse as Comparison[]))).toMatch(/^RankingInputError: comparisons\[4100\]: must be a comparison record/);
  });

  it('mixes of records and pair counts with weights 0, 2^-1022, 2^53 and draws give the builder’s table to the bit, at 4 095 and 4 096 items', () => {
    const r = rng(7);
    const weights = [0, 2 ** -1022, 1, 0.5, 3, 2 ** 20];
    const mixed: unknown[] = Array.from({ length: 4096 }, (_, k) => {
      const i = Math.floor(r() * 300);
      const j = (i + 1 + Math.floor(r() * 299)) % 300;
      const w = weights[Math.floor(r() * weights.length)]!;
      if (k % 4 === 0) return { a: `i${i}`, b: `i${j}`, aWins: w, bWins: 0, draws: k % 8 === 0 ? w : 0 };
      if (k % 9 === 0) return { a: `zero${k % 5}`, b: `i${j}`, aWins: 0, bWins: 0 };
      return { left: k % 11 === 0 ? '__proto__' : `i${i}`, right: `i${j}`, outcome: ['left', 'right', 'draw'][k % 3], ...(k % 2 ? { weight: w } : {}) };
    });
    for (const length of [4095, 4096]) {
      const slice = mixed.slice(0, length);
      expect(contents(comparisonTable(slice as Comparison[]))).toBe(contents(viaBuilder(slice)));
    }
    expect(contents(arrayComparisonTable(mixed, 'comparisons'))).toBe(contents(viaBuilder(mixed)));
    // Totals past 2^53 are refused at the same item, with the same message.
    const heavy = [...mixed, { left: 'i1', right: 'i2', outcome: 'left', weight: 2 ** 53 }, { left: 'i1', right: 'i3', outcome: 'left', weight: 2 ** 53 }];
    expect(errorOf(() => comparisonTable(heavy as Comparison[]))).toBe(errorOf(() => viaBuilder(heavy)));
    expect(errorOf(() => comparisonTable(heavy as Comparison[]))).toMatch(/comparisons\[\d+\]: would bring the total weight of datapoint/);
  });
});

describe('review 4: the log-likelihood and the information after the last step', () => {
  it('under a loose tolerance the log-likelihood is the one at θ (f9a3f26: 2.5e-4 relative off at tolerance 0.5)', () => {
    const comparisons = randomRecords(11, 60, 600);
    for (const options of [{ prior: 0.01, tolerance: 0.5 }, { prior: 1e-8, tolerance: 0.3 }, { prior: 0.01, tolerance: 1e-3 }]) {
      const fit = fitBradleyTerry(comparisons, { ...options, standardErrors: 'approximate' });
      const direct = directLogLikelihood(comparisons, options, fit);
      expect(Math.abs(fit.logLikelihood - direct)).toBeLessThanOrEqual(1e-12 * Math.abs(direct));
    }
  });

  it('a prior-path fit stopped by maxIterations reports the log-likelihood at θ, not a stage’s (f9a3f26: 5.7e-4 relative off at 6 steps)', () => {
    for (const maxIterations of [4, 6, 10]) {
      const options = { prior: 1e-8, maxIterations };
      const fit = fitBradleyTerry(tournament, { ...options, standardErrors: 'approximate' });
      const direct = directLogLikelihood(tournament, options, fit);
      expect(Math.abs(fit.logLikelihood - direct)).toBeLessThanOrEqual(1e-12 * Math.abs(direct));
    }
  });

  it('with the default tolerance the shortcut stays within 1e-10 relative of a direct evaluation', () => {
    for (const [comparisons, options] of [
      [randomRecords(3, 200, 3000), { prior: 0.01 }],
      [randomRecords(5, 80, 500), { prior: 1e-3, positionEffect: true }],
      [tournament, { prior: 1e-8 }],
    ] as const) {
      const fit = fitBradleyTerry(comparisons, { ...options, standardErrors: 'approximate' });
      expect(fit.converged).toBe(true);
      const direct = directLogLikelihood(comparisons, options, fit);
      expect(Math.abs(fit.logLikelihood - direct)).toBeLessThanOrEqual(1e-10 * Math.abs(direct));
    }
  });
});

describe('review 4: games of very different weights', () => {
  // Records of weight 0, ½, 1, 2 and 1e6 between random pairs (the design that found it).
  function unevenDesign(seed: number): Comparison[] {
    const r = rng(seed * 7919 + 13);
    const n = 3 + Math.floor(r() * 40);
    const strength = Array.from({ length: n }, () => (r() - 0.5) * 3);
    const m = Math.floor(n * (1 + r() * 10));
    const weights = [1, 1, 0, 2, 1e6, 0.5];
    const out: Comparison[] = [];
    for (let k = 0; k < m; k++) {
      const i = Math.floor(r() * n);
      const j = Math.floor(r() * n);
      if (i === j) continue;
      const p = 1 / (1 + Math.exp(strength[j]! - strength[i]!));
      const weight = weights[Math.floor(r() * weights.length)]!;
      const u = r();
      if (r() < 0.15) {
        out.push({ a: `d${i}`, b: `d${j}`, aWins: Math.floor(r() * 4), bWins: Math.floor(r() * 4), ...(r() < 0.3 ? { draws: Math.floor(r() * 2) } : {}) });
      } else {
        out.push({ left: `d${i}`, right: `d${j}`, outcome: u < 0.1 ? 'draw' : u < 0.1 + 0.9 * p ? 'left' : 'right', weight });
      }
    }
    return out;
  }

  it('weights of 1 and 1e6 without a prior converge as they did from 0 (f9a3f26: not converged, scores of 4e174 Elo points)', () => {
    const fit = fitBradleyTerry(unevenDesign(14), { prior: 0, standardErrors: 'approximate' });
    expect(fit.converged).toBe(true);
    for (const entry of fit.entries) expect(Math.abs(entry.score - 1000)).toBeLessThan(1e4);
    const direct = directLogLikelihood(unevenDesign(14), { prior: 0 }, fit);
    expect(Math.abs(fit.logLikelihood - direct)).toBeLessThanOrEqual(1e-10 * Math.abs(direct));
  });
});

describe('review 4: determinism and starts', () => {
  it('the same input twice gives byte-identical JSON, through both table paths', () => {
    const comparisons = randomRecords(21, 300, 5000);
    const a = JSON.stringify(fitBradleyTerry(comparisons, { positionEffect: true }));
    const b = JSON.stringify(fitBradleyTerry(comparisons.slice(), { positionEffect: true }));
    const c = JSON.stringify(fitBradleyTerry(viaBuilder(comparisons)));
    expect(a).toBe(b);
    expect(c).toBe(JSON.stringify(fitBradleyTerry(comparisonTable(comparisons))));
  });

  it('disconnected groups: the start from the win rates reaches the scores a start at 0 does', async () => {
    const { fitComparisonTable } = await import('../../src/bradleyTerry/fitComparisonTable.js');
    // Three groups of 40 that never meet, each a random design.
    const comparisons = [0, 1, 2].flatMap((g) => randomRecords(31 + g, 40, 400).map((c) => ({ ...c, left: `g${g}${(c as { left: string }).left}`, right: `g${g}${(c as { right: string }).right}` })));
    const table = comparisonTable(comparisons);
    const options = resolveBradleyTerryOptions({ prior: 0.01, standardErrors: 'approximate' });
    const fromRates = fitComparisonTable(table, options);
    const fromZero = fitComparisonTable(table, options, { initialTheta: new Float64Array(table.datapointCount) });
    expect(fromRates.converged && fromZero.converged).toBe(true);
    for (let i = 0; i < table.datapointCount; i++) {
      expect(Math.abs(fromRates.entries[i]!.score - fromZero.entries[i]!.score)).toBeLessThan(1e-6);
      expect(Math.abs(fromRates.entries[i]!.standardError / fromZero.entries[i]!.standardError - 1)).toBeLessThan(1e-8);
    }
  });
});
