// Hostile inputs to labeler trust (issue 13) and to the named-crowd simulation specs:
// each must be refused with a RankingInputError whose path names the field, or (for
// values that change between reads) be read exactly once, so the report is the one of
// the first values read.
import { afterAll, describe, expect, it } from 'vitest';
import { createLabeler, estimateLabelerTrust, labelerWeightsFromTrust, namedCrowdLabeler, sideClickerLabeler, type TrustResponse } from '../../src/index.js';
import { expectInputError } from '../helpers.js';

const counts: Record<string, number> = {};
function tried(kind: string): void {
  counts[kind] = (counts[kind] ?? 0) + 1;
}
afterAll(() => {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`trust: ${total} distinct hostile inputs tried: ${JSON.stringify(counts)}`);
});

const good: TrustResponse = { ranking: 0, left: 'a', right: 'b', outcome: 'left', labelerId: 'ann' };
const responses = (bad: unknown) => [good, bad] as TrustResponse[];

describe('estimateLabelerTrust refuses bad responses, naming the field', () => {
  const cases: [string, string, unknown, string][] = [
    ['type', 'not an array', 'responses', 'responses'],
    ['type', 'null record', null, 'responses[1]'],
    ['type', 'array record', ['a', 'b'], 'responses[1]'],
    ['shape', 'unknown field (an aggregated record)', { ...good, weight: 0.5 }, 'responses[1].weight'],
    ['shape', 'missing left', { right: 'b', outcome: 'left' }, 'responses[1].left'],
    ['type', 'numeric left', { ...good, left: 3 }, 'responses[1].left'],
    ['range', 'empty right', { ...good, right: '' }, 'responses[1].right'],
    ['range', 'left equals right', { ...good, right: 'a' }, 'responses[1].right'],
    ['range', 'unknown outcome', { ...good, outcome: 'tie' }, 'responses[1].outcome'],
    ['type', 'outcome as a number', { ...good, outcome: 1 }, 'responses[1].outcome'],
    ['range', 'empty labelerId', { ...good, labelerId: '' }, 'responses[1].labelerId'],
    ['type', 'labelerId as a number', { ...good, labelerId: 7 }, 'responses[1].labelerId'],
    ['range', 'negative ranking', { ...good, ranking: -1 }, 'responses[1].ranking'],
    ['range', 'fractional ranking', { ...good, ranking: 0.5 }, 'responses[1].ranking'],
    ['range', 'NaN ranking', { ...good, ranking: Number.NaN }, 'responses[1].ranking'],
    ['range', 'ranking beyond 2^53', { ...good, ranking: 2 ** 53 }, 'responses[1].ranking'],
    ['type', 'matchupId as a number', { ...good, matchupId: 4 }, 'responses[1].matchupId'],
  ];
  for (const [kind, name, bad, path] of cases) {
    it(`${name} → ${path}`, () => {
      tried(kind);
      expectInputError(() => estimateLabelerTrust((bad === 'responses' ? 'responses' : responses(bad)) as TrustResponse[]), path);
    });
  }
});

describe('estimateLabelerTrust refuses bad options and validation answers', () => {
  const cases: [string, unknown, string][] = [
    ['type', 7, 'options'],
    ['shape', { minTrust: 0.5 }, 'options.minTrust'],
    ['range', { method: 'oracle' }, 'options.method'],
    ['type', { prior: 2 }, 'options.prior'],
    ['shape', { prior: [2] }, 'options.prior'],
    ['shape', { prior: [2, 2, 2] }, 'options.prior'],
    ['range', { prior: [1, 2] }, 'options.prior[0]'],
    ['range', { prior: [1.005, 2] }, 'options.prior[0]'],
    ['range', { prior: [2, 0.5] }, 'options.prior[1]'],
    ['range', { prior: [2, Number.POSITIVE_INFINITY] }, 'options.prior[1]'],
    ['range', { prior: [2e6, 2] }, 'options.prior[0]'],
    ['range', { scorePrior: 0 }, 'options.scorePrior'],
    ['range', { scorePrior: -1 }, 'options.scorePrior'],
    ['range', { scorePrior: Number.NaN }, 'options.scorePrior'],
    ['range', { maxIterations: 0 }, 'options.maxIterations'],
    ['range', { maxIterations: 2.5 }, 'options.maxIterations'],
    ['range', { maxIterations: 1e6 }, 'options.maxIterations'],
    ['range', { tolerance: 0 }, 'options.tolerance'],
    ['range', { tolerance: 1 }, 'options.tolerance'],
    ['range', { confidence: 1 }, 'options.confidence'],
    ['type', { confidence: '0.9' }, 'options.confidence'],
    ['type', { validation: {} }, 'options.validation'],
    ['type', { validation: [null] }, 'options.validation[0]'],
    ['shape', { validation: [{ labelerId: 'a', answer: 'left', outcome: 'left', correct: true }] }, 'options.validation[0].correct'],
    ['range', { validation: [{ labelerId: '', answer: 'left', outcome: 'left' }] }, 'options.validation[0].labelerId'],
    ['range', { validation: [{ labelerId: 'a', answer: 'up', outcome: 'left' }] }, 'options.validation[0].answer'],
    ['shape', { validation: [{ labelerId: 'a', answer: 'left' }] }, 'options.validation[0].outcome'],
  ];
  for (const [kind, options, path] of cases) {
    it(`${JSON.stringify(options) ?? String(options)} → ${path}`, () => {
      tried(kind);
      expectInputError(() => estimateLabelerTrust([good], options as never), path);
    });
  }
});

