/**
 * Simulated ranking flows: batches arrive at random times (a Poisson process), labelers
 * answer at random times (another), and each answer goes to the matchup the real flow
 * hands out next. Reports how many batches complete, end incomplete or expire, how long
 * completed ones took, and how well the batches' orders match their hidden truths.
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { ensureFlowConfig } from '../flow/createRankingFlow.js';
import { createRankingFlow } from '../flow/createRankingFlow.js';
import { MAX_BATCH_DATAPOINTS, MIN_BATCH_DATAPOINTS, optionalTtl } from '../flow/flowConfig.js';
import type { RankingFlowInput } from '../flow/flowTypes.js';
import type { Matchup } from '../job/types.js';
import { kendallTau } from '../metrics/kendallTau.js';
import { createRng, isSeed } from '../rng/createRng.js';
import type { Rng } from '../rng/rng.js';
import { quantile } from '../stats/quantile.js';
import { readOptions, requirePositive } from '../validate.js';
import { generateTrueScores, resolveTrueScoreOptions, type TrueScoreOptions } from './generateTrueScores.js';
import { createLabeler, type LabelerPresetName, type LabelerSpec } from './labelerSpec.js';

/** Options of {@link simulateFlow}. */
export interface SimulateFlowOptions {
  /** Seed of the run: arrivals, sizes, truths, answers and the flow each get a stream from it. @defaultValue the configuration's JSON */
  seed?: string | number | undefined;
  /** Batches arrive during [0, durationMs) of simulated time (ms, > 0). */
  durationMs: number;
  /** Mean time between batch arrivals (ms, > 0): arrivals are a Poisson process. */
  batchIntervalMs: number;
  /** Mean time between answers of the whole crowd (ms, > 0): answers are a Poisson process, each to the matchup the flow hands out then. */
  responseIntervalMs: number;
  /** Each batch's time to live (ms, > 0), or null. @defaultValue the configuration's `ttlMs` */
  ttlMs?: number | null | undefined;
  /** Fewest datapoints in a batch, in [2, 1000]. @defaultValue 4 */
  minBatchSize?: number | undefined;
  /** Most datapoints in a batch, in [minBatchSize, 1000]; sizes are uniform in between. @defaultValue 16 */
  maxBatchSize?: number | undefined;
  /** Who answers: a labeler spec or preset (a named crowd's names go to `recordResponse` as labelerId). @defaultValue 'bt' */
  labeler?: LabelerSpec | LabelerPresetName | undefined;
  /** How each batch's hidden true scores are drawn. @defaultValue normal, spread 200, centred on 1200 */
  trueScoreOptions?: TrueScoreOptions | undefined;
}

/** What {@link simulateFlow} returns: plain JSON-safe data. */
export interface FlowSimulation {
  /** Batches that arrived. */
  readonly batches: number;
  /** Batches that reached their target responses. */
  readonly completed: number;
  /** Batches whose time ran out with at least their minimum. */
  readonly incomplete: number;
  /** Batches whose time ran out below their minimum. */
  readonly expired: number;
  /** Batches still pending at the end (only without a time limit). */
  readonly pending: number;
  /** Answers recorded. */
  readonly responses: number;
  /** Answer slots of the crowd that found no matchup to answer (no batch had work). */
  readonly idleAnswers: number;
  /** Time from arrival to completion of the completed batches (ms), or null when none completed. */
  readonly completionMs: {
    /** The mean. */
    readonly mean: number;
    /** The median. */
    readonly median: number;
    /** The 95th percentile. */
    readonly p95: number;
  } | null;
  /**
   * Mean Kendall tau (each batch's result order, by the configuration's `scorer`, against
   * the truth) of the batches that closed by each status, or null when none did (or none
   * had an order).
   */
  readonly kendallTau: {
    /** Batches that completed. */
    readonly completed: number | null;
    /** Batches that ended incomplete. */
    readonly incomplete: number | null;
    /** Batches that expired. */
    readonly expired: number | null;
  };
  /** When the simulation stopped (ms): the last arrival's deadline, or durationMs without a time limit. */
  readonly endMs: number;
}

const OPTION_KEYS = ['seed', 'durationMs', 'batchIntervalMs', 'responseIntervalMs', 'ttlMs', 'minBatchSize', 'maxBatchSize', 'labeler', 'trueScoreOptions'] as const;
// Bounds on the work one call may ask for (expected arrivals, expected answers).
const MAX_BATCHES = 1_000_000;
const MAX_ANSWERS = 20_000_000;

/**
 * Runs a ranking flow against simulated arrivals and labelers: batches of random size
 * arrive at exponential intervals and are added with their time to live; the crowd
 * answers at exponential intervals, each answer taking `nextMatchups(1, { now })` (which
 * first closes the batches whose time ran out) and a labeler's choice from the batch's
 * hidden true scores. The flow is the real one, so this measures what an app gets. The
 * same configuration and options give the same report. O(answers × cost of a matchup).
 *
 * @param config - The flow's configuration (`createRankingFlow`'s input).
 * @param options - See {@link SimulateFlowOptions}.
 * @returns A {@link FlowSimulation}.
 * @throws {@link RankingInputError} for a bad configuration or option, or a run of more
 *   than 1 000 000 expected batches or 20 000 000 expected answers.
 * @example
 * ```ts
 * const report = simulateFlow({ name: 'sim', instruction: 'Which?', maxResponses: 20, minResponses: 10 },
 *   { durationMs: 3_600_000, batchIntervalMs: 10_000, responseIntervalMs: 400, ttlMs: 600_000, seed: 1 });
 * report.completed; report.incomplete; report.expired;
 * ```
 */
