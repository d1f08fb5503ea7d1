// Crash test of examples/sqlite-job: the worker is killed with SIGKILL at random points
// many times and restarted; the log must never lose or double a response, and the final
// log and results must equal those of a run that was never interrupted.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/index.js';

const worker = new URL('../../examples/sqlite-job/worker.mjs', import.meta.url).pathname;
const directory = mkdtempSync(join(tmpdir(), 'pairwise-elo-sqlite-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

interface StoredEvent {
  readonly seq: number;
  readonly type: string;
  readonly body: string;
}

function readLog(file: string): StoredEvent[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT seq, type, body FROM events ORDER BY seq').all() as StoredEvent[];
  } finally {
    db.close();
  }
}

// Runs the worker until it exits by itself or `killAfterMs` passes; resolves with how it ended.
function runWorker(file: string, killAfterMs: number): Promise<{ killed: boolean; code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, '--db', file, '--delay-ms', '8'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === null && code !== 0) reject(new Error(`worker failed (${code}): ${stderr}`));
      else resolve({ killed: signal === 'SIGKILL', code, stdout });
    });
  });
}

describe('examples/sqlite-job under SIGKILL', () => {
  it('never loses or doubles a response, and ends exactly as an uninterrupted run', async () => {
    const clean = join(directory, 'clean.sqlite');
    const uninterrupted = spawnSync(process.execPath, [worker, '--db', clean], { encoding: 'utf8' });
    expect(uninterrupted.status).toBe(0);
    const expected = JSON.parse(uninterrupted.stdout);
    expect(expected.done).toBe(true);

    const file = join(directory, 'killed.sqlite');
    const rng = createRng('kill-points');
    const seenResponses = new Set<string>();
    let kills = 0;
    let finished: { stdout: string } | null = null;
    for (let attempt = 0; attempt < 200 && finished === null; attempt++) {
      // Kill points spread over the start-up (replay) and the work that follows.
      const outcome = await runWorker(file, 120 + Math.floor(rng() * 250));
      if (outcome.killed) kills++;
      else finished = outcome;
      const log = readLog(file);
      // The log is gap-free, and each response (matchup id / response id) is in it once.
      expect(log.map((event) => event.seq)).toEqual(log.map((_, i) => i));
      const responses = log
        .filter((event) => event.type === 'responseRecorded')
        .map((event) => JSON.parse(event.body))
        .map((event) => `${event.matchupId}/${event.responseId}`);
      expect(new Set(responses).size).toBe(responses.length);
      // Nothing written before a kill is ever lost.
      for (const response of seenResponses) expect(responses).toContain(response);
      for (const response of responses) seenResponses.add(response);
    }
    expect(finished).not.toBeNull();
    expect(kills).toBeGreaterThanOrEqual(15);
    const result = JSON.parse(finished!.stdout);
    expect(result.results).toEqual(expected.results);
    // Stronger: the two logs are the same, event for event.
    expect(readLog(file)).toEqual(readLog(clean));
    console.log(`sqlite worker: ${kills} kills, ${readLog(file).length} events, ${seenResponses.size} responses`);
  }, 120_000);
});
