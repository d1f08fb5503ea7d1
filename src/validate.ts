/**
 * Boundary checks shared by every public entry point. Each throws
 * {@link RankingInputError} naming the field and what it allows.
 * @internal
 * @module
 */
import { RankingInputError, describeValue } from './errors.js';

/** A finite number (not NaN, not ±Infinity). */
export function requireFinite(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RankingInputError(path, `must be a finite number, got ${describeValue(value)}`);
  }
  return value;
}

/** A finite number strictly above zero. */
export function requirePositive(value: unknown, path: string): number {
  const number = requireFinite(value, path);
  if (number <= 0) throw new RankingInputError(path, `must be a finite number > 0, got ${describeValue(value)}`);
  return number;
}

/** A safe integer ≥ 1. */
export function requirePositiveInteger(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new RankingInputError(path, `must be a positive safe integer (1 to ${Number.MAX_SAFE_INTEGER}), got ${describeValue(value)}`);
  }
  return value;
}

/** A safe integer ≥ 0. */
export function requireNonNegativeInteger(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RankingInputError(path, `must be a non-negative safe integer, got ${describeValue(value)}`);
  }
  return value;
}

/** A finite number in [0, 1]. */
export function requireUnitInterval(value: unknown, path: string): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new RankingInputError(path, `must be a finite number in [0, 1], got ${describeValue(value)}`);
  }
  return value;
}

/** A string with at least one character. */
export function requireNonEmptyString(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new RankingInputError(path, `must be a non-empty string, got ${describeValue(value)}`);
  }
  return value;
}

/** One of a fixed set of strings. */
export function requireOneOf<const T extends string>(value: unknown, allowed: readonly T[], path: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new RankingInputError(path, `must be one of ${allowed.map((item) => `'${item}'`).join(', ')}, got ${describeValue(value)}`);
  }
  return value as T;
}

/**
 * A plain object whose own keys are all in `allowed`: a misspelt option is an error,
 * not a silently applied default. `path` names the object, `keyPrefix` is put before
 * a key's name in the error about an unknown key (`''` at the top level, `'elo.'` below).
 */
export function requireOptionsObject(
  value: unknown,
  allowed: readonly string[],
  path: string,
  keyPrefix: string,
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RankingInputError(path, `must be an object, got ${describeValue(value)}`);
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new RankingInputError(`${keyPrefix}${key}`, `is not a known option; allowed: ${allowed.join(', ')}`);
    }
  }
  return value as Record<string, unknown>;
}

/** Reads an own property only, so `"__proto__"` or inherited keys never leak in. */
export function ownValue(object: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

/** The own entries of an object whose values are not undefined: what an options spread should carry. */
export function definedEntries(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}
