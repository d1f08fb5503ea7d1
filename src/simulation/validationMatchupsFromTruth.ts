/**
 * A validation set for simulations: pairs whose known answer comes from the hidden truth.
 *
 * The rule: the pairs are drawn uniformly at random, without repeats, among the pairs
 * whose true scores differ by at least `minDifference` Elo points (400 by default: 10:1
 * odds, so a careful Bradley–Terry labeler answers them right 91% of the time), and the
 * known answer is the datapoint with the higher true score. When fewer pairs differ that
 * much than are asked for, all of them are used; when none does, the one pair of the
 * best and the worst datapoint (a draw if even they tie), so a validation set always exists.
 *
 * Sampling without building the list of pairs: with the scores sorted, the partners of a
 * datapoint that differ enough from it are a prefix and a suffix of the order (two
 * pointers, O(n)); an ordered pair is one uniform index below their total, located by
 * binary search over the running counts, and a pair drawn twice is drawn again. When the
 * pairs asked for are at least half of those that qualify (at most 2 × 1 000 000 then),
 * they are listed and shuffled instead (a partial Fisher–Yates shuffle), so repeats
 * never dominate.
 * @module
 */
import { MAX_VALIDATION_MATCHUPS } from '../definition/normaliseValidation.js';
import type { ValidationMatchupInput } from '../definition/types.js';
import { RankingInputError, describeValue } from '../errors.js';
import { scoreEntries, type ScoreMap } from '../metrics/scoreMap.js';
import type { Rng } from '../rng/rng.js';
import { wideIndex } from '../rng/uniformDraws.js';
import { ownValue, requireOptionsObject, requirePositive, requirePositiveInteger } from '../validate.js';

/** Options of {@link validationMatchupsFromTruth}, every field optional. */
export interface ValidationFromTruthOptions {
  /**
   * How many validation pairs to draw: an integer in [1, 1 000 000] (the most a
   * definition takes); fewer when fewer pairs differ clearly (see the module rule).
   * @defaultValue 100
   */
  matchups?: number | undefined;
  /**
   * The least true-score difference, in Elo points, that makes a pair's answer clear:
   * finite and > 0.
   * @defaultValue 400 (10:1 odds)
   */
  minDifference?: number | undefined;
}

/** The option names of {@link ValidationFromTruthOptions}. @internal */
export const VALIDATION_FROM_TRUTH_OPTION_NAMES = ['matchups', 'minDifference'] as const;

/** Resolved {@link ValidationFromTruthOptions}. @internal */
export interface ResolvedValidationFromTruth {
  readonly matchups: number;
  readonly minDifference: number;
}

/** The defaults of {@link ValidationFromTruthOptions}. */
export const VALIDATION_FROM_TRUTH_DEFAULTS: Readonly<ResolvedValidationFromTruth> = /* @__PURE__ */ Object.freeze({ matchups: 100, minDifference: 400 });

/**
 * Checks the fields of {@link ValidationFromTruthOptions} in `object` (already read
 * once into a plain object) and fills in the defaults. @internal
 */
export function resolveValidationFromTruth(object: Record<string, unknown>, prefix: string): ResolvedValidationFromTruth {
  const matchupsValue = ownValue(object, 'matchups');
  const differenceValue = ownValue(object, 'minDifference');
  const matchups = matchupsValue === undefined ? VALIDATION_FROM_TRUTH_DEFAULTS.matchups : requirePositiveInteger(matchupsValue, `${prefix}matchups`);
  if (matchups > MAX_VALIDATION_MATCHUPS) {
    throw new RankingInputError(`${prefix}matchups`, `must be at most ${MAX_VALIDATION_MATCHUPS} (the most a definition takes), got ${matchups}`);
  }
  const minDifference = differenceValue === undefined ? VALIDATION_FROM_TRUTH_DEFAULTS.minDifference : requirePositive(differenceValue, `${prefix}minDifference`);
  return { matchups, minDifference };
}

/**
 * Draws a validation set from hidden true scores, as the module comment's rule says:
 * pairs whose true scores differ by at least `minDifference`, the known answer the
 * better datapoint (given as `left`, answer `'left'`: the job shows sides at random).
 * Pass the result as a definition's `validation.matchups`. Deterministic in the scores'
 * order, the options and `rng`. O(n log n + m log n) expected for n datapoints and m pairs.
 *
 * @param trueScores - True scores (Elo points) of the datapoints to draw from, at least 2,
 *   as a Map or a record.
 * @param options - See {@link ValidationFromTruthOptions}.
 * @param rng - Uniform draws in [0, 1), e.g. `createRng(seed)`; two per pair drawn.
 * @returns Fresh `{ left, right, answer }` pairs, no pair twice.
 * @throws {@link RankingInputError} for fewer than 2 scores, a key that is not a non-empty
 *   string, a score that is not finite, a bad option, or an `rng` that returns a value outside [0, 1).
 * @example
 * ```ts
 * const truth = generateTrueScores(ids, {}, createRng('truth'));
 * const matchups = validationMatchupsFromTruth(truth, { matchups: 50 }, createRng('gold'));
 * createRankingJobDefinition({ ...input, validation: { matchups, rate: 0.05 } });
 * ```
 */
