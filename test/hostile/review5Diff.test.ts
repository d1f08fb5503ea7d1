// Exploratory differential tests against the parent commits (imports /tmp/oldsrc; removed after the review).
import { describe, expect, it } from 'vitest';
import { RatingIndex } from '../../src/state/ratingIndex.js';
// @ts-ignore
import { RatingIndex as OldRatingIndex } from '/tmp/oldsrc/src/state/ratingIndex.ts';
import { arrayComparisonTable } from '../../src/bradleyTerry/arrayComparisonTable.js';
// @ts-ignore
import { arrayComparisonTable as oldArrayTable } from '/tmp/oldsrc/src/bradleyTerry/arrayComparisonTable.ts';
import { comparisonTableData, type ComparisonTable } from '../../src/bradleyTerry/comparisonTableData.js';
// @ts-ignore
import { comparisonTableData as oldData } from '/tmp/oldsrc/src/bradleyTerry/comparisonTableData.ts';
import { fitBradleyTerry } from '../../src/bradleyTerry/fitBradleyTerry.js';
// @ts-ignore
import { fitBradleyTerry as oldFit } from '/tmp/oldsrc/src/bradleyTerry/fitBradleyTerry.ts';

const QUANTUM = 2 ** -23;

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
}

describe('RatingIndex.nearest vs parent', () => {
  it('same neighbours, same order, through adds and moves', () => {
    for (let seed = 1; seed <= 600; seed++) {
      const r = rng(seed);
      const n0 = seed % 97 === 0 ? 0 : seed % 101 === 0 ? 6000 : 1 + Math.floor(r() * (seed % 3 === 0 ? 5 : 400));
      const cap = n0 + 400;
      const offsets = new Float64Array(cap);
      const fresh = seed % 2 === 0;
      const ties = Float64Array.from({ length: cap }, () => (fresh ? Math.floor(r() * 2 ** 32) / 2 ** 32 : Math.floor(r() * 4) / 4));
      const src = { offsets, tieKeys: ties, base: 0 };
      const a = new RatingIndex(src, n0, QUANTUM);
      const b = new OldRatingIndex(src, n0, QUANTUM);
      let n = n0;
      const moves = n0 === 0 ? 500 : n0 === 6000 ? 30000 : Math.floor(r() * 1500);
      const outA = new Int32Array(2 * (n0 + 420));
      const outB = new Int32Array(2 * (n0 + 420));
      const check = (): void => {
        if (n === 0) return;
        for (let q = 0; q < 8; q++) {
          const x = Math.floor(r() * n);
          const count = [0, 1, 2, 6, n - 1, n, n + 3][Math.floor(r() * 7)]!;
          if (count < 0) continue;
          const ka = a.nearest(x, count, outA);
          const kb = b.nearest(x, count, outB);
          expect(ka).toBe(kb);
          expect(Array.from(outA.subarray(0, ka))).toEqual(Array.from(outB.subarray(0, kb)));
        }
      };
      for (let m = 0; m < moves; m++) {
        const op = r();
        if ((op < 0.05 || n === 0) && n < cap) {
          offsets[n] = (Math.floor(r() * 200) - 100) * 2 ** 20 * QUANTUM;
          a.add(n);
          b.add(n);
          n++;
        } else {
          const x = Math.floor(r() * n);
          const kind = r();
          if (seed % 5 === 1) {
            // Drain: datapoints in index order jump to the top or bottom, emptying leaves.
            const y = m % n;
            offsets[y] = offsets[y]! + (m % 2 === 0 ? 1 : -1) * (1 + Math.floor(r() * 3)) * 2 ** 30 * QUANTUM;
            a.update(y);
            b.update(y);
            if (m % 7 === 0) check();
            continue;
          }
          const steps = kind < 0.3 ? Math.floor(r() * 7) - 3 : kind < 0.6 ? (Math.floor(r() * 81) - 40) * 2 ** 20 : (Math.floor(r() * 8_000_001) - 4_000_000) * 2 ** 20;
          offsets[x] = offsets[x]! + steps * QUANTUM;
          a.update(x);
          b.update(x);
        }
        if (m % 50 === 0) check();
      }
      check();
      expect(a.inOrder()).toEqual(b.inOrder());
    }
  });
});
