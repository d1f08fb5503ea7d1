// Simulated jobs with validation matchups (issue 13, item 5): the validation set drawn
// from the truth, the labeler answering validation matchups from the truth, their
// responses counted apart, and what trust weighting saves when a crowd has spammers.
import { describe, expect, it } from 'vitest';
import {
  LABELER_PRESETS,
  createRng,
  simulateRankingJob,
  validationMatchupsFromTruth,
  type NamedCrowdLabelerSpec,
  type ValidationMatchupInput,
} from '../../src/index.js';
import { definitionOf, ids } from '../helpers.js';

// A truth with known gaps: d_i scores 100 × i, so pairs differ by 100 × |i − j|.
function ladder(n: number): Map<string, number> {
  return new Map(ids(n).map((id, i) => [id, 100 * i]));
}
const key = (pair: ValidationMatchupInput) => [pair.left, pair.right].sort().join('|');

describe('validationMatchupsFromTruth', () => {
  it('draws distinct pairs at least minDifference apart, the better datapoint the answer', () => {
    const truth = ladder(60);
    // 60 datapoints 100 apart: pairs ≥ 400 apart are those with |i − j| ≥ 4, 1 540 of them;
    // 30 pairs take the sampling path (fewer than half), 1 000 the listing path.
    for (const matchups of [30, 1000]) {
      const pairs = validationMatchupsFromTruth(truth, { matchups }, createRng('gold'));
      expect(pairs).toHaveLength(matchups);
      expect(new Set(pairs.map(key)).size).toBe(matchups);
      for (const pair of pairs) {
        expect(pair.answer).toBe('left');
        expect(truth.get(pair.left)! - truth.get(pair.right)!).toBeGreaterThanOrEqual(400);
      }
    }
  });

  it('takes every clear pair when fewer qualify than asked, and the extremes when none does', () => {
    const truth = ladder(8);
    // |i − j| ≥ 4 among 8: (0,4..7), (1,5..7), (2,6..7), (3,7) = 4 + 3 + 2 + 1 = 10 pairs.
    const all = validationMatchupsFromTruth(truth, { matchups: 50 }, createRng(1));
    expect(all.map(key).sort()).toEqual(
      [[0, 4], [0, 5], [0, 6], [0, 7], [1, 5], [1, 6], [1, 7], [2, 6], [2, 7], [3, 7]].map(([a, b]) => [`d${a}`, `d${b}`].sort().join('|')).sort(),
    );
    expect(validationMatchupsFromTruth(truth, { minDifference: 5000 }, createRng(1))).toEqual([{ left: 'd7', right: 'd0', answer: 'left' }]);
    expect(validationMatchupsFromTruth({ a: 5, b: 5 }, {}, createRng(1))).toEqual([{ left: 'b', right: 'a', answer: 'draw' }]);
  });

  it('is deterministic in the seed and reaches every clear pair', () => {
    const truth = ladder(12);
    const a = validationMatchupsFromTruth(truth, { matchups: 3 }, createRng('s'));
    expect(validationMatchupsFromTruth(truth, { matchups: 3 }, createRng('s'))).toEqual(a);
    expect(validationMatchupsFromTruth(truth, { matchups: 3 }, createRng('t'))).not.toEqual(a);
    // 12 datapoints: 36 clear pairs (|i − j| ≥ 4); 400 draws of 3 pairs each reach all of them.
    const seen = new Set<string>();
    for (let s = 0; s < 400; s++) for (const pair of validationMatchupsFromTruth(truth, { matchups: 3 }, createRng(s))) seen.add(key(pair));
    expect(seen.size).toBe(36);
  });
});

