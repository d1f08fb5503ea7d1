/**
 * Validation and normalisation of ranking job definitions.
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import {
  ownValue,
  requireNonEmptyString,
  requireOneOf,
  requireOptionsObject,
  requirePositive,
  requirePositiveInteger,
  requireUnitInterval,
} from '../validate.js';
import {
  DEFINITION_DEFAULTS,
  MAX_CLOSE_MATCH_CANDIDATES,
  POSTERIOR_PARAMETER_RANGE,
  defaultNoise,
  defaultPriorSd,
} from './defaults.js';
import { requireEloScale, requireInitialRating, requireKFactor } from '../elo/eloParameters.js';
import { firstDuplicate } from './firstDuplicate.js';
import { normaliseResponsesPerComparison } from './normaliseResponses.js';
import { normaliseValidation } from './normaliseValidation.js';
import { normaliseContexts } from './normaliseContext.js';
import type {
  EloParameters,
  Pairing,
  PosteriorParameters,
  RankingJobDefinition,
  StopWhenParameters,
  RankingJobDefinitionInput,
  VoteAggregation,
} from './types.js';

const DEFINITION_KEYS = [
  'name',
  'instruction',
  'datapoints',
  'comparisonBudgetPerRanking',
  'randomComparisonsRatio',
  'responsesPerComparison',
  'voteAggregation',
  'pairing',
  'closeMatchCandidates',
  'matchupTtlMs',
  'elo',
  'posterior',
  'stopWhen',
  'validation',
  'contexts',
] as const;
const ELO_KEYS = ['initialRating', 'kFactor', 'scale'] as const;
const POSTERIOR_KEYS = ['priorSd', 'noise'] as const;
const STOP_WHEN_KEYS = ['confidence', 'top'] as const;
const PAIRINGS: readonly Pairing[] = ['adaptive', 'informationGain', 'sort', 'roundRobin'];
const VOTE_AGGREGATIONS: readonly VoteAggregation[] = ['majority', 'allVotes'];

// Definitions this module produced: deeply frozen, so they need no second validation.
const normalisedDefinitions = /* @__PURE__ */ new WeakSet<object>();

/**
 * Validates a ranking job definition and returns it normalised: every default filled
 * in, every array copied, the whole deeply frozen. The input is never mutated, and
 * later changes to it do not reach the definition. Runs in O(total datapoints).
 *
 * @param input - The job: name, instruction, datapoints (outer list = independent
 *   rankings), budget per ranking and optional settings; see {@link RankingJobDefinitionInput}.
 * @returns The normalised, frozen {@link RankingJobDefinition}.
 * @throws {@link RankingInputError} naming the first offending field, e.g.
 *   `datapoints[0][3]` or `comparisonBudgetPerRanking`, and what it allows. Unknown
 *   option names are errors too, so a misspelt option never silently falls back to its default.
 * @example
 * ```ts
 * const definition = createRankingJobDefinition({
 *   name: 'Example Ranking Job',
 *   instruction: 'Which rabbit looks cooler?',
 *   datapoints: [['rabbit-1.webp', 'rabbit-2.webp', 'rabbit-3.webp']],
 *   comparisonBudgetPerRanking: 50,
 *   randomComparisonsRatio: 0.5,
 * });
 * definition.elo.kFactor; // 40
 * ```
 */
export function createRankingJobDefinition(input: RankingJobDefinitionInput): RankingJobDefinition {
  return normaliseDefinition(input, false);
}

/**
 * {@link createRankingJobDefinition} of data the caller copied itself and hands over
 * (restore's private copy of a snapshot): its arrays of datapoint ids are checked and
 * frozen in place rather than copied again, which halves the definition's memory while
 * a job of a million rankings is restored. The caller must not touch them afterwards.
 * @internal
 */
export function adoptRankingJobDefinition(copy: RankingJobDefinitionInput): RankingJobDefinition {
  return normaliseDefinition(copy, true);
}

