/**
 * Growing typed arrays.
 * @internal
 * @module
 */

/** A copy of `array` with room for `capacity` elements (the rest zero). O(capacity). */
export function grownCopy<T extends Float64Array | Int32Array | Uint32Array | Uint16Array | Int16Array | Uint8Array>(array: T, capacity: number): T {
  const copy = new (array.constructor as new (length: number) => T)(capacity);
  copy.set(array);
  return copy;
}
