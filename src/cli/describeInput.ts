/**
 * The words `rank` uses for how it read its input: format, separator and layout.
 * @internal
 * @module
 */
import { mappedColumns } from './columnMapping.js';
import type { ComparisonRowKind } from './comparisonRow.js';
import { delimiterName } from './csvDelimiter.js';
import type { ComparisonFileSummary } from './readComparisonFile.js';
import { MAX_SHOWN_NAME_WIDTH } from './shownColumns.js';
import { shownText } from './terminalText.js';

const KIND_NAMES: Readonly<Record<ComparisonRowKind, string>> = {
  outcome: 'left,right,outcome rows',
  winner: 'winner,loser rows',
  counts: 'pair-count rows',
};

/**
 * How the input was read, for the first line of the report. O(columns).
 *
 * @param summary - What the reader saw.
 * @returns For example `CSV, columns left,right,outcome`, `CSV separated by tabs,
 *   columns a,b,a_wins,b_wins`, `JSON Lines: 3 left,right,outcome rows, 1 winner,loser
 *   rows` or `CSV, Chatbot Arena layout: model_a as left, model_b as right, winner as
 *   outcome; 4 other columns ignored`.
 * @example
 * ```ts
 * const rowsByKind = { outcome: 0, winner: 4, counts: 0 };
 * describeInput({ format: 'csv', delimiter: ';', columns: ['winner', 'loser'], mapping: null, rowsByKind });
 * // "CSV separated by semicolons, columns winner,loser"
 * ```
 */
export function describeInput(summary: Pick<ComparisonFileSummary, 'format' | 'delimiter' | 'columns' | 'mapping' | 'rowsByKind'>): string {
  const format = summary.format === 'jsonl' ? 'JSON Lines' : summary.delimiter === ',' || summary.delimiter === null ? 'CSV' : `CSV separated by ${delimiterName(summary.delimiter)}s`;
  const { mapping, columns } = summary;
  if (mapping !== null) {
    const layout = mapping.layout === 'chatbot-arena' ? 'Chatbot Arena layout' : '--columns';
    const read = mappedColumns(mapping).map(([column, part]) => `${shownText(column, MAX_SHOWN_NAME_WIDTH)} as ${part}`);
    const ignored = columns === null ? 0 : columns.length - read.length;
    return `${format}, ${layout}: ${read.join(', ')}${ignored > 0 ? `; ${ignored} other column${ignored === 1 ? '' : 's'} ignored` : ''}`;
  }
  // Native layouts have at most six columns, all known: they are shown whole.
  if (columns !== null) return `${format}, columns ${columns.join(',')}`;
  const kinds = (Object.entries(summary.rowsByKind) as [ComparisonRowKind, number][])
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${count} ${KIND_NAMES[kind]}`);
  return `${format}: ${kinds.join(', ')}`;
}
