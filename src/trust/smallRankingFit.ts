/**
 * The penalised Bradley–Terry fit of one small ranking to soft wins per pair, by
 * Newton's method with a dense Cholesky solve: for the rankings of a few datapoints that
 * jobs hold by the thousand, where building a comparison table per ranking and EM step
 * would cost far more than the fit itself.
 *
 * It maximises Σₚ [aₚ log σ(θ_lo − θ_hi) + bₚ log σ(θ_hi − θ_lo)] − (λ/2)·Σθ², the same
 * objective as `fitBradleyTerry` with `prior` λ. The negative Hessian, λI plus the
 * pairs' weighted Laplacian, is positive definite, so each Newton step solves one
 * Cholesky system; a step that lowers the objective is halved.
 * @internal
 * @module
 */

/** Largest ranking fitted here; larger ones go to the library's sparse solver. @internal */
export const SMALL_RANKING = 64;

const MAX_STEPS = 100;
const STEP_TOLERANCE = 1e-10;
// A Cholesky pivot below this share of the largest diagonal entry counts as singular (a
// vanishing prior on a ranking whose pairs do not connect it): the caller falls back.
const PIVOT_SHARE = 1e-12;

function logSigmoid(x: number): number {
  return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/**
 * Fits θ of one ranking in place. `low[p]`, `high[p]` are local datapoint indices of pair
 * p, `lowWins[p]`, `highWins[p]` its soft wins. Returns false, leaving θ as it was, when
 * the Newton system is numerically singular. O(steps × (pairs + n³)).
 * @internal
 */
export function fitSmallRanking(
  theta: Float64Array,
  low: Int32Array,
  high: Int32Array,
  lowWins: ArrayLike<number>,
  highWins: ArrayLike<number>,
  prior: number,
): boolean {
  const n = theta.length;
  const pairs = low.length;
  const start = theta.slice();
  const gradient = new Float64Array(n);
  const matrix = new Float64Array(n * n);
  const step = new Float64Array(n);
  const trial = new Float64Array(n);
  const objective = (x: Float64Array): number => {
    let total = 0;
    for (let p = 0; p < pairs; p++) {
      const d = x[low[p]!]! - x[high[p]!]!;
      const a = lowWins[p]!;
      const b = highWins[p]!;
      if (a > 0) total += a * logSigmoid(d);
      if (b > 0) total += b * logSigmoid(-d);
    }
    for (let i = 0; i < n; i++) total -= (prior / 2) * x[i]! * x[i]!;
    return total;
  };
  let value = objective(theta);
  for (let iteration = 0; iteration < MAX_STEPS; iteration++) {
    matrix.fill(0);
    for (let i = 0; i < n; i++) {
      gradient[i] = -prior * theta[i]!;
      matrix[i * n + i] = prior;
    }
    for (let p = 0; p < pairs; p++) {
      const i = low[p]!;
      const j = high[p]!;
      const total = lowWins[p]! + highWins[p]!;
      const s = sigmoid(theta[i]! - theta[j]!);
      const residual = lowWins[p]! - total * s;
      gradient[i]! += residual;
      gradient[j]! -= residual;
      const curvature = total * s * (1 - s);
      matrix[i * n + i]! += curvature;
      matrix[j * n + j]! += curvature;
      matrix[i * n + j]! -= curvature;
      matrix[j * n + i]! -= curvature;
    }
    if (!choleskySolve(matrix, n, gradient, step)) {
      theta.set(start);
      return false;
    }
    let largest = 0;
    for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(step[i]!));
    // Halve until the objective does not drop (Newton's full step is right near the optimum).
    let scale = 1;
    let moved = false;
    for (let halvings = 0; halvings <= 30 && !moved; halvings++) {
      for (let i = 0; i < n; i++) trial[i] = theta[i]! + scale * step[i]!;
      const next = objective(trial);
      if (next >= value) {
        theta.set(trial);
        value = next;
        moved = true;
      } else {
        scale /= 2;
      }
    }
    if (!moved || largest * scale <= STEP_TOLERANCE) break;
  }
  return true;
}

// Solves M x = b for a symmetric positive definite M (row-major, overwritten by its
// Cholesky factor). False when a pivot is not clearly positive.
function choleskySolve(matrix: Float64Array, n: number, b: Float64Array, x: Float64Array): boolean {
  let largestDiagonal = 0;
  for (let i = 0; i < n; i++) largestDiagonal = Math.max(largestDiagonal, matrix[i * n + i]!);
  for (let j = 0; j < n; j++) {
    let pivot = matrix[j * n + j]!;
    for (let k = 0; k < j; k++) pivot -= matrix[j * n + k]! ** 2;
    if (!(pivot > PIVOT_SHARE * largestDiagonal)) return false;
    const root = Math.sqrt(pivot);
    matrix[j * n + j] = root;
    for (let i = j + 1; i < n; i++) {
      let sum = matrix[i * n + j]!;
      for (let k = 0; k < j; k++) sum -= matrix[i * n + k]! * matrix[j * n + k]!;
      matrix[i * n + j] = sum / root;
    }
  }
  // L y = b, then Lᵀ x = y.
  for (let i = 0; i < n; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= matrix[i * n + k]! * x[k]!;
    x[i] = sum / matrix[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = x[i]!;
    for (let k = i + 1; k < n; k++) sum -= matrix[k * n + i]! * x[k]!;
    x[i] = sum / matrix[i * n + i]!;
  }
  return true;
}
