/**
 * The Bradley–Terry model fitted by maximum (penalised) likelihood, on the Elo scale.
 *
 * Model: P(i beats j) = σ(θ_i − θ_j), σ the logistic function (Bradley & Terry, "Rank
 * analysis of incomplete block designs: I", Biometrika 39(3/4), 1952; Zermelo 1929).
 * With a position effect, P(left wins) = σ(θ_left − θ_right + γ), the home-advantage
 * form of Agresti, "Categorical Data Analysis", 2nd ed., 2002, §10.6.3. A draw counts as
 * half a win for each side, as in Elo ratings.
 *
 * Fit: Newton–Raphson on the concave penalised log-likelihood with step halving
 * (Nocedal & Wright, "Numerical Optimization", 2nd ed., 2006, §3.1 and §7.1: inexact
 * "truncated" Newton). Each Newton system is solved by conjugate gradients with a Jacobi
 * preconditioner (Hestenes & Stiefel, J. Res. Nat. Bur. Standards 49(6), 1952; Saad,
 * "Iterative Methods for Sparse Linear Systems", 2nd ed., 2003, algorithm 9.1), using
 * only products with the information matrix, which is a weighted graph Laplacian over
 * the pairs that met plus the prior: memory O(n + pairs), never n × n.
 *
 * Standard errors come from the observed information at the optimum. The scores are
 * identified only up to a common shift, so they are reported centred (mean score =
 * `center`), and their covariance is that of the centred strengths: the Moore–Penrose
 * pseudo-inverse of the information on the mean-zero subspace (computed exactly, by a
 * dense Cholesky factorisation, up to 2 000 datapoints).
 * @module
 */
import { MAX_ELO_PARAMETER } from '../definition/defaults.js';
import { DEFAULT_ELO_SCALE } from '../elo/expectedScore.js';
import { RankingInputError, describeValue } from '../errors.js';
import { ownValue, requireFinite, requireOptionsObject, requirePositive, requirePositiveInteger } from '../validate.js';
import { ComparisonTable, comparisonTable, comparisonTableData, infiniteScoreReason, type ComparisonTableData } from './comparisonTable.js';
import type { Comparison } from './comparisonTypes.js';

/** Options of {@link fitBradleyTerry}; every field is optional. */
export interface BradleyTerryOptions {
  /**
   * Strength λ of an L2 penalty on the natural-log strengths: −(λ/2)·Σθ² is added to
   * the log-likelihood (the position effect γ, when fitted, is penalised the same way).
   * It is a normal prior with standard deviation 1/√λ: the default 0.01 means 10 nats
   * ≈ 1737 Elo points, negligible for well-connected data, but it keeps the score of a
   * datapoint that won every comparison finite, and pulls groups that never met each
   * other to the same mean. 0 gives the plain maximum-likelihood estimate, which exists
   * only when every datapoint has both beaten and been beaten through some chain of
   * wins; otherwise the fit throws and names the datapoints at fault.
   * A finite number ≥ 0.
   * @defaultValue 0.01
   */
  prior?: number | undefined;
  /**
   * Also estimate a position effect γ (a bias towards the left side, like home
   * advantage): P(left wins) = σ(θ_left − θ_right + γ). Only comparison records inform
   * it; pair counts carry no side.
   * @defaultValue false
   */
  positionEffect?: boolean | undefined;
  /**
   * Elo points per factor of 10 in the odds: score = center + scale/ln 10 × θ.
   * Finite, in (0, 1e9].
   * @defaultValue 400
   */
  scale?: number | undefined;
  /**
   * Mean of the scores (Elo points). Finite, |value| ≤ 1e9.
   * @defaultValue 1200
   */
  center?: number | undefined;
  /**
   * Largest number of Newton steps; the fit reports `converged: false` if it needs more.
   * A positive integer.
   * @defaultValue 100
   */
  maxIterations?: number | undefined;
  /**
   * The fit has converged when the largest component of a Newton step (in θ, natural
   * log units) is below this. A finite number > 0.
   * @defaultValue 1e-10
   */
  tolerance?: number | undefined;
  /**
   * Include the full covariance matrix of the scores (Elo points squared, in entries
   * order). It costs n² numbers and O(n³) time, so it is refused above
   * {@link MAX_COVARIANCE_DATAPOINTS} datapoints.
   * @defaultValue false
   */
  covariance?: boolean | undefined;
}

/** {@link BradleyTerryOptions} with every default filled in. */
export interface ResolvedBradleyTerryOptions {
  readonly prior: number;
  readonly positionEffect: boolean;
  readonly scale: number;
  readonly center: number;
  readonly maxIterations: number;
  readonly tolerance: number;
  readonly covariance: boolean;
}

/** The defaults {@link fitBradleyTerry} fills in, in one place. */
export const BRADLEY_TERRY_DEFAULTS: ResolvedBradleyTerryOptions = Object.freeze({
  prior: 0.01,
  positionEffect: false,
  scale: DEFAULT_ELO_SCALE,
  center: 1200,
  maxIterations: 100,
  tolerance: 1e-10,
  covariance: false,
});

