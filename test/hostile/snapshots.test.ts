// Resealed snapshots: altered, their checksum recomputed (as src/persistence/checksum.ts
// computes it), so only restore's own checks stand between them and a broken job. Each
// case is one a live job can never write, and each was accepted before restore checked
// the invariant it breaks; after, it is refused with an error naming the field.
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { RankingInputError, createRng, restoreRankingJob } from '../../src/index.js';
import { busyJob, expectInputError, reseal, stateFingerprint } from '../helpers.js';

const MAX = Number.MAX_SAFE_INTEGER;
// The rating grid of the default K (40) and scale (400): 2^(⌈log2 400⌉ − 32).
const Q = 2 ** -23;

const jobs = { adaptive: busyJob('adaptive'), roundRobin: busyJob('roundRobin') };

// The most events the busy jobs' state allows: one per issued matchup, vote, released or
// expired status and added datapoint (13 + 9 + 1 + 3 + 2).
const MOST_EVENTS = 28;

// A new pending matchup m<issued + 1>, copying another's datapoints, pair and round: the
// rest of the snapshot is kept consistent (statuses, exposure order) so that only the
// duplicate is wrong.
function addPending(s: any, copyOf: string): void {
  const original = s.matchups.pending.find((m: any) => m.id === copyOf);
  s.matchups.issued += 1;
  s.matchups.statuses += 'p';
  s.matchups.pending.push({ ...original, id: `m${s.matchups.issued}`, votes: { left: 0, right: 0, draw: 0 }, responseIds: [] });
  // The ranking's datapoints and where they begin in the (flat) columns.
  const r = original.ranking;
  const added = s.rankings.added.find((entry: any) => entry.ranking === r)?.datapoints ?? [];
  const ids = [...s.definition.datapoints[r], ...added];
  const sizes = s.definition.datapoints.map((list: string[], k: number) => list.length + (s.rankings.added.find((entry: any) => entry.ranking === k)?.datapoints.length ?? 0));
  const from = sizes.slice(0, r).reduce((a: number, b: number) => a + b, 0);
  const { wins, losses, draws } = s.rankings;
  const exposure = ids.map((_: string, i: number) => wins[from + i] + losses[from + i] + draws[from + i]);
  for (const m of s.matchups.pending.filter((p: any) => p.ranking === r)) {
    exposure[ids.indexOf(m.left)] += 1;
    exposure[ids.indexOf(m.right)] += 1;
  }
  const order = s.rankings.exposureOrder.slice(from, from + ids.length).sort((a: number, b: number) => exposure[a] - exposure[b]);
  s.rankings.exposureOrder.splice(from, ids.length, ...order);
}

type Case = readonly [name: string, job: keyof typeof jobs, edit: (s: any) => void, path: string];

