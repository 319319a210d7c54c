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
 * The state and every acquisition and release live in core/rw-core.ts (one place for the lock-order
 * detector's hooks, shared with Rust's RwLock), with the mode ('write' or 'read'); the ops below are Go's API and texts.
 */
import { checkWaitCycle } from '../../detectors/deadlock.js';
import { Op } from '../../runtime/op.js';
import type { Thread } from '../../runtime/thread.js';
import type { Locker } from '../core/locker.js';
import { COPY, SimObject, type Copyable } from '../core/object.js';
import { RWCore, WRITER_PREFERRING, type RWMode } from '../core/rw-core.js';

export type { RWMode };

export interface RWMutexOptions {
  name?: string;
}

export class RWMutex extends SimObject implements Copyable, Locker {
  readonly typeName = 'sync.RWMutex';
  readonly isLockLike = true;
  /** Writer side, readers, blocked readers, released clocks (core/rw-core.ts), writer-preferring as Go's. */
  readonly core: RWCore = new RWCore(this, WRITER_PREFERRING);

  constructor(opts: RWMutexOptions = {}) {
    super('new RWMutex()', opts.name, 'rw');
  }

  get writer(): RWCore['writer'] {
    return this.core.writer;
  }
  get writerThread(): Thread | null {
    return this.core.writerThread;
  }
  get writerAt(): string | undefined {
    return this.core.writerAt;
  }
  get readers(): number {
    return this.core.readers;
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

  /** Locker: is it write-locked (by anyone: Go's RWMutex has no owner)? */
  isHeld(): boolean {
    return this.writer === 'held';
  }

  heldSince(): string | undefined {
    return this.writerAt;
  }

  unheldError(): { message: string; why: string } {
    return { message: 'sync: Unlock of unlocked RWMutex', why: `${this.label} is not write-locked` };
  }

  [COPY](): RWMutex {
    const m = new RWMutex({ name: `${this.name} (copy)` });
    this.core.copyInto(m.core);
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
  /** Is it read-locked (by anyone)? Where a read lock was taken is not kept: no heldSince. */
  isHeld(): boolean {
    return this.rw.readers !== 0;
  }
  unheldError(): { message: string; why: string } {
    return { message: 'sync: RUnlock of unlocked RWMutex', why: `${this.rw.label} is not read-locked` };
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
      if (rw.core.mayBeHandedOff()) return;
      this.exec.fatal(
        'double-lock',
        `goroutine '${t.name}' locks ${rw.label}, which it already holds: Go's RWMutex is not reentrant, so this blocks forever`,
        { threads: [t], locations: [this.at, rw.writerAt] },
      );
    } else if (rw.core.holdsRead(t)) {
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
    if (this.phase === 1) return this.obj.core.readerToWaitFor(this.thread);
    const w = this.obj.writerThread;
    return w === this.thread ? null : w; // locking again, waiting for a hand-off (see mayBeHandedOff)
  }
  step(): boolean {
    const rw = this.obj;
    if (this.phase === 0 && rw.readers > 0) {
      // Go: w.Lock(); readerCount -= rwmutexMaxReaders; readerWait += r; sleep on writerSem.
      rw.core.announceWriter(this.thread, this.at);
      this.phase = 1;
      checkWaitCycle(this.exec, this.thread);
      return false;
    }
    rw.core.acquire(this.thread, this.at, 'write');
    return this.complete(undefined);
  }
  describe(): string {
    const rw = this.obj;
    if (this.phase === 1) return `lock of ${rw.label} (writer announced, waiting for readers ${rw.core.readerNames()} to rUnlock)`;
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
            ? `it is only read-locked (${rw.core.readerNames()}): a read lock is released with rUnlock`
            : 'it was not locked';
      this.exec.fatal('unlock-of-unlocked', 'sync: Unlock of unlocked RWMutex', {
        threads: [t],
        locations: [this.at],
        details: [`goroutine '${t.name}' unlocked ${rw.label} for writing, but ${why}`],
      });
      return this.complete(undefined);
    }
    rw.core.release(t, 'write');
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
    if (rw.writer === 'held' && rw.writerThread === t && !rw.core.mayBeHandedOff()) {
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
      if (!rw.core.readerMayEnter()) {
        // Go: readerCount+1 < 0, so sleep on readerSem until the writer's Unlock.
        rw.core.blockReader(this);
        this.phase = 1;
        checkWaitCycle(this.exec, this.thread);
        return false;
      }
      rw.core.readers++;
    }
    rw.core.acquire(this.thread, this.at, 'read');
    return this.complete(undefined);
  }
  describe(): string {
    const rw = this.obj;
    const w = rw.writerThread;
    if (rw.writer !== 'none' && w && !this.woken) {
      const state = rw.writer === 'held' ? 'holding the lock' : `waiting for readers ${rw.core.readerNames()}`;
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
    rw.core.release(t, 'read');
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
    if (this.got) rw.core.acquire(this.thread, this.at, 'write', false);
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
    this.got = rw.core.readerMayEnter();
    if (this.got) {
      rw.core.readers++;
      rw.core.acquire(this.thread, this.at, 'read', false);
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
