/**
 * `pairwise-elo rank`: ranks the datapoints of a file of comparisons people already
 * made, by a Bradley–Terry fit or by Elo ratings replayed in file order. The file (or
 * standard input) is streamed into aggregates (see readComparisonFile.ts), so memory is
 * O(datapoints + distinct pairs) whatever its length, and the output is built only once
 * every row has been read and accepted.
 * @internal
 * @module
 */
import { analyticIntervals, confidenceMultiplier } from '../bradleyTerry/analyticIntervals.js';
import { ComparisonTableBuilder, type ComparisonTable } from '../bradleyTerry/comparisonTable.js';
import type { Comparison } from '../bradleyTerry/comparisonTypes.js';
import { MAX_COVARIANCE_DATAPOINTS } from '../bradleyTerry/bradleyTerryOptions.js';
import { BRADLEY_TERRY_DEFAULTS, fitBradleyTerry, type BradleyTerryFit } from '../bradleyTerry/fitBradleyTerry.js';
import { MAX_ELO_PARAMETER } from '../definition/defaults.js';
import { DEFAULT_ELO_SCALE } from '../elo/expectedScore.js';
import { highestKFactor, lowestKFactor, requireKFactor } from '../elo/eloParameters.js';
import { EloReplay } from '../elo/eloReplay.js';
import { DEFAULT_K_FACTOR } from '../elo/updateElo.js';
import { RankingInputError } from '../errors.js';
import type { ColumnMapping } from './columnMapping.js';
import { columnMappingFlags } from './columnMappingFlags.js';
import type { ComparisonFileRow, ComparisonRowKind } from './comparisonRow.js';
import { delimiterFlag, type CsvDelimiter } from './csvDelimiter.js';
import { describeInput } from './describeInput.js';
import { choiceFlag, numberFlag, parseFlags } from './flags.js';
import { readComparisonFile, type ComparisonFileOptions, type ComparisonFileSummary } from './readComparisonFile.js';
import { RowRejection } from './rowRejection.js';
import { InputFileError, UsageError, formatTable } from './terminal.js';
import { escapeForTerminal, shownId } from './terminalText.js';

/** Help text of `pairwise-elo rank`. */
export const RANK_HELP = `Usage: pairwise-elo rank FILE [options]
       pairwise-elo rank - [options]     (read standard input)

Ranks the datapoints of a file of pairwise comparisons.

FILE is CSV with a header row, or JSON Lines with one object per line. The
extension tells them apart: .csv is CSV, .tsv is CSV separated by tabs, .jsonl
and .ndjson are JSON Lines. With any other name, and with '-' (standard input,
which has no extension), the content decides: JSON Lines when the first
non-blank character is '{', else CSV. (For a file named '-', write ./-.)
The columns (CSV header names, in any case) or fields (JSON, exact case)
follow one of these layouts:
  left,right,outcome   one judgement per row; outcome is left, right, draw or
                       tie; optional weight and labeler (or labeler_id)
  winner,loser         one judgement per row, sides unknown; optional weight
                       and labeler
  a,b,a_wins,b_wins    games already counted per pair; optional draws
  model_a,model_b,winner
                       a Chatbot Arena battle dump, recognised by its header
                       (JSON Lines: by the first object's fields). model_a is
                       left, model_b is right; winner is model_a, model_b,
                       tie or tie (bothbad), and both kinds of tie are draws.
                       judge, if present, is the labeler; other columns
                       (language, turn, tstamp, question_id, ...) are ignored.
Other exports: name the columns with --columns (and --outcome-values).
CSV fields may be quoted ("a, b" or "say ""hi"""; the quotes protect the
--delimiter too), but not across lines.
The input is streamed, never held in memory. It must be UTF-8 (a byte order
mark is fine; Latin-1 or UTF-16 is refused, not guessed), and a line may hold at
most 1 MiB. A malformed row stops the command with FILE:LINE (<stdin>:LINE for
standard input) before anything is printed.
The table escapes characters that would garble a terminal (controls,
bidirectional overrides, unpaired surrogates: "a\\u202eb") and cuts ids to 60
characters; --json gives every id exactly.

Options:
  --delimiter <d>        CSV field separator: ',' (default; tab for .tsv files),
                         tab (or '\\t'), ';' or '|'
  --columns <map>        read each row as one left,right,outcome judgement from
                         the columns named, ignoring the others:
                         left=COL,right=COL,outcome=COL[,labeler=COL][,weight=COL]
  --outcome-values <map> with --columns: the outcome column's values, matched
                         trimmed and in any case: left=VALUE,right=VALUE and
                         optionally draw=VALUE; any of them may be repeated
                         (draw=same,draw=both). Default: left, right, draw, tie
  --scorer <name>        bradleyTerry (or bt) | elo (default bradleyTerry)
                           bradleyTerry: maximum likelihood (row order does not matter)
                           elo: Elo ratings updated row by row, in file order
  --intervals            bradleyTerry: 95% intervals (score ± 1.96 standard errors)
                         and the best and worst rank they allow
  --position-effect      bradleyTerry: also fit an advantage of the left side (needs
                         left,right,outcome rows, or a mapping to them)
  --prior <lambda>       bradleyTerry: prior strength pulling scores together, ≥ 0
                         (default ${BRADLEY_TERRY_DEFAULTS.prior}; 0 is plain maximum likelihood)
  --k-factor <k>         elo: largest change one judgement makes (default ${DEFAULT_K_FACTOR})
  --initial-rating <r>   elo: everyone's starting rating (default 1200)
  --json                 print the ranking as JSON
  -h, --help             show this help

Scores are Elo points: 400 points mean 10:1 odds. Bradley-Terry scores average
1200; elo ratings start at --initial-rating and each update is zero-sum. A row's
weight w counts as w identical judgements for Bradley-Terry and multiplies K by
w for elo.
Pair counts (a,b,a_wins,b_wins) do not say in which order the games were
played, so --scorer elo refuses them.

Examples:
  pairwise-elo rank votes.tsv --intervals
  jq -c '.[]' clean_battle.json | pairwise-elo rank - --scorer elo
  pairwise-elo rank prefs.csv --delimiter ';' --columns left=image_a,right=image_b,outcome=choice --outcome-values left=A,right=B,draw=same
`;

