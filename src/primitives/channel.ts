/**
 * Go channels: unbuffered (rendezvous), buffered, nil; close; len/cap; `for await` ranging.
 *
 * The algorithm is Go's runtime.chansend/chanrecv/closechan: FIFO queues of blocked senders and
 * receivers, a waiting receiver takes the value straight from the sender, a receive from a full
 * buffered channel with blocked senders takes the head and moves the first sender's value to the
 * tail, close wakes every receiver (zero value, ok false) and every sender (which then panics).
 * A blocked operation is completed by its partner and finishes in its own next step. A select
 * that a partner completes leaves every other queue at once (Go's selectgo pass 3).
 *
 * Happens-before, exactly where Go's race detector annotates chan.go (the memory model's rules):
 * - a buffered channel has one clock per buffer slot; every send and receive through slot i
 *   acquires and then releases it (racenotify). That gives "a send happens-before the receive
 *   completes" and "the k-th receive happens-before the (k+C)-th send completes", so a channel
 *   used as a semaphore or lock raises no false race. A hand-off to a waiting receiver, or from a
 *   blocked sender into a full buffer, goes through the slot too, as Go pretends it does;
 * - an unbuffered hand-off synchronises both ways (the receive happens-before the send completes);
 * - close releases into the channel's close clock; a receive that returns because of the close,
 *   and a sender woken by it, acquire it;
 * - close is a write of the channel and a send a read (racereadpc at chansend and at every send
 *   case a select polls), so a send not ordered before a close is a data race even on schedules
 *   where it does not panic. `len` and `cap` are reads of the channel's counters, which nothing
 *   else writes as a race-detector access: Go keeps them apart from close on purpose (chan.go's
 *   raceaddr, TestNoRaceChanCloseLen/Cap), so they neither race nor synchronise.
 */
