// Runs `npm run build` when dist/ is missing or older than any input it is built from,
// so `npm start`, `npm test` and `npm run bench` always see the current sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const outputs = [
  'dist/index.js',
  'dist/index.cjs',
  'dist/index.d.ts',
  'dist/index.d.cts',
  'dist/cli.js',
  'dist/convergenceWorker.js',
  'dist/sweepPlatform.node.js',
  'dist/sweepPlatform.node.cjs',
  'dist/sweepPlatform.browser.js',
  'dist/sweepPlatform.browser.cjs',
];
const inputs = ['package.json', 'tsconfig.json', 'tsup.config.ts'];

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

const missing = outputs.some((file) => !existsSync(file));
const builtAt = missing ? 0 : Math.min(...outputs.map((file) => statSync(file).mtimeMs));
const changedAt = Math.max(newestMtime('src'), ...inputs.map(newestMtime));

if (missing || changedAt > builtAt) {
  const result = spawnSync('npm', ['run', 'build', '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) {
    console.error('build failed; run `npm run build` to see why');
    process.exit(result.status ?? 1);
  }
}
