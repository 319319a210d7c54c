/**
 * Pending timers of the virtual clock.
 *
 * Virtual time moves only when a timer fires. Which timer fires next is always one with the earliest
 * deadline (ties are a scheduling choice); *when* it fires is the scheduler's choice too — at any
 * step in free mode, only once no goroutine can run in synctest mode. A timer's action is runtime
 * code (wake a sleeper, send on a timer channel, start an afterFunc goroutine, cancel a context),
 * never scenario code, so firing is one step like any other.
 */

export type TimeMode = 'free' | 'synctest';

export interface Timer {
  readonly id: number;
  deadline: number;
  /** What it does when it fires, for the timeline: "wake 'main' from sleep(10)". */
  readonly label: string;
  readonly fire: () => void;
  active: boolean;
}

export class TimerQueue {
  private readonly pending: Timer[] = [];
  private nextId = 1;

  get size(): number {
    return this.pending.length;
  }

  add(deadline: number, label: string, fire: () => void): Timer {
    const t: Timer = { id: this.nextId++, deadline, label, fire, active: true };
    this.pending.push(t);
    return t;
  }

  /** Stop a timer; true when it was still pending (Go's Timer.Stop result). */
  cancel(t: Timer): boolean {
    if (!t.active) return false;
    t.active = false;
    this.pending.splice(this.pending.indexOf(t), 1);
    return true;
  }

  /** The pending timers with the earliest deadline, in creation order (deterministic). */
  earliest(): Timer[] {
    let min = Infinity;
    for (const t of this.pending) if (t.deadline < min) min = t.deadline;
    return this.pending.filter((t) => t.deadline === min);
  }

  /** Remove a timer that fires now. */
  take(t: Timer): void {
    t.active = false;
    this.pending.splice(this.pending.indexOf(t), 1);
  }
}
