/**
 * `pairwise-elo demo`: the example ranking job of the README, answered by a simulated
 * labeler. Ranks 12 rabbit images with budget 50 and random ratio 0.5, then shows the
 * ranking beside the hidden truth and Kendall's tau between them.
 * @module
 */
import { parseArgs } from 'node:util';
import { createRankingJob } from '../job/createRankingJob.js';
import { createRankingJobDefinition } from '../definition/createRankingJobDefinition.js';
import { kendallTau } from '../metrics/kendallTau.js';
import { createRng } from '../rng/createRng.js';
import type { Rng } from '../rng/rng.js';
import { bradleyTerryLabeler } from '../simulation/bradleyTerryLabeler.js';
import { UsageError, formatTable } from './terminal.js';

const IMAGE_PREFIX = 'https://assets.rapidata.ai/';
const RABBIT_IMAGES = [
  'f9d92460-a362-493c-af91-bf50046453ae',
  '9bcd8b18-e9ad-4449-84d4-b3d72e200e9c',
  '266f6446-3ca8-4c2d-b070-13558b35a4e0',
  'f787f02c-e5d0-43ca-aa6e-aea747845cf3',
  '7e518a1b-4d1c-4a86-9109-26646684cc02',
  '10af47bd-3502-4534-b917-73dba5feaf76',
  '59725ca0-1fd5-4850-a15c-4221e191e293',
  '65d3939d-c1b8-433c-b180-13dae80f0519',
  'c13b8feb-fb97-4646-8dfc-97f05d37a637',
  '586dc517-c987-4d06-8a6f-553508b86356',
  'f4884ecd-cacb-4387-ab18-3b6e7dcdf10c',
  '79076f76-a432-4ef9-9007-6d09a218417a',
].map((uuid) => `${IMAGE_PREFIX}${uuid}.webp`);

// Hidden true scores: normal around the initial rating, with this standard deviation.
const TRUE_SCORE_SPREAD = 200;
// Matchups out with labelers at once, as on a crowd platform.
const IN_FLIGHT = 4;

/** Help text of `pairwise-elo demo`. */
export const DEMO_HELP = `Usage: pairwise-elo demo [--seed N] [--json]

Runs the example ranking job: 12 rabbit images, budget 50, random ratio 0.5,
answered by a simulated labeler that follows Bradley–Terry probabilities of
hidden true scores. Prints the ranking beside the truth and Kendall's tau.

Options:
  --seed <seed>  seed of the job, the hidden scores and the labeler (default 1)
  --json         print the results as JSON instead of a table
  -h, --help     show this help
`;

/** Runs the demo with command-line arguments; returns the text to print. */
export function runDemo(args: readonly string[]): string {
  const { values } = parseArguments(args);
  const seed = values.seed ?? '1';
  const definition = createRankingJobDefinition({
    name: 'Example Ranking Job',
    instruction: 'Which rabbit looks cooler?',
    datapoints: [RABBIT_IMAGES],
    comparisonBudgetPerRanking: 50,
    randomComparisonsRatio: 0.5,
  });
  const truthRng = createRng(`${seed}/truth`);
  const trueScores = new Map(RABBIT_IMAGES.map((id) => [id, definition.elo.initialRating + TRUE_SCORE_SPREAD * normal(truthRng)]));
  const labeler = bradleyTerryLabeler(trueScores, { scale: definition.elo.scale });
  const labelerRng = createRng(`${seed}/labeler`);
  const job = createRankingJob(definition, { seed: `${seed}/job` });

  const kinds = { random: 0, close: 0, roundRobin: 0 };
  while (!job.done) {
    for (const matchup of job.nextMatchups(IN_FLIGHT)) {
      kinds[matchup.kind]++;
      job.recordResponse(matchup.id, labeler(matchup, labelerRng));
    }
  }

  const [result] = job.results();
  const scores = new Map(result!.entries.map((entry) => [entry.datapoint, entry.score]));
  const tau = kendallTau(scores, trueScores);
  const trueRank = new Map([...trueScores].sort((a, b) => b[1] - a[1]).map(([id], i) => [id, i + 1]));

  if (values.json === true) {
    return `${JSON.stringify({ seed, kendallTau: tau, kinds, result, trueScores: Object.fromEntries(trueScores) }, null, 2)}\n`;
  }
  const rows = result!.entries.map((entry) => [
    String(entry.rank),
    entry.datapoint.slice(IMAGE_PREFIX.length),
    entry.score.toFixed(1),
    String(entry.wins),
    String(entry.losses),
    String(entry.comparisons),
    String(trueRank.get(entry.datapoint)),
  ]);
  return [
    `${definition.name}: "${definition.instruction}"`,
    `12 images under ${IMAGE_PREFIX}, budget ${definition.comparisonBudgetPerRanking}, random ratio ${definition.randomComparisonsRatio}, seed ${seed}`,
    `Simulated labeler: Bradley–Terry choices from hidden true scores (normal, sd ${TRUE_SCORE_SPREAD} Elo points).`,
    '',
    formatTable(['rank', 'datapoint', 'score', 'wins', 'losses', 'comparisons', 'true rank'], rows, [
      'right',
      'left',
      'right',
      'right',
      'right',
      'right',
      'right',
    ]),
    '',
    `Scores are Elo ratings (start ${definition.elo.initialRating}, K ${definition.elo.kFactor}, scale ${definition.elo.scale}).`,
    `${result!.comparisons} comparisons: ${kinds.random} random, ${kinds.close} close.`,
    `Kendall's tau, Elo order against the hidden truth: ${tau.toFixed(3)} (1 = identical order).`,
    '',
  ].join('\n');
}

function parseArguments(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      options: { seed: { type: 'string' }, json: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

// A standard normal draw (Box–Muller); 1 − u keeps the logarithm finite.
function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}
