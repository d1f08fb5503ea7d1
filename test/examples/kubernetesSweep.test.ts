// examples/kubernetes-sweep: the Indexed Job's shards run here as separate processes told
// their shard only by JOB_COMPLETION_INDEX (run-local.sh, xargs -P 2), merged, equal the
// single-machine sweep byte for byte; the same shards from Slurm's and AWS Batch's
// variables equal them too; and the manifests agree with each other and with the CLI.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONVERGENCE_HELP } from '../../src/cli/convergence.js';

const root = new URL('../..', import.meta.url).pathname;
const cli = join(root, 'dist/cli.js');
const example = join(root, 'examples/kubernetes-sweep');
const FILES = ['results.json', 'results.csv', 'convergence.svg'];
// The variables --shard auto reads, removed from what the children inherit, so a test run
// inside a batch job of its own sees only the ones each case sets.
const ENGINE_VARIABLES = /^(JOB_COMPLETION_INDEX|SLURM_ARRAY_TASK_\w+|AWS_BATCH_JOB_ARRAY_\w+)$/;

function environment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !ENGINE_VARIABLES.test(name)));
  return { ...env, ...extra };
}

function run(args: string[], extra: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: environment(extra) });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const temp = () => mkdtempSync(join(tmpdir(), 'pairwise-elo-k8s-'));

function expectSameFiles(folder: string, reference: string) {
  for (const file of FILES) expect(readFileSync(join(folder, file), 'utf8'), file).toBe(readFileSync(join(reference, file), 'utf8'));
}

describe('examples/kubernetes-sweep run locally', () => {
  // 18 cells × 8 seeds: about a second on one core.
  const sweep = ['--datapoints', '6,10', '--per-datapoint', '1,2,4', '--random-ratio', '0,1', '--pairing', 'adaptive,roundRobin', '--seeds', '8', '--workers', '1'];

  it('merges shards run by xargs -P 2 with JOB_COMPLETION_INDEX into the single-machine results; Slurm and AWS Batch shards are the same shards', () => {
    const whole = join(temp(), 'whole');
    expect(run(['convergence', ...sweep, '--out', whole]).status).toBe(0);

    const out = join(temp(), 'sweep');
    const local = spawnSync('sh', [join(example, 'run-local.sh'), '3', out, ...sweep], { encoding: 'utf8', env: environment({ PAIRWISE_ELO_CLI: cli, PARALLEL: '2' }) });
    expect(local.stderr).toBe('');
    expect(local.status).toBe(0);
    for (const k of [1, 2, 3]) expect(local.stdout).toContain(`shard ${k} of 3, from JOB_COMPLETION_INDEX=${k - 1}:`);
    expect(local.stdout).toContain('Merged 3 parts: 18 cells');
    expectSameFiles(join(out, 'merged'), whole);

    // Slurm numbers its tasks from --array's min (here 1-3); AWS Batch gives the size.
    const slurm = join(temp(), 'slurm');
    const slurmRun = run(['convergence', ...sweep, '--shard', 'auto', '--out', slurm], { SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '3', SLURM_ARRAY_TASK_COUNT: '3' });
    expect(slurmRun.stdout).toContain('shard 2 of 3, from SLURM_ARRAY_TASK_ID=2:');
    expectSameFiles(slurm, join(out, 'shard-1'));
    const aws = join(temp(), 'aws');
    const awsRun = run(['convergence', ...sweep, '--shard', 'auto', '--out', aws], { AWS_BATCH_JOB_ARRAY_INDEX: '2', AWS_BATCH_JOB_ARRAY_SIZE: '3' });
    expect(awsRun.stdout).toContain('shard 3 of 3, from AWS_BATCH_JOB_ARRAY_INDEX=2:');
    expectSameFiles(aws, join(out, 'shard-2'));

    const mixed = join(temp(), 'mixed');
    expect(run(['merge', aws, join(out, 'shard-0'), slurm, '--out', mixed]).status).toBe(0);
    expectSameFiles(mixed, whole);
  });

  it('refuses --shard auto with exit 2 and names the variables, and its help says how', () => {
    const missing = run(['convergence', ...sweep, '--shard', 'auto', '--out', temp()]);
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('--shard auto found no array index in the environment: it reads JOB_COMPLETION_INDEX');
    const outOfRange = run(['convergence', ...sweep, '--shard', 'auto/3', '--out', temp()], { JOB_COMPLETION_INDEX: '3' });
    expect(outOfRange.status).toBe(2);
    expect(outOfRange.stderr).toContain('JOB_COMPLETION_INDEX must be 0 to 2');
    for (const text of ['auto/0', 'auto/x', 'auto/', 'automatic']) {
      const bad = run(['convergence', ...sweep, '--shard', text, '--out', temp()], { JOB_COMPLETION_INDEX: '0' });
      expect(bad.status, text).toBe(2);
      expect(bad.stderr, text).toContain('--shard');
    }
    const help = run(['convergence', '--help']);
    expect(help.stdout).toContain('--shard auto[/N]');
    for (const name of ['JOB_COMPLETION_INDEX', 'SLURM_ARRAY_TASK_ID', 'AWS_BATCH_JOB_ARRAY_INDEX']) expect(help.stdout).toContain(name);
  });

  it('run-local.sh refuses a bad N and a folder that is not empty', () => {
    const script = join(example, 'run-local.sh');
    const bad = spawnSync('sh', [script, '0', join(temp(), 'x')], { encoding: 'utf8', env: environment({ PAIRWISE_ELO_CLI: cli }) });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('N must be a positive integer');
    const used = temp();
    writeFileSync(join(used, 'old'), '');
    const busy = spawnSync('sh', [script, '2', used], { encoding: 'utf8', env: environment({ PAIRWISE_ELO_CLI: cli }) });
    expect(busy.status).toBe(2);
    expect(busy.stderr).toContain('is not empty');
  });
});

