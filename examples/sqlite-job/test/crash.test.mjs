// Crash test of the SQLite worker: the worker is killed with SIGKILL at random points
// many times and restarted; the log must never lose or double a response, and the final
// log and results must equal those of a run that was never interrupted.
//
//   npm test            (node --test test/*.test.mjs, from examples/sqlite-job)
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { createRng } from 'pairwise-elo';

const worker = fileURLToPath(new URL('../worker.mjs', import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'pairwise-elo-sqlite-'));
after(() => rmSync(directory, { recursive: true, force: true }));

/** The event log as stored: rows of { seq, type, body }, in seq order. */
function readLog(file) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT seq, type, body FROM events ORDER BY seq').all();
  } finally {
    db.close();
  }
}

// Runs the worker until it exits by itself or `killAfterMs` passes; resolves with how it ended.
// A pause of 12 ms after every call spreads the run over enough time for 15 or more kills
// to land even on a fast machine (8 ms gave 16 to 50 here, too close to the floor).
function runWorker(file, killAfterMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, '--db', file, '--delay-ms', '12'], { stdio: ['ignore', 'pipe', 'pipe'] });
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
  it('never loses or doubles a response, and ends exactly as an uninterrupted run', { timeout: 120_000 }, async (t) => {
    const clean = join(directory, 'clean.sqlite');
    const uninterrupted = spawnSync(process.execPath, [worker, '--db', clean], { encoding: 'utf8' });
    assert.equal(uninterrupted.status, 0, `uninterrupted worker failed: ${uninterrupted.stderr}`);
    const expected = JSON.parse(uninterrupted.stdout);
    assert.equal(expected.done, true);

    const file = join(directory, 'killed.sqlite');
    const rng = createRng('kill-points');
    const seenResponses = new Set();
    let kills = 0;
    let finished = null;
    for (let attempt = 0; attempt < 200 && finished === null; attempt++) {
      // Kill points spread over the start-up (replay) and the work that follows.
      const outcome = await runWorker(file, 120 + Math.floor(rng() * 250));
      if (outcome.killed) kills++;
      else finished = outcome;
      const log = readLog(file);
      // The log is gap-free, and each response (matchup id / response id) is in it once.
      assert.deepEqual(
        log.map((event) => event.seq),
        log.map((_, i) => i),
      );
      const responses = log
        .filter((event) => event.type === 'responseRecorded')
        .map((event) => JSON.parse(event.body))
        .map((event) => `${event.matchupId}/${event.responseId}`);
      assert.equal(new Set(responses).size, responses.length, 'a response is in the log twice');
      // Nothing written before a kill is ever lost.
      for (const response of seenResponses) assert.ok(responses.includes(response), `response ${response} was lost`);
      for (const response of responses) seenResponses.add(response);
    }
    assert.notEqual(finished, null, 'the worker never finished in 200 attempts');
    assert.ok(kills >= 15, `only ${kills} kills landed; expected at least 15`);
    const result = JSON.parse(finished.stdout);
    assert.deepEqual(result.results, expected.results);
    // Stronger: the two logs are the same, event for event.
    assert.deepEqual(readLog(file), readLog(clean));
    t.diagnostic(`sqlite worker: ${kills} kills, ${readLog(file).length} events, ${seenResponses.size} responses`);
  });
});
