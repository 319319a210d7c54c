/**
 * The goroutines that can take the next step, in id order, as the strategies see them (issue 9).
 *
 * Strategies read it through `ReadyThreads`, the part of a read-only array they use: a plain array
 * satisfies it too (tests hand strategies arrays). The runtime's own ReadyList keeps it as an
 * order-statistic set over goroutine ids — a Fenwick tree of 0/1 counts by id — so that adding or
 * removing a goroutine costs O(log n) however many are ready (a sorted array's splice cost O(n): 100,000
 * goroutines parking one by one took seconds), and `at(i)` (the i-th smallest id) and `indexOf`
 * cost O(log n) too. Iteration visits the members in id order (see `collect`).
 *
 * Invariant: tree[j] (1-based, j ≤ cap) counts the members with ids j − lowbit(j) … j − 1 (a Fenwick
 * tree over positions id + 1); `members[id]` is the thread with that id while it is a member, else
 * undefined; `count` is the number of members; `cap` (a power of two) bounds every member's id.
 * The sequence seen through length/at/iteration is exactly the members sorted by id — what the
 * sorted array it replaces held, so every strategy picks the same goroutine for the same seed.
 */
import type { Thread } from './thread.js';

/** What a strategy may do with the goroutines it is offered (a read-only array has all of it). */
export interface ReadyThreads extends Iterable<Thread> {
  readonly length: number;
  /** The i-th goroutine in id order (0 ≤ i < length). */
  at(i: number): Thread | undefined;
  indexOf(t: Thread): number;
  findIndex(pred: (t: Thread, i: number) => boolean): number;
  some(pred: (t: Thread, i: number) => boolean): boolean;
  map<U>(f: (t: Thread, i: number) => U): U[];
  forEach(f: (t: Thread, i: number) => void): void;
}

/**
 * The index of goroutine `id` among `ready` (which is in id order), or −1: a binary search, O(log² n) on a
 * ReadyList (at(i) is O(log n)), where findIndex would walk every member. What a strategy that knows
 * which goroutine it wants (a replay, a plan) uses, so that its step costs do not grow with the ready set.
 */
export function indexOfId(ready: ReadyThreads, id: number): number {
  if (ready instanceof ReadyList) return ready.indexOfId(id);
  let lo = 0;
  let hi = ready.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const m = ready.at(mid)!.id;
    if (m === id) return mid;
    if (m < id) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}

export class ReadyList implements ReadyThreads {
  private members: (Thread | undefined)[] = [];
  private tree = new Int32Array(17);
  private cap = 16;
  private count = 0;
  /** The last `at` answered (index → thread): the execution and the strategy ask for the same pick several times a step. */
  private atIndex = -1;
  private atThread: Thread | undefined = undefined;
  /**
   * The members in id order, or null: made by the first query that walks them (an explorer walks them
   * several times a step); while there are at most EAGER members a change edits it in place (a splice
   * of a few entries is cheaper than making it again at every step), past that a change drops it.
   * Never handed out (toArray copies; an iteration must not outlive a change, as strategies are told).
   */
  private sorted: Thread[] | null = null;
  private static readonly EAGER = 64;

  get length(): number {
    return this.count;
  }

  has(t: Thread): boolean {
    return this.members[t.id] === t;
  }

  /** Add `t` (not a member). */
  add(t: Thread): void {
    const id = t.id;
    if (id >= this.cap) this.grow(id);
    this.members[id] = t;
    this.count++;
    this.atIndex = -1;
    const sorted = this.sorted;
    if (sorted !== null) {
      if (this.count > ReadyList.EAGER) this.sorted = null;
      else {
        // Usually a new goroutine (the largest id): search from the end.
        let i = sorted.length;
        while (i > 0 && sorted[i - 1]!.id > id) i--;
        if (i === sorted.length) sorted.push(t);
        else sorted.splice(i, 0, t);
      }
    }
    const tree = this.tree;
    const cap = this.cap;
    for (let j = id + 1; j <= cap; j += j & -j) tree[j]!++;
  }