// By class: what restore did not check before.
const CASES: Readonly<Record<string, readonly Case[]>> = {
  budget: [
    ['total budget past 2^53 − 1', 'adaptive', (s) => (s.rankings.budgets[0] = MAX - 29), 'snapshot.rankings.budgets[1]'],
    ['budget above the definition without an addition', 'adaptive', (s) => (s.rankings.budgets[1] = 31), 'snapshot.rankings.budgets[1]'],
  ],
  eventSequence: [
    ['nextEventSequence 2^53 − 1 (sequence numbers would repeat)', 'adaptive', (s) => (s.nextEventSequence = MAX), 'snapshot.nextEventSequence'],
    ['nextEventSequence 2^52', 'adaptive', (s) => (s.nextEventSequence = 2 ** 52), 'snapshot.nextEventSequence'],
    ['one event more than the state could have taken', 'adaptive', (s) => (s.nextEventSequence = MOST_EVENTS + 1), 'snapshot.nextEventSequence'],
    ['no event for the expiry', 'adaptive', (s) => (s.nextEventSequence = 12), 'snapshot.nextEventSequence'],
  ],
  roundRobin: [
    ['a pair pending twice in the current round', 'roundRobin', (s) => addPending(s, 'm10'), 'snapshot.matchups.pending[5].pair'],
    ['a pair pending twice in an earlier round', 'roundRobin', (s) => addPending(s, 'm9'), 'snapshot.matchups.pending[5].pair'],
    ['a pair pending and owed to the same round', 'roundRobin', (s) => s.rankings.roundRobin[1].owed.push([1, 1]), 'snapshot.matchups.pending[0].pair'],
    ['a pair owed twice to a round', 'roundRobin', (s) => (s.rankings.roundRobin[1].owed = [[0, 1], [0, 1]]), 'snapshot.rankings.roundRobin[1].owed[1]'],
    ['round 2^53 − 1 (round + 1 would repeat it)', 'roundRobin', (s) => (s.rankings.roundRobin[1].round = MAX), 'snapshot.rankings.roundRobin[1].round'],
    ['more rounds than matchups issued', 'roundRobin', (s) => (s.rankings.roundRobin[0].round = 20), 'snapshot.rankings.roundRobin[0].round'],
    [
      'more pairs drawn than matchups issued',
      'roundRobin',
      (s) => Object.assign(s.rankings.roundRobin[0], { drawn: 20, displaced: [[25, 1]] }),
      'snapshot.rankings.roundRobin[0].drawn',
    ],
  ],
  ratings: [
    ['a grid step moved between two datapoints without matchups', 'adaptive', (s) => ((s.rankings.offsets[1] += Q), (s.rankings.offsets[2] -= Q)), 'snapshot.rankings.offsets[1]'],
    ['1000 points moved between two datapoints', 'adaptive', (s) => ((s.rankings.offsets[0] -= 1000), (s.rankings.offsets[4] += 1000)), 'snapshot.rankings.offsets[0]'],
    ['more than K per completed matchup (ranking 1: entries 8 … 10)', 'adaptive', (s) => ((s.rankings.offsets[8] -= 41), (s.rankings.offsets[9] += 41)), 'snapshot.rankings.offsets[8]'],
    [
      'an added datapoint started beyond what addDatapoints accepts',
      'adaptive',
      (s) => ((s.rankings.added[0].startOffsets[0] += 2 ** 27), (s.rankings.offsets[6] += 2 ** 27)),
      'snapshot.rankings.added[0].startOffsets[0]',
    ],
  ],
  generator: [
    ['a lag off the 2^-32 grid', 'adaptive', (s) => (s.rng.s0 = 0.5 + 2 ** -40), 'snapshot.rng.s0'],
    ['a lag below 2^-32', 'adaptive', (s) => (s.rng.s2 = 2 ** -33), 'snapshot.rng.s2'],
    // Accepted before, and the next draw carried c to 2091639: the next snapshot was refused.
    ['a lag just below 1 with the largest carry', 'adaptive', (s) => Object.assign(s.rng, { c: 2091638, s0: 1 - 2 ** -53 }), 'snapshot.rng.s0'],
    ['the all-zero state (every draw 0)', 'adaptive', (s) => Object.assign(s.rng, { c: 0, s0: 0, s1: 0, s2: 0 }), 'snapshot.rng'],
    ['a lag of −0', 'adaptive', (s) => (s.rng.s1 = -0), 'snapshot.rng.s1'],
    ['a carry of −0', 'adaptive', (s) => (s.rng.c = -0), 'snapshot.rng.c'],
  ],
  ledger: [
    ['pending matchups out of issue order', 'adaptive', (s) => s.matchups.pending.splice(0, 2, s.matchups.pending[1], s.matchups.pending[0]), 'snapshot.matchups.pending[1].id'],
    ['an expired matchup without matchupTtlMs', 'adaptive', (s) => ((s.definition.matchupTtlMs = null), s.matchups.pending.forEach((m: any) => (m.deadline = null))), 'snapshot.matchups.statuses[4]'],
    ['a random matchup with randomComparisonsRatio 0', 'adaptive', (s) => (s.definition.randomComparisonsRatio = 0), 'snapshot.matchups.pending[1].kind'],
    ['a close matchup with randomComparisonsRatio 1', 'adaptive', (s) => (s.definition.randomComparisonsRatio = 1), 'snapshot.matchups.pending[0].kind'],
    ['no last opponent for a datapoint in matchups', 'adaptive', (s) => (s.rankings.lastOpponent[0] = -1), 'snapshot.rankings.lastOpponent[0]'],
  ],
  responseIds: [
    ['more response ids than a completed matchup had votes', 'adaptive', (s) => s.matchups.completedResponseIds[0][1].push('c0'), 'snapshot.matchups.completedResponseIds[0][1]'],
    ['completed matchups out of completion order', 'adaptive', (s) => s.matchups.completedResponseIds.reverse(), 'snapshot.matchups.completedResponseIds[1][0]'],
  ],
  definition: [
    ['a default left out of the definition', 'adaptive', (s) => delete s.definition.voteAggregation, 'snapshot.definition.voteAggregation'],
    ['a default left out of the posterior model', 'adaptive', (s) => delete s.definition.posterior.noise, 'snapshot.definition.posterior'],
  ],
};

