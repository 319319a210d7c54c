/**
 * Go channels: unbuffered (rendezvous), buffered, nil; close; len/cap; `for await` ranging.
 *
 * An operation is enabled exactly when it can complete, and a blocked one takes no step: waiting is
 * not an event (as in loom and Coyote), so the explorer sees only the transfers, and n senders meeting
 * one receiver make exactly the n! interleavings that differ.
 * - Buffered: a send can run while there is room, a receive while there is a value (or the channel
 *   is closed); the buffer is FIFO. Go's direct hand-off to a waiting receiver and its move of a
 *   blocked sender's value into a freed slot are the same transfers through the buffer.
 * - Unbuffered: a send and a receive meet in one step, taken by one side while the other is parked
 *   at its operation (`arrive`) and waits: a plain send or receive, or a select without a default.
 *   The sender takes it, except that a select with a default (which never waits, as in Go: it is
 *   never in a queue) takes from a waiting sender itself. So a receive that waits never runs on its
 *   own; a send runs when a receiver waits; a select with a default has its receive case ready when
 *   a sender waits. Two selects with defaults never meet.
 *   Which of several parked partners a step takes is a recorded choice among all of them (ordered by
 *   Thread.key, the same in every interleaving): Go's spec promises no order among goroutines waiting
 *   at a channel (its runtime's queues are FIFO, but a goroutine can always have been slower to reach
 *   the queue), so every choice is a run Go can produce. Parkings therefore commute with each other
 *   and with everything but the steps that take from the same set (op.ts sendersWaitingOn), and no
 *   parking reads the virtual clock: a timer firing commutes with them.
 * - Close: parked operations see it on their own next step: receivers get the zero value, senders
 *   panic. A close watch (close-watch.ts: a Semaphore's or CyclicBarrier's wait for its context)
 *   registers with `onClose` and is woken by the close itself.
 *
 * Happens-before, exactly where Go's race detector annotates chan.go (the memory model's rules):
 * - a buffered channel has one clock per buffer slot; every send and receive through slot i
 *   acquires and then releases it (racenotify). That gives "a send happens-before the receive
 *   completes" and "the k-th receive happens-before the (k+C)-th send completes", so a channel
 *   used as a semaphore or lock raises no false race;
 * - an unbuffered hand-off synchronises both ways (the receive happens-before the send completes);
 * - close releases into the channel's close clock; a receive that returns because of the close
 *   acquires it;
 * - close is a write of the channel and a send a read (racereadpc at chansend and at every send
 *   case a select polls), so a send not ordered before a close is a data race even on schedules
 *   where it does not panic. A parked send's read is made with the clock it parked with, when it
 *   completes or is taken. `len` and `cap` are reads of the channel's counters, which nothing
 *   else writes as a race-detector access: Go keeps them apart from close on purpose (chan.go's
 *   raceaddr, TestNoRaceChanCloseLen/Cap), so they neither race nor synchronise.
 */
import { reportRace, VarState } from '../../detectors/race.js';
import type { VectorClock } from '../../runtime/clock.js';
import { SimPanic, ScenarioError } from '../../runtime/errors.js';
import { NO_TOUCH, Op, receiversWaitingOn, sendersWaitingOn, type Touch } from '../../runtime/op.js';
import type { Thread } from '../../runtime/thread.js';
import { SimObject } from '../core/object.js';
import { QueueCore, type ParkedAt, type Wakeable } from '../core/queue-core.js';

export type { Wakeable };

/** A goroutine parked at a channel operation (or a select case) on an unbuffered channel. */
export type Parked = ParkedAt<ChanOp<unknown>>;

export class Channel<T = unknown> extends SimObject implements AsyncIterable<T> {
  readonly typeName = 'chan';
  readonly capacity: number;
  readonly isNil: boolean;
  /**
   * Buffer and slot clocks, parked senders and receivers (cases of selects without a default too),
   * close watchers (close-watch.ts), the close (core/queue-core.ts).
   */
  private readonly core: QueueCore<T, ChanOp<unknown>>;
  /** Goroutines that created, sent on, received from or closed it. */
  readonly users = new Map<number, Thread>();
  /**
   * Its creation as an epoch of the creating goroutine: a goroutine whose clock covers it may hold
   * the channel (it learned of it through a go statement or some other synchronisation), one whose
   * clock does not cannot. Null when the runtime made it outside any goroutine.
   */
  private readonly born: { tid: number; clock: number } | null;
  private readonly race = new VarState();

