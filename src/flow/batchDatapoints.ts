/**
 * A batch's datapoint ids, read once and checked.
 * @internal
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { requireNonEmptyString } from '../validate.js';
import { MAX_BATCH_DATAPOINTS, MIN_BATCH_DATAPOINTS } from './flowConfig.js';

// Up to this many ids, duplicates are found pairwise; above, with a Set.
const PAIRWISE = 8;

/**
 * The ids given for a batch, each read once (the length too), checked as read and
 * frozen: 2 to 1 000 non-empty strings, no duplicates. O(n).
 * @throws {@link RankingInputError} at `path` or `path[i]`.
 */
export function batchDatapoints(value: unknown, path: string): readonly string[] {
  const count = Array.isArray(value) ? value.length : -1;
  if (count < MIN_BATCH_DATAPOINTS || count > MAX_BATCH_DATAPOINTS) {
    const given = count >= 0 ? `an array of length ${count}` : describeValue(value);
    throw new RankingInputError(path, `must be an array of ${MIN_BATCH_DATAPOINTS} to ${MAX_BATCH_DATAPOINTS} datapoint ids, got ${given}`);
  }
  const ids: string[] = [];
  const seen = count > PAIRWISE ? new Set<string>() : null;
  for (let i = 0; i < count; i++) {
    const id = (value as readonly unknown[])[i];
    if (typeof id !== 'string' || id.length === 0) requireNonEmptyString(id, `${path}[${i}]`);
    let earlier = -1;
    if (seen === null) earlier = ids.indexOf(id as string);
    else if (seen.size === seen.add(id as string).size) earlier = ids.indexOf(id as string);
    if (earlier >= 0) throw new RankingInputError(`${path}[${i}]`, `duplicates ${path}[${earlier}] (${describeValue(id)}); ids must be unique within a batch`);
    ids.push(id as string);
  }
  return Object.freeze(ids);
}
