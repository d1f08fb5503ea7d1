/**
 * A job's validation matchups: the definition's pairs with known answers, which the
 * job mixes into the work and scores labelers by.
 *
 * In the ledger and the vote log a validation matchup has ranking {@link VALIDATION_RANKING}
 * and datapoint indices into the pool's datapoint list: validation matchup k's `left`
 * at 2k and its `right` at 2k + 1. So its left index names both the pair (k = ⌊left / 2⌋)
 * and the side it was shown on (odd: swapped), and the known answer follows.
 * @internal
 * @module
 */
import type { ValidationParameters } from '../definition/types.js';
import type { Outcome } from './types.js';

/** The ranking index the ledger and the vote log give validation matchups. */
export const VALIDATION_RANKING = -1;

/** The validation matchups of a job and the counts of those issued. */
export class ValidationPool {
  /** The share of issued matchups that are validation matchups, in (0, 1). */
  readonly rate: number;
  /** Datapoint ids: validation matchup k's left at 2k, its right at 2k + 1. */
  readonly ids: readonly string[];
  private readonly answers: readonly Outcome[];
  /** Issued and still pending. */
  pending = 0;
  /** Completed. */
  completed = 0;

  constructor(validation: ValidationParameters) {
    this.rate = validation.rate;
    this.ids = validation.matchups.flatMap((matchup) => [matchup.left, matchup.right]);
    this.answers = validation.matchups.map((matchup) => matchup.answer);
  }

  /** Validation matchups defined. */
  get size(): number {
    return this.answers.length;
  }

  /**
   * The datapoint indices [left, right] of the validation matchup picked by the uniform
   * draw `which`, shown swapped when `swapDraw` < ½.
   */
  pick(which: number, swapDraw: number, pair: Int32Array): void {
    // A draw just below 1 could round the product up to size.
    const k = Math.min(Math.floor(which * this.size), this.size - 1);
    const swap = swapDraw < 0.5;
    pair[0] = 2 * k + (swap ? 1 : 0);
    pair[1] = 2 * k + (swap ? 0 : 1);
  }

  /** The right answer of the validation matchup whose left datapoint index is `left`, by the side each datapoint was shown on. */
  answerShown(left: number): Outcome {
    const answer = this.answers[left >> 1]!;
    // Odd: the definition's right datapoint was shown on the left.
    if ((left & 1) === 0 || answer === 'draw') return answer;
    return answer === 'left' ? 'right' : 'left';
  }
}
