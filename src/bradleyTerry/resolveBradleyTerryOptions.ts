/**
 * The boundary check of the options of `fitBradleyTerry`: unknown keys and values out
 * of range are refused, naming the option, and the defaults are filled in, in this one
 * place.
 * @internal
 * @module
 */
import { requireEloScale, requireInitialRating } from '../elo/eloParameters.js';
import { RankingInputError, describeValue } from '../errors.js';
import { readOptions, requireFinite, requireOneOf, requirePositive, requirePositiveInteger } from '../validate.js';
import { BRADLEY_TERRY_DEFAULTS, type BradleyTerryStandardErrors, type ResolvedBradleyTerryOptions } from './bradleyTerryOptions.js';

const OPTION_NAMES = ['prior', 'positionEffect', 'scale', 'center', 'maxIterations', 'tolerance', 'covariance', 'standardErrors'] as const;
const STANDARD_ERRORS: readonly BradleyTerryStandardErrors[] = ['auto', 'exact', 'approximate'];

/**
 * Checks options and fills in the defaults of {@link BRADLEY_TERRY_DEFAULTS}.
 * @internal
 */
export function resolveBradleyTerryOptions(options: unknown): ResolvedBradleyTerryOptions {
  // Each option read once (a getter runs once): the checks and the fit see the same value.
  const values = readOptions(options, OPTION_NAMES, 'options', 'options.');
  const read = (key: (typeof OPTION_NAMES)[number]): unknown => values[OPTION_NAMES.indexOf(key)];
  const defaults = BRADLEY_TERRY_DEFAULTS;

  const prior = read('prior') === undefined ? defaults.prior : requireFinite(read('prior'), 'options.prior');
  if (prior < 0) throw new RankingInputError('options.prior', `must be a finite number ≥ 0, got ${describeValue(prior)}`);
  // The ranges of the job's elo.scale and elo.initialRating (elo/eloParameters.ts): a score is
  // center + scale / ln 10 × θ, and a centre far beyond the scale would round the θ away.
  const scale = read('scale') === undefined ? defaults.scale : requireEloScale(read('scale'), 'options.scale');
  const center = read('center') === undefined ? defaults.center : requireInitialRating(read('center'), scale, 'options.center');
  return {
    prior,
    positionEffect: readBoolean(read('positionEffect'), defaults.positionEffect, 'options.positionEffect'),
    scale,
    center,
    maxIterations: read('maxIterations') === undefined ? defaults.maxIterations : requirePositiveInteger(read('maxIterations'), 'options.maxIterations'),
    tolerance: read('tolerance') === undefined ? defaults.tolerance : requirePositive(read('tolerance'), 'options.tolerance'),
    covariance: readBoolean(read('covariance'), defaults.covariance, 'options.covariance'),
    standardErrors: read('standardErrors') === undefined ? defaults.standardErrors : requireOneOf(read('standardErrors'), STANDARD_ERRORS, 'options.standardErrors'),
  };
}

function readBoolean(value: unknown, fallback: boolean, path: string): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new RankingInputError(path, `must be true or false, got ${describeValue(value)}`);
  return value;
}
