// Flow persistence: a restore/replay differential test (a flow that never stopped, one
// restored from a snapshot, one replayed from its log and one replayed from a snapshot
// plus the events after it get the same calls and must give the same answers and
// byte-identical snapshots at every step), determinism, pinned output, and refused logs.
import { describe, expect, it } from 'vitest';
import {
  RankingInputError,
  createRankingFlow,
  createRng,
  replayRankingFlow,
  restoreRankingFlow,
  type RankingFlow,
  type RankingFlowEvent,
  type RankingFlowInput,
} from '../../src/index.js';
import { hashJsonValue } from '../../src/persistence/checksum.js';
import { expectInputError } from '../helpers.js';

const config: RankingFlowInput = { name: 'differential', instruction: 'Which is better?', maxResponses: 6, minResponses: 3, matchupTtlMs: 40, ttlMs: 150, randomComparisonsRatio: 0.3 };

type Step = (flow: RankingFlow) => unknown;

// The next call of a random workload, chosen from `rng` and the state of `flow` (all the
// flows compared are in the same state, so any of them will do).
function nextStep(rng: () => number, flow: RankingFlow, clock: { now: number; batches: number }): Step {
  const u = rng();
  clock.now += Math.floor(rng() * 12);
  const now = clock.now;
  if (u < 0.15) {
    const size = 2 + Math.floor(rng() * 7);
    const b = clock.batches++;
    const ttl = rng() < 0.3 ? null : 40 + Math.floor(rng() * 200);
    const context = rng() < 0.5 ? { text: `prompt ${b}` } : null;
    return (f) => f.addBatch(Array.from({ length: size }, (_, i) => `b${b}-${i}`), { now, ttlMs: ttl, context });
  }
  if (u < 0.4) {
    const limit = 1 + Math.floor(rng() * 4);
    return (f) => f.nextMatchups(limit, { now });
  }
  const pending = flow.pendingMatchups();
  if (u < 0.85 && pending.length > 0) {
    const matchup = pending[Math.floor(rng() * pending.length)]!;
    const outcome = (['left', 'right', 'draw'] as const)[Math.floor(rng() * 3)]!;
    const responseId = `r${Math.floor(rng() * 1e9)}`;
    return (f) => {
      try {
        return f.recordResponse(matchup.id, outcome, { now, responseId, labelerId: 'l1' });
      } catch (error) {
        if (error instanceof RankingInputError) return `refused: ${error.message}`;
        throw error;
      }
    };
  }
  if (u < 0.9 && pending.length > 0) {
    const id = pending[Math.floor(rng() * pending.length)]!.id;
    return (f) => f.releaseMatchup(id);
  }
  if (u < 0.95) {
    const status = flow.progress();
    const id = `b${1 + Math.floor(rng() * Math.max(1, status.added))}`;
    return (f) => {
      try {
        f.forgetBatch(id);
        return 'forgotten';
      } catch (error) {
        if (error instanceof RankingInputError) return `refused: ${error.message}`;
        throw error;
      }
    };
  }
  return (f) => f.expire(now);
}

const text = (flow: RankingFlow) => JSON.stringify(flow.snapshot());

describe('restore and replay against the flow that never stopped', () => {
  it('answer every call alike and give byte-identical snapshots at every step', () => {
    let compared = 0;
    for (let run = 0; run < 12; run++) {
      const rng = createRng(`workload-${run}`);
      const clock = { now: 0, batches: 0 };
      const live = createRankingFlow(config, { seed: run });
      const others: RankingFlow[] = [];
      let snapshot: unknown = null;
      let eventsAtSnapshot = 0;
      const stopAt = 40 + Math.floor(rng() * 120);
      for (let step = 0; step < 260; step++) {
        if (step === stopAt) {
          snapshot = JSON.parse(text(live));
          eventsAtSnapshot = live.events().length;
          others.push(restoreRankingFlow(snapshot as never), replayRankingFlow(config, JSON.parse(JSON.stringify(live.events())), { seed: run }));
        }
        const call = nextStep(rng, live, clock);
        const expected = JSON.stringify(call(live) ?? null);
        for (const other of others) {
          expect(JSON.stringify(call(other) ?? null)).toBe(expected);
          expect(text(other)).toBe(text(live));
          compared++;
        }
      }
      // A snapshot plus the events after it, and the whole log, rebuild the same flow.
      const after = live.events(eventsAtSnapshot);
      expect(text(replayRankingFlow(snapshot as never, JSON.parse(JSON.stringify(after))))).toBe(text(live));
      expect(text(replayRankingFlow(config, live.events(), { seed: run }))).toBe(text(live));
      expect(live.progress().added).toBeGreaterThan(10);
    }
    expect(compared).toBeGreaterThan(2000);
  });
});

