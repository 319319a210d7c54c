/**
 * Vector clocks for the happens-before relation.
 *
 * Invariant: entry i is the number of release events of goroutine i that this clock has seen;
 * a goroutine's own entry starts at 1 and grows by one at each of its release operations
 * (unlock, WaitGroup done, go, ...), so an access can be summarised by an epoch (tid, clock[tid])
 * as FastTrack does. Missing entries are 0.
 *
 * Stored sparse: (tid, value) pairs sorted by tid, in one flat array. A goroutine's clock holds only
 * the goroutines it has synchronised with (its ancestors and partners), not one slot per goroutine
 * ever started: with dense arrays goroutine n's clock had n slots, so n live goroutines cost O(n²)
 * memory (issue 9: 100 KB each at 20,000). Clocks are small in practice, so a linear walk serves
 * get, and join/leq are merges of two sorted lists.
 *
 * A big clock that goroutines release into one by one (a WaitGroup's, with a Done from each of
 * 100,000 goroutines, in any order) would pay a splice of the whole sorted list for each new tid:
 * O(n) per step. Such entries go to `tail` instead, an unsorted map of tids absent from the sorted
 * list, and are merged in (sorted, once) when anything reads the clock as a whole (join from it,
 * leq, copy, assign, toArray). get/set/tick see both, so every value read is the same as before.
 */
export class VectorClock {
  /** [tid0, value0, tid1, value1, ...], tids strictly increasing. */
  private e: number[];
  /** Entries not yet in `e` (their tids are not in `e`), or null: see the header. */
  private tail: Map<number, number> | null = null;
  /**
   * The latest virtual time (ms) this clock has seen pass: a timer firing or a read of the clock in its
   * past (api/time.ts: Go's sleep starts from it in free time mode). Joins take the maximum, like an
   * entry, but it is no goroutine's entry: leq and toArray ignore it, so happens-before is unchanged.
   */
  known = 0;

  /** `entries`: dense values by tid (entry i for goroutine i), as tests and reports write clocks. */
  constructor(entries: number[] = []) {
    const e: number[] = [];
    for (let i = 0; i < entries.length; i++) e.push(i, entries[i]!);
    this.e = e;
  }

  private static of(pairs: number[]): VectorClock {
    const c = new VectorClock();
    c.e = pairs;
    return c;
  }

