import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomRecords } from './randomRecords.js';
import { buildModel, type Model } from '../../src/bradleyTerry/bradleyTerryModel.js';
import { comparisonTable } from '../../src/bradleyTerry/comparisonTable.js';
import { comparisonTableData } from '../../src/bradleyTerry/comparisonTableData.js';
import type { Comparison } from '../../src/bradleyTerry/comparisonTypes.js';
import { componentsOf } from '../../src/bradleyTerry/componentCentring.js';
import { conjugateGradientScratch, jacobiPreconditioner, solveInformation, spanningTreePreconditioner } from '../../src/bradleyTerry/conjugateGradient.js';
import { fitBradleyTerry, resolveBradleyTerryOptions, type BradleyTerryOptions } from '../../src/bradleyTerry/fitBradleyTerry.js';
import { emptyInformation, informationAt, informationTimes } from '../../src/bradleyTerry/informationMatrix.js';
import { penalisedAt } from '../../src/bradleyTerry/logLikelihood.js';
import { maximumSpanningForest, spanningForest } from '../../src/bradleyTerry/maximumSpanningForest.js';
import { JACOBI_ITERATIONS, maximise } from '../../src/bradleyTerry/penalisedNewton.js';
import { applyTreePreconditioner, factorTreePreconditioner, treePreconditioner } from '../../src/bradleyTerry/spanningTreePreconditioner.js';
import { createRng } from '../../src/rng/createRng.js';

function modelOf(comparisons: Iterable<Comparison>, options: BradleyTerryOptions = {}): { model: Model; options: ReturnType<typeof resolveBradleyTerryOptions> } {
  const resolved = resolveBradleyTerryOptions(options);
  return { model: buildModel(comparisonTableData(comparisonTable(comparisons))!, resolved), options: resolved };
}

/** d0 – d1 – … – d(n−1): one record per neighbouring pair, the left side winning 60% of them (seeded). */
function separatedChain(n: number): Comparison[] {
  const rng = createRng('separated chain');
  return Array.from({ length: n - 1 }, (_, i) => ({ left: `d${i}`, right: `d${i + 1}`, outcome: rng() < 0.6 ? ('left' as const) : ('right' as const) }));
}

/** A chain whose neighbours each won at least once: the estimate is finite even without a prior. */
function connectedChain(n: number): Comparison[] {
  const rng = createRng('connected chain');
  return Array.from({ length: n - 1 }, (_, i) => ({ a: `d${i}`, b: `d${i + 1}`, aWins: 1 + Math.floor(rng() * 3), bWins: 1 + Math.floor(rng() * 3) }));
}


/** Solves the first Newton system of `model` with both preconditioners; iterations of each. */
function firstSystemIterations(model: Model, jacobiLimit: number): { tree: number; jacobi: number; treeConverged: boolean } {
  const information = emptyInformation(model);
  const gradient = new Float64Array(model.size);
  informationAt(model, new Float64Array(model.size), gradient, information);
  const components = componentsOf(model);
  const tree = treePreconditioner(model, components);
  factorTreePreconditioner(tree, information, model.prior);
  const scratch = conjugateGradientScratch(model.size);
  const step = new Float64Array(model.size);
  const spanning = spanningTreePreconditioner(model, information, tree, components);
  spanning.centre(gradient);
  const treeIterations = solveInformation(model, information, spanning, gradient, step, scratch, 2 * model.size + 20);
  const treeConverged = scratch.converged;
  const jacobiIterations = solveInformation(model, information, jacobiPreconditioner(model, information), gradient, step, scratch, jacobiLimit);
  return { tree: treeIterations, jacobi: jacobiIterations, treeConverged };
}

