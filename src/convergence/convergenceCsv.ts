/**
 * Convergence results as CSV: one row per cell, one group of columns per metric.
 * @module
 */
import { checkConvergenceResults } from './checkConvergenceResults.js';
import { sweepMetrics } from './convergenceMetrics.js';
import type { ConvergenceResults, MetricSummary } from './convergenceTypes.js';

const SUMMARY_FIELDS = ['n', 'mean', 'sd', 'ciLow', 'ciHigh', 'p2_5', 'p97_5'] as const satisfies readonly (keyof MetricSummary)[];
const SUMMARY_COLUMNS: Record<(typeof SUMMARY_FIELDS)[number], string> = {
  n: 'n',
  mean: 'mean',
  sd: 'sd',
  ciLow: 'ci95_low',
  ciHigh: 'ci95_high',
  p2_5: 'p2_5',
  p97_5: 'p97_5',
};

/**
 * The cells of a sweep as CSV (RFC 4180, `\n` line ends, header first): the cell's
 * parameters (with a `trust` column after `scorer` when the sweep has a trust
 * dimension), then for every metric its run count, mean, sd, 95% confidence interval of
 * the mean and 2.5th/97.5th percentiles of single runs, each rounded to 6 decimals
 * (with a trust dimension the metrics end with `ranking_responses_…` and
 * `validation_responses_…`).
 * Empty fields are undefined values (e.g. no sd from one run). Deterministic: the same
 * results give the same bytes. O(total runs + cells × metrics).
 *
 * Text fields that start with `=`, `+`, `-`, `@`, a tab or a carriage return (a labeler
 * named `=HYPERLINK(…)`) are written as `"'=HYPERLINK(…)"`, so a spreadsheet shows them
 * rather than running them as formulas.
 *
 * @param results - What `runConvergence` or `mergeConvergenceResults` returned.
 * @returns The CSV text.
 * @throws {@link RankingInputError} at `results.…` when `results` is not convergence
 *   results (checked as `mergeConvergenceResults` checks its parts).
 * @example
 * ```ts
 * await writeFile('results.csv', convergenceCsv(await runConvergence(config)));
 * ```
 */
export function convergenceCsv(results: ConvergenceResults): string {
  checkConvergenceResults(results, 'results');
  const metrics = sweepMetrics(results.config);
  const trust = results.config.trust !== undefined;
  const header = [
    'cell',
    'datapoints',
    'budget',
    'per_datapoint',
    'pairing',
    'random_ratio',
    'responses',
    'labeler',
    'scorer',
    ...(trust ? ['trust'] : []),
    'runs',
    'top_k',
    ...metrics.flatMap((metric) => SUMMARY_FIELDS.map((field) => `${snakeCase(metric)}_${SUMMARY_COLUMNS[field]}`)),
  ];
  const rows = results.cells.map((cell) => [
    String(cell.cell),
    String(cell.datapoints),
    String(cell.budget),
    number(cell.perDatapoint),
    text(cell.pairing),
    cell.randomRatio === null ? '' : number(cell.randomRatio),
    String(cell.responses),
    text(cell.labeler),
    text(cell.scorer),
    ...(trust ? [text(cell.trust!)] : []),
    String(cell.runs),
    String(cell.topK),
    ...metrics.flatMap((metric) => SUMMARY_FIELDS.map((field) => number(cell.metrics[metric]![field]))),
  ]);
  return [header, ...rows].map((row) => row.join(',')).join('\n') + '\n';
}

// Six decimals, no trailing zeros, no "-0"; null (undefined value) is an empty field.
function number(value: number | null): string {
  if (value === null) return '';
  const rounded = Math.round(value * 1e6) / 1e6;
  return String(rounded === 0 ? 0 : rounded);
}

// A text field. One that starts like a formula (= + - @, tab, CR) would run as one when a
// spreadsheet opens the file (CSV injection; OWASP, "CSV Injection"): it gets a leading
// single quote, which shows it as text, and is quoted. Number fields never pass here, so
// negative numbers stay numbers.
function text(value: string): string {
  const neutral = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return neutral !== value || /[",\n\r]/.test(neutral) ? `"${neutral.replaceAll('"', '""')}"` : neutral;
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
