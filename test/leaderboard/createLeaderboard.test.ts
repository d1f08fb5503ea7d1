import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLeaderboard } from '../../src/leaderboard/createLeaderboard.js';
import { leaderboardFromBattles } from '../../src/leaderboard/leaderboardFromBattles.js';
import type { Leaderboard, LeaderboardOutcome } from '../../src/leaderboard/leaderboardTypes.js';
import { restoreLeaderboard } from '../../src/leaderboard/restoreLeaderboard.js';
import { createRng } from '../../src/rng/createRng.js';

const MODELS = ['a', 'b', 'c', 'd', 'e', 'f'];
const STRENGTH: Record<string, number> = { a: 300, b: 180, c: 60, d: -60, e: -180, f: -300 };

// A Bradley–Terry labeler on STRENGTH with a left bias, ties and both-bad ties now and then.
function labeler(seed: string, leftBias = 0): (left: string, right: string) => LeaderboardOutcome {
  const rng = createRng(seed);
  return (left, right) => {
    const u = rng();
    if (u < 0.05) return 'draw';
    if (u < 0.08) return 'bothBad';
    return rng() < 1 / (1 + 10 ** (((STRENGTH[right] ?? 0) - (STRENGTH[left] ?? 0) - leftBias) / 400)) ? 'left' : 'right';
  };
}

function play(leaderboard: Leaderboard, answer: (left: string, right: string) => LeaderboardOutcome, batches: number, size = 5): void {
  for (let k = 0; k < batches; k++) for (const matchup of leaderboard.nextMatchups(size)) leaderboard.recordResponse(matchup.id, answer(matchup.left, matchup.right));
}

