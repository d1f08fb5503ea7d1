/**
 * What a bootstrap round resamples: units, the total weight of each (pair, side group,
 * outcome) cell, and the collector that gathers them.
 * @internal
 * @module
 */

// A unit's kind is group × 3 + outcome. Groups follow the table's columns: games whose
// side is unknown (pair counts), games with the pair's lower-numbered datapoint on the
// left, and games with the higher-numbered one on the left.
/** Group: games whose side is unknown (pair counts). @internal */
export const UNSIDED = 0;
/** Group: games with the pair's lower-numbered datapoint on the left. @internal */
export const LOW_LEFT = 1;
/** Group: games with the higher-numbered datapoint on the left. @internal */
export const HIGH_LEFT = 2;
/** Outcome: the lower-numbered datapoint won. @internal */
export const LOW_WINS = 0;
/** Outcome: the higher-numbered datapoint won. @internal */
export const HIGH_WINS = 1;
/** Outcome: a draw. @internal */
export const DRAW = 2;

/**
 * What a round resamples: the total weight of each (pair, side group, outcome) cell
 * with a positive weight, over the pairs those cells name.
 * @internal
 */
export interface Units {
  /** Per pair: its datapoints, low < high (indices into the fit's ids). */
  readonly low: Int32Array;
  readonly high: Int32Array;
  /** Per unit: its pair, its kind (group × 3 + outcome) and its total weight. */
  readonly pair: Int32Array;
  readonly kind: Uint8Array;
  readonly weight: Float64Array;
}

/** Collects units in order of first appearance, merging repeats of the same cell. @internal */
export class UnitCollector {
  readonly #pairOf = new Map<number, number>();
  readonly #unitOf = new Map<number, number>();
  readonly #low: number[] = [];
  readonly #high: number[] = [];
  readonly #pair: number[] = [];
  readonly #kind: number[] = [];
  readonly #weight: number[] = [];

  add(low: number, high: number, kind: number, amount: number): void {
    if (!(amount > 0)) return;
    // The triangular number of (low, high), low < high: unique, and exact below 2^26 datapoints.
    const pairKey = (high * (high - 1)) / 2 + low;
    let pair = this.#pairOf.get(pairKey);
    if (pair === undefined) {
      pair = this.#low.length;
      this.#pairOf.set(pairKey, pair);
      this.#low.push(low);
      this.#high.push(high);
    }
    const unitKey = pair * 9 + kind;
    const unit = this.#unitOf.get(unitKey);
    if (unit === undefined) {
      this.#unitOf.set(unitKey, this.#weight.length);
      this.#pair.push(pair);
      this.#kind.push(kind);
      this.#weight.push(amount);
    } else {
      this.#weight[unit]! += amount;
    }
  }

  build(): Units {
    return {
      low: Int32Array.from(this.#low),
      high: Int32Array.from(this.#high),
      pair: Int32Array.from(this.#pair),
      kind: Uint8Array.from(this.#kind),
      weight: Float64Array.from(this.#weight),
    };
  }
}