describe('Newton systems: the spanning-tree preconditioner', () => {
  it('solves a chain in one iteration whatever the prior, where Jacobi needs about n', () => {
    for (const prior of [0.01, 1e-12]) {
      const { tree, jacobi, treeConverged } = firstSystemIterations(modelOf(connectedChain(1500), { prior }).model, 10_000);
      expect(treeConverged).toBe(true);
      expect(tree).toBe(1);
      // Why the tree is needed: with Jacobi's the iterations grow as the prior weakens.
      expect(jacobi).toBeGreaterThan(prior === 0.01 ? 50 : 1000);
    }
  });

  it('keeps a fit of a long chain to a few conjugate-gradient iterations per Newton step at prior 1e-12', () => {
    // The old solver (Jacobi's alone) took about 2n iterations per Newton step here.
    for (const [records, prior] of [
      [separatedChain(2000), 1e-12],
      [connectedChain(2000), 1e-12],
      [connectedChain(2000), 0],
    ] as const) {
      const { model, options } = modelOf(records, { prior });
      const outcome = maximise(model, new Float64Array(model.size), options);
      expect(outcome.converged).toBe(true);
      expect(outcome.spanningTree).toBe(true);
      expect(outcome.solverIterations).toBeLessThanOrEqual(JACOBI_ITERATIONS + 20 * outcome.iterations);
    }
  });

  it('is the exact inverse of M = L_T + D + λI, and on a tree of H itself', () => {
    const rng = createRng('inverse');
    for (const [records, onTree] of [
      [connectedChain(40), true],
      [randomRecords('inverse records', 30, 120), false],
    ] as const) {
      const { model } = modelOf(records, { prior: 0.3 });
      const information = emptyInformation(model);
      const x = Float64Array.from({ length: model.size }, () => rng() - 0.5);
      informationAt(model, x, new Float64Array(model.size), information);
      const components = componentsOf(model);
      const tree = treePreconditioner(model, components);
      factorTreePreconditioner(tree, information, model.prior);
      const r = Float64Array.from({ length: model.n }, () => rng() - 0.5);
      const z = new Float64Array(model.n);
      applyTreePreconditioner(tree, r, z);
      // M·z, from the forest's pairs and H's diagonal.
      const mz = Float64Array.from(z, (value, i) => information.diagonal[i]! * value);
      const edges = tree.forest.forest.subarray(0, tree.forest.size);
      expect(edges.length).toBe(model.n - components.count);
      for (const k of edges) {
        mz[model.low[k]!]! -= information.pairWeight[k]! * z[model.high[k]!]!;
        mz[model.high[k]!]! -= information.pairWeight[k]! * z[model.low[k]!]!;
      }
      for (let i = 0; i < model.n; i++) expect(mz[i]).toBeCloseTo(r[i]!, 12);
      if (onTree) {
        const hz = new Float64Array(model.size);
        informationTimes(model, information, z, hz);
        for (let i = 0; i < model.n; i++) expect(hz[i]).toBeCloseTo(r[i]!, 12);
      }
    }
  });
});

describe('maximumSpanningForest', () => {
  /** Kruskal's maximum spanning forest weight, the reference (ties do not change the weight). */
  function kruskalWeight(n: number, low: Int32Array, high: Int32Array, weight: Float64Array): { weight: number; edges: number } {
    const order = Array.from(weight.keys()).filter((k) => weight[k]! > 0);
    order.sort((a, b) => weight[b]! - weight[a]! || a - b);
    const parent = Array.from({ length: n }, (_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
    let total = 0;
    let edges = 0;
    for (const k of order) {
      const a = find(low[k]!);
      const b = find(high[k]!);
      if (a === b) continue;
      parent[a] = b;
      total += weight[k]!;
      edges++;
    }
    return { weight: total, edges };
  }

  it('finds a maximum-weight spanning forest of sparse graphs, and a spanning one of dense graphs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.integer({ min: 1, max: 400 }), fc.integer(), (n, m, seed) => {
        const rng = createRng(seed);
        const low = new Int32Array(m);
        const high = new Int32Array(m);
        // Weights on a coarse grid, so that ties happen; some pairs weigh 0 (absent).
        const weight = Float64Array.from({ length: m }, () => Math.floor(rng() * 5) / 4);
        for (let k = 0; k < m; k++) {
          const i = Math.floor(rng() * n);
          let j = Math.floor(rng() * (n - 1));
          if (j >= i) j++;
          low[k] = Math.min(i, j);
          high[k] = Math.max(i, j);
        }
        const reference = kruskalWeight(n, low, high, weight);
        const forest = spanningForest(n);
        maximumSpanningForest(forest, low, high, weight, n - reference.edges);
        const edges = Array.from(forest.forest.subarray(0, forest.size));
        expect(edges.length).toBe(reference.edges);
        expect(kruskalWeight(n, low, high, Float64Array.from(weight, (w, k) => (edges.includes(k) ? w : 0))).edges).toBe(reference.edges);
        const total = edges.reduce((sum, k) => sum + weight[k]!, 0);
        if (m <= 4 * n) expect(total).toBe(reference.weight);
        // Deterministic: the same input gives the same forest, edge for edge.
        const again = spanningForest(n);
        maximumSpanningForest(again, low, high, weight, n - reference.edges);
        expect(Array.from(again.forest.subarray(0, again.size))).toEqual(edges);
      }),
      { numRuns: 200 },
    );
  });
});

