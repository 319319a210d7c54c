/**
 * std::sync::mpsc for the 'simcc/rust' flavour (shared/scenario-api.md §2b): `mpsc.channel()` (unbounded),
 * `mpsc.syncChannel(bound)` (bounded; 0 is a rendezvous), Sender/SyncSender/Receiver with ownership and
 * drop, and std's Results and error enums. The queue itself is core/queue-core.ts (Go's channel uses it too).
 *
 * Semantics, as std documents them:
 * - `send` never blocks on `channel()`; on `syncChannel(n)` it blocks while n values are buffered; with
 *   bound 0 it completes when a receive takes the value (the two meet in one step, as Go's unbuffered
 *   channel). Once the Receiver is dropped every send returns `Err(SendError(value))`, a blocked one too.
 * - `recv` returns buffered values even after every Sender is dropped, then `Err(RecvError)`.
 *   Dropping the last Sender (a clone is a Sender too) disconnects: a blocked recv wakes with the Err.
 * - `tryRecv` (Empty / Disconnected), `recvTimeout(ms)` (Timeout / Disconnected; virtual time: a timer
 *   that may fire at any scheduling point, as every timer), `trySend` (Full / Disconnected, each with the
 *   value), `tx.clone()` (synchronous), `for await (const v of rx)`, `rx.iter()`, `rx.tryIter()`.
 *
 * Waiting is not a step (as for Go's channels): a blocked operation is enabled exactly when it can
 * complete. On a rendezvous channel a recv (or recvTimeout) parks (`arrive`) and the sender's step
 * hands the value over; a tryRecv takes a parked send itself.
 *
 * Ownership: a message is moved (Rust's send takes it by value): the owned values it carries (a Sender,
 * a JoinHandle…, or such values in an array or plain object) belong to nobody while buffered, then to
 * the receiving thread; a failed send hands them back; dropping the Receiver drops those still buffered.
 *
 * Happens-before: a send → the receive that gets its value (buffer slot clocks; a rendezvous both
 * ways); every Sender drop → the receive that sees the disconnection (the queue's close clock); the
 * Receiver drop → a send that fails because of it.
 *
 * Dependence (DPOR): sends, receives and the Receiver's drop write the channel (on a rendezvous, also
 * the sets of parked senders and receivers, as Go's channel does). The live-Sender count is an object of
 * its own (`sendersObj`), role-swapped like a WaitGroup's counter: a Sender's drop only decrements it
 * ("reads": drops commute with each other and with sends), a clone and every step that observes the
 * disconnection (a recv that returns Err, tryRecv, recvTimeout) "write" it, so they are ordered with
 * every drop. That keeps n senders × one receiver on a rendezvous at exactly n! executions.
 * recvTimeout's timer is never cancelled; its firing and the step that ends the wait both write an
 * object of that receive's own, so the two are ordered whichever comes first (a firing after the
 * receive completed does nothing). The footprints are checked against brute force (mpsc-dpor.test.ts).
 */
import { VectorClock } from '../../runtime/clock.js';
import { currentExecution } from '../../runtime/current.js';
import { ScenarioError } from '../../runtime/errors.js';
import { NO_TOUCH, Op, receiversWaitingOn, sendersWaitingOn, type SimObjectRef, type Touch } from '../../runtime/op.js';
import { acquire, release } from '../../runtime/sync.js';
import type { Thread } from '../../runtime/thread.js';
import type { Timer } from '../../runtime/timers.js';
import { checkName, SimObject } from '../core/object.js';
import { QueueCore, type Wakeable } from '../core/queue-core.js';
import { assertUsable, disposeValue, DROP, isDropped, isOwned, own, ownerOf, transferOwnership, type DropContext, type Droppable } from './ownership.js';
import { Err, Ok, type Result } from './result.js';
import { blockingCall } from '../core/blocking-call.js';

// ---- errors ---------------------------------------------------------------------------------------

