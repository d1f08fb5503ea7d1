/**
 * Hidden true scores for simulations, drawn from a few shapes that real rankings take.
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import type { Rng } from '../rng/rng.js';
import { ownValue, requireFinite, requireNonEmptyString, requireOneOf, requireOptionsObject, requirePositive, requirePositiveInteger } from '../validate.js';
import { standardNormalDraw } from '../stats/normalDistribution.js';

/** The shapes {@link generateTrueScores} can draw. */
export const TRUE_SCORE_DISTRIBUTIONS = ['normal', 'uniform', 'clustered', 'longTail'] as const;

/** A shape of true scores; see {@link generateTrueScores}. */
export type TrueScoreDistribution = (typeof TRUE_SCORE_DISTRIBUTIONS)[number];

/** Options of {@link generateTrueScores}, every field optional. */
export interface TrueScoreOptions {
  /** The shape of the scores. @defaultValue 'normal' */
  distribution?: TrueScoreDistribution | undefined;
  /**
   * Standard deviation of the distribution, in Elo points: every shape is scaled to
   * it, so shapes compare at equal spread. Finite, > 0.
   * @defaultValue 200
   */
  spread?: number | undefined;
  /** Mean of the distribution, in Elo points. Finite. @defaultValue 1200 */
  center?: number | undefined;
  /** Number of clusters of the 'clustered' shape: an integer in [1, 1000]. @defaultValue 4 */
  clusters?: number | undefined;
}

/** The option names of {@link TrueScoreOptions}. @internal */
export const TRUE_SCORE_OPTION_NAMES = ['distribution', 'spread', 'center', 'clusters'] as const;

/** {@link TrueScoreOptions} with every default filled in. */
export interface ResolvedTrueScoreOptions {
  /** The shape of the scores: as given, or the default `'normal'`. */
  readonly distribution: TrueScoreDistribution;
  /** Standard deviation of the scores (Elo points): as given, or the default 200. In (0, 1e9]. */
  readonly spread: number;
  /**
   * Mean of the scores (Elo points): as given, or the default 1200 (the definition's
   * initial rating in simulations and sweeps). Within ±1e9.
   */
  readonly center: number;
  /** Number of clusters of the 'clustered' shape (unused by the others): an integer in [1, 1000], as given or the default 4. */
  readonly clusters: number;
}

/** The defaults of {@link TrueScoreOptions}. */
export const TRUE_SCORE_DEFAULTS: ResolvedTrueScoreOptions = /* @__PURE__ */ Object.freeze({
  distribution: 'normal',
  spread: 200,
  center: 1200,
  clusters: 4,
});

// Within-cluster standard deviation as a share of the spread: tight clusters of near-ties.
const CLUSTER_WIDTH = 0.25;

/** Validates {@link TrueScoreOptions} and fills in the defaults. @internal */
export function resolveTrueScoreOptions(options: unknown, path: string): ResolvedTrueScoreOptions {
  const object = requireOptionsObject(options, TRUE_SCORE_OPTION_NAMES, path, `${path}.`);
  const distribution = ownValue(object, 'distribution');
  const spread = ownValue(object, 'spread');
  const center = ownValue(object, 'center');
  const clusters = ownValue(object, 'clusters');
  const resolved = {
    distribution: distribution === undefined ? TRUE_SCORE_DEFAULTS.distribution : requireOneOf(distribution, TRUE_SCORE_DISTRIBUTIONS, `${path}.distribution`),
    spread: spread === undefined ? TRUE_SCORE_DEFAULTS.spread : requirePositive(spread, `${path}.spread`),
    center: center === undefined ? TRUE_SCORE_DEFAULTS.center : requireFinite(center, `${path}.center`),
    clusters: clusters === undefined ? TRUE_SCORE_DEFAULTS.clusters : requirePositiveInteger(clusters, `${path}.clusters`),
  };
  if (resolved.clusters > 1000) throw new RankingInputError(`${path}.clusters`, `must be at most 1000, got ${resolved.clusters}`);
  if (Math.abs(resolved.center) > 1e9 || resolved.spread > 1e9) {
    throw new RankingInputError(path, 'center and spread must be within ±1e9 Elo points');
  }
  return resolved;
}

