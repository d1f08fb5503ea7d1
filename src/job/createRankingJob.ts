/**
 * The ranking job: a thin shell that validates each call, then drives the budget
 * queue, the pair selection, the per-ranking rating state and the ledger, and appends
 * what happened to the event log.
 *
 * Every issued matchup consumes exactly four uniform draws, taken ahead of time and
 * checked, so an injected generator that misbehaves is caught before anything
 * changes, and the stream of draws a job consumes does not depend on which kind of
 * matchup each turned out to be.
 * @module
 */
import { BudgetQueue } from '../budget/budgetQueue.js';
import { ensureNormalisedDefinition } from '../definition/createRankingJobDefinition.js';
import type { RankingContext, RankingJobDefinition } from '../definition/types.js';
import { RankingInputError, describeValue } from '../errors.js';
import { buildSnapshot } from '../persistence/buildSnapshot.js';
import type { RankingJobSnapshot } from '../persistence/snapshotTypes.js';
import { bradleyTerryResult } from '../results/bradleyTerryResult.js';
import { posteriorFactors } from '../results/posteriorFactors.js';
import { posteriorResult, rankingPosterior } from '../results/posteriorResult.js';
import { rankingResult } from '../results/rankingResult.js';
import { resolveResultsOptions } from '../results/resolveResultsOptions.js';
import { estimateLabelerTrust } from '../trust/estimateLabelerTrust.js';
import { labelerWeightsFromTrust } from '../trust/labelerWeightsFromTrust.js';
import type { LabelerTrustOptions, LabelerTrustReport, ValidationAnswer } from '../trust/trustTypes.js';
import { createRng, isLibraryRng, isSeed } from '../rng/createRng.js';
import type { Rng } from '../rng/rng.js';
import { fillUniformDraws } from '../rng/uniformDraws.js';
import { createCloseScratch, pickClosePair } from '../selection/closePair.js';
import { pickInformativePair } from '../selection/informativePair.js';
import { isSettled } from '../posterior/settledOrder.js';
import { pickRandomPair } from '../selection/randomPair.js';
import { pairHigh, pairLow } from '../selection/roundRobinSchedule.js';
import { RankingArena, type SelectionFlags } from '../state/rankingArena.js';
import { RankingState, type RankingStateNeeds } from '../state/rankingState.js';
import {
  readOptions,
  requireFinite,
  requireNonEmptyString,
  requireNonNegativeInteger,
  requireOneOf,
  requirePositiveInteger,
} from '../validate.js';
import { AdaptiveTallies, VERDICT, fixedResponses, type Verdict } from './adaptiveResponses.js';
import { aggregateVotes } from './aggregateVotes.js';
import { EventLog } from './eventLog.js';
import { jobComparisons } from './jobComparisons.js';
import { matchupDeadline } from './matchupDeadline.js';
import { MatchupLedger, matchupIdOf } from './matchupLedger.js';
import { VALIDATION_RANKING, ValidationPool } from './validationPool.js';
import type {
  AddDatapointsOptions,
  BudgetProgress,
  ComparisonsOptions,
  IntervalResultsOptions,
  JobComparison,
  Matchup,
  MatchupKind,
  MatchupStatus,
  NextMatchupsOptions,
  Outcome,
  Progress,
  RankingJob,
  RankingJobEvent,
  RankingJobOptions,
  RankingMatchupKind,
  RankingProgress,
  RankingResult,
  RankingResultEntryWithIntervals,
  RecordResponseOptions,
  ResultsOptions,
} from './types.js';

const DRAWS_PER_MATCHUP = 4;
const OUTCOMES: readonly Outcome[] = ['left', 'right', 'draw'];
const JOB_OPTION_KEYS = ['seed', 'rng'] as const;
const RESPONSE_OPTION_KEYS = ['responseId', 'now', 'labelerId'] as const;
const NEXT_OPTION_KEYS = ['now'] as const;
const COMPARISONS_OPTION_KEYS = ['perVote', 'ranking'] as const;
const ADD_OPTION_KEYS = ['extraBudget', 'initialRating'] as const;
const NO_OPTIONS: readonly unknown[] = [];
// The ledger's kind code of validation matchups (its index in KIND_CODES).
const VALIDATION_KIND_CODE = 5;
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
 * Every call of the job reads the caller's arguments once (ids, options: a getter runs
 * once) and works on that copy. A job takes one call at a time: a call made from inside
 * another call of the same job (by its `rng`, an option's getter, a Proxy trap) throws
 * {@link RankingInputError} with path `job` and changes nothing, and the outer call goes
 * on as if it had not been made (or fails, changing nothing, if the callback lets the
 * error through).
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
  const rng = jobRng(options, normalised);
  const needs = selectionNeeds(normalised);
  // One buffer for every ranking's tie keys (each state copies its own).
  let tieKeys = new Float64Array(0);
  const rankings = normalised.datapoints.map((ids) => {
    if (tieKeys.length < ids.length) tieKeys = new Float64Array(ids.length);
    fillUniformDraws(rng, tieKeys, ids.length, 'options.rng');
    return new RankingState(ids, normalised.comparisonBudgetPerRanking, tieKeys, normalised.elo, normalised.posterior, needs);
  });
  return new RankingJobRunner({ definition: normalised, rng, rankings, ledger: new MatchupLedger(), log: new EventLog() });
}

