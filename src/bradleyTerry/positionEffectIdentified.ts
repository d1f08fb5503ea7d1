/**
 * Whether the comparisons themselves bound the position effect γ, or only a prior does
 * (quasi-separation of γ). Sources on {@link unboundedPositionEffect}.
 * @internal
 * @module
 */
import type { Model } from './bradleyTerryModel.js';

/** The directions in which the likelihood alone lets γ run off. @internal */
export interface UnboundedPositionEffect {
  /** γ → +∞ (a left-side advantage of any size) fits the games at least as well. */
  readonly left: boolean;
  /** γ → −∞ (a right-side advantage of any size) fits them at least as well. */
  readonly right: boolean;
}

/**
 * In which directions the log-likelihood of the model with sides never decreases as γ
 * grows without bound (the strengths moving along as they like). The maximum-likelihood
 * γ exists and is unique exactly when neither does: the recession-direction criterion for
 * logistic models (Albert & Anderson, "On the existence of maximum likelihood estimates
 * in logistic regression models", Biometrika 71(1), 1984; Santner & Duffy, Biometrika
 * 73(3), 1986), which Konis (D.Phil. thesis, Oxford, 2007; R package
 * safeBinaryRegression) checks with a linear program. Otherwise γ is quasi-separated:
 * under no prior it is infinite (or not unique), under a prior its value is the prior's.
 *
 * A direction (d, g) keeps every game's log-odds margin ≥ 0 (= 0 for a draw, counted as
 * half a win each way): a win of u over v shown with u on side s (+1 left, −1 right, 0
 * unknown) needs d_v ≤ d_u + s·g. With g = ±1 that is a system of difference
 * constraints, feasible exactly when its graph (an edge u → v of weight ±s per win) has
 * no negative cycle (Cormen et al., "Introduction to Algorithms", 3rd ed., §24.4). So
 * the games bound γ from above exactly when some cycle of wins (a beat b, b beat c, …,
 * back to a) holds more wins from the right side than from the left. Negative cycles are
 * found by Goldberg and Radzik's passes of Bellman–Ford in topological order (see
 * `hasNegativeCycle`; Cherkassky & Goldberg, "Negative-cycle detection algorithms",
 * Math. Programming 85, 1999, compare it with the alternatives): passes of O(n + pairs),
 * a few on the designs we measured (random, close-match and sorted designs of up to
 * 100 000 datapoints, a chain of 20 000); contrived designs can need O(n) of them.
 * @internal
 */
export function unboundedPositionEffect(model: Model): UnboundedPositionEffect {
  const { n, low, high, groups } = model;
  const m = low.length;
  // Per pair and direction, the least weight of its edges for g = +1 and for g = −1
  // (2: no edge). Only the least weight of parallel edges matters to shortest paths.
  const lowToHigh = new Int8Array(2 * m).fill(2);
  const highToLow = new Int8Array(2 * m).fill(2);
  for (const { sign, lowWins, highWins } of groups) {
    for (let k = 0; k < m; k++) {
      if (lowWins[k]! > 0) {
        lowToHigh[2 * k] = Math.min(lowToHigh[2 * k]!, sign);
        lowToHigh[2 * k + 1] = Math.min(lowToHigh[2 * k + 1]!, -sign);
      }
      if (highWins[k]! > 0) {
        highToLow[2 * k] = Math.min(highToLow[2 * k]!, -sign);
        highToLow[2 * k + 1] = Math.min(highToLow[2 * k + 1]!, sign);
      }
    }
  }
  const offsets = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) {
    if (lowToHigh[2 * k] !== 2) offsets[low[k]! + 1]!++;
    if (highToLow[2 * k] !== 2) offsets[high[k]! + 1]!++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const edges = offsets[n]!;
  const targets = new Int32Array(edges);
  const weights = [new Int8Array(edges), new Int8Array(edges)] as const;
  const fill = offsets.slice(0, n);
  for (let k = 0; k < m; k++) {
    if (lowToHigh[2 * k] !== 2) {
      const e = fill[low[k]!]!++;
      targets[e] = high[k]!;
      weights[0][e] = lowToHigh[2 * k]!;
      weights[1][e] = lowToHigh[2 * k + 1]!;
    }
    if (highToLow[2 * k] !== 2) {
      const e = fill[high[k]!]!++;
      targets[e] = low[k]!;
      weights[0][e] = highToLow[2 * k]!;
      weights[1][e] = highToLow[2 * k + 1]!;
    }
  }
  return { left: !hasNegativeCycle(offsets, targets, weights[0]), right: !hasNegativeCycle(offsets, targets, weights[1]) };
}

// Goldberg and Radzik's passes ("A heuristic improvement of the Bellman–Ford algorithm",
// Appl. Math. Lett. 6(3), 1993) from a virtual source joined to every vertex by weight 0,
// so every label starts at 0. Each pass searches depth-first, from the vertices with an
// arc of negative reduced cost (label[u] + w − label[v]), along arcs of reduced cost ≤ 0,
// then relaxes the arcs of the vertices it reached in topological order: a chain is
// settled in one pass where Bellman–Ford's queue takes n. The answer is certified either
// way: no arc of negative reduced cost left (the labels are feasible potentials), a cycle
// of arcs of reduced cost ≤ 0 holding a negative one (a negative cycle), or a label below
// −(n − 1), which no walk reaches without a negative cycle when the weights are ≥ −1.
function hasNegativeCycle(offsets: Int32Array, targets: Int32Array, weights: Int8Array): boolean {
  const n = offsets.length - 1;
  if (!weights.includes(-1)) return false;
  const label = new Int32Array(n);
  const state = new Uint8Array(n);
  // Per vertex on the search path: the arcs of negative reduced cost from its root to it.
  const negative = new Int32Array(n);
  const cursor = new Int32Array(n);
  const stack = new Int32Array(n);
  const order = new Int32Array(n);
  for (;;) {
    state.fill(0);
    let reached = 0;
    for (let root = 0; root < n; root++) {
      if (state[root] !== 0 || !hasNegativeArc(root, offsets, targets, weights, label)) continue;
      let depth = 0;
      stack[depth++] = root;
      state[root] = 1;
      negative[root] = 0;
      cursor[root] = offsets[root]!;
      while (depth > 0) {
        const u = stack[depth - 1]!;
        if (cursor[u]! === offsets[u + 1]!) {
          depth--;
          state[u] = 2;
          order[reached++] = u;
          continue;
        }
        const e = cursor[u]!++;
        const v = targets[e]!;
        const reduced = label[u]! + weights[e]! - label[v]!;
        if (reduced > 0 || state[v] === 2) continue;
        const count = negative[u]! + (reduced < 0 ? 1 : 0);
        if (state[v] === 1) {
          if (count > negative[v]!) return true;
          continue;
        }
        state[v] = 1;
        negative[v] = count;
        cursor[v] = offsets[v]!;
        stack[depth++] = v;
      }
    }
    if (reached === 0) return false;
    for (let k = reached - 1; k >= 0; k--) {
      const u = order[k]!;
      for (let e = offsets[u]!; e < offsets[u + 1]!; e++) {
        const candidate = label[u]! + weights[e]!;
        const v = targets[e]!;
        if (candidate < label[v]!) {
          if (candidate < 1 - n) return true;
          label[v] = candidate;
        }
      }
    }
  }
}

function hasNegativeArc(u: number, offsets: Int32Array, targets: Int32Array, weights: Int8Array, label: Int32Array): boolean {
  for (let e = offsets[u]!; e < offsets[u + 1]!; e++) if (label[u]! + weights[e]! < label[targets[e]!]!) return true;
  return false;
}
