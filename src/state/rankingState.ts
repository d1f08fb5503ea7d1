/**
 * Everything the job tracks about one ranking: ratings, counts, exposure, the rating
 * order and the round-robin schedule. Rankings can grow (datapoints added while the job
 * runs).
 *
 * Ratings are stored as offsets from the job's initial rating. Every Elo change is a
 * multiple of a power of two q (see elo/eloDelta.ts), and so is every starting offset,
 * so the offsets of a ranking always sum to exactly the sum of their starting offsets
 * (0 unless datapoints were added with another initial rating). The reported scores
 * sum exactly too when the initial rating is on the grid and the sums stay below
 * 2^53 × q (any integer rating with the default K and scale).
 *
 * Where a ranking keeps its values: per-datapoint values live in columns
 * (datapointColumns.ts), from slot `base` on. A small ranking (at most `SMALL_RANKING`,
 * 16, datapoints) takes a slice of its job's shared columns and finds its rating order
 * and exposure buckets on demand from its few datapoints; a larger one has columns of
 * its own, a rating index and a table of exposure levels. Structures only some pairing
 * modes read (the posterior's order, the sorted chain, the schedule, the completed
 * evidence) sit in a side object that small rankings of the default pairing never
 * create. So a ranking of two datapoints costs its 96-byte state object and 88 bytes
 * of columns, not two dozen typed arrays (about 6 KB).
 *
 * Beside the Elo ratings each datapoint has a Gaussian posterior (mean as an offset from
 * the initial rating, and variance, in Elo points), updated once per completed matchup
 * with all its responses (posterior/comparisonUpdate.ts), kept when information-gain
 * picks or stopWhen read it. It is a function of the completed matchups in completion
 * order, so snapshots do not store it: a restored job recomputes it from its votes. The
 * same holds for the sorted chain of sort pairing.
 * @internal
 * @module
 */
import { fastEloDelta } from '../elo/fastEloDelta.js';
import type { EloParameters, PosteriorParameters } from '../definition/types.js';
import { updateComparison } from '../posterior/comparisonUpdate.js';
import { startOffsetOf, type FlatColumns, type SavedRankings } from '../persistence/savedRankings.js';
import { FactorList } from '../posterior/factorList.js';
import { InsertionOrder } from '../selection/insertionOrder.js';
import { RoundRobinSchedule } from '../selection/roundRobinSchedule.js';
import { DatapointColumns, SMALL_RANKING } from './datapointColumns.js';
import {
  ExposureBuckets,
  ExposureLevels,
  appendUnexposed,
  decrementExposure,
  incrementExposure,
  pickLeastExposed,
  type ExposureSlice,
} from './exposureBuckets.js';
import { RankingArena, type SelectionFlags } from './rankingArena.js';
import { RatingIndex, type RatingSource } from './ratingIndex.js';
import { forEachDescendingByScan, nearestByScan } from './smallRankingOrder.js';

/** Which selection structures a ranking needs, and where the job's small rankings keep their values. */
export interface RankingStateNeeds extends SelectionFlags {
  /**
   * The job's shared context (from the same definition as the Elo and posterior
   * parameters): its small rankings share its columns. Without one, the ranking keeps
   * everything to itself.
   */
  readonly arena?: RankingArena;
}

/** What a restored ranking needs: its saved data (checked by the caller) and what the job derives. */
export interface RankingRestore {
  /** Every ranking's saved columns. */
  readonly saved: SavedRankings;
  /** This ranking's index in them. */
  readonly ranking: number;
  /** The definition's datapoints in this ranking (the rest were added). */
  readonly definitionSize: number;
  /** Exposure of every datapoint (pending + completed matchups it is in), flat as the saved columns. */
  readonly exposure: Float64Array;
  readonly pending: number;
}

// The structures only some rankings need, kept out of the ranking object itself.
class RankingExtras {
  /** Slots of the ranking's slice of shared columns (its own columns know their length). */
  capacity: number;
  index: RatingIndex | null = null;
  meanIndex: RatingIndex | null = null;
  levels: ExposureLevels | null = null;
  sort: InsertionOrder | null = null;
  schedule: RoundRobinSchedule | null = null;
  completedFactors: FactorList | null = null;
  // Datapoint id → index, built on the first addDatapoints (duplicate checks).
  idIndex: Map<string, number> | null = null;

