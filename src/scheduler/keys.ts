/**
 * Stable names for what an explorer compares across executions, interned to small integers.
 *
 * Runtime ids are dense counters (goroutine ids, object ids) and depend on the order in which
 * goroutines created things, which differs between two executions that reorder independent steps.
 * The explorer needs names that mean the same goroutine or object in every execution where it
 * exists, so it names them by who created them:
 * - a goroutine: main is "0"; the n-th goroutine started during the steps of goroutine P is "P.n";
 *   the n-th started by a timer firing (afterFunc) is "T.n";
 * - an object: the n-th object created during the steps of goroutine P is "P#n" (of a timer: "T#n");
 * - pseudo-objects for dependences no operation names (see trace.ts): the virtual time, a goroutine's
 *   creation, end and wake-ups, the scheduler's state.
 * Invariant: a name is interned once per table and keeps its number for the table's life, so numbers
 * can be compared across executions (and across tasks in one worker); across workers only the names
 * travel (see split.ts, tasks are sent as names).
 */

/** The timer pseudo-goroutine: firing the earliest timer is its step. */
export const TIMER_NAME = 'T';
/** The main goroutine. */
export const MAIN_NAME = '0';

export class KeyTable {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];

  /** The number of `name`, interning it on first use. */
  id(name: string): number {
    let i = this.ids.get(name);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(name);
      this.ids.set(name, i);
    }
    return i;
  }

  name(id: number): string {
    const n = this.names[id];
    if (n === undefined) throw new Error(`simcc internal error: unknown explorer key ${id}`);
    return n;
  }
}

/** Names of the pseudo-objects (see trace.ts for what touches them). */
export const TIME_OBJECT = 'time';
/** The queue of pending timers (which one fires next). */
export const TIMERS_OBJECT = 'timers';
export const SCHED_OBJECT = 'sched';
/** The latest deadline of a firing that reached what it woke by no clock (Execution.opaqueTime). */
export const OPAQUE_TIME_OBJECT = 'opaque-time';
/** The timers with one deadline (ms): a firing at it, and adding a timer due at it (TimerQueue.adds). */
export const deadlineObject = (ms: number): string => `deadline:${ms}`;
export const createdObject = (thread: string): string => `created:${thread}`;
export const endedObject = (thread: string): string => `ended:${thread}`;
/** The wake-up of a goroutine's step number `step` (each enabling is an edge between two events only). */
export const wakeObject = (thread: string, step: number): string => `wake:${thread}:${step}`;
