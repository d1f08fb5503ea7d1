/**
 * Reading a snapshot's rankings into flat columns, checking every entry against the
 * definition: version 2's columns as they are, version 1's objects (one per ranking)
 * laid end to end. What is checked here is each ranking on its own (ids, budgets, the
 * rating grid, zero-sum offsets, counts, orders, schedules); how the rankings agree with
 * the matchups and votes is checked by the caller.
 * @internal
 * @module
 */
import type { RankingJobDefinition } from '../definition/types.js';
import { eloQuantum } from '../elo/eloDelta.js';
import { RankingInputError, describeValue } from '../errors.js';
import type { RoundRobinState } from '../selection/roundRobinSchedule.js';
import { requireOptionsObject } from '../validate.js';
import { DATAPOINT_COLUMNS, flatColumns, type DatapointColumn, type SavedRankings } from './savedRankings.js';

const RANKINGS_KEYS = ['budgets', 'added', ...DATAPOINT_COLUMNS, 'roundRobin'];
const ADDED_KEYS = ['ranking', 'datapoints', 'startOffsets'];
const VERSION_1_RANKING_KEYS = ['datapoints', 'budget', 'startOffsets', ...DATAPOINT_COLUMNS, 'roundRobin'];
const ROUND_ROBIN_KEYS = ['round', 'drawn', 'displaced', 'owed', 'lastRound'];

/** Checked rankings, and how to name their entries in errors. */
export interface ReadRankings {
  readonly saved: SavedRankings;
  /** The snapshot path of entry i of ranking r's `field` (or of the field itself, or of ranking r's whole entry). */
  readonly path: (field: string, r: number, i?: number) => string;
}

/** The rankings of a version 2 snapshot (snapshotTypes.ts, RankingsSnapshot), checked. O(datapoints). */
export function readRankings(value: unknown, definition: RankingJobDefinition): ReadRankings {
  const object = requireRecord(value, 'snapshot.rankings', RANKINGS_KEYS);
  const count = definition.datapoints.length;
  const budgets = requireList(object['budgets'], 'snapshot.rankings.budgets');
  if (budgets.length !== count) throw new RankingInputError('snapshot.rankings.budgets', `must hold ${count} budgets (one per definition ranking), got ${budgets.length}`);
  const added = new Map<number, string[]>();
  const addedStartOffsets = new Map<number, number[]>();
  // Entry j of `added`, by ranking, for error paths.
  const addedEntry = new Map<number, number>();
  let previous = -1;
  requireList(object['added'], 'snapshot.rankings.added').forEach((entry, j) => {
    const path = `snapshot.rankings.added[${j}]`;
    const record = requireRecord(entry, path, ADDED_KEYS);
    const ranking = record['ranking'];
    if (!isIntegerIn(ranking, previous + 1, count)) {
      throw new RankingInputError(`${path}.ranking`, `must be a ranking index in [${previous + 1}, ${count}) (one entry per ranking, in order), got ${describeValue(ranking)}`);
    }
    const datapoints = requireList(record['datapoints'], `${path}.datapoints`);
    if (datapoints.length === 0) throw new RankingInputError(`${path}.datapoints`, 'must list at least one datapoint (rankings without additions have no entry)');
    const startOffsets = requireList(record['startOffsets'], `${path}.startOffsets`);
    if (startOffsets.length !== datapoints.length) {
      throw new RankingInputError(`${path}.startOffsets`, `must hold ${datapoints.length} entries (one per added datapoint), got ${startOffsets.length}`);
    }
    added.set(ranking, datapoints as string[]);
    addedStartOffsets.set(ranking, startOffsets as number[]);
    addedEntry.set(ranking, j);
    previous = ranking;
  });
  const starts = startsOf(definition, added);
  const total = starts[count]!;
  const columns = {} as Record<DatapointColumn, number[]>;
  for (const column of DATAPOINT_COLUMNS) {
    const list = requireList(object[column], `snapshot.rankings.${column}`);
    if (list.length !== total) throw new RankingInputError(`snapshot.rankings.${column}`, `must hold ${total} entries (one per datapoint of every ranking), got ${list.length}`);
    columns[column] = list as number[];
  }
  const schedules = requireList(object['roundRobin'], 'snapshot.rankings.roundRobin');
  const roundRobin = definition.pairing === 'roundRobin' ? schedules : null;
  if (roundRobin === null ? schedules.length !== 0 : schedules.length !== count) {
    throw new RankingInputError(
      'snapshot.rankings.roundRobin',
      roundRobin === null ? `must be empty for ${definition.pairing} pairing, got ${schedules.length} entries` : `must hold ${count} schedules (one per ranking), got ${schedules.length}`,
    );
  }
  const saved: SavedRankings = { starts, budgets: budgets as number[], added, addedStartOffsets, ...columns, roundRobin: roundRobin as RoundRobinState[] | null };
  const path = (field: string, r: number, i?: number): string => {
    if (field === 'budgets' || field === 'roundRobin') return `snapshot.rankings.${field}[${r}]`;
    if (field === 'datapoints' || field === 'startOffsets') {
      const entry = `snapshot.rankings.added[${addedEntry.get(r) ?? 0}].${field}`;
      return i === undefined ? entry : `${entry}[${i - definition.datapoints[r]!.length}]`;
    }
    return i === undefined ? `snapshot.rankings.${field}` : `snapshot.rankings.${field}[${starts[r]! + i}]`;
  };
  checkRankings(saved, definition, path);
  return { saved, path };
}

