/**
 * Whether the maximum-likelihood Bradley–Terry scores of a table are finite and, when
 * they are not, which datapoints are at fault (sources on {@link infiniteScoreReason}).
 * @internal
 * @module
 */
import { describeValue } from '../errors.js';
import { pairTotals, type ComparisonTableData } from './comparisonTableData.js';
import { connectedGroups } from './connectedGroups.js';
import { stronglyConnectedComponents } from './stronglyConnectedComponents.js';

const MAX_NAMED = 10;

/**
 * Why the maximum-likelihood Bradley–Terry scores of a table are infinite, or null when
 * they are all finite. They are finite exactly when the "beats" digraph (an edge i → j
 * when i has positive wins over j; a draw gives both directions) is strongly connected:
 * Zermelo, "Die Berechnung der Turnier-Ergebnisse als ein Maximumproblem der
 * Wahrscheinlichkeitsrechnung", Math. Z. 29, 1929; Ford, "Solution of a ranking problem
 * from binary comparisons", Amer. Math. Monthly 64(8), 1957; Hunter, "MM algorithms for
 * generalized Bradley–Terry models", Ann. Statist. 32(1), 2004, Assumption 1.
 * The reason names at most 10 datapoints: the separate groups when the comparisons do
 * not connect everyone, else those that only win or only lose, else a group that is
 * never beaten (or never wins) against everyone outside it. O(datapoints + pairs).
 * @internal
 */
export function infiniteScoreReason(data: ComparisonTableData): string | null {
  const n = data.ids.length;
  const m = data.pairCount;
  const { lowWins, highWins } = pairTotals(data);

  // A sum of two weights (≥ 0) is positive exactly when one of them is.
  const groups = connectedGroups(n, data.low, data.high, [lowWins, highWins]);
  if (groups.length > 1) {
    return `the comparisons fall into ${groups.length} groups with no comparison between them: ${nameGroups(groups, data.ids)}`;
  }

  // The beats digraph in compressed sparse rows.
  const offsets = new Int32Array(n + 1);
  const beatenBy = new Uint8Array(n);
  const beats = new Uint8Array(n);
  for (let k = 0; k < m; k++) {
    const low = data.low[k]!;
    const high = data.high[k]!;
    if (lowWins[k]! > 0) {
      offsets[low + 1]!++;
      beats[low] = 1;
      beatenBy[high] = 1;
    }
    if (highWins[k]! > 0) {
      offsets[high + 1]!++;
      beats[high] = 1;
      beatenBy[low] = 1;
    }
  }
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const targets = new Int32Array(offsets[n]!);
  const fill = offsets.slice(0, n);
  for (let k = 0; k < m; k++) {
    const low = data.low[k]!;
    const high = data.high[k]!;
    if (lowWins[k]! > 0) targets[fill[low]!++] = high;
    if (highWins[k]! > 0) targets[fill[high]!++] = low;
  }
  const { count, component } = stronglyConnectedComponents(offsets, targets);
  if (count === 1) return null;

  const onlyWin: number[] = [];
  const onlyLose: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!beatenBy[i]) onlyWin.push(i);
    else if (!beats[i]) onlyLose.push(i);
  }
  if (onlyWin.length > 0 || onlyLose.length > 0) {
    const parts: string[] = [];
    const budget = { left: MAX_NAMED };
    if (onlyWin.length > 0) parts.push(`${nameList(onlyWin, data.ids, budget)} ${onlyWin.length === 1 ? 'wins' : 'win'} every comparison (never losing or drawing)`);
    if (onlyLose.length > 0) parts.push(`${nameList(onlyLose, data.ids, budget)} ${onlyLose.length === 1 ? 'loses' : 'lose'} every comparison (never winning or drawing)`);
    return parts.join('; ');
  }

  // Every datapoint both wins and loses, yet some group of them is never beaten by (or
  // never beats) anyone outside it: a source (or sink) of the condensation.
  const entered = new Uint8Array(count);
  const left = new Uint8Array(count);
  for (let v = 0; v < n; v++) {
    for (let e = offsets[v]!; e < offsets[v + 1]!; e++) {
      const w = targets[e]!;
      if (component[v] !== component[w]) {
        left[component[v]!] = 1;
        entered[component[w]!] = 1;
      }
    }
  }
  const membersOf = (c: number): number[] => Array.from({ length: n }, (_, i) => i).filter((i) => component[i] === c);
  const top = entered.indexOf(0);
  const bottom = left.indexOf(0);
  const budget = { left: MAX_NAMED };
  return (
    `the group ${nameList(membersOf(top), data.ids, budget)} is never beaten by a datapoint outside it, ` +
    `and the group ${nameList(membersOf(bottom), data.ids, budget)} never beats one`
  );
}

// `{"a", "b" and 3 more}` for each group, naming at most MAX_NAMED datapoints in all.
function nameGroups(groups: readonly number[][], ids: readonly string[]): string {
  const budget = { left: MAX_NAMED };
  const shown: string[] = [];
  for (const group of groups) {
    if (budget.left === 0) break;
    shown.push(`{${nameList(group, ids, budget)}}`);
  }
  if (shown.length < groups.length) shown.push(`and ${groups.length - shown.length} more groups`);
  return shown.join(', ');
}

// Names members while the budget lasts (at least one, so no list is empty).
function nameList(members: readonly number[], ids: readonly string[], budget: { left: number }): string {
  const named = members.slice(0, Math.max(1, budget.left)).map((i) => describeValue(ids[i]));
  budget.left = Math.max(0, budget.left - named.length);
  const rest = members.length - named.length;
  return rest > 0 ? `${named.join(', ')} and ${rest} more` : named.join(', ');
}
