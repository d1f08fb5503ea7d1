/**
 * The public types of model-arena leaderboards: what `createLeaderboard` takes, the
 * matchups it issues, the standings it reports. Plain, JSON-safe data throughout.
 * @module
 */
import type { Rng, RngState } from '../rng/rng.js';
import type { createLeaderboard } from './createLeaderboard.js';

/**
 * A labeler's answer to a leaderboard matchup: the left output is better, the right one
 * is, they are equally good (`'draw'`), or both are bad (`'bothBad'`, the Chatbot
 * Arena's "tie (bothbad)"). Both kinds of tie count as half a win for each side in the
 * fit, as the Arena counts them; they are kept apart in the counts.
 */
export type LeaderboardOutcome = 'left' | 'right' | 'draw' | 'bothBad';

/** Why a matchup pairs its two models. */
export type LeaderboardMatchupKind = 'random' | 'informationGain' | 'placement';

/** A prompt the models answer, with optional tags for per-tag standings. */
export interface LeaderboardPrompt {
  /** The prompt's id: a non-empty string, unique among the prompts. */
  readonly id: string;
  /**
   * Tags (non-empty strings, no repeats): `standings({ tag })` fits only the battles on
   * prompts that carry the tag.
   * @defaultValue []
   */
  readonly tags?: readonly string[] | undefined;
}

/** Where the Elo scale is pinned: this model gets this rating. */
export interface LeaderboardAnchor {
  /** A model of the leaderboard. */
  readonly model: string;
  /** Its rating, a finite number (the Arena pins mixtral-8x7b-instruct-v0.1 at 1114). */
  readonly rating: number;
}

/** Options of {@link createLeaderboard}; every field but `models` and `prompts` is optional. */
export interface LeaderboardInput {
  /** The models: at least two distinct non-empty strings. */
  readonly models: readonly string[];
  /** The prompts: at least one, as ids or `{ id, tags? }` objects. */
  readonly prompts: readonly (string | LeaderboardPrompt)[];
  /**
   * Most battles: completed plus pending never exceed it; null for no limit.
   * A positive safe integer, or null.
   * @defaultValue null
   */
  readonly budget?: number | null | undefined;
  /**
   * Share of matchups that pair two uniformly random models; the rest pair the
   * least-compared model with the opponent whose answer is expected to teach the most.
   * A number in [0, 1].
   * @defaultValue 0.1
   */
  readonly randomShare?: number | undefined;
  /**
   * Whether a model added by `addModel` is first placed by binary search: its first
   * matchups (at most log2(models) + 1) go against models inside the range of the
   * standings it can still fall in, each answer narrowing that range.
   * @defaultValue true
   */
  readonly placement?: boolean | undefined;
  /**
   * Elo points per factor of 10 in the odds (the Arena's SCALE), in [1e-6, 1e9].
   * @defaultValue 400
   */
  readonly scale?: number | undefined;
  /**
   * Mean of the scores when there is no anchor (the Arena's INIT_RATING), within
   * ±min(1e9, 2^32 × scale).
   * @defaultValue 1000
   */
  readonly center?: number | undefined;
  /**
   * Pin the scale so that this model has this rating (intervals then describe the
   * difference from the anchor, as the Arena's anchored bootstrap does), or null.
   * @defaultValue null
   */
  readonly anchor?: LeaderboardAnchor | null | undefined;
  /**
   * Strength λ of the L2 penalty on the natural-log strengths (as `fitBradleyTerry`'s
   * `prior`), a finite number ≥ 0. 0 is the plain maximum-likelihood fit of the Arena,
   * which exists only once every model has both beaten and been beaten through some
   * chain of wins; the default keeps early standings finite.
   * @defaultValue 0.01
   */
  readonly prior?: number | undefined;
  /**
   * Lower is better: labelers pick the worse output (for example "which answer has more
   * mistakes?"). Scores, win rates and the position bias keep their meaning in terms of
   * being picked; only the order reverses: rank 1 is the lowest score, and rank
   * intervals are computed on the reversed order.
   * @defaultValue false
   */
  readonly inverseRanking?: boolean | undefined;
  /** Seed of the leaderboard's generator (any string or finite number); give `seed` or `rng`, not both. @defaultValue 1 */
  readonly seed?: string | number | undefined;
  /** An injected generator returning numbers in [0, 1); its state is not saved by snapshots. */
  readonly rng?: Rng | undefined;
}

