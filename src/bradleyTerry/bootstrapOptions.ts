/**
 * The options of `bootstrapIntervals`, and the defaults of its own ones.
 * @module
 */
import type { bootstrapIntervals } from './bootstrapIntervals.js';
import type { BradleyTerryOptions } from './bradleyTerryOptions.js';

/**
 * Options of {@link bootstrapIntervals}; every field is optional. The fit's options
 * (`positionEffect`, `scale`, `center`, `maxIterations`, `tolerance`) apply to the
 * full-data fit and to every round, as in `fitBradleyTerry`.
 */
export interface BootstrapOptions extends Omit<BradleyTerryOptions, 'covariance' | 'prior'> {
  /**
   * How many resamples to fit: an integer from 10 to 100 000. The Arena uses 1 000;
   * the interval ends move by a few percent of the width between runs with different
   * seeds at that count. Memory grows as 8 bytes × rounds × datapoints.
   * @defaultValue 1000
   */
  rounds?: number | undefined;
  /**
   * Seed of the resampling (any string or finite number): the same comparisons, options
   * and seed give the same result, to the last bit.
   * @defaultValue 1
   */
  seed?: string | number | undefined;
  /**
   * Coverage of each score interval, a number strictly between 0 and 1: the interval
   * runs from the (1 − confidence)/2 to the (1 + confidence)/2 quantile of the
   * bootstrap scores.
   * @defaultValue 0.95
   */
  confidence?: number | undefined;
  /**
   * Strength λ of the L2 penalty on the strengths, as in `fitBradleyTerry`, but it must
   * be > 0 here: a resample can leave a datapoint with only wins (or only losses), and
   * without a prior its score would be infinite in that round. The default 0.01 (a
   * normal prior with a standard deviation of about 1 737 Elo points) is negligible for
   * well-connected data.
   * @defaultValue 0.01
   */
  prior?: number | undefined;
}

/** The defaults of the bootstrap's own options, in one place (the fit's are `BRADLEY_TERRY_DEFAULTS`). */
export const BOOTSTRAP_DEFAULTS: {
  /** Resamples fitted: 1000. */
  readonly rounds: number;
  /** Seed of the resampling: 1. */
  readonly seed: number;
  /** Coverage of each score interval: 0.95. */
  readonly confidence: number;
} = Object.freeze({
  rounds: 1000,
  seed: 1,
  confidence: 0.95,
});
