/**
 * Round-robin pairing: every unordered pair of a ranking once, in uniformly random
 * order, before any pair repeats; then a new round in a new order.
 *
 * The n(n−1)/2 pairs are never listed. A round is a lazy Fisher–Yates shuffle
 * (Durstenfeld, CACM 7(7), 1964) of the pair numbers 0…P−1: only the positions a swap
 * has displaced are kept in a map, so a draw costs O(1) and memory grows with the
 * pairs drawn, not with P. Pair number p stands for (i, j), i < j, with
 * p = j(j−1)/2 + i.
 *
 * A released matchup's pair goes back into the undrawn part of its round, so the round
 * still covers every pair once. A pair released after its round has ended (matchups
 * were still out when the next round began) is owed: it is issued before any new draw,
 * so no pair gets ahead of another by more than one comparison for longer than it
 * takes to issue the owed pairs.
 * @internal
 * @module
 */
import { wideIndex } from '../rng/uniformDraws.js';

/** The saved state of a ranking's round-robin schedule (`RoundRobinSchedule`, internal): plain JSON-safe data. */
export interface RoundRobinState {
  /** Rounds started, counting the current one (≥ 1). */
  readonly round: number;
  /** Pairs drawn in the current round. */
  readonly drawn: number;
  /** Displaced slots of the lazy shuffle: [slot, pair number]. */
  readonly displaced: readonly (readonly [number, number])[];
  /** Pairs owed from earlier rounds, oldest first: [pair number, round]. */
  readonly owed: readonly (readonly [number, number])[];
  /** The round of the latest pair handed out. */
  readonly lastRound: number;
}

/** The round-robin order of one ranking's pairs. */
export class RoundRobinSchedule {
  /** Number of distinct pairs, n(n−1)/2. */
  pairCount: number;
  /** Rounds started so far, counting the current one. */
  round = 1;
  /** The round the pair returned by the latest {@link RoundRobinSchedule.next} belongs to. */
  lastRound = 1;
  private drawn = 0;
  private readonly displaced = new Map<number, number>();
  // Pairs released after their round ended, with that round, oldest first.
  private readonly owedPairs: number[] = [];
  private readonly owedRounds: number[] = [];

  /**
   * @param n - Number of datapoints (at least 2).
   * @param state - A saved state to resume from (checked by the caller).
   */
  constructor(n: number, state?: RoundRobinState) {
    this.pairCount = (n * (n - 1)) / 2;
    if (state === undefined) return;
    this.round = state.round;
    this.drawn = state.drawn;
    this.lastRound = state.lastRound;
    for (const [slot, pair] of state.displaced) this.displaced.set(slot, pair);
    for (const [pair, round] of state.owed) {
      this.owedPairs.push(pair);
      this.owedRounds.push(round);
    }
  }

  /**
   * The ranking grew to n datapoints. The new pairs (numbers from the old pair count on)
   * join the current round's undrawn part: a lazy shuffle holds every undisplaced slot
   * as its own number, so nothing else moves. O(1).
   */
  grow(n: number): void {
    this.pairCount = (n * (n - 1)) / 2;
  }

  /** The state to resume from: plain data, displaced slots in ascending order. O(displaced). */
  save(): RoundRobinState {
    return {
      round: this.round,
      drawn: this.drawn,
      displaced: [...this.displaced].sort((a, b) => a[0] - b[0]),
      owed: this.owedPairs.map((pair, i) => [pair, this.owedRounds[i]!] as const),
      lastRound: this.lastRound,
    };
  }

  /**
   * The next pair number: an owed pair if there is one, else a draw from the current
   * round using two uniform draws, starting a new round first when the current one is
   * exhausted. A draw costs O(1); taking an owed pair O(owed pairs), which are few.
   */
  next(u1: number, u2: number): number {
    const owed = this.owedPairs.shift();
    if (owed !== undefined) {
      this.lastRound = this.owedRounds.shift()!;
      return owed;
    }
    if (this.drawn === this.pairCount) {
      this.round++;
      this.drawn = 0;
      this.displaced.clear();
    }
    const slot = this.drawn + wideIndex(u1, u2, this.pairCount - this.drawn);
    const pair = this.valueAt(slot);
    // Move the value at the front of the undrawn part into the slot just emptied.
    if (slot !== this.drawn) this.displaced.set(slot, this.valueAt(this.drawn));
    this.displaced.delete(this.drawn);
    this.drawn++;
    this.lastRound = this.round;
    return pair;
  }

  /**
   * Takes back an issued pair (its matchup was released): into the current round's
   * undrawn part when it was issued in this round, else onto the owed list. O(1).
   */
  putBack(pair: number, round: number): void {
    if (round === this.round) {
      this.drawn--;
      this.displaced.set(this.drawn, pair);
    } else {
      this.owedPairs.push(pair);
      this.owedRounds.push(round);
    }
  }

  private valueAt(slot: number): number {
    const value = this.displaced.get(slot);
    return value === undefined ? slot : value;
  }
}

/** The smaller datapoint index of pair number p. */
export function pairLow(p: number): number {
  const high = pairHigh(p);
  return p - (high * (high - 1)) / 2;
}

/** The larger datapoint index of pair number p: the j with j(j−1)/2 ≤ p < j(j+1)/2. */
export function pairHigh(p: number): number {
  let high = Math.floor((1 + Math.sqrt(1 + 8 * p)) / 2);
  // The square root can be off by one ulp for large p: settle on the exact j.
  while ((high * (high - 1)) / 2 > p) high--;
  while (((high + 1) * high) / 2 <= p) high++;
  return high;
}
