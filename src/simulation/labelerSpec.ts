/**
 * Labeler specifications: labeler models as plain JSON data, so a simulation can be
 * described in a config file, sent to a worker process and named in a report.
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import type { ScoreMap } from '../metrics/scoreMap.js';
import { definedEntries, ownValue, requireNonEmptyString, requireOneOf, requireOptionsObject, requirePositive, requirePositiveInteger } from '../validate.js';
import { bradleyTerryLabeler } from './bradleyTerryLabeler.js';
import { crowdLabeler } from './crowdLabeler.js';
import { BEHAVIOR_OPTION_NAMES, resolveBehavior, type IdentifiedLabeler, type Labeler, type LabelerBehaviorOptions } from './labeler.js';
import { MAX_CROWD_LABELERS, apportionLabelers, namedCrowdLabeler } from './namedCrowdLabeler.js';
import { noiselessLabeler } from './noiselessLabeler.js';
import { CLICKED_SIDES, SIDE_CLICKER_OPTION_NAMES, sideClickerLabeler } from './sideClickerLabeler.js';
import { thurstoneLabeler } from './thurstoneLabeler.js';

/** A {@link bradleyTerryLabeler} as data. */
export interface BradleyTerryLabelerSpec extends LabelerBehaviorOptions {
  /** `'bt'` is accepted for `'bradleyTerry'`, as on the command line. */
  readonly model: 'bradleyTerry' | 'bt';
  /** Shown in reports. @defaultValue the model name */
  readonly name?: string | undefined;
  /** See `BradleyTerryLabelerOptions.scale`. @defaultValue 400 */
  readonly scale?: number | undefined;
}

/** A {@link thurstoneLabeler} as data. */
export interface ThurstoneLabelerSpec extends LabelerBehaviorOptions {
  /** The model: Thurstone case V choices (see {@link thurstoneLabeler}). */
  readonly model: 'thurstone';
  /** Shown in reports. @defaultValue the model name */
  readonly name?: string | undefined;
  /** See `ThurstoneLabelerOptions.noise`. @defaultValue ≈ 196 */
  readonly noise?: number | undefined;
}

/** A {@link noiselessLabeler} as data. */
export interface NoiselessLabelerSpec extends LabelerBehaviorOptions {
  /** The model: the datapoint with the higher true score wins, but for the behaviour options (see {@link noiselessLabeler}). */
  readonly model: 'noiseless';
  /** Shown in reports. @defaultValue the model name */
  readonly name?: string | undefined;
}

/** A {@link sideClickerLabeler} as data: someone who clicks one side without looking. */
export interface SideClickerLabelerSpec {
  /** The model: always `side`, after the lapse and draw layers (see {@link sideClickerLabeler}). */
  readonly model: 'sideClicker';
  /** Shown in reports. @defaultValue the model name */
  readonly name?: string | undefined;
  /** The side it clicks. @defaultValue 'left' */
  readonly side?: 'left' | 'right' | undefined;
  /** Share of random clicks instead, in [0, 1]. @defaultValue 0 */
  readonly lapseRate?: number | undefined;
  /** Share of the remaining answers that are 'draw', in [0, 1]. @defaultValue 0 */
  readonly drawRate?: number | undefined;
}

/** A {@link crowdLabeler} as data. */
export interface CrowdLabelerSpec {
  /** The model: each answer comes from one member, picked by share (see {@link crowdLabeler}). */
  readonly model: 'crowd';
  /** Shown in reports. @defaultValue 'crowd' */
  readonly name?: string | undefined;
  /** The members and their shares of the answers: a non-empty list. */
  readonly members: readonly {
    /** Relative share of the answers this member gives: finite and > 0 (shares need not sum to 1). */
    readonly share: number;
    /** The member's labeler: a spec (a crowd may nest, a named crowd may not) or a preset name. */
    readonly labeler: AnonymousLabelerSpec | AnonymousLabelerPresetName;
  }[];
}

