// Designs that are hard for the Newton solver of the Bradley–Terry fit: long chains and
// rings (Jacobi's preconditioner needs about n iterations per Newton step as the prior
// goes to 0), stars and tournaments where every comparison separates (scores pinned only
// by the prior), groups that never met, dense clusters joined by one light pair (the
// spanning forest's fallback over all pairs), weights across nine orders of magnitude,
// isolated datapoints, all draws, a left side that always wins. Before the spanning-tree
// preconditioner a chain of 8 000 took 35 s at prior 1e-12, and under a weak prior a fit
// could spend all 100 Newton steps in rounding noise and report `converged: false`. Each
// case must converge, with finite scores, each connected group centred, and the same
// optimum under either preconditioner. (Of these, the old solver failed sparseRandom at
// prior 1e-12, not converged after 100 steps; the rest exercise the new code paths.)
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/bradleyTerry/bradleyTerryModel.js';
import { comparisonTable } from '../../src/bradleyTerry/comparisonTable.js';
import { comparisonTableData } from '../../src/bradleyTerry/comparisonTableData.js';
import type { Comparison } from '../../src/bradleyTerry/comparisonTypes.js';
import { componentsOf } from '../../src/bradleyTerry/componentCentring.js';
import { fitBradleyTerry, resolveBradleyTerryOptions, type BradleyTerryOptions } from '../../src/bradleyTerry/fitBradleyTerry.js';
import { penalisedAt } from '../../src/bradleyTerry/logLikelihood.js';
import { maximise } from '../../src/bradleyTerry/penalisedNewton.js';
import { createRng } from '../../src/rng/createRng.js';

const id = (i: number): string => `d${i}`;

const DESIGNS: Record<string, () => Comparison[]> = {
  // A hub that beat each of 300 leaves once: every leaf only lost.
  star: () => Array.from({ length: 300 }, (_, i) => ({ left: 'hub', right: id(i), outcome: 'left' as const })),
  // 40 datapoints, each beating every later one: the order is total and every pair separates.
  tournament: () => Array.from({ length: 40 }, (_, i) => Array.from({ length: 39 - i }, (_, j) => ({ a: id(i), b: id(i + j + 1), aWins: 1, bWins: 0 }))).flat(),
  // Two cliques of 14, every pair met both ways, joined by one record of weight 0.01:
  // more pairs than 4 per datapoint, and no datapoint's four heaviest include the bridge.
  bridgedCliques: () => [
    ...[0, 14].flatMap((offset) =>
      Array.from({ length: 14 }, (_, i) => Array.from({ length: 13 - i }, (_, j) => ({ a: id(offset + i), b: id(offset + i + j + 1), aWins: 2, bWins: 1 }))).flat(),
    ),
    { left: id(0), right: id(14), outcome: 'left' as const, weight: 0.01 },
  ],
  // A chain whose pair weights alternate between 2^-10 and 2^20.
  stiffChain: () => Array.from({ length: 400 }, (_, i) => ({ a: id(i), b: id(i + 1), aWins: i % 2 === 0 ? 2 ** -10 : 2 ** 20, bWins: i % 2 === 0 ? 2 ** -11 : 2 ** 19 })),
  // A ring of 600 (a chain closed by one more pair), the last pair won both ways.
  ring: () => [...Array.from({ length: 599 }, (_, i) => ({ left: id(i), right: id(i + 1), outcome: i % 3 === 0 ? ('right' as const) : ('left' as const) })), { a: id(599), b: id(0), aWins: 1, bWins: 1 }],
  // 300 pairs that never met each other: 300 groups, each pinned by the prior alone.
  separatePairs: () => Array.from({ length: 300 }, (_, i) => ({ left: id(2 * i), right: id(2 * i + 1), outcome: 'left' as const })),
  // A chain of 200 plus 50 datapoints known only from weight-0 records.
  isolated: () => [
    ...Array.from({ length: 199 }, (_, i) => ({ left: id(i), right: id(i + 1), outcome: 'right' as const })),
    ...Array.from({ length: 50 }, (_, i) => ({ left: `lone${i}`, right: id(i), outcome: 'left' as const, weight: 0 })),
  ],
  // Every comparison a draw, on a chain: p = 1/2 throughout.
  drawnChain: () => Array.from({ length: 500 }, (_, i) => ({ left: id(i), right: id(i + 1), outcome: 'draw' as const })),
  // 300 datapoints and 450 random records: most of them only won or only lost, and under
  // prior 1e-12 their scores sit on plateaus flat to working precision.
  sparseRandom: () => {
    const rng = createRng('sparse random');
    return Array.from({ length: 450 }, () => {
      const i = Math.floor(rng() * 300);
      const j = (i + 1 + Math.floor(rng() * 299)) % 300;
      return { left: id(i), right: id(j), outcome: rng() < 0.5 ? ('left' as const) : ('right' as const) };
    });
  },
  // The same pair 5 000 times, hanging off a chain of 300.
  repeatedPair: () => [
    ...Array.from({ length: 5000 }, () => ({ left: 'x', right: 'y', outcome: 'left' as const })),
    ...Array.from({ length: 300 }, (_, i) => ({ left: i === 0 ? 'y' : id(i - 1), right: id(i), outcome: 'left' as const })),
  ],
};

