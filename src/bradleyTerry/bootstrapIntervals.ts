/**
 * Bootstrap confidence intervals for Bradley–Terry scores, and the rank intervals they
 * imply, as on the Chatbot Arena leaderboard.
 *
 * Each round reweights the games (`resampler.ts`: the nonparametric bootstrap, or the
 * Bayesian bootstrap when the weights are not whole numbers or the games too many) and
 * refits. Intervals are percentile intervals (Efron & Tibshirani, "An Introduction to
 * the Bootstrap", 1993, ch. 13) with type-7 sample quantiles (`quantile.ts`).
 *
 * Rank intervals: Chiang et al., "Chatbot Arena: An Open Platform for Evaluating LLMs by
 * Human Preference", ICML 2024, arXiv:2403.04132, and lm-sys/FastChat,
 * fastchat/serve/monitor/monitor.py, `recompute_final_ranking` (see `rankBounds`).
 * @module
 */
import { createRng } from '../rng/createRng.js';
import { rankBounds } from './analyticIntervals.js';
import type { BootstrapOptions } from './bootstrapOptions.js';
import type { BootstrapIntervals, BootstrapPositionEffect } from './bootstrapTypes.js';
import type { BradleyTerryInternalOptions, ResolvedBradleyTerryOptions } from './bradleyTerryOptions.js';
import { ComparisonTable } from './comparisonTableData.js';
import type { Comparison } from './comparisonTypes.js';
import { fillRoundTable } from './fillRoundTable.js';
import { fitComparisonTable } from './fitComparisonTable.js';
import { quantile } from '../stats/quantile.js';
import { readComparisons } from './readComparisons.js';
import { resampler } from './resampler.js';
import { resolveBootstrapOptions } from './resolveBootstrapOptions.js';
import { roundTable } from './roundTable.js';
import { unitsOfTable } from './unitsOfTable.js';

export type { BootstrapOptions } from './bootstrapOptions.js';
export { BOOTSTRAP_DEFAULTS } from './bootstrapOptions.js';
export type { BootstrapEntry, BootstrapIntervals, BootstrapPositionEffect } from './bootstrapTypes.js';

/**
 * Bootstrap confidence intervals for every Bradley–Terry score, with the rank interval
 * each implies, computed as on the Chatbot Arena leaderboard.
 *
 * The comparisons are fitted once; then each round resamples the games with
 * replacement (a record of weight w counts as w games, pair counts as aWins + bWins +
 * draws games, and a draw stays one drawn game) and refits, starting from the full-data
 * strengths. Every round's scores are centred like the fit's (mean = `center`), so an
 * interval describes a score relative to the mean. Each score interval is the
 * percentile interval of that datapoint's bootstrap scores; the rank interval follows
 * from all of them: `bestRank` = 1 + #{j : lower_j > upper_i} and `worstRank` =
 * n − #{j : upper_j < lower_i}.
 *
 * When a weight is not a whole number, or there are more than 2^20 games, the rounds
 * are Bayesian-bootstrap draws instead (continuous Dirichlet weights on the same cells;
 * see `resampler.ts`); `resampling` says which was used. A {@link ComparisonTable}
 * keeps a draw as half a win for each side, so from a table the draws of each pair and
 * side are taken as few as its half-wins allow (0 or 1), the reading that gives the
 * widest intervals; pass the comparisons themselves to resample draws exactly.
 *
 * The prior must be > 0. In a round where no comparison record was drawn, the position
 * effect has no data and takes its prior value 0 (the other scores are then those of
 * the fit without it, exactly as the penalised fit with it would give).
 *
 * Deterministic: the same comparisons (in the same order), options and seed give the
 * same result, byte for byte as JSON.
 *
 * Cost: O(items) to read the comparisons and one full fit; then per round O(games +
 * cells + n) to resample (O(cells + n) for the Bayesian draws), with no allocation,
 * plus one warm-started fit without exact standard errors (typically 2–4 Newton steps of
 * O(pairs × conjugate-gradient iterations)); finally O(n · rounds · log rounds) for the
 * quantiles. Memory O(n · rounds + games + cells). 1 000 rounds on 100 datapoints and
 * 5 000 comparisons take 3–5 s on a shared 2-core machine, nine-tenths of it in the
 * refits.
 *
 * @param comparisons - Records `{ left, right, outcome, weight?, labelerId? }` and/or
 *   pair counts `{ a, b, aWins, bWins, draws? }` (any iterable, read once), or a
 *   {@link ComparisonTable} built earlier.
 * @param options - See {@link BootstrapOptions}.
 * @returns The intervals, entries in order of first appearance; the input is not modified.
 * @throws {@link RankingInputError} for a bad comparison (`comparisons[2].outcome`, …) or
 *   option (`options.rounds`, `options.confidence`, `options.seed`, unknown keys), when
 *   `options.prior` is 0, and wherever `fitBradleyTerry` throws (no comparisons, a
 *   position effect without records).
 * @example
 * ```ts
 * const result = bootstrapIntervals(
 *   [
 *     { a: 'x', b: 'y', aWins: 30, bWins: 10 },
 *     { a: 'y', b: 'z', aWins: 30, bWins: 10 },
 *   ],
 *   { rounds: 1000, seed: 'leaderboard' },
 * );
 * result.entries.map((entry) => [entry.datapoint, entry.bestRank, entry.worstRank]);
 * // [['x', 1, 1], ['y', 2, 2], ['z', 3, 3]]
 * ```
 */
