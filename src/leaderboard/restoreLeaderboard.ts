/**
 * Rebuilding a leaderboard from its snapshot. The snapshot is copied once, then every
 * field is checked (shape, range, and the invariants a live leaderboard keeps) before
 * anything is built, whether or not the checksum matches: a resealed snapshot restores
 * only if a live leaderboard could have written it.
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { hashJsonValue } from '../persistence/checksum.js';
import { createRng } from '../rng/createRng.js';
import type { Rng } from '../rng/rng.js';
import { copyJsonData, ownValue, readOptions, requireNonEmptyString, requireOptionsObject } from '../validate.js';
import { BattleLog } from './battleLog.js';
import { LeaderboardRunner, type PendingBattle, type Placement } from './leaderboardRunner.js';
import { LEADERBOARD_DEFAULTS, SETTING_NAMES, readLeaderboardSettings, type LeaderboardSettings } from './leaderboardSettings.js';
import { LEADERBOARD_SNAPSHOT_FORMAT, LEADERBOARD_SNAPSHOT_VERSION } from './leaderboardSnapshot.js';
import type { Leaderboard, LeaderboardMatchupKind, LeaderboardSnapshot } from './leaderboardTypes.js';
import { readModels, readPrompts, type StoredPrompt } from './readLeaderboardLists.js';

const SNAPSHOT_KEYS = ['format', 'version', 'checksum', 'options', 'rng', 'models', 'prompts', 'labelers', 'battles', 'pending', 'placement', 'nextMatchup'];
const BATTLE_COLUMNS = ['prompt', 'left', 'right', 'outcome', 'labeler'] as const;
const PENDING_KEYS = ['id', 'prompt', 'left', 'right', 'kind', 'pivot'];
const PLACEMENT_KEYS = ['model', 'low', 'high', 'steps'];
const KINDS: readonly LeaderboardMatchupKind[] = ['random', 'informationGain', 'placement'];
// More placement steps than any leaderboard sets (log2 of 2^53 models, plus one).
const MAX_PLACEMENT_STEPS = 54;
const MATCHUP_ID = /^b[1-9][0-9]*$/;

/** Options of {@link restoreLeaderboard}. */
export interface RestoreLeaderboardOptions {
  /** The generator to continue with, only for a snapshot whose `rng` is null (it ran on an injected generator). */
  readonly rng?: Rng | undefined;
}

/**
 * Rebuilds a leaderboard from `leaderboard.snapshot()`: given the same later calls it
 * issues the same matchups (ids included) and reports the same standings as the one
 * that was saved. O(size of the snapshot) (the pairing's beliefs are replayed from the
 * battles).
 *
 * @param snapshot - A snapshot, as returned or after a JSON round trip; read once.
 * @param options - `rng`, only for a snapshot without a generator state.
 * @returns The leaderboard.
 * @throws {@link RankingInputError} naming what is wrong (`snapshot.checksum`,
 *   `snapshot.battles.left[12]`, `snapshot.pending[0].kind`, …); nothing half-built.
 * @example
 * ```ts
 * const saved = JSON.stringify(leaderboard.snapshot());
 * const again = restoreLeaderboard(JSON.parse(saved));
 * ```
 */
