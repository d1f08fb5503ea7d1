/**
 * A leaderboard run against simulated labelers: models with true strengths, prompts
 * with a difficulty, and each model's strength varying from prompt to prompt; reports
 * how well the standings recover the truth (Kendall's tau) and how often their
 * intervals hold it (coverage).
 *
 * The labeler of one matchup, on prompt p, with s_i,p = s_i + N(0, promptSd) the model's
 * strength there (drawn once per model and prompt) and k = ln 10 / scale:
 * 1. each answer is bad with probability σ(k (d_p − s_i,p)), d_p the prompt's difficulty;
 *    both bad gives `'bothBad'`;
 * 2. otherwise a lapse (`lapseRate`): a random side; a tie (`drawRate`): `'draw'`;
 * 3. otherwise the left wins with probability σ(k (s_left,p − s_right,p + positionBias)),
 *    the Bradley–Terry model.
 * With every noise at 0 but the Bradley–Terry choice, the standings' model is the
 * simulator's, and 95% intervals should hold the truth about 95% of the time.
 * @module
 */
import { RankingInputError } from '../errors.js';
import { kendallTau } from '../metrics/kendallTau.js';
import { createRng, isSeed } from '../rng/createRng.js';
import type { Rng } from '../rng/rng.js';
import { standardNormalDraw } from '../stats/normalDistribution.js';
import { readOptions, requireFinite, requireOneOf, requirePositiveInteger, requireUnitInterval } from '../validate.js';
import { createLeaderboard } from './createLeaderboard.js';
import type { LeaderboardIntervals, LeaderboardOutcome, Standings } from './leaderboardTypes.js';

/** Options of {@link simulateLeaderboard}; every field is optional. */
export interface SimulateLeaderboardOptions {
  /** How many models (true strengths N(0, strengthSd)), 2 to 10 000. @defaultValue 20 */
  readonly models?: number | undefined;
  /** How many prompts, 1 to 100 000, and models × prompts at most 10 000 000 (a strength is drawn for each). @defaultValue 50 */
  readonly prompts?: number | undefined;
  /** Battles to run. @defaultValue 2000 */
  readonly budget?: number | undefined;
  /** Matchups issued per call, as a labelling queue would ask for them. @defaultValue 16 */
  readonly batchSize?: number | undefined;
  /** Standard deviation of the true strengths, Elo points, ≥ 0. @defaultValue 200 */
  readonly strengthSd?: number | undefined;
  /** Standard deviation of a model's strength from prompt to prompt, Elo points, ≥ 0. @defaultValue 50 */
  readonly promptSd?: number | undefined;
  /** Mean prompt difficulty, Elo points (a model that strong gives a bad answer half the time). @defaultValue -400 */
  readonly difficultyMean?: number | undefined;
  /** Standard deviation of the prompt difficulty, Elo points, ≥ 0. @defaultValue 100 */
  readonly difficultySd?: number | undefined;
  /** Probability of a random click, in [0, 1]. @defaultValue 0 */
  readonly lapseRate?: number | undefined;
  /** Probability of calling a tie, in [0, 1]. @defaultValue 0 */
  readonly drawRate?: number | undefined;
  /** Elo points added to the left answer's strength. @defaultValue 0 */
  readonly positionBias?: number | undefined;
  /** The leaderboard's share of random pairs, in [0, 1]. @defaultValue 0.1 */
  readonly randomShare?: number | undefined;
  /** How the standings' intervals are computed. @defaultValue 'analytic' */
  readonly intervals?: LeaderboardIntervals | undefined;
  /** Bootstrap rounds, with `intervals: 'bootstrap'`. @defaultValue 1000 */
  readonly rounds?: number | undefined;
  /** Seed of the whole run (truth, leaderboard, labelers). @defaultValue 1 */
  readonly seed?: string | number | undefined;
}

