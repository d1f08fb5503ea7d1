/**
 * Win rates between the rated models: observed (ties half a win each, as in the Arena's
 * pairwise win-fraction heat map) and predicted by the Bradley–Terry fit.
 * @internal
 * @module
 */
import { MAX_WIN_MATRIX_DATAPOINTS } from '../bradleyTerry/winMatrix.js';
import { RankingInputError } from '../errors.js';
import type { AnchoredFit } from './computeStandings.js';
import type { LeaderboardWinRates } from './leaderboardTypes.js';
import type { PairTotals } from './pairTotals.js';

/**
 * The matrices, rows and columns in standings order (best first, or lowest first with
 * `inverse`). O(n² + pairs).
 * @throws {@link RankingInputError} above {@link MAX_WIN_MATRIX_DATAPOINTS} rated models.
 * @internal
 */
export function winRates(totals: PairTotals, fitted: AnchoredFit, modelIds: readonly string[], scale: number, inverse: boolean): LeaderboardWinRates {
  const n = fitted.scores.length;
  if (n > MAX_WIN_MATRIX_DATAPOINTS) {
    throw new RankingInputError('winRates', `the matrices are n × n, so at most ${MAX_WIN_MATRIX_DATAPOINTS} rated models; this leaderboard has ${n}`);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => {
    const difference = inverse ? fitted.scores[i]! - fitted.scores[j]! : fitted.scores[j]! - fitted.scores[i]!;
    return difference || fitted.models[i]! - fitted.models[j]!;
  });
  const rowOf = new Map<number, number>();
  order.forEach((entry, row) => rowOf.set(fitted.models[entry]!, row));
  const won = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const battles = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let k = 0; k < totals.low.length; k++) {
    const i = rowOf.get(totals.low[k]!)!;
    const j = rowOf.get(totals.high[k]!)!;
    const total = totals.lowWins[k]! + totals.highWins[k]! + totals.ties[k]!;
    won[i]![j] = totals.lowWins[k]! + totals.ties[k]! / 2;
    won[j]![i] = totals.highWins[k]! + totals.ties[k]! / 2;
    battles[i]![j] = total;
    battles[j]![i] = total;
  }
  const scores = order.map((entry) => fitted.scores[entry]!);
  return {
    models: order.map((entry) => modelIds[fitted.models[entry]!]!),
    observed: won.map((row, i) => row.map((wins, j) => (i === j || battles[i]![j] === 0 ? null : wins / battles[i]![j]!))),
    predicted: scores.map((a, i) => scores.map((b, j) => (i === j ? null : 1 / (1 + Math.pow(10, (b - a) / scale))))),
    battles,
  };
}
