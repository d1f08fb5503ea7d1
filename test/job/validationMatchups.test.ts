import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  createRankingJob,
  replayRankingJob,
  restoreRankingJob,
  type Matchup,
  type Outcome,
  type RankingJob,
  type RankingJobSnapshot,
  type ValidationMatchupInput,
} from '../../src/index.js';
import { definitionOf, expectInputError, ids, reseal, stateFingerprint } from '../helpers.js';

// Four pairs with known answers: two of the ranking's datapoints, two from outside it.
const PAIRS: ValidationMatchupInput[] = [
  { left: 'gold-a', right: 'gold-b', answer: 'left' },
  { left: 'gold-c', right: 'gold-d', answer: 'right' },
  { left: 'd0', right: 'd1', answer: 'left' },
  { left: 'gold-a', right: 'gold-c', answer: 'draw' },
];

function validationDefinition(overrides: Parameters<typeof definitionOf>[0] = {}) {
  return definitionOf({ datapoints: [ids(8)], comparisonBudgetPerRanking: 60, validation: { matchups: PAIRS, rate: 0.25 }, ...overrides });
}

// The right answer of a validation matchup as shown (sides may be swapped).
function knownAnswer(matchup: Matchup): Outcome {
  const pair = PAIRS.find((p) => (p.left === matchup.left && p.right === matchup.right) || (p.left === matchup.right && p.right === matchup.left))!;
  if (pair.answer === 'draw' || pair.left === matchup.left) return pair.answer;
  return pair.answer === 'left' ? 'right' : 'left';
}

describe('validation matchups in the definition', () => {
  it('are copied and frozen, and absent (not null) when not given, so old definitions keep their JSON', () => {
    const definition = validationDefinition();
    expect(definition.validation).toEqual({ matchups: PAIRS, rate: 0.25 });
    expect(Object.isFrozen(definition.validation!.matchups[0])).toBe(true);
    const plain = definitionOf();
    expect('validation' in plain).toBe(false);
    expect(JSON.stringify(definitionOf({ validation: null }))).toBe(JSON.stringify(plain));
  });

  it('refuse bad matchups and rates, naming the field', () => {
    const bad: [unknown, string][] = [
      [{ matchups: [], rate: 0.1 }, 'validation.matchups'],
      [{ matchups: 'x', rate: 0.1 }, 'validation.matchups'],
      [{ matchups: [{ left: 'a', right: 'a', answer: 'left' }], rate: 0.1 }, 'validation.matchups[0].right'],
      [{ matchups: [{ left: '', right: 'a', answer: 'left' }], rate: 0.1 }, 'validation.matchups[0].left'],
      [{ matchups: [{ left: 'a', right: 'b', answer: 'up' }], rate: 0.1 }, 'validation.matchups[0].answer'],
      [{ matchups: [{ left: 'a', right: 'b', answer: 'left', extra: 1 }], rate: 0.1 }, 'validation.matchups[0].extra'],
      [{ matchups: [PAIRS[0], { left: 'gold-b', right: 'gold-a', answer: 'right' }], rate: 0.1 }, 'validation.matchups[1]'],
      [{ matchups: PAIRS, rate: 0 }, 'validation.rate'],
      [{ matchups: PAIRS, rate: 1 }, 'validation.rate'],
      [{ matchups: PAIRS, rate: Number.NaN }, 'validation.rate'],
      [{ matchups: PAIRS }, 'validation.rate'],
      [{ matchups: PAIRS, rate: 0.1, share: 2 }, 'validation.share'],
      ['yes', 'validation'],
    ];
    for (const [validation, path] of bad) expectInputError(() => definitionOf({ validation: validation as never }), path);
  });

  it('read each pair once: a getter cannot show the check one id and the definition another', () => {
    let reads = 0;
    const pair = {
      get left() {
        reads++;
        return reads === 1 ? 'x' : 'y';
      },
      right: 'z',
      answer: 'left' as const,
    };
    const definition = validationDefinition({ validation: { matchups: [pair], rate: 0.5 } });
    expect(reads).toBe(1);
    expect(definition.validation!.matchups[0]!.left).toBe('x');
  });
});

