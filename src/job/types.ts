/**
 * The public shapes of a running ranking job: matchups, progress, results, and the
 * job interface itself.
 * @module
 */
import type { RankingContext, RankingJobDefinition } from '../definition/types.js';
import type { Rng } from '../rng/rng.js';
import type { RankingJobSnapshot } from '../persistence/snapshotTypes.js';
import type { LabelerTrustOptions, LabelerTrustReport } from '../trust/trustTypes.js';

/**
 * Where a matchup id stands: `'pending'` (it takes responses), `'completed'`,
 * `'released'`, `'expired'`, or `'unknown'` (never issued by this job).
 */
export type MatchupStatus = 'pending' | 'completed' | 'released' | 'expired' | 'unknown';

/** A labeler's answer: the left datapoint, the right one, or neither. */
export type Outcome = 'left' | 'right' | 'draw';

/** Why a ranking's matchup was chosen: uniformly at random, as a close match, as the most informative pair, as a step of the sort, or from the round-robin schedule. */
export type RankingMatchupKind = 'random' | 'close' | 'informationGain' | 'sort' | 'roundRobin';

/** Why a matchup was issued: one of the {@link RankingMatchupKind}s, or `'validation'` (a pair with a known answer, from the definition's `validation`). */
export type MatchupKind = RankingMatchupKind | 'validation';

/** One comparison of a ranking to show a labeler: which of `left` and `right` is better? */
export interface RankingMatchup {
  /** Opaque id to pass back to `recordResponse` or `releaseMatchup` (`m1`, `m2`, … in issue order). */
  readonly id: string;
  /** Index of the ranking in the definition's outer `datapoints` list. */
  readonly ranking: number;
  /** Datapoint shown on the left (sides are assigned at random for every matchup). */
  readonly left: string;
  /** Datapoint shown on the right. */
  readonly right: string;
  /** How the pair was chosen. */
  readonly kind: RankingMatchupKind;
  /**
   * The ranking's context (the definition's `contexts`), to show with the instruction:
   * present when the ranking has one. Event logs leave it out (it is in the definition).
   */
  readonly context?: RankingContext;
}

/**
 * A validation matchup: a pair from the definition's `validation`, whose right answer
 * the job knows. Show it like any other matchup (labelers must not be able to tell it
 * apart) and record its responses with their `labelerId`: they never move ratings and
 * count towards no budget; they measure the labeler.
 */
export interface ValidationMatchup {
  /** Opaque id, numbered with the other matchups (`m1`, `m2`, … in issue order). */
  readonly id: string;
  /** Null: a validation matchup belongs to no ranking. */
  readonly ranking: null;
  /** Datapoint shown on the left (sides are assigned at random for every matchup). */
  readonly left: string;
  /** Datapoint shown on the right. */
  readonly right: string;
  /** Always `'validation'`. */
  readonly kind: 'validation';
  /** The validation matchup's context, when the definition gives it one. Event logs leave it out. */
  readonly context?: RankingContext;
}

/**
 * One comparison to show a labeler: a ranking's matchup, or a validation matchup (only
 * when the definition has `validation`). Tell them apart by `kind` (or `ranking`, null
 * for validation).
 */
export type Matchup = RankingMatchup | ValidationMatchup;

/** Budget accounting of a ranking, or of the whole job. */
export interface BudgetProgress {
  /** Matchups to complete in all. */
  readonly budget: number;
  /** Issued and neither completed nor released. */
  readonly pending: number;
  /** Completed: all their responses are in and the ratings are updated. */
  readonly completed: number;
  /** Not completed yet: budget − completed. */
  readonly remaining: number;
  /** Not yet issued: budget − pending − completed − saved. `nextMatchups` can still hand out this many. */
  readonly available: number;
  /**
   * Budget left unissued because the ranking's order is settled (the definition's
   * `stopWhen`): what stopping early saved. 0 without `stopWhen`.
   */
  readonly saved: number;
  /** completed / budget, in [0, 1]. */
  readonly fraction: number;
}