export function simulateFlow(config: RankingFlowInput, options: SimulateFlowOptions): FlowSimulation {
  const flowConfig = ensureFlowConfig(config);
  const [seedOption, duration, batchInterval, responseInterval, ttlOption, minOption, maxOption, labelerOption, truthOption] = readOptions(options, OPTION_KEYS, 'options', 'options.');
  if (seedOption !== undefined && !isSeed(seedOption)) throw new RankingInputError('options.seed', `must be a string or a finite number, got ${describeValue(seedOption)}`);
  const seed = seedOption === undefined ? JSON.stringify(flowConfig) : String(seedOption);
  const durationMs = requirePositive(duration, 'options.durationMs');
  const batchIntervalMs = requirePositive(batchInterval, 'options.batchIntervalMs');
  const responseIntervalMs = requirePositive(responseInterval, 'options.responseIntervalMs');
  const ttl = ttlOption === undefined ? flowConfig.ttlMs : optionalTtl(ttlOption, 'options.ttlMs');
  const minSize = batchSize(minOption, 4, MIN_BATCH_DATAPOINTS, 'options.minBatchSize');
  const maxSize = batchSize(maxOption, 16, minSize, 'options.maxBatchSize');
  const truthOptions = resolveTrueScoreOptions(truthOption === undefined ? {} : truthOption, 'options.trueScoreOptions');
  const endMs = durationMs + (ttl ?? 0);
  if (durationMs / batchIntervalMs > MAX_BATCHES) throw new RankingInputError('options.batchIntervalMs', `asks for about ${Math.round(durationMs / batchIntervalMs)} batches; at most ${MAX_BATCHES} per run`);
  if (endMs / responseIntervalMs > MAX_ANSWERS) throw new RankingInputError('options.responseIntervalMs', `asks for about ${Math.round(endMs / responseIntervalMs)} answers; at most ${MAX_ANSWERS} per run`);

  // Arrivals first, so every batch's truth is drawn before the labeler is built over them.
  const arrivals = createRng(`${seed}/arrivals`);
  const batches: { readonly at: number; readonly ids: string[] }[] = [];
  for (let at = exponential(arrivals, batchIntervalMs); at < durationMs; at += exponential(arrivals, batchIntervalMs)) {
    const size = minSize + Math.floor(arrivals() * (maxSize - minSize + 1));
    const b = batches.length;
    batches.push({ at, ids: Array.from({ length: size }, (_, i) => `batch-${b}-${i}`) });
  }
  const truth = generateTrueScores(
    batches.flatMap((batch) => batch.ids),
    truthOptions,
    createRng(`${seed}/truth`),
  );
  const labeler = createLabeler(labelerOption === undefined ? 'bt' : (labelerOption as LabelerSpec), truth, 'options.labeler');
  const answers = createRng(`${seed}/labeler`);
  const times = createRng(`${seed}/answers`);
  const flow = createRankingFlow(flowConfig, { seed: `${seed}/flow` });

  const completionTimes: number[] = [];
  let next = 0;
  let responses = 0;
  let idleAnswers = 0;
  for (let now = exponential(times, responseIntervalMs); now < endMs; now += exponential(times, responseIntervalMs)) {
    for (; next < batches.length && batches[next]!.at <= now; next++) flow.addBatch(batches[next]!.ids, { now: batches[next]!.at, ttlMs: ttl });
    const [matchup] = flow.nextMatchups(1, { now });
    if (matchup === undefined) {
      idleAnswers++;
      continue;
    }
    const shown: Matchup = { id: matchup.id, ranking: 0, left: matchup.left, right: matchup.right, kind: matchup.kind };
    const answer = labeler(shown, answers);
    if (typeof answer === 'string') flow.recordResponse(matchup.id, answer, { now });
    else flow.recordResponse(matchup.id, answer.outcome, { now, labelerId: answer.labelerId });
    responses++;
    const status = flow.batchStatus(matchup.batch);
    if (status.status === 'completed') completionTimes.push(now - status.addedAt);
  }
  for (; next < batches.length; next++) flow.addBatch(batches[next]!.ids, { now: batches[next]!.at, ttlMs: ttl });
  flow.expire(endMs);

  const taus = { completed: [] as number[], incomplete: [] as number[], expired: [] as number[] };
  batches.forEach((batch, b) => {
    const result = flow.batchResults(`b${b + 1}`);
    if (result.status === 'pending') return;
    const tau = kendallTau(new Map(result.entries.map((entry) => [entry.datapoint, entry.score])), new Map(batch.ids.map((id) => [id, truth.get(id)!])));
    if (!Number.isNaN(tau)) taus[result.status].push(tau);
  });
  const progress = flow.progress();
  const sorted = [...completionTimes].sort((x, y) => x - y);
  return {
    batches: progress.added,
    completed: progress.completed,
    incomplete: progress.incomplete,
    expired: progress.expired,
    pending: progress.pending,
    responses,
    idleAnswers,
    completionMs: sorted.length === 0 ? null : { mean: mean(sorted)!, median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) },
    kendallTau: { completed: mean(taus.completed), incomplete: mean(taus.incomplete), expired: mean(taus.expired) },
    endMs,
  };
}

function batchSize(value: unknown, fallback: number, low: number, path: string): number {
  const size = value === undefined ? fallback : value;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < low || size > MAX_BATCH_DATAPOINTS) {
    throw new RankingInputError(path, `must be an integer in [${low}, ${MAX_BATCH_DATAPOINTS}], got ${describeValue(size)}`);
  }
  return size;
}

// An exponential waiting time with this mean, from one draw (1 − u is in (0, 1]).
function exponential(rng: Rng, mean: number): number {
  return -mean * Math.log(1 - rng());
}

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}
