/**
 * sync.Cond, on the model of Go's runtime notifyList (runtime/sema.go): tickets.
 *
 * wait() is Go's Wait, four scheduling points: take a ticket while still holding L (Go's
 * notifyListAdd; this is also where "wait without the lock" is caught), L.unlock(), sleep until the
 * ticket is notified, L.lock(). A Signal or Broadcast counts every ticket handed out, so a signal is
 * never lost for a goroutine already inside wait, even before it sleeps. Signal notifies the oldest
 * outstanding ticket (FIFO), Broadcast all of them. With no ticket outstanding a Signal/Broadcast
 * does nothing (a Cond has no memory): it is recorded as dropped, and a deadlock or leak report
 * about a goroutine asleep in wait lists the dropped ones (the lost wake-up).
 *
 * wait() goes through L's own lock/unlock, so any Locker works (a Mutex, an RWMutex, rw.rLocker()).
 * For those three the lock's state is known and wait checks it first: a wait while L is not locked at
 * all is `cond-wait-without-lock`, a fatal error with the text Go's Wait dies with when it unlocks an
 * unlocked L (`sync: unlock of unlocked mutex`, or the RWMutex forms). Go's locks have no owner, so a
 * wait by a goroutine other than the one that locked L is legal (it releases that lock, as Go does;
 * a real Kubernetes kernel hands its lock over like this): only an unlocked L is reported.
 *
 * The lost wake-up hint ("check the condition in a loop") is given only about a waiter that did not
 * check anything between taking L and waiting (its last operation before the wait was the lock):
 * a waiter that re-checks its condition lost no wake-up to a missing check.
 *
 * Happens-before: through L as usual, plus Signal/Broadcast → the return of the wait it woke.
 */
import { VectorClock } from '../../runtime/clock.js';
import { currentExecution } from '../../runtime/current.js';
import { ScenarioError } from '../../runtime/errors.js';
import { Op } from '../../runtime/op.js';
import type { Thread } from '../../runtime/thread.js';
import type { Locker } from '../core/locker.js';
import { COPY, SimObject, type Copyable } from '../core/object.js';
import { acquire, releaseSnapshot } from '../../runtime/sync.js';

/** A Signal or Broadcast that found no goroutine waiting. */
interface Dropped {
  readonly what: 'signal' | 'broadcast';
  readonly by: string;
  readonly at: string | undefined;
  readonly step: number;
}

/** Why `t` may not wait on a Cond over `l` now (Go's text and an explanation), or null. */
function notHeld(l: Locker, t: Thread): { message: string; why: string } | null {
  void t; // who locked L does not matter: Go's locks have no owner
  if (l.isHeld === undefined || l.unheldError === undefined || l.isHeld()) return null;
  return l.unheldError();
}

/**
 * Did `t` check anything between taking L and calling wait? False when its last completed operation is the
 * one that took L (same call site); unknown (true) when locations are not captured or L is not a Mutex/RWMutex.
 */
function checkedBeforeWait(l: Locker, t: Thread): boolean {
  const takenAt = l.heldSince?.();
  return takenAt === undefined || t.lastAt !== takenAt;
}

function isLocker(x: unknown): x is Locker {
  return typeof x === 'object' && x !== null && typeof (x as Locker).lock === 'function' && typeof (x as Locker).unlock === 'function';
}

export class Cond extends SimObject implements Copyable {
  readonly typeName = 'sync.Cond';
  readonly isLockLike = true;
  /** Go's c.L: held while the condition is observed or changed. */
  readonly L: Locker;
  /** Next ticket to hand out (notifyList.wait) and next ticket to notify (notifyList.notify). */
  nextTicket = 0;
  notifyTicket = 0;
  /** The clock of the Signal/Broadcast that notified each ticket not yet consumed. */
  private readonly wakeClocks = new Map<number, VectorClock>();
  /** Goroutines holding a ticket that has not been notified yet, oldest first. */
  readonly waiting: Thread[] = [];
  readonly dropped: Dropped[] = [];
  /** Tickets of waiters that waited right after taking L, without checking a condition (see checkedBeforeWait). */
  private readonly unchecked = new Set<number>();

  constructor(locker: Locker, opts: string | { name?: string } = {}) {
    if (!isLocker(locker)) {
      currentExecution('new Cond()');
      throw new ScenarioError('new Cond(locker): locker must have lock() and unlock(), e.g. a Mutex, an RWMutex or rw.rLocker()');
    }
    super('new Cond()', typeof opts === 'string' ? opts : opts.name, 'cond');
    this.L = locker;
  }

  /** Go's Wait: unlock L, sleep until signalled, lock L again. Call it with L held, in a loop. */
  async wait(): Promise<void> {
    const ticket = await new EnterOp(this);
    await this.L.unlock();
    await new SleepOp(this, ticket);
    await this.L.lock();
  }

  /** Wake the goroutine that has waited longest, if any (the caller need not hold L). */
  signal(): Promise<void> {
    return new NotifyOp(this, 'signal');
  }

  /** Wake every waiting goroutine (the caller need not hold L). */
  broadcast(): Promise<void> {
    return new NotifyOp(this, 'broadcast');
  }

