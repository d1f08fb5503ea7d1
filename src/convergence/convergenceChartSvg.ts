/**
 * Convergence results as a chart: a metric against comparisons per datapoint, small
 * multiples split by datapoint count (and further by the dimensions that make a panel
 * crowded, see report/convergenceFacets.ts), one line per strategy with the band where
 * 95% of runs land.
 * @module
 */
import { checkConvergenceResults } from './checkConvergenceResults.js';
import { RankingInputError, describeValue } from '../errors.js';
import { CONVERGENCE_METRICS, RESPONSE_METRICS, sweepMetrics, type SweepMetric } from './convergenceMetrics.js';
import { lineChartSvg, type ChartPanel } from '../report/lineChartSvg.js';
import { FACET_DIMENSIONS, automaticFacets, facetPanels, type FacetDimension } from './convergenceFacets.js';
import { ownValue, requireOneOf, requireOptionsObject } from '../validate.js';
import { strategyParts } from './strategyLabel.js';
import type { ConvergenceCell, ConvergenceResults } from './convergenceTypes.js';

/** Options of {@link convergenceChartSvg}. */
export interface ConvergenceChartOptions {
  /**
   * The metric on the y axis: one of `CONVERGENCE_METRICS`, or of `RESPONSE_METRICS` when
   * the sweep has a trust dimension. @defaultValue 'kendallTau'
   */
  metric?: SweepMetric | undefined;
  /**
   * The band around each line: `'runs'`, the 2.5th–97.5th percentiles of single runs
   * (what one job may give); `'mean'`, the 95% confidence interval of the mean;
   * `'none'`, lines only (the y range then fits the lines).
   * @defaultValue 'runs'
   */
  band?: 'runs' | 'mean' | 'none' | undefined;
  /**
   * The dimensions that split the chart into panels, outer first: one panel per
   * combination of their values, titled with them; every other dimension that varies
   * (and the random ratio, always) tells the lines within a panel apart. `[]` draws a
   * single panel. With `'pairing'` a panel holds one pairing mode and its lines name
   * only the random ratio.
   * @defaultValue automatic: `['datapoints']`, plus, while a panel would hold more than
   *   6 lines, the one of labeler, scorer, responses, trust and pairing with the most
   *   values (ties in that order), never leaving one line per panel
   */
  facetBy?: readonly ('datapoints' | 'labeler' | 'scorer' | 'responses' | 'pairing' | 'trust')[] | undefined;
}

/** Each metric's chart title, (short) y-axis label and the values it can take. */
const METRIC_AXES: Record<SweepMetric, { readonly title: string; readonly axis: string; readonly limits: readonly [number, number] }> = {
  kendallTau: { title: "Kendall's tau against the truth", axis: "Kendall's tau (1 = true order)", limits: [-1, 1] },
  spearmanRho: { title: "Spearman's rho against the truth", axis: "Spearman's rho (1 = true order)", limits: [-1, 1] },
  topKPrecision: { title: 'Share of the true top k found', axis: 'top-k precision', limits: [0, 1] },
  maxRankDisplacement: { title: 'Largest rank displacement', axis: 'places (worst datapoint)', limits: [0, Infinity] },
  meanAbsoluteRankError: { title: 'Mean absolute rank error', axis: 'places (mean)', limits: [0, Infinity] },
  coverage: { title: 'Coverage of the 95% intervals', axis: 'share of true scores inside', limits: [0, 1] },
  rankingResponses: { title: 'Responses to the ranking', axis: 'responses (ranking matchups)', limits: [0, Infinity] },
  validationResponses: { title: 'Responses to validation matchups', axis: 'responses (validation matchups)', limits: [0, Infinity] },
};

const BAND_TEXT = {
  runs: 'bands: where 95% of runs land (2.5th–97.5th percentile)',
  mean: 'bands: 95% confidence interval of the mean',
  none: 'lines: mean over runs',
} as const;

