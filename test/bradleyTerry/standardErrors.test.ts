// The standard errors' three modes (issue 12): 'auto' skips the dense O(n³) inverse only
// where the bound of approximationErrorBound.ts puts the O(pairs) approximation within 1%
// of it, and keeps it on the designs where the approximation runs small (bottlenecks,
// close matches, few opponents), on small fits and with the position effect.
import { describe, expect, it } from 'vitest';
import { approximationErrorBound } from '../../src/bradleyTerry/approximationErrorBound.js';
import { buildModel } from '../../src/bradleyTerry/bradleyTerryModel.js';
import { comparisonTable, comparisonTableData } from '../../src/bradleyTerry/comparisonTable.js';
import type { ComparisonRecord } from '../../src/bradleyTerry/comparisonTypes.js';
import { approximateVariances } from '../../src/bradleyTerry/approximateVariances.js';
import { denseCovariance } from '../../src/bradleyTerry/denseCovariance.js';
import { MAX_APPROXIMATION_ERROR, MAX_COVARIANCE_DATAPOINTS, fitBradleyTerry, resolveBradleyTerryOptions, type BradleyTerryFit } from '../../src/bradleyTerry/fitBradleyTerry.js';
import { emptyInformation, informationAt } from '../../src/bradleyTerry/informationMatrix.js';
import { maximise } from '../../src/bradleyTerry/penalisedNewton.js';
import { createRng } from '../../src/rng/createRng.js';
import { standardNormalDraw } from '../../src/stats/normalDistribution.js';
import { expectInputError } from '../helpers.js';

/** `count` records; each picks a datapoint and an opponent from `opponent(i, rng)`, outcomes from Bradley–Terry with strengths ~ N(0, sd²). */
function records(seed: string, n: number, count: number, opponent: (i: number, rng: () => number) => number, sd = 1): ComparisonRecord[] {
  const rng = createRng(seed);
  const theta = Array.from({ length: n }, () => sd * standardNormalDraw(rng));
  return Array.from({ length: count }, () => {
    const i = Math.floor(rng() * n);
    const j = opponent(i, rng);
    return { left: `d${i}`, right: `d${j}`, outcome: rng() < 1 / (1 + Math.exp(theta[j]! - theta[i]!)) ? 'left' : 'right' };
  });
}

const anyOpponent = (n: number) => (i: number, rng: () => number) => (i + 1 + Math.floor(rng() * (n - 1))) % n;
// Two groups of n/2 that meet only through `bridges` of the records.
const twoGroups = (n: number, count: number, bridges: number) => (i: number, rng: () => number) => {
  const half = n / 2;
  if (rng() < bridges / count) return i < half ? half + Math.floor(rng() * half) : Math.floor(rng() * half);
  const start = i < half ? 0 : half;
  return start + ((i - start + 1 + Math.floor(rng() * (half - 1))) % half);
};
// Close matches only: opponents within 5 places, as an adaptive job pairs them.
const closeMatches = (n: number) => (i: number, rng: () => number) => {
  const j = i + (rng() < 0.5 ? -1 : 1) * (1 + Math.floor(rng() * 5));
  return j < 0 || j >= n ? (i + 1) % n : j;
};

function largestRelativeError(actual: BradleyTerryFit, exact: BradleyTerryFit): number {
  return Math.max(...exact.entries.map((entry, i) => Math.abs(actual.entries[i]!.standardError / entry.standardError - 1)));
}

describe('standard errors: auto, exact, approximate', () => {
  it("'auto' approximates a large well-mixed design, within 1% of the exact standard errors", () => {
    // 500 datapoints, 40 000 random records: each meets about 150 distinct opponents.
    const table = comparisonTable(records('se auto mixed', 500, 40_000, anyOpponent(500)));
    const auto = fitBradleyTerry(table);
    const exact = fitBradleyTerry(table, { standardErrors: 'exact' });
    expect(auto.standardErrorsExact).toBe(false);
    expect(exact.standardErrorsExact).toBe(true);
    expect(auto.entries.map((entry) => entry.score)).toEqual(exact.entries.map((entry) => entry.score));
    expect(largestRelativeError(auto, exact)).toBeLessThan(MAX_APPROXIMATION_ERROR);
    expect(fitBradleyTerry(table, { standardErrors: 'approximate' })).toEqual(auto);
  });

  it("'auto' keeps the exact standard errors where the approximation runs small: bottlenecks, close matches, few opponents", () => {
    const designs: [string, ComparisonRecord[]][] = [
      ['two groups joined by 10 records', records('se groups', 400, 30_000, twoGroups(400, 30_000, 10))],
      ['close matches only', records('se close', 400, 6_000, closeMatches(400))],
      ['about 10 opponents each', records('se sparse', 400, 2_000, anyOpponent(400))],
    ];
    for (const [name, comparisons] of designs) {
      const table = comparisonTable(comparisons);
      const auto = fitBradleyTerry(table);
      expect(auto.standardErrorsExact, name).toBe(true);
      // What 'auto' avoided: the approximation is off by more than the tolerance there.
      expect(largestRelativeError(fitBradleyTerry(table, { standardErrors: 'approximate' }), auto), name).toBeGreaterThan(MAX_APPROXIMATION_ERROR);
    }
  });

  it("'auto' keeps them exact up to 200 datapoints and with the position effect", () => {
    const small = comparisonTable(records('se small', 200, 20_000, anyOpponent(200)));
    expect(fitBradleyTerry(small).standardErrorsExact).toBe(true);
    expect(fitBradleyTerry(small, { standardErrors: 'approximate' }).standardErrorsExact).toBe(false);
    const mixed = comparisonTable(records('se auto mixed', 500, 40_000, anyOpponent(500)));
    expect(fitBradleyTerry(mixed, { positionEffect: true }).standardErrorsExact).toBe(true);
  });

  it('the bound holds on every design: the approximation is within it, datapoint by datapoint', () => {
    const options = resolveBradleyTerryOptions({});
    const designs = [
      records('bound mixed', 500, 40_000, anyOpponent(500)),
      records('bound spread', 300, 15_000, anyOpponent(300), 3),
      records('bound groups', 300, 15_000, twoGroups(300, 15_000, 150)),
      records('bound sparse', 300, 3_000, anyOpponent(300)),
    ];
    for (const comparisons of designs) {
      const model = buildModel(comparisonTableData(comparisonTable(comparisons))!, options);
      const x = new Float64Array(model.size);
      maximise(model, x, options);
      const information = informationAt(model, x, new Float64Array(model.size), emptyInformation(model));
      const bound = approximationErrorBound(model, information);
      const exact = denseCovariance(model, information, false).variances;
      const approximate = approximateVariances(model, information);
      for (let i = 0; i < model.n; i++) expect(Math.abs(approximate[i]! / exact[i]! - 1)).toBeLessThanOrEqual(bound);
    }
  });

  it("'exact' is refused above 2 000 datapoints, before fitting; 'auto' approximates there", () => {
    const chain = Array.from({ length: MAX_COVARIANCE_DATAPOINTS }, (_, i) => ({ a: `p${i}`, b: `p${i + 1}`, aWins: 1, bWins: 1 }));
    expect(expectInputError(() => fitBradleyTerry(chain, { standardErrors: 'exact' }), 'options.standardErrors').message).toMatch(/2001/);
    expect(fitBradleyTerry(chain).standardErrorsExact).toBe(false);
  });
});