import { reportRace, VarState } from '../detectors/race.js';
import { VectorClock } from '../runtime/clock.js';
import { GoPanic, ScenarioError } from '../runtime/errors.js';
import { Op } from '../runtime/op.js';
import type { Thread } from '../runtime/thread.js';
import { Fifo } from './fifo.js';
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
  private readonly buffer: Fifo<T>;
  readonly recvq: Waiter[] = [];
  readonly sendq: Waiter[] = [];
  /** Goroutines that created, sent on, received from or closed it. */
  readonly users = new Map<number, Thread>();
  /**
   * Its creation as an epoch of the creating goroutine: a goroutine whose clock covers it may hold
   * the channel (it learned of it through a go statement or some other synchronisation), one whose
   * clock does not cannot. Null when the runtime made it outside any goroutine.
   */
  private readonly born: { tid: number; clock: number } | null;
  private readonly slots: VectorClock[];
  private sendx = 0;
  private recvx = 0;
  private readonly closeClock = new VectorClock();
  private readonly race = new VarState();
  closedAt: string | undefined;

  constructor(capacity = 0, opts: { name?: string } = {}, nil = false) {
    super(nil ? 'Channel.nil()' : 'new Channel()', opts?.name, nil ? 'nilchan' : 'ch');
    if (typeof capacity !== 'number' || !Number.isInteger(capacity)) {
      throw new ScenarioError(`new Channel(capacity): capacity must be a whole number, got ${String(capacity)}`);
    }
    if (capacity < 0 || capacity > 2 ** 31 - 1) throw new GoPanic('panic', 'makechan: size out of range');
    this.capacity = capacity;
    this.isNil = nil;
    this.buffer = new Fifo<T>(Math.min(capacity, 16));
    this.slots = [];
    for (let i = 0; i < capacity; i++) this.slots.push(new VectorClock());
    const creator = this.exec.running;
    this.born = creator ? { tid: creator.id, clock: creator.clock.get(creator.id) } : null;
    if (creator && !nil) this.users.set(creator.id, creator);
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

  /** Values in the buffer (Go's len). */
  get count(): number {
    return this.buffer.length;
  }

  /** The buffered values, oldest first (for reports and tests). */
  buffered(): T[] {
    return this.buffer.toArray();
  }

  // ---- the runtime algorithm (called from operation steps, by the goroutine `t`) -------------

  /** Remember `t` as one of the goroutines that can reach this channel. */
  use(t: Thread): void {
    if (!this.users.has(t.id)) this.users.set(t.id, t);
  }

  /** A send (or a select polling a send case): a read of the channel; false if it raced. */
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
    return !this.isNil && (this.closed || this.firstLive(this.recvq) !== undefined || this.buffer.length < this.capacity);
  }

  /** Can a receive proceed now? */
  canRecv(): boolean {
    return !this.isNil && (this.closed || this.firstLive(this.sendq) !== undefined || this.buffer.length > 0);
  }

  /** Go's racenotify: acquire slot i's clock, then release into it. */
  private slotSync(t: Thread, i: number): void {
    const slot = this.slots[i]!;
    t.clock.join(slot);
    slot.join(t.clock);
    t.clock.tick(t.id);
  }

  /** Send now (canSend() was true; the read was checked). Throws the panic of a send on a closed channel. */
  sendNow(t: Thread, value: unknown): void {
    this.use(t);
    if (this.closed) throw new GoPanic('send-on-closed-channel', 'send on closed channel');
    const r = this.firstLive(this.recvq);
    if (r !== undefined) {
      this.recvq.shift();
      const rt = r.op.thread;
      if (this.capacity === 0) {
        transfer(t, rt);
        transfer(rt, t);
      } else {
        // Go pretends the value goes through the buffer: both sync on the slot, the sender first.
        this.slotSync(t, this.recvx);
        this.slotSync(rt, this.recvx);
        this.recvx = (this.recvx + 1) % this.capacity;
        this.sendx = this.recvx;
      }
      r.op.wake(r.caseIndex, 'value', value);
      return;
    }
    this.slotSync(t, this.sendx);
    this.sendx = (this.sendx + 1) % this.capacity;
    this.buffer.push(value as T);
  }

  /** Receive now (canRecv() was true): the value and whether it came from a send. */
  recvNow(t: Thread): { value: unknown; ok: boolean } {
    this.use(t);
    const s = this.firstLive(this.sendq);
    if (s !== undefined) {
      this.sendq.shift();
      const st = s.op.thread;
      let value: unknown;
      if (this.capacity === 0) {
        value = s.value;
        transfer(st, t);
        transfer(t, st);
      } else {
        // Full buffer: take the head; the sender's value takes the freed slot at the tail.
        value = this.buffer.shift();
        this.slotSync(t, this.recvx);
        this.slotSync(st, this.recvx);
        this.recvx = (this.recvx + 1) % this.capacity;
        this.sendx = this.recvx;
        this.buffer.push(s.value as T);
      }
      s.op.wake(s.caseIndex, 'sent');
      return { value, ok: true };
    }
    if (this.buffer.length > 0) {
      this.slotSync(t, this.recvx);
      this.recvx = (this.recvx + 1) % this.capacity;
      return { value: this.buffer.shift(), ok: true };
    }
    // closed and drained
    t.clock.join(this.closeClock);
    return { value: undefined, ok: false };
  }

  /**
   * A timer's send (time.NewTimer, time.After): it never blocks and is dropped when the buffer is
   * full. `clock` is what the timer carries: the clock of whoever started it (Go's timers release
   * at creation and reset, and acquire when they fire), or null.
   */
  deliverFromTimer(value: unknown, clock: VectorClock | null): void {
    if (this.closed || this.isNil) return;
    const r = this.firstLive(this.recvq);
    if (r !== undefined) {
      this.recvq.shift();
      if (clock) r.op.thread.clock.join(clock);
      r.op.wake(r.caseIndex, 'value', value);
    } else if (this.buffer.length < this.capacity) {
      if (clock) this.slots[this.sendx]!.join(clock);
      this.sendx = (this.sendx + 1) % this.capacity;
      this.buffer.push(value as T);
    }
  }

  /** Discard a value a timer delivered and nobody received (Go 1.23's Stop and Reset); true if there was one. */
  drainForTimer(): boolean {
    if (this.buffer.length === 0) return false;
    this.buffer.shift();
    this.recvx = (this.recvx + 1) % this.capacity;
    return true;
  }

  enqueue(q: 'send' | 'recv', w: Waiter): void {
    this.use(w.op.thread);
    (q === 'send' ? this.sendq : this.recvq).push(w);
  }

  /** Take every queue entry of `op` out (a select completed on another case). */
  dequeue(op: Wakeable): void {
    for (const q of [this.recvq, this.sendq]) {
      for (let i = q.length - 1; i >= 0; i--) if (q[i]!.op === op) q.splice(i, 1);
    }
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
   * Close on behalf of the runtime: a context's cancellation, by `t` or by a deadline timer that
   * carries `clock`. The channel is private to its owner (users only receive from a Done channel),
   * so there is no race check and no panic.
   */
  closeQuietly(t: Thread | null, at: string | undefined, clock: VectorClock | null = null): void {
    if (this.closed || this.isNil) return;
    if (t) {
      this.closeClock.join(t.clock);
      t.clock.tick(t.id);
    }
    if (clock) this.closeClock.join(clock);
    this.markClosed(at);
  }

  /** `t` observed the close without receiving (context.Err() after cancel): it acquires the close. */
  acquireClose(t: Thread): void {
    if (this.closed) t.clock.join(this.closeClock);
  }

  private markClosed(at: string | undefined): void {
    this.closed = true;
    this.closedAt = at;
    const receivers = this.recvq.splice(0);
    const senders = this.sendq.splice(0);
    for (const r of receivers) {
      if (r.op.woken) continue;
      r.op.thread.clock.join(this.closeClock);
      r.op.wake(r.caseIndex, 'closed');
    }
    for (const s of senders) {
      if (s.op.woken) continue;
      s.op.thread.clock.join(this.closeClock);
      s.op.wake(s.caseIndex, 'closed');
    }
  }

  /** Could goroutine `u` hold this channel (its creation happened-before u's present)? */
  private reachableBy(u: Thread): boolean {
    return this.born === null || u.clock.get(this.born.tid) >= this.born.clock;
  }

  /**
   * Who else could still reach this channel, for deadlock and leak reports: every goroutine that
   * used it, and every live one that could hold it (see `born`), with what each is doing now.
   */
  otherEnds(self: Thread): string {
    if (this.isNil) return 'a nil channel is never ready: nothing can complete this';
    const others = this.exec.threads.filter((u) => u !== self && (this.users.has(u.id) || (!u.finished && this.reachableBy(u))));
    if (others.length === 0) return `no other goroutine can reach ${this.label}`;
    const blocked = (u: Thread): boolean => !u.finished && u.pending !== null && u !== this.exec.running && !u.pending.enabled();
    const state = (u: Thread): string => (u.finished ? 'finished' : blocked(u) ? `blocked in ${u.pending!.describe()}` : 'running');
    const parts = others.map((u) => `'${u.name}' (${state(u)})`);
    const live = others.filter((u) => !u.finished);
    const verdict = live.length === 0 ? ': none of them is alive' : live.every(blocked) ? ': all of them are blocked' : '';
    return `the other end of ${this.label}: ${parts.join(', ')}${verdict}`;
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
    if (!ch.checkRead(this.thread, this.at)) return this.complete(undefined);
    if (ch.canSend()) {
      ch.sendNow(this.thread, this.sent);
      return this.complete(undefined);
    }
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

/** len and cap: one step each; a read of counters only (see the header: no race, no synchronisation). */
class InspectOp extends Op<number> {
  readonly access = 'read';
  private seen = 0;
  constructor(
    readonly obj: Channel<unknown>,
    private readonly what: 'len' | 'cap',
  ) {
    super(obj.exec);
  }
  step(): boolean {
    const ch = this.obj;
    this.seen = ch.isNil ? 0 : this.what === 'len' ? ch.count : ch.capacity;
    return this.complete(this.seen);
  }
  describe(): string {
    return `${this.what} of ${this.obj.label}`;
  }
  override traced(): string {
    return `${this.what} of ${this.obj.label} → ${this.seen}`;
  }
}

export { ChanOp, short };
