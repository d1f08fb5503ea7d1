// The prior path (src/bradleyTerry/priorPath.ts): under a weak prior on data with
// separated pairs the fit follows the optimum down from the default prior, so that its
// Newton steps do not grow with ln(1/prior); every other fit is the plain iteration, bit
// for bit. Before the path, the designs below took 27, 39 and 57 Newton steps at priors
// 1e-8, 1e-12 and 1e-16 (a random sparse design of 2 000 datapoints; 10 at the default),
// and 27, 44 and 54 (a chain of 2 000; 9 at the default).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomRecords } from './randomRecords.js';
import { buildModel, type Model } from '../../src/bradleyTerry/bradleyTerryModel.js';
import { comparisonTable } from '../../src/bradleyTerry/comparisonTable.js';
import { comparisonTableData } from '../../src/bradleyTerry/comparisonTableData.js';
import type { Comparison } from '../../src/bradleyTerry/comparisonTypes.js';
import { pairsByDatapoint, smoothStrengths } from '../../src/bradleyTerry/coordinateSmoothing.js';
import { fitBradleyTerry, resolveBradleyTerryOptions, type BradleyTerryOptions } from '../../src/bradleyTerry/fitBradleyTerry.js';
import { penalisedAt } from '../../src/bradleyTerry/logLikelihood.js';
import { maximise } from '../../src/bradleyTerry/penalisedNewton.js';
import { followsPriorPath, pathPriors } from '../../src/bradleyTerry/priorPath.js';
import { hasSeparatedPairs } from '../../src/bradleyTerry/separatedPairs.js';
import { createRng } from '../../src/rng/createRng.js';

function modelOf(comparisons: Iterable<Comparison>, options: BradleyTerryOptions = {}): { model: Model; options: ReturnType<typeof resolveBradleyTerryOptions> } {
  const resolved = resolveBradleyTerryOptions(options);
  return { model: buildModel(comparisonTableData(comparisonTable(comparisons))!, resolved), options: resolved };
}


/** d0 – d1 – … – d(n−1): one record per neighbouring pair, so every pair is separated. */
function separatedChain(n: number): Comparison[] {
  const rng = createRng('separated chain');
  return Array.from({ length: n - 1 }, (_, i) => ({ left: `d${i}`, right: `d${i + 1}`, outcome: rng() < 0.6 ? ('left' as const) : ('right' as const) }));
}

/** Both fits of a model: along the path (when it applies) and the plain iteration. */
function bothWays(model: Model, options: ReturnType<typeof resolveBradleyTerryOptions>) {
  const byPath = new Float64Array(model.size);
  const plain = new Float64Array(model.size);
  return { path: maximise(model, byPath, options), plain: maximise(model, plain, options, undefined, false), byPath, byPlain: plain };
}

describe('the prior path: a weak prior costs about as many Newton steps as the default', () => {
  it.each([
    ['2 000 datapoints, 3 000 random records', randomRecords('weak prior', 2000, 3000)],
    ['a chain of 2 000, every pair separated', separatedChain(2000)],
  ] as const)('%s: at most 3 times the default prior’s steps, at priors 1e-8, 1e-12 and 1e-16', (_name, records) => {
    // The Newton iterations of fitBradleyTerry, without its standard errors (dense below 2 001 datapoints).
    const steps = (prior: number): number => {
      const { model, options } = modelOf(records, { prior });
      const outcome = maximise(model, new Float64Array(model.size), options);
      expect(outcome.converged).toBe(true);
      return outcome.iterations;
    };
    const usual = steps(0.01);
    for (const prior of [1e-8, 1e-12, 1e-16]) expect(steps(prior)).toBeLessThanOrEqual(3 * usual);
  });
});

