/**
 * The C++20 / Rust atomics memory model, as a pure and deterministic engine.
 *
 * This file knows nothing of executions, ops or schedulers. The caller (a simulated `AtomicUsize`,
 * `fence`, …) runs one atomic operation at a time, in the order of the interleaving it explores, and
 * passes the running thread's id and its {@link VectorClock}; the engine answers which stores a load
 * may read, performs the synchronisation (it mutates the thread's clock) and keeps the per-location
 * and per-thread state the model needs. Which store a load reads is the caller's scheduling choice:
 * {@link MemoryModel.loadCandidates} lists them newest first, so choice 0 is always allowed and
 * always the newest store — a caller that always picks 0 gets sequential consistency.
 *
 * ## Clocks
 *
 * A thread's clock is the runtime's happens-before clock: entry i counts the release events of
 * thread i the clock has seen, and a release *publishes* a copy of the releaser's clock, *then*
 * ticks the releaser's own entry (as Mutex unlock, spawn and the Go atomics do). So an event of
 * thread u done while its own entry was e — its epoch (u, e) — happens before everything whose
 * clock has entry u ≥ e. The engine relies on that discipline and follows it: every release it
 * performs (a Release/AcqRel/SeqCst store or read-modify-write, a Release/AcqRel/SeqCst fence)
 * copies the clock and then ticks the thread's own entry. A thread whose own entry is 0 is started
 * at 1 on its first atomic operation (the runtime starts every thread at 1 anyway).
 *
 * ## What is modelled
 *
 * - **Modification order** of a location is the order in which its stores execute; a store is
 *   always the newest in modification order when it happens.
 * - **Coherence** (write-write, read-read, read-write, write-read, as CDSChecker and loom): a load
 *   may read a store unless a newer store of that location is already *visible* to the loading
 *   thread — the load happens after the newer store, or after an event that read or wrote it
 *   (including its own earlier loads and stores, and anything it learnt through synchronisation).
 *   Each store keeps, per thread, the epoch at which that thread first saw it; the store is visible
 *   to a clock that covers one of those epochs.
 * - **Atomicity of read-modify-writes**: swap, fetch_*, compare-exchange (success and failure)
 *   read the newest store in modification order, so no increment is lost. A weak compare-exchange
 *   may fail spuriously when the caller says so (its scheduling choice).
 * - **Release/acquire**: an Acquire (or stronger) load that reads a Release (or stronger) store
 *   synchronises with it: the load's thread joins the clock the storer had at the store.
 * - **Release sequences** (C++20): a read-modify-write continues the release sequence of the store
 *   it reads, whatever its ordering or thread: an acquirer that reads the RMW synchronises with the
 *   head of the sequence as well (the RMW's sync clock joins the sync clock of the store it read).
 *   A plain store ends the sequence — also one by the head's own thread (C++20 dropped that case).
 * - **Fences**: `fence(Release)` followed by a Relaxed store synchronises with an acquirer of that
 *   store (the store carries the thread's clock as of its last release fence); a Relaxed load
 *   followed by `fence(Acquire)` synchronises with the release (store or fence) the load read from
 *   (relaxed loads collect what they read into a pending clock that the acquire fence joins).
 * - **SeqCst**, per C++20 [atomics.order] p4 (after P0668, "scfix"), with the single total order S
 *   of SeqCst operations and fences taken to be the order in which they execute (which is
 *   consistent with happens-before, as S must be). With "A is coherence-ordered before B" as the
 *   standard defines it, the four constraints on S become constraints on what a load may read:
 *   1. (4.1) a SeqCst load reads no store older than one that an earlier SeqCst operation on that
 *      location wrote or read (the location's *SeqCst floor*);
 *   2. (4.2) a SeqCst load reads no store older than one visible to an earlier SeqCst fence (the
 *      fences' joined clock, `scClock`);
 *   3. (4.3, 4.4) a SeqCst fence X makes, on every location, the newest store bound by (1) or (2)
 *      at that point *seen by X*: every load that X happens before (by any ordering, in the fence's
 *      thread or in threads that synchronise with it later) reads that store or a newer one.
 *   So store buffering with all SeqCst accesses, store buffering with SeqCst fences between
 *   Relaxed accesses (and the mixed forms), and IRIW with SeqCst loads or with SeqCst fences
 *   between Relaxed loads all lose their non-SC outcomes, as the standard says; loom's SeqCst
 *   treats SeqCst accesses as AcqRel and allows them (loom issue #180).
 *
 * ## Usage
 *
 * ```ts
 * const m = new MemoryModel();                              // one per execution; maxHistory 7
 * const x = m.location(0, main.id, main.clock, 'x');        // AtomicUsize::new(0)
 * m.store(x, t.id, t.clock, 1, Ordering.Release);           // x.store(1, Release)
 * const n = m.loadCandidates(x, u.id, u.clock, Ordering.Acquire).length;  // n ≥ 1: a choice if > 1
 * const v = m.load(x, u.id, u.clock, Ordering.Acquire, pick);  // pick in [0, n), 0 = newest
 * const old = m.rmw(x, t.id, t.clock, Ordering.AcqRel, (o) => U32.apply('add', o, 1)); // fetch_add
 * const r = m.compareExchange(x, t.id, t.clock, 1, 2, Ordering.AcqRel, Ordering.Acquire,
 *   { spuriousFailure: weakAndChosen });                    // { ok, value } as Result<old, actual>
 * m.fence(t.id, t.clock, Ordering.SeqCst);                  // fence(SeqCst)
 * ```
 *
 * Every method may throw an OrderingError (an ordering Rust panics on, with Rust's message) before
 * it changes anything; `rmw`'s function may throw (e.g. a WidthError) with the same guarantee.
 *
 * ## What is not modelled
 *
 * - **No load buffering / out-of-thin-air**: a load reads only stores that have already executed
 *   in the interleaving (as loom). Outcomes that need a load to read a store executed after it
 *   (LB: r1 = r2 = 1) are never produced.
 * - **Modification order is execution order**: a store is never placed before an already executed
 *   store of the same location, so e.g. the weak outcome of 2+2W is not produced.
 * - **S is execution order**: an execution whose total order S differs from the order of execution
 *   is explored only through the interleaving that executes its SeqCst operations in S's order.
 *   When that interleaving cannot exist in this operational model (because it would need load
 *   buffering) the outcome is missed. The engine errs on the side of under-approximating weak
 *   behaviours: it never lets SeqCst code observe a value that the C++20 rules above forbid.
 *   In one corner it is stronger than C++20: the standard asks S to agree only with *strongly*
 *   happens-before (P0668 weakened C++11 there for POWER), while execution order agrees with all of
 *   happens-before, so executions where a SeqCst operation happens before another only through a
 *   release/acquire chain yet follows it in S (RC11's Z6.U-style examples) are not produced.
 * - **Bounded history**: each location keeps its newest `maxHistory` stores (default 7, the
 *   `--atomic-history` option, as loom's MAX_ATOMIC_HISTORY). Older stores are forgotten: no load
 *   can read them any more, so outcomes that need a very stale value are not explored.
 * - Mixed-size and non-atomic accesses to an atomic, consume ordering, and `compiler_fence` are not
 *   modelled here; data races on plain memory are the race detector's business, fed with the
 *   clocks this engine updates.
 */