/**
 * The rankings of a version 1 snapshot (one object per ranking, each holding all its
 * lists), laid end to end in flat columns and checked. O(datapoints).
 */
export function readVersion1Rankings(value: unknown, definition: RankingJobDefinition): ReadRankings {
  const list = requireList(value, 'snapshot.rankings');
  const count = definition.datapoints.length;
  if (list.length !== count) throw new RankingInputError('snapshot.rankings', `must hold ${count} rankings (one per definition ranking), got ${list.length}`);
  const records = list.map((entry, r) => requireRecord(entry, `snapshot.rankings[${r}]`, VERSION_1_RANKING_KEYS));
  const added = new Map<number, string[]>();
  const addedStartOffsets = new Map<number, number[]>();
  records.forEach((record, r) => {
    const datapoints = requireList(record['datapoints'], `snapshot.rankings[${r}].datapoints`);
    const original = definition.datapoints[r]!;
    if (datapoints.length < original.length) {
      throw new RankingInputError(`snapshot.rankings[${r}].datapoints`, `must start with the definition's ${original.length} datapoints, got ${datapoints.length}`);
    }
    datapoints.forEach((id, i) => {
      if (i < original.length && id !== original[i]) {
        throw new RankingInputError(`snapshot.rankings[${r}].datapoints[${i}]`, `must be the definition's datapoint ${describeValue(original[i])}, got ${describeValue(id)}`);
      }
    });
    const startOffsets = requireList(record['startOffsets'], `snapshot.rankings[${r}].startOffsets`);
    if (startOffsets.length !== datapoints.length) {
      throw new RankingInputError(`snapshot.rankings[${r}].startOffsets`, `must hold ${datapoints.length} entries (one per datapoint), got ${startOffsets.length}`);
    }
    startOffsets.slice(0, original.length).forEach((offset, i) => {
      if (offset !== 0) throw new RankingInputError(`snapshot.rankings[${r}].startOffsets[${i}]`, `must be 0: the definition's datapoints start at its initial rating, got ${describeValue(offset)}`);
    });
    if (datapoints.length > original.length) {
      added.set(r, datapoints.slice(original.length) as string[]);
      addedStartOffsets.set(r, startOffsets.slice(original.length) as number[]);
    }
  });
  const starts = startsOf(definition, added);
  const columns = flatColumns(starts[count]!);
  records.forEach((record, r) => {
    const n = starts[r + 1]! - starts[r]!;
    for (const column of DATAPOINT_COLUMNS) {
      const entries = requireList(record[column], `snapshot.rankings[${r}].${column}`);
      if (entries.length !== n) throw new RankingInputError(`snapshot.rankings[${r}].${column}`, `must hold ${n} entries (one per datapoint), got ${entries.length}`);
      for (let i = 0; i < n; i++) columns[column][starts[r]! + i] = entries[i] as number;
    }
  });
  const schedules = records.map((record) => record['roundRobin']);
  if (definition.pairing !== 'roundRobin') {
    const r = schedules.findIndex((schedule) => schedule !== null);
    if (r >= 0) throw new RankingInputError(`snapshot.rankings[${r}].roundRobin`, `must be null for ${definition.pairing} pairing`);
  }
  const saved: SavedRankings = {
    starts,
    budgets: records.map((record) => record['budget']) as number[],
    added,
    addedStartOffsets,
    ...columns,
    roundRobin: definition.pairing === 'roundRobin' ? (schedules as RoundRobinState[]) : null,
  };
  const path = (field: string, r: number, i?: number): string =>
    `snapshot.rankings[${r}]${field === 'budgets' ? '.budget' : `.${field}`}${i === undefined ? '' : `[${i}]`}`;
  checkRankings(saved, definition, path);
  return { saved, path };
}