describe('determinism', () => {
  function run(seed: string | number): RankingFlow {
    const rng = createRng('same workload');
    const clock = { now: 0, batches: 0 };
    const flow = createRankingFlow(config, { seed });
    for (let step = 0; step < 200; step++) nextStep(rng, flow, clock)(flow);
    return flow;
  }

  it('gives byte-identical snapshots for the same configuration, seed and calls, and others for another seed', () => {
    expect(text(run('a'))).toBe(text(run('a')));
    expect(text(run('a'))).not.toBe(text(run('b')));
  });

  it('seeds from the configuration by default, so a configuration always runs the same way', () => {
    const a = createRankingFlow(config);
    const b = createRankingFlow({ ...config });
    for (const flow of [a, b]) flow.addBatch(['x', 'y', 'z', 'w'], { now: 0 });
    expect(a.nextMatchups(5, { now: 1 })).toEqual(b.nextMatchups(5, { now: 1 }));
  });

  // Pinned from this implementation's first run (seed 'pinned', the calls below): a change
  // here means existing seeds now produce other matchups, which must be said in the changelog.
  it('issues the pinned matchups and snapshot for a fixed seed', () => {
    const flow = createRankingFlow({ name: 'pinned', instruction: 'Which?', maxResponses: 5 }, { seed: 'pinned' });
    flow.addBatch(['a', 'b', 'c', 'd', 'e'], { now: 0, ttlMs: 1000, context: { text: 'fox' } });
    flow.addBatch(['f', 'g', 'h'], { now: 0 });
    const issued = flow.nextMatchups(6, { now: 1 }).map((matchup) => `${matchup.id}:${matchup.batch}:${matchup.left}-${matchup.right}:${matchup.kind}`);
    for (const matchup of flow.pendingMatchups()) flow.recordResponse(matchup.id, matchup.left < matchup.right ? 'left' : 'right', { now: 2 });
    expect(issued).toEqual(PINNED_MATCHUPS);
    expect(flow.snapshot().checksum).toBe(PINNED_CHECKSUM);
  });
});

const PINNED_MATCHUPS = ['m1:b1:b-a:close', 'm2:b2:g-f:close', 'm3:b1:b-c:random', 'm4:b2:h-g:random', 'm5:b1:d-b:close', 'm6:b2:f-h:random'];
const PINNED_CHECKSUM = '026d23b4150750';

// A workload with time limits: far off (nothing ever expires), or near (much expires,
// inside nextMatchups too).
function timedWorkload(expiring: boolean): RankingFlow {
  const flow = createRankingFlow(
    { name: 'pinned', instruction: 'Which?', maxResponses: 6, minResponses: 3, matchupTtlMs: expiring ? 30 : 1e9, ttlMs: expiring ? 120 : 1e9 },
    { seed: 'pinned-expiry' },
  );
  const rng = createRng('pinned-expiry-workload');
  let now = 0;
  for (let step = 0; step < 300; step++) {
    now += Math.floor(rng() * 10);
    const u = rng();
    if (u < 0.15) flow.addBatch(Array.from({ length: 2 + Math.floor(rng() * 5) }, (_, i) => `s${step}-${i}`), { now });
    else if (u < 0.45) flow.nextMatchups(1 + Math.floor(rng() * 3), { now });
    else {
      const pending = flow.pendingMatchups();
      const matchup = pending[Math.floor(rng() * pending.length)];
      const outcome = rng() < 0.5 ? 'left' : 'right';
      if (matchup === undefined) continue;
      try {
        flow.recordResponse(matchup.id, outcome, { now });
      } catch (error) {
        if (!(error instanceof RankingInputError)) throw error;
        flow.expire(now);
      }
    }
  }
  return flow;
}

