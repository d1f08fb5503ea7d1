// What comes out of the library when what goes in is hostile: text that a spreadsheet
// would run, shard files edited to carry impossible numbers, and arguments of the wrong
// type to any public function. Before: results.csv wrote `=HYPERLINK(…)` as a formula,
// merge accepted a Kendall tau of 1e308, `convergenceCsv({})` threw a TypeError and a
// labeler given a non-function rng threw "rng is not a function". After: text fields are
// neutralised, tampered shards are refused with the path of the bad field, and every
// public function refuses bad arguments with RankingInputError.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import * as library from '../../src/index.js';
import {
  RankingInputError,
  bradleyTerryLabeler,
  convergenceChartSvg,
  convergenceCsv,
  createLabeler,
  createRankingJob,
  createRankingJobDefinition,
  crowdLabeler,
  mergeConvergenceResults,
  noiselessLabeler,
  runConvergence,
  thurstoneLabeler,
  type ConvergenceResults,
  type Labeler,
  type Matchup,
} from '../../src/index.js';
import { expectInputError } from '../helpers.js';

// Parses one line of RFC 4180 CSV (quoted fields, "" for a quote inside them).
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let at = 0;
  while (at <= line.length) {
    if (line[at] === '"') {
      let value = '';
      at++;
      for (;;) {
        const quote = line.indexOf('"', at);
        value += line.slice(at, quote);
        at = quote + 1;
        if (line[at] !== '"') break;
        value += '"';
        at++;
      }
      fields.push(`"${value}"`);
      at++;
    } else {
      const comma = line.indexOf(',', at);
      const end = comma === -1 ? line.length : comma;
      fields.push(line.slice(at, end));
      at = end + 1;
    }
  }
  return fields;
}

describe('results.csv neutralises text a spreadsheet would run as a formula', () => {
  // OWASP's list of formula starts: = + - @, tab and carriage return.
  const names = ['=HYPERLINK("http://evil.example","click")', '@SUM(1+1)', '+cmd|/c calc', '-2+3', '\tTAB', '\rCR', 'plain, with a comma', 'careful'];
  let csv: string;
  beforeAll(async () => {
    const results = await runConvergence({
      datapoints: [5],
      perDatapoint: [0.4],
      labelers: names.map((name) => ({ model: 'bt', name })),
      scorers: ['elo'],
      seeds: 6,
      seed: 'csv',
      workers: 1,
    });
    csv = convergenceCsv(results);
  });

  it('writes every labeler name as text: a leading single quote, in quotes', () => {
    // Rows end in \n; the \r of a name stays inside its quoted field.
    const rows = csv.trimEnd().split('\n').slice(1);
    const labelers = rows.map((row) => csvFields(row)[7]!);
    expect(labelers).toEqual([
      `"'=HYPERLINK("http://evil.example","click")"`,
      `"'@SUM(1+1)"`,
      `"'+cmd|/c calc"`,
      `"'-2+3"`,
      `"'\tTAB"`,
      `"'\rCR"`,
      '"plain, with a comma"',
      'careful',
    ]);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    for (const name of names.slice(0, 6)) expect(csv).not.toContain(`,${name}`);
  });

  it('keeps numbers as numbers, negative ones included', () => {
    const fields = csv.trimEnd().split('\n').slice(1).flatMap((row) => csvFields(row).filter((_, i) => i !== 7));
    const negative = fields.filter((field) => field.startsWith('-'));
    expect(negative.length).toBeGreaterThan(0);
    for (const field of negative) expect(field).toMatch(/^-\d+(\.\d+)?$/);
    for (const field of fields) expect(field.startsWith("'") || field.startsWith('"')).toBe(false);
  });
});

