/**
 * Splitting one CSV line into fields: RFC 4180 quoting (Shafranovich, 2005, §2) within
 * the line, with any of the separators of csvDelimiter.ts.
 * @internal
 * @module
 */
import type { CsvDelimiter } from './csvDelimiter.js';
import { RowRejection } from './rowRejection.js';

/**
 * The fields of one CSV line. A field in double quotes may hold the separator, and `""`
 * inside it is one quote; a quote cannot be left open to the next line. Unquoted fields
 * are trimmed; spaces (and tabs, unless tab is the separator) around a quoted field are
 * ignored. O(line length).
 *
 * @param line - One physical line, without its line break.
 * @param delimiter - The field separator.
 * @param fieldNames - How errors name each field (by position), when known.
 * @returns The fields, unquoted.
 * @throws {@link RowRejection} for a quote left open, text after a closing quote, or a
 *   quote inside an unquoted field.
 * @example
 * ```ts
 * splitCsvLine('"Smith; J.";b;left', ';'); // ['Smith; J.', 'b', 'left']
 * ```
 */
export function splitCsvLine(line: string, delimiter: CsvDelimiter, fieldNames?: readonly string[]): string[] {
  if (!line.includes('"')) {
    const fields = line.split(delimiter);
    for (let i = 0; i < fields.length; i++) fields[i] = fields[i]!.trim();
    return fields;
  }
  // Padding that may surround a quoted field: never the separator itself.
  const isPadding = (char: string | undefined): boolean => char === ' ' || (char === '\t' && delimiter !== '\t');
  const fields: string[] = [];
  const nameAt = (i: number): string | undefined => fieldNames?.[i];
  let i = 0;
  for (;;) {
    while (isPadding(line[i])) i++;
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const close = line.indexOf('"', i);
        if (close === -1) {
          throw new RowRejection(`field ${fields.length + 1} opens a quote that this line does not close (fields spanning lines are not supported)`, nameAt(fields.length));
        }
        value += line.slice(i, close);
        i = close + 1;
        if (line[i] !== '"') break;
        value += '"';
        i++;
      }
      while (isPadding(line[i])) i++;
      if (i < line.length && line[i] !== delimiter) {
        throw new RowRejection(`field ${fields.length + 1} has ${JSON.stringify(line[i])} after its closing quote`, nameAt(fields.length));
      }
      fields.push(value);
    } else {
      const next = line.indexOf(delimiter, i);
      const end = next === -1 ? line.length : next;
      const value = line.slice(i, end).trim();
      if (value.includes('"')) {
        throw new RowRejection(`field ${fields.length + 1} holds a quote but does not start with one; quote the whole field and double the quotes inside`, nameAt(fields.length));
      }
      fields.push(value);
      i = end;
    }
    if (i >= line.length) return fields;
    i++;
  }
}
