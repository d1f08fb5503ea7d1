/**
 * Many Elo updates (Elo 1978) in one call, over typed arrays: the kernel for replaying
 * logs of millions of answers, where a call per answer and a tuple per call cost more
 * than the arithmetic.
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { readOptions } from '../validate.js';
import { eloQuantum } from './eloDelta.js';
import {
  K_FACTOR_RANGE,
  highestKFactor,
  lowestKFactor,
  requireEloScale,
  requireKFactor,
  requireRating,
} from './eloParameters.js';
import { DEFAULT_ELO_SCALE } from './expectedScore.js';
import { fastEloDelta } from './fastEloDelta.js';
import { onSharedMemory, typedArrayLength, typedArrayName } from './typedArrayIntrinsics.js';
import { DEFAULT_K_FACTOR } from './updateElo.js';

/** Options of {@link updateEloBatch}; every field is optional. */
export interface UpdateEloBatchOptions {
  /**
   * Largest change one record makes, in [scale / 1e6, min(1e9, 1e6 × scale)].
   * @defaultValue 40
   */
  readonly kFactor?: number;
  /**
   * Points for 10:1 odds, in [1e-6, 1e9].
   * @defaultValue 400
   */
  readonly scale?: number;
  /**
   * One weight per record: record k moves the ratings as `updateElo` with K-factor
   * `kFactor × weights[k]` does. A weight of 0 leaves both ratings as they are; any
   * other weight must put that product in the K-factor's range.
   * @defaultValue every record weighs 1
   */
  readonly weights?: Float64Array;
}

const OPTION_KEYS = ['kFactor', 'scale', 'weights'] as const;

/**
 * The ratings after replaying a sequence of matchups in order, each record `k` an Elo
 * update of datapoints `left[k]` and `right[k]` with score `scores[k]` for the left one:
 * exactly, bit for bit, what calling {@link updateElo} on each record in turn gives, with
 * the same zero-sum rounding grid. Runs in O(ratings + records); the arguments are never
 * mutated.
 *
 * The updates are made on a copy of the ratings, returned only when every record passed
 * its check, so a refused call changes nothing. Arrays on a SharedArrayBuffer,
 * which another thread may change at any time, are copied first, and the copies are
 * checked and used; other arrays are read in place (nothing else can change them during
 * the call), so the call allocates only the returned array.
 *
 * @param ratings - The ratings before the first record, indexed by datapoint; each in [-1e300, 1e300].
 * @param left - One datapoint index per record, in [0, ratings.length).
 * @param right - The other datapoint of each record: in range and not `left[k]`.
 * @param scores - The left datapoint's score per record, in [0, 1]: 1 win, 0.5 draw, 0
 *   loss, or a share. A `Uint8Array` of 0 and 1 keeps a log of wins and losses compact.
 * @param options - K-factor, scale and per-record weights; see {@link UpdateEloBatchOptions}.
 * @returns A new `Float64Array` of the ratings after the last record.
 * @throws {@link RankingInputError} naming the field (`left[12]`, `scores[3]`,
 *   `weights[7]`, `ratings[0]`, `kFactor`, …) for an array of another kind, arrays of
 *   different lengths, an index out of range, a record pairing a datapoint with itself, a
 *   score outside [0, 1], a rating outside [-1e300, 1e300], a K-factor or scale outside
 *   the ranges of `updateElo`, or a weight that is not 0 and puts K × weight outside the
 *   K-factor's range. A refused call returns nothing and changes nothing.
 * @example
 * ```ts
 * const ratings = new Float64Array([1200, 1200, 1200]);
 * const after = updateEloBatch(ratings, Int32Array.of(0, 1), Int32Array.of(1, 2), Uint8Array.of(1, 1));
 * // after: [1220, 1201.15…, 1178.84…]; ratings is unchanged
 * ```
 */
