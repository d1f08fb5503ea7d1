/**
 * Labeler weights for scoring, from a trust report.
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { readOptions, requireNonEmptyString } from '../validate.js';
import type { LabelerTrustReport } from './trustTypes.js';

/** Options of {@link labelerWeightsFromTrust}, every field optional. */
export interface TrustWeightOptions {
  /**
   * Labelers whose trust is below this get weight 0 (their responses are left out of
   * scoring), in [0, 1]. In the spammer benchmark 0.5 recovered 95% of what knowing the
   * spammers is worth, against 91% for plain trust weights (bench/README.md).
   * @defaultValue 0
   */
  minTrust?: number | undefined;
}

/**
 * The `labelerWeights` of `job.results` from a trust report: each labeler's trust, or 0
 * below `minTrust`, by labelerId. Responses without a labelerId keep weight 1 in
 * `results`. O(labelers).
 *
 * Why the weight is the trust t: an answer of a labeler with trust t follows the pair
 * with probability t and is a click otherwise, so its expected vote for the better
 * datapoint, less ½, is t times a careful labeler's while its noise is nearly the same;
 * weighting answers by signal over noise, the best linear combination, gives weight ∝ t.
 * For small t this is the log-odds weight of optimal weighted majority voting (Nitzan and
 * Paroush, International Economic Review 23(2), 1982), ln(η / (1 − η)) ≈ 2t with
 * η = (1 + t) / 2, the labeler's accuracy in the Crowd-BT model; unlike the log-odds it
 * stays finite for a perfect labeler, whose answers would otherwise outvote everyone's.
 *
 * @param report - What `estimateLabelerTrust` returned (each entry's `labelerId` and `trust` read once).
 * @param options - See {@link TrustWeightOptions}.
 * @returns A fresh Map from labelerId to weight.
 * @throws {@link RankingInputError} when `report.labelers` is not a list of
 *   `{ labelerId, trust }` with distinct non-empty ids and trusts in [0, 1], or for a bad option.
 * @example
 * ```ts
 * const report = estimateLabelerTrust(job.comparisons({ perVote: true }));
 * job.results({ scorer: 'bradleyTerry', labelerWeights: labelerWeightsFromTrust(report, { minTrust: 0.5 }) });
 * ```
 */
export function labelerWeightsFromTrust(report: Pick<LabelerTrustReport, 'labelers'>, options: TrustWeightOptions = {}): Map<string, number> {
  const [minTrustValue] = readOptions(options, ['minTrust'], 'options', 'options.');
  if (minTrustValue !== undefined && !(typeof minTrustValue === 'number' && minTrustValue >= 0 && minTrustValue <= 1)) {
    throw new RankingInputError('options.minTrust', `must be a number in [0, 1], got ${describeValue(minTrustValue)}`);
  }
  const minTrust = (minTrustValue as number | undefined) ?? 0;
  if (typeof report !== 'object' || report === null) {
    throw new RankingInputError('report', `must be a trust report { labelers }, got ${describeValue(report)}`);
  }
  const labelers = ownField(report, 'labelers');
  if (!Array.isArray(labelers)) throw new RankingInputError('report.labelers', `must be an array, got ${describeValue(labelers)}`);
  const weights = new Map<string, number>();
  const length = labelers.length;
  for (let i = 0; i < length; i++) {
    const entry: unknown = labelers[i];
    const path = `report.labelers[${i}]`;
    if (typeof entry !== 'object' || entry === null) {
      throw new RankingInputError(path, `must be a labeler's trust { labelerId, trust, … }, got ${describeValue(entry)}`);
    }
    // Only the two fields used are read, each once; the rest of an entry is the report's business.
    const id = requireNonEmptyString(ownField(entry, 'labelerId'), `${path}.labelerId`);
    const trust = ownField(entry, 'trust');
    if (typeof trust !== 'number' || !(trust >= 0 && trust <= 1)) {
      throw new RankingInputError(`${path}.trust`, `must be a number in [0, 1], got ${describeValue(trust)}`);
    }
    if (weights.has(id)) throw new RankingInputError(`${path}.labelerId`, `duplicates ${describeValue(id)}`);
    weights.set(id, trust < minTrust ? 0 : trust);
  }
  return weights;
}

function ownField(object: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(object, key) ? (object as Record<string, unknown>)[key] : undefined;
}
