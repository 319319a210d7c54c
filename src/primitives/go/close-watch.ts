/**
 * The `case <-ctx.Done():` of a library's select, as a Selectable (core/selectable.ts) driven by a
 * WaitOp (wait-op.ts): Weighted.Acquire and CyclicBarrier.Await watch their context's done channel for
 * its close while they wait for the semaphore or the barrier.
 *
 * - `begin(d)`: joins the channel's close watchers (Channel.onClose), inside `d`'s step.
 * - `ready()`: the close woke it. The channel's close acquires the closer's clock for it, and completes
 *   `d` on its behalf (Execution.completedFor) — unless `d` was woken by another wait first (`woken` is
 *   `d`'s): then the close skips it and it stays not ready (`d`'s step sees the context done anyway).
 * - `take(d)`: nothing is left to do (the close was acquired when it woke it); `d` returns ctx.err().
 * - `cancel(d)`: it no longer watches (Channel.offClose).
 * - `touches()`: the channel, written (its list of close watchers).
 *
 * Not select-cases.ts's receive case: that case parks as a receiver on an unbuffered channel, sees the
 * close on its own next step and is driven by a select (a ChanOp); its parkings are role-swapped reads
 * of the channel's parked receivers. A close watch is woken by the close itself, as these two waits have
 * always been: the explorers see the same events as before (the close writes what the woken driver
 * waits on), so the explored executions stay the same.
 */
import type { Touch } from '../../runtime/op.js';
import type { Thread } from '../../runtime/thread.js';
import type { Channel, Wakeable } from './channel.js';
import type { GoWait, WaitOp } from './wait-op.js';

export class CloseWatch implements GoWait<void>, Wakeable {
  readonly kind = 'recv' as const;
  private driver: WaitOp<unknown> | null = null;
  private fired = false;
  private readonly fp: readonly Touch[];

  constructor(readonly obj: Channel<void>) {
    this.fp = [{ id: obj.id, read: false }];
  }

  /** Wakeable: the driver's goroutine. */
  get thread(): Thread {
    return this.driver!.thread;
  }

  /** Wakeable: the close skips a driver that another wait has woken already. */
  get woken(): boolean {
    return this.driver!.woken;
  }

  /** Wakeable: the channel closed (its clock acquired for the driver's goroutine). */
  wake(): void {
    this.fired = true;
    this.driver!.wake();
  }

  begin(d: WaitOp<unknown>): void {
    this.driver = d;
    this.obj.onClose(this);
  }

  ready(): boolean {
    return this.fired;
  }

  take(): void {}

  cancel(): void {
    this.obj.offClose(this);
  }

  touches(): readonly Touch[] {
    return this.fp;
  }

  describe(): string {
    return `close of ${this.obj.label}`;
  }
}
