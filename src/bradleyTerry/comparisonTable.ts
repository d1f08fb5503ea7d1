/**
 * Comparisons validated and aggregated into a sparse table: one row per datapoint and
 * one per unordered pair that met, never an n × n matrix. This is all the
 * Bradley–Terry likelihood needs (Bradley & Terry, "Rank analysis of incomplete block
 * designs: I", Biometrika 39(3/4), 1952): per pair, the wins of each side, kept apart by
 * how the games were shown so that the position effect can be fitted too.
 *
 * The pair index is an open-addressing hash table with linear probing (Knuth, TAOCP
 * vol. 3, §6.4, algorithm L) over `Int32Array` slots, so a million pairs cost a few
 * typed arrays rather than a million `Map` entries.
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { grownCopy } from '../state/grownCopy.js';
import { ownValue, requireNonEmptyString, requireOneOf } from '../validate.js';
import type { Comparison, ComparisonOutcome } from './comparisonTypes.js';

// `ranking` and `matchupId` come with `job.comparisons()` records; the fit ignores them.
const RECORD_FIELDS = ['left', 'right', 'outcome', 'weight', 'labelerId', 'ranking', 'matchupId'] as const;
const PAIR_COUNT_FIELDS = ['a', 'b', 'aWins', 'bWins', 'draws'] as const;
const OUTCOMES: readonly ComparisonOutcome[] = ['left', 'right', 'draw'];
const SHAPE = 'must be a comparison record { left, right, outcome } or pair counts { a, b, aWins, bWins }';

/**
 * Largest total weight of one datapoint's comparisons: beyond 2^53, adding a single game
 * would be lost to rounding, and far beyond it the fit's sums would overflow.
 */
export const MAX_DATAPOINT_WEIGHT = 2 ** 53;

const INITIAL_CAPACITY = 16;

/**
 * Wins of the two datapoints of each pair, one slot per pair (draws add half a win to
 * each side). @internal
 */
export interface PairWins {
  /** Wins of the pair's lower-numbered datapoint. */
  readonly low: Float64Array;
  /** Wins of the pair's higher-numbered datapoint. */
  readonly high: Float64Array;
}

/** The arrays behind a {@link ComparisonTable}; read-only by convention. @internal */
export interface ComparisonTableData {
  /** Datapoint ids in order of first appearance; a datapoint's index is its position. */
  readonly ids: readonly string[];
  /** Weighted wins, losses and draws per datapoint (a draw counted whole here). */
  readonly wins: Float64Array;
  readonly losses: Float64Array;
  readonly draws: Float64Array;
  /** Number of distinct pairs that met. */
  readonly pairCount: number;
  /** The pair's datapoints, `low[k] < high[k]`. */
  readonly low: Int32Array;
  readonly high: Int32Array;
  /** Games from pair counts: which side each was shown on is unknown. */
  readonly unsided: PairWins;
  /** Records with the low datapoint on the left. */
  readonly lowLeft: PairWins;
  /** Records with the high datapoint on the left. */
  readonly highLeft: PairWins;
}

const tableData = new WeakMap<ComparisonTable, ComparisonTableData>();

/**
 * Comparisons aggregated per pair, ready for `fitBradleyTerry`: build one with
 * {@link comparisonTable} or, from a stream, with {@link ComparisonTableBuilder}, then
 * fit it as often as needed (for example with different options) without re-reading
 * the comparisons. Memory is O(datapoints + distinct pairs).
 *
 * @example
 * ```ts
 * const table = comparisonTable(records);
 * const plain = fitBradleyTerry(table);
 * const withBias = fitBradleyTerry(table, { positionEffect: true });
 * ```
 */
export class ComparisonTable {
  /** Datapoint ids in order of first appearance (the order of the fit's entries). */
  readonly ids: readonly string[];
  /** How many distinct datapoints the comparisons name. */
  readonly datapointCount: number;
  /** How many distinct unordered pairs met at least once. */
  readonly pairCount: number;

  /** @internal Use {@link comparisonTable} or {@link ComparisonTableBuilder.build}. */
  constructor(data: ComparisonTableData) {
    this.ids = data.ids;
    this.datapointCount = data.ids.length;
    this.pairCount = data.pairCount;
    tableData.set(this, data);
  }
}

/**
 * The arrays behind a table, or undefined for anything that is not a table made by this
 * module. @internal
 */
export function comparisonTableData(table: unknown): ComparisonTableData | undefined {
  return typeof table === 'object' && table !== null ? tableData.get(table as ComparisonTable) : undefined;
}

