/**
 * Parsing of command-line flags: `node:util` parseArgs plus typed values whose errors
 * name the flag.
 * @internal
 * @module
 */
import type { Pairing } from '../definition/types.js';
import type { Scorer } from '../job/types.js';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './terminal.js';

/** parseArgs in strict mode; its errors become usage errors. */
export function parseFlags<const T extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: T, positionals = false) {
  for (const arg of args) {
    const flag = /^--([^=]+)/.exec(arg)?.[1];
    const renamed = flag === undefined || Object.hasOwn(options, flag) ? undefined : RENAMED_FLAGS[flag];
    if (renamed !== undefined) throw new UsageError(`--${flag} is now --${renamed} (the library says datapoints everywhere)`);
  }
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: positionals });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

// Flags of 0.1 that were renamed, so old scripts get a pointer rather than "unknown option".
const RENAMED_FLAGS: Readonly<Record<string, string>> = { items: 'datapoints', 'per-item': 'per-datapoint' };

/** A whole number in [min, max] given as `--flag`. */
export function integerFlag(text: string, flag: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = /^[+]?\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${flag} must be a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}, got '${text}'`);
  }
  return value;
}

/** A finite number in [min, max] given as `--flag` (exclusive of min when `aboveMin`). */
export function numberFlag(text: string, flag: string, min: number, max: number, aboveMin = false): number {
  const value = text.trim() === '' ? Number.NaN : Number(text);
  const ok = Number.isFinite(value) && (aboveMin ? value > min : value >= min) && value <= max;
  if (!ok) {
    const range = `${aboveMin ? 'above' : 'from'} ${min}${Number.isFinite(max) ? ` to ${max}` : ''}`;
    throw new UsageError(`--${flag} must be a number ${range}, got '${text}'`);
  }
  return value;
}

/** One of `allowed` given as `--flag`. */
export function choiceFlag<const T extends string>(text: string, flag: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(text)) {
    throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}, got '${text}'`);
  }
  return text as T;
}

/** A comma-separated list given as `--flag`, each entry parsed by `parse`; no repeats. */
export function listFlag<T>(text: string, flag: string, parse: (entry: string) => T): T[] {
  const entries = text.split(',').map((entry) => entry.trim());
  if (entries.some((entry) => entry === '')) throw new UsageError(`--${flag} must be a comma-separated list without empty entries, got '${text}'`);
  if (new Set(entries).size !== entries.length) throw new UsageError(`--${flag} repeats an entry: '${text}'`);
  return entries.map(parse);
}

/** The pairing modes, as the command line spells them (the API's names). */
export const PAIRING_FLAGS: readonly Pairing[] = ['adaptive', 'informationGain', 'sort', 'roundRobin'];

/** A scorer from the command line: posterior, bradleyTerry (or bt), elo. */
export function scorerFlag(text: string, flag: string): Scorer {
  const choice = choiceFlag(text, flag, ['posterior', 'bradleyTerry', 'bt', 'elo']);
  return choice === 'bt' ? 'bradleyTerry' : choice;
}
