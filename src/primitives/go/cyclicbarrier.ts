/**
 * github.com/marusama/cyclicbarrier, the CyclicBarrier of the course (ch17), step by step.
 *
 * - `new CyclicBarrier(parties, { name?, action? })`. `await(ctx?)` counts the caller in the current
 *   round; the last party to arrive runs `action` (if any), then trips the round: every waiter is
 *   released and a fresh round begins (the barrier is reusable, hence cyclic). The arrival and the
 *   trip are separate steps, as in the library (it unlocks in between), so a party too many that
 *   arrives in that window panics `CyclicBarrier.Await is called more than count of parties`.
 * - A round breaks when `reset()` is called while parties wait, when a waiting party's context is
 *   done, or when `action` throws. Waiters of a broken round, and every later `await` until
 *   `reset()`, throw Go's panic-like `broken barrier` (kind `barrier-broken`; marusama's
 *   ErrBrokenBarrier, which Go code has to check: an unchecked one is a bug, so simcc throws it and
 *   a scenario may catch it). The party whose context interrupted it gets `ctx.err()` as its result,
 *   and a last party whose action threw gets that error as its result (the action fails by
 *   throwing; a Go panic inside it is rethrown as it is). A context already done returns its error
 *   at once without arriving.
 * - `await` resolves to null on success. The misuse panics use kind `barrier-broken` too
 *   (`parties must be positive number` for a bad size).
 * - As in the library, a waiter both released and interrupted picks one at random (a recorded
 *   choice), and the trip, a context interruption and `reset()` act on the barrier's current round.
 *
 * Await is a driver (wait-op.ts, the Selectable protocol of core/selectable.ts) over the library's
 * select of a waiting party: RoundSignal 'trip' and 'broken' (below: the round's waitCh and brokeCh) and
 * CloseWatch (close-watch.ts: ctx.Done()). Its first step arrives and, unless it is the last party,
 * begins them; a later step picks one of those ready (a recorded choice when several are), cancels the
 * others in that step (it leaves the round's waiters, no longer watches the close) and takes it.
 *
 * Happens-before: every party's arrival happens before every party's return of that round (the
 * arrivals merge into the round's clock, the last one and the trip publish it); the breaker's clock
 * reaches the waiters a broken round releases.
 */
import { VectorClock } from '../../runtime/clock.js';
import { currentExecution } from '../../runtime/current.js';
import { SimPanic, Halt, ScenarioError } from '../../runtime/errors.js';
import { Op, SimpleOp, type Touch } from '../../runtime/op.js';
import type { Thread } from '../../runtime/thread.js';
import { CloseWatch } from './close-watch.js';
import type { Context } from './context.js';
import { WaitOp, type GoWait } from './wait-op.js';
import { SimObject } from '../core/object.js';
import { acquire, release } from '../../runtime/sync.js';

export const BROKEN_BARRIER = 'broken barrier';
const OVERFILL = 'CyclicBarrier.Await is called more than count of parties';

/** One round of the barrier (the library's `round`). */
class Round {
  count = 0;
  broken = false;
  tripped = false;
  readonly arrived: Thread[] = [];
  /** The 'trip' signals of its parties waiting (RoundSignal). */
  readonly waiters: RoundSignal[] = [];
  /** Every arrival, then the last party's clock at the trip. */
  readonly clock = new VectorClock();
  /** The breaker's clock. */
  readonly breakClock = new VectorClock();
  constructor(readonly n: number) {}
}

export interface CyclicBarrierOptions {
  name?: string;
  /** Run by the last party of each round before the others are released; a throw breaks the round. */
  action?: () => unknown;
}

export class CyclicBarrier extends SimObject {
  readonly typeName = 'cyclicbarrier.CyclicBarrier';
  readonly parties: number;
  readonly action: (() => unknown) | null;
  round: Round;
  private rounds = 1;
  /** What every await touches: the barrier, written. */
  readonly writes: readonly Touch[];

  constructor(parties: number, opts: CyclicBarrierOptions = {}) {
    super('new CyclicBarrier()', opts.name, 'barrier');
    if (typeof parties !== 'number' || !Number.isInteger(parties)) {
      throw new ScenarioError(`new CyclicBarrier(parties) needs an integer number of parties, got ${String(parties)}`);
    }
    if (parties <= 0) throw new SimPanic('barrier-broken', 'parties must be positive number');
    if (opts.action !== undefined && typeof opts.action !== 'function') throw new ScenarioError('new CyclicBarrier(parties, { action }): action must be a function');
    this.parties = parties;
    this.action = opts.action ?? null;
    this.round = new Round(1);
    this.writes = [{ id: this.id, read: false }];
  }