/**
 * Draws a sweep's results as a standalone SVG document: x is comparisons per datapoint
 * (log scale when it spans a factor of 4 or more), y the chosen metric's mean over the
 * runs, with a band; one panel per datapoint count, split further when a panel would
 * hold more than 6 lines (see `facetBy`), and one line per strategy (the dimensions
 * that vary in the sweep and are not panels: pairing and random ratio, responses,
 * labeler, scorer, trust). Panels share the y range (never past what the metric can reach,
 * e.g. 1 for tau), so they compare, and one legend: a
 * strategy has the same colour in every panel. Panels are laid out three to a row; the
 * chart grows taller with them. Deterministic: the same results and options give the
 * same bytes. O(cells × f) for f ≤ 6 facets.
 *
 * @param results - What `runConvergence` or `mergeConvergenceResults` returned.
 * @param options - See {@link ConvergenceChartOptions}.
 * @returns The SVG text.
 * @throws {@link RankingInputError} naming the option, for an unknown option, a metric
 *   or band not in its list (a response metric of a sweep without a trust dimension), a
 *   `facetBy` that is not an array of the six dimensions without repeats; naming the field of `results` that is not what a sweep writes
 *   (checked as `mergeConvergenceResults` checks its parts); or naming `results.cells`
 *   when there is nothing to draw.
 * @example
 * ```ts
 * await writeFile('convergence.svg', convergenceChartSvg(results, { metric: 'spearmanRho', facetBy: ['datapoints', 'labeler'] }));
 * ```
 */
export function convergenceChartSvg(results: ConvergenceResults, options: ConvergenceChartOptions = {}): string {
  const object = requireOptionsObject(options, ['metric', 'band', 'facetBy'], 'options', 'options.');
  const metricValue = ownValue(object, 'metric');
  const bandValue = ownValue(object, 'band');
  const facetValue = ownValue(object, 'facetBy');
  const metric = metricValue === undefined ? 'kendallTau' : requireOneOf(metricValue, [...CONVERGENCE_METRICS, ...RESPONSE_METRICS], 'options.metric');
  const band = bandValue === undefined ? 'runs' : requireOneOf(bandValue, ['runs', 'mean', 'none'] as const, 'options.band');
  const chosenFacets = facetValue === undefined ? undefined : requireFacets(facetValue);
  checkConvergenceResults(results, 'results');
  if (results.cells.length === 0) throw new RankingInputError('results.cells', 'is empty: nothing to draw');
  if (!sweepMetrics(results.config).includes(metric)) {
    throw new RankingInputError('options.metric', `'${metric}' is measured only by sweeps with a trust dimension (config.trust); these results have none`);
  }

  const facets = chosenFacets ?? automaticFacets(results);
  const point = (cell: ConvergenceCell) => {
    const summary = cell.metrics[metric]!;
    const low = band === 'mean' ? summary.ciLow : summary.p2_5;
    const high = band === 'mean' ? summary.ciHigh : summary.p97_5;
    return { x: cell.perDatapoint, y: summary.mean ?? Number.NaN, low: low ?? Number.NaN, high: high ?? Number.NaN };
  };
  const panels: ChartPanel[] = facetPanels(results, facets).map((panel) => ({
    title: panel.title,
    series: panel.lines.map((line) => ({ label: line.label, points: line.cells.map(point) })),
  }));
  const { config } = results;
  return lineChartSvg({
    title: `${METRIC_AXES[metric].title} as the budget grows`,
    subtitle: [`${BAND_TEXT[band]}, ${config.seeds} seeds per point`, ...strategyParts(config).fixed].join(' · '),
    xLabel: 'comparisons per datapoint (budget / datapoints)',
    yLabel: METRIC_AXES[metric].axis,
    yLimits: METRIC_AXES[metric].limits,
    bands: band !== 'none',
    panels,
  });
}

function requireFacets(value: unknown): FacetDimension[] {
  if (!Array.isArray(value)) {
    throw new RankingInputError('options.facetBy', `must be an array of ${FACET_DIMENSIONS.map((name) => `'${name}'`).join(', ')}, got ${describeValue(value)}`);
  }
  const facets: FacetDimension[] = [];
  value.forEach((entry: unknown, i) => {
    const facet = requireOneOf(entry, FACET_DIMENSIONS, `options.facetBy[${i}]`);
    if (facets.includes(facet)) throw new RankingInputError(`options.facetBy[${i}]`, `repeats '${facet}'; list each dimension once`);
    facets.push(facet);
  });
  return facets;
}