/** What {@link simulateLeaderboard} reports. */
export interface LeaderboardSimulation {
  /** The standings at the end. */
  readonly standings: Standings;
  /** Each model's true strength, Elo points around the standings' center. */
  readonly trueStrengths: readonly {
    /** The model's id. */
    readonly model: string;
    /** Its true strength (Elo points). */
    readonly strength: number;
  }[];
  /** Kendall's tau-b between the scores and the true strengths. */
  readonly kendallTau: number;
  /** Share of models whose interval holds its true strength (both centred on the mean). */
  readonly coverage: number;
  /** Battles answered. */
  readonly battles: number;
  /** Battles answered as a tie. */
  readonly draws: number;
  /** Battles answered as a "both bad" tie. */
  readonly bothBad: number;
}

const KEYS = [
  'models',
  'prompts',
  'budget',
  'batchSize',
  'strengthSd',
  'promptSd',
  'difficultyMean',
  'difficultySd',
  'lapseRate',
  'drawRate',
  'positionBias',
  'randomShare',
  'intervals',
  'rounds',
  'seed',
] as const;

// Most per-prompt strengths one run holds (80 MB).
const MAX_STRENGTH_CELLS = 10_000_000;

/**
 * Runs a simulated leaderboard to its budget. O(budget × (prompts + models)) for the
 * pairing plus the final standings; O(models × prompts) memory for the per-prompt
 * strengths. Deterministic for a seed.
 *
 * @param options - See {@link SimulateLeaderboardOptions}.
 * @returns The standings, the truth, Kendall's tau and the coverage.
 * @throws {@link RankingInputError} naming a bad option (`options.prompts` when models ×
 *   prompts exceeds 10 000 000).
 * @example
 * ```ts
 * const run = simulateLeaderboard({ models: 10, prompts: 20, budget: 1000, seed: 3 });
 * run.kendallTau; // about 0.9
 * ```
 */
