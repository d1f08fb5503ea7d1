// Hostile review of the job engine's validation matchups, contexts and adaptive responses:
// regressions for the defects found (each failed before its fix).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRankingJob, replayRankingJob, restoreRankingJob, type LabelerTrustOptions, type RankingJob, type RankingJobSnapshot } from '../../src/index.js';
import { definitionOf, expectInputError, ids, stateFingerprint } from '../helpers.js';

const GOLD = [
  { left: '__proto__', right: 'gold-b', answer: 'left' as const },
  { left: 'gold-c', right: 'constructor', answer: 'right' as const },
];

// A job whose validation matchups have completed with labelers' answers.
function jobWithValidationAnswers(): RankingJob {
  const job = createRankingJob(definitionOf({ datapoints: [ids(6)], comparisonBudgetPerRanking: 30, validation: { matchups: GOLD, rate: 0.5 } }), { seed: 7 });
  for (const matchup of job.nextMatchups(12)) job.recordResponse(matchup.id, 'left', { labelerId: '__proto__' });
  expect(job.progress().validation!.completed).toBeGreaterThan(0);
  return job;
}

describe('labelers() with the caller\'s validation answers and the job\'s own', () => {
  it('names the caller\'s own index when one of its answers is bad', () => {
    const job = jobWithValidationAnswers();
    const bad = [{ labelerId: 'x', answer: 'left', outcome: 'left' }, { labelerId: 'x', answer: 'up', outcome: 'left' }];
    expectInputError(() => job.labelers({ validation: bad } as unknown as LabelerTrustOptions), 'options.validation[1].answer');
    expectInputError(() => job.labelers({ validation: [null] } as unknown as LabelerTrustOptions), 'options.validation[0]');
  });

  it('reads the list by index, never through its own iterator, and refuses a hole where it is', () => {
    const job = jobWithValidationAnswers();
    const iterated = [{ labelerId: 'x', answer: 'left', outcome: 'left' }];
    Object.defineProperty(iterated, Symbol.iterator, {
      value: () => {
        throw new Error('the caller\'s iterator ran');
      },
    });
    const report = job.labelers({ validation: iterated } as unknown as LabelerTrustOptions);
    expect(report.labelers.find((labeler) => labeler.labelerId === 'x')!.validation.right).toBe(1);
    // Before: spread into a new list, every hole filled in first (2^24 took a second;
    // 2^32 − 1 aborted the process with a fatal V8 error).
    const sparse = new Array(2 ** 32 - 1);
    expectInputError(() => job.labelers({ validation: sparse } as unknown as LabelerTrustOptions), 'options.validation[0]');
    const holeLater = [{ labelerId: 'x', answer: 'left', outcome: 'left' }];
    holeLater.length = 2 ** 30;
    expectInputError(() => job.labelers({ validation: holeLater } as unknown as LabelerTrustOptions), 'options.validation[1]');
  });

  it('still counts the job\'s own answers beside the caller\'s', () => {
    const job = jobWithValidationAnswers();
    const own = job.labelers().labelers.find((labeler) => labeler.labelerId === '__proto__')!.validation;
    const given = [{ labelerId: '__proto__', answer: 'right' as const, outcome: 'right' as const }];
    const both = job.labelers({ validation: given }).labelers.find((labeler) => labeler.labelerId === '__proto__')!.validation;
    expect(both.right + both.wrong).toBe(own.right + own.wrong + 1);
    expect(both.right).toBe(own.right + 1);
  });
});

const MIXED_GOLD = [
  { left: '__proto__', right: 'd1', answer: 'left' as const },
  { left: 'g2', right: 'constructor', answer: 'draw' as const },
  { left: 'd0', right: 'd1', answer: 'right' as const, context: { text: 'gold ctx', assets: ['__proto__'] } },
];

