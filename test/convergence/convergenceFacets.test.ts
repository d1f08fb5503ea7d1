import { describe, expect, it } from 'vitest';
import type { ConvergenceCell, ConvergenceResults } from '../../src/convergence/convergenceTypes.js';
import type { Pairing } from '../../src/definition/types.js';
import type { Scorer } from '../../src/job/types.js';
import { MAX_LINES_PER_PANEL, automaticFacets, facetPanels } from '../../src/convergence/convergenceFacets.js';

interface Grid {
  datapoints?: number[];
  pairings?: Pairing[];
  randomRatios?: number[];
  responses?: number[];
  labelers?: string[];
  scorers?: Scorer[];
}

/**
 * A sweep's results with only what faceting reads: the config's lists and one cell per
 * combination (two budgets each), built in runConvergence's cell order.
 */
function gridResults(grid: Grid): ConvergenceResults {
  const { datapoints = [6], pairings = ['adaptive'], randomRatios = [0.5], responses = [1], labelers = ['bradleyTerry'], scorers = ['posterior'] } = grid;
  const cells: Partial<ConvergenceCell>[] = [];
  for (const count of datapoints) {
    for (const perDatapoint of [1, 2]) {
      for (const pairing of pairings) {
        for (const randomRatio of pairing === 'roundRobin' ? [null] : randomRatios) {
          for (const response of responses) {
            labelers.forEach((labeler, labelerIndex) => {
              for (const scorer of scorers) {
                cells.push({ cell: cells.length, datapoints: count, perDatapoint, budget: perDatapoint * count, pairing, randomRatio, responses: response, labeler, labelerIndex, scorer });
              }
            });
          }
        }
      }
    }
  }
  const config = { datapoints, pairings, randomRatios, responses, labelers: labelers.map((name) => ({ model: 'bradleyTerry', name })), scorers };
  return { config, cells } as unknown as ConvergenceResults;
}

const titles = (results: ConvergenceResults, facets = automaticFacets(results)) => facetPanels(results, facets).map((panel) => panel.title);
const lineLabels = (results: ConvergenceResults, facets = automaticFacets(results)) =>
  facetPanels(results, facets).map((panel) => panel.lines.map((line) => line.label));

describe('automaticFacets', () => {
  it('keeps one panel per datapoint count while no panel holds more than 6 lines', () => {
    const results = gridResults({ datapoints: [6, 20], randomRatios: [0, 0.25, 0.5, 0.75, 1], pairings: ['adaptive', 'roundRobin'] });
    expect(automaticFacets(results)).toEqual(['datapoints']);
    expect(titles(results)).toEqual(['6 datapoints', '20 datapoints']);
    expect(lineLabels(results)[0]).toEqual(['random ratio 0', 'random ratio 0.25', 'random ratio 0.5', 'random ratio 0.75', 'random ratio 1', 'round robin']);
  });

  it('splits 5 ratios × 2 pairings × 3 labelers (18 lines) by labeler, which has more values than the pairing modes', () => {
    const results = gridResults({ randomRatios: [0, 0.25, 0.5, 0.75, 1], pairings: ['adaptive', 'roundRobin'], labelers: ['bradleyTerry', 'thurstone', 'crowd'] });
    expect(automaticFacets(results)).toEqual(['datapoints', 'labeler']);
    expect(titles(results)).toEqual(['6 datapoints · labeler bradleyTerry', '6 datapoints · labeler thurstone', '6 datapoints · labeler crowd']);
    for (const labels of lineLabels(results)) expect(labels).toHaveLength(6);
  });

  it('splits by the dimension with the most values: 4 responses before 3 labelers', () => {
    const results = gridResults({ randomRatios: [0, 1], responses: [1, 2, 3, 4], labelers: ['a', 'b', 'c'] });
    expect(automaticFacets(results)).toEqual(['datapoints', 'responses']);
    expect(titles(results)).toEqual(['6 datapoints · 1 response', '6 datapoints · 2 responses', '6 datapoints · 3 responses', '6 datapoints · 4 responses']);
    expect(lineLabels(results)[0]).toEqual(['random ratio 0 · a', 'random ratio 0 · b', 'random ratio 0 · c', 'random ratio 1 · a', 'random ratio 1 · b', 'random ratio 1 · c']);
  });

  it('breaks ties in the order labeler, scorer, responses, pairing', () => {
    // 16 lines: labeler leaves 8, scorer then 4; responses is never needed.
    const results = gridResults({ randomRatios: [0, 1], labelers: ['a', 'b'], scorers: ['posterior', 'elo'], responses: [1, 3] });
    expect(automaticFacets(results)).toEqual(['datapoints', 'labeler', 'scorer']);
    expect(lineLabels(results)[0]).toEqual(['random ratio 0 · 1 response', 'random ratio 0 · 3 responses', 'random ratio 1 · 1 response', 'random ratio 1 · 3 responses']);
    const more = gridResults({ randomRatios: [0, 0.5, 1], pairings: ['adaptive', 'sort'], scorers: ['posterior', 'elo'], responses: [1, 3] });
    // 24 lines: scorer, then responses (6 lines), both ahead of pairing.
    expect(automaticFacets(more)).toEqual(['datapoints', 'scorer', 'responses']);
    expect(Math.max(...lineLabels(more).map((labels) => labels.length))).toBeLessThanOrEqual(MAX_LINES_PER_PANEL);
    expect(lineLabels(more)[0]).toEqual(['random ratio 0', 'random ratio 0.5', 'random ratio 1', 'sort, random ratio 0', 'sort, random ratio 0.5', 'sort, random ratio 1']);
  });

  it('never splits the lines down to one per panel: 8 labelers stay together', () => {
    const results = gridResults({ labelers: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] });
    expect(automaticFacets(results)).toEqual(['datapoints']);
    expect(lineLabels(results)).toEqual([['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']]);
    // 8 ratios leave nothing to split by.
    expect(automaticFacets(gridResults({ randomRatios: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7] }))).toEqual(['datapoints']);
  });

  it('splits by more than one dimension when one is not enough', () => {
    const results = gridResults({ randomRatios: [0, 0.5, 1], labelers: ['a', 'b', 'c'], scorers: ['posterior', 'elo', 'bradleyTerry'] });
    expect(automaticFacets(results)).toEqual(['datapoints', 'labeler', 'scorer']);
    expect(titles(results)[0]).toBe('6 datapoints · labeler a · posterior scores');
    expect(titles(results)).toHaveLength(9);
    for (const labels of lineLabels(results)) expect(labels).toEqual(['random ratio 0', 'random ratio 0.5', 'random ratio 1']);
  });
});