  constructor(capacity = 0, opts: { name?: string } = {}, nil = false) {
    super(nil ? 'Channel.nil()' : 'new Channel()', opts?.name, nil ? 'nilchan' : 'ch');
    if (typeof capacity !== 'number' || !Number.isInteger(capacity)) {
      throw new ScenarioError(`new Channel(capacity): capacity must be a whole number, got ${String(capacity)}`);
    }
    if (capacity < 0 || capacity > 2 ** 31 - 1) throw new SimPanic('panic', 'makechan: size out of range');
    this.capacity = capacity;
    this.isNil = nil;
    this.core = new QueueCore<T, ChanOp<unknown>>(this, capacity);
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

  get closed(): boolean {
    return this.core.closed;
  }

  get closedAt(): string | undefined {
    return this.core.closedAt;
  }

  /** Values in the buffer (Go's len). */
  get count(): number {
    return this.core.count;
  }

  /** The buffered values, oldest first (for reports and tests). */
  buffered(): T[] {
    return this.core.buffered();
  }

  /** Does it meet partners in one step (unbuffered and not nil)? */
  get rendezvous(): boolean {
    return this.capacity === 0 && !this.isNil;
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

  /** A receive that waits (plain, or a case of a select without a default) parks here; unbuffered only. */
  parkReceiver(p: Parked): void {
    this.use(p.op.thread);
    this.core.parkReceiver(p);
  }

  /** A send that waits (plain, or a case of a select without a default) parks here; unbuffered only. */
  parkSender(p: Parked): void {
    this.use(p.op.thread);
    this.core.parkSender(p);
  }

  /** The parked receives a send could hand its value to (all but `self`'s), in Thread.key order. */
  receiversFor(self: ChanOp<unknown> | null): Parked[] {
    return this.core.receiversFor(self);
  }

  /** The parked sends a select with a default could take from (all but `self`'s), in Thread.key order. */
  sendersFor(self: ChanOp<unknown>): Parked[] {
    return this.core.sendersFor(self);
  }

  /** The parked receive a step of `t` hands its value to: a recorded choice when several wait. */
  chooseReceiver(self: ChanOp<unknown> | null): Parked | undefined {
    return this.core.chooseReceiver(self);
  }

  /** Can a plain receive run now (a value, or the close)? Unbuffered, only a partner completes it. */
  canRecvPlain(): boolean {
    return !this.isNil && (this.closed || this.core.count > 0);
  }

  /** Can send `self` (plain, or a select's case) run now (or panic because the channel is closed)? */
  canSend(self: ChanOp<unknown>): boolean {
    if (this.isNil) return false;
    if (this.closed) return true;
    if (this.capacity > 0) return this.core.hasRoom;
    return this.core.hasReceiverFor(self);
  }

  /** Is a receive case on this channel ready for `self`, a select? */
  canRecvCase(self: ChanOp<unknown>): boolean {
    if (this.isNil) return false;
    if (this.closed || this.core.count > 0) return true;
    if (this.capacity > 0 || !self.takesFromSenders) return false;
    return this.sendersFor(self).length > 0;
  }

  /**
   * `p`, parked by a select case that lost, leaves the channel (Selectable.cancel; the select has
   * completed, so `p` is dead to partners already: see QueueCore.unpark).
   */
  unpark(p: Parked): void {
    this.core.unpark(p);
  }

  /**
   * A send by `self` (plain, or a select's send case) that can run now (canSend held; the read was
   * checked): panics when the channel is closed, else into the buffer or to a parked receive (a
   * recorded choice when several wait). The one send transfer SendOp and a select's send case share.
   */
  sendReady(t: Thread, self: ChanOp<unknown>, value: unknown): void {
    if (this.closed) throw new SimPanic('send-on-closed-channel', 'send on closed channel');
    if (this.capacity > 0) this.push(t, value);
    else this.handOff(t, this.chooseReceiver(self)!, value);
  }

  /**
   * A receive by `self` (plain, or a select's receive case) that can run now (it is ready and was not
   * completed by a partner): from the buffer, or of the close, or (unbuffered, a select with a default)
   * from a parked send, a recorded choice when several wait; ok false for the close, or when the
   * taken send's own read raced. The one receive transfer RecvOp and a select's receive case share.
   */
  recvReady(t: Thread, self: ChanOp<unknown>): { value: unknown; ok: boolean } {
    if (this.capacity > 0 || this.closed) return this.take(t);
    const senders = this.sendersFor(self);
    const s = senders[senders.length > 1 ? this.exec.choose('sender', senders.length) : 0]!;
    const got = this.takeFrom(t, s);
    return { value: got?.value, ok: got !== undefined };
  }

  /** A buffered send with room (the read was checked, the channel is open). */
  push(t: Thread, value: unknown): void {
    this.use(t);
    this.core.push(t, value as T);
  }

  /** An unbuffered send meets parked receiver `r`: both ways synchronised, `r` completed. */
  handOff(t: Thread, r: Parked, value: unknown): void {
    this.use(t);
    this.core.handTo(t, r, value);
  }

  /** A select with a default takes waiting send `s`; undefined if the send's own read raced. */
  takeFrom(t: Thread, s: Parked): { value: unknown } | undefined {
    this.use(t);
    const st = s.op.thread;
    if (!s.op.readDone) {
      s.op.readDone = true;
      if (!this.checkRead(st, s.op.at)) return undefined;
    }
    return { value: this.core.takeFrom(t, s) };
  }

  /** A receive from the buffer, or of the close: the value and whether it came from a send. */
  take(t: Thread): { value: unknown; ok: boolean } {
    this.use(t);
    if (this.core.count > 0) return { value: this.core.shift(t), ok: true };
    // closed and drained
    this.core.acquireClose(t);
    return { value: undefined, ok: false };
  }

  /**
   * A timer's send (time.NewTimer, time.After): it never blocks and is dropped when no one can take
   * it. `clock` is what the timer carries: the clock of whoever started it (Go's timers release at
   * creation and reset, and acquire when they fire), or null.
   */
  deliverFromTimer(value: unknown, clock: VectorClock | null): void {
    if (this.closed || this.isNil) return;
    if (this.capacity === 0) {
      const r = this.chooseReceiver(null);
      if (r === undefined) return;
      this.core.handCarried(r, value, clock);
    } else if (this.core.hasRoom) {
      this.core.pushCarried(value as T, clock);
    }
  }

  /** Discard a value a timer delivered and nobody received (Go 1.23's Stop and Reset); true if there was one. */
  drainForTimer(): boolean {
    return this.core.drop();
  }

  /** `w` is woken when the channel closes (it has joined the closer's clock by then). */
  onClose(w: Wakeable): void {
    this.use(w.thread);
    this.core.onClose(w);
  }

  /** `f` is told of each goroutine that sees the channel closed (QueueCore.onCloseSeen). */
  onCloseSeen(f: (t: Thread) => void): void {
    this.core.onCloseSeen(f);
  }

  /** `w` no longer watches the close. */
  offClose(w: Wakeable): void {
    this.core.offClose(w);
  }

  closeNow(t: Thread, at: string | undefined): void {
    this.use(t);
    if (this.isNil) throw new SimPanic('close-of-nil-channel', 'close of nil channel');
    // Go's closechan panics on a closed channel before it records the close for the race detector: a
    // second close is that panic, not a race with the first (whether or not they are ordered).
    if (this.closed) throw new SimPanic('close-of-closed-channel', 'close of closed channel');
    const c = this.race.write(t, this.exec.steps, at);
    if (c) return reportRace(this.exec, this.label, t, 'write', at, c);
    this.core.close(t, at);
  }

  /**
   * Close on behalf of the runtime: a context's cancellation, by `t` or by a deadline timer that
   * carries `clock`. The channel is private to its owner (users only receive from a Done channel),
   * so there is no race check and no panic.
   */
  closeQuietly(t: Thread | null, at: string | undefined, clock: VectorClock | null = null): void {
    if (this.closed || this.isNil) return;
    this.core.close(t, at, clock);
  }

  /** `t` observed the close without receiving (context.Err() after cancel): it acquires the close. */
  acquireClose(t: Thread): void {
    if (this.closed) this.core.acquireClose(t);
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
    // "all of them are blocked" only about goroutines that are all alive: a finished one is not blocked.
    const allBlocked = live.length === others.length ? ': all of them are blocked' : live.length === 1 ? ': the one still alive is blocked' : `: the ${live.length} still alive are all blocked`;
    const verdict = live.length === 0 ? ': none of them is alive' : live.every(blocked) ? allBlocked : '';
    return `the other end of ${this.label}: ${parts.join(', ')}${verdict}`;
  }
}

/** One case of a select: a receive from, or a send of `value` on, `ch`. */
export interface SelectCase<T = unknown> {
  readonly ch: Channel<unknown>;
  readonly dir: 'recv' | 'send';
  readonly value?: T;
}

/**
 * Base of channel operations that a partner may complete: once `woken`, the next step only returns
 * what the partner delivered, and touches nothing shared (the partner's step did the transfer).
 */
abstract class ChanOp<R> extends Op<R> implements Wakeable {
  woken = false;
  /** A send's read of the channel (race detector) was made, by its own step or by the select that took it. */
  readDone = false;
  /**
   * On an unbuffered channel, it takes from parked plain sends itself (a select with a default, which
   * cannot wait for them); otherwise a plain send hands its value to it.
   */
  get takesFromSenders(): boolean {
    return false;
  }
  protected got: unknown;
  protected wokenCase = -1;

  override explain(): string[] {
    const ch = (this as unknown as { obj: Channel<unknown> | null }).obj;
    return ch ? [ch.otherEnds(this.thread)] : [];
  }

  /** Its channel (a select overrides it with all of its cases' channels). */
  override waitedOn(): readonly Touch[] {
    const ch = (this as unknown as { obj: Channel<unknown> | null }).obj;
    return ch ? [{ id: ch.id, read: false }] : NO_TOUCH;
  }

  wake(caseIndex: number, how: 'value' | 'sent' | 'closed', value?: unknown): void {
    this.exec.completedFor.push(this.thread.id); // also queues it for re-evaluation (Execution.enabledThreads)
    // Its entries parked on other channels (a select's other cases) are dead from now on: what those
    // channels' other waiters can do changes, outside the waking step's footprint.
    if (!this.woken) for (const x of this.footprint()) this.exec.touched(x.id);
    this.woken = true;
    this.wokenCase = caseIndex;
    this.got = value;
  }
}

class SendOp<T> extends ChanOp<void> {
  readonly kind = 'send';
  constructor(
    readonly obj: Channel<T>,
    private readonly sent: T,
  ) {
    super(obj.exec);
  }
  override enabled(): boolean {
    return this.woken || this.obj.canSend(this as ChanOp<unknown>);
  }
  override arrive(): void {
    if (this.obj.rendezvous) this.obj.parkSender({ op: this as ChanOp<unknown>, caseIndex: 0, value: this.sent });
  }
  /** Parked sends are what a select with a default looks for; they commute with each other. */
  override arrival(): readonly Touch[] {
    return this.obj.rendezvous ? [{ id: sendersWaitingOn(this.obj.id), read: true }] : NO_TOUCH;
  }
  /** The channel; unbuffered: it ends its own wait and takes one of the parked receives. */
  override footprint(): readonly Touch[] {
    if (this.woken) return NO_TOUCH;
    const id = this.obj.id;
    const ch = { id, read: false };
    return this.obj.rendezvous ? [ch, { id: sendersWaitingOn(id), read: true }, { id: receiversWaitingOn(id), read: false }] : [ch];
  }
  step(): boolean {
    const ch = this.obj;
    if (this.woken) return this.complete(undefined);
    if (!this.readDone) {
      this.readDone = true;
      if (!ch.checkRead(this.thread, this.at)) return this.complete(undefined);
    }
    ch.sendReady(this.thread, this as ChanOp<unknown>, this.sent);
    return this.complete(undefined);
  }
  describe(): string {
    return `send on ${this.obj.label}`;
  }
  override traced(): string {
    return this.woken ? `send on ${this.obj.label} (taken by a select)` : `send on ${this.obj.label}`;
  }
}

class RecvOp<T> extends ChanOp<unknown> {
  readonly kind = 'recv';
  private result: { value: unknown; ok: boolean } | null = null;
  constructor(
    readonly obj: Channel<T>,
    private readonly withOk: boolean,
  ) {
    super(obj.exec);
  }
  override enabled(): boolean {
    return this.woken || this.obj.canRecvPlain();
  }
  override arrive(): void {
    if (this.obj.rendezvous) this.obj.parkReceiver({ op: this as ChanOp<unknown>, caseIndex: 0 });
  }
  /** A parked receive is what sends look for; parkings commute with each other. */
  override arrival(): readonly Touch[] {
    return this.obj.rendezvous ? [{ id: receiversWaitingOn(this.obj.id), read: true }] : NO_TOUCH;
  }
  /**
   * The channel: written when it takes a value; only read when it returns because the channel is
   * closed and drained (receivers of a close commute). Unbuffered: it ends its own wait.
   */
  override footprint(): readonly Touch[] {
    if (this.woken) return NO_TOUCH;
    const ch = this.obj;
    const t = { id: ch.id, read: ch.closed && ch.count === 0 };
    return ch.rendezvous ? [t, { id: receiversWaitingOn(ch.id), read: true }] : [t];
  }
  step(): boolean {
    // Not woken, it is enabled only with a value or the close (canRecvPlain): recvReady takes from the buffer.
    this.result = this.woken ? { value: this.got, ok: true } : this.obj.recvReady(this.thread, this as ChanOp<unknown>);
    return this.complete(this.withOk ? this.result : this.result.value);
  }
  describe(): string {
    return `receive from ${this.obj.label}`;
  }
  override traced(): string {
    const r = this.result;
    if (!r) return `receive from ${this.obj.label}`;
    return r.ok ? `receive from ${this.obj.label} → ${short(r.value)}` : `receive from ${this.obj.label} → closed`;
  }
}

function short(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 30 ? v.slice(0, 30) + '…' : v);
  if (v === null || typeof v !== 'object') return String(v);
  return Array.isArray(v) ? `[${v.length} items]` : '{…}';
}

class CloseOp extends Op<void> {
  readonly kind = 'close';
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
  readonly kind = 'read';
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
