// Ranking flows scored by Bradley–Terry (`scorer: 'bradleyTerry'`): the option and its
// normal form, scores checked against fitBradleyTerry on the flow's own log and against a
// hand-solved three-datapoint case, the pair counts in snapshots (every rule refused at
// its path), and memory that follows the pairs compared.
import { describe, expect, it } from 'vitest';
import {
  createRankingFlow,
  fitBradleyTerry,
  replayRankingFlow,
  restoreRankingFlow,
  type ComparisonRecord,
  type FlowMatchupRecord,
  type RankingFlow,
  type RankingFlowInput,
  type RankingFlowSnapshot,
} from '../../src/index.js';
import { hashJsonValue } from '../../src/persistence/checksum.js';
import { expectInputError } from '../helpers.js';

const base: RankingFlowInput = { name: 'bt flow', instruction: 'Which is better?', maxResponses: 30, minResponses: 5, scorer: 'bradleyTerry' };

function reseal(snapshot: Record<string, unknown>): RankingFlowSnapshot {
  const { checksum: _checksum, format, version, ...body } = snapshot;
  return { format, version, checksum: hashJsonValue(body), ...body } as unknown as RankingFlowSnapshot;
}

// A copy of the snapshot with `edit` applied to its JSON, resealed.
function edited(snapshot: RankingFlowSnapshot, edit: (copy: Record<string, any>) => void): RankingFlowSnapshot {
  const copy = JSON.parse(JSON.stringify(snapshot));
  edit(copy);
  return reseal(copy);
}

// The batch's answered comparisons as records, read from the flow's event log.
function recordsOf(flow: RankingFlow, batch: string): ComparisonRecord[] {
  const matchups = new Map<string, FlowMatchupRecord>();
  const records: ComparisonRecord[] = [];
  for (const event of flow.events()) {
    if (event.type === 'matchupsIssued') for (const matchup of event.matchups) matchups.set(matchup.id, matchup);
    if (event.type === 'responseRecorded') {
      const matchup = matchups.get(event.matchupId)!;
      if (matchup.batch === batch) records.push({ left: matchup.left, right: matchup.right, outcome: event.outcome });
    }
  }
  return records;
}

// Answers `count` matchups one at a time, by a fixed rule on the pair.
function answer(flow: RankingFlow, count: number, now: number, rule: (left: string, right: string) => 'left' | 'right' | 'draw'): void {
  for (let k = 0; k < count; k++) {
    const [matchup] = flow.nextMatchups(1, { now });
    if (matchup === undefined) return;
    flow.recordResponse(matchup.id, rule(matchup.left, matchup.right), { now });
  }
}

// A noisy but fixed rule: the later id usually wins, pairs at distance 1 draw now and then.
const rule = (left: string, right: string): 'left' | 'right' | 'draw' => {
  const code = (left.charCodeAt(left.length - 1) * 7 + right.charCodeAt(right.length - 1) * 3) % 10;
  if (code === 0) return 'draw';
  const leftBetter = left > right;
  return code < 8 === leftBetter ? 'left' : 'right';
};

describe('the scorer option', () => {
  it('is absent from the configuration for Elo, given or not, and kept for Bradley–Terry', () => {
    const { scorer: _scorer, ...elo } = base;
    const plain = createRankingFlow(elo);
    const explicit = createRankingFlow({ ...elo, scorer: 'elo' });
    expect(JSON.stringify(explicit.config)).toBe(JSON.stringify(plain.config));
    expect(plain.config).not.toHaveProperty('scorer');
    // The same default seed, so the same matchups.
    for (const flow of [plain, explicit]) flow.addBatch(['a', 'b', 'c', 'd'], { now: 0 });
    expect(explicit.nextMatchups(6, { now: 1 })).toEqual(plain.nextMatchups(6, { now: 1 }));
    const bt = createRankingFlow(base);
    expect(bt.config.scorer).toBe('bradleyTerry');
    expect(Object.keys(bt.config).at(-1)).toBe('scorer');
    expectInputError(() => createRankingFlow({ ...base, scorer: 'bt' as never }), 'scorer');
    expectInputError(() => createRankingFlow({ ...base, scorer: null as never }), 'scorer');
  });

  it('chooses the same matchups as an Elo flow with the same seed and answers', () => {
    const { scorer: _scorer, ...elo } = base;
    const flows = [createRankingFlow(elo, { seed: 5 }), createRankingFlow(base, { seed: 5 })];
    const issued = flows.map((flow) => {
      flow.addBatch(['a', 'b', 'c', 'd', 'e'], { now: 0 });
      answer(flow, 25, 1, rule);
      return flow.events().filter((event) => event.type === 'matchupsIssued');
    });
    expect(issued[1]).toEqual(issued[0]);
  });
});

