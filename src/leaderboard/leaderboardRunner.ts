/**
 * The running leaderboard behind `createLeaderboard`, `restoreLeaderboard` and
 * `leaderboardFromBattles`: its state, the calls that change it, and the reports.
 * Every call validates its arguments (and draws its random numbers) before it changes
 * anything, so a call that throws has changed nothing.
 * @internal
 * @module
 */
import { RankingInputError, describeValue } from '../errors.js';
import { isLibraryRng } from '../rng/createRng.js';
import type { Rng } from '../rng/rng.js';
import { fillUniformDraws } from '../rng/uniformDraws.js';
import { pickRandomPair } from '../selection/randomPair.js';
import { readOptions, requireNonEmptyString } from '../validate.js';
import { requireConfidence } from '../bradleyTerry/analyticIntervals.js';
import { BattleLog, OUTCOME_NAMES } from './battleLog.js';
import { computeStandings, fitTotals } from './computeStandings.js';
import { informativeOpponent, leastUsed, placementOpponent } from './leaderboardPairing.js';
import type { LeaderboardSettings } from './leaderboardSettings.js';
import { buildLeaderboardSnapshot } from './leaderboardSnapshot.js';
import type {
  Leaderboard,
  LeaderboardMatchup,
  LeaderboardMatchupKind,
  LeaderboardOutcome,
  LeaderboardPositionBias,
  LeaderboardProgress,
  LeaderboardSnapshot,
  LeaderboardWinRates,
  Standings,
  StandingsOptions,
  TagStandings,
} from './leaderboardTypes.js';
import { ModelBeliefs } from './modelBeliefs.js';
import { pairTotals } from './pairTotals.js';
import { positionBias } from './positionBias.js';
import type { StoredPrompt } from './readLeaderboardLists.js';
import { resolveStandingsOptions } from './standingsOptions.js';
import { winRates } from './winRates.js';

/** Most matchups one `nextMatchups` call issues. */
export const MAX_LEADERBOARD_MATCHUPS_PER_CALL = 65_536;

// Uniform draws per matchup: prompt, random-or-informative, two for the pair, side.
const DRAWS = 5;

/** A matchup issued and not yet answered or released. @internal */
export interface PendingBattle {
  readonly id: string;
  readonly prompt: number;
  readonly left: number;
  readonly right: number;
  readonly kind: LeaderboardMatchupKind;
  /** Placement matchups: the opponent's mean when issued. */
  readonly pivot: number | null;
}

/** A model being placed: the score range it can still fall in (null: unbounded). @internal */
export interface Placement {
  low: number | null;
  high: number | null;
  /** Placement matchups left. */
  steps: number;
  /** The id of its placement matchup in flight, or null. */
  inFlight: string | null;
}

/** Everything a leaderboard is made of, checked. @internal */
export interface LeaderboardState {
  readonly settings: LeaderboardSettings;
  readonly rng: Rng;
  readonly models: string[];
  readonly prompts: StoredPrompt[];
  readonly labelers: string[];
  readonly battles: BattleLog;
  /** In the order issued. */
  readonly pending: readonly PendingBattle[];
  /** Per model being placed, in the order they were added. */
  readonly placement: ReadonlyMap<number, Placement>;
  readonly nextMatchup: number;
}

/** The leaderboard. @internal */
export class LeaderboardRunner implements Leaderboard {
  readonly #settings: LeaderboardSettings;
  readonly #rng: Rng;
  readonly #models: string[];
  readonly #modelNumber = new Map<string, number>();
  readonly #prompts: StoredPrompt[];
  readonly #promptUses: Float64Array;
  readonly #labelers: string[];
  readonly #labelerNumber = new Map<string, number>();
  readonly #battles: BattleLog;
  readonly #beliefs: ModelBeliefs;
  readonly #pending = new Map<string, PendingBattle>();
  readonly #placement: Map<number, Placement>;
  #placing: Uint8Array;
  #nextMatchup: number;
  #busy = false;

