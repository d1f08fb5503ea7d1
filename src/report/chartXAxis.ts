/**
 * The x axis shared by every panel of a line chart, linear or log2, with ticks thinned
 * until their (estimated) labels fit.
 * @internal
 * @module
 */
import { TICK_SIZE } from './chartStyle.js';
import { bareAxis, fraction, linearAxis, niceStep, powerOfTwoLabel, type Axis, type Tick } from './niceTicks.js';
import { textWidth } from './svgText.js';

/**
 * x on a linear scale, padded by 4% so markers at the ends stay off the frame; ticks thinned until their labels fit.
 * @internal
 */
export function linearXAxis(min: number, max: number, plotWidth: number): Axis {
  let low: number;
  let high: number;
  if (min === max) {
    const pad = Math.abs(min) >= 1e-300 ? Math.abs(min) / 2 : 1;
    low = min - pad;
    high = max + pad;
  } else {
    const pad = (max / 2 - min / 2) / 12.5;
    low = Math.max(min - pad, -Number.MAX_VALUE);
    high = Math.min(max + pad, Number.MAX_VALUE);
  }
  for (let target = Math.max(2, Math.floor(plotWidth / 45)); target >= 2; target--) {
    const step = niceStep((high / 2 - low / 2) / (target / 2));
    if (!(Number.isFinite(step) && step > 0)) break;
    const axis = linearAxis(low, high, step);
    if (target === 2 || labelsFit(axis.ticks, plotWidth)) return axis;
  }
  return bareAxis(low, high);
}

/**
 * x on a log2 scale, ticks at powers of 2 (every 2nd, 3rd, … power when labels would collide).
 * @internal
 */
export function log2XAxis(min: number, max: number, plotWidth: number): Axis {
  const logMin = Math.log2(min);
  const logMax = Math.log2(max);
  const pad = logMax > logMin ? (logMax - logMin) / 25 : 1;
  const low = logMin - pad;
  const high = logMax + pad;
  const position = (value: number) => fraction(Math.log2(value), low, high);
  const first = Math.ceil(low);
  const last = Math.floor(high);
  if (last - first >= 1) {
    // No tick label is narrower than 14 px, so strides that would pack them closer are skipped.
    for (let stride = Math.max(1, Math.floor(((last - first) * 14) / plotWidth)); ; stride++) {
      const ticks: Tick[] = [];
      for (let exponent = first; exponent <= last; exponent++) {
        if (exponent % stride === 0) ticks.push({ value: 2 ** exponent, at: fraction(exponent, low, high), label: powerOfTwoLabel(exponent) });
      }
      if (ticks.length <= 2 || labelsFit(ticks, plotWidth)) return { position, ticks };
    }
  }
  // Less than a doubling across the axis: ticks at nice round values instead.
  const linear = linearXAxis(min, max, plotWidth);
  const ticks = linear.ticks
    .filter((tick) => tick.value > 0)
    .map((tick) => ({ ...tick, at: position(tick.value) }))
    .filter((tick) => tick.at >= 0 && tick.at <= 1);
  return { position, ticks };
}

/** Whether neighbouring tick labels (estimated widths, centred on their ticks) leave 8 px between them. */
function labelsFit(ticks: readonly Tick[], plotWidth: number): boolean {
  for (let i = 1; i < ticks.length; i++) {
    const a = ticks[i - 1]!;
    const b = ticks[i]!;
    const needed = (textWidth(a.label, TICK_SIZE) + textWidth(b.label, TICK_SIZE)) / 2 + 8;
    if ((b.at - a.at) * plotWidth < needed) return false;
  }
  return true;
}
