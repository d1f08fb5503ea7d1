/**
 * Where `rank` reads comparisons from: a file, or standard input when the path is `-`.
 * @internal
 * @module
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';

/** How messages name standard input, in place of a file name (`<stdin>:3: …`). */
export const STDIN_NAME = '<stdin>';

/**
 * The name messages give an input: the path as given, or `<stdin>` for `-`.
 *
 * @param path - The path as given on the command line.
 * @returns The name for messages and reports.
 * @example
 * ```ts
 * sourceName('-'); // '<stdin>'
 * ```
 */
export function sourceName(path: string): string {
  return path === '-' ? STDIN_NAME : path;
}

/**
 * Opens an input as a stream of bytes; the reader decodes them (strictly, see
 * utf8Lines.ts). Nothing is read until the caller reads; the caller destroys the stream
 * when done (standard input too: `rank` is its only reader, and a writer still piping
 * into it after a rejected row should stop).
 *
 * @param path - A file path, or `-` for `stdin`.
 * @param stdin - The stream `-` stands for.
 * @returns The stream.
 * @example
 * ```ts
 * const input = openComparisonSource('-', process.stdin);
 * ```
 */
export function openComparisonSource(path: string, stdin: Readable): Readable {
  return path === '-' ? stdin : createReadStream(path);
}