describe('estimateLabelerTrust reads its input once', () => {
  it('a getter that changes its answer is read once, and the report is that of the first read', () => {
    tried('changing value');
    let reads = 0;
    const changing = {
      left: 'a',
      right: 'b',
      get outcome() {
        reads++;
        return reads === 1 ? 'right' : 'bogus';
      },
      labelerId: 'ann',
    } as unknown as TrustResponse;
    const report = estimateLabelerTrust([good, changing, { ...good, outcome: 'right' }]);
    expect(reads).toBe(1);
    expect(report).toEqual(estimateLabelerTrust([good, { ...good, outcome: 'right' }, { ...good, outcome: 'right' }]));
  });

  it('a Proxy over the responses reads each element once', () => {
    tried('proxy');
    const list = [good, { ...good, outcome: 'right' as const }, { ...good, labelerId: 'bob' }];
    const reads = new Map<PropertyKey, number>();
    const proxy = new Proxy(list, {
      get(target, key, receiver) {
        reads.set(key, (reads.get(key) ?? 0) + 1);
        return Reflect.get(target, key, receiver);
      },
    });
    expect(estimateLabelerTrust(proxy)).toEqual(estimateLabelerTrust(list));
    for (const key of ['0', '1', '2', 'length']) expect(reads.get(key)).toBe(1);
  });

  it('ids are arbitrary strings: "__proto__", "constructor" and long ones', () => {
    tried('odd ids');
    const long = 'x'.repeat(10_000);
    const report = estimateLabelerTrust([
      { left: '__proto__', right: 'constructor', outcome: 'left', labelerId: '__proto__' },
      { left: 'constructor', right: long, outcome: 'right', labelerId: long },
      { left: long, right: '__proto__', outcome: 'draw', labelerId: 'toString' },
    ]);
    expect(report.labelers.map((labeler) => labeler.labelerId)).toEqual(['__proto__', 'toString', long]);
    const weights = labelerWeightsFromTrust(report);
    expect([...weights.keys()]).toEqual(['__proto__', 'toString', long]);
  });
});