describe('Bradley–Terry results', () => {
  const config: RankingFlowInput = { ...base, elo: { initialRating: 1500, scale: 300 } };

  it('equal fitBradleyTerry on the batch comparisons from the log, on the configuration Elo scale, pending and closed', () => {
    const flow = createRankingFlow(config, { seed: 2 });
    const ids = ['p', 'q', 'r', 's', 't', 'u'];
    const batch = flow.addBatch(ids, { now: 0 });
    for (const answered of [18, 29, 30]) {
      answer(flow, answered - flow.batchStatus(batch).responses, 1, rule);
      const result = flow.batchResults(batch);
      expect(result.status).toBe(answered === 30 ? 'completed' : 'pending');
      const fit = fitBradleyTerry(recordsOf(flow, batch), { prior: 0.01, scale: 300, center: 1500 });
      expect(fit.ids).toHaveLength(ids.length);
      const z = 1.959963984540054;
      for (const entry of result.entries) {
        const expected = fit.entries.find((fitted) => fitted.datapoint === entry.datapoint)!;
        expect(entry.score).toBeCloseTo(expected.score, 8);
        expect(entry.standardError).toBeCloseTo(expected.standardError, 8);
        expect(entry.lower).toBeCloseTo(expected.score - z * expected.standardError, 8);
        expect(entry.upper).toBeCloseTo(expected.score + z * expected.standardError, 8);
        expect(entry.bestRank).toBeLessThanOrEqual(entry.rank);
        expect(entry.worstRank).toBeGreaterThanOrEqual(entry.rank);
        expect(entry.comparisons).toBe(expected.comparisons);
      }
      // By score, descending; the scores average the initial rating.
      const scores = result.entries.map((entry) => entry.score);
      expect(scores).toEqual([...scores].sort((x, y) => y - x));
      expect(scores.reduce((sum, score) => sum + score, 0) / scores.length).toBeCloseTo(1500, 9);
    }
  });

  // Counts a > b 3:1 and b > c 3:1, (a, c) never compared. By symmetry θb = 0 and
  // θa = −θc = t, where t solves a's score equation 3 − 4σ(t) = λt (λ = 0.01, the prior on
  // θ in nats). Each pair's information is w = 4σ(t)σ(−t); on the chain a–b–c the
  // information L + λI has eigenvectors (1, 0, −1)/√2 with eigenvalue w + λ and
  // (1, −2, 1)/√6 with 3w + λ besides the constant one, so the centred variances are
  // ½/(w + λ) + ⅙/(3w + λ) for a and c, and ⅔/(3w + λ) for b.
  it('solve a three-datapoint case by hand, after a fit at close', () => {
    const flow = createRankingFlow({ ...base, maxResponses: 8, randomComparisonsRatio: 1 }, { seed: 4 });
    const batch = flow.addBatch(['a', 'b', 'c'], { now: 0 });
    const wanted = new Map([
      ['a|b', ['a', 'a', 'a', 'b']],
      ['b|c', ['b', 'b', 'b', 'c']],
    ]);
    for (let guard = 0; flow.batchStatus(batch).status === 'pending' && guard < 1000; guard++) {
      const [matchup] = flow.nextMatchups(1, { now: 1 });
      const winners = wanted.get([matchup!.left, matchup!.right].sort().join('|'));
      const winner = winners?.shift();
      if (winner === undefined) flow.releaseMatchup(matchup!.id);
      else flow.recordResponse(matchup!.id, winner === matchup!.left ? 'left' : 'right', { now: 1 });
    }
    const result = flow.batchResults(batch);
    expect(result.status).toBe('completed');
    const lambda = 0.01;
    const sigma = (x: number) => 1 / (1 + Math.exp(-x));
    let [low, high] = [0, 5];
    for (let step = 0; step < 200; step++) {
      const mid = (low + high) / 2;
      if (3 - 4 * sigma(mid) - lambda * mid > 0) low = mid;
      else high = mid;
    }
    const t = (low + high) / 2;
    const w = 4 * sigma(t) * sigma(-t);
    const points = 400 / Math.LN10;
    const outer = points * Math.sqrt(0.5 / (w + lambda) + 1 / 6 / (3 * w + lambda));
    const middle = points * Math.sqrt(2 / 3 / (3 * w + lambda));
    const byId = new Map(result.entries.map((entry) => [entry.datapoint, entry]));
    expect(result.entries.map((entry) => [entry.rank, entry.datapoint, entry.wins, entry.losses])).toEqual([
      [1, 'a', 3, 1],
      [2, 'b', 4, 4],
      [3, 'c', 1, 3],
    ]);
    expect(byId.get('a')!.score).toBeCloseTo(1200 + points * t, 7);
    expect(byId.get('b')!.score).toBeCloseTo(1200, 7);
    expect(byId.get('c')!.score).toBeCloseTo(1200 - points * t, 7);
    expect(byId.get('a')!.standardError).toBeCloseTo(outer, 7);
    expect(byId.get('b')!.standardError).toBeCloseTo(middle, 7);
    expect(byId.get('c')!.standardError).toBeCloseTo(outer, 7);
    // Prior 0 would give t = ln 3 (a 3:1 record); the default prior pulls it in a little.
    expect(t).toBeLessThan(Math.log(3));
    expect(t).toBeGreaterThan(Math.log(3) - 0.05);
  });

  it('hold every datapoint at the centre before any answer, and accept the largest batch', () => {
    const fresh = createRankingFlow(base, { seed: 1 });
    const small = fresh.addBatch(['a', 'b', 'c'], { now: 0 });
    expect(fresh.batchResults(small).entries.map((entry) => [entry.rank, entry.datapoint, entry.score])).toEqual([
      [1, 'a', 1200],
      [1, 'b', 1200],
      [1, 'c', 1200],
    ]);
    const flow = createRankingFlow({ ...base, maxResponses: 40 }, { seed: 1 });
    const ids = Array.from({ length: 1000 }, (_, i) => `item-${i}`);
    const batch = flow.addBatch(ids, { now: 0, ttlMs: 10 });
    answer(flow, 40, 1, rule);
    // Completed: fitted once at close, with 1 000 datapoints.
    const result = flow.batchResults(batch);
    expect(result.status).toBe('completed');
    expect(result.entries).toHaveLength(1000);
    expect(result.entries.every((entry) => Number.isFinite(entry.score) && entry.standardError! > 0)).toBe(true);
  });
});

