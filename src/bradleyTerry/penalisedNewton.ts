/**
 * The optimiser of the fit: Newton–Raphson on the concave penalised log-likelihood with
 * step halving (Nocedal & Wright, "Numerical Optimization", 2nd ed., 2006, §3.1 and
 * §7.1: inexact "truncated" Newton, each system solved by conjugate gradients). Under a
 * weak prior on data with separated pairs it follows the prior down from 0.01 instead of
 * starting at the target (`priorPath.ts`).
 * @internal
 * @module
 */
import type { Model } from './bradleyTerryModel.js';
import type { ResolvedBradleyTerryOptions } from './bradleyTerryOptions.js';
import { centreComponents, componentsOf } from './componentCentring.js';
import {
  CG_RELATIVE_TOLERANCE,
  conjugateGradientScratch,
  jacobiPreconditioner,
  solveInformation,
  spanningTreePreconditioner,
  type ConjugateGradientScratch,
  type Preconditioner,
} from './conjugateGradient.js';
import { smoothStrengths, type PairsByDatapoint } from './coordinateSmoothing.js';
import { dot } from './dotProducts.js';
import { float64Arena } from './float64Arena.js';
import { emptyInformation, evaluateAt, gamesPerDatapoint, gradientScaleAt, informationAt, informationLength, type Information } from './informationMatrix.js';
import { penalisedAt } from './logLikelihood.js';
import { followPriorPath, followsPriorPath } from './priorPath.js';
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
// A last step at most this long (the default tolerance) leaves the log-likelihood to first
// order and the information from before it (NewtonIterations.endedOnStep); a longer one,
// under a looser tolerance, does not: at 0.5 the log-likelihood was off by 2.5e-4 relative.
const FIRST_ORDER_STEP = 1e-10;

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
  /** Newton steps taken, over every prior of the path (the last one included when it met the tolerance). */
  readonly iterations: number;
  /** Whether the steps fell below the tolerance, or to rounding noise (see {@link maximise}). */
  readonly converged: boolean;
  /** Conjugate-gradient iterations over all the Newton steps (and the path's tangents). */
  readonly solverIterations: number;
  /** Whether the fit moved to the spanning-tree preconditioner. */
  readonly spanningTree: boolean;
  /** The priors solved for: 1 without the prior path, else the path's stages and the target. */
  readonly priors: number;
  /** The arrays the information matrix was kept in, free for the caller to fill again (O(pairs) of them). */
  readonly information: Information;
  /** A work vector of the model's size, free for the caller. */
  readonly spare: Float64Array;
  /** See {@link NewtonIterations.endedOnStep}. */
  readonly endedOnStep: { readonly logLikelihood: number } | null;
}

/**
 * How a run of Newton steps solves its systems and what it does after each step: the
 * plain fit solves every system to {@link CG_RELATIVE_TOLERANCE} and does nothing more.
 * @internal
 */
export interface NewtonSettings {
  /** The conjugate gradients' relative tolerance. */
  readonly solverTolerance: number;
  /** With the datapoints' pairs: a Gauss–Seidel–Newton sweep after each step whose largest component exceeds `smoothAbove`. */
  readonly smoothing: PairsByDatapoint | null;
  /** See `smoothing`. */
  readonly smoothAbove: number;
  /**
   * Whether rounding noise is measured relative to |objective| alone, a step whose
   * predicted increase is below it must also not lower the objective by more than it,
   * and a system whose solve broke down ends the run, converged only if the gradient is
   * rounding noise (as when no step can be accepted). The plain fit takes
   * 1e-13 × (1 + |objective|), accepts such a step whatever it does, and takes any step:
   * under priors of 1e-20 and weaker, where H is singular to working precision along the
   * directions the prior alone holds, such a step can be thousands of nats of noise;
   * when every term is tiny (a pair 700 nats apart under a prior of 1e-300) the absolute
   * 1e-13 would accept any step at all; and under a subnormal prior the solve overflows
   * and returns a zero step, which would read as convergence.
   */
  readonly guardNoise: boolean;
  /**
   * Whether a system may be solved more loosely while the gradient is still large: to
   * min({@link MAX_FORCING}, ‖g‖ / ‖g₀‖) of its right-hand side (g₀ the run's first
   * gradient), never tighter than `solverTolerance`. Far from the maximum a rough
   * direction does as well as an exact one; near it the tolerance shrinks with the
   * gradient, which keeps the convergence superlinear (Dembo, Eisenstat & Steihaug,
   * "Inexact Newton methods", SIAM J. Numer. Anal. 19(2), 1982; Nocedal & Wright §7.1):
   * a random design's fit needs a third of the conjugate-gradient iterations, and the
   * last steps, on which convergence is judged, are solved as tightly as before.
   */
  readonly forcing: boolean;
}

