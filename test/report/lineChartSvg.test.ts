import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineChartSvg, type ChartPanel, type ChartPoint, type ChartSeries, type LineChart } from '../../src/report/lineChartSvg.js';
import { deepFreeze, expectInputError } from '../helpers.js';
import { byClass, expectFiniteNumbers, expectWellFormed, findAll, parse, seriesLabels, yTickLabels, type Element } from './svgTree.js';

/** Mean Kendall's tau of a made-up sweep that converges faster with more comparisons; bands narrow as runs agree. */
function sweepSeries(label: string, datapoints: number, speed: number): ChartSeries {
  const points = [1, 2, 4, 8, 16, 32, 64].map((x): ChartPoint => {
    const y = 1 - 0.95 * Math.exp((-speed * x) / Math.log2(datapoints + 1));
    const width = 0.35 / Math.sqrt(x) / Math.sqrt(datapoints / 10);
    return { x, y, low: Math.max(-1, y - width), high: Math.min(1, y + 0.6 * width) };
  });
  return { label, points };
}

function exampleChart(): LineChart {
  return {
    title: 'Convergence of Elo rankings: random vs close-match pairing',
    subtitle: 'bands: 95% of runs (2.5th–97.5th percentile), 200 seeds per point',
    xLabel: 'comparisons per datapoint',
    yLabel: "Kendall's τ against the truth",
    panels: [10, 50, 200].map((datapoints) => ({
      title: `${datapoints} datapoints`,
      series: [
        sweepSeries('random pairs', datapoints, 0.6),
        sweepSeries('close-match pairs', datapoints, 1),
        sweepSeries('round robin', datapoints, 0.8),
      ],
    })),
  };
}

function chartOf(panels: readonly ChartPanel[], overrides: Partial<LineChart> = {}): LineChart {
  return { title: 't', xLabel: 'x', yLabel: 'y', panels, ...overrides };
}

const line = (label: string, points: [number, number][]): ChartSeries => ({
  label,
  points: points.map(([x, y]) => ({ x, y, low: y - 0.1, high: y + 0.1 })),
});

function xTickLabels(svg: string): string[] {
  const firstPanel = findAll(parse(svg), byClass('g', 'panel'))[0]!;
  return findAll(firstPanel, byClass('g', 'axis-x'))[0]!.children.map((tick) => tick.text);
}

function coordinates(points: string): [number, number][] {
  return points.split(' ').map((pair) => pair.split(',').map(Number) as [number, number]);
}

