// job.labelers() and results({ labelerWeights: 'trust' }): the trust estimator wired into
// the job, deterministic and snapshot-safe (trust is a function of the stored votes).
import { describe, expect, it } from 'vitest';
import {
  createRankingJob,
  createRankingJobDefinition,
  createRng,
  estimateLabelerTrust,
  kendallTau,
  labelerWeightsFromTrust,
  restoreRankingJob,
  type RankingJob,
} from '../../src/index.js';
import { expectInputError } from '../helpers.js';

const SIZE = 40;
const truth = new Map(Array.from({ length: SIZE }, (_, i) => [`d${i}`, 30 * i]));

// 12 careful labelers (Bradley–Terry choices on the truth), 5 random clickers, 3 left-clickers.
const LABELERS = [
  ...Array.from({ length: 12 }, (_, i) => ({ id: `careful-${i}`, kind: 'careful' })),
  ...Array.from({ length: 5 }, (_, i) => ({ id: `random-${i}`, kind: 'random' })),
  ...Array.from({ length: 3 }, (_, i) => ({ id: `left-${i}`, kind: 'left' })),
];

function answeredJob(seed: string): RankingJob {
  const job = createRankingJob(
    createRankingJobDefinition({ name: 'trust', instruction: 'Which is better?', datapoints: [[...truth.keys()]], comparisonBudgetPerRanking: 16 * SIZE, responsesPerComparison: 3, randomComparisonsRatio: 1 }),
    { seed },
  );
  const rng = createRng(`${seed}-answers`);
  let turn = 0;
  while (!job.done) {
    for (const matchup of job.nextMatchups(10)) {
      for (let response = 0; response < 3; response++) {
        const labeler = LABELERS[(turn++ * 7) % LABELERS.length]!;
        const p = 1 / (1 + 10 ** ((truth.get(matchup.right)! - truth.get(matchup.left)!) / 400));
        const outcome = labeler.kind === 'left' ? 'left' : (labeler.kind === 'random' ? 0.5 : p) > rng() ? 'left' : 'right';
        job.recordResponse(matchup.id, outcome, { labelerId: labeler.id });
      }
    }
  }
  return job;
}

const tauOf = (job: RankingJob, options: object) =>
  kendallTau(new Map(job.results({ scorer: 'bradleyTerry', ...options })[0]!.entries.map((entry) => [entry.datapoint, entry.score])), truth);

describe('job.labelers() and trust weights', () => {
  const job = answeredJob('crowd');

  it('rates every labeler from the job’s own responses, as estimateLabelerTrust does', () => {
    const report = job.labelers();
    expect(report).toEqual(estimateLabelerTrust(job.comparisons({ perVote: true })));
    expect(report.labelers.map((labeler) => labeler.labelerId).sort()).toEqual(LABELERS.map((labeler) => labeler.id).sort());
    for (const labeler of report.labelers) {
      const careful = labeler.labelerId.startsWith('careful');
      expect({ id: labeler.labelerId, trusted: labeler.trust >= 0.5 }).toEqual({ id: labeler.labelerId, trusted: careful });
    }
    const leftClicker = report.labelers.find((labeler) => labeler.labelerId === 'left-0')!;
    // Every answer left: the share's estimate (Jeffreys posterior mean) is near 1, far from ½.
    expect(leftClicker.positionBias.leftShare.estimate).toBeGreaterThan(0.98);
  });

  it("scores with labelerWeights: 'trust' exactly as with the weights from the report, and better than unweighted", () => {
    const weights = labelerWeightsFromTrust(job.labelers(), { minTrust: 0.5 });
    const viaTrust = job.results({ scorer: 'bradleyTerry', labelerWeights: 'trust', minTrust: 0.5 });
    expect(viaTrust).toEqual(job.results({ scorer: 'bradleyTerry', labelerWeights: weights }));
    expect(job.results({ scorer: 'posterior', labelerWeights: 'trust' })).toEqual(
      job.results({ scorer: 'posterior', labelerWeights: labelerWeightsFromTrust(job.labelers()) }),
    );
    // 8 of 20 labelers are spammers: dropping them must not make the ranking worse.
    expect(tauOf(job, { labelerWeights: 'trust', minTrust: 0.5 })).toBeGreaterThan(tauOf(job, {}));
  });

  it('is the same after a snapshot and restore, and after a JSON round trip', () => {
    const restored = restoreRankingJob(JSON.parse(JSON.stringify(job.snapshot())));
    expect(restored.labelers()).toEqual(job.labelers());
    expect(restored.results({ scorer: 'bradleyTerry', labelerWeights: 'trust' })).toEqual(job.results({ scorer: 'bradleyTerry', labelerWeights: 'trust' }));
  });

  it('refuses a minTrust without trust weights, out of range, and unknown weight names', () => {
    expectInputError(() => job.results({ scorer: 'bradleyTerry', minTrust: 0.5 }), 'options.minTrust');
    expectInputError(() => job.results({ scorer: 'bradleyTerry', labelerWeights: new Map([['careful-0', 2]]), minTrust: 0.5 }), 'options.minTrust');
    expectInputError(() => job.results({ scorer: 'bradleyTerry', labelerWeights: 'trust', minTrust: 1.5 }), 'options.minTrust');
    expectInputError(() => job.results({ scorer: 'bradleyTerry', labelerWeights: 'trust', minTrust: Number.NaN }), 'options.minTrust');
    expectInputError(() => job.results({ scorer: 'elo', minTrust: 0.5 } as never), 'options.minTrust');
    expectInputError(() => job.results({ labelerWeights: 'trusted' as never }), 'options.labelerWeights');
    expectInputError(() => job.labelers({ method: 'oracle' } as never), 'options.method');
  });

  it('gives an empty report before any labeled response', () => {
    const fresh = createRankingJob(createRankingJobDefinition({ name: 'x', instruction: 'y', datapoints: [['a', 'b', 'c']], comparisonBudgetPerRanking: 5 }), { seed: 1 });
    expect(fresh.labelers().labelers).toEqual([]);
    const [matchup] = fresh.nextMatchups(1);
    fresh.recordResponse(matchup!.id, 'left');
    expect(fresh.labelers().labelers).toEqual([]);
    expect(fresh.results({ labelerWeights: 'trust' })).toEqual(fresh.results());
  });
});
