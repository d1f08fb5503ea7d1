/**
 * A dependency-free SVG renderer for convergence charts: small multiples of lines with
 * bands (the mean of a metric and the spread of its runs as the comparison budget
 * grows), one legend for the whole chart, one colour per series across all panels.
 *
 * Colours: the Okabe–Ito palette (M. Okabe and K. Ito, "Color Universal Design (CUD):
 * how to make figures and presentations that are friendly to colorblind people", 2008,
 * https://jfly1.iam.u-tokyo.ac.jp/color/), without its yellow, which is too pale for a
 * line on white. Ticks: "nice numbers" (P. S. Heckbert, "Nice numbers for graph labels",
 * Graphics Gems, Academic Press, 1990, pp. 61–63), with 2.5 added to his 1, 2 and 5.
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { ownValue, requireFinite, requireOneOf, requireOptionsObject } from '../validate.js';

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
  /** At least one; laid out side by side, three to a row. */
  readonly panels: readonly ChartPanel[];
}

/** Okabe–Ito without yellow, ordered so neighbours differ in hue and lightness. */
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'] as const;
/** Once the colours run out, series repeat them with these dash patterns. */
const DASHES = ['', '7 4', '2 3', '9 3 2 3'] as const;

const WIDTH = 900;
const OUTER = 16;
const Y_LABEL_SPACE = 22;
const COLUMN_GAP = 18;
const MAX_COLUMNS = 3;
/** Plot height by number of columns: one wide panel gets a taller plot to keep its aspect. */
const PLOT_HEIGHT = [360, 300, 250] as const;
const LEGEND_ROW = 20;
const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
const TITLE_SIZE = 18;
const TEXT_SIZE = 12;
const PANEL_TITLE_SIZE = 13;
const TICK_SIZE = 11;
const BAND_OPACITY = 0.18;
const MARKER_RADIUS = 2.6;
/** Out-of-domain values are clipped anyway; bounding their coordinates keeps numbers short and finite. */
const PIXEL_LIMIT = 100_000;

const CHART_KEYS = ['title', 'subtitle', 'xLabel', 'yLabel', 'xScale', 'yDomain', 'panels'] as const;
const X_SCALES = ['linear', 'log2'] as const;

interface Mark {
  readonly x: number;
  readonly y: number;
  readonly low: number;
  readonly high: number;
}

interface ResolvedSeries {
  readonly label: string;
  readonly style: number;
  readonly marks: readonly Mark[];
}

interface ResolvedPanel {
  readonly title: string;
  readonly series: readonly ResolvedSeries[];
}

interface ResolvedChart {
  readonly title: string;
  readonly subtitle: string | undefined;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly log2: boolean;
  readonly yDomain: readonly [number, number] | undefined;
  readonly panels: readonly ResolvedPanel[];
  /** Distinct series labels in order of first appearance; the index is the series' style. */
  readonly labels: readonly string[];
  /** Every x of every point, drawn or not, so the x axis does not move when a value is NaN. */
  readonly xMin: number;
  readonly xMax: number;
}

interface Tick {
  /** The value at the tick. */
  readonly value: number;
  /** Where the tick sits, as a fraction of the axis (0 at the start, 1 at the end). */
  readonly at: number;
  readonly label: string;
}

interface Axis {
  /** A value's position as a fraction of the axis; outside [0, 1] when outside the domain. */
  readonly position: (value: number) => number;
  readonly ticks: readonly Tick[];
}

