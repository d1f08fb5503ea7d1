/**
 * Reads a file of pairwise comparisons one line at a time (`node:readline` over a file
 * stream), validating each row and handing it to a visitor, so a file of any length is
 * never held in memory: only the current line is.
 *
 * Formats. `.csv` files are CSV, `.jsonl` and `.ndjson` files are JSON Lines; any other
 * name is JSON Lines when its first non-blank character is `{`, else CSV.
 *
 * - CSV: a header row names the columns (case-insensitive, surrounding spaces ignored),
 *   in one of three layouts: `left,right,outcome` (optional `weight` and `labeler` or
 *   `labeler_id`), `winner,loser` (the same optional columns) or `a,b,a_wins,b_wins`
 *   (optional `draws`). Any other column is an error, so a misspelt `wieght` is not
 *   silently ignored. Quoting follows RFC 4180 within a line: a field in double quotes
 *   may hold commas, and `""` inside it is one quote. A quoted field cannot span lines
 *   (the line-at-a-time reader would need to buffer without bound), so line numbers in
 *   error messages are always physical lines. Unquoted fields are trimmed; an empty
 *   optional cell means "not given".
 * - JSON Lines: one object per line with the same field names (exact case; `aWins`,
 *   `bWins` and `labelerId` are accepted too); rows of different layouts may be mixed.
 *   `null` in an optional field means "not given"; ids must be strings, numbers may be
 *   numbers or numeric strings.
 *
 * Both: blank lines are skipped, a UTF-8 byte order mark is ignored, `outcome` is
 * `left`, `right` or `draw` in any case, and `tie` is accepted as `draw` (the word
 * several arena exports use). Weights and counts are finite numbers ≥ 0.
 * @internal
 * @module
 */
import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import type { ComparisonOutcome } from '../bradleyTerry/comparisonTypes.js';
import { describeValue } from '../errors.js';
import { InputFileError } from './terminal.js';

/** How a comparison file is written. */
export type ComparisonFileFormat = 'csv' | 'jsonl';

/** The three row layouts: named by their required columns. */
export type ComparisonRowKind = 'outcome' | 'winner' | 'counts';

/** A `left,right,outcome` row: one judgement whose sides are known. */
export interface OutcomeRow {
  readonly kind: 'outcome';
  /** The datapoint shown on the left. */
  readonly left: string;
  /** The datapoint shown on the right (never the same as `left`). */
  readonly right: string;
  /** Who won; `tie` in the file is read as `draw`. */
  readonly outcome: ComparisonOutcome;
  /** How much the judgement counts (1 when not given). */
  readonly weight: number;
}

/** A `winner,loser` row: one judgement whose sides are not known. */
export interface WinnerRow {
  readonly kind: 'winner';
  /** The datapoint judged better. */
  readonly winner: string;
  /** The other datapoint (never the same as `winner`). */
  readonly loser: string;
  /** How much the judgement counts (1 when not given). */
  readonly weight: number;
}

/** An `a,b,a_wins,b_wins` row: games already counted per pair, in no known order. */
export interface CountsRow {
  readonly kind: 'counts';
  /** One datapoint. */
  readonly a: string;
  /** The other datapoint (never the same as `a`). */
  readonly b: string;
  /** Games `a` won, a finite number ≥ 0. */
  readonly aWins: number;
  /** Games `b` won, a finite number ≥ 0. */
  readonly bWins: number;
  /** Drawn games (0 when not given). */
  readonly draws: number;
}

/** One validated row of a comparison file. Labeler ids are checked, then dropped. */
export type ComparisonFileRow = OutcomeRow | WinnerRow | CountsRow;

/** What {@link readComparisonFile} saw, once the whole file has been read. */
export interface ComparisonFileSummary {
  readonly format: ComparisonFileFormat;
  /** The CSV header's column names as written (trimmed); null for JSON Lines. */
  readonly columns: readonly string[] | null;
  /** Rows handed to the visitor (blank lines and the header not counted). */
  readonly rows: number;
  /** Those rows per layout. */
  readonly rowsByKind: Readonly<Record<ComparisonRowKind, number>>;
}

/**
 * Thrown by a visitor (or the parser) to reject the current row; the reader reports it
 * as `FILE:LINE: reason (column name)`.
 */
export class RowRejection extends Error {
  override readonly name = 'RowRejection';
  /** The column at fault (canonical name), when there is one. */
  readonly column: string | undefined;

  /**
   * @param reason - What is wrong with the row.
   * @param column - The column at fault, if any.
   */
  constructor(reason: string, column?: string) {
    super(reason);
    this.column = column;
  }
}

/** Canonical column names; aliases map onto them. */
type Column = 'left' | 'right' | 'outcome' | 'weight' | 'labeler' | 'winner' | 'loser' | 'a' | 'b' | 'a_wins' | 'b_wins' | 'draws';