// The random number generator a job's options ask for.
function jobRng(options: RankingJobOptions, definition: RankingJobDefinition): Rng {
  const [seed, injected] = readOptions(options, JOB_OPTION_KEYS, 'options', 'options.');
  if (seed !== undefined && injected !== undefined) {
    throw new RankingInputError('options', 'give either seed or rng, not both');
  }
  if (injected !== undefined && typeof injected !== 'function') {
    throw new RankingInputError('options.rng', `must be a function returning numbers in [0, 1), got ${describeValue(injected)}`);
  }
  if (seed !== undefined && !isSeed(seed)) {
    throw new RankingInputError('options.seed', `must be a string or a finite number, got ${describeValue(seed)}`);
  }
  return injected !== undefined ? (injected as Rng) : createRng(seed ?? JSON.stringify(definition));
}

/**
 * Which selection structures the rankings of a definition need, with a fresh arena
 * their small rankings share: call it once per job. @internal
 */
export function selectionNeeds(definition: RankingJobDefinition): RankingStateNeeds {
  const flags: SelectionFlags = {
    closeMatches: definition.pairing === 'adaptive' && definition.randomComparisonsRatio < 1,
    roundRobin: definition.pairing === 'roundRobin',
    // Sort pairing falls back on information gain while every unplaced datapoint has a matchup out.
    // stopWhen walks the posterior order.
    informationGain:
      definition.pairing === 'sort' || definition.stopWhen !== null || (definition.pairing === 'informationGain' && definition.randomComparisonsRatio < 1),
    sort: definition.pairing === 'sort',
    factors: definition.stopWhen !== null,
  };
  const arena = new RankingArena(definition.elo, definition.posterior, flags, true);
  arena.expectRankings(definition.datapoints);
  return { ...flags, arena };
}

/** The parts a job is made of: fresh from a definition, or rebuilt from a snapshot. @internal */
export interface JobParts {
  readonly definition: RankingJobDefinition;
  readonly rng: Rng;
  readonly rankings: RankingState[];
  readonly ledger: MatchupLedger;
  readonly log: EventLog;
}

/** The job behind the {@link RankingJob} interface. @internal */
export class RankingJobRunner implements RankingJob {
  readonly definition: RankingJobDefinition;
  private readonly rng: Rng;
  private readonly rankings: RankingState[];
  private readonly queue: BudgetQueue;
  private readonly ledger: MatchupLedger;
  private readonly log: EventLog;
  private readonly closeScratch: Int32Array;
  private readonly pair = new Int32Array(2);
  private readonly draws = new Float64Array(REUSED_DRAW_MATCHUPS * DRAWS_PER_MATCHUP);
  // The definition's validation matchups, or null without.
  private readonly validation: ValidationPool | null;
  // The rankings' contexts, or null when the definition has none.
  private readonly contexts: readonly (RankingContext | null)[] | null;
  private totalBudget = 0;
  private totalPending = 0;
  private totalCompleted = 0;
  // Budget the settled rankings will not issue: their budget − pending − completed.
  private totalSaved = 0;
  // The stopping rule's tallies of pending matchups with adaptive responses, or null for a fixed count.
  private readonly adaptive: AdaptiveTallies | null;
  // The rule's verdict on the matchup that took the latest response: how it completes.
  private verdict: Verdict = VERDICT.collecting;
  // Per ranking: responses recorded to its matchups (any fate), and those of its completed ones.
  private readonly responsesRecorded: Float64Array;
  private readonly responsesCompleted: Float64Array;
  // The public call under way, or null. User code (the rng, an option's getter, a Proxy
  // trap) runs inside calls; when it calls back into the job, the inner call is refused,
  // so nothing runs on a half-read input, a shared draw buffer or a half-issued batch.
  private running: string | null = null;

  constructor(parts: JobParts) {
    this.definition = parts.definition;
    this.rng = parts.rng;
    this.rankings = parts.rankings;
    this.ledger = parts.ledger;
    this.log = parts.log;
    for (const state of this.rankings) {
      this.totalBudget += state.budget;
      this.totalPending += state.pending;
      this.totalCompleted += state.completed;
    }
    // A restored ranking holds a copy of its snapshot's ids: share the definition's instead.
    this.rankings.forEach((state, r) => state.shareIds(this.definition.datapoints[r]!));
    this.queue = new BudgetQueue(this.rankings);
    for (let r = 0; r < this.rankings.length; r++) this.refreshSettled(r);
    this.closeScratch = createCloseScratch(this.definition.closeMatchCandidates);
    this.validation = this.definition.validation === undefined ? null : new ValidationPool(this.definition.validation);
    this.contexts = this.definition.contexts ?? null;
    if (this.validation !== null) this.countValidation(this.validation);
    const responses = this.definition.responsesPerComparison;
    this.adaptive = typeof responses === 'number' ? null : new AdaptiveTallies(responses, this.definition.validation);
    this.responsesRecorded = new Float64Array(this.rankings.length);
    this.responsesCompleted = new Float64Array(this.rankings.length);
    this.countResponses();
  }

