import { describe, expect, it } from 'vitest';
import {
  DEFAULT_THURSTONE_NOISE,
  createLabeler,
  createRankingJob,
  createRankingJobDefinition,
  createRng,
  generateTrueScores,
  replayRankingJob,
  restoreRankingJob,
  type Labeler,
  type Pairing,
  type Progress,
  type RankingJob,
  type RankingJobDefinition,
} from '../../src/index.js';
import { definitionOf, expectInputError, fingerprint, ids } from '../helpers.js';

// Budget accounting with stopWhen: what nextMatchups can still hand out, plus what the
// settled rankings saved, plus pending and completed, is the budget; done means every
// unit is completed or saved.
function expectAccounting(job: RankingJob): Progress {
  const progress = job.progress();
  for (const ranking of [...progress.perRanking, progress]) {
    expect(ranking.pending + ranking.completed + ranking.available + ranking.saved).toBe(ranking.budget);
    expect(ranking.available).toBeGreaterThanOrEqual(0);
    expect(ranking.saved).toBeGreaterThanOrEqual(0);
  }
  for (const ranking of progress.perRanking) {
    if (ranking.settled) expect(ranking.available).toBe(0);
    else expect(ranking.saved).toBe(0);
  }
  expect(progress.saved).toBe(progress.perRanking.reduce((sum, ranking) => sum + ranking.saved, 0));
  expect(job.done).toBe(progress.completed + progress.saved === progress.budget);
  return progress;
}

// Ranking 0 is easy: four datapoints 2000 points apart (at the default noise of 196 an
// upset between neighbours has probability Φ(−2000 / 277) < 1e-12), in an order that
// depends on the seed. Ranking 1 is hard: four within a few points of each other
// (generateTrueScores, spread 5). 'far' and 'new' are for datapoints added later.
function easyAndHard(seed: number, budget = 100): { definition: RankingJobDefinition; labeler: Labeler; rng: () => number; easy: string[] } {
  const shuffle = createRng(`${seed}/easy`);
  const easy = ids(4);
  for (let i = easy.length - 1; i > 0; i--) {
    const j = Math.floor(shuffle() * (i + 1));
    [easy[i], easy[j]] = [easy[j]!, easy[i]!];
  }
  // easy[0] is the best.
  const easyScores = easy.map((id, i): [string, number] => [id, 1200 + 3000 - 2000 * i]);
  const hard = generateTrueScores(ids(4, 'h'), { spread: 5 }, createRng(`${seed}/hard`));
  return {
    definition: definitionOf({ datapoints: [ids(4), ids(4, 'h')], comparisonBudgetPerRanking: budget, stopWhen: { confidence: 0.9 } }),
    labeler: createLabeler('thurstone', new Map([...easyScores, ...hard, ['far', 50_000], ['new', 1200]])),
    rng: createRng(`${seed}/labeler`),
    easy,
  };
}

// Answers one matchup at a time until ranking 0 is settled, checking the accounting after each.
function untilEasySettles(job: RankingJob, labeler: Labeler, rng: () => number): void {
  while (!job.progress().perRanking[0]!.settled) {
    const [matchup] = job.nextMatchups();
    expect(matchup).toBeDefined();
    job.recordResponse(matchup!.id, labeler(matchup!, rng));
    expectAccounting(job);
  }
}

