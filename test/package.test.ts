// Checks the built package as users get it: both module formats, the exports map, the
// declarations. `npm test` builds first when dist/ is stale.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import * as source from '../src/index.js';

const root = new URL('..', import.meta.url).pathname;
const packageJson = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

describe('the built package', () => {
  it('has an exports map with types first, sideEffects false and only seedrandom at run time', () => {
    const conditions = packageJson.exports['.'];
    expect(Object.keys(conditions.import)[0]).toBe('types');
    expect(Object.keys(conditions.require)[0]).toBe('types');
    expect(packageJson.sideEffects).toBe(false);
    expect(Object.keys(packageJson.dependencies)).toEqual(['seedrandom']);
    for (const file of [conditions.import.types, conditions.import.default, conditions.require.types, conditions.require.default]) {
      expect(existsSync(`${root}${file}`)).toBe(true);
    }
  });

  it('exports the same names from ESM and CommonJS as the sources', async () => {
    const esm = await import(`${root}dist/index.js`);
    const cjs = createRequire(import.meta.url)(`${root}dist/index.cjs`);
    const names = Object.keys(source).sort();
    expect(Object.keys(esm).sort()).toEqual(names);
    expect(Object.keys(cjs).sort()).toEqual(names);
    for (const name of ['createRng', 'expectedScore', 'updateElo', 'createRankingJobDefinition', 'createRankingJob', 'RankingInputError']) {
      expect(names).toContain(name);
    }
  });

  it('runs a job the same way from ESM, CommonJS and the sources', async () => {
    const esm = await import(`${root}dist/index.js`);
    const cjs = createRequire(import.meta.url)(`${root}dist/index.cjs`);
    const run = (api: typeof source) => {
      const definition = api.createRankingJobDefinition({ name: 'n', instruction: 'i', datapoints: [['a', 'b', 'c', 'd']], comparisonBudgetPerRanking: 12 });
      const job = api.createRankingJob(definition, { seed: 5 });
      while (!job.done) for (const m of job.nextMatchups(3)) job.recordResponse(m.id, m.left < m.right ? 'left' : 'right');
      return JSON.stringify(job.results());
    };
    const expected = run(source);
    expect(run(esm)).toBe(expected);
    expect(run(cjs)).toBe(expected);
  });

  it('RankingInputError is recognised across the CommonJS, ESM and source copies', async () => {
    const esm = await import(`${root}dist/index.js`);
    const cjs = createRequire(import.meta.url)(`${root}dist/index.cjs`);
    expect(esm.RankingInputError).not.toBe(cjs.RankingInputError);
    for (const thrower of [esm, cjs, source]) {
      let caught: unknown;
      try {
        thrower.createRng(Number.NaN);
      } catch (error) {
        caught = error;
      }
      for (const catcher of [esm, cjs, source]) expect(caught instanceof catcher.RankingInputError).toBe(true);
    }
    // Other errors are not taken for it.
    for (const other of [new Error('x'), new TypeError('x'), { path: 'p', name: 'RankingInputError' }, null, 'RankingInputError']) {
      expect(other instanceof esm.RankingInputError).toBe(false);
    }
  });

  it('declares every export in both declaration files', () => {
    for (const file of ['dist/index.d.ts', 'dist/index.d.cts']) {
      const declarations = readFileSync(`${root}${file}`, 'utf8');
      for (const name of Object.keys(source)) expect(declarations).toMatch(new RegExp(`\\b${name}\\b`));
      for (const type of ['RankingJob', 'Matchup', 'RankingResult', 'Progress', 'RngState', 'SeededRng', 'Rng']) {
        expect(declarations).toMatch(new RegExp(`\\b${type}\\b`));
      }
    }
  });

  it('can be imported by name from a fresh Node process (self-reference through the exports map)', () => {
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', "import { createRng } from 'pairwise-elo'; console.log(typeof createRng)"], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(output.trim()).toBe('function');
    const required = execFileSync(process.execPath, ['-e', "console.log(typeof require('pairwise-elo').createRankingJob)"], { cwd: root, encoding: 'utf8' });
    expect(required.trim()).toBe('function');
  });

  it('packs only the built files and the documents, with source maps that embed no sources', () => {
    const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' })) as {
      size: number;
      unpackedSize: number;
      files: { path: string }[];
    }[];
    const paths = pack!.files.map((file) => file.path).sort();
    for (const path of paths) expect(path).toMatch(/^(dist\/[\w.]+|README\.md|ARCHITECTURE\.md|CHANGELOG\.md|LICENSE|package\.json)$/);
    for (const required of ['LICENSE', 'dist/index.js', 'dist/index.cjs', 'dist/sweepPlatform.browser.js', 'dist/sweepPlatform.node.js', 'dist/convergenceWorker.js', 'dist/cli.js']) {
      expect(paths).toContain(required);
    }
    for (const map of paths.filter((path) => path.endsWith('.map'))) {
      const parsed = JSON.parse(readFileSync(`${root}${map}`, 'utf8')) as { sourcesContent?: unknown };
      expect(parsed.sourcesContent, map).toBeUndefined();
    }
    // 0.1.0 shipped 3.6 MB unpacked, two thirds of it source maps with embedded sources;
    // 0.3.0 ships about 4.5 MB without them (ESM and CJS builds, maps and declarations of
    // twice the code: trust, validation matchups, adaptive responses, leaderboards, ranking
    // flows, the weak-prior solver, the batch Elo kernel). Embedded sources would add
    // about as much again, far past this bound.
    expect(pack!.unpackedSize).toBeLessThan(5.5e6);
  });

  it('says its version on the command line and in LIBRARY_VERSION', () => {
    expect(source.LIBRARY_VERSION).toBe(packageJson.version);
    const output = execFileSync(process.execPath, [`${root}dist/cli.js`, '--version'], { encoding: 'utf8' });
    expect(output.trim()).toBe(packageJson.version);
  });
});
