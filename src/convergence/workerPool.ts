/**
 * A small pool of worker threads that runs batches of a sweep: each worker takes the
 * next batch as soon as it finishes one, so uneven batches balance out.
 * @module
 */
import { Worker } from 'node:worker_threads';
import type { NormalizedConvergenceConfig } from './convergenceTypes.js';

/** One batch: seed indices from, from + step, … below `to`, of a cell. @internal */
export interface BatchRequest {
  readonly batch: number;
  readonly cell: number;
  readonly from: number;
  readonly to: number;
  readonly step: number;
}

/** A worker's answer to a {@link BatchRequest}. @internal */
export type BatchReply =
  | { readonly batch: number; readonly values: Float64Array }
  | { readonly batch: number; readonly error: string };

/**
 * Runs `batches` on `workerCount` threads of the script at `workerUrl`; calls `onDone`
 * for every finished batch (in completion order) and resolves when all are done. Rejects
 * on the first failure and stops every worker. @internal
 */
export function runBatchesOnWorkers(
  workerUrl: URL,
  workerCount: number,
  config: NormalizedConvergenceConfig,
  batches: readonly BatchRequest[],
  onDone: (batch: BatchRequest, values: Float64Array) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let next = 0;
    let finished = 0;
    let failed = false;
    const fail = (error: unknown): void => {
      if (failed) return;
      failed = true;
      for (const worker of workers) void worker.terminate();
      reject(error);
    };
    const feed = (worker: Worker): void => {
      if (next < batches.length) worker.postMessage(batches[next++]);
    };
    const count = Math.min(workerCount, batches.length);
    if (count === 0) {
      resolve();
      return;
    }
    for (let w = 0; w < count; w++) {
      const worker = new Worker(workerUrl, { workerData: { config } });
      workers.push(worker);
      worker.on('message', (reply: BatchReply) => {
        if (failed) return;
        if ('error' in reply) {
          fail(new Error(`convergence worker failed: ${reply.error}`));
          return;
        }
        try {
          onDone(batches[reply.batch]!, reply.values);
        } catch (error) {
          fail(error);
          return;
        }
        finished++;
        if (finished === batches.length) {
          for (const each of workers) void each.terminate();
          resolve();
        } else feed(worker);
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (finished < batches.length) fail(new Error(`convergence worker exited early with code ${code}`));
      });
      feed(worker);
    }
  });
}
