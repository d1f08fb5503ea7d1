import {
  RankingInputError,
  createRankingJob,
  createRankingJobDefinition,
  type RankingJob,
  type RankingJobDefinitionInput,
  type RankingJobSnapshot,
} from '../src/index.js';
import { canonicalJson, hash53, hashJsonValue } from '../src/persistence/checksum.js';
import { expect } from 'vitest';

/** Datapoint ids d0, d1, … */
export function ids(n: number, prefix = 'd'): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${i}`);
}

/** A definition with sensible test defaults, overridable field by field. */
export function definitionOf(overrides: Partial<RankingJobDefinitionInput> = {}) {
  return createRankingJobDefinition({
    name: 'test job',
    instruction: 'Which is better?',
    datapoints: [ids(6)],
    comparisonBudgetPerRanking: 20,
    ...overrides,
  });
}

/** Everything observable about a job, as JSON: used to compare two jobs or a job before and after a call. */
export function fingerprint(job: RankingJob): string {
  return JSON.stringify({ progress: job.progress(), results: job.results(), pending: job.pendingMatchups(), done: job.done });
}

/**
 * Everything a job holds, as JSON: its snapshot (the state that cannot be derived), plus
 * progress and pending matchups. Two jobs with equal state fingerprints give equal
 * results by every scorer (the posterior is a function of the snapshot's votes), and it
 * is far cheaper than {@link fingerprint}, whose default results run the posterior.
 */
export function stateFingerprint(job: RankingJob): string {
  return JSON.stringify({ snapshot: job.snapshot(), progress: job.progress(), pending: job.pendingMatchups(), done: job.done });
}

/** Asserts that `call` throws a RankingInputError whose path is `path`. */
export function expectInputError(call: () => unknown, path: string): RankingInputError {
  let caught: unknown;
  try {
    call();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(RankingInputError);
  const error = caught as RankingInputError;
  expect(error.path).toBe(path);
  expect(error.message.startsWith(`${path}: `)).toBe(true);
  return error;
}

/** Freezes a value and everything reachable from it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

/** Runs a job to completion, answering every matchup with `answer`. */
export function runToCompletion(
  job: RankingJob,
  answer: (left: string, right: string) => 'left' | 'right' | 'draw',
  batch = 1,
): void {
  while (!job.done) {
    for (const matchup of job.nextMatchups(batch)) job.recordResponse(matchup.id, answer(matchup.left, matchup.right));
  }
}

export { createRankingJob };

/**
 * A job in the middle of things: completed, pending with partial votes and response
 * ids, released and expired matchups, added datapoints.
 */
export function busyJob(pairing: 'adaptive' | 'roundRobin'): RankingJob {
  const job = createRankingJob(
    definitionOf({ datapoints: [ids(6), ['__proto__', 'constructor', '🐇']], comparisonBudgetPerRanking: 30, responsesPerComparison: 2, matchupTtlMs: 500, pairing }),
    { seed: `busy-${pairing}` },
  );
  const first = job.nextMatchups(8, { now: 0 });
  for (const [i, matchup] of first.entries()) {
    if (i < 4) {
      job.recordResponse(matchup.id, 'left', { responseId: `a${i}`, now: 10, labelerId: i % 2 === 0 ? 'ann' : '__proto__' });
      job.recordResponse(matchup.id, i % 2 === 0 ? 'left' : 'draw', { responseId: `b${i}`, now: 10 });
    }
  }
  job.recordResponse(first[4]!.id, 'right', { responseId: 'partial', now: 20 });
  job.releaseMatchup(first[5]!.id);
  job.addDatapoints(0, ['late-1', 'late-2'], { extraBudget: 4, initialRating: 1300 });
  job.nextMatchups(3, { now: 400 });
  job.expireMatchups(500);
  job.nextMatchups(2, { now: 600 });
  return job;
}

/**
 * The same snapshot in version 1's layout (one object per ranking, each with all its
 * lists), resealed: what a job of pairwise-elo 0.2 wrote. Written from the version 1
 * format's description (CHANGELOG 0.3.0), independently of the library's reader.
 */
export function toVersion1(snapshot: RankingJobSnapshot): RankingJobSnapshot {
  const copy = JSON.parse(JSON.stringify(snapshot));
  const columns = copy.rankings;
  const definitionIds: string[][] = copy.definition.datapoints;
  let from = 0;
  copy.rankings = definitionIds.map((ids, r) => {
    const added = columns.added.find((entry: { ranking: number }) => entry.ranking === r);
    const datapoints = [...ids, ...(added?.datapoints ?? [])];
    const n = datapoints.length;
    const slice = (column: string) => columns[column].slice(from, from + n);
    const ranking = {
      datapoints,
      budget: columns.budgets[r],
      offsets: slice('offsets'),
      startOffsets: [...ids.map(() => 0), ...(added?.startOffsets ?? [])],
      tieKeys: slice('tieKeys'),
      wins: slice('wins'),
      losses: slice('losses'),
      draws: slice('draws'),
      lastOpponent: slice('lastOpponent'),
      exposureOrder: slice('exposureOrder'),
      roundRobin: columns.roundRobin.length === 0 ? null : columns.roundRobin[r],
    };
    from += n;
    return ranking;
  });
  copy.version = 1;
  return reseal(copy);
}

/** Re-signs an edited snapshot, so restore's structural checks (not the checksum) must catch it. */
export function reseal(snapshot: Record<string, unknown>): RankingJobSnapshot {
  const { checksum: _checksum, format, version, ...body } = snapshot;
  // Version 1 hashed the canonical JSON text; version 2 hashes the values.
  const checksum = version === 1 ? hash53(canonicalJson(body)) : hashJsonValue(body);
  return { format, version, checksum, ...body } as unknown as RankingJobSnapshot;
}

/** xorshift32: a generator local to the tests, so the designs built from it never move. */
export function xorshift32(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}
