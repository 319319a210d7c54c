/**
 * tokio's async `RwLock<T>` (shared/scenario-api.md §2c): `await l.read()` / `await l.write()` → a
 * guard (`.value`; no poisoning), `tryRead()` / `tryWrite()` → `Result<guard, TryLockError>`,
 * `readBranch()` / `writeBranch()` for `select`.
 *
 * Fair, as tokio's: a batch semaphore (semaphore-core.ts) of MAX_READS permits; a read takes one, a
 * write all of them, and waiters are served in FIFO order, so a waiting writer blocks every reader that
 * comes after it (and a task that reads again while a writer waits deadlocks, as tokio's docs warn).
 * A read or write is a lazy, cancellable wait: cancelled, it leaves the queue and hands on what it was
 * assigned. The shared readers-writer core (core/rw-core.ts) keeps the holders, the clocks (a write
 * release → every later acquisition; read releases → the next writer) and the lock-order hooks.
 * A task that holds the write guard and locks again, or holds a read guard and asks to write, is a
 * `double-lock` when it awaits that lock alone.
 */
import { reportSelfLock, checkWaitCycle } from '../../detectors/deadlock.js';
import { currentExecution } from '../../runtime/current.js';
import { SimpleOp, type Touch } from '../../runtime/op.js';
import type { Thread } from '../../runtime/thread.js';
import { RWCore, type RWMode } from '../core/rw-core.js';
import { SimObject } from '../core/object.js';
import { releasedInCode } from '../rust/guard.js';
import { assertUsable, DROP, installDispose, own, ownerOf, transferOwnership, type DropContext, type Droppable } from '../rust/ownership.js';
import { Err, Ok, type Result } from '../rust/result.js';
import { TRY_LOCK_ERROR, type TryLockError } from './mutex.js';
import { BatchSemaphore, tryInCode, type SemWaiter } from './semaphore-core.js';
import { TokioFuture, type Poll, type Selectable, type TokioOp } from './future.js';

/** tokio's `MAX_READS` (u32::MAX >> 3): the permits a writer takes. */
export const MAX_READS = 536870911;

export class RwLock<T> extends SimObject {
  readonly typeName = 'tokio::sync::RwLock';
  /** @internal */
  readonly core: RWCore = new RWCore(this);
  /** @internal */
  readonly sem = new BatchSemaphore(MAX_READS);
  /** @internal live guards. */
  readonly guards = new Set<RwLockGuard<T>>();
  /** @internal */
  data: T;
  /** @internal */
  readonly writes: readonly Touch[];

  constructor(value: T, opts: { name?: string } | string = {}) {
    const o = typeof opts === 'string' ? { name: opts } : (opts ?? {});
    super('new RwLock()', o.name, 'rwlock');
    this.data = value;
    this.writes = [{ id: this.id, read: false }];
  }

  override get label(): string {
    return `RwLock '${this.name}'`;
  }

  /** A shared read guard (waits while a writer holds it or waits before this reader). */
  read(): TokioFuture<RwLockGuard<T>> {
    return new TokioFuture(currentExecution('read()'), new RwSel(this, 'read'));
  }

  /** The exclusive write guard (waits for the readers and writers before it). */
  write(): TokioFuture<RwLockGuard<T>> {
    return new TokioFuture(currentExecution('write()'), new RwSel(this, 'write'));
  }

  readBranch(): Selectable<RwLockGuard<T>> {
    currentExecution('readBranch()');
    return new RwSel(this, 'read');
  }

  writeBranch(): Selectable<RwLockGuard<T>> {
    currentExecution('writeBranch()');
    return new RwSel(this, 'write');
  }

  /** A read guard if no writer holds or waits (synchronous, as tokio's `try_read`); `await` of it is harmless. */
  tryRead(): Result<RwLockGuard<T>, TryLockError> {
    return this.tryLock('read');
  }

  /** The write guard if nobody holds or waits (synchronous, as tokio's `try_write`); `await` of it is harmless. */
  tryWrite(): Result<RwLockGuard<T>, TryLockError> {
    return this.tryLock('write');
  }

  private tryLock(mode: RWMode): Result<RwLockGuard<T>, TryLockError> {
    this.used = true;
    const { r, thread, at } = tryInCode(mode === 'read' ? 'tryRead' : 'tryWrite', this, this.sem, mode === 'read' ? 1 : MAX_READS);
    if (r !== 'ok') return Err(TRY_LOCK_ERROR);
    return Ok(this.take(thread, at, mode, false));
  }

  /** @internal `t` holds it in `mode` now (its permits taken). */
  take(t: Thread, at: string | undefined, mode: RWMode, blocking: boolean): RwLockGuard<T> {
    if (mode === 'read') this.core.readers++;
    this.core.acquire(t, at, mode, blocking);
    const g = new RwLockGuard(this, mode);
    transferOwnership(g, t, `${mode} of ${this.label}`);
    this.guards.add(g);
    return g;
  }

  /** @internal a guard's drop. */
  give(t: Thread, g: RwLockGuard<T>): void {
    if (!this.guards.delete(g)) return;
    const holder = g.mode === 'read' && !this.core.holdsRead(t) ? (ownerOf(g) ?? t) : t;
    this.core.release(holder, g.mode);
    this.sem.release(g.mode === 'read' ? 1 : MAX_READS);
  }

