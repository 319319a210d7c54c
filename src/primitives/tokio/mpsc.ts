/**
 * tokio::sync::mpsc (shared/scenario-api.md §2c): `mpsc.channel<T>(capacity)` → `[Sender<T>, Receiver<T>]`
 * and `mpsc.unboundedChannel<T>()` → `[UnboundedSender<T>, UnboundedReceiver<T>]`, on the Selectable
 * protocol (future.ts): `tx.send(v)`, `tx.reserve()`, `tx.closed()`, `rx.recv()` are lazy tokio futures
 * (and `sendBranch(v)`, `reserveBranch()`, `closedBranch()`, `recvBranch()` their `select` branches).
 *
 * Semantics, as tokio documents them:
 * - A bounded channel is a buffer plus a fair semaphore of `capacity` permits: a send (or `reserve`)
 *   first acquires a permit (waiting, FIFO, while none is free: **backpressure**), then pushes its value;
 *   a receive that takes a value gives its permit back, to the oldest waiting sender first. A `Permit`
 *   from `reserve()` holds a slot: `permit.send(v)` uses it (synchronous), dropping it frees it.
 *   `channel(0)` panics ("mpsc bounded channel requires buffer > 0").
 * - Cancel safety: a `sendBranch` that loses a select leaves the queue (a permit it was granted goes to
 *   the next waiter) and sent nothing; `recvBranch` takes a value only when it wins.
 * - `send` → `Err(SendError(value))` once the receiver is dropped or `rx.close()`d (a waiting send too).
 *   `recv` → the values, then `undefined` (`None`) once every Sender is dropped (or the channel closed)
 *   and the buffer is drained. `for await (const v of rx)`.
 * - Synchronous, as in tokio: `trySend` (`Full` / `Closed`, with the value), `tryRecv` (`Empty` /
 *   `Disconnected`), `tx.clone()`, `rx.close()`, `permit.send(v)`, and the unbounded sender's `send`.
 *   They run in the calling task's code and note what they read or write (Execution.noteTouch).
 *
 * Ownership: Senders, the Receiver and Permits are owned values (rust/ownership.ts): moved into tasks by
 * `spawn(fn, { move: [tx] })`, dropped by `drop(x)`, `using`, or their owner's end. A message moves the
 * owned values it carries (a oneshot Sender in an actor's request) into the channel, then to the receiver.
 *
 * Happens-before: a send → the receive that gets its value (a clock per message); a receive that frees
 * a permit → the send that acquires it (so a full channel orders a sender after the receiver); every
 * Sender drop → the recv that sees `None`; the receiver's close/drop → a send that fails, `closed()`.
 *
 * Dependence (DPOR): every step that reads or changes the channel's state (sends, receives, the queue of
 * waiting senders, the receiver's drop and close, a Permit's drop) writes the channel's object; `closed()`
 * reads it. The live-Sender count is an object of its own (`sendersId`), role-swapped as std's (rust/mpsc.ts):
 * a Sender's drop only "reads" it (drops commute with each other and with sends), while `clone` and every
 * step that observes it (a recv that finds the buffer empty: it returns None or waits — a tokio await always
 * takes its first step —; tryRecv, isClosed) write it.
 *
 * Reports: a task blocked in `recv` waits on every task holding a live Sender: the deadlock or leak
 * report names them and what they are doing (and a wait-for edge when one task holds them all, for the
 * cycle detector); a send blocked on a full channel names the Receiver's holder.
 */
import { VectorClock } from '../../runtime/clock.js';
import { currentExecution } from '../../runtime/current.js';
import { ScenarioError } from '../../runtime/errors.js';
import { Op, type Touch } from '../../runtime/op.js';
import { acquire, release, releaseOverwrite } from '../../runtime/sync.js';
import type { Thread } from '../../runtime/thread.js';
import { SimObject } from '../core/object.js';
import { assertUsable, installDispose, consume, disposeValue, DROP, isDropped, own, ownerOf, type DropContext, type Droppable } from '../rust/ownership.js';
import { makePanic } from '../rust/panic.js';
import { Err, Ok, type Result } from '../rust/result.js';
import { doing, holders, moveMessage, nameOf, ownedParts, short, soleHolder } from './channel.js';
import { TokioFuture, type Poll, type Selectable, type TokioOp } from './future.js';

