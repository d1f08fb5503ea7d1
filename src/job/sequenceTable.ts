/**
 * A hash table from sequence numbers (positive safe integers) to values: open
 * addressing with linear probing and backward-shift deletion (Knuth, TAOCP vol. 3,
 * §6.4, Algorithm R), so there are no tombstones and nothing is allocated while the
 * table does not grow.
 *
 * Why not a `Map`: pending matchups churn (one set and one delete per matchup), and a
 * `Map` that hovers around a few entries rehashes as it grows and shrinks; that cost
 * dominated a comparison in profiles.
 *
 * Costs: get, set, delete O(1) expected; memory O(largest size reached).
 * @internal
 * @module
 */

const EMPTY = 0;
const MIN_CAPACITY = 16;

/** Values keyed by sequence number (an integer ≥ 1). */
export class SequenceTable<T> {
  private keys = new Float64Array(MIN_CAPACITY);
  private values: (T | undefined)[] = new Array<T | undefined>(MIN_CAPACITY).fill(undefined);
  private mask = MIN_CAPACITY - 1;
  /** Number of entries. */
  size = 0;

  /** The value stored under `key`, if any. */
  get(key: number): T | undefined {
    const { keys, mask } = this;
    for (let slot = this.home(key); ; slot = (slot + 1) & mask) {
      const stored = keys[slot]!;
      if (stored === key) return this.values[slot];
      if (stored === EMPTY) return undefined;
    }
  }

  /** Stores `value` under `key` (which must not be present yet). */
  set(key: number, value: T): void {
    if (2 * (this.size + 1) > this.keys.length) this.grow();
    this.place(key, value);
    this.size++;
  }

  /** Removes `key` (which must be present). */
  delete(key: number): void {
    const { keys, values, mask } = this;
    let slot = this.home(key);
    while (keys[slot] !== key) slot = (slot + 1) & mask;
    // Shift later entries of the same probe run back into the hole.
    let hole = slot;
    for (let next = (hole + 1) & mask; keys[next] !== EMPTY; next = (next + 1) & mask) {
      const home = this.home(keys[next]!);
      // The entry at `next` may fill the hole unless its home lies cyclically in (hole, next].
      const stays = hole <= next ? hole < home && home <= next : hole < home || home <= next;
      if (stays) continue;
      keys[hole] = keys[next]!;
      values[hole] = values[next];
      hole = next;
    }
    keys[hole] = EMPTY;
    values[hole] = undefined;
    this.size--;
  }

  /** Every value, in no particular order. */
  *entries(): IterableIterator<[number, T]> {
    for (let slot = 0; slot < this.keys.length; slot++) {
      const key = this.keys[slot]!;
      if (key !== EMPTY) yield [key, this.values[slot] as T];
    }
  }

  // Multiplying by an odd constant permutes the residues modulo the (power-of-two)
  // capacity, so a window of consecutive sequence numbers never collides.
  private home(key: number): number {
    return (Math.imul(key | 0, 0x9e3779b1) >>> 0) & this.mask;
  }

  private place(key: number, value: T): void {
    const { keys, mask } = this;
    let slot = this.home(key);
    while (keys[slot] !== EMPTY) slot = (slot + 1) & mask;
    keys[slot] = key;
    this.values[slot] = value;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    const capacity = oldKeys.length * 2;
    this.keys = new Float64Array(capacity);
    this.values = new Array<T | undefined>(capacity).fill(undefined);
    this.mask = capacity - 1;
    for (let slot = 0; slot < oldKeys.length; slot++) {
      const key = oldKeys[slot]!;
      if (key !== EMPTY) this.place(key, oldValues[slot] as T);
    }
  }
}
