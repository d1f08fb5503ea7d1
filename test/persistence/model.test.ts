// Model-based test of a live job (fast-check commands): random sequences of
// nextMatchups, recordResponse (with retried response ids), releaseMatchup,
// expireMatchups, addDatapoints, snapshot-and-restore, replay from the event log, and
// bad calls, checked against a small reference model after every step. Definitions
// cover every pairing, and some stop rankings early (stopWhen): whether a ranking is
// settled depends on its posterior, which the model does not compute, so the model reads
// it from the job and checks everything that follows from it (what is saved, what can
// still be issued, and that a settled ranking gets no new matchups).
//
// A second run does the same with hostile callers (issue 11, item 2): the arguments are
// getters and Proxies that hand the first read the model's value and later reads
// something else (a duplicate id, a number, an empty string, "__proto__"), and that call
// back into the job when read; the job runs on an injected rng that calls back into it
// now and then, and snapshots and logs are restored and replayed through getters that
// change too. Every call back must be refused (path `job`), every argument read once, and
// the model's invariants must hold at every step as before.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  RankingInputError,
  createRankingJob,
  createRankingJobDefinition,
  createRng,
  replayRankingJob,
  restoreRankingJob,
  type MatchupKind,
  type Pairing,
  type RankingJob,
  type RankingJobDefinition,
  type RankingJobEvent,
  type RankingJobOptions,
  type RankingJobSnapshot,
  type RestoreOptions,
  type SeededRng,
} from '../../src/index.js';
import { fingerprint, ids } from '../helpers.js';
import {
  arrayWithChangingElement,
  changeAt,
  objectWithChangingKey,
  proxyWithChangingElement,
  proxyWithChangingKey,
  type Reads,
} from '../hostile/changingValues.js';

type Outcome = 'left' | 'right' | 'draw';

interface PendingModel {
  readonly ranking: number;
  readonly left: string;
  readonly right: string;
  readonly deadline: number;
  votes: number;
  readonly responseIds: string[];
}

// The kinds of matchup each pairing issues.
const KINDS: Readonly<Record<Pairing, readonly MatchupKind[]>> = {
  adaptive: ['random', 'close'],
  informationGain: ['random', 'informationGain'],
  sort: ['sort', 'informationGain', 'random'],
  roundRobin: ['roundRobin'],
};

interface Model {
  readonly responses: number;
  readonly pairing: Pairing;
  readonly stopWhen: boolean;
  readonly consistent: boolean;
  readonly ttl: number;
  now: number;
  readonly budgets: number[];
  readonly sizes: number[];
  // Exact sum of each ranking's starting ratings: the zero-sum target.
  readonly ratingSums: number[];
  readonly completed: number[];
  readonly pending: Map<string, PendingModel>;
  readonly finished: Map<string, { readonly state: 'completed' | 'released' | 'expired'; readonly responseIds: string[] }>;
  recordedResponses: number;
  nextResponseId: number;
  nextDatapoint: number;
}

interface Real {
  job: RankingJob;
  // A copy made by the latest restore or replay, given every later call too: its answers
  // and state must stay identical to the live job's.
  twin: RankingJob | null;
  readonly definition: RankingJobDefinition;
  readonly seed: string;
  // The event log as an app would store it, across restores and replays.
  readonly log: RankingJobEvent[];
  // The hostile run's callers and generators; null in the plain run.
  readonly hostility: Hostility | null;
}

// --- Hostile callers --------------------------------------------------------------------

interface Hostility {
  readonly seed: string;
  // The injected generator of each job: a seeded stream that calls back into its job on every `every`-th draw.
  readonly streams: Map<RankingJob, HookedStream>;
  readonly every: number;
  // Counts wrapped arguments, choosing what each turns into after its first read.
  twists: number;
  // Reads of the arguments wrapped since the last check: each at most once.
  readonly reads: Reads[];
  // Calls back into a job that were not refused as re-entrant (must stay empty).
  readonly violations: string[];
}

