/**
 * Blocks of consecutive slots in flat typed-array columns, one block per batch, reused
 * by size: a freed block of n slots goes on the free list of size n and is handed to the
 * next batch of n datapoints. Batches of a flow come in few sizes, so blocks are reused
 * rather than the columns growing; no object is kept per batch or per datapoint.
 *
 * Costs: allocate and free O(1) amortised (the columns double when they grow).
 * @internal
 * @module
 */

/** Hands out and takes back blocks; the owner grows its columns when asked to. */
export class BlockAllocator {
  // End of the slots ever handed out: blocks above it have never been used.
  private top = 0;
  // Free block starts by block size (index = size).
  private readonly free: number[][] = [];
  private capacity: number;

  /**
   * @param initialCapacity - Slots the owner's columns start with.
   * @param grow - Called with the new capacity when a block does not fit; the owner
   *   copies its columns into arrays of that length.
   */
  constructor(initialCapacity: number, private readonly grow: (capacity: number) => void) {
    this.capacity = initialCapacity;
  }

  /** The start of a block of `size` slots (a reused one when a block of that size is free). */
  allocate(size: number): number {
    const reused = this.free[size]?.pop();
    if (reused !== undefined) return reused;
    const start = this.top;
    if (start + size > this.capacity) {
      this.capacity = Math.max(2 * this.capacity, start + size, 1024);
      this.grow(this.capacity);
    }
    this.top = start + size;
    return start;
  }

  /** Takes back the block of `size` slots at `start`; its contents are left for the next owner to overwrite. */
  release(start: number, size: number): void {
    (this.free[size] ??= []).push(start);
  }
}
