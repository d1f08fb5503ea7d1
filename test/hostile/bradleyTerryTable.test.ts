// Hostile input to the Bradley–Terry table (comparisonTable, ComparisonTableBuilder,
// fitBradleyTerry on records): accessors and proxies, polluted prototypes, odd ids,
// errors deep in long inputs, weights at the edges of their range, totals that overflow,
// iterables that misbehave. The table reader was rewritten for speed (issue 12: no
// object, string or closure per item, errors spelt out only when thrown); it must read
// each field once, use only what it read, name the item and field at fault, and change
// nothing when it refuses an item, exactly as before. Each case here was checked
// against the reader of commit 91aac2f, which behaves the same.
import { describe, expect, it } from 'vitest';
import { ComparisonTableBuilder, comparisonTable, comparisonTableData } from '../../src/bradleyTerry/comparisonTable.js';
import type { Comparison } from '../../src/bradleyTerry/comparisonTypes.js';
import { fitBradleyTerry } from '../../src/bradleyTerry/fitBradleyTerry.js';
import { expectInputError } from '../helpers.js';
import { tableContents as contents } from '../bradleyTerry/tableContents.js';

const plain = (left: string, right: string, outcome: 'left' | 'right' | 'draw' = 'left'): Comparison => ({ left, right, outcome });

/** A record whose fields are getters that count their reads and return `values[field][read]` (the last value once exhausted). */
function countingRecord(values: Record<string, readonly unknown[]>): { record: object; reads: Record<string, number> } {
  const reads: Record<string, number> = {};
  const record = {};
  for (const [key, sequence] of Object.entries(values)) {
    reads[key] = 0;
    Object.defineProperty(record, key, {
      enumerable: true,
      get: () => sequence[Math.min(reads[key]!++, sequence.length - 1)],
    });
  }
  return { record, reads };
}

