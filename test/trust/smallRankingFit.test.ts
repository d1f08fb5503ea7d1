import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitBradleyTerry } from '../../src/index.js';
import { fitSmallRanking } from '../../src/trust/smallRankingFit.js';

describe('fitSmallRanking', () => {
  it('finds the penalised Bradley–Terry fit that fitBradleyTerry finds, from any start', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 7 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.double({ min: 0, max: 5, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true })), { minLength: 1, maxLength: 15 }),
        fc.constantFrom(0.01, 0.1, 2),
        fc.double({ min: -3, max: 3, noNaN: true }),
        (n, rawPairs, prior, offset) => {
          // Distinct pairs of distinct datapoints, with soft wins (0 or at least 1e-3).
          const seen = new Set<string>();
          const pairs = rawPairs
            .map(([a, b, wa, wb]) => [a % n, (a + 1 + (b % (n - 1))) % n, wa < 1e-3 ? 0 : wa, wb < 1e-3 ? 0 : wb] as const)
            .filter(([a, b]) => {
              const key = `${Math.min(a, b)},${Math.max(a, b)}`;
              if (seen.has(key)) return false;
              seen.add(key);
              return true;
            });
          const theta = Float64Array.from({ length: n }, (_, i) => offset * (i % 3));
          const ok = fitSmallRanking(
            theta,
            Int32Array.from(pairs, ([a]) => a),
            Int32Array.from(pairs, ([, b]) => b),
            pairs.map(([, , wa]) => wa),
            pairs.map(([, , , wb]) => wb),
            prior,
          );
          expect(ok).toBe(true);
          const ids = Array.from({ length: n }, (_, i) => `p${i}`);
          // Every datapoint enters the reference fit, those without games with weight 0.
          const records = [
            ...ids.slice(1).map((id) => ({ a: ids[0]!, b: id, aWins: 0, bWins: 0 })),
            ...pairs.map(([a, b, wa, wb]) => ({ a: ids[a]!, b: ids[b]!, aWins: wa, bWins: wb })),
          ];
          const reference = fitBradleyTerry(records, { prior });
          const byId = new Map(reference.entries.map((entry) => [entry.datapoint, entry.theta]));
          ids.forEach((id, i) => expect(theta[i]).toBeCloseTo(byId.get(id)!, 7));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('gives up, leaving θ as it was, when a vanishing prior leaves the system singular', () => {
    const theta = Float64Array.from([0.5, -0.5, 1, 2]);
    // Two separate pairs: each pair's mean is held by the prior alone.
    const ok = fitSmallRanking(theta, Int32Array.from([0, 2]), Int32Array.from([1, 3]), [3, 1], [1, 3], 1e-300);
    expect(ok).toBe(false);
    expect([...theta]).toEqual([0.5, -0.5, 1, 2]);
  });
});
