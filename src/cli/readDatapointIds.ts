/**
 * The file of `simulate --datapoint-ids`: datapoint ids, one per line, read with the
 * same strict UTF-8 line reader as `rank` (utf8Lines.ts).
 * @internal
 * @module
 */
import { Buffer } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import { InputFileError, UsageError } from './terminal.js';
import { shownName } from './shownColumns.js';
import { Utf8Lines } from './utf8Lines.js';

const CHUNK_BYTES = 65_536;

/**
 * Reads datapoint ids, one per line; surrounding spaces and blank lines are ignored.
 * The file is read in chunks and refused at the first id past `maxIds`, so memory is
 * what the ids take, never more than the limit allows. O(file size).
 *
 * @param path - The file.
 * @param maxIds - The most ids accepted.
 * @returns The ids, in file order.
 * @throws {@link UsageError} when the file cannot be read; {@link InputFileError}
 *   `FILE:LINE: …` for a line that is not UTF-8 or is longer than 1 MiB, an id repeated
 *   (quoting it cut to 40 characters), more than `maxIds` ids, or fewer than 2.
 * @example
 * ```ts
 * readDatapointIds('ids.txt', 1_000_000); // ['cat.jpg', 'dog.jpg', …]
 * ```
 */
export function readDatapointIds(path: string, maxIds: number): string[] {
  const ids: string[] = [];
  const lineOf = new Map<string, number>();
  const lines = new Utf8Lines(path, (line, lineNumber) => {
    const id = line.trim();
    if (id === '') return;
    const earlier = lineOf.get(id);
    if (earlier !== undefined) throw new InputFileError(`${path}:${lineNumber}: repeats ${shownName(id)} from line ${earlier}`);
    if (ids.length === maxIds) throw new InputFileError(`${path}:${lineNumber}: more than ${maxIds} datapoints, the most --datapoint-ids takes`);
    lineOf.set(id, lineNumber);
    ids.push(id);
  });
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new UsageError(`--datapoint-ids cannot read '${path}': ${(error as Error).message}`);
  }
  try {
    for (;;) {
      // A fresh buffer each time: the reader may keep the tail of the last one.
      const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      let bytes: number;
      try {
        bytes = readSync(fd, chunk, 0, CHUNK_BYTES, null);
      } catch (error) {
        throw new UsageError(`--datapoint-ids cannot read '${path}': ${(error as Error).message}`);
      }
      if (bytes === 0) break;
      lines.push(chunk.subarray(0, bytes));
    }
    lines.end();
  } finally {
    closeSync(fd);
  }
  if (ids.length < 2) throw new InputFileError(`--datapoint-ids: '${path}' must list at least 2 datapoints, one per line; it has ${ids.length}`);
  return ids;
}
