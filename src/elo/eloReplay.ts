/**
 * Elo ratings replayed from a stream of judgements whose datapoints appear as it goes
 * (a comparison file read row by row), applied in batches by {@link updateEloBatch}.
 * @internal
 * @module
 */
import { grownCopy } from '../state/grownCopy.js';
import { updateEloBatch } from './updateEloBatch.js';

// Records buffered before a batch, at least; the buffer also grows to the number of
// datapoints, so copying the ratings into each batch costs at most one element per record.
const MIN_BATCH = 65_536;

/**
 * Buffers records and replays them in order, in batches: the ratings equal those of
 * calling `updateElo(r[left], r[right], score, kFactor × weight, scale)` on each record
 * in turn, bit for bit. Memory O(datapoints), whatever the number of records.
 */
export class EloReplay {
  readonly #initialRating: number;
  readonly #kFactor: number;
  readonly #scale: number;
  #ratings: Float64Array = new Float64Array(0);
  #left = new Int32Array(MIN_BATCH);
  #right = new Int32Array(MIN_BATCH);
  #scores = new Float64Array(MIN_BATCH);
  #weights = new Float64Array(MIN_BATCH);
  #buffered = 0;
  // Whether a buffered record weighs other than 1 (else the batch runs unweighted).
  #weighted = false;
  #datapoints = 0;

  /**
   * @param initialRating - Every datapoint's rating before its first record (checked by the caller).
   * @param kFactor - K of a record of weight 1 (checked by the caller).
   * @param scale - Points for 10:1 odds (checked by the caller).
   */
  constructor(initialRating: number, kFactor: number, scale: number) {
    this.#initialRating = initialRating;
    this.#kFactor = kFactor;
    this.#scale = scale;
  }

  /**
   * Queues one judgement: `score` is left's (1, 0.5 or 0). The caller has checked the
   * indices (distinct, ≥ 0), the score, and that `weight` > 0 puts K × weight in range.
   * O(1) amortised.
   */
  add(left: number, right: number, score: number, weight: number): void {
    if (this.#buffered === this.#left.length) this.#makeRoom();
    const k = this.#buffered++;
    this.#left[k] = left;
    this.#right[k] = right;
    this.#scores[k] = score;
    this.#weights[k] = weight;
    if (weight !== 1) this.#weighted = true;
    this.#datapoints = Math.max(this.#datapoints, left + 1, right + 1);
  }

  /** The ratings of datapoints 0 … count − 1 after every record added (count ≥ any index added). */
  ratings(count: number): number[] {
    this.#datapoints = Math.max(this.#datapoints, count);
    this.#flush();
    return Array.from(this.#ratings.subarray(0, count));
  }

  #makeRoom(): void {
    if (this.#datapoints > this.#left.length) {
      const capacity = 2 * this.#left.length;
      this.#left = grownCopy(this.#left, capacity);
      this.#right = grownCopy(this.#right, capacity);
      this.#scores = grownCopy(this.#scores, capacity);
      this.#weights = grownCopy(this.#weights, capacity);
    } else {
      this.#flush();
    }
  }

  #flush(): void {
    if (this.#ratings.length < this.#datapoints) {
      const known = this.#ratings.length;
      this.#ratings = grownCopy(this.#ratings, this.#datapoints);
      this.#ratings.fill(this.#initialRating, known);
    }
    const count = this.#buffered;
    this.#ratings = updateEloBatch(this.#ratings, this.#left.subarray(0, count), this.#right.subarray(0, count), this.#scores.subarray(0, count), {
      kFactor: this.#kFactor,
      scale: this.#scale,
      ...(this.#weighted ? { weights: this.#weights.subarray(0, count) } : {}),
    });
    this.#buffered = 0;
    this.#weighted = false;
  }
}