describe('memory', () => {
  it('keeps counts per pair compared, not per pair of the batch, and none once the batch closes', () => {
    const flow = createRankingFlow({ ...base, maxResponses: 60 }, { seed: 3 });
    const internals = flow as unknown as { tallies: { tables: Map<number, Int32Array> } };
    const batch = flow.addBatch(Array.from({ length: 1000 }, (_, i) => `x${i}`), { now: 0, ttlMs: 100 });
    expect(internals.tallies.tables.size).toBe(0);
    answer(flow, 50, 1, rule);
    const pairs = flow.snapshot().batches.pending.pairs![0]!;
    expect(pairs).toBeGreaterThan(40);
    // 4 ints per slot and a header row, at most ¾ full: under 128 slots for 50 pairs (of 499 500).
    expect(internals.tallies.tables.get(0)!.length).toBeLessThanOrEqual(4 * (128 + 1));
    flow.expire(100);
    expect(flow.batchStatus(batch).status).toBe('incomplete');
    expect(internals.tallies.tables.size).toBe(0);
  });
});

describe('snapshots of a Bradley–Terry flow', () => {
  function busy(): RankingFlow {
    const flow = createRankingFlow({ ...base, maxResponses: 12, matchupTtlMs: 50 }, { seed: 9 });
    flow.addBatch(['a', 'b', 'c', 'd'], { now: 0 });
    answer(flow, 12, 1, rule);
    flow.addBatch(['e', 'f', 'g'], { now: 1 });
    flow.addBatch(['h', 'i', 'j', 'k', 'l'], { now: 2, ttlMs: 500 });
    answer(flow, 14, 3, rule);
    flow.nextMatchups(2, { now: 4 });
    return flow;
  }

  it('hold the open batches pair counts and the closed ones fits, restored and replayed to the same results', () => {
    const flow = busy();
    const snapshot = flow.snapshot();
    expect(snapshot.batches.closed.sizes).toEqual([4]);
    expect(snapshot.batches.pending.pairs!.length).toBe(2);
    expect(snapshot.batches.closed.scores).toHaveLength(4);
    const restored = restoreRankingFlow(JSON.parse(JSON.stringify(snapshot)));
    const replayed = replayRankingFlow(flow.config, JSON.parse(JSON.stringify(flow.events())), { seed: 9 });
    for (const other of [restored, replayed]) {
      expect(JSON.stringify(other.snapshot())).toBe(JSON.stringify(snapshot));
      for (const id of ['b1', 'b2', 'b3']) expect(other.batchResults(id)).toEqual(flow.batchResults(id));
    }
    // And they go on alike.
    for (const other of [flow, restored, replayed]) answer(other, 12, 5, rule);
    for (const id of ['b2', 'b3']) {
      expect(restored.batchResults(id)).toEqual(flow.batchResults(id));
      expect(replayed.batchResults(id)).toEqual(flow.batchResults(id));
    }
  });

  it('refuse bad pair counts and fits at their paths', () => {
    const snapshot = busy().snapshot();
    const pending = 'snapshot.batches.pending';
    const cases: [(copy: Record<string, any>) => void, string][] = [
      [
        (copy) => {
          // A fourth pair for a batch of three, the columns kept in step.
          const p = copy.batches.pending;
          const at = p.pairs[0];
          p.pairs[0]++;
          for (const key of ['pairFirst', 'pairSecond', 'pairFirstWins', 'pairSecondWins', 'pairDraws']) p[key].splice(at, 0, key === 'pairSecond' ? 2 : 1);
        },
        `${pending}.pairs[0]`,
      ],
      [(copy) => (copy.batches.pending.pairs[1] += 1), `${pending}.pairFirst`],
      [(copy) => (copy.batches.pending.pairs[0] = -1), `${pending}.pairs[0]`],
      [(copy) => copy.batches.pending.pairFirst.pop(), `${pending}.pairFirst`],
      [(copy) => (copy.batches.pending.pairFirst[0] = 2), `${pending}.pairFirst[0]`],
      [(copy) => (copy.batches.pending.pairSecond[0] = 0), `${pending}.pairSecond[0]`],
      [(copy) => (copy.batches.pending.pairSecond[0] = 3), `${pending}.pairSecond[0]`],
      [(copy) => (copy.batches.pending.pairFirstWins[1] = 0.5), `${pending}.pairFirstWins[1]`],
      [(copy) => (copy.batches.pending.pairSecondWins[1] = -1), `${pending}.pairSecondWins[1]`],
      [(copy) => (copy.batches.pending.pairDraws[1] = '1'), `${pending}.pairDraws[1]`],
      [
        (copy) => {
          // The same pair twice.
          const p = copy.batches.pending;
          [p.pairFirst[1], p.pairSecond[1]] = [p.pairFirst[0], p.pairSecond[0]];
        },
        `${pending}.pairFirst[1]`,
      ],
      [
        (copy) => {
          const p = copy.batches.pending;
          [p.pairFirstWins[0], p.pairSecondWins[0], p.pairDraws[0]] = [0, 0, 0];
        },
        `${pending}.pairDraws[0]`,
      ],
      [
        (copy) => {
          // A win moved from one side to the other: totals hold, datapoints' counts do not.
          const p = copy.batches.pending;
          const x = p.pairFirstWins[0] > 0 ? 'pairFirstWins' : 'pairSecondWins';
          const y = x === 'pairFirstWins' ? 'pairSecondWins' : 'pairFirstWins';
          p[x][0]--;
          p[y][0]++;
        },
        `${pending}.wins[0]`,
      ],
      [(copy) => delete copy.batches.pending.pairDraws, `${pending}.pairDraws`],
      [(copy) => (copy.batches.closed.scores[2] = 'high'), 'snapshot.batches.closed.scores[2]'],
      [(copy) => (copy.batches.closed.standardErrors[1] = 0), 'snapshot.batches.closed.standardErrors[1]'],
      [(copy) => copy.batches.closed.standardErrors.pop(), 'snapshot.batches.closed.standardErrors'],
      [(copy) => delete copy.batches.closed.scores, 'snapshot.batches.closed.scores'],
    ];
    for (const [edit, path] of cases) expectInputError(() => restoreRankingFlow(edited(snapshot, edit)), path);
    // An Elo flow's snapshot has none of these fields.
    const elo = edited(snapshot, (copy) => delete copy.config.scorer);
    expectInputError(() => restoreRankingFlow(elo), 'snapshot.batches.pending.pairs');
  });
});