// Where each ranking begins in the flat columns: the definition's datapoints plus the added ones.
function startsOf(definition: RankingJobDefinition, added: ReadonlyMap<number, readonly unknown[]>): Float64Array {
  const count = definition.datapoints.length;
  const starts = new Float64Array(count + 1);
  for (let r = 0; r < count; r++) starts[r + 1] = starts[r]! + definition.datapoints[r]!.length + (added.get(r)?.length ?? 0);
  return starts;
}

// Each ranking on its own: ids, budget, grid, sums, counts, orders and schedule.
function checkRankings(saved: SavedRankings, definition: RankingJobDefinition, path: (field: string, r: number, i?: number) => string): void {
  const quantum = eloQuantum(definition.elo.kFactor, definition.elo.scale);
  // Offsets are whole multiples of the grid within its exact range (what a job produces).
  const range = quantum * 2 ** 51;
  const allowed = `a multiple of the rating grid ${quantum} within ±${range}`;
  // addDatapoints takes initial ratings within this reach of the definition's.
  const reach = quantum * 2 ** 50;
  const step = definition.elo.kFactor + quantum;
  let totalBudget = 0;
  let listed = new Float64Array(0);
  for (let r = 0; r < saved.budgets.length; r++) {
    const original = definition.datapoints[r]!;
    const from = saved.starts[r]!;
    const n = saved.starts[r + 1]! - from;
    const addedIds = saved.added.get(r) ?? [];
    const addedOffsets = saved.addedStartOffsets.get(r) ?? [];
    if (addedIds.length > 0) {
      const seen = new Set<string>(original);
      addedIds.forEach((id, k) => {
        const where = path('datapoints', r, original.length + k);
        if (typeof id !== 'string' || id.length === 0) throw new RankingInputError(where, `must be a non-empty string, got ${describeValue(id)}`);
        if (seen.has(id)) throw new RankingInputError(where, `duplicates another datapoint of ranking ${r} (${describeValue(id)})`);
        seen.add(id);
      });
      addedOffsets.forEach((offset, k) => {
        const where = path('startOffsets', r, original.length + k);
        if (typeof offset !== 'number' || !Number.isInteger(offset / quantum) || Math.abs(offset) > reach) {
          throw new RankingInputError(where, `must be a multiple of the rating grid ${quantum} within ±${reach} (what addDatapoints accepts), got ${describeValue(offset)}`);
        }
      });
    }
    const budget = saved.budgets[r];
    if (typeof budget !== 'number' || !Number.isSafeInteger(budget) || budget < 0) {
      throw new RankingInputError(path('budgets', r), `must be a non-negative safe integer, got ${describeValue(budget)}`);
    }
    if (budget < definition.comparisonBudgetPerRanking) {
      throw new RankingInputError(path('budgets', r), `must be at least the definition's ${definition.comparisonBudgetPerRanking}, got ${budget}`);
    }
    // Only addDatapoints adds budget.
    if (addedIds.length === 0 && budget !== definition.comparisonBudgetPerRanking) {
      throw new RankingInputError(path('budgets', r), `must be the definition's ${definition.comparisonBudgetPerRanking}: no datapoints were added, so no budget was, got ${budget}`);
    }
    // The rankings' budgets add up to the job's, which must stay a safe integer (addDatapoints refuses to pass it).
    totalBudget += budget;
    if (totalBudget > Number.MAX_SAFE_INTEGER) {
      throw new RankingInputError(path('budgets', r), `takes the rankings' total budget past ${Number.MAX_SAFE_INTEGER}, got ${budget}`);
    }
    // Loops rather than a predicate per column: this runs once per ranking, maybe a million times.
    const { offsets, tieKeys, wins, losses, draws, lastOpponent, exposureOrder: order } = saved;
    const refuse = (column: DatapointColumn, i: number, what: string): never => {
      throw new RankingInputError(path(column, r, i), `must be ${what}, got ${describeValue(saved[column][from + i])}`);
    };
    for (let i = 0; i < n; i++) {
      const k = from + i;
      const offset = offsets[k];
      if (typeof offset !== 'number' || !Number.isInteger(offset / quantum) || Math.abs(offset) > range) refuse('offsets', i, allowed);
      const key = tieKeys[k];
      if (typeof key !== 'number' || !(key >= 0 && key < 1)) refuse('tieKeys', i, 'a number in [0, 1)');
      if (!isCount(wins[k])) refuse('wins', i, 'a non-negative integer');
      if (!isCount(losses[k])) refuse('losses', i, 'a non-negative integer');
      if (!isCount(draws[k])) refuse('draws', i, 'a non-negative integer');
      const opponent = lastOpponent[k];
      if (!isIntegerIn(opponent, -1, n) || opponent === i) refuse('lastOpponent', i, `an index in [-1, ${n}) other than the datapoint's own`);
      if (!isIntegerIn(order[k], 0, n)) refuse('exposureOrder', i, `an index in [0, ${n})`);
    }
    // Each index once: marked with this ranking's number in a scratch array shared by all.
    if (listed.length < n) listed = new Float64Array(Math.max(n, 2 * listed.length)).fill(-1);
    for (let i = 0; i < n; i++) {
      if (listed[order[from + i]!]! === r) throw new RankingInputError(path('exposureOrder', r), `must list every datapoint index 0 … ${n - 1} of ranking ${r} once`);
      listed[order[from + i]!] = r;
    }
    // Summed in whole grid steps (BigInt), so the check is exact however large the sums.
    let offsetSteps = 0n;
    let startSteps = 0n;
    let winTotal = 0;
    let lossTotal = 0;
    let drawTotal = 0;
    for (let i = 0; i < n; i++) {
      const start = i < original.length ? 0 : addedOffsets[i - original.length]!;
      offsetSteps += BigInt(offsets[from + i]! / quantum);
      startSteps += BigInt(start / quantum);
      winTotal += wins[from + i]!;
      lossTotal += losses[from + i]!;
      drawTotal += draws[from + i]!;
    }
    if (offsetSteps !== startSteps) {
      throw new RankingInputError(path('offsets', r), `must sum, over ranking ${r}, to its starting offsets' sum (Elo updates are zero-sum); they differ by ${(offsetSteps - startSteps).toString()} grid steps of ${quantum}`);
    }
    if (winTotal !== lossTotal) {
      throw new RankingInputError(path('wins', r), `must add up to the losses (${lossTotal}) over ranking ${r}: every decided matchup has a winner and a loser, got ${winTotal}`);
    }
    if (drawTotal % 2 !== 0) throw new RankingInputError(path('draws', r), `must add up to an even number over ranking ${r} (a draw counts for both sides), got ${drawTotal}`);
    // An Elo step moves a rating by at most K (plus half a grid step of rounding), and only a
    // completed matchup moves it: a rating is within that of where it started.
    for (let i = 0; i < n; i++) {
      const start = i < original.length ? 0 : addedOffsets[i - original.length]!;
      const completed = wins[from + i]! + losses[from + i]! + draws[from + i]!;
      const moved = offsets[from + i]! - start;
      if (Math.abs(moved) > completed * step) {
        throw new RankingInputError(
          path('offsets', r, i),
          `is ${moved} from its starting offset ${start}, more than ${completed} completed matchups can move it (K ${definition.elo.kFactor} each)`,
        );
      }
    }
    if (saved.roundRobin !== null) saved.roundRobin[r] = checkRoundRobin(saved.roundRobin[r], path('roundRobin', r), n);
  }
}

