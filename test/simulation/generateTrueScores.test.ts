import { describe, expect, it } from 'vitest';
import { TRUE_SCORE_DISTRIBUTIONS, createRng, generateTrueScores } from '../../src/index.js';
import { deepFreeze, expectInputError, ids } from '../helpers.js';

function meanAndSd(values: number[]) {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
  return { mean, sd: Math.sqrt(variance) };
}

describe('generateTrueScores', () => {
  const n = 40_000;

  it.each(TRUE_SCORE_DISTRIBUTIONS)('%s has the asked mean and standard deviation', (distribution) => {
    const scores = [...generateTrueScores(ids(n), { distribution, spread: 150, center: 1000 }, createRng(distribution)).values()];
    const { mean, sd } = meanAndSd(scores);
    // The mean's standard error is 150/√40000 = 0.75; tolerance 4.5 of them. The sd's relative error is below 2% for these shapes.
    expect(Math.abs(mean - 1000)).toBeLessThan(3.4);
    expect(Math.abs(sd / 150 - 1)).toBeLessThan(0.02);
  });

  it('shapes differ as documented', () => {
    const of = (distribution: (typeof TRUE_SCORE_DISTRIBUTIONS)[number]) =>
      [...generateTrueScores(ids(n), { distribution, spread: 1, center: 0 }, createRng(1)).values()];
    // Uniform stays within ±√3 sd.
    expect(Math.max(...of('uniform').map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(3));
    // Long tail: skewed right; nothing below −1 sd (Exp(1) − 1 ≥ −1), and some far above.
    const tail = of('longTail');
    expect(Math.min(...tail)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...tail)).toBeGreaterThan(5);
    // Clustered: 4 clusters, so most scores sit near 4 centres; the gaps between them are sparse.
    const clustered = of('clustered');
    const gap = Math.sqrt(((1 - 0.0625) * 12) / 15);
    const nearCentre = clustered.filter((x) => [-1.5, -0.5, 0.5, 1.5].some((c) => Math.abs(x - c * gap) < 0.5)).length;
    expect(nearCentre / n).toBeGreaterThan(0.9);
  });

  it('is deterministic by rng and keeps the order of ids, including odd ids', () => {
    const names = deepFreeze(['__proto__', 'constructor', 'b', 'a']);
    const first = generateTrueScores(names, { distribution: 'clustered' }, createRng('x'));
    const second = generateTrueScores(names, { distribution: 'clustered' }, createRng('x'));
    expect([...first.keys()]).toEqual(names);
    expect([...first]).toEqual([...second]);
    expect([...generateTrueScores(names, {}, createRng('y'))]).not.toEqual([...first]);
  });

  it('rejects bad ids, options and generators', () => {
    expectInputError(() => generateTrueScores(['a', 'a'], {}, createRng(1)), 'ids[1]');
    expectInputError(() => generateTrueScores(['a', ''], {}, createRng(1)), 'ids[1]');
    expectInputError(() => generateTrueScores('ab' as never, {}, createRng(1)), 'ids');
    expectInputError(() => generateTrueScores(['a'], { distribution: 'zipf' } as never, createRng(1)), 'options.distribution');
    expectInputError(() => generateTrueScores(['a'], { spread: 0 }, createRng(1)), 'options.spread');
    expectInputError(() => generateTrueScores(['a'], { center: Infinity }, createRng(1)), 'options.center');
    expectInputError(() => generateTrueScores(['a'], { clusters: 0 }, createRng(1)), 'options.clusters');
    expectInputError(() => generateTrueScores(['a'], { sd: 3 } as never, createRng(1)), 'options.sd');
    expectInputError(() => generateTrueScores(['a'], {}, () => 1), 'rng');
  });
});