/** One matchup: the same prompt's outputs from two models, side by side. */
export interface LeaderboardMatchup {
  /** Its id (`b1`, `b2`, …), unique within the leaderboard. */
  readonly id: string;
  /** The prompt both models answered. */
  readonly prompt: string;
  /** The model whose output is shown on the left. */
  readonly left: string;
  /** The model whose output is shown on the right. */
  readonly right: string;
  /** Why these two models meet. */
  readonly kind: LeaderboardMatchupKind;
}

/** Options of `recordResponse`. */
export interface LeaderboardResponseOptions {
  /** Who answered: a non-empty string, kept with the battle. */
  readonly labelerId?: string | undefined;
}

/** How standings get their intervals. */
export type LeaderboardIntervals = 'analytic' | 'bootstrap';

/** Options of `standings`; every field is optional. */
export interface StandingsOptions {
  /**
   * `'analytic'`: score ± z × standard error of the fit; `'bootstrap'`: percentile
   * intervals over `rounds` refits of resampled battles, as the Arena reports them.
   * @defaultValue 'analytic'
   */
  readonly intervals?: LeaderboardIntervals | undefined;
  /** Bootstrap rounds, an integer from 10 to 100 000. @defaultValue 1000 */
  readonly rounds?: number | undefined;
  /**
   * How bootstrap rounds reweight the battles. `'bayesian'`: Dirichlet weights on the
   * cells (pair × outcome), O(cells) a round; the same mean as resampling the battles
   * and, up to a factor N/(N + 1), the same covariance (Rubin 1981). `'multinomial'`:
   * N battles drawn with replacement, exactly the Arena's resampling, O(N) a round;
   * it needs `prior` > 0, since a round can lose every win of a model.
   * @defaultValue 'bayesian'
   */
  readonly resampling?: 'bayesian' | 'multinomial' | undefined;
  /** Seed of the bootstrap (any string or finite number). @defaultValue 1 */
  readonly seed?: string | number | undefined;
  /** Coverage of each interval, strictly between 0 and 1. @defaultValue 0.95 */
  readonly confidence?: number | undefined;
  /** Only the battles on prompts with this tag, or null for all. @defaultValue null */
  readonly tag?: string | null | undefined;
}

/** One model of {@link Standings}. Scores are Elo points. */
export interface StandingEntry {
  /** Competition rank (1, 2, 2, 4): 1 is the best (the lowest score with `inverseRanking`). */
  readonly rank: number;
  /** The model. */
  readonly model: string;
  /** Its fitted score: Bradley–Terry on the Elo scale, centred or anchored. */
  readonly score: number;
  /** Standard error of the score (relative to the anchor when there is one). */
  readonly standardError: number;
  /** Lower end of its interval. */
  readonly lower: number;
  /** Upper end of its interval. */
  readonly upper: number;
  /** Best place its interval allows (the Arena's rule: 1 + models surely better). */
  readonly bestRank: number;
  /** Worst place its interval allows (n − models surely worse). */
  readonly worstRank: number;
  /** Battles it won (for `inverseRanking`: battles where it was picked). */
  readonly wins: number;
  /** Battles it lost. */
  readonly losses: number;
  /** Battles judged a tie. */
  readonly draws: number;
  /** Battles judged "both bad". */
  readonly bothBad: number;
  /** All its battles. */
  readonly battles: number;
}

/** The standings of a leaderboard: plain, JSON-safe data. */
export interface Standings {
  /** Rated models (those with at least one battle in scope), best first. */
  readonly entries: readonly StandingEntry[];
  /** Models without a battle in scope, in the leaderboard's order. */
  readonly unrated: readonly string[];
  /** Battles fitted. */
  readonly battles: number;
  /** The tag the battles were restricted to, or null. */
  readonly tag: string | null;
  /** How the intervals were computed. */
  readonly intervals: LeaderboardIntervals;
  /** Their coverage. */
  readonly confidence: number;
  /** Bootstrap rounds, or null for analytic intervals. */
  readonly rounds: number | null;
  /** Bootstrap resampling, or null for analytic intervals. */
  readonly resampling: 'bayesian' | 'multinomial' | null;
  /** Elo points per factor of 10 in the odds. */
  readonly scale: number;
  /** The mean score when not anchored. */
  readonly center: number;
  /** The anchor applied, or null (none given, or its model has no battle in scope). */
  readonly anchor: LeaderboardAnchor | null;
  /** The penalty strength of the fit. */
  readonly prior: number;
  /** Whether lower is better. */
  readonly inverseRanking: boolean;
  /** Whether the fit converged (and, for the bootstrap, every round). */
  readonly converged: boolean;
}

