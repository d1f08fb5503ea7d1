// Re-entrant calls (issue 11, item 2): user code runs inside a job's calls (its injected
// rng, an option's getter, a Proxy trap) and may call back into the same job. (A Map is
// read through Map's own methods, so a Map subclass's iterator never runs:
// test/hostile/proxyMaps.test.ts.) A job takes one call at a time: the inner call is refused with a
// RankingInputError at path `job`, changing nothing, and the outer call then completes as
// if the callback had not called (when the callback catches the refusal) or fails
// cleanly, changing nothing (when it lets the refusal through). Before the guard, an rng
// calling nextMatchups from inside a draw overran the budget or threw a TypeError, and
// one calling addDatapoints stored what the outer call's checks had not seen.
import { afterAll, describe, expect, it } from 'vitest';
import {
  RankingInputError,
  createRankingJob,
  createRankingJobDefinition,
  createRng,
  replayRankingJob,
  restoreRankingJob,
  simulateRankingJob,
  type RankingJob,
  type SeededRng,
} from '../../src/index.js';
import { stateFingerprint } from '../helpers.js';
import { HostileTally } from './changingValues.js';

const tally = new HostileTally();
afterAll(() => {
  const { byClass, total } = tally.counts();
  console.log(`re-entrant calls: ${total} distinct hostile inputs tried: ${JSON.stringify(byClass)}`);
});

const SEED = 'reentrant';
const definition = createRankingJobDefinition({
  name: 're-entrant calls',
  instruction: 'Which is better?',
  datapoints: [['__proto__', 'a', 'b', 'c', 'd'], ['p', 'q', 'r']],
  comparisonBudgetPerRanking: 30,
  responsesPerComparison: 2,
  matchupTtlMs: 1000,
});

// A job on an injected rng (a seeded stream) that runs `slot.fire` once, from inside its next draw.
interface HookedJob {
  readonly job: RankingJob;
  readonly slot: { fire: (() => void) | null };
  readonly stream: SeededRng;
}

function hookedJob(): HookedJob {
  const stream = createRng(SEED);
  const slot: HookedJob['slot'] = { fire: null };
  const rng = () => {
    const fire = slot.fire;
    slot.fire = null;
    fire?.();
    return stream();
  };
  const job = createRankingJob(definition, { rng });
  // A bit of everything, so every inner call has something to work on.
  job.nextMatchups(6, { now: 0 });
  job.addDatapoints(0, ['added-1'], { extraBudget: 2 });
  const [m1, m2, m3] = job.pendingMatchups();
  job.recordResponse(m1!.id, 'left', { responseId: 'r1', labelerId: 'alice', now: 1 });
  job.recordResponse(m1!.id, 'right', { now: 2 });
  job.recordResponse(m2!.id, 'draw', { now: 3 });
  job.releaseMatchup(m3!.id);
  job.nextMatchups(3, { now: 500 });
  job.expireMatchups(1001);
  return { job, slot, stream };
}

// A job's state, but for its generator: a job on an injected rng snapshots none, one
// rebuilt on a copy of the stream (a library generator) snapshots its state.
function stateWithoutRng(job: RankingJob): string {
  const { snapshot, ...rest } = JSON.parse(stateFingerprint(job));
  const { rng: _rng, checksum: _checksum, ...state } = snapshot;
  return JSON.stringify({ state, ...rest });
}

// The job's snapshot and log rebuild it exactly: the snapshot with a copy of its stream,
// the log from the stream's start (every draw the job took is in the log).
function expectPersistable({ job, stream }: HookedJob): void {
  const restored = restoreRankingJob(JSON.parse(JSON.stringify(job.snapshot())), { rng: createRng(SEED, stream.state()) });
  expect(stateWithoutRng(restored)).toBe(stateWithoutRng(job));
  const replayed = replayRankingJob(definition, JSON.parse(JSON.stringify(job.events())), { rng: createRng(SEED) });
  expect(stateWithoutRng(replayed)).toBe(stateWithoutRng(job));
  expect(replayed.events()).toEqual(job.events());
  // Both carry on as the job does.
  for (const copy of [job, restored, replayed]) copy.nextMatchups(2, { now: 1250 });
  expect(stateWithoutRng(restored)).toBe(stateWithoutRng(job));
  expect(stateWithoutRng(replayed)).toBe(stateWithoutRng(job));
}

