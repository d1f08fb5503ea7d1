/**
 * `pairwise-elo convergence`: a sweep over datapoint counts, budgets and strategies,
 * written to a folder as CSV, JSON and an SVG chart.
 * @internal
 * @module
 */
import { CONVERGENCE_TRUST } from '../convergence/normaliseConvergenceConfig.js';
import { runConvergence } from '../convergence/runConvergence.js';
import type { ConvergenceConfig } from '../convergence/convergenceTypes.js';
import { LABELER_PRESETS, type LabelerPresetName } from '../simulation/labelerSpec.js';
import { TRUE_SCORE_DISTRIBUTIONS } from '../simulation/generateTrueScores.js';
import { convergenceTable, prepareOutputFolder, writeConvergenceFiles } from './convergenceOutput.js';
import { CHART_FLAGS_HELP, CHART_FLAG_OPTIONS, chartOptionsFromFlags } from './chartFlags.js';
import { PAIRING_FLAGS, choiceFlag, integerFlag, listFlag, numberFlag, parseFlags, scorerFlag } from './flags.js';
import { progressBar } from './progressBar.js';
import { shardFromEnvironment, type Environment } from './shardFromEnvironment.js';
import { UsageError } from './terminal.js';
import { escapeForTerminal } from './terminalText.js';

// Every cell's results stay in memory and in the files until the sweep ends, and every
// run of this process keeps its metrics (48 bytes) until then too: past these the sweep
// would run out of memory, or outlast anyone waiting for it, however long each list is.
const MAX_CELLS = 100_000;
const MAX_RUNS = 10_000_000;

/** Help text of `pairwise-elo convergence`. */
export const CONVERGENCE_HELP = `Usage: pairwise-elo convergence --out <dir> [options]

Sweeps datapoint counts, budgets and strategies: for every combination (a cell)
it runs --seeds simulated ranking jobs and measures how close each ranking gets
to the hidden truth. Writes <dir>/results.csv, <dir>/results.json and
<dir>/convergence.svg (Kendall's tau, or --metric, against comparisons per
datapoint: one line per strategy with the band where 95% of runs land, in
panels per datapoint count and, when a panel would hold more than 6 lines, per
labeler, scorer, responses or pairing) and prints a table. Results are
identical for any --workers and any --shard split. While it runs, a progress
bar on a terminal shows the runs done and, after a few seconds, the time left.

Options (lists are comma-separated):
  --datapoints <list>     datapoint counts, 2 to 1000000 (default 12)
  --per-datapoint <list>  budgets as comparisons per datapoint (default 1,2,4,8,16,32)
  --budget <list>         absolute budgets instead of --per-datapoint
  --random-ratio <list>   random ratios (adaptive, informationGain and sort pairing), 0 to 1
                          (default 0.5)
  --pairing <list>        adaptive, informationGain, sort, roundRobin (default adaptive)
  --responses <list>      responses per comparison (default 1)
  --labeler <list>        labeler presets (default bradleyTerry):
                            bradleyTerry (or bt), thurstone, noiseless: one careful labeler
                            crowd: 80% careful answers, 20% random clicks
                            randomClicker, leftClicker: spammers who click at random or
                            always left; adversary: picks the worse datapoint
                            namedCrowd: 50 named labelers, 60% careful, 30% random
                            clickers, 10% left-clickers (their ids feed trust)
  --scorer <list>         posterior, bradleyTerry (or bt), elo: score each job by its posterior, a Bradley-Terry
                          fit of its responses, or its Elo ratings (same jobs, so equal
                          budgets; default posterior)
  --trust <list>          none, consensus, validation: score unweighted, weighted by trust
                          from the consensus alone, or with validation matchups drawn from
                          the truth mixed in (same truths; not with --scorer elo); adds the
                          responses each run used to the results (default: no trust
                          dimension)
  --validation-rate <r>   share of matchups that are validation matchups in 'validation'
                          cells, between 0 and 1 (default 0.05)
  --distribution <name>   true scores: normal | uniform | clustered | longTail (default normal)
  --spread <points>       standard deviation of the true scores, Elo points (default 200)
  --in-flight <n>         matchups out with labelers at once (default 1)
  --seeds <n>             simulated jobs per cell, 2 to 1000000 (default 200); a sweep
                          may have at most ${MAX_CELLS} cells and run at most
                          ${MAX_RUNS} jobs per process (split it with --shard)
  --seed <seed>           master seed (default 1)
  --workers <n>           worker processes (default: every core; 1 below 200 000 answers)
  --shard <k/N>           run only shard k of N (1 ≤ k ≤ N): every N-th run of every cell;
                          join the shards with 'pairwise-elo merge'
  --shard auto[/N]        take k (and N) from a batch array's environment: a Kubernetes
                          Indexed Job (JOB_COMPLETION_INDEX; give N = completions), a
                          Slurm job array (SLURM_ARRAY_TASK_ID, _MIN, _COUNT or _MAX) or
                          an AWS Batch array job (AWS_BATCH_JOB_ARRAY_INDEX, and _SIZE or N)
  --out <dir>             folder for the results (required)
  -h, --help              show this help

${CHART_FLAGS_HELP}

Example:
  pairwise-elo convergence --datapoints 12,100 --per-datapoint 1,2,4,8,16,32 --random-ratio 0,0.5,1 --seeds 200 --out results
  pairwise-elo convergence --random-ratio 0,0.25,0.5,0.75,1 --pairing adaptive,roundRobin --labeler bradleyTerry,thurstone,crowd --facet datapoints,labeler --bands off --out results
  pairwise-elo convergence --datapoints 100 --per-datapoint 4,16 --responses 3 --labeler namedCrowd --scorer bt --trust none,consensus,validation --seeds 20 --out trust
  pairwise-elo convergence --datapoints 12,100 --seeds 200 --shard auto/8 --out /results/shard-$JOB_COMPLETION_INDEX
`;

