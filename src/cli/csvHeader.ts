/**
 * A CSV file's header row: which layout it is written in, and how each later line
 * becomes a row. Headers are matched without regard to case or surrounding spaces.
 *
 * - A header with any column of the three native layouts (comparisonRow.ts) is read
 *   strictly: any other column is an error, so a misspelt `wieght` is not ignored.
 * - A header with `model_a` or `model_b` is a Chatbot Arena battle dump
 *   (columnMapping.ts); columns other than model_a, model_b, winner and judge are
 *   ignored, since the dumps carry many (language, turn, tstamp, …).
 * - With `--columns`, the header must hold the columns named; others are ignored.
 * @internal
 * @module
 */
import { CHATBOT_ARENA_COLUMNS, MappedRowReader, chatbotArenaMapping, mappedColumns, type ColumnMapping } from './columnMapping.js';
import { LAYOUTS, LAYOUT_NAMES, buildRow, checkLayout, columnNamed, layoutOf, type Column, type ComparisonFileRow } from './comparisonRow.js';
import { delimiterHint, type CsvDelimiter } from './csvDelimiter.js';
import { splitCsvLine } from './csvLine.js';
import { RowRejection } from './rowRejection.js';
import { MAX_SHOWN_NAME_WIDTH, shownColumns, shownName } from './shownColumns.js';
import { shownText } from './terminalText.js';

/** A CSV header, resolved: how it was written and how a line of fields becomes a row. */
export interface CsvHeader {
  /** The column names as written (trimmed). */
  readonly names: readonly string[];
  /** How errors name each field: the canonical column, or the name as written. */
  readonly fieldNames: readonly string[];
  /** The field separator. */
  readonly delimiter: CsvDelimiter;
  /** The mapping the rows are read through; null for the native layouts. */
  readonly mapping: ColumnMapping | null;
  /** The row of one line's fields, as many as `names`. */
  readonly rowOf: (fields: readonly string[]) => ComparisonFileRow;
}

const NO_LAYOUT_HELP =
  `a header names the columns ${LAYOUT_NAMES}, or ${CHATBOT_ARENA_COLUMNS.join(',')} (a Chatbot Arena battle dump); ` +
  'for other columns give --columns left=COL,right=COL,outcome=COL (and --outcome-values when the outcome is not written left, right, draw or tie)';

/**
 * Resolves a header line. O(line length).
 *
 * @param line - The header line.
 * @param delimiter - The field separator.
 * @param mapping - The `--columns` mapping, or null to recognise the layout.
 * @param bothBad - Whether a Chatbot Arena header's rows tell "both bad" ties apart
 *   (chatbotArenaMapping).
 * @returns The header.
 * @throws {@link RowRejection} for a header of no known layout (naming at most 20 of
 *   its columns, each cut to 40 characters), an unknown, repeated or missing column, or
 *   a column without a name in a native layout.
 * @example
 * ```ts
 * csvHeader('model_a,model_b,winner,judge,turn', ',', null).mapping?.layout; // 'chatbot-arena'
 * ```
 */
export function csvHeader(line: string, delimiter: CsvDelimiter, mapping: ColumnMapping | null, bothBad = false): CsvHeader {
  const names = splitCsvLine(line, delimiter);
  const lower = names.map((name) => name.toLowerCase());
  if (mapping !== null) return mappedHeader(names, lower, delimiter, mapping, (part) => `that --columns reads as ${part}`);
  if (lower.includes('model_a') || lower.includes('model_b')) {
    const rule = `(the Chatbot Arena layout needs ${CHATBOT_ARENA_COLUMNS.join(', ')})`;
    return mappedHeader(names, lower, delimiter, chatbotArenaMapping(lower.includes('judge'), bothBad), () => rule);
  }

  const columnOf = lower.map(columnNamed);
  const kind = layoutOf(new Set(columnOf.filter((column) => column !== undefined)));
  if (kind === null) {
    const count = `${names.length} column${names.length === 1 ? '' : 's'}`;
    throw new RowRejection(`the header matches no known layout: it names ${count}, ${shownColumns(names)}${delimiterHint(line, delimiter)}; ${NO_LAYOUT_HELP}`);
  }
  const index = new Map<Column, number>();
  for (const [i, name] of names.entries()) {
    if (name === '') throw new RowRejection(`the header's column ${i + 1} has no name`);
    const column = columnOf[i];
    if (column === undefined) {
      throw new RowRejection(`the header names an unknown column ${shownName(name)}; a header names the columns ${LAYOUT_NAMES}, with optional weight, labeler (or labeler_id) and draws, or give --columns to read only the columns named`);
    }
    if (index.has(column)) throw new RowRejection(`the header names column ${shownName(name)} twice`, column);
    index.set(column, i);
  }
  const fieldNames = columnOf as Column[];
  checkLayout(kind, fieldNames, 'the header', (column) => names[index.get(column)!] ?? column);
  const { required } = LAYOUTS[kind];
  const rowOf = (fields: readonly string[]): ComparisonFileRow =>
    buildRow(kind, (column) => {
      const i = index.get(column);
      const field = i === undefined ? undefined : fields[i];
      // An empty cell in an optional column means "not given".
      return field === '' && !required.includes(column) ? undefined : field;
    });
  return { names, fieldNames, delimiter, mapping: null, rowOf };
}

// A header read through a mapping: the mapped columns must be there, once each.
function mappedHeader(names: readonly string[], lower: readonly string[], delimiter: CsvDelimiter, mapping: ColumnMapping, why: (part: string) => string): CsvHeader {
  const index = new Map<string, number>();
  for (const [column, part] of mappedColumns(mapping)) {
    const i = lower.indexOf(column.toLowerCase());
    if (i === -1) {
      throw new RowRejection(`the header lacks the column ${shownName(column)} ${why(part)}; it names ${shownColumns(names)}`, column);
    }
    if (lower.indexOf(column.toLowerCase(), i + 1) !== -1) throw new RowRejection(`the header names column ${shownName(column)} twice`, column);
    index.set(column, i);
  }
  const reader = new MappedRowReader(mapping);
  const rowOf = (fields: readonly string[]): ComparisonFileRow =>
    reader.row((column) => {
      const field = fields[index.get(column)!];
      return field === '' && reader.isOptional(column) ? undefined : field;
    });
  return { names, fieldNames: names, delimiter, mapping, rowOf };
}

/**
 * One line after the header, as a row. O(line length).
 *
 * @param line - The line.
 * @param header - The file's header.
 * @returns The row.
 * @throws {@link RowRejection} for a line with more or fewer fields than the header,
 *   a quoting mistake, or a value its column does not allow.
 * @example
 * ```ts
 * csvRow('a;b;left', csvHeader('left;right;outcome', ';', null)); // { kind: 'outcome', left: 'a', … }
 * ```
 */
export function csvRow(line: string, header: CsvHeader): ComparisonFileRow {
  const fields = splitCsvLine(line, header.delimiter, header.fieldNames);
  if (fields.length !== header.names.length) {
    const detail = fields.length < header.names.length ? `: nothing for column ${shownText(header.fieldNames[fields.length]!, MAX_SHOWN_NAME_WIDTH)}` : '';
    throw new RowRejection(`${fields.length} field${fields.length === 1 ? '' : 's'} where the header has ${header.names.length}${detail}`);
  }
  return header.rowOf(fields);
}
