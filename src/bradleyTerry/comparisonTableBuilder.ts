/**
 * Building a {@link ComparisonTable} one comparison at a time, keeping only aggregates.
 *
 * The pair index is an open-addressing hash table with linear probing (Knuth, TAOCP
 * vol. 3, §6.4, algorithm L) over one `Int32Array`, each slot holding the pair's two
 * datapoints beside its number, so a probe reads one cache line: with a million pairs
 * the table is far larger than the cache, and a probe that had to look the pair up
 * elsewhere would miss it twice more. A million pairs cost a few typed arrays rather
 * than a million `Map` entries.
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { grownCopy } from '../state/grownCopy.js';
import type { comparisonTable } from './comparisonTable.js';
import { tableOf, type ComparisonTable } from './comparisonTableData.js';
import type { Comparison } from './comparisonTypes.js';
import { itemPath, parseComparisonInto, type ParsedComparison } from './parseComparison.js';

/**
 * Largest total weight of one datapoint's comparisons: beyond 2^53, adding a single game
 * would be lost to rounding, and far beyond it the fit's sums would overflow.
 */
export const MAX_DATAPOINT_WEIGHT = 2 ** 53;

/** A comparison as {@link ComparisonTableBuilder.addItem} read it, with its datapoints' numbers. @internal */
export interface AddedComparison extends ParsedComparison {
  /** The number of `first` in the table (its position in `ids`). */
  firstIndex: number;
  /** The number of `second`. */
  secondIndex: number;
}

const INITIAL_CAPACITY = 16;
// The datapoints #allocate makes room for: as many as pairs, within these bounds (more grow).
const MAX_INITIAL_DATAPOINTS = 1024;
// Up to this many pairs the hash table shares the one buffer (32 KB at most, kept alive by
// a table built from it); above, it has its own, which no table keeps.
const SLOTS_IN_BUFFER_UP_TO = 1024;
// What a builder holds before its first add: arrays of length 0, never written, so shared.
const NO_DOUBLES = /* @__PURE__ */ new Float64Array(0);
const NO_INTS = /* @__PURE__ */ new Int32Array(0);
/**
 * Most pairs {@link ComparisonTableBuilder.reservePairs} makes room for: 2^20, 64 MB of
 * arrays and hash table, about what a million records' objects take already.
 * @internal
 */
export const MAX_RESERVED_PAIRS = 2 ** 20;
// A hash slot is four int32s: pair number + 1 (0 = empty), low, high, unused (for alignment).
const SLOT = 4;