/** Budget accounting of one ranking. */
export interface RankingProgress extends BudgetProgress {
  /** Index of the ranking in the definition's outer `datapoints` list. */
  readonly ranking: number;
  /** Whether the ranking stopped early: its order is settled (the definition's `stopWhen`). */
  readonly settled: boolean;
  /**
   * Responses recorded to the ranking's matchups: completed, pending, and released or
   * expired ones (whose responses were discarded): what the labelers gave. With a fixed
   * `responsesPerComparison` n, n per completed matchup plus the partial ones.
   */
  readonly responses: number;
}

/** The validation matchups of a job (outside every budget). */
export interface ValidationProgress {
  /** Issued and neither completed, released nor expired. */
  readonly pending: number;
  /** Completed: all their responses are in. */
  readonly completed: number;
}

/** Budget accounting of the whole job, with a breakdown per ranking. */
export interface Progress extends BudgetProgress {
  /** Responses recorded to the rankings' matchups: the sum of `perRanking[r].responses` (validation matchups' not included). */
  readonly responses: number;
  /** One entry per ranking, in outer-list order. */
  readonly perRanking: readonly RankingProgress[];
  /** The validation matchups, when the definition has `validation` (absent otherwise). */
  readonly validation?: ValidationProgress;
}

/** One datapoint's line in a ranking's result. */
export interface RankingResultEntry {
  /** Competition rank: 1, 2, 2, 4 when the second and third have equal scores. */
  readonly rank: number;
  /** The datapoint's id, as given in the definition (or to `addDatapoints`). */
  readonly datapoint: string;
  /**
   * The score, in Elo points on the definition's scale: the posterior mean (default), the
   * Bradley–Terry estimate, or the current Elo rating, by the results' `scorer`.
   */
  readonly score: number;
  /** Completed matchups won (aggregated score above ½). */
  readonly wins: number;
  /** Completed matchups lost (aggregated score below ½). */
  readonly losses: number;
  /** Completed matchups drawn (aggregated score exactly ½). */
  readonly draws: number;
  /** Completed matchups in all: wins + losses + draws. */
  readonly comparisons: number;
  /** Posterior and Bradley–Terry results: the posterior standard deviation, or the standard error (Elo points). */
  readonly standardError?: number;
  /**
   * Posterior and Bradley–Terry results with `intervals` only: the lower end of the
   * score's credible or confidence interval (Elo points, score − z × standardError at
   * `confidence`, default 95%).
   */
  readonly lower?: number;
  /**
   * Posterior and Bradley–Terry results with `intervals` only: the upper end of the
   * score's interval (Elo points, score + z × standardError).
   */
  readonly upper?: number;
  /**
   * Posterior and Bradley–Terry results with `intervals` only: the best place the intervals
   * allow, as the Chatbot Arena leaderboard computes it: 1 + the number of
   * datapoints whose lower bound is above this one's upper bound. In [1, n].
   */
  readonly bestRank?: number;
  /**
   * Posterior and Bradley–Terry results with `intervals` only: the worst place the
   * intervals allow: n − the number of datapoints whose upper bound is below this one's
   * lower bound. In [bestRank, n].
   */
  readonly worstRank?: number;
}

/**
 * A datapoint's line in results asked for with `intervals: true` (posterior or
 * Bradley–Terry): the standard error and the interval fields are always there.
 */
export interface RankingResultEntryWithIntervals extends RankingResultEntry {
  /** The posterior standard deviation, or the standard error (Elo points). */
  readonly standardError: number;
  /** The lower end of the score's interval (Elo points, score − z × standardError). */
  readonly lower: number;
  /** The upper end of the score's interval (Elo points, score + z × standardError). */
  readonly upper: number;
  /** The best place the intervals allow, in [1, n]. */
  readonly bestRank: number;
  /** The worst place the intervals allow, in [bestRank, n]. */
  readonly worstRank: number;
}

/**
 * The current order of one ranking.
 * @typeParam Entry - The entries' type: {@link RankingResultEntryWithIntervals} for
 *   results asked for with `intervals: true`.
 */
