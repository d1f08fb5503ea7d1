// Hostile inputs to ranking flows: bad configurations and arguments (each refused with a
// RankingInputError naming the field, nothing changed), arguments that change between
// reads or call back into the flow, and edited snapshots, resealed so the structural
// checks (not the checksum) must catch them. The distinct inputs tried are counted by
// class and printed.
import { afterAll, describe, expect, it } from 'vitest';
import { RankingInputError, createRankingFlow, createRng, restoreRankingFlow, type RankingFlow, type RankingFlowInput, type RankingFlowSnapshot } from '../../src/index.js';
import { hashJsonValue } from '../../src/persistence/checksum.js';
import { expectInputError } from '../helpers.js';
import { HostileTally, arrayWithChangingElement, objectWithChangingKey, proxyWithChangingElement, proxyWithChangingKey } from './changingValues.js';

const tally = new HostileTally();
afterAll(() => console.log(`flow hostile inputs: ${JSON.stringify(tally.counts())}`));

const config: RankingFlowInput = { name: 'hostile', instruction: 'Which is better?', maxResponses: 4, minResponses: 2, matchupTtlMs: 100, ttlMs: 1000 };

// A flow in the middle of things: pending batches (one with a context and odd ids), closed
// ones of every status, a forgotten one, pending matchups and kept response ids.
function busyFlow(): RankingFlow {
  const flow = createRankingFlow(config, { seed: 'busy' });
  flow.addBatch(['a', 'b', 'c'], { now: 0, ttlMs: 10 }); // expires below its minimum
  flow.addBatch(['d', 'e'], { now: 0, ttlMs: 60 }); // ends incomplete
  flow.addBatch(['f', 'g', 'h', 'i'], { now: 0 });
  flow.addBatch(['__proto__', 'constructor', '🐇'], { now: 0, ttlMs: 5000, context: { text: 'a fox', assets: ['fox.png'] } });
  flow.addBatch(['j', 'k'], { now: 0, ttlMs: null });
  for (const matchup of flow.nextMatchups(12, { now: 20 })) {
    if (matchup.batch !== 'b1') flow.recordResponse(matchup.id, 'left', { now: 21, responseId: `r-${matchup.id}` });
  }
  flow.expire(70);
  flow.nextMatchups(4, { now: 80 });
  const [first] = flow.pendingMatchups();
  flow.releaseMatchup(first!.id);
  const b5 = flow.batchStatus('b5');
  if (b5.status === 'completed') flow.forgetBatch('b5');
  flow.nextMatchups(2, { now: 90 });
  return flow;
}

function reseal(snapshot: Record<string, unknown>): RankingFlowSnapshot {
  const { checksum: _checksum, format, version, ...body } = snapshot;
  return { format, version, checksum: hashJsonValue(body), ...body } as unknown as RankingFlowSnapshot;
}

