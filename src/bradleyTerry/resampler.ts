/**
 * How a bootstrap round reweights the games.
 *
 * Resampling is the nonparametric bootstrap over individual games (Efron, "Bootstrap
 * methods: another look at the jackknife", Ann. Statist. 7(1), 1979): each round draws
 * as many games as the data hold, uniformly with replacement.
 *
 * When the weights are not whole numbers there is no count of games to draw from, and
 * drawing every game would dominate the cost above 2^20 games; then each round is a
 * Bayesian bootstrap (Rubin, "The Bayesian bootstrap", Ann. Statist. 9(1), 1981): the
 * cell of every (pair, side, outcome) with total weight c gets weight N·g/Σg with
 * g ~ Gamma(c, 1), a Dirichlet draw that gives whole-number data the same mean and,
 * up to a factor N/(N + 1), the same covariance as the multinomial.
 * @internal
 * @module
 */
import type { Rng } from '../rng/rng.js';
import { indexFromUniform } from '../rng/uniformDraws.js';
import { gammaDraw } from './gammaDraw.js';
import type { Units } from './resamplingUnits.js';
import type { RoundTable } from './roundTable.js';

// Gamma draws summing to at least this (2^-900) keep their ratios to well beyond double
// precision against any draw that underflowed; below it the logs are used.
const SMALLEST_EXACT_SUM = 2 ** -900;

/**
 * A function that writes one round's unit weights into `round.weights`: game counts of
 * a multinomial draw when `round.drawn` lists the games, else Bayesian-bootstrap weights.
 * @internal
 */
export function resampler(units: Units, rng: Rng, round: RoundTable): () => void {
  const { weights, drawn } = round;
  if (drawn !== null) {
    return () => {
      weights.fill(0);
      const games = drawn.length;
      for (let g = 0; g < games; g++) weights[drawn[indexFromUniform(rng(), games)]!]! += 1;
    };
  }
  let total = 0;
  for (const weight of units.weight) total += weight;
  const logs = new Float64Array(weights.length);
  return () => {
    let sum = 0;
    let largestLog = Number.NEGATIVE_INFINITY;
    for (let u = 0; u < weights.length; u++) {
      weights[u] = gammaDraw(rng, units.weight[u]!, logs, u);
      sum += weights[u]!;
      largestLog = Math.max(largestLog, logs[u]!);
    }
    // Cells of tiny weight (a fraction of a game) draw gammas that underflow, all of them
    // at once in some rounds: then the ratios come from the logs, relative to the largest.
    if (!(sum >= SMALLEST_EXACT_SUM) && largestLog > Number.NEGATIVE_INFINITY) {
      sum = 0;
      for (let u = 0; u < weights.length; u++) {
        weights[u] = Math.exp(logs[u]! - largestLog);
        sum += weights[u]!;
      }
    }
    const factor = sum > 0 ? total / sum : 0;
    for (let u = 0; u < weights.length; u++) weights[u]! *= factor;
  };
}
