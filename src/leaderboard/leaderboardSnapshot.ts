/**
 * Writing a leaderboard's state as one plain JSON object, sealed with a checksum
 * (persistence/checksum.ts, the same hash as job snapshots).
 * @internal
 * @module
 */
import { hashJsonValue } from '../persistence/checksum.js';
import type { RngState } from '../rng/rng.js';
import type { BattleLog } from './battleLog.js';
import type { LeaderboardSettings } from './leaderboardSettings.js';
import type { LeaderboardSnapshot } from './leaderboardTypes.js';
import type { PendingBattle, Placement } from './leaderboardRunner.js';
import type { StoredPrompt } from './readLeaderboardLists.js';

/** The format tag of leaderboard snapshots. */
export const LEADERBOARD_SNAPSHOT_FORMAT = 'pairwise-elo/leaderboard';
/** The version this library writes and reads. */
export const LEADERBOARD_SNAPSHOT_VERSION = 1;

/** What a snapshot is built from. @internal */
export interface SnapshotParts {
  readonly settings: LeaderboardSettings;
  readonly rng: RngState | null;
  readonly models: readonly string[];
  readonly prompts: readonly StoredPrompt[];
  readonly labelers: readonly string[];
  readonly battles: BattleLog;
  readonly pending: readonly PendingBattle[];
  readonly placement: ReadonlyMap<number, Placement>;
  readonly nextMatchup: number;
}

/** The snapshot: fresh arrays and objects, nothing shared with the leaderboard. O(state). @internal */
export function buildLeaderboardSnapshot(parts: SnapshotParts): LeaderboardSnapshot {
  const { settings, battles } = parts;
  const size = battles.size;
  const body = {
    options: {
      budget: settings.budget,
      randomShare: settings.randomShare,
      placement: settings.placement,
      scale: settings.scale,
      center: settings.center,
      anchor: settings.anchor === null ? null : { model: settings.anchor.model, rating: settings.anchor.rating },
      prior: settings.prior,
      inverseRanking: settings.inverseRanking,
    },
    rng: parts.rng,
    models: parts.models.slice(),
    prompts: parts.prompts.map((prompt) => ({ id: prompt.id, tags: prompt.tags.slice() })),
    labelers: parts.labelers.slice(),
    battles: {
      prompt: Array.from(battles.prompt.subarray(0, size)),
      left: Array.from(battles.left.subarray(0, size)),
      right: Array.from(battles.right.subarray(0, size)),
      outcome: Array.from(battles.outcome.subarray(0, size)),
      labeler: Array.from(battles.labeler.subarray(0, size)),
    },
    pending: parts.pending.map(({ id, prompt, left, right, kind, pivot }) => ({ id, prompt, left, right, kind, pivot })),
    placement: [...parts.placement].map(([model, { low, high, steps }]) => ({ model, low, high, steps })),
    nextMatchup: parts.nextMatchup,
  };
  return { format: LEADERBOARD_SNAPSHOT_FORMAT, version: LEADERBOARD_SNAPSHOT_VERSION, checksum: hashJsonValue(body), ...body };
}
