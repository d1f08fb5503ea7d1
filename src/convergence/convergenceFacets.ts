/**
 * Small multiples for a convergence sweep: which of its dimensions become panels, which
 * stay lines within a panel, and the words for both.
 *
 * Small multiples after E. R. Tufte, "Envisioning Information", Graphics Press, 1990,
 * ch. 4: the same axes repeated, one panel per slice of the data, so the eye compares
 * panels instead of untangling one crowded plot. The rule when the caller does not
 * choose the slices:
 * 1. Every datapoint count gets its own panels: how fast a ranking converges depends on it.
 * 2. While some panel would hold more than {@link MAX_LINES_PER_PANEL} lines, the panels
 *    are split further by the dimension with the most values among labeler, scorer,
 *    responses, trust and pairing mode; ties go in that order. Trust and pairing come
 *    last because comparing trust weightings and pairing strategies is what the chart is
 *    for, so they stay side by side.
 * 3. A split that would leave every panel with a single line is not made (one line per
 *    panel compares nothing); nor is a split by a dimension with one value.
 * The random ratio is never a panel: it is the knob the lines compare.
 * @internal
 * @module
 */
import type { Pairing } from '../definition/types.js';
import type { ConvergenceCell, ConvergenceResults } from './convergenceTypes.js';
import { SCORER_NAMES, pairingName, responsesText, trustName } from './strategyLabel.js';

/** The dimensions a convergence chart can split into panels, in the order lines name them. @internal */
export const FACET_DIMENSIONS = ['datapoints', 'pairing', 'responses', 'labeler', 'scorer', 'trust'] as const;

/** One dimension a convergence chart can split into panels. @internal */
export type FacetDimension = (typeof FACET_DIMENSIONS)[number];

/** The most lines the automatic rule leaves in one panel (six colours stay easy to tell apart). @internal */
export const MAX_LINES_PER_PANEL = 6;

/** The dimensions the automatic rule may split by, in tie-break order. */
const SPLIT_ORDER = ['labeler', 'scorer', 'responses', 'trust', 'pairing'] as const;

const PAIRING_NAMES: Record<Pairing, string> = {
  adaptive: 'adaptive pairing',
  informationGain: 'information-gain pairing',
  sort: 'sort pairing',
  roundRobin: 'round robin',
};

/** One line of a panel: its legend label and its cells (one per budget). @internal */
export interface FacetLine {
  readonly label: string;
  readonly cells: readonly ConvergenceCell[];
}

/** One panel: its title, naming its value of every facet, and its lines. @internal */
export interface FacetPanel {
  readonly title: string;
  readonly lines: readonly FacetLine[];
}

/**
 * The facets the automatic rule picks (see the module comment): `'datapoints'` first,
 * then the dimensions split by, in the order they were picked. O(d × cells) for d ≤ 5 splits.
 * @internal
 */
export function automaticFacets(results: ConvergenceResults): FacetDimension[] {
  const facets: FacetDimension[] = ['datapoints'];
  let lines = mostLines(results, facets);
  while (lines > MAX_LINES_PER_PANEL) {
    let best: { dimension: FacetDimension; values: number; lines: number } | undefined;
    for (const dimension of SPLIT_ORDER) {
      if (facets.includes(dimension)) continue;
      const values = new Set(results.cells.map((cell) => facetValue(cell, dimension))).size;
      if (values < 2 || (best !== undefined && values <= best.values)) continue;
      const after = mostLines(results, [...facets, dimension]);
      if (after >= 2) best = { dimension, values, lines: after };
    }
    if (best === undefined) break;
    facets.push(best.dimension);
    lines = best.lines;
  }
  return facets;
}

/**
 * The cells of `results` as panels split by `facets` (outer first) and, within each,
 * lines: one per combination of the dimensions that vary and are not facets (the
 * random ratio always among them). Panels are in the config's order of each facet's
 * values, lines in order of their first cell, and labels are the same in every panel
 * for the same strategy, so a line keeps its colour across panels. O(cells).
 * @internal
 */
