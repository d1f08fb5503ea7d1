/**
 * Simulated labelers: functions that answer matchups, for demos, simulations and tests.
 *
 * Every model here answers in three layers, with one uniform draw split into ranges so
 * that an answer always costs exactly one draw (a crowd takes one more, to pick the member):
 * 1. a lapse (`lapseRate`): a random click, left or right with equal odds;
 * 2. otherwise a draw (`drawRate`): the labeler says the two are equally good;
 * 3. otherwise the model's choice, with `positionBias` Elo points added to the left
 *    datapoint's true score (people favour the side they read first), turned around
 *    with probability `flipRate` (an adversary, or someone who misread the question).
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import type { Matchup, Outcome } from '../job/types.js';
import { scoreEntries, type ScoreMap } from '../metrics/scoreMap.js';
import type { Rng } from '../rng/rng.js';
import { ownValue, requireFinite, requireNonEmptyString, requireUnitInterval } from '../validate.js';

/**
 * Answers a matchup the way a person (or a model) would: 'left', 'right' or 'draw'.
 * Randomness comes from the injected `rng`, so a simulation is reproducible.
 */
export type Labeler = (matchup: Matchup, rng: Rng) => Outcome;

/** An answer together with who gave it: what an {@link IdentifiedLabeler} returns. */
export interface LabelerAnswer {
  /** The answer. */
  readonly outcome: Outcome;
  /** Who answered: a non-empty string, passed to `recordResponse` as `labelerId`. */
  readonly labelerId: string;
}

/**
 * A labeler that also says who answered: a crowd of named labelers. Simulations pass
 * the `labelerId` on to `recordResponse`, so the job (and trust estimation) sees who
 * gave each answer.
 */
export type IdentifiedLabeler = (matchup: Matchup, rng: Rng) => LabelerAnswer;

/** Behaviour shared by every labeler model, every field optional. */
export interface LabelerBehaviorOptions {
  /**
   * Elo points added to the left datapoint's true score before the model chooses: a
   * pull towards the left side. Finite; negative values pull to the right.
   * @defaultValue 0
   */
  positionBias?: number | undefined;
  /**
   * Share of answers that are random clicks (left or right with equal odds), in [0, 1].
   * @defaultValue 0
   */
  lapseRate?: number | undefined;
  /**
   * Share of the remaining answers that are 'draw', in [0, 1].
   * @defaultValue 0
   */
  drawRate?: number | undefined;
  /**
   * Share of the model's choices (not of the lapses or draws) that are turned around,
   * in [0, 1]: 1 is an adversary who picks the worse datapoint as reliably as a careful
   * labeler picks the better one. In the Crowd-BT model (Chen et al., WSDM 2013) this
   * labeler's η is 1 − flipRate.
   * @defaultValue 0
   */
  flipRate?: number | undefined;
}

/** The option names of {@link LabelerBehaviorOptions}. @internal */
export const BEHAVIOR_OPTION_NAMES = ['positionBias', 'lapseRate', 'drawRate', 'flipRate'] as const;

/** Resolved {@link LabelerBehaviorOptions}. @internal */
export interface LabelerBehavior {
  readonly positionBias: number;
  readonly lapseRate: number;
  readonly drawRate: number;
  readonly flipRate: number;
}

/** Validates and fills in the behaviour options of a labeler. @internal */
export function resolveBehavior(object: Record<string, unknown>, prefix: string): LabelerBehavior {
  const bias = ownValue(object, 'positionBias');
  const lapse = ownValue(object, 'lapseRate');
  const draw = ownValue(object, 'drawRate');
  const flip = ownValue(object, 'flipRate');
  return {
    positionBias: bias === undefined ? 0 : requireFinite(bias, `${prefix}positionBias`),
    lapseRate: lapse === undefined ? 0 : requireUnitInterval(lapse, `${prefix}lapseRate`),
    drawRate: draw === undefined ? 0 : requireUnitInterval(draw, `${prefix}drawRate`),
    flipRate: flip === undefined ? 0 : requireUnitInterval(flip, `${prefix}flipRate`),
  };
}

/**
 * A labeler from a choice model: `leftWins(difference)` is the model's probability that
 * the left datapoint wins given its true-score lead (bias included). With `tieIsDraw`, an
 * exact tie is answered 'draw' instead (the noiseless model). O(1) per answer, exactly
 * one draw.
 * @internal
 */
export function choiceModelLabeler(
  trueScores: ScoreMap,
  behaviour: LabelerBehavior,
  leftWins: (difference: number) => number,
  tieIsDraw = false,
): Labeler {
  const truth = new Map(scoreEntries(trueScores, 'trueScores'));
  const trueScoreOf = (id: string): number => {
    const score = truth.get(id);
    if (score === undefined) throw new RankingInputError('trueScores', `has no score for datapoint ${describeValue(id)}`);
    return score;
  };
  const { positionBias, lapseRate, drawRate, flipRate } = behaviour;
  const drawEnd = lapseRate + (1 - lapseRate) * drawRate;
  // Without flips the model's probability is used as it is, so existing runs keep every bit.
  const chooseLeft = flipRate === 0 ? leftWins : (difference: number) => {
    const p = leftWins(difference);
    return p + flipRate * (1 - 2 * p);
  };
  return (matchup, rng) => {
    const [left, right] = matchupSides(matchup);
    const difference = trueScoreOf(left) + positionBias - trueScoreOf(right);
    const u = labelerDraw(rng);
    if (u < lapseRate) return u < lapseRate / 2 ? 'left' : 'right';
    if (u < drawEnd) return 'draw';
    if (tieIsDraw && difference === 0) return 'draw';
    // Past the earlier ranges u is uniform in [drawEnd, 1), so this is a P(left) coin.
    return u - drawEnd < chooseLeft(difference) * (1 - drawEnd) ? 'left' : 'right';
  };
}

/**
 * The two datapoints of the matchup a labeler is asked about, each read once.
 * @throws {@link RankingInputError} at `matchup`, `matchup.left` or `matchup.right`.
 * @internal
 */
export function matchupSides(matchup: unknown): [string, string] {
  if (typeof matchup !== 'object' || matchup === null) {
    throw new RankingInputError('matchup', `must be a matchup object { left, right, … }, got ${describeValue(matchup)}`);
  }
  const sides = matchup as Record<string, unknown>;
  return [requireNonEmptyString(ownValue(sides, 'left'), 'matchup.left'), requireNonEmptyString(ownValue(sides, 'right'), 'matchup.right')];
}

/**
 * One draw from the random number generator a labeler is given, checked: a labeler
 * that answers from NaN or 2 would answer wrongly without a word.
 * @throws {@link RankingInputError} at `rng` when it is not a function or returns a value outside [0, 1).
 * @internal
 */
export function labelerDraw(rng: unknown): number {
  if (typeof rng !== 'function') throw new RankingInputError('rng', `must be a random number generator () => number in [0, 1), got ${describeValue(rng)}`);
  const u: unknown = rng();
  if (typeof u !== 'number' || !(u >= 0 && u < 1)) {
    throw new RankingInputError('rng', `the random number generator must return numbers in [0, 1), returned ${describeValue(u)}`);
  }
  return u;
}
