// The position effect when the comparisons do not bound it (quasi-separation of γ).
// Before the check, a fit without a prior on such data ended `converged: true` at a γ of
// thousands of points with a standard error of 1e8 (the first case below: +2536.5 ±
// 1.9e8, 29 steps), because its steps came to rest in rounding noise, and nothing in a
// fit with a prior told that γ was the prior's.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/bradleyTerry/bradleyTerryModel.js';
import { comparisonTable } from '../../src/bradleyTerry/comparisonTable.js';
import { comparisonTableData } from '../../src/bradleyTerry/comparisonTableData.js';
import type { Comparison, ComparisonRecord } from '../../src/bradleyTerry/comparisonTypes.js';
import { fitBradleyTerry, resolveBradleyTerryOptions } from '../../src/bradleyTerry/fitBradleyTerry.js';
import { unboundedPositionEffect } from '../../src/bradleyTerry/positionEffectIdentified.js';
import { createRng } from '../../src/rng/createRng.js';

const record = (left: string, right: string, outcome: ComparisonRecord['outcome']): ComparisonRecord => ({ left, right, outcome });

// x beat y once from each side, and lost to y once from the right: a left advantage γ with
// θ_y − θ_x = γ explains every game at least as well as any finite one, so γ → +∞.
const QUASI_SEPARATED = [record('x', 'y', 'left'), record('x', 'y', 'right'), record('y', 'x', 'left')];
// The left side won every game of x and y against each other and against z from either
// side, and y drew with z: still a left advantage of any size fits.
const WITH_A_DRAW = [record('x', 'y', 'left'), record('y', 'x', 'left'), record('x', 'z', 'left'), record('z', 'x', 'left'), record('y', 'z', 'draw')];

const unbounded = (comparisons: Comparison[]) => {
  const data = comparisonTableData(comparisonTable(comparisons))!;
  return unboundedPositionEffect(buildModel(data, resolveBradleyTerryOptions({ positionEffect: true })));
};

describe('fitBradleyTerry: a position effect the comparisons do not bound', () => {
  it.each([
    ['a cycle of wins with more left wins than right ones', QUASI_SEPARATED],
    ['the left side winning every decisive game, a draw elsewhere', WITH_A_DRAW],
  ])('without a prior: converged false and identified false (%s)', (_, records) => {
    const fit = fitBradleyTerry(records, { positionEffect: true, prior: 0 });
    expect(fit.converged).toBe(false);
    expect(fit.positionEffect!.identified).toBe(false);
  });

  it('with a prior: the penalised optimum converges, but identified is false', () => {
    for (const prior of [1e-6, 0.01]) {
      const fit = fitBradleyTerry(QUASI_SEPARATED, { positionEffect: true, prior });
      expect(fit.converged).toBe(true);
      expect(fit.positionEffect!.identified).toBe(false);
    }
  });

  it('data that bound γ: no identified key, the fit as before', () => {
    // A cycle with more right wins (x beat y from the right, y beat x from the right)
    // bounds γ above; one with more left wins bounds it below.
    const records = [record('y', 'x', 'right'), record('x', 'y', 'right'), record('x', 'y', 'left'), record('y', 'x', 'left'), record('x', 'y', 'left')];
    const fit = fitBradleyTerry(records, { positionEffect: true, prior: 0 });
    expect(fit.converged).toBe(true);
    expect(Object.keys(fit.positionEffect!)).toEqual(['score', 'theta', 'standardError']);
    expect(unbounded(records)).toEqual({ left: false, right: false });
  });

  it('says in which direction γ runs off', () => {
    expect(unbounded(QUASI_SEPARATED)).toEqual({ left: true, right: false });
    // The mirror image: every side swapped, so a right advantage fits.
    expect(unbounded(QUASI_SEPARATED.map((r) => record(r.right, r.left, r.outcome === 'left' ? 'right' : 'left')))).toEqual({ left: false, right: true });
    // Every pair shown one way round only: γ and the strengths are confounded both ways.
    const oneWay = [record('a', 'b', 'left'), record('a', 'b', 'right'), record('b', 'c', 'left'), record('b', 'c', 'right')];
    expect(unbounded(oneWay)).toEqual({ left: true, right: true });
    // Pair counts carry no side, but they pin strengths: with θ_a − θ_b pinned by games
    // of unknown side, a's and b's games shown one way round bound γ.
    expect(unbounded([{ a: 'a', b: 'b', aWins: 3, bWins: 2 }, ...oneWay])).toEqual({ left: false, right: false });
    expect(unbounded([{ a: 'd', b: 'e', aWins: 3, bWins: 2 }, ...oneWay])).toEqual({ left: true, right: true });
  });

  it('settles a long chain in a few passes (one way round, both outcomes: not bounded)', () => {
    const chain: ComparisonRecord[] = [];
    for (let i = 0; i + 1 < 20_000; i++) chain.push(record(`d${i}`, `d${i + 1}`, 'left'), record(`d${i}`, `d${i + 1}`, 'right'));
    expect(unbounded(chain)).toEqual({ left: true, right: true });
  });

  // The check against the fit itself: γ is unbounded exactly when, as the prior goes from
  // 1e-4 to 1e-8, its standard error grows tenfold or more (it grows like 1/√prior when γ
  // is not identified, and converges when it is) or γ moves by more than a nat (it runs
  // off like ln(1/prior)). 5 000 random designs agreed when this was written.
  it('agrees with how the fit behaves as the prior vanishes, on random small designs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.integer({ min: 1, max: 30 }), fc.string(), (n, count, seed) => {
        const rng = createRng(seed);
        const comparisons: Comparison[] = [];
        for (let k = 0; k < count; k++) {
          const i = Math.floor(rng() * n);
          let j = Math.floor(rng() * (n - 1));
          if (j >= i) j++;
          const u = rng();
          if (u < 0.15) comparisons.push({ a: `m${i}`, b: `m${j}`, aWins: Math.floor(rng() * 2), bWins: Math.floor(rng() * 2), draws: rng() < 0.2 ? 1 : 0 });
          else comparisons.push(record(`m${i}`, `m${j}`, u < 0.25 ? 'draw' : u < 0.65 ? 'left' : 'right'));
        }
        if (!comparisons.some((c) => 'left' in c)) return;
        const weak = fitBradleyTerry(comparisons, { positionEffect: true, prior: 1e-4, maxIterations: 1000 }).positionEffect!;
        const weaker = fitBradleyTerry(comparisons, { positionEffect: true, prior: 1e-8, maxIterations: 1000 }).positionEffect!;
        const runsOff = weaker.standardError > 10 * weak.standardError || Math.abs(weaker.theta - weak.theta) > 1;
        expect(weaker.identified === false).toBe(runsOff);
        expect(weak.identified === false).toBe(runsOff);
      }),
      { numRuns: 300 },
    );
  });
});
