/**
 * One line of a JSON Lines comparison file: an object in one of the native layouts
 * (field names exact; `aWins`, `bWins` and `labelerId` accepted too), or read through a
 * mapping (`--columns`, or the Chatbot Arena layout when the first object has
 * model_a, model_b and winner), which ignores the fields it does not name.
 * @internal
 * @module
 */
import { CHATBOT_ARENA_COLUMNS, type MappedRowReader } from './columnMapping.js';
import { LAYOUTS, LAYOUT_NAMES, buildRow, checkLayout, columnNamed, layoutOf, type Column, type ComparisonFileRow } from './comparisonRow.js';
import { RowRejection } from './rowRejection.js';
import { shownName } from './shownColumns.js';

/**
 * Parses one line as a JSON object. O(line length).
 *
 * @param line - The line.
 * @returns The object.
 * @throws {@link RowRejection} for invalid JSON or a value that is not an object.
 * @example
 * ```ts
 * jsonObject('{"winner":"a","loser":"b"}'); // { winner: 'a', loser: 'b' }
 * ```
 */
export function jsonObject(line: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new RowRejection(`not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RowRejection(`each line must be a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`);
  }
  return value as Record<string, unknown>;
}

/**
 * Whether an object is a Chatbot Arena battle: it has model_a, model_b and winner.
 *
 * @param object - A parsed line.
 * @returns True when all three fields are there.
 * @example
 * ```ts
 * isChatbotArenaObject({ model_a: 'x', model_b: 'y', winner: 'tie', turn: 1 }); // true
 * ```
 */
export function isChatbotArenaObject(object: Record<string, unknown>): boolean {
  return CHATBOT_ARENA_COLUMNS.every((key) => Object.hasOwn(object, key));
}

/**
 * The row an object holds. O(fields).
 *
 * @param object - A parsed line.
 * @param mapping - The mapping of the file, or null for the native layouts.
 * @returns The row.
 * @throws {@link RowRejection} naming the field at fault: an unknown field or a mix of
 *   layouts (native layouts), a missing field or a value its field does not allow.
 * @example
 * ```ts
 * jsonRow({ left: 'a', right: 'b', outcome: 'tie' }, null); // { kind: 'outcome', …, outcome: 'draw', weight: 1 }
 * ```
 */
export function jsonRow(object: Record<string, unknown>, mapping: MappedRowReader | null): ComparisonFileRow {
  if (mapping !== null) {
    return mapping.row((key) => {
      const value = Object.hasOwn(object, key) ? object[key] : undefined;
      return value === null && mapping.isOptional(key) ? undefined : value;
    });
  }
  const keyOf = new Map<Column, string>();
  for (const key of Object.keys(object)) {
    const column = columnNamed(key);
    if (column === undefined) {
      const arena = key === 'model_a' || key === 'model_b' ? ` (Chatbot Arena objects, with ${CHATBOT_ARENA_COLUMNS.join(', ')}, are recognised when the first object is one)` : '';
      throw new RowRejection(`unknown field ${shownName(key)}; a row has the fields ${LAYOUT_NAMES}, with optional weight, labeler and draws${arena}, or give --columns to read only the fields named`);
    }
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