// The left side always wins, so with the position effect γ is pinned by the prior alone.
const leftAlwaysWins = (): Comparison[] => Array.from({ length: 300 }, (_, i) => ({ left: id(i % 2 === 0 ? i : i + 1), right: id(i % 2 === 0 ? i + 1 : i), outcome: 'left' as const }));

/** Fits with either preconditioner (Jacobi's alone, the spanning tree from the start). */
function bothWays(records: Comparison[], options: BradleyTerryOptions) {
  const resolved = resolveBradleyTerryOptions(options);
  const model = buildModel(comparisonTableData(comparisonTable(records))!, resolved);
  const jacobi = new Float64Array(model.size);
  const tree = new Float64Array(model.size);
  return { model, byJacobi: maximise(model, jacobi, resolved, Infinity), byTree: maximise(model, tree, resolved, 0), jacobi, tree };
}

describe('hostile designs for the Bradley–Terry solver', () => {
  for (const [name, design] of [...Object.entries(DESIGNS), ['leftAlwaysWins', leftAlwaysWins] as const]) {
    for (const prior of [0.01, 1e-12]) {
      it(`${name}, prior ${prior}: converges to the same optimum with either preconditioner, each group centred`, () => {
        const options = { prior, positionEffect: name === 'leftAlwaysWins' };
        const fit = fitBradleyTerry(design(), options);
        expect(fit.converged).toBe(true);
        for (const entry of fit.entries) expect(Number.isFinite(entry.score) && Number.isFinite(entry.standardError)).toBe(true);
        if (fit.positionEffect !== null) expect(Number.isFinite(fit.positionEffect.score)).toBe(true);

        const { model, byJacobi, byTree, jacobi, tree } = bothWays(design(), options);
        expect(byJacobi.converged && byTree.converged).toBe(true);
        const objective = penalisedAt(model, jacobi);
        expect(Math.abs(penalisedAt(model, tree) - objective)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(objective)));
        const components = componentsOf(model);
        const sums = new Float64Array(components.count);
        for (let i = 0; i < model.n; i++) sums[components.index[i]!]! += tree[i]!;
        for (let c = 0; c < components.count; c++) expect(Math.abs(sums[c]! / components.size[c]!)).toBeLessThan(1e-9);
      });
    }
  }

  it('fits chains without a prior (a zero pivot at each root) as Jacobi does, and rings too', () => {
    const rng = createRng('no prior');
    const chain = Array.from({ length: 800 }, (_, i) => ({ a: id(i), b: id(i + 1), aWins: 1 + Math.floor(rng() * 3), bWins: 1 + Math.floor(rng() * 3) }));
    for (const records of [chain, [...chain, { a: id(800), b: id(0), aWins: 1, bWins: 2 }]]) {
      const { byJacobi, byTree, jacobi, tree } = bothWays(records, { prior: 0 });
      expect(byJacobi.converged && byTree.converged).toBe(true);
      for (let i = 0; i < jacobi.length; i++) expect(Math.abs(tree[i]! - jacobi[i]!)).toBeLessThan(1e-9);
      expect(fitBradleyTerry(records, { prior: 0 }).converged).toBe(true);
    }
  });
});
