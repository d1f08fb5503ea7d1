/**
 * The public shapes of a ranking flow: its configuration, matchups, batch statuses and
 * results, events, and the flow interface itself.
 * @module
 */
import type { EloOptions, EloParameters, RankingContext, RankingContextInput } from '../definition/types.js';
import type { Outcome } from '../job/types.js';
import type { SeededRng } from '../rng/rng.js';
import type { RankingFlowSnapshot } from './flowSnapshotTypes.js';

/** What a batch's response target counts: responses per batch, or per datapoint of the batch. */
export type ResponsesPer = 'batch' | 'datapoint';

/**
 * How a flow scores its batches: `'elo'`, the batch's online Elo ratings; or
 * `'bradleyTerry'`, a Bradley–Terry fit to the batch's comparisons (see
 * {@link RankingFlowInput.scorer}).
 */
export type FlowScorer = 'elo' | 'bradleyTerry';

/** What a caller passes to `createRankingFlow`. */
export interface RankingFlowInput {
  /** A name for the flow (shown to people, never parsed). Non-empty. */
  name: string;
  /** The question labelers answer, e.g. "Which image fits the prompt better?". Non-empty. */
  instruction: string;
  /**
   * The responses a batch collects before it is completed: an integer in [1, 1 000 000]
   * (per batch, or per datapoint with `responsesPer: 'datapoint'`). Every matchup takes
   * one response, so this is also the batch's number of comparisons.
   */
  maxResponses: number;
  /**
   * The fewest responses a batch must have when its time runs out to end `incomplete`
   * rather than `expired`: an integer in [0, `maxResponses`] (counted like `maxResponses`).
   * @defaultValue 1
   */
  minResponses?: number | undefined;
  /**
   * `'batch'`: `maxResponses` and `minResponses` count a batch's responses. `'datapoint'`:
   * they count per datapoint, so a batch of n datapoints targets n × `maxResponses`
   * responses (each datapoint then takes part in about 2 × `maxResponses` comparisons).
   * @defaultValue 'batch'
   */
  responsesPer?: ResponsesPer | undefined;
  /**
   * Probability that a matchup is a uniformly random pair of its batch rather than a
   * close one (a least-compared datapoint against one of its nearest by rating), as in a
   * job with `pairing: 'adaptive'`. A number in [0, 1].
   * @defaultValue 0.5
   */
  randomComparisonsRatio?: number | undefined;
  /**
   * How many of the anchor's nearest neighbours (by rating) a close matchup draws its
   * opponent from, nearer ones more likely, as in a job. An integer in [1, 64].
   * @defaultValue 4
   */
  closeMatchCandidates?: number | undefined;
  /**
   * How long a matchup may stay pending, in milliseconds of the caller's clock; after
   * that `expire(now)` (or the next `nextMatchups`) returns it to its batch. A finite
   * number > 0, or null for no limit (a matchup then ends with its batch).
   * @defaultValue null
   */
  matchupTtlMs?: number | null | undefined;
  /**
   * A batch's time to live when `addBatch` is given none: milliseconds from the `now` it
   * was added at until it closes (incomplete or expired) if it has not completed. A
   * finite number > 0, or null for batches that wait until they complete.
   * @defaultValue null
   */
  ttlMs?: number | null | undefined;
  /** Elo parameters, with a job definition's names, defaults and ranges; see {@link EloOptions}. */
  elo?: EloOptions | undefined;
  /**
   * How `batchResults` scores a batch. `'elo'`: its online Elo ratings. `'bradleyTerry'`:
   * a Bradley–Terry fit (maximum penalised likelihood, `fitBradleyTerry` with its default
   * prior 0.01) to the batch's comparisons, on the configuration's Elo scale (center
   * `elo.initialRating`, scale `elo.scale`), with standard errors and 95% intervals, as a
   * job's `results({ scorer: 'bradleyTerry' })`. The flow then keeps each open batch's
   * win, loss and draw counts per compared pair (about 21–43 bytes per pair, about 480 bytes
   * per open batch of 4–16 datapoints with 10 answers) and fits a batch once, when it
   * closes, keeping only the fit (16 bytes per datapoint, less than the counts). That fit
   * is the cost: about 0.1–0.5 ms CPU at 4–16 datapoints, 0.26 s at 1 000. Matchups are
   * chosen the same way either way.
   * @defaultValue 'elo'
   */
  scorer?: FlowScorer | undefined;
}

