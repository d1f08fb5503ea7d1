/**
 * The boundary check of one comparison: a record `{ left, right, outcome, weight?,
 * labelerId? }` or pair counts `{ a, b, aWins, bWins, draws? }`. Errors name the field
 * (`comparisons[3].outcome`) and say what is allowed.
 *
 * A million-row input passes through here once per row, so the check allocates nothing
 * when the item is good: it fills a caller's scratch record, and an item's path
 * (`comparisons[3]`) is spelt out only when an error needs it.
 * @internal
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { ownValue, requireNonEmptyString, requireOneOf } from '../validate.js';
import type { ComparisonOutcome } from './comparisonTypes.js';

const OUTCOMES: readonly ComparisonOutcome[] = ['left', 'right', 'draw'];
const RECORD_FIELDS_TEXT = 'left, right, outcome, weight, labelerId, ranking, matchupId';
const PAIR_COUNT_FIELDS_TEXT = 'a, b, aWins, bWins, draws';
// The fields of a record parseRecord has read, as bits.
const LEFT = 1;
const RIGHT = 2;
const OUTCOME = 4;
const WEIGHT = 8;
const LABELER = 16;
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

/** One validated item, before its ids are interned; a scratch record the check fills. @internal */
export interface ParsedComparison {
  first: string;
  second: string;
  /** Whether `first` was shown on the left (records) or the side is unknown (pair counts). */
  sided: boolean;
  firstWins: number;
  secondWins: number;
  draws: number;
}

/**
 * How errors name item `index` of the input called `base`: `base[index]`, or `base`
 * itself when `index` is negative (an item passed alone). @internal
 */
export function itemPath(base: string, index: number): string {
  return index < 0 ? base : `${base}[${index}]`;
}

/**
 * Checks one item and reads it, each field once, into `into`: two ids with their
 * weighted wins and draws. O(fields); allocates nothing when the item is good.
 *
 * @param comparison - The item, of any type.
 * @param into - The scratch record to fill; left as it was when the item is refused.
 * @param base - How errors name the input (`comparisons`), or the item itself when
 *   `index` is negative.
 * @param index - The item's position in the input (errors say `comparisons[3].left`).
 * @throws {@link RankingInputError} when it is neither shape, or has an unknown field,
 *   an empty id, the same datapoint on both sides, an unknown outcome, a labelerId that
 *   is not a string, or a weight or count that is not 0 or a number in [2^-1022, 2^53].
 * @internal
 */
export function parseComparisonInto(comparison: unknown, into: ParsedComparison, base: string, index: number): void {
  if (typeof comparison !== 'object' || comparison === null || Array.isArray(comparison)) {
    throw new RankingInputError(itemPath(base, index), `${SHAPE}, got ${describeValue(comparison)}`);
  }
  const object = comparison as Record<string, unknown>;
  const has = Object.prototype.hasOwnProperty;
  if (has.call(object, 'left') || has.call(object, 'right') || has.call(object, 'outcome')) parseRecord(object, into, base, index);
  else if (has.call(object, 'a') || has.call(object, 'b') || has.call(object, 'aWins') || has.call(object, 'bWins')) parsePairCounts(object, into, base, index);
  else throw new RankingInputError(itemPath(base, index), `${SHAPE}, got an object without those fields`);
}

