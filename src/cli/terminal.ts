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

/** A plain-text table with a header row and aligned columns. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly ('left' | 'right')[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (align[column] === 'right' ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