/**
 * Most datapoints for which the covariance matrix is returned, and the standard errors
 * are computed exactly (O(n³) time, n² memory); above it they are approximated.
 */
export const MAX_COVARIANCE_DATAPOINTS = 2000;

/** One datapoint of a {@link BradleyTerryFit}. */
export interface BradleyTerryEntry {
  readonly datapoint: string;
  /** Fitted score (Elo points): center + scale/ln 10 × theta. */
  readonly score: number;
  /** Standard error of the score (Elo points), from the observed information. */
  readonly standardError: number;
  /** Fitted strength in natural-log odds units, centred so the strengths sum to 0. */
  readonly theta: number;
  /** Weighted wins, losses and draws (a draw counted once here, not as halves). */
  readonly wins: number;
  readonly losses: number;
  readonly draws: number;
  /** wins + losses + draws. */
  readonly comparisons: number;
}

/** The fitted position effect: how much being shown on the left is worth. */
export interface BradleyTerryPositionEffect {
  /** γ in Elo points (scale/ln 10 × theta); positive means the left side is favoured. */
  readonly score: number;
  /** γ in natural-log odds units. */
  readonly theta: number;
  /** Standard error of `score` (Elo points). */
  readonly standardError: number;
}

/** The result of {@link fitBradleyTerry}: plain, JSON-safe data. */
export interface BradleyTerryFit {
  /** One entry per datapoint, in order of first appearance in the comparisons. */
  readonly entries: readonly BradleyTerryEntry[];
  /** The datapoints in the same order. */
  readonly ids: readonly string[];
  /** The position effect, or null when it was not fitted. */
  readonly positionEffect: BradleyTerryPositionEffect | null;
  /** Log-likelihood at the fit (natural log, draws as half a win and half a loss), without the prior. */
  readonly logLikelihood: number;
  /** logLikelihood − (prior/2)·(Σθ² + γ²): what the fit maximises. */
  readonly penalizedLogLikelihood: number;
  /** Newton steps taken. */
  readonly iterations: number;
  /** Whether the last Newton step was below `tolerance`. */
  readonly converged: boolean;
  readonly scale: number;
  readonly center: number;
  readonly prior: number;
  /**
   * Whether the standard errors are exact (dense inverse of the information, up to
   * {@link MAX_COVARIANCE_DATAPOINTS} datapoints) or approximated (see {@link fitBradleyTerry}).
   */
  readonly standardErrorsExact: boolean;
  /** Covariance of the scores (Elo points squared, entries order); only when `covariance: true`. */
  readonly covariance?: number[][];
}

/**
 * Options for callers inside the library (the bootstrap, tests), not part of the API.
 * @internal
 */
export interface BradleyTerryInternalOptions {
  /** Starting strengths (natural log, one per datapoint in table order), e.g. a previous fit's thetas. */
  readonly initialTheta?: ArrayLike<number>;
  /** Starting position effect γ (natural log). */
  readonly initialPositionEffect?: number;
  /** Largest n for exact standard errors; above it they are approximated. */
  readonly exactStandardErrorsUpTo?: number;
}

const OPTION_NAMES = ['prior', 'positionEffect', 'scale', 'center', 'maxIterations', 'tolerance', 'covariance'] as const;

// Inexact Newton: each system is solved to this relative residual. With a residual η the
// iterates still converge linearly at rate about η (Dembo, Eisenstat & Steihaug, "Inexact
// Newton methods", SIAM J. Numer. Anal. 19(2), 1982), so 1e-8 costs at most a step more
// than exact solves, for a few more CG iterations each.
const CG_RELATIVE_TOLERANCE = 1e-8;
// Sufficient increase for the step-halving line search (Armijo's condition).
const ARMIJO_FRACTION = 1e-4;
const MAX_HALVINGS = 60;
// A predicted increase this small relative to |objective| is below rounding noise: the
// step is accepted without a test that could not tell it apart from zero.
const ROUNDING_NOISE = 1e-13;