  get done(): boolean {
    return this.totalCompleted + this.totalSaved === this.totalBudget;
  }

  nextMatchups(limit: number = 1, options?: NextMatchupsOptions): Matchup[] {
    this.enter('nextMatchups');
    try {
      return this.issueMatchups(limit, options);
    } finally {
      this.running = null;
    }
  }

  recordResponse(matchupId: string, outcome: Outcome, options?: RecordResponseOptions): boolean {
    this.enter('recordResponse');
    try {
      return this.record(matchupId, outcome, options);
    } finally {
      this.running = null;
    }
  }

  releaseMatchup(matchupId: string): void {
    this.enter('releaseMatchup');
    try {
      this.release(matchupId);
    } finally {
      this.running = null;
    }
  }

  expireMatchups(now: number): string[] {
    this.enter('expireMatchups');
    try {
      return this.expire(now);
    } finally {
      this.running = null;
    }
  }

  addDatapoints(ranking: number, ids: readonly string[], options?: AddDatapointsOptions): void {
    this.enter('addDatapoints');
    try {
      this.add(ranking, ids, options);
    } finally {
      this.running = null;
    }
  }

  matchupStatus(matchupId: string): MatchupStatus {
    this.enter('matchupStatus');
    try {
      const id = requireMatchupId(matchupId);
      return this.ledger.slotOf(id) >= 0 ? 'pending' : this.ledger.finishedState(id);
    } finally {
      this.running = null;
    }
  }

  pendingMatchups(): Matchup[] {
    this.enter('pendingMatchups');
    try {
      return this.ledger.pendingInOrder().map((matchup) => this.publicMatchup(matchup.id, matchup.ranking, matchup.left, matchup.right, matchup.kind));
    } finally {
      this.running = null;
    }
  }

  comparisons(options?: ComparisonsOptions): JobComparison[] {
    this.enter('comparisons');
    try {
      const [perVote, ranking] = optionsOf(options, COMPARISONS_OPTION_KEYS);
      if (perVote !== undefined && typeof perVote !== 'boolean') {
        throw new RankingInputError('options.perVote', `must be true or false, got ${describeValue(perVote)}`);
      }
      if (ranking !== undefined && !(typeof ranking === 'number' && Number.isInteger(ranking) && ranking >= 0 && ranking < this.rankings.length)) {
        throw new RankingInputError('options.ranking', `must be a ranking index in [0, ${this.rankings.length - 1}], got ${describeValue(ranking)}`);
      }
      return this.comparisonsOf(perVote === true, ranking === undefined ? null : (ranking as number));
    } finally {
      this.running = null;
    }
  }

  labelers(options?: LabelerTrustOptions): LabelerTrustReport {
    this.enter('labelers');
    try {
      return estimateLabelerTrust(this.comparisonsOf(true, null), this.withValidationAnswers(options));
    } finally {
      this.running = null;
    }
  }

  progress(): Progress {
    this.enter('progress');
    try {
      const perRanking: RankingProgress[] = this.rankings.map((state, ranking) => ({
        ranking,
        settled: state.settled,
        ...budgetProgress(state.budget, state.pending, state.completed, state.settled ? state.budget - state.pending - state.completed : 0),
        responses: this.responsesRecorded[ranking]!,
      }));
      const responses = perRanking.reduce((sum, entry) => sum + entry.responses, 0);
      const overall = { ...budgetProgress(this.totalBudget, this.totalPending, this.totalCompleted, this.totalSaved), responses, perRanking };
      const { validation } = this;
      return validation === null ? overall : { ...overall, validation: { pending: validation.pending, completed: validation.completed } };
    } finally {
      this.running = null;
    }
  }

  results(options: IntervalResultsOptions): RankingResult<RankingResultEntryWithIntervals>[];
  results(options?: ResultsOptions): RankingResult[];
  results(options?: ResultsOptions): RankingResult[] {
    this.enter('results');
    try {
      return this.score(options);
    } finally {
      this.running = null;
    }
  }

  events(fromIndex: number = this.log.base): RankingJobEvent[] {
    this.enter('events');
    try {
      this.requireHeldIndex(fromIndex, 'fromIndex');
      return this.log.read(fromIndex, this.ledger, (ranking, index) => this.datapointId(ranking, index));
    } finally {
      this.running = null;
    }
  }