const LABELER_NAMES = Object.keys(LABELER_PRESETS) as LabelerPresetName[];

/**
 * Runs `convergence` with command-line arguments; resolves to the text to print.
 * `env` is where `--shard auto` finds the array index (the process's environment).
 */
export async function runConvergenceCommand(args: readonly string[], env: Environment = process.env): Promise<string> {
  const { values } = parseFlags(args, {
    datapoints: { type: 'string' },
    'per-datapoint': { type: 'string' },
    budget: { type: 'string' },
    'random-ratio': { type: 'string' },
    pairing: { type: 'string' },
    responses: { type: 'string' },
    labeler: { type: 'string' },
    scorer: { type: 'string' },
    trust: { type: 'string' },
    'validation-rate': { type: 'string' },
    distribution: { type: 'string' },
    spread: { type: 'string' },
    'in-flight': { type: 'string' },
    seeds: { type: 'string' },
    seed: { type: 'string' },
    workers: { type: 'string' },
    shard: { type: 'string' },
    out: { type: 'string' },
    ...CHART_FLAG_OPTIONS,
  });
  if (values.out === undefined) throw new UsageError('--out <dir> is required: the folder for results.csv, results.json and convergence.svg');
  // Checked before the sweep, so a misspelt chart flag costs nothing.
  const chart = chartOptionsFromFlags(values);
  if (values['per-datapoint'] !== undefined && values.budget !== undefined) throw new UsageError('give --per-datapoint or --budget, not both');
  const config: ConvergenceConfig = {
    datapoints: listFlag(values.datapoints ?? '12', 'datapoints', (entry) => integerFlag(entry, 'datapoints', 2, 1_000_000)),
    ...(values.budget !== undefined
      ? { budgets: listFlag(values.budget, 'budget', (entry) => integerFlag(entry, 'budget', 1, 2 ** 40)) }
      : { perDatapoint: listFlag(values['per-datapoint'] ?? '1,2,4,8,16,32', 'per-datapoint', (entry) => numberFlag(entry, 'per-datapoint', 0, 1e6, true)) }),
    randomRatios: listFlag(values['random-ratio'] ?? '0.5', 'random-ratio', (entry) => numberFlag(entry, 'random-ratio', 0, 1)),
    pairings: listFlag(values.pairing ?? 'adaptive', 'pairing', (entry) => choiceFlag(entry, 'pairing', PAIRING_FLAGS)),
    responses: listFlag(values.responses ?? '1', 'responses', (entry) => integerFlag(entry, 'responses', 1, 1_000_000)),
    labelers: listFlag(values.labeler ?? 'bradleyTerry', 'labeler', (entry) => choiceFlag(entry, 'labeler', LABELER_NAMES)),
    scorers: listFlag(values.scorer ?? 'posterior', 'scorer', (entry) => scorerFlag(entry, 'scorer')),
    ...(values.trust === undefined ? {} : { trust: listFlag(values.trust, 'trust', (entry) => choiceFlag(entry, 'trust', CONVERGENCE_TRUST)) }),
    ...(values['validation-rate'] === undefined ? {} : { validationRate: validationRateFlag(values['validation-rate'], values.trust) }),
    trueScores: {
      distribution: choiceFlag(values.distribution ?? 'normal', 'distribution', TRUE_SCORE_DISTRIBUTIONS),
      spread: numberFlag(values.spread ?? '200', 'spread', 0, 1e9, true),
    },
    inFlight: integerFlag(values['in-flight'] ?? '1', 'in-flight', 1, 65_536),
    seeds: integerFlag(values.seeds ?? '200', 'seeds', 2, 1_000_000),
    seed: values.seed ?? '1',
    ...(values.workers === undefined ? {} : { workers: integerFlag(values.workers, 'workers', 1, 256) }),
  };
  const shard = values.shard === undefined ? undefined : parseShard(values.shard, env);
  if (shard !== undefined) config.shard = { index: shard.index, count: shard.count };
  checkSweepSize(config);
  prepareOutputFolder(values.out, '--out');
  // The one real clock, handed to the bar; the library below takes clocks, never reads one.
  const bar = progressBar(performance.now.bind(performance));
  let results;
  try {
    results = await runConvergence({ ...config, onProgress: bar.update });
  } finally {
    bar.clear();
  }
  const files = writeConvergenceFiles(values.out, results, chart);
  const runs = results.cells.reduce((sum, cell) => sum + cell.runs, 0);
  const from = shard?.source === undefined ? '' : `, from ${escapeForTerminal(shard.source)}`;
  const part = results.shard === null ? '' : ` (shard ${results.shard.index + 1} of ${results.shard.count}${from}: ${runs} of ${results.totalCells * results.config.seeds} runs)`;
  return [
    `Convergence sweep${part}: ${results.config.seeds} seeds per cell, master seed ${escapeForTerminal(String(results.config.seed))}. tau: Kendall's tau against the truth (mean over runs).`,
    '',
    convergenceTable(results),
    '',
    `Wrote ${files.map(escapeForTerminal).join(', ')}.`,
    '',
  ].join('\n');
}

