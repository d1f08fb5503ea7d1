/**
 * Approximate standard errors for fits too large for the dense inverse: the first terms
 * of the Neumann series of the inverse information, in O(n + pairs). How close they
 * come is described at `fitBradleyTerry`.
 * @internal
 * @module
 */
import type { Model } from './bradleyTerryModel.js';
import type { fitBradleyTerry } from './fitBradleyTerry.js';
import type { Information } from './informationMatrix.js';

/**
 * Variances of the centred strengths without the dense inverse, O(n + pairs): the
 * Neumann series of H⁻¹ to its second non-zero term, covariances between datapoints
 * ignored (see {@link fitBradleyTerry}). γ's variance is the inverse of its Schur
 * complement with the θ block taken as diagonal.
 * @internal
 */
export function approximateVariances(model: Model, information: Information): Float64Array {
  const { n, size, low, high } = model;
  const { pairWeight, pairCoupling, diagonal } = information;
  const inverseDiagonal = new Float64Array(n);
  for (let i = 0; i < n; i++) inverseDiagonal[i] = diagonal[i]! > 0 ? 1 / diagonal[i]! : 0;
  const secondOrder = new Float64Array(n);
  for (let k = 0; k < low.length; k++) {
    const i = low[k]!;
    const j = high[k]!;
    const weightSquared = pairWeight[k]! * pairWeight[k]!;
    secondOrder[i]! += weightSquared * inverseDiagonal[j]!;
    secondOrder[j]! += weightSquared * inverseDiagonal[i]!;
  }
  const variances = new Float64Array(size);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = inverseDiagonal[i]!;
    variances[i] = v + v * v * secondOrder[i]!;
    sum += variances[i]!;
  }
  for (let i = 0; i < n; i++) variances[i] = variances[i]! * (1 - 2 / n) + sum / (n * n);
  if (model.positionEffect) {
    const gammaColumn = new Float64Array(n);
    for (let k = 0; k < low.length; k++) {
      gammaColumn[low[k]!]! += pairCoupling[k]!;
      gammaColumn[high[k]!]! -= pairCoupling[k]!;
    }
    let schur = diagonal[n]!;
    for (let i = 0; i < n; i++) schur -= gammaColumn[i]! * gammaColumn[i]! * inverseDiagonal[i]!;
    variances[n] = 1 / (schur > 0 ? schur : diagonal[n]!);
  }
  return variances;
}
