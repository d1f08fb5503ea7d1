/**
 * The optimiser of the fit: Newton–Raphson on the concave penalised log-likelihood with
 * step halving (Nocedal & Wright, "Numerical Optimization", 2nd ed., 2006, §3.1 and
 * §7.1: inexact "truncated" Newton, each system solved by conjugate gradients).
 * @internal
 * @module
 */
import type { Model } from './bradleyTerryModel.js';
import type { ResolvedBradleyTerryOptions } from './bradleyTerryOptions.js';
import { centreComponents, componentsOf } from './componentCentring.js';
import {
  conjugateGradientScratch,
  jacobiPreconditioner,
  solveInformation,
  spanningTreePreconditioner,
  type Preconditioner,
} from './conjugateGradient.js';
import { emptyInformation, informationAt } from './informationMatrix.js';
import { penalisedAt } from './logLikelihood.js';
import { factorTreePreconditioner, treePreconditioner, type TreePreconditioner } from './spanningTreePreconditioner.js';

// Sufficient increase for the step-halving line search (Armijo's condition).
const ARMIJO_FRACTION = 1e-4;
const MAX_HALVINGS = 60;
// A predicted increase this small relative to |objective| is below rounding noise: the
// step is accepted without a test that could not tell it apart from zero.
const ROUNDING_NOISE = 1e-13;
// A gradient component within 1024 machine epsilons of the size of the terms it sums
// (plus their mean over the datapoints, which centring spreads to every component) is
// close to rounding noise: stalled fits measured 0.5–40 ε, and a slow climb out along
// separated pairs 1e5 ε and more.
const GRADIENT_NOISE = 1024 * Number.EPSILON;

/**
 * How many iterations Jacobi's preconditioner gets per Newton system. Random designs
 * need 5–60 under the default prior. Past it the design is sparse or weakly tied (a
 * chain, or separated datapoints under a weak prior), where Jacobi's can need thousands
 * (about n on a chain as the prior goes to 0), and the fit switches to the spanning-tree
 * preconditioner for good: a few iterations per system, for an O(n log n + pairs)
 * factorisation per Newton step. Until then the fit is the same, bit for bit, as with
 * Jacobi's alone.
 * @internal
 */
export const JACOBI_ITERATIONS = 100;

/** What {@link maximise} did. @internal */
export interface MaximiseOutcome {
  /** Newton steps taken (the last one included when it met the tolerance). */
  readonly iterations: number;
  /** Whether the steps fell below the tolerance, or to rounding noise (see {@link maximise}). */
  readonly converged: boolean;
  /** Conjugate-gradient iterations over all the Newton steps. */
  readonly solverIterations: number;
  /** Whether the fit moved to the spanning-tree preconditioner. */
  readonly spanningTree: boolean;
}

/**
 * Newton–Raphson with step halving, in place on `x` (θ then γ; θ must have mean zero).
 * θ stays mean-zero: the likelihood ignores a common shift, and with a prior the optimum
 * is mean-zero anyway (the likelihood's gradient sums to zero over θ, so the prior's
 * must too). Once the fit uses the spanning-tree preconditioner, θ is kept mean-zero
 * within each connected group of datapoints, as the optimum has it: there the solves
 * leave out the group-mean directions, on which the information is the prior alone and
 * as ill-conditioned as the prior is weak.
 *
 * It stops, converged, when the largest component of a step is below the tolerance, or
 * when the steps have stalled in rounding noise: a step more than half as large as the
 * one before, from a gradient that is zero but for rounding (each component within a
 * small multiple of the unit roundoff of the terms it sums); that step is not taken.
 * Newton's steps shrink quadratically near the optimum, so they stall only where the
 * information is so small that rounding noise in the gradient moves them by more than
 * the tolerance: when a very weak prior is all that pins some scores (datapoints that
 * only won or only lost, prior 1e-12) the objective is flat to working precision over
 * a range wider than the tolerance, and more steps would only wander through it. A
 * score that runs off to infinity (no prior) never stalls this way: its gradient stays
 * far above rounding.
 *
 * `jacobiIterations` is for the tests: 0 takes the spanning tree from the start,
 * Infinity never. Systems of 40 unknowns or fewer never switch: 2n + 20 iterations, the
 * solver's cap, are within Jacobi's allowance.
 * @internal
 */
export function maximise(model: Model, x: Float64Array, options: ResolvedBradleyTerryOptions, jacobiIterations = JACOBI_ITERATIONS): MaximiseOutcome {
  const size = model.size;
  const gradient = new Float64Array(size);
  const step = new Float64Array(size);
  const trial = new Float64Array(size);
  const scratch = conjugateGradientScratch(size);
  const information = emptyInformation(model);
  let preconditioner: Preconditioner = jacobiPreconditioner(model, information);
  let tree: TreePreconditioner | null = null;
  // In exact arithmetic CG ends within `size` steps; rounding can need a few more.
  const maxSteps = 2 * size + 20;
  let solverIterations = 0;
  const outcome = (iterations: number, converged: boolean): MaximiseOutcome => ({ iterations, converged, solverIterations, spanningTree: tree !== null });

  const gradientScale = new Float64Array(size);
  let previousLargest = Infinity;
  let objective = penalisedAt(model, x);
  for (let iteration = 1; iteration <= options.maxIterations; iteration++) {
    informationAt(model, x, gradient, information, gradientScale);
    if (tree === null) {
      preconditioner.centre(gradient);
      solverIterations += solveInformation(model, information, preconditioner, gradient, step, scratch, Math.min(maxSteps, jacobiIterations));
      if (!scratch.converged && jacobiIterations < maxSteps) {
        const components = componentsOf(model);
        tree = treePreconditioner(model, components);
        preconditioner = spanningTreePreconditioner(model, information, tree, components);
        if (components.count > 1) {
          centreComponents(x, components);
          objective = penalisedAt(model, x);
          informationAt(model, x, gradient, information, gradientScale);
        }
      }
    }
    if (tree !== null) {
      preconditioner.centre(gradient);
      factorTreePreconditioner(tree, information, model.prior);
      solverIterations += solveInformation(model, information, preconditioner, gradient, step, scratch, maxSteps);
    }

    let largest = 0;
    let slope = 0;
    for (let i = 0; i < size; i++) {
      largest = Math.max(largest, Math.abs(step[i]!));
      slope += gradient[i]! * step[i]!;
    }
    if (largest < options.tolerance) {
      for (let i = 0; i < size; i++) x[i]! += step[i]!;
      preconditioner.centre(x);
      return outcome(iteration, true);
    }
    if (largest > previousLargest / 2 && nearRoundingNoise(gradient, gradientScale, model.n)) return outcome(iteration, true);
    previousLargest = largest;

    let fraction = 1;
    let accepted = false;
    for (let halving = 0; halving <= MAX_HALVINGS; halving++) {
      for (let i = 0; i < size; i++) trial[i] = x[i]! + fraction * step[i]!;
      preconditioner.centre(trial);
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
    if (!accepted) return outcome(iteration, false);
  }
  return outcome(options.maxIterations, false);
}

// Whether every gradient component is close to rounding noise (see GRADIENT_NOISE).
function nearRoundingNoise(gradient: Float64Array, scale: Float64Array, n: number): boolean {
  let total = 0;
  for (let i = 0; i < n; i++) total += scale[i]!;
  const spread = total / n;
  for (let i = 0; i < gradient.length; i++) if (Math.abs(gradient[i]!) > GRADIENT_NOISE * (scale[i]! + spread)) return false;
  return true;
}