  constructor(capacity: number) {
    this.capacity = capacity;
  }
}

/**
 * Per-ranking state. Wins, losses and draws cover completed matchups only (their sum is
 * a datapoint's completed comparisons); exposure also counts pending ones.
 */
export class RankingState implements ExposureSlice {
  /** The datapoint ids (shared with the definition until datapoints are added). */
  ids: readonly string[];
  size: number;
  budget: number;
  pending = 0;
  completed = 0;
  /** Stopped early by the definition's stopWhen rule (kept current by the job). */
  settled = false;
  /** The columns holding this ranking's datapoints, from slot `base` on. */
  columns: DatapointColumns;
  base: number;
  private extra: RankingExtras | null = null;

  /**
   * A fresh ranking: every datapoint at the initial rating, nothing issued.
   * @param ids - The ranking's datapoint ids (a frozen array is shared, not copied).
   * @param budget - Matchups this ranking may complete.
   * @param tieKeys - One uniform draw per datapoint, ordering equal ratings at random
   *   (the first n entries are read).
   * @param elo - The job's Elo parameters.
   * @param posterior - The job's posterior model.
   * @param needs - Which selection structures to build, and the job's arena.
   * @param restore - Saved state to resume from instead (checked by the caller).
   */
  constructor(
    ids: readonly string[],
    budget: number,
    tieKeys: ArrayLike<number>,
    elo: EloParameters,
    posterior: PosteriorParameters,
    needs: RankingStateNeeds,
    restore?: RankingRestore,
  ) {
    const n = ids.length;
    const data = restore?.saved;
    // Where this ranking's entries begin in the saved (flat) columns.
    const from = restore === undefined ? 0 : data!.starts[restore.ranking]!;
    const arena = needs.arena ?? new RankingArena(elo, posterior, needs, false);
    this.ids = Object.isFrozen(ids) ? ids : [...ids];
    this.size = n;
    this.budget = smallInteger(budget);
    if (arena.sharing && n <= SMALL_RANKING) {
      this.columns = arena.allocate(n);
      this.base = this.columns.used - n;
    } else {
      this.columns = new DatapointColumns(n, arena, false);
      this.base = 0;
    }
    const { columns, base } = this;
    if (data === undefined) {
      for (let i = 0; i < n; i++) columns.tieKeys[base + i] = tieKeys[i]!;
      columns.lastOpponent.fill(-1, base, base + n);
    } else {
      for (let i = 0; i < n; i++) {
        columns.tieKeys[base + i] = data.tieKeys[from + i]!;
        columns.offsets[base + i] = data.offsets[from + i]!;
        columns.wins[base + i] = data.wins[from + i]!;
        columns.losses[base + i] = data.losses[from + i]!;
        columns.draws[base + i] = data.draws[from + i]!;
        columns.lastOpponent[base + i] = data.lastOpponent[from + i]!;
      }
      const { ranking, definitionSize } = restore!;
      for (let i = definitionSize; i < n; i++) {
        const offset = startOffsetOf(data, ranking, i, definitionSize);
        if (offset !== 0) columns.ensureStartOffsets()[base + i] = offset;
      }
    }
    // The posterior starts at the prior; a restore replays the completed matchups into it.
    if (columns.means !== null) for (let i = 0; i < n; i++) columns.means[base + i] = this.startOffsetOf(i);
    columns.variances?.fill(posterior.priorSd * posterior.priorSd, base, base + n);
    for (let p = 0; p < n; p++) {
      const x = data === undefined ? p : data.exposureOrder[from + p]!;
      columns.order[base + p] = x;
      columns.position[base + x] = p;
      columns.exposure[base + x] = restore === undefined ? 0 : restore.exposure[from + x]!;
    }
    if (needs.sort || needs.roundRobin || needs.factors) {
      const extra = this.extras();
      if (needs.sort) extra.sort = new InsertionOrder(n);
      if (needs.factors) extra.completedFactors = new FactorList();
      if (needs.roundRobin) extra.schedule = new RoundRobinSchedule(n, data?.roundRobin?.[restore!.ranking]);
    }
    if (n > SMALL_RANKING) this.buildLargeStructures();
    if (data !== undefined) {
      this.pending = smallInteger(restore!.pending);
      let comparisons = 0;
      for (let i = from; i < from + n; i++) comparisons += data.wins[i]! + data.losses[i]! + data.draws[i]!;
      this.completed = smallInteger(comparisons / 2);
    }
  }

