import { describe, expect, it } from 'vitest';
import {
  RankingInputError,
  SNAPSHOT_FORMAT,
  createRankingJob,
  createRng,
  restoreRankingJob,
  type RankingJob,
  type RankingJobSnapshot,
} from '../../src/index.js';
import { busyJob, definitionOf, expectInputError, fingerprint, reseal } from '../helpers.js';



function edited(job: RankingJob, edit: (snapshot: any) => void, sign = true): RankingJobSnapshot {
  const copy = JSON.parse(JSON.stringify(job.snapshot()));
  edit(copy);
  return sign ? reseal(copy) : copy;
}

// Same later calls on two jobs: returns everything they answered.
function continueJob(job: RankingJob): string {
  const seen: unknown[] = [];
  let now = 700;
  for (let round = 0; round < 30 && !job.done; round++) {
    now += 150;
    const issued = job.nextMatchups(3, { now });
    seen.push(issued, job.expireMatchups(now - 100));
    for (const [k, matchup] of job.pendingMatchups().entries()) {
      if (k % 3 !== 2) {
        try {
          seen.push(job.recordResponse(matchup.id, k % 2 === 0 ? 'left' : 'right', { responseId: `r${round}-${k}`, now }));
        } catch (error) {
          seen.push((error as Error).message);
        }
      }
    }
  }
  seen.push(job.results(), job.progress());
  return JSON.stringify(seen);
}

