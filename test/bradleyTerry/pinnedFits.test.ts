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
    digest: '95eb1f9e9415d82ebed79a197dc1401d17dc1ab301b5d7b571edd69d8a119181',
    firstScore: 1441.439096575292,
    firstStandardError: 126.25537274911561,
    exact: true,
    before: { firstScore: 1441.439096575292, firstStandardError: 126.25537274911561 },
  },
  '40 datapoints, 600 mixed items': {
    digest: '10da12d1ba5a7cb5bfcb9e7514dc73613bf7e6abd9a39261137ebc0b92bb69d3',
    firstScore: 1027.4234489076443,
    firstStandardError: 68.491047217862,
    exact: true,
    before: { firstScore: 1027.4234489076443, firstStandardError: 68.49104721786199 },
  },
  'the same with the position effect and the covariance': {
    digest: 'aaf9861e716a6cfc0f8a76950b81f277def2146a088fd14b3f4bd2e29224bd1f',
    firstScore: 1025.9022697895202,
    firstStandardError: 68.54271147511142,
    exact: true,
    before: { firstScore: 1025.9022697895202, firstStandardError: 68.54271147511142 },
  },
  '20 datapoints, 800 records, prior 0': {
    digest: '091d69d159da01995b001ce53991c3c5e9ec356ce044254d6b2ab1ed9d1a4fdf',
    firstScore: 1340.714536347911,
    firstStandardError: 40.32689199676362,
    exact: true,
    before: { firstScore: 1340.714536347911, firstStandardError: 40.32689199676362 },
  },
  '301 datapoints, 5 000 mixed items, position effect': {
    digest: '899288e4917b2e2180e389852fdbd1dae23a5f1247682fcd5c9c622f4b6b5dbf',
    firstScore: 1207.2110603923293,
    firstStandardError: 55.04810388251313,
    exact: true,
    before: { firstScore: 1207.211060392329, firstStandardError: 55.04810388251313 },
  },
  '700 datapoints, 20 000 records': {
    digest: 'dc47d4bcbd4eab57ae21577caa4626e7f187925cdcd0cf5ef1244d03d9603463',
    firstScore: 1432.951800174901,
    firstStandardError: 60.69083376650471,
    exact: true,
    before: { firstScore: 1432.951800174901, firstStandardError: 60.69083376650471 },
  },
  '2 500 datapoints, 25 000 mixed items (approximate standard errors)': {
    digest: '1e018f96ddebd2480c2fc5f267719c0b1c2bc3d57da1f699755ae14a0d315944',
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
    expect(digest(fitBradleyTerry(early))).toBe('1c3106066a42b17bcb64d6c858d6881fefbf44c2aa2c13405605122cfe1964f4');
    expect(digest(fitBradleyTerry(builder.build()))).toBe('621dd09693151efb418acb78006bae9cee46f94b50be913c628c2e57f4aa9293');
  });

  it('bootstrapIntervals and winMatrix', () => {
    const boot = bootstrapIntervals(pinnedComparisons('pinned h', 60, 900, true), { rounds: 30, seed: 3, positionEffect: true });
    expect(digest(boot)).toBe('f894e2716d13e261073e8fbcdb05a142d79c63dfd176278a5c85ea2ef25bfc0c');
    expect(digest(winMatrix(pinnedComparisons('pinned b', 40, 600, true)))).toBe('12e8bb5e2b12cf071042a26d3756e580484ffdb03f9d9e808dcd2ccf9ca33aef');
  });
});