/**
 * Fits the Bradley–Terry model to pairwise comparisons by maximum penalised likelihood,
 * and reports Elo-scale scores with standard errors.
 *
 * Scores are `center + scale/ln 10 × θ` with θ centred (mean score = `center`), so 400
 * points mean 10:1 odds by default, as in Elo ratings. Standard errors are those of the
 * centred scores, from the observed information at the optimum. Up to
 * {@link MAX_COVARIANCE_DATAPOINTS} datapoints they are exact (pseudo-inverse through a
 * dense Cholesky factorisation, O(n³)); above it they use an O(n + pairs) approximation
 * that ignores covariances between datapoints: with H the information, v_i = 1/H_ii and
 * a_i = v_i + v_i²·Σ_j H_ij²·v_j (the first terms of the Neumann series of H⁻¹), then
 * Var(θ_i − θ̄) ≈ a_i(1 − 2/n) + Σ_j a_j/n². In simulations it is within about 3% of the
 * exact value when every datapoint meets at least 10 distinct opponents, and within
 * 0.5% at 20; it is too small for sparse designs such as chains
 * (`standardErrorsExact: false` tells which was used).
 *
 * With `prior: 0` the estimate exists only when the comparisons are "strongly
 * connected" (Zermelo 1929; Hunter, Ann. Statist. 32(1), 2004, Assumption 1); this is
 * checked first. With the position effect and `prior: 0`, the left side must both win
 * and lose somewhere; that is necessary but not sufficient (a pattern of wins that
 * only a left bias explains perfectly still sends γ to infinity), and such a fit ends
 * with `converged: false`.
 *
 * Cost: O(items) to aggregate, then per Newton step O(pairs × conjugate-gradient
 * iterations); memory O(n + pairs). Random designs need 5–10 Newton steps of about 10
 * iterations (10 000 datapoints and 1 000 000 random comparisons fit in about 2 s), but
 * the iterations grow with how poorly the comparisons connect the datapoints: a chain
 * of n datapoints needs about n per step. Exact standard errors add O(n³), a few seconds
 * at n = 2 000.
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
 *   when `covariance` is asked for above {@link MAX_COVARIANCE_DATAPOINTS} datapoints.
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
  const table = comparisons instanceof ComparisonTable ? comparisons : comparisonTable(comparisons);
  return fitComparisonTable(table, resolved);
}

/**
 * Checks options and fills in the defaults of {@link BRADLEY_TERRY_DEFAULTS}.
 * @internal
 */
export function resolveBradleyTerryOptions(options: unknown): ResolvedBradleyTerryOptions {
  const object = requireOptionsObject(options, OPTION_NAMES, 'options', 'options.');
  const read = (key: (typeof OPTION_NAMES)[number]): unknown => ownValue(object, key);
  const defaults = BRADLEY_TERRY_DEFAULTS;

  const prior = read('prior') === undefined ? defaults.prior : requireFinite(read('prior'), 'options.prior');
  if (prior < 0) throw new RankingInputError('options.prior', `must be a finite number ≥ 0, got ${describeValue(prior)}`);
  const scale = read('scale') === undefined ? defaults.scale : requirePositive(read('scale'), 'options.scale');
  if (scale > MAX_ELO_PARAMETER) throw new RankingInputError('options.scale', `must be in (0, ${MAX_ELO_PARAMETER}], got ${scale}`);
  const center = read('center') === undefined ? defaults.center : requireFinite(read('center'), 'options.center');
  if (Math.abs(center) > MAX_ELO_PARAMETER) throw new RankingInputError('options.center', `must be within ±${MAX_ELO_PARAMETER}, got ${center}`);
  return {
    prior,
    positionEffect: readBoolean(read('positionEffect'), defaults.positionEffect, 'options.positionEffect'),
    scale,
    center,
    maxIterations: read('maxIterations') === undefined ? defaults.maxIterations : requirePositiveInteger(read('maxIterations'), 'options.maxIterations'),
    tolerance: read('tolerance') === undefined ? defaults.tolerance : requirePositive(read('tolerance'), 'options.tolerance'),
    covariance: readBoolean(read('covariance'), defaults.covariance, 'options.covariance'),
  };
}

function readBoolean(value: unknown, fallback: boolean, path: string): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new RankingInputError(path, `must be true or false, got ${describeValue(value)}`);
  return value;
}

/** The likelihood's terms: games whose winner's odds are σ(θ_low − θ_high + sign·γ). */
interface PairGroup {
  readonly sign: number;
  readonly lowWins: Float64Array;
  readonly highWins: Float64Array;
}

/** What the Newton iterations work on; `size` is n, plus 1 for γ (stored at index n). */
interface Model {
  readonly n: number;
  readonly size: number;
  readonly low: Int32Array;
  readonly high: Int32Array;
  readonly groups: readonly PairGroup[];
  readonly prior: number;
  readonly positionEffect: boolean;
}

/** The information matrix H (negative Hessian of the penalised log-likelihood), sparse. */
interface Information {
  /** Per pair: the Laplacian weight Σ g·p·(1 − p) over the pair's games. */
  readonly pairWeight: Float64Array;
  /** Per pair: ∂²/∂d∂γ, the coupling of θ_low − θ_high with γ. */
  readonly pairCoupling: Float64Array;
  /** Diagonal of H (length `size`), the prior included. */
  readonly diagonal: Float64Array;
}

/**
 * Fits a validated table with resolved options; {@link fitBradleyTerry} without the
 * boundary checks of the comparisons, plus internal options (warm start, exact standard
 * errors threshold) for the bootstrap and the tests.
 * @internal
 */
