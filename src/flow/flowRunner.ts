/**
 * The ranking flow behind the {@link RankingFlow} interface: validates each call, then
 * drives the batch queue, the pair selection on the batches' item blocks, the ledger and
 * the deadline heaps, and appends what happened to the event log.
 *
 * Every issued matchup takes exactly four draws (kind, two for the pair, side), and a
 * batch one per datapoint (tie keys), so the stream of draws does not depend on which
 * kind each matchup turned out to be. Calls check every argument before changing
 * anything; the generator is one of `createRng`'s, whose draws need no check.
 * @internal
 * @module
 */
import { eloQuantum } from '../elo/eloDelta.js';
import { fastEloDelta } from '../elo/fastEloDelta.js';
import { RankingInputError, describeValue } from '../errors.js';
import type { Outcome } from '../job/types.js';
import type { SeededRng } from '../rng/rng.js';
import { fillUniformDraws } from '../rng/uniformDraws.js';
import { pickRandomPair } from '../selection/randomPair.js';
import { readOptions, requireFinite, requireNonEmptyString, requireOneOf, requirePositiveInteger } from '../validate.js';
import { fitBatch } from './batchBradleyTerry.js';
import { batchDatapoints } from './batchDatapoints.js';
import { bradleyTerryEntries, resultEntries } from './batchResult.js';
import { BatchQueue } from './batchQueue.js';
import { DeadlineHeap } from './deadlineHeap.js';
import { BATCH, FlowBatches, batchIdOf, batchIndexOf } from './flowBatches.js';
import { optionalTtl } from './flowConfig.js';
import { FlowEventLog } from './flowEventLog.js';
import { LiveItems, ResultItems } from './flowItems.js';
import { FlowLedger, MATCHUP, matchupIdOfSequence, sequenceOfMatchupId } from './flowLedger.js';
import { createCloseScratch, pickCloseInBlock, type CloseScratch } from './flowPairing.js';
import { buildFlowSnapshot } from './flowSnapshot.js';
import type { RankingFlowSnapshot } from './flowSnapshotTypes.js';
import { PairTallies } from './pairTallies.js';
import type {
  AddBatchOptions,
  FlowBatchResult,
  FlowBatchState,
  FlowBatchStatus,
  FlowExpiry,
  FlowMatchup,
  FlowNextMatchupsOptions,
  FlowProgress,
  FlowRecordResponseOptions,
  RankingFlow,
  RankingFlowConfig,
  RankingFlowEvent,
} from './flowTypes.js';
import { normaliseContext } from '../definition/normaliseContext.js';

const DRAWS_PER_MATCHUP = 4;
// Batches up to this many matchups draw into a reused buffer.
const REUSED_DRAW_MATCHUPS = 256;
/** Most matchups one `nextMatchups` call hands out (as a job's). */
export const MAX_FLOW_MATCHUPS_PER_CALL = 65_536;
const OUTCOMES: readonly Outcome[] = ['left', 'right', 'draw'];
const ADD_KEYS = ['now', 'ttlMs', 'context'] as const;
const NEXT_KEYS = ['now'] as const;
const RESPONSE_KEYS = ['responseId', 'now', 'labelerId'] as const;
const STATE_NAMES: readonly FlowBatchState[] = ['pending', 'completed', 'incomplete', 'expired'];
const NO_OPTIONS: readonly unknown[] = [];

/** What a flow is made of: fresh, or rebuilt from a snapshot. */
export interface FlowParts {
  readonly config: RankingFlowConfig;
  readonly rng: SeededRng;
  readonly batches: FlowBatches;
  readonly live: LiveItems;
  readonly results: ResultItems;
  readonly ledger: FlowLedger;
  readonly log: FlowEventLog;
  /** The open batches' pair counts, in a flow scored by Bradley–Terry; else null. */
  readonly tallies: PairTallies | null;
}

/** Fresh, empty parts for a flow with this configuration and generator. */
export function freshFlowParts(config: RankingFlowConfig, rng: SeededRng, logBase = 0): FlowParts {
  const batches = new FlowBatches();
  const bradleyTerry = config.scorer === 'bradleyTerry';
  return {
    config,
    rng,
    batches,
    live: new LiveItems(),
    results: new ResultItems(bradleyTerry),
    ledger: new FlowLedger(batches),
    log: new FlowEventLog(logBase),
    tallies: bradleyTerry ? new PairTallies() : null,
  };
}