export function updateEloBatch(
  ratings: Float64Array,
  left: Int32Array | Uint32Array,
  right: Int32Array | Uint32Array,
  scores: Float64Array | Uint8Array,
  options: UpdateEloBatchOptions = {},
): Float64Array {
  const [kOption, scaleOption, weightsOption] = readOptions(options, OPTION_KEYS, 'options', '');
  const scale = requireEloScale(scaleOption ?? DEFAULT_ELO_SCALE, 'scale');
  const kFactor = requireKFactor(kOption ?? DEFAULT_K_FACTOR, scale, 'kFactor');
  const n = requireArray(ratings, ['Float64Array'], 'ratings');
  const records = requireArray(left, ['Int32Array', 'Uint32Array'], 'left');
  requireLength(right, ['Int32Array', 'Uint32Array'], records, 'right');
  requireLength(scores, ['Float64Array', 'Uint8Array'], records, 'scores');
  if (weightsOption !== undefined) requireLength(weightsOption, ['Float64Array'], records, 'weights');
  const lefts = unshared(left);
  const rights = unshared(right);
  const points = unshared(scores);
  const weights = weightsOption === undefined ? undefined : unshared(weightsOption as Float64Array);

  // The copy every check and update reads; `set` copies a typed array's elements directly.
  const next = new Float64Array(n);
  next.set(ratings);
  for (let i = 0; i < n; i++) requireRating(next[i], `ratings[${i}]`);
  if (weights === undefined) {
    // Each record is checked as it comes, in the same loop as the updates (one pass over
    // the records, not two): a refused one throws away the copy, so the caller's arrays
    // are as they were, and the error is the same first bad record a check before would find.
    replay(next, lefts, rights, points, kFactor, scale);
  } else {
    checkRecords(lefts, rights, points, n);
    checkWeights(weights, kFactor, scale);
    replayWeighted(next, lefts, rights, points, kFactor, scale, weights);
  }
  return next;
}

// The array itself, or a copy of it if it lives on shared memory (a fresh array filled
// by `set`: slice() would call a species constructor the caller may have replaced).
function unshared<T extends Int32Array | Uint32Array | Float64Array | Uint8Array>(array: T): T {
  if (!onSharedMemory(array)) return array;
  const length = typedArrayLength(array);
  const kind = typedArrayName(array);
  const copy = kind === 'Int32Array' ? new Int32Array(length) : kind === 'Uint32Array' ? new Uint32Array(length) : kind === 'Uint8Array' ? new Uint8Array(length) : new Float64Array(length);
  copy.set(array);
  return copy as T;
}

// Throws for the first record with an index out of range, a datapoint against itself or a bad score.
function checkRecords(left: Int32Array | Uint32Array, right: Int32Array | Uint32Array, scores: Float64Array | Uint8Array, n: number): void {
  const records = typedArrayLength(left);
  for (let k = 0; k < records; k++) {
    const a = left[k]!;
    const b = right[k]!;
    const score = scores[k]!;
    if (!(a >= 0 && a < n && b >= 0 && b < n && a !== b && score >= 0 && score <= 1)) refuseRecord(k, a, b, score, n);
  }
}

// Throws for the first weight that is neither 0 nor puts K × weight in the K-factor's range.
function checkWeights(weights: Float64Array, kFactor: number, scale: number): void {
  const lowest = lowestKFactor(scale);
  const highest = highestKFactor(scale);
  const records = typedArrayLength(weights);
  for (let k = 0; k < records; k++) {
    const weight = weights[k]!;
    const product = kFactor * weight;
    if (weight !== 0 && !(product >= lowest && product <= highest)) {
      throw new RankingInputError(
        `weights[${k}]`,
        `must be 0 or a number that puts kFactor × weight in [${lowest}, ${highest}] (${K_FACTOR_RANGE}, kFactor ${kFactor}, scale ${scale}), got ${describeValue(weight)}`,
      );
    }
  }
}

