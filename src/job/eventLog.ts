/**
 * The job's event log, kept compactly: one row per event in growable typed arrays
 * (type, two numeric arguments, the clock reading), with strings and lists on the
 * side. Public event objects are built only when `events()` is called, so recording
 * costs 7 bytes per event (15 once a call passes `now`) and allocates nothing on
 * the hot path beyond a map entry for a response or labeler id.
 *
 * Event numbers (`seq`) count from 0 over the job's whole life; a job restored from a
 * snapshot starts its log at the snapshot's next sequence number, and `trim` lets go of
 * the events an app has stored, moving the start up.
 * @internal
 * @module
 */
import { grownCopy } from '../state/grownCopy.js';
import type { MatchupLedger } from './matchupLedger.js';
import { matchupIdOf } from './matchupLedger.js';
import type { RankingJobEvent } from './types.js';
import { OUTCOME_CODES } from './voteLog.js';

const ISSUED = 1;
const RESPONSE = 2;
const RELEASED = 3;
const EXPIRED = 4;
const ADDED = 5;

interface AddedRecord {
  readonly ranking: number;
  readonly datapoints: readonly string[];
  readonly extraBudget: number;
  readonly initialRating: number;
}

/** An append-only log of what happened to a job. */
export class EventLog {
  private start: number;
  private count = 0;
  private types = new Uint8Array(256);
  // ISSUED: first sequence, count · RESPONSE: sequence, outcome · RELEASED: sequence ·
  // EXPIRED: index into expiredLists · ADDED: index into addedRecords. The first fits 32
  // bits: matchup sequence numbers stop below 2^32 (the ledger's typed arrays do), and
  // the lists have fewer entries than the log. The second fits 16 bits: an outcome code,
  // 0, or for ISSUED the count less one (a count is 1 to MAX_MATCHUPS_PER_CALL, 2^16).
  private first = new Uint32Array(256);
  private second = new Uint16Array(256);
  // The `now` of each event (NaN: none); null until the first event with one.
  private clock: Float64Array | null = null;
  private responseIds = new Map<number, string>();
  private labelerIds = new Map<number, string>();
  private expiredLists: number[][] = [];
  private addedRecords: AddedRecord[] = [];

  /** @param base - Sequence number of the first event this log will hold. */
  constructor(base = 0) {
    this.start = base;
  }

  /** Sequence number of the first event held. */
  get base(): number {
    return this.start;
  }

  /** Sequence number the next event gets. */
  get next(): number {
    return this.start + this.count;
  }

  /**
   * Forgets the events numbered below `before` (in [base, next]): the log then starts
   * there. O(events kept): they move to the front of the columns, or into columns sized
   * for them when the log has shrunk to under a quarter of its room (an app that trims
   * after every call then reuses its columns instead of allocating).
   */
  trim(before: number): void {
    const drop = before - this.start;
    if (drop === 0) return;
    const kept = this.count - drop;
    const room = this.types.length;
    const capacity = Math.max(256, 2 ** Math.ceil(Math.log2(Math.max(kept, 1))));
    if (4 * capacity <= room) {
      this.types = grownCopy(this.types.subarray(drop, this.count), capacity);
      this.first = grownCopy(this.first.subarray(drop, this.count), capacity);
      this.second = grownCopy(this.second.subarray(drop, this.count), capacity);
      if (this.clock !== null) this.clock = grownCopy(this.clock.subarray(drop, this.count), capacity).fill(Number.NaN, kept);
    } else {
      this.types.copyWithin(0, drop, this.count);
      this.first.copyWithin(0, drop, this.count);
      this.second.copyWithin(0, drop, this.count);
      this.clock?.copyWithin(0, drop, this.count);
    }
    // The side lists and maps, renumbered with the rows that still point into them.
    const responseIds = new Map<number, string>();
    const labelerIds = new Map<number, string>();
    const expiredLists: number[][] = [];
    const addedRecords: AddedRecord[] = [];
    for (let row = 0; row < kept; row++) {
      const type = this.types[row]!;
      if (type === EXPIRED) {
        const list = this.expiredLists[this.first[row]!]!;
        this.first[row] = expiredLists.length;
        expiredLists.push(list);
      } else if (type === ADDED) {
        const record = this.addedRecords[this.first[row]!]!;
        this.first[row] = addedRecords.length;
        addedRecords.push(record);
      }
      const responseId = this.responseIds.get(row + drop);
      if (responseId !== undefined) responseIds.set(row, responseId);
      const labelerId = this.labelerIds.get(row + drop);
      if (labelerId !== undefined) labelerIds.set(row, labelerId);
    }
    this.responseIds = responseIds;
    this.labelerIds = labelerIds;
    this.expiredLists = expiredLists;
    this.addedRecords = addedRecords;
    this.start = before;
    this.count = kept;
  }

