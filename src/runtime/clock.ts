/**
 * Vector clocks for the happens-before relation.
 *
 * Invariant: entry i is the number of release events of goroutine i that this clock has seen;
 * a goroutine's own entry starts at 1 and grows by one at each of its release operations
 * (unlock, WaitGroup done, go, ...), so an access can be summarised by an epoch (tid, clock[tid])
 * as FastTrack does. Missing entries are 0. Goroutine ids are small dense integers, so a plain
 * array is both the smallest and the fastest representation.
 */
export class VectorClock {
  private c: number[];

  constructor(entries: number[] = []) {
    this.c = entries;
  }

  get(tid: number): number {
    return this.c[tid] ?? 0;
  }

  set(tid: number, value: number): void {
    while (this.c.length < tid) this.c.push(0);
    this.c[tid] = value;
  }

  /** Advance this goroutine's own entry: later accesses are no longer covered by earlier releases. */
  tick(tid: number): void {
    this.set(tid, this.get(tid) + 1);
  }

  /** Pointwise maximum: an acquire of everything `other` has seen. */
  join(other: VectorClock): void {
    const o = other.c;
    const c = this.c;
    while (c.length < o.length) c.push(0);
    for (let i = 0; i < o.length; i++) if (o[i]! > c[i]!) c[i] = o[i]!;
  }

  /** Make this clock equal to `other` (a release that overwrites, like Mutex unlock). */
  assign(other: VectorClock): void {
    this.c = other.c.slice();
  }

  copy(): VectorClock {
    return new VectorClock(this.c.slice());
  }

  /** this ≤ other pointwise: everything this clock has seen, `other` has seen too. */
  leq(other: VectorClock): boolean {
    const c = this.c;
    for (let i = 0; i < c.length; i++) if (c[i]! > other.get(i)) return false;
    return true;
  }

  toArray(): number[] {
    return this.c.slice();
  }

  toString(): string {
    return `[${this.c.join(',')}]`;
  }
}

/**
 * An access summarised FastTrack-style: goroutine `tid` at its clock value `clock`,
 * with the step and source location kept for reports.
 */
export interface Epoch {
  tid: number;
  clock: number;
  step: number;
  at: string | undefined;
}

/** Did the access `e` happen before everything goroutine-clock `now` does from here on? */
export function happensBefore(e: Epoch, now: VectorClock): boolean {
  return e.clock <= now.get(e.tid);
}
