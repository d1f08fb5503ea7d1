import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BudgetQueue } from '../../src/budget/budgetQueue.js';

describe('BudgetQueue', () => {
  it('always names the ranking with the smallest share of budget taken (lowest index on ties)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.record({ take: fc.boolean(), who: fc.nat() }), { maxLength: 300 }),
        (budgets, steps) => {
          const rankings = budgets.map((budget) => ({ budget, pending: 0, completed: 0, settled: false }));
          const queue = new BudgetQueue(rankings);
          const expected = () => {
            let best = -1;
            for (const [r, ranking] of rankings.entries()) {
              if (ranking.pending >= ranking.budget) continue;
              if (best === -1 || ranking.pending / ranking.budget < rankings[best]!.pending / rankings[best]!.budget) best = r;
            }
            return best;
          };
          for (const { take, who } of steps) {
            if (take) {
              const r = queue.peek();
              expect(r).toBe(expected());
              if (r === -1) continue;
              rankings[r]!.pending++;
              queue.reposition(r);
            } else {
              const r = who % rankings.length;
              if (rankings[r]!.pending === 0) continue;
              rankings[r]!.pending--;
              queue.reposition(r);
            }
            expect(queue.peek()).toBe(expected());
          }
        },
      ),
    );
  });
});
