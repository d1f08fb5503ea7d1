/**
 * `--shard auto`: which shard of a convergence sweep this process is, read from the
 * array index a batch engine puts in the environment. Pure: it reads only the object it
 * is given (the CLI passes `process.env`), so every engine and every refusal is testable.
 *
 * What each engine sets, and what the code relies on:
 * - Kubernetes Indexed Job (`completionMode: Indexed`): `JOB_COMPLETION_INDEX`, 0 to
 *   `spec.completions` − 1, added to every container's env by the Job controller
 *   (kubernetes.io/docs/tasks/job/indexed-parallel-processing-static; kubernetes
 *   pkg/controller/job/indexed_job_utils.go, addCompletionIndexEnvVariable). The count
 *   is not in the environment, so it comes from `--shard auto/N`.
 * - Slurm job array (`sbatch --array`): `SLURM_ARRAY_TASK_ID`, with
 *   `SLURM_ARRAY_TASK_COUNT`, `SLURM_ARRAY_TASK_MIN`, `SLURM_ARRAY_TASK_MAX` and
 *   `SLURM_ARRAY_TASK_STEP` (sbatch(1), OUTPUT ENVIRONMENT VARIABLES;
 *   slurm.schedmd.com/job_array.html). Task ids start wherever `--array` says (0, 1 or
 *   any min), so the shard is id − min, and only a contiguous range (`--array=1-8`, not
 *   `1,3,5` or `1-7:2`) names every shard exactly once.
 * - AWS Batch array job: `AWS_BATCH_JOB_ARRAY_INDEX`, 0 to size − 1, set only in child
 *   jobs, and `AWS_BATCH_JOB_ARRAY_SIZE`, the parent's array size
 *   (docs.aws.amazon.com/batch/latest/userguide/job_env_vars.html). Older
 *   documentation lists only the index, so `--shard auto/N` gives the size where the
 *   variable is missing.
 *
 * An empty variable counts as unset (an unfilled template, not an index).
 * @internal
 * @module
 */
import { UsageError } from './terminal.js';

/** The environment as `process.env` holds it: names to values, some unset. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** The shard `--shard auto` found, 0-based as `runConvergence` takes it. */
export interface EnvironmentShard {
  /** This process's shard, an integer in [0, count). */
  readonly index: number;
  /** How many shards the sweep is split into. */
  readonly count: number;
  /** Where the index came from, for the summary line, e.g. `SLURM_ARRAY_TASK_ID=3`. */
  readonly source: string;
}

/** What one engine's variables say; `count` is undefined when the engine does not tell. */
interface EngineReading {
  /** The engine's name, for messages. */
  readonly engine: string;
  /** The variable that holds the index. */
  readonly variable: string;
  /** Its value, as read. */
  readonly value: number;
  /** The value of the array's first task (Slurm's min; 0 elsewhere). */
  readonly first: number;
  /** The 0-based shard: value − first. */
  readonly index: number;
  /** The number of shards, when the engine's variables give it. */
  readonly count: number | undefined;
  /** Where the count came from, e.g. `SLURM_ARRAY_TASK_COUNT=4`. */
  readonly countSource: string;
  /** What N is on this engine when the count must be given. */
  readonly countHint: string;
}

const KUBERNETES_INDEX = 'JOB_COMPLETION_INDEX';
const SLURM_ID = 'SLURM_ARRAY_TASK_ID';
const SLURM_COUNT = 'SLURM_ARRAY_TASK_COUNT';
const SLURM_MIN = 'SLURM_ARRAY_TASK_MIN';
const SLURM_MAX = 'SLURM_ARRAY_TASK_MAX';
const SLURM_STEP = 'SLURM_ARRAY_TASK_STEP';
const AWS_INDEX = 'AWS_BATCH_JOB_ARRAY_INDEX';
const AWS_SIZE = 'AWS_BATCH_JOB_ARRAY_SIZE';

// The variables `--shard auto` reads, for its refusal when none is set.
const SHARD_INDEX_VARIABLES = `${KUBERNETES_INDEX} (Kubernetes Indexed Job), ${SLURM_ID} (Slurm job array) or ${AWS_INDEX} (AWS Batch array job)`;

/**
 * The shard of a sweep this process runs, from a batch engine's array variables.
 * Every engine whose index variable is set is read; they must agree on the index and,
 * with `count`, on the number of shards. O(1).
 *
 * @param env - The environment (the CLI passes `process.env`); only read.
 * @param count - N from `--shard auto/N`, or undefined for `--shard auto`.
 * @returns The 0-based shard, its count and the variable it came from.
 * @throws UsageError when no engine's index is set, when a variable is not a
 *   non-negative integer, when the count is unknown or contradicts N or another
 *   engine, when a Slurm array's task ids are not consecutive, or when the index is out
 *   of range; the message names the variable and what is allowed.
 * @example
 * ```ts
 * shardFromEnvironment({ JOB_COMPLETION_INDEX: '2' }, 4); // { index: 2, count: 4, source: 'JOB_COMPLETION_INDEX=2' }
 * shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '4' }, undefined);
 * // { index: 2, count: 4, source: 'SLURM_ARRAY_TASK_ID=3' }
 * ```
 */
