/**
 * `std::sync::Condvar` for the 'simcc/rust' flavour (shared/scenario-api.md §2b).
 *
 * `wait(guard)` consumes the guard (a later use of it is a use after move) and is one operation of
 * two steps:
 * 1. release the Mutex and join the Condvar's waiters, atomically (a notification from now on reaches
 *    this wait). Here the wait may also **wake spuriously**: a scheduling choice
 *    (`exec.choose('spurious-wakeup', 2)`), offered unless this thread's last waits on this Condvar
 *    already woke spuriously `limit` times in a row (`--spurious-wakeups N`, default 1; a wait that
 *    returns by a notification or a timeout resets the count). So `if` instead of `while` around a
 *    wait is found, and a `while` loop's exploration still ends. Deciding at this step loses nothing:
 *    between joining the waiters and re-acquiring the lock the waiter does nothing another thread can
 *    see, and the re-acquire step can come as late as any real spurious wake-up would.
 * 2. once woken (notified, timed out, or spuriously) and the Mutex is free: re-acquire it and return
 *    a new guard, `Err(PoisonError)` if the Mutex is poisoned by then.
 * A waiter not woken is blocked: a possible spurious wake-up is not a way out, so a thread left
 * waiting with nobody to notify it is a deadlock or a leak, and the report lists the notifications
 * that found nobody waiting (a lost wake-up).
 *
 * `notifyOne()` wakes the waiter that has waited longest (std promises no order; simcc wakes in FIFO order),
 * `notifyAll()` every current waiter; with nobody waiting the notification is lost (recorded for
 * reports). Neither needs the Mutex held. `waitTimeout(guard, ms)` → `LockResult<[guard, { timedOut }]>`
 * starts a virtual timer at step 1 (a timer that fires while the thread still waits times it out; it
 * is not cancelled by a notification, whose firing is then a no-op: see the comment at timers.add);
 * `waitWhile` and `waitTimeoutWhile` are std's loops around them. Waiting with guards of two different
 * Mutexes on one Condvar panics as std's did ("attempted to use a condition variable with two
 * mutexes"): the guard moved into the wait is then dropped by the unwinding (unlock, poison).
 *
 * Happens-before: through the Mutex (every wait returns by re-acquiring it), plus notify → the return
 * of the wait it woke (the notifier's clock, as Go's runtime annotates a Cond).
 *
 * Dependence: step 1 writes the Condvar (its waiters) and the Mutex (the release); its spurious
 * choice is a recorded choice whose other answer DPOR branches on (dpor.ts awakeAnswer keeps it
 * sound when the step sleeps for one answer only); step 2 reads the Condvar and writes the Mutex. A notify writes the Condvar, and the waiters it wakes are completed on their behalf
 * (Execution.completedFor), so its event also writes what their step 2 waits on; a timer firing that
 * times a waiter out writes the Condvar.
 */
import { checkWaitCycle } from '../../detectors/deadlock.js';
import type { VectorClock } from '../../runtime/clock.js';
import { ScenarioError } from '../../runtime/errors.js';
import { Op, type Touch } from '../../runtime/op.js';
import { acquire, releaseSnapshot } from '../../runtime/sync.js';
import type { Thread } from '../../runtime/thread.js';
import type { Timer } from '../../runtime/timers.js';
import { SimObject } from '../core/object.js';
import { spuriousWakeupLimit, type LockResult } from './guard.js';
import { MutexGuard, type Mutex } from './mutex.js';
import { consume } from './ownership.js';
import { makePanic, panicInfoOf } from './panic.js';
import { Err, Ok, poisonError } from './result.js';
import { blockingCall } from '../core/blocking-call.js';

export interface CondvarOptions {
  name?: string;
}

/** `std::sync::WaitTimeoutResult`: whether the wait returned because its time ran out. */
export interface WaitTimeoutResult {
  readonly timedOut: boolean;
}

/** A notification that found nobody waiting. */
interface Lost {
  readonly what: 'notifyOne' | 'notifyAll';
  readonly by: string;
  readonly at: string | undefined;
  readonly step: number;
}