describe('simulateRankingJob with validation matchups', () => {
  const definition = definitionOf({ datapoints: [ids(20)], comparisonBudgetPerRanking: 120, responsesPerComparison: 2 });

  it('mixes in validation matchups drawn from the truth, answered like any other, counted apart', () => {
    const run = simulateRankingJob(definition, { seed: 5, labeler: 'namedCrowd', validation: { rate: 0.2, matchups: 10 } });
    expect(JSON.stringify(simulateRankingJob(definition, { seed: 5, labeler: 'namedCrowd', validation: { rate: 0.2, matchups: 10 } }))).toBe(JSON.stringify(run));
    const validationMatchups = run.matchupsByKind.validation;
    // 120 ranking matchups and validation ones at 20% of all: about 30 (sd about 6).
    expect(validationMatchups).toBeGreaterThan(10);
    expect(validationMatchups).toBeLessThan(60);
    expect(run.validationResponses).toBe(2 * validationMatchups);
    expect(run.responses).toBe(2 * 120 + run.validationResponses!);
    expect(run.rankings[0]!.result.comparisons).toBe(120);
    // Without validation the result has no validationResponses key: old runs keep their JSON.
    const plain = simulateRankingJob(definition, { seed: 5, labeler: 'namedCrowd' });
    expect('validationResponses' in plain).toBe(false);
    expect(plain.matchupsByKind.validation).toBe(0);
  });

  it("answers a definition's own validation matchups from the truth, outside datapoints included", () => {
    const pairs = [
      { left: 'gold-high', right: 'gold-low', answer: 'left' as const },
      { left: 'd0', right: 'gold-low', answer: 'left' as const },
    ];
    const withGold = definitionOf({ datapoints: [ids(6)], comparisonBudgetPerRanking: 30, validation: { matchups: pairs, rate: 0.3 } });
    const trueScores = { ...Object.fromEntries(ids(6).map((id, i) => [id, 1200 + 50 * i])), 'gold-high': 2400, 'gold-low': 0 };
    // A noiseless labeler always answers the gold pairs as their answers say.
    const run = simulateRankingJob(withGold, { seed: 1, trueScores, labeler: 'noiseless' });
    expect(run.validationResponses).toBe(run.matchupsByKind.validation);
    expect(run.matchupsByKind.validation).toBeGreaterThan(0);
  });

  it('costs less in Kendall tau to spammers with trust weighting (a fixed small case)', () => {
    // 30 datapoints, 8 comparisons per datapoint, 3 responses per matchup; a crowd of 10
    // with the namedCrowd preset's shares (6 careful, 3 random clickers, 1 left-clicker: about
    // 72 answers each) against 10 careful labelers, on the same truths and job seeds.
    // Unweighted and trust-weighted score the same jobs.
    const small = definitionOf({ datapoints: [ids(30)], comparisonBudgetPerRanking: 240, responsesPerComparison: 3 });
    const crowd: NamedCrowdLabelerSpec = { ...(LABELER_PRESETS.namedCrowd as NamedCrowdLabelerSpec), labelers: 10 };
    const careful: NamedCrowdLabelerSpec = { ...crowd, members: [{ share: 1, labeler: 'bt', name: 'careful' }] };
    const seeds = [1, 2, 3, 4];
    const tau = (options: Parameters<typeof simulateRankingJob>[1]) =>
      seeds.reduce((sum, seed) => sum + simulateRankingJob(small, { seed, scorer: 'bt', ...options }).rankings[0]!.accuracy.kendallTau, 0) / seeds.length;
    const clean = tau({ labeler: careful });
    const unweighted = tau({ labeler: crowd });
    const trusted = tau({ labeler: crowd, labelerWeights: 'trust' });
    const withValidation = tau({ labeler: crowd, labelerWeights: 'trust', validation: { rate: 0.05 } });
    // Recorded on this fixed case (2026-12-03): clean 0.823, unweighted 0.736 (spammers cost
    // 0.087), trust 0.799 (cost 0.024), trust with validation 0.815 (cost 0.008; other jobs,
    // since validation matchups change the job's draws).
    const cost = clean - unweighted;
    expect(cost).toBeGreaterThan(0.05);
    expect(clean - trusted).toBeLessThan(0.4 * cost);
    expect(clean - withValidation).toBeLessThan(0.4 * cost);
  });
});
