/**
 * Validation and normalisation of a definition's validation matchups.
 * @internal
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { ownValue, requireNonEmptyString, requireOneOf, requireOptionsObject } from '../validate.js';
import { normaliseContext } from './normaliseContext.js';
import type { ValidationMatchup, ValidationParameters } from './types.js';

/** Most validation matchups a definition may hold. */
export const MAX_VALIDATION_MATCHUPS = 1_000_000;

const VALIDATION_KEYS = ['matchups', 'rate'] as const;
const MATCHUP_KEYS = ['left', 'right', 'answer', 'context'] as const;
const ANSWERS = ['left', 'right', 'draw'] as const;

/**
 * The validation option of a definition, checked and frozen, or undefined when absent
 * or null. Every field is read once; the copy holds what was checked.
 */
export function normaliseValidation(value: unknown): ValidationParameters | undefined {
  if (value === undefined || value === null) return undefined;
  const object = requireOptionsObject(value, VALIDATION_KEYS, 'validation', 'validation.');
  const list = ownValue(object, 'matchups');
  const count = Array.isArray(list) ? list.length : 0;
  if (count === 0 || count > MAX_VALIDATION_MATCHUPS) {
    const given = Array.isArray(list) ? `an array of length ${count}` : describeValue(list);
    throw new RankingInputError('validation.matchups', `must be an array of 1 to ${MAX_VALIDATION_MATCHUPS} matchups { left, right, answer, context? }, got ${given}`);
  }
  const matchups: ValidationMatchup[] = [];
  // Unordered pair → its first index: a pair twice could carry two answers.
  const seen = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const path = `validation.matchups[${i}]`;
    const entry = requireOptionsObject((list as readonly unknown[])[i], MATCHUP_KEYS, path, `${path}.`);
    const left = requireNonEmptyString(ownValue(entry, 'left'), `${path}.left`);
    const right = requireNonEmptyString(ownValue(entry, 'right'), `${path}.right`);
    if (left === right) throw new RankingInputError(`${path}.right`, `must differ from left (${describeValue(left)})`);
    const answer = requireOneOf(ownValue(entry, 'answer'), ANSWERS, `${path}.answer`);
    const key = JSON.stringify(left < right ? [left, right] : [right, left]);
    const earlier = seen.get(key);
    if (earlier !== undefined) throw new RankingInputError(path, `pairs the same datapoints as validation.matchups[${earlier}]; each pair may be listed once`);
    seen.set(key, i);
    const context = ownValue(entry, 'context');
    matchups.push(Object.freeze(context === undefined ? { left, right, answer } : { left, right, answer, context: normaliseContext(context, `${path}.context`) }));
  }
  const rate = ownValue(object, 'rate');
  if (typeof rate !== 'number' || !(rate > 0 && rate < 1)) {
    throw new RankingInputError('validation.rate', `must be a number in (0, 1): the share of issued matchups that are validation matchups, got ${describeValue(rate)}`);
  }
  return Object.freeze({ matchups: Object.freeze(matchups), rate });
}
