/**
 * The shape of a ranking job: what the caller passes in and the normalised, frozen
 * definition the library works from.
 * @module
 */

/**
 * How matchups are chosen within a ranking: `'adaptive'` (random and close matchups,
 * the hosted service's scheme), `'informationGain'` (the most informative pair under
 * the posterior, plus a random share), `'sort'` (binary insertion, then information
 * gain: for consistent labelers) or `'roundRobin'` (every pair once per round).
 */
export type Pairing = 'adaptive' | 'informationGain' | 'sort' | 'roundRobin';

/** How the responses to one matchup are turned into its score. */
export type VoteAggregation = 'majority' | 'allVotes';

/** Elo parameters of a ranking job, every field optional. */
export interface EloOptions {
  /**
   * Rating every datapoint starts with (Elo points). Within ±min(1e9, 2^32 × scale), so
   * adding it to a score never erases the differences between scores.
   * @defaultValue 1200
   */
  initialRating?: number | undefined;
  /**
   * Largest change one matchup can make to a rating. In [scale / 1e6, min(1e9, 1e6 ×
   * scale)]: far enough above the grid ratings are rounded to (about max(K, scale) / 2^32)
   * that rounding never swallows a change.
   * @defaultValue 40
   */
  kFactor?: number | undefined;
  /**
   * Rating difference that means 10:1 odds. In [1e-6, 1e9], so the rating grid and the
   * posterior's variances stay normal doubles.
   * @defaultValue 400
   */
  scale?: number | undefined;
}

/**
 * The Bayesian model behind the posterior scores and information-gain pairing, every
 * field optional: each datapoint's score has a Gaussian prior, and a labeler prefers a
 * over b with probability Φ((sₐ − s_b) / (√2 × noise)) (Thurstone–Mosteller). Both are in
 * Elo points, and their defaults follow `elo.scale`.
 */
export interface PosteriorOptions {
  /**
   * Prior standard deviation of the scores (Elo points): how far apart you expect the
   * datapoints to be before any answer. In [scale / 1000, 1000 × scale].
   * @defaultValue `elo.scale / 2` (200 at the default scale: a datapoint one standard
   *   deviation up wins about 76% of its matchups against the average one)
   */
  priorSd?: number | undefined;
  /**
   * Per-datapoint comparison noise (Elo points). In [scale / 1000, 1000 × scale].
   * @defaultValue `2 × elo.scale / (ln 10 × √π)` (≈ 196 at the default scale): the
   *   Thurstone curve with the Elo curve's slope at even odds
   */
  noise?: number | undefined;
}

/** The normalised posterior model of a definition: every default filled in. */
export interface PosteriorParameters {
  /**
   * Prior standard deviation of the scores (Elo points): as given, or the default
   * `elo.scale / 2`. In [scale / 1000, 1000 × scale].
   */
  readonly priorSd: number;
  /**
   * Per-datapoint comparison noise (Elo points): as given, or the default
   * `2 × elo.scale / (ln 10 × √π)` (≈ 196 at scale 400). In [scale / 1000, 1000 × scale].
   */
  readonly noise: number;
}

/**
 * When a ranking may stop before its budget is spent: once its posterior says the order
 * is settled. Settled means the adjacent pairs of the posterior order, from the top
 * (all of them, or those among the `top` + 1 best), have probabilities of being the
 * wrong way round that add up to at most 1 − `confidence`. Every wrong order has some
 * adjacent pair the wrong way round, so (by the union bound) the order, or the top
 * `top` in order, is then right with probability at least `confidence` under the
 * model. Checked after every completed matchup of the ranking, in
 * O(pairs until the sum passes 1 − confidence): usually a few, never more than
 * min(n, top + 1).
 */
export interface StopWhenOptions {
  /** The probability, in (0.5, 1), that the settled order is right. */
  confidence: number;
  /**
   * Only the best `top` datapoints matter (their order, and which they are): a
   * positive integer, or null for all. @defaultValue null (every datapoint)
   */
  top?: number | null | undefined;
}

/** The normalised stopping rule of a definition. */
export interface StopWhenParameters {
  /** The probability, in (0.5, 1), that the settled order is right, as given. */
  readonly confidence: number;
  /** The number of best datapoints whose order matters, or null for all. */
  readonly top: number | null;
}

