/**
 * tokio::sync::oneshot (shared/scenario-api.md §2c): `oneshot.channel<T>()` → `[Sender<T>, Receiver<T>]`.
 *
 * - `tx.send(v)` → `Result<void, T>` is **synchronous**, as in tokio (it consumes the Sender): it stores
 *   the value and wakes the receiver without a scheduling point of its own (it notes a write of the
 *   channel for the explorers, as `token.cancel()` does); `Err(v)` hands the value back when the receiver
 *   was dropped or closed. Awaiting its result (`await tx.send(v)`) works too.
 * - `await rx.recv()` → `Result<T, RecvError>`: `Err({ kind: 'RecvError' })` when the Sender was dropped
 *   unsent (an actor that drops the reply sender). `rx.recvBranch()` is the `select` branch (cancel
 *   safe). `rx.tryRecv()` (synchronous: `Empty` / `Closed`), `rx.close()`, `tx.isClosed()`,
 *   `tx.closed()` (waits until the receiver is dropped or closed).
 * - Happens-before: the send → the recv that gets the value; the Sender's drop → the recv that errs.
 * - Reports: a recv waiting names the task holding the Sender and what it does (a Sender moved into a
 *   message is "in transit").
 */
import { VectorClock } from '../../runtime/clock.js';
import { currentExecution } from '../../runtime/current.js';
import type { Touch } from '../../runtime/op.js';
import { acquire, release, releaseSnapshot } from '../../runtime/sync.js';
import type { Thread } from '../../runtime/thread.js';
import { SimObject } from '../core/object.js';
import { assertUsable, installDispose, consume, DROP, isDropped, own, type DropContext, type Droppable } from '../rust/ownership.js';
import { makePanic } from '../rust/panic.js';
import { Err, Ok, type Result } from '../rust/result.js';
import { endDrop, holders, moveMessage, nameOf, ownedParts, short, soleHolder } from './channel.js';
import { TokioFuture, type Poll, type Selectable, type TokioOp } from './future.js';

export interface RecvError {
  readonly kind: 'RecvError';
}
export type TryRecvError = { readonly kind: 'Empty' } | { readonly kind: 'Closed' };
const RECV_ERROR: RecvError = Object.freeze({ kind: 'RecvError' as const });

class OneshotChan<T> extends SimObject {
  readonly typeName = 'tokio::sync::oneshot::channel';
  slot: { value: T; clock: VectorClock } | null = null;
  /** The Sender was dropped without sending. */
  txGone = false;
  /** The receiver was dropped or closed. */
  rxGone = false;
  taken = false;
  readonly txClock = new VectorClock();
  readonly rxClock = new VectorClock();
  sender: object | null = null;
  readonly writes: readonly Touch[];
  readonly reads: readonly Touch[];
  constructor(name: string | undefined) {
    super('oneshot.channel()', name, 'oneshot');
    this.writes = [{ id: this.id, read: false }];
    this.reads = [{ id: this.id, read: true }];
  }
  override get label(): string {
    return `oneshot '${this.name}'`;
  }
  senderReport(self: Thread): string {
    if (this.sender === null || isDropped(this.sender)) return `the Sender of ${this.label} is gone`;
    return `its Sender is held by ${holders(this.exec, [this.sender], self).text} (the recv errs only once it is dropped unsent)`;
  }
}

class RecvSel<T> implements Selectable<Result<T, RecvError>> {
  readonly kind = 'recv' as const;
  /** Its begin registers nothing: a recv that cannot complete waits without a step (future.ts). */
  readonly quietBegin = true;
  private thread: Thread | null;
  private last = '';
  constructor(readonly obj: OneshotChan<T>) {
    this.thread = obj.exec.running;
  }
  begin(op: TokioOp<unknown>): void {
    this.thread = op.thread;
  }
  /** A value to take; or none will come: the Sender is gone unsent, or the receiver closed (tokio's poll sees CLOSED). */
  ready(): boolean {
    const c = this.obj;
    return (c.slot !== null && !c.taken) || c.txGone || c.rxGone;
  }
  take(op: TokioOp<unknown>): Poll<Result<T, RecvError>> {
    const c = this.obj;
    if (c.slot && !c.taken) {
      c.taken = true;
      acquire(op.thread, c.slot.clock);
      moveMessage(c.slot.value, op.thread, c);
      this.last = `recv of ${c.label} → ${short(c.slot.value)}`;
      return Ok(c.slot.value);
    }
    acquire(op.thread, c.txClock);
    this.last = c.txGone ? `recv of ${c.label} → Err(RecvError): the Sender was dropped unsent` : `recv of ${c.label} → Err(RecvError): the receiver was closed before a value was sent`;
    return Err(RECV_ERROR);
  }
  cancel(): void {}
  touches(): readonly Touch[] {
    return this.obj.writes;
  }
  describe(): string {
    return `recv of ${this.obj.label}`;
  }
  traced(): string {
    return this.last || this.describe();
  }
  waitsFor(): Thread | null {
    return this.thread && !this.ready() && this.obj.sender && !isDropped(this.obj.sender) ? soleHolder([this.obj.sender], this.thread) : null;
  }
  explain(): string[] {
    return this.thread ? [this.obj.senderReport(this.thread)] : [];
  }
}

class ClosedSel<T> implements Selectable<void> {
  readonly kind = 'closed' as const;
  constructor(readonly obj: OneshotChan<T>) {}
  begin(): void {}
  ready(): boolean {
    return this.obj.rxGone;
  }
  take(op: TokioOp<unknown>): Poll<void> {
    acquire(op.thread, this.obj.rxClock);
  }
  cancel(): void {}
  touches(): readonly Touch[] {
    return this.obj.reads;
  }
  describe(): string {
    return `closed() of ${this.obj.label}`;
  }
}

