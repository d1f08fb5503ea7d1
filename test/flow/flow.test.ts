// Ranking flows: batch statuses, fairness, pairing, results, contexts, expiry and the
// memory a closed batch gives back.
import { describe, expect, it } from 'vitest';
import { RankingInputError, createRankingFlow, replayRankingFlow, updateElo, type RankingFlow, type RankingFlowEvent, type RankingFlowInput } from '../../src/index.js';

const base: RankingFlowInput = { name: 'flow', instruction: 'Which is better?', maxResponses: 4, minResponses: 2 };

function flowOf(overrides: Partial<RankingFlowInput> = {}, seed: string | number = 1): RankingFlow {
  return createRankingFlow({ ...base, ...overrides }, { seed });
}

// Answers `count` matchups (one at a time) at `now`, the left side winning.
function answer(flow: RankingFlow, count: number, now: number, outcome: 'left' | 'right' | 'draw' = 'left'): void {
  for (let k = 0; k < count; k++) {
    const [matchup] = flow.nextMatchups(1, { now });
    if (matchup === undefined) return;
    flow.recordResponse(matchup.id, outcome, { now });
  }
}

describe('batch statuses', () => {
  it('completes a batch at its target responses, and closes it', () => {
    const flow = flowOf();
    const batch = flow.addBatch(['a', 'b', 'c'], { now: 0, ttlMs: 100 });
    answer(flow, 3, 1);
    expect(flow.batchStatus(batch).status).toBe('pending');
    answer(flow, 1, 2);
    expect(flow.batchStatus(batch)).toMatchObject({ status: 'completed', responses: 4, pending: 0 });
    expect(flow.nextMatchups(5, { now: 3 })).toEqual([]);
    // Its time running out later changes nothing.
    expect(flow.expire(500)).toEqual({ matchupIds: [], batchIds: [] });
    expect(flow.batchStatus(batch).status).toBe('completed');
  });

  it('ends incomplete with at least minResponses when time runs out, expired below', () => {
    const flow = flowOf();
    const enough = flow.addBatch(['a', 'b'], { now: 0, ttlMs: 100 });
    const short = flow.addBatch(['c', 'd'], { now: 0, ttlMs: 100 });
    // Fairness alternates between the two: two answers each, then one more for each.
    answer(flow, 3, 1);
    const pending = flow.nextMatchups(1, { now: 2 });
    expect(flow.batchStatus(enough)).toMatchObject({ responses: 2, pending: 0 });
    expect(flow.batchStatus(short)).toMatchObject({ responses: 1, pending: 1 });
    // At the deadline exactly, both close; the pending matchup expires with its batch.
    expect(flow.expire(100)).toEqual({ matchupIds: [pending[0]!.id], batchIds: [enough, short] });
    expect(flow.batchStatus(enough).status).toBe('incomplete');
    expect(flow.batchStatus(short).status).toBe('expired');
    expect(() => flow.recordResponse(pending[0]!.id, 'left')).toThrow(/expired/);
    expect(flow.progress()).toMatchObject({ pending: 0, incomplete: 1, expired: 1, pendingMatchups: 0, available: 0 });
  });

  it('with minResponses 0 a batch that runs out of time is incomplete, and without a time limit it never closes', () => {
    const flow = flowOf({ minResponses: 0 });
    const timed = flow.addBatch(['a', 'b'], { now: 0, ttlMs: 10 });
    const untimed = flow.addBatch(['c', 'd'], { now: 0 });
    flow.expire(1e15);
    expect(flow.batchStatus(timed).status).toBe('incomplete');
    expect(flow.batchStatus(untimed)).toMatchObject({ status: 'pending', deadline: null });
  });

  it('counts targets per datapoint with responsesPer datapoint', () => {
    const flow = flowOf({ responsesPer: 'datapoint', maxResponses: 3, minResponses: 1 });
    const batch = flow.addBatch(['a', 'b', 'c', 'd', 'e'], { now: 0 });
    expect(flow.batchStatus(batch)).toMatchObject({ maxResponses: 15, minResponses: 5 });
    answer(flow, 20, 1);
    expect(flow.batchStatus(batch)).toMatchObject({ status: 'completed', responses: 15 });
  });

  it('takes the configuration ttlMs as the default, and an explicit null as none', () => {
    const flow = flowOf({ ttlMs: 50 });
    expect(flow.batchStatus(flow.addBatch(['a', 'b'], { now: 10 })).deadline).toBe(60);
    expect(flow.batchStatus(flow.addBatch(['a', 'b'], { now: 10, ttlMs: null })).deadline).toBeNull();
    expect(flow.batchStatus(flow.addBatch(['a', 'b'], { now: 10, ttlMs: 5 })).deadline).toBe(15);
  });
});

