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
import { createRankingJobDefinition } from '../definition/createRankingJobDefinition.js';
import type { Pairing, RankingJobDefinition } from '../definition/types.js';
import { eloQuantum } from '../elo/eloDelta.js';
import { RankingInputError, describeValue } from '../errors.js';
import { RankingJobRunner, selectionNeeds } from '../job/createRankingJob.js';
import { EventLog } from '../job/eventLog.js';
import { MatchupLedger, STATUS, sequenceOf, type PendingMatchup } from '../job/matchupLedger.js';
import type { MatchupKind, RankingJob } from '../job/types.js';
import { createRng } from '../rng/createRng.js';
import type { Rng, RngState } from '../rng/rng.js';
import type { RoundRobinState } from '../selection/roundRobinSchedule.js';
import { RankingState } from '../state/rankingState.js';
import { copyJsonData, ownValue, requireOptionsObject } from '../validate.js';
import { STATUS_CHARACTERS } from './buildSnapshot.js';
import { canonicalJson, hash53 } from './checksum.js';
import { checkVotes } from './checkVotes.js';
import { replayPosterior } from './replayPosterior.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type RankingJobSnapshot, type RankingSnapshot } from './snapshotTypes.js';

/** Options of {@link restoreRankingJob}. */
export interface RestoreOptions {
  /**
   * The generator to continue with, for a snapshot whose `rng` is null (its job ran on
   * an injected rng without `state()`). Not allowed when the snapshot holds an rng state.
   */
  rng?: (() => number) | undefined;
}