import { VectorClock } from '../../../runtime/clock.js';
import {
  checkCompareExchangeOrderings,
  checkFenceOrdering,
  checkLoadOrdering,
  checkRmwOrdering,
  checkStoreOrdering,
  isAcquire,
  isRelease,
  type Ordering,
} from './ordering.js';

/** How many stores a location remembers by default (loom's MAX_ATOMIC_HISTORY). */
export const DEFAULT_MAX_HISTORY = 7;

/** What the engine tells about one store in a location's history. */
export interface StoreInfo<T> {
  /** Position in the location's modification order: 0 is the initial value, then 1, 2, … */
  readonly mo: number;
  readonly value: T;
  /** The thread that stored it (the creating thread for the initial value). */
  readonly thread: number;
  /** The storer's clock at the store (a copy): the store happens before a clock ≥ its epoch (thread, clock.get(thread)). */
  readonly clock: VectorClock;
  /** Did a SeqCst operation store it? */
  readonly seqCst: boolean;
  /** Was it stored by a read-modify-write? */
  readonly rmw: boolean;
}

/** One store as the engine keeps it. */
interface StoreRecord<T> extends StoreInfo<T> {
  /**
   * What an acquirer of this store joins: the storer's clock for a Release+ store, the storer's
   * clock at its last release fence for a Relaxed one, joined with the sync clock of the store a
   * read-modify-write read (release sequences); null when there is nothing to acquire.
   */
  readonly sync: VectorClock | null;
  /**
   * Per thread, the epoch (own clock entry) at which an event of that thread first saw this store
   * (stored it, read it, or fenced with SeqCst while it was the bound). This generalises a per-thread
   * "latest store seen" index: the store is visible to every clock covering one of these epochs, so
   * read-read and write-read coherence also hold across threads that synchronise.
   */
  readonly seen: Map<number, number>;
}

