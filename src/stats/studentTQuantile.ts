/**
 * The 97.5th percentile of Student's t distribution, for 95% confidence intervals.
 * Exact table values for 1–10 degrees of freedom (as in any statistical table, e.g.
 * NIST/SEMATECH e-Handbook of Statistical Methods, §1.3.6.7.2), and beyond that the
 * Cornish–Fisher expansion in 1/ν of Abramowitz & Stegun, Handbook of Mathematical
 * Functions (1964), formula 26.7.5, which is within 1e-5 there.
 * @module
 */

const TABLE_975 = [
  12.706204736174707, 4.302652729749464, 3.1824463052837078, 2.7764451051977934, 2.5705818356363146,
  2.4469118511449692, 2.3646242515927844, 2.306004135204166, 2.2621571628540993, 2.2281388519649385,
];

// Φ⁻¹(0.975).
const Z_975 = 1.959963984540054;

/**
 * t such that P(T ≤ t) = 0.975 for Student's t with `degreesOfFreedom` (a positive
 * integer; larger values approach 1.96). O(1).
 * @internal
 */
export function studentTQuantile975(degreesOfFreedom: number): number {
  const tabled = TABLE_975[degreesOfFreedom - 1];
  if (tabled !== undefined) return tabled;
  const z = Z_975;
  const z2 = z * z;
  const v = degreesOfFreedom;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + g1 / v + g2 / v ** 2 + g3 / v ** 3 + g4 / v ** 4;
}
