/**
 * What a convergence sweep needs from its platform, Node's version: worker processes, the
 * core count, a pause for the event loop. The built package swaps this module for
 * `sweepPlatform.browser.ts` everywhere but Node (package.json `imports`,
 * `#sweep-platform`), so the root entry reaches no Node built-in in a browser bundle.
 * Both versions export the same names; this file is the one the sources and tests use.
 * @module
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { NormalizedConvergenceConfig } from './convergenceTypes.js';
import { runBatchesOnWorkers, type BatchReply, type BatchRequest, type PoolWorker } from './workerPool.js';

/** Whether sweeps can run on worker processes here. @internal */
export const WORKERS_AVAILABLE: boolean = true;

/** Worker count when the caller names none: one per core. @internal */
export function defaultWorkerCount(): number {
  return availableParallelism();
}

/** Resolves after the event loop has run timers and I/O (a progress bar, a cancel). @internal */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs `batches` on `workerCount` worker processes of the built worker script
 * (`convergenceWorker.js` beside this module in dist/). Processes rather than worker
 * threads: threads share one address space, so every page the allocator returns or maps
 * in one thread costs the others a TLB shootdown; on a 2-core VM that made 2 threads
 * spend 1.25–1.35× the CPU of one for the same runs, and 2 processes 1.07–1.15×
 * (bench/workers.bench.mjs, bench/README.md, 2026-12-03). @internal
 */
export async function runOnWorkers(
  workerCount: number,
  config: NormalizedConvergenceConfig,
  batches: readonly BatchRequest[],
  onDone: (batch: BatchRequest, values: Float64Array) => void,
): Promise<void> {
  const script = fileURLToPath(new URL('./convergenceWorker.js', import.meta.url));
  if (!existsSync(script)) {
    throw new Error(`runConvergence: workers need the built package (${script} is missing); build it or pass workers: 1`);
  }
  await runBatchesOnWorkers(workerCount, config, batches, onDone, () => startWorkerProcess(script));
}

// A worker process with IPC; the caller's Node flags (--inspect, loaders) are not passed on.
function startWorkerProcess(script: string): PoolWorker {
  const child = fork(script, [], { serialization: 'advanced', execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let stopped = false;
  return {
    send: (message) => void child.send(message),
    onReply: (handler) => void child.on('message', (reply) => handler(reply as BatchReply)),
    onExit: (handler) => {
      child.on('error', (error) => handler(error));
      child.on('exit', (code, signal) => {
        if (!stopped) handler(new Error(`convergence worker exited early (${signal ?? `code ${code}`})`));
      });
    },
    stop: () => {
      stopped = true;
      child.kill();
    },
  };
}