describe('createLeaderboard', () => {
  it('covers prompts evenly, never exceeds the budget, and gives released matchups back', () => {
    const prompts = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'];
    const leaderboard = createLeaderboard({ models: MODELS, prompts, budget: 40, seed: 2 });
    const issued = leaderboard.nextMatchups(23);
    const uses = new Map<string, number>();
    for (const matchup of issued) uses.set(matchup.prompt, (uses.get(matchup.prompt) ?? 0) + 1);
    expect(Math.max(...uses.values()) - Math.min(...uses.values())).toBeLessThanOrEqual(1);
    expect(uses.size).toBe(7);
    for (const matchup of issued) {
      expect(matchup.left).not.toBe(matchup.right);
      expect(['random', 'informationGain']).toContain(matchup.kind);
    }
    // 23 = 3 × 7 + 2: after releasing one matchup of a prompt used 3 times, it is the only least-used one.
    const released = issued.find((matchup) => uses.get(matchup.prompt) === 3)!;
    leaderboard.releaseMatchup(released.id);
    expect(leaderboard.nextMatchups(1)[0]!.prompt).toBe(released.prompt);
    expect(leaderboard.nextMatchups(100)).toHaveLength(17);
    expect(leaderboard.nextMatchups(1)).toEqual([]);
    expect(() => leaderboard.releaseMatchup(released.id)).toThrow(/matchupId: "b\d+" is not a pending matchup/);
    expect(leaderboard.progress()).toEqual({ budget: 40, pending: 40, completed: 0, remaining: 0 });
    for (const matchup of leaderboard.pendingMatchups()) leaderboard.recordResponse(matchup.id, 'left');
    expect(leaderboard.done).toBe(true);
    expect(leaderboard.progress()).toEqual({ budget: 40, pending: 0, completed: 40, remaining: 0 });
  });

  it('ranks the models in their true order, with intervals that hold the scores', () => {
    const leaderboard = createLeaderboard({ models: MODELS, prompts: ['x', 'y'], seed: 1 });
    play(leaderboard, labeler('order'), 300);
    const standings = leaderboard.standings();
    expect(standings.entries.map((entry) => entry.model)).toEqual(MODELS);
    expect(standings).toMatchObject({ battles: 1500, intervals: 'analytic', confidence: 0.95, center: 1000, scale: 400, anchor: null, converged: true });
    expect(standings.entries.reduce((sum, entry) => sum + entry.score, 0) / 6).toBeCloseTo(1000, 6);
    for (const entry of standings.entries) {
      expect(entry.lower).toBeCloseTo(entry.score - 1.959963984540054 * entry.standardError, 9);
      expect(entry.battles).toBe(entry.wins + entry.losses + entry.draws + entry.bothBad);
    }
    expect(standings.entries.some((entry) => entry.bothBad > 0)).toBe(true);
  });

  it('is deterministic for a seed: the same matchups (ids included) and standings, byte for byte', () => {
    const run = (seed: number) => {
      const leaderboard = createLeaderboard({ models: MODELS, prompts: ['x', { id: 'y', tags: ['code'] }], seed });
      const answer = labeler('same');
      const ids: string[] = [];
      for (let k = 0; k < 60; k++) {
        for (const matchup of leaderboard.nextMatchups(3)) {
          ids.push(`${matchup.id}:${matchup.prompt}:${matchup.left}:${matchup.right}:${matchup.kind}`);
          leaderboard.recordResponse(matchup.id, answer(matchup.left, matchup.right));
        }
      }
      return JSON.stringify([ids, leaderboard.standings(), leaderboard.standings({ intervals: 'bootstrap', rounds: 50 }), leaderboard.standingsByTag(), leaderboard.winRates(), leaderboard.positionBias()]);
    };
    expect(run(5)).toBe(run(5));
    expect(run(5)).not.toBe(run(6));
  });

  it('a snapshot restores a leaderboard that goes on exactly as the one that never stopped (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 1000 }), fc.boolean(), (stopAt, seed, grow) => {
        const make = () => createLeaderboard({ models: MODELS, prompts: ['x', 'y', 'z'], seed, budget: 200 });
        const a = make();
        const answerA = labeler(`s${seed}`);
        const answerB = labeler(`s${seed}`);
        const step = (leaderboard: Leaderboard, answer: typeof answerA, k: number) => {
          const matchups = leaderboard.nextMatchups(3);
          // Answer all but the last: matchups stay pending across the snapshot.
          for (const matchup of matchups.slice(0, -1)) leaderboard.recordResponse(matchup.id, answer(matchup.left, matchup.right), { labelerId: `l${k % 3}` });
          if (k % 7 === 3 && matchups.length > 0) leaderboard.releaseMatchup(matchups.at(-1)!.id);
          if (grow && k === 10) leaderboard.addModel(`new-${k}`);
          return matchups;
        };
        for (let k = 0; k < stopAt; k++) step(a, answerA, k);
        const b = restoreLeaderboard(JSON.parse(JSON.stringify(a.snapshot())));
        // A fresh one driven through the same calls brings answerB's labeler to where
        // answerA's is, and must reach the same state (same seed, same calls).
        const c = make();
        for (let k = 0; k < stopAt; k++) step(c, answerB, k);
        expect(JSON.stringify(c.snapshot())).toBe(JSON.stringify(a.snapshot()));
        expect(JSON.stringify(b.snapshot())).toBe(JSON.stringify(a.snapshot()));
        for (let k = stopAt; k < stopAt + 20; k++) expect(step(b, answerB, k)).toEqual(step(a, answerA, k));
        expect(JSON.stringify(b.standings())).toBe(JSON.stringify(a.standings()));
      }),
      { numRuns: 25 },
    );
  });

  it('standings per tag fit only the battles on prompts with that tag', () => {
    const leaderboard = createLeaderboard({ models: MODELS, prompts: [{ id: 'p1', tags: ['code'] }, { id: 'p2', tags: ['code', 'math'] }, 'p3'], seed: 3 });
    play(leaderboard, labeler('tags'), 60);
    const byTag = leaderboard.standingsByTag();
    expect(byTag.map((entry) => entry.tag)).toEqual(['code', 'math']);
    const all = leaderboard.standings().battles;
    expect(byTag[0]!.standings.battles).toBeGreaterThan(byTag[1]!.standings.battles);
    expect(byTag[0]!.standings.battles).toBeLessThan(all);
    expect(JSON.stringify(leaderboard.standings({ tag: 'math' }))).toBe(JSON.stringify(byTag[1]!.standings));
    expect(() => leaderboard.standings({ tag: 'art' })).toThrow(/options\.tag: no prompt of this leaderboard carries the tag "art"/);
  });

  it('inverseRanking: lower is better, every number keeps its meaning, only the order and rank intervals reverse', () => {
    const battles = [];
    const answer = labeler('inverse');
    const rng = createRng('pairs');
    for (let k = 0; k < 600; k++) {
      const a = MODELS[Math.floor(rng() * 6)]!;
      const b = MODELS.filter((model) => model !== a)[Math.floor(rng() * 5)]!;
      const outcome = answer(a, b);
      battles.push({ model_a: a, model_b: b, winner: outcome === 'left' ? 'model_a' : outcome === 'right' ? 'model_b' : outcome === 'draw' ? 'tie' : 'tie (bothbad)' });
    }
    const plain = leaderboardFromBattles(battles).standings();
    const inverse = leaderboardFromBattles(battles, { inverseRanking: true }).standings();
    expect(inverse.entries.map((entry) => entry.model)).toEqual(plain.entries.map((entry) => entry.model).reverse());
    const n = plain.entries.length;
    for (const entry of inverse.entries) {
      const same = plain.entries.find((other) => other.model === entry.model)!;
      expect(entry.score).toBe(same.score);
      expect(entry.lower).toBe(same.lower);
      expect(entry.rank).toBe(n + 1 - same.rank);
      expect(entry.bestRank).toBe(n + 1 - same.worstRank);
      expect(entry.worstRank).toBe(n + 1 - same.bestRank);
    }
    expect(inverse.inverseRanking).toBe(true);
  });

  it('win rates: observed shares with ties half, predicted from the scores', () => {
    const leaderboard = leaderboardFromBattles([
      { model_a: 'x', model_b: 'y', winner: 'model_a' },
      { model_a: 'y', model_b: 'x', winner: 'model_a' },
      { model_a: 'y', model_b: 'x', winner: 'tie' },
      { model_a: 'x', model_b: 'y', winner: 'model_a' },
      { model_a: 'y', model_b: 'z', winner: 'model_a' },
      { model_a: 'z', model_b: 'y', winner: 'model_a' },
    ]);
    const rates = leaderboard.winRates();
    const standings = leaderboard.standings();
    expect(rates.models).toEqual(standings.entries.map((entry) => entry.model));
    const x = rates.models.indexOf('x');
    const y = rates.models.indexOf('y');
    const z = rates.models.indexOf('z');
    expect(rates.observed[x]![y]).toBeCloseTo(2.5 / 4, 12);
    expect(rates.observed[y]![x]).toBeCloseTo(1.5 / 4, 12);
    expect(rates.observed[x]![z]).toBeNull();
    expect(rates.battles[y]![z]).toBe(2);
    const score = (model: string) => standings.entries.find((entry) => entry.model === model)!.score;
    expect(rates.predicted[x]![z]).toBeCloseTo(1 / (1 + 10 ** ((score('z') - score('x')) / 400)), 12);
    expect(rates.predicted[x]![x]).toBeNull();
  });

  it('estimates a left-side bias put into the answers', () => {
    const leaderboard = createLeaderboard({ models: MODELS, prompts: ['x'], seed: 8, randomShare: 1 });
    play(leaderboard, labeler('biased', 80), 600);
    const bias = leaderboard.positionBias()!;
    expect(bias.lower).toBeLessThan(80);
    expect(bias.upper).toBeGreaterThan(80);
    expect(bias.leftWinRate).toBeGreaterThan(0.55);
    expect(createLeaderboard({ models: MODELS, prompts: ['x'] }).positionBias()).toBeNull();
  });

  it('standings before any battle: every model unrated', () => {
    const standings = createLeaderboard({ models: MODELS, prompts: ['x'] }).standings();
    expect(standings.entries).toEqual([]);
    expect(standings.unrated).toEqual(MODELS);
  });

  it('an anchored leaderboard pins the anchor in analytic and bootstrap standings', () => {
    const leaderboard = createLeaderboard({ models: MODELS, prompts: ['x'], seed: 9, anchor: { model: 'c', rating: 1200 } });
    play(leaderboard, labeler('anchor'), 80);
    for (const standings of [leaderboard.standings(), leaderboard.standings({ intervals: 'bootstrap', rounds: 100 })]) {
      expect(standings.entries.find((entry) => entry.model === 'c')).toMatchObject({ score: 1200, lower: 1200, upper: 1200 });
      expect(standings.anchor).toEqual({ model: 'c', rating: 1200 });
    }
  });
});