describe('hostile input to the Bradley–Terry table: accessors and proxies', () => {
  it('reads each field of a record once, and uses what it read', () => {
    // Each getter answers differently the second time: a second read would change the table.
    const { record, reads } = countingRecord({ left: ['a', 'b'], right: ['c', 'a'], outcome: ['left', 'right'], weight: [2, 1e300], labelerId: ['ann', 3] });
    const table = comparisonTable([record as Comparison]);
    expect(reads).toEqual({ left: 1, right: 1, outcome: 1, weight: 1, labelerId: 1 });
    expect(contents(table)).toEqual(contents(comparisonTable([{ left: 'a', right: 'c', outcome: 'left', weight: 2, labelerId: 'ann' }])));
  });

  it('reads each field of pair counts once', () => {
    const { record, reads } = countingRecord({ a: ['x', 'y'], b: ['y', 'x'], aWins: [3, -1], bWins: [1, NaN], draws: [2, 'no'] });
    const table = comparisonTable([record as Comparison]);
    expect(reads).toEqual({ a: 1, b: 1, aWins: 1, bWins: 1, draws: 1 });
    expect(contents(table)).toEqual(contents(comparisonTable([{ a: 'x', b: 'y', aWins: 3, bWins: 1, draws: 2 }])));
  });

  it('a Proxy item: each field fetched through the get trap at most once', () => {
    const gets: string[] = [];
    const target = { left: 'a', right: 'b', outcome: 'draw', weight: 0.5 };
    const proxy = new Proxy(target, {
      get(object, key, receiver) {
        if (typeof key === 'string') gets.push(key);
        return Reflect.get(object, key, receiver);
      },
    });
    const table = comparisonTable([proxy as Comparison]);
    expect(gets.sort()).toEqual(['left', 'outcome', 'right', 'weight']);
    expect(contents(table)).toEqual(contents(comparisonTable([target as Comparison])));
  });

  it('a getter that throws: its error comes through, and the builder is as it was', () => {
    const builder = new ComparisonTableBuilder();
    builder.add(plain('a', 'b'), 'line 1');
    const before = contents(builder.build());
    const failure = new Error('getter failed');
    const record = Object.defineProperty({ left: 'a', right: 'c' }, 'outcome', { enumerable: true, get: () => { throw failure; } });
    expect(() => builder.add(record, 'line 2')).toThrow(failure);
    expect(contents(builder.build())).toEqual(before);
    expect(builder.datapointCount).toBe(2);
  });

  it('never runs an inherited getter, and ignores inherited enumerable fields (a polluted Object.prototype)', () => {
    let inheritedReads = 0;
    Object.defineProperty(Object.prototype, 'weight', { configurable: true, get: () => ++inheritedReads });
    (Object.prototype as Record<string, unknown>)['extra'] = 'polluted';
    try {
      const table = comparisonTable([plain('a', 'b'), { a: 'b', b: 'c', aWins: 1, bWins: 2 }]);
      expect(inheritedReads).toBe(0);
      expect(comparisonTableData(table)!.wins[0]).toBe(1);
    } finally {
      delete (Object.prototype as Record<string, unknown>)['weight'];
      delete (Object.prototype as Record<string, unknown>)['extra'];
    }
  });

  it('reads a non-enumerable own field, and ignores symbol keys', () => {
    const hidden = Object.defineProperty(plain('a', 'b'), 'weight', { value: 3, enumerable: false });
    expect(comparisonTableData(comparisonTable([hidden]))!.wins[0]).toBe(3);
    const badHidden = Object.defineProperty(plain('a', 'b'), 'weight', { value: -3, enumerable: false });
    expectInputError(() => comparisonTable([badHidden]), 'comparisons[0].weight');
    const withSymbol = { ...plain('a', 'b'), [Symbol('note')]: 'ignored' };
    expect(comparisonTable([withSymbol]).pairCount).toBe(1);
    // An unknown field that is own but not enumerable, over an inherited enumerable one of the same name: neither is listed.
    const shadowing = Object.assign(Object.create({ extra: 1 }) as object, plain('a', 'b'));
    Object.defineProperty(shadowing, 'extra', { value: 2, enumerable: false });
    expect(comparisonTable([shadowing as Comparison]).pairCount).toBe(1);
    expectInputError(() => comparisonTable([{ ...plain('a', 'b'), extra: 2 } as unknown as Comparison]), 'comparisons[0].extra');
  });

  it('accepts items without a prototype and class instances, by their own fields only', () => {
    const bare = Object.assign(Object.create(null) as object, { left: 'a', right: 'b', outcome: 'right' }) as Comparison;
    class Vote {
      readonly left = 'a';
      readonly right = 'b';
      readonly outcome = 'right';
    }
    (Vote.prototype as unknown as Record<string, unknown>)['weight'] = 100;
    expect(contents(comparisonTable([bare]))).toEqual(contents(comparisonTable([plain('a', 'b', 'right')])));
    expect(contents(comparisonTable([new Vote() as Comparison]))).toEqual(contents(comparisonTable([plain('a', 'b', 'right')])));
  });
});

describe('hostile input to the Bradley–Terry table: ids, paths and weights', () => {
  it('takes any non-empty string as an id, Object.prototype names and lone surrogates included', () => {
    const names = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf', '\uD800', 'é', 'e\u0301', ' ', 'x'.repeat(100_000)];
    const records = names.map((name, i) => plain(name, names[(i + 1) % names.length]!));
    const fit = fitBradleyTerry(records);
    expect(fit.ids).toEqual(names);
    expect(fit.entries.every((entry) => Number.isFinite(entry.score) && Number.isFinite(entry.standardError))).toBe(true);
  });

  it('names an item deep in a long input, and the caller’s path', () => {
    function* items(): Generator<Comparison> {
      for (let k = 0; k < 123_456; k++) yield plain(`d${k % 100}`, `d${(k + 1) % 100}`);
      yield { left: 'd1', right: 'd2', outcome: 'up' as 'left' };
    }
    expectInputError(() => comparisonTable(items()), 'comparisons[123456].outcome');
    expectInputError(() => comparisonTable([plain('a', 'b'), plain('c', 'c')], 'rows'), 'rows[1].right');
    expectInputError(() => fitBradleyTerry([plain('a', 'b'), { a: 'a', b: 'b', aWins: 1, bWins: 1, wins: 2 } as Comparison]), 'comparisons[1].wins');
    expectInputError(() => new ComparisonTableBuilder().add({ left: 'a' }, ''), '.right');
  });

  it('keeps the weight range: 0 and -0, 2^-1022 to 2^53; nothing else', () => {
    const accepted = [0, -0, 2 ** -1022, 1, 2 ** 53];
    for (const weight of accepted) expect(comparisonTable([{ ...plain('a', 'b'), weight }]).pairCount).toBe(1);
    const refused: unknown[] = [2 ** -1023, 2 ** 53 + 2, -1, NaN, Infinity, -Infinity, '1', 1n, true, null, {}, [1]];
    for (const weight of refused) expectInputError(() => comparisonTable([{ ...plain('a', 'b'), weight } as Comparison]), 'comparisons[0].weight');
    for (const count of refused) expectInputError(() => comparisonTable([{ a: 'a', b: 'b', aWins: 1, bWins: count } as Comparison]), 'comparisons[0].bWins');
    // An explicit undefined is an absent weight: 1.
    expect(comparisonTableData(comparisonTable([{ ...plain('a', 'b'), weight: undefined }]))!.wins[0]).toBe(1);
  });

  it('refuses the item that would take a datapoint past 2^53 in total, naming it, and changes nothing', () => {
    const builder = new ComparisonTableBuilder();
    builder.add({ a: 'a', b: 'b', aWins: 2 ** 52, bWins: 2 ** 52 - 1 }, 'line 1');
    const before = contents(builder.build());
    const error = expectInputError(() => builder.add({ a: 'c', b: 'b', aWins: 4, bWins: 0 }, 'line 2'), 'line 2');
    expect(error.message).toContain('"b"');
    expect(contents(builder.build())).toEqual(before);
    expect(builder.datapointCount).toBe(2);
  });
});

