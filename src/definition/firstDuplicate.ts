/**
 * The first repeated id in a long list, found without a hash set of the strings. A Set
 * of a million ids spends most of its time on cache misses (each insertion lands at a
 * random place of a table of tens of megabytes); here each id is hashed once (FNV-1a
 * over its UTF-16 code units), the indices are radix-sorted by hash (four passes of
 * sequential reads and 256 sequential write streams), and only ids with equal hashes
 * are compared. The radix sort is stable, so ids with equal hashes stay in index
 * order and the first one of equal ids is its first occurrence.
 *
 * Costs: O(n + total length) time, 16 bytes per id of scratch. Ids with equal hashes
 * are compared pairwise up to a few dozen; a longer run (only crafted collisions make
 * one) is checked with a Set instead, so no input makes it quadratic.
 * @internal
 * @module
 */

// Runs of equal hashes longer than this are checked with a Set.
const PAIRWISE_RUN = 32;

/**
 * The first index whose id equals an earlier id, with the index of that id's first
 * occurrence, among `ids[0 … length)`; null when they are all distinct. O(n).
 */
export function firstDuplicate(ids: readonly string[], length: number): readonly [earlier: number, index: number] | null {
  let hashes = new Uint32Array(length);
  let spareHashes = new Uint32Array(length);
  let order = new Int32Array(length);
  let spareOrder = new Int32Array(length);
  for (let i = 0; i < length; i++) {
    const id = ids[i]!;
    let hash = 0x811c9dc5;
    for (let c = 0; c < id.length; c++) hash = Math.imul(hash ^ id.charCodeAt(c), 0x01000193);
    hashes[i] = hash;
    order[i] = i;
  }
  const counts = new Int32Array(256);
  for (let shift = 0; shift < 32; shift += 8) {
    counts.fill(0);
    for (let i = 0; i < length; i++) counts[(hashes[i]! >>> shift) & 255]!++;
    for (let digit = 0, start = 0; digit < 256; digit++) {
      const size = counts[digit]!;
      counts[digit] = start;
      start += size;
    }
    for (let i = 0; i < length; i++) {
      const at = counts[(hashes[i]! >>> shift) & 255]!++;
      spareHashes[at] = hashes[i]!;
      spareOrder[at] = order[i]!;
    }
    [hashes, spareHashes] = [spareHashes, hashes];
    [order, spareOrder] = [spareOrder, order];
  }
  // The smallest second occurrence over all runs of equal hashes.
  let earlier = -1;
  let index = length;
  for (let start = 0; start < length; ) {
    let end = start + 1;
    while (end < length && hashes[end] === hashes[start]) end++;
    if (end - start > 1) {
      const found = end - start > PAIRWISE_RUN ? repeatBySet(ids, order, start, end) : repeatPairwise(ids, order, start, end);
      if (found !== null && found[1] < index) [earlier, index] = found;
    }
    start = end;
  }
  return earlier < 0 ? null : [earlier, index];
}

// The first repeat among the ids at order[start … end) (indices ascending).
function repeatPairwise(ids: readonly string[], order: Int32Array, start: number, end: number): [number, number] | null {
  for (let j = start + 1; j < end; j++) {
    for (let k = start; k < j; k++) if (ids[order[k]!] === ids[order[j]!]) return [order[k]!, order[j]!];
  }
  return null;
}

function repeatBySet(ids: readonly string[], order: Int32Array, start: number, end: number): [number, number] | null {
  const first = new Map<string, number>();
  for (let j = start; j < end; j++) {
    const id = ids[order[j]!]!;
    const seen = first.get(id);
    if (seen !== undefined) return [seen, order[j]!];
    first.set(id, order[j]!);
  }
  return null;
}
