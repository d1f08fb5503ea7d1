/**
 * Rebuilding a job from a snapshot. Everything is checked before anything is built:
 * the format and version, the checksum, the shape and range of every field, and every
 * invariant a live job keeps (ARCHITECTURE.md), whether or not the checksum matches: a
 * resealed snapshot (edited, its checksum recomputed) restores only if a live job could
 * have written it. That covers the counts that must agree (exposure against pending and
 * completed matchups, pending counts, wins against losses, statuses against votes), the
 * budgets (each at least what it holds, the total a safe integer), ratings (on the grid,
 * zero-sum, each within K per completed matchup of where it started), round-robin
 * schedules (no pair twice in a round, no more draws than issues), the event log's
 * length (between the fewest and the most events the state took, so sequence numbers
 * stay far below 2^53) and the generator state (one Alea can reach).
 * @module
 */
import { adoptRankingJobDefinition, isNormalisedDefinition } from '../definition/createRankingJobDefinition.js';
import type { Pairing, RankingJobDefinition } from '../definition/types.js';
import { RankingInputError, describeValue } from '../errors.js';
import { RankingJobRunner, selectionNeeds } from '../job/createRankingJob.js';
import { fixedResponses, maxResponsesOf } from '../job/adaptiveResponses.js';
import { EventLog } from '../job/eventLog.js';
import { MatchupLedger, STATUS, sequenceOf, type PendingMatchup } from '../job/matchupLedger.js';
import { VALIDATION_RANKING } from '../job/validationPool.js';
import type { MatchupKind, RankingJob } from '../job/types.js';
import { createRng } from '../rng/createRng.js';
import type { Rng, RngState } from '../rng/rng.js';
import type { RoundRobinState } from '../selection/roundRobinSchedule.js';
import { RankingState } from '../state/rankingState.js';
import { copyJsonData, ownValue, requireOptionsObject } from '../validate.js';

// The restored rankings take their tie keys from the snapshot, not from this.
const EMPTY: readonly number[] = [];
import { STATUS_CHARACTERS } from './buildSnapshot.js';
import { canonicalJson, hashCanonicalJson, hashJsonValue, sameCanonicalJson } from './checksum.js';
import { checkVotes } from './checkVotes.js';
import { replayPosterior } from './replayPosterior.js';
import { readRankings, readVersion1Rankings, requireCount, requireList, requirePair, requireRecord } from './readSavedRankings.js';
import { idsOf as savedIds, type SavedRankings } from './savedRankings.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type RankingJobSnapshot } from './snapshotTypes.js';

/** Options of {@link restoreRankingJob}. */
export interface RestoreOptions {
  /**
   * The generator to continue with, for a snapshot whose `rng` is null (its job ran on
   * an injected rng without `state()`). Not allowed when the snapshot holds an rng state.
   */
  rng?: (() => number) | undefined;
}

const SNAPSHOT_KEYS = ['format', 'version', 'checksum', 'definition', 'rng', 'nextEventSequence', 'rankings', 'matchups'];
const MATCHUPS_KEYS = ['issued', 'statuses', 'pending', 'completedResponseIds', 'votes'];
const PENDING_KEYS = ['id', 'ranking', 'left', 'right', 'kind', 'pair', 'round', 'votes', 'responseIds', 'deadline'];
const KINDS_OF_PAIRING: Readonly<Record<Pairing, readonly MatchupKind[]>> = {
  adaptive: ['random', 'close'],
  informationGain: ['random', 'informationGain'],
  sort: ['sort', 'random', 'informationGain'],
  roundRobin: ['roundRobin'],
};
const CODE_OF_CHARACTER = /* @__PURE__ */ new Map(Object.entries(STATUS_CHARACTERS).map(([code, character]) => [character, Number(code)]));

