/**
 * The legend of a line chart: one entry per series label, in the series' colour and dash,
 * wrapped into rows across the chart's width.
 * @internal
 * @module
 */
import { BAND_OPACITY, DASHES, LEGEND_ROW, MARKER_RADIUS, OUTER, PALETTE, TEXT_SIZE, WIDTH } from './chartStyle.js';
import { escapeXml, fitText, num, textWidth } from './svgText.js';

/**
 * The legend as a `<g class="legend">` whose first row is centred `LEGEND_ROW / 2` below
 * `top`, and its height; `labels[i]` gets style i. A label too long for a row is
 * shortened and keeps its full text as a tooltip. The band swatch is left out when
 * `bands` is false, so the legend shows only what the panels draw. O(c) for c characters
 * of labels.
 * @internal
 */
export function chartLegendSvg(labels: readonly string[], top: number, bands: boolean): { svg: string; height: number } {
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
        (bands ? `<rect x="0" y="-6" width="24" height="12" fill="${colour}" fill-opacity="${BAND_OPACITY}"/>` : '') +
        `<line x1="0" y1="0" x2="24" y2="0" stroke="${colour}" stroke-width="2"${dashAttribute}/>` +
        `<circle cx="12" cy="0" r="${MARKER_RADIUS}" fill="${colour}" stroke="#ffffff" stroke-width="0.8"/>` +
        `<text x="30" y="0" dy="0.32em">${escapeXml(shown)}${tooltip}</text></g>`,
    );
    x += width;
  }
  const rows = labels.length === 0 ? 0 : row + 1;
  return { svg: `<g class="legend">${entries.join('')}</g>`, height: rows * LEGEND_ROW };
}