// ---- errors ---------------------------------------------------------------------------------------

/** `SendError<T>`: the receiver is gone; the value is handed back (`.value`, Rust's `.0`). */
export interface SendError<T> {
  readonly kind: 'SendError';
  readonly value: T;
  readonly 0: T;
}
export type TrySendError<T> = { readonly kind: 'Full'; readonly value: T } | { readonly kind: 'Closed'; readonly value: T };
export type TryRecvError = { readonly kind: 'Empty' } | { readonly kind: 'Disconnected' };

export function sendError<T>(value: T): SendError<T> {
  const e = { kind: 'SendError' as const, value } as SendError<T>;
  Object.defineProperty(e, 0, { value, enumerable: false });
  return e;
}
const EMPTY = Object.freeze({ kind: 'Empty' as const });
const DISCONNECTED = Object.freeze({ kind: 'Disconnected' as const });

// ---- the channel ----------------------------------------------------------------------------------

/** A buffered value and its sender's clock. Records are reused (TokioChan.spare): a receive hands its record back once it has acquired the clock. */
interface Msg<T> {
  value: T;
  readonly clock: VectorClock;
}

/** The empty clock a message sent outside any thread carries (only read: assign copies it). */
const NO_CLOCK = new VectorClock();

/** One tokio mpsc channel: its buffer, its semaphore of permits, its live Senders, its Receiver. */
export class TokioChan<T> extends SimObject {
  readonly typeName = 'tokio::sync::mpsc::channel';
  readonly buf: Msg<T>[] = [];
  /** Message records whose value was received, for the next sends (a ping-pong allocates none). */
  private readonly spare: Msg<T>[] = [];
  /** Free permits (Infinity: unbounded). */
  avail: number;
  /** Sends and reserves waiting for a permit, oldest first (tokio's semaphore is fair). */
  readonly waiters: AcquireSel<unknown, T>[] = [];
  readonly senders = new Set<object>();
  receiver: object | null = null;
  /** `rx.close()` or the receiver dropped: sends fail from now on. */
  rxClosed = false;
  /** Released by every Sender drop and close; acquired by the recv that sees `None`. */
  readonly closeClock = new VectorClock();
  /** Released by the receiver's close/drop; acquired by a send that fails and by `closed()`. */
  readonly goneClock = new VectorClock();
  /** Released by a freed permit; acquired by the send that gets it. */
  readonly permitClock = new VectorClock();
  readonly writes: readonly Touch[];
  readonly reads: readonly Touch[];
  /** The live-Sender count as an object of its own (see the header): a drop reads it, what observes the end writes it. */
  readonly sendersId: number;
  readonly endWrites: readonly Touch[];
  /** The order of the waiting senders as an object of its own: joining the queue writes it (AcquireSel). */
  readonly queueWrites: readonly Touch[];
  readonly writesAndQueue: readonly Touch[];

  constructor(
    readonly capacity: number,
    name: string | undefined,
  ) {
    super(capacity === Infinity ? 'mpsc.unboundedChannel()' : 'mpsc.channel()', name, 'mpsc');
    this.avail = capacity;
    this.writes = [{ id: this.id, read: false }];
    this.reads = [{ id: this.id, read: true }];
    this.sendersId = this.exec.newObjectId();
    this.endWrites = [{ id: this.id, read: false }, { id: this.sendersId, read: false }];
    const queueId = this.exec.newObjectId();
    this.queueWrites = [{ id: queueId, read: false }];
    this.writesAndQueue = [...this.writes, ...this.queueWrites];
  }

  override get label(): string {
    return `channel '${this.name}'`;
  }

  get bounded(): boolean {
    return this.capacity !== Infinity;
  }

