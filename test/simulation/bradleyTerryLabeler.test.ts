import { describe, expect, it } from 'vitest';
import { bradleyTerryLabeler, createRng, expectedScore, type Matchup } from '../../src/index.js';
import { expectInputError } from '../helpers.js';

const matchup = (left: string, right: string): Matchup => ({ id: 'm1', ranking: 0, left, right, kind: 'random' });

describe('bradleyTerryLabeler', () => {
  it('picks the left datapoint with the Bradley–Terry probability on the Elo scale', () => {
    const truth = new Map([['a', 1400], ['b', 1200], ['c', 1200]]);
    const labeler = bradleyTerryLabeler(truth);
    const rng = createRng('bt');
    const draws = 100_000;
    for (const [left, right] of [['a', 'b'], ['b', 'a'], ['b', 'c']] as const) {
      let leftWins = 0;
      for (let k = 0; k < draws; k++) if (labeler(matchup(left, right), rng) === 'left') leftWins++;
      const p = expectedScore(truth.get(left)!, truth.get(right)!);
      // Binomial standard deviation √(p(1 − p) / n) ≤ 0.0016; the tolerance is 4 of them.
      expect(Math.abs(leftWins / draws - p)).toBeLessThan(0.0064);
    }
  });

  it('uses its scale option and never answers draw', () => {
    const labeler = bradleyTerryLabeler(new Map([['a', 1], ['b', 0]]), { scale: 1 });
    const rng = createRng(2);
    const answers = { left: 0, right: 0, draw: 0 };
    for (let k = 0; k < 20_000; k++) answers[labeler(matchup('a', 'b'), rng)]++;
    const leftWins = answers.left;
    expect(answers.draw).toBe(0);
    // Scale 1: a 1-point lead is 10:1 odds, P = 10/11 ≈ 0.909.
    expect(Math.abs(leftWins / 20_000 - 10 / 11)).toBeLessThan(0.01);
  });

  it('rejects missing datapoints, bad scores and bad options', () => {
    const labeler = bradleyTerryLabeler(new Map([['a', 1200]]));
    expectInputError(() => labeler(matchup('a', 'zzz'), createRng(1)), 'trueScores');
    expectInputError(() => bradleyTerryLabeler(new Map([['a', Number.NaN]])), 'trueScores["a"]');
    expectInputError(() => bradleyTerryLabeler(new Map(), { scale: 0 }), 'options.scale');
    expectInputError(() => bradleyTerryLabeler(new Map(), { bias: 1 } as never), 'options.bias');
  });
});
