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
 * Happens-before: every party's arrival happens before every party's return of that round (the
 * arrivals merge into the round's clock, the last one and the trip publish it); the breaker's clock
 * reaches the waiters a broken round releases.
 */
import { VectorClock } from '../../runtime/clock.js';
import { currentExecution } from '../../runtime/current.js';
import { SimPanic, Halt, ScenarioError } from '../../runtime/errors.js';
import { Op, SimpleOp, type Touch } from '../../runtime/op.js';
import type { Thread } from '../../runtime/thread.js';
import type { Channel, Wakeable } from './channel.js';
import type { Context } from './context.js';
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
  readonly waiters: ArriveOp[] = [];
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

/** Arrive; if not the last party, wait until the round trips or breaks, or the context is done. */
class ArriveOp extends Op<Outcome> implements Wakeable {
  readonly kind = 'await';
  woken = false;
  private round: Round | null = null;
  private ctxDone = false;
  private note = '';
  private readonly doneCh: Channel<void> | null;

  constructor(
    readonly obj: CyclicBarrier,
    private readonly ctx: Context | null,
  ) {
    super(obj.exec);
    const ch = ctx ? ctx.done() : null;
    this.doneCh = ch && !ch.isNil ? ch : null;
  }

  override enabled(): boolean {
    const r = this.round;
    return r === null || r.tripped || r.broken || this.ctxDone;
  }

  wake(): void {
    this.ctxDone = true;
    this.woken = true;
    this.exec.retest(this.thread);
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
      r.waiters.push(this);
      if (this.doneCh) this.doneCh.onClose(this);
      return false;
    }
    const r = this.round;
    const ready: ('trip' | 'broken' | 'ctx')[] = [];
    if (r.tripped) ready.push('trip');
    if (r.broken) ready.push('broken');
    if (this.ctxDone) ready.push('ctx');
    const pick = ready[ready.length > 1 ? this.exec.choose('select', ready.length) : 0]!;
    if (pick === 'trip') {
      acquire(t, r.clock);
      return this.finish(null, 'released');
    }
    if (pick === 'broken') {
      this.leave();
      acquire(t, r.breakClock);
      throw new SimPanic('barrier-broken', BROKEN_BARRIER);
    }
    const err = this.ctx!.err()!;
    b.breakRound(b.round, t);
    return this.finish(err, 'interrupted by its context: breaks the round');
  }

  private leave(): void {
    this.woken = true;
    this.doneCh?.offClose(this);
  }

  private finish(result: Error | null, what: string): true {
    this.leave();
    this.note = result ? `${what} → ${result.message}` : what;
    return this.complete(result);
  }

  override footprint(): readonly Touch[] {
    const touches: Touch[] = [{ id: this.obj.id, read: false }];
    if (this.doneCh) touches.push({ id: this.doneCh.id, read: false });
    return touches;
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
    for (const w of r.waiters) w.woken = true;
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
