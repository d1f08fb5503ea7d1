/**
 * The boundary check of convergence results read back from a file (`results.json` of a
 * shard, say): everything `mergeConvergenceResults` and `convergenceCsv` read, checked
 * against the results' own config and each metric's range, so a truncated, edited or
 * foreign file is refused with the path of the first bad field rather than turned into
 * numbers that look like a sweep's.
 * @internal
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { canonicalJson } from '../persistence/checksum.js';
import { labelerName } from '../simulation/labelerSpec.js';
import { sweepMetrics, type SweepMetric } from './convergenceMetrics.js';
import type { ConvergenceResults, NormalizedConvergenceConfig } from './convergenceTypes.js';
import { normaliseConvergenceConfig } from './normaliseConvergenceConfig.js';

const SUMMARY_FIELDS = ['n', 'mean', 'sd', 'ciLow', 'ciHigh', 'p2_5', 'p97_5'] as const;
// Welford's running mean may pass a range's end by a rounding error.
const MEAN_SLACK = 1e-9;
// How far (in widths of the metric's range) a 95% interval of the mean may reach from the mean.
const SPREAD_LIMIT = 13;

/**
 * The range of one run's value of `metric` in a cell of `n` datapoints: tau and rho
 * in [−1, 1]; precision and coverage in [0, 1]; the largest displacement in [0, n − 1];
 * the mean absolute rank error in [0, ⌊n²/2⌋ / n] (metrics/meanAbsoluteRankError.ts);
 * the ranking's responses in [0, budget × responses]; validation responses, which no
 * budget caps, in [0, 2^53 − 1].
 * @internal
 */
export function metricRange(metric: SweepMetric, cell: { readonly datapoints: number; readonly budget: number; readonly responses: number }): readonly [number, number] {
  const n = cell.datapoints;
  switch (metric) {
    case 'kendallTau':
    case 'spearmanRho':
      return [-1, 1];
    case 'topKPrecision':
    case 'coverage':
      return [0, 1];
    case 'maxRankDisplacement':
      return [0, n - 1];
    case 'meanAbsoluteRankError':
      return [0, Math.floor((n * n) / 2) / n];
    case 'rankingResponses':
      return [0, cell.budget * cell.responses];
    case 'validationResponses':
      return [0, Number.MAX_SAFE_INTEGER];
  }
}

/**
 * Checks that `value` is convergence results as `runConvergence` writes them: the format
 * and version; a generator name; a config that is a normalised config (normalising it
 * again changes nothing); a shard; the number of cells the config's grid has; and per
 * cell its parameters (values of the config's lists, the labeler named as the config
 * names it, the budget and top k the config implies, a trust weighting exactly when the
 * config has a trust dimension), ascending seed indices below
 * `config.seeds`, one value per seed of every metric (null or within the metric's
 * range) and summaries that agree with those values (run counts exact, means and
 * percentiles within the range, intervals around the mean). O(total runs + config).
 *
 * @throws {@link RankingInputError} at `${path}.…`, naming the first bad field.
 * @internal
 */
export function checkConvergenceResults(value: unknown, path: string): asserts value is ConvergenceResults {
  const object = requireObject(value, path, 'convergence results (a parsed results.json)');
  if (object['format'] !== 'pairwise-elo/convergence') {
    throw new RankingInputError(`${path}.format`, `must be "pairwise-elo/convergence": not the results of a convergence sweep, got ${describeValue(object['format'])}`);
  }
  if (object['version'] !== 2) throw new RankingInputError(`${path}.version`, `must be 2 (results of pairwise-elo 0.2 or later), got ${describeValue(object['version'])}`);
  const generator = object['generator'];
  if (typeof generator !== 'string' || generator.length === 0) {
    throw new RankingInputError(`${path}.generator`, `must be the name of the library that ran the sweep, got ${describeValue(generator)}`);
  }
  const config = checkConfig(object['config'], `${path}.config`);
  checkShard(object['shard'], `${path}.shard`);
  const total = gridSize(config);
  if (object['totalCells'] !== total) {
    throw new RankingInputError(`${path}.totalCells`, `must be ${total}, the cells of the config's grid, got ${describeValue(object['totalCells'])}`);
  }
  const cells = object['cells'];
  if (!Array.isArray(cells)) throw new RankingInputError(`${path}.cells`, `must be an array, got ${describeValue(cells)}`);
  cells.forEach((cell: unknown, c) => checkCell(cell, `${path}.cells[${c}]`, config, total));
}

