/**
 * An ordered index of a ranking's ratings, for close-match picks: the datapoints in
 * rating order, held in sorted blocks of at most 64 entries kept in an ordered
 * directory (a two-level B+-tree, in the spirit of Python's sortedcontainers).
 *
 * Sort key: the rating offset plus the datapoint's random tie key scaled below the
 * rating grid (tieKey × quantum, with quantum the step every rating change is a
 * multiple of). Datapoints with equal ratings (all of them, at the start) then sit in
 * random order, so "nearest by rating" never means "nearest in the input list", and
 * ordering is one float comparison. When two sort keys round to the same float the
 * order falls back to (offset, tie key, index), so it is total and exact.
 *
 * Storage is flat typed arrays addressed by integer block ids, nothing per block on the
 * JavaScript heap: block b's entries (datapoint and sort key side by side) occupy
 * [b × 64, b × 64 + length[b]) of two pools. Each datapoint knows its block. When a
 * rating changes, the datapoint moves within its block if it still belongs there
 * (shifting only the entries in between); otherwise it is removed and reinserted after
 * a short walk along the directory or, for a long move, a binary search of the blocks'
 * first keys (one contiguous array). Blocks split when full and merge when small, about
 * once per few hundred moves, each time shifting the directory.
 *
 * Costs (n datapoints, blocks of B ≤ 64, D ≈ n / 32 blocks): build O(n log n); update
 * O(log B) for a move within the block, O(B + log D) otherwise, plus O(D) for the rare
 * split or merge; adding a datapoint O(B + log D) likewise; k nearest neighbours
 * O(log B + k). Memory: about 40 bytes per datapoint.
 * Indices are read with `!`: every index used here is in range by construction.
 * @internal
 * @module
 */
import { grownCopy } from './grownCopy.js';

/**
 * Where the index reads ratings from: the ranking's columns (replaced when they grow),
 * datapoint x at `base + x`.
 */
export interface RatingSource {
  readonly offsets: Float64Array;
  readonly tieKeys: Float64Array;
  readonly base: number;
}

const BLOCK_CAPACITY = 64;
// A block that shrinks below this is merged into a neighbour when both fit in one, so
// the number of blocks stays near n / 32 whatever the order of moves.
const BLOCK_MINIMUM = 16;
// Blocks a move walks before it binary-searches the directory instead.
const WALK_LIMIT = 4;

/** Ordered index over the datapoints of one ranking. */
export class RatingIndex {
  private readonly source: RatingSource;
  private readonly tieScale: number;
  /** Current sort key of each datapoint. */
  private sortKeys: Float64Array;
  /** Block id holding each datapoint. */
  private blockOf: Int32Array;
  // Block pools: entries of block b at [b * BLOCK_CAPACITY, … + lengths[b]).
  private items: Int32Array;
  private keys: Float64Array;
  private lengths: Int32Array;
  /** Directory slot of each block id. */
  private slots: Int32Array;
  private readonly freeBlocks: number[] = [];
  private allocatedBlocks = 0;
  // Directory: block ids in order, and the sort key of each one's first entry.
  private directory: Int32Array;
  private firstKeys: Float64Array;
  private blockCount = 0;
  // Scratch for nearest(): the sort keys of the neighbours below.
  private belowKeys = new Float64Array(16);