// The scorers of `rank`, as everywhere else in the API and CLI; `bt` is read as `bradleyTerry`.
const SCORER_SPELLINGS = ['bradleyTerry', 'bt', 'elo'] as const;
type Scorer = 'bradleyTerry' | 'elo';


interface RankOptions {
  /** A path, or `-` for standard input. */
  readonly file: string;
  readonly input: ComparisonFileOptions;
  readonly scorer: Scorer;
  readonly intervals: boolean;
  readonly positionEffect: boolean;
  readonly prior: number | undefined;
  readonly kFactor: number;
  readonly initialRating: number;
  readonly json: boolean;
}

/** One row of the ranking (the `entries` of the JSON output). */
interface RankEntry {
  readonly rank: number;
  readonly datapoint: string;
  readonly score: number;
  /** bt only. */
  readonly standardError?: number;
  /** bt with --intervals only: the 95% interval and the ranks it allows. */
  readonly halfWidth?: number;
  readonly lower?: number;
  readonly upper?: number;
  readonly bestRank?: number;
  readonly worstRank?: number;
  readonly wins: number;
  readonly losses: number;
  readonly draws: number;
  readonly comparisons: number;
}

/** Everything `rank` reports; printed as is with --json. */
interface RankReport {
  /** The path, or `<stdin>`. */
  readonly file: string;
  readonly format: ComparisonFileSummary['format'];
  /** CSV only. */
  readonly delimiter: CsvDelimiter | null;
  readonly columns: readonly string[] | null;
  /** How the columns were read when not in a native layout (Chatbot Arena, --columns). */
  readonly columnMapping: ColumnMapping | null;
  readonly rowsByKind: Readonly<Record<ComparisonRowKind, number>>;
  readonly scorer: Scorer;
  readonly rows: number;
  readonly datapoints: number;
  readonly pairs: number;
  readonly scale: number;
  readonly center: number;
  readonly bradleyTerry: {
    readonly prior: number;
    readonly iterations: number;
    readonly converged: boolean;
    readonly standardErrorsExact: boolean;
    readonly intervalLevel: number | null;
  } | null;
  readonly elo: { readonly kFactor: number; readonly initialRating: number } | null;
  readonly positionEffect: {
    readonly score: number;
    readonly standardError: number;
    readonly halfWidth: number;
    readonly lower: number;
    readonly upper: number;
    /** Present, and false, when the comparisons do not bound the effect (see BradleyTerryPositionEffect.identified). */
    readonly identified?: false;
  } | null;
  readonly entries: readonly RankEntry[];
}

