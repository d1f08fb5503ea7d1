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
 * Each block holds its datapoints with their sort keys side by side, so searching a
 * block or scanning a datapoint's neighbours reads only the block's own memory; each
 * datapoint knows its block. When a rating changes, the datapoint moves within its
 * block if it still belongs there (shifting only the entries in between), else it is
 * removed and reinserted after a short walk along the directory or, for a long move, a
 * binary search of the blocks' first keys (one contiguous array). Blocks split when full
 * and merge when small, about once per few hundred moves, each time shifting the
 * directory. Shifts are plain loops: for at most 64 entries they beat `copyWithin`.
 *
 * Costs (n datapoints, blocks of B ≤ 64, D ≈ n / 32 blocks): build O(n log n);
 * update O(log B) for a move within the block, O(B + log D) otherwise, plus O(D) for
 * the rare split or merge; k nearest neighbours O(log B + k). Memory: about 24 bytes per
 * datapoint.
 * Indices are read with `!`: every index used here is in range by construction.
 * @internal
 * @module
 */

const BLOCK_CAPACITY = 64;
// A block that shrinks below this is merged into a neighbour when both fit in one, so
// the number of blocks stays near n / 32 whatever the order of moves.
const BLOCK_MINIMUM = 16;
// Blocks a move walks before it binary-searches the directory instead.
const WALK_LIMIT = 4;

interface Block {
  /** Datapoint indices in order. */
  readonly items: Int32Array;
  /** The sort keys of `items`, side by side with them. */
  readonly keys: Float64Array;
  length: number;
  /** Position of the block in the directory. */
  slot: number;
}

function newBlock(): Block {
  return { items: new Int32Array(BLOCK_CAPACITY), keys: new Float64Array(BLOCK_CAPACITY), length: 0, slot: 0 };
}

/** Ordered index over the datapoints of one ranking. */
export class RatingIndex {
  private readonly offsets: Float64Array;
  private readonly tieKeys: Float64Array;
  private readonly tieScale: number;
  private readonly sortKeys: Float64Array;
  private readonly blockOf: Block[];
  private readonly blocks: Block[] = [];
  // Sort key of each block's first entry, by slot: the directory search reads only this.
  private firstKeys: Float64Array;
  // Scratch for nearest(): the sort keys of the neighbours below.
  private belowKeys = new Float64Array(16);