export function fitComparisonTable(
  table: ComparisonTable,
  options: ResolvedBradleyTerryOptions,
  internal: BradleyTerryInternalOptions = {},
): BradleyTerryFit {
  const data = comparisonTableData(table);
  if (data === undefined) throw new RankingInputError('comparisons', 'must be a ComparisonTable built by this library');
  const n = data.ids.length;
  if (n === 0) throw new RankingInputError('comparisons', 'must hold at least one comparison');
  if (options.covariance && n > MAX_COVARIANCE_DATAPOINTS) {
    throw new RankingInputError(
      'options.covariance',
      `needs at most ${MAX_COVARIANCE_DATAPOINTS} datapoints (the matrix has n² entries and costs O(n³)), the comparisons name ${n}`,
    );
  }
  const model = buildModel(data, options);
  if (options.prior === 0) {
    const reason = infiniteScoreReason(data);
    if (reason !== null) {
      throw new RankingInputError(
        'comparisons',
        `the maximum-likelihood scores are infinite without a prior: ${reason}. They exist only when every datapoint both beats ` +
          'and is beaten by the others through some chain of wins (Zermelo 1929; Hunter 2004); pass options.prior > 0 (e.g. 0.01) to keep them finite',
      );
    }
  }

  const x = new Float64Array(model.size);
  if (internal.initialTheta !== undefined) {
    if (internal.initialTheta.length !== n) throw new RankingInputError('initialTheta', `must hold ${n} numbers, got ${internal.initialTheta.length}`);
    for (let i = 0; i < n; i++) x[i] = requireFinite(internal.initialTheta[i], `initialTheta[${i}]`);
    projectMeanZero(x, n);
  }
  if (model.positionEffect && internal.initialPositionEffect !== undefined) {
    x[n] = requireFinite(internal.initialPositionEffect, 'initialPositionEffect');
  }
  const { iterations, converged } = maximise(model, x, options);

  const information = informationAt(model, x, new Float64Array(model.size), emptyInformation(model));
  const exactUpTo = internal.exactStandardErrorsUpTo ?? MAX_COVARIANCE_DATAPOINTS;
  const dense = options.covariance || n <= exactUpTo ? denseCovariance(model, information, options.covariance) : null;
  const variances = dense?.variances ?? approximateVariances(model, information);

  const unit = options.scale / Math.LN10;
  const logLikelihood = logLikelihoodAt(model, x);
  let squares = 0;
  for (let i = 0; i < model.size; i++) squares += x[i]! * x[i]!;
  const entries: BradleyTerryEntry[] = data.ids.map((datapoint, i) => {
    const wins = data.wins[i]!;
    const losses = data.losses[i]!;
    const draws = data.draws[i]!;
    return {
      datapoint,
      score: options.center + unit * x[i]!,
      standardError: unit * Math.sqrt(variances[i]!),
      theta: x[i]!,
      wins,
      losses,
      draws,
      comparisons: wins + losses + draws,
    };
  });
  const fit: BradleyTerryFit = {
    entries,
    ids: data.ids.slice(),
    positionEffect: model.positionEffect ? { score: unit * x[n]!, theta: x[n]!, standardError: unit * Math.sqrt(variances[n]!) } : null,
    logLikelihood,
    penalizedLogLikelihood: logLikelihood - (options.prior / 2) * squares,
    iterations,
    converged,
    scale: options.scale,
    center: options.center,
    prior: options.prior,
    standardErrorsExact: dense !== null && dense.exact,
  };
  if (dense?.covariance !== undefined) {
    const covariance = dense.covariance.map((row) => row.map((value) => unit * unit * value));
    return { ...fit, covariance };
  }
  return fit;
}

function buildModel(data: ComparisonTableData, options: ResolvedBradleyTerryOptions): Model {
  const n = data.ids.length;
  const m = data.pairCount;
  const sum = (values: Float64Array): number => values.reduce((total, value) => total + value, 0);
  let groups: PairGroup[];
  if (options.positionEffect) {
    const leftWins = sum(data.lowLeft.low) + sum(data.highLeft.high);
    const leftLosses = sum(data.lowLeft.high) + sum(data.highLeft.low);
    if (leftWins + leftLosses === 0) {
      throw new RankingInputError(
        'options.positionEffect',
        'needs comparison records with positive weight ({ left, right, outcome }): pair counts do not say which side each game was shown on',
      );
    }
    if (options.prior === 0 && (leftWins === 0 || leftLosses === 0)) {
      throw new RankingInputError(
        'comparisons',
        `the left side ${leftWins === 0 ? 'lost' : 'won'} every comparison record, so the position effect is infinite without a prior; pass options.prior > 0 (e.g. 0.01)`,
      );
    }
    // With the low datapoint on the left its odds gain γ; with the high one there, they lose γ.
    groups = [
      { sign: 0, lowWins: data.unsided.low, highWins: data.unsided.high },
      { sign: 1, lowWins: data.lowLeft.low, highWins: data.lowLeft.high },
      { sign: -1, lowWins: data.highLeft.low, highWins: data.highLeft.high },
    ].filter((group) => group.lowWins.some((value) => value > 0) || group.highWins.some((value) => value > 0));
  } else {
    // Without the position effect every game of a pair has the same odds: one group.
    const lowWins = new Float64Array(m);
    const highWins = new Float64Array(m);
    for (const side of [data.unsided, data.lowLeft, data.highLeft]) {
      for (let k = 0; k < m; k++) {
        lowWins[k]! += side.low[k]!;
        highWins[k]! += side.high[k]!;
      }
    }
    groups = [{ sign: 0, lowWins, highWins }];
  }
  return {
    n,
    size: options.positionEffect ? n + 1 : n,
    low: data.low,
    high: data.high,
    groups,
    prior: options.prior,
    positionEffect: options.positionEffect,
  };
}

