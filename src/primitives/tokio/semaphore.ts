/**
 * tokio's `Semaphore` (shared/scenario-api.md §2c): `acquire(n = 1)` → `Result<SemaphorePermit,
 * AcquireError>` (`Err` once closed), `tryAcquire(n = 1)` → `Result<permit, TryAcquireError>`
 * (`NoPermits` / `Closed`), `addPermits(n)`, `close()`, `isClosed()`, `availablePermits()` (synchronous,
 * as tokio's), `acquireBranch(n)` for `select`.
 *
 * FIFO, as tokio's batch semaphore (semaphore-core.ts): permits go to the oldest waiter first (partially,
 * if it asks for more than are free), so a large request is never starved by small ones, and a
 * `tryAcquire` fails while anyone waits. An acquire is a lazy, cancellable wait: cancelled, it leaves the
 * queue and passes on what it had been assigned. A permit is an owned value: `drop(permit)`, `using`, or
 * its owner's end releases it; `permit.forget()` makes its permits disappear (tokio's `forget`).
 *
 * Dependence: an acquire's steps, a permit's drop and a successful `tryAcquire` write the semaphore's
 * id; a failing try and `availablePermits`/`isClosed` read it (`tryAcquire` is synchronous, as tokio's:
 * it runs in the task's code and notes its touch, semaphore-core.ts tryInCode); `addPermits` and `close` write it (from the
 * task's code: Execution.noteTouch, and its waiters are looked at again). Happens-before: a release
 * (drop, addPermits) → a later acquisition.
 */
import { currentExecution } from '../../runtime/current.js';
import { ScenarioError } from '../../runtime/errors.js';
import { SimpleOp, type Touch } from '../../runtime/op.js';
import { acquire, release } from '../../runtime/sync.js';
import type { Thread } from '../../runtime/thread.js';
import { SimObject } from '../core/object.js';
import { releasedInCode } from '../rust/guard.js';
import { consume, DROP, installDispose, own, transferOwnership, type DropContext, type Droppable } from '../rust/ownership.js';
import { DEBUG, Err, Ok, type Result } from '../rust/result.js';
import { BatchSemaphore, tryInCode, type SemWaiter } from './semaphore-core.js';
import { TokioFuture, type Poll, type Selectable, type TokioOp } from './future.js';

/** tokio's `Semaphore::MAX_PERMITS`. */
export const MAX_PERMITS = 2305843009213693951;

/** tokio's `AcquireError`: the semaphore was closed. */
export interface AcquireError {
  readonly kind: 'Closed';
}

/** tokio's `TryAcquireError`. */
export type TryAcquireError = { readonly kind: 'Closed' } | { readonly kind: 'NoPermits' };

const ACQUIRE_ERROR: AcquireError = Object.freeze(Object.defineProperty({ kind: 'Closed' as const }, DEBUG, { value: () => 'AcquireError(Closed)', enumerable: false }));
const TRY_CLOSED: TryAcquireError = Object.freeze(Object.defineProperty({ kind: 'Closed' as const }, DEBUG, { value: () => 'Closed', enumerable: false }));
const NO_PERMITS: TryAcquireError = Object.freeze(Object.defineProperty({ kind: 'NoPermits' as const }, DEBUG, { value: () => 'NoPermits', enumerable: false }));

function count(n: unknown, what: string): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new ScenarioError(`${what} needs a non-negative integer number of permits, got ${String(n)}`);
  if (n > MAX_PERMITS) throw new ScenarioError(`${what}: ${n} exceeds Semaphore::MAX_PERMITS (tokio panics)`);
  return n;
}

export class Semaphore extends SimObject {
  readonly typeName = 'tokio::sync::Semaphore';
  /** @internal */
  readonly sem: BatchSemaphore;
  /** @internal */
  readonly writes: readonly Touch[];

  constructor(permits: number, opts: { name?: string } | string = {}) {
    const o = typeof opts === 'string' ? { name: opts } : (opts ?? {});
    super('new Semaphore()', o.name, 'semaphore');
    this.sem = new BatchSemaphore(count(permits, 'new Semaphore()'));
    this.writes = [{ id: this.id, read: false }];
  }

  override get label(): string {
    return `Semaphore '${this.name}'`;
  }

  /** Wait for `n` permits (FIFO): `Ok(permit)`, or `Err(AcquireError)` once the semaphore is closed. */
  acquire(n = 1): TokioFuture<Result<SemaphorePermit, AcquireError>> {
    const exec = currentExecution('acquire()');
    return new TokioFuture(exec, new AcquireSel(this, count(n, 'acquire')));
  }

  /** `acquire(n)` as a `select` branch. */
  acquireBranch(n = 1): Selectable<Result<SemaphorePermit, AcquireError>> {
    currentExecution('acquireBranch()');
    return new AcquireSel(this, count(n, 'acquireBranch'));
  }