/** Standings of one prompt tag. */
export interface TagStandings {
  /** The tag. */
  readonly tag: string;
  /** Its standings. */
  readonly standings: Standings;
}

/** Win rates between the rated models, observed and predicted by the fit. */
export interface LeaderboardWinRates {
  /** Row and column i is `models[i]`, in standings order. */
  readonly models: readonly string[];
  /**
   * `observed[i][j]`: the share of their battles `models[i]` won against `models[j]`,
   * ties counted half; null when they never met (and on the diagonal).
   */
  readonly observed: readonly (readonly (number | null)[])[];
  /** `predicted[i][j]`: 1 / (1 + 10^((score_j − score_i) / scale)); null on the diagonal. */
  readonly predicted: readonly (readonly (number | null)[])[];
  /** `battles[i][j]`: how many battles they had. */
  readonly battles: readonly (readonly number[])[];
}

/**
 * The estimated advantage of being shown on the left. When the battles do not bound it
 * (`identified: false`) there is no estimate: `score`, `standardError`, `lower` and
 * `upper` are null.
 */
export interface LeaderboardPositionBias {
  /**
   * Whether the battles bound the bias. False when a left-side (or right-side) advantage
   * of any size explains them at least as well as any finite one (quasi-separation: say
   * the left side won every battle of each pair shown one way round, and lost only where
   * the models' strengths explain it); a fit would then report thousands of points with a
   * standard error of 1e8 without a prior, or the prior's value with one. See
   * `positionEffect.identified` of `fitBradleyTerry`.
   */
  readonly identified: boolean;
  /** Elo points; positive means the left output is picked more often than its quality explains; null when not identified. */
  readonly score: number | null;
  /** Its standard error (Elo points); null when not identified. */
  readonly standardError: number | null;
  /** score − z × standardError at the confidence asked for; null when not identified. */
  readonly lower: number | null;
  /** score + z × standardError; null when not identified. */
  readonly upper: number | null;
  /** Share of decisive battles the left output won. */
  readonly leftWinRate: number;
  /** Battles the estimate rests on. */
  readonly battles: number;
}

/** Budget and counts of a leaderboard. */
export interface LeaderboardProgress {
  /** The budget, or null for none. */
  readonly budget: number | null;
  /** Matchups issued and not yet answered or released. */
  readonly pending: number;
  /** Battles answered (imported ones included). */
  readonly completed: number;
  /** Matchups that can still be issued: budget − pending − completed, or null without a budget. */
  readonly remaining: number | null;
}

