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
    digest: 'dd25d6d63df735d700ec9e999e19b754262b5600fed124c15ce4a8c2534b2d5d',
    firstScore: 1226.3021693454748,
    firstStandardError: 92.18768576197334,
    before: { firstScore: 1226.3021693454748, firstStandardError: 92.18768576197374 },
  },
  'a pair without games beside one with': {
    digest: '880f369481a22dc64a87328c09d137afa3518da8dc4397914508961e32738e38',
    firstScore: 1200,
    firstStandardError: 1418.3998383591347,
    before: { firstScore: 1200, firstStandardError: 1418.3998383591347 },
  },
  'a flow batch of 4, 8 answers': {
    digest: '8c80e8b95760b26cfd6077f8a0a105b776cb3a636b2341949b88b3d477e735ee',
    firstScore: 755.8399997507017,
    firstStandardError: 436.41028879144733,
    before: { firstScore: 755.8399997507017, firstStandardError: 436.4102887914531 },
  },
  'a flow batch of 16, 20 answers': {
    digest: 'c3963425b8b066dc662f0d3c0c32e9d8825a66d30cba23ead569203f0926dfa7',
    firstScore: 1334.4771119180828,
    firstStandardError: 311.2504426041151,
    before: { firstScore: 1334.4771119180828, firstStandardError: 311.2504426041414 },
  },
  'a flow batch of 16, 80 answers, prior 1e-8': {
    digest: '2c0f72cc4c1f7b8608faef0ce23561c95b199e80f34c3e54c08e4e804d99af11',
    firstScore: 1446.3926293783,
    firstStandardError: 155.44843628559244,
    before: { firstScore: 1446.3926293783, firstStandardError: 155.44843628558888 },
  },
  '8 datapoints, 14 records, position effect and covariance': {
    digest: '04dbac053e2c1ba053486837f6907a8c718aa995c2aec326e9b226db2e2eccca',
    firstScore: 639.829359318658,
    firstStandardError: 498.3126147483397,
    before: { firstScore: 639.829359318658, firstStandardError: 498.31261474879113 },
  },
  '60 datapoints, 1 500 pair counts (the hash table in its own buffer)': {
    digest: '7e90286f1af48a247f9bcc26b418e062c7dde05b9df1d2ca852c2d07b9a9639e',
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
    expect(digest(fitBradleyTerry(first))).toBe('5b0714a1720aa1e7f50e10a89776f39019ecb932fdf2a54b570e699a630c3900');
    expect(digest(fitBradleyTerry(second))).toBe('ccb019332802698ac28ba55d498080e5bc2e8b0ac3669c3f9d094607ed9a24a0');
  });

  it('a builder within its first buffer, built, given records and built again; the first table unchanged', () => {
    const [first, second] = refillBuilder(new ComparisonTableBuilder());
    const secondDigest = digest(fitBradleyTerry(second, { positionEffect: true }));
    expect(digest(fitBradleyTerry(first))).toBe('0d373a3e49ba378f1f185ed2c7cd36d83345472c85f672af14a8e962e559c4db');
    expect(secondDigest).toBe('7f39c90ce6fc0325f8157b72f74ee2d07837edbe12439a0d9f403fdccccb3a52');
  });
});
