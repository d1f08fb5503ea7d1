// The type of job.results: asked for with `intervals: true` (by a scorer that has
// intervals), every entry's interval fields are numbers, not `number | undefined`.
// The expectTypeOf lines are checked by `tsc --noEmit -p .` (the typecheck step), the
// expect lines at run time: together they hold the type to what the call returns.
// Before, the type left lower, upper, bestRank, worstRank and standardError optional
// whatever was asked, so callers needed `!` or a check the library had already made.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createRankingJob, type RankingResult, type RankingResultEntry } from '../../src/index.js';
import { definitionOf, ids, runToCompletion } from '../helpers.js';

const INTERVAL_FIELDS = ['standardError', 'lower', 'upper', 'bestRank', 'worstRank'] as const;

describe('job.results types', () => {
  const job = createRankingJob(definitionOf({ datapoints: [ids(4)], comparisonBudgetPerRanking: 8 }), { seed: 'types' });
  runToCompletion(job, (left, right) => (left < right ? 'left' : 'right'));

  it('with intervals: true, the interval fields are numbers in the type and at run time', () => {
    for (const results of [
      job.results({ intervals: true }),
      job.results({ intervals: true, confidence: 0.9 }),
      job.results({ scorer: 'posterior', intervals: true }),
      job.results({ scorer: 'bradleyTerry', intervals: true }),
      job.results({ scorer: 'bt', intervals: true, prior: 0.1 }),
    ]) {
      const entry = results[0]!.entries[0]!;
      expectTypeOf(entry.lower).toEqualTypeOf<number>();
      expectTypeOf(entry.upper).toEqualTypeOf<number>();
      expectTypeOf(entry.bestRank).toEqualTypeOf<number>();
      expectTypeOf(entry.worstRank).toEqualTypeOf<number>();
      expectTypeOf(entry.standardError).toEqualTypeOf<number>();
      // Still a RankingResultEntry (and a RankingResult) wherever one is expected.
      expectTypeOf(entry).toExtend<RankingResultEntry>();
      expectTypeOf(results[0]!).toExtend<RankingResult>();
      for (const result of results) {
        for (const each of result.entries) for (const field of INTERVAL_FIELDS) expect(typeof each[field]).toBe('number');
      }
    }
  });

  it('without intervals, or with a value only known at run time, they stay optional', () => {
    expectTypeOf(job.results()[0]!.entries[0]!.lower).toEqualTypeOf<number | undefined>();
    expectTypeOf(job.results({ intervals: false })[0]!.entries[0]!.lower).toEqualTypeOf<number | undefined>();
    expectTypeOf(job.results({ scorer: 'elo' })[0]!.entries[0]!.standardError).toEqualTypeOf<number | undefined>();
    const asked: boolean = Math.max(0, 1) > 0;
    expectTypeOf(job.results({ intervals: asked })[0]!.entries[0]!.upper).toEqualTypeOf<number | undefined>();
    expect(job.results()[0]!.entries[0]!.lower).toBeUndefined();
  });
});