function requireObject(value: unknown, path: string, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RankingInputError(path, `must be ${what}, got ${describeValue(value)}`);
  }
  return value as Record<string, unknown>;
}

// A normalised config normalises to itself; anything else is not what a sweep wrote.
function checkConfig(value: unknown, path: string): NormalizedConvergenceConfig {
  const object = requireObject(value, path, 'the normalised config of a sweep');
  // Null marks "not given" in a normalised config (budgets or perDatapoint, topK).
  const given = Object.fromEntries(Object.entries(object).filter(([, field]) => field !== null));
  let normalised: NormalizedConvergenceConfig;
  try {
    normalised = normaliseConvergenceConfig(given);
  } catch (error) {
    if (error instanceof RankingInputError && error.path.startsWith('config')) {
      throw new RankingInputError(`${path}${error.path.slice('config'.length)}`, error.message.slice(error.path.length + 2));
    }
    throw error;
  }
  if (canonicalJson(normalised) !== canonicalJson(object)) {
    throw new RankingInputError(path, 'is not a normalised convergence config: normalising it again changes it (an edited file?)');
  }
  return normalised;
}

function checkShard(value: unknown, path: string): void {
  if (value === null) return;
  const object = requireObject(value, path, 'null or a shard { index, count }');
  const { index, count } = object;
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1) {
    throw new RankingInputError(`${path}.count`, `must be a positive integer, got ${describeValue(count)}`);
  }
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count) {
    throw new RankingInputError(`${path}.index`, `must be an integer in [0, ${count}), got ${describeValue(index)}`);
  }
}

// The budgets of a datapoint count, as the grid lists them (convergenceCells.ts).
function budgetsOf(config: NormalizedConvergenceConfig, datapoints: number): number[] {
  return [...new Set(config.budgets ?? config.perDatapoint!.map((share) => Math.max(1, Math.round(share * datapoints))))];
}

function gridSize(config: NormalizedConvergenceConfig): number {
  const strategies = config.pairings.reduce((sum, pairing) => sum + (pairing === 'roundRobin' ? 1 : config.randomRatios.length), 0);
  const perBudget = strategies * config.responses.length * config.labelers.length * config.scorers.length * (config.trust?.length ?? 1);
  return config.datapoints.reduce((sum, datapoints) => sum + budgetsOf(config, datapoints).length * perBudget, 0);
}

