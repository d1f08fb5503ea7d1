// The root entry as a browser bundler sees it: bundled by esbuild for the browser from
// the built package (exports map, `imports` conditions), it must reach no Node built-in,
// and the bundle must run a job and a convergence sweep in a context that has only the
// standard globals (no process, no require, no Buffer, no setImmediate).
import { builtinModules } from 'node:module';
import { runInNewContext } from 'node:vm';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

// Records every import esbuild meets that names a Node built-in, wherever it comes from.
function builtinWatch(reached: string[]): Plugin {
  return {
    name: 'builtin-watch',
    setup(bundle) {
      bundle.onResolve({ filter: /.*/ }, (args) => {
        if (NODE_BUILTINS.has(args.path)) reached.push(`${args.path} (from ${args.importer})`);
        return undefined;
      });
    },
  };
}

async function bundle(contents: string, minify = false): Promise<{ code: string; reached: string[] }> {
  const reached: string[] = [];
  const result = await build({
    stdin: { contents, resolveDir: root, sourcefile: 'entry.js' },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    minify,
    write: false,
    logLevel: 'silent',
    plugins: [builtinWatch(reached)],
  });
  return { code: result.outputFiles[0]!.text, reached };
}

describe('the root entry in a browser bundle', () => {
  it('reaches no Node built-in, and runs a job and a sweep with only standard globals', async () => {
    const { code, reached } = await bundle(`
      import * as library from 'pairwise-elo';
      globalThis.library = library;
    `);
    expect(reached).toEqual([]);
    expect(code).not.toMatch(/worker_threads|node:/);

    // A context with the language's globals and a timer, as a page or a worker has.
    const context: Record<string, unknown> = { setTimeout, clearTimeout, console };
    runInNewContext(code, context);
    const library = context['library'] as typeof import('../../src/index.js');
    expect(typeof library.createRankingJob).toBe('function');
    const definition = library.createRankingJobDefinition({ name: 'n', instruction: 'i', datapoints: [['a', 'b', 'c', 'd', 'e']], comparisonBudgetPerRanking: 12 });
    const job = library.createRankingJob(definition, { seed: 3 });
    while (!job.done) for (const matchup of job.nextMatchups(2)) job.recordResponse(matchup.id, matchup.left < matchup.right ? 'left' : 'right');
    expect(job.results()[0]!.entries.map((entry) => entry.datapoint)).toEqual(['a', 'b', 'c', 'd', 'e']);

    // Asked for 4 workers, the browser build runs the sweep in the calling thread, with
    // the same numbers as Node's worker processes would give (runConvergence.test.ts checks
    // that workers do not change results).
    const config = { datapoints: [6], perDatapoint: [2], seeds: 6, workers: 4, seed: 'bundle' };
    const inBundle = await library.runConvergence(config);
    const { runConvergence } = await import('../../src/index.js');
    const inNode = await runConvergence({ ...config, workers: 1 });
    expect(JSON.stringify(inBundle)).toBe(JSON.stringify(inNode));
  });

  it('leaves the simulation, the charts, the sweeps and the CLI out of a job-engine bundle', async () => {
    const { code, reached } = await bundle(`
      import { createRankingJobDefinition, createRankingJob, restoreRankingJob } from 'pairwise-elo';
      globalThis.engine = { createRankingJobDefinition, createRankingJob, restoreRankingJob };
    `);
    expect(reached).toEqual([]);
    expect(code).toMatch(/function createRankingJob\b/);
    for (const name of ['runConvergence', 'convergenceChartSvg', 'lineChartSvg', 'simulateRankingJob', 'thurstoneLabeler', 'bootstrapIntervals']) {
      expect(code, name).not.toMatch(new RegExp(`function ${name}\\b`));
    }
    // Only Alea of seedrandom's generators.
    expect(code).toMatch(/seedrandom\/lib\/alea\.js/);
    expect(code).not.toMatch(/seedrandom\/(index|lib\/(xor|tychei))/);
  });
});
