/**
 * The y axis shared by every panel of a line chart: from the data, or from a fixed domain.
 * @internal
 * @module
 */
import type { ResolvedChart } from './chartInput.js';
import { bareAxis, linearAxis, niceStep, type Axis } from './niceTicks.js';

/**
 * y from the data: every drawn y, low and high, padded by 5% and widened to nice ticks.
 * Of the steps that fit the height, the one whose range wastes least (each tick counted
 * as a little waste too) is taken: data from −0.2 to 1.05 gets −0.25 to 1.25 in steps of
 * 0.25 rather than −0.5 to 1.5 in steps of 0.5. Padding and rounding stop at the
 * chart's `yLimits` (a tau of 1 gets an axis ending at 1, not 1.25), but never cut data.
 * @internal
 */
export function dataYAxis(chart: ResolvedChart, plotHeight: number): Axis {
  let low = Infinity;
  let high = -Infinity;
  for (const panel of chart.panels) {
    for (const series of panel.series) {
      for (const mark of series.marks) {
        low = Math.min(low, mark.y, mark.low, mark.high);
        high = Math.max(high, mark.y, mark.low, mark.high);
      }
    }
  }
  if (low > high) return fixedYAxis([0, 1], plotHeight);
  const floor = Math.min(chart.yLimits[0], low);
  const ceiling = Math.max(chart.yLimits[1], high);
  if (low === high) {
    // Below 1e-300 a tenth of the value loses precision; a flat series there is as good as 0.
    const pad = Math.abs(low) >= 1e-300 ? Math.abs(low) / 10 : 1;
    low -= pad;
    high += pad;
  } else {
    const pad = (high / 2 - low / 2) / 10;
    low -= pad;
    high += pad;
  }
  // A limit can make a coarse step as compact as a fine one (−1 to 1 in steps of 1 or
  // of 0.5); when one bites, fewer than four ticks would lose the axis its scale.
  const limited = low < floor || high > ceiling;
  low = Math.max(low, floor);
  high = Math.min(high, ceiling);
  let best: { low: number; high: number; step: number; cost: number } | undefined;
  for (let target = 3; target <= maxYTicks(plotHeight); target++) {
    const step = niceStep((high / 2 - low / 2) / (target / 2));
    const roundedLow = Math.floor(low / step) * step;
    const roundedHigh = Math.ceil(high / step) * step;
    const niceLow = Math.max(roundedLow, floor);
    const niceHigh = Math.min(roundedHigh, ceiling);
    if (!(step > 0 && Number.isFinite(niceLow) && Number.isFinite(niceHigh) && niceLow < niceHigh)) continue;
    const ticks = (niceHigh - niceLow) / step + 1;
    if (ticks > maxYTicks(plotHeight)) continue;
    if ((limited || niceLow !== roundedLow || niceHigh !== roundedHigh) && ticks < 4 && maxYTicks(plotHeight) >= 4) continue;
    // Less wasted height wins, but each tick costs a tenth of the range: 0–3.5 in steps of
    // 0.5 beats 0.75–3.25 in steps of 0.25, whose eleven long labels crowd the axis.
    const cost = (niceHigh / 2 - niceLow / 2) * (1 + 0.1 * ticks);
    if (best === undefined || cost < best.cost) best = { low: niceLow, high: niceHigh, step, cost };
  }
  if (best !== undefined) return linearAxis(best.low, best.high, best.step);
  // Values near ±1.8e308 overflow the padding: fall back to the bare extent, labelled at its ends.
  return bareAxis(Math.max(low, -Number.MAX_VALUE), Math.min(high, Number.MAX_VALUE));
}

/** At most one y tick every 30 pixels, so tick labels never touch. */
function maxYTicks(plotHeight: number): number {
  return Math.floor(plotHeight / 30);
}

/**
 * y over a fixed `[low, high]`, ticked at a nice step of about one tick per 45 pixels.
 * @internal
 */
export function fixedYAxis(domain: readonly [number, number], plotHeight: number): Axis {
  const [low, high] = domain;
  const step = niceStep((high / 2 - low / 2) / (Math.max(3, Math.floor(plotHeight / 45)) / 2));
  return Number.isFinite(step) && step > 0 ? linearAxis(low, high, step) : bareAxis(low, high);
}
