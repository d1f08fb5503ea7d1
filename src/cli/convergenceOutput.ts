/**
 * Writing a sweep's results to a folder and summarising them as a table.
 * @internal
 * @module
 */
import { accessSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { convergenceChartSvg, type ConvergenceChartOptions } from '../convergence/convergenceChartSvg.js';
import { convergenceCsv } from '../convergence/convergenceCsv.js';
import type { ConvergenceResults, MetricSummary } from '../convergence/convergenceTypes.js';
import { strategyLabel } from '../convergence/strategyLabel.js';
import { UsageError, formatTable } from './terminal.js';

/** The files a sweep writes, by name. */
export const RESULT_FILES = { json: 'results.json', csv: 'results.csv', svg: 'convergence.svg' } as const;

/**
 * Creates `folder` if needed and checks it takes files, before any work is spent.
 * @throws {@link UsageError} naming `flag` when it cannot.
 */
export function prepareOutputFolder(folder: string, flag: string): void {
  try {
    mkdirSync(folder, { recursive: true });
    accessSync(folder, constants.W_OK);
  } catch (error) {
    throw new UsageError(`${flag} cannot be used as the results folder: ${(error as Error).message}`);
  }
}

/** Writes results.json, results.csv and (when there are cells) convergence.svg, drawn with `chart`, into `folder`. */
export function writeConvergenceFiles(folder: string, results: ConvergenceResults, chart: ConvergenceChartOptions = {}): string[] {
  mkdirSync(folder, { recursive: true });
  const files: [string, string][] = [
    [RESULT_FILES.json, `${JSON.stringify(results)}\n`],
    [RESULT_FILES.csv, convergenceCsv(results)],
  ];
  if (results.cells.length > 0) files.push([RESULT_FILES.svg, convergenceChartSvg(results, chart)]);
  return files.map(([name, text]) => {
    const path = join(folder, name);
    writeFileSync(path, text);
    return path;
  });
}

/**
 * One row per cell: its parameters and the headline metrics; with a trust dimension, also
 * the mean responses per run to the ranking and to validation matchups.
 */
export function convergenceTable(results: ConvergenceResults): string {
  const trust = results.config.trust !== undefined;
  const rows = results.cells.map((cell) => {
    const tau = cell.metrics.kendallTau;
    const responses = trust ? [fixed(cell.metrics.rankingResponses?.mean ?? null, 0), fixed(cell.metrics.validationResponses?.mean ?? null, 0)] : [];
    return [
      String(cell.datapoints),
      round(cell.perDatapoint, 2),
      String(cell.budget),
      strategyLabel(results.config, cell),
      fixed(tau.mean, 3),
      tau.p2_5 === null || tau.p97_5 === null ? '' : `${fixed(tau.p2_5, 2)} – ${fixed(tau.p97_5, 2)}`,
      `±${fixed(halfWidth(tau), 3)}`,
      fixed(cell.metrics.topKPrecision.mean, 2),
      fixed(cell.metrics.meanAbsoluteRankError.mean, 2),
      cell.metrics.coverage.mean === null ? '' : fixed(cell.metrics.coverage.mean, 3),
      ...responses,
    ];
  });
  return formatTable(
    ['datapoints', 'per datapoint', 'budget', 'strategy', 'tau', '95% of runs', 'mean ±', 'top-k', 'rank error', 'coverage', ...(trust ? ['responses', 'validation'] : [])],
    rows.length,
    (row) => rows[row]!,
    ['right', 'right', 'right', 'left', 'right', 'right', 'right', 'right', 'right', 'right', ...(trust ? (['right', 'right'] as const) : [])],
  );
}

function halfWidth(summary: MetricSummary): number | null {
  return summary.ciHigh === null || summary.mean === null ? null : summary.ciHigh - summary.mean;
}

function fixed(value: number | null, digits: number): string {
  return value === null ? '–' : value.toFixed(digits);
}

function round(value: number, digits: number): string {
  return String(Number(value.toFixed(digits)));
}
