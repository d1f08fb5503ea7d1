import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InsertionOrder } from '../../src/selection/insertionOrder.js';

// Σ_{k=2..n} ⌈log2 k⌉: binary insertion of the k-th datapoint among k − 1 placed ones
// takes at most ⌈log2 k⌉ comparisons (Knuth, TAOCP vol. 3, §5.3.1).
function insertionBound(n: number): number {
  let total = 0;
  for (let k = 2; k <= n; k++) total += Math.ceil(Math.log2(k));
  return total;
}

// Evidence of one consistent answer: the datapoint with the higher hidden rank wins.
function answer(order: InsertionOrder, rank: readonly number[], a: number, b: number): void {
  order.note(a, b, rank[a]! > rank[b]! ? 1 : 0, rank[b]! > rank[a]! ? 1 : 0);
}

// Sorts one datapoint at a time; returns the comparisons it took.
function sortSerially(order: InsertionOrder, rank: readonly number[]): number {
  let comparisons = 0;
  while (!order.complete) {
    const x = order.nextToPlace(() => true);
    expect(x).toBeGreaterThanOrEqual(0);
    const pivot = order.pivotFor(x);
    // The pivot is placed, x is not.
    expect(order.position[pivot]).toBeGreaterThanOrEqual(0);
    expect(order.position[x]).toBe(-1);
    answer(order, rank, x, pivot);
    comparisons++;
    // A runaway loop would mean a search that never closes.
    expect(comparisons).toBeLessThanOrEqual(rank.length * rank.length);
  }
  return comparisons;
}

// The datapoints in ascending hidden rank: what the chain must read.
function trueAscending(rank: readonly number[]): number[] {
  return rank.map((_, x) => x).sort((a, b) => rank[a]! - rank[b]!);
}

function chainOf(order: InsertionOrder): number[] {
  return Array.from(order.chain.subarray(0, order.length));
}

// A permutation of 0 … n − 1: rank[x] is datapoint x's place in the hidden order.
const permutations = (minLength: number, maxLength: number) =>
  fc.integer({ min: minLength, max: maxLength }).chain((n) =>
    fc.shuffledSubarray(
      Array.from({ length: n }, (_, i) => i),
      { minLength: n, maxLength: n },
    ),
  );

