// Leaderboards (`npm run bench:leaderboard`, or `nice node bench/leaderboard.bench.mjs`
// after `npm run build`; issue 14). A leaderboard of 50 models × 500 prompts runs to
// 100 000 battles against a simulated labeler (simulateLeaderboard's model: true
// strengths N(0, 200), per-prompt variation N(0, 50), both-bad answers on hard prompts,
// 3% ties). Its battles, as Chatbot Arena rows, are then scored, in this one process:
//   fit        leaderboardFromBattles(rows).standings(): read the 100 000 rows and fit
//              (analytic intervals): the Arena's compute_mle_elo;
//   bootstrap  the same with standings({ intervals: 'bootstrap', rounds: 1000 }): the
//              Arena's get_bootstrap_result;
// and, for reference, the same two on the running leaderboard (battles already held in
// typed arrays, so no rows to read), and bootstrapIntervals over the 100 000 records
// (the library's multinomial bootstrap, which redraws every battle each round).
// CPU time (process.cpuUsage, user + system) of REPS repetitions; the ratio of each
// repetition's bootstrap to its fit is reported as a range. TARGET (issue 14): bootstrap
// ≤ 20 × fit. Standings must be identical, byte for byte, for the same seed (checked
// twice: the battle log generated again from its seed, the bootstrap run again).
// Options: --reps N (default 3), --json. Exit code 1 when the median ratio misses the target.
import { parseArgs } from 'node:util';
import { bootstrapIntervals, createLeaderboard, createRng, leaderboardFromBattles } from '../dist/index.js';

const { values } = parseArgs({ options: { reps: { type: 'string' }, json: { type: 'boolean' } } });
const REPS = Number(values.reps ?? 3);
const MODELS = 50;
const PROMPTS = 500;
const BATTLES = 100_000;
const ROUNDS = 1000;
const TARGET = 20;

const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
function timed(run) {
  const start = cpu();
  const result = run();
  return { ms: cpu() - start, result };
}

// The battle log: a running leaderboard answered by a seeded simulated labeler.
function battleLog(seed) {
  const truth = createRng(`${seed}/truth`);
  const normal = () => Math.sqrt(-2 * Math.log(1 - truth())) * Math.cos(2 * Math.PI * truth());
  const models = Array.from({ length: MODELS }, (_, i) => `model-${i + 1}`);
  const strengths = models.map(() => 200 * normal());
  const difficulty = Array.from({ length: PROMPTS }, () => -400 + 100 * normal());
  const onPrompt = models.map((_, i) => Array.from({ length: PROMPTS }, () => strengths[i] + 50 * normal()));
  const prompts = Array.from({ length: PROMPTS }, (_, p) => ({ id: `prompt-${p + 1}`, tags: [p % 5 === 0 ? 'code' : 'chat'] }));
  const leaderboard = createLeaderboard({ models, prompts, budget: BATTLES, seed });
  const rng = createRng(`${seed}/labeler`);
  const k = Math.LN10 / 400;
  const modelIndex = new Map(models.map((id, i) => [id, i]));
  const promptIndex = new Map(prompts.map((prompt, p) => [prompt.id, p]));
  const { ms } = timed(() => {
    while (!leaderboard.done) {
      for (const matchup of leaderboard.nextMatchups(64)) {
        const p = promptIndex.get(matchup.prompt);
        const left = onPrompt[modelIndex.get(matchup.left)][p];
        const right = onPrompt[modelIndex.get(matchup.right)][p];
        const bad = (s) => rng() < 1 / (1 + Math.exp(-k * (difficulty[p] - s)));
        const badLeft = bad(left);
        const badRight = bad(right);
        const u = rng();
        const outcome = badLeft && badRight ? 'bothBad' : u < 0.03 ? 'draw' : rng() < 1 / (1 + Math.exp(-k * (left - right))) ? 'left' : 'right';
        leaderboard.recordResponse(matchup.id, outcome);
      }
    }
  });
  return { leaderboard, issueMs: ms };
}

