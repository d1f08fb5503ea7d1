/**
 * Centring the strengths group by group. The likelihood sees only differences inside a
 * connected group of datapoints, so each group's mean is set by the prior alone, and the
 * penalised optimum has every group's mean at zero. Keeping each group centred removes
 * those directions from the Newton systems: along them the information is just the
 * prior, and a weak prior would make them arbitrarily ill-conditioned.
 * @internal
 * @module
 */
import type { Model } from './bradleyTerryModel.js';
import { connectedGroups } from './connectedGroups.js';

/** The connected groups of a model's datapoints, with scratch space for centring. @internal */
export interface Components {
  /** How many groups. */
  readonly count: number;
  /** Each datapoint's group, 0 … count − 1 in order of first member. */
  readonly index: Int32Array;
  /** Each group's size. */
  readonly size: Float64Array;
  /** The largest group (the first of the largest), whose sum {@link centreComponents} keeps in a local. */
  readonly largest: number;
  /** Work space for the groups' sums. */
  readonly sums: Float64Array;
}

/**
 * The groups of datapoints joined by pairs with games (weight-0 pairs join nothing: they
 * add no information). O((n + pairs) · log n) at worst, once per fit.
 * @internal
 */
export function componentsOf(model: Model): Components {
  const { n, low } = model;
  const members = connectedGroups(n, low, model.high, winColumns(model));
  const index = new Int32Array(n);
  const size = new Float64Array(members.length);
  let largest = 0;
  for (let c = 0; c < members.length; c++) {
    const group = members[c]!;
    for (const i of group) index[i] = c;
    size[c] = group.length;
    if (group.length > size[largest]!) largest = c;
  }
  return { count: members.length, index, size, largest, sums: new Float64Array(members.length) };
}

/**
 * Subtracts from each of `x[0..n)` the mean of its group, in place; entries from n on
 * (γ) are left alone. O(n).
 * @internal
 */
export function centreComponents(x: Float64Array, components: Components): void {
  const { index, size, sums, largest } = components;
  sums.fill(0);
  // The largest group's sum in a local: the same additions in the same order, without a
  // store and reload of one array slot per datapoint (it runs once per conjugate-gradient
  // iteration on the spanning tree).
  let sum = 0;
  for (let i = 0; i < index.length; i++) {
    const c = index[i]!;
    if (c === largest) sum += x[i]!;
    else sums[c]! += x[i]!;
  }
  sums[largest] = sum;
  for (let c = 0; c < sums.length; c++) sums[c] = sums[c]! / size[c]!;
  for (let i = 0; i < index.length; i++) x[i]! -= sums[index[i]!]!;
}

/**
 * The win columns of every group of `model` (each group's low and high wins), for
 * {@link connectedGroups} and `played`: a pair has games when one of them is positive.
 * @internal
 */
export function winColumns(model: Model): Float64Array[] {
  const wins: Float64Array[] = [];
  for (const group of model.groups) wins.push(group.lowWins, group.highWins);
  return wins;
}