function checkCell(value: unknown, path: string, config: NormalizedConvergenceConfig, total: number): void {
  const cell = requireObject(value, path, 'a cell of convergence results');
  const field = (name: string): unknown => cell[name];
  const oneOf = (name: string, allowed: readonly unknown[]): unknown => {
    const fieldValue = field(name);
    if (!allowed.includes(fieldValue)) {
      throw new RankingInputError(`${path}.${name}`, `must be one of the config's ${allowed.map((item) => describeValue(item)).join(', ')}, got ${describeValue(fieldValue)}`);
    }
    return fieldValue;
  };
  const index = field('cell');
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= total) {
    throw new RankingInputError(`${path}.cell`, `must be an integer in [0, ${total}), got ${describeValue(index)}`);
  }
  const datapoints = oneOf('datapoints', config.datapoints) as number;
  const budget = oneOf('budget', budgetsOf(config, datapoints)) as number;
  const responses = oneOf('responses', config.responses) as number;
  if (field('perDatapoint') !== budget / datapoints) {
    throw new RankingInputError(`${path}.perDatapoint`, `must be budget / datapoints, ${budget / datapoints}, got ${describeValue(field('perDatapoint'))}`);
  }
  const pairing = oneOf('pairing', config.pairings);
  oneOf('randomRatio', pairing === 'roundRobin' ? [null] : config.randomRatios);
  const labelerIndex = oneOf('labelerIndex', config.labelers.map((_, i) => i)) as number;
  oneOf('labeler', [labelerName(config.labelers[labelerIndex]!)]);
  oneOf('scorer', config.scorers);
  if (config.trust !== undefined) oneOf('trust', config.trust);
  else if (Object.hasOwn(cell, 'trust')) throw new RankingInputError(`${path}.trust`, 'must be absent: the config has no trust dimension');
  oneOf('topK', [config.topK ?? Math.min(10, Math.max(1, Math.floor(datapoints / 4)))]);
  const seeds = field('seeds');
  if (!Array.isArray(seeds)) throw new RankingInputError(`${path}.seeds`, `must be an ascending array of seed indices, got ${describeValue(seeds)}`);
  let previous = -1;
  seeds.forEach((seed: unknown, k) => {
    if (typeof seed !== 'number' || !Number.isInteger(seed) || seed <= previous || seed >= config.seeds) {
      throw new RankingInputError(`${path}.seeds[${k}]`, `must be a seed index in (${previous}, ${config.seeds}): ascending, below config.seeds, got ${describeValue(seed)}`);
    }
    previous = seed;
  });
  if (field('runs') !== seeds.length) throw new RankingInputError(`${path}.runs`, `must be ${seeds.length}, the number of seeds, got ${describeValue(field('runs'))}`);
  const values = requireObject(field('values'), `${path}.values`, 'the runs\u2019 values by metric');
  const metrics = requireObject(field('metrics'), `${path}.metrics`, 'the summaries by metric');
  for (const metric of sweepMetrics(config)) {
    const range = metricRange(metric, { datapoints, budget, responses });
    const defined = checkValues(values[metric], `${path}.values.${metric}`, seeds.length, range);
    checkSummary(metrics[metric], `${path}.metrics.${metric}`, defined, range);
  }
}

// The run values of one metric; returns how many are defined (not null).
function checkValues(value: unknown, path: string, runs: number, [low, high]: readonly [number, number]): number {
  if (!Array.isArray(value) || value.length !== runs) {
    throw new RankingInputError(path, `must hold one number (or null) per seed, ${runs} in all, got ${describeValue(value)}`);
  }
  let defined = 0;
  value.forEach((run: unknown, k) => {
    if (run === null) return;
    if (typeof run !== 'number' || !(run >= low && run <= high)) {
      throw new RankingInputError(`${path}[${k}]`, `must be null or a number in [${low}, ${high}], the metric's range, got ${describeValue(run)}`);
    }
    defined++;
  });
  return defined;
}

// A metric's summary, as summariseCell computes it from values of which `defined` are numbers.
function checkSummary(value: unknown, path: string, defined: number, [low, high]: readonly [number, number]): void {
  const summary = requireObject(value, path, 'a metric summary { n, mean, sd, ciLow, ciHigh, p2_5, p97_5 }');
  const slack = MEAN_SLACK * (high - low);
  const within = (name: string, from: number, to: number): number => {
    const number = summary[name];
    if (typeof number !== 'number' || !(number >= from && number <= to)) {
      throw new RankingInputError(`${path}.${name}`, `must be a number in [${from}, ${to}], got ${describeValue(number)}`);
    }
    return number;
  };
  if (summary['n'] !== defined) throw new RankingInputError(`${path}.n`, `must be ${defined}, the runs with a value, got ${describeValue(summary['n'])}`);
  // What summarizeRuns leaves null: everything at n = 0, the spread and interval at n = 1.
  const nullFields = SUMMARY_FIELDS.filter((name) => name !== 'n' && (defined === 0 || (defined === 1 && (name === 'sd' || name === 'ciLow' || name === 'ciHigh'))));
  for (const name of nullFields) {
    if (summary[name] !== null) throw new RankingInputError(`${path}.${name}`, `must be null with ${defined} run(s) with a value, got ${describeValue(summary[name])}`);
  }
  if (defined === 0) return;
  const lower = within('p2_5', low, high);
  within('p97_5', lower, high);
  const mean = within('mean', low - slack, high + slack);
  if (defined === 1) return;
  // Values within a range of width w have an sd of at most w, and the interval's half-width
  // (t·sd/√n, t ≤ 12.71) stays below 13 w.
  const width = high - low;
  within('sd', 0, width);
  within('ciLow', mean - SPREAD_LIMIT * width, mean);
  within('ciHigh', mean, mean + SPREAD_LIMIT * width);
}
