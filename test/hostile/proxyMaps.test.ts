// Maps that are not what they seem, wherever the API takes a Map or a record: a Proxy of
// a Map, an object that only inherits from Map, a Map whose own methods lie. Before,
// each of the first two threw a raw TypeError (Map.prototype.entries called on a Proxy)
// from `results({ labelerWeights })`, the metrics, the labelers and simulateRankingJob.
// Now a Map is read once through Map's own methods (what it stores, whatever its
// overrides say), and a look-alike is refused with a RankingInputError at the field.
import { afterAll, describe, expect, it } from 'vitest';
import {
  bradleyTerryLabeler,
  createLabeler,
  createRankingJob,
  kendallTau,
  maxRankDisplacement,
  meanAbsoluteRankError,
  noiselessLabeler,
  rankingAccuracy,
  simulateRankingJob,
  spearmanRho,
  thurstoneLabeler,
  topKPrecision,
  type ScoreMap,
} from '../../src/index.js';
import { HostileTally } from './changingValues.js';
import { definitionOf, expectInputError, ids, runToCompletion, stateFingerprint } from '../helpers.js';

const tally = new HostileTally();
afterAll(() => {
  const { byClass, total } = tally.counts();
  console.log(`Map look-alikes: ${total} distinct hostile inputs tried: ${JSON.stringify(byClass)}`);
});

