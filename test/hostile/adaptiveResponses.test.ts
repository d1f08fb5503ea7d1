// Hostile inputs to adaptive responses per matchup (issue 13, item 4): the
// `responsesPerComparison` object of a definition, `job.matchupStatus`, and snapshots
// whose adaptive rule or votes were edited and resealed. Bad values are refused with a
// RankingInputError naming the field; values that change between reads are read once.
import { afterAll, describe, expect, it } from 'vitest';
import { createRankingJob, createRankingJobDefinition, restoreRankingJob, type RankingJobSnapshot } from '../../src/index.js';
import { definitionOf, expectInputError, reseal, stateFingerprint } from '../helpers.js';
import { HostileTally, objectWithChangingKey, proxyWithChangingKey } from './changingValues.js';

const tally = new HostileTally();
afterAll(() => {
  const { byClass, total } = tally.counts();
  console.log(`adaptive responses: ${total} distinct hostile inputs tried: ${JSON.stringify(byClass)}`);
});

describe('responsesPerComparison', () => {
  it('refuses values that are neither a positive integer nor an options object', () => {
    const bad: [string, unknown][] = [
      ['zero', 0],
      ['negative', -3],
      ['fraction', 2.5],
      ['NaN', Number.NaN],
      ['Infinity', Number.POSITIVE_INFINITY],
      ['past 2^53', 2 ** 53],
      ['numeric string', '3'],
      ['boolean', true],
      ['null', null],
      ['array', [3]],
      ['bigint', 3n],
      ['symbol', Symbol('3')],
      ['function', () => 3],
    ];
    for (const [name, value] of bad) {
      tally.note('responsesPerComparison', name);
      expectInputError(() => definitionOf({ responsesPerComparison: value as never }), 'responsesPerComparison');
    }
  });

  it('refuses out-of-range and mistyped rule fields, naming the field', () => {
    const bad: [string, Record<string, unknown>, string][] = [
      ['maxResponses 0', { maxResponses: 0 }, 'maxResponses'],
      ['maxResponses −1', { maxResponses: -1 }, 'maxResponses'],
      ['maxResponses 1.5', { maxResponses: 1.5 }, 'maxResponses'],
      ['maxResponses NaN', { maxResponses: Number.NaN }, 'maxResponses'],
      ['maxResponses Infinity', { maxResponses: Number.POSITIVE_INFINITY }, 'maxResponses'],
      ['maxResponses past the cap', { maxResponses: 1_000_001 }, 'maxResponses'],
      ['maxResponses string', { maxResponses: '5' }, 'maxResponses'],
      ['maxResponses null', { maxResponses: null }, 'maxResponses'],
      ['minConfidence ½', { minConfidence: 0.5 }, 'minConfidence'],
      ['minConfidence 1', { minConfidence: 1 }, 'minConfidence'],
      ['minConfidence 0', { minConfidence: 0 }, 'minConfidence'],
      ['minConfidence above 1', { minConfidence: 1.0000001 }, 'minConfidence'],
      ['minConfidence NaN', { minConfidence: Number.NaN }, 'minConfidence'],
      ['minConfidence −Infinity', { minConfidence: Number.NEGATIVE_INFINITY }, 'minConfidence'],
      ['minConfidence string', { minConfidence: '0.9' }, 'minConfidence'],
      ['ambiguityThreshold 0', { ambiguityThreshold: 0 }, 'ambiguityThreshold'],
      ['ambiguityThreshold 1', { ambiguityThreshold: 1 }, 'ambiguityThreshold'],
      ['ambiguityThreshold negative', { ambiguityThreshold: -0.1 }, 'ambiguityThreshold'],
      ['ambiguityThreshold NaN', { ambiguityThreshold: Number.NaN }, 'ambiguityThreshold'],
      ['ambiguityThreshold Infinity', { ambiguityThreshold: Number.POSITIVE_INFINITY }, 'ambiguityThreshold'],
      ['ambiguityThreshold boolean', { ambiguityThreshold: true }, 'ambiguityThreshold'],
      ['minResponses 0', { minResponses: 0 }, 'minResponses'],
      ['minResponses 1.5', { minResponses: 1.5 }, 'minResponses'],
      ['minResponses above maxResponses', { maxResponses: 4, minResponses: 5 }, 'minResponses'],
      ['minResponses NaN', { minResponses: Number.NaN }, 'minResponses'],
      ['misspelt key', { maxresponses: 5 }, 'maxresponses'],
      ['own __proto__ key', JSON.parse('{"__proto__": 5}') as Record<string, unknown>, '__proto__'],
    ];
    for (const [name, value, field] of bad) {
      tally.note('rule fields', name);
      expectInputError(() => definitionOf({ responsesPerComparison: value }), `responsesPerComparison.${field}`);
    }
  });

  it('ignores inherited fields, keeps the caller\'s object untouched, and is not changed by later edits', () => {
    tally.note('rule object', 'inherited fields');
    const inherited = Object.create({ maxResponses: 0, minConfidence: 2 }) as Record<string, unknown>;
    expect(definitionOf({ responsesPerComparison: inherited }).responsesPerComparison).toMatchObject({ maxResponses: 100, minConfidence: 0.9 });
    tally.note('rule object', 'frozen input, edited after');
    const input = Object.freeze({ maxResponses: 7 });
    const definition = definitionOf({ responsesPerComparison: input });
    expect(input).toEqual({ maxResponses: 7 });
    const editable = { maxResponses: 7 };
    const second = definitionOf({ responsesPerComparison: editable });
    editable.maxResponses = 0;
    expect(second.responsesPerComparison).toEqual(definition.responsesPerComparison);
  });

  it('reads each field once: a getter or Proxy cannot show the check one value and the definition another', () => {
    for (const key of ['maxResponses', 'minConfidence', 'ambiguityThreshold', 'minResponses']) {
      const valid = { maxResponses: 6, minConfidence: 0.8, ambiguityThreshold: 0.5, minResponses: 2 };
      for (const [name, make] of [['getter', objectWithChangingKey], ['proxy', proxyWithChangingKey]] as const) {
        tally.note('changing values', `${name} ${key}`);
        const { value, reads } = make(valid, key, Number.NaN);
        const definition = createRankingJobDefinition({ name: 'n', instruction: 'i', datapoints: [['a', 'b']], comparisonBudgetPerRanking: 3, responsesPerComparison: value });
        expect(reads.count).toBe(1);
        expect(definition.responsesPerComparison).toEqual(valid);
      }
    }
  });
});

