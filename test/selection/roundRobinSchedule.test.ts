import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RoundRobinSchedule, pairHigh, pairLow } from '../../src/selection/roundRobinSchedule.js';

describe('round-robin pair numbers', () => {
  it('map 0 … n(n−1)/2 − 1 one-to-one onto the pairs i < j', () => {
    const n = 30;
    const seen = new Set<string>();
    for (let p = 0; p < (n * (n - 1)) / 2; p++) {
      const [i, j] = [pairLow(p), pairHigh(p)];
      expect(0 <= i && i < j && j < n).toBe(true);
      expect(j * (j - 1) / 2 + i).toBe(p);
      seen.add(`${i},${j}`);
    }
    expect(seen.size).toBe((n * (n - 1)) / 2);
  });

  it('invert exactly for pair numbers up to 2^50 (100 000 datapoints have 5e9 pairs)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 50 }), (p) => {
        const j = pairHigh(p);
        const i = pairLow(p);
        expect(i).toBeGreaterThanOrEqual(0);
        expect(i).toBeLessThan(j);
        expect((j * (j - 1)) / 2 + i).toBe(p);
      }),
    );
  });
});

describe('RoundRobinSchedule', () => {
  it('draws every pair number once per round, then starts a new round', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 15 }), fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 1 }), (n, draws) => {
        const schedule = new RoundRobinSchedule(n);
        const pairs = schedule.pairCount;
        const drawn: number[] = [];
        for (let k = 0; k < 2 * pairs + 1; k++) drawn.push(schedule.next(draws[k % draws.length]!, 0));
        expect(new Set(drawn.slice(0, pairs)).size).toBe(pairs);
        expect(new Set(drawn.slice(pairs, 2 * pairs)).size).toBe(pairs);
        expect(schedule.round).toBe(3);
      }),
    );
  });

  it('puts back a pair of the current round, and owes one from an earlier round', () => {
    const schedule = new RoundRobinSchedule(3); // three pairs
    const first = schedule.next(0.5, 0);
    schedule.putBack(first, 1);
    const round1 = [schedule.next(0, 0), schedule.next(0, 0), schedule.next(0, 0)];
    expect(new Set(round1).size).toBe(3);
    expect(round1).toContain(first);
    const early = schedule.next(0, 0); // round 2 begins
    expect(schedule.round).toBe(2);
    expect(schedule.lastRound).toBe(2);
    // A round-1 pair released now is owed: it comes next, tagged with round 1.
    schedule.putBack(round1[1]!, 1);
    expect(schedule.next(0.9, 0)).toBe(round1[1]);
    expect(schedule.lastRound).toBe(1);
    // Released again, it is owed again; a round-2 pair goes back into round 2.
    schedule.putBack(round1[1]!, 1);
    schedule.putBack(early, 2);
    expect(schedule.next(0.9, 0)).toBe(round1[1]);
    const round2 = [schedule.next(0.9, 0), schedule.next(0.9, 0), schedule.next(0.9, 0)];
    expect(new Set(round2).size).toBe(3);
    expect(schedule.round).toBe(2);
  });

  it('resumes from a saved state exactly, and grows with new pairs in the current round', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 10 }), fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 5, maxLength: 60 }), (n, draws) => {
        const schedule = new RoundRobinSchedule(n);
        const half = Math.floor(draws.length / 2);
        for (let k = 0; k < half; k++) schedule.next(draws[k]!, 0);
        schedule.putBack(0, 1);
        const saved = JSON.parse(JSON.stringify(schedule.save()));
        const copy = new RoundRobinSchedule(n, saved);
        for (let k = half; k < draws.length; k++) expect(copy.next(draws[k]!, 0)).toBe(schedule.next(draws[k]!, 0));
        expect(copy.save()).toEqual(schedule.save());
      }),
    );
    // Growing from 3 to 4 datapoints mid-round: the round now covers all 6 pairs.
    const schedule = new RoundRobinSchedule(3);
    const drawn = [schedule.next(0.3, 0)];
    schedule.grow(4);
    for (let k = 0; k < 5; k++) drawn.push(schedule.next(0.5, 0));
    expect(new Set(drawn).size).toBe(6);
    expect(schedule.round).toBe(1);
  });
});