describe('merge refuses shards carrying values no sweep can produce', () => {
  let parts: ConvergenceResults[];
  beforeAll(async () => {
    const shard = (index: number) =>
      runConvergence({ datapoints: [4], perDatapoint: [1, 2], labelers: ['bt'], seeds: 4, seed: 'tamper', workers: 1, shard: { index, count: 2 } });
    parts = await Promise.all([shard(0), shard(1)]);
  });

  const tampered = (edit: (part: any) => void): unknown[] => {
    const copy = JSON.parse(JSON.stringify(parts[1]));
    edit(copy);
    return [parts[0], copy];
  };

  it('merges the untouched shards', () => {
    expect(mergeConvergenceResults(parts).cells).toHaveLength(2);
  });

  it('refuses a run value outside its metric’s range, naming it', () => {
    // 4 datapoints: displacement in [0, 3], mean absolute rank error in [0, ⌊16/2⌋ / 4] = [0, 2].
    const cases: [(part: any) => void, string][] = [
      [(p) => (p.cells[0].values.kendallTau[0] = 1e308), 'parts[1].cells[0].values.kendallTau[0]'],
      [(p) => (p.cells[0].values.kendallTau[1] = 1.000001), 'parts[1].cells[0].values.kendallTau[1]'],
      [(p) => (p.cells[1].values.spearmanRho[0] = -1.5), 'parts[1].cells[1].values.spearmanRho[0]'],
      [(p) => (p.cells[0].values.topKPrecision[0] = -0.1), 'parts[1].cells[0].values.topKPrecision[0]'],
      [(p) => (p.cells[0].values.maxRankDisplacement[1] = 4), 'parts[1].cells[0].values.maxRankDisplacement[1]'],
      [(p) => (p.cells[0].values.meanAbsoluteRankError[0] = 2.5), 'parts[1].cells[0].values.meanAbsoluteRankError[0]'],
      [(p) => (p.cells[0].values.coverage[0] = 2), 'parts[1].cells[0].values.coverage[0]'],
      [(p) => (p.cells[0].values.coverage[0] = '0.5'), 'parts[1].cells[0].values.coverage[0]'],
      [(p) => p.cells[0].values.kendallTau.pop(), 'parts[1].cells[0].values.kendallTau'],
    ];
    for (const [edit, path] of cases) {
      const error = expectInputError(() => mergeConvergenceResults(tampered(edit) as never), path);
      expect(error.message).toMatch(/must /);
    }
  });

  it('refuses summaries that disagree with their values, and impossible ones', () => {
    const cases: [(part: any) => void, string][] = [
      [(p) => (p.cells[0].metrics.kendallTau.mean = 1e308), 'parts[1].cells[0].metrics.kendallTau.mean'],
      [(p) => (p.cells[0].metrics.kendallTau.n = 99), 'parts[1].cells[0].metrics.kendallTau.n'],
      [(p) => (p.cells[0].metrics.spearmanRho.sd = -1), 'parts[1].cells[0].metrics.spearmanRho.sd'],
      [(p) => (p.cells[0].metrics.spearmanRho.ciHigh = 1e308), 'parts[1].cells[0].metrics.spearmanRho.ciHigh'],
      [(p) => (p.cells[0].metrics.topKPrecision.p97_5 = 2), 'parts[1].cells[0].metrics.topKPrecision.p97_5'],
      [(p) => (p.cells[0].metrics.coverage = null), 'parts[1].cells[0].metrics.coverage'],
    ];
    for (const [edit, path] of cases) expectInputError(() => mergeConvergenceResults(tampered(edit) as never), path);
  });

  it('refuses cell parameters, seeds and headers the config does not allow', () => {
    const cases: [(part: any) => void, string][] = [
      [(p) => (p.cells[0].labeler = '=HYPERLINK("x")'), 'parts[1].cells[0].labeler'],
      [(p) => (p.cells[0].datapoints = 5), 'parts[1].cells[0].datapoints'],
      [(p) => (p.cells[0].budget = 1e308), 'parts[1].cells[0].budget'],
      [(p) => (p.cells[0].pairing = 'swiss'), 'parts[1].cells[0].pairing'],
      [(p) => (p.cells[0].scorer = 1), 'parts[1].cells[0].scorer'],
      [(p) => (p.cells[0].topK = 0), 'parts[1].cells[0].topK'],
      [(p) => (p.cells[0].seeds = [1, 1e9]), 'parts[1].cells[0].seeds[1]'],
      [(p) => (p.cells[0].runs = 7), 'parts[1].cells[0].runs'],
      [(p) => (p.cells[0] = null), 'parts[1].cells[0]'],
      [(p) => (p.totalCells = 1e308), 'parts[1].totalCells'],
      [(p) => (p.config.seeds = 1e308), 'parts[1].config.seeds'],
      [(p) => (p.config.elo.kFactor = 1e-320), 'parts[1].config.elo.kFactor'],
      [(p) => (p.config.extra = 1), 'parts[1].config.extra'],
      [(p) => (p.config.seed = 7), 'parts[1].config'],
      [(p) => (p.generator = 5), 'parts[1].generator'],
      [(p) => (p.shard = { index: 5, count: 2 }), 'parts[1].shard.index'],
    ];
    for (const [edit, path] of cases) expectInputError(() => mergeConvergenceResults(tampered(edit) as never), path);
    // A hole in the list of parts is a missing part, not a skipped one.
    expectInputError(() => mergeConvergenceResults([, parts[1]] as never), 'parts[0]');
  });

  it('checks what convergenceCsv and convergenceChartSvg are given the same way', () => {
    const [, edited] = tampered((p) => (p.cells[0].values.kendallTau[0] = 1e308));
    expectInputError(() => convergenceCsv(edited as never), 'results.cells[0].values.kendallTau[0]');
    expectInputError(() => convergenceChartSvg(edited as never), 'results.cells[0].values.kendallTau[0]');
    for (const bad of [{}, null, undefined, 'results.json', [], { format: 'pairwise-elo/convergence' }]) {
      expect(() => convergenceCsv(bad as never)).toThrow(RankingInputError);
      expect(() => convergenceChartSvg(bad as never)).toThrow(RankingInputError);
    }
    expectInputError(() => convergenceCsv({} as never), 'results.format');
  });
});

