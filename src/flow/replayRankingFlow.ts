/**
 * Rebuilding a flow from its event log: each event runs through the public call that
 * produced it, and the event the rebuilt flow logs must be the one given, field for
 * field, so a log that does not fit (another configuration or seed, an edited, dropped or
 * reordered event) is refused at the first event that disagrees.
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { canonicalJson } from '../persistence/checksum.js';
import { copyJsonData, requireOptionsObject } from '../validate.js';
import { createRankingFlow } from './createRankingFlow.js';
import { FLOW_SNAPSHOT_FORMAT, type RankingFlowSnapshot } from './flowSnapshotTypes.js';
import type { RankingFlow, RankingFlowConfig, RankingFlowEvent, RankingFlowInput, RankingFlowOptions } from './flowTypes.js';
import { restoreRankingFlow } from './restoreRankingFlow.js';

const EVENT_KEYS: Readonly<Record<RankingFlowEvent['type'], readonly string[]>> = {
  batchAdded: ['seq', 'type', 'batchId', 'datapoints', 'context', 'ttlMs', 'now'],
  matchupsIssued: ['seq', 'type', 'now', 'matchups'],
  responseRecorded: ['seq', 'type', 'matchupId', 'outcome', 'responseId', 'labelerId', 'now'],
  matchupReleased: ['seq', 'type', 'matchupId'],
  expired: ['seq', 'type', 'now', 'matchupIds', 'batchIds'],
  batchForgotten: ['seq', 'type', 'batchId'],
};
// Fields an event has only sometimes: an issue's expiry, when the call expired something first.
const OPTIONAL_KEYS: Readonly<Partial<Record<RankingFlowEvent['type'], readonly string[]>>> = { matchupsIssued: ['expired'] };

/**
 * Rebuilds a flow from its event log (`flow.events()`), from its configuration or from
 * a snapshot: the result is the flow as it was after the last event given (a prefix
 * gives the flow as it was then). O(the work the logged calls did).
 *
 * @param origin - The configuration the flow was created with (as given, or `flow.config`),
 *   or a snapshot; the events must then start at its `nextEventSequence`.
 * @param events - Events in order, numbered without gaps (as `events()` returns them, or
 *   after a JSON round trip); read once, into a copy.
 * @param options - From a configuration: the `seed` (or a fresh `rng`) the flow was
 *   created with. Not used with a snapshot.
 * @returns The rebuilt {@link RankingFlow}; its own `events()` are the ones given.
 * @throws {@link RankingInputError} whose path names the offending event (`events[12]`,
 *   `events[12].matchups`, …).
 * @example
 * ```ts
 * const flow = replayRankingFlow(config, await db.loadEvents(), { seed: 'flow-1' });
 * ```
 */
export function replayRankingFlow(
  origin: RankingFlowInput | RankingFlowConfig | RankingFlowSnapshot,
  events: readonly RankingFlowEvent[],
  options: RankingFlowOptions = {},
): RankingFlow {
  const source = copyJsonData(origin, 'origin');
  const fromSnapshot = typeof source === 'object' && source !== null && (source as { format?: unknown }).format === FLOW_SNAPSHOT_FORMAT;
  const flow = fromSnapshot ? restoreRankingFlow(source as RankingFlowSnapshot) : createRankingFlow(source as RankingFlowInput, options);
  const list = copyJsonData(events, 'events');
  if (!Array.isArray(list)) throw new RankingInputError('events', `must be an array of events, got ${describeValue(list)}`);
  let expectedSeq = fromSnapshot ? (source as RankingFlowSnapshot).nextEventSequence : 0;
  list.forEach((event, index) => applyEvent(flow, event, index, expectedSeq++));
  return flow;
}

function applyEvent(flow: RankingFlow, value: unknown, index: number, expectedSeq: number): void {
  const path = `events[${index}]`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RankingInputError(path, `must be an event object, got ${describeValue(value)}`);
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(EVENT_KEYS, type)) {
    throw new RankingInputError(`${path}.type`, `must be one of ${Object.keys(EVENT_KEYS).join(', ')}, got ${describeValue(type)}`);
  }
  const keys = EVENT_KEYS[type as RankingFlowEvent['type']];
  const optional = OPTIONAL_KEYS[type as RankingFlowEvent['type']] ?? [];
  const event = requireOptionsObject(value, [...keys, ...optional], path, `${path}.`);
  for (const key of keys) if (!Object.prototype.hasOwnProperty.call(event, key)) throw new RankingInputError(`${path}.${key}`, 'is missing');
  if (event['seq'] !== expectedSeq) throw new RankingInputError(`${path}.seq`, `must be ${expectedSeq} (events are numbered without gaps), got ${describeValue(event['seq'])}`);
  try {
    applyCall(flow, event as unknown as RankingFlowEvent);
  } catch (error) {
    if (!(error instanceof RankingInputError)) throw error;
    throw new RankingInputError(path, `the flow refuses the call this event records: ${error.message}`);
  }
  // Exactly this event, field for field (an optional one present in both or neither): a
  // call that logs nothing or another event (an issue that expires what the log says
  // nothing of) means no flow wrote this log. Every call logs one event at most.
  const logged = flow.events(expectedSeq);
  if (logged.length !== 1) throw new RankingInputError(path, 'changes nothing in the flow here, so no flow could have logged it');
  const own = logged[0] as unknown as Record<string, unknown>;
  const has = (object: Record<string, unknown>, key: string) => Object.prototype.hasOwnProperty.call(object, key);
  const differing = [...keys, ...optional].find((key) => has(own, key) !== has(event, key) || canonicalJson(own[key]) !== canonicalJson(event[key]));
  if (differing !== undefined) {
    throw new RankingInputError(`${path}.${differing}`, `is ${describeValue(event[differing])}, but the flow logs ${describeValue(own[differing])} here: the log belongs to another configuration, seed or history`);
  }
}

function applyCall(flow: RankingFlow, event: RankingFlowEvent): void {
  switch (event.type) {
    case 'batchAdded':
      flow.addBatch(event.datapoints, { now: event.now, ttlMs: event.ttlMs, context: event.context });
      return;
    case 'matchupsIssued':
      if (!Array.isArray(event.matchups) || event.matchups.length === 0) throw new RankingInputError('matchups', `must be a non-empty array, got ${describeValue(event.matchups)}`);
      flow.nextMatchups(event.matchups.length, { now: event.now });
      return;
    case 'responseRecorded': {
      const options: Record<string, unknown> = {};
      if (event.responseId !== null) options['responseId'] = event.responseId;
      if (event.labelerId !== null) options['labelerId'] = event.labelerId;
      if (event.now !== null) options['now'] = event.now;
      if (!flow.recordResponse(event.matchupId, event.outcome, options)) throw new RankingInputError('responseId', `${describeValue(event.responseId)} was already recorded for ${event.matchupId}`);
      return;
    }
    case 'matchupReleased':
      flow.releaseMatchup(event.matchupId);
      return;
    case 'expired':
      flow.expire(event.now);
      return;
    case 'batchForgotten':
      flow.forgetBatch(event.batchId);
  }
}
