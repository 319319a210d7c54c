/**
 * Go's context package: background, withCancel, withTimeout, withDeadline, withValue.
 *
 * Cancellation flows down the tree (a canceled parent cancels every child, once), a child's
 * deadline is capped by its parent's, `done()` is closed exactly once, and `err()` says why.
 * Closing `done()` carries happens-before from the canceller to whoever sees it closed.
 * Creating a context and reading `done()`, `err()`, `value()` and `deadline()` take no scheduling
 * step (their results are plain values, and awaiting them is harmless); `cancel()` is an operation.
 */
import { currentExecution } from '../runtime/current.js';
import { ScenarioError } from '../runtime/errors.js';
import type { Execution } from '../runtime/execution.js';
import { SimpleOp } from '../runtime/op.js';
import type { Thread } from '../runtime/thread.js';
import type { Timer } from '../runtime/timers.js';
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
  value(key: unknown): unknown;
  /** The virtual time of its deadline, if it has one. */
  deadline(): number | undefined;
}

export type CancelFunc = () => Promise<void>;

class Ctx implements Context {
  private doneCh: Channel<void> | null = null;
  private error: Error | null = null;
  private readonly children = new Set<Ctx>();
  timer: Timer | null = null;

  constructor(
    private readonly exec: Execution,
    readonly parent: Ctx | null,
    /** Whether it can be canceled itself (background and withValue contexts cannot). */
    private readonly cancelable: boolean,
    private readonly dl: number | undefined,
    private readonly kv: { key: unknown; value: unknown } | null,
    readonly name: string,
  ) {}

  done(): Channel<void> {
    if (!this.cancelable) return this.parent ? this.parent.done() : (this.doneCh ??= Channel.nil<void>('background.Done()'));
    return (this.doneCh ??= new Channel<void>(0, { name: `${this.name}.Done()` }));
  }

  err(): Error | null {
    return this.cancelable ? this.error : (this.parent?.err() ?? null);
  }

  value(key: unknown): unknown {
    for (let c: Ctx | null = this; c; c = c.parent) if (c.kv && Object.is(c.kv.key, key)) return c.kv.value;
    return undefined;
  }

  deadline(): number | undefined {
    return this.dl ?? this.parent?.deadline();
  }

  /** The nearest ancestor (or itself) that can be canceled. */
  cancelableAncestor(): Ctx | null {
    for (let c: Ctx | null = this; c; c = c.parent) if (c.cancelable) return c;
    return null;
  }

  adopt(child: Ctx): void {
    this.children.add(child);
  }

  /** Cancel this context and its subtree; `by` is the canceller (null for a deadline timer). */
  cancel(err: Error, by: Thread | null, at: string | undefined): void {
    if (this.error) return;
    this.error = err;
    this.done().closeQuietly(by, at);
    if (this.timer) this.exec.timers.cancel(this.timer);
    for (const c of this.children) c.cancel(err, by, at);
    this.children.clear();
    this.parent?.cancelableAncestor()?.children.delete(this);
  }
}

/** One background context per execution. */
const background = new WeakMap<Execution, Ctx>();

function asCtx(p: unknown, what: string): Ctx {
  if (!(p instanceof Ctx)) throw new ScenarioError(`${what} needs a parent context (context.background() or a derived one)`);
  return p;
}

function derive(parent: Ctx, deadline: number | undefined, kind: string): [Context, CancelFunc] {
  const exec = currentExecution(`context.${kind}()`);
  const dl = Math.min(deadline ?? Infinity, parent.deadline() ?? Infinity);
  const ctx = new Ctx(exec, parent, true, Number.isFinite(dl) ? dl : undefined, null, `${kind}#${exec.newObjectId()}`);
  const running = exec.running;
  const anc = parent.cancelableAncestor();
  if (anc?.err()) {
    ctx.cancel(anc.err()!, running, undefined);
  } else {
    anc?.adopt(ctx);
    if (Number.isFinite(dl)) {
      if (dl <= exec.time) ctx.cancel(DeadlineExceeded, running, undefined);
      else ctx.timer = exec.timers.add(dl, `deadline of ${ctx.name}: cancel it`, () => ctx.cancel(DeadlineExceeded, null, undefined));
    }
  }
  const cancel: CancelFunc = () =>
    new SimpleOp(exec, null, 'cancel', `cancel of ${ctx.name}`, () => {
      ctx.cancel(Canceled, exec.running, undefined);
    });
  return [ctx, cancel];
}

export const context = {
  Canceled,
  DeadlineExceeded,

  background(): Context {
    const exec = currentExecution('context.background()');
    let b = background.get(exec);
    if (!b) background.set(exec, (b = new Ctx(exec, null, false, undefined, null, 'background')));
    return b;
  },

  withCancel(parent: Context): [Context, CancelFunc] {
    return derive(asCtx(parent, 'context.withCancel'), undefined, 'withCancel');
  },

  withDeadline(parent: Context, at: number): [Context, CancelFunc] {
    if (typeof at !== 'number' || Number.isNaN(at)) throw new ScenarioError(`context.withDeadline needs a virtual time in ms, got ${String(at)}`);
    return derive(asCtx(parent, 'context.withDeadline'), at, 'withDeadline');
  },

  withTimeout(parent: Context, ms: number): [Context, CancelFunc] {
    if (typeof ms !== 'number' || Number.isNaN(ms)) throw new ScenarioError(`context.withTimeout needs milliseconds, got ${String(ms)}`);
    const exec = currentExecution('context.withTimeout()');
    return derive(asCtx(parent, 'context.withTimeout'), exec.time + ms, 'withTimeout');
  },

  withValue(parent: Context, key: unknown, value: unknown): Context {
    const p = asCtx(parent, 'context.withValue');
    const exec = currentExecution('context.withValue()');
    return new Ctx(exec, p, false, undefined, { key, value }, `withValue#${exec.newObjectId()}`);
  },
};
