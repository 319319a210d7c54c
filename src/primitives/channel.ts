/**
 * Go channels: unbuffered (rendezvous), buffered, nil; close; len/cap; `for await` ranging.
 *
 * The algorithm is Go's runtime.chansend/chanrecv/closechan: FIFO queues of blocked senders and
 * receivers, a waiting receiver takes the value straight from the sender, a receive from a full
 * buffered channel with blocked senders takes the head and moves the first sender's value to the
 * tail, close wakes every receiver (zero value, ok false) and every sender (which then panics).
 * A blocked operation is completed by its partner and finishes in its own next step.
 *
 * Happens-before, as Go's race detector annotates chan.go:
 * - each buffer slot has a clock; a send or receive through slot i acquires and releases it, which
 *   gives "send before the receive completes" and "the k-th receive before the (k+C)-th send
 *   completes" (a channel used as a semaphore or lock raises no false race);
 * - an unbuffered hand-off synchronises both ways (the receive happens-before the send completes);
 * - close releases the channel's clock, a receive that returns because of it acquires it;
 * - close is a write of the channel, send/len/cap are reads: a send not ordered with a close races.
 */
import { reportRace, VarState } from '../detectors/race.js';
import { VectorClock } from '../runtime/clock.js';
import { GoPanic, ScenarioError } from '../runtime/errors.js';
import { Op } from '../runtime/op.js';
import type { Thread } from '../runtime/thread.js';
import { SimObject } from './object.js';

/** A blocked operation (a send, a receive or a select) that a partner completes. */
export interface Wakeable {
  readonly thread: Thread;
  /** Set once a channel operation or close has completed it; other queues then skip it. */
  woken: boolean;
  /** Completed on case `caseIndex` with a received value, as sent, or by close. */
  wake(caseIndex: number, how: 'value' | 'sent' | 'closed', value?: unknown): void;
}

export interface Waiter {
  readonly op: Wakeable;
  readonly caseIndex: number;
  /** For a blocked sender: the value it sends. */
  readonly value?: unknown;
}

/** One goroutine's part in the clock exchange: `to` acquires what `from` released. */
function transfer(from: Thread, to: Thread): void {
  to.clock.join(from.clock);
  from.clock.tick(from.id);
}

export class Channel<T = unknown> extends SimObject implements AsyncIterable<T> {
  readonly typeName = 'chan';
  readonly capacity: number;
  readonly isNil: boolean;
  closed = false;
  readonly buf: T[] = [];
  readonly recvq: Waiter[] = [];
  readonly sendq: Waiter[] = [];
  /** Goroutines that sent on, received from or closed it: who could still reach the other end. */
  readonly users = new Map<number, Thread>();
  private readonly slots: VectorClock[];
  private sendx = 0;
  private recvx = 0;
  private readonly closeClock = new VectorClock();
  private readonly race = new VarState();
  closedAt: string | undefined;

  constructor(capacity = 0, opts: { name?: string } = {}, nil = false) {
    super(nil ? 'Channel.nil()' : 'new Channel()', opts.name, nil ? 'nilchan' : 'ch');
    if (!Number.isInteger(capacity) || capacity < 0) throw new ScenarioError(`makechan: size out of range (${String(capacity)})`);
    this.capacity = capacity;
    this.isNil = nil;
    this.slots = Array.from({ length: capacity }, () => new VectorClock());
  }

  /** Go's nil channel: send and receive block forever, close panics. */
  static nil<T>(name?: string): Channel<T> {
    return new Channel<T>(0, { name: name ?? 'nil' }, true);
  }

  override get label(): string {
    return this.isNil ? 'nil channel' : `channel '${this.name}'`;
  }

  send(value: T): Promise<void> {
    return new SendOp(this, value);
  }

  recv(): Promise<T | undefined> {
    return new RecvOp(this, false) as Promise<T | undefined>;
  }

  recvOk(): Promise<{ value: T | undefined; ok: boolean }> {
    return new RecvOp(this, true) as Promise<{ value: T | undefined; ok: boolean }>;
  }

  close(): Promise<void> {
    return new CloseOp(this);
  }

  len(): Promise<number> {
    return new InspectOp(this, 'len');
  }

  cap(): Promise<number> {
    return new InspectOp(this, 'cap');
  }

  recvCase(): SelectCase<T> {
    return { ch: this as Channel<unknown>, dir: 'recv' };
  }