/**
 * Rebuilds a job from `job.snapshot()`. The restored job behaves exactly as the one
 * that was saved: given the same later calls and responses it issues the same matchups
 * (ids included) and reaches the same results. Its event log continues from the
 * snapshot's `nextEventSequence`. Runs in O(size of the snapshot).
 *
 * @param snapshot - A snapshot, as returned or after a JSON round trip.
 * @param options - `rng`, only for a snapshot of a job that ran on an injected rng
 *   without state (its `rng` is null).
 * @returns The restored {@link RankingJob}.
 * @throws {@link RankingInputError} naming what is wrong (`snapshot.version`,
 *   `snapshot.checksum`, `snapshot.rankings[0].wins[3]`, `snapshot.matchups.pending[2].left`,
 *   …) for a snapshot that is truncated, altered, of another version or internally
 *   inconsistent. Nothing is returned half-loaded.
 * @example
 * ```ts
 * const saved = JSON.stringify(job.snapshot());
 * // … later, in another process:
 * const job = restoreRankingJob(JSON.parse(saved));
 * ```
 */
export function restoreRankingJob(snapshot: RankingJobSnapshot, options: RestoreOptions = {}): RankingJob {
  // Read the caller's snapshot once: the checksum, the checks and the job all read this
  // copy, so a getter or Proxy cannot show the checks one value and the job another. A
  // definition this library normalised (a snapshot taken in this process) is frozen all
  // the way down: its lists are shared, not copied (a million rankings' worth, maybe).
  const object = requireRecord(copyJsonData(snapshot, 'snapshot', 'typed', isNormalisedDefinition), 'snapshot', SNAPSHOT_KEYS);
  if (object['format'] !== SNAPSHOT_FORMAT) {
    throw new RankingInputError('snapshot.format', `must be '${SNAPSHOT_FORMAT}', got ${describeValue(object['format'])}`);
  }
  const version = object['version'];
  if (version !== SNAPSHOT_VERSION && version !== 1) {
    throw new RankingInputError('snapshot.version', `version ${describeValue(version)} is not supported; this library reads versions 1 and ${SNAPSHOT_VERSION}`);
  }
  const { checksum, format: _format, version: _version, ...body } = object;
  // Version 1 hashed the canonical JSON text; version 2 hashes the values (checksum.ts).
  if (typeof checksum !== 'string' || checksum !== (version === 1 ? hashCanonicalJson(body) : hashJsonValue(body))) {
    throw new RankingInputError('snapshot.checksum', 'does not match the contents: the snapshot was altered, truncated or damaged');
  }
  // The definition's lists are this function's own copy: adopted, not copied again.
  const definition = withPrefix('snapshot.definition', () => adoptRankingJobDefinition(body['definition'] as RankingJobDefinition));
  checkNormalised(body['definition'], definition);
  // The copy read as the definition is garbage from here (a million rankings' worth, maybe).
  body['definition'] = null;
  const rng = restoreRng(body['rng'], options);
  const nextEventSequence = requireCount(body['nextEventSequence'], 'snapshot.nextEventSequence');

  // Version 1 kept one object per ranking; both read into the same flat columns.
  const { saved, path } = version === 1 ? readVersion1Rankings(body['rankings'], definition) : readRankings(body['rankings'], definition);
  const rankingCount = saved.budgets.length;
  const idsOf = (r: number) => savedIds(saved, r, definition.datapoints[r]!);

  const matchups = requireRecord(body['matchups'], 'snapshot.matchups', MATCHUPS_KEYS);
  const issued = requireCount(matchups['issued'], 'snapshot.matchups.issued');
  const statuses = checkStatuses(matchups['statuses'], issued, definition);
  saved.roundRobin?.forEach((schedule, r) => checkRoundsDrawn(schedule, issued, path('roundRobin', r)));
  const kinds = kindsIssued(definition);
  const context: PendingContext = { definition, saved, positions: new Map(), undrawn: new Map(), kinds, statuses, issued, idsOf };
  const pending = requireList(matchups['pending'], 'snapshot.matchups.pending').map((entry, i) => checkPending(entry, `snapshot.matchups.pending[${i}]`, context));
  checkPendingSet(pending, statuses);
  checkPendingPairs(pending, saved);
  const completedResponses = checkCompletedResponses(matchups['completedResponseIds'], statuses, maxResponsesOf(definition.responsesPerComparison));

  // Exposure (flat, as the saved columns) and pending counts in one pass over the pending
  // matchups (not one per ranking).
  const total = saved.starts[rankingCount]!;
  const exposure = new Float64Array(total);
  const pendingCounts = new Float64Array(rankingCount);
  for (const matchup of pending) {
    if (matchup.ranking === VALIDATION_RANKING) continue;
    const from = saved.starts[matchup.ranking]!;
    exposure[from + matchup.left]!++;
    exposure[from + matchup.right]!++;
    pendingCounts[matchup.ranking]!++;
  }
  const needs = selectionNeeds(definition);
  let completedTotal = 0;
  for (let r = 0; r < rankingCount; r++) {
    const from = saved.starts[r]!;
    const n = saved.starts[r + 1]! - from;
    let comparisons = 0;
    for (let i = from; i < from + n; i++) {
      const completed = saved.wins[i]! + saved.losses[i]! + saved.draws[i]!;
      exposure[i]! += completed;
      comparisons += completed;
      // No datapoint is in more matchups than were ever issued.
      if (exposure[i]! > issued) {
        throw new RankingInputError(path('wins', r, i - from), `give datapoint ${i - from} of ranking ${r} ${exposure[i]} matchups, more than the ${issued} ever issued`);
      }
    }
    checkExposureOrder(saved, exposure, r, path);
    // Issuing a matchup names each side's opponent, and nothing but an addition clears it.
    for (let i = from; i < from + n; i++) {
      if (exposure[i]! > 0 && saved.lastOpponent[i] === -1) {
        throw new RankingInputError(path('lastOpponent', r, i - from), `must name an opponent: datapoint ${i - from} of ranking ${r} is in ${exposure[i]} matchups, got -1`);
      }
    }
    const completed = comparisons / 2;
    completedTotal += completed;
    if (pendingCounts[r]! + completed > saved.budgets[r]!) {
      throw new RankingInputError(path('budgets', r), `is ${saved.budgets[r]}, below its ${pendingCounts[r]} pending and ${completed} completed matchups`);
    }
  }
  const completedStatuses = statuses.reduce((count, code) => count + (code === STATUS.completed ? 1 : 0), 0);
  // Completed validation matchups are counted from their votes, below.
  if (definition.validation === undefined ? completedStatuses !== completedTotal : completedStatuses < completedTotal) {
    throw new RankingInputError(
      'snapshot.matchups.statuses',
      `count ${completedStatuses} completed matchups, but the rankings' wins, losses and draws count ${completedTotal}`,
    );
  }
  const { votes, completedValidation } = checkVotes(matchups['votes'], definition, saved, (r, i) => idsOf(r)[i]!, statuses, pending, completedResponses);
  if (completedStatuses !== completedTotal + completedValidation) {
    throw new RankingInputError(
      'snapshot.matchups.statuses',
      `count ${completedStatuses} completed matchups, but the rankings' wins, losses and draws count ${completedTotal} and the votes ${completedValidation} completed validation matchups`,
    );
  }
  checkEventCount(nextEventSequence, { saved, statuses, votes: votes.sequences.length });
  // Everything is checked: build the rankings.
  const states: RankingState[] = [];
  for (let r = 0; r < rankingCount; r++) {
    const restore = { saved, ranking: r, definitionSize: definition.datapoints[r]!.length, exposure, pending: pendingCounts[r]! };
    states.push(new RankingState(idsOf(r), saved.budgets[r]!, EMPTY, definition.elo, definition.posterior, needs, restore));
  }
  const ledger = new MatchupLedger();
  ledger.restore(statuses, pending, completedResponses, votes);
  replayPosterior(ledger.votes, statuses, states, fixedResponses(definition.responsesPerComparison));
  return new RankingJobRunner({ definition, rng, rankings: states, ledger, log: new EventLog(nextEventSequence) });
}

