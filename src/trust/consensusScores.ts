/**
 * The consensus scores of trust estimation: the pairs of every ranking, and the
 * penalised Bradley–Terry fit of each ranking to soft wins (the M-step for θ of
 * `labelerConfusionEm.ts`).
 * @internal
 * @module
 */
import { ComparisonTableBuilder } from '../bradleyTerry/comparisonTableBuilder.js';
import { fitComparisonTable } from '../bradleyTerry/fitComparisonTable.js';
import type { resolveBradleyTerryOptions } from '../bradleyTerry/resolveBradleyTerryOptions.js';
import type { TrustData } from './readTrustInput.js';
import { SMALL_RANKING, fitSmallRanking } from './smallRankingFit.js';

// The smallest positive weight a comparison table takes; soft counts below it are 0.
const MIN_WEIGHT = 2 ** -1022;

/** One ranking: its datapoints (job-wide numbers), its pairs, and their datapoints' places in `datapoints`. @internal */
export interface RankingPairs {
  /** Its datapoints' job-wide numbers, in order of first appearance. */
  readonly datapoints: number[];
  /** Its pairs' numbers. */
  readonly pairs: number[];
  /** Per pair of `pairs`: the lower-numbered datapoint's place in `datapoints`. */
  localLow: Int32Array;
  /** Per pair of `pairs`: the other datapoint's place. */
  localHigh: Int32Array;
}

/** The pairs of each ranking, and each response's pair and orientation. @internal */
export interface PairLayout {
  /** Every ranking's datapoints and pairs. */
  readonly rankings: readonly RankingPairs[];
  /** Per pair: its lower-numbered datapoint. */
  readonly pairLow: Int32Array;
  /** Per pair: its higher-numbered datapoint. */
  readonly pairHigh: Int32Array;
  /** Per response: its pair. */
  readonly responsePair: Int32Array;
  /** Per response: 1 when the pair's lower-numbered datapoint was shown on the left. */
  readonly lowIsLeft: Uint8Array;
}

/**
 * Numbers the distinct pairs of every ranking and places each response on its pair.
 * O(responses + datapoints).
 * @internal
 */
export function pairLayout(data: TrustData): PairLayout {
  const responses = data.answer.length;
  const rankingIndex = new Map<number, number>();
  const rankings: RankingPairs[] = [];
  data.rankingOfDatapoint.forEach((ranking, datapoint) => {
    let index = rankingIndex.get(ranking);
    if (index === undefined) {
      index = rankings.length;
      rankingIndex.set(ranking, index);
      rankings.push({ datapoints: [], pairs: [], localLow: new Int32Array(0), localHigh: new Int32Array(0) });
    }
    rankings[index]!.datapoints.push(datapoint);
  });
  const pairOf = new Map<string, number>();
  const low: number[] = [];
  const high: number[] = [];
  const responsePair = new Int32Array(responses);
  const lowIsLeft = new Uint8Array(responses);
  for (let r = 0; r < responses; r++) {
    const left = data.leftOf[r]!;
    const right = data.rightOf[r]!;
    const a = Math.min(left, right);
    const b = Math.max(left, right);
    const key = `${a},${b}`;
    let pair = pairOf.get(key);
    if (pair === undefined) {
      pair = low.length;
      pairOf.set(key, pair);
      low.push(a);
      high.push(b);
      rankings[rankingIndex.get(data.rankingOfDatapoint[a]!)!]!.pairs.push(pair);
    }
    responsePair[r] = pair;
    lowIsLeft[r] = a === left ? 1 : 0;
  }
  const localIndex = new Int32Array(data.datapointIds.length);
  for (const ranking of rankings) {
    ranking.datapoints.forEach((datapoint, i) => {
      localIndex[datapoint] = i;
    });
    ranking.localLow = Int32Array.from(ranking.pairs, (pair) => localIndex[low[pair]!]!);
    ranking.localHigh = Int32Array.from(ranking.pairs, (pair) => localIndex[high[pair]!]!);
  }
  return { rankings, pairLow: Int32Array.from(low), pairHigh: Int32Array.from(high), responsePair, lowIsLeft };
}

/**
 * Fits θ of every ranking to soft wins per pair, warm-started from `theta` (updated in
 * place). O(Newton steps × (pairs + n³)) for a small ranking, the library fit's cost for
 * a large one. A ranking of at most {@link SMALL_RANKING} datapoints is fitted by dense
 * Newton steps; a larger one (or a small one whose system is numerically singular) by the
 * library's solver, as its own table whose datapoints enter in a fixed order.
 * @internal
 */
export function fitScores(
  data: TrustData,
  layout: PairLayout,
  lowWins: Float64Array,
  highWins: Float64Array,
  theta: Float64Array,
  bradleyTerryOptions: ReturnType<typeof resolveBradleyTerryOptions>,
): void {
  for (const ranking of layout.rankings) {
    if (ranking.datapoints.length <= SMALL_RANKING) {
      const local = Float64Array.from(ranking.datapoints, (datapoint) => theta[datapoint]!);
      const wins = Float64Array.from(ranking.pairs, (pair) => lowWins[pair]!);
      const losses = Float64Array.from(ranking.pairs, (pair) => highWins[pair]!);
      if (fitSmallRanking(local, ranking.localLow, ranking.localHigh, wins, losses, bradleyTerryOptions.prior)) {
        ranking.datapoints.forEach((datapoint, i) => {
          theta[datapoint] = local[i]!;
        });
        continue;
      }
    }
    const builder = new ComparisonTableBuilder();
    // Every datapoint first, with weight 0, so the table lists them in `datapoints` order.
    const first = ranking.datapoints[0]!;
    for (const datapoint of ranking.datapoints) {
      if (datapoint !== first) builder.add({ a: data.datapointIds[first]!, b: data.datapointIds[datapoint]!, aWins: 0, bWins: 0 }, 'trust');
    }
    for (const pair of ranking.pairs) {
      const aWins = lowWins[pair]!;
      const bWins = highWins[pair]!;
      builder.add(
        {
          a: data.datapointIds[layout.pairLow[pair]!]!,
          b: data.datapointIds[layout.pairHigh[pair]!]!,
          aWins: aWins < MIN_WEIGHT ? 0 : aWins,
          bWins: bWins < MIN_WEIGHT ? 0 : bWins,
        },
        'trust',
      );
    }
    const initialTheta = ranking.datapoints.map((datapoint) => theta[datapoint]!);
    const fit = fitComparisonTable(builder.build(), bradleyTerryOptions, { initialTheta, exactStandardErrorsUpTo: 0 });
    ranking.datapoints.forEach((datapoint, i) => {
      theta[datapoint] = fit.entries[i]!.theta;
    });
  }
}
