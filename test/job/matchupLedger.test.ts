import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRankingJob } from '../../src/index.js';
import { MatchupLedger, matchupIdOf } from '../../src/job/matchupLedger.js';
import { definitionOf, ids } from '../helpers.js';

const DAY_MS = 24 * 60 * 60 * 1000;

// The ledger inside a job (internal, for structural checks).
function ledgerOf(job: unknown): MatchupLedger {
  return (job as { ledger: MatchupLedger }).ledger;
}

// Matchup records the ledger still holds: its slots in use. A completed, released or
// expired matchup gives its slot back (the deadline heap is checked in the test above).
function matchupRecordsHeld(ledger: MatchupLedger): number {
  return ledger.pendingCount;
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
            ledger.open(0, 0, 1, 0, -1, 0, step.deadline);
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
            const slot = ledger.slotOf(matchupIdOf(sequence));
            if (step.op === 'complete') ledger.complete(slot);
            else ledger.release(slot);
            pending.delete(sequence);
          }
          const withDeadline = [...pending.values()].filter((deadline) => deadline !== null).length;
          expect(ledger.deadlineEntries).toBeGreaterThanOrEqual(withDeadline);
          expect(ledger.deadlineEntries).toBeLessThanOrEqual(2 * withDeadline + 1);
        }
      }),
    );
  });

  it('lets go of completed and released matchups under a long time limit (regression: they stayed until their deadline)', () => {
    // Before, each completed matchup kept its heap entry (and its pending record, about
    // 300 bytes) for the whole limit. Two rankings, every fifth matchup released, the
    // records held checked along the way, for a 30-day limit and one of 1e15 ms.
    for (const ttl of [30 * DAY_MS, 1e15]) {
      const job = createRankingJob(definitionOf({ datapoints: [ids(30), ids(2, 'e')], comparisonBudgetPerRanking: 3000, matchupTtlMs: ttl }), { seed: 'long' });
      let now = 0;
      let most = 0;
      while (!job.done) {
        now += 1;
        const issued = job.nextMatchups(16, { now });
        issued.forEach((matchup, k) => {
          if (k % 5 === 4) job.releaseMatchup(matchup.id);
          else job.recordResponse(matchup.id, 'right', { now });
        });
        if (now % 20 === 0) most = Math.max(most, matchupRecordsHeld(ledgerOf(job)));
      }
      expect(job.progress().completed).toBe(6000);
      // Nothing pending between calls, so no matchup record is held.
      expect(most).toBe(0);
      expect(matchupRecordsHeld(ledgerOf(job))).toBe(0);
      expect(job.expireMatchups(now + ttl)).toEqual([]);
    }
    // The pending ones stay, and expire as before.
    const more = createRankingJob(definitionOf({ datapoints: [ids(50)], comparisonBudgetPerRanking: 1000, matchupTtlMs: 30 * DAY_MS }), { seed: 'ttl' });
    const issued = more.nextMatchups(1000, { now: 0 });
    for (const matchup of issued.slice(0, 990)) more.releaseMatchup(matchup.id);
    expect(matchupRecordsHeld(ledgerOf(more))).toBe(10);
    expect(more.expireMatchups(30 * DAY_MS)).toEqual(issued.slice(990).map((matchup) => matchup.id));
    expect(matchupRecordsHeld(ledgerOf(more))).toBe(0);
  });
});

describe('pending slots', () => {
  it('keep each pending matchup its own votes, response ids, pair, round and deadline while slots are reused', () => {
    // Slots freed by completed, released and expired matchups are taken by new ones; a
    // model of the pending matchups checks that nothing of an earlier occupant leaks.
    const operation = fc.oneof(
      fc.record({ op: fc.constant('open' as const), deadline: fc.option(fc.integer({ min: 0, max: 30 })), pair: fc.integer({ min: -1, max: 2 ** 40 }), round: fc.nat(5) }),
      fc.record({ op: fc.constant('vote' as const), who: fc.nat(), outcome: fc.integer({ min: 0, max: 2 }), responseId: fc.option(fc.constantFrom('a', 'b', 'c')) }),
      fc.record({ op: fc.constantFrom('complete' as const, 'release' as const), who: fc.nat() }),
      fc.record({ op: fc.constant('expire' as const), now: fc.integer({ min: 0, max: 30 }) }),
    );
    type Model = { deadline: number | null; pair: number; round: number; votes: number[]; responseIds: Set<string> };
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 200 }), (operations) => {
        const ledger = new MatchupLedger();
        const model = new Map<number, Model>();
        const completedIds = new Map<number, Set<string>>();
        const pick = (who: number) => [...model.keys()][who % model.size]!;
        for (const step of operations) {
          if (step.op === 'open') {
            ledger.open(0, 0, 1, 0, step.pair, step.round, step.deadline);
            model.set(ledger.issued, { deadline: step.deadline, pair: step.pair, round: step.round, votes: [0, 0, 0], responseIds: new Set() });
          } else if (step.op === 'expire') {
            for (const matchup of ledger.expire(step.now)) model.delete(matchup.sequence);
          } else if (model.size > 0) {
            const sequence = pick(step.who);
            const slot = ledger.slotOf(matchupIdOf(sequence));
            expect(ledger.sequenceAt(slot)).toBe(sequence);
            if (step.op === 'vote') {
              const expected = model.get(sequence)!;
              if (step.responseId !== null) {
                expect(ledger.hasResponse(slot, step.responseId)).toBe(expected.responseIds.has(step.responseId));
                ledger.addResponse(slot, step.responseId);
                expected.responseIds.add(step.responseId);
              }
              expected.votes[step.outcome]!++;
              expect(ledger.addVote(slot, step.outcome)).toBe(expected.votes[0]! + expected.votes[1]! + expected.votes[2]!);
            } else {
              if (step.op === 'complete') {
                ledger.complete(slot);
                completedIds.set(sequence, model.get(sequence)!.responseIds);
              } else ledger.release(slot);
              model.delete(sequence);
              expect(ledger.slotOf(matchupIdOf(sequence))).toBe(-1);
            }
          }
          expect(ledger.pendingCount).toBe(model.size);
          expect(ledger.pendingInOrder()).toEqual(
            [...model].sort((a, b) => a[0] - b[0]).map(([sequence, expected]) => ({
              id: matchupIdOf(sequence),
              sequence,
              ranking: 0,
              left: 0,
              right: 1,
              kind: 'random',
              pair: expected.pair,
              round: expected.round,
              deadline: expected.deadline,
              leftVotes: expected.votes[0],
              rightVotes: expected.votes[1],
              drawVotes: expected.votes[2],
              responseIds: expected.responseIds.size === 0 ? null : expected.responseIds,
            })),
          );
        }
        for (const [sequence, responseIds] of completedIds) {
          for (const responseId of ['a', 'b', 'c']) expect(ledger.completedWithResponse(matchupIdOf(sequence), responseId)).toBe(responseIds.has(responseId));
        }
      }),
    );
  });

  it('names matchups m1, m2, … (ids built from cached parts match the plain conversion)', () => {
    for (const sequence of [1, 9, 10, 99, 100, 999, 1000, 1001, 1010, 9999, 10_000, 123_456, 999_999, 1_000_000, 2 ** 31, 2 ** 53 - 1]) {
      expect(matchupIdOf(sequence)).toBe(`m${sequence}`);
    }
    for (let sequence = 1; sequence < 30_000; sequence += 7) expect(matchupIdOf(sequence)).toBe(`m${sequence}`);
  });
});