  /**
   * @param offsets - The ranking's rating offsets (read only; call
   *   {@link RatingIndex.update} after changing one).
   * @param tieKeys - One uniform draw in [0, 1) per datapoint, ordering equal ratings.
   * @param quantum - The grid every offset lies on (a power of two).
   */
  constructor(offsets: Float64Array, tieKeys: Float64Array, quantum: number) {
    const n = offsets.length;
    this.offsets = offsets;
    this.tieKeys = tieKeys;
    this.tieScale = quantum;
    this.sortKeys = new Float64Array(n);
    for (let i = 0; i < n; i++) this.sortKeys[i] = this.sortKeyOf(i);
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => (this.less(a, b) ? -1 : 1));
    this.blockOf = new Array<Block>(n);
    const half = BLOCK_CAPACITY / 2;
    this.firstKeys = new Float64Array(Math.ceil(n / half) + 1);
    for (let start = 0; start < n; start += half) {
      const block = newBlock();
      for (let i = start; i < Math.min(start + half, n); i++) {
        const item = order[i]!;
        block.items[block.length] = item;
        block.keys[block.length++] = this.sortKeys[item]!;
        this.blockOf[item] = block;
      }
      this.insertBlock(this.blocks.length, block);
    }
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
    const { blocks } = this;
    const centre = this.sortKeys[x]!;
    const home = this.blockOf[x]!;
    const position = this.positionOf(x, home);
    if (this.belowKeys.length < count) this.belowKeys = new Float64Array(count);
    const { belowKeys } = this;
    // Up to `count` neighbours below x, nearest first, into out[count…] and belowKeys.
    let below = 0;
    for (let slot = home.slot, i = position - 1; below < count && slot >= 0; slot--) {
      const block = blocks[slot]!;
      if (slot !== home.slot) i = block.length - 1;
      for (; i >= 0 && below < count; i--) {
        belowKeys[below] = block.keys[i]!;
        out[count + below++] = block.items[i]!;
      }
    }
    // The neighbours above are merged in as they are scanned.
    let taken = 0;
    let takenBelow = 0;
    let takenAbove = 0;
    let slot = home.slot;
    let block = home;
    let i = position + 1;
    while (taken < count) {
      while (i >= block.length && slot + 1 < blocks.length) {
        block = blocks[++slot]!;
        i = 0;
      }
      const hasAbove = i < block.length;
      if (!hasAbove && takenBelow === below) break;
      let takeBelow = !hasAbove;
      if (hasAbove && takenBelow < below) {
        const gapBelow = centre - belowKeys[takenBelow]!;
        const gapAbove = block.keys[i]! - centre;
        takeBelow = gapBelow < gapAbove || (gapBelow === gapAbove && takenBelow <= takenAbove);
      }
      if (takeBelow) out[taken++] = out[count + takenBelow++]!;
      else {
        out[taken++] = block.items[i++]!;
        takenAbove++;
      }
    }
    return taken;
  }

  /** Datapoint indices in ascending order (for tests and diagnostics). O(n). */
  inOrder(): number[] {
    const order: number[] = [];
    for (const block of this.blocks) order.push(...block.items.subarray(0, block.length));
    return order;
  }

  private sortKeyOf(x: number): number {
    return this.offsets[x]! + this.tieKeys[x]! * this.tieScale;
  }

  // The exact order, for sort keys that compare equal: offset, tie key, index.
  private less(a: number, b: number): boolean {
    const keyA = this.sortKeys[a]!;
    const keyB = this.sortKeys[b]!;
    if (keyA !== keyB) return keyA < keyB;
    const offsetA = this.offsets[a]!;
    const offsetB = this.offsets[b]!;
    if (offsetA !== offsetB) return offsetA < offsetB;
    const tieA = this.tieKeys[a]!;
    const tieB = this.tieKeys[b]!;
    return tieA !== tieB ? tieA < tieB : a < b;
  }

  // Whether x (with sort key `key`) sorts before the entry at `position` of `block`.
  private before(x: number, key: number, block: Block, position: number): boolean {
    const other = block.keys[position]!;
    return key !== other ? key < other : this.less(x, block.items[position]!);
  }

  // x's position in its block: a binary search for the first entry whose key is not
  // below x's stored sort key, then a step past entries with an equal key (rare; the
  // exact order cannot be used here, as x's offset may already have changed).
  private positionOf(x: number, block: Block): number {
    const key = this.sortKeys[x]!;
    const { items, keys } = block;
    let first = 0;
    let last = block.length - 1;
    while (first < last) {
      const middle = (first + last) >> 1;
      if (keys[middle]! < key) first = middle + 1;
      else last = middle;
    }
    while (first < block.length && items[first] !== x) first++;
    return first;
  }

  // Moves x (now with sort key `key`, still at `position` of `block`) to its new place
  // when that place is in the same block, shifting only the entries in between.
  // Returns false, changing nothing, when x has to leave the block.
  private shiftWithinBlock(x: number, key: number, block: Block, position: number): boolean {
    const { items, keys } = block;
    let target = position;
    if (position + 1 < block.length && !this.before(x, key, block, position + 1)) {
      // Upwards: the first entry above x's new key.
      let first = position + 2;
      let last = block.length;
      while (first < last) {
        const middle = (first + last) >> 1;
        if (this.before(x, key, block, middle)) last = middle;
        else first = middle + 1;
      }
      if (first === block.length && this.followsNextBlock(x, key, block)) return false;
      target = first - 1;
      for (let i = position; i < target; i++) {
        items[i] = items[i + 1]!;
        keys[i] = keys[i + 1]!;
      }
    } else if (position > 0 && this.before(x, key, block, position - 1)) {
      // Downwards: the first entry above x's new key, below the old position.
      let first = 0;
      let last = position - 1;
      while (first < last) {
        const middle = (first + last) >> 1;
        if (this.before(x, key, block, middle)) last = middle;
        else first = middle + 1;
      }
      if (first === 0 && this.precedesPreviousBlock(x, key, block)) return false;
      target = first;
      for (let i = position; i > target; i--) {
        items[i] = items[i - 1]!;
        keys[i] = keys[i - 1]!;
      }
    } else if (position + 1 === block.length && this.followsNextBlock(x, key, block)) {
      return false;
    } else if (position === 0 && this.precedesPreviousBlock(x, key, block)) {
      return false;
    }
    items[target] = x;
    keys[target] = key;
    if (target === 0 || position === 0) this.firstKeys[block.slot] = keys[0]!;
    return true;
  }

  // Whether x sorts after the first entry of the next block.
  private followsNextBlock(x: number, key: number, block: Block): boolean {
    const next = this.blocks[block.slot + 1];
    return next !== undefined && !this.before(x, key, next, 0);
  }

  // Whether x sorts before the last entry of the previous block.
  private precedesPreviousBlock(x: number, key: number, block: Block): boolean {
    if (block.slot === 0) return false;
    const previous = this.blocks[block.slot - 1]!;
    return this.before(x, key, previous, previous.length - 1);
  }

  // Whether x sorts before the first entry of the block at `slot`.
  private beforeBlock(x: number, key: number, slot: number): boolean {
    const first = this.firstKeys[slot]!;
    return key !== first ? key < first : this.less(x, this.blocks[slot]!.items[0]!);
  }

  // The block x belongs in (the last whose first entry is not after x, or the first
  // block), searched from `near`: a short walk, else a binary search of the directory.
  private findBlock(x: number, key: number, near: Block): Block {
    const { blocks } = this;
    let slot = near.slot;
    for (let step = 0; step < WALK_LIMIT; step++) {
      if (slot > 0 && this.beforeBlock(x, key, slot)) slot--;
      else if (slot + 1 < blocks.length && !this.beforeBlock(x, key, slot + 1)) slot++;
      else return blocks[slot]!;
    }
    let low = 0;
    let high = blocks.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.beforeBlock(x, key, middle)) high = middle - 1;
      else low = middle;
    }
    return blocks[low]!;
  }

  // Inserts x into `block` at its place, splitting the block first when it is full.
  private insert(block: Block, x: number, key: number): void {
    if (block.length === BLOCK_CAPACITY) {
      const half = BLOCK_CAPACITY / 2;
      const upper = newBlock();
      upper.items.set(block.items.subarray(half));
      upper.keys.set(block.keys.subarray(half));
      upper.length = BLOCK_CAPACITY - half;
      block.length = half;
      for (let i = 0; i < upper.length; i++) this.blockOf[upper.items[i]!] = upper;
      this.insertBlock(block.slot + 1, upper);
      if (!this.before(x, key, upper, 0)) block = upper;
    }
    const { items, keys } = block;
    let first = 0;
    let last = block.length;
    while (first < last) {
      const middle = (first + last) >> 1;
      if (this.before(x, key, block, middle)) last = middle;
      else first = middle + 1;
    }
    for (let i = block.length; i > first; i--) {
      items[i] = items[i - 1]!;
      keys[i] = keys[i - 1]!;
    }
    items[first] = x;
    keys[first] = key;
    block.length++;
    this.blockOf[x] = block;
    if (first === 0) this.firstKeys[block.slot] = key;
  }

  // Removes the entry at `position` of `block`, merging a block that got small into a
  // neighbour when both fit in one. Returns a block still in the directory near the
  // removed entry.
  private removeAt(block: Block, position: number): Block {
    const { items, keys } = block;
    block.length--;
    for (let i = position; i < block.length; i++) {
      items[i] = items[i + 1]!;
      keys[i] = keys[i + 1]!;
    }
    if (position === 0 && block.length > 0) this.firstKeys[block.slot] = keys[0]!;
    if (block.length >= BLOCK_MINIMUM || this.blocks.length === 1) return block;
    const lowerSlot = block.slot + 1 < this.blocks.length ? block.slot : block.slot - 1;
    const lower = this.blocks[lowerSlot]!;
    const upper = this.blocks[lowerSlot + 1]!;
    // An empty block always merges: its neighbour holds at most BLOCK_CAPACITY entries.
    if (lower.length + upper.length > BLOCK_CAPACITY) return block;
    lower.items.set(upper.items.subarray(0, upper.length), lower.length);
    lower.keys.set(upper.keys.subarray(0, upper.length), lower.length);
    for (let i = 0; i < upper.length; i++) this.blockOf[upper.items[i]!] = lower;
    lower.length += upper.length;
    this.firstKeys[lowerSlot] = lower.keys[0]!;
    this.removeBlock(lowerSlot + 1);
    return lower;
  }

  private insertBlock(slot: number, block: Block): void {
    const { blocks } = this;
    blocks.splice(slot, 0, block);
    if (blocks.length > this.firstKeys.length) {
      const grown = new Float64Array(2 * blocks.length);
      grown.set(this.firstKeys);
      this.firstKeys = grown;
    }
    this.firstKeys.copyWithin(slot + 1, slot, blocks.length - 1);
    this.firstKeys[slot] = block.keys[0]!;
    for (let i = slot; i < blocks.length; i++) blocks[i]!.slot = i;
  }

  private removeBlock(slot: number): void {
    const { blocks } = this;
    blocks.splice(slot, 1);
    this.firstKeys.copyWithin(slot, slot + 1, blocks.length + 1);
    for (let i = slot; i < blocks.length; i++) blocks[i]!.slot = i;
  }
}