export function facetPanels(results: ConvergenceResults, facets: readonly FacetDimension[]): FacetPanel[] {
  const describe = lineLabeller(results, facets);
  const panels = new Map<string, { rank: number[]; title: string; lines: Map<string, ConvergenceCell[]> }>();
  for (const cell of results.cells) {
    const rank = facets.map((dimension) => valueRank(results, cell, dimension));
    const key = rank.join(',');
    let panel = panels.get(key);
    if (panel === undefined) {
      const title = facets.length === 0 ? 'all cells' : facets.map((dimension) => facetTitle(cell, dimension, results.config)).join(' · ');
      panel = { rank, title, lines: new Map() };
      panels.set(key, panel);
    }
    const label = describe(cell);
    const cells = panel.lines.get(label) ?? [];
    cells.push(cell);
    panel.lines.set(label, cells);
  }
  return [...panels.values()]
    .sort((a, b) => compareRanks(a.rank, b.rank))
    .map((panel) => ({ title: panel.title, lines: [...panel.lines].map(([label, cells]) => ({ label, cells })) }));
}

// The largest number of lines any panel gets with these facets.
function mostLines(results: ConvergenceResults, facets: readonly FacetDimension[]): number {
  // A loop, not Math.max(...): a sweep may have more panels than a call has room for arguments.
  return facetPanels(results, facets).reduce((most, panel) => Math.max(most, panel.lines.length), 0);
}

// A cell's value of a dimension, as a key.
function facetValue(cell: ConvergenceCell, dimension: FacetDimension): string | number {
  switch (dimension) {
    case 'datapoints': return cell.datapoints;
    case 'pairing': return cell.pairing;
    case 'responses': return cell.responses;
    case 'labeler': return cell.labelerIndex;
    case 'scorer': return cell.scorer;
    case 'trust': return cell.trust ?? 'none';
  }
}

// Where a cell's value sits in the config's list, so panels follow the order the sweep was given in.
function valueRank(results: ConvergenceResults, cell: ConvergenceCell, dimension: FacetDimension): number {
  const { config } = results;
  switch (dimension) {
    case 'datapoints': return config.datapoints.indexOf(cell.datapoints);
    case 'pairing': return config.pairings.indexOf(cell.pairing);
    case 'responses': return config.responses.indexOf(cell.responses);
    case 'labeler': return cell.labelerIndex;
    case 'scorer': return config.scorers.indexOf(cell.scorer);
    case 'trust': return config.trust?.indexOf(cell.trust!) ?? 0;
  }
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return 0;
}

// A facet's value in a panel title: short, since three panels share a row.
function facetTitle(cell: ConvergenceCell, dimension: FacetDimension, config: ConvergenceResults['config']): string {
  switch (dimension) {
    case 'datapoints': return `${cell.datapoints} datapoints`;
    case 'pairing': return PAIRING_NAMES[cell.pairing];
    case 'responses': return responsesText(cell.responses);
    case 'labeler': return `labeler ${cell.labeler}`;
    case 'scorer': return `${SCORER_NAMES[cell.scorer]} scores`;
    case 'trust': return trustName(cell.trust ?? 'none', config);
  }
}

/**
 * A function from a cell to its line's label: the dimensions that vary and are not
 * facets, in the order of {@link FACET_DIMENSIONS}, joined by " · ". When pairing is a
 * facet the line names only the random ratio; when nothing varies it names the pairing.
 */
function lineLabeller(results: ConvergenceResults, facets: readonly FacetDimension[]): (cell: ConvergenceCell) => string {
  const varies = (values: (string | number | null)[]) => new Set(values).size > 1;
  const { cells } = results;
  const shown = (dimension: FacetDimension) => !facets.includes(dimension) && varies(cells.map((cell) => facetValue(cell, dimension)));
  const datapoints = shown('datapoints');
  const ratioOnly = facets.includes('pairing');
  const pairing = ratioOnly
    ? varies(cells.filter((cell) => cell.randomRatio !== null).map((cell) => cell.randomRatio))
    : varies(cells.map((cell) => `${cell.pairing} ${cell.randomRatio}`));
  const responses = shown('responses');
  const labeler = shown('labeler');
  const scorer = shown('scorer');
  const trust = shown('trust');
  return (cell) => {
    const parts: string[] = [];
    if (datapoints) parts.push(`${cell.datapoints} datapoints`);
    if (pairing) parts.push(ratioOnly && cell.randomRatio !== null ? `random ratio ${cell.randomRatio}` : pairingName(cell.pairing, cell.randomRatio));
    if (responses) parts.push(responsesText(cell.responses));
    if (labeler) parts.push(cell.labeler);
    if (scorer) parts.push(SCORER_NAMES[cell.scorer]);
    if (trust) parts.push(trustName(cell.trust!, results.config));
    return parts.length === 0 ? pairingName(cell.pairing, cell.randomRatio) : parts.join(' · ');
  };
}