  /** Index of tid's pair, or -(insertion index) - 1 when absent. */
  private find(tid: number): number {
    const e = this.e;
    const n = e.length;
    if (n <= 32) {
      for (let i = 0; i < n; i += 2) {
        const t = e[i]!;
        if (t === tid) return i;
        if (t > tid) return -i - 1;
      }
      return -n - 1;
    }
    let lo = 0;
    let hi = n >> 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (e[mid << 1]! < tid) lo = mid + 1;
      else hi = mid;
    }
    const i = lo << 1;
    return i < n && e[i] === tid ? i : -i - 1;
  }

  get(tid: number): number {
    const i = this.find(tid);
    if (i >= 0) return this.e[i + 1]!;
    return this.tail === null ? 0 : (this.tail.get(tid) ?? 0);
  }

  set(tid: number, value: number): void {
    const i = this.find(tid);
    if (i >= 0) this.e[i + 1] = value;
    else this.insert(-i - 1, tid, value);
  }

  /** Advance this goroutine's own entry: later accesses are no longer covered by earlier releases. */
  tick(tid: number): void {
    const i = this.find(tid);
    if (i >= 0) this.e[i + 1]!++;
    else this.insert(-i - 1, tid, this.get(tid) + 1);
  }

  /**
   * Put a tid absent from `e` at index `at`: appended when it is the largest (a new goroutine's tid
   * usually is) and the clock is small; else, in a big clock, into the tail (no O(n) splice).
   */
  private insert(at: number, tid: number, value: number): void {
    const e = this.e;
    if (this.tail !== null) this.tail.set(tid, value);
    else if (at === e.length) e.push(tid, value);
    else if (e.length > VectorClock.SPLICE_MAX) (this.tail = new Map()).set(tid, value);
    else e.splice(at, 0, tid, value);
  }

  /** Past this many numbers in `e`, a tid that is not the largest goes to the tail rather than being spliced in. */
  private static readonly SPLICE_MAX = 64;

  /** Merge the tail into `e` (sorted by tid): the clock as one sorted list again. Callers check `tail !== null` (hot paths: no call). */
  private settle(): void {
    const tail = this.tail!;
    this.tail = null;
    const tids = [...tail.keys()].sort((a, b) => a - b);
    const b: number[] = [];
    for (const t of tids) b.push(t, tail.get(t)!);
    // Disjoint tids: the merge keeps every entry of both.
    this.merge(b);
  }

  /** It has seen virtual time `ms` pass (see `known`). */
  seeTime(ms: number): void {
    if (ms > this.known) this.known = ms;
  }

  /** Pointwise maximum: an acquire of everything `other` has seen. */
  join(other: VectorClock): void {
    if (other.known > this.known) this.known = other.known;
    if (other.tail !== null) other.settle();
    const b = other.e;
    const nb = b.length;
    if (nb <= 8 && (this.tail !== null || this.e.length > 32)) {
      // A small clock into a big one (a goroutine's release into a WaitGroup's): entry by entry, by
      // binary search; a new goroutine's tid is usually the largest, so it is appended.
      for (let j = 0; j < nb; j += 2) if (b[j + 1]! > this.get(b[j]!)) this.set(b[j]!, b[j + 1]!);
      return;
    }
    if (this.tail !== null) this.settle();
    const a = this.e;
    const na = a.length;
    // In place while every tid of `other` is already here (the steady state of a program).
    let i = 0;
    let j = 0;
    while (j < nb) {
      while (i < na && a[i]! < b[j]!) i += 2;
      if (i >= na || a[i] !== b[j]) return this.merge(b);
      if (b[j + 1]! > a[i + 1]!) a[i + 1] = b[j + 1]!;
      i += 2;
      j += 2;
    }
  }

  private merge(b: number[]): void {
    const a = this.e;
    const out: number[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      const ta = a[i]!;
      const tb = b[j]!;
      if (ta === tb) {
        out.push(ta, Math.max(a[i + 1]!, b[j + 1]!));
        i += 2;
        j += 2;
      } else if (ta < tb) {
        out.push(ta, a[i + 1]!);
        i += 2;
      } else {
        out.push(tb, b[j + 1]!);
        j += 2;
      }
    }
    for (; i < a.length; i += 2) out.push(a[i]!, a[i + 1]!);
    for (; j < b.length; j += 2) out.push(b[j]!, b[j + 1]!);
    this.e = out;
  }

  /** Make this clock equal to `other` (a release that overwrites, like Mutex unlock). */
  assign(other: VectorClock): void {
    // In place when the sizes match (a lock or atomic released by the same few goroutines over and
    // over): no array per release. Each clock owns its array (copy and merge make new ones).
    if (other.tail !== null) other.settle();
    this.tail = null;
    this.known = other.known;
    const a = this.e;
    const b = other.e;
    const n = b.length;
    if (a.length !== n) {
      this.e = b.slice();
      return;
    }
    for (let i = 0; i < n; i++) a[i] = b[i]!;
  }

  copy(): VectorClock {
    if (this.tail !== null) this.settle();
    const c = VectorClock.of(this.e.slice());
    c.known = this.known;
    return c;
  }

  /** this ≤ other pointwise: everything this clock has seen, `other` has seen too. */
  leq(other: VectorClock): boolean {
    if (this.tail !== null) this.settle();
    if (other.tail !== null) other.settle();
    const a = this.e;
    const b = other.e;
    let j = 0;
    for (let i = 0; i < a.length; i += 2) {
      const v = a[i + 1]!;
      if (v === 0) continue;
      const t = a[i]!;
      while (j < b.length && b[j]! < t) j += 2;
      if (j >= b.length || b[j] !== t || v > b[j + 1]!) return false;
    }
    return true;
  }

  /** Dense values by tid, up to the largest tid stored. */
  toArray(): number[] {
    if (this.tail !== null) this.settle();
    const e = this.e;
    const out: number[] = e.length === 0 ? [] : new Array<number>(e[e.length - 2]! + 1).fill(0);
    for (let i = 0; i < e.length; i += 2) out[e[i]!] = e[i + 1]!;
    return out;
  }

  /**
   * The same values as toArray, as a sparse array: only the stored entries are set (the others are holes,
   * read as undefined), so its memory is the clock's own, not its largest tid's. A trace keeps two a step.
   */
  toSparseArray(): number[] {
    if (this.tail !== null) this.settle();
    const e = this.e;
    const out: number[] = [];
    for (let i = 0; i < e.length; i += 2) out[e[i]!] = e[i + 1]!;
    return out;
  }

  toString(): string {
    return `[${this.toArray().join(',')}]`;
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

/**
 * Goroutine `tid`'s access now (its own entry of `clock`), at `step` and `at`: written into `reuse`
 * when given, else a new Epoch. The detectors keep one epoch per variable and access kind and
 * overwrite it (no object per access): only a race report keeps one, and it ends the execution.
 */
export function stampEpoch(reuse: Epoch | null, tid: number, clock: VectorClock, step: number, at: string | undefined): Epoch {
  if (reuse === null) return { tid, clock: clock.get(tid), step, at };
  reuse.tid = tid;
  reuse.clock = clock.get(tid);
  reuse.step = step;
  reuse.at = at;
  return reuse;
}

/** Did the access `e` happen before everything goroutine-clock `now` does from here on? */
export function happensBefore(e: Epoch, now: VectorClock): boolean {
  return e.clock <= now.get(e.tid);
}
