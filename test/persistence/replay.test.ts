import { describe, expect, it } from 'vitest';
import { createRankingJob, replayRankingJob, restoreRankingJob, type RankingJob, type RankingJobEvent } from '../../src/index.js';
import { definitionOf, expectInputError, fingerprint, ids, reseal } from '../helpers.js';

const definition = definitionOf({ datapoints: [ids(5), ids(4, 'e')], comparisonBudgetPerRanking: 12, responsesPerComparison: 2, matchupTtlMs: 300 });
const seed = 'replay';

// A job driven through every kind of event, with its fingerprint after each event.
function recordedRun(): { job: RankingJob; fingerprints: string[] } {
  const job = createRankingJob(definition, { seed });
  const fingerprints = [fingerprint(job)];
  const step = (action: () => unknown) => {
    const before = job.events().length;
    action();
    // Every call that changed something logged exactly one event.
    if (job.events().length > before) {
      expect(job.events().length).toBe(before + 1);
      fingerprints.push(fingerprint(job));
    }
  };
  let now = 0;
  // Matchups nobody answers: they expire.
  const ignored = new Set<string>();
  for (let round = 0; round < 12 && !job.done; round++) {
    now += 120;
    step(() => {
      const issued = job.nextMatchups(3, { now });
      if (round % 4 === 0 && issued.length > 0) ignored.add(issued[issued.length - 1]!.id);
    });
    step(() => job.expireMatchups(now - 50));
    for (const [k, matchup] of job.pendingMatchups().filter((m) => !ignored.has(m.id)).entries()) {
      if (k === 2) step(() => job.releaseMatchup(matchup.id));
      else {
        step(() => job.recordResponse(matchup.id, k === 0 ? 'left' : 'draw', { responseId: `${round}-${k}`, now }));
        // A retried delivery: no event, no change.
        step(() => job.recordResponse(matchup.id, 'right', { responseId: `${round}-${k}`, now }));
      }
    }
    if (round === 3) step(() => job.addDatapoints(1, ['late'], { extraBudget: 3, initialRating: 1111 }));
  }
  return { job, fingerprints };
}

