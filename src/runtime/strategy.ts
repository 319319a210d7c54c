/**
 * The one interface every exploration strategy implements (random, replay, PCT, DFS, DPOR: they live
 * in src/scheduler/, which imports the runtime; the runtime only calls this interface).
 *
 * A strategy is asked only when there is a real choice (two or more options); the execution
 * records every answer, so any execution can be replayed from its schedule whatever strategy
 * produced it. Threads are offered in id order, which is deterministic, through ReadyThreads (a
 * read-only view that the runtime keeps as an order-statistic set: index it with `at`, not `[i]`).
 *
 * Explorers (DFS, DPOR) also need to see every step, not only the choices: `onStep` is called for each
 * step right before it runs (the goroutine's pending operation is still the one about to step, so its
 * `footprint()` is what the step touches), and `endExecution` after the execution ended. Both are
 * optional and cost nothing to strategies that do not implement them.
 */
import type { Execution, ExecutionResult } from './execution.js';
import type { ReadyThreads } from './ready-list.js';

export interface Strategy {
  readonly name: string;
  /** Begin execution number `index` (0-based); null when the strategy has nothing more to run. */
  beginExecution(index: number): { seed?: number } | null;
  /**
   * Choose what happens next: an index into `enabled`, or `enabled.length` to fire the earliest
   * pending timer when `timerReady` (there are always two or more options in all). `last` is the id
   * of the goroutine that took the latest step (-1 before any): choosing another one while `last` is
   * in `enabled` is a preemption.
   */
  pickThread(enabled: ReadyThreads, step: number, timerReady: boolean, last: number): number;
  /** Choose among `n` ≥ 2 options of another kind of choice (select case, timer, ...). */
  pickChoice(kind: string, n: number): number;
  /**
   * Every step, right before it runs (after `pickThread` when there was a choice): the options it was
   * taken from and which one runs (`pick` indexes `enabled`; `enabled.length` fires the earliest timer).
   * It may throw Abandon to end the execution without a report.
   */
  onStep?(exec: Execution, enabled: ReadyThreads, timerReady: boolean, pick: number): void;
  /** Called by the harness once the execution begun last has ended, with its result. */
  endExecution?(result: ExecutionResult): void;
  /**
   * The step running now started a timer from a time behind the clock, and it is due already
   * (Execution.timerStartedLate). An explorer may drop the execution when its record shows the step could
   * have run, with all it happens after, before the firing that overtook the timer: then the execution
   * that started the timer before that firing shows everything this one can. Other strategies ignore it
   * (the execution goes on).
   */
  lateTimer?(deadline: number, what: string): void;
}

/** Thrown by a strategy that follows a schedule the execution no longer matches. */
export class Divergence extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Divergence';
  }
}

/**
 * Thrown by an explorer (from pickThread, pickChoice or onStep) whose plan for this execution cannot be
 * followed (the goroutine it planned to run cannot run): the execution ends at once, unreported, with
 * `abandoned` set on its result.
 */
export class Abandon extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Abandon';
  }
}
