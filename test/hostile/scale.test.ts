// Hostile shapes at scale: many tiny rankings, tiny rankings with enormous exposures,
// rankings that grow one datapoint at a time past every size threshold. The checks are
// structural (what each ranking allocates, how much work an addition does), never
// timings. Time limits far longer than the job (what the deadline heap holds) are
// tested with the ledger, in test/job/matchupLedger.test.ts.
import { describe, expect, it } from 'vitest';
import { createRankingJob, replayRankingJob, restoreRankingJob, type Matchup, type RankingJob, type RankingJobDefinitionInput } from '../../src/index.js';
import type { RankingState } from '../../src/state/rankingState.js';
import { definitionOf, ids, stateFingerprint } from '../helpers.js';

function rankingsOf(job: RankingJob): RankingState[] {
  return (job as unknown as { rankings: RankingState[] }).rankings;
}

// Answers the pending matchups, then issues and answers until the job is done.
function runToEnd(job: RankingJob, batch = 500): void {
  const answer = (matchup: Matchup) => job.recordResponse(matchup.id, matchup.left < matchup.right ? 'left' : 'right');
  job.pendingMatchups().forEach(answer);
  while (!job.done) job.nextMatchups(batch).forEach(answer);
}

// Everything reachable from each ranking's state through own properties (typed arrays
// and their buffers count, their elements do not), and how many of those objects only
// that ranking reaches: its private objects. Shared columns and the job's context are
// reached by every ranking, so they are not counted.
function privateObjectsPerRanking(states: readonly RankingState[]): { objects: number; typedArrayBytes: number } {
  const reachedBy = new Map<object, number>();
  for (const state of states) {
    const seen = new Set<object>();
    const stack: object[] = [state];
    while (stack.length > 0) {
      const object = stack.pop()!;
      if (seen.has(object)) continue;
      seen.add(object);
      if (ArrayBuffer.isView(object)) {
        stack.push(object.buffer);
        continue;
      }
      if (object instanceof ArrayBuffer || object instanceof Map || object instanceof Set) continue;
      for (const key of Reflect.ownKeys(object)) {
        const value = (object as Record<PropertyKey, unknown>)[key];
        if (typeof value === 'object' && value !== null) stack.push(value);
      }
    }
    for (const object of seen) reachedBy.set(object, (reachedBy.get(object) ?? 0) + 1);
  }
  let objects = 0;
  let typedArrayBytes = 0;
  for (const [object, count] of reachedBy) {
    if (count !== 1) continue;
    objects++;
    if (object instanceof ArrayBuffer) typedArrayBytes += object.byteLength;
  }
  return { objects: objects / states.length, typedArrayBytes: typedArrayBytes / states.length };
}

const TINY: Partial<RankingJobDefinitionInput> = {
  datapoints: Array.from({ length: 5000 }, (_, r) => [`r${r}-a`, `r${r}-b`]),
  comparisonBudgetPerRanking: 2,
};

describe('many tiny rankings', () => {
  it('cost one object and an id list each, created, run and restored (regression: about 6 KB in two dozen typed arrays)', () => {
    const definition = definitionOf(TINY);
    const job = createRankingJob(definition, { seed: 'tiny' });
    // The state and its id list (the definition's own array): no typed array of its own.
    expect(privateObjectsPerRanking(rankingsOf(job))).toEqual({ objects: 2, typedArrayBytes: 0 });
    expect(rankingsOf(job).every((state, r) => state.ids === definition.datapoints[r])).toBe(true);
    runToEnd(job);
    expect(privateObjectsPerRanking(rankingsOf(job))).toEqual({ objects: 2, typedArrayBytes: 0 });
    const restored = restoreRankingJob(JSON.parse(JSON.stringify(job.snapshot())));
    expect(privateObjectsPerRanking(rankingsOf(restored))).toEqual({ objects: 2, typedArrayBytes: 0 });
    expect(rankingsOf(restored).every((state, r) => state.ids === restored.definition.datapoints[r])).toBe(true);
    expect(restored.results({ scorer: 'elo' })).toEqual(job.results({ scorer: 'elo' }));
  });

  it('under every pairing mode, stay small and restore to the same job', () => {
    // Each mode with the private objects a ranking of it may have: the state and its ids,
    // plus what the mode needs (a side object with the sorted chain and its six arrays
    // and buffers, the round-robin schedule with its map and lists, the evidence list).
    const modes: [Partial<RankingJobDefinitionInput>, number][] = [
      [{ pairing: 'informationGain' }, 2],
      [{ pairing: 'sort' }, 16],
      [{ pairing: 'roundRobin' }, 7],
      [{ stopWhen: { confidence: 0.9 } }, 4],
      [{ randomComparisonsRatio: 1 }, 2],
    ];
    for (const [mode, objects] of modes) {
      const definition = definitionOf({ ...TINY, datapoints: TINY.datapoints!.slice(0, 500), ...mode });
      const job = createRankingJob(definition, { seed: 'modes' });
      job.nextMatchups(300);
      const restored = restoreRankingJob(JSON.parse(JSON.stringify(job.snapshot())));
      expect(stateFingerprint(restored)).toBe(stateFingerprint(job));
      expect(privateObjectsPerRanking(rankingsOf(job)).objects).toBeLessThanOrEqual(objects);
      runToEnd(job);
      runToEnd(restored);
      expect(stateFingerprint(restored)).toBe(stateFingerprint(job));
    }
  });
});

