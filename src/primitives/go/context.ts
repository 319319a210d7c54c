/**
 * Go's context package: background (and todo), withCancel, withTimeout, withDeadline, withValue.
 *
 * Invariants, as in Go's context.go:
 * - cancellation flows down the tree: canceling a context cancels its whole subtree, with the same
 *   error, in the same step, and never its parent; a context derived from an already canceled one
 *   is canceled at once with the parent's error;
 * - a child's deadline is capped by its parent's: when the parent's deadline is not later, the
 *   child has no timer of its own and expires through the parent (Go returns WithCancel(parent));
 *   a deadline already past gives a context canceled at once with DeadlineExceeded;
 * - `done()` is one channel per cancelable context, closed exactly once (a second cancel does
 *   nothing, the first error wins); background's is a nil channel (never ready), and a withValue
 *   context shares its parent's;
 * - `err()` is null until done() is closed, then Canceled or DeadlineExceeded;
 * - happens-before: the close of done() carries the canceller's clock (a deadline carries the clock
 *   of whoever set it), acquired by a receive that sees it closed and by an `err()` that returns
 *   non-null (Go's Err takes the context's mutex).
 * Creating a context and reading done(), err(), value() and deadline() take no scheduling step
 * (their results are plain values, and awaiting them is harmless); `cancel()` is an operation.
 */
import { currentExecution } from '../../runtime/current.js';
import { SimPanic, ScenarioError } from '../../runtime/errors.js';
import type { Execution } from '../../runtime/execution.js';
import { Op, type Touch } from '../../runtime/op.js';
import type { VectorClock } from '../../runtime/clock.js';
import type { Thread } from '../../runtime/thread.js';
import { releaseToTimer, type Timer } from '../../runtime/timers.js';
import { Channel } from './channel.js';

/** context.Canceled */
export const Canceled: Error = Object.freeze(new Error('context canceled'));
/** context.DeadlineExceeded */
export const DeadlineExceeded: Error = Object.freeze(new Error('context deadline exceeded'));

export interface Context {
  /** A channel closed when the context is canceled (never, for background: a nil channel). */
  done(): Channel<void>;
  /** null while not canceled; then Canceled or DeadlineExceeded. */
  err(): Error | null;
  /** The value stored under `key` by the nearest withValue on the way to the root, or undefined. */
  value(key: unknown): unknown;
  /** The virtual time of its deadline, if it has one. */
  deadline(): number | undefined;
}

export type CancelFunc = () => Promise<void>;

class Ctx implements Context {
  /** Cancelable contexts own their Done channel; background's is a nil channel; withValue has none. */
  private doneCh: Channel<void> | null;
  private error: Error | null = null;
  /** Cancelable descendants registered here (insertion order: deterministic). */
  private readonly children = new Set<Ctx>();
  timer: Timer | null = null;
  /** Channels closed with it (an etcd watch's): closeWithContext. */
  private readonly linked: Channel<unknown>[] = [];

  constructor(
    private readonly exec: Execution,
    readonly parent: Ctx | null,
    /** Whether it can be canceled itself (background and withValue contexts cannot). */
    readonly cancelable: boolean,
    /** Its own deadline (only when earlier than its parent's). */
    private readonly dl: number | undefined,
    private readonly kv: { key: unknown; value: unknown } | null,
    readonly name: string,
  ) {
    this.doneCh = cancelable ? new Channel<void>(0, { name: `${name}.done()` }) : null;
  }

  done(): Channel<void> {
    if (this.doneCh) return this.doneCh;
    if (this.parent) return this.parent.done();
    return (this.doneCh = Channel.nil<void>(`${this.name}.done()`));
  }

  err(): Error | null {
    if (!this.cancelable) return this.parent?.err() ?? null;
    // Goroutine code may call it outside any step: a read of the context the explorers must see.
    this.exec.noteTouch(this.doneCh!.id, true);
    if (this.error) {
      const t = this.exec.running;
      if (t) this.doneCh!.acquireClose(t);
    }
    return this.error;
  }

  value(key: unknown): unknown {
    for (let c: Ctx | null = this; c; c = c.parent) if (c.kv && Object.is(c.kv.key, key)) return c.kv.value;
    return undefined;
  }

