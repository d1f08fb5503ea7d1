/**
 * Validation of a convergence config: every field checked, every default filled in,
 * before any run starts.
 * @module
 */
import { createRankingJobDefinition } from '../definition/createRankingJobDefinition.js';
import type { Pairing } from '../definition/types.js';
import type { Scorer } from '../job/types.js';
import { readScorer } from '../results/resolveResultsOptions.js';
import { RankingInputError, describeValue } from '../errors.js';
import { LABELER_PRESETS, labelerName, resolveLabelerSpec, type LabelerSpec } from '../simulation/labelerSpec.js';
import { TRUE_SCORE_OPTION_NAMES, resolveTrueScoreOptions } from '../simulation/generateTrueScores.js';
import { readInFlight } from '../simulation/simulateRankingJob.js';
import {
  definedEntries,
  ownValue,
  requireOneOf,
  requireOptionsObject,
  requirePositive,
  requirePositiveInteger,
  requireUnitInterval,
} from '../validate.js';
import type { ConvergenceShard, ConvergenceTrust, NormalizedConvergenceConfig } from './convergenceTypes.js';

/** The keys a convergence config may have. @internal */
export const CONVERGENCE_CONFIG_KEYS = [
  'datapoints',
  'budgets',
  'perDatapoint',
  'randomRatios',
  'pairings',
  'responses',
  'labelers',
  'scorers',
  'trust',
  'validationRate',
  'trueScores',
  'elo',
  'inFlight',
  'topK',
  'seeds',
  'seed',
  'workers',
  'shard',
  'onProgress',
] as const;

/** Default comparisons per datapoint when neither `budgets` nor `perDatapoint` is given. */
export const DEFAULT_PER_ITEM: readonly number[] = /* @__PURE__ */ Object.freeze([1, 2, 4, 8, 16, 32]);

const MAX_ITEMS = 1_000_000;
const MAX_SEEDS = 1_000_000;
const MAX_BUDGET = 2 ** 40;
const PAIRINGS: readonly Pairing[] = ['adaptive', 'informationGain', 'sort', 'roundRobin'];

/** The values of a sweep's trust dimension, in the order of {@link ConvergenceTrust}. */
export const CONVERGENCE_TRUST: readonly ConvergenceTrust[] = /* @__PURE__ */ Object.freeze(['none', 'consensus', 'validation'] as const);

/** The validation rate of `'validation'` cells when the config names none. */
export const DEFAULT_VALIDATION_RATE = 0.05;

/**
 * Checks a config and fills in its defaults; the run-time fields (workers, shard,
 * onProgress) are checked by the caller. Throws {@link RankingInputError} with paths
 * under `config.`. @internal
 */
export function normaliseConvergenceConfig(config: unknown): NormalizedConvergenceConfig {
  const object = requireOptionsObject(config, CONVERGENCE_CONFIG_KEYS, 'config', 'config.');
  const datapoints = list(ownValue(object, 'datapoints'), 'config.datapoints', (value, path) => {
    const count = requirePositiveInteger(value, path);
    if (count < 2 || count > MAX_ITEMS) throw new RankingInputError(path, `must be an integer in [2, ${MAX_ITEMS}], got ${count}`);
    return count;
  });
  const budgetsValue = ownValue(object, 'budgets');
  const perDatapointValue = ownValue(object, 'perDatapoint');
  if (budgetsValue !== undefined && perDatapointValue !== undefined) {
    throw new RankingInputError('config.budgets', 'give budgets or perDatapoint, not both');
  }
  const budgets =
    budgetsValue === undefined
      ? null
      : list(budgetsValue, 'config.budgets', (value, path) => {
          const budget = requirePositiveInteger(value, path);
          if (budget > MAX_BUDGET) throw new RankingInputError(path, `must be at most 2^40, got ${budget}`);
          return budget;
        });
  const perDatapoint =
    budgets !== null
      ? null
      : perDatapointValue === undefined
        ? DEFAULT_PER_ITEM
        : list(perDatapointValue, 'config.perDatapoint', (value, path) => {
            const share = requirePositive(value, path);
            if (share * MAX_ITEMS > MAX_BUDGET) throw new RankingInputError(path, `must be at most ${MAX_BUDGET / MAX_ITEMS}, got ${share}`);
            return share;
          });
  const randomRatios = optionalList(ownValue(object, 'randomRatios'), [0.5], 'config.randomRatios', requireUnitInterval);
  const pairings = optionalList<Pairing>(ownValue(object, 'pairings'), ['adaptive'], 'config.pairings', (value, path) =>
    requireOneOf(value, PAIRINGS, path),
  );
  const responses = optionalList(ownValue(object, 'responses'), [1], 'config.responses', requirePositiveInteger);
  const labelers = optionalList<LabelerSpec>(ownValue(object, 'labelers'), [LABELER_PRESETS.bradleyTerry], 'config.labelers', (value, path) =>
    resolveLabelerSpec(value, path),
  );
  const scorers = optionalList<Scorer>(ownValue(object, 'scorers'), ['posterior'], 'config.scorers', (value, path) => readScorer(value, path));
  const { trust, validationRate } = readTrust(object, scorers);
  const names = new Set<string>();
  labelers.forEach((spec, i) => {
    const name = labelerName(spec);
    if (names.has(name)) throw new RankingInputError(`config.labelers[${i}]`, `repeats the labeler name ${describeValue(name)}; give each a distinct name`);
    names.add(name);
  });
  const elo = withPathPrefix('config.', () => {
    const eloValue = ownValue(object, 'elo');
    return createRankingJobDefinition({
      name: 'convergence',
      instruction: 'simulated',
      datapoints: [['a', 'b']],
      comparisonBudgetPerRanking: 1,
      ...(eloValue === undefined ? {} : { elo: eloValue as never }),
    }).elo;
  });
  const trueScoresValue = requireOptionsObject(ownValue(object, 'trueScores') ?? {}, TRUE_SCORE_OPTION_NAMES, 'config.trueScores', 'config.trueScores.');
  const trueScores = resolveTrueScoreOptions({ center: elo.initialRating, ...definedEntries(trueScoresValue) }, 'config.trueScores');
  const inFlight = readInFlight(ownValue(object, 'inFlight'), 'config.inFlight');
  const topKValue = ownValue(object, 'topK');
  const topK = topKValue === undefined ? null : requirePositiveInteger(topKValue, 'config.topK');
  const fewest = datapoints.reduce((least, count) => Math.min(least, count), Infinity);
  if (topK !== null && topK > fewest) {
    throw new RankingInputError('config.topK', `must be at most the smallest datapoint count (${fewest}), got ${topK}`);
  }
  const seeds = requirePositiveInteger(ownValue(object, 'seeds'), 'config.seeds');
  if (seeds < 2 || seeds > MAX_SEEDS) throw new RankingInputError('config.seeds', `must be an integer in [2, ${MAX_SEEDS}], got ${seeds}`);
  const seedValue = ownValue(object, 'seed') ?? 1;
  if (typeof seedValue !== 'string' && !(typeof seedValue === 'number' && Number.isFinite(seedValue))) {
    throw new RankingInputError('config.seed', `must be a string or a finite number, got ${describeValue(seedValue)}`);
  }
  return {
    datapoints,
    budgets,
    perDatapoint,
    randomRatios,
    pairings,
    responses,
    labelers,
    scorers,
    // Only when given, so configs without them (and their results) keep their JSON.
    ...(trust === undefined ? {} : { trust }),
    ...(validationRate === undefined ? {} : { validationRate }),
    trueScores,
    elo,
    inFlight,
    topK,
    seeds,
    seed: String(seedValue),
  };
}

