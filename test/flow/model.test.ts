// Model-based test of a live ranking flow (fast-check commands, like
// test/persistence/model.test.ts for jobs): random sequences of addBatch, nextMatchups,
// recordResponse (with retried response ids and answers past a deadline), releaseMatchup,
// expire, forgetBatch, snapshot-and-restore, replay from the event log and bad calls,
// checked after every step against a small reference model: batch statuses by the rule
// (completed at the target, incomplete at or above the minimum when time runs out,
// expired below), fairness (each matchup goes to the batch with the smallest share of its
// target taken, ties to the older batch), budgets, zero-sum ratings, the pending matchups,
// and that restored and replayed flows stay identical to the live one: their snapshots,
// and every batch's result, Bradley–Terry ones (`scorer: 'bradleyTerry'`) included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  RankingInputError,
  createRankingFlow,
  replayRankingFlow,
  restoreRankingFlow,
  type RankingFlow,
  type RankingFlowEvent,
  type RankingFlowInput,
} from '../../src/index.js';

type Outcome = 'left' | 'right' | 'draw';
type Status = 'pending' | 'completed' | 'incomplete' | 'expired';

interface BatchModel {
  readonly id: string;
  readonly ids: readonly string[];
  readonly budget: number;
  readonly minimum: number;
  readonly deadline: number;
  status: Status;
  responses: number;
  pending: number;
  forgotten: boolean;
}

interface MatchupModel {
  readonly batch: number;
  readonly sequence: number;
  readonly deadline: number;
}

interface Model {
  readonly config: RankingFlowInput;
  now: number;
  readonly batches: BatchModel[];
  readonly pending: Map<string, MatchupModel>;
  // Answered matchups with their response id and batch, for retries.
  readonly answered: Map<string, { readonly batch: number; readonly responseId: string | undefined }>;
  issued: number;
  nextResponseId: number;
}

interface Real {
  flow: RankingFlow;
  // The latest restored or replayed copy, given every later call too.
  twin: RankingFlow | null;
  readonly seed: string;
  readonly log: RankingFlowEvent[];
}

const executed = { sequences: 0, steps: 0, restores: 0, replays: 0, badCalls: 0, closed: { completed: 0, incomplete: 0, expired: 0 }, retries: 0, late: 0, bradleyTerryResults: 0 };

const snapshotText = (flow: RankingFlow) => JSON.stringify(flow.snapshot());

function call<T>(real: Real, action: (flow: RankingFlow) => T): T {
  const result = action(real.flow);
  if (real.twin !== null) expect(action(real.twin)).toEqual(result);
  return result;
}

// A refused call changes nothing: the snapshot (generator and log position included) is as before.
function refuse(real: Real, action: (flow: RankingFlow) => unknown): void {
  for (const flow of real.twin === null ? [real.flow] : [real.flow, real.twin]) {
    const before = snapshotText(flow);
    expect(() => action(flow)).toThrow(RankingInputError);
    expect(snapshotText(flow)).toBe(before);
  }
}

const available = (batch: BatchModel) => (batch.status === 'pending' ? batch.budget - batch.responses - batch.pending : 0);

// What expire(now) must do: matchups past their own deadline (by deadline, then issue
// order), then batches past theirs (by deadline, then age) with their pending matchups.
function expectedExpiry(model: Model): { matchupIds: string[]; batchIds: string[] } {
  const due = [...model.pending]
    .filter(([, matchup]) => matchup.deadline <= model.now)
    .sort((a, b) => a[1].deadline - b[1].deadline || a[1].sequence - b[1].sequence)
    .map(([id]) => id);
  const closing = model.batches
    .map((batch, b) => ({ batch, b }))
    .filter(({ batch }) => batch.status === 'pending' && batch.deadline <= model.now)
    .sort((x, y) => x.batch.deadline - y.batch.deadline || x.b - y.b);
  const matchupIds = [...due];
  for (const { b } of closing) {
    const own = [...model.pending].filter(([id, matchup]) => matchup.batch === b && !due.includes(id)).sort((x, y) => x[1].sequence - y[1].sequence);
    matchupIds.push(...own.map(([id]) => id));
  }
  return { matchupIds, batchIds: closing.map(({ batch }) => batch.id) };
}

function applyExpiry(model: Model, expiry: { matchupIds: string[]; batchIds: string[] }): void {
  for (const id of expiry.matchupIds) {
    const matchup = model.pending.get(id)!;
    model.batches[matchup.batch]!.pending--;
    model.pending.delete(id);
  }
  for (const id of expiry.batchIds) {
    const batch = model.batches[Number(id.slice(1)) - 1]!;
    batch.status = batch.responses >= batch.minimum ? 'incomplete' : 'expired';
    executed.closed[batch.status]++;
  }
}

