/**
 * Rebuilding a flow from a snapshot: the snapshot is copied once, its checksum checked,
 * then every field's type and range and that the parts agree (flowSnapshotTypes.ts
 * states each rule on its field), before anything is built.
 * @module
 */
import { eloQuantum } from '../elo/eloDelta.js';
import { RankingInputError, describeValue } from '../errors.js';
import { hashJsonValue, sameCanonicalJson } from '../persistence/checksum.js';
import { createRng } from '../rng/createRng.js';
import { copyJsonData, requireNonEmptyString } from '../validate.js';
import { batchFitBounds } from './batchBradleyTerry.js';
import { BATCH, batchIndexOf } from './flowBatches.js';
import { MAX_BATCH_DATAPOINTS, MIN_BATCH_DATAPOINTS, normaliseFlowConfig } from './flowConfig.js';
import { MATCHUP, sequenceOfMatchupId } from './flowLedger.js';
import { FlowRunner, freshFlowParts } from './flowRunner.js';
import { FLOW_SNAPSHOT_FORMAT, FLOW_SNAPSHOT_VERSION, type RankingFlowSnapshot } from './flowSnapshotTypes.js';
import type { RankingFlow, RankingFlowConfig } from './flowTypes.js';
import { normaliseContext } from '../definition/normaliseContext.js';
import type { RankingContext } from '../definition/types.js';

const TOP_KEYS = ['format', 'version', 'checksum', 'config', 'rng', 'nextEventSequence', 'batches', 'matchups'];
const BATCHES_KEYS = ['statuses', 'pending', 'closed', 'contexts'];
const PENDING_KEYS = ['sizes', 'responses', 'addedAt', 'deadlines', 'datapoints', 'offsets', 'tieKeys', 'wins', 'losses', 'draws', 'lastOpponent'];
const CLOSED_KEYS = ['sizes', 'responses', 'addedAt', 'deadlines', 'datapoints', 'offsets', 'wins', 'losses', 'draws'];
// Bradley–Terry flows' extra columns: the open batches' pair counts, the closed ones' fits.
const PAIR_KEYS = ['pairs', 'pairFirst', 'pairSecond', 'pairFirstWins', 'pairSecondWins', 'pairDraws'];
const FIT_KEYS = ['scores', 'standardErrors'];
const MATCHUPS_KEYS = ['issued', 'statuses', 'pending', 'responseIds'];
const PENDING_MATCHUP_KEYS = ['id', 'batch', 'left', 'right', 'kind', 'deadline'];
const BATCH_CODES: Readonly<Record<string, number>> = { p: BATCH.pending, c: BATCH.completed, i: BATCH.incomplete, e: BATCH.expired, C: BATCH.completed | BATCH.forgotten, I: BATCH.incomplete | BATCH.forgotten, E: BATCH.expired | BATCH.forgotten };
const MATCHUP_CODES: Readonly<Record<string, number>> = { p: MATCHUP.pending, c: MATCHUP.completed, r: MATCHUP.released, e: MATCHUP.expired };

type Row = Record<string, unknown>;
type NumberList = ArrayLike<number>;

/** One batch as checked, before the flow is built. */
interface CheckedBatch {
  readonly code: number;
  readonly ids: readonly string[] | null;
  readonly budget: number;
  readonly minimum: number;
  readonly responses: number;
  readonly addedAt: number;
  readonly deadline: number;
  // Index of its first datapoint in its part's columns.
  readonly from: number;
  // A pending batch of a Bradley–Terry flow: index of its first pair in the pair columns, and its pairs.
  readonly pairFrom: number;
  readonly pairs: number;
  context: RankingContext | null;
  pending: number;
}

/**
 * Rebuilds a flow from `flow.snapshot()` (or its JSON): the same batches, matchups,
 * results, generator state and log position, so it then does exactly what the flow that
 * wrote the snapshot would have done. Its `events()` start at the snapshot's
 * `nextEventSequence`. O(size of the snapshot).
 *
 * @param snapshot - A snapshot from `flow.snapshot()`; read once, into a copy.
 * @returns The restored {@link RankingFlow}.
 * @throws {@link RankingInputError} naming the first offending field
 *   (`snapshot.batches.pending.offsets[12]`, `snapshot.matchups.pending[3].left`, …): a
 *   wrong format or version, a checksum that does not match (an altered or damaged
 *   snapshot), or any field outside its range or at odds with the others.
 * @example
 * ```ts
 * const flow = restoreRankingFlow(JSON.parse(await db.loadSnapshot()));
 * ```
 */
