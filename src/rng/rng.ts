/**
 * The random-number contract. Every random choice in the library goes through an
 * injected {@link Rng}, so a run is reproducible from its seed.
 * @module
 */

/** A source of uniform numbers in [0, 1), like `Math.random` but injected. */
export type Rng = () => number;

/**
 * The saved state of a {@link SeededRng}: plain JSON-safe data. Passing it back to
 * `createRng` resumes the sequence exactly where it was saved.
 */
export interface RngState {
  /** The generator behind the state; only Baagøe's Alea (through seedrandom) today. */
  readonly algorithm: 'alea';
  /** Alea's carry, an integer in [0, 2091639). */
  readonly c: number;
  /** The oldest of Alea's three lagged values, in [0, 1): the next draw is computed from it. */
  readonly s0: number;
  /** The middle one of Alea's three lagged values, in [0, 1). */
  readonly s1: number;
  /** The newest of Alea's three lagged values, in [0, 1): after a draw, the number it returned. */
  readonly s2: number;
}

/** A seeded {@link Rng} whose state can be saved and restored. */
export interface SeededRng extends Rng {
  /** A copy of the current state; the generator goes on unaffected. */
  state(): RngState;
}
