import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const cli = new URL('../dist/cli.js', import.meta.url).pathname;

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('pairwise-elo CLI', () => {
  it('demo ranks the 12 rabbit images with budget 50 and reports Kendall\'s tau', () => {
    const { status, stdout } = run('demo');
    expect(status).toBe(0);
    expect(stdout).toContain('Which rabbit looks cooler?');
    const rows = stdout.split('\n').filter((line) => /\.webp/.test(line) && /^\s*\d+\s/.test(line));
    expect(rows).toHaveLength(12);
    expect(stdout).toMatch(/50 comparisons: \d+ random, \d+ close\./);
    expect(stdout).toMatch(/Kendall's tau\s+-?[01]\.\d{3}/);
  });

  it('demo is deterministic per seed and changes with --seed', () => {
    expect(run('demo').stdout).toBe(run('demo', '--seed', '1').stdout);
    expect(run('demo', '--seed', '7').stdout).not.toBe(run('demo').stdout);
    expect(run('demo', '--seed', '7').stdout).toBe(run('demo', '--seed', '7').stdout);
  });

  it('demo --json prints the result as JSON with every datapoint and the budget spent', () => {
    const { status, stdout } = run('demo', '--json');
    expect(status).toBe(0);
    const parsed = JSON.parse(stdout);
    const [ranking] = parsed.rankings;
    expect(ranking.result.entries).toHaveLength(12);
    expect(ranking.result.comparisons).toBe(50);
    expect(ranking.truth).toHaveLength(12);
    expect(parsed.matchupsByKind.random + parsed.matchupsByKind.close).toBe(50);
    expect(ranking.accuracy.kendallTau).toBeGreaterThanOrEqual(-1);
    expect(ranking.accuracy.kendallTau).toBeLessThanOrEqual(1);
  });

  it('prints help with exit 0, and usage errors with exit 2 naming the flag', () => {
    for (const args of [['--help'], ['demo', '--help'], ['demo', '-h'], ['simulate', '--help'], ['convergence', '--help'], ['merge', '-h']]) {
      const { status, stdout } = run(...args);
      expect(status).toBe(0);
      expect(stdout).toContain('Usage: pairwise-elo');
    }
    const badFlag = run('demo', '--sead', '3');
    expect(badFlag.status).toBe(2);
    expect(badFlag.stderr).toContain("'--sead'");
    const missingValue = run('demo', '--seed');
    expect(missingValue.status).toBe(2);
    expect(missingValue.stderr).toContain('--seed');
    const unknown = run('rank-everything');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'rank-everything'");
    expect(run().status).toBe(2);
  });
});

describe('pairwise-elo --version', () => {
  it('prints the version of package.json with exit 0 (--version and -v), and the help lists it', async () => {
    const { readFileSync } = await import('node:fs');
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const { status, stdout, stderr } = run(flag);
      expect([status, stdout, stderr]).toEqual([0, `${version}\n`, '']);
    }
    expect(run('--help').stdout).toMatch(/-v, --version\s+print the version/);
  });
});
