import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRankingJob } from '../../src/index.js';
import { MatchupLedger, matchupIdOf, type PendingMatchup } from '../../src/job/matchupLedger.js';
import { definitionOf, ids } from '../helpers.js';

const DAY_MS = 24 * 60 * 60 * 1000;

function matchupOf(sequence: number, deadline: number | null): PendingMatchup {
  return {
    id: matchupIdOf(sequence),
    sequence,
    ranking: 0,
    left: 0,
    right: 1,
    kind: 'random',
    pair: -1,
    round: 0,
    deadline,
    leftVotes: 0,
    rightVotes: 0,
    drawVotes: 0,
    responseIds: null,
  };
}

// The ledger inside a job (internal, for structural checks).
function ledgerOf(job: unknown): MatchupLedger {
  return (job as { ledger: MatchupLedger }).ledger;
}

// Matchup records (objects with a deadline) the ledger still reaches: the pending ones,
// and whatever else keeps completed or released matchups alive.
function matchupRecordsHeld(ledger: MatchupLedger): number {
  const seen = new Set<object>();
  const stack: object[] = [ledger];
  let records = 0;
  while (stack.length > 0) {
    const object = stack.pop()!;
    if (seen.has(object) || ArrayBuffer.isView(object) || object instanceof Map || object instanceof Set) continue;
    seen.add(object);
    if (Object.hasOwn(object, 'deadline') && Object.hasOwn(object, 'sequence')) records++;
    for (const key of Reflect.ownKeys(object)) {
      const value = (object as Record<PropertyKey, unknown>)[key];
      if (typeof value === 'object' && value !== null) stack.push(value);
    }
  }
  return records;
}

describe('the deadline heap', () => {
  it('expires exactly the pending matchups due, in (deadline, sequence) order, and holds at most twice the pending ones', () => {
    const operation = fc.oneof(
      fc.record({ op: fc.constant('open' as const), deadline: fc.option(fc.integer({ min: 0, max: 40 }), { freq: 4 }) }),
      fc.record({ op: fc.constantFrom('complete' as const, 'release' as const), who: fc.nat() }),
      fc.record({ op: fc.constant('expire' as const), now: fc.integer({ min: 0, max: 45 }) }),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 300 }), (operations) => {
        const ledger = new MatchupLedger();
        // The model: pending matchups by sequence, with their deadlines.
        const pending = new Map<number, number | null>();
        for (const step of operations) {
          if (step.op === 'open') {
            const sequence = ledger.issued + 1;
            ledger.open(matchupOf(sequence, step.deadline));
            pending.set(sequence, step.deadline);
          } else if (step.op === 'expire') {
            const due = [...pending]
              .filter(([, deadline]) => deadline !== null && deadline <= step.now)
              .sort((a, b) => a[1]! - b[1]! || a[0] - b[0])
              .map(([sequence]) => sequence);
            expect(ledger.expire(step.now).map((matchup) => matchup.sequence)).toEqual(due);
            for (const sequence of due) pending.delete(sequence);
          } else if (pending.size > 0) {
            const sequence = [...pending.keys()][step.who % pending.size]!;
            const matchup = ledger.find(matchupIdOf(sequence))!;
            if (step.op === 'complete') ledger.complete(matchup);
            else ledger.release(matchup);
            pending.delete(sequence);
          }
          const withDeadline = [...pending.values()].filter((deadline) => deadline !== null).length;
          expect(ledger.deadlineEntries).toBeGreaterThanOrEqual(withDeadline);
          expect(ledger.deadlineEntries).toBeLessThanOrEqual(2 * withDeadline + 1);
        }
      }),
    );
  });

  it('lets go of completed matchups under a long time limit (regression: they stayed until their deadline)', () => {
    // Before, each of these 4 000 completed matchups kept its heap entry (and its pending
    // record, about 300 bytes) for the 30 days of its limit.
    const job = createRankingJob(definitionOf({ datapoints: [ids(50)], comparisonBudgetPerRanking: 4000, matchupTtlMs: 30 * DAY_MS }), { seed: 'ttl' });
    let now = 0;
    while (!job.done) {
      now += 1000;
      for (const matchup of job.nextMatchups(8, { now })) job.recordResponse(matchup.id, 'left', { now });
    }
    expect(job.progress().completed).toBe(4000);
    expect(matchupRecordsHeld(ledgerOf(job))).toBe(0);
    // Released ones too; the pending ones stay, and expire as before.
    const more = createRankingJob(definitionOf({ datapoints: [ids(50)], comparisonBudgetPerRanking: 1000, matchupTtlMs: 30 * DAY_MS }), { seed: 'ttl' });
    const issued = more.nextMatchups(1000, { now: 0 });
    for (const matchup of issued.slice(0, 990)) more.releaseMatchup(matchup.id);
    expect(matchupRecordsHeld(ledgerOf(more))).toBe(10);
    expect(more.expireMatchups(30 * DAY_MS)).toEqual(issued.slice(990).map((matchup) => matchup.id));
    expect(matchupRecordsHeld(ledgerOf(more))).toBe(0);
  });
});