export interface RankingResult<Entry extends RankingResultEntry = RankingResultEntry> {
  /** Index of the ranking in the definition's outer `datapoints` list. */
  readonly ranking: number;
  /** Completed matchups of this ranking. */
  readonly comparisons: number;
  /**
   * Responses of the ranking's completed matchups: the evidence the scores rest on
   * (`comparisons` × n with a fixed `responsesPerComparison` n; as many as the stopping
   * rule took with adaptive responses).
   */
  readonly responses: number;
  /** Every datapoint, by score descending; equal scores share a rank and keep input order. */
  readonly entries: readonly Entry[];
  /**
   * Bradley–Terry results with `positionEffect` only: the fitted left-side advantage
   * (Elo points, positive favours the left), or null when no response could inform it.
   */
  readonly positionEffect?: {
    /** The left-side advantage (Elo points on the definition's scale; positive favours the left). */
    readonly score: number;
    /** Its standard error (Elo points). */
    readonly standardError: number;
    /**
     * Present, and false, when the responses do not bound the advantage (a side bias of
     * any size explains them as well): the score is then the prior's compromise, not a
     * finding. See `BradleyTerryPositionEffect.identified`.
     */
    readonly identified?: false;
  } | null;
  /**
   * Posterior and Bradley–Terry results: whether the computation converged and its
   * iterations (expectation-propagation sweeps, or Newton steps), and for Bradley–Terry
   * whether the standard errors are exact (up to 2 000 datapoints) or approximated (they
   * run small on sparse designs where datapoints met few different opponents).
   */
  readonly fit?: {
    /** Whether the computation met its convergence tolerance within its iteration limit. */
    readonly converged: boolean;
    /** Expectation-propagation sweeps (posterior) or Newton steps (Bradley–Terry) taken: a non-negative integer. */
    readonly iterations: number;
    /** Bradley–Terry only: true when the standard errors are exact (up to 2 000 datapoints), false when approximated. */
    readonly standardErrorsExact?: boolean;
  };
}

/**
 * How `job.results` scores the rankings: `'posterior'` (Bayesian posterior mean and sd),
 * `'bradleyTerry'` (a maximum-likelihood fit) or `'elo'` (the online ratings).
 */
export type Scorer = 'posterior' | 'bradleyTerry' | 'elo';

/** A {@link Scorer} as callers may write it: `'bt'` is accepted for `'bradleyTerry'`, as on the command line. */
export type ScorerName = Scorer | 'bt';

/** Options of `job.results`, every field optional. */
export interface ResultsOptions {
  /**
   * `'posterior'`: the Bayesian posterior of every score (the definition's `posterior`
   * model) from all the ranking's completed matchups, by expectation propagation: mean
   * and standard deviation on the Elo scale; it does not depend on the order answers
   * arrived in. `'bradleyTerry'`: a Bradley–Terry fit to every response, on the Elo
   * scale (center the definition's initial rating, its scale), with standard errors.
   * `'elo'`: the job's online Elo ratings (the hosted service's scores). `'bt'` is
   * accepted for `'bradleyTerry'`.
   * @defaultValue 'posterior'
   */
  scorer?: ScorerName | undefined;
  /**
   * Posterior and Bradley–Terry: add `lower`, `upper`, `bestRank`, `worstRank` to each
   * entry (score ± z·sd). In simulations the posterior's 95% intervals hold the true score
   * about 95% of the time under every pairing mode (bench/README.md). Bradley–Terry's
   * hold it 95–96% of the time under random or round-robin pairing, but less under
   * close-match pairing (87–94% at random ratio 0.5, 62–92% at 0), which picks pairs from
   * the answers themselves; see the README.
   * @defaultValue false
   */
  intervals?: boolean | undefined;
  /** Posterior and Bradley–Terry: coverage of the intervals, in (0, 1). @defaultValue 0.95 */
  confidence?: number | undefined;
  /**
   * Posterior and Bradley–Terry: how much each labeler's responses count, by labelerId (finite,
   * ≥ 0); responses from labelers not listed, or without a labelerId, count 1. Weights
   * are relative: they are rescaled to average 1 over the ranking's responses, so they
   * shift influence between labelers without changing how much data the standard
   * errors assume. Ids that never answered are ignored. A Map is read through Map's own
   * methods; a Proxy of a Map is refused (pass the Map itself, or a record).
   * `'trust'` weighs each labeler by its trust from `job.labelers()` (agreement with the
   * consensus; see `estimateLabelerTrust` and `labelerWeightsFromTrust`).
   * @defaultValue every response counts 1
   */
  labelerWeights?: ReadonlyMap<string, number> | Readonly<Record<string, number>> | 'trust' | undefined;
  /**
   * With `labelerWeights: 'trust'`: labelers whose trust is below this, in [0, 1], get
   * weight 0 (their responses are left out). In the spammer benchmark 0.5 recovered 95%
   * of what knowing the spammers is worth (`npm run bench:trust`).
   * @defaultValue 0
   */
  minTrust?: number | undefined;
  /** Bradley–Terry only: the fit's L2 prior (see `fitBradleyTerry`). @defaultValue 0.01 */
  prior?: number | undefined;
  /** Bradley–Terry only: also fit a left-side advantage. @defaultValue false */
  positionEffect?: boolean | undefined;
}