/** tokio's `oneshot::Sender<T>`. */
export class Sender<T> implements Droppable {
  /** @internal */
  constructor(private readonly chan: OneshotChan<T>) {
    own(this, `Sender of ${chan.label}`);
    chan.sender = this;
  }

  /** Send the value (synchronous; consumes the Sender): `Err(value)` if the receiver is gone. */
  send(value: T): Result<void, T> {
    const exec = currentExecution('send()');
    assertUsable(this, 'send');
    for (const p of ownedParts(value)) assertUsable(p, 'send (the value sent)');
    consume(this, 'send', 'consumed by send');
    const c = this.chan;
    exec.noteTouch(c.id, false);
    const t = exec.running;
    if (c.rxGone) {
      if (t) {
        acquire(t, c.rxClock);
        release(t, c.txClock);
      }
      // The consumed Sender is dropped with the value it hands back: it is gone unsent.
      c.txGone = true;
      exec.touched(c.id);
      return Err(value);
    }
    moveMessage(value, null, c);
    c.slot = { value, clock: t ? releaseSnapshot(t) : new VectorClock() };
    exec.touched(c.id);
    return Ok(undefined);
  }

  /** Whether the receiver is dropped or closed (synchronous). */
  isClosed(): boolean {
    currentExecution('isClosed()').noteTouch(this.chan.id, true);
    return this.chan.rxGone;
  }

  /** Completes once the receiver is dropped or closed. */
  closed(): TokioFuture<void> {
    const exec = currentExecution('closed()');
    assertUsable(this, 'closed');
    return new TokioFuture(exec, new ClosedSel(this.chan));
  }

  closedBranch(): Selectable<void> {
    return new ClosedSel(this.chan);
  }

  [DROP](ctx: DropContext): void | Promise<void> {
    const c = this.chan;
    return endDrop(c.exec, c, ctx, (t) => {
      if (c.slot) return `drop of the Sender of ${c.label}`;
      c.txGone = true;
      if (t) release(t, c.txClock);
      return `drop of the Sender of ${c.label}, unsent: its recv errs`;
    });
  }
}

/** tokio's `oneshot::Receiver<T>`. */
export class Receiver<T> implements Droppable {
  private used = false;
  /** @internal */
  constructor(private readonly chan: OneshotChan<T>) {
    own(this, `Receiver of ${chan.label}`);
  }

  private once(what: string): void {
    assertUsable(this, what);
    if (this.used) throw makePanic('panic', `called after complete: ${this.chan.label} was already awaited (a oneshot Receiver is awaited once)`);
    this.used = true;
  }

  /** The value (`Ok`), or `Err(RecvError)` if the Sender was dropped unsent. */
  recv(): TokioFuture<Result<T, RecvError>> {
    const exec = currentExecution('recv()');
    this.once('recv');
    return new TokioFuture(exec, new RecvSel(this.chan));
  }

  /** `recv` as a `select` branch (cancel safe: a losing branch leaves the value in the channel). */
  recvBranch(): Selectable<Result<T, RecvError>> {
    assertUsable(this, 'recvBranch');
    return new RecvSel(this.chan);
  }

  /** The value if it is there now (synchronous): `Err(Empty)`, or `Err(Closed)` if the Sender was dropped unsent. */
  tryRecv(): Result<T, TryRecvError> {
    const exec = currentExecution('tryRecv()');
    assertUsable(this, 'tryRecv');
    const c = this.chan;
    exec.noteTouch(c.id, false);
    const t = exec.running;
    if (c.slot && !c.taken) {
      c.taken = true;
      if (t) {
        acquire(t, c.slot.clock);
        moveMessage(c.slot.value, t, c);
      }
      return Ok(c.slot.value);
    }
    if (c.txGone || c.taken || c.rxGone) {
      if (t) acquire(t, c.txClock);
      return Err({ kind: 'Closed' });
    }
    return Err({ kind: 'Empty' });
  }

  /**
   * Close it (synchronous): a later send fails; a value already sent can still be received, and a recv
   * (or tryRecv) with none sent errs at once instead of waiting (tokio's CLOSED state).
   */
  close(): void {
    const exec = currentExecution('close()');
    assertUsable(this, 'close');
    const c = this.chan;
    exec.noteTouch(c.id, false);
    if (!c.rxGone && exec.running) release(exec.running, c.rxClock);
    c.rxGone = true;
    exec.touched(c.id);
  }

  [DROP](ctx: DropContext): void | Promise<void> {
    const c = this.chan;
    return endDrop(c.exec, c, ctx, (t) => {
      if (!c.rxGone && t) release(t, c.rxClock);
      c.rxGone = true;
      return `drop of the Receiver of ${c.label}: a send fails from now on`;
    });
  }
}

/** `tokio::sync::oneshot`. */
export const oneshot = {
  channel<T>(opts?: { name?: string } | string): [Sender<T>, Receiver<T>] {
    currentExecution('oneshot.channel()');
    const c = new OneshotChan<T>(nameOf(opts));
    return [new Sender<T>(c), new Receiver<T>(c)];
  },
};

// `using x = …` drops a channel end at the end of the block (synchronously, as Rust's scope end).
installDispose(Sender.prototype);
installDispose(Receiver.prototype);

/** The channel's types under the module's name, as in Rust (`oneshot::Sender<T>`, `oneshot::Receiver<T>`). */
// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace oneshot {
  export type Sender<T> = import('./oneshot.js').Sender<T>;
  export type Receiver<T> = import('./oneshot.js').Receiver<T>;
}