describe('matchupStatus', () => {
  it('refuses non-strings and answers unknown for strings that are no issued id', () => {
    const job = createRankingJob(definitionOf({ responsesPerComparison: {} }), { seed: 1 });
    const [matchup] = job.nextMatchups(1);
    for (const [name, value] of [['number', 1], ['null', null], ['undefined', undefined], ['object', { id: 'm1' }], ['symbol', Symbol('m1')], ['String object', new String('m1')]] as const) {
      tally.note('matchupStatus ids', name);
      expectInputError(() => job.matchupStatus(value as never), 'matchupId');
    }
    for (const id of ['', '__proto__', 'constructor', 'm0', 'm01', 'm2', 'M1', 'm1 ', 'm99999999999999999', 'm-1']) {
      tally.note('matchupStatus ids', JSON.stringify(id));
      expect(job.matchupStatus(id)).toBe('unknown');
    }
    expect(job.matchupStatus(matchup!.id)).toBe('pending');
  });
});

describe('snapshots of adaptive jobs, edited and resealed', () => {
  const job = createRankingJob(definitionOf({ responsesPerComparison: { maxResponses: 6 } }), { seed: 'hostile' });
  const [first, second] = job.nextMatchups(2);
  job.recordResponse(first!.id, 'left');
  job.recordResponse(first!.id, 'left');
  job.recordResponse(second!.id, 'right');
  const snapshot = job.snapshot();
  const edit = (change: (copy: Record<string, any>) => void): RankingJobSnapshot => {
    const copy = JSON.parse(JSON.stringify(snapshot));
    change(copy);
    return reseal(copy);
  };

  it('restore the untampered snapshot', () => {
    expect(stateFingerprint(restoreRankingJob(edit(() => {})))).toBe(stateFingerprint(job));
  });

  it('refuse a rule that the votes contradict, or one no definition normalises to', () => {
    const cases: [string, (copy: Record<string, any>) => void, string][] = [
      // The first matchup completed at its second response; with minConfidence 0.8 one (0.818) would have done.
      ['minConfidence lowered', (c) => (c.definition.responsesPerComparison.minConfidence = 0.8), 'snapshot.matchups.votes.sequences[1]'],
      // With maxResponses 1 the pending matchup's one vote would have completed it.
      ['maxResponses lowered', (c) => (c.definition.responsesPerComparison.maxResponses = 1), 'snapshot.matchups.pending[0].votes'],
      // With 0.95 two agreeing responses are not enough (0.924), so it could not have completed.
      ['minConfidence raised', (c) => (c.definition.responsesPerComparison.minConfidence = 0.95), 'snapshot.matchups.votes'],
      ['minConfidence out of range', (c) => (c.definition.responsesPerComparison.minConfidence = 0.4), 'snapshot.definition.responsesPerComparison.minConfidence'],
      ['a default left out', (c) => delete c.definition.responsesPerComparison.minResponses, 'snapshot.definition.responsesPerComparison'],
      ['an unknown field', (c) => (c.definition.responsesPerComparison.prior = 'uniform'), 'snapshot.definition.responsesPerComparison.prior'],
      // A fixed count of 3: the completed matchup holds 2 votes.
      ['turned into a fixed count', (c) => (c.definition.responsesPerComparison = 3), 'snapshot.matchups.votes'],
      ['pending votes at maxResponses', (c) => (c.matchups.pending[0].votes = { left: 0, right: 6, draw: 0 }), 'snapshot.matchups.pending[0].votes'],
    ];
    for (const [name, change, path] of cases) {
      tally.note('resealed snapshots', name);
      expectInputError(() => restoreRankingJob(edit(change)), path);
    }
  });
});

