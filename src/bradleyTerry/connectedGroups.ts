/**
 * The groups of datapoints the comparisons connect, by union–find.
 * @internal
 * @module
 */

/**
 * Groups of datapoints joined by pairs that `joined` accepts (union–find with path
 * halving), each group's members ascending, groups ordered by their first member.
 * O((n + pairs) · log n) at worst.
 * @internal
 */
export function connectedGroups(n: number, low: Int32Array, high: Int32Array, joined: (pair: number) => boolean): number[][] {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    let x = i;
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  // Once every datapoint is in one group no pair can change anything: a random design of
  // n datapoints gets there after about n ln n / 2 pairs, a small share of a large table.
  let groups = n;
  for (let k = 0; k < low.length && groups > 1; k++) {
    if (!joined(k)) continue;
    const a = find(low[k]!);
    const b = find(high[k]!);
    if (a !== b) {
      parent[Math.max(a, b)] = Math.min(a, b);
      groups--;
    }
  }
  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    const group = byRoot.get(root);
    if (group === undefined) byRoot.set(root, [i]);
    else group.push(i);
  }
  return [...byRoot.values()];
}
