// Hostile review of e41ca8e (the vote log keeps each response's sequence, outcome and
// labeler, and reads its matchup's ranking and datapoints from the ledger's row; a restore
// fills the rows of voted matchups from the snapshot's votes). The behaviour is unchanged:
// the public-API guards below pass on the parent commit's code (e41ca8e~1, run outside the
// checkout) as on e41ca8e, and the pinned hashes were computed with both (they agree). The
// ledger-row test is e41ca8e's own (the old restore left the rows of completed matchups 0).
// The one defect was in the docs: the memory per completed matchup with trimEvents was
// still given as the old 31 bytes (ledger 14 + vote 17; 32 measured) in README.md (twice),
// ARCHITECTURE.md and CHANGELOG.md, where bench/README.md measured 19.9 over a floor of 19
// (mended; the last test keeps them in step).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createRankingJob,
  createRankingJobDefinition,
  restoreRankingJob,
  type RankingJob,
  type RankingJobDefinitionInput,
  type RankingJobSnapshot,
} from '../../src/index.js';
import type { MatchupLedger } from '../../src/job/matchupLedger.js';
import { hashJsonValue } from '../../src/persistence/checksum.js';
import { stateFingerprint, xorshift32 } from '../helpers.js';

const OUTCOMES = ['left', 'right', 'draw'] as const;
const LABELERS = ['__proto__', 'ann', 'constructor', 'bo'];

interface Played {
  job: RankingJob;
  // Matchup id → ranking (null: validation) and datapoint ids, as nextMatchups issued it.
  issued: Map<string, { ranking: number | null; left: string; right: string }>;
  // Every accepted response, in order: matchup id, outcome, labeler id.
  accepted: [string, string, string | undefined][];
  restores: number;
}

// A job of the given shape played for `steps` random steps: issues, responses (labeler
// ids, retried response ids), releases and expiries of matchups that have votes,
// additions, and restores from the snapshot's JSON.
function play(seed: number, steps: number, shape: Partial<RankingJobDefinitionInput>): Played {
  const r = xorshift32(seed);
  const ttl = shape.matchupTtlMs !== undefined;
  const definition = createRankingJobDefinition({ name: 'review 6', instruction: 'Which?', datapoints: [['__proto__', 'a1', 'a2', 'a3', 'a4'], ['b0', 'b1', 'b2', 'b3']], comparisonBudgetPerRanking: 30, ...shape });
  let job = createRankingJob(definition, { seed });
  const issued: Played['issued'] = new Map();
  const accepted: Played['accepted'] = [];
  const open: string[] = [];
  let now = 0;
  let restores = 0;
  for (let step = 0; step < steps; step++) {
    now += Math.floor(r() * 25);
    const x = r();
    if (x < 0.25) {
      for (const m of job.nextMatchups(1 + Math.floor(r() * 4), ttl ? { now } : undefined)) {
        issued.set(m.id, { ranking: m.ranking, left: m.left, right: m.right });
        open.push(m.id);
      }
    } else if (x < 0.78 && open.length > 0) {
      const id = open[Math.floor(r() * open.length)]!;
      if (job.matchupStatus(id) !== 'pending') continue;
      const outcome = OUTCOMES[Math.floor(r() * 3)]!;
      const labelerId = r() < 0.75 ? LABELERS[Math.floor(r() * LABELERS.length)] : undefined;
      const responseId = r() < 0.3 ? `x${Math.floor(r() * 4)}` : undefined;
      try {
        if (job.recordResponse(id, outcome, { labelerId, responseId, ...(ttl ? { now } : {}) })) accepted.push([id, outcome, labelerId]);
      } catch {
        // expired by the clock: expireMatchups returns it later
      }
    } else if (x < 0.85 && open.length > 0) {
      const id = open[Math.floor(r() * open.length)]!;
      if (job.matchupStatus(id) === 'pending') job.releaseMatchup(id);
    } else if (x < 0.9) {
      job.expireMatchups(now);
    } else if (x < 0.93) {
      job.addDatapoints(Math.floor(r() * 2), [`s${seed}n${step}`], { extraBudget: 2 });
    } else {
      job = restoreRankingJob(JSON.parse(JSON.stringify(job.snapshot())));
      restores++;
    }
  }
  return { job, issued, accepted, restores };
}

const SHAPES: Partial<RankingJobDefinitionInput>[] = [
  { responsesPerComparison: 2, matchupTtlMs: 60 },
  { responsesPerComparison: 3, pairing: 'roundRobin' },
  { responsesPerComparison: {}, matchupTtlMs: 80, validation: { matchups: [{ left: 'g0', right: 'g1', answer: 'left' }, { left: 'a1', right: 'g1', answer: 'right' }], rate: 0.3 } },
  { responsesPerComparison: { minResponses: 2, maxResponses: 4 }, pairing: 'informationGain' },
  { responsesPerComparison: 1, pairing: 'sort', validation: { matchups: [{ left: 'g0', right: 'g1', answer: 'draw' }], rate: 0.2 }, voteAggregation: 'allVotes' },
];

