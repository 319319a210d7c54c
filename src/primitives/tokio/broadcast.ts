/**
 * tokio::sync::broadcast (shared/scenario-api.md §2c): `broadcast.channel<T>(capacity)` → `[Sender, Receiver]`,
 * `tx.subscribe()` (synchronous). Every receiver gets every value sent after it subscribed; the channel
 * keeps the last `capacity` values (simcc keeps exactly `capacity`; tokio rounds it up to a power of
 * two), so a receiver more than `capacity` behind gets `Err({ kind: 'Lagged', skipped })` and resumes at
 * the oldest value kept; `Err({ kind: 'Closed' })` once every Sender is dropped and it has caught up.
 * `tx.send(v)` is synchronous, as in tokio: `Ok(number of receivers)`, or `Err(SendError(v))` with no
 * receiver. `rx.recv()` (a lazy tokio future), `rx.recvBranch()`, `rx.tryRecv()` (synchronous: `Empty`,
 * `Lagged`, `Closed`), `tx.clone()`, `rx.resubscribe()`, `tx.receiverCount()`.
 * Happens-before: a send → every receive of its value; Sender drops → the `Closed` receive.
 * Dependence: every send, receive, subscribe and drop writes the channel.
 */
import { VectorClock } from '../../runtime/clock.js';
import { currentExecution } from '../../runtime/current.js';
import { ScenarioError } from '../../runtime/errors.js';
import type { Touch } from '../../runtime/op.js';
import { acquire, release, releaseSnapshot } from '../../runtime/sync.js';
import type { Thread } from '../../runtime/thread.js';
import { SimObject } from '../core/object.js';
import { assertUsable, installDispose, DROP, own, type DropContext, type Droppable } from '../rust/ownership.js';
import { makePanic } from '../rust/panic.js';
import { Err, Ok, type Result } from '../rust/result.js';
import { endDrop, holders, nameOf, short, soleHolder } from './channel.js';
import { TokioFuture, type Poll, type Selectable, type TokioOp } from './future.js';
import { sendError, type SendError } from './mpsc.js';

export type RecvError = { readonly kind: 'Closed' } | { readonly kind: 'Lagged'; readonly skipped: number };
export type TryRecvError = { readonly kind: 'Empty' } | RecvError;
const CLOSED = Object.freeze({ kind: 'Closed' as const });

class BroadcastChan<T> extends SimObject {
  readonly typeName = 'tokio::sync::broadcast::channel';
  /** The values kept, oldest first; `log[0]` has sequence number `head`. */
  readonly log: { value: T; clock: VectorClock }[] = [];
  head = 0;
  readonly senders = new Set<object>();
  readonly receivers = new Set<Receiver<T>>();
  readonly closeClock = new VectorClock();
  readonly writes: readonly Touch[];
  constructor(
    readonly capacity: number,
    name: string | undefined,
  ) {
    super('broadcast.channel()', name, 'broadcast');
    this.writes = [{ id: this.id, read: false }];
  }
  override get label(): string {
    return `broadcast channel '${this.name}'`;
  }
  get tail(): number {
    return this.head + this.log.length;
  }
  /** The next result for a receiver at `pos` (null: nothing yet), advancing it when `take`. */
  next(rx: { pos: number }, t: Thread | null, take: boolean): Result<T, RecvError> | null {
    if (rx.pos < this.head) {
      const skipped = this.head - rx.pos;
      if (take) rx.pos = this.head;
      return Err({ kind: 'Lagged', skipped });
    }
    if (rx.pos < this.tail) {
      const m = this.log[rx.pos - this.head]!;
      if (take) {
        rx.pos++;
        if (t) acquire(t, m.clock);
      }
      return Ok(m.value);
    }
    if (this.senders.size === 0) {
      if (take && t) acquire(t, this.closeClock);
      return Err(CLOSED);
    }
    return null;
  }
}

class RecvSel<T> implements Selectable<Result<T, RecvError>> {
  readonly kind = 'recv' as const;
  readonly quietBegin = true;
  readonly obj: BroadcastChan<T>;
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
    return this.obj.next(this.rx, null, false) !== null;
  }
  take(op: TokioOp<unknown>): Poll<Result<T, RecvError>> {
    const r = this.obj.next(this.rx, op.thread, true)!;
    this.last = `recv of ${this.obj.label} → ${r.ok ? short(r.value) : r.error.kind === 'Lagged' ? `Err(Lagged(${r.error.skipped}))` : 'Err(Closed)'}`;
    return r;
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
    return this.thread && !this.ready() ? soleHolder(this.obj.senders, this.thread) : null;
  }
  explain(): string[] {
    if (!this.thread) return [];
    return [`its live Sender${this.obj.senders.size === 1 ? ' is' : 's are'} held by ${holders(this.obj.exec, this.obj.senders, this.thread).text} (recv gives Closed only once every Sender is dropped)`];
  }
}