function parseRecord(object: Record<string, unknown>, into: ParsedComparison, base: string, index: number): void {
  // Each field is read where for…in meets it (the cheap read of a key it just listed), so a
  // good record costs one pass over its keys; a field it did not list (absent, or own but
  // not enumerable) is read after, as an own property. for…in rather than Object.keys: no
  // array per item. Skipping inherited keys leaves the own enumerable ones, in the same
  // order, so the same field is refused first.
  let left: unknown;
  let right: unknown;
  let outcome: unknown;
  let weightValue: unknown;
  let labelerId: unknown;
  let listed = 0;
  for (const key in object) {
    if (!Object.prototype.hasOwnProperty.call(object, key)) continue;
    // `ranking` and `matchupId` come with `job.comparisons()` records; the fit ignores them.
    switch (key) {
      case 'left':
        left = object[key];
        listed |= LEFT;
        break;
      case 'right':
        right = object[key];
        listed |= RIGHT;
        break;
      case 'outcome':
        outcome = object[key];
        listed |= OUTCOME;
        break;
      case 'weight':
        weightValue = object[key];
        listed |= WEIGHT;
        break;
      case 'labelerId':
        labelerId = object[key];
        listed |= LABELER;
        break;
      case 'ranking':
      case 'matchupId':
        break;
      default:
        throw unknownField(key, 'a comparison record', RECORD_FIELDS_TEXT, base, index);
    }
  }
  if ((listed & LEFT) === 0) left = ownValue(object, 'left');
  if ((listed & RIGHT) === 0) right = ownValue(object, 'right');
  if ((listed & OUTCOME) === 0) outcome = ownValue(object, 'outcome');
  if ((listed & WEIGHT) === 0) weightValue = ownValue(object, 'weight');
  if ((listed & LABELER) === 0) labelerId = ownValue(object, 'labelerId');
  const first = requireId(left, base, index, '.left');
  const second = requireDistinctId(right, first, 'left', base, index, '.right');
  if (outcome !== 'left' && outcome !== 'right' && outcome !== 'draw') requireOneOf(outcome, OUTCOMES, `${itemPath(base, index)}.outcome`);
  const weight = weightValue === undefined ? 1 : requireWeight(weightValue, base, index, '.weight');
  if (labelerId !== undefined && typeof labelerId !== 'string') {
    throw new RankingInputError(`${itemPath(base, index)}.labelerId`, `must be a string when given, got ${describeValue(labelerId)}`);
  }
  into.first = first;
  into.second = second;
  into.sided = true;
  into.firstWins = outcome === 'left' ? weight : 0;
  into.secondWins = outcome === 'right' ? weight : 0;
  into.draws = outcome === 'draw' ? weight : 0;
}

function parsePairCounts(object: Record<string, unknown>, into: ParsedComparison, base: string, index: number): void {
  for (const key in object) {
    if (!Object.prototype.hasOwnProperty.call(object, key)) continue;
    if (key !== 'a' && key !== 'b' && key !== 'aWins' && key !== 'bWins' && key !== 'draws') {
      throw unknownField(key, 'pair counts', PAIR_COUNT_FIELDS_TEXT, base, index);
    }
  }
  const a = requireId(ownValue(object, 'a'), base, index, '.a');
  const b = requireDistinctId(ownValue(object, 'b'), a, 'a', base, index, '.b');
  const aWins = requireWeight(ownValue(object, 'aWins'), base, index, '.aWins');
  const bWins = requireWeight(ownValue(object, 'bWins'), base, index, '.bWins');
  const drawsValue = ownValue(object, 'draws');
  const draws = drawsValue === undefined ? 0 : requireWeight(drawsValue, base, index, '.draws');
  into.first = a;
  into.second = b;
  into.sided = false;
  into.firstWins = aWins;
  into.secondWins = bWins;
  into.draws = draws;
}

function unknownField(key: string, kind: string, allowed: string, base: string, index: number): RankingInputError {
  return new RankingInputError(`${itemPath(base, index)}.${key}`, `is not a field of ${kind}; allowed: ${allowed}`);
}

// The path is spelt out only for the error.
function requireId(value: unknown, base: string, index: number, field: string): string {
  return typeof value === 'string' && value.length > 0 ? value : requireNonEmptyString(value, `${itemPath(base, index)}${field}`);
}

function requireDistinctId(value: unknown, other: string, otherName: string, base: string, index: number, field: string): string {
  const id = requireId(value, base, index, field);
  if (id === other) {
    throw new RankingInputError(
      `${itemPath(base, index)}${field}`,
      `must differ from ${otherName} (a datapoint is not compared with itself), got ${describeValue(id)} for both`,
    );
  }
  return id;
}

function requireWeight(value: unknown, base: string, index: number, field: string): number {
  if (typeof value !== 'number' || !(value === 0 || (value >= MIN_POSITIVE_WEIGHT && value <= MAX_COMPARISON_WEIGHT))) {
    throw new RankingInputError(
      `${itemPath(base, index)}${field}`,
      `must be 0 or a number in [2^-1022, 2^53] (${MIN_POSITIVE_WEIGHT} to ${MAX_COMPARISON_WEIGHT}), got ${describeValue(value)}`,
    );
  }
  return value;
}
