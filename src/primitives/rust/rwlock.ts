/**
 * `std::sync::RwLock<T>` for the 'simcc/rust' flavour (shared/scenario-api.md §2b), on the shared RW
 * core (core/rw-core.ts) with its writer-preferring policy, as std's futex RwLock: many readers or one
 * writer, and a waiting writer blocks new readers — so a thread that takes `read()` again while a
 * writer waits deadlocks (the reader waits for the writer, the writer for the reader's first guard:
 * a wait-for cycle, reported as `deadlock` when it forms).
 *
 * - `read()` / `write()` → `LockResult<guard>`; `tryRead()` / `tryWrite()` → `TryLockResult<guard>`
 *   (`WouldBlock`, `Poisoned`); `isPoisoned()`, `clearPoison()`, `intoInner()` as Mutex's.
 * - `write()` is one step when no reader holds the lock; otherwise its first step announces the
 *   writer (new readers now block) and it waits for the readers to leave. `read()` is one step, or,
 *   with a writer announced or holding it, blocks until that writer's release admits it.
 * - Re-locking from the holding thread: `write()` while holding the write lock is `double-lock`;
 *   `read()` while holding the write lock and `write()` while holding a read lock are `deadlock`
 *   (the thread waits for itself; std: "might panic or deadlock"). Reported at the call.
 * - Guards: a read guard's `.value` is read-only (shared access), a write guard's is read-write.
 *   Dropping a guard releases its mode; only a write guard released while its thread unwinds
 *   poisons the lock (std: a panicking reader does not).
 *
 * Happens-before as the core's: a write release overwrites the write clock, every read release
 * merges into the read clock; a reader acquires the write clock, a writer both. Dependence: every
 * acquisition, release and successful try writes the lock's id (readers too: conservative, sound);
 * a try that will fail only reads it; isPoisoned reads, clearPoison writes.
 */
import { checkWaitCycle, reportSelfLock } from '../../detectors/deadlock.js';
import { ScenarioError } from '../../runtime/errors.js';
import { Op, type Touch } from '../../runtime/op.js';
import type { Thread } from '../../runtime/thread.js';
import { SimObject } from '../core/object.js';
import { RWCore, WRITER_PREFERRING, type RWMode } from '../core/rw-core.js';
import { disposingThread, Poison, releasedInCode, WOULD_BLOCK, type LockResult, type TryLockResult } from './guard.js';
import { assertUsable, DROP, installDispose, own, type DropContext, type Droppable } from './ownership.js';
import type { PanicInfo } from './panic.js';
import { Err } from './result.js';
import { blockingCall } from '../core/blocking-call.js';

export interface RwLockOptions {
  name?: string;
}

export class RwLock<T> extends SimObject {
  readonly typeName = 'RwLock';
  /** Writer side, readers, blocked readers, released clocks (core/rw-core.ts), writer-preferring as std's. */
  readonly core: RWCore = new RWCore(this, WRITER_PREFERRING);
  readonly poison = new Poison();
  data: T;
  private consumedAt: string | null = null;

  constructor(value: T, opts: RwLockOptions | string = {}) {
    const o = typeof opts === 'string' ? { name: opts } : (opts ?? {});
    super('new RwLock()', o.name, 'rwlock');
    this.data = value;
  }

  /** Shared access: blocks while a writer holds the lock or waits for it. */
  read(): Promise<LockResult<RwLockReadGuard<T>>> {
    this.usable('read');
    // A read's first step is always enabled (it blocks inside it), so the op cannot say whether it waits:
    // it waits exactly when a writer holds the lock or is announced (the writer-preferring policy).
    return blockingCall(new ReadOp(this), 'std RwLock::read', !this.core.readerMayEnter());
  }

  /** Exclusive access: blocks while anyone holds the lock. */
  write(): Promise<LockResult<RwLockWriteGuard<T>>> {
    this.usable('write');
    // Likewise a write with readers in takes a step (it announces itself) and then waits for them.
    return blockingCall(new WriteOp(this), 'std RwLock::write', this.core.writer !== 'none' || this.core.readers > 0);
  }