// A Proxy that forwards every method to the Map itself, so calling through it works.
function forwardingProxy<K, V>(map: Map<K, V>): Map<K, V> {
  return new Proxy(map, {
    get: (target, key) => {
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

// Objects that pass `instanceof Map` without being one.
const LOOK_ALIKES: readonly [string, (map: Map<string, number>) => object][] = [
  ['a Proxy of a Map', (map) => new Proxy(map, {})],
  ['a Proxy of a Map forwarding its methods', forwardingProxy],
  ['an object made from Map.prototype', () => Object.create(Map.prototype) as object],
  ['a Proxy of a Map subclass', (map) => new Proxy(new (class extends Map<string, number> {})(map), {})],
];

// Maps whose own methods lie: the library must read what they store.
class LyingMap extends Map<string, number> {
  override entries(): MapIterator<[string, number]> {
    return new Map<string, number>([['liar', 1]]).entries();
  }
  override [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }
  override forEach(): void {}
}
const LIARS: readonly [string, (map: Map<string, number>) => Map<string, number>][] = [
  ['a Map subclass overriding entries, the iterator and forEach', (map) => new LyingMap(map)],
  [
    'a Map with an own lying Symbol.iterator',
    (map) => {
      const copy = new Map(map);
      Object.defineProperty(copy, Symbol.iterator, { value: () => new Map([['liar', 1]]).entries() });
      Object.defineProperty(copy, 'entries', { value: () => new Map([['liar', 1]]).entries() });
      return copy;
    },
  ],
];

const SCORES = new Map([
  ['a', 1300],
  ['b', 1250],
  ['c', 1200],
  ['d', 1100],
]);
const OTHER = new Map([
  ['a', 1280],
  ['b', 1200],
  ['c', 1210],
  ['d', 1000],
]);

// Every public entry that takes a score map, with the path its errors name.
const SCORE_MAP_ENTRIES: readonly [string, (scores: ScoreMap) => unknown, string][] = [
  ['kendallTau(a, ·)', (scores) => kendallTau(scores, OTHER), 'a'],
  ['kendallTau(·, b)', (scores) => kendallTau(OTHER, scores), 'b'],
  ['spearmanRho', (scores) => spearmanRho(scores, OTHER), 'a'],
  ['topKPrecision', (scores) => topKPrecision(OTHER, scores, 2), 'b'],
  ['maxRankDisplacement', (scores) => maxRankDisplacement(scores, OTHER), 'a'],
  ['meanAbsoluteRankError', (scores) => meanAbsoluteRankError(OTHER, scores), 'b'],
  ['rankingAccuracy', (scores) => rankingAccuracy(OTHER, scores), 'b'],
  ['bradleyTerryLabeler', (scores) => bradleyTerryLabeler(scores), 'trueScores'],
  ['thurstoneLabeler', (scores) => thurstoneLabeler(scores), 'trueScores'],
  ['noiselessLabeler', (scores) => noiselessLabeler(scores), 'trueScores'],
  ['createLabeler', (scores) => createLabeler('crowd', scores), 'trueScores'],
  [
    'simulateRankingJob trueScores',
    (scores) => simulateRankingJob(definitionOf({ datapoints: [[...SCORES.keys()]], comparisonBudgetPerRanking: 6 }), { seed: 1, trueScores: scores }),
    'options.trueScores',
  ],
];

describe('score maps', () => {
  it('refuse a Map look-alike at the field, every entry that takes one (regression: a raw TypeError)', () => {
    for (const [kind, make] of LOOK_ALIKES) {
      for (const [entry, call, path] of SCORE_MAP_ENTRIES) {
        tally.note(kind, entry);
        expect(expectInputError(() => call(make(SCORES) as ScoreMap), path).message).toContain('not a Map');
      }
    }
  });

  it('read a Map by what it stores, whatever its own methods say', () => {
    for (const [kind, make] of LIARS) {
      for (const [entry, call] of SCORE_MAP_ENTRIES) {
        tally.note(kind, entry);
        const expected = call(SCORES);
        const actual = call(make(SCORES));
        if (typeof expected === 'function') {
          // A labeler: the same answers from the same draws.
          const matchup = { id: 'm1', ranking: 0, left: 'a', right: 'd', kind: 'random' as const };
          for (const u of [0.01, 0.3, 0.6, 0.99]) {
            expect((actual as (m: typeof matchup, rng: () => number) => string)(matchup, () => u)).toBe(
              (expected as (m: typeof matchup, rng: () => number) => string)(matchup, () => u),
            );
          }
        } else {
          expect(actual).toEqual(expected);
        }
      }
    }
  });
});

describe('results({ labelerWeights })', () => {
  const job = createRankingJob(definitionOf({ datapoints: [ids(5)], comparisonBudgetPerRanking: 10, responsesPerComparison: 2 }), { seed: 'proxy maps' });
  let k = 0;
  while (!job.done) {
    for (const matchup of job.nextMatchups(2)) {
      job.recordResponse(matchup.id, 'left', { labelerId: 'w1' });
      job.recordResponse(matchup.id, k++ % 3 === 0 ? 'right' : 'left', { labelerId: 'w2' });
    }
  }
  const weights = new Map([
    ['w1', 3],
    ['w2', 0.5],
  ]);

  it('refuse a Map look-alike at options.labelerWeights, under both scorers that take it, changing nothing (regression: a raw TypeError)', () => {
    const before = stateFingerprint(job);
    for (const [kind, make] of LOOK_ALIKES) {
      for (const scorer of ['posterior', 'bradleyTerry'] as const) {
        tally.note(kind, `results labelerWeights, ${scorer}`);
        const error = expectInputError(() => job.results({ scorer, labelerWeights: make(weights) as Map<string, number> }), 'options.labelerWeights');
        expect(error.message).toContain('not a Map');
        expect(error.message).toContain('a plain record');
      }
    }
    expect(stateFingerprint(job)).toBe(before);
  });

  it('read a Map by what it stores, whatever its own methods say', () => {
    for (const [kind, make] of LIARS) {
      for (const scorer of ['posterior', 'bradleyTerry'] as const) {
        tally.note(kind, `results labelerWeights, ${scorer}`);
        const expected = job.results({ scorer, labelerWeights: weights });
        expect(job.results({ scorer, labelerWeights: make(weights) })).toEqual(expected);
        // The weights counted: they differ from equal weights.
        expect(expected).not.toEqual(job.results({ scorer }));
      }
    }
  });

  it("run none of a Map's own code, so a Map cannot call back into the job while it is read", () => {
    let calls = 0;
    class CallingMap extends Map<string, number> {
      override entries(): MapIterator<[string, number]> {
        calls++;
        job.nextMatchups(1);
        return super.entries();
      }
      override [Symbol.iterator](): MapIterator<[string, number]> {
        return this.entries();
      }
    }
    tally.note('a Map subclass whose iterator calls back into the job', 'results labelerWeights and kendallTau');
    const before = stateFingerprint(job);
    expect(job.results({ scorer: 'bradleyTerry', labelerWeights: new CallingMap(weights) })).toEqual(job.results({ scorer: 'bradleyTerry', labelerWeights: weights }));
    expect(kendallTau(new CallingMap(SCORES), OTHER)).toBe(kendallTau(SCORES, OTHER));
    expect(calls).toBe(0);
    expect(stateFingerprint(job)).toBe(before);
  });

  it('still take plain records and plain Maps alike, and a Proxy of a record', () => {
    const record = { w1: 3, w2: 0.5 };
    tally.note('a Proxy of a record', 'results labelerWeights');
    for (const scorer of ['posterior', 'bradleyTerry'] as const) {
      const expected = job.results({ scorer, labelerWeights: weights });
      expect(job.results({ scorer, labelerWeights: record })).toEqual(expected);
      expect(job.results({ scorer, labelerWeights: new Proxy(record, {}) })).toEqual(expected);
    }
    runToCompletion(job, () => 'left');
  });
});
