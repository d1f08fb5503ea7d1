/**
 * The ranking job: a thin shell that validates each call, then drives the budget
 * queue, the pair selection and the per-ranking rating state.
 *
 * Every issued matchup consumes exactly four uniform draws, taken ahead of time and
 * checked, so an injected generator that misbehaves is caught before anything
 * changes, and the stream of draws a job consumes does not depend on which kind of
 * matchup each turned out to be.
 * @module
 */
import { ensureNormalisedDefinition } from '../definition/createRankingJobDefinition.js';
import type { RankingJobDefinition } from '../definition/types.js';
import { RankingInputError, describeValue } from '../errors.js';
import { BudgetQueue } from '../budget/budgetQueue.js';
import { rankingResult } from '../results/rankingResult.js';
import { createRng, isSeed } from '../rng/createRng.js';
import type { Rng } from '../rng/rng.js';
import { fillUniformDraws } from '../rng/uniformDraws.js';
import { createCloseScratch, pickClosePair } from '../selection/closePair.js';
import { pickRandomPair } from '../selection/randomPair.js';
import { pairHigh, pairLow } from '../selection/roundRobinSchedule.js';
import { RankingState } from '../state/rankingState.js';
import { ownValue, requireOneOf, requireOptionsObject, requirePositiveInteger } from '../validate.js';
import { aggregateVotes } from './aggregateVotes.js';
import { MatchupLedger, matchupIdOf, type PendingMatchup } from './matchupLedger.js';
import type {
  BudgetProgress,
  Matchup,
  MatchupKind,
  Outcome,
  Progress,
  RankingJob,
  RankingJobOptions,
  RankingProgress,
  RankingResult,
  RecordResponseOptions,
} from './types.js';

const DRAWS_PER_MATCHUP = 4;
const OUTCOMES: readonly Outcome[] = ['left', 'right', 'draw'];
const JOB_OPTION_KEYS = ['seed', 'rng'] as const;
const RESPONSE_OPTION_KEYS = ['responseId'] as const;
// Batches up to this many matchups draw into a reused buffer; larger ones allocate.
const REUSED_DRAW_MATCHUPS = 256;
/** Most matchups one nextMatchups call hands out; its draws are checked in one buffer. */
export const MAX_MATCHUPS_PER_CALL = 65_536;

/**
 * Starts a ranking job from a definition.
 *
 * Creation costs O(n log n) per ranking (n datapoints) for the ordered rating index,
 * and draws one random tie-break key per datapoint.
 *
 * @param definition - A definition from `createRankingJobDefinition` (a plain object
 *   of the same shape, read back from JSON for example, is validated first).
 * @param options - `seed` or `rng`; without either the seed is the definition's
 *   canonical JSON, so the same definition always runs the same way.
 * @returns The running {@link RankingJob}.
 * @throws {@link RankingInputError} for an invalid definition, both `seed` and `rng`,
 *   a seed that is not a string or finite number, or an rng that is not a function.
 * @example
 * ```ts
 * const job = createRankingJob(definition, { seed: 42 });
 * while (!job.done) {
 *   for (const matchup of job.nextMatchups(10)) {
 *     job.recordResponse(matchup.id, askLabeler(matchup)); // 'left' | 'right' | 'draw'
 *   }
 * }
 * console.table(job.results()[0].entries);
 * ```
 */
export function createRankingJob(definition: RankingJobDefinition, options: RankingJobOptions = {}): RankingJob {
  const normalised = ensureNormalisedDefinition(definition);
  const object = requireOptionsObject(options, JOB_OPTION_KEYS, 'options', 'options.');
  const seed = ownValue(object, 'seed');
  const injected = ownValue(object, 'rng');
  if (seed !== undefined && injected !== undefined) {
    throw new RankingInputError('options', 'give either seed or rng, not both');
  }
  if (injected !== undefined && typeof injected !== 'function') {
    throw new RankingInputError('options.rng', `must be a function returning numbers in [0, 1), got ${describeValue(injected)}`);
  }
  if (seed !== undefined && !isSeed(seed)) {
    throw new RankingInputError('options.seed', `must be a string or a finite number, got ${describeValue(seed)}`);
  }
  const rng = injected !== undefined ? (injected as Rng) : createRng(seed ?? JSON.stringify(normalised));
  return new RankingJobRunner(normalised, rng);
}

