// Model-based property test: random sequences of issue / respond (with retries) /
// release, with bad calls mixed in, checked against a small model after every step.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RankingInputError, createRankingJob, createRankingJobDefinition, type Matchup, type RankingJob } from '../../src/index.js';
import { fingerprint, ids, stateFingerprint } from '../helpers.js';

type Outcome = 'left' | 'right' | 'draw';
type Operation =
  | { readonly kind: 'next'; readonly limit: number }
  | { readonly kind: 'respond'; readonly pick: number; readonly outcome: Outcome; readonly responseId: 'none' | 'fresh' | 'retry' }
  | { readonly kind: 'release'; readonly pick: number }
  | { readonly kind: 'bad'; readonly variant: number };

const BAD_VARIANTS = 17;

const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('next' as const), limit: fc.integer({ min: 1, max: 8 }) }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('respond' as const),
      pick: fc.nat(),
      outcome: fc.constantFrom<Outcome>('left', 'right', 'draw'),
      responseId: fc.constantFrom('none' as const, 'fresh' as const, 'retry' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bad' as const), variant: fc.nat({ max: BAD_VARIANTS - 1 }) }) },
);

const setup = fc.record({
  sizes: fc.array(fc.integer({ min: 2, max: 12 }), { minLength: 1, maxLength: 3 }),
  budget: fc.integer({ min: 1, max: 30 }),
  ratio: fc.constantFrom(0, 0.3, 1),
  responses: fc.integer({ min: 1, max: 3 }),
  aggregation: fc.constantFrom('majority' as const, 'allVotes' as const),
  pairing: fc.constantFrom('adaptive' as const, 'roundRobin' as const),
  initialRating: fc.integer({ min: -5000, max: 5000 }),
  kFactor: fc.integer({ min: 1, max: 100 }),
  seed: fc.string(),
  operations: fc.array(operation, { maxLength: 120 }),
});

interface Model {
  pending: Matchup[];
  completed: Map<string, Set<string>>;
  released: string[];
  votes: Map<string, number>;
  responseIds: Map<string, string[]>;
  completedCount: number;
  freshIds: number;
}

function expectRejected(call: () => unknown): void {
  expect(call).toThrow(RankingInputError);
}

// Applies a bad call to `job`; each must throw RankingInputError.
function applyBad(job: RankingJob, variant: number, model: Model): void {
  const pending = model.pending[0]?.id ?? 'm1';
  const completed = [...model.completed.keys()][0];
  const released = model.released[0];
  const calls: (() => unknown)[] = [
    () => job.nextMatchups(0),
    () => job.nextMatchups(-2),
    () => job.nextMatchups(1.5),
    () => job.nextMatchups(Number.NaN),
    () => job.nextMatchups('3' as never),
    () => job.recordResponse('m0', 'left'),
    () => job.recordResponse(pending, 'up' as never),
    () => job.recordResponse(pending, 'left', { responseId: 7 as never }),
    () => job.recordResponse(pending, 'left', { respId: 'x' } as never),
    () => job.recordResponse(42 as never, 'left'),
    () => job.releaseMatchup('nope'),
    () => job.releaseMatchup(completed ?? 'm-1'),
    () => job.recordResponse(completed ?? '__proto__', 'left', { responseId: 'never-used' }),
    () => job.recordResponse(released ?? 'constructor', 'left'),
    () => job.releaseMatchup(released ?? ''),
    () => job.recordResponse(pending, 'left', null as never),
    () => job.nextMatchups(2 ** 53),
  ];
  expectRejected(calls[variant]!);
}

function checkInvariants(job: RankingJob, model: Model, sizes: readonly number[], budget: number, initialRating: number): void {
  const progress = job.progress();
  expect(progress.pending).toBe(model.pending.length);
  expect(progress.completed).toBe(model.completedCount);
  expect(progress.budget).toBe(budget * sizes.length);
  expect(progress.pending + progress.completed + progress.available).toBe(progress.budget);
  expect(progress.remaining).toBe(progress.budget - progress.completed);
  expect(job.done).toBe(progress.completed === progress.budget);
  expect(job.pendingMatchups()).toEqual(model.pending);
  const results = job.results({ scorer: 'elo' });
  for (const [r, size] of sizes.entries()) {
    const ranking = progress.perRanking[r]!;
    // Budget is never exceeded, whatever the interleaving.
    expect(ranking.pending + ranking.completed).toBeLessThanOrEqual(budget);
    expect(ranking.available).toBeGreaterThanOrEqual(0);
    expect(ranking.fraction).toBe(ranking.completed / budget);
    const { entries, comparisons } = results[r]!;
    expect(comparisons).toBe(ranking.completed);
    // Zero-sum, exactly: integer initial rating and K keep every rating on the grid.
    expect(entries.reduce((sum, entry) => sum + entry.score, 0)).toBe(size * initialRating);
    expect(entries.reduce((sum, entry) => sum + entry.wins, 0)).toBe(entries.reduce((sum, entry) => sum + entry.losses, 0));
    expect(entries.reduce((sum, entry) => sum + entry.comparisons, 0)).toBe(2 * ranking.completed);
    expect(entries.every((entry) => Number.isFinite(entry.score))).toBe(true);
  }
}