/** The loosest relative tolerance a forcing run solves a Newton system to. @internal */
export const MAX_FORCING = 0.1;

// The vectors of `size` one fit's Newton iterations keep: eight of their own, four of the
// conjugate gradients'; all of them and the information matrix share one buffer.
const WORK_VECTORS = 12;

/**
 * How many doubles the work vectors and the information matrix of one fit's Newton
 * iterations take (O(n + pairs)): what {@link maximise} takes from its `allocate`.
 * @internal
 */
export function newtonWorkLength(model: Model): number {
  return WORK_VECTORS * model.size + informationLength(model);
}

const PLAIN: NewtonSettings = { solverTolerance: CG_RELATIVE_TOLERANCE, smoothing: null, smoothAbove: Infinity, guardNoise: false, forcing: true };
const PLAIN_TIGHT: NewtonSettings = { ...PLAIN, forcing: false };

/**
 * The state of one fit's Newton iterations, kept across the priors of the path: the work
 * vectors, the information matrix, the preconditioner (Jacobi's, then perhaps for good the
 * spanning tree) and the counts.
 * @internal
 */
export class NewtonIterations {
  readonly model: Model;
  /** The iterate, θ then γ, updated in place. */
  readonly x: Float64Array;
  /** The gradient at the iterate, or the right-hand side a caller puts there for {@link solve}. */
  readonly gradient: Float64Array;
  /** The solution of the last {@link solve}. */
  readonly step: Float64Array;
  /** The information matrix the solves use, filled by the caller (`informationAt`). */
  readonly information: Information;
  /** A vector of `size` the iterations never touch, for the caller (the final gradient). */
  readonly spare: Float64Array;
  /**
   * Set when the last run, of the model itself (not a stage of the prior path, whose prior
   * differs), ended on a step below its tolerance and below {@link FIRST_ORDER_STEP}: the
   * information matrix then holds H at the point before that step (so close to x that it
   * is as good as H at x for the standard errors), and `logLikelihood` is the
   * log-likelihood at x. Null otherwise: the caller evaluates both at x.
   */
  endedOnStep: { readonly logLikelihood: number } | null = null;
  /** Newton steps so far, over every prior. */
  iterations = 0;
  /** Conjugate-gradient iterations so far. */
  solverIterations = 0;
  private readonly trial: Float64Array;
  private readonly trialGradient: Float64Array;
  private readonly saved: Float64Array;
  private readonly gradientScale: Float64Array;
  private readonly scratch: ConjugateGradientScratch;
  private readonly jacobiIterations: number;
  private readonly maxSteps: number;
  private preconditioner: Preconditioner;
  private tree: TreePreconditioner | null = null;
  // The games' weights per datapoint (gamesPerDatapoint), counted when first needed.
  private readonly games: Float64Array;
  private gamesCounted = false;

  /** `allocate` hands out the work vectors, {@link newtonWorkLength} doubles (from a new buffer by default). */
  constructor(model: Model, x: Float64Array, jacobiIterations: number, allocate = float64Arena(newtonWorkLength(model))) {
    const size = model.size;
    this.model = model;
    this.x = x;
    this.gradient = allocate(size);
    this.step = allocate(size);
    this.trial = allocate(size);
    this.trialGradient = allocate(size);
    this.saved = allocate(size);
    this.gradientScale = allocate(size);
    this.spare = allocate(size);
    this.games = allocate(size);
    this.scratch = conjugateGradientScratch(size, allocate);
    this.information = emptyInformation(model, allocate);
    this.preconditioner = jacobiPreconditioner(model, this.information);
    this.jacobiIterations = jacobiIterations;
    // In exact arithmetic CG ends within `size` steps; rounding can need a few more.
    this.maxSteps = 2 * size + 20;
  }

  /**
   * Moves to the spanning-tree preconditioner now, unless the fit is to keep Jacobi's
   * (`jacobiIterations` Infinity): for the prior path, whose weak priors need it on the
   * sparse designs that make them slow. Centres the iterate per connected group.
   */
  useSpanningTree(): void {
    if (this.tree !== null || this.jacobiIterations >= this.maxSteps) return;
    const components = componentsOf(this.model);
    this.tree = treePreconditioner(this.model, components);
    this.preconditioner = spanningTreePreconditioner(this.model, this.information, this.tree, components);
    if (components.count > 1) centreComponents(this.x, components);
  }

  /** Projects `v` onto the subspace the solves work in (θ mean-zero overall, or per connected group on the tree). */
  centre(v: Float64Array): void {
    this.preconditioner.centre(v);
  }

