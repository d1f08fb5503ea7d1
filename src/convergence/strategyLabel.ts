/**
 * Names of a sweep's strategies: the dimensions that vary, in words.
 * @module
 */
import type { ConvergenceCellKey, ConvergenceTrust, NormalizedConvergenceConfig } from './convergenceTypes.js';
import { labelerName } from '../simulation/labelerSpec.js';
import type { Scorer } from '../job/types.js';
import type { Pairing } from '../definition/types.js';

/** Scorers in words, for legends and tables. @internal */
export const SCORER_NAMES: Readonly<Record<Scorer, string>> = { posterior: 'posterior', elo: 'Elo', bradleyTerry: 'Bradley–Terry' };

/**
 * A trust weighting in words: "unweighted", "trust from consensus", "trust with
 * validation 0.05" (the config's validation rate). @internal
 */
export function trustName(trust: ConvergenceTrust, config: Pick<NormalizedConvergenceConfig, 'validationRate'>): string {
  if (trust === 'none') return 'unweighted';
  return trust === 'consensus' ? 'trust from consensus' : `trust with validation ${config.validationRate}`;
}

/** Which strategy dimensions vary in a sweep, and the constant ones in words. @internal */
export function strategyParts(config: NormalizedConvergenceConfig): {
  readonly pairingVaries: boolean;
  readonly responsesVary: boolean;
  readonly labelersVary: boolean;
  readonly scorersVary: boolean;
  readonly trustVaries: boolean;
  readonly fixed: readonly string[];
} {
  const ratiosVary = config.randomRatios.length > 1 && config.pairings.some((pairing) => pairing !== 'roundRobin');
  const pairingVaries = config.pairings.length > 1 || ratiosVary;
  const responsesVary = config.responses.length > 1;
  const labelersVary = config.labelers.length > 1;
  const scorersVary = config.scorers.length > 1;
  const trustVaries = config.trust !== undefined && config.trust.length > 1;
  const fixed: string[] = [];
  if (!pairingVaries) {
    fixed.push(pairingName(config.pairings[0]!, config.randomRatios[0]!));
  }
  if (!responsesVary) fixed.push(`${responsesText(config.responses[0]!)} per comparison`);
  if (!labelersVary) fixed.push(`labeler ${labelerName(config.labelers[0]!)}`);
  if (!scorersVary) fixed.push(`scored by ${SCORER_NAMES[config.scorers[0]!]}`);
  if (config.trust !== undefined && !trustVaries) fixed.push(trustName(config.trust[0]!, config));
  return { pairingVaries, responsesVary, labelersVary, scorersVary, trustVaries, fixed };
}

/**
 * A cell's strategy in words, naming only what varies in the sweep (all of it when
 * nothing varies): e.g. "random ratio 0.5", "round robin · 3 responses · crowd". @internal
 */
export function strategyLabel(config: NormalizedConvergenceConfig, cell: ConvergenceCellKey): string {
  const { pairingVaries, responsesVary, labelersVary, scorersVary, trustVaries } = strategyParts(config);
  const everything = !pairingVaries && !responsesVary && !labelersVary && !scorersVary && !trustVaries;
  const parts: string[] = [];
  if (pairingVaries || everything) parts.push(pairingName(cell.pairing, cell.randomRatio));
  if (responsesVary) parts.push(responsesText(cell.responses));
  if (labelersVary) parts.push(cell.labeler);
  if (scorersVary) parts.push(SCORER_NAMES[cell.scorer]);
  if (trustVaries) parts.push(trustName(cell.trust!, config));
  return parts.join(' · ');
}

/** A pairing and its random ratio in words: "round robin", "random ratio 0.5", "information gain, random ratio 0.1". @internal */
export function pairingName(pairing: Pairing, randomRatio: number | null): string {
  if (pairing === 'roundRobin' || randomRatio === null) return 'round robin';
  if (pairing === 'informationGain') return `information gain, random ratio ${randomRatio}`;
  return pairing === 'sort' ? `sort, random ratio ${randomRatio}` : `random ratio ${randomRatio}`;
}

/** "1 response", "3 responses". @internal */
export function responsesText(responses: number): string {
  return `${responses} response${responses === 1 ? '' : 's'}`;
}
