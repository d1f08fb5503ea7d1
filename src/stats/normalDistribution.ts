/**
 * The standard normal distribution: its cumulative distribution function Φ, log Φ, the
 * inverse Mills ratio φ/Φ, and draws.
 *
 * Φ is Hart's double-precision algorithm 5666 as given by G. West, "Better
 * approximations to cumulative normal functions", Wilmott Magazine (2005), pp. 70–76:
 * the lower tail is the density times a rational function (|x| < 7.07) or a continued
 * fraction (beyond), absolute error below 1e-14. That rational function loses relative
 * accuracy in the tail (about 1e-9 at 7), so log Φ and φ/Φ, which the posterior's
 * updates need far into the tail where Φ itself underflows, use it only below 3 and,
 * from 3 on, Laplace's continued fraction for the Mills ratio Φ(−x)/φ(x) = 1/(x + 1/(x +
 * 2/(x + 3/(x + …)))) evaluated from its 60th term back (fewer further out; Abramowitz & Stegun 26.2.14):
 * relative error about 1e-16 there, 1.5e-14 at most below (checked against mpmath in the
 * tests). Draws use the
 * Box–Muller transform (Box & Muller, "A note on the generation of random normal
 * deviates", Ann. Math. Statist. 29(2), 1958).
 * @module
 */
import type { Rng } from '../rng/rng.js';

const SQRT_2PI = Math.sqrt(2 * Math.PI);
const LOG_SQRT_2PI = Math.log(SQRT_2PI);

// The lower tail Φ(−a) divided by e^(−a²/2), for a ≥ 0 (Hart / West).
function tailOverExponential(absolute: number): number {
  if (absolute < 7.07106781186547) {
    let numerator = 3.52624965998911e-2 * absolute + 0.700383064443688;
    numerator = numerator * absolute + 6.37396220353165;
    numerator = numerator * absolute + 33.912866078383;
    numerator = numerator * absolute + 112.079291497871;
    numerator = numerator * absolute + 221.213596169931;
    numerator = numerator * absolute + 220.206867912376;
    let denominator = 8.83883476483184e-2 * absolute + 1.75566716318264;
    denominator = denominator * absolute + 16.064177579207;
    denominator = denominator * absolute + 86.7807322029461;
    denominator = denominator * absolute + 296.564248779674;
    denominator = denominator * absolute + 637.333633378831;
    denominator = denominator * absolute + 793.826512519948;
    denominator = denominator * absolute + 440.413735824752;
    return numerator / denominator;
  }
  let fraction = absolute + 0.65;
  fraction = absolute + 4 / fraction;
  fraction = absolute + 3 / fraction;
  fraction = absolute + 2 / fraction;
  fraction = absolute + 1 / fraction;
  return 1 / fraction / SQRT_2PI;
}

// Φ(−a) / φ(a) for a ≥ 0, with full relative accuracy (see the module header).
function millsRatio(absolute: number): number {
  if (absolute < 3) return tailOverExponential(absolute) * SQRT_2PI;
  // Terms enough for about 1e-16 (fewer as the fraction converges faster further out).
  let fraction = 0;
  for (let k = absolute < 4 ? 60 : absolute < 5.5 ? 40 : 20; k > 0; k--) fraction = k / (absolute + fraction);
  return 1 / (absolute + fraction);
}

/**
 * Φ(x), the probability that a standard normal variable is at most `x`. O(1).
 * @internal
 */
export function standardNormalCdf(x: number): number {
  const absolute = Math.abs(x);
  const tail = absolute > 37 ? 0 : Math.exp(-(absolute * absolute) / 2) * tailOverExponential(absolute);
  return x > 0 ? 1 - tail : tail;
}

/**
 * log Φ(x), accurate in relative terms for every finite x (Φ(−40) underflows, its
 * logarithm does not). O(1).
 * @internal
 */
export function logStandardNormalCdf(x: number): number {
  if (x > 0) return Math.log1p(-Math.exp(-(x * x) / 2) * millsRatio(x) / SQRT_2PI);
  return -(x * x) / 2 - LOG_SQRT_2PI + Math.log(millsRatio(-x));
}

/**
 * The inverse Mills ratio φ(x)/Φ(x) (TrueSkill's v function), finite for every finite
 * x: about −x far in the lower tail. O(1).
 * @internal
 */
export function inverseMillsRatio(x: number): number {
  if (x > 0) {
    const density = Math.exp(-(x * x) / 2) / SQRT_2PI;
    return density / (1 - density * millsRatio(x));
  }
  // φ(x)/Φ(x) = 1 / (Φ(x)/φ(x)), the Mills ratio at −x.
  return 1 / millsRatio(-x);
}

/**
 * One standard normal draw from two uniform draws (Box–Muller, cosine branch only, so
 * every call takes exactly two draws). `1 − u` keeps the logarithm finite.
 * @internal
 */
export function standardNormalDraw(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}
