/**
 * A labeler that follows the Bradley–Terry model (Bradley & Terry, "Rank analysis of
 * incomplete block designs: I", Biometrika 39(3/4), 1952) on the Elo scale.
 * @module
 */
import { expectedScoreUnchecked } from '../elo/eloDelta.js';
import { DEFAULT_ELO_SCALE } from '../elo/expectedScore.js';
import { RankingInputError, describeValue } from '../errors.js';
import { scoreEntries, type ScoreMap } from '../metrics/scoreMap.js';
import { ownValue, requireOptionsObject, requirePositive } from '../validate.js';
import type { Labeler } from './labeler.js';

/** Options of {@link bradleyTerryLabeler}. */
export interface BradleyTerryLabelerOptions {
  /**
   * Score difference, in the true scores' units, that means 10:1 odds.
   * @defaultValue 400 (true scores on the Elo scale)
   */
  scale?: number | undefined;
}

/**
 * A labeler that picks the left datapoint with probability
 * `expectedScore(trueScores[left], trueScores[right], scale)` and the right one
 * otherwise (it never answers 'draw'). One rng draw per answer, O(1).
 *
 * @param trueScores - Hidden true scores on the Elo scale, keyed by datapoint id.
 * @param options - See {@link BradleyTerryLabelerOptions}.
 * @returns A {@link Labeler}; it throws {@link RankingInputError} for a datapoint without a true score.
 * @throws {@link RankingInputError} for a non-finite true score or a bad scale.
 * @example
 * ```ts
 * const labeler = bradleyTerryLabeler(new Map([['a', 1400], ['b', 1200]]));
 * labeler({ id: 'm1', ranking: 0, left: 'a', right: 'b', kind: 'random' }, createRng(1)); // 'left' 76% of the time
 * ```
 */
export function bradleyTerryLabeler(trueScores: ScoreMap, options: BradleyTerryLabelerOptions = {}): Labeler {
  const truth = new Map(scoreEntries(trueScores, 'trueScores'));
  const object = requireOptionsObject(options, ['scale'], 'options', 'options.');
  const scaleOption = ownValue(object, 'scale');
  const scale = scaleOption === undefined ? DEFAULT_ELO_SCALE : requirePositive(scaleOption, 'options.scale');
  const trueScoreOf = (id: string): number => {
    const score = truth.get(id);
    if (score === undefined) throw new RankingInputError('trueScores', `has no score for datapoint ${describeValue(id)}`);
    return score;
  };
  return (matchup, rng) =>
    rng() < expectedScoreUnchecked(trueScoreOf(matchup.left), trueScoreOf(matchup.right), scale) ? 'left' : 'right';
}
