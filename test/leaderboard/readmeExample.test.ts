// The README's leaderboard example runs as written, against the built package by its name.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const readme = readFileSync(join(root, 'README.md'), 'utf8');

it("the README's leaderboard example runs and ranks the stand-in labeler's order", () => {
  const start = readme.indexOf('\n## Leaderboards (model arenas)\n');
  expect(start).toBeGreaterThan(0);
  const block = /```js\n([\s\S]*?)```/.exec(readme.slice(start))![1]!;
  const scratch = join(root, 'test-results', 'readme');
  mkdirSync(scratch, { recursive: true });
  const file = join(scratch, 'leaderboard.mjs');
  writeFileSync(file, block);
  const output = execFileSync(process.execPath, [file], { encoding: 'utf8' });
  const order = [...output.matchAll(/'(gpt-4|claude-2|llama-70b|mistral-7b)'/g)].slice(0, 4).map((match) => match[1]);
  expect(order).toEqual(['gpt-4', 'claude-2', 'llama-70b', 'mistral-7b']);
  expect(output).toMatch(/leftWinRate/);
  expect(output.trim().split('\n').at(-1)).toBe('gpt-4');
});