/**
 * Draws a hidden true score for every id, on the Elo scale, with the given mean
 * (`center`) and standard deviation (`spread`):
 * - `'normal'`: most datapoints near the middle, a few far out either way;
 * - `'uniform'`: evenly spread over center ± spread·√3;
 * - `'clustered'`: `clusters` evenly spaced tight groups (within-group sd a quarter of
 *   the spread), each datapoint in a random group: many near-ties inside a group;
 * - `'longTail'`: exponential, a few standouts far above a crowd of similar ones.
 *
 * Takes two rng draws per id for 'normal', three for 'clustered' and one for the
 * others. O(n).
 *
 * @param ids - Distinct non-empty datapoint ids.
 * @param options - See {@link TrueScoreOptions}.
 * @param rng - The random source.
 * @returns A Map from id to true score, in the order of `ids`.
 * @throws {@link RankingInputError} for a duplicate or empty id or a bad option.
 * @example
 * ```ts
 * const truth = generateTrueScores(['a', 'b', 'c'], { distribution: 'clustered', spread: 150 }, createRng(7));
 * ```
 */
export function generateTrueScores(ids: readonly string[], options: TrueScoreOptions, rng: Rng): Map<string, number> {
  if (!Array.isArray(ids)) throw new RankingInputError('ids', `must be an array of datapoint ids, got ${describeValue(ids)}`);
  const seen = new Set<string>();
  ids.forEach((id: unknown, i) => {
    requireNonEmptyString(id, `ids[${i}]`);
    if (seen.has(id as string)) throw new RankingInputError(`ids[${i}]`, `duplicates datapoint ${describeValue(id)}`);
    seen.add(id as string);
  });
  const { distribution, spread, center, clusters } = resolveTrueScoreOptions(options, 'options');
  if (typeof rng !== 'function') throw new RankingInputError('rng', `must be a function returning numbers in [0, 1), got ${describeValue(rng)}`);
  const draw = standardisedDraw(distribution, clusters);
  const scores = new Map<string, number>();
  const checkedRng = (): number => checkedUniform(rng);
  for (const id of ids) scores.set(id, center + spread * draw(checkedRng));
  return scores;
}

// A draw with mean 0 and standard deviation 1 from the named shape.
function standardisedDraw(distribution: TrueScoreDistribution, clusters: number): (rng: Rng) => number {
  switch (distribution) {
    case 'normal':
      return standardNormalDraw;
    case 'uniform':
      return (rng) => Math.sqrt(3) * (2 * rng() - 1);
    case 'longTail':
      // Exp(1) has mean 1 and sd 1; 1 − u keeps the logarithm finite.
      return (rng) => -Math.log(1 - rng()) - 1;
    case 'clustered': {
      // Evenly spaced centres (variance gap²(k² − 1)/12) plus within-cluster noise, sized so the total variance is 1.
      const gap = clusters === 1 ? 0 : Math.sqrt(((1 - CLUSTER_WIDTH ** 2) * 12) / (clusters * clusters - 1));
      const width = clusters === 1 ? 1 : CLUSTER_WIDTH;
      return (rng) => {
        const cluster = Math.min(clusters - 1, Math.floor(rng() * clusters));
        return (cluster - (clusters - 1) / 2) * gap + width * standardNormalDraw(rng);
      };
    }
  }
}

function checkedUniform(rng: Rng): number {
  const u = rng();
  if (!(u >= 0 && u < 1)) throw new RankingInputError('rng', `must return numbers in [0, 1), returned ${describeValue(u)}`);
  return u;
}
