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
import { busyJob, definitionOf, expectInputError, fingerprint, reseal, toVersion1 } from '../helpers.js';



function edited(job: RankingJob, edit: (snapshot: any) => void, sign = true): RankingJobSnapshot {
  const copy = JSON.parse(JSON.stringify(job.snapshot()));
  edit(copy);
  return sign ? reseal(copy) : copy;
}

// The same, on the snapshot in version 1's layout (what pairwise-elo 0.2 wrote).
function editedVersion1(job: RankingJob, edit: (snapshot: any) => void): RankingJobSnapshot {
  const copy = JSON.parse(JSON.stringify(toVersion1(job.snapshot())));
  edit(copy);
  return reseal(copy);
}

// The path of the RankingInputError a restore throws, or what else it threw.
function refusal(restore: () => unknown): string {
  try {
    restore();
  } catch (error) {
    return error instanceof RankingInputError ? error.path : String(error);
  }
  return 'restored';
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
      expect(snapshot.version).toBe(2);
      const restored = restoreRankingJob(snapshot);
      const fromJson = restoreRankingJob(JSON.parse(JSON.stringify(snapshot)));
      // A snapshot pairwise-elo 0.2 wrote (version 1) restores to the same job, which then writes version 2.
      const fromVersion1 = restoreRankingJob(JSON.parse(JSON.stringify(toVersion1(snapshot))));
      expect(fromVersion1.snapshot()).toEqual(snapshot);
      expect(fingerprint(restored)).toBe(fingerprint(live));
      const expected = continueJob(busyJob(pairing));
      expect(continueJob(restored)).toBe(expected);
      expect(continueJob(fromJson)).toBe(expected);
      expect(continueJob(fromVersion1)).toBe(expected);
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
    // Restore copies lists of 1 024 numbers or more into Float64Arrays: one entry that is
    // not a number must still be refused at its own path, not coerced.
    const edit = (change: (s: any) => void) => {
      const copy = JSON.parse(JSON.stringify(snapshot));
      change(copy);
      return reseal(copy);
    };
    expectInputError(() => restoreRankingJob(edit((s) => (s.rankings.wins[3000] = '0'))), 'snapshot.rankings.wins[3000]');
    expectInputError(() => restoreRankingJob(edit((s) => (s.rankings.tieKeys[4000] = null))), 'snapshot.rankings.tieKeys[4000]');
    expectInputError(() => restoreRankingJob(edit((s) => (s.rankings.budgets[1499] = true))), 'snapshot.rankings.budgets[1499]');
    expectInputError(() => restoreRankingJob(edit((s) => delete s.rankings.offsets[2000])), 'snapshot.rankings.offsets[2000]');
    expectInputError(() => restoreRankingJob(edit((s) => (s.matchups.votes.lefts[0] = '1'))), 'snapshot.matchups.votes.lefts[0]');
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
    expectInputError(() => restoreRankingJob({ ...good, version: 3 }), 'snapshot.version');
    expectInputError(() => restoreRankingJob({ ...good, version: '2' }), 'snapshot.version');
    // A version 2 body labelled version 1 (and resealed) is read as version 1, and refused.
    expectInputError(() => restoreRankingJob(reseal({ ...good, version: 1 })), 'snapshot.rankings');
    // Altered values without a new checksum.
    expectInputError(() => restoreRankingJob(edited(job, (s) => (s.rankings.offsets[0] += 1), false)), 'snapshot.checksum');
    expectInputError(() => restoreRankingJob(edited(job, (s) => (s.matchups.statuses = s.matchups.statuses.replace('c', 'r')), false)), 'snapshot.checksum');
    expectInputError(() => restoreRankingJob({ ...good, checksum: 'not-a-checksum' }), 'snapshot.checksum');
    // Truncated: a field or part of a list missing.
    const { matchups: _matchups, ...withoutMatchups } = good;
    expect(expectInputError(() => restoreRankingJob(withoutMatchups), 'snapshot.matchups').message).toContain('truncated');
    expectInputError(() => restoreRankingJob(reseal(withoutMatchups)), 'snapshot.matchups');
    expectInputError(() => restoreRankingJob(edited(job, (s) => s.rankings.wins.pop())), 'snapshot.rankings.wins');
    expectInputError(() => restoreRankingJob(edited(job, (s) => s.rankings.budgets.pop())), 'snapshot.rankings.budgets');
    expectInputError(() => restoreRankingJob(edited(job, (s) => delete s.rankings.tieKeys)), 'snapshot.rankings.tieKeys');
    expectInputError(() => restoreRankingJob(editedVersion1(job, (s) => s.rankings[0].wins.pop())), 'snapshot.rankings[0].wins');
    expectInputError(() => restoreRankingJob(editedVersion1(job, (s) => s.rankings.pop())), 'snapshot.rankings');
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
    // The rankings' cases in version 1's layout (one object per ranking); the others in version 2's.
    for (const [index, [edit, path]] of cases.entries()) {
      const restore = path.startsWith('snapshot.rankings[') ? () => restoreRankingJob(editedVersion1(job, edit)) : () => restoreRankingJob(edited(job, edit));
      expect({ index, error: refusal(restore) }).toEqual({ index, error: path });
    }
    expect(cases.length).toBe(54);
  });

  it('rejects inconsistent rankings in the column layout, naming the entry', () => {
    // busyJob: ranking 0 holds d0 … d5 and two added datapoints (entries 0 … 7 of each
    // column), ranking 1 holds three (entries 8 … 10).
    const job = busyJob('adaptive');
    expect(job.snapshot().rankings.offsets).toHaveLength(11);
    const cases: [(snapshot: any) => void, string][] = [
      [(s) => (s.rankings.added[0].datapoints[0] = job.definition.datapoints[0]![0]), 'snapshot.rankings.added[0].datapoints[0]'],
      [(s) => (s.rankings.added[0].datapoints[1] = s.rankings.added[0].datapoints[0]), 'snapshot.rankings.added[0].datapoints[1]'],
      [(s) => (s.rankings.added[0].datapoints[1] = ''), 'snapshot.rankings.added[0].datapoints[1]'],
      [(s) => s.rankings.added[0].datapoints.pop(), 'snapshot.rankings.added[0].startOffsets'],
      [(s) => (s.rankings.added[0].datapoints = []), 'snapshot.rankings.added[0].datapoints'],
      [(s) => (s.rankings.added[0].ranking = 2), 'snapshot.rankings.added[0].ranking'],
      [(s) => s.rankings.added.push({ ...s.rankings.added[0] }), 'snapshot.rankings.added[1].ranking'],
      [(s) => (s.rankings.added[0].startOffsets[0] = 0.1), 'snapshot.rankings.added[0].startOffsets[0]'],
      [(s) => (s.rankings.added[0].startOffsets[1] = 2 ** 60), 'snapshot.rankings.added[0].startOffsets[1]'],
      [(s) => (s.rankings.added = []), 'snapshot.rankings.offsets'],
      [(s) => (s.rankings.budgets[0] = 2), 'snapshot.rankings.budgets[0]'],
      [(s) => (s.rankings.budgets[1] = 31), 'snapshot.rankings.budgets[1]'],
      [(s) => (s.rankings.budgets[1] = '30'), 'snapshot.rankings.budgets[1]'],
      [(s) => (s.rankings.offsets[0] = 0.1), 'snapshot.rankings.offsets[0]'],
      [(s) => ((s.rankings.offsets[0] += 8), (s.rankings.offsets[1] += 8)), 'snapshot.rankings.offsets'],
      [(s) => ((s.rankings.offsets[7] += 8), (s.rankings.offsets[8] -= 8)), 'snapshot.rankings.offsets'],
      [(s) => (s.rankings.offsets[0] = 2 ** 40), 'snapshot.rankings.offsets[0]'],
      [(s) => (s.rankings.tieKeys[2] = 1), 'snapshot.rankings.tieKeys[2]'],
      [(s) => (s.rankings.tieKeys[10] = null), 'snapshot.rankings.tieKeys[10]'],
      [(s) => (s.rankings.wins[3] = -1), 'snapshot.rankings.wins[3]'],
      [(s) => (s.rankings.wins[8] = 0.5), 'snapshot.rankings.wins[8]'],
      [(s) => (s.rankings.wins[0] += 1), 'snapshot.rankings.wins'],
      [(s) => (s.rankings.draws[9] += 1), 'snapshot.rankings.draws'],
      [(s) => ((s.rankings.wins[0] += 1), (s.rankings.losses[1] += 1)), 'snapshot.rankings.exposureOrder[4]'], // the first place the order breaks
      [(s) => (s.rankings.lastOpponent[1] = 1), 'snapshot.rankings.lastOpponent[1]'],
      [(s) => (s.rankings.lastOpponent[9] = 3), 'snapshot.rankings.lastOpponent[9]'], // ranking 1 has three datapoints
      [(s) => (s.rankings.exposureOrder[8] = s.rankings.exposureOrder[9]), 'snapshot.rankings.exposureOrder'],
      [(s) => s.rankings.exposureOrder.splice(0, 8, ...s.rankings.exposureOrder.slice(0, 8).reverse()), 'snapshot.rankings.exposureOrder[3]'],
      [(s) => (s.rankings.exposureOrder[10] = 3), 'snapshot.rankings.exposureOrder[10]'],
      [(s) => (s.rankings.roundRobin = [null, null]), 'snapshot.rankings.roundRobin'],
      [(s) => (s.rankings.extra = []), 'snapshot.rankings.extra'],
    ];
    for (const [index, [edit, path]] of cases.entries()) {
      expect({ index, error: refusal(() => restoreRankingJob(edited(job, edit))) }).toEqual({ index, error: path });
    }
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
    const displaced = job.snapshot().rankings.roundRobin[0]!.displaced.length;
    for (const [edit, path] of cases) {
      // In version 1's layout as written, and in version 2's: rankings[0].roundRobin is roundRobin[0] there.
      const error = expectInputError(() => restoreRankingJob(editedVersion1(job, edit)), path.endsWith('displaced') ? `${path}[${displaced}]` : path);
      expect(error.message.length).toBeGreaterThan(path.length + 2);
      const columnPath = path.replace('snapshot.rankings[0].roundRobin', 'snapshot.rankings.roundRobin[0]');
      const columnEdit = (s: any) => {
        const schedules = s.rankings.roundRobin;
        s.rankings = [{ roundRobin: schedules[0] }];
        edit(s);
        schedules[0] = s.rankings[0].roundRobin;
        s.rankings = Object.assign(JSON.parse(JSON.stringify(job.snapshot().rankings)), { roundRobin: schedules });
      };
      if (path === 'snapshot.matchups.pending[0].round') continue;
      expectInputError(() => restoreRankingJob(edited(job, columnEdit)), columnPath.endsWith('displaced') ? `${columnPath}[${displaced}]` : columnPath);
    }
    // A pending pair that the schedule also holds as undrawn would be issued twice.
    const snapshot = job.snapshot();
    const index = snapshot.matchups.pending.findIndex((m) => m.round === snapshot.rankings.roundRobin[m.ranking!]!.round);
    expect(index).toBeGreaterThanOrEqual(0);
    const ranking = snapshot.matchups.pending[index]!.ranking!;
    expectInputError(
      () => restoreRankingJob(edited(job, (s) => (s.rankings.roundRobin[ranking] = { ...s.rankings.roundRobin[ranking], drawn: 0, displaced: [] }))),
      `snapshot.matchups.pending[${index}].pair`,
    );
  });
});
