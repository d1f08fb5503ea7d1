import { beforeAll, describe, expect, it } from 'vitest';
import { convergenceChartSvg, runConvergence, type ConvergenceResults } from '../../src/index.js';
import { deepFreeze, expectInputError } from '../helpers.js';
import { byClass, expectFiniteNumbers, expectWellFormed, findAll, legendLabels, parse, seriesLabels, yTickLabels, type Element } from '../report/svgTree.js';

// 3 random ratios × 2 pairings (round robin has no ratio: 4 strategies) × 3 labelers:
// 12 lines in one panel per datapoint count, too many to read.
let results: ConvergenceResults;
beforeAll(async () => {
  results = deepFreeze(
    await runConvergence({
      datapoints: [6],
      perDatapoint: [1, 2],
      randomRatios: [0, 0.5, 1],
      pairings: ['adaptive', 'roundRobin'],
      labelers: ['bradleyTerry', 'thurstone', 'crowd'],
      seeds: 3,
      workers: 1,
    }),
  );
});

const STRATEGIES = ['random ratio 0', 'random ratio 0.5', 'random ratio 1', 'round robin'];

const panelsOf = (svg: string) => findAll(parse(svg), byClass('g', 'panel'));
const panelTitles = (svg: string) => findAll(parse(svg), byClass('text', 'panel-title')).map((title) => title.text);

/** Each series' line colour by label, within one panel. */
function colours(panel: Element): Map<string, string> {
  return new Map(
    findAll(panel, byClass('g', 'series')).map((series) => [series.attributes['data-series']!, series.children.find(byClass('polyline', 'line'))!.attributes['stroke']!]),
  );
}

describe('convergenceChartSvg faceting', () => {
  it('splits a crowded sweep into panels of at most 6 lines, one per labeler, titled with their facet values', () => {
    const svg = convergenceChartSvg(results);
    expectWellFormed(svg);
    expectFiniteNumbers(svg);
    const panels = panelsOf(svg);
    expect(panels).toHaveLength(3);
    expect(panelTitles(svg)).toEqual(['6 datapoints · labeler bradleyTerry', '6 datapoints · labeler thurstone', '6 datapoints · labeler crowd']);
    for (const panel of panels) {
      expect(seriesLabels(panel).length).toBeLessThanOrEqual(6);
      expect(seriesLabels(panel)).toEqual(STRATEGIES);
    }
  });

  it('shares one legend, one colour per strategy in every panel, and one y range', () => {
    const svg = convergenceChartSvg(results);
    const root = parse(svg);
    expect(legendLabels(root)).toEqual(STRATEGIES);
    const panels = panelsOf(svg);
    const first = colours(panels[0]!);
    expect(new Set(first.values()).size).toBe(STRATEGIES.length);
    for (const panel of panels) expect(colours(panel)).toEqual(first);
    const ticks = yTickLabels(panels[0]!);
    for (const panel of panels) expect(yTickLabels(panel)).toEqual(ticks);
    // Kendall's tau cannot pass 1, so neither does the axis.
    expect(Number(ticks.at(-1))).toBeLessThanOrEqual(1);
  });

  it('grows the SVG with the panels, three to a row', () => {
    const height = (svg: string) => Number(parse(svg).attributes['height']);
    const byLabelerAndPairing = convergenceChartSvg(results, { facetBy: ['labeler', 'pairing'] });
    const panels = panelsOf(byLabelerAndPairing);
    expect(panels).toHaveLength(6);
    const rows = new Set(panels.map((panel) => /translate\([\d.]+ ([\d.]+)\)/.exec(panel.attributes['transform']!)![1]));
    expect(rows.size).toBe(2);
    expect(height(byLabelerAndPairing)).toBeGreaterThan(height(convergenceChartSvg(results)));
    expect(parse(byLabelerAndPairing).attributes['width']).toBe('900');
  });

  it('follows facetBy: pairing panels name only the random ratio on their lines; [] draws one panel', () => {
    const svg = convergenceChartSvg(results, { facetBy: ['labeler', 'pairing'] });
    expect(panelTitles(svg).slice(0, 2)).toEqual(['labeler bradleyTerry · adaptive pairing', 'labeler bradleyTerry · round robin']);
    const panels = panelsOf(svg);
    expect(seriesLabels(panels[0]!)).toEqual(['random ratio 0', 'random ratio 0.5', 'random ratio 1']);
    expect(seriesLabels(panels[1]!)).toEqual(['round robin']);

    const single = convergenceChartSvg(results, { facetBy: [] });
    expect(panelTitles(single)).toEqual(['all cells']);
    expect(seriesLabels(panelsOf(single)[0]!)).toHaveLength(12);
    expect(seriesLabels(panelsOf(single)[0]!)[0]).toBe('random ratio 0 · bradleyTerry');

    expect(convergenceChartSvg(results, { facetBy: ['datapoints', 'labeler'] })).toBe(convergenceChartSvg(results));
  });

  it('draws no bands with band: none, and another metric with metric', () => {
    const plain = convergenceChartSvg(results);
    const lines = convergenceChartSvg(results, { band: 'none' });
    expectWellFormed(lines);
    expect(findAll(parse(plain), byClass('polygon', 'band'))).toHaveLength(12);
    expect(findAll(parse(lines), byClass('polygon', 'band'))).toEqual([]);
    expect(findAll(parse(lines), byClass('polyline', 'line'))).toHaveLength(12);
    expect(lines).toContain('lines: mean over runs');
    expect(convergenceChartSvg(results, { band: 'mean' })).toContain('95% confidence interval of the mean');

    const rho = convergenceChartSvg(results, { metric: 'spearmanRho' });
    expectWellFormed(rho);
    expect(findAll(parse(rho), byClass('text', 'title'))[0]!.text).toBe("Spearman's rho against the truth as the budget grows");
    expect(findAll(parse(rho), byClass('text', 'y-label'))[0]!.text).toBe("Spearman's rho (1 = true order)");
    const error = convergenceChartSvg(results, { metric: 'meanAbsoluteRankError' });
    // Rank errors are never negative, so the axis starts at 0 at the lowest.
    expect(Number(yTickLabels(panelsOf(error)[0]!)[0])).toBe(0);
  });

  it('is byte-identical for the same results, however they were copied', () => {
    const svg = convergenceChartSvg(results, { metric: 'topKPrecision', facetBy: ['pairing'] });
    expect(convergenceChartSvg(results, { metric: 'topKPrecision', facetBy: ['pairing'] })).toBe(svg);
    expect(convergenceChartSvg(JSON.parse(JSON.stringify(results)) as ConvergenceResults, { metric: 'topKPrecision', facetBy: ['pairing'] })).toBe(svg);
  });

  it('rejects bad options naming the option and what is allowed', () => {
    expectInputError(() => convergenceChartSvg(results, { facetBy: 'labeler' as never }), 'options.facetBy');
    expectInputError(() => convergenceChartSvg(results, { facetBy: ['labeler', 'ratio' as never] }), 'options.facetBy[1]');
    expectInputError(() => convergenceChartSvg(results, { facetBy: ['labeler', 'labeler'] }), 'options.facetBy[1]');
    expectInputError(() => convergenceChartSvg(results, { band: 'off' as never }), 'options.band');
    expectInputError(() => convergenceChartSvg(results, { bands: false } as never), 'options.bands');
    expect(() => convergenceChartSvg(results, { facetBy: ['ratio' as never] })).toThrow(/'datapoints', 'pairing', 'responses', 'labeler', 'scorer'/);
  });
});