// --- The definition and the generator -------------------------------------------------

// A job writes its normalised definition; one with a default left out or spelt another
// way would restore, then write a different snapshot.
function checkNormalised(given: unknown, definition: RankingJobDefinition): void {
  if (sameCanonicalJson(given, definition)) return;
  const normal = definition as unknown as Record<string, unknown>;
  const record = given as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(normal), ...Object.keys(record)])].sort();
  const key = keys.find((k) => canonicalJson(record[k]) !== canonicalJson(normal[k]));
  throw new RankingInputError(
    key === undefined ? 'snapshot.definition' : `snapshot.definition.${key}`,
    `must be the normalised definition a job writes (as createRankingJobDefinition returns it), got ${key === undefined ? 'another form' : describeValue(record[key])}`,
  );
}

// --- The generator ---------------------------------------------------------------------

function restoreRng(saved: unknown, options: unknown): Rng {
  const object = requireOptionsObject(options, ['rng'], 'options', 'options.');
  const injected = ownValue(object, 'rng');
  if (saved === null) {
    if (typeof injected !== 'function') {
      throw new RankingInputError('options.rng', 'is required: the snapshot holds no generator state (its job ran on an injected rng without state())');
    }
    return injected as Rng;
  }
  if (injected !== undefined) {
    throw new RankingInputError('options.rng', 'must be left out: the snapshot holds its own generator state');
  }
  return withPrefix('snapshot.rng', () => createRng('', saved as RngState));
}