/** A {@link namedCrowdLabeler} as data: a crowd of named labelers whose answers say who gave them. */
export interface NamedCrowdLabelerSpec {
  /** The model: `labelers` people of the members' kinds (see {@link namedCrowdLabeler}). */
  readonly model: 'namedCrowd';
  /** Shown in reports. @defaultValue 'namedCrowd' */
  readonly name?: string | undefined;
  /** How many labelers the crowd has: an integer in [number of members, 1 000 000]. */
  readonly labelers: number;
  /** The kinds of labeler and their shares of the crowd: a non-empty list. */
  readonly members: readonly {
    /** Relative share of the crowd's labelers of this kind: finite and > 0. */
    readonly share: number;
    /** How labelers of this kind answer: a spec or a preset name (not a named crowd). */
    readonly labeler: AnonymousLabelerSpec | AnonymousLabelerPresetName;
    /**
     * The kind's name, the stem of its labelers' ids (`careful-1`, …); unique in the crowd.
     * @defaultValue the labeler spec's name, else its model
     */
    readonly name?: string | undefined;
  }[];
}

/** The labeler specs whose labelers answer without saying who they are (every model but `namedCrowd`). */
export type AnonymousLabelerSpec = BradleyTerryLabelerSpec | ThurstoneLabelerSpec | NoiselessLabelerSpec | SideClickerLabelerSpec | CrowdLabelerSpec;

/**
 * A labeler model as plain JSON data; {@link createLabeler} turns it into a
 * {@link Labeler} (or, for a named crowd, an {@link IdentifiedLabeler}).
 */
export type LabelerSpec = AnonymousLabelerSpec | NamedCrowdLabelerSpec;

/** The presets whose labelers answer without saying who they are. */
export type AnonymousLabelerPresetName = 'bradleyTerry' | 'bt' | 'thurstone' | 'noiseless' | 'crowd' | 'randomClicker' | 'leftClicker' | 'adversary';

/** The names of {@link LABELER_PRESETS}. */
export type LabelerPresetName = AnonymousLabelerPresetName | 'namedCrowd';

/** The labeler models a {@link LabelerSpec} can name (`'bt'` is accepted for `'bradleyTerry'`). */
export const LABELER_MODELS = ['bradleyTerry', 'thurstone', 'noiseless', 'crowd', 'sideClicker', 'namedCrowd'] as const;

// Every preset by name, model names first; `bt`, the command line's short name, is the same labeler.
const BRADLEY_TERRY_PRESET: LabelerSpec = /* @__PURE__ */ Object.freeze({ model: 'bradleyTerry', name: 'bradleyTerry' });

/**
 * Named labelers, as the command line offers them:
 * - `bradleyTerry` (or `bt`): Bradley–Terry choices on the Elo scale;
 * - `thurstone`: Thurstone case V choices, default noise;
 * - `noiseless`: the better datapoint always wins;
 * - `crowd`: 80% careful Bradley–Terry labelers and 20% spammers who click at random;
 * - `randomClicker`: clicks left or right at random (Bradley–Terry with lapse rate 1);
 * - `leftClicker`: always clicks the left side;
 * - `adversary`: picks the worse datapoint as reliably as a careful labeler picks the
 *   better (Bradley–Terry with flip rate 1);
 * - `namedCrowd`: 50 named labelers (ids `careful-1` …, `randomClicker-1` …,
 *   `leftClicker-1` …): 30 careful Bradley–Terry labelers, 15 random clickers and 5
 *   left-clickers, the crowd of issue 13's trust benchmark.
 */