/**
 * Builds a {@link ComparisonTable} one comparison at a time, keeping only the
 * aggregates: a caller streaming a million-row file holds O(datapoints + distinct
 * pairs) memory, not the rows. `add` costs O(1) expected (amortised over the growth of
 * the arrays) and allocates nothing for a datapoint or a pair it has seen before.
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
  #ids: string[] = [];
  // The arrays are empty until the first add makes them all in one buffer (#allocate),
  // sized by reservePairs when the caller knows the input's length: a table of a few
  // comparisons costs one allocation, not a dozen, whose allocation and collection were
  // most of the time of a fit of 4 datapoints.
  #wins: Float64Array = NO_DOUBLES;
  #losses: Float64Array = NO_DOUBLES;
  #draws: Float64Array = NO_DOUBLES;

  #pairCount = 0;
  #low: Int32Array = NO_INTS;
  #high: Int32Array = NO_INTS;
  // Six win columns: [unsided, low-left, high-left] × [low's wins, high's wins], each
  // pair of columns made when first written: records never write the unsided one, pair
  // counts only that one, and a million pairs take 16 MB a pair of columns.
  #pairWins: (Float64Array | null)[] = [null, null, null, null, null, null];
  // Twice as many slots as pairs fit in the columns, so the table is at most half full.
  #slots: Int32Array = NO_INTS;
  // The pairs #allocate makes room for.
  #capacity = INITIAL_CAPACITY;
  // From the first buffer until the pair arrays grow: the first pair of win columns to be
  // written, and a column never written, which build() hands out for the unwritten ones.
  #spareColumns: readonly [Float64Array, Float64Array] | null = null;
  #zero: Float64Array = NO_DOUBLES;
  // A literal: spreading a scratch ParsedComparison into it took 1.6 µs.
  readonly #added: AddedComparison = { first: '', second: '', sided: false, firstWins: 0, secondWins: 0, draws: 0, firstIndex: 0, secondIndex: 0 };
  // Set by build(), whose table holds these very arrays: the next add copies them first.
  #shared = false;

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
   * @throws {@link RankingInputError} as described for {@link comparisonTable}, when
   *   `path` is not a string, and when a datapoint's total weight would exceed
   *   {@link MAX_DATAPOINT_WEIGHT}.
   */
  add(comparison: unknown, path: string): void {
    requirePath(path);
    this.addItem(comparison, path, -1);
  }

  /**
   * {@link add} for item `index` of an input named `base` (errors say `base[index]`,
   * spelt out only then), without the check of `base`. Returns the item as read, with
   * its datapoints' numbers, in a scratch record the next call overwrites (the bootstrap
   * reads its fields too).
   * @internal
   */
  addItem(comparison: unknown, base: string, index: number): Readonly<AddedComparison> {
    if (this.#shared) this.#unshare();
    const parsed = this.#added;
    parseComparisonInto(comparison, parsed, base, index);
    const firstIndex = this.#index.get(parsed.first);
    const secondIndex = this.#index.get(parsed.second);
    const weight = parsed.firstWins + parsed.secondWins + parsed.draws;
    if (weight > MAX_DATAPOINT_WEIGHT) throw new RankingInputError(itemPath(base, index), 'has a total weight above 2^53');
    this.#checkTotal(firstIndex, weight, base, index);
    this.#checkTotal(secondIndex, weight, base, index);

    if (this.#low.length === 0) this.#allocate();
    const i = firstIndex ?? this.#intern(parsed.first);
    const j = secondIndex ?? this.#intern(parsed.second);
    parsed.firstIndex = i;
    parsed.secondIndex = j;
    this.#wins[i]! += parsed.firstWins;
    this.#losses[i]! += parsed.secondWins;
    this.#draws[i]! += parsed.draws;
    this.#wins[j]! += parsed.secondWins;
    this.#losses[j]! += parsed.firstWins;
    this.#draws[j]! += parsed.draws;

    const firstIsLow = i < j;
    const pair = this.#pairSlot(firstIsLow ? i : j, firstIsLow ? j : i);
    const lowWins = (firstIsLow ? parsed.firstWins : parsed.secondWins) + parsed.draws / 2;
    const highWins = (firstIsLow ? parsed.secondWins : parsed.firstWins) + parsed.draws / 2;
    // Column pair 0: unsided; 1: low on the left; 2: high on the left (first = left).
    const column = parsed.sided ? (firstIsLow ? 2 : 4) : 0;
    const lowColumn = this.#pairWins[column] ?? this.#addColumns(column);
    lowColumn[pair]! += lowWins;
    this.#pairWins[column + 1]![pair]! += highWins;
    return parsed;
  }

  /**
   * Makes room for `pairs` distinct pairs (at most {@link MAX_RESERVED_PAIRS}) before the
   * first comparison, so that a table read from an array of known length allocates its pair
   * arrays and hash table once rather than doubling into them: the doublings' copies and
   * rehashing, and the full collections that their discarded arrays set off, were a fifth
   * of the time of a million records. No effect once a comparison has been added.
   * @internal
   */
  reservePairs(pairs: number): void {
    if (typeof pairs !== 'number' || this.#low.length > 0 || !(pairs > this.#capacity)) return;
    this.#capacity = Math.max(this.#capacity, Math.min(2 ** Math.ceil(Math.log2(pairs)), MAX_RESERVED_PAIRS));
  }

  /**
   * The table of everything added so far. The builder stays usable; later additions do
   * not affect tables already built: the table takes the builder's arrays as they are
   * (a million pairs are 60 MB of them, so a table built once is never copied), and the
   * first {@link add} after a build copies them before it writes. O(distinct pairs) at
   * most (a zero column for the sides no comparison was shown on); that first add
   * O(datapoints + distinct pairs).
   */
  build(): ComparisonTable {
    const n = this.#ids.length;
    const m = this.#pairCount;
    // Room reserved beyond twice the pairs (reservePairs) is not kept alive by the table.
    // (The datapoints' arrays share the pairs' buffer, so they are copied then too.)
    const trim = this.#low.length > 2 * Math.max(m, INITIAL_CAPACITY);
    const pairs = <T extends Int32Array | Float64Array>(values: T): T => (trim ? values.slice(0, m) : values.subarray(0, m)) as T;
    const datapoints = (values: Float64Array): Float64Array => (trim ? values.slice(0, n) : values.subarray(0, n));
    // Columns never written are zero: they share one array, read-only like the rest.
    let zero: Float64Array | null = null;
    const column = (k: number): Float64Array => {
      const values = this.#pairWins[k];
      if (values) return pairs(values);
      zero ??= !trim && this.#zero.length >= m ? this.#zero.subarray(0, m) : new Float64Array(m);
      return zero;
    };
    this.#shared = true;
    return tableOf({
      ids: Object.freeze(this.#ids),
      wins: datapoints(this.#wins),
      losses: datapoints(this.#losses),
      draws: datapoints(this.#draws),
      pairCount: m,
      low: pairs(this.#low),
      high: pairs(this.#high),
      unsided: { low: column(0), high: column(1) },
      lowLeft: { low: column(2), high: column(3) },
      highLeft: { low: column(4), high: column(5) },
    });
  }

  // Copies the arrays a built table holds, so that the builder can write again.
  #unshare(): void {
    this.#ids = this.#ids.slice();
    this.#wins = this.#wins.slice();
    this.#losses = this.#losses.slice();
    this.#draws = this.#draws.slice();
    this.#low = this.#low.slice();
    this.#high = this.#high.slice();
    this.#pairWins = this.#pairWins.map((column) => column && column.slice());
    this.#shared = false;
  }

  // Makes the pair of win columns that starts at `column` (the first buffer's, if still
  // unused); returns its first.
  #addColumns(column: number): Float64Array {
    const capacity = this.#low.length;
    const [low, high] = this.#spareColumns ?? [new Float64Array(capacity), new Float64Array(capacity)];
    this.#spareColumns = null;
    this.#pairWins[column] = low;
    this.#pairWins[column + 1] = high;
    return low;
  }

  // Makes every array, in one buffer: #capacity pairs, as many datapoints within
  // [INITIAL_CAPACITY, MAX_INITIAL_DATAPOINTS], a pair of win columns (the first to be
  // written), the zero column and, up to SLOTS_IN_BUFFER_UP_TO pairs, the hash table.
  #allocate(): void {
    const capacity = this.#capacity;
    const datapoints = Math.min(Math.max(capacity, INITIAL_CAPACITY), MAX_INITIAL_DATAPOINTS);
    const slotCount = 2 * capacity * SLOT;
    const slotsInBuffer = capacity <= SLOTS_IN_BUFFER_UP_TO;
    const buffer = new ArrayBuffer(8 * (3 * datapoints + 3 * capacity) + 4 * (2 * capacity + (slotsInBuffer ? slotCount : 0)));
    let offset = 0;
    const doubles = (length: number): Float64Array => {
      const view = new Float64Array(buffer, offset, length);
      offset += 8 * length;
      return view;
    };
    const ints = (length: number): Int32Array => {
      const view = new Int32Array(buffer, offset, length);
      offset += 4 * length;
      return view;
    };
    this.#wins = doubles(datapoints);
    this.#losses = doubles(datapoints);
    this.#draws = doubles(datapoints);
    this.#spareColumns = [doubles(capacity), doubles(capacity)];
    this.#zero = doubles(capacity);
    this.#low = ints(capacity);
    this.#high = ints(capacity);
    this.#slots = slotsInBuffer ? ints(slotCount) : new Int32Array(slotCount);
  }

  #checkTotal(index: number | undefined, weight: number, base: string, item: number): void {
    checkDatapointTotal(this.#wins, this.#losses, this.#draws, this.#ids, index, weight, base, item);
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

  // The number of pair (low, high), low < high, created with zero wins if new.
  #pairSlot(low: number, high: number): number {
    let slots = this.#slots;
    let mask = slots.length / SLOT - 1;
    let slot = pairHash(low, high) & mask;
    for (;;) {
      const at = slot * SLOT;
      const entry = slots[at]!;
      if (entry === 0) break;
      if (slots[at + 1] === low && slots[at + 2] === high) return entry - 1;
      slot = (slot + 1) & mask;
    }
    const pair = this.#pairCount;
    if (pair === this.#low.length) {
      this.#growPairs();
      slots = this.#slots;
      mask = slots.length / SLOT - 1;
      slot = pairHash(low, high) & mask;
      while (slots[slot * SLOT] !== 0) slot = (slot + 1) & mask;
    }
    this.#low[pair] = low;
    this.#high[pair] = high;
    const at = slot * SLOT;
    slots[at] = pair + 1;
    slots[at + 1] = low;
    slots[at + 2] = high;
    this.#pairCount++;
    return pair;
  }

  #growPairs(): void {
    // The first buffer is let go: the datapoints' arrays move out of it too.
    if (this.#wins.buffer === this.#low.buffer) {
      this.#wins = this.#wins.slice();
      this.#losses = this.#losses.slice();
      this.#draws = this.#draws.slice();
    }
    this.#spareColumns = null;
    this.#zero = NO_DOUBLES;
    const capacity = 2 * this.#low.length;
    this.#low = grownCopy(this.#low, capacity);
    this.#high = grownCopy(this.#high, capacity);
    this.#pairWins = this.#pairWins.map((column) => column && grownCopy(column, capacity));
    // Rehashed in the order of the old slots, which sends each entry to its old slot or
    // one an old table's length further on: two nearly sequential streams of writes
    // rather than one random write a pair.
    const old = this.#slots;
    const slots = new Int32Array(2 * old.length);
    const mask = slots.length / SLOT - 1;
    for (let from = 0; from < old.length; from += SLOT) {
      const entry = old[from]!;
      if (entry === 0) continue;
      const low = old[from + 1]!;
      const high = old[from + 2]!;
      let slot = pairHash(low, high) & mask;
      while (slots[slot * SLOT] !== 0) slot = (slot + 1) & mask;
      const at = slot * SLOT;
      slots[at] = entry;
      slots[at + 1] = low;
      slots[at + 2] = high;
    }
    this.#slots = slots;
  }
}

/**
 * Refuses item `item` of `base` when it would bring datapoint `index` (undefined: a new
 * one, whose total is the item's own weight, checked by the caller) above
 * {@link MAX_DATAPOINT_WEIGHT}, given the datapoints' totals so far; the one check of the
 * builder and of `arrayComparisonTable`, so both refuse with the same error.
 * @internal
 */
export function checkDatapointTotal(
  wins: Float64Array,
  losses: Float64Array,
  draws: Float64Array,
  ids: readonly string[],
  index: number | undefined,
  weight: number,
  base: string,
  item: number,
): void {
  if (index === undefined) return;
  if (wins[index]! + losses[index]! + draws[index]! + weight > MAX_DATAPOINT_WEIGHT) {
    throw new RankingInputError(itemPath(base, item), `would bring the total weight of datapoint ${describeValue(ids[index])} above 2^53`);
  }
}

/** The `path` argument errors are named by: a string. @internal */
export function requirePath(path: unknown): asserts path is string {
  if (typeof path !== 'string') throw new RankingInputError('path', `must be a string (how errors name the input), got ${describeValue(path)}`);
}

// A 32-bit mix of the two indices (multiplicative hashing with the golden-ratio and
// MurmurHash3 constants, then a final xor-shift so the low bits depend on all of them).
function pairHash(low: number, high: number): number {
  let h = Math.imul(low, 0x9e3779b1) ^ Math.imul(high, 0x85ebca6b);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  return h ^ (h >>> 15);
}
