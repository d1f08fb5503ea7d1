import { describe, expect, it } from 'vitest';
import {
  LABELER_PRESETS,
  bradleyTerryLabeler,
  createLabeler,
  createRankingJob,
  createRankingJobDefinition,
  createRng,
  expectedScore,
  namedCrowdLabeler,
  sideClickerLabeler,
  simulateRankingJob,
  type Labeler,
  type Matchup,
} from '../../src/index.js';
import { answerUntilDone } from '../../src/simulation/simulateRankingJob.js';
import { apportionLabelers } from '../../src/simulation/namedCrowdLabeler.js';

const matchup = (left: string, right: string, id = 'm1'): Matchup => ({ id, ranking: 0, left, right, kind: 'random' });
const truth = new Map([['a', 1400], ['b', 1200], ['c', 1300], ['d', 1100]]);
const tolerance = (p: number, n: number) => 4.5 * Math.sqrt((p * (1 - p)) / n) + 1e-12;

describe('flip rate, side clickers', () => {
  it('flipRate turns the model around: P(left) = p + f(1 − 2p) after lapses', () => {
    const n = 100_000;
    for (const flipRate of [1, 0.3]) {
      const labeler = bradleyTerryLabeler(truth, { flipRate, lapseRate: 0.1 });
      const rng = createRng(`flip ${flipRate}`);
      let left = 0;
      for (let k = 0; k < n; k++) if (labeler(matchup('a', 'b'), rng) === 'left') left++;
      const p = expectedScore(1400, 1200);
      const expected = 0.05 + 0.9 * (p + flipRate * (1 - 2 * p));
      expect(Math.abs(left / n - expected)).toBeLessThan(tolerance(expected, n));
    }
  });

  it('specs without the new options answer exactly as before (answers recorded from the code before flipRate)', () => {
    // Recorded on 2026-12-03 from the previous src/simulation (HEAD 6cd5c96) with this loop.
    const ids = ['a', 'b', 'c', 'd'];
    const scores = new Map(ids.map((id, i) => [id, 1100 + 60 * i]));
    const answers = (labeler: Labeler) => {
      const rng = createRng('pinned labeler');
      return Array.from({ length: 60 }, (_, k) => {
        const right = (k + 1 + (k >> 2)) % 4 === k % 4 ? (k + 2) % 4 : (k + 1 + (k >> 2)) % 4;
        return labeler(matchup(ids[k % 4]!, ids[right]!, `m${k}`), rng)[0];
      }).join('');
    };
    expect(answers(createLabeler('crowd', scores))).toBe('rlrlllrllrllrlrlrrrlrlllrllrllllrrrlrlrllllllrrrrllrrrlllrll');
    expect(answers(createLabeler({ model: 'bradleyTerry', lapseRate: 0.2, drawRate: 0.1, positionBias: 30 }, scores))).toBe(
      'drldrlrdlrllrrlrllrlllllrlrlrrdlrrllrrllllllrldllllrlllrrllr',
    );
  });

  it('a side clicker clicks its side, lapses at random, and takes one draw per answer', () => {
    let draws = 0;
    const base = createRng('side');
    const counting = () => (draws++, base());
    const left = sideClickerLabeler();
    const right = createLabeler({ model: 'sideClicker', side: 'right' }, truth);
    for (let k = 0; k < 500; k++) {
      expect(left(matchup('a', 'b'), counting)).toBe('left');
      expect(right(matchup('b', 'a'), counting)).toBe('right');
    }
    expect(draws).toBe(1000);
    const lapsing = sideClickerLabeler({ lapseRate: 1 });
    const rng = createRng('lapse');
    const n = 20_000;
    let lefts = 0;
    for (let k = 0; k < n; k++) if (lapsing(matchup('a', 'b'), rng) === 'left') lefts++;
    expect(Math.abs(lefts / n - 0.5)).toBeLessThan(tolerance(0.5, n));
    expect(LABELER_PRESETS.leftClicker).toEqual({ model: 'sideClicker', name: 'leftClicker', side: 'left' });
  });
});

