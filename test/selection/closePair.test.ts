import { describe, expect, it } from 'vitest';
import { createCloseScratch, pickClosePair } from '../../src/selection/closePair.js';
import { RankingState } from '../../src/state/rankingState.js';
import { ids } from '../helpers.js';

const ELO = { initialRating: 1200, kFactor: 40, scale: 400 };
const POSTERIOR = { priorSd: 200, noise: 196 };

// Ten datapoints rated 0, 10, 20, … 90 points above the start; every one but `anchor`
// already has one matchup, so `anchor` is the only least-exposed datapoint.
function stateWithAnchor(anchor: number): RankingState {
  const state = new RankingState(ids(10), 100, new Float64Array(10).fill(0.5), ELO, POSTERIOR, { closeMatches: true, roundRobin: false, informationGain: false, sort: false, factors: false });
  for (let i = 0; i < 10; i++) {
    state.offsets[i] = 10 * i;
    state.index!.update(i);
    if (i !== anchor) state.exposure.increment(i);
  }
  return state;
}

function opponentShares(state: RankingState, candidates: number): Map<number, number> {
  const scratch = createCloseScratch(candidates);
  const pair = new Int32Array(2);
  const counts = new Map<number, number>();
  const draws = 10_000;
  for (let k = 0; k < draws; k++) {
    pickClosePair(state, candidates, 0.5, (k + 0.5) / draws, scratch, pair);
    counts.set(pair[1]!, (counts.get(pair[1]!) ?? 0) + 1);
  }
  return new Map([...counts].map(([opponent, count]) => [opponent, count / draws]));
}

// Draws are spread evenly over [0, 1), so shares are exact up to one draw in 10 000.
function expectShares(shares: Map<number, number>, expected: [number, number][]): void {
  expect([...shares.keys()].sort()).toEqual(expected.map(([opponent]) => opponent).sort());
  for (const [opponent, share] of expected) expect(shares.get(opponent)).toBeCloseTo(share, 3);
}

describe('pickClosePair', () => {
  it('anchors on the least-exposed datapoint and favours nearer opponents, weights c, c − 1, …, 1', () => {
    const state = stateWithAnchor(4); // rated 40: neighbours 30 and 50 (10 away), then 20 and 60
    const shares = opponentShares(state, 4);
    // Four nearest: 30 and 50 (gap 10), 20 and 60 (gap 20); ties alternate below, above.
    // Weights 4, 3, 2, 1 out of 10.
    expectShares(shares, [[3, 0.4], [5, 0.3], [2, 0.2], [6, 0.1]]);
  });

  it('at the edge of the range takes the neighbours on the one side there is', () => {
    const shares = opponentShares(stateWithAnchor(0), 3);
    expectShares(shares, [[1, 0.5], [2, 1 / 3], [3, 1 / 6]]);
  });

  it('skips the anchor\'s previous opponent when another candidate exists', () => {
    const state = stateWithAnchor(4);
    state.lastOpponent[4] = 3;
    const shares = opponentShares(state, 2);
    // Candidates without 3: 5 (weight 2) and 2 (weight 1).
    expectShares(shares, [[5, 2 / 3], [2, 1 / 3]]);
  });

  it('repeats the previous opponent when it is the only datapoint there is', () => {
    const state = new RankingState(['a', 'b'], 10, new Float64Array([0.1, 0.2]), ELO, POSTERIOR, { closeMatches: true, roundRobin: false, informationGain: false, sort: false, factors: false });
    state.lastOpponent[0] = 1;
    state.lastOpponent[1] = 0;
    const pair = new Int32Array(2);
    pickClosePair(state, 4, 0.2, 0.7, createCloseScratch(4), pair);
    expect([...pair].sort()).toEqual([0, 1]);
  });
});