describe('snapshots', () => {
  for (const pairing of ['adaptive', 'roundRobin'] as const) {
    it(`restore a ${pairing} job that then behaves exactly as the uninterrupted one`, () => {
      const live = busyJob(pairing);
      const snapshot = live.snapshot();
      expect(snapshot.format).toBe(SNAPSHOT_FORMAT);
      expect(snapshot.version).toBe(1);
      const restored = restoreRankingJob(snapshot);
      const fromJson = restoreRankingJob(JSON.parse(JSON.stringify(snapshot)));
      expect(fingerprint(restored)).toBe(fingerprint(live));
      const expected = continueJob(busyJob(pairing));
      expect(continueJob(restored)).toBe(expected);
      expect(continueJob(fromJson)).toBe(expected);
      expect(continueJob(live)).toBe(expected);
    });
  }

  it('is plain JSON-safe data, and a snapshot of a restored job is the same snapshot', () => {
    const snapshot = busyJob('adaptive').snapshot();
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    expect(restoreRankingJob(snapshot).snapshot()).toEqual(snapshot);
  });

  it('restores many rankings with pending matchups spread over them, each ranking with its own', () => {
    // Exposure and pending counts are gathered in one pass over the pending matchups (restore
    // used to scan them all once per ranking); each ranking must still get exactly its own.
    const rankings = 1500;
    const job = createRankingJob(
      definitionOf({ datapoints: Array.from({ length: rankings }, (_, r) => [`a${r}`, `b${r}`, `c${r}`]), comparisonBudgetPerRanking: 3 }),
      { seed: 'many' },
    );
    const issued = job.nextMatchups(rankings + 400);
    for (const matchup of issued.filter((_, k) => k % 5 === 0)) job.recordResponse(matchup.id, 'left');
    for (const matchup of issued.filter((_, k) => k % 5 === 2)) job.releaseMatchup(matchup.id);
    const snapshot = job.snapshot();
    const restored = restoreRankingJob(JSON.parse(JSON.stringify(snapshot)));
    expect(restored.snapshot()).toEqual(snapshot);
    expect(restored.progress()).toEqual(job.progress());
    const next = (j: RankingJob) => JSON.stringify([j.nextMatchups(1000), j.progress()]);
    expect(next(restored)).toBe(next(job));
  });

  it('keeps the checksum valid when a store reorders keys (canonical JSON)', () => {
    const snapshot = JSON.parse(JSON.stringify(busyJob('adaptive').snapshot()));
    const reorder = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reorder)
        : typeof value === 'object' && value !== null
          ? Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, reorder(inner)]))
          : value;
    expect(fingerprint(restoreRankingJob(reorder(snapshot) as RankingJobSnapshot))).toBe(fingerprint(restoreRankingJob(snapshot)));
  });

  it('continues the event log from the snapshot\'s sequence number', () => {
    const live = busyJob('adaptive');
    const restored = restoreRankingJob(live.snapshot());
    const next = live.events().length;
    expect(restored.events()).toEqual([]);
    restored.nextMatchups(1, { now: 700 });
    expect(restored.events().map((event) => event.seq)).toEqual([next]);
    expectInputError(() => restored.events(0), 'fromIndex');
  });

  it('works for jobs on an injected rng: with its state when it has one, else with options.rng', () => {
    const seeded = createRankingJob(definitionOf(), { rng: createRng('own') });
    seeded.nextMatchups(3);
    expect(fingerprint(restoreRankingJob(seeded.snapshot()))).toBe(fingerprint(seeded));
    let state = 0;
    const plain = () => ((state = (state * 9301 + 49297) % 233280) / 233280);
    const job = createRankingJob(definitionOf(), { rng: plain });
    job.nextMatchups(2);
    const snapshot = job.snapshot();
    expect(snapshot.rng).toBeNull();
    expectInputError(() => restoreRankingJob(snapshot), 'options.rng');
    expect(fingerprint(restoreRankingJob(snapshot, { rng: plain }))).toBe(fingerprint(job));
    expectInputError(() => restoreRankingJob(seeded.snapshot(), { rng: plain }), 'options.rng');
    // Another library's generator with a state() of its own: its state is not ours to restore.
    const foreign = Object.assign(() => plain(), { state: () => ({ i: 1, j: 2, S: [] }) });
    const foreignJob = createRankingJob(definitionOf(), { rng: foreign });
    expect(foreignJob.snapshot().rng).toBeNull();
  });

  it('rejects snapshots that are truncated, altered, of another format or version', () => {
    const job = busyJob('adaptive');
    const good = JSON.parse(JSON.stringify(job.snapshot()));
    expectInputError(() => restoreRankingJob(null as never), 'snapshot');
    expectInputError(() => restoreRankingJob('{}' as never), 'snapshot');
    expectInputError(() => restoreRankingJob({ ...good, format: 'other/job' }), 'snapshot.format');
    expectInputError(() => restoreRankingJob({ ...good, version: 2 }), 'snapshot.version');
    expectInputError(() => restoreRankingJob({ ...good, version: '1' }), 'snapshot.version');
    // Altered values without a new checksum.
    expectInputError(() => restoreRankingJob(edited(job, (s) => (s.rankings[0].offsets[0] += 1), false)), 'snapshot.checksum');
    expectInputError(() => restoreRankingJob(edited(job, (s) => (s.matchups.statuses = s.matchups.statuses.replace('c', 'r')), false)), 'snapshot.checksum');
    expectInputError(() => restoreRankingJob({ ...good, checksum: 'not-a-checksum' }), 'snapshot.checksum');
    // Truncated: a field or part of a list missing.
    const { matchups: _matchups, ...withoutMatchups } = good;
    expect(expectInputError(() => restoreRankingJob(withoutMatchups), 'snapshot.matchups').message).toContain('truncated');
    expectInputError(() => restoreRankingJob(reseal(withoutMatchups)), 'snapshot.matchups');
    expectInputError(() => restoreRankingJob(edited(job, (s) => s.rankings[0].wins.pop())), 'snapshot.rankings[0].wins');
    expectInputError(() => restoreRankingJob(edited(job, (s) => s.rankings.pop())), 'snapshot.rankings');
    expectInputError(() => restoreRankingJob(edited(job, (s) => (s.extra = 1))), 'snapshot.extra');
  });

  it('rejects internally inconsistent snapshots, naming what is wrong (even when re-signed)', () => {
    const job = busyJob('adaptive');
    const cases: [(snapshot: any) => void, string][] = [
      [(s) => (s.definition.comparisonBudgetPerRanking = 0), 'snapshot.definition.comparisonBudgetPerRanking'],
      [(s) => (s.rng.c = -1), 'snapshot.rng.c'],
      [(s) => (s.nextEventSequence = -1), 'snapshot.nextEventSequence'],
      [(s) => (s.rankings[0].datapoints[0] = 'renamed'), 'snapshot.rankings[0].datapoints[0]'],
      [(s) => (s.rankings[0].datapoints[7] = s.rankings[0].datapoints[6]), 'snapshot.rankings[0].datapoints[7]'],
      [(s) => (s.rankings[0].budget = 2), 'snapshot.rankings[0].budget'],
      [(s) => s.rankings[1].datapoints.pop(), 'snapshot.rankings[1].datapoints'],
      [(s) => (s.rankings[0].offsets[0] = 0.1), 'snapshot.rankings[0].offsets[0]'],
      [(s) => ((s.rankings[0].offsets[0] += 8), (s.rankings[0].offsets[1] += 8)), 'snapshot.rankings[0].offsets'],
      [(s) => (s.rankings[0].tieKeys[2] = 1), 'snapshot.rankings[0].tieKeys[2]'],
      [(s) => (s.rankings[0].wins[3] = -1), 'snapshot.rankings[0].wins[3]'],
      [(s) => (s.rankings[0].wins[0] += 1), 'snapshot.rankings[0].wins'],
      [(s) => (s.rankings[0].draws[0] += 1), 'snapshot.rankings[0].draws'],
      [(s) => ((s.rankings[0].wins[0] += 1), (s.rankings[0].losses[1] += 1)), 'snapshot.rankings[0].exposureOrder[4]'], // the first place the order breaks
      [(s) => (s.rankings[0].lastOpponent[1] = 1), 'snapshot.rankings[0].lastOpponent[1]'],
      [(s) => (s.rankings[0].lastOpponent[1] = 99), 'snapshot.rankings[0].lastOpponent[1]'],
      [(s) => (s.rankings[0].exposureOrder[0] = s.rankings[0].exposureOrder[1]), 'snapshot.rankings[0].exposureOrder'],
      [(s) => s.rankings[0].exposureOrder.reverse(), 'snapshot.rankings[0].exposureOrder[3]'],
      [(s) => (s.rankings[0].roundRobin = { round: 1 }), 'snapshot.rankings[0].roundRobin'],
      [(s) => (s.matchups.issued += 1), 'snapshot.matchups.statuses'],
      [(s) => (s.matchups.statuses = s.matchups.statuses.replace('c', 'x')), 'snapshot.matchups.statuses[0]'],
      [(s) => (s.matchups.statuses = s.matchups.statuses.replace('r', 'c')), 'snapshot.matchups.statuses'],
      [(s) => (s.matchups.pending[0].left = 'nobody'), 'snapshot.matchups.pending[0].left'],
      [(s) => (s.matchups.pending[0].right = s.matchups.pending[0].left), 'snapshot.matchups.pending[0].right'],
      [(s) => (s.matchups.pending[0].id = 'm1'), 'snapshot.matchups.pending[0].id'],
      [(s) => (s.matchups.pending[0].id = 'm9999'), 'snapshot.matchups.pending[0].id'],
      [(s) => (s.matchups.pending[0].ranking = 5), 'snapshot.matchups.pending[0].ranking'],
      [(s) => (s.matchups.pending[0].kind = 'roundRobin'), 'snapshot.matchups.pending[0].kind'],
      [(s) => (s.matchups.pending[0].pair = 3), 'snapshot.matchups.pending[0].pair'],
      [(s) => (s.matchups.pending[0].votes.left = 2), 'snapshot.matchups.pending[0].votes'],
      [(s) => (s.matchups.pending[0].votes.draw = -1), 'snapshot.matchups.pending[0].votes.draw'],
      [(s) => (s.matchups.pending[0].responseIds = ['x', 'y', 'z']), 'snapshot.matchups.pending[0].responseIds'],
      [(s) => (s.matchups.pending[0].deadline = null), 'snapshot.matchups.pending[0].deadline'],
      [(s) => s.matchups.pending.pop(), 'snapshot.matchups.pending'],
      [(s) => s.matchups.pending.push(s.matchups.pending[0]), 'snapshot.matchups.pending'],
      [(s) => (s.matchups.completedResponseIds[0][0] = s.matchups.pending[0].id), 'snapshot.matchups.completedResponseIds[0][0]'],
      [(s) => (s.matchups.completedResponseIds[0][1] = []), 'snapshot.matchups.completedResponseIds[0][1]'],
      [(s) => s.matchups.completedResponseIds.push(s.matchups.completedResponseIds[0]), `snapshot.matchups.completedResponseIds[${job.snapshot().matchups.completedResponseIds.length}][0]`],
      [(s) => ((s.rankings[0].startOffsets[0] = 8), (s.rankings[0].offsets[0] += 8)), 'snapshot.rankings[0].startOffsets[0]'],
      [(s) => (s.rankings[0].offsets[0] = 2 ** 40), 'snapshot.rankings[0].offsets[0]'],
      [(s) => (s.rankings[0].wins[0] = 1e15), 'snapshot.rankings[0].wins'],
      [(s) => (s.nextEventSequence = 3), 'snapshot.nextEventSequence'],
      [(s) => s.matchups.votes.sequences.pop(), 'snapshot.matchups.votes.rankings'],
      [(s) => (s.matchups.votes.sequences[0] = 99999), 'snapshot.matchups.votes.sequences[0]'],
      [(s) => (s.matchups.votes.lefts[0] = s.matchups.votes.rights[0]), 'snapshot.matchups.votes.rights[0]'],
      [(s) => (s.matchups.votes.rankings[0] = 7), 'snapshot.matchups.votes.rankings[0]'],
      [(s) => (s.matchups.votes.outcomes = `x${s.matchups.votes.outcomes.slice(1)}`), 'snapshot.matchups.votes.outcomes[0]'],
      [(s) => (s.matchups.votes.labelers[0] = 3), 'snapshot.matchups.votes.labelers[0]'],
      [(s) => s.matchups.votes.labelerIds.push('ghost'), 'snapshot.matchups.votes.labelerIds'],
      [(s) => (s.matchups.votes.lefts[0] = (s.matchups.votes.lefts[0] + 1) % 8 === s.matchups.votes.rights[0] ? (s.matchups.votes.lefts[0] + 2) % 8 : (s.matchups.votes.lefts[0] + 1) % 8), 'snapshot.matchups.votes.sequences[1]'], // votes 0 and 1 answer the same matchup
      [(s) => (s.matchups.votes = { ...s.matchups.votes, extra: 1 }), 'snapshot.matchups.votes.extra'],
      // Every vote flipped: counts still fit, but the completed matchups now imply other wins than the rankings record.
      [(s) => (s.matchups.votes.outcomes = s.matchups.votes.outcomes.replaceAll('l', 'x').replaceAll('r', 'l').replaceAll('x', 'r')), 'snapshot.matchups.votes'],
      [(s) => (s.rankings[0].tieKeys[0] = Number.NaN), 'snapshot.rankings[0].tieKeys[0]'],
      [(s) => (s.matchups.pending[0].deadline = 'soon'), 'snapshot.matchups.pending[0].deadline'],
    ];
    for (const [index, [edit, path]] of cases.entries()) {
      let caught: unknown;
      try {
        restoreRankingJob(edited(job, edit));
      } catch (error) {
        caught = error;
      }
      expect({ index, error: caught instanceof RankingInputError ? caught.path : String(caught) }).toEqual({ index, error: path });
    }
    expect(cases.length).toBe(54);
  });

  it('rejects round-robin state that does not fit', () => {
    const job = busyJob('roundRobin');
    const cases: [(snapshot: any) => void, string][] = [
      [(s) => (s.rankings[0].roundRobin = null), 'snapshot.rankings[0].roundRobin'],
      [(s) => (s.rankings[0].roundRobin.round = 0), 'snapshot.rankings[0].roundRobin.round'],
      [(s) => (s.rankings[0].roundRobin.drawn = 1000), 'snapshot.rankings[0].roundRobin.drawn'],
      [(s) => s.rankings[0].roundRobin.displaced.push([0, 999]), 'snapshot.rankings[0].roundRobin.displaced'],
      [(s) => s.rankings[0].roundRobin.displaced.push([s.rankings[0].roundRobin.drawn, s.rankings[0].roundRobin.drawn + 1]), 'snapshot.rankings[0].roundRobin.displaced'],
      [(s) => s.rankings[0].roundRobin.owed.push([1, 1]), 'snapshot.rankings[0].roundRobin.owed[0]'],
      [(s) => (s.rankings[0].roundRobin.lastRound = 9), 'snapshot.rankings[0].roundRobin.lastRound'],
      [(s) => (s.matchups.pending[0].round = 9), 'snapshot.matchups.pending[0].round'],
    ];
    for (const [edit, path] of cases) {
      const error = expectInputError(() => restoreRankingJob(edited(job, edit)), path.endsWith('displaced') ? `${path}[${job.snapshot().rankings[0]!.roundRobin!.displaced.length}]` : path);
      expect(error.message.length).toBeGreaterThan(path.length + 2);
    }
    // A pending pair that the schedule also holds as undrawn would be issued twice.
    const snapshot = job.snapshot();
    const index = snapshot.matchups.pending.findIndex((m) => m.round === snapshot.rankings[m.ranking]!.roundRobin!.round);
    expect(index).toBeGreaterThanOrEqual(0);
    const ranking = snapshot.matchups.pending[index]!.ranking;
    expectInputError(
      () => restoreRankingJob(edited(job, (s) => (s.rankings[ranking].roundRobin = { ...s.rankings[ranking].roundRobin, drawn: 0, displaced: [] }))),
      `snapshot.matchups.pending[${index}].pair`,
    );
  });
});
