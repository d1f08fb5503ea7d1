// Test helper: what a rating index must answer, computed by brute force.

/** The grid the rating-index tests put offsets on. */
export const QUANTUM = 2 ** -23;

/** The order the index must keep over datapoints 0 … n − 1: offset, then tie key, then index. */
export function expectedOrder(offsets: Float64Array, ties: Float64Array, n = offsets.length): number[] {
  return Array.from({ length: n }, (_, i) => i).sort((a, b) => offsets[a]! - offsets[b]! || ties[a]! - ties[b]! || a - b);
}

/** The k nearest to x by sort key among datapoints 0 … n − 1, ties of gap alternating from below. */
export function bruteNearest(x: number, k: number, offsets: Float64Array, ties: Float64Array, n = offsets.length): number[] {
  const order = expectedOrder(offsets, ties, n);
  const at = order.indexOf(x);
  const key = (i: number) => offsets[i]! + ties[i]! * QUANTUM;
  const below = order.slice(0, at).reverse();
  const above = order.slice(at + 1);
  const result: number[] = [];
  let b = 0;
  let a = 0;
  while (result.length < k && (b < below.length || a < above.length)) {
    if (a === above.length) result.push(below[b++]!);
    else if (b === below.length) result.push(above[a++]!);
    else {
      const gapBelow = key(x) - key(below[b]!);
      const gapAbove = key(above[a]!) - key(x);
      if (gapBelow < gapAbove || (gapBelow === gapAbove && b <= a)) result.push(below[b++]!);
      else result.push(above[a++]!);
    }
  }
  return result;
}
