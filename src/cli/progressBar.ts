/**
 * A one-line progress bar on stderr, drawn only when stderr is a terminal, with the
 * runs done and an estimate of the time left.
 * @internal
 * @module
 */
import type { ConvergenceProgress } from '../convergence/convergenceTypes.js';

const WIDTH = 30;

/**
 * The estimate waits for both: before 2% of the runs are done it rests on a handful of
 * batches, and in the first second worker start-up dominates, so early guesses swing wildly.
 */
const ETA_MIN_FRACTION = 0.02;
const ETA_MIN_ELAPSED_MS = 1000;

/** While the percentage stands still, the line is redrawn at most this often, so the time left keeps ticking. */
const REDRAW_MS = 1000;

/** Where the bar is drawn: a terminal stream such as `process.stderr`. */
export interface ProgressStream {
  /** Only a terminal gets the bar; a pipe or file would collect every redraw. */
  readonly isTTY?: boolean | undefined;
  write(text: string): unknown;
}

/**
 * A progress callback that redraws the bar when the shown percentage changes (or a
 * second has passed, for the time left), and a function that clears it. Time is read
 * from `now` only, so tests drive it with a fake clock.
 * @param now - A clock in milliseconds, e.g. `performance.now`; only differences are used.
 * @param stream - Where to draw; nothing is drawn unless `stream.isTTY`.
 */
export function progressBar(now: () => number, stream: ProgressStream = process.stderr): { update: (progress: ConvergenceProgress) => void; clear: () => void } {
  if (stream.isTTY !== true) return { update: () => undefined, clear: () => undefined };
  const start = now();
  let shownPercent = -1;
  let shownAt = -Infinity;
  let shownLine = '';
  return {
    update({ completedRuns, totalRuns }) {
      const time = now();
      const percent = percentDone(completedRuns, totalRuns);
      if (percent === shownPercent && time - shownAt < REDRAW_MS) return;
      const line = progressLine(completedRuns, totalRuns, time - start);
      shownPercent = percent;
      shownAt = time;
      if (line === shownLine) return;
      shownLine = line;
      stream.write(`\r\x1b[2K${line}`);
    },
    clear() {
      if (shownLine !== '') stream.write('\r\x1b[2K');
    },
  };
}

/**
 * The bar's text after `elapsedMs` milliseconds, e.g.
 * `[############------------------]  42%  1 234/2 940 runs · 12 s left`; the time left
 * (elapsed × runs to go / runs done) is shown once 2% of the runs are done and a second
 * has passed, and not once every run is done.
 */
export function progressLine(completedRuns: number, totalRuns: number, elapsedMs: number): string {
  const percent = percentDone(completedRuns, totalRuns);
  const filled = Math.round((WIDTH * percent) / 100);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(percent).padStart(3)}%  ${groupDigits(completedRuns)}/${groupDigits(totalRuns)} runs`;
  const left = timeLeftMs(completedRuns, totalRuns, elapsedMs);
  return left === undefined ? bar : `${bar} · ${formatDuration(left)} left`;
}

/** The estimated milliseconds left, or undefined while an estimate would be a guess (see {@link progressLine}). */
export function timeLeftMs(completedRuns: number, totalRuns: number, elapsedMs: number): number | undefined {
  if (!(completedRuns < totalRuns) || completedRuns < ETA_MIN_FRACTION * totalRuns || !(elapsedMs >= ETA_MIN_ELAPSED_MS)) return undefined;
  return (elapsedMs * (totalRuns - completedRuns)) / completedRuns;
}

/** A time left in words, rounded up so it never says 0 while runs remain: "12 s", "3 min 05 s", "2 h 07 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

function percentDone(completedRuns: number, totalRuns: number): number {
  return totalRuns === 0 ? 100 : Math.floor((100 * completedRuns) / totalRuns);
}

// 1234567 as "1 234 567": long run counts are read at a glance.
function groupDigits(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}
