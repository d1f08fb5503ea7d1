/**
 * The settings of a leaderboard: their defaults in one place, and the one check that
 * `createLeaderboard`, `leaderboardFromBattles` and `restoreLeaderboard` all use.
 * @module
 */
import { requireEloScale, requireInitialRating } from '../elo/eloParameters.js';
import { RankingInputError, describeValue } from '../errors.js';
import { requireFinite, requireNonEmptyString, requireOptionsObject, requirePositiveInteger, requireUnitInterval, ownValue } from '../validate.js';
import type { LeaderboardAnchor } from './leaderboardTypes.js';

/** A leaderboard's settings, checked, every default filled in. */
export interface LeaderboardSettings {
  /** Most battles (completed + pending), or null for no limit. */
  readonly budget: number | null;
  /** Share of uniformly random pairs. */
  readonly randomShare: number;
  /** Whether added models are placed by binary search first. */
  readonly placement: boolean;
  /** Elo points per factor of 10 in the odds. */
  readonly scale: number;
  /** Mean score without an anchor. */
  readonly center: number;
  /** The model pinned to a rating, or null. */
  readonly anchor: LeaderboardAnchor | null;
  /** L2 penalty strength of the fits, ≥ 0. */
  readonly prior: number;
  /** Lower is better. */
  readonly inverseRanking: boolean;
}

/**
 * The defaults of {@link createLeaderboard}'s settings: the Arena's scale (400 points for
 * 10:1 odds, mean 1000), a light prior, one random pair in ten, placement on.
 */
export const LEADERBOARD_DEFAULTS: LeaderboardSettings = /* @__PURE__ */ Object.freeze({
  budget: null,
  randomShare: 0.1,
  placement: true,
  scale: 400,
  center: 1000,
  anchor: null,
  prior: 0.01,
  inverseRanking: false,
});

/** The names of the settings, as options and as a snapshot's `options` keys. @internal */
export const SETTING_NAMES = ['budget', 'randomShare', 'placement', 'scale', 'center', 'anchor', 'prior', 'inverseRanking'] as const;

/**
 * Reads the settings from `values` (already copied), filling in `defaults`; `prefix` is
 * put before each name in errors (`''`, `'options.'`, `'snapshot.options.'`).
 * @throws {@link RankingInputError} naming the setting and what it allows.
 * @internal
 */
export function readLeaderboardSettings(values: Record<string, unknown>, defaults: LeaderboardSettings, prefix: string): LeaderboardSettings {
  const read = (key: (typeof SETTING_NAMES)[number]): unknown => ownValue(values, key);
  const budgetValue = read('budget');
  const budget = budgetValue === undefined ? defaults.budget : budgetValue === null ? null : requirePositiveInteger(budgetValue, `${prefix}budget`);
  const randomShare = read('randomShare') === undefined ? defaults.randomShare : requireUnitInterval(read('randomShare'), `${prefix}randomShare`);
  const placement = readBoolean(read('placement'), defaults.placement, `${prefix}placement`);
  const scale = read('scale') === undefined ? defaults.scale : requireEloScale(read('scale'), `${prefix}scale`);
  const center = read('center') === undefined ? defaults.center : requireInitialRating(read('center'), scale, `${prefix}center`);
  const priorValue = read('prior');
  const prior = priorValue === undefined ? defaults.prior : requireFinite(priorValue, `${prefix}prior`);
  if (prior < 0) throw new RankingInputError(`${prefix}prior`, `must be a finite number ≥ 0, got ${describeValue(prior)}`);
  const anchorValue = read('anchor');
  const anchor = anchorValue === undefined ? defaults.anchor : anchorValue === null ? null : readAnchor(anchorValue, scale, `${prefix}anchor`);
  const inverseRanking = readBoolean(read('inverseRanking'), defaults.inverseRanking, `${prefix}inverseRanking`);
  return { budget, randomShare, placement, scale, center, anchor, prior, inverseRanking };
}

function readAnchor(value: unknown, scale: number, path: string): LeaderboardAnchor {
  const object = requireOptionsObject(value, ['model', 'rating'], path, `${path}.`);
  const model = requireNonEmptyString(ownValue(object, 'model'), `${path}.model`);
  const rating = requireInitialRating(ownValue(object, 'rating'), scale, `${path}.rating`);
  return { model, rating };
}

function readBoolean(value: unknown, fallback: boolean, path: string): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new RankingInputError(path, `must be true or false, got ${describeValue(value)}`);
  return value;
}