  /**
   * Solves H·step = rhs for the information already at `this.information`, which is that of
   * `stage` (whose prior H includes), to `tolerance`. When Jacobi's preconditioner gives up
   * and the fit moves to the spanning tree with more than one connected group, it returns
   * false without a step: the iterate has been centred per group, so the caller recomputes
   * the information and the right-hand side at it and solves again.
   */
  solve(stage: Model, rhs: Float64Array, tolerance: number): boolean {
    const { information, scratch } = this;
    if (this.tree === null) {
      this.preconditioner.centre(rhs);
      this.solverIterations += solveInformation(stage, information, this.preconditioner, rhs, this.step, scratch, Math.min(this.maxSteps, this.jacobiIterations), tolerance);
      if (scratch.converged || this.jacobiIterations >= this.maxSteps) return true;
      const components = componentsOf(this.model);
      this.tree = treePreconditioner(this.model, components);
      this.preconditioner = spanningTreePreconditioner(this.model, information, this.tree, components);
      if (components.count > 1) {
        centreComponents(this.x, components);
        return false;
      }
    }
    this.preconditioner.centre(rhs);
    factorTreePreconditioner(this.tree, information, stage.prior);
    this.solverIterations += solveInformation(stage, information, this.preconditioner, rhs, this.step, scratch, this.maxSteps, tolerance);
    return true;
  }

  /**
   * Newton–Raphson with step halving for `stage` (the model, or the model under another
   * prior), in place on {@link x}, at most `maxIterations` steps; see {@link maximise} for
   * when it stops. Returns whether it converged.
   */
  run(stage: Model, tolerance: number, maxIterations: number, settings: NewtonSettings = PLAIN): boolean {
    const { x, gradient, step, trial, trialGradient, information } = this;
    const size = stage.size;
    const { solverTolerance } = settings;
    let previousLargest = Infinity;
    let firstNorm = 0;
    this.endedOnStep = null;
    // The objective, the information and the gradient at a point come from one pass over
    // the pairs, and a trial the line search accepts brings them along: one pass a step.
    let objective = this.evaluate(stage, x, gradient);
    let current = true;
    for (let iteration = 1; iteration <= maxIterations; iteration++) {
      this.iterations++;
      if (!current) informationAt(stage, x, gradient, information);
      current = false;
      let solveTolerance = solverTolerance;
      if (settings.forcing) {
        const norm = Math.sqrt(dot(gradient, 0, gradient, 0, size));
        if (iteration === 1) firstNorm = norm;
        if (firstNorm > 0) solveTolerance = Math.max(solverTolerance, Math.min(MAX_FORCING, norm / firstNorm));
      }
      if (!this.solve(stage, gradient, solveTolerance)) {
        objective = this.evaluate(stage, x, gradient);
        this.solve(stage, gradient, solveTolerance);
      }
      // Under the guard a broken-down solve, or a step no halving can make acceptable, ends
      // the run: converged if the gradient is rounding noise (a plateau), else not.
      if (settings.guardNoise && this.scratch.brokeDown) return this.nearRoundingNoise(stage);

      let largest = 0;
      let slope = 0;
      for (let i = 0; i < size; i++) {
        largest = Math.max(largest, Math.abs(step[i]!));
        slope += gradient[i]! * step[i]!;
      }
      if (largest < tolerance) {
        for (let i = 0; i < size; i++) x[i]! += step[i]!;
        this.preconditioner.centre(x);
        // The log-likelihood at the new x to first order: the step is at most
        // FIRST_ORDER_STEP, so the second-order term ½ sᵀHs is below 1e-20 per game.
        if (stage === this.model && largest <= FIRST_ORDER_STEP) {
          let squares = 0;
          for (let i = 0; i < size; i++) squares += x[i]! * x[i]!;
          this.endedOnStep = { logLikelihood: objective + slope + (stage.prior / 2) * squares };
        }
        return true;
      }
      if (largest > previousLargest / 2 && this.nearRoundingNoise(stage)) return true;
      previousLargest = largest;

      let fraction = 1;
      let accepted = false;
      for (let halving = 0; halving <= MAX_HALVINGS; halving++) {
        for (let i = 0; i < size; i++) trial[i] = x[i]! + fraction * step[i]!;
        this.preconditioner.centre(trial);
        // The information at the trial overwrites x's, which the solve has used already.
        const candidate = this.evaluate(stage, trial, trialGradient);
        const predicted = fraction * slope;
        const noise = ROUNDING_NOISE * ((settings.guardNoise ? 0 : 1) + Math.abs(objective));
        if (candidate >= objective + ARMIJO_FRACTION * predicted || (predicted <= noise && !(settings.guardNoise && candidate < objective - noise))) {
          x.set(trial);
          gradient.set(trialGradient);
          objective = candidate;
          accepted = true;
          current = true;
          break;
        }
        fraction /= 2;
      }
      if (!accepted) return settings.guardNoise && this.nearRoundingNoise(stage);
      if (settings.smoothing !== null && largest > settings.smoothAbove) {
        objective = this.smooth(stage, settings.smoothing, objective);
        current = false;
      }
    }
    return false;
  }