describe('the prior path: the same optimum as the plain iteration', () => {
  it('to the tolerance, or to rounding on the plateaus a prior of 1e-12 leaves, with and without the position effect', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 60 }),
        fc.integer({ min: 1, max: 150 }),
        fc.string(),
        fc.constantFrom(1e-6, 1e-9, 1e-12),
        fc.boolean(),
        (n, count, seed, prior, positionEffect) => {
          const records = randomRecords(seed, n, count);
          const { model, options } = modelOf(records, { prior, positionEffect: positionEffect && records.some((r) => r.weight !== 0) });
          const { path, plain, byPath, byPlain } = bothWays(model, options);
          expect(path.converged && plain.converged).toBe(true);
          const objective = penalisedAt(model, byPlain);
          // The path never ends lower than the plain iteration, beyond rounding.
          expect(penalisedAt(model, byPath)).toBeGreaterThanOrEqual(objective - 1e-13 * (1 + Math.abs(objective)));
          expect(Math.abs(penalisedAt(model, byPath) - objective)).toBeLessThanOrEqual(1e-13 * (1 + Math.abs(objective)));
          // Under 1e-12 a score pinned only by the prior is pinned to about 1e-3 (the
          // objective is flat to working precision there); otherwise to the tolerance.
          const agreement = prior === 1e-12 ? 1e-3 : prior === 1e-9 ? 1e-5 : 1e-7;
          for (let i = 0; i < model.size; i++) expect(Math.abs(byPath[i]! - byPlain[i]!)).toBeLessThanOrEqual(agreement);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('to the exact optimum of a star, where the plain iteration ran out of steps below 1e-20', () => {
    // A hub that beat k leaves once each: by symmetry the leaves sit at −h/k, and the hub's
    // h solves (k + 1)·σ(−h(1 + 1/k)) = λ·h(1 + 1/k), found here by bisection on its log.
    const logSigmoid = (z: number): number => Math.min(z, 0) - Math.log1p(Math.exp(-Math.abs(z)));
    for (const k of [1, 5, 300]) {
      const records = Array.from({ length: k }, (_, i) => ({ left: 'hub', right: `leaf${i}`, outcome: 'left' as const }));
      for (const prior of [1e-4, 1e-12, 1e-20, 1e-50, 1e-100]) {
        let low = 0;
        let high = 2000;
        for (let step = 0; step < 200; step++) {
          const h = (low + high) / 2;
          // log of (k + 1)σ(−h(1 + 1/k)) against log of λh(1 + 1/k): the first falls, the second rises.
          if (Math.log(k + 1) + logSigmoid(-h * (1 + 1 / k)) > Math.log(prior * h * (1 + 1 / k))) low = h;
          else high = h;
        }
        const fit = fitBradleyTerry(records, { prior });
        expect(fit.converged).toBe(true);
        expect(Math.abs(fit.entries[0]!.theta - (low + high) / 2)).toBeLessThan(1e-9 * (1 + low));
      }
    }
  });
});

describe('the prior path: every other fit is the plain iteration, bit for bit', () => {
  it('priors above 1e-6, and weak priors on data without separated pairs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.integer({ min: 1, max: 120 }), fc.string(), fc.constantFrom(1, 0.01, 1e-3, 1e-4, 2e-6, 1e-12), (n, count, seed, prior) => {
        const random = randomRecords(seed, n, count);
        // At 1e-12, pair counts won both ways: no pair is separated.
        const records: Comparison[] = prior === 1e-12 ? random.map((r, k) => ({ a: r.left, b: r.right, aWins: 1 + (k % 3), bWins: 1 })) : random;
        const { model, options } = modelOf(records, { prior });
        expect(followsPriorPath(model)).toBe(false);
        const { path, plain, byPath, byPlain } = bothWays(model, options);
        expect(path).toEqual(plain);
        expect(path.priors).toBe(1);
        expect(Array.from(byPath)).toEqual(Array.from(byPlain));
      }),
      { numRuns: 100 },
    );
  });
});

describe('pathPriors', () => {
  it('0.01, then down by 100 to 1e-16, then by λ^(1/4); the target last, and never within 10 times of it', () => {
    expect(pathPriors(1e-4)).toEqual([0.01, 1e-4]);
    const twelve = pathPriors(1e-12);
    expect(twelve.length).toBe(6);
    expect(twelve[5]).toBe(1e-12);
    for (const target of [1e-4, 5e-5, 1e-7, 1e-12, 1e-16, 1e-20, 1e-50, 1e-300, 5e-324]) {
      const priors = pathPriors(target);
      expect(priors[0]).toBe(0.01);
      expect(priors.at(-1)).toBe(target);
      expect(priors.length).toBeLessThanOrEqual(22);
      for (let s = 0; s + 1 < priors.length; s++) {
        expect(priors[s + 1]!).toBeLessThan(priors[s]!);
        if (s + 2 < priors.length) expect(priors[s + 1]! / priors[s]!).toBeLessThanOrEqual(0.01 * (1 + 1e-12));
      }
      if (priors.length > 1) expect(priors.at(-2)!).toBeGreaterThan(10 * target);
    }
  });
});

