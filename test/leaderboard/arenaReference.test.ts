// The Arena's standings, reproduced: leaderboardFromBattles against an independent
// computation of FastChat's compute_mle_elo (fastchat/serve/monitor/elo_analysis.py):
// every battle duplicated, X = +ln 10 for model_a and −ln 10 for model_b, Y = 1 for an
// A win (both copies), 0 for a B win, and a tie (either kind) is 1 in the first copy and
// 0 in the second; logistic regression without intercept or penalty; Elo = 400β + 1000.
// The reference below solves that regression by plain Newton steps on the dense design
// matrix (sklearn's lbfgs, started at 0, stays in the subspace Σβ = 0, as this does).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leaderboardFromBattles, type ArenaBattle } from '../../src/leaderboard/leaderboardFromBattles.js';

function arenaMleElo(battles: readonly ArenaBattle[]): Map<string, number> {
  const models = [...new Set(battles.flatMap((battle) => [battle.model_a, battle.model_b]))];
  const p = models.length;
  const rows: { x: number[]; y: number }[] = [];
  for (const copy of [0, 1]) {
    for (const battle of battles) {
      const x = new Array<number>(p).fill(0);
      x[models.indexOf(battle.model_a)] = Math.LN10;
      x[models.indexOf(battle.model_b)] = -Math.LN10;
      const tie = battle.winner === 'tie' || battle.winner === 'tie (bothbad)';
      rows.push({ x, y: battle.winner === 'model_a' || (tie && copy === 0) ? 1 : 0 });
    }
  }
  const beta = new Array<number>(p).fill(0);
  for (let step = 0; step < 100; step++) {
    const gradient = new Array<number>(p).fill(0);
    // H + 11ᵀ: the Hessian is singular along 1, and the gradient is orthogonal to it.
    const hessian = Array.from({ length: p }, () => new Array<number>(p).fill(1));
    for (const { x, y } of rows) {
      const eta = x.reduce((sum, value, i) => sum + value * beta[i]!, 0);
      const q = 1 / (1 + Math.exp(-eta));
      for (let i = 0; i < p; i++) {
        gradient[i]! += x[i]! * (y - q);
        for (let j = 0; j < p; j++) hessian[i]![j]! += x[i]! * x[j]! * q * (1 - q);
      }
    }
    const delta = solve(hessian, gradient);
    for (let i = 0; i < p; i++) beta[i]! += delta[i]!;
    if (Math.max(...delta.map(Math.abs)) < 1e-15) break;
  }
  return new Map(models.map((model, i) => [model, 400 * beta[i]! + 1000]));
}

// Gaussian elimination with partial pivoting.
function solve(matrix: number[][], vector: number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[pivot]![c]!)) pivot = r;
    [a[c], a[pivot]] = [a[pivot]!, a[c]!];
    for (let r = c + 1; r < n; r++) {
      const factor = a[r]![c]! / a[c]![c]!;
      for (let k = c; k <= n; k++) a[r]![k]! -= factor * a[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = a[r]![n]!;
    for (let k = r + 1; k < n; k++) sum -= a[r]![k]! * x[k]!;
    x[r] = sum / a[r]![r]!;
  }
  return x;
}

// A hand-made log of 4 models: every one both beats and loses to others, with both kinds of tie.
const battle = (model_a: string, model_b: string, winner: string): ArenaBattle => ({ model_a, model_b, winner });
const LOG: ArenaBattle[] = [
  battle('gpt-4', 'claude-1', 'model_a'),
  battle('claude-1', 'gpt-4', 'model_b'),
  battle('gpt-4', 'claude-1', 'tie'),
  battle('claude-1', 'gpt-4', 'model_a'),
  battle('gpt-4', 'vicuna-13b', 'model_a'),
  battle('vicuna-13b', 'gpt-4', 'model_b'),
  battle('vicuna-13b', 'gpt-4', 'model_a'),
  battle('claude-1', 'vicuna-13b', 'model_a'),
  battle('vicuna-13b', 'claude-1', 'tie (bothbad)'),
  battle('claude-1', 'vicuna-13b', 'model_b'),
  battle('vicuna-13b', 'llama-13b', 'model_a'),
  battle('llama-13b', 'vicuna-13b', 'model_b'),
  battle('llama-13b', 'vicuna-13b', 'model_a'),
  battle('llama-13b', 'gpt-4', 'model_b'),
  battle('llama-13b', 'claude-1', 'tie'),
  battle('claude-1', 'llama-13b', 'model_a'),
  battle('gpt-4', 'llama-13b', 'model_a'),
  battle('llama-13b', 'gpt-4', 'model_a'),
];