  /** No more values will come: every Sender dropped, or the receiver closed it. */
  get ended(): boolean {
    return this.senders.size === 0 || this.rxClosed;
  }

  push(t: Thread | null, value: T): void {
    moveMessage(value, null, this);
    // A received message's record (or a new one) takes the sender's clock, which then ticks.
    const m = this.spare.pop() ?? { value, clock: new VectorClock() };
    m.value = value;
    if (t) releaseOverwrite(t, m.clock);
    else m.clock.assign(NO_CLOCK);
    this.buf.push(m);
  }

  /** The receiver has taken `m` (and acquired its clock): its record serves a later send. */
  recycle(m: Msg<T>): void {
    m.value = undefined as T;
    this.spare.push(m);
  }

  /** A permit comes back: to the oldest waiter, or the pool. */
  freePermit(t: Thread | null): void {
    if (!this.bounded) return;
    if (t) release(t, this.permitClock);
    const w = this.waiters.shift();
    if (w) w.grant();
    else this.avail++;
  }

  dropSender(handle: object, t: Thread | null): void {
    if (!this.senders.delete(handle)) return;
    if (t) release(t, this.closeClock);
  }

  /** `rx.close()`, or the receiver's drop (`drop` true: the buffered values are dropped too). */
  closeRx(t: Thread | null, drop: boolean): void {
    if (!this.rxClosed) {
      this.rxClosed = true;
      if (t) release(t, this.goneClock, this.closeClock);
    }
    if (!drop) return;
    const left = this.buf.splice(0);
    for (const m of left) {
      for (const p of ownedParts(m.value)) {
        moveMessage(p, t, this);
        disposeValue(p);
      }
    }
  }

  sendersReport(self: Thread): string {
    if (this.senders.size === 0) return `${this.label} has no live Sender left`;
    const h = holders(this.exec, this.senders, self);
    const mine = h.threads.includes(self);
    return `its live Sender${this.senders.size === 1 ? ' is' : 's are'} held by ${h.text}${
      mine ? `: recv returns None only once every Sender is dropped, including the one '${self.name}' holds itself` : ''
    }${h.threads.length > 0 && !mine ? ' (recv returns None only once every Sender is dropped: is one never dropped, e.g. the original after cloning one per producer?)' : ''}`;
  }

  receiverReport(self: Thread): string {
    if (this.receiver === null || isDropped(this.receiver)) return `the Receiver of ${this.label} is gone`;
    const u = ownerOf(this.receiver);
    return `its Receiver is held by ${u ? `'${u.name}'${u === self ? ' itself' : `, ${doing(this.exec, u, self)}`}` : 'a message in transit'}`;
  }

  receiverHolder(self: Thread): Thread | null {
    if (this.receiver === null || isDropped(this.receiver)) return null;
    const u = ownerOf(this.receiver);
    return u === self ? null : u;
  }
}

// ---- the selectables ------------------------------------------------------------------------------

/**
 * Acquire a permit, then send a value (`send`) or hand out a Permit (`reserve`). Awaited alone, it
 * joins the fair queue when its task parks there (`arrival`), without a step of its own: a send that
 * finds the channel full waits without a step, so the explorers order only the transfers and the
 * arrivals among themselves (n senders on `channel(1)` make exactly the n! orders of their values).
 * Joining the queue writes the queue's own object (`queueId`): arrivals are ordered with each other
 * (FIFO), and with nothing else, because a joining and a permit coming back commute (either order
 * leaves the same permits and the same waiters granted: the oldest waiter first). In a select it joins
 * at the select's first step instead.
 */
