/**
 * Waiting for a thread to end, in every flavour (Go's spawn/join, Rust's JoinHandle::join): enabled once
 * the thread has finished; the step acquires its final clock, so its end happens-before the return.
 * `result` makes the value the join returns (Go: the function's result; Rust: `Ok(it)`), at the step.
 */
import type { Execution } from './execution.js';
import { Op } from './op.js';
import { acquire } from './sync.js';
import type { Thread } from './thread.js';

export class JoinOp<R> extends Op<R> {
  readonly obj = null;
  readonly kind = 'join';
  constructor(
    exec: Execution,
    private readonly target: Thread,
    /** How reports name the target: "'worker'", "thread 'worker'". */
    private readonly what: string,
    private readonly result: (target: Thread) => R,
  ) {
    super(exec);
  }
  override enabled(): boolean {
    return this.target.finished;
  }
  override waitsFor(): Thread | null {
    return this.target;
  }
  step(): boolean {
    acquire(this.thread, this.target.finalClock!);
    return this.complete(this.result(this.target));
  }
  describe(): string {
    return `join of ${this.what}`;
  }
}