export function validationMatchupsFromTruth(trueScores: ScoreMap, options: ValidationFromTruthOptions, rng: Rng): ValidationMatchupInput[] {
  const object = requireOptionsObject(options, VALIDATION_FROM_TRUTH_OPTION_NAMES, 'options', 'options.');
  const copy = { matchups: ownValue(object, 'matchups'), minDifference: ownValue(object, 'minDifference') };
  const resolved = resolveValidationFromTruth(copy, 'options.');
  if (typeof rng !== 'function') throw new RankingInputError('rng', `must be a random number generator () => number in [0, 1), got ${describeValue(rng)}`);
  const entries = scoreEntries(trueScores, 'trueScores');
  if (entries.length < 2) throw new RankingInputError('trueScores', `must score at least 2 datapoints, got ${entries.length}`);
  // The pairs go into a definition, whose datapoint ids are non-empty strings.
  for (const [id] of entries as readonly (readonly [unknown, number])[]) {
    if (typeof id !== 'string' || id.length === 0) throw new RankingInputError('trueScores', `must be keyed by non-empty datapoint ids, got the key ${describeValue(id)}`);
  }
  return drawValidationPairs(entries, resolved, rng);
}

/** {@link validationMatchupsFromTruth} on checked scores and options. @internal */
export function drawValidationPairs(entries: readonly (readonly [string, number])[], options: ResolvedValidationFromTruth, rng: Rng): ValidationMatchupInput[] {
  const n = entries.length;
  // Positions sorted by score, ties by input order, so the draw depends on nothing else.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => entries[a]![1] - entries[b]![1] || a - b);
  const score = Float64Array.from(order, (i) => entries[i]![1]);
  const { minDifference } = options;
  // Position p's clear partners: positions below low[p] and from high[p] on.
  const low = new Float64Array(n);
  const high = new Float64Array(n);
  // before[p]: the clear ordered pairs of the positions before p (exact: below n² ≤ 2^53).
  const before = new Float64Array(n + 1);
  let below = 0;
  let above = 0;
  for (let p = 0; p < n; p++) {
    while (below < n && score[below]! <= score[p]! - minDifference) below++;
    if (above < p + 1) above = p + 1;
    while (above < n && score[above]! < score[p]! + minDifference) above++;
    low[p] = below;
    high[p] = above;
    before[p + 1] = before[p]! + below + (n - above);
  }
  const orderedPairs = before[n]!;
  const pair = (p: number, q: number): ValidationMatchupInput => {
    const [better, worse] = score[p]! >= score[q]! ? [p, q] : [q, p];
    const answer = score[better] === score[worse] ? 'draw' : 'left';
    return { left: entries[order[better]!]![0], right: entries[order[worse]!]![0], answer };
  };
  if (orderedPairs === 0) return [pair(n - 1, 0)];
  const clearPairs = orderedPairs / 2;
  const wanted = Math.min(options.matchups, clearPairs);
  const draw = (): number => {
    const u = rng();
    if (typeof u !== 'number' || !(u >= 0 && u < 1)) {
      throw new RankingInputError('rng', `the random number generator must return numbers in [0, 1), returned ${describeValue(u)}`);
    }
    return u;
  };
  const chosen: ValidationMatchupInput[] = [];
  if (2 * wanted >= clearPairs) {
    // Every clear pair once (p below its partner), then the first `wanted` of a shuffle.
    const list: [number, number][] = [];
    for (let p = 0; p < n; p++) for (let q = high[p]!; q < n; q++) list.push([p, q]);
    for (let k = 0; k < wanted; k++) {
      const j = k + wideIndex(draw(), draw(), list.length - k);
      const picked = list[j]!;
      list[j] = list[k]!;
      chosen.push(pair(picked[0], picked[1]));
    }
    return chosen;
  }
  const seen = new Set<number>();
  while (chosen.length < wanted) {
    const t = wideIndex(draw(), draw(), orderedPairs);
    // The position p with before[p] ≤ t < before[p + 1], by binary search.
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (before[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    const r = t - before[lo]!;
    const q = r < low[lo]! ? r : high[lo]! + (r - low[lo]!);
    const key = Math.min(lo, q) * n + Math.max(lo, q);
    if (seen.has(key)) continue;
    seen.add(key);
    chosen.push(pair(lo, q));
  }
  return chosen;
}
