/**
 * Every default of a ranking job definition, in one place.
 * @module
 */
import { DEFAULT_ELO_SCALE } from '../elo/expectedScore.js';
import { DEFAULT_K_FACTOR } from '../elo/updateElo.js';

/** The defaults `createRankingJobDefinition` fills in. */
export const DEFINITION_DEFAULTS = /* @__PURE__ */ Object.freeze({
  /** The random share of `adaptive` (and `roundRobin`) pairing: a probability in [0, 1]. */
  randomComparisonsRatio: 0.5,
  /** The random share of information-gain pairing (measured: see bench/README.md). */
  informationGainRandomRatio: 0.1,
  /** Responses collected per matchup before it completes. */
  responsesPerComparison: 1,
  /** The adaptive rule's defaults (`responsesPerComparison` as an object): the hosted service's. */
  adaptiveResponses: /* @__PURE__ */ Object.freeze({
    /** The most responses a matchup collects. */
    maxResponses: 100,
    /** Posterior probability that calls a winner or an ambiguous pair. */
    minConfidence: 0.9,
    /** Normalised Gini impurity 4p(1 − p) from which a split is ambiguous: 0.64, a 20/80 split. */
    ambiguityThreshold: 0.64,
    /** The fewest responses before the rule may complete a matchup. */
    minResponses: 1,
  }),
  /** How a matchup's responses become its score. */
  voteAggregation: 'majority',
  /** How matchups are chosen within a ranking. */
  pairing: 'adaptive',
  /** Nearest neighbours a close or information-gain matchup chooses its opponent from. */
  closeMatchCandidates: 4,
  /** How long a matchup may stay pending, in milliseconds: null, never expire. */
  matchupTtlMs: null,
  /** The early-stopping rule: null, every ranking spends its budget. */
  stopWhen: null,
  /** The Elo parameters. */
  elo: /* @__PURE__ */ Object.freeze({
    /** Rating every datapoint starts with (Elo points). */
    initialRating: 1200,
    /** Largest change one matchup can make to a rating (Elo points): `DEFAULT_K_FACTOR`. */
    kFactor: DEFAULT_K_FACTOR,
    /** Rating difference (Elo points) that means 10:1 odds: `DEFAULT_ELO_SCALE`. */
    scale: DEFAULT_ELO_SCALE,
  }),
} as const);

// The Elo parameters' ranges live with the Elo arithmetic they protect.
export { MAX_ELO_PARAMETER } from '../elo/eloParameters.js';

/** Largest accepted `closeMatchCandidates`: beyond it a close matchup is barely close. */
export const MAX_CLOSE_MATCH_CANDIDATES = 64;

/** Bounds of the posterior's prior sd and noise, as multiples of the Elo scale. */
export const POSTERIOR_PARAMETER_RANGE = /* @__PURE__ */ Object.freeze({ low: 1e-3, high: 1e3 });

/** The default prior sd of the scores: half the Elo scale (200 Elo points at scale 400). */
export function defaultPriorSd(scale: number): number {
  return scale / 2;
}

/**
 * The default comparison noise: the Thurstone curve Φ(d / (√2 σ)) with the slope of the
 * Elo curve 1 / (1 + 10^(−d/scale)) at d = 0, σ = 2 scale / (ln 10 √π) (≈ 196 at 400).
 */
export function defaultNoise(scale: number): number {
  return (2 * scale) / (Math.LN10 * Math.sqrt(Math.PI));
}
