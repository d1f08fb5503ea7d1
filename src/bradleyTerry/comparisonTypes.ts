/**
 * The input of the Bradley–Terry fit: single judgements, or counts already aggregated
 * per pair.
 * @module
 */

/** Who won one judgement: the left datapoint, the right one, or neither (a draw). */
export type ComparisonOutcome = 'left' | 'right' | 'draw';

/**
 * One judgement: `left` against `right`, as shown to the labeler. Because the sides are
 * known, records are what informs the position effect (a bias towards the left side).
 *
 * @example
 * ```ts
 * const record: ComparisonRecord = { left: 'a', right: 'b', outcome: 'left', labelerId: 'ann' };
 * ```
 */
export interface ComparisonRecord {
  /** The datapoint shown on the left: a non-empty string. */
  readonly left: string;
  /** The datapoint shown on the right: a non-empty string other than `left`. */
  readonly right: string;
  /** Who won; a draw counts as half a win for each side. */
  readonly outcome: ComparisonOutcome;
  /**
   * How much this judgement counts: 0, or a number in [2^-1022, 2^53] (2.2e-308 to
   * 9.0e15). Weight 2 is the same as two identical records, weight 0 only makes both
   * datapoints known.
   * @defaultValue 1
   */
  readonly weight?: number | undefined;
  /** Who gave the judgement. Validated as a string when present, then ignored by the fit. */
  readonly labelerId?: string | undefined;
  /** The job ranking it came from (`job.comparisons()` records); ignored by the fit. */
  readonly ranking?: number | undefined;
  /** The job matchup it came from (`job.comparisons()` records); ignored by the fit. */
  readonly matchupId?: string | undefined;
}

/**
 * Aggregated counts for one pair. Which side each game was shown on is not known, so
 * pair counts carry no information about the position effect.
 *
 * @example
 * ```ts
 * // Biometrika was cited 730 times by Comm Statist, and cited it 33 times.
 * const counts: PairCounts = { a: 'Biometrika', b: 'Comm Statist', aWins: 730, bWins: 33 };
 * ```
 */
export interface PairCounts {
  /** One datapoint: a non-empty string. */
  readonly a: string;
  /** The other datapoint: a non-empty string other than `a`. */
  readonly b: string;
  /** Games `a` won: 0, or a number in [2^-1022, 2^53] (need not be a whole number). */
  readonly aWins: number;
  /** Games `b` won: 0, or a number in [2^-1022, 2^53]. */
  readonly bWins: number;
  /**
   * Drawn games: 0, or a number in [2^-1022, 2^53]; each counts as half a win for each side.
   * @defaultValue 0
   */
  readonly draws?: number | undefined;
}

/** Anything the Bradley–Terry fit accepts as one item of its input. */
export type Comparison = ComparisonRecord | PairCounts;