/**
 * Newton–Raphson with step halving, in place on `x` (θ then γ). θ stays mean-zero: the
 * likelihood ignores a common shift, and with a prior the optimum is mean-zero anyway
 * (the likelihood's gradient sums to zero over θ, so the prior's must too).
 */
function maximise(model: Model, x: Float64Array, options: ResolvedBradleyTerryOptions): { iterations: number; converged: boolean } {
  const size = model.size;
  const gradient = new Float64Array(size);
  const step = new Float64Array(size);
  const trial = new Float64Array(size);
  const scratch = conjugateGradientScratch(size);
  const information = emptyInformation(model);
  let objective = penalisedAt(model, x);
  for (let iteration = 1; iteration <= options.maxIterations; iteration++) {
    informationAt(model, x, gradient, information);
    projectMeanZero(gradient, model.n);
    solveInformation(model, information, gradient, step, scratch);

    let largest = 0;
    let slope = 0;
    for (let i = 0; i < size; i++) {
      largest = Math.max(largest, Math.abs(step[i]!));
      slope += gradient[i]! * step[i]!;
    }
    if (largest < options.tolerance) {
      for (let i = 0; i < size; i++) x[i]! += step[i]!;
      projectMeanZero(x, model.n);
      return { iterations: iteration, converged: true };
    }

    let fraction = 1;
    let accepted = false;
    for (let halving = 0; halving <= MAX_HALVINGS; halving++) {
      for (let i = 0; i < size; i++) trial[i] = x[i]! + fraction * step[i]!;
      projectMeanZero(trial, model.n);
      const candidate = penalisedAt(model, trial);
      const predicted = fraction * slope;
      if (candidate >= objective + ARMIJO_FRACTION * predicted || predicted <= ROUNDING_NOISE * (1 + Math.abs(objective))) {
        x.set(trial);
        objective = candidate;
        accepted = true;
        break;
      }
      fraction /= 2;
    }
    if (!accepted) return { iterations: iteration, converged: false };
  }
  return { iterations: options.maxIterations, converged: false };
}

function projectMeanZero(x: Float64Array, n: number): void {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i]!;
  const mean = sum / n;
  for (let i = 0; i < n; i++) x[i]! -= mean;
}

// log σ(η) and log σ(−η) share log1p(e^−|η|): log σ(η) = min(η, 0) − log1p(e^−|η|).
function logLikelihoodAt(model: Model, x: Float64Array): number {
  const { low, high, n } = model;
  const gamma = model.positionEffect ? x[n]! : 0;
  let total = 0;
  for (const group of model.groups) {
    const shift = group.sign * gamma;
    const { lowWins, highWins } = group;
    for (let k = 0; k < low.length; k++) {
      const s = lowWins[k]!;
      const f = highWins[k]!;
      if (s === 0 && f === 0) continue;
      const eta = x[low[k]!]! - x[high[k]!]! + shift;
      const softplus = Math.log1p(Math.exp(-Math.abs(eta)));
      if (s > 0) total += s * (Math.min(eta, 0) - softplus);
      if (f > 0) total += f * (Math.min(-eta, 0) - softplus);
    }
  }
  return total;
}

function penalisedAt(model: Model, x: Float64Array): number {
  let squares = 0;
  for (let i = 0; i < model.size; i++) squares += x[i]! * x[i]!;
  return logLikelihoodAt(model, x) - (model.prior / 2) * squares;
}

function emptyInformation(model: Model): Information {
  const m = model.low.length;
  return {
    pairWeight: new Float64Array(m),
    pairCoupling: new Float64Array(model.positionEffect ? m : 0),
    diagonal: new Float64Array(model.size),
  };
}

/**
 * The information matrix at `x`, written into `information` (whose arrays are reused
 * across Newton steps), and the gradient of the penalised log-likelihood into
 * `gradient`. One pass over the pairs per group.
 */
