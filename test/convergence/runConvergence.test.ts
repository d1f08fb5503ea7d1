import { describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  RANKING_METRICS,
  convergenceChartSvg,
  convergenceCsv,
  mergeConvergenceResults,
  runConvergence,
  type ConvergenceConfig,
  type ConvergenceResults,
} from '../../src/index.js';
import { expectInputError } from '../helpers.js';

// The built package: worker processes run dist/convergenceWorker.js.
const built = (await import(new URL('../../dist/index.js', import.meta.url).href)) as typeof import('../../src/index.js');

// Recorded from this implementation on 2026-12-03 (node dist, seed 'pinned'; re-recorded
// when the default labeler's name became 'bradleyTerry', which seeds its stream): exact
// outputs a change to seed derivation, labelers, the job or the metrics would alter.
const PINNED_TAUS = [0.7575757575757576, 0.696969696969697, 0.7575757575757576];
const PINNED_MEAN_TAU = 0.5757575757575759;

const config: ConvergenceConfig = {
  datapoints: [6, 20],
  perDatapoint: [1, 4],
  randomRatios: [0, 1],
  pairings: ['adaptive', 'roundRobin'],
  labelers: ['bt', 'crowd'],
  seeds: 12,
  seed: 'test',
};

async function rejectsWithPath(promise: Promise<unknown>, path: string) {
  await expectInputErrorAsync(promise, path);
}
async function expectInputErrorAsync(promise: Promise<unknown>, path: string) {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expectInputError(() => {
    throw caught;
  }, path);
}

