// examples/web-labelling in a real browser (Debian's Chromium driven by playwright-core):
// the preview, a whole job answered by clicks and keys from a hidden truth, reloads and a
// closed tab halfway that must lose and double nothing, and a results table and
// downloads that must equal what the built package computes in Node from the same
// answers. Also the static server's refusals and its command line.
//
// Needs Chromium (`apt-get install chromium`, or CHROMIUM_PATH); without it the test
// fails, unless PAIRWISE_ELO_SKIP_BROWSER=1. Writes test-results/web-labelling.png (the
// results) and test-results/web-labelling-answers.json (every answer it gave, in order).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_BROWSER, launchChromium } from './chromium.js';
import { CONFIDENCE, DEFAULT_SEED, JOB_INPUT, RABBITS, storageKey } from '../../examples/web-labelling/src/config.js';
import { convergenceCsv, runConvergence, type JobComparison } from '../../src/index.js';

type Library = typeof import('../../src/index.js');
type Outcome = 'left' | 'right' | 'draw';
interface Server {
  readonly url: string;
  close(): Promise<void>;
}

const root = new URL('../..', import.meta.url).pathname;
const example = join(root, 'examples/web-labelling');
const resultsDirectory = join(root, 'test-results');
const BUDGET = JOB_INPUT.comparisonBudgetPerRanking;
const FORMULA_LABELER = '=HYPERLINK("http://evil.example","click")';
const KEY = storageKey(DEFAULT_SEED);

// The hidden truth: a rabbit later in the list is cooler, except for every 7th answer
// (an upset, so the fit is not all-or-nothing) and every 6th (a draw).
const truthRank = new Map(RABBITS.map((rabbit, index) => [rabbit.id, index]));
function truth(answerIndex: number, left: string, right: string): Outcome {
  if (answerIndex % 6 === 5) return 'draw';
  const leftBetter = truthRank.get(left)! > truthRank.get(right)!;
  const upset = answerIndex % 7 === 3;
  return leftBetter !== upset ? 'left' : 'right';
}
const KEYS: Readonly<Record<Outcome, readonly [string, string]>> = {
  left: ['ArrowLeft', '1'],
  right: ['ArrowRight', '2'],
  draw: ['ArrowDown', '0'],
};
const BUTTONS: Readonly<Record<Outcome, RegExp>> = {
  left: /^Choose the left rabbit/,
  right: /^Choose the right rabbit/,
  draw: /^Equally cool/,
};

interface Answer {
  readonly order: number;
  readonly matchupId: string;
  readonly left: string;
  readonly right: string;
  readonly outcome: Outcome;
  readonly via: string;
}

let server: Server;
let browser: Browser;
let context: BrowserContext;
let library: Library;
const pageErrors: string[] = [];

async function importFile<T>(path: string): Promise<T> {
  return (await import(pathToFileURL(path).href)) as T;
}

async function openPage(url: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
  });
  await page.goto(url);
  await page.locator('#app[aria-busy="false"]').waitFor({ state: 'attached' });
  return page;
}

interface AppData {
  readonly state: string;
  readonly matchupId: string;
  readonly left: string;
  readonly right: string;
  readonly completed: number;
}

// What the page shows, from the data attributes of #app (one round trip).
function appData(page: Page): Promise<AppData> {
  return page.evaluate(`(() => {
    const data = document.getElementById('app').dataset;
    return { state: data.state, matchupId: data.matchupId, left: data.leftId, right: data.rightId, completed: Number(data.completed) };
  })()`) as Promise<AppData>;
}

function storedEntry(page: Page): Promise<string | null> {
  return page.evaluate(`localStorage.getItem(${JSON.stringify(KEY)})`) as Promise<string | null>;
}

function hook<T>(page: Page, call: string): Promise<T> {
  return page.evaluate(`window.__labelling.${call}`) as Promise<T>;
}

// The answers as the job in the page holds them, in the shape the test logs them.
async function answersInPage(page: Page) {
  const answers = await hook<{ matchupId: string; left: string; right: string; outcome: Outcome; labelerId: string }[]>(page, 'answers()');
  return answers.map(({ matchupId, left, right, outcome, labelerId }) => ({ matchupId, left, right, outcome, labelerId }));
}

