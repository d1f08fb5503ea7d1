/**
 * Simulated ranking jobs: a real job, answered by a simulated labeler that knows hidden
 * true scores, scored against that truth.
 * @module
 */
import { createRankingJobDefinition, ensureNormalisedDefinition } from '../definition/createRankingJobDefinition.js';
import type { RankingJobDefinition } from '../definition/types.js';
import { RankingInputError, describeValue } from '../errors.js';
import { fixedResponses } from '../job/adaptiveResponses.js';
import { MAX_MATCHUPS_PER_CALL, createRankingJob } from '../job/createRankingJob.js';
import type { Matchup, MatchupKind, Outcome, RankingJob, RankingResult, ScorerName } from '../job/types.js';
import { DEFAULT_SCORER, readScorer } from '../results/resolveResultsOptions.js';
import { rankingAccuracy, type RankingAccuracy } from '../metrics/rankingAccuracy.js';
import { scoreEntries, type ScoreMap } from '../metrics/scoreMap.js';
import { createRng, isSeed } from '../rng/createRng.js';
import type { Rng } from '../rng/rng.js';
import { copyJsonData, copyOptions, definedEntries, ownValue, readOptions, requireNonEmptyString, requireOptionsObject, requirePositiveInteger } from '../validate.js';
import type { IdentifiedLabeler, Labeler } from './labeler.js';
import { createLabeler, type LabelerPresetName, type LabelerSpec } from './labelerSpec.js';
import { TRUE_SCORE_OPTION_NAMES, generateTrueScores, resolveTrueScoreOptions, type TrueScoreOptions } from './generateTrueScores.js';
import { VALIDATION_FROM_TRUTH_OPTION_NAMES, drawValidationPairs, resolveValidationFromTruth, type ResolvedValidationFromTruth, type ValidationFromTruthOptions } from './validationMatchupsFromTruth.js';

/**
 * Validation matchups a simulation draws from its truth (see `validationMatchupsFromTruth`
 * for the rule) and adds to the definition's `validation`.
 */
export interface SimulationValidationOptions extends ValidationFromTruthOptions {
  /** Share of issued matchups that are validation matchups, in (0, 1), as the definition's `validation.rate`. */
  rate: number;
}

/** Options of {@link simulateRankingJob}. */
export interface SimulateRankingJobOptions {
  /**
   * Seed of the whole run: the truth, the job and the labeler each get a stream derived
   * from it. As in `createRankingJob`, the default is the definition itself (its JSON),
   * so a run is reproducible without one.
   * @defaultValue the definition's JSON
   */
  seed?: string | number | undefined;
  /**
   * Hidden true scores, keyed by datapoint id, covering every datapoint of the
   * definition (an id in two rankings has one true score).
   * @defaultValue drawn by `generateTrueScores` with {@link SimulateRankingJobOptions.trueScoreOptions}
   */
  trueScores?: ScoreMap | undefined;
  /**
   * How to draw the true scores when `trueScores` is not given.
   * @defaultValue normal, spread 200, centred on the definition's initial rating
   */
  trueScoreOptions?: TrueScoreOptions | undefined;
  /**
   * Who answers: a {@link Labeler} function (it must know the true scores, so pass
   * `trueScores` too), an {@link IdentifiedLabeler} (its `labelerId`s are recorded with
   * the responses), a {@link LabelerSpec}, or a preset name ('bt', 'thurstone',
   * 'noiseless', 'crowd', 'namedCrowd', …); a spec or preset is built over the true scores.
   * @defaultValue `'bt'`: Bradley–Terry choices on the Elo scale (400 points = 10:1 odds,
   *   whatever the definition's `elo.scale`, since true scores are Elo points)
   */
  labeler?: Labeler | IdentifiedLabeler | LabelerSpec | LabelerPresetName | undefined;
  /**
   * Matchups out with labelers at once: the simulation keeps this many issued and
   * answers the oldest, so answers are chosen against ratings up to `inFlight − 1`
   * matchups stale, as with a real crowd. An integer in [1, 65 536].
   * @defaultValue 1
   */
  inFlight?: number | undefined;
  /** The k of the top-k precision metric. @defaultValue min(10, max(1, ⌊n / 4⌋)) per ranking */
  topK?: number | undefined;
  /** How the finished job is scored (`job.results({ scorer })`). @defaultValue 'posterior', as `job.results()` */
  scorer?: ScorerName | undefined;
  /**
   * Validation matchups drawn from the truth and mixed into the job: `{ rate, matchups,
   * minDifference }` (see {@link SimulationValidationOptions}); the pairs come from the
   * definition's datapoints, drawn with the run's own stream (`${seed}/validation`). Not
   * with a definition that has `validation` already: its pairs are used as they are (every
   * datapoint in them needs a true score), and the labeler answers them like any other.
   * @defaultValue none: the definition's own validation matchups, if any
   */
  validation?: SimulationValidationOptions | undefined;
  /**
   * How the finished job weighs each labeler's responses: `'trust'` scores with
   * `job.results({ labelerWeights: 'trust' })` (trust from the consensus and any
   * validation answers; labelers are told apart only when the labeler names them, as a
   * named crowd does). Not with the `'elo'` scorer.
   * @defaultValue every response weight 1
   */
  labelerWeights?: 'trust' | undefined;
}

