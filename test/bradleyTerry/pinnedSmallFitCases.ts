/**
 * The inputs of the pinned small Bradley–Terry fits (pinnedSmallFits.test.ts): the shapes
 * whose fixed cost the one-buffer allocations cut (a few pair counts; a flow's batch, with
 * its zero-count entries; a few records with the position effect) and the table builder's
 * paths around its first buffer. Kept apart from the test so that a script can feed the
 * same inputs to an older build.
 */
import type { ComparisonTableBuilder } from '../../src/bradleyTerry/comparisonTableBuilder.js';
import type { Comparison, PairCounts } from '../../src/bradleyTerry/comparisonTypes.js';
import type { BradleyTerryOptions } from '../../src/bradleyTerry/fitBradleyTerry.js';
import { createRng } from '../../src/rng/createRng.js';

/** What a flow fits when a batch of `n` closes after `answers` answers (src/flow/batchBradleyTerry.ts), with a draw now and then. */
export function flowBatch(seed: string, n: number, answers: number): PairCounts[] {
  const rng = createRng(seed);
  const counts = new Map<number, { a: string; b: string; aWins: number; bWins: number; draws: number }>();
  for (let k = 0; k < answers; k++) {
    const i = Math.floor(rng() * n);
    let j = Math.floor(rng() * (n - 1));
    if (j >= i) j++;
    const key = Math.min(i, j) * n + Math.max(i, j);
    const pair = counts.get(key) ?? { a: `d${Math.min(i, j)}`, b: `d${Math.max(i, j)}`, aWins: 0, bWins: 0, draws: 0 };
    const u = rng();
    if (u < 0.1) pair.draws++;
    else if (u < 0.55) pair.aWins++;
    else pair.bWins++;
    counts.set(key, pair);
  }
  const zero = Array.from({ length: n }, (_, i) => ({ a: `d${i}`, b: `d${i === 0 ? 1 : 0}`, aWins: 0, bWins: 0 }));
  return [...zero, ...counts.values()];
}

/** `count` items between random pairs of `n` datapoints: records (weights, draws) or pair counts. */
export function randomItems(seed: string, n: number, count: number, kind: 'records' | 'pairCounts'): Comparison[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, k): Comparison => {
    const i = Math.floor(rng() * n);
    let j = Math.floor(rng() * (n - 1));
    if (j >= i) j++;
    if (kind === 'pairCounts') return { a: `x${i}`, b: `x${j}`, aWins: Math.floor(rng() * 4), bWins: Math.floor(rng() * 3), ...(k % 4 === 0 ? { draws: 1 } : {}) };
    const u = rng();
    return { left: `x${i}`, right: `x${j}`, outcome: u < 0.1 ? 'draw' : u < 0.6 ? 'left' : 'right', ...(k % 3 === 0 ? { weight: 0.5 + rng() } : {}) };
  });
}

/** The pinned fits of arrays: name, comparisons, options. */
export function pinnedSmallFitCases(): [string, Comparison[], BradleyTerryOptions][] {
  const elo = { prior: 0.01, scale: 400, center: 1200 };
  return [
    [
      '4 datapoints, 5 pair counts',
      [
        { a: 'x0', b: 'x1', aWins: 3, bWins: 1 },
        { a: 'x1', b: 'x2', aWins: 2, bWins: 2 },
        { a: 'x2', b: 'x3', aWins: 1, bWins: 3 },
        { a: 'x3', b: 'x0', aWins: 2, bWins: 1 },
        { a: 'x0', b: 'x2', aWins: 1, bWins: 1 },
      ],
      elo,
    ],
    ['a pair without games beside one with', [{ a: 'p', b: 'q', aWins: 0, bWins: 0 }, { a: 'q', b: 'r', aWins: 2, bWins: 1 }], {}],
    ['a flow batch of 4, 8 answers', flowBatch('small a', 4, 8), elo],
    ['a flow batch of 16, 20 answers', flowBatch('small b', 16, 20), elo],
    ['a flow batch of 16, 80 answers, prior 1e-8', flowBatch('small c', 16, 80), { ...elo, prior: 1e-8 }],
    ['8 datapoints, 14 records, position effect and covariance', randomItems('small d', 8, 14, 'records'), { positionEffect: true, covariance: true }],
    ['60 datapoints, 1 500 pair counts (the hash table in its own buffer)', randomItems('small e', 60, 1500, 'pairCounts'), { standardErrors: 'approximate' }],
  ];
}

/**
 * A builder fed 40 datapoints' pair counts one at a time, without a reservation: built
 * after 1 000 (past its first buffer of 16 pairs), then after 2 000 more. Returns both tables' fits' inputs.
 */
export function growBuilder<B extends Pick<ComparisonTableBuilder, 'add' | 'build'>>(builder: B): [ReturnType<B['build']>, ReturnType<B['build']>] {
  const items = randomItems('small f', 40, 3000, 'pairCounts');
  items.slice(0, 1000).forEach((item, k) => builder.add(item, `items[${k}]`));
  const first = builder.build() as ReturnType<B['build']>;
  items.slice(1000).forEach((item, k) => builder.add(item, `items[${1000 + k}]`));
  return [first, builder.build() as ReturnType<B['build']>];
}

/**
 * A builder within its first buffer: pair counts, built; records (whose columns the
 * buffer's spare pair gives), built again. Returns both tables.
 */
export function refillBuilder<B extends Pick<ComparisonTableBuilder, 'add' | 'build'>>(builder: B): [ReturnType<B['build']>, ReturnType<B['build']>] {
  randomItems('small g', 5, 4, 'pairCounts').forEach((item, k) => builder.add(item, `counts[${k}]`));
  const first = builder.build() as ReturnType<B['build']>;
  randomItems('small h', 6, 6, 'records').forEach((item, k) => builder.add(item, `records[${k}]`));
  return [first, builder.build() as ReturnType<B['build']>];
}
