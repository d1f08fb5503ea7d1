/**
 * The record of every matchup a job issued: the pending ones with their votes, and
 * the fate of the others, so a late or retried response gets the right answer.
 *
 * Matchup ids are `m` followed by the issue sequence number (m1, m2, …). Pending
 * matchups live in a hash table keyed by sequence number; for finished ones a byte per
 * sequence number says whether they completed or were released, and completed ones
 * keep the response ids they received, so a retried delivery is recognised after
 * completion too.
 *
 * Costs: open, find, finish O(1) expected. Memory: O(pending) records, one byte per issued
 * matchup, plus the response ids given to completed matchups.
 * @internal
 * @module
 */
import { SequenceTable } from './sequenceTable.js';
import type { MatchupKind } from './types.js';

/** A matchup that has been issued and is neither completed nor released. */
export interface PendingMatchup {
  readonly id: string;
  readonly sequence: number;
  readonly ranking: number;
  /** Datapoint index shown on the left. */
  readonly left: number;
  /** Datapoint index shown on the right. */
  readonly right: number;
  readonly kind: MatchupKind;
  /** Round-robin pair number and round (pair −1 for other kinds). */
  readonly pair: number;
  readonly round: number;
  leftVotes: number;
  rightVotes: number;
  drawVotes: number;
  /** Response ids recorded so far, created on the first one. */
  responseIds: Set<string> | null;
}

/** What became of a matchup id that is not pending. */
export type FinishedState = 'completed' | 'released' | 'unknown';

const COMPLETED = 1;
const RELEASED = 2;
const CHAR_M = 0x6d;
const CHAR_0 = 0x30;

/** The id of the matchup issued with this sequence number: `m` and the number. */
export function matchupIdOf(sequence: number): string {
  return `m${sequence}`;
}

/**
 * The sequence number in a matchup id `m<n>` (n ≥ 1, decimal, no leading zero, at most
 * 16 digits), or 0 when the string is not of that form.
 */
export function sequenceOf(id: string): number {
  const length = id.length;
  if (length < 2 || length > 17 || id.charCodeAt(0) !== CHAR_M || id.charCodeAt(1) === CHAR_0) return 0;
  let sequence = 0;
  for (let i = 1; i < length; i++) {
    const digit = id.charCodeAt(i) - CHAR_0;
    if (digit < 0 || digit > 9) return 0;
    sequence = sequence * 10 + digit;
  }
  return sequence;
}

/** Every matchup a job has issued. */
export class MatchupLedger {
  /** Sequence number of the latest matchup issued (0 before the first). */
  issued = 0;
  private readonly pending = new SequenceTable<PendingMatchup>();
  private finished = new Uint8Array(1024);
  private readonly completedResponseIds = new Map<string, Set<string>>();

  /** Registers a newly issued matchup (its sequence must be `issued + 1`). */
  open(matchup: PendingMatchup): void {
    this.issued = matchup.sequence;
    this.pending.set(matchup.sequence, matchup);
  }

  /** The pending matchup with this id, if any. */
  find(id: string): PendingMatchup | undefined {
    const sequence = sequenceOf(id);
    return sequence === 0 ? undefined : this.pending.get(sequence);
  }

  /** The pending matchups, in issue order. O(p log p) for p pending. */
  pendingInOrder(): PendingMatchup[] {
    return [...this.pending.entries()].sort((a, b) => a[0] - b[0]).map(([, matchup]) => matchup);
  }

  /** Marks a pending matchup completed, keeping its response ids. */
  complete(matchup: PendingMatchup): void {
    this.finish(matchup, COMPLETED);
    if (matchup.responseIds !== null) this.completedResponseIds.set(matchup.id, matchup.responseIds);
  }

  /** Marks a pending matchup released; its partial votes are dropped. */
  release(matchup: PendingMatchup): void {
    this.finish(matchup, RELEASED);
  }

  /** What became of an id that is not pending. */
  finishedState(id: string): FinishedState {
    const sequence = sequenceOf(id);
    if (sequence === 0 || sequence > this.issued || sequence >= this.finished.length) return 'unknown';
    const state = this.finished[sequence];
    return state === COMPLETED ? 'completed' : state === RELEASED ? 'released' : 'unknown';
  }

  /** Whether a completed matchup already received a response with this id. */
  completedWithResponse(id: string, responseId: string): boolean {
    return this.completedResponseIds.get(id)?.has(responseId) ?? false;
  }

  private finish(matchup: PendingMatchup, state: number): void {
    this.pending.delete(matchup.sequence);
    if (matchup.sequence >= this.finished.length) {
      const grown = new Uint8Array(Math.max(this.finished.length * 2, matchup.sequence + 1));
      grown.set(this.finished);
      this.finished = grown;
    }
    this.finished[matchup.sequence] = state;
  }
}
