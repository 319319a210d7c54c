/**
 * tokio::time on the virtual clock (shared/scenario-api.md §2c): `sleep`, `sleepUntil`, `sleepBranch`,
 * `Instant`, `interval` → `tick()`, `timeout(ms, () => op)` → `Result<T, Elapsed>`.
 *
 * As tokio's, a sleep's deadline is fixed when the operation is made (`sleep(ms)` reads the clock then),
 * and its timer starts at the first poll (the TokioOp's first step): a sleep whose deadline has passed is
 * ready at once. A cancelled sleep (a lost select branch, an aborted task) is marked cancelled: its
 * timer stays in the queue and its firing does nothing (see DeadlineSel.cancel).
 * `timeout` polls its operation first, then its deadline (tokio's order): when both are ready the
 * operation wins; when the deadline wins, the operation is cancelled (its `cancel` runs).
 */
import { currentExecution } from '../../runtime/current.js';
import { ScenarioError } from '../../runtime/errors.js';
import type { Execution } from '../../runtime/execution.js';
import { NO_TOUCH, type Touch } from '../../runtime/op.js';
import type { Timer } from '../../runtime/timers.js';
import { Err, Ok, type Result } from '../rust/result.js';
import { DEBUG } from '../rust/result.js';
import { operationOf } from './task.js';
import { PENDING, TokioFuture, type Poll, type Selectable, type TokioOp } from './future.js';

function duration(ms: unknown, what: string): number {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw new ScenarioError(`${what} needs a non-negative number of milliseconds, got ${String(ms)}`);
  return ms;
}

/** A point in virtual time (tokio's `Instant`): milliseconds since the execution started. */
export class Instant {
  constructor(readonly ms: number) {}
  /** The virtual time now. */
  static now(): Instant {
    return new Instant(currentExecution('Instant.now()').time);
  }
  /** Milliseconds since this instant (reads the clock). */
  elapsed(): number {
    return currentExecution('Instant.elapsed()').time - this.ms;
  }
  /** Milliseconds from `earlier` to this instant (0 if `earlier` is later, as tokio's saturating form). */
  durationSince(earlier: Instant): number {
    return Math.max(0, this.ms - earlier.ms);
  }
  /** This instant plus `ms`. */
  add(ms: number): Instant {
    return new Instant(this.ms + duration(ms, 'Instant.add'));
  }
  valueOf(): number {
    return this.ms;
  }
  toString(): string {
    return `Instant(${this.ms} ms)`;
  }
}

/** A wait until a virtual deadline (sleep, sleepUntil, a timeout's delay, an interval's tick). */
export class DeadlineSel implements Selectable<void> {
  readonly kind: 'sleep' | 'tick' = 'sleep';
  readonly obj = null;
  private timer: Timer | null = null;
  private fired = false;
  private cancelled = false;
  /** The object its timer's firing writes, and so does every step of the op that waits on it. */
  private touch: readonly Touch[] = NO_TOUCH;
  constructor(
    private readonly exec: Execution,
    readonly deadline: number,
    private readonly what: string,
  ) {}
  begin(op: TokioOp<unknown>): void {
    if (this.fired) return;
    // The first poll: a deadline already reached is ready at once (a read of the clock, in the step).
    if (this.deadline <= this.exec.time) {
      this.fired = true;
      return;
    }
    // Its firing writes an object of this wait's own, which the waiting op's steps write too, so the
    // explorers order the firing with the step that completes or cancels the wait, whichever comes first.
    const id = this.exec.newObjectId();
    this.touch = [{ id, read: false }];
    this.timer = this.exec.timers.add(this.deadline, `wake '${op.thread.name}' from ${this.what}`, () => {
      if (!this.cancelled) this.fired = true;
    }, this.touch, op.thread.key);
  }
  ready(): boolean {
    return this.fired && !this.cancelled;
  }
  take(): Poll<void> {
    return undefined;
  }
  /**
   * The timer is not removed from the queue (a firing after the cancel does nothing): a step that
   * disabled a firing is an order the explorers cannot reverse (as rust/mpsc.ts's recvTimeout).
   */
  cancel(): void {
    this.cancelled = true;
  }
  touches(): readonly Touch[] {
    return this.touch;
  }
  describe(): string {
    return this.timer ? `${this.what} until ${this.deadline} ms` : this.what;
  }
  traced(): string {
    return this.fired ? `${this.what} elapsed` : this.describe();
  }
}

function sleepSel(exec: Execution, ms: number): DeadlineSel {
  return new DeadlineSel(exec, exec.time + ms, `sleep(${ms})`);
}

function untilMs(t: unknown): number {
  if (t instanceof Instant) return t.ms;
  if (typeof t === 'number' && Number.isFinite(t)) return t;
  throw new ScenarioError(`sleepUntil needs an Instant or a virtual time in milliseconds, got ${String(t)}`);
}

/** tokio's `sleep`: completes once `ms` of virtual time have passed since it was made. */
export function sleep(ms: number): TokioFuture<void> {
  const exec = currentExecution('sleep()');
  return new TokioFuture(exec, sleepSel(exec, duration(ms, 'sleep')));
}