  trimEvents(beforeIndex: number): void {
    this.enter('trimEvents');
    try {
      this.requireHeldIndex(beforeIndex, 'beforeIndex');
      this.log.trim(beforeIndex);
    } finally {
      this.running = null;
    }
  }

  // An event index in [first held, next]: what `events` reads from and `trimEvents` trims to.
  private requireHeldIndex(value: unknown, name: string): void {
    const { base, next } = this.log;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < base || value > next) {
      const below = base > 0 ? '; those below were trimmed or came before its snapshot' : '';
      throw new RankingInputError(name, `must be an integer in [${base}, ${next}] (the events this job holds${below}), got ${describeValue(value)}`);
    }
  }

  snapshot(): RankingJobSnapshot {
    this.enter('snapshot');
    try {
      const { rng } = this;
      return buildSnapshot({
        definition: this.definition,
        rng: isLibraryRng(rng) ? rng.state() : null,
        nextEventSequence: this.log.next,
        rankings: this.rankings,
        ledger: this.ledger,
        validationIds: this.validation === null ? null : this.validation.ids,
      });
    } finally {
      this.running = null;
    }
  }

  // Marks `call` as running, or refuses it when another call of this job is (a callback
  // calling back in). Callers reset `running` in a finally, so a throw cannot leave it set.
  private enter(call: string): void {
    if (this.running !== null) {
      throw new RankingInputError(
        'job',
        `a call to ${this.running} is already running; ${call} was called from inside it (by the job's rng, an option's getter or a Proxy trap), and a job takes one call at a time: make the call after ${this.running} returns`,
      );
    }
    this.running = call;
  }

  private issueMatchups(limit: number, options: NextMatchupsOptions | undefined): Matchup[] {
    requirePositiveInteger(limit, 'limit');
    const now = options === undefined ? null : nowOf(optionsOf(options, NEXT_OPTION_KEYS)[0]);
    const ttl = this.definition.matchupTtlMs;
    if (ttl !== null && now === null) {
      throw new RankingInputError('options.now', `is required: the definition has matchupTtlMs ${ttl}, so each matchup needs an issue time`);
    }
    const deadline = ttl === null ? null : matchupDeadline(now!, ttl);
    const available = this.totalBudget - this.totalPending - this.totalCompleted - this.totalSaved;
    const most = Math.min(limit, MAX_MATCHUPS_PER_CALL);
    const validationSlots = this.validation === null || available === 0 ? null : this.drawValidationSlots(this.validation.rate, most, available);
    const count = validationSlots === null ? Math.min(most, available) : validationSlots.length;
    if (count === 0) return [];
    const draws = count <= REUSED_DRAW_MATCHUPS ? this.draws : new Float64Array(count * DRAWS_PER_MATCHUP);
    fillUniformDraws(this.rng, draws, count * DRAWS_PER_MATCHUP, 'options.rng');
    const first = this.ledger.issued + 1;
    const issued: Matchup[] = new Array<Matchup>(count);
    for (let k = 0; k < count; k++) {
      issued[k] = validationSlots !== null && validationSlots[k] === 1
        ? this.issueValidation(draws, k * DRAWS_PER_MATCHUP, deadline)
        : this.issue(draws, k * DRAWS_PER_MATCHUP, deadline);
    }
    this.log.issued(first, count, now);
    return issued;
  }

  // Which of the next slots hold a validation matchup (1) rather than a ranking's (0): one
  // draw each, in order, until `most` slots or `available` ranking matchups. Drawn and
  // checked before anything changes; a job without validation draws none, so its stream
  // of draws is what it was before validation existed.
  private drawValidationSlots(rate: number, most: number, available: number): Uint8Array {
    const slots = new Uint8Array(most);
    const draw = new Float64Array(1);
    let count = 0;
    let ranked = 0;
    while (count < most && ranked < available) {
      fillUniformDraws(this.rng, draw, 1, 'options.rng');
      if (draw[0]! < rate) slots[count] = 1;
      else ranked++;
      count++;
    }
    return slots.subarray(0, count);
  }

  // Issues one validation matchup, from draws[at + 1] (which) and draws[at + 3] (sides).
  private issueValidation(draws: Float64Array, at: number, deadline: number | null): Matchup {
    const validation = this.validation!;
    const { pair } = this;
    validation.pick(draws[at + 1]!, draws[at + 3]!, pair);
    const sequence = this.ledger.issued + 1;
    this.ledger.open(VALIDATION_RANKING, pair[0]!, pair[1]!, VALIDATION_KIND_CODE, -1, 0, deadline);
    validation.pending++;
    return this.publicMatchup(matchupIdOf(sequence), VALIDATION_RANKING, pair[0]!, pair[1]!, 'validation');
  }

  private record(matchupId: string, outcome: Outcome, options: RecordResponseOptions | undefined): boolean {
    let responseId: string | undefined;
    let labelerId: string | undefined;
    let now: number | null = null;
    if (options !== undefined) {
      const [responseOption, nowOption, labelerOption] = optionsOf(options, RESPONSE_OPTION_KEYS);
      if (responseOption !== undefined && typeof responseOption !== 'string') {
        throw new RankingInputError('options.responseId', `must be a string, got ${describeValue(responseOption)}`);
      }
      responseId = responseOption;
      if (labelerOption !== undefined) labelerId = requireNonEmptyString(labelerOption, 'options.labelerId');
      now = nowOf(nowOption);
    }
    // The outcome's code in the ledger's vote columns (the order of OUTCOMES).
    const code = outcome === 'left' ? 0 : outcome === 'right' ? 1 : outcome === 'draw' ? 2 : -1;
    if (code < 0) requireOneOf(outcome, OUTCOMES, 'outcome');
    const { ledger } = this;
    const slot = ledger.slotOf(requireMatchupId(matchupId));
    if (slot < 0) {
      if (responseId !== undefined && ledger.completedWithResponse(matchupId, responseId)) return false;
      throw this.notPendingError(matchupId, 'takes no more responses');
    }
    if (responseId !== undefined && ledger.hasResponse(slot, responseId)) return false;
    const deadline = ledger.deadlineAt(slot);
    // A matchup without a deadline has NaN here, which no `now` reaches.
    if (now !== null && now >= deadline) {
      throw new RankingInputError(
        'matchupId',
        `matchup ${matchupId} expired at ${deadline} (now is ${now}) and takes no more responses; call expireMatchups to return its budget`,
      );
    }
    if (responseId !== undefined) ledger.addResponse(slot, responseId);
    const sequence = ledger.sequenceAt(slot);
    const ranking = ledger.rankingOf(sequence);
    const left = ledger.leftOf(sequence);
    const right = ledger.rightOf(sequence);
    const votes = ledger.addVote(slot, code);
    ledger.votes.addCode(sequence, code, labelerId);
    this.log.response(sequence, code, responseId, labelerId, now);
    if (ranking !== VALIDATION_RANKING) this.responsesRecorded[ranking]!++;
    const { adaptive } = this;
    if (adaptive === null ? votes === this.definition.responsesPerComparison : this.decide(adaptive, slot, code, ranking, left, labelerId, votes)) {
      if (ranking === VALIDATION_RANKING) this.completeValidation(slot);
      else this.complete(slot, ranking, left, right);
    }
    return true;
  }

  private release(matchupId: string): void {
    const { ledger } = this;
    const slot = ledger.slotOf(requireMatchupId(matchupId));
    if (slot < 0) throw this.notPendingError(matchupId, 'cannot be released');
    const sequence = ledger.sequenceAt(slot);
    const ranking = ledger.rankingOf(sequence);
    if (ranking === VALIDATION_RANKING) this.validation!.pending--;
    else this.giveBack(ranking, ledger.leftOf(sequence), ledger.rightOf(sequence), ledger.pairAt(slot), ledger.roundAt(slot));
    ledger.release(slot);
    this.log.released(sequence);
  }

  private expire(now: number): string[] {
    requireFinite(now, 'now');
    const expired = this.ledger.expire(now);
    if (expired.length === 0) return [];
    for (const matchup of expired) {
      if (matchup.ranking === VALIDATION_RANKING) this.validation!.pending--;
      else this.giveBack(matchup.ranking, matchup.left, matchup.right, matchup.pair, matchup.round);
    }
    this.log.expired(expired.map((matchup) => matchup.sequence), now);
    return expired.map((matchup) => matchup.id);
  }

  private add(ranking: number, ids: readonly string[], options: AddDatapointsOptions | undefined): void {
    if (typeof ranking !== 'number' || !Number.isInteger(ranking) || ranking < 0 || ranking >= this.rankings.length) {
      throw new RankingInputError('ranking', `must be a ranking index in [0, ${this.rankings.length - 1}], got ${describeValue(ranking)}`);
    }
    const state = this.rankings[ranking]!;
    const datapoints = newDatapoints(ids, state, ranking);
    const [extraOption, ratingOption] = optionsOf(options, ADD_OPTION_KEYS);
    const extraBudget = extraOption === undefined ? 0 : requireNonNegativeInteger(extraOption, 'options.extraBudget');
    if (this.totalBudget + extraBudget > Number.MAX_SAFE_INTEGER) {
      throw new RankingInputError('options.extraBudget', `would take the job's total budget past ${Number.MAX_SAFE_INTEGER}`);
    }
    const base = this.definition.elo.initialRating;
    const initialRating = ratingOption === undefined ? base : requireFinite(ratingOption, 'options.initialRating');
    // Offsets must stay well inside the range where the rating grid is exact (2^53 grid
    // steps), leaving room for the Elo moves that follow.
    const reach = state.quantum * 2 ** 50;
    if (Math.abs(initialRating - base) > reach) {
      throw new RankingInputError('options.initialRating', `must be within ±${reach} of the definition's initial rating ${base} (so sums of ratings stay exact), got ${initialRating}`);
    }
    const tieKeys = new Float64Array(datapoints.length);
    fillUniformDraws(this.rng, tieKeys, datapoints.length, 'options.rng');
    // Starting offsets sit on the rating grid like every rating change, so sums stay exact.
    const quantum = state.quantum;
    const startOffset = Math.round((initialRating - base) / quantum) * quantum;
    state.addDatapoints(datapoints, tieKeys, startOffset, extraBudget);
    this.totalBudget += extraBudget;
    if (state.settled) this.totalSaved += extraBudget;
    this.refreshSettled(ranking);
    this.log.added({ ranking, datapoints, extraBudget, initialRating: base + startOffset });
  }

  // Completed matchups (or their votes) as records, for comparisons() and results().
  private comparisonsOf(perVote: boolean, ranking: number | null): JobComparison[] {
    return jobComparisons(
      this.ledger.votes,
      (sequence) => this.ledger.isCompleted(sequence),
      (r, index) => this.datapointId(r, index),
      this.definition.voteAggregation,
      perVote,
      ranking,
      this.definition.responsesPerComparison,
      this.definition.validation,
    );
  }

  private score(options: ResultsOptions | undefined): RankingResult[] {
    const scoring = resolveResultsOptions(options, (minTrust) =>
      labelerWeightsFromTrust(estimateLabelerTrust(this.comparisonsOf(true, null), this.withValidationAnswers(undefined)), { minTrust }),
    );
    const { definition, rankings, ledger } = this;
    if (scoring.scorer === 'elo') return rankings.map((state, ranking) => rankingResult(state, ranking, this.responsesCompleted[ranking]!, definition.elo.initialRating));
    if (scoring.scorer === 'posterior') {
      const isCompleted = (sequence: number) => ledger.isCompleted(sequence);
      const factors = posteriorFactors(ledger.votes, isCompleted, fixedResponses(definition.responsesPerComparison), rankings.length, scoring.weightOf);
      return rankings.map((state, ranking) => posteriorResult(state, ranking, this.responsesCompleted[ranking]!, factors[ranking]!, definition, scoring));
    }
    // One pass over the votes for every ranking, not one per ranking.
    const votesByRanking = rankings.map((): JobComparison[] => []);
    for (const vote of this.comparisonsOf(true, null)) votesByRanking[vote.ranking]!.push(vote);
    return rankings.map((state, ranking) => bradleyTerryResult(state, ranking, this.responsesCompleted[ranking]!, votesByRanking[ranking]!, definition.elo, scoring));
  }

  // Adds a response to the stopping rule's tally of the matchup in `slot` (its
  // `responses`-th), weighed as of its place in the log, and says whether the matchup
  // completes; keeps the verdict for complete().
  private decide(adaptive: AdaptiveTallies, slot: number, code: number, ranking: number, left: number, labelerId: string | undefined, responses: number): boolean {
    this.verdict = adaptive.add(slot, code, adaptive.weights.weigh(ranking, left, code, labelerId), responses);
    return this.verdict !== VERDICT.collecting;
  }

  // Counts the responses of a restored ledger by ranking, and rebuilds the stopping rule's
  // tallies of its pending matchups and the responses' weights (every response, in order,
  // as the live job weighed them). O(responses).
  private countResponses(): void {
    const { ledger, adaptive } = this;
    // Responses so far of each pending matchup, by slot.
    const pendingResponses = new Map<number, number>();
    ledger.votes.forEach(({ sequence, ranking, left, outcome, labelerId }) => {
      if (ranking !== VALIDATION_RANKING) {
        this.responsesRecorded[ranking]!++;
        if (ledger.isCompleted(sequence)) this.responsesCompleted[ranking]!++;
      }
      if (adaptive === null) return;
      const code = OUTCOMES.indexOf(outcome);
      const weight = adaptive.weights.weigh(ranking, left, code, labelerId);
      const slot = ledger.slotOf(matchupIdOf(sequence));
      if (slot < 0) return;
      const responses = (pendingResponses.get(slot) ?? 0) + 1;
      pendingResponses.set(slot, responses);
      adaptive.add(slot, code, weight, responses);
    });
  }

  // Issues one matchup on the ranking the budget queue names, from draws[at … at+3].
  private issue(draws: Float64Array, at: number, deadline: number | null): Matchup {
    const ranking = this.queue.peek();
    const state = this.rankings[ranking]!;
    const { definition, pair } = this;
    let kind: RankingMatchupKind;
    // The kind's code in the ledger (its index in KIND_CODES).
    let kindCode: number;
    let pairNumber = -1;
    let round = 0;
    const placing = state.sort === null || state.sort.complete ? -1 : state.sort.nextToPlace((x) => state.pendingOf(x) === 0);
    if (placing >= 0) {
      kind = 'sort';
      kindCode = 4;
      pair[0] = placing;
      pair[1] = state.sort!.pivotFor(placing);
    } else if (state.schedule !== null) {
      kind = 'roundRobin';
      kindCode = 2;
      pairNumber = state.schedule.next(draws[at]!, draws[at + 1]!);
      round = state.schedule.lastRound;
      pair[0] = pairLow(pairNumber);
      pair[1] = pairHigh(pairNumber);
    } else if (draws[at]! < definition.randomComparisonsRatio && (state.sort === null || state.sort.complete)) {
      kind = 'random';
      kindCode = 0;
      pickRandomPair(state.size, draws[at + 1]!, draws[at + 2]!, pair);
    } else if (definition.pairing !== 'adaptive') {
      // Information-gain and sort pairing (a mean index kept only for stopWhen does not make adaptive pairing informative).
      kind = 'informationGain';
      kindCode = 3;
      pickInformativePair(state, definition.closeMatchCandidates, draws[at + 1]!, this.closeScratch, pair);
    } else {
      kind = 'close';
      kindCode = 1;
      pickClosePair(state, definition.closeMatchCandidates, draws[at + 1]!, draws[at + 2]!, this.closeScratch, pair);
    }
    const swap = draws[at + 3]! < 0.5;
    const left = swap ? pair[1]! : pair[0]!;
    const right = swap ? pair[0]! : pair[1]!;
    const sequence = this.ledger.issued + 1;
    this.ledger.open(ranking, left, right, kindCode, pairNumber, round, deadline);
    state.noteIssued(left, right);
    this.totalPending++;
    this.queue.reposition(ranking);
    const { ids } = state;
    const context = this.contexts === null ? null : this.contexts[ranking]!;
    if (context !== null) return { id: matchupIdOf(sequence), ranking, left: ids[left]!, right: ids[right]!, kind, context };
    return { id: matchupIdOf(sequence), ranking, left: ids[left]!, right: ids[right]!, kind };
  }

  // Completes the matchup in a pending slot (of `ranking`, between datapoints `left` and `right`) with its votes.
  private complete(slot: number, ranking: number, left: number, right: number): void {
    const { ledger } = this;
    const leftVotes = ledger.votesAt(slot, 0);
    const rightVotes = ledger.votesAt(slot, 1);
    const drawVotes = ledger.votesAt(slot, 2);
    const { adaptive } = this;
    const aggregation = this.definition.voteAggregation;
    const scoreLeft = adaptive === null ? aggregateVotes(leftVotes, rightVotes, drawVotes, aggregation) : adaptive.score(slot, this.verdict, aggregation);
    this.rankings[ranking]!.noteCompleted(left, right, scoreLeft, leftVotes + drawVotes / 2, rightVotes + drawVotes / 2);
    this.responsesCompleted[ranking]! += leftVotes + rightVotes + drawVotes;
    ledger.complete(slot);
    this.totalPending--;
    this.totalCompleted++;
    this.refreshSettled(ranking);
  }

  // Re-applies the stopWhen rule to ranking r after its posterior or datapoints changed,
  // and moves its unissued budget in or out of the saved total.
  private refreshSettled(r: number): void {
    const state = this.rankings[r]!;
    const rule = this.definition.stopWhen;
    const settled = rule !== null && isSettled(state, rule, () => rankingPosterior(state, state.completedFactors!.view(), this.definition));
    if (settled !== state.settled) {
      const unissued = state.budget - state.pending - state.completed;
      this.totalSaved += settled ? unissued : -unissued;
      state.settled = settled;
    }
    this.queue.reposition(r);
  }

  // Returns a released or expired matchup's budget unit, and its pair to the schedule.
  private giveBack(ranking: number, left: number, right: number, pairNumber: number, round: number): void {
    const state = this.rankings[ranking]!;
    state.noteReleased(left, right);
    state.schedule?.putBack(pairNumber, round);
    this.totalPending--;
    if (state.settled) this.totalSaved++;
    this.queue.reposition(ranking);
  }

  // The error for an id that is not pending: completed, released, expired or never issued.
  private notPendingError(matchupId: string, consequence: string): RankingInputError {
    const state = this.ledger.finishedState(matchupId);
    if (state === 'unknown') {
      return new RankingInputError('matchupId', `unknown matchup id ${describeValue(matchupId)}; use an id returned by nextMatchups`);
    }
    const what = state === 'completed' ? 'is already completed' : state === 'released' ? 'was released' : 'expired';
    return new RankingInputError('matchupId', `matchup ${matchupId} ${what} and ${consequence}`);
  }

  private publicMatchup(id: string, ranking: number, left: number, right: number, kind: MatchupKind): Matchup {
    if (ranking === VALIDATION_RANKING) {
      const { ids } = this.validation!;
      const { context } = this.definition.validation!.matchups[left >> 1]!;
      const matchup = { id, ranking: null, left: ids[left]!, right: ids[right]!, kind: 'validation' } as const;
      return context === undefined ? matchup : { ...matchup, context };
    }
    const { ids } = this.rankings[ranking]!;
    const matchup = { id, ranking, left: ids[left]!, right: ids[right]!, kind: kind as RankingMatchupKind };
    const context = this.contexts === null ? null : this.contexts[ranking]!;
    return context === null ? matchup : { ...matchup, context };
  }

  // The id of datapoint `index` of a ranking, or of the validation pool (VALIDATION_RANKING).
  private datapointId(ranking: number, index: number): string {
    return ranking === VALIDATION_RANKING ? this.validation!.ids[index]! : this.rankings[ranking]!.ids[index]!;
  }

  // Completes a validation matchup: nothing to rate, only its votes to keep.
  private completeValidation(slot: number): void {
    this.ledger.complete(slot);
    const validation = this.validation!;
    validation.pending--;
    validation.completed++;
  }

  // Counts the pending and completed validation matchups of a restored ledger.
  private countValidation(validation: ValidationPool): void {
    const { ledger } = this;
    for (const matchup of ledger.pendingInOrder()) if (matchup.ranking === VALIDATION_RANKING) validation.pending++;
    // A matchup's votes may interleave with others': count each sequence once.
    const counted = new Set<number>();
    ledger.votes.forEach(({ sequence, ranking }) => {
      if (ranking === VALIDATION_RANKING && ledger.isCompleted(sequence)) counted.add(sequence);
    });
    validation.completed = counted.size;
  }

  // The labelers' answers to completed validation matchups, as estimateLabelerTrust takes
  // them, added to the caller's trust options (read once: a copy goes on).
  private withValidationAnswers(options: LabelerTrustOptions | undefined): LabelerTrustOptions | undefined {
    const { validation } = this;
    if (validation === null || validation.completed === 0) return options;
    const answers: ValidationAnswer[] = [];
    const { ledger } = this;
    ledger.votes.forEach(({ sequence, ranking, left, outcome, labelerId }) => {
      if (ranking !== VALIDATION_RANKING || labelerId === undefined || !ledger.isCompleted(sequence)) return;
      answers.push({ labelerId, answer: validation.answerShown(left), outcome });
    });
    if (options === undefined) return { validation: answers };
    if (typeof options !== 'object' || options === null || Array.isArray(options)) return options;
    const copy: Record<string, unknown> = { ...options };
    const given = copy['validation'];
    if (!Array.isArray(given)) {
      copy['validation'] = given === undefined ? answers : given;
      return copy as LabelerTrustOptions;
    }
    // The caller's answers first, so an error names the caller's own index; read by index,
    // once each, and only up to a hole (refused at its index): a spread would run an own
    // iterator, or fill in every hole of a huge sparse array before any check.
    const merged: unknown[] = [];
    const length = given.length;
    for (let i = 0; i < length; i++) {
      const item: unknown = given[i];
      merged.push(item);
      if (item === undefined) break;
    }
    if (merged.length === length) for (const answer of answers) merged.push(answer);
    copy['validation'] = merged;
    return copy as LabelerTrustOptions;
  }
}

