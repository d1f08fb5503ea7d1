/**
 * The comparison table of a long array, built in passes over columns: the same table
 * {@link ComparisonTableBuilder} makes item by item (the same ids, pairs in the same order,
 * every sum added in the same order, so equal to the bit), without its hash table of
 * pairs, whose one random probe per item into tens of megabytes was the largest cost of
 * a fit of a million records.
 *
 * 1. One pass in item order reads each item once (the builder's parser and checks, so
 *    the same item is refused with the same message), numbers its datapoints and adds to
 *    their wins, losses and draws, and keeps the item's pair (low, high), which pair of
 *    win columns it adds to and how much.
 * 2. A stable counting sort by the low datapoint moves the items into buckets, so each
 *    datapoint's items sit together, in item order.
 * 3. Within each bucket a mark per high datapoint finds the distinct pairs and adds up
 *    their wins, in item order (as the builder does: every item of a pair has the same
 *    low datapoint).
 * 4. The pairs are put back in the order of their first item, the builder's order (the
 *    sums made in bucket order, then stored scattered: adding in scattered places would
 *    wait on every load).
 *
 * O(items + datapoints) time. While it runs, besides the table's own arrays: 18 bytes per
 * item (50 when some item is not a record of weight 1) and 32–48 per distinct pair.
 * @internal
 * @module
 */
import { RankingInputError } from '../errors.js';
import { grownCopy } from '../state/grownCopy.js';
import { MAX_DATAPOINT_WEIGHT, checkDatapointTotal } from './comparisonTableBuilder.js';
import { tableOf, type ComparisonTable } from './comparisonTableData.js';
import { itemPath, parseComparisonInto, type ParsedComparison } from './parseComparison.js';

// The win columns: [unsided, low-left, high-left] × [low's wins, high's wins], as in the builder.
const COLUMNS = 6;
const INITIAL_DATAPOINTS = 1024;
// The most items the per-item columns are first made for (9 bytes each): `length` is only
// a hint, since the iterator decides what is read (a sparse array's length, or a Proxy's,
// may be anything); longer inputs grow the columns.
const MAX_INITIAL_ITEMS = 2 ** 24;

// What an item adds, as a code: 0–5 a record of weight 1 (low-left or high-left × the low
// datapoint won, the high one won, a draw), whose amounts the code tells; 6–8 any other
// item (unsided, low-left, high-left), whose amounts are kept as doubles. Most inputs are
// records of weight 1: their items then take no doubles at all.
const CODE_COLUMN = [2, 2, 2, 4, 4, 4, 0, 2, 4] as const;
const CODE_LOW_WINS = [1, 0, 0.5, 1, 0, 0.5] as const;
const CODE_HIGH_WINS = [0, 1, 0.5, 0, 1, 0.5] as const;
const FIRST_GENERAL_CODE = 6;

// The code of an item adding `lowWins` and `highWins` to `column`.
function codeOf(column: number, lowWins: number, highWins: number): number {
  if (column !== 0) {
    const side = column === 2 ? 0 : 3;
    if (lowWins === 1 && highWins === 0) return side;
    if (lowWins === 0 && highWins === 1) return side + 1;
    if (lowWins === 0.5 && highWins === 0.5) return side + 2;
  }
  return FIRST_GENERAL_CODE + column / 2;
}

// Where each code adds when the sides are merged: every code to the unsided columns.
const MERGED_COLUMN = [0, 0, 0, 0, 0, 0, 0, 0, 0] as const;
// Which columns some item adds to when the sides are merged.
const MERGED_USE = Uint8Array.of(1, 0, 0, 0, 0, 0);

/**
 * The table of `items`, read once each in iteration order; errors name `path[index]`.
 *
 * `sides` false is for a fit without the position effect, which reads only each pair's
 * totals over the sides: when every item is a record of weight 1 (codes 0–5), their
 * wins are all put in the unsided columns. Their amounts are 0, ½ and 1, so every sum is
 * exact whatever the order of its terms, and the unsided columns hold the totals a fit
 * of the full table would add up from the sided ones, bit for bit; the table takes two
 * columns of sums instead of four, and the fit no new ones for the totals (32 of the 91
 * megabytes of new arrays a fit of a million records made). Other items keep their sides.
 * @internal
 */
