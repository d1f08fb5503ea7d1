/**
 * How often each datapoint of a ranking is in a matchup (issued and not released,
 * so pending ones count), with O(1) access to a uniformly random least-exposed one.
 *
 * Layout (in the ranking's {@link DatapointColumns}): `order` lists the datapoints sorted
 * by exposure, ascending, and `position` says where each one is; the bucket of level e
 * starts at the first position whose exposure is ≥ e. Raising a datapoint's exposure
 * swaps it to the end of its bucket, lowering it swaps it to the front (the
 * counting-sort bucket trick). The order within a bucket is history, and it decides
 * which tied datapoint a draw picks, so snapshots keep it.
 *
 * Where the buckets start: a large ranking (more than `SMALL_RANKING`, 16, datapoints) keeps the
 * start of every level ({@link ExposureLevels}); a smaller one finds it by binary search of
 * its few positions, so it needs no memory of its own.
 *
 * Costs: increment and decrement O(1) amortised (O(log n) for small rankings);
 * least-exposed pick O(1); adding a datapoint O(distinct exposure levels above 0), as
 * the first datapoint of each nonempty bucket moves one place. Memory: 12 bytes per
 * datapoint in the columns (exposure, order, position), plus one number per exposure
 * level for large rankings.
 * @internal
 * @module
 */
import { indexFromUniform } from '../rng/uniformDraws.js';
import type { DatapointColumns } from './datapointColumns.js';

/** The part of a ranking the exposure functions read: its columns, slice and levels. */
export interface ExposureSlice {
  readonly columns: DatapointColumns;
  readonly base: number;
  /** Datapoints in the ranking. */
  readonly size: number;
  /** Bucket starts of a large ranking, or null (found by binary search). */
  readonly levels: ExposureLevels | null;
}

/**
 * Where each exposure level's bucket starts, for levels 0 … one past the highest.
 * Adding a datapoint at exposure 0 moves every bucket above 0 one place right; rather
 * than add 1 to every level (O(highest exposure)), starts of levels ≥ 1 are stored
 * minus `shift`, and an addition raises `shift`.
 */
export class ExposureLevels {
  private readonly starts: number[];
  private shift = 0;

  /** The levels of a ranking whose order and exposures are set. O(n + highest exposure). */
  constructor(slice: ExposureSlice) {
    const { columns, base, size } = slice;
    const { exposure, order } = columns;
    const top = exposure[base + order[base + size - 1]!]!;
    this.starts = new Array<number>(top + 2);
    for (let level = 0, p = 0; level <= top + 1; level++) {
      while (p < size && exposure[base + order[base + p]!]! < level) p++;
      this.starts[level] = p;
    }
  }

  /** Levels held: 0 … one past the highest exposure. */
  get count(): number {
    return this.starts.length;
  }

  /** The first position whose exposure is ≥ level (level < count). */
  start(level: number): number {
    return level === 0 ? 0 : this.starts[level]! + this.shift;
  }

  /** Sets where a level's bucket starts (level ≥ 1). */
  set(level: number, position: number): void {
    this.starts[level] = position - this.shift;
  }

  /** Adds the level above the highest, empty: its bucket starts at `size`. */
  push(size: number): void {
    this.starts.push(size - this.shift);
  }

  /** Every level ≥ 1 starts one place later (a datapoint joined level 0). O(1). */
  shiftUp(): void {
    this.shift++;
  }
}

/** The first position of `slice`'s order whose exposure is ≥ level. */
export function bucketStart(slice: ExposureSlice, level: number): number {
  if (slice.levels !== null) return slice.levels.start(level);
  const { columns, base } = slice;
  const { exposure, order } = columns;
  let low = 0;
  let high = slice.size;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (exposure[base + order[base + middle]!]! < level) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The lowest exposure of any datapoint. O(1). */
export function minimumExposure(slice: ExposureSlice): number {
  const { columns, base } = slice;
  return columns.exposure[base + columns.order[base]!]!;
}

/** A datapoint with the lowest exposure, uniformly among ties, from a draw u in [0, 1). */
export function pickLeastExposed(slice: ExposureSlice, u: number): number {
  const tied = bucketStart(slice, minimumExposure(slice) + 1);
  return slice.columns.order[slice.base + indexFromUniform(u, tied)]!;
}

/** Raises x's exposure by one. */
export function incrementExposure(slice: ExposureSlice, x: number): void {
  const { columns, base, levels } = slice;
  const level = columns.exposure[base + x]!;
  if (levels !== null && levels.count < level + 3) levels.push(slice.size);
  const last = bucketStart(slice, level + 1) - 1;
  swap(columns, base, columns.position[base + x]!, last);
  levels?.set(level + 1, last);
  columns.exposure[base + x] = level + 1;
}

/** Lowers x's exposure by one; x's exposure must be at least 1. */
export function decrementExposure(slice: ExposureSlice, x: number): void {
  const { columns, base, levels } = slice;
  const level = columns.exposure[base + x]!;
  const first = bucketStart(slice, level);
  swap(columns, base, columns.position[base + x]!, first);
  levels?.set(level, first + 1);
  columns.exposure[base + x] = level - 1;
}

/**
 * Places datapoint `slice.size` (the next index; the caller counts it afterwards) at
 * exposure 0, at the end of the lowest bucket: the first datapoint of each nonempty
 * bucket above moves to that bucket's end, which is where the next bucket began.
 * Returns the number of buckets moved: O(that).
 */
export function appendUnexposed(slice: ExposureSlice): number {
  const { columns, base, levels } = slice;
  const { exposure, order } = columns;
  const x = slice.size;
  exposure[base + x] = 0;
  let carried = x;
  let moved = 0;
  for (let p = bucketStart(slice, 1); p < x; moved++) {
    const first = order[base + p]!;
    const next = bucketStart(slice, exposure[base + first]! + 1);
    place(columns, base, carried, p);
    carried = first;
    p = next;
  }
  place(columns, base, carried, x);
  levels?.shiftUp();
  return moved;
}

/** The datapoints sorted by exposure (ties in their current order): for snapshots. O(n). */
export function exposureOrderList(slice: ExposureSlice): number[] {
  return Array.from(slice.columns.order.subarray(slice.base, slice.base + slice.size));
}

function place(columns: DatapointColumns, base: number, x: number, p: number): void {
  columns.order[base + p] = x;
  columns.position[base + x] = p;
}

function swap(columns: DatapointColumns, base: number, i: number, j: number): void {
  const { order, position } = columns;
  const a = order[base + i]!;
  const b = order[base + j]!;
  order[base + i] = b;
  order[base + j] = a;
  position[base + b] = i;
  position[base + a] = j;
}

/**
 * A ranking's exposure as one object (for tests and cold paths; the job calls the
 * functions above, which allocate nothing).
 */
export class ExposureBuckets {
  constructor(private readonly slice: ExposureSlice) {}

  /** Exposure of datapoint x. */
  of(x: number): number {
    return this.slice.columns.exposure[this.slice.base + x]!;
  }

  /** The lowest exposure of any datapoint. */
  get minimum(): number {
    return minimumExposure(this.slice);
  }

  /** See {@link pickLeastExposed}. */
  pickLeastExposed(u: number): number {
    return pickLeastExposed(this.slice, u);
  }

  /** Raises x's exposure by one. */
  increment(x: number): void {
    incrementExposure(this.slice, x);
  }

  /** Lowers x's exposure by one (it must be at least 1). */
  decrement(x: number): void {
    decrementExposure(this.slice, x);
  }

  /** The datapoints sorted by exposure. O(n). */
  orderList(): number[] {
    return exposureOrderList(this.slice);
  }
}