export const LABELER_PRESETS: Readonly<Record<LabelerPresetName, LabelerSpec>> = /* @__PURE__ */ Object.freeze({
  bradleyTerry: BRADLEY_TERRY_PRESET,
  bt: BRADLEY_TERRY_PRESET,
  thurstone: /* @__PURE__ */ Object.freeze({ model: 'thurstone', name: 'thurstone' }),
  noiseless: /* @__PURE__ */ Object.freeze({ model: 'noiseless', name: 'noiseless' }),
  crowd: /* @__PURE__ */ Object.freeze({
    model: 'crowd',
    name: 'crowd',
    members: /* @__PURE__ */ Object.freeze([
      /* @__PURE__ */ Object.freeze({ share: 0.8, labeler: /* @__PURE__ */ Object.freeze({ model: 'bradleyTerry' }) }),
      /* @__PURE__ */ Object.freeze({ share: 0.2, labeler: /* @__PURE__ */ Object.freeze({ model: 'bradleyTerry', lapseRate: 1 }) }),
    ]),
  }),
  randomClicker: /* @__PURE__ */ Object.freeze({ model: 'bradleyTerry', name: 'randomClicker', lapseRate: 1 }),
  leftClicker: /* @__PURE__ */ Object.freeze({ model: 'sideClicker', name: 'leftClicker', side: 'left' }),
  adversary: /* @__PURE__ */ Object.freeze({ model: 'bradleyTerry', name: 'adversary', flipRate: 1 }),
  namedCrowd: /* @__PURE__ */ Object.freeze({
    model: 'namedCrowd',
    name: 'namedCrowd',
    labelers: 50,
    members: /* @__PURE__ */ Object.freeze([
      /* @__PURE__ */ Object.freeze({ share: 0.6, labeler: /* @__PURE__ */ Object.freeze({ model: 'bradleyTerry' }), name: 'careful' }),
      /* @__PURE__ */ Object.freeze({ share: 0.3, labeler: 'randomClicker' }),
      /* @__PURE__ */ Object.freeze({ share: 0.1, labeler: 'leftClicker' }),
    ]),
  }),
} as const);

/**
 * A {@link Labeler} answering from `trueScores` the way `spec` describes. A string names
 * one of {@link LABELER_PRESETS}. Validates the whole spec first. O(size of the spec).
 * A named crowd (`model: 'namedCrowd'` or the `namedCrowd` preset) gives an
 * {@link IdentifiedLabeler}, whose answers say who gave them.
 *
 * @param spec - A {@link LabelerSpec} or a preset name.
 * @param trueScores - Hidden true scores, keyed by datapoint id.
 * @param path - Name of the spec in error messages.
 * @throws {@link RankingInputError} naming the bad field of the spec (or `path`, when not a string).
 * @example
 * ```ts
 * const labeler = createLabeler({ model: 'thurstone', positionBias: 30 }, truth);
 * const crowd = createLabeler('namedCrowd', truth); // (matchup, rng) => { outcome, labelerId }
 * ```
 */
export function createLabeler(spec: AnonymousLabelerSpec | AnonymousLabelerPresetName, trueScores: ScoreMap, path?: string): Labeler;
export function createLabeler(spec: NamedCrowdLabelerSpec | 'namedCrowd', trueScores: ScoreMap, path?: string): IdentifiedLabeler;
export function createLabeler(spec: LabelerSpec | LabelerPresetName, trueScores: ScoreMap, path?: string): Labeler | IdentifiedLabeler;
export function createLabeler(spec: LabelerSpec | LabelerPresetName, trueScores: ScoreMap, path = 'labeler'): Labeler | IdentifiedLabeler {
  if (typeof path !== 'string') throw new RankingInputError('path', `must be a string (how errors name the spec), got ${describeValue(path)}`);
  const resolved = resolveLabelerSpec(spec, path);
  if (resolved.model !== 'namedCrowd') return build(resolved, trueScores);
  return namedCrowdLabeler(
    resolved.members.map((member) => {
      const labelerSpec = presetOrSpec(member.labeler) as AnonymousLabelerSpec;
      return { share: member.share, labeler: build(labelerSpec, trueScores), name: memberName(member.name, labelerSpec) };
    }),
    { labelers: resolved.labelers },
  );
}

// A named crowd member's name: its own, else its labeler spec's, else the model.
function memberName(name: string | undefined, spec: AnonymousLabelerSpec): string {
  return name ?? spec.name ?? spec.model;
}