/** A saved leaderboard: plain JSON for `restoreLeaderboard`. */
export interface LeaderboardSnapshot {
  /** Always `'pairwise-elo/leaderboard'`: marks the object as a leaderboard snapshot. */
  readonly format: 'pairwise-elo/leaderboard';
  /** Always 1: the layout this library writes and reads. */
  readonly version: 1;
  /** A hash of everything else: a damaged or edited snapshot is refused. */
  readonly checksum: string;
  /** The leaderboard's settings, every default filled in (see `createLeaderboard`). */
  readonly options: {
    /** Battles to complete, or null for no limit. */
    readonly budget: number | null;
    /** Share of matchups whose model pair is uniformly random, in [0, 1]. */
    readonly randomShare: number;
    /** Whether added models are placed by binary search. */
    readonly placement: boolean;
    /** Rating difference (points) meaning 10:1 odds. */
    readonly scale: number;
    /** The mean score without an anchor (points). */
    readonly center: number;
    /** The model pinned at a rating, or null. */
    readonly anchor: LeaderboardAnchor | null;
    /** The fit's L2 prior (0: plain maximum likelihood). */
    readonly prior: number;
    /** Whether lower scores rank first. */
    readonly inverseRanking: boolean;
  };
  /** The generator's state, or null when it ran on an injected generator without one. */
  readonly rng: RngState | null;
  /** The model ids, in order of addition (battles name them by index). */
  readonly models: readonly string[];
  /** The prompts and their tags, in order of addition (battles name them by index). */
  readonly prompts: readonly {
    /** The prompt's id. */
    readonly id: string;
    /** Its tags (possibly none). */
    readonly tags: readonly string[];
  }[];
  /** The labeler ids, in order of first answer (battles name them by index). */
  readonly labelers: readonly string[];
  /** Completed battles in the order they were answered, column by column. */
  readonly battles: {
    /** Prompt index, or −1 for an imported battle without a prompt. */
    readonly prompt: readonly number[];
    /** Index into `models` of the model shown on the left (model_a). */
    readonly left: readonly number[];
    /** Index into `models` of the model shown on the right (model_b). */
    readonly right: readonly number[];
    /** 0 left, 1 right, 2 draw, 3 both bad. */
    readonly outcome: readonly number[];
    /** Index into `labelers`, or −1. */
    readonly labeler: readonly number[];
  };
  /** The pending matchups, in issue order. */
  readonly pending: readonly {
    /** The matchup's id. */
    readonly id: string;
    /** Index into `prompts`. */
    readonly prompt: number;
    /** Index into `models` of the left model. */
    readonly left: number;
    /** Index into `models` of the right model. */
    readonly right: number;
    /** How the pair was chosen. */
    readonly kind: LeaderboardMatchupKind;
    /** Placement matchups: the opponent's mean when issued; null otherwise. */
    readonly pivot: number | null;
  }[];
  /** Models still being placed: the score range they can fall in (null: unbounded) and the placement matchups left. */
  readonly placement: readonly {
    /** Index into `models`. */
    readonly model: number;
    /** Lowest score it can still have (points), or null for unbounded. */
    readonly low: number | null;
    /** Highest score it can still have (points), or null for unbounded. */
    readonly high: number | null;
    /** Placement matchups left. */
    readonly steps: number;
  }[];
  /** The number of the next matchup id. */
  readonly nextMatchup: number;
}

/**
 * A running leaderboard: issues matchups, takes the answers, reports standings. One call
 * at a time: a call made from inside another (from an injected `rng`) throws.
 */
export interface Leaderboard {
  /** Whether the budget is spent (always false without a budget). */
  readonly done: boolean;
  /**
   * Up to `count` new matchups (at most 65 536 a call), fewer when the budget runs out.
   * Each takes a least-used prompt and a pair of models (see {@link createLeaderboard}).
   */
  nextMatchups(count: number): LeaderboardMatchup[];
  /** Records the answer to a pending matchup; throws for an unknown or answered one. */
  recordResponse(matchupId: string, outcome: LeaderboardOutcome, options?: LeaderboardResponseOptions): void;
  /** Gives a pending matchup's budget back (nobody will answer it). */
  releaseMatchup(matchupId: string): void;
  /** Matchups issued and not answered or released, in the order issued. */
  pendingMatchups(): LeaderboardMatchup[];
  /** Adds a model; with `placement` its first matchups place it by binary search. */
  addModel(model: string): void;
  /** The models, in the order they were added. */
  models(): string[];
  /** Budget and counts. */
  progress(): LeaderboardProgress;
  /** The standings: scores, intervals, rank intervals. */
  standings(options?: StandingsOptions): Standings;
  /** Standings for each prompt tag, tags in order of first appearance. */
  standingsByTag(options?: Omit<StandingsOptions, 'tag'>): TagStandings[];
  /** Observed and predicted win rates between the rated models. */
  winRates(options?: { readonly tag?: string | null | undefined }): LeaderboardWinRates;
  /**
   * The advantage of the left side, fitted with the models' strengths; null before any
   * decisive battle, without an estimate (`identified: false`) when the battles do not
   * bound it. With `prior` 0 it throws a `RankingInputError` when the left side won (or
   * lost) every decisive battle.
   */
  positionBias(options?: { readonly confidence?: number | undefined }): LeaderboardPositionBias | null;
  /** The whole state as plain JSON for `restoreLeaderboard`. */
  snapshot(): LeaderboardSnapshot;
}