/**
 * Validates and aggregates comparisons into a {@link ComparisonTable}. Reads each item
 * once and keeps none of them, so any iterable works, including a generator over a file.
 * Runs in O(items) expected time and O(datapoints + distinct pairs) memory.
 *
 * @param comparisons - Records (`{ left, right, outcome, weight?, labelerId? }`) and
 *   pair counts (`{ a, b, aWins, bWins, draws? }`), in any mix.
 * @param path - How errors name the input; item `i` is `${path}[i]`.
 * @returns The table; the input is not modified.
 * @throws {@link RankingInputError} when the input is not iterable, or an item is
 *   neither shape, has an unknown field, an empty id, the same datapoint on both
 *   sides, an unknown outcome, or a weight or count that is not a finite number ≥ 0;
 *   and when a datapoint's total weight would exceed {@link MAX_DATAPOINT_WEIGHT}.
 * @example
 * ```ts
 * const table = comparisonTable([
 *   { left: 'a', right: 'b', outcome: 'left' },
 *   { a: 'b', b: 'c', aWins: 3, bWins: 1 },
 * ]);
 * table.ids; // ['a', 'b', 'c']
 * table.pairCount; // 2
 * ```
 */
export function comparisonTable(comparisons: Iterable<Comparison>, path = 'comparisons'): ComparisonTable {
  // Strings are iterable too, but never a list of comparisons.
  if (typeof comparisons !== 'object' || comparisons === null || typeof (comparisons as Partial<Iterable<unknown>>)[Symbol.iterator] !== 'function') {
    throw new RankingInputError(path, `must be an array or another iterable of comparisons, got ${describeValue(comparisons)}`);
  }
  const builder = new ComparisonTableBuilder();
  let index = 0;
  for (const comparison of comparisons) {
    builder.add(comparison, `${path}[${index}]`);
    index++;
  }
  return builder.build();
}

/** One validated item, before its ids are interned. */
interface ParsedComparison {
  readonly first: string;
  readonly second: string;
  /** Whether `first` was shown on the left (records) or the side is unknown (pair counts). */
  readonly sided: boolean;
  readonly firstWins: number;
  readonly secondWins: number;
  readonly draws: number;
}

/**
 * Builds a {@link ComparisonTable} one comparison at a time, keeping only the
 * aggregates: a caller streaming a million-row file holds O(datapoints + distinct
 * pairs) memory, not the rows. `add` costs O(1) expected (amortised over the growth of
 * the arrays).
 *
 * @example
 * ```ts
 * const builder = new ComparisonTableBuilder();
 * for (const [i, row] of rows.entries()) builder.add(row, `line ${i + 1}`);
 * const fit = fitBradleyTerry(builder.build());
 * ```
 */
export class ComparisonTableBuilder {
  readonly #index = new Map<string, number>();
  readonly #ids: string[] = [];
  #wins = new Float64Array(INITIAL_CAPACITY);
  #losses = new Float64Array(INITIAL_CAPACITY);
  #draws = new Float64Array(INITIAL_CAPACITY);

  #pairCount = 0;
  #low = new Int32Array(INITIAL_CAPACITY);
  #high = new Int32Array(INITIAL_CAPACITY);
  // Six win columns: [unsided, low-left, high-left] × [low's wins, high's wins].
  #pairWins: Float64Array[] = Array.from({ length: 6 }, () => new Float64Array(INITIAL_CAPACITY));
  // Hash slots hold pair index + 1 (0 = empty); kept at most half full.
  #slots = new Int32Array(2 * INITIAL_CAPACITY);

  /** How many distinct datapoints have been seen so far. */
  get datapointCount(): number {
    return this.#ids.length;
  }

