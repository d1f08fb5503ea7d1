// `--shard auto`'s reading of a batch engine's array variables: every engine, every refusal.
import { describe, expect, it } from 'vitest';
import { shardFromEnvironment, type Environment } from '../../src/cli/shardFromEnvironment.js';
import { UsageError } from '../../src/cli/terminal.js';

// The refusal's message, or a failure when there is none.
function refusal(env: Environment, count?: number): string {
  try {
    shardFromEnvironment(env, count);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('shardFromEnvironment: Kubernetes Indexed Job', () => {
  it('takes the 0-based JOB_COMPLETION_INDEX and the count from --shard auto/N', () => {
    expect(shardFromEnvironment({ JOB_COMPLETION_INDEX: '0' }, 4)).toEqual({ index: 0, count: 4, source: 'JOB_COMPLETION_INDEX=0' });
    expect(shardFromEnvironment({ JOB_COMPLETION_INDEX: '3' }, 4)).toEqual({ index: 3, count: 4, source: 'JOB_COMPLETION_INDEX=3' });
  });

  it('asks for N, saying where Kubernetes keeps it, when --shard auto has none', () => {
    const message = refusal({ JOB_COMPLETION_INDEX: '1' });
    expect(message).toContain('JOB_COMPLETION_INDEX=1');
    expect(message).toContain('--shard auto/N');
    expect(message).toContain('spec.completions');
  });

  it('refuses an index at or past N, naming the variable and the allowed range', () => {
    const message = refusal({ JOB_COMPLETION_INDEX: '4' }, 4);
    expect(message).toContain('JOB_COMPLETION_INDEX=4 is out of range for 4 shards (--shard auto/4)');
    expect(message).toContain('JOB_COMPLETION_INDEX must be 0 to 3');
  });
});

describe('shardFromEnvironment: Slurm job array', () => {
  const array = (id: string, more: Environment = {}): Environment => ({ SLURM_ARRAY_TASK_ID: id, SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '4', SLURM_ARRAY_TASK_COUNT: '4', ...more });

  it('numbers the shards from SLURM_ARRAY_TASK_MIN, whatever it is', () => {
    expect(shardFromEnvironment(array('1'), undefined)).toEqual({ index: 0, count: 4, source: 'SLURM_ARRAY_TASK_ID=1' });
    expect(shardFromEnvironment(array('4'), undefined)).toEqual({ index: 3, count: 4, source: 'SLURM_ARRAY_TASK_ID=4' });
    const fromZero = { SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_MAX: '2', SLURM_ARRAY_TASK_COUNT: '3' };
    expect(shardFromEnvironment(fromZero, undefined)).toEqual({ index: 2, count: 3, source: 'SLURM_ARRAY_TASK_ID=2' });
    const fromTen = { SLURM_ARRAY_TASK_ID: '11', SLURM_ARRAY_TASK_MIN: '10', SLURM_ARRAY_TASK_MAX: '12', SLURM_ARRAY_TASK_COUNT: '3' };
    expect(shardFromEnvironment(fromTen, undefined)).toMatchObject({ index: 1, count: 3 });
  });

  it('takes the count from SLURM_ARRAY_TASK_COUNT, or from MIN and MAX without it', () => {
    expect(shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '4' }, undefined)).toMatchObject({ index: 2, count: 4 });
    expect(shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '5' }, undefined)).toMatchObject({ index: 2, count: 5 });
    // A step of 1 and a one-task array are consecutive too.
    expect(shardFromEnvironment(array('2', { SLURM_ARRAY_TASK_STEP: '1' }), undefined)).toMatchObject({ index: 1, count: 4 });
    expect(shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '7', SLURM_ARRAY_TASK_MIN: '7', SLURM_ARRAY_TASK_MAX: '7', SLURM_ARRAY_TASK_STEP: '3' }, undefined)).toMatchObject({ index: 0, count: 1 });
  });

  it('accepts --shard auto/N when N is the array size, and refuses another N', () => {
    expect(shardFromEnvironment(array('2'), 4)).toMatchObject({ index: 1, count: 4 });
    const message = refusal(array('2'), 5);
    expect(message).toContain('--shard auto/5 and SLURM_ARRAY_TASK_COUNT=4 (Slurm)');
    expect(refusal({ SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '4' }, 3)).toContain('SLURM_ARRAY_TASK_MIN=1 and SLURM_ARRAY_TASK_MAX=4');
  });

  it('asks for N when only the id and the min are set', () => {
    expect(shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_MIN: '1' }, 3)).toMatchObject({ index: 1, count: 3 });
    expect(refusal({ SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_MIN: '1' })).toContain('the number of tasks in the array');
  });

  it('refuses arrays with gaps: a list, or a step', () => {
    const list = refusal({ SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '5', SLURM_ARRAY_TASK_COUNT: '3' });
    expect(list).toContain('consecutive task ids');
    expect(list).toContain('SLURM_ARRAY_TASK_MIN=1, SLURM_ARRAY_TASK_MAX=5, SLURM_ARRAY_TASK_COUNT=3');
    expect(refusal({ SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '7', SLURM_ARRAY_TASK_STEP: '2' })).toContain('SLURM_ARRAY_TASK_STEP=2 leave gaps');
  });

  it('refuses a missing min, a max below the min, an id outside the array and a zero count', () => {
    expect(refusal({ SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_COUNT: '4' })).toContain('SLURM_ARRAY_TASK_MIN is not');
    expect(refusal({ SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_MIN: '3', SLURM_ARRAY_TASK_MAX: '1' })).toContain('SLURM_ARRAY_TASK_MAX=1 must not be below SLURM_ARRAY_TASK_MIN=3');
    expect(refusal(array('0'))).toContain('SLURM_ARRAY_TASK_ID=0 must not be below SLURM_ARRAY_TASK_MIN=1');
    expect(refusal(array('5'))).toContain('SLURM_ARRAY_TASK_ID must be 1 to 4');
    expect(refusal({ SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '0' })).toContain('SLURM_ARRAY_TASK_COUNT must be a positive integer');
  });
});

