// What a small ranking costs (issue 11, item 5: a million rankings of two datapoints in
// at most 300 bytes each beyond their ids). Memory that no structural check sees, found
// with heap snapshots of bench/limits.bench.mjs: id lists grown by push keep 17 slots
// (152 bytes, not 32), counts read from a Float64Array are boxed in every restored
// ranking, and 64-bit counts double their columns. The heap figures are the heap
// growth per item after two full collections, with bounds far from both the old and the
// new cost, so collector noise cannot flip them.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createRankingJob, createRankingJobDefinition, restoreRankingJob, type RankingJob } from '../../src/index.js';
import { selectionNeeds } from '../../src/job/createRankingJob.js';
import type { SavedRankings } from '../../src/persistence/savedRankings.js';
import { DatapointColumns } from '../../src/state/datapointColumns.js';
import { RankingArena } from '../../src/state/rankingArena.js';
import { RankingState } from '../../src/state/rankingState.js';
import { copyJsonData } from '../../src/validate.js';
import { VoteLog } from '../../src/job/voteLog.js';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

const COUNT = 20_000;

// Heap bytes in use after two full collections (typed arrays' contents are outside it).
function heapUsed(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

// The heap `build` allocates and keeps (its result is held while measuring), per item.
function heapPerItem(build: () => unknown): number {
  const before = heapUsed();
  const kept = build();
  const bytes = heapUsed() - before;
  expect(kept).toBeDefined();
  return bytes / COUNT;
}

// COUNT rankings of two fresh ids each, as a caller builds them (array literals, exact size).
function pairs(): string[][] {
  return Array.from({ length: COUNT }, (_, r) => [`r${r}-a`, `r${r}-b`]);
}

function rankingsOf(job: RankingJob): RankingState[] {
  return (job as unknown as { rankings: RankingState[] }).rankings;
}

describe('memory per small ranking', () => {
  it('a definition keeps each id list at its length (regression: 184 bytes a pair, grown by push)', () => {
    const input = pairs();
    // Each ranking: its array (32 bytes) with two slots (32), and a slot of the outer list.
    const perRanking = heapPerItem(() => createRankingJobDefinition({ name: 'n', instruction: 'i', datapoints: input, comparisonBudgetPerRanking: 1 }));
    expect(perRanking).toBeLessThan(100);
  });

  it('copyJsonData copies each array at its length (regression: 184 bytes a pair)', () => {
    const input = pairs();
    expect(heapPerItem(() => copyJsonData(input, 'data'))).toBeLessThan(100);
    expect(heapPerItem(() => copyJsonData(input, 'data', 'typed'))).toBeLessThan(100);
  });

  it('restored rankings hold their budget and pending count unboxed (regression: 16 bytes each, per field)', () => {
    const definition = createRankingJobDefinition({ name: 'n', instruction: 'i', datapoints: pairs(), comparisonBudgetPerRanking: 3 });
    // Saved columns as restore reads them: its copy of a snapshot's long lists of numbers is Float64Arrays.
    const total = 2 * COUNT;
    const numbers = (fill: (i: number) => number) => Float64Array.from({ length: total }, (_, i) => fill(i)) as unknown as number[];
    const saved: SavedRankings = {
      starts: Float64Array.from({ length: COUNT + 1 }, (_, r) => 2 * r),
      budgets: new Float64Array(COUNT).fill(3) as unknown as number[],
      added: new Map(),
      addedStartOffsets: new Map(),
      offsets: numbers(() => 0),
      tieKeys: numbers((i) => (i % 2) / 2),
      wins: numbers(() => 0),
      losses: numbers(() => 0),
      draws: numbers(() => 0),
      lastOpponent: numbers(() => -1),
      exposureOrder: numbers((i) => i % 2),
      roundRobin: null,
    };
    const exposure = new Float64Array(total);
    const pending = new Float64Array(COUNT);
    const needs = selectionNeeds(definition);
    const states = new Array<RankingState>(COUNT);
    // The state objects alone: 96 bytes each (nine fields), their columns being the arena's.
    const perRanking = heapPerItem(() => {
      for (let r = 0; r < COUNT; r++) {
        const restore = { saved, ranking: r, definitionSize: 2, exposure, pending: pending[r]! };
        states[r] = new RankingState(definition.datapoints[r]!, saved.budgets[r]!, [], definition.elo, definition.posterior, needs, restore);
      }
      return states;
    });
    expect(perRanking).toBeLessThan(112);
    expect(states.every((state) => state.budget === 3 && state.pending === 0 && state.completed === 0)).toBe(true);
  });

  it('a small ranking takes 44 bytes of shared columns per datapoint (regression: 60, with 64-bit counts)', () => {
    const definition = createRankingJobDefinition({ name: 'n', instruction: 'i', datapoints: [['a', 'b']], comparisonBudgetPerRanking: 1 });
    const arena = new RankingArena(definition.elo, definition.posterior, { closeMatches: true, roundRobin: false, informationGain: false, sort: false, factors: false }, true);
    const columns = new DatapointColumns(8, arena, true);
    const bytesPerSlot = Object.values(columns)
      .filter((value): value is Float64Array | Int32Array | Uint32Array => ArrayBuffer.isView(value))
      .reduce((sum, column) => sum + column.BYTES_PER_ELEMENT, 0);
    expect(bytesPerSlot).toBe(44);
  });

  it('counts stay exact past 2^31 (32-bit unsigned columns)', () => {
    const job = createRankingJob(createRankingJobDefinition({ name: 'n', instruction: 'i', datapoints: [['a', 'b']], comparisonBudgetPerRanking: 1 }), { seed: 1 });
    const state = rankingsOf(job)[0]!;
    state.columns.exposure[state.base] = 2 ** 32 - 2;
    state.columns.wins[state.base] = 2 ** 32 - 2;
    state.noteIssued(0, 1);
    expect(state.columns.exposure[state.base]).toBe(2 ** 32 - 1);
    expect(state.pendingOf(0)).toBe(1);
  });
});

describe('restore of a snapshot taken in this process', () => {
  it('shares the definition’s frozen id lists instead of copying them; a snapshot read from JSON is copied', () => {
    const definition = createRankingJobDefinition({ name: 'n', instruction: 'i', datapoints: [['a', 'b'], ['c', 'd', 'e']], comparisonBudgetPerRanking: 4 });
    const job = createRankingJob(definition, { seed: 1 });
    for (const matchup of job.nextMatchups(3)) job.recordResponse(matchup.id, 'right');
    const restored = restoreRankingJob(job.snapshot());
    expect(restored.definition.datapoints.every((ids, r) => ids === definition.datapoints[r])).toBe(true);
    expect(rankingsOf(restored).every((state, r) => state.ids === definition.datapoints[r])).toBe(true);
    const fromJson = restoreRankingJob(JSON.parse(JSON.stringify(job.snapshot())));
    expect(fromJson.definition.datapoints.some((ids, r) => ids === definition.datapoints[r])).toBe(false);
    expect(fromJson.definition).toEqual(definition);
    expect(restored.snapshot()).toEqual(job.snapshot());
    expect(JSON.stringify(fromJson.snapshot())).toBe(JSON.stringify(job.snapshot()));
  });
});

describe('a snapshot of many votes', () => {
  it('holds each vote in five list entries and one character (regression: lists grown by Array.from, a chain of partial strings)', () => {
    // Matchup i + 1 of ranking i, between datapoints 0 and 1: the rows a ledger would hold.
    const log = new VoteLog({ rankingOf: (sequence) => sequence - 1, leftOf: () => 0, rightOf: () => 1 });
    for (let i = 0; i < COUNT; i++) log.addCode(i + 1, i % 3 === 0 ? 2 : 0, undefined);
    // Five lists of 8-byte entries and a one-byte character: 41 bytes a vote. A first
    // save, not measured, loads and compiles what saving uses.
    log.save();
    const saved = { votes: null as ReturnType<VoteLog['save']> | null };
    expect(heapPerItem(() => (saved.votes = log.save()))).toBeLessThan(60);
    expect(saved.votes!.outcomes.slice(0, 4)).toBe('dlld');
    expect(saved.votes!.sequences.slice(0, 3)).toEqual([1, 2, 3]);
    expect(saved.votes!.rankings.slice(0, 3)).toEqual([0, 1, 2]);
  });
});