// Refuses, before any work, a sweep past MAX_CELLS cells or MAX_RUNS runs in this process.
function checkSweepSize(config: ConvergenceConfig): void {
  const budgets = config.budgets?.length ?? config.perDatapoint?.length ?? 1;
  const ratios = config.randomRatios?.length ?? 1;
  // Round-robin pairing has no random ratio: one cell where the others have one per ratio.
  const strategies = (config.pairings ?? ['adaptive']).reduce((sum, pairing) => sum + (pairing === 'roundRobin' ? 1 : ratios), 0);
  const cells =
    config.datapoints.length * budgets * strategies * (config.responses?.length ?? 1) * (config.labelers?.length ?? 1) * (config.scorers?.length ?? 1) * (config.trust?.length ?? 1);
  if (cells > MAX_CELLS) {
    throw new UsageError(`the sweep has up to ${cells} cells (datapoint counts × budgets × strategies × responses × labelers × scorers × trust); at most ${MAX_CELLS} are allowed: shorten the lists, or run several sweeps`);
  }
  const seeds = config.seeds ?? 200;
  const runs = cells * Math.ceil(seeds / (config.shard?.count ?? 1));
  if (runs > MAX_RUNS) {
    throw new UsageError(`the sweep would run ${runs} simulated jobs in this process (${cells} cells × ${seeds} seeds${config.shard === undefined ? '' : ` / ${config.shard.count} shards`}); at most ${MAX_RUNS} are allowed: lower --seeds or split the sweep with --shard k/N`);
  }
}

// --validation-rate: in (0, 1), and only with 'validation' among the --trust values.
function validationRateFlag(text: string, trust: string | undefined): number {
  const rate = numberFlag(text, 'validation-rate', 0, 1, true);
  if (rate >= 1) throw new UsageError(`--validation-rate must be below 1 (the share of matchups that are validation matchups), got '${text}'`);
  if (trust === undefined || !trust.split(',').map((entry) => entry.trim()).includes('validation')) {
    throw new UsageError("--validation-rate applies only with --trust listing 'validation'");
  }
  return rate;
}

// "k/N" with 1 ≤ k ≤ N, or "auto" / "auto/N" (k, and N when not given, from the
// environment), as a 0-based shard; `source` names the variable "auto" read.
function parseShard(text: string, env: Environment): { readonly index: number; readonly count: number; readonly source?: string } {
  const match = /^(auto|\d+)(?:\/(\d+))?$/.exec(text.trim());
  const auto = match?.[1] === 'auto';
  const k = match === null || auto ? Number.NaN : Number(match[1]);
  const n = match?.[2] === undefined ? Number.NaN : Number(match[2]);
  if (auto) {
    if (match[2] !== undefined && (!Number.isSafeInteger(n) || n < 1)) throw new UsageError(`--shard auto/N needs N ≥ 1, the number of shards, got '${text}'`);
    return shardFromEnvironment(env, match[2] === undefined ? undefined : n);
  }
  if (!Number.isSafeInteger(k) || !Number.isSafeInteger(n) || n < 1 || k < 1 || k > n) {
    throw new UsageError(`--shard must be k/N with 1 ≤ k ≤ N (e.g. 2/4), or auto or auto/N, got '${text}'`);
  }
  return { index: k - 1, count: n };
}
