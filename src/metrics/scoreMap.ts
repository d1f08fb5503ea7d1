/**
 * Score maps: scores keyed by datapoint id, as a `Map` or a plain record.
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { mapOrRecordEntries } from '../mapOrRecordEntries.js';

/**
 * Scores keyed by datapoint id. A `Map` is safest for arbitrary ids; a plain record
 * works too (only its own keys are read). A Map is read through Map's own methods (what
 * it stores, whatever a subclass overrides); an object that only looks like one (a Proxy
 * of a Map) is refused.
 */
export type ScoreMap = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

/** The entries of a score map, every score checked to be finite. @internal */
export function scoreEntries(scores: ScoreMap, path: string): [string, number][] {
  if (typeof scores !== 'object' || scores === null) {
    throw new RankingInputError(path, `must be a Map or a record of scores, got ${describeValue(scores)}`);
  }
  const entries = mapOrRecordEntries(scores, path, 'of scores');
  for (const [id, score] of entries) {
    if (typeof score !== 'number' || !Number.isFinite(score)) {
      throw new RankingInputError(`${path}[${JSON.stringify(id)}]`, `must be a finite number, got ${describeValue(score)}`);
    }
  }
  return entries as [string, number][];
}

/**
 * Two score maps over the same datapoints, as parallel arrays in `a`'s order.
 * @internal
 */
export function pairedScores(a: ScoreMap, b: ScoreMap): { readonly x: Float64Array; readonly y: Float64Array } {
  const entriesA = scoreEntries(a, 'a');
  const entriesB = scoreEntries(b, 'b');
  const lookupB = new Map(entriesB);
  if (entriesA.length !== lookupB.size) {
    throw new RankingInputError('b', `must score the same datapoints as a (a has ${entriesA.length}, b has ${lookupB.size})`);
  }
  const x = new Float64Array(entriesA.length);
  const y = new Float64Array(entriesA.length);
  entriesA.forEach(([id, score], i) => {
    const other = lookupB.get(id);
    if (other === undefined) throw new RankingInputError('b', `has no score for datapoint ${describeValue(id)}, which a scores`);
    x[i] = score;
    y[i] = other;
  });
  return { x, y };
}
