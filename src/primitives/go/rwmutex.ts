/**
 * sync.RWMutex, writer-preferring exactly as Go's (sync/rwmutex.go), modelled on its counters:
 *
 * - `writer` is the inner writer Mutex `w` plus the sign of Go's readerCount: 'pending' once a
 *   writer has taken `w` and announced itself (readerCount went negative) while readers still hold
 *   the lock, 'held' once it owns the lock. Writers compete for `w` like an unvaried Mutex: any
 *   waiting writer may win.
 * - `readers` is the number of readers that hold the lock (Go's readerCount while no writer is
 *   announced). A reader is counted the moment it calls rLock; when a writer is announced it blocks
 *   (`blocked`, still counted, as Go's readerCount counts it) until that writer's Unlock, which wakes
 *   every reader that arrived meanwhile as a batch, before it releases `w`. So a waiting writer
 *   blocks new readers, readers that came before it finish first, and the next writer waits for
 *   the batch of readers the previous Unlock let in: readers and writers alternate.
 * - Lock is one step when no reader holds the lock; otherwise its first step announces the writer
 *   and it waits (Go's readerWait) until the last of those readers rUnlocks. Hence a recursive
 *   rLock deadlocks when a writer announces itself between the two rLocks (the course's pitfall).
 *
 * Like Go's, an RWMutex has no owner: any goroutine may unlock it. Checks are a little stricter than
 * Go's counters allow (an rUnlock with no reader holding the lock is always fatal, not only when the
 * counter happens to be zero). Fatal errors, with Go's text (`unlock-of-unlocked`):
 * `sync: Unlock of unlocked RWMutex`, `sync: RUnlock of unlocked RWMutex`. Self-deadlocks are
 * reported at the call: lock while holding the write lock (`double-lock`), lock while holding a
 * read lock and rLock while holding the write lock (`deadlock`: the goroutine waits for itself) —
 * except, for the write lock, when a goroutine started since could still unlock it for its locker
 * (see `mayBeHandedOff`).
 *
 * Happens-before, as Go's race annotations: Unlock releases into `wClock` (assign), rLock acquires
 * it; every rUnlock merges into `rClock`; Lock acquires both. Readers do not order each other.
 * A failed tryLock/tryRLock creates no edge.
 *
 * Every acquisition and release goes through `acquire` / `release` (one place for the lock-order
 * detector's hooks), with the mode ('write' or 'read').
 */
import { checkWaitCycle } from '../../detectors/deadlock.js';
import { noteAcquire, noteRelease } from '../../detectors/lock-order.js';
import { VectorClock } from '../../runtime/clock.js';
import { Op } from '../../runtime/op.js';
import type { Thread } from '../../runtime/thread.js';
import type { Locker } from './mutex.js';
import { COPY, SimObject, type Copyable } from '../core/object.js';
import { acquire, release, releaseOverwrite } from '../../runtime/sync.js';

export type RWMode = 'write' | 'read';

export interface RWMutexOptions {
  name?: string;
}

export class RWMutex extends SimObject implements Copyable, Locker {
  readonly typeName = 'sync.RWMutex';
  readonly isLockLike = true;
  /** The writer side: free, a writer announced and waiting for readers, or a writer holding it. */
  writer: 'none' | 'pending' | 'held' = 'none';
  /** The writer that holds `w` (pending or holding), and where it called lock. */
  writerThread: Thread | null = null;
  writerAt: string | undefined;
  /** How many goroutines existed when the writer took the lock (see `mayBeHandedOff`). */
  private writerThreadCount = 0;
  /** Readers holding the lock (including readers woken by an Unlock that have not yet returned). */
  readers = 0;
  /** The goroutines that took those read locks (one entry per rLock), for reports and wait-for. */
  readonly readerThreads: Thread[] = [];
  /** Readers that called rLock while a writer was announced: counted, blocked until its Unlock. */
  blocked: RLockOp[] = [];
  /** Released by Unlock (Go: race.Release(&readerSem)), acquired by rLock and Lock. */
  readonly wClock = new VectorClock();
  /** Merged by every rUnlock (Go: race.ReleaseMerge(&writerSem)), acquired by Lock. */
  readonly rClock = new VectorClock();

  constructor(opts: RWMutexOptions = {}) {
    super('new RWMutex()', opts.name, 'rw');
  }

  lock(): Promise<void> {
    return new LockOp(this);
  }

  unlock(): Promise<void> {
    return new UnlockOp(this);
  }

  rLock(): Promise<void> {
    return new RLockOp(this);
  }

  rUnlock(): Promise<void> {
    return new RUnlockOp(this);
  }

  tryLock(): Promise<boolean> {
    return new TryLockOp(this);
  }