/** A validated flow configuration with every default filled in: deeply frozen, JSON-safe. */
export interface RankingFlowConfig {
  /** The flow's name, as given. */
  readonly name: string;
  /** The question labelers answer, as given. */
  readonly instruction: string;
  /** Responses a batch collects before it completes (per batch or per datapoint, by `responsesPer`). */
  readonly maxResponses: number;
  /** Responses below which a batch that runs out of time is `expired` rather than `incomplete`. */
  readonly minResponses: number;
  /** What `maxResponses` and `minResponses` count. */
  readonly responsesPer: ResponsesPer;
  /** Probability, in [0, 1], that a matchup is a uniformly random pair. */
  readonly randomComparisonsRatio: number;
  /** Nearest neighbours a close matchup draws its opponent from, in [1, 64]. */
  readonly closeMatchCandidates: number;
  /** How long a matchup may stay pending (ms, > 0), or null. */
  readonly matchupTtlMs: number | null;
  /** A batch's default time to live (ms, > 0), or null. */
  readonly ttlMs: number | null;
  /** The Elo parameters, every default filled in. */
  readonly elo: EloParameters;
  /**
   * `'bradleyTerry'` when batches are scored by a Bradley–Terry fit; absent for Elo (the
   * default), so configurations without the option keep their JSON, default seed and snapshots.
   */
  readonly scorer?: 'bradleyTerry';
}

/** Options of `createRankingFlow`; give a seed, a generator, or neither. */
export interface RankingFlowOptions {
  /**
   * Seed of the flow's random choices: any string or finite number.
   * @defaultValue the configuration's JSON (`JSON.stringify(flow.config)`)
   */
  seed?: string | number | undefined;
  /**
   * A generator from `createRng` to draw from instead (its state goes into snapshots).
   * Other functions are refused: a flow's snapshot must hold its generator's state.
   */
  rng?: SeededRng | undefined;
}

/** Options of `addBatch`. */
export interface AddBatchOptions {
  /** The current time on the caller's clock (milliseconds, any finite number). Required. */
  now: number;
  /**
   * The batch's time to live (ms, > 0), or null for none.
   * @defaultValue the configuration's `ttlMs`
   */
  ttlMs?: number | null | undefined;
  /** Shown with the instruction in every matchup of the batch (the prompt behind the images, say). */
  context?: RankingContextInput | null | undefined;
}

/** Options of the flow's `nextMatchups`. */
export interface FlowNextMatchupsOptions {
  /** The current time on the caller's clock. Required: what is due by then expires first. */
  now: number;
}

/** Options of the flow's `recordResponse`. */
export interface FlowRecordResponseOptions {
  /**
   * An id for this response (a delivery id). A second response with the id a matchup
   * already completed with returns false and changes nothing, while its batch is open.
   */
  responseId?: string | undefined;
  /** The current time on the caller's clock; when given, a response at or past the matchup's or its batch's deadline is refused. */
  now?: number | undefined;
  /** Who answered (any non-empty string), kept in the event log. */
  labelerId?: string | undefined;
}

/** Why a flow's matchup was chosen: uniformly at random within its batch, or as a close match. */
export type FlowMatchupKind = 'random' | 'close';

/** A flow matchup as the event log records it. */
export interface FlowMatchupRecord {
  /** Opaque id for `recordResponse` and `releaseMatchup` (`m1`, `m2`, … in issue order). */
  readonly id: string;
  /** The batch's id (`b1`, `b2`, … in order of addition). */
  readonly batch: string;
  /** Datapoint shown on the left (sides are assigned at random). */
  readonly left: string;
  /** Datapoint shown on the right. */
  readonly right: string;
  /** How the pair was chosen. */
  readonly kind: FlowMatchupKind;
}