describe('hasSeparatedPairs', () => {
  const separated = (comparisons: Comparison[], options: BradleyTerryOptions = {}): boolean => hasSeparatedPairs(modelOf(comparisons, options).model);

  it('finds a datapoint that only won or only lost, and a group never beaten by the rest', () => {
    expect(separated([{ left: 'a', right: 'b', outcome: 'left' }])).toBe(true);
    expect(separated(separatedChain(30))).toBe(true);
    // a, b, c beat each other round a cycle; d lost to c and never won.
    const cycle = [
      { left: 'a', right: 'b', outcome: 'left' as const },
      { left: 'b', right: 'c', outcome: 'left' as const },
      { left: 'c', right: 'a', outcome: 'left' as const },
    ];
    expect(separated(cycle)).toBe(false);
    expect(separated([...cycle, { left: 'c', right: 'd', outcome: 'left' as const }])).toBe(true);
    // Two cycles that never met: groups, not separation.
    expect(separated([...cycle, ...cycle.map((r) => ({ ...r, left: `x${r.left}`, right: `x${r.right}` }))])).toBe(false);
  });

  it('counts a draw both ways, ignores pairs that weigh nothing, and reads every side of the position effect', () => {
    expect(separated([{ left: 'a', right: 'b', outcome: 'draw' }])).toBe(false);
    expect(separated([{ a: 'a', b: 'b', aWins: 2, bWins: 1 }, { left: 'b', right: 'c', outcome: 'left', weight: 0 }, { a: 'b', b: 'c', aWins: 1, bWins: 1 }])).toBe(false);
    // Each side won once, but on different sides of the screen: two groups of the position effect.
    const sided = [
      { left: 'a', right: 'b', outcome: 'left' as const },
      { left: 'a', right: 'b', outcome: 'right' as const },
    ];
    expect(separated(sided, { positionEffect: true })).toBe(false);
    expect(separated(sided.slice(0, 1), { positionEffect: true })).toBe(true);
  });
});

describe('smoothStrengths (one Gauss–Seidel–Newton sweep)', () => {
  it('moves a datapoint held by the prior alone at most 2 nats towards it, and leaves one within 0.1 nat', () => {
    // b lost once to a; c lost once to a too. Far above them both, a's pairs weigh nothing,
    // and a, held by the prior alone, would go to 0 by itself.
    const { model } = modelOf(
      [
        { left: 'a', right: 'b', outcome: 'left' },
        { left: 'a', right: 'c', outcome: 'left' },
      ],
      { prior: 1e-6 },
    );
    const pairsOf = pairsByDatapoint(model);
    const x = Float64Array.from([50, -0.05, 0]);
    expect(smoothStrengths(model, x, pairsOf)).toBe(1);
    expect(x[0]).toBe(48);
    expect(x[1]).toBe(-0.05);
    expect(x[2]).toBe(0);
  });

  it('takes the full one-dimensional Newton step between 0.1 and 2 nats, with the position effect held', () => {
    const { model } = modelOf(
      [
        { left: 'a', right: 'b', outcome: 'left' },
        { left: 'b', right: 'a', outcome: 'left' },
      ],
      { prior: 0.01, positionEffect: true },
    );
    const x = Float64Array.from([0.5, -0.5, 0.25]);
    const before = x[2];
    smoothStrengths(model, x, pairsByDatapoint(model));
    expect(x[2]).toBe(before);
    // a moved first, by its own Newton step: gradient over curvature of its penalised terms.
    const moved = x[0]! - 0.5;
    expect(Math.abs(moved)).toBeGreaterThanOrEqual(0.1);
    expect(Math.abs(moved)).toBeLessThanOrEqual(2);
  });
});
