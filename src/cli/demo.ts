/**
 * `pairwise-elo demo`: the example ranking job of the README, answered by a simulated
 * labeler through `simulateRankingJob`. Ranks 12 rabbit images with budget 50 and random
 * ratio 0.5, then shows the ranking beside the hidden truth and how close they are.
 * @module
 */
import { createRankingJobDefinition } from '../definition/createRankingJobDefinition.js';
import { simulateRankingJob } from '../simulation/simulateRankingJob.js';
import { parseFlags } from './flags.js';
import { accuracyLines, rankingBesideTruth } from './simulationReport.js';
import { escapeForTerminal } from './terminalText.js';

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
// Runs behind the comparison of the posterior with online Elo.
const COMPARISON_SEEDS = 200;

/** Help text of `pairwise-elo demo`. */
export const DEMO_HELP = `Usage: pairwise-elo demo [--seed N] [--json]

Runs the example ranking job: 12 rabbit images, budget 50, random ratio 0.5,
answered by a simulated labeler that follows Bradley–Terry probabilities of
hidden true scores, ${IN_FLIGHT} matchups in flight at once. Prints the ranking
beside the truth and how close they are.

Options:
  --seed <seed>  seed of the job, the hidden scores and the labeler (default 1)
  --json         print the simulation result as JSON instead of a table
  -h, --help     show this help
`;

/** Runs the demo with command-line arguments; returns the text to print. */
export function runDemo(args: readonly string[]): string {
  const { values } = parseFlags(args, { seed: { type: 'string' }, json: { type: 'boolean' } });
  const seed = values.seed ?? '1';
  const definition = createRankingJobDefinition({
    name: 'Example Ranking Job',
    instruction: 'Which rabbit looks cooler?',
    datapoints: [RABBIT_IMAGES],
    comparisonBudgetPerRanking: 50,
    randomComparisonsRatio: 0.5,
  });
  const options = { seed, inFlight: IN_FLIGHT, trueScoreOptions: { distribution: 'normal', spread: TRUE_SCORE_SPREAD } } as const;
  const simulation = simulateRankingJob(definition, options);
  // The same jobs and answers (same seeds), scored by the online Elo ratings the hosted
  // service shows, over many seeds: one run alone says little about which is better.
  let posteriorTau = 0;
  let eloTau = 0;
  for (let run = 0; run < COMPARISON_SEEDS; run++) {
    const runOptions = { ...options, seed: `${seed}/compare/${run}` };
    posteriorTau += simulateRankingJob(definition, runOptions).rankings[0]!.accuracy.kendallTau / COMPARISON_SEEDS;
    eloTau += simulateRankingJob(definition, { ...runOptions, scorer: 'elo' }).rankings[0]!.accuracy.kendallTau / COMPARISON_SEEDS;
  }
  if (values.json === true) return `${JSON.stringify(simulation, null, 2)}\n`;

  const [ranking] = simulation.rankings;
  const { random, close } = simulation.matchupsByKind;
  return [
    `${definition.name}: "${definition.instruction}"`,
    `12 images under ${IMAGE_PREFIX}, budget ${definition.comparisonBudgetPerRanking}, random ratio ${definition.randomComparisonsRatio}, seed ${escapeForTerminal(seed)}`,
    `Simulated labeler: Bradley–Terry choices from hidden true scores (normal, sd ${TRUE_SCORE_SPREAD} Elo points), ${IN_FLIGHT} matchups in flight.`,
    '',
    rankingBesideTruth(ranking!, (id) => id.slice(IMAGE_PREFIX.length)),
    '',
    `Scores are posterior means ± posterior sd (Elo points, prior centred on ${definition.elo.initialRating}).`,
    `${ranking!.result.comparisons} comparisons: ${random} random, ${close} close.`,
    `Over ${COMPARISON_SEEDS} runs of this job, mean Kendall's tau ${posteriorTau.toFixed(3)} with these posterior scores, ${eloTau.toFixed(3)} with`,
    `online Elo ratings (K ${definition.elo.kFactor}) of the same answers, as the hosted service scores them.`,
    '',
    'Accuracy against the hidden truth:',
    ...accuracyLines(ranking!.accuracy).map((line) => `  ${line}`),
    '',
    "Try 'pairwise-elo simulate --help' and 'pairwise-elo convergence --help' to explore budgets and strategies.",
    '',
  ].join('\n');
}
