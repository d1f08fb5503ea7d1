/**
 * The Newton systems H·step = gradient, solved by conjugate gradients with a Jacobi
 * preconditioner (Hestenes & Stiefel, J. Res. Nat. Bur. Standards 49(6), 1952; Saad,
 * "Iterative Methods for Sparse Linear Systems", 2nd ed., 2003, algorithm 9.1), using
 * only products with the information matrix: memory O(n + pairs), never n × n.
 * @internal
 * @module
 */
import type { Model } from './bradleyTerryModel.js';
import { dot } from './dotProducts.js';
import { informationTimes, type Information } from './informationMatrix.js';
import { projectMeanZero } from './projectMeanZero.js';

// Inexact Newton: each system is solved to this relative residual. With a residual η the
// iterates still converge linearly at rate about η (Dembo, Eisenstat & Steihaug, "Inexact
// Newton methods", SIAM J. Numer. Anal. 19(2), 1982), so 1e-8 costs at most a step more
// than exact solves, for a few more CG iterations each.
const CG_RELATIVE_TOLERANCE = 1e-8;

/** The work vectors of {@link solveInformation}, reused across Newton steps. @internal */
export interface ConjugateGradientScratch {
  readonly residual: Float64Array;
  readonly preconditioned: Float64Array;
  readonly direction: Float64Array;
  readonly product: Float64Array;
}

/** Zeroed work vectors for a system of `size` unknowns. O(size). @internal */
export function conjugateGradientScratch(size: number): ConjugateGradientScratch {
  return {
    residual: new Float64Array(size),
    preconditioned: new Float64Array(size),
    direction: new Float64Array(size),
    product: new Float64Array(size),
  };
}

/**
 * Solves H·solution = rhs by preconditioned conjugate gradients on the subspace where θ
 * has mean zero (H is singular along the all-ones θ direction when the prior is 0; rhs
 * is mean-zero, and projecting each preconditioned residual keeps every iterate there).
 * @internal
 */
export function solveInformation(model: Model, information: Information, rhs: Float64Array, solution: Float64Array, scratch: ConjugateGradientScratch): void {
  const { n, size } = model;
  const { residual, preconditioned, direction, product } = scratch;
  const diagonal = information.diagonal;
  solution.fill(0);
  residual.set(rhs);
  const rhsNorm = Math.sqrt(dot(rhs, 0, rhs, 0, size));
  if (rhsNorm === 0) return;
  const precondition = (): number => {
    for (let i = 0; i < size; i++) preconditioned[i] = residual[i]! / (diagonal[i]! > 0 ? diagonal[i]! : 1);
    projectMeanZero(preconditioned, n);
    return dot(residual, 0, preconditioned, 0, size);
  };
  let rho = precondition();
  direction.set(preconditioned);
  // In exact arithmetic CG ends within `size` steps; rounding can need a few more.
  const maxSteps = 2 * size + 20;
  for (let iteration = 0; iteration < maxSteps; iteration++) {
    informationTimes(model, information, direction, product);
    const curvature = dot(direction, 0, product, 0, size);
    if (!(curvature > 0)) break;
    const alpha = rho / curvature;
    for (let i = 0; i < size; i++) {
      solution[i]! += alpha * direction[i]!;
      residual[i]! -= alpha * product[i]!;
    }
    if (Math.sqrt(dot(residual, 0, residual, 0, size)) <= CG_RELATIVE_TOLERANCE * rhsNorm) break;
    const nextRho = precondition();
    const beta = nextRho / rho;
    rho = nextRho;
    for (let i = 0; i < size; i++) direction[i] = preconditioned[i]! + beta * direction[i]!;
  }
  projectMeanZero(solution, n);
}
