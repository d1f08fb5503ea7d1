/**
 * The rows of a comparison file: the three layouts the reader knows by their column
 * names, and the checks that turn one row's values into a validated row.
 * @internal
 * @module
 */
import type { ComparisonOutcome } from '../bradleyTerry/comparisonTypes.js';
import { describeValue } from '../errors.js';
import { RowRejection } from './rowRejection.js';

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
  /**
   * True on a draw where both answers were bad (the Chatbot Arena's `tie (bothbad)`),
   * and only when the file was read with `bothBad: true`; absent otherwise.
   */
  readonly bothBad?: true;
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

/** Canonical column names of the three layouts; aliases map onto them. */
export type Column = 'left' | 'right' | 'outcome' | 'weight' | 'labeler' | 'winner' | 'loser' | 'a' | 'b' | 'a_wins' | 'b_wins' | 'draws';

/** Each layout's required and optional columns. */
export const LAYOUTS: Readonly<Record<ComparisonRowKind, { readonly required: readonly Column[]; readonly optional: readonly Column[] }>> = {
  outcome: { required: ['left', 'right', 'outcome'], optional: ['weight', 'labeler'] },
  winner: { required: ['winner', 'loser'], optional: ['weight', 'labeler'] },
  counts: { required: ['a', 'b', 'a_wins', 'b_wins'], optional: ['draws'] },
};
const KINDS: readonly ComparisonRowKind[] = ['outcome', 'winner', 'counts'];

/** The layouts by their required columns, for messages. */
export const LAYOUT_NAMES = 'left,right,outcome or winner,loser or a,b,a_wins,b_wins';

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

// A plain decimal ≥ 0 with an optional exponent: no hex, no "Infinity", no sign but +.
const AMOUNT = /^\+?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The canonical column a header name or JSON key stands for, if any. O(1).
 *
 * @param name - A CSV header name (lowercased) or a JSON key (as written).
 * @returns The column, or undefined for a name no layout has.
 * @example
 * ```ts
 * columnNamed('labeler_id'); // 'labeler'
 * ```
 */
export function columnNamed(name: string): Column | undefined {
  return ALIASES.get(name) ?? (COLUMNS.has(name) ? (name as Column) : undefined);
}

/**
 * The layout a set of columns belongs to, by the first of its key columns present.
 *
 * @param columns - The canonical columns of a header or JSON object.
 * @returns The layout, or null when no key column is there.
 * @example
 * ```ts
 * layoutOf(new Set(['winner', 'loser'])); // 'winner'
 * ```
 */
export function layoutOf(columns: ReadonlySet<Column>): ComparisonRowKind | null {
  for (const kind of KINDS) if (LAYOUTS[kind].required.some((column) => columns.has(column))) return kind;
  return null;
}

/**
 * Checks that a header or object has every column of its layout and none of another.
 *
 * @param kind - The layout.
 * @param present - Its canonical columns.
 * @param where - How messages name it: `the header`, `the object`.
 * @param written - A column as the file wrote it.
 * @throws {@link RowRejection} naming the first column missing or out of place.
 * @example
 * ```ts
 * checkLayout('winner', ['winner'], 'the header', String); // throws: lacks loser
 * ```
 */
