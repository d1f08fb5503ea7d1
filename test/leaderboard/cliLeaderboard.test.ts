// `pairwise-elo leaderboard`, run in process (runLeaderboard) on files written here.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLeaderboard } from '../../src/cli/leaderboard.js';
import { readComparisonFile } from '../../src/cli/readComparisonFile.js';
import { InputFileError, UsageError } from '../../src/cli/terminal.js';
import { leaderboardFromBattles } from '../../src/leaderboard/leaderboardFromBattles.js';

const folder = mkdtempSync(join(tmpdir(), 'pairwise-elo-leaderboard-'));
function file(name: string, content: string | Buffer): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

const ROWS: [string, string, string][] = [
  ['gpt-4', 'claude-1', 'model_a'],
  ['claude-1', 'gpt-4', 'model_a'],
  ['gpt-4', 'vicuna', 'model_a'],
  ['vicuna', 'gpt-4', 'tie (bothbad)'],
  ['vicuna', 'claude-1', 'model_b'],
  ['claude-1', 'vicuna', 'model_b'],
  ['gpt-4', 'claude-1', 'tie'],
  ['vicuna', 'gpt-4', 'model_a'],
];
const CSV = `model_a,model_b,winner,turn\n${ROWS.map((row) => `${row.join(',')},1`).join('\n')}\n`;
const JSONL = `${ROWS.map(([a, b, winner]) => JSON.stringify({ model_a: a, model_b: b, winner, language: 'English' })).join('\n')}\n`;