/**
 * Runs `rank` with command-line arguments; returns the text to print.
 *
 * @param args - The arguments after `rank`: one FILE (`-` for standard input) and the
 *   options of {@link RANK_HELP}.
 * @returns The ranking as a table with a header, or as JSON with `--json`.
 * @throws {@link UsageError} for a bad flag (naming it), a file that cannot be read, a
 *   header of no known layout (naming its columns), a malformed row (`FILE:LINE: what
 *   is wrong (column name)`, `<stdin>:LINE` for standard input), or comparisons the
 *   scorer cannot rank (for example infinite scores with `--prior 0`).
 * @example
 * ```ts
 * process.stdout.write(await runRank(['votes.csv', '--intervals']));
 * ```
 */
export async function runRank(args: readonly string[]): Promise<string> {
  const options = rankOptions(args);
  const report = options.scorer === 'bradleyTerry' ? await rankByBradleyTerry(options) : await rankByElo(options);
  return options.json ? `${JSON.stringify(report, null, 2)}\n` : reportText(report);
}

function rankOptions(args: readonly string[]): RankOptions {
  const { values, positionals } = parseFlags(
    args,
    {
      scorer: { type: 'string' },
      intervals: { type: 'boolean' },
      'position-effect': { type: 'boolean' },
      prior: { type: 'string' },
      'k-factor': { type: 'string' },
      'initial-rating': { type: 'string' },
      json: { type: 'boolean' },
      delimiter: { type: 'string' },
      columns: { type: 'string' },
      'outcome-values': { type: 'string' },
    },
    true,
  );
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length === 0 ? 'give the comparison file: pairwise-elo rank FILE' : `give one comparison file, got ${positionals.length}: ${positionals.join(' ')}`);
  }
  const spelled = choiceFlag(values.scorer ?? 'bradleyTerry', 'scorer', SCORER_SPELLINGS);
  const scorer: Scorer = spelled === 'bt' ? 'bradleyTerry' : spelled;
  const only = (flag: string, given: boolean, wanted: Scorer, why: string): void => {
    if (given && scorer !== wanted) throw new UsageError(`--${flag} needs --scorer ${wanted}: ${why}`);
  };
  only('intervals', values.intervals === true, 'bradleyTerry', 'Elo ratings replayed in file order have no standard errors to build intervals from');
  only('position-effect', values['position-effect'] === true, 'bradleyTerry', 'it is a parameter of the Bradley-Terry fit');
  only('prior', values.prior !== undefined, 'bradleyTerry', 'it is a parameter of the Bradley-Terry fit');
  only('k-factor', values['k-factor'] !== undefined, 'elo', 'the Bradley-Terry fit has no K-factor');
  only('initial-rating', values['initial-rating'] !== undefined, 'elo', 'Bradley-Terry scores are centred on 1200, not started from a rating');
  if (values['outcome-values'] !== undefined && values.columns === undefined) {
    throw new UsageError('--outcome-values needs --columns: it says what the values of the outcome column named there mean');
  }
  return {
    file: positionals[0]!,
    input: {
      delimiter: values.delimiter === undefined ? undefined : delimiterFlag(values.delimiter),
      columns: values.columns === undefined ? undefined : columnMappingFlags(values.columns, values['outcome-values']),
    },
    scorer,
    intervals: values.intervals === true,
    positionEffect: values['position-effect'] === true,
    prior: values.prior === undefined ? undefined : numberFlag(values.prior, 'prior', 0, Infinity),
    // The library's K-factor range at the scale the Elo scorer uses, so a K it would refuse row by row is a flag error.
    kFactor: numberFlag(values['k-factor'] ?? String(DEFAULT_K_FACTOR), 'k-factor', lowestKFactor(DEFAULT_ELO_SCALE), highestKFactor(DEFAULT_ELO_SCALE)),
    initialRating: numberFlag(values['initial-rating'] ?? '1200', 'initial-rating', -MAX_ELO_PARAMETER, MAX_ELO_PARAMETER),
    json: values.json === true,
  };
}

/**
 * Datapoint ids, each stored as a copy. The ids a line is split into are V8 "sliced
 * strings" that keep the whole 64 KiB chunk the line was read from alive, so storing
 * them would retain the file chunk by chunk (measured: +80 MiB for 2 000 ids first
 * seen across a 68 MB file); a copy keeps only the id.
 */
class DatapointIds {
  readonly #index = new Map<string, number>();
  readonly ids: string[] = [];