  // --- Views: the ranking's part of each column, indexed from 0 (cold paths and tests) ---

  /** Rating minus the initial rating, per datapoint. */
  get offsets(): Float64Array {
    return this.view(this.columns.offsets);
  }

  /** Each datapoint's starting offset (a fresh array of zeros while all are 0). */
  get startOffsets(): Float64Array {
    const { startOffsets } = this.columns;
    return startOffsets === null ? new Float64Array(this.size) : this.view(startOffsets);
  }

  /** Random tie-break keys. */
  get tieKeys(): Float64Array {
    return this.view(this.columns.tieKeys);
  }

  /** Completed matchups won, per datapoint. */
  get wins(): Uint32Array {
    return this.view(this.columns.wins);
  }

  /** Completed matchups lost, per datapoint. */
  get losses(): Uint32Array {
    return this.view(this.columns.losses);
  }

  /** Completed matchups drawn, per datapoint. */
  get draws(): Uint32Array {
    return this.view(this.columns.draws);
  }

  /** The opponent of each datapoint's latest matchup, or -1: close picks avoid an immediate repeat. */
  get lastOpponent(): Int32Array {
    return this.view(this.columns.lastOpponent);
  }

  /** Posterior mean of each datapoint's score, as an offset from the initial rating (Elo points). */
  get means(): Float64Array {
    return this.view(this.posteriorColumn(this.columns.means));
  }

  /** Posterior variance of each datapoint's score (Elo points²). */
  get variances(): Float64Array {
    return this.view(this.posteriorColumn(this.columns.variances));
  }

  /** The ranking's exposure counts as one object (the job itself calls the functions of exposureBuckets.ts). */
  get exposure(): ExposureBuckets {
    return new ExposureBuckets(this);
  }

  /** Bucket starts of the exposure order (large rankings), or null. */
  get levels(): ExposureLevels | null {
    return this.extra === null ? null : this.extra.levels;
  }

  /** The index ordered by rating (built on first use for a small ranking), or null when no close matchups happen. */
  get index(): RatingIndex | null {
    if (!this.arena.needs.closeMatches) return null;
    const extra = this.extras();
    return (extra.index ??= new RatingIndex(new Ratings(this), this.size, this.arena.quantum));
  }

  /** Datapoints ordered by posterior mean, for information-gain picks (built on first use for a small ranking), or null. */
  get meanIndex(): RatingIndex | null {
    if (!this.arena.needs.informationGain) return null;
    const extra = this.extras();
    return (extra.meanIndex ??= new RatingIndex(new PosteriorMeans(this), this.size, this.arena.quantum));
  }

  /** The sorted chain of sort pairing. */
  get sort(): InsertionOrder | null {
    return this.extra === null ? null : this.extra.sort;
  }

  /** The round-robin schedule. */
  get schedule(): RoundRobinSchedule | null {
    return this.extra === null ? null : this.extra.schedule;
  }

  /** The completed matchups' evidence in completion order, when stopWhen needs it (the posterior's factors). */
  get completedFactors(): FactorList | null {
    return this.extra === null ? null : this.extra.completedFactors;
  }

  /** The posterior model: prior sd and comparison noise. */
  get posterior(): PosteriorParameters {
    return this.arena.posterior;
  }

  /** The grid every rating change is rounded to (see elo/eloDelta.ts). */
  get quantum(): number {
    return this.arena.quantum;
  }

  /** Slots reserved for this ranking's datapoints. */
  get capacity(): number {
    if (!this.columns.shared) return this.columns.capacity;
    return this.extra === null ? this.size : this.extra.capacity;
  }

  // --- Reads for pair selection (no allocation) ---

  /** Datapoint x's rating offset. */
  offsetOf(x: number): number {
    return this.columns.offsets[this.base + x]!;
  }

