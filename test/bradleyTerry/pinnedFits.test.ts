// No-regression: exact outputs of the Bradley–Terry fits, the table builder, the
// bootstrap and winMatrix on seeded designs (pinnedFitCases.ts) that take every path of
// the table (records and pair counts, weights, draws, growth past the initial size, a
// builder built twice) and of the standard errors (the dense tiles at sizes that leave
// partial blocks, the covariance, the approximation above 2 000 datapoints).
//
// Recorded from the build of commit 91aac2f (before the issue-12 work on the table and
// the dense factorisation) by feeding the same inputs to its dist/index.js; the faster
// table and tiled factorisation must keep every bit. Each digest is SHA-256 of the
// JSON of the result (shortest round-trip decimals, so equal digests mean equal doubles).
// A change meant to move the fits (a new solver step, say) re-records them from its
// failing assertions, and says so.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bootstrapIntervals } from '../../src/bradleyTerry/bootstrapIntervals.js';
import { ComparisonTableBuilder } from '../../src/bradleyTerry/comparisonTable.js';
import { fitBradleyTerry } from '../../src/bradleyTerry/fitBradleyTerry.js';
import { winMatrix } from '../../src/bradleyTerry/winMatrix.js';
import { pinnedComparisons, pinnedFitCases } from './pinnedFitCases.js';

const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

const PINNED_FITS: Record<string, { digest: string; firstScore: number; firstStandardError: number; exact: boolean }> = {
  '30 datapoints, 200 records': { digest: '2ca75c78cb01414c205cdd313073c1556f0518ed71f2f11117087109de8a8f34', firstScore: 1441.439096575292, firstStandardError: 126.25537274911561, exact: true },
  '40 datapoints, 600 mixed items': { digest: '8c8cad9d226e910e4251e1a6d50fb7cd7067148925e74dcbae9ee3ee431ac839', firstScore: 1027.4234489076443, firstStandardError: 68.49104721786199, exact: true },
  'the same with the position effect and the covariance': { digest: '54be45a7a3eb653481d6ef39b4bb4272e7ba95f65f2f524b88b0b91dd160c898', firstScore: 1025.9022697895202, firstStandardError: 68.54271147511142, exact: true },
  '20 datapoints, 800 records, prior 0': { digest: '52e72a638aed128f6c12fc4963fd9fa6832575953fd77e8c39d678c83b890ddb', firstScore: 1340.714536347911, firstStandardError: 40.32689199676362, exact: true },
  '301 datapoints, 5 000 mixed items, position effect': { digest: 'b5e7e47767130374ff1920a7a5eaf434632e30abe50b0c92586a953909bba51e', firstScore: 1207.211060392329, firstStandardError: 55.04810388251313, exact: true },
  '700 datapoints, 20 000 records': { digest: '2b196335af83700520779c77af8a246c094a3ab1a2e5291d5f7ce1c58ebc7c83', firstScore: 1432.951800174901, firstStandardError: 60.69083376650471, exact: true },
  '2 500 datapoints, 25 000 mixed items (approximate standard errors)': {
    digest: 'fd5af0842de15fdd045aac409f5c16ee77637341032acbec364e8468d3ff6e53',
    firstScore: 1306.6725932188558,
    firstStandardError: 68.55991599165552,
    exact: false,
  },
};

describe('Bradley–Terry: pinned outputs (recorded from commit 91aac2f)', () => {
  it.each(pinnedFitCases())('%s', (name, comparisons, options) => {
    const fit = fitBradleyTerry(comparisons, options);
    const pinned = PINNED_FITS[name]!;
    expect(fit.entries[0]!.score).toBe(pinned.firstScore);
    expect(fit.entries[0]!.standardError).toBe(pinned.firstStandardError);
    expect(fit.standardErrorsExact).toBe(pinned.exact);
    expect(digest(fit)).toBe(pinned.digest);
  });

  it('a builder built twice, with additions in between', () => {
    const builder = new ComparisonTableBuilder();
    const items = pinnedComparisons('pinned g', 50, 500, true);
    items.slice(0, 300).forEach((item, k) => builder.add(item, `line ${k + 1}`));
    const early = builder.build();
    items.slice(300).forEach((item, k) => builder.add(item, `line ${k + 301}`));
    expect(digest(fitBradleyTerry(early))).toBe('f15d00bc7ec3eeae90c3c1f19703a3db1fbde23d711165b8784016e78d960eb6');
    expect(digest(fitBradleyTerry(builder.build()))).toBe('60f70d04994f6eb8548d10ac51fe388a81636f14cc065605b9e2213afdcb95f3');
  });

  it('bootstrapIntervals and winMatrix', () => {
    const boot = bootstrapIntervals(pinnedComparisons('pinned h', 60, 900, true), { rounds: 30, seed: 3, positionEffect: true });
    expect(digest(boot)).toBe('f6e37ddf9e9a7fa0af23c3434b0edf0b7be02205d79d85bd9c70e5342720b5cd');
    expect(digest(winMatrix(pinnedComparisons('pinned b', 40, 600, true)))).toBe('12e8bb5e2b12cf071042a26d3756e580484ffdb03f9d9e808dcd2ccf9ca33aef');
  });
});
