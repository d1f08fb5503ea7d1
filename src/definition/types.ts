/**
 * The shape of a ranking job: what the caller passes in and the normalised, frozen
 * definition the library works from.
 * @module
 */

/** How matchups are chosen within a ranking. */
export type Pairing = 'adaptive' | 'roundRobin';

/** How the responses to one matchup are turned into its score. */
export type VoteAggregation = 'majority' | 'allVotes';

/** Elo parameters of a ranking job, every field optional. */
export interface EloOptions {
  /**
   * Rating every datapoint starts with (Elo points). Finite, |value| ≤ 1e9.
   * @defaultValue 1200
   */
  initialRating?: number | undefined;
  /**
   * Largest change one matchup can make to a rating. Finite, in (0, 1e9].
   * @defaultValue 40
   */
  kFactor?: number | undefined;
  /**
   * Rating difference that means 10:1 odds. Finite, in (0, 1e9].
   * @defaultValue 400
   */
  scale?: number | undefined;
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
   * Probability that an adaptive matchup is random rather than close (two similarly
   * rated datapoints). Finite, in [0, 1]; ignored by `roundRobin` pairing.
   * @defaultValue 0.5
   */
  randomComparisonsRatio?: number | undefined;
  /**
   * Responses collected for each matchup before it completes: a positive integer.
   * @defaultValue 1
   */
  responsesPerComparison?: number | undefined;
  /**
   * `'majority'`: the side with more votes wins, equal votes are a draw.
   * `'allVotes'`: the score is the share of votes (a draw vote counts half).
   * @defaultValue 'majority'
   */
  voteAggregation?: VoteAggregation | undefined;
  /**
   * `'adaptive'`: random and close matchups mixed by `randomComparisonsRatio`.
   * `'roundRobin'`: every pair once, in random order, before any pair repeats.
   * @defaultValue 'adaptive'
   */
  pairing?: Pairing | undefined;
  /**
   * How many of the anchor's nearest neighbours by rating a close matchup draws its
   * opponent from (nearer ones more likely). An integer in [1, 64].
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
}

/** The normalised Elo parameters of a definition: every default filled in. */
export interface EloParameters {
  readonly initialRating: number;
  readonly kFactor: number;
  readonly scale: number;
}

/**
 * A validated ranking job definition with every default filled in. Deeply frozen,
 * plain JSON-safe data: store it, send it, pass it to `createRankingJob`.
 */
export interface RankingJobDefinition {
  readonly name: string;
  readonly instruction: string;
  readonly datapoints: readonly (readonly string[])[];
  readonly comparisonBudgetPerRanking: number;
  readonly randomComparisonsRatio: number;
  readonly responsesPerComparison: number;
  readonly voteAggregation: VoteAggregation;
  readonly pairing: Pairing;
  readonly closeMatchCandidates: number;
  readonly matchupTtlMs: number | null;
  readonly elo: EloParameters;
}
