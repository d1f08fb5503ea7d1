// The trust dimension of convergence sweeps (issue 13, item 5): cells unweighted, weighted
// by trust from the consensus, and with validation matchups; the responses each run used;
// and sweeps without the dimension exactly as before.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CONVERGENCE_METRICS,
  RESPONSE_METRICS,
  convergenceChartSvg,
  convergenceCsv,
  mergeConvergenceResults,
  runConvergence,
  type ConvergenceConfig,
  type ConvergenceResults,
} from '../../src/index.js';
import { CONVERGENCE_HELP, runConvergenceCommand } from '../../src/cli/convergence.js';
import { expectInputError } from '../helpers.js';

// The built package: worker processes run dist/convergenceWorker.js.
const built = (await import(new URL('../../dist/index.js', import.meta.url).href)) as typeof import('../../src/index.js');

// A small crowd (the namedCrowd preset's shares among 10 labelers) so trust has answers to go on.
const crowd = { model: 'namedCrowd', name: 'crowd10', labelers: 10, members: [
  { share: 0.6, labeler: 'bt', name: 'careful' },
  { share: 0.3, labeler: 'randomClicker' },
  { share: 0.1, labeler: 'leftClicker' },
] } as const;
const base: ConvergenceConfig = { datapoints: [12], perDatapoint: [4], responses: [3], labelers: [crowd], scorers: ['bt'], seeds: 4, seed: 'trust', workers: 1 };

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('runConvergence trust dimension', () => {
  it('adds nothing to a sweep that does not ask for it: no trust key, no response metrics, same CSV header', async () => {
    const results = await runConvergence(base);
    expect('trust' in results.config).toBe(false);
    expect('validationRate' in results.config).toBe(false);
    const cell = results.cells[0]!;
    expect('trust' in cell).toBe(false);
    expect(Object.keys(cell.metrics)).toEqual([...CONVERGENCE_METRICS]);
    expect(Object.keys(cell.values)).toEqual([...CONVERGENCE_METRICS]);
    expect(convergenceCsv(results).split('\n')[0]!.split(',').slice(0, 12)).toEqual([
      'cell', 'datapoints', 'budget', 'per_datapoint', 'pairing', 'random_ratio', 'responses', 'labeler', 'scorer', 'runs', 'top_k', 'kendall_tau_n',
    ]);
    expect(() => convergenceChartSvg(results, { metric: 'rankingResponses' })).toThrow(/options.metric/);
  });

  it("runs one cell per trust value on the same truths, 'none' and 'consensus' on the same jobs, and counts responses", async () => {
    const results = await runConvergence({ ...base, trust: ['none', 'consensus', 'validation'] });
    expect(results.config.trust).toEqual(['none', 'consensus', 'validation']);
    expect(results.config.validationRate).toBe(0.05);
    expect(results.totalCells).toBe(3);
    const [none, consensus, validation] = results.cells;
    expect([none!.trust, consensus!.trust, validation!.trust]).toEqual(['none', 'consensus', 'validation']);
    expect(Object.keys(none!.metrics)).toEqual([...CONVERGENCE_METRICS, ...RESPONSE_METRICS]);
    // Every run answers the whole budget, 48 matchups × 3 responses; validation responses only in 'validation' cells.
    for (const cell of results.cells) expect(cell.values.rankingResponses).toEqual([144, 144, 144, 144]);
    expect(none!.values.validationResponses).toEqual([0, 0, 0, 0]);
    expect(consensus!.values.validationResponses).toEqual([0, 0, 0, 0]);
    expect(validation!.values.validationResponses!.every((count) => count! % 3 === 0)).toBe(true);
    expect(validation!.metrics.validationResponses!.mean!).toBeGreaterThan(0);
    // 'none' scores the jobs of the sweep without the dimension; 'consensus' weighs the same jobs.
    const plain = await runConvergence(base);
    expect(none!.values.kendallTau).toEqual(plain.cells[0]!.values.kendallTau);
    expect(consensus!.values.kendallTau).not.toEqual(none!.values.kendallTau);
  });

  it('gives byte-identical trust sweeps for 1 or 2 workers and any sharding', async () => {
    const config = { ...base, datapoints: [8], trust: ['none', 'consensus', 'validation'] as const, validationRate: 0.2, seeds: 6 };
    const reference = await runConvergence(config);
    const json = JSON.stringify(reference);
    const threaded = await built.runConvergence({ ...config, workers: 2 });
    expect(JSON.stringify(threaded)).toBe(json);
    const shards: ConvergenceResults[] = [];
    for (let index = 0; index < 3; index++) shards.push(await runConvergence({ ...config, shard: { index, count: 3 } }));
    expect(JSON.stringify(mergeConvergenceResults(shards.reverse()))).toBe(json);
    expect(convergenceCsv(mergeConvergenceResults(shards))).toBe(convergenceCsv(reference));
  });

  it('writes the trust column and the response metrics to CSV, and trust words to the chart', async () => {
    const results = await runConvergence({ ...base, datapoints: [6], trust: ['none', 'validation'], validationRate: 0.1 });
    const lines = convergenceCsv(results).trimEnd().split('\n');
    const header = lines[0]!.split(',');
    expect(header.slice(8, 11)).toEqual(['scorer', 'trust', 'runs']);
    expect(header).toContain('ranking_responses_mean');
    expect(header).toContain('validation_responses_p97_5');
    expect(lines.slice(1).map((line) => line.split(',')[header.indexOf('trust')])).toEqual(['none', 'validation']);
    for (const line of lines.slice(1)) expect(line.split(',')).toHaveLength(header.length);
    const svg = convergenceChartSvg(results);
    expect(svg).toContain('unweighted');
    expect(svg).toContain('trust with validation 0.1');
    expect(convergenceChartSvg(results, { metric: 'validationResponses', facetBy: ['trust'] })).toContain('Responses to validation matchups');
  });

  it('costs less in Kendall tau to spammers with trust weighting', async () => {
    // The crowd of 10 (3 random clickers, 1 left-clicker) against 10 careful labelers on the
    // same truths: the spammers' cost unweighted and with trust from the consensus.
    const careful = { ...crowd, name: 'careful10', members: [{ share: 1, labeler: 'bt', name: 'careful' }] } as const;
    const results = await runConvergence({ ...base, datapoints: [20], perDatapoint: [8], labelers: [crowd, careful], trust: ['none', 'consensus'], seeds: 6 });
    const tau = (labeler: string, trust: string) => results.cells.find((cell) => cell.labeler === labeler && cell.trust === trust)!.metrics.kendallTau.mean!;
    const cost = tau('careful10', 'none') - tau('crowd10', 'none');
    const costWithTrust = tau('careful10', 'none') - tau('crowd10', 'consensus');
    // Recorded 2026-12-03: the spammers cost 0.146 in tau unweighted, 0.054 with trust weights.
    expect(cost).toBeGreaterThan(0.08);
    expect(costWithTrust).toBeLessThan(0.5 * cost);
  });

  it('pairwise-elo convergence takes --trust and --validation-rate, and lists the crowd presets', async () => {
    for (const preset of ['randomClicker', 'leftClicker', 'adversary', 'namedCrowd', '--trust', '--validation-rate']) expect(CONVERGENCE_HELP).toContain(preset);
    const out = mkdtempSync(join(tmpdir(), 'trust-cli-'));
    folders.push(out);
    const text = await runConvergenceCommand(['--datapoints', '6', '--per-datapoint', '2', '--labeler', 'namedCrowd', '--scorer', 'bt', '--responses', '2', '--trust', 'none,validation', '--validation-rate', '0.1', '--seeds', '2', '--workers', '1', '--out', out]);
    expect(text).toContain('validation');
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ConvergenceResults;
    expect(results.config.trust).toEqual(['none', 'validation']);
    expect(results.config.validationRate).toBe(0.1);
    expect(readFileSync(join(out, 'results.csv'), 'utf8').split('\n')[0]).toContain(',trust,');
  });

  it('refuses results whose cells do not match the trust dimension', async () => {
    const results = await runConvergence({ ...base, datapoints: [6], trust: ['consensus'] });
    const cell = results.cells[0]!;
    expectInputError(() => convergenceCsv({ ...results, cells: [{ ...cell, trust: 'validation' }] }), 'results.cells[0].trust');
    const plain = await runConvergence({ ...base, datapoints: [6] });
    expectInputError(() => convergenceCsv({ ...plain, cells: [{ ...plain.cells[0]!, trust: 'none' }] }), 'results.cells[0].trust');
  });
});
