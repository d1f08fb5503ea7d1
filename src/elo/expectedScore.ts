/**
 * Expected score under the Elo model (Elo, "The Rating of Chessplayers, Past and
 * Present", 1978; the logistic form used by FIDE's successors and by most online
 * systems).
 * @module
 */
import { requireFinite, requirePositive } from '../validate.js';
import { expectedScoreUnchecked } from './eloDelta.js';

/** Default Elo scale: a 400-point lead means 10:1 odds. */
export const DEFAULT_ELO_SCALE = 400;

/**
 * The probability that A beats B (a draw counting half) under the Elo model:
 * `1 / (1 + 10^((ratingB − ratingA) / scale))`. Runs in O(1).
 *
 * @param ratingA - A's rating (Elo points).
 * @param ratingB - B's rating (Elo points).
 * @param scale - Points for 10:1 odds. Default 400.
 * @returns A number in [0, 1]; 0.5 for equal ratings.
 * @throws {@link RankingInputError} when a rating is not finite or the scale is not a finite number > 0.
 * @example
 * ```ts
 * expectedScore(1200, 1200); // 0.5
 * expectedScore(1600, 1200); // 0.9090… (10:1 odds)
 * ```
 */
export function expectedScore(ratingA: number, ratingB: number, scale: number = DEFAULT_ELO_SCALE): number {
  requireFinite(ratingA, 'ratingA');
  requireFinite(ratingB, 'ratingB');
  requirePositive(scale, 'scale');
  return expectedScoreUnchecked(ratingA, ratingB, scale);
}
