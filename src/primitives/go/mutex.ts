/**
 * sync.Mutex without a variant: lock, unlock and tryLock are one step each, and when the mutex is
 * released any waiter may win (the scheduler chooses among the enabled lockers), which covers every
 * order some real implementation allows. Like Go's, it has no owner: any goroutine may unlock it;
 * the goroutine that locked it is remembered only to explain reports.
 *
 * Happens-before: an unlock releases the unlocker's clock into the mutex; a lock acquires it.
 * Every acquisition and release is told to the lock-order detector (detectors/lock-order.ts).
 *
 * With a `variant` (or the execution's default one, `simcc run --mutex`), lock/unlock/tryLock run
 * that stage of Go's Mutex step by step instead (mutex-variants/); the fields below keep the same
 * meaning (who owns it for reports, the released clock), so detectors and reports work unchanged.
 */
import { ScenarioError } from '../../runtime/errors.js';
import { Op } from '../../runtime/op.js';
import type { Thread } from '../../runtime/thread.js';
import { defaultMutexVariant } from './mutex-variants/default-variant.js';
import { createVariantCore, type VariantCore } from './mutex-variants/index.js';
import { isMutexVariant, MUTEX_VARIANTS, type MutexVariant } from './mutex-variants/variants.js';
import { LockCore } from '../core/lock-core.js';
import type { Locker } from '../core/locker.js';
import { COPY, SimObject, type Copyable } from '../core/object.js';

export { MUTEX_VARIANTS, type MutexVariant };

export interface MutexOptions {
  name?: string;
  variant?: MutexVariant;
}

/** What Mutex, RWMutex and RLocker implement (Go's sync.Locker; core/locker.ts says what a Cond asks of it). */
export type { Locker } from '../core/locker.js';

export class Mutex extends SimObject implements Copyable, Locker {
  readonly typeName = 'sync.Mutex';
  readonly isLockLike = true;
  /**
   * Holder, released clock and the detectors' hooks (core/lock-core.ts). Ownerless as Go's: any
   * goroutine may unlock it; the goroutine that locked it is remembered only to explain reports.
   */
  readonly core: LockCore = new LockCore(this, { ownerless: true });

  /** The stage of Go's Mutex it runs, or undefined for the plain one-step Mutex. */
  readonly variant: MutexVariant | undefined;
  private readonly staged: VariantCore | null;

  constructor(opts: MutexOptions = {}) {
    super('new Mutex()', opts.name, 'mu');
    if (opts.variant !== undefined && !isMutexVariant(opts.variant)) {
      throw new ScenarioError(`unknown Mutex variant '${String(opts.variant)}': use one of ${MUTEX_VARIANTS.join(', ')}`);
    }
    this.variant = opts.variant ?? defaultMutexVariant(this.exec);
    this.staged = this.variant === undefined ? null : createVariantCore(this, this.variant);
  }

  get locked(): boolean {
    return this.core.locked;
  }

  /** The goroutine that locked it (Go's Mutex itself does not know), and where. */
  get holder(): Thread | null {
    return this.core.holder;
  }

  get holderAt(): string | undefined {
    return this.core.holderAt;
  }

  lock(): Promise<void> {
    return this.staged ? this.staged.lock() : new LockOp(this);
  }

  unlock(): Promise<void> {
    return this.staged ? this.staged.unlock() : new UnlockOp(this);
  }

  tryLock(): Promise<boolean> {
    return this.staged ? this.staged.tryLock() : new TryLockOp(this);
  }

  /** Locker: is it locked (by anyone: Go's Mutex has no owner)? */
  isHeld(): boolean {
    return this.locked;
  }

  heldSince(): string | undefined {
    return this.holderAt;
  }

  unheldError(): { message: string; why: string } {
    return { message: 'sync: unlock of unlocked mutex', why: `${this.label} is not locked` };
  }

  /** Lock by `t`; `blocking` is false for a successful tryLock (it adds no lock-order edge). */
  acquire(t: Thread, at: string | undefined, blocking = true): void {
    this.core.acquire(t, at, blocking);
  }

  /** Unlock by `t`; false (and a fatal finding) when it was not locked. */
  release(t: Thread, at: string | undefined): boolean {
    this.used = true;
    if (!this.locked) {
      this.exec.fatal('unlock-of-unlocked', 'sync: unlock of unlocked mutex', {
        threads: [t],
        locations: [at],
        details: [`goroutine '${t.name}' unlocked ${this.label}, which was not locked`],
      });
      return false;
    }
    this.dropLock(t);
    return true;
  }

  /** An unlock's bookkeeping without Go's check (staged Mutexes make their own): release `t`'s clock, forget the holder. */
  dropLock(t: Thread): void {
    this.core.release(t);
  }

  [COPY](): Mutex {
    const m = new Mutex({ name: `${this.name} (copy)`, ...(this.variant !== undefined && { variant: this.variant }) });
    // The copy carries the state, as in Go: a locked Mutex copied is a locked Mutex nobody will unlock.
    this.core.copyInto(m.core);
    m.used = this.used;
    if (this.staged && m.staged) this.staged.copyInto(m.staged);
    return m;
  }

  stateSummary(): string {
    const base = !this.locked ? 'unlocked' : this.holder ? `locked by '${this.holder.name}'` : 'locked';
    return this.staged ? `${base}; ${this.variant} stage, state ${this.staged.word.show()}` : base;
  }
}

class LockOp extends Op<void> {
  readonly kind = 'lock';
  constructor(readonly obj: Mutex) {
    super(obj.exec);
    obj.core.checkLock(this.thread, this.at);
  }
  override enabled(): boolean {
    return !this.obj.locked;
  }
  override waitsFor(): Thread | null {
    return this.obj.holder;
  }
  step(): boolean {
    this.obj.acquire(this.thread, this.at);
    return this.complete(undefined);
  }
  describe(): string {
    return `lock of ${this.obj.label}${this.obj.core.heldNote()}`;
  }
  override traced(): string {
    return `lock ${this.obj.label}`;
  }
}

class UnlockOp extends Op<void> {
  readonly kind = 'unlock';
  constructor(readonly obj: Mutex) {
    super(obj.exec);
  }
  step(): boolean {
    this.obj.release(this.thread, this.at);
    return this.complete(undefined);
  }
  describe(): string {
    return `unlock of ${this.obj.label}`;
  }
  override traced(): string {
    return `unlock ${this.obj.label}`;
  }
}

class TryLockOp extends Op<boolean> {
  readonly kind = 'tryLock';
  private got = false;
  constructor(readonly obj: Mutex) {
    super(obj.exec);
  }
  step(): boolean {
    this.obj.used = true;
    this.got = !this.obj.locked;
    if (this.got) this.obj.acquire(this.thread, this.at, false);
    return this.complete(this.got);
  }
  describe(): string {
    return `tryLock of ${this.obj.label}`;
  }
  override traced(): string {
    return `tryLock ${this.obj.label} → ${this.got}`;
  }
}
