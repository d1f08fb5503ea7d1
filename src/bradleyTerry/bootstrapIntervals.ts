/**
 * Bootstrap confidence intervals for Bradley–Terry scores, and the rank intervals they
 * imply, as on the Chatbot Arena leaderboard.
 *
 * Resampling is the nonparametric bootstrap over individual games (Efron, "Bootstrap
 * methods: another look at the jackknife", Ann. Statist. 7(1), 1979): each round draws
 * as many games as the data hold, uniformly with replacement, and refits. Intervals are
 * percentile intervals (Efron & Tibshirani, "An Introduction to the Bootstrap", 1993,
 * ch. 13) with type-7 sample quantiles (Hyndman & Fan, "Sample quantiles in statistical
 * packages", Amer. Statist. 50(4), 1996; the default of R, NumPy and pandas).
 *
 * When the weights are not whole numbers there is no count of games to draw from, and
 * drawing every game would dominate the cost above 2^20 games; then each round is a
 * Bayesian bootstrap (Rubin, "The Bayesian bootstrap", Ann. Statist. 9(1), 1981): the
 * cell of every (pair, side, outcome) with total weight c gets weight N·g/Σg with
 * g ~ Gamma(c, 1), a Dirichlet draw that gives whole-number data the same mean and,
 * up to a factor N/(N + 1), the same covariance as the multinomial. Gamma draws use
 * Marsaglia & Tsang, "A simple method for generating gamma variables", ACM Trans. Math.
 * Softw. 26(3), 2000 (with their boost U^(1/a) for shapes below 1).
 *
 * Rank intervals: Chiang et al., "Chatbot Arena: An Open Platform for Evaluating LLMs by
 * Human Preference", ICML 2024, arXiv:2403.04132, and lm-sys/FastChat,
 * fastchat/serve/monitor/monitor.py, `recompute_final_ranking` (see `rankBounds`).
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { createRng, isSeed } from '../rng/createRng.js';
import type { Rng } from '../rng/rng.js';
import { indexFromUniform } from '../rng/uniformDraws.js';
import { standardNormalDraw } from '../simulation/normalDistribution.js';
import { ownValue, requireOptionsObject } from '../validate.js';
import { rankBounds, requireConfidence } from './analyticIntervals.js';
import { ComparisonTable, ComparisonTableBuilder, comparisonTableData, type ComparisonTableData } from './comparisonTable.js';
import type { Comparison } from './comparisonTypes.js';
import {
  fitComparisonTable,
  resolveBradleyTerryOptions,
  type BradleyTerryFit,
  type BradleyTerryInternalOptions,
  type BradleyTerryOptions,
  type ResolvedBradleyTerryOptions,
} from './fitBradleyTerry.js';

/**
 * Options of {@link bootstrapIntervals}; every field is optional. The fit's options
 * (`positionEffect`, `scale`, `center`, `maxIterations`, `tolerance`) apply to the
 * full-data fit and to every round, as in `fitBradleyTerry`.
 */
export interface BootstrapOptions extends Omit<BradleyTerryOptions, 'covariance' | 'prior'> {
  /**
   * How many resamples to fit: an integer from 10 to 100 000. The Arena uses 1 000;
   * the interval ends move by a few percent of the width between runs with different
   * seeds at that count. Memory grows as 8 bytes × rounds × datapoints.
   * @defaultValue 1000
   */
  rounds?: number | undefined;
  /**
   * Seed of the resampling (any string or finite number): the same comparisons, options
   * and seed give the same result, to the last bit.
   * @defaultValue 1
   */
  seed?: string | number | undefined;
  /**
   * Coverage of each score interval, a number strictly between 0 and 1: the interval
   * runs from the (1 − confidence)/2 to the (1 + confidence)/2 quantile of the
   * bootstrap scores.
   * @defaultValue 0.95
   */
  confidence?: number | undefined;
  /**
   * Strength λ of the L2 penalty on the strengths, as in `fitBradleyTerry`, but it must
   * be > 0 here: a resample can leave a datapoint with only wins (or only losses), and
   * without a prior its score would be infinite in that round. The default 0.01 (a
   * normal prior with a standard deviation of about 1 737 Elo points) is negligible for
   * well-connected data.
   * @defaultValue 0.01
   */
  prior?: number | undefined;
}