/** One comparison to show a labeler, with its batch's context. */
export interface FlowMatchup extends FlowMatchupRecord {
  /** The batch's context (frozen, shared by its matchups), or null. */
  readonly context: RankingContext | null;
}

/**
 * A batch's status:
 * - `pending`: open; it takes matchups until its responses reach its target or its time runs out;
 * - `completed`: it received its target responses (`maxResponses`) before its deadline;
 * - `incomplete`: its time ran out with at least `minResponses` responses, but fewer than the target;
 * - `expired`: its time ran out with fewer than `minResponses` responses.
 * Every status but `pending` is final: the batch is closed, its matchups take no more
 * responses, and only its result is kept.
 */
export type FlowBatchState = 'pending' | 'completed' | 'incomplete' | 'expired';

/** Where a batch stands. */
export interface FlowBatchStatus {
  /** The batch's id. */
  readonly batch: string;
  /** See {@link FlowBatchState}. */
  readonly status: FlowBatchState;
  /** Its number of datapoints. */
  readonly datapoints: number;
  /** Responses recorded (each completes one matchup). */
  readonly responses: number;
  /** Matchups issued and not yet answered, released or expired (0 once closed). */
  readonly pending: number;
  /** The responses that complete it. */
  readonly maxResponses: number;
  /** The responses it needs, when its time runs out, to be `incomplete` rather than `expired`. */
  readonly minResponses: number;
  /** The `now` it was added at. */
  readonly addedAt: number;
  /** When its time runs out (addedAt + its ttlMs), or null for never. */
  readonly deadline: number | null;
  /** Its context, or null. */
  readonly context: RankingContext | null;
}

/**
 * One datapoint's line in a batch's result. The last five fields are there only when the
 * configuration's `scorer` is `'bradleyTerry'`.
 */
export interface FlowResultEntry {
  /** Competition rank: 1, 2, 2, 4 when the second and third have equal scores. */
  readonly rank: number;
  /** The datapoint's id, as given to `addBatch`. */
  readonly datapoint: string;
  /**
   * On the configuration's Elo scale. Elo: its rating (initial rating + the batch's
   * updates). Bradley–Terry: its fitted score, `elo.initialRating` + `elo.scale`/ln 10 × θ
   * with the batch's θ centred, so the batch's scores average the initial rating.
   */
  readonly score: number;
  /** Matchups won. */
  readonly wins: number;
  /** Matchups lost. */
  readonly losses: number;
  /** Matchups drawn. */
  readonly draws: number;
  /** Matchups answered: wins + losses + draws. */
  readonly comparisons: number;
  /** Bradley–Terry only: the score's standard error (Elo points), from the fit's observed information. */
  readonly standardError?: number;
  /** Bradley–Terry only: score − 1.96 × standardError, the lower end of a 95% Wald interval. */
  readonly lower?: number;
  /** Bradley–Terry only: score + 1.96 × standardError. */
  readonly upper?: number;
  /** Bradley–Terry only: 1 + the datapoints of the batch whose `lower` is above this one's `upper` (as `analyticIntervals`). */
  readonly bestRank?: number;
  /** Bradley–Terry only: the batch's size − the datapoints whose `upper` is below this one's `lower`. */
  readonly worstRank?: number;
}

/** A batch's order by score (Elo or Bradley–Terry, by the configuration's `scorer`): final once it is closed, partial while it is pending. */
export interface FlowBatchResult {
  /** The batch's id. */
  readonly batch: string;
  /** Its status. */
  readonly status: FlowBatchState;
  /** Responses recorded. */
  readonly responses: number;
  /** Every datapoint, by score descending; equal scores share a rank and keep input order. */
  readonly entries: readonly FlowResultEntry[];
}

/** What `expire(now)` closed and returned. */
export interface FlowExpiry {
  /** Matchups expired: those past their own deadline (by deadline, then issue order), then the pending matchups of each batch closed (by batch). */
  readonly matchupIds: readonly string[];
  /** Batches whose time ran out, closed as `incomplete` or `expired` (by deadline, then batch order). */
  readonly batchIds: readonly string[];
}

