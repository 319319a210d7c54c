/**
 * tokio::sync::watch (shared/scenario-api.md §2c): `watch.channel<T>(initial)` → `[Sender, Receiver]`; the
 * channel keeps the latest value only, with a version each send bumps.
 * - `tx.send(v)` (synchronous, as tokio's): `Err(SendError(v))` when every receiver is gone (the value is
 *   not stored); `tx.sendModify(f)` (always stores: `f` changes the value in place or returns the new
 *   one), `tx.sendReplace(v)` → the old value, `tx.borrow()`, `tx.subscribe()`, `tx.receiverCount()`,
 *   `tx.closed()` (waits until every receiver is gone).
 * - `rx.changed()` → `Result<void, RecvError>`: completes once a version newer than the one this
 *   receiver saw is there (marking it seen), `Err(RecvError)` once the Sender is dropped and nothing new
 *   is unseen; `rx.changedBranch()` for `select`; `rx.borrow()` (synchronous: the latest value, not
 *   marking it seen), `rx.borrowAndUpdate()` (marks it seen), `rx.hasChanged()`, `rx.markUnchanged()`,
 *   `rx.clone()`.
 * Happens-before: a send → a `changed()`/`borrow()` that sees its version (the value is behind tokio's
 * RwLock); the Sender's drop → the `changed()` that errs.
 */
import { VectorClock } from '../../runtime/clock.js';
import { currentExecution } from '../../runtime/current.js';
import type { Touch } from '../../runtime/op.js';
import { acquire, release } from '../../runtime/sync.js';
import type { Thread } from '../../runtime/thread.js';
import { SimObject } from '../core/object.js';
import { assertUsable, installDispose, DROP, isDropped, own, type DropContext, type Droppable } from '../rust/ownership.js';
import { Err, Ok, type Result } from '../rust/result.js';
import { endDrop, holders, nameOf, soleHolder } from './channel.js';
import { TokioFuture, type Poll, type Selectable, type TokioOp } from './future.js';
import { sendError, type SendError } from './mpsc.js';

export interface RecvError {
  readonly kind: 'RecvError';
}
const RECV_ERROR: RecvError = Object.freeze({ kind: 'RecvError' as const });

class WatchChan<T> extends SimObject {
  readonly typeName = 'tokio::sync::watch::channel';
  version = 0;
  readonly clock = new VectorClock();
  senderGone = false;
  sender: object | null = null;
  readonly receivers = new Set<Receiver<T>>();
  readonly writes: readonly Touch[];
  readonly reads: readonly Touch[];
  constructor(
    public value: T,
    name: string | undefined,
  ) {
    super('watch.channel()', name, 'watch');
    this.writes = [{ id: this.id, read: false }];
    this.reads = [{ id: this.id, read: true }];
  }
  override get label(): string {
    return `watch channel '${this.name}'`;
  }
  store(t: Thread | null, v: T): void {
    this.value = v;
    this.version++;
    if (t) release(t, this.clock);
  }
}

class ChangedSel<T> implements Selectable<Result<void, RecvError>> {
  readonly kind = 'changed' as const;
  readonly quietBegin = true;
  readonly obj: WatchChan<T>;
  private thread: Thread | null;
  private last = '';
  constructor(private readonly rx: Receiver<T>) {
    this.obj = rx.chan;
    this.thread = rx.chan.exec.running;
  }
  begin(op: TokioOp<unknown>): void {
    this.thread = op.thread;
  }
  ready(): boolean {
    return this.obj.version !== this.rx.seen || this.obj.senderGone;
  }
  take(op: TokioOp<unknown>): Poll<Result<void, RecvError>> {
    const c = this.obj;
    acquire(op.thread, c.clock);
    if (c.version !== this.rx.seen) {
      this.rx.seen = c.version;
      this.last = `changed() of ${c.label} → Ok (version ${c.version})`;
      return Ok(undefined);
    }
    this.last = `changed() of ${c.label} → Err(RecvError): the Sender is dropped`;
    return Err(RECV_ERROR);
  }
  cancel(): void {}
  touches(): readonly Touch[] {
    return this.obj.reads;
  }
  describe(): string {
    return `changed() of ${this.obj.label}`;
  }
  traced(): string {
    return this.last || this.describe();
  }
  waitsFor(): Thread | null {
    const s = this.obj.sender;
    return this.thread && !this.ready() && s && !isDropped(s) ? soleHolder([s], this.thread) : null;
  }
  explain(): string[] {
    const s = this.obj.sender;
    if (!this.thread || !s) return [];
    return [`its Sender is held by ${holders(this.obj.exec, [s], this.thread).text} (changed() errs only once the Sender is dropped)`];
  }
}

class ClosedSel<T> implements Selectable<void> {
  readonly kind = 'closed' as const;
  constructor(readonly obj: WatchChan<T>) {}
  begin(): void {}
  ready(): boolean {
    return this.obj.receivers.size === 0;
  }
  take(): Poll<void> {
    return undefined;
  }
  cancel(): void {}
  touches(): readonly Touch[] {
    return this.obj.reads;
  }
  describe(): string {
    return `closed() of ${this.obj.label}`;
  }
}

/** tokio's `watch::Sender<T>`. */
export class Sender<T> implements Droppable {
  /** @internal */
  constructor(private readonly chan: WatchChan<T>) {
    own(this, `Sender of ${chan.label}`);
    chan.sender = this;
  }