export function restoreLeaderboard(snapshot: LeaderboardSnapshot, options: RestoreLeaderboardOptions = {}): Leaderboard {
  const [rngOption] = readOptions(options, ['rng'], 'options', 'options.');
  const object = requireOptionsObject(copyJsonData(snapshot, 'snapshot'), SNAPSHOT_KEYS, 'snapshot', 'snapshot.');
  for (const key of SNAPSHOT_KEYS) if (!Object.hasOwn(object, key)) throw new RankingInputError(`snapshot.${key}`, 'is missing');
  if (object['format'] !== LEADERBOARD_SNAPSHOT_FORMAT) {
    throw new RankingInputError('snapshot.format', `must be '${LEADERBOARD_SNAPSHOT_FORMAT}', got ${describeValue(object['format'])}`);
  }
  if (object['version'] !== LEADERBOARD_SNAPSHOT_VERSION) {
    throw new RankingInputError('snapshot.version', `version ${describeValue(object['version'])} is not supported; this library reads version ${LEADERBOARD_SNAPSHOT_VERSION}`);
  }
  const { checksum, format: _format, version: _version, ...body } = object;
  if (typeof checksum !== 'string' || checksum !== hashJsonValue(body)) {
    throw new RankingInputError('snapshot.checksum', 'does not match the contents: the snapshot was altered, truncated or damaged');
  }
  const settings = readSnapshotSettings(body['options']);
  const rng = restoreRng(body['rng'], rngOption);
  const models = readModels(body['models'], 'snapshot.models', 2);
  if (settings.anchor !== null && !models.includes(settings.anchor.model)) throw new RankingInputError('snapshot.options.anchor.model', 'must be one of snapshot.models');
  const prompts = readPrompts(body['prompts'], 'snapshot.prompts', 0, true);
  const labelers = readModels(body['labelers'], 'snapshot.labelers', 0, 'labeler');
  const battles = readBattles(body['battles'], models.length, prompts, labelers.length);
  const nextMatchup = body['nextMatchup'];
  if (typeof nextMatchup !== 'number' || !Number.isSafeInteger(nextMatchup) || nextMatchup < 1) {
    throw new RankingInputError('snapshot.nextMatchup', `must be a positive safe integer, got ${describeValue(nextMatchup)}`);
  }
  const placement = readPlacement(body['placement'], models.length, settings);
  const pending = readPending(body['pending'], models.length, prompts.length, nextMatchup, placement);
  // Only issued matchups are bound by the budget: an import may hold more battles than it (and then issues none).
  if (settings.budget !== null && pending.length > 0 && battles.size + pending.length > settings.budget) {
    throw new RankingInputError('snapshot.pending', `${battles.size} battles and ${pending.length} pending matchups exceed the budget of ${settings.budget}`);
  }
  return new LeaderboardRunner({ settings, rng, models, prompts, labelers, battles, pending, placement, nextMatchup });
}

function readSnapshotSettings(value: unknown): LeaderboardSettings {
  const object = requireOptionsObject(value, SETTING_NAMES, 'snapshot.options', 'snapshot.options.');
  for (const key of SETTING_NAMES) if (!Object.hasOwn(object, key)) throw new RankingInputError(`snapshot.options.${key}`, 'is missing');
  return readLeaderboardSettings(object, LEADERBOARD_DEFAULTS, 'snapshot.options.');
}

function restoreRng(value: unknown, injected: unknown): Rng {
  if (value === null) {
    if (typeof injected !== 'function') {
      throw new RankingInputError('options.rng', 'is needed: the snapshot has no generator state (the leaderboard ran on an injected rng); pass the generator to continue with');
    }
    return injected as Rng;
  }
  if (injected !== undefined) throw new RankingInputError('options.rng', 'is only for snapshots without a generator state; this one has its own');
  try {
    return createRng(0, value as never);
  } catch (error) {
    if (error instanceof RankingInputError) throw new RankingInputError(`snapshot.rng${error.path.slice('state'.length)}`, error.message.slice(error.path.length + 2));
    throw error;
  }
}

function integerIn(value: unknown, low: number, high: number, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < low || value >= high) {
    throw new RankingInputError(path, `must be an integer from ${low} to ${high - 1}, got ${describeValue(value)}`);
  }
  return value;
}

function readBattles(value: unknown, modelCount: number, prompts: readonly StoredPrompt[], labelerCount: number): BattleLog {
  const object = requireOptionsObject(value, BATTLE_COLUMNS, 'snapshot.battles', 'snapshot.battles.');
  const columns = BATTLE_COLUMNS.map((key) => {
    const column = ownValue(object, key);
    if (!Array.isArray(column)) throw new RankingInputError(`snapshot.battles.${key}`, `must be an array of integers, got ${describeValue(column)}`);
    return column as unknown[];
  });
  const size = columns[0]!.length;
  columns.forEach((column, c) => {
    if (column.length !== size) throw new RankingInputError(`snapshot.battles.${BATTLE_COLUMNS[c]}`, `holds ${column.length} entries where snapshot.battles.prompt holds ${size}`);
  });
  const [prompt, left, right, outcome, labeler] = columns as [unknown[], unknown[], unknown[], unknown[], unknown[]];
  const log = new BattleLog();
  for (let k = 0; k < size; k++) {
    const l = integerIn(left[k], 0, modelCount, `snapshot.battles.left[${k}]`);
    const r = integerIn(right[k], 0, modelCount, `snapshot.battles.right[${k}]`);
    if (l === r) throw new RankingInputError(`snapshot.battles.right[${k}]`, 'is the same model as snapshot.battles.left; a battle has two models');
    log.add(
      integerIn(prompt[k], -1, prompts.length, `snapshot.battles.prompt[${k}]`),
      l,
      r,
      integerIn(outcome[k], 0, 4, `snapshot.battles.outcome[${k}]`),
      integerIn(labeler[k], -1, labelerCount, `snapshot.battles.labeler[${k}]`),
    );
  }
  return log;
}

