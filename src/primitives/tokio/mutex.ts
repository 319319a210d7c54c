/**
 * tokio's async `Mutex<T>` (shared/scenario-api.md §2c): `await m.lock()` → `MutexGuard<T>` (no
 * poisoning, no Result: tokio's lock is infallible), `.value`, `drop(guard)` / `using`; `tryLock()` →
 * `Result<guard, TryLockError>`; `lockBranch()` for `select`.
 *
 * Fair, as tokio's: the lock is a batch semaphore of one permit (semaphore-core.ts): waiters are served
 * in the order they first polled `lock()`, and an unlock hands the lock to the head waiter (a `tryLock`
 * meanwhile fails: tokio's Mutex never lets a newcomer barge). A guard may be held across an await. A
 * lock is a lazy, cancellable wait (future.ts): a `lock()` that loses a select, times out or whose task
 * is aborted leaves the queue, and a lock it had been handed passes to the next waiter (cancel safe).
 *
 * Detectors, through the shared lock core (core/lock-core.ts): the lock-order graph sees every
 * acquisition; a task that awaits `lock()` of a Mutex whose guard it owns is a `double-lock` at once
 * (nobody else can drop that guard: it blocks forever); a plain `await lock()` that closes a wait-for
 * cycle is a `deadlock`. A lock inside a `select` or `timeout` is neither (it may give up).
 *
 * Dependence: every step of a lock (queueing, taking, leaving), an unlock, and a successful `tryLock`
 * write the Mutex's id; a `tryLock` that fails reads it (`tryLock` is synchronous, as tokio's: it runs in
 * the task's code and notes its touch, semaphore-core.ts tryInCode). Happens-before: unlock → the next lock.
 */
import { reportSelfLock, checkWaitCycle } from '../../detectors/deadlock.js';
import { currentExecution } from '../../runtime/current.js';
import { ScenarioError } from '../../runtime/errors.js';
import { SimpleOp, type Touch } from '../../runtime/op.js';
import type { Thread } from '../../runtime/thread.js';
import { LockCore } from '../core/lock-core.js';
import { SimObject } from '../core/object.js';
import { releasedInCode } from '../rust/guard.js';
import { assertUsable, DROP, installDispose, own, ownerOf, transferOwnership, type DropContext, type Droppable } from '../rust/ownership.js';
import { DEBUG, Err, Ok, type Result } from '../rust/result.js';
import { BatchSemaphore, tryInCode, type SemWaiter } from './semaphore-core.js';
import { TokioFuture, type Poll, type Selectable, type TokioOp } from './future.js';

/** tokio's `TryLockError` (the lock is held, or handed to a waiter). */
export interface TryLockError {
  readonly kind: 'WouldBlock';
}

export const TRY_LOCK_ERROR: TryLockError = Object.freeze(Object.defineProperty({ kind: 'WouldBlock' as const }, DEBUG, { value: () => 'TryLockError(())', enumerable: false }));

/** The thread that owns a live guard (it may have been moved to another task). */
export function guardOwner(g: object | null, fallback: Thread | null): Thread | null {
  if (g === null) return null;
  return ownerOf(g) ?? fallback;
}

export class Mutex<T> extends SimObject {
  readonly typeName = 'tokio::sync::Mutex';
  /** @internal holder, clock, lock-order hooks. */
  readonly core: LockCore = new LockCore(this, { ownerless: false });
  /** @internal the fair queue (one permit). */
  readonly sem = new BatchSemaphore(1);
  /** @internal the live guard, if any. */
  guard: MutexGuard<T> | null = null;
  /** @internal */
  data: T;
  /** @internal */
  readonly writes: readonly Touch[];

  constructor(value: T, opts: { name?: string } | string = {}) {
    const o = typeof opts === 'string' ? { name: opts } : (opts ?? {});
    super('new Mutex()', o.name, 'mutex');
    this.data = value;
    this.writes = [{ id: this.id, read: false }];
  }

  override get label(): string {
    return `Mutex '${this.name}'`;
  }

  /** Lock it (a lazy future): waits, in FIFO order, while another task holds the guard. */
  lock(): TokioFuture<MutexGuard<T>> {
    const exec = currentExecution('lock()');
    return new TokioFuture(exec, new LockSel(this));
  }

  /** `lock()` as a `select` branch. */
  lockBranch(): Selectable<MutexGuard<T>> {
    currentExecution('lockBranch()');
    return new LockSel(this);
  }

  /**
   * Lock it if it is free and nobody waits (synchronous, as tokio's `try_lock`): `Ok(guard)` or
   * `Err(TryLockError)`. `await` of it is harmless (the same call).
   */
  tryLock(): Result<MutexGuard<T>, TryLockError> {
    this.used = true;
    const { r, thread, at } = tryInCode('tryLock', this, this.sem, 1);
    if (r !== 'ok') return Err(TRY_LOCK_ERROR);
    return Ok(this.take(thread, at, false));
  }