  /** Datapoint x's starting offset. */
  startOffsetOf(x: number): number {
    const { startOffsets } = this.columns;
    return startOffsets === null ? 0 : startOffsets[this.base + x]!;
  }

  /** The opponent of x's latest matchup, or −1. */
  lastOpponentOf(x: number): number {
    return this.columns.lastOpponent[this.base + x]!;
  }

  /** x's posterior mean (the ranking must keep the posterior). */
  meanOf(x: number): number {
    return this.columns.means![this.base + x]!;
  }

  /** x's posterior variance (the ranking must keep the posterior). */
  varianceOf(x: number): number {
    return this.columns.variances![this.base + x]!;
  }

  /** Matchups of datapoint x issued and not yet completed or released. O(1). */
  pendingOf(x: number): number {
    const { columns } = this;
    const at = this.base + x;
    return columns.exposure[at]! - columns.wins[at]! - columns.losses[at]! - columns.draws[at]!;
  }

  /** A least-exposed datapoint, uniformly among ties, from a draw u in [0, 1). O(1), O(log n) when small. */
  pickLeastExposed(u: number): number {
    return pickLeastExposed(this, u);
  }

  /**
   * Writes up to `count` datapoints nearest to x by rating into `out` (room for `count`),
   * nearest first; returns how many (see {@link RatingIndex.nearest}).
   */
  nearestByRating(x: number, count: number, out: Int32Array): number {
    const index = this.extra === null ? null : this.extra.index;
    return index !== null ? index.nearest(x, count, out) : nearestByScan(new Ratings(this), this.size, this.arena.quantum, x, count, out);
  }

  /** As {@link RankingState.nearestByRating}, by posterior mean. */
  nearestByMean(x: number, count: number, out: Int32Array): number {
    const index = this.extra === null ? null : this.extra.meanIndex;
    return index !== null ? index.nearest(x, count, out) : nearestByScan(new PosteriorMeans(this), this.size, this.arena.quantum, x, count, out);
  }

  /** Calls `visit` from the highest posterior mean down until it returns false. */
  forEachByMeanDescending(visit: (x: number) => boolean): void {
    const index = this.extra === null ? null : this.extra.meanIndex;
    if (index !== null) index.forEachDescending(visit);
    else forEachDescendingByScan(new PosteriorMeans(this), this.size, this.arena.quantum, visit);
  }

  /**
   * Takes `ids` (a frozen array, the definition's) as the ranking's id list when it
   * holds the same ids, so the ranking keeps no copy. O(n).
   */
  shareIds(ids: readonly string[]): void {
    if (ids === this.ids || !Object.isFrozen(ids) || ids.length !== this.size) return;
    for (let i = 0; i < ids.length; i++) if (ids[i] !== this.ids[i]) return;
    this.ids = ids;
  }

  /** Whether the ranking holds a datapoint with this id. O(1) after the first call. */
  has(id: string): boolean {
    return this.idIndex().has(id);
  }

  // --- Changes ---

  /**
   * Adds datapoints at the given starting offset (on the rating grid), each with its
   * tie key, and extra budget. O(k (B + log D + distinct exposure levels)) for a large
   * ranking, O(k n) for a small one. Returns how many exposure buckets moved (the
   * work of placing the new datapoints at exposure 0).
   */
  addDatapoints(ids: readonly string[], tieKeys: ArrayLike<number>, startOffset: number, extraBudget: number): number {
    const prior = this.arena.posterior.priorSd ** 2;
    if (Object.isFrozen(this.ids)) this.ids = [...this.ids];
    const list = this.ids as string[];
    let moved = 0;
    for (const [k, id] of ids.entries()) {
      const x = this.size;
      if (x === this.capacity) this.makeRoom();
      const { columns } = this;
      const at = this.base + x;
      list.push(id);
      this.idIndex().set(id, x);
      columns.offsets[at] = startOffset;
      if (startOffset !== 0 || columns.startOffsets !== null) columns.ensureStartOffsets()[at] = startOffset;
      columns.tieKeys[at] = tieKeys[k]!;
      columns.wins[at] = 0;
      columns.losses[at] = 0;
      columns.draws[at] = 0;
      columns.lastOpponent[at] = -1;
      if (columns.means !== null) columns.means[at] = startOffset;
      if (columns.variances !== null) columns.variances[at] = prior;
      moved += appendUnexposed(this);
      this.size++;
      this.extra?.index?.add(x);
      this.extra?.meanIndex?.add(x);
      if (this.size === SMALL_RANKING + 1) this.buildLargeStructures();
    }
    this.extra?.schedule?.grow(this.size);
    this.extra?.sort?.grow(this.size);
    this.budget += extraBudget;
    return moved;
  }

