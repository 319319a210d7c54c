/**
 * The harness's strategy wrappers (a budget guard, step logs, location switches) extend StrategyWrapper.
 */
import type { ReadyThreads } from '../runtime/ready-list.js';
import type { Execution, ExecutionResult } from '../runtime/execution.js';
import type { Strategy } from '../runtime/strategy.js';

/**
 * A strategy that wraps another and passes every call through: the harness's wrappers (a budget
 * guard, step logs, location switches) extend it and override only what they add. `onStep`,
 * `endExecution` and `lateTimer` call the inner strategy's, when it has them.
 */
export class StrategyWrapper implements Strategy {
  constructor(readonly inner: Strategy) {}

  get name(): string {
    return this.inner.name;
  }

  beginExecution(index: number): { seed?: number } | null {
    return this.inner.beginExecution(index);
  }

  pickThread(enabled: ReadyThreads, step: number, timerReady: boolean, last: number): number {
    return this.inner.pickThread(enabled, step, timerReady, last);
  }

  pickChoice(kind: string, n: number): number {
    return this.inner.pickChoice(kind, n);
  }

  onStep(exec: Execution, enabled: ReadyThreads, timerReady: boolean, pick: number): void {
    this.inner.onStep?.(exec, enabled, timerReady, pick);
  }

  endExecution(result: ExecutionResult): void {
    this.inner.endExecution?.(result);
  }

  lateTimer(deadline: number, what: string): void {
    this.inner.lateTimer?.(deadline, what);
  }
}