// The ids given to addDatapoints, read once each (the array's length too) and checked as
// read: unique, non-empty, new to the ranking. The copy is what the job stores and logs.
function newDatapoints(ids: unknown, state: RankingState, ranking: number): string[] {
  const count = Array.isArray(ids) ? ids.length : 0;
  if (count === 0) {
    const given = Array.isArray(ids) ? 'an array of length 0' : describeValue(ids);
    throw new RankingInputError('ids', `must be a non-empty array of datapoint ids, got ${given}`);
  }
  const list = ids as readonly unknown[];
  const datapoints: string[] = [];
  const fresh = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const id = requireNonEmptyString(list[i], `ids[${i}]`);
    const earlier = fresh.get(id);
    if (earlier !== undefined) throw new RankingInputError(`ids[${i}]`, `duplicates ids[${earlier}] (${describeValue(id)})`);
    if (state.has(id)) throw new RankingInputError(`ids[${i}]`, `${describeValue(id)} is already in ranking ${ranking}`);
    fresh.set(id, i);
    datapoints.push(id);
  }
  return datapoints;
}

function requireMatchupId(matchupId: unknown): string {
  if (typeof matchupId !== 'string') {
    throw new RankingInputError('matchupId', `must be a matchup id string, got ${describeValue(matchupId)}`);
  }
  return matchupId;
}

// The values of a call's allowed options, in the order of `allowed`, each read once
// (none when the options are omitted).
function optionsOf(options: unknown, allowed: readonly string[]): readonly unknown[] {
  return options === undefined ? NO_OPTIONS : readOptions(options, allowed, 'options', 'options.');
}

// The `now` option (null when absent), checked to be finite.
function nowOf(now: unknown): number | null {
  return now === undefined ? null : requireFinite(now, 'options.now');
}

function budgetProgress(budget: number, pending: number, completed: number, saved: number): BudgetProgress {
  return {
    budget,
    pending,
    completed,
    remaining: budget - completed,
    available: budget - pending - completed - saved,
    saved,
    fraction: completed / budget,
  };
}
