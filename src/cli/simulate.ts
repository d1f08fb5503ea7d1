/**
 * `pairwise-elo simulate`: one simulated ranking job, shown beside the hidden truth.
 * @internal
 * @module
 */
import { createRankingJobDefinition } from '../definition/createRankingJobDefinition.js';
import type { Pairing, RankingJobDefinition } from '../definition/types.js';
import type { MatchupKind, Scorer } from '../job/types.js';
import { LABELER_PRESETS, type LabelerPresetName } from '../simulation/labelerSpec.js';
import { TRUE_SCORE_DISTRIBUTIONS } from '../simulation/generateTrueScores.js';
import { simulateRankingJob } from '../simulation/simulateRankingJob.js';
import { PAIRING_FLAGS, choiceFlag, integerFlag, numberFlag, parseFlags, scorerFlag } from './flags.js';
import { readDatapointIds } from './readDatapointIds.js';
import { accuracyLines, rankingBesideTruth } from './simulationReport.js';
import { UsageError } from './terminal.js';
import { escapeForTerminal } from './terminalText.js';

/** Help text of `pairwise-elo simulate`. */
export const SIMULATE_HELP = `Usage: pairwise-elo simulate [options]

Runs one ranking job answered by a simulated labeler that knows hidden true
scores, then prints the ranking beside the truth and how close they are.

Options:
  --datapoints <n>       rank n datapoints named datapoint-1 … datapoint-n, 2 to
                           1000000 (default 12)
  --datapoint-ids <file> rank the ids in a text file, one per line (instead of
                           --datapoints): UTF-8, lines of at most 1 MiB, at most
                           1000000 ids
  --budget <n>           comparisons (matchups) in the ranking (default 50)
  --random-ratio <r>     share of random matchups, 0 to 1 (default 0.5 for adaptive,
                           0.1 for informationGain and sort)
  --responses <n>        responses per comparison (default 1)
  --pairing <mode>       adaptive | informationGain | sort | roundRobin (default adaptive)
  --scorer <name>        posterior | bradleyTerry (or bt) | elo: how the finished job
                           is scored (default posterior)
  --labeler <name>       bradleyTerry (or bt) | thurstone | noiseless | crowd
                           (default bradleyTerry)
                           bradleyTerry: Bradley-Terry choices on the Elo scale
                           thurstone: Thurstone case V (normal noise)
                           noiseless: the better datapoint always wins
                           crowd: 80% careful bradleyTerry labelers, 20% random clickers
  --in-flight <n>        matchups out with labelers at once (default 1)
  --distribution <name>  true scores: normal | uniform | clustered | longTail (default normal)
  --spread <points>      standard deviation of the true scores, Elo points (default 200)
  --seed <seed>          seed of the truth, the job and the labeler (default 1)
  --json                 print the simulation result as JSON
  -h, --help             show this help
`;

const LABELER_NAMES = Object.keys(LABELER_PRESETS) as LabelerPresetName[];
// The most datapoints one simulated ranking takes, by count or from a file.
const MAX_DATAPOINTS = 1_000_000;

const PAIRING_NAMES: Readonly<Record<Pairing, string>> = {
  adaptive: 'adaptive',
  informationGain: 'information-gain',
  sort: 'sort',
  roundRobin: 'round-robin',
};
const KIND_NAMES: Readonly<Record<MatchupKind, string>> = {
  random: 'random',
  close: 'close',
  informationGain: 'information-gain',
  sort: 'sort',
  roundRobin: 'round-robin',
  validation: 'validation',
};
// What the scores of each scorer are, in words.
const SCORE_NOTES: Readonly<Record<Scorer, (definition: RankingJobDefinition) => string>> = {
  posterior: (d) => `Scores are posterior means (Elo points; prior sd ${d.posterior.priorSd} around ${d.elo.initialRating}, noise ${d.posterior.noise.toFixed(1)})`,
  bradleyTerry: (d) => `Scores are a Bradley-Terry fit (Elo points, centred on ${d.elo.initialRating}, scale ${d.elo.scale})`,
  elo: (d) => `Scores are Elo ratings (start ${d.elo.initialRating}, K ${d.elo.kFactor}, scale ${d.elo.scale})`,
};