describe('InsertionOrder', () => {
  it('the bound Σ⌈log2 k⌉ is 33 for 12 datapoints and 237 for 50', () => {
    // By hand: n = 12: 1 + 2·2 + 4·3 + 4·4 = 33; n = 50: 1 + 2·2 + 4·3 + 8·4 + 16·5 + 18·6 = 237.
    expect(insertionBound(12)).toBe(33);
    expect(insertionBound(50)).toBe(237);
  });

  it('sorts any permutation exactly, within Σ⌈log2 k⌉ comparisons, when answers are consistent', () => {
    fc.assert(
      fc.property(permutations(1, 60), (rank) => {
        const order = new InsertionOrder(rank.length);
        const comparisons = sortSerially(order, rank);
        expect(comparisons).toBeLessThanOrEqual(insertionBound(rank.length));
        expect(chainOf(order)).toEqual(trueAscending(rank));
        rank.forEach((_, x) => expect(order.chain[order.position[x]!]).toBe(x));
      }),
      { numRuns: 300 },
    );
  });

  it('meets the bound exactly against an adversary who makes every new datapoint the lowest so far', () => {
    // The pivot of bounds [low, high) is ⌊(low + high) / 2⌋, so "below" keeps the larger
    // half (⌊s / 2⌋ of s): a new minimum takes ⌊log2 (k − 1)⌋ + 1 = ⌈log2 k⌉ comparisons
    // with k − 1 placed, the most binary insertion ever needs, so the bound is tight. The
    // answers are consistent: the hidden order is the reverse of the placing order.
    for (const n of [12, 50]) {
      const order = new InsertionOrder(n);
      const placed = [0];
      let comparisons = 0;
      while (!order.complete) {
        const x = order.nextToPlace(() => true);
        order.note(x, order.pivotFor(x), 0, 1);
        comparisons++;
        if (order.position[x]! >= 0) placed.push(x);
      }
      expect(comparisons).toBe(insertionBound(n));
      expect(chainOf(order)).toEqual(placed.reverse());
    }
  });

  it('ignores answers that fall outside the current bounds, and matchups between two placed or two unplaced datapoints', () => {
    // Chain of five placed datapoints, ascending 0 < 1 < 2 < 3 < 4; datapoint 5 ranks between 3 and 4.
    const rank = [0, 1, 2, 3, 5, 4, 6];
    const order = new InsertionOrder(7);
    for (let x = 1; x <= 4; x++) {
      while (order.position[x] === -1) answer(order, rank, x, order.pivotFor(x));
    }
    expect(chainOf(order)).toEqual([0, 1, 2, 3, 4]);
    // Bounds [0, 5): the middle, chain[2].
    expect(order.pivotFor(5)).toBe(2);
    order.note(5, 2, 1, 0);
    // Now above 2: bounds [3, 5), pivot chain[4].
    expect(order.pivotFor(5)).toBe(4);
    // Outside the bounds: a contradicting answer (5 below 1) and a redundant one (5 above 0).
    order.note(5, 1, 0, 1);
    order.note(0, 5, 0, 1);
    expect(order.pivotFor(5)).toBe(4);
    expect(order.position[5]).toBe(-1);
    // Two placed datapoints, or two unplaced ones: nothing changes either.
    order.note(1, 3, 1, 0);
    order.note(5, 6, 1, 0);
    expect(chainOf(order)).toEqual([0, 1, 2, 3, 4]);
    expect(order.pivotFor(5)).toBe(4);
    expect(order.pivotFor(6)).toBe(2);
    // Inside the bounds: below 4 leaves [3, 4), then above 3 closes them and inserts.
    order.note(4, 5, 1, 0);
    expect(order.pivotFor(5)).toBe(3);
    expect(order.position[5]).toBe(-1);
    order.note(3, 5, 0, 1);
    expect(chainOf(order)).toEqual([0, 1, 2, 3, 5, 4]);
    expect(order.complete).toBe(false);
  });

  it('equal evidence (a draw) places the unplaced datapoint above the placed one', () => {
    const order = new InsertionOrder(2);
    order.note(0, 1, 0.5, 0.5);
    expect(chainOf(order)).toEqual([0, 1]);
    const other = new InsertionOrder(2);
    other.note(1, 0, 1.5, 1.5);
    expect(chainOf(other)).toEqual([0, 1]);
  });

  it('nextToPlace skips datapoints that are not free, and says −1 when none is', () => {
    const order = new InsertionOrder(4);
    expect(order.nextToPlace(() => true)).toBe(1);
    expect(order.nextToPlace((x) => x !== 1)).toBe(2);
    expect(order.nextToPlace(() => false)).toBe(-1);
    const done = new InsertionOrder(1);
    expect(done.complete).toBe(true);
    expect(done.nextToPlace(() => true)).toBe(-1);
  });

  it('takes unplaced datapoints in index order, whenever they were added and whatever was placed first', () => {
    // A restored job knows every datapoint from the start and replays the placements: it
    // must pick the same next datapoint as the live job, which grew along the way.
    const live = new InsertionOrder(5);
    live.note(3, 0, 1, 0); // 3 placed above 0, out of turn
    live.note(1, 0, 0, 1); // 1 placed below 0
    live.grow(8);
    const restored = new InsertionOrder(8);
    restored.note(3, 0, 1, 0);
    restored.note(1, 0, 0, 1);
    const taken = (order: InsertionOrder) => {
      const sequence: number[] = [];
      const busy = new Set<number>();
      for (let x = order.nextToPlace(() => true); x >= 0; x = order.nextToPlace((y) => !busy.has(y))) {
        sequence.push(x);
        busy.add(x);
      }
      return sequence;
    };
    expect(taken(live)).toEqual([2, 4, 5, 6, 7]);
    expect(taken(restored)).toEqual([2, 4, 5, 6, 7]);
    expect(chainOf(live)).toEqual([1, 0, 3]);
    expect(chainOf(restored)).toEqual([1, 0, 3]);
  });

  it('grow() adds unplaced datapoints, which are then placed too', () => {
    fc.assert(
      fc.property(permutations(2, 40), fc.nat(), (rank, split) => {
        const start = 1 + (split % rank.length);
        // The first `start` datapoints, ranked among themselves in the same relative order.
        const order = new InsertionOrder(start);
        sortSerially(order, rank.slice(0, start));
        expect(order.complete).toBe(true);
        order.grow(rank.length);
        expect(order.complete).toBe(start === rank.length);
        for (let x = start; x < rank.length; x++) expect(order.position[x]).toBe(-1);
        sortSerially(order, rank);
        expect(chainOf(order)).toEqual(trueAscending(rank));
      }),
      { numRuns: 200 },
    );
  });

  it('grow() in the middle of a sort, past the arrays\' capacity, keeps the searches under way', () => {
    const rank = [4, 0, 7, 2, 9, 5, 1, 8, 3, 6];
    const order = new InsertionOrder(3);
    // One comparison for datapoint 1, then grow: its bounds must survive the copy.
    answer(order, rank, 1, order.pivotFor(1));
    order.grow(5);
    order.grow(10);
    sortSerially(order, rank);
    expect(chainOf(order)).toEqual(trueAscending(rank));
  });

  it('sorts exactly with several searches in flight, whatever order the answers come back in', () => {
    fc.assert(
      fc.property(
        permutations(2, 50),
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 30 }),
        fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
        (rank, inFlight, picks, grownBy) => {
          // With `grownBy`, the last datapoints join halfway through.
          const extra = grownBy === undefined ? 0 : Math.min(grownBy, rank.length - 1);
          const order = new InsertionOrder(rank.length - extra);
          const pending: [number, number][] = [];
          const busy = new Set<number>();
          let step = 0;
          let grown = extra === 0;
          for (;;) {
            if (!grown && (2 * step >= rank.length || (order.complete && pending.length === 0))) {
              order.grow(rank.length);
              grown = true;
            }
            while (pending.length < inFlight) {
              const x = order.nextToPlace((candidate) => !busy.has(candidate));
              if (x < 0) break;
              pending.push([x, order.pivotFor(x)]);
              busy.add(x);
            }
            if (pending.length === 0) break;
            // Answer one of the pending searches, chosen by the generated picks.
            const [which] = pending.splice(picks[step++ % picks.length]! % pending.length, 1);
            const [x, pivot] = which!;
            busy.delete(x);
            answer(order, rank, x, pivot);
            expect(step).toBeLessThanOrEqual(rank.length * rank.length);
          }
          expect(order.complete).toBe(true);
          expect(chainOf(order)).toEqual(trueAscending(rank));
        },
      ),
      { numRuns: 300 },
    );
  });
});
