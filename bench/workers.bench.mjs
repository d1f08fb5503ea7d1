// Worker speed-up of convergence sweeps (`npm run bench:workers`; issue 12 item 6).
// Runs one sweep of at least 10 s in a single thread (200 datapoints, 1 to 16 comparisons
// per datapoint, 120 seeds: 5 cells, 744 000 comparisons) with `workers: 1` and
// `workers: 2`, each measurement in a fresh Node process (both start cold, as a CLI run
// does), the two interleaved and their order alternated between repetitions so a busy
// spell of the shared machine falls on both alike. Prints per measurement:
//   wall       the runConvergence call, start to results;
//   CPU        this process and its children, and on Linux apart: the calling thread,
//              each worker (a worker process with its own helper threads, or for builds
//              that used worker threads, a thread started during the sweep) and this
//              process's other threads (V8's compiler and GC helpers, libuv);
//   others     CPU seconds used on the machine by everything else during the sweep
//              (/proc/stat busy time minus ours), and the 1-minute load average;
// then the median speed-up (wall of 1 worker / wall of 2) and checks that every result
// is byte-identical as JSON. Target (issue 12): 2 workers at least 1.6× faster than 1, to
// be judged on an idle machine (others ≈ 0).
// Options:
//   --reps N      repetitions of the pair (default 3)
//   --seeds N     seeds per cell (default 120)
//   --dist PATH   the built package to measure (default ../dist/index.js), e.g. an older build
// Exit status 1 when results differ or the median speed-up misses the target.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values: flags } = parseArgs({
  options: { reps: { type: 'string' }, seeds: { type: 'string' }, dist: { type: 'string' }, child: { type: 'string' }, out: { type: 'string' } },
});
const REPS = Number(flags.reps ?? 3);
const SEEDS = Number(flags.seeds ?? 120);
const DIST = flags.dist === undefined ? new URL('../dist/index.js', import.meta.url).href : pathToFileURL(resolve(flags.dist)).href;
const CONFIG = { datapoints: [200], perDatapoint: [1, 2, 4, 8, 16], seeds: SEEDS, seed: 'workers' };
const TARGET = 1.6;

// CPU seconds of each thread of this process (Linux; null elsewhere), by thread id.
function threadSeconds() {
  try {
    const seconds = new Map();
    for (const tid of readdirSync('/proc/self/task')) {
      try {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        seconds.set(tid, (Number(fields[11]) + Number(fields[12])) / 100);
      } catch {
        // The thread ended between listing and reading.
      }
    }
    return seconds;
  } catch {
    return null;
  }
}

// CPU seconds of each child process of this one (the sweep's worker processes), by pid,
// their helper threads included (Linux; empty elsewhere).
function childSeconds() {
  const seconds = new Map();
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (Number(fields[1]) === process.pid) seconds.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
      } catch {
        // The process ended between listing and reading.
      }
    }
  } catch {
    // No /proc.
  }
  return seconds;
}

// Busy CPU seconds of the whole machine so far (Linux; null elsewhere).
function machineBusySeconds() {
  try {
    const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return (user + nice + system + irq + softirq + steal) / 100;
  } catch {
    return null;
  }
}

const cpuSeconds = (usage) => (usage.user + usage.system) / 1e6;