// Pending matchups the calls use: two for inner calls, one for an outer recordResponse.
function pendingIds(job: RankingJob): { inner: string; released: string; outer: string } {
  const [a, b, c] = job.pendingMatchups().map((matchup) => matchup.id);
  return { inner: a!, released: b!, outer: c! };
}

// Every public method of the job, called with valid arguments (so only the guard refuses them).
const INNER_CALLS: readonly [string, (job: RankingJob, ids: ReturnType<typeof pendingIds>) => unknown][] = [
  ['nextMatchups', (job) => job.nextMatchups(2, { now: 1300 })],
  ['recordResponse', (job, ids) => job.recordResponse(ids.inner, 'left', { responseId: 'inner', now: 1300 })],
  ['releaseMatchup', (job, ids) => job.releaseMatchup(ids.released)],
  ['expireMatchups', (job) => job.expireMatchups(1600)],
  ['addDatapoints', (job) => job.addDatapoints(1, ['inner'], { extraBudget: 1 })],
  ['pendingMatchups', (job) => job.pendingMatchups()],
  ['comparisons', (job) => job.comparisons({ perVote: true })],
  ['progress', (job) => job.progress()],
  ['results', (job) => job.results({ scorer: 'elo' })],
  ['events', (job) => job.events()],
  ['snapshot', (job) => job.snapshot()],
];

// A call whose user code (`via`) runs `hook` once from inside it.
interface OuterCall {
  readonly name: string;
  readonly via: 'injected rng' | 'option getter' | 'options Proxy get trap' | 'ids getter' | 'ids Proxy get trap' | 'record Proxy ownKeys trap';
  readonly call: (hooked: HookedJob, ids: ReturnType<typeof pendingIds>, hook: () => void) => unknown;
  readonly plain: (job: RankingJob, ids: ReturnType<typeof pendingIds>) => unknown;
}

// An options object whose `key` runs `hook` when read.
function getterOptions<T extends object>(options: T, key: keyof T & string, hook: () => void): T {
  const value = options[key];
  return Object.defineProperty({ ...options }, key, {
    get: () => {
      hook();
      return value;
    },
    enumerable: true,
  });
}

// A Proxy over options whose get trap runs `hook` when `key` is read.
function proxyOptions<T extends object>(options: T, key: keyof T & string, hook: () => void): T {
  return new Proxy({ ...options }, {
    get: (target, property, receiver) => {
      if (property === key) hook();
      return Reflect.get(target, property, receiver);
    },
  });
}

// A Proxy over a record whose ownKeys trap (listing its keys) runs `hook` first.
function hookedRecord<T extends object>(record: T, hook: () => void): T {
  return new Proxy({ ...record }, {
    ownKeys: (target) => {
      hook();
      return Reflect.ownKeys(target);
    },
  });
}

