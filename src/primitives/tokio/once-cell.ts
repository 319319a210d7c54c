/**
 * tokio's `OnceCell<T>` (shared/scenario-api.md §2c): `getOrInit(fn)` (fn async), `get()`, `set(v)` →
 * `Result<void, SetError<T>>`, `initialized()`.
 *
 * As tokio's, on a semaphore of one permit (semaphore-core.ts): the first `getOrInit` to get the permit
 * runs `fn`; the others wait (FIFO) and, once the value is set, return it without running theirs. If the
 * initialising task is cancelled (or `fn` panics), its permit is released and the next waiter initialises
 * instead. `set(v)` fails with `AlreadyInitializedError` when there is a value and `InitializingError`
 * while a `getOrInit` runs its `fn`.
 *
 * `getOrInit` is an async function (tokio's is an `async fn`): in `select`/`timeout` give
 * `async () => cell.getOrInit(f)`. Its first await is a step (the one that finds the value, or waits for
 * the permit), so a getOrInit on an initialised cell is a scheduling point too.
 *
 * Dependence: getOrInit's steps and set write the cell's id; get and initialized read it (from the task's
 * code: Execution.noteTouch). Happens-before: setting the value → every get/getOrInit that sees it.
 */
import { VectorClock } from '../../runtime/clock.js';
import { currentExecution } from '../../runtime/current.js';
import { ScenarioError } from '../../runtime/errors.js';
import type { Touch } from '../../runtime/op.js';
import { acquire, release } from '../../runtime/sync.js';
import type { Thread } from '../../runtime/thread.js';
import { SimObject } from '../core/object.js';
import { releasedInCode } from '../rust/guard.js';
import { DEBUG, Err, Ok, type Result } from '../rust/result.js';
import { BatchSemaphore, type SemWaiter } from './semaphore-core.js';
import { TokioFuture, type Poll, type Selectable, type TokioOp } from './future.js';

/** tokio's `SetError<T>`. */
export type SetError<T> = { readonly kind: 'AlreadyInitializedError'; readonly value: T } | { readonly kind: 'InitializingError'; readonly value: T };

function setError<T>(kind: SetError<T>['kind'], value: T): SetError<T> {
  return Object.defineProperty({ kind, value }, DEBUG, { value: () => `${kind}(..)`, enumerable: false }) as SetError<T>;
}

export class OnceCell<T> extends SimObject {
  readonly typeName = 'tokio::sync::OnceCell';
  private has = false;
  private value: T | undefined;
  /** @internal */
  readonly sem = new BatchSemaphore(1);
  /** @internal */
  readonly clock = new VectorClock();
  /** @internal */
  readonly writes: readonly Touch[];
  /** @internal the task running the initialiser, for reports. */
  initialiser: Thread | null = null;

  constructor(opts: { name?: string } | string = {}) {
    const o = typeof opts === 'string' ? { name: opts } : (opts ?? {});
    super('new OnceCell()', o.name, 'once-cell');
    this.writes = [{ id: this.id, read: false }];
  }

  override get label(): string {
    return `OnceCell '${this.name}'`;
  }

  /** The value, if set (synchronous). */
  get(): T | undefined {
    this.exec.noteTouch(this.id, true);
    if (!this.has) return undefined;
    const t = this.exec.running;
    if (t) acquire(t, this.clock);
    return this.value;
  }

  /** Whether it has a value (synchronous). */
  initialized(): boolean {
    this.exec.noteTouch(this.id, true);
    return this.has;
  }

  /** Set the value if it has none and nobody is initialising it (synchronous). */
  set(v: T): Result<void, SetError<T>> {
    this.used = true;
    this.exec.noteTouch(this.id, this.has);
    if (this.has) return Err(setError('AlreadyInitializedError', v));
    if (this.sem.tryAcquire(1) !== 'ok') return Err(setError('InitializingError', v));
    this.store(v);
    releasedInCode(this.exec, this.id);
    return Ok(undefined);
  }

  /** The value; if there is none, the first caller runs `fn` to make it while the others wait. */
  async getOrInit(fn: () => T | PromiseLike<T>): Promise<T> {
    const exec = currentExecution('getOrInit()');
    if (typeof fn !== 'function') throw new ScenarioError('getOrInit(fn): fn must be a function (async) that makes the value');
    const got = await new TokioFuture(exec, new InitSel(this));
    if (got === 'value') return this.value as T;
    // This task holds the permit: it runs the initialiser.
    let done = false;
    this.initialiser = exec.running;
    try {
      const v = await fn();
      this.store(v);
      done = true;
      releasedInCode(exec, this.id);
    } finally {
      this.initialiser = null;
      if (!done) {
        // Cancelled or panicked: the next waiter may initialise.
        this.sem.release(1);
        releasedInCode(exec, this.id);
      }
    }
    return this.value as T;
  }

  private store(v: T): void {
    this.value = v;
    this.has = true;
    const t = this.exec.running;
    if (t) release(t, this.clock);
    this.sem.close();
  }

  /** @internal */
  hasValue(): boolean {
    return this.has;
  }
}

class InitSel<T> implements Selectable<'value' | 'permit'> {
  readonly kind = 'getOrInit' as const;
  readonly obj: OnceCell<T>;
  private w: SemWaiter | null = null;
  private taken = false;
  private got = '';
  constructor(private readonly c: OnceCell<T>) {
    this.obj = c;
  }
  begin(op: TokioOp<unknown>): void {
    this.c.used = true;
    this.w = this.c.sem.enqueue(op.thread, 1);
  }
  ready(): boolean {
    return this.w !== null && (this.w.woken || this.c.hasValue());
  }
  take(op: TokioOp<unknown>): Poll<'value' | 'permit'> {
    this.taken = true;
    if (this.c.hasValue()) {
      if (this.w && !this.w.closed) this.c.sem.cancel(this.w);
      acquire(op.thread, this.c.clock);
      this.got = `getOrInit of ${this.c.label} → the value`;
      return 'value';
    }
    this.got = `getOrInit of ${this.c.label}: runs the initialiser`;
    return 'permit';
  }
  cancel(): void {
    if (this.w && !this.taken) this.c.sem.cancel(this.w);
  }
  touches(): readonly Touch[] {
    return this.c.writes;
  }
  describe(): string {
    return `getOrInit of ${this.c.label}`;
  }
  traced(): string {
    return this.got || this.describe();
  }
  waitsFor(): Thread | null {
    return null;
  }
  explain(): string[] {
    const i = this.c.initialiser;
    return [i ? `${this.c.label} is being initialised by '${i.name}'` : `${this.c.label} has no value`];
  }
}