abstract class AcquireSel<R, T> implements Selectable<R> {
  readonly obj: TokioChan<T>;
  /** queued: in the waiters; granted: holds a permit not used yet. */
  private state: 'idle' | 'queued' | 'granted' | 'done' = 'idle';
  protected thread: Thread | null = null;
  protected failed = false;
  abstract readonly kind: 'send' | 'reserve';
  constructor(chan: TokioChan<T>) {
    this.obj = chan;
  }
  begin(op: TokioOp<unknown>): void {
    const c = this.obj;
    this.thread = op.thread;
    // It joins even when the receiver is gone (take then leaves and fails): a joining then does the same
    // whenever the close came, so the two commute.
    if (c.avail > 0 && c.waiters.length === 0) {
      if (c.bounded) c.avail--;
      this.state = 'granted';
    } else {
      this.state = 'queued';
      c.waiters.push(this as AcquireSel<unknown, T>);
    }
  }
  grant(): void {
    this.state = 'granted';
  }
  arrival(): readonly Touch[] {
    return this.obj.queueWrites;
  }
  ready(): boolean {
    return this.state === 'granted' || this.obj.rxClosed;
  }
  take(op: TokioOp<unknown>): Poll<R> {
    const c = this.obj;
    if (c.rxClosed) {
      this.leave(op.thread);
      acquire(op.thread, c.goneClock);
      this.failed = true;
      this.state = 'done';
      return this.fail();
    }
    if (c.bounded) acquire(op.thread, c.permitClock);
    this.state = 'done';
    return this.succeed(op.thread);
  }
  protected abstract succeed(t: Thread): R;
  protected abstract fail(): R;
  private leave(t: Thread | null): void {
    const c = this.obj;
    if (this.state === 'queued') {
      const i = c.waiters.indexOf(this as AcquireSel<unknown, T>);
      if (i >= 0) c.waiters.splice(i, 1);
    } else if (this.state === 'granted') c.freePermit(t);
    this.state = 'idle';
  }
  cancel(op: TokioOp<unknown>): void {
    if (this.state === 'done') return;
    this.leave(op.thread);
  }
  touches(): readonly Touch[] {
    // Its first step (in a select) joins the queue; after that it only meets the channel.
    return this.state === 'idle' ? this.obj.writesAndQueue : this.obj.writes;
  }
  abstract describe(): string;
  protected full(): string {
    const c = this.obj;
    return c.bounded && this.state === 'queued' ? ` (full: ${c.buf.length} of ${c.capacity} buffered${c.buf.length < c.capacity ? ', the rest reserved' : ''}${c.waiters.length > 1 ? `, ${c.waiters.length} senders waiting` : ''})` : '';
  }
  waitsFor(): Thread | null {
    return this.thread && !this.ready() ? this.obj.receiverHolder(this.thread) : null;
  }
  explain(): string[] {
    const self = this.thread;
    return self ? [`${this.obj.label} is full; ${this.obj.receiverReport(self)}`] : [];
  }
}

/** What every send that went through returns (a Result never changes: one object for all). */
const SENT: Result<void, never> = Object.freeze(Ok(undefined));

class SendSel<T> extends AcquireSel<Result<void, SendError<T>>, T> {
  readonly kind = 'send' as const;
  constructor(
    chan: TokioChan<T>,
    private readonly value: T,
  ) {
    super(chan);
  }
  protected succeed(t: Thread): Result<void, SendError<T>> {
    this.obj.push(t, this.value);
    return SENT as Result<void, SendError<T>>;
  }
  protected fail(): Result<void, SendError<T>> {
    return Err(sendError(this.value));
  }
  describe(): string {
    return `send on ${this.obj.label}${this.full()}`;
  }
  traced(): string {
    return this.failed ? `send on ${this.obj.label} → Err(SendError): the receiver is closed` : `send on ${this.obj.label}`;
  }
}

class ReserveSel<T> extends AcquireSel<Result<Permit<T>, SendError<void>>, T> {
  readonly kind = 'reserve' as const;
  protected succeed(): Result<Permit<T>, SendError<void>> {
    return Ok(new Permit<T>(this.obj));
  }
  protected fail(): Result<Permit<T>, SendError<void>> {
    return Err(sendError(undefined));
  }
  describe(): string {
    return `reserve on ${this.obj.label}${this.full()}`;
  }
}

