/**
 * golang.org/x/sync/errgroup's Group, as upstream has it (with SetLimit and TryGo).
 *
 * - `go(fn, name?)` starts fn in a new goroutine of the group (named `<group>/task-<k>` unless
 *   named). A task fails by throwing (or by returning an Error, Go's `return err`); a Go panic
 *   (panic(), a channel misuse, ...) is not an error: it is not recovered and crashes as in Go.
 * - `wait()` waits for every task, even after an error, then resolves to the first error recorded
 *   (later ones are dropped) or null. It may be called more than once.
 * - `ErrGroup.withContext(ctx)` returns the group and a context derived with withCancel, canceled
 *   by the first error and when wait returns. Canceling the parent does not stop tasks: they must
 *   watch the context themselves (cooperative cancellation).
 * - `setLimit(n)`: at most n tasks active (n < 0: no limit). Then `go` blocks in the caller until a
 *   slot is free, so it is a scheduling point and must be awaited; without a limit `go` takes no
 *   step (like the `go` statement) and returns an already resolved promise, so awaiting it is
 *   always harmless and always right. setLimit itself takes no step; changing the limit while
 *   tasks of a limited group are active panics with upstream's text. `setLimit(0)` makes every
 *   later `go` block forever. `tryGo(fn)` starts fn only if a slot is free, and returns whether it did.
 * - As upstream, a task's slot is given back when it ends (a receive from the limit channel): a
 *   limit set after unlimited tasks started makes their end block forever, as it does in Go.
 *
 * Steps: a blocked `go` waits for a slot; a task records its error (first wins, errOnce), cancels
 * the derived context, and ends (slot and counter) in steps of its own; wait blocks until no task
 * is active, then cancels the derived context in a separate step, as upstream's Wait does.
 *
 * Happens-before: `go` is a go statement (the caller's past reaches the task); every task's end
 * happens before wait returns (upstream's WaitGroup); a task's end happens before the `go` that
 * takes its slot (the limit channel's capacity rule).
 */
import { VectorClock } from '../../runtime/clock.js';
import { currentExecution } from '../../runtime/current.js';
import { SimPanic, Halt, ScenarioError } from '../../runtime/errors.js';
import { Op } from '../../runtime/op.js';
import type { Thread } from '../../runtime/thread.js';
import { context, type CancelFunc, type Context } from './context.js';
import { SimObject } from '../core/object.js';
import { acquire, release } from '../../runtime/sync.js';

/** The limit: upstream's `sem chan token` of capacity `cap`, with `used` tokens in it. */
interface Limit {
  readonly cap: number;
  used: number;
  readonly clock: VectorClock;
}

type Task = () => unknown;

export class ErrGroup extends SimObject {
  readonly typeName = 'errgroup.Group';
  /** Tasks started and not yet ended (upstream's WaitGroup counter). */
  active = 0;
  /** The first error, once recorded. */
  err: Error | null = null;
  limit: Limit | null = null;
  /** Tasks still running, for reports. */
  readonly running = new Set<Thread>();
  readonly clock = new VectorClock();
  cancel: CancelFunc | null = null;
  private started = 0;

  constructor(opts: { name?: string } = {}) {
    super('new ErrGroup()', opts.name, 'g');
  }

  /** A group whose derived context is canceled by the first error or when wait returns. */
  static withContext(ctx: Context, opts: { name?: string } = {}): [ErrGroup, Context] {
    const g = new ErrGroup(opts);
    const [derived, cancel] = context.withCancel(ctx);
    g.cancel = cancel;
    return [g, derived];
  }

  override get label(): string {
    return `ErrGroup '${this.name}'`;
  }

  /** Start fn in a new goroutine of the group; with a limit, wait (in the caller) for a free slot. */
  go(fn: Task, name?: string): Promise<void> {
    const exec = currentExecution('ErrGroup.go()');
    checkTask(fn, name, 'go');
    if (this.limit === null) {
      const parent = exec.running;
      if (!parent) throw new ScenarioError('ErrGroup.go() was called outside any goroutine');
      this.start(fn, name, parent);
      return Promise.resolve();
    }
    return new GoOp(this, this.limit, fn, name);
  }

  /** Start fn only if the limit allows it now; true when it did. Takes no step. */
  tryGo(fn: Task, name?: string): boolean {
    const exec = currentExecution('ErrGroup.tryGo()');
    checkTask(fn, name, 'tryGo');
    const parent = exec.running;
    if (!parent) throw new ScenarioError('ErrGroup.tryGo() was called outside any goroutine');
    const l = this.limit;
    if (l !== null) {
      if (l.used >= l.cap) return false;
      l.used++;
      acquire(parent, l.clock);
    }
    this.start(fn, name, parent);
    return true;
  }

  /** At most n tasks active (n < 0: no limit). Panics when changed while limited tasks are active. */
  setLimit(n: number): void {
    currentExecution('ErrGroup.setLimit()');
    if (typeof n !== 'number' || !Number.isInteger(n)) throw new ScenarioError(`ErrGroup.setLimit(n) needs an integer, got ${String(n)}`);
    this.used = true;
    if (n < 0) {
      this.limit = null;
      return;
    }
    if (this.limit !== null && this.limit.used !== 0) {
      throw new SimPanic('panic', `errgroup: modify limit while ${this.limit.used} goroutines in the group are still active`);
    }
    this.limit = { cap: n, used: 0, clock: new VectorClock() };
  }

  /** Wait for every task; the first error or null. Cancels the derived context. */
  wait(): Promise<Error | null> {
    return this.finishWait(new WaitOp(this));
  }

  private async finishWait(op: WaitOp): Promise<Error | null> {
    await op;
    if (this.cancel) await this.cancel();
    return this.err;
  }

