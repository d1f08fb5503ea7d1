/**
 * The Bradley–Terry log-likelihood (natural log, a draw as half a win and half a loss)
 * and the penalised objective the fit maximises.
 * @internal
 * @module
 */
import type { Model } from './bradleyTerryModel.js';

/**
 * The log-likelihood at `x` (θ, then γ when fitted), without the prior. O(pairs × groups).
 * log σ(η) and log σ(−η) share log1p(e^−|η|): log σ(η) = min(η, 0) − log1p(e^−|η|).
 * @internal
 */
export function logLikelihoodAt(model: Model, x: Float64Array): number {
  const { low, high, n } = model;
  const gamma = model.positionEffect ? x[n]! : 0;
  let total = 0;
  for (const group of model.groups) {
    const shift = group.sign * gamma;
    const { lowWins, highWins } = group;
    for (let k = 0; k < low.length; k++) {
      const s = lowWins[k]!;
      const f = highWins[k]!;
      if (s === 0 && f === 0) continue;
      const eta = x[low[k]!]! - x[high[k]!]! + shift;
      const softplus = Math.log1p(Math.exp(-Math.abs(eta)));
      if (s > 0) total += s * (Math.min(eta, 0) - softplus);
      if (f > 0) total += f * (Math.min(-eta, 0) - softplus);
    }
  }
  return total;
}

/**
 * The penalised log-likelihood at `x`: the log-likelihood − (prior/2)·(Σθ² + γ²).
 * O(pairs × groups).
 * @internal
 */
export function penalisedAt(model: Model, x: Float64Array): number {
  let squares = 0;
  for (let i = 0; i < model.size; i++) squares += x[i]! * x[i]!;
  return logLikelihoodAt(model, x) - (model.prior / 2) * squares;
}
