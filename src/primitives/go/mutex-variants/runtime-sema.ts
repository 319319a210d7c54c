/**
 * The runtime semaphore a staged Mutex sleeps on (Go's semacquire / semrelease on `m.sema`).
 *
 * Model:
 * - `count` is the semaphore's value. semacquire takes a token when count > 0 without sleeping;
 *   otherwise the goroutine sleeps in the queue — at the tail (FIFO), or at the head when the
 *   caller asks for LIFO (stage 4 re-queues a waiter that already waited, so it is served first).
 * - semrelease with a sleeper wakes the one at the head and gives it the token directly; with no
 *   sleeper it raises the count, and the next semacquire takes the token without sleeping.
 *   Go's runtime raises the count and lets the woken goroutine take it, so a goroutine entering
 *   semacquire at that instant can steal the token and send the woken one back to sleep. That
 *   race is the runtime's, not the Mutex's; modelling it would make even the 2008 Mutex
 *   unfair, against what the course describes, so the token always goes to the goroutine woken.
 * - `handoff` (stage 4's starvation mode) marks the wake as a hand-off of the lock itself; the
 *   queue discipline is the same.
 *
 * The semaphore has an object id of its own (footprints: its operations touch it, not the word).
 */

import type { Thread } from '../../../runtime/thread.js';

/** A goroutine asleep in semacquire. `woken` is set by the semrelease that gives it the token. */
export interface SemaWaiter {
  readonly thread: Thread;
  woken: boolean;
  /** Whether the wake was a starvation-mode hand-off. */
  handoff: boolean;
}

export class RuntimeSema {
  count = 0;
  private readonly queue: SemaWaiter[] = [];

  constructor(readonly id: number) {}

  /** Goroutines asleep, head first. */
  get sleepers(): readonly SemaWaiter[] {
    return this.queue;
  }

  /** cansemacquire: take a token when there is one. */
  tryAcquire(): boolean {
    if (this.count <= 0) return false;
    this.count--;
    return true;
  }

  /** Put `w` to sleep; returns its 1-based position in the queue. */
  enqueue(w: SemaWaiter, lifo: boolean): number {
    if (lifo) {
      this.queue.unshift(w);
      return 1;
    }
    this.queue.push(w);
    return this.queue.length;
  }

  /** semrelease: the waiter woken (it has the token), or null when nobody slept (count raised). */
  release(handoff: boolean): SemaWaiter | null {
    const w = this.queue.shift();
    if (w === undefined) {
      this.count++;
      return null;
    }
    w.woken = true;
    w.handoff = handoff;
    return w;
  }

  /** The position (1-based) of `t` in the queue, or 0. */
  positionOf(t: Thread): number {
    return this.queue.findIndex((w) => w.thread === t) + 1;
  }
}