/** `SendError<T>`: the value could not be sent (the Receiver is gone); it is handed back. Debug: `SendError { .. }`. */
export interface SendError<T> {
  readonly kind: 'SendError';
  readonly value: T;
  /** Rust's `.0`. */
  readonly 0: T;
}
/** `RecvError`: every Sender is gone and the buffer is empty. */
export interface RecvError {
  readonly kind: 'RecvError';
}
export type TryRecvError = { readonly kind: 'Empty' } | { readonly kind: 'Disconnected' };
export type RecvTimeoutError = { readonly kind: 'Timeout' } | { readonly kind: 'Disconnected' };
export type TrySendError<T> = { readonly kind: 'Full'; readonly value: T } | { readonly kind: 'Disconnected'; readonly value: T };

function sendError<T>(value: T): SendError<T> {
  const e = { kind: 'SendError' as const, value } as SendError<T>;
  Object.defineProperty(e, 0, { value, enumerable: false });
  return e;
}

const RECV_ERROR: RecvError = Object.freeze({ kind: 'RecvError' as const });
const EMPTY = Object.freeze({ kind: 'Empty' as const });
const DISCONNECTED = Object.freeze({ kind: 'Disconnected' as const });
const TIMEOUT = Object.freeze({ kind: 'Timeout' as const });

/**
 * The owned values (a Sender, a JoinHandle, a guard…) a message carries, which a send moves (Rust moves
 * the whole message): the message itself, or the owned elements of an array or plain object message.
 */
function ownedParts(v: unknown): object[] {
  if (typeof v !== 'object' || v === null) return [];
  if (isOwned(v)) return [v];
  const proto = Object.getPrototypeOf(v) as unknown;
  if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) return [];
  return Object.values(v as object).filter((x): x is object => isOwned(x));
}

// ---- the channel ----------------------------------------------------------------------------------

/** One std channel: the queue, its live Senders, its Receiver. Reports call it "channel 'name'". */
export class MpscChannel<T> extends SimObject {
  readonly typeName = 'std::sync::mpsc::channel';
  readonly core: QueueCore<T, MpscWaiter>;
  /** The live-Sender count, as an object of its own for dependence (see the header). */
  readonly sendersObj: SimObjectRef;
  /** The live Sender and SyncSender handles. */
  readonly senders = new Set<object>();
  receiver: object | null = null;
  /** Released by the Receiver's drop; acquired by a send that fails because of it. */
  readonly goneClock = new VectorClock();

  constructor(
    /** null: unbounded (`channel()`); 0: rendezvous. */
    readonly bound: number | null,
    name: string | undefined,
  ) {
    super(bound === null ? 'mpsc.channel()' : 'mpsc.syncChannel()', name, 'mpsc');
    this.core = new QueueCore<T, MpscWaiter>(this, bound ?? Infinity);
    this.sendersObj = { id: this.exec.newObjectId(), name: `Senders of channel '${this.name}'`, typeName: 'std::sync::mpsc::Sender' };
  }

  override get label(): string {
    return `channel '${this.name}'`;
  }

  get rendezvous(): boolean {
    return this.bound === 0;
  }

  /** Every Sender dropped. */
  get disconnected(): boolean {
    return this.core.closed;
  }

  get receiverGone(): boolean {
    return this.core.receiverGone;
  }

  /** What kind of channel, for reports. */
  get what(): string {
    return this.bound === null ? 'unbounded' : this.bound === 0 ? 'sync_channel(0), a rendezvous' : `sync_channel(${this.bound})`;
  }

  /** A message goes into the channel (buffered): the owned values it carries are in transit. */
  moveIn(value: unknown, to: Thread | null = null): void {
    for (const p of ownedParts(value)) transferOwnership(p, to, `channel '${this.name}'`);
  }

  /** A message comes out of the channel to `t`: the owned values it carries are now `t`'s. */
  moveOut(value: unknown, t: Thread): void {
    for (const p of ownedParts(value)) transferOwnership(p, t, `channel '${this.name}'`);
  }

