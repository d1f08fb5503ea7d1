// The Arena's winner words, read alike by leaderboardFromBattles and by the command:
// trimmed, in any case. Before, leaderboardFromBattles matched them exactly, so
// 'TIE (BOTHBAD)' was refused at rows[…].winner while the command (case-insensitive
// reader) took the same file.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chatbotArenaMapping } from '../../src/cli/columnMapping.js';
import { runLeaderboard } from '../../src/cli/leaderboard.js';
import { ARENA_WINNERS } from '../../src/leaderboard/arenaWinner.js';
import { leaderboardFromBattles } from '../../src/leaderboard/leaderboardFromBattles.js';
import { expectInputError } from '../helpers.js';

const ROWS: [string, string, string][] = [
  ['gpt-4', 'claude-1', 'model_a'],
  ['claude-1', 'gpt-4', 'model_a'],
  ['gpt-4', 'vicuna', 'model_b'],
  ['vicuna', 'gpt-4', 'tie (bothbad)'],
  ['vicuna', 'claude-1', 'both_bad'],
  ['claude-1', 'vicuna', 'model_b'],
  ['gpt-4', 'claude-1', 'tie'],
  ['vicuna', 'gpt-4', 'model_a'],
];
const SHOUTED = ['Model_A', ' MODEL_A', 'model_B ', 'TIE (BOTHBAD)', 'Both_Bad', '\tMODEL_B', 'Tie', 'model_a\r'];
const rowsOf = (winners: string[]) => ROWS.map(([model_a, model_b], k) => ({ model_a, model_b, winner: winners[k]! }));

describe("the Arena's winner words", () => {
  it('leaderboardFromBattles reads them trimmed and in any case, as the Arena spells them', () => {
    const plain = leaderboardFromBattles(rowsOf(ROWS.map((row) => row[2])));
    const shouted = leaderboardFromBattles(rowsOf(SHOUTED));
    expect(shouted.standings()).toEqual(plain.standings());
    expect(shouted.snapshot().battles).toEqual(plain.snapshot().battles);
  });

  it('the command and the library agree on the same file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'pairwise-elo-winner-'));
    // JSON Lines keep every character of the words (a CR ends a CSV line).
    const jsonl = join(folder, 'shouted.jsonl');
    writeFileSync(jsonl, `${rowsOf(SHOUTED).map((row) => JSON.stringify(row)).join('\n')}\n`);
    const library = leaderboardFromBattles(rowsOf(SHOUTED)).standings();
    expect(JSON.parse(await runLeaderboard([jsonl, '--format', 'json'])).standings).toEqual(library);
    const csv = join(folder, 'shouted.csv');
    writeFileSync(csv, `model_a,model_b,winner\n${rowsOf(SHOUTED.slice(0, 5).concat(['MODEL_B', 'TIE', 'Model_A'])).map((row) => Object.values(row).join(',')).join('\n')}\n`);
    expect(JSON.parse(await runLeaderboard([csv, '--format', 'json'])).standings).toEqual(library);
  });

  it('still refuses other words, naming the row and the words allowed', () => {
    for (const winner of ['A', 'model_c', 'model a', '', 'tie(bothbad)']) {
      const error = expectInputError(() => leaderboardFromBattles([{ model_a: 'x', model_b: 'y', winner }]), 'rows[0].winner');
      expect(error.message).toMatch(/'model_a', 'model_b', 'tie', 'tie \(bothbad\)', 'both_bad' \(in any case/);
    }
  });

  it('are one list: the words the command reads are the library\'s', () => {
    expect(ARENA_WINNERS).toEqual({ left: ['model_a'], right: ['model_b'], draw: ['tie'], bothBad: ['tie (bothbad)', 'both_bad'] });
    // The very arrays, not copies that could drift apart (the command had literals of its own).
    const { outcomeValues } = chatbotArenaMapping(false, true);
    for (const outcome of ['left', 'right', 'draw', 'bothBad'] as const) expect(outcomeValues[outcome]).toBe(ARENA_WINNERS[outcome]);
  });
});
