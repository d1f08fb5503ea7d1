/**
 * The one error class for bad input, and the helpers that build its messages.
 * @module
 */

/**
 * Thrown for every input the library cannot accept: a bad definition, an unknown
 * matchup id, an outcome outside `'left' | 'right' | 'draw'`, a random number
 * generator that returns something outside [0, 1), …
 *
 * A call that throws it has changed nothing.
 *
 * @example
 * ```ts
 * try {
 *   createRankingJobDefinition({ ...input, comparisonBudgetPerRanking: 0 });
 * } catch (error) {
 *   if (error instanceof RankingInputError) console.log(error.path); // "comparisonBudgetPerRanking"
 * }
 * ```
 */
export class RankingInputError extends Error {
  /** The offending field, as a path into the input: `datapoints[0][3]`, `comparisonBudgetPerRanking`, `matchupId`. */
  readonly path: string;

  /**
   * @param path - The offending field (see {@link RankingInputError.path}).
   * @param reason - What is allowed and what was given; the message is `path: reason`.
   */
  constructor(path: string, reason: string) {
    super(`${path}: ${reason}`);
    this.name = 'RankingInputError';
    this.path = path;
  }
}

const MAX_SHOWN_STRING = 60;

/**
 * A short, safe description of any value for an error message: strings are quoted and
 * cut to 60 characters, objects are named by their kind, never printed whole.
 * @internal
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > MAX_SHOWN_STRING ? `${value.slice(0, MAX_SHOWN_STRING)}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null || value === undefined || typeof value === 'boolean') return String(value);
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return 'an object';
}
