/**
 * Lock-order inversions: locks taken in orders that can deadlock, even where this execution did not.
 *
 * Over one execution, each blocking acquisition of a lock L by goroutine G while G holds H1..Hk adds
 * the edges Hi → L, each remembering G, where Hi and L were taken, everything G held at that moment
 * (with the mode: a read lock counts as a lock) and G's epoch (its own clock entry). A set of
 * goroutines can deadlock on these locks when the graph has a cycle L1 → L2 → … → L1 whose edges
 * could all be "in progress" at once:
 * - the edges come from pairwise distinct goroutines (one goroutine waits for one lock at a time,
 *   so a goroutine re-locking in both orders is no inversion, and neither is a cycle that needs one
 *   goroutine in two places; a real k-goroutine deadlock always has such a cycle);
 * - no two of its edges are protected by a common lock: a lock both goroutines held at their edges,
 *   at least one of them exclusively. A "gate" lock that every goroutine holds at every edge is the
 *   usual case; requiring the held sets to be pairwise compatible is the goodlock condition and is
 *   stricter only where two goroutines of the cycle could never be at their edges together anyway;
 * - no edge happened before another edge's goroutine took its first lock: then that edge was over
 *   before the other goroutine could hold anything (main locking a then b during setup, and only
 *   then starting a worker that locks b then a, can never deadlock). The goroutine's clock is taken
 *   at its first lock acquisition, before it acquires that lock's clock, so the order the locks
 *   themselves impose does not hide an inversion (it can still come in through a third goroutine's
 *   locking: then another schedule shows it). A repeated edge keeps its latest epoch.
 * Read-read is treated as a conflict at the cycle's own locks (a waiting writer blocks new readers
 * in Go's writer-preferring RWMutex), but two readers of a common lock are not protected by it.
 *
 * When: at the acquisition that closes a cycle, the execution ends with a `lock-order-inversion`
 * finding listing every edge's goroutine and both acquisition sites. Edges are recorded when the lock
 * is acquired, not requested: a schedule that really deadlocks is reported as `deadlock` (found when
 * the second goroutine starts to wait), one that does not as the inversion. A successful tryLock adds
 * no edge into the lock it took (it never waits), but the lock then counts as held.
 *
 * The search is a depth-first walk from the new edge's target back to its source over edge
 * instances (deduplicated by goroutine, locks, modes and held set), with a budget so that a
 * pathological graph cannot stall an execution.
 */
import type { VectorClock } from '../runtime/clock.js';
import type { Execution } from '../runtime/execution.js';
import type { Thread } from '../runtime/thread.js';

export type LockMode = 'write' | 'read';

/** A lock as the graph knows it: Mutex, RWMutex (any SimObject with a label). */
export interface LockRef {
  readonly id: number;
  readonly label: string;
}

export interface HeldLock {
  readonly lock: LockRef;
  readonly mode: LockMode;
  readonly at: string | undefined;
}

/** The goroutine of an edge: its id, name and clock at its first lock acquisition (null: unknown). */
export interface EdgeThread {
  readonly id: number;
  readonly name: string;
  readonly firstLockClock: VectorClock | null;
}

/** One edge instance: `thread` took `to` while holding `from` (and everything in `held`). */
export interface LockEdge {
  readonly from: LockRef;
  readonly to: LockRef;
  readonly thread: EdgeThread;
  /** The goroutine's own clock entry at the latest acquisition of this edge (0: unknown). */
  epoch: number;
  readonly fromMode: LockMode;
  readonly toMode: LockMode;
  /** Where `from` was taken and where `to` was taken. */
  readonly fromAt: string | undefined;
  readonly toAt: string | undefined;
  /** Every lock the goroutine held when it took `to` (includes `from`). */
  readonly held: readonly HeldLock[];
}

/** How many edges one cycle search may look at. */
const SEARCH_BUDGET = 20_000;