export function restoreRankingFlow(snapshot: RankingFlowSnapshot): RankingFlow {
  const copy = copyJsonData(snapshot, 'snapshot', 'typed');
  const top = requireRow(copy, TOP_KEYS, 'snapshot');
  if (top['format'] !== FLOW_SNAPSHOT_FORMAT) {
    throw new RankingInputError('snapshot.format', `must be '${FLOW_SNAPSHOT_FORMAT}', got ${describeValue(top['format'])}`);
  }
  if (top['version'] !== FLOW_SNAPSHOT_VERSION) {
    throw new RankingInputError('snapshot.version', `must be ${FLOW_SNAPSHOT_VERSION} (the flow snapshot version this library reads), got ${describeValue(top['version'])}`);
  }
  const { format: _format, version: _version, checksum, ...body } = top;
  if (typeof checksum !== 'string' || checksum !== hashJsonValue(body)) {
    throw new RankingInputError('snapshot.checksum', `does not match the snapshot's contents (got ${describeValue(checksum)}): it was altered or damaged`);
  }
  const config = checkConfig(top['config']);
  const rngValue = top['rng'];
  if (typeof rngValue !== 'object' || rngValue === null) throw new RankingInputError('snapshot.rng', `must be a generator state object, got ${describeValue(rngValue)}`);
  const rng = within('snapshot.rng', 'state', () => createRng(FLOW_SNAPSHOT_FORMAT, rngValue as never));
  const batchesRow = requireRow(top['batches'], BATCHES_KEYS, 'snapshot.batches');
  const statuses = requireString(batchesRow['statuses'], 'snapshot.batches.statuses');
  const batches = checkBatches(config, statuses, batchesRow);
  checkContexts(batchesRow['contexts'], batches);
  const matchups = checkMatchups(config, top['matchups'], batches, batchesRow);
  const nextEventSequence = checkEventCount(top['nextEventSequence'], statuses, matchups.statuses);

  const parts = freshFlowParts(config, rng, nextEventSequence);
  const pendingRow = batchesRow['pending'] as Row;
  const closedRow = batchesRow['closed'] as Row;
  const tieKeys = new Float64Array(MAX_BATCH_DATAPOINTS);
  const { tallies } = parts;
  batches.forEach((batch, b) => {
    parts.batches.add(batch.ids, batch.context, batch.budget, batch.minimum, batch.deadline, batch.addedAt);
    parts.batches.status[b] = batch.code;
    parts.batches.completed[b] = batch.responses;
    if (batch.ids === null) return;
    const size = batch.ids.length;
    if (batch.code === BATCH.pending) {
      const offsets = pendingRow['offsets'] as NumberList;
      const keys = pendingRow['tieKeys'] as NumberList;
      const wins = pendingRow['wins'] as NumberList;
      const losses = pendingRow['losses'] as NumberList;
      const draws = pendingRow['draws'] as NumberList;
      const last = pendingRow['lastOpponent'] as NumberList;
      for (let i = 0; i < size; i++) tieKeys[i] = keys[batch.from + i]!;
      const base = parts.live.allocate(size, tieKeys);
      parts.batches.base[b] = base;
      for (let i = 0; i < size; i++) {
        const at = batch.from + i;
        parts.live.offsets[base + i] = offsets[at]!;
        parts.live.wins[base + i] = wins[at]!;
        parts.live.losses[base + i] = losses[at]!;
        parts.live.draws[base + i] = draws[at]!;
        parts.live.exposure[base + i] = wins[at]! + losses[at]! + draws[at]!;
        parts.live.lastOpponent[base + i] = last[at]!;
      }
      if (tallies !== null) {
        const [first, second, firstWins, secondWins, pairDraws] = PAIR_KEYS.slice(1).map((key) => pendingRow[key] as NumberList) as [NumberList, NumberList, NumberList, NumberList, NumberList];
        for (let x = batch.pairFrom; x < batch.pairFrom + batch.pairs; x++) tallies.restore(b, first[x]!, second[x]!, firstWins[x]!, secondWins[x]!, pairDraws[x]!);
      }
    } else {
      parts.batches.base[b] = parts.results.restore(closedRow as Record<string, NumberList>, batch.from, size);
    }
  });
  const { ledger } = parts;
  let next = 0;
  for (let s = 1; s <= matchups.statuses.length; s++) {
    const code = MATCHUP_CODES[matchups.statuses[s - 1]!]!;
    if (code !== MATCHUP.pending) {
      ledger.append(-1, 0, 0, false, code);
      continue;
    }
    const matchup = matchups.pending[next++]!;
    const base = parts.batches.base[matchup.batch]!;
    ledger.open(matchup.batch, matchup.left, matchup.right, matchup.close, matchup.deadline);
    parts.batches.pending[matchup.batch]!++;
    parts.live.exposure[base + matchup.left]!++;
    parts.live.exposure[base + matchup.right]!++;
  }
  for (const [sequence, b, responseId] of matchups.responseIds) {
    ledger.batch[sequence - 1] = b;
    ledger.keepResponseId(sequence, b, responseId);
  }
  return new FlowRunner(parts);
}