describe('hostile use of the table builder', () => {
  it('a table stays as built whatever the builder does next: adds, refused adds, more builds', () => {
    const builder = new ComparisonTableBuilder();
    builder.add(plain('a', 'b'), 'line 1');
    builder.add({ a: 'b', b: 'c', aWins: 2, bWins: 1 }, 'line 2');
    const first = builder.build();
    const again = builder.build();
    const frozen = contents(first);
    expectInputError(() => builder.add(plain('a', 'a'), 'line 3'), 'line 3.right');
    builder.add(plain('a', 'b', 'right'), 'line 4');
    builder.add(plain('c', 'd', 'draw'), 'line 5');
    for (let k = 0; k < 100; k++) builder.add(plain(`e${k}`, `e${k + 1}`), `line ${k + 6}`);
    const later = builder.build();
    builder.add(plain('a', 'd'), 'line 106');
    expect(contents(first)).toEqual(frozen);
    expect(contents(again)).toEqual(frozen);
    expect(later.pairCount).toBe(103);
    expect(Object.isFrozen(first.ids) && Object.isFrozen(later.ids)).toBe(true);
    expect(builder.datapointCount).toBe(105);
  });
});

describe('hostile input to the Bradley–Terry table: iterables', () => {
  it('an iterable that throws midway: its error comes through', () => {
    const failure = new Error('disk gone');
    function* items(): Generator<Comparison> {
      yield plain('a', 'b');
      throw failure;
    }
    expect(() => comparisonTable(items())).toThrow(failure);
  });

  it('one object yielded again after a change: each item counts as it was when read', () => {
    const item = { left: 'a', right: 'b', outcome: 'left' as 'left' | 'right' };
    function* items(): Generator<Comparison> {
      yield item;
      item.outcome = 'right';
      yield item;
      item.left = 'c';
      yield item;
    }
    expect(contents(comparisonTable(items()))).toEqual(contents(comparisonTable([plain('a', 'b'), plain('a', 'b', 'right'), plain('c', 'b', 'right')])));
  });

  it('holes and non-objects are refused at their index; array-likes and strings are not iterables of comparisons', () => {
    // eslint-disable-next-line no-sparse-arrays
    expectInputError(() => comparisonTable([plain('a', 'b'), , plain('b', 'c')] as Comparison[]), 'comparisons[1]');
    expectInputError(() => comparisonTable([plain('a', 'b'), 'a>b' as unknown as Comparison]), 'comparisons[1]');
    expectInputError(() => comparisonTable({ length: 1, 0: plain('a', 'b') } as unknown as Comparison[]), 'comparisons');
    expectInputError(() => comparisonTable('ab' as unknown as Comparison[]), 'comparisons');
  });
});
