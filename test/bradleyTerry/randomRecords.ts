import type { ComparisonRecord } from '../../src/bradleyTerry/comparisonTypes.js';
import { createRng } from '../../src/rng/createRng.js';

/** `count` records between random pairs of n datapoints, some of them draws and some weighted. */
export function randomRecords(seed: string, n: number, count: number): ComparisonRecord[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => {
    const i = Math.floor(rng() * n);
    let j = Math.floor(rng() * (n - 1));
    if (j >= i) j++;
    const u = rng();
    const outcome = u < 0.45 ? ('left' as const) : u < 0.9 ? ('right' as const) : ('draw' as const);
    return { left: `d${i}`, right: `d${j}`, outcome, weight: rng() < 0.2 ? 0.5 + 4 * rng() : 1 };
  });
}
