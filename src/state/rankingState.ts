/**
 * Everything the job tracks about one ranking: ratings, counts, exposure, the
 * ordered rating index and the round-robin schedule.
 *
 * Ratings are stored as offsets from the initial rating. Every Elo change is a
 * multiple of a power of two q (see elo/eloDelta.ts), so the offsets of a ranking sum
 * to exactly 0 at all times. The reported scores sum to exactly n × initialRating when
 * the initial rating is on the grid too and the sums stay below 2^53 × q (any integer
 * rating with the default K and scale).
 * @internal
 * @module
 */
import { eloDelta, eloQuantum } from '../elo/eloDelta.js';
import type { EloParameters } from '../definition/types.js';
import { RoundRobinSchedule } from '../selection/roundRobinSchedule.js';
import { ExposureBuckets } from './exposureBuckets.js';
import { RatingIndex } from './ratingIndex.js';

/** Which selection structures a ranking needs. */
export interface RankingStateNeeds {
  /** Close matchups are possible: keep the ordered rating index. */
  readonly closeMatches: boolean;
  /** Pairs come from a round-robin schedule. */
  readonly roundRobin: boolean;
}

/**
 * Per-ranking state. Wins, losses and draws cover completed matchups only (their sum is
 * a datapoint's completed comparisons); exposure also counts pending ones.
 */
export class RankingState {
  readonly ids: readonly string[];
  readonly size: number;
  readonly budget: number;
  /** Rating minus the initial rating, per datapoint. */
  readonly offsets: Float64Array;
  readonly wins: Float64Array;
  readonly losses: Float64Array;
  readonly draws: Float64Array;
  /** The opponent of each datapoint's latest matchup, or -1: close picks avoid an immediate repeat. */
  readonly lastOpponent: Int32Array;
  readonly exposure: ExposureBuckets;
  readonly index: RatingIndex | null;
  readonly schedule: RoundRobinSchedule | null;
  private readonly elo: EloParameters;
  /** The grid every rating change is rounded to (see elo/eloDelta.ts). */
  private readonly quantum: number;
  pending = 0;
  completed = 0;

  /**
   * @param ids - The ranking's datapoint ids.
   * @param budget - Matchups this ranking may complete.
   * @param tieKeys - One uniform draw per datapoint, ordering equal ratings at random.
   * @param elo - The job's Elo parameters.
   * @param needs - Which selection structures to build.
   */
  constructor(ids: readonly string[], budget: number, tieKeys: Float64Array, elo: EloParameters, needs: RankingStateNeeds) {
    const n = ids.length;
    this.ids = ids;
    this.size = n;
    this.budget = budget;
    this.elo = elo;
    this.quantum = eloQuantum(elo.kFactor, elo.scale);
    this.offsets = new Float64Array(n);
    this.wins = new Float64Array(n);
    this.losses = new Float64Array(n);
    this.draws = new Float64Array(n);
    this.lastOpponent = new Int32Array(n).fill(-1);
    this.exposure = new ExposureBuckets(n);
    this.index = needs.closeMatches ? new RatingIndex(this.offsets, tieKeys, this.quantum) : null;
    this.schedule = needs.roundRobin ? new RoundRobinSchedule(n) : null;
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
}
