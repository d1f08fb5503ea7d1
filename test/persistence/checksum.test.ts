import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, hash53, hashCanonicalJson, hashJsonValue, sameCanonicalJson } from '../../src/persistence/checksum.js';

// Plain JSON data, as a snapshot holds it: small values of every kind, nested three deep
// (fast-check's jsonValue made values of megabytes that took seconds each to generate).
const leaf = fc.oneof(fc.string({ maxLength: 6 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.boolean(), fc.constant(null));
const json: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 4 }), tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('snapshot checksums', () => {
  it('hashCanonicalJson is the hash of the canonical JSON text, fed in pieces', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(hashCanonicalJson(value)).toBe(hash53(canonicalJson(value)));
      }),
      { numRuns: 400 },
    );
    // Past the slice length (8 192 entries), where the text is fed in parts.
    const long = { xs: Array.from({ length: 20_000 }, (_, i) => i / 7), ids: Array.from({ length: 9_000 }, (_, i) => [`a${i}`]) };
    expect(hashCanonicalJson(long)).toBe(hash53(canonicalJson(long)));
    expect(hashCanonicalJson({ xs: Float64Array.from(long.xs), ids: long.ids })).toBe(hash53(canonicalJson(long)));
  });

  it('hashJsonValue survives a JSON round trip and reordered keys', () => {
    const reorder = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reorder)
        : typeof value === 'object' && value !== null
          ? Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, reorder(inner)]))
          : value;
    fc.assert(
      fc.property(json, (value) => {
        expect(hashJsonValue(JSON.parse(JSON.stringify(value)))).toBe(hashJsonValue(value));
        expect(hashJsonValue(reorder(value))).toBe(hashJsonValue(value));
      }),
      { numRuns: 400 },
    );
    // Doubles read back exactly; −0 is written as 0; a Float64Array is the list of its numbers.
    const numbers = [0.1 + 0.2, -0, 1e-310, 2 ** 53 + 2, -123.456e-7];
    expect(hashJsonValue(JSON.parse(JSON.stringify(numbers)))).toBe(hashJsonValue(numbers));
    expect(hashJsonValue(Float64Array.from(numbers))).toBe(hashJsonValue(numbers));
  });

  it('hashJsonValue tells apart values that share their parts', () => {
    // Each pair feeds the same characters or numbers in another structure.
    const pairs: [unknown, unknown][] = [
      [['ab'], ['a', 'b']],
      [{ a: 'b' }, { ab: '' }],
      [[1, [2]], [[1], 2]],
      [{ a: [] }, { a: {} }],
      [[null], [false]],
      ['1', 1],
      [[], ''],
      [0.1, 0.1 + 2 ** -56],
      [{ a: 1, b: 2 }, { a: 2, b: 1 }],
    ];
    for (const [a, b] of pairs) expect(hashJsonValue(a)).not.toBe(hashJsonValue(b));
    // One changed number in a long list changes the hash.
    const list = Array.from({ length: 10_000 }, (_, i) => i);
    const changed = [...list];
    changed[5_000] = 5_000.5;
    expect(hashJsonValue(changed)).not.toBe(hashJsonValue(list));
  });

  it('sameCanonicalJson agrees with comparing the canonical texts', () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        expect(sameCanonicalJson(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
        expect(sameCanonicalJson(a, JSON.parse(JSON.stringify(a)))).toBe(true);
      }),
      { numRuns: 400 },
    );
    expect(sameCanonicalJson({ a: 1, b: [-0] }, { b: [0], a: 1 })).toBe(true);
    expect(sameCanonicalJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
  });
});