/** tokio's `sleep_until`: completes at virtual time `t` (an Instant or milliseconds). */
export function sleepUntil(t: Instant | number): TokioFuture<void> {
  const exec = currentExecution('sleepUntil()');
  const at = untilMs(t);
  return new TokioFuture(exec, new DeadlineSel(exec, at, `sleepUntil(${at})`));
}

/** A `select` branch that is ready once `ms` have passed (`() = sleep(ms) => …` in `select!`). */
export function sleepBranch(ms: number): Selectable<void> {
  const exec = currentExecution('sleepBranch()');
  return sleepSel(exec, duration(ms, 'sleepBranch'));
}

/** tokio's `time::error::Elapsed`. */
export interface Elapsed {
  readonly kind: 'Elapsed';
}

const ELAPSED: Elapsed = Object.freeze(Object.defineProperty({ kind: 'Elapsed' as const }, DEBUG, { value: () => 'Elapsed(())', enumerable: false }));

/** `timeout`: the operation, then the delay (tokio polls in that order); the loser is cancelled. */
class TimeoutSel<T> implements Selectable<Result<T, Elapsed>> {
  readonly kind = 'timeout' as const;
  readonly obj: Selectable<T>['obj'];
  private last = '';
  constructor(
    private readonly inner: Selectable<T>,
    private readonly delay: DeadlineSel,
    private readonly ms: number,
  ) {
    this.obj = inner.obj;
  }
  begin(op: TokioOp<unknown>): void {
    this.inner.begin(op);
    this.delay.begin(op);
  }
  ready(): boolean {
    return this.inner.ready() || this.delay.ready();
  }
  readyMask(): number {
    return (this.inner.ready() ? 1 : 0) | (this.delay.ready() ? 2 : 0) | ((this.inner.readyMask?.() ?? 0) << 2);
  }
  take(op: TokioOp<unknown>): Poll<Result<T, Elapsed>> {
    if (this.inner.ready()) {
      const v = this.inner.take(op);
      if (v === PENDING) return PENDING;
      this.delay.cancel();
      this.last = `timeout(${this.ms}): ${this.inner.traced?.() ?? this.inner.describe()} in time`;
      return Ok(v);
    }
    this.inner.cancel(op);
    this.last = `timeout(${this.ms}) elapsed: cancels ${this.inner.describe()}`;
    return Err(ELAPSED);
  }
  cancel(op: TokioOp<unknown>): void {
    this.inner.cancel(op);
    this.delay.cancel();
  }
  touches(): readonly Touch[] {
    return [...this.inner.touches(), ...this.delay.touches()];
  }
  describe(): string {
    return `timeout(${this.ms}, ${this.inner.describe()})`;
  }
  traced(): string {
    return this.last || this.describe();
  }
  waitsFor(): ReturnType<NonNullable<Selectable<T>['waitsFor']>> {
    return this.inner.waitsFor?.() ?? null;
  }
  explain(): string[] {
    return this.inner.explain?.() ?? [];
  }
}

/**
 * tokio's `timeout(d, fut)`: `f` makes the operation (Rust futures are lazy); it is cancelled if `ms`
 * pass first: `Err(Elapsed)`. `f` returns one tokio operation (sleep, a join, a select, …), or is an
 * async closure (run as a sub-task, aborted when the time elapses: task.ts operationOf).
 */
export function timeout<T>(ms: number, f: () => PromiseLike<T>): TokioFuture<Result<T, Elapsed>> {
  const exec = currentExecution('timeout()');
  const d = duration(ms, 'timeout');
  const inner = operationOf<T>(f, 'timeout(ms, f): f', 'timeout');
  const delay = new DeadlineSel(exec, exec.time + d, `timeout(${d})`);
  return new TokioFuture(exec, new TimeoutSel<T>(inner, delay, d));
}

/** tokio's `Interval` (MissedTickBehavior::Burst): the first tick completes at once. */
export class Interval {
  private next: number;
  /** @internal */
  constructor(
    private readonly exec: Execution,
    readonly period: number,
  ) {
    this.next = exec.time;
  }
  /** Wait for the next tick; resolves to its scheduled Instant. Cancel safe: a cancelled tick is not consumed. */
  tick(): TokioFuture<Instant> {
    const exec = currentExecution('tick()');
    const at = this.next;
    const sel = new DeadlineSel(exec, at, `tick of interval(${this.period})`);
    (sel as { kind: 'sleep' | 'tick' }).kind = 'tick';
    return new TokioFuture(exec, {
      kind: 'tick',
      obj: null,
      begin: (op) => sel.begin(op),
      ready: () => sel.ready(),
      take: () => {
        this.next = at + this.period;
        return new Instant(at);
      },
      cancel: () => sel.cancel(),
      touches: () => sel.touches(),
      describe: () => sel.describe(),
      traced: () => `tick of interval(${this.period}) at ${at} ms`,
    });
  }
  /** Restart: the next tick is one period from now. */
  reset(): void {
    this.next = this.exec.time + this.period;
  }
}

/** tokio's `interval(period)`. */
export function interval(ms: number): Interval {
  const exec = currentExecution('interval()');
  const d = duration(ms, 'interval');
  if (d === 0) throw new ScenarioError('interval: the period must be non-zero (tokio panics)');
  return new Interval(exec, d);
}
