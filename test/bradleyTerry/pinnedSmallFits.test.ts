// No-regression: exact outputs of small Bradley–Terry fits (pinnedSmallFitCases.ts), the
// shapes whose fixed cost 0.3.0 cut by allocating a table's arrays, and a fit's work
// vectors, in one buffer each: a few pair counts, a flow's batch with its zero-count
// entries (pairs without games, which the products with the information skip), a few
// records with the position effect and the covariance, a hash table in its own buffer, a
// builder grown past its first buffer and built twice, and one built twice within it.
//
// Recorded from the build of commit 86d4e5b (before that work) by feeding the same inputs
// to its sources; the faster allocation must keep every bit. Each digest is SHA-256 of the
// JSON of the fit (shortest round-trip decimals, so equal digests mean equal doubles).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ComparisonTableBuilder } from '../../src/bradleyTerry/comparisonTable.js';
import { fitBradleyTerry } from '../../src/bradleyTerry/fitBradleyTerry.js';
import { growBuilder, pinnedSmallFitCases, refillBuilder } from './pinnedSmallFitCases.js';

const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

const PINNED: Record<string, { digest: string; firstScore: number; firstStandardError: number }> = {
  '4 datapoints, 5 pair counts': { digest: 'c71f87cb1ead92552aa54baf43e7ed8acc7946dbdd63a45ff554e4c3a5de575b', firstScore: 1226.3021693454748, firstStandardError: 92.18768576197374 },
  'a pair without games beside one with': { digest: '880f369481a22dc64a87328c09d137afa3518da8dc4397914508961e32738e38', firstScore: 1200, firstStandardError: 1418.3998383591347 },
  'a flow batch of 4, 8 answers': { digest: '4cf2401fb3d71332254d7858a17fe57896e6c8341b57a0e97653344f7127c97f', firstScore: 755.8399997507017, firstStandardError: 436.4102887914531 },
  'a flow batch of 16, 20 answers': { digest: '372d8d30eb246e69ada80ebeef16e4ce6a9b9aa79042ff148e4faa1802c6f96d', firstScore: 1334.4771119180828, firstStandardError: 311.2504426041414 },
  'a flow batch of 16, 80 answers, prior 1e-8': { digest: 'd4d624feaeba2b8a44fd56c6b131f2b58d2138dd1130a11b1336b7347ba0df5b', firstScore: 1446.3926293783, firstStandardError: 155.44843628558888 },
  '8 datapoints, 14 records, position effect and covariance': {
    digest: 'eac22680763f89a88a75aca491e44f246dde78bfc25669f4e08f279453877cd8',
    firstScore: 639.829359318658,
    firstStandardError: 498.31261474879113,
  },
  '60 datapoints, 1 500 pair counts (the hash table in its own buffer)': {
    digest: 'a16cfe5227aaa04773d8b906b83de1eb9e38b2c110f5e817709d05a24d0288c1',
    firstScore: 1187.3832448465464,
    firstStandardError: 29.01683382098113,
  },
};

describe('Bradley–Terry: pinned small fits (recorded from commit 86d4e5b)', () => {
  it.each(pinnedSmallFitCases())('%s', (name, comparisons, options) => {
    const fit = fitBradleyTerry(comparisons, options);
    const pinned = PINNED[name]!;
    expect(fit.entries[0]!.score).toBe(pinned.firstScore);
    expect(fit.entries[0]!.standardError).toBe(pinned.firstStandardError);
    expect(digest(fit)).toBe(pinned.digest);
  });

  it('a builder grown past its first buffer, built, added to and built again', () => {
    const [first, second] = growBuilder(new ComparisonTableBuilder());
    expect(digest(fitBradleyTerry(first))).toBe('0dae796232f24869fd1439ea5dc116768117d211210426f7c321079585768db3');
    expect(digest(fitBradleyTerry(second))).toBe('2a67e7996acf937ec6666759e87b6bb743b50d032c045b8a0cb7c6f171755ebb');
  });

  it('a builder within its first buffer, built, given records and built again; the first table unchanged', () => {
    const [first, second] = refillBuilder(new ComparisonTableBuilder());
    const secondDigest = digest(fitBradleyTerry(second, { positionEffect: true }));
    expect(digest(fitBradleyTerry(first))).toBe('583e466dd27cf64dfe8d152b0e2c3687045bbe8959183fa3e356386f507c9bc2');
    expect(secondDigest).toBe('22f9e469e62f1c0462e3a44e3cbd6786ec65e495cecfbff95375dfa93b36a06c');
  });
});