  sendCase(value: T): SelectCase<T> {
    return { ch: this as Channel<unknown>, dir: 'send', value };
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => this.recvOk().then(({ value, ok }) => (ok ? { value: value as T, done: false } : { value: undefined, done: true })),
    };
  }

  // ---- the runtime algorithm (called from operation steps, by the goroutine `t`) -------------

  /** Remember `t` as one of the goroutines that can reach this channel. */
  use(t: Thread): void {
    if (!this.users.has(t.id)) this.users.set(t.id, t);
  }

  /** A send or len/cap: a read of the channel for the race detector; false if it raced. */
  checkRead(t: Thread, at: string | undefined): boolean {
    const c = this.race.read(t, this.exec.steps, at);
    if (c) reportRace(this.exec, this.label, t, 'read', at, c);
    return !c;
  }

  private firstLive(q: Waiter[]): Waiter | undefined {
    while (q.length > 0 && q[0]!.op.woken) q.shift();
    return q[0];
  }

  /** Can a send proceed now (or panic because the channel is closed)? */
  canSend(): boolean {
    return !this.isNil && (this.closed || this.firstLive(this.recvq) !== undefined || this.buf.length < this.capacity);
  }

  /** Can a receive proceed now? */
  canRecv(): boolean {
    return !this.isNil && (this.closed || this.firstLive(this.sendq) !== undefined || this.buf.length > 0);
  }

  private slotSync(t: Thread, i: number): void {
    const slot = this.slots[i]!;
    t.clock.join(slot);
    slot.join(t.clock);
    t.clock.tick(t.id);
  }

  /** Send now if it can (canSend() was true). Throws the panic of a send on a closed channel. */
  sendNow(t: Thread, value: unknown, at: string | undefined): void {
    this.use(t);
    if (!this.checkRead(t, at)) return;
    if (this.closed) throw new GoPanic('send-on-closed-channel', 'send on closed channel');
    const r = this.firstLive(this.recvq);
    if (r !== undefined) {
      this.recvq.shift();
      transfer(t, r.op.thread);
      transfer(r.op.thread, t);
      r.op.wake(r.caseIndex, 'value', value);
      return;
    }
    this.slotSync(t, this.sendx);
    this.sendx = (this.sendx + 1) % this.capacity;
    this.buf.push(value as T);
  }

  /** Receive now if it can (canRecv() was true): the value and whether it came from a send. */
  recvNow(t: Thread): { value: unknown; ok: boolean } {
    this.use(t);
    const s = this.firstLive(this.sendq);
    if (s !== undefined) {
      this.sendq.shift();
      let value: unknown;
      if (this.capacity === 0) {
        value = s.value;
        transfer(s.op.thread, t);
        transfer(t, s.op.thread);
      } else {
        // Full buffer: take the head, the sender's value takes the freed slot at the tail.
        value = this.buf.shift();
        this.slotSync(t, this.recvx);
        this.slotSync(s.op.thread, this.recvx);
        this.recvx = (this.recvx + 1) % this.capacity;
        this.sendx = this.recvx;
        this.buf.push(s.value as T);
      }
      s.op.wake(s.caseIndex, 'sent');
      return { value, ok: true };
    }
    if (this.buf.length > 0) {
      this.slotSync(t, this.recvx);
      this.recvx = (this.recvx + 1) % this.capacity;
      return { value: this.buf.shift(), ok: true };
    }
    // closed and drained
    t.clock.join(this.closeClock);
    return { value: undefined, ok: false };
  }

  /** A timer's send: no goroutine sends, so it carries no clock; dropped when the buffer is full. */
  deliverFromTimer(value: unknown): void {
    const r = this.firstLive(this.recvq);
    if (r !== undefined) {
      this.recvq.shift();
      r.op.wake(r.caseIndex, 'value', value);
    } else if (this.buf.length < this.capacity) {
      this.sendx = (this.sendx + 1) % this.capacity;
      this.buf.push(value as T);
    }
  }

  enqueue(q: 'send' | 'recv', w: Waiter): void {
    this.use(w.op.thread);
    (q === 'send' ? this.sendq : this.recvq).push(w);
  }

  closeNow(t: Thread, at: string | undefined): void {
    this.use(t);
    if (this.isNil) throw new GoPanic('close-of-nil-channel', 'close of nil channel');
    const c = this.race.write(t, this.exec.steps, at);
    if (c) return reportRace(this.exec, this.label, t, 'write', at, c);
    if (this.closed) throw new GoPanic('close-of-closed-channel', 'close of closed channel');
    this.closeClock.join(t.clock);
    t.clock.tick(t.id);
    this.markClosed(at);
  }

  /**
   * Close on behalf of the runtime (a context's cancellation by `t`, or by its deadline timer when
   * `t` is null): the channel is private to its owner, so there is no race check and no panic.
   */
  closeQuietly(t: Thread | null, at: string | undefined): void {
    if (this.closed || this.isNil) return;
    if (t) {
      this.closeClock.join(t.clock);
      t.clock.tick(t.id);
    }
    this.markClosed(at);
  }

  private markClosed(at: string | undefined): void {
    this.closed = true;
    this.closedAt = at;
    for (const r of this.recvq.splice(0)) {
      if (r.op.woken) continue;
      r.op.thread.clock.join(this.closeClock);
      r.op.wake(r.caseIndex, 'closed');
    }
    for (const s of this.sendq.splice(0)) if (!s.op.woken) s.op.wake(s.caseIndex, 'closed');
  }

  /** Who else could still reach this channel, for deadlock and leak reports. */
  otherEnds(self: Thread): string {
    const others = [...this.users.values()].filter((u) => u !== self);
    if (others.length === 0) return `no other goroutine has used ${this.label}`;
    const parts = others.map((u) => {
      const state = u.finished ? 'finished' : u.pending && !u.pending.enabled() ? `blocked in ${u.pending.describe()}` : 'running';
      return `'${u.name}' (${state})`;
    });
    return `${this.label} was also used by ${parts.join(', ')}`;
  }
}