const LAYOUTS: Readonly<Record<ComparisonRowKind, { readonly required: readonly Column[]; readonly optional: readonly Column[] }>> = {
  outcome: { required: ['left', 'right', 'outcome'], optional: ['weight', 'labeler'] },
  winner: { required: ['winner', 'loser'], optional: ['weight', 'labeler'] },
  counts: { required: ['a', 'b', 'a_wins', 'b_wins'], optional: ['draws'] },
};
const KINDS: readonly ComparisonRowKind[] = ['outcome', 'winner', 'counts'];

// JSON names exactly as written; CSV headers are lowercased first, hence the lowercase camelCase.
const ALIASES: ReadonlyMap<string, Column> = new Map<string, Column>([
  ['labeler_id', 'labeler'],
  ['labelerId', 'labeler'],
  ['labelerid', 'labeler'],
  ['aWins', 'a_wins'],
  ['awins', 'a_wins'],
  ['bWins', 'b_wins'],
  ['bwins', 'b_wins'],
]);
const COLUMNS: ReadonlySet<string> = new Set(KINDS.flatMap((kind) => [...LAYOUTS[kind].required, ...LAYOUTS[kind].optional]));

const LAYOUT_NAMES = 'left,right,outcome or winner,loser or a,b,a_wins,b_wins';
const BLANK = /^\s*$/;
// A plain decimal ≥ 0 with an optional exponent: no hex, no "Infinity", no sign but +.
const AMOUNT = /^\+?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Reads a comparison file row by row, calling `visit` for each valid row in file order,
 * and returns a summary once the last line has been read. Nothing is kept between rows,
 * so memory is what the visitor keeps plus one line. O(file size).
 *
 * @param path - The file (see the module comment for the formats).
 * @param visit - Called with each row and its 1-based line number; it may throw a
 *   {@link RowRejection} to reject the row.
 * @returns The format, the CSV columns and how many rows of each layout were read.
 * @throws {@link UsageError} `FILE:LINE: what is wrong (column name)` for the first
 *   malformed or rejected row, and for a file that cannot be read, is empty, or has a
 *   header but no rows. The visitor has then seen only the rows before that line.
 * @example
 * ```ts
 * let draws = 0;
 * const summary = await readComparisonFile('votes.csv', (row) => {
 *   if (row.kind === 'outcome' && row.outcome === 'draw') draws += row.weight;
 * });
 * summary.rows; // rows read, header and blank lines not counted
 * ```
 */
export async function readComparisonFile(
  path: string,
  visit: (row: ComparisonFileRow, line: number) => void,
): Promise<ComparisonFileSummary> {
  const extension = extname(path).toLowerCase();
  let format: ComparisonFileFormat | null = extension === '.csv' ? 'csv' : extension === '.jsonl' || extension === '.ndjson' ? 'jsonl' : null;
  let header: CsvHeader | null = null;
  const rowsByKind: Record<ComparisonRowKind, number> = { outcome: 0, winner: 0, counts: 0 };
  let lineNumber = 0;

  const stream = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    for await (const raw of lines) {
      lineNumber++;
      const line = lineNumber === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
      if (BLANK.test(line)) continue;
      format ??= line.trimStart().startsWith('{') ? 'jsonl' : 'csv';
      let row: ComparisonFileRow;
      try {
        if (format === 'jsonl') {
          row = jsonRow(line);
        } else if (header === null) {
          header = csvHeader(line);
          continue;
        } else {
          row = csvRow(line, header);
        }
        visit(row, lineNumber);
      } catch (error) {
        if (!(error instanceof RowRejection)) throw error;
        const label = format === 'jsonl' ? 'field' : 'column';
        throw new InputFileError(`${path}:${lineNumber}: ${error.message}${error.column === undefined ? '' : ` (${label} ${error.column})`}`);
      }
      rowsByKind[row.kind]++;
    }
  } catch (error) {
    if (error instanceof Error && 'syscall' in error) throw new InputFileError(`cannot read ${path}: ${error.message}`);
    throw error;
  } finally {
    lines.close();
    stream.destroy();
  }

  const rows = rowsByKind.outcome + rowsByKind.winner + rowsByKind.counts;
  if (format === null || rows === 0) {
    if (header !== null) throw new InputFileError(`${path} has a header but no comparisons`);
    throw new InputFileError(`${path} is empty: expected ${format === 'jsonl' ? 'one JSON object' : `a header row (${LAYOUT_NAMES}) and one comparison`} per line`);
  }
  return { format, columns: header?.names ?? null, rows, rowsByKind };
}

