import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { convergenceCells, runCellBatch } from '../../src/convergence/convergenceCells.js';
import { normaliseConvergenceConfig } from '../../src/convergence/normaliseConvergenceConfig.js';
import type { BatchReply, WorkerMessage } from '../../src/convergence/workerPool.js';

// The built worker script, as runConvergence starts it under Node.
const script = fileURLToPath(new URL('../../dist/convergenceWorker.js', import.meta.url));

describe('the convergence worker process', () => {
  it('runs batches sent over IPC after the config and answers with the values of the calling thread', async () => {
    const config = normaliseConvergenceConfig({ datapoints: [8, 12], perDatapoint: [1, 4], scorers: ['posterior', 'elo'], seeds: 6, seed: 'process' });
    const cells = convergenceCells(config);
    const child = fork(script, [], { serialization: 'advanced', execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const replies: BatchReply[] = [];
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const answered = new Promise<void>((resolve) =>
      child.on('message', (reply) => {
        replies.push(reply as BatchReply);
        if (replies.length === 3) resolve();
      }),
    );
    const send = (message: WorkerMessage) => child.send(message);
    send({ config });
    send({ batch: 0, cell: 1, from: 0, to: 6, step: 1 });
    send({ batch: 1, cell: 6, from: 1, to: 6, step: 2 });
    send({ batch: 2, cell: 99, from: 0, to: 1, step: 1 });
    await answered;
    expect(replies.map((reply) => reply.batch)).toEqual([0, 1, 2]);
    expect((replies[0] as { values: Float64Array }).values).toEqual(runCellBatch(config, cells[1]!, 0, 6, 1));
    expect((replies[1] as { values: Float64Array }).values).toEqual(runCellBatch(config, cells[6]!, 1, 6, 2));
    // A failing batch is reported, not fatal.
    expect('error' in replies[2]!).toBe(true);
    // Closing the channel ends it.
    child.disconnect();
    expect(await exited).toBe(0);
  });
});