/**
 * {@link ResultsOptions} that ask for intervals: `intervals: true` and a scorer that has
 * them. `job.results` called with such options is typed to return
 * {@link RankingResultEntryWithIntervals} entries.
 */
export interface IntervalResultsOptions extends ResultsOptions {
  /** The posterior (default) or Bradley–Terry: Elo ratings have no intervals. @defaultValue 'posterior' */
  scorer?: Exclude<ScorerName, 'elo'> | undefined;
  /** Intervals requested. */
  intervals: true;
}

/** Options of `createRankingJob`; give a seed or an rng, not both. */
export interface RankingJobOptions {
  /**
   * Seed of the job's random choices.
   * @defaultValue the definition's canonical JSON, `JSON.stringify(definition)`, so
   *   the same definition always runs the same way.
   */
  seed?: string | number | undefined;
  /** A random number generator to use instead of a seeded one (it must return numbers in [0, 1)). */
  rng?: Rng | undefined;
}

/** Options of `recordResponse`. */
export interface RecordResponseOptions {
  /**
   * An id for this response, unique within the matchup (a delivery id, a labeler's
   * submission id). A response whose id was already recorded is ignored, so retried
   * deliveries never count twice. Without it, every call counts.
   */
  responseId?: string | undefined;
  /**
   * The current time on the caller's clock (milliseconds, same clock as `nextMatchups`).
   * When given, a response to a matchup past its deadline is rejected.
   */
  now?: number | undefined;
  /**
   * Who gave the response (any non-empty string). Kept with the response, returned by
   * `comparisons({ perVote: true })`, and used by `results({ labelerWeights })`.
   */
  labelerId?: string | undefined;
}

/**
 * A completed matchup (or one response to it) as a comparison record: what
 * `job.comparisons()` returns and `fitBradleyTerry` takes.
 */
export interface JobComparison {
  /** The matchup's ranking. */
  readonly ranking: number;
  /** The id of the matchup this record comes from (`m1`, `m2`, … as issued). */
  readonly matchupId: string;
  /** Datapoint id shown on the left. */
  readonly left: string;
  /** Datapoint id shown on the right. */
  readonly right: string;
  /**
   * The response (`perVote`), or the matchup's result as the job scored it: the side with
   * more votes, or `'draw'`; with `allVotes` and several responses, one of the outcomes that got votes.
   */
  readonly outcome: Outcome;
  /**
   * Share of the matchup's votes behind this outcome, for `allVotes` aggregation with
   * several responses (one record per outcome that got votes); absent means 1.
   */
  readonly weight?: number;
  /** Who gave the response (`perVote` records of responses recorded with a labelerId). */
  readonly labelerId?: string;
}

/** Options of `job.comparisons`. */
export interface ComparisonsOptions {
  /** One record per response instead of one per matchup. @defaultValue false */
  perVote?: boolean | undefined;
  /** Only this ranking's comparisons. @defaultValue every ranking */
  ranking?: number | undefined;
}