  // The penalised objective at `point` (penalisedAt), with the information there (into
  // `information`) and the gradient (into `gradientAt`) from the same pass.
  private evaluate(stage: Model, point: Float64Array, gradientAt: Float64Array): number {
    const logLikelihood = evaluateAt(stage, point, gradientAt, this.information, true);
    let squares = 0;
    for (let i = 0; i < stage.size; i++) squares += point[i]! * point[i]!;
    return logLikelihood - (stage.prior / 2) * squares;
  }

  // Whether the gradient at x is rounding noise (see GRADIENT_NOISE), with the size of its
  // terms measured now. The steps of a plain fit shrink by less than half twice or so on
  // the way, where the gradient is far above noise: a bound from the games' weights (each
  // term s·q + f·p is at most s + f) says so without the pass over the pairs.
  private nearRoundingNoise(stage: Model): boolean {
    const { x, gradient, gradientScale } = this;
    const games = this.gamesCounted ? this.games : gamesPerDatapoint(stage, this.games);
    this.gamesCounted = true;
    for (let i = 0; i < stage.size; i++) gradientScale[i] = games[i]! + stage.prior * Math.abs(x[i]!);
    if (!nearRoundingNoise(gradient, gradientScale, stage.n, 2)) return false;
    gradientScaleAt(stage, x, gradientScale);
    return nearRoundingNoise(gradient, gradientScale, stage.n);
  }

  // A Gauss–Seidel–Newton sweep, kept only if it raised the objective; returns the objective.
  private smooth(stage: Model, pairsOf: PairsByDatapoint, objective: number): number {
    const { x, saved } = this;
    saved.set(x);
    if (smoothStrengths(stage, x, pairsOf) === 0) return objective;
    this.preconditioner.centre(x);
    const smoothed = penalisedAt(stage, x);
    if (smoothed > objective) return smoothed;
    x.set(saved);
    return objective;
  }

  /** The outcome after solving for `priors` priors. */
  outcome(converged: boolean, priors: number): MaximiseOutcome {
    return {
      iterations: this.iterations,
      converged,
      solverIterations: this.solverIterations,
      spanningTree: this.tree !== null,
      priors,
      information: this.information,
      spare: this.spare,
      endedOnStep: this.endedOnStep,
    };
  }
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
 * A prior of 1e-6 or weaker on data with separated pairs takes the prior path
 * (`priorPath.ts`): the same optimum, to the tolerance, in a number of steps that does
 * not grow with ln(1/prior). Every other fit is the plain iteration, bit for bit.
 *
 * `jacobiIterations` is for the tests: 0 takes the spanning tree from the start,
 * Infinity never. Systems of 40 unknowns or fewer never switch: 2n + 20 iterations, the
 * solver's cap, are within Jacobi's allowance. `priorPath` false is for the tests too:
 * the plain iteration whatever the prior. `allocate`, when given, hands out the work
 * vectors ({@link newtonWorkLength} doubles), as from a buffer the caller shares.
 * `forcing` false solves every system of the plain iteration to the solver's tolerance
 * (see {@link NewtonSettings.forcing}).
 * @internal
 */
export function maximise(
  model: Model,
  x: Float64Array,
  options: ResolvedBradleyTerryOptions,
  jacobiIterations = JACOBI_ITERATIONS,
  priorPath = true,
  allocate?: (length: number) => Float64Array,
  forcing = true,
): MaximiseOutcome {
  const newton = new NewtonIterations(model, x, jacobiIterations, allocate);
  if (priorPath && followsPriorPath(model)) return followPriorPath(newton, options);
  return newton.outcome(newton.run(model, options.tolerance, options.maxIterations, forcing ? PLAIN : PLAIN_TIGHT), 1);
}

// Whether every gradient component is within `margin` times rounding noise (see GRADIENT_NOISE).
function nearRoundingNoise(gradient: Float64Array, scale: Float64Array, n: number, margin = 1): boolean {
  let total = 0;
  for (let i = 0; i < n; i++) total += scale[i]!;
  const spread = total / n;
  for (let i = 0; i < gradient.length; i++) if (Math.abs(gradient[i]!) > margin * GRADIENT_NOISE * (scale[i]! + spread)) return false;
  return true;
}