/** One datapoint's hidden true score and its place in the true order. */
export interface TrueScoreEntry {
  /** The datapoint's id, as in the definition. */
  readonly datapoint: string;
  /** True score, on the Elo scale. */
  readonly score: number;
  /** 1 + the number of datapoints of the ranking with a higher true score. */
  readonly rank: number;
}

/** One ranking of a simulated job: what the job found, the truth, and how close they are. */
export interface SimulatedRanking {
  /** Index of the ranking in the definition's outer `datapoints` list. */
  readonly ranking: number;
  /** The job's result for this ranking (scored by the `scorer` option). */
  readonly result: RankingResult;
  /** The ranking's datapoints by true score, best first. */
  readonly truth: readonly TrueScoreEntry[];
  /** The result's scores against the true scores. */
  readonly accuracy: RankingAccuracy;
}

/** What {@link simulateRankingJob} returns: plain JSON-safe data. */
export interface SimulationResult {
  /** The seed given, or null when the run was seeded by the definition (the default). */
  readonly seed: string | null;
  /** Labeler answers given (matchups × responses per comparison), validation matchups' included. */
  readonly responses: number;
  /** Of `responses`, the answers to validation matchups; present only when the job had validation matchups. */
  readonly validationResponses?: number;
  /** Completed matchups by how they were chosen. */
  readonly matchupsByKind: Readonly<Record<MatchupKind, number>>;
  /** One entry per ranking, in the definition's outer-list order. */
  readonly rankings: readonly SimulatedRanking[];
}

/**
 * Runs a ranking job to the end of its budget with a simulated labeler and scores every
 * ranking against the hidden truth. The job is the real one (`createRankingJob`, then
 * `nextMatchups` and `recordResponse` as an app would call them), so a simulation
 * measures what an app gets. The same definition and options give the same result.
 * Simulated time stands still, so with `matchupTtlMs` set nothing expires.
 * O(budget × cost of a comparison) plus O(n log n) per ranking for the metrics.
 *
 * @param definition - A definition from `createRankingJobDefinition`, or its input.
 * @param options - See {@link SimulateRankingJobOptions}.
 * @returns A {@link SimulationResult}.
 * @throws {@link RankingInputError} for a bad definition or option, true scores missing a
 *   datapoint, or a labeler function without `trueScores`.
 * @example
 * ```ts
 * const { rankings } = simulateRankingJob(definition, { seed: 1, labeler: 'crowd', inFlight: 8 });
 * rankings[0].accuracy.kendallTau; // e.g. 0.82
 * ```
 */