export function bootstrapIntervals(comparisons: Iterable<Comparison> | ComparisonTable, options: BootstrapOptions = {}): BootstrapIntervals {
  const settings = resolveBootstrapOptions(options);
  const { table, units } = comparisons instanceof ComparisonTable ? { table: comparisons, units: unitsOfTable(comparisons) } : readComparisons(comparisons);
  const fit = fitComparisonTable(table, settings.fit);
  const n = fit.entries.length;
  const rounds = settings.rounds;

  const round = roundTable(fit.ids, units);
  const resample = resampler(units, createRng(settings.seed), round);
  const internal: BradleyTerryInternalOptions = {
    initialTheta: Float64Array.from(fit.entries, (entry) => entry.theta),
    exactStandardErrorsUpTo: 0,
    checkPositionEffect: false,
    ...(fit.positionEffect === null ? {} : { initialPositionEffect: fit.positionEffect.theta }),
  };
  const withoutPositionEffect: ResolvedBradleyTerryOptions = { ...settings.fit, positionEffect: false };
  // Datapoint-major, so each datapoint's bootstrap scores are contiguous for sorting.
  const scores = new Float64Array(n * rounds);
  const gammas = settings.fit.positionEffect ? new Float64Array(rounds) : null;
  let nonConvergedRounds = 0;
  for (let r = 0; r < rounds; r++) {
    resample();
    const sidedWeight = fillRoundTable(units, round);
    const roundOptions = settings.fit.positionEffect && sidedWeight === 0 ? withoutPositionEffect : settings.fit;
    const roundFit = fitComparisonTable(round.table, roundOptions, internal);
    if (!roundFit.converged) nonConvergedRounds++;
    for (let i = 0; i < n; i++) scores[i * rounds + r] = roundFit.entries[i]!.score;
    if (gammas !== null) gammas[r] = roundFit.positionEffect?.score ?? 0;
  }

  const lowerProbability = (1 - settings.confidence) / 2;
  const upperProbability = 1 - lowerProbability;
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  const median = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const sample = scores.subarray(i * rounds, (i + 1) * rounds).sort();
    lower[i] = quantile(sample, lowerProbability);
    upper[i] = quantile(sample, upperProbability);
    median[i] = quantile(sample, 0.5);
  }
  const { best, worst } = rankBounds(lower, upper);
  let positionEffect: BootstrapPositionEffect | null = null;
  if (gammas !== null && fit.positionEffect !== null) {
    gammas.sort();
    positionEffect = {
      score: fit.positionEffect.score,
      median: quantile(gammas, 0.5),
      lower: quantile(gammas, lowerProbability),
      upper: quantile(gammas, upperProbability),
    };
  }
  return {
    entries: fit.entries.map((entry, i) => ({
      datapoint: entry.datapoint,
      score: entry.score,
      median: median[i]!,
      lower: lower[i]!,
      upper: upper[i]!,
      bestRank: best[i]!,
      worstRank: worst[i]!,
    })),
    positionEffect,
    rounds,
    confidence: settings.confidence,
    seed: settings.seed,
    resampling: round.drawn === null ? 'bayesian' : 'multinomial',
    nonConvergedRounds,
    fit,
  };
}
