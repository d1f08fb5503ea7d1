/**
 * `pairwise-elo leaderboard`: the Chatbot Arena's style of leaderboard from a battle log
 * (CSV or JSON Lines, model_a,model_b,winner), read by the same streaming reader as
 * `rank` (readComparisonFile.ts: strict UTF-8, bounded lines, FILE:LINE errors).
 * @internal
 * @module
 */
import { RankingInputError } from '../errors.js';
import { ARENA_WINNERS } from '../leaderboard/arenaWinner.js';
import type { ArenaBattle } from '../leaderboard/leaderboardFromBattles.js';
import { leaderboardFromBattles } from '../leaderboard/leaderboardFromBattles.js';
import type { LeaderboardPositionBias, Standings } from '../leaderboard/leaderboardTypes.js';
import { delimiterFlag } from './csvDelimiter.js';
import { choiceFlag, integerFlag, numberFlag, parseFlags } from './flags.js';
import { readComparisonFile } from './readComparisonFile.js';
import { RowRejection } from './rowRejection.js';
import { InputFileError, UsageError, formatTable } from './terminal.js';
import { escapeForTerminal, shownId } from './terminalText.js';

/** Help text of `pairwise-elo leaderboard`. */
export const LEADERBOARD_HELP = `Usage: pairwise-elo leaderboard FILE [options]
       pairwise-elo leaderboard - [options]     (read standard input)

Scores the models of a battle log the way the Chatbot Arena does: a maximum-
likelihood Bradley-Terry fit on the Elo scale (400 points = 10:1 odds, mean 1000
or pinned by --anchor), ties and "both bad" ties half a win for each side, with
95% intervals and the ranks they allow (the Arena's rule).

FILE is CSV with a header, or JSON Lines, as for 'pairwise-elo rank': columns
model_a,model_b,winner (winner: model_a, model_b, tie, or tie (bothbad) or
both_bad for a tie where both answers were bad, in any case, spaces around
ignored, as leaderboardFromBattles reads them; other columns are ignored) or
left,right,outcome. model_a is the left side. Ties of both kinds are counted
apart (the draws and both bad columns) and scored alike. The table's
"Position bias" line is the advantage of model_a's side, or says why there is
none: battles that a side bias of any size explains as well do not bound it
(quasi-separation), and no figure is printed. The input is
streamed; it must be UTF-8, lines at most 1 MiB; a bad row stops the command
with FILE:LINE.

Options:
  --anchor MODEL=RATING  pin MODEL at RATING (the Arena pins mixtral-8x7b-
                         instruct-v0.1 at 1114); intervals are then differences
                         from MODEL, as in the Arena's anchored bootstrap
  --rounds N             bootstrap intervals from N refits (10 to 100000; the
                         Arena uses 1000); without it, analytic intervals
                         (score ± 1.96 standard errors)
  --resampling R         bayesian (default; O(cells) a round) | multinomial
                         (the Arena's: every battle redrawn, needs --prior > 0)
  --seed S               seed of the bootstrap (default 1)
  --prior L              penalty strength, ≥ 0 (default 0: plain maximum
                         likelihood, as the Arena)
  --inverse              lower is better: the winner is the worse answer, so
                         rank 1 goes to the lowest score
  --format F             table (default) | json | csv
  --delimiter D          CSV field separator: ',' (default), tab, ';' or '|'
  -h, --help             show this help

Examples:
  pairwise-elo leaderboard battles.csv --rounds 1000 --anchor gpt-4=1250
  jq -c '.[]' clean_battle.json | pairwise-elo leaderboard - --format csv
`;

interface LeaderboardFlags {
  readonly file: string;
  readonly delimiter: ReturnType<typeof delimiterFlag> | undefined;
  readonly anchor: { readonly model: string; readonly rating: number } | null;
  readonly rounds: number | null;
  readonly resampling: 'bayesian' | 'multinomial';
  readonly seed: string;
  readonly prior: number;
  readonly inverse: boolean;
  readonly format: 'table' | 'json' | 'csv';
}

/**
 * Runs `leaderboard` with command-line arguments; returns the text to print.
 *
 * @param args - The arguments after `leaderboard`: one FILE and the options of {@link LEADERBOARD_HELP}.
 * @returns The standings as a table, JSON or CSV.
 * @throws {@link UsageError} for a bad flag; {@link InputFileError} for a malformed row
 *   (`FILE:LINE: …`) or battles the fit cannot score (infinite scores with --prior 0).
 * @example
 * ```ts
 * process.stdout.write(await runLeaderboard(['battles.csv', '--rounds', '1000']));
 * ```
 */
