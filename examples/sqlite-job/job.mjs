// The ranking job the worker runs, and its simulated labeler. Shared by the worker and
// its crash test, so an uninterrupted run can be compared with an interrupted one.
import { createRankingJobDefinition, createRng, expectedScore } from 'pairwise-elo';

/** The job: three independent rankings, two responses per matchup, a 200 ms time limit. */
export const definition = createRankingJobDefinition({
  name: 'SQLite worker example',
  instruction: 'Which photo is sharper?',
  datapoints: [
    Array.from({ length: 8 }, (_, i) => `photo-${i}`),
    Array.from({ length: 6 }, (_, i) => `sketch-${i}`),
    ['__proto__', 'constructor', 'toString', '🐇'],
  ],
  comparisonBudgetPerRanking: 30,
  randomComparisonsRatio: 0.5,
  responsesPerComparison: 2,
  matchupTtlMs: 200,
});

/** The job's seed. */
export const seed = 'sqlite-worker-example';

/**
 * The simulated crowd. Every datapoint has a hidden true score; the k-th response to a
 * matchup picks a side with Bradley–Terry probabilities, from a generator seeded by the
 * matchup id and k, so the same matchup always gets the same answers. One matchup in
 * eight is abandoned: nobody answers it, and it expires. One response in five is
 * delivered twice, as message queues do.
 */
export const labeler = {
  abandons(matchup) {
    return createRng(`abandon/${matchup.id}`)() < 0.125;
  },
  /** Whether the queue delivers this response a second time (one in five). */
  deliversTwice(response) {
    return createRng(`twice/${response.responseId}`)() < 0.2;
  },
  answer(matchup, k) {
    const truth = (id) => 1200 + 300 * (createRng(`truth/${id}`)() - 0.5);
    const p = expectedScore(truth(matchup.left), truth(matchup.right));
    return createRng(`answer/${matchup.id}/${k}`)() < p ? 'left' : 'right';
  },
};