function checkInvariants(model: Model, real: Real): void {
  executed.steps++;
  real.log.push(...real.flow.events(real.log.length));
  const { flow } = real;
  const progress = flow.progress();
  const count = (status: Status) => model.batches.filter((batch) => batch.status === status).length;
  expect(progress).toEqual({
    added: model.batches.length,
    pending: count('pending'),
    completed: count('completed'),
    incomplete: count('incomplete'),
    expired: count('expired'),
    forgotten: model.batches.filter((batch) => batch.forgotten).length,
    pendingMatchups: model.pending.size,
    available: model.batches.reduce((sum, batch) => sum + available(batch), 0),
    issued: model.issued,
  });
  model.batches.forEach((batch) => {
    if (batch.forgotten) {
      expect(() => flow.batchStatus(batch.id)).toThrow(/forgotten/);
      return;
    }
    const status = flow.batchStatus(batch.id);
    expect(status).toMatchObject({ batch: batch.id, status: batch.status, datapoints: batch.ids.length, responses: batch.responses, pending: batch.pending, maxResponses: batch.budget, minResponses: batch.minimum });
    // Budget never exceeded; a completed batch has exactly its target.
    expect(batch.pending + batch.responses).toBeLessThanOrEqual(batch.budget);
    const result = flow.batchResults(batch.id);
    expect(result.entries.map((entry) => entry.datapoint).sort()).toEqual([...batch.ids].sort());
    // Zero-sum, exactly (Elo), or centred on the initial rating (Bradley–Terry), and two comparisons per response.
    const total = result.entries.reduce((sum, entry) => sum + entry.score, 0);
    if (model.config.scorer === 'bradleyTerry') {
      expect(total / batch.ids.length).toBeCloseTo(1200, 9);
      expect(result.entries.every((entry) => entry.standardError! > 0 && entry.lower! < entry.score && entry.bestRank! <= entry.worstRank!)).toBe(true);
      executed.bradleyTerryResults++;
    } else expect(total).toBe(1200 * batch.ids.length);
    expect(result.entries.reduce((sum, entry) => sum + entry.comparisons, 0)).toBe(2 * batch.responses);
    // The restored or replayed twin gives the same result, bit for bit.
    if (real.twin !== null) expect(real.twin.batchResults(batch.id)).toEqual(result);
  });
  expect(flow.pendingMatchups().map((matchup) => matchup.id)).toEqual([...model.pending.keys()].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))));
  expect(real.log.map((event) => event.seq)).toEqual(real.log.map((_, i) => i));
  if (real.twin !== null) expect(snapshotText(real.twin)).toBe(snapshotText(flow));
}

class AddBatch implements fc.Command<Model, Real> {
  constructor(readonly size: number, readonly ttl: number | null | undefined, readonly context: boolean, readonly advance: number) {}
  check = () => true;
  run(model: Model, real: Real): void {
    model.now += this.advance;
    const b = model.batches.length;
    const ids = Array.from({ length: this.size }, (_, i) => (i === 0 && b % 3 === 0 ? '__proto__' : `b${b}-d${i}`));
    const options = { now: model.now, ...(this.ttl === undefined ? {} : { ttlMs: this.ttl }), ...(this.context ? { context: { text: `prompt ${b}`, assets: [`asset-${b}`] } } : {}) };
    expect(call(real, (flow) => flow.addBatch(ids, options))).toBe(`b${b + 1}`);
    const per = model.config.responsesPer === 'datapoint' ? this.size : 1;
    const ttl = this.ttl === undefined ? (model.config.ttlMs ?? null) : this.ttl;
    model.batches.push({
      id: `b${b + 1}`,
      ids,
      budget: model.config.maxResponses * per,
      minimum: (model.config.minResponses ?? 1) * per,
      deadline: ttl === null ? Number.POSITIVE_INFINITY : model.now + ttl,
      status: 'pending',
      responses: 0,
      pending: 0,
      forgotten: false,
    });
    checkInvariants(model, real);
  }
  toString = () => `addBatch(${this.size}, ttl ${this.ttl}, context ${this.context}) at +${this.advance}`;
}