/**
 * Adaptive responses per matchup, every field optional: after each response the job
 * asks whether the matchup has heard enough, and completes it at the first response
 * after which, for the share p of (weighted) responses preferring the left datapoint
 * under a Beta posterior with the Jeffreys prior (a draw counting half to each side),
 *
 * - the winner is clear: P(p > ½) or P(p < ½) is at least `minConfidence`;
 * - or the pair is ambiguous: P(4p(1 − p) ≥ `ambiguityThreshold`) is at least
 *   `minConfidence` (the split is, with that confidence, closer than the threshold's);
 * - or it has `maxResponses` responses;
 *
 * and never before `minResponses`. An ambiguous pair counts as a draw under `majority`
 * aggregation and as its vote share under `allVotes`. The defaults are the hosted
 * service's. Ask `job.matchupStatus(id)` before showing a matchup to another labeler: a
 * response after it completed is refused as for a fixed count.
 */
export interface AdaptiveResponsesOptions {
  /**
   * The most responses a matchup collects: an integer in [1, 1 000 000], at least
   * `minResponses`. @defaultValue 100
   */
  maxResponses?: number | undefined;
  /**
   * How certain the posterior must be before a winner is called, or the pair called
   * ambiguous: a number in (0.5, 1). @defaultValue 0.9 (two agreeing responses suffice)
   */
  minConfidence?: number | undefined;
  /**
   * How close the pair must be to be called ambiguous, as a normalised Gini impurity
   * 4p(1 − p) in (0, 1): the pair is ambiguous when its split is, with `minConfidence`,
   * at least this impure. Higher needs a closer tie, so costs more responses.
   * @defaultValue 0.64 (a 20/80 split)
   */
  ambiguityThreshold?: number | undefined;
  /**
   * The fewest responses a matchup collects before the rule may complete it: an integer
   * in [1, `maxResponses`]. @defaultValue 1
   */
  minResponses?: number | undefined;
}

/** The normalised adaptive rule of a definition: every default filled in. */
export interface AdaptiveResponsesParameters {
  /** The most responses a matchup collects: an integer in [1, 1 000 000], at least `minResponses`. */
  readonly maxResponses: number;
  /** How certain the posterior must be to call a winner or an ambiguous pair, in (0.5, 1). */
  readonly minConfidence: number;
  /** The normalised Gini impurity 4p(1 − p) from which a split is ambiguous, in (0, 1). */
  readonly ambiguityThreshold: number;
  /** The fewest responses before the rule may complete a matchup, in [1, `maxResponses`]. */
  readonly minResponses: number;
}

/** A normalised `responsesPerComparison`: a fixed count, or the adaptive rule. */
export type ResponsesPerComparison = number | AdaptiveResponsesParameters;

/**
 * What labelers see with the instruction for every matchup of a ranking: the prompt that
 * produced both images, say. Text, and optionally ids of assets (images, documents) the
 * app shows with it.
 */
export interface RankingContextInput {
  /** The context's text: a non-empty string of at most 100 000 characters. */
  text: string;
  /** Ids of assets shown with it: up to 1 000 non-empty strings. @defaultValue none */
  assets?: readonly string[] | undefined;
}

/** A validated context: frozen; `assets` only when given. */
export interface RankingContext {
  /** The context's text. */
  readonly text: string;
  /** Ids of assets shown with it, when given. */
  readonly assets?: readonly string[];
}

/** A matchup whose right answer is known, mixed into the work to measure labelers. */
export interface ValidationMatchupInput {
  /** One datapoint of the pair: a non-empty string (it need not be in any ranking). */
  left: string;
  /** The other datapoint: a non-empty string other than `left`. */
  right: string;
  /** The right answer with `left` and `right` shown as given: `'left'`, `'right'` or `'draw'` (they are equal). */
  answer: 'left' | 'right' | 'draw';
  /**
   * The context shown with it, so that it looks like the matchups of rankings that have
   * one. @defaultValue none
   */
  context?: RankingContextInput | undefined;
}

/**
 * Validation matchups (the hosted service's validation sets): pairs with a known answer
 * that `nextMatchups` mixes into the work, looking like any other matchup to labelers.
 * They are outside every budget, never move ratings, and feed each labeler's trust
 * (`job.labelers()`, `results({ labelerWeights: 'trust' })`).
 */