function normaliseDefinition(input: RankingJobDefinitionInput, adopt: boolean): RankingJobDefinition {
  const object = requireOptionsObject(input, DEFINITION_KEYS, 'definition', '');
  const name = requireNonEmptyString(ownValue(object, 'name'), 'name');
  const instruction = requireNonEmptyString(ownValue(object, 'instruction'), 'instruction');
  const datapoints = normaliseDatapoints(ownValue(object, 'datapoints'), adopt);
  const comparisonBudgetPerRanking = requirePositiveInteger(ownValue(object, 'comparisonBudgetPerRanking'), 'comparisonBudgetPerRanking');
  if (comparisonBudgetPerRanking * datapoints.length > Number.MAX_SAFE_INTEGER) {
    throw new RankingInputError(
      'comparisonBudgetPerRanking',
      `times the ${datapoints.length} rankings must stay a safe integer (at most ${Number.MAX_SAFE_INTEGER})`,
    );
  }
  const pairing = requireOneOf(withDefault(ownValue(object, 'pairing'), DEFINITION_DEFAULTS.pairing), PAIRINGS, 'pairing');
  const randomComparisonsRatio = requireUnitInterval(
    withDefault(
      ownValue(object, 'randomComparisonsRatio'),
      pairing === 'adaptive' || pairing === 'roundRobin' ? DEFINITION_DEFAULTS.randomComparisonsRatio : DEFINITION_DEFAULTS.informationGainRandomRatio,
    ),
    'randomComparisonsRatio',
  );
  const responsesPerComparison = normaliseResponsesPerComparison(ownValue(object, 'responsesPerComparison'));
  const voteAggregation = requireOneOf(
    withDefault(ownValue(object, 'voteAggregation'), DEFINITION_DEFAULTS.voteAggregation),
    VOTE_AGGREGATIONS,
    'voteAggregation',
  );
  const closeMatchCandidates = withDefault(ownValue(object, 'closeMatchCandidates'), DEFINITION_DEFAULTS.closeMatchCandidates);
  if (typeof closeMatchCandidates !== 'number' || !Number.isInteger(closeMatchCandidates) || closeMatchCandidates < 1 || closeMatchCandidates > MAX_CLOSE_MATCH_CANDIDATES) {
    throw new RankingInputError('closeMatchCandidates', `must be an integer in [1, ${MAX_CLOSE_MATCH_CANDIDATES}], got ${describeValue(closeMatchCandidates)}`);
  }
  const ttl = ownValue(object, 'matchupTtlMs');
  const matchupTtlMs = ttl === undefined || ttl === null ? null : requirePositive(ttl, 'matchupTtlMs');
  const elo = normaliseElo(ownValue(object, 'elo'));
  const posterior = normalisePosterior(ownValue(object, 'posterior'), elo.scale);
  const stopWhen = normaliseStopWhen(ownValue(object, 'stopWhen'));
  const validation = normaliseValidation(ownValue(object, 'validation'));
  const contexts = normaliseContexts(ownValue(object, 'contexts'), datapoints.length);

  const definition: RankingJobDefinition = Object.freeze({
    name,
    instruction,
    datapoints,
    comparisonBudgetPerRanking,
    randomComparisonsRatio,
    responsesPerComparison,
    voteAggregation,
    pairing,
    closeMatchCandidates,
    matchupTtlMs,
    elo,
    posterior,
    stopWhen,
    // Absent without validation, so such definitions keep their JSON (the default seed).
    ...(validation === undefined ? {} : { validation }),
    ...(contexts === undefined ? {} : { contexts }),
  });
  normalisedDefinitions.add(definition);
  return definition;
}

/**
 * The definition itself when this module produced it (it is frozen, so still valid),
 * otherwise the result of validating it. Lets `createRankingJob` accept plain objects
 * (a definition read back from JSON, say) without re-checking its own output.
 * @internal
 */
export function ensureNormalisedDefinition(definition: RankingJobDefinition): RankingJobDefinition {
  return isNormalisedDefinition(definition) ? definition : createRankingJobDefinition(definition);
}

/** Whether this module produced `value` (so it is frozen, valid, and safe to read again). @internal */
export function isNormalisedDefinition(value: unknown): value is RankingJobDefinition {
  return typeof value === 'object' && value !== null && normalisedDefinitions.has(value);
}

function withDefault(value: unknown, fallback: unknown): unknown {
  return value === undefined ? fallback : value;
}

// Up to this many datapoints, a ranking's ids are checked for duplicates pairwise; above
// LARGE_DUPLICATE_SCAN, by sorting their hashes (firstDuplicate.ts), and with a Set between.
const SMALL_DUPLICATE_SCAN = 8;
const LARGE_DUPLICATE_SCAN = 1024;

// Reads every length and id once (a getter or Proxy sees one read each) and checks the
// values as read: the frozen copy holds exactly what was checked.
function normaliseDatapoints(value: unknown, adopt: boolean): readonly (readonly string[])[] {
  const count = Array.isArray(value) ? value.length : 0;
  if (count === 0) {
    const given = Array.isArray(value) ? 'an array of length 0' : describeValue(value);
    throw new RankingInputError('datapoints', `must be a non-empty array of rankings (arrays of datapoint ids), got ${given}`);
  }
  const rankings: (readonly string[])[] = [];
  for (let r = 0; r < count; r++) {
    const ranking: unknown = (value as readonly unknown[])[r];
    const size = Array.isArray(ranking) ? ranking.length : 0;
    if (size < 2) {
      const given = Array.isArray(ranking) ? `an array of length ${size}` : describeValue(ranking);
      throw new RankingInputError(`datapoints[${r}]`, `must be an array of at least 2 datapoint ids, got ${given}`);
    }
    if (size > LARGE_DUPLICATE_SCAN) {
      rankings.push(Object.freeze(largeRanking(ranking as readonly unknown[], size, adopt ? (ranking as string[]) : [], r)));
      continue;
    }
    // An adopted array is the caller's own copy: checked and frozen where it is. A new one
    // is allocated at its length (grown by push, a list of two keeps 17 slots); a Proxy
    // may report a fractional length.
    const ids: string[] = adopt ? (ranking as string[]) : Number.isInteger(size) ? new Array<string>(size) : [];
    // Small rankings (most of a job of a million) compare ids pairwise rather than build a Set each.
    const seen = size > SMALL_DUPLICATE_SCAN ? new Set<string>() : null;
    for (let i = 0; i < size; i++) {
      const id: unknown = (ranking as readonly unknown[])[i];
      // The path is built only for the error: building it for every id cost more than the checks.
      if (typeof id !== 'string' || id.length === 0) requireNonEmptyString(id, `datapoints[${r}][${i}]`);
      let earlier: number | undefined;
      if (seen === null) {
        for (let k = 0; k < i && earlier === undefined; k++) if (ids[k] === id) earlier = k;
      } else {
        // One hash operation per id; the earlier index is looked up only for the error.
        const known = seen.size;
        if (seen.add(id as string).size === known) earlier = ids.indexOf(id as string);
      }
      if (earlier !== undefined) {
        throw new RankingInputError(`datapoints[${r}][${i}]`, `duplicates datapoints[${r}][${earlier}] (${describeValue(id)}); ids must be unique within a ranking`);
      }
      if (!adopt) ids[i] = id as string;
    }
    rankings.push(Object.freeze(ids));
  }
  return Object.freeze(rankings);
}