describe('pairwise-elo leaderboard', () => {
  it('reads CSV and JSON Lines alike, and reports what leaderboardFromBattles reports', async () => {
    const fromCsv = JSON.parse(await runLeaderboard([file('battles.csv', CSV), '--format', 'json']));
    const fromJsonl = JSON.parse(await runLeaderboard([file('battles.jsonl', JSONL), '--format', 'json']));
    expect(fromCsv.standings).toEqual(fromJsonl.standings);
    // The same entries as the library's, "both bad" ties apart from draws.
    const direct = leaderboardFromBattles(ROWS.map(([model_a, model_b, winner]) => ({ model_a, model_b, winner }))).standings();
    expect(fromCsv.standings.entries).toEqual(direct.entries);
    expect(fromCsv).toMatchObject({ rows: 8, models: 3, format: 'csv' });
  });

  it('--anchor, --rounds, --seed, --inverse and --format csv', async () => {
    const path = file('anchor.csv', CSV);
    const csv = await runLeaderboard([path, '--anchor', 'claude-1=1114', '--rounds', '100', '--seed', 'x', '--format', 'csv']);
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('rank,model,score,lower,upper,best_rank,worst_rank,battles,wins,losses,draws,both_bad');
    expect(lines.find((line) => line.includes(',claude-1,'))).toMatch(/^\d,claude-1,1114,1114,1114,/);
    expect(await runLeaderboard([path, '--anchor', 'claude-1=1114', '--rounds', '100', '--seed', 'x', '--format', 'csv'])).toBe(csv);
    const table = await runLeaderboard([path, '--inverse']);
    expect(table).toMatch(/lower is better/);
    expect(table).toMatch(/Position bias: the left side/);
  });

  it("counts 'tie (bothbad)' and 'both_bad' rows in both_bad, apart from draws, and scores them as ties", async () => {
    // gpt-4 draws once with claude-1 (tie); vicuna and gpt-4 tie both bad twice (two spellings).
    const rows = ['gpt-4,claude-1,model_a', 'vicuna,gpt-4,tie (bothbad)', 'claude-1,vicuna,model_a', 'gpt-4,claude-1,tie', 'vicuna,claude-1,model_a', 'gpt-4,vicuna,both_bad', 'claude-1,gpt-4,model_a', 'gpt-4,vicuna,model_a'];
    const csv = await runLeaderboard([file('bothbad.csv', `model_a,model_b,winner\n${rows.join('\n')}\n`), '--format', 'csv']);
    const [header, ...lines] = csv.trim().split('\n');
    const column = (name: string): number => header!.split(',').indexOf(name);
    const counts = Object.fromEntries(lines.map((line) => line.split(',')).map((fields) => [fields[1], [fields[column('draws')], fields[column('both_bad')]].map(Number)]));
    expect(counts).toEqual({ 'gpt-4': [1, 2], 'claude-1': [1, 0], vicuna: [0, 2] });
    // JSON Lines alike; scored as ties, as compute_mle_elo does: the scores of the same log with every tie plain.
    const jsonl = rows.map((row) => JSON.stringify(Object.fromEntries(row.split(',').map((value, i) => [['model_a', 'model_b', 'winner'][i], value])))).join('\n');
    const split = JSON.parse(await runLeaderboard([file('bothbad.jsonl', jsonl), '--format', 'json']));
    expect(Object.fromEntries(split.standings.entries.map((entry: { model: string; draws: number; bothBad: number }) => [entry.model, [entry.draws, entry.bothBad]]))).toEqual(counts);
    const plain = JSON.parse(await runLeaderboard([file('plain.jsonl', jsonl.replaceAll(/tie \(bothbad\)|both_bad/g, 'tie')), '--format', 'json']));
    const scores = (standings: { entries: { score: number }[] }): number[] => standings.entries.map((entry) => entry.score);
    expect(scores(split.standings)).toEqual(scores(plain.standings));
    expect(new Set(scores(split.standings)).size).toBe(3);
    const table = await runLeaderboard([file('bothbad-table.csv', `model_a,model_b,winner\n${rows.join('\n')}\n`)]);
    expect(table).toMatch(/wins +losses +draws +both bad/);
    expect(table).toMatch(/vicuna .* 0 +2\n/);
  });

  it('leaves the reader of pairwise-elo rank as it was: tie (bothbad) a plain draw, both_bad refused', async () => {
    const seen: unknown[] = [];
    await readComparisonFile(file('rank-arena.csv', 'model_a,model_b,winner\na,b,tie (bothbad)\n'), (row) => seen.push(row));
    expect(seen).toStrictEqual([{ kind: 'outcome', left: 'a', right: 'b', outcome: 'draw', weight: 1 }]);
    await expect(readComparisonFile(file('rank-both-bad.csv', 'model_a,model_b,winner\na,b,both_bad\n'), () => {})).rejects.toThrow(
      "winner must be 'model_a' (left wins), 'model_b' (right wins), 'tie' or 'tie (bothbad)' (a draw), got \"both_bad\"",
    );
    await expect(runLeaderboard([file('leaderboard-bad.csv', 'model_a,model_b,winner\na,b,bothbad\n')])).rejects.toThrow(
      "leaderboard-bad.csv:2: winner must be 'model_a' (left wins), 'model_b' (right wins), 'tie' (a draw), 'tie (bothbad)' or 'both_bad' (a draw, both bad)",
    );
  });

  it('neutralises model names that a spreadsheet would run as formulas', async () => {
    const csv = await runLeaderboard([file('formula.jsonl', JSONL.replaceAll('vicuna', '=cmd|calc')), '--format', 'csv']);
    expect(csv).toContain(`"'=cmd|calc"`);
  });

  it('names the file and line of a bad row, of bytes that are not UTF-8, of a line too long', async () => {
    await expect(runLeaderboard([file('bad.csv', `${CSV}a,b,model_c,1\n`)])).rejects.toThrow(/bad\.csv:10: winner must be/);
    const latin1 = Buffer.concat([Buffer.from(CSV), Buffer.from([0x63, 0x61, 0x66, 0xe9]), Buffer.from(',b,tie,1\n')]);
    await expect(runLeaderboard([file('latin1.csv', latin1)])).rejects.toThrow(/latin1\.csv:10: .*UTF-8/);
    await expect(runLeaderboard([file('long.csv', `model_a,model_b,winner\n${'x'.repeat(1_100_000)},b,tie\n`)])).rejects.toThrow(/long\.csv:2:/);
    await expect(runLeaderboard([file('counts.csv', 'a,b,a_wins,b_wins\nx,y,3,1\n')])).rejects.toThrow(/counts\.csv:2: a leaderboard needs battles whose sides are known/);
    await expect(runLeaderboard([file('separated.csv', 'model_a,model_b,winner\nx,y,model_a\n')])).rejects.toThrow(InputFileError);
  });

  it('refuses bad flags with a usage error', async () => {
    const path = file('flags.csv', CSV);
    for (const args of [
      [path, '--rounds', '5'],
      [path, '--format', 'xml'],
      [path, '--anchor', 'claude-1'],
      [path, '--anchor', 'claude-1=high'],
      [path, '--seed', '3'],
      [path, '--prior', '-1'],
      [path, '--what'],
      [],
      [path, path],
    ]) {
      await expect(runLeaderboard(args)).rejects.toThrow(UsageError);
    }
    await expect(runLeaderboard([path, '--anchor', 'nobody=1000'])).rejects.toThrow(/cannot score .*--anchor/);
    await expect(runLeaderboard([path, '--rounds', '10', '--resampling', 'multinomial'])).rejects.toThrow(/--resampling/);
  });
});
