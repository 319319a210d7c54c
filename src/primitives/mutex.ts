/**
 * sync.Mutex without a variant: lock, unlock and tryLock are one step each, and when the mutex is
 * released any waiter may win (the scheduler chooses among the enabled lockers), which covers every
 * order some real implementation allows. Like Go's, it has no owner: any goroutine may unlock it;
 * the goroutine that locked it is remembered only to explain reports.
 *
 * Happens-before: an unlock releases the unlocker's clock into the mutex; a lock acquires it.
 */
import { checkWaitCycle } from '../detectors/deadlock.js';
import { VectorClock } from '../runtime/clock.js';
import { ScenarioError } from '../runtime/errors.js';
import { Op } from '../runtime/op.js';
import type { Thread } from '../runtime/thread.js';
import { COPY, SimObject, type Copyable } from './object.js';

export const MUTEX_VARIANTS = ['initial', 'newcomer', 'spinning', 'starvation'] as const;
export type MutexVariant = (typeof MUTEX_VARIANTS)[number];

export interface MutexOptions {
  name?: string;
  variant?: MutexVariant;
}

/** What Mutex and RWMutex implement (Go's sync.Locker). */
export interface Locker {
  lock(): Promise<void>;
  unlock(): Promise<void>;
}

export class Mutex extends SimObject implements Copyable, Locker {
  readonly typeName = 'sync.Mutex';
  readonly isLockLike = true;
  locked = false;
  /** The goroutine that locked it and where, for reports (Go's Mutex itself does not know). */
  holder: Thread | null = null;
  holderAt: string | undefined;
  /** The clock released by the last unlock. */
  readonly clock = new VectorClock();

  constructor(opts: MutexOptions = {}) {
    super('new Mutex()', opts.name, 'mu');
    if (opts.variant !== undefined) {
      if (!(MUTEX_VARIANTS as readonly string[]).includes(opts.variant)) {
        throw new ScenarioError(`unknown Mutex variant '${String(opts.variant)}': use one of ${MUTEX_VARIANTS.join(', ')}`);
      }
      throw new ScenarioError(`Mutex variant '${opts.variant}' is not available in this version of simcc: omit 'variant'`);
    }
  }

  lock(): Promise<void> {
    return new LockOp(this);
  }

  unlock(): Promise<void> {
    return new UnlockOp(this);
  }

  tryLock(): Promise<boolean> {
    return new TryLockOp(this);
  }

  acquire(t: Thread, at: string | undefined): void {
    this.used = true;
    this.locked = true;
    this.holder = t;
    this.holderAt = at;
    t.clock.join(this.clock);
    t.hold(this, this.label, at);
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
    this.clock.assign(t.clock);
    t.clock.tick(t.id);
    this.holder?.release(this);
    this.holder = null;
    this.holderAt = undefined;
    this.locked = false;
    return true;
  }

  [COPY](): Mutex {
    const m = new Mutex({ name: `${this.name} (copy)` });
    // The copy carries the state, as in Go: a locked Mutex copied is a locked Mutex nobody will unlock.
    m.locked = this.locked;
    m.clock.assign(this.clock);
    m.used = this.used;
    return m;
  }

  stateSummary(): string {
    if (!this.locked) return 'unlocked';
    return this.holder ? `locked by '${this.holder.name}'` : 'locked';
  }
}

class LockOp extends Op<void> {
  readonly access = 'lock';
  constructor(readonly obj: Mutex) {
    super(obj.exec);
    const m = obj;
    if (m.locked && m.holder === this.thread) {
      this.exec.fatal(
        'double-lock',
        `goroutine '${this.thread.name}' locks ${m.label}, which it already holds: Go's Mutex is not reentrant, so this blocks forever`,
        { threads: [this.thread], locations: [this.at, m.holderAt] },
      );
    } else if (m.locked) {
      checkWaitCycle(this.exec, this.thread);
    }
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
    const m = this.obj;
    const by = m.locked && m.holder ? ` (held by '${m.holder.name}'${m.holderAt ? ` since ${m.holderAt}` : ''})` : '';
    return `lock of ${m.label}${by}`;
  }
  override traced(): string {
    return `lock ${this.obj.label}`;
  }
}

class UnlockOp extends Op<void> {
  readonly access = 'unlock';
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
  readonly access = 'trylock';
  private got = false;
  constructor(readonly obj: Mutex) {
    super(obj.exec);
  }
  step(): boolean {
    this.obj.used = true;
    this.got = !this.obj.locked;
    if (this.got) this.obj.acquire(this.thread, this.at);
    return this.complete(this.got);
  }
  describe(): string {
    return `tryLock of ${this.obj.label}`;
  }
  override traced(): string {
    return `tryLock ${this.obj.label} → ${this.got}`;
  }
}
