/**
 * The information matrix H of the penalised Bradley–Terry log-likelihood (its negative
 * Hessian), kept sparse: a weighted graph Laplacian over the pairs that met, plus the
 * prior on the diagonal, plus γ's row and column when the position effect is fitted.
 * Memory O(n + pairs), never n × n.
 * @internal
 * @module
 */
import type { Model } from './bradleyTerryModel.js';

/** The information matrix H (negative Hessian of the penalised log-likelihood), sparse. @internal */
export interface Information {
  /** Per pair: the Laplacian weight Σ g·p·(1 − p) over the pair's games. */
  readonly pairWeight: Float64Array;
  /** Per pair: ∂²/∂d∂γ, the coupling of θ_low − θ_high with γ. */
  readonly pairCoupling: Float64Array;
  /** Diagonal of H (length `size`), the prior included. */
  readonly diagonal: Float64Array;
}

/**
 * A zero {@link Information} sized for `model`, for {@link informationAt} to fill.
 * O(n + pairs).
 * @internal
 */
export function emptyInformation(model: Model): Information {
  const m = model.low.length;
  return {
    pairWeight: new Float64Array(m),
    pairCoupling: new Float64Array(model.positionEffect ? m : 0),
    diagonal: new Float64Array(model.size),
  };
}

/**
 * The information matrix at `x`, written into `information` (whose arrays are reused
 * across Newton steps), and the gradient of the penalised log-likelihood into
 * `gradient`. With `gradientScale`, also the size of the terms each gradient component
 * sums (Σ s·q + f·p over its games, plus prior·|x|): its rounding error is a small
 * multiple of that times the unit roundoff. One pass over the pairs per group.
 * @internal
 */
export function informationAt(model: Model, x: Float64Array, gradient: Float64Array, information: Information, gradientScale?: Float64Array): Information {
  const { low, high, n, prior } = model;
  const m = low.length;
  const { pairWeight, pairCoupling, diagonal } = information;
  pairWeight.fill(0);
  pairCoupling.fill(0);
  diagonal.fill(0);
  gradient.fill(0);
  gradientScale?.fill(0);
  const gamma = model.positionEffect ? x[n]! : 0;
  let gammaGradient = 0;
  let gammaInformation = 0;
  for (const group of model.groups) {
    const { sign, lowWins, highWins } = group;
    const shift = sign * gamma;
    for (let k = 0; k < m; k++) {
      const s = lowWins[k]!;
      const f = highWins[k]!;
      if (s === 0 && f === 0) continue;
      const eta = x[low[k]!]! - x[high[k]!]! + shift;
      const e = Math.exp(-Math.abs(eta));
      const p = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
      const q = eta >= 0 ? e / (1 + e) : 1 / (1 + e);
      // d/dη of s·log σ(η) + f·log σ(−η), and minus its second derivative.
      const residual = s * q - f * p;
      const weight = (s + f) * p * q;
      gradient[low[k]!]! += residual;
      gradient[high[k]!]! -= residual;
      pairWeight[k]! += weight;
      if (gradientScale !== undefined) {
        const size = s * q + f * p;
        gradientScale[low[k]!]! += size;
        gradientScale[high[k]!]! += size;
        if (sign !== 0) gradientScale[n]! += size;
      }
      if (sign !== 0) {
        gammaGradient += sign * residual;
        pairCoupling[k]! += sign * weight;
        gammaInformation += weight;
      }
    }
  }
  if (gradientScale !== undefined) for (let i = 0; i < model.size; i++) gradientScale[i]! += prior * Math.abs(x[i]!);
  for (let k = 0; k < m; k++) {
    diagonal[low[k]!]! += pairWeight[k]!;
    diagonal[high[k]!]! += pairWeight[k]!;
  }
  for (let i = 0; i < n; i++) {
    gradient[i]! -= prior * x[i]!;
    diagonal[i]! += prior;
  }
  if (model.positionEffect) {
    gradient[n] = gammaGradient - prior * gamma;
    diagonal[n] = gammaInformation + prior;
  }
  return information;
}

/** y = H·x: the Laplacian over the pairs, the prior, and γ's row and column. O(pairs). @internal */
export function informationTimes(model: Model, information: Information, x: Float64Array, y: Float64Array): void {
  const { low, high, n, prior } = model;
  const { pairWeight, pairCoupling, diagonal } = information;
  y.fill(0);
  if (model.positionEffect) {
    const gamma = x[n]!;
    let gammaRow = 0;
    for (let k = 0; k < low.length; k++) {
      const i = low[k]!;
      const j = high[k]!;
      const difference = x[i]! - x[j]!;
      const coupling = pairCoupling[k]!;
      const flow = pairWeight[k]! * difference + coupling * gamma;
      y[i]! += flow;
      y[j]! -= flow;
      gammaRow += coupling * difference;
    }
    y[n] = gammaRow + diagonal[n]! * gamma;
  } else {
    for (let k = 0; k < low.length; k++) {
      const i = low[k]!;
      const j = high[k]!;
      const flow = pairWeight[k]! * (x[i]! - x[j]!);
      y[i]! += flow;
      y[j]! -= flow;
    }
  }
  for (let i = 0; i < n; i++) y[i]! += prior * x[i]!;
}