describe('facetPanels', () => {
  const results = gridResults({ datapoints: [6, 20], randomRatios: [0, 1], pairings: ['adaptive', 'roundRobin'], labelers: ['a', 'b'] });

  it('orders panels by the config order of each facet, outer first, and titles them with every facet value', () => {
    expect(titles(results, ['labeler', 'datapoints'])).toEqual(['labeler a · 6 datapoints', 'labeler a · 20 datapoints', 'labeler b · 6 datapoints', 'labeler b · 20 datapoints']);
  });

  it('names only the random ratio on lines when pairing is a facet', () => {
    const panels = facetPanels(results, ['datapoints', 'pairing']);
    expect(panels.map((panel) => panel.title)).toEqual(['6 datapoints · adaptive pairing', '6 datapoints · round robin', '20 datapoints · adaptive pairing', '20 datapoints · round robin']);
    expect(panels[0]!.lines.map((line) => line.label)).toEqual(['random ratio 0 · a', 'random ratio 0 · b', 'random ratio 1 · a', 'random ratio 1 · b']);
    expect(panels[1]!.lines.map((line) => line.label)).toEqual(['round robin · a', 'round robin · b']);
  });

  it('puts the datapoint count in the line label when it is not a facet, and draws one panel for no facets', () => {
    const panels = facetPanels(results, []);
    expect(panels.map((panel) => panel.title)).toEqual(['all cells']);
    expect(panels[0]!.lines).toHaveLength(12);
    expect(panels[0]!.lines[0]!.label).toBe('6 datapoints · random ratio 0 · a');
  });

  it('gives every line its cells, one per budget, and every cell to exactly one line', () => {
    const panels = facetPanels(results, ['datapoints']);
    const cells = panels.flatMap((panel) => panel.lines.flatMap((line) => line.cells.map((cell) => cell.cell)));
    expect(cells.sort((a, b) => a - b)).toEqual(results.cells.map((cell) => cell.cell));
    for (const panel of panels) for (const line of panel.lines) expect(line.cells.map((cell) => cell.perDatapoint)).toEqual([1, 2]);
  });

  it('names the pairing when nothing varies', () => {
    expect(lineLabels(gridResults({}))).toEqual([['random ratio 0.5']]);
    expect(lineLabels(gridResults({ pairings: ['roundRobin'] }), ['datapoints', 'pairing'])).toEqual([['round robin']]);
  });
});
