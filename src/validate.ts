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

/**
 * Reads an own property only, so `"__proto__"` or inherited keys never leak in. A getter
 * runs once per call: read each key of a caller's object once (or use
 * {@link readOptions}), never once to check and again to use.
 */
export function ownValue(object: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

/**
 * A caller's options object checked as {@link requireOptionsObject} checks it, then read
 * once: the values of the `allowed` keys, in that order (undefined for a key that is not
 * an own property), each own property read exactly once (a getter runs once, a Proxy's
 * `get` trap once per key). Checks and uses then read these values, so an option that
 * changes from one read to the next cannot hand the check one value and the job
 * another. Allocates one small array: the form for hot paths. O(allowed keys + own keys).
 */
export function readOptions(value: unknown, allowed: readonly string[], path: string, keyPrefix: string): unknown[] {
  const object = requireOptionsObject(value, allowed, path, keyPrefix);
  const values = new Array<unknown>(allowed.length);
  for (let i = 0; i < allowed.length; i++) {
    const key = allowed[i]!;
    values[i] = Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
  }
  return values;
}

/**
 * {@link readOptions} as a fresh plain object holding the allowed keys that have a
 * value: for options that are handed on as an object. O(allowed keys + own keys).
 */
export function copyOptions(value: unknown, allowed: readonly string[], path: string, keyPrefix: string): Record<string, unknown> {
  const values = readOptions(value, allowed, path, keyPrefix);
  const copy: Record<string, unknown> = {};
  allowed.forEach((key, i) => {
    if (values[i] !== undefined) copy[key] = values[i];
  });
  return copy;
}

/** Arrays at least this long are copied into a Float64Array by `copyJsonData(…, 'typed')` when all their entries are numbers. */
export const TYPED_COPY_LENGTH = 1024;

// Copies up to this long are allocated at their full length up front: an array grown one
// push at a time keeps up to half its length spare (a two-element array, 17 slots), and
// engines allocate longer arrays sparsely (V8's largest fast array is 2^25 elements).
const PREALLOCATED_LENGTH = 2 ** 25;
// The longest an array can be (2^32 − 1).
const MAX_ARRAY_LENGTH = 2 ** 32 - 1;

// Deeper than any snapshot, event log or labeler spec nests; deeper input is refused
// rather than overflowing the stack (a cycle reaches it too).
const MAX_DATA_DEPTH = 64;

/**
 * A deep copy of plain data handed in by a caller (a snapshot, an event log): arrays
 * become arrays (the length read once, each element once), other objects become plain
 * objects of their own enumerable properties (each read once, `"__proto__"` kept as a
 * key), everything else is kept as it is. Nothing of the caller's is read again
 * afterwards, so getters and Proxies that change between reads cannot make the checks
 * see one value and the job keep another. Each copied array is exactly as long as its
 * contents. O(size of the data).
 *
 * @throws {@link RankingInputError} at the offending path for a hole in an array (JSON
 *   has none, and a sparse array's length costs nothing to make huge), an array whose
 *   length is not an array length (a Proxy can report any value), or nesting deeper
 *   than 64 levels (a cycle, for example).
 * @param numberArrays - `'typed'` copies an array of at least {@link TYPED_COPY_LENGTH}
 *   entries that are all numbers into a Float64Array instead: the same values, outside
 *   the garbage-collected heap (a snapshot of a million rankings holds dozens of MB of
 *   them). Readers of such a copy must accept typed arrays where they expect lists.
 * @param keep - Objects for which this returns true are kept as they are, not copied:
 *   for data the library made and froze itself (a normalised definition), which no
 *   caller can change.
 */
export function copyJsonData(value: unknown, path: string, numberArrays: 'arrays' | 'typed' = 'arrays', keep: (value: object) => boolean = keepNone): unknown {
  return typeof value === 'object' && value !== null ? copyData(value, path, [], numberArrays === 'typed', keep) : value;
}

function keepNone(): boolean {
  return false;
}

// `trail` holds the keys from `path` down to `value`; error paths are built from it only
// when needed (most of a snapshot or log is small objects and arrays of numbers).
function copyData(value: object, path: string, trail: (string | number)[], typed: boolean, keep: (value: object) => boolean): unknown {
  if (trail.length === MAX_DATA_DEPTH) throw new RankingInputError(pathOf(path, trail), `nests deeper than ${MAX_DATA_DEPTH} levels (does it contain itself?)`);
  if (keep(value)) return value;
  if (Array.isArray(value)) {
    const length: unknown = value.length;
    if (typeof length !== 'number' || !Number.isInteger(length) || length < 0 || length > MAX_ARRAY_LENGTH) {
      throw new RankingInputError(pathOf(path, trail), `reports a length of ${describeValue(length)}, which no array has (a whole number up to ${MAX_ARRAY_LENGTH})`);
    }
    // A sparse array's length costs its maker nothing: when the last index is a hole, grow
    // the copy instead, so the loop reaches the first hole without allocating for the length.
    const preallocated = length <= PREALLOCATED_LENGTH && (length < TYPED_COPY_LENGTH || length - 1 in value);
    const copy: unknown[] = preallocated ? new Array<unknown>(length) : [];
    let numbers: Float64Array | null = typed && preallocated && length >= TYPED_COPY_LENGTH ? new Float64Array(length) : null;
    for (let i = 0; i < length; i++) {
      let item: unknown = value[i];
      if (numbers !== null) {
        if (typeof item === 'number') {
          numbers[i] = item;
          continue;
        }
        // Not all numbers after all: a plain copy from here on (each element still read once).
        for (let k = 0; k < i; k++) copy[k] = numbers[k];
        numbers = null;
      }
      if (typeof item === 'object' && item !== null) {
        trail.push(i);
        item = copyData(item, path, trail, typed, keep);
        trail.pop();
      } else if (item === undefined && !(i in value)) {
        throw new RankingInputError(pathOf(path, [...trail, i]), 'is a hole in a sparse array; only plain JSON data is accepted here');
      }
      copy[i] = item;
    }
    return numbers ?? copy;
  }
  // A spread reads each own enumerable property once (and is the engine's fast path);
  // the nested objects it took are then copied in turn, from this copy.
  const copy: Record<string, unknown> = { ...value };
  for (const key of Object.keys(copy)) {
    const item = copy[key];
    if (typeof item !== 'object' || item === null) continue;
    trail.push(key);
    const nested = copyData(item, path, trail, typed, keep);
    trail.pop();
    // An own "__proto__" key (JSON.parse makes one) stays a key, not the copy's prototype.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: nested, enumerable: true, writable: true, configurable: true });
    else copy[key] = nested;
  }
  return copy;
}

function pathOf(path: string, trail: readonly (string | number)[]): string {
  return path + trail.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('');
}

/** The own entries of an object whose values are not undefined: what an options spread should carry. */
export function definedEntries(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}