export function simulateRankingJob(definition: RankingJobDefinition, options: SimulateRankingJobOptions = {}): SimulationResult {
  const normalised = ensureNormalisedDefinition(definition);
  // Each option read once, into a copy everything below reads.
  const object = copyOptions(
    options,
    ['seed', 'trueScores', 'trueScoreOptions', 'labeler', 'inFlight', 'topK', 'scorer', 'validation', 'labelerWeights'],
    'options',
    'options.',
  );
  const scorerValue = ownValue(object, 'scorer');
  const scorer = scorerValue === undefined ? DEFAULT_SCORER : readScorer(scorerValue, 'options.scorer');
  const weighting = readLabelerWeights(ownValue(object, 'labelerWeights'), scorer);
  const validation = readSimulationValidation(ownValue(object, 'validation'), normalised);
  const seedValue = ownValue(object, 'seed');
  if (seedValue !== undefined && !isSeed(seedValue)) {
    throw new RankingInputError('options.seed', `must be a string or a finite number, got ${describeValue(seedValue)}`);
  }
  const seed = seedValue === undefined ? JSON.stringify(normalised) : String(seedValue);
  const inFlight = readInFlight(ownValue(object, 'inFlight'), 'options.inFlight');
  const topKValue = ownValue(object, 'topK');
  const labelerValue = ownValue(object, 'labeler');
  // A spec is plain data: copied whole, so its checks and the labeler built from it read the same values.
  const labelerOption = typeof labelerValue === 'object' && labelerValue !== null ? copyJsonData(labelerValue, 'options.labeler') : labelerValue;
  const trueScoresOption = ownValue(object, 'trueScores');

  const allIds = [...new Set(normalised.datapoints.flat())];
  let trueScores: ReadonlyMap<string, number>;
  if (trueScoresOption === undefined) {
    if (typeof labelerOption === 'function') {
      throw new RankingInputError('options.trueScores', 'is required with a labeler function (the labeler must answer from the same truth)');
    }
    const path = 'options.trueScoreOptions';
    const given = requireOptionsObject(ownValue(object, 'trueScoreOptions') ?? {}, TRUE_SCORE_OPTION_NAMES, path, `${path}.`);
    const resolved = resolveTrueScoreOptions({ center: normalised.elo.initialRating, ...definedEntries(given) }, path);
    trueScores = generateTrueScores(allIds, resolved, createRng(`${seed}/truth`));
  } else {
    if (ownValue(object, 'trueScoreOptions') !== undefined) {
      throw new RankingInputError('options.trueScoreOptions', 'give trueScores or trueScoreOptions, not both');
    }
    trueScores = new Map(scoreEntries(trueScoresOption as ScoreMap, 'options.trueScores'));
    const missing = allIds.find((id) => !trueScores.has(id));
    if (missing !== undefined) throw new RankingInputError('options.trueScores', `has no score for datapoint ${describeValue(missing)}`);
  }
  const labeler =
    typeof labelerOption === 'function'
      ? (labelerOption as Labeler | IdentifiedLabeler)
      : createLabeler(
          (labelerOption ?? 'bradleyTerry') as LabelerSpec | LabelerPresetName,
          trueScores,
          'options.labeler',
        );
  // Checks topK against every ranking before the job runs.
  normalised.datapoints.forEach((ids) => rankingAccuracy(truthOf(ids, trueScores), truthOf(ids, trueScores), topKOption(topKValue)));

  const jobDefinition =
    validation === null ? normalised : withValidationFromTruth(normalised, allIds, trueScores, validation, createRng(`${seed}/validation`));
  requireValidationTruth(jobDefinition, trueScores);

  const job = createRankingJob(jobDefinition, { seed: `${seed}/job` });
  const { responses, validationResponses, matchupsByKind } = answerUntilDone(job, labeler, createRng(`${seed}/labeler`), inFlight);
  const rankings = job.results(scorer === 'elo' ? { scorer } : { scorer, ...weighting }).map((result) => {
    const ids = normalised.datapoints[result.ranking]!;
    const truth = truthOf(ids, trueScores);
    const estimate = new Map(result.entries.map((entry) => [entry.datapoint, entry.score]));
    return { ranking: result.ranking, result, truth: truthEntries(truth), accuracy: rankingAccuracy(estimate, truth, topKOption(topKValue)) };
  });
  return {
    seed: seedValue === undefined ? null : seed,
    responses,
    // Only with validation matchups, so runs without keep their JSON.
    ...(jobDefinition.validation === undefined ? {} : { validationResponses }),
    matchupsByKind,
    rankings,
  };
}

// The `validation` option, each field read once, or null when absent.
function readSimulationValidation(value: unknown, definition: RankingJobDefinition): (ResolvedValidationFromTruth & { rate: number }) | null {
  if (value === undefined) return null;
  if (definition.validation !== undefined) {
    throw new RankingInputError('options.validation', 'the definition has validation matchups already; give them there or here, not both');
  }
  const path = 'options.validation';
  const [rate, matchups, minDifference] = readOptions(value, ['rate', ...VALIDATION_FROM_TRUTH_OPTION_NAMES], path, `${path}.`);
  if (typeof rate !== 'number' || !(rate > 0 && rate < 1)) {
    throw new RankingInputError(`${path}.rate`, `must be a number in (0, 1): the share of issued matchups that are validation matchups, got ${describeValue(rate)}`);
  }
  return { rate, ...resolveValidationFromTruth({ matchups, minDifference }, `${path}.`) };
}

// The `labelerWeights` option as job.results takes it.
function readLabelerWeights(value: unknown, scorer: ScorerName): { labelerWeights?: 'trust' } {
  if (value === undefined) return {};
  if (value !== 'trust') throw new RankingInputError('options.labelerWeights', `must be 'trust' (weights from each labeler's trust), got ${describeValue(value)}`);
  if (scorer === 'elo') throw new RankingInputError('options.labelerWeights', "applies to the 'posterior' and 'bradleyTerry' scorers only; Elo ratings are online and cannot be reweighted");
  return { labelerWeights: 'trust' };
}

/**
 * `definition` with validation matchups drawn from the true scores of `ids` (see
 * `validationMatchupsFromTruth`). O(n log n + matchups log n). @internal
 */
export function withValidationFromTruth(
  definition: RankingJobDefinition,
  ids: readonly string[],
  trueScores: ReadonlyMap<string, number>,
  validation: ResolvedValidationFromTruth & { readonly rate: number },
  rng: Rng,
): RankingJobDefinition {
  const matchups = drawValidationPairs(
    ids.map((id) => [id, trueScores.get(id)!] as const),
    validation,
    rng,
  );
  return createRankingJobDefinition({ ...definition, validation: { matchups, rate: validation.rate } });
}

