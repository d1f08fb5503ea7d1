/**
 * How a sweep's runs are cut into batches for the calling thread or the worker pool.
 * Batches only decide where and when runs execute: every run depends on (config, cell,
 * seed index) alone, so no plan can change a result.
 * @internal
 * @module
 */
import type { PreparedCell } from './convergenceCells.js';
import type { BatchRequest } from './workerPool.js';

/** A cell with this sweep's (or shard's) seed indices of it, ascending, step apart. @internal */
export interface SweepPart {
  readonly cell: PreparedCell;
  readonly seeds: readonly number[];
}

// Set-up, scoring and metrics of a run cost roughly this many answers per datapoint
// (measured 2026-12-03 across Elo, Bradley–Terry and posterior scoring at 12–800
// datapoints: within a factor of a few, enough to order batches and bound their size).
const COST_PER_DATAPOINT = 10;
// A batch costs at most about this many answers (a few tenths of a second), so a
// worker's last batch ends soon after the other workers' last ones...
const MAX_BATCH_COST = 50_000;
// ...and at least this many, so the message per batch (~0.1 ms) stays under 2% of it.
const MIN_BATCH_COST = 5_000;
// Batches per worker when the sweep is small enough that MAX_BATCH_COST would leave few.
const BATCHES_PER_WORKER = 32;

/** A run's estimated cost of a cell, in answer-equivalents. @internal */
export function runCost(cell: Pick<PreparedCell, 'budget' | 'responses' | 'datapoints'>): number {
  return cell.budget * cell.responses + COST_PER_DATAPOINT * cell.datapoints;
}

/**
 * Cuts every part's seeds into batches of about the same estimated cost, between
 * MIN_BATCH_COST and MAX_BATCH_COST and small enough that each worker gets about
 * BATCHES_PER_WORKER of them (a batch holds at least one run). For more than one worker
 * the batches come largest first (longest-processing-time-first list scheduling, Graham
 * 1969), so the batches that end the sweep are the short ones and the workers finish
 * together; in the calling thread they keep the cells' order. `step` is the seeds'
 * stride (the shard count). @internal
 */
export function sweepBatches(parts: readonly SweepPart[], step: number, workers: number): BatchRequest[] {
  const total = parts.reduce((sum, part) => sum + runCost(part.cell) * part.seeds.length, 0);
  const target = Math.min(MAX_BATCH_COST, Math.max(MIN_BATCH_COST, total / (BATCHES_PER_WORKER * workers)));
  const planned: { cell: number; from: number; to: number; cost: number }[] = [];
  for (const { cell, seeds } of parts) {
    const perRun = runCost(cell);
    const size = Math.max(1, Math.round(target / perRun));
    for (let k = 0; k < seeds.length; k += size) {
      const runs = Math.min(seeds.length, k + size) - k;
      planned.push({ cell: cell.cell, from: seeds[k]!, to: seeds[k + runs - 1]! + 1, cost: runs * perRun });
    }
  }
  // Array.prototype.sort is stable: equal costs keep the cells' order.
  if (workers > 1) planned.sort((a, b) => b.cost - a.cost);
  return planned.map(({ cell, from, to }, batch) => ({ batch, cell, from, to, step }));
}