describe('one event per nextMatchups call (issue 14)', () => {
  // Pinned from the code before the change (commit 3c2c8b6), where nextMatchups logged an
  // expiry as an event of its own: flows that never expire anything keep their snapshots
  // and logs byte for byte.
  it('leaves the snapshot and log of a flow that never expires anything as they were', () => {
    const flow = timedWorkload(false);
    expect(flow.snapshot().checksum).toBe('1542e24d25a04e');
    expect(hashJsonValue(flow.events())).toBe('190334bcf20d55');
    expect(flow.events()).toHaveLength(289);
  });

  // Same commit: the expiring workload logged 272 events; an issue now says what it
  // expired, 33 events fewer, and the rest of the snapshot is as it was.
  it('changes only the event count of a flow that expires inside nextMatchups', () => {
    const flow = timedWorkload(true);
    const { checksum: _checksum, nextEventSequence, ...rest } = flow.snapshot();
    expect(hashJsonValue(rest)).toBe('1bbe11f98a6d20');
    const folded = flow.events().filter((event) => event.type === 'matchupsIssued' && event.expired !== undefined).length;
    expect(folded).toBe(33);
    expect(nextEventSequence).toBe(272 - folded);
    expect(replayRankingFlow(flow.config, flow.events(), { seed: 'pinned-expiry' }).snapshot()).toEqual(flow.snapshot());
  });
});

// Issue 14: expiry pops the heap entries of matchups answered or released, and of batches
// that completed, without an event, and the heaps drop them in bulk once they are the
// majority; a restored flow's heaps hold none of them. What expires, and in which order,
// must not depend on that.
describe('stale deadline entries', () => {
  it('are invisible: a flow restored mid-way goes on exactly as the flow that kept them', () => {
    const stale = { matchups: 0, batches: 0, compacted: { matchups: 0, batches: 0 }, compared: 0 };
    for (let run = 0; run < 2; run++) {
      const rng = createRng(`stale-${run}`);
      const timed: RankingFlowInput = { name: 'stale', instruction: 'Which?', maxResponses: 4, minResponses: 1, matchupTtlMs: 300, ttlMs: 2000, ...(run === 1 ? { scorer: 'bradleyTerry' as const } : {}) };
      const live = createRankingFlow(timed, { seed: run });
      type Heap = { size: number; compact(isLive: (key: number) => boolean): void };
      const internals = live as unknown as { ledger: { deadlines: Heap; pendingCount: number }; batchDeadlines: Heap };
      // Count the live flow's bulk drops of stale entries.
      for (const [heap, kind] of [[internals.ledger.deadlines, 'matchups'], [internals.batchDeadlines, 'batches']] as const) {
        const compact = heap.compact.bind(heap);
        heap.compact = (isLive) => {
          stale.compacted[kind]++;
          compact(isLive);
        };
      }
      let copy: RankingFlow | null = null;
      let now = 0;
      for (let step = 0; step < 3000; step++) {
        // The entries the live flow carries (a restored one has none).
        stale.matchups = Math.max(stale.matchups, internals.ledger.deadlines.size - internals.ledger.pendingCount);
        stale.batches = Math.max(stale.batches, internals.batchDeadlines.size - live.progress().pending);
        if (step % 500 === 250) copy = restoreRankingFlow(JSON.parse(text(live)));
        now += rng() < 0.995 ? 1 : 150;
        const u = rng();
        const pick = rng();
        const outcome = rng() < 0.5 ? ('left' as const) : ('right' as const);
        const size = 2 + Math.floor(rng() * 3);
        const call = (flow: RankingFlow): unknown => {
          if (u < 0.07) return flow.addBatch(Array.from({ length: size }, (_, i) => `${step}-${i}`), { now });
          if (u < 0.4) return flow.nextMatchups(6, { now });
          if (u < 0.42) return flow.expire(now);
          const pending = flow.pendingMatchups();
          if (pending.length === 0) return null;
          const matchup = pending[Math.floor(pick * pending.length)]!;
          if (u < 0.45) return flow.releaseMatchup(matchup.id);
          try {
            return flow.recordResponse(matchup.id, outcome, { now });
          } catch (error) {
            if (!(error instanceof RankingInputError)) throw error;
            return 'late';
          }
        };
        const expected = JSON.stringify(call(live) ?? null);
        if (copy === null) continue;
        expect(JSON.stringify(call(copy) ?? null)).toBe(expected);
        stale.compared++;
        if (step % 50 === 0) expect(text(copy)).toBe(text(live));
      }
      expect(text(copy!)).toBe(text(live));
      const from = copy!.events()[0]!.seq;
      expect(copy!.events(from)).toEqual(live.events(from));
    }
    // The live flows did carry stale entries, and dropped them in bulk now and then.
    expect(stale.matchups).toBeGreaterThan(32);
    expect(stale.batches).toBeGreaterThan(32);
    expect(stale.compacted.matchups).toBeGreaterThan(2);
    expect(stale.compacted.batches).toBeGreaterThan(2);
    expect(stale.compared).toBeGreaterThan(4000);
  });
});

