import { describe, expect, it } from 'vitest';
import { expectedInformation, varianceWithPending } from '../../src/posterior/expectedInformation.js';
import { createCloseScratch } from '../../src/selection/closePair.js';
import { pickInformativePair } from '../../src/selection/informativePair.js';
import { RankingState } from '../../src/state/rankingState.js';
import { ids } from '../helpers.js';

const ELO = { initialRating: 1200, kFactor: 40, scale: 400 };
const POSTERIOR = { priorSd: 200, noise: 196 };
const NEEDS = { closeMatches: false, roundRobin: false, informationGain: true, sort: false, factors: false };

interface Belief {
  readonly mean: number;
  readonly sd: number;
  /** Matchups issued and not answered. */
  readonly pending?: number;
  /** Completed matchups (drawn, so they leave the beliefs as set). */
  readonly completed?: number;
}

// A ranking whose posterior beliefs and exposures are set by hand.
function stateOf(beliefs: readonly Belief[]): RankingState {
  const n = beliefs.length;
  // Distinct tie keys, so no two sort keys coincide.
  const tieKeys = Float64Array.from(beliefs, (_, i) => (i + 0.5) / n);
  const state = new RankingState(ids(n), 1000, tieKeys, ELO, POSTERIOR, NEEDS);
  beliefs.forEach((belief, i) => {
    state.means[i] = belief.mean;
    state.variances[i] = belief.sd * belief.sd;
    state.meanIndex!.update(i);
    const completed = belief.completed ?? 0;
    for (let k = 0; k < completed + (belief.pending ?? 0); k++) state.exposure.increment(i);
    state.draws[i] = completed;
  });
  return state;
}

function pick(state: RankingState, candidates: number, u1 = 0.5): [number, number] {
  const out = new Int32Array(2);
  pickInformativePair(state, candidates, u1, createCloseScratch(candidates), out);
  return [out[0]!, out[1]!];
}

// What the pick should be, computed from the definition rather than the index: the
// `candidates` nearest by mean (one more looked at, the previous opponent dropped while
// another exists), and among them the largest expected information, pending matchups
// counted as answered.
function expectedOpponent(state: RankingState, anchor: number, candidates: number): number {
  const { means, variances } = state;
  const { noise } = state.posterior;
  const others = Array.from({ length: state.size }, (_, i) => i).filter((i) => i !== anchor);
  others.sort((a, b) => Math.abs(means[a]! - means[anchor]!) - Math.abs(means[b]! - means[anchor]!));
  const found = others.slice(0, candidates + 1);
  const previous = state.lastOpponent[anchor]!;
  const considered = found.filter((i) => i !== previous || found.length === 1).slice(0, candidates);
  const gain = (i: number) =>
    expectedInformation(
      means[anchor]!,
      varianceWithPending(variances[anchor]!, state.pendingOf(anchor), noise),
      means[i]!,
      varianceWithPending(variances[i]!, state.pendingOf(i), noise),
      noise,
    );
  return considered.reduce((best, i) => (gain(i) > gain(best) ? i : best));
}

// Datapoint 0 is the only one without a matchup (mean 0, prior sd): the anchor. Around it,
// candidates whose gains (computed with expectedInformation, noise 196) are
//   1: 11 above, sd 20   → 0.124 (nearest, but nearly certain already)
//   2: 27 below, sd 150  → 0.155
//   3: 43 above, sd 200  → 0.176
//   4: 61 below, sd 250  → 0.200 (the best of the four nearest)
//   5: 307 above, sd 400 → 0.241 (the best of all, but fifth by distance)
// and four more far away and certain. No two datapoints are equally far from a third, so
// "nearest" never depends on how the index orders equal gaps.
const AROUND: readonly Belief[] = [
  { mean: 0, sd: 200 },
  { mean: 11, sd: 20, completed: 1 },
  { mean: -27, sd: 150, completed: 1 },
  { mean: 43, sd: 200, completed: 1 },
  { mean: -61, sd: 250, completed: 1 },
  { mean: 307, sd: 400, completed: 1 },
  { mean: 613, sd: 50, completed: 1 },
  { mean: -709, sd: 50, completed: 1 },
  { mean: 829, sd: 50, completed: 1 },
  { mean: -919, sd: 50, completed: 1 },
];

