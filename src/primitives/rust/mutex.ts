/**
 * `std::sync::Mutex<T>` for the 'simcc/rust' flavour (shared/scenario-api.md §2b), on the shared lock
 * core (core/lock-core.ts, `ownerless: false`: a guard belongs to its thread).
 *
 * - `lock()` → `LockResult<MutexGuard<T>>`: one step, blocked while the lock is held; locking it
 *   again from the holding thread is `double-lock` at once (nobody else can release a Rust guard).
 * - `tryLock()` → `Ok(guard)`, `Err({ kind: 'WouldBlock' })` or `Err({ kind: 'Poisoned', error })`:
 *   one step, never blocks.
 * - `isPoisoned()`, `clearPoison()`: synchronous queries (no scheduling point) that tell the
 *   explorer what they read or wrote; `intoInner()` → `LockResult<T>` and `getMut()` →
 *   `LockResult<{ value }>` are synchronous too (Rust's `self` / `&mut self`: no other thread can
 *   hold it), and `intoInner` consumes the Mutex.
 * - The guard: `.value` reads and writes the data (not a scheduling point: the lock orders it);
 *   `await drop(guard)` unlocks (the unlock step is the drop's scheduling point); `using` unlocks at
 *   the end of the block, in the thread's code, with no scheduling point of its own; a guard still
 *   alive when its thread ends is dropped then (ownership.ts). A guard released while its thread
 *   unwinds poisons the Mutex (guard.ts Poison).
 *
 * Happens-before: unlock → the next lock (LockCore: release overwrites the lock's clock, acquire
 * joins it). Dependence: lock, unlock and a successful tryLock write the Mutex's id (which stands for
 * its lock word, its poison flag and its data); a tryLock that will fail (decided before the step, in
 * the state the step runs in) only reads it; isPoisoned reads, clearPoison writes.
 */
import { ScenarioError } from '../../runtime/errors.js';
import { Op, type Touch } from '../../runtime/op.js';
import type { Thread } from '../../runtime/thread.js';
import { LockCore } from '../core/lock-core.js';
import { SimObject } from '../core/object.js';
import { disposingThread, Poison, releasedInCode, WOULD_BLOCK, type LockResult, type TryLockResult } from './guard.js';
import { assertUsable, DROP, installDispose, own, type DropContext, type Droppable } from './ownership.js';
import type { PanicInfo } from './panic.js';
import { Err } from './result.js';
import { blockingCall } from '../core/blocking-call.js';

export interface MutexOptions {
  name?: string;
}

export class Mutex<T> extends SimObject {
  readonly typeName = 'Mutex';
  /** Holder, released clock and the detectors' hooks. */
  readonly core: LockCore = new LockCore(this, { ownerless: false });
  readonly poison = new Poison();
  /** The data behind the lock (read and written through a guard). */
  data: T;
  /** Set by `intoInner`: the Mutex was moved out of. */
  private consumedAt: string | null = null;

  constructor(value: T, opts: MutexOptions | string = {}) {
    const o = typeof opts === 'string' ? { name: opts } : (opts ?? {});
    super('new Mutex()', o.name, 'mutex');
    this.data = value;
  }

  /** Lock it, blocking while another thread holds it. `Err(PoisonError)` (with the guard) when poisoned. */
  lock(): Promise<LockResult<MutexGuard<T>>> {
    this.usable('lock');
    return blockingCall(new LockOp(this), 'std Mutex::lock');
  }

  /** Lock it if nobody holds it: `Err(WouldBlock)` otherwise, `Err(Poisoned)` (with the guard) when poisoned. */
  tryLock(): Promise<TryLockResult<MutexGuard<T>>> {
    this.usable('tryLock');
    return new TryLockOp(this);
  }

  /** Whether a guard was released while its thread panicked (since the last clearPoison). Not a scheduling point. */
  isPoisoned(): boolean {
    this.usable('isPoisoned');
    this.exec.noteTouch(this.id, true);
    return this.poison.poisoned;
  }

  /** Forget that it was poisoned (Rust 1.77). Not a scheduling point. */
  clearPoison(): void {
    this.usable('clearPoison');
    this.exec.noteTouch(this.id, false);
    this.poison.clear();
  }

  /** Consume the Mutex and give its data: `Err(PoisonError)` (whose intoInner gives the data) when poisoned. */
  intoInner(): LockResult<T> {
    this.usable('intoInner');
    if (this.core.locked) throw new ScenarioError(`intoInner: ${this.label} is still locked (a guard of it is alive): Rust would not compile this`);
    this.exec.noteTouch(this.id, false);
    this.consumedAt = 'intoInner';
    return this.poison.result(this.data);
  }