  notify(op: NotifyOp, all: boolean): number {
    this.used = true;
    const t = op.thread;
    const outstanding = this.nextTicket - this.notifyTicket;
    if (outstanding === 0) {
      this.dropped.push({ what: all ? 'broadcast' : 'signal', by: t.name, at: op.at, step: this.exec.steps });
      return 0;
    }
    const clock = releaseSnapshot(t);
    const n = all ? outstanding : 1;
    for (let i = 0; i < n; i++) this.wakeClocks.set(this.notifyTicket++, clock);
    this.waiting.splice(0, n);
    return n;
  }

  /** Take a ticket for `t` (Go's notifyListAdd). */
  enter(t: Thread): number {
    this.used = true;
    this.waiting.push(t);
    return this.nextTicket++;
  }

  /** `t` returns from its sleep on `ticket`: acquire what the notifier released. */
  leave(t: Thread, ticket: number): void {
    const c = this.wakeClocks.get(ticket);
    if (c) acquire(t, c);
    this.wakeClocks.delete(ticket);
  }

  /** Remember whether the waiter holding `ticket` checked anything between taking L and waiting. */
  noteCheck(ticket: number, t: Thread): void {
    if (!checkedBeforeWait(this.L, t)) this.unchecked.add(ticket);
  }

  /** Report lines about the wake-ups this Cond dropped, for a goroutine asleep in it on `ticket`. */
  droppedLines(ticket: number): string[] {
    const d = this.dropped;
    if (d.length === 0) return [`no signal or broadcast of ${this.label} was dropped: none came after the goroutines waiting in it took their tickets`];
    const shown = d.slice(-5).map((x) => `${x.what} by '${x.by}'${x.at ? ` at ${x.at}` : ''} (step ${x.step})`);
    const more = d.length > shown.length ? ` (the last ${shown.length} shown)` : '';
    const calls = `${d.length} signal/broadcast call${d.length === 1 ? '' : 's'} on ${this.label} found no goroutine waiting and ${d.length === 1 ? 'was' : 'were'} dropped${more}`;
    if (!this.unchecked.has(ticket)) return [`${calls}:`, ...shown.map((s) => `  ${s}`)];
    return [
      `lost wake-up? ${calls}:`,
      ...shown.map((s) => `  ${s}`),
      'a Cond has no memory: check the condition in a loop, under the lock, before waiting (for !cond { c.Wait() })',
    ];
  }

  [COPY](): Cond {
    // A Cond holds a pointer to its Locker: the copy shares L and carries the ticket counters.
    const c = new Cond(this.L, `${this.name} (copy)`);
    c.nextTicket = this.nextTicket;
    c.notifyTicket = this.notifyTicket;
    c.used = this.used;
    return c;
  }

  stateSummary(): string {
    const n = this.nextTicket - this.notifyTicket;
    return n === 0 ? 'no waiters' : `${n} waiter${n === 1 ? '' : 's'}`;
  }
}

/** Wait's first step: check L is held, take a ticket. */
class EnterOp extends Op<number> {
  readonly kind = 'wait';
  private ticket = -1;
  constructor(readonly obj: Cond) {
    super(obj.exec);
  }
  step(): boolean {
    const c = this.obj;
    const t = this.thread;
    const bad = notHeld(c.L, t);
    if (bad) {
      c.used = true;
      this.exec.fatal('cond-wait-without-lock', bad.message, {
        threads: [t],
        locations: [this.at],
        details: [
          `goroutine '${t.name}' called wait on ${c.label} without holding its lock: ${bad.why}`,
          'Wait unlocks L before it sleeps, so L must be locked by the waiting goroutine (lock, then wait in a loop, then unlock)',
        ],
      });
      return this.complete(-1);
    }
    this.ticket = c.enter(t);
    c.noteCheck(this.ticket, t);
    return this.complete(this.ticket);
  }
  describe(): string {
    return `wait of ${this.obj.label}`;
  }
  override traced(): string {
    return `wait ${this.obj.label}: takes ticket ${this.ticket}`;
  }
}

/** Asleep in wait until the ticket is notified. */
class SleepOp extends Op<void> {
  readonly kind = 'wait';
  constructor(
    readonly obj: Cond,
    private readonly ticket: number,
  ) {
    super(obj.exec);
  }
  override enabled(): boolean {
    return this.ticket < this.obj.notifyTicket;
  }
  override explain(): string[] {
    return this.obj.droppedLines(this.ticket);
  }
  step(): boolean {
    this.obj.leave(this.thread, this.ticket);
    return this.complete(undefined);
  }
  describe(): string {
    return `wait of ${this.obj.label}`;
  }
  override traced(): string {
    return `wait ${this.obj.label}: woken (ticket ${this.ticket})`;
  }
}

class NotifyOp extends Op<void> {
  readonly kind: 'signal' | 'broadcast';
  private woke = 0;
  constructor(
    readonly obj: Cond,
    what: 'signal' | 'broadcast',
  ) {
    super(obj.exec);
    this.kind = what;
  }
  step(): boolean {
    this.woke = this.obj.notify(this, this.kind === 'broadcast');
    return this.complete(undefined);
  }
  describe(): string {
    return `${this.kind} of ${this.obj.label}`;
  }
  override traced(): string {
    return this.woke === 0 ? `${this.kind} ${this.obj.label}: nobody waiting, dropped` : `${this.kind} ${this.obj.label}: wakes ${this.woke}`;
  }
}
