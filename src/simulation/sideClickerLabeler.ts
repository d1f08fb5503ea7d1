/**
 * A labeler who clicks the same side whatever is shown: the left-clicker of crowd
 * work, who answers without looking. Its answers agree with any consensus about half
 * the time (sides are assigned at random), so only its position bias gives it away.
 * @module
 */
import { ownValue, requireOneOf, requireOptionsObject, requireUnitInterval } from '../validate.js';
import { labelerDraw, matchupSides, type Labeler } from './labeler.js';

/** The sides a {@link sideClickerLabeler} can click. */
export const CLICKED_SIDES = ['left', 'right'] as const;

/** Options of {@link sideClickerLabeler}, every field optional. */
export interface SideClickerLabelerOptions {
  /** The side it clicks. @defaultValue 'left' */
  side?: 'left' | 'right' | undefined;
  /** Share of answers that are random clicks instead (left or right with equal odds), in [0, 1]. @defaultValue 0 */
  lapseRate?: number | undefined;
  /** Share of the remaining answers that are 'draw', in [0, 1]. @defaultValue 0 */
  drawRate?: number | undefined;
}

/** The option names of {@link SideClickerLabelerOptions}. @internal */
export const SIDE_CLICKER_OPTION_NAMES = ['side', 'lapseRate', 'drawRate'] as const;

/**
 * A labeler that answers `side` (after the lapse and draw layers every labeler has),
 * whatever the datapoints. It needs no true scores. Like every model it takes exactly
 * one rng draw per answer, so swapping it into a crowd keeps the other streams aligned.
 * O(1) per answer.
 *
 * @param options - See {@link SideClickerLabelerOptions}.
 * @returns A {@link Labeler}.
 * @throws {@link RankingInputError} for a bad option.
 * @example
 * ```ts
 * const leftClicker = sideClickerLabeler();
 * leftClicker({ id: 'm1', ranking: 0, left: 'a', right: 'b', kind: 'random' }, createRng(1)); // 'left'
 * ```
 */
export function sideClickerLabeler(options: SideClickerLabelerOptions = {}): Labeler {
  const object = requireOptionsObject(options, SIDE_CLICKER_OPTION_NAMES, 'options', 'options.');
  const sideValue = ownValue(object, 'side');
  const lapseValue = ownValue(object, 'lapseRate');
  const drawValue = ownValue(object, 'drawRate');
  const side = sideValue === undefined ? 'left' : requireOneOf(sideValue, CLICKED_SIDES, 'options.side');
  const lapseRate = lapseValue === undefined ? 0 : requireUnitInterval(lapseValue, 'options.lapseRate');
  const drawRate = drawValue === undefined ? 0 : requireUnitInterval(drawValue, 'options.drawRate');
  const drawEnd = lapseRate + (1 - lapseRate) * drawRate;
  return (matchup, rng) => {
    matchupSides(matchup);
    const u = labelerDraw(rng);
    if (u < lapseRate) return u < lapseRate / 2 ? 'left' : 'right';
    if (u < drawEnd) return 'draw';
    return side;
  };
}