/** A CSV header: its layout and where each of the layout's columns is (-1: absent). */
interface CsvHeader {
  readonly kind: ComparisonRowKind;
  readonly names: readonly string[];
  /** Canonical column name per field. */
  readonly columnOf: readonly Column[];
  readonly index: Readonly<Record<Column, number>>;
}

function csvHeader(line: string): CsvHeader {
  const names = splitCsvLine(line, null);
  const columnOf: Column[] = [];
  const index = Object.fromEntries([...COLUMNS].map((column) => [column, -1])) as Record<Column, number>;
  for (const [i, name] of names.entries()) {
    if (name === '') throw new RowRejection(`the header's column ${i + 1} has no name`);
    const lower = name.toLowerCase();
    const column = ALIASES.get(lower) ?? (COLUMNS.has(lower) ? (lower as Column) : undefined);
    if (column === undefined) {
      throw new RowRejection(`the header names an unknown column '${name}'; a header names the columns ${LAYOUT_NAMES}, with optional weight, labeler (or labeler_id) and draws`);
    }
    if (index[column] !== -1) throw new RowRejection(`the header names column '${name}' twice`, column);
    index[column] = i;
    columnOf.push(column);
  }
  const kind = layoutOf(new Set(columnOf));
  if (kind === null) throw new RowRejection(`the header must name the columns ${LAYOUT_NAMES}; it names ${names.join(',')}`);
  checkLayout(kind, columnOf, 'the header', (column) => names[index[column]] ?? column);
  return { kind, names, columnOf, index };
}

// The layout a set of columns belongs to, by the first of its key columns present.
function layoutOf(columns: ReadonlySet<Column>): ComparisonRowKind | null {
  for (const kind of KINDS) if (LAYOUTS[kind].required.some((column) => columns.has(column))) return kind;
  return null;
}

function checkLayout(kind: ComparisonRowKind, present: readonly Column[], where: string, written: (column: Column) => string): void {
  const { required, optional } = LAYOUTS[kind];
  const layout = required.join(',');
  for (const column of present) {
    if (!required.includes(column) && !optional.includes(column)) {
      throw new RowRejection(`${where} mixes layouts: '${written(column)}' does not belong with ${layout} (optional there: ${optional.join(', ')})`, column);
    }
  }
  for (const column of required) {
    if (!present.includes(column)) throw new RowRejection(`${where} lacks ${column}: the ${layout} layout needs ${required.join(', ')}`, column);
  }
}

function csvRow(line: string, header: CsvHeader): ComparisonFileRow {
  const fields = splitCsvLine(line, header.columnOf);
  if (fields.length !== header.names.length) {
    const missing = header.columnOf[fields.length];
    const detail = fields.length < header.names.length ? `: nothing for column ${missing}` : '';
    throw new RowRejection(`${fields.length} field${fields.length === 1 ? '' : 's'} where the header has ${header.names.length}${detail}`);
  }
  return buildRow(header.kind, (column) => {
    const i = header.index[column];
    const field = i === -1 ? undefined : fields[i];
    // An empty cell in an optional column means "not given".
    return field === '' && !LAYOUTS[header.kind].required.includes(column) ? undefined : field;
  });
}

/**
 * The fields of one CSV line (RFC 4180 quoting within the line). Unquoted fields are
 * trimmed; spaces around a quoted field are ignored. `columns` names fields in errors.
 */
function splitCsvLine(line: string, columns: readonly Column[] | null): string[] {
  if (!line.includes('"')) {
    const fields = line.split(',');
    for (let i = 0; i < fields.length; i++) fields[i] = fields[i]!.trim();
    return fields;
  }
  const fields: string[] = [];
  const columnAt = (i: number): Column | undefined => columns?.[i];
  let i = 0;
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const close = line.indexOf('"', i);
        if (close === -1) {
          throw new RowRejection(`field ${fields.length + 1} opens a quote that this line does not close (fields spanning lines are not supported)`, columnAt(fields.length));
        }
        value += line.slice(i, close);
        i = close + 1;
        if (line[i] !== '"') break;
        value += '"';
        i++;
      }
      while (line[i] === ' ' || line[i] === '\t') i++;
      if (i < line.length && line[i] !== ',') {
        throw new RowRejection(`field ${fields.length + 1} has ${JSON.stringify(line[i])} after its closing quote`, columnAt(fields.length));
      }
      fields.push(value);
    } else {
      const comma = line.indexOf(',', i);
      const end = comma === -1 ? line.length : comma;
      const value = line.slice(i, end).trim();
      if (value.includes('"')) {
        throw new RowRejection(`field ${fields.length + 1} holds a quote but does not start with one; quote the whole field and double the quotes inside`, columnAt(fields.length));
      }
      fields.push(value);
      i = end;
    }
    if (i >= line.length) return fields;
    i++;
  }
}

