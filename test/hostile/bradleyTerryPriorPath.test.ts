// Extreme priors for the Bradley–Terry fit, down to the smallest positive double: on
// designs where every pair, or many, are separated, a prior λ sets score differences of
// about ln(1/λ) nats per level of the "beats" order (690 nats at 1e-300). The fit must
// either converge to the optimum or say that it did not; it must never report
// `converged: true` away from it. Before the prior path (src/bradleyTerry/priorPath.ts)
// the chain below stopped, not converged, at priors 1e-50 to 1e-300, and at 5e-324
// reported converged after one step with every score still 0 (penalised log-likelihood
// −207 where the optimum's is about −1e-310); the sparse design likewise at 5e-324; the
// pair and the star ran out of their 100 steps from 1e-50 on. Converged is checked here
// as: every gradient component within 1e-6 of the size of the terms it sums (zero at
// the optimum; the solver stops on plateaus flat to working precision far below that).
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/bradleyTerry/bradleyTerryModel.js';
import { comparisonTable } from '../../src/bradleyTerry/comparisonTable.js';
import { comparisonTableData } from '../../src/bradleyTerry/comparisonTableData.js';
import type { Comparison } from '../../src/bradleyTerry/comparisonTypes.js';
import { fitBradleyTerry, resolveBradleyTerryOptions } from '../../src/bradleyTerry/fitBradleyTerry.js';
import { emptyInformation, informationAt } from '../../src/bradleyTerry/informationMatrix.js';
import { maximise } from '../../src/bradleyTerry/penalisedNewton.js';
import { createRng } from '../../src/rng/createRng.js';

const id = (i: number): string => `d${i}`;

const DESIGNS: Record<string, () => Comparison[]> = {
  // One game: the two scores are ±a with σ(−2a) = λa.
  pair: () => [{ left: 'a', right: 'b', outcome: 'left' }],
  // A hub that beat 200 leaves once each.
  star: () => Array.from({ length: 200 }, (_, i) => ({ left: 'hub', right: id(i), outcome: 'left' as const })),
  // A chain of 300, one record per pair: 299 levels apart at most.
  chain: () => {
    const rng = createRng('extreme chain');
    return Array.from({ length: 299 }, (_, i) => ({ left: id(i), right: id(i + 1), outcome: rng() < 0.6 ? ('left' as const) : ('right' as const) }));
  },
  // 30 datapoints, each beating every later one.
  tournament: () => Array.from({ length: 30 }, (_, i) => Array.from({ length: 29 - i }, (_, j) => ({ a: id(i), b: id(i + j + 1), aWins: 1, bWins: 0 }))).flat(),
  // 200 datapoints and 300 random records: separated levels and plateaus, and groups.
  sparse: () => {
    const rng = createRng('extreme sparse');
    return Array.from({ length: 300 }, () => {
      const i = Math.floor(rng() * 200);
      const j = (i + 1 + Math.floor(rng() * 199)) % 200;
      return { left: id(i), right: id(j), outcome: rng() < 0.5 ? ('left' as const) : ('right' as const) };
    });
  },
};

const PRIORS = [1e-4, 1e-12, 1e-20, 1e-50, 1e-100, 1e-200, 1e-300, 5e-324];

// Largest |gradient| over the size of the terms it sums (their mean over the datapoints added, as the solver does).
function relativeGradient(comparisons: Comparison[], prior: number, x: Float64Array): number {
  const model = buildModel(comparisonTableData(comparisonTable(comparisons))!, resolveBradleyTerryOptions({ prior }));
  const gradient = new Float64Array(model.size);
  const scale = new Float64Array(model.size);
  informationAt(model, x, gradient, emptyInformation(model), scale);
  const spread = scale.reduce((sum, value) => sum + value, 0) / model.n;
  let worst = 0;
  for (let i = 0; i < model.n; i++) worst = Math.max(worst, Math.abs(gradient[i]!) / (scale[i]! + spread));
  return worst;
}

describe('hostile priors for the Bradley–Terry fit: right, or not converged', () => {
  for (const [name, design] of Object.entries(DESIGNS)) {
    it(`${name}: finite results at priors ${PRIORS.join(', ')}, and converged only at the optimum`, () => {
      for (const prior of PRIORS) {
        const comparisons = design();
        const fit = fitBradleyTerry(comparisons, { prior });
        for (const entry of fit.entries) expect(Number.isFinite(entry.score) && Number.isFinite(entry.standardError), `${name} at ${prior}`).toBe(true);
        expect(Number.isFinite(fit.penalizedLogLikelihood)).toBe(true);
        const options = resolveBradleyTerryOptions({ prior });
        const model = buildModel(comparisonTableData(comparisonTable(comparisons))!, options);
        const x = new Float64Array(model.size);
        const outcome = maximise(model, x, options);
        expect(outcome.converged).toBe(fit.converged);
        if (!outcome.converged) continue;
        // At the optimum the gradient is zero; where a weak prior leaves the objective flat to
        // working precision, the solver stops on rounding noise, far below 1e-6 of the terms.
        expect(relativeGradient(comparisons, prior, x), `${name} at ${prior}`).toBeLessThan(1e-6);
      }
    });
  }

  it('the pair and the star converge, to their exact optimum, down to 1e-100', () => {
    const logSigmoid = (z: number): number => Math.min(z, 0) - Math.log1p(Math.exp(-Math.abs(z)));
    for (const prior of [1e-20, 1e-50, 1e-100]) {
      // The pair: σ(−2a) = λa, by bisection on the logs of both sides.
      let low = 0;
      let high = 1000;
      for (let step = 0; step < 200; step++) {
        const a = (low + high) / 2;
        if (logSigmoid(-2 * a) > Math.log(prior * a)) low = a;
        else high = a;
      }
      const fit = fitBradleyTerry(DESIGNS['pair']!(), { prior });
      expect(fit.converged).toBe(true);
      expect(Math.abs(fit.entries[0]!.theta - (low + high) / 2)).toBeLessThan(1e-9 * (1 + low));
      expect(fitBradleyTerry(DESIGNS['star']!(), { prior }).converged).toBe(true);
    }
  });
});
