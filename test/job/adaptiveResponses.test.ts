import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  createRankingJob,
  createRng,
  replayRankingJob,
  restoreRankingJob,
  simulateRankingJob,
  type AdaptiveResponsesParameters,
  type Matchup,
  type Outcome,
  type RankingJob,
  type RankingJobDefinition,
  type RankingJobSnapshot,
  type ValidationMatchupInput,
} from '../../src/index.js';
import {
  ResponseWeights,
  VERDICT,
  adaptiveScore,
  adaptiveVerdict,
  ambiguityBandLow,
  ambiguousProbability,
  leftPreferredProbability,
  validationWeight,
} from '../../src/job/adaptiveResponses.js';
import { regularizedIncompleteBeta } from '../../src/trust/betaDistribution.js';
import { definitionOf, expectInputError, ids, reseal, stateFingerprint } from '../helpers.js';

const DEFAULTS: AdaptiveResponsesParameters = { maxResponses: 100, minConfidence: 0.9, ambiguityThreshold: 0.64, minResponses: 1 };
const CODE: Record<Outcome, 0 | 1 | 2> = { left: 0, right: 1, draw: 2 };

// The rule's verdict after each response of `outcomes`, as the job tallies them (weight 1 each).
function verdicts(outcomes: readonly Outcome[], rule: AdaptiveResponsesParameters = DEFAULTS): number[] {
  const tally = [0, 0, 0];
  return outcomes.map((outcome, i) => {
    tally[CODE[outcome]]!++;
    return adaptiveVerdict(rule, i + 1, tally[0]!, tally[1]!, tally[2]!);
  });
}