function informationAt(model: Model, x: Float64Array, gradient: Float64Array, information: Information): Information {
  const { low, high, n, prior } = model;
  const m = low.length;
  const { pairWeight, pairCoupling, diagonal } = information;
  pairWeight.fill(0);
  pairCoupling.fill(0);
  diagonal.fill(0);
  gradient.fill(0);
  const gamma = model.positionEffect ? x[n]! : 0;
  let gammaGradient = 0;
  let gammaInformation = 0;
  for (const group of model.groups) {
    const { sign, lowWins, highWins } = group;
    const shift = sign * gamma;
    for (let k = 0; k < m; k++) {
      const s = lowWins[k]!;
      const f = highWins[k]!;
      if (s === 0 && f === 0) continue;
      const eta = x[low[k]!]! - x[high[k]!]! + shift;
      const e = Math.exp(-Math.abs(eta));
      const p = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
      const q = eta >= 0 ? e / (1 + e) : 1 / (1 + e);
      // d/dη of s·log σ(η) + f·log σ(−η), and minus its second derivative.
      const residual = s * q - f * p;
      const weight = (s + f) * p * q;
      gradient[low[k]!]! += residual;
      gradient[high[k]!]! -= residual;
      pairWeight[k]! += weight;
      if (sign !== 0) {
        gammaGradient += sign * residual;
        pairCoupling[k]! += sign * weight;
        gammaInformation += weight;
      }
    }
  }
  for (let k = 0; k < m; k++) {
    diagonal[low[k]!]! += pairWeight[k]!;
    diagonal[high[k]!]! += pairWeight[k]!;
  }
  for (let i = 0; i < n; i++) {
    gradient[i]! -= prior * x[i]!;
    diagonal[i]! += prior;
  }
  if (model.positionEffect) {
    gradient[n] = gammaGradient - prior * gamma;
    diagonal[n] = gammaInformation + prior;
  }
  return information;
}

/** y = H·x: the Laplacian over the pairs, the prior, and γ's row and column. O(pairs). */
function informationTimes(model: Model, information: Information, x: Float64Array, y: Float64Array): void {
  const { low, high, n, prior } = model;
  const { pairWeight, pairCoupling, diagonal } = information;
  y.fill(0);
  if (model.positionEffect) {
    const gamma = x[n]!;
    let gammaRow = 0;
    for (let k = 0; k < low.length; k++) {
      const i = low[k]!;
      const j = high[k]!;
      const difference = x[i]! - x[j]!;
      const coupling = pairCoupling[k]!;
      const flow = pairWeight[k]! * difference + coupling * gamma;
      y[i]! += flow;
      y[j]! -= flow;
      gammaRow += coupling * difference;
    }
    y[n] = gammaRow + diagonal[n]! * gamma;
  } else {
    for (let k = 0; k < low.length; k++) {
      const i = low[k]!;
      const j = high[k]!;
      const flow = pairWeight[k]! * (x[i]! - x[j]!);
      y[i]! += flow;
      y[j]! -= flow;
    }
  }
  for (let i = 0; i < n; i++) y[i]! += prior * x[i]!;
}

interface ConjugateGradientScratch {
  readonly residual: Float64Array;
  readonly preconditioned: Float64Array;
  readonly direction: Float64Array;
  readonly product: Float64Array;
}

function conjugateGradientScratch(size: number): ConjugateGradientScratch {
  return {
    residual: new Float64Array(size),
    preconditioned: new Float64Array(size),
    direction: new Float64Array(size),
    product: new Float64Array(size),
  };
}

/**
 * Solves H·solution = rhs by preconditioned conjugate gradients on the subspace where θ
 * has mean zero (H is singular along the all-ones θ direction when the prior is 0; rhs
 * is mean-zero, and projecting each preconditioned residual keeps every iterate there).
 */
function solveInformation(model: Model, information: Information, rhs: Float64Array, solution: Float64Array, scratch: ConjugateGradientScratch): void {
  const { n, size } = model;
  const { residual, preconditioned, direction, product } = scratch;
  const diagonal = information.diagonal;
  solution.fill(0);
  residual.set(rhs);
  const rhsNorm = Math.sqrt(dot(rhs, 0, rhs, 0, size));
  if (rhsNorm === 0) return;
  const precondition = (): number => {
    for (let i = 0; i < size; i++) preconditioned[i] = residual[i]! / (diagonal[i]! > 0 ? diagonal[i]! : 1);
    projectMeanZero(preconditioned, n);
    return dot(residual, 0, preconditioned, 0, size);
  };
  let rho = precondition();
  direction.set(preconditioned);
  // In exact arithmetic CG ends within `size` steps; rounding can need a few more.
  const maxSteps = 2 * size + 20;
  for (let iteration = 0; iteration < maxSteps; iteration++) {
    informationTimes(model, information, direction, product);
    const curvature = dot(direction, 0, product, 0, size);
    if (!(curvature > 0)) break;
    const alpha = rho / curvature;
    for (let i = 0; i < size; i++) {
      solution[i]! += alpha * direction[i]!;
      residual[i]! -= alpha * product[i]!;
    }
    if (Math.sqrt(dot(residual, 0, residual, 0, size)) <= CG_RELATIVE_TOLERANCE * rhsNorm) break;
    const nextRho = precondition();
    const beta = nextRho / rho;
    rho = nextRho;
    for (let i = 0; i < size; i++) direction[i] = preconditioned[i]! + beta * direction[i]!;
  }
  projectMeanZero(solution, n);
}


