/**
 * Virtual time: sleep, after, now, newTimer, afterFunc (Go's time package over the virtual clock).
 * `now()` starts at 0 and moves only when a timer fires; see runtime/timers.ts for when that is.
 */
import { Channel } from '../primitives/channel.js';
import { currentExecution } from '../runtime/current.js';
import { ScenarioError } from '../runtime/errors.js';
import type { Execution } from '../runtime/execution.js';
import { Op, SimpleOp } from '../runtime/op.js';
import type { Timer } from '../runtime/timers.js';

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
  readonly access = 'sleep';
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
    if (this.ms <= 0 || this.fired) return this.complete(undefined);
    const t = this.thread;
    this.timer = this.exec.timers.add(this.exec.time + this.ms, `wake '${t.name}' from sleep(${this.ms})`, () => {
      this.fired = true;
    });
    return false;
  }
  describe(): string {
    return this.timer ? `sleep(${this.ms}) until ${this.timer.deadline} ms` : `sleep(${this.ms})`;
  }
  override traced(): string {
    return this.fired || this.ms <= 0 ? `sleep(${this.ms}) returns` : `sleep(${this.ms}) until ${this.timer!.deadline} ms`;
  }
}

export function sleep(ms: number): Promise<void> {
  return new SleepOp(currentExecution('sleep()'), duration(ms, 'sleep'));
}

/** A Go timer: `c` receives the time it fired (a buffered channel of capacity 1, as in Go). */
export interface SimTimer {
  readonly c: Channel<number>;
  /** Stop it; true when it was still pending. */
  stop(): Promise<boolean>;
  /** Restart it to fire `ms` from now; true when it was still pending. */
  reset(ms: number): Promise<boolean>;
}

export type FuncTimer = Omit<SimTimer, 'c'>;

class TimerHandle {
  private timer: Timer | null = null;
  constructor(
    private readonly exec: Execution,
    private readonly label: string,
    private readonly action: () => void,
  ) {}

  start(ms: number): void {
    this.timer = this.exec.timers.add(this.exec.time + ms, this.label, this.action);
  }

  stopNow(): boolean {
    return this.timer !== null && this.exec.timers.cancel(this.timer);
  }

  api(): FuncTimer {
    const exec = this.exec;
    return {
      stop: () => new SimpleOp(exec, null, 'timer', 'stop of a timer', () => this.stopNow()),
      reset: (ms: number) => {
        const d = duration(ms, 'reset');
        return new SimpleOp(exec, null, 'timer', `reset(${d}) of a timer`, () => {
          const wasActive = this.stopNow();
          this.start(d);
          return wasActive;
        });
      },
    };
  }
}

export function newTimer(ms: number, name?: string): SimTimer {
  const exec = currentExecution('newTimer()');
  const d = duration(ms, 'newTimer');
  const c = new Channel<number>(1, { name: name ?? 'timer.C' });
  // Go's timer channel has room for one value and the send never blocks.
  const h = new TimerHandle(exec, `timer fires: send on channel '${c.name}'`, () => {
    c.deliverFromTimer(exec.time);
  });
  h.start(d);
  return { c, ...h.api() };
}

export function after(ms: number): Channel<number> {
  return newTimer(ms, `after(${ms})`).c;
}

export function afterFunc(ms: number, fn: () => unknown): FuncTimer {
  const exec = currentExecution('afterFunc()');
  const d = duration(ms, 'afterFunc');
  const creator = exec.running;
  const h = new TimerHandle(exec, 'afterFunc fires: start its goroutine', () => {
    exec.spawn(fn, 'afterFunc', null, creator?.clock);
  });
  h.start(d);
  return h.api();
}