  /** The id's position in order of first appearance; O(1) expected. */
  indexOf(id: string): number {
    const known = this.#index.get(id);
    if (known !== undefined) return known;
    // A JSON round trip builds a fresh flat string (slice() may return another slice of
    // the chunk) and, unlike a UTF-8 Buffer round trip, keeps lone surrogates intact.
    const copy = JSON.parse(JSON.stringify(id)) as string;
    this.ids.push(copy);
    this.#index.set(copy, this.ids.length - 1);
    return this.ids.length - 1;
  }

  /** The stored copy of `id`. */
  stored(id: string): string {
    return this.ids[this.indexOf(id)]!;
  }
}

// The comparison a row adds to the table. winner,loser rows become pair counts: their
// sides are unknown, and as records they would all read "left wins".
function comparisonOf(row: ComparisonFileRow, names: DatapointIds): Comparison {
  switch (row.kind) {
    case 'outcome':
      return { left: names.stored(row.left), right: names.stored(row.right), outcome: row.outcome, weight: row.weight };
    case 'winner':
      return { a: names.stored(row.winner), b: names.stored(row.loser), aWins: row.weight, bWins: 0 };
    case 'counts':
      return { a: names.stored(row.a), b: names.stored(row.b), aWins: row.aWins, bWins: row.bWins, draws: row.draws };
  }
}

function addToTable(builder: ComparisonTableBuilder, comparison: Comparison): void {
  try {
    builder.add(comparison, 'row');
  } catch (error) {
    // Only totals beyond 2^53 get here: the reader has checked everything else.
    if (error instanceof RankingInputError) throw new RowRejection(reasonOf(error));
    throw error;
  }
}

// A RankingInputError's message is `path: reason`.
function reasonOf(error: RankingInputError): string {
  return error.message.slice(error.path.length + 2);
}

// The builder lives only here, so its working arrays can be collected before the fit.
async function readTable(options: RankOptions): Promise<{ table: ComparisonTable; summary: ComparisonFileSummary }> {
  const builder = new ComparisonTableBuilder();
  const names = new DatapointIds();
  const summary = await readComparisonFile(options.file, (row) => addToTable(builder, comparisonOf(row, names)), options.input);
  return { table: builder.build(), summary };
}

async function rankByBradleyTerry(options: RankOptions): Promise<RankReport> {
  const { table, summary } = await readTable(options);
  if (options.positionEffect && summary.rowsByKind.outcome === 0) {
    throw new UsageError(`--position-effect needs left,right,outcome rows: ${summary.name} has none, and winner,loser rows and pair counts do not say which side each judgement was shown on`);
  }
  let fit: BradleyTerryFit;
  try {
    // Exact up to 2 000 datapoints, as the note on approximated errors below assumes ('auto' may approximate within 1%).
    const standardErrors = table.datapointCount <= MAX_COVARIANCE_DATAPOINTS ? 'exact' : 'auto';
    fit = fitBradleyTerry(table, { prior: options.prior, positionEffect: options.positionEffect, standardErrors });
  } catch (error) {
    if (!(error instanceof RankingInputError)) throw error;
    // The fit names its options as in the API; here they are flags.
    const reason = (error.path.startsWith('options.') ? error.message : reasonOf(error))
      .replaceAll('options.prior', '--prior')
      .replaceAll('options.positionEffect', '--position-effect');
    throw new InputFileError(`cannot rank ${summary.name}: ${reason}`);
  }

  const order = fit.entries.map((_, i) => i).sort((i, j) => fit.entries[j]!.score - fit.entries[i]!.score);
  const ranks = competitionRanks(order.map((i) => fit.entries[i]!.score));
  const intervals = options.intervals ? analyticIntervals(fit, { confidence: 0.95 }) : null;
  const entries = order.map((i, position): RankEntry => {
    const { datapoint, score, standardError, wins, losses, draws, comparisons } = fit.entries[i]!;
    const counts = { wins, losses, draws, comparisons };
    const interval = intervals?.entries[i];
    if (interval === undefined) return { rank: ranks[position]!, datapoint, score, standardError, ...counts };
    const { lower, upper, bestRank, worstRank } = interval;
    return { rank: ranks[position]!, datapoint, score, standardError, halfWidth: upper - score, lower, upper, bestRank, worstRank, ...counts };
  });
  const effect = fit.positionEffect;
  const z = confidenceMultiplier(0.95);
  return {
    ...fileFacts(options, summary, table.datapointCount, table.pairCount),
    scale: fit.scale,
    center: fit.center,
    bradleyTerry: {
      prior: fit.prior,
      iterations: fit.iterations,
      converged: fit.converged,
      standardErrorsExact: fit.standardErrorsExact,
      intervalLevel: options.intervals ? 0.95 : null,
    },
    elo: null,
    positionEffect:
      effect === null
        ? null
        : {
            score: effect.score,
            standardError: effect.standardError,
            halfWidth: z * effect.standardError,
            lower: effect.score - z * effect.standardError,
            upper: effect.score + z * effect.standardError,
            ...(effect.identified === false ? { identified: false as const } : {}),
          },
    entries,
  };
}

