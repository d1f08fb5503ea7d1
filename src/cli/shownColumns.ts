/**
 * Column names quoted for error messages, cut so that a huge header line (a file that
 * is not CSV, the wrong delimiter, thousands of columns) is never echoed in full.
 * @internal
 * @module
 */
import { shownText } from './terminalText.js';

/** The most units of a column name a message shows: 40, then the ellipsis. */
export const MAX_SHOWN_NAME_WIDTH = 41;
const MAX_NAMES = 20;

/**
 * One column name in single quotes, cut to 40 characters with an ellipsis, with the
 * characters of terminalText.ts escaped (a tab shows as `\t`, so a header split by the
 * wrong delimiter reads plainly; a bidirectional override cannot reorder the message).
 * O(1) in the name's length beyond 40.
 *
 * @param name - The name as written in the header.
 * @returns For example `'image_a'`.
 * @example
 * ```ts
 * shownName('image_a'); // "'image_a'"
 * shownName('x'.repeat(100)).length; // 43: the quotes, 40 x and the ellipsis
 * ```
 */
export function shownName(name: string): string {
  return `'${shownText(name, MAX_SHOWN_NAME_WIDTH)}'`;
}

/**
 * The first 20 column names, each as {@link shownName} gives it, comma-separated, and
 * how many more there are. At most about 900 characters, whatever the header.
 *
 * @param names - The header's names, in order.
 * @returns For example `'a', 'b', 'c'` or `'c1', …, 'c20' and 180 more`.
 * @example
 * ```ts
 * shownColumns(['x', 'y', 'z']); // "'x', 'y', 'z'"
 * ```
 */
export function shownColumns(names: readonly string[]): string {
  const shown = names.slice(0, MAX_NAMES).map(shownName).join(', ');
  return names.length > MAX_NAMES ? `${shown} and ${names.length - MAX_NAMES} more` : shown;
}
