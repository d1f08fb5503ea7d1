/**
 * Checking the options of `job.results` and filling in their defaults.
 * @internal
 * @module
 */
import { BRADLEY_TERRY_DEFAULTS } from '../bradleyTerry/fitBradleyTerry.js';
import { RankingInputError, describeValue } from '../errors.js';
import type { Scorer } from '../job/types.js';
import { ownValue, requireOneOf, requireOptionsObject } from '../validate.js';
import type { BradleyTerryResultOptions } from './bradleyTerryResult.js';

const KEYS = ['scorer', 'intervals', 'confidence', 'labelerWeights', 'prior', 'positionEffect'] as const;
const BRADLEY_TERRY_ONLY = ['intervals', 'confidence', 'labelerWeights', 'prior', 'positionEffect'] as const;
const SCORERS: readonly Scorer[] = ['elo', 'bradleyTerry'];

/** Null for the Elo scorer, else what the Bradley–Terry scorer needs. Throws before anything is computed. */
export function resolveResultsOptions(options: unknown): BradleyTerryResultOptions | null {
  const object = requireOptionsObject(options ?? {}, KEYS, 'options', 'options.');
  const scorerValue = ownValue(object, 'scorer');
  const scorer = scorerValue === undefined ? 'elo' : requireOneOf(scorerValue, SCORERS, 'options.scorer');
  if (scorer === 'elo') {
    const misplaced = BRADLEY_TERRY_ONLY.find((key) => ownValue(object, key) !== undefined);
    if (misplaced !== undefined) throw new RankingInputError(`options.${misplaced}`, "applies to scorer 'bradleyTerry' only");
    return null;
  }
  const intervals = booleanOption(ownValue(object, 'intervals'), 'options.intervals');
  const confidenceValue = ownValue(object, 'confidence');
  if (confidenceValue !== undefined && !(typeof confidenceValue === 'number' && confidenceValue > 0 && confidenceValue < 1)) {
    throw new RankingInputError('options.confidence', `must be a number in (0, 1), got ${describeValue(confidenceValue)}`);
  }
  const priorValue = ownValue(object, 'prior');
  if (priorValue !== undefined && !(typeof priorValue === 'number' && Number.isFinite(priorValue) && priorValue >= 0)) {
    throw new RankingInputError('options.prior', `must be a finite number ≥ 0, got ${describeValue(priorValue)}`);
  }
  return {
    prior: (priorValue as number | undefined) ?? BRADLEY_TERRY_DEFAULTS.prior,
    positionEffect: booleanOption(ownValue(object, 'positionEffect'), 'options.positionEffect'),
    confidence: intervals ? ((confidenceValue as number | undefined) ?? 0.95) : null,
    weightOf: labelerWeights(ownValue(object, 'labelerWeights')),
  };
}

function booleanOption(value: unknown, path: string): boolean {
  if (value !== undefined && typeof value !== 'boolean') throw new RankingInputError(path, `must be true or false, got ${describeValue(value)}`);
  return value === true;
}

// A response's weight by labeler: listed weights, 1 otherwise.
function labelerWeights(value: unknown): (labelerId: string | undefined) => number {
  if (value === undefined) return () => 1;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RankingInputError('options.labelerWeights', `must be a Map or a record of weights by labelerId, got ${describeValue(value)}`);
  }
  const entries: [string, unknown][] = value instanceof Map ? [...(value as Map<string, unknown>)] : Object.entries(value);
  const weights = new Map<string, number>();
  for (const [id, weight] of entries) {
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      throw new RankingInputError(`options.labelerWeights[${JSON.stringify(id)}]`, `must be a finite number ≥ 0, got ${describeValue(weight)}`);
    }
    weights.set(id, weight);
  }
  return (labelerId) => (labelerId === undefined ? 1 : (weights.get(labelerId) ?? 1));
}