// --- Rankings ----------------------------------------------------------------------

// Each finished round issued at least one pair, and each pair drawn in the current round
// was issued, so the rounds and draws are at most the matchups issued. This also keeps
// the round number far from 2^53, where round + 1 would repeat it.
function checkRoundsDrawn(schedule: RoundRobinState | null, issued: number, path: string): void {
  if (schedule === null) return;
  if (schedule.drawn > issued) {
    throw new RankingInputError(`${path}.drawn`, `must be at most the ${issued} matchups issued, got ${schedule.drawn}`);
  }
  if (schedule.round - 1 > issued - schedule.drawn) {
    throw new RankingInputError(`${path}.round`, `must be at most ${issued - schedule.drawn + 1}: every earlier round issued a matchup, and ${issued} were issued (${schedule.drawn} of them in this round), got ${schedule.round}`);
  }
}

// Ranking r's exposure order must list its datapoints by exposure, ascending.
function checkExposureOrder(saved: SavedRankings, exposure: Float64Array, r: number, path: (field: string, r: number, i?: number) => string): void {
  const from = saved.starts[r]!;
  const order = saved.exposureOrder;
  for (let p = from + 1; p < saved.starts[r + 1]!; p++) {
    const [before, at] = [order[p - 1]!, order[p]!];
    if (exposure[from + at]! < exposure[from + before]!) {
      throw new RankingInputError(
        path('exposureOrder', r, p - from),
        `datapoint ${at} of ranking ${r} is in ${exposure[from + at]} matchups (pending and completed), fewer than datapoint ${before} before it (${exposure[from + before]}); the order must be by exposure`,
      );
    }
  }
}

// --- Matchups --------------------------------------------------------------------------

