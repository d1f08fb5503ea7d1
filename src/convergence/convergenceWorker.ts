/**
 * Worker-process entry of `runConvergence`: receives the sweep's config, then runs the
 * batches the parent sends and sends back their metric values. Built to
 * `dist/convergenceWorker.js` and started with `child_process.fork` (IPC with the
 * `'advanced'` serialization, which carries the Float64Arrays).
 * @module
 */
import { convergenceCells, runCellBatch, type PreparedCell } from './convergenceCells.js';
import type { NormalizedConvergenceConfig } from './convergenceTypes.js';
import type { BatchReply, WorkerMessage } from './workerPool.js';

let sweep: { readonly config: NormalizedConvergenceConfig; readonly cells: readonly PreparedCell[] } | undefined;

process.on('message', (message: WorkerMessage) => {
  if ('config' in message) {
    sweep = { config: message.config, cells: convergenceCells(message.config) };
    return;
  }
  let reply: BatchReply;
  try {
    const { config, cells } = sweep!;
    reply = { batch: message.batch, values: runCellBatch(config, cells[message.cell]!, message.from, message.to, message.step) };
  } catch (error) {
    reply = { batch: message.batch, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  process.send!(reply);
});
// The parent gone (or done): nothing is left to do.
process.on('disconnect', () => process.exit(0));
