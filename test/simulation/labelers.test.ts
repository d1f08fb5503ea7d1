import { describe, expect, it } from 'vitest';
import {
  DEFAULT_THURSTONE_NOISE,
  bradleyTerryLabeler,
  createLabeler,
  createRng,
  crowdLabeler,
  expectedScore,
  noiselessLabeler,
  thurstoneLabeler,
  type Labeler,
  type Matchup,
} from '../../src/index.js';
import { standardNormalCdf } from '../../src/stats/normalDistribution.js';
import { expectInputError } from '../helpers.js';

const matchup = (left: string, right: string): Matchup => ({ id: 'm1', ranking: 0, left, right, kind: 'random' });
const truth = new Map([['a', 1400], ['b', 1200], ['c', 1200], ['__proto__', 1000]]);

// Answer shares of `draws` answers to one matchup.
function shares(labeler: Labeler, left: string, right: string, draws: number, seed: string) {
  const rng = createRng(seed);
  const counts = { left: 0, right: 0, draw: 0 };
  for (let k = 0; k < draws; k++) counts[labeler(matchup(left, right), rng)]++;
  return { left: counts.left / draws, right: counts.right / draws, draw: counts.draw / draws };
}

// Binomial tolerance: 4.5 standard deviations of a share p over n answers (fails by chance about 1 in 150 000).
const tolerance = (p: number, n: number) => 4.5 * Math.sqrt((p * (1 - p)) / n) + 1e-12;