export function simulateLeaderboard(options: SimulateLeaderboardOptions = {}): LeaderboardSimulation {
  const values = readOptions(options, KEYS, 'options', 'options.');
  const value = (key: (typeof KEYS)[number]): unknown => values[KEYS.indexOf(key)];
  const count = (key: (typeof KEYS)[number], fallback: number, most: number): number => {
    const given = value(key) === undefined ? fallback : requirePositiveInteger(value(key), `options.${key}`);
    if (given > most) throw new RankingInputError(`options.${key}`, `must be at most ${most}, got ${given}`);
    return given;
  };
  const spread = (key: (typeof KEYS)[number], fallback: number): number => {
    const given = value(key) === undefined ? fallback : requireFinite(value(key), `options.${key}`);
    if (given < 0) throw new RankingInputError(`options.${key}`, `must be a finite number ≥ 0, got ${given}`);
    return given;
  };
  const modelCount = count('models', 20, 10_000);
  if (modelCount < 2) throw new RankingInputError('options.models', `must be at least 2, got ${modelCount}`);
  const promptCount = count('prompts', 50, 100_000);
  // One strength per model and prompt is held in memory (8 bytes each).
  if (modelCount * promptCount > MAX_STRENGTH_CELLS) {
    throw new RankingInputError('options.prompts', `models × prompts must be at most ${MAX_STRENGTH_CELLS} (a strength is drawn per model and prompt), got ${modelCount} × ${promptCount}`);
  }
  const budget = count('budget', 2000, 10_000_000);
  const batchSize = count('batchSize', 16, 65_536);
  const strengthSd = spread('strengthSd', 200);
  const promptSd = spread('promptSd', 50);
  const difficultyMean = value('difficultyMean') === undefined ? -400 : requireFinite(value('difficultyMean'), 'options.difficultyMean');
  const difficultySd = spread('difficultySd', 100);
  const lapseRate = value('lapseRate') === undefined ? 0 : requireUnitInterval(value('lapseRate'), 'options.lapseRate');
  const drawRate = value('drawRate') === undefined ? 0 : requireUnitInterval(value('drawRate'), 'options.drawRate');
  const positionBias = value('positionBias') === undefined ? 0 : requireFinite(value('positionBias'), 'options.positionBias');
  const seed = value('seed') ?? 1;
  if (!isSeed(seed)) throw new RankingInputError('options.seed', 'must be a string or a finite number');
  const intervals: LeaderboardIntervals = value('intervals') === undefined ? 'analytic' : requireOneOf(value('intervals'), ['analytic', 'bootstrap'], 'options.intervals');
  const rounds = value('rounds') === undefined ? undefined : requirePositiveInteger(value('rounds'), 'options.rounds');
  if (rounds !== undefined && intervals !== 'bootstrap') throw new RankingInputError('options.rounds', "applies to intervals: 'bootstrap' only");
  if (rounds !== undefined && !(rounds >= 10 && rounds <= 100_000)) throw new RankingInputError('options.rounds', `must be an integer from 10 to 100000, got ${rounds}`);

  const truthRng = createRng(`${seed}/truth`);
  const models = Array.from({ length: modelCount }, (_, i) => `model-${i + 1}`);
  const strengths = Float64Array.from(models, () => strengthSd * standardNormalDraw(truthRng));
  const difficulty = Float64Array.from({ length: promptCount }, () => difficultyMean + difficultySd * standardNormalDraw(truthRng));
  // Model-major: strength of model i on prompt p at i × prompts + p.
  const onPrompt = new Float64Array(modelCount * promptCount);
  for (let i = 0; i < modelCount; i++) for (let p = 0; p < promptCount; p++) onPrompt[i * promptCount + p] = strengths[i]! + promptSd * standardNormalDraw(truthRng);

  const scale = 400;
  const leaderboard = createLeaderboard({
    models,
    prompts: Array.from({ length: promptCount }, (_, p) => `prompt-${p + 1}`),
    budget,
    seed: `${seed}/leaderboard`,
    ...(value('randomShare') === undefined ? {} : { randomShare: value('randomShare') as number }),
  });
  const labelerRng = createRng(`${seed}/labelers`);
  const modelNumber = new Map(models.map((id, i) => [id, i]));
  const k = Math.LN10 / scale;
  let draws = 0;
  let bothBad = 0;
  while (!leaderboard.done) {
    for (const matchup of leaderboard.nextMatchups(batchSize)) {
      const p = Number(matchup.prompt.slice('prompt-'.length)) - 1;
      const left = onPrompt[modelNumber.get(matchup.left)! * promptCount + p]!;
      const right = onPrompt[modelNumber.get(matchup.right)! * promptCount + p]!;
      const outcome = answer(labelerRng, k, left, right, difficulty[p]!, lapseRate, drawRate, positionBias);
      if (outcome === 'draw') draws++;
      if (outcome === 'bothBad') bothBad++;
      leaderboard.recordResponse(matchup.id, outcome);
    }
  }
  const standings = leaderboard.standings(intervals === 'bootstrap' ? { intervals, ...(rounds === undefined ? {} : { rounds }) } : { intervals });
  let mean = 0;
  for (const strength of strengths) mean += strength / modelCount;
  const trueStrengths = models.map((model, i) => ({ model, strength: standings.center + strengths[i]! - mean }));
  const truth = new Map(trueStrengths.map((entry) => [entry.model, entry.strength]));
  let covered = 0;
  for (const entry of standings.entries) {
    const strength = truth.get(entry.model)!;
    if (entry.lower <= strength && strength <= entry.upper) covered++;
  }
  const rated = new Map(standings.entries.map((entry) => [entry.model, entry.score]));
  const ratedTruth = new Map(standings.entries.map((entry) => [entry.model, truth.get(entry.model)!]));
  return {
    standings,
    trueStrengths,
    kendallTau: rated.size >= 2 ? kendallTau(rated, ratedTruth) : Number.NaN,
    coverage: standings.entries.length === 0 ? Number.NaN : covered / standings.entries.length,
    battles: leaderboard.progress().completed,
    draws,
    bothBad,
  };
}

// One simulated answer (see the module header); four uniform draws, always.
function answer(rng: Rng, k: number, left: number, right: number, difficulty: number, lapseRate: number, drawRate: number, positionBias: number): LeaderboardOutcome {
  const badLeft = rng() < 1 / (1 + Math.exp(-k * (difficulty - left)));
  const badRight = rng() < 1 / (1 + Math.exp(-k * (difficulty - right)));
  const u = rng();
  const choice = rng();
  if (badLeft && badRight) return 'bothBad';
  if (u < lapseRate) return choice < 0.5 ? 'left' : 'right';
  if (u < lapseRate + drawRate) return 'draw';
  return choice < 1 / (1 + Math.exp(-k * (left - right + positionBias))) ? 'left' : 'right';
}
