/**
 * The text report of a simulated ranking: the ranking beside the truth, then accuracy.
 * @internal
 * @module
 */
import type { RankingAccuracy } from '../metrics/rankingAccuracy.js';
import type { SimulatedRanking } from '../simulation/simulateRankingJob.js';
import { formatTable } from './terminal.js';
import { shownId } from './terminalText.js';

/**
 * The ranking beside the hidden truth, one row per datapoint, best first; ids are shown
 * by `displayId`, by default escaped and cut to 60 characters (terminalText.ts).
 */
export function rankingBesideTruth(ranking: SimulatedRanking, displayId: (id: string) => string = shownId): string {
  const truth = new Map(ranking.truth.map((entry) => [entry.datapoint, entry]));
  const { entries } = ranking.result;
  const cellsOf = (row: number): string[] => {
    const entry = entries[row]!;
    const truthEntry = truth.get(entry.datapoint)!;
    return [
      String(entry.rank),
      displayId(entry.datapoint),
      entry.standardError === undefined ? entry.score.toFixed(1) : `${entry.score.toFixed(1)} ± ${entry.standardError.toFixed(0)}`,
      String(entry.wins),
      String(entry.losses),
      String(entry.draws),
      String(entry.comparisons),
      String(truthEntry.rank),
      truthEntry.score.toFixed(1),
    ];
  };
  return formatTable(
    ['rank', 'datapoint', 'score', 'wins', 'losses', 'draws', 'comparisons', 'true rank', 'true score'],
    entries.length,
    cellsOf,
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
  return formatTable(['metric', 'value', 'meaning'], rows.length, (row) => rows[row]!, ['left', 'right', 'left']).split('\n');
}
