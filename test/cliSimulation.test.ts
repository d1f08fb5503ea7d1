import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { formatDuration, progressBar, progressLine, timeLeftMs } from '../src/cli/progressBar.js';
import { CONVERGENCE_METRICS } from '../src/convergence/convergenceMetrics.js';

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
    expectUsageError(['simulate', '--datapoint-ids', file], `${file}:3: repeats 'a' from line 1`);
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

describe('pairwise-elo convergence and merge: chart flags', () => {
  const sweep = ['--datapoints', '6', '--per-datapoint', '1,2', '--random-ratio', '0,1', '--pairing', 'adaptive,roundRobin', '--labeler', 'bradleyTerry,crowd', '--seeds', '3'];
  const svgOf = (folder: string) => readFileSync(join(folder, 'convergence.svg'), 'utf8');
  const titleOf = (svg: string) => /<text class="title"[^>]*>([^<]*)/.exec(svg)![1]!.replaceAll('&apos;', "'");
  const panelTitles = (svg: string) => [...svg.matchAll(/<text class="panel-title"[^>]*>([^<]*)/g)].map((match) => match[1]);

  it('draws --metric, --bands off and --facet into convergence.svg, and merge takes the same flags', () => {
    const plain = temp();
    expect(run('convergence', ...sweep, '--out', plain).status).toBe(0);
    expect(svgOf(plain)).toContain('<polygon class="band"');
    expect(titleOf(svgOf(plain))).toBe("Kendall's tau against the truth as the budget grows");
    expect(panelTitles(svgOf(plain))).toEqual(['6 datapoints']);

    const styled = temp();
    const flags = ['--metric', 'spearmanRho', '--bands', 'off', '--facet', 'datapoints,labeler'];
    const { status } = run('convergence', ...sweep, ...flags, '--out', styled);
    expect(status).toBe(0);
    const svg = svgOf(styled);
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toContain('class="band"');
    expect(titleOf(svg)).toBe("Spearman's rho against the truth as the budget grows");
    expect(panelTitles(svg)).toEqual(['6 datapoints · labeler bradleyTerry', '6 datapoints · labeler crowd']);
    // Chart flags change the picture only: the numbers are the same.
    expect(readFileSync(join(styled, 'results.json'), 'utf8')).toBe(readFileSync(join(plain, 'results.json'), 'utf8'));

    const merged = temp();
    expect(run('merge', plain, ...flags, '--out', merged).status).toBe(0);
    expect(svgOf(merged)).toBe(svg);
    const mean = temp();
    expect(run('merge', plain, '--bands', 'mean', '--facet', 'none', '--out', mean).status).toBe(0);
    expect(svgOf(mean)).toContain('95% confidence interval of the mean');
    expect(panelTitles(svgOf(mean))).toEqual(['all cells']);
  });

  it('lists the chart flags in both help texts', () => {
    for (const command of ['convergence', 'merge']) {
      const help = run(command, '--help').stdout;
      for (const flag of ['--metric <name>', '--bands <kind>', '--facet <list>', ...CONVERGENCE_METRICS]) expect(help).toContain(flag);
    }
  });

  it('rejects bad chart flags with exit 2, naming the flag and what it allows, before running the sweep', () => {
    const bad: [string[], string][] = [
      [['--metric', 'accuracy'], "--metric must be one of kendallTau, spearmanRho"],
      [['--bands', 'maybe'], '--bands must be one of on, runs, mean, off'],
      [['--facet', 'labeler,ratio'], '--facet must be auto, none, or a comma-separated list of datapoints, pairing'],
      [['--facet', 'labeler,labeler'], '--facet repeats'],
      [['--facet', 'none,labeler'], '--facet must be auto, none'],
    ];
    for (const [flags, message] of bad) {
      const out = temp();
      expectUsageError(['convergence', ...sweep, ...flags, '--out', out], message);
      expect(existsSync(join(out, 'results.json'))).toBe(false);
    }
    const shard = temp();
    expect(run('convergence', ...sweep, '--out', shard).status).toBe(0);
    expectUsageError(['merge', shard, '--metric', 'tau', '--out', temp()], '--metric must be one of');
    expectUsageError(['merge', shard, '--bands', '', '--out', temp()], '--bands');
  });
});