class RankingJobRunner implements RankingJob {
  readonly definition: RankingJobDefinition;
  private readonly rng: Rng;
  private readonly rankings: RankingState[];
  private readonly queue: BudgetQueue;
  private readonly ledger = new MatchupLedger();
  private readonly totalBudget: number;
  private readonly closeScratch: Int32Array;
  private readonly pair = new Int32Array(2);
  private readonly draws = new Float64Array(REUSED_DRAW_MATCHUPS * DRAWS_PER_MATCHUP);
  private totalPending = 0;
  private totalCompleted = 0;

  constructor(definition: RankingJobDefinition, rng: Rng) {
    this.definition = definition;
    this.rng = rng;
    const { comparisonBudgetPerRanking: budget, pairing, randomComparisonsRatio, elo } = definition;
    const needs = {
      closeMatches: pairing === 'adaptive' && randomComparisonsRatio < 1,
      roundRobin: pairing === 'roundRobin',
    };
    this.rankings = definition.datapoints.map((ids) => {
      const tieKeys = new Float64Array(ids.length);
      fillUniformDraws(rng, tieKeys, ids.length, 'options.rng');
      return new RankingState(ids, budget, tieKeys, elo, needs);
    });
    this.queue = new BudgetQueue(this.rankings);
    this.totalBudget = budget * this.rankings.length;
    this.closeScratch = createCloseScratch(definition.closeMatchCandidates);
  }

  get done(): boolean {
    return this.totalCompleted === this.totalBudget;
  }

  nextMatchups(limit: number = 1): Matchup[] {
    requirePositiveInteger(limit, 'limit');
    const count = Math.min(limit, MAX_MATCHUPS_PER_CALL, this.totalBudget - this.totalPending - this.totalCompleted);
    if (count === 0) return [];
    const draws =
      count <= REUSED_DRAW_MATCHUPS ? this.draws : new Float64Array(count * DRAWS_PER_MATCHUP);
    fillUniformDraws(this.rng, draws, count * DRAWS_PER_MATCHUP, 'options.rng');
    const issued: Matchup[] = new Array<Matchup>(count);
    for (let k = 0; k < count; k++) issued[k] = this.issue(draws, k * DRAWS_PER_MATCHUP);
    return issued;
  }

  recordResponse(matchupId: string, outcome: Outcome, options?: RecordResponseOptions): boolean {
    const responseId = readResponseId(options);
    requireOneOf(outcome, OUTCOMES, 'outcome');
    const matchup = this.ledger.find(requireMatchupId(matchupId));
    if (matchup === undefined) {
      if (responseId !== undefined && this.ledger.completedWithResponse(matchupId, responseId)) return false;
      throw this.notPendingError(matchupId, 'takes no more responses');
    }
    if (responseId !== undefined) {
      if (matchup.responseIds === null) matchup.responseIds = new Set();
      else if (matchup.responseIds.has(responseId)) return false;
      matchup.responseIds.add(responseId);
    }
    if (outcome === 'left') matchup.leftVotes++;
    else if (outcome === 'right') matchup.rightVotes++;
    else matchup.drawVotes++;
    if (matchup.leftVotes + matchup.rightVotes + matchup.drawVotes === this.definition.responsesPerComparison) {
      this.complete(matchup);
    }
    return true;
  }

  releaseMatchup(matchupId: string): void {
    const matchup = this.ledger.find(requireMatchupId(matchupId));
    if (matchup === undefined) throw this.notPendingError(matchupId, 'cannot be released');
    const state = this.rankings[matchup.ranking]!;
    state.noteReleased(matchup.left, matchup.right);
    if (state.schedule !== null) state.schedule.putBack(matchup.pair, matchup.round);
    this.ledger.release(matchup);
    this.totalPending--;
    this.queue.reposition(matchup.ranking);
  }

  pendingMatchups(): Matchup[] {
    const matchups: Matchup[] = [];
    for (const matchup of this.ledger.pendingInOrder()) matchups.push(this.toPublic(matchup));
    return matchups;
  }