interface HookedStream {
  readonly stream: SeededRng;
  readonly rng: () => number;
  job: RankingJob | null;
}

// Counters reported by the hostile run.
const hostile = { sequences: 0, steps: 0, wrapped: 0, refusedCallbacks: 0, rngCallbacks: 0, hostileRestores: 0, hostileReplays: 0 };

// Calls into `job` from inside one of its own calls (variant picks the method): refused, or a violation.
function callBack(hostility: Hostility, job: RankingJob, variant: number): void {
  const calls: ((job: RankingJob) => unknown)[] = [
    (job) => job.nextMatchups(1, { now: 0 }),
    (job) => job.recordResponse('m1', 'left'),
    (job) => job.releaseMatchup('m1'),
    (job) => job.expireMatchups(1e15),
    (job) => job.addDatapoints(0, ['re-entrant']),
    (job) => job.pendingMatchups(),
    (job) => job.comparisons(),
    (job) => job.progress(),
    (job) => job.results({ scorer: 'elo' }),
    (job) => job.events(),
    (job) => job.snapshot(),
  ];
  const index = variant % calls.length;
  try {
    calls[index]!(job);
    hostility.violations.push(`call back #${index} went through`);
  } catch (error) {
    if (error instanceof RankingInputError && error.path === 'job') hostile.refusedCallbacks++;
    else hostility.violations.push(`call back #${index} threw ${String(error)}`);
  }
}

// A generator for a job: `state` continues a stream, else it starts from the seed. Attach it with `owns`.
function hookedStream(hostility: Hostility, state?: ReturnType<SeededRng['state']>): HookedStream {
  const stream = createRng(hostility.seed, state);
  let draws = 0;
  const hooked: HookedStream = {
    stream,
    job: null,
    rng: () => {
      if (hooked.job !== null && ++draws % hostility.every === 0) {
        hostile.rngCallbacks++;
        callBack(hostility, hooked.job, draws / hostility.every);
      }
      return stream();
    },
  };
  return hooked;
}

function owns(hostility: Hostility, hooked: HookedStream, job: RankingJob): RankingJob {
  hooked.job = job;
  hostility.streams.set(job, hooked);
  return job;
}

// Options for restoring `job`'s snapshot: a copy of its stream, in the hostile run.
function restoreOptions(real: Real, job: RankingJob): { options: RestoreOptions; attach: (restored: RankingJob) => RankingJob } {
  const { hostility } = real;
  if (hostility === null) return { options: {}, attach: (restored) => restored };
  const hooked = hookedStream(hostility, hostility.streams.get(job)!.stream.state());
  return { options: { rng: hooked.rng }, attach: (restored) => owns(hostility, hooked, restored) };
}

// Options for replaying the log from the definition: the seed, or a fresh stream from it.
function replayOptions(real: Real): { options: RankingJobOptions; attach: (replayed: RankingJob) => RankingJob } {
  const { hostility } = real;
  if (hostility === null) return { options: { seed: real.seed }, attach: (replayed) => replayed };
  const hooked = hookedStream(hostility);
  return { options: { rng: hooked.rng }, attach: (replayed) => owns(hostility, hooked, replayed) };
}

// In the hostile run, `options` with `key` wrapped: the given value at the first read
// (which also calls back into `job`), one of `later` after; else `options` itself.
function hostileOptions<T extends object>(real: Real, job: RankingJob, options: T, key: keyof T & string, later: readonly unknown[]): T {
  const { hostility } = real;
  if (hostility === null) return options;
  const twist = hostility.twists++;
  hostile.wrapped++;
  const make = twist % 2 === 0 ? objectWithChangingKey : proxyWithChangingKey;
  const { value, reads } = make(options, key, later[twist % later.length], 1, () => callBack(hostility, job, twist));
  hostility.reads.push(reads);
  return value;
}

