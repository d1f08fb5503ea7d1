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
 * A zero {@link Information} sized for `model`, for {@link informationAt} to fill, from
 * `allocate` ({@link informationLength} doubles). O(n + pairs).
 * @internal
 */
export function emptyInformation(model: Model, allocate: (length: number) => Float64Array = (length) => new Float64Array(length)): Information {
  const m = model.low.length;
  return {
    pairWeight: allocate(m),
    pairCoupling: allocate(model.positionEffect ? m : 0),
    diagonal: allocate(model.size),
  };
}

/** How many doubles {@link emptyInformation} takes for `model`. @internal */
export function informationLength(model: Model): number {
  return (model.positionEffect ? 2 : 1) * model.low.length + model.size;
}

/**
 * The information matrix at `x`, written into `information` (whose arrays are reused
 * across Newton steps), and the gradient of the penalised log-likelihood into
 * `gradient`; with `gradientScale`, also the size of the terms each gradient component
 * sums ({@link gradientScaleAt}). One pass over the pairs per group (two with the scale).
 * @internal
 */
export function informationAt(model: Model, x: Float64Array, gradient: Float64Array, information: Information, gradientScale?: Float64Array): Information {
  evaluateAt(model, x, gradient, information, false);
  if (gradientScale !== undefined) gradientScaleAt(model, x, gradientScale);
  return information;
}

/**
 * {@link informationAt}, and with `withLogLikelihood` the log-likelihood at `x` too (else
 * 0), from the same pass: the terms share e^−|η| (see `logLikelihood.ts`), and a Newton
 * step needs both at each point it accepts. Each number is the one `informationAt` and
 * `logLikelihoodAt` compute apart, bit for bit: the same expressions, summed in the same
 * order. O(pairs × groups).
 * @internal
 */
export function evaluateAt(model: Model, x: Float64Array, gradient: Float64Array, information: Information, withLogLikelihood: boolean): number {
  const { low, high, n, prior, groups } = model;
  const m = low.length;
  const { pairWeight, pairCoupling, diagonal } = information;
  diagonal.fill(0);
  gradient.fill(0);
  const gamma = model.positionEffect ? x[n]! : 0;
  let gammaGradient = 0;
  let gammaInformation = 0;
  let total = 0;
  // One group (no position effect) writes each pair's weight and diagonal terms as it goes;
  // several sum a pair's weight over the groups first, so the diagonal gets it after.
  const single = groups.length === 1 && !model.positionEffect;
  if (!single) {
    pairWeight.fill(0);
    pairCoupling.fill(0);
  }
  for (const group of groups) {
    const { sign, lowWins, highWins } = group;
    const shift = sign * gamma;
    for (let k = 0; k < m; k++) {
      const s = lowWins[k]!;
      const f = highWins[k]!;
      if (s === 0 && f === 0) {
        if (single) pairWeight[k] = 0;
        continue;
      }
      const i = low[k]!;
      const j = high[k]!;
      const eta = x[i]! - x[j]! + shift;
      const e = Math.exp(-Math.abs(eta));
      const onePlus = 1 + e;
      const p = eta >= 0 ? 1 / onePlus : e / onePlus;
      const q = eta >= 0 ? e / onePlus : 1 / onePlus;
      // d/dη of s·log σ(η) + f·log σ(−η), and minus its second derivative.
      const residual = s * q - f * p;
      const weight = (s + f) * p * q;
      gradient[i]! += residual;
      gradient[j]! -= residual;
      if (withLogLikelihood) {
        // log σ(η) = min(η, 0) − log1p(e^−|η|).
        const softplus = Math.log1p(e);
        if (s > 0) total += s * (Math.min(eta, 0) - softplus);
        if (f > 0) total += f * (Math.min(-eta, 0) - softplus);
      }
      if (single) {
        pairWeight[k] = weight;
        diagonal[i]! += weight;
        diagonal[j]! += weight;
      } else {
        pairWeight[k]! += weight;
      }
      if (sign !== 0) {
        gammaGradient += sign * residual;
        pairCoupling[k]! += sign * weight;
        gammaInformation += weight;
      }
    }
  }
  if (!single) {
    for (let k = 0; k < m; k++) {
      diagonal[low[k]!]! += pairWeight[k]!;
      diagonal[high[k]!]! += pairWeight[k]!;
    }
  }
  for (let i = 0; i < n; i++) {
    gradient[i]! -= prior * x[i]!;
    diagonal[i]! += prior;
  }
  if (model.positionEffect) {
    gradient[n] = gammaGradient - prior * gamma;
    diagonal[n] = gammaInformation + prior;
  }
  return total;
}

