// Review of the leaderboard module (issue 14): each test here failed on the code as
// committed in f1c408b and names the promise it holds the code to.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLeaderboard } from '../../src/cli/leaderboard.js';
import { leaderboardFromBattles, restoreLeaderboard, simulateLeaderboard, type LeaderboardSnapshot } from '../../src/index.js';
import { hashJsonValue } from '../../src/persistence/checksum.js';
import { expectInputError } from '../helpers.js';

function reseal(snapshot: Record<string, unknown>): LeaderboardSnapshot {
  const { checksum: _checksum, format, version, ...body } = snapshot;
  return { format, version, checksum: hashJsonValue(body), ...body } as unknown as LeaderboardSnapshot;
}

describe('restoreLeaderboard takes every snapshot a live leaderboard writes', () => {
  // leaderboardFromBattles accepts a budget below the number of rows (the leaderboard is
  // then done at once); its snapshot was refused: "20 battles and 0 pending matchups
  // exceed the budget of 5".
  const rows = Array.from({ length: 20 }, (_, i) => ({ model_a: i % 2 ? 'a' : '__proto__', model_b: i % 2 ? '__proto__' : 'a', winner: i % 3 ? 'model_a' : 'tie (bothbad)', prompt: 'p' }));

  it('an imported leaderboard with more battles than its budget round-trips', () => {
    const leaderboard = leaderboardFromBattles(rows, { budget: 5, prior: 0.01 });
    expect(leaderboard.done).toBe(true);
    expect(leaderboard.nextMatchups(3)).toEqual([]);
    const text = JSON.stringify(leaderboard.snapshot());
    const again = restoreLeaderboard(JSON.parse(text));
    expect(again.done).toBe(true);
    expect(JSON.stringify(again.snapshot())).toBe(text);
    expect(again.standings()).toEqual(leaderboard.standings());
  });

  it('still refuses pending matchups beyond the budget (no live leaderboard issues past it)', () => {
    const leaderboard = leaderboardFromBattles(rows.slice(0, 4), { budget: 6, prior: 0.01 });
    const issued = leaderboard.nextMatchups(5);
    expect(issued).toHaveLength(2);
    const forged = JSON.parse(JSON.stringify(leaderboard.snapshot()));
    forged.options.budget = 5;
    expectInputError(() => restoreLeaderboard(reseal(forged)), 'snapshot.pending');
  });
});

describe('pairwise-elo leaderboard', () => {
  const folder = mkdtempSync(join(tmpdir(), 'pairwise-elo-review-'));

  // Standings are finite (each model won once), but the left side won every decisive
  // battle, so the position effect alone is infinite at --prior 0: the command printed
  // nothing but "cannot score FILE: … position effect is infinite" and exited 2.
  it('prints the standings when only the position bias cannot be estimated', async () => {
    const path = join(folder, 'left-always.csv');
    writeFileSync(path, 'model_a,model_b,winner\ngpt-4,claude,model_a\nclaude,gpt-4,model_a\n');
    const table = await runLeaderboard([path]);
    expect(table).toMatch(/gpt-4 +1000\.0/);
    expect(table).toMatch(/Position bias: not estimated: .*--prior/);
    const json = JSON.parse(await runLeaderboard([path, '--format', 'json']));
    expect(json.standings.entries.map((entry: { score: number }) => entry.score)).toEqual([1000, 1000]);
    expect(json.positionBias).toBeNull();
    expect((await runLeaderboard([path, '--format', 'csv'])).trim().split('\n')).toHaveLength(3);
  });
});

describe('simulateLeaderboard', () => {
  // Each count was within its range (models ≤ 10 000, prompts ≤ 100 000), so the run went
  // on to allocate one strength per model and prompt: 8 GB here. Under a 4 GB address
  // limit the built package threw "RangeError: Array buffer allocation failed"; without
  // one it takes the machine's memory. Now refused before anything is allocated.
  it('refuses more model × prompt strengths than it can hold, naming the option', () => {
    expectInputError(() => simulateLeaderboard({ models: 10_000, prompts: 100_000, budget: 10 }), 'options.prompts');
    expectInputError(() => simulateLeaderboard({ models: 101, prompts: 100_000, budget: 10 }), 'options.prompts');
    expect(simulateLeaderboard({ models: 20, prompts: 100_000, budget: 4, batchSize: 4 }).battles).toBe(4);
  });
});
