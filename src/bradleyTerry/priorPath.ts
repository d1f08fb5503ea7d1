/**
 * The prior path: a weak prior's fit reached by following the optimum down from the
 * default prior, so that its cost does not grow with ln(1/prior).
 *
 * Why: where pairs are separated (a datapoint, or a group, that only won or only lost
 * against the rest) the score differences across them grow like ln(1/λ) as the prior λ
 * weakens, through as many levels of the "beats" order as the data has: at λ = 1e-12 a
 * sparse random design of 9 504 datapoints spans 645 nats. Those pairs' terms are
 * exponential in the difference, where Newton's quadratic model is right only within
 * about a nat, so from zero Newton gains about a nat per level and step (52 steps there,
 * against 10 at the default prior), and a line search or damping cannot change that.
 * Instead the optimum x(λ) is followed down from λ = 0.01 by factors of 100 (Allgower &
 * Georg, "Numerical Continuation Methods", 1990, ch. 2: an Euler predictor, Newton's
 * method as the corrector; as the warm starts along a path of penalties of Friedman,
 * Hastie & Tibshirani, "Regularization paths for generalized linear models via
 * coordinate descent", J. Stat. Softw. 33(1), 2010). The predictor is the tangent in
 * L = ln(1/λ): differentiating ∇ℓ(x) − λx = 0 gives dx/dL = λ·H⁻¹x, with H the
 * information at x, one linear system per stage. Along separated pairs x grows almost linearly in L, so the
 * tangent carries every level at once and lands within a few nats; the corrector's steps
 * run until they are under 0.7 nat, each system solved only to 1% (an inexact Newton
 * corrector: Dembo, Eisenstat & Steihaug 1982, cited in `conjugateGradient.ts`), with a
 * Gauss–Seidel–Newton sweep after each step (`coordinateSmoothing.ts`). At the target
 * the steps run to the fit's tolerance with the plain solves and stopping rules of every
 * fit, the sweeps only while the steps exceed a nat. Every stage measures rounding noise
 * relative to the objective and never takes a step that lowers it beyond that, nor one
 * from a solve that broke down (`penalisedNewton.ts`, `NewtonSettings.guardNoise`): under
 * priors of 1e-50 and weaker the stages would otherwise wander or stop on noise.
 *
 * On that design the fit takes 23 Newton steps over 6 priors, 2.3 times the default
 * prior's time; on a chain of 8 000, 16 steps against 45, faster than the default (whose
 * Jacobi solves need 70 iterations a step); `npm run bench:fit -- --weak-prior`.
 *
 * The path starts on the spanning-tree preconditioner (unless the fit keeps Jacobi's):
 * its weak priors need it on the sparse designs where they are slow, and switching on
 * the way would throw away a failed Jacobi solve.
 *
 * Without separated pairs the scores converge to the finite maximum-likelihood ones as
 * λ → 0, Newton from zero does not slow down, and the path is not taken.
 * @internal
 * @module
 */
import type { Model } from './bradleyTerryModel.js';
import type { ResolvedBradleyTerryOptions } from './bradleyTerryOptions.js';
import { CG_RELATIVE_TOLERANCE } from './conjugateGradient.js';
import { pairsByDatapoint } from './coordinateSmoothing.js';
import { informationAt } from './informationMatrix.js';
import { penalisedAt } from './logLikelihood.js';
import type { MaximiseOutcome, NewtonIterations, NewtonSettings } from './penalisedNewton.js';
import { hasSeparatedPairs } from './separatedPairs.js';

/** The first prior of the path: the default, where Newton from zero takes about 10 steps. */
const PATH_START = 0.01;
/** Each stage's prior is this fraction of the one before (L grows by ln 100 ≈ 4.6)… */
const PATH_RATIO = 0.01;
/** …down to this prior; then a fraction λ^(1/4) (L grows by a quarter), so that even 1e-300 takes 22 priors, not 150. */
const PATH_GROWTH_FROM = 1e-16;
const PATH_GROWTH = 0.25;
/** Halvings of the predictor before the stage starts where the last one ended. */
const MAX_PREDICTOR_HALVINGS = 10;
/** The path is taken for priors up to this: above, it saves little, and costs more than a warm start (the bootstrap's rounds) needs. */
const PATH_FROM = 1e-6;
/** The corrector's tolerance before the target, in nats: within Newton's quadratic convergence. */
const STAGE_TOLERANCE = 0.7;
/** The conjugate gradients' relative tolerance before the target. */
const STAGE_SOLVER_TOLERANCE = 0.01;
/** At the target, the sweeps stop once the steps are within a nat: the Newton steps finish alone. */
const SMOOTH_ABOVE_AT_TARGET = 1;

