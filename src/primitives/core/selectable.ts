/**
 * The selectable protocol (issue 11, item 2): one wait that a runtime operation (its *driver*) can
 * register, poll, complete or cancel, so that every flavour's select-like constructs drive their waits
 * the same way and a cancellation is one explicit step with a declared footprint that DPOR understands.
 * Go's select and its channel cases (primitives/go/select.ts, go/select-cases.ts), the waits of Go's
 * Weighted semaphore and CyclicBarrier, each with its context's close (go/wait-op.ts, go/close-watch.ts),
 * and tokio's await/select/join/timeout/abort (primitives/tokio/future.ts) are drivers over Selectables.
 *
 * A driver is one Op of one thread. It asks `ready()` from `enabled()` (between steps) and runs `begin`,
 * `take` and `cancel` inside its own steps, or in its `arrive` (the thread parking at it, no step of its
 * own), never anywhere else: so every change a Selectable makes belongs to a scheduling step (or to the
 * continuation that parked) whose footprint the explorers know.
 *
 * Invariants every implementation keeps:
 * - `begin(d)` registers what lets the wait complete later (join a waiter queue, park as the driver's
 *   case i, start a timer). Called at most once, before `take` or `cancel`. A driver that never waits
 *   (Go's select with a default) never begins its cases: they are polled with `ready`/`take` only.
 * - `ready()` is pure: no change, no counted read of the clock, no choice. It is asked between steps.
 * - `take(d)` is only called when `ready()` held in the same step; it completes the wait (moves the
 *   value, acquires the clock, leaves the queue) and returns its value, or `PENDING` when it made
 *   progress but is not done (a composite). A take may make a recorded choice (which parked partner).
 * - `cancel(d)` undoes `begin` so that nothing happened (a losing send did not send; a waiter handed a
 *   permit passes it on; a parked case leaves its queue). It runs inside a step of the driver, and is
 *   called for every begun case that did not win (and for all of them when the driver gives up).
 * - `touches()`: the objects `ready`, `take` and `cancel` read or change, as Op.footprint() entries (a
 *   read when it only looks, a write when take/cancel change the object). The driver's footprint is
 *   their union (plus the driver's own state). Anything else a Selectable changes must be declared there,
 *   except what the explorers see on their own (scheduler/trace.ts: timers, the clock, which threads can
 *   run) and a change made outside any step, which calls `exec.noteTouch(id, …)` and `exec.touched(id)`.
 * - `arrival()` (optional): when `begin` ran at the driver's arrival (Op.arrive, no step of its own),
 *   what it changed (Op.arrival): registrations that commute with every step but other registrations.
 *
 * The rest is for reports: `describe`, `traced` (what its last step did), `waitsFor` (the thread it
 * waits for, for wait-for cycles) and `explain` (who else could help, for deadlock and leak reports).
 *
 * The driver type `D` is the flavour's op (tokio's TokioOp, Go's select op): a Selectable is written for
 * its flavour's driver, which is what it registers with a queue and what a partner completes.
 */
import type { OpKind, SimObjectRef, Touch } from '../../runtime/op.js';
import type { Thread } from '../../runtime/thread.js';

/** What `take` returns when a composite made progress but is not complete. */
export const PENDING: unique symbol = Symbol('simcc.pending');
export type Poll<T> = T | typeof PENDING;

/** One wait that a driver `D` registers, polls, completes or cancels (see the header for the invariants). */
export interface Selectable<T, D> {
  /** The op kind it shows as when driven alone ('sleep', 'join', 'recv', …). */
  readonly kind: OpKind;
  /** The object it is on, for reports (null for a timer or a composite). */
  readonly obj: SimObjectRef | null;
  begin(driver: D): void;
  /** Optional: what `begin` changed when it ran at the driver's arrival rather than in a step. */
  arrival?(): readonly Touch[];
  ready(): boolean;
  take(driver: D): Poll<T>;
  cancel(driver: D): void;
  touches(): readonly Touch[];
  /** Optional, for a composite: which of its branches are ready (bit i). An event that changes it changes what the step does. */
  readyMask?(): number;
  describe(): string;
  /** What its last step did, for the timeline (default: describe()). */
  traced?(): string;
  waitsFor?(): Thread | null;
  explain?(): string[];
}