  /**
   * @param source - The ranking's rating offsets and tie keys (one uniform draw in
   *   [0, 1) per datapoint, ordering equal ratings), read only: call
   *   {@link RatingIndex.update} after changing an offset.
   * @param n - Number of datapoints (indices 0 … n−1).
   * @param quantum - The grid every offset lies on (a power of two).
   */
  constructor(source: RatingSource, n: number, quantum: number) {
    this.source = source;
    this.tieScale = quantum;
    this.sortKeys = new Float64Array(Math.max(n, 1));
    for (let i = 0; i < n; i++) this.sortKeys[i] = this.sortKeyOf(i);
    this.blockOf = new Int32Array(Math.max(n, 1));
    const half = BLOCK_CAPACITY / 2;
    const initialBlocks = Math.ceil(n / half) + 1;
    this.items = new Int32Array(initialBlocks * BLOCK_CAPACITY);
    this.keys = new Float64Array(initialBlocks * BLOCK_CAPACITY);
    this.lengths = new Int32Array(initialBlocks);
    this.slots = new Int32Array(initialBlocks);
    this.directory = new Int32Array(initialBlocks);
    this.firstKeys = new Float64Array(initialBlocks);
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => (this.less(a, b) ? -1 : 1));
    for (let start = 0; start < n; start += half) {
      const block = this.allocateBlock();
      const base = block * BLOCK_CAPACITY;
      const end = Math.min(start + half, n);
      for (let i = start; i < end; i++) {
        const item = order[i]!;
        this.items[base + i - start] = item;
        this.keys[base + i - start] = this.sortKeys[item]!;
        this.blockOf[item] = block;
      }
      this.lengths[block] = end - start;
      this.insertSlot(this.blockCount, block);
    }
  }

  /** Adds datapoint x (the next index; its offset and tie key are set) in its place. */
  add(x: number): void {
    if (x >= this.sortKeys.length) {
      this.sortKeys = grownCopy(this.sortKeys, 2 * this.sortKeys.length);
      this.blockOf = grownCopy(this.blockOf, 2 * this.blockOf.length);
    }
    const key = this.sortKeyOf(x);
    this.sortKeys[x] = key;
    this.insert(this.searchBlock(x, key), x, key);
  }

  /** Call after datapoint x's offset changed: moves x to its new place. */
  update(x: number): void {
    const block = this.blockOf[x]!;
    const position = this.positionOf(x, block);
    const key = this.sortKeyOf(x);
    this.sortKeys[x] = key;
    if (this.shiftWithinBlock(x, key, block, position)) return;
    const near = this.removeAt(block, position);
    this.insert(this.findBlock(x, key, near), x, key);
  }

  /**
   * Writes into `out` up to `count` datapoints nearest to `x` by rating (x itself
   * excluded), nearest first; equal gaps alternate between the lower and upper side.
   * `out` needs room for 2 × count entries (the upper half is scratch).
   * Returns how many were written.
   */
  nearest(x: number, count: number, out: Int32Array): number {
    const { items, keys, lengths, directory, blockCount } = this;
    const centre = this.sortKeys[x]!;
    const home = this.blockOf[x]!;
    const homeSlot = this.slots[home]!;
    const position = this.positionOf(x, home);
    if (this.belowKeys.length < count) this.belowKeys = new Float64Array(count);
    const { belowKeys } = this;
    // Up to `count` neighbours below x, nearest first, into out[count…] and belowKeys.
    let below = 0;
    for (let slot = homeSlot, i = position - 1; below < count && slot >= 0; slot--) {
      const block = directory[slot]!;
      if (slot !== homeSlot) i = lengths[block]! - 1;
      const base = block * BLOCK_CAPACITY;
      for (; i >= 0 && below < count; i--) {
        belowKeys[below] = keys[base + i]!;
        out[count + below++] = items[base + i]!;
      }
    }
    // The neighbours above are merged in as they are scanned.
    let taken = 0;
    let takenBelow = 0;
    let takenAbove = 0;
    let slot = homeSlot;
    let base = home * BLOCK_CAPACITY;
    let length = lengths[home]!;
    let i = position + 1;
    while (taken < count) {
      while (i >= length && slot + 1 < blockCount) {
        const block = directory[++slot]!;
        base = block * BLOCK_CAPACITY;
        length = lengths[block]!;
        i = 0;
      }
      const hasAbove = i < length;
      if (!hasAbove && takenBelow === below) break;
      let takeBelow = !hasAbove;
      if (hasAbove && takenBelow < below) {
        const gapBelow = centre - belowKeys[takenBelow]!;
        const gapAbove = keys[base + i]! - centre;
        takeBelow = gapBelow < gapAbove || (gapBelow === gapAbove && takenBelow <= takenAbove);
      }
      if (takeBelow) out[taken++] = out[count + takenBelow++]!;
      else {
        out[taken++] = items[base + i++]!;
        takenAbove++;
      }
    }
    return taken;
  }

  /**
   * Calls `visit` with the datapoints from the highest key down until it returns false.
   * O(datapoints visited).
   */
  forEachDescending(visit: (x: number) => boolean): void {
    for (let slot = this.blockCount - 1; slot >= 0; slot--) {
      const block = this.directory[slot]!;
      const base = block * BLOCK_CAPACITY;
      for (let i = this.lengths[block]! - 1; i >= 0; i--) if (!visit(this.items[base + i]!)) return;
    }
  }

  /** Datapoint indices in ascending order (for tests and diagnostics). O(n). */
  inOrder(): number[] {
    const order: number[] = [];
    for (let slot = 0; slot < this.blockCount; slot++) {
      const block = this.directory[slot]!;
      const base = block * BLOCK_CAPACITY;
      order.push(...this.items.subarray(base, base + this.lengths[block]!));
    }
    return order;
  }

  private sortKeyOf(x: number): number {
    const { offsets, tieKeys, base } = this.source;
    return offsets[base + x]! + tieKeys[base + x]! * this.tieScale;
  }

  // The exact order, for sort keys that compare equal: offset, tie key, index.
  private less(a: number, b: number): boolean {
    const keyA = this.sortKeys[a]!;
    const keyB = this.sortKeys[b]!;
    if (keyA !== keyB) return keyA < keyB;
    const { offsets, tieKeys, base } = this.source;
    const offsetA = offsets[base + a]!;
    const offsetB = offsets[base + b]!;
    if (offsetA !== offsetB) return offsetA < offsetB;
    const tieA = tieKeys[base + a]!;
    const tieB = tieKeys[base + b]!;
    return tieA !== tieB ? tieA < tieB : a < b;
  }

  // Whether x (with sort key `key`) sorts before the pool entry at `at`.
  private before(x: number, key: number, at: number): boolean {
    const other = this.keys[at]!;
    return key !== other ? key < other : this.less(x, this.items[at]!);
  }

  // x's position in its block: a binary search for the first entry whose key is not
  // below x's stored sort key, then a step past entries with an equal key (rare; the
  // exact order cannot be used here, as x's offset may already have changed).
  private positionOf(x: number, block: number): number {
    const key = this.sortKeys[x]!;
    const { items, keys } = this;
    const base = block * BLOCK_CAPACITY;
    const length = this.lengths[block]!;
    let first = 0;
    let last = length - 1;
    while (first < last) {
      const middle = (first + last) >> 1;
      if (keys[base + middle]! < key) first = middle + 1;
      else last = middle;
    }
    while (first < length && items[base + first] !== x) first++;
    return first;
  }

  // Moves x (now with sort key `key`, still at `position` of `block`) to its new place
  // when that place is in the same block, shifting only the entries in between.
  // Returns false, changing nothing, when x has to leave the block.
  private shiftWithinBlock(x: number, key: number, block: number, position: number): boolean {
    const { items, keys } = this;
    const base = block * BLOCK_CAPACITY;
    const length = this.lengths[block]!;
    let target = position;
    if (position + 1 < length && !this.before(x, key, base + position + 1)) {
      // Upwards: the first entry above x's new key.
      let first = position + 2;
      let last = length;
      while (first < last) {
        const middle = (first + last) >> 1;
        if (this.before(x, key, base + middle)) last = middle;
        else first = middle + 1;
      }
      if (first === length && this.followsNextBlock(x, key, block)) return false;
      target = first - 1;
      for (let i = base + position; i < base + target; i++) {
        items[i] = items[i + 1]!;
        keys[i] = keys[i + 1]!;
      }
    } else if (position > 0 && this.before(x, key, base + position - 1)) {
      // Downwards: the first entry above x's new key, below the old position.
      let first = 0;
      let last = position - 1;
      while (first < last) {
        const middle = (first + last) >> 1;
        if (this.before(x, key, base + middle)) last = middle;
        else first = middle + 1;
      }
      if (first === 0 && this.precedesPreviousBlock(x, key, block)) return false;
      target = first;
      for (let i = base + position; i > base + target; i--) {
        items[i] = items[i - 1]!;
        keys[i] = keys[i - 1]!;
      }
    } else if (position + 1 === length && this.followsNextBlock(x, key, block)) {
      return false;
    } else if (position === 0 && this.precedesPreviousBlock(x, key, block)) {
      return false;
    }
    items[base + target] = x;
    keys[base + target] = key;
    if (target === 0 || position === 0) this.firstKeys[this.slots[block]!] = keys[base]!;
    return true;
  }

  // Whether x sorts after the first entry of the next block.
  private followsNextBlock(x: number, key: number, block: number): boolean {
    const slot = this.slots[block]! + 1;
    return slot < this.blockCount && !this.before(x, key, this.directory[slot]! * BLOCK_CAPACITY);
  }

  // Whether x sorts before the last entry of the previous block.
  private precedesPreviousBlock(x: number, key: number, block: number): boolean {
    const slot = this.slots[block]! - 1;
    if (slot < 0) return false;
    const previous = this.directory[slot]!;
    return this.before(x, key, previous * BLOCK_CAPACITY + this.lengths[previous]! - 1);
  }

  // Whether x sorts before the first entry of the block at directory `slot`.
  private beforeSlot(x: number, key: number, slot: number): boolean {
    const first = this.firstKeys[slot]!;
    return key !== first ? key < first : this.less(x, this.items[this.directory[slot]! * BLOCK_CAPACITY]!);
  }

  // The block x belongs in (the last whose first entry is not after x, or the first
  // block), searched from `near`: a short walk, else a binary search of the directory.
  private findBlock(x: number, key: number, near: number): number {
    let slot = this.slots[near]!;
    for (let step = 0; step < WALK_LIMIT; step++) {
      if (slot > 0 && this.beforeSlot(x, key, slot)) slot--;
      else if (slot + 1 < this.blockCount && !this.beforeSlot(x, key, slot + 1)) slot++;
      else return this.directory[slot]!;
    }
    return this.searchBlock(x, key);
  }

  // The block x belongs in, by binary search of the directory.
  private searchBlock(x: number, key: number): number {
    let low = 0;
    let high = this.blockCount - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.beforeSlot(x, key, middle)) high = middle - 1;
      else low = middle;
    }
    return this.directory[low]!;
  }

  // Inserts x into `block` at its place, splitting the block first when it is full.
  private insert(block: number, x: number, key: number): void {
    if (this.lengths[block] === BLOCK_CAPACITY) {
      const half = BLOCK_CAPACITY / 2;
      const upper = this.allocateBlock();
      const from = block * BLOCK_CAPACITY + half;
      const to = upper * BLOCK_CAPACITY;
      this.items.copyWithin(to, from, from + half);
      this.keys.copyWithin(to, from, from + half);
      for (let i = to; i < to + half; i++) this.blockOf[this.items[i]!] = upper;
      this.lengths[block] = half;
      this.lengths[upper] = half;
      this.insertSlot(this.slots[block]! + 1, upper);
      if (!this.before(x, key, to)) block = upper;
    }
    const { items, keys } = this;
    const base = block * BLOCK_CAPACITY;
    const length = this.lengths[block]!;
    let first = 0;
    let last = length;
    while (first < last) {
      const middle = (first + last) >> 1;
      if (this.before(x, key, base + middle)) last = middle;
      else first = middle + 1;
    }
    for (let i = base + length; i > base + first; i--) {
      items[i] = items[i - 1]!;
      keys[i] = keys[i - 1]!;
    }
    items[base + first] = x;
    keys[base + first] = key;
    this.lengths[block] = length + 1;
    this.blockOf[x] = block;
    if (first === 0) this.firstKeys[this.slots[block]!] = key;
  }

  // Removes the entry at `position` of `block`, merging a block that got small into a
  // neighbour when both fit in one. Returns a block still in the directory near the
  // removed entry.
  private removeAt(block: number, position: number): number {
    const { items, keys, lengths } = this;
    const base = block * BLOCK_CAPACITY;
    const length = lengths[block]! - 1;
    for (let i = base + position; i < base + length; i++) {
      items[i] = items[i + 1]!;
      keys[i] = keys[i + 1]!;
    }
    lengths[block] = length;
    const slot = this.slots[block]!;
    if (position === 0 && length > 0) this.firstKeys[slot] = keys[base]!;
    if (length >= BLOCK_MINIMUM || this.blockCount === 1) return block;
    const lowerSlot = slot + 1 < this.blockCount ? slot : slot - 1;
    const lower = this.directory[lowerSlot]!;
    const upper = this.directory[lowerSlot + 1]!;
    const lowerLength = lengths[lower]!;
    const upperLength = lengths[upper]!;
    // An empty block always merges: its neighbour holds at most BLOCK_CAPACITY entries.
    if (lowerLength + upperLength > BLOCK_CAPACITY) return block;
    const from = upper * BLOCK_CAPACITY;
    const to = lower * BLOCK_CAPACITY + lowerLength;
    items.copyWithin(to, from, from + upperLength);
    keys.copyWithin(to, from, from + upperLength);
    for (let i = to; i < to + upperLength; i++) this.blockOf[items[i]!] = lower;
    lengths[lower] = lowerLength + upperLength;
    this.firstKeys[lowerSlot] = keys[lower * BLOCK_CAPACITY]!;
    this.removeSlot(lowerSlot + 1);
    this.freeBlocks.push(upper);
    return lower;
  }

  private allocateBlock(): number {
    const reused = this.freeBlocks.pop();
    if (reused !== undefined) return reused;
    if (this.allocatedBlocks === this.lengths.length) this.growPools();
    return this.allocatedBlocks++;
  }

  private growPools(): void {
    const capacity = 2 * this.lengths.length;
    this.items = grownCopy(this.items, capacity * BLOCK_CAPACITY);
    this.keys = grownCopy(this.keys, capacity * BLOCK_CAPACITY);
    this.lengths = grownCopy(this.lengths, capacity);
    this.slots = grownCopy(this.slots, capacity);
    this.directory = grownCopy(this.directory, capacity);
    this.firstKeys = grownCopy(this.firstKeys, capacity);
  }

  private insertSlot(slot: number, block: number): void {
    const { directory, firstKeys } = this;
    directory.copyWithin(slot + 1, slot, this.blockCount);
    firstKeys.copyWithin(slot + 1, slot, this.blockCount);
    directory[slot] = block;
    firstKeys[slot] = this.keys[block * BLOCK_CAPACITY]!;
    this.blockCount++;
    for (let s = slot; s < this.blockCount; s++) this.slots[directory[s]!] = s;
  }

  private removeSlot(slot: number): void {
    const { directory, firstKeys } = this;
    directory.copyWithin(slot, slot + 1, this.blockCount);
    firstKeys.copyWithin(slot, slot + 1, this.blockCount);
    this.blockCount--;
    for (let s = slot; s < this.blockCount; s++) this.slots[directory[s]!] = s;
  }
}
