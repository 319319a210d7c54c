/**
 * A Go library operation that blocks in a select over waits that other goroutines complete: the driver
 * (core/selectable.ts) of golang.org/x/sync/semaphore's Weighted.Acquire (its FIFO grant, or its
 * context's done channel) and of marusama's CyclicBarrier.Await (its round's trip or break, or its
 * context). Both libraries write that wait as a Go select; their Selectables are the cases.
 *
 * The protocol as these drivers use it:
 * - Its first step makes the library's checks that can complete it at once, then `begin`s its waits
 *   (in `waits` order): a registration, inside that step.
 * - `enabled()`: before its first step, or when one of its begun waits is `ready()`.
 * - A later step picks the wait that completes it, `cancel`s every other begun one (leaving a queue,
 *   passing a grant on, no longer watching a close), then `take`s it: all inside that step.
 * - Its footprint is the union of its waits' `touches()`, begun or not (its first step reads what they
 *   look at): a write of an object where any of them writes it.
 *
 * `woken`: something outside its steps made one of its waits ready (a grant, a trip, a close). A close
 * watch (close-watch.ts) is skipped by the close of a driver already woken, so only the first such event
 * completes the goroutine on its behalf (Execution.completedFor), as a goroutine blocked in a select is
 * woken once; a later one only makes the driver's step find another wait ready.
 */
import { Op, type Touch } from '../../runtime/op.js';
import type { Selectable } from '../core/selectable.js';

/** A wait driven by a WaitOp. */
export type GoWait<T> = Selectable<T, WaitOp<unknown>>;

export abstract class WaitOp<R> extends Op<R> {
  /** Something outside its steps made one of its waits ready (see the header). */
  woken = false;
  /** Every wait it may begin, in a fixed order (the order a choice among ready ones counts in). */
  protected abstract readonly waits: readonly GoWait<unknown>[];
  /** The waits it began, in the order it began them. */
  private readonly begun: GoWait<unknown>[] = [];
  private fp: readonly Touch[] | null = null;

  /** A wait of it became ready outside its steps (a grant, the close): its goroutine is looked at again. */
  wake(): void {
    this.woken = true;
    this.exec.retest(this.thread);
  }

  /** Begin `w` (in its own step). */
  protected begin(w: GoWait<unknown>): void {
    w.begin(this);
    this.begun.push(w);
  }

  /** Has it begun its waits (it is past its first step, which did not complete it)? */
  protected get waiting(): boolean {
    return this.begun.length > 0;
  }

  override enabled(): boolean {
    return this.begun.length === 0 || this.begun.some((w) => w.ready());
  }

  /** Its begun waits that are ready, in `waits` order. */
  protected readyWaits(): GoWait<unknown>[] {
    return this.waits.filter((w) => this.begun.includes(w) && w.ready());
  }

  /** Cancel every begun wait but `winner` (null: all of them), in the order they began. */
  protected cancelAllBut(winner: GoWait<unknown> | null): void {
    for (const w of this.begun) if (w !== winner) w.cancel(this);
  }

  /** The union of its waits' touches, made once (what they touch does not change). */
  override footprint(): readonly Touch[] {
    if (this.fp !== null) return this.fp;
    const out: Touch[] = [];
    for (const w of this.waits) {
      for (const x of w.touches()) {
        const i = out.findIndex((y) => y.id === x.id);
        if (i < 0) out.push(x);
        else if (!x.read) out[i] = x;
      }
    }
    return (this.fp = out);
  }
}
