/**
 * The boundary check of `standings` options, with their defaults in one place.
 * @internal
 * @module
 */
import { requireConfidence } from '../bradleyTerry/analyticIntervals.js';
import { RankingInputError, describeValue } from '../errors.js';
import { isSeed } from '../rng/createRng.js';
import { readOptions, requireNonEmptyString, requireOneOf } from '../validate.js';
import type { LeaderboardIntervals } from './leaderboardTypes.js';

/** `standings` options, checked, defaults filled in. @internal */
export interface ResolvedStandingsOptions {
  readonly intervals: LeaderboardIntervals;
  readonly rounds: number;
  readonly resampling: 'bayesian' | 'multinomial';
  readonly seed: string | number;
  readonly confidence: number;
  readonly tag: string | null;
}

/** The defaults of `standings`. */
export const STANDINGS_DEFAULTS: ResolvedStandingsOptions = /* @__PURE__ */ Object.freeze({
  intervals: 'analytic',
  rounds: 1000,
  resampling: 'bayesian',
  seed: 1,
  confidence: 0.95,
  tag: null,
});

const KEYS = ['intervals', 'rounds', 'resampling', 'seed', 'confidence', 'tag'] as const;
const ROUNDS = [10, 100_000] as const;

/**
 * Reads `standings` options once and checks them (`allowTag` false refuses `tag`, for
 * `standingsByTag`).
 * @throws {@link RankingInputError} naming the option.
 * @internal
 */
export function resolveStandingsOptions(options: unknown, allowTag: boolean): ResolvedStandingsOptions {
  const allowed: readonly string[] = allowTag ? KEYS : KEYS.filter((key) => key !== 'tag');
  const values = readOptions(options, allowed, 'options', 'options.');
  const value = (key: (typeof KEYS)[number]): unknown => values[allowed.indexOf(key)];
  const defaults = STANDINGS_DEFAULTS;
  const intervals = value('intervals') === undefined ? defaults.intervals : requireOneOf(value('intervals'), ['analytic', 'bootstrap'], 'options.intervals');
  const roundsValue = value('rounds');
  if (roundsValue !== undefined && !(Number.isInteger(roundsValue) && (roundsValue as number) >= ROUNDS[0] && (roundsValue as number) <= ROUNDS[1])) {
    throw new RankingInputError('options.rounds', `must be an integer from ${ROUNDS[0]} to ${ROUNDS[1]}, got ${describeValue(roundsValue)}`);
  }
  const resampling = value('resampling') === undefined ? defaults.resampling : requireOneOf(value('resampling'), ['bayesian', 'multinomial'], 'options.resampling');
  const seed = value('seed');
  if (seed !== undefined && !isSeed(seed)) throw new RankingInputError('options.seed', `must be a string or a finite number, got ${describeValue(seed)}`);
  const confidence = value('confidence') === undefined ? defaults.confidence : requireConfidence(value('confidence'), 'options.confidence');
  const tagValue = allowTag ? value('tag') : undefined;
  const tag = tagValue === undefined || tagValue === null ? null : requireNonEmptyString(tagValue, 'options.tag');
  if (intervals === 'analytic' && (roundsValue !== undefined || value('resampling') !== undefined || seed !== undefined)) {
    const given = roundsValue !== undefined ? 'rounds' : value('resampling') !== undefined ? 'resampling' : 'seed';
    throw new RankingInputError(`options.${given}`, "applies to bootstrap intervals only: pass intervals: 'bootstrap' as well");
  }
  return { intervals, rounds: (roundsValue as number | undefined) ?? defaults.rounds, resampling, seed: seed ?? defaults.seed, confidence, tag };
}