describe('the stopping rule (Beta posterior, Jeffreys prior)', () => {
  it('gives the hand-computed posterior probabilities', () => {
    // Uniform prior, for reference: P(p > ½ | 3 left, 0 right) = 1 − 0.5⁴ under Beta(4, 1).
    expect(1 - regularizedIncompleteBeta(0.5, 4, 1)).toBeCloseTo(0.9375, 14);
    // Jeffreys, Beta(3/2, 1/2): with x = sin²θ, P(p < ½) = (π/4 − ½) / (π/2), so P(p > ½) = ½ + 1/π.
    expect(leftPreferredProbability(1, 0)).toBeCloseTo(0.5 + 1 / Math.PI, 13);
    // Beta(5/2, 1/2): ∫₀^{π/4} 2 sin⁴θ dθ / B(5/2, 1/2) = (3π/16 − ½) / (3π/8), so P(p > ½) = ½ + 4/(3π) ≈ 0.924.
    expect(leftPreferredProbability(2, 0)).toBeCloseTo(0.5 + 4 / (3 * Math.PI), 13);
    // Swapping the sides gives the complement; even evidence gives ½.
    expect(leftPreferredProbability(0, 2)).toBeCloseTo(0.5 - 4 / (3 * Math.PI), 13);
    expect(leftPreferredProbability(1.5, 1.5)).toBeCloseTo(0.5, 14);
    // The 20/80 band of 0.64, and Beta(3/2, 3/2) over it: F(x) = (2θ − sin 4θ / 2) / π at
    // θ = arcsin √x, sin 4θ = 0.96 at x = 0.2, so P(0.2 < p < 0.8) = 1 − (4 arcsin √0.2 − 0.96) / π ≈ 0.715.
    expect(ambiguityBandLow(0.64)).toBeCloseTo(0.2, 15);
    expect(ambiguousProbability(1, 1, 0.2)).toBeCloseTo(1 - (4 * Math.asin(Math.sqrt(0.2)) - 0.96) / Math.PI, 13);
  });

  it('calls a winner, an ambiguous pair or exhaustion at the responses the table says', () => {
    const { collecting, left, right, ambiguous, exhausted } = VERDICT;
    // Two agreeing responses: P = 0.924 ≥ 0.9. One is 0.818, not enough.
    expect(verdicts(['left', 'left'])).toEqual([collecting, left]);
    expect(verdicts(['right', 'right'])).toEqual([collecting, right]);
    // 4 to 1: 0.912 (3 to 1 is 0.840).
    expect(verdicts(['left', 'right', 'left', 'left', 'left'])).toEqual([collecting, collecting, collecting, collecting, left]);
    // 3 to 3: P(0.2 < p < 0.8) = 0.912 ≥ 0.9 (2 to 2 is 0.846), and six draws alike.
    expect(verdicts(['left', 'right', 'left', 'right', 'left', 'right'])).toEqual([0, 0, 0, 0, 0, ambiguous]);
    expect(verdicts(['draw', 'draw', 'draw', 'draw', 'draw', 'draw'])).toEqual([0, 0, 0, 0, 0, ambiguous]);
    // maxResponses ends it undecided; minResponses holds it open.
    expect(verdicts(['left', 'right', 'left'], { ...DEFAULTS, maxResponses: 3 })).toEqual([collecting, collecting, exhausted]);
    expect(verdicts(['left', 'left', 'left'], { ...DEFAULTS, minResponses: 3 })).toEqual([collecting, collecting, left]);
    expect(verdicts(['left'], { ...DEFAULTS, maxResponses: 1 })).toEqual([exhausted]);
    // A lower threshold calls the ambiguous pair sooner (0.36: a 10/90 band, P = 0.951 at 2 to 2).
    expect(verdicts(['left', 'right', 'left', 'right'], { ...DEFAULTS, ambiguityThreshold: 0.36 })).toEqual([0, 0, 0, ambiguous]);
  });

  it('is symmetric in the sides, to the bit', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom<Outcome>('left', 'right', 'draw'), { maxLength: 40 }), fc.double({ min: 0.51, max: 0.99, noNaN: true }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), (outcomes, minConfidence, ambiguityThreshold) => {
        const rule = { ...DEFAULTS, minConfidence, ambiguityThreshold };
        const mirrored = outcomes.map((o): Outcome => (o === 'left' ? 'right' : o === 'right' ? 'left' : 'draw'));
        const swap = (v: number) => (v === VERDICT.left ? VERDICT.right : v === VERDICT.right ? VERDICT.left : v);
        expect(verdicts(mirrored, rule)).toEqual(verdicts(outcomes, rule).map(swap));
      }),
      { numRuns: 200 },
    );
  });

  it('scores a completed matchup by its verdict (majority) or its share (allVotes)', () => {
    expect(adaptiveScore(VERDICT.left, 5, 1, 0, 'majority')).toBe(1);
    expect(adaptiveScore(VERDICT.right, 1, 5, 0, 'majority')).toBe(0);
    // Ambiguous: a draw, whatever the majority.
    expect(adaptiveScore(VERDICT.ambiguous, 4, 3, 0, 'majority')).toBe(0.5);
    expect(adaptiveScore(VERDICT.exhausted, 2, 1, 0, 'majority')).toBe(1);
    expect(adaptiveScore(VERDICT.exhausted, 1, 1, 1, 'majority')).toBe(0.5);
    expect(adaptiveScore(VERDICT.ambiguous, 4, 3, 1, 'allVotes')).toBe(4.5 / 8);
    expect(adaptiveScore(VERDICT.ambiguous, 0, 0, 0, 'allVotes')).toBe(0.5);
  });
});

describe('adaptive responses in the definition', () => {
  it('fill in the hosted service defaults, frozen, and leave integer definitions as they were', () => {
    const adaptive = definitionOf({ responsesPerComparison: {} });
    expect(adaptive.responsesPerComparison).toEqual(DEFAULTS);
    expect(Object.isFrozen(adaptive.responsesPerComparison)).toBe(true);
    expect(definitionOf({ responsesPerComparison: { minConfidence: 0.95, minResponses: 2 } }).responsesPerComparison).toEqual({ ...DEFAULTS, minConfidence: 0.95, minResponses: 2 });
    // A normalised adaptive definition survives JSON.
    expect(definitionOf(JSON.parse(JSON.stringify(adaptive)))).toEqual(adaptive);
    // Integer definitions keep their JSON (it is the default seed), key for key.
    const fixed = definitionOf({ responsesPerComparison: 3 });
    expect(fixed.responsesPerComparison).toBe(3);
    expect(JSON.stringify(fixed)).toBe(
      '{"name":"test job","instruction":"Which is better?","datapoints":[["d0","d1","d2","d3","d4","d5"]],"comparisonBudgetPerRanking":20,"randomComparisonsRatio":0.5,"responsesPerComparison":3,"voteAggregation":"majority","pairing":"adaptive","closeMatchCandidates":4,"matchupTtlMs":null,"elo":{"initialRating":1200,"kFactor":40,"scale":400},"posterior":{"priorSd":200,"noise":196.0195383056674},"stopWhen":null}',
    );
  });
});