/** tokio's `broadcast::Sender<T>`. */
export class Sender<T> implements Droppable {
  /** @internal */
  constructor(/** @internal */ readonly chan: BroadcastChan<T>) {
    own(this, `Sender of ${chan.label}`);
    chan.senders.add(this);
  }

  /** Send to every receiver (synchronous): `Ok(receivers)`, or `Err(SendError(value))` when there is none. */
  send(value: T): Result<number, SendError<T>> {
    const exec = currentExecution('send()');
    assertUsable(this, 'send');
    const c = this.chan;
    exec.noteTouch(c.id, false);
    if (c.receivers.size === 0) return Err(sendError(value));
    const t = exec.running;
    c.log.push({ value, clock: t ? releaseSnapshot(t) : new VectorClock() });
    if (c.log.length > c.capacity) {
      c.log.shift();
      c.head++;
    }
    exec.touched(c.id);
    return Ok(c.receivers.size);
  }

  /** A new receiver that gets every value sent from now on (synchronous). */
  subscribe(): Receiver<T> {
    const exec = currentExecution('subscribe()');
    assertUsable(this, 'subscribe');
    exec.noteTouch(this.chan.id, false);
    return new Receiver<T>(this.chan, this.chan.tail);
  }

  receiverCount(): number {
    currentExecution('receiverCount()').noteTouch(this.chan.id, true);
    return this.chan.receivers.size;
  }

  clone(): Sender<T> {
    const exec = currentExecution('clone()');
    assertUsable(this, 'clone');
    exec.noteTouch(this.chan.id, false);
    return new Sender<T>(this.chan);
  }

  [DROP](ctx: DropContext): void | Promise<void> {
    const c = this.chan;
    return endDrop(c.exec, c, ctx, (t) => {
      c.senders.delete(this);
      if (t) release(t, c.closeClock);
      return c.senders.size === 0 ? `drop of the last Sender of ${c.label}: receivers get Closed once caught up` : `drop of a Sender of ${c.label}`;
    });
  }
}

/** tokio's `broadcast::Receiver<T>`. */
export class Receiver<T> implements Droppable {
  /** The sequence number of the next value it receives. */
  pos: number;
  /** @internal */
  constructor(
    /** @internal */ readonly chan: BroadcastChan<T>,
    pos: number,
  ) {
    this.pos = pos;
    own(this, `Receiver of ${chan.label}`);
    chan.receivers.add(this);
  }

  /** The next value, `Err(Lagged(n))` when it fell more than capacity behind, `Err(Closed)` at the end. */
  recv(): TokioFuture<Result<T, RecvError>> {
    const exec = currentExecution('recv()');
    assertUsable(this, 'recv');
    return new TokioFuture(exec, new RecvSel(this));
  }

  recvBranch(): Selectable<Result<T, RecvError>> {
    assertUsable(this, 'recvBranch');
    return new RecvSel(this);
  }

  /** Synchronous: `Err(Empty)` when nothing new is there. */
  tryRecv(): Result<T, TryRecvError> {
    const exec = currentExecution('tryRecv()');
    assertUsable(this, 'tryRecv');
    exec.noteTouch(this.chan.id, false);
    return this.chan.next(this, exec.running, true) ?? Err({ kind: 'Empty' });
  }

  /** A new receiver at the channel's tail (synchronous). */
  resubscribe(): Receiver<T> {
    const exec = currentExecution('resubscribe()');
    exec.noteTouch(this.chan.id, false);
    return new Receiver<T>(this.chan, this.chan.tail);
  }

  len(): number {
    currentExecution('len()').noteTouch(this.chan.id, true);
    return Math.max(0, this.chan.tail - Math.max(this.pos, this.chan.head));
  }

  [DROP](ctx: DropContext): void | Promise<void> {
    const c = this.chan;
    return endDrop(c.exec, c, ctx, () => {
      c.receivers.delete(this);
      return `drop of a Receiver of ${c.label}`;
    });
  }
}

/** `tokio::sync::broadcast`. */
export const broadcast = {
  channel<T>(capacity: number, opts?: { name?: string } | string): [Sender<T>, Receiver<T>] {
    currentExecution('broadcast.channel()');
    if (typeof capacity !== 'number' || !Number.isInteger(capacity) || capacity < 0) throw new ScenarioError(`broadcast.channel(capacity): capacity must be a whole number > 0, got ${String(capacity)}`);
    if (capacity === 0) throw makePanic('panic', 'broadcast channel capacity cannot be zero');
    const c = new BroadcastChan<T>(capacity, nameOf(opts));
    const tx = new Sender<T>(c);
    return [tx, new Receiver<T>(c, 0)];
  },
};

// `using x = …` drops a channel end at the end of the block (synchronously, as Rust's scope end).
installDispose(Sender.prototype);
installDispose(Receiver.prototype);

/** The channel's types under the module's name, as in Rust (`broadcast::Sender<T>`, `broadcast::Receiver<T>`). */
// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace broadcast {
  export type Sender<T> = import('./broadcast.js').Sender<T>;
  export type Receiver<T> = import('./broadcast.js').Receiver<T>;
}