export class Condvar extends SimObject {
  readonly typeName = 'Condvar';
  /** The Mutex of the first wait: every wait must use it. */
  mutex: Mutex<unknown> | null = null;
  /** Waits that joined and were not woken yet, oldest first. */
  readonly waiters: WaitOp<unknown>[] = [];
  readonly lost: Lost[] = [];
  /** Per thread, how many of its last waits here in a row woke spuriously. */
  private readonly spuriousRun = new Map<Thread, number>();

  constructor(opts: CondvarOptions | string = {}) {
    const o = typeof opts === 'string' ? { name: opts } : (opts ?? {});
    super('new Condvar()', o.name, 'condvar');
  }

  /** Release the guard's Mutex, wait for a notification (or a spurious wake-up), re-acquire it. */
  async wait<T>(guard: MutexGuard<T>): Promise<LockResult<MutexGuard<T>>> {
    const op = new WaitOp<T>(this, this.take(guard, 'wait'), undefined);
    return await blockingCall(op, 'std Condvar::wait', true);
  }

  /** Wait while `pred(value)` holds (checked first, and after every wake-up). */
  async waitWhile<T>(guard: MutexGuard<T>, pred: (value: T) => boolean): Promise<LockResult<MutexGuard<T>>> {
    checkPred(pred, 'waitWhile');
    let g = guard;
    while (pred(g.value)) {
      const r = await this.wait(g);
      if (!r.ok) return r;
      g = r.value;
    }
    return Ok(g);
  }

  /** As wait, but at most `ms` of virtual time: `[guard, { timedOut }]`. */
  async waitTimeout<T>(guard: MutexGuard<T>, ms: number): Promise<LockResult<[MutexGuard<T>, WaitTimeoutResult]>> {
    const d = duration(ms, 'waitTimeout');
    const op = new WaitOp<T>(this, this.take(guard, 'waitTimeout'), d);
    const r = await blockingCall(op, 'std Condvar::wait_timeout', true);
    const res: WaitTimeoutResult = Object.freeze({ timedOut: op.timedOut });
    if (r.ok) return Ok([r.value, res]);
    const pe = r.error;
    return Err(poisonError<[MutexGuard<T>, WaitTimeoutResult]>([pe.intoInner(), res], pe.poisonedBy));
  }

  /** Wait while `pred(value)` holds, for at most `ms` in all: `timedOut` when the time ran out first. */
  async waitTimeoutWhile<T>(guard: MutexGuard<T>, ms: number, pred: (value: T) => boolean): Promise<LockResult<[MutexGuard<T>, WaitTimeoutResult]>> {
    const d = duration(ms, 'waitTimeoutWhile');
    checkPred(pred, 'waitTimeoutWhile');
    const start = this.exec.time;
    let g = guard;
    for (;;) {
      if (!pred(g.value)) return Ok([g, Object.freeze({ timedOut: false })]);
      const elapsed = this.exec.time - start;
      if (elapsed > d) return Ok([g, Object.freeze({ timedOut: true })]);
      const r = await this.waitTimeout(g, d - elapsed);
      if (!r.ok) return r;
      g = r.value[0];
      // Timed out: no time is left (std's loop sees elapsed > dur; virtual time stands still at the deadline).
      if (r.value[1].timedOut) return Ok([g, Object.freeze({ timedOut: pred(g.value) })]);
    }
  }

  /** Wake the longest waiter, if any (a notification with nobody waiting is lost). */
  notifyOne(): Promise<void> {
    return new NotifyOp(this, 'notifyOne');
  }

  /** Wake every current waiter. */
  notifyAll(): Promise<void> {
    return new NotifyOp(this, 'notifyAll');
  }

  private take<T>(guard: MutexGuard<T>, what: string): MutexGuard<T> {
    if (!(guard instanceof MutexGuard)) {
      throw new ScenarioError(`Condvar.${what}: needs a MutexGuard (the unwrapped result of mutex.lock()), got ${describe(guard)}`);
    }
    consume(guard, `Condvar.${what}`, `moved into Condvar.${what}`);
    return guard;
  }

  /** @internal How many spurious wake-ups `t` had in a row here, and the limit. */
  maySpuriouslyWake(t: Thread): boolean {
    return (this.spuriousRun.get(t) ?? 0) < spuriousWakeupLimit(this.exec);
  }