class NextMatchups implements fc.Command<Model, Real> {
  constructor(readonly limit: number, readonly advance: number) {}
  check = () => true;
  run(model: Model, real: Real): void {
    model.now += this.advance;
    applyExpiry(model, expectedExpiry(model));
    const issued = call(real, (flow) => flow.nextMatchups(this.limit, { now: model.now }));
    const total = model.batches.reduce((sum, batch) => sum + available(batch), 0);
    expect(issued).toHaveLength(Math.min(this.limit, total));
    const ratio = model.config.randomComparisonsRatio ?? 0.5;
    for (const matchup of issued) {
      // Fairness: the batch with the smallest share of its target taken, ties to the older one.
      let best = -1;
      model.batches.forEach((batch, b) => {
        if (available(batch) === 0) return;
        const share = (batch.responses + batch.pending) / batch.budget;
        const bestBatch = model.batches[best];
        if (bestBatch === undefined || share < (bestBatch.responses + bestBatch.pending) / bestBatch.budget) best = b;
      });
      const batch = model.batches[best]!;
      expect(matchup.batch).toBe(batch.id);
      expect(matchup.id).toBe(`m${++model.issued}`);
      expect(batch.ids).toContain(matchup.left);
      expect(batch.ids).toContain(matchup.right);
      expect(matchup.left).not.toBe(matchup.right);
      expect(matchup.kind === 'random' ? ratio > 0 : ratio < 1).toBe(true);
      const ttl = model.config.matchupTtlMs ?? null;
      model.pending.set(matchup.id, { batch: best, sequence: model.issued, deadline: ttl === null ? Number.POSITIVE_INFINITY : model.now + ttl });
      batch.pending++;
    }
    checkInvariants(model, real);
  }
  toString = () => `nextMatchups(${this.limit}) at +${this.advance}`;
}

class RecordResponse implements fc.Command<Model, Real> {
  constructor(readonly pick: number, readonly answer: Outcome, readonly mode: 'none' | 'fresh' | 'retry', readonly advance: number) {}
  check = () => true;
  run(model: Model, real: Real): void {
    // Answers arrive a while after the matchups went out, sometimes past a deadline.
    model.now += this.advance;
    if (this.mode === 'retry') {
      const withIds = [...model.answered].filter(([, entry]) => entry.responseId !== undefined);
      if (withIds.length === 0) return;
      const [id, entry] = withIds[this.pick % withIds.length]!;
      const open = model.batches[entry.batch]!.status === 'pending';
      const retry = (flow: RankingFlow) => flow.recordResponse(id, this.answer, { responseId: entry.responseId!, now: model.now });
      // A retried delivery: ignored while the batch is open, refused once it closed (its ids are gone).
      if (open) expect(call(real, retry)).toBe(false);
      else refuse(real, retry);
      executed.retries++;
      checkInvariants(model, real);
      return;
    }
    if (model.pending.size === 0) return;
    const [id, matchup] = [...model.pending][this.pick % model.pending.size]!;
    const batch = model.batches[matchup.batch]!;
    const responseId = this.mode === 'fresh' ? `response-${model.nextResponseId++}` : undefined;
    const options = { now: model.now, labelerId: 'labeler-1', ...(responseId === undefined ? {} : { responseId }) };
    if (matchup.deadline <= model.now || batch.deadline <= model.now) {
      refuse(real, (flow) => flow.recordResponse(id, this.answer, options));
      executed.late++;
      checkInvariants(model, real);
      return;
    }
    expect(call(real, (flow) => flow.recordResponse(id, this.answer, options))).toBe(true);
    model.pending.delete(id);
    model.answered.set(id, { batch: matchup.batch, responseId });
    batch.pending--;
    batch.responses++;
    if (batch.responses === batch.budget) {
      batch.status = 'completed';
      executed.closed.completed++;
    }
    checkInvariants(model, real);
  }
  toString = () => `recordResponse(#${this.pick}, ${this.answer}, ${this.mode}) at +${this.advance}`;
}

class ReleaseMatchup implements fc.Command<Model, Real> {
  constructor(readonly pick: number) {}
  check = (model: Readonly<Model>) => model.pending.size > 0;
  run(model: Model, real: Real): void {
    const [id, matchup] = [...model.pending][this.pick % model.pending.size]!;
    call(real, (flow) => flow.releaseMatchup(id));
    model.pending.delete(id);
    model.batches[matchup.batch]!.pending--;
    checkInvariants(model, real);
  }
  toString = () => `releaseMatchup(#${this.pick})`;
}

class Expire implements fc.Command<Model, Real> {
  constructor(readonly advance: number) {}
  check = () => true;
  run(model: Model, real: Real): void {
    model.now += this.advance;
    const expected = expectedExpiry(model);
    expect(call(real, (flow) => flow.expire(model.now))).toEqual(expected);
    applyExpiry(model, expected);
    checkInvariants(model, real);
  }
  toString = () => `expire(+${this.advance})`;
}