  /**
   * Validates one comparison and adds it to the aggregates. A comparison that throws
   * changes nothing. O(1) expected.
   *
   * @param comparison - A record or pair counts (see {@link Comparison}).
   * @param path - How errors name this item, e.g. `comparisons[3]` (fields get `.left`, …).
   * @throws {@link RankingInputError} as described for {@link comparisonTable}, and when
   *   a datapoint's total weight would exceed {@link MAX_DATAPOINT_WEIGHT}.
   */
  add(comparison: unknown, path: string): void {
    const parsed = parseComparison(comparison, path);
    const firstIndex = this.#index.get(parsed.first);
    const secondIndex = this.#index.get(parsed.second);
    const weight = parsed.firstWins + parsed.secondWins + parsed.draws;
    if (weight > MAX_DATAPOINT_WEIGHT) throw new RankingInputError(path, 'has a total weight above 2^53');
    this.#checkTotal(firstIndex, weight, path);
    this.#checkTotal(secondIndex, weight, path);

    const i = firstIndex ?? this.#intern(parsed.first);
    const j = secondIndex ?? this.#intern(parsed.second);
    this.#wins[i]! += parsed.firstWins;
    this.#losses[i]! += parsed.secondWins;
    this.#draws[i]! += parsed.draws;
    this.#wins[j]! += parsed.secondWins;
    this.#losses[j]! += parsed.firstWins;
    this.#draws[j]! += parsed.draws;

    const pair = this.#pairSlot(Math.min(i, j), Math.max(i, j));
    const firstIsLow = i < j;
    const lowWins = (firstIsLow ? parsed.firstWins : parsed.secondWins) + parsed.draws / 2;
    const highWins = (firstIsLow ? parsed.secondWins : parsed.firstWins) + parsed.draws / 2;
    // Column pair 0: unsided; 1: low on the left; 2: high on the left (first = left).
    const column = parsed.sided ? (firstIsLow ? 2 : 4) : 0;
    this.#pairWins[column]![pair]! += lowWins;
    this.#pairWins[column + 1]![pair]! += highWins;
  }

  /**
   * The table of everything added so far. The builder stays usable; later additions do
   * not affect tables already built. O(datapoints + distinct pairs).
   */
  build(): ComparisonTable {
    const n = this.#ids.length;
    const m = this.#pairCount;
    const column = (k: number): Float64Array => this.#pairWins[k]!.slice(0, m);
    return new ComparisonTable({
      ids: Object.freeze(this.#ids.slice()),
      wins: this.#wins.slice(0, n),
      losses: this.#losses.slice(0, n),
      draws: this.#draws.slice(0, n),
      pairCount: m,
      low: this.#low.slice(0, m),
      high: this.#high.slice(0, m),
      unsided: { low: column(0), high: column(1) },
      lowLeft: { low: column(2), high: column(3) },
      highLeft: { low: column(4), high: column(5) },
    });
  }

  #checkTotal(index: number | undefined, weight: number, path: string): void {
    if (index === undefined) return;
    if (this.#wins[index]! + this.#losses[index]! + this.#draws[index]! + weight > MAX_DATAPOINT_WEIGHT) {
      throw new RankingInputError(path, `would bring the total weight of datapoint ${describeValue(this.#ids[index])} above 2^53`);
    }
  }

  #intern(id: string): number {
    const index = this.#ids.length;
    if (index === this.#wins.length) {
      const capacity = 2 * index;
      this.#wins = grownCopy(this.#wins, capacity);
      this.#losses = grownCopy(this.#losses, capacity);
      this.#draws = grownCopy(this.#draws, capacity);
    }
    this.#ids.push(id);
    this.#index.set(id, index);
    return index;
  }

  // The slot of pair (low, high), low < high, created with zero wins if new.
  #pairSlot(low: number, high: number): number {
    const mask = this.#slots.length - 1;
    let slot = pairHash(low, high) & mask;
    for (;;) {
      const entry = this.#slots[slot]!;
      if (entry === 0) break;
      if (this.#low[entry - 1] === low && this.#high[entry - 1] === high) return entry - 1;
      slot = (slot + 1) & mask;
    }
    const pair = this.#pairCount;
    if (pair === this.#low.length) {
      this.#growPairs();
      return this.#pairSlot(low, high);
    }
    this.#low[pair] = low;
    this.#high[pair] = high;
    this.#slots[slot] = pair + 1;
    this.#pairCount++;
    return pair;
  }

  #growPairs(): void {
    const capacity = 2 * this.#low.length;
    this.#low = grownCopy(this.#low, capacity);
    this.#high = grownCopy(this.#high, capacity);
    this.#pairWins = this.#pairWins.map((column) => grownCopy(column, capacity));
    const slots = new Int32Array(2 * capacity);
    const mask = slots.length - 1;
    for (let pair = 0; pair < this.#pairCount; pair++) {
      let slot = pairHash(this.#low[pair]!, this.#high[pair]!) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = pair + 1;
    }
    this.#slots = slots;
  }
}

// A 32-bit mix of the two indices (multiplicative hashing with the golden-ratio and
// MurmurHash3 constants, then a final xor-shift so the low bits depend on all of them).
function pairHash(low: number, high: number): number {
  let h = Math.imul(low, 0x9e3779b1) ^ Math.imul(high, 0x85ebca6b);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  return h ^ (h >>> 15);
}

