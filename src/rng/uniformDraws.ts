/**
 * Turning uniform draws into choices. The job draws its numbers ahead into a buffer
 * and checks them there, so a misbehaving injected generator is caught before any
 * state changes.
 * @internal
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import type { Rng } from './rng.js';

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/**
 * Fills `buffer[0..count)` with draws from `rng`, checking that each is a number in
 * [0, 1). Throws before the caller has used any of them.
 */
export function fillUniformDraws(rng: Rng, buffer: Float64Array, count: number, path: string): void {
  for (let i = 0; i < count; i++) {
    const u = rng();
    if (typeof u !== 'number' || !(u >= 0 && u < 1)) {
      throw new RankingInputError(path, `the random number generator must return numbers in [0, 1), returned ${describeValue(u)}`);
    }
    buffer[i] = u;
  }
}

/**
 * An index in [0, n) from one uniform draw `u` in [0, 1). Exact for n ≤ 2^32 with
 * a 32-bit generator; see {@link wideIndex} for larger ranges.
 */
export function indexFromUniform(u: number, n: number): number {
  const index = Math.floor(u * n);
  // A 53-bit u just below 1 can round u * n up to n.
  return index < n ? index : n - 1;
}

/**
 * An index in [0, n) for n up to 2^53 from two uniform draws, so ranges wider than
 * a 32-bit generator's resolution are still reached everywhere.
 */
export function wideIndex(u1: number, u2: number, n: number): number {
  if (n <= TWO_POW_32) return indexFromUniform(u1, n);
  const high = Math.floor(u1 * 2097152); // 21 bits
  const low = Math.floor(u2 * TWO_POW_32); // 32 bits
  return indexFromUniform((high * TWO_POW_32 + low) / TWO_POW_53, n);
}
