/**
 * A matchup's deadline: the `now` it is issued at plus the definition's `matchupTtlMs`.
 * @internal
 * @module
 */
import { RankingInputError } from '../errors.js';

/** Above this many times the time limit in magnitude, a clock reading may swallow the limit (2^52: the doubles there are at least the limit apart). */
const READINGS_PER_TTL = 2 ** 52;

/**
 * `now + ttl`, checked to be finite and later than `now`. Far from zero the doubles are
 * sparse: `2 ** 52 + 0.1` is `2 ** 52`, and a matchup issued with that deadline would be
 * expired at its own issue time (every answer refused, its budget held until an
 * expiry). So such a `now` is refused, like one that overflows. O(1).
 * @param now - The caller's clock reading, finite.
 * @param ttl - The definition's `matchupTtlMs`, finite and > 0.
 * @throws {@link RankingInputError} at `options.now` when `now + ttl` overflows or rounds back to `now`.
 */
export function matchupDeadline(now: number, ttl: number): number {
  const deadline = now + ttl;
  if (!Number.isFinite(deadline)) {
    throw new RankingInputError('options.now', `plus matchupTtlMs (${ttl}) must be finite, got ${now} + ${ttl}`);
  }
  if (!(deadline > now)) {
    throw new RankingInputError(
      'options.now',
      `${now} plus matchupTtlMs (${ttl}) rounds back to now, so every matchup issued would expire at once; ` +
        `give clock readings below matchupTtlMs × 2^52 (${ttl * READINGS_PER_TTL}) in magnitude, such as milliseconds since an epoch, or a longer matchupTtlMs`,
    );
  }
  return deadline;
}
