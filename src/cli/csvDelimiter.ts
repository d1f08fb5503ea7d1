/**
 * The field separators CSV input may use (`--delimiter`), and a hint for a header that
 * looks split by the wrong one.
 * @internal
 * @module
 */
import { UsageError } from './terminal.js';

/** A CSV field separator: comma, tab, semicolon or pipe. */
export type CsvDelimiter = ',' | '\t' | ';' | '|';

// What --delimiter accepts, and the separator each spelling means. A real tab (as typed
// with $'\t') is accepted beside the two spellings the help gives.
const SPELLINGS: ReadonlyMap<string, CsvDelimiter> = new Map<string, CsvDelimiter>([
  [',', ','],
  ['tab', '\t'],
  ['\\t', '\t'],
  ['\t', '\t'],
  [';', ';'],
  ['|', '|'],
]);

/**
 * Reads `--delimiter`: `,`, `tab` (or `\t`), `;` or `|`.
 *
 * @param text - The flag's value as given.
 * @returns The separator character.
 * @throws {@link UsageError} naming `--delimiter` and the values allowed.
 * @example
 * ```ts
 * delimiterFlag('tab'); // '\t'
 * ```
 */
export function delimiterFlag(text: string): CsvDelimiter {
  const delimiter = SPELLINGS.get(text.toLowerCase());
  if (delimiter === undefined) {
    throw new UsageError(`--delimiter must be ',', 'tab' (or '\\t'), ';' or '|', got ${JSON.stringify(text.slice(0, 20))}`);
  }
  return delimiter;
}

/**
 * The separator as people call it, for messages and reports.
 *
 * @param delimiter - A separator.
 * @returns `comma`, `tab`, `semicolon` or `pipe`.
 * @example
 * ```ts
 * delimiterName('\t'); // 'tab'
 * ```
 */
export function delimiterName(delimiter: CsvDelimiter): string {
  return { ',': 'comma', '\t': 'tab', ';': 'semicolon', '|': 'pipe' }[delimiter];
}

/**
 * A hint for a header line that the current separator left whole but another one would
 * split; empty when there is nothing to suggest. O(line length).
 *
 * @param line - The header line.
 * @param delimiter - The separator in use.
 * @returns For example ` (the header holds tabs: try --delimiter tab)`.
 * @example
 * ```ts
 * delimiterHint('left\tright\toutcome', ','); // ' (the header holds tabs: try --delimiter tab)'
 * ```
 */
export function delimiterHint(line: string, delimiter: CsvDelimiter): string {
  for (const [other, flag, plural] of [['\t', 'tab', 'tabs'], [';', "';'", 'semicolons'], ['|', "'|'", 'pipes'], [',', "','", 'commas']] as const) {
    if (other !== delimiter && line.includes(other)) return ` (the header holds ${plural}: try --delimiter ${flag})`;
  }
  return '';
}
