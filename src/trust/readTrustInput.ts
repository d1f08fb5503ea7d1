/**
 * Reading the input of trust estimation once into columns: responses as numbers,
 * validation answers as counts per labeler, options resolved.
 * @internal
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import type { Outcome } from '../job/types.js';
import { readOptions, requireNonEmptyString, requireNonNegativeInteger, requireOneOf, requirePositiveInteger } from '../validate.js';
import { TRUST_METHODS, type TrustMethod } from './trustTypes.js';

const OUTCOMES = ['left', 'right', 'draw'] as const;
/** Answer code of 'left' in {@link TrustData.answer}. @internal */
export const LEFT = 0;
/** Answer code of 'right'. @internal */
export const RIGHT = 1;
/** Answer code of 'draw'. @internal */
export const DRAW = 2;

/** The responses and validation answers as columns. @internal */
export interface TrustData {
  /** Labeler ids by index, in order of first appearance (responses, then validation answers). */
  readonly labelerIds: readonly string[];
  /** Index of the pseudo-labeler of responses without a labelerId, or −1. */
  readonly anonymous: number;
  /** Labelers, the anonymous one included. */
  readonly labelerCount: number;
  /** Per response: its labeler's index. */
  readonly labelerOf: Int32Array;
  /** Per response: its left datapoint's number (numbers run over all rankings). */
  readonly leftOf: Int32Array;
  /** Per response: its right datapoint's number. */
  readonly rightOf: Int32Array;
  /** Per response: its answer code ({@link LEFT}, {@link RIGHT}, {@link DRAW}). */
  readonly answer: Uint8Array;
  /** Per datapoint number: its ranking. */
  readonly rankingOfDatapoint: readonly number[];
  /** Per datapoint number: its id. */
  readonly datapointIds: readonly string[];
  /** Per labeler: validation answers that matched the known answer. */
  readonly validationRight: Float64Array;
  /** Per labeler: validation answers that did not. */
  readonly validationWrong: Float64Array;
  /**
   * Per labeler: validation answers with a known side, as counts of the two-coin model:
   * left-known answered left (successes of leftAccuracy), left-known answered right, and
   * the same for right-known; a draw answer counts half to each.
   */
  readonly goldLeftRight: Float64Array;
  /** Left known, answered right (half for a draw). */
  readonly goldLeftWrong: Float64Array;
  /** Right known, answered right. */
  readonly goldRightRight: Float64Array;
  /** Right known, answered left (half for a draw). */
  readonly goldRightWrong: Float64Array;
}

/** Resolved options. @internal */
export interface ResolvedTrustOptions {
  readonly method: TrustMethod;
  readonly priorA: number;
  readonly priorB: number;
  readonly scorePrior: number;
  readonly maxIterations: number;
  readonly tolerance: number;
  readonly confidence: number;
}

/** The defaults of the trust options. @internal */
export const TRUST_DEFAULTS = {
  method: 'auto',
  prior: [3, 1.5],
  scorePrior: 0.1,
  maxIterations: 500,
  tolerance: 1e-6,
  confidence: 0.95,
} as const;

// Smallest Beta prior parameter: above 1, so the posterior's mode is inside (0, 1), and far
// enough above that a labeler who agrees every time still has 1 − α well above rounding
// (at least 0.01 / answers), which the E-step and the information matrix divide by.
const MIN_PRIOR = 1.01;

const OPTION_KEYS = ['validation', 'method', 'prior', 'scorePrior', 'maxIterations', 'tolerance', 'confidence'] as const;
const RESPONSE_KEYS = ['ranking', 'matchupId', 'left', 'right', 'outcome', 'labelerId'] as const;
const VALIDATION_KEYS = ['labelerId', 'answer', 'outcome'] as const;