class RecvSel<T> implements Selectable<T | undefined> {
  readonly kind = 'recv' as const;
  /** Its begin registers nothing: a recv that cannot complete waits without a step (future.ts). */
  readonly quietBegin = true;
  readonly obj: TokioChan<T>;
  /** The task that receives (the one that made the future or branch; begin may never run while it waits). */
  private thread: Thread | null;
  /**
   * What the last take got, for the timeline: a value (its text is made only when a timeline asks:
   * traced() runs right after the step, only while a trace is recorded), None, or nothing yet.
   */
  private last: 'value' | 'closed' | 'dropped' | null = null;
  /** The value the last take got (when `last` is 'value'): no object per receive. */
  private got: unknown = undefined;
  constructor(chan: TokioChan<T>) {
    this.obj = chan;
    this.thread = chan.exec.running;
  }
  begin(op: TokioOp<unknown>): void {
    this.thread = op.thread;
  }
  ready(): boolean {
    const c = this.obj;
    return c.buf.length > 0 || c.ended;
  }
  take(op: TokioOp<unknown>): Poll<T | undefined> {
    const c = this.obj;
    const t = op.thread;
    const m = c.buf.shift();
    if (m) {
      acquire(t, m.clock);
      const v = m.value;
      c.recycle(m);
      moveMessage(v, t, c);
      c.freePermit(t);
      this.last = 'value';
      this.got = v;
      return v;
    }
    acquire(t, c.closeClock);
    this.last = c.rxClosed ? 'closed' : 'dropped';
    return undefined;
  }
  cancel(): void {}
  touches(): readonly Touch[] {
    const c = this.obj;
    // With the buffer empty, its step (None, or a wait) observes the live-Sender count.
    return c.buf.length === 0 ? c.endWrites : c.writes;
  }
  /** The live-Sender count's changes that matter to it (the last Sender's drop) touch the channel too. */
  watched(): readonly Touch[] {
    return this.obj.writes;
  }
  describe(): string {
    return `recv of ${this.obj.label}`;
  }
  traced(): string {
    const last = this.last;
    const c = this.obj;
    if (last === null) return this.describe();
    if (last === 'value') return `recv of ${c.label} → ${short(this.got)}`;
    return `recv of ${c.label} → None: ${last === 'closed' ? 'closed' : 'every Sender is dropped'}`;
  }
  waitsFor(): Thread | null {
    return this.thread && !this.ready() ? soleHolder(this.obj.senders, this.thread) : null;
  }
  explain(): string[] {
    return this.thread ? [this.obj.sendersReport(this.thread)] : [];
  }
}

class ClosedSel<T> implements Selectable<void> {
  readonly kind = 'closed' as const;
  readonly obj: TokioChan<T>;
  private thread: Thread | null = null;
  constructor(chan: TokioChan<T>) {
    this.obj = chan;
  }
  begin(op: TokioOp<unknown>): void {
    this.thread = op.thread;
  }
  ready(): boolean {
    return this.obj.rxClosed;
  }
  take(op: TokioOp<unknown>): Poll<void> {
    acquire(op.thread, this.obj.goneClock);
  }
  cancel(): void {}
  touches(): readonly Touch[] {
    return this.obj.reads;
  }
  describe(): string {
    return `closed() of ${this.obj.label}`;
  }
  waitsFor(): Thread | null {
    return this.thread && !this.ready() ? this.obj.receiverHolder(this.thread) : null;
  }
  explain(): string[] {
    return this.thread ? [`closed() waits until the receiver is dropped or closed; ${this.obj.receiverReport(this.thread)}`] : [];
  }
}

// ---- drops ----------------------------------------------------------------------------------------

/** The drop of a Sender, the Receiver or a Permit, as its own step (`await drop(x)`, an owner's end). */
class DropEndOp extends Op<void> {
  readonly kind = 'drop' as const;
  private said = '';
  constructor(
    readonly obj: TokioChan<unknown>,
    private readonly fn: (t: Thread) => string,
    private readonly touches: () => readonly Touch[],
  ) {
    super(obj.exec);
  }
  override footprint(): readonly Touch[] {
    return this.touches();
  }
  step(): boolean {
    this.said = this.fn(this.thread);
    return this.complete(undefined);
  }
  describe(): string {
    return `drop on ${this.obj.label}`;
  }
  override traced(): string {
    return this.said || this.describe();
  }
}

