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
  const [priorValue, positionEffect, scaleValue, centerValue, maxIterations, tolerance, covariance, standardErrors] = readOptions(options, OPTION_NAMES, 'options', 'options.');
  const defaults = BRADLEY_TERRY_DEFAULTS;

  const prior = priorValue === undefined ? defaults.prior : requireFinite(priorValue, 'options.prior');
  if (prior < 0) throw new RankingInputError('options.prior', `must be a finite number ≥ 0, got ${describeValue(prior)}`);
  // The ranges of the job's elo.scale and elo.initialRating (elo/eloParameters.ts): a score is
  // center + scale / ln 10 × θ, and a centre far beyond the scale would round the θ away.
  const scale = scaleValue === undefined ? defaults.scale : requireEloScale(scaleValue, 'options.scale');
  const center = centerValue === undefined ? defaults.center : requireInitialRating(centerValue, scale, 'options.center');
  return {
    prior,
    positionEffect: readBoolean(positionEffect, defaults.positionEffect, 'options.positionEffect'),
    scale,
    center,
    maxIterations: maxIterations === undefined ? defaults.maxIterations : requirePositiveInteger(maxIterations, 'options.maxIterations'),
    tolerance: tolerance === undefined ? defaults.tolerance : requirePositive(tolerance, 'options.tolerance'),
    covariance: readBoolean(covariance, defaults.covariance, 'options.covariance'),
    standardErrors: standardErrors === undefined ? defaults.standardErrors : requireOneOf(standardErrors, STANDARD_ERRORS, 'options.standardErrors'),
  };
}

function readBoolean(value: unknown, fallback: boolean, path: string): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new RankingInputError(path, `must be true or false, got ${describeValue(value)}`);
  return value;
}
