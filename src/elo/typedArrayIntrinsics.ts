/**
 * Facts about a typed array read from the engine's internal slots rather than from
 * anything a caller can fake (`instanceof`, `constructor`, an own `length` or
 * `Symbol.toStringTag`, a Proxy around a typed array).
 * @internal
 * @module
 */

type Getter<T> = (this: unknown) => T;

// The getters of %TypedArray%.prototype and ArrayBuffer.prototype, looked up on first
// use, not at import. [Symbol.toStringTag] gives a typed array's constructor name and
// undefined for anything else; `length` and `buffer` read the internal slots; and
// ArrayBuffer's `byteLength` throws for a SharedArrayBuffer (a brand check).
let intrinsicTag: Getter<string | undefined> | undefined;
let intrinsicLength: Getter<number> | undefined;
let intrinsicBuffer: Getter<ArrayBufferLike> | undefined;
let arrayBufferByteLength: Getter<number> | undefined;

function typedArrayGetter(key: PropertyKey): Getter<never> {
  const typedArrayPrototype = Object.getPrototypeOf(Int8Array.prototype) as object;
  return Object.getOwnPropertyDescriptor(typedArrayPrototype, key)!.get as Getter<never>;
}

/** `'Float64Array'`, `'Int32Array'`, … for a typed array; undefined for any other value. */
export function typedArrayName(value: unknown): string | undefined {
  intrinsicTag ??= typedArrayGetter(Symbol.toStringTag);
  return intrinsicTag.call(value);
}

/** The element count of a typed array (0 once its buffer is detached). Only for values {@link typedArrayName} names. */
export function typedArrayLength(array: ArrayBufferView): number {
  intrinsicLength ??= typedArrayGetter('length');
  return intrinsicLength.call(array);
}

/**
 * Whether a typed array's elements live in a SharedArrayBuffer, where another thread may
 * change them at any time. Only for values {@link typedArrayName} names.
 */
export function onSharedMemory(array: ArrayBufferView): boolean {
  intrinsicBuffer ??= typedArrayGetter('buffer');
  arrayBufferByteLength ??= Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength')!.get as Getter<number>;
  try {
    arrayBufferByteLength.call(intrinsicBuffer.call(array));
    return false;
  } catch {
    return true;
  }
}
