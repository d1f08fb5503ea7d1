// Inputs that change between reads (issue 11, item 2): a getter or a Proxy hands the
// first read a valid value and later reads another (a duplicate id, a number, an empty
// string, a duplicate "__proto__", or a different valid value), or an array's length
// changes while it is read. Every public entry point must read the caller's data once,
// check that copy and use only it: so each hostile input is either refused with a
// RankingInputError, changing nothing, or stored exactly as first read (as if the
// caller had passed those values plainly), and the job's snapshot and events then
// restore and replay to the same job. Each hostile value must be read exactly once.
import { afterAll, describe, expect, it } from 'vitest';
import {
  RankingInputError,
  createRankingJob,
  createRankingJobDefinition,
  replayRankingJob,
  restoreRankingJob,
  simulateRankingJob,
  type RankingJob,
  type RankingJobDefinitionInput,
  type RankingJobEvent,
  type RankingJobSnapshot,
} from '../../src/index.js';
import { reseal, stateFingerprint } from '../helpers.js';
import {
  HostileTally,
  arrayWithChangingElement,
  changeAt,
  getAt,
  objectWithChangingKey,
  proxyWithChangingElement,
  proxyWithChangingKey,
  proxyWithChangingLength,
  proxyWithLyingKeys,
  setAt,
  type Reads,
} from './changingValues.js';

const tally = new HostileTally();
afterAll(() => {
  const { byClass, total } = tally.counts();
  console.log(`mutating inputs: ${total} distinct hostile inputs tried: ${JSON.stringify(byClass)}`);
});

const SEED = 'hostile';
const DEFINITION_INPUT: RankingJobDefinitionInput = {
  name: 'hostile inputs',
  instruction: 'Which is better?',
  datapoints: [['__proto__', 'a', 'b', 'c', 'd'], ['p', 'q', 'r']],
  comparisonBudgetPerRanking: 30,
  responsesPerComparison: 2,
  matchupTtlMs: 1000,
};
const definition = createRankingJobDefinition(DEFINITION_INPUT);

// A job that has done a bit of everything: every event type is in its log.
function busyJob(): RankingJob {
  const job = createRankingJob(definition, { seed: SEED });
  job.nextMatchups(6, { now: 0 });
  job.addDatapoints(0, ['added-1', 'added-2'], { extraBudget: 2, initialRating: 1300 });
  const [m1, m2, m3] = job.pendingMatchups();
  job.recordResponse(m1!.id, 'left', { responseId: 'r1', labelerId: 'alice', now: 1 });
  job.recordResponse(m1!.id, 'right', { responseId: 'r2', now: 2 });
  job.recordResponse(m2!.id, 'draw', { now: 3 });
  job.releaseMatchup(m3!.id);
  job.nextMatchups(3, { now: 500 });
  job.expireMatchups(1001);
  const [m4] = job.pendingMatchups();
  job.recordResponse(m4!.id, 'left', { responseId: 'r3', labelerId: 'bob', now: 1200 });
  return job;
}

// The job's snapshot and log rebuild it exactly.
function expectPersistable(job: RankingJob, events: readonly RankingJobEvent[] = job.events()): void {
  const restored = restoreRankingJob(JSON.parse(JSON.stringify(job.snapshot())));
  expect(stateFingerprint(restored)).toBe(stateFingerprint(job));
  const replayed = replayRankingJob(definition, JSON.parse(JSON.stringify(events)), { seed: SEED });
  expect(stateFingerprint(replayed)).toBe(stateFingerprint(job));
}

// Runs a hostile call: true when it went through, false when refused (then only with a RankingInputError).
function attempt(call: () => unknown): boolean {
  try {
    call();
    return true;
  } catch (error) {
    expect(error).toBeInstanceOf(RankingInputError);
    return false;
  }
}

// The classes of later value an id can turn into, given a ranking holding "__proto__"
// and "a" and a call adding the ids `x` and `y`.
const LATER_IDS: readonly [string, unknown][] = [
  ['duplicate of a ranking id', 'a'],
  ['duplicate within the call', 'x'],
  ['number', 7],
  ['empty string', ''],
  ['"__proto__" duplicate', '__proto__'],
  ['another valid id', 'zz'],
];

