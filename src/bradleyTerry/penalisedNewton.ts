/**
 * The optimiser of the fit: Newton–Raphson on the concave penalised log-likelihood with
 * step halving (Nocedal & Wright, "Numerical Optimization", 2nd ed., 2006, §3.1 and
 * §7.1: inexact "truncated" Newton, each system solved by conjugate gradients).
 * @internal
 * @module
 */
import type { Model } from './bradleyTerryModel.js';
import type { ResolvedBradleyTerryOptions } from './bradleyTerryOptions.js';
import { conjugateGradientScratch, solveInformation } from './conjugateGradient.js';
import { emptyInformation, informationAt } from './informationMatrix.js';
import { penalisedAt } from './logLikelihood.js';
import { projectMeanZero } from './projectMeanZero.js';

// Sufficient increase for the step-halving line search (Armijo's condition).
const ARMIJO_FRACTION = 1e-4;
const MAX_HALVINGS = 60;
// A predicted increase this small relative to |objective| is below rounding noise: the
// step is accepted without a test that could not tell it apart from zero.
const ROUNDING_NOISE = 1e-13;

/**
 * Newton–Raphson with step halving, in place on `x` (θ then γ). θ stays mean-zero: the
 * likelihood ignores a common shift, and with a prior the optimum is mean-zero anyway
 * (the likelihood's gradient sums to zero over θ, so the prior's must too).
 * @internal
 */
export function maximise(model: Model, x: Float64Array, options: ResolvedBradleyTerryOptions): { iterations: number; converged: boolean } {
  const size = model.size;
  const gradient = new Float64Array(size);
  const step = new Float64Array(size);
  const trial = new Float64Array(size);
  const scratch = conjugateGradientScratch(size);
  const information = emptyInformation(model);
  let objective = penalisedAt(model, x);
  for (let iteration = 1; iteration <= options.maxIterations; iteration++) {
    informationAt(model, x, gradient, information);
    projectMeanZero(gradient, model.n);
    solveInformation(model, information, gradient, step, scratch);

    let largest = 0;
    let slope = 0;
    for (let i = 0; i < size; i++) {
      largest = Math.max(largest, Math.abs(step[i]!));
      slope += gradient[i]! * step[i]!;
    }
    if (largest < options.tolerance) {
      for (let i = 0; i < size; i++) x[i]! += step[i]!;
      projectMeanZero(x, model.n);
      return { iterations: iteration, converged: true };
    }

    let fraction = 1;
    let accepted = false;
    for (let halving = 0; halving <= MAX_HALVINGS; halving++) {
      for (let i = 0; i < size; i++) trial[i] = x[i]! + fraction * step[i]!;
      projectMeanZero(trial, model.n);
      const candidate = penalisedAt(model, trial);
      const predicted = fraction * slope;
      if (candidate >= objective + ARMIJO_FRACTION * predicted || predicted <= ROUNDING_NOISE * (1 + Math.abs(objective))) {
        x.set(trial);
        objective = candidate;
        accepted = true;
        break;
      }
      fraction /= 2;
    }
    if (!accepted) return { iterations: iteration, converged: false };
  }
  return { iterations: options.maxIterations, converged: false };
}
