/**
 * Sample quantiles (of bootstrap scores, of simulated runs), type 7 of Hyndman & Fan, "Sample quantiles
 * in statistical packages", Amer. Statist. 50(4), 1996 (the default of R, NumPy and
 * pandas).
 * @internal
 * @module
 */

/** The type-7 quantile of an ascending sample: linear interpolation at (length − 1)·p. @internal */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const fraction = position - below;
  const value = sorted[below]!;
  return fraction === 0 ? value : value + fraction * (sorted[below + 1]! - value);
}
