/**
 * Importing battle logs in the Chatbot Arena's format (`model_a`, `model_b`, `winner`;
 * lm-sys/FastChat, fastchat/serve/monitor/clean_battle_data.py, and the public
 * `clean_battle_*.json` dumps) into a leaderboard, which then reports the Arena's style
 * of standings and can go on issuing matchups.
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { ownValue, readOptions, requireNonEmptyString } from '../validate.js';
import { arenaWinnerOutcome, arenaWinnerWords } from './arenaWinner.js';
import { BattleLog } from './battleLog.js';
import { leaderboardRng } from './createLeaderboard.js';
import { LeaderboardRunner } from './leaderboardRunner.js';
import { LEADERBOARD_DEFAULTS, SETTING_NAMES, readLeaderboardSettings, type LeaderboardSettings } from './leaderboardSettings.js';
import type { Leaderboard, LeaderboardInput, LeaderboardPrompt } from './leaderboardTypes.js';
import { readPrompts, type StoredPrompt } from './readLeaderboardLists.js';

/**
 * One battle as the Arena logs it. Fields other than these are ignored (the dumps carry
 * many: `turn`, `language`, `tstamp`, `question_id`, …).
 */
export interface ArenaBattle {
  /** The model shown as A (on the left). */
  readonly model_a: string;
  /** The model shown as B (on the right). */
  readonly model_b: string;
  /**
   * `'model_a'`, `'model_b'`, `'tie'`, or `'tie (bothbad)'` (the Arena's spelling, in its
   * public dumps and FastChat's elo_analysis.py) or `'both_bad'` (seen in other
   * arena exports) for a tie where both answers were bad. Matched in any case and with
   * surrounding white space ignored (`'TIE (BOTHBAD)'`, `' model_a '`), as the
   * `pairwise-elo leaderboard` command reads them.
   */
  readonly winner: string;
  /** The prompt's id, when known. */
  readonly prompt?: string | null | undefined;
  /** Who voted (the Arena's field); or give `labelerId`. */
  readonly judge?: string | null | undefined;
  /** Who voted. */
  readonly labelerId?: string | null | undefined;
}

/** Options of {@link leaderboardFromBattles}: the leaderboard's settings, with the Arena's defaults. */
export interface LeaderboardFromBattlesOptions extends Omit<LeaderboardInput, 'models' | 'prompts' | 'prior'> {
  /**
   * The prompts battles may name (with tags); rows naming another are refused. Without
   * it, the prompts are the distinct `prompt` values of the rows, untagged.
   */
  readonly prompts?: readonly (string | LeaderboardPrompt)[] | undefined;
  /**
   * Penalty strength of the fits. 0 is the Arena's plain maximum likelihood
   * (`LogisticRegression(penalty=None)`), which refuses, naming them, models that never
   * lost (or never won) through any chain of battles; give a small prior such as 1e-6
   * to rate them anyway.
   * @defaultValue 0
   */
  readonly prior?: number | undefined;
}

const OPTION_KEYS = ['prompts', 'seed', 'rng', ...SETTING_NAMES] as const;
const IMPORT_DEFAULTS: LeaderboardSettings = /* @__PURE__ */ Object.freeze({ ...LEADERBOARD_DEFAULTS, prior: 0 });

/**
 * A leaderboard holding these battles, in row order; standings reproduce the Arena's
 * (`compute_mle_elo` in FastChat's elo_analysis.py: the maximum-likelihood
 * Bradley–Terry fit on the scale SCALE = 400, BASE = 10, mean INIT_RATING = 1000, each
 * tie counted as half a win for each side, optionally anchored; and
 * `get_bootstrap_result` for intervals, with `standings({ intervals: 'bootstrap' })`).
 * Models come in order of first appearance; model A is the left side (the position
 * bias is fitted on it).
 *
 * O(rows) to read; rows are read once each (any iterable, a generator over a file too),
 * only the fields named in {@link ArenaBattle}, each once.
 *
 * @param rows - The battles.
 * @param options - See {@link LeaderboardFromBattlesOptions}; `anchor: { model, rating }`
 *   pins a model's rating as the Arena pins mixtral-8x7b-instruct-v0.1 at 1114.
 * @returns The leaderboard (no budget unless given).
 * @throws {@link RankingInputError} naming the row and field (`rows[3].winner`), when
 *   there are no rows, for a bad option, an anchor that names no model of the rows, and a
 *   row's prompt missing from `options.prompts`.
 * @example
 * ```ts
 * const leaderboard = leaderboardFromBattles([
 *   { model_a: 'gpt-4', model_b: 'claude-1', winner: 'model_a' },
 *   { model_a: 'claude-1', model_b: 'gpt-4', winner: 'tie' },
 *   { model_a: 'claude-1', model_b: 'gpt-4', winner: 'model_a' },
 * ]);
 * leaderboard.standings().entries.map((entry) => [entry.model, Math.round(entry.score)]); // [['gpt-4', 1000], ['claude-1', 1000]]
 * ```
 */
