/**
 * Everything the job tracks about one ranking: ratings, counts, exposure, the
 * ordered rating index and the round-robin schedule. Rankings can grow (datapoints
 * added while the job runs), so the per-datapoint arrays have spare capacity.
 *
 * Ratings are stored as offsets from the job's initial rating. Every Elo change is a
 * multiple of a power of two q (see elo/eloDelta.ts), and so is every starting offset,
 * so the offsets of a ranking always sum to exactly the sum of their starting offsets
 * (0 unless datapoints were added with another initial rating). The reported scores
 * sum exactly too when the initial rating is on the grid and the sums stay below
 * 2^53 × q (any integer rating with the default K and scale).
 * @internal
 * @module
 */
import { eloDelta, eloQuantum } from '../elo/eloDelta.js';
import type { EloParameters } from '../definition/types.js';
import type { RankingSnapshot } from '../persistence/snapshotTypes.js';
import { RoundRobinSchedule } from '../selection/roundRobinSchedule.js';
import { ExposureBuckets } from './exposureBuckets.js';
import { grownCopy } from './grownCopy.js';
import { RatingIndex, type RatingSource } from './ratingIndex.js';

/** Which selection structures a ranking needs. */
export interface RankingStateNeeds {
  /** Close matchups are possible: keep the ordered rating index. */
  readonly closeMatches: boolean;
  /** Pairs come from a round-robin schedule. */
  readonly roundRobin: boolean;
}

/** What a restored ranking needs besides its saved data. */
export interface RankingRestore {
  readonly data: RankingSnapshot;
  /** Exposure of each datapoint (pending + completed matchups it is in). */
  readonly exposure: ArrayLike<number>;
  readonly pending: number;
}

/**
 * Per-ranking state. Wins, losses and draws cover completed matchups only (their sum is
 * a datapoint's completed comparisons); exposure also counts pending ones.
 */
export class RankingState implements RatingSource {
  readonly ids: string[];
  size: number;
  budget: number;
  /** Rating minus the initial rating, per datapoint. */
  offsets: Float64Array;
  startOffsets: Float64Array;
  tieKeys: Float64Array;
  wins: Float64Array;
  losses: Float64Array;
  draws: Float64Array;
  /** The opponent of each datapoint's latest matchup, or -1: close picks avoid an immediate repeat. */
  lastOpponent: Int32Array;
  readonly exposure: ExposureBuckets;
  readonly index: RatingIndex | null;
  readonly schedule: RoundRobinSchedule | null;
  pending = 0;
  completed = 0;
  private readonly elo: EloParameters;
  /** The grid every rating change is rounded to (see elo/eloDelta.ts). */
  readonly quantum: number;
  // Datapoint id → index, built on the first addDatapoints (duplicate checks).
  private indexOfId: Map<string, number> | null = null;

  /**
   * A fresh ranking: every datapoint at the initial rating, nothing issued.
   * @param ids - The ranking's datapoint ids.
   * @param budget - Matchups this ranking may complete.
   * @param tieKeys - One uniform draw per datapoint, ordering equal ratings at random.
   * @param elo - The job's Elo parameters.
   * @param needs - Which selection structures to build.
   * @param restore - Saved state to resume from instead (checked by the caller).
   */
  constructor(
    ids: readonly string[],
    budget: number,
    tieKeys: ArrayLike<number>,
    elo: EloParameters,
    needs: RankingStateNeeds,
    restore?: RankingRestore,
  ) {
    const n = ids.length;
    const data = restore?.data;
    this.ids = [...ids];
    this.size = n;
    this.budget = budget;
    this.elo = elo;
    this.quantum = eloQuantum(elo.kFactor, elo.scale);
    this.offsets = Float64Array.from(data?.offsets ?? new Array<number>(n).fill(0));
    this.startOffsets = Float64Array.from(data?.startOffsets ?? new Array<number>(n).fill(0));
    this.tieKeys = Float64Array.from(tieKeys);
    this.wins = Float64Array.from(data?.wins ?? new Array<number>(n).fill(0));
    this.losses = Float64Array.from(data?.losses ?? new Array<number>(n).fill(0));
    this.draws = Float64Array.from(data?.draws ?? new Array<number>(n).fill(0));
    this.lastOpponent = Int32Array.from(data?.lastOpponent ?? new Array<number>(n).fill(-1));
    this.exposure = new ExposureBuckets(n, restore?.exposure, data?.exposureOrder);
    this.index = needs.closeMatches ? new RatingIndex(this, n, this.quantum) : null;
    this.schedule = needs.roundRobin ? new RoundRobinSchedule(n, data?.roundRobin ?? undefined) : null;
    if (restore !== undefined) {
      this.pending = restore.pending;
      let comparisons = 0;
      for (let i = 0; i < n; i++) comparisons += this.wins[i]! + this.losses[i]! + this.draws[i]!;
      this.completed = comparisons / 2;
    }
  }