export interface ValidationOptions {
  /**
   * The pairs and their answers: 1 to 1 000 000 of them, no pair twice (in either
   * order). Sides are assigned at random each time one is shown, as for every matchup.
   */
  matchups: readonly ValidationMatchupInput[];
  /**
   * Share of issued matchups that are validation matchups: each matchup `nextMatchups`
   * hands out is one with this probability, in (0, 1). 0.05 met the issue 13 targets
   * (`npm run bench:trust`).
   */
  rate: number;
}

/** A validated validation matchup: frozen, as given. */
export interface ValidationMatchup {
  /** One datapoint of the pair. */
  readonly left: string;
  /** The other datapoint. */
  readonly right: string;
  /** The right answer with `left` and `right` shown as given. */
  readonly answer: 'left' | 'right' | 'draw';
  /** The context shown with it, when given. */
  readonly context?: RankingContext;
}

/** The normalised validation matchups of a definition. */
export interface ValidationParameters {
  /** The pairs and their answers, copied and frozen: 1 to 1 000 000, no pair twice. */
  readonly matchups: readonly ValidationMatchup[];
  /** Share of issued matchups that are validation matchups, in (0, 1). */
  readonly rate: number;
}

/** What a caller passes to `createRankingJobDefinition`. */
export interface RankingJobDefinitionInput {
  /** A name for the job (shown to people, never parsed). Non-empty. */
  name: string;
  /** The question labelers answer, e.g. "Which rabbit looks cooler?". Non-empty. */
  instruction: string;
  /**
   * The datapoints: the outer list holds independent rankings, each inner list the
   * ids ranked against each other (at least 2, non-empty strings, no duplicates
   * within a ranking; the same id may appear in two rankings).
   */
  datapoints: readonly (readonly string[])[];
  /** Matchups collected per ranking: a positive safe integer. */
  comparisonBudgetPerRanking: number;
  /**
   * Probability that a matchup is a uniformly random pair rather than a close
   * (`adaptive`) or most informative (`informationGain`) one. Finite, in [0, 1]; ignored
   * by `roundRobin` pairing.
   * @defaultValue 0.5 for `adaptive`; 0.1 for `informationGain` and for `sort` once
   *   every datapoint is placed (a hedge against a wrong model that costs little when
   *   the model is right; see the README)
   */
  randomComparisonsRatio?: number | undefined;
  /**
   * Responses collected for each matchup before it completes: a positive integer, or
   * {@link AdaptiveResponsesOptions} to collect until the winner is clear, the pair is
   * called ambiguous, or `maxResponses` is reached (the hosted service's adaptive
   * stopping). The budget counts matchups either way; `progress()` and `results()`
   * report the responses used.
   * @defaultValue 1
   */
  responsesPerComparison?: number | AdaptiveResponsesOptions | undefined;
  /**
   * `'majority'`: the side with more votes wins, equal votes are a draw.
   * `'allVotes'`: the score is the share of votes (a draw vote counts half).
   * @defaultValue 'majority'
   */
  voteAggregation?: VoteAggregation | undefined;
  /**
   * `'adaptive'`: random and close matchups mixed by `randomComparisonsRatio`.
   * `'informationGain'`: the least-compared datapoint against whichever of its nearest
   *   neighbours by posterior mean promises the most information, mixed with random
   *   pairs by `randomComparisonsRatio`.
   * `'sort'`: binary insertion sort (each datapoint placed among those already placed
   *   by binary search, several at once when matchups are in flight), then
   *   `'informationGain'` matchups with what is left of the budget, which catch and
   *   repair wrong answers. For labelers who answer consistently (a metric, an LLM
   *   judge at temperature 0): about log2(n!) matchups give the exact order.
   * `'roundRobin'`: every pair once, in random order, before any pair repeats.
   * @defaultValue 'adaptive'
   */
  pairing?: Pairing | undefined;
  /**
   * How many of the anchor's nearest neighbours a close matchup draws its opponent from
   * (by rating, nearer ones more likely), or an information-gain matchup chooses among
   * (by posterior mean). An integer in [1, 64].
   * @defaultValue 4
   */
  closeMatchCandidates?: number | undefined;
  /**
   * How long a matchup may stay pending, in milliseconds of the clock the caller passes
   * as `now`; `expireMatchups(now)` releases the ones past it. A finite number > 0, or
   * null for no limit.
   * @defaultValue null (matchups never expire)
   */
  matchupTtlMs?: number | null | undefined;
  /** Elo parameters; see {@link EloOptions}. */
  elo?: EloOptions | undefined;
  /** The posterior's prior and noise; see {@link PosteriorOptions}. */
  posterior?: PosteriorOptions | undefined;
  /**
   * Stop a ranking early once its order is settled to this confidence; see
   * {@link StopWhenOptions}. The budget stays the cap; `progress()` reports what a
   * settled ranking saved. @defaultValue null (every ranking spends its budget)
   */
  stopWhen?: StopWhenOptions | null | undefined;
  /**
   * Validation matchups with known answers, mixed into the work at `rate`; see
   * {@link ValidationOptions}. @defaultValue null (none)
   */
  validation?: ValidationOptions | null | undefined;
  /**
   * A context per ranking, aligned with `datapoints` (null for a ranking without one):
   * every matchup of the ranking carries it, to show with the instruction.
   * @defaultValue null (no ranking has a context)
   */
  contexts?: readonly (RankingContextInput | null)[] | null | undefined;
}

