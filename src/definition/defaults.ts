/**
 * Every default of a ranking job definition, in one place.
 * @module
 */
import { DEFAULT_ELO_SCALE } from '../elo/expectedScore.js';
import { DEFAULT_K_FACTOR } from '../elo/updateElo.js';

/** The defaults `createRankingJobDefinition` fills in. */
export const DEFINITION_DEFAULTS = Object.freeze({
  randomComparisonsRatio: 0.5,
  responsesPerComparison: 1,
  voteAggregation: 'majority',
  pairing: 'adaptive',
  closeMatchCandidates: 4,
  matchupTtlMs: null,
  elo: Object.freeze({ initialRating: 1200, kFactor: DEFAULT_K_FACTOR, scale: DEFAULT_ELO_SCALE }),
} as const);

/** Largest magnitude accepted for an Elo parameter, so ratings stay finite and sums exact. */
export const MAX_ELO_PARAMETER = 1e9;

/** Largest accepted `closeMatchCandidates`: beyond it a close matchup is barely close. */
export const MAX_CLOSE_MATCH_CANDIDATES = 64;
