/**
 * What a convergence sweep needs from its platform, Node's version: worker threads, the
 * core count, a pause for the event loop. The built package swaps this module for
 * `sweepPlatform.browser.ts` everywhere but Node (package.json `imports`,
 * `#sweep-platform`), so the root entry reaches no Node built-in in a browser bundle.
 * Both versions export the same names; this file is the one the sources and tests use.
 * @module
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { NormalizedConvergenceConfig } from './convergenceTypes.js';
import { runBatchesOnWorkers, type BatchRequest } from './workerPool.js';

/** Whether sweeps can run on worker threads here. @internal */
export const WORKER_THREADS_AVAILABLE: boolean = true;

/** Worker count when the caller names none: one per core. @internal */
export function defaultWorkerCount(): number {
  return availableParallelism();
}

/** Resolves after the event loop has run timers and I/O (a progress bar, a cancel). @internal */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs `batches` on `workerCount` worker threads of the built worker script
 * (`convergenceWorker.js` beside this module in dist/). @internal
 */
export async function runOnWorkers(
  workerCount: number,
  config: NormalizedConvergenceConfig,
  batches: readonly BatchRequest[],
  onDone: (batch: BatchRequest, values: Float64Array) => void,
): Promise<void> {
  const workerUrl = new URL('./convergenceWorker.js', import.meta.url);
  if (!existsSync(fileURLToPath(workerUrl))) {
    throw new Error(`runConvergence: worker threads need the built package (${fileURLToPath(workerUrl)} is missing); build it or pass workers: 1`);
  }
  await runBatchesOnWorkers(workerUrl, workerCount, config, batches, onDone);
}