/** The defaults of the bootstrap's own options, in one place (the fit's are `BRADLEY_TERRY_DEFAULTS`). */
export const BOOTSTRAP_DEFAULTS: { readonly rounds: number; readonly seed: number; readonly confidence: number } = Object.freeze({
  rounds: 1000,
  seed: 1,
  confidence: 0.95,
});

/** One datapoint of {@link BootstrapIntervals}. Scores are Elo points. */
export interface BootstrapEntry {
  readonly datapoint: string;
  /** The full-data fit's score. */
  readonly score: number;
  /** The median of the bootstrap scores. */
  readonly median: number;
  /** The (1 − confidence)/2 quantile of the bootstrap scores. */
  readonly lower: number;
  /** The (1 + confidence)/2 quantile of the bootstrap scores. */
  readonly upper: number;
  /**
   * The best place the datapoint could hold (1 = top): 1 + the number of datapoints
   * whose `lower` is above this one's `upper`. The Arena's "Rank (UB)".
   */
  readonly bestRank: number;
  /**
   * The worst place it could hold (n = bottom): n − the number of datapoints whose
   * `upper` is below this one's `lower`. Always ≥ `bestRank`.
   */
  readonly worstRank: number;
}

/** The position effect in {@link BootstrapIntervals}, Elo points. */
export interface BootstrapPositionEffect {
  /** The full-data fit's γ. */
  readonly score: number;
  readonly median: number;
  readonly lower: number;
  readonly upper: number;
}

/** The result of {@link bootstrapIntervals}: plain, JSON-safe data. */
export interface BootstrapIntervals {
  /** One entry per datapoint, in order of first appearance in the comparisons. */
  readonly entries: readonly BootstrapEntry[];
  /** The position effect's interval, or null when it was not fitted. */
  readonly positionEffect: BootstrapPositionEffect | null;
  readonly rounds: number;
  readonly confidence: number;
  readonly seed: string | number;
  /**
   * How the rounds were drawn: `'multinomial'` (games drawn with replacement) when every
   * weight is a whole number and there are at most 2^20 games, else `'bayesian'` (see
   * {@link bootstrapIntervals}).
   */
  readonly resampling: 'multinomial' | 'bayesian';
  /** Rounds whose fit stopped at `maxIterations` before reaching `tolerance`; normally 0. */
  readonly nonConvergedRounds: number;
  /** The full-data fit the rounds start from (with its standard errors). */
  readonly fit: BradleyTerryFit;
}

const ROUNDS_RANGE = [10, 100_000] as const;
const OWN_OPTIONS = ['rounds', 'seed', 'confidence'] as const;
const FIT_OPTIONS = ['prior', 'positionEffect', 'scale', 'center', 'maxIterations', 'tolerance'] as const;
// Above this many games, drawing each of them every round would cost more than the
// Bayesian bootstrap's one Gamma draw per cell, and the two are indistinguishable.
const MAX_RESAMPLED_GAMES = 2 ** 20;

// A unit's kind is group × 3 + outcome. Groups follow the table's columns: games whose
// side is unknown (pair counts), games with the pair's lower-numbered datapoint on the
// left, and games with the higher-numbered one on the left.
const UNSIDED = 0;
const LOW_LEFT = 1;
const HIGH_LEFT = 2;
const LOW_WINS = 0;
const HIGH_WINS = 1;
const DRAW = 2;

