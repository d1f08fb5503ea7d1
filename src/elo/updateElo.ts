/**
 * One Elo update (Elo 1978): each side moves by K × (actual − expected) score.
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { DEFAULT_ELO_SCALE } from './expectedScore.js';
import { eloQuantum } from './eloDelta.js';
import { fastEloDelta } from './fastEloDelta.js';
import { MAX_RATING, requireEloScale, requireKFactor, requireRating } from './eloParameters.js';

/** Default K-factor: the most a single matchup can move a rating. */
export const DEFAULT_K_FACTOR = 40;

/**
 * Both ratings after one matchup. The update is zero-sum: A gains exactly what B
 * loses. The change is rounded to a multiple of 2^(⌈log2 max(K, scale)⌉ − 32)
 * (2^-23 ≈ 1.2e-7 points with the defaults), which keeps sums of ratings exact.
 * Runs in O(1); never mutates anything. To replay many matchups over typed arrays, one
 * call for all of them, see {@link updateEloBatch}: the same results, bit for bit.
 *
 * @param ratingA - A's rating before the matchup (Elo points), in [-1e300, 1e300].
 * @param ratingB - B's rating before the matchup (Elo points), in [-1e300, 1e300].
 * @param scoreA - A's score: 1 win, 0.5 draw, 0 loss, or any share in [0, 1]
 *   (the share of votes A received, for example).
 * @param kFactor - Largest possible change, in [scale / 1e6, min(1e9, 1e6 × scale)]. Default 40.
 * @param scale - Points for 10:1 odds, in [1e-6, 1e9]. Default 400.
 * @returns `[newRatingA, newRatingB]`.
 * @throws {@link RankingInputError} for a rating outside [-1e300, 1e300], a score outside
 *   [0, 1], a scale outside [1e-6, 1e9] or a K outside [scale / 1e6, min(1e9, 1e6 × scale)]:
 *   the ranges in which the rounding grid is a normal double and K spans many grid steps
 *   (see eloParameters.ts).
 * @example
 * ```ts
 * updateElo(1200, 1200, 1); // [1220, 1180]
 * updateElo(1200, 1200, 0.5); // [1200, 1200]
 * ```
 */
export function updateElo(
  ratingA: number,
  ratingB: number,
  scoreA: number,
  kFactor: number = DEFAULT_K_FACTOR,
  scale: number = DEFAULT_ELO_SCALE,
): [number, number] {
  // The same checks as checkUpdate, as cheap tests: most calls repeat the last (K, scale).
  if (
    !(
      typeof ratingA === 'number' &&
      ratingA >= -MAX_RATING &&
      ratingA <= MAX_RATING &&
      typeof ratingB === 'number' &&
      ratingB >= -MAX_RATING &&
      ratingB <= MAX_RATING &&
      typeof scoreA === 'number' &&
      scoreA >= 0 &&
      scoreA <= 1 &&
      kFactor === lastKFactor &&
      scale === lastScale
    )
  ) {
    checkUpdate(ratingA, ratingB, scoreA, kFactor, scale);
  }
  // |rating| ≤ 1e300 and |delta| ≤ K ≤ 1e9: both results are finite.
  const delta = fastEloDelta(ratingA, ratingB, scoreA, kFactor, scale, lastQuantum, lastInverseQuantum, lastLnTenOverScale);
  return [ratingA + delta, ratingB - delta];
}

// The last (K, scale) that passed the checks and the grid they give. NaN matches no
// number, so the first call checks everything. Caching accepted values only means a
// call that skips checkUpdate has a K and scale that once passed it.
let lastKFactor = Number.NaN;
let lastScale = Number.NaN;
let lastQuantum = 0;
let lastInverseQuantum = 0;
let lastLnTenOverScale = 0;

// Every check, in the order that picks which error a call with several bad arguments
// gets; then caches K and scale.
function checkUpdate(ratingA: unknown, ratingB: unknown, scoreA: unknown, kFactor: unknown, scale: unknown): void {
  requireRating(ratingA, 'ratingA');
  requireRating(ratingB, 'ratingB');
  if (typeof scoreA !== 'number' || !(scoreA >= 0 && scoreA <= 1)) {
    throw new RankingInputError('scoreA', `must be a number in [0, 1] (1 win, 0.5 draw, 0 loss), got ${describeValue(scoreA)}`);
  }
  const checkedScale = requireEloScale(scale, 'scale');
  const checkedKFactor = requireKFactor(kFactor, checkedScale, 'kFactor');
  if (checkedKFactor !== lastKFactor || checkedScale !== lastScale) {
    lastQuantum = eloQuantum(checkedKFactor, checkedScale);
    lastInverseQuantum = 1 / lastQuantum;
    lastLnTenOverScale = Math.LN10 / checkedScale;
    lastKFactor = checkedKFactor;
    lastScale = checkedScale;
  }
}
