/**
 * What a convergence sweep needs from its platform, for browsers, Deno without Node
 * compatibility, workers and every other non-Node host: no threads, so sweeps run in the
 * calling thread and yield to the event loop between batches. Mirrors `sweepPlatform.ts`
 * (Node), which the built package uses under the `node` condition.
 * @module
 */
import type * as NodePlatform from './sweepPlatform.js';

/** Whether sweeps can run on workers here: not outside Node. @internal */
export const WORKERS_AVAILABLE: typeof NodePlatform.WORKERS_AVAILABLE = false;

/** Worker count when the caller names none: the calling thread. @internal */
export const defaultWorkerCount: typeof NodePlatform.defaultWorkerCount = () => 1;

/** Resolves after the event loop has run (a macrotask, so rendering and input go on). @internal */
export const yieldToEventLoop: typeof NodePlatform.yieldToEventLoop = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Never called (no workers here); refuses rather than pretend. @internal */
export const runOnWorkers: typeof NodePlatform.runOnWorkers = () =>
  Promise.reject(new Error('runConvergence: workers are only available under Node'));