  /** Builds the leaderboard from a checked state, replaying its battles into the pairing's beliefs. O(battles + pending). */
  constructor(state: LeaderboardState) {
    this.#settings = state.settings;
    this.#rng = state.rng;
    this.#models = state.models;
    this.#models.forEach((id, model) => this.#modelNumber.set(id, model));
    this.#prompts = state.prompts;
    this.#labelers = state.labelers;
    this.#labelers.forEach((id, labeler) => this.#labelerNumber.set(id, labeler));
    this.#battles = state.battles;
    this.#nextMatchup = state.nextMatchup;
    this.#promptUses = new Float64Array(this.#prompts.length);
    this.#beliefs = new ModelBeliefs(this.#settings.center, this.#settings.scale, this.#models.length);
    for (let model = 0; model < this.#models.length; model++) this.#beliefs.add();
    const log = this.#battles;
    for (let k = 0; k < log.size; k++) {
      const left = log.left[k]!;
      const right = log.right[k]!;
      if (log.prompt[k]! >= 0) this.#promptUses[log.prompt[k]!]!++;
      this.#beliefs.exposure[left]!++;
      this.#beliefs.exposure[right]!++;
      this.#beliefs.update(left, right, log.outcome[k]!);
    }
    for (const battle of state.pending) this.#take(battle);
    this.#placement = new Map(state.placement);
    this.#placing = new Uint8Array(Math.max(this.#models.length, 4));
    for (const model of this.#placement.keys()) this.#placing[model] = 1;
  }

  get done(): boolean {
    const { budget } = this.#settings;
    return budget !== null && this.#battles.size >= budget;
  }

  nextMatchups(count: number): LeaderboardMatchup[] {
    return this.#call(() => {
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_LEADERBOARD_MATCHUPS_PER_CALL) {
        throw new RankingInputError('count', `must be an integer from 1 to ${MAX_LEADERBOARD_MATCHUPS_PER_CALL}, got ${describeValue(count)}`);
      }
      if (this.#prompts.length === 0) {
        throw new RankingInputError('prompts', 'this leaderboard has no prompts to issue matchups on (it was imported from battles without any): pass options.prompts');
      }
      const { budget } = this.#settings;
      const issuable = budget === null ? count : Math.min(count, budget - this.#battles.size - this.#pending.size);
      if (issuable <= 0) return [];
      const draws = new Float64Array(issuable * DRAWS);
      fillUniformDraws(this.#rng, draws, draws.length, 'rng');
      const issued: LeaderboardMatchup[] = [];
      const pair = new Int32Array(2);
      for (let m = 0; m < issuable; m++) {
        const u = draws.subarray(m * DRAWS, (m + 1) * DRAWS);
        const placed = this.#placementPair(pair);
        let kind: LeaderboardMatchupKind;
        let pivot: number | null = null;
        if (placed !== null) {
          kind = 'placement';
          pivot = this.#beliefs.means[pair[1]!]!;
        } else {
          // Every model is being placed only if the leaderboard holds none besides them.
          const anchor = u[1]! < this.#settings.randomShare ? -1 : leastUsed(this.#beliefs.exposure, this.#models.length, u[2]!, this.#placing);
          kind = anchor < 0 ? 'random' : 'informationGain';
          if (anchor < 0) pickRandomPair(this.#models.length, u[2]!, u[3]!, pair);
          else {
            pair[0] = anchor;
            pair[1] = informativeOpponent(this.#beliefs, anchor);
          }
        }
        const swap = u[4]! < 0.5;
        const battle: PendingBattle = {
          id: `b${this.#nextMatchup}`,
          prompt: leastUsed(this.#promptUses, this.#prompts.length, u[0]!),
          left: swap ? pair[1]! : pair[0]!,
          right: swap ? pair[0]! : pair[1]!,
          kind,
          pivot,
        };
        this.#nextMatchup++;
        this.#take(battle);
        if (placed !== null) placed.inFlight = battle.id;
        issued.push(this.#shown(battle));
      }
      return issued;
    });
  }

  recordResponse(matchupId: string, outcome: LeaderboardOutcome, options: { readonly labelerId?: string | undefined } = {}): void {
    this.#call(() => {
      const battle = this.#pendingBattle(matchupId);
      const code = (OUTCOME_NAMES as readonly unknown[]).indexOf(outcome);
      if (code < 0) throw new RankingInputError('outcome', `must be one of ${OUTCOME_NAMES.map((name) => `'${name}'`).join(', ')}, got ${describeValue(outcome)}`);
      const [labelerValue] = readOptions(options, ['labelerId'], 'options', 'options.');
      const labelerId = labelerValue === undefined ? null : requireNonEmptyString(labelerValue, 'options.labelerId');
      this.#release(battle, false);
      let labeler = -1;
      if (labelerId !== null) {
        labeler = this.#labelerNumber.get(labelerId) ?? this.#labelers.length;
        if (labeler === this.#labelers.length) {
          this.#labelers.push(labelerId);
          this.#labelerNumber.set(labelerId, labeler);
        }
      }
      this.#battles.add(battle.prompt, battle.left, battle.right, code, labeler);
      if (battle.kind === 'placement') this.#narrow(battle, code);
      this.#beliefs.update(battle.left, battle.right, code);
    });
  }

  releaseMatchup(matchupId: string): void {
    this.#call(() => this.#release(this.#pendingBattle(matchupId), true));
  }

  pendingMatchups(): LeaderboardMatchup[] {
    return this.#call(() => [...this.#pending.values()].map((battle) => this.#shown(battle)));
  }

  addModel(model: string): void {
    this.#call(() => {
      const id = requireNonEmptyString(model, 'model');
      if (this.#modelNumber.has(id)) throw new RankingInputError('model', `${describeValue(id)} is already on the leaderboard`);
      const number = this.#models.length;
      const established = number - this.#placement.size;
      this.#models.push(id);
      this.#modelNumber.set(id, number);
      this.#beliefs.add();
      if (this.#placing.length <= number) {
        const grown = new Uint8Array(2 * this.#placing.length);
        grown.set(this.#placing);
        this.#placing = grown;
      }
      if (this.#settings.placement && established > 0) {
        // Binary search over the established models, one step more for a tie or a surprise.
        this.#placement.set(number, { low: null, high: null, steps: Math.ceil(Math.log2(established + 1)) + 1, inFlight: null });
        this.#placing[number] = 1;
      }
    });
  }

  models(): string[] {
    return this.#call(() => this.#models.slice());
  }

  progress(): LeaderboardProgress {
    return this.#call(() => {
      const { budget } = this.#settings;
      const completed = this.#battles.size;
      const pending = this.#pending.size;
      return { budget, pending, completed, remaining: budget === null ? null : Math.max(0, budget - completed - pending) };
    });
  }

  standings(options: StandingsOptions = {}): Standings {
    return this.#call(() => {
      const resolved = resolveStandingsOptions(options, true);
      const totals = pairTotals(this.#battles, this.#models.length, this.#scope(resolved.tag));
      return computeStandings(totals, this.#models, this.#settings, resolved);
    });
  }

  standingsByTag(options: Omit<StandingsOptions, 'tag'> = {}): TagStandings[] {
    return this.#call(() => {
      const resolved = resolveStandingsOptions(options, false);
      return this.#tags().map((tag) => ({
        tag,
        standings: computeStandings(pairTotals(this.#battles, this.#models.length, this.#scope(tag)), this.#models, this.#settings, { ...resolved, tag }),
      }));
    });
  }

  winRates(options: { readonly tag?: string | null | undefined } = {}): LeaderboardWinRates {
    return this.#call(() => {
      const [tagValue] = readOptions(options, ['tag'], 'options', 'options.');
      const tag = tagValue === undefined || tagValue === null ? null : requireNonEmptyString(tagValue, 'options.tag');
      const totals = pairTotals(this.#battles, this.#models.length, this.#scope(tag));
      if (totals.battles === 0) return { models: [], observed: [], predicted: [], battles: [] };
      return winRates(totals, fitTotals(totals, this.#models, this.#settings), this.#models, this.#settings.scale, this.#settings.inverseRanking);
    });
  }

  positionBias(options: { readonly confidence?: number | undefined } = {}): LeaderboardPositionBias | null {
    return this.#call(() => {
      const [confidenceValue] = readOptions(options, ['confidence'], 'options', 'options.');
      const confidence = confidenceValue === undefined ? 0.95 : requireConfidence(confidenceValue, 'options.confidence');
      return positionBias(this.#battles, this.#models, this.#settings, confidence);
    });
  }

  snapshot(): LeaderboardSnapshot {
    return this.#call(() =>
      buildLeaderboardSnapshot({
        settings: this.#settings,
        rng: isLibraryRng(this.#rng) ? this.#rng.state() : null,
        models: this.#models,
        prompts: this.#prompts,
        labelers: this.#labelers,
        battles: this.#battles,
        pending: [...this.#pending.values()],
        placement: this.#placement,
        nextMatchup: this.#nextMatchup,
      }),
    );
  }

  // One call at a time: a call from inside another (an rng, a getter) would see half a change.
  #call<T>(body: () => T): T {
    if (this.#busy) throw new RankingInputError('leaderboard', 'a call is already running on this leaderboard (called from inside its rng or an argument getter?)');
    this.#busy = true;
    try {
      return body();
    } finally {
      this.#busy = false;
    }
  }

  #pendingBattle(matchupId: unknown): PendingBattle {
    if (typeof matchupId !== 'string') throw new RankingInputError('matchupId', `must be a string, got ${describeValue(matchupId)}`);
    const battle = this.#pending.get(matchupId);
    if (battle === undefined) throw new RankingInputError('matchupId', `${describeValue(matchupId)} is not a pending matchup of this leaderboard (never issued, already answered or released)`);
    return battle;
  }

  // Counts a battle as issued.
  #take(battle: PendingBattle): void {
    this.#pending.set(battle.id, battle);
    this.#promptUses[battle.prompt]!++;
    for (const model of [battle.left, battle.right]) {
      this.#beliefs.exposure[model]!++;
      this.#beliefs.pending[model]!++;
    }
  }

  // Takes a battle out of the pending set; `giveBack` when it will not be answered.
  #release(battle: PendingBattle, giveBack: boolean): void {
    this.#pending.delete(battle.id);
    for (const model of [battle.left, battle.right]) {
      this.#beliefs.pending[model]!--;
      if (giveBack) this.#beliefs.exposure[model]!--;
    }
    if (giveBack) this.#promptUses[battle.prompt]!--;
    if (battle.kind === 'placement') {
      const placing = this.#placement.get(this.#placing[battle.left] === 1 ? battle.left : battle.right);
      if (placing !== undefined) placing.inFlight = null;
    }
  }

  // The next placement pair (placed model, opponent), or null: models whose range holds
  // no other model any more, or whose steps are spent, are placed and leave the list.
  #placementPair(pair: Int32Array): Placement | null {
    for (const [model, placing] of this.#placement) {
      if (placing.inFlight !== null) continue;
      const opponent = placing.steps > 0 ? placementOpponent(this.#beliefs, model, placing.low, placing.high, this.#placing) : -1;
      if (opponent < 0) {
        this.#placement.delete(model);
        this.#placing[model] = 0;
        continue;
      }
      pair[0] = model;
      pair[1] = opponent;
      return placing;
    }
    return null;
  }

  // A placement answer narrows the range: a win puts the model above the opponent's
  // mean, a loss below it, a tie of either kind at it.
  #narrow(battle: PendingBattle, code: number): void {
    const model = this.#placing[battle.left] === 1 ? battle.left : battle.right;
    const placing = this.#placement.get(model);
    if (placing === undefined || battle.pivot === null) return;
    const won = (code === 0 && model === battle.left) || (code === 1 && model === battle.right);
    const lost = (code === 0 && model === battle.right) || (code === 1 && model === battle.left);
    if (!lost) placing.low = battle.pivot;
    if (!won) placing.high = battle.pivot;
    placing.steps--;
    if (placing.steps === 0) {
      this.#placement.delete(model);
      this.#placing[model] = 0;
    }
  }

  #shown(battle: PendingBattle): LeaderboardMatchup {
    return { id: battle.id, prompt: this.#prompts[battle.prompt]!.id, left: this.#models[battle.left]!, right: this.#models[battle.right]!, kind: battle.kind };
  }

  // Which prompts a tag covers; null for every battle.
  #scope(tag: string | null): Uint8Array | null {
    if (tag === null) return null;
    const mask = new Uint8Array(this.#prompts.length);
    let any = false;
    this.#prompts.forEach((prompt, p) => {
      if (prompt.tags.includes(tag)) {
        mask[p] = 1;
        any = true;
      }
    });
    if (!any) throw new RankingInputError('options.tag', `no prompt of this leaderboard carries the tag ${describeValue(tag)}`);
    return mask;
  }

  #tags(): string[] {
    const tags = new Set<string>();
    for (const prompt of this.#prompts) for (const tag of prompt.tags) tags.add(tag);
    return [...tags];
  }
}
