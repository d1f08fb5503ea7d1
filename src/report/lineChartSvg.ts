/**
 * A dependency-free SVG renderer for convergence charts: small multiples of lines with
 * bands (the mean of a metric and the spread of its runs as the comparison budget
 * grows), one legend for the whole chart, one colour per series across all panels.
 *
 * This file holds the public types and the page: title, legend, rows of panels and
 * their axis labels. The parts live next to it: input checks in chartInput.ts, axes in
 * chartXAxis.ts, chartYAxis.ts and niceTicks.ts, one panel in chartPanelSvg.ts, the
 * legend in chartLegendSvg.ts, sizes and colours in chartStyle.ts, coordinates and text
 * in svgText.ts.
 * @module
 */
import { resolveChart } from './chartInput.js';
import { chartLegendSvg } from './chartLegendSvg.js';
import { chartPanelSvg } from './chartPanelSvg.js';
import { COLUMN_GAP, FONT_FAMILY, MARKER_RADIUS, MAX_COLUMNS, OUTER, PLOT_HEIGHT, TEXT_SIZE, TICK_SIZE, TITLE_SIZE, WIDTH, Y_LABEL_SPACE } from './chartStyle.js';
import { linearXAxis, log2XAxis } from './chartXAxis.js';
import { dataYAxis, fixedYAxis } from './chartYAxis.js';
import { escapeXml, num, textElement, textWidth } from './svgText.js';

/** One point of a series: the mean at x and the band around it. */
export interface ChartPoint {
  /** Position on the x axis (e.g. comparisons per datapoint); must be finite. */
  readonly x: number;
  /** The line's value at x (e.g. the mean Kendall's tau); a point with a non-finite y, low or high is skipped. */
  readonly y: number;
  /** Lower edge of the band at x (e.g. the 2.5th percentile of the runs); the band spans the smaller of low and high to the larger. */
  readonly low: number;
  /** Upper edge of the band at x (e.g. the 97.5th percentile of the runs). */
  readonly high: number;
}

/** One line with its band. Its colour follows its label, the same in every panel. */
export interface ChartSeries {
  /** Shown in the legend and put on the series' `<g class="series" data-series="…">`; unique within a panel. */
  readonly label: string;
  /** In any order (they are drawn sorted by x); may be empty. */
  readonly points: readonly ChartPoint[];
}

/** One small-multiple panel, e.g. one per datapoint count. */
export interface ChartPanel {
  /** Shown above the panel, e.g. `"50 datapoints"`. */
  readonly title: string;
  /** The lines of this panel. */
  readonly series: readonly ChartSeries[];
}

/** A chart of one or more panels that share their axes, scales and legend. */
export interface LineChart {
  /** Shown at the top. */
  readonly title: string;
  /**
   * Shown under the title, e.g. `"bands: 95% of runs (2.5th–97.5th percentile), 200 seeds per point"`.
   * @defaultValue no subtitle
   */
  readonly subtitle?: string | undefined;
  /** Under each row of panels, e.g. `"comparisons per datapoint"`. */
  readonly xLabel: string;
  /** Rotated, left of each row of panels, e.g. `"Kendall's tau against the truth"`. */
  readonly yLabel: string;
  /**
   * How x is laid out; `'log2'` ticks at powers of 2 and needs every x > 0.
   * @defaultValue `'log2'` when every x > 0 and the largest x is at least 4 times the smallest, else `'linear'`
   */
  readonly xScale?: 'linear' | 'log2' | undefined;
  /**
   * The y range `[bottom, top]` of every panel; anything outside is clipped.
   * @defaultValue the range of every drawn y, low and high, padded by 5% and widened to nice ticks
   */
  readonly yDomain?: readonly [number, number] | undefined;
  /**
   * The values y can take, e.g. `[-1, 1]` for a correlation (±Infinity for no limit):
   * the automatic y range is padded and widened to nice ticks only up to them, never
   * past the data. Ignored when `yDomain` is given.
   * @defaultValue no limits
   */
  readonly yLimits?: readonly [number, number] | undefined;
  /**
   * Whether each series gets its band from `low` to `high`. Without bands only the
   * lines and markers are drawn, a point needs only a finite y, and the y range is
   * fitted to the lines.
   * @defaultValue true
   */
  readonly bands?: boolean | undefined;
  /** At least one; laid out side by side, three to a row, the chart growing taller by a row for every three. */
  readonly panels: readonly ChartPanel[];
}

