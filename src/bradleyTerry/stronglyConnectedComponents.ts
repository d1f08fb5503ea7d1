/**
 * Strongly connected components of the "beats" digraph, for the check that the
 * maximum-likelihood scores are finite (Tarjan 1972, cited below).
 * @internal
 * @module
 */

/**
 * Strongly connected components of a digraph in compressed sparse rows: Tarjan,
 * "Depth-first search and linear graph algorithms", SIAM J. Comput. 1(2), 1972, with an
 * explicit stack so a long chain cannot overflow the call stack. O(vertices + edges).
 * @internal
 */
export function stronglyConnectedComponents(offsets: Int32Array, targets: Int32Array): { count: number; component: Int32Array } {
  const n = offsets.length - 1;
  const order = new Int32Array(n).fill(-1);
  const lowLink = new Int32Array(n);
  const component = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const callStack = new Int32Array(n);
  const nextEdge = new Int32Array(n);
  let stackSize = 0;
  let counter = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    let depth = 0;
    const visit = (v: number): void => {
      order[v] = lowLink[v] = counter++;
      stack[stackSize++] = v;
      callStack[depth++] = v;
      nextEdge[v] = offsets[v]!;
    };
    visit(root);
    while (depth > 0) {
      const v = callStack[depth - 1]!;
      if (nextEdge[v]! < offsets[v + 1]!) {
        const w = targets[nextEdge[v]!++]!;
        if (order[w] === -1) visit(w);
        else if (component[w] === -1) lowLink[v] = Math.min(lowLink[v]!, order[w]!);
        continue;
      }
      depth--;
      if (lowLink[v] === order[v]) {
        let w: number;
        do {
          w = stack[--stackSize]!;
          component[w] = count;
        } while (w !== v);
        count++;
      }
      if (depth > 0) {
        const parent = callStack[depth - 1]!;
        lowLink[parent] = Math.min(lowLink[parent]!, lowLink[v]!);
      }
    }
  }
  return { count, component };
}