  /** Records that a matchup between a and b was issued. O(1). */
  noteIssued(a: number, b: number): void {
    incrementExposure(this, a);
    incrementExposure(this, b);
    const { lastOpponent } = this.columns;
    lastOpponent[this.base + a] = b;
    lastOpponent[this.base + b] = a;
    this.pending++;
  }

  /** Records that a pending matchup between a and b was released: its budget unit returns. O(1). */
  noteReleased(a: number, b: number): void {
    decrementExposure(this, a);
    decrementExposure(this, b);
    this.pending--;
  }

  /**
   * Completes a pending matchup: one Elo update with a's aggregated score in [0, 1], one
   * posterior update with the evidence of its responses (`evidenceA` for a, `evidenceB`
   * for b: a response counts 1, a draw ½ to each), and the win/loss/draw counts (a score
   * above ½ is a win). O(1), plus two moves in each index the ranking keeps.
   */
  noteCompleted(a: number, b: number, scoreA: number, evidenceA: number, evidenceB: number): void {
    this.noteEvidence(a, b, evidenceA, evidenceB);
    const { columns, base, arena } = this;
    const { offsets } = columns;
    const { elo } = arena;
    const index = this.extra === null ? null : this.extra.index;
    const offsetA = offsets[base + a]!;
    const offsetB = offsets[base + b]!;
    // Both ratings share the initial rating, so the offsets' difference is the ratings'
    // difference. fastEloDelta is eloDelta bit for bit, without its division.
    const delta = fastEloDelta(offsetA, offsetB, scoreA, elo.kFactor, elo.scale, arena.quantum, arena.inverseQuantum, arena.lnTenOverScale);
    offsets[base + a] = offsetA + delta;
    if (index !== null && delta !== 0) index.update(a);
    offsets[base + b] = offsetB - delta;
    if (index !== null && delta !== 0) index.update(b);
    if (scoreA > 0.5) {
      columns.wins[base + a]!++;
      columns.losses[base + b]!++;
    } else if (scoreA < 0.5) {
      columns.losses[base + a]!++;
      columns.wins[base + b]!++;
    } else {
      columns.draws[base + a]!++;
      columns.draws[base + b]!++;
    }
    this.pending--;
    this.completed++;
  }

  /**
   * What a completed matchup's evidence changes besides the Elo ratings and counts: one
   * posterior update of a and b (when the ranking keeps the posterior), and the sorted
   * chain of sort pairing. O(1) plus two mean-index moves (and a chain shift when the
   * matchup places a datapoint).
   */
  noteEvidence(a: number, b: number, evidenceA: number, evidenceB: number): void {
    const { means, variances } = this.columns;
    const extra = this.extra;
    if (means !== null && variances !== null) {
      const { updated, posterior } = this.arena;
      const at = this.base + a;
      const bt = this.base + b;
      // Response by response (cheap); the results' EP treats each matchup's responses exactly.
      updateComparison(updated, means[at]!, variances[at]!, means[bt]!, variances[bt]!, evidenceA, evidenceB, posterior.noise, true);
      means[at] = updated[0]!;
      variances[at] = updated[1]!;
      means[bt] = updated[2]!;
      variances[bt] = updated[3]!;
      extra?.meanIndex?.update(a);
      extra?.meanIndex?.update(b);
    }
    if (extra === null) return;
    extra.sort?.note(a, b, evidenceA, evidenceB);
    extra.completedFactors?.add(a, b, evidenceA, evidenceB);
  }

