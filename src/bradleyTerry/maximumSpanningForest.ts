/**
 * A heavy spanning forest of the comparison graph, the skeleton of the spanning-tree
 * preconditioner (`spanningTreePreconditioner.ts`), by Borůvka's algorithm for a
 * maximum-weight spanning forest (Borůvka, "O jistém problému minimálním", Práce Mor.
 * Přírodověd. Spol. 3, 1926; Tarjan, "Data Structures and Network Algorithms", SIAM,
 * 1983, §6.2), first on each datapoint's few heaviest pairs, then, where those leave a
 * connected group in pieces, on all the pairs.
 * @internal
 * @module
 */
import { findRoot } from './connectedGroups.js';

// On dense designs only each datapoint's heaviest pairs are candidates, so that
// Borůvka's rounds scan a few pairs per datapoint rather than all of them. A lighter pair
// left out only makes the preconditioner a little worse, never the solution.
const CANDIDATES_PER_DATAPOINT = 4;

/** The forest and the work arrays of {@link maximumSpanningForest}. @internal */
export interface SpanningForest {
  /** Per vertex, its heaviest pairs (−1: none) and their weights, heaviest first. */
  readonly slotPair: Int32Array;
  readonly slotWeight: Float64Array;
  /** A round's edges, side by side so that Borůvka's rounds read memory in order. */
  readonly edge: Int32Array;
  readonly edgeLow: Int32Array;
  readonly edgeHigh: Int32Array;
  readonly edgeWeight: Float64Array;
  /** Union–find over the datapoints, each one's tree this round, each tree's best edge. */
  readonly parent: Int32Array;
  readonly root: Int32Array;
  readonly best: Int32Array;
  /** The forest's edges (pair indices), `size` of them. */
  readonly forest: Int32Array;
  size: number;
}

/** Work space for a forest over n vertices. O(n). @internal */
export function spanningForest(n: number): SpanningForest {
  const slots = n * CANDIDATES_PER_DATAPOINT;
  return {
    slotPair: new Int32Array(slots),
    slotWeight: new Float64Array(slots),
    // Room for every pair of a design with at most CANDIDATES_PER_DATAPOINT / 2 pairs per
    // datapoint on average, or for the candidates of any design.
    edge: new Int32Array(slots),
    edgeLow: new Int32Array(slots),
    edgeHigh: new Int32Array(slots),
    edgeWeight: new Float64Array(slots),
    parent: new Int32Array(n),
    root: new Int32Array(n),
    best: new Int32Array(n),
    forest: new Int32Array(Math.max(n - 1, 0)),
    size: 0,
  };
}

/**
 * A heavy spanning forest of the graph of n vertices and edges `low[k]`–`high[k]` of
 * weight `weight[k]` (edges of weight ≤ 0 are absent) into `forest.forest`. With at most
 * 4n edges, a maximum-weight spanning forest. Otherwise one of the candidates, each
 * vertex's {@link CANDIDATES_PER_DATAPOINT} heaviest edges; then, if that leaves some of
 * the `components` connected components in pieces, Borůvka's rounds over all the edges
 * join them. Ties go to the lower edge index, so the forest is a function of its input.
 * O(n log n + m), plus O(m) a round when the candidates do not span; nothing allocated.
 * @internal
 */
export function maximumSpanningForest(forest: SpanningForest, low: Int32Array, high: Int32Array, weight: Float64Array, components: number): void {
  const { slotPair, slotWeight, edge, edgeLow, edgeHigh, edgeWeight, parent } = forest;
  const n = parent.length;
  const slots = CANDIDATES_PER_DATAPOINT;
  forest.size = 0;
  for (let i = 0; i < n; i++) parent[i] = i;
  if (low.length <= edge.length) {
    // Few enough pairs to take them all: the forest is then of maximum weight.
    let count = 0;
    for (let k = 0; k < low.length; k++) {
      edge[count] = k;
      edgeLow[count] = low[k]!;
      edgeHigh[count] = high[k]!;
      edgeWeight[count] = weight[k]!;
      count++;
    }
    while (count > 0) count = boruvkaRound(forest, edge, edgeLow, edgeHigh, edgeWeight, count, true);
    return;
  }
  slotPair.fill(-1);
  slotWeight.fill(0);
  for (let k = 0; k < low.length; k++) {
    const w = weight[k]!;
    if (!(w > 0)) continue;
    offerCandidate(slotPair, slotWeight, low[k]! * slots, k, w);
    offerCandidate(slotPair, slotWeight, high[k]! * slots, k, w);
  }
  // A pair heavy at both ends sits in the slots of both; it is taken once.
  let count = 0;
  for (let t = 0; t < slotPair.length; t++) {
    const k = slotPair[t]!;
    if (k < 0) continue;
    const vertex = (t - (t % slots)) / slots;
    const other = low[k] === vertex ? high[k]! : low[k]!;
    if (other < vertex && containsPair(slotPair, other * slots, k)) continue;
    edge[count] = k;
    edgeLow[count] = low[k]!;
    edgeHigh[count] = high[k]!;
    edgeWeight[count] = slotWeight[t]!;
    count++;
  }
  while (count > 0) count = boruvkaRound(forest, edge, edgeLow, edgeHigh, edgeWeight, count, true);
  if (forest.size >= n - components) return;
  while (boruvkaRound(forest, null, low, high, weight, low.length, false) > 0);
}