interface HostileArray {
  readonly construction: string;
  readonly make: (values: readonly string[], index: number, later: unknown) => { value: string[]; reads: Reads };
}
const CHANGING_ARRAYS: readonly HostileArray[] = [
  { construction: 'getter element', make: (values, index, later) => arrayWithChangingElement(values, index, later) },
  { construction: 'Proxy get trap', make: (values, index, later) => proxyWithChangingElement(values, index, later) },
];

describe('addDatapoints reads its ids once', () => {
  it('stores exactly the ids it checked, whatever a getter or Proxy hands later reads', () => {
    for (const { construction, make } of CHANGING_ARRAYS) {
      for (const [laterKind, later] of LATER_IDS) {
        tally.note(`${construction} / ${laterKind}`, `addDatapoints ids[1] → ${String(later)}`);
        const job = busyJob();
        const twin = busyJob();
        const { value, reads } = make(['x', 'y'], 1, later);
        const before = stateFingerprint(job);
        if (attempt(() => job.addDatapoints(0, value, { extraBudget: 1 }))) {
          twin.addDatapoints(0, ['x', 'y'], { extraBudget: 1 });
          expect(stateFingerprint(job)).toBe(stateFingerprint(twin));
        } else {
          expect(stateFingerprint(job)).toBe(before);
        }
        expect(reads.count).toBe(1);
        expectPersistable(job);
      }
    }
  });

  it('reads the length of the ids once', () => {
    for (const laterLength of [0, 1, 3, 2 ** 32 - 1]) {
      tally.note('Proxy length', `addDatapoints ids.length 2 → ${laterLength}`);
      const job = busyJob();
      const twin = busyJob();
      const { value, reads } = proxyWithChangingLength(['x', 'y'], laterLength);
      if (attempt(() => job.addDatapoints(1, value))) {
        twin.addDatapoints(1, ['x', 'y']);
        expect(stateFingerprint(job)).toBe(stateFingerprint(twin));
      }
      expect(reads.count).toBe(1);
      expectPersistable(job);
    }
  });
});