function jsonRow(line: string): ComparisonFileRow {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new RowRejection(`not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RowRejection(`each line must be a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`);
  }
  const object = value as Record<string, unknown>;
  const keyOf = new Map<Column, string>();
  for (const key of Object.keys(object)) {
    const column = ALIASES.get(key) ?? (COLUMNS.has(key) ? (key as Column) : undefined);
    if (column === undefined) throw new RowRejection(`unknown field '${key}'; a row has the fields ${LAYOUT_NAMES}, with optional weight, labeler and draws`);
    const earlier = keyOf.get(column);
    if (earlier !== undefined) throw new RowRejection(`gives both '${earlier}' and '${key}'`, key);
    keyOf.set(column, key);
  }
  const kind = layoutOf(new Set(keyOf.keys()));
  if (kind === null) throw new RowRejection(`the object has none of the fields ${LAYOUT_NAMES}`);
  try {
    checkLayout(kind, [...keyOf.keys()], 'the object', (column) => keyOf.get(column) ?? column);
    return buildRow(kind, (column) => {
      const key = keyOf.get(column);
      const field = key === undefined ? undefined : object[key];
      return field === null && !LAYOUTS[kind].required.includes(column) ? undefined : field;
    });
  } catch (error) {
    // Name the field as the line wrote it (aWins rather than a_wins).
    if (error instanceof RowRejection && error.column !== undefined && keyOf.has(error.column as Column)) {
      throw new RowRejection(error.message, keyOf.get(error.column as Column));
    }
    throw error;
  }
}

// `value(column)` is a CSV cell (string) or a JSON value; undefined when not given.
function buildRow(kind: ComparisonRowKind, value: (column: Column) => unknown): ComparisonFileRow {
  switch (kind) {
    case 'outcome': {
      const left = requireId(value('left'), 'left');
      const right = requireOtherId(value('right'), 'right', left, 'left');
      const outcome = requireOutcome(value('outcome'));
      const weight = optionalAmount(value('weight'), 'weight', 1);
      requireLabeler(value('labeler'));
      return { kind, left, right, outcome, weight };
    }
    case 'winner': {
      const winner = requireId(value('winner'), 'winner');
      const loser = requireOtherId(value('loser'), 'loser', winner, 'winner');
      const weight = optionalAmount(value('weight'), 'weight', 1);
      requireLabeler(value('labeler'));
      return { kind, winner, loser, weight };
    }
    case 'counts': {
      const a = requireId(value('a'), 'a');
      const b = requireOtherId(value('b'), 'b', a, 'a');
      const aWins = requireAmount(value('a_wins'), 'a_wins');
      const bWins = requireAmount(value('b_wins'), 'b_wins');
      const draws = optionalAmount(value('draws'), 'draws', 0);
      return { kind, a, b, aWins, bWins, draws };
    }
  }
}

function requireId(value: unknown, column: Column): string {
  if (value === undefined) throw new RowRejection(`${column} is missing`, column);
  if (typeof value !== 'string') throw new RowRejection(`${column} must be a string (a datapoint id), got ${describeValue(value)}`, column);
  if (value === '') throw new RowRejection(`${column} is empty: a datapoint id is needed`, column);
  return value;
}

function requireOtherId(value: unknown, column: Column, other: string, otherColumn: Column): string {
  const id = requireId(value, column);
  if (id === other) throw new RowRejection(`${column} is ${describeValue(id)}, the same datapoint as ${otherColumn}: a datapoint is not compared with itself`, column);
  return id;
}

function requireOutcome(value: unknown): ComparisonOutcome {
  if (value === undefined) throw new RowRejection('outcome is missing', 'outcome');
  const word = typeof value === 'string' ? value.trim().toLowerCase() : null;
  if (word === 'left' || word === 'right' || word === 'draw') return word;
  if (word === 'tie') return 'draw';
  throw new RowRejection(`outcome must be left, right, draw or tie, got ${describeValue(value)}`, 'outcome');
}

function requireAmount(value: unknown, column: Column): number {
  if (value === undefined || value === '') throw new RowRejection(`${column} is ${value === '' ? 'empty' : 'missing'}: a number ≥ 0 is needed`, column);
  const amount = typeof value === 'number' ? value : typeof value === 'string' && AMOUNT.test(value) ? Number(value) : Number.NaN;
  if (!(amount >= 0 && amount < Infinity)) throw new RowRejection(`${column} must be a finite number ≥ 0, got ${describeValue(value)}`, column);
  return amount;
}

function optionalAmount(value: unknown, column: Column, fallback: number): number {
  return value === undefined ? fallback : requireAmount(value, column);
}

function requireLabeler(value: unknown): void {
  if (value !== undefined && typeof value !== 'string') throw new RowRejection(`labeler must be a string, got ${describeValue(value)}`, 'labeler');
}