  tryRLock(): Promise<boolean> {
    return new TryRLockOp(this);
  }

  /** Go's rw.RLocker(): a Locker whose lock is rLock and unlock is rUnlock (e.g. for a Cond). */
  rLocker(): RLocker {
    return new RLocker(this);
  }

  /** Does `t` hold a read lock on it? */
  holdsRead(t: Thread): boolean {
    return this.readerThreads.includes(t);
  }

  /** `t` now holds the lock in `mode` (the only place a lock is taken: happens-before and holds). */
  acquire(t: Thread, at: string | undefined, mode: RWMode, blocking = true): void {
    // First, so that a lock-order report shows the state just before this acquisition; a
    // successful try-lock adds no edge.
    noteAcquire(this.exec, t, this, mode, at, blocking);
    this.used = true;
    if (mode === 'write') {
      this.writer = 'held';
      this.writerThread = t;
      this.writerAt = at;
      this.writerThreadCount = this.exec.threads.length;
      acquire(t, this.wClock);
      acquire(t, this.rClock);
      t.hold(this, this.label, at);
    } else {
      acquire(t, this.wClock);
      this.readerThreads.push(t);
      t.hold(this, `${this.label} (read)`, at);
    }
  }

  /**
   * Release by `t` in `mode` (the checks that make it fatal are done by the caller). Returns the
   * goroutine whose hold was dropped (the writer, or the reader: `t` itself when it holds a read
   * lock, else the earliest reader, as the lock has no owner).
   */
  release(t: Thread, mode: RWMode): Thread | null {
    this.used = true;
    let owner: Thread | null;
    if (mode === 'write') {
      releaseOverwrite(t, this.wClock);
      owner = this.writerThread;
      this.writer = 'none';
      this.writerThread = null;
      this.writerAt = undefined;
      // Go's Unlock wakes the readers that arrived while it held the lock before it releases w.
      this.readers += this.blocked.length;
      for (const r of this.blocked) r.woken = true;
      this.blocked = [];
    } else {
      release(t, this.rClock);
      this.readers--;
      let i = this.readerThreads.indexOf(t);
      if (i < 0 && this.readerThreads.length > 0) i = 0;
      owner = i >= 0 ? this.readerThreads.splice(i, 1)[0]! : null;
    }
    noteRelease(this.exec, owner ?? t, this, mode);
    owner?.release(this);
    return owner;
  }

  /**
   * Go's locks have no owner: a goroutine may lock, start a goroutine that unlocks, and lock again
   * (the Go memory model's own example). So a writer locking again is reported at once only when no
   * goroutine started after it took the lock is still alive to unlock it; otherwise it just blocks,
   * and a global deadlock is reported if nobody does.
   */
  mayBeHandedOff(): boolean {
    const threads = this.exec.threads;
    for (let i = this.writerThreadCount; i < threads.length; i++) if (!threads[i]!.finished) return true;
    return false;
  }

  /** The reader a pending writer waits for: itself, one blocked here, one blocked elsewhere, any. */
  readerToWaitFor(self: Thread): Thread | null {
    let here: Thread | null = null;
    let elsewhere: Thread | null = null;
    let any: Thread | null = null;
    for (const r of this.readerThreads) {
      if (r === self) return r;
      const p = r.pending;
      const isBlocked = p !== null && !r.finished && !p.enabled();
      if (isBlocked && p.obj === this) here ??= r;
      else if (isBlocked) elsewhere ??= r;
      any ??= r;
    }
    return here ?? elsewhere ?? any;
  }

  /** "'a', 'b' (×2)": the goroutines holding read locks. */
  readerNames(): string {
    const counts = new Map<Thread, number>();
    for (const r of this.readerThreads) counts.set(r, (counts.get(r) ?? 0) + 1);
    const names = [...counts].map(([r, n]) => `'${r.name}'${n > 1 ? ` (×${n})` : ''}`);
    const anonymous = this.readers - this.readerThreads.length;
    if (anonymous > 0) names.push(`${anonymous} woken reader${anonymous > 1 ? 's' : ''}`);
    return names.join(', ');
  }

  [COPY](): RWMutex {
    const m = new RWMutex({ name: `${this.name} (copy)` });
    // The copy carries the counters, as in Go; the goroutines that would release them stay with the
    // original, so a copy taken while locked stays locked.
    m.writer = this.writer;
    m.readers = this.readers + this.blocked.length;
    m.wClock.assign(this.wClock);
    m.rClock.assign(this.rClock);
    m.used = this.used;
    return m;
  }