export function arrayComparisonTable(items: readonly unknown[], path: string, sides = true): ComparisonTable {
  // Each pass is a function of its own: V8 optimises a function whole, and one long
  // function reached each later loop with no type feedback and fell back to the
  // interpreter there (a fifth of the calls took three times as long).
  const read = readItems(items, path);
  const n = read.ids.length;
  const sorted = sortByLow(read, n);
  const { pairs, pairOf, rank } = numberPairs(read, sorted, n);
  const merged = !sides && read.lowWinsOf === null;
  const { low, high, sums } = sumPairs(read, sorted, n, pairs, pairOf, rank, merged);
  // Each column is stored in rank order into the array the column before it was summed
  // in (spent by then), so the columns take one new array in all, not one each; the last
  // spent one, zeroed, is the columns no item adds to. A fresh array costs page faults
  // besides its writes, and tens of megabytes of them a collection of the whole heap.
  let spare: Float64Array | null = null;
  const ordered = sums.map((values) => {
    if (values === null) return null;
    const out = inRankOrder(values, rank, spare ?? new Float64Array(pairs));
    spare = values;
    return out;
  });
  let zero: Float64Array | null = null;
  const column = (c: number): Float64Array => ordered[c] ?? (zero ??= spare === null ? new Float64Array(pairs) : (spare as Float64Array).fill(0));
  return tableOf({
    ids: Object.freeze(read.ids),
    wins: read.wins.slice(0, n),
    losses: read.losses.slice(0, n),
    draws: read.draws.slice(0, n),
    pairCount: pairs,
    low,
    high,
    unsided: { low: column(0), high: column(1) },
    lowLeft: { low: column(2), high: column(3) },
    highLeft: { low: column(4), high: column(5) },
  });
}

// What the pass over the items keeps: the datapoints and their totals, and per item its pair, code and (general codes) amounts.
interface ReadItems {
  readonly ids: string[];
  readonly wins: Float64Array;
  readonly losses: Float64Array;
  readonly draws: Float64Array;
  readonly count: number;
  readonly lowOf: Int32Array;
  readonly highOf: Int32Array;
  readonly codeOfItem: Uint8Array;
  readonly lowWinsOf: Float64Array | null;
  readonly highWinsOf: Float64Array | null;
  // Which win columns (by their first index) some item adds to.
  readonly used: Uint8Array;
}

// The items in buckets by low datapoint (bucket b is [start[b], start[b + 1])), in item order within each.
interface SortedItems {
  readonly start: Int32Array;
  readonly item: Int32Array;
  readonly high: Int32Array;
  readonly code: Uint8Array;
  readonly lowWins: Float64Array | null;
  readonly highWins: Float64Array | null;
}

