/**
 * The one error class for bad input, and the helpers that build its messages.
 * @module
 */

// Registered, so the ESM and CommonJS copies of the package share it.
const RANKING_INPUT_ERROR: unique symbol = Symbol.for('pairwise-elo.RankingInputError');

/**
 * Thrown for every input the library cannot accept: a bad definition, an unknown
 * matchup id, an outcome outside `'left' | 'right' | 'draw'`, a random number
 * generator that returns something outside [0, 1), …
 *
 * A call that throws it has changed nothing.
 *
 * `instanceof` recognises it across copies of the package (the ESM and CommonJS builds
 * loaded side by side, two bundles): the check looks for a registered symbol that every
 * copy puts on its errors, not for one class object.
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
  /** True for errors made by any copy of this class, whatever its module format. */
  static override [Symbol.hasInstance](value: unknown): value is RankingInputError {
    return typeof value === 'object' && value !== null && (value as { [RANKING_INPUT_ERROR]?: unknown })[RANKING_INPUT_ERROR] === true;
  }

  /** The brand `instanceof` looks for (a `Symbol.for` key, the same in every copy). */
  get [RANKING_INPUT_ERROR](): true {
    return true;
  }

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