describe('estimateLabelerTrust at the edges of its ranges', () => {
  it('unanimous labelers with the weakest prior and extreme score priors give finite numbers only', () => {
    const unanimous: TrustResponse[] = [];
    for (let i = 0; i < 200; i++) {
      unanimous.push({ left: 'a', right: 'b', outcome: 'left', labelerId: 'x' }, { left: 'b', right: 'c', outcome: 'left', labelerId: 'y' });
    }
    for (const options of [{ prior: [1.01, 1.01] as const }, { scorePrior: 1e-300 }, { scorePrior: 1e6 }, { prior: [1e6, 1e6] as const }, { method: 'validation' as const }]) {
      tried('range');
      const report = estimateLabelerTrust(unanimous, { ...options, validation: [{ labelerId: 'x', answer: 'left', outcome: 'left' }] });
      const values = JSON.stringify(report);
      expect(values).not.toContain('null');
      for (const labeler of report.labelers) expect(labeler.trust).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('labelerWeightsFromTrust refuses bad reports', () => {
  const entry = { labelerId: 'a', trust: 0.5 };
  const cases: [string, unknown, unknown, string][] = [
    ['type', null, {}, 'report'],
    ['type', { labelers: 'x' }, {}, 'report.labelers'],
    ['type', { labelers: [3] }, {}, 'report.labelers[0]'],
    ['range', { labelers: [{ ...entry, trust: 1.5 }] }, {}, 'report.labelers[0].trust'],
    ['range', { labelers: [{ ...entry, trust: Number.NaN }] }, {}, 'report.labelers[0].trust'],
    ['range', { labelers: [{ trust: 0.5 }] }, {}, 'report.labelers[0].labelerId'],
    ['shape', { labelers: [entry, entry] }, {}, 'report.labelers[1].labelerId'],
    ['range', { labelers: [entry] }, { minTrust: 2 }, 'options.minTrust'],
    ['shape', { labelers: [entry] }, { threshold: 0.5 }, 'options.threshold'],
  ];
  for (const [kind, report, options, path] of cases) {
    it(`→ ${path}`, () => {
      tried(kind);
      expectInputError(() => labelerWeightsFromTrust(report as never, options as never), path);
    });
  }
});

describe('named crowds and side clickers refuse bad specs', () => {
  const truth = new Map([['a', 1200], ['b', 1300]]);
  const cases: [string, () => unknown, string][] = [
    ['range', () => namedCrowdLabeler([], { labelers: 3 }), 'members'],
    ['type', () => namedCrowdLabeler([{ share: 1, labeler: 'bt' as never, name: 'x' }], { labelers: 3 }), 'members[0].labeler'],
    ['range', () => namedCrowdLabeler([{ share: 1, labeler: () => 'left', name: '' }], { labelers: 3 }), 'members[0].name'],
    ['shape', () => namedCrowdLabeler([{ share: 1, labeler: () => 'left', name: 'x' }, { share: 1, labeler: () => 'left', name: 'x' }], { labelers: 3 }), 'members[1].name'],
    ['range', () => namedCrowdLabeler([{ share: 1, labeler: () => 'left', name: 'x' }], { labelers: 0 }), 'options.labelers'],
    ['range', () => namedCrowdLabeler([{ share: 1, labeler: () => 'left', name: 'x' }], { labelers: 2_000_000 }), 'options.labelers'],
    ['range', () => namedCrowdLabeler([{ share: 99, labeler: () => 'left', name: 'x' }, { share: 1, labeler: () => 'left', name: 'y' }], { labelers: 10 }), 'members[1].share'],
    ['range', () => createLabeler({ model: 'namedCrowd', labelers: 1, members: [{ share: 1, labeler: 'bt' }, { share: 1, labeler: 'thurstone' }] }, truth), 'labeler.members[1].share'],
    ['shape', () => createLabeler({ model: 'namedCrowd', labelers: 4, members: [{ share: 1, labeler: 'bt' }, { share: 1, labeler: { model: 'bt', lapseRate: 1 } }] }, truth), 'labeler.members[1].name'],
    ['shape', () => createLabeler({ model: 'crowd', members: [{ share: 1, labeler: 'namedCrowd' as never }] }, truth), 'labeler.members[0].labeler'],
    ['shape', () => createLabeler({ model: 'namedCrowd', labelers: 4, members: [{ share: 1, labeler: 'namedCrowd' as never }] }, truth), 'labeler.members[0].labeler'],
    ['type', () => createLabeler({ model: 'namedCrowd', labelers: '4' as never, members: [{ share: 1, labeler: 'bt' }] }, truth), 'labeler.labelers'],
    ['shape', () => createLabeler({ model: 'sideClicker', positionBias: 3 } as never, truth), 'labeler.positionBias'],
    ['range', () => createLabeler({ model: 'sideClicker', side: 'up' } as never, truth), 'labeler.side'],
    ['range', () => sideClickerLabeler({ side: 'middle' as never }), 'options.side'],
    ['range', () => createLabeler({ model: 'bt', flipRate: 1.5 }, truth), 'labeler.flipRate'],
    ['range', () => createLabeler({ model: 'thurstone', flipRate: -0.1 }, truth), 'labeler.flipRate'],
  ];
  for (const [kind, call, path] of cases) {
    it(`→ ${path}`, () => {
      tried(kind);
      expectInputError(call, path);
    });
  }
});