  tryRead(): Promise<TryLockResult<RwLockReadGuard<T>>> {
    this.usable('tryRead');
    return new TryOp<T, RwLockReadGuard<T>>(this, 'read');
  }

  tryWrite(): Promise<TryLockResult<RwLockWriteGuard<T>>> {
    this.usable('tryWrite');
    return new TryOp<T, RwLockWriteGuard<T>>(this, 'write');
  }

  isPoisoned(): boolean {
    this.usable('isPoisoned');
    this.exec.noteTouch(this.id, true);
    return this.poison.poisoned;
  }

  clearPoison(): void {
    this.usable('clearPoison');
    this.exec.noteTouch(this.id, false);
    this.poison.clear();
  }

  intoInner(): LockResult<T> {
    this.usable('intoInner');
    if (this.core.writer !== 'none' || this.core.readers > 0) {
      throw new ScenarioError(`intoInner: ${this.label} is still locked (a guard of it is alive): Rust would not compile this`);
    }
    this.exec.noteTouch(this.id, false);
    this.consumedAt = 'intoInner';
    return this.poison.result(this.data);
  }

  private usable(what: string): void {
    if (this.consumedAt !== null) throw new ScenarioError(`${what}: ${this.label} used after it was consumed by ${this.consumedAt}`);
  }

  /** @internal Release `mode` by a guard's drop; a write guard poisons when its thread unwinds. */
  give(t: Thread, mode: RWMode, unwinding: boolean, panic: PanicInfo | undefined): void {
    if (mode === 'write') {
      if (unwinding) this.poison.set(panic);
      if (this.core.writer === 'held') this.core.release(t, 'write');
    } else if (this.core.readers > 0) this.core.release(t, 'read');
  }

  /** @internal A guard for `mode`, owned by the running thread. */
  guard(mode: RWMode): RwLockReadGuard<T> | RwLockWriteGuard<T> {
    return mode === 'read' ? new RwLockReadGuard(this) : new RwLockWriteGuard(this);
  }
}

function dropGuard<T>(lock: RwLock<T>, mode: RWMode, ctx: DropContext): void | Op<void> {
  if (ctx.sync) {
    lock.give(disposingThread(ctx.thread, `${mode} guard of ${lock.label}`), mode, ctx.unwinding, ctx.panic);
    releasedInCode(lock.exec, lock.id);
    return;
  }
  return new UnlockOp(lock, mode, ctx.unwinding, ctx.panic);
}

/** `std::sync::RwLockReadGuard<T>`: `.value` reads the data; dropping it releases the read lock. */
export class RwLockReadGuard<T> implements Droppable {
  /** Installed by installDispose (also under Symbol.for('Symbol.dispose')): `using` drops it at the end of the block. */
  declare [Symbol.dispose]: () => void;
  /** @internal */
  constructor(readonly lock: RwLock<T>) {
    own(this, `RwLockReadGuard of ${lock.label}`);
  }
  get value(): T {
    assertUsable(this, 'RwLockReadGuard.value');
    return this.lock.data;
  }
  set value(_v: T) {
    throw new ScenarioError(`RwLockReadGuard.value: a read guard of ${this.lock.label} gives shared access only: write through write()'s guard`);
  }
  [DROP](ctx: DropContext): void | Op<void> {
    return dropGuard(this.lock, 'read', ctx);
  }
}
installDispose(RwLockReadGuard.prototype);

/** `std::sync::RwLockWriteGuard<T>`: `.value` reads and writes the data; dropping it releases the lock. */
export class RwLockWriteGuard<T> implements Droppable {
  /** Installed by installDispose (also under Symbol.for('Symbol.dispose')): `using` drops it at the end of the block. */
  declare [Symbol.dispose]: () => void;
  /** @internal */
  constructor(readonly lock: RwLock<T>) {
    own(this, `RwLockWriteGuard of ${lock.label}`);
  }
  get value(): T {
    assertUsable(this, 'RwLockWriteGuard.value');
    return this.lock.data;
  }
  set value(v: T) {
    assertUsable(this, 'RwLockWriteGuard.value');
    this.lock.data = v;
  }
  [DROP](ctx: DropContext): void | Op<void> {
    return dropGuard(this.lock, 'write', ctx);
  }
}
installDispose(RwLockWriteGuard.prototype);