/** A Sender's drop only "reads" the live-Sender count (drops commute with each other and with sends); the other ends' drops write the channel. */
function endDrop(chan: TokioChan<unknown>, ctx: DropContext, fn: (t: Thread | null) => string, sender = false): void | Promise<void> {
  const touches = (): readonly Touch[] => (sender ? [{ id: chan.sendersId, read: true }] : chan.writes);
  if (ctx.sync) {
    for (const t of touches()) chan.exec.noteTouch(t.id, t.read);
    fn(ctx.thread);
    chan.exec.touched(chan.id);
    return;
  }
  return new DropEndOp(chan, fn, touches);
}

// ---- handles --------------------------------------------------------------------------------------

function checkSend(self: object, value: unknown, what: string): void {
  assertUsable(self, what);
  for (const p of ownedParts(value)) assertUsable(p, `${what} (the value sent)`);
}

/** What the Senders of both kinds share. */
abstract class SenderBase<T> implements Droppable {
  /** @internal */
  constructor(/** @internal */ readonly chan: TokioChan<T>) {
    own(this, `${this.constructor.name} of ${chan.label}`);
    chan.senders.add(this);
  }

  /** Completes once the receiver is dropped or closed. */
  closed(): TokioFuture<void> {
    const exec = currentExecution('closed()');
    assertUsable(this, 'closed');
    return new TokioFuture(exec, new ClosedSel(this.chan));
  }

  closedBranch(): Selectable<void> {
    assertUsable(this, 'closedBranch');
    return new ClosedSel(this.chan);
  }

  /** Whether the receiver is dropped or closed (synchronous). */
  isClosed(): boolean {
    currentExecution('isClosed()').noteTouch(this.chan.id, true);
    return this.chan.rxClosed;
  }

  /** Whether two Senders send to the same channel. */
  sameChannel(other: SenderBase<T>): boolean {
    return other.chan === this.chan;
  }

  /** Another Sender of the same channel, owned by the calling task (synchronous, as tokio's). */
  clone(): this {
    const exec = currentExecution('clone()');
    assertUsable(this, 'clone');
    exec.noteTouch(this.chan.sendersId, false);
    return new (this.constructor as new (c: TokioChan<T>) => this)(this.chan);
  }

  [DROP](ctx: DropContext): void | Promise<void> {
    const c = this.chan;
    return endDrop(c as TokioChan<unknown>, ctx, (t) => {
      c.dropSender(this, t);
      c.exec.touched(c.id);
      const n = c.senders.size;
      return n === 0 ? `drop of the last Sender of ${c.label}: recv returns None once the buffer is drained` : `drop of a Sender of ${c.label} (${n} still live)`;
    }, true);
  }

  get channelName(): string {
    return this.chan.name;
  }
}

/** tokio's bounded `mpsc::Sender<T>`. */
export class Sender<T> extends SenderBase<T> {
  /** Send `value`, waiting while the channel is full; `Err(SendError(value))` once the receiver is gone. */
  send(value: T): TokioFuture<Result<void, SendError<T>>> {
    const exec = currentExecution('send()');
    checkSend(this, value, 'send');
    return new TokioFuture(exec, new SendSel(this.chan, value));
  }

  /** `send` as a `select` branch: when it loses, nothing was sent. */
  sendBranch(value: T): Selectable<Result<void, SendError<T>>> {
    checkSend(this, value, 'sendBranch');
    return new SendSel(this.chan, value);
  }

  /** Wait for a slot and hold it: `permit.send(v)` uses it, dropping the permit frees it. */
  reserve(): TokioFuture<Result<Permit<T>, SendError<void>>> {
    const exec = currentExecution('reserve()');
    assertUsable(this, 'reserve');
    return new TokioFuture(exec, new ReserveSel<T>(this.chan));
  }

