/**
 * The set of goroutines that can take the next step, kept incrementally so that a step costs
 * O(log n) at most in the number n of live goroutines (issue 9), plus the fair-yield priority (yield.ts).
 *
 * Three structures, all changed only by the events that change them:
 * - `ready`: the goroutines a strategy may pick, in id order (the order every strategy, replay and
 *   explorer depends on), an order-statistic set (ready-list.ts): O(log n) to add or remove one. A
 *   goroutine whose step completed stays in it while its code runs (it parks again or finishes
 *   before the scheduler looks), so a goroutine that parks at another always-enabled operation
 *   costs no edit at all.
 * - the progress list: the goroutines whose pending operation is parked and enabled in the base
 *   sense (a yield always is), ordered by `progress`, the step at which each last stepped or became
 *   enabled. Progress only grows and every update moves the goroutine to the tail, so the list stays
 *   sorted by appending: O(1) per update.
 * - the watcher table: object id → goroutines parked at an operation that can block (one that
 *   overrides Op.enabled) and that may change when that object does. A step touches its op's object
 *   and the objects it is filed under (Op.watched: its footprint by default), an arrival touches what
 *   it changed, a primitive that changes another object's waiters says so (`touched`, `retest`), a
 *   timer firing or anything global re-evaluates every conditional goroutine (`wakeAll`). Only
 *   touched goroutines' `enabled()` is evaluated again.
 *
 * Invariant (checked at every step when SIMCC_CHECK_RUNNABLE=1): after `refresh`, `ready` holds
 * exactly the parked goroutines whose op is enabled(), in id order, and the progress list exactly
 * those parked at a yield or at an enabled op — what a full scan computes.
 */
import { Op, waitingObjectId, type Touch } from './op.js';
import { ReadyList } from './ready-list.js';
import type { Thread } from './thread.js';

/** Watcher key for "goroutine `tid` finished" (a join waits for it); object ids are positive and below it. */
const FINISH_KEY = -0x40000000;

/** A negative id names a set of goroutines parked at object x (op.ts waitingSet): for re-evaluation it is x itself. */
function normal(id: number): number {
  return id < 0 && id > FINISH_KEY ? waitingObjectId(id) : id;
}

const baseEnabled = Op.prototype.enabled;
const baseDefers = Op.prototype.defersTimers;
const baseFootprint = Op.prototype.footprint;
const baseWatched = Op.prototype.watched;
const baseArrive = Op.prototype.arrive;

/**
 * The goroutines watching one key, in the order they began watching (a Set's order: what `touched`
 * retests in, which orders the re-evaluations). Most keys have one to three watchers at a time, for
 * which an array beats a Set's hashing; past SMALL it becomes a Set (10,000 goroutines blocked on one
 * object must not cost O(n) per removal). Either way, adding a member keeps its place and removing one
 * keeps the others' order.
 */
class Watchers {
  private static readonly SMALL = 8;
  private arr: Thread[] | null = [];
  private set: Set<Thread> | null = null;

  get size(): number {
    return this.arr !== null ? this.arr.length : this.set!.size;
  }

  add(t: Thread): void {
    const a = this.arr;
    if (a === null) {
      this.set!.add(t);
      return;
    }
    if (a.includes(t)) return;
    if (a.length < Watchers.SMALL) {
      a.push(t);
      return;
    }
    this.set = new Set(a);
    this.set.add(t);
    this.arr = null;
  }

  delete(t: Thread): void {
    const a = this.arr;
    if (a === null) {
      this.set!.delete(t);
      return;
    }
    const i = a.indexOf(t);
    if (i < 0) return;
    if (i === a.length - 1) a.pop();
    else a.splice(i, 1);
  }

  /** `f` for each member in order; `f` must not add or remove members (retest only queues). */
  forEach(f: (t: Thread) => void): void {
    const a = this.arr;
    if (a === null) this.set!.forEach(f);
    else for (let i = 0; i < a.length; i++) f(a[i]!);
  }
}