function checkStatuses(value: unknown, issued: number, definition: RankingJobDefinition): number[] {
  if (typeof value !== 'string' || value.length !== issued) {
    throw new RankingInputError('snapshot.matchups.statuses', `must be a string of ${issued} characters (one per issued matchup), got ${describeValue(value)}`);
  }
  return Array.from(value, (character, i) => {
    const code = CODE_OF_CHARACTER.get(character);
    if (code === undefined) {
      throw new RankingInputError(`snapshot.matchups.statuses[${i}]`, `must be one of p, c, r, e (matchup m${i + 1}), got ${describeValue(character)}`);
    }
    if (code === STATUS.expired && definition.matchupTtlMs === null) {
      throw new RankingInputError(`snapshot.matchups.statuses[${i}]`, `must not be e (expired) for matchup m${i + 1}: without matchupTtlMs nothing expires`);
    }
    return code;
  });
}

// What kinds of matchup a definition issues: a draw u in [0, 1) is random when u is below
// the ratio, so a ratio of 0 never issues random matchups and a ratio of 1 only random
// ones (sort pairing still places datapoints, and informs while none is free to place).
function kindsIssued(definition: RankingJobDefinition): readonly MatchupKind[] {
  const { pairing, randomComparisonsRatio: ratio } = definition;
  const kinds = KINDS_OF_PAIRING[pairing];
  if (ratio === 0) return kinds.filter((kind) => kind !== 'random');
  if (ratio === 1 && (pairing === 'adaptive' || pairing === 'informationGain')) return ['random'];
  return kinds;
}

interface PendingContext {
  readonly definition: RankingJobDefinition;
  readonly saved: SavedRankings;
  /** Datapoint id → index, per ranking, built for the rankings pending matchups name. */
  readonly positions: Map<number, Map<string, number>>;
  /** Whether a pair number is undrawn in the current round, per round-robin ranking, built as needed. */
  readonly undrawn: Map<number, (pair: number) => boolean>;
  /** The kinds of matchup the definition issues. */
  readonly kinds: readonly MatchupKind[];
  readonly statuses: readonly number[];
  readonly issued: number;
  readonly idsOf: (ranking: number) => readonly string[];
}

function checkPending(value: unknown, path: string, context: PendingContext): PendingMatchup {
  const { definition, saved, statuses, issued } = context;
  const rankingCount = saved.budgets.length;
  const entry = requireRecord(value, path, PENDING_KEYS);
  const id = entry['id'];
  const sequence = typeof id === 'string' ? sequenceOf(id) : 0;
  if (sequence === 0 || sequence > issued) throw new RankingInputError(`${path}.id`, `must be an issued matchup id m1 … m${issued}, got ${describeValue(id)}`);
  if (statuses[sequence - 1] !== STATUS.pending) throw new RankingInputError(`${path}.id`, `${id as string} is not marked pending in snapshot.matchups.statuses`);
  const ranking = entry['ranking'];
  if (ranking === null && definition.validation !== undefined) return checkPendingValidation(entry, path, context, id as string, sequence);
  if (typeof ranking !== 'number' || !Number.isInteger(ranking) || ranking < 0 || ranking >= rankingCount) {
    const allowed = definition.validation === undefined ? '' : ' or null (a validation matchup)';
    throw new RankingInputError(`${path}.ranking`, `must be a ranking index in [0, ${rankingCount})${allowed}, got ${describeValue(ranking)}`);
  }
  let positions = context.positions.get(ranking);
  if (positions === undefined) {
    positions = new Map(context.idsOf(ranking).map((id, i) => [id, i]));
    context.positions.set(ranking, positions);
  }
  const indexOf = (side: 'left' | 'right'): number => {
    const datapoint = entry[side];
    const index = typeof datapoint === 'string' ? positions.get(datapoint) : undefined;
    if (index === undefined) throw new RankingInputError(`${path}.${side}`, `names no datapoint of ranking ${ranking}: ${describeValue(datapoint)}`);
    return index;
  };
  const left = indexOf('left');
  const right = indexOf('right');
  if (left === right) throw new RankingInputError(`${path}.right`, 'is the same datapoint as left');
  const { kinds } = context;
  const kind = entry['kind'];
  if (typeof kind !== 'string' || !(kinds as readonly string[]).includes(kind)) {
    throw new RankingInputError(
      `${path}.kind`,
      `must be one of ${kinds.join(', ')} for ${definition.pairing} pairing with randomComparisonsRatio ${definition.randomComparisonsRatio}, got ${describeValue(kind)}`,
    );
  }
  const pair = entry['pair'];
  const round = entry['round'];
  const schedule = saved.roundRobin === null ? null : saved.roundRobin[ranking]!;
  if (schedule === null) {
    if (pair !== -1 || round !== 0) throw new RankingInputError(`${path}.pair`, `must be -1 with round 0 outside round robin, got ${describeValue(pair)}, ${describeValue(round)}`);
  } else {
    const high = Math.max(left, right);
    const expected = (high * (high - 1)) / 2 + Math.min(left, right);
    if (pair !== expected) throw new RankingInputError(`${path}.pair`, `must be ${expected}, the pair number of its datapoints, got ${describeValue(pair)}`);
    if (typeof round !== 'number' || !Number.isInteger(round) || round < 1 || round > schedule.round) {
      throw new RankingInputError(`${path}.round`, `must be a round in [1, ${schedule.round}], got ${describeValue(round)}`);
    }
    let undrawn = context.undrawn.get(ranking);
    if (undrawn === undefined) {
      undrawn = undrawnTest(schedule);
      context.undrawn.set(ranking, undrawn);
    }
    if (round === schedule.round && undrawn(expected)) {
      throw new RankingInputError(`${path}.pair`, `pair ${expected} is pending in round ${round}, so it cannot also be undrawn in that round's schedule`);
    }
  }
  return { id: id as string, sequence, ranking, left, right, kind: kind as MatchupKind, pair: pair as number, round: round as number, ...checkPendingResponses(entry, path, definition) };
}

