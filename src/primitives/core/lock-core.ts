/**
 * The state of an exclusive lock, shared by every flavour's mutex (Go's sync.Mutex and its staged
 * variants; Rust's std Mutex<T> wraps one with its poison flag and guards): who holds it, the clock
 * its last release left, and the detectors' hooks.
 *
 * Invariants:
 * - Every acquisition and release goes through `acquire` / `release`, the only places that change
 *   `locked`: the lock-order detector and the holder's hold list see each one exactly once, in order.
 * - `holder` is the thread whose acquire locked it, while it is locked (null when unlocked, and for a
 *   copy of a locked Go Mutex, whose holder stays with the original).
 * - Happens-before: a release overwrites `clock` with the releaser's (each holder has already acquired
 *   the previous one's, so nothing is lost: runtime/sync.ts releaseOverwrite); an acquire joins it.
 * - No queue of waiters: while it is locked every thread waiting to lock it is blocked (its op's
 *   `enabled()` reads `locked`), and at a release the scheduler chooses which waiter wins, which
 *   covers every order a real implementation allows (Go's and Rust's std mutexes are both unfair).
 *   A lock with a fair hand-off keeps its own queue on top.
 * - Who may release is the flavour's business: Go lets any goroutine unlock (`ownerless`), a Rust
 *   guard belongs to its thread. `ownerless` decides only when re-locking by the holder is reported:
 *   at once when nobody else could release it (Rust: always; Go: when no other goroutine is alive),
 *   else by the deadlock or leak check if nobody does.
 */
import { checkSelfLock, checkWaitCycle, reportSelfLock } from '../../detectors/deadlock.js';
import { noteAcquire, noteRelease } from '../../detectors/lock-order.js';
import { VectorClock } from '../../runtime/clock.js';
import { acquire, releaseOverwrite } from '../../runtime/sync.js';
import type { Thread } from '../../runtime/thread.js';
import type { SimObject } from './object.js';

export interface LockCoreOptions {
  /** Any thread may release it, not only its holder (Go). Default false (Rust's guards). */
  ownerless?: boolean;
}

export class LockCore {
  locked = false;
  holder: Thread | null = null;
  /** Where the holder locked it, for reports. */
  holderAt: string | undefined;
  /** The clock released by the last release. */
  readonly clock = new VectorClock();
  private readonly ownerless: boolean;

  constructor(
    /** The lock object itself: its id and label for the detectors, its `used` flag. */
    readonly lock: SimObject,
    opts: LockCoreOptions = {},
  ) {
    this.ownerless = opts.ownerless ?? false;
  }

  /**
   * `t` calls a blocking lock at `at` (before it waits): re-locking a lock it holds is a double lock,
   * waiting on a holder that waits (transitively) on `t` a deadlock cycle. Reported at the call.
   */
  checkLock(t: Thread, at: string | undefined): void {
    if (!this.locked) return;
    if (this.holder === t) {
      if (this.ownerless) checkSelfLock(this.lock.exec, t, this.lock.label, at, this.holderAt);
      else reportSelfLock(this.lock.exec, t, this.lock.label, at, this.holderAt);
    } else checkWaitCycle(this.lock.exec, t);
  }

  /** Lock by `t` (it must be unlocked); `blocking` is false for a successful try-lock (no lock-order edge). */
  acquire(t: Thread, at: string | undefined, blocking = true): void {
    // First, so that a lock-order report shows the state just before this acquisition.
    noteAcquire(this.lock.exec, t, this.lock, 'write', at, blocking);
    this.lock.used = true;
    this.locked = true;
    this.holder = t;
    this.holderAt = at;
    acquire(t, this.clock);
    t.hold(this.lock, this.lock.label, at);
  }

  /** Release by `t` (the flavour has checked it may): publish `t`'s clock, forget the holder. */
  release(t: Thread): void {
    releaseOverwrite(t, this.clock);
    noteRelease(this.lock.exec, this.holder ?? t, this.lock, 'write');
    this.holder?.release(this.lock);
    this.holder = null;
    this.holderAt = undefined;
    this.locked = false;
  }

  /** Is it locked by `t`? */
  heldBy(t: Thread): boolean {
    return this.locked && this.holder === t;
  }

  /** " (held by 'main' since x.ts:3:5)" while locked by a known holder, for what a waiter waits on; else "". */
  heldNote(): string {
    const h = this.holder;
    return this.locked && h ? ` (held by '${h.name}'${this.holderAt ? ` since ${this.holderAt}` : ''})` : '';
  }

  /** A copy's state (Go's copy of a Mutex value): locked or not and the released clock; the holder stays. */
  copyInto(other: LockCore): void {
    other.locked = this.locked;
    other.clock.assign(this.clock);
  }
}