export class RunnableSet {
  /** The goroutines that can run now, in id order (O(log n) in and out). Handed to strategies as is: they must not keep it. */
  readonly ready = new ReadyList();
  private head: Thread | null = null;
  private tail: Thread | null = null;
  /**
   * The watcher table, in two dense arrays rather than a Map (a lookup at every park and step): object
   * id x (≥ 0) at objWatchers[x], "goroutine tid finished" (FINISH_KEY - tid) at finishWatchers[tid].
   * Each set keeps its goroutines in the order they began watching (what `touched` retests in), and
   * stays once made, emptied, for the next watcher of its key. `watcherSets` counts the sets made.
   */
  private readonly objWatchers: (Watchers | undefined)[] = [];
  private readonly finishWatchers: (Watchers | undefined)[] = [];
  private watcherSets = 0;
  /** Goroutines parked at an op that can block (what wakeAll re-evaluates), in park order. */
  /** Its ends: a list through Thread.cprev/cnext (O(1) in and out, no hashing), in the order they joined. */
  private condHead: Thread | null = null;
  private condTail: Thread | null = null;
  /** Goroutines queued for re-evaluation: the first `dirtyCount` entries (later ones are stale). */
  private dirtyList: Thread[] = [];
  private dirtyCount = 0;
  /** The other dirty list: refresh swaps the two, so that a retest while it re-evaluates queues for the next refresh (no array per step, no length writes). */
  private spareList: Thread[] = [];
  private all = false;
  /** The yield currently shown in `ready` (at most one is runnable: see yield.ts). */
  private shownYield: Thread | null = null;
  /** How many goroutines in `ready` may defer timers. */
  private defersCount = 0;

  // ---- events -------------------------------------------------------------------------------

  /**
   * Goroutine `t` is parked at `op` at step `now`: a new park, a new goroutine's start, or a step
   * that left its op pending. Classifies the op and files the goroutine accordingly.
   */
  parked(t: Thread, op: Op, now: number): void {
    this.unwatch(t);
    const defers = op.defersTimers !== baseDefers;
    if (defers !== t.defers) {
      if (t.ready) this.defersCount += defers ? 1 : -1;
      t.defers = defers;
    }
    // A gated thread (runtime/gate.ts) is conditional whatever its op: it watches its gate too.
    if (t.gate === null) {
      if (op.isYieldOp) {
        this.list(t, now);
        if (t !== this.shownYield) this.unready(t);
        return;
      }
      if (op.enabled === baseEnabled) {
        this.list(t, now);
        this.enready(t);
        return;
      }
    }
    this.watch(t, op);
    this.file(t, op, now);
  }

  /** `t` takes a step of `op` (the strategy picked it) at step `now`: it moves to the list's tail. */
  stepping(t: Thread, op: Op, now: number): void {
    this.unwatch(t);
    this.unlist(t);
    this.list(t, now);
    if (this.watcherSets > 0) this.touchOp(op, true);
  }

  /** `op` arrived (its goroutine parked and `arrive` ran): its waiters may see a difference. */
  arrived(op: Op): void {
    if (op.arrive !== baseArrive && this.watcherSets > 0) this.touchOp(op, false);
  }

  /** `t` finished: it leaves every structure, and whoever joins it is re-evaluated. */
  finished(t: Thread): void {
    this.removed(t);
    this.touched(FINISH_KEY - t.id);
  }

  /** `t` was killed (Execution.kill): it leaves every structure; nobody waiting for its end is woken. */
  removed(t: Thread): void {
    this.unwatch(t);
    this.unlist(t);
    this.unready(t);
    if (t === this.shownYield) this.shownYield = null;
  }

  /** Object `id` changed outside the stepping op's footprint: re-evaluate its watchers. */
  touched(id: number): void {
    const key = normal(id);
    const set = key >= 0 ? this.objWatchers[key] : this.finishWatchers[FINISH_KEY - key];
    if (set !== undefined && set.size > 0) set.forEach(this.retestEach);
  }

  private readonly retestEach = (t: Thread): void => this.retest(t);

