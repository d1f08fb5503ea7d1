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

describe('refused logs', () => {
  function history(): { events: RankingFlowEvent[] } {
    const rng = createRng('refusals');
    const clock = { now: 0, batches: 0 };
    const flow = createRankingFlow(config, { seed: 7 });
    for (let step = 0; step < 120; step++) nextStep(rng, flow, clock)(flow);
    return { events: JSON.parse(JSON.stringify(flow.events())) };
  }

  it('names the first event that does not fit', () => {
    const { events } = history();
    const expiry = events.findIndex((event) => event.type === 'expired');
    const issue = events.findIndex((event) => event.type === 'matchupsIssued');
    expect(expiry).toBeGreaterThan(0);
    // Another seed issues other matchups.
    expectInputError(() => replayRankingFlow(config, events, { seed: 8 }), `events[${issue}].matchups`);
    // A gap in seq.
    expectInputError(() => replayRankingFlow(config, [...events.slice(0, 3), ...events.slice(4)], { seed: 7 }), 'events[3].seq');
    // An expiry left out: the flow expires by itself at the next issue or expiry, and says an event is missing.
    const dropped = events.filter((_, i) => i !== expiry).map((event, i) => ({ ...event, seq: i }));
    expect(() => replayRankingFlow(config, dropped, { seed: 7 })).toThrow(RankingInputError);
    // An unknown type, an extra field, an edited outcome.
    expectInputError(() => replayRankingFlow(config, [{ ...events[0]!, type: 'batchRemoved' } as never], { seed: 7 }), 'events[0].type');
    expectInputError(() => replayRankingFlow(config, [{ ...events[0]!, extra: 1 } as never], { seed: 7 }), 'events[0].extra');
    const response = events.findIndex((event) => event.type === 'responseRecorded');
    const edited = events.slice(0, response + 1).map((event, i) => (i === response ? { ...event, matchupId: 'm999999' } : event));
    expectInputError(() => replayRankingFlow(config, edited, { seed: 7 }), `events[${response}]`);
  });
});