// Random calls from a list of numbers: issue, release, expire, add a datapoint, or answer
// (three labelers, '__proto__' among them; an answer after the deadline is skipped).
function drive(job: RankingJob, ops: readonly number[], clock: { now: number }): void {
  for (const op of ops) {
    const kind = op % 6;
    const pending = job.pendingMatchups();
    clock.now += 7;
    if (kind === 0 || pending.length === 0) job.nextMatchups(1 + (op % 5), { now: clock.now });
    else {
      const m = pending[op % pending.length]!;
      if (kind === 1) job.releaseMatchup(m.id);
      else if (kind === 2) job.expireMatchups(clock.now + (op % 40));
      else if (kind === 5 && op % 17 === 0) job.addDatapoints(op % 2, [`x${clock.now}`], { extraBudget: 2 });
      else {
        try {
          job.recordResponse(m.id, (['left', 'right', 'draw'] as const)[op % 3]!, { labelerId: ['a', '__proto__', 'b'][op % 3]!, responseId: `r${op}`, now: clock.now });
        } catch (error) {
          if (!(error as Error).message.includes('expired')) throw error;
        }
      }
    }
  }
}

describe('validation, adaptive responses, contexts and a time limit together (held before the review)', () => {
  it('agree live, restored and replayed, with every count and context where it belongs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(1000), { maxLength: 80 }),
        fc.array(fc.nat(1000), { maxLength: 40 }),
        fc.constantFrom<number | { maxResponses: number; minConfidence: number }>(2, { maxResponses: 4, minConfidence: 0.8 }, 1),
        fc.constantFrom('majority' as const, 'allVotes' as const),
        (ops, more, responsesPerComparison, voteAggregation) => {
          const definition = definitionOf({
            datapoints: [ids(5), ids(20, 'e')], comparisonBudgetPerRanking: 25, responsesPerComparison, voteAggregation, matchupTtlMs: 30,
            validation: { matchups: MIXED_GOLD, rate: 0.3 }, contexts: [{ text: 'ctx0' }, null],
          });
          const job = createRankingJob(definition, { seed: 5 });
          const clock = { now: 0 };
          drive(job, ops, clock);
          const restored = restoreRankingJob(JSON.parse(JSON.stringify(job.snapshot())) as RankingJobSnapshot);
          const replayed = replayRankingJob(definition, job.events(), { seed: 5 });
          expect(stateFingerprint(restored)).toBe(stateFingerprint(job));
          expect(stateFingerprint(replayed)).toBe(stateFingerprint(job));
          for (const copy of [job, restored, replayed]) drive(copy, more, { ...clock });
          expect(stateFingerprint(restored)).toBe(stateFingerprint(job));
          expect(stateFingerprint(replayed)).toBe(stateFingerprint(job));
          expect(JSON.stringify(restored.labelers())).toBe(JSON.stringify(job.labelers()));
          expect(JSON.stringify(restored.results())).toBe(JSON.stringify(job.results()));
          expect(JSON.stringify(restored.comparisons())).toBe(JSON.stringify(job.comparisons()));
          const pr = job.progress();
          const pv = job.pendingMatchups().filter((m) => m.kind === 'validation');
          expect(pr.validation!.pending).toBe(pv.length);
          expect(pv.every((m) => m.ranking === null)).toBe(true);
          expect(pr.pending).toBe(job.pendingMatchups().length - pv.length);
          for (const r of pr.perRanking) expect(r.pending + r.completed).toBeLessThanOrEqual(r.budget);
          for (const m of job.pendingMatchups()) {
            if (m.ranking === 0) expect(m.context).toEqual({ text: 'ctx0' });
            else if (m.ranking === 1) expect('context' in m).toBe(false);
          }
          const statuses = job.snapshot().matchups.statuses;
          const completedAll = [...statuses].filter((c) => c === 'c').length;
          expect(completedAll).toBe(pr.completed + pr.validation!.completed);
          const rr = restoreRankingJob(replayed.snapshot());
          expect(stateFingerprint(rr)).toBe(stateFingerprint(job));
        },
      ),
      { numRuns: 100 },
    );
  });
});