describe('lineChartSvg', () => {
  it('renders the example chart as a standalone, well-formed SVG document', () => {
    const svg = lineChartSvg(exampleChart());
    expectWellFormed(svg);
    expectFiniteNumbers(svg);

    const root = parse(svg);
    expect(root.attributes['xmlns']).toBe('http://www.w3.org/2000/svg');
    expect(root.attributes['width']).toBe('900');
    expect(root.attributes['viewBox']).toBe(`0 0 900 ${root.attributes['height']}`);
    expect(root.attributes['font-family']).toMatch(/sans-serif$/);
    const background = root.children.find((child) => child.tag === 'rect')!;
    expect(background.attributes['fill']).toBe('#ffffff');
    expect(background.attributes['width']).toBe('900');

    const panels = findAll(root, byClass('g', 'panel'));
    expect(panels).toHaveLength(3);
    for (const panel of panels) expect(seriesLabels(panel)).toEqual(['random pairs', 'close-match pairs', 'round robin']);
    expect(findAll(root, byClass('text', 'panel-title')).map((title) => title.text)).toEqual(['10 datapoints', '50 datapoints', '200 datapoints']);
    expect(findAll(root, byClass('text', 'x-label')).map((label) => label.text)).toEqual(['comparisons per datapoint']);
    expect(findAll(root, byClass('text', 'y-label')).map((label) => label.text)).toEqual(["Kendall's τ against the truth"]);
    expect(findAll(root, byClass('g', 'legend-entry')).map((entry) => entry.attributes['data-series'])).toEqual([
      'random pairs',
      'close-match pairs',
      'round robin',
    ]);
  });

  it('draws each series as a band polygon under a line, both inside the plot when the y range comes from the data', () => {
    const root = parse(lineChartSvg(exampleChart()));
    const clip = findAll(root, (element) => element.tag === 'clipPath')[0]!.children[0]!;
    // The clip rectangle reaches 3.6 px past the plot on every side, for the markers.
    const width = Number(clip.attributes['width']) - 7.2;
    const height = Number(clip.attributes['height']) - 7.2;
    for (const series of findAll(root, byClass('g', 'series'))) {
      const band = series.children.find(byClass('polygon', 'band'))!;
      const polyline = series.children.find(byClass('polyline', 'line'))!;
      expect(coordinates(band.attributes['points']!)).toHaveLength(14);
      const linePoints = coordinates(polyline.attributes['points']!);
      expect(linePoints).toHaveLength(7);
      for (const [x, y] of [...coordinates(band.attributes['points']!), ...linePoints]) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(width);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(height);
      }
    }
  });

  it('is well-formed and keeps hostile labels intact', () => {
    const labels = ['<&"\'>', '__proto__', 'constructor', '👩‍🔬 τ – “quoted”', '', 'a & b < c'];
    const chart = chartOf(
      [
        { title: '<panel & "one">', series: labels.map((label, i) => line(label, [[1, i / 10], [8, i / 5]])) },
        { title: "it's 🧪", series: [...labels].reverse().map((label) => line(label, [[2, 0.5]])) },
      ],
      { title: '<svg> & </svg>', subtitle: '"]]><!--', xLabel: "x's <axis>", yLabel: 'τ – “y”' },
    );
    const svg = lineChartSvg(chart);
    expectWellFormed(svg);
    const root = parse(svg);
    const panels = findAll(root, byClass('g', 'panel'));
    expect(seriesLabels(panels[0]!)).toEqual(labels);
    expect(seriesLabels(panels[1]!)).toEqual([...labels].reverse());
    expect(findAll(root, byClass('g', 'legend-entry')).map((entry) => entry.attributes['data-series'])).toEqual(labels);
    expect(findAll(root, byClass('text', 'title'))[0]!.text).toBe('<svg> & </svg>');
    expect(findAll(root, byClass('text', 'subtitle'))[0]!.text).toBe('"]]><!--');
    expect(findAll(root, byClass('text', 'panel-title'))[0]!.text).toBe('<panel & "one">');
  });

  it('replaces characters XML cannot hold and keeps line breaks as character references', () => {
    const svg = lineChartSvg(chartOf([{ title: 'bell\u0007 lone\uD800 half', series: [line('two\nlines\ttab', [[1, 0]])] }]));
    expectWellFormed(svg);
    expect(svg).toContain('bell\uFFFD lone\uFFFD half');
    expect(svg).toContain('data-series="two&#10;lines&#9;tab"');
  });

  it('shortens text too long for its place and keeps the whole of it as a tooltip', () => {
    const long = 'a panel title far too long to fit above a plot a third of the chart wide, repeated '.repeat(2);
    const root = parse(lineChartSvg(chartOf([1, 2, 3].map((i) => ({ title: `${i} ${long}`, series: [] })))));
    const title = findAll(root, byClass('text', 'panel-title'))[0]!;
    expect(title.text.endsWith('…')).toBe(true);
    expect(title.text.length).toBeLessThan(long.length);
    expect(title.children.find((child) => child.tag === 'title')!.text).toBe(`1 ${long}`);
  });

  it('chooses log2 when every x > 0 and the xs span a factor of 4 or more, with ticks at powers of 2', () => {
    expect(xTickLabels(lineChartSvg(chartOf([{ title: 'p', series: [line('s', [[1, 0], [64, 1]])] }])))).toEqual([
      '1', '2', '4', '8', '16', '32', '64',
    ]);
    expect(xTickLabels(lineChartSvg(chartOf([{ title: 'p', series: [line('s', [[0.25, 0], [4, 1]])] }])))).toEqual([
      '0.25', '0.5', '1', '2', '4',
    ]);
    // A wide range thins the ticks to every few powers so their labels do not collide.
    const wide = xTickLabels(lineChartSvg(chartOf([1, 2, 3].map(() => ({ title: 'p', series: [line('s', [[1, 0], [2 ** 20, 1]])] })))));
    expect(wide.length).toBeLessThan(21);
    expect(wide.every((label) => Number.isInteger(Math.log2(Number(label))))).toBe(true);
  });

  it('chooses linear when an x is 0 or the xs span less than a factor of 4, and when asked to', () => {
    expect(xTickLabels(lineChartSvg(chartOf([{ title: 'p', series: [line('s', [[0, 0], [60, 1]])] }])))).toContain('0');
    expect(xTickLabels(lineChartSvg(chartOf([{ title: 'p', series: [line('s', [[10, 0], [30, 1]])] }])))).toEqual(
      expect.arrayContaining(['10', '20', '30']),
    );
    const forced = lineChartSvg(chartOf([{ title: 'p', series: [line('s', [[1, 0], [64, 1]])] }], { xScale: 'linear' }));
    expectWellFormed(forced);
    expect(xTickLabels(forced)).not.toContain('32');
  });

  it('renders log2 and linear scales of any span well-formed', () => {
    for (const xScale of ['log2', 'linear'] as const) {
      for (const xs of [[3], [3, 5], [1, 2 ** 40], [2 ** -30, 1], [1e-300, 1e300]]) {
        const svg = lineChartSvg(chartOf([{ title: 'p', series: [line('s', xs.map((x, i) => [x, i]))] }], { xScale }));
        expectWellFormed(svg);
        expectFiniteNumbers(svg);
        expect(xTickLabels(svg).length).toBeGreaterThan(0);
      }
    }
  });

  it('lays out one panel, three side by side, and wraps more than three into rows', () => {
    for (const count of [1, 2, 3, 4, 7]) {
      const panels = Array.from({ length: count }, (_, i) => ({ title: `panel ${i}`, series: [line('a', [[1, i], [4, i + 1]]), line('b', [[1, 0]])] }));
      const svg = lineChartSvg(chartOf(panels, { subtitle: 'sub' }));
      expectWellFormed(svg);
      const root = parse(svg);
      const found = findAll(root, byClass('g', 'panel'));
      expect(found).toHaveLength(count);
      for (const panel of found) expect(seriesLabels(panel)).toEqual(['a', 'b']);
      const translations = found.map((panel) => /translate\(([\d.]+) ([\d.]+)\)/.exec(panel.attributes['transform']!)!.slice(1).map(Number));
      const rows = new Set(translations.map(([, y]) => y));
      expect(rows.size).toBe(Math.ceil(count / 3));
      expect(new Set(translations.map(([x]) => x)).size).toBe(Math.min(count, 3));
      expect(findAll(root, byClass('text', 'x-label'))).toHaveLength(rows.size);
      expect(findAll(root, byClass('text', 'y-label'))).toHaveLength(rows.size);
      expect(findAll(root, byClass('g', 'legend-entry'))).toHaveLength(2);
    }
  });

  it('lists each label once in the legend, in order of first appearance', () => {
    const root = parse(
      lineChartSvg(
        chartOf([
          { title: 'p', series: [line('b', [[1, 0]]), line('a', [[1, 0]])] },
          { title: 'q', series: [line('c', [[1, 0]]), line('a', [[1, 0]]), line('b', [[1, 0]])] },
          { title: 'r', series: [] },
        ]),
      ),
    );
    expect(findAll(root, byClass('g', 'legend-entry')).map((entry) => entry.attributes['data-series'])).toEqual(['b', 'a', 'c']);
  });

  it('gives a label the same colour in every panel, and dashes once the palette runs out', () => {
    const labels = Array.from({ length: 10 }, (_, i) => `series ${i}`);
    const root = parse(
      lineChartSvg(
        chartOf([
          { title: 'p', series: labels.map((label) => line(label, [[1, 0], [2, 1]])) },
          { title: 'q', series: [...labels].reverse().map((label) => line(label, [[1, 0], [2, 1]])) },
        ]),
      ),
    );
    const style = (series: Element) => {
      const polyline = series.children.find(byClass('polyline', 'line'))!;
      return `${polyline.attributes['stroke']} ${polyline.attributes['stroke-dasharray'] ?? 'solid'}`;
    };
    const [first, second] = findAll(root, byClass('g', 'panel')).map(
      (panel) => new Map(findAll(panel, byClass('g', 'series')).map((series) => [series.attributes['data-series']!, style(series)])),
    );
    expect(second).toEqual(first);
    expect(new Set(first!.values()).size).toBe(10);
    for (const series of findAll(root, byClass('g', 'series'))) {
      const colour = series.children.find(byClass('polyline', 'line'))!.attributes['stroke'];
      expect(series.children.find(byClass('polygon', 'band'))!.attributes['fill']).toBe(colour);
    }
  });

  it('sorts points by x', () => {
    const points: [number, number][] = [[8, 0.8], [1, 0.1], [4, 0.5], [2, 0.3]];
    const shuffled = lineChartSvg(chartOf([{ title: 'p', series: [line('s', points)] }]));
    const sorted = lineChartSvg(chartOf([{ title: 'p', series: [line('s', [...points].sort((a, b) => a[0] - b[0]))] }]));
    expect(shuffled).toBe(sorted);
    const polyline = findAll(parse(shuffled), byClass('polyline', 'line'))[0]!;
    const xs = coordinates(polyline.attributes['points']!).map(([x]) => x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });

  it('leaves out points with a non-finite y, low or high; a series with none left draws nothing but stays in the legend', () => {
    const chart = chartOf([
      {
        title: 'p',
        series: [
          {
            label: 'some',
            points: [
              { x: 1, y: 0.1, low: 0, high: 0.2 },
              { x: 2, y: Number.NaN, low: 0, high: 0.2 },
              { x: 4, y: 0.4, low: Number.NEGATIVE_INFINITY, high: 0.5 },
              { x: 8, y: 0.6, low: 0.5, high: Number.POSITIVE_INFINITY },
              { x: 16, y: 0.8, low: 0.7, high: 0.9 },
            ],
          },
          { label: 'none', points: [{ x: 1, y: Number.NaN, low: Number.NaN, high: Number.NaN }] },
          { label: 'empty', points: [] },
        ],
      },
    ]);
    const svg = lineChartSvg(chart);
    expectWellFormed(svg);
    expectFiniteNumbers(svg);
    const root = parse(svg);
    const [some, none, empty] = findAll(root, byClass('g', 'series'));
    expect(coordinates(some!.children.find(byClass('polyline', 'line'))!.attributes['points']!)).toHaveLength(2);
    expect(none!.children).toEqual([]);
    expect(empty!.children).toEqual([]);
    expect(findAll(root, byClass('g', 'legend-entry')).map((entry) => entry.attributes['data-series'])).toEqual(['some', 'none', 'empty']);
  });

  it('draws a chart with no finite value at all', () => {
    const svg = lineChartSvg(chartOf([{ title: 'p', series: [{ label: 's', points: [{ x: 1, y: Number.NaN, low: 0, high: 1 }] }] }, { title: 'q', series: [] }]));
    expectWellFormed(svg);
    expectFiniteNumbers(svg);
  });

  it('keeps a given y range and clips what falls outside it', () => {
    const svg = lineChartSvg(chartOf([{ title: 'p', series: [line('s', [[1, -3], [2, 0.5], [4, 7]])] }], { yDomain: [0, 1] }));
    expectWellFormed(svg);
    const root = parse(svg);
    const firstPanel = findAll(root, byClass('g', 'panel'))[0]!;
    const yTicks = findAll(firstPanel, byClass('g', 'axis-y'))[0]!.children.map((tick) => tick.text);
    expect(yTicks[0]).toBe('0.0');
    expect(yTicks.at(-1)).toBe('1.0');
    expect(findAll(root, byClass('g', 'plot'))[0]!.attributes['clip-path']).toMatch(/^url\(#.+\)$/);
  });

  it('prints coordinates with at most 2 decimals', () => {
    const chart = chartOf([{ title: 'p', series: [line('s', [[1, 1 / 3], [3, Math.PI], [7, Math.E]])] }]);
    const attributeValues = lineChartSvg(chart).match(/="[^"]*"/g)!;
    for (const value of attributeValues) expect(value).not.toMatch(/\d\.\d{3}/);
  });

  it('is deterministic and does not modify its input', () => {
    const chart = deepFreeze(exampleChart());
    const before = JSON.stringify(chart);
    const svg = lineChartSvg(chart);
    expect(lineChartSvg(chart)).toBe(svg);
    expect(lineChartSvg(structuredClone(chart))).toBe(svg);
    expect(JSON.stringify(chart)).toBe(before);
  });

  it('stays well-formed, finite and deterministic for arbitrary numbers and labels (property)', () => {
    const label = fc.string({ unit: 'binary', maxLength: 12 }).filter((text) => !/NaN|Infinity/.test(text));
    const point = fc.record({ x: fc.double({ noNaN: true, noDefaultInfinity: true }), y: fc.double(), low: fc.double(), high: fc.double() });
    const series = fc.record({ label, points: fc.array(point, { maxLength: 6 }) });
    const panel = fc.record({ title: label, series: fc.uniqueArray(series, { maxLength: 4, selector: (one) => one.label }) });
    const yDomain = fc
      .tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ noNaN: true, noDefaultInfinity: true }))
      .filter(([bottom, top]) => bottom < top);
    const yLimits = fc.tuple(fc.double({ noNaN: true }), fc.double({ noNaN: true })).filter(([bottom, top]) => bottom < top);
    fc.assert(
      fc.property(fc.array(panel, { minLength: 1, maxLength: 5 }), fc.option(yDomain, { nil: undefined }), fc.option(yLimits, { nil: undefined }), fc.boolean(), fc.boolean(), (panels, domain, limits, linear, bands) => {
        const chart = chartOf(panels, { yDomain: domain, yLimits: limits, bands, ...(linear ? { xScale: 'linear' as const } : {}) });
        const svg = lineChartSvg(chart);
        expectWellFormed(svg);
        expectFiniteNumbers(svg);
        expect(lineChartSvg(chart)).toBe(svg);
        const found = findAll(parse(svg), byClass('g', 'panel'));
        expect(found).toHaveLength(panels.length);
        found.forEach((element, i) => expect(findAll(element, byClass('g', 'series'))).toHaveLength(panels[i]!.series.length));
      }),
    );
  });

  it('draws no bands and no band swatches with bands: false, and fits y to the lines alone', () => {
    const chart = exampleChart();
    const withBands = parse(lineChartSvg(chart));
    const svg = lineChartSvg({ ...chart, bands: false });
    expectWellFormed(svg);
    const root = parse(svg);
    expect(findAll(withBands, byClass('polygon', 'band')).length).toBeGreaterThan(0);
    expect(findAll(root, byClass('polygon', 'band'))).toEqual([]);
    expect(findAll(root, byClass('polyline', 'line'))).toHaveLength(9);
    for (const entry of findAll(root, byClass('g', 'legend-entry'))) expect(entry.children.map((child) => child.tag)).toEqual(['line', 'circle', 'text']);
    // The example's lows reach down to about 0.1; its lines start near 0.2, so the axis starts higher.
    const bottom = (element: Element) => Number(yTickLabels(element)[0]!.replace('−', '-'));
    expect(bottom(root)).toBeGreaterThan(bottom(withBands));
    expect(lineChartSvg({ ...chart, bands: true })).toBe(lineChartSvg(chart));
  });

  it('draws a point with a NaN low or high when bands are off, since only y is shown', () => {
    const svg = lineChartSvg(chartOf([{ title: 'p', series: [{ label: 's', points: [{ x: 1, y: 0.2, low: Number.NaN, high: Number.NaN }, { x: 2, y: 0.4, low: Number.NaN, high: 1 }] }] }], { bands: false }));
    expectWellFormed(svg);
    expectFiniteNumbers(svg);
    expect(findAll(parse(svg), byClass('polyline', 'line'))).toHaveLength(1);
  });

  it('stops the automatic y range at yLimits but never cuts data', () => {
    const data = chartOf([{ title: 'p', series: [line('s', [[1, 0.3], [2, 0.9]])] }]);
    // Data 0.2 to 1.0 padded past 1 would end the axis at 1.2 or 1.25.
    expect(Number(yTickLabels(parse(lineChartSvg(data))).at(-1))).toBeGreaterThan(1);
    const limited = yTickLabels(parse(lineChartSvg({ ...data, yLimits: [-1, 1] })));
    expect(limited.at(-1)).toMatch(/^1(\.0+)?$/);
    expect(limited.length).toBeGreaterThanOrEqual(4);
    const beyond = yTickLabels(parse(lineChartSvg({ ...data, yLimits: [0, 0.5] })));
    expect(Number(beyond.at(-1))).toBeGreaterThanOrEqual(1);
    expect(lineChartSvg({ ...data, yLimits: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY] })).toBe(lineChartSvg(data));
    expect(lineChartSvg({ ...data, yDomain: [0, 2], yLimits: [-1, 1] })).toBe(lineChartSvg({ ...data, yDomain: [0, 2] }));
  });

  describe('rejects bad input with the path of the field', () => {
    const good = () => chartOf([{ title: 'p', series: [line('s', [[1, 0], [2, 1], [4, 2]])] }, { title: 'q', series: [line('s', [[1, 0], [2, 1], [4, 2]])] }]);
    const withPoint = (point: unknown): LineChart => {
      const chart = good();
      const points = [...chart.panels[1]!.series[0]!.points, point] as ChartPoint[];
      return { ...chart, panels: [chart.panels[0]!, { title: 'q', series: [{ label: 's', points }] }] };
    };
    const cases: [string, () => unknown, string][] = [
      ['not an object', () => null, 'chart'],
      ['no panels', () => ({ ...good(), panels: [] }), 'chart.panels'],
      ['panels missing', () => ({ title: 't', xLabel: 'x', yLabel: 'y' }), 'chart.panels'],
      ['a misspelt option', () => ({ ...good(), yDomian: [0, 1] }), 'chart.yDomian'],
      ['a title that is not a string', () => ({ ...good(), title: 3 }), 'chart.title'],
      ['a subtitle that is not a string', () => ({ ...good(), subtitle: null }), 'chart.subtitle'],
      ['an unknown x scale', () => ({ ...good(), xScale: 'log' }), 'chart.xScale'],
      ['a reversed y range', () => ({ ...good(), yDomain: [1, 0] }), 'chart.yDomain'],
      ['a y range of one number', () => ({ ...good(), yDomain: [1] }), 'chart.yDomain'],
      ['a y range that is not finite', () => ({ ...good(), yDomain: [0, Number.POSITIVE_INFINITY] }), 'chart.yDomain[1]'],
      ['reversed y limits', () => ({ ...good(), yLimits: [1, -1] }), 'chart.yLimits'],
      ['y limits with a NaN', () => ({ ...good(), yLimits: [Number.NaN, 1] }), 'chart.yLimits'],
      ['bands that are not a boolean', () => ({ ...good(), bands: 'off' }), 'chart.bands'],
      ['a panel that is not an object', () => ({ ...good(), panels: [good().panels[0], 'q'] }), 'chart.panels[1]'],
      ['a panel without series', () => ({ ...good(), panels: [{ title: 'p' }] }), 'chart.panels[0].series'],
      ['a label that is not a string', () => ({ ...good(), panels: [{ title: 'p', series: [{ label: 1, points: [] }] }] }), 'chart.panels[0].series[0].label'],
      [
        'two series with one label in a panel',
        () => ({ ...good(), panels: [{ title: 'p', series: [line('s', []), line('t', []), line('s', [])] }] }),
        'chart.panels[0].series[2].label',
      ],
      ['points that are not an array', () => ({ ...good(), panels: [{ title: 'p', series: [{ label: 's' }] }] }), 'chart.panels[0].series[0].points'],
      ['a NaN x', () => withPoint({ x: Number.NaN, y: 0, low: 0, high: 0 }), 'chart.panels[1].series[0].points[3].x'],
      ['an infinite x', () => withPoint({ x: Number.POSITIVE_INFINITY, y: 0, low: 0, high: 0 }), 'chart.panels[1].series[0].points[3].x'],
      ['a string y', () => withPoint({ x: 1, y: '0.5', low: 0, high: 1 }), 'chart.panels[1].series[0].points[3].y'],
      ['a missing high', () => withPoint({ x: 1, y: 0.5, low: 0 }), 'chart.panels[1].series[0].points[3].high'],
      ['a point that is not an object', () => withPoint(5), 'chart.panels[1].series[0].points[3]'],
      ['x ≤ 0 on a log2 scale', () => ({ ...withPoint({ x: 0, y: 0, low: 0, high: 0 }), xScale: 'log2' }), 'chart.panels[1].series[0].points[3].x'],
    ];
    it.each(cases)('%s', (_, input, path) => {
      expectInputError(() => lineChartSvg(input() as LineChart), path);
    });
  });
});
