/**
 * The state of a message queue between threads, shared by every flavour's channel (Go's chan; Rust's
 * mpsc channel and sync_channel, which add Sender/Receiver ownership and `Result`s on top): the FIFO
 * buffer with one clock per slot, the threads parked at a rendezvous (capacity 0), the threads that
 * only watch for the close, and the closed and disconnected state.
 *
 * Invariants:
 * - Buffered (capacity > 0): `buffer.length ≤ capacity`; the k-th value sent is the k-th received.
 *   Every send and receive through slot i acquires and then releases slot i's clock (Go's racenotify),
 *   so a send happens-before its receive completes, and the k-th receive happens-before the
 *   (k+capacity)-th send completes (a full channel orders its senders after the receivers).
 * - Rendezvous (capacity 0: Go's unbuffered chan, Rust's sync_channel(0)): nothing is buffered; a
 *   send and a receive meet in one step taken by one side while the other is parked here, and they
 *   synchronise both ways (`meet`). Parked entries are kept in the order they parked and handed out
 *   in Thread.key order (the same in every interleaving); which of several is taken is a recorded
 *   choice (`chooseReceiver`), as neither Go nor Rust promises an order among waiters.
 * - `closed`: no more values will be sent (Go's close; in Rust, every Sender dropped: disconnected
 *   for receivers). Receives drain the buffer first, then get "closed" and acquire the close clock.
 *   Close watchers are woken (and acquire it) when it closes. Closing twice is the flavour's to refuse.
 * - `receiverGone`: nobody will receive any more (Rust: the Receiver dropped; Go has no such state).
 *   A send then fails instead of blocking or buffering; the flavour words the error.
 * - Unbounded queues (Rust's `channel()`) use capacity Infinity: a send always has room; slots are
 *   made on first use, so no capacity allocates anything up front.
 */
import { VectorClock } from '../../runtime/clock.js';
import { acquire, acquireRelease, carry, release, transfer } from '../../runtime/sync.js';
import type { Thread } from '../../runtime/thread.js';
import { Fifo } from './fifo.js';
import type { SimObject } from './object.js';

/** Something completed from outside: a parked queue operation, or a waiter that watches a close. */
export interface Wakeable {
  readonly thread: Thread;
  /** Set once it has been completed; it is no longer a partner for anyone. */
  woken: boolean;
  /** Completed on case `caseIndex` with a received value, as sent, or by close. */
  wake(caseIndex: number, how: 'value' | 'sent' | 'closed', value?: unknown): void;
}

/** A thread parked at a rendezvous queue: its operation (or a select's case of it) and, for a send, the value. */
export interface ParkedAt<W extends Wakeable = Wakeable> {
  readonly op: W;
  readonly caseIndex: number;
  /** For a parked send: the value it sends. */
  readonly value?: unknown;
}

/** Parked entries in an order every interleaving agrees on: by thread (Thread.key), then case. */
function byKey(a: ParkedAt, b: ParkedAt): number {
  const ka = a.op.thread.key;
  const kb = b.op.thread.key;
  return ka < kb ? -1 : ka > kb ? 1 : a.caseIndex - b.caseIndex;
}

/** Still waiting here: not completed by a partner, and still its thread's pending operation. */
function live(p: ParkedAt): boolean {
  return !p.op.woken && p.op.thread.pending === (p.op as unknown);
}

/** Keep only the live entries of `q` (in place, order kept). */
function prune(q: ParkedAt[]): void {
  let k = 0;
  for (const p of q) if (live(p)) q[k++] = p;
  q.length = k;
}