function checkConfig(value: unknown): RankingFlowConfig {
  const config = within('snapshot.config', 'config', () => normaliseFlowConfig(value));
  if (!sameCanonicalJson(config, value)) {
    throw new RankingInputError('snapshot.config', 'is not a configuration in normal form (as flow.config gives it): a default is missing or a value differs from its normal form');
  }
  return config;
}

// Every batch by status: pending and kept closed ones with their columns checked.
function checkBatches(config: RankingFlowConfig, statuses: string, row: Row): CheckedBatch[] {
  const bradleyTerry = config.scorer === 'bradleyTerry';
  const pending = requireRow(row['pending'], bradleyTerry ? [...PENDING_KEYS, ...PAIR_KEYS] : PENDING_KEYS, 'snapshot.batches.pending');
  const closedKeys = bradleyTerry ? [...CLOSED_KEYS, ...FIT_KEYS] : CLOSED_KEYS;
  const closed = requireRow(row['closed'], closedKeys, 'snapshot.batches.closed');
  const counts = { pending: 0, closed: 0 };
  for (let b = 0; b < statuses.length; b++) {
    const code = BATCH_CODES[statuses[b]!];
    if (code === undefined) throw new RankingInputError('snapshot.batches.statuses', `holds ${describeValue(statuses[b])} at ${b}; allowed: p, c, i, e, C, I, E`);
    if (code === BATCH.pending) counts.pending++;
    else if (code < BATCH.forgotten) counts.closed++;
  }
  const pendingSizes = checkSizes(pending, counts.pending, 'snapshot.batches.pending', PENDING_KEYS);
  const closedSizes = checkSizes(closed, counts.closed, 'snapshot.batches.closed', closedKeys);
  const pairCounts = bradleyTerry ? checkPairColumns(pending, counts.pending) : null;
  const quantum = eloQuantum(config.elo.kFactor, config.elo.scale);
  const batches: CheckedBatch[] = [];
  const at = { pending: 0, closed: 0, pendingFrom: 0, closedFrom: 0, pairFrom: 0 };
  for (let b = 0; b < statuses.length; b++) {
    const code = BATCH_CODES[statuses[b]!]!;
    if (code >= BATCH.forgotten) {
      batches.push({ code, ids: null, budget: 0, minimum: 0, responses: 0, addedAt: 0, deadline: Number.NaN, from: 0, pairFrom: 0, pairs: 0, context: null, pending: 0 });
      continue;
    }
    const open = code === BATCH.pending;
    const part = open ? pending : closed;
    const name = open ? 'snapshot.batches.pending' : 'snapshot.batches.closed';
    const k = open ? at.pending++ : at.closed++;
    const from = open ? at.pendingFrom : at.closedFrom;
    const size = (open ? pendingSizes : closedSizes)[k]!;
    if (open) at.pendingFrom += size;
    else at.closedFrom += size;
    const per = config.responsesPer === 'datapoint' ? size : 1;
    const budget = config.maxResponses * per;
    const minimum = config.minResponses * per;
    const responses = requireInteger((part['responses'] as NumberList)[k], 0, budget, `${name}.responses[${k}]`);
    const rule =
      code === BATCH.pending ? responses < budget : code === BATCH.completed ? responses === budget : code === BATCH.incomplete ? responses >= minimum && responses < budget : responses < minimum;
    if (!rule) {
      throw new RankingInputError(`${name}.responses[${k}]`, `is ${responses}, which does not fit status '${statuses[b]}' of batch b${b + 1} (target ${budget}, minimum ${minimum})`);
    }
    const addedAt = requireFiniteNumber((part['addedAt'] as NumberList)[k], `${name}.addedAt[${k}]`);
    const deadlineValue = (part['deadlines'] as readonly unknown[])[k];
    let deadline = Number.NaN;
    if (deadlineValue !== null) {
      deadline = requireFiniteNumber(deadlineValue, `${name}.deadlines[${k}]`);
      if (!(deadline > addedAt)) throw new RankingInputError(`${name}.deadlines[${k}]`, `must be later than the batch's addedAt (${addedAt}), got ${deadline}`);
    } else if (code === BATCH.incomplete || code === BATCH.expired) {
      throw new RankingInputError(`${name}.deadlines[${k}]`, `must be a time: batch b${b + 1} ran out of time ('${statuses[b]}')`);
    }
    const ids = checkIds(part['datapoints'] as readonly unknown[], from, size, `${name}.datapoints`);
    checkItems(part, name, from, size, responses, budget, quantum, config.elo.kFactor, open);
    const pairFrom = at.pairFrom;
    const pairs = open && pairCounts !== null ? pairCounts[k]! : 0;
    if (open && pairCounts !== null) {
      checkPairs(part, k, pairFrom, pairs, from, size, responses);
      at.pairFrom += pairs;
    }
    if (!open && bradleyTerry) checkFit(part, from, size, config, responses);
    batches.push({ code, ids, budget, minimum, responses, addedAt, deadline, from, pairFrom, pairs, context: null, pending: 0 });
  }
  return batches;
}

