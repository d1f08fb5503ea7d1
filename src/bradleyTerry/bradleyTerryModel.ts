/**
 * The Bradley–Terry model as the Newton iterations see it.
 *
 * Model: P(i beats j) = σ(θ_i − θ_j), σ the logistic function (Bradley & Terry, "Rank
 * analysis of incomplete block designs: I", Biometrika 39(3/4), 1952; Zermelo 1929).
 * With a position effect, P(left wins) = σ(θ_left − θ_right + γ), the home-advantage
 * form of Agresti, "Categorical Data Analysis", 2nd ed., 2002, §10.6.3. A draw counts as
 * half a win for each side, as in Elo ratings.
 * @internal
 * @module
 */
import { RankingInputError } from '../errors.js';
import type { ResolvedBradleyTerryOptions } from './bradleyTerryOptions.js';
import { pairTotals, type ComparisonTableData } from './comparisonTableData.js';

/** The likelihood's terms: games whose winner's odds are σ(θ_low − θ_high + sign·γ). @internal */
export interface PairGroup {
  readonly sign: number;
  readonly lowWins: Float64Array;
  readonly highWins: Float64Array;
}

/** What the Newton iterations work on; `size` is n, plus 1 for γ (stored at index n). @internal */
export interface Model {
  readonly n: number;
  readonly size: number;
  readonly low: Int32Array;
  readonly high: Int32Array;
  readonly groups: readonly PairGroup[];
  readonly prior: number;
  readonly positionEffect: boolean;
}

/**
 * The model of a table: its pairs, their games grouped by how γ enters their odds (a
 * single group without the position effect), and the prior. O(pairs).
 *
 * @throws {@link RankingInputError} when the position effect is asked for without
 *   comparison records, or, with `prior` 0, when the left side won (or lost) every one.
 * @internal
 */
export function buildModel(data: ComparisonTableData, options: ResolvedBradleyTerryOptions): Model {
  const n = data.ids.length;
  const sum = (values: Float64Array): number => values.reduce((total, value) => total + value, 0);
  let groups: PairGroup[];
  if (options.positionEffect) {
    const leftWins = sum(data.lowLeft.low) + sum(data.highLeft.high);
    const leftLosses = sum(data.lowLeft.high) + sum(data.highLeft.low);
    if (leftWins + leftLosses === 0) {
      throw new RankingInputError(
        'options.positionEffect',
        'needs comparison records with positive weight ({ left, right, outcome }): pair counts do not say which side each game was shown on',
      );
    }
    if (options.prior === 0 && (leftWins === 0 || leftLosses === 0)) {
      throw new RankingInputError(
        'comparisons',
        `the left side ${leftWins === 0 ? 'lost' : 'won'} every comparison record, so the position effect is infinite without a prior; pass options.prior > 0 (e.g. 0.01)`,
      );
    }
    // With the low datapoint on the left its odds gain γ; with the high one there, they lose γ.
    groups = [
      { sign: 0, lowWins: data.unsided.low, highWins: data.unsided.high },
      { sign: 1, lowWins: data.lowLeft.low, highWins: data.lowLeft.high },
      { sign: -1, lowWins: data.highLeft.low, highWins: data.highLeft.high },
    ].filter((group) => group.lowWins.some((value) => value > 0) || group.highWins.some((value) => value > 0));
  } else {
    // Without the position effect every game of a pair has the same odds: one group.
    const { lowWins, highWins } = pairTotals(data);
    groups = [{ sign: 0, lowWins, highWins }];
  }
  return {
    n,
    size: options.positionEffect ? n + 1 : n,
    low: data.low,
    high: data.high,
    groups,
    prior: options.prior,
    positionEffect: options.positionEffect,
  };
}
