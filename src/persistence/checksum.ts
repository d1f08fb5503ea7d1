/**
 * Checksums of plain data: a 53-bit hash of its canonical JSON.
 *
 * Canonical JSON sorts object keys, so the checksum survives stores that reorder keys
 * (PostgreSQL's jsonb does). The hash is cyrb53 (two 32-bit multiply-xorshift lanes,
 * public domain, by bryc): fast and well mixed, not cryptographic.
 * @internal
 * @module
 */

/** JSON with object keys sorted at every level. O(size). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    // Arrays holding no objects (most of a snapshot's bulk) have no keys to sort: the
    // native serialiser is already canonical for them.
    if (!holdsObjects(value)) return JSON.stringify(value);
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Whether two pieces of plain data have the same canonical JSON, without writing it:
 * the same keys (in any order) and equal leaves, where a leaf equals another when their
 * JSON texts are equal (so 0 equals −0, as the texts do). O(size).
 */
export function sameCanonicalJson(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameCanonicalJson(a[i], b[i])) return false;
    return true;
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && sameCanonicalJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
  }
  return (JSON.stringify(a) ?? 'null') === (JSON.stringify(b) ?? 'null');
}

// Whether an array holds a (non-array) object at any depth.
function holdsObjects(array: readonly unknown[]): boolean {
  for (const item of array) {
    if (typeof item !== 'object' || item === null) continue;
    if (!Array.isArray(item) || holdsObjects(item)) return true;
  }
  return false;
}

/** A 53-bit hash of a string, as 14 hex digits. O(length). */
export function hash53(text: string): string {
  return new Hash53().update(text).digest();
}

/**
 * {@link hash53} of `canonicalJson(value)`, computed without building that text: the
 * canonical JSON is fed to the hash piece by piece, so hashing a snapshot of a million
 * rankings needs no string of its size. A Float64Array counts as the array of its
 * numbers. O(size).
 */
export function hashCanonicalJson(value: unknown): string {
  const hash = new Hash53();
  feedCanonicalJson(value, hash);
  return hash.digest();
}

// Arrays without objects are fed as JSON text in slices of this many entries: the native
// serialiser's speed, in strings of bounded size.
const SLICE = 8192;

function feedCanonicalJson(value: unknown, hash: Hash53): void {
  // A Float64Array stands for the array of its numbers (restore copies long number lists into them).
  if (value instanceof Float64Array) {
    hash.update('[');
    for (let start = 0; start < value.length; start += SLICE) {
      if (start > 0) hash.update(',');
      hash.update(JSON.stringify(Array.from(value.subarray(start, start + SLICE))).slice(1, -1));
    }
    hash.update(']');
    return;
  }
  if (Array.isArray(value)) {
    if (!holdsObjects(value)) {
      if (value.length <= SLICE) {
        hash.update(JSON.stringify(value));
        return;
      }
      hash.update('[');
      for (let start = 0; start < value.length; start += SLICE) {
        if (start > 0) hash.update(',');
        const text = JSON.stringify(value.slice(start, start + SLICE));
        hash.update(text.slice(1, -1));
      }
      hash.update(']');
      return;
    }
    hash.update('[');
    value.forEach((item, i) => {
      if (i > 0) hash.update(',');
      feedCanonicalJson(item, hash);
    });
    hash.update(']');
    return;
  }
  if (typeof value === 'object' && value !== null) {
    hash.update('{');
    Object.keys(value)
      .sort()
      .forEach((key, i) => {
        hash.update(i > 0 ? `,${JSON.stringify(key)}:` : `${JSON.stringify(key)}:`);
        feedCanonicalJson((value as Record<string, unknown>)[key], hash);
      });
    hash.update('}');
    return;
  }
  hash.update(JSON.stringify(value) ?? 'null');
}

/**
 * A 53-bit hash (14 hex digits) of plain data as a value, not as text: numbers by their
 * 64-bit float (−0 as 0, and NaN and ±Infinity as null, as JSON writes them), strings by
 * their UTF-16 code units, arrays and objects by their entries with each object's keys
 * sorted; every item is preceded by a tag and, for strings, arrays and objects, a length,
 * so no two different values feed the hash the same words. A JSON round trip keeps every
 * number exactly (JavaScript writes the shortest text that reads back the same double) and a
 * store that reorders keys changes nothing, so the hash survives both, like the text hash
 * of the canonical JSON; it is about ten times faster on numbers and allocates nothing
 * per entry. A Float64Array counts as the array of its numbers. O(size).
 */
export function hashJsonValue(value: unknown): string {
  const hash = new Hash53();
  feedValue(value, hash);
  return hash.digest();
}

// Tags: what kind of item the next words describe.
const TAG_NULL = 1;
const TAG_FALSE = 2;
const TAG_TRUE = 3;
const TAG_NUMBER = 4;
const TAG_STRING = 5;
const TAG_ARRAY = 6;
const TAG_OBJECT = 7;

// One double's two 32-bit halves.
const FLOAT = /* @__PURE__ */ new Float64Array(1);
const WORDS = /* @__PURE__ */ new Uint32Array(FLOAT.buffer);

function feedValue(value: unknown, hash: Hash53): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      hash.word(TAG_NULL);
      return;
    }
    FLOAT[0] = value === 0 ? 0 : value;
    hash.word(TAG_NUMBER);
    hash.word(WORDS[0]!);
    hash.word(WORDS[1]!);
    return;
  }
  if (typeof value === 'string') {
    hash.word(TAG_STRING);
    hash.word(value.length);
    hash.update(value);
    return;
  }
  if (value instanceof Float64Array || Array.isArray(value)) {
    const list = value as ArrayLike<unknown>;
    hash.word(TAG_ARRAY);
    hash.word(list.length);
    for (let i = 0; i < list.length; i++) feedValue(list[i], hash);
    return;
  }
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).sort();
    hash.word(TAG_OBJECT);
    hash.word(keys.length);
    for (const key of keys) {
      hash.word(key.length);
      hash.update(key);
      feedValue((value as Record<string, unknown>)[key], hash);
    }
    return;
  }
  // JSON writes undefined inside arrays as null; booleans as themselves.
  hash.word(value === true ? TAG_TRUE : value === false ? TAG_FALSE : TAG_NULL);
}

// cyrb53's state, fed a text in pieces: the same digest as the whole text at once.
class Hash53 {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;

  update(text: string): this {
    let { h1, h2 } = this;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ code, 2654435761);
      h2 = Math.imul(h2 ^ code, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
    return this;
  }

  /** Feeds one 32-bit word (as one more code unit would be, but 32 bits wide). */
  word(value: number): void {
    this.h1 = Math.imul(this.h1 ^ value, 2654435761);
    this.h2 = Math.imul(this.h2 ^ value, 1597334677);
  }

  digest(): string {
    let { h1, h2 } = this;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    const value = 4294967296 * (2097151 & h2) + (h1 >>> 0);
    return value.toString(16).padStart(14, '0');
  }
}