/** Did edge `a` happen before `b`'s goroutine took its first lock? */
function over(a: LockEdge, b: LockEdge): boolean {
  const c = b.thread.firstLockClock;
  return c !== null && a.epoch > 0 && a.epoch <= c.get(a.thread.id);
}

/**
 * Can two edges not be in progress together: a lock both held, at least one of them exclusively,
 * or one was over before the other's goroutine held any lock?
 */
function exclusive(a: LockEdge, b: LockEdge): boolean {
  for (const x of a.held) {
    for (const y of b.held) {
      if (x.lock.id === y.lock.id && (x.mode === 'write' || y.mode === 'write')) return true;
    }
  }
  return over(a, b) || over(b, a);
}

function edgeKey(e: LockEdge): string {
  const held = e.held.map((h) => `${h.lock.id}${h.mode[0]}`).join(',');
  return `${e.from.id}${e.fromMode[0]}>${e.to.id}${e.toMode[0]}@${e.thread.id}|${held}`;
}

/** The lock-order graph of one execution. Pure: no execution needed, so it is unit-testable. */
export class LockOrderGraph {
  private readonly out = new Map<number, LockEdge[]>();
  private readonly keys = new Map<string, LockEdge>();

  /** Number of distinct edges recorded. */
  get size(): number {
    return this.keys.size;
  }

  /**
   * Record that `thread` (at `epoch`, its own clock entry; 0 when unknown) took `to` (mode
   * `toMode`, at `toAt`) while holding `held`. Returns the first cycle the new edges close (in cycle
   * order, the closing edge last), or null. An edge seen before only moves to the later epoch, and
   * is searched again, as a later instance may overlap where the earlier one could not.
   */
  acquire(
    thread: EdgeThread,
    held: readonly HeldLock[],
    to: LockRef,
    toMode: LockMode,
    toAt: string | undefined,
    epoch = 0,
  ): LockEdge[] | null {
    const added: LockEdge[] = [];
    const seen = new Set<number>();
    for (const h of held) {
      if (h.lock.id === to.id || seen.has(h.lock.id)) continue;
      seen.add(h.lock.id);
      const e: LockEdge = { from: h.lock, to, thread, epoch, fromMode: h.mode, toMode, fromAt: h.at, toAt, held };
      const key = edgeKey(e);
      const old = this.keys.get(key);
      if (old !== undefined) {
        if (epoch > old.epoch) {
          old.epoch = epoch;
          added.push(old);
        }
        continue;
      }
      this.keys.set(key, e);
      let list = this.out.get(h.lock.id);
      if (!list) this.out.set(h.lock.id, (list = []));
      list.push(e);
      added.push(e);
    }
    for (const e of added) {
      const path = this.pathBack(e);
      if (path) return [...path, e];
    }
    return null;
  }

  /** A path from `closing.to` back to `closing.from` that forms a feasible cycle with `closing`. */
  private pathBack(closing: LockEdge): LockEdge[] | null {
    const path: LockEdge[] = [];
    const threads = new Set<number>([closing.thread.id]);
    const onPath = new Set<number>([closing.to.id]);
    let budget = SEARCH_BUDGET;
    const visit = (node: number): boolean => {
      for (const e of this.out.get(node) ?? []) {
        if (--budget < 0) return false;
        if (threads.has(e.thread.id)) continue;
        if (exclusive(e, closing) || path.some((p) => exclusive(p, e))) continue;
        if (e.to.id !== closing.from.id && onPath.has(e.to.id)) continue;
        path.push(e);
        if (e.to.id === closing.from.id) return true;
        threads.add(e.thread.id);
        onPath.add(e.to.id);
        if (visit(e.to.id)) return true;
        threads.delete(e.thread.id);
        onPath.delete(e.to.id);
        path.pop();
      }
      return false;
    };
    return visit(closing.to.id) ? path : null;
  }
}

/** Per execution: the graph, what each goroutine holds (in acquisition order) and who it is. */
interface State {
  readonly graph: LockOrderGraph;
  readonly held: Map<number, HeldLock[]>;
  readonly threads: Map<number, EdgeThread>;
}

