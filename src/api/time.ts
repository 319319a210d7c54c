/**
 * Virtual time: sleep, after, now, newTimer, afterFunc (Go's time package over the virtual clock).
 * `now()` starts at 0 and moves only when a timer fires; see runtime/timers.ts for when that is.
 *
 * Happens-before, as Go's runtime annotates timers: starting a timer (newTimer, after, afterFunc,
 * reset) releases the starter's clock into the timer, and firing acquires it, so the value a timer
 * channel delivers and the goroutine afterFunc starts see what was done before the timer started,
 * and nothing done after. Timer channels follow Go 1.23: `stop` and `reset` also discard a value
 * that fired but was not received (and then report the timer as active), so no stale value is
 * received after they return.
 */
import { Channel } from '../primitives/go/channel.js';
import type { VectorClock } from '../runtime/clock.js';
import { currentExecution } from '../runtime/current.js';
import { ScenarioError } from '../runtime/errors.js';
import type { Execution } from '../runtime/execution.js';
import { NO_TOUCH, Op, SimpleOp } from '../runtime/op.js';
import { releaseToTimer, type Timer } from '../runtime/timers.js';

/** What a timer's firing touches, for the explorer (runtime/timers.ts Timer.touches). */

function duration(ms: unknown, what: string): number {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new ScenarioError(`${what} needs a number of milliseconds, got ${String(ms)}`);
  return ms;
}

/** The virtual time in milliseconds. */
export function now(): number {
  return currentExecution('now()').time;
}

/** Two steps: start the timer; once it has fired, return. */
class SleepOp extends Op<void> {
  readonly obj = null;
  readonly kind = 'sleep';
  private timer: Timer | null = null;
  private fired = false;
  constructor(
    exec: Execution,
    private readonly ms: number,
  ) {
    super(exec);
  }
  override enabled(): boolean {
    return this.timer === null || this.fired;
  }
  step(): boolean {
    const t = this.thread;
    if (this.fired) {
      t.clock.seeTime(this.timer!.deadline);
      return this.complete(undefined);
    }
    if (this.ms <= 0) return this.complete(undefined);
    // Firing only wakes this goroutine (touches: nothing shared; the explorer sees the wake-up itself).
    const deadline = this.start() + this.ms;
    this.timer = this.exec.timers.add(deadline, `wake '${t.name}' from sleep(${this.ms})`, () => {
      this.fired = true;
    }, NO_TOUCH, t.key, 'self');
    this.exec.timerStartedLate(deadline, `'${t.name}''s sleep(${this.ms})`);
    return false;
  }

  /**
   * When the sleep starts. In Go's free time mode: the latest time the goroutine has seen pass
   * (VectorClock.known: a timer that woke something in its past, a read of the clock), not the clock
   * itself. A goroutine that the machine stalled before it slept, while unrelated timers fired, is the
   * same as one stalled after its sleep ended; starting from the clock would make every sleep depend on
   * every earlier firing (the explorers would try each sleep before and after each of them: issue 9's
   * worker pool, 7,308 executions). What cannot be told apart this way is only the clock's value: a
   * goroutine stalled before its sleep would wake later than any other firing says, and the clock would
   * show it. A sleep that starts before the clock (overdue) fires next, without moving it; the
   * explorers drop such an execution (Execution.timerStartedLate): the one that started the sleep before
   * the firing that overtook it shows the same.
   *
   * Synctest mode runs every goroutine before time moves (nothing is stalled), Rust's thread::sleep has
   * weak atomics that pass values without happens-before: both start from the clock.
   */
  private start(): number {
    const exec = this.exec;
    if (exec.timeMode === 'synctest' || exec.flavour.name !== 'go') return exec.time;
    return Math.max(this.thread.clock.known, exec.opaqueTime);
  }
  describe(): string {
    return this.timer ? `sleep(${this.ms}) until ${this.timer.deadline} ms` : `sleep(${this.ms})`;
  }
  override traced(): string {
    return this.fired || this.ms <= 0 ? `sleep(${this.ms}) returns` : `sleep(${this.ms}) until ${this.timer!.deadline} ms`;
  }
}

