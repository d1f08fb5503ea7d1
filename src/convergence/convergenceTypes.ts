/**
 * The shape of a convergence sweep: its config, and the plain JSON-safe results.
 * @module
 */
import type { EloOptions, EloParameters, Pairing } from '../definition/types.js';
import type { Scorer, ScorerName } from '../job/types.js';
import type { ConvergenceMetric, ResponseMetric } from './convergenceMetrics.js';
import type { LabelerPresetName, LabelerSpec } from '../simulation/labelerSpec.js';
import type { ResolvedTrueScoreOptions, TrueScoreOptions } from '../simulation/generateTrueScores.js';

/**
 * How a sweep's cell weighs its labelers' responses:
 * - `'none'`: every response weight 1;
 * - `'consensus'`: each labeler's responses weighted by its trust
 *   (`results({ labelerWeights: 'trust' })`), estimated from agreement with the
 *   consensus alone (the job has no validation matchups; the same jobs as `'none'`);
 * - `'validation'`: the job also mixes in validation matchups drawn from the truth (at
 *   the config's `validationRate`; see `validationMatchupsFromTruth`), and trust comes
 *   from the consensus and the validation answers.
 * Trust tells labelers apart only when the labeler names them (a named crowd).
 */
export type ConvergenceTrust = 'none' | 'consensus' | 'validation';

/** Progress of a running sweep, reported after every finished batch of runs. */
export interface ConvergenceProgress {
  /** Simulated jobs finished so far. */
  readonly completedRuns: number;
  /** Simulated jobs in the sweep (this shard's part of it). */
  readonly totalRuns: number;
}

/**
 * Which part of a sweep to run. The sweep's runs (cell c, seed index s) are numbered
 * u = c × seeds + s, and run u belongs to shard `u mod count`, so every shard gets an
 * even share of every cell, however few cells there are.
 */
export interface ConvergenceShard {
  /** This shard, an integer in [0, count). */
  readonly index: number;
  /** How many shards the sweep is split into, a positive integer. */
  readonly count: number;
}

/**
 * What `runConvergence` sweeps. Every list is one dimension of the grid; the sweep runs
 * `seeds` simulated jobs for every combination (a cell).
 */
export interface ConvergenceConfig {
  /** Datapoint counts, each an integer in [2, 1 000 000]. */
  datapoints: readonly number[];
  /** Budgets per ranking (matchups). Give this or `perDatapoint`, not both. */
  budgets?: readonly number[] | undefined;
  /**
   * Budgets as comparisons per datapoint: budget = max(1, round(perDatapoint × datapoints)).
   * Each datapoint then takes part in about 2 × perDatapoint matchups. Positive, finite.
   * @defaultValue [1, 2, 4, 8, 16, 32] when `budgets` is not given
   */
  perDatapoint?: readonly number[] | undefined;
  /** Random ratios of adaptive, information-gain and sort pairing, each in [0, 1]. @defaultValue [0.5] */
  randomRatios?: readonly number[] | undefined;
  /** Pairing modes; `roundRobin` ignores the random ratio, so it makes one cell per ratio list. @defaultValue ['adaptive'] */
  pairings?: readonly Pairing[] | undefined;
  /** Responses per comparison, each a positive integer. @defaultValue [1] */
  responses?: readonly number[] | undefined;
  /** Labeler models (specs or preset names). @defaultValue ['bradleyTerry'] */
  labelers?: readonly (LabelerSpec | LabelerPresetName)[] | undefined;
  /**
   * How each finished job is scored (`job.results({ scorer })`): its posterior, a
   * Bradley–Terry fit of its responses, or its Elo ratings. All score the same
   * simulated job, so they compare at equal budgets; `'bt'` is accepted for
   * `'bradleyTerry'`. @defaultValue ['posterior']
   */
  scorers?: readonly ScorerName[] | undefined;
  /**
   * Trust weighting (see {@link ConvergenceTrust}): one cell per value, all scoring jobs
   * of the same truths. A sweep with this dimension also measures the responses each run
   * used (`RESPONSE_METRICS`). `'consensus'` and `'validation'` need a scorer that weighs
   * responses (not `'elo'`).
   * @defaultValue none: every response weight 1, and results shaped as before the dimension existed
   */
  trust?: readonly ConvergenceTrust[] | undefined;
  /**
   * Share of issued matchups that are validation matchups in `'validation'` cells, in
   * (0, 1); only with `'validation'` in `trust`. Each run draws its validation set from
   * its own truth: up to 100 pairs whose true scores differ by at least 400 Elo points.
   * @defaultValue 0.05
   */
  validationRate?: number | undefined;
  /** How the hidden true scores are drawn. @defaultValue normal, spread 200, centred on the initial rating */
  trueScores?: TrueScoreOptions | undefined;
  /** Elo parameters of the simulated jobs. @defaultValue the library's defaults */
  elo?: EloOptions | undefined;
  /** Matchups out with labelers at once (see `simulateRankingJob`). @defaultValue 1 */
  inFlight?: number | undefined;
  /** The k of top-k precision. @defaultValue min(10, max(1, ⌊datapoints / 4⌋)) per cell */
  topK?: number | undefined;
  /** Simulated jobs per cell: an integer in [2, 1 000 000]. */
  seeds: number;
  /** Master seed; every run's seeds derive from it and the cell. @defaultValue 1 */
  seed?: string | number | undefined;
  /**
   * Worker processes under Node (elsewhere the calling thread). 1 runs in the calling thread.
   * @defaultValue os.availableParallelism(), or 1 for sweeps under 200 000 answers in all
   */
  workers?: number | undefined;
  /** Run only this shard's cells. @defaultValue the whole sweep */
  shard?: ConvergenceShard | undefined;
  /** Called after every finished batch of runs. */
  onProgress?: ((progress: ConvergenceProgress) => void) | undefined;
}