export class QueueCore<T, W extends Wakeable = Wakeable> {
  closed = false;
  closedAt: string | undefined;
  /** Nobody will receive any more (Rust: the Receiver was dropped). */
  receiverGone = false;
  private readonly buffer: Fifo<T>;
  /** Rendezvous: receives that wait here, in the order they parked. */
  private readonly receivers: ParkedAt<W>[] = [];
  /** Rendezvous: sends that wait here, in the order they parked. */
  private readonly senders: ParkedAt<W>[] = [];
  /** Waiters that only watch for the close. */
  private readonly closeWaiters: Wakeable[] = [];
  private readonly slots: VectorClock[] = [];
  private sendx = 0;
  private recvx = 0;
  /** Released by the close (and by each Sender dropped, in Rust); acquired by a receive that sees it. */
  readonly closeClock = new VectorClock();

  constructor(
    /** The queue object itself: its id (the waiters' watch) and execution. */
    readonly queue: SimObject,
    /** 0: rendezvous; Infinity: unbounded. */
    readonly capacity: number,
  ) {
    this.buffer = new Fifo<T>(Math.min(capacity, 16));
  }

  /** Values in the buffer. */
  get count(): number {
    return this.buffer.length;
  }

  /** The buffered values, oldest first (for reports and tests). */
  buffered(): T[] {
    return this.buffer.toArray();
  }

  /** Is there room for a buffered send? */
  get hasRoom(): boolean {
    return this.buffer.length < this.capacity;
  }

  // ---- rendezvous ---------------------------------------------------------------------------

  /** A receive that waits parks here (rendezvous only). */
  parkReceiver(p: ParkedAt<W>): void {
    this.receivers.push(p);
  }

  /** A send that waits parks here (rendezvous only). */
  parkSender(p: ParkedAt<W>): void {
    this.senders.push(p);
  }

  /**
   * `p` leaves the queue it parked at (a select case that lost: Selectable.cancel). Only ever called
   * once `p` is dead to partners (its op completed or was woken, see `live`), so removing it changes
   * nothing another thread can see: it only saves the lazy prune its turn.
   */
  unpark(p: ParkedAt<W>): void {
    const r = this.receivers.indexOf(p);
    if (r >= 0) this.receivers.splice(r, 1);
    else {
      const s = this.senders.indexOf(p);
      if (s >= 0) this.senders.splice(s, 1);
    }
  }

  /** The parked receives a send could hand its value to (all but `self`'s), in Thread.key order. */
  receiversFor(self: W | null): ParkedAt<W>[] {
    prune(this.receivers);
    const out = this.receivers.filter((r) => r.op !== self);
    return out.length < 2 ? out : out.sort(byKey);
  }

  /** The parked sends a receive could take from (all but `self`'s), in Thread.key order. */
  sendersFor(self: W | null): ParkedAt<W>[] {
    prune(this.senders);
    const out = this.senders.filter((p) => p.op !== self);
    return out.length < 2 ? out : out.sort(byKey);
  }

  /** Is a receive other than `self`'s parked here? */
  hasReceiverFor(self: W | null): boolean {
    for (const r of this.receivers) if (r.op !== self && live(r)) return true;
    return false;
  }

  /** The parked receive a send hands its value to: a recorded choice when several wait. */
  chooseReceiver(self: W | null): ParkedAt<W> | undefined {
    const rs = this.receiversFor(self);
    return rs[rs.length > 1 ? this.queue.exec.choose('receiver', rs.length) : 0];
  }

  /** A send by `t` meets parked receive `r`: synchronised both ways, `r` completed with `value`. */
  handTo(t: Thread, r: ParkedAt<W>, value: unknown): void {
    const rt = r.op.thread;
    transfer(t, rt);
    transfer(rt, t);
    r.op.wake(r.caseIndex, 'value', value);
  }

  /** A receive by `t` takes parked send `s`: synchronised both ways, `s` completed; its value. */
  takeFrom(t: Thread, s: ParkedAt<W>): unknown {
    const st = s.op.thread;
    transfer(st, t);
    transfer(t, st);
    s.op.wake(s.caseIndex, 'sent');
    return s.value;
  }

  /** A send by no thread (a timer's), carrying `clock` if any, meets parked receive `r`: `r` acquires it. */
  handCarried(r: ParkedAt<W>, value: unknown, clock: VectorClock | null): void {
    if (clock) acquire(r.op.thread, clock);
    r.op.wake(r.caseIndex, 'value', value);
  }

