// leaderboard.positionBias() and the command's "Position bias" line when the battles do
// not bound the bias. Before, the battles below (x beat y from each side, lost to it once
// from the right) gave { score: 2596.7, standardError: 1.3e8, lower: −2.6e8, … } and the
// command printed "the left side (model_a) is worth +2596.7 ± 264166620.8 points".
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLeaderboard } from '../../src/cli/leaderboard.js';
import { leaderboardFromBattles } from '../../src/leaderboard/leaderboardFromBattles.js';

const QUASI_SEPARATED: [string, string, string][] = [
  ['x', 'y', 'model_a'],
  ['x', 'y', 'model_b'],
  ['y', 'x', 'model_a'],
  ['y', 'x', 'model_a'],
  ['x', 'y', 'model_a'],
];
const rowsOf = (rows: [string, string, string][]) => rows.map(([model_a, model_b, winner]) => ({ model_a, model_b, winner }));

describe('positionBias when the battles do not bound it', () => {
  it('reports identified: false and no estimate, at prior 0 and with a prior', () => {
    for (const prior of [0, 0.01]) {
      const bias = leaderboardFromBattles(rowsOf(QUASI_SEPARATED), { prior }).positionBias();
      expect(bias).toEqual({ identified: false, score: null, standardError: null, lower: null, upper: null, leftWinRate: 0.8, battles: 5 });
    }
  });

  it('reports identified: true with the estimate when they do', () => {
    // One more battle: y beat x from the right, a cycle of wins with more right wins than left.
    const bias = leaderboardFromBattles(rowsOf([...QUASI_SEPARATED, ['y', 'x', 'model_b']])).positionBias()!;
    expect(bias.identified).toBe(true);
    expect(Number.isFinite(bias.score)).toBe(true);
    expect(bias.standardError!).toBeLessThan(1000);
    expect(bias.lower!).toBeLessThan(bias.score!);
  });

  it('the command prints a note instead of a figure, and the JSON has no estimate', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'pairwise-elo-bias-')), 'quasi.csv');
    writeFileSync(path, `model_a,model_b,winner\n${QUASI_SEPARATED.map((row) => row.join(',')).join('\n')}\n`);
    const table = await runLeaderboard([path]);
    expect(table).toMatch(/Position bias: not estimated: the battles do not bound it .* won 80\.0% of the decisive battles/);
    expect(table).not.toMatch(/is worth/);
    const json = JSON.parse(await runLeaderboard([path, '--format', 'json']));
    expect(json.positionBias).toMatchObject({ identified: false, score: null, upper: null, leftWinRate: 0.8 });
  });
});