describe('serving matchups', () => {
  it('gives each matchup to the batch with the smallest share of its target taken, ties to the older batch', () => {
    const flow = flowOf({ responsesPer: 'datapoint', maxResponses: 1, minResponses: 0 });
    flow.addBatch(['a', 'b'], { now: 0 }); // target 2
    flow.addBatch(['c', 'd', 'e', 'f'], { now: 0 }); // target 4
    // Shares: b1 0/2, b2 0/4 → b1; 1/2 vs 0/4 → b2; 1/2 vs 1/4 → b2; 1/2 vs 2/4 → b1 (older); …
    expect(flow.nextMatchups(6, { now: 1 }).map((matchup) => matchup.batch)).toEqual(['b1', 'b2', 'b2', 'b1', 'b2', 'b2']);
    expect(flow.nextMatchups(6, { now: 1 })).toEqual([]);
  });

  it('serves the open batches before anything else, whatever their age', () => {
    const flow = flowOf({ maxResponses: 2 });
    flow.addBatch(['a', 'b'], { now: 0 });
    answer(flow, 1, 1);
    flow.addBatch(['c', 'd'], { now: 2 });
    expect(flow.nextMatchups(1, { now: 3 })[0]!.batch).toBe('b2');
  });

  // Regression (issue 14, one event per call): the expiry was logged as an event of its own before the
  // issue, two events for one call; a job logs one event per call.
  it('closes the batches due at now before issuing, logging one event that says both', () => {
    const flow = flowOf({ matchupTtlMs: 5 });
    flow.addBatch(['a', 'b'], { now: 0, ttlMs: 10 });
    flow.addBatch(['c', 'd'], { now: 0, ttlMs: 100 });
    const [early] = flow.nextMatchups(1, { now: 1 });
    const before = flow.events().length;
    const issued = flow.nextMatchups(3, { now: 10 });
    expect(issued.map((matchup) => matchup.batch)).toEqual(['b2', 'b2', 'b2']);
    const logged = flow.events(before);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toEqual({ seq: before, type: 'matchupsIssued', now: 10, matchups: issued.map(({ context: _context, ...record }) => record), expired: { matchupIds: [early!.id], batchIds: ['b1'] } });
    expect(flow.batchStatus('b1').status).toBe('expired');
    // An issue with nothing due has no expired field.
    expect(flow.nextMatchups(1, { now: 11 })).toHaveLength(1);
    expect(Object.keys(flow.events(before + 1)[0]!)).toEqual(['seq', 'type', 'now', 'matchups']);
  });

  it('logs an expired event when nextMatchups expires something and has nothing to issue', () => {
    const flow = flowOf({ maxResponses: 1, minResponses: 0 });
    flow.addBatch(['a', 'b'], { now: 0, ttlMs: 10 });
    flow.nextMatchups(1, { now: 1 });
    const before = flow.events().length;
    expect(flow.nextMatchups(2, { now: 10 })).toEqual([]);
    expect(flow.events(before)).toEqual([{ seq: before, type: 'expired', now: 10, matchupIds: ['m1'], batchIds: ['b1'] }]);
    expect(flow.batchStatus('b1').status).toBe('incomplete');
    // Nothing due and nothing to issue: no event.
    expect(flow.nextMatchups(2, { now: 20 })).toEqual([]);
    expect(flow.events()).toHaveLength(before + 1);
  });

  it('replays a log written before issues said what they expired (an expired event, then the issue)', () => {
    const config: RankingFlowInput = { ...base, matchupTtlMs: 5 };
    const flow = createRankingFlow(config, { seed: 3 });
    flow.addBatch(['a', 'b', 'c'], { now: 0, ttlMs: 50 });
    flow.nextMatchups(2, { now: 1 });
    flow.nextMatchups(2, { now: 8 });
    const events = flow.events();
    const issue = events[2] as Extract<RankingFlowEvent, { type: 'matchupsIssued' }>;
    expect(issue.expired).toEqual({ matchupIds: ['m1', 'm2'], batchIds: [] });
    // The same history as the earlier versions logged it: the expiry first, as expire(now) logs it.
    const { expired, ...bare } = issue;
    const older = [...events.slice(0, 2), { seq: 2, type: 'expired' as const, now: 8, ...expired! }, { ...bare, seq: 3 }];
    const replayed = replayRankingFlow(config, older, { seed: 3 });
    expect(replayed.events()).toEqual(older);
    const { checksum: _a, nextEventSequence: _b, ...body } = flow.snapshot();
    const { checksum: _c, nextEventSequence: next, ...replayedBody } = replayed.snapshot();
    expect(replayedBody).toEqual(body);
    expect(next).toBe(4);
  });

  it('anchors close matchups on the least-compared datapoints: after m matchups each is in at least ⌊2m / n⌋', () => {
    const flow = flowOf({ randomComparisonsRatio: 0, maxResponses: 60 });
    const batch = flow.addBatch(['a', 'b', 'c', 'd', 'e', 'f'], { now: 0 });
    for (let m = 1; m <= 30; m++) {
      answer(flow, 1, m, m % 3 === 0 ? 'right' : 'left');
      const least = Math.min(...flow.batchResults(batch).entries.map((entry) => entry.comparisons));
      // Each matchup raises the least-compared datapoint (the anchor), so the minimum rises every n / 2 or so.
      expect(least).toBeGreaterThanOrEqual(Math.floor(m / 6));
    }
    expect(flow.nextMatchups(5, { now: 99 }).every((matchup) => matchup.kind === 'close')).toBe(true);
  });

  it('issues only random matchups at ratio 1 and only close ones at ratio 0', () => {
    for (const [ratio, kind] of [[1, 'random'], [0, 'close']] as const) {
      const flow = flowOf({ randomComparisonsRatio: ratio, maxResponses: 50 });
      flow.addBatch(['a', 'b', 'c', 'd'], { now: 0 });
      expect(new Set(flow.nextMatchups(50, { now: 1 }).map((matchup) => matchup.kind))).toEqual(new Set([kind]));
    }
  });

  it('returns the batch context with every matchup, as a frozen copy', () => {
    const flow = flowOf();
    const assets = ['left.png', 'right.png'];
    const context = { text: 'a red fox in the snow', assets };
    flow.addBatch(['a', 'b', 'c'], { now: 0, context });
    assets.push('later.png');
    context.text = 'changed';
    const [matchup] = flow.nextMatchups(1, { now: 1 });
    expect(matchup!.context).toEqual({ text: 'a red fox in the snow', assets: ['left.png', 'right.png'] });
    expect(Object.isFrozen(matchup!.context)).toBe(true);
    expect(Object.isFrozen(matchup!.context!.assets)).toBe(true);
    flow.addBatch(['c', 'd'], { now: 0 });
    expect(flow.nextMatchups(4, { now: 1 }).filter((m) => m.batch === 'b2').every((m) => m.context === null)).toBe(true);
  });
});

