/**
 * The text report of a simulated ranking: the ranking beside the truth, then accuracy.
 * @internal
 * @module
 */
import type { RankingAccuracy } from '../metrics/rankingAccuracy.js';
import type { SimulatedRanking } from '../simulation/simulateRankingJob.js';
import { formatTable } from './terminal.js';

/** The ranking beside the hidden truth, one row per datapoint, best first. */
export function rankingBesideTruth(ranking: SimulatedRanking, displayId: (id: string) => string = (id) => id): string {
  const truth = new Map(ranking.truth.map((entry) => [entry.datapoint, entry]));
  const rows = ranking.result.entries.map((entry) => [
    String(entry.rank),
    displayId(entry.datapoint),
    entry.standardError === undefined ? entry.score.toFixed(1) : `${entry.score.toFixed(1)} ± ${entry.standardError.toFixed(0)}`,
    String(entry.wins),
    String(entry.losses),
    String(entry.draws),
    String(entry.comparisons),
    String(truth.get(entry.datapoint)!.rank),
    truth.get(entry.datapoint)!.score.toFixed(1),
  ]);
  return formatTable(
    ['rank', 'datapoint', 'score', 'wins', 'losses', 'draws', 'comparisons', 'true rank', 'true score'],
    rows,
    ['right', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
}

/** Every accuracy metric on its own line, with what it means. */
export function accuracyLines(accuracy: RankingAccuracy): string[] {
  const rows = [
    ["Kendall's tau", accuracy.kendallTau.toFixed(3), 'tau-b: 1 = identical order, 0 = unrelated, -1 = reversed (ties corrected)'],
    ["Spearman's rho", accuracy.spearmanRho.toFixed(3), 'correlation of the ranks; 1 = identical order'],
    [`top-${accuracy.topK} precision`, accuracy.topKPrecision.toFixed(3), `share of the true top ${accuracy.topK} found in the top ${accuracy.topK}`],
    ['largest rank error', accuracy.maxRankDisplacement.toFixed(1), 'places, worst datapoint'],
    ['mean rank error', accuracy.meanAbsoluteRankError.toFixed(2), 'places, on average'],
  ];
  return formatTable(['metric', 'value', 'meaning'], rows, ['left', 'right', 'left']).split('\n');
}
