/**
 * Reads a file of pairwise comparisons, or standard input, one line at a time
 * (utf8Lines.ts over a stream of bytes), validating each row and handing it to a
 * visitor, so an input of any length is never held in memory: only the current line is.
 *
 * Encoding. The input is UTF-8, strictly: bytes that are not (a Latin-1 file, UTF-16)
 * are an error naming the line, never replaced by U+FFFD, which would merge ids such as
 * `café` and `cafê`. A line holds at most 1 MiB (`MAX_LINE_BYTES`), so an input
 * without line breaks is refused after its first MiB instead of being buffered whole.
 *
 * Formats. `.csv` files are CSV, `.tsv` files CSV separated by tabs, `.jsonl` and
 * `.ndjson` files JSON Lines; any other name, and standard input (`-`), is JSON Lines
 * when its first non-blank character is `{`, else CSV.
 *
 * - CSV: a header row names the columns (case-insensitive, surrounding spaces ignored)
 *   in one of the layouts of csvHeader.ts: `left,right,outcome` (optional `weight` and
 *   `labeler` or `labeler_id`), `winner,loser` (the same optional columns),
 *   `a,b,a_wins,b_wins` (optional `draws`), a Chatbot Arena dump (`model_a,model_b,
 *   winner`, other columns ignored), or the columns `--columns` names. Fields are
 *   separated by commas, or by the `--delimiter` given (tab, `;`, `|`). Quoting follows
 *   RFC 4180 within a line: a field in double quotes may hold the separator, and `""`
 *   inside it is one quote. A quoted field cannot span lines (the line-at-a-time reader
 *   would need to buffer without bound), so line numbers in error messages are always
 *   physical lines. Unquoted fields are trimmed; an empty optional cell means "not given".
 * - JSON Lines: one object per line with the same field names (exact case; `aWins`,
 *   `bWins` and `labelerId` are accepted too); rows of different layouts may be mixed.
 *   When the first object has model_a, model_b and winner, or with `--columns`, every
 *   object is read through that mapping and other fields are ignored. `null` in an
 *   optional field means "not given"; ids must be strings, numbers may be numbers or
 *   numeric strings.
 *
 * Both: blank lines are skipped, a UTF-8 byte order mark is ignored, `outcome` is
 * `left`, `right` or `draw` in any case, and `tie` is accepted as `draw` (the word
 * several arena exports use). Weights and counts are finite numbers ≥ 0.
 * @internal
 * @module
 */
import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import { MappedRowReader, chatbotArenaMapping, type ColumnMapping } from './columnMapping.js';
import { LAYOUT_NAMES, type ComparisonFileRow, type ComparisonRowKind } from './comparisonRow.js';
import { openComparisonSource, sourceName } from './comparisonSource.js';
import type { CsvDelimiter } from './csvDelimiter.js';
import { csvHeader, csvRow, type CsvHeader } from './csvHeader.js';
import { isChatbotArenaObject, jsonObject, jsonRow } from './jsonRow.js';
import { RowRejection } from './rowRejection.js';
import { MAX_SHOWN_NAME_WIDTH } from './shownColumns.js';
import { InputFileError, UsageError } from './terminal.js';
import { shownText } from './terminalText.js';
import { Utf8Lines } from './utf8Lines.js';

/** How a comparison file is written. */
export type ComparisonFileFormat = 'csv' | 'jsonl';

/** How to read a comparison file; every field is optional. */
export interface ComparisonFileOptions {
  /**
   * The CSV field separator.
   * @defaultValue tab for a `.tsv` file, else a comma
   */
  readonly delimiter?: CsvDelimiter | undefined;
  /**
   * Read every row as a left,right,outcome judgement through these columns, ignoring
   * the others, instead of recognising the layout.
   * @defaultValue recognised from the header (CSV) or each object (JSON Lines)
   */
  readonly columns?: ColumnMapping | undefined;
  /**
   * Tell "both bad" ties apart in a Chatbot Arena file: `tie (bothbad)` (or `both_bad`)
   * rows come as draws marked `bothBad: true`, as leaderboardFromBattles keeps them.
   * @defaultValue false (`tie (bothbad)` is a plain draw, `both_bad` is refused)
   */
  readonly bothBad?: boolean | undefined;
  /**
   * The stream the path `-` reads.
   * @defaultValue process.stdin
   */
  readonly stdin?: Readable | undefined;
}

/** What {@link readComparisonFile} saw, once the whole input has been read. */
export interface ComparisonFileSummary {
  /** How messages name the input: its path, or `<stdin>`. */
  readonly name: string;
  readonly format: ComparisonFileFormat;
  /** The CSV field separator; null for JSON Lines. */
  readonly delimiter: CsvDelimiter | null;
  /** The CSV header's column names as written (trimmed); null for JSON Lines. */
  readonly columns: readonly string[] | null;
  /** The mapping rows were read through (Chatbot Arena or `--columns`); null for the native layouts. */
  readonly mapping: ColumnMapping | null;
  /** Rows handed to the visitor (blank lines and the header not counted). */
  readonly rows: number;
  /** Those rows per layout (mapped rows are left,right,outcome rows). */
  readonly rowsByKind: Readonly<Record<ComparisonRowKind, number>>;
}

