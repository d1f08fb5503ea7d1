// Hostile inputs to the trust dimension of convergence sweeps, to simulations with
// validation matchups and to validationMatchupsFromTruth (issue 13, item 5): each must be
// refused with a RankingInputError (or, on the command line, a usage error) naming the
// field, before any run; options that change between reads are read once.
import { afterAll, describe, expect, it } from 'vitest';
import {
  convergenceChartSvg,
  convergenceCsv,
  createRng,
  mergeConvergenceResults,
  runConvergence,
  simulateRankingJob,
  validationMatchupsFromTruth,
  type ConvergenceConfig,
} from '../../src/index.js';
import { runConvergenceCommand } from '../../src/cli/convergence.js';
import { UsageError } from '../../src/cli/terminal.js';
import { definitionOf, expectInputError, ids } from '../helpers.js';

const counts: Record<string, number> = {};
function tried(kind: string): void {
  counts[kind] = (counts[kind] ?? 0) + 1;
}
afterAll(() => {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`trustDimension: ${total} distinct hostile inputs tried: ${JSON.stringify(counts)}`);
});

async function rejects(promise: Promise<unknown>, path: string): Promise<void> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expectInputError(() => {
    throw caught;
  }, path);
}

const sweep: ConvergenceConfig = { datapoints: [6], perDatapoint: [1], scorers: ['bt'], seeds: 2, workers: 1 };

describe('runConvergence refuses a bad trust dimension before running anything', () => {
  const cases: [string, string, Record<string, unknown>, string][] = [
    ['type', 'trust not an array', { trust: 'consensus' }, 'config.trust'],
    ['range', 'trust empty', { trust: [] }, 'config.trust'],
    ['range', 'unknown weighting', { trust: ['oracle'] }, 'config.trust[0]'],
    ['type', 'weighting as a number', { trust: [1] }, 'config.trust[0]'],
    ['type', 'weighting as null', { trust: ['none', null] }, 'config.trust[1]'],
    ['range', 'repeated weighting', { trust: ['none', 'consensus', 'none'] }, 'config.trust[2]'],
    ['range', "'__proto__' as a weighting", { trust: ['__proto__'] }, 'config.trust[0]'],
    ['combination', "'consensus' with the elo scorer", { trust: ['none', 'consensus'], scorers: ['posterior', 'elo'] }, 'config.trust[1]'],
    ['combination', "'validation' with the elo scorer", { trust: ['validation'], scorers: ['elo'] }, 'config.trust[0]'],
    ['combination', 'validationRate without trust', { validationRate: 0.1 }, 'config.validationRate'],
    ['combination', "validationRate without 'validation'", { trust: ['none', 'consensus'], validationRate: 0.1 }, 'config.validationRate'],
    ['range', 'validationRate 0', { trust: ['validation'], validationRate: 0 }, 'config.validationRate'],
    ['range', 'validationRate 1', { trust: ['validation'], validationRate: 1 }, 'config.validationRate'],
    ['range', 'validationRate negative', { trust: ['validation'], validationRate: -0.1 }, 'config.validationRate'],
    ['range', 'validationRate NaN', { trust: ['validation'], validationRate: Number.NaN }, 'config.validationRate'],
    ['range', 'validationRate Infinity', { trust: ['validation'], validationRate: Number.POSITIVE_INFINITY }, 'config.validationRate'],
    ['type', 'validationRate as a string', { trust: ['validation'], validationRate: '0.05' }, 'config.validationRate'],
    ['type', 'misspelt validationRates', { trust: ['validation'], validationRates: 0.1 }, 'config.validationRates'],
  ];
  for (const [kind, name, extra, path] of cases) {
    it(name, async () => {
      tried(kind);
      let runs = 0;
      await rejects(runConvergence({ ...sweep, ...extra, onProgress: () => runs++ } as ConvergenceConfig), path);
      expect(runs).toBe(0);
    });
  }
});

