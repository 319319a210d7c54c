/**
 * golang.org/x/sync/semaphore's Weighted, as upstream has it today (the course shows the 2020 code).
 *
 * - `size` tokens, `cur` of them in use. Waiters queue FIFO; a release grants tokens to the head
 *   of the queue while it fits, and stops at the first that does not (a large waiter at the head
 *   blocks smaller later ones: no starvation of large requests). A new acquire or tryAcquire never
 *   overtakes the queue: the fast path needs the queue to be empty, so `tryAcquire` fails while
 *   anyone is queued.
 * - acquire(n, ctx) resolves to null when it got the tokens, or to `ctx.err()` (Go's error value)
 *   when the context is done first; then the semaphore is unchanged. A context already done fails
 *   at once even if tokens are free. A waiter granted its tokens whose context is done by the time it
 *   returns gives them back and fails (upstream's rule). A waiter that gives up at the head of the
 *   queue lets the ones behind it through.
 * - Asking for more than `size` can never succeed: the call waits for its context only (forever
 *   without one), and reports say so.
 * - release(n) taking `cur` below zero panics `semaphore: released more than held`
 *   (kind `semaphore-overrelease`). The check is global, as in Go: any goroutine may release tokens
 *   another acquired. A negative n is accepted as Go accepts it (it silently shrinks the capacity).
 *
 * Waiting for the context: a blocked acquire watches `ctx.done()` for its close (Channel.onClose; it
 * implements the channel's Wakeable), so a cancel or a deadline wakes it; when the semaphore grants
 * it first, it stops watching.
 *
 * Happens-before: a release (or a give-back) merges the releaser's clock into the semaphore; an
 * acquire that gets tokens (tryAcquire too) acquires it. So a release happens before the acquire it
 * enables (slightly stronger than per-token, as the internal mutex of x/sync is). A failed tryAcquire
 * orders nothing. An acquire failing on its context acquires the canceller's clock (through done()).
 */
import { SimPanic, ScenarioError } from '../../runtime/errors.js';
import { VectorClock } from '../../runtime/clock.js';
import { Op, type Touch } from '../../runtime/op.js';
import type { Thread } from '../../runtime/thread.js';
import type { Channel, Wakeable } from './channel.js';
import type { Context } from './context.js';
import { SimObject } from '../core/object.js';
import { acquire, release } from '../../runtime/sync.js';

function tokens(n: unknown, what: string, allowNegative: boolean): number {
  if (n === undefined) return 1;
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    throw new ScenarioError(`Semaphore.${what} needs an integer number of tokens, got ${String(n)}`);
  }
  if (n < 0 && !allowNegative) throw new ScenarioError(`Semaphore.${what} needs a non-negative number of tokens, got ${n}`);
  return n;
}

function isContext(x: unknown): x is Context {
  return typeof x === 'object' && x !== null && typeof (x as Context).done === 'function' && typeof (x as Context).err === 'function';
}

export class Semaphore extends SimObject {
  readonly typeName = 'semaphore.Weighted';
  readonly size: number;
  /** Tokens in use. */
  cur = 0;
  /** Blocked acquires in arrival order (FIFO). */
  readonly waiters: AcquireOp[] = [];
  readonly clock = new VectorClock();

  constructor(n: number, opts: { name?: string } = {}) {
    super('new Semaphore()', opts.name, 'sem');
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      throw new ScenarioError(`new Semaphore(n) needs a non-negative integer size, got ${String(n)}`);
    }
    this.size = n;
  }

  override get label(): string {
    return `Semaphore '${this.name}'`;
  }

  /** Take `n` tokens (default 1), waiting in FIFO order; null, or ctx.err() if ctx is done first. */
  acquire(n?: number, ctx?: Context): Promise<Error | null> {
    if (isContext(n)) throw new ScenarioError('Semaphore.acquire(n?, ctx?): the number of tokens comes first, then the context');
    const k = tokens(n, 'acquire', false);
    if (ctx !== undefined && !isContext(ctx)) throw new ScenarioError('Semaphore.acquire(n?, ctx?): ctx must be a context (context.background() or a derived one)');
    return new AcquireOp(this, k, ctx ?? null);
  }

  /** Take `n` tokens now if they are free and nobody is queued; true when it took them. */
  tryAcquire(n?: number): Promise<boolean> {
    return new TryAcquireOp(this, tokens(n, 'tryAcquire', false));
  }

  /** Give back `n` tokens (default 1); panics when more are released than are in use. */
  release(n?: number): Promise<void> {
    return new ReleaseOp(this, tokens(n, 'release', true));
  }

  /** Grant tokens to the head of the queue while it fits (Go's notifyWaiters). */
  notifyWaiters(): void {
    while (this.waiters.length > 0) {
      const w = this.waiters[0]!;
      if (this.size - this.cur < w.n) break;
      this.cur += w.n;
      this.waiters.shift();
      w.grant();
    }
  }

  /** Release into the semaphore: the releaser's past happens before later acquires. */
  publish(t: Thread): void {
    release(t, this.clock);
  }

  /** "size 4, 3 in use, 2 queued (2, 1)" */
  stateSummary(): string {
    const q = this.waiters.length ? `, ${this.waiters.length} queued (${this.waiters.map((w) => `'${w.thread.name}' wants ${w.n}`).join(', ')})` : ', none queued';
    return `size ${this.size}, ${this.cur} in use${q}`;
  }
}

class AcquireOp extends Op<Error | null> implements Wakeable {
  readonly kind = 'acquire';
  /** Set once it is granted or its context is done (the done channel then skips it). */
  woken = false;
  private granted = false;
  private ctxDone = false;
  /** 0: not yet tried; 1: queued on the semaphore; 2: waiting for its context only (n > size). */
  private phase: 0 | 1 | 2 = 0;
  private result: 'ok' | 'ctx' | null = null;
  private err: Error | null = null;
  private readonly doneCh: Channel<void> | null;

