/**
 * What the results screen offers for download: every response as CSV, and the ranking
 * as JSON.
 * @module
 */
import type { JobComparison, RankingJobDefinition, RankingResult } from 'pairwise-elo';
import type { Rabbit } from './config.js';

/** The CSV header: one row per response. */
export const CSV_COLUMNS = ['matchup_id', 'ranking', 'left', 'right', 'outcome', 'labeler'] as const;

/**
 * One CSV field (RFC 4180). Text that starts like a spreadsheet formula (`=`, `+`, `-`,
 * `@`, a tab or a carriage return: a labeler id or a datapoint id such as
 * `=HYPERLINK(…)`) gets a leading single quote and quotes, so a spreadsheet shows it
 * rather than running it (OWASP, "CSV Injection"). The same rule as the library's
 * `convergenceCsv`, which does not export it; test/browser/webLabelling.test.ts checks
 * the two agree. Numbers are written as they are.
 */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return text !== value || /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Every response (`job.comparisons({ perVote: true })`) as CSV, one row each, in issue order. */
export function comparisonsCsv(comparisons: readonly JobComparison[]): string {
  const rows = comparisons.map((c) => [c.matchupId, c.ranking, c.left, c.right, c.outcome, c.labelerId ?? ''].map(csvField).join(','));
  return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

/** What results.json holds. */
export interface ResultsDocument {
  readonly job: {
    readonly name: string;
    readonly instruction: string;
    readonly seed: string;
    readonly budget: number;
    readonly labelerId: string;
  };
  readonly library: string;
  readonly scorer: 'bradleyTerry';
  readonly scale: { readonly center: number; readonly scale: number };
  readonly confidence: number;
  readonly comparisons: number;
  readonly fit: RankingResult['fit'] | null;
  readonly entries: readonly {
    readonly rank: number;
    readonly datapoint: string;
    readonly image: string;
    readonly score: number;
    readonly standardError: number | null;
    readonly lower: number | null;
    readonly upper: number | null;
    readonly bestRank: number | null;
    readonly worstRank: number | null;
    readonly wins: number;
    readonly draws: number;
    readonly losses: number;
    readonly comparisons: number;
  }[];
}

/** The Bradley–Terry ranking with everything needed to read it later. */
export function resultsDocument(options: {
  readonly definition: RankingJobDefinition;
  readonly seed: string;
  readonly labelerId: string;
  readonly library: string;
  readonly confidence: number;
  readonly ranking: RankingResult;
  readonly rabbitOf: (id: string) => Rabbit | undefined;
}): ResultsDocument {
  const { definition, ranking } = options;
  return {
    job: {
      name: definition.name,
      instruction: definition.instruction,
      seed: options.seed,
      budget: definition.comparisonBudgetPerRanking,
      labelerId: options.labelerId,
    },
    library: options.library,
    scorer: 'bradleyTerry',
    scale: { center: definition.elo.initialRating, scale: definition.elo.scale },
    confidence: options.confidence,
    comparisons: ranking.comparisons,
    fit: ranking.fit ?? null,
    entries: ranking.entries.map((entry) => ({
      rank: entry.rank,
      datapoint: entry.datapoint,
      image: options.rabbitOf(entry.datapoint)?.image ?? '',
      score: entry.score,
      standardError: entry.standardError ?? null,
      lower: entry.lower ?? null,
      upper: entry.upper ?? null,
      bestRank: entry.bestRank ?? null,
      worstRank: entry.worstRank ?? null,
      wins: entry.wins,
      draws: entry.draws,
      losses: entry.losses,
      comparisons: entry.comparisons,
    })),
  };
}
