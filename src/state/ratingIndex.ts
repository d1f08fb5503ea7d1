/**
 * An ordered index of a ranking's ratings, for close-match picks: the datapoints in
 * rating order, split into consecutive ranges ("leaves") of 64 slots, the leaves
 * listed in order in groups of up to 64, and the groups in one top list (a three-level
 * B+-tree). A leaf keeps its entries sorted with holes between them: an entry that
 * leaves makes a hole (which keeps its sort key, so the keys stay sorted), and an entry
 * that arrives takes a hole beside its place or shifts the few entries up to the
 * nearest one.
 *
 * Sort key: the rating offset plus the datapoint's random tie key scaled below the
 * rating grid (tieKey × quantum, with quantum the step every rating change is a
 * multiple of). Datapoints with equal ratings (all of them, at the start) then sit in
 * random order, so "nearest by rating" never means "nearest in the input list", and
 * ordering is one float comparison. When two sort keys round to the same float the
 * order falls back to (offset, tie key, index), so it is total and exact.
 *
 * Why holes: an Elo step moves a datapoint past many others (at 1 000 datapoints a
 * typical one passes dozens), so it nearly always leaves its leaf. Closing the gap it
 * left and opening one where it lands shifted about half a leaf each, besides two
 * binary searches; now the departure is one write and the arrival a search and,
 * usually, no shift at all. Each datapoint knows its slot, so finding it costs nothing,
 * and a nearest-neighbour query walks out from it.
 *
 * Each leaf covers the keys from its lower bound (a frozen (key, offset, tie key, index)
 * tuple; the first leaf's is −∞) up to the next leaf's. Storage is flat typed arrays
 * addressed by integer leaf and group ids, nothing per leaf on the JavaScript heap:
 * leaf l's slots (datapoint, or −1 for a hole, and sort key side by side) are
 * [l × 64, l × 64 + 64) of two pools, and a bit mask per leaf marks its holes. When the
 * nearest hole is far, the leaf spreads its entries evenly again, or splits in two
 * when it is over three-quarters full; a leaf with fewer than 16 entries merges with a
 * neighbour when both fit in one; groups split at 64 leaves and merge likewise.
 *
 * Costs (n datapoints, leaves of B = 64 slots, about n / 32 leaves in about n / 1 000
 * groups): build O(n log n) (O(n), a radix sort, for a fresh ranking); update O(1) when the
 * datapoint stays in place, else O(log B) to find its place in the new leaf and a shift
 * of at most 8 entries, plus a short walk along the leaves or O(log n) to search the
 * groups, plus O(B) for the occasional spread, split or merge and O(n / 1 000) for the
 * rare group split or merge; adding a datapoint likewise; k nearest neighbours
 * O(k + holes passed). Memory: about 30 bytes per datapoint.
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

// Slots per leaf (a power of two: a slot's leaf is slot >> LEAF_BITS).
const LEAF_BITS = 6;
const LEAF = 1 << LEAF_BITS;
// A leaf with fewer entries than this merges with a neighbour when both fit in one, so
// the number of leaves stays near n / 32 whatever the order of moves.
const LEAF_MINIMUM = 16;
// An arrival whose nearest hole is further than this spreads its leaf's entries evenly
// again, or splits the leaf when it holds more than SPLIT_ABOVE entries.
const SHIFT_LIMIT = 8;
const SPLIT_ABOVE = 48;
// The item of an empty slot.
const HOLE = -1;
// Leaves per group, and the size below which a group merges into a neighbour.
const GROUP = 64;
const GROUP_MINIMUM = 16;
// Leaves a move walks before it searches the groups instead: in a ranking of one group
// (up to about 2 000 datapoints) an Elo step passes two or three leaves (about 90
// datapoints at 1 000 with coin-flip answers), and a walk is cheaper
// than the search (127 against 159 ns an update at 1 000); in a larger one it passes
// hundreds of leaves, each step of a walk is a cache miss or two, and one step is tried
// (299–324 against 393 ns at 100 000).
const WALK_LIMIT = 4;
const WALK_LIMIT_MANY_GROUPS = 1;
// A fresh ranking's tie keys are whole multiples of 2^-32 (32-bit draws): × 2^32 they
// are integers, sorted by a radix sort.
const TWO_POW_32 = 4294967296;

/** Ordered index over the datapoints of one ranking. */
export class RatingIndex {
  private readonly source: RatingSource;
  private readonly tieScale: number;
  /** Pool slot (leaf × LEAF + place) of each datapoint. */
  private slotOf: Int32Array;
  // Leaf pools: the 64 slots of leaf l at [l * LEAF, …); items are datapoints or HOLE,
  // keys ascend over all of them (a hole keeps a key between its neighbours').
  private items: Int32Array;
  private keys: Float64Array;
  // Entries (not holes) per leaf.
  private live: Int32Array;
  // Where each leaf's holes are: bit i of word 2l + (i >> 5) is slot i of leaf l.
  private holeBits: Int32Array;
  // The leaves in order, as a doubly linked list (−1 at the ends).
  private next: Int32Array;
  private previous: Int32Array;
  private head = 0;
  private tail = 0;
  // Each leaf's lower bound: the (sort key, offset, tie key, index) of the first tuple
  // of the order it covers; the first leaf's key is −∞.
  private lowKeys: Float64Array;
  private lowOffsets: Float64Array;
  private lowTies: Float64Array;
  private lowItems: Int32Array;
  // Each leaf's group and its place in it.
  private groupOf: Int32Array;
  private placeOf: Int32Array;
  private readonly freeLeaves: number[] = [];
  private allocatedLeaves = 0;
  // Group pools: the leaves of group g in order at [g * GROUP, … + groupCounts[g]), with
  // their lower bounds' keys beside them (for the search).
  private groupLeaves: Int32Array;
  private groupKeys: Float64Array;
  private groupCounts: Int32Array;
  // Each group's place in the top list.
  private topPlaceOf: Int32Array;
  private readonly freeGroups: number[] = [];
  private allocatedGroups = 0;
  // Top list: the groups in order, and the lower key of each one's first leaf.
  private topGroups: Int32Array;
  private topKeys: Float64Array;
  private topCount = 0;
  // Scratch: a leaf's entries in order (spreading, splitting, merging: up to two leaves' worth).
  private readonly spreadItems = new Int32Array(2 * LEAF);
  private readonly spreadKeys = new Float64Array(2 * LEAF);

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
    const half = LEAF / 2;
    const leaves = Math.ceil(n / half) + 1;
    const groups = Math.ceil(leaves / (GROUP / 2)) + 1;
    this.slotOf = new Int32Array(Math.max(n, 1));
    this.items = new Int32Array(leaves * LEAF);
    this.keys = new Float64Array(leaves * LEAF);
    this.live = new Int32Array(leaves);
    this.holeBits = new Int32Array(2 * leaves);
    this.next = new Int32Array(leaves);
    this.previous = new Int32Array(leaves);
    this.lowKeys = new Float64Array(leaves);
    this.lowOffsets = new Float64Array(leaves);
    this.lowTies = new Float64Array(leaves);
    this.lowItems = new Int32Array(leaves);
    this.groupOf = new Int32Array(leaves);
    this.placeOf = new Int32Array(leaves);
    this.groupLeaves = new Int32Array(groups * GROUP);
    this.groupKeys = new Float64Array(groups * GROUP);
    this.groupCounts = new Int32Array(groups);
    this.topPlaceOf = new Int32Array(groups);
    this.topGroups = new Int32Array(groups);
    this.topKeys = new Float64Array(groups);
    const order = new Int32Array(n);
    const orderedKeys = new Float64Array(n);
    this.sortInto(n, order, orderedKeys);
    // Half-full leaves in half-full groups, linked in order.
    let group = -1;
    let last = -1;
    for (let start = 0; start === 0 || start < n; start += half) {
      const leaf = this.allocateLeaf();
      const end = Math.min(start + half, n);
      const { spreadItems, spreadKeys } = this;
      for (let i = start; i < end; i++) {
        spreadItems[i - start] = order[i]!;
        spreadKeys[i - start] = orderedKeys[i]!;
      }
      this.spread(leaf, 0, end - start);
      if (start === 0) this.lowKeys[leaf] = -Infinity;
      else this.setBound(leaf, order[start]!, spreadKeys[0]!);
      this.previous[leaf] = last;
      this.next[leaf] = -1;
      if (last >= 0) this.next[last] = leaf;
      else this.head = leaf;
      last = leaf;
      if (group < 0 || this.groupCounts[group] === GROUP / 2) {
        group = this.allocateGroup();
        this.topGroups[this.topCount] = group;
        this.topKeys[this.topCount] = this.lowKeys[leaf]!;
        this.topPlaceOf[group] = this.topCount++;
      }
      const place = this.groupCounts[group]!++;
      this.groupLeaves[group * GROUP + place] = leaf;
      this.groupKeys[group * GROUP + place] = this.lowKeys[leaf]!;
      this.groupOf[leaf] = group;
      this.placeOf[leaf] = place;
    }
    this.tail = last;
  }

  /** Adds datapoint x (the next index; its offset and tie key are set) in its place. */
  add(x: number): void {
    if (x >= this.slotOf.length) this.slotOf = grownCopy(this.slotOf, 2 * this.slotOf.length);
    const key = this.sortKeyOf(x);
    this.insert(this.searchLeaf(x, key), x, key);
  }

  /** Call after datapoint x's offset changed: moves x to its new place. */
  update(x: number): void {
    const slot = this.slotOf[x]!;
    const leaf = slot >> LEAF_BITS;
    const key = this.sortKeyOf(x);
    if (this.fitsAt(leaf, slot, x, key)) {
      this.keys[slot] = key;
      return;
    }
    // x leaves its slot (a hole, keeping the old key) for the leaf that covers its key.
    this.items[slot] = HOLE;
    this.holeBits[(leaf << 1) | ((slot >> 5) & 1)]! |= 1 << (slot & 31);
    this.live[leaf]!--;
    const after = this.next[leaf]!;
    let target = leaf;
    if (this.belowBound(x, key, leaf)) target = this.findLeaf(x, key, this.previous[leaf]!);
    else if (after >= 0 && !this.belowBound(x, key, after)) target = this.findLeaf(x, key, after);
    this.insert(target, x, key);
    if (this.live[leaf]! < LEAF_MINIMUM) this.mergeSmallLeaf(leaf);
  }

  /**
   * Writes into `out` up to `count` datapoints nearest to `x` by rating (x itself
   * excluded), nearest first; equal gaps alternate between the lower and upper side.
   * Returns how many were written. O(count + holes passed).
   */
  nearest(x: number, count: number, out: Int32Array): number {
    const { items, keys } = this;
    const slot = this.slotOf[x]!;
    const centre = keys[slot]!;
    // Two cursors walk out from x, one entry at a time, and the nearer entry goes next.
    let below = this.entryBefore(slot);
    let above = this.entryAfter(slot);
    let taken = 0;
    let takenBelow = 0;
    let takenAbove = 0;
    while (taken < count) {
      let takeBelow: boolean;
      if (above < 0) {
        if (below < 0) break;
        takeBelow = true;
      } else if (below < 0) {
        takeBelow = false;
      } else {
        const gapBelow = centre - keys[below]!;
        const gapAbove = keys[above]! - centre;
        takeBelow = gapBelow < gapAbove || (gapBelow === gapAbove && takenBelow <= takenAbove);
      }
      if (takeBelow) {
        out[taken++] = items[below]!;
        takenBelow++;
        below = this.entryBefore(below);
      } else {
        out[taken++] = items[above]!;
        takenAbove++;
        above = this.entryAfter(above);
      }
    }
    return taken;
  }

  // The slot of the entry before the one at `slot` in the order (across leaves), or −1.
  // Holes are passed one by one: between neighbours there are few, and testing each slot
  // cost less than the hole masks' bit arithmetic (a query of 6 took 116 ns, not 178).
  private entryBefore(slot: number): number {
    const { items } = this;
    let s = slot;
    for (;;) {
      if ((s & (LEAF - 1)) === 0) {
        const leaf = this.previous[s >> LEAF_BITS]!;
        if (leaf < 0) return -1;
        s = (leaf << LEAF_BITS) + LEAF;
      }
      s--;
      if (items[s] !== HOLE) return s;
    }
  }

  // The slot of the entry after the one at `slot` in the order (across leaves), or −1.
  private entryAfter(slot: number): number {
    const { items } = this;
    let s = slot;
    for (;;) {
      s++;
      if ((s & (LEAF - 1)) === 0) {
        const leaf = this.next[(s - 1) >> LEAF_BITS]!;
        if (leaf < 0) return -1;
        s = leaf << LEAF_BITS;
      }
      if (items[s] !== HOLE) return s;
    }
  }

  /**
   * Calls `visit` with the datapoints from the highest key down until it returns false.
   * O(datapoints visited + holes passed).
   */
  forEachDescending(visit: (x: number) => boolean): void {
    for (let leaf = this.tail; leaf >= 0; leaf = this.previous[leaf]!) {
      const base = leaf << LEAF_BITS;
      for (let s = base + LEAF - 1; s >= base; s--) {
        const y = this.items[s]!;
        if (y !== HOLE && !visit(y)) return;
      }
    }
  }

  /** Datapoint indices in ascending order (for tests and diagnostics). O(n). */
  inOrder(): number[] {
    const order: number[] = [];
    for (let leaf = this.head; leaf >= 0; leaf = this.next[leaf]!) {
      const base = leaf << LEAF_BITS;
      for (let s = base; s < base + LEAF; s++) if (this.items[s] !== HOLE) order.push(this.items[s]!);
    }
    return order;
  }

  private sortKeyOf(x: number): number {
    const { offsets, tieKeys, base } = this.source;
    return offsets[base + x]! + tieKeys[base + x]! * this.tieScale;
  }

  // Writes the datapoints in index order, and their sort keys, for the build. A fresh
  // ranking (every datapoint at the same offset, tie keys from a 32-bit generator) is
  // ordered by (tie key, index): a radix sort of the tie keys as 32-bit integers, one
  // byte per pass, stable so equal keys keep the index order, and its keys come in
  // order too. Any other by a comparison sort in the exact order.
  private sortInto(n: number, order: Int32Array, orderedKeys: Float64Array): void {
    const { offsets, tieKeys, base } = this.source;
    let fresh = true;
    for (let i = 0; i < n && fresh; i++) fresh = offsets[base + i] === offsets[base] && Number.isInteger(tieKeys[base + i]! * TWO_POW_32);
    if (!fresh) {
      for (let i = 0; i < n; i++) orderedKeys[i] = this.sortKeyOf(i);
      const list = Array.from({ length: n }, (_, i) => i);
      list.sort((a, b) => (orderedKeys[a] !== orderedKeys[b] ? orderedKeys[a]! - orderedKeys[b]! : this.itemLess(a, b) ? -1 : 1));
      order.set(list);
      for (let i = 0; i < n; i++) orderedKeys[i] = this.sortKeyOf(order[i]!);
      return;
    }
    let digits = new Uint32Array(n);
    let spare = new Uint32Array(n);
    let items: Int32Array = order;
    let spareItems: Int32Array = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      digits[i] = tieKeys[base + i]! * TWO_POW_32;
      items[i] = i;
    }
    const counts = new Int32Array(256);
    for (let shift = 0; shift < 32; shift += 8) {
      counts.fill(0);
      for (let i = 0; i < n; i++) counts[(digits[i]! >>> shift) & 255]!++;
      // A byte every key shares sorts nothing.
      if (counts[(digits[0]! >>> shift) & 255] === n) continue;
      for (let d = 0, start = 0; d < 256; d++) {
        const size = counts[d]!;
        counts[d] = start;
        start += size;
      }
      for (let i = 0; i < n; i++) {
        const at = counts[(digits[i]! >>> shift) & 255]!++;
        spare[at] = digits[i]!;
        spareItems[at] = items[i]!;
      }
      [digits, spare] = [spare, digits];
      [items, spareItems] = [spareItems, items];
    }
    if (items !== order) order.set(items);
    // The same arithmetic as sortKeyOf: tie key (the digits / 2^32, exactly) times the grid.
    const offset = n > 0 ? offsets[base]! : 0;
    for (let i = 0; i < n; i++) orderedKeys[i] = offset + (digits[i]! / TWO_POW_32) * this.tieScale;
  }

  // The exact order between two datapoints whose sort keys are equal: offset, tie key, index.
  private itemLess(a: number, b: number): boolean {
    const { offsets, tieKeys, base } = this.source;
    const offsetA = offsets[base + a]!;
    const offsetB = offsets[base + b]!;
    if (offsetA !== offsetB) return offsetA < offsetB;
    const tieA = tieKeys[base + a]!;
    const tieB = tieKeys[base + b]!;
    return tieA !== tieB ? tieA < tieB : a < b;
  }

  // Whether x (with sort key `key`) comes before `leaf`'s lower bound.
  private belowBound(x: number, key: number, leaf: number): boolean {
    const bound = this.lowKeys[leaf]!;
    if (key !== bound) return key < bound;
    const { offsets, tieKeys, base } = this.source;
    const offset = offsets[base + x]!;
    if (offset !== this.lowOffsets[leaf]) return offset < this.lowOffsets[leaf]!;
    const tie = tieKeys[base + x]!;
    return tie !== this.lowTies[leaf] ? tie < this.lowTies[leaf]! : x < this.lowItems[leaf]!;
  }

  // Makes datapoint y's place in the order (with its sort key as the index holds it)
  // `leaf`'s lower bound.
  private setBound(leaf: number, y: number, key: number): void {
    const { offsets, tieKeys, base } = this.source;
    this.lowKeys[leaf] = key;
    this.lowOffsets[leaf] = offsets[base + y]!;
    this.lowTies[leaf] = tieKeys[base + y]!;
    this.lowItems[leaf] = y;
  }

  // Whether x, with its new sort key `key`, still belongs at its slot: after every entry
  // before it and before every entry after it (a hole's key lies between those of the
  // entries around it, so a strict comparison with a hole's key decides too; an equal
  // one says no, and x is reinserted). The leaf's bounds stand in at its ends.
  private fitsAt(leaf: number, slot: number, x: number, key: number): boolean {
    const { items, keys } = this;
    const first = leaf << LEAF_BITS;
    if (slot === first) {
      if (this.belowBound(x, key, leaf)) return false;
    } else {
      const before = keys[slot - 1]!;
      if (!(before < key || (before === key && items[slot - 1] !== HOLE && this.itemLess(items[slot - 1]!, x)))) return false;
    }
    if (slot === first + LEAF - 1) {
      const after = this.next[leaf]!;
      return after < 0 || this.belowBound(x, key, after);
    }
    const after = keys[slot + 1]!;
    return key < after || (key === after && items[slot + 1] !== HOLE && this.itemLess(x, items[slot + 1]!));
  }

  // The leaf x belongs in (the last whose lower bound is not after x), searched from
  // `near`: a short walk along the leaves, else a search of the groups.
  private findLeaf(x: number, key: number, near: number): number {
    let leaf = near;
    const steps = this.topCount > 1 ? WALK_LIMIT_MANY_GROUPS : WALK_LIMIT;
    for (let step = 0; step < steps; step++) {
      if (this.belowBound(x, key, leaf)) leaf = this.previous[leaf]!;
      else {
        const after = this.next[leaf]!;
        if (after < 0 || this.belowBound(x, key, after)) return leaf;
        leaf = after;
      }
    }
    return this.searchLeaf(x, key);
  }

  // The leaf x belongs in, by binary search of the top list, then of one group.
  private searchLeaf(x: number, key: number): number {
    const { topGroups, topKeys, groupLeaves, groupKeys } = this;
    let low = 0;
    let high = this.topCount - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      const bound = topKeys[middle]!;
      const before = key !== bound ? key < bound : this.belowBound(x, key, groupLeaves[topGroups[middle]! * GROUP]!);
      if (before) high = middle - 1;
      else low = middle;
    }
    const base = topGroups[low]! * GROUP;
    let first = 0;
    let last = this.groupCounts[topGroups[low]!]! - 1;
    while (first < last) {
      const middle = (first + last + 1) >> 1;
      const bound = groupKeys[base + middle]!;
      const before = key !== bound ? key < bound : this.belowBound(x, key, groupLeaves[base + middle]!);
      if (before) last = middle - 1;
      else first = middle;
    }
    return groupLeaves[base + first]!;
  }

  // Puts x in its place in `leaf` (whose range holds it): in a hole beside that place,
  // or after shifting the entries up to the nearest hole one place towards it. When that
  // hole is far, the leaf first spreads its entries evenly, or splits when it is full.
  private insert(leaf: number, x: number, key: number): void {
    const { items, keys, slotOf } = this;
    const first = leaf << LEAF_BITS;
    const end = first + LEAF;
    // p: the first slot whose key is above x's, then back past equal keys of holes and of
    // entries after x. x goes right before p.
    let p = this.upperBound(first, key);
    while (p > first && keys[p - 1] === key && (items[p - 1] === HOLE || this.itemLess(x, items[p - 1]!))) p--;
    let at: number;
    if (p > first && items[p - 1] === HOLE) at = p - 1;
    else if (p < end && items[p] === HOLE) at = p;
    else {
      const right = p < end ? this.holeFrom(leaf, p) : -1;
      const left = p - 2 >= first ? this.holeUpTo(leaf, p - 2) : -1;
      const rightDistance = right < 0 ? LEAF : right - p;
      const leftDistance = left < 0 ? LEAF : p - 1 - left;
      if (rightDistance > SHIFT_LIMIT && leftDistance > SHIFT_LIMIT) {
        // Holes everywhere again (or two leaves), then the place has one close by.
        if (this.live[leaf]! > SPLIT_ABOVE) {
          const upper = this.splitLeaf(leaf);
          this.insert(this.belowBound(x, key, upper) ? leaf : upper, x, key);
        } else {
          this.gather(leaf, 0);
          this.spread(leaf, 0, this.live[leaf]!);
          this.insert(leaf, x, key);
        }
        return;
      }
      if (leftDistance < rightDistance) {
        for (let s = left; s < p - 1; s++) {
          const y = items[s + 1]!;
          items[s] = y;
          keys[s] = keys[s + 1]!;
          slotOf[y] = s;
        }
        at = p - 1;
        this.clearHole(left);
      } else {
        for (let s = right; s > p; s--) {
          const y = items[s - 1]!;
          items[s] = y;
          keys[s] = keys[s - 1]!;
          slotOf[y] = s;
        }
        at = p;
        this.clearHole(right);
      }
    }
    if (items[at] === HOLE) this.clearHole(at);
    items[at] = x;
    keys[at] = key;
    slotOf[x] = at;
    this.live[leaf]!++;
  }

  // The first slot of the leaf starting at `first` whose key is above `key` (the slot
  // after the leaf if none): the count of keys not above it. Which eighth of the leaf it
  // lies in comes from the last key of each eighth, seven loads that do not wait on each
  // other (a binary search's three first steps wait each on the last, and in a large
  // ranking each of them is a cache miss); then a branch-free binary search of that
  // eighth (the comparisons' outcomes are added, not branched on, so mispredictions cost
  // nothing). The keys ascend, so the count of eighths is what the binary search's first
  // three steps find.
  private upperBound(first: number, key: number): number {
    const { keys } = this;
    const eighths =
      +(keys[first + 7]! <= key) +
      +(keys[first + 15]! <= key) +
      +(keys[first + 23]! <= key) +
      +(keys[first + 31]! <= key) +
      +(keys[first + 39]! <= key) +
      +(keys[first + 47]! <= key) +
      +(keys[first + 55]! <= key);
    let at = first + (eighths << 3);
    at += +(keys[at + 3]! <= key) << 2;
    at += +(keys[at + 1]! <= key) << 1;
    at += +(keys[at]! <= key);
    // Now keys[at] is above `key`, or at is the last slot, not yet compared.
    return at + +(keys[at]! <= key);
  }

  // The first hole of `leaf` at or after slot `from` (in the leaf), or −1.
  private holeFrom(leaf: number, from: number): number {
    const i = from & (LEAF - 1);
    let word = i >> 5;
    let bits = this.holeBits[(leaf << 1) | word]! & (-1 << (i & 31));
    if (bits === 0 && word === 0) {
      word = 1;
      bits = this.holeBits[(leaf << 1) | 1]!;
    }
    return bits === 0 ? -1 : (leaf << LEAF_BITS) + (word << 5) + 31 - Math.clz32(bits & -bits);
  }

  // The last hole of `leaf` at or before slot `to` (in the leaf), or −1.
  private holeUpTo(leaf: number, to: number): number {
    const i = to & (LEAF - 1);
    let word = i >> 5;
    const bit = i & 31;
    let bits = this.holeBits[(leaf << 1) | word]! & (bit === 31 ? -1 : (1 << (bit + 1)) - 1);
    if (bits === 0 && word === 1) {
      word = 0;
      bits = this.holeBits[leaf << 1]!;
    }
    return bits === 0 ? -1 : (leaf << LEAF_BITS) + (word << 5) + 31 - Math.clz32(bits);
  }

  private clearHole(slot: number): void {
    this.holeBits[(slot >> LEAF_BITS) * 2 + ((slot >> 5) & 1)]! &= ~(1 << (slot & 31));
  }

  // Copies a leaf's entries, in order, into the spread scratch from `at` on; returns how many.
  private gather(leaf: number, at: number): number {
    const { items, keys, spreadItems, spreadKeys } = this;
    const first = leaf << LEAF_BITS;
    let to = at;
    for (let s = first; s < first + LEAF; s++) {
      const y = items[s]!;
      if (y === HOLE) continue;
      spreadItems[to] = y;
      spreadKeys[to++] = keys[s]!;
    }
    return to - at;
  }

  // Lays out `count` entries of the spread scratch (from `from` on, in order) evenly over
  // `leaf`'s slots, the first in slot 0, with holes between them that keep the key of
  // the entry before.
  private spread(leaf: number, from: number, count: number): void {
    const { items, keys, slotOf, spreadItems, spreadKeys } = this;
    const first = leaf << LEAF_BITS;
    let bitsLow = 0;
    let bitsHigh = 0;
    let k = from;
    let key = count > 0 ? spreadKeys[from]! : this.lowKeys[leaf]!;
    for (let i = 0; i < LEAF; i++) {
      if (k < from + count && i === Math.floor(((k - from) * LEAF) / count)) {
        const y = spreadItems[k]!;
        key = spreadKeys[k++]!;
        items[first + i] = y;
        keys[first + i] = key;
        slotOf[y] = first + i;
      } else {
        items[first + i] = HOLE;
        keys[first + i] = key;
        if (i < 32) bitsLow |= 1 << i;
        else bitsHigh |= 1 << (i - 32);
      }
    }
    this.holeBits[leaf << 1] = bitsLow;
    this.holeBits[(leaf << 1) | 1] = bitsHigh;
    this.live[leaf] = count;
  }

  // Moves the upper half of a leaf's entries to a new leaf after it (each half spread
  // over its leaf), and returns the new leaf.
  private splitLeaf(leaf: number): number {
    const count = this.gather(leaf, 0);
    const half = count >> 1;
    const upper = this.allocateLeaf();
    this.spread(leaf, 0, half);
    this.spread(upper, half, count - half);
    this.setBound(upper, this.spreadItems[half]!, this.spreadKeys[half]!);
    const after = this.next[leaf]!;
    this.next[leaf] = upper;
    this.previous[upper] = leaf;
    this.next[upper] = after;
    if (after >= 0) this.previous[after] = upper;
    else this.tail = upper;
    this.insertInGroup(leaf, upper);
    return upper;
  }

  // A leaf that got small merges with a neighbour when both fit in one: the lower one
  // takes both leaves' entries, spread over its slots.
  private mergeSmallLeaf(leaf: number): void {
    const after = this.next[leaf]!;
    const lower = after >= 0 ? leaf : this.previous[leaf]!;
    if (lower < 0) return;
    const upper = this.next[lower]!;
    if (this.live[lower]! + this.live[upper]! > LEAF) return;
    const count = this.gather(lower, 0);
    this.spread(lower, 0, count + this.gather(upper, count));
    this.live[upper] = 0;
    // Unlink the upper leaf.
    const beyond = this.next[upper]!;
    this.next[lower] = beyond;
    if (beyond >= 0) this.previous[beyond] = lower;
    else this.tail = lower;
    this.removeFromGroup(upper);
    this.freeLeaves.push(upper);
  }

  // --- Groups: the leaves in order, for the search ---

  // Puts `leaf` right after `previous` in previous's group, splitting the group first when full.
  private insertInGroup(previous: number, leaf: number): void {
    let group = this.groupOf[previous]!;
    if (this.groupCounts[group] === GROUP) {
      this.splitGroup(group);
      group = this.groupOf[previous]!;
    }
    const base = group * GROUP;
    const place = this.placeOf[previous]! + 1;
    const { groupLeaves, groupKeys } = this;
    for (let i = base + this.groupCounts[group]!; i > base + place; i--) {
      groupLeaves[i] = groupLeaves[i - 1]!;
      groupKeys[i] = groupKeys[i - 1]!;
      this.placeOf[groupLeaves[i]!] = i - base;
    }
    groupLeaves[base + place] = leaf;
    groupKeys[base + place] = this.lowKeys[leaf]!;
    this.groupOf[leaf] = group;
    this.placeOf[leaf] = place;
    this.groupCounts[group]!++;
  }

  // Takes `leaf` out of its group; an emptied group leaves the top list, a small one
  // merges with a neighbour when both fit in one.
  private removeFromGroup(leaf: number): void {
    const group = this.groupOf[leaf]!;
    const base = group * GROUP;
    const count = --this.groupCounts[group]!;
    const { groupLeaves, groupKeys } = this;
    for (let i = base + this.placeOf[leaf]!; i < base + count; i++) {
      groupLeaves[i] = groupLeaves[i + 1]!;
      groupKeys[i] = groupKeys[i + 1]!;
      this.placeOf[groupLeaves[i]!] = i - base;
    }
    if (count > 0) {
      this.topKeys[this.topPlaceOf[group]!] = groupKeys[base]!;
      if (count < GROUP_MINIMUM) this.mergeSmallGroup(group);
    } else {
      this.removeFromTop(group);
    }
  }

  // Moves the upper half of a full group to a new group after it in the top list.
  private splitGroup(group: number): void {
    const upper = this.allocateGroup();
    const half = GROUP / 2;
    const from = group * GROUP + half;
    const to = upper * GROUP;
    for (let i = 0; i < half; i++) {
      const leaf = this.groupLeaves[from + i]!;
      this.groupLeaves[to + i] = leaf;
      this.groupKeys[to + i] = this.groupKeys[from + i]!;
      this.groupOf[leaf] = upper;
      this.placeOf[leaf] = i;
    }
    this.groupCounts[group] = half;
    this.groupCounts[upper] = half;
    this.insertInTop(this.topPlaceOf[group]! + 1, upper);
  }

  // A small group merges into its neighbour (the next one, else the previous) when both fit.
  private mergeSmallGroup(group: number): void {
    const place = this.topPlaceOf[group]!;
    const lowerPlace = place + 1 < this.topCount ? place : place - 1;
    if (lowerPlace < 0) return;
    const lower = this.topGroups[lowerPlace]!;
    const upper = this.topGroups[lowerPlace + 1]!;
    const lowerCount = this.groupCounts[lower]!;
    const upperCount = this.groupCounts[upper]!;
    if (lowerCount + upperCount > GROUP) return;
    for (let i = 0; i < upperCount; i++) {
      const leaf = this.groupLeaves[upper * GROUP + i]!;
      this.groupLeaves[lower * GROUP + lowerCount + i] = leaf;
      this.groupKeys[lower * GROUP + lowerCount + i] = this.groupKeys[upper * GROUP + i]!;
      this.groupOf[leaf] = lower;
      this.placeOf[leaf] = lowerCount + i;
    }
    this.groupCounts[lower] = lowerCount + upperCount;
    this.groupCounts[upper] = 0;
    this.removeFromTop(upper);
  }

  private insertInTop(place: number, group: number): void {
    const { topGroups, topKeys } = this;
    topGroups.copyWithin(place + 1, place, this.topCount);
    topKeys.copyWithin(place + 1, place, this.topCount);
    topGroups[place] = group;
    topKeys[place] = this.groupKeys[group * GROUP]!;
    this.topCount++;
    for (let p = place; p < this.topCount; p++) this.topPlaceOf[topGroups[p]!] = p;
  }

  private removeFromTop(group: number): void {
    const { topGroups, topKeys } = this;
    const place = this.topPlaceOf[group]!;
    topGroups.copyWithin(place, place + 1, this.topCount);
    topKeys.copyWithin(place, place + 1, this.topCount);
    this.topCount--;
    for (let p = place; p < this.topCount; p++) this.topPlaceOf[topGroups[p]!] = p;
    // The first group's first leaf is the first leaf: its bound is −∞ already.
    this.freeGroups.push(group);
  }

  // --- Allocation ---

  private allocateLeaf(): number {
    const reused = this.freeLeaves.pop();
    if (reused !== undefined) return reused;
    if (this.allocatedLeaves === this.live.length) this.growLeaves();
    return this.allocatedLeaves++;
  }

  private growLeaves(): void {
    const capacity = 2 * this.live.length;
    this.items = grownCopy(this.items, capacity * LEAF);
    this.keys = grownCopy(this.keys, capacity * LEAF);
    this.live = grownCopy(this.live, capacity);
    this.holeBits = grownCopy(this.holeBits, 2 * capacity);
    this.next = grownCopy(this.next, capacity);
    this.previous = grownCopy(this.previous, capacity);
    this.lowKeys = grownCopy(this.lowKeys, capacity);
    this.lowOffsets = grownCopy(this.lowOffsets, capacity);
    this.lowTies = grownCopy(this.lowTies, capacity);
    this.lowItems = grownCopy(this.lowItems, capacity);
    this.groupOf = grownCopy(this.groupOf, capacity);
    this.placeOf = grownCopy(this.placeOf, capacity);
  }

  private allocateGroup(): number {
    const reused = this.freeGroups.pop();
    if (reused !== undefined) return reused;
    if (this.allocatedGroups === this.groupCounts.length) {
      const capacity = 2 * this.groupCounts.length;
      this.groupLeaves = grownCopy(this.groupLeaves, capacity * GROUP);
      this.groupKeys = grownCopy(this.groupKeys, capacity * GROUP);
      this.groupCounts = grownCopy(this.groupCounts, capacity);
      this.topPlaceOf = grownCopy(this.topPlaceOf, capacity);
      this.topGroups = grownCopy(this.topGroups, capacity);
      this.topKeys = grownCopy(this.topKeys, capacity);
    }
    return this.allocatedGroups++;
  }
}
