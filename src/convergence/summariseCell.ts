/**
 * A cell's summary from its runs: shared by a sweep and by merging shards, so both give
 * the same bytes.
 * @internal
 * @module
 */
import type { SweepMetric } from './convergenceMetrics.js';
import { summarizeRuns } from '../stats/summarizeRuns.js';
import type { ConvergenceCell, ConvergenceCellKey, MetricSummary } from './convergenceTypes.js';

/**
 * The cell with its runs (`seeds` ascending, `values[metric][k]` the value of run
 * seeds[k], NaN or null where undefined) and the summary of each of `metricNames` (the
 * sweep's metrics, `sweepMetrics(config)`). O(runs log runs).
 */
export function summariseCell(
  key: ConvergenceCellKey & { readonly topK: number },
  seeds: readonly number[],
  values: Readonly<Partial<Record<SweepMetric, ArrayLike<number | null>>>>,
  metricNames: readonly SweepMetric[],
): ConvergenceCell {
  const metrics = {} as Record<SweepMetric, MetricSummary>;
  const stored = {} as Record<SweepMetric, (number | null)[]>;
  const column = new Float64Array(seeds.length);
  for (const metric of metricNames) {
    const runs = values[metric]!;
    for (let k = 0; k < seeds.length; k++) column[k] = runs[k] ?? Number.NaN;
    metrics[metric] = summarizeRuns(column);
    // JSON has no NaN: an undefined value is stored as null.
    stored[metric] = Array.from(column, (value) => (Number.isNaN(value) ? null : value));
  }
  return {
    cell: key.cell,
    datapoints: key.datapoints,
    budget: key.budget,
    perDatapoint: key.perDatapoint,
    pairing: key.pairing,
    randomRatio: key.randomRatio,
    responses: key.responses,
    labeler: key.labeler,
    labelerIndex: key.labelerIndex,
    scorer: key.scorer,
    // Only in sweeps with a trust dimension, so other results keep their JSON.
    ...(key.trust === undefined ? {} : { trust: key.trust }),
    runs: seeds.length,
    seeds: [...seeds],
    values: stored,
    topK: key.topK,
    metrics,
  };
}