class ForgetBatch implements fc.Command<Model, Real> {
  constructor(readonly pick: number) {}
  check = (model: Readonly<Model>) => model.batches.length > 0;
  run(model: Model, real: Real): void {
    const batch = model.batches[this.pick % model.batches.length]!;
    if (batch.status === 'pending' || batch.forgotten) refuse(real, (flow) => flow.forgetBatch(batch.id));
    else {
      call(real, (flow) => flow.forgetBatch(batch.id));
      batch.forgotten = true;
    }
    checkInvariants(model, real);
  }
  toString = () => `forgetBatch(#${this.pick})`;
}

class SnapshotAndRestore implements fc.Command<Model, Real> {
  check = () => true;
  run(model: Model, real: Real): void {
    const text = snapshotText(real.flow);
    const restored = restoreRankingFlow(JSON.parse(text));
    expect(snapshotText(restored)).toBe(text);
    real.log.push(...real.flow.events(real.log.length));
    if (real.twin !== null) real.flow = real.twin;
    real.twin = restored;
    executed.restores++;
    checkInvariants(model, real);
  }
  toString = () => 'snapshot and restore';
}

class Replay implements fc.Command<Model, Real> {
  check = () => true;
  run(model: Model, real: Real): void {
    real.log.push(...real.flow.events(real.log.length));
    const replayed = replayRankingFlow(model.config, JSON.parse(JSON.stringify(real.log)), { seed: real.seed });
    expect(snapshotText(replayed)).toBe(snapshotText(real.flow));
    expect(replayed.events()).toEqual(real.log);
    if (real.twin !== null) real.flow = real.twin;
    real.twin = replayed;
    executed.replays++;
    checkInvariants(model, real);
  }
  toString = () => 'replay the event log';
}

class BadCall implements fc.Command<Model, Real> {
  constructor(readonly variant: number) {}
  check = () => true;
  run(model: Model, real: Real): void {
    const pending = [...model.pending.keys()][0] ?? 'm1';
    const answered = [...model.answered.keys()][0] ?? 'm999999';
    const calls: ((flow: RankingFlow) => unknown)[] = [
      (flow) => flow.nextMatchups(0, { now: model.now }),
      (flow) => flow.nextMatchups(2, { now: Number.NaN }),
      (flow) => flow.nextMatchups(2, undefined as never),
      (flow) => flow.nextMatchups(2, { now: model.now, later: 1 } as never),
      (flow) => flow.recordResponse(pending, 'sideways' as never, { now: model.now }),
      (flow) => flow.recordResponse(pending, 'left', { responseId: 5 as never }),
      (flow) => flow.recordResponse(pending, 'left', { now: Number.POSITIVE_INFINITY }),
      (flow) => flow.recordResponse(answered, 'left', { responseId: 'never-seen', now: model.now }),
      (flow) => flow.recordResponse('__proto__', 'left'),
      (flow) => flow.releaseMatchup(answered),
      (flow) => flow.releaseMatchup('m0'),
      (flow) => flow.expire(Number.NaN),
      (flow) => flow.expire('soon' as never),
      (flow) => flow.addBatch(['only'], { now: model.now }),
      (flow) => flow.addBatch(['a', 'a'], { now: model.now }),
      (flow) => flow.addBatch(['a', ''], { now: model.now }),
      (flow) => flow.addBatch(['a', 'b'], { now: Number.NaN }),
      (flow) => flow.addBatch(['a', 'b'], { now: model.now, ttlMs: 0 }),
      (flow) => flow.addBatch(['a', 'b'], { now: model.now, context: { text: '' } }),
      (flow) => flow.addBatch(['a', 'b'], { now: model.now, budget: 3 } as never),
      (flow) => flow.forgetBatch('b0'),
      (flow) => flow.batchStatus('b999999'),
      (flow) => flow.events(-1),
      (flow) => flow.events(1e12),
    ];
    refuse(real, calls[this.variant % calls.length]!);
    executed.badCalls++;
    checkInvariants(model, real);
  }
  toString = () => `bad call #${this.variant}`;
}