// The ids of a large ranking, read once each into `ids` (the ranking itself when adopted)
// and checked: every id first, then duplicates among those before the first bad one, so
// the error names the first offending position as a check in order would.
function largeRanking(ranking: readonly unknown[], size: number, ids: string[], r: number): string[] {
  let valid = 0;
  let bad: unknown;
  for (; valid < size; valid++) {
    const id: unknown = ranking[valid];
    if (typeof id !== 'string' || id.length === 0) {
      bad = id;
      break;
    }
    if (ids !== ranking) ids.push(id);
  }
  const repeat = firstDuplicate(ids, valid);
  if (repeat !== null) {
    const [earlier, i] = repeat;
    throw new RankingInputError(`datapoints[${r}][${i}]`, `duplicates datapoints[${r}][${earlier}] (${describeValue(ids[i])}); ids must be unique within a ranking`);
  }
  // The value read above (a second read could differ): not a non-empty string, so this throws.
  if (valid < size) requireNonEmptyString(bad, `datapoints[${r}][${valid}]`);
  return ids;
}

// The ranges and why they keep the rating grid and the posterior sound: elo/eloParameters.ts.
// The scale is read first: the other two ranges are relative to it.
function normaliseElo(value: unknown): EloParameters {
  const defaults = DEFINITION_DEFAULTS.elo;
  if (value === undefined) return defaults;
  const object = requireOptionsObject(value, ELO_KEYS, 'elo', 'elo.');
  const scale = requireEloScale(withDefault(ownValue(object, 'scale'), defaults.scale), 'elo.scale');
  const kFactor = requireKFactor(withDefault(ownValue(object, 'kFactor'), defaults.kFactor), scale, 'elo.kFactor');
  const initialRating = requireInitialRating(withDefault(ownValue(object, 'initialRating'), defaults.initialRating), scale, 'elo.initialRating');
  return Object.freeze({ initialRating, kFactor, scale });
}

function normalisePosterior(value: unknown, scale: number): PosteriorParameters {
  const object = value === undefined ? {} : requireOptionsObject(value, POSTERIOR_KEYS, 'posterior', 'posterior.');
  const low = POSTERIOR_PARAMETER_RANGE.low * scale;
  const high = POSTERIOR_PARAMETER_RANGE.high * scale;
  const inRange = (field: 'priorSd' | 'noise', fallback: number): number => {
    const number = withDefault(ownValue(object, field), fallback);
    if (typeof number !== 'number' || !(number >= low && number <= high)) {
      throw new RankingInputError(`posterior.${field}`, `must be a number in [${low}, ${high}] (scale / 1000 to 1000 × scale, Elo points), got ${describeValue(number)}`);
    }
    return number;
  };
  return Object.freeze({ priorSd: inRange('priorSd', defaultPriorSd(scale)), noise: inRange('noise', defaultNoise(scale)) });
}

function normaliseStopWhen(value: unknown): StopWhenParameters | null {
  if (value === undefined || value === null) return null;
  const object = requireOptionsObject(value, STOP_WHEN_KEYS, 'stopWhen', 'stopWhen.');
  const confidence = ownValue(object, 'confidence');
  // Above ½: a pair nothing is known about is the wrong way round with probability ½, so at ½ a ranking could settle unseen.
  if (typeof confidence !== 'number' || !(confidence > 0.5 && confidence < 1)) {
    throw new RankingInputError('stopWhen.confidence', `must be a number in (0.5, 1), got ${describeValue(confidence)}`);
  }
  const top = ownValue(object, 'top');
  return Object.freeze({ confidence, top: top === undefined || top === null ? null : requirePositiveInteger(top, 'stopWhen.top') });
}
