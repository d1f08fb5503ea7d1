/**
 * Labeler specifications: labeler models as plain JSON data, so a simulation can be
 * described in a config file, sent to a worker thread and named in a report.
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import type { ScoreMap } from '../metrics/scoreMap.js';
import { definedEntries, ownValue, requireNonEmptyString, requireOneOf, requireOptionsObject, requirePositive } from '../validate.js';
import { bradleyTerryLabeler } from './bradleyTerryLabeler.js';
import { crowdLabeler } from './crowdLabeler.js';
import { BEHAVIOR_OPTION_NAMES, resolveBehavior, type Labeler, type LabelerBehaviorOptions } from './labeler.js';
import { noiselessLabeler } from './noiselessLabeler.js';
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
    /** The member's labeler: a spec (a crowd may nest) or a preset name. */
    readonly labeler: LabelerSpec | LabelerPresetName;
  }[];
}

/** A labeler model as plain JSON data; {@link createLabeler} turns it into a {@link Labeler}. */
export type LabelerSpec = BradleyTerryLabelerSpec | ThurstoneLabelerSpec | NoiselessLabelerSpec | CrowdLabelerSpec;

/** The names of {@link LABELER_PRESETS}: the models' names, and `bt` for `bradleyTerry`. */
export type LabelerPresetName = 'bradleyTerry' | 'bt' | 'thurstone' | 'noiseless' | 'crowd';

/** The labeler models a {@link LabelerSpec} can name (`'bt'` is accepted for `'bradleyTerry'`). */
export const LABELER_MODELS = ['bradleyTerry', 'thurstone', 'noiseless', 'crowd'] as const;

// Every preset by name, model names first; `bt`, the command line's short name, is the same labeler.
const BRADLEY_TERRY_PRESET: LabelerSpec = /* @__PURE__ */ Object.freeze({ model: 'bradleyTerry', name: 'bradleyTerry' });

/**
 * Named labelers, as the command line offers them:
 * - `bradleyTerry` (or `bt`): Bradley–Terry choices on the Elo scale;
 * - `thurstone`: Thurstone case V choices, default noise;
 * - `noiseless`: the better datapoint always wins;
 * - `crowd`: 80% careful Bradley–Terry labelers and 20% spammers who click at random.
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
} as const);

/**
 * A {@link Labeler} answering from `trueScores` the way `spec` describes. A string names
 * one of {@link LABELER_PRESETS}. Validates the whole spec first. O(size of the spec).
 *
 * @param spec - A {@link LabelerSpec} or a preset name.
 * @param trueScores - Hidden true scores, keyed by datapoint id.
 * @param path - Name of the spec in error messages.
 * @throws {@link RankingInputError} naming the bad field of the spec (or `path`, when not a string).
 * @example
 * ```ts
 * const labeler = createLabeler({ model: 'thurstone', positionBias: 30 }, truth);
 * ```
 */
export function createLabeler(spec: LabelerSpec | LabelerPresetName, trueScores: ScoreMap, path = 'labeler'): Labeler {
  if (typeof path !== 'string') throw new RankingInputError('path', `must be a string (how errors name the spec), got ${describeValue(path)}`);
  return build(resolveLabelerSpec(spec, path), trueScores);
}

function build(spec: LabelerSpec, trueScores: ScoreMap): Labeler {
  switch (spec.model) {
    case 'bradleyTerry':
    case 'bt':
      return bradleyTerryLabeler(trueScores, behaviorOf(spec, { scale: spec.scale }));
    case 'thurstone':
      return thurstoneLabeler(trueScores, behaviorOf(spec, { noise: spec.noise }));
    case 'noiseless':
      return noiselessLabeler(trueScores, behaviorOf(spec, {}));
    case 'crowd':
      return crowdLabeler(
        spec.members.map((member) => ({ share: member.share, labeler: build(presetOrSpec(member.labeler), trueScores) })),
      );
  }
}

// The behaviour options of a spec plus the model's own, leaving out undefined values.
function behaviorOf<T extends object>(spec: LabelerBehaviorOptions, own: T): LabelerBehaviorOptions & T {
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries({ ...own, positionBias: spec.positionBias, lapseRate: spec.lapseRate, drawRate: spec.drawRate })) {
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
  const object = requireOptionsObject(spec, ['model', 'name', 'scale', 'noise', 'members', ...BEHAVIOR_OPTION_NAMES], path, `${path}.`);
  const modelName = requireOneOf(ownValue(object, 'model'), [...LABELER_MODELS, 'bt'] as const, `${path}.model`);
  const model = modelName === 'bt' ? 'bradleyTerry' : modelName;
  const name = ownValue(object, 'name');
  if (name !== undefined) requireNonEmptyString(name, `${path}.name`);
  const own: Record<(typeof LABELER_MODELS)[number], readonly string[]> = {
    bradleyTerry: ['scale', ...BEHAVIOR_OPTION_NAMES],
    thurstone: ['noise', ...BEHAVIOR_OPTION_NAMES],
    noiseless: [...BEHAVIOR_OPTION_NAMES],
    crowd: ['members'],
  };
  requireOptionsObject(object, ['model', 'name', ...own[model]], path, `${path}.`);
  for (const key of ['scale', 'noise'] as const) {
    const value = ownValue(object, key);
    if (value !== undefined) requirePositive(value, `${path}.${key}`);
  }
  if (model !== 'crowd') {
    const behaviour = resolveBehavior(object, `${path}.`);
    // A fresh spec with its keys in one order: its JSON (which seeds simulations) does not depend on how it was written.
    return definedEntries({
      model,
      name,
      scale: ownValue(object, 'scale'),
      noise: ownValue(object, 'noise'),
      positionBias: ownValue(object, 'positionBias') === undefined ? undefined : behaviour.positionBias,
      lapseRate: ownValue(object, 'lapseRate') === undefined ? undefined : behaviour.lapseRate,
      drawRate: ownValue(object, 'drawRate') === undefined ? undefined : behaviour.drawRate,
    }) as unknown as LabelerSpec;
  }
  const members = ownValue(object, 'members');
  if (!Array.isArray(members) || members.length === 0) {
    throw new RankingInputError(`${path}.members`, `must be a non-empty array of { share, labeler }, got ${describeValue(members)}`);
  }
  return definedEntries({
    model,
    name,
    members: members.map((member: unknown, i) => {
      const memberPath = `${path}.members[${i}]`;
      const memberObject = requireOptionsObject(member, ['share', 'labeler'], memberPath, `${memberPath}.`);
      return {
        share: requirePositive(ownValue(memberObject, 'share'), `${memberPath}.share`),
        labeler: resolveLabelerSpec(ownValue(memberObject, 'labeler'), `${memberPath}.labeler`),
      };
    }),
  }) as unknown as LabelerSpec;
}

/** The name a report shows for a labeler spec: its `name`, else its model. @internal */
export function labelerName(spec: LabelerSpec): string {
  return spec.name ?? spec.model;
}