async function child(workers, out) {
  const { runConvergence } = await import(DIST);
  const before = threadSeconds();
  // Workers exit when the sweep ends, so their CPU is read while they run.
  const latest = new Map(before ?? []);
  const children = new Map();
  const poll = () => {
    for (const [tid, seconds] of threadSeconds() ?? []) latest.set(tid, seconds);
    for (const [pid, seconds] of childSeconds()) children.set(pid, seconds);
  };
  const timer = setInterval(poll, 100);
  const load = loadavg()[0];
  const busy0 = machineBusySeconds();
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  const results = await runConvergence({ ...CONFIG, workers });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  poll();
  const busy1 = machineBusySeconds();
  clearInterval(timer);
  const own = cpuSeconds(process.cpuUsage(cpu0));
  const main = String(process.pid);
  let threads = null;
  if (before !== null) {
    // Worker threads are the threads started during the sweep; worker processes, the children.
    threads = { main: latest.get(main) - before.get(main), workers: [...children.values()], other: 0 };
    for (const [tid, seconds] of latest) {
      if (tid === main) continue;
      if (before.has(tid)) threads.other += seconds - before.get(tid);
      else threads.workers.push(seconds);
    }
  }
  const cpu = own + [...children.values()].reduce((sum, seconds) => sum + seconds, 0);
  writeFileSync(out, JSON.stringify(results));
  console.log(JSON.stringify({ workers, wall, cpu, threads, load, others: busy0 === null ? null : busy1 - busy0 - cpu }));
}

function measure(workers, out) {
  return new Promise((resolvePromise, reject) => {
    const args = [new URL(import.meta.url).pathname, '--child', String(workers), '--out', out, '--seeds', String(SEEDS)];
    if (flags.dist !== undefined) args.push('--dist', flags.dist);
    const process_ = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    process_.stdout.on('data', (chunk) => (text += chunk));
    process_.on('error', reject);
    process_.on('exit', (code) => (code === 0 ? resolvePromise(JSON.parse(text)) : reject(new Error(`measurement exited with code ${code}`))));
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const s = (value) => (value === null || value === undefined ? '   –' : value.toFixed(2).padStart(5));

if (flags.child !== undefined) {
  await child(Number(flags.child), flags.out);
} else {
  const folder = mkdtempSync(join(tmpdir(), 'workers-bench-'));
  const comparisons = CONFIG.perDatapoint.reduce((sum, share) => sum + share * CONFIG.datapoints[0], 0) * SEEDS;
  console.log(`Sweep: ${JSON.stringify(CONFIG)} (${comparisons.toLocaleString('en')} comparisons), ${DIST}`);
  console.log('Each measurement in a fresh process; CPU in seconds; "others" = CPU seconds the rest of the machine used meanwhile.');
  console.log('rep  workers   wall    CPU  calling  workers        other  others  load');
  const walls = { 1: [], 2: [] };
  let reference = null;
  let identical = true;
  for (let rep = 0; rep < REPS; rep++) {
    for (const workers of rep % 2 === 0 ? [1, 2] : [2, 1]) {
      const out = join(folder, `results-${rep}-${workers}.json`);
      const m = await measure(workers, out);
      walls[workers].push(m.wall);
      const json = readFileSync(out, 'utf8');
      reference ??= json;
      identical &&= json === reference;
      const t = m.threads;
      const workerCpu = t === null || t.workers.length === 0 ? '' : t.workers.map((w) => w.toFixed(2)).join(' + ');
      console.log(
        `${String(rep + 1).padStart(3)}  ${String(workers).padStart(7)}  ${s(m.wall)}  ${s(m.cpu)}  ${s(t?.main).padStart(7)}  ${workerCpu.padEnd(13)}  ${s(t?.other)}  ${s(m.others).padStart(6)}  ${m.load.toFixed(2)}`,
      );
    }
  }
  rmSync(folder, { recursive: true, force: true });
  const one = median(walls[1]);
  const two = median(walls[2]);
  const speedUp = one / two;
  console.log(`\nMedian wall: 1 worker ${one.toFixed(2)} s, 2 workers ${two.toFixed(2)} s: speed-up ${speedUp.toFixed(2)}× (target ≥ ${TARGET}× on an idle machine: ${speedUp >= TARGET ? 'met' : 'MISSED'}).`);
  console.log(`Results byte-identical as JSON across all ${2 * REPS} runs: ${identical ? 'yes' : 'NO'}.`);
  if (!identical || speedUp < TARGET) process.exitCode = 1;
}
