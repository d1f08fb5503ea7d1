/**
 * The Bradley–Terry model fitted by maximum (penalised) likelihood, on the Elo scale:
 * the public entry point. The parts, each citing its sources: the model
 * (`bradleyTerryModel.ts`) and its likelihood (`logLikelihood.ts`); Newton–Raphson with
 * step halving (`penalisedNewton.ts`), each system solved by conjugate gradients
 * (`conjugateGradient.ts`, preconditioned where Jacobi's falls short by a spanning tree:
 * `spanningTreePreconditioner.ts`, `maximumSpanningForest.ts`, `componentCentring.ts`)
 * with the sparse information matrix (`informationMatrix.ts`);
 * the standard errors, exact (`denseCovariance.ts`, `denseCholesky.ts`) or approximate
 * (`approximateVariances.ts`); the options (`bradleyTerryOptions.ts`,
 * `resolveBradleyTerryOptions.ts`); and the fit of a table with the result
 * (`fitComparisonTable.ts`, `bradleyTerryFitTypes.ts`).
 * @module
 */
import type { BradleyTerryFit } from './bradleyTerryFitTypes.js';
import type { BradleyTerryOptions, MAX_COVARIANCE_DATAPOINTS } from './bradleyTerryOptions.js';
import { readComparisonTable } from './comparisonTable.js';
import { ComparisonTable } from './comparisonTableData.js';
import type { Comparison } from './comparisonTypes.js';
import { fitComparisonTable } from './fitComparisonTable.js';
import { resolveBradleyTerryOptions } from './resolveBradleyTerryOptions.js';

export type { BradleyTerryEntry, BradleyTerryFit, BradleyTerryPositionEffect } from './bradleyTerryFitTypes.js';
export type { BradleyTerryInternalOptions, BradleyTerryOptions, BradleyTerryStandardErrors, ResolvedBradleyTerryOptions } from './bradleyTerryOptions.js';
export { BRADLEY_TERRY_DEFAULTS, MAX_APPROXIMATION_ERROR, MAX_COVARIANCE_DATAPOINTS } from './bradleyTerryOptions.js';
export { fitComparisonTable } from './fitComparisonTable.js';
export { resolveBradleyTerryOptions } from './resolveBradleyTerryOptions.js';

