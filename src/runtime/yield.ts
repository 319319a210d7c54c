/**
 * yieldNow(): Go's runtime.Gosched. The goroutine goes to the back of the run queue: while any other
 * goroutine can run an operation that is not itself a yield, the yielding one waits (as loom's
 * yield_now and CHESS's fair scheduler deprioritise a yielding thread). Without this, a spin loop
 * (`while (!flag) await yieldNow()`) has schedules that spin until the step limit while the goroutine
 * that would set the flag never runs, which no real scheduler does, and an exhaustive search would
 * report them.
 *
 * Invariants: yields never wait for each other (two spinning goroutines go in either order), so a
 * yield can run whenever every other goroutine is blocked, finished or yielding; whether it can run
 * depends on the scheduler's state only (which goroutines can run), which its footprint says (id 0)
 * so that the explorers order it after every change of that state.
 */
import type { Execution } from './execution.js';
import { Op, type Touch } from './op.js';

const SCHEDULER: readonly Touch[] = Object.freeze([{ id: 0, read: true }]);

export class YieldOp extends Op<void> {
  readonly obj = null;
  readonly access = 'yield';

  constructor(exec: Execution) {
    super(exec);
  }

  override enabled(): boolean {
    for (const t of this.exec.threads) {
      if (t === this.thread || t.finished) continue;
      const p = t.pending;
      if (p !== null && p.parked && !(p instanceof YieldOp) && p.enabled()) return false;
    }
    return true;
  }

  override footprint(): readonly Touch[] {
    return SCHEDULER;
  }

  step(): boolean {
    return this.complete(undefined);
  }

  describe(): string {
    return 'yield';
  }
}
