/**
 * The ranges of the Elo parameters (K-factor, scale, initial rating) in which the
 * arithmetic of ratings, the rating grid and the posterior is sound, and the checks that
 * enforce them. Shared by `updateElo`, job definitions and the Bradley–Terry options.
 *
 * Why these bounds (q is the rating grid of eloDelta.ts, 2^(⌈log2 max(K, scale)⌉ − 32)):
 * - scale ≥ 1e-6: q ≥ 2^-51 stays a normal double (below about 1e-314 it is 0, and
 *   every rating becomes NaN), and the posterior's smallest allowed sd, scale / 1000,
 *   squared and squared again (products of variances), stays far above the underflow
 *   threshold. scale ≤ 1e9 keeps 1000 × scale squared (1e24) far below overflow.
 * - K ≥ scale / 1e6: the grid step q < 2^-31 × max(K, scale) is then below K / 2000, so
 *   rounding a change to the grid moves it by at most 1/4000 of K; a K much smaller than
 *   the scale would round every change to 0 and the ratings would never move.
 * - K ≤ min(1e9, 1e6 × scale): ratings change by at most K per matchup, so they stay
 *   finite; and q < 2^-31 × 1e6 × scale < scale / 2000, below the posterior's smallest
 *   allowed sd (scale / 1000), so the tie keys q × [0, 1) that order equal posterior
 *   means never reorder means that differ by a meaningful amount.
 * - |initialRating| ≤ min(1e9, 2^32 × scale): a score is initialRating plus an offset,
 *   and a double near 2^32 × scale resolves 2^-20 × scale, about a thousandth of the
 *   posterior's smallest sd, so adding the initial rating never erases the differences
 *   between scores.
 * Every message states the range with the numbers filled in.
 * @internal
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';

/** Largest magnitude accepted for an Elo parameter (K-factor, scale, initial rating). */
export const MAX_ELO_PARAMETER = 1e9;

/** Smallest accepted Elo scale (points for 10:1 odds). */
const MIN_ELO_SCALE = 1e-6;

/** How far the K-factor may lie from the scale: in [scale / 1e6, 1e6 × scale] (and at most {@link MAX_ELO_PARAMETER}). */
const K_FACTOR_SCALE_RATIO = 1e6;

/** Bound of |initialRating| as a multiple of the scale (also at most {@link MAX_ELO_PARAMETER}). */
const INITIAL_RATING_PER_SCALE = 2 ** 32;

/** Largest magnitude accepted for a rating given to `updateElo`: with K ≤ 1e9 an update never overflows. */
export const MAX_RATING = 1e300;

/** The scale, checked to be a number in [1e-6, 1e9]. */
export function requireEloScale(value: unknown, path: string): number {
  return requireInRange(value, MIN_ELO_SCALE, MAX_ELO_PARAMETER, '', path);
}

/** The K-factor range as a formula, for messages. */
export const K_FACTOR_RANGE = 'scale / 1e6 to min(1e9, 1e6 × scale)';

/** The K-factor, checked to be a number in [scale / 1e6, min(1e9, 1e6 × scale)]; `scale` is already checked. */
export function requireKFactor(value: unknown, scale: number, path: string): number {
  return requireInRange(value, lowestKFactor(scale), highestKFactor(scale), ` (${K_FACTOR_RANGE}, scale ${scale})`, path);
}

/** Smallest K-factor accepted with this (checked) scale. */
export function lowestKFactor(scale: number): number {
  // Divided, not multiplied by 1e-6, so the bound prints as it reads (400 / 1e6 is 0.0004).
  return scale / K_FACTOR_SCALE_RATIO;
}

/** Largest K-factor accepted with this (checked) scale. */
export function highestKFactor(scale: number): number {
  return Math.min(MAX_ELO_PARAMETER, K_FACTOR_SCALE_RATIO * scale);
}

/** The initial rating (or centre), checked to be within ±min(1e9, 2^32 × scale); `scale` is already checked. */
export function requireInitialRating(value: unknown, scale: number, path: string): number {
  const reach = Math.min(MAX_ELO_PARAMETER, INITIAL_RATING_PER_SCALE * scale);
  return requireInRange(value, -reach, reach, ` (within ±min(1e9, 2^32 × scale), scale ${scale})`, path);
}

/** A rating given to `updateElo`: a number in [-1e300, 1e300]. */
export function requireRating(value: unknown, path: string): number {
  return requireInRange(value, -MAX_RATING, MAX_RATING, '', path);
}

function requireInRange(value: unknown, low: number, high: number, why: string, path: string): number {
  if (typeof value !== 'number' || !(value >= low && value <= high)) {
    throw new RankingInputError(path, `must be a number in [${low}, ${high}]${why}, got ${describeValue(value)}`);
  }
  return value;
}
