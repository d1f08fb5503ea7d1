/**
 * The fit of a validated table: the checks that need the whole table, the Newton
 * iterations, the standard errors (exact or approximate) and the result on the Elo
 * scale.
 * @internal
 * @module
 */
import { RankingInputError } from '../errors.js';
import { requireFinite } from '../validate.js';
import { approximateVariances } from './approximateVariances.js';
import type { BradleyTerryEntry, BradleyTerryFit } from './bradleyTerryFitTypes.js';
import { approximationErrorBound } from './approximationErrorBound.js';
import { buildModel, type Model } from './bradleyTerryModel.js';
import { MAX_APPROXIMATION_ERROR, MAX_COVARIANCE_DATAPOINTS, type BradleyTerryInternalOptions, type ResolvedBradleyTerryOptions } from './bradleyTerryOptions.js';
import { comparisonTableData, type ComparisonTable, type ComparisonTableData } from './comparisonTableData.js';
import { denseCovariance, denseWorkLength } from './denseCovariance.js';
import { float64Arena } from './float64Arena.js';
import type { fitBradleyTerry } from './fitBradleyTerry.js';
import { infiniteScoreReason } from './infiniteScoreReason.js';
import { evaluateAt, type Information } from './informationMatrix.js';
import { maximise, newtonWorkLength } from './penalisedNewton.js';
import { unboundedPositionEffect } from './positionEffectIdentified.js';
import { followsPriorPath } from './priorPath.js';
import { projectMeanZero } from './projectMeanZero.js';
import { scaledTable } from './scaledTable.js';
import { anchorFitShapes } from './shapeAnchor.js';
import { winRateStart } from './winRateStart.js';

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
  if (options.standardErrors === 'exact' && n > MAX_COVARIANCE_DATAPOINTS) {
    throw new RankingInputError(
      'options.standardErrors',
      `'exact' needs at most ${MAX_COVARIANCE_DATAPOINTS} datapoints (the dense inverse costs O(n³)), the comparisons name ${n}; 'auto' approximates them above`,
    );
  }
  anchorFitShapes();
  // Weights far from 1 are fitted in units of a power of two (scaledTable.ts); unit 1 otherwise.
  const { data: fitted, unit } = scaledTable(data, options.prior);
  const model = buildModel(fitted, unit === 1 ? options : { ...options, prior: options.prior / unit });
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

  // x, the Newton iterations' vectors and, when they are certain to be needed, the dense
  // standard errors' matrices share one buffer: a small fit's allocations cost more than its arithmetic.
  const denseDecided = denseWithoutBound(model, options, internal);
  const allocate = float64Arena(model.size + newtonWorkLength(model) + (denseDecided === true ? denseWorkLength(model.size) : 0));
  const x = allocate(model.size);
  // The quick way (the win rates' start and loosely solved early systems) where the
  // weights are even and there is no prior path to follow (which starts at 0 anyway).
  const quick = evenWeights(fitted) && !followsPriorPath(model);
  const startAt = (fromWinRates: boolean): void => {
    x.fill(0);
    if (internal.initialTheta !== undefined) {
      if (internal.initialTheta.length !== n) throw new RankingInputError('initialTheta', `must hold ${n} numbers, got ${internal.initialTheta.length}`);
      for (let i = 0; i < n; i++) x[i] = requireFinite(internal.initialTheta[i], `initialTheta[${i}]`);
      projectMeanZero(x, n);
    } else if (fromWinRates) {
      winRateStart(model, fitted, x);
    }
    if (model.positionEffect && internal.initialPositionEffect !== undefined) {
      x[n] = requireFinite(internal.initialPositionEffect, 'initialPositionEffect');
    }
  };
  startAt(quick);
  let outcome = maximise(model, x, options, undefined, undefined, allocate, quick);
  const left = options.maxIterations - outcome.iterations;
  if (quick && !outcome.converged && left > 0) {
    // The quick way assumes what a few designs break (a heavy game on every datapoint
    // beside light ones passes evenWeights and can still mislead it): before saying the
    // fit did not converge, the plain iteration from the plain start, with the steps left.
    const taken = outcome.iterations;
    startAt(false);
    outcome = maximise(model, x, { ...options, maxIterations: left }, undefined, undefined, undefined, false);
    outcome = { ...outcome, iterations: taken + outcome.iterations };
  }
  const { iterations, converged: stopped, information, spare, endedOnStep } = outcome;
  // Whether the games alone bound γ. When they do not, a fit without a prior has no
  // maximum to converge to, even where its steps came to rest in rounding noise (at a
  // γ of thousands of points with a standard error of 1e8).
  const unbounded = model.positionEffect && internal.checkPositionEffect !== false ? unboundedPositionEffect(model) : null;
  const identified = unbounded === null || !(unbounded.left || unbounded.right);
  const converged = stopped && (identified || options.prior > 0);

  // The information for the standard errors and the log-likelihood at the optimum: as the
  // last Newton step left them when it was below the tolerance, else from one more pass.
  const logLikelihood = (endedOnStep === null ? evaluateAt(model, x, spare, information, true) : endedOnStep.logLikelihood) * unit;
  const exact = denseDecided ?? exactByBound(model, information);
  const dense = exact ? denseCovariance(model, information, options.covariance, denseDecided === true ? allocate : undefined) : null;
  const variances = dense?.variances ?? approximateVariances(model, information);
  // The rescaled fit's information is the caller's divided by unit, so the caller's covariance is its inverse divided by unit.
  if (unit !== 1) for (let i = 0; i < variances.length; i++) variances[i] = variances[i]! / unit;

  const points = options.scale / Math.LN10;
  let squares = 0;
  for (let i = 0; i < model.size; i++) squares += x[i]! * x[i]!;
  const entries: BradleyTerryEntry[] = data.ids.map((datapoint, i) => {
    const wins = data.wins[i]!;
    const losses = data.losses[i]!;
    const draws = data.draws[i]!;
    return {
      datapoint,
      score: options.center + points * x[i]!,
      standardError: points * Math.sqrt(variances[i]!),
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
    positionEffect: model.positionEffect
      ? {
          score: points * x[n]!,
          theta: x[n]!,
          standardError: points * Math.sqrt(variances[n]!),
          // The key only when false, so fits of data that bound γ are as before, bit for bit.
          ...(identified ? {} : { identified: false as const }),
        }
      : null,
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
    const covariance = dense.covariance.map((row) => row.map((value) => (points * points * value) / unit));
    return { ...fit, covariance };
  }
  return fit;
}

// The bound is on the variances; their square roots are off by at most half as much.
const VARIANCE_TOLERANCE = 2 * MAX_APPROXIMATION_ERROR;

// Whether the standard errors come from the dense inverse: asked for (the covariance, or
// 'exact'), or under 'auto' up to the size limit unless the approximation is known to be
// within MAX_APPROXIMATION_ERROR (approximationErrorBound.ts; its 4/n term alone exceeds
// that below 200 datapoints, where the dense step costs a few milliseconds anyway). Known
// before the fit except where the bound decides (null; then exactByBound at the optimum).
function denseWithoutBound(model: Model, options: ResolvedBradleyTerryOptions, internal: BradleyTerryInternalOptions): boolean | null {
  if (options.covariance || options.standardErrors === 'exact') return true;
  if (options.standardErrors === 'approximate' || model.n > (internal.exactStandardErrorsUpTo ?? MAX_COVARIANCE_DATAPOINTS)) return false;
  return 4 / model.n >= VARIANCE_TOLERANCE ? true : null;
}

function exactByBound(model: Model, information: Information): boolean {
  return !(approximationErrorBound(model, information) <= VARIANCE_TOLERANCE);
}

// The largest ratio of two datapoints' total weights (0 excepted) for which the fit starts
// from the win rates and solves its early Newton systems loosely. Beyond it both assume
// what fails: a system solved to a share of its right-hand side's norm leaves a light
// datapoint's component as noise amplified by the ratio, and heavy games push the win
// rates' logits far out, where the logistic curve is flat and the first Newton steps are
// enormous. Designs with weights of 1 and 3e3 to 2^40 (priors 0 to 1e-3) that converged
// in 15–40 steps from 0 stopped unconverged, some at scores of 1e43 to 4e174 Elo points.
const MAX_EVEN_WEIGHT_RATIO = 2 ** 10;

// Whether every datapoint with games has a total weight within MAX_EVEN_WEIGHT_RATIO of every other's. O(datapoints).
function evenWeights(data: ComparisonTableData): boolean {
  let lightest = Infinity;
  let heaviest = 0;
  for (let i = 0; i < data.ids.length; i++) {
    const total = data.wins[i]! + data.losses[i]! + data.draws[i]!;
    if (total === 0) continue;
    lightest = Math.min(lightest, total);
    heaviest = Math.max(heaviest, total);
  }
  return !(heaviest > MAX_EVEN_WEIGHT_RATIO * lightest);
}