/** The normalised Elo parameters of a definition: every default filled in. */
export interface EloParameters {
  /** Rating every datapoint starts with (Elo points): as given, or the default 1200. Within ±min(1e9, 2^32 × scale). */
  readonly initialRating: number;
  /** Largest change one matchup can make to a rating (Elo points): as given, or the default 40. In [scale / 1e6, min(1e9, 1e6 × scale)]. */
  readonly kFactor: number;
  /** Rating difference (Elo points) that means 10:1 odds: as given, or the default 400. In [1e-6, 1e9]. */
  readonly scale: number;
}

/**
 * A validated ranking job definition with every default filled in. Deeply frozen,
 * plain JSON-safe data: store it, send it, pass it to `createRankingJob`.
 */
export interface RankingJobDefinition {
  /** The job's name, as given: non-empty, shown to people, never parsed. */
  readonly name: string;
  /** The question labelers answer, as given: non-empty. */
  readonly instruction: string;
  /**
   * The datapoint ids of each independent ranking, copied from the input: at least 2 per
   * ranking, non-empty, unique within a ranking.
   */
  readonly datapoints: readonly (readonly string[])[];
  /** Matchups collected per ranking: a positive integer (times the number of rankings, a safe integer). */
  readonly comparisonBudgetPerRanking: number;
  /**
   * Probability, in [0, 1], that a matchup is a uniformly random pair: as given, or the
   * default 0.5 for `adaptive` (and `roundRobin`, which ignores it), 0.1 for
   * `informationGain` and `sort`.
   */
  readonly randomComparisonsRatio: number;
  /**
   * Responses collected for each matchup before it completes: a positive integer, as
   * given or the default 1, or the adaptive rule with every default filled in.
   */
  readonly responsesPerComparison: ResponsesPerComparison;
  /** How a matchup's responses become its score: as given, or the default `'majority'`. */
  readonly voteAggregation: VoteAggregation;
  /** How matchups are chosen within a ranking: as given, or the default `'adaptive'`. */
  readonly pairing: Pairing;
  /**
   * How many of the anchor's nearest neighbours a close or information-gain matchup
   * chooses its opponent from: an integer in [1, 64], as given or the default 4.
   */
  readonly closeMatchCandidates: number;
  /**
   * How long a matchup may stay pending, in milliseconds of the caller's `now` clock
   * (> 0), or null (the default) for no limit.
   */
  readonly matchupTtlMs: number | null;
  /** The Elo parameters, every default filled in. */
  readonly elo: EloParameters;
  /** The posterior's prior sd and noise (Elo points), defaults derived from `elo.scale`. */
  readonly posterior: PosteriorParameters;
  /** The early-stopping rule, or null (the default): every ranking spends its budget. */
  readonly stopWhen: StopWhenParameters | null;
  /**
   * The validation matchups, when the input has them. Absent (not null) without them,
   * so definitions without validation keep the JSON, and so the default seed and the
   * snapshots, they had before validation existed.
   */
  readonly validation?: ValidationParameters;
  /**
   * The rankings' contexts, aligned with `datapoints` (null for a ranking without one),
   * when the input has them; absent otherwise (as `validation`, to keep old JSON).
   */
  readonly contexts?: readonly (RankingContext | null)[];
}
