/**
 * A one-line progress bar on stderr, drawn only when stderr is a terminal.
 * @internal
 * @module
 */
import type { ConvergenceProgress } from '../convergence/convergenceTypes.js';

const WIDTH = 30;

/** A progress callback that redraws the bar when the shown percentage changes, and a function that clears it. */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): { update: (progress: ConvergenceProgress) => void; clear: () => void } {
  if (!stream.isTTY) return { update: () => undefined, clear: () => undefined };
  let shown = -1;
  return {
    update({ completedRuns, totalRuns }) {
      const percent = totalRuns === 0 ? 100 : Math.floor((100 * completedRuns) / totalRuns);
      if (percent === shown) return;
      shown = percent;
      const filled = Math.round((WIDTH * percent) / 100);
      stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(percent).padStart(3)}%  ${completedRuns}/${totalRuns} runs`);
    },
    clear() {
      if (shown >= 0) stream.write('\r\x1b[2K');
    },
  };
}