  /** A Sender ends (`t` drops it): the last one disconnects the channel. */
  dropSender(handle: object, t: Thread | null, at: string | undefined): void {
    if (!this.senders.delete(handle)) return;
    if (this.senders.size === 0) this.core.close(t, at);
    else if (t) release(t, this.core.closeClock);
  }

  /** The Receiver ends: sends fail from now on (a blocked one too). */
  dropReceiver(t: Thread | null): void {
    if (this.core.receiverGone) return;
    if (t) release(t, this.goneClock);
    this.core.closeReceiving();
    // As std (crossbeam's disconnect_receivers), the messages still buffered are dropped now: a Sender
    // among them ends (it may disconnect another channel), synchronously, as at the end of a scope.
    const left = this.core.buffered();
    while (this.core.drop());
    for (const v of left) {
      for (const p of ownedParts(v)) {
        if (t) transferOwnership(p, t, `channel '${this.name}'`);
        disposeValue(p);
      }
    }
  }

  /** Who holds the live Senders, for reports about `self` waiting on this channel. */
  holdersOfSenders(self: Thread): string {
    const n = this.senders.size;
    if (n === 0) return `${this.label} has no live Sender left`;
    const by = new Map<Thread | null, number>();
    for (const s of this.senders) {
      const o = ownerOf(s);
      by.set(o, (by.get(o) ?? 0) + 1);
    }
    const parts = [...by].map(([u, k]) => `${u ? `'${u.name}' (${stateOf(this, u, self)})` : 'no thread'}${k > 1 ? ` ×${k}` : ''}`);
    const mine = by.has(self);
    return `its live Sender${n === 1 ? ' is' : 's are'} held by ${parts.join(', ')}${
      mine ? `: a recv waits until every Sender is dropped, including the one '${self.name}' holds (drop it before receiving)` : ''
    }`;
  }

  /** Who holds the Receiver, for reports about a send waiting on this channel. */
  holderOfReceiver(self: Thread): string {
    if (this.receiver === null || isDropped(this.receiver)) return `the Receiver of ${this.label} is gone`;
    const u = ownerOf(this.receiver);
    return `its Receiver is held by ${u ? `'${u.name}' (${stateOf(this, u, self)})` : 'no thread'}`;
  }
}

function stateOf(ch: MpscChannel<unknown>, u: Thread, self: Thread): string {
  if (u === self) return 'itself';
  if (u.finished) return 'finished';
  const p = u.pending;
  if (p !== null && u !== ch.exec.running && !p.enabled()) return `blocked in ${p.describe()}`;
  return 'running';
}

/** A waiting operation a partner (or a timer) completes. */
type MpscWaiter = Wakeable & Op<unknown>;

function ch(chan: MpscChannel<unknown>, read = false): Touch {
  return { id: chan.id, read };
}

// ---- operations -----------------------------------------------------------------------------------