const FORMAT_BY_EXTENSION: ReadonlyMap<string, ComparisonFileFormat> = new Map<string, ComparisonFileFormat>([
  ['.csv', 'csv'],
  ['.tsv', 'csv'],
  ['.jsonl', 'jsonl'],
  ['.ndjson', 'jsonl'],
]);
const BLANK = /^\s*$/;

/**
 * Reads a comparison file row by row, calling `visit` for each valid row in file order,
 * and returns a summary once the last line has been read. Nothing is kept between rows,
 * so memory is what the visitor keeps plus one line. O(input size).
 *
 * @param path - The file (see the module comment for the formats), or `-` for
 *   standard input.
 * @param visit - Called with each row and its 1-based line number; it may throw a
 *   {@link RowRejection} to reject the row.
 * @param options - The separator, a column mapping, the stream `-` stands for.
 * @returns The input's name, format, separator, CSV columns, mapping and how many rows
 *   of each layout were read.
 * @throws {@link InputFileError} `FILE:LINE: what is wrong (column name)` for the first
 *   malformed or rejected row (`<stdin>:LINE` for standard input), for a line that is
 *   not UTF-8 or is longer than 1 MiB, and for an input that cannot be read, is empty,
 *   or has a header but no rows. The visitor has then seen only the rows before that
 *   line. {@link UsageError} for `--delimiter` with a `.jsonl` or `.ndjson` file.
 * @example
 * ```ts
 * let draws = 0;
 * const summary = await readComparisonFile('votes.tsv', (row) => {
 *   if (row.kind === 'outcome' && row.outcome === 'draw') draws += row.weight;
 * });
 * summary.rows; // rows read, header and blank lines not counted
 * ```
 */
export async function readComparisonFile(
  path: string,
  visit: (row: ComparisonFileRow, line: number) => void,
  options: ComparisonFileOptions = {},
): Promise<ComparisonFileSummary> {
  const name = sourceName(path);
  const extension = path === '-' ? '' : extname(path).toLowerCase();
  let format = FORMAT_BY_EXTENSION.get(extension) ?? null;
  if (format === 'jsonl' && options.delimiter !== undefined) throw new UsageError(`--delimiter is for CSV, but ${name} is JSON Lines (${extension})`);
  const delimiter = options.delimiter ?? (extension === '.tsv' ? '\t' : ',');
  const mapping = options.columns ?? null;
  let objectMapping = mapping === null ? null : new MappedRowReader(mapping);
  // Set by the line callback: "as" keeps the type from narrowing to null here.
  let header = null as CsvHeader | null;
  const rowsByKind: Record<ComparisonRowKind, number> = { outcome: 0, winner: 0, counts: 0 };
  let rows = 0;

  const onLine = (line: string, lineNumber: number): void => {
    if (BLANK.test(line)) return;
    let row: ComparisonFileRow;
    try {
      if (format === null) {
        format = line.trimStart().startsWith('{') ? 'jsonl' : 'csv';
        if (format === 'jsonl' && options.delimiter !== undefined) throw new RowRejection("--delimiter is for CSV, but this line starts with '{' (JSON Lines)");
      }
      if (format === 'jsonl') {
        const object = jsonObject(line);
        // Arena dumps converted to JSON Lines (jq -c '.[]') carry many other fields;
        // the first object decides, so one file is read one way throughout.
        if (objectMapping === null && rows === 0 && isChatbotArenaObject(object)) objectMapping = new MappedRowReader(chatbotArenaMapping(true, options.bothBad === true));
        row = jsonRow(object, objectMapping);
      } else if (header === null) {
        header = csvHeader(line, delimiter, mapping, options.bothBad === true);
        return;
      } else {
        row = csvRow(line, header);
      }
      visit(row, lineNumber);
    } catch (error) {
      if (!(error instanceof RowRejection)) throw error;
      const label = format === 'jsonl' ? 'field' : 'column';
      // The column may be a header's name, which can be as long as a line.
      throw new InputFileError(`${name}:${lineNumber}: ${error.message}${error.column === undefined ? '' : ` (${label} ${shownText(error.column, MAX_SHOWN_NAME_WIDTH)})`}`);
    }
    rowsByKind[row.kind]++;
    rows++;
  };

  const input = openComparisonSource(path, options.stdin ?? process.stdin);
  const lines = new Utf8Lines(name, onLine);
  try {
    for await (const chunk of input) lines.push(chunk as Uint8Array | string);
    lines.end();
  } catch (error) {
    if (error instanceof Error && 'syscall' in error) throw new InputFileError(`cannot read ${name}: ${error.message}`);
    throw error;
  } finally {
    input.destroy();
  }

  if (format === null || rows === 0) {
    if (header !== null) throw new InputFileError(`${name} has a header but no comparisons`);
    throw new InputFileError(`${name} is empty: expected ${format === 'jsonl' ? 'one JSON object' : `a header row (${LAYOUT_NAMES}) and one comparison`} per line`);
  }
  return {
    name,
    format,
    delimiter: format === 'csv' ? delimiter : null,
    columns: header?.names ?? null,
    mapping: header?.mapping ?? objectMapping?.mapping ?? null,
    rows,
    rowsByKind,
  };
}
