import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFINITION_DEFAULTS, RankingInputError, createRankingJobDefinition, type RankingJobDefinitionInput } from '../../src/index.js';
import { deepFreeze, expectInputError, ids } from '../helpers.js';

const base: RankingJobDefinitionInput = {
  name: 'Example Ranking Job',
  instruction: 'Which rabbit looks cooler?',
  datapoints: [['a', 'b', 'c']],
  comparisonBudgetPerRanking: 50,
};

function withField(field: string, value: unknown): RankingJobDefinitionInput {
  return { ...base, [field]: value } as RankingJobDefinitionInput;
}

describe('createRankingJobDefinition', () => {
  it('fills in every default', () => {
    const definition = createRankingJobDefinition(base);
    expect(definition).toEqual({
      ...base,
      randomComparisonsRatio: 0.5,
      responsesPerComparison: 1,
      voteAggregation: 'majority',
      pairing: 'adaptive',
      closeMatchCandidates: 4,
      matchupTtlMs: null,
      elo: { initialRating: 1200, kFactor: 40, scale: 400 },
      // Prior sd: half the scale. Noise: 2 × 400 / (ln 10 × √π) = 800 / (2.302585 × 1.772454) ≈ 196.02, by hand.
      posterior: { priorSd: 200, noise: 800 / (Math.LN10 * Math.sqrt(Math.PI)) },
      stopWhen: null,
    });
    expect(definition.posterior.noise).toBeCloseTo(196.02, 2);
    expect(DEFINITION_DEFAULTS.elo).toEqual(definition.elo);
  });

  it('gives information-gain pairing its own random share, and scales the posterior defaults with the Elo scale', () => {
    expect(createRankingJobDefinition({ ...base, pairing: 'informationGain' }).randomComparisonsRatio).toBe(0.1);
    expect(createRankingJobDefinition({ ...base, pairing: 'informationGain', randomComparisonsRatio: 0 }).randomComparisonsRatio).toBe(0);
    const scaled = createRankingJobDefinition({ ...base, elo: { scale: 100 } });
    expect(scaled.posterior.priorSd).toBe(50);
    expect(scaled.posterior.noise).toBeCloseTo(196.02 / 4, 2);
    expect(createRankingJobDefinition({ ...base, posterior: { priorSd: 350, noise: 20 } }).posterior).toEqual({ priorSd: 350, noise: 20 });
  });

  it('refuses posterior parameters outside scale / 1000 to 1000 × scale, and unknown posterior options', () => {
    expectInputError(() => createRankingJobDefinition({ ...base, posterior: { priorSd: 0.3 } }), 'posterior.priorSd');
    expectInputError(() => createRankingJobDefinition({ ...base, posterior: { noise: 400_001 } }), 'posterior.noise');
    expectInputError(() => createRankingJobDefinition({ ...base, posterior: { noise: Number.NaN } }), 'posterior.noise');
    expectInputError(() => createRankingJobDefinition({ ...base, posterior: { sd: 1 } as never }), 'posterior.sd');
    expectInputError(() => createRankingJobDefinition({ ...base, posterior: 'wide' as never }), 'posterior');
    // The bounds follow the scale: 0.3 is fine at scale 100 (its lower bound is 0.1).
    expect(createRankingJobDefinition({ ...base, elo: { scale: 100 }, posterior: { priorSd: 0.3 } }).posterior.priorSd).toBe(0.3);
  });

  it('keeps given options, treats undefined as absent, and fills partial elo options', () => {
    const definition = createRankingJobDefinition({
      ...base,
      randomComparisonsRatio: 0,
      responsesPerComparison: 3,
      voteAggregation: 'allVotes',
      pairing: 'roundRobin',
      closeMatchCandidates: 1,
      elo: { kFactor: 16, scale: undefined },
    });
    expect(definition.randomComparisonsRatio).toBe(0);
    expect(definition.responsesPerComparison).toBe(3);
    expect(definition.voteAggregation).toBe('allVotes');
    expect(definition.pairing).toBe('roundRobin');
    expect(definition.closeMatchCandidates).toBe(1);
    expect(definition.elo).toEqual({ initialRating: 1200, kFactor: 16, scale: 400 });
  });

  it('returns a deeply frozen copy, never the input, and never mutates the input', () => {
    const input = deepFreeze({ ...base, datapoints: [['x', 'y'], ['x', 'z', 'w']], elo: { initialRating: 1000 } });
    const before = JSON.stringify(input);
    const definition = createRankingJobDefinition(input);
    expect(JSON.stringify(input)).toBe(before);
    expect(Object.isFrozen(definition)).toBe(true);
    expect(Object.isFrozen(definition.datapoints)).toBe(true);
    expect(definition.datapoints.every((ranking) => Object.isFrozen(ranking))).toBe(true);
    expect(Object.isFrozen(definition.elo)).toBe(true);
    expect(definition.datapoints).not.toBe(input.datapoints);
    expect(definition.datapoints[0]).not.toBe(input.datapoints[0]);
  });

  it('is not affected by later changes to the input', () => {
    const datapoints = [['a', 'b', 'c']];
    const definition = createRankingJobDefinition({ ...base, datapoints });
    datapoints[0]!.push('d');
    expect(definition.datapoints[0]).toEqual(['a', 'b', 'c']);
  });

  it('is idempotent and JSON-safe: a definition read back from JSON normalises to an equal one', () => {
    const definition = createRankingJobDefinition({ ...base, randomComparisonsRatio: 0.25 });
    expect(createRankingJobDefinition(JSON.parse(JSON.stringify(definition)))).toEqual(definition);
  });

  it('accepts any non-empty string as an id, including "__proto__", "constructor", emoji and 10 kB strings', () => {
    const long = 'x'.repeat(10_000);
    const special = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '🐇', 'a\u0000b', ' ', long];
    const definition = createRankingJobDefinition({ ...base, datapoints: [special] });
    expect(definition.datapoints[0]).toEqual(special);
  });

  it('allows the same id in two rankings (they are independent)', () => {
    const definition = createRankingJobDefinition({ ...base, datapoints: [['a', 'b'], ['a', 'b']] });
    expect(definition.datapoints).toHaveLength(2);
  });

  it('rejects every malformed field with its path', () => {
    expectInputError(() => createRankingJobDefinition(null as never), 'definition');
    expectInputError(() => createRankingJobDefinition([] as never), 'definition');
    expectInputError(() => createRankingJobDefinition(withField('name', '')), 'name');
    expectInputError(() => createRankingJobDefinition(withField('name', 3)), 'name');
    expectInputError(() => createRankingJobDefinition(withField('instruction', undefined)), 'instruction');
    expectInputError(() => createRankingJobDefinition(withField('datapoints', [])), 'datapoints');
    expectInputError(() => createRankingJobDefinition(withField('datapoints', 'ab')), 'datapoints');
    expectInputError(() => createRankingJobDefinition(withField('datapoints', [['a']])), 'datapoints[0]');
    expectInputError(() => createRankingJobDefinition(withField('datapoints', [['a', 'b'], 'cd'])), 'datapoints[1]');
    expectInputError(() => createRankingJobDefinition(withField('datapoints', [['a', 'b', 'c', '']])), 'datapoints[0][3]');
    expectInputError(() => createRankingJobDefinition(withField('datapoints', [['a', 'b', 7]])), 'datapoints[0][2]');
    // eslint-disable-next-line no-sparse-arrays
    expectInputError(() => createRankingJobDefinition(withField('datapoints', [['a', , 'b']])), 'datapoints[0][1]');
    const duplicate = expectInputError(
      () => createRankingJobDefinition(withField('datapoints', [['a', 'b'], ['c', 'd', 'c']])),
      'datapoints[1][2]',
    );
    expect(duplicate.message).toContain('datapoints[1][0]');
    for (const budget of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '10', undefined]) {
      expectInputError(() => createRankingJobDefinition(withField('comparisonBudgetPerRanking', budget)), 'comparisonBudgetPerRanking');
    }
    expectInputError(
      () => createRankingJobDefinition({ ...base, datapoints: [['a', 'b'], ['a', 'b']], comparisonBudgetPerRanking: 2 ** 52 }),
      'comparisonBudgetPerRanking',
    );
    for (const ratio of [-0.01, 1.01, Number.NaN, Number.POSITIVE_INFINITY, '0.5', null]) {
      expectInputError(() => createRankingJobDefinition(withField('randomComparisonsRatio', ratio)), 'randomComparisonsRatio');
    }
    for (const responses of [0, 2.5, -3, Number.NaN]) {
      expectInputError(() => createRankingJobDefinition(withField('responsesPerComparison', responses)), 'responsesPerComparison');
    }
    expectInputError(() => createRankingJobDefinition(withField('voteAggregation', 'mean')), 'voteAggregation');
    expectInputError(() => createRankingJobDefinition(withField('pairing', 'swiss')), 'pairing');
    expectInputError(() => createRankingJobDefinition(withField('closeMatchCandidates', 0)), 'closeMatchCandidates');
    expectInputError(() => createRankingJobDefinition(withField('closeMatchCandidates', 65)), 'closeMatchCandidates');
    for (const ttl of [0, -5, Number.NaN, Number.POSITIVE_INFINITY, '1000']) {
      expectInputError(() => createRankingJobDefinition(withField('matchupTtlMs', ttl)), 'matchupTtlMs');
    }
    expectInputError(() => createRankingJobDefinition(withField('elo', 5)), 'elo');
    expectInputError(() => createRankingJobDefinition(withField('elo', { initialRating: Number.NaN })), 'elo.initialRating');
    expectInputError(() => createRankingJobDefinition(withField('elo', { initialRating: 2e9 })), 'elo.initialRating');
    expectInputError(() => createRankingJobDefinition(withField('elo', { kFactor: 0 })), 'elo.kFactor');
    expectInputError(() => createRankingJobDefinition(withField('elo', { kFactor: 2e9 })), 'elo.kFactor');
    expectInputError(() => createRankingJobDefinition(withField('elo', { scale: -400 })), 'elo.scale');
    expectInputError(() => createRankingJobDefinition(withField('elo', { scale: Number.POSITIVE_INFINITY })), 'elo.scale');
  });

  it('rejects misspelt option names instead of silently using a default', () => {
    const error = expectInputError(() => createRankingJobDefinition(withField('randomComparisonRatio', 0.9)), 'randomComparisonRatio');
    expect(error.message).toContain('randomComparisonsRatio');
    expectInputError(() => createRankingJobDefinition(withField('elo', { k: 32 })), 'elo.k');
  });

  it('error messages say what is allowed', () => {
    const error = expectInputError(() => createRankingJobDefinition(withField('randomComparisonsRatio', 2)), 'randomComparisonsRatio');
    expect(error.message).toBe('randomComparisonsRatio: must be a finite number in [0, 1], got 2');
    expect(error).toBeInstanceOf(RankingInputError);
    expect(error.name).toBe('RankingInputError');
  });

  it('accepts any valid budget, ratio and ranking sizes (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 2, max: 30 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (sizes, budget, ratio) => {
          const definition = createRankingJobDefinition({
            ...base,
            datapoints: sizes.map((size, r) => ids(size, `r${r}-`)),
            comparisonBudgetPerRanking: budget,
            randomComparisonsRatio: ratio,
          });
          expect(definition.datapoints.map((ranking) => ranking.length)).toEqual(sizes);
          expect(definition.randomComparisonsRatio).toBe(ratio);
        },
      ),
    );
  });
});
