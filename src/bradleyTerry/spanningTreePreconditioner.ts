/**
 * The preconditioner of the Newton systems: the information's θ block H = L + λI (L the
 * Laplacian of the comparison graph weighted by n·p·(1 − p), λ the prior) approximated
 * by M = L_T + D + λI, where L_T is the Laplacian of a heavy spanning forest T of the
 * graph and D the diagonal of the pairs left out of T. M agrees with H on T's pairs and on
 * the whole diagonal, and it is tree-shaped, so M⁻¹r costs O(n) by eliminating leaves
 * first, with no fill.
 *
 * Why: with Jacobi's M = diag(H), conjugate gradients need about √κ iterations, and
 * κ(diag(H)⁻¹H) grows like n² on a chain as λ → 0: thousands of iterations per Newton
 * step. A maximum-weight spanning tree is Vaidya's preconditioner (Vaidya, "Solving
 * linear equations with symmetric diagonally dominant matrices by constructing good
 * preconditioners", unpublished manuscript, 1991; analysed in Bern, Gilbert, Hendrickson,
 * Nguyen & Toledo, "Support-graph preconditioners", SIAM J. Matrix Anal. Appl. 27(4),
 * 2006): the tree carries the long, weakly tied paths that make H ill-conditioned, and
 * on a tree (a chain) M = H, so one iteration solves the system whatever λ. A tree alone
 * approximates a dense design poorly; with the left-out pairs on the diagonal, M is never
 * far from Jacobi's there: diag(H) − A_T ≤ 2·diag(H) and H ≤ 2M (a Laplacian is at most
 * twice its diagonal), so κ(M⁻¹H) ≤ 4·κ(diag(H)⁻¹H). The one direction on which H
 * depends on λ alone, each connected group's constant vector, M maps to λ times itself
 * too, and the conjugate gradients stay off it (`componentCentring.ts`).
 *
 * The factor is computed in "excess" form: each vertex carries the amount by which its
 * diagonal exceeds the weights to its uneliminated neighbours, so pivots are sums of
 * positive terms and never differences that cancel as λ → 0 (the device of Grassmann,
 * Taksar & Heyman, "Regenerative analysis and steady state distributions for Markov
 * chains", Oper. Res. 33(5), 1985). The starting excess, λ plus the pairs left out of T,
 * is λ exactly at a vertex whose pairs are all in T, and otherwise H's diagonal less T's
 * pairs, at least λ: a rounding error there only makes M a slightly different positive
 * definite matrix.
 * @internal
 * @module
 */
import type { Model } from './bradleyTerryModel.js';
import { winColumns, type Components } from './componentCentring.js';
import { played } from './connectedGroups.js';
import type { Information } from './informationMatrix.js';
import { maximumSpanningForest, spanningForest, type SpanningForest } from './maximumSpanningForest.js';

/** The factor of M, rebuilt at each Newton step in arrays kept for the whole fit. @internal */
export interface TreePreconditioner {
  readonly n: number;
  readonly low: Int32Array;
  readonly high: Int32Array;
  readonly components: number;
  readonly forest: SpanningForest;
  /** Per vertex, how many pairs with games it has, and how many of them are outside the forest. */
  readonly degree: Int32Array;
  readonly outside: Int32Array;
  /** Per vertex, its diagonal's excess over its uneliminated neighbours' weights. */
  readonly excess: Float64Array;
  /** The forest's adjacency in compressed rows. */
  readonly offsets: Int32Array;
  readonly neighbours: Int32Array;
  /** Per vertex, its position in `order`, or −1 before it is reached. */
  readonly position: Int32Array;
  /** The vertices breadth first from each tree's root: a parent before its children. */
  readonly order: Int32Array;
  /** By position in `order`: the parent's position (−1 at a root), the weight of the pair
   * to it, up / pivot (the elimination's multiplier) and 1 / pivot (0 for a zero pivot, a
   * root of a tree with neither prior nor pairs outside the forest). */
  readonly parentAt: Int32Array;
  readonly upAt: Float64Array;
  readonly multiplierAt: Float64Array;
  readonly inversePivotAt: Float64Array;
  /** The right-hand side and solution by position, while applying. */
  readonly work: Float64Array;
}

/**
 * Arrays for the preconditioner of `model`'s θ block, whose connected groups are
 * `components`. O(n + pairs).
 * @internal
 */
