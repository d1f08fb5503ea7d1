// Hostile input to the Bradley–Terry paths added for speed (issue 12): the
// `standardErrors` option, the room an array's length reserves in the table, and the
// record reader that takes each field as for…in lists it. Each must refuse bad values by
// name, read nothing twice, and build the same table as before.
import { describe, expect, it } from 'vitest';
import { ComparisonTableBuilder, comparisonTable, comparisonTableData } from '../../src/bradleyTerry/comparisonTable.js';
import type { Comparison } from '../../src/bradleyTerry/comparisonTypes.js';
import { fitBradleyTerry } from '../../src/bradleyTerry/fitBradleyTerry.js';
import { expectInputError } from '../helpers.js';
import { tableContents as contents } from '../bradleyTerry/tableContents.js';

const records: Comparison[] = [
  { left: 'a', right: 'b', outcome: 'left' },
  { left: 'b', right: 'c', outcome: 'left' },
  { left: 'c', right: 'a', outcome: 'right' },
];

describe('hostile input to the Bradley–Terry fast paths: options.standardErrors', () => {
  it('refuses anything but auto, exact and approximate, naming the option and the allowed values', () => {
    const bad: unknown[] = ['fast', 'Exact', '', ' auto', 1, 0, true, null, {}, ['exact'], new String('exact'), Symbol('exact')];
    for (const value of bad) {
      const error = expectInputError(() => fitBradleyTerry(records, { standardErrors: value as never }), 'options.standardErrors');
      expect(error.message).toMatch(/'auto', 'exact', 'approximate'/);
    }
    expect(fitBradleyTerry(records, { standardErrors: undefined }).standardErrorsExact).toBe(true);
  });
});

describe('hostile input to the Bradley–Terry fast paths: the length of an array', () => {
  it('a length that lies (once, hugely) reserves bounded room, and the table keeps none of it', () => {
    let lengthReads = 0;
    const lying = new Proxy([...records], {
      get(target, key, receiver) {
        if (key === 'length' && lengthReads++ === 0) return 1e300;
        return Reflect.get(target, key, receiver);
      },
    });
    const table = comparisonTable(lying);
    expect(contents(table)).toEqual(contents(comparisonTable(records)));
    // Three pairs: the arrays were trimmed from the room reserved (2^20 pairs) to the pairs.
    expect(comparisonTableData(table)!.low.buffer.byteLength).toBeLessThan(1024);
  });

  it('a length that is not a usable number reserves nothing: the table is what the iteration gives, or its error', () => {
    const withLength = (length: unknown): Comparison[] =>
      new Proxy([...records], { get: (target, key, receiver) => (key === 'length' ? length : Reflect.get(target, key, receiver)) });
    // The array iterator reads the length before every item: -5 and NaN give no items, '2' two.
    expect(comparisonTable(withLength(-5)).datapointCount).toBe(0);
    expect(comparisonTable(withLength(Number.NaN)).datapointCount).toBe(0);
    expect(contents(comparisonTable(withLength('2')))).toEqual(contents(comparisonTable(records.slice(0, 2))));
    const failure = new Error('valueOf ran');
    expect(() => comparisonTable(withLength({ valueOf: () => { throw failure; } }))).toThrow(failure);
    const throwing = new Proxy([...records], {
      get(target, key, receiver) {
        if (key === 'length') throw new Error('length failed');
        return Reflect.get(target, key, receiver);
      },
    });
    expect(() => comparisonTable(throwing)).toThrow('length failed');
  });

  it('a builder reserves only before its first pair, and its tables keep only what they hold', () => {
    const builder = new ComparisonTableBuilder();
    builder.reservePairs(5_000);
    builder.add(records[0]!, 'line 1');
    builder.reservePairs(1e9);
    builder.add(records[1]!, 'line 2');
    const table = builder.build();
    expect(comparisonTableData(table)!.low.buffer.byteLength).toBeLessThan(1024);
    expect(contents(table)).toEqual(contents(comparisonTable(records.slice(0, 2))));
  });
});

describe('hostile input to the Bradley–Terry fast paths: fields as for…in lists them', () => {
  it('reads fields in any order, own non-enumerable ones too, each once', () => {
    const reversed = { outcome: 'right', right: 'b', left: 'a' } as Comparison;
    const hiddenIds = Object.defineProperties({ outcome: 'right' }, { left: { value: 'a', enumerable: false }, right: { value: 'b', enumerable: false } }) as Comparison;
    const expected = contents(comparisonTable([{ left: 'a', right: 'b', outcome: 'right' }]));
    expect(contents(comparisonTable([reversed]))).toEqual(expected);
    expect(contents(comparisonTable([hiddenIds]))).toEqual(expected);
  });

  it('a getter that deletes a later field while the keys are listed: that field is missing, and named', () => {
    const record: Record<string, unknown> = {};
    Object.defineProperty(record, 'left', { enumerable: true, get: () => { delete record['outcome']; return 'a'; } });
    record['right'] = 'b';
    record['outcome'] = 'left';
    expectInputError(() => comparisonTable([record as unknown as Comparison]), 'comparisons[0].outcome');
  });

  it('a getter that adds an unknown field while the keys are listed: the record is read as it was listed', () => {
    const record: Record<string, unknown> = {};
    Object.defineProperty(record, 'left', { enumerable: true, get: () => { record['extra'] = 1; return 'a'; } });
    record['right'] = 'b';
    record['outcome'] = 'left';
    expect(comparisonTable([record as unknown as Comparison]).pairCount).toBe(1);
  });
});
