/**
 * Follows a plan as far as the scenario allows, for shrinking (harness/shrink.ts): unlike ReplayStrategy it
 * never reports a divergence. A plan is either the list of answers, one per decision as schedules record
 * them, or which goroutine should take each step (with the other choices, select cases and the like, in
 * order): the second survives moving whole stretches of a goroutine's steps around.
 *
 * Where the planned goroutine cannot run, or the plan is used up, it keeps running the goroutine that took
 * the latest step when it can (no preemption), else the lowest-numbered one; a timer fires only when
 * planned; another choice takes the planned option when there is one, else option 0. The execution records
 * what really happened, so its schedule replays exactly.
 *
 * Invariant: an unchanged plan reproduces its execution (answers: one entry per decision; by step: one
 * entry per step, FIRE_TIMER for a timer firing).
 */
import { indexOfId, type ReadyThreads } from '../runtime/ready-list.js';
import { FIRE_TIMER } from '../runtime/schedule.js';
import type { Strategy } from '../runtime/strategy.js';

export type Plan = { answers: readonly number[] } | { byStep: readonly number[]; choices: readonly number[] };

export class GuidedStrategy implements Strategy {
  readonly name = 'guided';
  private cursor = 0;

  constructor(
    private readonly plan: Plan,
    private readonly seed?: number,
  ) {}

  beginExecution(index: number): { seed?: number } | null {
    if (index > 0) return null;
    this.cursor = 0;
    return this.seed === undefined ? {} : { seed: this.seed };
  }

  pickThread(enabled: ReadyThreads, step: number, timerReady: boolean, last: number): number {
    const want = 'answers' in this.plan ? this.plan.answers[this.cursor++] : this.plan.byStep[step];
    if (want === FIRE_TIMER && timerReady) return enabled.length;
    if (want !== undefined) {
      const i = indexOfId(enabled, want);
      if (i >= 0) return i;
    }
    const i = indexOfId(enabled, last);
    return i >= 0 ? i : 0;
  }

  pickChoice(_kind: string, n: number): number {
    const want = 'answers' in this.plan ? this.plan.answers[this.cursor++] : this.plan.choices[this.cursor++];
    return want !== undefined && want >= 0 && want < n ? want : 0;
  }
}