// The sizes column, and every other column's length against the sizes.
function checkSizes(part: Row, count: number, name: string, keys: readonly string[]): number[] {
  const sizesList = requireList(part['sizes'], `${name}.sizes`);
  if (sizesList.length !== count) throw new RankingInputError(`${name}.sizes`, `must have one entry per batch of that status (${count}), got ${sizesList.length}`);
  const sizes: number[] = [];
  let total = 0;
  for (let k = 0; k < count; k++) {
    const size = requireInteger(sizesList[k], MIN_BATCH_DATAPOINTS, MAX_BATCH_DATAPOINTS, `${name}.sizes[${k}]`);
    sizes.push(size);
    total += size;
  }
  for (const key of keys) {
    if (key === 'sizes') continue;
    const list = requireList(part[key], `${name}.${key}`);
    const wanted = key === 'responses' || key === 'addedAt' || key === 'deadlines' ? count : total;
    if (list.length !== wanted) throw new RankingInputError(`${name}.${key}`, `must have ${wanted} entries (${key === 'responses' || key === 'addedAt' || key === 'deadlines' ? 'one per batch' : 'one per datapoint'}), got ${list.length}`);
  }
  return sizes;
}

// The pending part's pair columns: one count per batch, and as many pairs as they add up to.
function checkPairColumns(part: Row, count: number): number[] {
  const name = 'snapshot.batches.pending';
  const list = requireList(part['pairs'], `${name}.pairs`);
  if (list.length !== count) throw new RankingInputError(`${name}.pairs`, `must have one entry per pending batch (${count}), got ${list.length}`);
  const counts: number[] = [];
  let total = 0;
  for (let k = 0; k < count; k++) {
    const pairs = requireInteger(list[k], 0, (MAX_BATCH_DATAPOINTS * (MAX_BATCH_DATAPOINTS - 1)) / 2, `${name}.pairs[${k}]`);
    counts.push(pairs);
    total += pairs;
  }
  for (const key of PAIR_KEYS.slice(1)) {
    const column = requireList(part[key], `${name}.${key}`);
    if (column.length !== total) throw new RankingInputError(`${name}.${key}`, `must have ${total} entries (one per compared pair, as pairs adds up), got ${column.length}`);
  }
  return counts;
}