// In the hostile run, `ids` with one element wrapped likewise; else `ids` itself.
function hostileIds(real: Real, job: RankingJob, list: readonly string[]): string[] {
  const { hostility } = real;
  if (hostility === null) return [...list];
  const twist = hostility.twists++;
  hostile.wrapped++;
  const later = ['d0', 7, '', '__proto__', list[0]!];
  const make = twist % 2 === 0 ? arrayWithChangingElement : proxyWithChangingElement;
  const { value, reads } = make(list, twist % list.length, later[twist % later.length], 1, () => callBack(hostility, job, twist));
  hostility.reads.push(reads);
  return value;
}

const LATER_NOW = [Number.NaN, Number.POSITIVE_INFINITY, 'soon', -1e308, 1e12];
const LATER_RESPONSE_ID = [5, '', null, 'response-0'];
const LATER_EXTRA_BUDGET = [-1, 1.5, 2 ** 60];

// Counters reported by the test (how much CI executes).
const executed = { sequences: 0, steps: 0, restores: 0, replays: 0, badCalls: 0, settledSteps: 0 };

// Which rankings the job says are settled (stopWhen): the one thing the model takes from the job.
function settledRankings(real: Real): boolean[] {
  return real.job.progress().perRanking.map((ranking) => ranking.settled);
}

function persistNewEvents(real: Real): void {
  real.log.push(...real.job.events(real.log.length));
}

// Runs a call on the live job and, when there is one, on its twin: same answer.
function call<T>(real: Real, action: (job: RankingJob) => T): T {
  const result = action(real.job);
  if (real.twin !== null) expect(action(real.twin)).toEqual(result);
  return result;
}

// Runs a call that must be refused on the live job and its twin; the whole state,
// generator and log position included (the snapshot), must be as before.
function refuse(real: Real, action: (job: RankingJob) => unknown, error: RegExp | typeof RankingInputError): void {
  for (const job of real.twin === null ? [real.job] : [real.job, real.twin]) {
    const before = JSON.stringify(job.snapshot());
    expect(() => action(job)).toThrow(error);
    expect(JSON.stringify(job.snapshot())).toBe(before);
  }
}

function checkInvariants(model: Model, real: Real): void {
  executed.steps++;
  if (real.hostility !== null) {
    hostile.steps++;
    // Every call back was refused, and every wrapped argument read at most once.
    expect(real.hostility.violations).toEqual([]);
    expect(real.hostility.reads.filter((reads) => reads.count > 1)).toEqual([]);
    real.hostility.reads.length = 0;
  }
  persistNewEvents(real);
  const { job } = real;
  const progress = job.progress();
  const results = job.results({ scorer: 'elo' });
  let pendingTotal = 0;
  let savedTotal = 0;
  model.budgets.forEach((budget, r) => {
    const ranking = progress.perRanking[r]!;
    const pendingHere = [...model.pending.values()].filter((matchup) => matchup.ranking === r).length;
    pendingTotal += pendingHere;
    expect(ranking.budget).toBe(budget);
    expect(ranking.pending).toBe(pendingHere);
    expect(ranking.completed).toBe(model.completed[r]);
    // Budget never exceeded, and the accounting adds up: a settled ranking saves what it
    // has not issued, an unsettled one saves nothing; only stopWhen settles.
    if (!model.stopWhen) expect(ranking.settled).toBe(false);
    const saved = ranking.settled ? budget - pendingHere - model.completed[r]! : 0;
    if (ranking.settled) executed.settledSteps++;
    savedTotal += saved;
    expect(ranking.saved).toBe(saved);
    expect(ranking.pending + ranking.completed + ranking.available + ranking.saved).toBe(ranking.budget);
    expect(ranking.pending + ranking.completed).toBeLessThanOrEqual(ranking.budget);
    const entries = results[r]!.entries;
    expect(entries).toHaveLength(model.sizes[r]!);
    // Zero-sum, exactly.
    expect(entries.reduce((sum, entry) => sum + entry.score, 0)).toBe(model.ratingSums[r]);
    expect(entries.reduce((sum, entry) => sum + entry.comparisons, 0)).toBe(2 * model.completed[r]!);
  });
  expect(progress.pending).toBe(pendingTotal);
  expect(progress.saved).toBe(savedTotal);
  expect(job.done).toBe(progress.completed + savedTotal === progress.budget);
  expect(job.pendingMatchups().map((matchup) => matchup.id)).toEqual([...model.pending.keys()]);
  // No lost or doubled response: the log holds each recorded response exactly once.
  const logged = real.log.filter((event) => event.type === 'responseRecorded');
  expect(logged).toHaveLength(model.recordedResponses);
  const withIds = logged.filter((event) => event.responseId !== null).map((event) => `${event.matchupId}/${event.responseId}`);
  expect(new Set(withIds).size).toBe(withIds.length);
  expect(real.log.map((event) => event.seq)).toEqual(real.log.map((_, i) => i));
  if (real.twin !== null) expect(fingerprint(real.twin)).toBe(fingerprint(job));
}