/** write(): wait while another writer has it; with readers in, announce, then wait for them to leave. */
class WriteOp<T> extends Op<LockResult<RwLockWriteGuard<T>>> {
  readonly kind = 'lock' as const;
  private phase: 0 | 1 = 0;
  constructor(readonly obj: RwLock<T>) {
    super(obj.exec);
    const rw = obj.core;
    const t = this.thread;
    if (rw.writer === 'held' && rw.writerThread === t) {
      reportSelfLock(this.exec, t, obj.label, this.at, rw.writerAt);
    } else if (rw.holdsRead(t)) {
      this.exec.fatal('deadlock', `thread '${t.name}' calls write() on ${obj.label} while it holds a read guard of it: the writer waits for every reader to leave, itself included`, {
        threads: [t],
        locations: [this.at, ...t.holds.filter((h) => h.lock === obj).map((h) => h.at)],
        details: ['an RwLock cannot be upgraded from read to write: drop the read guard first, then write() (and check again what you read)'],
      });
    } else if (rw.writer !== 'none') checkWaitCycle(this.exec, t);
  }
  override enabled(): boolean {
    const rw = this.obj.core;
    return this.phase === 0 ? rw.writer === 'none' : rw.readers === 0;
  }
  override waitsFor(): Thread | null {
    const rw = this.obj.core;
    // With readers in, the write waits for them from its call on (its first step only announces it):
    // the tokio worker pool asks at the call who the holder is (blocking-in-async).
    if (this.phase === 1 || (rw.writer === 'none' && rw.readers > 0)) return rw.readerToWaitFor(this.thread);
    const w = rw.writerThread;
    return w === this.thread ? null : w;
  }
  step(): boolean {
    const lock = this.obj;
    const rw = lock.core;
    if (this.phase === 0 && rw.readers > 0) {
      rw.announceWriter(this.thread, this.at);
      this.phase = 1;
      checkWaitCycle(this.exec, this.thread);
      return false;
    }
    rw.acquire(this.thread, this.at, 'write');
    return this.complete(lock.poison.result(lock.guard('write') as RwLockWriteGuard<T>));
  }
  describe(): string {
    const lock = this.obj;
    const rw = lock.core;
    if (this.phase === 1) return `write of ${lock.label} (writer waiting for readers ${rw.readerNames()} to drop their guards)`;
    if (rw.writer !== 'none' && rw.writerThread && rw.writerThread !== this.thread) {
      const how = rw.writer === 'held' ? 'held by' : 'wanted first by';
      return `write of ${lock.label} (${how} writer '${rw.writerThread.name}'${rw.writerAt ? ` since ${rw.writerAt}` : ''})`;
    }
    return `write of ${lock.label}`;
  }
  override traced(): string {
    const rw = this.obj.core;
    return this.phase === 1 && rw.writer === 'pending' && rw.writerThread === this.thread
      ? `write ${this.obj.label}: writer waiting, blocks new readers (${rw.readers} reader${rw.readers === 1 ? '' : 's'} in)`
      : `write ${this.obj.label}`;
  }
}

