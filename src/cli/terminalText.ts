/**
 * Text from the input made safe to print on a terminal. Datapoint ids, column names and
 * file names are arbitrary strings: a control character could move the cursor or end a
 * table row, a bidirectional formatting character (Unicode Standard Annex #9, §2.1–2.6:
 * LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, LRM, RLM, ALM) could reorder what follows
 * it on screen so that one id reads as another, and a lone surrogate cannot be written
 * as UTF-8 at all (Node prints U+FFFD, merging distinct ids). Each of them is shown as a
 * JSON escape (`\t`, `\u202e`, `\ud800`), so the text stays on one line, reads in the
 * order it is stored, and differs where the ids differ. JSON output is not passed
 * through here: `JSON.stringify` keeps every string exact.
 * @internal
 * @module
 */

/** How wide the datapoint column of a table may grow: longer ids are cut with `…`. */
export const MAX_SHOWN_ID_WIDTH = 60;

// C0 and C1 controls and DEL (the message pattern spares the line feed); ALM, LRM,
// RLM; the line and paragraph separators and LRE..RLO; LRI..PDI; then a high surrogate
// without its low half, and a low one without its high half.
const FORMATTING = '\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069';
const LONE_SURROGATE = '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
const UNSAFE = `[\\u0000-\\u001f\\u007f-\\u009f${FORMATTING}]|${LONE_SURROGATE}`;
const UNSAFE_IN_MESSAGE = new RegExp(`[\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f${FORMATTING}]|${LONE_SURROGATE}`, 'g');
const UNSAFE_ONE = new RegExp(`^(?:${UNSAFE})$`);
const UNSAFE_SOME = new RegExp(UNSAFE);

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };

// The JSON escape of one unsafe character (a lone surrogate is one UTF-16 unit).
function escapeChar(char: string): string {
  return SHORT_ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * A message or a line of a report with every unsafe character escaped, line breaks
 * kept. O(text length).
 *
 * @param text - The text, which may quote the input.
 * @returns The text, safe to print.
 * @example
 * ```ts
 * escapeForTerminal('votes\u202Evsc.csv:3: bad row'); // 'votes\\u202evsc.csv:3: bad row'
 * ```
 */
export function escapeForTerminal(text: string): string {
  return text.replace(UNSAFE_IN_MESSAGE, escapeChar);
}

/**
 * Input text cut to at most `maxWidth` UTF-16 units, `…` included, with every unsafe
 * character (line breaks too) escaped; a character is never cut in half. O(maxWidth),
 * whatever the text's length.
 *
 * @param text - The text, e.g. a column name.
 * @param maxWidth - The most units to show, ≥ 2.
 * @returns The text as shown.
 * @example
 * ```ts
 * shownText('a\tb', 40); // 'a\\tb'
 * shownText('x'.repeat(100), 41); // 40 x and '…'
 * ```
 */
export function shownText(text: string, maxWidth: number): string {
  return cut(text, maxWidth, false);
}

/**
 * A datapoint id as a table shows it: as it is when it is safe to print, else in double
 * quotes with unsafe characters, quotes and backslashes escaped as JSON would (so two
 * ids never look alike because of an escape); in both cases cut to
 * {@link MAX_SHOWN_ID_WIDTH} units with `…`, so one long id cannot widen every row.
 * An id starting with a double quote is quoted too, so it cannot pass for an escaped
 * one. O(id length) for the check, O(width) for the rest.
 *
 * @param id - The datapoint id.
 * @param maxWidth - The most units to show, quotes and `…` included.
 * @returns The id as shown.
 * @example
 * ```ts
 * shownId('cat'); // 'cat'
 * shownId('abc\u202Edef'); // '"abc\\u202edef"'
 * shownId('x'.repeat(100)).length; // 60
 * ```
 */
export function shownId(id: string, maxWidth = MAX_SHOWN_ID_WIDTH): string {
  return cut(id, maxWidth, UNSAFE_SOME.test(id) || id.startsWith('"'));
}

function cut(text: string, maxWidth: number, quoted: boolean): string {
  const room = quoted ? maxWidth - 2 : maxWidth;
  const pieces: string[] = [];
  let width = 0;
  let i = 0;
  // Stops one piece past the room: enough to know whether the text fits.
  while (i < text.length && width <= room) {
    const code = text.codePointAt(i)!;
    const char = text.slice(i, i + (code > 0xffff ? 2 : 1));
    const piece = UNSAFE_ONE.test(char) ? escapeChar(char) : quoted && (char === '"' || char === '\\') ? `\\${char}` : char;
    pieces.push(piece);
    width += piece.length;
    i += char.length;
  }
  let shown: string;
  if (i >= text.length && width <= room) {
    shown = pieces.join('');
  } else {
    while (width + 1 > room) width -= pieces.pop()!.length;
    shown = `${pieces.join('')}…`;
  }
  return quoted ? `"${shown}"` : shown;
}
