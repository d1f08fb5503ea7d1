/**
 * The chart flags shared by `pairwise-elo convergence` and `pairwise-elo merge`: which
 * metric convergence.svg plots, its bands, and how it splits into panels.
 * @internal
 * @module
 */
import type { ConvergenceChartOptions } from '../convergence/convergenceChartSvg.js';
import { CONVERGENCE_METRICS, RESPONSE_METRICS } from '../convergence/convergenceMetrics.js';
import { FACET_DIMENSIONS } from '../convergence/convergenceFacets.js';
import { choiceFlag, listFlag } from './flags.js';
import { UsageError } from './terminal.js';

/** The chart flags as `parseArgs` options, to spread into a command's own. */
export const CHART_FLAG_OPTIONS = {
  metric: { type: 'string' },
  bands: { type: 'string' },
  facet: { type: 'string' },
} as const;

/** The chart flags' lines of a command's help text (the CLI tests check it names every metric). */
export const CHART_FLAGS_HELP = `Chart options (convergence.svg):
  --metric <name>         the metric on the y axis (default kendallTau): kendallTau,
                          spearmanRho, topKPrecision, maxRankDisplacement,
                          meanAbsoluteRankError, coverage; with --trust also
                          rankingResponses, validationResponses
  --bands <kind>          runs (where 95% of runs land; also 'on'), mean (95% confidence
                          interval of the mean), off (lines only) (default runs)
  --facet <list>          dimensions that split the chart into panels, outer first:
                          datapoints, pairing, responses, labeler, scorer, trust; or
                          none for a single panel (default auto: a panel per datapoint
                          count, split further by the labeler, scorer, responses, trust
                          or pairing with the most values while a panel would hold
                          more than 6 lines)`;

const BAND_FLAGS = ['on', 'runs', 'mean', 'off'] as const;

/**
 * The chart options given by the flags; none given is `{}`, the chart's defaults.
 * @throws {@link UsageError} naming the flag and its allowed values.
 */
export function chartOptionsFromFlags(values: { readonly metric?: string | undefined; readonly bands?: string | undefined; readonly facet?: string | undefined }): ConvergenceChartOptions {
  const options: ConvergenceChartOptions = {};
  if (values.metric !== undefined) options.metric = choiceFlag(values.metric, 'metric', [...CONVERGENCE_METRICS, ...RESPONSE_METRICS]);
  if (values.bands !== undefined) {
    const bands = choiceFlag(values.bands, 'bands', BAND_FLAGS);
    options.band = bands === 'on' ? 'runs' : bands === 'off' ? 'none' : bands;
  }
  if (values.facet !== undefined && values.facet !== 'auto') options.facetBy = facetFlag(values.facet);
  return options;
}

function facetFlag(text: string): ConvergenceChartOptions['facetBy'] {
  if (text === 'none') return [];
  return listFlag(text, 'facet', (entry) => {
    const facet = FACET_DIMENSIONS.find((name) => name === entry);
    if (facet === undefined) throw new UsageError(`--facet must be auto, none, or a comma-separated list of ${FACET_DIMENSIONS.join(', ')}; got '${text}'`);
    return facet;
  });
}
