/**
 * Worker-thread entry of `runConvergence`: runs the batches the main thread sends and
 * posts back their metric values. Built to `dist/convergenceWorker.js`.
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { convergenceCells, runCellBatch } from './convergenceCells.js';
import type { NormalizedConvergenceConfig } from './convergenceTypes.js';
import type { BatchRequest, BatchReply } from './workerPool.js';

const config = (workerData as { config: NormalizedConvergenceConfig }).config;
const cells = convergenceCells(config);
const port = parentPort!;

port.on('message', (request: BatchRequest) => {
  let reply: BatchReply;
  try {
    const values = runCellBatch(config, cells[request.cell]!, request.from, request.to, request.step);
    reply = { batch: request.batch, values };
    port.postMessage(reply, [values.buffer as ArrayBuffer]);
  } catch (error) {
    reply = { batch: request.batch, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    port.postMessage(reply);
  }
});