  /** Remove `t` (a member). */
  remove(t: Thread): void {
    const id = t.id;
    this.members[id] = undefined;
    this.count--;
    this.atIndex = -1;
    const sorted = this.sorted;
    if (sorted !== null) {
      if (this.count >= ReadyList.EAGER) this.sorted = null;
      else {
        const i = sorted.indexOf(t);
        if (i === sorted.length - 1) sorted.pop();
        else sorted.splice(i, 1);
      }
    }
    const tree = this.tree;
    const cap = this.cap;
    for (let j = id + 1; j <= cap; j += j & -j) tree[j]!--;
  }

  at(i: number): Thread | undefined {
    if (i < 0 || i >= this.count) return undefined;
    if (i === this.atIndex) return this.atThread;
    const t = this.sorted !== null ? this.sorted[i]! : this.select(i);
    this.atIndex = i;
    this.atThread = t;
    return t;
  }

  /** How many members have an id below `t`'s, if `t` is a member; else −1. */
  indexOf(t: Thread): number {
    return this.members[t.id] === t ? this.rank(t.id) : -1;
  }

  /** The index of the member with id `id`, or −1: O(log n). */
  indexOfId(id: number): number {
    return this.members[id] !== undefined ? this.rank(id) : -1;
  }

  /** How many members have an id below `id`. */
  private rank(id: number): number {
    const tree = this.tree;
    let s = 0;
    for (let j = id; j > 0; j -= j & -j) s += tree[j]!;
    return s;
  }

  findIndex(pred: (t: Thread, i: number) => boolean): number {
    return this.walked().findIndex((t, i) => pred(t, i));
  }

  some(pred: (t: Thread, i: number) => boolean): boolean {
    return this.walked().some((t, i) => pred(t, i));
  }

  forEach(f: (t: Thread, i: number) => void): void {
    this.walked().forEach((t, i) => f(t, i));
  }

  map<U>(f: (t: Thread, i: number) => U): U[] {
    return this.walked().map((t, i) => f(t, i));
  }

  toArray(): Thread[] {
    return this.walked().slice();
  }

  [Symbol.iterator](): Iterator<Thread> {
    return this.walked()[Symbol.iterator]();
  }

  /** The members in id order (`sorted`, made now if a change dropped it). */
  private walked(): Thread[] {
    return (this.sorted ??= this.collect());
  }

  /** The member of rank i (0 ≤ i < count): descend the tree to the longest prefix of ids holding at most i members. */
  private select(i: number): Thread {
    const tree = this.tree;
    const cap = this.cap;
    let pos = 0;
    let rem = i;
    for (let step = cap; step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= cap && tree[next]! <= rem) {
        pos = next;
        rem -= tree[next]!;
      }
    }
    return this.members[pos]!;
  }

  /**
   * The members in id order. Walks the ids densely when the members are at least 1/16 of the ids up to
   * the largest, else by rank (O(log n) each): a few ready goroutines among 100,000 ids cost O(k log n),
   * not O(100,000).
   */
  private collect(): Thread[] {
    const n = this.count;
    const out: Thread[] = [];
    if (n === 0) return out;
    const last = this.select(n - 1).id;
    if (last < n * 16) {
      const m = this.members;
      for (let id = 0; id <= last; id++) {
        const t = m[id];
        if (t !== undefined) out.push(t);
      }
    } else {
      for (let i = 0; i < n; i++) out.push(this.select(i));
    }
    return out;
  }

  /** Make room for id `id`: double the capacity until it fits and rebuild the tree in O(cap). */
  private grow(id: number): void {
    let cap = this.cap;
    while (cap <= id) cap *= 2;
    const tree = new Int32Array(cap + 1);
    const m = this.members;
    for (let k = 0; k < m.length; k++) if (m[k] !== undefined) tree[k + 1] = 1;
    for (let j = 1; j <= cap; j++) {
      const up = j + (j & -j);
      if (up <= cap) tree[up]! += tree[j]!;
    }
    this.tree = tree;
    this.cap = cap;
  }
}
