// The README's quick starts run as written: the Node one against the built package (by
// its name, through the exports map), the browser one bundled by esbuild and clicked
// through in headless Chromium, reload included.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { SKIP_BROWSER, launchChromium } from './browser/chromium.js';

const root = new URL('..', import.meta.url).pathname;
const readme = readFileSync(join(root, 'README.md'), 'utf8');
// Inside the package folder, so `import … from 'pairwise-elo'` resolves to the package itself.
const scratch = join(root, 'test-results', 'readme');
mkdirSync(scratch, { recursive: true });

// The first ```js block after a heading.
function codeAfter(heading: string): string {
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README has no heading '${heading}'`);
  const block = /```js\n([\s\S]*?)```/.exec(readme.slice(start));
  if (block === null) throw new Error(`no js block after '${heading}'`);
  return block[1]!;
}

describe("the README's quick start", () => {
  it('runs in Node as written', () => {
    const file = join(scratch, 'node.mjs');
    writeFileSync(file, codeAfter('### In Node'));
    const output = execFileSync(process.execPath, [file], { encoding: 'utf8' });
    // console.table of the entries, best first: the stand-in labeler prefers lower numbers.
    const order = [...output.matchAll(/rabbit-(\d)\.webp/g)].map((match) => match[1]);
    expect(order).toEqual(['1', '2', '3', '4']);
    expect(output).toMatch(/standardError/);
  });

  it.skipIf(SKIP_BROWSER)('runs in the browser as written, and survives a reload', async () => {
    const entry = join(scratch, 'browser.js');
    writeFileSync(entry, codeAfter('### In the browser'));
    const bundle = await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent' });
    const script = bundle.outputFiles[0]!.text;
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      // A made-up origin served from here (localStorage needs a real origin, not about:blank).
      await page.route('http://readme.test/**', (route) =>
        route.request().url().endsWith('/app.js')
          ? route.fulfill({ contentType: 'text/javascript', body: script })
          : route.fulfill({ contentType: 'text/html', body: '<!doctype html><body><script type="module" src="/app.js"></script></body>' }),
      );
      await page.goto('http://readme.test/');
      let answers = 0;
      while ((await page.locator('button').count()) > 0) {
        const [left, right] = await page.locator('button').allTextContents();
        // Prefer the lower-numbered rabbit, as the Node quick start's stand-in does.
        await page.locator('button').nth(left! < right! ? 0 : 1).click();
        answers++;
        if (answers === 7) await page.reload();
      }
      expect(answers).toBeGreaterThanOrEqual(20);
      expect(await page.locator('body').textContent()).toBe('1. rabbit-1.webp  2. rabbit-2.webp  3. rabbit-3.webp  4. rabbit-4.webp');
      const saved = JSON.parse((await page.evaluate(() => (globalThis as unknown as { localStorage: { getItem(key: string): string | null } }).localStorage.getItem('rabbits')))!) as { matchups: unknown };
      expect(saved).toHaveProperty('matchups');
    } finally {
      await browser.close();
    }
  });
});