  /**
   * Start a task goroutine (the limit slot, if any, is already taken). `at` is where `go` was called
   * when this runs inside a step; otherwise the spawn finds the caller on the stack.
   */
  start(fn: Task, name: string | undefined, parent: Thread, at?: string): void {
    this.used = true;
    this.active++;
    const k = ++this.started;
    const taskName = name ?? `${this.name}/task-${k}`;
    const t = this.exec.spawn(() => this.runTask(fn), taskName, parent, undefined, at);
    this.running.add(t);
  }

  private async runTask(fn: Task): Promise<void> {
    let err: Error | null = null;
    try {
      const r = await fn();
      if (r instanceof Error) err = r;
    } catch (e) {
      if (e instanceof SimPanic || e instanceof Halt || e instanceof ScenarioError) throw e;
      err = e instanceof Error ? e : new Error(String(e));
    }
    if (err !== null) {
      const first = await new RecordErrorOp(this, err);
      if (first && this.cancel) await this.cancel();
    }
    await new TaskDoneOp(this);
  }

  /** "2 tasks active: 'g/task-1' (blocked in ...), 'g/task-3' (running)" */
  activeSummary(): string {
    if (this.running.size === 0) return `no task of ${this.label} is running`;
    const parts = [...this.running].map((t) => {
      const state = t.pending && !t.pending.enabled() ? `blocked in ${t.pending.describe()}` : 'running';
      return `'${t.name}' (${state})`;
    });
    return `${this.label} has ${this.running.size} task(s) still running: ${parts.join(', ')}`;
  }
}

function checkTask(fn: unknown, name: unknown, what: string): void {
  if (typeof fn !== 'function') throw new ScenarioError(`ErrGroup.${what}(fn, name?): fn must be a function`);
  if (name !== undefined && typeof name !== 'string') throw new ScenarioError(`ErrGroup.${what}(fn, name?): name must be a string`);
}

/** `go` with a limit: wait for a slot (a send on the limit channel), then start the task. */
class GoOp extends Op<void> {
  readonly kind = 'go';
  constructor(
    readonly obj: ErrGroup,
    private readonly limit: Limit,
    private readonly fn: Task,
    private readonly name: string | undefined,
  ) {
    super(obj.exec);
  }
  override enabled(): boolean {
    return this.limit.used < this.limit.cap;
  }
  step(): boolean {
    const t = this.thread;
    this.limit.used++;
    acquire(t, this.limit.clock);
    this.obj.start(this.fn, this.name, t, this.at);
    return this.complete(undefined);
  }
  describe(): string {
    const l = this.limit;
    if (l.used >= l.cap) {
      return l.cap === 0
        ? `go of ${this.obj.label}: its limit is 0, so it can never start a task`
        : `go of ${this.obj.label}: waits for a free slot (limit ${l.cap}, ${l.used} in use)`;
    }
    return `go of ${this.obj.label}`;
  }
  override explain(): string[] {
    return [this.obj.activeSummary()];
  }
  override traced(): string {
    return `go ${this.obj.label}: starts a task (${this.limit.used} of ${this.limit.cap} slots in use)`;
  }
}

/** errOnce: the first error is kept. */
class RecordErrorOp extends Op<boolean> {
  readonly kind = 'error';
  private first = false;
  constructor(
    readonly obj: ErrGroup,
    private readonly err: Error,
  ) {
    super(obj.exec);
  }
  step(): boolean {
    this.first = this.obj.err === null;
    if (this.first) this.obj.err = this.err;
    return this.complete(this.first);
  }
  describe(): string {
    return `error of a task of ${this.obj.label}`;
  }
  override traced(): string {
    return `task of ${this.obj.label} failed: ${this.err.message}${this.first ? ' (the first error)' : ' (dropped: not the first)'}`;
  }
}

/** A task's end: give its slot back (a receive from the limit channel) and count it done. */
class TaskDoneOp extends Op<void> {
  readonly kind = 'done';
  private readonly limit: Limit | null;
  constructor(readonly obj: ErrGroup) {
    super(obj.exec);
    this.limit = obj.limit;
  }
  override enabled(): boolean {
    return this.limit === null || this.limit.used > 0;
  }
  step(): boolean {
    const g = this.obj;
    const t = this.thread;
    if (this.limit !== null) this.limit.used--;
    g.active--;
    // Done releases into the group (for Wait) and, when limited, into the limit (for the next Go).
    if (this.limit !== null) release(t, this.limit.clock, g.clock);
    else release(t, g.clock);
    g.running.delete(t);
    return this.complete(undefined);
  }
  describe(): string {
    if (this.limit !== null && this.limit.used === 0) {
      return `end of a task of ${this.obj.label}: gives back a slot of a limit set after it started, which blocks forever (as in Go)`;
    }
    return `end of a task of ${this.obj.label}`;
  }
  override traced(): string {
    return `task of ${this.obj.label} ends (${this.obj.active} still active)`;
  }
}

class WaitOp extends Op<void> {
  readonly kind = 'wait';
  constructor(readonly obj: ErrGroup) {
    super(obj.exec);
  }
  override enabled(): boolean {
    return this.obj.active === 0;
  }
  step(): boolean {
    this.obj.used = true;
    acquire(this.thread, this.obj.clock);
    return this.complete(undefined);
  }
  describe(): string {
    const n = this.obj.active;
    return n > 0 ? `wait of ${this.obj.label} (${n} task(s) active)` : `wait of ${this.obj.label}`;
  }
  override explain(): string[] {
    return [this.obj.activeSummary()];
  }
  override traced(): string {
    const e = this.obj.err;
    return `wait ${this.obj.label} → ${e ? e.message : 'no error'}`;
  }
}