// Keeps a vertex's heaviest pairs in its slots, heaviest first (an empty slot weighs 0,
// which every pair outweighs); a pair offered later with the same weight ranks below
// (pairs arrive in index order).
function offerCandidate(slotPair: Int32Array, slotWeight: Float64Array, start: number, k: number, w: number): void {
  let slot = start + CANDIDATES_PER_DATAPOINT - 1;
  if (!(w > slotWeight[slot]!)) return;
  while (slot > start && w > slotWeight[slot - 1]!) {
    slotPair[slot] = slotPair[slot - 1]!;
    slotWeight[slot] = slotWeight[slot - 1]!;
    slot--;
  }
  slotPair[slot] = k;
  slotWeight[slot] = w;
}

function containsPair(slotPair: Int32Array, start: number, k: number): boolean {
  for (let s = start; s < start + CANDIDATES_PER_DATAPOINT; s++) if (slotPair[s] === k) return true;
  return false;
}

/**
 * One round of Borůvka's algorithm over `count` edges (pair indices `edge[t]`, or t itself
 * when `edge` is null): each tree of the forest so far (union–find `forest.parent`) takes
 * its heaviest edge to another tree. Returns how many edges joined two trees at the start
 * of the round; with `compact`, those are moved to the front so the next round scans only
 * them.
 */
function boruvkaRound(
  forest: SpanningForest,
  edge: Int32Array | null,
  edgeLow: Int32Array,
  edgeHigh: Int32Array,
  edgeWeight: Float64Array,
  count: number,
  compact: boolean,
): number {
  const { parent, root, best } = forest;
  for (let i = 0; i < parent.length; i++) root[i] = findRoot(parent, i);
  best.fill(-1);
  let kept = 0;
  for (let t = 0; t < count; t++) {
    const w = edgeWeight[t]!;
    if (!(w > 0)) continue;
    const a = root[edgeLow[t]!]!;
    const b = root[edgeHigh[t]!]!;
    if (a === b) continue;
    let slot = t;
    if (compact) {
      slot = kept;
      edge![slot] = edge![t]!;
      edgeLow[slot] = edgeLow[t]!;
      edgeHigh[slot] = edgeHigh[t]!;
      edgeWeight[slot] = w;
    }
    kept++;
    if (heavier(edge, edgeWeight, slot, best[a]!)) best[a] = slot;
    if (heavier(edge, edgeWeight, slot, best[b]!)) best[b] = slot;
  }
  for (let i = 0; i < parent.length; i++) {
    const slot = best[i]!;
    if (slot < 0) continue;
    const a = findRoot(parent, edgeLow[slot]!);
    const b = findRoot(parent, edgeHigh[slot]!);
    // Ties broken by pair index make the chosen edges acyclic, but two trees often
    // choose the same edge: it joins them once.
    if (a === b) continue;
    parent[Math.max(a, b)] = Math.min(a, b);
    forest.forest[forest.size++] = edge === null ? slot : edge[slot]!;
  }
  return kept;
}

// Whether the edge in slot s is heavier than the one in slot `than` (−1: none), ties to
// the lower pair index.
function heavier(edge: Int32Array | null, edgeWeight: Float64Array, s: number, than: number): boolean {
  if (than < 0) return true;
  const w = edgeWeight[s]!;
  const v = edgeWeight[than]!;
  if (w !== v) return w > v;
  return edge === null ? s < than : edge[s]! < edge[than]!;
}
