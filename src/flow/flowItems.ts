/**
 * The datapoints of a flow's batches as flat typed-array columns, one block per batch
 * (blockAllocator.ts). Pending batches keep their live state in {@link LiveItems}
 * (34 bytes per datapoint); a closed batch's block goes back to the pool and its result
 * moves to {@link ResultItems} (20 bytes per datapoint, 36 with the Bradley–Terry score
 * and standard error), dropped by `forgetBatch`.
 * @internal
 * @module
 */
import { grownCopy } from '../state/grownCopy.js';
import type { BatchFit } from './batchBradleyTerry.js';
import { BlockAllocator } from './blockAllocator.js';

/** Live state of the pending batches' datapoints. */
export class LiveItems {
  /** Rating minus the initial rating, on the rating grid; a batch's offsets sum to exactly 0. */
  offsets = new Float64Array(0);
  /** Random keys in [0, 1) ordering datapoints of equal rating. */
  tieKeys = new Float64Array(0);
  wins = new Int32Array(0);
  losses = new Int32Array(0);
  draws = new Int32Array(0);
  /** Matchups issued and not released or expired (pending and answered). */
  exposure = new Int32Array(0);
  /** Index within the batch of the latest opponent (released ones included), or −1. */
  lastOpponent = new Int16Array(0);
  private readonly blocks = new BlockAllocator(0, (capacity) => this.grow(capacity));

  /** A zeroed block for a batch of `size` datapoints with these tie keys; returns its start. */
  allocate(size: number, tieKeys: Float64Array): number {
    const base = this.blocks.allocate(size);
    for (let i = 0; i < size; i++) {
      const at = base + i;
      this.offsets[at] = 0;
      this.tieKeys[at] = tieKeys[i]!;
      this.wins[at] = 0;
      this.losses[at] = 0;
      this.draws[at] = 0;
      this.exposure[at] = 0;
      this.lastOpponent[at] = -1;
    }
    return base;
  }

  /** Returns a closed batch's block. */
  release(base: number, size: number): void {
    this.blocks.release(base, size);
  }

  private grow(capacity: number): void {
    this.offsets = grownCopy(this.offsets, capacity);
    this.tieKeys = grownCopy(this.tieKeys, capacity);
    this.wins = grownCopy(this.wins, capacity);
    this.losses = grownCopy(this.losses, capacity);
    this.draws = grownCopy(this.draws, capacity);
    this.exposure = grownCopy(this.exposure, capacity);
    this.lastOpponent = grownCopy(this.lastOpponent, capacity);
  }
}

/** Final ratings and counts of closed batches, and their Bradley–Terry fits in flows scored so. */
export class ResultItems {
  offsets = new Float64Array(0);
  wins = new Int32Array(0);
  losses = new Int32Array(0);
  draws = new Int32Array(0);
  /** Bradley–Terry flows only (empty otherwise): fitted scores, Elo points. */
  scores = new Float64Array(0);
  /** Bradley–Terry flows only: their standard errors. */
  standardErrors = new Float64Array(0);
  private readonly blocks = new BlockAllocator(0, (capacity) => this.grow(capacity));

  /** @param bradleyTerry - Whether closed batches keep a fit (the scores and standard errors columns). */
  constructor(private readonly bradleyTerry: boolean) {}

  /** Copies a batch's live block, and its fit in a Bradley–Terry flow, into a result block; returns its start. */
  keep(live: LiveItems, liveBase: number, size: number, fit: BatchFit | null): number {
    const base = this.blocks.allocate(size);
    this.offsets.set(live.offsets.subarray(liveBase, liveBase + size), base);
    this.wins.set(live.wins.subarray(liveBase, liveBase + size), base);
    this.losses.set(live.losses.subarray(liveBase, liveBase + size), base);
    this.draws.set(live.draws.subarray(liveBase, liveBase + size), base);
    if (fit !== null) {
      this.scores.set(fit.scores, base);
      this.standardErrors.set(fit.standardErrors, base);
    }
    return base;
  }

  /**
   * A block filled from restored columns (`from` their first index), the fit's too in a
   * Bradley–Terry flow; returns its start.
   */
  restore(columns: Readonly<Record<string, ArrayLike<number>>>, from: number, size: number): number {
    const base = this.blocks.allocate(size);
    const { offsets, wins, losses, draws, scores, standardErrors } = columns;
    for (let i = 0; i < size; i++) {
      this.offsets[base + i] = offsets![from + i]!;
      this.wins[base + i] = wins![from + i]!;
      this.losses[base + i] = losses![from + i]!;
      this.draws[base + i] = draws![from + i]!;
      if (this.bradleyTerry) {
        this.scores[base + i] = scores![from + i]!;
        this.standardErrors[base + i] = standardErrors![from + i]!;
      }
    }
    return base;
  }

  /** A closed batch's fit (a Bradley–Terry flow's), as views of the columns. */
  fitAt(base: number, size: number): BatchFit {
    return { scores: this.scores.subarray(base, base + size), standardErrors: this.standardErrors.subarray(base, base + size) };
  }

  /** Drops a forgotten batch's result. */
  release(base: number, size: number): void {
    this.blocks.release(base, size);
  }

  private grow(capacity: number): void {
    this.offsets = grownCopy(this.offsets, capacity);
    this.wins = grownCopy(this.wins, capacity);
    this.losses = grownCopy(this.losses, capacity);
    this.draws = grownCopy(this.draws, capacity);
    if (this.bradleyTerry) {
      this.scores = grownCopy(this.scores, capacity);
      this.standardErrors = grownCopy(this.standardErrors, capacity);
    }
  }
}