describe('named crowd', () => {
  it('splits the crowd by largest remainders and names labelers name-1, name-2, …', () => {
    expect(apportionLabelers([0.6, 0.3, 0.1], 50)).toEqual([30, 15, 5]);
    expect(apportionLabelers([1, 1, 1], 10)).toEqual([4, 3, 3]);
    expect(apportionLabelers([2, 1], 1)).toEqual([1, 0]);
    const crowd = createLabeler('namedCrowd', truth);
    const rng = createRng('ids');
    const seen = new Set<string>();
    for (let k = 0; k < 5000; k++) seen.add(crowd(matchup('a', 'b', `m${k}`), rng).labelerId);
    const expected = [
      ...Array.from({ length: 30 }, (_, i) => `careful-${i + 1}`),
      ...Array.from({ length: 15 }, (_, i) => `randomClicker-${i + 1}`),
      ...Array.from({ length: 5 }, (_, i) => `leftClicker-${i + 1}`),
    ];
    expect([...seen].sort()).toEqual(expected.sort());
  });

  it('never asks the same labeler twice about one matchup, takes one draw to pick plus the member’s, and answers as the member', () => {
    const calls: string[] = [];
    const tagged = (tag: string): Labeler => (_matchup, rng) => {
      rng();
      calls.push(tag);
      return tag === 'l' ? 'left' : 'right';
    };
    const crowd = namedCrowdLabeler(
      [
        { share: 1, labeler: tagged('l'), name: 'lefty' },
        { share: 1, labeler: tagged('r'), name: 'righty' },
      ],
      { labelers: 4 },
    );
    let draws = 0;
    const base = createRng('crowd draws');
    const counting = () => (draws++, base());
    for (let m = 0; m < 200; m++) {
      const answered = new Set<string>();
      for (let r = 0; r < 4; r++) {
        const { outcome, labelerId } = crowd(matchup('a', 'b', `m${m}`), counting);
        expect(answered.has(labelerId)).toBe(false);
        answered.add(labelerId);
        expect(outcome).toBe(labelerId.startsWith('lefty') ? 'left' : 'right');
      }
      // A fifth answer to the same matchup: everyone has answered, so anyone may answer again.
      crowd(matchup('a', 'b', `m${m}`), counting);
    }
    expect(draws).toBe(2 * 200 * 5);
    expect(calls).toHaveLength(1000);
  });

  it('gives every labeler about the same number of answers', () => {
    const crowd = createLabeler({ model: 'namedCrowd', labelers: 10, members: [{ share: 1, labeler: 'bt' }] }, truth);
    const rng = createRng('activity');
    const counts = new Map<string, number>();
    const n = 30_000;
    for (let k = 0; k < n; k++) {
      const { labelerId } = crowd(matchup('a', 'b', `m${k >> 1}`), rng);
      counts.set(labelerId, (counts.get(labelerId) ?? 0) + 1);
    }
    expect(counts.size).toBe(10);
    for (const count of counts.values()) expect(Math.abs(count / n - 0.1)).toBeLessThan(tolerance(0.1, n));
  });

  it('simulations record who answered, and named crowds run deterministically', () => {
    const ids = Array.from({ length: 8 }, (_, i) => `d${i}`);
    const definition = createRankingJobDefinition({ name: 'n', instruction: '?', datapoints: [ids], comparisonBudgetPerRanking: 30, responsesPerComparison: 3 });
    const scores = new Map(ids.map((id, i) => [id, 1000 + 50 * i]));
    const job = createRankingJob(definition, { seed: 1 });
    answerUntilDone(job, createLabeler('namedCrowd', scores), createRng('who'), 2);
    const votes = job.comparisons({ perVote: true });
    expect(votes).toHaveLength(90);
    for (const vote of votes) expect(vote.labelerId).toMatch(/^(careful|randomClicker|leftClicker)-\d+$/);
    for (let m = 0; m < 90; m += 3) expect(new Set(votes.slice(m, m + 3).map((vote) => vote.labelerId)).size).toBe(3);
    const once = simulateRankingJob(definition, { seed: 3, labeler: 'namedCrowd' });
    expect(simulateRankingJob(definition, { seed: 3, labeler: LABELER_PRESETS.namedCrowd })).toEqual(once);
  });
});
