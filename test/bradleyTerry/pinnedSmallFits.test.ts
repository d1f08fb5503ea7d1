// No-regression: exact outputs of small Bradley–Terry fits (pinnedSmallFitCases.ts), the
// shapes whose fixed cost 0.3.0 cut by allocating a table's arrays, and a fit's work
// vectors, in one buffer each: a few pair counts, a flow's batch with its zero-count
// entries (pairs without games, which the products with the information skip), a few
// records with the position effect and the covariance, a hash table in its own buffer, a
// builder grown past its first buffer and built twice, and one built twice within it.
//
// Recorded from the build of commit 86d4e5b (before that work) by feeding the same inputs
// to its sources; the faster allocation must keep every bit. Re-recorded for 0.3.0's
// solver (the Newton iterations start from the win rates and solve early systems
// loosely); the first score and standard error recorded before (`before`) must still hold
// to 1e-6 Elo points and 1e-8 relative. Each digest is SHA-256 of the
// JSON of the fit (shortest round-trip decimals, so equal digests mean equal doubles).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ComparisonTableBuilder } from '../../src/bradleyTerry/comparisonTable.js';
import { fitBradleyTerry } from '../../src/bradleyTerry/fitBradleyTerry.js';
import { growBuilder, pinnedSmallFitCases, refillBuilder } from './pinnedSmallFitCases.js';

const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

const PINNED: Record<string, { digest: string; firstScore: number; firstStandardError: number; before: { firstScore: number; firstStandardError: number } }> = {
  '4 datapoints, 5 pair counts': {
    digest: '092bf11d2c0289edcd4776d3420ee072ce8744183e57c86450c0083510ebea87',
    firstScore: 1226.3021693454748,
    firstStandardError: 92.18768576197373,
    before: { firstScore: 1226.3021693454748, firstStandardError: 92.18768576197374 },
  },
  'a pair without games beside one with': {
    digest: '880f369481a22dc64a87328c09d137afa3518da8dc4397914508961e32738e38',
    firstScore: 1200,
    firstStandardError: 1418.3998383591347,
    before: { firstScore: 1200, firstStandardError: 1418.3998383591347 },
  },
  'a flow batch of 4, 8 answers': {
    digest: '4cf2401fb3d71332254d7858a17fe57896e6c8341b57a0e97653344f7127c97f',
    firstScore: 755.8399997507017,
    firstStandardError: 436.4102887914531,
    before: { firstScore: 755.8399997507017, firstStandardError: 436.4102887914531 },
  },
  'a flow batch of 16, 20 answers': {
    digest: '31f11f127b60d3f41fd61f1fa744d991df7db5a40ae1fd242069a60bbcf7fb5c',
    firstScore: 1334.4771119180828,
    firstStandardError: 311.2504426041413,
    before: { firstScore: 1334.4771119180828, firstStandardError: 311.2504426041414 },
  },
  'a flow batch of 16, 80 answers, prior 1e-8': {
    digest: '078b68e87fd736cb5a0b7e95235c44df32740441ccc75b71f43ec06e25384519',
    firstScore: 1446.3926293783,
    firstStandardError: 155.44843628558888,
    before: { firstScore: 1446.3926293783, firstStandardError: 155.44843628558888 },
  },
  '8 datapoints, 14 records, position effect and covariance': {
    digest: 'c405e394ac63ba2e0a3b17db3e4d9bbfef4982035d5cfa4c81ffe1f1a25ddd4f',
    firstScore: 639.829359318658,
    firstStandardError: 498.31261474879136,
    before: { firstScore: 639.829359318658, firstStandardError: 498.31261474879113 },
  },
  '60 datapoints, 1 500 pair counts (the hash table in its own buffer)': {
    digest: '7996234dfed4d9e9c9230b19530008dc8255332fce9755668af7d6571da07466',
    firstScore: 1187.3832448465464,
    firstStandardError: 29.01683382098113,
    before: { firstScore: 1187.3832448465464, firstStandardError: 29.01683382098113 },
  },
};

describe('Bradley–Terry: pinned small fits (recorded from commit 86d4e5b, re-recorded for 0.3.0’s solver)', () => {
  it.each(pinnedSmallFitCases())('%s', (name, comparisons, options) => {
    const fit = fitBradleyTerry(comparisons, options);
    const pinned = PINNED[name]!;
    expect(fit.entries[0]!.score).toBe(pinned.firstScore);
    expect(fit.entries[0]!.standardError).toBe(pinned.firstStandardError);
    expect(Math.abs(fit.entries[0]!.score - pinned.before.firstScore)).toBeLessThan(1e-6);
    expect(Math.abs(fit.entries[0]!.standardError / pinned.before.firstStandardError - 1)).toBeLessThan(1e-8);
    expect(digest(fit)).toBe(pinned.digest);
  });

  it('a builder grown past its first buffer, built, added to and built again', () => {
    const [first, second] = growBuilder(new ComparisonTableBuilder());
    expect(digest(fitBradleyTerry(first))).toBe('a70c7cd6a674de6a584f6b0211e76f91205988f52054def616eea4eaf3fd1fa6');
    expect(digest(fitBradleyTerry(second))).toBe('2d4512a06b408a03f5aa50c2e62f1080a520726c83aab1851f9e4636ec06635c');
  });

  it('a builder within its first buffer, built, given records and built again; the first table unchanged', () => {
    const [first, second] = refillBuilder(new ComparisonTableBuilder());
    const secondDigest = digest(fitBradleyTerry(second, { positionEffect: true }));
    expect(digest(fitBradleyTerry(first))).toBe('ade3b972cb67db9a9bb186e399bfa1c82f9d903eddf75d0238ad588291f3d1ca');
    expect(secondDigest).toBe('c24b1ea216e769d88a8615712e4106849b308f0b2748be56bd5bd5964d7c407f');
  });
});
