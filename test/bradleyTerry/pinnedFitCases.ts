/**
 * The inputs of the pinned Bradley–Terry outputs (pinnedFits.test.ts): seeded, varied
 * designs that take every path of the table and of the standard errors. Kept apart
 * from the test so that a script can feed the same inputs to an older build.
 */
import type { Comparison } from '../../src/bradleyTerry/comparisonTypes.js';
import type { BradleyTerryOptions } from '../../src/bradleyTerry/fitBradleyTerry.js';
import { createRng } from '../../src/rng/createRng.js';

/**
 * `count` items between random pairs of `n` datapoints, outcomes from Bradley–Terry with
 * strengths in [0, 3) nats. `mixed`: every fifth item is pair counts (fractional wins,
 * some draws), every third record has a weight, every seventh a labelerId, 5% draws.
 */
export function pinnedComparisons(seed: string, n: number, count: number, mixed: boolean): Comparison[] {
  const rng = createRng(seed);
  const strength = Array.from({ length: n }, () => rng() * 3);
  const items: Comparison[] = [];
  for (let k = 0; k < count; k++) {
    const i = Math.floor(rng() * n);
    let j = Math.floor(rng() * (n - 1));
    if (j >= i) j++;
    const leftWins = 1 / (1 + Math.exp(strength[j]! - strength[i]!));
    const u = rng();
    if (mixed && k % 5 === 0) {
      items.push({ a: `x${i}`, b: `x${j}`, aWins: Math.floor(rng() * 4), bWins: Math.floor(rng() * 3) + (rng() < 0.3 ? 0.25 : 0), draws: rng() < 0.2 ? 1 : 0 });
      continue;
    }
    const outcome = u < 0.05 ? 'draw' : u < leftWins ? 'left' : 'right';
    const weight = mixed && k % 3 === 0 ? 0.5 + rng() : undefined;
    const labelerId = mixed && k % 7 === 0 ? `l${k % 4}` : undefined;
    items.push({ left: `x${i}`, right: `x${j}`, outcome, ...(weight === undefined ? {} : { weight }), ...(labelerId === undefined ? {} : { labelerId }) });
  }
  return items;
}

/** The pinned fits: name, comparisons, options. */
export function pinnedFitCases(): [string, Comparison[], BradleyTerryOptions][] {
  return [
    ['30 datapoints, 200 records', pinnedComparisons('pinned a', 30, 200, false), {}],
    ['40 datapoints, 600 mixed items', pinnedComparisons('pinned b', 40, 600, true), {}],
    ['the same with the position effect and the covariance', pinnedComparisons('pinned b', 40, 600, true), { positionEffect: true, covariance: true }],
    ['20 datapoints, 800 records, prior 0', pinnedComparisons('pinned c', 20, 800, false), { prior: 0 }],
    ['301 datapoints, 5 000 mixed items, position effect', pinnedComparisons('pinned d', 301, 5000, true), { positionEffect: true }],
    ['700 datapoints, 20 000 records', pinnedComparisons('pinned e', 700, 20_000, false), {}],
    ['2 500 datapoints, 25 000 mixed items (approximate standard errors)', pinnedComparisons('pinned f', 2500, 25_000, true), { prior: 1e-3 }],
  ];
}
