/**
 * Building a {@link ComparisonTable} one comparison at a time, keeping only aggregates.
 *
 * The pair index is an open-addressing hash table with linear probing (Knuth, TAOCP
 * vol. 3, §6.4, algorithm L) over `Int32Array` slots, so a million pairs cost a few
 * typed arrays rather than a million `Map` entries.
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { grownCopy } from '../state/grownCopy.js';
import type { comparisonTable } from './comparisonTable.js';
import { tableOf, type ComparisonTable } from './comparisonTableData.js';
import type { Comparison } from './comparisonTypes.js';
import { parseComparison, type ParsedComparison } from './parseComparison.js';

/**
 * Largest total weight of one datapoint's comparisons: beyond 2^53, adding a single game
 * would be lost to rounding, and far beyond it the fit's sums would overflow.
 */
export const MAX_DATAPOINT_WEIGHT = 2 ** 53;

const INITIAL_CAPACITY = 16;

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
   * @throws {@link RankingInputError} as described for {@link comparisonTable}, when
   *   `path` is not a string, and when a datapoint's total weight would exceed
   *   {@link MAX_DATAPOINT_WEIGHT}.
   */
  add(comparison: unknown, path: string): void {
    requirePath(path);
    this.addParsed(parseComparison(comparison, path), path);
  }

  /**
   * Adds a comparison `parseComparison` has already checked (the bootstrap reads its
   * fields too). Throws, changing nothing, only when a total weight would exceed
   * {@link MAX_DATAPOINT_WEIGHT}. @internal
   */
  addParsed(parsed: ParsedComparison, path: string): void {
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
    return tableOf({
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