// --- 1. Every item once, in order.
function readItems(items: readonly unknown[], path: string): ReadItems {
  const index = new Map<string, number>();
  const ids: string[] = [];
  let wins = new Float64Array(INITIAL_DATAPOINTS);
  let losses = new Float64Array(INITIAL_DATAPOINTS);
  let draws = new Float64Array(INITIAL_DATAPOINTS);
  // A whole number, as the growth below tests count === capacity (a Proxy's length of
  // 4096.5 made columns of 4 096 that never grew, and the items past them were lost).
  const length = items.length;
  let capacity = typeof length === 'number' && length >= 1 ? Math.min(Math.floor(length), MAX_INITIAL_ITEMS) : 1;
  let lowOf = new Int32Array(capacity);
  let highOf = new Int32Array(capacity);
  let codeOfItem = new Uint8Array(capacity);
  // The amounts of items with a general code, made when the first one comes.
  let lowWinsOf: Float64Array | null = null;
  let highWinsOf: Float64Array | null = null;
  const parsed: ParsedComparison = { first: '', second: '', sided: false, firstWins: 0, secondWins: 0, draws: 0 };
  const used = new Uint8Array(COLUMNS);
  let count = 0;
  // The iterator, as the builder reads it: an array whose iterator was replaced, or a Proxy, gives the same items.
  // (No closures over the growing arrays in this loop: they would live in a context, reloaded at every access.)
  for (const item of items) {
    parseComparisonInto(item, parsed, path, count);
    const firstIndex = index.get(parsed.first);
    const secondIndex = index.get(parsed.second);
    const weight = parsed.firstWins + parsed.secondWins + parsed.draws;
    if (weight > MAX_DATAPOINT_WEIGHT) throw new RankingInputError(itemPath(path, count), 'has a total weight above 2^53');
    checkDatapointTotal(wins, losses, draws, ids, firstIndex, weight, path, count);
    checkDatapointTotal(wins, losses, draws, ids, secondIndex, weight, path, count);
    if (ids.length + 2 > wins.length) {
      wins = grownCopy(wins, 2 * wins.length);
      losses = grownCopy(losses, 2 * losses.length);
      draws = grownCopy(draws, 2 * draws.length);
    }
    let i = firstIndex;
    if (i === undefined) {
      i = ids.length;
      ids.push(parsed.first);
      index.set(parsed.first, i);
    }
    let j = secondIndex;
    if (j === undefined) {
      j = ids.length;
      ids.push(parsed.second);
      index.set(parsed.second, j);
    }
    wins[i]! += parsed.firstWins;
    losses[i]! += parsed.secondWins;
    draws[i]! += parsed.draws;
    wins[j]! += parsed.secondWins;
    losses[j]! += parsed.firstWins;
    draws[j]! += parsed.draws;
    if (count === capacity) {
      capacity *= 2;
      lowOf = grownCopy(lowOf, capacity);
      highOf = grownCopy(highOf, capacity);
      codeOfItem = grownCopy(codeOfItem, capacity);
      if (lowWinsOf !== null) lowWinsOf = grownCopy(lowWinsOf, capacity);
      if (highWinsOf !== null) highWinsOf = grownCopy(highWinsOf, capacity);
    }
    const firstIsLow = i < j;
    const column = parsed.sided ? (firstIsLow ? 2 : 4) : 0;
    const lowWins = (firstIsLow ? parsed.firstWins : parsed.secondWins) + parsed.draws / 2;
    const highWins = (firstIsLow ? parsed.secondWins : parsed.firstWins) + parsed.draws / 2;
    const code = codeOf(column, lowWins, highWins);
    lowOf[count] = firstIsLow ? i : j;
    highOf[count] = firstIsLow ? j : i;
    codeOfItem[count] = code;
    if (code >= FIRST_GENERAL_CODE) {
      lowWinsOf ??= new Float64Array(capacity);
      highWinsOf ??= new Float64Array(capacity);
      lowWinsOf[count] = lowWins;
      highWinsOf[count] = highWins;
    }
    used[column] = 1;
    count++;
  }
  return { ids, wins, losses, draws, count, lowOf, highOf, codeOfItem, lowWinsOf, highWinsOf, used };
}

