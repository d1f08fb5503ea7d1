import { describe, expect, it } from 'vitest';
import {
  bradleyTerryLabeler,
  createRankingJob,
  createRng,
  generateTrueScores,
  rankingAccuracy,
  simulateRankingJob,
} from '../../src/index.js';
import { deepFreeze, definitionOf, expectInputError, ids } from '../helpers.js';

describe('simulateRankingJob', () => {
  it('is the real job API driven by the labeler: a hand-written loop gives the same results', () => {
    const definition = definitionOf({ datapoints: [ids(10)], comparisonBudgetPerRanking: 60 });
    const simulation = simulateRankingJob(definition, { seed: 'same' });

    // The documented derivation: truth from `${seed}/truth` (normal, sd 200, around the initial rating),
    // the job seeded `${seed}/job`, Bradley–Terry answers from `${seed}/labeler`, one matchup in flight.
    const truth = generateTrueScores(ids(10), { spread: 200, center: 1200 }, createRng('same/truth'));
    const labeler = bradleyTerryLabeler(truth);
    const labelerRng = createRng('same/labeler');
    const job = createRankingJob(definition, { seed: 'same/job' });
    while (!job.done) {
      const [matchup] = job.nextMatchups(1);
      job.recordResponse(matchup!.id, labeler(matchup!, labelerRng));
    }
    const [result] = job.results();
    expect(simulation.rankings[0]!.result).toEqual(result);
    const estimate = new Map(result!.entries.map((entry) => [entry.datapoint, entry.score]));
    expect(simulation.rankings[0]!.accuracy).toEqual(rankingAccuracy(estimate, truth));
    expect(simulation.rankings[0]!.truth.map((entry) => entry.score)).toEqual([...truth.values()].sort((a, b) => b - a));
    expect(simulation.responses).toBe(60);
  });

  it('without a seed is seeded by the definition, as createRankingJob is', () => {
    const definition = definitionOf();
    const unseeded = simulateRankingJob(definition);
    expect(unseeded.seed).toBeNull();
    expect(JSON.stringify(simulateRankingJob(definition))).toBe(JSON.stringify(unseeded));
    // The documented default: the definition's JSON, with the derived streams of an explicit seed.
    const explicit = simulateRankingJob(definition, { seed: JSON.stringify(definition) });
    expect(JSON.stringify({ ...explicit, seed: null })).toBe(JSON.stringify(unseeded));
  });

  it("accepts 'bt' and 'bradleyTerry' alike, as scorer and as labeler", () => {
    const definition = definitionOf();
    const canonical = simulateRankingJob(definition, { seed: 2, scorer: 'bradleyTerry', labeler: 'bradleyTerry' });
    expect(JSON.stringify(simulateRankingJob(definition, { seed: 2, scorer: 'bt', labeler: 'bt' }))).toBe(JSON.stringify(canonical));
    expect(JSON.stringify(simulateRankingJob(definition, { seed: 2, scorer: 'bt', labeler: { model: 'bt' } }))).toBe(
      JSON.stringify(simulateRankingJob(definition, { seed: 2, scorer: 'bt', labeler: { model: 'bradleyTerry' } })),
    );
  });

  it('is deterministic by seed, JSON-safe, and answers against stale ratings with more in flight', () => {
    const definition = definitionOf({ datapoints: [ids(30)], comparisonBudgetPerRanking: 200 });
    const a = simulateRankingJob(definition, { seed: 4, inFlight: 16 });
    expect(JSON.stringify(simulateRankingJob(definition, { seed: 4, inFlight: 16 }))).toBe(JSON.stringify(a));
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    const serial = simulateRankingJob(definition, { seed: 4 });
    expect(serial.rankings[0]!.result).not.toEqual(a.rankings[0]!.result);
    expect(a.rankings[0]!.result.comparisons).toBe(200);
    expect(a.matchupsByKind.random + a.matchupsByKind.close).toBe(200);
  });

  it('collects every response per comparison and runs every ranking with one truth per id', () => {
    const definition = definitionOf({
      datapoints: [['__proto__', 'constructor', 'x'], ['x', 'y', 'z', '__proto__']],
      comparisonBudgetPerRanking: 12,
      responsesPerComparison: 3,
    });
    const simulation = simulateRankingJob(deepFreeze(definition), { seed: 'r', labeler: 'crowd', topK: 2 });
    expect(simulation.responses).toBe(2 * 12 * 3);
    expect(simulation.rankings).toHaveLength(2);
    const scoreOf = (ranking: number, id: string) => simulation.rankings[ranking]!.truth.find((entry) => entry.datapoint === id)!.score;
    expect(scoreOf(0, 'x')).toBe(scoreOf(1, 'x'));
    expect(scoreOf(0, '__proto__')).toBe(scoreOf(1, '__proto__'));
    expect(simulation.rankings.every((ranking) => ranking.accuracy.topK === 2)).toBe(true);
  });

  it('takes given true scores, and a noiseless labeler with a generous budget finds the true order', () => {
    const truth = new Map(ids(8).map((id, i) => [id, 1000 + 100 * i]));
    const definition = definitionOf({ datapoints: [ids(8)], comparisonBudgetPerRanking: 400, pairing: 'roundRobin' });
    const simulation = simulateRankingJob(definition, { seed: 1, trueScores: truth, labeler: 'noiseless' });
    expect(simulation.rankings[0]!.accuracy.kendallTau).toBe(1);
    expect(simulation.matchupsByKind.roundRobin).toBe(400);
  });

  it('runs jobs with a matchup time limit on a clock that stands still', () => {
    const definition = definitionOf({ matchupTtlMs: 1, comparisonBudgetPerRanking: 30 });
    expect(simulateRankingJob(definition, { seed: 1, inFlight: 5 }).rankings[0]!.result.comparisons).toBe(30);
  });

  it('pins exact outputs for a fixed seed (recorded from this implementation on 2026-11-27)', () => {
    const definition = definitionOf({ datapoints: [['a', 'b', 'c', 'd', 'e', 'f']], comparisonBudgetPerRanking: 30 });
    // The Elo path is unchanged since these were recorded (the posterior, added later, leaves it alone).
    const simulation = simulateRankingJob(definition, { seed: 'pinned', scorer: 'elo' });
    expect(simulation.rankings[0]!.result.entries.map((entry) => [entry.datapoint, entry.score])).toEqual([
      ['f', 1287.3422403335571],
      ['b', 1241.8616962432861],
      ['c', 1240.8084264993668],
      ['d', 1205.1676926612854],
      ['e', 1152.5124578475952],
      ['a', 1072.3074864149094],
    ]);
    expect([...generateTrueScores(['a', 'b', 'c'], {}, createRng('pinned'))]).toEqual([
      ['a', 1031.7562685289222],
      ['b', 731.4125808030849],
      ['c', 1157.7830518654982],
    ]);
  });

  it('centres drawn true scores on the initial rating, and refuses trueScores with trueScoreOptions', () => {
    const definition = definitionOf({ datapoints: [ids(200)], comparisonBudgetPerRanking: 1, elo: { initialRating: 1500 } });
    const truth = simulateRankingJob(definition, { seed: 3, trueScoreOptions: { center: undefined, spread: 10 } }).rankings[0]!.truth;
    const mean = truth.reduce((sum, entry) => sum + entry.score, 0) / truth.length;
    expect(Math.abs(mean - 1500)).toBeLessThan(5);
    expectInputError(
      () => simulateRankingJob(definitionOf(), { seed: 1, trueScores: new Map(ids(6).map((id) => [id, 1])), trueScoreOptions: {} }),
      'options.trueScoreOptions',
    );
  });

  it('rejects bad options before running anything', () => {
    const definition = definitionOf();
    expectInputError(() => simulateRankingJob(definition, { seed: Number.NaN }), 'options.seed');
    expectInputError(() => simulateRankingJob(definition, { seed: 1, inFlight: 0 }), 'options.inFlight');
    expectInputError(() => simulateRankingJob(definition, { seed: 1, labeler: () => 'left' }), 'options.trueScores');
    expectInputError(() => simulateRankingJob(definition, { seed: 1, trueScores: new Map([['d0', 1]]) }), 'options.trueScores');
    expectInputError(() => simulateRankingJob(definition, { seed: 1, labeler: 'oracle' as never }), 'options.labeler');
    expectInputError(() => simulateRankingJob(definition, { seed: 1, topK: 7 }), 'options.topK');
    expectInputError(() => simulateRankingJob(definition, { seed: 1, trueScoreOptions: { spread: -1 } }), 'options.trueScoreOptions.spread');
    expectInputError(() => simulateRankingJob(definition, { seed: 1, budget: 3 } as never), 'options.budget');
  });
});