  /** The data, without locking (Rust's `get_mut`: `&mut self`, no guard alive). */
  getMut(): { value: T } {
    if (this.guard) throw new ScenarioError(`getMut: ${this.label} is locked (a guard of it is alive): Rust would not compile this`);
    this.exec.noteTouch(this.id, false);
    const m = this;
    return {
      get value(): T {
        return m.data;
      },
      set value(v: T) {
        m.data = v;
      },
    };
  }

  /** Consume the Mutex and give its data. */
  intoInner(): T {
    if (this.guard) throw new ScenarioError(`intoInner: ${this.label} is still locked (a guard of it is alive): Rust would not compile this`);
    this.exec.noteTouch(this.id, false);
    return this.data;
  }

  /** @internal `t` now holds the lock (its permit taken already). */
  take(t: Thread, at: string | undefined, blocking: boolean): MutexGuard<T> {
    this.core.acquire(t, at, blocking);
    const g = new MutexGuard(this);
    transferOwnership(g, t, `lock of ${this.label}`);
    this.guard = g;
    return g;
  }

  /** @internal the guard's drop: unlock and hand the permit to the head waiter. */
  give(t: Thread): void {
    if (this.core.locked) this.core.release(t);
    this.guard = null;
    this.sem.release(1);
  }

  /** Who holds it (or was handed it), for reports. */
  holderNote(): string {
    const h = guardOwner(this.guard, this.core.holder);
    return h ? ` (held by '${h.name}'${this.core.holderAt ? ` since ${this.core.holderAt}` : ''})` : '';
  }
}

/** tokio's `MutexGuard<T>`: `.value` is the data; dropping it unlocks (no poisoning). */
export class MutexGuard<T> implements Droppable {
  declare [Symbol.dispose]: () => void;
  /** @internal */
  constructor(readonly mutex: Mutex<T>) {
    own(this, `MutexGuard of ${mutex.label}`);
  }
  get value(): T {
    assertUsable(this, 'MutexGuard.value');
    return this.mutex.data;
  }
  set value(v: T) {
    assertUsable(this, 'MutexGuard.value');
    this.mutex.data = v;
  }
  [DROP](ctx: DropContext): void | SimpleOp<void> {
    const m = this.mutex;
    if (ctx.sync || !ctx.thread) {
      m.give(ctx.thread ?? m.core.holder!);
      releasedInCode(m.exec, m.id);
      return;
    }
    const op: SimpleOp<void> = new SimpleOp(m.exec, m, 'unlock', `unlock of ${m.label}`, () => m.give(op.thread));
    return op;
  }
  toString(): string {
    return `MutexGuard(${this.mutex.label})`;
  }
}
installDispose(MutexGuard.prototype);

/** Waiting for the lock (lazy: it joins the queue at its first poll). */
class LockSel<T> implements Selectable<MutexGuard<T>> {
  readonly kind = 'lock' as const;
  readonly obj: Mutex<T>;
  private w: SemWaiter | null = null;
  private op: TokioOp<unknown> | null = null;
  private taken = false;
  constructor(private readonly m: Mutex<T>) {
    this.obj = m;
  }
  begin(op: TokioOp<unknown>): void {
    const m = this.m;
    this.op = op;
    m.used = true;
    const t = op.thread;
    const alone = op.root === (this as unknown);
    if (alone && m.guard && guardOwner(m.guard, m.core.holder) === t) {
      reportSelfLock(m.exec, t, m.label, op.at, m.core.holderAt);
      return;
    }
    this.w = m.sem.enqueue(t, 1);
    if (alone && !this.w.woken) checkWaitCycle(m.exec, t);
  }
  ready(): boolean {
    return this.w !== null && this.w.woken;
  }
  take(op: TokioOp<unknown>): Poll<MutexGuard<T>> {
    this.taken = true;
    return this.m.take(op.thread, op.at, true);
  }
  cancel(): void {
    if (this.w && !this.taken) this.m.sem.cancel(this.w);
  }
  touches(): readonly Touch[] {
    return this.m.writes;
  }
  describe(): string {
    return `lock of ${this.m.label}${this.m.holderNote()}`;
  }
  traced(): string {
    return this.taken ? `lock ${this.m.label}` : this.describe();
  }
  waitsFor(): Thread | null {
    if (!this.op || this.op.root !== (this as unknown) || this.ready() || !this.w) return null;
    // FIFO: it waits for the waiter queued just before it, and the head waits for the holder.
    const q = this.m.sem.queue;
    const i = q.indexOf(this.w);
    if (i > 0) return q[i - 1]!.thread;
    return guardOwner(this.m.guard, this.m.core.holder);
  }
  explain(): string[] {
    const h = guardOwner(this.m.guard, this.m.core.holder);
    const q = this.m.sem.waiting().filter((x) => x !== this.op?.thread);
    return [
      h ? `${this.m.label} is held by '${h.name}'${this.m.core.holderAt ? ` (locked at ${this.m.core.holderAt})` : ''}` : `${this.m.label} is not held`,
      ...(q.length ? [`also queued for it: ${q.map((x) => `'${x.name}'`).join(', ')}`] : []),
    ];
  }
}
