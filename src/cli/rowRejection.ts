/**
 * The error a comparison file's row is rejected with, before the reader knows which
 * file and line it came from.
 * @internal
 * @module
 */

/**
 * Thrown by a visitor (or the parser) to reject the current row; the reader reports it
 * as `FILE:LINE: reason (column name)`.
 */
export class RowRejection extends Error {
  override readonly name = 'RowRejection';
  /** The column at fault (as the reader names it), when there is one. */
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
