/**
 * What a convergence sweep measures per run: the ranking-accuracy metrics, plus the
 * coverage of the Bradley–Terry scorer's intervals.
 * @module
 */
import { RANKING_METRICS } from '../metrics/rankingAccuracy.js';

/**
 * The metrics of a sweep, in a fixed order: every ranking-accuracy metric, then
 * `coverage`, the share of datapoints whose true score lies inside their 95% interval
 * (Bradley–Terry scorer only; undefined for Elo, which has no intervals). True scores
 * are compared after shifting them to the fit's mean, since a fit identifies only
 * differences.
 */
export const CONVERGENCE_METRICS = /* @__PURE__ */ Object.freeze([...RANKING_METRICS, 'coverage'] as const);

/** One metric of a sweep. */
export type ConvergenceMetric = (typeof CONVERGENCE_METRICS)[number];