/**
 * One atomic location (one `AtomicUsize`, …). Create it with {@link MemoryModel.location}; its
 * state is the engine's and only read through the engine.
 */
export class AtomicLocation<T> {
  /** Stores, oldest first; the last one is the newest in modification order. */
  readonly stores: StoreRecord<T>[] = [];
  /** The next store's position in modification order. */
  nextMo = 0;
  /** (4.1) SeqCst loads read no store older than this position in modification order. */
  scFloor = 0;

  constructor(
    readonly id: number,
    readonly name: string | undefined,
  ) {}
}

/** Per-thread side state. */
interface ThreadState {
  /** The clock at the thread's last release fence: what its Relaxed stores publish. */
  fenceRelease: VectorClock | null;
  /** The sync clocks of the stores its non-acquire loads read: what its next acquire fence joins. */
  pendingAcquire: VectorClock;
}

/** A compare-exchange's result, as Rust's `Result<T, T>`: the previous value, or the actual one. */
export type CompareExchangeResult<T> = { ok: true; value: T } | { ok: false; value: T };

export interface CompareExchangeOptions<T> {
  /**
   * Weak compare-exchange only: fail although the value matches (the caller's scheduling choice;
   * meaningful only when {@link MemoryModel.latest} equals `current`). The failure is a load with
   * the failure ordering of the newest store, as any failure.
   */
  spuriousFailure?: boolean;
  /** Value equality; default `Object.is` (numbers, bigints and booleans compare by value). */
  eq?: (a: T, b: T) => boolean;
}

export interface MemoryModelOptions {
  /** How many stores each location keeps (≥ 1). Default {@link DEFAULT_MAX_HISTORY}. */
  maxHistory?: number;
}

/** The engine: one per execution (all its locations and threads). */
export class MemoryModel {
  readonly maxHistory: number;
  private readonly locations: AtomicLocation<unknown>[] = [];
  private readonly threads = new Map<number, ThreadState>();
  /** (4.2) The join of the clocks of every SeqCst fence executed so far. */
  private readonly scClock = new VectorClock();

  constructor(options: MemoryModelOptions = {}) {
    const h = options.maxHistory ?? DEFAULT_MAX_HISTORY;
    if (!Number.isInteger(h) || h < 1) throw new RangeError(`maxHistory must be an integer ≥ 1, got ${h}`);
    this.maxHistory = h;
  }

  /**
   * A new location holding `initial`, written by `thread` (the creating thread) at `clock`: the
   * initial value is a plain (non-atomic) write, visible to whatever the creation happens before.
   */
  location<T>(initial: T, thread: number, clock: VectorClock, name?: string): AtomicLocation<T> {
    start(thread, clock);
    const loc = new AtomicLocation<T>(this.locations.length, name);
    this.locations.push(loc as AtomicLocation<unknown>);
    this.append(loc, thread, clock, initial, false, false, null);
    return loc;
  }

  /** The newest value in modification order (what a read-modify-write would read). */
  latest<T>(loc: AtomicLocation<T>): T {
    return loc.stores[loc.stores.length - 1]!.value;
  }

  /** The location's remembered stores, oldest first (for reports and tests). */
  history<T>(loc: AtomicLocation<T>): StoreInfo<T>[] {
    return loc.stores.map(info);
  }

  /**
   * The stores a load by `thread` (at `clock`, with ordering `order`) may read now, newest first:
   * element 0 is always the newest store (the sequentially consistent answer). The load itself is
   * {@link load} with the index of the chosen element. Throws an OrderingError for Release/AcqRel.
   */
  loadCandidates<T>(loc: AtomicLocation<T>, thread: number, clock: VectorClock, order: Ordering): StoreInfo<T>[] {
    checkLoadOrdering(order);
    start(thread, clock);
    const out: StoreInfo<T>[] = [];
    for (let i = loc.stores.length - 1; i >= this.oldestReadable(loc, clock, order); i--) out.push(info(loc.stores[i]!));
    return out;
  }