describe('configurations', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['name missing', { name: undefined }, 'name'],
    ['name empty', { name: '' }, 'name'],
    ['instruction a number', { instruction: 5 }, 'instruction'],
    ['maxResponses 0', { maxResponses: 0 }, 'maxResponses'],
    ['maxResponses fractional', { maxResponses: 1.5 }, 'maxResponses'],
    ['maxResponses NaN', { maxResponses: Number.NaN }, 'maxResponses'],
    ['maxResponses over a million', { maxResponses: 1_000_001 }, 'maxResponses'],
    ['maxResponses a string', { maxResponses: '5' }, 'maxResponses'],
    ['minResponses negative', { minResponses: -1 }, 'minResponses'],
    ['minResponses above max', { minResponses: 5 }, 'minResponses'],
    ['minResponses null', { minResponses: null }, 'minResponses'],
    ['responsesPer unknown', { responsesPer: 'item' }, 'responsesPer'],
    ['ratio below 0', { randomComparisonsRatio: -0.1 }, 'randomComparisonsRatio'],
    ['ratio NaN', { randomComparisonsRatio: Number.NaN }, 'randomComparisonsRatio'],
    ['candidates 0', { closeMatchCandidates: 0 }, 'closeMatchCandidates'],
    ['candidates 65', { closeMatchCandidates: 65 }, 'closeMatchCandidates'],
    ['matchupTtlMs 0', { matchupTtlMs: 0 }, 'matchupTtlMs'],
    ['matchupTtlMs Infinity', { matchupTtlMs: Number.POSITIVE_INFINITY }, 'matchupTtlMs'],
    ['ttlMs negative', { ttlMs: -5 }, 'ttlMs'],
    ['ttlMs a string', { ttlMs: '60' }, 'ttlMs'],
    ['elo scale 0', { elo: { scale: 0 } }, 'elo.scale'],
    ['elo kFactor too large', { elo: { kFactor: 1e10 } }, 'elo.kFactor'],
    ['elo initialRating too far', { elo: { initialRating: 1e12 } }, 'elo.initialRating'],
    ['elo unknown key', { elo: { k: 3 } }, 'elo.k'],
    ['elo null', { elo: null }, 'elo'],
    ['unknown option', { pairing: 'sort' }, 'pairing'],
    ['misspelt option', { maxResponse: 3 }, 'maxResponse'],
  ];
  it.each(cases)('refuses %s', (name, change, path) => {
    tally.note('configuration', name);
    expectInputError(() => createRankingFlow({ ...config, ...change } as RankingFlowInput), path);
  });

  it('refuses configurations and options that are not objects, and generators it cannot save', () => {
    for (const [name, value] of [['null', null], ['array', []], ['string', 'flow']] as const) {
      tally.note('configuration', `config ${name}`);
      expectInputError(() => createRankingFlow(value as never), 'config');
    }
    tally.note('options', 'seed NaN');
    expectInputError(() => createRankingFlow(config, { seed: Number.NaN }), 'options.seed');
    tally.note('options', 'rng a plain function');
    expectInputError(() => createRankingFlow(config, { rng: (() => 0.5) as never }), 'options.rng');
    tally.note('options', 'seed and rng');
    expectInputError(() => createRankingFlow(config, { seed: 1, rng: createRng(1) }), 'options');
    tally.note('options', 'unknown option');
    expectInputError(() => createRankingFlow(config, { clock: 1 } as never), 'options.clock');
  });
});

