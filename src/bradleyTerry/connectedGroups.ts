/**
 * The groups of datapoints the comparisons connect, by union–find.
 * @internal
 * @module
 */

/**
 * Groups of datapoints joined by the pairs with games: pair k joins its two datapoints
 * when some column of `wins` is positive at k (union–find with path halving). Each
 * group's members ascending, groups ordered by their first member.
 * O((n + pairs) · log n) at worst.
 * @internal
 */
export function connectedGroups(n: number, low: Int32Array, high: Int32Array, wins: readonly Float64Array[]): number[][] {
  // Plain functions and arrays, no closures: a closure is a new function per call, and
  // the optimised loop that called it was thrown away once a collection freed it.
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  // Once every datapoint is in one group no pair can change anything: a random design of
  // n datapoints gets there after about n ln n / 2 pairs, a small share of a large table.
  let groups = n;
  for (let k = 0; k < low.length && groups > 1; k++) {
    if (!played(wins, k)) continue;
    const a = findRoot(parent, low[k]!);
    const b = findRoot(parent, high[k]!);
    if (a !== b) {
      parent[Math.max(a, b)] = Math.min(a, b);
      groups--;
    }
  }
  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = findRoot(parent, i);
    const group = byRoot.get(r);
    if (group === undefined) byRoot.set(r, [i]);
    else group.push(i);
  }
  return [...byRoot.values()];
}

/**
 * Whether some column of `wins` has a game at pair k (a positive entry). @internal
 */
export function played(wins: readonly Float64Array[], k: number): boolean {
  for (let c = 0; c < wins.length; c++) if (wins[c]![k]! > 0) return true;
  return false;
}

/**
 * The root of i's tree in the union–find forest `parent` (a root is its own parent),
 * halving the path on the way. @internal
 */
export function findRoot(parent: Int32Array, i: number): number {
  let x = i;
  while (parent[x] !== x) {
    parent[x] = parent[parent[x]!]!;
    x = parent[x]!;
  }
  return x;
}
