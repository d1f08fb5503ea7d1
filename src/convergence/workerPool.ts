/**
 * A small pool of workers that runs batches of a sweep: each worker holds its next batch
 * while it runs one, and takes another as it finishes, so uneven batches balance out and
 * no worker waits on the calling thread between batches. How a worker is started and
 * reached (a child process under Node) is the platform's business (`sweepPlatform.ts`).
 * @module
 */
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

/** What a worker receives: the sweep's config once, first, then batches. @internal */
export type WorkerMessage = { readonly config: NormalizedConvergenceConfig } | BatchRequest;

/** A started worker as the pool sees it. @internal */
export interface PoolWorker {
  /** Sends a message; the worker handles messages in the order sent. */
  send(message: WorkerMessage): void;
  /** Calls `handler` with every reply. */
  onReply(handler: (reply: BatchReply) => void): void;
  /** Calls `handler` if the worker cannot start, or crashes or exits before {@link PoolWorker.stop}. */
  onExit(handler: (error: Error) => void): void;
  /** Ends the worker, finished or not. */
  stop(): void;
}

// Batches sent to a worker and not yet answered: the one it runs and the next, queued in
// its channel, so a busy or descheduled calling thread never leaves it idle.
const IN_FLIGHT_PER_WORKER = 2;

/**
 * Runs `batches` on `workerCount` workers made by `startWorker`, handed out in order;
 * calls `onDone` for every finished batch (in completion order) and resolves when all
 * are done. Rejects on the first failure and stops every worker. @internal
 */
export function runBatchesOnWorkers(
  workerCount: number,
  config: NormalizedConvergenceConfig,
  batches: readonly BatchRequest[],
  onDone: (batch: BatchRequest, values: Float64Array) => void,
  startWorker: () => PoolWorker,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const workers: PoolWorker[] = [];
    let next = 0;
    let finished = 0;
    let failed = false;
    const fail = (error: unknown): void => {
      if (failed) return;
      failed = true;
      for (const worker of workers) worker.stop();
      reject(error);
    };
    const feed = (worker: PoolWorker): void => {
      if (next < batches.length) worker.send(batches[next++]!);
    };
    const count = Math.min(workerCount, batches.length);
    if (count === 0) {
      resolve();
      return;
    }
    try {
      for (let w = 0; w < count; w++) {
        const worker = startWorker();
        workers.push(worker);
        worker.onReply((reply) => {
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
            for (const each of workers) each.stop();
            resolve();
          } else feed(worker);
        });
        worker.onExit((error) => {
          if (finished < batches.length) fail(error);
        });
        worker.send({ config });
      }
    } catch (error) {
      fail(error);
      return;
    }
    // Round by round, so the largest batches (they come first) go one to each worker.
    for (let round = 0; round < IN_FLIGHT_PER_WORKER; round++) for (const worker of workers) feed(worker);
  });
}
