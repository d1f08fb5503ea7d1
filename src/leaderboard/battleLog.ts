/**
 * The completed battles of a leaderboard, column by column in typed arrays: 13 bytes a
 * battle, so a million battles cost 13 MB rather than a million objects.
 * @internal
 * @module
 */
import { grownCopy } from '../state/grownCopy.js';

/** Outcome codes, as stored and as snapshots write them. @internal */
export const LEFT = 0;
/** @internal */
export const RIGHT = 1;
/** @internal */
export const DRAW = 2;
/** @internal */
export const BOTH_BAD = 3;

/** The outcome names in code order. @internal */
export const OUTCOME_NAMES = ['left', 'right', 'draw', 'bothBad'] as const;

/** Completed battles in the order they were answered. @internal */
export class BattleLog {
  /** Battles stored. */
  size = 0;
  /** Prompt index, or −1 for none. */
  prompt = new Int32Array(64);
  left = new Int32Array(64);
  right = new Int32Array(64);
  outcome = new Uint8Array(64);
  /** Labeler index, or −1. */
  labeler = new Int32Array(64);

  /** Appends one battle. O(1) amortised. */
  add(prompt: number, left: number, right: number, outcome: number, labeler: number): void {
    if (this.size === this.left.length) {
      const capacity = 2 * this.size;
      this.prompt = grownCopy(this.prompt, capacity);
      this.left = grownCopy(this.left, capacity);
      this.right = grownCopy(this.right, capacity);
      this.outcome = grownCopy(this.outcome, capacity);
      this.labeler = grownCopy(this.labeler, capacity);
    }
    const k = this.size++;
    this.prompt[k] = prompt;
    this.left[k] = left;
    this.right[k] = right;
    this.outcome[k] = outcome;
    this.labeler[k] = labeler;
  }
}