  deadline(): number | undefined {
    return this.dl ?? this.parent?.deadline();
  }

  /** Its error without acquiring anything (runtime use). */
  get canceledWith(): Error | null {
    return this.cancelable ? this.error : (this.parent?.canceledWith ?? null);
  }

  /** The nearest ancestor (or itself) that can be canceled. */
  cancelableAncestor(): Ctx | null {
    for (let c: Ctx | null = this; c; c = c.parent) if (c.cancelable) return c;
    return null;
  }

  /** `ch` is closed when this context is (at once if it already is). */
  link(ch: Channel<unknown>): void {
    const anc = this.cancelableAncestor();
    if (!anc) return;
    if (anc.error) ch.closeQuietly(null, undefined);
    else anc.linked.push(ch);
  }

  adopt(child: Ctx): void {
    this.children.add(child);
  }

  /** The Done channels a cancel of this context closes (itself and its registered subtree). */
  subtreeChannels(out: Channel<unknown>[] = []): Channel<unknown>[] {
    if (this.doneCh) out.push(this.doneCh);
    for (const ch of this.linked) out.push(ch);
    for (const c of this.children) c.subtreeChannels(out);
    return out;
  }

  /**
   * Cancel this context and its subtree: `by` is the canceling goroutine (null for a deadline
   * timer, which carries `clock`, the clock of whoever set the deadline).
   */
  cancel(err: Error, by: Thread | null, at: string | undefined, clock: VectorClock | null = null): void {
    if (!this.cancelable || this.error) return;
    this.error = err;
    this.doneCh!.closeQuietly(by, at, clock);
    for (const ch of this.linked.splice(0)) ch.closeQuietly(by, at, clock);
    if (this.timer) this.exec.timers.cancel(this.timer);
    for (const c of this.children) c.cancel(err, by, at, clock);
    this.children.clear();
    this.parent?.cancelableAncestor()?.children.delete(this);
  }
}

/** `await cancel()`: cancels the context and its subtree with Canceled; does nothing the second time. */
class CancelOp extends Op<void> {
  readonly kind = 'close';
  constructor(
    exec: Execution,
    private readonly ctx: Ctx,
  ) {
    super(exec);
  }
  get obj(): Channel<void> {
    return this.ctx.done();
  }
  step(): boolean {
    this.ctx.cancel(Canceled, this.thread, this.at);
    return this.complete(undefined);
  }
  /**
   * It closes the Done channel of the context and of every registered descendant; once the context
   * is canceled it changes nothing, and only reads that it is (so it commutes with its watchers).
   */
  override footprint(): readonly Touch[] {
    const done = this.ctx.canceledWith !== null;
    return this.ctx.subtreeChannels().map((c) => ({ id: c.id, read: done }));
  }
  describe(): string {
    return `cancel of context '${this.ctx.name}'`;
  }
}

/**
 * Close `ch` when `ctx` is done (at once if it is): a channel a primitive serves for as long as a context
 * lives (an etcd watch). A cancel's footprint and a deadline's touches include it. A context that can
 * never be canceled (background) never closes it.
 */
export function closeWithContext(ctx: Context, ch: Channel<unknown>): void {
  if (!(ctx instanceof Ctx)) throw new ScenarioError('ctx must be a context (context.background() or a derived one)');
  ctx.link(ch);
}

/**
 * Cancel `ctx` (and its subtree) on behalf of the runtime, with Canceled: a context a primitive owns
 * (an etcd session's, cancelled when its lease ends). `clock`: what the canceller carries, if anything.
 */
export function cancelFromRuntime(ctx: Context, by: Thread | null, clock: VectorClock | null = null): void {
  if (ctx instanceof Ctx) ctx.cancel(Canceled, by, undefined, clock);
}

/** The Done channels (and linked channels) a cancel of `ctx` would close now: what a timer that cancels it touches. */
export function cancelTouches(ctx: Context): Channel<unknown>[] {
  return ctx instanceof Ctx ? ctx.subtreeChannels() : [];
}

/** Is `x` a context of this package? */
export function isContext(x: unknown): x is Context {
  return x instanceof Ctx;
}

