#!/usr/bin/env node
// A ranking-job worker whose event log lives in SQLite.
//
//   npm start -- --db job.sqlite [--batch 4] [--delay-ms 0]    (in examples/sqlite-job, after npm ci)
//
// On start it rebuilds the job from the events in the database (replayRankingJob). Then
// it takes one step at a time, each chosen from the job's state alone:
//   1. a pending matchup is past its deadline → expire what is overdue;
//   2. else a pending matchup still needs a response → record the next one, from the
//      simulated labeler (matchups the labelers abandoned are skipped);
//   3. else budget is left → issue a batch;
//   4. else only abandoned matchups are pending → expire at the first deadline.
// After every step the new events are written in one transaction. Because each step
// depends only on the state, a worker killed at any point and restarted redoes the step
// in flight exactly as it would have been done: the RNG state, matchup ids, response ids
// and answers are all deterministic.
//
// The clock is logical and read off the log (ten milliseconds per event, never before the
// latest time an event records), so a restarted worker sees the same times as one that
// never stopped. Like a message queue with at-least-once delivery, the worker delivers
// one response in five twice, and on start redelivers the last ten responses in the log:
// the job recognises their response ids and ignores them (recordResponse returns false,
// nothing is logged). When the job is done the worker prints the results as one JSON line
// and exits 0.
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { replayRankingJob } from 'pairwise-elo';
import { definition, labeler, seed } from './job.mjs';

const { values } = parseArgs({
  options: { db: { type: 'string' }, batch: { type: 'string', default: '4' }, 'delay-ms': { type: 'string', default: '0' } },
});
if (values.db === undefined) {
  process.stderr.write('usage: worker.mjs --db FILE [--batch N] [--delay-ms MS]\n');
  process.exit(2);
}
const batch = Number(values.batch);
const delayMs = Number(values['delay-ms']);

const db = new Database(values.db);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(`
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, type TEXT NOT NULL, body TEXT NOT NULL);
`);
// The definition and seed are stored with the log, so the database describes its job.
db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('definition', JSON.stringify(definition));
db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('seed', seed);
const stored = (key) => db.prepare('SELECT value FROM meta WHERE key = ?').get(key).value;

const events = db.prepare('SELECT body FROM events ORDER BY seq').all().map((row) => JSON.parse(row.body));
const job = replayRankingJob(JSON.parse(stored('definition')), events, { seed: stored('seed') });
let persisted = events.length;
// What the steps need from the log: the latest time recorded, when each matchup was
// issued, and how many responses each has.
let latest = 0;
const issuedAt = new Map();
const answered = new Map();
const recentResponses = [];
function learn(event) {
  if (typeof event.now === 'number') latest = Math.max(latest, event.now);
  if (event.type === 'matchupsIssued') for (const matchup of event.matchups) issuedAt.set(matchup.id, event.now);
  if (event.type === 'responseRecorded') {
    answered.set(event.matchupId, (answered.get(event.matchupId) ?? 0) + 1);
    recentResponses.push(event);
    if (recentResponses.length > 10) recentResponses.shift();
  }
}
events.forEach(learn);
const now = () => Math.max(persisted * 10, latest);
const deadline = (matchup) => issuedAt.get(matchup.id) + definition.matchupTtlMs;

const insert = db.prepare('INSERT INTO events (seq, type, body) VALUES (?, ?, ?)');
const persist = db.transaction((fresh) => {
  for (const event of fresh) insert.run(event.seq, event.type, JSON.stringify(event));
});
// Runs one job call, then writes whatever it logged.
function step(call) {
  const result = call();
  const fresh = job.events(persisted);
  if (fresh.length > 0) {
    persist(fresh);
    persisted += fresh.length;
    // The database holds them now: the job need not keep them in memory.
    job.trimEvents(persisted);
    fresh.forEach(learn);
  }
  if (delayMs > 0 && fresh.length > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, delayMs);
  return result;
}

// A message delivered again: the job must ignore it (false, nothing logged).
function redeliver({ matchupId, outcome, responseId, now: at }) {
  if (step(() => job.recordResponse(matchupId, outcome, { responseId, now: at })) !== false) {
    throw new Error(`response ${responseId} to ${matchupId} was counted twice`);
  }
}
for (const event of [...recentResponses]) redeliver(event);

while (!job.done) {
  const t = now();
  const pending = job.pendingMatchups();
  const waiting = pending.find((matchup) => !labeler.abandons(matchup) && (answered.get(matchup.id) ?? 0) < definition.responsesPerComparison);
  if (pending.some((matchup) => deadline(matchup) <= t)) step(() => job.expireMatchups(t));
  else if (waiting !== undefined) {
    const k = (answered.get(waiting.id) ?? 0) + 1;
    const response = { matchupId: waiting.id, outcome: labeler.answer(waiting, k), responseId: `${waiting.id}/${k}`, now: t };
    step(() => job.recordResponse(response.matchupId, response.outcome, { responseId: response.responseId, now: t }));
    if (labeler.deliversTwice(response)) redeliver(response);
  } else if (job.progress().available > 0) step(() => job.nextMatchups(batch, { now: t }));
  else step(() => job.expireMatchups(Math.min(...pending.map(deadline))));
}
process.stdout.write(`${JSON.stringify({ done: true, events: persisted, results: job.results() })}\n`);
db.close();