const { leaderboard, issueMs } = battleLog(1);
const snapshot = leaderboard.snapshot();
const again = battleLog(1).leaderboard.snapshot();
const sameLog = snapshot.checksum === again.checksum;
const WINNER = ['model_a', 'model_b', 'tie', 'tie (bothbad)'];
const rows = snapshot.battles.left.map((left, i) => ({
  model_a: snapshot.models[left],
  model_b: snapshot.models[snapshot.battles.right[i]],
  winner: WINNER[snapshot.battles.outcome[i]],
  prompt: snapshot.prompts[snapshot.battles.prompt[i]].id,
}));

const reps = [];
let reference = null;
let identical = sameLog;
for (let r = 0; r < REPS; r++) {
  const fit = timed(() => leaderboardFromBattles(rows).standings());
  const bootstrap = timed(() => leaderboardFromBattles(rows).standings({ intervals: 'bootstrap', rounds: ROUNDS, seed: 1 }));
  const heldFit = timed(() => leaderboard.standings());
  const heldBootstrap = timed(() => leaderboard.standings({ intervals: 'bootstrap', rounds: ROUNDS, seed: 1 }));
  const texts = [JSON.stringify(bootstrap.result), JSON.stringify(heldBootstrap.result)];
  reference ??= texts;
  identical &&= texts[0] === reference[0] && texts[1] === reference[1];
  reps.push({ fit: fit.ms, bootstrap: bootstrap.ms, ratio: bootstrap.ms / fit.ms, heldFit: heldFit.ms, heldBootstrap: heldBootstrap.ms });
}
const records = rows.map((row) => ({ left: row.model_a, right: row.model_b, outcome: row.winner === 'model_a' ? 'left' : row.winner === 'model_b' ? 'right' : 'draw' }));
const library = timed(() => bootstrapIntervals(records, { rounds: ROUNDS, seed: 1 }));

const range = (key, digits = 0) => {
  const xs = reps.map((rep) => rep[key]).sort((a, b) => a - b);
  return `${xs[0].toFixed(digits)}–${xs[xs.length - 1].toFixed(digits)}`;
};
const ratios = reps.map((rep) => rep.ratio).sort((a, b) => a - b);
const median = ratios[Math.floor(ratios.length / 2)];
const pass = median <= TARGET && identical;
const report = {
  models: MODELS,
  prompts: PROMPTS,
  battles: BATTLES,
  rounds: ROUNDS,
  reps,
  issueMs,
  libraryMultinomialBootstrapMs: library.ms,
  ratioRange: [ratios[0], ratios[ratios.length - 1]],
  medianRatio: median,
  target: TARGET,
  identicalForSameSeed: identical,
  pass,
};
if (values.json) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  const lines = [
    `Leaderboard: ${MODELS} models × ${PROMPTS} prompts, ${BATTLES} battles, bootstrap ${ROUNDS} rounds (Bayesian), CPU ms over ${REPS} repetitions`,
    '',
    '| measurement | CPU ms |',
    '|---|---:|',
    `| issuing and answering the ${BATTLES} matchups (nextMatchups + recordResponse) | ${issueMs.toFixed(0)} |`,
    `| fit: leaderboardFromBattles(rows).standings() | ${range('fit')} |`,
    `| bootstrap: the same with 1 000 rounds | ${range('bootstrap')} |`,
    `| **bootstrap / fit** (target ≤ ${TARGET}) | **${range('ratio', 1)}** |`,
    `| fit on the running leaderboard (no rows to read) | ${range('heldFit')} |`,
    `| bootstrap on the running leaderboard | ${range('heldBootstrap')} |`,
    `| bootstrapIntervals(records), multinomial, for reference | ${library.ms.toFixed(0)} |`,
    '',
    `Standings identical for the same seed: ${identical ? 'yes' : 'NO'}. ${pass ? 'PASS' : 'FAIL'} (median ratio ${median.toFixed(1)}).`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
process.exitCode = pass ? 0 : 1;
