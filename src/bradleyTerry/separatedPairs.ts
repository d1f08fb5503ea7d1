/**
 * Whether a model has separated pairs: pairs whose score difference grows without bound as
 * the prior weakens, which is what makes a weak prior costly for Newton's method
 * (`priorPath.ts`).
 * @internal
 * @module
 */
import type { Model } from './bradleyTerryModel.js';
import { stronglyConnectedComponents } from './stronglyConnectedComponents.js';

/**
 * Whether some pair with games joins two strongly connected components of the "beats"
 * digraph (an edge i → j when i has positive wins over j in any group; a draw gives both
 * directions). Exactly then the maximum-likelihood scores of a connected group are
 * infinite (Zermelo 1929; Hunter, "MM algorithms for generalized Bradley–Terry models",
 * Ann. Statist. 32(1), 2004, Assumption 1), so under a prior λ → 0 those differences grow
 * like ln(1/λ) and the Newton iterations from zero like them. O(datapoints + pairs).
 * @internal
 */
export function hasSeparatedPairs(model: Model): boolean {
  const { n, low, high, groups } = model;
  const m = low.length;
  // Per pair: 1 when the low datapoint won some game, 2 when the high one did.
  const sides = new Uint8Array(m);
  for (const group of groups) {
    for (let k = 0; k < m; k++) {
      if (group.lowWins[k]! > 0) sides[k]! |= 1;
      if (group.highWins[k]! > 0) sides[k]! |= 2;
    }
  }
  const offsets = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) {
    if (sides[k]! & 1) offsets[low[k]! + 1]!++;
    if (sides[k]! & 2) offsets[high[k]! + 1]!++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const targets = new Int32Array(offsets[n]!);
  const fill = offsets.slice(0, n);
  for (let k = 0; k < m; k++) {
    if (sides[k]! & 1) targets[fill[low[k]!]!++] = high[k]!;
    if (sides[k]! & 2) targets[fill[high[k]!]!++] = low[k]!;
  }
  const { component } = stronglyConnectedComponents(offsets, targets);
  for (let k = 0; k < m; k++) if (sides[k] !== 0 && component[low[k]!] !== component[high[k]!]) return true;
  return false;
}
