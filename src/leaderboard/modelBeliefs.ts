/**
 * What the pairing believes about each model: a Gaussian per model on the Elo scale,
 * updated after every battle by assumed-density filtering (the TrueSkill update of
 * posterior/comparisonUpdate.ts, with the job's default prior and noise). Only the
 * pairing reads it; the standings come from the Bradley–Terry fit of all battles. It is
 * a function of the battles in the order they were answered, so a restored leaderboard
 * rebuilds it from its battle log, to the bit.
 * @internal
 * @module
 */
import { updateComparison } from '../posterior/comparisonUpdate.js';
import { grownCopy } from '../state/grownCopy.js';
import { BOTH_BAD, DRAW, LEFT } from './battleLog.js';

/** Means and variances of the models' scores (Elo points), with pending counts. @internal */
export class ModelBeliefs {
  readonly center: number;
  readonly priorVariance: number;
  /** Per-model Thurstone noise (the job's default: the Elo curve's slope at even odds). */
  readonly noise: number;
  means: Float64Array;
  variances: Float64Array;
  /** Completed plus pending battles per model. */
  exposure: Float64Array;
  /** Pending battles per model. */
  pending: Float64Array;
  size = 0;
  readonly #out = new Float64Array(6);

  constructor(center: number, scale: number, capacity: number) {
    this.center = center;
    // The job's defaults (definition/defaults.ts): prior sd scale / 2, noise 2·scale / (ln 10 · √π).
    this.priorVariance = (scale / 2) ** 2;
    this.noise = (2 * scale) / (Math.LN10 * Math.sqrt(Math.PI));
    const room = Math.max(capacity, 4);
    this.means = new Float64Array(room);
    this.variances = new Float64Array(room);
    this.exposure = new Float64Array(room);
    this.pending = new Float64Array(room);
  }

  /** Adds a model at the prior. O(1) amortised. */
  add(): void {
    if (this.size === this.means.length) {
      const capacity = 2 * this.size;
      this.means = grownCopy(this.means, capacity);
      this.variances = grownCopy(this.variances, capacity);
      this.exposure = grownCopy(this.exposure, capacity);
      this.pending = grownCopy(this.pending, capacity);
    }
    this.means[this.size] = this.center;
    this.variances[this.size] = this.priorVariance;
    this.size++;
  }

  /** Updates both beliefs after a battle of `left` against `right`. O(1) (a tie: a short quadrature). */
  update(left: number, right: number, outcome: number): void {
    const tie = outcome === DRAW || outcome === BOTH_BAD;
    const winsLeft = tie ? 0.5 : outcome === LEFT ? 1 : 0;
    const out = this.#out;
    updateComparison(out, this.means[left]!, this.variances[left]!, this.means[right]!, this.variances[right]!, winsLeft, 1 - winsLeft, this.noise, true);
    this.means[left] = out[0]!;
    this.variances[left] = out[1]!;
    this.means[right] = out[2]!;
    this.variances[right] = out[3]!;
  }
}