  /** `get_mut`: the data through a reference (`.value`), without locking (Rust: `&mut self`, no guard alive). */
  getMut(): LockResult<{ value: T }> {
    this.usable('getMut');
    if (this.core.locked) throw new ScenarioError(`getMut: ${this.label} is locked (a guard of it is alive): Rust would not compile this`);
    this.exec.noteTouch(this.id, false);
    const m = this;
    const ref = {
      get value(): T {
        return m.data;
      },
      set value(v: T) {
        m.data = v;
      },
    };
    return this.poison.result(ref);
  }

  private usable(what: string): void {
    if (this.consumedAt !== null) throw new ScenarioError(`${what}: ${this.label} used after it was consumed by ${this.consumedAt}`);
  }

  /** @internal `t` takes the lock (a step of `t`'s): a guard it owns, in a LockResult. */
  take(t: Thread, at: string | undefined, blocking: boolean): MutexGuard<T> {
    this.core.acquire(t, at, blocking);
    return new MutexGuard(this);
  }

  /** @internal Release by a guard's drop; poisons when the dropping thread unwinds `panic`. */
  give(t: Thread, unwinding: boolean, panic: PanicInfo | undefined): void {
    if (unwinding) this.poison.set(panic);
    if (this.core.locked) this.core.release(t);
  }

  /** " (held by 'main' since x.ts:3:5)" while locked. */
  heldNote(): string {
    return this.core.heldNote();
  }
}

/** `std::sync::MutexGuard<T>`: `.value` is the data; dropping it unlocks the Mutex. */
export class MutexGuard<T> implements Droppable {
  /** Installed by installDispose (also under Symbol.for('Symbol.dispose')): `using` drops it at the end of the block. */
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

  /** The drop: the unlock step (or, for `using`, the unlock at once in the thread's code). */
  [DROP](ctx: DropContext): void | Op<void> {
    const m = this.mutex;
    if (ctx.sync) {
      m.give(disposingThread(ctx.thread, `MutexGuard of ${m.label}`), ctx.unwinding, ctx.panic);
      releasedInCode(m.exec, m.id);
      return;
    }
    return new UnlockOp(m, ctx.unwinding, ctx.panic);
  }

  toString(): string {
    return `MutexGuard(${this.mutex.label})`;
  }
}
installDispose(MutexGuard.prototype);

class LockOp<T> extends Op<LockResult<MutexGuard<T>>> {
  readonly kind = 'lock' as const;
  private poisoned = false;
  constructor(readonly obj: Mutex<T>) {
    super(obj.exec);
    obj.core.checkLock(this.thread, this.at);
  }
  override enabled(): boolean {
    return !this.obj.core.locked;
  }
  override waitsFor(): Thread | null {
    return this.obj.core.holder;
  }
  step(): boolean {
    const g = this.obj.take(this.thread, this.at, true);
    this.poisoned = this.obj.poison.poisoned;
    return this.complete(this.obj.poison.result(g));
  }
  describe(): string {
    return `lock of ${this.obj.label}${this.obj.heldNote()}`;
  }
  override traced(): string {
    return `lock ${this.obj.label}${this.poisoned ? ' (poisoned)' : ''}`;
  }
}

class TryLockOp<T> extends Op<TryLockResult<MutexGuard<T>>> {
  readonly kind = 'tryLock' as const;
  private shown = '';
  constructor(readonly obj: Mutex<T>) {
    super(obj.exec);
  }
  override footprint(): readonly Touch[] {
    // A tryLock that will fail changes nothing: a read of the lock (the state cannot change before the step).
    return [{ id: this.obj.id, read: this.obj.core.locked }];
  }
  step(): boolean {
    const mu = this.obj;
    mu.used = true;
    if (mu.core.locked) {
      this.shown = `tryLock ${mu.label} → WouldBlock`;
      return this.complete(Err(WOULD_BLOCK));
    }
    const g = mu.take(this.thread, this.at, false);
    this.shown = `tryLock ${mu.label} → ${mu.poison.poisoned ? 'Poisoned' : 'Ok'}`;
    return this.complete(mu.poison.tryResult(g));
  }
  describe(): string {
    return `tryLock of ${this.obj.label}`;
  }
  override traced(): string {
    return this.shown || this.describe();
  }
}

/** The drop of a MutexGuard: unlock (and poison, when the thread unwinds). */
class UnlockOp<T> extends Op<void> {
  readonly kind = 'unlock' as const;
  constructor(
    readonly obj: Mutex<T>,
    private readonly unwinding: boolean,
    private readonly panic: PanicInfo | undefined,
  ) {
    super(obj.exec);
  }
  step(): boolean {
    this.obj.give(this.thread, this.unwinding, this.panic);
    return this.complete(undefined);
  }
  describe(): string {
    return `unlock of ${this.obj.label}${this.unwinding ? ' (dropped while panicking: poisons it)' : ''}`;
  }
  override traced(): string {
    return `unlock ${this.obj.label}${this.unwinding ? ': poisoned (its thread panicked)' : ''}`;
  }
}
