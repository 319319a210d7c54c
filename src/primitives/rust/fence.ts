/**
 * `std::sync::atomic::fence(order)`: one simulated step run by the memory-model engine.
 *
 * - `fence(Release)` / `AcqRel`: the thread's later Relaxed stores publish its clock as of the fence
 *   (an acquirer of one of them synchronises with the fence).
 * - `fence(Acquire)` / `AcqRel`: joins what the thread's earlier Relaxed loads read from release
 *   stores or release fences.
 * - `fence(SeqCst)`: both, and it takes its place in the single total order S (memory/model.ts).
 * - `fence(Relaxed)` panics with Rust's message ("there is no such thing as a relaxed fence").
 *
 * Dependence: a non-SeqCst fence changes only its own thread's state, so it touches nothing; a
 * SeqCst fence writes the registry and every location's SeqCst state (atomic-runtime.ts).
 */
import { currentExecution } from '../../runtime/current.js';
import { NO_TOUCH, type Touch } from '../../runtime/op.js';
import { ScenarioError } from '../../runtime/errors.js';
import type { Execution } from '../../runtime/execution.js';
import { atomicWorld, RustOp, type AtomicWorld } from './atomic-runtime.js';
import { SimPanic } from '../../runtime/errors.js';
import { checkFenceOrdering, checkOrdering, Ordering, OrderingError } from './memory/ordering.js';

export { Ordering };

/** `fence(order)`: Acquire, Release, AcqRel or SeqCst. */
export function fence(order: Ordering): Promise<void> {
  const exec = currentExecution('fence()');
  try {
    checkOrdering(order);
  } catch (e) {
    if (e instanceof OrderingError) throw new ScenarioError(`fence: ${e.message}`);
    throw e;
  }
  try {
    checkFenceOrdering(order);
  } catch (e) {
    if (e instanceof OrderingError) throw new SimPanic('panic', e.message);
    throw e;
  }
  return new FenceOp(exec, atomicWorld(exec), order);
}

class FenceOp extends RustOp<void> {
  readonly obj = null;
  constructor(
    exec: Execution,
    private readonly world: AtomicWorld,
    private readonly order: Ordering,
  ) {
    super(exec, 'fence');
  }
  footprint(): readonly Touch[] {
    if (this.order !== 'SeqCst') return NO_TOUCH;
    const out: Touch[] = [{ id: this.world.registry, read: false }];
    for (const id of this.world.scIds) out.push({ id, read: false });
    return out;
  }
  step(): boolean {
    const t = this.thread;
    this.world.model.fence(t.id, t.clock, this.order);
    return this.complete(undefined);
  }
  describe(): string {
    return `fence(${this.order})`;
  }
}