const SNAPSHOT_KEYS = ['format', 'version', 'checksum', 'definition', 'rng', 'nextEventSequence', 'rankings', 'matchups'];
const RANKING_KEYS = [
  'datapoints',
  'budget',
  'offsets',
  'startOffsets',
  'tieKeys',
  'wins',
  'losses',
  'draws',
  'lastOpponent',
  'exposureOrder',
  'roundRobin',
];
const MATCHUPS_KEYS = ['issued', 'statuses', 'pending', 'completedResponseIds', 'votes'];
const PENDING_KEYS = ['id', 'ranking', 'left', 'right', 'kind', 'pair', 'round', 'votes', 'responseIds', 'deadline'];
const ROUND_ROBIN_KEYS = ['round', 'drawn', 'displaced', 'owed', 'lastRound'];
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
  // copy, so a getter or Proxy cannot show the checks one value and the job another.
  const object = requireRecord(copyJsonData(snapshot, 'snapshot'), 'snapshot', SNAPSHOT_KEYS);
  if (object['format'] !== SNAPSHOT_FORMAT) {
    throw new RankingInputError('snapshot.format', `must be '${SNAPSHOT_FORMAT}', got ${describeValue(object['format'])}`);
  }
  if (object['version'] !== SNAPSHOT_VERSION) {
    throw new RankingInputError(
      'snapshot.version',
      `version ${describeValue(object['version'])} is not supported; this library reads version ${SNAPSHOT_VERSION}`,
    );
  }
  const { checksum, format: _format, version: _version, ...body } = object;
  if (typeof checksum !== 'string' || checksum !== hash53(canonicalJson(body))) {
    throw new RankingInputError('snapshot.checksum', 'does not match the contents: the snapshot was altered, truncated or damaged');
  }
  const definition = withPrefix('snapshot.definition', () => createRankingJobDefinition(body['definition'] as RankingJobDefinition));
  checkNormalised(body['definition'], definition);
  const rng = restoreRng(body['rng'], options);
  const nextEventSequence = requireCount(body['nextEventSequence'], 'snapshot.nextEventSequence');

  const rankingList = requireList(body['rankings'], 'snapshot.rankings');
  if (rankingList.length !== definition.datapoints.length) {
    throw new RankingInputError('snapshot.rankings', `must hold ${definition.datapoints.length} rankings (one per definition ranking), got ${rankingList.length}`);
  }
  const rankings = rankingList.map((ranking, r) => checkRanking(ranking, r, definition));
  checkTotalBudget(rankings);

  const matchups = requireRecord(body['matchups'], 'snapshot.matchups', MATCHUPS_KEYS);
  const issued = requireCount(matchups['issued'], 'snapshot.matchups.issued');
  const statuses = checkStatuses(matchups['statuses'], issued, definition);
  rankings.forEach((ranking, r) => checkRoundsDrawn(ranking.roundRobin, issued, `snapshot.rankings[${r}].roundRobin`));
  const positions = rankings.map((ranking) => new Map(ranking.datapoints.map((id, i) => [id, i])));
  const undrawn = rankings.map((ranking) => undrawnTest(ranking.roundRobin));
  const kinds = kindsIssued(definition);
  const pending = requireList(matchups['pending'], 'snapshot.matchups.pending').map((entry, i) =>
    checkPending(entry, `snapshot.matchups.pending[${i}]`, { definition, rankings, positions, undrawn, kinds, statuses, issued }),
  );
  checkPendingSet(pending, statuses);
  checkPendingPairs(pending, rankings);
  const completedResponses = checkCompletedResponses(matchups['completedResponseIds'], statuses, definition.responsesPerComparison);

  // Exposure and pending counts in one pass over the pending matchups (not one per ranking).
  const exposures = rankings.map((ranking) => new Float64Array(ranking.datapoints.length));
  const pendingCounts = new Array<number>(rankings.length).fill(0);
  for (const matchup of pending) {
    const exposure = exposures[matchup.ranking]!;
    exposure[matchup.left]!++;
    exposure[matchup.right]!++;
    pendingCounts[matchup.ranking]!++;
  }
  const needs = selectionNeeds(definition);
  let completedTotal = 0;
  const states = rankings.map((ranking, r) => {
    const path = `snapshot.rankings[${r}]`;
    const n = ranking.datapoints.length;
    const exposure = exposures[r]!;
    const pendingHere = pendingCounts[r]!;
    let comparisons = 0;
    for (let i = 0; i < n; i++) {
      const completed = ranking.wins[i]! + ranking.losses[i]! + ranking.draws[i]!;
      exposure[i]! += completed;
      comparisons += completed;
      // No datapoint is in more matchups than were ever issued.
      if (exposure[i]! > issued) {
        throw new RankingInputError(`${path}.wins`, `give datapoint ${i} ${exposure[i]} matchups, more than the ${issued} ever issued`);
      }
    }
    checkExposureOrder(ranking.exposureOrder, exposure, `${path}.exposureOrder`);
    // Issuing a matchup names each side's opponent, and nothing but an addition clears it.
    for (let i = 0; i < n; i++) {
      if (exposure[i]! > 0 && ranking.lastOpponent[i] === -1) {
        throw new RankingInputError(`${path}.lastOpponent[${i}]`, `must name an opponent: datapoint ${i} is in ${exposure[i]} matchups, got -1`);
      }
    }
    const completed = comparisons / 2;
    completedTotal += completed;
    if (pendingHere + completed > ranking.budget) {
      throw new RankingInputError(`${path}.budget`, `is ${ranking.budget}, below its ${pendingHere} pending and ${completed} completed matchups`);
    }
    return new RankingState(ranking.datapoints, ranking.budget, ranking.tieKeys, definition.elo, definition.posterior, needs, {
      data: ranking,
      exposure,
      pending: pendingHere,
    });
  });
  const completedStatuses = statuses.reduce((count, code) => count + (code === STATUS.completed ? 1 : 0), 0);
  if (completedStatuses !== completedTotal) {
    throw new RankingInputError(
      'snapshot.matchups.statuses',
      `count ${completedStatuses} completed matchups, but the rankings' wins, losses and draws count ${completedTotal}`,
    );
  }
  const voteLog = checkVotes(matchups['votes'], definition, rankings, statuses, pending, completedResponses);
  checkEventCount(nextEventSequence, { definition, rankings, statuses, votes: voteLog.size });
  replayPosterior(voteLog, statuses, states, definition.responsesPerComparison);
  const ledger = new MatchupLedger();
  ledger.restore(statuses, pending, completedResponses, voteLog);
  return new RankingJobRunner({ definition, rng, rankings: states, ledger, log: new EventLog(nextEventSequence) });
}

// --- The definition and the generator -------------------------------------------------