  progress(): Progress {
    const perRanking: RankingProgress[] = this.rankings.map((state, ranking) => ({
      ranking,
      ...budgetProgress(state.budget, state.pending, state.completed),
    }));
    return { ...budgetProgress(this.totalBudget, this.totalPending, this.totalCompleted), perRanking };
  }

  results(): RankingResult[] {
    const { initialRating } = this.definition.elo;
    return this.rankings.map((state, ranking) => rankingResult(state, ranking, initialRating));
  }

  // Issues one matchup on the ranking the budget queue names, from draws[at … at+3].
  private issue(draws: Float64Array, at: number): Matchup {
    const ranking = this.queue.peek();
    const state = this.rankings[ranking]!;
    const { definition, pair } = this;
    let kind: MatchupKind;
    let pairNumber = -1;
    let round = 0;
    if (state.schedule !== null) {
      kind = 'roundRobin';
      pairNumber = state.schedule.next(draws[at]!, draws[at + 1]!);
      round = state.schedule.lastRound;
      pair[0] = pairLow(pairNumber);
      pair[1] = pairHigh(pairNumber);
    } else if (draws[at]! < definition.randomComparisonsRatio) {
      kind = 'random';
      pickRandomPair(state.size, draws[at + 1]!, draws[at + 2]!, pair);
    } else {
      kind = 'close';
      pickClosePair(state, definition.closeMatchCandidates, draws[at + 1]!, draws[at + 2]!, this.closeScratch, pair);
    }
    const swap = draws[at + 3]! < 0.5;
    const left = swap ? pair[1]! : pair[0]!;
    const right = swap ? pair[0]! : pair[1]!;
    const sequence = this.ledger.issued + 1;
    const matchup: PendingMatchup = {
      id: matchupIdOf(sequence),
      sequence,
      ranking,
      left,
      right,
      kind,
      pair: pairNumber,
      round,
      leftVotes: 0,
      rightVotes: 0,
      drawVotes: 0,
      responseIds: null,
    };
    this.ledger.open(matchup);
    state.noteIssued(left, right);
    this.totalPending++;
    this.queue.reposition(ranking);
    return this.toPublic(matchup);
  }

  private complete(matchup: PendingMatchup): void {
    const { leftVotes, rightVotes, drawVotes } = matchup;
    const scoreLeft = aggregateVotes(leftVotes, rightVotes, drawVotes, this.definition.voteAggregation);
    this.rankings[matchup.ranking]!.noteCompleted(matchup.left, matchup.right, scoreLeft);
    this.ledger.complete(matchup);
    this.totalPending--;
    this.totalCompleted++;
  }

  // The error for an id that is not pending: completed, released or never issued.
  private notPendingError(matchupId: string, consequence: string): RankingInputError {
    const state = this.ledger.finishedState(matchupId);
    if (state === 'completed') return new RankingInputError('matchupId', `matchup ${matchupId} is already completed and ${consequence}`);
    if (state === 'released') return new RankingInputError('matchupId', `matchup ${matchupId} was released and ${consequence}`);
    return new RankingInputError('matchupId', `unknown matchup id ${describeValue(matchupId)}; use an id returned by nextMatchups`);
  }

  private toPublic(matchup: PendingMatchup): Matchup {
    const { ids } = this.rankings[matchup.ranking]!;
    return { id: matchup.id, ranking: matchup.ranking, left: ids[matchup.left]!, right: ids[matchup.right]!, kind: matchup.kind };
  }
}

function requireMatchupId(matchupId: unknown): string {
  if (typeof matchupId !== 'string') {
    throw new RankingInputError('matchupId', `must be a matchup id string, got ${describeValue(matchupId)}`);
  }
  return matchupId;
}

function readResponseId(options: unknown): string | undefined {
  if (options === undefined) return undefined;
  const object = requireOptionsObject(options, RESPONSE_OPTION_KEYS, 'options', 'options.');
  const responseId = ownValue(object, 'responseId');
  if (responseId !== undefined && typeof responseId !== 'string') {
    throw new RankingInputError('options.responseId', `must be a string, got ${describeValue(responseId)}`);
  }
  return responseId;
}

function budgetProgress(budget: number, pending: number, completed: number): BudgetProgress {
  return {
    budget,
    pending,
    completed,
    remaining: budget - completed,
    available: budget - pending - completed,
    fraction: completed / budget,
  };
}