/**
 * Renders a convergence chart as a standalone SVG document: one panel per
 * {@link ChartPanel} (three to a row), each series a translucent band from `low` to
 * `high` under a line with point markers, one legend for the whole chart. Panels share
 * their x and y axes; a series keeps its colour (and dash pattern, past seven series)
 * in every panel.
 *
 * Each series of each panel is a `<g class="series" data-series="LABEL">` holding a
 * `polygon.band`, a `polyline.line` (from two points on; a single point gets a narrow box
 * and its marker) and the markers (left out when closer than 6 px); legend entries are
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
 *   or a `yDomain` that is not two finite numbers in increasing order.
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
  const legend = legendSvg(resolved.labels, cursor);
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
      parts.push(panelSvg(resolved.panels[first + column]!, plotLeft, plotTop, plotWidth, plotHeight, xAxis, yAxis, clipId));
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

function panelSvg(
  panel: ResolvedPanel,
  left: number,
  top: number,
  width: number,
  height: number,
  xAxis: Axis,
  yAxis: Axis,
  clipId: string,
): string {
  const grid: string[] = [];
  const xTicks: string[] = [];
  const yTicks: string[] = [];
  for (const tick of yAxis.ticks) {
    const y = num(height - tick.at * height);
    grid.push(`<line x1="0" y1="${y}" x2="${num(width)}" y2="${y}"/>`);
    yTicks.push(`<text x="-6" y="${y}" dy="0.32em">${escapeXml(tick.label)}</text>`);
  }
  for (const tick of xAxis.ticks) {
    const x = num(tick.at * width);
    grid.push(`<line x1="${x}" y1="0" x2="${x}" y2="${height}"/>`);
    xTicks.push(`<text x="${x}" y="${height + 16}">${escapeXml(tick.label)}</text>`);
  }
  const toX = (value: number) => pixel(xAxis.position(value) * width);
  const toY = (value: number) => pixel(height - yAxis.position(value) * height);
  const series = panel.series.map((one) => seriesSvg(one, toX, toY, width));
  return [
    `<g class="panel" transform="translate(${num(left)} ${num(top)})">`,
    textElement(width / 2, -10, panel.title, width + 12, PANEL_TITLE_SIZE, 'panel-title', ' text-anchor="middle" font-weight="600"'),
    `<g class="grid" stroke="#e8e8e8" stroke-width="1" shape-rendering="crispEdges">${grid.join('')}</g>`,
    `<g class="axis axis-y" font-size="${TICK_SIZE}" fill="#444" text-anchor="end">${yTicks.join('')}</g>`,
    `<g class="axis axis-x" font-size="${TICK_SIZE}" fill="#444" text-anchor="middle">${xTicks.join('')}</g>`,
    `<g class="plot" clip-path="url(#${clipId})">`,
    ...series,
    `</g>`,
    `<path class="frame" d="M0 0V${height}H${num(width)}" fill="none" stroke="#888" stroke-width="1" shape-rendering="crispEdges"/>`,
    `</g>`,
  ].join('\n');
}

function seriesSvg(series: ResolvedSeries, toX: (value: number) => number, toY: (value: number) => number, plotWidth: number): string {
  const open = `<g class="series" data-series="${escapeXml(series.label)}">`;
  const { marks } = series;
  if (marks.length === 0) return `${open}</g>`;
  const colour = PALETTE[series.style % PALETTE.length]!;
  const dash = DASHES[Math.floor(series.style / PALETTE.length) % DASHES.length]!;
  const xs = marks.map((mark) => toX(mark.x));
  const parts = [open];

  let band: string;
  if (marks.length === 1) {
    // A band needs two xs; one point gets a narrow box so its spread still shows.
    const mark = marks[0]!;
    const x = xs[0]!;
    const lowY = toY(Math.min(mark.low, mark.high));
    const highY = toY(Math.max(mark.low, mark.high));
    band = `${num(x - 4)},${num(highY)} ${num(x + 4)},${num(highY)} ${num(x + 4)},${num(lowY)} ${num(x - 4)},${num(lowY)}`;
  } else {
    const upper = marks.map((mark, i) => `${num(xs[i]!)},${num(toY(Math.max(mark.low, mark.high)))}`);
    const lower = marks.map((mark, i) => `${num(xs[i]!)},${num(toY(Math.min(mark.low, mark.high)))}`).reverse();
    band = [...upper, ...lower].join(' ');
  }
  parts.push(`<polygon class="band" points="${band}" fill="${colour}" fill-opacity="${BAND_OPACITY}" stroke="none"/>`);

  if (marks.length > 1) {
    const line = marks.map((mark, i) => `${num(xs[i]!)},${num(toY(mark.y))}`).join(' ');
    const dashAttribute = dash === '' ? '' : ` stroke-dasharray="${dash}"`;
    parts.push(
      `<polyline class="line" points="${line}" fill="none" stroke="${colour}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"${dashAttribute}/>`,
    );
  }
  // Markers closer than a few pixels merge into a thick line and hide it; dense series show the line alone.
  if (marks.length === 1 || plotWidth / marks.length >= 6) {
    const circles = marks.map((mark, i) => `<circle cx="${num(xs[i]!)}" cy="${num(toY(mark.y))}" r="${MARKER_RADIUS}"/>`);
    parts.push(`<g class="markers" fill="${colour}" stroke="#ffffff" stroke-width="0.8">${circles.join('')}</g>`);
  }
  parts.push('</g>');
  return parts.join('');
}

function legendSvg(labels: readonly string[], top: number): { svg: string; height: number } {
  const entries: string[] = [];
  const maxRight = WIDTH - OUTER;
  let x = OUTER;
  let row = 0;
  for (let style = 0; style < labels.length; style++) {
    const label = labels[style]!;
    const shown = fitText(label, maxRight - OUTER - 30, TEXT_SIZE);
    const width = 30 + textWidth(shown, TEXT_SIZE) + 20;
    if (x > OUTER && x + width - 20 > maxRight) {
      x = OUTER;
      row++;
    }
    const colour = PALETTE[style % PALETTE.length]!;
    const dash = DASHES[Math.floor(style / PALETTE.length) % DASHES.length]!;
    const dashAttribute = dash === '' ? '' : ` stroke-dasharray="${dash}"`;
    const tooltip = shown === label ? '' : `<title>${escapeXml(label)}</title>`;
    entries.push(
      `<g class="legend-entry" data-series="${escapeXml(label)}" transform="translate(${num(x)} ${num(top + row * LEGEND_ROW + LEGEND_ROW / 2)})">` +
        `<rect x="0" y="-6" width="24" height="12" fill="${colour}" fill-opacity="${BAND_OPACITY}"/>` +
        `<line x1="0" y1="0" x2="24" y2="0" stroke="${colour}" stroke-width="2"${dashAttribute}/>` +
        `<circle cx="12" cy="0" r="${MARKER_RADIUS}" fill="${colour}" stroke="#ffffff" stroke-width="0.8"/>` +
        `<text x="30" y="0" dy="0.32em">${escapeXml(shown)}${tooltip}</text></g>`,
    );
    x += width;
  }
  const rows = labels.length === 0 ? 0 : row + 1;
  return { svg: `<g class="legend">${entries.join('')}</g>`, height: rows * LEGEND_ROW };
}

/** A `<text>` shortened to `maxWidth` (estimated), with the full text as a tooltip when shortened. */
function textElement(x: number, y: number, text: string, maxWidth: number, fontSize: number, className: string, attributes: string): string {
  const shown = fitText(text, maxWidth, fontSize);
  const tooltip = shown === text ? '' : `<title>${escapeXml(text)}</title>`;
  const size = fontSize === TEXT_SIZE ? '' : ` font-size="${fontSize}"`;
  return `<text class="${className}" x="${num(x)}" y="${num(y)}"${size}${attributes}>${escapeXml(shown)}${tooltip}</text>`;
}