function parseComparison(comparison: unknown, path: string): ParsedComparison {
  if (typeof comparison !== 'object' || comparison === null || Array.isArray(comparison)) {
    throw new RankingInputError(path, `${SHAPE}, got ${describeValue(comparison)}`);
  }
  const object = comparison as Record<string, unknown>;
  const has = (key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);
  if (has('left') || has('right') || has('outcome')) return parseRecord(object, path);
  if (has('a') || has('b') || has('aWins') || has('bWins')) return parsePairCounts(object, path);
  throw new RankingInputError(path, `${SHAPE}, got an object without those fields`);
}

function parseRecord(object: Record<string, unknown>, path: string): ParsedComparison {
  rejectUnknownFields(object, RECORD_FIELDS, 'a comparison record', path);
  const left = requireNonEmptyString(ownValue(object, 'left'), `${path}.left`);
  const right = requireDistinctId(ownValue(object, 'right'), left, 'left', `${path}.right`);
  const outcome = requireOneOf(ownValue(object, 'outcome'), OUTCOMES, `${path}.outcome`);
  const weightValue = ownValue(object, 'weight');
  const weight = weightValue === undefined ? 1 : requireWeight(weightValue, `${path}.weight`);
  const labelerId = ownValue(object, 'labelerId');
  if (labelerId !== undefined && typeof labelerId !== 'string') {
    throw new RankingInputError(`${path}.labelerId`, `must be a string when given, got ${describeValue(labelerId)}`);
  }
  return {
    first: left,
    second: right,
    sided: true,
    firstWins: outcome === 'left' ? weight : 0,
    secondWins: outcome === 'right' ? weight : 0,
    draws: outcome === 'draw' ? weight : 0,
  };
}

function parsePairCounts(object: Record<string, unknown>, path: string): ParsedComparison {
  rejectUnknownFields(object, PAIR_COUNT_FIELDS, 'pair counts', path);
  const a = requireNonEmptyString(ownValue(object, 'a'), `${path}.a`);
  const b = requireDistinctId(ownValue(object, 'b'), a, 'a', `${path}.b`);
  const aWins = requireWeight(ownValue(object, 'aWins'), `${path}.aWins`);
  const bWins = requireWeight(ownValue(object, 'bWins'), `${path}.bWins`);
  const drawsValue = ownValue(object, 'draws');
  const draws = drawsValue === undefined ? 0 : requireWeight(drawsValue, `${path}.draws`);
  return { first: a, second: b, sided: false, firstWins: aWins, secondWins: bWins, draws };
}

function rejectUnknownFields(object: Record<string, unknown>, allowed: readonly string[], kind: string, path: string): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      throw new RankingInputError(`${path}.${key}`, `is not a field of ${kind}; allowed: ${allowed.join(', ')}`);
    }
  }
}

function requireDistinctId(value: unknown, other: string, otherName: string, path: string): string {
  const id = requireNonEmptyString(value, path);
  if (id === other) {
    throw new RankingInputError(path, `must differ from ${otherName} (a datapoint is not compared with itself), got ${describeValue(id)} for both`);
  }
  return id;
}

function requireWeight(value: unknown, path: string): number {
  if (typeof value !== 'number' || !(value >= 0 && value < Infinity)) {
    throw new RankingInputError(path, `must be a finite number ≥ 0, got ${describeValue(value)}`);
  }
  return value;
}

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
  const lowWins = new Float64Array(m);
  const highWins = new Float64Array(m);
  for (const side of [data.unsided, data.lowLeft, data.highLeft]) {
    for (let k = 0; k < m; k++) {
      lowWins[k]! += side.low[k]!;
      highWins[k]! += side.high[k]!;
    }
  }

  const groups = connectedGroups(n, data.low, data.high, (k) => lowWins[k]! + highWins[k]! > 0);
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

// Groups of datapoints joined by pairs that `joined` accepts (union–find with path
// halving), each group's members ascending, groups ordered by their first member.
function connectedGroups(n: number, low: Int32Array, high: Int32Array, joined: (pair: number) => boolean): number[][] {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    let x = i;
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (let k = 0; k < low.length; k++) {
    if (!joined(k)) continue;
    const a = find(low[k]!);
    const b = find(high[k]!);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
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

/**
 * Strongly connected components of a digraph in compressed sparse rows: Tarjan,
 * "Depth-first search and linear graph algorithms", SIAM J. Comput. 1(2), 1972, with an
 * explicit stack so a long chain cannot overflow the call stack. O(vertices + edges).
 */
function stronglyConnectedComponents(offsets: Int32Array, targets: Int32Array): { count: number; component: Int32Array } {
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