  /** `count` matchups issued (1 to MAX_MATCHUPS_PER_CALL), the first with sequence number `first`. */
  issued(first: number, count: number, now: number | null): void {
    this.push(ISSUED, first, count - 1, now);
  }

  /** A response to matchup `sequence`, its outcome as a code of OUTCOME_CODES. */
  response(sequence: number, code: number, responseId: string | undefined, labelerId: string | undefined, now: number | null): void {
    if (responseId !== undefined) this.responseIds.set(this.count, responseId);
    if (labelerId !== undefined) this.labelerIds.set(this.count, labelerId);
    this.push(RESPONSE, sequence, code, now);
  }

  /** Matchup `sequence` released. */
  released(sequence: number): void {
    this.push(RELEASED, sequence, 0, null);
  }

  /** These matchups expired at `now`. */
  expired(sequences: number[], now: number): void {
    this.push(EXPIRED, this.expiredLists.length, 0, now);
    this.expiredLists.push(sequences);
  }

  /** Datapoints added to a ranking. */
  added(record: AddedRecord): void {
    this.push(ADDED, this.addedRecords.length, 0, null);
    this.addedRecords.push(record);
  }

  /**
   * The events from sequence number `from` on, as fresh plain objects. `ids(ranking, i)`
   * names datapoint i of a ranking. O(events returned + matchups in them).
   */
  read(from: number, ledger: MatchupLedger, ids: (ranking: number, index: number) => string): RankingJobEvent[] {
    const events: RankingJobEvent[] = [];
    for (let row = from - this.start; row < this.count; row++) {
      const seq = this.start + row;
      const first = this.first[row]!;
      const clock = this.clock === null ? Number.NaN : this.clock[row]!;
      const now = Number.isNaN(clock) ? null : clock;
      switch (this.types[row]) {
        case ISSUED: {
          const matchups = [];
          for (let sequence = first; sequence <= first + this.second[row]!; sequence++) {
            const { ranking, left, right, kind } = ledger.describe(sequence);
            const id = matchupIdOf(sequence);
            // Validation matchups (ranking −1 in the ledger) belong to no ranking.
            matchups.push(
              kind === 'validation'
                ? { id, ranking: null, left: ids(ranking, left), right: ids(ranking, right), kind }
                : { id, ranking, left: ids(ranking, left), right: ids(ranking, right), kind },
            );
          }
          events.push({ seq, type: 'matchupsIssued', now, matchups });
          break;
        }
        case RESPONSE:
          events.push({
            seq,
            type: 'responseRecorded',
            matchupId: matchupIdOf(first),
            outcome: OUTCOME_CODES[this.second[row]!]!,
            responseId: this.responseIds.get(row) ?? null,
            labelerId: this.labelerIds.get(row) ?? null,
            now,
          });
          break;
        case RELEASED:
          events.push({ seq, type: 'matchupReleased', matchupId: matchupIdOf(first) });
          break;
        case EXPIRED:
          events.push({ seq, type: 'matchupsExpired', now: now!, matchupIds: this.expiredLists[first]!.map(matchupIdOf) });
          break;
        default: {
          const record = this.addedRecords[first]!;
          events.push({ seq, type: 'datapointsAdded', ...record, datapoints: [...record.datapoints] });
        }
      }
    }
    return events;
  }

  private push(type: number, first: number, second: number, now: number | null): void {
    if (this.count === this.types.length) {
      const capacity = 2 * this.types.length;
      this.types = grownCopy(this.types, capacity);
      this.first = grownCopy(this.first, capacity);
      this.second = grownCopy(this.second, capacity);
      if (this.clock !== null) this.clock = grownCopy(this.clock, capacity);
    }
    this.types[this.count] = type;
    this.first[this.count] = first;
    this.second[this.count] = second;
    if (now !== null) this.clock ??= new Float64Array(this.types.length).fill(Number.NaN);
    if (this.clock !== null) this.clock[this.count] = now === null ? Number.NaN : now;
    this.count++;
  }
}