function expectedAnswers(log: readonly Answer[], labelerId: string) {
  return log.map(({ matchupId, left, right, outcome }) => ({ matchupId, left, right, outcome, labelerId }));
}

// Answers the matchup on screen from the truth, by a click or by one of its two keys.
async function answer(page: Page, shown: AppData, log: Answer[]): Promise<void> {
  expect(shown.state).toBe('labelling');
  expect(shown.completed).toBe(log.length);
  const order = log.length;
  const outcome = truth(order, shown.left, shown.right);
  let via: string;
  if (order % 2 === 0) {
    via = 'click';
    await page.getByRole('button', { name: BUTTONS[outcome] }).click();
  } else {
    via = KEYS[outcome][(order >> 1) % 2]!;
    await page.keyboard.press(via);
  }
  log.push({ order: order + 1, matchupId: shown.matchupId, left: shown.left, right: shown.right, outcome, via });
  await page.locator(`#app[data-completed="${order + 1}"]`).waitFor({ state: 'attached' });
}

// After a reload: the same matchup on screen (still pending, not a new one), the count and
// every answer exactly as before, one matchup pending and no budget lost.
async function expectSurvived(page: Page, before: AppData, log: readonly Answer[], labelerId: string) {
  expect(await appData(page)).toEqual(before);
  expect(await page.locator('#progress').getAttribute('value')).toBe(String(log.length));
  expect(await answersInPage(page)).toEqual(expectedAnswers(log, labelerId));
  const progress = await hook<{ completed: number; pending: number; available: number }>(page, 'progress()');
  expect(progress).toMatchObject({ completed: log.length, pending: 1, available: BUDGET - log.length - 1 });
}

function parseCsv(text: string): string[][] {
  // The page quotes fields with commas or quotes; the ids here have neither.
  return text
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));
}