/** Go's time.Sleep: the goroutine blocks until virtual time has advanced by `ms`. */
export function sleep(ms: number): Promise<void> {
  return new SleepOp(currentExecution('sleep()'), duration(ms, 'sleep'));
}

/** A Go timer: `c` receives the time it fired (room for one value: the timer's send never blocks). */
export interface SimTimer {
  readonly c: Channel<number>;
  /** Stop it; true when it was still pending (or had fired into `c` unreceived, a value it discards). */
  stop(): Promise<boolean>;
  /** Restart it to fire `ms` from now; true when it was still pending (as for stop). */
  reset(ms: number): Promise<boolean>;
}

export type FuncTimer = Omit<SimTimer, 'c'>;

/** One Go timer: its pending virtual timer, the clock it carries, and (for NewTimer) its channel. */
class TimerHandle {
  private timer: Timer | null = null;
  constructor(
    private readonly exec: Execution,
    private readonly what: string,
    private readonly label: string,
    private readonly action: (clock: VectorClock | null) => void,
    private readonly ch: Channel<number> | null,
  ) {}

  start(ms: number): void {
    const clock = releaseToTimer(this.exec.running);
    // Firing sends on the timer's channel, or starts afterFunc's goroutine (which the explorer sees itself).
    const touches = this.ch ? [{ id: this.ch.id, read: false }] : NO_TOUCH;
    this.timer = this.exec.timers.add(this.exec.time + ms, this.label, () => this.action(clock), touches, this.exec.running?.key ?? null, clock ?? undefined);
  }

  stopNow(): boolean {
    const pending = this.timer !== null && this.exec.timers.cancel(this.timer);
    const stale = this.ch !== null && this.ch.drainForTimer();
    return pending || stale;
  }

  api(): FuncTimer {
    const exec = this.exec;
    return {
      stop: () => new SimpleOp(exec, this.ch, 'timer', `stop of ${this.what}`, () => this.stopNow()),
      reset: (ms: number) => {
        const d = duration(ms, 'reset');
        return new SimpleOp(exec, this.ch, 'timer', `reset(${d}) of ${this.what}`, () => {
          const wasActive = this.stopNow();
          this.start(d);
          return wasActive;
        });
      },
    };
  }
}

/** Go's time.NewTimer: `c` receives the virtual time once `ms` have passed. */
export function newTimer(ms: number, name?: string): SimTimer {
  const exec = currentExecution('newTimer()');
  const d = duration(ms, 'newTimer');
  const c = new Channel<number>(1, { name: name ?? 'timer.C' });
  const h = new TimerHandle(exec, `timer '${c.name}'`, `timer fires: send on channel '${c.name}'`, (clock) => c.deliverFromTimer(exec.time, clock), c);
  h.start(d);
  return { c, ...h.api() };
}

/** Go's time.After: the channel of a new timer. */
export function after(ms: number): Channel<number> {
  return newTimer(duration(ms, 'after'), `after(${ms})`).c;
}

/** Go's time.AfterFunc: once `ms` have passed, `fn` runs in a goroutine of its own. */
export function afterFunc(ms: number, fn: () => unknown): FuncTimer {
  const exec = currentExecution('afterFunc()');
  const d = duration(ms, 'afterFunc');
  if (typeof fn !== 'function') throw new ScenarioError('afterFunc(ms, fn): fn must be a function');
  const name = `afterFunc(${d})`;
  const h = new TimerHandle(exec, `timer '${name}'`, `${name} fires: start its goroutine`, (clock) => {
    exec.spawn(fn, name, null, clock ?? undefined);
  }, null);
  h.start(d);
  return h.api();
}