// Pending batch k's pair counts: in range, sorted, each pair once and answered, and adding
// up to every datapoint's wins, losses and draws.
function checkPairs(part: Row, k: number, pairFrom: number, pairs: number, from: number, size: number, responses: number): void {
  const name = 'snapshot.batches.pending';
  if (pairs > Math.min(responses, (size * (size - 1)) / 2)) {
    throw new RankingInputError(`${name}.pairs[${k}]`, `is ${pairs}, more than the batch's ${responses} responses or its ${(size * (size - 1)) / 2} pairs`);
  }
  const [first, second, firstWins, secondWins, draws] = PAIR_KEYS.slice(1).map((key) => part[key] as NumberList) as [NumberList, NumberList, NumberList, NumberList, NumberList];
  const wins = new Int32Array(size);
  const losses = new Int32Array(size);
  const drawn = new Int32Array(size);
  let previous = -1;
  for (let x = pairFrom; x < pairFrom + pairs; x++) {
    const i = requireInteger(first[x], 0, size - 2, `${name}.pairFirst[${x}]`);
    const j = requireInteger(second[x], i + 1, size - 1, `${name}.pairSecond[${x}]`);
    if (i * size + j <= previous) throw new RankingInputError(`${name}.pairFirst[${x}]`, `pair (${i}, ${j}) must come after the batch's previous pair: a batch's pairs are sorted by first, then second, each once`);
    previous = i * size + j;
    const w = requireInteger(firstWins[x], 0, responses, `${name}.pairFirstWins[${x}]`);
    const l = requireInteger(secondWins[x], 0, responses, `${name}.pairSecondWins[${x}]`);
    const d = requireInteger(draws[x], 0, responses, `${name}.pairDraws[${x}]`);
    if (w + l + d === 0) throw new RankingInputError(`${name}.pairDraws[${x}]`, `pair (${i}, ${j}) has no answer; only compared pairs are kept`);
    wins[i]! += w;
    losses[j]! += w;
    wins[j]! += l;
    losses[i]! += l;
    drawn[i]! += d;
    drawn[j]! += d;
  }
  for (let i = 0; i < size; i++) {
    for (const [key, counted] of [['wins', wins], ['losses', losses], ['draws', drawn]] as const) {
      const value = (part[key] as NumberList)[from + i]!;
      if (value !== counted[i]) throw new RankingInputError(`${name}.${key}[${from + i}]`, `is ${value}, but the batch's pair counts give ${counted[i]}`);
    }
  }
}

// A closed batch's fit in a Bradley–Terry flow: finite scores within the distance of the
// initial rating its responses allow, standard errors > 0 and at most the prior's (a
// little slack for rounding), so no interval of a result overflows.
function checkFit(part: Row, from: number, size: number, config: RankingFlowConfig, responses: number): void {
  const name = 'snapshot.batches.closed';
  const scores = part['scores'] as NumberList;
  const errors = part['standardErrors'] as NumberList;
  const center = config.elo.initialRating;
  const bounds = batchFitBounds(config.elo, responses);
  const distance = bounds.distance * (1 + 1e-9) + Math.abs(center) * 2 ** -50;
  const largestError = bounds.standardError * (1 + 1e-9);
  for (let i = from; i < from + size; i++) {
    const score = requireFiniteNumber(scores[i], `${name}.scores[${i}]`);
    if (!(Math.abs(score - center) <= distance)) {
      throw new RankingInputError(`${name}.scores[${i}]`, `must be within ${distance} of the initial rating ${center} (what a fit of the batch's ${responses} responses reaches), got ${score}`);
    }
    const error = errors[i];
    if (typeof error !== 'number' || !(error > 0 && error <= largestError)) {
      throw new RankingInputError(`${name}.standardErrors[${i}]`, `must be a number in (0, ${largestError}] (the prior's standard error bounds every fitted one), got ${describeValue(error)}`);
    }
  }
}

function checkIds(list: readonly unknown[], from: number, size: number, name: string): readonly string[] {
  const ids: string[] = [];
  for (let i = 0; i < size; i++) {
    const id = requireNonEmptyString(list[from + i], `${name}[${from + i}]`);
    const earlier = ids.indexOf(id);
    if (earlier >= 0) throw new RankingInputError(`${name}[${from + i}]`, `duplicates ${name}[${from + earlier}] (${describeValue(id)}) in the same batch`);
    ids.push(id);
  }
  return Object.freeze(ids);
}