  /**
   * Take `n` permits now if nobody waits and there are enough (synchronous, as tokio's `try_acquire`):
   * `Ok(permit)`, `Err(NoPermits)`, or `Err(Closed)`. `await` of it is harmless (the same call).
   */
  tryAcquire(n = 1): Result<SemaphorePermit, TryAcquireError> {
    const k = count(n, 'tryAcquire');
    this.used = true;
    const { r, thread } = tryInCode('tryAcquire', this, this.sem, k);
    if (r === 'closed') {
      acquire(thread, this.sem.clock);
      return Err(TRY_CLOSED);
    }
    if (r === 'none') return Err(NO_PERMITS);
    return Ok(this.permit(thread, k));
  }

  /** Add `n` permits (synchronous): the oldest waiters get them first. */
  addPermits(n: number): void {
    const k = count(n, 'addPermits');
    this.giveBack(k);
    releasedInCode(this.exec, this.id);
  }

  /** Close it (synchronous): every waiter wakes with `Err(AcquireError)`; later acquisitions fail. */
  close(): void {
    this.used = true;
    const me = this.exec.running;
    if (me) release(me, this.sem.clock);
    this.sem.close();
    releasedInCode(this.exec, this.id);
  }

  isClosed(): boolean {
    this.exec.noteTouch(this.id, true);
    return this.sem.closed;
  }

  /** The permits free now (synchronous; a read the explorers see). */
  availablePermits(): number {
    this.exec.noteTouch(this.id, true);
    return this.sem.available;
  }

  /** @internal a permit of `n` for `t` (its permits taken). */
  permit(t: Thread, n: number): SemaphorePermit {
    acquire(t, this.sem.clock);
    const p = new SemaphorePermit(this, n);
    transferOwnership(p, t, `acquire of ${this.label}`);
    return p;
  }

  /** @internal return `n` permits, releasing the running task's clock. */
  giveBack(n: number): void {
    this.used = true;
    const me = this.exec.running;
    if (me) release(me, this.sem.clock);
    this.sem.release(n);
  }
}

/** tokio's `SemaphorePermit`: dropping it returns its permits. */
export class SemaphorePermit implements Droppable {
  declare [Symbol.dispose]: () => void;
  private released = false;
  /** @internal */
  constructor(
    readonly semaphore: Semaphore,
    private n: number,
  ) {
    own(this, `SemaphorePermit of ${semaphore.label}`);
  }
  /** How many permits it holds. */
  numPermits(): number {
    return this.n;
  }
  /** Forget it: its permits are not returned (tokio's `forget`). */
  forget(): void {
    consume(this, 'forget', 'forgotten');
    this.released = true;
  }
  [DROP](ctx: DropContext): void | SimpleOp<void> {
    const s = this.semaphore;
    if (this.released) return;
    this.released = true;
    if (ctx.sync || !ctx.thread) {
      s.giveBack(this.n);
      releasedInCode(s.exec, s.id);
      return;
    }
    return new SimpleOp(s.exec, s, 'release', `release of ${this.n} permit${this.n === 1 ? '' : 's'} of ${s.label}`, () => s.giveBack(this.n));
  }
  toString(): string {
    return `SemaphorePermit(${this.semaphore.label}, ${this.n})`;
  }
}
installDispose(SemaphorePermit.prototype);

class AcquireSel implements Selectable<Result<SemaphorePermit, AcquireError>> {
  readonly kind = 'acquire' as const;
  readonly obj: Semaphore;
  private w: SemWaiter | null = null;
  private op: TokioOp<unknown> | null = null;
  private taken = false;
  private got = '';
  constructor(
    private readonly s: Semaphore,
    private readonly n: number,
  ) {
    this.obj = s;
  }
  begin(op: TokioOp<unknown>): void {
    this.op = op;
    this.s.used = true;
    this.w = this.s.sem.enqueue(op.thread, this.n);
  }
  ready(): boolean {
    return this.w !== null && this.w.woken;
  }
  take(op: TokioOp<unknown>): Poll<Result<SemaphorePermit, AcquireError>> {
    this.taken = true;
    if (this.w!.closed) {
      this.got = `acquire(${this.n}) of ${this.s.label} → Err (closed)`;
      acquire(op.thread, this.s.sem.clock);
      return Err(ACQUIRE_ERROR);
    }
    this.got = `acquire(${this.n}) of ${this.s.label}`;
    return Ok(this.s.permit(op.thread, this.n));
  }
  cancel(): void {
    if (this.w && !this.taken) this.s.sem.cancel(this.w);
  }
  touches(): readonly Touch[] {
    return this.s.writes;
  }
  describe(): string {
    return `acquire(${this.n}) of ${this.s.label}`;
  }
  traced(): string {
    return this.got || this.describe();
  }
  explain(): string[] {
    const q = this.s.sem.waiting().filter((x) => x !== this.op?.thread);
    return [`${this.s.label} has ${this.s.sem.available} permit(s) free${this.s.sem.closed ? ' (closed)' : ''}; nobody who holds its permits releases them`, ...(q.length ? [`also queued for it: ${q.map((x) => `'${x.name}'`).join(', ')}`] : [])];
  }
}
