/**
 * Which ranking the next matchup goes to. Rankings with budget left sit in a binary
 * min-heap keyed by the share of their budget already taken (pending + completed),
 * ties to the lower ranking index, so a batch of matchups is spread evenly across the
 * rankings that still have budget, and no ranking gets ahead of the others.
 *
 * Costs (R rankings): next ranking O(1); repositioning after a change O(log R).
 * @internal
 * @module
 */

/** What the queue reads of a ranking: its budget and how much of it is taken. */
export interface BudgetHolder {
  readonly budget: number;
  readonly pending: number;
  readonly completed: number;
  /** Stopped early: its order is settled (stopWhen), so it takes no more matchups. */
  readonly settled: boolean;
}

/** The order in which a job's rankings get matchups. */
export class BudgetQueue {
  private readonly rankings: readonly BudgetHolder[];
  private readonly heap: Int32Array;
  // Position of each ranking in the heap, or -1 when its budget is fully taken.
  private readonly slot: Int32Array;
  private size = 0;

  /** @param rankings - The rankings, read (never written) by the queue. */
  constructor(rankings: readonly BudgetHolder[]) {
    const count = rankings.length;
    this.rankings = rankings;
    this.heap = new Int32Array(count);
    this.slot = new Int32Array(count).fill(-1);
    for (let r = 0; r < count; r++) this.reposition(r);
  }

  /** The ranking the next matchup should go to, or -1 when every budget is taken. */
  peek(): number {
    return this.size === 0 ? -1 : this.heap[0]!;
  }

  /** Call after ranking r's pending or completed count, or whether it is settled, changed. O(log R). */
  reposition(r: number): void {
    const ranking = this.rankings[r]!;
    const hasBudget = !ranking.settled && ranking.pending + ranking.completed < ranking.budget;
    const at = this.slot[r]!;
    if (at === -1) {
      if (hasBudget) this.push(r);
    } else if (!hasBudget) this.remove(r);
    else {
      this.siftUp(at);
      this.siftDown(this.slot[r]!);
    }
  }

  private before(a: number, b: number): boolean {
    const rankingA = this.rankings[a]!;
    const rankingB = this.rankings[b]!;
    const shareA = (rankingA.pending + rankingA.completed) / rankingA.budget;
    const shareB = (rankingB.pending + rankingB.completed) / rankingB.budget;
    return shareA < shareB || (shareA === shareB && a < b);
  }

  private push(r: number): void {
    this.heap[this.size] = r;
    this.slot[r] = this.size;
    this.size++;
    this.siftUp(this.size - 1);
  }

  private remove(r: number): void {
    const at = this.slot[r]!;
    const last = this.heap[--this.size]!;
    this.slot[r] = -1;
    if (at === this.size) return;
    this.heap[at] = last;
    this.slot[last] = at;
    this.siftDown(at);
    this.siftUp(this.slot[last]!);
  }

  private siftUp(at: number): void {
    const { heap, slot } = this;
    const item = heap[at]!;
    while (at > 0) {
      const parentAt = (at - 1) >> 1;
      const parent = heap[parentAt]!;
      if (!this.before(item, parent)) break;
      heap[at] = parent;
      slot[parent] = at;
      at = parentAt;
    }
    heap[at] = item;
    slot[item] = at;
  }

  private siftDown(at: number): void {
    const { heap, slot } = this;
    const item = heap[at]!;
    for (;;) {
      const leftAt = 2 * at + 1;
      if (leftAt >= this.size) break;
      const rightAt = leftAt + 1;
      let childAt = leftAt;
      if (rightAt < this.size && this.before(heap[rightAt]!, heap[leftAt]!)) childAt = rightAt;
      const child = heap[childAt]!;
      if (!this.before(child, item)) break;
      heap[at] = child;
      slot[child] = at;
      at = childAt;
    }
    heap[at] = item;
    slot[item] = at;
  }
}