export async function runLeaderboard(args: readonly string[]): Promise<string> {
  const flags = leaderboardFlags(args);
  const models = new Map<string, number>();
  const ids: string[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const outcome: string[] = [];
  const number = (id: string): number => {
    let known = models.get(id);
    if (known === undefined) {
      // A fresh copy: the reader's ids are slices that keep its whole chunk alive.
      known = ids.push(JSON.parse(JSON.stringify(id)) as string) - 1;
      models.set(ids[known]!, known);
    }
    return known;
  };
  const summary = await readComparisonFile(
    flags.file,
    (row) => {
      if (row.kind !== 'outcome') throw new RowRejection('a leaderboard needs battles whose sides are known: model_a,model_b,winner or left,right,outcome rows');
      if (row.weight !== 1) throw new RowRejection(`battles count one each; a weight of ${row.weight} is not supported here (use 'pairwise-elo rank')`, 'weight');
      left.push(number(row.left));
      right.push(number(row.right));
      // The reader matched the winner against ARENA_WINNERS; each outcome goes on in its first spelling.
      const words = row.outcome === 'left' ? ARENA_WINNERS.left : row.outcome === 'right' ? ARENA_WINNERS.right : row.bothBad === true ? ARENA_WINNERS.bothBad : ARENA_WINNERS.draw;
      outcome.push(words[0]!);
    },
    { delimiter: flags.delimiter, bothBad: true },
  );
  function* battles(): Generator<ArenaBattle> {
    for (let k = 0; k < left.length; k++) yield { model_a: ids[left[k]!]!, model_b: ids[right[k]!]!, winner: outcome[k]! };
  }
  let standings: Standings;
  let bias: LeaderboardPositionBias | null = null;
  let biasProblem: string | null = null;
  try {
    const leaderboard = leaderboardFromBattles(battles(), { prior: flags.prior, anchor: flags.anchor, inverseRanking: flags.inverse });
    standings = flags.rounds === null ? leaderboard.standings() : leaderboard.standings({ intervals: 'bootstrap', rounds: flags.rounds, seed: flags.seed, resampling: flags.resampling });
    // Finite standings are worth printing even when the left side won every decisive battle.
    try {
      bias = leaderboard.positionBias();
    } catch (error) {
      if (!(error instanceof RankingInputError)) throw error;
      biasProblem = flagNames(error.message.slice(error.path.length + 2));
    }
  } catch (error) {
    if (!(error instanceof RankingInputError)) throw error;
    throw new InputFileError(`cannot score ${summary.name}: ${flagNames(error.message)}`);
  }
  if (flags.format === 'json') return `${JSON.stringify({ file: summary.name, format: summary.format, rows: summary.rows, models: ids.length, standings, positionBias: bias }, null, 2)}\n`;
  if (flags.format === 'csv') return standingsCsv(standings);
  return standingsText(summary.name, summary.rows, standings, bias, biasProblem);
}

// A library message in the command's words: its options named as flags.
function flagNames(message: string): string {
  return message.replaceAll('options.anchor.model', '--anchor').replaceAll('options.resampling', '--resampling').replaceAll('options.prior', '--prior');
}

function leaderboardFlags(args: readonly string[]): LeaderboardFlags {
  const { values, positionals } = parseFlags(
    args,
    {
      anchor: { type: 'string' },
      rounds: { type: 'string' },
      resampling: { type: 'string' },
      seed: { type: 'string' },
      prior: { type: 'string' },
      inverse: { type: 'boolean' },
      format: { type: 'string' },
      delimiter: { type: 'string' },
    },
    true,
  );
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length === 0 ? 'give the battle log: pairwise-elo leaderboard FILE' : `give one battle log, got ${positionals.length}: ${positionals.join(' ')}`);
  }
  const rounds = values.rounds === undefined ? null : integerFlag(values.rounds, 'rounds', 10, 100_000);
  for (const flag of ['resampling', 'seed'] as const) {
    if (values[flag] !== undefined && rounds === null) throw new UsageError(`--${flag} needs --rounds: it is a setting of the bootstrap`);
  }
  return {
    file: positionals[0]!,
    delimiter: values.delimiter === undefined ? undefined : delimiterFlag(values.delimiter),
    anchor: values.anchor === undefined ? null : anchorFlag(values.anchor),
    rounds,
    resampling: choiceFlag(values.resampling ?? 'bayesian', 'resampling', ['bayesian', 'multinomial']),
    seed: values.seed ?? '1',
    prior: values.prior === undefined ? 0 : numberFlag(values.prior, 'prior', 0, Infinity),
    inverse: values.inverse === true,
    format: choiceFlag(values.format ?? 'table', 'format', ['table', 'json', 'csv']),
  };
}

