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
  /** Alea's three lagged values, each in [0, 1). */
  readonly s0: number;
  readonly s1: number;
  readonly s2: number;
}

/** A seeded {@link Rng} whose state can be saved and restored. */
export interface SeededRng extends Rng {
  /** A copy of the current state; the generator goes on unaffected. */
  state(): RngState;
}
