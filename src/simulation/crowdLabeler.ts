/**
 * A crowd of labelers: each answer comes from one member, picked by share.
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { ownValue, requireOptionsObject, requirePositive } from '../validate.js';
import { labelerDraw, matchupSides, type Labeler } from './labeler.js';

/** One kind of labeler in a crowd and its share of the answers. */
export interface CrowdMember {
  /** Relative share of the answers this member gives: finite and > 0 (shares need not sum to 1). */
  readonly share: number;
  /** How this member answers. */
  readonly labeler: Labeler;
}

/**
 * A labeler for a crowd that mixes careful labelers and spammers: each answer comes from
 * a member picked with probability share / (sum of shares), using one rng draw, then
 * that member answers with the same rng. O(log m) per answer for m members.
 *
 * @param members - At least one {@link CrowdMember}.
 * @returns A {@link Labeler}.
 * @throws {@link RankingInputError} for an empty list, a share that is not finite and
 *   positive, or a labeler that is not a function.
 * @example
 * ```ts
 * const crowd = crowdLabeler([
 *   { share: 0.8, labeler: bradleyTerryLabeler(truth) },                 // careful
 *   { share: 0.2, labeler: bradleyTerryLabeler(truth, { lapseRate: 1 }) }, // random clickers
 * ]);
 * ```
 */
export function crowdLabeler(members: readonly CrowdMember[]): Labeler {
  if (!Array.isArray(members) || members.length === 0) {
    throw new RankingInputError('members', `must be a non-empty array of { share, labeler }, got ${describeValue(members)}`);
  }
  const labelers: Labeler[] = [];
  const cumulative = new Float64Array(members.length);
  let total = 0;
  members.forEach((member: unknown, i) => {
    const object = requireOptionsObject(member, ['share', 'labeler'], `members[${i}]`, `members[${i}].`);
    total += requirePositive(ownValue(object, 'share'), `members[${i}].share`);
    const labeler = ownValue(object, 'labeler');
    if (typeof labeler !== 'function') {
      throw new RankingInputError(`members[${i}].labeler`, `must be a labeler function, got ${describeValue(labeler)}`);
    }
    labelers.push(labeler as Labeler);
    cumulative[i] = total;
  });
  if (!Number.isFinite(total)) throw new RankingInputError('members', 'shares must have a finite sum');
  const last = members.length - 1;
  return (matchup, rng) => {
    // Checked before the draw that picks the member, so a bad matchup costs no draw.
    matchupSides(matchup);
    const target = labelerDraw(rng) * total;
    let low = 0;
    let high = last;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumulative[middle]! > target) high = middle;
      else low = middle + 1;
    }
    return labelers[low]!(matchup, rng);
  };
}
