/**
 * sync.WaitGroup with Go's three panics.
 *
 * - Add taking the counter below zero panics `sync: negative WaitGroup counter`.
 * - Add concurrent with Wait is caught on every schedule, as Go's race detector does: an Add that
 *   takes the counter from zero is a read, and every Wait a write, of one hidden location; when the
 *   two are not ordered by happens-before it is `waitgroup-misuse`. The Wait's access is made when
 *   it is called (it parks, `arrive`), so a late Add is caught even when Wait has already returned,
 *   or will block for ever. This is also how simcc catches Go's "reused before previous Wait has
 *   returned" (an Add from zero after the Done that woke the Wait, not ordered with the Wait).
 * - Wait takes its one step when the counter is zero; while it waits it takes none, so Dones and
 *   Waits make no interleavings of their own. For the explorer, Dones commute with each other
 *   (decrements: any order leaves the same state) and with Waits, which only read the counter; an
 *   Add conflicts with both.
 *
 * Happens-before: every Done (negative Add) releases into the WaitGroup; Wait's return acquires it.
 */
import { reportRace } from '../../detectors/race.js';
import { happensBefore, VectorClock, type Epoch } from '../../runtime/clock.js';
import { SimPanic, ScenarioError } from '../../runtime/errors.js';
import { Op, type Touch } from '../../runtime/op.js';
import type { Thread } from '../../runtime/thread.js';
import { COPY, SimObject, type Copyable } from '../core/object.js';
import { acquire, release } from '../../runtime/sync.js';

const MISUSE = 'sync: WaitGroup misuse: Add called concurrently with Wait';

/** The first access in `set` (one per goroutine) of another goroutine not ordered before `t`. */
function firstUnordered(set: (Epoch | undefined)[], t: Thread): Epoch | null {
  for (const e of set) if (e !== undefined && e.tid !== t.id && !happensBefore(e, t.clock)) return e;
  return null;
}

export class WaitGroup extends SimObject implements Copyable {
  readonly typeName = 'sync.WaitGroup';
  readonly isLockLike = true;
  counter = 0;
  readonly clock = new VectorClock();
  private readonly addsFromZero: (Epoch | undefined)[] = [];
  private readonly waits: (Epoch | undefined)[] = [];

  constructor(opts: { name?: string } = {}) {
    super('new WaitGroup()', opts.name, 'wg');
  }

  add(delta: number): Promise<void> {
    if (!Number.isInteger(delta)) throw new ScenarioError(`WaitGroup.add needs an integer, got ${String(delta)}`);
    return new AddOp(this, delta, delta === -1 ? 'done' : 'add');
  }

  done(): Promise<void> {
    return new AddOp(this, -1, 'done');
  }

  wait(): Promise<void> {
    return new WaitOp(this);
  }

  /** Add's step. Returns false when it ended the execution (a misuse report). */
  applyAdd(op: Op, delta: number): boolean {
    const t = op.thread;
    this.used = true;
    if (delta > 0 && this.counter === 0) {
      const c = firstUnordered(this.waits, t);
      if (c) {
        reportRace(this.exec, this.label, t, 'read', op.at, { prev: c, prevOp: 'write' }, 'waitgroup-misuse', MISUSE);
        return false;
      }
      this.addsFromZero[t.id] = { tid: t.id, clock: t.clock.get(t.id), step: this.exec.steps, at: op.at };
    }
    this.counter += delta;
    if (delta < 0) {
      release(t, this.clock);
    }
    if (this.counter < 0) throw new SimPanic('negative-waitgroup-counter', 'sync: negative WaitGroup counter');
    return true;
  }

  /** A Wait is called (its goroutine parks at it): false when it ended the execution (a misuse report). */
  recordWait(op: Op): boolean {
    const t = op.thread;
    this.used = true;
    const c = firstUnordered(this.addsFromZero, t);
    if (c) {
      reportRace(this.exec, this.label, t, 'write', op.at, { prev: c, prevOp: 'read' }, 'waitgroup-misuse', MISUSE);
      return false;
    }
    this.waits[t.id] = { tid: t.id, clock: t.clock.get(t.id), step: this.exec.steps, at: op.at };
    return true;
  }

  [COPY](): WaitGroup {
    const wg = new WaitGroup({ name: `${this.name} (copy)` });
    wg.counter = this.counter;
    wg.clock.assign(this.clock);
    wg.used = this.used;
    return wg;
  }

  stateSummary(): string {
    const n = this.exec.threads.filter((t) => t.pending instanceof WaitOp && t.pending.obj === this).length;
    return `counter ${this.counter}${n ? `, ${n} waiting` : ''}`;
  }
}

class AddOp extends Op<void> {
  readonly kind = 'add';
  constructor(
    readonly obj: WaitGroup,
    private readonly delta: number,
    private readonly verb: 'add' | 'done',
  ) {
    super(obj.exec);
  }
  /** An Add writes the WaitGroup; a Done only decrements it ("reads": Dones commute with each other and with Waits). */
  override footprint(): readonly Touch[] {
    return [{ id: this.obj.id, read: this.delta <= 0 }];
  }
  step(): boolean {
    this.obj.applyAdd(this, this.delta);
    return this.complete(undefined);
  }
  describe(): string {
    return this.verb === 'done' ? `done of ${this.obj.label}` : `add(${this.delta}) of ${this.obj.label}`;
  }
  override traced(): string {
    return `${this.verb === 'done' ? 'done' : `add(${this.delta})`} ${this.obj.label} → counter ${this.obj.counter}`;
  }
}

/** Called when its goroutine parks at it (the misuse check); one step, once the counter is zero. */
class WaitOp extends Op<void> {
  readonly kind = 'wait';
  constructor(readonly obj: WaitGroup) {
    super(obj.exec);
  }
  override enabled(): boolean {
    return this.obj.counter === 0;
  }
  override arrive(): void {
    this.obj.recordWait(this); // a misuse ends the execution
  }
  /** The call reads the counter's history (Adds from zero conflict with it). */
  override arrival(): readonly Touch[] {
    return [{ id: this.obj.id, read: true }];
  }
  override footprint(): readonly Touch[] {
    return [{ id: this.obj.id, read: true }];
  }
  /** Calling or returning from a wait changes nothing another goroutine waits for (runtime/runnable.ts). */
  override wakesWaiters(): boolean {
    return false;
  }
  step(): boolean {
    acquire(this.thread, this.obj.clock);
    return this.complete(undefined);
  }
  describe(): string {
    return `wait of ${this.obj.label} (counter ${this.obj.counter})`;
  }
  override traced(): string {
    return `wait ${this.obj.label}: returns`;
  }
}