describe('validation matchups in a job', () => {
  it('are mixed in at the rate, outside the budget, looking like other matchups', () => {
    const job = createRankingJob(validationDefinition({ comparisonBudgetPerRanking: 2000 }), { seed: 3 });
    const issued = job.nextMatchups(4000);
    const validation = issued.filter((m) => m.kind === 'validation');
    // 2000 ranking matchups, and validation ones at 25% of all: about 667 (sd 20 for a negative binomial).
    expect(issued.length - validation.length).toBe(2000);
    expect(validation.length).toBeGreaterThan(667 - 80);
    expect(validation.length).toBeLessThan(667 + 80);
    for (const matchup of validation) {
      expect(matchup.ranking).toBeNull();
      expect(Object.keys(matchup).sort()).toEqual(['id', 'kind', 'left', 'ranking', 'right']);
      expect(knownAnswer(matchup)).toBeDefined();
    }
    // Both sides are used for every pair, and every pair is drawn.
    const shown = new Set(validation.map((m) => `${m.left}|${m.right}`));
    for (const pair of PAIRS) {
      expect(shown.has(`${pair.left}|${pair.right}`)).toBe(true);
      expect(shown.has(`${pair.right}|${pair.left}`)).toBe(true);
    }
    // Ids are numbered with the rest.
    expect(issued.map((m) => m.id)).toEqual(issued.map((_, i) => `m${i + 1}`));
    const progress = job.progress();
    expect(progress.pending).toBe(2000);
    expect(progress.available).toBe(0);
    expect(progress.validation).toEqual({ pending: validation.length, completed: 0 });
    // With the budget taken, no more work of either kind.
    expect(job.nextMatchups(10)).toEqual([]);
  });

  it('never move ratings, results or comparisons, and do not hold up done', () => {
    const job = createRankingJob(validationDefinition(), { seed: 5 });
    let validationAnswered = 0;
    while (!job.done) {
      for (const matchup of job.nextMatchups(7)) {
        if (matchup.kind === 'validation') {
          const before = JSON.stringify({ rankings: job.snapshot().rankings, results: job.results({ scorer: 'elo' }) });
          job.recordResponse(matchup.id, 'left', { labelerId: 'ann' });
          validationAnswered++;
          expect(JSON.stringify({ rankings: job.snapshot().rankings, results: job.results({ scorer: 'elo' }) })).toBe(before);
        } else {
          job.recordResponse(matchup.id, matchup.left < matchup.right ? 'left' : 'right', { labelerId: 'ann' });
        }
      }
    }
    expect(validationAnswered).toBeGreaterThan(0);
    expect(job.progress().completed).toBe(60);
    expect(job.progress().validation).toEqual({ pending: 0, completed: validationAnswered });
    expect(job.comparisons()).toHaveLength(60);
    expect(job.comparisons({ perVote: true }).every((c) => c.ranking === 0)).toBe(true);
    expect(job.results()[0]!.comparisons).toBe(60);
  });

  it('score labelers: right and wrong answers per labeler feed their trust', () => {
    const job = createRankingJob(validationDefinition({ comparisonBudgetPerRanking: 400 }), { seed: 8 });
    const expected = { careful: { right: 0, wrong: 0 }, contrary: { right: 0, wrong: 0 } };
    let turn = 0;
    while (!job.done) {
      for (const matchup of job.nextMatchups(10)) {
        const labelerId = turn++ % 2 === 0 ? 'careful' : 'contrary';
        const truth: Outcome = matchup.kind === 'validation' ? knownAnswer(matchup) : Number(matchup.left.slice(1)) < Number(matchup.right.slice(1)) ? 'left' : 'right';
        const flipped: Outcome = truth === 'left' ? 'right' : truth === 'right' ? 'left' : 'left';
        const outcome = labelerId === 'careful' ? truth : flipped;
        job.recordResponse(matchup.id, outcome, { labelerId });
        if (matchup.kind === 'validation') expected[labelerId][outcome === truth ? 'right' : 'wrong']++;
      }
    }
    const report = job.labelers({ method: 'validation' });
    const careful = report.labelers.find((l) => l.labelerId === 'careful')!;
    const contrary = report.labelers.find((l) => l.labelerId === 'contrary')!;
    expect({ right: careful.validation.right, wrong: careful.validation.wrong }).toEqual(expected.careful);
    expect({ right: contrary.validation.right, wrong: contrary.validation.wrong }).toEqual(expected.contrary);
    expect(expected.careful.right).toBeGreaterThan(20);
    expect(careful.trust).toBeGreaterThan(0.8);
    expect(contrary.trust).toBe(0);
    expect(careful.trustSource).toBe('validation');
    // The caller's own validation answers are added to the job's.
    const more = job.labelers({ method: 'validation', validation: [{ labelerId: 'careful', answer: 'left', outcome: 'right' }] });
    expect(more.labelers.find((l) => l.labelerId === 'careful')!.validation.wrong).toBe(1);
    // Trust weighting in results uses them (the contrary labeler weighs 0).
    const weighted = job.results({ scorer: 'bradleyTerry', labelerWeights: 'trust' })[0]!.entries.map((e) => e.datapoint);
    expect(weighted.slice(0, 3)).toEqual(['d0', 'd1', 'd2']);
  });

  it('are released and expired without touching any budget', () => {
    const job = createRankingJob(validationDefinition({ matchupTtlMs: 100, validation: { matchups: PAIRS, rate: 0.5 } }), { seed: 2 });
    const issued = job.nextMatchups(20, { now: 0 });
    const validation = issued.filter((m) => m.kind === 'validation');
    expect(validation.length).toBeGreaterThan(1);
    job.releaseMatchup(validation[0]!.id);
    expect(job.progress().validation!.pending).toBe(validation.length - 1);
    expect(job.progress().pending).toBe(issued.length - validation.length);
    const expired = job.expireMatchups(100);
    expect(expired).toHaveLength(issued.length - 1);
    expect(job.progress()).toMatchObject({ pending: 0, completed: 0, available: 60, validation: { pending: 0, completed: 0 } });
    expectInputError(() => job.recordResponse(validation[1]!.id, 'left'), 'matchupId');
  });

  it('snapshot, restore and replay mid-matchup, and go on as the original does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 40 }), (seed, steps) => {
        const definition = validationDefinition({ responsesPerComparison: 2, validation: { matchups: PAIRS, rate: 0.3 } });
        const job = createRankingJob(definition, { seed });
        drive(job, steps, seed);
        const snapshot = JSON.parse(JSON.stringify(job.snapshot())) as RankingJobSnapshot;
        const restored = restoreRankingJob(snapshot);
        const replayed = replayRankingJob(definition, job.events(), { seed });
        expect(stateFingerprint(restored)).toBe(stateFingerprint(job));
        expect(stateFingerprint(replayed)).toBe(stateFingerprint(job));
        drive(job, 15, seed + 1);
        drive(restored, 15, seed + 1);
        drive(replayed, 15, seed + 1);
        expect(stateFingerprint(restored)).toBe(stateFingerprint(job));
        expect(stateFingerprint(replayed)).toBe(stateFingerprint(job));
        expect(JSON.stringify(restored.labelers())).toBe(JSON.stringify(job.labelers()));
      }),
      { numRuns: 25 },
    );
  });

  it('restore refuses validation entries that no job could write', () => {
    const job = createRankingJob(validationDefinition({ responsesPerComparison: 2, validation: { matchups: PAIRS, rate: 0.5 } }), { seed: 4 });
    const issued = job.nextMatchups(12);
    for (const matchup of issued) job.recordResponse(matchup.id, 'left', { labelerId: 'ann' });
    job.recordResponse(issued[0]!.id, 'right', { labelerId: 'bob' });
    const snapshot = job.snapshot();
    const pendingAt = snapshot.matchups.pending.findIndex((m) => m.kind === 'validation');
    const voteAt = snapshot.matchups.votes.rankings.indexOf(-1);
    expect(pendingAt).toBeGreaterThanOrEqual(0);
    expect(voteAt).toBeGreaterThanOrEqual(0);
    const edit = (change: (copy: Record<string, any>) => void): RankingJobSnapshot => {
      const copy = JSON.parse(JSON.stringify(snapshot));
      change(copy);
      return reseal(copy);
    };
    expect(stateFingerprint(restoreRankingJob(edit(() => {})))).toBe(stateFingerprint(job));
    const cases: [(copy: Record<string, any>) => void, string][] = [
      [(c) => (c.matchups.pending[pendingAt].right = 'gold-z'), `snapshot.matchups.pending[${pendingAt}].left`],
      [(c) => (c.matchups.pending[pendingAt].kind = 'random'), `snapshot.matchups.pending[${pendingAt}].kind`],
      [(c) => (c.matchups.pending[pendingAt].pair = 3), `snapshot.matchups.pending[${pendingAt}].pair`],
      [(c) => (c.matchups.pending[pendingAt].votes.left = 2), `snapshot.matchups.pending[${pendingAt}].votes`],
      [(c) => (c.matchups.votes.rankings[voteAt] = -2), `snapshot.matchups.votes.rankings[${voteAt}]`],
      [(c) => (c.matchups.votes.rights[voteAt] = c.matchups.votes.lefts[voteAt] ^ 3), `snapshot.matchups.votes.rights[${voteAt}]`],
      [(c) => (c.matchups.votes.lefts[voteAt] = 2 * PAIRS.length), `snapshot.matchups.votes.lefts[${voteAt}]`],
      // A definition without validation has no validation matchups to restore.
      [(c) => delete c.definition.validation, `snapshot.matchups.pending[${pendingAt}].ranking`],
    ];
    for (const [change, path] of cases) expectInputError(() => restoreRankingJob(edit(change)), path);
  });

  it('are off with validation: null, exactly as without the option (pinned seeds elsewhere guard the draws)', () => {
    const job = createRankingJob(definitionOf({ datapoints: [ids(8)] }), { seed: 11 });
    const withNull = createRankingJob(definitionOf({ datapoints: [ids(8)], validation: null }), { seed: 11 });
    expect(JSON.stringify(withNull.nextMatchups(30))).toBe(JSON.stringify(job.nextMatchups(30)));
  });
});

// Issues and answers matchups in a seeded pattern: some answered once, some twice, some released.
function drive(job: RankingJob, steps: number, seed: number): void {
  let k = seed;
  for (let step = 0; step < steps && !job.done; step++) {
    const matchups = job.nextMatchups(1 + (k % 3));
    for (const matchup of matchups) {
      k = (k * 1103515245 + 12345) % 2147483648;
      const action = k % 7;
      if (action === 0) job.releaseMatchup(matchup.id);
      else if (action === 1) job.recordResponse(matchup.id, 'draw', { labelerId: 'l1' });
      else {
        const outcome: Outcome = k % 2 === 0 ? 'left' : 'right';
        job.recordResponse(matchup.id, outcome, { labelerId: `l${k % 4}`, responseId: `r${step}` });
        if (action > 3) job.recordResponse(matchup.id, outcome, { labelerId: 'l9' });
      }
    }
  }
}