/**
 * Bootstrap confidence intervals for every Bradley–Terry score, with the rank interval
 * each implies, computed as on the Chatbot Arena leaderboard.
 *
 * The comparisons are fitted once; then each round resamples the games with
 * replacement (a record of weight w counts as w games, pair counts as aWins + bWins +
 * draws games, and a draw stays one drawn game) and refits, starting from the full-data
 * strengths. Every round's scores are centred like the fit's (mean = `center`), so an
 * interval describes a score relative to the mean. Each score interval is the
 * percentile interval of that datapoint's bootstrap scores; the rank interval follows
 * from all of them: `bestRank` = 1 + #{j : lower_j > upper_i} and `worstRank` =
 * n − #{j : upper_j < lower_i}.
 *
 * When a weight is not a whole number, or there are more than 2^20 games, the rounds
 * are Bayesian-bootstrap draws instead (continuous Dirichlet weights on the same cells;
 * see the module header); `resampling` says which was used. A {@link ComparisonTable}
 * keeps a draw as half a win for each side, so from a table the draws of each pair and
 * side are taken as few as its half-wins allow (0 or 1), the reading that gives the
 * widest intervals; pass the comparisons themselves to resample draws exactly.
 *
 * The prior must be > 0. In a round where no comparison record was drawn, the position
 * effect has no data and takes its prior value 0 (the other scores are then those of
 * the fit without it, exactly as the penalised fit with it would give).
 *
 * Deterministic: the same comparisons (in the same order), options and seed give the
 * same result, byte for byte as JSON.
 *
 * Cost: O(items) to read the comparisons and one full fit; then per round O(games +
 * cells + n) to resample (O(cells + n) for the Bayesian draws), with no allocation,
 * plus one warm-started fit without exact standard errors (typically 2–4 Newton steps of
 * O(pairs × conjugate-gradient iterations)); finally O(n · rounds · log rounds) for the
 * quantiles. Memory O(n · rounds + games + cells). 1 000 rounds on 100 datapoints and
 * 5 000 comparisons take 3–5 s on a shared 2-core machine, nine-tenths of it in the
 * refits.
 *
 * @param comparisons - Records `{ left, right, outcome, weight?, labelerId? }` and/or
 *   pair counts `{ a, b, aWins, bWins, draws? }` (any iterable, read once), or a
 *   {@link ComparisonTable} built earlier.
 * @param options - See {@link BootstrapOptions}.
 * @returns The intervals, entries in order of first appearance; the input is not modified.
 * @throws {@link RankingInputError} for a bad comparison (`comparisons[2].outcome`, …) or
 *   option (`options.rounds`, `options.confidence`, `options.seed`, unknown keys), when
 *   `options.prior` is 0, and wherever `fitBradleyTerry` throws (no comparisons, a
 *   position effect without records).
 * @example
 * ```ts
 * const result = bootstrapIntervals(
 *   [
 *     { a: 'x', b: 'y', aWins: 30, bWins: 10 },
 *     { a: 'y', b: 'z', aWins: 30, bWins: 10 },
 *   ],
 *   { rounds: 1000, seed: 'leaderboard' },
 * );
 * result.entries.map((entry) => [entry.datapoint, entry.bestRank, entry.worstRank]);
 * // [['x', 1, 1], ['y', 2, 2], ['z', 3, 3]]
 * ```
 */