describe('snapshots of trust-weighted adaptive jobs, their validation record edited and resealed', () => {
  // Sided validation pairs only, so that flipping every known answer turns wrong answers right.
  const gold = [
    { left: 'gold-a', right: 'gold-b', answer: 'left' },
    { left: 'gold-c', right: 'gold-d', answer: 'right' },
    { left: 'd0', right: 'd1', answer: 'left' },
  ] as const;
  const job = createRankingJob(definitionOf({ datapoints: [['d0', 'd1', 'd2', 'd3', 'd4', 'd5']], comparisonBudgetPerRanking: 30, responsesPerComparison: {}, validation: { matchups: gold, rate: 0.5 } }), { seed: 7 });
  const issued = job.nextMatchups(16);
  const wrong = (left: string, right: string) => {
    const pair = gold.find((p) => (p.left === left && p.right === right) || (p.left === right && p.right === left))!;
    const shown = pair.left === left ? pair.answer : pair.answer === 'left' ? 'right' : 'left';
    return shown === 'left' ? 'right' : 'left';
  };
  // The liar answers three validation matchups wrong (weight 0 after), then says left twice on
  // two pairs: the first stays pending, the second completes on two rights from ann.
  for (const matchup of issued.filter((m) => m.kind === 'validation').slice(0, 3)) job.recordResponse(matchup.id, wrong(matchup.left, matchup.right), { labelerId: 'liar' });
  const [open, settled] = issued.filter((m) => m.kind !== 'validation');
  for (const matchup of [open!, settled!]) for (let i = 0; i < 2; i++) job.recordResponse(matchup.id, 'left', { labelerId: 'liar' });
  for (let i = 0; i < 2; i++) job.recordResponse(settled!.id, 'right', { labelerId: 'ann' });
  const snapshot = job.snapshot();
  const edit = (change: (copy: Record<string, any>) => void): RankingJobSnapshot => {
    const copy = JSON.parse(JSON.stringify(snapshot));
    change(copy);
    return reseal(copy);
  };

  it('restore the untampered snapshot, with its weighted completions', () => {
    expect(job.matchupStatus(open!.id)).toBe('pending');
    expect(job.matchupStatus(settled!.id)).toBe('completed');
    expect(stateFingerprint(restoreRankingJob(edit(() => {})))).toBe(stateFingerprint(job));
  });

  it('refuse a validation record that would have weighed the responses otherwise', () => {
    // With the liar's record gone (or right), its two lefts settle both pairs: ann's first
    // response to the second pair (vote 7) comes after the rule completed it.
    const cases: [string, (copy: Record<string, any>) => void][] = [
      ['validation answers without their labeler', (c) => [0, 1, 2].forEach((i) => (c.matchups.votes.labelers[i] = -1))],
      ['known answers flipped', (c) => c.definition.validation.matchups.forEach((m: { answer: string }) => (m.answer = m.answer === 'left' ? 'right' : 'left'))],
    ];
    for (const [name, change] of cases) {
      tally.note('resealed snapshots', name);
      expectInputError(() => restoreRankingJob(edit(change)), 'snapshot.matchups.votes.sequences[7]');
    }
  });
});