describe('calls', () => {
  function refused(flow: RankingFlow, kind: string, name: string, call: () => unknown, path: string): void {
    tally.note(kind, name);
    const before = JSON.stringify(flow.snapshot());
    expectInputError(call, path);
    expect(JSON.stringify(flow.snapshot())).toBe(before);
  }

  it('refuses bad batches and options, changing nothing', () => {
    const flow = busyFlow();
    const add = (datapoints: unknown, options: unknown) => () => flow.addBatch(datapoints as never, options as never);
    refused(flow, 'addBatch', 'datapoints not an array', add('abc', { now: 0 }), 'datapoints');
    refused(flow, 'addBatch', 'one datapoint', add(['a'], { now: 0 }), 'datapoints');
    refused(flow, 'addBatch', '1001 datapoints', add(Array.from({ length: 1001 }, (_, i) => `d${i}`), { now: 0 }), 'datapoints');
    refused(flow, 'addBatch', 'a number id', add(['a', 7], { now: 0 }), 'datapoints[1]');
    refused(flow, 'addBatch', 'an empty id', add(['a', ''], { now: 0 }), 'datapoints[1]');
    refused(flow, 'addBatch', 'a duplicate id', add(['a', 'b', 'a'], { now: 0 }), 'datapoints[2]');
    refused(flow, 'addBatch', 'a duplicate among many', add([...Array.from({ length: 20 }, (_, i) => `d${i}`), 'd3'], { now: 0 }), 'datapoints[20]');
    // eslint-disable-next-line no-sparse-arrays
    refused(flow, 'addBatch', 'a hole', add(['a', , 'b'], { now: 0 }), 'datapoints[1]');
    refused(flow, 'addBatch', 'options missing', add(['a', 'b'], undefined), 'options');
    refused(flow, 'addBatch', 'now missing', add(['a', 'b'], {}), 'options.now');
    refused(flow, 'addBatch', 'now Infinity', add(['a', 'b'], { now: Number.POSITIVE_INFINITY }), 'options.now');
    refused(flow, 'addBatch', 'ttlMs 0', add(['a', 'b'], { now: 0, ttlMs: 0 }), 'options.ttlMs');
    refused(flow, 'addBatch', 'ttlMs NaN', add(['a', 'b'], { now: 0, ttlMs: Number.NaN }), 'options.ttlMs');
    refused(flow, 'addBatch', 'deadline overflows', add(['a', 'b'], { now: 1e308, ttlMs: 1e308 }), 'options.now');
    refused(flow, 'addBatch', 'deadline rounds back to now', add(['a', 'b'], { now: 2 ** 60, ttlMs: 0.1 }), 'options.now');
    refused(flow, 'addBatch', 'context text empty', add(['a', 'b'], { now: 0, context: { text: '' } }), 'options.context.text');
    refused(flow, 'addBatch', 'context a string', add(['a', 'b'], { now: 0, context: 'fox' }), 'options.context');
    refused(flow, 'addBatch', 'context assets not an array', add(['a', 'b'], { now: 0, context: { text: 'x', assets: 'a.png' } }), 'options.context.assets');
    refused(flow, 'addBatch', '1001 assets', add(['a', 'b'], { now: 0, context: { text: 'x', assets: Array.from({ length: 1001 }, (_, i) => `${i}.png`) } }), 'options.context.assets');
    refused(flow, 'addBatch', 'context text over 100 000 characters', add(['a', 'b'], { now: 0, context: { text: 'x'.repeat(100_001) } }), 'options.context.text');
    refused(flow, 'addBatch', 'an empty asset', add(['a', 'b'], { now: 0, context: { text: 'x', assets: ['a.png', ''] } }), 'options.context.assets[1]');
    refused(flow, 'addBatch', 'unknown context key', add(['a', 'b'], { now: 0, context: { text: 'x', image: 'a.png' } }), 'options.context.image');
    refused(flow, 'addBatch', 'unknown option', add(['a', 'b'], { now: 0, budget: 5 }), 'options.budget');
  });

  it('refuses bad matchup calls, changing nothing', () => {
    const flow = busyFlow();
    const pending = flow.pendingMatchups()[0]!.id;
    refused(flow, 'nextMatchups', 'limit 0', () => flow.nextMatchups(0, { now: 100 }), 'limit');
    refused(flow, 'nextMatchups', 'limit fractional', () => flow.nextMatchups(1.5, { now: 100 }), 'limit');
    refused(flow, 'nextMatchups', 'limit a string', () => flow.nextMatchups('2' as never, { now: 100 }), 'limit');
    refused(flow, 'nextMatchups', 'options missing', () => flow.nextMatchups(2, undefined as never), 'options');
    refused(flow, 'nextMatchups', 'now NaN', () => flow.nextMatchups(2, { now: Number.NaN }), 'options.now');
    refused(flow, 'nextMatchups', 'now where the matchup limit rounds away', () => flow.nextMatchups(2, { now: 2 ** 80 }), 'options.now');
    refused(flow, 'nextMatchups', 'unknown option', () => flow.nextMatchups(2, { now: 100, later: 1 } as never), 'options.later');
    for (const id of ['', 'm0', 'm01', 'm1e3', 'M1', '__proto__', 'm99999999999999999999', 'b1']) {
      refused(flow, 'matchup ids', JSON.stringify(id), () => flow.recordResponse(id, 'left'), 'matchupId');
    }
    refused(flow, 'matchup ids', 'a number', () => flow.recordResponse(1 as never, 'left'), 'matchupId');
    refused(flow, 'recordResponse', 'outcome sideways', () => flow.recordResponse(pending, 'sideways' as never), 'outcome');
    refused(flow, 'recordResponse', 'responseId a number', () => flow.recordResponse(pending, 'left', { responseId: 5 as never }), 'options.responseId');
    refused(flow, 'recordResponse', 'labelerId empty', () => flow.recordResponse(pending, 'left', { labelerId: '' }), 'options.labelerId');
    refused(flow, 'recordResponse', 'now a string', () => flow.recordResponse(pending, 'left', { now: 'soon' as never }), 'options.now');
    refused(flow, 'recordResponse', 'past the deadline', () => flow.recordResponse(pending, 'left', { now: 1e9 }), 'matchupId');
    refused(flow, 'releaseMatchup', 'an answered matchup', () => flow.releaseMatchup('m2'), 'matchupId');
    refused(flow, 'expire', 'now NaN', () => flow.expire(Number.NaN), 'now');
    for (const id of ['b0', 'b01', 'b999', '__proto__', 'm1']) refused(flow, 'batch ids', JSON.stringify(id), () => flow.batchStatus(id), 'batchId');
    refused(flow, 'batch ids', 'a number', () => flow.batchResults(3 as never), 'batchId');
    refused(flow, 'forgetBatch', 'a pending batch', () => flow.forgetBatch('b3'), 'batchId');
    refused(flow, 'events', 'fromIndex negative', () => flow.events(-1), 'fromIndex');
    refused(flow, 'events', 'fromIndex past the end', () => flow.events(1e9), 'fromIndex');
  });

  it('reads every argument once, and refuses calls back into the flow from a getter', () => {
    const flow = createRankingFlow(config, { seed: 'reads' });
    const ids = ['a', 'b', 'c'];
    for (const [name, make] of [['getter', arrayWithChangingElement], ['proxy', proxyWithChangingElement]] as const) {
      tally.note('changing arguments', `ids ${name}`);
      const { value, reads } = make(ids, 1, 'a');
      const batch = flow.addBatch(value, { now: 0 });
      expect(reads.count).toBe(1);
      expect(flow.batchResults(batch).entries.map((entry) => entry.datapoint).sort()).toEqual(['a', 'b', 'c']);
    }
    for (const [name, make] of [['getter', objectWithChangingKey], ['proxy', proxyWithChangingKey]] as const) {
      tally.note('changing arguments', `now ${name}`);
      const { value, reads } = make({ now: 5 }, 'now', Number.NaN);
      expect(flow.nextMatchups(1, value)).toHaveLength(1);
      expect(reads.count).toBe(1);
      tally.note('changing arguments', `context ${name}`);
      const context = make({ text: 'fox' }, 'text', '');
      const batch = flow.addBatch(['x', 'y'], { now: 0, context: context.value });
      expect(flow.batchStatus(batch).context).toEqual({ text: 'fox' });
      expect(context.reads.count).toBe(1);
    }
    tally.note('call backs', 'nextMatchups from a getter of now');
    let inner: unknown = null;
    const options = objectWithChangingKey({ now: 6 }, 'now', 6, 1, () => {
      try {
        flow.nextMatchups(1, { now: 6 });
      } catch (error) {
        inner = error;
      }
    });
    const before = flow.progress().issued;
    expect(flow.nextMatchups(1, options.value)).toHaveLength(1);
    expect(inner).toBeInstanceOf(RankingInputError);
    expect((inner as RankingInputError).path).toBe('flow');
    expect(flow.progress().issued).toBe(before + 1);
  });
});