// ---------------------------------------------------------------------------------------
// Axes

/**
 * y from the data: every drawn y, low and high, padded by 5% and widened to nice ticks.
 * Of the steps that fit the height, the one whose range wastes least (each tick counted
 * as a little waste too) is taken: data from −0.2 to 1.05 gets −0.25 to 1.25 in steps of
 * 0.25 rather than −0.5 to 1.5 in steps of 0.5.
 */
function dataYAxis(chart: ResolvedChart, plotHeight: number): Axis {
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
  let best: { low: number; high: number; step: number; cost: number } | undefined;
  for (let target = 3; target <= maxYTicks(plotHeight); target++) {
    const step = niceStep((high / 2 - low / 2) / (target / 2));
    const niceLow = Math.floor(low / step) * step;
    const niceHigh = Math.ceil(high / step) * step;
    if (!(step > 0 && Number.isFinite(niceLow) && Number.isFinite(niceHigh) && niceLow < niceHigh)) continue;
    if ((niceHigh - niceLow) / step + 1 > maxYTicks(plotHeight)) continue;
    // Less wasted height wins, but each tick costs a tenth of the range: 0–3.5 in steps of
    // 0.5 beats 0.75–3.25 in steps of 0.25, whose eleven long labels crowd the axis.
    const cost = (niceHigh / 2 - niceLow / 2) * (1 + 0.1 * ((niceHigh - niceLow) / step + 1));
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

function fixedYAxis(domain: readonly [number, number], plotHeight: number): Axis {
  const [low, high] = domain;
  const step = niceStep((high / 2 - low / 2) / (Math.max(3, Math.floor(plotHeight / 45)) / 2));
  return Number.isFinite(step) && step > 0 ? linearAxis(low, high, step) : bareAxis(low, high);
}

/** x on a linear scale, padded by 4% so markers at the ends stay off the frame; ticks thinned until their labels fit. */
function linearXAxis(min: number, max: number, plotWidth: number): Axis {
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

/** x on a log2 scale, ticks at powers of 2 (every 2nd, 3rd, … power when labels would collide). */
function log2XAxis(min: number, max: number, plotWidth: number): Axis {
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

function linearAxis(low: number, high: number, step: number): Axis {
  const decimals = stepDecimals(step);
  const ticks: Tick[] = [];
  const first = Math.ceil(low / step - 1e-9);
  const last = Math.floor(high / step + 1e-9);
  // Far from zero (k beyond 2^53), k × step stops being distinct from its neighbours and
  // k + 1 from k; such axes get their ends only.
  if (!(Number.isSafeInteger(first) && Number.isSafeInteger(last) && last - first <= 50)) return bareAxis(low, high);
  let previous = '';
  for (let k = first; k <= last; k++) {
    const value = k * step;
    const label = decimalLabel(value, decimals);
    if (label !== previous) ticks.push({ value, at: fraction(value, low, high), label });
    previous = label;
  }
  return { position: (value) => fraction(value, low, high), ticks };
}

function bareAxis(low: number, high: number): Axis {
  const ticks =
    low === high
      ? [{ value: low, at: 0.5, label: shortLabel(low) }]
      : [
          { value: low, at: 0, label: shortLabel(low) },
          { value: high, at: 1, label: shortLabel(high) },
        ];
  return { position: (value) => fraction(value, low, high), ticks };
}

/** The position of `value` between `low` and `high`; halves keep the difference finite for any two doubles. */
function fraction(value: number, low: number, high: number): number {
  const span = high / 2 - low / 2;
  return span > 0 ? (value / 2 - low / 2) / span : 0.5;
}

/**
 * The 1, 2, 2.5 or 5 × 10^k nearest above `rough`. Heckbert's 1–2–5 plus 2.5, which
 * lets a range such as −0.2 to 1.1 end at −0.25 and 1.25 instead of −0.5 and 1.5.
 */
function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const mantissa = rough / power;
  return (mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 2.5 ? 2.5 : mantissa <= 5 ? 5 : 10) * power;
}

/** The fewest decimals that write every multiple of `step` exactly (0.25 → 2, 50 → 0). */
function stepDecimals(step: number): number {
  for (let decimals = 0; decimals < 20; decimals++) {
    const scaled = step * 10 ** decimals;
    if (Math.abs(scaled - Math.round(scaled)) <= 1e-9 * scaled) return decimals;
  }
  return 20;
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

const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** 2^e written out (1, 2, 4, 0.5, 0.25) while that is short, else as 2 with a superscript exponent. */
function powerOfTwoLabel(exponent: number): string {
  if (exponent >= -4 && exponent <= 20) return String(2 ** exponent);
  const digits = [...String(Math.abs(exponent))].map((digit) => SUPERSCRIPTS[Number(digit)]!).join('');
  return `2${exponent < 0 ? '⁻' : ''}${digits}`;
}

function decimalLabel(value: number, decimals: number): string {
  const text = Math.abs(value) < 1e15 ? value.toFixed(decimals) : shortLabel(value);
  return withMinusSign(Number(text) === 0 ? text.replace('-', '') : text);
}

/** 4 significant digits without trailing zeros; kept a string, since near ±1.8e308 rounding it could overflow. */
function shortLabel(value: number): string {
  const [mantissa = '', exponent] = value.toPrecision(4).split('e');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
  return withMinusSign(exponent === undefined ? trimmed : `${trimmed}e${exponent}`);
}

/** A typographic minus (U+2212): the hyphen is narrower and reads as a dash in tick labels. */
function withMinusSign(text: string): string {
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
}

// ---------------------------------------------------------------------------------------
// Numbers and text

/** A pixel coordinate kept within ±PIXEL_LIMIT. */
function pixel(value: number): number {
  return Math.min(Math.max(value, -PIXEL_LIMIT), PIXEL_LIMIT);
}

/** A coordinate with at most 2 decimals and no "-0". */
function num(value: number): string {
  const rounded = Math.round(pixel(value) * 100) / 100;
  return rounded === 0 ? '0' : String(rounded);
}

/**
 * Estimated width in pixels, from the advance widths of DejaVu Sans, the widest of the
 * usual sans-serif fallbacks (Segoe UI, San Francisco and Arial are narrower): narrow
 * letters and punctuation 0.3 em, capitals 0.75 em, wide characters (CJK, emoji) 1 em,
 * the rest 0.63 em. Erring wide keeps shortened labels and legend entries apart.
 */
function textWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0x1100) ems += 1;
    else if (NARROW.includes(char)) ems += 0.3;
    else if (SEMI_NARROW.includes(char)) ems += 0.4;
    else if (char === 'm' || char === 'w' || (char >= 'A' && char <= 'Z')) ems += char === 'M' || char === 'W' || char === 'm' ? 1 : 0.78;
    else ems += 0.63;
  }
  return ems * fontSize;
}

const NARROW = " .,:;'!|il";
const SEMI_NARROW = 'fjrt()[]-"';

/** `text`, or its longest prefix (whole code points) followed by "…" that fits `maxWidth`. */
function fitText(text: string, maxWidth: number, fontSize: number): string {
  if (textWidth(text, fontSize) <= maxWidth) return text;
  const chars = [...text];
  let length = chars.length;
  while (length > 0 && textWidth(`${chars.slice(0, length).join('')}…`, fontSize) > maxWidth) length--;
  return `${chars.slice(0, length).join('')}…`;
}

/**
 * Text safe in XML content and attribute values: the five special characters as
 * entities, tabs and line breaks as character references (so attributes keep them), and
 * characters XML 1.0 cannot hold at all (other control characters, lone surrogates,
 * U+FFFE, U+FFFF) as U+FFFD.
 */
function escapeXml(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    switch (char) {
      case '&': out += '&amp;'; break;
      case '<': out += '&lt;'; break;
      case '>': out += '&gt;'; break;
      case '"': out += '&quot;'; break;
      case "'": out += '&apos;'; break;
      case '\t': out += '&#9;'; break;
      case '\n': out += '&#10;'; break;
      case '\r': out += '&#13;'; break;
      default:
        out += code < 0x20 || (code >= 0xd800 && code <= 0xdfff) || code === 0xfffe || code === 0xffff ? '\uFFFD' : char;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Validation

function resolveChart(chart: unknown): ResolvedChart {
  const input = requireOptionsObject(chart, CHART_KEYS, 'chart', 'chart.');
  const title = requireString(ownValue(input, 'title'), 'chart.title');
  const subtitleValue = ownValue(input, 'subtitle');
  const subtitle = subtitleValue === undefined ? undefined : requireString(subtitleValue, 'chart.subtitle');
  const xLabel = requireString(ownValue(input, 'xLabel'), 'chart.xLabel');
  const yLabel = requireString(ownValue(input, 'yLabel'), 'chart.yLabel');
  const xScaleValue = ownValue(input, 'xScale');
  const xScale = xScaleValue === undefined ? undefined : requireOneOf(xScaleValue, X_SCALES, 'chart.xScale');
  const yDomainValue = ownValue(input, 'yDomain');
  const yDomain = yDomainValue === undefined ? undefined : requireYDomain(yDomainValue);

  const panelsValue = ownValue(input, 'panels');
  if (!Array.isArray(panelsValue) || panelsValue.length === 0) {
    throw new RankingInputError('chart.panels', `must be an array of at least one panel, got ${describeValue(panelsValue)}`);
  }
  const styles = new Map<string, number>();
  let xMin = Infinity;
  let xMax = -Infinity;
  let firstNonPositiveX: string | undefined;
  const panels = panelsValue.map((panelValue: unknown, p): ResolvedPanel => {
    const panelPath = `chart.panels[${p}]`;
    const panel = requireObject(panelValue, panelPath);
    const panelTitle = requireString(panel['title'], `${panelPath}.title`);
    const seriesValue = panel['series'];
    if (!Array.isArray(seriesValue)) {
      throw new RankingInputError(`${panelPath}.series`, `must be an array of series, got ${describeValue(seriesValue)}`);
    }
    const seen = new Map<string, number>();
    const series = seriesValue.map((oneValue: unknown, s): ResolvedSeries => {
      const seriesPath = `${panelPath}.series[${s}]`;
      const one = requireObject(oneValue, seriesPath);
      const label = requireString(one['label'], `${seriesPath}.label`);
      const duplicate = seen.get(label);
      if (duplicate !== undefined) {
        throw new RankingInputError(`${seriesPath}.label`, `must be unique within a panel, ${describeValue(label)} is also the label of series[${duplicate}]`);
      }
      seen.set(label, s);
      if (!styles.has(label)) styles.set(label, styles.size);
      const pointsValue = one['points'];
      if (!Array.isArray(pointsValue)) {
        throw new RankingInputError(`${seriesPath}.points`, `must be an array of points, got ${describeValue(pointsValue)}`);
      }
      const marks: Mark[] = [];
      pointsValue.forEach((pointValue: unknown, i) => {
        const pointPath = `${seriesPath}.points[${i}]`;
        const point = requireObject(pointValue, pointPath);
        const x = requireFinite(point['x'], `${pointPath}.x`);
        const y = requireNumber(point['y'], `${pointPath}.y`);
        const low = requireNumber(point['low'], `${pointPath}.low`);
        const high = requireNumber(point['high'], `${pointPath}.high`);
        xMin = Math.min(xMin, x);
        xMax = Math.max(xMax, x);
        if (x <= 0 && firstNonPositiveX === undefined) firstNonPositiveX = `${pointPath}.x`;
        if (Number.isFinite(y) && Number.isFinite(low) && Number.isFinite(high)) marks.push({ x, y, low, high });
      });
      // Stable, so points with equal x keep their input order.
      marks.sort((a, b) => a.x - b.x);
      return { label, style: styles.get(label)!, marks };
    });
    return { title: panelTitle, series };
  });

  if (xScale === 'log2' && firstNonPositiveX !== undefined) {
    throw new RankingInputError(firstNonPositiveX, "must be > 0 when chart.xScale is 'log2'");
  }
  const hasPoints = xMin <= xMax;
  const log2 = xScale === undefined ? hasPoints && firstNonPositiveX === undefined && xMax >= 4 * xMin : xScale === 'log2';
  if (!hasPoints) {
    xMin = log2 ? 0.5 : 0;
    xMax = 1;
  }
  return { title, subtitle, xLabel, yLabel, log2, yDomain, panels, labels: [...styles.keys()], xMin, xMax };
}

function requireYDomain(value: unknown): readonly [number, number] {
  if (!Array.isArray(value) || value.length !== 2) {
    throw new RankingInputError('chart.yDomain', `must be [bottom, top], two finite numbers, got ${describeValue(value)}`);
  }
  const bottom = requireFinite(value[0], 'chart.yDomain[0]');
  const top = requireFinite(value[1], 'chart.yDomain[1]');
  if (!(bottom < top)) throw new RankingInputError('chart.yDomain', `must have bottom < top, got [${bottom}, ${top}]`);
  return [bottom, top];
}

function requireObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RankingInputError(path, `must be an object, got ${describeValue(value)}`);
  }
  return value as Record<string, unknown>;
}

function requireString(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new RankingInputError(path, `must be a string, got ${describeValue(value)}`);
  return value;
}

function requireNumber(value: unknown, path: string): number {
  if (typeof value !== 'number') {
    throw new RankingInputError(path, `must be a number (NaN and ±Infinity are allowed: the point is skipped), got ${describeValue(value)}`);
  }
  return value;
}
