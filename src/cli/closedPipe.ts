/**
 * A reader that stops early (`pairwise-elo rank votes.csv | head`) closes the pipe the
 * command writes to; the next write then fails with EPIPE, emitted as an 'error' event
 * that nothing handles, and Node prints a stack trace and exits with code 1. Like other
 * command-line tools, the command instead ends quietly: there is no one left to read
 * what it would write.
 * @internal
 * @module
 */

/** The part of a stream (`process.stdout`, `process.stderr`) this module uses. */
export interface ClosablePipe {
  on(event: 'error', listener: (error: Error & { code?: string }) => void): unknown;
}

/**
 * Handles a closed pipe on `stream`: EPIPE calls `onClosed` (for stdout, exit with the
 * code so far), and nothing is printed; any other write error is thrown, as before.
 */
export function endQuietlyOnClosedPipe(stream: ClosablePipe, onClosed: () => void): void {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') onClosed();
    else throw error;
  });
}