describe('snapshots', () => {
  const snapshot = busyFlow().snapshot();
  const text = JSON.stringify(snapshot);

  it('restores the busy flow exactly, "__proto__" ids and contexts included', () => {
    expect(JSON.stringify(restoreRankingFlow(JSON.parse(text)).snapshot())).toBe(text);
    const body = JSON.parse(text);
    expect(body.batches.statuses).toMatch(/e/);
    expect(body.batches.statuses).toMatch(/i/);
    expect(body.matchups.pending.length).toBeGreaterThan(0);
    expect(body.matchups.responseIds.length).toBeGreaterThan(0);
  });

  // Each edit, resealed, and the path restore must name.
  const edits: [string, (s: any) => void, string][] = [
    ['format', (s) => (s.format = 'pairwise-elo/job'), 'snapshot.format'],
    ['version', (s) => (s.version = 2), 'snapshot.version'],
    ['extra key', (s) => (s.extra = 1), 'snapshot.extra'],
    ['config missing a default', (s) => delete s.config.responsesPer, 'snapshot.config'],
    ['config value out of range', (s) => (s.config.maxResponses = 0), 'snapshot.config.maxResponses'],
    ['config elo out of range', (s) => (s.config.elo.scale = -1), 'snapshot.config.elo.scale'],
    ['rng fractional carry', (s) => (s.rng.c = 0.5), 'snapshot.rng.c'],
    ['rng null', (s) => (s.rng = null), 'snapshot.rng'],
    ['nextEventSequence too small', (s) => (s.nextEventSequence = 0), 'snapshot.nextEventSequence'],
    ['nextEventSequence too large', (s) => (s.nextEventSequence = 1e6), 'snapshot.nextEventSequence'],
    ['batch status unknown', (s) => (s.batches.statuses = `x${s.batches.statuses.slice(1)}`), 'snapshot.batches.statuses'],
    ['size 1', (s) => (s.batches.pending.sizes[0] = 1), 'snapshot.batches.pending.sizes[0]'],
    ['column too short', (s) => s.batches.pending.offsets.pop(), 'snapshot.batches.pending.offsets'],
    ['responses at the target while pending', (s) => (s.batches.pending.responses[0] = 4), 'snapshot.batches.pending.responses[0]'],
    ['expired batch at its minimum', (s) => (s.batches.closed.responses[0] = 2), 'snapshot.batches.closed.responses[0]'],
    ['deadline before addedAt', (s) => (s.batches.pending.deadlines[0] = -1), 'snapshot.batches.pending.deadlines[0]'],
    ['timed-out batch without a deadline', (s) => (s.batches.closed.deadlines[0] = null), 'snapshot.batches.closed.deadlines[0]'],
    ['duplicate datapoint', (s) => (s.batches.pending.datapoints[1] = s.batches.pending.datapoints[0]), 'snapshot.batches.pending.datapoints[1]'],
    ['empty datapoint', (s) => (s.batches.closed.datapoints[0] = ''), 'snapshot.batches.closed.datapoints[0]'],
    ['offset off the grid', (s) => (s.batches.pending.offsets[0] += 1e-9), 'snapshot.batches.pending.offsets[0]'],
    ['offsets not zero-sum', (s) => {
      const { offsets, wins } = s.batches.pending;
      const i = wins.findIndex((w: number) => w > 0);
      offsets[i] += 1;
    }, 'snapshot.batches.pending.offsets[0]'],
    ['offset beyond K per comparison', (s) => {
      const { offsets, sizes } = s.batches.pending;
      offsets[0] = 1e6;
      offsets[sizes[0] - 1] -= 1e6;
    }, 'snapshot.batches.pending.offsets[0]'],
    ['wins not equal to losses', (s) => (s.batches.pending.wins[0] += 1), 'snapshot.batches.pending.wins[0]'],
    ['tie key 1', (s) => (s.batches.pending.tieKeys[0] = 1), 'snapshot.batches.pending.tieKeys[0]'],
    ['last opponent itself', (s) => (s.batches.pending.lastOpponent[0] = 0), 'snapshot.batches.pending.lastOpponent[0]'],
    ['last opponent out of range', (s) => (s.batches.pending.lastOpponent[0] = 40), 'snapshot.batches.pending.lastOpponent[0]'],
    ['context of an unknown batch', (s) => (s.batches.contexts[0][0] = 'b99'), 'snapshot.batches.contexts[0][0]'],
    ['context not in normal form', (s) => (s.batches.contexts[0][1].extra = 1), 'snapshot.batches.contexts[0][1].extra'],
    ['issued not the statuses length', (s) => (s.matchups.issued += 1), 'snapshot.matchups.statuses'],
    ['matchup status unknown', (s) => (s.matchups.statuses = `z${s.matchups.statuses.slice(1)}`), 'snapshot.matchups.statuses'],
    ['a pending matchup missing', (s) => s.matchups.pending.pop(), 'snapshot.matchups.pending'],
    ['pending id out of order', (s) => (s.matchups.pending[0].id = 'm1'), 'snapshot.matchups.pending[0].id'],
    ['pending in a closed batch', (s) => (s.matchups.pending[0].batch = 'b1'), 'snapshot.matchups.pending[0].batch'],
    ['pending left not in its batch', (s) => (s.matchups.pending[0].left = 'zz'), 'snapshot.matchups.pending[0].left'],
    ['pending right equal to left', (s) => (s.matchups.pending[0].right = s.matchups.pending[0].left), 'snapshot.matchups.pending[0].right'],
    ['pending kind unknown', (s) => (s.matchups.pending[0].kind = 'sort'), 'snapshot.matchups.pending[0].kind'],
    ['pending deadline not finite', (s) => (s.matchups.pending[0].deadline = null), 'snapshot.matchups.pending[0].deadline'],
    ['pending key missing', (s) => delete s.matchups.pending[0].kind, 'snapshot.matchups.pending[0].kind'],
    ['response id of a pending matchup', (s) => (s.matchups.responseIds[0][0] = s.matchups.pending[0].id), 'snapshot.matchups.responseIds[0][0]'],
    ['response id twice', (s) => (s.matchups.responseIds[1] = s.matchups.responseIds[0]), 'snapshot.matchups.responseIds[1][0]'],
    ['response id of a closed batch', (s) => (s.matchups.responseIds[0][1] = 'b1'), 'snapshot.matchups.responseIds[0][1]'],
    ['response id a number', (s) => (s.matchups.responseIds[0][2] = 5), 'snapshot.matchups.responseIds[0][2]'],
  ];
  it.each(edits)('refuses a resealed snapshot with %s', (name, edit, path) => {
    tally.note('snapshot edits', name);
    const copy = JSON.parse(text);
    edit(copy);
    expectInputError(() => restoreRankingFlow(reseal(copy)), path);
  });

  it('refuses an edited snapshot by its checksum, and damaged or cyclic data', () => {
    tally.note('snapshot edits', 'not resealed');
    const copy = JSON.parse(text);
    copy.batches.pending.offsets[0] = 0;
    expectInputError(() => restoreRankingFlow(copy), 'snapshot.checksum');
    tally.note('snapshot edits', 'a cycle');
    const cyclic = JSON.parse(text);
    cyclic.batches.pending = cyclic;
    expect(() => restoreRankingFlow(cyclic)).toThrow(RankingInputError);
    for (const [name, value] of [['null', null], ['a string', 'snapshot'], ['an array', []]] as const) {
      tally.note('snapshot edits', `snapshot ${name}`);
      expectInputError(() => restoreRankingFlow(value as never), 'snapshot');
    }
  });

  it('reads a snapshot once: a getter that changes after its first read changes nothing', () => {
    tally.note('changing arguments', 'snapshot getter');
    const copy = JSON.parse(text);
    let reads = 0;
    const value = copy.batches.pending.datapoints[0];
    Object.defineProperty(copy.batches.pending.datapoints, 0, { get: () => (++reads === 1 ? value : '__proto__'), enumerable: true });
    expect(JSON.stringify(restoreRankingFlow(copy).snapshot())).toBe(text);
    expect(reads).toBe(1);
  });
});
