/**
 * FastTrack-style data-race detection for one variable (Flanagan & Freund, PLDI 2009).
 *
 * The last write is one epoch. Reads since that write are one epoch while they are totally ordered
 * (the common case, O(1)), and a per-goroutine list once two of them are concurrent. An access races
 * with an earlier one of another goroutine when that one's epoch is not covered by its clock.
 */
import { happensBefore, stampEpoch, type Epoch } from '../runtime/clock.js';
import type { Thread } from '../runtime/thread.js';

export interface Conflict {
  /** The earlier access. */
  prev: Epoch;
  prevOp: 'read' | 'write';
}

export class VarState {
  private w: Epoch | null = null;
  private r: Epoch | null = null;
  private rs: (Epoch | undefined)[] | null = null;

  read(t: Thread, step: number, at: string | undefined): Conflict | null {
    const w = this.w;
    if (w !== null && w.tid !== t.id && !happensBefore(w, t.clock)) return { prev: w, prevOp: 'write' };
    const r = this.r;
    if (this.rs === null && r !== null && (r.tid === t.id || happensBefore(r, t.clock))) {
      // The last read's epoch object, overwritten (as write does its own).
      stampEpoch(r, t.id, t.clock, step, at);
      return null;
    }
    const e = stampEpoch(null, t.id, t.clock, step, at);
    if (this.rs !== null) {
      this.rs[t.id] = e;
    } else if (this.r === null) {
      this.r = e;
    } else {
      this.rs = [];
      this.rs[this.r.tid] = this.r;
      this.rs[t.id] = e;
      this.r = null;
    }
    return null;
  }

  write(t: Thread, step: number, at: string | undefined): Conflict | null {
    const w = this.w;
    if (w !== null && w.tid !== t.id && !happensBefore(w, t.clock)) return { prev: w, prevOp: 'write' };
    const r = this.r;
    if (r !== null && r.tid !== t.id && !happensBefore(r, t.clock)) return { prev: r, prevOp: 'read' };
    if (this.rs !== null) {
      for (const e of this.rs) if (e !== undefined && e.tid !== t.id && !happensBefore(e, t.clock)) return { prev: e, prevOp: 'read' };
    }
    // The last write's epoch object, overwritten.
    this.w = stampEpoch(w, t.id, t.clock, step, at);
    this.r = null;
    this.rs = null;
    return null;
  }
}

import type { Execution } from '../runtime/execution.js';
import type { FindingKind } from '../findings.js';

/**
 * End the execution with a race report between the access now (`op` by `t` at `at`) and `c`.
 * `kind`/`message` let primitives report races on their hidden state under their own names
 * (a WaitGroup's Add racing with Wait is `waitgroup-misuse`).
 */
export function reportRace(
  exec: Execution,
  what: string,
  t: Thread,
  op: 'read' | 'write',
  at: string | undefined,
  c: Conflict,
  kind: FindingKind = 'data-race',
  message?: string,
): void {
  const other = exec.threads[c.prev.tid]!;
  const msg =
    message ??
    `data race on ${what}: ${op} by ${exec.flavour.thread} '${t.name}' is concurrent with a previous ${c.prevOp} by ${exec.flavour.thread} '${other.name}'`;
  exec.fatal(kind, msg, {
    object: what,
    threads: [t, other],
    locations: [at, c.prev.at],
    accesses: [
      { op, thread: { id: t.id, name: t.name }, at, step: exec.steps },
      { op: c.prevOp, thread: { id: other.id, name: other.name }, at: c.prev.at, step: c.prev.step },
    ].map((a) => (a.at === undefined ? { op: a.op, thread: a.thread, step: a.step } : a)) as never,
  });
}