async function rankByElo(options: RankOptions): Promise<RankReport> {
  const names = new DatapointIds();
  const pairs = new PairSet();
  const replay = new EloReplay(options.initialRating, options.kFactor, DEFAULT_ELO_SCALE);
  const wins: number[] = [];
  const losses: number[] = [];
  const draws: number[] = [];
  const summary = await readComparisonFile(options.file, (row) => {
    if (row.kind === 'counts') {
      throw new RowRejection('pair counts (a,b,a_wins,b_wins) do not say in which order the games were played, so --scorer elo cannot replay them; use --scorer bradleyTerry');
    }
    const [first, second, scoreFirst] =
      row.kind === 'winner' ? [row.winner, row.loser, 1] : [row.left, row.right, row.outcome === 'left' ? 1 : row.outcome === 'right' ? 0 : 0.5];
    const i = names.indexOf(first);
    const j = names.indexOf(second);
    while (wins.length < names.ids.length) {
      wins.push(0);
      losses.push(0);
      draws.push(0);
    }
    pairs.add(i, j);
    const weight = row.weight;
    // Weight 0 names the datapoints without moving them (K must be > 0). K × weight is
    // checked here, as updateElo would check it, so the row is named; the replay batches.
    if (weight > 0) {
      try {
        requireKFactor(options.kFactor * weight, DEFAULT_ELO_SCALE, 'kFactor');
      } catch (error) {
        if (error instanceof RankingInputError) throw new RowRejection(`cannot update the ratings: ${reasonOf(error)}`, 'weight');
        throw error;
      }
      replay.add(i, j, scoreFirst, weight);
    }
    if (scoreFirst === 0.5) {
      draws[i]! += weight;
      draws[j]! += weight;
    } else {
      wins[scoreFirst === 1 ? i : j]! += weight;
      losses[scoreFirst === 1 ? j : i]! += weight;
    }
  }, options.input);
  const ratings = replay.ratings(names.ids.length);
  const order = ratings.map((_, k) => k).sort((k, l) => ratings[l]! - ratings[k]!);
  const ranks = competitionRanks(order.map((k) => ratings[k]!));
  const entries = order.map((k, position): RankEntry => {
    const counts = { wins: wins[k]!, losses: losses[k]!, draws: draws[k]!, comparisons: wins[k]! + losses[k]! + draws[k]! };
    return { rank: ranks[position]!, datapoint: names.ids[k]!, score: ratings[k]!, ...counts };
  });
  return {
    ...fileFacts(options, summary, names.ids.length, pairs.size),
    scale: DEFAULT_ELO_SCALE,
    center: options.initialRating,
    bradleyTerry: null,
    elo: { kFactor: options.kFactor, initialRating: options.initialRating },
    positionEffect: null,
    entries,
  };
}

/**
 * Distinct unordered pairs of datapoint indices, for counting them: open addressing
 * with linear probing (Knuth, TAOCP vol. 3, §6.4, algorithm L) over two Int32Arrays
 * kept at most half full, 16 bytes a pair where a ComparisonTableBuilder (which Elo does
 * not need) spends about 64.
 */
class PairSet {
  #low = new Int32Array(16).fill(-1);
  #high = new Int32Array(16);
  size = 0;

