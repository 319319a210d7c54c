/**
 * The one interface every exploration strategy implements (random, replay; later PCT and DPOR).
 *
 * A strategy is asked only when there is a real choice (two or more options); the execution
 * records every answer, so any execution can be replayed from its schedule whatever strategy
 * produced it. Threads are offered in id order, which is deterministic.
 */
import type { Thread } from '../runtime/thread.js';

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
  pickThread(enabled: readonly Thread[], step: number, timerReady: boolean, last: number): number;
  /** Choose among `n` ≥ 2 options of another kind of choice (select case, timer, ...). */
  pickChoice(kind: string, n: number): number;
}

/** Thrown by a strategy that follows a schedule the execution no longer matches. */
export class Divergence extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Divergence';
  }
}
