/**
 * A labeler without noise: the better datapoint always wins.
 * @module
 */
import type { ScoreMap } from '../metrics/scoreMap.js';
import { requireOptionsObject } from '../validate.js';
import { BEHAVIOR_OPTION_NAMES, choiceModelLabeler, resolveBehavior, type Labeler, type LabelerBehaviorOptions } from './labeler.js';

/**
 * A labeler that picks the datapoint with the higher true score (left's score plus
 * `positionBias`) and answers 'draw' on an exact tie, after the lapse and draw layers of
 * {@link LabelerBehaviorOptions}. Useful as the best case: what a budget buys when
 * every answer is right. One rng draw per answer, O(1).
 *
 * @param trueScores - Hidden true scores, keyed by datapoint id.
 * @param options - See {@link LabelerBehaviorOptions}.
 * @returns A {@link Labeler}; it throws {@link RankingInputError} for a datapoint without a true score.
 * @throws {@link RankingInputError} for a non-finite true score or a bad option.
 * @example
 * ```ts
 * const labeler = noiselessLabeler(new Map([['a', 1400], ['b', 1200]]));
 * labeler({ id: 'm1', ranking: 0, left: 'a', right: 'b', kind: 'random' }, createRng(1)); // always 'left'
 * ```
 */
export function noiselessLabeler(trueScores: ScoreMap, options: LabelerBehaviorOptions = {}): Labeler {
  const object = requireOptionsObject(options, BEHAVIOR_OPTION_NAMES, 'options', 'options.');
  return choiceModelLabeler(trueScores, resolveBehavior(object, 'options.'), (difference) => (difference > 0 ? 1 : 0), true);
}