describe('results files that disagree with their trust dimension are refused', () => {
  it('names the first bad field', async () => {
    const results = await runConvergence({ ...sweep, trust: ['none', 'validation'] });
    const plain = await runConvergence(sweep);
    const [none, validation] = results.cells;
    const edits: [string, string, unknown, string][] = [
      ['shape', 'trust key on a cell of a sweep without one', { ...plain, cells: [{ ...plain.cells[0]!, trust: 'none' }] }, 'results.cells[0].trust'],
      ['range', 'trust value the config does not list', { ...results, cells: [{ ...none!, trust: 'consensus' }, validation] }, 'results.cells[0].trust'],
      ['shape', 'trust missing from a cell', { ...results, cells: [(({ trust: _trust, ...rest }) => rest)(none!), validation] }, 'results.cells[0].trust'],
      ['shape', 'config trust dropped (cells then too many)', { ...results, config: (({ trust: _t, validationRate: _v, ...rest }) => rest)(results.config) }, 'results.totalCells'],
      ['shape', 'validationRate dropped', { ...results, config: (({ validationRate: _v, ...rest }) => rest)(results.config) }, 'results.config'],
      ['range', 'validationRate 2', { ...results, config: { ...results.config, validationRate: 2 } }, 'results.config.validationRate'],
      ['range', 'ranking responses above budget × responses', { ...results, cells: [{ ...none!, values: { ...none!.values, rankingResponses: [7, 6] } }, validation] }, 'results.cells[0].values.rankingResponses[0]'],
      ['range', 'negative validation responses', { ...results, cells: [none, { ...validation!, values: { ...validation!.values, validationResponses: [-1, 0] } }] }, 'results.cells[1].values.validationResponses[0]'],
      ['shape', 'response metric missing', { ...results, cells: [{ ...none!, values: (({ validationResponses: _v, ...rest }) => rest)(none!.values) }, validation] }, 'results.cells[0].values.validationResponses'],
      ['shape', 'response summary missing', { ...results, cells: [{ ...none!, metrics: (({ rankingResponses: _r, ...rest }) => rest)(none!.metrics) }, validation] }, 'results.cells[0].metrics.rankingResponses'],
    ];
    for (const [kind, , edited, path] of edits) {
      tried(kind);
      expectInputError(() => convergenceCsv(edited as never), path);
      expectInputError(() => mergeConvergenceResults([edited as never]), path.replace(/^results/, 'parts[0]'));
    }
    tried('combination');
    expectInputError(() => convergenceChartSvg(plain, { metric: 'validationResponses' }), 'options.metric');
    tried('range');
    expectInputError(() => convergenceChartSvg(results, { facetBy: ['trust', 'trust'] }), 'options.facetBy[1]');
  });
});

describe('simulateRankingJob refuses bad validation and weighting options, before running', () => {
  const definition = definitionOf({ datapoints: [ids(8)], comparisonBudgetPerRanking: 10 });
  const cases: [string, string, Record<string, unknown>, string][] = [
    ['type', 'validation not an object', { validation: 0.05 }, 'options.validation'],
    ['type', 'validation null', { validation: null }, 'options.validation'],
    ['shape', 'unknown validation key', { validation: { rate: 0.1, share: 2 } }, 'options.validation.share'],
    ['shape', 'rate missing', { validation: { matchups: 5 } }, 'options.validation.rate'],
    ['range', 'rate 0', { validation: { rate: 0 } }, 'options.validation.rate'],
    ['range', 'rate 1', { validation: { rate: 1 } }, 'options.validation.rate'],
    ['range', 'rate NaN', { validation: { rate: Number.NaN } }, 'options.validation.rate'],
    ['type', 'rate as a string', { validation: { rate: '0.1' } }, 'options.validation.rate'],
    ['range', 'matchups 0', { validation: { rate: 0.1, matchups: 0 } }, 'options.validation.matchups'],
    ['range', 'matchups fractional', { validation: { rate: 0.1, matchups: 1.5 } }, 'options.validation.matchups'],
    ['range', 'matchups above a definition’s limit', { validation: { rate: 0.1, matchups: 1_000_001 } }, 'options.validation.matchups'],
    ['range', 'matchups Infinity', { validation: { rate: 0.1, matchups: Number.POSITIVE_INFINITY } }, 'options.validation.matchups'],
    ['range', 'minDifference 0', { validation: { rate: 0.1, minDifference: 0 } }, 'options.validation.minDifference'],
    ['range', 'minDifference negative', { validation: { rate: 0.1, minDifference: -400 } }, 'options.validation.minDifference'],
    ['range', 'minDifference NaN', { validation: { rate: 0.1, minDifference: Number.NaN } }, 'options.validation.minDifference'],
    ['range', 'labelerWeights a map', { labelerWeights: { a: 1 } }, 'options.labelerWeights'],
    ['range', 'labelerWeights unknown', { labelerWeights: 'oracle' }, 'options.labelerWeights'],
    ['combination', "labelerWeights 'trust' with the elo scorer", { labelerWeights: 'trust', scorer: 'elo' }, 'options.labelerWeights'],
  ];
  for (const [kind, name, options, path] of cases) {
    it(name, () => {
      tried(kind);
      let answers = 0;
      const labeler = () => {
        answers++;
        return 'left' as const;
      };
      expectInputError(() => simulateRankingJob(definition, { seed: 1, trueScores: Object.fromEntries(ids(8).map((id, i) => [id, i])), labeler, ...options } as never), path);
      expect(answers).toBe(0);
    });
  }

  it('refuses a second validation set, and validation datapoints without a true score', () => {
    const withGold = definitionOf({ datapoints: [ids(4)], validation: { matchups: [{ left: 'd0', right: 'outside', answer: 'left' }], rate: 0.2 } });
    tried('combination');
    expectInputError(() => simulateRankingJob(withGold, { validation: { rate: 0.1 } }), 'options.validation');
    tried('missing');
    expectInputError(() => simulateRankingJob(withGold, { seed: 1 }), 'definition.validation.matchups[0].right');
    tried('missing');
    expectInputError(() => simulateRankingJob(withGold, { trueScores: { d0: 1, d1: 2, d2: 3, d3: 4 } }), 'definition.validation.matchups[0].right');
  });

  it('reads the validation option once: a getter cannot show the check one rate and the job another', () => {
    tried('changing');
    let reads = 0;
    const validation = {
      get rate() {
        reads++;
        return reads === 1 ? 0.5 : 7;
      },
    };
    const run = simulateRankingJob(definitionOf({ datapoints: [ids(8)], comparisonBudgetPerRanking: 40 }), { seed: 2, validation });
    expect(reads).toBe(1);
    expect(run.matchupsByKind.validation).toBeGreaterThan(10);
  });
});

