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
// failing assertions, and says so: 0.3.0 did (the Newton iterations start from the win
// rates and solve early systems loosely, winRateStart.ts and penalisedNewton.ts), and the
// first score and standard error recorded before it (`before`) must still hold to 1e-6
// Elo points and 1e-8 relative.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bootstrapIntervals } from '../../src/bradleyTerry/bootstrapIntervals.js';
import { ComparisonTableBuilder } from '../../src/bradleyTerry/comparisonTable.js';
import { fitBradleyTerry } from '../../src/bradleyTerry/fitBradleyTerry.js';
import { winMatrix } from '../../src/bradleyTerry/winMatrix.js';
import { pinnedComparisons, pinnedFitCases } from './pinnedFitCases.js';

const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

const PINNED_FITS: Record<string, { digest: string; firstScore: number; firstStandardError: number; exact: boolean; before: { firstScore: number; firstStandardError: number } }> = {
  '30 datapoints, 200 records': {
    digest: 'c0ea563a0192c4527fa2421b355f8b4b7f8c41a7c7edc43e239a97a141580076',
    firstScore: 1441.439096575292,
    firstStandardError: 126.25537274911558,
    exact: true,
    before: { firstScore: 1441.439096575292, firstStandardError: 126.25537274911561 },
  },
  '40 datapoints, 600 mixed items': {
    digest: '4c1384943690d8f447c77b7c2e20165369d764ac1834a1fbb92ad4de86809784',
    firstScore: 1027.4234489076443,
    firstStandardError: 68.49104721776874,
    exact: true,
    before: { firstScore: 1027.4234489076443, firstStandardError: 68.49104721786199 },
  },
  'the same with the position effect and the covariance': {
    digest: '378d015777ef33ae11475412e0066097965c57b006453053ff32b96ff3538897',
    firstScore: 1025.9022697895202,
    firstStandardError: 68.54271147511143,
    exact: true,
    before: { firstScore: 1025.9022697895202, firstStandardError: 68.54271147511142 },
  },
  '20 datapoints, 800 records, prior 0': {
    digest: '3c7ca0c66bbb0eb6c619d84e4c35fbe98bdb47c95b11a7d61f1126a87630964d',
    firstScore: 1340.714536347911,
    firstStandardError: 40.326891996733465,
    exact: true,
    before: { firstScore: 1340.714536347911, firstStandardError: 40.32689199676362 },
  },
  '301 datapoints, 5 000 mixed items, position effect': {
    digest: '1617998247df6755aab002733ebb727aa210a855532818f480f98be742119e1b',
    firstScore: 1207.2110603923293,
    firstStandardError: 55.0481038825067,
    exact: true,
    before: { firstScore: 1207.211060392329, firstStandardError: 55.04810388251313 },
  },
  '700 datapoints, 20 000 records': {
    digest: 'bccbc2ad94538ee0cc253aeb4d106067a2c96091d39473d7e64fa736ec880ed2',
    firstScore: 1432.951800174901,
    firstStandardError: 60.690833766504305,
    exact: true,
    before: { firstScore: 1432.951800174901, firstStandardError: 60.69083376650471 },
  },
  '2 500 datapoints, 25 000 mixed items (approximate standard errors)': {
    digest: '894917c2640ce5fb5bb4e44c20d2dff54e81d8357f10aaaf49a28b84bcf8ea98',
    firstScore: 1306.6725932188558,
    firstStandardError: 68.55991599165553,
    exact: false,
    before: { firstScore: 1306.6725932188558, firstStandardError: 68.55991599165552 },
  },
};

describe('Bradley–Terry: pinned outputs (recorded from commit 91aac2f, re-recorded for 0.3.0’s solver)', () => {
  it.each(pinnedFitCases())('%s', (name, comparisons, options) => {
    const fit = fitBradleyTerry(comparisons, options);
    const pinned = PINNED_FITS[name]!;
    expect(fit.entries[0]!.score).toBe(pinned.firstScore);
    expect(fit.entries[0]!.standardError).toBe(pinned.firstStandardError);
    expect(Math.abs(fit.entries[0]!.score - pinned.before.firstScore)).toBeLessThan(1e-6);
    expect(Math.abs(fit.entries[0]!.standardError / pinned.before.firstStandardError - 1)).toBeLessThan(1e-8);
    expect(fit.standardErrorsExact).toBe(pinned.exact);
    expect(digest(fit)).toBe(pinned.digest);
  });

  it('a builder built twice, with additions in between', () => {
    const builder = new ComparisonTableBuilder();
    const items = pinnedComparisons('pinned g', 50, 500, true);
    items.slice(0, 300).forEach((item, k) => builder.add(item, `line ${k + 1}`));
    const early = builder.build();
    items.slice(300).forEach((item, k) => builder.add(item, `line ${k + 301}`));
    expect(digest(fitBradleyTerry(early))).toBe('4c78109821e6ec623429d6249c1b98da474504f7345bf7762929e7360c88b821');
    expect(digest(fitBradleyTerry(builder.build()))).toBe('1085ff6d266abb85f99f62195b20568d4349b475222d7150afa0348bc9346057');
  });

  it('bootstrapIntervals and winMatrix', () => {
    const boot = bootstrapIntervals(pinnedComparisons('pinned h', 60, 900, true), { rounds: 30, seed: 3, positionEffect: true });
    expect(digest(boot)).toBe('ed0e6d92f7f86d1320ded2e7b1c47caa2e90929342368a8255f911f5383be501');
    expect(digest(winMatrix(pinnedComparisons('pinned b', 40, 600, true)))).toBe('12e8bb5e2b12cf071042a26d3756e580484ffdb03f9d9e808dcd2ccf9ca33aef');
  });
});
