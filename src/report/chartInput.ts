/**
 * Checks a line chart at the boundary and turns it into the form the renderer draws:
 * points sorted by x with undrawable ones left out, one style per series label, and the
 * x extent and scale resolved.
 * @internal
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { ownValue, requireFinite, requireOneOf, requireOptionsObject } from '../validate.js';

const CHART_KEYS = ['title', 'subtitle', 'xLabel', 'yLabel', 'xScale', 'yDomain', 'yLimits', 'bands', 'panels'] as const;
const X_SCALES = ['linear', 'log2'] as const;

/** A point that can be drawn: y, low and high are all finite (low and high equal y when bands are off). @internal */
export interface Mark {
  readonly x: number;
  readonly y: number;
  readonly low: number;
  readonly high: number;
}

/** A checked series. @internal */
export interface ResolvedSeries {
  readonly label: string;
  /** The index of the label among all the chart's labels; picks colour and dash. */
  readonly style: number;
  /** Sorted by x. */
  readonly marks: readonly Mark[];
}

/** A checked panel. @internal */
export interface ResolvedPanel {
  readonly title: string;
  readonly series: readonly ResolvedSeries[];
}

/** A checked chart with its defaults resolved. @internal */
export interface ResolvedChart {
  readonly title: string;
  readonly subtitle: string | undefined;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly log2: boolean;
  readonly yDomain: readonly [number, number] | undefined;
  /** Where the automatic y range stops; (−∞, ∞) when not given. */
  readonly yLimits: readonly [number, number];
  /** Whether bands are drawn. */
  readonly bands: boolean;
  readonly panels: readonly ResolvedPanel[];
  /** Distinct series labels in order of first appearance; the index is the series' style. */
  readonly labels: readonly string[];
  /** Every x of every point, drawn or not, so the x axis does not move when a value is NaN. */
  readonly xMin: number;
  readonly xMax: number;
}

/**
 * Checks `chart` and resolves it (see {@link ResolvedChart}); `chart` is not modified.
 * O(p log p) for p points.
 * @throws {@link RankingInputError} naming the field, for every rule listed on `lineChartSvg`.
 * @internal
 */
export function resolveChart(chart: unknown): ResolvedChart {
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
  const yLimitsValue = ownValue(input, 'yLimits');
  const yLimits = yLimitsValue === undefined ? ([-Infinity, Infinity] as const) : requireYLimits(yLimitsValue);
  const bandsValue = ownValue(input, 'bands');
  if (bandsValue !== undefined && typeof bandsValue !== 'boolean') {
    throw new RankingInputError('chart.bands', `must be true or false, got ${describeValue(bandsValue)}`);
  }
  const bands = bandsValue !== false;

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
        // Without bands only y is drawn, so a point needs no finite low or high, and the
        // y axis should not stretch to fit edges that are not shown.
        if (!bands) {
          if (Number.isFinite(y)) marks.push({ x, y, low: y, high: y });
        } else if (Number.isFinite(y) && Number.isFinite(low) && Number.isFinite(high)) marks.push({ x, y, low, high });
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
  return { title, subtitle, xLabel, yLabel, log2, yDomain, yLimits, bands, panels, labels: [...styles.keys()], xMin, xMax };
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

function requireYLimits(value: unknown): readonly [number, number] {
  const bottom = Array.isArray(value) && value.length === 2 ? value[0] : undefined;
  const top = Array.isArray(value) && value.length === 2 ? value[1] : undefined;
  if (typeof bottom !== 'number' || typeof top !== 'number' || !(bottom < top)) {
    throw new RankingInputError('chart.yLimits', `must be [bottom, top], two numbers (±Infinity for no limit) with bottom < top, got ${describeValue(value)}`);
  }
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
