/**
 * Convergence results as a chart: a metric against comparisons per datapoint, one panel
 * per datapoint count, one line per strategy with the band where 95% of runs land.
 * @module
 */
import { RankingInputError } from '../errors.js';
import { CONVERGENCE_METRICS, type ConvergenceMetric } from './convergenceMetrics.js';
import { lineChartSvg, type ChartPanel } from '../report/lineChartSvg.js';
import { ownValue, requireOneOf, requireOptionsObject } from '../validate.js';
import { strategyLabel, strategyParts } from './strategyLabel.js';
import type { ConvergenceResults } from './convergenceTypes.js';

/** Options of {@link convergenceChartSvg}. */
export interface ConvergenceChartOptions {
  /** The metric on the y axis. @defaultValue 'kendallTau' */
  metric?: ConvergenceMetric | undefined;
  /**
   * The band around each line: `'runs'`, the 2.5th–97.5th percentiles of single runs
   * (what one job may give); `'mean'`, the 95% confidence interval of the mean.
   * @defaultValue 'runs'
   */
  band?: 'runs' | 'mean' | undefined;
}

/** Each metric's chart title and (short) y-axis label. */
const METRIC_LABELS: Record<ConvergenceMetric, { readonly title: string; readonly axis: string }> = {
  kendallTau: { title: "Kendall's tau against the truth", axis: "Kendall's tau (1 = true order)" },
  spearmanRho: { title: "Spearman's rho against the truth", axis: "Spearman's rho (1 = true order)" },
  topKPrecision: { title: 'Share of the true top k found', axis: 'top-k precision' },
  maxRankDisplacement: { title: 'Largest rank displacement', axis: 'places (worst datapoint)' },
  meanAbsoluteRankError: { title: 'Mean absolute rank error', axis: 'places (mean)' },
  coverage: { title: 'Coverage of the 95% intervals', axis: 'share of true scores inside' },
};

/**
 * Draws a sweep's results as a standalone SVG document: x is comparisons per datapoint
 * (log scale when it spans a factor of 4 or more), y the chosen metric's mean over the
 * runs, with a band; one panel per datapoint count and one line per strategy (the
 * dimensions that vary in the sweep: pairing and random ratio, responses, labeler).
 * Deterministic. O(cells).
 *
 * @param results - What `runConvergence` or `mergeConvergenceResults` returned.
 * @param options - See {@link ConvergenceChartOptions}.
 * @returns The SVG text.
 * @throws {@link RankingInputError} for a bad option.
 * @example
 * ```ts
 * await writeFile('convergence.svg', convergenceChartSvg(results));
 * ```
 */
export function convergenceChartSvg(results: ConvergenceResults, options: ConvergenceChartOptions = {}): string {
  const object = requireOptionsObject(options, ['metric', 'band'], 'options', 'options.');
  const metricValue = ownValue(object, 'metric');
  const bandValue = ownValue(object, 'band');
  const metric = metricValue === undefined ? 'kendallTau' : requireOneOf(metricValue, CONVERGENCE_METRICS, 'options.metric');
  const band = bandValue === undefined ? 'runs' : requireOneOf(bandValue, ['runs', 'mean'] as const, 'options.band');
  if (results.cells.length === 0) throw new RankingInputError('results.cells', 'is empty: nothing to draw');

  const { config } = results;
  const panels: ChartPanel[] = [];
  for (const datapoints of config.datapoints) {
    const cells = results.cells.filter((cell) => cell.datapoints === datapoints);
    if (cells.length === 0) continue;
    const series = new Map<string, { x: number; y: number; low: number; high: number }[]>();
    for (const cell of cells) {
      const label = strategyLabel(config, cell);
      const summary = cell.metrics[metric];
      const low = band === 'runs' ? summary.p2_5 : summary.ciLow;
      const high = band === 'runs' ? summary.p97_5 : summary.ciHigh;
      const points = series.get(label) ?? [];
      points.push({ x: cell.perDatapoint, y: summary.mean ?? Number.NaN, low: low ?? Number.NaN, high: high ?? Number.NaN });
      series.set(label, points);
    }
    panels.push({
      title: `${datapoints} datapoints`,
      series: [...series].map(([label, points]) => ({ label, points })),
    });
  }
  const fixed = strategyParts(config).fixed;
  const bandText =
    band === 'runs' ? 'bands: where 95% of runs land (2.5th–97.5th percentile)' : 'bands: 95% confidence interval of the mean';
  return lineChartSvg({
    title: `${METRIC_LABELS[metric].title} as the budget grows`,
    subtitle: [`${bandText}, ${config.seeds} seeds per point`, ...fixed].join(' · '),
    xLabel: 'comparisons per datapoint (budget / datapoints)',
    yLabel: METRIC_LABELS[metric].axis,
    panels,
  });
}
