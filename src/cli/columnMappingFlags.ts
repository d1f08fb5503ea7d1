/**
 * The `--columns` and `--outcome-values` flags of `pairwise-elo rank`, read into a
 * {@link ColumnMapping}.
 * @internal
 * @module
 */
import { DEFAULT_OUTCOME_VALUES, type ColumnMapping, type OutcomeValues } from './columnMapping.js';
import { UsageError } from './terminal.js';

const PARTS = ['left', 'right', 'outcome', 'labeler', 'weight'] as const;
const OUTCOMES = ['left', 'right', 'draw'] as const;

/**
 * Reads `--columns left=COL,right=COL,outcome=COL[,labeler=COL][,weight=COL]` and
 * `--outcome-values left=VALUE,right=VALUE[,draw=VALUE...]` (each outcome may be given
 * several values; without the flag the values are left, right, draw and tie).
 *
 * @param columns - The value of `--columns`.
 * @param outcomeValues - The value of `--outcome-values`, if given.
 * @returns The mapping.
 * @throws {@link UsageError} naming the flag: an entry not `key=value`, an unknown or
 *   repeated key, a missing left, right or outcome (left or right value), one column
 *   for two parts, or one value for two outcomes.
 * @example
 * ```ts
 * columnMappingFlags('left=image_a,right=image_b,outcome=choice', 'left=A,right=B,draw=same');
 * ```
 */
export function columnMappingFlags(columns: string, outcomeValues: string | undefined): ColumnMapping {
  const parts = new Map<(typeof PARTS)[number], string>();
  for (const [key, column] of entries(columns, 'columns', PARTS, 'left=COL,right=COL,outcome=COL[,labeler=COL][,weight=COL]')) {
    if (parts.has(key)) throw new UsageError(`--columns names ${key} twice`);
    const other = [...parts].find(([, taken]) => taken.toLowerCase() === column.toLowerCase());
    if (other !== undefined) throw new UsageError(`--columns reads ${other[0]} and ${key} from the same column '${column}'`);
    parts.set(key, column);
  }
  for (const part of ['left', 'right', 'outcome'] as const) {
    if (!parts.has(part)) throw new UsageError(`--columns lacks ${part}=COL: it needs left, right and outcome (labeler and weight are optional)`);
  }
  return {
    layout: 'columns',
    left: parts.get('left')!,
    right: parts.get('right')!,
    outcome: parts.get('outcome')!,
    labeler: parts.get('labeler') ?? null,
    weight: parts.get('weight') ?? null,
    outcomeValues: outcomeValues === undefined ? DEFAULT_OUTCOME_VALUES : outcomeValuesFlag(outcomeValues),
  };
}

function outcomeValuesFlag(text: string): OutcomeValues {
  const values: Record<(typeof OUTCOMES)[number], string[]> = { left: [], right: [], draw: [] };
  const outcomeOf = new Map<string, string>();
  for (const [outcome, value] of entries(text, 'outcome-values', OUTCOMES, 'left=VALUE,right=VALUE[,draw=VALUE...]')) {
    // Matching ignores case, so values equal but for case are one value.
    const earlier = outcomeOf.get(value.toLowerCase());
    if (earlier !== undefined) throw new UsageError(`--outcome-values gives '${value}' twice${earlier === outcome ? '' : `, for ${earlier} and for ${outcome}`}`);
    outcomeOf.set(value.toLowerCase(), outcome);
    values[outcome].push(value);
  }
  for (const outcome of ['left', 'right'] as const) {
    if (values[outcome].length === 0) throw new UsageError(`--outcome-values lacks ${outcome}=VALUE: it needs left and right (draw is optional)`);
  }
  return values;
}

// The `key=value` entries of a comma-separated flag value, keys checked against `keys`.
function entries<const K extends string>(text: string, flag: string, keys: readonly K[], form: string): [K, string][] {
  return text.split(',').map((entry): [K, string] => {
    const equals = entry.indexOf('=');
    const key = entry.slice(0, Math.max(equals, 0)).trim().toLowerCase();
    const value = entry.slice(equals + 1).trim();
    if (equals === -1 || value === '') throw new UsageError(`--${flag} must be ${form}, got the entry ${JSON.stringify(entry.slice(0, 40))}`);
    if (!(keys as readonly string[]).includes(key)) throw new UsageError(`--${flag} has an unknown key '${key.slice(0, 40)}': the keys are ${keys.join(', ')}`);
    return [key as K, value];
  });
}