const states = new WeakMap<Execution, State>();

function stateOf(exec: Execution): State {
  let s = states.get(exec);
  if (!s) states.set(exec, (s = { graph: new LockOrderGraph(), held: new Map(), threads: new Map() }));
  return s;
}

/**
 * Called by a lock primitive when goroutine `t` has acquired `lock`. `blocking` is false for a
 * successful try-lock (no edge into `lock`). Ends the execution with a finding when the acquisition
 * closes a lock-order cycle.
 */
export function noteAcquire(exec: Execution, t: Thread, lock: LockRef, mode: LockMode, at: string | undefined, blocking: boolean): void {
  const s = stateOf(exec);
  let mine = s.held.get(t.id);
  if (!mine) s.held.set(t.id, (mine = []));
  let who = s.threads.get(t.id);
  if (!who) s.threads.set(t.id, (who = { id: t.id, name: t.name, firstLockClock: t.clock.copy() }));
  if (blocking && mine.length > 0) {
    const cycle = s.graph.acquire(who, mine.slice(), lock, mode, at, t.clock.get(t.id));
    if (cycle) report(exec, cycle);
  }
  mine.push({ lock, mode, at });
}

/**
 * Called by a lock primitive when `lock` (taken in `mode`) is released. `t` is the goroutine that
 * holds it, if known; otherwise (Go's locks have no owner) the first goroutine holding it that way.
 */
export function noteRelease(exec: Execution, t: Thread | null, lock: LockRef, mode: LockMode): void {
  const s = states.get(exec);
  if (!s) return;
  if (t && dropHeld(s.held.get(t.id), lock, mode)) return;
  const ids = [...s.held.keys()].sort((a, b) => a - b);
  for (const id of ids) if (dropHeld(s.held.get(id), lock, mode)) return;
}

/** Remove the latest hold of `lock` in `mode` from `list`; false when there is none. */
function dropHeld(list: HeldLock[] | undefined, lock: LockRef, mode: LockMode): boolean {
  if (!list) return false;
  for (let i = list.length - 1; i >= 0; i--) {
    if (list[i]!.lock.id === lock.id && list[i]!.mode === mode) {
      if (i === list.length - 1) list.pop();
      else list.splice(i, 1);
      return true;
    }
  }
  return false;
}

function lockName(l: LockRef, mode: LockMode): string {
  return mode === 'read' ? `${l.label} (read)` : l.label;
}

function report(exec: Execution, cycle: LockEdge[]): void {
  const order = [...cycle.map((e) => lockName(e.from, e.fromMode)), lockName(cycle[0]!.from, cycle[0]!.fromMode)].join(' → ');
  const names = cycle.map((e) => `'${e.thread.name}'`).join(', ');
  const { thread, threads } = exec.flavour;
  const details = cycle.map((e, i) => {
    const closing = i === cycle.length - 1 ? ' (this acquisition closes the cycle)' : '';
    return (
      `${thread} '${e.thread.name}' locked ${lockName(e.to, e.toMode)}${e.toAt ? ` at ${e.toAt}` : ''} ` +
      `while holding ${lockName(e.from, e.fromMode)}${e.fromAt ? ` (locked at ${e.fromAt})` : ''}${closing}`
    );
  });
  details.push(
    cycle.length === 2
      ? `if each ${thread} takes its first lock before the other takes its second, both wait forever`
      : `if each of the ${cycle.length} ${threads} takes its first lock before the next one takes its second, they all wait forever`,
  );
  details.push('no lock held in common orders these acquisitions: take the locks in one global order, or under one gate lock');
  exec.fatal('lock-order-inversion', `potential deadlock: ${threads} ${names} take ${order} in conflicting orders`, {
    threads: cycle.map((e) => exec.threads[e.thread.id]!),
    locations: cycle.flatMap((e) => [e.toAt, e.fromAt]),
    details,
  });
}
