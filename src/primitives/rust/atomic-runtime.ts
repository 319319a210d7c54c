/**
 * Where the Rust atomics meet the runtime:
 *
 * - {@link RustOp}: the one base class of the atomics', fences' and UnsafeCell's operations, with its
 *   typed operation kind. Every subclass gives its own `footprint()`.
 * - {@link atomicWorld}: per execution, the memory-model engine (src/primitives/rust/memory) and the
 *   object ids the atomics' dependence (DPOR) uses, in a `WeakMap<Execution, …>` created on first use.
 * - {@link atomicHistory}: the bound on each location's store history, from the execution's options
 *   (`atomicHistory`, the CLI's `--atomic-history N`) or 7.
 *
 * ## Dependence (what the operations' footprints say, and why that is sound)
 *
 * Each atomic location x has its own object id and a companion id `x.sc` (its SeqCst state: the
 * engine's SeqCst floor of x, and what SeqCst fences bound on x); one more id per execution, the
 * *registry*, stands for "the set of atomic locations and the SeqCst fences' joined clock".
 *
 * | operation | touches |
 * |---|---|
 * | `load(Relaxed/Acquire)`, and a compare-exchange that will fail (failure ordering not SeqCst) | reads x |
 * | `load(SeqCst)`, a failing compare-exchange with SeqCst failure ordering | reads x, writes x.sc |
 * | `store`, `swap`, `fetch_*`, a compare-exchange that will succeed (or may: weak) | writes x; writes x.sc if SeqCst, else reads it |
 * | `fence(SeqCst)` | writes the registry and x.sc of every location that exists |
 * | `fence(Acquire/Release/AcqRel)` | nothing (only its own thread's state: same-thread steps are always dependent) |
 * | `new AtomicUsize(…)` (goroutine code, not a step) | reads the registry |
 *
 * A load's read-from choice is explored by dpor.ts like every choice: each other answer is a branch
 * at the step's state, and a step asleep for some answers only still runs with the others there
 * (dpor.ts awakeAnswer).
 *
 * Why each is enough (two steps are independent when, run in either order from one state, both can
 * run and they leave the same state, every value read included):
 * - A non-SeqCst load's candidates depend on x's stores (written by stores) and on the loading
 *   thread's clock; what it changes — the store's "seen by this thread" epoch, the thread's clock
 *   and its pending acquire clock — matters only to steps that happen after it in the runtime's
 *   happens-before, which the explorer already orders after it (every runtime synchronisation is
 *   a conflicting access of one object). So loads of one location commute, as loads should.
 * - A read-modify-write always reads the newest store, so a compare-exchange that fails is a load
 *   of the newest store (with the failure ordering) and changes nothing any other step can see:
 *   it is a read, decided before the step from the same state the step runs in (nothing runs in
 *   between). Whether it would fail can only change by a store to x, which conflicts with it. A
 *   weak compare-exchange that would succeed but may fail spuriously is taken as a write (an
 *   over-approximation: sound).
 * - SeqCst loads raise x's SeqCst floor, which bounds later SeqCst loads and fences: they write x.sc.
 *   A SeqCst store or RMW moves the floor too: writes x.sc. Other stores add a store that a later
 *   SeqCst fence may bound: they read x.sc, which the fence writes.
 * - A SeqCst fence reads every location's stores and floor and the SeqCst fences' clock, and marks
 *   the bound stores as seen by its thread: it writes every x.sc and the registry (so two SeqCst
 *   fences are ordered). A location created after it did not exist for it: creation reads the
 *   registry, so a fence and the creation of a location are ordered either way.
 * The races the explorer reverses are then exactly the orders that can change a value read; every
 * read-from choice is a recorded choice (`exec.choose('atomic-load', n)`), whose other answers the
 * explorer branches on.
 */
import type { Execution } from '../../runtime/execution.js';
import { Op, type Touch } from '../../runtime/op.js';
import type { Thread } from '../../runtime/thread.js';
import { DEFAULT_MAX_HISTORY, MemoryModel } from './memory/model.js';

/** The kinds of step the Rust atomics and cells take. */
export type RustAccess = 'load' | 'store' | 'rmw' | 'cas' | 'fence' | 'read' | 'write';

/** The base of every Rust atomic / fence / UnsafeCell operation. */
export abstract class RustOp<T> extends Op<T> {
  constructor(
    exec: Execution,
    readonly kind: RustAccess,
  ) {
    super(exec);
  }
  abstract override footprint(): readonly Touch[];
}

/** One execution's atomics: the engine, and the ids their dependence uses (see the file comment). */
export interface AtomicWorld {
  readonly model: MemoryModel;
  /** Read by every location's creation, written by every SeqCst fence. */
  readonly registry: number;
  /** The x.sc ids of every location created so far. */
  readonly scIds: number[];
  /** The ids of every atomic created so far (what a load or store of it touches). */
  readonly ids: number[];
}

const worlds = new WeakMap<Execution, AtomicWorld>();

/**
 * The bound on every location's store history in this execution: the execution's `atomicHistory`
 * option (`--atomic-history N`), else the engine's default 7.
 */
export function atomicHistory(exec: Execution): number {
  return exec.atomicHistory ?? DEFAULT_MAX_HISTORY;
}

/** The execution's atomics state, created on first use (in goroutine code: its ids are the creating step's). */
export function atomicWorld(exec: Execution): AtomicWorld {
  let w = worlds.get(exec);
  if (!w) {
    w = { model: new MemoryModel({ maxHistory: atomicHistory(exec) }), registry: exec.newObjectId(), scIds: [], ids: [] };
    worlds.set(exec, w);
  }
  return w;
}

/** The thread whose code runs now (an object's creator): main when none (never, in practice). */
export function runningThread(exec: Execution): Thread {
  return exec.running ?? exec.threads[0]!;
}

/** Goroutine code (not a step) read (`read`) or changed an object: a dependence for the explorers. */
export function noteCodeTouch(exec: Execution, id: number, read: boolean): void {
  exec.noteTouch(id, read);
}

/**
 * A yield (`thread.yieldNow()`) catches the yielding thread's view up with every atomic's newest store
 * (MemoryModel.catchUp): a thread that spins on a load with a yield in the loop reads, after the yield,
 * nothing older than what was stored before it. This is the fairness of weak memory that C++ states as
 * "stores become visible to loads in a finite time" ([intro.progress], [atomics.order] p11) and that
 * loom relies on too; without it `while (x.load(Relaxed) !== 1) yieldNow()` could read the stale value
 * forever and an exhaustive search would never end. It reads the newest store of every location, in
 * thread code: the explorers see it as reads of every atomic.
 */
export function catchUpAtYield(exec: Execution, t: Thread): void {
  const w = worlds.get(exec);
  if (!w) return;
  w.model.catchUp(t.id, t.clock);
  for (const id of w.ids) exec.noteTouch(id, true);
}
