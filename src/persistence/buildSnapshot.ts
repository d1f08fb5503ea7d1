/**
 * Writing a job's state into a snapshot.
 * @internal
 * @module
 */
import type { RankingJobDefinition } from '../definition/types.js';
import type { MatchupLedger } from '../job/matchupLedger.js';
import { STATUS } from '../job/matchupLedger.js';
import type { RngState } from '../rng/rng.js';
import type { RankingState } from '../state/rankingState.js';
import { VALIDATION_RANKING } from '../job/validationPool.js';
import { hashJsonValue } from './checksum.js';
import { flatColumns } from './savedRankings.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type AddedDatapointsSnapshot, type RankingJobSnapshot, type RankingsSnapshot } from './snapshotTypes.js';
import type { RoundRobinState } from '../selection/roundRobinSchedule.js';

/** Status codes as the characters of `matchups.statuses`. */
export const STATUS_CHARACTERS: Readonly<Record<number, string>> = /* @__PURE__ */ Object.freeze({
  [STATUS.pending]: 'p',
  [STATUS.completed]: 'c',
  [STATUS.released]: 'r',
  [STATUS.expired]: 'e',
});

/** What a snapshot is made from. */
export interface SnapshotSource {
  readonly definition: RankingJobDefinition;
  readonly rng: RngState | null;
  readonly nextEventSequence: number;
  readonly rankings: readonly RankingState[];
  readonly ledger: MatchupLedger;
  /** Datapoint ids of the validation matchups (see validationPool.ts), or null without validation. */
  readonly validationIds: readonly string[] | null;
}

/** The snapshot of a job's parts, checksum included. O(size of the state). */
export function buildSnapshot(source: SnapshotSource): RankingJobSnapshot {
  const { ledger, rankings } = source;
  const codes = ledger.statuses();
  for (let i = 0; i < codes.length; i++) codes[i] = STATUS_CHARACTERS[codes[i]!]!.charCodeAt(0);
  // Status characters are ASCII, so the byte array decodes to the string in one call.
  const statuses = new TextDecoder('latin1').decode(codes);
  const body = {
    definition: source.definition,
    rng: source.rng,
    nextEventSequence: source.nextEventSequence,
    rankings: saveRankings(rankings, source.definition),
    matchups: {
      issued: ledger.issued,
      statuses,
      pending: ledger.pendingInOrder().map((matchup) => {
        const validation = matchup.ranking === VALIDATION_RANKING;
        const ids = validation ? source.validationIds! : rankings[matchup.ranking]!.ids;
        return {
          id: matchup.id,
          ranking: validation ? null : matchup.ranking,
          left: ids[matchup.left]!,
          right: ids[matchup.right]!,
          kind: matchup.kind,
          pair: matchup.pair,
          round: matchup.round,
          votes: { left: matchup.leftVotes, right: matchup.rightVotes, draw: matchup.drawVotes },
          responseIds: matchup.responseIds === null ? [] : [...matchup.responseIds],
          deadline: matchup.deadline,
        };
      }),
      completedResponseIds: ledger.completedResponses(),
      votes: ledger.votes.save(),
    },
  };
  return { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, checksum: hashJsonValue(body), ...body };
}

// The rankings as flat columns (snapshotTypes.ts, RankingsSnapshot).
function saveRankings(rankings: readonly RankingState[], definition: RankingJobDefinition): RankingsSnapshot {
  let total = 0;
  for (const state of rankings) total += state.size;
  const columns = flatColumns(total);
  const added: AddedDatapointsSnapshot[] = [];
  const roundRobin: RoundRobinState[] = [];
  let at = 0;
  rankings.forEach((state, r) => {
    state.saveInto(columns, at);
    at += state.size;
    const definitionSize = definition.datapoints[r]!.length;
    if (state.size > definitionSize) {
      added.push({ ranking: r, datapoints: state.ids.slice(definitionSize), startOffsets: state.startOffsetsFrom(definitionSize) });
    }
    const { schedule } = state;
    if (schedule !== null) roundRobin.push(schedule.save());
  });
  return { budgets: rankings.map((state) => state.budget), added, ...columns, roundRobin };
}