  reserveBranch(): Selectable<Result<Permit<T>, SendError<void>>> {
    assertUsable(this, 'reserveBranch');
    return new ReserveSel<T>(this.chan);
  }

  /** Send without waiting (synchronous): `Err(Full(value))` with no free slot, `Err(Closed(value))` once the receiver is gone. */
  trySend(value: T): Result<void, TrySendError<T>> {
    const exec = currentExecution('trySend()');
    checkSend(this, value, 'trySend');
    const c = this.chan;
    exec.noteTouch(c.id, false);
    // It takes a permit only with nobody queued: like a joining, ordered with the joinings.
    for (const x of c.queueWrites) exec.noteTouch(x.id, false);
    const t = exec.running;
    if (c.rxClosed) {
      if (t) acquire(t, c.goneClock);
      return Err({ kind: 'Closed', value });
    }
    if (c.avail <= 0 || c.waiters.length > 0) return Err({ kind: 'Full', value });
    c.avail--;
    if (t) acquire(t, c.permitClock);
    c.push(t, value);
    exec.touched(c.id);
    return Ok(undefined);
  }

  /** Free slots now (synchronous). */
  capacity(): number {
    currentExecution('capacity()').noteTouch(this.chan.id, true);
    return this.chan.avail;
  }

  maxCapacity(): number {
    return this.chan.capacity;
  }
}

/** tokio's `mpsc::UnboundedSender<T>`: `send` never waits, and is synchronous as in tokio. */
export class UnboundedSender<T> extends SenderBase<T> {
  send(value: T): Result<void, SendError<T>> {
    const exec = currentExecution('send()');
    checkSend(this, value, 'send');
    const c = this.chan;
    exec.noteTouch(c.id, false);
    const t = exec.running;
    if (c.rxClosed) {
      if (t) acquire(t, c.goneClock);
      return Err(sendError(value));
    }
    c.push(t, value);
    exec.touched(c.id);
    return Ok(undefined);
  }
}

/** A slot reserved by `reserve()`: `send(v)` fills it (synchronous); dropping the permit frees it. */
export class Permit<T> implements Droppable {
  /** @internal */
  constructor(private readonly chan: TokioChan<T>) {
    own(this, `Permit of ${chan.label}`);
  }

  send(value: T): void {
    const exec = currentExecution('permit.send()');
    checkSend(this, value, 'permit.send');
    consume(this, 'permit.send', 'used by send');
    const c = this.chan;
    exec.noteTouch(c.id, false);
    if (c.rxClosed) return; // tokio: the value is dropped
    c.push(exec.running, value);
    exec.touched(c.id);
  }

  [DROP](ctx: DropContext): void | Promise<void> {
    const c = this.chan;
    return endDrop(c as TokioChan<unknown>, ctx, (t) => {
      c.freePermit(t);
      c.exec.touched(c.id);
      return `drop of a Permit of ${c.label}: its slot is free`;
    });
  }
}

/** tokio's `mpsc::Receiver<T>` (and `UnboundedReceiver<T>`). */
export class Receiver<T> implements Droppable, AsyncIterable<T> {
  /** @internal */
  constructor(private readonly chan: TokioChan<T>) {
    own(this, `Receiver of ${chan.label}`);
    chan.receiver = this;
  }

  /** The next value, or `undefined` (`None`) once every Sender is dropped (or the channel closed) and the buffer is drained. */
  recv(): TokioFuture<T | undefined> {
    const exec = currentExecution('recv()');
    assertUsable(this, 'recv');
    return new TokioFuture(exec, new RecvSel(this.chan));
  }

  /** `recv` as a `select` branch (cancel safe). */
  recvBranch(): Selectable<T | undefined> {
    assertUsable(this, 'recvBranch');
    return new RecvSel(this.chan);
  }