function numberIn(value: unknown, path: string, low: number, high: number, lowOpen: boolean, highOpen: boolean, fallback: number): number {
  if (value === undefined) return fallback;
  const ok =
    typeof value === 'number' && Number.isFinite(value) && (lowOpen ? value > low : value >= low) && (highOpen ? value < high : value <= high);
  if (!ok) {
    throw new RankingInputError(path, `must be a finite number in ${lowOpen ? '(' : '['}${low}, ${high}${highOpen ? ')' : ']'}, got ${describeValue(value)}`);
  }
  return value as number;
}

function readPrior(value: unknown): [number, number] {
  if (value === undefined) return [TRUST_DEFAULTS.prior[0], TRUST_DEFAULTS.prior[1]];
  if (!Array.isArray(value) || value.length !== 2) {
    throw new RankingInputError('options.prior', `must be [a, b], two numbers in [${MIN_PRIOR}, 1e6], got ${describeValue(value)}`);
  }
  const a: unknown = value[0];
  const b: unknown = value[1];
  return [numberIn(a, 'options.prior[0]', MIN_PRIOR, 1e6, false, false, 0), numberIn(b, 'options.prior[1]', MIN_PRIOR, 1e6, false, false, 0)];
}

/**
 * Reads and checks the options (each read once). Returns them resolved, and the
 * validation list as given (read by {@link readTrustData}).
 * @internal
 */
export function readTrustOptions(options: unknown): { resolved: ResolvedTrustOptions; validation: unknown } {
  const [validation, method, prior, scorePrior, maxIterations, tolerance, confidence] = readOptions(options, OPTION_KEYS, 'options', 'options.');
  const [priorA, priorB] = readPrior(prior);
  const iterations = maxIterations === undefined ? TRUST_DEFAULTS.maxIterations : requirePositiveInteger(maxIterations, 'options.maxIterations');
  if (iterations > 100_000) throw new RankingInputError('options.maxIterations', `must be at most 100000, got ${iterations}`);
  return {
    validation,
    resolved: {
      method: method === undefined ? TRUST_DEFAULTS.method : requireOneOf(method, TRUST_METHODS, 'options.method'),
      priorA,
      priorB,
      scorePrior: numberIn(scorePrior, 'options.scorePrior', 0, 1e6, true, false, TRUST_DEFAULTS.scorePrior),
      maxIterations: iterations,
      tolerance: numberIn(tolerance, 'options.tolerance', 0, 0.1, true, false, TRUST_DEFAULTS.tolerance),
      confidence: numberIn(confidence, 'options.confidence', 0, 1, true, true, TRUST_DEFAULTS.confidence),
    },
  };
}

function outcomeCode(value: unknown, path: string): number {
  const outcome: Outcome = requireOneOf(value, OUTCOMES, path);
  return outcome === 'left' ? LEFT : outcome === 'right' ? RIGHT : DRAW;
}

/**
 * Reads the responses and validation answers once (each record's fields once, in one
 * pass) into {@link TrustData}. O(responses + validation answers).
 * @throws {@link RankingInputError} naming the record and field.
 * @internal
 */