  /** `t`'s pending op may have changed whether it can run (a partner completed it, a context woke it). */
  retest(t: Thread): void {
    if (t.dirty || !t.conditional) return;
    t.dirty = true;
    this.dirtyList[this.dirtyCount++] = t;
  }

  /** Anything may have changed (a timer fired): re-evaluate every goroutine whose op can block. */
  wakeAll(): void {
    this.all = true;
  }

  // ---- queries --------------------------------------------------------------------------------

  /** Bring `ready` up to date at step `now` (before the scheduler looks): the re-evaluations queued. */
  refresh(now: number): ReadyList {
    if (this.all) {
      this.all = false;
      const list = this.dirtyList;
      for (let i = 0; i < this.dirtyCount; i++) list[i]!.dirty = false;
      this.dirtyCount = 0;
      // reevaluate never adds to or removes from the conditional list (file neither watches nor unwatches).
      for (let t = this.condHead; t !== null; t = t.cnext) this.reevaluate(t, now);
    } else if (this.dirtyCount > 0) {
      const list = this.dirtyList;
      const n = this.dirtyCount;
      this.dirtyList = this.spareList;
      this.dirtyCount = 0;
      for (let i = 0; i < n; i++) {
        const t = list[i]!;
        t.dirty = false;
        this.reevaluate(t, now);
      }
      this.spareList = list;
    }
    const h = this.head;
    const y = h !== null && h.pending !== null && h.pending.isYieldOp && this.yieldRunnable(h) ? h : null;
    if (y !== this.shownYield) {
      const old = this.shownYield;
      this.shownYield = y;
      if (old !== null && old.pending !== null && old.pending.isYieldOp) this.unready(old);
      if (y !== null) this.enready(y);
    }
    return this.ready;
  }

  /**
   * The fair-yield rule (yield.ts): a goroutine parked at a yield since step s (its progress) may run
   * iff every other listed goroutine has progress > s. The list is sorted by progress, so that holds
   * iff it is the head and its successor (if any) has greater progress.
   */
  yieldRunnable(t: Thread): boolean {
    return t.listed && t === this.head && (t.lnext === null || t.lnext.progress > t.progress);
  }

  /** May a timer fire as far as the runnable goroutines say (none defers timers)? */
  timersAllowed(): boolean {
    return this.defersCount === 0 || !this.ready.some((t) => t.defers && t.pending!.defersTimers());
  }

  /** For the checking mode: the goroutines in the progress list, in id order. */
  listedIds(): number[] {
    const ids: number[] = [];
    for (let t = this.head; t !== null; t = t.lnext) ids.push(t.id);
    return ids.sort((a, b) => a - b);
  }

  // ---- internals ------------------------------------------------------------------------------

  private reevaluate(t: Thread, now: number): void {
    const op = t.pending;
    if (op === null || !op.parked || !t.conditional) return;
    this.file(t, op, now);
  }

  /**
   * File a conditional goroutine by what it can do now: listed if its gate admits it and its op is
   * enabled in the base sense (a yield always is), ready if it can run (a yield only through refresh).
   */
  private file(t: Thread, op: Op, now: number): void {
    if (!t.admitted()) {
      this.unlist(t);
      this.unready(t);
    } else if (op.isYieldOp) {
      if (!t.listed) this.list(t, now);
      if (t !== this.shownYield) this.unready(t);
    } else if (op.enabled()) {
      if (!t.listed) this.list(t, now);
      this.enready(t);
    } else {
      this.unlist(t);
      this.unready(t);
    }
  }

  /**
   * The objects `op` touches (its object, what it is filed under (Op.watched) or its arrival, reads too:
   * a footprint's "read" is about commuting, and a WaitGroup's done is a read of it that wakes its waiters) get their watchers
   * re-evaluated — unless the op says it changes nothing others wait for (Op.wakesWaiters), so a
   * thousand goroutines passing one open gate cost O(1) each, not O(waiters).
   */
  private touchOp(op: Op, step: boolean): void {
    if (!op.wakesWaiters(!step)) return;
    const o = op.obj;
    if (o !== null) this.touched(o.id);
    const touches = step ? keysOf(op) : op.arrival();
    if (touches !== null) for (const x of touches) this.touched(x.id);
  }