function nullableFinite(value: unknown, path: string): number | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new RankingInputError(path, `must be a finite number or null, got ${describeValue(value)}`);
  return value;
}

function readPlacement(value: unknown, modelCount: number, settings: LeaderboardSettings): Map<number, Placement> {
  if (!Array.isArray(value)) throw new RankingInputError('snapshot.placement', `must be an array, got ${describeValue(value)}`);
  if (!settings.placement && value.length > 0) throw new RankingInputError('snapshot.placement', 'must be empty when snapshot.options.placement is false');
  const placement = new Map<number, Placement>();
  value.forEach((entry: unknown, i) => {
    const path = `snapshot.placement[${i}]`;
    const object = requireOptionsObject(entry, PLACEMENT_KEYS, path, `${path}.`);
    const model = integerIn(ownValue(object, 'model'), 0, modelCount, `${path}.model`);
    if (placement.has(model)) throw new RankingInputError(`${path}.model`, 'repeats a model being placed');
    const low = nullableFinite(ownValue(object, 'low'), `${path}.low`);
    const high = nullableFinite(ownValue(object, 'high'), `${path}.high`);
    if (low !== null && high !== null && low > high) throw new RankingInputError(`${path}.high`, `must be ≥ low (${low}), got ${high}`);
    const steps = integerIn(ownValue(object, 'steps'), 1, MAX_PLACEMENT_STEPS + 1, `${path}.steps`);
    placement.set(model, { low, high, steps, inFlight: null });
  });
  if (placement.size >= modelCount - 1 && placement.size > 0) {
    throw new RankingInputError('snapshot.placement', 'leaves fewer than two models outside placement; a live leaderboard places models against at least one established one');
  }
  return placement;
}

function readPending(value: unknown, modelCount: number, promptCount: number, nextMatchup: number, placement: Map<number, Placement>): PendingBattle[] {
  if (!Array.isArray(value)) throw new RankingInputError('snapshot.pending', `must be an array, got ${describeValue(value)}`);
  if (value.length > nextMatchup - 1) throw new RankingInputError('snapshot.pending', `holds ${value.length} matchups, more than the ${nextMatchup - 1} ever issued (snapshot.nextMatchup − 1)`);
  const ids = new Set<string>();
  return value.map((entry: unknown, i): PendingBattle => {
    const path = `snapshot.pending[${i}]`;
    const object = requireOptionsObject(entry, PENDING_KEYS, path, `${path}.`);
    const id = requireNonEmptyString(ownValue(object, 'id'), `${path}.id`);
    if (!MATCHUP_ID.test(id) || Number(id.slice(1)) >= nextMatchup) throw new RankingInputError(`${path}.id`, `must be 'b' and a number below snapshot.nextMatchup (${nextMatchup}), got ${describeValue(id)}`);
    if (ids.has(id)) throw new RankingInputError(`${path}.id`, `repeats the pending matchup ${describeValue(id)}`);
    ids.add(id);
    const prompt = integerIn(ownValue(object, 'prompt'), 0, promptCount, `${path}.prompt`);
    const left = integerIn(ownValue(object, 'left'), 0, modelCount, `${path}.left`);
    const right = integerIn(ownValue(object, 'right'), 0, modelCount, `${path}.right`);
    if (left === right) throw new RankingInputError(`${path}.right`, 'is the same model as left');
    const kindValue = ownValue(object, 'kind');
    if (!(KINDS as readonly unknown[]).includes(kindValue)) throw new RankingInputError(`${path}.kind`, `must be one of ${KINDS.map((kind) => `'${kind}'`).join(', ')}, got ${describeValue(kindValue)}`);
    const kind = kindValue as LeaderboardMatchupKind;
    const pivot = nullableFinite(ownValue(object, 'pivot'), `${path}.pivot`);
    if ((kind === 'placement') !== (pivot !== null)) throw new RankingInputError(`${path}.pivot`, 'must be a number for a placement matchup and null for any other');
    if (kind === 'placement') {
      const placing = [left, right].filter((model) => placement.has(model));
      if (placing.length !== 1) throw new RankingInputError(`${path}.kind`, 'a placement matchup pits exactly one model being placed (snapshot.placement) against an established one');
      const entry = placement.get(placing[0]!)!;
      if (entry.inFlight !== null) throw new RankingInputError(`${path}.kind`, 'a model being placed has at most one placement matchup in flight');
      entry.inFlight = id;
    }
    return { id, prompt, left, right, kind, pivot };
  });
}