class NextMatchups implements fc.Command<Model, Real> {
  constructor(readonly limit: number, readonly advance: number) {}
  check = () => true;
  run(model: Model, real: Real): void {
    model.now += this.advance;
    // Issuing settles nothing: the rankings settled now stay so for the whole call.
    const settled = settledRankings(real);
    const pendingOf = (r: number) => [...model.pending.values()].filter((matchup) => matchup.ranking === r).length;
    const available = model.budgets.reduce((sum, budget, r) => sum + (settled[r] ? 0 : budget - model.completed[r]! - pendingOf(r)), 0);
    const issued = call(real, (job) => job.nextMatchups(this.limit, hostileOptions(real, job, { now: model.now }, 'now', LATER_NOW)));
    expect(issued).toHaveLength(Math.min(this.limit, available));
    for (const matchup of issued) {
      expect(matchup.left).not.toBe(matchup.right);
      expect(settled[matchup.ranking!]).toBe(false);
      expect(KINDS[model.pairing]).toContain(matchup.kind);
      model.pending.set(matchup.id, { ranking: matchup.ranking!, left: matchup.left, right: matchup.right, deadline: model.now + model.ttl, votes: 0, responseIds: [] });
    }
    checkInvariants(model, real);
  }
  toString = () => `nextMatchups(${this.limit}) at +${this.advance}`;
}