/**
 * The size of the terms each component of the gradient at `x` sums (Σ s·q + f·p over its
 * games, plus prior·|x|), into `scale`: the gradient's rounding error is a small multiple
 * of it times the unit roundoff. Only the Newton iterations' stopping rules read it, and
 * only when the steps stall, so it has its own pass. O(pairs × groups).
 * @internal
 */
export function gradientScaleAt(model: Model, x: Float64Array, scale: Float64Array): void {
  const { low, high, n, prior } = model;
  scale.fill(0);
  const gamma = model.positionEffect ? x[n]! : 0;
  for (const group of model.groups) {
    const { sign, lowWins, highWins } = group;
    const shift = sign * gamma;
    for (let k = 0; k < low.length; k++) {
      const s = lowWins[k]!;
      const f = highWins[k]!;
      if (s === 0 && f === 0) continue;
      const eta = x[low[k]!]! - x[high[k]!]! + shift;
      const e = Math.exp(-Math.abs(eta));
      const onePlus = 1 + e;
      const p = eta >= 0 ? 1 / onePlus : e / onePlus;
      const q = eta >= 0 ? e / onePlus : 1 / onePlus;
      const size = s * q + f * p;
      scale[low[k]!]! += size;
      scale[high[k]!]! += size;
      if (sign !== 0) scale[n]! += size;
    }
  }
  for (let i = 0; i < model.size; i++) scale[i]! += prior * Math.abs(x[i]!);
}

/**
 * The total weight of each datapoint's games (and, at index n, of the games shown on a
 * side, when γ is fitted), into `games` (zero, of length `size`; a new array by default):
 * a bound on what {@link gradientScaleAt} can find, since each of its terms s·q + f·p is
 * at most s + f. O(pairs × groups).
 * @internal
 */
export function gamesPerDatapoint(model: Model, games: Float64Array = new Float64Array(model.size)): Float64Array {
  const { low, high, n } = model;
  for (const { sign, lowWins, highWins } of model.groups) {
    for (let k = 0; k < low.length; k++) {
      const g = lowWins[k]! + highWins[k]!;
      games[low[k]!]! += g;
      games[high[k]!]! += g;
      if (sign !== 0) games[n]! += g;
    }
  }
  return games;
}

/**
 * y = H·x: the Laplacian over the pairs, the prior, and γ's row and column. O(pairs).
 * A pair of weight 0 (no games, as the zero-count entries a flow lists each datapoint
 * with, or a weight that underflowed) is skipped: its coupling is 0 too, and adding its
 * ±0 would leave every sum as it is, since none of them is ever −0.
 * @internal
 */
export function informationTimes(model: Model, information: Information, x: Float64Array, y: Float64Array): void {
  const { low, high, n, prior } = model;
  const { pairWeight, pairCoupling, diagonal } = information;
  y.fill(0);
  if (model.positionEffect) {
    const gamma = x[n]!;
    let gammaRow = 0;
    for (let k = 0; k < low.length; k++) {
      if (pairWeight[k] === 0) continue;
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
      const weight = pairWeight[k]!;
      if (weight === 0) continue;
      const i = low[k]!;
      const j = high[k]!;
      const flow = weight * (x[i]! - x[j]!);
      y[i]! += flow;
      y[j]! -= flow;
    }
  }
  for (let i = 0; i < n; i++) y[i]! += prior * x[i]!;
}
