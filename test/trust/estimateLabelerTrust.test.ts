import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createLabeler,
  createRankingJob,
  createRankingJobDefinition,
  createRng,
  estimateLabelerTrust,
  generateTrueScores,
  labelerWeightsFromTrust,
  type LabelerTrust,
  type LabelerTrustReport,
  type NamedCrowdLabelerSpec,
  type TrustResponse,
  type ValidationAnswer,
} from '../../src/index.js';
import { logGamma, regularizedIncompleteBeta } from '../../src/trust/betaDistribution.js';

// Every number in a report, with its path, to check them all at once.
function numbers(value: unknown, path = ''): [string, number][] {
  if (typeof value === 'number') return [[path, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => numbers(item, `${path}.${key}`));
}

function byId(report: LabelerTrustReport): Map<string, LabelerTrust> {
  return new Map(report.labelers.map((labeler) => [labeler.labelerId, labeler]));
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

// A small simulated job answered by a named crowd, and its per-vote records.
function crowdJob(seed: number, spec: NamedCrowdLabelerSpec, datapoints = 30, perDatapoint = 8) {
  const ids = Array.from({ length: datapoints }, (_, i) => `d${i}`);
  const truth = generateTrueScores(ids, {}, createRng(`trust test ${seed}`));
  const definition = createRankingJobDefinition({
    name: 'trust',
    instruction: '?',
    datapoints: [ids],
    comparisonBudgetPerRanking: datapoints * perDatapoint,
    responsesPerComparison: 3,
  });
  const job = createRankingJob(definition, { seed });
  const crowd = createLabeler(spec, truth);
  const rng = createRng(`trust test answers ${seed}`);
  while (!job.done) {
    const [matchup] = job.nextMatchups(1);
    for (let r = 0; r < 3; r++) {
      const { outcome, labelerId } = crowd(matchup!, rng);
      job.recordResponse(matchup!.id, outcome, { labelerId });
    }
  }
  return job.comparisons({ perVote: true });
}

const SPAMMY: NamedCrowdLabelerSpec = {
  model: 'namedCrowd',
  labelers: 20,
  members: [
    { share: 0.6, labeler: { model: 'bradleyTerry' }, name: 'careful' },
    { share: 0.3, labeler: 'randomClicker' },
    { share: 0.1, labeler: 'leftClicker' },
  ],
};

describe('estimateLabelerTrust: reference values', () => {
  it('validation only: the Beta posterior of accuracy and trust = 2A − 1, checked by numerical integration', () => {
    const validation: ValidationAnswer[] = [
      ...Array.from({ length: 8 }, (): ValidationAnswer => ({ labelerId: 'ann', answer: 'left', outcome: 'left' })),
      { labelerId: 'ann', answer: 'right', outcome: 'left' },
      { labelerId: 'ann', answer: 'draw', outcome: 'right' },
    ];
    const report = estimateLabelerTrust([], { validation, method: 'validation' });
    const [ann] = report.labelers;
    // Prior Beta(3, 1.5), 8 right and 2 wrong: Beta(11, 3.5).
    expect(ann!.validation.right).toBe(8);
    expect(ann!.validation.wrong).toBe(2);
    expect(ann!.validation.accuracy.estimate).toBeCloseTo(11 / 14.5, 14);
    expect(regularizedIncompleteBeta(ann!.validation.accuracy.lower, 11, 3.5)).toBeCloseTo(0.025, 10);
    expect(regularizedIncompleteBeta(ann!.validation.accuracy.upper, 11, 3.5)).toBeCloseTo(0.975, 10);
    // E[max(0, 2A − 1)] by the midpoint rule on a fine grid (the integrand is smooth on [½, 1) here).
    const norm = Math.exp(logGamma(14.5) - logGamma(11) - logGamma(3.5));
    let mean = 0;
    const steps = 200_000;
    for (let i = 0; i < steps; i++) {
      const x = 0.5 + (i + 0.5) / (2 * steps);
      mean += ((2 * x - 1) * norm * x ** 10 * (1 - x) ** 2.5) / (2 * steps);
    }
    expect(ann!.trust).toBeCloseTo(mean, 7);
    // Quantiles of 2A − 1 are twice A's, less one.
    expect(ann!.trustLower).toBeCloseTo(2 * ann!.validation.accuracy.lower - 1, 12);
    expect(ann!.trustUpper).toBeCloseTo(2 * ann!.validation.accuracy.upper - 1, 12);
    expect(ann!.trustSource).toBe('validation');
    expect(report.iterations).toBe(0);
  });

  it('a labeler with no data gets the prior: trust of Beta(3, 1.5) coins, by hand', () => {
    const report = estimateLabelerTrust([], { validation: [{ labelerId: 'x', answer: 'draw', outcome: 'draw' }] });
    const [x] = report.labelers;
    // Mode of Beta(3, 1.5) is 2/2.5 = 0.8 for each coin, so t = 0.6; curvature 2/0.8² + 0.5/0.2² = 15.625 per coin.
    expect(x!.leftAccuracy).toBeCloseTo(0.8, 14);
    expect(x!.rightAccuracy).toBeCloseTo(0.8, 14);
    const sd = Math.sqrt(2 / 15.625);
    expect(x!.trustLower).toBeCloseTo(Math.max(0, 0.6 - 1.959963984540054 * sd), 10);
    expect(x!.trustUpper).toBe(1);
    expect(x!.trustSource).toBe('prior');
    expect(x!.validation.right).toBe(1);
  });

  it('left share: the Jeffreys posterior mean and interval of left answers (draws left out)', () => {
    const responses: TrustResponse[] = [
      { left: 'a', right: 'b', outcome: 'left', labelerId: 'l' },
      { left: 'b', right: 'a', outcome: 'left', labelerId: 'l' },
      { left: 'a', right: 'c', outcome: 'left', labelerId: 'l' },
      { left: 'c', right: 'b', outcome: 'draw', labelerId: 'l' },
      { left: 'c', right: 'a', outcome: 'right', labelerId: 'm' },
    ];
    const l = byId(estimateLabelerTrust(responses)).get('l')!;
    expect(l.answers).toBe(4);
    // 3 left, 0 right: Beta(3.5, 0.5), mean 3.5 / 4.
    expect(l.positionBias.leftShare.estimate).toBeCloseTo(0.875, 14);
    expect(regularizedIncompleteBeta(l.positionBias.leftShare.lower, 3.5, 0.5)).toBeCloseTo(0.025, 10);
    expect(regularizedIncompleteBeta(l.positionBias.leftShare.upper, 3.5, 0.5)).toBeCloseTo(0.975, 10);
  });
});

describe('estimateLabelerTrust: spammers in a simulated crowd', () => {
  it('finds random clickers and left-clickers from the consensus alone', () => {
    // 80 datapoints: above the dense fit's 64, so the consensus goes through the library's solver.
    const votes = crowdJob(1, SPAMMY, 80, 6);
    const report = estimateLabelerTrust(votes);
    expect(report.converged).toBe(true);
    const careful = report.labelers.filter((labeler) => labeler.labelerId.startsWith('careful'));
    const spammers = report.labelers.filter((labeler) => !labeler.labelerId.startsWith('careful'));
    expect(careful).toHaveLength(12);
    expect(spammers).toHaveLength(8);
    // Every labeler answered about 72 times; at most one mistake either way.
    expect(spammers.filter((labeler) => labeler.trust < 0.5).length).toBeGreaterThanOrEqual(7);
    expect(careful.filter((labeler) => labeler.trust >= 0.5).length).toBeGreaterThanOrEqual(11);
    for (const labeler of report.labelers.filter((entry) => entry.labelerId.startsWith('leftClicker'))) {
      expect(labeler.positionBias.leftShare.estimate).toBeGreaterThan(0.95);
      expect(labeler.positionBias.leftBias).toBeGreaterThan(0.8);
      expect(labeler.trust).toBeLessThan(0.2);
    }
    const weights = labelerWeightsFromTrust(report, { minTrust: 0.5 });
    expect(weights.size).toBe(20);
    for (const labeler of report.labelers) expect(weights.get(labeler.labelerId)).toBe(labeler.trust < 0.5 ? 0 : labeler.trust);
    expect(labelerWeightsFromTrust(report).get(careful[0]!.labelerId)).toBe(careful[0]!.trust);
  });

  it('gives adversaries no trust', () => {
    const votes = crowdJob(2, {
      model: 'namedCrowd',
      labelers: 12,
      members: [
        { share: 0.75, labeler: { model: 'bradleyTerry' }, name: 'careful' },
        { share: 0.25, labeler: 'adversary' },
      ],
    });
    for (const labeler of estimateLabelerTrust(votes).labelers) {
      if (labeler.labelerId.startsWith('adversary')) {
        expect(labeler.trust).toBeLessThan(0.05);
        expect(labeler.leftAccuracy + labeler.rightAccuracy).toBeLessThan(1);
      } else {
        expect(labeler.trust).toBeGreaterThan(0.5);
      }
    }
  });
});

describe('estimateLabelerTrust: properties', () => {
  // Small jobs: 3–5 datapoints in 1–2 rankings, 2–4 labelers (one of them maybe anonymous).
  const responseArbitrary = fc.record({
    ranking: fc.integer({ min: 0, max: 1 }),
    pair: fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 4 })),
    outcome: fc.constantFrom('left', 'right', 'draw', 'left', 'right'),
    labeler: fc.integer({ min: 0, max: 4 }),
  });
  const jobArbitrary = fc.array(responseArbitrary, { minLength: 1, maxLength: 30 }).map((items) =>
    items.map(({ ranking, pair: [a, step], outcome, labeler }): TrustResponse => {
      const ids = ['a', 'b', '__proto__', 'd', 'constructor'];
      return {
        ranking,
        left: ids[a]!,
        right: ids[(a + step) % 5]!,
        outcome: outcome as TrustResponse['outcome'],
        ...(labeler === 4 ? {} : { labelerId: ['ann', 'bob', '__proto__', 'dee'][labeler]! }),
      };
    }),
  );
  const validationArbitrary = fc.array(
    fc.record({
      labelerId: fc.constantFrom('ann', 'bob', '__proto__', 'eve'),
      answer: fc.constantFrom('left', 'right', 'draw'),
      outcome: fc.constantFrom('left', 'right', 'draw'),
    }),
    { maxLength: 8 },
  ) as fc.Arbitrary<ValidationAnswer[]>;
  const options = { tolerance: 1e-9, maxIterations: 20_000 };

  it('reports finite numbers, trust and shares in [0, 1], and the same report for the same input, without touching it', () => {
    fc.assert(
      fc.property(jobArbitrary, validationArbitrary, fc.constantFrom('auto', 'consensus', 'validation'), (responses, validation, method) => {
        const frozen = deepFreeze(structuredClone(responses));
        const frozenValidation = deepFreeze(structuredClone(validation));
        const report = estimateLabelerTrust(frozen, { ...options, validation: frozenValidation, method: method as 'auto' });
        expect(JSON.stringify(estimateLabelerTrust(frozen, { ...options, validation: frozenValidation, method: method as 'auto' }))).toBe(JSON.stringify(report));
        expect(frozen).toEqual(responses);
        for (const [path, value] of numbers(report)) expect(Number.isFinite(value), path).toBe(true);
        for (const labeler of report.labelers) {
          for (const value of [labeler.trust, labeler.trustLower, labeler.trustUpper, labeler.leftAccuracy, labeler.rightAccuracy, labeler.positionBias.leftShare.estimate]) {
            expect(value).toBeGreaterThanOrEqual(0);
            expect(value).toBeLessThanOrEqual(1);
          }
          expect(labeler.trustLower).toBeLessThanOrEqual(labeler.trustUpper);
          expect(labeler.trustSd).toBeGreaterThanOrEqual(0);
          expect(Math.abs(labeler.positionBias.leftBias)).toBeLessThanOrEqual(1);
        }
        const ids = report.labelers.map((labeler) => labeler.labelerId);
        expect(ids).toEqual([...ids].sort());
        expect(new Set(ids).size).toBe(ids.length);
      }),
      { numRuns: 25 },
    );
  });

  it('does not depend on the order of the responses, nor on the labelers names', () => {
    fc.assert(
      fc.property(jobArbitrary, validationArbitrary, fc.integer(), (responses, validation, shift) => {
        const report = byId(estimateLabelerTrust(responses, { ...options, validation }));
        // A rotation of the responses: the fit is the same up to rounding and EM's tolerance.
        const cut = ((shift % responses.length) + responses.length) % responses.length;
        const rotated = byId(estimateLabelerTrust([...responses.slice(cut), ...responses.slice(0, cut)], { ...options, validation: [...validation].reverse() }));
        for (const [id, labeler] of report) {
          const other = rotated.get(id)!;
          expect(other.answers).toBe(labeler.answers);
          expect(other.trust).toBeCloseTo(labeler.trust, 3);
          expect(other.leftAccuracy).toBeCloseTo(labeler.leftAccuracy, 3);
          expect(other.rightAccuracy).toBeCloseTo(labeler.rightAccuracy, 3);
        }
        // Renaming every labeler (a bijection that keeps the order of first appearance) changes nothing but the names.
        const rename = (id: string | undefined) => (id === undefined ? undefined : `labeler ${id}!`);
        const renamed = byId(
          estimateLabelerTrust(
            responses.map(({ labelerId, ...rest }) => (labelerId === undefined ? rest : { ...rest, labelerId: rename(labelerId)! })),
            { ...options, validation: validation.map((answer) => ({ ...answer, labelerId: rename(answer.labelerId)! })) },
          ),
        );
        for (const [id, labeler] of report) expect({ ...renamed.get(rename(id)!)!, labelerId: id }).toEqual(labeler);
      }),
      { numRuns: 20 },
    );
  });

  it('is symmetric in the sides: swapping left and right swaps the two coins and keeps trust', () => {
    fc.assert(
      fc.property(jobArbitrary, (responses) => {
        const swap = { left: 'right', right: 'left', draw: 'draw' } as const;
        const report = byId(estimateLabelerTrust(responses, options));
        const mirrored = byId(estimateLabelerTrust(responses.map((r) => ({ ...r, left: r.right, right: r.left, outcome: swap[r.outcome] })), options));
        for (const [id, labeler] of report) {
          const other = mirrored.get(id)!;
          expect(other.trust).toBeCloseTo(labeler.trust, 3);
          expect(other.leftAccuracy).toBeCloseTo(labeler.rightAccuracy, 3);
          expect(other.positionBias.leftShare.estimate).toBeCloseTo(1 - labeler.positionBias.leftShare.estimate, 12);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('counts responses without a labelerId in the consensus but does not report them', () => {
    const responses: TrustResponse[] = [
      { left: 'a', right: 'b', outcome: 'left' },
      { left: 'b', right: 'a', outcome: 'right' },
      { left: 'a', right: 'b', outcome: 'left', labelerId: 'ann' },
    ];
    const report = estimateLabelerTrust(responses);
    expect(report.labelers.map((labeler) => labeler.labelerId)).toEqual(['ann']);
    expect(report.labelers[0]!.answers).toBe(1);
    expect(report.labelers[0]!.trustSource).toBe('consensus');
  });
});