class RecordResponse implements fc.Command<Model, Real> {
  constructor(readonly pick: number, readonly answer: Outcome, readonly mode: 'none' | 'fresh' | 'retry') {}
  check = (model: Readonly<Model>) => model.pending.size > 0 || this.mode === 'retry';
  run(model: Model, real: Real): void {
    if (this.mode === 'retry') {
      // A retried delivery of a response already recorded: ignored, changes nothing.
      const answered = [
        ...[...model.pending].map(([id, matchup]) => [id, matchup.responseIds] as const),
        ...[...model.finished].filter(([, entry]) => entry.state === 'completed').map(([id, entry]) => [id, entry.responseIds] as const),
      ].filter(([, responseIds]) => responseIds.length > 0);
      if (answered.length === 0) return;
      const [id, responseIds] = answered[this.pick % answered.length]!;
      const outcome = this.answer;
      const before = fingerprint(real.job);
      const responseId = responseIds[this.pick % responseIds.length]!;
      expect(call(real, (job) => job.recordResponse(id, outcome, hostileOptions(real, job, { responseId, now: model.now }, 'responseId', LATER_RESPONSE_ID)))).toBe(false);
      expect(fingerprint(real.job)).toBe(before);
      checkInvariants(model, real);
      return;
    }
    const [id, matchup] = [...model.pending][this.pick % model.pending.size]!;
    // With consistent answers the datapoint whose id sorts first wins whatever was drawn
    // (draws stay draws), so orders become clear and rankings with stopWhen settle.
    const outcome = !model.consistent || this.answer === 'draw' ? this.answer : matchup.left < matchup.right ? 'left' : 'right';
    const responseId = this.mode === 'fresh' ? `response-${model.nextResponseId++}` : undefined;
    if (matchup.deadline <= model.now) {
      // Past its deadline, not yet expired: refused, nothing changes.
      refuse(real, (job) => job.recordResponse(id, outcome, { responseId, now: model.now }), /expired/);
      checkInvariants(model, real);
      return;
    }
    expect(call(real, (job) => job.recordResponse(id, outcome, hostileOptions(real, job, { responseId, now: model.now }, 'now', LATER_NOW)))).toBe(true);
    model.recordedResponses++;
    matchup.votes++;
    if (responseId !== undefined) matchup.responseIds.push(responseId);
    if (matchup.votes === model.responses) {
      model.pending.delete(id);
      model.finished.set(id, { state: 'completed', responseIds: matchup.responseIds });
      model.completed[matchup.ranking]!++;
    }
    checkInvariants(model, real);
  }
  toString = () => `recordResponse(#${this.pick}, ${this.answer}, ${this.mode})`;
}

class ReleaseMatchup implements fc.Command<Model, Real> {
  constructor(readonly pick: number) {}
  check = (model: Readonly<Model>) => model.pending.size > 0;
  run(model: Model, real: Real): void {
    const [id] = [...model.pending][this.pick % model.pending.size]!;
    call(real, (job) => job.releaseMatchup(id));
    model.pending.delete(id);
    model.finished.set(id, { state: 'released', responseIds: [] });
    checkInvariants(model, real);
  }
  toString = () => `releaseMatchup(#${this.pick})`;
}

class ExpireMatchups implements fc.Command<Model, Real> {
  constructor(readonly advance: number) {}
  check = () => true;
  run(model: Model, real: Real): void {
    model.now += this.advance;
    const due = [...model.pending]
      .filter(([, matchup]) => matchup.deadline <= model.now)
      .sort((a, b) => a[1].deadline - b[1].deadline || Number(a[0].slice(1)) - Number(b[0].slice(1)))
      .map(([id]) => id);
    expect(call(real, (job) => job.expireMatchups(model.now))).toEqual(due);
    for (const id of due) {
      model.pending.delete(id);
      model.finished.set(id, { state: 'expired', responseIds: [] });
    }
    checkInvariants(model, real);
  }
  toString = () => `expireMatchups(+${this.advance})`;
}

class AddDatapoints implements fc.Command<Model, Real> {
  constructor(readonly ranking: number, readonly count: number, readonly extraBudget: number, readonly rating: number) {}
  check = () => true;
  run(model: Model, real: Real): void {
    const ranking = this.ranking % model.sizes.length;
    const added = Array.from({ length: this.count }, () => `added-${model.nextDatapoint++}`);
    call(real, (job) =>
      job.addDatapoints(ranking, hostileIds(real, job, added), hostileOptions(real, job, { extraBudget: this.extraBudget, initialRating: this.rating }, 'extraBudget', LATER_EXTRA_BUDGET)),
    );
    model.sizes[ranking]! += this.count;
    model.budgets[ranking]! += this.extraBudget;
    model.ratingSums[ranking]! += this.count * this.rating;
    checkInvariants(model, real);
  }
  toString = () => `addDatapoints(${this.ranking}, ${this.count}, +${this.extraBudget}, ${this.rating})`;
}