// Options of the job's calls: each option read once, so the value checked is the value used.
describe('options are read once', () => {
  interface OptionCase {
    readonly name: string;
    readonly options: Record<string, unknown>;
    readonly key: string;
    readonly later: unknown;
    readonly call: (job: RankingJob, options: never) => unknown;
  }
  const cases: readonly OptionCase[] = [
    { name: 'nextMatchups now → NaN', options: { now: 1300 }, key: 'now', later: Number.NaN, call: (job, options) => job.nextMatchups(2, options) },
    { name: 'nextMatchups now → Infinity', options: { now: 1300 }, key: 'now', later: Number.POSITIVE_INFINITY, call: (job, options) => job.nextMatchups(2, options) },
    { name: 'nextMatchups now → another time', options: { now: 1300 }, key: 'now', later: 5000, call: (job, options) => job.nextMatchups(2, options) },
    {
      name: 'recordResponse responseId → number',
      options: { responseId: 'fresh', now: 1300 },
      key: 'responseId',
      later: 5,
      call: (job, options) => job.recordResponse(job.pendingMatchups()[0]!.id, 'left', options),
    },
    {
      name: 'recordResponse responseId → a recorded one',
      options: { responseId: 'fresh', now: 1300 },
      key: 'responseId',
      later: 'r3',
      call: (job, options) => job.recordResponse(job.pendingMatchups()[0]!.id, 'left', options),
    },
    {
      name: 'recordResponse labelerId → empty string',
      options: { labelerId: 'carol', now: 1300 },
      key: 'labelerId',
      later: '',
      call: (job, options) => job.recordResponse(job.pendingMatchups()[0]!.id, 'left', options),
    },
    {
      name: 'recordResponse labelerId → "__proto__"',
      options: { labelerId: 'carol', now: 1300 },
      key: 'labelerId',
      later: '__proto__',
      call: (job, options) => job.recordResponse(job.pendingMatchups()[0]!.id, 'left', options),
    },
    {
      name: 'recordResponse now → past the deadline',
      options: { now: 1300 },
      key: 'now',
      later: 1e9,
      call: (job, options) => job.recordResponse(job.pendingMatchups()[0]!.id, 'left', options),
    },
    { name: 'addDatapoints extraBudget → -1', options: { extraBudget: 2 }, key: 'extraBudget', later: -1, call: (job, options) => job.addDatapoints(1, ['s'], options) },
    { name: 'addDatapoints extraBudget → 2^60', options: { extraBudget: 2 }, key: 'extraBudget', later: 2 ** 60, call: (job, options) => job.addDatapoints(1, ['s'], options) },
    { name: 'addDatapoints initialRating → NaN', options: { initialRating: 1250 }, key: 'initialRating', later: Number.NaN, call: (job, options) => job.addDatapoints(1, ['s'], options) },
    { name: 'addDatapoints initialRating → 1e12', options: { initialRating: 1250 }, key: 'initialRating', later: 1e12, call: (job, options) => job.addDatapoints(1, ['s'], options) },
  ];
  const constructions = [
    { construction: 'getter key', make: objectWithChangingKey },
    { construction: 'Proxy get trap', make: proxyWithChangingKey },
  ];

  it('changes the job only as the options first read say', () => {
    for (const { construction, make } of constructions) {
      for (const { name, options, key, later, call } of cases) {
        tally.note(construction, name);
        const job = busyJob();
        const twin = busyJob();
        const { value, reads } = make(options, key, later);
        const before = stateFingerprint(job);
        if (attempt(() => call(job, value as never))) {
          call(twin, options as never);
          expect(stateFingerprint(job)).toBe(stateFingerprint(twin));
        } else {
          expect(stateFingerprint(job)).toBe(before);
        }
        expect(reads.count).toBe(1);
        expectPersistable(job);
      }
    }
  });

  it('answers read-only calls as the options first read say', () => {
    const job = busyJob();
    const reading: [string, Record<string, unknown>, string, unknown, (options: never) => unknown][] = [
      ['comparisons perVote → "yes"', { perVote: true }, 'perVote', 'yes', (options) => job.comparisons(options)],
      ['comparisons ranking → 5', { ranking: 1 }, 'ranking', 5, (options) => job.comparisons(options)],
      ['comparisons ranking → another ranking', { ranking: 1 }, 'ranking', 0, (options) => job.comparisons(options)],
      ['results scorer → "bogus"', { scorer: 'elo' }, 'scorer', 'bogus', (options) => job.results(options)],
      ['results scorer → another scorer', { scorer: 'elo' }, 'scorer', 'bradleyTerry', (options) => job.results(options)],
      ['results confidence → 2', { intervals: true, confidence: 0.9 }, 'confidence', 2, (options) => job.results(options)],
    ];
    for (const { construction, make } of constructions) {
      for (const [name, options, key, later, call] of reading) {
        tally.note(construction, name);
        const { value, reads } = make(options, key, later);
        let answer: unknown;
        if (attempt(() => (answer = call(value as never)))) expect(answer).toEqual(call(options as never));
        expect(reads.count).toBe(1);
      }
    }
    // A labeler's weight that changes after its first read.
    for (const later of [-1, Number.NaN, 3]) {
      tally.note('getter key', `results labelerWeights.alice → ${later}`);
      const { value: weights, reads } = objectWithChangingKey({ alice: 2, bob: 0.5 }, 'alice', later);
      let answer: unknown;
      if (attempt(() => (answer = job.results({ labelerWeights: weights })))) expect(answer).toEqual(job.results({ labelerWeights: { alice: 2, bob: 0.5 } }));
      expect(reads.count).toBe(1);
    }
  });

  it('ignores what a Proxy lies about in its key list, reading each allowed key once', () => {
    // ownKeys hides a misspelt option (so it is not refused) and lists an allowed one
    // that get does not answer: either way the job uses what get answers, once.
    const job = busyJob();
    const twin = busyJob();
    tally.note('lying ownKeys/has Proxy', 'nextMatchups options hiding "later", claiming "now"');
    const lying = proxyWithLyingKeys({ now: 1300, later: 5 }, ['later'], []);
    expect(job.nextMatchups(2, lying)).toEqual(twin.nextMatchups(2, { now: 1300 }));
    tally.note('lying ownKeys/has Proxy', 'recordResponse options claiming "responseId" it does not hold');
    const claiming = proxyWithLyingKeys({ now: 1300 }, [], ['responseId']);
    const id = job.pendingMatchups()[0]!.id;
    expect(job.recordResponse(id, 'right', claiming)).toBe(twin.recordResponse(id, 'right', { now: 1300 }));
    expect(stateFingerprint(job)).toBe(stateFingerprint(twin));
    expectPersistable(job);
  });

  it('creates the job from the options first read', () => {
    for (const later of ['another seed', Number.NaN, () => 0.5]) {
      for (const { construction, make } of constructions) {
        tally.note(construction, `createRankingJob seed → ${typeof later === 'function' ? 'a function' : String(later)}`);
        const { value, reads } = make({ seed: SEED }, 'seed', later);
        const job = createRankingJob(definition, value);
        expect(reads.count).toBe(1);
        expect(stateFingerprint(job)).toBe(stateFingerprint(createRankingJob(definition, { seed: SEED })));
      }
    }
  });
});

