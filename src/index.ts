/**
 * pairwise-elo: rank items from pairwise judgements with Elo ranking jobs.
 * This file only re-exports the public API by name.
 * @module
 */
export { RankingInputError } from './errors.js';

export type { Rng, RngState, SeededRng } from './rng/rng.js';
export { createRng } from './rng/createRng.js';

export { expectedScore, DEFAULT_ELO_SCALE } from './elo/expectedScore.js';
export { updateElo, DEFAULT_K_FACTOR } from './elo/updateElo.js';

export type {
  EloOptions,
  EloParameters,
  Pairing,
  RankingJobDefinition,
  RankingJobDefinitionInput,
  VoteAggregation,
} from './definition/types.js';
export { DEFINITION_DEFAULTS } from './definition/defaults.js';
export { createRankingJobDefinition } from './definition/createRankingJobDefinition.js';

export type {
  AddDatapointsOptions,
  BudgetProgress,
  DatapointsAddedEvent,
  Matchup,
  MatchupReleasedEvent,
  MatchupsExpiredEvent,
  MatchupsIssuedEvent,
  NextMatchupsOptions,
  RankingJobEvent,
  ResponseRecordedEvent,
  MatchupKind,
  Outcome,
  Progress,
  RankingJob,
  RankingJobOptions,
  RankingProgress,
  RankingResult,
  RankingResultEntry,
  RecordResponseOptions,
} from './job/types.js';
export { createRankingJob, MAX_MATCHUPS_PER_CALL } from './job/createRankingJob.js';

export type { ScoreMap } from './metrics/scoreMap.js';
export { kendallTau } from './metrics/kendallTau.js';

export type { Labeler } from './simulation/labeler.js';
export type { BradleyTerryLabelerOptions } from './simulation/bradleyTerryLabeler.js';
export { bradleyTerryLabeler } from './simulation/bradleyTerryLabeler.js';

export type {
  MatchupsSnapshot,
  PendingMatchupSnapshot,
  RankingJobSnapshot,
  RankingSnapshot,
} from './persistence/snapshotTypes.js';
export { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from './persistence/snapshotTypes.js';
export type { RoundRobinState } from './selection/roundRobinSchedule.js';
export type { RestoreOptions } from './persistence/restoreRankingJob.js';
export { restoreRankingJob } from './persistence/restoreRankingJob.js';
export { replayRankingJob } from './persistence/replayRankingJob.js';
