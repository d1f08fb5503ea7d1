/**
 * Rebuilding a job from its event log: each event is applied through the same public
 * calls that produced it, and what the job does is checked against what the event
 * says, so a log that does not fit (another definition or seed, an edited or reordered
 * event) is refused at the first event that disagrees.
 * @module
 */
import { isNormalisedDefinition } from '../definition/createRankingJobDefinition.js';
import type { RankingJobDefinition } from '../definition/types.js';
import { RankingInputError, describeValue } from '../errors.js';
import { createRankingJob } from '../job/createRankingJob.js';
import type { Matchup, RankingJob, RankingJobEvent, RankingJobOptions } from '../job/types.js';
import { copyJsonData, requireOptionsObject } from '../validate.js';
import { canonicalJson } from './checksum.js';
import { restoreRankingJob } from './restoreRankingJob.js';
import { SNAPSHOT_FORMAT, type RankingJobSnapshot } from './snapshotTypes.js';

const EVENT_KEYS: Readonly<Record<RankingJobEvent['type'], readonly string[]>> = {
  matchupsIssued: ['seq', 'type', 'now', 'matchups'],
  responseRecorded: ['seq', 'type', 'matchupId', 'outcome', 'responseId', 'labelerId', 'now'],
  matchupReleased: ['seq', 'type', 'matchupId'],
  matchupsExpired: ['seq', 'type', 'now', 'matchupIds'],
  datapointsAdded: ['seq', 'type', 'ranking', 'datapoints', 'extraBudget', 'initialRating'],
};

/**
 * Rebuilds a job from its event log (`job.events()`), from the start or from a
 * snapshot: the result is the job as it was after the last event given, so replaying a
 * prefix gives the job as it was at that point. Runs each event through the job's own
 * calls: O(the work those calls did).
 *
 * @param origin - The definition the job was created from, or a snapshot; events must
 *   then start at its `nextEventSequence`.
 * @param events - Events in order, numbered without gaps (as `events()` returns them,
 *   or after a JSON round trip).
 * @param options - For a definition: the job's `seed` or `rng`, exactly as it was created
 *   (see `createRankingJob`). For a snapshot: as for `restoreRankingJob`.
 * @returns The rebuilt {@link RankingJob}; its own `events()` are the ones given.
 * @throws {@link RankingInputError} whose path names the offending event
 *   (`events[12]`, `events[12].matchups[0]`, …): a gap or repeat in `seq`, an unknown
 *   type or field, a response to an unknown matchup, matchups other than those the job
 *   issues at that point (another seed or definition), and the like.
 * @example
 * ```ts
 * const job = replayRankingJob(definition, storedEvents, { seed: 'job-42' });
 * ```
 */
export function replayRankingJob(
  origin: RankingJobDefinition | RankingJobSnapshot,
  events: readonly RankingJobEvent[],
  options: RankingJobOptions = {},
): RankingJob {
  // The caller's origin and events are read once, into copies that everything below reads
  // (a getter or Proxy cannot show the checks one log and the job another). A definition
  // this library made is frozen and needs no copy.
  const source = isNormalisedDefinition(origin) ? origin : copyJsonData(origin, 'origin');
  const fromSnapshot = typeof source === 'object' && source !== null && (source as { format?: unknown }).format === SNAPSHOT_FORMAT;
  const job = fromSnapshot
    ? restoreRankingJob(source as RankingJobSnapshot, options as { rng?: () => number })
    : createRankingJob(source as RankingJobDefinition, options);
  const list = copyJsonData(events, 'events');
  if (!Array.isArray(list)) throw new RankingInputError('events', `must be an array of events, got ${describeValue(list)}`);
  let expectedSeq = fromSnapshot ? (source as RankingJobSnapshot).nextEventSequence : 0;
  list.forEach((event, index) => {
    applyEvent(job, event, index, expectedSeq);
    expectedSeq++;
  });
  return job;
}