/**
 * Exact covariance of the centred strengths (and γ). H has the eigenvector u = 1/√n on
 * θ (0 on γ) with eigenvalue λ, since every pair adds as much to one θ as it takes from
 * the other. So M = H + uuᵀ is positive definite, and the covariance of the centred
 * strengths, P·H⁺·P with P = I − uuᵀ, is M⁻¹ − uuᵀ/(λ + 1). M⁻¹ comes from the Cholesky
 * factor L (M = LLᵀ) as XᵀX with X = L⁻¹. O(n³) time (n³/3 multiply-adds for the
 * variances, n³/6 more for the matrix), 2n² numbers.
 */
function denseCovariance(
  model: Model,
  information: Information,
  withMatrix: boolean,
): { variances: Float64Array; covariance?: number[][]; exact: boolean } {
  const { n, size, low, high } = model;
  const { pairWeight, pairCoupling, diagonal } = information;
  const shift = 1 / n;
  // Row-major; only the lower triangle is read.
  const factor = new Float64Array(size * size);
  for (let i = 0; i < n; i++) factor.fill(shift, i * size, i * size + i + 1);
  for (let i = 0; i < size; i++) factor[i * size + i]! += diagonal[i]!;
  for (let k = 0; k < low.length; k++) {
    factor[Math.max(low[k]!, high[k]!) * size + Math.min(low[k]!, high[k]!)]! -= pairWeight[k]!;
    if (model.positionEffect) {
      factor[n * size + low[k]!]! += pairCoupling[k]!;
      factor[n * size + high[k]!]! -= pairCoupling[k]!;
    }
  }
  const exact = choleskyInPlace(factor, size);
  const inverse = lowerInverseByColumns(factor, size);

  const variances = new Float64Array(size);
  for (let j = 0; j < size; j++) variances[j] = dot(inverse, j * size + j, inverse, j * size + j, size - j);
  const centring = 1 / (n * (model.prior + 1));
  for (let i = 0; i < n; i++) variances[i] = Math.max(0, variances[i]! - centring);
  if (!withMatrix) return { variances, exact };

  // (M⁻¹)_ij = Σ_{k ≥ i} X_ki·X_kj for j < i: rows i and j of `inverse` from column i.
  // A block of i rows at a time, so each group of four j rows is read from memory once
  // per block rather than once per i.
  const covariance: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const sums = new Float64Array(4);
  for (let blockStart = 0; blockStart < n; blockStart += CACHE_BLOCK) {
    const blockEnd = Math.min(blockStart + CACHE_BLOCK, n);
    let j = 0;
    for (; j + 3 < blockStart; j += 4) {
      for (let i = blockStart; i < blockEnd; i++) {
        dotFour(inverse, i * size + i, inverse, j * size + i, (j + 1) * size + i, (j + 2) * size + i, (j + 3) * size + i, size - i, sums);
        for (let r = 0; r < 4; r++) covariance[i]![j + r] = sums[r]! - centring;
      }
    }
    for (let i = blockStart; i < blockEnd; i++) {
      for (let k = j; k < i; k++) covariance[i]![k] = dot(inverse, i * size + i, inverse, k * size + i, size - i) - centring;
      covariance[i]![i] = variances[i]!;
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) covariance[j]![i] = covariance[i]![j]!;
  return { variances, covariance, exact };
}

// The dense loops work on blocks of this many rows (or columns) so that the block stays
// in cache while the other rows stream past once per block: 16 rows of 2 000 numbers
// is 256 KiB. JavaScript has no SIMD, so this and four accumulators are what is left.
const CACHE_BLOCK = 16;

/**
 * Cholesky factorisation M = LLᵀ in place (row-major, lower triangle; the upper is
 * left alone): the dot-product form of Golub & Van Loan, "Matrix Computations", 4th
 * ed., §4.2, computed a block of rows at a time. Returns false when a pivot was not
 * positive (the information is numerically singular) and was replaced by a tiny one,
 * so the variances come out huge but finite. n³/6 multiply-adds.
 */
function choleskyInPlace(matrix: Float64Array, size: number): boolean {
  let largestDiagonal = 0;
  for (let i = 0; i < size; i++) largestDiagonal = Math.max(largestDiagonal, matrix[i * size + i]!);
  const floor = Math.max(largestDiagonal, 1) * 1e-14;
  let exact = true;
  const sums = new Float64Array(4);
  for (let blockStart = 0; blockStart < size; blockStart += CACHE_BLOCK) {
    const blockEnd = Math.min(blockStart + CACHE_BLOCK, size);
    for (let j = 0; j < blockEnd; j++) {
      const rowJ = j * size;
      let i = Math.max(blockStart, j);
      if (i === j) {
        let pivot = matrix[rowJ + j]! - dot(matrix, rowJ, matrix, rowJ, j);
        if (!(pivot > floor)) {
          exact = false;
          pivot = floor;
        }
        matrix[rowJ + j] = Math.sqrt(pivot);
        i++;
      }
      const pivot = matrix[rowJ + j]!;
      for (; i + 3 < blockEnd; i += 4) {
        dotFour(matrix, rowJ, matrix, i * size, (i + 1) * size, (i + 2) * size, (i + 3) * size, j, sums);
        for (let r = 0; r < 4; r++) matrix[(i + r) * size + j] = (matrix[(i + r) * size + j]! - sums[r]!) / pivot;
      }
      for (; i < blockEnd; i++) matrix[i * size + j] = (matrix[i * size + j]! - dot(matrix, i * size, matrix, rowJ, j)) / pivot;
    }
  }
  return exact;
}

/**
 * X = L⁻¹ for the lower-triangular factor L (row-major), by forward substitution on four
 * columns of X at once (so each row of L is read once per four columns). Column j of X
 * is returned as row j of the result (zero before position j). n³/6 multiply-adds.
 */
function lowerInverseByColumns(factor: Float64Array, size: number): Float64Array {
  const inverse = new Float64Array(size * size);
  const sums = new Float64Array(4);
  for (let blockStart = 0; blockStart < size; blockStart += CACHE_BLOCK) {
    const blockEnd = Math.min(blockStart + CACHE_BLOCK, size);
    for (let i = blockStart; i < size; i++) {
      const diagonal = factor[i * size + i]!;
      for (let first = blockStart; first < blockEnd && first <= i; first += 4) {
        const columns = Math.min(4, blockEnd - first, i - first + 1);
        // Unused column slots point at the first column: computed, never stored.
        const row = (c: number): number => (first + (c < columns ? c : 0)) * size + first;
        dotFour(factor, i * size + first, inverse, row(0), row(1), row(2), row(3), i - first, sums);
        // Columns j > i are still zero at row i: X is lower triangular.
        for (let c = 0; c < columns; c++) inverse[(first + c) * size + i] = ((first + c === i ? 1 : 0) - sums[c]!) / diagonal;
      }
    }
  }
  return inverse;
}

/** Σ a[ia + k]·b[ib + k] for k < length, with four accumulators. */
function dot(a: Float64Array, ia: number, b: Float64Array, ib: number, length: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < length; k += 4) {
    s0 += a[ia + k]! * b[ib + k]!;
    s1 += a[ia + k + 1]! * b[ib + k + 1]!;
    s2 += a[ia + k + 2]! * b[ib + k + 2]!;
    s3 += a[ia + k + 3]! * b[ib + k + 3]!;
  }
  for (; k < length; k++) s0 += a[ia + k]! * b[ib + k]!;
  return s0 + s1 + s2 + s3;
}

