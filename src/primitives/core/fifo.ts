/**
 * A first-in first-out queue on a growable ring: push at the tail and shift at the head are O(1)
 * amortised, whatever the length (a channel's buffer may hold many thousands of values, and
 * Array.prototype.shift is O(n) on large arrays).
 *
 * Invariant: the live items are ring[(head + i) % ring.length] for 0 ≤ i < length; every other
 * slot is undefined, so a shifted value is not kept alive.
 */
export class Fifo<T> {
  private ring: (T | undefined)[];
  private head = 0;
  private count = 0;

  constructor(initialCapacity = 4) {
    this.ring = new Array<T | undefined>(Math.max(1, initialCapacity));
  }

  get length(): number {
    return this.count;
  }

  push(v: T): void {
    if (this.count === this.ring.length) this.grow();
    this.ring[(this.head + this.count) % this.ring.length] = v;
    this.count++;
  }

  /** Remove and return the head; undefined when empty. */
  shift(): T | undefined {
    if (this.count === 0) return undefined;
    const v = this.ring[this.head];
    this.ring[this.head] = undefined;
    this.head = (this.head + 1) % this.ring.length;
    this.count--;
    return v;
  }

  /** The head without removing it. */
  peek(): T | undefined {
    return this.count === 0 ? undefined : this.ring[this.head];
  }

  /** The items, head first (for reports and tests). */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.ring[(this.head + i) % this.ring.length] as T);
    return out;
  }

  private grow(): void {
    const items = this.toArray();
    this.ring = new Array<T | undefined>(this.ring.length * 2);
    for (let i = 0; i < items.length; i++) this.ring[i] = items[i];
    this.head = 0;
  }
}