describe('runConvergence', () => {
  it('builds the grid: round robin has no random ratio, so it gets one cell per other setting', async () => {
    const results = await runConvergence({ ...config, workers: 1 });
    // Per item count and budget: 2 ratios + 1 round robin, times 2 labelers = 6 cells; 2 × 2 × 6 = 24.
    expect(results.totalCells).toBe(24);
    expect(results.cells.map((cell) => cell.cell)).toEqual(Array.from({ length: 24 }, (_, i) => i));
    expect(results.cells.filter((cell) => cell.pairing === 'roundRobin').every((cell) => cell.randomRatio === null)).toBe(true);
    const cell = results.cells.find((entry) => entry.datapoints === 20 && entry.perDatapoint === 4)!;
    expect(cell.budget).toBe(80);
    expect(cell.runs).toBe(12);
    for (const metric of RANKING_METRICS) expect(cell.metrics[metric].n).toBeLessThanOrEqual(12);
    expect(cell.metrics.kendallTau.mean!).toBeGreaterThan(0.3);
    expect(cell.metrics.kendallTau.ciLow!).toBeLessThan(cell.metrics.kendallTau.mean!);
    expect(JSON.parse(JSON.stringify(results))).toEqual(results);
  });

  it('gives byte-identical results for 1, 2 or 4 workers and for any sharding', async () => {
    const small = { ...config, datapoints: [6, 12], seeds: 30 };
    const reference = await runConvergence({ ...small, workers: 1 });
    const csv = convergenceCsv(reference);
    const json = JSON.stringify(reference);
    for (const workers of [2, 4]) {
      const threaded = await built.runConvergence({ ...small, workers });
      expect(built.convergenceCsv(threaded)).toBe(csv);
      expect(JSON.stringify(threaded)).toBe(json);
    }
    for (const count of [2, 3, 7]) {
      const shards: ConvergenceResults[] = [];
      for (let index = 0; index < count; index++) shards.push(await runConvergence({ ...small, workers: 1, shard: { index, count } }));
      // Every run is in exactly one shard.
      expect(shards.reduce((sum, shard) => sum + shard.cells.reduce((runs, cell) => runs + cell.runs, 0), 0)).toBe(reference.totalCells * 30);
      const merged = mergeConvergenceResults([...shards].reverse());
      expect(convergenceCsv(merged)).toBe(csv);
      expect(JSON.stringify(merged)).toBe(json);
    }
  });

  it('spreads even a single cell over every shard', async () => {
    const whole = await runConvergence({ datapoints: [8], budgets: [20], seeds: 9, workers: 1 });
    const shards = await Promise.all([0, 1, 2, 3].map((index) => runConvergence({ datapoints: [8], budgets: [20], seeds: 9, workers: 1, shard: { index, count: 4 } })));
    expect(shards.map((shard) => shard.cells[0]!.seeds)).toEqual([[0, 4, 8], [1, 5], [2, 6], [3, 7]]);
    expect(JSON.stringify(mergeConvergenceResults(shards))).toBe(JSON.stringify(whole));
  });

  it('does not depend on how a labeler spec is written', async () => {
    const a = await runConvergence({ datapoints: [6], perDatapoint: [2], seeds: 4, workers: 1, labelers: [{ model: 'thurstone', noise: 150, lapseRate: 0.1 }] });
    const b = await runConvergence({ datapoints: [6], perDatapoint: [2], seeds: 4, workers: 1, labelers: [{ lapseRate: 0.1, noise: 150, model: 'thurstone' }] });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('pins the numbers of a fixed sweep, Elo scorer (a change to seeding or the job shows up here)', async () => {
    const results = await runConvergence({ datapoints: [12], budgets: [50], seeds: 20, seed: 'pinned', workers: 1, scorers: ['elo'] });
    expect(results.cells[0]!.values.kendallTau.slice(0, 3)).toEqual(PINNED_TAUS);
    expect(results.cells[0]!.metrics.kendallTau.mean).toBe(PINNED_MEAN_TAU);
  });

  it('keeps a cell\'s numbers when other dimensions are added to the sweep', async () => {
    const alone = await runConvergence({ datapoints: [12], perDatapoint: [4], seeds: 20, workers: 1 });
    const wider = await runConvergence({ datapoints: [6, 12], perDatapoint: [1, 4], randomRatios: [0.5, 1], seeds: 20, workers: 1 });
    const same = wider.cells.find((cell) => cell.datapoints === 12 && cell.perDatapoint === 4 && cell.randomRatio === 0.5)!;
    expect(same.metrics).toEqual(alone.cells[0]!.metrics);
  });

  it('scores the same jobs by Elo and by Bradley–Terry, with honest intervals under random pairing', async () => {
    const results = await runConvergence({ datapoints: [20], perDatapoint: [8], randomRatios: [1], scorers: ['elo', 'bradleyTerry'], seeds: 40, workers: 1 });
    const [elo, bt] = results.cells;
    expect([elo!.scorer, bt!.scorer]).toEqual(['elo', 'bradleyTerry']);
    expect(elo!.metrics.coverage.n).toBe(0);
    // 20 datapoints × 40 runs = 800 interval checks; at a true 95% the share has sd 0.8%, so 0.92–0.98 is ±3.75 sd.
    expect(bt!.metrics.coverage.mean!).toBeGreaterThan(0.92);
    expect(bt!.metrics.coverage.mean!).toBeLessThan(0.98);
    // The same jobs: only the scoring differs, so the runs are paired.
    expect(bt!.metrics.kendallTau.mean).not.toBe(elo!.metrics.kendallTau.mean);
  });

  it('reports progress up to the total', async () => {
    const seen: number[] = [];
    await runConvergence({ datapoints: [8], perDatapoint: [1, 2], seeds: 10, workers: 1, onProgress: ({ completedRuns, totalRuns }) => {
      expect(totalRuns).toBe(20);
      seen.push(completedRuns);
    } });
    expect(seen.at(-1)).toBe(20);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('rejects a bad config naming the field, before running anything', async () => {
    await rejectsWithPath(runConvergence({ datapoints: [1], seeds: 5 }), 'config.datapoints[0]');
    await rejectsWithPath(runConvergence({ datapoints: [], seeds: 5 }), 'config.datapoints');
    await rejectsWithPath(runConvergence({ datapoints: [5], seeds: 1 }), 'config.seeds');
    await rejectsWithPath(runConvergence({ datapoints: [5], seeds: 5, budgets: [10], perDatapoint: [1] }), 'config.budgets');
    await rejectsWithPath(runConvergence({ datapoints: [5], seeds: 5, randomRatios: [0.5, 0.5] }), 'config.randomRatios[1]');
    await rejectsWithPath(runConvergence({ datapoints: [5], seeds: 5, randomRatios: [2] }), 'config.randomRatios[0]');
    await rejectsWithPath(runConvergence({ datapoints: [5], seeds: 5, pairings: ['swiss' as never] }), 'config.pairings[0]');
    await rejectsWithPath(runConvergence({ datapoints: [5], seeds: 5, labelers: ['bt', 'bradleyTerry'] }), 'config.labelers[1]');
    await rejectsWithPath(runConvergence({ datapoints: [5], seeds: 5, elo: { kFactor: -1 } }), 'config.elo.kFactor');
    await rejectsWithPath(runConvergence({ datapoints: [5], seeds: 5, topK: 6 }), 'config.topK');
    await rejectsWithPath(runConvergence({ datapoints: [5], seeds: 5, shard: { index: 2, count: 2 } }), 'config.shard.index');
    await rejectsWithPath(runConvergence({ datapoints: [5], seeds: 5, workers: 0 }), 'config.workers');
    await rejectsWithPath(runConvergence({ datapoints: [5], seeds: 5, onProgress: 3 as never }), 'config.onProgress');
    await rejectsWithPath(runConvergence({ datapoints: [5], seeds: 5, seedz: 3 } as never), 'config.seedz');
  });
});

describe('mergeConvergenceResults', () => {
  it('refuses parts of different sweeps, repeated cells and missing cells', async () => {
    const shard = (index: number, seed = 'm') => runConvergence({ datapoints: [6], perDatapoint: [1, 2, 4], seeds: 4, seed, workers: 1, shard: { index, count: 3 } });
    const [a, b, c] = await Promise.all([shard(0), shard(1), shard(2)]);
    expect(mergeConvergenceResults([a, b, c]).cells).toHaveLength(3);
    expectInputError(() => mergeConvergenceResults([a, b]), 'parts');
    // Runs are numbered cell × 4 + seed; shard 3 of 3 (index 2) holds runs 2, 5, 8, 11: cell 0 run 2 first.
    expect(() => mergeConvergenceResults([a, b])).toThrow(/lack cell 0 run 2, cell 1 run 1, cell 2 run 0, cell 2 run 3; they belong to shard\(s\) 3 of 3/);
    expectInputError(() => mergeConvergenceResults([a, a, b, c]), 'parts[1].cells[0].seeds[0]');
    expectInputError(() => mergeConvergenceResults([a, b, c, ...[]].map((part, i) => (i === 1 ? { ...part, format: 'x' } as never : part))), 'parts[1].format');
    expectInputError(() => mergeConvergenceResults([a, b, { ...c, generator: 'pairwise-elo@0.0.1' }]), 'parts[2].generator');
    expect(a.generator).toMatch(/^pairwise-elo@\d+\.\d+\.\d+/);
    const other = await shard(2, 'other seed');
    expectInputError(() => mergeConvergenceResults([a, b, other]), 'parts[2].config');
    expectInputError(() => mergeConvergenceResults([]), 'parts');
  });
});

describe('convergence CSV and chart', () => {
  it('writes one CSV row per cell with every metric summary', async () => {
    const results = await runConvergence({ datapoints: [6], perDatapoint: [1, 2], pairings: ['adaptive', 'roundRobin'], seeds: 5, workers: 1 });
    const lines = convergenceCsv(results).trimEnd().split('\n');
    expect(lines).toHaveLength(1 + results.cells.length);
    const header = lines[0]!.split(',');
    expect(header.slice(0, 11)).toEqual(['cell', 'datapoints', 'budget', 'per_datapoint', 'pairing', 'random_ratio', 'responses', 'labeler', 'scorer', 'runs', 'top_k']);
    expect(header).toContain('coverage_mean');
    expect(header).toContain('kendall_tau_ci95_low');
    expect(header).toContain('mean_absolute_rank_error_p97_5');
    for (const line of lines.slice(1)) expect(line.split(',')).toHaveLength(header.length);
    const roundRobin = lines.slice(1).find((line) => line.includes('roundRobin'))!.split(',');
    expect(roundRobin[header.indexOf('random_ratio')]).toBe('');
  });

  it('draws well-formed SVG with one series per strategy in each panel', async () => {
    const results = await runConvergence({ datapoints: [6, 10], perDatapoint: [1, 2, 4], randomRatios: [0, 0.5, 1], pairings: ['adaptive', 'roundRobin'], seeds: 4, workers: 1 });
    const svg = convergenceChartSvg(results);
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toMatch(/NaN|Infinity/);
    const labels = [...svg.matchAll(/<g class="series" data-series="([^"]*)"/g)].map((match) => match[1]);
    const strategies = ['random ratio 0', 'random ratio 0.5', 'random ratio 1', 'round robin'];
    // Two panels (6 and 10 datapoints), each with the four strategies.
    expect(labels.sort()).toEqual([...strategies, ...strategies].sort());
    expect(svg).toContain('6 datapoints');
    expect(svg).toContain('comparisons per datapoint');
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(svg);
    expect(parsed.svg['@_xmlns']).toBe('http://www.w3.org/2000/svg');
    expect(() => convergenceChartSvg(results, { metric: 'accuracy' as never })).toThrow(/options.metric/);
  });
});