const OUTER_CALLS: readonly OuterCall[] = [
  {
    name: 'nextMatchups',
    via: 'injected rng',
    call: ({ job, slot }, _ids, hook) => {
      slot.fire = hook;
      return job.nextMatchups(3, { now: 1200 });
    },
    plain: (job) => job.nextMatchups(3, { now: 1200 }),
  },
  { name: 'nextMatchups', via: 'option getter', call: ({ job }, _ids, hook) => job.nextMatchups(3, getterOptions({ now: 1200 }, 'now', hook)), plain: (job) => job.nextMatchups(3, { now: 1200 }) },
  { name: 'nextMatchups', via: 'options Proxy get trap', call: ({ job }, _ids, hook) => job.nextMatchups(3, proxyOptions({ now: 1200 }, 'now', hook)), plain: (job) => job.nextMatchups(3, { now: 1200 }) },
  {
    name: 'recordResponse',
    via: 'option getter',
    call: ({ job }, ids, hook) => job.recordResponse(ids.outer, 'right', getterOptions({ responseId: 'outer', labelerId: 'bob', now: 1200 }, 'labelerId', hook)),
    plain: (job, ids) => job.recordResponse(ids.outer, 'right', { responseId: 'outer', labelerId: 'bob', now: 1200 }),
  },
  {
    name: 'recordResponse',
    via: 'options Proxy get trap',
    call: ({ job }, ids, hook) => job.recordResponse(ids.outer, 'right', proxyOptions({ responseId: 'outer', now: 1200 }, 'now', hook)),
    plain: (job, ids) => job.recordResponse(ids.outer, 'right', { responseId: 'outer', now: 1200 }),
  },
  {
    name: 'addDatapoints',
    via: 'injected rng',
    call: ({ job, slot }, _ids, hook) => {
      slot.fire = hook;
      return job.addDatapoints(0, ['outer-1', 'outer-2'], { extraBudget: 3 });
    },
    plain: (job) => job.addDatapoints(0, ['outer-1', 'outer-2'], { extraBudget: 3 }),
  },
  {
    name: 'addDatapoints',
    via: 'ids getter',
    call: ({ job }, _ids, hook) => {
      const ids = ['outer-1', 'outer-2'];
      Object.defineProperty(ids, 1, {
        get: () => {
          hook();
          return 'outer-2';
        },
      });
      return job.addDatapoints(0, ids, { extraBudget: 3 });
    },
    plain: (job) => job.addDatapoints(0, ['outer-1', 'outer-2'], { extraBudget: 3 }),
  },
  {
    name: 'addDatapoints',
    via: 'ids Proxy get trap',
    call: ({ job }, _ids, hook) =>
      job.addDatapoints(
        0,
        new Proxy(['outer-1', 'outer-2'], {
          get: (target, property, receiver) => {
            if (property === '0') hook();
            return Reflect.get(target, property, receiver);
          },
        }),
        { extraBudget: 3 },
      ),
    plain: (job) => job.addDatapoints(0, ['outer-1', 'outer-2'], { extraBudget: 3 }),
  },
  {
    name: 'addDatapoints',
    via: 'option getter',
    call: ({ job }, _ids, hook) => job.addDatapoints(0, ['outer-1'], getterOptions({ extraBudget: 3, initialRating: 1250 }, 'initialRating', hook)),
    plain: (job) => job.addDatapoints(0, ['outer-1'], { extraBudget: 3, initialRating: 1250 }),
  },
  { name: 'results', via: 'option getter', call: ({ job }, _ids, hook) => job.results(getterOptions({ scorer: 'bradleyTerry' as const }, 'scorer', hook)), plain: (job) => job.results({ scorer: 'bradleyTerry' }) },
  {
    name: 'results',
    via: 'options Proxy get trap',
    call: ({ job }, _ids, hook) => job.results(proxyOptions({ labelerWeights: { alice: 2 } }, 'labelerWeights', hook)),
    plain: (job) => job.results({ labelerWeights: { alice: 2 } }),
  },
  {
    name: 'results',
    via: 'record Proxy ownKeys trap',
    call: ({ job }, _ids, hook) => job.results({ labelerWeights: hookedRecord({ alice: 2 }, hook) }),
    plain: (job) => job.results({ labelerWeights: { alice: 2 } }),
  },
  { name: 'comparisons', via: 'option getter', call: ({ job }, _ids, hook) => job.comparisons(getterOptions({ perVote: true }, 'perVote', hook)), plain: (job) => job.comparisons({ perVote: true }) },
  { name: 'comparisons', via: 'options Proxy get trap', call: ({ job }, _ids, hook) => job.comparisons(proxyOptions({ ranking: 0 }, 'ranking', hook)), plain: (job) => job.comparisons({ ranking: 0 }) },
];

// The refusal every inner call must meet.
function expectRefusal(error: unknown, outer: string): void {
  expect(error).toBeInstanceOf(RankingInputError);
  expect((error as RankingInputError).path).toBe('job');
  expect((error as RankingInputError).message).toMatch(new RegExp(`^job: a call to ${outer} is already running; `));
}

