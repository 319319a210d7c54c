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
 * Acquire is a driver (wait-op.ts, the Selectable protocol of core/selectable.ts) over two waits, as
 * upstream's select over `ready` and `ctx.Done()`: TokenWait (below: the FIFO grant) and CloseWatch
 * (close-watch.ts: the context's done channel). Its first step checks the context, then begins both
 * (TokenWait takes the fast path there, or queues, or registers nothing for n > size). Its next step
 * runs once either is ready: the context wins whenever it is done by then (upstream checks done again
 * after a grant), and the other wait is cancelled in that step — a queued waiter leaves the queue (the
 * head lets the next ones through), a granted one gives its tokens back, the close is no longer watched.
 *
 * Why not tokio's BatchSemaphore (tokio/semaphore-core.ts), a FIFO queue of the same idea: Go's exact
 * rules differ from tokio's where that core decides. In Go a request for 0 tokens queues behind waiters
 * and tryAcquire(0) fails while anyone is queued (tokio's pass the queue); Go grants only whole requests
 * and counts the tokens in use (`cur`, which the over-release panic and a negative release are stated
 * in: the free count may go below zero), where tokio hands the head partial permits; a head that leaves
 * lets the next ones in only while tokens are free (so a 0-token waiter behind it stays queued until the
 * next release); n > size never queues. Sharing would take a Go mode in that core for each of these:
 * more code than the queue here (notifyWaiters, TokenWait).
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
import { CloseWatch } from './close-watch.js';
import type { Context } from './context.js';
import { WaitOp, type GoWait } from './wait-op.js';
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
  readonly waiters: TokenWait[] = [];
  readonly clock = new VectorClock();
  /** What every acquire and release touches: the semaphore, written. */
  readonly writes: readonly Touch[];

  constructor(n: number, opts: { name?: string } = {}) {
    super('new Semaphore()', opts.name, 'sem');
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      throw new ScenarioError(`new Semaphore(n) needs a non-negative integer size, got ${String(n)}`);
    }
    this.size = n;
    this.writes = [{ id: this.id, read: false }];
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

/**
 * The wait for the semaphore's FIFO grant (upstream's `ready` channel), driven by an AcquireOp.
 * - `begin(d)`: upstream's fast path (the tokens fit and nobody is queued: granted at once), else the
 *   tail of the queue, else (n > size) nothing: it never becomes ready.
 * - `ready()`: it was granted (`cur` counts its tokens).
 * - `take(d)`: the acquisition: `d`'s goroutine acquires the semaphore's clock.
 * - `cancel(d)`: granted, it gives its tokens back (a release by `d`'s goroutine, which grants the next
 *   waiters); queued, it leaves the queue, and at the head with tokens free it lets the next ones in.
 * - `touches()`: the semaphore, written.
 */
class TokenWait implements GoWait<void> {
  readonly kind = 'acquire' as const;
  private driver: WaitOp<unknown> | null = null;
  private state: 'new' | 'queued' | 'granted' | 'never' | 'done' = 'new';

  constructor(
    readonly obj: Semaphore,
    readonly n: number,
  ) {}

  get thread(): Thread {
    return this.driver!.thread;
  }

  /** It asks for more than the size: it is not queued and never granted. */
  get never(): boolean {
    return this.state === 'never';
  }

  /** In the queue now. */
  get queued(): boolean {
    return this.state === 'queued';
  }

  begin(d: WaitOp<unknown>): void {
    const s = this.obj;
    this.driver = d;
    if (s.size - s.cur >= this.n && s.waiters.length === 0) {
      s.cur += this.n;
      this.state = 'granted';
    } else if (this.n > s.size) {
      this.state = 'never';
    } else {
      this.state = 'queued';
      s.waiters.push(this);
    }
  }

  /** The semaphore gave it its tokens (notifyWaiters took it off the queue and counts them in `cur`). */
  grant(): void {
    this.state = 'granted';
    this.driver!.wake();
  }

  ready(): boolean {
    return this.state === 'granted';
  }

  take(d: WaitOp<unknown>): void {
    this.state = 'done';
    acquire(d.thread, this.obj.clock);
  }

  cancel(d: WaitOp<unknown>): void {
    const s = this.obj;
    if (this.state === 'granted') {
      s.cur -= this.n;
      s.publish(d.thread);
      s.notifyWaiters();
    } else if (this.state === 'queued') {
      const i = s.waiters.indexOf(this); // queued: in the queue (notifyWaiters takes it out as it grants)
      s.waiters.splice(i, 1);
      if (i === 0 && s.size > s.cur) s.notifyWaiters();
    }
    this.state = 'done';
  }

  touches(): readonly Touch[] {
    return this.obj.writes;
  }

  describe(): string {
    const s = this.obj;
    const base = `acquire(${this.n}) of ${s.label}`;
    if (this.n > s.size) return `${base}: more than its size ${s.size}, so it can never succeed`;
    if (!this.queued) return base;
    const ahead = s.waiters.indexOf(this);
    return `${base} (${s.size - s.cur} of ${s.size} free${ahead > 0 ? `, ${ahead} waiter(s) ahead in the FIFO queue` : ''})`;
  }

  explain(): string[] {
    const s = this.obj;
    const lines = [`${s.label}: ${s.stateSummary()}`];
    const head = s.waiters[0];
    if (head && head !== this && this.queued && head.n > s.size - s.cur) {
      lines.push(`the head of the queue ('${head.thread.name}', wanting ${head.n}) blocks every waiter behind it, even ones that would fit (FIFO)`);
    }
    return lines;
  }
}

/** Weighted.Acquire: a driver over its TokenWait and, with a context that can be done, a CloseWatch. */
class AcquireOp extends WaitOp<Error | null> {
  readonly kind = 'acquire';
  private readonly tokens: TokenWait;
  private readonly close: CloseWatch | null;
  protected readonly waits: readonly GoWait<unknown>[];
  private result: 'ok' | 'ctx' | null = null;
  private err: Error | null = null;

  constructor(
    readonly obj: Semaphore,
    readonly n: number,
    private readonly ctx: Context | null,
  ) {
    super(obj.exec);
    const ch = ctx ? ctx.done() : null;
    this.tokens = new TokenWait(obj, n);
    this.close = ch && !ch.isNil ? new CloseWatch(ch) : null;
    this.waits = this.close ? [this.tokens, this.close] : [this.tokens];
  }

  step(): boolean {
    this.obj.used = true;
    if (!this.waiting) {
      const err = this.ctx?.err() ?? null; // non-null: it acquires the canceller's clock
      if (err) return this.fail(err);
      this.begin(this.tokens);
      if (this.tokens.ready()) return this.succeed();
      if (this.close) this.begin(this.close);
      return false;
    }
    // Granted or its context done: the context wins whenever it is done (upstream checks done again
    // after a grant, and then gives the tokens back).
    const err = this.ctx?.err() ?? null;
    return err ? this.fail(err) : this.succeed();
  }

  private succeed(): true {
    this.cancelAllBut(this.tokens);
    this.tokens.take(this);
    this.result = 'ok';
    return this.complete(null);
  }

  private fail(err: Error): true {
    const closed = this.close !== null && this.close.ready() ? this.close : null;
    this.cancelAllBut(closed);
    closed?.take();
    this.result = 'ctx';
    this.err = err;
    return this.complete(err);
  }

  describe(): string {
    const d = this.tokens.describe();
    return this.n > this.obj.size ? `${d} (it only waits for its context to be done${this.close ? '' : ', which can never happen'})` : d;
  }

  override explain(): string[] {
    return this.tokens.explain();
  }

  override traced(): string {
    const base = `acquire(${this.n}) ${this.obj.label}`;
    if (this.result === 'ok') return `${base} → ok (${this.obj.cur}/${this.obj.size} in use)`;
    if (this.result === 'ctx') return `${base} → ${this.err?.message ?? 'context done'}`;
    return this.tokens.never ? `${base}: more than its size, waits for its context` : `${base}: blocks (queued)`;
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