class SendOp<T> extends Op<Result<void, SendError<T>>> implements Wakeable {
  readonly kind = 'send' as const;
  woken = false;
  private failed = false;
  constructor(
    readonly obj: MpscChannel<T>,
    private readonly sent: T,
  ) {
    super(obj.exec);
  }
  override enabled(): boolean {
    const c = this.obj;
    if (this.woken || c.receiverGone || c.bound === null) return true;
    return c.bound > 0 ? c.core.hasRoom : c.core.hasReceiverFor(this as MpscWaiter);
  }
  override arrive(): void {
    if (this.obj.rendezvous) this.obj.core.parkSender({ op: this as MpscWaiter, caseIndex: 0, value: this.sent });
  }
  override arrival(): readonly Touch[] {
    return this.obj.rendezvous ? [{ id: sendersWaitingOn(this.obj.id), read: true }] : NO_TOUCH;
  }
  override footprint(): readonly Touch[] {
    if (this.woken) return NO_TOUCH;
    const id = this.obj.id;
    return this.obj.rendezvous ? [ch(this.obj), { id: sendersWaitingOn(id), read: true }, { id: receiversWaitingOn(id), read: false }] : [ch(this.obj)];
  }
  override waitedOn(): readonly Touch[] {
    return [ch(this.obj)];
  }
  wake(): void {
    this.exec.completedFor.push(this.thread.id);
    this.woken = true;
  }
  step(): boolean {
    const c = this.obj;
    const t = this.thread;
    if (this.woken) return this.complete(Ok(undefined));
    if (c.receiverGone) {
      acquire(t, c.goneClock);
      this.failed = true;
      return this.complete(Err(sendError(this.sent)));
    }
    if (c.rendezvous) {
      const r = c.core.chooseReceiver(this as MpscWaiter)!;
      c.moveIn(this.sent, r.op.thread);
      c.core.handTo(t, r, this.sent);
    } else {
      c.moveIn(this.sent);
      c.core.push(t, this.sent);
    }
    return this.complete(Ok(undefined));
  }
  describe(): string {
    const c = this.obj;
    if (c.rendezvous) return `send on ${c.label} (a rendezvous: waits for a recv)`;
    if (c.bound !== null && !c.core.hasRoom) return `send on ${c.label} (full: ${c.core.count} of ${c.bound})`;
    return `send on ${c.label}`;
  }
  override traced(): string {
    if (this.failed) return `send on ${this.obj.label} → Err(SendError): the Receiver is gone`;
    return this.woken ? `send on ${this.obj.label} (taken by a tryRecv)` : `send on ${this.obj.label}`;
  }
  override explain(): string[] {
    return [this.obj.holderOfReceiver(this.thread)];
  }
}

class TrySendOp<T> extends Op<Result<void, TrySendError<T>>> {
  readonly kind = 'trySend' as const;
  private said = '';
  constructor(
    readonly obj: MpscChannel<T>,
    private readonly sent: T,
  ) {
    super(obj.exec);
  }
  override footprint(): readonly Touch[] {
    return this.obj.rendezvous ? [ch(this.obj), { id: receiversWaitingOn(this.obj.id), read: false }] : [ch(this.obj)];
  }
  step(): boolean {
    const c = this.obj;
    const t = this.thread;
    if (c.receiverGone) {
      acquire(t, c.goneClock);
      this.said = 'Err(Disconnected)';
      return this.complete(Err({ kind: 'Disconnected', value: this.sent }));
    }
    if (c.rendezvous) {
      const r = c.core.chooseReceiver(null);
      if (r) {
        c.moveIn(this.sent, r.op.thread);
        c.core.handTo(t, r, this.sent);
        this.said = 'Ok';
        return this.complete(Ok(undefined));
      }
    } else if (c.core.hasRoom) {
      c.moveIn(this.sent);
      c.core.push(t, this.sent);
      this.said = 'Ok';
      return this.complete(Ok(undefined));
    }
    this.said = 'Err(Full)';
    return this.complete(Err({ kind: 'Full', value: this.sent }));
  }
  describe(): string {
    return `trySend on ${this.obj.label}`;
  }
  override traced(): string {
    return `trySend on ${this.obj.label} → ${this.said}`;
  }
}

/** Rendezvous channels: a receive parked at one (a recv, a recvTimeout) that a send completes. */
abstract class ParkedRecv<T, R> extends Op<R> implements Wakeable {
  woken = false;
  protected got: { value: T } | null = null;
  constructor(readonly obj: MpscChannel<T>) {
    super(obj.exec);
  }
  wake(_caseIndex: number, _how: 'value' | 'sent' | 'closed', value?: unknown): void {
    this.exec.completedFor.push(this.thread.id);
    this.woken = true;
    this.got = { value: value as T };
    this.onWoken();
  }
  protected onWoken(): void {}
  override waitedOn(): readonly Touch[] {
    return [ch(this.obj)];
  }
  /** Take a value now: the buffer's oldest; on a rendezvous, a parked send (a recorded choice among them). */
  protected takeNow(t: Thread): { value: T } | null {
    const core = this.obj.core;
    let got: { value: T } | null = null;
    if (core.count > 0) got = { value: core.shift(t) };
    else if (this.obj.rendezvous) {
      const ss = core.sendersFor(this as MpscWaiter);
      if (ss.length > 0) got = { value: core.takeFrom(t, ss[ss.length > 1 ? this.exec.choose('sender', ss.length) : 0]!) as T };
    }
    if (got) this.obj.moveOut(got.value, t);
    return got;
  }
  override explain(): string[] {
    return [this.obj.holdersOfSenders(this.thread)];
  }
}