describe('shardFromEnvironment: AWS Batch array job', () => {
  it('takes the 0-based AWS_BATCH_JOB_ARRAY_INDEX and AWS_BATCH_JOB_ARRAY_SIZE', () => {
    expect(shardFromEnvironment({ AWS_BATCH_JOB_ARRAY_INDEX: '9', AWS_BATCH_JOB_ARRAY_SIZE: '10' }, undefined)).toEqual({ index: 9, count: 10, source: 'AWS_BATCH_JOB_ARRAY_INDEX=9' });
    expect(shardFromEnvironment({ AWS_BATCH_JOB_ARRAY_INDEX: '9', AWS_BATCH_JOB_ARRAY_SIZE: '10' }, 10)).toMatchObject({ index: 9, count: 10 });
  });

  it('takes N from --shard auto/N where the size variable is missing, and asks for it otherwise', () => {
    expect(shardFromEnvironment({ AWS_BATCH_JOB_ARRAY_INDEX: '1' }, 2)).toMatchObject({ index: 1, count: 2 });
    const message = refusal({ AWS_BATCH_JOB_ARRAY_INDEX: '1' });
    expect(message).toContain('AWS_BATCH_JOB_ARRAY_INDEX=1');
    expect(message).toContain("--shard auto/N (N = the array job's size)");
  });

  it('refuses an N that contradicts the size, an index past it and a zero size', () => {
    expect(refusal({ AWS_BATCH_JOB_ARRAY_INDEX: '1', AWS_BATCH_JOB_ARRAY_SIZE: '10' }, 8)).toContain('--shard auto/8 and AWS_BATCH_JOB_ARRAY_SIZE=10 (AWS Batch)');
    expect(refusal({ AWS_BATCH_JOB_ARRAY_INDEX: '10', AWS_BATCH_JOB_ARRAY_SIZE: '10' })).toContain('AWS_BATCH_JOB_ARRAY_INDEX must be 0 to 9');
    expect(refusal({ AWS_BATCH_JOB_ARRAY_INDEX: '0', AWS_BATCH_JOB_ARRAY_SIZE: '0' })).toContain('AWS_BATCH_JOB_ARRAY_SIZE must be a positive integer');
  });
});

describe('shardFromEnvironment: what it refuses everywhere', () => {
  it('refuses an environment without any array index, listing the variables it reads', () => {
    for (const env of [{}, { PATH: '/usr/bin' }, { JOB_COMPLETION_INDEX: '' }, { SLURM_ARRAY_TASK_COUNT: '4', AWS_BATCH_JOB_ARRAY_SIZE: '4' }]) {
      const message = refusal(env, 4);
      expect(message).toContain('found no array index');
      for (const name of ['JOB_COMPLETION_INDEX', 'SLURM_ARRAY_TASK_ID', 'AWS_BATCH_JOB_ARRAY_INDEX', '--shard k/N']) expect(message).toContain(name);
    }
  });

  it.each(['-1', '1.5', '1e3', ' 2', '0x10', 'two', '99999999999999999999'])('refuses the value %j, naming the variable', (value) => {
    expect(refusal({ JOB_COMPLETION_INDEX: value }, 4)).toBe(`JOB_COMPLETION_INDEX must be a non-negative integer (decimal digits only), got '${value}'`);
    expect(refusal({ SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_MIN: value })).toContain(`SLURM_ARRAY_TASK_MIN must be a non-negative integer`);
    expect(refusal({ AWS_BATCH_JOB_ARRAY_INDEX: '1', AWS_BATCH_JOB_ARRAY_SIZE: value })).toContain(`AWS_BATCH_JOB_ARRAY_SIZE must be a non-negative integer`);
  });

  it('accepts engines that agree, and refuses two that disagree on the index or the count', () => {
    const both = { JOB_COMPLETION_INDEX: '1', AWS_BATCH_JOB_ARRAY_INDEX: '1', AWS_BATCH_JOB_ARRAY_SIZE: '3' };
    expect(shardFromEnvironment(both, undefined)).toEqual({ index: 1, count: 3, source: 'JOB_COMPLETION_INDEX=1' });
    const index = refusal({ JOB_COMPLETION_INDEX: '1', SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '3' }, 3);
    expect(index).toContain('array indexes that disagree');
    expect(index).toContain('JOB_COMPLETION_INDEX=1 (Kubernetes) is shard 2, SLURM_ARRAY_TASK_ID=1 (Slurm) is shard 1');
    const count = refusal({ SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_COUNT: '3', AWS_BATCH_JOB_ARRAY_INDEX: '1', AWS_BATCH_JOB_ARRAY_SIZE: '4' });
    expect(count).toContain('shard counts that disagree: SLURM_ARRAY_TASK_COUNT=3 and AWS_BATCH_JOB_ARRAY_SIZE=4 (AWS Batch)');
  });

  it('reads only the variables it names, and changes nothing', () => {
    const env = Object.freeze({ JOB_COMPLETION_INDEX: '2', SLURM_JOB_ID: 'x', AWS_BATCH_JOB_ID: 'y' });
    expect(shardFromEnvironment(env, 3)).toEqual({ index: 2, count: 3, source: 'JOB_COMPLETION_INDEX=2' });
    expect(env).toEqual({ JOB_COMPLETION_INDEX: '2', SLURM_JOB_ID: 'x', AWS_BATCH_JOB_ID: 'y' });
  });
});