export function bootstrapIntervals(comparisons: Iterable<Comparison> | ComparisonTable, options: BootstrapOptions = {}): BootstrapIntervals {
  const settings = resolveBootstrapOptions(options);
  const { table, units } = comparisons instanceof ComparisonTable ? { table: comparisons, units: unitsOfTable(comparisons) } : readComparisons(comparisons);
  const fit = fitComparisonTable(table, settings.fit);
  const n = fit.entries.length;
  const rounds = settings.rounds;

  const round = roundTable(fit.ids, units);
  const resample = resampler(units, createRng(settings.seed), round);
  const internal: BradleyTerryInternalOptions = {
    initialTheta: Float64Array.from(fit.entries, (entry) => entry.theta),
    exactStandardErrorsUpTo: 0,
    ...(fit.positionEffect === null ? {} : { initialPositionEffect: fit.positionEffect.theta }),
  };
  const withoutPositionEffect: ResolvedBradleyTerryOptions = { ...settings.fit, positionEffect: false };
  // Datapoint-major, so each datapoint's bootstrap scores are contiguous for sorting.
  const scores = new Float64Array(n * rounds);
  const gammas = settings.fit.positionEffect ? new Float64Array(rounds) : null;
  let nonConvergedRounds = 0;
  for (let r = 0; r < rounds; r++) {
    resample();
    const sidedWeight = fillRoundTable(units, round);
    const roundOptions = settings.fit.positionEffect && sidedWeight === 0 ? withoutPositionEffect : settings.fit;
    const roundFit = fitComparisonTable(round.table, roundOptions, internal);
    if (!roundFit.converged) nonConvergedRounds++;
    for (let i = 0; i < n; i++) scores[i * rounds + r] = roundFit.entries[i]!.score;
    if (gammas !== null) gammas[r] = roundFit.positionEffect?.score ?? 0;
  }

  const lowerProbability = (1 - settings.confidence) / 2;
  const upperProbability = 1 - lowerProbability;
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  const median = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const sample = scores.subarray(i * rounds, (i + 1) * rounds).sort();
    lower[i] = quantile(sample, lowerProbability);
    upper[i] = quantile(sample, upperProbability);
    median[i] = quantile(sample, 0.5);
  }
  const { best, worst } = rankBounds(lower, upper);
  let positionEffect: BootstrapPositionEffect | null = null;
  if (gammas !== null && fit.positionEffect !== null) {
    gammas.sort();
    positionEffect = {
      score: fit.positionEffect.score,
      median: quantile(gammas, 0.5),
      lower: quantile(gammas, lowerProbability),
      upper: quantile(gammas, upperProbability),
    };
  }
  return {
    entries: fit.entries.map((entry, i) => ({
      datapoint: entry.datapoint,
      score: entry.score,
      median: median[i]!,
      lower: lower[i]!,
      upper: upper[i]!,
      bestRank: best[i]!,
      worstRank: worst[i]!,
    })),
    positionEffect,
    rounds,
    confidence: settings.confidence,
    seed: settings.seed,
    resampling: round.drawn === null ? 'bayesian' : 'multinomial',
    nonConvergedRounds,
    fit,
  };
}

interface BootstrapSettings {
  readonly rounds: number;
  readonly seed: string | number;
  readonly confidence: number;
  readonly fit: ResolvedBradleyTerryOptions;
}

function resolveBootstrapOptions(options: unknown): BootstrapSettings {
  const object = requireOptionsObject(options, [...OWN_OPTIONS, ...FIT_OPTIONS], 'options', 'options.');
  const defaults = BOOTSTRAP_DEFAULTS;
  const roundsValue = ownValue(object, 'rounds');
  const [minRounds, maxRounds] = ROUNDS_RANGE;
  if (roundsValue !== undefined && !(Number.isInteger(roundsValue) && (roundsValue as number) >= minRounds && (roundsValue as number) <= maxRounds)) {
    throw new RankingInputError('options.rounds', `must be an integer from ${minRounds} to ${maxRounds}, got ${describeValue(roundsValue)}`);
  }
  const seedValue = ownValue(object, 'seed');
  if (seedValue !== undefined && !isSeed(seedValue)) {
    throw new RankingInputError('options.seed', `must be a string or a finite number, got ${describeValue(seedValue)}`);
  }
  const confidenceValue = ownValue(object, 'confidence');
  const fitOptions: Record<string, unknown> = {};
  for (const key of FIT_OPTIONS) {
    const value = ownValue(object, key);
    if (value !== undefined) fitOptions[key] = value;
  }
  const fit = resolveBradleyTerryOptions(fitOptions);
  if (fit.prior === 0) {
    throw new RankingInputError(
      'options.prior',
      'must be > 0 for the bootstrap: a resample can leave a datapoint with only wins or only losses, whose score is infinite without a prior; ' +
        'the default 0.01 is negligible for well-connected data',
    );
  }
  return {
    rounds: (roundsValue as number | undefined) ?? defaults.rounds,
    seed: seedValue ?? defaults.seed,
    confidence: confidenceValue === undefined ? defaults.confidence : requireConfidence(confidenceValue, 'options.confidence'),
    fit,
  };
}