/**
 * Renders a convergence chart as a standalone SVG document: one panel per
 * {@link ChartPanel} (three to a row), each series a translucent band from `low` to
 * `high` under a line with point markers, one legend for the whole chart. Panels share
 * their x and y axes; a series keeps its colour (and dash pattern, past seven series)
 * in every panel.
 *
 * Each series of each panel is a `<g class="series" data-series="LABEL">` holding a
 * `polygon.band` (unless `bands` is false), a `polyline.line` (from two points on; a
 * single point gets a narrow box and its marker) and the markers (left out when closer
 * than 6 px); legend entries are
 * `<g class="legend-entry" data-series="LABEL">`. Points whose y, low or high is NaN or
 * ±Infinity are left out; a series with no other point draws nothing but is still in the
 * legend. Coordinates have at most 2 decimals and the output depends only on the input,
 * so the same chart gives the same bytes. Text widths are estimated (no font metrics):
 * a title too long for its place is shortened with "…" and keeps its full text in a
 * `<title>` tooltip.
 *
 * Runs in O(p log p + c) time for p points and c characters of text.
 *
 * @param chart - The chart; not modified.
 * @returns The SVG document, 900 pixels wide, as a string.
 * @throws {@link RankingInputError} when the chart has no panel, a text that is not a
 *   string, an x that is not finite (or not > 0 with `xScale: 'log2'`), a y, low or high
 *   that is not a number, two series with the same label in one panel, an unknown key,
 *   a `yDomain` that is not two finite numbers in increasing order, a `yLimits` that is
 *   not two numbers in increasing order, or a `bands` that is not a boolean.
 * @example
 * ```ts
 * const svg = lineChartSvg({
 *   title: 'Convergence of Elo rankings',
 *   subtitle: 'bands: 95% of runs (2.5th–97.5th percentile), 200 seeds per point',
 *   xLabel: 'comparisons per datapoint',
 *   yLabel: "Kendall's tau against the truth",
 *   panels: [{
 *     title: '50 datapoints',
 *     series: [{ label: 'random pairs', points: [
 *       { x: 1, y: 0.42, low: 0.3, high: 0.55 },
 *       { x: 4, y: 0.71, low: 0.64, high: 0.78 },
 *       { x: 16, y: 0.88, low: 0.85, high: 0.91 },
 *     ] }],
 *   }],
 * });
 * writeFileSync('convergence.svg', svg);
 * ```
 */
export function lineChartSvg(chart: LineChart): string {
  const resolved = resolveChart(chart);
  const columns = Math.min(resolved.panels.length, MAX_COLUMNS);
  const rows = Math.ceil(resolved.panels.length / columns);
  const plotHeight = PLOT_HEIGHT[columns - 1]!;

  const yAxis = resolved.yDomain === undefined ? dataYAxis(resolved, plotHeight) : fixedYAxis(resolved.yDomain, plotHeight);
  const tickSpace = Math.max(28, Math.max(0, ...yAxis.ticks.map((tick) => textWidth(tick.label, TICK_SIZE))) + 10);
  const contentLeft = OUTER + Y_LABEL_SPACE;
  const columnWidth = (WIDTH - OUTER - contentLeft) / columns;
  const plotWidth = columnWidth - tickSpace - COLUMN_GAP;
  const xAxis = resolved.log2 ? log2XAxis(resolved.xMin, resolved.xMax, plotWidth) : linearXAxis(resolved.xMin, resolved.xMax, plotWidth);

  const parts: string[] = [];
  let cursor = 30;
  parts.push(textElement(OUTER, cursor, resolved.title, WIDTH - 2 * OUTER, TITLE_SIZE, 'title', ' font-weight="600"'));
  cursor += 8;
  if (resolved.subtitle !== undefined) {
    cursor += 14;
    parts.push(textElement(OUTER, cursor, resolved.subtitle, WIDTH - 2 * OUTER, TEXT_SIZE, 'subtitle', ' fill="#555"'));
    cursor += 6;
  }
  cursor += 8;
  const legend = chartLegendSvg(resolved.labels, cursor, resolved.bands);
  parts.push(legend.svg);
  cursor += legend.height + 10;

  // The clip rectangle is in each panel's own coordinates, so one definition serves all
  // panels; naming it by its size keeps two charts inlined in one page from clashing.
  const clipId = `pairwise-elo-plot-${num(plotWidth).replace('.', '_')}x${plotHeight}`;
  const defs = `<defs><clipPath id="${clipId}"><rect x="${-MARKER_RADIUS - 1}" y="${-MARKER_RADIUS - 1}" width="${num(plotWidth + 2 * MARKER_RADIUS + 2)}" height="${plotHeight + 2 * MARKER_RADIUS + 2}"/></clipPath></defs>`;

  const rowHeight = 24 + plotHeight + 46;
  for (let row = 0; row < rows; row++) {
    const rowTop = cursor + row * (rowHeight + 12);
    const plotTop = rowTop + 24;
    const first = row * columns;
    const inRow = Math.min(columns, resolved.panels.length - first);
    for (let column = 0; column < inRow; column++) {
      const plotLeft = contentLeft + column * columnWidth + tickSpace;
      parts.push(chartPanelSvg(resolved.panels[first + column]!, plotLeft, plotTop, plotWidth, plotHeight, xAxis, yAxis, clipId, resolved.bands));
    }
    const rowLeft = contentLeft + tickSpace;
    const rowRight = contentLeft + (inRow - 1) * columnWidth + tickSpace + plotWidth;
    parts.push(
      textElement((rowLeft + rowRight) / 2, plotTop + plotHeight + 38, resolved.xLabel, rowRight - rowLeft, TEXT_SIZE, 'x-label', ' text-anchor="middle" fill="#333"'),
    );
    parts.push(
      textElement(0, 0, resolved.yLabel, plotHeight + 20, TEXT_SIZE, 'y-label', ` text-anchor="middle" fill="#333" transform="translate(${OUTER + 10} ${num(plotTop + plotHeight / 2)}) rotate(-90)"`),
    );
  }
  const height = Math.ceil(cursor + rows * rowHeight + (rows - 1) * 12 + 8);

  return [
    `<?xml version="1.0" encoding="UTF-8"?>\n`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}"`,
    ` font-family="${FONT_FAMILY}" font-size="${TEXT_SIZE}" role="img">\n`,
    `<title>${escapeXml(resolved.title)}</title>\n`,
    resolved.subtitle === undefined ? '' : `<desc>${escapeXml(resolved.subtitle)}</desc>\n`,
    `${defs}\n`,
    `<rect class="background" width="${WIDTH}" height="${height}" fill="#ffffff"/>\n`,
    parts.join('\n'),
    `\n</svg>\n`,
  ].join('');
}