/**
 * Whether `model` is fitted along the prior path: its prior is 1e-6 or weaker, but not 0,
 * and some pair is separated ({@link hasSeparatedPairs}). O(datapoints + pairs).
 * @internal
 */
export function followsPriorPath(model: Model): boolean {
  return model.prior > 0 && model.prior <= PATH_FROM && hasSeparatedPairs(model);
}

/**
 * The priors of the path to a target prior: 0.01, 1e-4, 1e-6, … 1e-16, then each λ^(5/4)
 * of the one before, while more than 10 times the target; then the target. Along
 * separated pairs x grows like L = ln(1/λ) plus terms in ln L, so the tangent predicts as
 * well over a step in L that grows with L. O(log(1/target)) priors, at most 22.
 * @internal
 */
export function pathPriors(target: number): number[] {
  const priors: number[] = [];
  for (let prior = PATH_START; prior > 10 * target; prior *= prior > PATH_GROWTH_FROM ? PATH_RATIO : prior ** PATH_GROWTH) priors.push(prior);
  priors.push(target);
  return priors;
}

/**
 * Fits `newton`'s model along the prior path, in place on its iterate (a warm start is
 * kept: it is where the first stage starts). Every stage's steps count towards
 * `options.maxIterations`; if the stages before the target use them up, the fit reports
 * not converged. O((pairs + datapoints · log datapoints) × (steps + stages)).
 * @internal
 */
export function followPriorPath(newton: NewtonIterations, options: ResolvedBradleyTerryOptions): MaximiseOutcome {
  const { model, x, gradient, information } = newton;
  const pairsOf = pairsByDatapoint(model);
  const priors = pathPriors(model.prior);
  const stageSettings: NewtonSettings = { solverTolerance: STAGE_SOLVER_TOLERANCE, smoothing: pairsOf, smoothAbove: 0, guardNoise: true, forcing: false };
  const targetSettings: NewtonSettings = { solverTolerance: CG_RELATIVE_TOLERANCE, smoothing: pairsOf, smoothAbove: SMOOTH_ABOVE_AT_TARGET, guardNoise: true, forcing: false };
  newton.useSpanningTree();
  for (let s = 0; s + 1 < priors.length; s++) {
    const prior = priors[s]!;
    const stage: Model = { ...model, prior };
    newton.run(stage, STAGE_TOLERANCE, options.maxIterations - newton.iterations, stageSettings);
    if (newton.iterations >= options.maxIterations) return newton.outcome(false, s + 1);
    // The Euler predictor: x += ΔL·λ·H⁻¹x, with H at x under this stage's prior.
    do {
      informationAt(stage, x, gradient, information);
      for (let i = 0; i < model.size; i++) gradient[i] = prior * x[i]!;
    } while (!newton.solve(stage, gradient, STAGE_SOLVER_TOLERANCE));
    predict(newton, { ...model, prior: priors[s + 1]! }, Math.log(prior / priors[s + 1]!));
  }
  return newton.outcome(newton.run(model, options.tolerance, options.maxIterations - newton.iterations, targetSettings), priors.length);
}

// x += rise·step, halved until it raises the next stage's objective (a solve to 1% can put
// rounding noise times 1/λ along the directions H holds only by the prior), or not at all.
function predict(newton: NewtonIterations, next: Model, rise: number): void {
  const { x, step, gradient: trial } = newton;
  const start = penalisedAt(next, x);
  let fraction = rise;
  for (let halving = 0; halving <= MAX_PREDICTOR_HALVINGS; halving++) {
    for (let i = 0; i < x.length; i++) trial[i] = x[i]! + fraction * step[i]!;
    newton.centre(trial);
    if (penalisedAt(next, trial) >= start) {
      x.set(trial);
      return;
    }
    fraction /= 2;
  }
}