describe('createRankingJobDefinition reads its input once', () => {
  // Either refused, or the same definition as the values first read (`expected`).
  function expectRefusedOrSame(input: unknown, reads: Reads, expected: unknown = definition): void {
    let made: unknown;
    if (attempt(() => (made = createRankingJobDefinition(input as RankingJobDefinitionInput)))) {
      expect(made).toEqual(expected);
      const job = createRankingJob(made as typeof definition, { seed: SEED });
      job.nextMatchups(4, { now: 0 });
      expectPersistable(job);
    }
    expect(reads.count).toBe(1);
  }
  const ranking0 = DEFINITION_INPUT.datapoints[0]!;

  it('keeps the ids it checked', () => {
    for (const { construction, make } of CHANGING_ARRAYS) {
      for (const [laterKind, later] of LATER_IDS.filter(([kind]) => kind !== 'duplicate within the call')) {
        tally.note(`${construction} / ${laterKind}`, `definition datapoints[0][2] → ${String(later)}`);
        const { value, reads } = make(ranking0, 2, later);
        expectRefusedOrSame({ ...DEFINITION_INPUT, datapoints: [value, DEFINITION_INPUT.datapoints[1]] }, reads);
      }
    }
  });

  it('reads each list length once: no ranking ends up with fewer than two datapoints, no definition with none', () => {
    for (const laterLength of [0, 1, 9]) {
      tally.note('Proxy length', `definition datapoints[0].length 5 → ${laterLength}`);
      const inner = proxyWithChangingLength(ranking0, laterLength);
      expectRefusedOrSame({ ...DEFINITION_INPUT, datapoints: [inner.value, DEFINITION_INPUT.datapoints[1]] }, inner.reads);
      tally.note('Proxy length', `definition datapoints.length 2 → ${laterLength}`);
      const outer = proxyWithChangingLength(DEFINITION_INPUT.datapoints, laterLength);
      expectRefusedOrSame({ ...DEFINITION_INPUT, datapoints: outer.value }, outer.reads);
    }
  });

  it('keeps the settings it checked', () => {
    const settings: [string, unknown][] = [
      ['name', ''],
      ['instruction', 7],
      ['comparisonBudgetPerRanking', 0],
      ['comparisonBudgetPerRanking', 31],
      ['responsesPerComparison', 1.5],
      ['pairing', 'bogus'],
      ['matchupTtlMs', -1],
      ['elo', { kFactor: -1 }],
    ];
    for (const { construction, make } of [
      { construction: 'getter key', make: objectWithChangingKey },
      { construction: 'Proxy get trap', make: proxyWithChangingKey },
    ]) {
      for (const [key, later] of settings) {
        tally.note(construction, `definition ${key} → ${JSON.stringify(later)}`);
        const { value, reads } = make(DEFINITION_INPUT, key, later);
        expectRefusedOrSame(value, reads);
      }
    }
  });

  it('keeps the nested settings it checked', () => {
    const nested = {
      elo: { initialRating: 1200, kFactor: 40, scale: 400 },
      posterior: { priorSd: 150, noise: 180 },
      stopWhen: { confidence: 0.9, top: 2 },
    };
    const expected = createRankingJobDefinition({ ...DEFINITION_INPUT, ...nested });
    const settings: ['elo' | 'posterior' | 'stopWhen', string, unknown][] = [
      ['elo', 'scale', -1],
      ['elo', 'scale', 800],
      ['elo', 'kFactor', 0],
      ['elo', 'initialRating', Number.NaN],
      ['posterior', 'noise', 0],
      ['posterior', 'priorSd', 1e9],
      ['stopWhen', 'confidence', 2],
      ['stopWhen', 'top', 0],
    ];
    for (const { construction, make } of [
      { construction: 'getter key', make: objectWithChangingKey },
      { construction: 'Proxy get trap', make: proxyWithChangingKey },
    ]) {
      for (const [group, key, later] of settings) {
        tally.note(construction, `definition ${group}.${key} → ${later}`);
        const { value, reads } = make(nested[group], key, later);
        let made: unknown;
        if (attempt(() => (made = createRankingJobDefinition({ ...DEFINITION_INPUT, ...nested, [group]: value })))) expect(made).toEqual(expected);
        expect(reads.count).toBe(1);
      }
    }
  });
});