// The trust dimension and its validation rate (present only with 'validation' cells).
function readTrust(object: Record<string, unknown>, scorers: readonly Scorer[]): { trust?: readonly ConvergenceTrust[]; validationRate?: number } {
  const trustValue = ownValue(object, 'trust');
  const rateValue = ownValue(object, 'validationRate');
  const trust = trustValue === undefined ? undefined : list(trustValue, 'config.trust', (value, path) => requireOneOf(value, CONVERGENCE_TRUST, path));
  trust?.forEach((weighting, i) => {
    if (weighting !== 'none' && scorers.includes('elo')) {
      throw new RankingInputError(
        `config.trust[${i}]`,
        `'${weighting}' weighs responses by trust, which the 'elo' scorer cannot (its ratings are online); drop 'elo' from config.scorers or keep trust to 'none'`,
      );
    }
  });
  if (trust === undefined || !trust.includes('validation')) {
    if (rateValue !== undefined) throw new RankingInputError('config.validationRate', "applies only when config.trust lists 'validation'");
    return trust === undefined ? {} : { trust };
  }
  if (rateValue !== undefined && !(typeof rateValue === 'number' && rateValue > 0 && rateValue < 1)) {
    throw new RankingInputError('config.validationRate', `must be a number in (0, 1): the share of issued matchups that are validation matchups, got ${describeValue(rateValue)}`);
  }
  return { trust, validationRate: (rateValue as number | undefined) ?? DEFAULT_VALIDATION_RATE };
}

/** Reads the `workers` option: a positive integer, at most 256. @internal */
export function readWorkers(value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  const workers = requirePositiveInteger(value, 'config.workers');
  if (workers > 256) throw new RankingInputError('config.workers', `must be at most 256, got ${workers}`);
  return workers;
}

/** Reads the `shard` option. @internal */
export function readShard(value: unknown): ConvergenceShard | null {
  if (value === undefined) return null;
  const object = requireOptionsObject(value, ['index', 'count'], 'config.shard', 'config.shard.');
  const count = requirePositiveInteger(ownValue(object, 'count'), 'config.shard.count');
  const index = ownValue(object, 'index');
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count) {
    throw new RankingInputError('config.shard.index', `must be an integer in [0, ${count}), got ${describeValue(index)}`);
  }
  return { index, count };
}

function list<T>(value: unknown, path: string, read: (value: unknown, path: string) => T): T[] {
  if (!Array.isArray(value) || value.length === 0) throw new RankingInputError(path, `must be a non-empty array, got ${describeValue(value)}`);
  const seen = new Set<string>();
  return value.map((entry: unknown, i) => {
    const parsed = read(entry, `${path}[${i}]`);
    const key = JSON.stringify(parsed);
    if (seen.has(key)) throw new RankingInputError(`${path}[${i}]`, `repeats an earlier value, ${key}`);
    seen.add(key);
    return parsed;
  });
}

function optionalList<T>(value: unknown, fallback: readonly T[], path: string, read: (value: unknown, path: string) => T): readonly T[] {
  return value === undefined ? fallback : list(value, path, read);
}

function withPathPrefix<T>(prefix: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof RankingInputError) {
      throw new RankingInputError(`${prefix}${error.path}`, error.message.slice(error.path.length + 2));
    }
    throw error;
  }
}