describe('replayRankingJob', () => {
  it('rebuilds the identical job, and every prefix rebuilds the job as it was at that point', () => {
    const { job, fingerprints } = recordedRun();
    const events = JSON.parse(JSON.stringify(job.events())) as RankingJobEvent[];
    expect(new Set(events.map((event) => event.type))).toEqual(
      new Set(['matchupsIssued', 'responseRecorded', 'matchupReleased', 'matchupsExpired', 'datapointsAdded']),
    );
    expect(fingerprints).toHaveLength(events.length + 1);
    for (let length = 0; length <= events.length; length++) {
      expect(fingerprint(replayRankingJob(definition, events.slice(0, length), { seed }))).toBe(fingerprints[length]);
    }
    const replayed = replayRankingJob(definition, events, { seed });
    expect(replayed.events()).toEqual(events);
    // And it goes on exactly like the original.
    expect(replayed.nextMatchups(4, { now: 5000 })).toEqual(job.nextMatchups(4, { now: 5000 }));
  });

  it('replays onto a snapshot: the events after it', () => {
    const { job } = recordedRun();
    const all = job.events();
    const middle = Math.floor(all.length / 2);
    const early = replayRankingJob(definition, all.slice(0, middle), { seed });
    const snapshot = early.snapshot();
    expect(snapshot.nextEventSequence).toBe(middle);
    expect(fingerprint(replayRankingJob(snapshot, all.slice(middle)))).toBe(fingerprint(job));
    expect(fingerprint(replayRankingJob(restoreRankingJob(snapshot).snapshot(), all.slice(middle)))).toBe(fingerprint(job));
    expectInputError(() => replayRankingJob(snapshot, all), 'events[0].seq');
  });

  it('rejects events that do not fit, naming the offending event', () => {
    const { job } = recordedRun();
    const events = JSON.parse(JSON.stringify(job.events())) as any[];
    const firstOf = (type: string) => events.findIndex((event) => event.type === type);
    const withEdit = (index: number, edit: (event: any) => void) => {
      const copy = JSON.parse(JSON.stringify(events));
      edit(copy[index]);
      return copy;
    };
    const issued = firstOf('matchupsIssued');
    const response = firstOf('responseRecorded');
    const released = firstOf('matchupReleased');
    const expired = firstOf('matchupsExpired');
    const added = firstOf('datapointsAdded');
    const cases: [unknown, string][] = [
      ['not an array', 'events'],
      [[null], 'events[0]'],
      [withEdit(0, (event) => (event.type = 'matchupsStolen')), 'events[0].type'],
      [withEdit(0, (event) => (event.seq = 1)), 'events[0].seq'],
      [[...events.slice(0, 3), ...events.slice(4)], 'events[3].seq'],
      [[...events.slice(0, 3), events[2], ...events.slice(3)], 'events[3].seq'],
      [withEdit(0, (event) => (event.extra = true)), 'events[0].extra'],
      [withEdit(0, (event) => delete event.now), 'events[0].now'],
      [withEdit(issued, (event) => (event.matchups[0].left = 'someone')), `events[${issued}].matchups[0]`],
      [withEdit(issued, (event) => (event.matchups = [])), `events[${issued}].matchups`],
      [withEdit(issued, (event) => (event.now = null)), `events[${issued}].now`],
      [withEdit(response, (event) => (event.matchupId = 'm999')), `events[${response}].matchupId`],
      [withEdit(response, (event) => (event.outcome = 'both')), `events[${response}].outcome`],
      [withEdit(response, (event) => (event.now = 1e9)), `events[${response}].matchupId`],
      [withEdit(released, (event) => (event.matchupId = 'nope')), `events[${released}].matchupId`],
      [withEdit(expired, (event) => (event.matchupIds = [])), `events[${expired}].matchupIds`],
      [withEdit(expired, (event) => (event.now = 'later')), `events[${expired}].now`],
      [withEdit(added, (event) => (event.ranking = 7)), `events[${added}].ranking`],
      [withEdit(added, (event) => (event.datapoints = ['e0'])), `events[${added}].datapoints[0]`],
      [withEdit(added, (event) => (event.extraBudget = -2)), `events[${added}].extraBudget`],
    ];
    for (const [list, path] of cases) expectInputError(() => replayRankingJob(definition, list as RankingJobEvent[], { seed }), path);
    // The same log under another seed or definition does not fit either.
    expectInputError(() => replayRankingJob(definition, events, { seed: 'another' }), `events[${issued}].matchups[0]`);
    // A forged expiry that expires nothing: no job logs one.
    const forged = [...events, { seq: events.length, type: 'matchupsExpired', now: 0, matchupIds: [] }];
    expectInputError(() => replayRankingJob(definition, forged as RankingJobEvent[], { seed }), `events[${events.length}]`);
    // A response recorded twice in the log: the second is refused.
    const doubled = [...events.slice(0, response + 1), { ...events[response], seq: response + 1 }];
    expectInputError(() => replayRankingJob(definition, doubled, { seed }), `events[${response + 1}].responseId`);
    expect(cases.length).toBe(20);
  });

  it('rejects an event the call it records would log otherwise', () => {
    const { job } = recordedRun();
    const events = JSON.parse(JSON.stringify(job.events())) as any[];
    const added = events.findIndex((event) => event.type === 'datapointsAdded');
    expect(events[added].initialRating).toBe(1111);
    // Off the rating grid (2^-23 here): addDatapoints rounds it to 1111 and logs that, so a
    // replay that accepted it would hold a log other than the one it was given.
    const offGrid = events.map((event, i) => (i === added ? { ...event, initialRating: 1111 + 2 ** -30 } : event));
    expectInputError(() => replayRankingJob(definition, offGrid, { seed }), `events[${added}].initialRating`);
  });

  it('rejects a snapshot whose event numbers would run past 2^53, before any event', () => {
    const { job } = recordedRun();
    const snapshot = JSON.parse(JSON.stringify(job.snapshot()));
    const resealed = reseal({ ...snapshot, nextEventSequence: Number.MAX_SAFE_INTEGER });
    const next = { seq: Number.MAX_SAFE_INTEGER, type: 'matchupsExpired', now: 1e9, matchupIds: [] };
    expectInputError(() => replayRankingJob(resealed, [next as RankingJobEvent]), 'snapshot.nextEventSequence');
  });
});