class RecvOp<T> extends ParkedRecv<T, Result<T, RecvError>> {
  readonly kind = 'recv' as const;
  private result: Result<T, RecvError> | null = null;
  override enabled(): boolean {
    const c = this.obj;
    return this.woken || c.core.count > 0 || c.disconnected;
  }
  override arrive(): void {
    if (this.obj.rendezvous) this.obj.core.parkReceiver({ op: this as MpscWaiter, caseIndex: 0 });
  }
  override arrival(): readonly Touch[] {
    return this.obj.rendezvous ? [{ id: receiversWaitingOn(this.obj.id), read: true }] : NO_TOUCH;
  }
  override footprint(): readonly Touch[] {
    if (this.woken) return NO_TOUCH;
    const c = this.obj;
    const out: Touch[] = [ch(c)];
    if (c.core.count === 0 && c.disconnected) out.push({ id: c.sendersObj.id, read: false });
    if (c.rendezvous) out.push({ id: receiversWaitingOn(c.id), read: true });
    return out;
  }
  step(): boolean {
    const c = this.obj;
    const t = this.thread;
    if (this.woken) return this.finish(Ok(this.got!.value));
    if (c.core.count > 0) {
      const v = c.core.shift(t);
      c.moveOut(v, t);
      return this.finish(Ok(v));
    }
    c.core.acquireClose(t);
    return this.finish(Err(RECV_ERROR));
  }
  private finish(r: Result<T, RecvError>): true {
    this.result = r;
    return this.complete(r);
  }
  describe(): string {
    return `recv of ${this.obj.label}`;
  }
  override traced(): string {
    const r = this.result;
    if (!r) return `recv of ${this.obj.label}`;
    return r.ok ? `recv of ${this.obj.label} → ${short(r.value)}` : `recv of ${this.obj.label} → Err(RecvError): every Sender is gone`;
  }
}

class TryRecvOp<T> extends ParkedRecv<T, Result<T, TryRecvError>> {
  readonly kind = 'tryRecv' as const;
  private result: Result<T, TryRecvError> | null = null;
  override footprint(): readonly Touch[] {
    const c = this.obj;
    const out: Touch[] = [ch(c), { id: c.sendersObj.id, read: false }];
    if (c.rendezvous) out.push({ id: sendersWaitingOn(c.id), read: false });
    return out;
  }
  step(): boolean {
    const c = this.obj;
    const t = this.thread;
    const got = this.takeNow(t);
    let r: Result<T, TryRecvError>;
    if (got) r = Ok(got.value);
    else if (c.disconnected) {
      c.core.acquireClose(t);
      r = Err(DISCONNECTED);
    } else r = Err(EMPTY);
    this.result = r;
    return this.complete(r);
  }
  describe(): string {
    return `tryRecv of ${this.obj.label}`;
  }
  override traced(): string {
    const r = this.result;
    if (!r) return this.describe();
    return `tryRecv of ${this.obj.label} → ${r.ok ? short(r.value) : `Err(${r.error.kind})`}`;
  }
}

/**
 * Two steps, as a sleep: the first takes a value if one is there (or sees the disconnection), else
 * starts the timer (and, on a rendezvous, parks); the second comes once a value, the disconnection or
 * the timer is there.
 */
