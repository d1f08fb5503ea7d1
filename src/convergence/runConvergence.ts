/**
 * Convergence sweeps: how close to the truth a ranking gets, over a grid of datapoint
 * counts, budgets and strategies, many seeds per cell, on all cores.
 * @module
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { RankingInputError, describeValue } from '../errors.js';
import { RANKING_METRICS } from '../metrics/rankingAccuracy.js';
import { summarizeRuns } from '../stats/summarizeRuns.js';
import { VALUES_PER_RUN, convergenceCells, runCellBatch, type PreparedCell } from './convergenceCells.js';
import type { ConvergenceCell, ConvergenceConfig, ConvergenceProgress, ConvergenceResults, MetricSummary } from './convergenceTypes.js';
import { normaliseConvergenceConfig, readShard, readWorkers } from './normaliseConvergenceConfig.js';
import { ownValue } from '../validate.js';
import { runBatchesOnWorkers, type BatchRequest } from './workerPool.js';

// A batch holds about this many labeler answers: big enough that messaging costs
// nothing, small enough that workers finish together.
const ANSWERS_PER_BATCH = 50_000;
// Below this many answers in all, the default is to stay in the calling thread.
const IN_PROCESS_ANSWERS = 200_000;

/**
 * Runs a convergence sweep: for every cell of the grid (datapoint count × budget ×
 * pairing × random ratio × responses × labeler), `seeds` simulated jobs through the real
 * job API, each scored against its hidden truth; returns each metric's mean, standard
 * deviation, 95% confidence interval of the mean and 2.5–97.5th percentiles per cell.
 *
 * Every run's seeds derive from the master seed, the cell's parameters and the seed
 * index alone, and summaries visit runs in seed order, so the results are identical
 * (byte for byte as JSON) whatever the number of workers and however the sweep is
 * sharded. With `workers` > 1 the runs go to `worker_threads` (which needs the built
 * package, `dist/`); `workers: 1` runs in the calling thread.
 * Cost: seeds × Σ over cells of (budget × responses × comparison cost + items log items).
 *
 * @param config - See {@link ConvergenceConfig}.
 * @returns A promise of plain JSON-safe {@link ConvergenceResults}.
 * @throws {@link RankingInputError} (as a rejection) for a bad config, naming the field.
 * @example
 * ```ts
 * const results = await runConvergence({ items: [12, 100], perItem: [1, 4, 16], randomRatios: [0, 0.5, 1], seeds: 200 });
 * console.log(convergenceCsv(results));
 * ```
 */
export async function runConvergence(config: ConvergenceConfig): Promise<ConvergenceResults> {
  const normalised = normaliseConvergenceConfig(config);
  const object = config as unknown as Record<string, unknown>;
  const workersOption = ownValue(object, 'workers');
  let workers = readWorkers(workersOption, availableParallelism());
  const shard = readShard(ownValue(object, 'shard'));
  const onProgress = ownValue(object, 'onProgress');
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new RankingInputError('config.onProgress', `must be a function, got ${describeValue(onProgress)}`);
  }
  const report = onProgress as ((progress: ConvergenceProgress) => void) | undefined;

  const cells = convergenceCells(normalised);
  const mine = shard === null ? cells : cells.filter((cell) => cell.cell % shard.count === shard.index);
  const answers = mine.reduce((sum, cell) => sum + cell.budget * cell.responses * normalised.seeds, 0);
  // Starting a thread costs about as much as 20 000 answers; small sweeps finish sooner without.
  if (workersOption === undefined && answers < IN_PROCESS_ANSWERS) workers = 1;
  const batches = batchesOf(mine, normalised.seeds, workers);
  const values = new Map(mine.map((cell) => [cell.cell, new Float64Array(normalised.seeds * VALUES_PER_RUN)]));
  const totalRuns = mine.length * normalised.seeds;
  let completedRuns = 0;
  const onDone = (batch: BatchRequest, batchValues: Float64Array): void => {
    values.get(batch.cell)!.set(batchValues, batch.from * VALUES_PER_RUN);
    completedRuns += batch.to - batch.from;
    report?.({ completedRuns, totalRuns });
  };

  if (workers === 1 || batches.length <= 1) {
    for (const batch of batches) {
      onDone(batch, runCellBatch(normalised, cells[batch.cell]!, batch.from, batch.to));
      // Let timers and I/O (a progress bar, a cancel signal) run between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } else {
    const workerUrl = new URL('./convergenceWorker.js', import.meta.url);
    if (!existsSync(fileURLToPath(workerUrl))) {
      throw new Error(`runConvergence: worker threads need the built package (${fileURLToPath(workerUrl)} is missing); build it or pass workers: 1`);
    }
    await runBatchesOnWorkers(workerUrl, workers, normalised, batches, onDone);
  }

  return {
    format: 'pairwise-elo/convergence',
    version: 1,
    config: normalised,
    shard,
    totalCells: cells.length,
    cells: mine.map((cell) => summariseCell(cell, values.get(cell.cell)!, normalised.seeds)),
  };
}

// Splits every cell's seeds into batches of about ANSWERS_PER_BATCH answers, and small
// enough that a single cell still spreads over every worker.
function batchesOf(cells: readonly PreparedCell[], seeds: number, workers: number): BatchRequest[] {
  const batches: BatchRequest[] = [];
  for (const cell of cells) {
    const bySize = Math.ceil(ANSWERS_PER_BATCH / (cell.budget * cell.responses));
    const bySpread = Math.ceil(seeds / (4 * workers));
    const size = Math.max(1, Math.min(bySize, bySpread));
    for (let from = 0; from < seeds; from += size) {
      batches.push({ batch: batches.length, cell: cell.cell, from, to: Math.min(seeds, from + size) });
    }
  }
  return batches;
}

function summariseCell(cell: PreparedCell, values: Float64Array, seeds: number): ConvergenceCell {
  const column = new Float64Array(seeds);
  const metrics = {} as Record<(typeof RANKING_METRICS)[number], MetricSummary>;
  RANKING_METRICS.forEach((metric, m) => {
    for (let run = 0; run < seeds; run++) column[run] = values[run * VALUES_PER_RUN + m]!;
    metrics[metric] = summarizeRuns(column);
  });
  return {
    cell: cell.cell,
    items: cell.items,
    budget: cell.budget,
    perItem: cell.perItem,
    pairing: cell.pairing,
    randomRatio: cell.randomRatio,
    responses: cell.responses,
    labeler: cell.labeler,
    labelerIndex: cell.labelerIndex,
    runs: seeds,
    topK: cell.topK,
    metrics,
  };
}