/**
 * What a round resamples: the total weight of each (pair, side group, outcome) cell
 * with a positive weight, over the pairs those cells name.
 */
interface Units {
  /** Per pair: its datapoints, low < high (indices into the fit's ids). */
  readonly low: Int32Array;
  readonly high: Int32Array;
  /** Per unit: its pair, its kind (group × 3 + outcome) and its total weight. */
  readonly pair: Int32Array;
  readonly kind: Uint8Array;
  readonly weight: Float64Array;
}

/** Collects units in order of first appearance, merging repeats of the same cell. */
class UnitCollector {
  readonly #pairOf = new Map<number, number>();
  readonly #unitOf = new Map<number, number>();
  readonly #low: number[] = [];
  readonly #high: number[] = [];
  readonly #pair: number[] = [];
  readonly #kind: number[] = [];
  readonly #weight: number[] = [];

  add(low: number, high: number, kind: number, amount: number): void {
    if (!(amount > 0)) return;
    // The triangular number of (low, high), low < high: unique, and exact below 2^26 datapoints.
    const pairKey = (high * (high - 1)) / 2 + low;
    let pair = this.#pairOf.get(pairKey);
    if (pair === undefined) {
      pair = this.#low.length;
      this.#pairOf.set(pairKey, pair);
      this.#low.push(low);
      this.#high.push(high);
    }
    const unitKey = pair * 9 + kind;
    const unit = this.#unitOf.get(unitKey);
    if (unit === undefined) {
      this.#unitOf.set(unitKey, this.#weight.length);
      this.#pair.push(pair);
      this.#kind.push(kind);
      this.#weight.push(amount);
    } else {
      this.#weight[unit]! += amount;
    }
  }

