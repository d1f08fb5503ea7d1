// Arrays that report a length no array has (issue 11, items 2 and 9). restoreRankingJob
// and replayRankingJob copy the caller's data first (copyJsonData), reading each array's
// length once; a Proxy can report any value there. Every such length must be refused
// with a RankingInputError at the array's path, before anything is allocated for it:
// before, a restore sized a Float64Array from it (a RangeError for 2^32 or 1e300), and a
// replay read a log of length −1 or NaN as an empty one. A definition's id list is read
// the same way by createRankingJobDefinition, which sizes its copy from the length.
import { afterAll, describe, expect, it } from 'vitest';
import { createRankingJob, createRankingJobDefinition, replayRankingJob, restoreRankingJob, type RankingJobSnapshot } from '../../src/index.js';
import { busyJob, expectInputError } from '../helpers.js';
import { HostileTally } from './changingValues.js';

const tally = new HostileTally();
afterAll(() => {
  const { byClass, total } = tally.counts();
  console.log(`snapshot copies: ${total} distinct hostile inputs tried: ${JSON.stringify(byClass)}`);
});

// Lengths no array reports: fractional, negative, not a number, past 2^32 − 1, not a number type.
const IMPOSSIBLE: readonly unknown[] = [2 ** 32, 1e300, Number.POSITIVE_INFINITY, 2000.5, 1.5, -1, Number.NaN, '3', null];

// `values` behind a Proxy that reports `length` as given.
function withLength<T>(values: readonly T[], length: unknown): T[] {
  return new Proxy([...values], { get: (target, property, receiver) => (property === 'length' ? length : Reflect.get(target, property, receiver)) });
}

// A job whose snapshot has long columns (copied into Float64Arrays) and short lists.
function longJob() {
  const job = createRankingJob(
    createRankingJobDefinition({ name: 'copies', instruction: 'Which?', datapoints: Array.from({ length: 700 }, (_, r) => [`a${r}`, `b${r}`]), comparisonBudgetPerRanking: 1 }),
    { seed: 'copies' },
  );
  for (const matchup of job.nextMatchups(600)) job.recordResponse(matchup.id, 'left');
  return job;
}

// The snapshot as JSON data, with the array at `path` behind a Proxy reporting `length`.
function snapshotWith(snapshot: RankingJobSnapshot, path: readonly (string | number)[], length: unknown): RankingJobSnapshot {
  const copy = JSON.parse(JSON.stringify(snapshot));
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key];
  const key = path[path.length - 1]!;
  parent[key] = withLength(parent[key], length);
  return copy;
}

const pathName = (path: readonly (string | number)[]) => `snapshot${path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('')}`;

describe('restoreRankingJob with an array that reports an impossible length', () => {
  const snapshot = longJob().snapshot();
  // Long number lists (copied into a Float64Array), a short one, a list of lists, a list of objects.
  const paths: readonly (readonly (string | number)[])[] = [
    ['rankings', 'offsets'],
    ['rankings', 'exposureOrder'],
    ['matchups', 'votes', 'sequences'],
    ['rankings', 'added'],
    ['definition', 'datapoints'],
    ['definition', 'datapoints', 3],
    ['matchups', 'pending'],
  ];

  it.each(paths.map((path) => [pathName(path), path] as const))('%s: refused at that path, nothing allocated for it', (name, path) => {
    for (const length of IMPOSSIBLE) {
      tally.note('impossible array length (restore)', `${name}.length = ${String(length)}`);
      expectInputError(() => restoreRankingJob(snapshotWith(snapshot, path, length)), name);
    }
  });

  it('a length of 2^32 − 1 (possible, but a lie) ends at the first missing entry', () => {
    for (const path of paths) {
      tally.note('impossible array length (restore)', `${pathName(path)}.length = 2^32 − 1`);
      const copy = JSON.parse(JSON.stringify(snapshot));
      const trueLength = path.reduce((node, key) => node[key], copy).length;
      expectInputError(() => restoreRankingJob(snapshotWith(snapshot, path, 2 ** 32 - 1)), `${pathName(path)}[${trueLength}]`);
    }
  });

  it('the same snapshot without the Proxies restores', () => {
    expect(restoreRankingJob(JSON.parse(JSON.stringify(snapshot))).snapshot()).toEqual(snapshot);
  });
});

describe('replayRankingJob with an event log that reports an impossible length', () => {
  const job = busyJob('adaptive');
  const events = job.events();

  it('refuses the log, or the event list, at its path', () => {
    for (const length of IMPOSSIBLE) {
      tally.note('impossible array length (replay)', `events.length = ${String(length)}`);
      expectInputError(() => replayRankingJob(job.definition, withLength(events, length)), 'events');
      const issued = events.findIndex((event) => event.type === 'matchupsIssued');
      const nested = JSON.parse(JSON.stringify(events));
      nested[issued].matchups = withLength(nested[issued].matchups, length);
      tally.note('impossible array length (replay)', `events[${issued}].matchups.length = ${String(length)}`);
      expectInputError(() => replayRankingJob(job.definition, nested), `events[${issued}].matchups`);
    }
    tally.note('impossible array length (replay)', 'events.length = 2^32 − 1');
    expectInputError(() => replayRankingJob(job.definition, withLength(events, 2 ** 32 - 1)), `events[${events.length}]`);
  });
});

describe('createRankingJobDefinition with an id list that reports an odd length', () => {
  it('reads the ids the length promises and refuses the first missing one (no RangeError from sizing the copy)', () => {
    for (const [length, missing] of [
      [2.5, 2],
      [7.25, 2],
      [1e10, 2],
      [2 ** 32 + 0.5, 2],
    ] as const) {
      tally.note('odd id list length (definition)', `datapoints[0].length = ${length}`);
      expectInputError(() => createRankingJobDefinition({ name: 'n', instruction: 'i', datapoints: [withLength(['a', 'b'], length)], comparisonBudgetPerRanking: 1 }), `datapoints[0][${missing}]`);
    }
  });
});