/** The time `ttl` after `now`, refused when it overflows or rounds back to `now`. */
export function deadlineAfter(now: number, ttl: number, path: string, what: string): number {
  const deadline = now + ttl;
  if (!Number.isFinite(deadline) || !(deadline > now)) {
    throw new RankingInputError(path, `${now} plus ${what} (${ttl}) must be a finite time after now; give clock readings below ${what} × 2^52 in magnitude`);
  }
  return deadline;
}

/** The flow. */
export class FlowRunner implements RankingFlow {
  readonly config: RankingFlowConfig;
  private readonly rng: SeededRng;
  private readonly batches: FlowBatches;
  private readonly live: LiveItems;
  private readonly results: ResultItems;
  private readonly ledger: FlowLedger;
  private readonly log: FlowEventLog;
  private readonly tallies: PairTallies | null;
  private readonly queue: BatchQueue;
  // Pending batches with a deadline, by deadline.
  private readonly batchDeadlines = new DeadlineHeap();
  private liveBatchDeadlines = 0;
  // Batches by status code (0 pending … 3 expired), forgotten ones included; and forgotten ones.
  private readonly counts = [0, 0, 0, 0];
  private forgotten = 0;
  // Matchups the pending batches can still hand out.
  private available = 0;
  private readonly quantum: number;
  private readonly inverseQuantum: number;
  private readonly lnTenOverScale: number;
  private readonly pair = new Int32Array(2);
  private readonly draws = new Float64Array(REUSED_DRAW_MATCHUPS * DRAWS_PER_MATCHUP);
  private tieKeys = new Float64Array(16);
  private readonly scratch: CloseScratch;
  // The public call under way: a call made from inside it (an option's getter, a Proxy trap) is refused.
  private running: string | null = null;

  constructor(parts: FlowParts) {
    this.config = parts.config;
    this.rng = parts.rng;
    this.batches = parts.batches;
    this.live = parts.live;
    this.results = parts.results;
    this.ledger = parts.ledger;
    this.log = parts.log;
    this.tallies = parts.tallies;
    const { elo } = this.config;
    this.quantum = eloQuantum(elo.kFactor, elo.scale);
    this.inverseQuantum = 1 / this.quantum;
    this.lnTenOverScale = Math.LN10 / elo.scale;
    this.scratch = createCloseScratch(this.config.closeMatchCandidates);
    this.queue = new BatchQueue(this.batches);
    // What is derived from the batch columns: counts, available work, the queue and the deadline heap.
    const { batches } = this;
    for (let b = 0; b < batches.count; b++) {
      const status = batches.status[b]!;
      this.counts[status & 7]!++;
      if (status >= BATCH.forgotten) this.forgotten++;
      if (status !== BATCH.pending) continue;
      this.available += batches.budget[b]! - batches.completed[b]! - batches.pending[b]!;
      this.queue.reposition(b);
      const deadline = batches.deadline[b]!;
      if (!Number.isNaN(deadline)) {
        this.batchDeadlines.push(deadline, b);
        this.liveBatchDeadlines++;
      }
    }
  }

  addBatch(datapoints: readonly string[], options: AddBatchOptions): string {
    this.enter('addBatch');
    try {
      return this.add(datapoints, options);
    } finally {
      this.running = null;
    }
  }

  nextMatchups(limit: number, options: FlowNextMatchupsOptions): FlowMatchup[] {
    this.enter('nextMatchups');
    try {
      return this.issueMatchups(limit, options);
    } finally {
      this.running = null;
    }
  }

