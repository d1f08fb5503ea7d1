/**
 * Seeded generator: Baagøe's Alea through seedrandom ("alea, a 53-bit
 * multiply-with-carry generator … reported to pass all BigCrush tests", seedrandom
 * 3.0.5 index.js), imported from its own module lib/alea.js. Alea was picked over
 * seedrandom's default ARC4 because its state is four numbers rather than a 256-entry
 * table, and it is several times faster.
 * @module
 */
// Alea's module alone: the package root would bring five more generators and ARC4 into bundles.
import alea from 'seedrandom/lib/alea.js';
import type seedrandom from 'seedrandom';
import { RankingInputError, describeValue } from '../errors.js';
import { requireOptionsObject } from '../validate.js';
import type { RngState, SeededRng } from './rng.js';

// The multiplier in Alea's step: the carry stays below it.
const ALEA_MULTIPLIER = 2091639;
// Alea's lags are whole multiples of 2^-32: seeding subtracts two such values (Mash
// returns k · 2^-32), and each step keeps the fraction of (2091639 · k + c) · 2^-32,
// computed exactly because 2091639 · 2^32 < 2^53. A lag off that grid makes the step
// inexact, and can carry c up to 2091639 itself, a state that state() then reports and
// createRng refuses.
const TWO_POW_32 = 4294967296;

// Generators made by createRng: their state() can be restored by createRng.
const libraryRngs = /* @__PURE__ */ new WeakSet<SeededRng>();

/**
 * Creates a seeded random number generator, optionally resumed from a saved state.
 *
 * @param seed - Any string or finite number; the same seed always gives the same sequence.
 * @param state - A state from {@link SeededRng.state}; when given, the generator
 *   continues from it (the seed is still validated, but does not influence the sequence).
 * @returns A function returning uniform numbers in [0, 1) (32 bits of randomness each),
 *   with a `state()` method. Each call costs O(1).
 * @throws {@link RankingInputError} when the seed is not a string or finite number,
 *   or the state is not one `state()` could have returned.
 * @example
 * ```ts
 * const rng = createRng('my-seed');
 * rng(); rng();
 * const saved = rng.state();
 * const next = rng();
 * createRng('my-seed', saved)() === next; // true
 * ```
 */
export function createRng(seed: string | number, state?: RngState): SeededRng {
  if (!isSeed(seed)) {
    throw new RankingInputError('seed', `must be a string or a finite number, got ${describeValue(seed)}`);
  }
  const aleaState = state === undefined ? true : toAleaState(state);
  const generator = alea(String(seed), { state: aleaState });
  const aleaStateOf = generator.state;
  // The generator itself is the Rng (no wrapper call on the hot path); only its
  // state() is replaced, to tag the state with its algorithm.
  const rng = generator as unknown as SeededRng;
  rng.state = () => {
    const { c, s0, s1, s2 } = aleaStateOf();
    return { algorithm: 'alea', c, s0, s1, s2 };
  };
  libraryRngs.add(rng);
  return rng;
}

/**
 * Whether `rng` came from {@link createRng}, so its `state()` resumes it (another
 * generator's state method is of no use to `createRng`). @internal
 */
export function isLibraryRng(rng: unknown): rng is SeededRng {
  return typeof rng === 'function' && libraryRngs.has(rng as SeededRng);
}

/** Whether a value can seed {@link createRng}: any string or finite number. @internal */
export function isSeed(value: unknown): value is string | number {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

function toAleaState(state: unknown): seedrandom.State.Alea {
  const object = requireOptionsObject(state, ['algorithm', 'c', 's0', 's1', 's2'], 'state', 'state.');
  if (object['algorithm'] !== 'alea') {
    throw new RankingInputError('state.algorithm', `must be 'alea', got ${describeValue(object['algorithm'])}`);
  }
  const c = object['c'];
  // −0 never comes out of Alea (t | 0 and t − c give +0), so it marks a state made by hand.
  if (typeof c !== 'number' || !Number.isInteger(c) || c < 0 || c >= ALEA_MULTIPLIER || Object.is(c, -0)) {
    throw new RankingInputError('state.c', `must be an integer in [0, ${ALEA_MULTIPLIER}), got ${describeValue(c)}`);
  }
  const lags: number[] = [];
  for (const key of ['s0', 's1', 's2'] as const) {
    const value = object[key];
    if (typeof value !== 'number' || !(value >= 0 && value < 1) || !Number.isInteger(value * TWO_POW_32) || Object.is(value, -0)) {
      throw new RankingInputError(`state.${key}`, `must be a multiple of 2^-32 in [0, 1) (Alea's lags always are), got ${describeValue(value)}`);
    }
    lags.push(value);
  }
  const [s0 = 0, s1 = 0, s2 = 0] = lags;
  // All zero is Alea's fixed point (every later draw is 0): seeding starts with c = 1, and
  // the step permutes the states, so no seeded generator ever reaches it.
  if (c === 0 && s0 === 0 && s1 === 0 && s2 === 0) {
    throw new RankingInputError('state', 'must not be all zero (c, s0, s1 and s2): Alea never reaches that state, and would return 0 forever');
  }
  return { c, s0, s1, s2 };
}
