// `pairwise-elo rank` benchmark (`npm run bench:rank`). Writes a CSV of 1 000 000
// comparisons over 10 000 datapoints (random pairs, Bradley–Terry outcomes, seeded) to a
// temporary folder, then runs, each in its own process so peak memory is its own:
//   1. the baseline: read the whole file into an array of row objects, as a naive
//      loader would (fs.readFileSync, split, one object per row);
//   2. `pairwise-elo rank FILE --json` (Bradley–Terry; the file is streamed);
//   3. `pairwise-elo rank FILE --scorer elo --json`;
// and prints wall time and peak resident memory of each, and their ratio to the baseline.
// Options: --rows N (default 1 000 000), --datapoints N (default 10 000).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRng } from '../dist/index.js';

const { values } = parseArgs({ options: { rows: { type: 'string' }, datapoints: { type: 'string' } } });
const ROWS = Number(values.rows ?? 1_000_000);
const DATAPOINTS = Number(values.datapoints ?? 10_000);
const folder = mkdtempSync(join(tmpdir(), 'rank-bench-'));
const file = join(folder, 'comparisons.csv');

const rng = createRng('rank bench');
const strength = Float64Array.from({ length: DATAPOINTS }, () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng()));
const lines = ['left,right,outcome'];
for (let k = 0; k < ROWS; k++) {
  const i = Math.floor(rng() * DATAPOINTS);
  let j = Math.floor(rng() * (DATAPOINTS - 1));
  if (j >= i) j++;
  lines.push(`item-${i},item-${j},${rng() < 1 / (1 + Math.exp(strength[j] - strength[i])) ? 'left' : 'right'}`);
}
writeFileSync(file, `${lines.join('\n')}\n`);
lines.length = 0;

const cli = new URL('../dist/cli.js', import.meta.url).pathname;
const reporter = new URL('./reportPeakMemory.mjs', import.meta.url).href;
const naiveLoader = `
  const text = require('node:fs').readFileSync(process.argv[1], 'utf8');
  const rows = text.split('\\n').slice(1).filter(Boolean).map((line) => { const [left, right, outcome] = line.split(','); return { left, right, outcome }; });
  console.log(rows.length);`;

function measure(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', reporter, ...args], { encoding: 'utf8', maxBuffer: 2 ** 30 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`failed: ${args.join(' ')}\n${result.stderr}`);
  const peak = Number(/peak-rss-kb (\d+)/.exec(result.stderr)[1]) / 1024;
  return { seconds, peak };
}

const size = statSync(file).size / 2 ** 20;
console.log(`\n${ROWS} rows over ${DATAPOINTS} datapoints: ${size.toFixed(1)} MiB of CSV`);
const baseline = measure(['-e', naiveLoader, file]);
const runs = [
  ['baseline: read into an array of rows', baseline],
  ['rank (Bradley–Terry, streamed)', measure([cli, 'rank', file, '--json'])],
  ['rank --scorer elo (streamed)', measure([cli, 'rank', file, '--scorer', 'elo', '--json'])],
];
for (const [name, { seconds, peak }] of runs) {
  console.log(`  ${name.padEnd(38)} ${seconds.toFixed(2).padStart(6)} s  peak ${peak.toFixed(0).padStart(5)} MiB  (${(peak / baseline.peak).toFixed(2)}× the baseline's memory)`);
}
