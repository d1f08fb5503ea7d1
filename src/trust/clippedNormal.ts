/**
 * Moments of a normal variable clipped to [0, 1]: what a trust estimate with a normal
 * (Laplace) posterior reports, since trust itself lives in [0, 1].
 *
 * For X ~ N(μ, σ²) and Y = min(1, max(0, X)), E[Y] = ∫₀¹ P(X > y) dy and
 * E[Y²] = ∫₀¹ 2y P(X > y) dy, both in closed form with the antiderivatives
 * G(z) = zΦ(z) + φ(z) of Φ and H(z) = ((z² − 1)Φ(z) + zφ(z)) / 2 of zΦ(z).
 * @internal
 * @module
 */
import { standardNormalCdf } from '../stats/normalDistribution.js';
import type { MeanSd } from './betaDistribution.js';

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

function density(z: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
}

// ∫ Φ(z) dz, with the limits of large |z| taken exactly (zΦ(z) + φ(z) → 0 as z → −∞).
function integralOfCdf(z: number): number {
  if (z < -40) return 0;
  return z * standardNormalCdf(z) + density(z);
}

// ∫ zΦ(z) dz.
function integralOfZCdf(z: number): number {
  if (z < -40) return 0;
  return 0.5 * ((z * z - 1) * standardNormalCdf(z) + z * density(z));
}

/**
 * Mean and standard deviation of min(1, max(0, X)) for X ~ N(mean, sd²); sd = 0 gives
 * the clipped point. O(1).
 * @internal
 */
export function clippedNormalMoments(mean: number, sd: number): MeanSd {
  if (!(sd > 0)) {
    const clipped = Math.min(1, Math.max(0, mean));
    return { mean: clipped, sd: 0 };
  }
  const z0 = -mean / sd;
  const z1 = (1 - mean) / sd;
  const integralCdf = sd * (integralOfCdf(z1) - integralOfCdf(z0));
  const integralYCdf = sd * mean * (integralOfCdf(z1) - integralOfCdf(z0)) + sd * sd * (integralOfZCdf(z1) - integralOfZCdf(z0));
  const first = Math.min(1, Math.max(0, 1 - integralCdf));
  const second = Math.min(1, Math.max(0, 1 - 2 * integralYCdf));
  return { mean: first, sd: Math.sqrt(Math.max(0, second - first * first)) };
}
