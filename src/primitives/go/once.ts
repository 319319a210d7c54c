/**
 * sync.Once: `do(fn)` runs fn the first time only, as Go's Do/doSlow (an atomic done flag, a mutex
 * held while fn runs, done set by a defer).
 *
 * - The first do runs fn (which may be async and use simulated operations); every do that arrives
 *   while fn runs blocks until fn has finished; every later do returns at once without calling its fn.
 * - The Once is done when fn returns or throws: a panic in fn propagates to that caller only, and
 *   the Once never runs a fn again (Go's "failed init" pitfall).
 * - The end of fn happens-before every do returns (the caller that ran fn included).
 * - do inside its own fn (directly, in the goroutine running fn) waits for itself: Go's inner Do
 *   blocks on the mutex the outer one holds. It is reported at once as a `deadlock` naming the Once.
 *   A cycle through other goroutines (fn waits for a goroutine that calls do) is found by the
 *   wait-for graph: a blocked do waits for the goroutine running fn.
 *
 * Steps: one for do's entry (run, return, or block), and one when fn has ended.
 */
import { checkWaitCycle } from '../../detectors/deadlock.js';
import { VectorClock } from '../../runtime/clock.js';
import { ScenarioError } from '../../runtime/errors.js';
import { Op } from '../../runtime/op.js';
import type { Thread } from '../../runtime/thread.js';
import { COPY, SimObject, type Copyable } from '../core/object.js';
import { acquire, release } from '../../runtime/sync.js';

export class Once extends SimObject implements Copyable {
  readonly typeName = 'sync.Once';
  readonly isLockLike = true;
  state: 'idle' | 'running' | 'done' = 'idle';
  /** The goroutine running fn, and where it called do. */
  runner: Thread | null = null;
  runnerAt: string | undefined;
  /** Whether fn ended by throwing. */
  panicked = false;
  /** Released when fn ends; acquired by every do that returns without running fn. */
  readonly clock = new VectorClock();

  constructor(opts: string | { name?: string } = {}) {
    super('new Once()', typeof opts === 'string' ? opts : opts.name, 'once');
  }

  /** Go's Do: call fn if and only if this is the first do; return once fn has finished. */
  async do(fn: () => unknown): Promise<void> {
    if (typeof fn !== 'function') throw new ScenarioError(`do of ${this.label}: fn must be a function, got ${typeof fn}`);
    const first = await new DoOp(this);
    if (!first) return;
    let ok = false;
    try {
      await fn();
      ok = true;
    } finally {
      await new DoneOp(this, ok);
    }
  }

  [COPY](): Once {
    // The copy carries done, and a Once copied while its fn runs carries the locked mutex: its do
    // blocks forever (no goroutine of the copy will finish it).
    const o = new Once(`${this.name} (copy)`);
    o.state = this.state;
    o.panicked = this.panicked;
    o.clock.assign(this.clock);
    o.used = this.used;
    return o;
  }

  stateSummary(): string {
    if (this.state === 'running') return this.runner ? `running its fn in '${this.runner.name}'` : 'running its fn';
    if (this.state === 'done') return this.panicked ? 'done (its fn panicked)' : 'done';
    return 'not done';
  }
}

class DoOp extends Op<boolean> {
  readonly kind = 'do';
  private readonly recursive: boolean;
  private ran: boolean | null = null;
  constructor(readonly obj: Once) {
    super(obj.exec);
    const o = obj;
    const t = this.thread;
    this.recursive = o.state === 'running' && o.runner === t;
    if (this.recursive) {
      this.exec.fatal('deadlock', `goroutine '${t.name}' calls do of ${o.label} inside its own fn: it waits for itself forever`, {
        threads: [t],
        locations: [this.at, o.runnerAt],
        details: [
          `${o.label} is done only when its fn returns, and its fn is waiting for this do to return (Go: the inner Do blocks on the mutex the outer Do holds)`,
          'do not call a Once from its own fn, directly or indirectly',
        ],
      });
    } else if (o.state === 'running') {
      checkWaitCycle(this.exec, t);
    }
  }
  override enabled(): boolean {
    return this.obj.state !== 'running';
  }
  override waitsFor(): Thread | null {
    return this.obj.runner;
  }
  step(): boolean {
    const o = this.obj;
    const t = this.thread;
    o.used = true;
    if (o.state === 'done') {
      acquire(t, o.clock);
      this.ran = false;
      return this.complete(false);
    }
    o.state = 'running';
    o.runner = t;
    o.runnerAt = this.at;
    t.hold(o, `${o.label} (running its fn)`, this.at);
    this.ran = true;
    return this.complete(true);
  }
  describe(): string {
    const o = this.obj;
    if (this.recursive) return `do of ${o.label} (called inside its own fn)`;
    if (o.state === 'running' && o.runner) return `do of ${o.label} (waiting for '${o.runner.name}' to finish its fn)`;
    if (o.state === 'running') return `do of ${o.label} (its fn never finishes: a copy taken while it ran)`;
    return `do of ${o.label}`;
  }
  override traced(): string {
    return this.ran ? `do ${this.obj.label}: runs its fn` : `do ${this.obj.label}: already done`;
  }
}

class DoneOp extends Op<void> {
  readonly kind = 'do';
  constructor(
    readonly obj: Once,
    private readonly ok: boolean,
  ) {
    super(obj.exec);
  }
  step(): boolean {
    const o = this.obj;
    const t = this.thread;
    o.state = 'done';
    o.panicked = !this.ok;
    o.runner?.release(o);
    o.runner = null;
    o.runnerAt = undefined;
    release(t, o.clock);
    return this.complete(undefined);
  }
  describe(): string {
    return `end of the fn of ${this.obj.label}`;
  }
  override traced(): string {
    return `do ${this.obj.label}: fn ${this.ok ? 'returned' : 'panicked'}, done`;
  }
}