  build(): Units {
    return {
      low: Int32Array.from(this.#low),
      high: Int32Array.from(this.#high),
      pair: Int32Array.from(this.#pair),
      kind: Uint8Array.from(this.#kind),
      weight: Float64Array.from(this.#weight),
    };
  }
}

/**
 * Reads the comparisons once, into the table (which validates each item) and, beside
 * it, the units, which keep draws apart from wins. Ids get the same indices as in the
 * table: both number a datapoint by its first appearance, first side first.
 */
function readComparisons(comparisons: Iterable<Comparison>): { table: ComparisonTable; units: Units } {
  if (typeof comparisons !== 'object' || comparisons === null || typeof (comparisons as Partial<Iterable<unknown>>)[Symbol.iterator] !== 'function') {
    throw new RankingInputError('comparisons', `must be an array or another iterable of comparisons, got ${describeValue(comparisons)}`);
  }
  const builder = new ComparisonTableBuilder();
  const indexOf = new Map<string, number>();
  const intern = (id: string): number => {
    let index = indexOf.get(id);
    if (index === undefined) {
      index = indexOf.size;
      indexOf.set(id, index);
    }
    return index;
  };
  const collector = new UnitCollector();
  let position = 0;
  for (const comparison of comparisons) {
    builder.add(comparison, `comparisons[${position}]`);
    position++;
    const game = validatedGame(comparison as unknown as Record<string, unknown>);
    const i = intern(game.first);
    const j = intern(game.second);
    const firstIsLow = i < j;
    const low = Math.min(i, j);
    const high = Math.max(i, j);
    const group = game.sided ? (firstIsLow ? LOW_LEFT : HIGH_LEFT) : UNSIDED;
    collector.add(low, high, group * 3 + LOW_WINS, firstIsLow ? game.firstWins : game.secondWins);
    collector.add(low, high, group * 3 + HIGH_WINS, firstIsLow ? game.secondWins : game.firstWins);
    collector.add(low, high, group * 3 + DRAW, game.draws);
  }
  return { table: builder.build(), units: collector.build() };
}

interface Game {
  readonly first: string;
  readonly second: string;
  readonly sided: boolean;
  readonly firstWins: number;
  readonly secondWins: number;
  readonly draws: number;
}

// The fields of an item the table builder has just accepted, so their types are known.
function validatedGame(object: Record<string, unknown>): Game {
  const has = (key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);
  if (has('left') || has('right') || has('outcome')) {
    const weight = (ownValue(object, 'weight') as number | undefined) ?? 1;
    const outcome = ownValue(object, 'outcome');
    return {
      first: ownValue(object, 'left') as string,
      second: ownValue(object, 'right') as string,
      sided: true,
      firstWins: outcome === 'left' ? weight : 0,
      secondWins: outcome === 'right' ? weight : 0,
      draws: outcome === 'draw' ? weight : 0,
    };
  }
  return {
    first: ownValue(object, 'a') as string,
    second: ownValue(object, 'b') as string,
    sided: false,
    firstWins: ownValue(object, 'aWins') as number,
    secondWins: ownValue(object, 'bWins') as number,
    draws: (ownValue(object, 'draws') as number | undefined) ?? 0,
  };
}

/**
 * Units from a table, where each draw was split into half a win per side: a cell whose
 * two sides both end in a half is read as one draw plus whole wins, any other as wins
 * only (the fewest draws the halves allow).
 */
function unitsOfTable(table: ComparisonTable): Units {
  const data = tableData(table);
  const collector = new UnitCollector();
  const groups = [data.unsided, data.lowLeft, data.highLeft] as const;
  for (let k = 0; k < data.pairCount; k++) {
    const low = data.low[k]!;
    const high = data.high[k]!;
    groups.forEach((side, group) => {
      const lowWins = side.low[k]!;
      const highWins = side.high[k]!;
      const drawn = lowWins % 1 === 0.5 && highWins % 1 === 0.5 ? 1 : 0;
      collector.add(low, high, group * 3 + LOW_WINS, lowWins - drawn / 2);
      collector.add(low, high, group * 3 + HIGH_WINS, highWins - drawn / 2);
      collector.add(low, high, group * 3 + DRAW, drawn);
    });
  }
  return collector.build();
}

function tableData(table: ComparisonTable): ComparisonTableData {
  const data = comparisonTableData(table);
  if (data === undefined) throw new RankingInputError('comparisons', 'must be a ComparisonTable built by this library');
  return data;
}

/** The table every round refits, its arrays overwritten in place each round. */
interface RoundTable {
  readonly table: ComparisonTable;
  readonly wins: Float64Array;
  readonly losses: Float64Array;
  readonly draws: Float64Array;
  /** [unsided, low-left, high-left] × [low's wins, high's wins], as in the table. */
  readonly columns: readonly Float64Array[];
  /** Per unit, its weight in this round. */
  readonly weights: Float64Array;
  /** Per game, its unit, for multinomial rounds; null for Bayesian ones. */
  readonly drawn: Int32Array | null;
}

function roundTable(ids: readonly string[], units: Units): RoundTable {
  const n = ids.length;
  const pairCount = units.low.length;
  const columns = Array.from({ length: 6 }, () => new Float64Array(pairCount));
  const wins = new Float64Array(n);
  const losses = new Float64Array(n);
  const draws = new Float64Array(n);
  const table = new ComparisonTable({
    ids,
    wins,
    losses,
    draws,
    pairCount,
    low: units.low,
    high: units.high,
    unsided: { low: columns[0]!, high: columns[1]! },
    lowLeft: { low: columns[2]!, high: columns[3]! },
    highLeft: { low: columns[4]!, high: columns[5]! },
  });
  let games = 0;
  let whole = true;
  for (const weight of units.weight) {
    games += weight;
    whole &&= Number.isInteger(weight);
  }
  let drawn: Int32Array | null = null;
  if (whole && games <= MAX_RESAMPLED_GAMES) {
    drawn = new Int32Array(games);
    let game = 0;
    units.weight.forEach((weight, unit) => {
      drawn!.fill(unit, game, game + weight);
      game += weight;
    });
  }
  return { table, wins, losses, draws, columns, weights: new Float64Array(units.weight.length), drawn };
}

/**
 * A function that writes one round's unit weights into `round.weights`: game counts of
 * a multinomial draw when `round.drawn` lists the games, else Bayesian-bootstrap weights.
 */
function resampler(units: Units, rng: Rng, round: RoundTable): () => void {
  const { weights, drawn } = round;
  if (drawn !== null) {
    return () => {
      weights.fill(0);
      const games = drawn.length;
      for (let g = 0; g < games; g++) weights[drawn[indexFromUniform(rng(), games)]!]! += 1;
    };
  }
  let total = 0;
  for (const weight of units.weight) total += weight;
  return () => {
    let sum = 0;
    for (let u = 0; u < weights.length; u++) {
      weights[u] = gammaDraw(rng, units.weight[u]!);
      sum += weights[u]!;
    }
    const factor = sum > 0 ? total / sum : 0;
    for (let u = 0; u < weights.length; u++) weights[u]! *= factor;
  };
}

/**
 * Writes the round's weights into the round table: pair columns and per-datapoint
 * totals, a draw as half a win for each side. Returns the weight of the games whose
 * side is known, which the position effect needs. O(units + n + pairs).
 */
function fillRoundTable(units: Units, round: RoundTable): number {
  const { wins, losses, draws, columns, weights } = round;
  wins.fill(0);
  losses.fill(0);
  draws.fill(0);
  for (const column of columns) column.fill(0);
  let sided = 0;
  for (let u = 0; u < weights.length; u++) {
    const weight = weights[u]!;
    if (weight === 0) continue;
    const k = units.pair[u]!;
    const kind = units.kind[u]!;
    const group = (kind / 3) | 0;
    const outcome = kind - 3 * group;
    const i = units.low[k]!;
    const j = units.high[k]!;
    const lowColumn = columns[2 * group]!;
    const highColumn = columns[2 * group + 1]!;
    if (outcome === LOW_WINS) {
      lowColumn[k]! += weight;
      wins[i]! += weight;
      losses[j]! += weight;
    } else if (outcome === HIGH_WINS) {
      highColumn[k]! += weight;
      wins[j]! += weight;
      losses[i]! += weight;
    } else {
      lowColumn[k]! += weight / 2;
      highColumn[k]! += weight / 2;
      draws[i]! += weight;
      draws[j]! += weight;
    }
    if (group !== UNSIDED) sided += weight;
  }
  return sided;
}

/**
 * A Gamma(shape, 1) draw, shape > 0: Marsaglia & Tsang's squeeze-and-reject method for
 * shape ≥ 1, and Gamma(shape + 1)·U^(1/shape) below 1. O(1) expected (at most about 5%
 * of candidates are rejected).
 */
function gammaDraw(rng: Rng, shape: number): number {
  if (shape < 1) return gammaDraw(rng, shape + 1) * Math.pow(rng(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormalDraw(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** The type-7 quantile of an ascending sample: linear interpolation at (length − 1)·p. */
function quantile(sorted: Float64Array, p: number): number {
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const fraction = position - below;
  const value = sorted[below]!;
  return fraction === 0 ? value : value + fraction * (sorted[below + 1]! - value);
}