/**
 * Fits the Bradley–Terry model to pairwise comparisons by maximum penalised likelihood,
 * and reports Elo-scale scores with standard errors.
 *
 * Scores are `center + scale/ln 10 × θ` with θ centred (mean score = `center`), so 400
 * points mean 10:1 odds by default, as in Elo ratings. Standard errors are those of the
 * centred scores, from the observed information at the optimum. Up to
 * {@link MAX_COVARIANCE_DATAPOINTS} datapoints they are exact (pseudo-inverse through a
 * dense Cholesky factorisation, n³/3 multiply-adds: about 0.25 s at n = 1 000 and 2 s at
 * n = 2 000, where the rest of a fit of 100 000 records takes 0.1 s), unless a bound
 * computed from the design (O(pairs), `approximationErrorBound.ts`) puts the
 * approximation below within {@link MAX_APPROXIMATION_ERROR} (1%) of them: more than 200
 * datapoints, each meeting a hundred or so distinct opponents, in a design without
 * bottlenecks, and no position effect. Above {@link MAX_COVARIANCE_DATAPOINTS} they use
 * that O(n + pairs) approximation, which ignores covariances between datapoints: with H
 * the information, v_i = 1/H_ii and a_i = v_i + v_i²·Σ_j H_ij²·v_j (the first terms of the
 * Neumann series of H⁻¹), then Var(θ_i − θ̄) ≈ a_i(1 − 2/n) + Σ_j a_j/n². On random designs
 * it is within about 3% of the exact value when every datapoint meets at least 10
 * distinct opponents, and within 0.5% at 20; it runs small, by 50–90%, on sparse designs
 * such as chains, on two groups joined by a few comparisons, and on close matches only
 * (each datapoint meeting its neighbours in the ranking, as adaptive jobs pair them).
 * `standardErrors: 'exact'` or `'approximate'` chooses for every fit;
 * `standardErrorsExact` tells which was used.
 *
 * With `prior: 0` the estimate exists only when the comparisons are "strongly
 * connected" (Zermelo 1929; Hunter, Ann. Statist. 32(1), 2004, Assumption 1); this is
 * checked first. With the position effect and `prior: 0`, the left side must both win
 * and lose somewhere; that is necessary but not sufficient. Whatever the prior, the fit
 * checks whether the comparisons bound γ (O(pairs) on typical data,
 * `positionEffectIdentified.ts`): they do exactly when no direction of the strengths and
 * γ, with γ changing, leaves every game at least as well explained (Albert & Anderson,
 * Biometrika 71(1), 1984), which for paired comparisons means that some cycle of wins
 * (a beat b, …, back to a) holds more wins from the right side than from the left, and
 * some other more from the left than from the right. When they do not (a pattern of
 * wins that a left or right bias of any size explains at least as well),
 * `positionEffect.identified` is false, and without a prior `converged` is false too.
 *
 * Cost: O(items) to aggregate (about as long as a plain loop that counts the wins of
 * each pair in a `Map`), then per Newton step O(pairs × conjugate-gradient iterations);
 * memory O(n + pairs). Random designs need 5–10 Newton steps of about 10 iterations
 * (10 000 datapoints and 1 000 000 random comparison records fit in about 2 s). With
 * Jacobi's preconditioner the iterations grow with how poorly the comparisons connect
 * the datapoints (about n per step on a chain as the prior goes to 0), so past 100 in a
 * step the fit switches to a spanning-tree preconditioner (O(n log n + pairs) per step
 * to build): one iteration on a chain, a few dozen on sparse random designs, whatever
 * the prior. A very weak prior still costs more Newton steps where datapoints only won
 * or only lost, whose scores it lets run out by about ln(1/prior) nats, roughly one
 * step per nat (about 50 steps at prior 1e-12, against 10 at the default).
 *
 * @param comparisons - Records `{ left, right, outcome, weight?, labelerId? }` and/or
 *   pair counts `{ a, b, aWins, bWins, draws? }` (any iterable, read once), or a
 *   {@link ComparisonTable} built earlier.
 * @param options - See {@link BradleyTerryOptions}.
 * @returns The fit, entries in order of first appearance; the input is not modified.
 * @throws {@link RankingInputError} for a bad comparison (`comparisons[3].outcome`, …)
 *   or option (`options.prior`, unknown keys), when there are no comparisons, when
 *   `prior` is 0 and some scores would be infinite (`comparisons`, naming up to 10
 *   datapoints), when `positionEffect` is asked for without any comparison record, and
 *   when `covariance` or `standardErrors: 'exact'` is asked for above
 *   {@link MAX_COVARIANCE_DATAPOINTS} datapoints.
 * @example
 * ```ts
 * const fit = fitBradleyTerry([
 *   { a: 'x', b: 'y', aWins: 3, bWins: 1 },
 *   { a: 'y', b: 'z', aWins: 3, bWins: 1 },
 * ]);
 * fit.entries.map((entry) => Math.round(entry.score)); // [1388, 1200, 1012]; 1391, 1200, 1009 with prior: 0
 * ```
 */
export function fitBradleyTerry(comparisons: Iterable<Comparison> | ComparisonTable, options: BradleyTerryOptions = {}): BradleyTerryFit {
  const resolved = resolveBradleyTerryOptions(options);
  // The table is the fit's own: without the position effect it may keep only each pair's totals.
  const table = comparisons instanceof ComparisonTable ? comparisons : readComparisonTable(comparisons, 'comparisons', resolved.positionEffect);
  return fitComparisonTable(table, resolved);
}