describe('responses', () => {
  it('updates the batch Elo ratings at once, as updateElo does, zero-sum', () => {
    const flow = flowOf({ maxResponses: 10 });
    const batch = flow.addBatch(['a', 'b'], { now: 0 });
    const [matchup] = flow.nextMatchups(1, { now: 1 });
    flow.recordResponse(matchup!.id, 'left');
    const [winner, loser] = updateElo(1200, 1200, 1);
    const result = flow.batchResults(batch);
    expect(result.entries).toEqual([
      { rank: 1, datapoint: matchup!.left, score: winner, wins: 1, losses: 0, draws: 0, comparisons: 1 },
      { rank: 2, datapoint: matchup!.right, score: loser, wins: 0, losses: 1, draws: 0, comparisons: 1 },
    ]);
  });

  it('gives equal scores one competition rank and keeps input order', () => {
    const flow = flowOf({ maxResponses: 10 });
    const batch = flow.addBatch(['x', 'y', 'z'], { now: 0 });
    expect(flow.batchResults(batch).entries.map((entry) => [entry.rank, entry.datapoint])).toEqual([
      [1, 'x'],
      [1, 'y'],
      [1, 'z'],
    ]);
  });

  it('ignores a retried response id while the batch is open, and refuses every response once it closed', () => {
    const flow = flowOf({ maxResponses: 2 });
    flow.addBatch(['a', 'b'], { now: 0 });
    const [first, second] = flow.nextMatchups(2, { now: 1 });
    expect(flow.recordResponse(first!.id, 'left', { responseId: 'delivery-1' })).toBe(true);
    expect(flow.recordResponse(first!.id, 'right', { responseId: 'delivery-1' })).toBe(false);
    expect(() => flow.recordResponse(first!.id, 'right', { responseId: 'delivery-2' })).toThrow(/already answered/);
    flow.recordResponse(second!.id, 'left', { responseId: 'delivery-3' });
    expect(flow.batchStatus('b1').status).toBe('completed');
    expect(() => flow.recordResponse(first!.id, 'left', { responseId: 'delivery-1' })).toThrow(RankingInputError);
  });

  it('refuses an answer at or past the matchup deadline or the batch deadline, changing nothing', () => {
    const flow = flowOf({ matchupTtlMs: 30, maxResponses: 5 });
    flow.addBatch(['a', 'b'], { now: 0, ttlMs: 50 });
    const [early] = flow.nextMatchups(1, { now: 0 });
    expect(() => flow.recordResponse(early!.id, 'left', { now: 30 })).toThrow(/ran out of time at 30/);
    const [late] = flow.nextMatchups(1, { now: 40 });
    expect(() => flow.recordResponse(late!.id, 'left', { now: 50 })).toThrow(/ran out of time at 50/);
    expect(flow.recordResponse(late!.id, 'left', { now: 49 })).toBe(true);
    // The early one expired when the late one was issued (nextMatchups expires what is due first).
    expect(flow.batchStatus('b1')).toMatchObject({ responses: 1, pending: 0 });
    expect(() => flow.recordResponse(early!.id, 'left')).toThrow(/expired/);
  });

  it('returns a released matchup to its batch', () => {
    const flow = flowOf({ maxResponses: 1, minResponses: 1 });
    flow.addBatch(['a', 'b'], { now: 0 });
    const [matchup] = flow.nextMatchups(1, { now: 1 });
    expect(flow.nextMatchups(1, { now: 1 })).toEqual([]);
    flow.releaseMatchup(matchup!.id);
    expect(() => flow.releaseMatchup(matchup!.id)).toThrow(/was released/);
    expect(flow.nextMatchups(1, { now: 1 })).toHaveLength(1);
  });
});

