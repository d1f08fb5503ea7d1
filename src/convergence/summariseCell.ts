/**
 * A cell's summary from its runs: shared by a sweep and by merging shards, so both give
 * the same bytes.
 * @internal
 * @module
 */
import { CONVERGENCE_METRICS, type ConvergenceMetric } from './convergenceMetrics.js';
import { summarizeRuns } from '../stats/summarizeRuns.js';
import type { ConvergenceCell, ConvergenceCellKey, MetricSummary } from './convergenceTypes.js';

/**
 * The cell with its runs (`seeds` ascending, `values[metric][k]` the value of run
 * seeds[k], NaN or null where undefined) and every metric's summary. O(runs log runs).
 */
export function summariseCell(
  key: ConvergenceCellKey & { readonly topK: number },
  seeds: readonly number[],
  values: Readonly<Record<ConvergenceMetric, ArrayLike<number | null>>>,
): ConvergenceCell {
  const metrics = {} as Record<ConvergenceMetric, MetricSummary>;
  const stored = {} as Record<ConvergenceMetric, (number | null)[]>;
  const column = new Float64Array(seeds.length);
  for (const metric of CONVERGENCE_METRICS) {
    const runs = values[metric];
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
    runs: seeds.length,
    seeds: [...seeds],
    values: stored,
    topK: key.topK,
    metrics,
  };
}