  /** The guards `t` owns, by mode. */
  heldBy(t: Thread): { read: boolean; write: boolean } {
    let read = false;
    let write = false;
    for (const g of this.guards) {
      if (ownerOf(g) !== t) continue;
      if (g.mode === 'read') read = true;
      else write = true;
    }
    return { read, write };
  }

  /** A holder to wait for (the writer, or a reader), for cycles and reports. */
  holder(self: Thread | null = null): Thread | null {
    for (const g of this.guards) if (g.mode === 'write') return ownerOf(g);
    let any: Thread | null = null;
    for (const g of this.guards) {
      const o = ownerOf(g);
      if (o && o !== self) return o;
      any ??= o;
    }
    return any;
  }

  holdersNote(): string {
    if (this.guards.size === 0) return '';
    const names = [...this.guards].map((g) => `'${ownerOf(g)?.name ?? '?'}' (${g.mode})`);
    return ` (held by ${names.join(', ')})`;
  }
}

/** tokio's `RwLockReadGuard` / `RwLockWriteGuard`: `.value`; dropping it releases. */
export class RwLockGuard<T> implements Droppable {
  declare [Symbol.dispose]: () => void;
  /** @internal */
  constructor(
    readonly lock: RwLock<T>,
    readonly mode: RWMode,
  ) {
    own(this, `${mode === 'read' ? 'RwLockReadGuard' : 'RwLockWriteGuard'} of ${lock.label}`);
  }
  get value(): T {
    assertUsable(this, 'guard.value');
    return this.lock.data;
  }
  set value(v: T) {
    assertUsable(this, 'guard.value');
    if (this.mode === 'read') throw new TypeError(`a read guard of ${this.lock.label} cannot write .value (Rust: cannot assign through a shared reference)`);
    this.lock.data = v;
  }
  [DROP](ctx: DropContext): void | SimpleOp<void> {
    const l = this.lock;
    if (ctx.sync || !ctx.thread) {
      l.give(ctx.thread ?? ownerOf(this)!, this);
      releasedInCode(l.exec, l.id);
      return;
    }
    const op: SimpleOp<void> = new SimpleOp(l.exec, l, this.mode === 'read' ? 'rUnlock' : 'unlock', `${this.mode === 'read' ? 'read' : 'write'} unlock of ${l.label}`, () => l.give(op.thread, this));
    return op;
  }
  toString(): string {
    return `${this.mode === 'read' ? 'RwLockReadGuard' : 'RwLockWriteGuard'}(${this.lock.label})`;
  }
}
installDispose(RwLockGuard.prototype);

class RwSel<T> implements Selectable<RwLockGuard<T>> {
  readonly kind: 'rLock' | 'lock';
  readonly obj: RwLock<T>;
  private w: SemWaiter | null = null;
  private op: TokioOp<unknown> | null = null;
  private taken = false;
  constructor(
    private readonly l: RwLock<T>,
    private readonly mode: RWMode,
  ) {
    this.obj = l;
    this.kind = mode === 'read' ? 'rLock' : 'lock';
  }
  begin(op: TokioOp<unknown>): void {
    const l = this.l;
    this.op = op;
    l.used = true;
    const t = op.thread;
    const alone = op.root === (this as unknown);
    const held = l.heldBy(t);
    if (alone && (held.write || (held.read && this.mode === 'write'))) {
      reportSelfLock(l.exec, t, l.label, op.at, undefined);
      return;
    }
    this.w = l.sem.enqueue(t, this.mode === 'read' ? 1 : MAX_READS);
    if (alone && !this.w.woken) checkWaitCycle(l.exec, t);
  }
  ready(): boolean {
    return this.w !== null && this.w.woken;
  }
  take(op: TokioOp<unknown>): Poll<RwLockGuard<T>> {
    this.taken = true;
    return this.l.take(op.thread, op.at, this.mode, true);
  }
  cancel(): void {
    if (this.w && !this.taken) this.l.sem.cancel(this.w);
  }
  touches(): readonly Touch[] {
    return this.l.writes;
  }
  describe(): string {
    return `${this.mode} of ${this.l.label}${this.l.holdersNote()}`;
  }
  traced(): string {
    return this.taken ? `${this.mode} ${this.l.label}` : this.describe();
  }
  waitsFor(): Thread | null {
    if (!this.op || this.op.root !== (this as unknown) || this.ready() || !this.w) return null;
    // FIFO: it waits for the waiter queued just before it, and the head waits for the holders.
    const q = this.l.sem.queue;
    const i = q.indexOf(this.w);
    if (i > 0) return q[i - 1]!.thread;
    return this.l.holder(this.op.thread);
  }
  explain(): string[] {
    const q = this.l.sem.waiting().filter((x) => x !== this.op?.thread);
    return [`${this.l.label}${this.l.holdersNote() || ' is not held'}`, ...(q.length ? [`also queued for it: ${q.map((x) => `'${x.name}'`).join(', ')}`] : [])];
  }
}
