/**
 * Bootstrap intervals for leaderboard scores, as the Chatbot Arena computes them
 * (Chiang et al., "Chatbot Arena", ICML 2024, §5; lm-sys/FastChat,
 * fastchat/serve/monitor/elo_analysis.py, `get_bootstrap_result`): refit resampled
 * battles many times and take percentiles of each model's scores, each round anchored
 * like the full fit.
 *
 * It drives the Bradley–Terry bootstrap's own parts (the resampling units, the round
 * table refitted in place, warm-started refits without standard errors) rather than
 * `bootstrapIntervals`, for two reasons: rounds can be Bayesian whatever the number of
 * battles (`bootstrapIntervals` resamples every game up to 2^20 games, O(battles) a
 * round, which at 100 000 battles costs 3 to 5 times the refit itself), and anchored
 * leaderboards need each round's scores relative to the anchor, which a centred
 * interval cannot give.
 * @internal
 * @module
 */
import { MAX_COVARIANCE_DATAPOINTS, resolveBradleyTerryOptions } from '../bradleyTerry/fitBradleyTerry.js';
import type { BradleyTerryFit } from '../bradleyTerry/bradleyTerryFitTypes.js';
import type { PairCounts } from '../bradleyTerry/comparisonTypes.js';
import { fillRoundTable } from '../bradleyTerry/fillRoundTable.js';
import { fitComparisonTable } from '../bradleyTerry/fitComparisonTable.js';
import { readComparisons } from '../bradleyTerry/readComparisons.js';
import { resampler } from '../bradleyTerry/resampler.js';
import { roundTable } from '../bradleyTerry/roundTable.js';
import { createRng } from '../rng/createRng.js';
import { quantile } from '../stats/quantile.js';

/** What one bootstrap needs. @internal */
export interface BootstrapRequest {
  readonly pairCounts: readonly PairCounts[];
  readonly prior: number;
  readonly scale: number;
  readonly center: number;
  /** The anchor, or null; an anchor without battles here leaves the scores centred. */
  readonly anchor: { readonly model: string; readonly rating: number } | null;
  readonly rounds: number;
  readonly resampling: 'bayesian' | 'multinomial';
  readonly seed: string | number;
  readonly confidence: number;
}

/** The full-data fit and each entry's percentile interval. @internal */
export interface BootstrapBounds {
  readonly fit: BradleyTerryFit;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** Rounds whose refit stopped before converging. */
  readonly nonConverged: number;
}

/**
 * Fits the pair counts, then refits `rounds` resamples warm-started from the fit.
 * O(cells + n) a Bayesian round (O(battles) a multinomial one) plus a refit of
 * O(pairs × CG iterations) per Newton step, and O(n · rounds · log rounds) for the
 * percentiles. Deterministic for a seed.
 * @internal
 */
export function bootstrapBounds(request: BootstrapRequest): BootstrapBounds {
  const options = resolveBradleyTerryOptions({ prior: request.prior, scale: request.scale, center: request.center });
  const { table, units } = readComparisons(request.pairCounts);
  const anchor = request.anchor === null ? -1 : table.ids.indexOf(request.anchor.model);
  const anchorRating = request.anchor?.rating ?? 0;
  const fit = fitComparisonTable(table, { ...options, covariance: anchor >= 0 && table.datapointCount <= MAX_COVARIANCE_DATAPOINTS });
  const n = fit.entries.length;
  const rounds = request.rounds;
  const full = roundTable(fit.ids, units);
  // Bayesian rounds: the same table, without the list of games to draw from.
  const round = request.resampling === 'bayesian' ? { ...full, drawn: null } : full;
  const resample = resampler(units, createRng(request.seed), round);
  const internal = { initialTheta: Float64Array.from(fit.entries, (entry) => entry.theta), exactStandardErrorsUpTo: 0 };
  const scores = new Float64Array(n * rounds);
  let nonConverged = 0;
  for (let r = 0; r < rounds; r++) {
    resample();
    fillRoundTable(units, round);
    const roundFit = fitComparisonTable(round.table, options, internal);
    if (!roundFit.converged) nonConverged++;
    const shift = anchor >= 0 ? anchorRating - roundFit.entries[anchor]!.score : 0;
    for (let i = 0; i < n; i++) scores[i * rounds + r] = roundFit.entries[i]!.score + shift;
  }
  const lowerProbability = (1 - request.confidence) / 2;
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const sample = scores.subarray(i * rounds, (i + 1) * rounds).sort();
    lower[i] = quantile(sample, lowerProbability);
    upper[i] = quantile(sample, 1 - lowerProbability);
  }
  return { fit, lower, upper, nonConverged };
}