describe('restoring resealed snapshots a live job cannot write', () => {
  it('restores the untampered snapshots (resealed too) and the most events their state allows', () => {
    for (const job of Object.values(jobs)) {
      const snapshot = JSON.parse(JSON.stringify(job.snapshot()));
      expect(stateFingerprint(restoreRankingJob(reseal(snapshot)))).toBe(stateFingerprint(job));
      expect(() => restoreRankingJob(reseal({ ...snapshot, nextEventSequence: MOST_EVENTS }))).not.toThrow();
    }
  });

  for (const [kind, cases] of Object.entries(CASES)) {
    describe(kind, () => {
      for (const [name, job, edit, path] of cases) {
        it(`refuses ${name}, naming ${path}`, () => {
          const copy = JSON.parse(JSON.stringify(jobs[job].snapshot()));
          edit(copy);
          let caught: unknown;
          try {
            restoreRankingJob(reseal(copy));
          } catch (error) {
            caught = error;
          }
          expect(caught instanceof RankingInputError ? caught.path : caught === undefined ? 'accepted' : String(caught)).toBe(path);
          expect((caught as RankingInputError).message.startsWith(`${path}: `)).toBe(true);
        });
      }
    });
  }

  it('tries 32 distinct tampered snapshots', () => {
    const all = Object.values(CASES).flat();
    expect(all.length).toBe(32);
    expect(new Set(all.map(([name]) => name)).size).toBe(all.length);
  });
});

describe('generator states', () => {
  it('refuses what Alea cannot reach, also through createRng directly', () => {
    const good = createRng(7).state();
    expectInputError(() => createRng(7, { ...good, s0: 0.5 + 2 ** -40 }), 'state.s0');
    expectInputError(() => createRng(7, { ...good, s1: -0 }), 'state.s1');
    expectInputError(() => createRng(7, { ...good, c: -0 }), 'state.c');
    expectInputError(() => createRng(7, { algorithm: 'alea', c: 0, s0: 0, s1: 0, s2: 0 }), 'state');
    // A state with a zero carry or zero lags alone is reachable, and accepted.
    expect(() => createRng(7, { ...good, c: 0 })).not.toThrow();
    expect(() => createRng(7, { ...good, s0: 0, s1: 0, s2: 0 })).not.toThrow();
  });

  it('a lag off the grid is why the next state was refused: the carry reaches the multiplier', () => {
    // seedrandom's Alea itself, given the state the old check let through.
    const alea = seedrandom.alea('', { state: { c: 2091638, s0: 1 - 2 ** -53, s1: 0.25, s2: 0.5 } });
    alea();
    expect(alea.state().c).toBe(2091639);
  });

  it('every state a seeded generator reports has lags on the 2^-32 grid', () => {
    for (const seed of ['', 'a', 'pairwise-elo', 42, -1.5]) {
      const rng = createRng(seed);
      for (let i = 0; i < 2000; i++) {
        const { c, s0, s1, s2 } = rng.state();
        expect(Number.isInteger(c) && c >= 0 && c < 2091639).toBe(true);
        for (const lag of [s0, s1, s2]) expect(Number.isInteger(lag * 2 ** 32)).toBe(true);
        rng();
      }
    }
  });
});
