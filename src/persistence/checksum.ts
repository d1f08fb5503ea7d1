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
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const value = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return value.toString(16).padStart(14, '0');
}