  /** Adds the pair {i, j}, i ≠ j; O(1) expected, amortised over growth. */
  add(i: number, j: number): void {
    if (2 * (this.size + 1) > this.#low.length) this.#grow();
    if (this.#insert(Math.min(i, j), Math.max(i, j))) this.size++;
  }

  // True when the pair was new.
  #insert(low: number, high: number): boolean {
    const mask = this.#low.length - 1;
    // Multiplicative hashing (golden-ratio and MurmurHash3 constants) with a final xor-shift.
    let h = Math.imul(low, 0x9e3779b1) ^ Math.imul(high, 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
    let slot = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const stored = this.#low[slot]!;
      if (stored === -1) break;
      if (stored === low && this.#high[slot] === high) return false;
      slot = (slot + 1) & mask;
    }
    this.#low[slot] = low;
    this.#high[slot] = high;
    return true;
  }

  #grow(): void {
    const low = this.#low;
    const high = this.#high;
    this.#low = new Int32Array(2 * low.length).fill(-1);
    this.#high = new Int32Array(2 * low.length);
    for (let slot = 0; slot < low.length; slot++) if (low[slot] !== -1) this.#insert(low[slot]!, high[slot]!);
  }
}

function fileFacts(options: RankOptions, summary: ComparisonFileSummary, datapoints: number, pairs: number) {
  return {
    file: summary.name,
    format: summary.format,
    delimiter: summary.delimiter,
    columns: summary.columns,
    columnMapping: summary.mapping,
    rowsByKind: summary.rowsByKind,
    scorer: options.scorer,
    rows: summary.rows,
    datapoints,
    pairs,
  };
}

// Competition ranks (1, 2, 2, 4) of scores sorted best first, as job results give them.
function competitionRanks(sortedScores: readonly number[]): number[] {
  const ranks: number[] = [];
  sortedScores.forEach((score, position) => ranks.push(position > 0 && score === sortedScores[position - 1] ? ranks[position - 1]! : position + 1));
  return ranks;
}

function reportText(report: RankReport): string {
  const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
  const layout = describeInput({ ...report, mapping: report.columnMapping });
  const lines = [`Read ${plural(report.rows, 'row')} of ${escapeForTerminal(report.file)} (${layout}): ${plural(report.datapoints, 'datapoint')}, ${plural(report.pairs, 'distinct pair')}.`];
  const bt = report.bradleyTerry;
  if (bt !== null) {
    lines.push(`Scorer: bt, Bradley-Terry maximum likelihood with prior ${bt.prior} (${bt.converged ? 'converged' : 'NOT converged'} after ${plural(bt.iterations, 'Newton step')}).`);
    lines.push(`Scale: Elo points, center ${report.center} (the mean score), ${report.scale} points = 10:1 odds.`);
    if (!bt.converged) lines.push('Warning: the fit stopped before converging; the scores may be off (try a larger --prior).');
  }
  if (report.elo !== null) {
    lines.push(`Scorer: elo, ratings updated row by row in file order (start ${report.elo.initialRating}, K ${report.elo.kFactor}).`);
    lines.push(`Scale: Elo points, center ${report.center} (the starting rating; updates are zero-sum), ${report.scale} points = 10:1 odds.`);
  }
  const effect = report.positionEffect;
  if (effect !== null && effect.identified === false) {
    lines.push(
      'Position effect: not estimated: the comparisons do not bound it (a left- or right-side advantage of any size fits them at least as well as a finite one).',
    );
  } else if (effect !== null) {
    lines.push(`Position effect: the left side is worth ${signed(effect.score)} ± ${effect.halfWidth.toFixed(1)} Elo points (95%).`);
  }
  const intervals = bt !== null && bt.intervalLevel !== null;
  if (bt !== null && !bt.standardErrorsExact && (intervals || effect !== null)) {
    // Up to 2000 datapoints they are exact unless the information matrix is singular to working precision.
    lines.push(
      report.datapoints > MAX_COVARIANCE_DATAPOINTS
        ? `Standard errors are approximated (over ${MAX_COVARIANCE_DATAPOINTS} datapoints); they run small when datapoints meet few distinct opponents.`
        : 'Standard errors are approximated: some scores are barely determined by the comparisons (try a larger --prior).',
    );
  }

  const header = ['rank', 'datapoint', 'score', ...(intervals ? ['±', '95% interval', 'ranks'] : []), 'wins', 'losses', 'draws', 'comparisons'];
  const align = header.map((title) => (title === 'datapoint' || title === '95% interval' ? 'left' : 'right') as 'left' | 'right');
  const cellsOf = (row: number): string[] => {
    const entry = report.entries[row]!;
    return [
      String(entry.rank),
      shownId(entry.datapoint),
      entry.score.toFixed(1),
      ...(intervals
        ? [entry.halfWidth!.toFixed(1), `[${entry.lower!.toFixed(1)}, ${entry.upper!.toFixed(1)}]`, `${entry.bestRank}–${entry.worstRank}`]
        : []),
      count(entry.wins),
      count(entry.losses),
      count(entry.draws),
      count(entry.comparisons),
    ];
  };
  return [...lines, '', formatTable(header, report.entries.length, cellsOf, align), ''].join('\n');
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(1)}`;
}

// Counts are whole unless weights made them fractional.
function count(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(3)));
}
