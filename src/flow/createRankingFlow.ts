/**
 * Ranking flows: a lightweight continuous ranking. Batches of datapoints arrive over
 * time; each is ranked on its own (online Elo, random and close matchups as in a job
 * with adaptive pairing) until it has its target responses or its time runs out.
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { createRng, isLibraryRng, isSeed } from '../rng/createRng.js';
import type { SeededRng } from '../rng/rng.js';
import { readOptions } from '../validate.js';
import { normaliseFlowConfig } from './flowConfig.js';
import { FlowRunner, freshFlowParts } from './flowRunner.js';
import type { RankingFlow, RankingFlowConfig, RankingFlowInput, RankingFlowOptions } from './flowTypes.js';

const FLOW_OPTION_KEYS = ['seed', 'rng'] as const;

// Configurations this module produced: frozen, so they need no second check.
const normalisedConfigs = /* @__PURE__ */ new WeakSet<object>();

/**
 * Starts a ranking flow. Batches come with `addBatch(datapoints, { now, ttlMs, context })`;
 * `nextMatchups(k, { now })` hands out matchups across the pending batches, the batch
 * with the smallest share of its target taken first; `recordResponse` updates the batch's
 * Elo ratings (with `scorer: 'bradleyTerry'`, results are a Bradley–Terry fit of the
 * batch instead); a batch is `completed` at its target responses, and when its time runs out
 * (`expire(now)`, or the next `nextMatchups`) it is `incomplete` with at least
 * `minResponses` responses and `expired` below. A closed batch keeps only its result.
 * Every random choice comes from the flow's seeded generator and every time from the
 * caller's `now`, so the same calls give the same matchups, results and snapshots.
 *
 * @param input - The configuration; see {@link RankingFlowInput}. A configuration from
 *   `flow.config` (or its JSON) is accepted too.
 * @param options - `seed`, or `rng` (a generator from `createRng`); default seed: the
 *   normalised configuration's JSON.
 * @returns The {@link RankingFlow}. Costs O(1); memory about 90 bytes per pending batch
 *   plus 34 per datapoint (besides the ids), 13 per issued matchup.
 * @throws {@link RankingInputError} naming the first offending field (unknown options too).
 * @example
 * ```ts
 * const flow = createRankingFlow({ name: 'Images', instruction: 'Which fits the prompt?', maxResponses: 20, minResponses: 10 }, { seed: 1 });
 * const batch = flow.addBatch(['a.png', 'b.png', 'c.png', 'd.png'], { now: 0, ttlMs: 60_000, context: { text: 'a red fox' } });
 * for (const matchup of flow.nextMatchups(4, { now: 10 })) flow.recordResponse(matchup.id, 'left', { now: 20 });
 * flow.batchResults(batch).entries; // rank, datapoint, score (Elo), wins, losses, draws, comparisons
 * // With scorer: 'bradleyTerry', each entry's score is the fitted one, with standardError, lower, upper, bestRank, worstRank.
 * ```
 */
export function createRankingFlow(input: RankingFlowInput, options: RankingFlowOptions = {}): RankingFlow {
  const config = ensureFlowConfig(input);
  return new FlowRunner(freshFlowParts(config, flowRng(options, config)));
}

/** The configuration itself when this module made it, else its normalised copy. @internal */
export function ensureFlowConfig(input: unknown): RankingFlowConfig {
  if (typeof input === 'object' && input !== null && normalisedConfigs.has(input)) return input as RankingFlowConfig;
  const config = normaliseFlowConfig(input);
  normalisedConfigs.add(config);
  return config;
}

// The generator the options ask for: a seed's, a createRng generator, or the config's JSON's.
function flowRng(options: unknown, config: RankingFlowConfig): SeededRng {
  const [seed, rng] = readOptions(options, FLOW_OPTION_KEYS, 'options', 'options.');
  if (seed !== undefined && rng !== undefined) throw new RankingInputError('options', 'give either seed or rng, not both');
  if (rng !== undefined) {
    if (!isLibraryRng(rng)) {
      throw new RankingInputError('options.rng', `must be a generator from createRng (its state goes into snapshots), got ${describeValue(rng)}`);
    }
    return rng;
  }
  if (seed !== undefined && !isSeed(seed)) throw new RankingInputError('options.seed', `must be a string or a finite number, got ${describeValue(seed)}`);
  return createRng((seed as string | number | undefined) ?? JSON.stringify(config));
}