function build(spec: AnonymousLabelerSpec, trueScores: ScoreMap): Labeler {
  switch (spec.model) {
    case 'bradleyTerry':
    case 'bt':
      return bradleyTerryLabeler(trueScores, behaviorOf(spec, { scale: spec.scale }));
    case 'thurstone':
      return thurstoneLabeler(trueScores, behaviorOf(spec, { noise: spec.noise }));
    case 'noiseless':
      return noiselessLabeler(trueScores, behaviorOf(spec, {}));
    case 'sideClicker':
      return sideClickerLabeler(behaviorOf({ lapseRate: spec.lapseRate, drawRate: spec.drawRate }, { side: spec.side }));
    case 'crowd':
      return crowdLabeler(
        spec.members.map((member) => ({ share: member.share, labeler: build(presetOrSpec(member.labeler) as AnonymousLabelerSpec, trueScores) })),
      );
  }
}

// The behaviour options of a spec plus the model's own, leaving out undefined values.
function behaviorOf<T extends object>(spec: LabelerBehaviorOptions, own: T): LabelerBehaviorOptions & T {
  const options: Record<string, unknown> = {};
  const behaviour = { positionBias: spec.positionBias, lapseRate: spec.lapseRate, drawRate: spec.drawRate, flipRate: spec.flipRate };
  for (const [key, value] of Object.entries({ ...own, ...behaviour })) {
    if (value !== undefined) options[key] = value;
  }
  return options as LabelerBehaviorOptions & T;
}

function presetOrSpec(spec: LabelerSpec | LabelerPresetName): LabelerSpec {
  return typeof spec === 'string' ? LABELER_PRESETS[spec] : spec;
}

/**
 * Checks a labeler spec (or preset name) field by field, so errors come before any run,
 * and returns a fresh copy with its keys in a fixed order (a preset name becomes its
 * spec). O(size of the spec).
 * @internal
 */
export function resolveLabelerSpec(spec: unknown, path: string): LabelerSpec {
  if (typeof spec === 'string') {
    if (!Object.hasOwn(LABELER_PRESETS, spec)) {
      throw new RankingInputError(path, `unknown labeler ${describeValue(spec)}; allowed: ${Object.keys(LABELER_PRESETS).join(', ')}`);
    }
    return resolveLabelerSpec(LABELER_PRESETS[spec as LabelerPresetName], path);
  }
  const object = requireOptionsObject(spec, ['model', 'name', ...ALL_SPEC_KEYS], path, `${path}.`);
  const modelName = requireOneOf(ownValue(object, 'model'), [...LABELER_MODELS, 'bt'] as const, `${path}.model`);
  const model = modelName === 'bt' ? 'bradleyTerry' : modelName;
  const name = ownValue(object, 'name');
  if (name !== undefined) requireNonEmptyString(name, `${path}.name`);
  requireOptionsObject(object, ['model', 'name', ...OWN_KEYS[model]], path, `${path}.`);
  for (const key of ['scale', 'noise'] as const) {
    const value = ownValue(object, key);
    if (value !== undefined) requirePositive(value, `${path}.${key}`);
  }
  if (model === 'crowd') return resolveCrowdSpec(object, name, path);
  if (model === 'namedCrowd') return resolveNamedCrowdSpec(object, name, path);
  const side = ownValue(object, 'side');
  if (side !== undefined) requireOneOf(side, CLICKED_SIDES, `${path}.side`);
  const behaviour = resolveBehavior(object, `${path}.`);
  // A fresh spec with its keys in one order: its JSON (which seeds simulations) does not depend on how it was written.
  return definedEntries({
    model,
    name,
    scale: ownValue(object, 'scale'),
    noise: ownValue(object, 'noise'),
    side,
    positionBias: ownValue(object, 'positionBias') === undefined ? undefined : behaviour.positionBias,
    lapseRate: ownValue(object, 'lapseRate') === undefined ? undefined : behaviour.lapseRate,
    drawRate: ownValue(object, 'drawRate') === undefined ? undefined : behaviour.drawRate,
    flipRate: ownValue(object, 'flipRate') === undefined ? undefined : behaviour.flipRate,
  }) as unknown as LabelerSpec;
}