class SnapshotAndRestore implements fc.Command<Model, Real> {
  check = () => true;
  run(model: Model, real: Real): void {
    const { options, attach } = restoreOptions(real, real.job);
    const restored = attach(restoreRankingJob(hostileSnapshot(real, JSON.parse(JSON.stringify(real.job.snapshot()))), options));
    expect(fingerprint(restored)).toBe(fingerprint(real.job));
    persistNewEvents(real);
    // From here on the restored job shadows the live one; it takes over at the next restore.
    if (real.twin !== null) real.job = real.twin;
    real.twin = restored;
    executed.restores++;
    checkInvariants(model, real);
  }
  toString = () => 'snapshot and restore';
}

class Replay implements fc.Command<Model, Real> {
  check = () => true;
  run(model: Model, real: Real): void {
    persistNewEvents(real);
    const { options, attach } = replayOptions(real);
    const replayed = attach(replayRankingJob(real.definition, hostileLog(real, JSON.parse(JSON.stringify(real.log))), options));
    expect(fingerprint(replayed)).toBe(fingerprint(real.job));
    expect(replayed.events()).toEqual(real.log);
    if (real.twin !== null) real.job = real.twin;
    real.twin = replayed;
    executed.replays++;
    checkInvariants(model, real);
  }
  toString = () => 'replay the event log';
}

// In the hostile run, a snapshot with a getter that changes after its first read at one of a few places.
function hostileSnapshot(real: Real, snapshot: RankingJobSnapshot): RankingJobSnapshot {
  const { hostility } = real;
  if (hostility === null) return snapshot;
  const twist = hostility.twists++;
  // The last datapoint of ranking 0: one added while the job ran, if any was.
  const added = snapshot.rankings.added[0]?.ranking === 0 ? snapshot.rankings.added[0] : undefined;
  const last: (string | number)[] =
    added === undefined ? ['definition', 'datapoints', 0, snapshot.definition.datapoints[0]!.length - 1] : ['rankings', 'added', 0, 'datapoints', added.datapoints.length - 1];
  const places: [(string | number)[], unknown][] = [
    [last, '__proto__'],
    [last, 'd0'],
    [['rankings', 'tieKeys', 0], 0.5],
    [['rankings', 'budgets', 0], 10 ** 6],
    [['matchups', 'statuses'], ''],
    [['nextEventSequence'], 10 ** 6],
  ];
  const [path, later] = places[twist % places.length]!;
  hostility.reads.push(changeAt(snapshot, path, later));
  hostile.hostileRestores++;
  return snapshot;
}

// In the hostile run, an event log with a getter that changes after its first read: in an
// added datapoint's id when there is one, else in the last event's seq.
function hostileLog(real: Real, log: RankingJobEvent[]): RankingJobEvent[] {
  const { hostility } = real;
  if (hostility === null || log.length === 0) return log;
  const twist = hostility.twists++;
  let added = log.length - 1;
  while (added >= 0 && log[added]!.type !== 'datapointsAdded') added--;
  const path = added >= 0 ? [added, 'datapoints', 0] : [log.length - 1, 'seq'];
  hostility.reads.push(changeAt(log, path, added >= 0 ? ['d0', '__proto__', 7][twist % 3] : log.length + 5));
  hostile.hostileReplays++;
  return log;
}

