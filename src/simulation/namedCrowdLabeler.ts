/**
 * A crowd of named labelers: a fixed number of people of set kinds, each answer given by
 * one of them and labelled with who it was, so a simulated job knows its labelers as a
 * real one does.
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { indexFromUniform } from '../rng/uniformDraws.js';
import { ownValue, requireNonEmptyString, requireOptionsObject, requirePositive, requirePositiveInteger } from '../validate.js';
import { labelerDraw, matchupSides, type IdentifiedLabeler, type Labeler } from './labeler.js';

/** One kind of labeler in a {@link namedCrowdLabeler}: how its members answer and how many of the crowd they are. */
export interface NamedCrowdMember {
  /** Relative share of the crowd's labelers of this kind: finite and > 0 (shares need not sum to 1). */
  readonly share: number;
  /** How each labeler of this kind answers. */
  readonly labeler: Labeler;
  /** The kind's name, the stem of its labelers' ids (`careful` → `careful-1`, `careful-2`, …): non-empty, unique in the crowd. */
  readonly name: string;
}

/** Options of {@link namedCrowdLabeler}. */
export interface NamedCrowdOptions {
  /** How many labelers the crowd has: an integer in [number of members, 1 000 000]. */
  readonly labelers: number;
}

/** Most labelers a named crowd may have. */
export const MAX_CROWD_LABELERS = 1_000_000;

/**
 * How many of `total` labelers each share gets: largest remainders (Hamilton's method),
 * ties to the earlier member. O(m log m) for m shares.
 * @internal
 */
export function apportionLabelers(shares: readonly number[], total: number): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const quotas = shares.map((share) => (share / sum) * total);
  const counts = quotas.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = quotas.map((quota, i) => ({ i, remainder: quota - counts[i]! })).sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    counts[i]!++;
    left--;
  }
  return counts;
}

/**
 * A crowd of `options.labelers` named labelers. The members' shares split the crowd's
 * labelers by largest remainders; a member's labelers are named `${name}-1`, `${name}-2`,
 * …, so a simulation knows who is who (the trust estimate never looks at the names).
 *
 * Each answer comes from a labeler picked uniformly among those who have not yet
 * answered the matchup (by its id; consecutive answers to one matchup, as simulations
 * give them, never come from the same person twice unless everyone already answered it),
 * using one rng draw; that labeler's kind then answers with the same rng (one more draw
 * for the models of this library). So every labeler gives about the same number of
 * answers, and a kind's share of the answers is about its share of the crowd.
 * O(r log r) per answer, r the answers the matchup already has.
 *
 * @param members - At least one {@link NamedCrowdMember}.
 * @param options - See {@link NamedCrowdOptions}.
 * @returns An {@link IdentifiedLabeler}: `{ outcome, labelerId }` per answer. It keeps
 *   which labelers answered the latest matchup, so it is not shared between jobs run at once.
 * @throws {@link RankingInputError} for an empty list, a bad share, labeler or name, a
 *   name used twice, or a crowd size out of range or too small to give every member a labeler.
 * @example
 * ```ts
 * const crowd = namedCrowdLabeler([
 *   { share: 0.6, labeler: bradleyTerryLabeler(truth), name: 'careful' },
 *   { share: 0.3, labeler: bradleyTerryLabeler(truth, { lapseRate: 1 }), name: 'randomClicker' },
 *   { share: 0.1, labeler: sideClickerLabeler(), name: 'leftClicker' },
 * ], { labelers: 50 });
 * crowd(matchup, rng); // { outcome: 'left', labelerId: 'careful-17' }
 * ```
 */
export function namedCrowdLabeler(members: readonly NamedCrowdMember[], options: NamedCrowdOptions): IdentifiedLabeler {
  if (!Array.isArray(members) || members.length === 0) {
    throw new RankingInputError('members', `must be a non-empty array of { share, labeler, name }, got ${describeValue(members)}`);
  }
  const shares: number[] = [];
  const labelers: Labeler[] = [];
  const names: string[] = [];
  const seen = new Set<string>();
  members.forEach((member: unknown, i) => {
    const object = requireOptionsObject(member, ['share', 'labeler', 'name'], `members[${i}]`, `members[${i}].`);
    const share = requirePositive(ownValue(object, 'share'), `members[${i}].share`);
    const labeler = ownValue(object, 'labeler');
    const name = requireNonEmptyString(ownValue(object, 'name'), `members[${i}].name`);
    if (typeof labeler !== 'function') {
      throw new RankingInputError(`members[${i}].labeler`, `must be a labeler function, got ${describeValue(labeler)}`);
    }
    if (seen.has(name)) throw new RankingInputError(`members[${i}].name`, `duplicates the name ${describeValue(name)}; every member needs its own`);
    seen.add(name);
    shares.push(share);
    labelers.push(labeler as Labeler);
    names.push(name);
  });
  if (!Number.isFinite(shares.reduce((a, b) => a + b, 0))) throw new RankingInputError('members', 'shares must have a finite sum');
  const object = requireOptionsObject(options, ['labelers'], 'options', 'options.');
  const size = requirePositiveInteger(ownValue(object, 'labelers'), 'options.labelers');
  if (size > MAX_CROWD_LABELERS) throw new RankingInputError('options.labelers', `must be at most ${MAX_CROWD_LABELERS}, got ${size}`);
  const counts = apportionLabelers(shares, size);
  const empty = counts.findIndex((count) => count === 0);
  if (empty >= 0) {
    throw new RankingInputError(
      `members[${empty}].share`,
      `gives this member none of the ${size} labelers; raise its share or options.labelers`,
    );
  }
  // Labeler k of the crowd: its kind and its id, in member order.
  const kindOf = new Int32Array(size);
  const ids: string[] = [];
  let k = 0;
  counts.forEach((count, member) => {
    for (let j = 1; j <= count; j++) {
      kindOf[k++] = member;
      ids.push(`${names[member]!}-${j}`);
    }
  });

  // Who answered the latest matchup, ascending.
  let currentMatchup: unknown;
  const answered: number[] = [];
  return (matchup, rng) => {
    matchupSides(matchup);
    const matchupId = ownValue(matchup as unknown as Record<string, unknown>, 'id');
    if (matchupId !== currentMatchup || answered.length === size) {
      currentMatchup = matchupId;
      answered.length = 0;
    }
    // The index-th labeler not yet in `answered`.
    let index = indexFromUniform(labelerDraw(rng), size - answered.length);
    for (const taken of answered) {
      if (taken <= index) index++;
      else break;
    }
    const at = answered.findIndex((taken) => taken > index);
    answered.splice(at < 0 ? answered.length : at, 0, index);
    return { outcome: labelers[kindOf[index]!]!(matchup, rng), labelerId: ids[index]! };
  };
}