export function readTrustData(responses: unknown, validation: unknown): TrustData {
  if (!Array.isArray(responses)) {
    throw new RankingInputError('responses', `must be an array of responses { ranking?, left, right, outcome, labelerId? } (job.comparisons({ perVote: true })), got ${describeValue(responses)}`);
  }
  if (validation !== undefined && !Array.isArray(validation)) {
    throw new RankingInputError('options.validation', `must be an array of { labelerId, answer, outcome }, got ${describeValue(validation)}`);
  }
  const count = responses.length;
  const labelerIndex = new Map<string, number>();
  const labelerIds: string[] = [];
  let anonymous = -1;
  const labelerOf = new Int32Array(count);
  const leftOf = new Int32Array(count);
  const rightOf = new Int32Array(count);
  const answer = new Uint8Array(count);
  const rankings = new Map<number, Map<string, number>>();
  const rankingOfDatapoint: number[] = [];
  const datapointIds: string[] = [];
  const internLabeler = (id: string): number => {
    let index = labelerIndex.get(id);
    if (index === undefined) {
      index = labelerIds.length;
      labelerIndex.set(id, index);
      labelerIds.push(id);
    }
    return index;
  };
  const internDatapoint = (ranking: number, id: string): number => {
    let ids = rankings.get(ranking);
    if (ids === undefined) {
      ids = new Map();
      rankings.set(ranking, ids);
    }
    let index = ids.get(id);
    if (index === undefined) {
      index = datapointIds.length;
      ids.set(id, index);
      datapointIds.push(id);
      rankingOfDatapoint.push(ranking);
    }
    return index;
  };
  // Anonymous responses get their labeler number once every named labeler is known.
  const anonymousResponses: number[] = [];
  for (let r = 0; r < count; r++) {
    const path = `responses[${r}]`;
    const item: unknown = responses[r];
    const [ranking, matchupId, left, right, outcome, labelerId] = readOptions(item, RESPONSE_KEYS, path, `${path}.`);
    const rankingIndex = ranking === undefined ? 0 : requireNonNegativeInteger(ranking, `${path}.ranking`);
    if (matchupId !== undefined && typeof matchupId !== 'string') {
      throw new RankingInputError(`${path}.matchupId`, `must be a string when given, got ${describeValue(matchupId)}`);
    }
    const leftId = requireNonEmptyString(left, `${path}.left`);
    const rightId = requireNonEmptyString(right, `${path}.right`);
    if (leftId === rightId) throw new RankingInputError(`${path}.right`, `must differ from left (both are ${describeValue(leftId)})`);
    answer[r] = outcomeCode(outcome, `${path}.outcome`);
    leftOf[r] = internDatapoint(rankingIndex, leftId);
    rightOf[r] = internDatapoint(rankingIndex, rightId);
    if (labelerId === undefined) anonymousResponses.push(r);
    else labelerOf[r] = internLabeler(requireNonEmptyString(labelerId, `${path}.labelerId`));
  }

  const answers = validation === undefined ? [] : (validation as unknown[]);
  const validationLength = answers.length;
  const validationCodes: [number, number, number][] = [];
  for (let v = 0; v < validationLength; v++) {
    const path = `options.validation[${v}]`;
    const item: unknown = answers[v];
    const [labelerId, known, outcome] = readOptions(item, VALIDATION_KEYS, path, `${path}.`);
    const id = requireNonEmptyString(labelerId, `${path}.labelerId`);
    validationCodes.push([internLabeler(id), outcomeCode(known, `${path}.answer`), outcomeCode(outcome, `${path}.outcome`)]);
  }
  if (anonymousResponses.length > 0) {
    anonymous = labelerIds.length;
    for (const r of anonymousResponses) labelerOf[r] = anonymous;
  }
  const labelerCount = labelerIds.length + (anonymous >= 0 ? 1 : 0);
  const validationRight = new Float64Array(labelerCount);
  const validationWrong = new Float64Array(labelerCount);
  const goldLeftRight = new Float64Array(labelerCount);
  const goldLeftWrong = new Float64Array(labelerCount);
  const goldRightRight = new Float64Array(labelerCount);
  const goldRightWrong = new Float64Array(labelerCount);
  for (const [k, known, given] of validationCodes) {
    if (known === given) validationRight[k]!++;
    else validationWrong[k]!++;
    if (known === DRAW) continue;
    const [agree, disagree] = known === LEFT ? [goldLeftRight, goldLeftWrong] : [goldRightRight, goldRightWrong];
    const agreement = given === DRAW ? 0.5 : given === known ? 1 : 0;
    agree[k]! += agreement;
    disagree[k]! += 1 - agreement;
  }
  return {
    labelerIds,
    anonymous,
    labelerCount,
    labelerOf,
    leftOf,
    rightOf,
    answer,
    rankingOfDatapoint,
    datapointIds,
    validationRight,
    validationWrong,
    goldLeftRight,
    goldLeftWrong,
    goldRightRight,
    goldRightWrong,
  };
}