describe('validationMatchupsFromTruth refuses bad input', () => {
  const truth = { a: 0, b: 500, c: 1000 };
  const cases: [string, string, () => unknown, string][] = [
    ['range', 'one datapoint', () => validationMatchupsFromTruth({ a: 1 }, {}, createRng(1)), 'trueScores'],
    ['type', 'scores not a map', () => validationMatchupsFromTruth(5 as never, {}, createRng(1)), 'trueScores'],
    ['range', 'NaN score', () => validationMatchupsFromTruth({ a: 1, b: Number.NaN }, {}, createRng(1)), 'trueScores["b"]'],
    ['range', 'empty id', () => validationMatchupsFromTruth({ '': 1, b: 900 }, {}, createRng(1)), 'trueScores'],
    ['type', 'numeric id in a Map', () => validationMatchupsFromTruth(new Map<unknown, number>([[1, 0], ['b', 900]]) as never, {}, createRng(1)), 'trueScores'],
    ['range', 'infinite score', () => validationMatchupsFromTruth({ a: 1, b: Number.NEGATIVE_INFINITY }, {}, createRng(1)), 'trueScores["b"]'],
    ['shape', 'unknown option', () => validationMatchupsFromTruth(truth, { count: 3 } as never, createRng(1)), 'options.count'],
    ['type', 'options not an object', () => validationMatchupsFromTruth(truth, 3 as never, createRng(1)), 'options'],
    ['type', 'rng not a function', () => validationMatchupsFromTruth(truth, {}, 0.5 as never), 'rng'],
    ['range', 'rng returning 1', () => validationMatchupsFromTruth(truth, {}, () => 1), 'rng'],
    ['range', 'rng returning NaN', () => validationMatchupsFromTruth(truth, {}, () => Number.NaN), 'rng'],
    ['range', 'rng returning -0.1', () => validationMatchupsFromTruth(truth, {}, () => -0.1), 'rng'],
  ];
  for (const [kind, name, call, path] of cases) {
    it(name, () => {
      tried(kind);
      expectInputError(call, path);
    });
  }

  it('takes any id, "__proto__" included', () => {
    tried('ids');
    const pairs = validationMatchupsFromTruth(new Map([['__proto__', 0], ['constructor', 500], ['toString', 300]]), { matchups: 5 }, createRng(1));
    expect(pairs).toEqual([{ left: 'constructor', right: '__proto__', answer: 'left' }]);
  });
});

describe('pairwise-elo convergence refuses bad trust flags', () => {
  const flags: [string, string[], RegExp][] = [
    ['range', ['--trust', 'oracle'], /--trust must be one of none, consensus, validation/],
    ['range', ['--trust', 'none,none'], /--trust repeats an entry/],
    ['range', ['--trust', 'none,'], /--trust must be a comma-separated list/],
    ['combination', ['--validation-rate', '0.1'], /--validation-rate applies only with --trust/],
    ['combination', ['--trust', 'consensus', '--validation-rate', '0.1'], /--validation-rate applies only with --trust/],
    ['range', ['--trust', 'validation', '--validation-rate', '1'], /--validation-rate must be below 1/],
    ['range', ['--trust', 'validation', '--validation-rate', '0'], /--validation-rate must be a number above 0/],
    ['type', ['--trust', 'validation', '--validation-rate', 'lots'], /--validation-rate must be a number/],
  ];
  for (const [kind, args, message] of flags) {
    it(args.join(' '), async () => {
      tried(kind);
      await expect(runConvergenceCommand(['--datapoints', '6', '--seeds', '2', ...args, '--out', '/nonexistent/never-written'])).rejects.toThrow(message);
      await expect(runConvergenceCommand(['--datapoints', '6', '--seeds', '2', ...args, '--out', '/nonexistent/never-written'])).rejects.toBeInstanceOf(UsageError);
    });
  }
});