function applyEvent(job: RankingJob, value: unknown, index: number, expectedSeq: number): void {
  const path = `events[${index}]`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RankingInputError(path, `must be an event object, got ${describeValue(value)}`);
  }
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(EVENT_KEYS, type)) {
    throw new RankingInputError(`${path}.type`, `must be one of ${Object.keys(EVENT_KEYS).join(', ')}, got ${describeValue(type)}`);
  }
  const keys = EVENT_KEYS[type as RankingJobEvent['type']];
  const event = requireOptionsObject(value, keys, path, `${path}.`);
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(event, key)) throw new RankingInputError(`${path}.${key}`, 'is missing');
  }
  if (event['seq'] !== expectedSeq) {
    throw new RankingInputError(`${path}.seq`, `must be ${expectedSeq} (events are numbered without gaps), got ${describeValue(event['seq'])}`);
  }
  // Errors of the job's own checks are reported against this event.
  try {
    applyChecked(job, event as unknown as RankingJobEvent, path);
  } catch (error) {
    if (!(error instanceof RankingInputError) || error.path.startsWith(path)) throw error;
    throw new RankingInputError(`${path}.${fieldOf(error.path)}`, error.message.slice(error.path.length + 2));
  }
  // The job logs exactly one event for every call that changed it; a call that changed
  // nothing (an expiry with nothing due) was never in a real log.
  const logged = job.events(expectedSeq);
  if (logged.length !== 1) {
    throw new RankingInputError(path, 'changes nothing in the job here, so no job could have logged it');
  }
  // The call may accept what it then logs otherwise (an initial rating off the rating grid
  // is rounded onto it): the rebuilt job's log must be the one given, field for field.
  const own = logged[0] as unknown as Record<string, unknown>;
  const differing = keys.find((key) => canonicalJson(own[key]) !== canonicalJson(event[key]));
  if (differing !== undefined) {
    throw new RankingInputError(
      `${path}.${differing}`,
      `is ${describeValue(event[differing])}, but the call it records logs ${describeValue(own[differing])}: no job could have logged this event`,
    );
  }
}

function applyChecked(job: RankingJob, event: RankingJobEvent, path: string): void {
  switch (event.type) {
    case 'matchupsIssued': {
      if (!Array.isArray(event.matchups) || event.matchups.length === 0) {
        throw new RankingInputError(`${path}.matchups`, `must be a non-empty array of matchups, got ${describeValue(event.matchups)}`);
      }
      const issued = job.nextMatchups(event.matchups.length, nowOption(event.now));
      event.matchups.forEach((logged: Matchup, k) => {
        const actual = issued[k];
        if (actual === undefined || !sameMatchup(actual, logged)) {
          throw new RankingInputError(
            `${path}.matchups[${k}]`,
            `the job issues ${actual === undefined ? 'nothing' : `${actual.id} (${actual.left} vs ${actual.right})`} here, not ${describeMatchup(logged)}: the log belongs to another definition, seed or history`,
          );
        }
      });
      return;
    }
    case 'responseRecorded': {
      const responseId = event.responseId === null ? undefined : event.responseId;
      const labelerId = event.labelerId === null ? undefined : event.labelerId;
      const recorded = job.recordResponse(event.matchupId, event.outcome, { responseId, labelerId, ...nowOption(event.now) });
      if (!recorded) throw new RankingInputError(`${path}.responseId`, `${describeValue(event.responseId)} was already recorded for ${event.matchupId}`);
      return;
    }
    case 'matchupReleased':
      job.releaseMatchup(event.matchupId);
      return;
    case 'matchupsExpired': {
      const expired = job.expireMatchups(event.now);
      if (canonicalJson(expired) !== canonicalJson(event.matchupIds)) {
        throw new RankingInputError(`${path}.matchupIds`, `the job expires ${describeValue(expired.join(', '))} at ${event.now}, not ${describeValue(String(event.matchupIds))}`);
      }
      return;
    }
    case 'datapointsAdded':
      job.addDatapoints(event.ranking, event.datapoints, { extraBudget: event.extraBudget, initialRating: event.initialRating });
      return;
  }
}

// Whether a logged matchup is the one the job issued: same fields, and no others.
function sameMatchup(actual: Matchup, logged: unknown): boolean {
  if (typeof logged !== 'object' || logged === null || Object.keys(logged).length !== 5) return false;
  const { id, ranking, left, right, kind } = logged as Partial<Matchup>;
  return id === actual.id && ranking === actual.ranking && left === actual.left && right === actual.right && kind === actual.kind;
}

function nowOption(now: unknown): { now?: number } {
  return now === null ? {} : { now: now as number };
}

// The event field a job error's path corresponds to (`options.now` → `now`).
function fieldOf(jobPath: string): string {
  if (jobPath === 'limit') return 'matchups';
  if (jobPath === 'ids' || jobPath.startsWith('ids[')) return jobPath.replace(/^ids/, 'datapoints');
  return jobPath.replace(/^options\./, '');
}

function describeMatchup(value: unknown): string {
  if (typeof value !== 'object' || value === null) return describeValue(value);
  const { id, left, right } = value as Partial<Matchup>;
  return `${String(id)} (${String(left)} vs ${String(right)})`;
}