// MODEL=RATING, split at the last '=' (model names may hold one).
function anchorFlag(text: string): { model: string; rating: number } {
  const at = text.lastIndexOf('=');
  if (at <= 0) throw new UsageError(`--anchor must be MODEL=RATING (e.g. gpt-4=1250), got '${text}'`);
  return { model: text.slice(0, at), rating: numberFlag(text.slice(at + 1), 'anchor', -1e9, 1e9) };
}

function standingsText(name: string, rows: number, standings: Standings, bias: LeaderboardPositionBias | null, biasProblem: string | null): string {
  const level = `${Math.round(standings.confidence * 100)}%`;
  const how = standings.intervals === 'bootstrap' ? `bootstrap, ${standings.rounds} rounds, ${standings.resampling}` : 'analytic';
  const lines = [
    `Read ${rows} battle${rows === 1 ? '' : 's'} of ${escapeForTerminal(name)}: ${standings.entries.length} models.`,
    `Scores: Bradley-Terry ${standings.prior === 0 ? 'maximum likelihood' : `with prior ${standings.prior}`}, ${standings.scale} points = 10:1 odds, ` +
      (standings.anchor === null ? `mean ${standings.center}` : `${shownId(standings.anchor.model)} pinned at ${standings.anchor.rating}`) +
      `; ${level} intervals (${how})${standings.inverseRanking ? '; lower is better' : ''}.`,
  ];
  if (!standings.converged) lines.push('Warning: a fit stopped before converging; try --prior 1e-6.');
  if (biasProblem !== null) lines.push(`Position bias: not estimated: ${escapeForTerminal(biasProblem)}.`);
  if (bias !== null) lines.push(positionBiasLine(bias));
  const header = ['rank', 'model', 'score', `${level} interval`, 'ranks', 'battles', 'wins', 'losses', 'draws', 'both bad'];
  const table = formatTable(
    header,
    standings.entries.length,
    (i) => {
      const entry = standings.entries[i]!;
      return [
        String(entry.rank),
        shownId(entry.model),
        entry.score.toFixed(1),
        `[${entry.lower.toFixed(1)}, ${entry.upper.toFixed(1)}]`,
        `${entry.bestRank}–${entry.worstRank}`,
        String(entry.battles),
        String(entry.wins),
        String(entry.losses),
        String(entry.draws),
        String(entry.bothBad),
      ];
    },
    header.map((title) => (title === 'model' || title.endsWith('interval') ? 'left' : 'right')),
  );
  return [...lines, '', table, ''].join('\n');
}

function positionBiasLine(bias: LeaderboardPositionBias): string {
  if (bias.score === null || bias.upper === null) {
    const share = `${(100 * bias.leftWinRate).toFixed(1)}%`;
    return (
      `Position bias: not estimated: the battles do not bound it (a left- or right-side advantage of any size fits them ` +
      `at least as well as a finite one); the left side (model_a) won ${share} of the decisive battles.`
    );
  }
  return `Position bias: the left side (model_a) is worth ${bias.score >= 0 ? '+' : '−'}${Math.abs(bias.score).toFixed(1)} ± ${(bias.upper - bias.score).toFixed(1)} points.`;
}

function standingsCsv(standings: Standings): string {
  const lines = ['rank,model,score,lower,upper,best_rank,worst_rank,battles,wins,losses,draws,both_bad'];
  for (const entry of standings.entries) {
    lines.push(
      [entry.rank, csvText(entry.model), entry.score, entry.lower, entry.upper, entry.bestRank, entry.worstRank, entry.battles, entry.wins, entry.losses, entry.draws, entry.bothBad].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

// A model name that starts like a formula (= + - @, tab, CR) would run as one in a
// spreadsheet (CSV injection; OWASP): a leading quote shows it as text, as convergenceCsv does.
function csvText(value: string): string {
  const neutral = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return neutral !== value || /[",\n\r]/.test(neutral) ? `"${neutral.replaceAll('"', '""')}"` : neutral;
}
