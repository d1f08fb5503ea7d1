/**
 * A labeler that follows the Bradley–Terry model (Bradley & Terry, "Rank analysis of
 * incomplete block designs: I", Biometrika 39(3/4), 1952) on the Elo scale.
 * @module
 */
import { expectedScoreUnchecked } from '../elo/eloDelta.js';
import { DEFAULT_ELO_SCALE } from '../elo/expectedScore.js';
import type { ScoreMap } from '../metrics/scoreMap.js';
import { ownValue, requireOptionsObject, requirePositive } from '../validate.js';
import { BEHAVIOR_OPTION_NAMES, choiceModelLabeler, resolveBehavior, type Labeler, type LabelerBehaviorOptions } from './labeler.js';

/** Options of {@link bradleyTerryLabeler}. */
export interface BradleyTerryLabelerOptions extends LabelerBehaviorOptions {
  /**
   * Score difference, in the true scores' units, that means 10:1 odds.
   * @defaultValue 400 (true scores on the Elo scale)
   */
  scale?: number | undefined;
}

/**
 * A labeler that picks the left datapoint with probability
 * `expectedScore(trueScores[left] + positionBias, trueScores[right], scale)`, after the
 * lapse and draw layers of {@link LabelerBehaviorOptions}. One rng draw per answer, O(1).
 *
 * @param trueScores - Hidden true scores on the Elo scale, keyed by datapoint id.
 * @param options - See {@link BradleyTerryLabelerOptions}.
 * @returns A {@link Labeler}; it throws {@link RankingInputError} for a datapoint without a true score.
 * @throws {@link RankingInputError} for a non-finite true score or a bad option.
 * @example
 * ```ts
 * const labeler = bradleyTerryLabeler(new Map([['a', 1400], ['b', 1200]]));
 * labeler({ id: 'm1', ranking: 0, left: 'a', right: 'b', kind: 'random' }, createRng(1)); // 'left' 76% of the time
 * ```
 */
export function bradleyTerryLabeler(trueScores: ScoreMap, options: BradleyTerryLabelerOptions = {}): Labeler {
  const object = requireOptionsObject(options, ['scale', ...BEHAVIOR_OPTION_NAMES], 'options', 'options.');
  const scaleOption = ownValue(object, 'scale');
  const scale = scaleOption === undefined ? DEFAULT_ELO_SCALE : requirePositive(scaleOption, 'options.scale');
  return choiceModelLabeler(trueScores, resolveBehavior(object, 'options.'), (difference) =>
    expectedScoreUnchecked(difference, 0, scale),
  );
}