  stateSummary(): string {
    const w = this.writerThread ? ` '${this.writerThread.name}'` : '';
    if (this.writer === 'held') return `write-locked${w ? ` by${w}` : ''}`;
    if (this.writer === 'pending') return `writer${w} waiting for ${this.readers} reader${this.readers === 1 ? '' : 's'}`;
    if (this.readers > 0) return `read-locked by ${this.readers} reader${this.readers === 1 ? '' : 's'}`;
    return 'unlocked';
  }
}

/** rw.RLocker(): lock is rLock, unlock is rUnlock. */
export class RLocker implements Locker {
  constructor(readonly rw: RWMutex) {}
  lock(): Promise<void> {
    return this.rw.rLock();
  }
  unlock(): Promise<void> {
    return this.rw.rUnlock();
  }
}

/** Lock: take w (wait while another writer has it), announce, then wait for the readers to leave. */
class LockOp extends Op<void> {
  readonly kind = 'lock';
  private phase: 0 | 1 = 0;
  constructor(readonly obj: RWMutex) {
    super(obj.exec);
    const rw = obj;
    const t = this.thread;
    if (rw.writer === 'held' && rw.writerThread === t) {
      if (rw.mayBeHandedOff()) return;
      this.exec.fatal(
        'double-lock',
        `goroutine '${t.name}' locks ${rw.label}, which it already holds: Go's RWMutex is not reentrant, so this blocks forever`,
        { threads: [t], locations: [this.at, rw.writerAt] },
      );
    } else if (rw.holdsRead(t)) {
      this.exec.fatal(
        'deadlock',
        `goroutine '${t.name}' locks ${rw.label} while it holds a read lock on it: the writer waits for every reader to leave, itself included`,
        {
          threads: [t],
          locations: [this.at, ...t.holds.filter((h) => h.lock === rw).map((h) => h.at)],
          details: ['an RWMutex cannot be upgraded from read to write: rUnlock first, then lock (and check again what you read)'],
        },
      );
    } else if (rw.writer !== 'none') {
      checkWaitCycle(this.exec, t);
    }
  }
  override enabled(): boolean {
    return this.phase === 0 ? this.obj.writer === 'none' : this.obj.readers === 0;
  }
  override waitsFor(): Thread | null {
    if (this.phase === 1) return this.obj.readerToWaitFor(this.thread);
    const w = this.obj.writerThread;
    return w === this.thread ? null : w; // locking again, waiting for a hand-off (see mayBeHandedOff)
  }
  step(): boolean {
    const rw = this.obj;
    if (this.phase === 0 && rw.readers > 0) {
      // Go: w.Lock(); readerCount -= rwmutexMaxReaders; readerWait += r; sleep on writerSem.
      rw.used = true;
      rw.writer = 'pending';
      rw.writerThread = this.thread;
      rw.writerAt = this.at;
      this.phase = 1;
      checkWaitCycle(this.exec, this.thread);
      return false;
    }
    rw.acquire(this.thread, this.at, 'write');
    return this.complete(undefined);
  }
  describe(): string {
    const rw = this.obj;
    if (this.phase === 1) return `lock of ${rw.label} (writer announced, waiting for readers ${rw.readerNames()} to rUnlock)`;
    if (rw.writer !== 'none' && rw.writerThread && rw.writerThread !== this.thread) {
      const how = rw.writer === 'held' ? 'held by' : 'wanted first by';
      return `lock of ${rw.label} (${how} writer '${rw.writerThread.name}'${rw.writerAt ? ` since ${rw.writerAt}` : ''})`;
    }
    return `lock of ${rw.label}`;
  }
  override traced(): string {
    return this.phase === 1 && this.obj.writer === 'pending' && this.obj.writerThread === this.thread
      ? `lock ${this.obj.label}: writer announced, waits for ${this.obj.readers} reader${this.obj.readers === 1 ? '' : 's'}`
      : `lock ${this.obj.label}`;
  }
}

class UnlockOp extends Op<void> {
  readonly kind = 'unlock';
  constructor(readonly obj: RWMutex) {
    super(obj.exec);
  }
  step(): boolean {
    const rw = this.obj;
    const t = this.thread;
    if (rw.writer !== 'held') {
      rw.used = true;
      const why =
        rw.writer === 'pending'
          ? `its writer '${rw.writerThread?.name ?? '?'}' is still waiting for readers`
          : rw.readers > 0
            ? `it is only read-locked (${rw.readerNames()}): a read lock is released with rUnlock`
            : 'it was not locked';
      this.exec.fatal('unlock-of-unlocked', 'sync: Unlock of unlocked RWMutex', {
        threads: [t],
        locations: [this.at],
        details: [`goroutine '${t.name}' unlocked ${rw.label} for writing, but ${why}`],
      });
      return this.complete(undefined);
    }
    rw.release(t, 'write');
    return this.complete(undefined);
  }
  describe(): string {
    return `unlock of ${this.obj.label}`;
  }
  override traced(): string {
    return `unlock ${this.obj.label}`;
  }
}

