/**
 * The per-datapoint values of rankings, one typed array per field, where a ranking's
 * datapoints occupy the slots [base, base + capacity) of every column.
 *
 * Why columns shared between rankings: a typed array costs about 200 bytes before its
 * first element (the array, its buffer and their headers), and a ranking needs a dozen
 * of them, so a job of a million rankings of two datapoints spent 6 KB per ranking on
 * headers. Small rankings therefore share the columns of their job's arena
 * (rankingArena.ts); a ranking that outgrows that gets columns of its own (base 0),
 * grown by doubling.
 * @internal
 * @module
 */
import { grownCopy } from './grownCopy.js';
import type { RankingArena } from './rankingArena.js';

/**
 * Rankings of at most this many datapoints are small: they share an arena's columns,
 * find their rating order and exposure buckets by sorting or searching their few
 * datapoints, and keep no index or level table of their own.
 */
export const SMALL_RANKING = 16;

/** The columns of one or more rankings' datapoints. */
export class DatapointColumns {
  /** The job's shared context (parameters, selection needs) of the rankings held here. */
  readonly arena: RankingArena;
  /** Whether several rankings keep their datapoints here (then none can grow in place). */
  readonly shared: boolean;
  /** Slots handed out so far, from 0 (shared columns). */
  used = 0;
  /** Rating offset from the initial rating. */
  offsets: Float64Array;
  /** Random tie-break keys in [0, 1). */
  tieKeys: Float64Array;
  /**
   * Completed matchups won, lost and drawn. Counts are 32-bit (half the memory of a
   * double): a datapoint is in at most as many matchups as its job issued, and the
   * ledger's per-matchup typed arrays stop before 2^32 (the longest a typed array can be).
   */
  wins: Uint32Array;
  losses: Uint32Array;
  draws: Uint32Array;
  /** Matchups issued and not released (pending and completed). */
  exposure: Uint32Array;
  /** The opponent of the latest matchup, or −1. */
  lastOpponent: Int32Array;
  /** Each ranking's datapoints sorted by exposure (indices within the ranking), and where each sits. */
  order: Int32Array;
  position: Int32Array;
  /** The online posterior's means (offsets) and variances; null when the pairing never reads them. */
  means: Float64Array | null;
  variances: Float64Array | null;
  /** Starting offsets; null while every one is 0 (datapoints added at another rating create it). */
  startOffsets: Float64Array | null = null;

  /**
   * @param capacity - Slots to allocate.
   * @param arena - The job's shared context (it says whether to keep the online posterior).
   * @param shared - Whether several rankings will share these columns.
   */
  constructor(capacity: number, arena: RankingArena, shared: boolean) {
    const posterior = arena.keepsPosterior;
    this.arena = arena;
    this.shared = shared;
    this.offsets = new Float64Array(capacity);
    this.tieKeys = new Float64Array(capacity);
    this.wins = new Uint32Array(capacity);
    this.losses = new Uint32Array(capacity);
    this.draws = new Uint32Array(capacity);
    this.exposure = new Uint32Array(capacity);
    this.lastOpponent = new Int32Array(capacity);
    this.order = new Int32Array(capacity);
    this.position = new Int32Array(capacity);
    this.means = posterior ? new Float64Array(capacity) : null;
    this.variances = posterior ? new Float64Array(capacity) : null;
  }

  /** Slots allocated. */
  get capacity(): number {
    return this.offsets.length;
  }

  /** The starting offsets column, created (all 0) on first use. */
  ensureStartOffsets(): Float64Array {
    return (this.startOffsets ??= new Float64Array(this.capacity));
  }

  /** Room for `capacity` slots, keeping the values. O(capacity). */
  grow(capacity: number): void {
    this.offsets = grownCopy(this.offsets, capacity);
    this.tieKeys = grownCopy(this.tieKeys, capacity);
    this.wins = grownCopy(this.wins, capacity);
    this.losses = grownCopy(this.losses, capacity);
    this.draws = grownCopy(this.draws, capacity);
    this.exposure = grownCopy(this.exposure, capacity);
    this.lastOpponent = grownCopy(this.lastOpponent, capacity);
    this.order = grownCopy(this.order, capacity);
    this.position = grownCopy(this.position, capacity);
    if (this.means !== null) this.means = grownCopy(this.means, capacity);
    if (this.variances !== null) this.variances = grownCopy(this.variances, capacity);
    if (this.startOffsets !== null) this.startOffsets = grownCopy(this.startOffsets, capacity);
  }

  /**
   * Copies `count` slots from `from` (starting at `fromBase`) to slot `toBase` here; the
   * order and positions are indices within the ranking, so they copy as they are. O(count).
   */
  copyFrom(from: DatapointColumns, fromBase: number, toBase: number, count: number): void {
    const copy = <T extends Float64Array | Int32Array | Uint32Array>(target: T, source: T) => target.set(source.subarray(fromBase, fromBase + count), toBase);
    copy(this.offsets, from.offsets);
    copy(this.tieKeys, from.tieKeys);
    copy(this.wins, from.wins);
    copy(this.losses, from.losses);
    copy(this.draws, from.draws);
    copy(this.exposure, from.exposure);
    copy(this.lastOpponent, from.lastOpponent);
    copy(this.order, from.order);
    copy(this.position, from.position);
    if (this.means !== null && from.means !== null) copy(this.means, from.means);
    if (this.variances !== null && from.variances !== null) copy(this.variances, from.variances);
    if (from.startOffsets !== null) copy(this.ensureStartOffsets(), from.startOffsets);
  }
}