describe('restoreRankingJob reads the snapshot once', () => {
  const job = busyJob();
  const events = job.events();
  const saved: RankingJobSnapshot = JSON.parse(JSON.stringify(job.snapshot()));
  const original = stateFingerprint(restoreRankingJob(saved));
  const fresh = () => JSON.parse(JSON.stringify(saved)) as RankingJobSnapshot;
  // Datapoints were added to ranking 0 while the job ran (not fixed by the definition): the last of them.
  const added = saved.rankings.added[0]!.datapoints.length - 1;

  // Either refused, or exactly the saved job (what the checksum and the checks saw first).
  function expectRefusedOrSame(snapshot: RankingJobSnapshot, reads: Reads): void {
    let restored: RankingJob | undefined;
    if (attempt(() => (restored = restoreRankingJob(snapshot)))) {
      expect(stateFingerprint(restored!)).toBe(original);
      expectPersistable(restored!, events);
    }
    expect(reads.count).toBe(1);
  }

  const paths: [(string | number)[], string, unknown][] = [
    [['rankings', 'added', 0, 'datapoints', added], 'duplicate id', 'a'],
    [['rankings', 'added', 0, 'datapoints', added], 'number', 7],
    [['rankings', 'added', 0, 'datapoints', added], 'empty string', ''],
    [['rankings', 'added', 0, 'datapoints', added], '"__proto__" duplicate', '__proto__'],
    [['rankings', 'added', 0, 'datapoints', added], 'another valid id', 'zz'],
    [['definition', 'datapoints', 0, 1], 'another valid id', 'zz'],
    [['rankings', 'tieKeys', 0], 'another valid value', 0.25],
    [['rankings', 'tieKeys', 0], 'out of range', 2],
    [['rankings', 'offsets', 0], 'another valid value', 0],
    [['rankings', 'wins', 0], 'number', 99],
    [['rankings', 'lastOpponent', 0], 'another valid value', -1],
    [['rankings', 'exposureOrder', 0], 'duplicate index', 1],
    [['rankings', 'budgets', 0], 'another valid value', 1000],
    [['matchups', 'pending', 0, 'left'], '"__proto__" duplicate', '__proto__'],
    [['matchups', 'pending', 0, 'responseIds'], 'duplicate id', ['r', 'r']],
    [['matchups', 'pending', 0, 'deadline'], 'another valid value', 99_999],
    [['matchups', 'statuses'], 'empty string', ''],
    [['matchups', 'completedResponseIds', 0, 1], 'another valid value', ['other']],
    [['matchups', 'votes', 'labelerIds', 0], 'empty string', ''],
    [['matchups', 'votes', 'outcomes'], 'another valid value', 'llllll'],
    [['nextEventSequence'], 'another valid value', 1000],
    [['rng', 's0'], 'another valid value', 0.5],
    [['definition', 'datapoints', 0, 1], '"__proto__" duplicate', '__proto__'],
    [['definition', 'elo'], 'number', 7],
    [['checksum'], 'another valid value', 'ffffffffffffff'],
  ];

  it('restores exactly what its checksum and checks saw, or refuses', () => {
    for (const [path, laterKind, later] of paths) {
      for (const validReads of [1, 2]) {
        tally.note(`getter at a snapshot path / ${laterKind}`, `snapshot.${path.join('.')} → ${JSON.stringify(later)} after ${validReads}`);
        const snapshot = fresh();
        const reads = changeAt(snapshot, path, later, validReads);
        expectRefusedOrSame(snapshot, reads);
      }
    }
  });

  it('reads the snapshot’s arrays once, through any Proxy', () => {
    const lists: (string | number)[][] = [
      ['rankings', 'added', 0, 'datapoints'],
      ['rankings', 'offsets'],
      ['rankings', 'wins'],
      ['rankings', 'budgets'],
      ['rankings', 'added'],
      ['matchups', 'pending'],
      ['matchups', 'votes', 'sequences'],
    ];
    for (const path of lists) {
      const snapshot = fresh();
      const values = getAt(snapshot, path) as unknown[];
      for (const laterLength of [values.length - 1, values.length + 1]) {
        tally.note('Proxy length', `snapshot.${path.join('.')}.length → ${laterLength}`);
        const copy = fresh();
        const { value, reads } = proxyWithChangingLength(values, laterLength);
        setAt(copy, path, value);
        expectRefusedOrSame(copy, reads);
      }
      tally.note('Proxy get trap', `snapshot.${path.join('.')}[0] → a duplicate of [1]`);
      const copy = fresh();
      const { value, reads } = proxyWithChangingElement(values, 0, values[1]);
      setAt(copy, path, value);
      expectRefusedOrSame(copy, reads);
    }
  });
});

