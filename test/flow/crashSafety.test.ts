// Ranking flows under SIGKILL: a worker process runs a seeded flow workload, appends each
// new event to a file as a JSON line (fsync after every call) and writes a snapshot every
// 25 events (to a temporary file, fsync, rename). It is killed at seeded points: before a
// call's event is written, halfway through writing it (a torn last line, with or without
// all of its JSON), right after it is durable, and halfway through a snapshot. Each restart
// rebuilds the flow from the last snapshot plus the events after it, dropping a torn last
// line, and continues; the final snapshot, the event file and the last periodic snapshot
// must equal, byte for byte, those of a run never killed. The README's "Ranking flows"
// section gives the recipe; examples/sqlite-job does the same for jobs.
//
// The worker imports an esbuild bundle of src/ (not dist/, which other builds may be
// rewriting). Its workload is a function of the durable state only (the next event's
// sequence number and how many calls since logged nothing), so a restart redoes exactly
// the calls the kill cut short; the clock moves on every 16 events, and the first call at
// each new time is expire(now), so every call logs at most one event (the worker checks).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/index.js';

const root = new URL('../..', import.meta.url).pathname;
const folder = mkdtempSync(join(tmpdir(), 'pairwise-elo-flow-crash-'));
const worker = join(folder, 'worker.mjs');
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const WORKER = String.raw`
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { RankingInputError, createRankingFlow, createRng, replayRankingFlow } from './pairwise-elo.mjs';

const CONFIG = { name: 'crash safety', instruction: 'Which is better?', maxResponses: 6, minResponses: 3, matchupTtlMs: 150, ttlMs: 400, randomComparisonsRatio: 0.3 };
const SEED = 'crash-safety';
const TARGET_EVENTS = 500;
const SNAPSHOT_EVERY = 25;
const EVENTS_PER_TICK = 16;

// argv: folder, then optionally the sequence number of the event to be killed at and how.
const [dir, killAtText, how] = process.argv.slice(2);
const killAt = killAtText === undefined ? Infinity : Number(killAtText);
const eventsPath = join(dir, 'events.jsonl');
const snapshotPath = join(dir, 'snapshot.json');

function die() {
  process.kill(process.pid, 'SIGKILL');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10_000);
  throw new Error('SIGKILL did not arrive');
}

function fsyncFolder() {
  const fd = openSync(dir, 'r');
  fsyncSync(fd);
  closeSync(fd);
}

// A whole new file or the old one: a kill while writing leaves only the temporary file.
function writeAtomically(path, text, tear) {
  const fd = openSync(path + '.tmp', 'w');
  if (tear) {
    writeSync(fd, text.slice(0, text.length >> 1));
    fsyncSync(fd);
    die();
  }
  writeSync(fd, text);
  fsyncSync(fd);
  closeSync(fd);
  renameSync(path + '.tmp', path);
  fsyncFolder();
}

// Recovery: the last snapshot plus the complete lines after it; a torn last line is cut off.
const leftover = existsSync(snapshotPath + '.tmp');
rmSync(snapshotPath + '.tmp', { force: true });
const bytes = existsSync(eventsPath) ? readFileSync(eventsPath) : Buffer.alloc(0);
const complete = bytes.lastIndexOf(0x0a) + 1;
if (complete < bytes.length) truncateSync(eventsPath, complete);
const lines = bytes.subarray(0, complete).toString('utf8').split('\n').slice(0, -1);
const snapshot = existsSync(snapshotPath) ? JSON.parse(readFileSync(snapshotPath, 'utf8')) : null;
const from = snapshot === null ? 0 : snapshot.nextEventSequence;
if (from > lines.length) throw new Error('the snapshot is ahead of the event file');
const after = lines.slice(from).map((line) => JSON.parse(line));
const flow = snapshot === null ? replayRankingFlow(CONFIG, after, { seed: SEED }) : replayRankingFlow(snapshot, after);
let written = lines.length;
console.log(JSON.stringify({ snapshotAt: snapshot === null ? null : from, replayed: after.length, tornBytes: bytes.length - complete, leftover }));

const events = openSync(eventsPath, 'a');
fsyncSync(events);

function pick(rng, list) {
  return list[Math.floor(rng() * list.length)];
}

// The call to make when the next event is number s and the last 'idle' calls logged nothing.
function call(s, idle) {
  const rng = createRng('workload/' + s + '/' + idle);
  const tick = Math.floor(s / EVENTS_PER_TICK);
  const now = 100 * tick;
  if (idle === 0 && s % EVENTS_PER_TICK === 0) return flow.expire(now);
  const u = rng();
  try {
    if (u < 0.14 || idle >= 12) {
      const size = 2 + Math.floor(rng() * 6);
      const ttlMs = rng() < 0.25 ? null : 150 + Math.floor(rng() * 450);
      const context = rng() < 0.5 ? { text: 'prompt ' + s } : null;
      return flow.addBatch(Array.from({ length: size }, (_, i) => 'e' + s + '.' + idle + '-' + i), { now, ttlMs, context });
    }
    if (u < 0.42) return flow.nextMatchups(1 + Math.floor(rng() * 3), { now });
    const pending = flow.pendingMatchups();
    if (u < 0.9 && pending.length > 0) {
      const matchup = pick(rng, pending);
      return flow.recordResponse(matchup.id, pick(rng, ['left', 'right', 'draw']), { now, responseId: 'r' + s, labelerId: pick(rng, ['ann', 'bo', '__proto__']) });
    }
    if (u < 0.95 && pending.length > 0) return flow.releaseMatchup(pick(rng, pending).id);
    return flow.forgetBatch('b' + (1 + Math.floor(rng() * Math.max(1, flow.progress().added))));
  } catch (error) {
    // A refused call (a batch still open, …) changes nothing and logs nothing.
    if (!(error instanceof RankingInputError)) throw error;
  }
}

let idle = 0;
while (written < TARGET_EVENTS) {
  call(written, idle);
  const fresh = flow.events(written);
  if (fresh.length === 0) {
    idle++;
    continue;
  }
  if (fresh.length > 1) throw new Error('a call logged ' + fresh.length + ' events; the workload assumes one at most');
  idle = 0;
  const line = JSON.stringify(fresh[0]) + '\n';
  if (written === killAt && how === 'lost') die();
  if (written === killAt && how.startsWith('torn')) {
    // A prefix of the line: all of its JSON but the newline, or a seeded part of it.
    const cut = how === 'torn-unterminated' ? line.length - 1 : 1 + Math.floor(createRng('torn/' + killAt)() * (line.length - 2));
    writeSync(events, line.slice(0, cut));
    fsyncSync(events);
    die();
  }
  writeSync(events, line);
  fsyncSync(events);
  written++;
  if (written - 1 === killAt && how === 'durable') die();
  if (written % SNAPSHOT_EVERY === 0) writeAtomically(snapshotPath, JSON.stringify(flow.snapshot()), how === 'snapshot' && written > killAt);
}
writeAtomically(join(dir, 'final.json'), JSON.stringify(flow.snapshot()), false);
`;

