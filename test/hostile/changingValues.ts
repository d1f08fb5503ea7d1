// Inputs that change between reads: getters and Proxies that hand the first `validReads`
// reads one value and every later read another, and count their reads. The library must
// read each once (copy, then validate and use the copy), so none of them can make a job
// store what it did not check. Shared by the hostile-input tests and the model test.

/** Hostile inputs a test file tried, by class: each distinct input once. */
export class HostileTally {
  private readonly byClass = new Map<string, Set<string>>();

  /** Records one hostile input of a class; the same name twice counts once. */
  note(kind: string, name: string): void {
    let names = this.byClass.get(kind);
    if (names === undefined) this.byClass.set(kind, (names = new Set()));
    names.add(name);
  }

  /** Distinct inputs per class, and the total. */
  counts(): { readonly byClass: Record<string, number>; readonly total: number } {
    const byClass = Object.fromEntries([...this.byClass].map(([kind, names]) => [kind, names.size]));
    return { byClass, total: Object.values(byClass).reduce((sum, count) => sum + count, 0) };
  }
}

/** A read counter shared by the getters and traps of one hostile input. */
export interface Reads {
  count: number;
}

// The value of the n-th read (1-based): `first` while n ≤ validReads, `later` after.
// `onRead` runs at every read, first: user code that may call back into the library.
function valueAt(reads: Reads, validReads: number, first: unknown, later: unknown, onRead?: () => void): unknown {
  reads.count++;
  onRead?.();
  return reads.count <= validReads ? first : later;
}

/**
 * A copy of `values` whose element `index` is a getter: `values[index]` for `validReads`
 * reads, then `later`. Here and below, `onRead` runs at every read of the changing value.
 */
export function arrayWithChangingElement<T>(values: readonly T[], index: number, later: unknown, validReads = 1, onRead?: () => void): { value: T[]; reads: Reads } {
  const reads: Reads = { count: 0 };
  const value = [...values];
  Object.defineProperty(value, index, { get: () => valueAt(reads, validReads, values[index], later, onRead), enumerable: true, configurable: true });
  return { value, reads };
}

/** A Proxy over a copy of `values` whose `get` trap answers `index` with `values[index]` for `validReads` reads, then `later`. */
export function proxyWithChangingElement<T>(values: readonly T[], index: number, later: unknown, validReads = 1, onRead?: () => void): { value: T[]; reads: Reads } {
  const reads: Reads = { count: 0 };
  const key = String(index);
  const value = new Proxy([...values], {
    get: (target, property, receiver) => (property === key ? valueAt(reads, validReads, values[index], later, onRead) : Reflect.get(target, property, receiver)),
  });
  return { value, reads };
}

/** A Proxy over a copy of `values` whose `length` is the true one for `validReads` reads, then `laterLength`. */
export function proxyWithChangingLength<T>(values: readonly T[], laterLength: number, validReads = 1): { value: T[]; reads: Reads } {
  const reads: Reads = { count: 0 };
  const value = new Proxy([...values], {
    get: (target, property, receiver) => (property === 'length' ? valueAt(reads, validReads, values.length, laterLength) : Reflect.get(target, property, receiver)),
  });
  return { value, reads };
}

/** A copy of `object` whose `key` is a getter: `object[key]` for `validReads` reads, then `later`. */
export function objectWithChangingKey<T extends object>(object: T, key: string, later: unknown, validReads = 1, onRead?: () => void): { value: T; reads: Reads } {
  const reads: Reads = { count: 0 };
  const value = { ...object };
  const first = (object as Record<string, unknown>)[key];
  Object.defineProperty(value, key, { get: () => valueAt(reads, validReads, first, later, onRead), enumerable: true, configurable: true });
  return { value, reads };
}

/** A Proxy over a copy of `object` whose `get` trap answers `key` with `object[key]` for `validReads` reads, then `later`. */
export function proxyWithChangingKey<T extends object>(object: T, key: string, later: unknown, validReads = 1, onRead?: () => void): { value: T; reads: Reads } {
  const reads: Reads = { count: 0 };
  const first = (object as Record<string, unknown>)[key];
  // The key is the target's own (undefined when `object` lacks it), as a getter's would be.
  const value = new Proxy({ ...object, [key]: first }, {
    get: (target, property, receiver) => (property === key ? valueAt(reads, validReads, first, later, onRead) : Reflect.get(target, property, receiver)),
  });
  return { value, reads };
}

/**
 * A Proxy over a copy of `object` whose `ownKeys`, `has` and `getOwnPropertyDescriptor`
 * lie: `hidden` keys are left out of the key list (though `get` still answers them) and
 * `extra` keys are listed and claimed (`has` says yes) though `get` gives undefined.
 */
export function proxyWithLyingKeys<T extends object>(object: T, hidden: readonly string[], extra: readonly string[]): T {
  return new Proxy({ ...object }, {
    ownKeys: (target) => [...Reflect.ownKeys(target).filter((key) => !hidden.includes(String(key))), ...extra],
    has: (target, key) => extra.includes(String(key)) || (!hidden.includes(String(key)) && Reflect.has(target, key)),
    getOwnPropertyDescriptor: (target, key) => {
      if (extra.includes(String(key))) return { value: undefined, enumerable: true, configurable: true, writable: true };
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
}

/** Sets `value` at a path of keys inside plain data (made by JSON.parse), returning the data. */
export function setAt(data: unknown, path: readonly (string | number)[], value: unknown): void {
  let node = data as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
}

/** Reads a path of keys inside plain data. */
export function getAt(data: unknown, path: readonly (string | number)[]): unknown {
  let node = data as Record<string | number, unknown>;
  for (const key of path) node = node[key] as Record<string | number, unknown>;
  return node;
}

/** Installs a getter at a path inside plain data: the value there for `validReads` reads, then `later`. */
export function changeAt(data: unknown, path: readonly (string | number)[], later: unknown, validReads = 1): Reads {
  const reads: Reads = { count: 0 };
  const parent = getAt(data, path.slice(0, -1)) as object;
  const key = path[path.length - 1]!;
  const first = (parent as Record<string | number, unknown>)[key];
  Object.defineProperty(parent, key, { get: () => valueAt(reads, validReads, first, later), enumerable: true, configurable: true });
  return reads;
}