// A batch's datapoint columns: counts, the zero-sum rating grid, tie keys and last opponents.
function checkItems(part: Row, name: string, from: number, size: number, responses: number, budget: number, quantum: number, kFactor: number, open: boolean): void {
  const offsets = part['offsets'] as NumberList;
  const wins = part['wins'] as NumberList;
  const losses = part['losses'] as NumberList;
  const draws = part['draws'] as NumberList;
  let sum = 0;
  let winTotal = 0;
  let lossTotal = 0;
  let comparisons = 0;
  for (let i = from; i < from + size; i++) {
    const w = requireInteger(wins[i], 0, budget, `${name}.wins[${i}]`);
    const l = requireInteger(losses[i], 0, budget, `${name}.losses[${i}]`);
    const d = requireInteger(draws[i], 0, budget, `${name}.draws[${i}]`);
    const offset = requireFiniteNumber(offsets[i], `${name}.offsets[${i}]`);
    // Each answer moves a rating by at most K (plus the rounding to the grid).
    if (!Number.isInteger(offset / quantum) || Math.abs(offset) > (kFactor + quantum) * (w + l + d)) {
      throw new RankingInputError(`${name}.offsets[${i}]`, `must be a multiple of the rating grid ${quantum} within (K + grid) × its ${w + l + d} comparisons of 0, got ${offset}`);
    }
    sum += offset;
    winTotal += w;
    lossTotal += l;
    comparisons += w + l + d;
    if (open) {
      const key = (part['tieKeys'] as NumberList)[i];
      if (typeof key !== 'number' || !(key >= 0 && key < 1)) throw new RankingInputError(`${name}.tieKeys[${i}]`, `must be a number in [0, 1), got ${describeValue(key)}`);
      const last = requireInteger((part['lastOpponent'] as NumberList)[i], -1, size - 1, `${name}.lastOpponent[${i}]`);
      if (last === i - from) throw new RankingInputError(`${name}.lastOpponent[${i}]`, 'must not be the datapoint itself');
      if (last === -1 && w + l + d > 0) throw new RankingInputError(`${name}.lastOpponent[${i}]`, 'must name an opponent: the datapoint has answered matchups');
    }
  }
  if (sum !== 0) throw new RankingInputError(`${name}.offsets[${from}]`, `and the batch's other offsets must sum to exactly 0 (every update is zero-sum), got ${sum}`);
  if (winTotal !== lossTotal) throw new RankingInputError(`${name}.wins[${from}]`, `the batch's wins (${winTotal}) must equal its losses (${lossTotal})`);
  if (comparisons !== 2 * responses) throw new RankingInputError(`${name}.wins[${from}]`, `the batch's wins, losses and draws (${comparisons}) must be twice its responses (${responses})`);
}

function checkContexts(value: unknown, batches: CheckedBatch[]): void {
  const list = requireList(value, 'snapshot.batches.contexts') as readonly unknown[];
  let previous = -1;
  for (let k = 0; k < list.length; k++) {
    const path = `snapshot.batches.contexts[${k}]`;
    const entry = list[k];
    if (!Array.isArray(entry) || entry.length !== 2) throw new RankingInputError(path, `must be a [batch id, context] pair, got ${describeValue(entry)}`);
    const b = typeof entry[0] === 'string' ? batchIndexOf(entry[0], batches.length) : -1;
    if (b < 0 || batches[b]!.ids === null || b <= previous) {
      throw new RankingInputError(`${path}[0]`, `must be the id of a pending or kept closed batch, after the previous entry's, got ${describeValue(entry[0])}`);
    }
    const context = normaliseContext(entry[1], `${path}[1]`);
    if (!sameCanonicalJson(context, entry[1])) throw new RankingInputError(`${path}[1]`, 'must be a context in normal form ({ text, assets? })');
    batches[b]!.context = context;
    previous = b;
  }
}

interface CheckedMatchups {
  readonly statuses: string;
  readonly pending: { batch: number; left: number; right: number; close: boolean; deadline: number }[];
  readonly responseIds: [number, number, string][];
}