function checkRoundRobin(value: unknown, path: string, n: number): RoundRobinState {
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

// --- Small checks ----------------------------------------------------------------------

/** The value as a record with exactly the given keys (each present), or a RankingInputError at `path`. */
export function requireRecord(value: unknown, path: string, keys: readonly string[]): Record<string, unknown> {
  const object = requireOptionsObject(value, keys, path, `${path}.`);
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(object, key)) throw new RankingInputError(`${path}.${key}`, 'is missing (the snapshot is truncated or not a snapshot)');
  }
  return object;
}

/**
 * The value as an array, or a RankingInputError at `path`. A Float64Array (restore's copy
 * of a long list of numbers) counts as an array.
 */
export function requireList(value: unknown, path: string): unknown[] {
  if (value instanceof Float64Array) return value as unknown as unknown[];
  if (!Array.isArray(value)) throw new RankingInputError(path, `must be an array, got ${describeValue(value)}`);
  return value;
}

/** The value as a pair [a, b], or a RankingInputError at `path`. */
export function requirePair(value: unknown, path: string): [unknown, unknown] {
  if (!Array.isArray(value) || value.length !== 2) throw new RankingInputError(path, `must be a pair [a, b], got ${describeValue(value)}`);
  return [value[0], value[1]];
}

function isCount(x: unknown): boolean {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}

/** Whether x is an integer in [low, high). */
export function isIntegerIn(x: unknown, low: number, high: number): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= low && x < high;
}

/** The value as a non-negative safe integer, or a RankingInputError at `path`. */
export function requireCount(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RankingInputError(path, `must be a non-negative safe integer, got ${describeValue(value)}`);
  }
  return value;
}