/**
 * A {@link ConvergenceConfig} with every default filled in and the run-time fields
 * (workers, shard, onProgress) removed: what determines the numbers. JSON-safe.
 */
export interface NormalizedConvergenceConfig {
  /** Datapoint counts, as given: distinct integers in [2, 1 000 000]. */
  readonly datapoints: readonly number[];
  /** Budgets per ranking (matchups), as given: distinct integers in [1, 2^40]; null when `perDatapoint` sets them. */
  readonly budgets: readonly number[] | null;
  /**
   * Comparisons per datapoint, as given or the default [1, 2, 4, 8, 16, 32]: distinct,
   * each in (0, 2^40 / 1 000 000]; null when `budgets` is given.
   */
  readonly perDatapoint: readonly number[] | null;
  /** Random ratios, as given or the default [0.5]: distinct, each in [0, 1]. */
  readonly randomRatios: readonly number[];
  /** Pairing modes, as given or the default ['adaptive']: distinct. */
  readonly pairings: readonly Pairing[];
  /** Responses per comparison, as given or the default [1]: distinct positive integers. */
  readonly responses: readonly number[];
  /**
   * Labeler specs, as given or the default [the `bradleyTerry` preset]: checked copies,
   * preset names replaced by their specs, names distinct.
   */
  readonly labelers: readonly LabelerSpec[];
  /** Scorers, as given (`'bt'` read as `'bradleyTerry'`) or the default ['posterior']: distinct. */
  readonly scorers: readonly Scorer[];
  /** Trust weightings, as given: distinct. Absent when not given, so such results keep their shape. */
  readonly trust?: readonly ConvergenceTrust[];
  /** Validation rate of `'validation'` cells, as given or the default 0.05; present only when `trust` lists `'validation'`. */
  readonly validationRate?: number;
  /** How the hidden true scores are drawn, every default filled in (`center` defaults to `elo.initialRating`). */
  readonly trueScores: ResolvedTrueScoreOptions;
  /** Elo parameters of the simulated jobs, as given or the library's defaults (1200, 40, 400). */
  readonly elo: EloParameters;
  /** Matchups out with labelers at once: an integer in [1, 65 536], as given or the default 1. */
  readonly inFlight: number;
  /**
   * The k of top-k precision, as given (an integer up to the smallest datapoint count), or
   * null: min(10, max(1, ⌊datapoints / 4⌋)) per cell.
   */
  readonly topK: number | null;
  /** Simulated jobs per cell, as given: an integer in [2, 1 000 000]. */
  readonly seeds: number;
  /** Master seed as a string: the given seed (a number converted with `String`), or the default '1'. */
  readonly seed: string;
}