/** Counts over the whole flow. */
export interface FlowProgress {
  /** Batches added so far. */
  readonly added: number;
  /** Batches by status (forgotten ones by their final status too). */
  readonly pending: number;
  /** Batches completed. */
  readonly completed: number;
  /** Batches that ran out of time with at least their minimum. */
  readonly incomplete: number;
  /** Batches that ran out of time below their minimum. */
  readonly expired: number;
  /** Closed batches whose results were dropped with `forgetBatch`. */
  readonly forgotten: number;
  /** Matchups issued and still pending. */
  readonly pendingMatchups: number;
  /** Matchups the pending batches can still hand out: target − responses − pending, summed. */
  readonly available: number;
  /** Matchups issued so far. */
  readonly issued: number;
}

/** `addBatch` added a batch. */
export interface BatchAddedEvent {
  /** The event's sequence number, from 0 over the flow's whole life. */
  readonly seq: number;
  /** The event's kind. */
  readonly type: 'batchAdded';
  /** The id the batch got. */
  readonly batchId: string;
  /** Its datapoints, as given. */
  readonly datapoints: readonly string[];
  /** Its context, or null. */
  readonly context: RankingContext | null;
  /** Its time to live (as given, or the configuration's), or null. */
  readonly ttlMs: number | null;
  /** The `now` it was added at. */
  readonly now: number;
}

/** `nextMatchups` issued matchups (after expiring what was due, if anything). */
export interface FlowMatchupsIssuedEvent {
  /** The event's sequence number. */
  readonly seq: number;
  /** The event's kind. */
  readonly type: 'matchupsIssued';
  /** The `now` passed to `nextMatchups`. */
  readonly now: number;
  /** The matchups returned, in issue order (at least one), without their contexts. */
  readonly matchups: readonly FlowMatchupRecord[];
  /**
   * What the call expired before issuing, as `expire(now)` would have: present only when
   * it expired a matchup or closed a batch, so one call logs one event.
   */
  readonly expired?: FlowExpiry;
}

/** `recordResponse` recorded a response (ignored retries leave no event). */
export interface FlowResponseRecordedEvent {
  /** The event's sequence number. */
  readonly seq: number;
  /** The event's kind. */
  readonly type: 'responseRecorded';
  /** The matchup answered. */
  readonly matchupId: string;
  /** The answer. */
  readonly outcome: Outcome;
  /** The `responseId` given, or null. */
  readonly responseId: string | null;
  /** The `labelerId` given, or null. */
  readonly labelerId: string | null;
  /** The `now` given, or null. */
  readonly now: number | null;
}

/** `releaseMatchup` released a matchup. */
export interface FlowMatchupReleasedEvent {
  /** The event's sequence number. */
  readonly seq: number;
  /** The event's kind. */
  readonly type: 'matchupReleased';
  /** The matchup released. */
  readonly matchupId: string;
}

/** `expire`, or a `nextMatchups` that then had nothing to issue, expired matchups or closed batches. */
export interface FlowExpiredEvent {
  /** The event's sequence number. */
  readonly seq: number;
  /** The event's kind. */
  readonly type: 'expired';
  /** The `now` it ran at. */
  readonly now: number;
  /** As {@link FlowExpiry.matchupIds}. */
  readonly matchupIds: readonly string[];
  /** As {@link FlowExpiry.batchIds}. */
  readonly batchIds: readonly string[];
}

/** `forgetBatch` dropped a closed batch's result. */
export interface BatchForgottenEvent {
  /** The event's sequence number. */
  readonly seq: number;
  /** The event's kind. */
  readonly type: 'batchForgotten';
  /** The batch forgotten. */
  readonly batchId: string;
}

/** One entry of a flow's event log: plain JSON-safe data, numbered from 0 by `seq`. */
export type RankingFlowEvent =
  | BatchAddedEvent
  | FlowMatchupsIssuedEvent
  | FlowResponseRecordedEvent
  | FlowMatchupReleasedEvent
  | FlowExpiredEvent
  | BatchForgottenEvent;

