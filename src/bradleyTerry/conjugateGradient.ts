/**
 * The Newton systems H·step = gradient, solved by preconditioned conjugate gradients
 * (Hestenes & Stiefel, J. Res. Nat. Bur. Standards 49(6), 1952; Saad, "Iterative Methods
 * for Sparse Linear Systems", 2nd ed., 2003, algorithm 9.1), using only products with
 * the information matrix: memory O(n + pairs), never n × n. Two preconditioners: Jacobi's
 * (the diagonal), cheap and enough for most designs, and a spanning tree of the
 * comparisons plus the diagonal (`spanningTreePreconditioner.ts`) for the sparse, weakly
 * tied ones on which Jacobi's needs thousands of iterations.
 * @internal
 * @module
 */
import type { Model } from './bradleyTerryModel.js';
import { centreComponents, type Components } from './componentCentring.js';
import { dot } from './dotProducts.js';
import { informationTimes, type Information } from './informationMatrix.js';
import { powerOfTwoBelow } from './powerOfTwoBelow.js';
import { projectMeanZero } from './projectMeanZero.js';
import { applyTreePreconditioner, type TreePreconditioner } from './spanningTreePreconditioner.js';

/**
 * Inexact Newton: each system is solved to this relative residual. With a residual η the
 * iterates still converge linearly at rate about η (Dembo, Eisenstat & Steihaug, "Inexact
 * Newton methods", SIAM J. Numer. Anal. 19(2), 1982), so 1e-8 costs at most a step more
 * than exact solves, for a few more CG iterations each.
 * @internal
 */
export const CG_RELATIVE_TOLERANCE = 1e-8;

/** Below this, a right-hand side's squares could underflow: 2^-256 squared is 2^-512. */
const TINY_RIGHT_HAND_SIDE = 2 ** -256;

/** The work vectors of {@link solveInformation}, reused across Newton steps. @internal */
export interface ConjugateGradientScratch {
  readonly residual: Float64Array;
  readonly preconditioned: Float64Array;
  readonly direction: Float64Array;
  readonly product: Float64Array;
  /** Whether the last solve reached the tolerance (or could go no further). */
  converged: boolean;
  /** Whether the last solve stopped because its arithmetic overflowed (pivots of 1e-319 under a prior of 5e-324): its step means nothing. */
  brokeDown: boolean;
}

/**
 * Zeroed work vectors for a system of `size` unknowns, from `allocate` (4 × `size`
 * doubles). O(size). @internal
 */
export function conjugateGradientScratch(size: number, allocate: (length: number) => Float64Array = (length) => new Float64Array(length)): ConjugateGradientScratch {
  return {
    residual: allocate(size),
    preconditioned: allocate(size),
    direction: allocate(size),
    product: allocate(size),
    converged: false,
    brokeDown: false,
  };
}

/**
 * A preconditioner M and the subspace the solves work in: `apply` sets z = M⁻¹r and
 * brings z back to the subspace with `centre`, which removes the directions on which H
 * is the prior alone (a common shift of θ, or of each connected group's θ).
 * @internal
 */
export interface Preconditioner {
  apply(r: Float64Array, z: Float64Array): void;
  centre(x: Float64Array): void;
}

/**
 * Jacobi's preconditioner, M = diag(H), on the subspace where θ has mean zero. Reads
 * `information` at each use, so one serves every Newton step. O(n) a use.
 * @internal
 */
export function jacobiPreconditioner(model: Model, information: Information): Preconditioner {
  return new JacobiPreconditioner(model.n, model.size, information.diagonal);
}

// The preconditioners are classes, not objects of closures: a closure made per fit is a new
// function each time, and the optimised solver that called one was thrown away once a
// collection freed it (the next fit of 100 000 records then ran in part unoptimised and
// recompiled: twice the time). A method of a class is one function for good.
class JacobiPreconditioner implements Preconditioner {
  constructor(
    private readonly n: number,
    private readonly size: number,
    private readonly diagonal: Float64Array,
  ) {}

  apply(r: Float64Array, z: Float64Array): void {
    const { size, diagonal } = this;
    for (let i = 0; i < size; i++) z[i] = r[i]! / (diagonal[i]! > 0 ? diagonal[i]! : 1);
    projectMeanZero(z, this.n);
  }