// A pending validation matchup (ranking null): one of the definition's validation pairs,
// in either order, with kind validation, no round-robin pair, and its responses so far.
function checkPendingValidation(entry: Record<string, unknown>, path: string, context: PendingContext, id: string, sequence: number): PendingMatchup {
  const { definition } = context;
  let positions = context.positions.get(VALIDATION_RANKING);
  if (positions === undefined) {
    // Validation datapoints repeat across pairs: index pairs by their two ids instead.
    positions = new Map(definition.validation!.matchups.flatMap((matchup, k) => [
      [JSON.stringify([matchup.left, matchup.right]), 2 * k],
      [JSON.stringify([matchup.right, matchup.left]), 2 * k + 1],
    ]));
    context.positions.set(VALIDATION_RANKING, positions);
  }
  const left = positions.get(JSON.stringify([entry['left'], entry['right']]));
  if (left === undefined || typeof entry['left'] !== 'string' || typeof entry['right'] !== 'string') {
    throw new RankingInputError(`${path}.left`, `with right must be the pair of one of the definition's validation matchups, got ${describeValue(entry['left'])} and ${describeValue(entry['right'])}`);
  }
  if (entry['kind'] !== 'validation') throw new RankingInputError(`${path}.kind`, `must be validation for a matchup with ranking null, got ${describeValue(entry['kind'])}`);
  if (entry['pair'] !== -1 || entry['round'] !== 0) {
    throw new RankingInputError(`${path}.pair`, `must be -1 with round 0 for a validation matchup, got ${describeValue(entry['pair'])}, ${describeValue(entry['round'])}`);
  }
  return { id, sequence, ranking: VALIDATION_RANKING, left, right: left ^ 1, kind: 'validation', pair: -1, round: 0, ...checkPendingResponses(entry, path, definition) };
}

