/**
 * The boundary check of one comparison: a record `{ left, right, outcome, weight?,
 * labelerId? }` or pair counts `{ a, b, aWins, bWins, draws? }`. Errors name the field
 * (`comparisons[3].outcome`) and say what is allowed.
 * @internal
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { ownValue, requireNonEmptyString, requireOneOf } from '../validate.js';
import type { ComparisonOutcome } from './comparisonTypes.js';

// `ranking` and `matchupId` come with `job.comparisons()` records; the fit ignores them.
const RECORD_FIELDS = ['left', 'right', 'outcome', 'weight', 'labelerId', 'ranking', 'matchupId'] as const;
const PAIR_COUNT_FIELDS = ['a', 'b', 'aWins', 'bWins', 'draws'] as const;
const OUTCOMES: readonly ComparisonOutcome[] = ['left', 'right', 'draw'];
const SHAPE = 'must be a comparison record { left, right, outcome } or pair counts { a, b, aWins, bWins }';

/**
 * Smallest positive weight or count: 2^-1022, the smallest normal double. Below it a
 * number has lost precision already, and half of it (a draw's share) may round to 0.
 * The fit rescales the weights it is given by a power of two (fitComparisonTable.ts),
 * so any weights in this range give the scores their ratios and the prior give.
 * @internal
 */
export const MIN_POSITIVE_WEIGHT = 2 ** -1022;

/**
 * Largest weight or count of one comparison: 2^53, as for a datapoint's total
 * (`MAX_DATAPOINT_WEIGHT`), beyond which adding one game is lost to rounding.
 */
const MAX_COMPARISON_WEIGHT = 2 ** 53;

/** One validated item, before its ids are interned. @internal */
export interface ParsedComparison {
  readonly first: string;
  readonly second: string;
  /** Whether `first` was shown on the left (records) or the side is unknown (pair counts). */
  readonly sided: boolean;
  readonly firstWins: number;
  readonly secondWins: number;
  readonly draws: number;
}

/**
 * Checks one item and reads it as two ids with their weighted wins and draws. O(fields).
 *
 * @param comparison - The item, of any type.
 * @param path - How errors name it, e.g. `comparisons[3]` (fields get `.left`, …).
 * @throws {@link RankingInputError} when it is neither shape, or has an unknown field,
 *   an empty id, the same datapoint on both sides, an unknown outcome, a labelerId that
 *   is not a string, or a weight or count that is not 0 or a number in [2^-1022, 2^53].
 * @internal
 */
export function parseComparison(comparison: unknown, path: string): ParsedComparison {
  if (typeof comparison !== 'object' || comparison === null || Array.isArray(comparison)) {
    throw new RankingInputError(path, `${SHAPE}, got ${describeValue(comparison)}`);
  }
  const object = comparison as Record<string, unknown>;
  const has = (key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);
  if (has('left') || has('right') || has('outcome')) return parseRecord(object, path);
  if (has('a') || has('b') || has('aWins') || has('bWins')) return parsePairCounts(object, path);
  throw new RankingInputError(path, `${SHAPE}, got an object without those fields`);
}

function parseRecord(object: Record<string, unknown>, path: string): ParsedComparison {
  rejectUnknownFields(object, RECORD_FIELDS, 'a comparison record', path);
  const left = requireNonEmptyString(ownValue(object, 'left'), `${path}.left`);
  const right = requireDistinctId(ownValue(object, 'right'), left, 'left', `${path}.right`);
  const outcome = requireOneOf(ownValue(object, 'outcome'), OUTCOMES, `${path}.outcome`);
  const weightValue = ownValue(object, 'weight');
  const weight = weightValue === undefined ? 1 : requireWeight(weightValue, `${path}.weight`);
  const labelerId = ownValue(object, 'labelerId');
  if (labelerId !== undefined && typeof labelerId !== 'string') {
    throw new RankingInputError(`${path}.labelerId`, `must be a string when given, got ${describeValue(labelerId)}`);
  }
  return {
    first: left,
    second: right,
    sided: true,
    firstWins: outcome === 'left' ? weight : 0,
    secondWins: outcome === 'right' ? weight : 0,
    draws: outcome === 'draw' ? weight : 0,
  };
}

function parsePairCounts(object: Record<string, unknown>, path: string): ParsedComparison {
  rejectUnknownFields(object, PAIR_COUNT_FIELDS, 'pair counts', path);
  const a = requireNonEmptyString(ownValue(object, 'a'), `${path}.a`);
  const b = requireDistinctId(ownValue(object, 'b'), a, 'a', `${path}.b`);
  const aWins = requireWeight(ownValue(object, 'aWins'), `${path}.aWins`);
  const bWins = requireWeight(ownValue(object, 'bWins'), `${path}.bWins`);
  const drawsValue = ownValue(object, 'draws');
  const draws = drawsValue === undefined ? 0 : requireWeight(drawsValue, `${path}.draws`);
  return { first: a, second: b, sided: false, firstWins: aWins, secondWins: bWins, draws };
}

function rejectUnknownFields(object: Record<string, unknown>, allowed: readonly string[], kind: string, path: string): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      throw new RankingInputError(`${path}.${key}`, `is not a field of ${kind}; allowed: ${allowed.join(', ')}`);
    }
  }
}

function requireDistinctId(value: unknown, other: string, otherName: string, path: string): string {
  const id = requireNonEmptyString(value, path);
  if (id === other) {
    throw new RankingInputError(path, `must differ from ${otherName} (a datapoint is not compared with itself), got ${describeValue(id)} for both`);
  }
  return id;
}

function requireWeight(value: unknown, path: string): number {
  if (typeof value !== 'number' || !(value === 0 || (value >= MIN_POSITIVE_WEIGHT && value <= MAX_COMPARISON_WEIGHT))) {
    throw new RankingInputError(path, `must be 0 or a number in [2^-1022, 2^53] (${MIN_POSITIVE_WEIGHT} to ${MAX_COMPARISON_WEIGHT}), got ${describeValue(value)}`);
  }
  return value;
}
