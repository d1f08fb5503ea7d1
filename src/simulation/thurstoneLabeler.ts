/**
 * A labeler that follows Thurstone's law of comparative judgement, case V (L. L.
 * Thurstone, "A law of comparative judgment", Psychological Review 34(4), 1927): each
 * datapoint is perceived as its true score plus independent normal noise, and the
 * labeler picks the one perceived higher.
 * @module
 */
import type { ScoreMap } from '../metrics/scoreMap.js';
import { ownValue, requireOptionsObject, requirePositive } from '../validate.js';
import { BEHAVIOR_OPTION_NAMES, choiceModelLabeler, resolveBehavior, type Labeler, type LabelerBehaviorOptions } from './labeler.js';
import { standardNormalCdf } from '../stats/normalDistribution.js';

/**
 * Default perception noise: the standard deviation (Elo points) at which Thurstone's
 * choice curve has the same slope at an even matchup as the Bradley–Terry curve on the
 * Elo scale (ln 10 / 1600 per point), so the two models are equally sharp for close
 * pairs: σ = 800 / (ln 10 · √π) ≈ 196.0.
 */
export const DEFAULT_THURSTONE_NOISE = 800 / (Math.LN10 * Math.sqrt(Math.PI));

/** Options of {@link thurstoneLabeler}. */
export interface ThurstoneLabelerOptions extends LabelerBehaviorOptions {
  /**
   * Standard deviation of the noise on each perceived score, in the true scores' units.
   * @defaultValue {@link DEFAULT_THURSTONE_NOISE} (≈ 196 Elo points)
   */
  noise?: number | undefined;
}

/**
 * A labeler that picks the left datapoint with probability
 * Φ((trueScores[left] + positionBias − trueScores[right]) / (noise · √2)), the chance
 * that its noisy perception is the higher one, after the lapse and draw layers of
 * {@link LabelerBehaviorOptions}. Compared with Bradley–Terry, the normal tails make
 * upsets between distant datapoints rarer. One rng draw per answer, O(1).
 *
 * @param trueScores - Hidden true scores on the Elo scale, keyed by datapoint id.
 * @param options - See {@link ThurstoneLabelerOptions}.
 * @returns A {@link Labeler}; it throws {@link RankingInputError} for a datapoint without a true score.
 * @throws {@link RankingInputError} for a non-finite true score or a bad option.
 * @example
 * ```ts
 * const labeler = thurstoneLabeler(new Map([['a', 1400], ['b', 1200]]), { noise: 150 });
 * labeler({ id: 'm1', ranking: 0, left: 'a', right: 'b', kind: 'random' }, createRng(1)); // 'left' 83% of the time
 * ```
 */
export function thurstoneLabeler(trueScores: ScoreMap, options: ThurstoneLabelerOptions = {}): Labeler {
  const object = requireOptionsObject(options, ['noise', ...BEHAVIOR_OPTION_NAMES], 'options', 'options.');
  const noiseOption = ownValue(object, 'noise');
  const noise = noiseOption === undefined ? DEFAULT_THURSTONE_NOISE : requirePositive(noiseOption, 'options.noise');
  // The difference of two independent perceptions has standard deviation noise·√2.
  const differenceSd = noise * Math.SQRT2;
  return choiceModelLabeler(trueScores, resolveBehavior(object, 'options.'), (difference) =>
    standardNormalCdf(difference / differenceSd),
  );
}
