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
export type { UpdateEloBatchOptions } from './elo/updateEloBatch.js';
export { updateEloBatch } from './elo/updateEloBatch.js';

export type {
  AdaptiveResponsesOptions,
  AdaptiveResponsesParameters,
  EloOptions,
  EloParameters,
  Pairing,
  PosteriorOptions,
  PosteriorParameters,
  RankingContext,
  RankingContextInput,
  RankingJobDefinition,
  RankingJobDefinitionInput,
  ResponsesPerComparison,
  StopWhenOptions,
  StopWhenParameters,
  ValidationMatchup as ValidationMatchupDefinition,
  ValidationMatchupInput,
  ValidationOptions,
  ValidationParameters,
  VoteAggregation,
} from './definition/types.js';
export { DEFINITION_DEFAULTS } from './definition/defaults.js';
export { createRankingJobDefinition } from './definition/createRankingJobDefinition.js';

export type {
  AddDatapointsOptions,
  BudgetProgress,
  ComparisonsOptions,
  JobComparison,
  DatapointsAddedEvent,
  Matchup,
  MatchupReleasedEvent,
  MatchupsExpiredEvent,
  MatchupsIssuedEvent,
  NextMatchupsOptions,
  RankingJobEvent,
  ResponseRecordedEvent,
  MatchupKind,
  MatchupStatus,
  RankingMatchup,
  RankingMatchupKind,
  ValidationMatchup,
  ValidationProgress,
  Outcome,
  Progress,
  RankingJob,
  RankingJobOptions,
  RankingProgress,
  RankingResult,
  RankingResultEntry,
  RankingResultEntryWithIntervals,
  RecordResponseOptions,
  ResultsOptions,
  IntervalResultsOptions,
  Scorer,
  ScorerName,
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
  RankingsSnapshot,
  AddedDatapointsSnapshot,
} from './persistence/snapshotTypes.js';
export { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from './persistence/snapshotTypes.js';
export type { RoundRobinState } from './selection/roundRobinSchedule.js';
export type { VotesSnapshot } from './job/voteLog.js';
export type { RestoreOptions } from './persistence/restoreRankingJob.js';
export { restoreRankingJob } from './persistence/restoreRankingJob.js';
export { replayRankingJob } from './persistence/replayRankingJob.js';

export type { RankingAccuracy, RankingAccuracyOptions, RankingMetric } from './metrics/rankingAccuracy.js';
export { RANKING_METRICS, rankingAccuracy } from './metrics/rankingAccuracy.js';
export { spearmanRho } from './metrics/spearmanRho.js';
export { topKPrecision } from './metrics/topKPrecision.js';
export { maxRankDisplacement } from './metrics/maxRankDisplacement.js';
export { meanAbsoluteRankError } from './metrics/meanAbsoluteRankError.js';

export type { LabelerBehaviorOptions } from './simulation/labeler.js';
export type { ThurstoneLabelerOptions } from './simulation/thurstoneLabeler.js';
export { thurstoneLabeler, DEFAULT_THURSTONE_NOISE } from './simulation/thurstoneLabeler.js';
export { noiselessLabeler } from './simulation/noiselessLabeler.js';
export type { CrowdMember } from './simulation/crowdLabeler.js';
export { crowdLabeler } from './simulation/crowdLabeler.js';
export type {
  BradleyTerryLabelerSpec,
  CrowdLabelerSpec,
  LabelerPresetName,
  LabelerSpec,
  NoiselessLabelerSpec,
  ThurstoneLabelerSpec,
} from './simulation/labelerSpec.js';
export { LABELER_MODELS, LABELER_PRESETS, createLabeler } from './simulation/labelerSpec.js';
export type { ResolvedTrueScoreOptions, TrueScoreDistribution, TrueScoreOptions } from './simulation/generateTrueScores.js';
export { TRUE_SCORE_DEFAULTS, TRUE_SCORE_DISTRIBUTIONS, generateTrueScores } from './simulation/generateTrueScores.js';
export type {
  SimulatedRanking,
  SimulateRankingJobOptions,
  SimulationResult,
  SimulationValidationOptions,
  TrueScoreEntry,
} from './simulation/simulateRankingJob.js';
export { simulateRankingJob } from './simulation/simulateRankingJob.js';
export type { ResolvedValidationFromTruth, ValidationFromTruthOptions } from './simulation/validationMatchupsFromTruth.js';
export { VALIDATION_FROM_TRUTH_DEFAULTS, validationMatchupsFromTruth } from './simulation/validationMatchupsFromTruth.js';
export type { IdentifiedLabeler, LabelerAnswer } from './simulation/labeler.js';
export type { SideClickerLabelerOptions } from './simulation/sideClickerLabeler.js';
export { sideClickerLabeler } from './simulation/sideClickerLabeler.js';
export type { NamedCrowdMember, NamedCrowdOptions } from './simulation/namedCrowdLabeler.js';
export { MAX_CROWD_LABELERS, namedCrowdLabeler } from './simulation/namedCrowdLabeler.js';
export type {
  AnonymousLabelerPresetName,
  AnonymousLabelerSpec,
  NamedCrowdLabelerSpec,
  SideClickerLabelerSpec,
} from './simulation/labelerSpec.js';

export type {
  ConvergenceCell,
  ConvergenceCellKey,
  ConvergenceConfig,
  ConvergenceProgress,
  ConvergenceResults,
  ConvergenceShard,
  ConvergenceTrust,
  MetricSummary,
  NormalizedConvergenceConfig,
} from './convergence/convergenceTypes.js';
export { runConvergence } from './convergence/runConvergence.js';
export { CONVERGENCE_TRUST, DEFAULT_VALIDATION_RATE } from './convergence/normaliseConvergenceConfig.js';
export type { ConvergenceChartOptions } from './convergence/convergenceChartSvg.js';
export { convergenceChartSvg } from './convergence/convergenceChartSvg.js';
export { convergenceCsv } from './convergence/convergenceCsv.js';
export { mergeConvergenceResults } from './convergence/mergeConvergenceResults.js';
export type { ChartPanel, ChartPoint, ChartSeries, LineChart } from './report/lineChartSvg.js';
export { lineChartSvg } from './report/lineChartSvg.js';

export type { Comparison, ComparisonOutcome, ComparisonRecord, PairCounts } from './bradleyTerry/comparisonTypes.js';
export { ComparisonTable, ComparisonTableBuilder, comparisonTable, MAX_DATAPOINT_WEIGHT } from './bradleyTerry/comparisonTable.js';
export type {
  BradleyTerryEntry,
  BradleyTerryFit,
  BradleyTerryOptions,
  BradleyTerryPositionEffect,
  BradleyTerryStandardErrors,
  ResolvedBradleyTerryOptions,
} from './bradleyTerry/fitBradleyTerry.js';
export { BRADLEY_TERRY_DEFAULTS, MAX_APPROXIMATION_ERROR, MAX_COVARIANCE_DATAPOINTS, fitBradleyTerry } from './bradleyTerry/fitBradleyTerry.js';
export type { AnalyticIntervalEntry, AnalyticIntervalOptions, AnalyticIntervals, AnalyticPositionEffectInterval } from './bradleyTerry/analyticIntervals.js';
export { analyticIntervals } from './bradleyTerry/analyticIntervals.js';
export type { BootstrapEntry, BootstrapIntervals, BootstrapOptions, BootstrapPositionEffect } from './bradleyTerry/bootstrapIntervals.js';
export { BOOTSTRAP_DEFAULTS, bootstrapIntervals } from './bradleyTerry/bootstrapIntervals.js';
export type { WinMatrix } from './bradleyTerry/winMatrix.js';
export { MAX_WIN_MATRIX_DATAPOINTS, winMatrix } from './bradleyTerry/winMatrix.js';
export type { ConvergenceMetric, ResponseMetric, SweepMetric } from './convergence/convergenceMetrics.js';
export { CONVERGENCE_METRICS, RESPONSE_METRICS } from './convergence/convergenceMetrics.js';
export { LIBRARY_VERSION } from './version.js';

export type {
  IntervalEstimate,
  LabelerTrust,
  LabelerTrustOptions,
  LabelerTrustReport,
  PositionBiasSummary,
  TrustMethod,
  TrustResponse,
  TrustSource,
  ValidationAnswer,
  ValidationSummary,
} from './trust/trustTypes.js';
export { TRUST_METHODS } from './trust/trustTypes.js';
export { estimateLabelerTrust } from './trust/estimateLabelerTrust.js';
export type { TrustWeightOptions } from './trust/labelerWeightsFromTrust.js';
export { labelerWeightsFromTrust } from './trust/labelerWeightsFromTrust.js';

export type {
  Leaderboard,
  LeaderboardAnchor,
  LeaderboardInput,
  LeaderboardIntervals,
  LeaderboardMatchup,
  LeaderboardMatchupKind,
  LeaderboardOutcome,
  LeaderboardPositionBias,
  LeaderboardProgress,
  LeaderboardPrompt,
  LeaderboardResponseOptions,
  LeaderboardSnapshot,
  LeaderboardWinRates,
  StandingEntry,
  Standings,
  StandingsOptions,
  TagStandings,
} from './leaderboard/leaderboardTypes.js';
export type { LeaderboardSettings } from './leaderboard/leaderboardSettings.js';
export { LEADERBOARD_DEFAULTS } from './leaderboard/leaderboardSettings.js';
export { STANDINGS_DEFAULTS } from './leaderboard/standingsOptions.js';
export type { ResolvedStandingsOptions } from './leaderboard/standingsOptions.js';
export { createLeaderboard } from './leaderboard/createLeaderboard.js';
export { MAX_LEADERBOARD_MATCHUPS_PER_CALL } from './leaderboard/leaderboardRunner.js';
export type { RestoreLeaderboardOptions } from './leaderboard/restoreLeaderboard.js';
export { restoreLeaderboard } from './leaderboard/restoreLeaderboard.js';
export { LEADERBOARD_SNAPSHOT_FORMAT, LEADERBOARD_SNAPSHOT_VERSION } from './leaderboard/leaderboardSnapshot.js';
export type { ArenaBattle, LeaderboardFromBattlesOptions } from './leaderboard/leaderboardFromBattles.js';
export { leaderboardFromBattles } from './leaderboard/leaderboardFromBattles.js';
export type { LeaderboardSimulation, SimulateLeaderboardOptions } from './leaderboard/simulateLeaderboard.js';
export { simulateLeaderboard } from './leaderboard/simulateLeaderboard.js';

export type {
  AddBatchOptions,
  BatchAddedEvent,
  BatchForgottenEvent,
  FlowBatchResult,
  FlowBatchState,
  FlowBatchStatus,
  FlowExpiredEvent,
  FlowExpiry,
  FlowMatchup,
  FlowMatchupKind,
  FlowMatchupRecord,
  FlowMatchupReleasedEvent,
  FlowMatchupsIssuedEvent,
  FlowNextMatchupsOptions,
  FlowProgress,
  FlowRecordResponseOptions,
  FlowResponseRecordedEvent,
  FlowResultEntry,
  FlowScorer,
  RankingFlow,
  RankingFlowConfig,
  RankingFlowEvent,
  RankingFlowInput,
  RankingFlowOptions,
  ResponsesPer,
} from './flow/flowTypes.js';
export { FLOW_DEFAULTS, MAX_BATCH_DATAPOINTS, MAX_FLOW_RESPONSES } from './flow/flowConfig.js';
export { MAX_FLOW_MATCHUPS_PER_CALL } from './flow/flowRunner.js';
export { createRankingFlow } from './flow/createRankingFlow.js';
export type {
  ClosedBatchesSnapshot,
  FlowBatchesSnapshot,
  FlowMatchupsSnapshot,
  PendingBatchesSnapshot,
  PendingFlowMatchupSnapshot,
  RankingFlowSnapshot,
} from './flow/flowSnapshotTypes.js';
export { FLOW_SNAPSHOT_FORMAT, FLOW_SNAPSHOT_VERSION } from './flow/flowSnapshotTypes.js';
export { restoreRankingFlow } from './flow/restoreRankingFlow.js';
export { replayRankingFlow } from './flow/replayRankingFlow.js';
export type { FlowSimulation, SimulateFlowOptions } from './simulation/simulateFlow.js';
export { simulateFlow } from './simulation/simulateFlow.js';
