/**
 * A flow's append-only event log, one typed-array row per event (type, one sequence or
 * batch number, one count or outcome, the clock and a time limit: 29 bytes), with
 * response ids, labeler ids and expiry lists (an expiry's own, or the one an issue did
 * first) on the side. Events are built as objects
 * only when read; the datapoints and pairs they name are read back from the batches and
 * the ledger, which keep them.
 * @internal
 * @module
 */
import type { Outcome } from '../job/types.js';
import { grownCopy } from '../state/grownCopy.js';
import { batchIdOf, type FlowBatches } from './flowBatches.js';
import { matchupIdOfSequence, type FlowLedger } from './flowLedger.js';
import type { FlowMatchupRecord, RankingFlowEvent } from './flowTypes.js';

const ADDED = 0;
const ISSUED = 1;
const RESPONSE = 2;
const RELEASED = 3;
const EXPIRED = 4;
const FORGOTTEN = 5;
const OUTCOMES: readonly Outcome[] = ['left', 'right', 'draw'];

/** Sequence numbers of the matchups expired and indices of the batches closed. */
interface Expiry {
  readonly matchups: readonly number[];
  readonly batches: readonly number[];
}

/** The event log. `base` is the sequence number of its first event (a restored flow's starts at its snapshot's). */
export class FlowEventLog {
  private type = new Uint8Array(256);
  private first = new Float64Array(256);
  private count = new Int32Array(256);
  private clock = new Float64Array(256);
  private ttl = new Float64Array(256);
  private readonly responseIds = new Map<number, string>();
  private readonly labelerIds = new Map<number, string>();
  private readonly expiries = new Map<number, Expiry>();
  private length = 0;

  constructor(readonly base: number) {}

  /** The sequence number the next event gets. */
  get next(): number {
    return this.base + this.length;
  }

  /** Batch b was added at `now` with time limit `ttl` (NaN for none). */
  added(b: number, ttl: number, now: number): void {
    this.row(ADDED, b, 0, now, ttl);
  }

  /** `count` matchups were issued from sequence number `first`, at `now`, after the expiry given (null: none). */
  issued(first: number, count: number, now: number, expiry: Expiry | null): void {
    if (expiry !== null) this.expiries.set(this.length, expiry);
    this.row(ISSUED, first, count, now, Number.NaN);
  }

  /** A response to matchup `sequence` (outcome code: 0 left, 1 right, 2 draw). */
  response(sequence: number, outcome: number, responseId: string | undefined, labelerId: string | undefined, now: number | null): void {
    const at = this.length;
    this.row(RESPONSE, sequence, outcome, now ?? Number.NaN, Number.NaN);
    if (responseId !== undefined) this.responseIds.set(at, responseId);
    if (labelerId !== undefined) this.labelerIds.set(at, labelerId);
  }

  /** Matchup `sequence` was released. */
  released(sequence: number): void {
    this.row(RELEASED, sequence, 0, Number.NaN, Number.NaN);
  }

  /** Matchups and batches expired at `now`. */
  expired(matchups: readonly number[], batches: readonly number[], now: number): void {
    this.expiries.set(this.length, { matchups, batches });
    this.row(EXPIRED, 0, 0, now, Number.NaN);
  }

  /** Batch b's result was dropped. */
  forgotten(b: number): void {
    this.row(FORGOTTEN, b, 0, Number.NaN, Number.NaN);
  }

  /** The events from sequence number `from` on, as plain objects. O(events + matchups they name). */
  read(from: number, batches: FlowBatches, ledger: FlowLedger): RankingFlowEvent[] {
    const events: RankingFlowEvent[] = [];
    for (let at = from - this.base; at < this.length; at++) {
      const seq = this.base + at;
      const first = this.first[at]!;
      const clock = this.clock[at]!;
      switch (this.type[at]) {
        case ADDED: {
          const ttl = this.ttl[at]!;
          events.push({ seq, type: 'batchAdded', batchId: batchIdOf(first), datapoints: [...batches.ids[first]!], context: batches.contexts[first]!, ttlMs: Number.isNaN(ttl) ? null : ttl, now: clock });
          break;
        }
        case ISSUED: {
          const matchups: FlowMatchupRecord[] = [];
          for (let sequence = first; sequence < first + this.count[at]!; sequence++) matchups.push(matchupRecord(sequence, batches, ledger));
          const expiry = this.expiries.get(at);
          events.push(
            expiry === undefined
              ? { seq, type: 'matchupsIssued', now: clock, matchups }
              : { seq, type: 'matchupsIssued', now: clock, matchups, expired: { matchupIds: expiry.matchups.map(matchupIdOfSequence), batchIds: expiry.batches.map(batchIdOf) } },
          );
          break;
        }
        case RESPONSE:
          events.push({
            seq,
            type: 'responseRecorded',
            matchupId: matchupIdOfSequence(first),
            outcome: OUTCOMES[this.count[at]!]!,
            responseId: this.responseIds.get(at) ?? null,
            labelerId: this.labelerIds.get(at) ?? null,
            now: Number.isNaN(clock) ? null : clock,
          });
          break;
        case RELEASED:
          events.push({ seq, type: 'matchupReleased', matchupId: matchupIdOfSequence(first) });
          break;
        case EXPIRED: {
          const { matchups, batches: closed } = this.expiries.get(at)!;
          events.push({ seq, type: 'expired', now: clock, matchupIds: matchups.map(matchupIdOfSequence), batchIds: closed.map(batchIdOf) });
          break;
        }
        default:
          events.push({ seq, type: 'batchForgotten', batchId: batchIdOf(first) });
      }
    }
    return events;
  }

  private row(type: number, first: number, count: number, clock: number, ttl: number): void {
    const at = this.length;
    if (at === this.type.length) {
      const capacity = 2 * at;
      this.type = grownCopy(this.type, capacity);
      this.first = grownCopy(this.first, capacity);
      this.count = grownCopy(this.count, capacity);
      this.clock = grownCopy(this.clock, capacity);
      this.ttl = grownCopy(this.ttl, capacity);
    }
    this.type[at] = type;
    this.first[at] = first;
    this.count[at] = count;
    this.clock[at] = clock;
    this.ttl[at] = ttl;
    this.length = at + 1;
  }
}

/** An issued matchup as plain data, from the ledger and its batch's ids. */
export function matchupRecord(sequence: number, batches: FlowBatches, ledger: FlowLedger): FlowMatchupRecord {
  const i = sequence - 1;
  const b = ledger.batch[i]!;
  const ids = batches.ids[b]!;
  return { id: matchupIdOfSequence(sequence), batch: batchIdOf(b), left: ids[ledger.left[i]!]!, right: ids[ledger.right[i]!]!, kind: ledger.isClose(sequence) ? 'close' : 'random' };
}