  override get label(): string {
    return `CyclicBarrier '${this.name}'`;
  }

  /** Wait until `parties` goroutines have called await in this round; null, or ctx.err() if interrupted. */
  await(ctx?: Context): Promise<Error | null> {
    if (ctx !== undefined && ctx !== null && (typeof ctx !== 'object' || typeof ctx.done !== 'function')) {
      throw new ScenarioError('CyclicBarrier.await(ctx?): ctx must be a context (context.background() or a derived one)');
    }
    return this.pass(new ArriveOp(this, ctx ?? null));
  }

  /** Back to a fresh round; parties waiting in the current one get `broken barrier`. */
  reset(): Promise<void> {
    return new SimpleOp(currentExecution('CyclicBarrier.reset()'), this, 'reset', `reset of ${this.label}`, () => {
      this.used = true;
      const t = this.exec.running!;
      if (this.round.count > 0) this.breakRound(this.round, t);
      this.newRound();
    });
  }

  /** Whether the current round is broken. */
  isBroken(): Promise<boolean> {
    return new SimpleOp(currentExecution('CyclicBarrier.isBroken()'), this, 'read', `isBroken of ${this.label}`, () => this.round.broken);
  }

  /** How many parties have arrived in the current round. */
  numberWaiting(): Promise<number> {
    return new SimpleOp(currentExecution('CyclicBarrier.numberWaiting()'), this, 'read', `numberWaiting of ${this.label}`, () => this.round.count);
  }

  private async pass(arrive: ArriveOp): Promise<Error | null> {
    const r = await arrive;
    if (r !== 'last') return r;
    if (this.action) {
      try {
        await this.action();
      } catch (e) {
        if (e instanceof Halt || e instanceof ScenarioError || e instanceof SimPanic) throw e;
        await new BreakOp(this);
        return e instanceof Error ? e : new Error(String(e));
      }
    }
    await new TripOp(this);
    return null;
  }

  /** Break `round` by `t` (once): its waiters wake and throw `broken barrier`. */
  breakRound(round: Round, t: Thread): void {
    if (round.broken) return;
    round.broken = true;
    release(t, round.breakClock);
  }

  newRound(): void {
    this.round = new Round(++this.rounds);
  }

  stateSummary(): string {
    const r = this.round;
    const who = r.arrived.length ? `: ${r.arrived.map((t) => `'${t.name}'`).join(', ')}` : '';
    return `round ${r.n}${r.broken ? ' (broken)' : ''}, ${r.count} of ${this.parties} parties arrived${who}`;
  }
}

type Outcome = Error | null | 'last';

/**
 * One of a round's two signals as a Selectable driven by an ArriveOp: 'trip' (the library's waitCh,
 * closed when the round trips) or 'broken' (brokeCh, closed when it breaks).
 * - `begin(d)`: on the barrier's current round (the one `d` has just arrived in, in the same step);
 *   'trip' joins the round's waiters, which the trip marks woken.
 * - `ready()`: the round tripped, or broke.
 * - `take(d)`: `d`'s goroutine acquires the round's clock (every arrival), or the breaker's.
 * - `cancel(d)`: 'trip' leaves the round's waiters; 'broken' registered nothing.
 * - `touches()`: the barrier, written.
 */
class RoundSignal implements GoWait<void> {
  readonly kind = 'await' as const;
  private round: Round | null = null;
  private driver: WaitOp<unknown> | null = null;

  constructor(
    readonly obj: CyclicBarrier,
    readonly which: 'trip' | 'broken',
  ) {}

  begin(d: WaitOp<unknown>): void {
    this.driver = d;
    this.round = this.obj.round;
    if (this.which === 'trip') this.round.waiters.push(this);
  }

  /**
   * The round tripped: its waiter is woken, so a close later does not complete it again. No retest: the
   * trip's step writes the barrier, which the waiter watches.
   */
  released(): void {
    this.driver!.woken = true;
  }

  ready(): boolean {
    const r = this.round;
    return r !== null && (this.which === 'trip' ? r.tripped : r.broken);
  }

  take(d: WaitOp<unknown>): void {
    const r = this.round!;
    acquire(d.thread, this.which === 'trip' ? r.clock : r.breakClock);
  }

  cancel(): void {
    if (this.which !== 'trip') return;
    const w = this.round!.waiters; // it is there: only its own cancel takes it out
    w.splice(w.indexOf(this), 1);
  }

  touches(): readonly Touch[] {
    return this.obj.writes;
  }