describe('a call made from inside another call of the same job', () => {
  it('is refused, and the outer call completes as if it had not been made', () => {
    for (const outer of OUTER_CALLS) {
      for (const [innerName, inner] of INNER_CALLS) {
        tally.note(outer.via, `${outer.name} → ${innerName}, caught`);
        const hooked = hookedJob();
        const twin = hookedJob();
        const ids = pendingIds(hooked.job);
        let refusal: unknown = 'the callback never ran';
        const result = outer.call(hooked, ids, () => {
          try {
            inner(hooked.job, ids);
            refusal = 'the inner call went through';
          } catch (error) {
            refusal = error;
          }
        });
        expectRefusal(refusal, outer.name);
        expect(result).toEqual(outer.plain(twin.job, pendingIds(twin.job)));
        expect(stateFingerprint(hooked.job)).toBe(stateFingerprint(twin.job));
        // The guard is released: the job takes calls again.
        expect(() => inner(hooked.job, ids)).not.toThrow();
        expect(() => inner(twin.job, ids)).not.toThrow();
        expect(stateFingerprint(hooked.job)).toBe(stateFingerprint(twin.job));
        expectPersistable(hooked);
      }
    }
  });

  it('fails the outer call cleanly when the callback lets the refusal through', () => {
    for (const outer of OUTER_CALLS) {
      for (const [innerName, inner] of INNER_CALLS) {
        tally.note(outer.via, `${outer.name} → ${innerName}, let through`);
        const hooked = hookedJob();
        const ids = pendingIds(hooked.job);
        const before = stateFingerprint(hooked.job);
        let thrown: unknown = 'nothing was thrown';
        try {
          outer.call(hooked, ids, () => inner(hooked.job, ids));
        } catch (error) {
          thrown = error;
        }
        expectRefusal(thrown, outer.name);
        expect(stateFingerprint(hooked.job)).toBe(before);
        // The guard is released, and the job carries on (an rng's draws taken before the
        // refusal are gone from its stream, as for any refused call, so only the state is compared).
        expect(() => outer.plain(hooked.job, ids)).not.toThrow();
      }
    }
  });

  it('releases the guard when user code throws its own error', () => {
    for (const outer of OUTER_CALLS) {
      tally.note(outer.via, `${outer.name} → a callback throwing a TypeError`);
      const hooked = hookedJob();
      const ids = pendingIds(hooked.job);
      const before = stateFingerprint(hooked.job);
      expect(() =>
        outer.call(hooked, ids, () => {
          throw new TypeError('the callback failed');
        }),
      ).toThrow(TypeError);
      expect(stateFingerprint(hooked.job)).toBe(before);
      expect(() => hooked.job.progress()).not.toThrow();
      expect(() => outer.plain(hooked.job, ids)).not.toThrow();
    }
  });

  it('lets callbacks call other jobs: the guard is per job', () => {
    tally.note('injected rng', 'nextMatchups → another job');
    const hooked = hookedJob();
    const twin = hookedJob();
    const other = createRankingJob(definition, { seed: 'other' });
    const otherTwin = createRankingJob(definition, { seed: 'other' });
    hooked.slot.fire = () => {
      other.nextMatchups(2, { now: 0 });
      other.addDatapoints(1, ['from-a-callback']);
    };
    expect(hooked.job.nextMatchups(3, { now: 1200 })).toEqual(twin.job.nextMatchups(3, { now: 1200 }));
    otherTwin.nextMatchups(2, { now: 0 });
    otherTwin.addDatapoints(1, ['from-a-callback']);
    expect(stateFingerprint(hooked.job)).toBe(stateFingerprint(twin.job));
    expect(stateFingerprint(other)).toBe(stateFingerprint(otherTwin));
    expectPersistable(hooked);
  });
});

describe('simulateRankingJob', () => {
  const small = createRankingJobDefinition({ name: 'sim', instruction: 'pick', datapoints: [['a', 'b', 'c', 'd']], comparisonBudgetPerRanking: 10 });

  it('gives the same result when its labeler calls into other jobs and simulations', () => {
    tally.note('labeler callback', 'simulateRankingJob labeler → another job and a nested simulation');
    const plain = simulateRankingJob(small, { seed: 4, trueScores: { a: 1400, b: 1300, c: 1200, d: 1100 }, labeler: (matchup) => (matchup.left < matchup.right ? 'left' : 'right') });
    const outside = createRankingJob(definition, { seed: 'outside' });
    let nested = 0;
    const busy = simulateRankingJob(small, {
      seed: 4,
      trueScores: { a: 1400, b: 1300, c: 1200, d: 1100 },
      labeler: (matchup) => {
        outside.nextMatchups(1, { now: 0 });
        if (nested++ < 2) simulateRankingJob(small, { seed: nested });
        return matchup.left < matchup.right ? 'left' : 'right';
      },
    });
    expect(busy).toEqual(plain);
  });
});