  // ---- buffer -------------------------------------------------------------------------------

  /**
   * Slot i's clock, made on first use: slots are used in order (sendx runs 0, 1, 2, ... round the
   * ring), so the array is dense and never longer than the sends so far.
   */
  private slot(i: number): VectorClock {
    const slots = this.slots;
    while (slots.length <= i) slots.push(new VectorClock());
    return slots[i]!;
  }

  private advance(x: number): number {
    return this.capacity === Infinity ? x + 1 : (x + 1) % this.capacity;
  }

  /** A buffered send by `t` with room: through slot sendx (acquire, then release). */
  push(t: Thread, value: T): void {
    acquireRelease(t, this.slot(this.sendx));
    this.sendx = this.advance(this.sendx);
    this.buffer.push(value);
  }

  /** A buffered receive by `t`: the oldest value, through slot recvx. The buffer must not be empty. */
  shift(t: Thread): T {
    acquireRelease(t, this.slot(this.recvx));
    this.recvx = this.advance(this.recvx);
    return this.buffer.shift() as T;
  }

  /** A send by no thread (a timer's), carrying `clock` if any, into a free slot. */
  pushCarried(value: T, clock: VectorClock | null): void {
    if (clock) carry(this.slot(this.sendx), clock);
    this.sendx = this.advance(this.sendx);
    this.buffer.push(value);
  }

  /** Discard the oldest value without a receiver (a timer's Stop); true if there was one. */
  drop(): boolean {
    if (this.buffer.length === 0) return false;
    this.buffer.shift();
    this.recvx = this.advance(this.recvx);
    return true;
  }

  // ---- close --------------------------------------------------------------------------------

  /**
   * Told of each thread that sees the close (a receive of the closed, drained queue, or a watcher the
   * close wakes), in that thread's step: the etcd flavour's split-brain check learns from it that a node
   * observed its session's end (session.done() received). Observers only: they change nothing here.
   */
  private closeSeen: ((t: Thread) => void)[] | null = null;

  onCloseSeen(f: (t: Thread) => void): void {
    (this.closeSeen ??= []).push(f);
  }

  /** `t` sees the close (a receive of a closed, drained queue; an observer): it acquires the close. */
  acquireClose(t: Thread): void {
    acquire(t, this.closeClock);
    if (this.closeSeen) for (const f of this.closeSeen) f(t);
  }

  /** `w` is woken when the queue closes (it has acquired the close by then). */
  onClose(w: Wakeable): void {
    this.closeWaiters.push(w);
  }

  /** `w` no longer watches the close. */
  offClose(w: Wakeable): void {
    const i = this.closeWaiters.indexOf(w);
    if (i >= 0) this.closeWaiters.splice(i, 1);
  }

  /**
   * Close it: `t` (if a thread closes it) releases into the close clock, as does `clock` (carried by
   * a timer); parked operations see the close on their next step, close watchers are woken now.
   */
  close(t: Thread | null, at: string | undefined, clock: VectorClock | null = null): void {
    if (t) release(t, this.closeClock);
    if (clock) carry(this.closeClock, clock);
    this.closed = true;
    this.closedAt = at;
    const exec = this.queue.exec;
    // A close by another object's step (a context's cancel) changes what this queue's waiters see.
    exec.touched(this.queue.id);
    for (const w of this.closeWaiters.splice(0)) {
      if (w.woken) continue;
      acquire(w.thread, this.closeClock);
      if (this.closeSeen) for (const f of this.closeSeen) f(w.thread);
      exec.completedFor.push(w.thread.id);
      w.wake(0, 'closed');
    }
  }

  /** Nobody will receive any more (Rust: the Receiver dropped): sends fail from now on. */
  closeReceiving(): void {
    this.receiverGone = true;
    this.queue.exec.touched(this.queue.id);
  }
}
