// Hostile review of the 0.3.0 additions (job.trimEvents, the CLI's closed pipe, --shard
// auto, the position effect's identifiability, Arena winner words, flows scored by
// Bradley–Terry with one event per call): one test per defect found, each failing on the
// code before its fix.
import { describe, expect, it } from 'vitest';
import { createRankingFlow, fitBradleyTerry, restoreRankingFlow, type RankingFlowSnapshot } from '../../src/index.js';
import { hashJsonValue } from '../../src/persistence/checksum.js';
import { expectInputError } from '../helpers.js';

// A flow snapshot edited as JSON and resealed, as test/flow/bradleyTerry.test.ts does.
function edited(snapshot: RankingFlowSnapshot, edit: (copy: Record<string, any>) => void): RankingFlowSnapshot {
  const copy = JSON.parse(JSON.stringify(snapshot));
  edit(copy);
  const { checksum: _checksum, format, version, ...body } = copy;
  return { format, version, checksum: hashJsonValue(body), ...body } as unknown as RankingFlowSnapshot;
}

describe('restoring a Bradley–Terry flow: a closed batch fit no fit could give', () => {
  // One closed batch of three: a beat b, c beat a (scores 1200, 616.4, 1783.6; standard
  // errors 432.8, 634.2, 634.2). Before the fix, restore checked only that the fit's
  // numbers were finite (errors > 0), so a standard error of 1e308 came back as an
  // interval of −Infinity to Infinity, and a score of 1e300 as the batch's winner.
  function closedBatch(): RankingFlowSnapshot {
    const flow = createRankingFlow({ name: 'n', instruction: 'i', maxResponses: 2, minResponses: 1, scorer: 'bradleyTerry' }, { seed: 1 });
    flow.addBatch(['a', 'b', 'c'], { now: 0 });
    for (const matchup of flow.nextMatchups(2, { now: 0 })) flow.recordResponse(matchup.id, 'left', { now: 0 });
    return flow.snapshot();
  }

  it('refuses a standard error above the prior bound (the interval would be infinite)', () => {
    const snapshot = closedBatch();
    expect(restoreRankingFlow(snapshot).batchResults('b1').entries.every((entry) => Number.isFinite(entry.lower) && Number.isFinite(entry.upper))).toBe(true);
    expectInputError(() => restoreRankingFlow(edited(snapshot, (copy) => (copy.batches.closed.standardErrors[0] = 1e308))), 'snapshot.batches.closed.standardErrors[0]');
    // Just above the bound (scale / ln 10 / √0.01 = 1737.2 points) too.
    expectInputError(() => restoreRankingFlow(edited(snapshot, (copy) => (copy.batches.closed.standardErrors[1] = 1738))), 'snapshot.batches.closed.standardErrors[1]');
  });

  it('refuses a score farther from the initial rating than the batch responses allow', () => {
    const snapshot = closedBatch();
    expectInputError(() => restoreRankingFlow(edited(snapshot, (copy) => (copy.batches.closed.scores[2] = 1e300))), 'snapshot.batches.closed.scores[2]');
    expectInputError(() => restoreRankingFlow(edited(snapshot, (copy) => (copy.batches.closed.scores[1] = -1.7e308))), 'snapshot.batches.closed.scores[1]');
  });

  it('still restores every fit a flow writes, the extreme ones included', () => {
    // A batch of 1 000 with one response: 998 datapoints held at the centre by the prior
    // alone, standard errors at 99.95% of the bound; and an expired batch with no answer.
    const flow = createRankingFlow({ name: 'n', instruction: 'i', maxResponses: 1, minResponses: 1, scorer: 'bradleyTerry', elo: { scale: 1, initialRating: 1e6, kFactor: 0.1 } }, { seed: 2 });
    flow.addBatch(Array.from({ length: 1000 }, (_, i) => `d${i}`), { now: 0 });
    flow.addBatch(['x', 'y'], { now: 0, ttlMs: 5 });
    const [matchup] = flow.nextMatchups(1, { now: 1 });
    flow.recordResponse(matchup!.id, 'draw', { now: 1 });
    flow.expire(10);
    const snapshot = flow.snapshot();
    expect(snapshot.batches.closed.sizes).toEqual([1000, 2]);
    expect(restoreRankingFlow(JSON.parse(JSON.stringify(snapshot))).snapshot()).toEqual(snapshot);
  });
});

describe('fitBradleyTerry reads each option once', () => {
  // A getter on every option that counts its reads: the checks and the fit must see one
  // read each (the options were read once to check and again to use before).
  it('runs each option getter exactly once', () => {
    const reads: Record<string, number> = {};
    const values: Record<string, unknown> = { prior: 0.5, positionEffect: false, scale: 400, center: 1500, maxIterations: 50, tolerance: 1e-9, covariance: false, standardErrors: 'exact' };
    const options = {};
    for (const [key, value] of Object.entries(values)) {
      Object.defineProperty(options, key, {
        enumerable: true,
        get: () => {
          reads[key] = (reads[key] ?? 0) + 1;
          return value;
        },
      });
    }
    const fit = fitBradleyTerry([{ left: 'a', right: 'b', outcome: 'left' }, { left: 'b', right: 'c', outcome: 'left' }], options);
    expect(fit.center).toBe(1500);
    expect(reads).toEqual(Object.fromEntries(Object.keys(values).map((key) => [key, 1])));
  });
});

describe('Bradley–Terry standard errors under extreme weight ratios', () => {
  // Two games between a and b, one weighted W, one 1, prior λ = 0.01. At the fitted
  // difference d (nats) the information on d is w = (W + 1)·σ(d)·σ(−d), and the centred
  // variance of θ_a is 1 / (2·(2w + λ)) (hand calculation: the 2 × 2 information
  // [[w + λ, −w], [−w, w + λ]] on the mean-zero direction). Before, from W = 2^50 on, the
  // dense covariance added 1/n to information entries near 1e-15 and rounded them away:
  // standard errors 51.8 and 25.9 points where 80.0 and 79.8 are right.
  it.each([20, 40, 45, 50, 52, 53])('match the closed form at W = 2^%i', (power) => {
    const W = 2 ** power;
    const fit = fitBradleyTerry(
      [
        { left: 'a', right: 'b', outcome: 'left', weight: W },
        { left: 'b', right: 'a', outcome: 'left', weight: 1 },
      ],
      { prior: 0.01 },
    );
    const points = 400 / Math.LN10;
    const d = (fit.entries[0]!.score - fit.entries[1]!.score) / points;
    const q = 1 / (1 + Math.exp(d));
    const w = (W + 1) * q * (1 - q);
    const expected = points * Math.sqrt(1 / (2 * (2 * w + 0.01)));
    expect(fit.converged).toBe(true);
    for (const entry of fit.entries) expect(Math.abs(entry.standardError / expected - 1)).toBeLessThan(1e-6);
  });
});