class RecvTimeoutOp<T> extends ParkedRecv<T, Result<T, RecvTimeoutError>> {
  readonly kind = 'recvTimeout' as const;
  private timer: Timer | null = null;
  private timeoutId = 0;
  private expired = false;
  private result: Result<T, RecvTimeoutError> | null = null;
  constructor(
    obj: MpscChannel<T>,
    private readonly ms: number,
  ) {
    super(obj);
  }
  override enabled(): boolean {
    const c = this.obj;
    return this.timer === null || this.woken || this.expired || c.core.count > 0 || c.disconnected;
  }
  override footprint(): readonly Touch[] {
    const c = this.obj;
    // Its timer's firing writes `timeoutId`, and so does the step that ends the wait, so that the two
    // are ordered whichever comes first (the firing may change what the step returns).
    const timeout: Touch[] = this.timeoutId ? [{ id: this.timeoutId, read: false }] : [];
    if (this.woken && !this.expired) return timeout;
    const out: Touch[] = [ch(c), { id: c.sendersObj.id, read: false }, ...timeout];
    if (c.rendezvous) out.push({ id: sendersWaitingOn(c.id), read: false }, { id: receiversWaitingOn(c.id), read: true });
    return out;
  }
  step(): boolean {
    const c = this.obj;
    const t = this.thread;
    if (this.woken && !this.expired) return this.finish(Ok(this.got!.value));
    const got = this.takeNow(t);
    if (got) return this.finish(Ok(got.value));
    if (c.disconnected) {
      c.core.acquireClose(t);
      return this.finish(Err(DISCONNECTED));
    }
    if (this.expired || this.ms <= 0) return this.finish(Err(TIMEOUT));
    const exec = this.exec;
    // The timer is never cancelled (as a sleep's): once the receive has completed, its firing does
    // nothing. (Cancelling it would make the receive's step disable the firing, an order the explorers
    // cannot reverse.) Firing touches nothing shared, only this receive's own timeout object (see
    // footprint); on a rendezvous it also ends the receive's parking, which the explorers see as the
    // disabling of a send that had it as its partner.
    this.timeoutId = exec.newObjectId();
    this.timer = exec.timers.add(exec.time + this.ms, `recvTimeout(${this.ms}) of ${c.label} by '${t.name}' times out`, () => this.expire(), [{ id: this.timeoutId, read: false }], t.key);
    if (c.rendezvous) c.core.parkReceiver({ op: this as MpscWaiter, caseIndex: 0 });
    return false;
  }
  private expire(): void {
    if (this.woken || this.result) return;
    this.expired = true;
    // No longer a partner for a send on a rendezvous (QueueCore prunes woken entries).
    this.woken = true;
    this.exec.retest(this.thread);
  }
  private finish(r: Result<T, RecvTimeoutError>): true {
    this.result = r;
    return this.complete(r);
  }
  describe(): string {
    return this.timer ? `recvTimeout(${this.ms}) of ${this.obj.label} until ${this.timer.deadline} ms` : `recvTimeout(${this.ms}) of ${this.obj.label}`;
  }
  override traced(): string {
    const r = this.result;
    if (!r) return `recvTimeout(${this.ms}) of ${this.obj.label}: waits`;
    return `recvTimeout(${this.ms}) of ${this.obj.label} → ${r.ok ? short(r.value) : `Err(${r.error.kind})`}`;
  }
}

