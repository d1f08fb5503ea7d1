/**
 * Validation and defaults of a ranking flow's configuration. The options a job
 * definition also has keep the job's names, defaults, ranges and checks.
 * @module
 */
import { DEFINITION_DEFAULTS, MAX_CLOSE_MATCH_CANDIDATES } from '../definition/defaults.js';
import type { EloParameters } from '../definition/types.js';
import { requireEloScale, requireInitialRating, requireKFactor } from '../elo/eloParameters.js';
import { RankingInputError, describeValue } from '../errors.js';
import { ownValue, readOptions, requireNonEmptyString, requireOneOf, requireOptionsObject, requirePositive, requireUnitInterval } from '../validate.js';
import type { FlowScorer, RankingFlowConfig, RankingFlowInput, ResponsesPer } from './flowTypes.js';

/** The defaults `createRankingFlow` fills in (the job's where the option is the job's). */
export const FLOW_DEFAULTS = /* @__PURE__ */ Object.freeze({
  /** Responses below which a batch whose time runs out is expired rather than incomplete. */
  minResponses: 1,
  /** Targets count responses per batch. */
  responsesPer: 'batch',
  /** The random share of `adaptive` pairing, as in a job. */
  randomComparisonsRatio: DEFINITION_DEFAULTS.randomComparisonsRatio,
  /** Nearest neighbours a close matchup draws from, as in a job. */
  closeMatchCandidates: DEFINITION_DEFAULTS.closeMatchCandidates,
  /** Matchups never expire on their own. */
  matchupTtlMs: null,
  /** Batches wait until they complete. */
  ttlMs: null,
  /** The Elo parameters of a job. */
  elo: DEFINITION_DEFAULTS.elo,
  /** Batches are scored by their Elo ratings. */
  scorer: 'elo',
} as const);

/** Largest `maxResponses`: a batch of 1 000 datapoints at this many per datapoint still counts in 32 bits. */
export const MAX_FLOW_RESPONSES = 1_000_000;

/** Fewest and most datapoints in one batch (flows are for small batches; rank large sets with a job). */
export const MIN_BATCH_DATAPOINTS = 2;
/** Most datapoints in one batch. */
export const MAX_BATCH_DATAPOINTS = 1000;

const CONFIG_KEYS = [
  'name',
  'instruction',
  'maxResponses',
  'minResponses',
  'responsesPer',
  'randomComparisonsRatio',
  'closeMatchCandidates',
  'matchupTtlMs',
  'ttlMs',
  'elo',
  'scorer',
] as const;
const ELO_KEYS = ['initialRating', 'kFactor', 'scale'] as const;
const RESPONSES_PER: readonly ResponsesPer[] = ['batch', 'datapoint'];
const SCORERS: readonly FlowScorer[] = ['elo', 'bradleyTerry'];

/**
 * A flow configuration read once, checked, defaults filled in and frozen. O(1).
 * @throws {@link RankingInputError} naming the first offending field and what it allows;
 *   unknown option names too.
 * @internal
 */
export function normaliseFlowConfig(input: unknown): RankingFlowConfig {
  const [name, instruction, max, min, per, ratio, candidates, matchupTtl, ttl, elo, scorerOption] = readOptions(input, CONFIG_KEYS, 'config', '');
  const checkedName = requireNonEmptyString(name, 'name');
  const checkedInstruction = requireNonEmptyString(instruction, 'instruction');
  const maxResponses = requireCount(max, 1, MAX_FLOW_RESPONSES, 'maxResponses');
  const minResponses = requireCount(orDefault(min, FLOW_DEFAULTS.minResponses), 0, maxResponses, 'minResponses');
  const responsesPer = requireOneOf(orDefault(per, FLOW_DEFAULTS.responsesPer), RESPONSES_PER, 'responsesPer');
  const randomComparisonsRatio = requireUnitInterval(orDefault(ratio, FLOW_DEFAULTS.randomComparisonsRatio), 'randomComparisonsRatio');
  const closeMatchCandidates = requireCount(orDefault(candidates, FLOW_DEFAULTS.closeMatchCandidates), 1, MAX_CLOSE_MATCH_CANDIDATES, 'closeMatchCandidates');
  const matchupTtlMs = optionalTtl(matchupTtl, 'matchupTtlMs');
  const ttlMs = optionalTtl(ttl, 'ttlMs');
  const eloParameters = normaliseElo(elo);
  const scorer = requireOneOf(orDefault(scorerOption, FLOW_DEFAULTS.scorer), SCORERS, 'scorer');
  return Object.freeze({
    name: checkedName,
    instruction: checkedInstruction,
    maxResponses,
    minResponses,
    responsesPer,
    randomComparisonsRatio,
    closeMatchCandidates,
    matchupTtlMs,
    ttlMs,
    elo: eloParameters,
    // Absent for Elo (as a job definition's validation when not given), so configurations
    // without the option keep their JSON: their default seed and snapshots.
    ...(scorer === 'bradleyTerry' ? { scorer } : {}),
  });
}

/** A time limit: undefined or null for none, else a finite number > 0. @internal */
export function optionalTtl(value: unknown, path: string): number | null {
  return value === undefined || value === null ? null : requirePositive(value, path);
}

// Only an absent option takes its default: null is a value, and refused where it is not allowed.
function orDefault(value: unknown, fallback: unknown): unknown {
  return value === undefined ? fallback : value;
}

function requireCount(value: unknown, low: number, high: number, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < low || value > high) {
    throw new RankingInputError(path, `must be an integer in [${low}, ${high}], got ${describeValue(value)}`);
  }
  return value;
}

// As a job definition's elo: the scale first, the other ranges are relative to it.
function normaliseElo(value: unknown): EloParameters {
  const defaults = FLOW_DEFAULTS.elo;
  if (value === undefined) return defaults;
  const object = requireOptionsObject(value, ELO_KEYS, 'elo', 'elo.');
  const [initial, k, s] = [ownValue(object, 'initialRating'), ownValue(object, 'kFactor'), ownValue(object, 'scale')];
  const scale = requireEloScale(orDefault(s, defaults.scale), 'elo.scale');
  const kFactor = requireKFactor(orDefault(k, defaults.kFactor), scale, 'elo.kFactor');
  const initialRating = requireInitialRating(orDefault(initial, defaults.initialRating), scale, 'elo.initialRating');
  return Object.freeze({ initialRating, kFactor, scale });
}

/** The input type accepted where a configuration is expected (a normalised one is accepted as is). */
export type FlowConfigSource = RankingFlowInput | RankingFlowConfig;
