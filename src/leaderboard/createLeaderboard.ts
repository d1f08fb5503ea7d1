/**
 * Model-arena leaderboards: many models answer many prompts, labelers compare two
 * models' outputs for the same prompt, and the leaderboard scores each model on the Elo
 * scale with intervals, the way the Chatbot Arena does (Chiang et al., "Chatbot Arena:
 * An Open Platform for Evaluating LLMs by Human Preference", ICML 2024).
 * @module
 */
import { RankingInputError } from '../errors.js';
import { createRng, isSeed } from '../rng/createRng.js';
import type { Rng } from '../rng/rng.js';
import { readOptions } from '../validate.js';
import { BattleLog } from './battleLog.js';
import { LeaderboardRunner } from './leaderboardRunner.js';
import { LEADERBOARD_DEFAULTS, SETTING_NAMES, readLeaderboardSettings } from './leaderboardSettings.js';
import type { Leaderboard, LeaderboardInput } from './leaderboardTypes.js';
import { readModels, readPrompts } from './readLeaderboardLists.js';

const INPUT_KEYS = ['models', 'prompts', 'seed', 'rng', ...SETTING_NAMES] as const;

/**
 * Creates a leaderboard: it issues matchups (a prompt and two models), takes the
 * answers, and reports standings.
 *
 * Pairing. Each matchup takes a least-used prompt (issued and not released; ties broken
 * by the seeded generator), so prompts are covered evenly. A share `randomShare` of
 * matchups pairs two uniformly random models; the rest pair the least-compared model
 * with the opponent whose answer is expected to teach the most under the current
 * beliefs (Lindley's expected information, as the job's `informationGain` pairing; the
 * beliefs are a TrueSkill-style Gaussian per model, updated after every answer). Sides
 * are random. A model added with `addModel` is placed first (`placement`): a binary
 * search of at most log2(models) + 1 battles, each answer narrowing the range of the
 * standings it can fall in, each probe the model in that range nearest its current
 * estimate (the first one the middle of the standings). In simulation (32 models) it
 * reached a stable place (rank within 3 of the truth from then on) in 8.7 battles on
 * average, against 19.8 with uniformly random opponents (test/leaderboard/addModel.test.ts).
 *
 * Standings. Bradley–Terry by maximum (penalised) likelihood on the Arena's scale:
 * 400 points mean 10:1 odds, mean 1000 or pinned by `anchor`; both kinds of tie count as
 * half a win each. Intervals are analytic (score ± z × standard error) or bootstrap
 * percentiles (`standings({ intervals: 'bootstrap' })`), and rank intervals follow the
 * Arena's rule. Per prompt tag with `standings({ tag })` or `standingsByTag()`; win
 * rates observed and predicted with `winRates()`; the advantage of the left side with
 * `positionBias()`.
 *
 * Deterministic: the same input, seed and calls give the same matchups (ids included)
 * and the same standings. `snapshot()` and `restoreLeaderboard` continue a run exactly.
 *
 * Cost: `nextMatchups` O(prompts + models) per matchup; `recordResponse` O(1); `standings` O(battles) to sum them plus the
 * fit (see `fitBradleyTerry`); memory 13 bytes per battle.
 *
 * @param input - Models, prompts and settings; see {@link LeaderboardInput}.
 * @returns The leaderboard.
 * @throws {@link RankingInputError} naming the field (`models[2]`, `prompts[0].tags[1]`,
 *   `randomShare`, an unknown key, `seed` and `rng` both given).
 * @example
 * ```ts
 * const leaderboard = createLeaderboard({ models: ['gpt', 'claude', 'llama'], prompts: ['haiku', 'proof'], seed: 7 });
 * for (const matchup of leaderboard.nextMatchups(10)) leaderboard.recordResponse(matchup.id, 'left');
 * leaderboard.standings().entries; // [{ rank: 1, model: …, score: …, lower: …, upper: …, bestRank: …, … }, …]
 * ```
 */
export function createLeaderboard(input: LeaderboardInput): Leaderboard {
  const values = readOptions(input, INPUT_KEYS, 'input', '');
  const value = (key: (typeof INPUT_KEYS)[number]): unknown => values[INPUT_KEYS.indexOf(key)];
  const models = readModels(value('models'), 'models', 2);
  const prompts = readPrompts(value('prompts'), 'prompts', 1);
  const settingValues: Record<string, unknown> = {};
  for (const key of SETTING_NAMES) if (value(key) !== undefined) settingValues[key] = value(key);
  const settings = readLeaderboardSettings(settingValues, LEADERBOARD_DEFAULTS, '');
  if (settings.anchor !== null && !models.includes(settings.anchor.model)) {
    throw new RankingInputError('anchor.model', 'must be one of the models');
  }
  const rng = leaderboardRng(value('seed'), value('rng'));
  return new LeaderboardRunner({ settings, rng, models, prompts, labelers: [], battles: new BattleLog(), pending: [], placement: new Map(), nextMatchup: 1 });
}

/**
 * The generator of a leaderboard: a seeded one (default seed 1) or the injected one.
 * @throws {@link RankingInputError} for a bad seed, an rng that is not a function, or both.
 * @internal
 */
export function leaderboardRng(seed: unknown, rng: unknown): Rng {
  if (seed !== undefined && rng !== undefined) throw new RankingInputError('rng', 'give seed or rng, not both');
  if (rng !== undefined) {
    if (typeof rng !== 'function') throw new RankingInputError('rng', 'must be a function returning numbers in [0, 1)');
    return rng as Rng;
  }
  if (seed !== undefined && !isSeed(seed)) throw new RankingInputError('seed', 'must be a string or a finite number');
  return createRng((seed as string | number | undefined) ?? 1);
}