describe('refused logs', () => {
  function history(): { events: RankingFlowEvent[] } {
    const rng = createRng('refusals');
    const clock = { now: 0, batches: 0 };
    const flow = createRankingFlow(config, { seed: 7 });
    for (let step = 0; step < 300; step++) nextStep(rng, flow, clock)(flow);
    return { events: JSON.parse(JSON.stringify(flow.events())) };
  }

  it('names the first event that does not fit', () => {
    const { events } = history();
    const expiresLater = (from: number) => events.some((event, i) => i > from && (event.type === 'expired' || (event.type === 'matchupsIssued' && event.expired !== undefined)));
    const expiry = events.findIndex((event, i) => event.type === 'expired' && expiresLater(i));
    const issue = events.findIndex((event) => event.type === 'matchupsIssued');
    const issueWithExpiry = events.findIndex((event) => event.type === 'matchupsIssued' && event.expired !== undefined);
    expect(expiry).toBeGreaterThan(0);
    expect(issueWithExpiry).toBeGreaterThan(0);
    // Another seed issues other matchups.
    expectInputError(() => replayRankingFlow(config, events, { seed: 8 }), `events[${issue}].matchups`);
    // A gap in seq.
    expectInputError(() => replayRankingFlow(config, [...events.slice(0, 3), ...events.slice(4)], { seed: 7 }), 'events[3].seq');
    // An expiry left out: the flow expires by itself at the next issue or expiry, whose event then differs.
    const dropped = events.filter((_, i) => i !== expiry).map((event, i) => ({ ...event, seq: i }));
    expect(() => replayRankingFlow(config, dropped, { seed: 7 })).toThrow(RankingInputError);
    // An issue's expiry left out, or one added to an issue that expired nothing.
    const { expired: _expired, ...bare } = events[issueWithExpiry] as Extract<RankingFlowEvent, { type: 'matchupsIssued' }>;
    expectInputError(() => replayRankingFlow(config, [...events.slice(0, issueWithExpiry), bare], { seed: 7 }), `events[${issueWithExpiry}].expired`);
    const added = { ...events[issue]!, expired: { matchupIds: [], batchIds: [] } };
    expectInputError(() => replayRankingFlow(config, [...events.slice(0, issue), added], { seed: 7 }), `events[${issue}].expired`);
    // An unknown type, an extra field, an edited outcome.
    expectInputError(() => replayRankingFlow(config, [{ ...events[0]!, type: 'batchRemoved' } as never], { seed: 7 }), 'events[0].type');
    expectInputError(() => replayRankingFlow(config, [{ ...events[0]!, extra: 1 } as never], { seed: 7 }), 'events[0].extra');
    const response = events.findIndex((event) => event.type === 'responseRecorded');
    const edited = events.slice(0, response + 1).map((event, i) => (i === response ? { ...event, matchupId: 'm999999' } : event));
    expectInputError(() => replayRankingFlow(config, edited, { seed: 7 }), `events[${response}]`);
  });
});
