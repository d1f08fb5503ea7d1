/**
 * Reading `left,right,outcome` judgements out of columns named otherwise: the Chatbot
 * Arena battle layout (`model_a,model_b,winner`; Chiang et al., "Chatbot Arena: An Open
 * Platform for Evaluating LLMs by Human Preference", ICML 2024, §4) and mappings given
 * with `--columns` and `--outcome-values`. Columns a mapping does not name are ignored.
 * @internal
 * @module
 */
import type { ComparisonOutcome } from '../bradleyTerry/comparisonTypes.js';
import { describeValue } from '../errors.js';
import { ARENA_WINNERS } from '../leaderboard/arenaWinner.js';
import { optionalAmount, requireId, requireLabeler, requireOtherId, type OutcomeRow } from './comparisonRow.js';
import { RowRejection } from './rowRejection.js';

/** The values of the outcome column that mean each outcome (matched trimmed, in any case). */
export interface OutcomeValues {
  /** Values meaning the left datapoint won. */
  readonly left: readonly string[];
  /** Values meaning the right datapoint won. */
  readonly right: readonly string[];
  /** Values meaning a draw (may be none). */
  readonly draw: readonly string[];
  /**
   * Values meaning a draw where both answers were bad: read as draws marked
   * `bothBad` (OutcomeRow).
   * @defaultValue none
   */
  readonly bothBad?: readonly string[];
}

/**
 * Which columns hold a judgement's parts, and what the outcome column's values mean.
 * Plain, JSON-safe data: `rank --json` reports it.
 */
export interface ColumnMapping {
  /** Where it came from: the recognised Chatbot Arena header, or `--columns`. */
  readonly layout: 'chatbot-arena' | 'columns';
  /** The column of the datapoint shown on the left. */
  readonly left: string;
  /** The column of the datapoint shown on the right. */
  readonly right: string;
  /** The column saying who won. */
  readonly outcome: string;
  /** The column of the labeler id, if any (checked to be a string, then not used). */
  readonly labeler: string | null;
  /** The column of the weight, if any. */
  readonly weight: string | null;
  /** The outcome column's values. */
  readonly outcomeValues: OutcomeValues;
}

/** The outcome words of the left,right,outcome layout, the default of `--outcome-values`. */
export const DEFAULT_OUTCOME_VALUES: OutcomeValues = { left: ['left'], right: ['right'], draw: ['draw', 'tie'] };

/** The columns that make a header a Chatbot Arena battle dump. */
export const CHATBOT_ARENA_COLUMNS = ['model_a', 'model_b', 'winner'] as const;

/**
 * The Chatbot Arena mapping: model_a on the left, model_b on the right, `winner` is
 * `model_a`, `model_b`, `tie` or `tie (bothbad)` (both ties are draws); `judge`, when
 * the file has it, is the labeler.
 *
 * @param judge - Whether to read the `judge` column as the labeler.
 * @param bothBad - Whether to tell "both bad" ties apart, as leaderboardFromBattles
 *   does: `tie (bothbad)` and `both_bad` become draws marked `bothBad`. Without it
 *   (`rank`), `tie (bothbad)` is a plain draw and `both_bad` is refused.
 * @returns The mapping.
 * @example
 * ```ts
 * chatbotArenaMapping(true).labeler; // 'judge'
 * chatbotArenaMapping(false, true).outcomeValues.bothBad; // ['tie (bothbad)', 'both_bad']
 * ```
 */
export function chatbotArenaMapping(judge: boolean, bothBad = false): ColumnMapping {
  return {
    layout: 'chatbot-arena',
    left: 'model_a',
    right: 'model_b',
    outcome: 'winner',
    labeler: judge ? 'judge' : null,
    weight: null,
    // rank --json reports the mapping: its values stay as they were. The leaderboard's
    // are leaderboardFromBattles' own (matched trimmed, in any case, by both).
    outcomeValues: bothBad
      ? { left: ARENA_WINNERS.left, right: ARENA_WINNERS.right, draw: ARENA_WINNERS.draw, bothBad: ARENA_WINNERS.bothBad }
      : { left: ['model_a'], right: ['model_b'], draw: ['tie', 'tie (bothbad)'] },
  };
}