/** One case of a select: a receive from, or a send of `value` on, `ch`. */
export interface SelectCase<T = unknown> {
  readonly ch: Channel<unknown>;
  readonly dir: 'recv' | 'send';
  readonly value?: T;
}

/** Base of blocking channel operations: the step that blocks, then the step after the wake-up. */
abstract class ChanOp<R> extends Op<R> implements Wakeable {
  woken = false;
  protected blocked = false;
  protected how: 'value' | 'sent' | 'closed' = 'value';
  protected got: unknown;
  protected wokenCase = -1;

  override enabled(): boolean {
    return !this.blocked || this.woken;
  }

  override explain(): string[] {
    const ch = (this as unknown as { obj: Channel<unknown> | null }).obj;
    return ch ? [ch.otherEnds(this.thread)] : [];
  }

  wake(caseIndex: number, how: 'value' | 'sent' | 'closed', value?: unknown): void {
    this.woken = true;
    this.wokenCase = caseIndex;
    this.how = how;
    this.got = value;
  }
}

class SendOp<T> extends ChanOp<void> {
  readonly access = 'send';
  constructor(
    readonly obj: Channel<T>,
    private readonly sent: T,
  ) {
    super(obj.exec);
  }
  override enabled(): boolean {
    return !this.obj.isNil && super.enabled();
  }
  step(): boolean {
    const ch = this.obj;
    if (this.blocked) {
      if (this.how === 'closed') throw new GoPanic('send-on-closed-channel', 'send on closed channel');
      return this.complete(undefined);
    }
    if (ch.canSend()) {
      ch.sendNow(this.thread, this.sent, this.at);
      return this.complete(undefined);
    }
    if (!ch.checkRead(this.thread, this.at)) return this.complete(undefined);
    ch.enqueue('send', { op: this, caseIndex: 0, value: this.sent });
    this.blocked = true;
    return false;
  }
  describe(): string {
    return `send on ${this.obj.label}`;
  }
  override traced(): string {
    return this.blocked && !this.woken ? `send on ${this.obj.label}: blocks` : `send on ${this.obj.label}`;
  }
}

class RecvOp<T> extends ChanOp<unknown> {
  readonly access = 'recv';
  private result: { value: unknown; ok: boolean } | null = null;
  constructor(
    readonly obj: Channel<T>,
    private readonly withOk: boolean,
  ) {
    super(obj.exec);
  }
  override enabled(): boolean {
    return !this.obj.isNil && super.enabled();
  }
  step(): boolean {
    const ch = this.obj;
    if (this.blocked) {
      this.result = this.how === 'closed' ? { value: undefined, ok: false } : { value: this.got, ok: true };
    } else if (ch.canRecv()) {
      this.result = ch.recvNow(this.thread);
    } else {
      ch.enqueue('recv', { op: this, caseIndex: 0 });
      this.blocked = true;
      return false;
    }
    return this.complete(this.withOk ? this.result : this.result.value);
  }
  describe(): string {
    return `receive from ${this.obj.label}`;
  }
  override traced(): string {
    if (!this.result) return `receive from ${this.obj.label}: blocks`;
    return this.result.ok ? `receive from ${this.obj.label} → ${short(this.result.value)}` : `receive from ${this.obj.label} → closed`;
  }
}

function short(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 30 ? v.slice(0, 30) + '…' : v);
  if (v === null || typeof v !== 'object') return String(v);
  return Array.isArray(v) ? `[${v.length} items]` : '{…}';
}

class CloseOp extends Op<void> {
  readonly access = 'close';
  constructor(readonly obj: Channel<unknown>) {
    super(obj.exec);
  }
  step(): boolean {
    this.obj.closeNow(this.thread, this.at);
    return this.complete(undefined);
  }
  describe(): string {
    return `close of ${this.obj.label}`;
  }
}

class InspectOp extends Op<number> {
  readonly access = 'read';
  constructor(
    readonly obj: Channel<unknown>,
    private readonly what: 'len' | 'cap',
  ) {
    super(obj.exec);
  }
  step(): boolean {
    const ch = this.obj;
    if (ch.isNil) return this.complete(0);
    ch.checkRead(this.thread, this.at);
    return this.complete(this.what === 'len' ? ch.buf.length : ch.capacity);
  }
  describe(): string {
    return `${this.what} of ${this.obj.label}`;
  }
}

export { ChanOp, short };
