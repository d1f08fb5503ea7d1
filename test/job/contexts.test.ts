import { describe, expect, it } from 'vitest';
import { createRankingJob, replayRankingJob, restoreRankingJob, type RankingJobSnapshot } from '../../src/index.js';
import { definitionOf, expectInputError, ids, stateFingerprint } from '../helpers.js';

const PROMPT = { text: 'A rabbit astronaut, watercolour', assets: ['prompt-17.png'] };

function contextDefinition() {
  return definitionOf({
    datapoints: [ids(5, 'a'), ids(5, 'b')],
    comparisonBudgetPerRanking: 30,
    contexts: [PROMPT, null],
    validation: { matchups: [{ left: 'g1', right: 'g2', answer: 'left', context: { text: 'A red square' } }], rate: 0.3 },
  });
}

describe('ranking contexts', () => {
  it('are copied, frozen and absent when not given (old definitions keep their JSON)', () => {
    const definition = contextDefinition();
    expect(definition.contexts).toEqual([PROMPT, null]);
    expect(Object.isFrozen(definition.contexts![0]!.assets)).toBe(true);
    expect(definition.contexts![0]).not.toBe(PROMPT);
    expect('contexts' in definitionOf()).toBe(false);
    expect(JSON.stringify(definitionOf({ contexts: null }))).toBe(JSON.stringify(definitionOf()));
    expect(definitionOf({ contexts: [{ text: 'x' }] }).contexts).toEqual([{ text: 'x' }]);
  });

  it('come with every matchup of their ranking, and with validation matchups that have one', () => {
    const job = createRankingJob(contextDefinition(), { seed: 1 });
    const issued = job.nextMatchups(40);
    const byKind = { first: 0, second: 0, validation: 0 };
    for (const matchup of issued) {
      if (matchup.kind === 'validation') {
        byKind.validation++;
        expect(matchup.context).toEqual({ text: 'A red square' });
      } else if (matchup.ranking === 0) {
        byKind.first++;
        expect(matchup.context).toEqual(PROMPT);
      } else {
        byKind.second++;
        expect('context' in matchup).toBe(false);
      }
    }
    expect(byKind.first).toBeGreaterThan(0);
    expect(byKind.second).toBeGreaterThan(0);
    expect(byKind.validation).toBeGreaterThan(0);
    // Pending matchups carry it too; the event log does not repeat it (it is in the definition).
    expect(job.pendingMatchups()).toEqual(issued);
    const logged = job.events()[0]!;
    expect(logged.type === 'matchupsIssued' && logged.matchups.every((m) => !('context' in m))).toBe(true);
  });

  it('survive snapshot, restore and replay', () => {
    const definition = contextDefinition();
    const job = createRankingJob(definition, { seed: 2 });
    for (const matchup of job.nextMatchups(12)) job.recordResponse(matchup.id, 'left');
    const restored = restoreRankingJob(JSON.parse(JSON.stringify(job.snapshot())) as RankingJobSnapshot);
    const replayed = replayRankingJob(definition, job.events(), { seed: 2 });
    expect(stateFingerprint(restored)).toBe(stateFingerprint(job));
    expect(stateFingerprint(replayed)).toBe(stateFingerprint(job));
    expect(restored.nextMatchups(5)).toEqual(job.nextMatchups(5));
  });

  it('refuse what is not a context, naming the field', () => {
    const bad: [unknown, string][] = [
      [[PROMPT], 'contexts'],
      ['prompt', 'contexts'],
      [[{ text: '' }, null], 'contexts[0].text'],
      [[{ text: 'x'.repeat(100_001) }, null], 'contexts[0].text'],
      [[null, { text: 'x', assets: 'a.png' }], 'contexts[1].assets'],
      [[null, { text: 'x', assets: ['a.png', ''] }], 'contexts[1].assets[1]'],
      [[null, { text: 'x', assets: Array.from({ length: 1001 }, (_, i) => `${i}`) }], 'contexts[1].assets'],
      [[null, { text: 'x', url: 'y' }], 'contexts[1].url'],
      [[null, 7], 'contexts[1]'],
    ];
    for (const [contexts, path] of bad) {
      expectInputError(() => definitionOf({ datapoints: [ids(3), ids(3)], contexts: contexts as never }), path);
    }
    expectInputError(
      () => definitionOf({ validation: { matchups: [{ left: 'a', right: 'b', answer: 'left', context: { text: 1 as never } }], rate: 0.1 } }),
      'validation.matchups[0].context.text',
    );
  });
});
