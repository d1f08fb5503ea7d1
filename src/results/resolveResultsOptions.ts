/**
 * Checking the options of `job.results` and filling in their defaults.
 * @internal
 * @module
 */
import { BRADLEY_TERRY_DEFAULTS } from '../bradleyTerry/fitBradleyTerry.js';
import { RankingInputError, describeValue } from '../errors.js';
import type { Scorer, ScorerName } from '../job/types.js';
import { mapOrRecordEntries } from '../mapOrRecordEntries.js';
import { ownValue, requireOneOf, requireOptionsObject } from '../validate.js';
import type { BradleyTerryResultOptions } from './bradleyTerryResult.js';
import type { PosteriorResultOptions } from './posteriorResult.js';

const KEYS = ['scorer', 'intervals', 'confidence', 'labelerWeights', 'minTrust', 'prior', 'positionEffect'] as const;
/** Every scorer of `job.results`. */
export const SCORERS: readonly Scorer[] = ['posterior', 'bradleyTerry', 'elo'];
/** Every spelling a scorer is accepted in: the scorers and `'bt'` for `'bradleyTerry'`. */
export const SCORER_NAMES: readonly ScorerName[] = [...SCORERS, 'bt'];

/**
 * A scorer from any API or CLI input: one of {@link SCORER_NAMES}, `'bt'` read as
 * `'bradleyTerry'`. Throws {@link RankingInputError} at `path` otherwise. @internal
 */
export function readScorer(value: unknown, path: string): Scorer {
  const name = requireOneOf(value, SCORER_NAMES, path);
  return name === 'bt' ? 'bradleyTerry' : name;
}
// The options each scorer takes besides `scorer`.
const OPTIONS_OF: Readonly<Record<Scorer, readonly string[]>> = {
  posterior: ['intervals', 'confidence', 'labelerWeights', 'minTrust'],
  bradleyTerry: ['intervals', 'confidence', 'labelerWeights', 'minTrust', 'prior', 'positionEffect'],
  elo: [],
};

/** The scorer `job.results` uses when none is given. */
export const DEFAULT_SCORER: Scorer = 'posterior';

/** A checked `job.results` request. */
export type ResolvedResultsOptions =
  | { readonly scorer: 'elo' }
  | ({ readonly scorer: 'bradleyTerry' } & BradleyTerryResultOptions)
  | ({ readonly scorer: 'posterior' } & PosteriorResultOptions);

/**
 * What the chosen scorer needs. Throws before anything is computed.
 * @param trustWeights - The job's labeler weights from trust with a `minTrust` threshold
 *   (`labelerWeights: 'trust'`), computed only when asked for.
 */
export function resolveResultsOptions(options: unknown, trustWeights: (minTrust: number) => ReadonlyMap<string, number>): ResolvedResultsOptions {
  const object = requireOptionsObject(options ?? {}, KEYS, 'options', 'options.');
  const scorerValue = ownValue(object, 'scorer');
  const scorer = scorerValue === undefined ? DEFAULT_SCORER : readScorer(scorerValue, 'options.scorer');
  const misplaced = KEYS.find((key) => key !== 'scorer' && !OPTIONS_OF[scorer].includes(key) && ownValue(object, key) !== undefined);
  if (misplaced !== undefined) {
    const takers = SCORERS.filter((name) => OPTIONS_OF[name].includes(misplaced)).map((name) => `'${name}'`);
    throw new RankingInputError(`options.${misplaced}`, `applies to scorer ${takers.join(' and ')} only, not '${scorer}'`);
  }
  if (scorer === 'elo') return { scorer };
  const intervals = booleanOption(ownValue(object, 'intervals'), 'options.intervals');
  const confidenceValue = ownValue(object, 'confidence');
  if (confidenceValue !== undefined && !(typeof confidenceValue === 'number' && confidenceValue > 0 && confidenceValue < 1)) {
    throw new RankingInputError('options.confidence', `must be a number in (0, 1), got ${describeValue(confidenceValue)}`);
  }
  const confidence = intervals ? ((confidenceValue as number | undefined) ?? 0.95) : null;
  const weightsValue = ownValue(object, 'labelerWeights');
  const minTrust = ownValue(object, 'minTrust');
  if (minTrust !== undefined && weightsValue !== 'trust') {
    throw new RankingInputError('options.minTrust', "applies with labelerWeights: 'trust' only");
  }
  if (minTrust !== undefined && !(typeof minTrust === 'number' && minTrust >= 0 && minTrust <= 1)) {
    throw new RankingInputError('options.minTrust', `must be a number in [0, 1], got ${describeValue(minTrust)}`);
  }
  const weightOf = weightsValue === 'trust' ? weightLookup(trustWeights((minTrust as number | undefined) ?? 0)) : labelerWeights(weightsValue);
  if (scorer === 'posterior') return { scorer, confidence, weightOf };
  const priorValue = ownValue(object, 'prior');
  if (priorValue !== undefined && !(typeof priorValue === 'number' && Number.isFinite(priorValue) && priorValue >= 0)) {
    throw new RankingInputError('options.prior', `must be a finite number ≥ 0, got ${describeValue(priorValue)}`);
  }
  return {
    scorer,
    prior: (priorValue as number | undefined) ?? BRADLEY_TERRY_DEFAULTS.prior,
    positionEffect: booleanOption(ownValue(object, 'positionEffect'), 'options.positionEffect'),
    confidence,
    weightOf,
  };
}

function booleanOption(value: unknown, path: string): boolean {
  if (value !== undefined && typeof value !== 'boolean') throw new RankingInputError(path, `must be true or false, got ${describeValue(value)}`);
  return value === true;
}

// A response's weight by labeler: listed weights, 1 otherwise. Any finite weight ≥ 0 is
// sound: the scorers divide a ranking's weights by a power of two near the largest before
// summing them (weightUnit.ts), so only their ratios matter.
function labelerWeights(value: unknown): (labelerId: string | undefined) => number {
  if (value === undefined) return () => 1;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RankingInputError('options.labelerWeights', `must be 'trust', a Map or a record of weights by labelerId, got ${describeValue(value)}`);
  }
  const entries = mapOrRecordEntries(value, 'options.labelerWeights', 'of weights by labelerId');
  const weights = new Map<string, number>();
  for (const [id, weight] of entries) {
    // A key that is not a string could never match a labelerId: a mistake, not a weight.
    if (typeof id !== 'string') {
      throw new RankingInputError('options.labelerWeights', `must be keyed by labelerId strings, got the key ${describeValue(id)}`);
    }
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      throw new RankingInputError(`options.labelerWeights[${JSON.stringify(id)}]`, `must be a finite number ≥ 0, got ${describeValue(weight)}`);
    }
    weights.set(id, weight);
  }
  return weightLookup(weights);
}

// Listed weights by labelerId; 1 for labelers not listed and for responses without one.
function weightLookup(weights: ReadonlyMap<string, number>): (labelerId: string | undefined) => number {
  return (labelerId) => (labelerId === undefined ? 1 : (weights.get(labelerId) ?? 1));
}