// The args of the manifest's first container: a YAML block list, one item a line.
function containerArgs(manifest: string): string[] {
  const block = /\n(\s+)args:\n((?:\1 {2}- .*\n)+)/.exec(manifest);
  if (block === null) throw new Error('no args list');
  return block[2]!
    .trimEnd()
    .split('\n')
    .map((line) => line.replace(/^\s+- /, '').replace(/^"(.*)"$/, '$1'));
}

describe('examples/kubernetes-sweep manifests', () => {
  const sweepJob = readFileSync(join(example, 'sweep-job.yaml'), 'utf8');
  const mergeJob = readFileSync(join(example, 'merge-job.yaml'), 'utf8');
  const args = containerArgs(sweepJob);

  it('run one shard per completion index: --shard auto/N with N = completions, each into its own folder', () => {
    expect(sweepJob).toMatch(/\n {2}completionMode: Indexed\n/);
    const completions = Number(/\n {2}completions: (\d+)\n/.exec(sweepJob)?.[1]);
    expect(args[args.indexOf('--shard') + 1]).toBe(`auto/${completions}`);
    expect(args[args.indexOf('--out') + 1]).toBe('/results/shard-$(JOB_COMPLETION_INDEX)');
    expect(mergeJob).toContain('merge /results/shard-* --out /results/merged');
  });

  it('use flags the convergence command has, and one image and one pairwise-elo version for shards and merge', () => {
    expect(args.slice(0, 3)).toEqual(['--yes', expect.stringMatching(/^pairwise-elo@\d+\.\d+\.\d+$/), 'convergence']);
    for (const flag of args.slice(3).filter((arg) => arg.startsWith('--'))) expect(CONVERGENCE_HELP, flag).toContain(`  ${flag} `);
    expect(mergeJob).toContain(`npx --yes ${args[1]} merge`);
    const images = [sweepJob, mergeJob].map((text) => /\n\s+image: (\S+)\n/.exec(text)?.[1]);
    expect(images[0]).toMatch(/^node:\d+\.\d+\.\d+-/);
    expect(images[1]).toBe(images[0]);
    // --workers matches the CPU limit (Node may count the node's cores instead).
    expect(sweepJob).toContain(`limits:\n              cpu: "${args[args.indexOf('--workers') + 1]}"`);
  });
});
