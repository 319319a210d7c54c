/**
 * Follows a printed schedule answer by answer. When the scenario no longer offers the recorded
 * answer, the execution diverged from the one that was recorded (a `nondeterminism` finding).
 * Past the end of the schedule it takes the first option, so a truncated schedule still runs.
 */
import { indexOfId, type ReadyThreads } from '../runtime/ready-list.js';
import { decodeSchedule, FIRE_TIMER } from '../runtime/schedule.js';
import { Divergence, type Strategy } from '../runtime/strategy.js';

export class ReplayStrategy implements Strategy {
  readonly name = 'replay';
  private readonly choices: number[];
  private cursor = 0;

  constructor(
    /** The schedule it follows, as printed: what a `nondeterminism` finding of this replay reports. */
    readonly schedule: string,
    private readonly seed?: number,
  ) {
    this.choices = decodeSchedule(schedule);
  }

  beginExecution(index: number): { seed?: number } | null {
    if (index > 0) return null;
    this.cursor = 0;
    return this.seed === undefined ? {} : { seed: this.seed };
  }

  pickThread(enabled: ReadyThreads, step: number, timerReady: boolean): number {
    if (this.cursor >= this.choices.length) return 0;
    const id = this.choices[this.cursor++]!;
    if (id === FIRE_TIMER) {
      if (timerReady) return enabled.length;
      throw new Divergence(`at step ${step} the schedule fires a timer, but none is pending`);
    }
    const i = indexOfId(enabled, id);
    if (i < 0) {
      const ids = enabled.map((t) => t.id).join(', ');
      throw new Divergence(`at step ${step} the schedule runs goroutine ${id}, but only ${ids} can run`);
    }
    return i;
  }

  pickChoice(kind: string, n: number): number {
    if (this.cursor >= this.choices.length) return 0;
    const c = this.choices[this.cursor++]!;
    if (c >= n) throw new Divergence(`the schedule picks option ${c} of a ${kind} with only ${n} options`);
    return c;
  }
}