  /**
   * `loc.load(order)` by `thread`: reads the `pick`-th of {@link loadCandidates} (default 0, the
   * newest), records that the thread saw it, and synchronises: an acquire load joins the store's
   * sync clock into `clock`; a relaxed one keeps it for the thread's next acquire fence.
   */
  load<T>(loc: AtomicLocation<T>, thread: number, clock: VectorClock, order: Ordering, pick = 0): T {
    checkLoadOrdering(order);
    start(thread, clock);
    const n = loc.stores.length - this.oldestReadable(loc, clock, order);
    if (!Number.isInteger(pick) || pick < 0 || pick >= n) {
      throw new RangeError(`load pick ${pick} out of range: ${n} store(s) may be read`);
    }
    const rec = loc.stores[loc.stores.length - 1 - pick]!;
    this.read(loc, rec, thread, clock, order);
    return rec.value;
  }

  /** `loc.store(value, order)` by `thread`: the new newest store. */
  store<T>(loc: AtomicLocation<T>, thread: number, clock: VectorClock, value: T, order: Ordering): void {
    checkStoreOrdering(order);
    start(thread, clock);
    this.write(loc, thread, clock, value, order, null);
  }

  /**
   * A read-modify-write (`swap`, `fetch_add`, …) by `thread`: reads the newest store, stores
   * `f(old)` right after it, and returns `old`. The read part acquires if `order` does (Acquire,
   * AcqRel, SeqCst), the write part releases if `order` does; the new store continues the release
   * sequence of the one read. `f` may throw (e.g. a width error); then nothing has happened.
   */
  rmw<T>(loc: AtomicLocation<T>, thread: number, clock: VectorClock, order: Ordering, f: (old: T) => T): T {
    checkRmwOrdering(order);
    start(thread, clock);
    const rec = loc.stores[loc.stores.length - 1]!;
    const next = f(rec.value);
    this.read(loc, rec, thread, clock, order);
    this.write(loc, thread, clock, next, order, rec);
    return rec.value;
  }

  /** `loc.swap(value, order)`: {@link rmw} storing `value`. */
  swap<T>(loc: AtomicLocation<T>, thread: number, clock: VectorClock, value: T, order: Ordering): T {
    return this.rmw(loc, thread, clock, order, () => value);
  }

  /**
   * `compare_exchange(current, next, success, failure)` (and `_weak` with `spuriousFailure`): reads
   * the newest store; if it equals `current` (and no spurious failure), a read-modify-write with
   * `success` storing `next`, returning `{ ok: true, value: old }`; otherwise a load with `failure`
   * of that newest store, returning `{ ok: false, value: actual }`.
   */
  compareExchange<T>(
    loc: AtomicLocation<T>,
    thread: number,
    clock: VectorClock,
    current: T,
    next: T,
    success: Ordering,
    failure: Ordering,
    options: CompareExchangeOptions<T> = {},
  ): CompareExchangeResult<T> {
    checkCompareExchangeOrderings(success, failure);
    start(thread, clock);
    const rec = loc.stores[loc.stores.length - 1]!;
    const eq = options.eq ?? Object.is;
    if (eq(rec.value, current) && !options.spuriousFailure) {
      this.read(loc, rec, thread, clock, success);
      this.write(loc, thread, clock, next, success, rec);
      return { ok: true, value: rec.value };
    }
    this.read(loc, rec, thread, clock, failure);
    return { ok: false, value: rec.value };
  }

  /**
   * `fence(order)` by `thread`. Acquire part (Acquire, AcqRel, SeqCst): joins what the thread's
   * earlier non-acquire loads read. SeqCst: takes its place in S (see the file comment). Release
   * part (Release, AcqRel, SeqCst): the thread's later Relaxed stores publish its clock as of here.
   * Throws an OrderingError for Relaxed.
   */
  fence(thread: number, clock: VectorClock, order: Ordering): void {
    checkFenceOrdering(order);
    start(thread, clock);
    const ts = this.thread(thread);
    if (isAcquire(order)) clock.join(ts.pendingAcquire);
    if (order === 'SeqCst') {
      this.scClock.join(clock);
      for (const loc of this.locations) {
        const i = Math.max(this.scBound(loc), loc.stores.length - 1 - this.newestVisibleFromEnd(loc, this.scClock));
        seeAt(loc.stores[i]!, thread, clock);
      }
    }
    if (isRelease(order)) {
      ts.fenceRelease = clock.copy();
      clock.tick(thread);
    }
  }

  /**
   * Catch `thread`'s view up with the newest store of every location: its later loads read nothing
   * older (nor do loads its later events happen before). The runtime calls it at a yield, so that a
   * load in a yielding spin loop eventually sees every store made before it (finite visibility).
   */
  catchUp(thread: number, clock: VectorClock): void {
    start(thread, clock);
    for (const loc of this.locations) {
      const s = loc.stores;
      seeAt(s[s.length - 1]!, thread, clock);
    }
  }

