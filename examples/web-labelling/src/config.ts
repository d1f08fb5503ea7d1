/**
 * The example's job: the README's and `pairwise-elo demo`'s rabbit job (the same name,
 * instruction, 12 image ids, budget and random ratio), plus the local stand-in image
 * for each id. No imports, so the Node test can read it too.
 * @module
 */

/** Where the real images live; the job's datapoint ids are these URLs. */
export const IMAGE_PREFIX = 'https://assets.rapidata.ai/';

/** The 12 image uuids of src/cli/demo.ts, in its order. */
const RABBIT_UUIDS = [
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
] as const;

/** One datapoint: its id in the job, and what the page shows for it. */
export interface Rabbit {
  /** The datapoint id, as the job knows it: the real asset URL. */
  readonly id: string;
  /** Short name for captions: the file name of the real asset. */
  readonly name: string;
  /** The local stand-in image (no network here), relative to index.html. */
  readonly image: string;
}

/** The datapoints in the definition's order, each with its local image (images/rabbit-NN.svg). */
export const RABBITS: readonly Rabbit[] = RABBIT_UUIDS.map((uuid, index) => ({
  id: `${IMAGE_PREFIX}${uuid}.webp`,
  name: `${uuid}.webp`,
  image: `images/rabbit-${String(index + 1).padStart(2, '0')}.svg`,
}));

/** What the page passes to `createRankingJobDefinition`. */
export const JOB_INPUT = {
  name: 'Example Ranking Job',
  instruction: 'Which rabbit looks cooler?',
  datapoints: [RABBITS.map((rabbit) => rabbit.id)],
  comparisonBudgetPerRanking: 50,
  randomComparisonsRatio: 0.5,
};

/** The job's seed unless the URL says `?seed=…`: fixed, so runs (and the test) are reproducible. */
export const DEFAULT_SEED = 'web-labelling-1';

/** Whether labelers may answer "equally cool" (a draw counts half a win to each side). */
export const ALLOW_DRAWS = true;

/** Confidence of the intervals in the results table. */
export const CONFIDENCE = 0.95;

/** localStorage key of the job run with `seed`: each seed is its own job. */
export function storageKey(seed: string): string {
  return `pairwise-elo/web-labelling/v1/${seed}`;
}