// The updates, each record checked before it is applied (see updateEloBatch).
function replay(
  next: Float64Array,
  left: Int32Array | Uint32Array,
  right: Int32Array | Uint32Array,
  scores: Float64Array | Uint8Array,
  kFactor: number,
  scale: number,
): void {
  const records = typedArrayLength(left);
  const n = next.length;
  const quantum = eloQuantum(kFactor, scale);
  const inverseQuantum = 1 / quantum;
  const lnTenOverScale = Math.LN10 / scale;
  for (let k = 0; k < records; k++) {
    const a = left[k]!;
    const b = right[k]!;
    const score = scores[k]!;
    // checkRecords' test, written out: as a shared function it cost 6% of this loop (b of
    // `npm run bench`, 1.43–1.47× against 1.33–1.37×, both builds bundled alike).
    if (!(a >= 0 && a < n && b >= 0 && b < n && a !== b && score >= 0 && score <= 1)) refuseRecord(k, a, b, score, n);
    const ratingA = next[a]!;
    const ratingB = next[b]!;
    // |rating| ≤ 1e300 and |delta| ≤ K ≤ 1e9: ratings stay in range, as updateElo requires.
    const delta = fastEloDelta(ratingA, ratingB, score, kFactor, scale, quantum, inverseQuantum, lnTenOverScale);
    next[a] = ratingA + delta;
    next[b] = ratingB - delta;
  }
}

// The updates with K × weights[k], on checked records and weights.
function replayWeighted(
  next: Float64Array,
  left: Int32Array | Uint32Array,
  right: Int32Array | Uint32Array,
  scores: Float64Array | Uint8Array,
  kFactor: number,
  scale: number,
  weights: Float64Array,
): void {
  const records = typedArrayLength(left);
  const lnTenOverScale = Math.LN10 / scale;
  // The grid depends on K × weight; logs mostly repeat one weight, so keep the last one's.
  let lastWeight = Number.NaN;
  let weightedK = 0;
  let quantum = 0;
  let inverseQuantum = 0;
  for (let k = 0; k < records; k++) {
    const weight = weights[k]!;
    if (weight === 0) continue;
    if (weight !== lastWeight) {
      lastWeight = weight;
      weightedK = kFactor * weight;
      quantum = eloQuantum(weightedK, scale);
      inverseQuantum = 1 / quantum;
    }
    const a = left[k]!;
    const b = right[k]!;
    const ratingA = next[a]!;
    const ratingB = next[b]!;
    const delta = fastEloDelta(ratingA, ratingB, scores[k]!, weightedK, scale, quantum, inverseQuantum, lnTenOverScale);
    next[a] = ratingA + delta;
    next[b] = ratingB - delta;
  }
}

// Throws for the first field of record k that is wrong (the values as read).
function refuseRecord(k: number, a: number, b: number, score: number, n: number): never {
  if (!(a >= 0 && a < n)) throw new RankingInputError(`left[${k}]`, `must be a datapoint index in [0, ${n - 1}] (ratings has ${n}), got ${a}`);
  if (!(b >= 0 && b < n)) throw new RankingInputError(`right[${k}]`, `must be a datapoint index in [0, ${n - 1}] (ratings has ${n}), got ${b}`);
  if (a === b) throw new RankingInputError(`right[${k}]`, `must differ from left[${k}] (${a}): a matchup needs two datapoints`);
  throw new RankingInputError(`scores[${k}]`, `must be a number in [0, 1] (1 win, 0.5 draw, 0 loss), got ${describeValue(score)}`);
}

// The element count of a typed array of one of the allowed kinds.
function requireArray(value: unknown, kinds: readonly string[], path: string): number {
  const kind = typedArrayName(value);
  if (kind === undefined || !kinds.includes(kind)) {
    throw new RankingInputError(path, `must be a ${kinds.join(' or ')}, got ${kind === undefined ? describeValue(value) : `a ${kind}`}`);
  }
  return typedArrayLength(value as ArrayBufferView);
}

function requireLength(value: unknown, kinds: readonly string[], length: number, path: string): void {
  const actual = requireArray(value, kinds, path);
  if (actual !== length) throw new RankingInputError(path, `must have one element per record, as left does (${length}), got ${actual}`);
}