describe.skipIf(SKIP_BROWSER)('examples/web-labelling in Chromium', () => {
  beforeAll(async () => {
    const distEntry = join(root, 'dist/index.js');
    if (!existsSync(distEntry)) throw new Error(`${distEntry} is missing: run \`npm run build\` (npm test does it)`);
    library = await importFile<Library>(distEntry);
    const { startServer } = await importFile<{ startServer(options: { port: number }): Promise<Server> }>(join(example, 'serve.mjs'));
    server = await startServer({ port: 0 });
    browser = await launchChromium();
    // A new context is a fresh profile (its own temporary user-data directory): empty localStorage.
    context = await browser.newContext({ viewport: { width: 1000, height: 800 }, acceptDownloads: true });
    mkdirSync(resultsDirectory, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('labels the whole job through the page, survives reloads, and reports what the library computes', async () => {
    // 1. The preview: what a labeler will see, marked as such; nothing counts before Start.
    let page = await openPage(server.url);
    expect(await appData(page)).toMatchObject({ state: 'preview', matchupId: '', left: RABBITS[0]!.id, right: RABBITS[1]!.id, completed: 0 });
    await expect(page.locator('#instruction').textContent()).resolves.toBe('Which rabbit looks cooler?');
    await expect(page.locator('#preview-banner').textContent()).resolves.toMatch(/Preview.*not recorded/s);
    for (const [side, rabbit] of [['left', RABBITS[0]!], ['right', RABBITS[1]!]] as const) {
      const image = page.locator(`#${side}-image`);
      expect(await image.isVisible()).toBe(true);
      expect(await image.getAttribute('alt')).toContain(rabbit.id);
      expect(await image.getAttribute('src')).toBe(rabbit.image);
      await page.waitForFunction(`document.getElementById('${side}-image').naturalWidth > 0`); // the image loaded
    }
    expect(await page.getByRole('button', { name: 'Start labelling' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: BUTTONS.draw }).isVisible()).toBe(true);
    expect(await page.locator('#progress-block').isVisible()).toBe(false);
    // Answering the preview records nothing, by click or key, and a reload stays in the preview.
    await page.getByRole('button', { name: BUTTONS.left }).click();
    await page.keyboard.press('2');
    await expect(page.locator('#preview-note').textContent()).resolves.toMatch(/Nothing was recorded/);
    expect(await appData(page)).toMatchObject({ state: 'preview', completed: 0 });
    expect(await storedEntry(page)).toBeNull();
    expect(await hook(page, 'progress()')).toBeNull();
    await page.reload();
    expect((await appData(page)).state).toBe('preview');
    await page.getByRole('button', { name: 'Start labelling' }).click();
    await page.locator('#app[data-state="labelling"]').waitFor({ state: 'attached' });
    const labelerId = await hook<string>(page, 'labelerId()');
    expect(labelerId).toMatch(/^labeler-[0-9a-f]{8}$/);
    expect(await storedEntry(page)).not.toBeNull();

    // 2 and 3. The whole job from the truth, alternating clicks and keys; halfway, reload
    // twice without answering, and later close the tab and open the page again.
    const log: Answer[] = [];
    const reloads: number[] = [];
    while (log.length < BUDGET) {
      const onScreen = await appData(page);
      expect(onScreen.matchupId).toBe(`m${log.length + 1}`); // every issued matchup answered, none leaked
      if (log.length === 25) {
        for (let again = 0; again < 2; again++) {
          await page.reload();
          await expectSurvived(page, onScreen, log, labelerId);
        }
        reloads.push(log.length);
      } else if (log.length === 40) {
        await page.close();
        page = await openPage(server.url);
        await expectSurvived(page, onScreen, log, labelerId);
        reloads.push(log.length);
      }
      await answer(page, onScreen, log);
    }
    await page.locator('#app[data-state="done"]').waitFor({ state: 'attached' });
    expect(await appData(page)).toMatchObject({ state: 'done', completed: BUDGET, matchupId: '' });
    expect(await answersInPage(page)).toEqual(expectedAnswers(log, labelerId));
    expect(reloads).toEqual([25, 40]);
    // Both ways of answering, and every key, were used.
    expect(new Set(log.map((entry) => entry.via))).toEqual(new Set(['click', 'ArrowLeft', '1', 'ArrowRight', '2', 'ArrowDown', '0']));
    writeFileSync(join(resultsDirectory, 'web-labelling-answers.json'), `${JSON.stringify({ seed: DEFAULT_SEED, labelerId, reloads, answers: log }, null, 1)}\n`);

    // 4. The same answers through the built package in Node: the same matchups, in order…
    const definition = library.createRankingJobDefinition(JOB_INPUT);
    const job = library.createRankingJob(definition, { seed: DEFAULT_SEED });
    for (const entry of log) {
      const [matchup] = job.nextMatchups(1);
      expect({ id: matchup!.id, left: matchup!.left, right: matchup!.right }).toEqual({ id: entry.matchupId, left: entry.left, right: entry.right });
      expect(job.recordResponse(matchup!.id, entry.outcome, { responseId: labelerId, labelerId })).toBe(true);
    }
    expect(job.done).toBe(true);
    const [expected] = job.results({ scorer: 'bradleyTerry', intervals: true, confidence: CONFIDENCE });
    const round = (value: number | undefined) => value!.toFixed(0);

    // … and the page's table says what the library says, to the printed precision.
    const rows = page.locator('#results-table tbody tr');
    expect(await rows.count()).toBe(RABBITS.length);
    const table = [];
    for (let i = 0; i < RABBITS.length; i++) {
      const row = rows.nth(i);
      const cells = await row.locator('td').allTextContents();
      const thumb = row.locator('img');
      table.push({
        datapoint: await row.getAttribute('data-datapoint'),
        rank: cells[0],
        alt: await thumb.getAttribute('alt'),
        src: await thumb.getAttribute('src'),
        name: cells[2],
        score: cells[3],
        interval: cells[4],
        rankRange: cells[5],
        record: cells[6],
      });
    }
    const rabbitById = new Map(RABBITS.map((rabbit) => [rabbit.id, rabbit]));
    expect(table).toEqual(
      expected!.entries.map((entry) => ({
        datapoint: entry.datapoint,
        rank: String(entry.rank),
        alt: `Rabbit ${entry.datapoint}`,
        src: rabbitById.get(entry.datapoint)!.image,
        name: rabbitById.get(entry.datapoint)!.name,
        score: round(entry.score),
        interval: `${round(entry.lower)} to ${round(entry.upper)}`,
        rankRange: entry.bestRank === entry.worstRank ? `${entry.bestRank}` : `${entry.bestRank}–${entry.worstRank}`,
        record: `${entry.wins}–${entry.draws}–${entry.losses}`,
      })),
    );

    // The CSV download: one row per response, exactly the answers given.
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /comparisons \(CSV\)/ }).click()]);
    expect(csvDownload.suggestedFilename()).toBe('comparisons.csv');
    const csv = parseCsv(readFileSync((await csvDownload.path())!, 'utf8'));
    expect(csv[0]).toEqual(['matchup_id', 'ranking', 'left', 'right', 'outcome', 'labeler']);
    expect(csv.slice(1)).toEqual(log.map((entry) => [entry.matchupId, '0', entry.left, entry.right, entry.outcome, labelerId]));
    // The CSV alone reproduces the table: fitBradleyTerry on its rows, with analytic intervals.
    const fit = library.fitBradleyTerry(csv.slice(1).map(([, , left, right, outcome]) => ({ left: left!, right: right!, outcome: outcome as Outcome })));
    const intervals = new Map(library.analyticIntervals(fit, { confidence: CONFIDENCE }).entries.map((entry) => [entry.datapoint, entry]));
    for (const entry of expected!.entries) {
      const fromCsv = intervals.get(entry.datapoint)!;
      expect(fromCsv.score).toBeCloseTo(entry.score, 6);
      expect(fromCsv.lower).toBeCloseTo(entry.lower!, 6);
      expect(fromCsv.upper).toBeCloseTo(entry.upper!, 6);
    }

    // The JSON download: the library's numbers in full, with what they mean.
    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /results \(JSON\)/ }).click()]);
    expect(jsonDownload.suggestedFilename()).toBe('results.json');
    const document = JSON.parse(readFileSync((await jsonDownload.path())!, 'utf8'));
    expect(document).toMatchObject({
      job: { name: 'Example Ranking Job', instruction: 'Which rabbit looks cooler?', seed: DEFAULT_SEED, budget: BUDGET, labelerId },
      library: library.LIBRARY_VERSION,
      scorer: 'bradleyTerry',
      scale: { center: 1200, scale: 400 },
      confidence: CONFIDENCE,
      comparisons: BUDGET,
      fit: expected!.fit,
    });
    // Equal up to the last bits: Chromium's V8 and Node's may round Math.exp and Math.log
    // differently (the matchups, which use no transcendental functions, matched exactly).
    expect(document.entries).toHaveLength(expected!.entries.length);
    expected!.entries.forEach((entry, i) => {
      const saved = document.entries[i];
      expect({ ...saved, score: 0, standardError: 0, lower: 0, upper: 0 }).toEqual({
        rank: entry.rank,
        datapoint: entry.datapoint,
        image: rabbitById.get(entry.datapoint)!.image,
        score: 0,
        standardError: 0,
        lower: 0,
        upper: 0,
        bestRank: entry.bestRank,
        worstRank: entry.worstRank,
        wins: entry.wins,
        draws: entry.draws,
        losses: entry.losses,
        comparisons: entry.comparisons,
      });
      for (const field of ['score', 'standardError', 'lower', 'upper'] as const) {
        expect(Math.abs(saved[field] - entry[field]!), `${entry.datapoint} ${field}`).toBeLessThan(1e-9 * Math.abs(entry[field]!));
      }
    });

    // 5. The results as a labeler sees them.
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(resultsDirectory, 'web-labelling.png'), fullPage: true });

    // The results survive a reload too; Start over empties the storage and shows the preview.
    await page.reload();
    expect(await appData(page)).toMatchObject({ state: 'done', completed: BUDGET });
    await page.getByRole('button', { name: 'Start over…' }).click();
    await page.getByRole('button', { name: 'Discard and start over' }).click();
    expect(await appData(page)).toMatchObject({ state: 'preview', completed: 0 });
    expect(await storedEntry(page)).toBeNull();
    await page.reload();
    expect((await appData(page)).state).toBe('preview');

    // Another seed is another job, stored apart.
    const other = await openPage(`${server.url}?seed=other`);
    await other.getByRole('button', { name: 'Start labelling' }).click();
    await other.keyboard.press('1');
    await other.locator('#app[data-completed="1"]').waitFor({ state: 'attached' });
    expect(await other.evaluate(`localStorage.getItem(${JSON.stringify(storageKey('other'))}) !== null`)).toBe(true);
    expect(await storedEntry(other)).toBeNull();
    // A second tab on the same job shows the same pending matchup, and each tab follows
    // the other's answers instead of overwriting them.
    const twin = await openPage(`${server.url}?seed=other`);
    expect(await appData(twin)).toEqual(await appData(other));
    await other.keyboard.press('2');
    await twin.locator('#app[data-completed="2"]').waitFor({ state: 'attached' });
    expect(await appData(twin)).toEqual(await appData(other));
    await twin.getByRole('button', { name: BUTTONS.draw }).click();
    await other.locator('#app[data-completed="3"]').waitFor({ state: 'attached' });
    expect(await appData(other)).toEqual(await appData(twin));
    const outcomes = (await answersInPage(other)).map((entry) => [entry.matchupId, entry.outcome]);
    expect(outcomes).toEqual([['m1', 'left'], ['m2', 'right'], ['m3', 'draw']]);
    expect(await answersInPage(twin)).toEqual(await answersInPage(other));
    await twin.close();
    await other.close();
    await page.close();

    expect(pageErrors).toEqual([]);
  });

  it('neutralises a formula-like labeler id in the CSV download (regression: written as a formula)', async () => {
    // A job labelled elsewhere by a labeler whose id is a spreadsheet formula, stored as
    // the page stores its own, then opened: the download must show the id as text.
    const seed = 'formula';
    const definition = library.createRankingJobDefinition(JOB_INPUT);
    const job = library.createRankingJob(definition, { seed });
    let k = 0;
    while (!job.done) {
      for (const matchup of job.nextMatchups(1)) job.recordResponse(matchup.id, truth(k++, matchup.left, matchup.right), { responseId: FORMULA_LABELER, labelerId: FORMULA_LABELER });
    }
    const page = await openPage(`${server.url}?seed=${seed}`);
    // The entry as src/storage.ts writes it (not imported: it needs the DOM's types).
    const entry = { format: 'pairwise-elo/web-labelling', version: 1, seed, labelerId: FORMULA_LABELER, snapshot: job.snapshot() };
    await page.evaluate(`localStorage.setItem(${JSON.stringify(storageKey(seed))}, ${JSON.stringify(JSON.stringify(entry))})`);
    await page.reload();
    await page.locator('#app[data-state="done"]').waitFor({ state: 'attached' });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /comparisons \(CSV\)/ }).click()]);
    const lines = readFileSync((await download.path())!, 'utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(BUDGET + 1);
    for (const line of lines.slice(1)) expect(line.endsWith(`,"'=HYPERLINK(""http://evil.example"",""click"")"`)).toBe(true);
    expect(lines.join('\n')).not.toMatch(/(^|,)=/m);
    await page.evaluate(`localStorage.removeItem(${JSON.stringify(storageKey(seed))})`);
    await page.close();
    expect(pageErrors).toEqual([]);
  });

  it('serves only the example folder, with content types and 404s', async () => {
    const get = async (path: string) => {
      const response = await fetch(`${server.url}${path}`);
      return { status: response.status, type: response.headers.get('content-type') };
    };
    expect(await get('')).toEqual({ status: 200, type: 'text/html; charset=utf-8' });
    expect(await get('dist/main.js')).toEqual({ status: 200, type: 'text/javascript; charset=utf-8' });
    expect(await get('style.css')).toEqual({ status: 200, type: 'text/css; charset=utf-8' });
    expect(await get('images/rabbit-12.svg')).toEqual({ status: 200, type: 'image/svg+xml' });
    expect(await get('dist/main.js.map')).toMatchObject({ status: 200, type: 'application/json; charset=utf-8' });
    expect((await get('images/rabbit-13.svg')).status).toBe(404);
    expect((await get('images/')).status).toBe(404);
    // fetch normalises a literal "..", so ask for the escaped forms a client can send.
    for (const path of ['..%2fpackage.json', '%2e%2e%2f%2e%2e%2fpackage.json', 'images/..%2f..%2f..%2fpackage.json', '..%5cpackage.json']) {
      expect([400, 403]).toContain((await get(path)).status);
    }
    expect((await get('%E0%A4%A')).status).toBe(400);
    expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);
  });

  it('prints the URL it serves on from the command line (--port 0)', async () => {
    const child = spawn(process.execPath, [join(example, 'serve.mjs'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout.on('data', (chunk) => {
          output += chunk;
          const match = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
          if (match !== null) resolve(match[0]);
        });
        child.on('exit', (code) => reject(new Error(`serve.mjs exited (${code}) before printing a URL: ${output}`)));
      });
      expect(url).not.toBe('http://127.0.0.1:0/');
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<script type="module" src="dist/main.js">');
    } finally {
      child.kill('SIGTERM');
    }
  });
});