  constructor(
    readonly obj: Semaphore,
    readonly n: number,
    private readonly ctx: Context | null,
  ) {
    super(obj.exec);
    const ch = ctx ? ctx.done() : null;
    this.doneCh = ch && !ch.isNil ? ch : null;
  }

  override enabled(): boolean {
    return this.phase === 0 || this.granted || this.ctxDone;
  }

  /** The semaphore gave it its tokens (cur already counts them). */
  grant(): void {
    this.granted = true;
    this.woken = true;
    this.exec.retest(this.thread);
  }

  /** Its context's done channel was closed (the channel already joined the canceller's clock). */
  wake(): void {
    this.ctxDone = true;
    this.woken = true;
    this.exec.retest(this.thread);
  }

  step(): boolean {
    const s = this.obj;
    const t = this.thread;
    s.used = true;
    if (this.phase === 0) {
      const err = this.ctx?.err() ?? null; // non-null: it acquires the canceller's clock
      if (err) return this.fail(err);
      if (s.size - s.cur >= this.n && s.waiters.length === 0) {
        s.cur += this.n;
        return this.succeed();
      }
      this.phase = this.n > s.size ? 2 : 1;
      if (this.phase === 1) s.waiters.push(this);
      if (this.doneCh) this.doneCh.onClose(this);
      return false;
    }
    if (this.granted) {
      if (this.ctx?.err()) {
        // Granted, but its context is done too: upstream gives the tokens back and fails.
        s.cur -= this.n;
        s.publish(t);
        s.notifyWaiters();
        return this.fail(this.ctx.err()!);
      }
      return this.succeed();
    }
    // Its context is done first: leave the queue; a head that leaves may let the next ones in.
    const i = s.waiters.indexOf(this);
    if (i >= 0) {
      s.waiters.splice(i, 1);
      if (i === 0 && s.size > s.cur) s.notifyWaiters();
    }
    return this.fail(this.ctx!.err()!);
  }

  private succeed(): true {
    this.leaveDone();
    this.result = 'ok';
    acquire(this.thread, this.obj.clock);
    return this.complete(null);
  }

  private fail(err: Error): true {
    this.leaveDone();
    this.result = 'ctx';
    this.err = err;
    return this.complete(err);
  }

  /** Done with waiting: its context's done channel must not wake it any more. */
  private leaveDone(): void {
    this.woken = true;
    this.doneCh?.offClose(this);
  }

  override footprint(): readonly Touch[] {
    const touches: Touch[] = [{ id: this.obj.id, read: false }];
    if (this.doneCh) touches.push({ id: this.doneCh.id, read: false });
    return touches;
  }

  describe(): string {
    const s = this.obj;
    const base = `acquire(${this.n}) of ${s.label}`;
    if (this.n > s.size) {
      return `${base}: more than its size ${s.size}, so it can never succeed (it only waits for its context to be done${this.doneCh ? '' : ', which can never happen'})`;
    }
    if (this.phase === 1 && !this.granted) {
      const ahead = s.waiters.indexOf(this);
      return `${base} (${s.size - s.cur} of ${s.size} free${ahead > 0 ? `, ${ahead} waiter(s) ahead in the FIFO queue` : ''})`;
    }
    return base;
  }

  override explain(): string[] {
    const lines = [`${this.obj.label}: ${this.obj.stateSummary()}`];
    const head = this.obj.waiters[0];
    if (head && head !== this && this.obj.waiters.includes(this) && head.n > this.obj.size - this.obj.cur) {
      lines.push(`the head of the queue ('${head.thread.name}', wanting ${head.n}) blocks every waiter behind it, even ones that would fit (FIFO)`);
    }
    return lines;
  }

  override traced(): string {
    const base = `acquire(${this.n}) ${this.obj.label}`;
    if (this.result === 'ok') return `${base} → ok (${this.obj.cur}/${this.obj.size} in use)`;
    if (this.result === 'ctx') return `${base} → ${this.err?.message ?? 'context done'}`;
    return this.phase === 2 ? `${base}: more than its size, waits for its context` : `${base}: blocks (queued)`;
  }
}

class TryAcquireOp extends Op<boolean> {
  readonly kind = 'tryAcquire';
  private got = false;
  constructor(
    readonly obj: Semaphore,
    private readonly n: number,
  ) {
    super(obj.exec);
  }
  step(): boolean {
    const s = this.obj;
    s.used = true;
    this.got = s.size - s.cur >= this.n && s.waiters.length === 0;
    if (this.got) {
      s.cur += this.n;
      acquire(this.thread, s.clock);
    }
    return this.complete(this.got);
  }
  describe(): string {
    return `tryAcquire(${this.n}) of ${this.obj.label}`;
  }
  override traced(): string {
    return `tryAcquire(${this.n}) ${this.obj.label} → ${this.got}`;
  }
}

class ReleaseOp extends Op<void> {
  readonly kind = 'release';
  constructor(
    readonly obj: Semaphore,
    private readonly n: number,
  ) {
    super(obj.exec);
  }
  step(): boolean {
    const s = this.obj;
    s.used = true;
    s.cur -= this.n;
    if (s.cur < 0) throw new SimPanic('semaphore-overrelease', 'semaphore: released more than held');
    s.publish(this.thread);
    s.notifyWaiters();
    return this.complete(undefined);
  }
  describe(): string {
    return `release(${this.n}) of ${this.obj.label}`;
  }
  override traced(): string {
    return `release(${this.n}) ${this.obj.label} → ${this.obj.cur}/${this.obj.size} in use`;
  }
}