describe('closing and forgetting', () => {
  it('keeps a closed batch result, and forgetBatch drops it', () => {
    const flow = flowOf({ maxResponses: 1, minResponses: 1 });
    const batch = flow.addBatch(['a', 'b'], { now: 0 });
    answer(flow, 1, 1, 'right');
    const result = flow.batchResults(batch);
    expect(result.status).toBe('completed');
    expect(() => flow.forgetBatch('b2')).toThrow(/unknown batch/);
    flow.forgetBatch(batch);
    expect(() => flow.batchResults(batch)).toThrow(/forgotten/);
    expect(() => flow.forgetBatch(batch)).toThrow(/forgotten/);
    expect(flow.progress()).toMatchObject({ completed: 1, forgotten: 1 });
    const other = flowOf();
    expect(() => other.forgetBatch(other.addBatch(['a', 'b'], { now: 0 }))).toThrow(/still pending/);
  });

  it('reuses the memory of closed batches: a stream of batches keeps its live columns at the size of those open at once', () => {
    const flow = flowOf({ maxResponses: 2, minResponses: 1 });
    const internals = flow as unknown as { live: { offsets: Float64Array }; results: { offsets: Float64Array } };
    for (let round = 0; round < 200; round++) {
      const added: string[] = [];
      for (let k = 0; k < 10; k++) added.push(flow.addBatch(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], { now: round, ttlMs: 1 }));
      answer(flow, 5, round);
      flow.expire(round + 1);
      for (const id of added) flow.forgetBatch(id);
    }
    // 2 000 batches of 8 went through; the live columns hold about the 10 open at once.
    expect(flow.progress()).toMatchObject({ added: 2000, pending: 0 });
    expect(internals.live.offsets.length).toBeLessThanOrEqual(1024);
    expect(internals.results.offsets.length).toBeLessThanOrEqual(1024);
  });
});