// A labeler who prefers lower-numbered datapoints with probability 0.85.
function answer(matchup: Matchup, rng: () => number): Outcome {
  const better = Number(matchup.left.slice(1)) < Number(matchup.right.slice(1)) ? 'left' : 'right';
  return rng() < 0.85 ? better : better === 'left' ? 'right' : 'left';
}

describe('a job with adaptive responses', () => {
  it('completes each matchup when the rule says, and reports the responses used', () => {
    const job = createRankingJob(definitionOf({ datapoints: [ids(10)], comparisonBudgetPerRanking: 40, responsesPerComparison: {} }), { seed: 1 });
    const rng = createRng('answers');
    const used: number[] = [];
    while (!job.done) {
      const [matchup] = job.nextMatchups(1);
      let responses = 0;
      const tally = [0, 0, 0];
      do {
        const outcome = answer(matchup!, rng);
        job.recordResponse(matchup!.id, outcome, { labelerId: `l${responses % 5}` });
        tally[CODE[outcome]]!++;
        responses++;
        const verdict = adaptiveVerdict(DEFAULTS, responses, tally[0]!, tally[1]!, tally[2]!);
        // The job completes it exactly when the rule has a verdict.
        expect(job.matchupStatus(matchup!.id)).toBe(verdict === VERDICT.collecting ? 'pending' : 'completed');
      } while (job.matchupStatus(matchup!.id) === 'pending');
      used.push(responses);
      expectInputError(() => job.recordResponse(matchup!.id, 'left'), 'matchupId');
    }
    const total = used.reduce((a, b) => a + b, 0);
    expect(Math.min(...used)).toBe(2);
    expect(total).toBeGreaterThan(80);
    const progress = job.progress();
    expect(progress.responses).toBe(total);
    expect(progress.perRanking[0]!.responses).toBe(total);
    for (const scorer of ['posterior', 'bradleyTerry', 'elo'] as const) expect(job.results({ scorer })[0]!.responses).toBe(total);
    expect(job.comparisons({ perVote: true })).toHaveLength(total);
    expect(job.matchupStatus('m999')).toBe('unknown');
    expectInputError(() => job.matchupStatus(7 as never), 'matchupId');
  });

  it('counts an ambiguous pair as a draw under majority, and as its share under allVotes', () => {
    const split: Outcome[] = ['left', 'right', 'left', 'right', 'left', 'right'];
    for (const voteAggregation of ['majority', 'allVotes'] as const) {
      const job = createRankingJob(definitionOf({ voteAggregation, responsesPerComparison: {} }), { seed: 2 });
      const [matchup] = job.nextMatchups(1);
      // One more left than right after five: still open (3 to 2), ambiguous at 3 to 3.
      for (const outcome of split) job.recordResponse(matchup!.id, outcome);
      expect(job.matchupStatus(matchup!.id)).toBe('completed');
      const [record] = job.comparisons();
      const entry = job.results({ scorer: 'elo' })[0]!.entries.find((e) => e.datapoint === matchup!.left)!;
      expect(entry.draws).toBe(1);
      if (voteAggregation === 'majority') expect(record).toMatchObject({ outcome: 'draw' });
      else expect(job.comparisons().map((c) => c.weight)).toEqual([0.5, 0.5]);
    }
    // 4 to 3 ends ambiguous too (P = 0.912 in the band): a draw under majority, though left has more votes.
    const job = createRankingJob(definitionOf({ responsesPerComparison: { minResponses: 7 } }), { seed: 2 });
    const [matchup] = job.nextMatchups(1);
    for (const outcome of [...split, 'left'] as Outcome[]) job.recordResponse(matchup!.id, outcome);
    expect(job.comparisons()[0]).toMatchObject({ outcome: 'draw' });
  });

  it('reports responses with a fixed count too: pending and released ones in progress, completed ones in results', () => {
    const job = createRankingJob(definitionOf({ responsesPerComparison: 3 }), { seed: 3 });
    const [a, b, c] = job.nextMatchups(3);
    for (let i = 0; i < 3; i++) job.recordResponse(a!.id, 'left');
    job.recordResponse(b!.id, 'right');
    job.recordResponse(c!.id, 'right');
    job.releaseMatchup(c!.id);
    expect(job.progress()).toMatchObject({ responses: 5, perRanking: [{ responses: 5 }] });
    expect(job.results()[0]).toMatchObject({ comparisons: 1, responses: 3 });
    // And after a restore, counted from the votes.
    const restored = restoreRankingJob(JSON.parse(JSON.stringify(job.snapshot())));
    expect(restored.progress().responses).toBe(5);
    expect(restored.results({ scorer: 'elo' })[0]!.responses).toBe(3);
  });

  it('run in simulations, which answer each matchup until the job completes it', () => {
    const simulation = simulateRankingJob(definitionOf({ datapoints: [ids(12)], comparisonBudgetPerRanking: 30, responsesPerComparison: { maxResponses: 9 } }), { seed: 5, labeler: 'crowd' });
    const [ranking] = simulation.rankings;
    expect(ranking!.result.comparisons).toBe(30);
    // Nothing released: every response given is one of a completed matchup.
    expect(ranking!.result.responses).toBe(simulation.responses);
    expect(simulation.responses).toBeGreaterThanOrEqual(60);
    expect(simulation.responses).toBeLessThanOrEqual(270);
  });

  it('snapshot, restore and replay mid-matchup, and go on as the original does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 30 }),
        fc.record({ maxResponses: fc.integer({ min: 1, max: 9 }), minConfidence: fc.constantFrom(0.7, 0.9, 0.97), ambiguityThreshold: fc.constantFrom(0.3, 0.64, 0.9) }),
        fc.constantFrom('majority' as const, 'allVotes' as const),
        (seed, steps, rule, voteAggregation) => {
          const definition = definitionOf({ datapoints: [ids(7), ids(4, 'e')], comparisonBudgetPerRanking: 25, responsesPerComparison: rule, voteAggregation });
          const job = createRankingJob(definition, { seed });
          drive(job, steps, seed);
          const snapshot = JSON.parse(JSON.stringify(job.snapshot())) as RankingJobSnapshot;
          const restored = restoreRankingJob(snapshot);
          const replayed = replayRankingJob(definition, job.events(), { seed });
          expect(stateFingerprint(restored)).toBe(stateFingerprint(job));
          expect(stateFingerprint(replayed)).toBe(stateFingerprint(job));
          for (const copy of [job, restored, replayed]) drive(copy, 12, seed + 1);
          expect(stateFingerprint(restored)).toBe(stateFingerprint(job));
          expect(stateFingerprint(replayed)).toBe(stateFingerprint(job));
          expect(JSON.stringify(restored.comparisons())).toBe(JSON.stringify(job.comparisons()));
          expect(JSON.stringify(restored.results({ scorer: 'elo' }))).toBe(JSON.stringify(job.results({ scorer: 'elo' })));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('restore refuses votes the rule would have completed differently', () => {
    const job = createRankingJob(definitionOf({ responsesPerComparison: { maxResponses: 5 } }), { seed: 4 });
    const [done, open, dropped] = job.nextMatchups(3);
    job.recordResponse(done!.id, 'left', { responseId: 'x' });
    job.recordResponse(done!.id, 'left', { responseId: 'y' });
    job.recordResponse(open!.id, 'left');
    job.recordResponse(open!.id, 'right');
    job.recordResponse(dropped!.id, 'left');
    job.releaseMatchup(dropped!.id);
    const snapshot = job.snapshot();
    const edit = (change: (copy: Record<string, any>) => void): RankingJobSnapshot => {
      const copy = JSON.parse(JSON.stringify(snapshot));
      change(copy);
      return reseal(copy);
    };
    expect(stateFingerprint(restoreRankingJob(edit(() => {})))).toBe(stateFingerprint(job));
    const votes = snapshot.matchups.votes;
    // The second vote of `open` (a right) turned into a left: 2 to 0 completes it, yet it is pending.
    const openSecond = votes.sequences.lastIndexOf(2);
    const cases: [(copy: Record<string, any>) => void, string][] = [
      [(c) => {
        c.matchups.votes.outcomes = c.matchups.votes.outcomes.slice(0, openSecond) + 'l' + c.matchups.votes.outcomes.slice(openSecond + 1);
        c.matchups.pending[0].votes = { left: 2, right: 0, draw: 0 };
      }, 'snapshot.matchups.votes'],
      // `done` completed with only one of its two votes: the rule does not complete it at 1.
      [(c) => {
        const v = c.matchups.votes;
        for (const key of ['sequences', 'rankings', 'lefts', 'rights', 'labelers']) v[key].splice(1, 1);
        v.outcomes = v.outcomes.slice(0, 1) + v.outcomes.slice(2);
        c.nextEventSequence--;
      }, 'snapshot.matchups.votes'],
      // A third vote for `done` after the rule completed it.
      [(c) => {
        const v = c.matchups.votes;
        for (const [key, value] of [['sequences', 1], ['rankings', 0], ['lefts', v.lefts[0]], ['rights', v.rights[0]], ['labelers', -1]] as const) v[key].push(value);
        v.outcomes += 'r';
        c.nextEventSequence++;
      }, 'snapshot.matchups.votes.sequences[5]'],
      // More response ids than responses for the completed matchup.
      [(c) => c.matchups.completedResponseIds[0][1].push('z'), 'snapshot.matchups.completedResponseIds[0][1]'],
      // Pending with maxResponses votes already.
      [(c) => (c.matchups.pending[0].votes = { left: 3, right: 2, draw: 0 }), 'snapshot.matchups.pending[0].votes'],
    ];
    for (const [change, path] of cases) expectInputError(() => restoreRankingJob(edit(change)), path);
  });
});

// Issues and answers matchups in a seeded pattern until each completes or is released,
// with labelers, response ids, draws and a retried delivery now and then.
function drive(job: RankingJob, steps: number, seed: number): void {
  let k = seed;
  const next = () => (k = (k * 1103515245 + 12345) % 2147483648);
  for (let step = 0; step < steps && !job.done; step++) {
    const matchups = job.nextMatchups(1 + (k % 3));
    for (const matchup of matchups) {
      // Some are left pending with a response or two, for the snapshot to catch mid-matchup.
      const most = next() % 5 === 0 ? 1 + (k % 2) : 50;
      for (let r = 0; r < most && job.matchupStatus(matchup.id) === 'pending'; r++) {
        const action = next() % 11;
        if (action === 0) job.releaseMatchup(matchup.id);
        else {
          const outcome: Outcome = action === 1 ? 'draw' : action % 3 === 0 ? 'right' : 'left';
          job.recordResponse(matchup.id, outcome, { labelerId: `l${k % 4}`, responseId: `r${step}-${r}` });
          // A retried delivery changes nothing.
          if (action === 5) expect(job.recordResponse(matchup.id, outcome, { responseId: `r${step}-${r}` })).toBe(false);
        }
      }
    }
  }
}

// Validation pairs for trust-weighted stopping: gold ones outside the ranking, one inside, one draw.
const GOLD: ValidationMatchupInput[] = [
  { left: 'gold-a', right: 'gold-b', answer: 'left' },
  { left: 'gold-c', right: 'gold-d', answer: 'right' },
  { left: 'd0', right: 'd1', answer: 'left' },
  { left: 'gold-a', right: 'gold-c', answer: 'draw' },
];

// The known answer of a validation matchup as shown (its sides are drawn at random).
function goldAnswer(matchup: Matchup): Outcome {
  const pair = GOLD.find((p) => (p.left === matchup.left && p.right === matchup.right) || (p.left === matchup.right && p.right === matchup.left))!;
  if (pair.answer === 'draw' || pair.left === matchup.left) return pair.answer;
  return pair.answer === 'left' ? 'right' : 'left';
}

const wrongAnswer = (matchup: Matchup): Outcome => (goldAnswer(matchup) === 'left' ? 'right' : 'left');

// What a job's log says the rule did, recomputed here from the snapshot's votes: each
// labeler's validation record counted from scratch (answers before the response only),
// the weights from validationWeight, the verdict from adaptiveVerdict. Per matchup id: the
// response at which the rule completed it (0 if never) and its majority score.
function referenceRun(definition: RankingJobDefinition, snapshot: RankingJobSnapshot): Map<string, { completesAt: number; responses: number; score: number }> {
  const rule = definition.responsesPerComparison as AdaptiveResponsesParameters;
  const pairs = definition.validation?.matchups ?? [];
  const votes = snapshot.matchups.votes;
  const record = new Map<string, { right: number; wrong: number }>();
  const byMatchup = new Map<string, { tally: number[]; completesAt: number; responses: number; score: number }>();
  votes.sequences.forEach((sequence, i) => {
    const labelerId = votes.labelers[i]! < 0 ? undefined : votes.labelerIds[votes.labelers[i]!]!;
    const outcome = ({ l: 'left', r: 'right', d: 'draw' } as const)[votes.outcomes[i] as 'l' | 'r' | 'd'];
    const mine = labelerId === undefined ? undefined : record.get(labelerId);
    const weight = mine === undefined ? 1 : validationWeight(mine.right, mine.wrong);
    if (votes.rankings[i] === -1 && labelerId !== undefined) {
      const pair = pairs[votes.lefts[i]! >> 1]!;
      const swapped = votes.lefts[i]! % 2 === 1;
      const known = pair.answer === 'draw' || !swapped ? pair.answer : pair.answer === 'left' ? 'right' : 'left';
      const entry = mine ?? { right: 0, wrong: 0 };
      if (outcome === known) entry.right++;
      else entry.wrong++;
      record.set(labelerId, entry);
    }
    const id = `m${sequence}`;
    const matchup = byMatchup.get(id) ?? { tally: [0, 0, 0], completesAt: 0, responses: 0, score: Number.NaN };
    byMatchup.set(id, matchup);
    matchup.responses++;
    matchup.tally[CODE[outcome]]! += weight;
    if (matchup.completesAt > 0) return;
    const verdict = adaptiveVerdict(rule, matchup.responses, matchup.tally[0]!, matchup.tally[1]!, matchup.tally[2]!);
    if (verdict !== VERDICT.collecting) {
      matchup.completesAt = matchup.responses;
      matchup.score = adaptiveScore(verdict, matchup.tally[0]!, matchup.tally[1]!, matchup.tally[2]!, 'majority');
    }
  });
  return byMatchup;
}

// Issues matchups and answers them in a seeded pattern: a careful labeler, a liar (wrong on
// every validation matchup, left on the rest) and a coin flipper, interleaved, so validation
// answers arrive between the responses to ranking matchups; some left pending, some released.
function driveWithGold(job: RankingJob, steps: number, seed: number): void {
  let k = seed;
  const next = () => (k = (k * 1103515245 + 12345) % 2147483648);
  for (let step = 0; step < steps && !job.done; step++) {
    // The pending matchups, as every copy of the job lists them, topped up now and then.
    if (job.pendingMatchups().length < 3) job.nextMatchups(1 + (next() % 2));
    const open = job.pendingMatchups();
    if (open.length === 0) break;
    const matchup = open[next() % open.length]!;
    const who = next() % 3;
    const validation = matchup.kind === 'validation';
    const coin: Outcome = next() % 2 === 0 ? 'left' : 'right';
    const outcome: Outcome = who === 0 ? (validation ? goldAnswer(matchup) : Number(matchup.left.slice(1)) < Number(matchup.right.slice(1)) ? 'left' : 'right') : who === 1 ? (validation ? wrongAnswer(matchup) : 'left') : coin;
    if (next() % 23 === 0) job.releaseMatchup(matchup.id);
    else job.recordResponse(matchup.id, outcome, { labelerId: ['careful', 'liar', '__proto__'][who]!, responseId: `r${seed}-${step}` });
  }
}

describe('trust-weighted stopping (validation answers weigh the responses)', () => {
  it('weighs a labeler by its validation record: 1 without one or with a good one, towards 0 at chance', () => {
    expect(validationWeight(0, 0)).toBe(1);
    expect(validationWeight(1, 0)).toBe(1);
    expect(validationWeight(10, 1)).toBe(1);
    // A = 3 / 5.5: 3(2A − 1) = 3/11.
    expect(validationWeight(0, 1)).toBeCloseTo(3 / 11, 14);
    // A = 5 / 8.5 and 8 / 14.5 and 13 / 24.5.
    expect(validationWeight(2, 2)).toBeCloseTo(3 * (10 / 8.5 - 1), 14);
    expect(validationWeight(5, 5)).toBeCloseTo(3 * (16 / 14.5 - 1), 14);
    expect(validationWeight(10, 10)).toBeCloseTo(3 * (26 / 24.5 - 1), 14);
    // At or below chance with a long record, or a short bad one: 0 (A = 3 / 7.5 = 0.4 after 3 wrong).
    expect(validationWeight(0, 3)).toBe(0);
    expect(validationWeight(0, 2)).toBe(0);
    fc.assert(
      fc.property(fc.nat(200), fc.nat(200), (right, wrong) => {
        const w = validationWeight(right, wrong);
        expect(w).toBeGreaterThanOrEqual(0);
        expect(w).toBeLessThanOrEqual(1);
        // More right answers never lower it, more wrong ones never raise it.
        expect(validationWeight(right + 1, wrong)).toBeGreaterThanOrEqual(w);
        expect(validationWeight(right, wrong + 1)).toBeLessThanOrEqual(w);
      }),
      { numRuns: 300 },
    );
  });

  it('counts a validation answer from the next response on, by the side it was shown, and weighs 1 without validation', () => {
    const definition = definitionOf({ validation: { matchups: GOLD, rate: 0.5 } });
    const weights = new ResponseWeights(definition.validation);
    // Pair 0 shown as defined (left index 0): 'left' is right. Its own weight is the record before it.
    expect(weights.weigh(-1, 0, CODE.right, 'x')).toBe(1);
    expect(weights.weightOf('x')).toBeCloseTo(3 / 11, 14);
    // Pair 1 shown swapped (left index 3): its answer 'right' is shown as 'left'.
    weights.weigh(-1, 3, CODE.left, 'x');
    expect(weights.weightOf('x')).toBeCloseTo(validationWeight(1, 1), 14);
    // The draw pair (3) is right only as a draw, whichever way it is shown.
    weights.weigh(-1, 7, CODE.draw, 'x');
    weights.weigh(-1, 6, CODE.left, 'x');
    expect(weights.weightOf('x')).toBeCloseTo(validationWeight(2, 2), 14);
    // Ranking responses, and responses without a labeler, change nothing.
    expect(weights.weigh(0, 0, CODE.right, 'x')).toBeCloseTo(validationWeight(2, 2), 14);
    expect(weights.weigh(-1, 0, CODE.right, undefined)).toBe(1);
    expect(weights.weightOf('x')).toBeCloseTo(validationWeight(2, 2), 14);
    // Any id, __proto__ included, has a record of its own.
    weights.weigh(-1, 0, CODE.right, '__proto__');
    expect(weights.weightOf('__proto__')).toBeCloseTo(3 / 11, 14);
    expect(weights.weightOf('constructor')).toBe(1);
    // Without validation matchups every response weighs 1.
    const none = new ResponseWeights(undefined);
    for (let i = 0; i < 5; i++) expect(none.weigh(0, 1, CODE.right, 'x')).toBe(1);
  });

  it('a labeler whose validation answers are wrong no longer settles a pair; one without a record does', () => {
    const job = createRankingJob(definitionOf({ datapoints: [ids(8)], comparisonBudgetPerRanking: 30, responsesPerComparison: {}, validation: { matchups: GOLD, rate: 0.5 } }), { seed: 7 });
    const issued = job.nextMatchups(16);
    const gold = issued.filter((m) => m.kind === 'validation');
    const [pair] = issued.filter((m) => m.kind !== 'validation');
    expect(gold.length).toBeGreaterThanOrEqual(3);
    // Three wrong validation answers: A = 3 / 7.5, weight 0.
    for (const matchup of gold.slice(0, 3)) job.recordResponse(matchup.id, wrongAnswer(matchup), { labelerId: 'liar' });
    // Two agreeing responses settle a pair at weight 1 (0.924 ≥ 0.9); at weight 0 they are no evidence.
    job.recordResponse(pair!.id, 'left', { labelerId: 'liar' });
    job.recordResponse(pair!.id, 'left', { labelerId: 'liar' });
    expect(job.matchupStatus(pair!.id)).toBe('pending');
    job.recordResponse(pair!.id, 'right', { labelerId: 'ann' });
    job.recordResponse(pair!.id, 'right', { labelerId: 'ann' });
    expect(job.matchupStatus(pair!.id)).toBe('completed');
    // The job scores it by the weighted votes: 2 to 0 for the right side (2 to 2 unweighted).
    const record = job.comparisons().find((c) => c.matchupId === pair!.id)!;
    expect(record.outcome).toBe('right');
    const eloRight = job.results({ scorer: 'elo' })[0]!.entries.find((e) => e.datapoint === pair!.right)!;
    expect(eloRight.wins).toBe(1);
    // Restored and replayed, the job agrees.
    const restored = restoreRankingJob(JSON.parse(JSON.stringify(job.snapshot())));
    expect(stateFingerprint(restored)).toBe(stateFingerprint(job));
    expect(JSON.stringify(restored.comparisons())).toBe(JSON.stringify(job.comparisons()));
  });

  it('completes every matchup where the log-weighted rule says, through snapshot, restore and replay mid-run', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 60 }),
        fc.record({ maxResponses: fc.integer({ min: 2, max: 9 }), minConfidence: fc.constantFrom(0.7, 0.9, 0.97), ambiguityThreshold: fc.constantFrom(0.3, 0.64, 0.9) }),
        fc.constantFrom('majority' as const, 'allVotes' as const),
        (seed, steps, rule, voteAggregation) => {
          const definition = definitionOf({ datapoints: [ids(7)], comparisonBudgetPerRanking: 30, responsesPerComparison: rule, voteAggregation, validation: { matchups: GOLD, rate: 0.3 } });
          const job = createRankingJob(definition, { seed });
          driveWithGold(job, steps, seed);
          const snapshot = JSON.parse(JSON.stringify(job.snapshot())) as RankingJobSnapshot;
          const restored = restoreRankingJob(snapshot);
          const replayed = replayRankingJob(definition, job.events(), { seed });
          expect(stateFingerprint(restored)).toBe(stateFingerprint(job));
          expect(stateFingerprint(replayed)).toBe(stateFingerprint(job));
          for (const copy of [job, restored, replayed]) driveWithGold(copy, 40, seed + 1);
          expect(stateFingerprint(restored)).toBe(stateFingerprint(job));
          expect(stateFingerprint(replayed)).toBe(stateFingerprint(job));
          expect(JSON.stringify(restored.comparisons())).toBe(JSON.stringify(job.comparisons()));
          expect(JSON.stringify(replayed.results({ scorer: 'elo' }))).toBe(JSON.stringify(job.results({ scorer: 'elo' })));
          // Every completion and every majority outcome is the reference's.
          const reference = referenceRun(definition, job.snapshot());
          for (const [id, expected] of reference) {
            const status = job.matchupStatus(id);
            if (expected.completesAt > 0) {
              expect(status).toBe('completed');
              expect(expected.responses).toBe(expected.completesAt);
            } else expect(status).not.toBe('completed');
          }
          if (voteAggregation === 'majority') {
            for (const record of job.comparisons()) {
              const { score } = reference.get(record.matchupId)!;
              expect(record.outcome).toBe(score > 0.5 ? 'left' : score < 0.5 ? 'right' : 'draw');
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
