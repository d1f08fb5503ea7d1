/**
 * Writing a flow's state into a snapshot.
 * @internal
 * @module
 */
import { hashJsonValue } from '../persistence/checksum.js';
import type { RngState } from '../rng/rng.js';
import { BATCH, batchIdOf, type FlowBatches } from './flowBatches.js';
import type { LiveItems, ResultItems } from './flowItems.js';
import { matchupIdOfSequence, type FlowLedger } from './flowLedger.js';
import { FLOW_SNAPSHOT_FORMAT, FLOW_SNAPSHOT_VERSION, type RankingFlowSnapshot } from './flowSnapshotTypes.js';
import { PAIR_FIELDS, type PairTallies } from './pairTallies.js';
import type { RankingFlowConfig } from './flowTypes.js';
import type { RankingContext } from '../definition/types.js';

/** What a snapshot is made from. */
export interface FlowSnapshotSource {
  readonly config: RankingFlowConfig;
  readonly rng: RngState;
  readonly nextEventSequence: number;
  readonly batches: FlowBatches;
  readonly live: LiveItems;
  readonly results: ResultItems;
  readonly ledger: FlowLedger;
  /** The open batches' pair counts (a flow scored by Bradley–Terry), or null. */
  readonly tallies: PairTallies | null;
}

/** Status characters by batch status code (forgotten: upper case). */
const BATCH_CHARACTERS = 'pcie';
/** Status characters by matchup status code (1 pending … 4 expired); ASCII, so the codes decode as latin1. */
const MATCHUP_CHARACTERS = ' pcre';

/** The snapshot of a flow's parts, checksum included. O(state). */
export function buildFlowSnapshot(source: FlowSnapshotSource): RankingFlowSnapshot {
  const { batches, live, results, ledger, tallies } = source;
  const statusCodes = new Uint8Array(batches.count);
  const pending = { sizes: [] as number[], responses: [] as number[], addedAt: [] as number[], deadlines: [] as (number | null)[], datapoints: [] as string[], offsets: [] as number[], tieKeys: [] as number[], wins: [] as number[], losses: [] as number[], draws: [] as number[], lastOpponent: [] as number[] };
  const closed = { sizes: [] as number[], responses: [] as number[], addedAt: [] as number[], deadlines: [] as (number | null)[], datapoints: [] as string[], offsets: [] as number[], wins: [] as number[], losses: [] as number[], draws: [] as number[] };
  // Bradley–Terry flows only: the open batches' pair counts, the closed ones' fits.
  const pairs = { pairs: [] as number[], pairFirst: [] as number[], pairSecond: [] as number[], pairFirstWins: [] as number[], pairSecondWins: [] as number[], pairDraws: [] as number[] };
  const fits = { scores: [] as number[], standardErrors: [] as number[] };
  const contexts: [string, RankingContext][] = [];
  for (let b = 0; b < batches.count; b++) {
    const status = batches.status[b]!;
    const character = BATCH_CHARACTERS[status & 7]!;
    statusCodes[b] = (status >= BATCH.forgotten ? character.toUpperCase() : character).charCodeAt(0);
    if (status >= BATCH.forgotten) continue;
    const open = status === BATCH.pending;
    const part = open ? pending : closed;
    const columns = open ? live : results;
    const size = batches.size[b]!;
    const base = batches.base[b]!;
    const deadline = batches.deadline[b]!;
    part.sizes.push(size);
    part.responses.push(batches.completed[b]!);
    part.addedAt.push(batches.addedAt[b]!);
    part.deadlines.push(Number.isNaN(deadline) ? null : deadline);
    part.datapoints.push(...batches.ids[b]!);
    for (let i = base; i < base + size; i++) {
      part.offsets.push(columns.offsets[i]!);
      part.wins.push(columns.wins[i]!);
      part.losses.push(columns.losses[i]!);
      part.draws.push(columns.draws[i]!);
    }
    if (open) {
      for (let i = base; i < base + size; i++) {
        pending.tieKeys.push(live.tieKeys[i]!);
        pending.lastOpponent.push(live.lastOpponent[i]!);
      }
    }
    if (tallies !== null && open) {
      const sorted = tallies.sorted(b);
      pairs.pairs.push(sorted.length / PAIR_FIELDS);
      for (let k = 0; k < sorted.length; k += PAIR_FIELDS) {
        pairs.pairFirst.push(sorted[k]!);
        pairs.pairSecond.push(sorted[k + 1]!);
        pairs.pairFirstWins.push(sorted[k + 2]!);
        pairs.pairSecondWins.push(sorted[k + 3]!);
        pairs.pairDraws.push(sorted[k + 4]!);
      }
    } else if (tallies !== null) {
      for (let i = base; i < base + size; i++) {
        fits.scores.push(results.scores[i]!);
        fits.standardErrors.push(results.standardErrors[i]!);
      }
    }
    const context = batches.contexts[b]!;
    if (context !== null) contexts.push([batchIdOf(b), context]);
  }
  const matchupCodes = new Uint8Array(ledger.issued);
  for (let s = 1; s <= ledger.issued; s++) matchupCodes[s - 1] = MATCHUP_CHARACTERS.charCodeAt(ledger.statusOf(s));
  const latin1 = new TextDecoder('latin1');
  const body = {
    config: source.config,
    rng: source.rng,
    nextEventSequence: source.nextEventSequence,
    batches: {
      statuses: latin1.decode(statusCodes),
      pending: tallies === null ? pending : { ...pending, ...pairs },
      closed: tallies === null ? closed : { ...closed, ...fits },
      contexts,
    },
    matchups: {
      issued: ledger.issued,
      statuses: latin1.decode(matchupCodes),
      pending: ledger.pendingSequences().map((sequence) => {
        const i = sequence - 1;
        const b = ledger.batch[i]!;
        const ids = batches.ids[b]!;
        const deadline = ledger.deadlineOf(sequence);
        return {
          id: matchupIdOfSequence(sequence),
          batch: batchIdOf(b),
          left: ids[ledger.left[i]!]!,
          right: ids[ledger.right[i]!]!,
          kind: ledger.isClose(sequence) ? ('close' as const) : ('random' as const),
          deadline: Number.isNaN(deadline) ? null : deadline,
        };
      }),
      responseIds: ledger.liveResponseIdEntries().map(([sequence, id]) => [matchupIdOfSequence(sequence), batchIdOf(ledger.batch[sequence - 1]!), id] as const),
    },
  };
  return { format: FLOW_SNAPSHOT_FORMAT, version: FLOW_SNAPSHOT_VERSION, checksum: hashJsonValue(body), ...body };
}