/** Options of `nextMatchups`. */
export interface NextMatchupsOptions {
  /**
   * The current time on the caller's clock, in milliseconds (any finite number: epoch
   * time, a monotonic counter, a test clock). Required when the definition has a
   * `matchupTtlMs`: each matchup then expires at `now + matchupTtlMs`, which must be
   * later than `now` (it is whenever |now| < matchupTtlMs × 2^52; a reading so large that
   * the limit rounds away is refused, as the matchups would be expired when issued).
   */
  now?: number | undefined;
}

/** Options of `addDatapoints`. */
export interface AddDatapointsOptions {
  /**
   * Matchups added to the ranking's budget: a non-negative safe integer.
   * @defaultValue 0
   */
  extraBudget?: number | undefined;
  /**
   * Rating the new datapoints start at (Elo points), rounded to the rating grid (see
   * `updateElo`). Finite, and within 2^50 grid steps of the definition's initial rating
   * (±134 217 728 points with the default K and scale), so sums of ratings stay exact.
   * @defaultValue the definition's `elo.initialRating`
   */
  initialRating?: number | undefined;
}

/** `nextMatchups` issued these matchups. */
export interface MatchupsIssuedEvent {
  /** The event's sequence number: a non-negative integer, from 0 over the job's whole life. */
  readonly seq: number;
  /** The event's kind. */
  readonly type: 'matchupsIssued';
  /** The `now` passed to `nextMatchups`, or null. */
  readonly now: number | null;
  /** The matchups `nextMatchups` returned, in issue order (at least one). */
  readonly matchups: readonly Matchup[];
}

/** `recordResponse` recorded a response (retries that were ignored leave no event). */
export interface ResponseRecordedEvent {
  /** The event's sequence number: a non-negative integer, from 0 over the job's whole life. */
  readonly seq: number;
  /** The event's kind. */
  readonly type: 'responseRecorded';
  /** The id of the matchup answered. */
  readonly matchupId: string;
  /** The labeler's answer. */
  readonly outcome: Outcome;
  /** The `responseId` passed to `recordResponse`, or null when none was. */
  readonly responseId: string | null;
  /** Who gave the response, or null when `recordResponse` was not told. */
  readonly labelerId: string | null;
  /** The `now` passed to `recordResponse` (milliseconds on the caller's clock), or null. */
  readonly now: number | null;
}

/** `releaseMatchup` released a pending matchup. */
export interface MatchupReleasedEvent {
  /** The event's sequence number: a non-negative integer, from 0 over the job's whole life. */
  readonly seq: number;
  /** The event's kind. */
  readonly type: 'matchupReleased';
  /** The id of the matchup released. */
  readonly matchupId: string;
}

/** `expireMatchups` expired these matchups (a call that expired none leaves no event). */
export interface MatchupsExpiredEvent {
  /** The event's sequence number: a non-negative integer, from 0 over the job's whole life. */
  readonly seq: number;
  /** The event's kind. */
  readonly type: 'matchupsExpired';
  /** The `now` passed to `expireMatchups` (milliseconds on the caller's clock). */
  readonly now: number;
  /** The ids of the matchups expired (at least one), by deadline, then issue order. */
  readonly matchupIds: readonly string[];
}

/** `addDatapoints` added datapoints to a ranking. */
export interface DatapointsAddedEvent {
  /** The event's sequence number: a non-negative integer, from 0 over the job's whole life. */
  readonly seq: number;
  /** The event's kind. */
  readonly type: 'datapointsAdded';
  /** Index of the ranking in the definition's outer `datapoints` list. */
  readonly ranking: number;
  /** The ids added, in the order given. */
  readonly datapoints: readonly string[];
  /** Matchups added to the ranking's budget: a non-negative integer (0 when not given). */
  readonly extraBudget: number;
  /** The rating they started at, after rounding to the rating grid. */
  readonly initialRating: number;
}

/**
 * One entry of a job's event log: plain JSON-safe data, numbered from 0 by `seq` in the
 * order things happened. Replaying a log with `replayRankingJob` rebuilds the job.
 */