  // ===== internals =====

  private thread(tid: number): ThreadState {
    let ts = this.threads.get(tid);
    if (!ts) {
      ts = { fenceRelease: null, pendingAcquire: new VectorClock() };
      this.threads.set(tid, ts);
    }
    return ts;
  }

  /** Index in `loc.stores` of the oldest store a load at `clock` with `order` may read. */
  private oldestReadable(loc: AtomicLocation<unknown>, clock: VectorClock, order: Ordering): number {
    // Coherence: nothing older than the newest store visible to the thread.
    let i = loc.stores.length - 1 - this.newestVisibleFromEnd(loc, clock);
    if (order === 'SeqCst') {
      i = Math.max(i, this.scBound(loc));
      i = Math.max(i, loc.stores.length - 1 - this.newestVisibleFromEnd(loc, this.scClock));
    }
    return i;
  }

  /** Index in `loc.stores` of the (4.1) SeqCst floor (0 when it was forgotten). */
  private scBound(loc: AtomicLocation<unknown>): number {
    return Math.max(0, loc.scFloor - loc.stores[0]!.mo);
  }

  /**
   * How far from the newest store the newest store visible to `clock` is (0: the newest is
   * visible), or the distance to the oldest remembered store when none is.
   */
  private newestVisibleFromEnd(loc: AtomicLocation<unknown>, clock: VectorClock): number {
    const s = loc.stores;
    for (let i = s.length - 1; i > 0; i--) if (visible(s[i]!, clock)) return s.length - 1 - i;
    return s.length - 1;
  }

  private read<T>(loc: AtomicLocation<T>, rec: StoreRecord<T>, thread: number, clock: VectorClock, order: Ordering): void {
    seeAt(rec, thread, clock);
    if (rec.sync) {
      if (isAcquire(order)) clock.join(rec.sync);
      else this.thread(thread).pendingAcquire.join(rec.sync);
    }
    if (order === 'SeqCst' && rec.mo > loc.scFloor) loc.scFloor = rec.mo;
  }

  /** A store by `thread` with `order`; `read` is the store a read-modify-write read, else null. */
  private write<T>(loc: AtomicLocation<T>, thread: number, clock: VectorClock, value: T, order: Ordering, read: StoreRecord<T> | null): void {
    const release = isRelease(order);
    let sync: VectorClock | null = release ? clock.copy() : (this.thread(thread).fenceRelease?.copy() ?? null);
    if (read?.sync) {
      if (sync) sync.join(read.sync);
      else sync = read.sync.copy();
    }
    const rec = this.append(loc, thread, clock, value, order === 'SeqCst', read !== null, sync);
    if (order === 'SeqCst') loc.scFloor = rec.mo;
    if (release) clock.tick(thread);
  }

  private append<T>(
    loc: AtomicLocation<T>,
    thread: number,
    clock: VectorClock,
    value: T,
    seqCst: boolean,
    rmw: boolean,
    sync: VectorClock | null,
  ): StoreRecord<T> {
    const rec: StoreRecord<T> = {
      mo: loc.nextMo++,
      value,
      thread,
      clock: clock.copy(),
      seqCst,
      rmw,
      sync,
      seen: new Map([[thread, clock.get(thread)]]),
    };
    loc.stores.push(rec);
    // The bound: the oldest store is forgotten, no load can read it any more.
    if (loc.stores.length > this.maxHistory) loc.stores.shift();
    return rec;
  }
}

/** A thread's own entry starts at 1, so that epochs (u, e ≥ 1) never read as "not seen". */
function start(thread: number, clock: VectorClock): void {
  if (clock.get(thread) === 0) clock.set(thread, 1);
}

/** Record that an event of `thread`, now, saw `rec` (only the first time counts: epochs grow). */
function seeAt(rec: StoreRecord<unknown>, thread: number, clock: VectorClock): void {
  if (!rec.seen.has(thread)) rec.seen.set(thread, clock.get(thread));
}

/** Did an event that saw `rec` happen before a clock `clock`? */
function visible(rec: StoreRecord<unknown>, clock: VectorClock): boolean {
  for (const [u, e] of rec.seen) if (e <= clock.get(u)) return true;
  return false;
}

function info<T>(r: StoreRecord<T>): StoreInfo<T> {
  return { mo: r.mo, value: r.value, thread: r.thread, clock: r.clock.copy(), seqCst: r.seqCst, rmw: r.rmw };
}