  /** A value if one is there now (synchronous): `Err(Empty)`, or `Err(Disconnected)` once no value can come. */
  tryRecv(): Result<T, TryRecvError> {
    const exec = currentExecution('tryRecv()');
    assertUsable(this, 'tryRecv');
    const c = this.chan;
    exec.noteTouch(c.id, false);
    exec.noteTouch(c.sendersId, false);
    const t = exec.running;
    const m = c.buf.shift();
    if (m) {
      const v = m.value;
      if (t) {
        acquire(t, m.clock);
        moveMessage(v, t, c);
      }
      c.recycle(m);
      c.freePermit(t);
      exec.touched(c.id);
      return Ok(v);
    }
    if (c.ended) {
      if (t) acquire(t, c.closeClock);
      return Err(DISCONNECTED);
    }
    return Err(EMPTY);
  }

  /** Close the receiving half (synchronous): sends fail from now on; buffered values can still be received. */
  close(): void {
    const exec = currentExecution('close()');
    assertUsable(this, 'close');
    exec.noteTouch(this.chan.id, false);
    this.chan.closeRx(exec.running, false);
    exec.touched(this.chan.id);
  }

  /** Values buffered now (synchronous). */
  len(): number {
    currentExecution('len()').noteTouch(this.chan.id, true);
    return this.chan.buf.length;
  }

  isEmpty(): boolean {
    return this.len() === 0;
  }

  isClosed(): boolean {
    const exec = currentExecution('isClosed()');
    exec.noteTouch(this.chan.id, true);
    exec.noteTouch(this.chan.sendersId, false);
    return this.chan.ended;
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => this.recv().then((v): IteratorResult<T> => (v === undefined ? { value: undefined, done: true } : { value: v, done: false })),
    };
  }

  [DROP](ctx: DropContext): void | Promise<void> {
    const c = this.chan;
    return endDrop(c as TokioChan<unknown>, ctx, (t) => {
      c.closeRx(t, true);
      c.exec.touched(c.id);
      return `drop of the Receiver of ${c.label}: sends fail from now on`;
    });
  }

  get channelName(): string {
    return this.chan.name;
  }
}

export type UnboundedReceiver<T> = Receiver<T>;

/** Options: a name for reports (simcc's own). */
export interface ChannelOptions {
  name?: string;
}

/** `tokio::sync::mpsc`. */
export const mpsc = {
  /** A bounded channel: `send` waits while `capacity` values are buffered or reserved. `channel(0)` panics, as tokio. */
  channel<T>(capacity: number, opts?: ChannelOptions | string): [Sender<T>, Receiver<T>] {
    currentExecution('mpsc.channel()');
    if (typeof capacity !== 'number' || !Number.isInteger(capacity) || capacity < 0) {
      throw new ScenarioError(`mpsc.channel(capacity): capacity must be a whole number > 0, got ${String(capacity)}`);
    }
    if (capacity === 0) throw makePanic('panic', 'mpsc bounded channel requires buffer > 0');
    const c = new TokioChan<T>(capacity, nameOf(opts));
    return [new Sender<T>(c), new Receiver<T>(c)];
  },
  /** An unbounded channel: `send` never waits (and is synchronous). */
  unboundedChannel<T>(opts?: ChannelOptions | string): [UnboundedSender<T>, Receiver<T>] {
    currentExecution('mpsc.unboundedChannel()');
    const c = new TokioChan<T>(Infinity, nameOf(opts));
    return [new UnboundedSender<T>(c), new Receiver<T>(c)];
  },
};

// `using x = …` drops a channel end at the end of the block (synchronously, as Rust's scope end).
installDispose(Sender.prototype);
installDispose(UnboundedSender.prototype);
installDispose(Permit.prototype);
installDispose(Receiver.prototype);

/** The channel's types under the module's name, as in Rust (`mpsc::Sender<T>`, `mpsc::Receiver<T>`). */
// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace mpsc {
  export type Sender<T> = import('./mpsc.js').Sender<T>;
  export type Receiver<T> = import('./mpsc.js').Receiver<T>;
}
