/**
 * The Elo step shared by {@link updateElo} and the job's rating state, with the
 * rounding that keeps sums of ratings exact.
 *
 * Why round: `a + d` and `b - d` are each rounded by floating point, so summing many
 * updated ratings drifts from n × initialRating. If every change `d` is a multiple of
 * a power of two `q` and every rating is too, additions and subtractions are exact
 * while magnitudes stay below 2^53 × q, and the zero-sum invariant holds bit for bit.
 * With q = 2^(⌈log2 max(K, scale)⌉ − 32) the rounding moves a change by at most
 * q / 2 (≈ 6e-8 Elo points with K = 40, scale = 400), far below anything meaningful,
 * and ratings up to 2^20 × max(K, scale) stay exact.
 * @internal
 * @module
 */

/** The grid a rating change is rounded to for these parameters (a power of two). */
export function eloQuantum(kFactor: number, scale: number): number {
  return 2 ** (Math.ceil(Math.log2(Math.max(kFactor, scale))) - 32);
}

/**
 * 1 / (1 + 10^((b − a) / scale)), with no input checks (callers have checked).
 * 10^x is computed as e^(x ln 10): Math.exp is several times faster than `**` in V8
 * and agrees with it to within a few units in the last place.
 */
export function expectedScoreUnchecked(ratingA: number, ratingB: number, scale: number): number {
  return 1 / (1 + Math.exp((Math.LN10 * (ratingB - ratingA)) / scale));
}

/** K × (scoreA − E(a, b)), rounded to a multiple of `quantum`: the change to a (b gets its negative). */
export function eloDelta(ratingA: number, ratingB: number, scoreA: number, kFactor: number, scale: number, quantum: number): number {
  const raw = kFactor * (scoreA - expectedScoreUnchecked(ratingA, ratingB, scale));
  return roundHalfUp(raw / quantum) * quantum;
}

// 2^52: from here on doubles are integers or halves, and x + 0.5 may round to even.
const EXACT_HALF_SUMS = 4503599627370496;

/**
 * `Math.round(x)`, bit for bit (−0 included), in a form V8 compiles without a branch on
 * the rounding direction. V8 lowers `Math.round` to "round up, then subtract 1 if that
 * went more than a half too far", a branch that random fractions mispredict half the
 * time (it took half an Elo update's time). For 0.5 < |x| < 2^52 the sum `x + 0.5` is
 * exact or rounds in its last place without crossing an integer, so its floor is
 * `Math.round(x)`. The rest goes to `Math.round`: within ±0.5 the floor would be wrong
 * (0 where Math.round gives −0, for x in [−0.5, −0]; 1 where it gives 0, for
 * x = 0.5 − 2^-54), which is rare in an Elo update (|x| ≤ 0.5 only when the change
 * rounds to 0); and |raw / quantum| ≤ 2^32 never reaches 2^52.
 */
export function roundHalfUp(x: number): number {
  const magnitude = Math.abs(x);
  return magnitude > 0.5 && magnitude < EXACT_HALF_SUMS ? Math.floor(x + 0.5) : Math.round(x);
}
