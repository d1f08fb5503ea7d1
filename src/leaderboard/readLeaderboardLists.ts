/**
 * The boundary checks of a leaderboard's lists: models and prompts (with their tags).
 * Each reads a copy the caller can no longer change.
 * @internal
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { copyJsonData, ownValue, requireNonEmptyString, requireOptionsObject } from '../validate.js';

/** A prompt as stored: its id and its tags (no repeats). @internal */
export interface StoredPrompt {
  readonly id: string;
  readonly tags: readonly string[];
}

/** A copy of `value` as a list, or an error naming `path`. @internal */
export function copyList(value: unknown, path: string, what: string): unknown[] {
  if (!Array.isArray(value)) throw new RankingInputError(path, `must be an array of ${what}, got ${describeValue(value)}`);
  return copyJsonData(value, path) as unknown[];
}

/**
 * Ids (of models, or of labelers with `noun`): at least `least` distinct non-empty strings.
 * @throws {@link RankingInputError} at `path` or `path[i]`. @internal
 */
export function readModels(value: unknown, path: string, least: number, noun = 'model'): string[] {
  const list = copyList(value, path, `${noun} ids`);
  if (list.length < least) throw new RankingInputError(path, `must hold at least ${least} ${noun}s, got ${list.length}`);
  const seen = new Set<string>();
  return list.map((item, i) => {
    const id = requireNonEmptyString(item, `${path}[${i}]`);
    if (seen.has(id)) throw new RankingInputError(`${path}[${i}]`, `repeats the ${noun} ${describeValue(id)}; ${noun} ids must be unique`);
    seen.add(id);
    return id;
  });
}

/**
 * Prompts: ids or `{ id, tags? }` objects (as stored, `tags` required when `stored`),
 * unique ids, at least `least` of them.
 * @throws {@link RankingInputError} at `path[i]`, `path[i].id`, `path[i].tags[j]`. @internal
 */
export function readPrompts(value: unknown, path: string, least: number, stored = false): StoredPrompt[] {
  const list = copyList(value, path, 'prompts (ids, or objects { id, tags? })');
  if (list.length < least) throw new RankingInputError(path, `must hold at least ${least} prompt${least === 1 ? '' : 's'}, got ${list.length}`);
  const seen = new Set<string>();
  return list.map((item, i) => {
    const itemPath = `${path}[${i}]`;
    let prompt: StoredPrompt;
    if (typeof item === 'string' && !stored) {
      prompt = { id: requireNonEmptyString(item, itemPath), tags: [] };
    } else {
      const object = requireOptionsObject(item, ['id', 'tags'], itemPath, `${itemPath}.`);
      const id = requireNonEmptyString(ownValue(object, 'id'), `${itemPath}.id`);
      const tagsValue = ownValue(object, 'tags');
      prompt = { id, tags: tagsValue === undefined && !stored ? [] : readTags(tagsValue, `${itemPath}.tags`) };
    }
    if (seen.has(prompt.id)) throw new RankingInputError(itemPath, `repeats the prompt ${describeValue(prompt.id)}; prompt ids must be unique`);
    seen.add(prompt.id);
    return prompt;
  });
}

function readTags(value: unknown, path: string): string[] {
  if (!Array.isArray(value)) throw new RankingInputError(path, `must be an array of tags (non-empty strings), got ${describeValue(value)}`);
  const seen = new Set<string>();
  return value.map((tag: unknown, j) => {
    const text = requireNonEmptyString(tag, `${path}[${j}]`);
    if (seen.has(text)) throw new RankingInputError(`${path}[${j}]`, `repeats the tag ${describeValue(text)}`);
    seen.add(text);
    return text;
  });
}