// The keys each model takes besides `model` and `name`.
const OWN_KEYS: Record<(typeof LABELER_MODELS)[number], readonly string[]> = {
  bradleyTerry: ['scale', ...BEHAVIOR_OPTION_NAMES],
  thurstone: ['noise', ...BEHAVIOR_OPTION_NAMES],
  noiseless: [...BEHAVIOR_OPTION_NAMES],
  sideClicker: SIDE_CLICKER_OPTION_NAMES,
  crowd: ['members'],
  namedCrowd: ['labelers', 'members'],
};
const ALL_SPEC_KEYS = [...new Set(Object.values(OWN_KEYS).flat())];

function specMembers(object: Record<string, unknown>, path: string): unknown[] {
  const members = ownValue(object, 'members');
  if (!Array.isArray(members) || members.length === 0) {
    throw new RankingInputError(`${path}.members`, `must be a non-empty array of { share, labeler }, got ${describeValue(members)}`);
  }
  return members;
}

// A crowd's member labeler: any spec but a named crowd, whose answers carry ids a crowd would drop.
function memberLabelerSpec(value: unknown, path: string): AnonymousLabelerSpec {
  const spec = resolveLabelerSpec(value, path);
  if (spec.model === 'namedCrowd') throw new RankingInputError(path, 'a named crowd cannot be a member of a crowd');
  return spec;
}

function resolveCrowdSpec(object: Record<string, unknown>, name: unknown, path: string): LabelerSpec {
  return definedEntries({
    model: 'crowd',
    name,
    members: specMembers(object, path).map((member: unknown, i) => {
      const memberPath = `${path}.members[${i}]`;
      const memberObject = requireOptionsObject(member, ['share', 'labeler'], memberPath, `${memberPath}.`);
      return {
        share: requirePositive(ownValue(memberObject, 'share'), `${memberPath}.share`),
        labeler: memberLabelerSpec(ownValue(memberObject, 'labeler'), `${memberPath}.labeler`),
      };
    }),
  }) as unknown as LabelerSpec;
}

// Checks everything namedCrowdLabeler will (sizes, unique names, a labeler for every member) up front.
function resolveNamedCrowdSpec(object: Record<string, unknown>, name: unknown, path: string): LabelerSpec {
  const labelers = requirePositiveInteger(ownValue(object, 'labelers'), `${path}.labelers`);
  if (labelers > MAX_CROWD_LABELERS) throw new RankingInputError(`${path}.labelers`, `must be at most ${MAX_CROWD_LABELERS}, got ${labelers}`);
  const names = new Set<string>();
  const members = specMembers(object, path).map((member: unknown, i) => {
    const memberPath = `${path}.members[${i}]`;
    const memberObject = requireOptionsObject(member, ['share', 'labeler', 'name'], memberPath, `${memberPath}.`);
    const share = requirePositive(ownValue(memberObject, 'share'), `${memberPath}.share`);
    const labeler = memberLabelerSpec(ownValue(memberObject, 'labeler'), `${memberPath}.labeler`);
    const ownName = ownValue(memberObject, 'name');
    if (ownName !== undefined) requireNonEmptyString(ownName, `${memberPath}.name`);
    const stem = memberName(ownName as string | undefined, labeler);
    if (names.has(stem)) {
      throw new RankingInputError(`${memberPath}.name`, `duplicates the name ${describeValue(stem)} (labeler ids are name-1, name-2, …); give each member its own name`);
    }
    names.add(stem);
    return definedEntries({ share, labeler, name: ownName });
  });
  if (!Number.isFinite(members.reduce((sum, member) => sum + (member['share'] as number), 0))) {
    throw new RankingInputError(`${path}.members`, 'shares must have a finite sum');
  }
  const empty = apportionLabelers(members.map((member) => member['share'] as number), labelers).findIndex((count) => count === 0);
  if (empty >= 0) {
    throw new RankingInputError(`${path}.members[${empty}].share`, `gives this member none of the ${labelers} labelers; raise its share or ${path}.labelers`);
  }
  return definedEntries({ model: 'namedCrowd', name, labelers, members }) as unknown as LabelerSpec;
}

/** The name a report shows for a labeler spec: its `name`, else its model. @internal */
export function labelerName(spec: LabelerSpec): string {
  return spec.name ?? spec.model;
}