describe('adding datapoints to a ranking whose datapoints have huge exposures', () => {
  it('moves one datapoint per nonempty exposure level, not one step per level (regression: O(highest exposure) per id)', () => {
    for (const size of [2, 20]) {
      const job = createRankingJob(definitionOf({ datapoints: [ids(size)], comparisonBudgetPerRanking: 30_000, randomComparisonsRatio: 0 }), { seed: 'exposed' });
      runToEnd(job, 1000);
      const [state] = rankingsOf(job);
      const levelsAbove0 = new Set(Array.from({ length: size }, (_, x) => state!.exposure.of(x))).size;
      // The work of each addition, through the public call.
      const moved: number[] = [];
      const addDatapoints = state!.addDatapoints.bind(state);
      state!.addDatapoints = (...args) => {
        const work = addDatapoints(...args);
        moved.push(work);
        return work;
      };
      for (let k = 0; k < 30; k++) job.addDatapoints(0, [`late-${k}`], { extraBudget: 1 });
      // Each addition moved at most one datapoint per distinct exposure the ranking had.
      expect(moved).toHaveLength(30);
      for (const work of moved) expect(work).toBeLessThanOrEqual(levelsAbove0);
      // The newcomers are the least exposed, and the job goes on as a replay of its log does.
      const replayed = replayRankingJob(job.definition, job.events(), { seed: 'exposed' });
      expect(stateFingerprint(replayed)).toBe(stateFingerprint(job));
      expect(job.nextMatchups(1)[0]!.left.startsWith('late') || job.pendingMatchups()[0]!.right.startsWith('late')).toBe(true);
    }
  });
});

describe('rankings that grow past every size threshold', () => {
  it('issue the same matchups live, restored and replayed, one datapoint at a time from 2 to 40', () => {
    const definition = definitionOf({ datapoints: [ids(2), ids(3, 'e'), ids(15, 'f'), ids(16, 'g')], comparisonBudgetPerRanking: 40 });
    const job = createRankingJob(definition, { seed: 'grow' });
    let snapshot = JSON.parse(JSON.stringify(job.snapshot()));
    let restored = restoreRankingJob(snapshot);
    for (let k = 0; k < 38; k++) {
      for (const target of [job, restored]) {
        for (let r = 0; r < 4; r++) target.addDatapoints(r, [`n${r}-${k}`], { extraBudget: 3, ...(k % 3 === 0 ? { initialRating: 1150 + k } : {}) });
      }
      const issued = job.nextMatchups(5);
      expect(restored.nextMatchups(5)).toEqual(issued);
      for (const matchup of issued) for (const target of [job, restored]) target.recordResponse(matchup.id, k % 4 === 0 ? 'draw' : 'left');
      if (k % 10 === 9) {
        // A fresh restore of the grown job carries on alike.
        snapshot = JSON.parse(JSON.stringify(job.snapshot()));
        restored = restoreRankingJob(snapshot);
      }
    }
    expect(rankingsOf(job).map((state) => state.size)).toEqual([40, 41, 53, 54]);
    expect(stateFingerprint(restored)).toBe(stateFingerprint(job));
    expect(restored.results()).toEqual(job.results());
    const replayed = replayRankingJob(definition, job.events(), { seed: 'grow' });
    expect(stateFingerprint(replayed)).toBe(stateFingerprint(job));
  });
});