  recordResponse(matchupId: string, outcome: Outcome, options?: FlowRecordResponseOptions): boolean {
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
      const sequence = this.pendingSequence(matchupId, 'cannot be released');
      this.giveBack(sequence, MATCHUP.released);
      this.log.released(sequence);
    } finally {
      this.running = null;
    }
  }

  expire(now: number): FlowExpiry {
    this.enter('expire');
    try {
      const checked = requireFinite(now, 'now');
      const [matchups, batches] = this.expireDue(checked);
      if (matchups.length > 0 || batches.length > 0) this.log.expired(matchups, batches, checked);
      return { matchupIds: matchups.map(matchupIdOfSequence), batchIds: batches.map(batchIdOf) };
    } finally {
      this.running = null;
    }
  }

  forgetBatch(batchId: string): void {
    this.enter('forgetBatch');
    try {
      const b = this.knownBatch(batchId);
      const { batches } = this;
      if (batches.status[b] === BATCH.pending) {
        throw new RankingInputError('batchId', `batch ${batchId} is still pending; only a closed batch's result can be forgotten`);
      }
      this.results.release(batches.base[b]!, batches.size[b]!);
      batches.status[b]! |= BATCH.forgotten;
      this.forgotten++;
      this.log.forgotten(b);
    } finally {
      this.running = null;
    }
  }

  batchStatus(batchId: string): FlowBatchStatus {
    this.enter('batchStatus');
    try {
      const b = this.knownBatch(batchId);
      const { batches } = this;
      const deadline = batches.deadline[b]!;
      return {
        batch: batchIdOf(b),
        status: STATE_NAMES[batches.status[b]!]!,
        datapoints: batches.size[b]!,
        responses: batches.completed[b]!,
        pending: batches.pending[b]!,
        maxResponses: batches.budget[b]!,
        minResponses: batches.minimum[b]!,
        addedAt: batches.addedAt[b]!,
        deadline: Number.isNaN(deadline) ? null : deadline,
        context: batches.contexts[b]!,
      };
    } finally {
      this.running = null;
    }
  }

  batchResults(batchId: string): FlowBatchResult {
    this.enter('batchResults');
    try {
      const b = this.knownBatch(batchId);
      const { batches } = this;
      const status = batches.status[b]!;
      const open = status === BATCH.pending;
      const columns = open ? this.live : this.results;
      const ids = batches.ids[b]!;
      const base = batches.base[b]!;
      const { tallies } = this;
      const entries =
        tallies === null
          ? resultEntries(ids, columns, base, this.config.elo.initialRating)
          : bradleyTerryEntries(ids, columns, base, open ? fitBatch(ids, tallies.sorted(b), this.config.elo) : this.results.fitAt(base, ids.length));
      return { batch: batchIdOf(b), status: STATE_NAMES[status]!, responses: batches.completed[b]!, entries };
    } finally {
      this.running = null;
    }
  }

  pendingMatchups(): FlowMatchup[] {
    this.enter('pendingMatchups');
    try {
      return this.ledger.pendingSequences().map((sequence) => this.matchupOf(sequence));
    } finally {
      this.running = null;
    }
  }

  progress(): FlowProgress {
    this.enter('progress');
    try {
      const [pending, completed, incomplete, expired] = this.counts as [number, number, number, number];
      return {
        added: this.batches.count,
        pending,
        completed,
        incomplete,
        expired,
        forgotten: this.forgotten,
        pendingMatchups: this.ledger.pendingCount,
        available: this.available,
        issued: this.ledger.issued,
      };
    } finally {
      this.running = null;
    }
  }

  events(fromIndex: number = this.log.base): RankingFlowEvent[] {
    this.enter('events');
    try {
      if (typeof fromIndex !== 'number' || !Number.isInteger(fromIndex) || fromIndex < this.log.base || fromIndex > this.log.next) {
        throw new RankingInputError('fromIndex', `must be an integer in [${this.log.base}, ${this.log.next}] (the events this flow holds), got ${describeValue(fromIndex)}`);
      }
      return this.log.read(fromIndex, this.batches, this.ledger);
    } finally {
      this.running = null;
    }
  }

  snapshot(): RankingFlowSnapshot {
    this.enter('snapshot');
    try {
      return buildFlowSnapshot({
        config: this.config,
        rng: this.rng.state(),
        nextEventSequence: this.log.next,
        batches: this.batches,
        live: this.live,
        results: this.results,
        ledger: this.ledger,
        tallies: this.tallies,
      });
    } finally {
      this.running = null;
    }
  }

  private enter(call: string): void {
    if (this.running !== null) {
      throw new RankingInputError(
        'flow',
        `a call to ${this.running} is already running; ${call} was called from inside it (by an option's getter or a Proxy trap), and a flow takes one call at a time`,
      );
    }
    this.running = call;
  }

  private add(datapoints: unknown, options: unknown): string {
    const ids = batchDatapoints(datapoints, 'datapoints');
    const [nowOption, ttlOption, contextOption] = readOptions(options, ADD_KEYS, 'options', 'options.');
    const now = requireFinite(nowOption, 'options.now');
    const ttl = ttlOption === undefined ? this.config.ttlMs : optionalTtl(ttlOption, 'options.ttlMs');
    const deadline = ttl === null ? Number.NaN : deadlineAfter(now, ttl, 'options.now', 'ttlMs');
    const context = contextOption === undefined || contextOption === null ? null : normaliseContext(contextOption, 'options.context');
    const size = ids.length;
    if (this.tieKeys.length < size) this.tieKeys = new Float64Array(size);
    fillUniformDraws(this.rng, this.tieKeys, size, 'rng');
    const { config, batches } = this;
    const per = config.responsesPer === 'datapoint' ? size : 1;
    const budget = config.maxResponses * per;
    const b = batches.add(ids, context, budget, config.minResponses * per, deadline, now);
    batches.base[b] = this.live.allocate(size, this.tieKeys);
    if (ttl !== null) {
      this.batchDeadlines.push(deadline, b);
      this.liveBatchDeadlines++;
    }
    this.counts[BATCH.pending]!++;
    this.available += budget;
    this.queue.reposition(b);
    this.log.added(b, ttl ?? Number.NaN, now);
    return batchIdOf(b);
  }

  private issueMatchups(limit: unknown, options: unknown): FlowMatchup[] {
    requirePositiveInteger(limit, 'limit');
    const now = requireFinite(readOptions(options, NEXT_KEYS, 'options', 'options.')[0], 'options.now');
    const ttl = this.config.matchupTtlMs;
    const deadline = ttl === null ? Number.NaN : deadlineAfter(now, ttl, 'options.now', 'matchupTtlMs');
    const [matchups, closed] = this.expireDue(now);
    // One event per call, as a job logs: the expiry goes into the issue's event, or is the event when nothing is issued.
    const expired = matchups.length > 0 || closed.length > 0;
    const count = Math.min(limit as number, MAX_FLOW_MATCHUPS_PER_CALL, this.available);
    if (count === 0) {
      if (expired) this.log.expired(matchups, closed, now);
      return [];
    }
    const draws = count <= REUSED_DRAW_MATCHUPS ? this.draws : new Float64Array(count * DRAWS_PER_MATCHUP);
    fillUniformDraws(this.rng, draws, count * DRAWS_PER_MATCHUP, 'rng');
    const first = this.ledger.issued + 1;
    const issued = new Array<FlowMatchup>(count);
    for (let k = 0; k < count; k++) issued[k] = this.issue(draws, k * DRAWS_PER_MATCHUP, deadline);
    this.log.issued(first, count, now, expired ? { matchups, batches: closed } : null);
    return issued;
  }

  // One matchup for the batch the queue names, from draws[at … at + 3].
  private issue(draws: Float64Array, at: number, deadline: number): FlowMatchup {
    const b = this.queue.peek();
    const { batches, live, pair, config } = this;
    const base = batches.base[b]!;
    const size = batches.size[b]!;
    const close = !(draws[at]! < config.randomComparisonsRatio);
    if (close) pickCloseInBlock(live, base, size, config.closeMatchCandidates, this.quantum, draws[at + 1]!, draws[at + 2]!, this.scratch, pair);
    else pickRandomPair(size, draws[at + 1]!, draws[at + 2]!, pair);
    const swap = draws[at + 3]! < 0.5;
    const left = swap ? pair[1]! : pair[0]!;
    const right = swap ? pair[0]! : pair[1]!;
    const sequence = this.ledger.open(b, left, right, close, deadline);
    live.exposure[base + left]!++;
    live.exposure[base + right]!++;
    live.lastOpponent[base + left] = right;
    live.lastOpponent[base + right] = left;
    batches.pending[b]!++;
    this.available--;
    this.queue.reposition(b);
    const ids = batches.ids[b]!;
    return { id: matchupIdOfSequence(sequence), batch: batchIdOf(b), left: ids[left]!, right: ids[right]!, kind: close ? 'close' : 'random', context: batches.contexts[b]! };
  }

  private record(matchupId: unknown, outcome: unknown, options: unknown): boolean {
    const [responseOption, nowOption, labelerOption] = options === undefined ? NO_OPTIONS : readOptions(options, RESPONSE_KEYS, 'options', 'options.');
    if (responseOption !== undefined && typeof responseOption !== 'string') {
      throw new RankingInputError('options.responseId', `must be a string, got ${describeValue(responseOption)}`);
    }
    const now = nowOption === undefined ? null : requireFinite(nowOption, 'options.now');
    const labelerId = labelerOption === undefined ? undefined : requireNonEmptyString(labelerOption, 'options.labelerId');
    const code = outcome === 'left' ? 0 : outcome === 'right' ? 1 : outcome === 'draw' ? 2 : -1;
    if (code < 0) requireOneOf(outcome, OUTCOMES, 'outcome');
    const { ledger, batches } = this;
    const sequence = this.issuedSequence(matchupId);
    if (ledger.statusOf(sequence) !== MATCHUP.pending) {
      // A retried delivery of the response that answered it, while its batch is open.
      if (responseOption !== undefined && ledger.statusOf(sequence) === MATCHUP.completed && ledger.responseIds.get(sequence) === responseOption && batches.status[ledger.batch[sequence - 1]!] === BATCH.pending) {
        return false;
      }
      throw this.notPendingError(sequence, 'takes no more responses');
    }
    const b = ledger.batch[sequence - 1]!;
    if (now !== null) {
      // NaN (no deadline) is never reached.
      const matchupDeadline = ledger.deadlineOf(sequence);
      const batchDeadline = batches.deadline[b]!;
      const due = now >= matchupDeadline ? matchupDeadline : now >= batchDeadline ? batchDeadline : Number.NaN;
      if (!Number.isNaN(due)) {
        throw new RankingInputError(
          'matchupId',
          `matchup ${matchupIdOfSequence(sequence)} (batch ${batchIdOf(b)}) ran out of time at ${due} (now is ${now}) and takes no more responses; call expire to close it`,
        );
      }
    }
    this.answer(sequence, b, code);
    if (responseOption !== undefined) ledger.keepResponseId(sequence, b, responseOption);
    this.log.response(sequence, code, responseOption, labelerId, now);
    if (batches.completed[b] === batches.budget[b]) this.close(b, BATCH.completed);
    else this.queue.reposition(b);
    return true;
  }

  // The Elo step and counts of an answered matchup (code 0 left, 1 right, 2 draw).
  private answer(sequence: number, b: number, code: number): void {
    const { ledger, live, batches } = this;
    const i = sequence - 1;
    const base = batches.base[b]!;
    const left = base + ledger.left[i]!;
    const right = base + ledger.right[i]!;
    const score = code === 0 ? 1 : code === 1 ? 0 : 0.5;
    const { offsets } = live;
    const offsetLeft = offsets[left]!;
    const offsetRight = offsets[right]!;
    // Both ratings share the initial rating, so the offsets' difference is the ratings' difference.
    const { kFactor, scale } = this.config.elo;
    const delta = fastEloDelta(offsetLeft, offsetRight, score, kFactor, scale, this.quantum, this.inverseQuantum, this.lnTenOverScale);
    offsets[left] = offsetLeft + delta;
    offsets[right] = offsetRight - delta;
    this.tallies?.add(b, ledger.left[i]!, ledger.right[i]!, code);
    if (code === 0) {
      live.wins[left]!++;
      live.losses[right]!++;
    } else if (code === 1) {
      live.losses[left]!++;
      live.wins[right]!++;
    } else {
      live.draws[left]!++;
      live.draws[right]!++;
    }
    ledger.finish(sequence, MATCHUP.completed);
    batches.pending[b]!--;
    batches.completed[b]!++;
  }

  // Ends a pending matchup without an answer (released or expired): its work returns to its batch.
  private giveBack(sequence: number, status: number): void {
    const { ledger, live, batches } = this;
    const i = sequence - 1;
    const b = ledger.batch[i]!;
    const base = batches.base[b]!;
    live.exposure[base + ledger.left[i]!]!--;
    live.exposure[base + ledger.right[i]!]!--;
    ledger.finish(sequence, status);
    batches.pending[b]!--;
    this.available++;
    this.queue.reposition(b);
  }

  // Expires the matchups, then closes the batches, due at `now`; the caller logs it. Heap
  // entries of matchups and batches that finished earlier are dropped as they surface: they
  // never become live again, and the heaps pop by (deadline, key), so what expires, and in
  // which order, does not depend on them (a restored flow's heaps hold none).
  private expireDue(now: number): [number[], number[]] {
    const { ledger, batches } = this;
    const matchups: number[] = [];
    const closed: number[] = [];
    const heap = ledger.deadlines;
    while (heap.topDeadline() <= now) {
      const sequence = heap.topKey();
      heap.pop();
      if (ledger.statusOf(sequence) !== MATCHUP.pending) continue;
      this.giveBack(sequence, MATCHUP.expired);
      matchups.push(sequence);
    }
    const due = this.batchDeadlines;
    while (due.topDeadline() <= now) {
      const b = due.topKey();
      due.pop();
      if (batches.status[b] !== BATCH.pending) continue;
      for (const sequence of ledger.pendingOfBatch(b)) {
        ledger.finish(sequence, MATCHUP.expired);
        matchups.push(sequence);
      }
      this.close(b, batches.completed[b]! >= batches.minimum[b]! ? BATCH.incomplete : BATCH.expired);
      closed.push(b);
    }
    return [matchups, closed];
  }

  // Closes a pending batch whose pending matchups are finished: keeps its result (with
  // Bradley–Terry, its fit: n scores and errors take less than the pair counts), frees its live block.
  private close(b: number, status: number): void {
    const { batches, tallies } = this;
    const size = batches.size[b]!;
    const base = batches.base[b]!;
    const fit = tallies === null ? null : fitBatch(batches.ids[b]!, tallies.sorted(b), this.config.elo);
    this.available -= batches.budget[b]! - batches.completed[b]! - batches.pending[b]!;
    batches.pending[b] = 0;
    batches.pendingHead[b] = -1;
    batches.base[b] = this.results.keep(this.live, base, size, fit);
    this.live.release(base, size);
    tallies?.drop(b);
    batches.status[b] = status;
    this.counts[BATCH.pending]!--;
    this.counts[status]!++;
    this.ledger.dropResponseIds(b);
    this.queue.reposition(b);
    if (!Number.isNaN(batches.deadline[b]!)) {
      this.liveBatchDeadlines--;
      // Entries of batches that completed early stay in the heap; drop them once they are the majority.
      if (this.batchDeadlines.size > 64 && this.batchDeadlines.size > 2 * this.liveBatchDeadlines) {
        this.batchDeadlines.compact((key) => batches.status[key] === BATCH.pending);
      }
    }
  }

  private matchupOf(sequence: number): FlowMatchup {
    const { ledger, batches } = this;
    const i = sequence - 1;
    const b = ledger.batch[i]!;
    const ids = batches.ids[b]!;
    return {
      id: matchupIdOfSequence(sequence),
      batch: batchIdOf(b),
      left: ids[ledger.left[i]!]!,
      right: ids[ledger.right[i]!]!,
      kind: ledger.isClose(sequence) ? 'close' : 'random',
      context: batches.contexts[b]!,
    };
  }

  // The sequence number of an issued matchup id, or the error for one never issued.
  private issuedSequence(matchupId: unknown): number {
    if (typeof matchupId !== 'string') throw new RankingInputError('matchupId', `must be a matchup id string, got ${describeValue(matchupId)}`);
    const sequence = sequenceOfMatchupId(matchupId, this.ledger.issued);
    if (sequence === 0) throw new RankingInputError('matchupId', `unknown matchup id ${describeValue(matchupId)}; use an id returned by nextMatchups`);
    return sequence;
  }

  private pendingSequence(matchupId: unknown, consequence: string): number {
    const sequence = this.issuedSequence(matchupId);
    if (this.ledger.statusOf(sequence) !== MATCHUP.pending) throw this.notPendingError(sequence, consequence);
    return sequence;
  }

  // Says what became of a matchup that is not pending.
  private notPendingError(sequence: number, consequence: string): RankingInputError {
    const status = this.ledger.statusOf(sequence);
    const what = status === MATCHUP.completed ? 'was already answered' : status === MATCHUP.released ? 'was released' : 'expired';
    return new RankingInputError('matchupId', `matchup ${matchupIdOfSequence(sequence)} ${what} and ${consequence}`);
  }

  // The index of a batch id this flow holds a status for, or the error.
  private knownBatch(batchId: unknown): number {
    if (typeof batchId !== 'string') throw new RankingInputError('batchId', `must be a batch id string, got ${describeValue(batchId)}`);
    const b = batchIndexOf(batchId, this.batches.count);
    if (b < 0) throw new RankingInputError('batchId', `unknown batch id ${describeValue(batchId)}; use an id returned by addBatch`);
    if (this.batches.status[b]! >= BATCH.forgotten) throw new RankingInputError('batchId', `batch ${batchId} was forgotten (forgetBatch); its result is gone`);
    return b;
  }
}