describe('restoreRankingJob and replayRankingJob take plain data only', () => {
  const job = busyJob();
  const saved: RankingJobSnapshot = JSON.parse(JSON.stringify(job.snapshot()));
  function edited(edit: (snapshot: Record<string, unknown>) => void): RankingJobSnapshot {
    const snapshot = JSON.parse(JSON.stringify(saved));
    edit(snapshot);
    return snapshot;
  }
  // A snapshot edited and given a matching checksum, as a deliberate edit would be.
  function resealed(edit: (snapshot: Record<string, unknown>) => void): RankingJobSnapshot {
    return reseal(edited(edit) as unknown as Record<string, unknown>);
  }

  it('refuses holes, self-reference and absurd nesting with a RankingInputError naming where', () => {
    const cases: [string, unknown, string][] = [
      // forEach skips holes: the checks once passed a hole, and NaN ratings followed.
      ['hole in a snapshot list', resealed((snapshot) => delete (getAt(snapshot, ['rankings', 'offsets']) as unknown[])[1]), 'snapshot.rankings.offsets[1]'],
      ['hole in a pending list', resealed((snapshot) => delete (getAt(snapshot, ['matchups', 'pending']) as unknown[])[0]), 'snapshot.matchups.pending[0]'],
      // These once overflowed the stack (RangeError) while the checksum was computed.
      ['snapshot containing itself', edited((snapshot) => setAt(snapshot, ['matchups', 'votes', 'labelerIds'], snapshot)), 'snapshot'],
      ['arrays nested 10 000 deep', edited((snapshot) => setAt(snapshot, ['rankings', 'offsets', 0], JSON.parse('['.repeat(10_000) + ']'.repeat(10_000)))), 'snapshot'],
    ];
    for (const [name, snapshot, path] of cases) {
      tally.note('not plain data', `restore: ${name}`);
      let error: unknown;
      try {
        restoreRankingJob(snapshot as RankingJobSnapshot);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(RankingInputError);
      expect((error as RankingInputError).path.startsWith(path)).toBe(true);
    }
    const events = JSON.parse(JSON.stringify(job.events()));
    const sparse = [...events];
    sparse.length += 1;
    const cyclic = JSON.parse(JSON.stringify(events));
    cyclic[1].matchups = cyclic;
    for (const [name, log, path] of [
      ['hole at the end of the log', sparse, `events[${events.length}]`],
      ['log containing itself', cyclic, 'events'],
    ] as const) {
      tally.note('not plain data', `replay: ${name}`);
      let error: unknown;
      try {
        replayRankingJob(definition, log, { seed: SEED });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(RankingInputError);
      expect((error as RankingInputError).path.startsWith(path)).toBe(true);
    }
  });

  it('sees only the keys a lying Proxy answers for', () => {
    // ownKeys hides the checksum, or lists a key get does not answer: refused either way, never half-read.
    for (const [hidden, extra] of [
      [['checksum'], []],
      [[], ['extra']],
    ] as const) {
      tally.note('lying ownKeys/has Proxy', `restore: hiding ${hidden.join()} / claiming ${extra.join()}`);
      expect(() => restoreRankingJob(proxyWithLyingKeys(saved, hidden, extra))).toThrow(RankingInputError);
    }
    tally.note('lying ownKeys/has Proxy', 'restore: hiding a key get still answers (the lie is harmless)');
    const lying = proxyWithLyingKeys({ ...saved, extra: 1 }, ['extra'], []);
    expect(stateFingerprint(restoreRankingJob(lying))).toBe(stateFingerprint(restoreRankingJob(saved)));
  });
});

describe('replayRankingJob reads the events once', () => {
  const job = busyJob();
  const events: RankingJobEvent[] = JSON.parse(JSON.stringify(job.events()));
  const original = stateFingerprint(job);
  const indexOf = (type: RankingJobEvent['type']) => events.findIndex((event) => event.type === type);
  const added = indexOf('datapointsAdded');
  const issued = indexOf('matchupsIssued');
  const responded = indexOf('responseRecorded');
  const expired = indexOf('matchupsExpired');

  // Either refused, or exactly the job that wrote the log (or its prefix `plain`), with exactly that log.
  function expectRefusedOrSame(log: unknown, reads: Reads, plain: readonly RankingJobEvent[] = events): void {
    let replayed: RankingJob | undefined;
    if (attempt(() => (replayed = replayRankingJob(definition, log as RankingJobEvent[], { seed: SEED })))) {
      expect(stateFingerprint(replayed!)).toBe(plain === events ? original : stateFingerprint(replayRankingJob(definition, plain, { seed: SEED })));
      expect(replayed!.events()).toEqual(plain);
      expectPersistable(replayed!);
    }
    expect(reads.count).toBe(1);
  }

  const paths: [(string | number)[], string, unknown][] = [
    [[added, 'datapoints', 0], 'duplicate id', 'a'],
    [[added, 'datapoints', 1], 'duplicate within the call', 'added-1'],
    [[added, 'datapoints', 0], 'number', 7],
    [[added, 'datapoints', 0], 'empty string', ''],
    [[added, 'datapoints', 0], '"__proto__" duplicate', '__proto__'],
    [[added, 'datapoints', 0], 'another valid id', 'zz'],
    [[added, 'extraBudget'], 'another valid value', 7],
    [[added, 'initialRating'], 'another valid value', 1500],
    [[issued, 'matchups', 0, 'left'], 'duplicate id', 'a'],
    [[issued, 'now'], 'another valid value', 77],
    [[responded, 'outcome'], 'another valid value', 'draw'],
    [[responded, 'outcome'], 'number', 7],
    [[responded, 'responseId'], 'number', 5],
    [[responded, 'labelerId'], 'empty string', ''],
    [[responded, 'seq'], 'another valid value', responded + 1],
    [[expired, 'matchupIds', 0], 'another valid value', 'm1'],
    [[expired, 'now'], 'another valid value', 5000],
  ];

  it('rebuilds exactly the logged job, or refuses', () => {
    for (const [path, laterKind, later] of paths) {
      // The whole log, and the log ending at the changed event (nothing later to disagree with it).
      for (const plain of [events, events.slice(0, (path[0] as number) + 1)]) {
        for (const validReads of [1, 2]) {
          tally.note(`getter at an event path / ${laterKind}`, `events(${plain.length}).${path.join('.')} → ${JSON.stringify(later)} after ${validReads}`);
          const log = JSON.parse(JSON.stringify(plain));
          const reads = changeAt(log, path, later, validReads);
          expectRefusedOrSame(log, reads, plain);
        }
      }
    }
  });

  it('reads each list of the log once, through any Proxy', () => {
    for (const laterLength of [events.length - 1, events.length + 1, 0]) {
      tally.note('Proxy length', `events.length → ${laterLength}`);
      const { value, reads } = proxyWithChangingLength(events, laterLength);
      expectRefusedOrSame(value, reads);
    }
    const matchups = events[issued]!.type === 'matchupsIssued' ? events[issued]!.matchups : [];
    for (const laterLength of [matchups.length - 1, matchups.length + 1]) {
      tally.note('Proxy length', `events[${issued}].matchups.length → ${laterLength}`);
      const log = JSON.parse(JSON.stringify(events));
      const { value, reads } = proxyWithChangingLength(matchups, laterLength);
      setAt(log, [issued, 'matchups'], value);
      expectRefusedOrSame(log, reads);
    }
    const datapoints = getAt(events, [added, 'datapoints']) as string[];
    tally.note('Proxy get trap', `events[${added}].datapoints[1] → "__proto__"`);
    const log = JSON.parse(JSON.stringify(events));
    const { value, reads } = proxyWithChangingElement(datapoints, 1, '__proto__');
    setAt(log, [added, 'datapoints'], value);
    expectRefusedOrSame(log, reads);
  });
});

describe('simulateRankingJob reads its options once', () => {
  const small = createRankingJobDefinition({ name: 'sim', instruction: 'pick', datapoints: [['a', 'b', 'c', 'd']], comparisonBudgetPerRanking: 12 });
  const spec = { model: 'bradleyTerry', scale: 400, lapseRate: 0.1 };
  const plain = simulateRankingJob(small, { seed: 3, labeler: spec as never });

  it('builds the labeler from the spec it checked', () => {
    for (const [key, later] of [
      ['scale', 100],
      ['scale', -400],
      ['lapseRate', 0.9],
      ['lapseRate', 2],
      ['model', 'noiseless'],
    ] as const) {
      for (const { construction, make } of [
        { construction: 'getter key', make: objectWithChangingKey },
        { construction: 'Proxy get trap', make: proxyWithChangingKey },
      ]) {
        tally.note(construction, `simulate labeler.${key} → ${later}`);
        const { value, reads } = make(spec, key, later);
        let result: unknown;
        if (attempt(() => (result = simulateRankingJob(small, { seed: 3, labeler: value as never })))) expect(result).toEqual(plain);
        expect(reads.count).toBe(1);
      }
    }
  });

  it('runs with the options first read', () => {
    const options = { seed: 3, labeler: spec, inFlight: 2, topK: 2 };
    const expected = simulateRankingJob(small, options as never);
    for (const [key, later] of [
      ['inFlight', 0],
      ['topK', 0],
      ['seed', 'another'],
      ['labeler', 'crowd'],
    ] as const) {
      tally.note('getter key', `simulate options.${key} → ${later}`);
      const { value, reads } = objectWithChangingKey(options, key, later);
      let result: unknown;
      if (attempt(() => (result = simulateRankingJob(small, value as never)))) expect(result).toEqual(expected);
      expect(reads.count).toBe(1);
    }
  });
});
