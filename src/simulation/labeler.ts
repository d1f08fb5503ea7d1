/**
 * Simulated labelers: functions that answer matchups, for demos, simulations and tests.
 * @module
 */
import type { Matchup, Outcome } from '../job/types.js';
import type { Rng } from '../rng/rng.js';

/**
 * Answers a matchup the way a person (or a model) would: 'left', 'right' or 'draw'.
 * Randomness comes from the injected `rng`, so a simulation is reproducible.
 */
export type Labeler = (matchup: Matchup, rng: Rng) => Outcome;
