import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RankingInputError, createRankingJob, createRankingJobDefinition, createRng, type RankingJob } from '../../src/index.js';
import { definitionOf, expectInputError, fingerprint, ids } from '../helpers.js';

// Drives a job with answers derived from the matchups themselves (no outside randomness),
// in batches, and returns everything it saw.
function transcript(job: RankingJob, batch: number): string {
  const seen: unknown[] = [];
  let step = 0;
  while (!job.done) {
    const matchups = job.nextMatchups(batch);
    seen.push(matchups);
    for (const matchup of matchups) {
      step++;
      if (step % 11 === 0) job.releaseMatchup(matchup.id);
      else job.recordResponse(matchup.id, matchup.left < matchup.right ? 'left' : step % 5 === 0 ? 'draw' : 'right');
    }
  }
  seen.push(job.results());
  return JSON.stringify(seen);
}

const definitions = fc.record({
  sizes: fc.array(fc.integer({ min: 2, max: 15 }), { minLength: 1, maxLength: 3 }),
  budget: fc.integer({ min: 1, max: 60 }),
  ratio: fc.double({ min: 0, max: 1, noNaN: true }),
  pairing: fc.constantFrom('adaptive' as const, 'roundRobin' as const),
});

describe('determinism', () => {
  it('same definition, same seed, same calls: identical matchups (ids included) and results', () => {
    fc.assert(
      fc.property(definitions, fc.oneof(fc.string(), fc.integer()), fc.integer({ min: 1, max: 9 }), (d, seed, batch) => {
        const definition = createRankingJobDefinition({
          name: 'n',
          instruction: 'i',
          datapoints: d.sizes.map((size) => ids(size)),
          comparisonBudgetPerRanking: d.budget,
          randomComparisonsRatio: d.ratio,
          pairing: d.pairing,
        });
        expect(transcript(createRankingJob(definition, { seed }), batch)).toBe(transcript(createRankingJob(definition, { seed }), batch));
      }),
      { numRuns: 60 },
    );
  });

  it('different seeds give different runs', () => {
    const definition = definitionOf({ datapoints: [ids(10)], comparisonBudgetPerRanking: 30 });
    expect(transcript(createRankingJob(definition, { seed: 1 }), 3)).not.toBe(transcript(createRankingJob(definition, { seed: 2 }), 3));
  });

  it('without seed or rng, the seed is the definition\'s canonical JSON', () => {
    const definition = definitionOf({ datapoints: [ids(9)], comparisonBudgetPerRanking: 25 });
    const implicit = transcript(createRankingJob(definition), 2);
    expect(transcript(createRankingJob(definition, { seed: JSON.stringify(definition) }), 2)).toBe(implicit);
    // A definition read back from JSON (a plain object) runs the same.
    const restored = JSON.parse(JSON.stringify(definition));
    expect(transcript(createRankingJob(restored), 2)).toBe(implicit);
    // A different definition runs differently.
    expect(transcript(createRankingJob(definitionOf({ datapoints: [ids(9)], comparisonBudgetPerRanking: 26 })), 2)).not.toBe(implicit);
  });

  it('a seed is the same as passing createRng(seed) as the rng', () => {
    const definition = definitionOf({ datapoints: [ids(7), ids(3)], comparisonBudgetPerRanking: 15 });
    expect(transcript(createRankingJob(definition, { rng: createRng('x') }), 4)).toBe(transcript(createRankingJob(definition, { seed: 'x' }), 4));
  });

  it('never mutates a definition given as a plain, unfrozen object', () => {
    const definition = JSON.parse(JSON.stringify(definitionOf({ datapoints: [ids(5), ids(4)], comparisonBudgetPerRanking: 12 })));
    expect(Object.isFrozen(definition)).toBe(false);
    const before = JSON.stringify(definition);
    const job = createRankingJob(definition, { seed: 3 });
    transcript(createRankingJob(definition, { seed: 3 }), 2);
    expect(JSON.stringify(definition)).toBe(before);
    // Changing the object afterwards does not reach a job made from it.
    definition.datapoints[0].push('late addition');
    definition.comparisonBudgetPerRanking = 1;
    expect(job.definition.datapoints[0]).toHaveLength(5);
    expect(job.progress().budget).toBe(24);
  });

  it('rejects bad job options, naming them', () => {
    const definition = definitionOf();
    expectInputError(() => createRankingJob(definition, { seed: Number.NaN }), 'options.seed');
    expectInputError(() => createRankingJob(definition, { seed: {} as never }), 'options.seed');
    expectInputError(() => createRankingJob(definition, { rng: 5 as never }), 'options.rng');
    expectInputError(() => createRankingJob(definition, { seed: 1, rng: Math.random }), 'options');
    expectInputError(() => createRankingJob(definition, { sead: 1 } as never), 'options.sead');
    expectInputError(() => createRankingJob(definition, null as never), 'options');
    expectInputError(() => createRankingJob({ ...definition, comparisonBudgetPerRanking: 0 }), 'comparisonBudgetPerRanking');
  });

  it('an rng that returns values outside [0, 1) is rejected before anything changes', () => {
    for (const bad of [1, -0.5, Number.NaN, 2, '0.5']) {
      let calls = 0;
      // Good numbers for job creation and the first matchups, then one bad value.
      const rng = () => (++calls === 40 ? (bad as number) : ((calls * 0.618033988749895) % 1));
      const job = createRankingJob(definitionOf({ datapoints: [ids(6)], comparisonBudgetPerRanking: 50 }), { rng });
      job.nextMatchups(3);
      const before = fingerprint(job);
      expect(() => job.nextMatchups(10)).toThrow(RankingInputError);
      expect(fingerprint(job)).toBe(before);
    }
    // Already at creation, for the tie-break keys.
    expectInputError(() => createRankingJob(definitionOf(), { rng: () => 1 }), 'options.rng');
  });
});