/**
 * The dot products of one shared row `a[shared…]` with four rows `b[r0…]` … `b[r3…]`
 * at once, into `sums`: each shared number is loaded once for four multiply-adds.
 */
function dotFour(
  a: Float64Array,
  shared: number,
  b: Float64Array,
  r0: number,
  r1: number,
  r2: number,
  r3: number,
  length: number,
  sums: Float64Array,
): void {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let k = 0; k < length; k++) {
    const x = a[shared + k]!;
    s0 += b[r0 + k]! * x;
    s1 += b[r1 + k]! * x;
    s2 += b[r2 + k]! * x;
    s3 += b[r3 + k]! * x;
  }
  sums[0] = s0;
  sums[1] = s1;
  sums[2] = s2;
  sums[3] = s3;
}

/**
 * Variances of the centred strengths without the dense inverse, O(n + pairs): the
 * Neumann series of H⁻¹ to its second non-zero term, covariances between datapoints
 * ignored (see {@link fitBradleyTerry}). γ's variance is the inverse of its Schur
 * complement with the θ block taken as diagonal.
 */
function approximateVariances(model: Model, information: Information): Float64Array {
  const { n, size, low, high } = model;
  const { pairWeight, pairCoupling, diagonal } = information;
  const inverseDiagonal = new Float64Array(n);
  for (let i = 0; i < n; i++) inverseDiagonal[i] = diagonal[i]! > 0 ? 1 / diagonal[i]! : 0;
  const secondOrder = new Float64Array(n);
  for (let k = 0; k < low.length; k++) {
    const i = low[k]!;
    const j = high[k]!;
    const weightSquared = pairWeight[k]! * pairWeight[k]!;
    secondOrder[i]! += weightSquared * inverseDiagonal[j]!;
    secondOrder[j]! += weightSquared * inverseDiagonal[i]!;
  }
  const variances = new Float64Array(size);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = inverseDiagonal[i]!;
    variances[i] = v + v * v * secondOrder[i]!;
    sum += variances[i]!;
  }
  for (let i = 0; i < n; i++) variances[i] = variances[i]! * (1 - 2 / n) + sum / (n * n);
  if (model.positionEffect) {
    const gammaColumn = new Float64Array(n);
    for (let k = 0; k < low.length; k++) {
      gammaColumn[low[k]!]! += pairCoupling[k]!;
      gammaColumn[high[k]!]! -= pairCoupling[k]!;
    }
    let schur = diagonal[n]!;
    for (let i = 0; i < n; i++) schur -= gammaColumn[i]! * gammaColumn[i]! * inverseDiagonal[i]!;
    variances[n] = 1 / (schur > 0 ? schur : diagonal[n]!);
  }
  return variances;
}
