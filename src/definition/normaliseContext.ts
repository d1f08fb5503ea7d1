/**
 * Validation and normalisation of ranking contexts: the text (and asset ids) shown with
 * the instruction for every matchup of a ranking.
 * @internal
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { ownValue, requireNonEmptyString, requireOptionsObject } from '../validate.js';
import type { RankingContext } from './types.js';

/** Longest context text, in UTF-16 code units. */
export const MAX_CONTEXT_TEXT = 100_000;
/** Most asset ids one context may list. */
export const MAX_CONTEXT_ASSETS = 1000;

const CONTEXT_KEYS = ['text', 'assets'] as const;

/** One context, checked and frozen (each field read once). */
export function normaliseContext(value: unknown, path: string): RankingContext {
  const object = requireOptionsObject(value, CONTEXT_KEYS, path, `${path}.`);
  const text = requireNonEmptyString(ownValue(object, 'text'), `${path}.text`);
  if (text.length > MAX_CONTEXT_TEXT) {
    throw new RankingInputError(`${path}.text`, `must be at most ${MAX_CONTEXT_TEXT} characters, got ${text.length}`);
  }
  const assets = ownValue(object, 'assets');
  if (assets === undefined) return Object.freeze({ text });
  const count = Array.isArray(assets) ? assets.length : -1;
  if (count < 0 || count > MAX_CONTEXT_ASSETS) {
    const given = count < 0 ? describeValue(assets) : `an array of length ${count}`;
    throw new RankingInputError(`${path}.assets`, `must be an array of at most ${MAX_CONTEXT_ASSETS} asset ids (non-empty strings), got ${given}`);
  }
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(requireNonEmptyString((assets as readonly unknown[])[i], `${path}.assets[${i}]`));
  return Object.freeze({ text, assets: Object.freeze(ids) });
}

/**
 * The definition's `contexts`, aligned with its `rankingCount` rankings, or undefined
 * when absent or null. Every entry is read once.
 */
export function normaliseContexts(value: unknown, rankingCount: number): readonly (RankingContext | null)[] | undefined {
  if (value === undefined || value === null) return undefined;
  const count = Array.isArray(value) ? value.length : -1;
  if (count !== rankingCount) {
    const given = count < 0 ? describeValue(value) : `an array of length ${count}`;
    throw new RankingInputError('contexts', `must be an array with one entry per ranking (${rankingCount}: a context { text, assets? } or null), got ${given}`);
  }
  const contexts: (RankingContext | null)[] = [];
  for (let r = 0; r < count; r++) {
    const entry: unknown = (value as readonly unknown[])[r];
    contexts.push(entry === null ? null : normaliseContext(entry, `contexts[${r}]`));
  }
  return Object.freeze(contexts);
}
