/**
 * Win, loss and draw counts per compared pair of each open batch, for flows scored by
 * Bradley–Terry: what the fit needs, and no more. One Int32Array per open batch (made at
 * its first answer), an open-addressing hash table with linear probing: a header row
 * [pairs held, 0, 0, 0], then per slot [pair key + 1 (0: empty), first's wins, second's
 * wins, draws], where the pair is (first, second), first < second, indices within the
 * batch. 16 bytes per slot, at most ¾ and (once doubled) at least ⅜ full, so about 21–43
 * bytes per pair actually compared (plus the header row and the array's own header):
 * memory follows the pairs compared, not n².
 *
 * Costs: an answer O(1) expected (the table doubles when ¾ full); `sorted` O(p log p).
 * @internal
 * @module
 */
/** Ints per row of a table. */
const ROW = 4;
const FIRST_CAPACITY = 8;
// Pair key: first × KEY_BASE + second; KEY_BASE is above MAX_BATCH_DATAPOINTS (1 000).
const KEY_BASE = 1024;
/** Numbers per pair in {@link PairTallies.sorted}: first, second, first's wins, second's wins, draws. */
export const PAIR_FIELDS = 5;

/** The pair counts of the open batches, by batch index. */
export class PairTallies {
  private readonly tables = new Map<number, Int32Array>();

  /**
   * Counts one answer of batch b between its datapoints `left` and `right` (indices in the
   * batch; outcome code 0 left won, 1 right won, 2 draw). O(1) expected.
   */
  add(b: number, left: number, right: number, code: number): void {
    let table = this.tables.get(b);
    if (table === undefined) {
      table = new Int32Array(ROW * (FIRST_CAPACITY + 1));
      this.tables.set(b, table);
    }
    const swapped = left > right;
    const first = swapped ? right : left;
    const second = swapped ? left : right;
    let at = slotOf(table, first * KEY_BASE + second);
    if (table[at] === 0) {
      if (4 * (table[0]! + 1) > 3 * capacityOf(table)) {
        table = grown(table);
        this.tables.set(b, table);
        at = slotOf(table, first * KEY_BASE + second);
      }
      table[at] = first * KEY_BASE + second + 1;
      table[0]!++;
    }
    // The first's win when it was shown on the left and won, or on the right and won.
    const column = code === 2 ? 3 : (code === 0) !== swapped ? 1 : 2;
    table[at + column]!++;
  }

  /** Puts back one pair's counts (a restored batch; each pair once). O(1) expected. */
  restore(b: number, first: number, second: number, firstWins: number, secondWins: number, draws: number): void {
    let table = this.tables.get(b);
    if (table === undefined || 4 * (table[0]! + 1) > 3 * capacityOf(table)) {
      table = table === undefined ? new Int32Array(ROW * (FIRST_CAPACITY + 1)) : grown(table);
      this.tables.set(b, table);
    }
    const at = slotOf(table, first * KEY_BASE + second);
    table[at] = first * KEY_BASE + second + 1;
    table[at + 1] = firstWins;
    table[at + 2] = secondWins;
    table[at + 3] = draws;
    table[0]!++;
  }

  /** Batch b's pairs held (0 before its first answer). */
  pairCount(b: number): number {
    return this.tables.get(b)?.[0] ?? 0;
  }

  /**
   * Batch b's compared pairs as {@link PAIR_FIELDS} numbers each, by first then second:
   * the order is the counts', not the table's, so a restored batch gives the same list. O(p log p).
   */
  sorted(b: number): Int32Array {
    const table = this.tables.get(b);
    if (table === undefined) return new Int32Array(0);
    const keys: number[] = [];
    const slots = new Map<number, number>();
    for (let at = ROW; at < table.length; at += ROW) {
      const stored = table[at]!;
      if (stored === 0) continue;
      keys.push(stored - 1);
      slots.set(stored - 1, at);
    }
    keys.sort((x, y) => x - y);
    const pairs = new Int32Array(PAIR_FIELDS * keys.length);
    keys.forEach((key, k) => {
      const at = slots.get(key)!;
      const out = PAIR_FIELDS * k;
      pairs[out] = Math.floor(key / KEY_BASE);
      pairs[out + 1] = key % KEY_BASE;
      pairs[out + 2] = table[at + 1]!;
      pairs[out + 3] = table[at + 2]!;
      pairs[out + 4] = table[at + 3]!;
    });
    return pairs;
  }

  /** Drops a batch's counts (it closed). */
  drop(b: number): void {
    this.tables.delete(b);
  }
}

function capacityOf(table: Int32Array): number {
  return table.length / ROW - 1;
}

// The slot (its row's first index) holding `key`, or the empty one where it goes.
function slotOf(table: Int32Array, key: number): number {
  const capacity = capacityOf(table);
  const mask = capacity - 1;
  // Fibonacci hashing (Knuth, TAOCP vol. 3, §6.4): the top bits of key × 2^32/φ, which
  // spread keys that differ only in their low bits (one datapoint's pairs).
  let slot = Math.imul(key, 0x9e3779b1) >>> (Math.clz32(capacity) + 1);
  for (;;) {
    const at = ROW * (slot + 1);
    const stored = table[at]!;
    if (stored === 0 || stored === key + 1) return at;
    slot = (slot + 1) & mask;
  }
}

function grown(table: Int32Array): Int32Array {
  const bigger = new Int32Array(ROW * (2 * capacityOf(table) + 1));
  bigger[0] = table[0]!;
  for (let at = ROW; at < table.length; at += ROW) {
    const stored = table[at]!;
    if (stored === 0) continue;
    const to = slotOf(bigger, stored - 1);
    bigger.set(table.subarray(at, at + ROW), to);
  }
  return bigger;
}
