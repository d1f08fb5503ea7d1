/**
 * Validation and normalisation of a definition's `responsesPerComparison`: a fixed
 * count, or the adaptive rule (job/adaptiveResponses.ts).
 * @internal
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { ownValue, requireOptionsObject, requirePositiveInteger } from '../validate.js';
import { DEFINITION_DEFAULTS } from './defaults.js';
import type { ResponsesPerComparison } from './types.js';

/** Most responses an adaptive matchup may collect. */
export const MAX_ADAPTIVE_RESPONSES = 1_000_000;

const ADAPTIVE_KEYS = ['maxResponses', 'minConfidence', 'ambiguityThreshold', 'minResponses'] as const;
const PATH = 'responsesPerComparison';

/**
 * `responsesPerComparison` checked and normalised: a positive safe integer as given (the
 * default 1 when absent), or an adaptive rule with every default filled in, frozen.
 * Every field is read once. O(1).
 * @throws {@link RankingInputError} naming the offending field and what it allows.
 */
export function normaliseResponsesPerComparison(value: unknown): ResponsesPerComparison {
  if (value === undefined) return DEFINITION_DEFAULTS.responsesPerComparison;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    if (typeof value === 'number') return requirePositiveInteger(value, PATH);
    throw new RankingInputError(PATH, `must be a positive integer or an object { maxResponses, minConfidence, ambiguityThreshold, minResponses }, got ${describeValue(value)}`);
  }
  const object = requireOptionsObject(value, ADAPTIVE_KEYS, PATH, `${PATH}.`);
  const defaults = DEFINITION_DEFAULTS.adaptiveResponses;
  const [maxValue, confidenceValue, thresholdValue, minValue] = ADAPTIVE_KEYS.map((key) => ownValue(object, key));
  const maxResponses = maxValue === undefined ? defaults.maxResponses : maxValue;
  if (typeof maxResponses !== 'number' || !Number.isInteger(maxResponses) || maxResponses < 1 || maxResponses > MAX_ADAPTIVE_RESPONSES) {
    throw new RankingInputError(`${PATH}.maxResponses`, `must be an integer in [1, ${MAX_ADAPTIVE_RESPONSES}], got ${describeValue(maxResponses)}`);
  }
  const minConfidence = confidenceValue === undefined ? defaults.minConfidence : confidenceValue;
  // Above ½: at ½ the prior alone would call a winner before any response.
  if (typeof minConfidence !== 'number' || !(minConfidence > 0.5 && minConfidence < 1)) {
    throw new RankingInputError(`${PATH}.minConfidence`, `must be a number in (0.5, 1), got ${describeValue(minConfidence)}`);
  }
  const ambiguityThreshold = thresholdValue === undefined ? defaults.ambiguityThreshold : thresholdValue;
  // 0 would call every pair ambiguous, 1 none (only an exact tie has impurity 1).
  if (typeof ambiguityThreshold !== 'number' || !(ambiguityThreshold > 0 && ambiguityThreshold < 1)) {
    throw new RankingInputError(`${PATH}.ambiguityThreshold`, `must be a number in (0, 1) (a normalised Gini impurity 4p(1 − p); 0.64 is a 20/80 split), got ${describeValue(ambiguityThreshold)}`);
  }
  const minResponses = minValue === undefined ? defaults.minResponses : minValue;
  if (typeof minResponses !== 'number' || !Number.isInteger(minResponses) || minResponses < 1 || minResponses > maxResponses) {
    throw new RankingInputError(`${PATH}.minResponses`, `must be an integer in [1, ${maxResponses}] (maxResponses), got ${describeValue(minResponses)}`);
  }
  return Object.freeze({ maxResponses, minConfidence, ambiguityThreshold, minResponses });
}
