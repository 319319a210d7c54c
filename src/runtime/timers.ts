/**
 * Pending timers of the virtual clock.
 *
 * Virtual time moves only when a timer fires. Which timer fires next is always one with the earliest
 * deadline (ties: a sleep first, else a scheduling choice, Execution.fireTimer); *when* it fires is the
 * scheduler's choice too — at any step in free mode, only once no goroutine can run in synctest mode. A timer's action is runtime
 * code (wake a sleeper, send on a timer channel, start an afterFunc goroutine, cancel a context),
 * never scenario code, so firing is one step like any other.
 *
 * Invariant: `pending` is sorted by (deadline, creator, seq), so the earliest timers are a prefix and ties
 * come in an order every interleaving agrees on (Timer.creator, Timer.seq). Adding is a binary search and one splice.
 */

import type { VectorClock } from './clock.js';
import type { Touch } from './op.js';
import type { Thread } from './thread.js';
import { releaseSnapshot } from './sync.js';

export type TimeMode = 'free' | 'synctest';

/**
 * A goroutine starting a timer releases its clock into it (Go's runtime: racerelease at timer
 * creation and reset, raceacquire when it fires): the snapshot the timer carries, after which the
 * goroutine ticks. Null when the runtime itself starts the timer (no goroutine runs).
 */
export function releaseToTimer(t: Thread | null): VectorClock | null {
  return t ? releaseSnapshot(t) : null;
}

export interface Timer {
  readonly id: number;
  readonly deadline: number;
  /**
   * Order timers with one deadline: its creator's stable name (Thread.key, "" for the runtime) and
   * how many timers that creator started before it — the same in every interleaving, so that starting
   * timers commutes and a tie's choice names the same timer in every execution of one trace (the
   * explorers rely on both).
   */
  readonly creator: string;
  readonly seq: number;
  /** What it does when it fires, for the timeline: "wake 'main' from sleep(10)". */
  readonly label: string;
  readonly fire: () => void;
  active: boolean;
  /**
   * What firing it touches besides the virtual time (objects, as Op.footprint() says), for the explorer's
   * dependence relation; undefined when its creator does not say: then it conflicts with every step.
   */
  readonly touches?: readonly Touch[] | (() => readonly Touch[]);
  /**
   * How the time of its firing reaches those it wakes (VectorClock.known): the clock its action releases
   * (the starter's snapshot: the firing makes it know its deadline), 'self' when it only wakes its
   * starter, who learns the deadline itself (sleep); undefined when it does not say (a runtime timer).
   */
  readonly carries?: VectorClock | 'self';
}

/** Does `a` fire before `b`? By deadline, then creator, then the creator's own order. */
function before(a: Timer, b: Timer): boolean {
  if (a.deadline !== b.deadline) return a.deadline < b.deadline;
  if (a.creator !== b.creator) return a.creator < b.creator;
  return a.seq < b.seq;
}

export class TimerQueue {
  private readonly pending: Timer[] = [];
  /**
   * Deadlines of the timers added since the explorer's recorder last took them (`trackAdds`). An add
   * changes no firing of an earlier deadline, so it does not count as a change of the whole queue
   * (`version`): the explorers order it with the firings of its deadline and later ones only
   * (scheduler/trace.ts, events.ts).
   */
  readonly adds: number[] = [];
  trackAdds = false;
  private nextId = 1;
  /** Per creator (a goroutine's stable name, or "" for the runtime), how many timers it started. */
  private readonly started = new Map<string, number>();
  /** Bumped by every cancel and firing (not by adds: see `adds`): the explorer sees which steps changed the queue. */
  version = 0;

  get size(): number {
    return this.pending.length;
  }

  /** `creator`: the stable name (Thread.key) of the goroutine starting it, null for the runtime. */
  add(deadline: number, label: string, fire: () => void, touches?: Timer['touches'], creator: string | null = null, carries?: Timer['carries']): Timer {
    if (Number.isNaN(deadline)) throw new Error(`simcc: a timer needs a deadline, got NaN (${label})`);
    const who = creator ?? '';
    const n = this.started.get(who) ?? 0;
    this.started.set(who, n + 1);
    const t: Timer = { id: this.nextId++, deadline, creator: who, seq: n, label, fire, active: true, ...(touches && { touches }), ...(carries && { carries }) };
    if (this.trackAdds) this.adds.push(deadline);
    // After every timer that comes before it.
    let lo = 0;
    let hi = this.pending.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(this.pending[mid]!, t)) lo = mid + 1;
      else hi = mid;
    }
    this.pending.splice(lo, 0, t);
    return t;
  }

  /** Stop a timer; true when it was still pending (Go's Timer.Stop result). */
  cancel(t: Timer): boolean {
    if (!t.active) return false;
    this.remove(t);
    return true;
  }

  /** The pending timers with the earliest deadline, in (creator, seq) order (the same in every interleaving). */
  earliest(): Timer[] {
    const p = this.pending;
    if (p.length === 0) return [];
    let n = 1;
    while (n < p.length && p[n]!.deadline === p[0]!.deadline) n++;
    return p.slice(0, n);
  }

  /** The earliest deadline, or Infinity when no timer is pending. */
  nextDeadline(): number {
    return this.pending.length === 0 ? Infinity : this.pending[0]!.deadline;
  }

  /** Remove a timer that fires now. */
  take(t: Timer): void {
    if (t.active) this.remove(t);
  }

  private remove(t: Timer): void {
    this.version++;
    t.active = false;
    const i = this.pending.indexOf(t);
    if (i >= 0) this.pending.splice(i, 1);
  }
}
