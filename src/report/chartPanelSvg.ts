/**
 * One panel of a line chart: its title, grid and tick labels, and each series as a band
 * (unless bands are off), a line and markers, clipped to the plot.
 * @internal
 * @module
 */
import type { Mark, ResolvedPanel, ResolvedSeries } from './chartInput.js';
import { BAND_OPACITY, DASHES, MARKER_RADIUS, PALETTE, PANEL_TITLE_SIZE, TICK_SIZE } from './chartStyle.js';
import type { Axis } from './niceTicks.js';
import { escapeXml, num, pixel, textElement } from './svgText.js';

/**
 * How far a panel title may reach past its plot on each side: above the tick labels on
 * the left, into the gap on the right (at least 28 + 18 and 18 + 16 px), so facet titles
 * such as "12 datapoints · labeler bradleyTerry" fit three panels to a row.
 */
const TITLE_OVERHANG = 32;
/** Bold glyphs run about 8% wider than the regular ones `textWidth` estimates. */
const BOLD_WIDTH = 1.08;

/**
 * The panel as a `<g class="panel">` translated to (`left`, `top`), its plot `width` by
 * `height` pixels and clipped by the `<clipPath>` with id `clipId`; `bands` false leaves
 * out every `polygon.band`. O(p + c) for p points and c characters of text.
 * @internal
 */
export function chartPanelSvg(
  panel: ResolvedPanel,
  left: number,
  top: number,
  width: number,
  height: number,
  xAxis: Axis,
  yAxis: Axis,
  clipId: string,
  bands: boolean,
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
  const series = panel.series.map((one) => seriesSvg(one, toX, toY, width, bands));
  return [
    `<g class="panel" transform="translate(${num(left)} ${num(top)})">`,
    textElement(width / 2, -10, panel.title, (width + 2 * TITLE_OVERHANG) / BOLD_WIDTH, PANEL_TITLE_SIZE, 'panel-title', ' text-anchor="middle" font-weight="600"'),
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

function seriesSvg(series: ResolvedSeries, toX: (value: number) => number, toY: (value: number) => number, plotWidth: number, bands: boolean): string {
  const open = `<g class="series" data-series="${escapeXml(series.label)}">`;
  const { marks } = series;
  if (marks.length === 0) return `${open}</g>`;
  const colour = PALETTE[series.style % PALETTE.length]!;
  const dash = DASHES[Math.floor(series.style / PALETTE.length) % DASHES.length]!;
  const xs = marks.map((mark) => toX(mark.x));
  const parts = [open];

  if (bands) parts.push(bandSvg(marks, xs, toY, colour));

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

// The band from low to high under the line, as one polygon.
function bandSvg(marks: readonly Mark[], xs: readonly number[], toY: (value: number) => number, colour: string): string {
  let points: string;
  if (marks.length === 1) {
    // A band needs two xs; one point gets a narrow box so its spread still shows.
    const mark = marks[0]!;
    const x = xs[0]!;
    const lowY = toY(Math.min(mark.low, mark.high));
    const highY = toY(Math.max(mark.low, mark.high));
    points = `${num(x - 4)},${num(highY)} ${num(x + 4)},${num(highY)} ${num(x + 4)},${num(lowY)} ${num(x - 4)},${num(lowY)}`;
  } else {
    const upper = marks.map((mark, i) => `${num(xs[i]!)},${num(toY(Math.max(mark.low, mark.high)))}`);
    const lower = marks.map((mark, i) => `${num(xs[i]!)},${num(toY(Math.min(mark.low, mark.high)))}`).reverse();
    points = [...upper, ...lower].join(' ');
  }
  return `<polygon class="band" points="${points}" fill="${colour}" fill-opacity="${BAND_OPACITY}" stroke="none"/>`;
}
