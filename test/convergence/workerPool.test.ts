import { describe, expect, it } from 'vitest';
import { convergenceCells } from '../../src/convergence/convergenceCells.js';
import { normaliseConvergenceConfig } from '../../src/convergence/normaliseConvergenceConfig.js';
import { runCost, sweepBatches, type SweepPart } from '../../src/convergence/sweepBatches.js';
import { runBatchesOnWorkers, type BatchReply, type BatchRequest, type PoolWorker, type WorkerMessage } from '../../src/convergence/workerPool.js';
import type { NormalizedConvergenceConfig } from '../../src/convergence/convergenceTypes.js';

// The sweep of bench/workers.bench.mjs: five cells of 200 datapoints, budgets 200 to 3 200.
const benchSweep = normaliseConvergenceConfig({ datapoints: [200], perDatapoint: [1, 2, 4, 8, 16], seeds: 120, seed: 'workers' });

function partsOf(config: NormalizedConvergenceConfig, index = 0, count = 1): SweepPart[] {
  return convergenceCells(config)
    .map((cell) => ({ cell, seeds: Array.from({ length: config.seeds }, (_, seed) => seed).filter((seed) => (cell.cell * config.seeds + seed) % count === index) }))
    .filter((part) => part.seeds.length > 0);
}

const costOf = (batch: BatchRequest, parts: readonly SweepPart[]) =>
  Math.ceil((batch.to - batch.from) / batch.step) * runCost(parts.find((part) => part.cell.cell === batch.cell)!.cell);

describe('sweepBatches', () => {
  it('covers every run of every part exactly once, numbered in hand-out order, sharded or not', () => {
    const grid = normaliseConvergenceConfig({ datapoints: [6, 50], perDatapoint: [1, 4, 16], randomRatios: [0, 1], seeds: 37 });
    for (const [index, count] of [[0, 1], [1, 3]] as const) {
      const parts = partsOf(grid, index, count);
      for (const workers of [1, 2, 4]) {
        const batches = sweepBatches(parts, count, workers);
        expect(batches.map((batch) => batch.batch)).toEqual(batches.map((_, k) => k));
        const covered = batches.flatMap((batch) => {
          const runs: string[] = [];
          for (let seed = batch.from; seed < batch.to; seed += batch.step) runs.push(`${batch.cell}/${seed}`);
          return runs;
        });
        expect(covered.sort()).toEqual(parts.flatMap((part) => part.seeds.map((seed) => `${part.cell.cell}/${seed}`)).sort());
      }
    }
  });

  it('hands the largest batches out first to several workers, and keeps the cells\' order in one thread', () => {
    const parts = partsOf(benchSweep);
    const costs = sweepBatches(parts, 1, 2).map((batch) => costOf(batch, parts));
    // Budgets grow with the cell index, so the cells' order would put the costliest batches last.
    expect(costs).toEqual([...costs].sort((a, b) => b - a));
    const inThread = sweepBatches(parts, 1, 1).map((batch) => batch.cell);
    expect(inThread).toEqual([...inThread].sort((a, b) => a - b));
  });

  it('cuts a sweep fine enough that two workers finish within a short batch of each other', () => {
    const parts = partsOf(benchSweep);
    const total = parts.reduce((sum, part) => sum + runCost(part.cell) * part.seeds.length, 0);
    for (const batch of sweepBatches(parts, 1, 2)) {
      const single = batch.to - batch.from === batch.step;
      // At most 1/32 of either worker's share, or a single run (which cannot be split).
      expect(single || costOf(batch, parts) <= total / (16 * 2)).toBe(true);
    }
    // A sweep of few expensive runs (20 of budget 32 000): one run per batch.
    const few = partsOf(normaliseConvergenceConfig({ datapoints: [1000], perDatapoint: [32], seeds: 20 }));
    expect(sweepBatches(few, 1, 2).map((batch) => batch.to - batch.from)).toEqual(Array(20).fill(1));
  });
});

// A stand-in for a worker: records what is sent to it; the test answers its batches.
class FakeWorker implements PoolWorker {
  readonly configs: unknown[] = [];
  readonly received: BatchRequest[] = [];
  stopped = false;
  private reply: (reply: BatchReply) => void = () => {};
  private exitHandler: (error: Error) => void = () => {};
  send(message: WorkerMessage): void {
    if ('config' in message) this.configs.push(message.config);
    else this.received.push(message);
  }
  onReply(handler: (reply: BatchReply) => void): void {
    this.reply = handler;
  }
  onExit(handler: (error: Error) => void): void {
    this.exitHandler = handler;
  }
  exit(error: Error): void {
    this.exitHandler(error);
  }
  stop(): void {
    this.stopped = true;
  }
  answer(request: BatchRequest): void {
    this.reply({ batch: request.batch, values: new Float64Array([request.from]) });
  }
}

describe('runBatchesOnWorkers', () => {
  it('keeps two batches in flight per worker, so none waits on the calling thread between batches', async () => {
    const batches: BatchRequest[] = Array.from({ length: 7 }, (_, batch) => ({ batch, cell: 0, from: batch, to: batch + 1, step: 1 }));
    const fakes: FakeWorker[] = [];
    const done: number[] = [];
    const finished = runBatchesOnWorkers(2, benchSweep, batches, (batch, values) => done.push(batch.batch * 100 + values[0]!), () => {
      const fake = new FakeWorker();
      fakes.push(fake);
      return fake;
    });
    // The config first; before any answer, one batch each, the largest first, then the next one each.
    expect(fakes.map((fake) => fake.configs)).toEqual([[benchSweep], [benchSweep]]);
    expect(fakes.map((fake) => fake.received.map((request) => request.batch))).toEqual([[0, 2], [1, 3]]);
    // Worker 1 finishes one: it gets the next batch while still holding one.
    fakes[1]!.answer(fakes[1]!.received[0]!);
    expect(fakes[1]!.received.map((request) => request.batch)).toEqual([1, 3, 4]);
    // Answer everything in whatever order the workers hold it.
    const answered = new Set<number>([1]);
    while (answered.size < batches.length) {
      for (const fake of fakes) {
        const pending = fake.received.find((request) => !answered.has(request.batch));
        if (pending === undefined) continue;
        answered.add(pending.batch);
        fake.answer(pending);
      }
    }
    await finished;
    expect(done.sort((a, b) => a - b)).toEqual(batches.map((batch) => batch.batch * 101));
    // Every batch went out exactly once, and the workers were stopped.
    expect(fakes.flatMap((fake) => fake.received.map((request) => request.batch)).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(fakes.every((fake) => fake.stopped)).toBe(true);
  });

  it('rejects on a worker that fails or exits early, and stops the others', async () => {
    const batches: BatchRequest[] = Array.from({ length: 4 }, (_, batch) => ({ batch, cell: 0, from: batch, to: batch + 1, step: 1 }));
    const fakes: FakeWorker[] = [];
    const start = () => {
      const fake = new FakeWorker();
      fakes.push(fake);
      return fake;
    };
    const crashed = runBatchesOnWorkers(2, benchSweep, batches, () => {}, start);
    fakes[0]!.exit(new Error('convergence worker exited early (SIGKILL)'));
    await expect(crashed).rejects.toThrow(/exited early \(SIGKILL\)/);
    expect(fakes.every((fake) => fake.stopped)).toBe(true);
  });
});