export function checkLayout(kind: ComparisonRowKind, present: readonly Column[], where: string, written: (column: Column) => string): void {
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

/**
 * Validates one row of a layout.
 *
 * @param kind - The row's layout.
 * @param value - A column's value: a CSV cell (string) or a JSON value; undefined when
 *   not given.
 * @returns The row.
 * @throws {@link RowRejection} naming the first column at fault.
 * @example
 * ```ts
 * buildRow('winner', (column) => ({ winner: 'a', loser: 'b' })[column]); // { kind: 'winner', winner: 'a', loser: 'b', weight: 1 }
 * ```
 */
export function buildRow(kind: ComparisonRowKind, value: (column: Column) => unknown): ComparisonFileRow {
  switch (kind) {
    case 'outcome': {
      const left = requireId(value('left'), 'left');
      const right = requireOtherId(value('right'), 'right', left, 'left');
      const outcome = requireOutcome(value('outcome'));
      const weight = optionalAmount(value('weight'), 'weight', 1);
      requireLabeler(value('labeler'), 'labeler');
      return { kind, left, right, outcome, weight };
    }
    case 'winner': {
      const winner = requireId(value('winner'), 'winner');
      const loser = requireOtherId(value('loser'), 'loser', winner, 'winner');
      const weight = optionalAmount(value('weight'), 'weight', 1);
      requireLabeler(value('labeler'), 'labeler');
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

/**
 * A datapoint id: a non-empty string.
 *
 * @param value - The cell or JSON value.
 * @param column - How errors name the column.
 * @returns The id.
 * @throws {@link RowRejection} when it is missing, empty or not a string.
 * @example
 * ```ts
 * requireId('cat', 'left'); // 'cat'
 * ```
 */
export function requireId(value: unknown, column: string): string {
  if (value === undefined) throw new RowRejection(`${column} is missing`, column);
  if (typeof value !== 'string') throw new RowRejection(`${column} must be a string (a datapoint id), got ${describeValue(value)}`, column);
  if (value === '') throw new RowRejection(`${column} is empty: a datapoint id is needed`, column);
  return value;
}

/**
 * A datapoint id other than `other`.
 *
 * @param value - The cell or JSON value.
 * @param column - How errors name the column.
 * @param other - The id on the other side.
 * @param otherColumn - How errors name the other side's column.
 * @returns The id.
 * @throws {@link RowRejection} as {@link requireId} does, and when it equals `other`.
 * @example
 * ```ts
 * requireOtherId('dog', 'right', 'cat', 'left'); // 'dog'
 * ```
 */
export function requireOtherId(value: unknown, column: string, other: string, otherColumn: string): string {
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

/**
 * A weight or count: a finite number ≥ 0, as a JSON number or a plain decimal string.
 *
 * @param value - The cell or JSON value.
 * @param column - How errors name the column.
 * @returns The number.
 * @throws {@link RowRejection} when it is missing, empty, negative or not a number.
 * @example
 * ```ts
 * requireAmount('2.5', 'weight'); // 2.5
 * ```
 */
export function requireAmount(value: unknown, column: string): number {
  if (value === undefined || value === '') throw new RowRejection(`${column} is ${value === '' ? 'empty' : 'missing'}: a number ≥ 0 is needed`, column);
  const amount = typeof value === 'number' ? value : typeof value === 'string' && AMOUNT.test(value) ? Number(value) : Number.NaN;
  if (!(amount >= 0 && amount < Infinity)) throw new RowRejection(`${column} must be a finite number ≥ 0, got ${describeValue(value)}`, column);
  return amount;
}

/**
 * {@link requireAmount}, or `fallback` when the value is not given.
 *
 * @param value - The cell or JSON value; undefined when not given.
 * @param column - How errors name the column.
 * @param fallback - The value when not given.
 * @returns The number.
 * @throws {@link RowRejection} as {@link requireAmount} does.
 * @example
 * ```ts
 * optionalAmount(undefined, 'weight', 1); // 1
 * ```
 */
export function optionalAmount(value: unknown, column: string, fallback: number): number {
  return value === undefined ? fallback : requireAmount(value, column);
}

/**
 * Checks a labeler id: a string when given. The ranking does not use it, as the
 * library's fit validates `labelerId` and then ignores it.
 *
 * @param value - The cell or JSON value; undefined when not given.
 * @param column - How errors name the column.
 * @throws {@link RowRejection} when it is given and not a string.
 * @example
 * ```ts
 * requireLabeler('ann', 'judge'); // passes
 * ```
 */
export function requireLabeler(value: unknown, column: string): void {
  if (value !== undefined && typeof value !== 'string') throw new RowRejection(`${column} must be a string (a labeler id), got ${describeValue(value)}`, column);
}