function checkMatchups(config: RankingFlowConfig, value: unknown, batches: CheckedBatch[], batchesRow: Row): CheckedMatchups {
  const row = requireRow(value, MATCHUPS_KEYS, 'snapshot.matchups');
  const issued = requireInteger(row['issued'], 0, Number.MAX_SAFE_INTEGER, 'snapshot.matchups.issued');
  const statuses = requireString(row['statuses'], 'snapshot.matchups.statuses');
  if (statuses.length !== issued) throw new RankingInputError('snapshot.matchups.statuses', `must have one character per issued matchup (${issued}), got ${statuses.length}`);
  const pendingSequences: number[] = [];
  for (let s = 1; s <= issued; s++) {
    const character = statuses[s - 1]!;
    if (MATCHUP_CODES[character] === undefined) throw new RankingInputError('snapshot.matchups.statuses', `holds ${describeValue(character)} at ${s - 1}; allowed: p, c, r, e`);
    if (character === 'p') pendingSequences.push(s);
  }
  const list = requireList(row['pending'], 'snapshot.matchups.pending') as readonly unknown[];
  if (list.length !== pendingSequences.length) {
    throw new RankingInputError('snapshot.matchups.pending', `must list the ${pendingSequences.length} matchups with status 'p', got ${list.length}`);
  }
  const pendingRow = batchesRow['pending'] as Row;
  const lastOpponent = pendingRow['lastOpponent'] as NumberList;
  const pending = list.map((entry, k) => {
    const path = `snapshot.matchups.pending[${k}]`;
    const matchup = requireRow(entry, PENDING_MATCHUP_KEYS, path);
    if (matchup['id'] !== `m${pendingSequences[k]}`) throw new RankingInputError(`${path}.id`, `must be m${pendingSequences[k]} (pending matchups in issue order, as the statuses say), got ${describeValue(matchup['id'])}`);
    const b = typeof matchup['batch'] === 'string' ? batchIndexOf(matchup['batch'], batches.length) : -1;
    if (b < 0 || batches[b]!.code !== BATCH.pending) throw new RankingInputError(`${path}.batch`, `must be the id of a pending batch, got ${describeValue(matchup['batch'])}`);
    const batch = batches[b]!;
    const ids = batch.ids!;
    const left = ids.indexOf(matchup['left'] as string);
    const right = ids.indexOf(matchup['right'] as string);
    if (left < 0) throw new RankingInputError(`${path}.left`, `must be a datapoint of batch b${b + 1}, got ${describeValue(matchup['left'])}`);
    if (right < 0 || right === left) throw new RankingInputError(`${path}.right`, `must be another datapoint of batch b${b + 1}, got ${describeValue(matchup['right'])}`);
    const kind = matchup['kind'];
    const allowed = (kind === 'random' && config.randomComparisonsRatio > 0) || (kind === 'close' && config.randomComparisonsRatio < 1);
    if (!allowed) throw new RankingInputError(`${path}.kind`, `must be a kind this configuration issues ('random' when randomComparisonsRatio > 0, 'close' when it is below 1), got ${describeValue(kind)}`);
    const deadlineValue = matchup['deadline'];
    let deadline = Number.NaN;
    if (config.matchupTtlMs === null) {
      if (deadlineValue !== null) throw new RankingInputError(`${path}.deadline`, `must be null: the configuration has no matchupTtlMs, got ${describeValue(deadlineValue)}`);
    } else deadline = requireFiniteNumber(deadlineValue, `${path}.deadline`);
    batch.pending++;
    if (batch.pending + batch.responses > batch.budget) {
      throw new RankingInputError(`${path}.batch`, `batch b${b + 1} would have ${batch.pending} pending and ${batch.responses} answered matchups, over its target ${batch.budget}`);
    }
    // A datapoint in a matchup has a latest opponent.
    for (const i of [left, right]) {
      if (lastOpponent[batch.from + i] === -1) throw new RankingInputError(`snapshot.batches.pending.lastOpponent[${batch.from + i}]`, 'must name an opponent: the datapoint is in a pending matchup');
    }
    return { batch: b, left, right, close: kind === 'close', deadline };
  });
  const idsList = requireList(row['responseIds'], 'snapshot.matchups.responseIds') as readonly unknown[];
  const seen = new Set<number>();
  const perBatch = new Map<number, number>();
  const responseIds = idsList.map((entry, k): [number, number, string] => {
    const path = `snapshot.matchups.responseIds[${k}]`;
    if (!Array.isArray(entry) || entry.length !== 3) throw new RankingInputError(path, `must be a [matchup id, batch id, response id] triple, got ${describeValue(entry)}`);
    const sequence = typeof entry[0] === 'string' ? sequenceOfMatchupId(entry[0], issued) : 0;
    if (sequence === 0 || statuses[sequence - 1] !== 'c' || seen.has(sequence)) {
      throw new RankingInputError(`${path}[0]`, `must be the id of an answered matchup (status 'c'), each at most once, got ${describeValue(entry[0])}`);
    }
    const b = typeof entry[1] === 'string' ? batchIndexOf(entry[1], batches.length) : -1;
    if (b < 0 || batches[b]!.code !== BATCH.pending) throw new RankingInputError(`${path}[1]`, `must be the id of a pending batch, got ${describeValue(entry[1])}`);
    const kept = (perBatch.get(b) ?? 0) + 1;
    if (kept > batches[b]!.responses) throw new RankingInputError(`${path}[1]`, `batch b${b + 1} has ${batches[b]!.responses} responses, fewer than the response ids kept for it`);
    perBatch.set(b, kept);
    if (typeof entry[2] !== 'string') throw new RankingInputError(`${path}[2]`, `must be a response id string, got ${describeValue(entry[2])}`);
    seen.add(sequence);
    return [sequence, b, entry[2]];
  });
  let answered = 0;
  for (const character of statuses) if (character === 'c') answered++;
  let responses = 0;
  for (const batch of batches) responses += batch.responses;
  if (responses > answered) throw new RankingInputError('snapshot.matchups.statuses', `counts ${answered} answered matchups, fewer than the ${responses} responses of the batches`);
  return { statuses, pending, responseIds };
}

