/**
 * {@link eloDelta}'s result, bit for bit, with a multiplication where eloDelta divides:
 * the hot step of `updateElo` and `updateEloBatch`.
 *
 * eloDelta computes the exponent as (ln 10 × d) / scale, d = b − a, a division on the
 * chain from the ratings to the change (about a fifth of the batch kernel's time). This
 * step uses d × c with c = ln 10 / scale, which can differ in the last bits; but the
 * change is then rounded to the grid, and the rounding hides the difference unless the
 * change lies very near a rounding boundary. Where it might not, the step falls back
 * to eloDelta itself (about 0.2% of random updates).
 *
 * The bound (u = 2^-53; x = raw / quantum, the change in grid steps; q ≥ K × 2^-32):
 * - the two exponents differ by at most 4u relatively (two roundings each side);
 * - for |exponent| < 746, e^exponent then differs by at most 746 × 4u + 2 × 2u
 *   (Math.exp is within 1 ulp) ≈ 3.32e-13 relatively; beyond, both sides saturate to
 *   the same 0 or Infinity, or to values whose difference is below 1e-300;
 * - E = 1 / (1 + e) moves by E(1 − E) ≤ 1/4 times that, plus 4u from its own roundings;
 *   s − E and K × (s − E) add u and u × K per side: raw differs by at most 8.4e-14 × K;
 * - so x differs by at most 8.4e-14 × K / q ≤ 8.4e-14 × 2^32 ≈ 3.6e-4 grid steps.
 * The fast result is used only when x is more than GUARD = 1e-3 (2.7 times that) from
 * every rounding boundary (the half-integers) and does not round to 0 (where
 * Math.round's −0 for x in [−0.5, −0] matters): then both round to the same integer.
 * @internal
 * @module
 */
import { eloDelta } from './eloDelta.js';

// Grid steps from a rounding boundary within which the fast change is not trusted.
const GUARD = 1e-3;

/**
 * eloDelta(ratingA, ratingB, scoreA, kFactor, scale, quantum), with the constants of
 * (kFactor, scale) precomputed: `inverseQuantum` = 1 / quantum, `lnTenOverScale` =
 * Math.LN10 / scale.
 */
export function fastEloDelta(
  ratingA: number,
  ratingB: number,
  scoreA: number,
  kFactor: number,
  scale: number,
  quantum: number,
  inverseQuantum: number,
  lnTenOverScale: number,
): number {
  const raw = kFactor * (scoreA - 1 / (1 + Math.exp((ratingB - ratingA) * lnTenOverScale)));
  const steps = raw * inverseQuantum;
  // For |steps| > 0.5 the floor of steps + 0.5 is Math.round(steps) (see roundHalfUp).
  const rounded = Math.floor(steps + 0.5);
  return rounded !== 0 && Math.abs(steps - rounded) < 0.5 - GUARD ? rounded * quantum : eloDelta(ratingA, ratingB, scoreA, kFactor, scale, quantum);
}
