/**
 * The job's storage in this browser: one localStorage entry per seed, holding the job's
 * snapshot (`job.snapshot()`, which `restoreRankingJob` rebuilds exactly, pending
 * matchups included) and who is labelling. It is rewritten after every call that
 * changed the job, before the page shows the outcome, so a reload at any moment finds
 * every recorded answer exactly once.
 * @module
 */
import type { RankingJobSnapshot } from 'pairwise-elo';

const FORMAT = 'pairwise-elo/web-labelling';
const VERSION = 1;

/** What the page keeps in localStorage for one job. */
export interface SavedJob {
  readonly format: typeof FORMAT;
  readonly version: typeof VERSION;
  /** The seed the job was created with (also in the storage key). */
  readonly seed: string;
  /** Who answers in this browser; recorded with every response. */
  readonly labelerId: string;
  readonly snapshot: RankingJobSnapshot;
}

/** Builds the entry to store. */
export function savedJob(seed: string, labelerId: string, snapshot: RankingJobSnapshot): SavedJob {
  return { format: FORMAT, version: VERSION, seed, labelerId, snapshot };
}

/**
 * Parses a stored entry; null when there is none. Throws, saying why, for an entry this
 * page cannot read (the snapshot itself is checked by `restoreRankingJob`).
 */
export function parseSavedJob(text: string | null): SavedJob | null {
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('the saved entry is not valid JSON');
  }
  if (typeof value !== 'object' || value === null) throw new Error('the saved entry is not an object');
  const entry = value as Partial<SavedJob>;
  if (entry.format !== FORMAT || entry.version !== VERSION) {
    throw new Error(`the saved entry is not a ${FORMAT} version ${VERSION} entry`);
  }
  if (typeof entry.seed !== 'string' || typeof entry.labelerId !== 'string' || entry.labelerId === '') {
    throw new Error('the saved entry lacks its seed or labeler');
  }
  if (typeof entry.snapshot !== 'object' || entry.snapshot === null) throw new Error('the saved entry has no snapshot');
  return entry as SavedJob;
}

/** Reads the entry under `key`; null when there is none. */
export function loadSavedJob(key: string): SavedJob | null {
  return parseSavedJob(localStorage.getItem(key));
}

/** Writes the entry under `key`. Throws when the browser refuses (storage full or disabled). */
export function storeSavedJob(key: string, entry: SavedJob): void {
  localStorage.setItem(key, JSON.stringify(entry));
}

/** Removes the entry under `key`. */
export function clearSavedJob(key: string): void {
  localStorage.removeItem(key);
}