  /** @internal `t`'s wait woke spuriously (true) or by a notification or timeout (false). */
  noteWake(t: Thread, spurious: boolean): void {
    if (spurious) this.spuriousRun.set(t, (this.spuriousRun.get(t) ?? 0) + 1);
    else this.spuriousRun.delete(t);
  }

  /** @internal The notify step of `op`: wake one or all waiters. */
  notify(op: NotifyOp): number {
    this.used = true;
    const t = op.thread;
    if (this.waiters.length === 0) {
      this.lost.push({ what: op.kind, by: t.name, at: op.at, step: this.exec.steps });
      return 0;
    }
    const clock = releaseSnapshot(t);
    const n = op.kind === 'notifyAll' ? this.waiters.length : 1;
    for (const w of this.waiters.splice(0, n)) {
      w.wake('notify', clock);
      this.exec.completedFor.push(w.thread.id);
      // Woken, it now waits for the Mutex's holder: a cycle that closes here is a deadlock now.
      if (w.mutexLocked()) checkWaitCycle(this.exec, w.thread);
    }
    return n;
  }

  /** @internal Remove a waiter (woken spuriously or timed out). */
  leave(w: WaitOp<unknown>): void {
    const i = this.waiters.indexOf(w);
    if (i >= 0) this.waiters.splice(i, 1);
  }

  /** Report lines about the notifications that found nobody waiting, for a thread asleep here. */
  lostLines(): string[] {
    const d = this.lost;
    if (d.length === 0) return [`no notification of ${this.label} came while this thread waited, and none was lost`];
    const shown = d.slice(-5).map((x) => `  ${x.what} by '${x.by}'${x.at ? ` at ${x.at}` : ''} (step ${x.step})`);
    return [
      `lost wake-up? ${d.length} notification${d.length === 1 ? '' : 's'} of ${this.label} found nobody waiting${d.length > shown.length ? ` (the last ${shown.length} shown)` : ''}:`,
      ...shown,
      'a Condvar has no memory: keep the state under the Mutex and wait in a loop (while !cond { g = cvar.wait(g) }, or waitWhile)',
    ];
  }
}

function checkPred(pred: unknown, what: string): void {
  if (typeof pred !== 'function') throw new ScenarioError(`Condvar.${what}: needs a predicate function of the value`);
}

function duration(ms: unknown, what: string): number {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw new ScenarioError(`Condvar.${what} needs a number of milliseconds ≥ 0, got ${String(ms)}`);
  return ms;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (typeof v !== 'object') return `a ${typeof v}`;
  const n = (Object.getPrototypeOf(v) as { constructor?: { name?: string } } | null)?.constructor?.name;
  return n && n !== 'Object' ? `a ${n}` : 'an object';
}

type Woken = 'notify' | 'timeout' | 'spurious';

/** A wait: join (releasing the Mutex, maybe waking spuriously), then re-acquire once woken. */
class WaitOp<T> extends Op<LockResult<MutexGuard<T>>> {
  readonly kind = 'wait' as const;
  private phase: 0 | 1 = 0;
  private woken: Woken | null = null;
  private wakeClock: VectorClock | null = null;
  private timer: Timer | null = null;
  timedOut = false;
  private readonly mutex: Mutex<T>;
  /** Whether step 1 will offer the spurious choice (fixed when the op is made: nothing changes it before the step). */
  private readonly offersChoice: boolean;

  constructor(
    readonly obj: Condvar,
    guard: MutexGuard<T>,
    private readonly timeout: number | undefined,
  ) {
    super(obj.exec);
    this.mutex = guard.mutex;
    this.offersChoice = obj.maySpuriouslyWake(this.thread);
  }

  override footprint(): readonly Touch[] {
    if (this.phase === 1) return [{ id: this.obj.id, read: true }, { id: this.mutex.id, read: false }];
    return [{ id: this.obj.id, read: false }, { id: this.mutex.id, read: false }];
  }

  override enabled(): boolean {
    return this.phase === 0 || (this.woken !== null && !this.mutex.core.locked);
  }

  override waitsFor(): Thread | null {
    return this.phase === 1 && this.woken !== null ? this.mutex.core.holder : null;
  }