// The labeler answers validation matchups from the truth, so each of their datapoints needs a true score.
function requireValidationTruth(definition: RankingJobDefinition, trueScores: ReadonlyMap<string, number>): void {
  definition.validation?.matchups.forEach((matchup, i) => {
    for (const side of ['left', 'right'] as const) {
      if (!trueScores.has(matchup[side])) {
        throw new RankingInputError(
          `definition.validation.matchups[${i}].${side}`,
          `${describeValue(matchup[side])} has no true score: give it one in options.trueScores (drawn true scores cover the rankings' datapoints only)`,
        );
      }
    }
  });
}

/**
 * Answers a job's matchups with `labeler` until the job is done, keeping `inFlight`
 * matchups issued and answering the oldest first (every response it needs in turn).
 * An answer that names its labeler (`{ outcome, labelerId }`) is recorded with that
 * `labelerId`; a plain outcome is recorded as before, so existing runs are unchanged.
 * @internal
 */
export function answerUntilDone(
  job: RankingJob,
  labeler: Labeler | IdentifiedLabeler,
  labelerRng: Rng,
  inFlight: number,
): { responses: number; validationResponses: number; matchupsByKind: Record<MatchupKind, number> } {
  // A fixed count, or null when adaptive: then the job says when a matchup has heard enough.
  const responsesPerMatchup = fixedResponses(job.definition.responsesPerComparison);
  // A job with matchupTtlMs needs a clock; the simulated one stands still, so nothing expires.
  const clock = job.definition.matchupTtlMs === null ? {} : { now: 0 };
  const matchupsByKind: Record<MatchupKind, number> = { random: 0, close: 0, informationGain: 0, sort: 0, roundRobin: 0, validation: 0 };
  const queue: Matchup[] = [];
  let head = 0;
  let answered = 0;
  let responses = 0;
  let validationResponses = 0;
  while (!job.done) {
    const outstanding = queue.length - head;
    if (outstanding < inFlight) {
      for (const matchup of job.nextMatchups(inFlight - outstanding, clock)) queue.push(matchup);
    }
    const matchup = queue[head];
    // Unreachable while the job keeps its contract (not done means something is pending or available).
    if (matchup === undefined) throw new Error('simulateRankingJob: the job is not done but issued nothing');
    const answer: unknown = labeler(matchup, labelerRng);
    if (typeof answer === 'object' && answer !== null) {
      const { outcome, labelerId } = readLabelerAnswer(answer);
      job.recordResponse(matchup.id, outcome as Outcome, { ...clock, labelerId });
    } else {
      job.recordResponse(matchup.id, answer as Outcome, clock);
    }
    responses++;
    if (matchup.kind === 'validation') validationResponses++;
    if (responsesPerMatchup === null ? job.matchupStatus(matchup.id) !== 'pending' : ++answered === responsesPerMatchup) {
      answered = 0;
      matchupsByKind[matchup.kind]++;
      head++;
      // Drop answered matchups now and then so the queue does not grow with the budget.
      if (head > 1024) {
        queue.splice(0, head);
        head = 0;
      }
    }
  }
  return { responses, validationResponses, matchupsByKind };
}

// An identified labeler's answer, each field read once; the job checks the outcome.
function readLabelerAnswer(answer: object): { outcome: unknown; labelerId: string } {
  const fields = answer as Record<string, unknown>;
  const outcome = ownValue(fields, 'outcome');
  return { outcome, labelerId: requireNonEmptyString(ownValue(fields, 'labelerId'), 'labeler answer.labelerId') };
}

/** Reads an `inFlight` option. @internal */
export function readInFlight(value: unknown, path: string): number {
  if (value === undefined) return 1;
  const inFlight = requirePositiveInteger(value, path);
  if (inFlight > MAX_MATCHUPS_PER_CALL) throw new RankingInputError(path, `must be at most ${MAX_MATCHUPS_PER_CALL}, got ${inFlight}`);
  return inFlight;
}

function topKOption(topK: unknown): { topK?: number } {
  return topK === undefined ? {} : { topK: topK as number };
}

function truthOf(ids: readonly string[], trueScores: ReadonlyMap<string, number>): Map<string, number> {
  return new Map(ids.map((id) => [id, trueScores.get(id)!]));
}

function truthEntries(truth: ReadonlyMap<string, number>): TrueScoreEntry[] {
  const sorted = [...truth].sort((a, b) => b[1] - a[1]);
  let rank = 1;
  return sorted.map(([datapoint, score], i) => {
    if (i > 0 && score !== sorted[i - 1]![1]) rank = i + 1;
    return { datapoint, score, rank };
  });
}