  /** Whether the ranking holds a datapoint with this id. O(1) after the first call. */
  has(id: string): boolean {
    return this.idIndex().has(id);
  }

  /**
   * Adds datapoints at the given starting offset (on the rating grid), each with its
   * tie key, and extra budget. O(k (B + log D + highest exposure)).
   */
  addDatapoints(ids: readonly string[], tieKeys: ArrayLike<number>, startOffset: number, extraBudget: number): void {
    for (const [k, id] of ids.entries()) {
      const x = this.size;
      if (x === this.offsets.length) this.grow();
      this.ids.push(id);
      this.idIndex().set(id, x);
      this.offsets[x] = startOffset;
      this.startOffsets[x] = startOffset;
      this.tieKeys[x] = tieKeys[k]!;
      this.wins[x] = 0;
      this.losses[x] = 0;
      this.draws[x] = 0;
      this.lastOpponent[x] = -1;
      this.size++;
      this.exposure.add();
      this.index?.add(x);
    }
    this.schedule?.grow(this.size);
    this.budget += extraBudget;
  }

  /** Records that a matchup between a and b was issued. O(1). */
  noteIssued(a: number, b: number): void {
    this.exposure.increment(a);
    this.exposure.increment(b);
    this.lastOpponent[a] = b;
    this.lastOpponent[b] = a;
    this.pending++;
  }

  /** Records that a pending matchup between a and b was released: its budget unit returns. O(1). */
  noteReleased(a: number, b: number): void {
    this.exposure.decrement(a);
    this.exposure.decrement(b);
    this.pending--;
  }

  /**
   * Completes a pending matchup: one Elo update with a's aggregated score in [0, 1],
   * and the win/loss/draw counts (a score above ½ is a win). O(1), plus two rating-index
   * updates when there is an index.
   */
  noteCompleted(a: number, b: number, scoreA: number): void {
    const { offsets, index, elo } = this;
    const offsetA = offsets[a]!;
    const offsetB = offsets[b]!;
    // Both ratings share the initial rating, so the offsets' difference is the ratings' difference.
    const delta = eloDelta(offsetA, offsetB, scoreA, elo.kFactor, elo.scale, this.quantum);
    offsets[a] = offsetA + delta;
    if (index !== null && delta !== 0) index.update(a);
    offsets[b] = offsetB - delta;
    if (index !== null && delta !== 0) index.update(b);
    if (scoreA > 0.5) {
      this.wins[a]!++;
      this.losses[b]!++;
    } else if (scoreA < 0.5) {
      this.losses[a]!++;
      this.wins[b]!++;
    } else {
      this.draws[a]!++;
      this.draws[b]!++;
    }
    this.pending--;
    this.completed++;
  }

  /** The state to resume from, as plain data. O(n). */
  save(): RankingSnapshot {
    const n = this.size;
    const list = (array: Float64Array | Int32Array) => Array.from(array.subarray(0, n));
    return {
      datapoints: [...this.ids],
      budget: this.budget,
      offsets: list(this.offsets),
      startOffsets: list(this.startOffsets),
      tieKeys: list(this.tieKeys),
      wins: list(this.wins),
      losses: list(this.losses),
      draws: list(this.draws),
      lastOpponent: list(this.lastOpponent),
      exposureOrder: this.exposure.orderList(),
      roundRobin: this.schedule === null ? null : this.schedule.save(),
    };
  }

  private idIndex(): Map<string, number> {
    if (this.indexOfId === null) this.indexOfId = new Map(this.ids.map((datapoint, i) => [datapoint, i]));
    return this.indexOfId;
  }

  private grow(): void {
    const capacity = 2 * this.offsets.length;
    this.offsets = grownCopy(this.offsets, capacity);
    this.startOffsets = grownCopy(this.startOffsets, capacity);
    this.tieKeys = grownCopy(this.tieKeys, capacity);
    this.wins = grownCopy(this.wins, capacity);
    this.losses = grownCopy(this.losses, capacity);
    this.draws = grownCopy(this.draws, capacity);
    this.lastOpponent = grownCopy(this.lastOpponent, capacity);
  }
}