// Keeps the example's ids in step with the CLI demo's: the same 12 images.
describe('examples/web-labelling config', () => {
  it('ranks the demo job: the ids of src/cli/demo.ts, in its order', () => {
    const demo = readFileSync(join(root, 'src/cli/demo.ts'), 'utf8');
    const uuids = [...demo.matchAll(/'([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})'/g)].map((match) => match[1]);
    expect(uuids).toHaveLength(12);
    expect(RABBITS.map((rabbit) => rabbit.id)).toEqual(uuids.map((uuid) => `https://assets.rapidata.ai/${uuid}.webp`));
    expect(JOB_INPUT).toMatchObject({ name: 'Example Ranking Job', instruction: 'Which rabbit looks cooler?', comparisonBudgetPerRanking: 50, randomComparisonsRatio: 0.5 });
    for (const rabbit of RABBITS) expect(existsSync(join(example, rabbit.image))).toBe(true);
  });
});

// The page's CSV writes text a spreadsheet would run as a formula as the library's CSV
// does; runs without a browser. Before, comparisons.csv wrote such ids as they were.
describe('examples/web-labelling comparisons.csv', () => {
  // Loaded at run time: its types come from the built package, which the typecheck (run
  // before the build) cannot see.
  let comparisonsCsv: (comparisons: readonly JobComparison[]) => string;
  beforeAll(async () => {
    ({ comparisonsCsv } = await importFile<{ comparisonsCsv: typeof comparisonsCsv }>(join(example, 'src/downloads.ts')));
  });

  // OWASP's formula starts (= + - @, tab, carriage return), quotes and commas, plain text.
  const NAMES = ['=HYPERLINK("http://evil.example","click")', '@SUM(1+1)', '+cmd|/c calc', '-2+3', '\tTAB', '\rCR', 'plain, with a comma', 'say "hi"', 'careful'];

  function comparison(labelerId: string, left = 'a', right = 'b'): JobComparison {
    return { matchupId: 'm1', ranking: 0, left, right, outcome: 'left', labelerId };
  }

  // A line's fields as written (quotes kept), for lines without a line break inside a field.
  function rawFields(line: string): string[] {
    return [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((match) => match[1]!).slice(0, -1);
  }

  it("writes every labeler id as convergenceCsv writes the same text as a labeler's name (regression: =HYPERLINK(…) as a formula)", async () => {
    const results = await runConvergence({ datapoints: [4], perDatapoint: [0.5], labelers: NAMES.map((name) => ({ model: 'bt', name })), scorers: ['elo'], seeds: 2, seed: 'csv', workers: 1 });
    const library = convergenceCsv(results).trimEnd().split('\n').slice(1).map((line) => rawFields(line)[7]!);
    expect(library).toHaveLength(NAMES.length);
    NAMES.forEach((name, i) => {
      const line = comparisonsCsv([comparison(name)]).split('\r\n')[1]!;
      expect(line).toBe(`m1,0,a,b,left,${library[i]}`);
    });
    expect(library.slice(0, 6).every((field) => field.startsWith(`"'`))).toBe(true);
  });

  it('neutralises formula-like datapoint ids too, and leaves numbers as numbers', () => {
    const csv = comparisonsCsv([comparison('w', '=1+1', '-5'), { ...comparison('w'), ranking: 12 }]);
    expect(csv).toBe(`matchup_id,ranking,left,right,outcome,labeler\r\nm1,0,"'=1+1","'-5",left,w\r\nm1,12,a,b,left,w\r\n`);
  });
});
