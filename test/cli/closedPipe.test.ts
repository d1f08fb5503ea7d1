// `pairwise-elo rank FILE | head`: the reader closes the pipe after its first lines, and
// the command must end quietly (exit 0, no EPIPE stack trace) instead of crashing on the
// unhandled 'error' event of its stdout (issue 12 item 6; it exited 1 with
// "Error: write EPIPE" before).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { endQuietlyOnClosedPipe } from '../../src/cli/closedPipe.js';

const cli = new URL('../../dist/cli.js', import.meta.url).pathname;
const folder = mkdtempSync(join(tmpdir(), 'pairwise-elo-pipe-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

// Runs `node cli.js ARGS | head -n 1` in a shell: head exits after the first line and
// closes the pipe. Returns the command's exit code (bash's PIPESTATUS) and its stderr.
function runIntoHead(args: string[]): { code: number; stderr: string; firstLine: string } {
  const command = `"$0" "$@" 2>"${join(folder, 'stderr.txt')}" | head -n 1; exit "\${PIPESTATUS[0]}"`;
  const result = spawnSync('bash', ['-c', command, process.execPath, cli, ...args], { encoding: 'utf8' });
  return { code: result.status ?? -1, stderr: readFileSync(join(folder, 'stderr.txt'), 'utf8'), firstLine: result.stdout };
}

describe('a closed output pipe', () => {
  it('ends `pairwise-elo rank` quietly with exit code 0', () => {
    // 20 000 datapoints: the ranking table (over 1 MB) is far beyond a pipe's 64 KiB
    // buffer, so the write is still going on when head has its line and exits.
    const rows = ['left,right,outcome'];
    for (let k = 0; k < 40_000; k++) rows.push(`d${k % 20_000},d${(k * 7 + 1) % 20_000},${k % 3 === 0 ? 'right' : 'left'}`);
    const file = join(folder, 'votes.csv');
    writeFileSync(file, `${rows.join('\n')}\n`);
    const { code, stderr, firstLine } = runIntoHead(['rank', file]);
    expect(firstLine).toMatch(/^Read 40000 rows/);
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  });

  it('passes other write errors on', () => {
    const listeners: ((error: Error & { code?: string }) => void)[] = [];
    let closed = 0;
    endQuietlyOnClosedPipe({ on: (_event, listener) => listeners.push(listener) }, () => closed++);
    listeners[0]!(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(closed).toBe(1);
    expect(() => listeners[0]!(Object.assign(new Error('no space'), { code: 'ENOSPC' }))).toThrow('no space');
    expect(closed).toBe(1);
  });
});