  private write(what: string): { t: Thread | null; exec: ReturnType<typeof currentExecution> } {
    const exec = currentExecution(what);
    assertUsable(this, what);
    exec.noteTouch(this.chan.id, false);
    return { t: exec.running, exec };
  }

  /** Store `value` and notify the receivers (synchronous); `Err(SendError(value))` when no receiver is left. */
  send(value: T): Result<void, SendError<T>> {
    const { t, exec } = this.write('send()');
    const c = this.chan;
    if (c.receivers.size === 0) return Err(sendError(value));
    c.store(t, value);
    exec.touched(c.id);
    return Ok(undefined);
  }

  /** Change the value with `f` (in place, or its result when it returns one) and notify (synchronous). */
  sendModify(f: (v: T) => T | void): void {
    const { t, exec } = this.write('sendModify()');
    const c = this.chan;
    if (t) acquire(t, c.clock);
    const r = f(c.value);
    c.store(t, r === undefined ? c.value : r);
    exec.touched(c.id);
  }

  /** Store `value` whether or not a receiver is left; → the old value (synchronous). */
  sendReplace(value: T): T {
    const { t, exec } = this.write('sendReplace()');
    const c = this.chan;
    const old = c.value;
    c.store(t, value);
    exec.touched(c.id);
    return old;
  }

  borrow(): T {
    const exec = currentExecution('borrow()');
    exec.noteTouch(this.chan.id, true);
    return this.chan.value;
  }

  subscribe(): Receiver<T> {
    const exec = currentExecution('subscribe()');
    assertUsable(this, 'subscribe');
    exec.noteTouch(this.chan.id, false);
    return new Receiver<T>(this.chan, this.chan.version);
  }

  receiverCount(): number {
    currentExecution('receiverCount()').noteTouch(this.chan.id, true);
    return this.chan.receivers.size;
  }

  isClosed(): boolean {
    return this.receiverCount() === 0;
  }

  /** Completes once every receiver is gone. */
  closed(): TokioFuture<void> {
    return new TokioFuture(currentExecution('closed()'), new ClosedSel(this.chan));
  }

  [DROP](ctx: DropContext): void | Promise<void> {
    const c = this.chan;
    return endDrop(c.exec, c, ctx, (t) => {
      c.senderGone = true;
      if (t) release(t, c.clock);
      return `drop of the Sender of ${c.label}: changed() errs from now on`;
    });
  }
}

/** tokio's `watch::Receiver<T>`. */
export class Receiver<T> implements Droppable {
  /** The version it saw last. */
  seen: number;
  /** @internal */
  constructor(
    /** @internal */ readonly chan: WatchChan<T>,
    seen: number,
  ) {
    this.seen = seen;
    own(this, `Receiver of ${chan.label}`);
    chan.receivers.add(this);
  }

  /** Completes when a value newer than the last seen is there (marks it seen); `Err` once the Sender is gone. */
  changed(): TokioFuture<Result<void, RecvError>> {
    const exec = currentExecution('changed()');
    assertUsable(this, 'changed');
    return new TokioFuture(exec, new ChangedSel(this));
  }

  changedBranch(): Selectable<Result<void, RecvError>> {
    assertUsable(this, 'changedBranch');
    return new ChangedSel(this);
  }

  /** The latest value (synchronous; does not mark it seen). */
  borrow(): T {
    const exec = currentExecution('borrow()');
    assertUsable(this, 'borrow');
    exec.noteTouch(this.chan.id, true);
    if (exec.running) acquire(exec.running, this.chan.clock);
    return this.chan.value;
  }

  /** The latest value, marked seen (synchronous). */
  borrowAndUpdate(): T {
    const v = this.borrow();
    this.seen = this.chan.version;
    return v;
  }

  /** Whether a value not seen yet is there (synchronous): `Err` once the Sender is gone. */
  hasChanged(): Result<boolean, RecvError> {
    const exec = currentExecution('hasChanged()');
    exec.noteTouch(this.chan.id, true);
    if (this.chan.senderGone) return Err(RECV_ERROR);
    return Ok(this.chan.version !== this.seen);
  }

  markUnchanged(): void {
    this.seen = this.chan.version;
  }

  markChanged(): void {
    this.seen = -1;
  }

  clone(): Receiver<T> {
    const exec = currentExecution('clone()');
    exec.noteTouch(this.chan.id, false);
    return new Receiver<T>(this.chan, this.seen);
  }

  [DROP](ctx: DropContext): void | Promise<void> {
    const c = this.chan;
    return endDrop(c.exec, c, ctx, () => {
      c.receivers.delete(this);
      return `drop of a Receiver of ${c.label}`;
    });
  }
}

/** `tokio::sync::watch`. */
export const watch = {
  channel<T>(initial: T, opts?: { name?: string } | string): [Sender<T>, Receiver<T>] {
    currentExecution('watch.channel()');
    const c = new WatchChan<T>(initial, nameOf(opts));
    return [new Sender<T>(c), new Receiver<T>(c, 0)];
  },
};

// `using x = …` drops a channel end at the end of the block (synchronously, as Rust's scope end).
installDispose(Sender.prototype);
installDispose(Receiver.prototype);

/** The channel's types under the module's name, as in Rust (`watch::Sender<T>`, `watch::Receiver<T>`). */
// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace watch {
  export type Sender<T> = import('./watch.js').Sender<T>;
  export type Receiver<T> = import('./watch.js').Receiver<T>;
}
