/**
 * The Chatbot Arena's `winner` values and what each means, in the one place that both
 * `leaderboardFromBattles` and the `pairwise-elo leaderboard` command's reader
 * (`cli/columnMapping.ts`) take them from (lm-sys/FastChat,
 * fastchat/serve/monitor/clean_battle_data.py, and the public `clean_battle_*.json`
 * dumps write them in lower case).
 * @internal
 * @module
 */
import { BOTH_BAD, DRAW, LEFT, RIGHT } from './battleLog.js';

/**
 * The `winner` words per outcome, in lower case as the Arena writes them. Matched with
 * surrounding white space trimmed and in any case. @internal
 */
export const ARENA_WINNERS: {
  readonly left: readonly string[];
  readonly right: readonly string[];
  readonly draw: readonly string[];
  readonly bothBad: readonly string[];
} = /* @__PURE__ */ Object.freeze({
  left: Object.freeze(['model_a']),
  right: Object.freeze(['model_b']),
  draw: Object.freeze(['tie']),
  bothBad: Object.freeze(['tie (bothbad)', 'both_bad']),
});

const OUTCOME_OF: ReadonlyMap<string, number> = /* @__PURE__ */ new Map([
  ...ARENA_WINNERS.left.map((word) => [word, LEFT] as const),
  ...ARENA_WINNERS.right.map((word) => [word, RIGHT] as const),
  ...ARENA_WINNERS.draw.map((word) => [word, DRAW] as const),
  ...ARENA_WINNERS.bothBad.map((word) => [word, BOTH_BAD] as const),
]);

/**
 * The outcome code (`battleLog.ts`) of a `winner` value, or undefined when it is not one
 * of {@link ARENA_WINNERS} (trimmed, in any case). O(length of the value). @internal
 */
export function arenaWinnerOutcome(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  // The Arena's own spelling first: one lookup per row of a dump, no new string.
  return OUTCOME_OF.get(value) ?? OUTCOME_OF.get(value.trim().toLowerCase());
}

/** The accepted words, quoted, for error messages. @internal */
export function arenaWinnerWords(): string {
  return [...OUTCOME_OF.keys()].map((word) => `'${word}'`).join(', ');
}
