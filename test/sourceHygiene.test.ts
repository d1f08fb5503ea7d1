// Randomness and clocks are injected: nothing in src may reach for global ones.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const srcDir = new URL('../src', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

// A call of `name`: the name followed by an opening parenthesis (mentions in prose do not count).
function callPattern(name: string): RegExp {
  return new RegExp(`${name.replaceAll('.', '\\.')}\\s*\\(`);
}

describe('src/', () => {
  const files = sourceFiles(srcDir);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(['Math.random', 'Date.now', 'new Date', 'performance.now', 'crypto.getRandomValues', 'process.hrtime'])(
    'never calls %s',
    (call) => {
      const pattern = callPattern(call);
      const offenders = files.filter((file) => pattern.test(readFileSync(file, 'utf8')));
      expect(offenders).toEqual([]);
    },
  );

  it('the check itself finds a call when there is one', () => {
    expect(callPattern('Math.random').test('const u = Math.random ();')).toBe(true);
    expect(callPattern('Math.random').test('// like Math.random, but injected')).toBe(false);
    expect(callPattern('Math.random').test('Mathxrandom()')).toBe(false);
  });

  it('has no default exports (everything is exported by name)', () => {
    const offenders = files.filter((file) => /export default/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