class BadCall implements fc.Command<Model, Real> {
  constructor(readonly variant: number) {}
  check = () => true;
  run(model: Model, real: Real): void {
    const pending = [...model.pending.keys()][0] ?? 'm1';
    const finished = [...model.finished.keys()][0] ?? 'm999999';
    const calls: ((job: RankingJob) => unknown)[] = [
      (job) => job.nextMatchups(0, { now: model.now }),
      (job) => job.nextMatchups(2, { now: Number.NaN }),
      (job) => job.nextMatchups(2),
      (job) => job.nextMatchups(2, { now: model.now, later: 1 } as never),
      (job) => job.recordResponse(pending, 'sideways' as never, { now: model.now }),
      (job) => job.recordResponse(pending, 'left', { responseId: 5 as never }),
      (job) => job.recordResponse(pending, 'left', { now: Number.POSITIVE_INFINITY }),
      (job) => job.recordResponse(finished, 'left', { responseId: 'never-seen', now: model.now }),
      (job) => job.releaseMatchup(finished),
      (job) => job.releaseMatchup('__proto__'),
      (job) => job.expireMatchups(Number.NaN),
      (job) => job.expireMatchups('soon' as never),
      (job) => job.addDatapoints(99, ['z']),
      (job) => job.addDatapoints(0, []),
      (job) => job.addDatapoints(0, ['d0']),
      (job) => job.addDatapoints(0, ['new', 'new']),
      (job) => job.addDatapoints(0, ['ok'], { extraBudget: -1 }),
      (job) => job.addDatapoints(0, ['ok'], { initialRating: Number.NaN }),
      (job) => job.addDatapoints(0, ['ok'], { budget: 3 } as never),
      (job) => job.events(-1),
      (job) => job.events(1e12),
    ];
    refuse(real, calls[this.variant % calls.length]!, RankingInputError);
    executed.badCalls++;
    checkInvariants(model, real);
  }
  toString = () => `bad call #${this.variant}`;
}

const commands = fc.commands(
  [
    fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 400 })).map(([limit, advance]) => new NextMatchups(limit, advance)),
    fc
      .tuple(fc.nat(), fc.constantFrom<Outcome>('left', 'right', 'draw'), fc.constantFrom('none' as const, 'fresh' as const, 'retry' as const))
      .map(([pick, outcome, mode]) => new RecordResponse(pick, outcome, mode)),
    fc
      .tuple(fc.nat(), fc.constantFrom<Outcome>('left', 'right'), fc.constantFrom('fresh' as const))
      .map(([pick, outcome, mode]) => new RecordResponse(pick, outcome, mode)),
    fc.nat().map((pick) => new ReleaseMatchup(pick)),
    fc.integer({ min: 0, max: 1500 }).map((advance) => new ExpireMatchups(advance)),
    fc
      .tuple(fc.nat(), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 5 }), fc.constantFrom(1200, 1000, 1350))
      .map(([ranking, count, extra, rating]) => new AddDatapoints(ranking, count, extra, rating)),
    fc.constant(new SnapshotAndRestore()),
    fc.constant(new Replay()),
    fc.nat().map((variant) => new BadCall(variant)),
  ],
  { maxCommands: 80 },
);

const setups = fc.record({
  sizes: fc.array(fc.integer({ min: 2, max: 8 }), { minLength: 1, maxLength: 3 }),
  budget: fc.integer({ min: 1, max: 25 }),
  ratio: fc.constantFrom(0, 0.5, 1),
  pairing: fc.constantFrom<Pairing>('adaptive', 'roundRobin', 'informationGain', 'sort'),
  // Low confidences, so that rankings of a few datapoints settle within these small budgets.
  consistent: fc.boolean(),
  stopWhen: fc.option(fc.record({ confidence: fc.constantFrom(0.51, 0.6, 0.9), top: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }) }), { nil: null, freq: 2 }),
  responses: fc.integer({ min: 1, max: 3 }),
  aggregation: fc.constantFrom('majority' as const, 'allVotes' as const),
  ttl: fc.constantFrom(100, 1000, 5000),
  seed: fc.string({ maxLength: 8 }),
});

type Setup = typeof setups extends fc.Arbitrary<infer T> ? T : never;

