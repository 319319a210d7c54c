/**
 * Synchronisation: the one place where a thread's happens-before clock meets the clock of an object,
 * as loom's `Synchronize`. Every primitive (src/primitives/**) goes through these functions instead of
 * joining and ticking clocks itself, so that a memory ordering weaker than Go's (Rust's Relaxed,
 * Acquire, Release) changes what happens here and nowhere else.
 *
 * Vocabulary (runtime/clock.ts): a *cell* is a VectorClock an object keeps (a Mutex's, a channel
 * slot's); a thread's own entry counts its releases.
 *
 * Invariants:
 * - A release always ticks the releasing thread after its clock went into the cell: what the thread
 *   does afterwards is not covered by that release (another thread acquiring the cell does not see it).
 * - An acquire never changes the cell, and never ticks: acquiring twice is acquiring once.
 * - Each function does its joins in the order written here; the clocks it leaves are the ones the
 *   inline code it replaced left (reports and the HTML edges read them).
 */
import { VectorClock } from './clock.js';
import type { Thread } from './thread.js';

/** `t` acquires `cell`: its clock gains everything the cell has seen (a lock, a receive, a join). */
export function acquire(t: Thread, cell: VectorClock): void {
  t.clock.join(cell);
}

/**
 * `t` releases into each of `cells` (usually one): each gains everything `t` has seen, then `t` ticks
 * once. Cells accumulate: a later acquire sees every release so far (a WaitGroup's Done, a close).
 */
export function release(t: Thread, ...cells: VectorClock[]): void {
  for (const cell of cells) cell.join(t.clock);
  t.clock.tick(t.id);
}

/**
 * `t` releases into `cell`, replacing what it held: the cell becomes `t`'s clock, then `t` ticks. For a
 * release that heads a new release sequence (an unlock: the next locker must see this holder's past,
 * which already includes the previous holders'; an atomic store).
 */
export function releaseOverwrite(t: Thread, cell: VectorClock): void {
  cell.assign(t.clock);
  t.clock.tick(t.id);
}

/** `t` releases into a new cell: a snapshot of its clock (a value put in a Pool, a timer it starts), then `t` ticks. */
export function releaseSnapshot(t: Thread): VectorClock {
  const cell = t.clock.copy();
  t.clock.tick(t.id);
  return cell;
}

/**
 * `t` acquires `cell`, then releases into it (a read-modify-write that both sees and publishes:
 * a buffered channel's slot, Go's atomics): afterwards the cell and `t` have seen the same, and `t` ticks.
 */
export function acquireRelease(t: Thread, cell: VectorClock): void {
  t.clock.join(cell);
  cell.join(t.clock);
  t.clock.tick(t.id);
}

/**
 * `from` hands its clock straight to `to` (an unbuffered channel's rendezvous, where no cell stands
 * between them): `to` acquires `from`'s clock, then `from` ticks.
 */
export function transfer(from: Thread, to: Thread): void {
  to.clock.join(from.clock);
  from.clock.tick(from.id);
}

/** One cell gains what another has seen, with no thread involved (a clock carried along by a parked sender). */
export function carry(into: VectorClock, from: VectorClock): void {
  into.join(from);
}
