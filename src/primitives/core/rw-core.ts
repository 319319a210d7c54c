/**
 * The state of a readers-writer lock, shared by every flavour's (Go's sync.RWMutex; Rust's std RwLock
 * wraps one with its poison flag and guards): the writer side, the readers that hold it, the readers
 * blocked behind a writer, and the two released clocks. Which arriving reader may enter is the policy's
 * (writer-preferring now, as Go's and as std's futex RwLock: a waiting writer blocks new readers).
 *
 * Invariants:
 * - `writer` is 'none', 'pending' (a writer announced itself and waits for the readers already in to
 *   leave: no new reader enters under a writer-preferring policy) or 'held'; `writerThread` is that
 *   writer while it is not 'none'.
 * - `readers` counts the readers holding it, including readers a writer's release admitted that have
 *   not yet returned; `readerThreads` has one entry per read lock taken (an admitted reader is
 *   counted before it is listed, when its acquire runs).
 * - `blocked` are the readers that arrived while a writer was announced or held it: counted nowhere
 *   until that writer releases, which admits them all as one batch (`woken`) before any other writer
 *   can take it, so readers and writers alternate.
 * - Every acquisition and release goes through `acquire` / `release` (the lock-order detector's hooks
 *   and the holders' hold lists see each one once). Happens-before, as Go's race annotations: a write
 *   release overwrites `wClock`, every read release merges into `rClock`; a reader acquires `wClock`,
 *   a writer both. Readers do not order each other. A failed try creates no edge.
 */
import { noteAcquire, noteRelease } from '../../detectors/lock-order.js';
import { VectorClock } from '../../runtime/clock.js';
import { acquire, release, releaseOverwrite } from '../../runtime/sync.js';
import type { Thread } from '../../runtime/thread.js';
import type { SimObject } from './object.js';

export type RWMode = 'write' | 'read';

/** A reader blocked behind a writer; the writer's release sets `woken` (it then holds a read lock). */
export interface BlockedReader {
  woken: boolean;
}

/** Who may enter a readers-writer lock when (the part of the algorithm that differs between implementations). */
export interface RWPolicy {
  readonly name: string;
  /** May a reader that arrives now take a read lock at once (else it blocks until the writer's release)? */
  readerMayEnter(core: RWCore): boolean;
}

/** Go's sync.RWMutex and Rust's futex RwLock: a writer announced or holding it blocks every new reader. */
export const WRITER_PREFERRING: RWPolicy = Object.freeze({
  name: 'writer-preferring',
  readerMayEnter: (core: RWCore) => core.writer === 'none',
});

export class RWCore {
  /** The writer side: free, a writer announced and waiting for readers, or a writer holding it. */
  writer: 'none' | 'pending' | 'held' = 'none';
  /** The writer (pending or holding), and where it called lock. */
  writerThread: Thread | null = null;
  writerAt: string | undefined;
  /** How many threads existed when the writer took the lock (see `mayBeHandedOff`). */
  private writerThreadCount = 0;
  /** Readers holding the lock (including readers admitted by a writer's release that have not yet returned). */
  readers = 0;
  /** The threads that took those read locks (one entry per read lock), for reports and wait-for. */
  readonly readerThreads: Thread[] = [];
  /** Readers that arrived while a writer was announced or held it: blocked until its release. */
  blocked: BlockedReader[] = [];
  /** Released by a write release, acquired by every acquire. */
  readonly wClock = new VectorClock();
  /** Merged by every read release, acquired by a writer. */
  readonly rClock = new VectorClock();

  constructor(
    /** The lock object itself: its id and label for the detectors, its `used` flag. */
    readonly lock: SimObject,
    readonly policy: RWPolicy = WRITER_PREFERRING,
  ) {}

  /** May a reader arriving now enter at once (the policy)? */
  readerMayEnter(): boolean {
    return this.policy.readerMayEnter(this);
  }

  /** A writer that found readers in: it announces itself (Go: readerCount -= rwmutexMaxReaders) and waits for them. */
  announceWriter(t: Thread, at: string | undefined): void {
    this.lock.used = true;
    this.writer = 'pending';
    this.writerThread = t;
    this.writerAt = at;
  }

  /** A reader arriving while it may not enter: it waits for the writer's release, which admits it. */
  blockReader(r: BlockedReader): void {
    this.blocked.push(r);
  }

  /** Does `t` hold a read lock on it? */
  holdsRead(t: Thread): boolean {
    return this.readerThreads.includes(t);
  }

  /**
   * `t` now holds the lock in `mode` (the only place a lock is taken: happens-before and holds). A reader
   * must have been counted in `readers` first (at once, or admitted by a writer's release).
   */
  acquire(t: Thread, at: string | undefined, mode: RWMode, blocking = true): void {
    // First, so that a lock-order report shows the state just before this acquisition; a
    // successful try-lock adds no edge.
    noteAcquire(this.lock.exec, t, this.lock, mode, at, blocking);
    this.lock.used = true;
    if (mode === 'write') {
      this.writer = 'held';
      this.writerThread = t;
      this.writerAt = at;
      this.writerThreadCount = this.lock.exec.threads.length;
      acquire(t, this.wClock);
      acquire(t, this.rClock);
      t.hold(this.lock, this.lock.label, at);
    } else {
      acquire(t, this.wClock);
      this.readerThreads.push(t);
      t.hold(this.lock, `${this.lock.label} (read)`, at);
    }
  }

  /**
   * Release by `t` in `mode` (the flavour has checked it may). Returns the thread whose hold was
   * dropped (the writer, or the reader: `t` itself when it holds a read lock, else the earliest
   * reader, as a Go lock has no owner). A write release admits every blocked reader as one batch.
   */
  release(t: Thread, mode: RWMode): Thread | null {
    this.lock.used = true;
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
    noteRelease(this.lock.exec, owner ?? t, this.lock, mode);
    owner?.release(this.lock);
    return owner;
  }

  /**
   * Go's locks have no owner: a goroutine may lock, start a goroutine that unlocks, and lock again
   * (the Go memory model's own example). So a writer locking again is reported at once only when no
   * thread started after it took the lock is still alive to unlock it.
   */
  mayBeHandedOff(): boolean {
    const threads = this.lock.exec.threads;
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
      if (isBlocked && p.obj === this.lock) here ??= r;
      else if (isBlocked) elsewhere ??= r;
      any ??= r;
    }
    return here ?? elsewhere ?? any;
  }

  /** "'a', 'b' (×2)": the threads holding read locks. */
  readerNames(): string {
    const counts = new Map<Thread, number>();
    for (const r of this.readerThreads) counts.set(r, (counts.get(r) ?? 0) + 1);
    const names = [...counts].map(([r, n]) => `'${r.name}'${n > 1 ? ` (×${n})` : ''}`);
    const anonymous = this.readers - this.readerThreads.length;
    if (anonymous > 0) names.push(`${anonymous} woken reader${anonymous > 1 ? 's' : ''}`);
    return names.join(', ');
  }

  /**
   * A copy's state (Go's copy of an RWMutex value): the counters and clocks; the threads that would
   * release them stay with the original, so a copy taken while locked stays locked.
   */
  copyInto(other: RWCore): void {
    other.writer = this.writer;
    other.readers = this.readers + this.blocked.length;
    other.wClock.assign(this.wClock);
    other.rClock.assign(this.rClock);
  }
}