describe('leaderboardFromBattles reproduces the Arena', () => {
  it("matches compute_mle_elo's logistic regression to 1e-6", () => {
    const reference = arenaMleElo(LOG);
    const standings = leaderboardFromBattles(LOG).standings();
    expect(standings.entries).toHaveLength(4);
    for (const entry of standings.entries) expect(Math.abs(entry.score - reference.get(entry.model)!)).toBeLessThan(1e-6);
    // Centred like the Arena's scores: mean 1000.
    expect(standings.entries.reduce((sum, entry) => sum + entry.score, 0) / 4).toBeCloseTo(1000, 9);
    expect(standings.entries.map((entry) => entry.model)).toEqual([...reference].sort((a, b) => b[1] - a[1]).map(([model]) => model));
  });

  it('anchors like elo_analysis.py: every score shifted so the anchor has its rating', () => {
    const reference = arenaMleElo(LOG);
    const shift = 1114 - reference.get('claude-1')!;
    const standings = leaderboardFromBattles(LOG, { anchor: { model: 'claude-1', rating: 1114 } }).standings();
    expect(standings.anchor).toEqual({ model: 'claude-1', rating: 1114 });
    for (const entry of standings.entries) expect(Math.abs(entry.score - (reference.get(entry.model)! + shift))).toBeLessThan(1e-6);
    const anchor = standings.entries.find((entry) => entry.model === 'claude-1')!;
    expect(anchor).toMatchObject({ score: 1114, standardError: 0, lower: 1114, upper: 1114 });
  });

  it("counts 'both_bad' as the Arena's 'tie (bothbad)', and keeps both kinds of tie apart in the counts", () => {
    const renamed = LOG.map((row) => (row.winner === 'tie (bothbad)' ? { ...row, winner: 'both_bad' } : row));
    const a = leaderboardFromBattles(LOG).standings();
    expect(leaderboardFromBattles(renamed).standings()).toEqual(a);
    const vicuna = a.entries.find((entry) => entry.model === 'vicuna-13b')!;
    expect(vicuna).toMatchObject({ bothBad: 1, draws: 0, battles: 9 });
  });

  it('the fit does not depend on the order of the battles (any permutation, any side swap of a tie)', () => {
    const base = leaderboardFromBattles(LOG).standings();
    fc.assert(
      fc.property(fc.shuffledSubarray(LOG, { minLength: LOG.length, maxLength: LOG.length }), (shuffled) => {
        const standings = leaderboardFromBattles(shuffled).standings();
        // Entries come in standings order, so the whole result is the same, bit for bit.
        expect(standings).toEqual(base);
      }),
      { numRuns: 50 },
    );
  });

  it('reads rows once each, ignores the fields it does not use, takes judges as labelers', () => {
    let reads = 0;
    const row = {
      get model_a() {
        reads++;
        return reads > 1 ? 'other' : 'gpt-4';
      },
      model_b: 'claude-1',
      winner: 'model_a',
      turn: 1,
      language: 'English',
      judge: 'arena_user_1',
    };
    const leaderboard = leaderboardFromBattles([row, ...LOG]);
    expect(reads).toBe(1);
    expect(leaderboard.models()).toEqual(['gpt-4', 'claude-1', 'vicuna-13b', 'llama-13b']);
    expect(leaderboard.snapshot().labelers).toEqual(['arena_user_1']);
  });

  it('bootstrap intervals are deterministic for a seed, contain the score, and anchored rounds pin the anchor', () => {
    const leaderboard = leaderboardFromBattles(LOG, { anchor: { model: 'gpt-4', rating: 1250 } });
    const a = leaderboard.standings({ intervals: 'bootstrap', rounds: 200, seed: 'x' });
    expect(JSON.stringify(leaderboard.standings({ intervals: 'bootstrap', rounds: 200, seed: 'x' }))).toBe(JSON.stringify(a));
    expect(JSON.stringify(leaderboard.standings({ intervals: 'bootstrap', rounds: 200, seed: 'y' }))).not.toBe(JSON.stringify(a));
    for (const entry of a.entries) {
      expect(entry.lower).toBeLessThanOrEqual(entry.score + 1e-9);
      expect(entry.upper).toBeGreaterThanOrEqual(entry.score - 1e-9);
      expect(entry.bestRank).toBeLessThanOrEqual(entry.worstRank);
    }
    expect(a.entries.find((entry) => entry.model === 'gpt-4')).toMatchObject({ lower: 1250, upper: 1250 });
    expect(a).toMatchObject({ intervals: 'bootstrap', rounds: 200, resampling: 'bayesian' });
  });

  it('refuses separated models without a prior, naming them, and rates them with one', () => {
    const separated = [battle('a', 'b', 'model_a'), battle('b', 'c', 'model_a'), battle('c', 'a', 'model_b')];
    expect(() => leaderboardFromBattles(separated).standings()).toThrow(/infinite without a prior/);
    const standings = leaderboardFromBattles(separated, { prior: 1e-6 }).standings();
    expect(standings.entries.map((entry) => entry.model)).toEqual(['a', 'b', 'c']);
    expect(() => leaderboardFromBattles(LOG).standings({ intervals: 'bootstrap', resampling: 'multinomial', rounds: 10 })).toThrow(/options\.resampling.*prior > 0/);
    expect(leaderboardFromBattles(LOG, { prior: 1e-6 }).standings({ intervals: 'bootstrap', resampling: 'multinomial', rounds: 50 }).resampling).toBe('multinomial');
  });
});