export type RankingJobEvent =
  | MatchupsIssuedEvent
  | ResponseRecordedEvent
  | MatchupReleasedEvent
  | MatchupsExpiredEvent
  | DatapointsAddedEvent;

/** A running ranking job: hands out matchups, takes responses, reports progress and results. */
export interface RankingJob {
  /** The definition the job runs (datapoints added later are not in it; see `results`). */
  readonly definition: RankingJobDefinition;
  /**
   * Issues up to `limit` new matchups, spread across the rankings that still have
   * budget (the ranking with the smallest share of its budget taken goes first).
   * Returns fewer, possibly none, when the budgets are taken, and never more than
   * 65 536 in one call (call again for more).
   * Cost per matchup: O(log R + log B + c) expected (R rankings, B ≤ 64 the rating
   * index's block size, c = closeMatchCandidates); no cost grows with the number of
   * datapoints beyond that.
   * @param limit - Most matchups to issue: a positive integer. Default 1.
   * @param options - `now`, the caller's clock; required when the definition has a
   *   `matchupTtlMs`.
   * @throws {@link RankingInputError} for a bad limit or `now`, or an injected rng that
   *   returns a value outside [0, 1) (checked before anything changes).
   */
  nextMatchups(limit?: number, options?: NextMatchupsOptions): Matchup[];
  /**
   * Records one labeler's response to a pending matchup. When the matchup has all its
   * responses (`responsesPerComparison`, or with adaptive responses when the stopping
   * rule says so), it completes and the ratings update once, with the aggregated score. Cost: O(1), plus two rating-index moves when the matchup
   * completes: O(B + log D) each (B ≤ 64 the block size, D ≈ n / 32 blocks), and O(D)
   * for the occasional block split or merge.
   * @returns true when recorded; false when a response with the same `responseId` was
   *   already recorded for this matchup (a retried delivery).
   * @throws {@link RankingInputError} for an unknown matchup id, a matchup already
   *   completed, released or expired (or past its deadline at `now`), or an outcome other
   *   than 'left', 'right' or 'draw'.
   */
  recordResponse(matchupId: string, outcome: Outcome, options?: RecordResponseOptions): boolean;
  /**
   * Gives up a pending matchup (nobody will answer it): its budget unit returns and any
   * partial responses are discarded. Cost: O(log R).
   * @throws {@link RankingInputError} for an unknown, completed, released or expired matchup.
   */
  releaseMatchup(matchupId: string): void;
  /**
   * Expires every pending matchup whose deadline (`now` at issue + `matchupTtlMs`) is at
   * or before `now`: their budget units return and partial responses are discarded, as
   * for `releaseMatchup`. Cost: O(k (log p + log R)) for k expired of p pending.
   * @param now - The current time on the caller's clock (a finite number).
   * @returns The ids of the matchups it expired, by deadline, then issue order.
   * @throws {@link RankingInputError} when `now` is not a finite number.
   */
  expireMatchups(now: number): string[];
  /**
   * Adds datapoints to a ranking while the job runs. They start at the initial rating
   * with no matchups, so close matchups take them as anchors until they catch up.
   * Cost: O(k (B + log D)) for k datapoints, plus one random draw each.
   * @param ranking - Index of the ranking in the definition's outer list.
   * @param ids - New datapoint ids: non-empty strings, new to this ranking, no duplicates.
   * @param options - `extraBudget` (default 0) and `initialRating` (default the definition's).
   * @throws {@link RankingInputError} for a bad ranking index, id or option.
   */
  addDatapoints(ranking: number, ids: readonly string[], options?: AddDatapointsOptions): void;
  /**
   * Where a matchup stands: `'pending'` while it takes responses, then `'completed'`,
   * `'released'` or `'expired'`; `'unknown'` for an id this job never issued. With
   * adaptive `responsesPerComparison` a matchup completes at whichever response settles
   * it, so ask before showing it to another labeler. O(1).
   * @throws {@link RankingInputError} when `matchupId` is not a string.
   */
  matchupStatus(matchupId: string): MatchupStatus;
  /** The matchups issued and not yet completed, released or expired, in issue order. O(p log p). */
  pendingMatchups(): Matchup[];
  /** Budget accounting, overall and per ranking. O(R). */
  progress(): Progress;
  /**
   * The completed matchups as comparison records, in issue order: one per matchup,
   * scored as the job scored it, or with `perVote` one per response (with its
   * labelerId). Feed them to `fitBradleyTerry`. Pending, released and expired matchups
   * are left out. O(responses + m log m).
   * @throws {@link RankingInputError} for a bad option.
   */
  comparisons(options?: ComparisonsOptions): JobComparison[];
  /**
   * Every labeler's trust, reliability and position bias, from the responses given so far
   * (`estimateLabelerTrust` of `comparisons({ perVote: true })`: agreement with the
   * trust-weighted consensus). Responses without a labelerId are left out. With the
   * definition's `validation`, the answers to completed validation matchups count too,
   * after any `options.validation` answers given. Cost: one
   * trust fit, O(EM steps × (responses + a Bradley–Terry fit per ranking)).
   * @param options - See `LabelerTrustOptions` (method, priors, confidence).
   */
  labelers(options?: LabelerTrustOptions): LabelerTrustReport;
  /** True when every ranking has completed its budget, or stopped early (`stopWhen`) with nothing pending. O(1). */
  readonly done: boolean;
  /**
   * The current order of every ranking (partial while the job runs), in outer-list
   * order. By default the Bayesian posterior of the scores (mean and sd, optional
   * credible intervals), O(sweeps × matchups + n log n) per ranking plus O(n³) per
   * refinement step up to 500 datapoints; with `{ scorer: 'bradleyTerry' }` a
   * Bradley–Terry fit to the ranking's responses, O(responses + fit); with
   * `{ scorer: 'elo' }` the job's online Elo ratings, O(n log n). With
   * `intervals: true` every entry has `standardError`, `lower`, `upper`, `bestRank` and
   * `worstRank`, and the return type says so.
   * @throws {@link RankingInputError} for a bad option, or an option the chosen scorer does not take.
   */
  results(options: IntervalResultsOptions): RankingResult<RankingResultEntryWithIntervals>[];
  /**
   * The current order of every ranking, as above; without `intervals: true` (or with the
   * elo scorer) the entries' interval fields are optional in the type.
   * @throws {@link RankingInputError} for a bad option, or an option the chosen scorer does not take.
   */
  results(options?: ResultsOptions): RankingResult[];
  /**
   * The event log from sequence number `fromIndex` on: plain JSON-safe objects, each
   * with its `seq`. Append-only: an event, once there, never changes. Store them (all,
   * or those after a snapshot) to rebuild the job with `replayRankingJob`.
   * @param fromIndex - First sequence number wanted. Default: the first the job holds
   *   (0, or the sequence number of the snapshot it was restored from).
   * @throws {@link RankingInputError} for a `fromIndex` outside what the job holds.
   */
  events(fromIndex?: number): RankingJobEvent[];
  /**
   * Lets go of the events numbered below `beforeIndex`, which the app has stored: a
   * long-running job then keeps only the log it has not persisted yet (about 18 bytes
   * per completed matchup, two events, 34 when calls pass `now`). `events()` starts at
   * `beforeIndex` afterwards; snapshots, results, `comparisons()` and replay are
   * unaffected (a snapshot holds the state, not the log, and replay reads the app's
   * store). O(events kept).
   * @param beforeIndex - An integer in [first sequence number held, next sequence
   *   number]: typically the `seq` after the last event the app has written.
   * @throws {@link RankingInputError} for an index outside that range; nothing changes.
   * @example
   * ```ts
   * const fresh = job.events(stored);
   * await db.appendEvents(fresh);
   * stored += fresh.length;
   * job.trimEvents(stored); // the database holds them now
   * ```
   */
  trimEvents(beforeIndex: number): void;
  /**
   * Everything needed to rebuild the job exactly, as one plain JSON-safe object (see
   * `restoreRankingJob`). O(size of the state): n per ranking, pending matchups, one
   * character per issued matchup.
   */
  snapshot(): RankingJobSnapshot;
}
