/**
 * Convergence sweeps: how close to the truth a ranking gets, over a grid of datapoint
 * counts, budgets and strategies, many seeds per cell, on all cores.
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { sweepMetrics, type SweepMetric } from './convergenceMetrics.js';
import { convergenceCells, runCellBatch, valuesPerRun } from './convergenceCells.js';
import type { ConvergenceConfig, ConvergenceProgress, ConvergenceResults } from './convergenceTypes.js';
import { summariseCell } from './summariseCell.js';
import { sweepBatches } from './sweepBatches.js';
import { normaliseConvergenceConfig, readShard, readWorkers } from './normaliseConvergenceConfig.js';
import { ownValue } from '../validate.js';
import { LIBRARY_VERSION } from '../version.js';
import type { BatchRequest } from './workerPool.js';
// Worker processes in Node, the calling thread elsewhere (package.json `imports`).
import { WORKERS_AVAILABLE, defaultWorkerCount, runOnWorkers, yieldToEventLoop } from './sweepPlatform.js';

// Below this many answers in all, the default is to stay in the calling thread.
const IN_PROCESS_ANSWERS = 200_000;

/**
 * Runs a convergence sweep: for every cell of the grid (datapoint count × budget ×
 * pairing × random ratio × responses × labeler × scorer × trust), `seeds` simulated jobs
 * through the real job API, each scored against its hidden truth; returns each metric's
 * mean, standard deviation, 95% confidence interval of the mean and 2.5–97.5th
 * percentiles per cell. With a trust dimension (`trust: ['none', 'consensus',
 * 'validation']`) each cell also reports the responses its runs used, to the ranking and
 * to validation matchups apart, so the cost of spammers in Kendall tau and responses can
 * be read with and without trust weighting.
 *
 * Every run's seeds derive from the master seed, the cell's parameters and the seed
 * index alone, and summaries visit runs in seed order, so the results are identical
 * (byte for byte as JSON) whatever the number of workers and however the sweep is
 * sharded. Under Node, with `workers` > 1 the runs go to that many worker processes
 * (`child_process.fork` of the built package's `dist/convergenceWorker.js`: threads of one
 * process slowed each other down through their shared memory map); `workers: 1` runs in
 * the calling thread. Elsewhere (browsers, Deno without Node compatibility) every sweep
 * runs in the calling thread, yielding to the event loop between batches, whatever
 * `workers` says.
 * Cost: seeds × Σ over cells of (budget × responses × comparison cost + datapoints log datapoints).
 *
 * @param config - See {@link ConvergenceConfig}.
 * @returns A promise of plain JSON-safe {@link ConvergenceResults}.
 * @throws {@link RankingInputError} (as a rejection) for a bad config, naming the field.
 * @example
 * ```ts
 * const results = await runConvergence({ datapoints: [12, 100], perDatapoint: [1, 4, 16], randomRatios: [0, 0.5, 1], seeds: 200 });
 * console.log(convergenceCsv(results));
 * ```
 */
export async function runConvergence(config: ConvergenceConfig): Promise<ConvergenceResults> {
  const normalised = normaliseConvergenceConfig(config);
  const object = config as unknown as Record<string, unknown>;
  const workersOption = ownValue(object, 'workers');
  let workers = readWorkers(workersOption, defaultWorkerCount());
  const shard = readShard(ownValue(object, 'shard'));
  const onProgress = ownValue(object, 'onProgress');
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new RankingInputError('config.onProgress', `must be a function, got ${describeValue(onProgress)}`);
  }
  const report = onProgress as ((progress: ConvergenceProgress) => void) | undefined;

  const cells = convergenceCells(normalised);
  const { seeds } = normalised;
  const perRun = valuesPerRun(normalised);
  const metrics = sweepMetrics(normalised);
  const count = shard?.count ?? 1;
  const index = shard?.index ?? 0;
  // This part's seeds of each cell: s with (cell × seeds + s) mod count = index, an arithmetic progression.
  const parts = cells
    .map((cell) => {
      const first = (((index - cell.cell * seeds) % count) + count) % count;
      const list: number[] = [];
      for (let seed = first; seed < seeds; seed += count) list.push(seed);
      return { cell, seeds: list, values: new Float64Array(list.length * perRun) };
    })
    .filter((part) => part.seeds.length > 0);
  const answers = parts.reduce((sum, part) => sum + part.cell.budget * part.cell.responses * part.seeds.length, 0);
  // Starting a worker costs about as much as 20 000 answers; small sweeps finish sooner without.
  if (workersOption === undefined && answers < IN_PROCESS_ANSWERS) workers = 1;
  if (!WORKERS_AVAILABLE) workers = 1;
  const batches = sweepBatches(parts, count, workers);
  const partOf = new Map(parts.map((part) => [part.cell.cell, part]));
  const totalRuns = parts.reduce((sum, part) => sum + part.seeds.length, 0);
  let completedRuns = 0;
  const onDone = (batch: BatchRequest, batchValues: Float64Array): void => {
    const part = partOf.get(batch.cell)!;
    part.values.set(batchValues, ((batch.from - part.seeds[0]!) / batch.step) * perRun);
    completedRuns += batchValues.length / perRun;
    report?.({ completedRuns, totalRuns });
  };

  if (workers === 1 || batches.length <= 1) {
    for (const batch of batches) {
      onDone(batch, runCellBatch(normalised, cells[batch.cell]!, batch.from, batch.to, batch.step));
      // Let timers and I/O (a progress bar, a cancel signal) run between batches.
      await yieldToEventLoop();
    }
  } else {
    await runOnWorkers(workers, normalised, batches, onDone);
  }

  return {
    format: 'pairwise-elo/convergence',
    version: 2,
    generator: `pairwise-elo@${LIBRARY_VERSION}`,
    config: normalised,
    shard,
    totalCells: cells.length,
    cells: parts.map((part) => summariseCell(part.cell, part.seeds, metricColumns(part.values, part.seeds.length, metrics), metrics)),
  };
}

// Per metric, the runs' values out of the run-major array.
function metricColumns(values: Float64Array, runs: number, metrics: readonly SweepMetric[]): Partial<Record<SweepMetric, Float64Array>> {
  const columns: Partial<Record<SweepMetric, Float64Array>> = {};
  metrics.forEach((metric, m) => {
    const column = new Float64Array(runs);
    for (let run = 0; run < runs; run++) column[run] = values[run * metrics.length + m]!;
    columns[metric] = column;
  });
  return columns;
}
