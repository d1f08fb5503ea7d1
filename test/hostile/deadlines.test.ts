// Deadlines at the edges of the doubles: a clock reading so large (or a time limit so
// small) that now + matchupTtlMs rounds back to now. Before, nextMatchups issued such
// matchups with their deadline equal to their issue time: born expired, every answer at
// that `now` refused, the budget back only through expireMatchups. Now the call is
// refused at options.now with the allowed range, and changes nothing.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createRankingJob, replayRankingJob, type RankingJob } from '../../src/index.js';
import { HostileTally } from './changingValues.js';
import { definitionOf, expectInputError, ids, stateFingerprint } from '../helpers.js';

const tally = new HostileTally();
afterAll(() => {
  const { byClass, total } = tally.counts();
  console.log(`deadlines: ${total} distinct hostile inputs tried: ${JSON.stringify(byClass)}`);
});

function jobWithTtl(ttl: number): RankingJob {
  return createRankingJob(definitionOf({ datapoints: [ids(4)], comparisonBudgetPerRanking: 6, matchupTtlMs: ttl }), { seed: 'deadlines' });
}

// Expects nextMatchups at `now` to be refused at options.now, changing nothing.
function expectRefused(ttl: number, now: number): string {
  tally.note('now + ttl rounds to now', `ttl ${ttl}, now ${now}`);
  const job = jobWithTtl(ttl);
  const before = stateFingerprint(job);
  const events = JSON.stringify(job.events());
  const error = expectInputError(() => job.nextMatchups(2, { now }), 'options.now');
  expect(stateFingerprint(job)).toBe(before);
  expect(JSON.stringify(job.events())).toBe(events);
  return error.message;
}

describe('a matchup is never born expired', () => {
  it('refuses a now at which now + matchupTtlMs rounds back to now, naming the allowed range (regression: issued with deadline = now)', () => {
    const message = expectRefused(0.1, 2 ** 52);
    expect(message).toContain('matchupTtlMs');
    expect(message).toContain('rounds back to now');
    // The range: |now| below matchupTtlMs × 2^52, with the number filled in.
    expect(message).toContain(`${0.1 * 2 ** 52}`);
    // A time limit below the spacing of ordinary clock readings, and negative clocks.
    expectRefused(1e-9, Date.UTC(2026, 0, 1));
    expectRefused(5e-324, 1);
    expectRefused(0.5, -(2 ** 53));
    expectRefused(1, 2 ** 60);
    expectRefused(1e-300, 1e-10);
  });

  it('issues matchups that can be answered at the time they were issued, up to the bound', () => {
    for (const [ttl, now] of [
      [0.1, 0.1 * 2 ** 52 * (1 - 2 ** -52)],
      [5e-324, 0],
      [1e-9, 1e6],
      [1, -(2 ** 52) + 1],
      [1000, Date.UTC(2026, 0, 1)],
    ] as const) {
      tally.note('now + ttl just representable', `ttl ${ttl}, now ${now}`);
      const job = jobWithTtl(ttl);
      const [matchup] = job.nextMatchups(1, { now });
      expect(job.expireMatchups(now)).toEqual([]);
      expect(job.recordResponse(matchup!.id, 'left', { now })).toBe(true);
    }
  });

  it('holds for any finite now and time limit: refused at options.now, or answerable at now and not yet expired', () => {
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
    const positive = fc.double({ min: Number.MIN_VALUE, max: 1e300, noNaN: true });
    fc.assert(
      fc.property(positive, finite, (ttl, now) => {
        const job = jobWithTtl(ttl);
        let issued;
        try {
          issued = job.nextMatchups(1, { now });
        } catch (error) {
          expectInputError(() => {
            throw error;
          }, 'options.now');
          expect(now + ttl > now && Number.isFinite(now + ttl)).toBe(false);
          return;
        }
        expect(job.expireMatchups(now)).toEqual([]);
        expect(job.recordResponse(issued[0]!.id, 'draw', { now })).toBe(true);
      }),
      { numRuns: 300 },
    );
    tally.note('now + ttl rounds to now', 'fast-check: 300 pairs of any finite now and ttl');
  });

  it('replay refuses a log that issued matchups at such a now, naming the event', () => {
    tally.note('now + ttl rounds to now', 'a replayed matchupsIssued event at now 2^52, ttl 0.1');
    // The log of a job that issued at now 0, its clock reading moved to 2^52 (the matchups
    // issued do not depend on the clock, so an older version wrote exactly this).
    const job = jobWithTtl(0.1);
    job.nextMatchups(1, { now: 0 });
    const events = job.events().map((event) => ({ ...event, now: 2 ** 52 }));
    expect(expectInputError(() => replayRankingJob(job.definition, events, { seed: 'deadlines' }), 'events[0].now').message).toContain('rounds back to now');
  });
});
