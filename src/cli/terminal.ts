/**
 * Small helpers for command-line output.
 * @internal
 * @module
 */

/** A mistake in how a command was called: reported with exit code 2 and the command's help. */
export class UsageError extends Error {
  override readonly name: string = 'UsageError';
}

/** A problem with an input file's contents: exit code 2, but the help would not help. */
export class InputFileError extends UsageError {
  override readonly name = 'InputFileError';
}

/**
 * A plain-text table with a header row and aligned columns, each as wide as its widest
 * cell. Callers cut cells that come from the input (terminalText.ts), so the table
 * grows with the rows, not with the longest id. The rows are asked for twice (widths,
 * then lines) rather than kept, so a million rows cost their lines and nothing more;
 * no call takes an argument per row. O(cells).
 *
 * @param header - The column titles.
 * @param rowCount - How many rows.
 * @param cellsOf - The cells of row `i` (0-based), one per column; the same each time.
 * @param align - Each column's alignment.
 * @returns The table, lines joined by `\n`, without a final line break.
 * @example
 * ```ts
 * formatTable(['name', 'n'], 2, (i) => [['a', '1'], ['bb', '22']][i]!, ['left', 'right']);
 * // "name   n\na      1\nbb    22"
 * ```
 */
export function formatTable(header: readonly string[], rowCount: number, cellsOf: (row: number) => readonly string[], align: readonly ('left' | 'right')[]): string {
  const widths = header.map((title) => title.length);
  for (let row = 0; row < rowCount; row++) {
    const cells = cellsOf(row);
    for (let column = 0; column < widths.length; column++) widths[column] = Math.max(widths[column]!, (cells[column] ?? '').length);
  }
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (align[column] === 'right' ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  const lines = [line(header)];
  for (let row = 0; row < rowCount; row++) lines.push(line(cellsOf(row)));
  return lines.join('\n');
}