  private watch(t: Thread, op: Op): void {
    // The goroutine's array from its previous watch, reused: its first `nwatch` entries are the keys
    // (unwatch resets the count, not the array: setting an array's length is a slow path in V8).
    const ids = (t.watching ??= []);
    let n = 0;
    const o = op.obj;
    if (o !== null) ids[n++] = o.id;
    const keys = keysOf(op);
    if (keys !== null) for (const x of keys) n = addKey(ids, n, normal(x.id));
    // An op on no object can only be waiting for a goroutine (a join): it watches that one's end.
    const w = o === null ? op.waitsFor() : null;
    if (w !== null) ids[n++] = FINISH_KEY - w.id;
    if (t.gate !== null) n = addKey(ids, n, t.gate.id);
    for (let i = 0; i < n; i++) this.watchersOf(ids[i]!).add(t);
    t.nwatch = n;
    t.conditional = true;
    t.cprev = this.condTail;
    t.cnext = null;
    if (this.condTail !== null) this.condTail.cnext = t;
    else this.condHead = t;
    this.condTail = t;
  }

  /** The watcher set of key `id` (made on first use; the arrays grow densely, never with holes). */
  private watchersOf(id: number): Watchers {
    const table = id >= 0 ? this.objWatchers : this.finishWatchers;
    const i = id >= 0 ? id : FINISH_KEY - id;
    while (table.length <= i) table.push(undefined);
    let set = table[i];
    if (set === undefined) {
      table[i] = set = new Watchers();
      this.watcherSets++;
    }
    return set;
  }

  private unwatch(t: Thread): void {
    if (!t.conditional) return;
    t.conditional = false;
    if (t.cprev !== null) t.cprev.cnext = t.cnext;
    else this.condHead = t.cnext;
    if (t.cnext !== null) t.cnext.cprev = t.cprev;
    else this.condTail = t.cprev;
    t.cprev = t.cnext = null;
    // An emptied set stays for the next watcher of its object (objects are waited on again and again).
    const ids = t.watching!;
    const n = t.nwatch;
    for (let i = 0; i < n; i++) {
      const id = ids[i]!;
      (id >= 0 ? this.objWatchers[id] : this.finishWatchers[FINISH_KEY - id])!.delete(t);
    }
    t.nwatch = 0;
  }

  private list(t: Thread, now: number): void {
    if (t.listed) return;
    t.listed = true;
    t.progress = now;
    t.lprev = this.tail;
    t.lnext = null;
    if (this.tail) this.tail.lnext = t;
    else this.head = t;
    this.tail = t;
  }

  private unlist(t: Thread): void {
    if (!t.listed) return;
    t.listed = false;
    if (t.lprev) t.lprev.lnext = t.lnext;
    else this.head = t.lnext;
    if (t.lnext) t.lnext.lprev = t.lprev;
    else this.tail = t.lprev;
    t.lprev = t.lnext = null;
  }

  private enready(t: Thread): void {
    if (t.ready) return;
    t.ready = true;
    if (t.defers) this.defersCount++;
    this.ready.add(t);
  }

  private unready(t: Thread): void {
    if (!t.ready) return;
    t.ready = false;
    if (t.defers) this.defersCount--;
    this.ready.remove(t);
  }
}

/** What `op` is filed under besides its object (Op.watched); null when that is only its object (the default footprint). */
function keysOf(op: Op): readonly Touch[] | null {
  if (op.watched !== baseWatched) return op.watched();
  return op.footprint !== baseFootprint ? op.footprint() : null;
}

/** `id` appended to the first `n` keys of `ids` unless already there; the new count. */
function addKey(ids: number[], n: number, id: number): number {
  for (let i = 0; i < n; i++) if (ids[i] === id) return n;
  ids[n] = id;
  return n + 1;
}