/** One background context per execution. */
const background = new WeakMap<Execution, Ctx>();

function asCtx(p: unknown, what: string): Ctx {
  if (p === null || p === undefined) throw new SimPanic('panic', 'cannot create context from nil parent');
  if (!(p instanceof Ctx)) throw new ScenarioError(`${what} needs a parent context (context.background() or a derived one)`);
  return p;
}

function derive(parent: Ctx, deadline: number | undefined, kind: string): [Context, CancelFunc] {
  const exec = currentExecution(`context.${kind}()`);
  const parentDl = parent.deadline();
  // A parent deadline that is not later wins: the child expires through the parent.
  const own = deadline !== undefined && deadline !== Infinity && !(parentDl !== undefined && parentDl <= deadline) ? deadline : undefined;
  const ctx = new Ctx(exec, parent, true, own, null, `${kind}#${exec.newObjectId()}`);
  const running = exec.running;
  const anc = parent.cancelableAncestor();
  // Whether the parent is canceled yet: a read of it (it runs in goroutine code, not a step).
  if (anc) exec.noteTouch(anc.done().id, true);
  const parentErr = anc?.canceledWith ?? null;
  if (anc && parentErr) {
    // Go's propagateCancel sees the parent's Done closed (an acquire) and cancels the child.
    if (running) anc.done().acquireClose(running);
    ctx.cancel(parentErr, running, undefined);
  } else {
    anc?.adopt(ctx);
    if (own !== undefined) {
      if (own <= exec.time) {
        ctx.cancel(DeadlineExceeded, running, undefined);
      } else {
        const clock = releaseToTimer(running);
        // Firing cancels the context: it closes the Done channels of its subtree as it is then.
        const touches = (): readonly Touch[] => ctx.subtreeChannels().map((c) => ({ id: c.id, read: false }));
        ctx.timer = exec.timers.add(own, `deadline of context '${ctx.name}': cancel it`, () => ctx.cancel(DeadlineExceeded, null, undefined, clock), touches, running?.key ?? null, clock ?? undefined);
      }
    }
  }
  const cancel: CancelFunc = () => new CancelOp(currentExecution('cancel()'), ctx);
  return [ctx, cancel];
}

function backgroundOf(what: string): Ctx {
  const exec = currentExecution(what);
  let b = background.get(exec);
  if (!b) background.set(exec, (b = new Ctx(exec, null, false, undefined, null, 'background')));
  return b;
}

export const context = {
  Canceled,
  DeadlineExceeded,

  /** The root context: never canceled, no deadline, no values; its done() is a nil channel. */
  background(): Context {
    return backgroundOf('context.background()');
  },

  /** Go's context.TODO: the same empty context as background. */
  todo(): Context {
    return backgroundOf('context.todo()');
  },

  withCancel(parent: Context): [Context, CancelFunc] {
    return derive(asCtx(parent, 'context.withCancel'), undefined, 'withCancel');
  },

  /** `at` is a virtual time in ms (compare now()). */
  withDeadline(parent: Context, at: number): [Context, CancelFunc] {
    const p = asCtx(parent, 'context.withDeadline');
    if (typeof at !== 'number' || Number.isNaN(at)) throw new ScenarioError(`context.withDeadline needs a virtual time in ms, got ${String(at)}`);
    return derive(p, at, 'withDeadline');
  },

  withTimeout(parent: Context, ms: number): [Context, CancelFunc] {
    const p = asCtx(parent, 'context.withTimeout');
    if (typeof ms !== 'number' || Number.isNaN(ms)) throw new ScenarioError(`context.withTimeout needs milliseconds, got ${String(ms)}`);
    const exec = currentExecution('context.withTimeout()');
    return derive(p, exec.time + ms, 'withTimeout');
  },

  withValue(parent: Context, key: unknown, value: unknown): Context {
    const p = asCtx(parent, 'context.withValue');
    if (key === null || key === undefined) throw new SimPanic('panic', 'nil key');
    const exec = currentExecution('context.withValue()');
    return new Ctx(exec, p, false, undefined, { key, value }, `withValue#${exec.newObjectId()}`);
  },
};