// The votes, response ids and deadline of a pending matchup.
function checkPendingResponses(entry: Record<string, unknown>, path: string, definition: RankingJobDefinition): Pick<PendingMatchup, 'leftVotes' | 'rightVotes' | 'drawVotes' | 'responseIds' | 'deadline'> {
  const votes = requireRecord(entry['votes'], `${path}.votes`, ['left', 'right', 'draw']);
  const tally = (['left', 'right', 'draw'] as const).map((side) => requireCount(votes[side], `${path}.votes.${side}`));
  const [leftVotes, rightVotes, drawVotes] = tally as [number, number, number];
  // With adaptive responses the rule completes a matchup at maxResponses at the latest (checkAdaptiveVotes.ts checks the rest).
  const most = maxResponsesOf(definition.responsesPerComparison);
  if (leftVotes + rightVotes + drawVotes >= most) {
    const field = typeof definition.responsesPerComparison === 'number' ? 'responsesPerComparison' : 'responsesPerComparison.maxResponses';
    throw new RankingInputError(`${path}.votes`, `must total fewer than ${field} (${most}) for a pending matchup`);
  }
  const responseIds = requireList(entry['responseIds'], `${path}.responseIds`);
  responseIds.forEach((responseId, i) => {
    if (typeof responseId !== 'string') throw new RankingInputError(`${path}.responseIds[${i}]`, `must be a string, got ${describeValue(responseId)}`);
  });
  if (new Set(responseIds).size !== responseIds.length || responseIds.length > leftVotes + rightVotes + drawVotes) {
    throw new RankingInputError(`${path}.responseIds`, 'must be distinct, and no more than the votes recorded');
  }
  const deadline = entry['deadline'];
  if (definition.matchupTtlMs === null ? deadline !== null : typeof deadline !== 'number' || !Number.isFinite(deadline)) {
    throw new RankingInputError(`${path}.deadline`, `must be ${definition.matchupTtlMs === null ? 'null (the definition has no matchupTtlMs)' : 'a finite number'}, got ${describeValue(deadline)}`);
  }
  return { leftVotes, rightVotes, drawVotes, deadline: deadline as number | null, responseIds: responseIds.length === 0 ? null : new Set(responseIds as string[]) };
}

// A test of whether a pair number is still in the undrawn part of a schedule's current
// round: it is a displaced slot's pair, or a slot of the undrawn part that kept its own.
function undrawnTest(schedule: RoundRobinState): (p: number) => boolean {
  const slots = new Set(schedule.displaced.map(([slot]) => slot));
  const pairs = new Set(schedule.displaced.map(([, pair]) => pair));
  return (p) => pairs.has(p) || (p >= schedule.drawn && !slots.has(p));
}

function checkPendingSet(pending: readonly PendingMatchup[], statuses: readonly number[]): void {
  const ids = new Set(pending.map((matchup) => matchup.id));
  if (ids.size !== pending.length) throw new RankingInputError('snapshot.matchups.pending', 'lists a matchup twice');
  const marked = statuses.reduce((count, code) => count + (code === STATUS.pending ? 1 : 0), 0);
  if (marked !== pending.length) {
    throw new RankingInputError('snapshot.matchups.pending', `lists ${pending.length} matchups, but snapshot.matchups.statuses marks ${marked} pending`);
  }
  // A job writes them in issue order, so its next snapshot is the same.
  for (let i = 1; i < pending.length; i++) {
    if (pending[i]!.sequence < pending[i - 1]!.sequence) {
      throw new RankingInputError(`snapshot.matchups.pending[${i}].id`, `must come after ${pending[i - 1]!.id}: pending matchups are listed in issue order, got ${pending[i]!.id}`);
    }
  }
}

