/**
 * SQUAREM extrapolation for EM (Varadhan and Roland, "Simple and globally convergent
 * methods for accelerating the convergence of any EM algorithm", Scand. J. Statist.
 * 35(2), 2008, scheme S3), on the parameters of the trust model.
 * @internal
 * @module
 */

/** The parameters EM iterates on: consensus scores and each labeler's two coins. @internal */
export interface EmState {
  /** Scores (natural-log strengths) per job-wide datapoint number. */
  readonly theta: Float64Array;
  /** αₖ per labeler. */
  readonly alpha: Float64Array;
  /** βₖ per labeler. */
  readonly beta: Float64Array;
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

// Logits of the coins are kept within ±LOGIT_LIMIT when extrapolating (σ(30) = 1 − 9e-14).
const LOGIT_LIMIT = 30;
// The longest SQUAREM step, in units of the EM step: longer ones wander off more often than they help.
const MAX_STEP = 64;

function logit(p: number): number {
  return Math.log(p / (1 - p));
}

/**
 * SQUAREM's extrapolated point from x₀, x₁ = F(x₀), x₂ = F(x₁) in (θ, logit α, logit β):
 * r = x₁ − x₀, v = x₂ − 2x₁ + x₀, step a = −‖r‖/‖v‖ (at most −1), point x₀ − 2a·r + a²·v.
 * Null when v vanishes (EM has stopped moving). O(parameters).
 * @internal
 */
export function squaremPoint(x0: EmState, x1: EmState, x2: EmState): EmState | null {
  const parts: [Float64Array, Float64Array, Float64Array, boolean][] = [
    [x0.theta, x1.theta, x2.theta, false],
    [x0.alpha, x1.alpha, x2.alpha, true],
    [x0.beta, x1.beta, x2.beta, true],
  ];
  let rr = 0;
  let vv = 0;
  for (const [a, b, c, coin] of parts) {
    for (let i = 0; i < a.length; i++) {
      const u0 = coin ? logit(a[i]!) : a[i]!;
      const u1 = coin ? logit(b[i]!) : b[i]!;
      const u2 = coin ? logit(c[i]!) : c[i]!;
      rr += (u1 - u0) ** 2;
      vv += (u2 - 2 * u1 + u0) ** 2;
    }
  }
  if (!(vv > 0) || !Number.isFinite(rr)) return null;
  const stepLength = -Math.min(MAX_STEP, Math.max(1, Math.sqrt(rr / vv)));
  const [theta, alpha, beta] = parts.map(([a, b, c, coin]) => {
    const out = new Float64Array(a.length);
    for (let i = 0; i < a.length; i++) {
      const u0 = coin ? logit(a[i]!) : a[i]!;
      const u1 = coin ? logit(b[i]!) : b[i]!;
      const u2 = coin ? logit(c[i]!) : c[i]!;
      const u = u0 - 2 * stepLength * (u1 - u0) + stepLength * stepLength * (u2 - 2 * u1 + u0);
      out[i] = coin ? sigmoid(Math.min(LOGIT_LIMIT, Math.max(-LOGIT_LIMIT, u))) : u;
    }
    return out;
  }) as [Float64Array, Float64Array, Float64Array];
  for (let i = 0; i < theta.length; i++) if (!Number.isFinite(theta[i]!)) return null;
  return { theta, alpha, beta };
}