/** Runs `simulate` with command-line arguments; returns the text to print. */
export function runSimulate(args: readonly string[]): string {
  const { values } = parseFlags(args, {
    datapoints: { type: 'string' },
    'datapoint-ids': { type: 'string' },
    budget: { type: 'string' },
    'random-ratio': { type: 'string' },
    responses: { type: 'string' },
    pairing: { type: 'string' },
    scorer: { type: 'string' },
    labeler: { type: 'string' },
    'in-flight': { type: 'string' },
    distribution: { type: 'string' },
    spread: { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.datapoints !== undefined && values['datapoint-ids'] !== undefined) {
    throw new UsageError('give --datapoints or --datapoint-ids, not both');
  }
  if (values.datapoints !== undefined && !/^\s*\d+\s*$/.test(values.datapoints)) {
    throw new UsageError(`--datapoints takes a count, got '${values.datapoints.slice(0, 40)}'; for a file of ids use --datapoint-ids`);
  }
  const ids =
    values['datapoint-ids'] !== undefined
      ? readDatapointIds(values['datapoint-ids'], MAX_DATAPOINTS)
      : Array.from({ length: integerFlag(values.datapoints ?? '12', 'datapoints', 2, MAX_DATAPOINTS) }, (_, i) => `datapoint-${i + 1}`);
  const budget = integerFlag(values.budget ?? '50', 'budget', 1, 2 ** 40);
  const randomRatio = values['random-ratio'] === undefined ? undefined : numberFlag(values['random-ratio'], 'random-ratio', 0, 1);
  const responses = integerFlag(values.responses ?? '1', 'responses', 1, 1_000_000);
  const pairing = choiceFlag(values.pairing ?? 'adaptive', 'pairing', PAIRING_FLAGS);
  const scorer = scorerFlag(values.scorer ?? 'posterior', 'scorer');
  const labeler = choiceFlag(values.labeler ?? 'bradleyTerry', 'labeler', LABELER_NAMES);
  const inFlight = integerFlag(values['in-flight'] ?? '1', 'in-flight', 1, 65_536);
  const distribution = choiceFlag(values.distribution ?? 'normal', 'distribution', TRUE_SCORE_DISTRIBUTIONS);
  const spread = numberFlag(values.spread ?? '200', 'spread', 0, 1e9, true);
  const seed = values.seed ?? '1';

  const definition = createRankingJobDefinition({
    name: 'Simulated ranking job',
    instruction: 'Which is better?',
    datapoints: [ids],
    comparisonBudgetPerRanking: budget,
    randomComparisonsRatio: randomRatio,
    responsesPerComparison: responses,
    pairing,
  });
  const simulation = simulateRankingJob(definition, { seed, labeler, inFlight, trueScoreOptions: { distribution, spread }, scorer });
  if (values.json === true) return `${JSON.stringify(simulation, null, 2)}\n`;

  const [ranking] = simulation.rankings;
  const kinds = Object.entries(simulation.matchupsByKind)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${count} ${KIND_NAMES[kind as MatchupKind]}`);
  const strategy = pairing === 'roundRobin' ? 'round-robin pairing' : `${PAIRING_NAMES[pairing]} pairing, random ratio ${definition.randomComparisonsRatio}`;
  return [
    `Simulated ranking job: ${ids.length} datapoints, budget ${budget}, ${strategy}, ${responses} response${responses === 1 ? '' : 's'} per comparison, ${inFlight} in flight, seed ${escapeForTerminal(seed)}.`,
    `Labeler: ${labeler}. True scores: ${distribution}, spread ${spread} Elo points around ${definition.elo.initialRating}.`,
    '',
    rankingBesideTruth(ranking!),
    '',
    `${ranking!.result.comparisons} comparisons (${kinds.join(', ') || 'none'}), ${simulation.responses} labeler answers.`,
    `${SCORE_NOTES[scorer](definition)}; true scores are on the same scale.`,
    '',
    'Accuracy against the hidden truth:',
    ...accuracyLines(ranking!.accuracy).map((line) => `  ${line}`),
    '',
  ].join('\n');
}