export function leaderboardFromBattles(rows: Iterable<ArenaBattle>, options: LeaderboardFromBattlesOptions = {}): Leaderboard {
  const values = readOptions(options, OPTION_KEYS, 'options', 'options.');
  const value = (key: (typeof OPTION_KEYS)[number]): unknown => values[OPTION_KEYS.indexOf(key)];
  const settingValues: Record<string, unknown> = {};
  for (const key of SETTING_NAMES) if (value(key) !== undefined) settingValues[key] = value(key);
  const settings = readLeaderboardSettings(settingValues, IMPORT_DEFAULTS, 'options.');
  const given = value('prompts') === undefined ? null : readPrompts(value('prompts'), 'options.prompts', 0);
  const rng = leaderboardRng(value('seed'), value('rng'));

  if (typeof rows !== 'object' || rows === null || typeof (rows as Partial<Iterable<unknown>>)[Symbol.iterator] !== 'function') {
    throw new RankingInputError('rows', `must be an array or another iterable of battles, got ${describeValue(rows)}`);
  }
  const models = new Interned();
  const labelers = new Interned();
  const prompts: StoredPrompt[] = given ?? [];
  const promptNumber = new Map(prompts.map((prompt, p) => [prompt.id, p]));
  const battles = new BattleLog();
  let index = 0;
  for (const row of rows) {
    const path = `rows[${index}]`;
    if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new RankingInputError(path, `must be an object with model_a, model_b and winner, got ${describeValue(row)}`);
    const object = row as unknown as Record<string, unknown>;
    const a = requireNonEmptyString(ownValue(object, 'model_a'), `${path}.model_a`);
    const b = requireNonEmptyString(ownValue(object, 'model_b'), `${path}.model_b`);
    if (a === b) throw new RankingInputError(`${path}.model_b`, `is the same model as model_a (${describeValue(a)}); a battle has two models`);
    const winnerValue = ownValue(object, 'winner');
    const outcome = arenaWinnerOutcome(winnerValue);
    if (outcome === undefined) {
      throw new RankingInputError(`${path}.winner`, `must be one of ${arenaWinnerWords()} (in any case, spaces around ignored), got ${describeValue(winnerValue)}`);
    }
    const promptValue = ownValue(object, 'prompt');
    let prompt = -1;
    if (promptValue !== undefined && promptValue !== null) {
      const id = requireNonEmptyString(promptValue, `${path}.prompt`);
      const known = promptNumber.get(id);
      if (known === undefined && given !== null) throw new RankingInputError(`${path}.prompt`, `${describeValue(id)} is not one of options.prompts`);
      prompt = known ?? prompts.length;
      if (known === undefined) {
        prompts.push({ id, tags: [] });
        promptNumber.set(id, prompt);
      }
    }
    const judge = ownValue(object, 'judge');
    const labelerId = ownValue(object, 'labelerId');
    const hasJudge = judge !== undefined && judge !== null;
    const hasLabeler = labelerId !== undefined && labelerId !== null;
    if (hasJudge && hasLabeler) throw new RankingInputError(`${path}.labelerId`, 'give judge or labelerId, not both');
    const labeler = hasJudge ? labelers.number(requireNonEmptyString(judge, `${path}.judge`)) : hasLabeler ? labelers.number(requireNonEmptyString(labelerId, `${path}.labelerId`)) : -1;
    battles.add(prompt, models.number(a), models.number(b), outcome, labeler);
    index++;
  }
  if (battles.size === 0) throw new RankingInputError('rows', 'must hold at least one battle');
  if (settings.anchor !== null && !models.ids.includes(settings.anchor.model)) {
    throw new RankingInputError('options.anchor.model', `${describeValue(settings.anchor.model)} is not a model of the battles`);
  }
  return new LeaderboardRunner({ settings, rng, models: models.ids, prompts, labelers: labelers.ids, battles, pending: [], placement: new Map(), nextMatchup: 1 });
}

// Ids numbered in order of first appearance.
class Interned {
  readonly ids: string[] = [];
  readonly #numbers = new Map<string, number>();

  number(id: string): number {
    let number = this.#numbers.get(id);
    if (number === undefined) {
      number = this.ids.length;
      this.ids.push(id);
      this.#numbers.set(id, number);
    }
    return number;
  }
}