  override explain(): string[] {
    return this.phase === 1 && this.woken === null ? this.obj.lostLines() : [];
  }

  /** @internal Is the Mutex it re-acquires held now? */
  mutexLocked(): boolean {
    return this.mutex.core.locked;
  }

  /** @internal Woken by a notification (with the notifier's clock) or a timeout. */
  wake(how: Woken, clock: VectorClock | null): void {
    if (this.woken !== null) return;
    this.woken = how;
    this.wakeClock = clock;
    this.timedOut = how === 'timeout';
  }

  step(): boolean {
    const cv = this.obj;
    const m = this.mutex;
    const t = this.thread;
    if (this.phase === 0) {
      cv.used = true;
      if (cv.mutex !== null && cv.mutex !== (m as Mutex<unknown>)) {
        const p = makePanic('panic', 'attempted to use a condition variable with two mutexes', this.at);
        // The guard moved into wait is dropped by the unwinding: the Mutex is unlocked and poisoned.
        m.give(t, true, panicInfoOf(p, t));
        throw p;
      }
      cv.mutex = m as Mutex<unknown>;
      m.give(t, false, undefined);
      this.phase = 1;
      cv.waiters.push(this as WaitOp<unknown>);
      if (this.offersChoice && this.exec.choose('spurious-wakeup', 2) === 1) {
        cv.leave(this as WaitOp<unknown>);
        this.wake('spurious', null);
        return false;
      }
      if (this.timeout !== undefined) {
        const deadline = this.exec.time + this.timeout;
        this.timer = this.exec.timers.add(
          deadline,
          `time out '${t.name}' waiting on ${cv.label}`,
          () => {
            if (this.woken !== null) return;
            cv.leave(this as WaitOp<unknown>);
            this.wake('timeout', null);
          },
          // Constant, and never cancelled: a notify that comes first makes the firing a no-op, and the
          // explorers must see that notify and firing race (a cancel or a state-dependent footprint
          // hides the other order from DPOR: the condvar DPOR-vs-brute-force test catches it).
          [{ id: cv.id, read: false }],
          t.key,
        );
      }
      return false;
    }
    cv.noteWake(t, this.woken === 'spurious');
    if (this.wakeClock) acquire(t, this.wakeClock);
    const g = m.take(t, this.at, true);
    return this.complete(m.poison.result(g));
  }

  describe(): string {
    const cv = this.obj;
    if (this.phase === 0) return `wait on ${cv.label}`;
    if (this.woken === null) return `wait on ${cv.label} (asleep until notified${this.timer ? `, or until ${this.timer.deadline} ms` : ''})`;
    return `wait on ${cv.label} (${this.wokenWord()}; re-acquiring ${this.mutex.label}${this.mutex.heldNote()})`;
  }

  private wokenWord(): string {
    return this.woken === 'notify' ? 'notified' : this.woken === 'timeout' ? 'timed out' : 'woken spuriously';
  }

  override traced(): string {
    const cv = this.obj;
    if (this.phase === 1 && this.woken === 'spurious' && !this.mutex.core.heldBy(this.thread)) return `wait on ${cv.label}: unlocks ${this.mutex.label}, wakes spuriously`;
    if (this.phase === 1 && !this.mutex.core.heldBy(this.thread)) return `wait on ${cv.label}: unlocks ${this.mutex.label}, sleeps`;
    return `wait on ${cv.label} returns (${this.wokenWord()}), re-locks ${this.mutex.label}${this.mutex.poison.poisoned ? ' (poisoned)' : ''}`;
  }
}

class NotifyOp extends Op<void> {
  private woke = 0;
  constructor(
    readonly obj: Condvar,
    readonly kind: 'notifyOne' | 'notifyAll',
  ) {
    super(obj.exec);
  }
  step(): boolean {
    this.woke = this.obj.notify(this);
    return this.complete(undefined);
  }
  describe(): string {
    return `${this.kind} of ${this.obj.label}`;
  }
  override traced(): string {
    return this.woke === 0 ? `${this.kind} ${this.obj.label}: nobody waiting, lost` : `${this.kind} ${this.obj.label}: wakes ${this.woke}`;
  }
}