describe('labeler models', () => {
  const n = 100_000;

  it('Bradley–Terry with position bias, lapses and draws follows the layered probabilities', () => {
    const labeler = bradleyTerryLabeler(truth, { positionBias: 50, lapseRate: 0.1, drawRate: 0.2 });
    for (const [left, right] of [['a', 'b'], ['b', 'a'], ['b', 'c'], ['__proto__', 'a']] as const) {
      const model = expectedScore(truth.get(left)! + 50, truth.get(right)!);
      // Lapse 0.1 splits evenly; of the other 0.9, 20% are draws and 80% follow the model.
      const expected = { left: 0.05 + 0.9 * 0.8 * model, right: 0.05 + 0.9 * 0.8 * (1 - model), draw: 0.9 * 0.2 };
      const observed = shares(labeler, left, right, n, `bt-${left}-${right}`);
      for (const side of ['left', 'right', 'draw'] as const) {
        expect(Math.abs(observed[side] - expected[side])).toBeLessThan(tolerance(expected[side], n));
      }
    }
  });

  it('Thurstone chooses with probability Φ(difference / (noise·√2))', () => {
    const labeler = thurstoneLabeler(truth, { noise: 150 });
    const p = standardNormalCdf(200 / (150 * Math.SQRT2));
    expect(Math.abs(shares(labeler, 'a', 'b', n, 'th').left - p)).toBeLessThan(tolerance(p, n));
    // The default noise matches the Bradley–Terry slope at an even matchup: for a 10-point lead the two agree to 1e-4.
    const bt = expectedScore(1210, 1200);
    const thurstone = standardNormalCdf(10 / (DEFAULT_THURSTONE_NOISE * Math.SQRT2));
    expect(Math.abs(bt - thurstone)).toBeLessThan(1e-4);
    expect(DEFAULT_THURSTONE_NOISE).toBeCloseTo(196.0, 1);
  });

  it('noiseless: the better always wins, an exact tie is a draw, bias can flip it', () => {
    const rng = createRng(3);
    const labeler = noiselessLabeler(truth);
    for (let k = 0; k < 100; k++) {
      expect(labeler(matchup('a', 'b'), rng)).toBe('left');
      expect(labeler(matchup('b', 'a'), rng)).toBe('right');
      expect(labeler(matchup('b', 'c'), rng)).toBe('draw');
    }
    expect(noiselessLabeler(truth, { positionBias: 1 })(matchup('b', 'c'), rng)).toBe('left');
    expect(noiselessLabeler(truth, { positionBias: -300 })(matchup('a', 'b'), rng)).toBe('right');
    // A full lapse rate is a coin flip whatever the scores.
    const lapsing = shares(noiselessLabeler(truth, { lapseRate: 1 }), 'a', 'b', n, 'lapse');
    expect(Math.abs(lapsing.left - 0.5)).toBeLessThan(tolerance(0.5, n));
    expect(lapsing.draw).toBe(0);
  });

  it('a crowd answers from each member in proportion to its share', () => {
    const alwaysLeft: Labeler = () => 'left';
    const alwaysRight: Labeler = () => 'right';
    const alwaysDraw: Labeler = () => 'draw';
    const crowd = crowdLabeler([
      { share: 3, labeler: alwaysLeft },
      { share: 1, labeler: alwaysRight },
      { share: 6, labeler: alwaysDraw },
    ]);
    const observed = shares(crowd, 'a', 'b', n, 'crowd');
    expect(Math.abs(observed.left - 0.3)).toBeLessThan(tolerance(0.3, n));
    expect(Math.abs(observed.right - 0.1)).toBeLessThan(tolerance(0.1, n));
    expect(Math.abs(observed.draw - 0.6)).toBeLessThan(tolerance(0.6, n));
  });

  it('the crowd preset mixes 80% careful labelers with 20% random clickers', () => {
    const p = expectedScore(1400, 1200);
    const expected = 0.8 * p + 0.2 * 0.5;
    const observed = shares(createLabeler('crowd', truth), 'a', 'b', n, 'preset');
    expect(Math.abs(observed.left - expected)).toBeLessThan(tolerance(expected, n));
  });

  it('every answer takes exactly one draw (two for a crowd), so streams stay aligned', () => {
    for (const labeler of [bradleyTerryLabeler(truth, { lapseRate: 0.3, drawRate: 0.3 }), thurstoneLabeler(truth), noiselessLabeler(truth)]) {
      let draws = 0;
      const base = createRng('count');
      const counting = () => {
        draws++;
        return base();
      };
      for (let k = 0; k < 1000; k++) labeler(matchup('a', 'b'), counting);
      expect(draws).toBe(1000);
    }
    let crowdDraws = 0;
    const base = createRng('crowd count');
    const crowd = createLabeler('crowd', truth);
    for (let k = 0; k < 1000; k++) crowd(matchup('a', 'b'), () => (crowdDraws++, base()));
    expect(crowdDraws).toBe(2000);
  });

  it('specs build the same labelers as the functions', () => {
    const fromSpec = createLabeler({ model: 'thurstone', noise: 120, positionBias: 20, lapseRate: 0.05, drawRate: 0.1 }, truth);
    const direct = thurstoneLabeler(truth, { noise: 120, positionBias: 20, lapseRate: 0.05, drawRate: 0.1 });
    const rngA = createRng(9);
    const rngB = createRng(9);
    for (let k = 0; k < 2000; k++) expect(fromSpec(matchup('a', 'b'), rngA)).toBe(direct(matchup('a', 'b'), rngB));
  });

  it('rejects bad options and specs, naming the field', () => {
    expectInputError(() => bradleyTerryLabeler(truth, { lapseRate: 1.5 }), 'options.lapseRate');
    expectInputError(() => bradleyTerryLabeler(truth, { drawRate: -0.1 }), 'options.drawRate');
    expectInputError(() => bradleyTerryLabeler(truth, { positionBias: Number.NaN }), 'options.positionBias');
    expectInputError(() => thurstoneLabeler(truth, { noise: 0 }), 'options.noise');
    expectInputError(() => noiselessLabeler(truth, { scale: 400 } as never), 'options.scale');
    expectInputError(() => noiselessLabeler(truth)(matchup('a', 'zzz'), createRng(1)), 'trueScores');
    expectInputError(() => crowdLabeler([]), 'members');
    expectInputError(() => crowdLabeler([{ share: 0, labeler: () => 'left' }]), 'members[0].share');
    expectInputError(() => crowdLabeler([{ share: 1, labeler: 'bt' as never }]), 'members[0].labeler');
    expectInputError(() => createLabeler('spammer' as never, truth), 'labeler');
    expectInputError(() => createLabeler({ model: 'gauss' } as never, truth), 'labeler.model');
    expectInputError(() => createLabeler({ model: 'noiseless', noise: 3 } as never, truth), 'labeler.noise');
    expectInputError(() => createLabeler({ model: 'bradleyTerry', lapseRate: 2 }, truth), 'labeler.lapseRate');
    expectInputError(
      () => createLabeler({ model: 'crowd', members: [{ share: 1, labeler: { model: 'thurstone', noise: -1 } }] }, truth),
      'labeler.members[0].labeler.noise',
    );
  });
});

describe('standardNormalCdf', () => {
  it('matches published values of Φ', () => {
    // Values from Abramowitz & Stegun, Table 26.1, and R's pnorm (to 15 digits).
    expect(standardNormalCdf(0)).toBe(0.5);
    expect(standardNormalCdf(1)).toBeCloseTo(0.841344746068543, 14);
    expect(standardNormalCdf(-1.959963984540054)).toBeCloseTo(0.025, 14);
    expect(standardNormalCdf(-3)).toBeCloseTo(0.00134989803163009, 16);
    expect(standardNormalCdf(2.5)).toBeCloseTo(0.99379033467422384, 14);
    // Far tail: the continued fraction keeps 8 significant digits (absolute error ~5e-24).
    expect(standardNormalCdf(-8) / 6.22096057427178e-16).toBeCloseTo(1, 7);
    expect(standardNormalCdf(40)).toBe(1);
    expect(standardNormalCdf(-40)).toBe(0);
  });
});
