import { describe, expect, it } from 'vitest';
import { EloReplay } from '../../src/elo/eloReplay.js';
import { createRng, updateElo } from '../../src/index.js';

// The replay behind `rank --scorer elo`: buffered batches must give what the command's
// row-by-row updateElo calls gave, across batch boundaries (65 536 records, or as many as
// there are datapoints) and while new datapoints keep appearing.
describe('EloReplay', () => {
  it.each([
    ['few datapoints, weight 1', 150_000, () => 50, () => 1],
    ['datapoints appearing all along, more of them than a batch holds', 200_000, (k: number) => 2 + Math.floor(k * 0.6), () => 1],
    ['weights changing from record to record', 140_000, (k: number) => 2 + Math.floor(k / 2), (k: number) => [1, 2, 0.5, 1, 1, 0.125][k % 6]!],
  ])('equals updateElo record by record: %s', (_, records, datapointsBy, weightOf) => {
    const rng = createRng('replay');
    const replay = new EloReplay(1500, 24, 400);
    const expected: number[] = [];
    for (let k = 0; k < records; k++) {
      const n = datapointsBy(k);
      const a = Math.floor(rng() * n);
      const b = (a + 1 + Math.floor(rng() * (n - 1))) % n;
      const score = [0, 0.5, 1][Math.floor(rng() * 3)]!;
      const weight = weightOf(k);
      while (expected.length < n) expected.push(1500);
      [expected[a], expected[b]] = updateElo(expected[a]!, expected[b]!, score, 24 * weight, 400);
      replay.add(a, b, score, weight);
    }
    // Datapoints named by no record keep the initial rating.
    expected.push(1500, 1500);
    const actual = replay.ratings(expected.length);
    expect(actual.length).toBe(expected.length);
    expect(actual.every((rating, i) => Object.is(rating, expected[i]))).toBe(true);
  });
});