// The job's ledger (private): its rows are what the votes read.
function ledgerOf(job: RankingJob): MatchupLedger {
  return (job as unknown as { ledger: MatchupLedger }).ledger;
}

// The validation pool's datapoint ids as votes index them (2k: matchup k's left, 2k + 1 its right).
function validationIds(snapshot: RankingJobSnapshot): string[] {
  return (snapshot.definition.validation?.matchups ?? []).flatMap((m) => [m.left, m.right]);
}

// Everything the votes feed, as JSON.
function readings(job: RankingJob): string {
  return JSON.stringify({
    perVote: job.comparisons({ perVote: true }),
    matchups: job.comparisons(),
    ranking0: job.comparisons({ ranking: 0, perVote: true }),
    labelers: job.labelers(),
    elo: job.results({ scorer: 'elo' }),
    posterior: job.results({ scorer: 'posterior', intervals: true }),
    bt: job.results({ scorer: 'bradleyTerry', intervals: true }),
    trust: job.results({ scorer: 'bradleyTerry', labelerWeights: 'trust', minTrust: 0.2 }),
    progress: job.progress(),
  });
}

describe('review 6: votes read their matchup from the ledger (e41ca8e)', () => {
  it('every vote of a snapshot names its matchup as issued, the outcome and labeler as given, in order, across restores', () => {
    let releasedOrExpiredWithVotes = 0;
    let restores = 0;
    SHAPES.forEach((shape, k) => {
      for (let seed = 1; seed <= 6; seed++) {
        const played = play(1000 * k + seed, 300, shape);
        restores += played.restores;
        const snapshot = played.job.snapshot();
        const { votes, statuses } = snapshot.matchups;
        expect(votes.sequences.length).toBe(played.accepted.length);
        const validation = validationIds(snapshot);
        const voted = new Set<number>();
        votes.sequences.forEach((sequence, i) => {
          const [id, outcome, labelerId] = played.accepted[i]!;
          expect(`m${sequence}`).toBe(id);
          const matchup = played.issued.get(id)!;
          expect(votes.rankings[i]).toBe(matchup.ranking === null ? -1 : matchup.ranking);
          const names = matchup.ranking === null ? validation : snapshot.definition.datapoints[matchup.ranking]!;
          // Added datapoints are not in the definition: compare those through the restored job's records below.
          if (votes.lefts[i]! < names.length) expect(names[votes.lefts[i]!]).toBe(matchup.left);
          if (votes.rights[i]! < names.length) expect(names[votes.rights[i]!]).toBe(matchup.right);
          expect(votes.outcomes[i]).toBe(outcome[0]);
          const labeler = votes.labelers[i]!;
          expect(labeler < 0 ? undefined : votes.labelerIds[labeler]).toBe(labelerId);
          const status = statuses[sequence - 1];
          if ((status === 'r' || status === 'e') && !voted.has(sequence)) releasedOrExpiredWithVotes++;
          voted.add(sequence);
        });
        // Per-vote records of completed matchups name the issued datapoints, added ones too.
        for (const record of played.job.comparisons({ perVote: true })) {
          const matchup = played.issued.get(record.matchupId)!;
          expect([record.ranking, record.left, record.right]).toEqual([matchup.ranking, matchup.left, matchup.right]);
        }
      }
    });
    // The cases the change is about were reached.
    expect(releasedOrExpiredWithVotes).toBeGreaterThan(20);
    expect(restores).toBeGreaterThan(50);
  });

  it('restore → snapshot is byte-identical, restored readings equal the live job’s, and both go on alike', () => {
    SHAPES.forEach((shape, k) => {
      for (let seed = 1; seed <= 4; seed++) {
        const { job } = play(2000 * (k + 1) + seed, 250, shape);
        const text = JSON.stringify(job.snapshot());
        const fromJson = restoreRankingJob(JSON.parse(text));
        const fromObject = restoreRankingJob(job.snapshot());
        expect(JSON.stringify(fromJson.snapshot())).toBe(text);
        expect(JSON.stringify(fromObject.snapshot())).toBe(text);
        const live = readings(job);
        expect(readings(fromJson)).toBe(live);
        expect(readings(fromObject)).toBe(live);
        // The same further calls on the live and the restored job.
        for (const target of [job, fromJson]) {
          const r = xorshift32(seed);
          let now = 10_000;
          for (let step = 0; step < 40; step++) {
            now += 7;
            target.expireMatchups(now);
            const pending = target.pendingMatchups();
            if (pending.length === 0 || r() < 0.3) target.nextMatchups(3, shape.matchupTtlMs === undefined ? undefined : { now });
            else target.recordResponse(pending[Math.floor(r() * pending.length)]!.id, (['left', 'right', 'draw'] as const)[Math.floor(r() * 3)]!, { labelerId: r() < 0.5 ? '__proto__' : 'new', ...(shape.matchupTtlMs === undefined ? {} : { now }) });
          }
          target.expireMatchups(now + 1000);
        }
        expect(stateFingerprint(fromJson)).toBe(stateFingerprint(job));
        expect(readings(fromJson)).toBe(readings(job));
      }
    });
  });

  it('a restored ledger holds, for every voted and every pending matchup, the row the live ledger had', () => {
    let checked = 0;
    SHAPES.forEach((shape, k) => {
      const { job } = play(3000 + k, 400, shape);
      const live = ledgerOf(job);
      const snapshot = job.snapshot();
      const rows = ledgerOf(restoreRankingJob(JSON.parse(JSON.stringify(snapshot))));
      const pending = job.pendingMatchups().map((m) => Number(m.id.slice(1)));
      for (const sequence of new Set([...snapshot.matchups.votes.sequences, ...pending])) {
        expect([rows.rankingOf(sequence), rows.leftOf(sequence), rows.rightOf(sequence)]).toEqual([live.rankingOf(sequence), live.leftOf(sequence), live.rightOf(sequence)]);
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(100);
  });


  // One round of the large workload: four matchups, each answered once, some then released
  // or left to expire, most answered again.
  function playRound(target: RankingJob, r: () => number, now: number): void {
    for (const m of target.nextMatchups(4, { now })) {
      const roll = r();
      target.recordResponse(m.id, roll < 0.5 ? 'left' : 'right', { labelerId: `l${Math.floor(roll * 5)}`, now });
      if (roll < 0.1) target.releaseMatchup(m.id);
      else if (roll < 0.85) target.recordResponse(m.id, 'draw', { now });
    }
    target.expireMatchups(now);
  }
  it('more than 1024 votes (restore reads them as typed arrays) and more than 2048 matchups (the ledger grows after restore)', () => {
    const definition = createRankingJobDefinition({ name: 'large', instruction: 'Which?', datapoints: [Array.from({ length: 40 }, (_, i) => `d${i}`)], comparisonBudgetPerRanking: 3000, responsesPerComparison: 2, matchupTtlMs: 50 });
    const job = createRankingJob(definition, { seed: 6 });
    const r = xorshift32(66);
    let now = 0;
    let restored: RankingJob | null = null;
    for (let round = 0; round < 700; round++) {
      now += 10;
      playRound(restored ?? job, r, now);
      if (round === 350) {
        const text = JSON.stringify(job.snapshot());
        restored = restoreRankingJob(JSON.parse(text));
        expect(JSON.stringify(restored.snapshot())).toBe(text);
        // Both go on from here with the same calls.
        expect(ledgerOf(restored).issued).toBeGreaterThan(1024);
      }
    }
    expect(restored).not.toBeNull();
    // Replay the second half on the live job, from the same generator state.
    const again = createRankingJob(definition, { seed: 6 });
    const r2 = xorshift32(66);
    now = 0;
    for (let round = 0; round < 700; round++) {
      now += 10;
      playRound(again, r2, now);
    }
    expect(ledgerOf(again).issued).toBeGreaterThan(2048);
    expect(again.snapshot().matchups.votes.sequences.length).toBeGreaterThan(4000);
    expect(JSON.stringify(restored!.snapshot())).toBe(JSON.stringify(again.snapshot()));
    expect(readings(restored!)).toBe(readings(again));
  });

  it('pinned: votes, comparisons, labelers and results of five played jobs (hashes computed with the parent commit’s code)', () => {
    const hashes = SHAPES.map((shape, k) => {
      const { job } = play(100 + k, 400, shape);
      const s = job.snapshot();
      return hashJsonValue({ votes: s.matchups.votes, statuses: s.matchups.statuses, perVote: job.comparisons({ perVote: true }), matchups: job.comparisons(), labelers: job.labelers(), bt: job.results({ scorer: 'bradleyTerry' }), posterior: job.results({ scorer: 'posterior', labelerWeights: 'trust' }) });
    });
    expect(hashes).toEqual(['0ccf7b7a4fa12c', '17e43d5d820cf9', '00451d2f4787f0', '0233204d1bc79b', '1f7c47f1d7b5b5']);
  });
});

describe('review 6: the docs’ bytes per completed matchup (e41ca8e, e518d0d)', () => {
  it('README, ARCHITECTURE and the CHANGELOG give the floor bench:limits uses (ledger 14 + vote 5), not the old 31', () => {
    const bench = readFileSync(new URL('../../bench/limits.bench.mjs', import.meta.url), 'utf8');
    const [, ledger, vote] = /const RETAINED_FLOOR = (\d+) \+ (\d+);/.exec(bench)!;
    const floor = Number(ledger) + Number(vote);
    expect(floor).toBe(19);
    const claims: string[] = [];
    for (const file of ['README.md', 'ARCHITECTURE.md', 'CHANGELOG.md']) {
      const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8').replace(/\s+/g, ' ');
      for (const match of text.matchAll(/about (\d+) bytes per completed matchup|each completed matchup \((\d+) bytes\)|about (\d+) once the app has stored its events/g)) {
        claims.push(`${file}: ${match[1] ?? match[2] ?? match[3]}`);
      }
    }
    expect(claims.length).toBeGreaterThan(0);
    // bench/README.md measured 19.9 with trimEvents: "about 20" would do as well.
    expect(claims.filter((claim) => Number(claim.split(': ')[1]) > floor + 1)).toEqual([]);
  });
});
