// Hostile input for leaderboards: every bad argument throws RankingInputError naming the
// field, and changes nothing (the snapshot is the same before and after).
import { describe, expect, it } from 'vitest';
import { RankingInputError } from '../../src/errors.js';
import { createLeaderboard } from '../../src/leaderboard/createLeaderboard.js';
import { leaderboardFromBattles } from '../../src/leaderboard/leaderboardFromBattles.js';
import type { Leaderboard, LeaderboardInput } from '../../src/leaderboard/leaderboardTypes.js';
import { restoreLeaderboard } from '../../src/leaderboard/restoreLeaderboard.js';
import { hashJsonValue } from '../../src/persistence/checksum.js';

const BASE: LeaderboardInput = { models: ['a', 'b', 'c'], prompts: ['p', { id: 'q', tags: ['t'] }], seed: 1 };

function expectInputError(call: () => unknown, path: string): void {
  let caught: unknown;
  try {
    call();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected a RankingInputError at ${path}`).toBeInstanceOf(RankingInputError);
  expect((caught as RankingInputError).path).toBe(path);
}

function running(): Leaderboard {
  const leaderboard = createLeaderboard({ ...BASE, budget: 50 });
  for (const matchup of leaderboard.nextMatchups(6)) leaderboard.recordResponse(matchup.id, matchup.left < matchup.right ? 'left' : 'draw');
  leaderboard.nextMatchups(2);
  return leaderboard;
}

const BAD_INPUTS: [string, unknown, string][] = [
  ['not an object', 'models', 'input'],
  ['an array', [], 'input'],
  ['an unknown key', { ...BASE, model: ['x'] }, 'model'],
  ['models not an array', { ...BASE, models: 'a,b' }, 'models'],
  ['one model', { ...BASE, models: ['a'] }, 'models'],
  ['a repeated model', { ...BASE, models: ['a', 'b', 'a'] }, 'models[2]'],
  ['an empty model id', { ...BASE, models: ['a', ''] }, 'models[1]'],
  ['a number as model id', { ...BASE, models: ['a', 3] }, 'models[1]'],
  ['a hole in models', { ...BASE, models: ['a', , 'c'] }, 'models[1]'],
  ['no prompts', { ...BASE, prompts: [] }, 'prompts'],
  ['a repeated prompt', { ...BASE, prompts: ['p', { id: 'p' }] }, 'prompts[1]'],
  ['a prompt object without id', { ...BASE, prompts: [{ tags: [] }] }, 'prompts[0].id'],
  ['an unknown prompt key', { ...BASE, prompts: [{ id: 'p', tag: 'x' }] }, 'prompts[0].tag'],
  ['tags not an array', { ...BASE, prompts: [{ id: 'p', tags: 'x' }] }, 'prompts[0].tags'],
  ['an empty tag', { ...BASE, prompts: [{ id: 'p', tags: [''] }] }, 'prompts[0].tags[0]'],
  ['a repeated tag', { ...BASE, prompts: [{ id: 'p', tags: ['x', 'x'] }] }, 'prompts[0].tags[1]'],
  ['budget 0', { ...BASE, budget: 0 }, 'budget'],
  ['budget 1.5', { ...BASE, budget: 1.5 }, 'budget'],
  ['budget as text', { ...BASE, budget: '10' }, 'budget'],
  ['budget Infinity', { ...BASE, budget: Infinity }, 'budget'],
  ['randomShare below 0', { ...BASE, randomShare: -0.1 }, 'randomShare'],
  ['randomShare NaN', { ...BASE, randomShare: NaN }, 'randomShare'],
  ['randomShare 2', { ...BASE, randomShare: 2 }, 'randomShare'],
  ['scale 0', { ...BASE, scale: 0 }, 'scale'],
  ['scale Infinity', { ...BASE, scale: Infinity }, 'scale'],
  ['center NaN', { ...BASE, center: NaN }, 'center'],
  ['center 1e12', { ...BASE, center: 1e12 }, 'center'],
  ['prior −1', { ...BASE, prior: -1 }, 'prior'],
  ['prior Infinity', { ...BASE, prior: Infinity }, 'prior'],
  ['anchor not an object', { ...BASE, anchor: 'a=1000' }, 'anchor'],
  ['anchor with an unknown key', { ...BASE, anchor: { model: 'a', rating: 1000, scale: 1 } }, 'anchor.scale'],
  ['anchor of an unknown model', { ...BASE, anchor: { model: 'z', rating: 1000 } }, 'anchor.model'],
  ['anchor rating NaN', { ...BASE, anchor: { model: 'a', rating: NaN } }, 'anchor.rating'],
  ['inverseRanking as text', { ...BASE, inverseRanking: 'yes' }, 'inverseRanking'],
  ['placement as a number', { ...BASE, placement: 1 }, 'placement'],
  ['seed NaN', { ...BASE, seed: NaN }, 'seed'],
  ['seed and rng', { ...BASE, rng: () => 0.5 }, 'rng'],
  ['rng not a function', { models: ['a', 'b'], prompts: ['p'], rng: 0.5 }, 'rng'],
];

describe('createLeaderboard refuses bad input, naming the field', () => {
  it.each(BAD_INPUTS)('%s', (_, input, path) => expectInputError(() => createLeaderboard(input as LeaderboardInput), path));

  it('reads each input field once: a getter that changes its answer cannot slip past the checks', () => {
    let reads = 0;
    const input = {
      prompts: ['p'],
      get models() {
        reads++;
        return reads === 1 ? ['a', 'b'] : ['a', 'a'];
      },
    };
    const leaderboard = createLeaderboard(input);
    expect(reads).toBe(1);
    expect(leaderboard.models()).toEqual(['a', 'b']);
    const models = ['x', 'y'];
    const copy = createLeaderboard({ models, prompts: ['p'] });
    models.push('z');
    expect(copy.models()).toEqual(['x', 'y']);
  });

  it('takes any id: "__proto__", "constructor", emoji, long strings, as models, prompts, tags and labelers', () => {
    const odd = ['__proto__', 'constructor', '🦊', 'x'.repeat(10_000)];
    const leaderboard = createLeaderboard({ models: odd, prompts: [{ id: '__proto__', tags: ['__proto__'] }, 'hasOwnProperty'], seed: 3 });
    for (let k = 0; k < 20; k++) for (const matchup of leaderboard.nextMatchups(2)) leaderboard.recordResponse(matchup.id, 'left', { labelerId: '__proto__' });
    const restored = restoreLeaderboard(JSON.parse(JSON.stringify(leaderboard.snapshot())));
    expect(restored.models()).toEqual(odd);
    expect(restored.standings({ tag: '__proto__' }).battles).toBe(20);
    expect(JSON.stringify(restored.standings())).toBe(JSON.stringify(leaderboard.standings()));
  });
});

describe('calls refuse bad arguments and change nothing', () => {
  const CALLS: [string, (leaderboard: Leaderboard) => unknown, string][] = [
    ['nextMatchups(0)', (l) => l.nextMatchups(0), 'count'],
    ['nextMatchups(1.5)', (l) => l.nextMatchups(1.5), 'count'],
    ['nextMatchups(65 537)', (l) => l.nextMatchups(65_537), 'count'],
    ["nextMatchups('3')", (l) => l.nextMatchups('3' as unknown as number), 'count'],
    ['recordResponse of an unknown id', (l) => l.recordResponse('b999', 'left'), 'matchupId'],
    ['recordResponse of a number id', (l) => l.recordResponse(7 as unknown as string, 'left'), 'matchupId'],
    ['recordResponse of an answered id', (l) => l.recordResponse('b1', 'left'), 'matchupId'],
    ["outcome 'tie'", (l) => l.recordResponse(l.pendingMatchups()[0]!.id, 'tie' as never), 'outcome'],
    ["outcome 'LEFT'", (l) => l.recordResponse(l.pendingMatchups()[0]!.id, 'LEFT' as never), 'outcome'],
    ['an empty labelerId', (l) => l.recordResponse(l.pendingMatchups()[0]!.id, 'left', { labelerId: '' }), 'options.labelerId'],
    ['an unknown response option', (l) => l.recordResponse(l.pendingMatchups()[0]!.id, 'left', { labeler: 'x' } as never), 'options.labeler'],
    ['releaseMatchup of an unknown id', (l) => l.releaseMatchup('m1'), 'matchupId'],
    ["intervals 'wald'", (l) => l.standings({ intervals: 'wald' as never }), 'options.intervals'],
    ['rounds 9', (l) => l.standings({ intervals: 'bootstrap', rounds: 9 }), 'options.rounds'],
    ['rounds 1.5', (l) => l.standings({ intervals: 'bootstrap', rounds: 1.5 }), 'options.rounds'],
    ['rounds without the bootstrap', (l) => l.standings({ rounds: 100 }), 'options.rounds'],
    ["resampling 'poisson'", (l) => l.standings({ intervals: 'bootstrap', resampling: 'poisson' as never }), 'options.resampling'],
    ['bootstrap seed NaN', (l) => l.standings({ intervals: 'bootstrap', seed: NaN }), 'options.seed'],
    ['confidence 1', (l) => l.standings({ confidence: 1 }), 'options.confidence'],
    ['confidence 0', (l) => l.standings({ confidence: 0 }), 'options.confidence'],
    ['an empty tag', (l) => l.standings({ tag: '' }), 'options.tag'],
    ['a tag no prompt has', (l) => l.standings({ tag: 'nope' }), 'options.tag'],
    ['tag in standingsByTag', (l) => l.standingsByTag({ tag: 't' } as never), 'options.tag'],
    ['an unknown standings option', (l) => l.standings({ interval: 'bootstrap' } as never), 'options.interval'],
    ['positionBias confidence 2', (l) => l.positionBias({ confidence: 2 }), 'options.confidence'],
    ['winRates tag 5', (l) => l.winRates({ tag: 5 as never }), 'options.tag'],
  ];

  it.each(CALLS)('%s', (_, call, path) => {
    const leaderboard = running();
    const before = JSON.stringify(leaderboard.snapshot());
    expectInputError(() => call(leaderboard), path);
    expect(JSON.stringify(leaderboard.snapshot())).toBe(before);
  });

  it.each([
    ['1', 1],
    ['NaN', NaN],
    ['−0.1', -0.1],
    ['text', '0.5'],
  ])('an injected rng returning %s is caught before anything changes', (_, value) => {
    let bad = false;
    const leaderboard = createLeaderboard({ models: ['a', 'b', 'c'], prompts: ['p'], rng: () => (bad ? (value as number) : 0.25) });
    leaderboard.nextMatchups(2);
    bad = true;
    const pending = leaderboard.pendingMatchups();
    const progress = leaderboard.progress();
    expectInputError(() => leaderboard.nextMatchups(3), 'rng');
    expect(leaderboard.pendingMatchups()).toEqual(pending);
    expect(leaderboard.progress()).toEqual(progress);
  });

  it('a call from inside another (an rng that calls the leaderboard) is refused', () => {
    let leaderboard: Leaderboard | null = null;
    let inner: unknown = null;
    leaderboard = createLeaderboard({
      models: ['a', 'b'],
      prompts: ['p'],
      rng: () => {
        try {
          leaderboard?.standings();
        } catch (error) {
          inner = error;
        }
        return 0.5;
      },
    });
    leaderboard.nextMatchups(1);
    expect(inner).toBeInstanceOf(RankingInputError);
    expect((inner as RankingInputError).path).toBe('leaderboard');
  });

  it('a leaderboard imported without prompts refuses to issue matchups, naming why', () => {
    const imported = leaderboardFromBattles([{ model_a: 'a', model_b: 'b', winner: 'tie' }]);
    expectInputError(() => imported.nextMatchups(1), 'prompts');
  });
});

describe('restoreLeaderboard refuses damaged or impossible snapshots', () => {
  // Resealed: the checksum recomputed, so only the consistency checks stand in the way.
  function resealed(edit: (snapshot: Record<string, any>) => void): Record<string, unknown> {
    const snapshot = JSON.parse(JSON.stringify(running().snapshot()));
    edit(snapshot);
    const { checksum: _checksum, format: _format, version: _version, ...body } = snapshot;
    snapshot.checksum = hashJsonValue(body);
    return snapshot;
  }

  const DAMAGED: [string, (snapshot: Record<string, any>) => void, string][] = [
    ['another version', (s) => (s.version = 2), 'snapshot.version'],
    ['another format', (s) => (s.format = 'pairwise-elo/job'), 'snapshot.format'],
    ['a missing field', (s) => delete s.labelers, 'snapshot.labelers'],
    ['an unknown field', (s) => (s.extra = 1), 'snapshot.extra'],
    ['a battle with a model out of range', (s) => (s.battles.left[0] = 9), 'snapshot.battles.left[0]'],
    ['a battle of a model against itself', (s) => (s.battles.right[0] = s.battles.left[0]), 'snapshot.battles.right[0]'],
    ['an outcome code 4', (s) => (s.battles.outcome[1] = 4), 'snapshot.battles.outcome[1]'],
    ['a fractional prompt index', (s) => (s.battles.prompt[2] = 0.5), 'snapshot.battles.prompt[2]'],
    ['columns of different lengths', (s) => s.battles.labeler.pop(), 'snapshot.battles.labeler'],
    ['a labeler index out of range', (s) => (s.battles.labeler[0] = 0), 'snapshot.battles.labeler[0]'],
    ['a repeated pending id', (s) => (s.pending[1].id = s.pending[0].id), 'snapshot.pending[1].id'],
    ['a pending id from the future', (s) => (s.pending[0].id = `b${s.nextMatchup}`), 'snapshot.pending[0].id'],
    ['a pending id of another form', (s) => (s.pending[0].id = 'm1'), 'snapshot.pending[0].id'],
    ['an unknown kind', (s) => (s.pending[0].kind = 'close'), 'snapshot.pending[0].kind'],
    ['a pivot on a random matchup', (s) => (s.pending[0].pivot = 1000), 'snapshot.pending[0].pivot'],
    ['a placement matchup without a model being placed', (s) => ((s.pending[0].kind = 'placement'), (s.pending[0].pivot = 1000)), 'snapshot.pending[0].kind'],
    ['placement steps 0', (s) => (s.placement = [{ model: 0, low: null, high: null, steps: 0 }]), 'snapshot.placement[0].steps'],
    ['a placement range upside down', (s) => (s.placement = [{ model: 0, low: 5, high: 1, steps: 2 }]), 'snapshot.placement[0].high'],
    ['more placing models than a live one has', (s) => (s.placement = [0, 1].map((model) => ({ model, low: null, high: null, steps: 2 }))), 'snapshot.placement'],
    ['more pending than issued', (s) => (s.nextMatchup = 2), 'snapshot.pending'],
    ['nextMatchup 0', (s) => (s.nextMatchup = 0), 'snapshot.nextMatchup'],
    ['over the budget', (s) => (s.options.budget = 7), 'snapshot.pending'],
    ['a missing setting', (s) => delete s.options.prior, 'snapshot.options.prior'],
    ['a setting out of range', (s) => (s.options.randomShare = 3), 'snapshot.options.randomShare'],
    ['an anchor of no model', (s) => (s.options.anchor = { model: 'zz', rating: 1 }), 'snapshot.options.anchor.model'],
    ['a repeated model', (s) => (s.models[1] = s.models[0]), 'snapshot.models[1]'],
    ['prompts without tags', (s) => delete s.prompts[0].tags, 'snapshot.prompts[0].tags'],
    ['a generator state no Alea reaches', (s) => (s.rng.c = -1), 'snapshot.rng.c'],
  ];

  it.each(DAMAGED)('%s', (_, edit, path) => expectInputError(() => restoreLeaderboard(resealed(edit) as never), path));

  it('an edit without resealing is caught by the checksum', () => {
    const snapshot = JSON.parse(JSON.stringify(running().snapshot()));
    snapshot.battles.outcome[0] = snapshot.battles.outcome[0] === 0 ? 1 : 0;
    expectInputError(() => restoreLeaderboard(snapshot), 'snapshot.checksum');
  });

  it('the rng option only for snapshots without a generator state', () => {
    expectInputError(() => restoreLeaderboard(running().snapshot(), { rng: () => 0.5 }), 'options.rng');
    const injected = createLeaderboard({ models: ['a', 'b'], prompts: ['p'], rng: () => 0.5 });
    expectInputError(() => restoreLeaderboard(injected.snapshot()), 'options.rng');
    expect(restoreLeaderboard(injected.snapshot(), { rng: () => 0.5 }).nextMatchups(1)).toHaveLength(1);
  });

  it('reads the snapshot once: a getter cannot show the checks one value and the leaderboard another', () => {
    const snapshot = JSON.parse(JSON.stringify(running().snapshot()));
    let reads = 0;
    const models = snapshot.models;
    Object.defineProperty(snapshot, 'models', {
      enumerable: true,
      get() {
        reads++;
        return reads === 1 ? models : ['x', 'x', 'x'];
      },
    });
    expect(restoreLeaderboard(snapshot).models()).toEqual(models);
    expect(reads).toBe(1);
  });
});

describe('leaderboardFromBattles refuses bad rows, naming the row and field', () => {
  const ROW = { model_a: 'a', model_b: 'b', winner: 'model_a' };
  const BAD_ROWS: [string, unknown, unknown, string][] = [
    ['rows not iterable', 5, {}, 'rows'],
    ['rows as a string', 'abc', {}, 'rows'],
    ['no rows', [], {}, 'rows'],
    ['a null row', [ROW, null], {}, 'rows[1]'],
    ['a missing model_a', [{ model_b: 'b', winner: 'tie' }], {}, 'rows[0].model_a'],
    ['the same model twice', [{ model_a: 'a', model_b: 'a', winner: 'tie' }], {}, 'rows[0].model_b'],
    ["winner 'A'", [{ ...ROW, winner: 'A' }], {}, 'rows[0].winner'],
    ["winner 'model_c'", [{ ...ROW, winner: 'model_c' }], {}, 'rows[0].winner'],
    ["winner 'model a'", [{ ...ROW, winner: 'model a' }], {}, 'rows[0].winner'],
    ['winner 1', [{ ...ROW, winner: 1 }], {}, 'rows[0].winner'],
    ['an empty prompt', [{ ...ROW, prompt: '' }], {}, 'rows[0].prompt'],
    ['judge and labelerId', [{ ...ROW, judge: 'x', labelerId: 'y' }], {}, 'rows[0].labelerId'],
    ['a number judge', [{ ...ROW, judge: 3 }], {}, 'rows[0].judge'],
    ['a prompt not among options.prompts', [{ ...ROW, prompt: 'z' }], { prompts: ['p'] }, 'rows[0].prompt'],
    ['an anchor of no model', [ROW], { anchor: { model: 'z', rating: 1000 } }, 'options.anchor.model'],
    ['an unknown option', [ROW], { prior: 0, priors: 1 }, 'options.priors'],
    ['a negative prior', [ROW], { prior: -1 }, 'options.prior'],
  ];
  it.each(BAD_ROWS)('%s', (_, rows, options, path) => expectInputError(() => leaderboardFromBattles(rows as never, options as never), path));
});