/**
 * A ranking flow: batches of datapoints arrive over time, each ranked on its own (Elo,
 * random and close matchups) until it has its target responses or its time runs out.
 */
export interface RankingFlow {
  /** The normalised configuration. */
  readonly config: RankingFlowConfig;
  /**
   * Adds a batch of 2 to 1 000 datapoints (non-empty, unique strings). O(n), n random draws.
   * @returns The batch's id, `b<number>` in order of addition.
   * @throws {@link RankingInputError} for bad datapoints or options (nothing changes).
   */
  addBatch(datapoints: readonly string[], options: AddBatchOptions): string;
  /**
   * First expires what is due at `now` (as `expire(now)`), then issues up to `limit`
   * matchups (at most 65 536 per call), each to the pending batch with the smallest share
   * of its target taken (responses + pending), ties to the older batch. O(log B + n) per
   * matchup (B pending batches, n datapoints of the batch), plus a Bradley–Terry fit per
   * batch closed with `scorer: 'bradleyTerry'`. Logs one event, as every call: a
   * `matchupsIssued` whose `expired` field says what expired first, or an `expired` event
   * when something expired and nothing was issued.
   * @throws {@link RankingInputError} for a bad limit or `now` (nothing changes).
   */
  nextMatchups(limit: number, options: FlowNextMatchupsOptions): FlowMatchup[];
  /**
   * Records the response to a pending matchup: the batch's ratings (and with
   * `scorer: 'bradleyTerry'` its pair's counts) update at once; the response that brings
   * the batch to its target completes it. O(log B), plus O(n log n) to keep the result
   * when the batch completes (with Bradley–Terry, a fit of the batch: see `batchResults`).
   * @returns true when recorded; false for a retried `responseId` of a matchup already answered.
   * @throws {@link RankingInputError} for an unknown id, a matchup answered, released or
   *   expired, a closed batch, a `now` at or past a deadline, or a bad outcome or option.
   */
  recordResponse(matchupId: string, outcome: Outcome, options?: FlowRecordResponseOptions): boolean;
  /** Gives up a pending matchup; its batch can issue it again. O(log B). @throws {@link RankingInputError} if not pending. */
  releaseMatchup(matchupId: string): void;
  /**
   * Expires every pending matchup at or past its deadline and closes every pending batch
   * at or past its deadline (`incomplete` or `expired` by its responses). O(k log p) for k
   * due of p entries, plus a Bradley–Terry fit per batch closed with `scorer: 'bradleyTerry'`.
   * Logs one `expired` event when it did anything.
   * @throws {@link RankingInputError} when `now` is not finite.
   */
  expire(now: number): FlowExpiry;
  /** Drops a closed batch's result (its status stays in `progress()`). @throws {@link RankingInputError} for a pending, unknown or forgotten batch. */
  forgetBatch(batchId: string): void;
  /** A batch's status. O(1). @throws {@link RankingInputError} for an unknown or forgotten batch. */
  batchStatus(batchId: string): FlowBatchStatus;
  /**
   * A batch's result (partial while pending). O(n log n); with `scorer: 'bradleyTerry'`,
   * a pending batch is fitted on each call (O(pairs) per Newton step, plus n³/3 for the
   * exact standard errors: about 0.1 ms CPU at 4 datapoints, 0.5 ms at 16, 0.26 s at
   * 1 000), a closed one was fitted once when it closed.
   * @throws {@link RankingInputError} for an unknown or forgotten batch.
   */
  batchResults(batchId: string): FlowBatchResult;
  /** The pending matchups, in issue order. O(issued). */
  pendingMatchups(): FlowMatchup[];
  /** Counts over the flow. O(1). */
  progress(): FlowProgress;
  /** The event log from `fromIndex` on (default: all the flow holds). @throws {@link RankingInputError} for a bad index. */
  events(fromIndex?: number): RankingFlowEvent[];
  /** Everything needed to rebuild the flow exactly, as one JSON-safe object. O(state). */
  snapshot(): RankingFlowSnapshot;
}