/**
 * The columns a mapping reads, each with the part it holds, in the order left, right,
 * outcome, labeler, weight.
 *
 * @param mapping - The mapping.
 * @returns Pairs of column name and part, e.g. `['model_a', 'left']`.
 * @example
 * ```ts
 * mappedColumns(chatbotArenaMapping(false)); // [['model_a', 'left'], ['model_b', 'right'], ['winner', 'outcome']]
 * ```
 */
export function mappedColumns(mapping: ColumnMapping): [column: string, part: 'left' | 'right' | 'outcome' | 'labeler' | 'weight'][] {
  const columns: [string, 'left' | 'right' | 'outcome' | 'labeler' | 'weight'][] = [
    [mapping.left, 'left'],
    [mapping.right, 'right'],
    [mapping.outcome, 'outcome'],
  ];
  if (mapping.labeler !== null) columns.push([mapping.labeler, 'labeler']);
  if (mapping.weight !== null) columns.push([mapping.weight, 'weight']);
  return columns;
}

/**
 * Reads rows through one mapping. Built once per file: the outcome values become one
 * lookup table, so a row costs O(its mapped values).
 */
export class MappedRowReader {
  /** The mapping it reads with. */
  readonly mapping: ColumnMapping;
  readonly #outcomeOf = new Map<string, ComparisonOutcome | 'bothBad'>();
  readonly #allowed: string;

  /** @param mapping - The columns to read and what their values mean. */
  constructor(mapping: ColumnMapping) {
    this.mapping = mapping;
    const { left, right, draw, bothBad = [] } = mapping.outcomeValues;
    for (const [outcome, values] of [['left', left], ['right', right], ['draw', draw], ['bothBad', bothBad]] as const) {
      for (const value of values) this.#outcomeOf.set(value.trim().toLowerCase(), outcome);
    }
    const quoted = (values: readonly string[]): string => values.map((value) => `'${value}'`).join(' or ');
    const allowed = [`${quoted(left)} (left wins)`, `${quoted(right)} (right wins)`];
    if (draw.length > 0) allowed.push(`${quoted(draw)} (a draw)`);
    if (bothBad.length > 0) allowed.push(`${quoted(bothBad)} (a draw, both bad)`);
    this.#allowed = allowed.join(', ');
  }

  /**
   * Whether a column is one a row may leave out (labeler, weight), so that an empty
   * CSV cell or a JSON null there means "not given".
   *
   * @param column - A column the mapping names.
   * @returns True for the labeler and weight columns.
   */
  isOptional(column: string): boolean {
    return column === this.mapping.labeler || column === this.mapping.weight;
  }

  /**
   * One row.
   *
   * @param value - A mapped column's value: a CSV cell or a JSON value; undefined when
   *   not given.
   * @returns The judgement, as a left,right,outcome row.
   * @throws {@link RowRejection} naming the column (as the mapping names it) at fault.
   */
  row(value: (column: string) => unknown): OutcomeRow {
    const { mapping } = this;
    const left = requireId(value(mapping.left), mapping.left);
    const right = requireOtherId(value(mapping.right), mapping.right, left, mapping.left);
    const outcome = this.#outcome(value(mapping.outcome));
    const weight = mapping.weight === null ? 1 : optionalAmount(value(mapping.weight), mapping.weight, 1);
    if (mapping.labeler !== null) requireLabeler(value(mapping.labeler), mapping.labeler);
    // The key is added only when set, so rows read without bothBad values are as before.
    return outcome === 'bothBad' ? { kind: 'outcome', left, right, outcome: 'draw', weight, bothBad: true } : { kind: 'outcome', left, right, outcome, weight };
  }

  #outcome(value: unknown): ComparisonOutcome | 'bothBad' {
    const column = this.mapping.outcome;
    if (value === undefined) throw new RowRejection(`${column} is missing`, column);
    // JSON exports may write the outcome as a number (choice: 1); it is matched as text.
    const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
    const outcome = text === undefined ? undefined : this.#outcomeOf.get(text.trim().toLowerCase());
    if (outcome === undefined) {
      const hint = this.mapping.layout === 'columns' ? '; map other values with --outcome-values' : '';
      throw new RowRejection(`${column} must be ${this.#allowed}, got ${describeValue(value)}${hint}`, column);
    }
    return outcome;
  }
}
