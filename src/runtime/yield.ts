/**
 * yieldNow(): Go's runtime.Gosched, scheduled fairly as CHESS defines it (Musuvathi & Qadeer, "Fair
 * stateless model checking", PLDI 2008): a goroutine that yields gets lower priority only until every
 * goroutine that was enabled when it parked at the yield has taken a step or changed status (blocked,
 * finished, or became enabled again). Then it may run like any other (a yielding goroutine can still
 * run before a busy one, as on another P), and a spin loop (`while (!flag) await yieldNow()`) can only
 * spin as often as the others make progress, so an exhaustive search ends.
 *
 * What it costs: the schedules in which a goroutine runs on right after its yield while another could
 * run are not offered. For a spin loop they only repeat a state; for straight-line code with a yield
 * in it they can hold outcomes (a Rust `yield_now` is only a hint: `x += 1; yield_now(); x += 1` may
 * run both adds before another thread's load). So Execution notes when the rule held a yield back
 * (ExecutionResult.fairYields) and `explore` states that pruning in its report ("under fair yields").
 *
 * Precisely (runtime/runnable.ts keeps it in O(1)):
 * - Every goroutine has a `progress`: the step at which it last took a step or changed
 *   enabled-status (started, blocked, became enabled; finishing removes it).
 * - The *listed* goroutines are those whose pending op is parked and enabled in the base sense, a
 *   yield counting as enabled whether or not it is deprioritised: a yield's change of priority is
 *   not a status change, and a deprioritised yield still counts for the others' rules.
 * - A goroutine parked at a yield since step s (its progress is s: it parks right after its own step
 *   s) may run iff every other listed goroutine has progress > s.
 * - A deprioritised yield is "not enabled": enabled() says false, and the strategies never see it.
 *
 * It never blocks everybody: take the listed goroutine with the least progress. If its op is not a
 * yield it can run. If every listed op is a yield, their progress values are distinct (each is the
 * step its own goroutine took, and one goroutine takes a step at a time), so the least one is
 * strictly below all others and that yield can run. (A non-yield with equal progress — woken by the
 * yielder's own step — is runnable itself.) Hence at most one yield is runnable at a time: the head
 * of the progress-ordered list, when its successor has greater progress.
 *
 * For the explorers (dependence, scheduler/trace.ts): which goroutines a yield waits for is fixed when it
 * parks, from who is listed then and their progress; every step and every change of status changes
 * that. So parking at a yield "writes" the scheduler's state (id 0, `arrival`), which every step and
 * every status change "reads" (role-swapped: steps still commute with each other). Whether the parked
 * yield can run later changes only with steps and status changes of the goroutines it waits for,
 * which the explorers see as wake-ups of the yield's step, like any enabling.
 */
import type { Execution } from './execution.js';
import { NO_TOUCH, Op, type Touch } from './op.js';

/** The scheduler's state (id 0), written by parking at a yield: see the header. */
const PARKED: readonly Touch[] = Object.freeze([{ id: 0, read: false }]);

export class YieldOp extends Op<void> {
  readonly obj = null;
  readonly kind = 'yield';

  static {
    (this.prototype as { isYieldOp: boolean }).isYieldOp = true;
  }

  constructor(exec: Execution) {
    super(exec);
  }

  override enabled(): boolean {
    return this.exec.yieldRunnable(this.thread);
  }

  override arrival(): readonly Touch[] {
    return PARKED;
  }

  override footprint(): readonly Touch[] {
    return NO_TOUCH;
  }

  step(): boolean {
    return this.complete(undefined);
  }

  describe(): string {
    return 'yield';
  }
}