interface Start {
  readonly snapshotAt: number | null;
  readonly replayed: number;
  readonly tornBytes: number;
  readonly leftover: boolean;
}

// One run of the worker in `dir`: how it ended and how it started.
function runWorker(dir: string, kill: [at: number, how: string] | null): { killed: boolean; start: Start } {
  const result = spawnSync(process.execPath, [worker, dir, ...(kill === null ? [] : [String(kill[0]), kill[1]])], { encoding: 'utf8', timeout: 30_000 });
  if (result.signal !== 'SIGKILL' && result.status !== 0) throw new Error(`worker failed (${result.status ?? result.signal}): ${result.stderr}`);
  return { killed: result.signal === 'SIGKILL', start: JSON.parse(result.stdout.split('\n')[0]!) as Start };
}

// The complete lines of the event file (a torn last line is not one).
function durableEvents(dir: string): string {
  const text = existsSync(join(dir, 'events.jsonl')) ? readFileSync(join(dir, 'events.jsonl'), 'utf8') : '';
  return text.slice(0, text.lastIndexOf('\n') + 1);
}

beforeAll(async () => {
  await build({
    entryPoints: [join(root, 'src', 'index.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: join(folder, 'pairwise-elo.mjs'),
    define: { __PAIRWISE_ELO_VERSION__: JSON.stringify(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version) },
    logLevel: 'silent',
  });
  writeFileSync(worker, WORKER);
});

describe('a ranking flow persisted as events and snapshots, under SIGKILL', () => {
  it('ends, after kills at seeded points and restarts from the last snapshot, byte for byte as a run never killed', () => {
    const clean = join(folder, 'clean');
    mkdirSync(clean);
    expect(runWorker(clean, null).killed).toBe(false);

    const killed = join(folder, 'killed');
    mkdirSync(killed);
    const rng = createRng('kill points');
    const ways = ['torn', 'lost', 'snapshot', 'durable', 'torn-unterminated', 'snapshot', 'torn', 'lost', 'durable', 'snapshot', 'torn'];
    const starts: Start[] = [];
    const durableCounts: number[] = [];
    let durable = '';
    for (const how of ways) {
      const at = durableCounts.at(-1) ?? 0;
      const run = runWorker(killed, [at + 3 + Math.floor(rng() * 40), how]);
      starts.push(run.start);
      expect(run.killed, how).toBe(true);
      // Nothing durable before a kill is lost or changed by the restart that follows.
      const now = durableEvents(killed);
      expect(now.startsWith(durable)).toBe(true);
      durable = now;
      const seqs = durable.split('\n').slice(0, -1).map((line) => (JSON.parse(line) as { seq: number }).seq);
      expect(seqs).toEqual(seqs.map((_, i) => i));
      durableCounts.push(seqs.length);
    }
    const last = runWorker(killed, null);
    starts.push(last.start);
    expect(last.killed).toBe(false);

    for (const name of ['final.json', 'events.jsonl', 'snapshot.json']) {
      expect(readFileSync(join(killed, name), 'utf8'), name).toBe(readFileSync(join(clean, name), 'utf8'));
    }
    expect(existsSync(join(killed, 'snapshot.json.tmp'))).toBe(false);
    // Each restart began at the last complete snapshot and replayed the durable events
    // after it (a kill after an event's fsync comes before the snapshot that event was
    // due); torn lines were dropped, cut-short snapshots discarded.
    ways.forEach((how, k) => {
      const { snapshotAt, replayed, tornBytes, leftover } = starts[k + 1]!;
      const events = durableCounts[k]!;
      const snapshotted = 25 * Math.floor((how === 'snapshot' || how === 'durable' ? events - 1 : events) / 25);
      expect((snapshotAt ?? 0) + replayed).toBe(events);
      expect(snapshotAt).toBe(snapshotted === 0 ? null : snapshotted);
      expect(tornBytes > 0).toBe(how.startsWith('torn'));
      expect(leftover).toBe(how === 'snapshot');
    });
    const final = JSON.parse(readFileSync(join(killed, 'final.json'), 'utf8')) as { nextEventSequence: number };
    expect(final.nextEventSequence).toBe(500);
  });
});