describe('ranking job invariants under any interleaving', () => {
  it('keeps budget, zero-sum and response accounting exact, and bad calls change nothing', () => {
    fc.assert(
      fc.property(setup, (s) => {
        const definition = createRankingJobDefinition({
          name: 'model',
          instruction: 'pick one',
          datapoints: s.sizes.map((size, r) => ids(size, `r${r}-`)),
          comparisonBudgetPerRanking: s.budget,
          randomComparisonsRatio: s.ratio,
          responsesPerComparison: s.responses,
          voteAggregation: s.aggregation,
          pairing: s.pairing,
          elo: { initialRating: s.initialRating, kFactor: s.kFactor },
        });
        const job = createRankingJob(definition, { seed: s.seed });
        // The twin gets the same valid calls and none of the bad ones.
        const twin = createRankingJob(definition, { seed: s.seed });
        const model: Model = { pending: [], completed: new Map(), released: [], votes: new Map(), responseIds: new Map(), completedCount: 0, freshIds: 0 };

        for (const op of s.operations) {
          if (op.kind === 'bad') {
            const before = stateFingerprint(job);
            applyBad(job, op.variant, model);
            expect(stateFingerprint(job)).toBe(before);
          } else if (op.kind === 'next') {
            const issued = job.nextMatchups(op.limit);
            expect(twin.nextMatchups(op.limit)).toEqual(issued);
            expect(issued.length).toBeLessThanOrEqual(op.limit);
            model.pending.push(...issued);
          } else if (op.kind === 'release') {
            if (model.pending.length === 0) continue;
            const [matchup] = model.pending.splice(op.pick % model.pending.length, 1);
            job.releaseMatchup(matchup!.id);
            twin.releaseMatchup(matchup!.id);
            model.released.push(matchup!.id);
          } else {
            const everyAnswered = [...model.responseIds.entries()].filter(([, list]) => list.length > 0);
            if (op.responseId === 'retry' && everyAnswered.length > 0) {
              // A retried delivery of a response already recorded (pending or completed matchup): ignored.
              const [id, list] = everyAnswered[op.pick % everyAnswered.length]!;
              const responseId = list[op.pick % list.length]!;
              if (model.released.includes(id)) continue;
              const before = stateFingerprint(job);
              expect(job.recordResponse(id, op.outcome, { responseId })).toBe(false);
              expect(twin.recordResponse(id, op.outcome, { responseId })).toBe(false);
              expect(stateFingerprint(job)).toBe(before);
              continue;
            }
            if (model.pending.length === 0) continue;
            const index = op.pick % model.pending.length;
            const matchup = model.pending[index]!;
            const options = op.responseId === 'none' ? undefined : { responseId: `resp-${model.freshIds++}` };
            expect(job.recordResponse(matchup.id, op.outcome, options)).toBe(true);
            expect(twin.recordResponse(matchup.id, op.outcome, options)).toBe(true);
            if (options) model.responseIds.set(matchup.id, [...(model.responseIds.get(matchup.id) ?? []), options.responseId]);
            const votes = (model.votes.get(matchup.id) ?? 0) + 1;
            model.votes.set(matchup.id, votes);
            if (votes === s.responses) {
              model.pending.splice(index, 1);
              model.completed.set(matchup.id, new Set(model.responseIds.get(matchup.id)));
              model.completedCount++;
            }
          }
          checkInvariants(job, model, s.sizes, s.budget, s.initialRating);
          expect(stateFingerprint(twin)).toBe(stateFingerprint(job));
        }
        // Equal state gives equal results by every scorer, the posterior included.
        expect(fingerprint(twin)).toBe(fingerprint(job));
        // Bad calls did not touch the random stream either: both jobs go on identically.
        expect(job.nextMatchups(50)).toEqual(twin.nextMatchups(50));
      }),
      { numRuns: 1000 },
    );
    // A thousand random runs, each checked after every step: longer than the default limit.
  }, 180_000);
});