const commands = fc.commands(
  [
    fc
      .tuple(fc.integer({ min: 2, max: 6 }), fc.constantFrom<number | null | undefined>(undefined, null, 50, 300, 2000), fc.boolean(), fc.integer({ min: 0, max: 100 }))
      .map(([size, ttl, context, advance]) => new AddBatch(size, ttl, context, advance)),
    fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 150 })).map(([limit, advance]) => new NextMatchups(limit, advance)),
    fc.integer({ min: 1, max: 8 }).map((limit) => new NextMatchups(limit, 0)),
    fc
      .tuple(fc.nat(), fc.constantFrom<Outcome>('left', 'right', 'draw'), fc.constantFrom('none' as const, 'fresh' as const, 'retry' as const), fc.integer({ min: 0, max: 60 }))
      .map(([pick, outcome, mode, advance]) => new RecordResponse(pick, outcome, mode, advance)),
    // Answers are the commonest call, so batches reach their targets.
    fc.tuple(fc.nat(), fc.constantFrom<Outcome>('left', 'right'), fc.integer({ min: 0, max: 20 })).map(([pick, outcome, advance]) => new RecordResponse(pick, outcome, 'fresh', advance)),
    fc.tuple(fc.nat(), fc.constantFrom<Outcome>('left', 'right'), fc.integer({ min: 0, max: 5 })).map(([pick, outcome, advance]) => new RecordResponse(pick, outcome, 'fresh', advance)),
    fc.tuple(fc.nat(), fc.constantFrom<Outcome>('left', 'draw')).map(([pick, outcome]) => new RecordResponse(pick, outcome, 'none', 0)),
    fc.nat().map((pick) => new ReleaseMatchup(pick)),
    fc.integer({ min: 0, max: 600 }).map((advance) => new Expire(advance)),
    fc.nat().map((pick) => new ForgetBatch(pick)),
    fc.constant(new SnapshotAndRestore()),
    fc.constant(new Replay()),
    fc.nat().map((variant) => new BadCall(variant)),
  ],
  { maxCommands: 80 },
);

const setups = fc.record({
  maxResponses: fc.integer({ min: 1, max: 4 }),
  minShare: fc.constantFrom(0, 0.5, 1),
  responsesPer: fc.constantFrom<'batch' | 'datapoint'>('batch', 'datapoint'),
  ratio: fc.constantFrom(0, 0.5, 1),
  matchupTtlMs: fc.constantFrom<number | null>(null, 80, 400),
  ttlMs: fc.constantFrom<number | null>(null, 200, 1000),
  candidates: fc.integer({ min: 1, max: 4 }),
  seed: fc.string({ maxLength: 8 }),
});

describe('a live ranking flow against a reference model', () => {
  it('keeps its invariants, and restored and replayed flows equal the live one, under any sequence of calls', () => {
    fc.assert(
      fc.property(setups, commands, (setup, sequence) => {
        executed.sequences++;
        const config: RankingFlowInput = {
          name: 'model',
          instruction: 'pick one',
          // Per datapoint, small targets: batches of up to 6 then need at most 12 answers.
          maxResponses: setup.responsesPer === 'datapoint' ? Math.min(setup.maxResponses, 2) : setup.maxResponses,
          minResponses: Math.round(setup.minShare * (setup.responsesPer === 'datapoint' ? Math.min(setup.maxResponses, 2) : setup.maxResponses)),
          responsesPer: setup.responsesPer,
          randomComparisonsRatio: setup.ratio,
          closeMatchCandidates: setup.candidates,
          matchupTtlMs: setup.matchupTtlMs,
          ttlMs: setup.ttlMs,
          // Bradley–Terry for odd-length seeds: a field of its own would change every run generated.
          ...(setup.seed.length % 2 === 1 ? { scorer: 'bradleyTerry' as const } : {}),
        };
        const model: Model = { config, now: 0, batches: [], pending: new Map(), answered: new Map(), issued: 0, nextResponseId: 0 };
        const real: Real = { flow: createRankingFlow(config, { seed: setup.seed }), twin: null, seed: setup.seed, log: [] };
        fc.modelRun(() => ({ model, real }), sequence);
        // A fresh replay of the whole log equals the live flow too.
        real.log.push(...real.flow.events(real.log.length));
        expect(snapshotText(replayRankingFlow(config, real.log, { seed: setup.seed }))).toBe(snapshotText(real.flow));
      }),
      { numRuns: Number(process.env['FC_RUNS'] ?? 80) },
    );
    console.log(
      `flow model-based test: ${executed.sequences} sequences, ${executed.steps} checked steps, ${executed.restores} restores, ${executed.replays} replays, ${executed.badCalls} bad calls, ${executed.retries} retries, ${executed.late} late answers, batches closed ${JSON.stringify(executed.closed)}, ${executed.bradleyTerryResults} Bradley–Terry results checked`,
    );
    expect(executed.steps).toBeGreaterThan(2000);
    expect(executed.closed.completed).toBeGreaterThan(30);
    expect(executed.closed.incomplete).toBeGreaterThan(20);
    expect(executed.closed.expired).toBeGreaterThan(20);
    expect(executed.bradleyTerryResults).toBeGreaterThan(500);
  });
});