describe('definition.stopWhen', () => {
  it('is validated: confidence in (0.5, 1), top a positive integer, no other keys', () => {
    const base = { name: 'n', instruction: 'i', datapoints: [ids(3)], comparisonBudgetPerRanking: 5 };
    const define = (stopWhen: unknown) => () => createRankingJobDefinition({ ...base, stopWhen: stopWhen as never });
    for (const confidence of [0.49, 0.5, 1, 1.5, -0.9, Number.NaN, '0.9', null, undefined]) expectInputError(define({ confidence }), 'stopWhen.confidence');
    expectInputError(define({ top: 2 }), 'stopWhen.confidence');
    for (const top of [0, -1, 1.5, '3', Number.POSITIVE_INFINITY]) expectInputError(define({ confidence: 0.9, top }), 'stopWhen.top');
    expectInputError(define({ confidence: 0.9, bottom: 2 }), 'stopWhen.bottom');
    expectInputError(define({ confidence: 0.9, Top: 2 }), 'stopWhen.Top');
    for (const notAnObject of [0.9, 'yes', [0.9], true]) expectInputError(define(notAnObject), 'stopWhen');
    // Allowed: just above ½ (at ½ a ranking nothing is known about would count as settled), top omitted or null, and no stopWhen at all.
    expect(createRankingJobDefinition({ ...base, stopWhen: { confidence: 0.501 } }).stopWhen).toEqual({ confidence: 0.501, top: null });
    expect(createRankingJobDefinition({ ...base, stopWhen: { confidence: 0.999, top: null } }).stopWhen).toEqual({ confidence: 0.999, top: null });
    expect(createRankingJobDefinition({ ...base, stopWhen: { confidence: 0.9, top: 2 } }).stopWhen).toEqual({ confidence: 0.9, top: 2 });
    expect(createRankingJobDefinition({ ...base, stopWhen: null }).stopWhen).toBeNull();
    expect(createRankingJobDefinition(base).stopWhen).toBeNull();
    // The error says what is allowed.
    expect(define({ confidence: 1 })).toThrow(/\(0\.5, 1\)/);
  });

  it('settles a ranking with an easy truth before its budget: it saves the rest, and the other ranking goes on', () => {
    for (let seed = 0; seed < 5; seed++) {
      const { definition, labeler, rng, easy: trueOrder } = easyAndHard(seed);
      const job = createRankingJob(definition, { seed });
      untilEasySettles(job, labeler, rng);
      const settledAt = expectAccounting(job);
      const easy = settledAt.perRanking[0]!;
      // Measured: settled after 38–74 of its 100 matchups over seeds 0–4.
      expect(easy.completed).toBeLessThan(easy.budget);
      expect(easy.saved).toBe(easy.budget - easy.completed - easy.pending);
      expect(easy.saved).toBeGreaterThan(0);
      expect(settledAt.saved).toBe(easy.saved);
      expect(settledAt.perRanking[1]!.settled).toBe(false);
      // From here on every matchup goes to the hard ranking, until its budget is spent.
      while (!job.done) {
        const issued = job.nextMatchups(3);
        expect(issued.length).toBeGreaterThan(0);
        for (const matchup of issued) {
          expect(matchup.ranking).toBe(1);
          job.recordResponse(matchup.id, labeler(matchup, rng));
        }
        expectAccounting(job);
      }
      const final = expectAccounting(job);
      expect(final.perRanking[0]!.settled).toBe(true);
      expect(final.perRanking[1]!.completed).toBe(100);
      expect(final.completed).toBeLessThan(final.budget);
      expect(final.saved).toBe(final.budget - final.completed);
      expect(job.nextMatchups(5)).toEqual([]);
      // The settled order is the true one.
      expect(job.results()[0]!.entries.map((entry) => entry.datapoint)).toEqual(trueOrder);
    }
  });

  it('without stopWhen the same job spends its whole budget', () => {
    const { definition, labeler, rng } = easyAndHard(0);
    const job = createRankingJob(createRankingJobDefinition({ ...definition, stopWhen: null }), { seed: 0 });
    while (!job.done) for (const matchup of job.nextMatchups(4)) job.recordResponse(matchup.id, labeler(matchup, rng));
    expect(job.progress()).toMatchObject({ completed: 200, saved: 0 });
    expect(job.progress().perRanking.every((ranking) => !ranking.settled)).toBe(true);
  });

  it('a pending matchup of a settled ranking still takes its answer; released, its unit is saved', () => {
    const { definition, labeler, rng } = easyAndHard(1);
    const job = createRankingJob(createRankingJobDefinition({ ...definition, datapoints: [definition.datapoints[0]!] }), { seed: 1 });
    // Four in flight, the oldest answered each time, so the ranking settles with matchups out.
    while (!job.progress().perRanking[0]!.settled) {
      job.nextMatchups(4 - job.pendingMatchups().length);
      const [oldest] = job.pendingMatchups();
      job.recordResponse(oldest!.id, labeler(oldest!, rng));
      expectAccounting(job);
    }
    const pending = job.pendingMatchups();
    expect(pending.length).toBe(3);
    const before = expectAccounting(job);
    expect(job.nextMatchups(4)).toEqual([]);
    job.releaseMatchup(pending[0]!.id);
    const released = expectAccounting(job);
    expect(released.saved).toBe(before.saved + 1);
    expect(released.pending).toBe(before.pending - 1);
    expect(released.available).toBe(0);
    job.releaseMatchup(pending[1]!.id);
    expect(expectAccounting(job).saved).toBe(before.saved + 2);
    // An answer completes as usual. It may unsettle the order (a win moves both sides, and
    // can close the gap to a third datapoint): then the saved units are available again.
    job.recordResponse(pending[2]!.id, labeler(pending[2]!, rng));
    const answered = expectAccounting(job);
    expect(answered.completed).toBe(before.completed + 1);
    expect(answered.pending).toBe(0);
    expect(answered.saved).toBe(answered.perRanking[0]!.settled ? before.saved + 2 : 0);
    expect(job.done).toBe(answered.perRanking[0]!.settled);
  });

  it('datapoints added to a settled ranking unsettle it, unless they cannot change the order', () => {
    const { definition, labeler, rng } = easyAndHard(2);
    const job = createRankingJob(definition, { seed: 2 });
    untilEasySettles(job, labeler, rng);
    const settled = expectAccounting(job);
    // Far above everyone (its prior sd is 200): the order stays settled, and the extra budget is saved too.
    job.addDatapoints(0, ['far'], { extraBudget: 7, initialRating: 50_000 });
    const far = expectAccounting(job);
    expect(far.perRanking[0]!.settled).toBe(true);
    expect(far.perRanking[0]!.saved).toBe(settled.perRanking[0]!.saved + 7);
    expect(job.results()[0]!.entries[0]!.datapoint).toBe('far');
    // One at the starting rating could sit anywhere: unsettled, its unissued budget available again.
    job.addDatapoints(0, ['new'], { extraBudget: 5 });
    const unsettled = expectAccounting(job);
    const ranking = unsettled.perRanking[0]!;
    expect(ranking.settled).toBe(false);
    expect(ranking.saved).toBe(0);
    expect(ranking.available).toBe(ranking.budget - ranking.completed - ranking.pending);
    expect(unsettled.saved).toBe(0);
    // And it takes matchups again (the budget queue goes to the ranking with the smaller share taken).
    const issued: number[] = [];
    for (let k = 0; k < 30 && !job.done; k++) {
      const [matchup] = job.nextMatchups();
      issued.push(matchup!.ranking!);
      job.recordResponse(matchup!.id, labeler(matchup!, rng));
      expectAccounting(job);
    }
    expect(issued).toContain(0);
  });

  describe('settled and saved survive persistence', () => {
    // Halfway: ranking 0 settled with matchups in flight, ranking 1 still going.
    function halfway(pairing: Pairing) {
      const { definition: base, labeler, rng } = easyAndHard(3, 200);
      const definition = createRankingJobDefinition({ ...base, pairing });
      const seed = `stop-persist-${pairing}`;
      const job = createRankingJob(definition, { seed });
      while (!job.progress().perRanking[0]!.settled) {
        job.nextMatchups(Math.max(1, 5 - job.pendingMatchups().length));
        const [oldest] = job.pendingMatchups();
        job.recordResponse(oldest!.id, labeler(oldest!, rng));
      }
      expect(job.progress().saved).toBeGreaterThan(0);
      expect(job.pendingMatchups().length).toBeGreaterThan(0);
      return { definition, seed, job, labeler, rng };
    }

    function expectSameToTheEnd(job: RankingJob, copy: RankingJob, labeler: Labeler, rng: () => number): void {
      expect(copy.progress()).toEqual(job.progress());
      expect(copy.done).toBe(job.done);
      expect(fingerprint(copy)).toBe(fingerprint(job));
      while (!job.done) {
        const matchups = job.nextMatchups(2);
        expect(copy.nextMatchups(2)).toEqual(matchups);
        for (const matchup of job.pendingMatchups()) {
          const outcome = labeler(matchup, rng);
          job.recordResponse(matchup.id, outcome);
          copy.recordResponse(matchup.id, outcome);
        }
        expect(copy.progress()).toEqual(job.progress());
      }
      expect(copy.done).toBe(true);
      expect(fingerprint(copy)).toBe(fingerprint(job));
    }

    for (const pairing of ['adaptive', 'informationGain', 'roundRobin'] as const) {
      it(`snapshot → JSON → restore, ${pairing} pairing`, () => {
        const { job, labeler, rng } = halfway(pairing);
        expectSameToTheEnd(job, restoreRankingJob(JSON.parse(JSON.stringify(job.snapshot()))), labeler, rng);
      });

      it(`replay of the event log, ${pairing} pairing`, () => {
        const { definition, seed, job, labeler, rng } = halfway(pairing);
        expectSameToTheEnd(job, replayRankingJob(definition, JSON.parse(JSON.stringify(job.events())), { seed }), labeler, rng);
      });
    }
  });

  it("keeps each pairing's own kinds of matchup: stopWhen only decides when a ranking stops", () => {
    // The kinds a pairing issues without stopWhen (test/job/selection.test.ts and
    // informationGain.test.ts) must not change when stopWhen is added.
    const kindsOf: Record<Pairing, readonly string[]> = {
      adaptive: ['random', 'close'],
      informationGain: ['random', 'informationGain'],
      roundRobin: ['roundRobin'],
      sort: ['sort', 'informationGain', 'random'],
    };
    for (const pairing of ['adaptive', 'informationGain', 'roundRobin', 'sort'] as const) {
      for (const stopWhen of [null, { confidence: 0.99 }]) {
        const job = createRankingJob(definitionOf({ datapoints: [ids(30)], comparisonBudgetPerRanking: 400, pairing, stopWhen }), { seed: 6 });
        const kinds = [...new Set(job.nextMatchups(400).map((matchup) => matchup.kind))];
        const foreign = kinds.filter((kind) => !kindsOf[pairing].includes(kind));
        expect(foreign, `${pairing} pairing with stopWhen ${JSON.stringify(stopWhen)} issued ${kinds.join(', ')}`).toEqual([]);
      }
    }
  });

  describe('is calibrated: among settled rankings, the order (or top k) is right at least `confidence` of the time', () => {
    // Truths drawn from the model's own prior (normal, sd 200 around 1200, the defaults
    // of generateTrueScores and of the posterior) and answered by a Thurstone labeler with
    // the model's noise. Under the model the rule promises P(right | answers) ≥ confidence
    // when it stops, so the share right among stopped rankings should be at least
    // confidence. The check is one-sided binomial: it fails when the share falls more than
    // 2.33 standard errors (√(c(1 − c)/settled)) below c, which a rule that keeps its
    // promise does less than 1% of the time. Measured (40 jobs of 50 rankings each):
    //   4 datapoints, whole order, 0.8:       853 settled, 92.1% right
    //   6 datapoints, top 1, 0.8:            1604 settled, 93.0% right
    //   4 datapoints, whole order, 0.9:       397 settled, 98.5% right
    //   5 datapoints, top 2, 0.9, adaptive:   445 settled, 98.0% right
    // The rule is checked on the joint posterior that results() reports, covariances
    // included, and the union bound leaves some slack: the shares sit above the confidence.
    expect(DEFAULT_THURSTONE_NOISE).toBeCloseTo(createRankingJobDefinition({ name: 'n', instruction: 'i', datapoints: [ids(2)], comparisonBudgetPerRanking: 1 }).posterior.noise, 9);
    const configurations = [
      { n: 4, confidence: 0.8, top: null, pairing: 'informationGain' },
      { n: 6, confidence: 0.8, top: 1, pairing: 'informationGain' },
      { n: 4, confidence: 0.9, top: null, pairing: 'informationGain' },
      { n: 5, confidence: 0.9, top: 2, pairing: 'adaptive' },
    ] as const;
    for (const { n, confidence, top, pairing } of configurations) {
      it(`${n} datapoints, ${top === null ? 'whole order' : `top ${top}`}, confidence ${confidence}, ${pairing} pairing`, () => {
        let settled = 0;
        let right = 0;
        for (let seed = 0; seed < 40; seed++) {
          const truths = Array.from({ length: 50 }, (_, r) => generateTrueScores(ids(n, `r${r}-`), {}, createRng(`c${seed}-${r}`)));
          const labeler = createLabeler('thurstone', new Map(truths.flatMap((truth) => [...truth])));
          const rng = createRng(`l${seed}`);
          const job = createRankingJob(
            createRankingJobDefinition({
              name: 'calibration',
              instruction: 'which is better?',
              datapoints: truths.map((truth) => [...truth.keys()]),
              comparisonBudgetPerRanking: 300,
              pairing,
              stopWhen: { confidence, top },
            }),
            { seed },
          );
          while (!job.done) for (const matchup of job.nextMatchups(8)) job.recordResponse(matchup.id, labeler(matchup, rng));
          const results = job.results();
          job.progress().perRanking.forEach((ranking, r) => {
            if (!ranking.settled) return;
            settled++;
            const truth = truths[r]!;
            const k = top ?? n;
            const trueOrder = [...truth.keys()].sort((a, b) => truth.get(b)! - truth.get(a)!).slice(0, k);
            if (results[r]!.entries.slice(0, k).every((entry, i) => entry.datapoint === trueOrder[i])) right++;
          });
        }
        // Enough settled rankings for the check to mean something: the margin is then at most 0.05.
        expect(settled).toBeGreaterThanOrEqual(300);
        const margin = 2.33 * Math.sqrt((confidence * (1 - confidence)) / settled);
        expect(right / settled).toBeGreaterThanOrEqual(confidence - margin);
      });
    }
  });
});