describe('maximise: Jacobi and spanning tree agree', () => {
  it('reaches the same optimum with either preconditioner, with and without the position effect', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 30 }),
        fc.integer({ min: 1, max: 90 }),
        fc.string(),
        fc.constantFrom(0.01, 1e-6, 1e-12),
        fc.boolean(),
        (n, count, seed, prior, positionEffect) => {
          const records = randomRecords(seed, n, count);
          const { model, options } = modelOf(records, { prior, positionEffect: positionEffect && records.some((r) => 'left' in r) });
          const jacobi = new Float64Array(model.size);
          const tree = new Float64Array(model.size);
          const byJacobi = maximise(model, jacobi, options, Infinity);
          const byTree = maximise(model, tree, options, 0);
          expect(byJacobi.converged && byTree.converged).toBe(true);
          expect(byJacobi.spanningTree).toBe(false);
          expect(byTree.spanningTree || byTree.solverIterations === 0).toBe(true);
          const objective = penalisedAt(model, jacobi);
          expect(Math.abs(penalisedAt(model, tree) - objective)).toBeLessThanOrEqual(1e-13 * (1 + Math.abs(objective)));
          // Under a prior of 1e-12 a datapoint that only won is pinned to within about 1e-5
          // (the objective is flat to working precision there); elsewhere to the tolerance.
          const agreement = prior === 1e-12 ? 1e-3 : 1e-8;
          for (let i = 0; i < model.size; i++) expect(Math.abs(tree[i]! - jacobi[i]!)).toBeLessThanOrEqual(agreement);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('centres each connected group on its own once on the spanning tree, as the optimum has it', () => {
    const records = [...randomRecords('group a', 8, 20), ...randomRecords('group b', 8, 20).map((r) => ({ ...r, left: `b${r.left}`, right: `b${r.right}` }))];
    for (const prior of [0.01, 1e-12]) {
      const { model, options } = modelOf(records, { prior });
      const x = new Float64Array(model.size);
      // Start off-centre, as a warm start may: the groups' means must still end at zero.
      for (let i = 0; i < model.n; i++) x[i] = i < 8 ? 0.5 : -0.5;
      expect(maximise(model, x, options, 0).converged).toBe(true);
      const means = [0, 0];
      const ids = comparisonTableData(comparisonTable(records))!.ids;
      ids.forEach((id, i) => (means[id.startsWith('b') ? 1 : 0]! += x[i]! / 8));
      for (const mean of means) expect(Math.abs(mean)).toBeLessThan(1e-12);
    }
  });
});

describe('fitBradleyTerry under a very weak prior', () => {
  it('converges when the scores are pinned only to rounding precision (prior 1e-12)', () => {
    // 60 datapoints, 120 random records: many datapoints only won or only lost, so with
    // prior 1e-12 their scores sit on a plateau flat to working precision. The old solver
    // kept stepping through rounding noise and stopped at maxIterations, not converged.
    const fit = fitBradleyTerry(randomRecords('plateau', 60, 120), { prior: 1e-12 });
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThan(60);
    for (const entry of fit.entries) expect(Number.isFinite(entry.score)).toBe(true);
  });
});
