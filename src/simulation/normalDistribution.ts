/**
 * The standard normal distribution: its cumulative distribution function and draws.
 *
 * The CDF is Hart's double-precision algorithm 5666 as given by G. West, "Better
 * approximations to cumulative normal functions", Wilmott Magazine (2005), pp. 70–76:
 * a rational approximation for |x| < 7.07 and a continued fraction beyond, absolute
 * error below 1e-14. Draws use the Box–Muller transform (Box & Muller, "A note on the
 * generation of random normal deviates", Ann. Math. Statist. 29(2), 1958).
 * @module
 */
import type { Rng } from '../rng/rng.js';

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/**
 * Φ(x), the probability that a standard normal variable is at most `x`. O(1).
 * @internal
 */
export function standardNormalCdf(x: number): number {
  const absolute = Math.abs(x);
  let tail: number;
  if (absolute > 37) tail = 0;
  else {
    const density = Math.exp(-(absolute * absolute) / 2);
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
      tail = (density * numerator) / denominator;
    } else {
      let fraction = absolute + 0.65;
      fraction = absolute + 4 / fraction;
      fraction = absolute + 3 / fraction;
      fraction = absolute + 2 / fraction;
      fraction = absolute + 1 / fraction;
      tail = density / fraction / SQRT_2PI;
    }
  }
  return x > 0 ? 1 - tail : tail;
}

/**
 * One standard normal draw from two uniform draws (Box–Muller, cosine branch only, so
 * every call takes exactly two draws). `1 − u` keeps the logarithm finite.
 * @internal
 */
export function standardNormalDraw(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}
