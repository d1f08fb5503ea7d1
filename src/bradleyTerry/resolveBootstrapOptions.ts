/**
 * The boundary check of the options of `bootstrapIntervals`: its own (`rounds`, `seed`,
 * `confidence`) and the fit's, whose prior must be > 0 here.
 * @internal
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { isSeed } from '../rng/createRng.js';
import { ownValue, requireOptionsObject } from '../validate.js';
import { requireConfidence } from './analyticIntervals.js';
import { BOOTSTRAP_DEFAULTS } from './bootstrapOptions.js';
import type { ResolvedBradleyTerryOptions } from './bradleyTerryOptions.js';
import { resolveBradleyTerryOptions } from './resolveBradleyTerryOptions.js';

const ROUNDS_RANGE = [10, 100_000] as const;
const OWN_OPTIONS = ['rounds', 'seed', 'confidence'] as const;
const FIT_OPTIONS = ['prior', 'positionEffect', 'scale', 'center', 'maxIterations', 'tolerance'] as const;

/** The options of a bootstrap, checked, with every default filled in. @internal */
export interface BootstrapSettings {
  readonly rounds: number;
  readonly seed: string | number;
  readonly confidence: number;
  readonly fit: ResolvedBradleyTerryOptions;
}

/**
 * Checks the options of `bootstrapIntervals` and fills in the defaults of
 * {@link BOOTSTRAP_DEFAULTS} and of the fit.
 *
 * @throws {@link RankingInputError} for an unknown key, `rounds` that is not an integer
 *   from 10 to 100 000, a `seed` that is not a string or a finite number, a
 *   `confidence` not strictly between 0 and 1, a bad fit option, and `prior` 0.
 * @internal
 */
export function resolveBootstrapOptions(options: unknown): BootstrapSettings {
  const object = requireOptionsObject(options, [...OWN_OPTIONS, ...FIT_OPTIONS], 'options', 'options.');
  const defaults = BOOTSTRAP_DEFAULTS;
  const roundsValue = ownValue(object, 'rounds');
  const [minRounds, maxRounds] = ROUNDS_RANGE;
  if (roundsValue !== undefined && !(Number.isInteger(roundsValue) && (roundsValue as number) >= minRounds && (roundsValue as number) <= maxRounds)) {
    throw new RankingInputError('options.rounds', `must be an integer from ${minRounds} to ${maxRounds}, got ${describeValue(roundsValue)}`);
  }
  const seedValue = ownValue(object, 'seed');
  if (seedValue !== undefined && !isSeed(seedValue)) {
    throw new RankingInputError('options.seed', `must be a string or a finite number, got ${describeValue(seedValue)}`);
  }
  const confidenceValue = ownValue(object, 'confidence');
  const fitOptions: Record<string, unknown> = {};
  for (const key of FIT_OPTIONS) {
    const value = ownValue(object, key);
    if (value !== undefined) fitOptions[key] = value;
  }
  const fit = resolveBradleyTerryOptions(fitOptions);
  if (fit.prior === 0) {
    throw new RankingInputError(
      'options.prior',
      'must be > 0 for the bootstrap: a resample can leave a datapoint with only wins or only losses, whose score is infinite without a prior; ' +
        'the default 0.01 is negligible for well-connected data',
    );
  }
  return {
    rounds: (roundsValue as number | undefined) ?? defaults.rounds,
    seed: seedValue ?? defaults.seed,
    confidence: confidenceValue === undefined ? defaults.confidence : requireConfidence(confidenceValue, 'options.confidence'),
    fit,
  };
}
