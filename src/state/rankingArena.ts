/**
 * What a job's rankings share: the Elo and posterior parameters, which selection
 * structures they need, scratch space, and the columns small rankings keep their
 * datapoints in.
 * @internal
 * @module
 */
import type { EloParameters, PosteriorParameters } from '../definition/types.js';
import { eloQuantum } from '../elo/eloDelta.js';
import { DatapointColumns, SMALL_RANKING } from './datapointColumns.js';

/** Which selection structures a ranking needs. */
export interface SelectionFlags {
  /** Close matchups are possible: keep the rating order. */
  readonly closeMatches: boolean;
  /** Pairs come from a round-robin schedule. */
  readonly roundRobin: boolean;
  /** Information-gain matchups are possible (or stopWhen reads the posterior): keep the online posterior and its order. */
  readonly informationGain: boolean;
  /** Sort pairing: keep the sorted chain. */
  readonly sort: boolean;
  /** stopWhen: keep the completed matchups' evidence, to confirm on the full posterior. */
  readonly factors: boolean;
}

// The first shared block's slots; each next one doubles, up to the largest.
const FIRST_BLOCK = 64;
const LARGEST_BLOCK = 65_536;

/**
 * One job's shared ranking context. Small rankings take slices of its shared columns,
 * in blocks sized to the rankings the job starts with (see expectRankings), then
 * doubling from 64 slots, never above 65 536: a job of one small ranking allocates
 * little, and a job of a million rankings wastes at most part of one block.
 * Slices are never moved or freed: a ranking that grows takes a new, larger slice (or
 * columns of its own), so abandoned slices add up to less than the live ones.
 */
export class RankingArena {
  readonly elo: EloParameters;
  readonly posterior: PosteriorParameters;
  readonly needs: SelectionFlags;
  /** The grid every rating change is rounded to (see elo/eloDelta.ts). */
  readonly quantum: number;
  /** 1 / quantum and ln 10 / scale: fastEloDelta's constants, computed once. */
  readonly inverseQuantum: number;
  readonly lnTenOverScale: number;
  /** Scratch for one posterior update. */
  readonly updated = new Float64Array(6);
  /** Whether small rankings share columns (a ranking built on its own gets its own). */
  readonly sharing: boolean;
  private block: DatapointColumns | null = null;
  // Slots the rankings still to come will take (see expectRankings).
  private expected = 0;

  /**
   * @param elo - The job's Elo parameters.
   * @param posterior - The job's posterior model.
   * @param needs - Which selection structures its rankings need.
   * @param sharing - Whether small rankings share this arena's columns.
   */
  constructor(elo: EloParameters, posterior: PosteriorParameters, needs: SelectionFlags, sharing: boolean) {
    this.elo = elo;
    this.posterior = posterior;
    this.needs = needs;
    this.quantum = eloQuantum(elo.kFactor, elo.scale);
    this.inverseQuantum = 1 / this.quantum;
    this.lnTenOverScale = Math.LN10 / elo.scale;
    this.sharing = sharing;
  }

  /** Whether rankings keep the online posterior's means and variances (only information-gain picks and stopWhen read them). */
  get keepsPosterior(): boolean {
    return this.needs.informationGain;
  }

  /**
   * Tells the arena the rankings about to take slots (their datapoint lists), so its
   * blocks fit their small ones (up to the largest block size) instead of doubling
   * their way there. O(R).
   */
  expectRankings(rankings: readonly { readonly length: number }[]): void {
    let slots = 0;
    for (const { length } of rankings) if (length <= SMALL_RANKING) slots += length;
    this.expected = slots;
  }

  /**
   * Takes `count` slots of shared columns: returns the columns, whose slots
   * [used − count, used) are now the caller's. O(1), or O(block) when a new block starts.
   */
  allocate(count: number): DatapointColumns {
    let block = this.block;
    if (block === null || block.used + count > block.capacity) {
      const doubled = block === null ? FIRST_BLOCK : Math.max(FIRST_BLOCK, Math.min(2 * block.capacity, LARGEST_BLOCK));
      const size = this.expected > 0 ? Math.min(this.expected, LARGEST_BLOCK) : doubled;
      block = this.block = new DatapointColumns(Math.max(size, count), this, true);
    }
    block.used += count;
    this.expected = Math.max(0, this.expected - count);
    return block;
  }
}
