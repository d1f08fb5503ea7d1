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
 *
 * Beside the Elo ratings each datapoint has a Gaussian posterior (mean as an offset from
 * the initial rating, and variance, in Elo points), updated once per completed matchup
 * with all its responses (posterior/comparisonUpdate.ts). It is a function of the
 * completed matchups in completion order, so snapshots do not store it: a restored job
 * recomputes it from its votes. The same holds for the sorted chain of sort pairing.
 * @internal
 * @module
 */
import { eloDelta, eloQuantum } from '../elo/eloDelta.js';
import type { EloParameters, PosteriorParameters } from '../definition/types.js';
import { updateComparison } from '../posterior/comparisonUpdate.js';
import type { RankingSnapshot } from '../persistence/snapshotTypes.js';
import { FactorList } from '../posterior/factorList.js';
import { InsertionOrder } from '../selection/insertionOrder.js';
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
  /** Information-gain matchups are possible: keep an index ordered by posterior mean. */
  readonly informationGain: boolean;
  /** Sort pairing: keep the sorted chain. */
  readonly sort: boolean;
  /** stopWhen: keep the completed matchups' evidence, to confirm on the full posterior. */
  readonly factors: boolean;
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
  /** Posterior mean of each datapoint's score, as an offset from the initial rating (Elo points). */
  means: Float64Array;
  /** Posterior variance of each datapoint's score (Elo points²). */
  variances: Float64Array;
  /** The opponent of each datapoint's latest matchup, or -1: close picks avoid an immediate repeat. */
  lastOpponent: Int32Array;
  readonly exposure: ExposureBuckets;
  readonly index: RatingIndex | null;
  /** Datapoints ordered by posterior mean, for information-gain picks. */
  readonly meanIndex: RatingIndex | null;
  /** The sorted chain of sort pairing. */
  readonly sort: InsertionOrder | null;
  readonly schedule: RoundRobinSchedule | null;
  pending = 0;
  completed = 0;
  /** Stopped early by the definition's stopWhen rule (kept current by the job). */
  settled = false;
  /** The completed matchups' evidence in completion order, when stopWhen needs it (the posterior's factors). */
  readonly completedFactors: FactorList | null;
  private readonly elo: EloParameters;
  /** The posterior model: prior sd and comparison noise. */
  readonly posterior: PosteriorParameters;
  // Scratch for one posterior update.
  private readonly updated = new Float64Array(6);
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
   * @param posterior - The job's posterior model.
   * @param needs - Which selection structures to build.
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
    const data = restore?.data;
    this.ids = [...ids];
    this.size = n;
    this.budget = budget;
    this.elo = elo;
    this.posterior = posterior;
    this.quantum = eloQuantum(elo.kFactor, elo.scale);
    this.offsets = Float64Array.from(data?.offsets ?? new Array<number>(n).fill(0));
    this.startOffsets = Float64Array.from(data?.startOffsets ?? new Array<number>(n).fill(0));
    this.tieKeys = Float64Array.from(tieKeys);
    this.wins = Float64Array.from(data?.wins ?? new Array<number>(n).fill(0));
    this.losses = Float64Array.from(data?.losses ?? new Array<number>(n).fill(0));
    this.draws = Float64Array.from(data?.draws ?? new Array<number>(n).fill(0));
    this.lastOpponent = Int32Array.from(data?.lastOpponent ?? new Array<number>(n).fill(-1));
    // The posterior starts at the prior; a restore replays the completed matchups into it.
    this.means = Float64Array.from(this.startOffsets);
    this.variances = new Float64Array(n).fill(posterior.priorSd * posterior.priorSd);
    this.exposure = new ExposureBuckets(n, restore?.exposure, data?.exposureOrder);
    this.index = needs.closeMatches ? new RatingIndex(this, n, this.quantum) : null;
    this.meanIndex = needs.informationGain ? new RatingIndex(new PosteriorMeans(this), n, this.quantum) : null;
    this.sort = needs.sort ? new InsertionOrder(n) : null;
    this.completedFactors = needs.factors ? new FactorList() : null;
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
      this.means[x] = startOffset;
      this.variances[x] = this.posterior.priorSd * this.posterior.priorSd;
      this.size++;
      this.exposure.add();
      this.index?.add(x);
      this.meanIndex?.add(x);
    }
    this.schedule?.grow(this.size);
    this.sort?.grow(this.size);
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
   * Completes a pending matchup: one Elo update with a's aggregated score in [0, 1], one
   * posterior update with the evidence of its responses (`evidenceA` for a, `evidenceB`
   * for b: a response counts 1, a draw ½ to each), and the win/loss/draw counts (a score
   * above ½ is a win). O(1), plus two moves in each index the ranking keeps.
   */
  noteCompleted(a: number, b: number, scoreA: number, evidenceA: number, evidenceB: number): void {
    this.noteEvidence(a, b, evidenceA, evidenceB);
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

  /**
   * What a completed matchup's evidence changes besides the Elo ratings and counts: one
   * posterior update of a and b, and the sorted chain of sort pairing. O(1) plus two
   * mean-index moves (and a chain shift when the matchup places a datapoint).
   */
  noteEvidence(a: number, b: number, evidenceA: number, evidenceB: number): void {
    const { means, variances, updated } = this;
    // Response by response (cheap); the results' EP treats each matchup's responses exactly.
    updateComparison(updated, means[a]!, variances[a]!, means[b]!, variances[b]!, evidenceA, evidenceB, this.posterior.noise, true);
    means[a] = updated[0]!;
    variances[a] = updated[1]!;
    means[b] = updated[2]!;
    variances[b] = updated[3]!;
    this.meanIndex?.update(a);
    this.meanIndex?.update(b);
    this.sort?.note(a, b, evidenceA, evidenceB);
    this.completedFactors?.add(a, b, evidenceA, evidenceB);
  }

  /** Matchups of datapoint x issued and not yet completed or released. O(1). */
  pendingOf(x: number): number {
    return this.exposure.of(x) - this.wins[x]! - this.losses[x]! - this.draws[x]!;
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
    this.means = grownCopy(this.means, capacity);
    this.variances = grownCopy(this.variances, capacity);
  }
}

// The posterior means seen as the ratings of a RatingIndex (read through the state, whose arrays grow).
class PosteriorMeans implements RatingSource {
  constructor(private readonly state: RankingState) {}
  get offsets(): Float64Array {
    return this.state.means;
  }
  get tieKeys(): Float64Array {
    return this.state.tieKeys;
  }
}