/** read(): one step, unless a writer is announced or holds it: then it blocks until that writer's release admits it. */
class ReadOp<T> extends Op<LockResult<RwLockReadGuard<T>>> {
  readonly kind = 'rLock' as const;
  /** Set by the writer's release (core.release admits blocked readers). */
  woken = false;
  private phase: 0 | 1 = 0;
  constructor(readonly obj: RwLock<T>) {
    super(obj.exec);
    const rw = obj.core;
    const t = this.thread;
    if (rw.writer === 'held' && rw.writerThread === t) {
      this.exec.fatal('deadlock', `thread '${t.name}' calls read() on ${obj.label} while it holds its write guard: the reader waits for the writer, itself`, {
        threads: [t],
        locations: [this.at, rw.writerAt],
      });
    }
  }
  override enabled(): boolean {
    return this.phase === 0 || this.woken;
  }
  override waitsFor(): Thread | null {
    const w = this.obj.core.writerThread;
    return w === this.thread ? null : w;
  }
  step(): boolean {
    const lock = this.obj;
    const rw = lock.core;
    if (this.phase === 0) {
      lock.used = true;
      if (!rw.readerMayEnter()) {
        rw.blockReader(this);
        this.phase = 1;
        checkWaitCycle(this.exec, this.thread);
        return false;
      }
      rw.readers++;
    }
    rw.acquire(this.thread, this.at, 'read');
    return this.complete(lock.poison.result(lock.guard('read') as RwLockReadGuard<T>));
  }
  describe(): string {
    const lock = this.obj;
    const rw = lock.core;
    const w = rw.writerThread;
    if (rw.writer !== 'none' && w && !this.woken) {
      const state = rw.writer === 'held' ? 'holding the lock' : `waiting for readers ${rw.readerNames()}`;
      return `read of ${lock.label} (blocked behind writer '${w.name}', ${state})`;
    }
    return `read of ${lock.label}`;
  }
  override traced(): string {
    return this.phase === 1 && !this.woken ? `read ${this.obj.label}: blocks behind the waiting writer` : `read ${this.obj.label}`;
  }
}

class TryOp<T, G> extends Op<TryLockResult<G>> {
  readonly kind: 'tryLock' | 'tryRLock';
  private shown = '';
  constructor(
    readonly obj: RwLock<T>,
    private readonly mode: RWMode,
  ) {
    super(obj.exec);
    this.kind = mode === 'write' ? 'tryLock' : 'tryRLock';
  }
  private canTake(): boolean {
    const rw = this.obj.core;
    return this.mode === 'write' ? rw.writer === 'none' && rw.readers === 0 : rw.readerMayEnter();
  }
  override footprint(): readonly Touch[] {
    return [{ id: this.obj.id, read: !this.canTake() }];
  }
  step(): boolean {
    const lock = this.obj;
    const what = this.mode === 'write' ? 'tryWrite' : 'tryRead';
    lock.used = true;
    if (!this.canTake()) {
      this.shown = `${what} ${lock.label} → WouldBlock`;
      return this.complete(Err(WOULD_BLOCK));
    }
    if (this.mode === 'read') lock.core.readers++;
    lock.core.acquire(this.thread, this.at, this.mode, false);
    this.shown = `${what} ${lock.label} → ${lock.poison.poisoned ? 'Poisoned' : 'Ok'}`;
    return this.complete(lock.poison.tryResult(lock.guard(this.mode) as G));
  }
  describe(): string {
    return `${this.mode === 'write' ? 'tryWrite' : 'tryRead'} of ${this.obj.label}`;
  }
  override traced(): string {
    return this.shown || this.describe();
  }
}

/** The drop of a guard: release its mode (a write guard poisons when its thread unwinds). */
class UnlockOp<T> extends Op<void> {
  readonly kind: 'unlock' | 'rUnlock';
  constructor(
    readonly obj: RwLock<T>,
    private readonly mode: RWMode,
    private readonly unwinding: boolean,
    private readonly panic: PanicInfo | undefined,
  ) {
    super(obj.exec);
    this.kind = mode === 'write' ? 'unlock' : 'rUnlock';
  }
  step(): boolean {
    this.obj.give(this.thread, this.mode, this.unwinding, this.panic);
    return this.complete(undefined);
  }
  private poisons(): boolean {
    return this.mode === 'write' && this.unwinding;
  }
  describe(): string {
    return `drop of the ${this.mode} guard of ${this.obj.label}${this.poisons() ? ' (while panicking: poisons it)' : ''}`;
  }
  override traced(): string {
    return `${this.mode === 'write' ? 'write' : 'read'} unlock ${this.obj.label}${this.poisons() ? ': poisoned (its thread panicked)' : ''}`;
  }
}