// A job writes its normalised definition; one with a default left out or spelt another
// way would restore, then write a different snapshot.
function checkNormalised(given: unknown, definition: RankingJobDefinition): void {
  if (canonicalJson(given) === canonicalJson(definition)) return;
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

// --- Rankings --------------------------------------------------------------------------

function checkRanking(value: unknown, r: number, definition: RankingJobDefinition): RankingSnapshot {
  const path = `snapshot.rankings[${r}]`;
  const ranking = requireRecord(value, path, RANKING_KEYS);
  const original = definition.datapoints[r]!;
  const datapoints = requireList(ranking['datapoints'], `${path}.datapoints`);
  const seen = new Set<string>();
  datapoints.forEach((id, i) => {
    const where = `${path}.datapoints[${i}]`;
    if (typeof id !== 'string' || id.length === 0) throw new RankingInputError(where, `must be a non-empty string, got ${describeValue(id)}`);
    if (seen.has(id)) throw new RankingInputError(where, `duplicates another datapoint (${describeValue(id)})`);
    if (i < original.length && id !== original[i]) {
      throw new RankingInputError(where, `must be the definition's datapoint ${describeValue(original[i])}, got ${describeValue(id)}`);
    }
    seen.add(id);
  });
  if (datapoints.length < original.length) {
    throw new RankingInputError(`${path}.datapoints`, `must start with the definition's ${original.length} datapoints, got ${datapoints.length}`);
  }
  const n = datapoints.length;
  const budget = requireCount(ranking['budget'], `${path}.budget`);
  if (budget < definition.comparisonBudgetPerRanking) {
    throw new RankingInputError(`${path}.budget`, `must be at least the definition's ${definition.comparisonBudgetPerRanking}, got ${budget}`);
  }
  // Only addDatapoints adds budget.
  if (n === original.length && budget !== definition.comparisonBudgetPerRanking) {
    throw new RankingInputError(`${path}.budget`, `must be the definition's ${definition.comparisonBudgetPerRanking}: no datapoints were added, so no budget was, got ${budget}`);
  }
  const quantum = eloQuantum(definition.elo.kFactor, definition.elo.scale);
  // Offsets are whole multiples of the grid within its exact range (what a job produces).
  const range = quantum * 2 ** 51;
  const onGrid = (x: number) => Number.isInteger(x / quantum) && Math.abs(x) <= range;
  const allowed = `a multiple of the rating grid ${quantum} within ±${range}`;
  const offsets = checkNumbers(ranking['offsets'], `${path}.offsets`, n, onGrid, allowed);
  const startOffsets = checkNumbers(ranking['startOffsets'], `${path}.startOffsets`, n, onGrid, allowed);
  for (let i = 0; i < original.length; i++) {
    if (startOffsets[i] !== 0) throw new RankingInputError(`${path}.startOffsets[${i}]`, `must be 0: the definition's datapoints start at its initial rating, got ${startOffsets[i]}`);
  }
  // addDatapoints takes initial ratings within this reach of the definition's.
  const reach = quantum * 2 ** 50;
  for (let i = original.length; i < n; i++) {
    if (Math.abs(startOffsets[i]!) > reach) throw new RankingInputError(`${path}.startOffsets[${i}]`, `must be within ±${reach} (what addDatapoints accepts), got ${startOffsets[i]}`);
  }
  const tieKeys = checkNumbers(ranking['tieKeys'], `${path}.tieKeys`, n, (x) => x >= 0 && x < 1, 'a number in [0, 1)');
  const count = (x: number) => Number.isSafeInteger(x) && x >= 0;
  const wins = checkNumbers(ranking['wins'], `${path}.wins`, n, count, 'a non-negative integer');
  const losses = checkNumbers(ranking['losses'], `${path}.losses`, n, count, 'a non-negative integer');
  const draws = checkNumbers(ranking['draws'], `${path}.draws`, n, count, 'a non-negative integer');
  const lastOpponent = checkNumbers(ranking['lastOpponent'], `${path}.lastOpponent`, n, (x) => Number.isInteger(x) && x >= -1 && x < n, `an index in [-1, ${n})`);
  lastOpponent.forEach((opponent, i) => {
    if (opponent === i) throw new RankingInputError(`${path}.lastOpponent[${i}]`, 'names the datapoint itself');
  });
  const exposureOrder = checkNumbers(ranking['exposureOrder'], `${path}.exposureOrder`, n, (x) => Number.isInteger(x) && x >= 0 && x < n, `an index in [0, ${n})`);
  if (new Set(exposureOrder).size !== n) throw new RankingInputError(`${path}.exposureOrder`, `must list every datapoint index 0 … ${n - 1} once`);
  // Summed in whole grid steps (BigInt), so the check is exact however large the sums.
  const steps = (values: readonly number[]) => values.reduce((total, x) => total + BigInt(x / quantum), 0n);
  if (steps(offsets) !== steps(startOffsets)) {
    throw new RankingInputError(`${path}.offsets`, `must sum to the starting offsets' sum (Elo updates are zero-sum); they differ by ${(steps(offsets) - steps(startOffsets)).toString()} grid steps of ${quantum}`);
  }
  if (sum(wins) !== sum(losses)) {
    throw new RankingInputError(`${path}.wins`, `must add up to the losses (${sum(losses)}): every decided matchup has a winner and a loser, got ${sum(wins)}`);
  }
  if (sum(draws) % 2 !== 0) throw new RankingInputError(`${path}.draws`, `must add up to an even number (a draw counts for both sides), got ${sum(draws)}`);
  // An Elo step moves a rating by at most K (plus half a grid step of rounding), and only a
  // completed matchup moves it: a rating is within that of where it started.
  const step = definition.elo.kFactor + quantum;
  for (let i = 0; i < n; i++) {
    const completed = wins[i]! + losses[i]! + draws[i]!;
    if (Math.abs(offsets[i]! - startOffsets[i]!) > completed * step) {
      throw new RankingInputError(
        `${path}.offsets[${i}]`,
        `is ${offsets[i]! - startOffsets[i]!} from its starting offset ${startOffsets[i]}, more than ${completed} completed matchups can move it (K ${definition.elo.kFactor} each)`,
      );
    }
  }
  const roundRobin = checkRoundRobin(ranking['roundRobin'], `${path}.roundRobin`, definition, n);
  return { datapoints: datapoints as string[], budget, offsets, startOffsets, tieKeys, wins, losses, draws, lastOpponent, exposureOrder, roundRobin };
}

function checkRoundRobin(value: unknown, path: string, definition: RankingJobDefinition, n: number): RoundRobinState | null {
  if (definition.pairing !== 'roundRobin') {
    if (value !== null) throw new RankingInputError(path, `must be null for ${definition.pairing} pairing`);
    return null;
  }
  const state = requireRecord(value, path, ROUND_ROBIN_KEYS);
  const pairs = (n * (n - 1)) / 2;
  const round = requireCount(state['round'], `${path}.round`);
  if (round < 1) throw new RankingInputError(`${path}.round`, 'must be at least 1');
  const drawn = requireCount(state['drawn'], `${path}.drawn`);
  if (drawn > pairs) throw new RankingInputError(`${path}.drawn`, `must be at most the ${pairs} pairs, got ${drawn}`);
  const lastRound = requireCount(state['lastRound'], `${path}.lastRound`);
  if (lastRound < 1 || lastRound > round) throw new RankingInputError(`${path}.lastRound`, `must be in [1, ${round}], got ${lastRound}`);
  const displaced = requireList(state['displaced'], `${path}.displaced`).map((entry, i) => {
    const [slot, pair] = requirePair(entry, `${path}.displaced[${i}]`);
    if (!isIntegerIn(slot, drawn, pairs) || !isIntegerIn(pair, 0, pairs)) {
      throw new RankingInputError(`${path}.displaced[${i}]`, `must be [slot in [${drawn}, ${pairs}), pair in [0, ${pairs})], got ${describeValue(entry)}`);
    }
    return [slot, pair] as const;
  });
  // The undrawn part of the round holds each pair at most once: displaced slots are
  // distinct, their pairs are distinct, and a displaced pair is not also an undisplaced slot.
  const slots = new Set(displaced.map(([slot]) => slot));
  const values = new Set<number>();
  displaced.forEach(([, pair], i) => {
    if (values.has(pair) || (pair >= drawn && !slots.has(pair))) {
      throw new RankingInputError(`${path}.displaced[${i}]`, `puts pair ${pair} in the round's undrawn part twice`);
    }
    values.add(pair);
  });
  if (slots.size !== displaced.length) throw new RankingInputError(`${path}.displaced`, 'lists a slot twice');
  const owedKeys = new Set<string>();
  const owed = requireList(state['owed'], `${path}.owed`).map((entry, i) => {
    const [pair, owedRound] = requirePair(entry, `${path}.owed[${i}]`);
    if (!isIntegerIn(pair, 0, pairs) || !isIntegerIn(owedRound, 1, round)) {
      throw new RankingInputError(`${path}.owed[${i}]`, `must be [pair in [0, ${pairs}), an earlier round in [1, ${round})], got ${describeValue(entry)}`);
    }
    // A pair is issued once per round, so it is owed to a round at most once.
    const key = `${pair}/${owedRound}`;
    if (owedKeys.has(key)) throw new RankingInputError(`${path}.owed[${i}]`, `owes pair ${pair} to round ${owedRound} a second time`);
    owedKeys.add(key);
    return [pair, owedRound] as const;
  });
  return { round, drawn, displaced, owed, lastRound };
}

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

// The rankings' budgets add up to the job's, which must stay a safe integer (addDatapoints refuses to pass it).
function checkTotalBudget(rankings: readonly RankingSnapshot[]): void {
  let total = 0;
  rankings.forEach((ranking, r) => {
    total += ranking.budget;
    if (total > Number.MAX_SAFE_INTEGER) {
      throw new RankingInputError(`snapshot.rankings[${r}].budget`, `takes the rankings' total budget past ${Number.MAX_SAFE_INTEGER}, got ${ranking.budget}`);
    }
  });
}

// The exposure order must list the datapoints by exposure, ascending.
function checkExposureOrder(order: readonly number[], exposure: Float64Array, path: string): void {
  for (let p = 1; p < order.length; p++) {
    if (exposure[order[p]!]! < exposure[order[p - 1]!]!) {
      throw new RankingInputError(
        `${path}[${p}]`,
        `datapoint ${order[p]} is in ${exposure[order[p]!]} matchups (pending and completed), fewer than datapoint ${order[p - 1]} before it (${exposure[order[p - 1]!]}); the order must be by exposure`,
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
  readonly rankings: readonly RankingSnapshot[];
  /** Datapoint id → index, per ranking. */
  readonly positions: readonly Map<string, number>[];
  /** Whether a pair number is undrawn in the current round, per ranking. */
  readonly undrawn: readonly ((pair: number) => boolean)[];
  /** The kinds of matchup the definition issues. */
  readonly kinds: readonly MatchupKind[];
  readonly statuses: readonly number[];
  readonly issued: number;
}

function checkPending(value: unknown, path: string, context: PendingContext): PendingMatchup {
  const { definition, rankings, positions, statuses, issued } = context;
  const entry = requireRecord(value, path, PENDING_KEYS);
  const id = entry['id'];
  const sequence = typeof id === 'string' ? sequenceOf(id) : 0;
  if (sequence === 0 || sequence > issued) throw new RankingInputError(`${path}.id`, `must be an issued matchup id m1 … m${issued}, got ${describeValue(id)}`);
  if (statuses[sequence - 1] !== STATUS.pending) throw new RankingInputError(`${path}.id`, `${id as string} is not marked pending in snapshot.matchups.statuses`);
  const ranking = entry['ranking'];
  if (typeof ranking !== 'number' || !Number.isInteger(ranking) || ranking < 0 || ranking >= rankings.length) {
    throw new RankingInputError(`${path}.ranking`, `must be a ranking index in [0, ${rankings.length}), got ${describeValue(ranking)}`);
  }
  const indexOf = (side: 'left' | 'right'): number => {
    const datapoint = entry[side];
    const index = typeof datapoint === 'string' ? positions[ranking]!.get(datapoint) : undefined;
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
  const schedule = rankings[ranking]!.roundRobin;
  if (schedule === null) {
    if (pair !== -1 || round !== 0) throw new RankingInputError(`${path}.pair`, `must be -1 with round 0 outside round robin, got ${describeValue(pair)}, ${describeValue(round)}`);
  } else {
    const high = Math.max(left, right);
    const expected = (high * (high - 1)) / 2 + Math.min(left, right);
    if (pair !== expected) throw new RankingInputError(`${path}.pair`, `must be ${expected}, the pair number of its datapoints, got ${describeValue(pair)}`);
    if (typeof round !== 'number' || !Number.isInteger(round) || round < 1 || round > schedule.round) {
      throw new RankingInputError(`${path}.round`, `must be a round in [1, ${schedule.round}], got ${describeValue(round)}`);
    }
    if (round === schedule.round && context.undrawn[ranking]!(expected)) {
      throw new RankingInputError(`${path}.pair`, `pair ${expected} is pending in round ${round}, so it cannot also be undrawn in that round's schedule`);
    }
  }
  const votes = requireRecord(entry['votes'], `${path}.votes`, ['left', 'right', 'draw']);
  const tally = (['left', 'right', 'draw'] as const).map((side) => requireCount(votes[side], `${path}.votes.${side}`));
  const [leftVotes, rightVotes, drawVotes] = tally as [number, number, number];
  if (leftVotes + rightVotes + drawVotes >= definition.responsesPerComparison) {
    throw new RankingInputError(`${path}.votes`, `must total fewer than responsesPerComparison (${definition.responsesPerComparison}) for a pending matchup`);
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
  return {
    id: id as string,
    sequence,
    ranking,
    left,
    right,
    kind: kind as MatchupKind,
    pair: pair as number,
    round: round as number,
    deadline: deadline as number | null,
    leftVotes,
    rightVotes,
    drawVotes,
    responseIds: responseIds.length === 0 ? null : new Set(responseIds as string[]),
  };
}

// A test of whether a pair number is still in the undrawn part of a schedule's current
// round: it is a displaced slot's pair, or a slot of the undrawn part that kept its own.
function undrawnTest(schedule: RoundRobinState | null): (p: number) => boolean {
  if (schedule === null) return () => false;
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
function checkPendingPairs(pending: readonly PendingMatchup[], rankings: readonly RankingSnapshot[]): void {
  const taken = rankings.map((ranking) => (ranking.roundRobin === null ? null : new Set(ranking.roundRobin.owed.map(([pair, round]) => `${pair}/${round}`))));
  pending.forEach((matchup, i) => {
    const keys = taken[matchup.ranking]!;
    if (keys === null) return;
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

function checkCompletedResponses(value: unknown, statuses: readonly number[], responsesPerComparison: number): [string, string[]][] {
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
    if (list.length === 0 || list.length > responsesPerComparison || list.some((responseId) => typeof responseId !== 'string') || new Set(list).size !== list.length) {
      throw new RankingInputError(`${path}[1]`, `must be a non-empty list of at most ${responsesPerComparison} (responsesPerComparison) distinct response id strings`);
    }
    return [id as string, list as string[]];
  });
}

// --- The event log ---------------------------------------------------------------------

interface EventCountContext {
  readonly definition: RankingJobDefinition;
  readonly rankings: readonly RankingSnapshot[];
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
  const { definition, rankings, statuses, votes } = context;
  let released = 0;
  let expired = 0;
  for (const code of statuses) {
    if (code === STATUS.released) released++;
    else if (code === STATUS.expired) expired++;
  }
  let added = 0;
  let additions = 0;
  rankings.forEach((ranking, r) => {
    const count = ranking.datapoints.length - definition.datapoints[r]!.length;
    added += count;
    if (count > 0) additions++;
  });
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

function requireRecord(value: unknown, path: string, keys: readonly string[]): Record<string, unknown> {
  const object = requireOptionsObject(value, keys, path, `${path}.`);
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(object, key)) throw new RankingInputError(`${path}.${key}`, 'is missing (the snapshot is truncated or not a snapshot)');
  }
  return object;
}

function requireList(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new RankingInputError(path, `must be an array, got ${describeValue(value)}`);
  return value;
}

function requirePair(value: unknown, path: string): [unknown, unknown] {
  if (!Array.isArray(value) || value.length !== 2) throw new RankingInputError(path, `must be a pair [a, b], got ${describeValue(value)}`);
  return [value[0], value[1]];
}

// Whether x is an integer in [low, high).
function isIntegerIn(x: unknown, low: number, high: number): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= low && x < high;
}

function requireCount(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RankingInputError(path, `must be a non-negative safe integer, got ${describeValue(value)}`);
  }
  return value;
}

function checkNumbers(value: unknown, path: string, length: number, valid: (x: number) => boolean, allowed: string): number[] {
  const list = requireList(value, path);
  if (list.length !== length) throw new RankingInputError(path, `must hold ${length} entries (one per datapoint), got ${list.length}`);
  list.forEach((x, i) => {
    if (typeof x !== 'number' || !valid(x)) throw new RankingInputError(`${path}[${i}]`, `must be ${allowed}, got ${describeValue(x)}`);
  });
  return list as number[];
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

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