/** The drop of a Sender or of the Receiver, as its own step. */
class DropEndOp extends Op<void> {
  readonly kind = 'drop' as const;
  constructor(
    readonly obj: MpscChannel<unknown>,
    private readonly handle: object,
    private readonly end: 'Sender' | 'Receiver',
  ) {
    super(obj.exec);
  }
  /** A Sender's drop decrements the live count ("reads" it: drops commute); the Receiver's writes the channel. */
  override footprint(): readonly Touch[] {
    return this.end === 'Sender' ? [{ id: this.obj.sendersObj.id, read: true }] : [ch(this.obj)];
  }
  step(): boolean {
    if (this.end === 'Sender') this.obj.dropSender(this.handle, this.thread, this.at);
    else this.obj.dropReceiver(this.thread);
    return this.complete(undefined);
  }
  describe(): string {
    return `drop of a ${this.end} of ${this.obj.label}`;
  }
  override traced(): string {
    if (this.end === 'Receiver') return `drop of the Receiver of ${this.obj.label}: sends fail from now on`;
    const n = this.obj.senders.size;
    return n === 0 ? `drop of the last Sender of ${this.obj.label}: disconnected` : `drop of a Sender of ${this.obj.label} (${n} still live)`;
  }
}

function short(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 30 ? v.slice(0, 30) + '…' : v);
  if (v === null || typeof v !== 'object') return String(v);
  return Array.isArray(v) ? `[${v.length} items]` : '{…}';
}

function endDrop(chan: MpscChannel<unknown>, handle: object, end: 'Sender' | 'Receiver', ctx: DropContext): void | Promise<void> {
  if (ctx.sync) {
    // `using`: synchronously, in the thread's code (not a scheduling point).
    chan.exec.noteTouch(end === 'Sender' ? chan.sendersObj.id : chan.id, end === 'Sender');
    if (end === 'Sender') chan.dropSender(handle, ctx.thread, undefined);
    else chan.dropReceiver(ctx.thread);
    chan.exec.touched(chan.id);
    return;
  }
  return new DropEndOp(chan, handle, end);
}

// ---- handles --------------------------------------------------------------------------------------

/** `std::sync::mpsc::Sender<T>`: owned by the thread that made it (or got it by `move`). */
export class Sender<T> implements Droppable {
  /** @internal */
  constructor(protected readonly chan: MpscChannel<T>) {
    own(this, `${this.constructor.name} of ${chan.label}`);
    chan.senders.add(this);
  }

  /** Send `value`: `Err(SendError(value))` once the Receiver is gone. Never blocks on `channel()`. */
  send(value: T): Promise<Result<void, SendError<T>>> {
    currentExecution('send()');
    assertUsable(this, 'send');
    for (const p of ownedParts(value)) assertUsable(p, 'send (the value sent)');
    return blockingCall(new SendOp(this.chan, value), 'std SyncSender::send');
  }

  /** Another Sender of the same channel, owned by the calling thread (synchronous: no scheduling point). */
  clone(): this {
    const exec = currentExecution('clone()');
    assertUsable(this, 'clone');
    exec.noteTouch(this.chan.sendersObj.id, false);
    return new (this.constructor as new (c: MpscChannel<T>) => this)(this.chan);
  }

  [DROP](ctx: DropContext): void | Promise<void> {
    return endDrop(this.chan as MpscChannel<unknown>, this, 'Sender', ctx);
  }

  /** The channel's name (for tests and reports). */
  get channelName(): string {
    return this.chan.name;
  }
}

/** `std::sync::mpsc::SyncSender<T>`: a Sender of a bounded channel, with `trySend`. */
export class SyncSender<T> extends Sender<T> {
  /** Send without blocking: `Err(Full(value))` when there is no room (no waiting recv on a rendezvous), `Err(Disconnected(value))` once the Receiver is gone. */
  trySend(value: T): Promise<Result<void, TrySendError<T>>> {
    currentExecution('trySend()');
    assertUsable(this, 'trySend');
    for (const p of ownedParts(value)) assertUsable(p, 'trySend (the value sent)');
    return new TrySendOp(this.chan, value);
  }
}

/** `std::sync::mpsc::Receiver<T>`: the one consumer; `for await (const v of rx)` ends when every Sender is gone. */
export class Receiver<T> implements Droppable, AsyncIterable<T> {
  /** @internal */
  constructor(private readonly chan: MpscChannel<T>) {
    own(this, `Receiver of ${chan.label}`);
    chan.receiver = this;
  }