/** rLock: one step, unless a writer is announced: then it is counted and blocks until its Unlock. */
class RLockOp extends Op<void> {
  readonly kind = 'rLock';
  /** Set by the writer's Unlock: this reader now holds the lock and returns in its next step. */
  woken = false;
  private phase: 0 | 1 = 0;
  constructor(readonly obj: RWMutex) {
    super(obj.exec);
    const rw = obj;
    const t = this.thread;
    if (rw.writer === 'held' && rw.writerThread === t && !rw.mayBeHandedOff()) {
      this.exec.fatal(
        'deadlock',
        `goroutine '${t.name}' read-locks ${rw.label} while it holds the write lock: the reader waits for the writer, itself`,
        { threads: [t], locations: [this.at, rw.writerAt] },
      );
    }
  }
  override enabled(): boolean {
    return this.phase === 0 || this.woken;
  }
  override waitsFor(): Thread | null {
    const w = this.obj.writerThread;
    return w === this.thread ? null : w;
  }
  step(): boolean {
    const rw = this.obj;
    if (this.phase === 0) {
      rw.used = true;
      if (rw.writer !== 'none') {
        // Go: readerCount+1 < 0, so sleep on readerSem until the writer's Unlock.
        rw.blocked.push(this);
        this.phase = 1;
        checkWaitCycle(this.exec, this.thread);
        return false;
      }
      rw.readers++;
    }
    rw.acquire(this.thread, this.at, 'read');
    return this.complete(undefined);
  }
  describe(): string {
    const rw = this.obj;
    const w = rw.writerThread;
    if (rw.writer !== 'none' && w && !this.woken) {
      const state = rw.writer === 'held' ? 'holding the lock' : `waiting for readers ${rw.readerNames()}`;
      return `rLock of ${rw.label} (blocked behind writer '${w.name}', ${state})`;
    }
    return `rLock of ${rw.label}`;
  }
  override traced(): string {
    return this.phase === 1 && !this.woken ? `rLock ${this.obj.label}: blocks behind the writer` : `rLock ${this.obj.label}`;
  }
}

class RUnlockOp extends Op<void> {
  readonly kind = 'rUnlock';
  constructor(readonly obj: RWMutex) {
    super(obj.exec);
  }
  step(): boolean {
    const rw = this.obj;
    const t = this.thread;
    if (rw.readers === 0) {
      rw.used = true;
      const why = rw.writer === 'held' ? `it is write-locked${rw.writerThread ? ` by '${rw.writerThread.name}'` : ''}: a write lock is released with unlock` : 'no reader holds it';
      this.exec.fatal('unlock-of-unlocked', 'sync: RUnlock of unlocked RWMutex', {
        threads: [t],
        locations: [this.at],
        details: [`goroutine '${t.name}' read-unlocked ${rw.label}, but ${why}`],
      });
      return this.complete(undefined);
    }
    rw.release(t, 'read');
    return this.complete(undefined);
  }
  describe(): string {
    return `rUnlock of ${this.obj.label}`;
  }
  override traced(): string {
    return `rUnlock ${this.obj.label}`;
  }
}

/** Go 1.18's TryLock: succeeds only when no writer has w and no reader holds the lock. */
class TryLockOp extends Op<boolean> {
  readonly kind = 'tryLock';
  private got = false;
  constructor(readonly obj: RWMutex) {
    super(obj.exec);
  }
  step(): boolean {
    const rw = this.obj;
    rw.used = true;
    this.got = rw.writer === 'none' && rw.readers === 0;
    if (this.got) rw.acquire(this.thread, this.at, 'write', false);
    return this.complete(this.got);
  }
  describe(): string {
    return `tryLock of ${this.obj.label}`;
  }
  override traced(): string {
    return `tryLock ${this.obj.label} → ${this.got}`;
  }
}

/** Go 1.18's TryRLock: fails while a writer is announced or holds the lock. */
class TryRLockOp extends Op<boolean> {
  readonly kind = 'tryRLock';
  private got = false;
  constructor(readonly obj: RWMutex) {
    super(obj.exec);
  }
  step(): boolean {
    const rw = this.obj;
    rw.used = true;
    this.got = rw.writer === 'none';
    if (this.got) {
      rw.readers++;
      rw.acquire(this.thread, this.at, 'read', false);
    }
    return this.complete(this.got);
  }
  describe(): string {
    return `tryRLock of ${this.obj.label}`;
  }
  override traced(): string {
    return `tryRLock ${this.obj.label} → ${this.got}`;
  }
}