/** One combination of the sweep's dimensions. */
export interface ConvergenceCellKey {
  /** Position of the cell in the full sweep (all shards). */
  readonly cell: number;
  /** Datapoints in the cell's simulated ranking: one of the config's `datapoints`. */
  readonly datapoints: number;
  /** Matchups per ranking. */
  readonly budget: number;
  /** budget / datapoints: comparisons per datapoint. */
  readonly perDatapoint: number;
  /** How the cell's jobs choose their matchups. */
  readonly pairing: Pairing;
  /** The random ratio, or null for round-robin pairing, which has none. */
  readonly randomRatio: number | null;
  /** Responses per comparison of the cell's jobs: a positive integer. */
  readonly responses: number;
  /** The labeler's name (its spec's `name`, else its model). */
  readonly labeler: string;
  /** Index of the labeler in the config's `labelers`. */
  readonly labelerIndex: number;
  /** How the runs' rankings were scored. */
  readonly scorer: Scorer;
  /** How the runs' responses were weighted; present only when the config has `trust`. */
  readonly trust?: ConvergenceTrust;
}

/** Summary of one metric over a cell's runs. */
export interface MetricSummary {
  /** Runs where the metric was defined (tau and rho are undefined when all scores are equal). */
  readonly n: number;
  /** Mean over those runs; null when n = 0. */
  readonly mean: number | null;
  /** Sample standard deviation (n − 1); null when n < 2. */
  readonly sd: number | null;
  /** Lower end of the 95% confidence interval of the mean (Student's t); null when n < 2. */
  readonly ciLow: number | null;
  /** Upper end of the 95% confidence interval of the mean (Student's t); null when n < 2. */
  readonly ciHigh: number | null;
  /**
   * 2.5th percentile of single runs (type 7, interpolated): with `p97_5`, where 95% of
   * jobs land. Null when n = 0.
   */
  readonly p2_5: number | null;
  /** 97.5th percentile of single runs (type 7, interpolated). Null when n = 0. */
  readonly p97_5: number | null;
}

/** One cell of a finished sweep (or of a shard's part of it). */
export interface ConvergenceCell extends ConvergenceCellKey {
  /** Simulated jobs run: all `seeds` of the config, or a shard's share. */
  readonly runs: number;
  /** The seed indices run, ascending. */
  readonly seeds: readonly number[];
  /**
   * Every run's value of every metric, aligned with `seeds` (null where the metric is
   * undefined): what `mergeConvergenceResults` joins shards from. The response metrics
   * only in sweeps with a trust dimension.
   */
  readonly values: Readonly<Record<ConvergenceMetric, readonly (number | null)[]>> & Readonly<Partial<Record<ResponseMetric, readonly (number | null)[]>>>;
  /** The top-k precision's k. */
  readonly topK: number;
  /** Every metric summarised over the cell's runs (mean, sd, interval of the mean, percentiles). */
  readonly metrics: Readonly<Record<ConvergenceMetric, MetricSummary>> & Readonly<Partial<Record<ResponseMetric, MetricSummary>>>;
}

/** What `runConvergence` returns and `results.json` holds. */
export interface ConvergenceResults {
  /** Always 'pairwise-elo/convergence': marks the object as a sweep's results. */
  readonly format: 'pairwise-elo/convergence';
  /** 2 since 0.2.0 (fields say `datapoints` and `perDatapoint`, 1 said `items` and `perItem`). */
  readonly version: 2;
  /**
   * The library that produced the numbers, e.g. "pairwise-elo@0.2.0". Shards merge only
   * when it is the same: another version may seed or simulate differently. (Node's Math
   * functions may also differ between Node versions; run shards on one.)
   */
  readonly generator: string;
  /** The normalised config the numbers came from; shards merge only when it is the same. */
  readonly config: NormalizedConvergenceConfig;
  /** The shard these runs are, or null for a whole (or merged) sweep. */
  readonly shard: ConvergenceShard | null;
  /** Cells in the whole sweep. */
  readonly totalCells: number;
  /** The cells this part has runs of, by cell index. */
  readonly cells: readonly ConvergenceCell[];
}