// Events: one per batch, answer, release and forgotten batch, one per nextMatchups call
// that issued (≥ 1 with issued matchups), and at most one per expiry that did something
// (none when the nextMatchups that expired it then issued: its event says both).
function checkEventCount(value: unknown, batchStatuses: string, matchupStatuses: string): number {
  const next = requireInteger(value, 0, Number.MAX_SAFE_INTEGER, 'snapshot.nextEventSequence');
  const count = (text: string, characters: string) => {
    let n = 0;
    for (const character of text) if (characters.includes(character)) n++;
    return n;
  };
  const fixed = batchStatuses.length + count(matchupStatuses, 'cr') + count(batchStatuses, 'CIE');
  const lowest = fixed + (matchupStatuses.length > 0 ? 1 : 0);
  const highest = fixed + matchupStatuses.length + count(matchupStatuses, 'e') + count(batchStatuses, 'ieIE');
  if (next < lowest || next > highest) {
    throw new RankingInputError('snapshot.nextEventSequence', `must be in [${lowest}, ${highest}] (the events the batches and matchups imply), got ${next}`);
  }
  return next;
}

function requireRow(value: unknown, keys: readonly string[], path: string): Row {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Float64Array) {
    throw new RankingInputError(path, `must be an object, got ${describeValue(value)}`);
  }
  const row = value as Row;
  for (const key of Object.keys(row)) if (!keys.includes(key)) throw new RankingInputError(`${path}.${key}`, `is not a field of a flow snapshot; allowed: ${keys.join(', ')}`);
  for (const key of keys) if (!Object.prototype.hasOwnProperty.call(row, key)) throw new RankingInputError(`${path}.${key}`, 'is missing');
  return row;
}

// An array, or the Float64Array the copy made of a long list of numbers.
function requireList(value: unknown, path: string): ArrayLike<unknown> {
  if (!Array.isArray(value) && !(value instanceof Float64Array)) throw new RankingInputError(path, `must be an array, got ${describeValue(value)}`);
  return value as ArrayLike<unknown>;
}

function requireString(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new RankingInputError(path, `must be a string, got ${describeValue(value)}`);
  return value;
}

function requireInteger(value: unknown, low: number, high: number, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < low || value > high) {
    throw new RankingInputError(path, `must be an integer in [${low}, ${high}], got ${describeValue(value)}`);
  }
  return value;
}

function requireFiniteNumber(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new RankingInputError(path, `must be a finite number, got ${describeValue(value)}`);
  return value;
}

// Runs a check whose errors name paths from `inner` on, and reports them under `outer`.
function within<T>(outer: string, inner: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof RankingInputError)) throw error;
    const rest = error.path === inner ? '' : error.path.startsWith(`${inner}.`) ? error.path.slice(inner.length) : `.${error.path}`;
    throw new RankingInputError(`${outer}${rest}`, error.message.slice(error.path.length + 2));
  }
}
