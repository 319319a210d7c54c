/**
 * tokio_util's `CancellationToken` (shared/scenario-api.md §2c): `cancel()`, `isCancelled()`,
 * `cancelled()` (awaitable, lazy), `cancelledBranch()` (a `select` branch), `childToken()`. Cancelling a
 * token cancels its children (and theirs); a child made from a cancelled token is cancelled at once.
 *
 * `cancel`, `isCancelled` and `childToken` are synchronous, as in Rust: they run in the calling task's
 * code and tell the explorers what they changed or read (Execution.noteTouch: a write of every token
 * cancelled, a read of the token). `cancel` releases the canceller's clock into the token; a
 * `cancelled()` that returns acquires it (tokio_util's token synchronises through a mutex).
 */
import { VectorClock } from '../../runtime/clock.js';
import { currentExecution } from '../../runtime/current.js';
import type { Execution } from '../../runtime/execution.js';
import type { SimObjectRef, Touch } from '../../runtime/op.js';
import { acquire, release } from '../../runtime/sync.js';
import { checkName } from '../core/object.js';
import { TokioFuture, type Poll, type Selectable, type TokioOp } from './future.js';

export class CancellationToken {
  private readonly exec: Execution;
  /** @internal */
  readonly obj: SimObjectRef;
  private flag = false;
  private readonly clock = new VectorClock();
  private readonly children: CancellationToken[] = [];
  private readonly reads: readonly Touch[];

  constructor(opts?: { name?: string }) {
    this.exec = currentExecution('new CancellationToken()');
    checkName('new CancellationToken()', opts?.name);
    const id = this.exec.newObjectId();
    // A default name from the execution's object ids: the same in every replay of the execution.
    this.obj = { id, name: `token '${opts?.name ?? `token-${id}`}'`, typeName: 'tokio_util::sync::CancellationToken' };
    this.reads = [{ id: this.obj.id, read: true }];
  }

  /** Cancel this token and every child token (synchronous). */
  cancel(): void {
    const me = this.exec.running;
    const cancelled: CancellationToken[] = [];
    const visit = (t: CancellationToken): void => {
      if (t.flag) return;
      t.flag = true;
      cancelled.push(t);
      for (const c of t.children) visit(c);
    };
    visit(this);
    if (me && cancelled.length > 0) release(me, ...cancelled.map((t) => t.clock));
    this.exec.noteTouch(this.obj.id, false);
    for (const t of cancelled) {
      if (t !== this) this.exec.noteTouch(t.obj.id, false);
      this.exec.touched(t.obj.id);
    }
  }

  /** Whether it was cancelled (synchronous; a read the explorers see). */
  isCancelled(): boolean {
    this.exec.noteTouch(this.obj.id, true);
    return this.flag;
  }

  /** Completes once the token is cancelled (lazy: nothing happens until awaited or selected). */
  cancelled(): TokioFuture<void> {
    return new TokioFuture(currentExecution('cancelled()'), this.cancelledBranch());
  }

  /** `cancelled()` as a `select` branch. */
  cancelledBranch(): Selectable<void> {
    const tok = this;
    return {
      kind: 'cancelled',
      obj: tok.obj,
      begin(): void {},
      ready: () => tok.flag,
      take: (op: TokioOp<unknown>): Poll<void> => {
        acquire(op.thread, tok.clock);
        return undefined;
      },
      cancel(): void {},
      touches: () => tok.reads,
      describe: () => `cancelled() of ${tok.obj.name}`,
      explain: () => [`${tok.obj.name} is not cancelled: nobody holding it (or a parent) cancels it`],
    };
  }

  /** A child token: cancelled with this one (or on its own, without cancelling this one). */
  childToken(): CancellationToken {
    // It joins this token's children (which a cancel walks): a write, ordered with a concurrent cancel.
    this.exec.noteTouch(this.obj.id, false);
    const c = new CancellationToken({ name: `${this.obj.name.slice(7, -1)}.child` });
    this.children.push(c);
    if (this.flag) {
      c.flag = true;
      c.clock.join(this.clock);
    }
    return c;
  }
}
