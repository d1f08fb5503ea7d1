// The flow simulator: arrivals and answers as Poisson processes against the real flow.
import { describe, expect, it } from 'vitest';
import { simulateFlow, type RankingFlowInput, type SimulateFlowOptions } from '../../src/index.js';
import { expectInputError } from '../helpers.js';

const config: RankingFlowInput = { name: 'sim', instruction: 'Which?', maxResponses: 20, minResponses: 10 };
const options: SimulateFlowOptions = { seed: 1, durationMs: 600_000, batchIntervalMs: 10_000, responseIntervalMs: 400, ttlMs: 120_000 };

describe('simulateFlow', () => {
  it('accounts for every batch, and is reproducible', () => {
    const report = simulateFlow(config, options);
    expect(report.completed + report.incomplete + report.expired + report.pending).toBe(report.batches);
    expect(report.batches).toBeGreaterThan(40);
    expect(report.pending).toBe(0);
    expect(report.responses).toBeLessThanOrEqual(20 * report.batches);
    expect(simulateFlow(config, options)).toEqual(report);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('completes more batches when labelers answer faster, and completed orders beat chance', () => {
    const slow = simulateFlow(config, { ...options, responseIntervalMs: 1500 });
    const fast = simulateFlow(config, { ...options, responseIntervalMs: 150 });
    expect(fast.completed).toBeGreaterThan(slow.completed);
    expect(slow.incomplete + slow.expired).toBeGreaterThan(fast.incomplete + fast.expired);
    expect(fast.completionMs!.median).toBeLessThan(options.ttlMs!);
    expect(fast.kendallTau.completed!).toBeGreaterThan(0.3);
    // With more answers than work, labelers sit idle.
    expect(fast.idleAnswers).toBeGreaterThan(0);
  });

  it('passes the names of a named crowd on as labeler ids', () => {
    const report = simulateFlow(config, { ...options, durationMs: 100_000, labeler: 'namedCrowd' });
    expect(report.responses).toBeGreaterThan(0);
  });

  it('leaves batches pending without a time limit', () => {
    const report = simulateFlow(config, { ...options, ttlMs: null, responseIntervalMs: 5000 });
    expect(report.pending).toBeGreaterThan(0);
    expect(report.incomplete + report.expired).toBe(0);
  });

  it('runs a flow scored by Bradley–Terry on the same arrivals, matchups and answers as Elo', () => {
    const elo = simulateFlow(config, options);
    const bt = simulateFlow({ ...config, scorer: 'bradleyTerry' }, options);
    const { kendallTau: eloTau, ...eloRest } = elo;
    const { kendallTau: btTau, ...btRest } = bt;
    expect(btRest).toEqual(eloRest);
    expect(btTau.completed!).toBeGreaterThan(0.3);
    expect(btTau).not.toEqual(eloTau);
  });

  it('refuses bad options naming them', () => {
    expectInputError(() => simulateFlow(config, { ...options, durationMs: 0 }), 'options.durationMs');
    expectInputError(() => simulateFlow(config, { ...options, batchIntervalMs: Number.NaN }), 'options.batchIntervalMs');
    expectInputError(() => simulateFlow(config, { ...options, responseIntervalMs: 1e-9 }), 'options.responseIntervalMs');
    expectInputError(() => simulateFlow(config, { ...options, minBatchSize: 1 }), 'options.minBatchSize');
    expectInputError(() => simulateFlow(config, { ...options, minBatchSize: 8, maxBatchSize: 4 }), 'options.maxBatchSize');
    expectInputError(() => simulateFlow(config, { ...options, labeler: 'nobody' as never }), 'options.labeler');
    expectInputError(() => simulateFlow(config, { ...options, arrivals: 3 } as never), 'options.arrivals');
    expectInputError(() => simulateFlow({ ...config, maxResponses: 0 }, options), 'maxResponses');
  });
});