describe('labelers refuse a bad generator or matchup with RankingInputError', () => {
  const truth = { a: 1400, b: 1200 };
  const matchup: Matchup = { id: 'm1', ranking: 0, left: 'a', right: 'b', kind: 'random' };
  const labelers: [string, Labeler][] = [
    ['bradleyTerry', bradleyTerryLabeler(truth)],
    ['thurstone', thurstoneLabeler(truth)],
    ['noiseless', noiselessLabeler(truth)],
    ['crowd', crowdLabeler([{ share: 1, labeler: noiselessLabeler(truth) }])],
    ['crowd spec', createLabeler('crowd', truth)],
  ];

  it('names rng when it is not a function or returns a number outside [0, 1)', () => {
    for (const [, labeler] of labelers) {
      for (const rng of [undefined, null, 0.5, 'rng', {}, [() => 0.5]]) expectInputError(() => labeler(matchup, rng as never), 'rng');
      for (const value of [Number.NaN, 1, -0.1, 2, Number.POSITIVE_INFINITY, '0.5', null, undefined]) {
        expectInputError(() => labeler(matchup, (() => value) as never), 'rng');
      }
      expect(['left', 'right', 'draw']).toContain(labeler(matchup, () => 0.25));
    }
  });

  it('names the matchup or its side when they are not what a job hands out, before drawing', () => {
    for (const [, labeler] of labelers) {
      let draws = 0;
      const counting = () => (draws++, 0.5);
      expectInputError(() => labeler(null as never, counting), 'matchup');
      expectInputError(() => labeler('m1' as never, counting), 'matchup');
      expectInputError(() => labeler({ ...matchup, left: 7 } as never, counting), 'matchup.left');
      expectInputError(() => labeler({ ...matchup, right: undefined } as never, counting), 'matchup.right');
      expect(draws).toBe(0);
      expectInputError(() => labeler({ ...matchup, right: 'zed' }, counting), 'trueScores');
    }
  });
});

