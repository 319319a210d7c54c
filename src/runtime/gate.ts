/**
 * A thread gate: "this thread may not take a step now, whatever its operation" — a node paused or
 * crashed (etcd), no tokio worker free for a task. The runtime knows no language; a flavour
 * subclasses Gate with the state its `admits` reads.
 *
 * Invariants:
 * - A thread has at most one gate (Thread.gate). It can run iff `gate.admits(t)` and its pending
 *   operation is enabled (Execution.canRun); the runnable set watches `gate.id` for gated threads,
 *   so the code that changes what `admits` reads must call `exec.gateChanged(gate)`.
 * - `admits` reads simulated state only (never the clock directly, never real time), so it is as
 *   deterministic as the rest of a step.
 * - For the explorers: a gated thread's step reads `gate.id` (scheduler/trace.ts), and
 *   `gateChanged` records a write of it by the event in progress (a step, or a timer firing), so
 *   DPOR orders gate changes against the gated threads' steps. Whether a thread became able or unable
 *   to run is also seen as a wake-up edge, like any enabling.
 */
import type { Execution } from './execution.js';
import type { Thread } from './thread.js';

export abstract class Gate {
  /** A simulated object id: what the gated steps read and a change writes. */
  readonly id: number;

  constructor(
    protected readonly exec: Execution,
    readonly name: string,
  ) {
    this.id = exec.newObjectId();
  }

  /** May `t` take its next step (apart from its operation being enabled)? Simulated state only. */
  abstract admits(t: Thread): boolean;

  /** For deadlock and leak reports: why `t` cannot run now ("node 'n1' is paused until 250 ms"). */
  abstract why(t: Thread): string;
}