// The definition, the reference model and the live job of one run. A hostile run's first
// ranking starts with "__proto__", and its job runs on an injected stream that calls back
// into it on every `every`-th draw.
function startRun(setup: Setup, every: number | null): { model: Model; real: Real } {
  const definition = createRankingJobDefinition({
    name: 'model',
    instruction: 'pick one',
    datapoints: setup.sizes.map((size, r) => (every !== null && r === 0 ? ['__proto__', ...ids(size - 1)] : ids(size))),
    comparisonBudgetPerRanking: setup.budget,
    randomComparisonsRatio: setup.ratio,
    pairing: setup.pairing,
    stopWhen: setup.stopWhen,
    responsesPerComparison: setup.responses,
    voteAggregation: setup.aggregation,
    matchupTtlMs: setup.ttl,
  });
  const model: Model = {
    responses: setup.responses,
    pairing: setup.pairing,
    stopWhen: setup.stopWhen !== null,
    consistent: setup.consistent,
    ttl: setup.ttl,
    now: 0,
    budgets: setup.sizes.map(() => setup.budget),
    sizes: [...setup.sizes],
    ratingSums: setup.sizes.map((size) => size * 1200),
    completed: setup.sizes.map(() => 0),
    pending: new Map(),
    finished: new Map(),
    recordedResponses: 0,
    nextResponseId: 0,
    nextDatapoint: 0,
  };
  if (every === null) {
    return { model, real: { job: createRankingJob(definition, { seed: setup.seed }), twin: null, definition, seed: setup.seed, log: [], hostility: null } };
  }
  const hostility: Hostility = { seed: setup.seed, streams: new Map(), every, twists: 0, reads: [], violations: [] };
  const hooked = hookedStream(hostility);
  const job = owns(hostility, hooked, createRankingJob(definition, { rng: hooked.rng }));
  return { model, real: { job, twin: null, definition, seed: setup.seed, log: [], hostility } };
}

// At the end of a run: a fresh replay of the whole log equals the live job too.
function finishRun(real: Real): void {
  persistNewEvents(real);
  const { options } = replayOptions(real);
  expect(fingerprint(replayRankingJob(real.definition, real.log, options))).toBe(fingerprint(real.job));
}

describe('a live job against a reference model', () => {
  it('keeps its invariants, and restored and replayed jobs equal the live one, under any sequence of calls', () => {
    fc.assert(
      fc.property(setups, commands, (setup, sequence) => {
        executed.sequences++;
        const { model, real } = startRun(setup, null);
        fc.modelRun(() => ({ model, real }), sequence);
        finishRun(real);
      }),
      { numRuns: 250 },
    );
    // How much this test executes (reported in the closing note): printed, and checked to be substantial.
    console.log(
      `model-based test: ${executed.sequences} sequences, ${executed.steps} checked steps (${executed.settledSteps} ranking-steps settled), ${executed.restores} restores, ${executed.replays} replays, ${executed.badCalls} bad calls`,
    );
    expect(executed.steps).toBeGreaterThan(5000);
    // stopWhen was exercised: rankings were seen settled.
    expect(executed.settledSteps).toBeGreaterThan(50);
  });

  // 40 runs keep this test to a few seconds; FC_RUNS (test/setup.ts) asks for more.
  it('keeps them with arguments that change after their first read and an rng that calls back into the job', () => {
    fc.assert(
      fc.property(setups, fc.integer({ min: 2, max: 9 }), commands, (setup, every, sequence) => {
        hostile.sequences++;
        const { model, real } = startRun(setup, every);
        fc.modelRun(() => ({ model, real }), sequence);
        finishRun(real);
      }),
      { numRuns: Number(process.env['FC_RUNS'] ?? 40) },
    );
    console.log(
      `model-based test, hostile callers: ${hostile.sequences} sequences, ${hostile.steps} checked steps, ${hostile.wrapped} changing arguments, ${hostile.rngCallbacks} rng call-backs, ${hostile.refusedCallbacks} call-backs refused, ${hostile.hostileRestores} restores and ${hostile.hostileReplays} replays through changing getters`,
    );
    expect(hostile.steps).toBeGreaterThan(800);
    expect(hostile.rngCallbacks).toBeGreaterThan(500);
    expect(hostile.refusedCallbacks).toBeGreaterThan(hostile.wrapped);
  });
});