  describe(): string {
    return `${this.which === 'trip' ? 'trip' : 'break'} of ${this.obj.label}`;
  }
}

/** Arrive; if not the last party, wait until the round trips or breaks, or the context is done. */
class ArriveOp extends WaitOp<Outcome> {
  readonly kind = 'await';
  /** The round it arrived in (null before its first step). */
  private round: Round | null = null;
  private note = '';
  private readonly trip: RoundSignal;
  private readonly broken: RoundSignal;
  private readonly close: CloseWatch | null;
  protected readonly waits: readonly GoWait<unknown>[];

  constructor(
    readonly obj: CyclicBarrier,
    private readonly ctx: Context | null,
  ) {
    super(obj.exec);
    const ch = ctx ? ctx.done() : null;
    this.trip = new RoundSignal(obj, 'trip');
    this.broken = new RoundSignal(obj, 'broken');
    this.close = ch && !ch.isNil ? new CloseWatch(ch) : null;
    this.waits = this.close ? [this.trip, this.broken, this.close] : [this.trip, this.broken];
  }

  step(): boolean {
    const b = this.obj;
    const t = this.thread;
    b.used = true;
    if (this.round === null) {
      const err = this.ctx?.err() ?? null;
      if (err) return this.finish(err, 'context already done');
      const r = b.round;
      if (r.broken) throw new SimPanic('barrier-broken', BROKEN_BARRIER);
      r.count++;
      r.arrived.push(t);
      release(t, r.clock);
      this.round = r;
      if (r.count > b.parties) throw new SimPanic('barrier-broken', OVERFILL);
      if (r.count === b.parties) {
        acquire(t, r.clock);
        this.note = 'last to arrive: trips the round';
        return this.complete('last');
      }
      this.begin(this.trip);
      this.begin(this.broken);
      if (this.close) this.begin(this.close);
      return false;
    }
    const ready = this.readyWaits();
    const pick = ready[ready.length > 1 ? this.exec.choose('select', ready.length) : 0]!;
    this.cancelAllBut(pick);
    pick.take(this);
    if (pick === this.trip) return this.finish(null, 'released');
    if (pick === this.broken) throw new SimPanic('barrier-broken', BROKEN_BARRIER);
    const err = this.ctx!.err()!;
    b.breakRound(b.round, t);
    return this.finish(err, 'interrupted by its context: breaks the round');
  }

  private finish(result: Error | null, what: string): true {
    this.note = result ? `${what} → ${result.message}` : what;
    return this.complete(result);
  }

  describe(): string {
    const r = this.round;
    const b = this.obj;
    if (r && !r.tripped && !r.broken) return `await of ${b.label} (${r.count} of ${b.parties} parties arrived in round ${r.n})`;
    return `await of ${b.label}`;
  }

  override explain(): string[] {
    const r = this.round;
    if (!r) return [];
    const b = this.obj;
    const missing = b.parties - r.count;
    return [
      `${b.label} round ${r.n}: ${r.arrived.map((t) => `'${t.name}'`).join(', ')} arrived; it waits for ${missing} more part${missing === 1 ? 'y' : 'ies'}`,
    ];
  }

  override traced(): string {
    const b = this.obj;
    if (this.note) return `await ${b.label}: ${this.note}`;
    const r = this.round;
    return r ? `await ${b.label}: arrives (${r.count} of ${b.parties}), waits` : `await ${b.label}`;
  }
}

/** The last party's trip: release the round's waiters and start a new round. */
class TripOp extends Op<void> {
  readonly kind = 'await';
  private tripped = 0;
  constructor(readonly obj: CyclicBarrier) {
    super(obj.exec);
  }
  step(): boolean {
    const b = this.obj;
    const t = this.thread;
    const r = b.round;
    r.tripped = true;
    release(t, r.clock);
    for (const w of r.waiters) w.released();
    this.tripped = r.n;
    b.newRound();
    return this.complete(undefined);
  }
  describe(): string {
    return `trip of ${this.obj.label}`;
  }
  override traced(): string {
    return `trip ${this.obj.label}: round ${this.tripped} released, round ${this.obj.round.n} begins`;
  }
}

/** The last party's action threw: break the current round. */
class BreakOp extends Op<void> {
  readonly kind = 'await';
  constructor(readonly obj: CyclicBarrier) {
    super(obj.exec);
  }
  step(): boolean {
    this.obj.breakRound(this.obj.round, this.thread);
    return this.complete(undefined);
  }
  describe(): string {
    return `break of ${this.obj.label} (its action failed)`;
  }
}