export function shardFromEnvironment(env: Environment, count: number | undefined): EnvironmentShard {
  const readings = [kubernetesReading(env), slurmReading(env), awsBatchReading(env)].filter((reading) => reading !== null);
  const first = readings[0];
  if (first === undefined) {
    throw new UsageError(`--shard auto found no array index in the environment: it reads ${SHARD_INDEX_VARIABLES}; elsewhere give --shard k/N`);
  }
  for (const other of readings.slice(1)) {
    if (other.index !== first.index) {
      throw new UsageError(
        `--shard auto found array indexes that disagree: ${sourceOf(first)} (${first.engine}) is shard ${first.index + 1}, ${sourceOf(other)} (${other.engine}) is shard ${other.index + 1}; unset the variables that do not belong to this job`,
      );
    }
  }
  const shards = resolveCount(readings, count);
  for (const reading of readings) {
    if (reading.index >= shards.value) {
      throw new UsageError(`${sourceOf(reading)} is out of range for ${shards.value} shards (${shards.from}): ${reading.variable} must be ${reading.first} to ${reading.first + shards.value - 1}`);
    }
  }
  return { index: first.index, count: shards.value, source: sourceOf(first) };
}

function sourceOf(reading: EngineReading): string {
  return `${reading.variable}=${reading.value}`;
}

// The one count every source agrees on: N from the flag and each engine that tells.
function resolveCount(readings: readonly EngineReading[], count: number | undefined): { readonly value: number; readonly from: string } {
  let known = count === undefined ? undefined : { value: count, from: `--shard auto/${count}` };
  for (const reading of readings) {
    if (reading.count === undefined) continue;
    if (known !== undefined && known.value !== reading.count) {
      throw new UsageError(`--shard auto found shard counts that disagree: ${known.from} and ${reading.countSource} (${reading.engine}); give --shard auto to take the engine's count`);
    }
    known ??= { value: reading.count, from: reading.countSource };
  }
  if (known === undefined) {
    const reading = readings[0]!;
    throw new UsageError(`${sourceOf(reading)} says which shard this is, but ${reading.engine} does not put the number of shards in the environment: give it as --shard auto/N (${reading.countHint})`);
  }
  return known;
}

function kubernetesReading(env: Environment): EngineReading | null {
  const value = readInteger(env, KUBERNETES_INDEX);
  if (value === undefined) return null;
  return { engine: 'Kubernetes', variable: KUBERNETES_INDEX, value, first: 0, index: value, count: undefined, countSource: '', countHint: "N = the Job's spec.completions" };
}

function awsBatchReading(env: Environment): EngineReading | null {
  const value = readInteger(env, AWS_INDEX);
  if (value === undefined) return null;
  const size = readInteger(env, AWS_SIZE);
  if (size === 0) throw new UsageError(`${AWS_SIZE} must be a positive integer (the array job's size), got '0'`);
  return { engine: 'AWS Batch', variable: AWS_INDEX, value, first: 0, index: value, count: size, countSource: `${AWS_SIZE}=${size}`, countHint: "N = the array job's size" };
}

// Slurm task ids run from SLURM_ARRAY_TASK_MIN. The count is SLURM_ARRAY_TASK_COUNT, or
// max − min + 1 where that is missing; the ids must be consecutive, since a list or a
// step (--array=1,3,5 or 1-7:2) leaves shards that no task runs.
function slurmReading(env: Environment): EngineReading | null {
  const value = readInteger(env, SLURM_ID);
  if (value === undefined) return null;
  const min = readInteger(env, SLURM_MIN);
  if (min === undefined) {
    throw new UsageError(`${SLURM_ID} is set but ${SLURM_MIN} is not: --shard auto numbers the shards from the array's first task id (Slurm sets both in a job array)`);
  }
  const max = readInteger(env, SLURM_MAX);
  const taskCount = readInteger(env, SLURM_COUNT);
  const step = readInteger(env, SLURM_STEP);
  if (max !== undefined && max < min) throw new UsageError(`${SLURM_MAX}=${max} must not be below ${SLURM_MIN}=${min}`);
  if (taskCount === 0) throw new UsageError(`${SLURM_COUNT} must be a positive integer (the tasks in the array), got '0'`);
  const span = max === undefined ? undefined : max - min + 1;
  // A count equal to the span proves the ids consecutive; the step speaks only without it.
  const gaps = taskCount !== undefined && span !== undefined ? taskCount !== span : step !== undefined && step !== 1 && (taskCount ?? span) !== 1;
  if (gaps) {
    const shown = [
      `${SLURM_MIN}=${min}`,
      ...(max === undefined ? [] : [`${SLURM_MAX}=${max}`]),
      ...(taskCount === undefined ? [] : [`${SLURM_COUNT}=${taskCount}`]),
      ...(step === undefined ? [] : [`${SLURM_STEP}=${step}`]),
    ];
    throw new UsageError(`--shard auto needs a Slurm array of consecutive task ids (e.g. --array=1-8 or --array=0-7; a % limit is fine), but ${shown.join(', ')} leave gaps`);
  }
  if (value < min) throw new UsageError(`${SLURM_ID}=${value} must not be below ${SLURM_MIN}=${min}`);
  const count = taskCount ?? span;
  const countSource = taskCount !== undefined ? `${SLURM_COUNT}=${taskCount}` : `${SLURM_MIN}=${min} and ${SLURM_MAX}=${max}`;
  return { engine: 'Slurm', variable: SLURM_ID, value, first: min, index: value - min, count, countSource, countHint: 'N = the number of tasks in the array' };
}

// A variable's value as a non-negative safe integer in decimal digits, or undefined when unset or empty.
function readInteger(env: Environment, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value)) {
    throw new UsageError(`${name} must be a non-negative integer (decimal digits only), got '${text}'`);
  }
  return value;
}
