/**
 * The wall-clock budget of one exploration (--max-time) and how it is kept.
 *
 * The budget runs from when the exploration starts (the supervisor's clock, before compiling) and is cut
 * into three moments, all before the budget ends so that the report is printed within it:
 * - `stopAt`: no execution starts after it, and an execution still running is cut (BudgetGuard abandons
 *   it at its next step), so a long execution cannot carry the exploration past the budget;
 * - `finishBy`: the work after a finding (determinism check, the located replay, shrinking) ends by then —
 *   shrinking gets the time left as its wall-clock budget, and is skipped when there is none;
 * - `hardAt` (supervisor only): workers still busy then — in a long stretch of simcc's own work that
 *   cannot be cut, or a finding's replay — are terminated, and the report is built from what they posted.
 *
 * Wall-clock time only decides when to stop, never what a step does: a cut execution is abandoned, not
 * reported, and an exploration cut by time says so (`stoppedBy: 'max-time'`, complete: false).
 *
 * Times cross threads as epoch milliseconds (performance.timeOrigin + performance.now()): each thread's
 * performance.now() has its own origin.
 */
import type { ReadyThreads } from '../runtime/ready-list.js';
import type { Execution } from '../runtime/execution.js';
import { Abandon, type Strategy } from '../runtime/strategy.js';
import { StrategyWrapper } from '../scheduler/strategy-wrapper.js';

export interface Deadlines {
  /** performance.now() (this thread's) after which no execution starts and a running one is cut. */
  stopAt: number;
  /** performance.now() by which the work after a finding must end. */
  finishBy: number;
}

/** The three moments of a budget of `maxTimeMs` that started at `startEpochMs`, as epoch milliseconds. */
/**
 * The margins leave time for what follows each moment on a loaded machine: ending the workers, removing
 * the compiled bundle, printing (measured: up to a few hundred ms with the load average at 20 on 2 cores).
 */
export function budgetMoments(startEpochMs: number, maxTimeMs: number): { stopAt: number; finishBy: number; hardAt: number } {
  return {
    stopAt: startEpochMs + maxTimeMs - Math.min(2000, maxTimeMs * 0.15),
    finishBy: startEpochMs + maxTimeMs - Math.min(1000, maxTimeMs * 0.1),
    hardAt: startEpochMs + maxTimeMs - Math.min(500, maxTimeMs * 0.06),
  };
}

export const nowEpoch = (): number => performance.timeOrigin + performance.now();

/** This thread's deadlines for a budget that started at `startEpochMs`. */
export function deadlinesFrom(startEpochMs: number, maxTimeMs: number): Deadlines {
  const m = budgetMoments(startEpochMs, maxTimeMs);
  const origin = performance.timeOrigin;
  return { stopAt: m.stopAt - origin, finishBy: m.finishBy - origin };
}

/** The wall-clock budget left for shrinking a finding found now: none below this many ms (it is skipped). */
export const MIN_SHRINK_MS = 50;

export function shrinkMsLeft(d: Deadlines): number {
  const left = d.finishBy - performance.now();
  return left >= MIN_SHRINK_MS ? Math.floor(left) : 0;
}

/** Steps between two looks at the clock (a look costs far more than a step). */
const CHECK_EVERY = 256;

/**
 * A strategy wrapped so that an execution in flight ends (is abandoned) once the time budget is spent or
 * the exploration is cancelled. Everything else is the inner strategy's: it answers every choice.
 * `cut` says whether the last execution was cut.
 */
export class BudgetGuard extends StrategyWrapper {
  cut = false;
  private steps = 0;

  constructor(
    inner: Strategy,
    private readonly stopAt: number,
    private readonly cancelled?: () => boolean,
  ) {
    super(inner);
  }

  override beginExecution(index: number): { seed?: number } | null {
    this.cut = false;
    this.steps = 0;
    return super.beginExecution(index);
  }

  override onStep(exec: Execution, enabled: ReadyThreads, timerReady: boolean, pick: number): void {
    if (++this.steps % CHECK_EVERY === 0 && (performance.now() >= this.stopAt || this.cancelled?.() === true)) {
      this.cut = true;
      throw new Abandon('the exploration’s time budget is spent');
    }
    super.onStep(exec, enabled, timerReady, pick);
  }
}
