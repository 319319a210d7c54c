/**
 * tokio's `batch_semaphore`, the one fair queue under tokio's `Semaphore`, `Mutex`, `RwLock` and
 * `OnceCell` (as in tokio itself): a count of available permits and a FIFO queue of waiters, each
 * needing some permits. Permits released (or added) go to the head waiter first, partially if it needs
 * more than there are; a waiter is woken only once it has all it needs, so a later, smaller request
 * never overtakes an earlier one (FIFO, no barging: while anyone waits, `available` is 0 or less than
 * the head's need, so a try-acquire fails). A cancelled waiter (a lost select branch, an elapsed
 * timeout, an aborted task) leaves the queue and hands what it was assigned to the next waiters (cancel
 * safety). `close()` wakes every queued waiter with an error.
 *
 * Every change happens inside a step or a synchronous call of a task; the caller declares the touch of
 * the owning object (the Selectables write it; synchronous calls use Execution.noteTouch/touched).
 * Happens-before: a release (or add) joins the releaser's clock into `clock`, an acquisition joins it.
 */
import { VectorClock } from '../../runtime/clock.js';
import { currentExecution } from '../../runtime/current.js';
import { ScenarioError } from '../../runtime/errors.js';
import { callerLocation } from '../../runtime/locations.js';
import type { SimObjectRef } from '../../runtime/op.js';
import type { Thread } from '../../runtime/thread.js';

/**
 * tokio's `try_acquire` / `try_lock` / `try_read` / `try_write`, which return a `Result` at once (no
 * await point): run in the calling task's code, as mpsc's `trySend` is. `sem.tryAcquire(n)` is tried
 * now; the explorers see a code touch of `obj` by the step whose continuation runs it — a read when it
 * fails (a failed try changes nothing), a write when it takes permits, whose waiters are then looked at
 * again. The caller builds the `Result` (and the happens-before of a success: its acquisition of the
 * lock's or semaphore's clock). The value returned is not a thenable, so `(await m.tryLock())` and
 * `m.tryLock()` are the same call, made once.
 */
export function tryInCode(
  what: string,
  obj: SimObjectRef,
  sem: BatchSemaphore,
  n: number,
): { r: 'ok' | 'closed' | 'none'; thread: Thread; at: string | undefined } {
  const exec = currentExecution(`${what}()`);
  const thread = exec.running;
  if (!thread) throw new ScenarioError(`${what}() was called outside any ${exec.flavour.thread}`, callerLocation());
  const prev = thread.pending;
  if (prev && !prev.parked) {
    // An operation made and not awaited (a `drop(x)` without `await`) has not happened yet: a try now
    // would see the state before it. Reported as the next operation's call reports it (Execution.register).
    exec.notAwaited(prev);
  }
  const at = exec.captureLocations ? callerLocation() : undefined;
  const r = sem.tryAcquire(n);
  exec.noteTouch(obj.id, r !== 'ok');
  if (r === 'ok') exec.touched(obj.id);
  return { r, thread, at };
}

/** One queued acquisition. */
export interface SemWaiter {
  readonly need: number;
  readonly thread: Thread;
  /** Permits given to it so far. */
  assigned: number;
  /** It has all it needs (left the queue), or the semaphore was closed while it waited. */
  woken: boolean;
  /** Woken by close() without its permits. */
  closed: boolean;
  /** In the queue now. */
  queued: boolean;
}

export class BatchSemaphore {
  closed = false;
  readonly queue: SemWaiter[] = [];
  readonly clock = new VectorClock();

  constructor(public available: number) {}

  /**
   * Would `tryAcquire(n)` succeed now (pure)? While anyone waits, `available` is 0 (a release serves the
   * queue first), so only a request for 0 permits succeeds then, as in tokio (its try_acquire compares
   * with the free permits only).
   */
  canTake(n: number): boolean {
    return !this.closed && (n === 0 || (this.queue.length === 0 && this.available >= n));
  }

  /** Take `n` at once if nobody waits and there are enough: 'ok', 'closed' or 'none' (tokio's try_acquire). */
  tryAcquire(n: number): 'ok' | 'closed' | 'none' {
    if (this.closed) return 'closed';
    if (this.canTake(n)) {
      this.available -= n;
      return 'ok';
    }
    return 'none';
  }

  /** A new waiter's first poll: served at once, or queued (with what is available assigned to it). */
  enqueue(thread: Thread, need: number): SemWaiter {
    const w: SemWaiter = { need, thread, assigned: 0, woken: false, closed: false, queued: false };
    if (this.closed) {
      w.woken = w.closed = true;
      return w;
    }
    // tokio's acquire of 0 permits is ready at its first poll, whoever waits (it takes nothing).
    if (need === 0) {
      w.woken = true;
      return w;
    }
    if (this.queue.length === 0) {
      const give = Math.min(this.available, need);
      this.available -= give;
      w.assigned = give;
      if (give === need) {
        w.woken = true;
        return w;
      }
    }
    w.queued = true;
    this.queue.push(w);
    return w;
  }

  /** Return `n` permits (a drop, addPermits): the head waiters get them first. */
  release(n: number): void {
    this.available += n;
    this.assign();
  }

  private assign(): void {
    while (this.queue.length > 0 && this.available > 0) {
      const w = this.queue[0]!;
      const give = Math.min(this.available, w.need - w.assigned);
      w.assigned += give;
      this.available -= give;
      if (w.assigned < w.need) break;
      this.queue.shift();
      w.queued = false;
      w.woken = true;
    }
  }

  /**
   * The waiter's future was dropped: it leaves the queue and gives back what it was assigned; one that
   * was woken with all its permits but not yet taken gives them all back (to the next waiters).
   */
  cancel(w: SemWaiter): void {
    if (w.queued) {
      this.queue.splice(this.queue.indexOf(w), 1);
      w.queued = false;
      const back = w.assigned;
      w.assigned = 0;
      // Its leaving may let the new head be served with what is available.
      this.release(back);
    } else if (w.woken && !w.closed && w.assigned > 0) {
      const back = w.assigned;
      w.assigned = 0;
      this.release(back);
    }
    w.woken = false;
  }

  /** tokio's close(): every waiter wakes with an error; later acquisitions fail. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const w of this.queue) {
      this.available += w.assigned;
      w.assigned = 0;
      w.queued = false;
      w.woken = w.closed = true;
    }
    this.queue.length = 0;
  }

  /** The threads queued, head first (reports). */
  waiting(): Thread[] {
    return this.queue.map((w) => w.thread);
  }
}
