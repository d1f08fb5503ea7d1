/**
 * `pairwise-elo merge`: joins the shards of a sweep run on several machines.
 * @internal
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConvergenceResults } from '../convergence/convergenceTypes.js';
import { mergeConvergenceResults } from '../convergence/mergeConvergenceResults.js';
import { RankingInputError } from '../errors.js';
import { RESULT_FILES, convergenceTable, prepareOutputFolder, writeConvergenceFiles } from './convergenceOutput.js';
import { CHART_FLAGS_HELP, CHART_FLAG_OPTIONS, chartOptionsFromFlags } from './chartFlags.js';
import { parseFlags } from './flags.js';
import { UsageError } from './terminal.js';
import { escapeForTerminal } from './terminalText.js';

/** Help text of `pairwise-elo merge`. */
export const MERGE_HELP = `Usage: pairwise-elo merge <dir>... --out <dir>

Joins the results of a convergence sweep's shards (each run with --shard k/N
or --shard auto, on any machine or batch array) into the whole sweep's
results.csv, results.json and convergence.svg, identical to an unsharded run
given the same chart options. Every shard must come from the same sweep, and
together they must hold every cell exactly once.

Options:
  --out <dir>             folder for the merged results (required)
  -h, --help              show this help

${CHART_FLAGS_HELP}

Example:
  pairwise-elo merge shard1 shard2 shard3 --out all --metric spearmanRho --bands off
`;

/** Runs `merge` with command-line arguments; returns the text to print. */
export function runMerge(args: readonly string[]): string {
  const { values, positionals } = parseFlags(args, { out: { type: 'string' }, ...CHART_FLAG_OPTIONS }, true);
  if (values.out === undefined) throw new UsageError('--out <dir> is required: the folder for the merged results');
  const chart = chartOptionsFromFlags(values);
  if (positionals.length === 0) throw new UsageError('give the result folders to merge, e.g. pairwise-elo merge shard1 shard2 --out all');
  const parts = positionals.map((folder) => readResults(folder));
  let merged: ConvergenceResults;
  try {
    merged = mergeConvergenceResults(parts);
  } catch (error) {
    if (error instanceof RankingInputError) {
      const match = /^parts\[(\d+)\]/.exec(error.path);
      const which = match === null ? positionals.join(', ') : join(positionals[Number(match[1])]!, RESULT_FILES.json);
      throw new UsageError(`cannot merge (${which}): ${error.message}`);
    }
    throw error;
  }
  prepareOutputFolder(values.out, '--out');
  const files = writeConvergenceFiles(values.out, merged, chart);
  return [
    `Merged ${parts.length} part${parts.length === 1 ? '' : 's'}: ${merged.cells.length} cells, ${merged.config.seeds} seeds per cell.`,
    '',
    convergenceTable(merged),
    '',
    `Wrote ${files.map(escapeForTerminal).join(', ')}.`,
    '',
  ].join('\n');
}

function readResults(folder: string): ConvergenceResults {
  const path = join(folder, RESULT_FILES.json);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
  }
  let text: string;
  try {
    // Strict, so damaged bytes are an error rather than U+FFFD in a labeler's name.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`${path} is not UTF-8: it is not a results.json that convergence wrote`);
  }
  try {
    return JSON.parse(text) as ConvergenceResults;
  } catch (error) {
    throw new UsageError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}
