/**
 * One sweep of Gauss–Seidel–Newton over the strengths: each θ_i in turn takes one Newton
 * step on its own penalised likelihood, the others held (Ortega & Rheinboldt, "Iterative
 * Solution of Nonlinear Equations in Several Variables", 1970, §7.4, the one-step
 * Gauss–Seidel–Newton method).
 *
 * Why: under a weak prior many pairs are separated and their terms are exponential in
 * the score difference, where the quadratic model of the full Newton step is right only
 * within about a nat. A datapoint whose pairs have all become negligible (one that lost
 * once to a datapoint now far above it) is pinned by the prior alone, and the full step
 * sends it straight to its optimum; but when another datapoint's step overshoots, the
 * line search halves the whole step, and the first one only creeps there, a fraction of
 * the way per Newton step. The sweep moves each such datapoint on its own, at the cost of
 * one pass over the pairs. Each move is capped, because a datapoint's own quadratic model
 * fails in the same exponential regime, and small moves are left to the Newton step.
 * @internal
 * @module
 */
import type { Model } from './bradleyTerryModel.js';

/** Moves of at most this many nats: beyond, an exponential term's quadratic model is unreliable. */
const MAX_MOVE = 2;
/** Moves smaller than this are the full Newton step's to make. */
const MIN_MOVE = 0.1;

/** The pairs of each datapoint in compressed rows, for {@link smoothStrengths}. @internal */
export interface PairsByDatapoint {
  readonly offsets: Int32Array;
  readonly pairs: Int32Array;
}

/** Each datapoint's pairs with games, in pair order. O(datapoints + pairs). @internal */
export function pairsByDatapoint(model: Model): PairsByDatapoint {
  const { n, low, high, groups } = model;
  const m = low.length;
  const played = (k: number): boolean => groups.some((group) => group.lowWins[k]! > 0 || group.highWins[k]! > 0);
  const offsets = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) {
    if (!played(k)) continue;
    offsets[low[k]! + 1]!++;
    offsets[high[k]! + 1]!++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const pairs = new Int32Array(offsets[n]!);
  const fill = offsets.slice(0, n);
  for (let k = 0; k < m; k++) {
    if (!played(k)) continue;
    pairs[fill[low[k]!]!++] = k;
    pairs[fill[high[k]!]!++] = k;
  }
  return { offsets, pairs };
}

/**
 * One Gauss–Seidel–Newton sweep over θ_0 … θ_(n−1) in order, in place on `x` (γ, when
 * fitted, is held): each moves by its own Newton step, capped at 2 nats, when that step
 * is at least 0.1 nat. The caller keeps the sweep only if the objective rose. Returns how
 * many moved. O(pairs × groups), nothing allocated.
 * @internal
 */
export function smoothStrengths(model: Model, x: Float64Array, pairsOf: PairsByDatapoint): number {
  const { n, low, high, groups, prior } = model;
  const { offsets, pairs } = pairsOf;
  const gamma = model.positionEffect ? x[n]! : 0;
  let moved = 0;
  for (let i = 0; i < n; i++) {
    const t = x[i]!;
    let gradient = -prior * t;
    let curvature = prior;
    for (let a = offsets[i]!; a < offsets[i + 1]!; a++) {
      const k = pairs[a]!;
      const isLow = low[k] === i;
      const difference = isLow ? t - x[high[k]!]! : x[low[k]!]! - t;
      for (const group of groups) {
        const s = group.lowWins[k]!;
        const f = group.highWins[k]!;
        if (s === 0 && f === 0) continue;
        const eta = difference + group.sign * gamma;
        const e = Math.exp(-Math.abs(eta));
        const p = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
        const q = eta >= 0 ? e / (1 + e) : 1 / (1 + e);
        const residual = s * q - f * p;
        gradient += isLow ? residual : -residual;
        curvature += (s + f) * p * q;
      }
    }
    const move = gradient / curvature;
    if (!(Math.abs(move) >= MIN_MOVE)) continue;
    x[i] = t + Math.max(-MAX_MOVE, Math.min(MAX_MOVE, move));
    moved++;
  }
  return moved;
}