describe('pickInformativePair', () => {
  it('anchors on a least-exposed datapoint, pending matchups counted, each of them for an equal share of draws', () => {
    // Exposure 0: datapoints 2 and 5; everyone else has one completed or one pending matchup.
    const beliefs = AROUND.map((belief, i): Belief => (i === 2 || i === 5 ? { mean: belief.mean, sd: belief.sd } : i % 2 === 0 ? { ...belief, completed: 0, pending: 1 } : { ...belief, completed: 1 }));
    const state = stateOf(beliefs);
    const anchors = new Map<number, number>();
    const draws = 1000;
    for (let k = 0; k < draws; k++) {
      const [anchor] = pick(state, 4, (k + 0.5) / draws);
      anchors.set(anchor, (anchors.get(anchor) ?? 0) + 1);
    }
    // Draws spread evenly over [0, 1): exactly half each.
    expect(anchors).toEqual(new Map([[2, 500], [5, 500]]));
  });

  it('takes the candidate with the largest expected information among the nearest by mean, not the nearest one', () => {
    const state = stateOf(AROUND);
    // Four candidates: 1, 2, 3, 4; the most informative is 4, though 1 is nearest.
    expect(pick(state, 4)).toEqual([0, 4]);
    expect(expectedOpponent(state, 0, 4)).toBe(4);
    // Five candidates bring in 5, which promises more still.
    expect(pick(state, 5)).toEqual([0, 5]);
    expect(expectedOpponent(state, 0, 5)).toBe(5);
    // One candidate: the nearest, whatever it promises.
    expect(pick(state, 1)).toEqual([0, 1]);
    // Two: 1 and 2, of which 2 promises more.
    expect(pick(state, 2)).toEqual([0, 2]);
  });

  it('agrees with the definition for every anchor and candidate count of a spread-out ranking', () => {
    for (const [a, anchorBelief] of AROUND.entries()) {
      const gaps = AROUND.filter((_, i) => i !== a).map((belief) => Math.abs(belief.mean - anchorBelief.mean));
      expect(new Set(gaps).size).toBe(gaps.length);
    }
    // Every datapoint anchors in turn (the only one with exposure 0), against 1 … 9 candidates.
    for (let anchor = 0; anchor < AROUND.length; anchor++) {
      const state = stateOf(AROUND.map((belief, i) => ({ ...belief, completed: i === anchor ? 0 : 1 })));
      for (let candidates = 1; candidates < AROUND.length; candidates++) {
        const [picked, opponent] = pick(state, candidates);
        expect(picked).toBe(anchor);
        expect(opponent).toBe(expectedOpponent(state, anchor, candidates));
      }
    }
  });

  it("skips the anchor's previous opponent when another candidate exists", () => {
    const state = stateOf(AROUND);
    state.lastOpponent[0] = 4;
    // Without 4, three candidates are 1, 2, 3: 3 promises most.
    expect(pick(state, 3)).toEqual([0, 3]);
    // Four candidates: 1, 2, 3 and the fifth nearest, 5.
    expect(pick(state, 4)).toEqual([0, 5]);
    expect(expectedOpponent(state, 0, 4)).toBe(5);
  });

  it('repeats the previous opponent when it is the only other datapoint', () => {
    const state = stateOf([{ mean: 0, sd: 200 }, { mean: 50, sd: 100, completed: 1 }]);
    state.lastOpponent[0] = 1;
    expect(pick(state, 4)).toEqual([0, 1]);
  });

  it('finds a candidate with pending matchups less attractive than an identical one without', () => {
    // Two candidates 30 below and 30 above the anchor with the same sd: equal gains, so
    // the pick goes by pending matchups alone, whichever side has them.
    const candidates = (pendingBelow: number, pendingAbove: number): Belief[] => [
      { mean: 0, sd: 200 },
      { mean: -30, sd: 200, completed: 1, pending: pendingBelow },
      { mean: 30, sd: 200, completed: 1, pending: pendingAbove },
      { mean: 900, sd: 50, completed: 4 },
    ];
    expect(pick(stateOf(candidates(3, 0)), 2)).toEqual([0, 2]);
    expect(pick(stateOf(candidates(0, 3)), 2)).toEqual([0, 1]);
    // A single pending matchup is enough to tip it.
    expect(pick(stateOf(candidates(1, 0)), 2)).toEqual([0, 2]);
    expect(pick(stateOf(candidates(0, 1)), 2)).toEqual([0, 1]);
    // Pending matchups shrink the variance the gain is computed with.
    expect(varianceWithPending(200 * 200, 1, 196)).toBeLessThan(200 * 200);
  });
});
