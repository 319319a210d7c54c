/**
 * tokio's `Notify` (shared/scenario-api.md §2c): `notified()` (a lazy future), `notifiedBranch()` (a
 * `select` branch), `notifyOne()`, `notifyWaiters()` (both synchronous, as tokio's).
 *
 * As tokio's:
 * - `notifyOne()` wakes the oldest waiting `notified()` (FIFO); with nobody waiting it **stores one
 *   permit** (at most one: a second notifyOne adds nothing), which the next `notified()` polled consumes
 *   at once — unlike a Condvar, whose notification with no waiter is lost.
 * - `notifyWaiters()` wakes every `notified()` waiting now and stores nothing. A `notified()` future
 *   *created* before the call (even if not yet awaited) counts as waiting: tokio's Notified remembers
 *   the number of notifyWaiters calls when it is made. One made after it waits for the next
 *   notification — the classic lost wake-up.
 * - A `notified()` that was woken by notifyOne and is then cancelled (a lost select, a timeout, an
 *   abort) passes the notification on: to the next waiter, or back as the stored permit.
 *
 * Dependence: a waiter's steps and both notifies write the Notify's id (notifies from the task's code:
 * Execution.noteTouch; making a `notified()` reads it). Happens-before: a notify → the wait it completes.
 */
import { VectorClock } from '../../runtime/clock.js';
import { currentExecution } from '../../runtime/current.js';
import type { Touch } from '../../runtime/op.js';
import { acquire, release } from '../../runtime/sync.js';
import type { Thread } from '../../runtime/thread.js';
import { SimObject } from '../core/object.js';
import { releasedInCode } from '../rust/guard.js';
import { TokioFuture, type Poll, type Selectable, type TokioOp } from './future.js';

interface NotifyWaiter {
  readonly thread: Thread;
  woken: 'one' | 'all' | null;
}

export class Notify extends SimObject {
  readonly typeName = 'tokio::sync::Notify';
  /** @internal the stored permit of a notifyOne nobody waited for. */
  permit = false;
  /** @internal waiting `notified()`s, oldest first. */
  readonly waiters: NotifyWaiter[] = [];
  /** @internal how many notifyWaiters calls so far. */
  calls = 0;
  /** @internal */
  readonly clock = new VectorClock();
  /** @internal */
  readonly writes: readonly Touch[];
  /** @internal who notified last, for reports. */
  lastNote = '';

  constructor(opts: { name?: string } | string = {}) {
    const o = typeof opts === 'string' ? { name: opts } : (opts ?? {});
    super('new Notify()', o.name, 'notify');
    this.writes = [{ id: this.id, read: false }];
  }

  override get label(): string {
    return `Notify '${this.name}'`;
  }

  /** A future that completes at the next notification (or at once, taking a stored permit). */
  notified(): TokioFuture<void> {
    const exec = currentExecution('notified()');
    return new TokioFuture(exec, this.notifiedBranch());
  }

  /** `notified()` as a `select` branch. */
  notifiedBranch(): Selectable<void> {
    currentExecution('notifiedBranch()');
    this.exec.noteTouch(this.id, true);
    return new NotifiedSel(this, this.calls);
  }

  /** Wake the oldest waiter, or store one permit (at most one) if nobody waits. */
  notifyOne(): void {
    this.used = true;
    const me = this.exec.running;
    if (me) release(me, this.clock);
    this.lastNote = me ? ` (last notifyOne by '${me.name}')` : '';
    this.notifyOneLocked();
    releasedInCode(this.exec, this.id);
  }

  /** Wake every waiter now; stores nothing. */
  notifyWaiters(): void {
    this.used = true;
    const me = this.exec.running;
    if (me) release(me, this.clock);
    this.calls++;
    for (const w of this.waiters) w.woken = 'all';
    this.waiters.length = 0;
    releasedInCode(this.exec, this.id);
  }

  /** @internal */
  notifyOneLocked(): void {
    const w = this.waiters.shift();
    if (w) w.woken = 'one';
    else this.permit = true;
  }
}

class NotifiedSel implements Selectable<void> {
  readonly kind = 'notified' as const;
  readonly obj: Notify;
  private w: NotifyWaiter | null = null;
  private taken = false;
  private how = '';
  constructor(
    private readonly n: Notify,
    private readonly calls: number,
  ) {
    this.obj = n;
  }
  begin(op: TokioOp<unknown>): void {
    const n = this.n;
    n.used = true;
    this.w = { thread: op.thread, woken: null };
    if (n.calls !== this.calls) {
      this.w.woken = 'all';
      this.how = ' (a notifyWaiters after it was made)';
    } else if (n.permit) {
      n.permit = false;
      this.w.woken = 'one';
      this.how = ' (takes the stored permit)';
    } else n.waiters.push(this.w);
  }
  ready(): boolean {
    return this.w !== null && this.w.woken !== null;
  }
  take(op: TokioOp<unknown>): Poll<void> {
    this.taken = true;
    acquire(op.thread, this.n.clock);
    return undefined;
  }
  cancel(): void {
    const w = this.w;
    if (!w || this.taken) return;
    const i = this.n.waiters.indexOf(w);
    if (i >= 0) this.n.waiters.splice(i, 1);
    // A notifyOne it received and did not consume goes on (tokio's Notified::drop).
    else if (w.woken === 'one') this.n.notifyOneLocked();
    w.woken = null;
  }
  touches(): readonly Touch[] {
    return this.n.writes;
  }
  describe(): string {
    return `notified() of ${this.n.label}`;
  }
  traced(): string {
    return this.taken ? `notified() of ${this.n.label}${this.how}` : this.describe();
  }
  explain(): string[] {
    return [`${this.n.label} has no stored permit and nobody notifies it${this.n.lastNote}; a notifyWaiters before this notified() was made does not count, a notifyOne would have left a permit`];
  }
}
