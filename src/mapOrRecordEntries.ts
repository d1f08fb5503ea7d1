/**
 * Reading an input given as a `Map` or a plain record (score maps, labeler weights) once,
 * into a fresh list of entries.
 * @internal
 * @module
 */
import { RankingInputError } from './errors.js';

// Map's own methods, taken before any caller's code runs. The size getter throws for
// anything without a Map's internal storage (a Proxy of a Map included) and runs no trap.
const mapSize = Object.getOwnPropertyDescriptor(Map.prototype, 'size')!.get!;
const mapEntries = Map.prototype.entries;

function isMap(value: object): boolean {
  try {
    mapSize.call(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * The entries of `value`, copied once: a Map's through Map's own `entries` (what it
 * stores, whatever a subclass or an own property overrides), a record's own enumerable
 * string keys otherwise. An object that passes `instanceof Map` without being one (a
 * Proxy of a Map, `Object.create(Map.prototype)`) is refused: Map's methods cannot read
 * it, and read as a record it would look empty. O(entries).
 * @param value - The caller's object (already checked to be a non-null object).
 * @param path - The field, for the error.
 * @param what - What the entries are, for the error: `of scores`, `of weights by labelerId`.
 * @throws {@link RankingInputError} at `path` for a Map look-alike.
 */
export function mapOrRecordEntries(value: object, path: string, what: string): [unknown, unknown][] {
  if (isMap(value)) return Array.from(mapEntries.call(value as Map<unknown, unknown>));
  if (value instanceof Map) {
    throw new RankingInputError(
      path,
      `must be a Map or a plain record ${what}, got an object that passes instanceof Map but is not a Map (a Proxy of one, for example), whose entries cannot be read safely: pass the Map itself, or a plain record`,
    );
  }
  return Object.entries(value);
}
