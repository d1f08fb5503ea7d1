// job.trimEvents(beforeIndex): an app that has stored the events lets the job forget
// them (issue 12 item 6: what a long job retains per comparison, with an option to trim
// what an app has already persisted).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRankingJob, replayRankingJob, restoreRankingJob, type RankingJob, type RankingJobEvent } from '../../src/index.js';
import { definitionOf, expectInputError, ids, stateFingerprint } from '../helpers.js';

// A definition whose log holds every kind of event: issued (with `now`), responses with
// response and labeler ids, releases, expiries and added datapoints.
const definition = definitionOf({ datapoints: [ids(6), ids(5, 'e')], comparisonBudgetPerRanking: 200, matchupTtlMs: 10 });

// One step of a workload, chosen by `pick` in [0, 1), at time `now`.
function step(job: RankingJob, pick: number, now: number, added: { count: number }): void {
  // Responses and releases go to matchups still in time: what is due expires first.
  if (pick >= 0.35) job.expireMatchups(now);
  const pending = job.pendingMatchups();
  if (pick < 0.35 || pending.length === 0) {
    job.nextMatchups(1 + Math.floor(pick * 6), { now });
  } else if (pick < 0.75) {
    const matchup = pending[Math.floor(pick * 1000) % pending.length]!;
    const outcomes = ['left', 'right', 'draw'] as const;
    job.recordResponse(matchup.id, outcomes[Math.floor(pick * 300) % 3]!, { now, responseId: `r${now}`, labelerId: `l${Math.floor(pick * 10)}` });
  } else if (pick < 0.85) {
    job.releaseMatchup(pending[0]!.id);
  } else if (pick < 0.95) {
    job.expireMatchups(now);
  } else {
    job.addDatapoints(1, [`new${added.count++}`], { extraBudget: 4 });
  }
}

describe('trimEvents', () => {
  it('forgets the events below the index and keeps the rest exactly', () => {
    const job = createRankingJob(definition, { seed: 'trim' });
    const added = { count: 0 };
    for (let t = 0; t < 120; t++) step(job, (t * 0.6180339887) % 1, t, added);
    const all = job.events();
    const types = new Set(all.map((event) => event.type));
    expect([...types].sort()).toEqual(['datapointsAdded', 'matchupReleased', 'matchupsExpired', 'matchupsIssued', 'responseRecorded']);
    const before = stateFingerprint(job);

    job.trimEvents(40);
    expect(job.events()).toEqual(all.slice(40));
    expect(job.events(75)).toEqual(all.slice(75));
    expect(stateFingerprint(job)).toBe(before);
    const error = expectInputError(() => job.events(39), 'fromIndex');
    expect(error.message).toMatch(/\[40, \d+\]/);

    // Trimming again, at the start (nothing to do) and at the end (everything).
    job.trimEvents(40);
    expect(job.events()).toEqual(all.slice(40));
    job.trimEvents(all.length);
    expect(job.events()).toEqual([]);
    expect(stateFingerprint(job)).toBe(before);
  });

  it('leaves later events numbered on, and the stored log replays to the same job', () => {
    const job = createRankingJob(definition, { seed: 'store' });
    const stored: RankingJobEvent[] = [];
    const added = { count: 0 };
    for (let t = 0; t < 150; t++) {
      step(job, (t * 0.7548776662) % 1, t, added);
      if (t % 7 === 0) {
        const fresh = job.events(stored.length);
        stored.push(...fresh);
        job.trimEvents(stored.length);
      }
    }
    stored.push(...job.events(stored.length));
    expect(stored.map((event) => event.seq)).toEqual(stored.map((_, i) => i));
    const replayed = replayRankingJob(definition, stored, { seed: 'store' });
    expect(stateFingerprint(replayed)).toBe(stateFingerprint(job));
  });

  it('moves a long log that shrank into smaller columns, and keeps appending after it', () => {
    const job = createRankingJob(definition, { seed: 'long' });
    const added = { count: 0 };
    for (let t = 0; t < 1500; t++) step(job, (t * 0.6180339887) % 1, t, added);
    const all = job.events();
    expect(all.length).toBeGreaterThan(1024);
    job.trimEvents(all.length - 10);
    expect(job.events()).toEqual(all.slice(-10));
    for (let t = 1500; t < 1600; t++) step(job, (t * 0.6180339887) % 1, t, added);
    const later = job.events();
    expect(later.slice(0, 10)).toEqual(all.slice(-10));
    expect(later.map((event) => event.seq)).toEqual(later.map((_, i) => all.length - 10 + i));
  });

  it('refuses an index outside what the job holds, and changes nothing', () => {
    const job = createRankingJob(definition, { seed: 'bad' });
    job.nextMatchups(3, { now: 0 });
    job.trimEvents(1);
    const held = job.events();
    for (const bad of [0, 3, -1, 1.5, Number.NaN, Infinity, '1', null, undefined]) {
      expectInputError(() => job.trimEvents(bad as number), 'beforeIndex');
      expect(job.events()).toEqual(held);
    }
  });

  it('works on a restored job, whose log starts at its snapshot', () => {
    const job = createRankingJob(definition, { seed: 'restored' });
    const added = { count: 0 };
    for (let t = 0; t < 30; t++) step(job, (t * 0.41) % 1, t, added);
    const base = job.events().length;
    const restored = restoreRankingJob(job.snapshot());
    for (let t = 30; t < 60; t++) {
      step(job, (t * 0.41) % 1, t, { ...added });
      step(restored, (t * 0.41) % 1, t, added);
    }
    expect(restored.events()).toEqual(job.events(base));
    // Nothing was trimmed there: the message says why the events below are missing
    // (it said "trimmed already" before trimEvents and events shared the check).
    const refused = expectInputError(() => restored.trimEvents(base - 1), 'beforeIndex');
    expect(refused.message).toMatch(/trimmed or came before its snapshot/);
    restored.trimEvents(base + 5);
    expect(restored.events()).toEqual(job.events(base + 5));
  });

  it('matches an untrimmed twin whatever the trims (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 0, max: 0.999, noNaN: true }), fc.option(fc.double({ min: 0, max: 1, noNaN: true }))), { maxLength: 60 }), (steps) => {
        const trimmed = createRankingJob(definition, { seed: 'twin' });
        const twin = createRankingJob(definition, { seed: 'twin' });
        const addedTrimmed = { count: 0 };
        const addedTwin = { count: 0 };
        let base = 0;
        steps.forEach(([pick, trim], t) => {
          step(trimmed, pick, t, addedTrimmed);
          step(twin, pick, t, addedTwin);
          const next = twin.events().length;
          if (trim !== null) {
            // Anywhere from the first event held to the next one.
            base += Math.floor(trim * (next - base));
            trimmed.trimEvents(base);
          }
          expect(trimmed.events()).toEqual(twin.events(base));
        });
        expect(stateFingerprint(trimmed)).toBe(stateFingerprint(twin));
      }),
      { numRuns: 40, seed: 12 },
    );
  });
});
