/**
 * What a convergence sweep measures per run: the ranking-accuracy metrics, plus the
 * coverage of the Bradley–Terry scorer's intervals, and, in sweeps with a trust
 * dimension, the responses each run used.
 * @module
 */
import { RANKING_METRICS } from '../metrics/rankingAccuracy.js';
import type { NormalizedConvergenceConfig } from './convergenceTypes.js';

/**
 * The metrics of every sweep, in a fixed order: every ranking-accuracy metric, then
 * `coverage`, the share of datapoints whose true score lies inside their 95% interval
 * (Bradley–Terry scorer only; undefined for Elo, which has no intervals). True scores
 * are compared after shifting them to the fit's mean, since a fit identifies only
 * differences.
 */
export const CONVERGENCE_METRICS = /* @__PURE__ */ Object.freeze([...RANKING_METRICS, 'coverage'] as const);

/** One metric of every sweep. */
export type ConvergenceMetric = (typeof CONVERGENCE_METRICS)[number];

/**
 * The metrics a sweep with a trust dimension (`config.trust`) adds after
 * {@link CONVERGENCE_METRICS}: the responses a run's labelers gave to the ranking's
 * matchups (`rankingResponses`) and, counted apart, to validation matchups
 * (`validationResponses`, 0 without them). Sweeps without `trust` do not measure them,
 * so their results keep the shape they had.
 */
export const RESPONSE_METRICS = /* @__PURE__ */ Object.freeze(['rankingResponses', 'validationResponses'] as const);

/** One of {@link RESPONSE_METRICS}. */
export type ResponseMetric = (typeof RESPONSE_METRICS)[number];

/** Any metric a sweep may measure. */
export type SweepMetric = ConvergenceMetric | ResponseMetric;

/** The metrics a sweep with this config measures, in the order runs store them. @internal */
export function sweepMetrics(config: Pick<NormalizedConvergenceConfig, 'trust'>): readonly SweepMetric[] {
  return config.trust === undefined ? CONVERGENCE_METRICS : [...CONVERGENCE_METRICS, ...RESPONSE_METRICS];
}