describe('every public function refuses bad arguments with RankingInputError', () => {
  // The error class itself is left out: it is what the others throw.
  const exported = Object.entries(library).filter(([name, value]) => typeof value === 'function' && name !== 'RankingInputError') as [string, (...args: unknown[]) => unknown][];
  const isClass = (value: unknown): boolean => /^class\b/.test(Function.prototype.toString.call(value));
  const call = (value: (...args: unknown[]) => unknown, args: unknown[]): unknown =>
    isClass(value) ? new (value as unknown as new (...a: unknown[]) => unknown)(...args) : value(...args);
  const fixed: unknown[][] = [
    [],
    [{}],
    [null],
    [undefined],
    ['x'],
    [1],
    [Number.NaN],
    [-1],
    [1e308],
    [[]],
    [[null]],
    [[{}]],
    [Symbol('s')],
    [1n],
    [true],
    [() => 1],
    [new Map()],
    [Object.create(null)],
    [{}, {}],
    [null, null],
    ['x', {}],
    [{}, 'x'],
    [{ left: 'a' }],
    [[1, 2], [3]],
  ];
  const anything = fc.array(
    fc.anything({ maxDepth: 3, maxKeys: 4, size: 'small', withBigInt: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true, withSparseArray: true }),
    { maxLength: 3, size: 'small' },
  );

  // Whatever a call throws (or a returned function, or a returned promise rejects with) is a RankingInputError.
  async function expectOnlyInputErrors(name: string, run: () => unknown): Promise<void> {
    let thrown: unknown = null;
    try {
      const out = run();
      if (out instanceof Promise) await out;
    } catch (error) {
      thrown = error;
    }
    if (thrown !== null && !(thrown instanceof RankingInputError)) {
      throw new Error(`${name} threw ${(thrown as Error)?.name}: ${(thrown as Error)?.message}`);
    }
  }

  it('covers every exported function and class', () => {
    expect(exported.length).toBeGreaterThan(25);
  });

  it('for fixed bad arguments, and for what the functions return', async () => {
    for (const [name, value] of exported) {
      for (const args of fixed) {
        await expectOnlyInputErrors(name, () => {
          const out = call(value, args);
          // Labelers and generators: call what came back with the same bad arguments.
          if (typeof out === 'function') return (out as (...a: unknown[]) => unknown)(...args);
          return out;
        });
      }
    }
  });

  it('for generated arguments of any type and shape', async () => {
    for (const [name, value] of exported) {
      await fc.assert(
        fc.asyncProperty(anything, async (args) => {
          await expectOnlyInputErrors(name, () => {
            const out = call(value, args);
            if (typeof out === 'function') return (out as (...a: unknown[]) => unknown)(...args);
            return out;
          });
        }),
        { numRuns: 40 },
      );
    }
  });

  it('for the methods of a job and of a ComparisonTableBuilder', async () => {
    const definition = createRankingJobDefinition({ name: 'n', instruction: 'i', datapoints: [['a', 'b', 'c']], comparisonBudgetPerRanking: 5, matchupTtlMs: 10 });
    const methods = ['nextMatchups', 'recordResponse', 'releaseMatchup', 'expireMatchups', 'addDatapoints', 'pendingMatchups', 'progress', 'comparisons', 'results', 'events', 'snapshot'];
    for (const args of fixed) {
      for (const method of methods) {
        const job = createRankingJob(definition, { seed: 1 });
        job.nextMatchups(2, { now: 0 });
        await expectOnlyInputErrors(`job.${method}`, () => (job as unknown as Record<string, (...a: unknown[]) => unknown>)[method]!(...args));
      }
      const builder = new library.ComparisonTableBuilder();
      await expectOnlyInputErrors('builder.add', () => builder.add(...(args as [unknown, string])));
    }
  });
});