describe('progressBar', () => {
  /** A terminal that records what is written, and a clock the test moves by hand. */
  function fakeTerminal() {
    const writes: string[] = [];
    let time = 5_000;
    return {
      writes,
      stream: { isTTY: true, write: (text: string) => writes.push(text) },
      now: () => time,
      advance: (ms: number) => {
        time += ms;
      },
      /** The line on screen after the last write. */
      shown: () => writes.at(-1)!.replace('\r\x1b[2K', ''),
    };
  }

  it('formats runs with grouped digits and the time left', () => {
    // 16 s × 1 706 / 1 234 runs = 22.1 s, rounded up.
    expect(progressLine(1234, 2940, 16_000)).toBe(`[${'#'.repeat(12)}${'-'.repeat(18)}]  41%  1 234/2 940 runs · 23 s left`);
    expect(progressLine(0, 10, 0)).toBe(`[${'-'.repeat(30)}]   0%  0/10 runs`);
    expect(progressLine(10, 10, 60_000)).toBe(`[${'#'.repeat(30)}] 100%  10/10 runs`);
    expect(progressLine(0, 0, 0)).toBe(`[${'#'.repeat(30)}] 100%  0/0 runs`);
  });

  it('estimates the time left only once 2% of the runs are done and a second has passed', () => {
    expect(timeLeftMs(50, 1000, 999)).toBeUndefined();
    expect(timeLeftMs(19, 1000, 10_000)).toBeUndefined();
    expect(timeLeftMs(20, 1000, 1000)).toBe(49_000);
    expect(timeLeftMs(500, 1000, 30_000)).toBe(30_000);
    expect(timeLeftMs(1000, 1000, 30_000)).toBeUndefined();
  });

  it('writes durations rounded up, in seconds, minutes or hours', () => {
    expect(formatDuration(0)).toBe('1 s');
    expect(formatDuration(12_001)).toBe('13 s');
    expect(formatDuration(59_000)).toBe('59 s');
    expect(formatDuration(60_000)).toBe('1 min 00 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatDuration(7_620_000)).toBe('2 h 07 min');
  });

  it('shows the time left from the injected clock, counting from when the bar was made', () => {
    const terminal = fakeTerminal();
    const bar = progressBar(terminal.now, terminal.stream);
    terminal.advance(500);
    bar.update({ completedRuns: 100, totalRuns: 1000 });
    // Half a second in: no estimate yet.
    expect(terminal.shown()).toBe(`[###${'-'.repeat(27)}]  10%  100/1 000 runs`);
    terminal.advance(1500);
    bar.update({ completedRuns: 200, totalRuns: 1000 });
    // 200 runs in 2 s: 800 more take 8 s.
    expect(terminal.shown()).toBe(`[######${'-'.repeat(24)}]  20%  200/1 000 runs · 8 s left`);
    bar.clear();
    expect(terminal.writes.at(-1)).toBe('\r\x1b[2K');
  });

  it('redraws when the percentage changes, or after a second so the time left keeps ticking', () => {
    const terminal = fakeTerminal();
    const bar = progressBar(terminal.now, terminal.stream);
    terminal.advance(10_000);
    bar.update({ completedRuns: 2000, totalRuns: 10_000 });
    expect(terminal.writes).toHaveLength(1);
    terminal.advance(100);
    bar.update({ completedRuns: 2001, totalRuns: 10_000 });
    expect(terminal.writes).toHaveLength(1);
    terminal.advance(1000);
    bar.update({ completedRuns: 2002, totalRuns: 10_000 });
    expect(terminal.writes).toHaveLength(2);
    // 11.1 s × 7 998 / 2 002 runs = 44.3 s, rounded up.
    expect(terminal.shown()).toMatch(/ 20%  2 002\/10 000 runs · 45 s left$/);
  });

  it('draws nothing and reads no clock when the stream is not a terminal', () => {
    const writes: string[] = [];
    const bar = progressBar(() => {
      throw new Error('clock read');
    }, { isTTY: false, write: (text: string) => writes.push(text) });
    bar.update({ completedRuns: 1, totalRuns: 2 });
    bar.clear();
    expect(writes).toEqual([]);
  });
});
