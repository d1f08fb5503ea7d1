import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';

const cli = new URL('../dist/cli.js', import.meta.url).pathname;

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function expectUsageError(args: string[], flag: string) {
  const { status, stderr, stdout } = run(...args);
  expect(status).toBe(2);
  expect(stdout).toBe('');
  expect(stderr).toContain(flag);
}

const temp = () => mkdtempSync(join(tmpdir(), 'pairwise-elo-cli-'));

describe('pairwise-elo simulate', () => {
  it('prints the ranking beside the truth and every metric', () => {
    const { status, stdout } = run('simulate', '--datapoints', '8', '--budget', '40', '--labeler', 'crowd', '--seed', '3');
    expect(status).toBe(0);
    const rows = stdout.split('\n').filter((line) => /^\s+\d+\s+datapoint-\d+\s/.test(line));
    expect(rows).toHaveLength(8);
    for (const label of ["Kendall's tau", "Spearman's rho", 'top-2 precision', 'largest rank error', 'mean rank error']) expect(stdout).toContain(label);
    expect(stdout).toMatch(/40 comparisons \(\d+ random, \d+ close\), 40 labeler answers/);
    expect(run('simulate', '--datapoints', '8', '--budget', '40', '--labeler', 'crowd', '--seed', '3').stdout).toBe(stdout);
  });

  it('takes the new pairings and scorers: sort with a noiseless labeler finds the exact order', () => {
    const { status, stdout } = run('simulate', '--datapoints', '12', '--budget', '40', '--pairing', 'sort', '--labeler', 'noiseless', '--seed', '3');
    expect(status).toBe(0);
    // Binary insertion needs at most Σ⌈log2 k⌉ = 33 comparisons for 12 datapoints, so 40 give the exact order.
    expect(stdout).toMatch(/Kendall's tau\s+1\.000/);
    expect(stdout).toMatch(/\d+ sort/);
    expect(stdout).toContain('Scores are posterior means');
    const elo = run('simulate', '--datapoints', '12', '--budget', '40', '--pairing', 'informationGain', '--scorer', 'elo', '--seed', '3');
    expect(elo.stdout).toContain('Scores are Elo ratings');
    expect(elo.stdout).toMatch(/information-gain/);
    expect(run('simulate', '--scorer', 'glicko').status).toBe(2);
  });

  it('--json gives the simulation result; --datapoints reads ids from a file', () => {
    const folder = temp();
    const file = join(folder, 'ids.txt');
    writeFileSync(file, 'cat.jpg\n\n  dog.jpg \n__proto__\nconstructor\n');
    const { status, stdout } = run('simulate', '--datapoint-ids', file, '--budget', '30', '--responses', '3', '--pairing', 'roundRobin', '--json');
    expect(status).toBe(0);
    const parsed = JSON.parse(stdout);
    expect(parsed.responses).toBe(90);
    expect(parsed.matchupsByKind.roundRobin).toBe(30);
    expect(parsed.rankings[0].truth.map((entry: { datapoint: string }) => entry.datapoint).sort()).toEqual(['__proto__', 'cat.jpg', 'constructor', 'dog.jpg']);
    writeFileSync(file, 'a\nb\na\n');
    expectUsageError(['simulate', '--datapoint-ids', file], "line 3 repeats 'a' from line 1");
    expectUsageError(['simulate', '--datapoint-ids', join(folder, 'missing.txt')], '--datapoint-ids');
  });

  it('rejects bad flags with exit 2, naming the flag', () => {
    expectUsageError(['simulate', '--budget', 'x'], '--budget');
    expectUsageError(['simulate', '--budget', '0'], '--budget');
    expectUsageError(['simulate', '--datapoints', '1'], '--datapoints');
    expectUsageError(['simulate', '--items', '5'], '--items is now --datapoints');
    expectUsageError(['simulate', '--random-ratio', '1.5'], '--random-ratio');
    expectUsageError(['simulate', '--labeler', 'oracle'], '--labeler');
    expectUsageError(['simulate', '--pairing', 'swiss'], '--pairing');
    expectUsageError(['simulate', '--spread', '0'], '--spread');
    expectUsageError(['simulate', '--datapoints', '5', '--datapoint-ids', 'x.txt'], '--datapoint-ids');
    expectUsageError(['simulate', '--datapoints', 'ids.txt'], '--datapoint-ids');
    expectUsageError(['simulate', '--budgt', '5'], '--budgt');
  });
});

describe('pairwise-elo convergence and merge', () => {
  const sweep = ['--datapoints', '6,10', '--per-datapoint', '1,2,4', '--random-ratio', '0,1', '--pairing', 'adaptive,roundRobin', '--seeds', '8'];

  it('writes CSV, JSON and SVG and prints a table; shards merge into the same files', () => {
    const whole = temp();
    const { status, stdout } = run('convergence', ...sweep, '--out', whole);
    expect(status).toBe(0);
    expect(stdout).toContain('Convergence sweep: 8 seeds per cell');
    expect(stdout).toMatch(/\n\s+6\s+1\s+6\s+random ratio 0\s+-?\d\.\d{3}/);
    const csv = readFileSync(join(whole, 'results.csv'), 'utf8');
    expect(csv.trimEnd().split('\n')).toHaveLength(1 + 2 * 3 * 3);
    expect(XMLValidator.validate(readFileSync(join(whole, 'convergence.svg'), 'utf8'))).toBe(true);
    expect(JSON.parse(readFileSync(join(whole, 'results.json'), 'utf8')).format).toBe('pairwise-elo/convergence');

    const shards = [1, 2, 3].map((k) => {
      const folder = temp();
      const shard = run('convergence', ...sweep, '--shard', `${k}/3`, '--workers', '2', '--out', folder);
      expect(shard.status).toBe(0);
      expect(shard.stdout).toContain(`shard ${k} of 3`);
      return folder;
    });
    const incomplete = run('merge', shards[0]!, shards[2]!, '--out', temp());
    expect(incomplete.status).toBe(2);
    expect(incomplete.stderr).toContain('belong to shard(s) 2 of 3');
    const merged = temp();
    const merge = run('merge', ...shards, '--out', merged);
    expect(merge.status).toBe(0);
    expect(merge.stdout).toContain('Merged 3 parts: 18 cells');
    for (const file of ['results.csv', 'results.json', 'convergence.svg']) {
      expect(readFileSync(join(merged, file), 'utf8')).toBe(readFileSync(join(whole, file), 'utf8'));
    }
  });

  it('rejects bad flags with exit 2, naming the flag', () => {
    expectUsageError(['convergence', '--datapoints', '6'], '--out');
    expectUsageError(['convergence', '--datapoints', '6,x', '--out', temp()], '--datapoints');
    expectUsageError(['convergence', '--datapoints', '6,6', '--out', temp()], '--datapoints');
    expectUsageError(['convergence', '--per-datapoint', '1', '--budget', '5', '--out', temp()], '--budget');
    expectUsageError(['convergence', '--random-ratio', '0,2', '--out', temp()], '--random-ratio');
    expectUsageError(['convergence', '--shard', '3/2', '--out', temp()], '--shard');
    expectUsageError(['convergence', '--seeds', '1', '--out', temp()], '--seeds');
    expectUsageError(['convergence', '--workers', '0', '--out', temp()], '--workers');
    const file = join(temp(), 'a-file');
    writeFileSync(file, 'x');
    expectUsageError(['convergence', '--datapoints', '6', '--seeds', '2', '--out', join(file, 'below')], '--out');
    expectUsageError(['merge', '--out', temp()], 'result folders');
    expectUsageError(['merge', temp(), '--out', temp()], 'results.json');
  });
});