// A round-robin round issues each pair once: a pair pending twice in a round, or pending
// and owed to the same round, would be handed out again when released.
function checkPendingPairs(pending: readonly PendingMatchup[], saved: SavedRankings): void {
  const schedules = saved.roundRobin;
  if (schedules === null) return;
  // Pairs pending or owed per ranking ("pair/round"), for the rankings pending matchups name.
  const taken = new Map<number, Set<string>>();
  pending.forEach((matchup, i) => {
    if (matchup.ranking === VALIDATION_RANKING) return;
    let keys = taken.get(matchup.ranking);
    if (keys === undefined) {
      keys = new Set(schedules[matchup.ranking]!.owed.map(([pair, round]) => `${pair}/${round}`));
      taken.set(matchup.ranking, keys);
    }
    const key = `${matchup.pair}/${matchup.round}`;
    if (keys.has(key)) {
      throw new RankingInputError(
        `snapshot.matchups.pending[${i}].pair`,
        `pair ${matchup.pair} is already pending or owed in round ${matchup.round} of ranking ${matchup.ranking}: a round issues each pair once`,
      );
    }
    keys.add(key);
  });
}

// `mostResponses`: the fixed responsesPerComparison, or the adaptive rule's maxResponses.
function checkCompletedResponses(value: unknown, statuses: readonly number[], mostResponses: number): [string, string[]][] {
  const seen = new Set<number>();
  return requireList(value, 'snapshot.matchups.completedResponseIds').map((entry, i) => {
    const path = `snapshot.matchups.completedResponseIds[${i}]`;
    const [id, responses] = requirePair(entry, path);
    const sequence = typeof id === 'string' ? sequenceOf(id) : 0;
    if (sequence === 0 || statuses[sequence - 1] !== STATUS.completed || seen.has(sequence)) {
      throw new RankingInputError(`${path}[0]`, `must be the id of a completed matchup not listed before, got ${describeValue(id)}`);
    }
    seen.add(sequence);
    const list = requireList(responses, `${path}[1]`);
    if (list.length === 0 || list.length > mostResponses || list.some((responseId) => typeof responseId !== 'string') || new Set(list).size !== list.length) {
      throw new RankingInputError(`${path}[1]`, `must be a non-empty list of at most ${mostResponses} (responsesPerComparison) distinct response id strings`);
    }
    return [id as string, list as string[]];
  });
}

// --- The event log ---------------------------------------------------------------------

interface EventCountContext {
  readonly saved: SavedRankings;
  readonly statuses: readonly number[];
  /** Responses in the vote log. */
  readonly votes: number;
}

// Every event left a trace the snapshot keeps: a response is a vote, a release a released
// status, an issuing call at least one issued matchup, an expiry at least one expired
// status, an addition at least one datapoint. So the log is at least one event per vote,
// release, kind of call seen and addition, and at most one per trace: a sequence number
// beyond that was never written, and the bound keeps it far below 2^53 (where
// sequence + 1 would repeat it).
function checkEventCount(nextEventSequence: number, context: EventCountContext): void {
  const { saved, statuses, votes } = context;
  let released = 0;
  let expired = 0;
  for (const code of statuses) {
    if (code === STATUS.released) released++;
    else if (code === STATUS.expired) expired++;
  }
  let added = 0;
  let additions = 0;
  for (const ids of saved.added.values()) {
    added += ids.length;
    additions++;
  }
  const fewest = votes + released + (statuses.length > 0 ? 1 : 0) + (expired > 0 ? 1 : 0) + additions;
  const most = votes + released + statuses.length + expired + added;
  if (nextEventSequence < fewest || nextEventSequence > most) {
    throw new RankingInputError(
      'snapshot.nextEventSequence',
      `must be between ${fewest} and ${most}, the fewest and the most events that give this state (responses, releases, issues, expiries and additions), got ${nextEventSequence}`,
    );
  }
}

// --- Small checks ----------------------------------------------------------------------

// Runs `build`, prefixing the path of any RankingInputError it throws.
function withPrefix<T>(prefix: string, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof RankingInputError)) throw error;
    const path = error.path === 'definition' || error.path === 'state' ? prefix : `${prefix}.${error.path.replace(/^state\./, '')}`;
    throw new RankingInputError(path, error.message.slice(error.path.length + 2));
  }
}