// --- 2. A stable counting sort of the items by their low datapoint: scattered stores into
// n streams, so that every later pass reads in order.
function sortByLow(read: ReadItems, n: number): SortedItems {
  const { count, lowOf, highOf, codeOfItem, lowWinsOf, highWinsOf } = read;
  const start = new Int32Array(n + 1);
  for (let k = 0; k < count; k++) start[lowOf[k]! + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const next = start.slice(0, Math.max(n, 1));
  const sortedItem = new Int32Array(count);
  const sortedHigh = new Int32Array(count);
  const sortedCode = new Uint8Array(count);
  const general = lowWinsOf !== null && highWinsOf !== null;
  const sortedLowWins = general ? new Float64Array(count) : null;
  const sortedHighWins = general ? new Float64Array(count) : null;
  for (let k = 0; k < count; k++) {
    const at = next[lowOf[k]!]!++;
    sortedItem[at] = k;
    sortedHigh[at] = highOf[k]!;
    sortedCode[at] = codeOfItem[k]!;
  }
  if (general) {
    for (let at = 0; at < count; at++) {
      const k = sortedItem[at]!;
      if (codeOfItem[k]! < FIRST_GENERAL_CODE) continue;
      sortedLowWins![at] = lowWinsOf![k]!;
      sortedHighWins![at] = highWinsOf![k]!;
    }
  }
  return { start, item: sortedItem, high: sortedHigh, code: sortedCode, lowWins: sortedLowWins, highWins: sortedHighWins };
}

// --- 3. The distinct pairs, bucket by bucket, numbered in bucket order (pairOf, per sorted
// item), and each pair's rank in the order of first items: the builder's pair number.
function numberPairs(read: ReadItems, sorted: SortedItems, n: number): { pairs: number; pairOf: Int32Array; rank: Int32Array } {
  const { count, lowOf, highOf } = read;
  const { start, item: sortedItem, high: sortedHigh } = sorted;
  // markBucket[h] is the bucket (low datapoint) that last met h, markPair[h] that pair.
  const markBucket = new Int32Array(n).fill(-1);
  const markPair = new Int32Array(n);
  // Spent columns, reused (a fresh array costs page faults as well as its writes): the
  // pair of each sorted item goes where its item number was (read just before), the
  // first item of each pair where the items' low datapoints were.
  const pairOf = sortedItem;
  const firstItem = lowOf;
  let pairs = 0;
  for (let b = 0; b < n; b++) {
    for (let at = start[b]!; at < start[b + 1]!; at++) {
      const h = sortedHigh[at]!;
      if (markBucket[h] !== b) {
        markBucket[h] = b;
        markPair[h] = pairs;
        firstItem[pairs] = sortedItem[at]!;
        pairs++;
      }
      pairOf[at] = markPair[h]!;
    }
  }
  // Each pair's rank in the order of first items: the builder's pair number.
  const pairAtItem = highOf;
  pairAtItem.fill(-1, 0, count);
  for (let p = 0; p < pairs; p++) pairAtItem[firstItem[p]!] = p;
  // The ranks where the first items were: that loop is done with them.
  const rank = firstItem.subarray(0, pairs);
  for (let k = 0, r = 0; k < count; k++) {
    const p = pairAtItem[k]!;
    if (p >= 0) rank[p] = r++;
  }
  return { pairs, pairOf, rank };
}

// --- 4. The pairs in the builder's order, their sums made in bucket order (each pair's
// items are in item order), to be stored at their rank after.
function sumPairs(
  read: ReadItems,
  sorted: SortedItems,
  n: number,
  pairs: number,
  pairOf: Int32Array,
  rank: Int32Array,
  merged: boolean,
): { low: Int32Array; high: Int32Array; sums: (Float64Array | null)[] } {
  const used = merged ? MERGED_USE : read.used;
  const columnOf: readonly number[] = merged ? MERGED_COLUMN : CODE_COLUMN;
  const { start, high: sortedHigh, code: sortedCode, lowWins: sortedLowWins, highWins: sortedHighWins } = sorted;
  const low = new Int32Array(pairs);
  const high = new Int32Array(pairs);
  // Each column in a local of one type (an unused one empty: no item adds to it), so
  // every store in the loop is to a known Float64Array.
  const empty = new Float64Array(0);
  const sums = Array.from({ length: COLUMNS }, (_, c) => (used[c - (c % 2)] === 1 ? new Float64Array(pairs) : empty));
  const [unsidedLow, unsidedHigh, lowLeftLow, lowLeftHigh, highLeftLow, highLeftHigh] = sums as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  const keptLow = sortedLowWins ?? empty;
  const keptHigh = sortedHighWins ?? empty;
  for (let b = 0; b < n; b++) {
    for (let at = start[b]!; at < start[b + 1]!; at++) {
      const p = pairOf[at]!;
      const r = rank[p]!;
      low[r] = b;
      high[r] = sortedHigh[at]!;
      const code = sortedCode[at]!;
      const kept = code >= FIRST_GENERAL_CODE;
      const lowWins = kept ? keptLow[at]! : CODE_LOW_WINS[code]!;
      const highWins = kept ? keptHigh[at]! : CODE_HIGH_WINS[code]!;
      const column = columnOf[code]!;
      if (column === 2) {
        lowLeftLow[p]! += lowWins;
        lowLeftHigh[p]! += highWins;
      } else if (column === 4) {
        highLeftLow[p]! += lowWins;
        highLeftHigh[p]! += highWins;
      } else {
        unsidedLow[p]! += lowWins;
        unsidedHigh[p]! += highWins;
      }
    }
  }
  return { low, high, sums: sums.map((values) => (values === empty ? null : values)) };
}


/**
 * `values` in rank order, into `out`: element p at position rank[p] (`rank` a
 * permutation, so every element of `out` is written). Plain
 * scattered stores: they do not wait on each other, so on a million pairs they cost less
 * than radix passes (68 against 86 ms for six columns) and a third of gathering by the
 * inverse permutation (230 ms). (Adding into scattered positions would wait on each load:
 * that is why the sums are made in bucket order first.)
 */
function inRankOrder(values: Float64Array, rank: Int32Array, out: Float64Array): Float64Array {
  for (let p = 0; p < rank.length; p++) out[rank[p]!] = values[p]!;
  return out;
}