export function treePreconditioner(model: Model, components: Components): TreePreconditioner {
  const { n, low, high } = model;
  const degree = new Int32Array(n);
  // No closure over the groups here: see connectedGroups.ts.
  const wins = winColumns(model);
  for (let k = 0; k < low.length; k++) {
    if (!played(wins, k)) continue;
    degree[low[k]!]!++;
    degree[high[k]!]!++;
  }
  return {
    n,
    low,
    high,
    components: components.count,
    forest: spanningForest(n),
    degree,
    outside: new Int32Array(n),
    excess: new Float64Array(n),
    offsets: new Int32Array(n + 1),
    neighbours: new Int32Array(Math.max(2 * (n - 1), 0)),
    position: new Int32Array(n),
    order: new Int32Array(n),
    parentAt: new Int32Array(n),
    upAt: new Float64Array(n),
    multiplierAt: new Float64Array(n),
    inversePivotAt: new Float64Array(n),
    work: new Float64Array(n),
  };
}

/**
 * Factors M for the information at the current Newton iterate: a heavy spanning forest
 * of the pair weights, rooted at each tree's lowest datapoint, then eliminated leaves
 * first. O(n log n + pairs), nothing allocated.
 * @internal
 */
export function factorTreePreconditioner(tree: TreePreconditioner, information: Information, prior: number): void {
  const { n, low, high, forest, degree, outside, excess, offsets, neighbours, position, order, parentAt, upAt, multiplierAt, inversePivotAt } = tree;
  const weight = information.pairWeight;
  maximumSpanningForest(forest, low, high, weight, tree.components);
  const edges = forest.forest;
  const edgeCount = forest.size;

  // Excess: the diagonal less the forest's pairs. Where every pair of a vertex is in the
  // forest it is the prior exactly, not a difference that rounds to ±ε or cancels.
  const diagonal = information.diagonal;
  outside.set(degree);
  for (let i = 0; i < n; i++) excess[i] = diagonal[i]!;
  offsets.fill(0);
  for (let t = 0; t < edgeCount; t++) {
    const k = edges[t]!;
    const i = low[k]!;
    const j = high[k]!;
    excess[i]! -= weight[k]!;
    excess[j]! -= weight[k]!;
    outside[i]!--;
    outside[j]!--;
    offsets[i + 1]!++;
    offsets[j + 1]!++;
  }
  for (let i = 0; i < n; i++) excess[i] = outside[i]! > 0 ? Math.max(excess[i]!, prior) : prior;

  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  // `position` is free until the traversal below: it holds each row's next free slot meanwhile.
  for (let i = 0; i < n; i++) position[i] = offsets[i]!;
  for (let t = 0; t < edgeCount; t++) {
    const k = edges[t]!;
    neighbours[position[low[k]!]!++] = k;
    neighbours[position[high[k]!]!++] = k;
  }

  position.fill(-1);
  let tail = 0;
  for (let start = 0; start < n; start++) {
    if (position[start]! >= 0) continue;
    position[start] = tail;
    order[tail] = start;
    parentAt[tail] = -1;
    upAt[tail] = 0;
    tail++;
    for (let head = tail - 1; head < tail; head++) {
      const i = order[head]!;
      for (let s = offsets[i]!; s < offsets[i + 1]!; s++) {
        const k = neighbours[s]!;
        const j = low[k] === i ? high[k]! : low[k]!;
        if (position[j]! >= 0) continue;
        position[j] = tail;
        order[tail] = j;
        parentAt[tail] = head;
        upAt[tail] = weight[k]!;
        tail++;
      }
    }
  }

  // Eliminating leaf i (pivot d = e_i + w) leaves its parent's excess e_p + w·e_i/d.
  for (let t = n - 1; t >= 0; t--) {
    const i = order[t]!;
    const pivot = excess[i]! + upAt[t]!;
    inversePivotAt[t] = pivot > 0 ? 1 / pivot : 0;
    multiplierAt[t] = pivot > 0 ? upAt[t]! / pivot : 0;
    const p = parentAt[t]!;
    if (p >= 0) excess[order[p]!]! += multiplierAt[t]! * excess[i]!;
  }
}

/**
 * z[0..n) = M⁻¹·r[0..n) by the factor of {@link factorTreePreconditioner}: forward
 * elimination from the leaves, then back substitution from the roots, in breadth-first
 * order so that both passes read the factor in sequence. A zero pivot (a root with
 * neither prior nor pairs outside the forest) gets 0, which only shifts its tree by a
 * constant the caller removes. O(n).
 * @internal
 */
export function applyTreePreconditioner(tree: TreePreconditioner, r: Float64Array, z: Float64Array): void {
  const { n, order, parentAt, multiplierAt, inversePivotAt, work } = tree;
  for (let t = 0; t < n; t++) work[t] = r[order[t]!]!;
  for (let t = n - 1; t > 0; t--) {
    const p = parentAt[t]!;
    if (p >= 0) work[p]! += multiplierAt[t]! * work[t]!;
  }
  for (let t = 0; t < n; t++) {
    const p = parentAt[t]!;
    work[t] = work[t]! * inversePivotAt[t]! + (p >= 0 ? multiplierAt[t]! * work[p]! : 0);
  }
  for (let t = 0; t < n; t++) z[order[t]!] = work[t]!;
}