  centre(x: Float64Array): void {
    projectMeanZero(x, this.n);
  }
}

/**
 * The spanning-tree preconditioner for θ (factored for the current information by the
 * caller) and γ's diagonal entry, on the subspace where θ has mean zero within each
 * connected group. O(n) a use.
 * @internal
 */
export function spanningTreePreconditioner(model: Model, information: Information, tree: TreePreconditioner, components: Components): Preconditioner {
  return new SpanningTreePreconditioner(model.n, model.size, information.diagonal, tree, components);
}

class SpanningTreePreconditioner implements Preconditioner {
  constructor(
    private readonly n: number,
    private readonly size: number,
    private readonly diagonal: Float64Array,
    private readonly tree: TreePreconditioner,
    private readonly components: Components,
  ) {}

  apply(r: Float64Array, z: Float64Array): void {
    const { n, diagonal } = this;
    applyTreePreconditioner(this.tree, r, z);
    if (this.size > n) z[n] = r[n]! / (diagonal[n]! > 0 ? diagonal[n]! : 1);
    centreComponents(z, this.components);
  }

  centre(x: Float64Array): void {
    centreComponents(x, this.components);
  }
}

/**
 * Solves H·solution = rhs by preconditioned conjugate gradients, at most `maxSteps`
 * iterations, to `relativeTolerance` × |rhs| in the residual, on the subspace of
 * `preconditioner` (`rhs` must lie there; centring each preconditioned residual keeps
 * every iterate there, and H maps it to itself). Sets `scratch.converged` and
 * `scratch.brokeDown`, and returns the number of iterations (products with H, O(pairs)
 * each).
 * @internal
 */
export function solveInformation(
  model: Model,
  information: Information,
  preconditioner: Preconditioner,
  rhs: Float64Array,
  solution: Float64Array,
  scratch: ConjugateGradientScratch,
  maxSteps: number,
  relativeTolerance = CG_RELATIVE_TOLERANCE,
): number {
  const size = model.size;
  const { residual, preconditioned, direction, product } = scratch;
  solution.fill(0);
  residual.set(rhs);
  scratch.converged = true;
  scratch.brokeDown = false;
  // A right-hand side so small that its squares underflow (a gradient of terms like e^-700,
  // under a prior of 1e-300) is solved in units of a power of two: conjugate gradients are
  // linear in it, and the rescaling rounds nothing.
  let largest = 0;
  for (let i = 0; i < size; i++) largest = Math.max(largest, Math.abs(rhs[i]!));
  const unit = largest > 0 && largest < TINY_RIGHT_HAND_SIDE ? powerOfTwoBelow(largest) : 1;
  if (unit !== 1) for (let i = 0; i < size; i++) residual[i] = rhs[i]! / unit;
  const rhsNorm = Math.sqrt(dot(residual, 0, residual, 0, size));
  if (rhsNorm === 0) return 0;
  preconditioner.apply(residual, preconditioned);
  let rho = dot(residual, 0, preconditioned, 0, size);
  direction.set(preconditioned);
  let iteration = 0;
  for (;;) {
    if (iteration === maxSteps) {
      scratch.converged = false;
      break;
    }
    informationTimes(model, information, direction, product);
    iteration++;
    const curvature = dot(direction, 0, product, 0, size);
    if (!(curvature > 0)) {
      // A residual the preconditioner maps to nothing (ρ = 0) only means the solve can go no
      // further; a ρ that is not a finite number means its arithmetic overflowed.
      scratch.brokeDown = !Number.isFinite(rho);
      break;
    }
    const alpha = rho / curvature;
    for (let i = 0; i < size; i++) {
      solution[i]! += alpha * direction[i]!;
      residual[i]! -= alpha * product[i]!;
    }
    if (Math.sqrt(dot(residual, 0, residual, 0, size)) <= relativeTolerance * rhsNorm) break;
    preconditioner.apply(residual, preconditioned);
    const nextRho = dot(residual, 0, preconditioned, 0, size);
    const beta = nextRho / rho;
    rho = nextRho;
    for (let i = 0; i < size; i++) direction[i] = preconditioned[i]! + beta * direction[i]!;
  }
  if (unit !== 1) for (let i = 0; i < size; i++) solution[i] = solution[i]! * unit;
  preconditioner.centre(solution);
  return iteration;
}