  /**
   * Writes the state to resume from into flat snapshot columns, from entry `at` on (the
   * ids, budget, added datapoints and schedule are the caller's to read). O(n).
   */
  saveInto(out: FlatColumns, at: number): void {
    const { columns, base } = this;
    const { order } = columns;
    for (let i = 0; i < this.size; i++) {
      out.offsets[at + i] = columns.offsets[base + i]!;
      out.tieKeys[at + i] = columns.tieKeys[base + i]!;
      out.wins[at + i] = columns.wins[base + i]!;
      out.losses[at + i] = columns.losses[base + i]!;
      out.draws[at + i] = columns.draws[base + i]!;
      out.lastOpponent[at + i] = columns.lastOpponent[base + i]!;
      out.exposureOrder[at + i] = order[base + i]!;
    }
  }

  /** Each datapoint's starting offset from index `from` on, as plain data. */
  startOffsetsFrom(from: number): number[] {
    const { startOffsets } = this.columns;
    const list = new Array<number>(this.size - from);
    for (let i = from; i < this.size; i++) list[i - from] = startOffsets === null ? 0 : startOffsets[this.base + i]!;
    return list;
  }

  // --- Internals ---

  // The job's shared context, through the columns (one field fewer per ranking).
  private get arena(): RankingArena {
    return this.columns.arena;
  }

  private view<T extends Float64Array | Int32Array | Uint32Array>(column: T): T {
    return this.columns.shared ? (column.subarray(this.base, this.base + this.size) as T) : column;
  }

  private posteriorColumn(column: Float64Array | null): Float64Array {
    if (column === null) throw new Error('internal: this ranking keeps no online posterior (its pairing never reads it)');
    return column;
  }

  private extras(): RankingExtras {
    return (this.extra ??= new RankingExtras(this.size));
  }

  private idIndex(): Map<string, number> {
    const extra = this.extras();
    return (extra.idIndex ??= new Map(this.ids.map((datapoint, i) => [datapoint, i])));
  }

  // Room for one more datapoint: a larger slice of the shared columns while the ranking
  // stays small, else columns of its own (doubled when it already has them).
  private makeRoom(): void {
    const { columns, base, size } = this;
    if (!columns.shared) {
      columns.grow(2 * columns.capacity);
      return;
    }
    if (size + 1 <= SMALL_RANKING) {
      const capacity = Math.min(SMALL_RANKING, 2 * size);
      const moved = this.arena.allocate(capacity);
      const movedBase = moved.used - capacity;
      moved.copyFrom(columns, base, movedBase, size);
      this.columns = moved;
      this.base = movedBase;
      this.extras().capacity = capacity;
    } else {
      const own = new DatapointColumns(2 * size, this.arena, false);
      own.copyFrom(columns, base, 0, size);
      this.columns = own;
      this.base = 0;
    }
  }

  // What a ranking larger than SMALL_RANKING keeps: exposure levels and the indices its pairing reads.
  private buildLargeStructures(): void {
    const extra = this.extras();
    extra.levels = new ExposureLevels(this);
    const { needs, quantum } = this.arena;
    if (needs.closeMatches) extra.index ??= new RatingIndex(new Ratings(this), this.size, quantum);
    if (needs.informationGain) extra.meanIndex ??= new RatingIndex(new PosteriorMeans(this), this.size, quantum);
  }
}

// A count as a small integer when it is one. Restored counts come out of Float64Arrays
// (the snapshot's copied columns), and a number read from one is a heap number even when
// whole: stored as it is, it would be boxed in every ranking (16 bytes each) and boxed
// afresh at every change.
function smallInteger(count: number): number {
  return count <= 0x3fffffff ? count | 0 : count;
}

// The Elo ratings as the source of a rating index (read through the state: its columns move and grow).
class Ratings implements RatingSource {
  constructor(private readonly state: RankingState) {}
  get offsets(): Float64Array {
    return this.state.columns.offsets;
  }
  get tieKeys(): Float64Array {
    return this.state.columns.tieKeys;
  }
  get base(): number {
    return this.state.base;
  }
}

// The posterior means as the ratings of a rating index.
class PosteriorMeans implements RatingSource {
  constructor(private readonly state: RankingState) {}
  get offsets(): Float64Array {
    return this.state.columns.means!;
  }
  get tieKeys(): Float64Array {
    return this.state.columns.tieKeys;
  }
  get base(): number {
    return this.state.base;
  }
}