  /** Block until a value arrives (`Ok`), or every Sender is gone and the buffer is empty (`Err(RecvError)`). */
  recv(): Promise<Result<T, RecvError>> {
    currentExecution('recv()');
    assertUsable(this, 'recv');
    return blockingCall(new RecvOp<T>(this.chan), 'std Receiver::recv');
  }

  /** A value if one is there now: `Err(Empty)`, or `Err(Disconnected)` once every Sender is gone and the buffer is empty. */
  tryRecv(): Promise<Result<T, TryRecvError>> {
    currentExecution('tryRecv()');
    assertUsable(this, 'tryRecv');
    return new TryRecvOp<T>(this.chan);
  }

  /** As recv, but `Err(Timeout)` after `ms` of virtual time. */
  recvTimeout(ms: number): Promise<Result<T, RecvTimeoutError>> {
    currentExecution('recvTimeout()');
    if (typeof ms !== 'number' || Number.isNaN(ms)) throw new ScenarioError(`recvTimeout needs a number of milliseconds, got ${String(ms)}`);
    assertUsable(this, 'recvTimeout');
    return blockingCall(new RecvTimeoutOp<T>(this.chan, ms), 'std Receiver::recv_timeout');
  }

  /** Rust's `rx.iter()`: the values until every Sender is gone (each step a recv). */
  iter(): AsyncIterable<T> {
    assertUsable(this, 'iter');
    return { [Symbol.asyncIterator]: () => this[Symbol.asyncIterator]() };
  }

  /** Rust's `rx.try_iter()`: the values there now, without blocking (each step a tryRecv). */
  tryIter(): AsyncIterable<T> {
    assertUsable(this, 'tryIter');
    return {
      [Symbol.asyncIterator]: () => ({
        next: () => this.tryRecv().then((r): IteratorResult<T> => (r.ok ? { value: r.value, done: false } : { value: undefined, done: true })),
      }),
    };
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => this.recv().then((r): IteratorResult<T> => (r.ok ? { value: r.value, done: false } : { value: undefined, done: true })),
    };
  }

  [DROP](ctx: DropContext): void | Promise<void> {
    return endDrop(this.chan as MpscChannel<unknown>, this, 'Receiver', ctx);
  }

  get channelName(): string {
    return this.chan.name;
  }
}

/** Options of `mpsc.channel` / `mpsc.syncChannel` (simcc's own: std has none): a name for reports. */
export interface ChannelOptions {
  name?: string;
}

function options(what: string, opts: unknown): ChannelOptions {
  if (opts === undefined) return {};
  if (typeof opts === 'string') return { name: opts };
  if (typeof opts !== 'object' || opts === null) throw new ScenarioError(`${what}: options must be { name }`);
  checkName(what, (opts as ChannelOptions).name);
  return opts as ChannelOptions;
}

/** `std::sync::mpsc`. */
export const mpsc = {
  /** An unbounded channel: send never blocks. */
  channel<T>(opts?: ChannelOptions | string): [Sender<T>, Receiver<T>] {
    currentExecution('mpsc.channel()');
    const c = new MpscChannel<T>(null, options('mpsc.channel()', opts).name);
    return [new Sender<T>(c), new Receiver<T>(c)];
  },
  /** A bounded channel: send blocks while `bound` values wait; `bound` 0 is a rendezvous. */
  syncChannel<T>(bound: number, opts?: ChannelOptions | string): [SyncSender<T>, Receiver<T>] {
    currentExecution('mpsc.syncChannel()');
    if (typeof bound !== 'number' || !Number.isInteger(bound) || bound < 0) {
      throw new ScenarioError(`mpsc.syncChannel(bound): bound must be a whole number ≥ 0, got ${String(bound)}`);
    }
    const c = new MpscChannel<T>(bound, options('mpsc.syncChannel()', opts).name);
    return [new SyncSender<T>(c), new Receiver<T>(c)];
  },
};
