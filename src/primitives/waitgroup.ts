/**
 * sync.WaitGroup with Go's three panics.
 *
 * - Add taking the counter below zero panics `sync: negative WaitGroup counter`.
 * - A Wait woken when the counter reached zero checks the state again in a step of its own; an Add
 *   in between (reuse before Wait returned) panics `sync: WaitGroup is reused before previous Wait
 *   has returned`, only on the schedules where it happens, as in Go.
 * - Add concurrent with Wait is caught on every schedule, as Go's race detector does: an Add that
 *   takes the counter from zero is a read, and every Wait a write, of one hidden location; when the
 *   two are not ordered by happens-before it is `waitgroup-misuse`. (Unlike Go, a Wait that does not
 *   block counts too, so a late Add is caught even when Wait has already returned.)
 *
 * Happens-before: every Done (negative Add) releases into the WaitGroup; Wait's return acquires it.
 */
import { reportRace } from '../detectors/race.js';
import { happensBefore, VectorClock, type Epoch } from '../runtime/clock.js';
import { GoPanic, ScenarioError } from '../runtime/errors.js';
import { Op } from '../runtime/op.js';
import type { Thread } from '../runtime/thread.js';
import { COPY, SimObject, type Copyable } from './object.js';

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
  /** Blocked Waits, woken together when the counter reaches zero. */
  waiters: WaitOp[] = [];
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
      this.clock.join(t.clock);
      t.clock.tick(t.id);
    }
    if (this.counter < 0) throw new GoPanic('negative-waitgroup-counter', 'sync: negative WaitGroup counter');
    if (this.counter === 0 && this.waiters.length > 0) {
      for (const w of this.waiters) w.woken = true;
      this.waiters = [];
    }
    return true;
  }

  /** Wait's first step: false when it ended the execution (a misuse report). */
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
    return `counter ${this.counter}${this.waiters.length ? `, ${this.waiters.length} waiting` : ''}`;
  }
}

class AddOp extends Op<void> {
  readonly access = 'add';
  constructor(
    readonly obj: WaitGroup,
    private readonly delta: number,
    private readonly verb: 'add' | 'done',
  ) {
    super(obj.exec);
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

/** Two steps when it blocks: register as a waiter; once woken, check the state and return. */
class WaitOp extends Op<void> {
  readonly access = 'wait';
  woken = false;
  private phase = 0;
  constructor(readonly obj: WaitGroup) {
    super(obj.exec);
  }
  override enabled(): boolean {
    return this.phase === 0 || this.woken;
  }
  step(): boolean {
    const wg = this.obj;
    if (this.phase === 0) {
      if (!wg.recordWait(this)) return this.complete(undefined);
      if (wg.counter !== 0) {
        wg.waiters.push(this);
        this.phase = 1;
        return false;
      }
    } else if (wg.counter !== 0 || wg.waiters.length > 0) {
      throw new GoPanic('waitgroup-misuse', 'sync: WaitGroup is reused before previous Wait has returned');
    }
    this.thread.clock.join(wg.clock);
    return this.complete(undefined);
  }
  describe(): string {
    return `wait of ${this.obj.label} (counter ${this.obj.counter})`;
  }
  override traced(): string {
    return this.phase === 1 && !this.woken ? `wait ${this.obj.label}: blocks (counter ${this.obj.counter})` : `wait ${this.obj.label}: returns`;
  }
}
