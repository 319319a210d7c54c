/**
 * std::sync::Once and OnceLock for the 'simcc/rust' flavour (shared/scenario-api.md §2b).
 *
 * Once: `await once.callOnce(fn)` runs fn (which may be async) in the first caller; a caller that
 * arrives while fn runs blocks until it has ended; later callers return at once. A panic in fn
 * poisons the Once (std): the panic goes on in the caller that ran fn, and every later (or waiting)
 * callOnce panics with std's "Once instance has previously been poisoned". `isCompleted()` is a
 * synchronous query (std's Acquire load): true once fn has returned.
 *
 * OnceLock<T>: `await get()` → the value or undefined; `await set(v)` → `Ok` or `Err(v)` when already
 * set; `await getOrInit(fn)` runs one initialiser at a time (others block until it ends); a panic in
 * fn leaves the cell empty (std: OnceLock is not poisoned), so a waiting caller then runs its own.
 *
 * Happens-before: the end of fn (a set) → every later return that sees the value (callOnce, get,
 * getOrInit, isCompleted() returning true, a failing set).
 * Dependence (DPOR): a call that finds the value (or the poison) only reads the object, so those
 * commute; a call that starts fn, fn's end and a set write it. A caller blocked while fn runs takes no
 * step; it waits for the runner (`waitsFor`), so a cycle through it is a deadlock (and callOnce inside
 * its own fn is reported at once, as std deadlocks there).
 */
import { checkWaitCycle } from '../../detectors/deadlock.js';
import { VectorClock } from '../../runtime/clock.js';
import { currentExecution } from '../../runtime/current.js';
import { ScenarioError } from '../../runtime/errors.js';
import { Op, type Touch } from '../../runtime/op.js';
import { acquire, release } from '../../runtime/sync.js';
import type { Thread } from '../../runtime/thread.js';
import { SimObject } from '../core/object.js';
import { isInternal, makePanic, type PanicInfo, panicInfoOf } from './panic.js';
import { Err, Ok, type Result } from './result.js';

export const ONCE_POISONED = 'Once instance has previously been poisoned';

/** What the Once and the OnceLock share: who runs the initialiser, the clock its end releases. */
abstract class OnceBase extends SimObject {
  runner: Thread | null = null;
  runnerAt: string | undefined;
  readonly clock = new VectorClock();

  abstract get running(): boolean;

  /** A call by `t` while the initialiser runs: in its own initialiser, a deadlock reported now. */
  checkReentry(op: Op, what: string): boolean {
    const t = op.thread;
    if (!this.running) return false;
    if (this.runner === t) {
      this.exec.fatal('deadlock', `thread '${t.name}' calls ${what} of ${this.label} inside its own initialiser: it waits for itself forever`, {
        threads: [t],
        locations: [op.at, this.runnerAt],
        details: [`${this.label} is initialised only when its initialiser returns, and the initialiser waits for this call (std deadlocks here)`],
      });
      return true;
    }
    checkWaitCycle(this.exec, t);
    return false;
  }

  startRun(t: Thread, at: string | undefined): void {
    this.runner = t;
    this.runnerAt = at;
    t.hold(this, `${this.label} (running its initialiser)`, at);
  }

  endRun(t: Thread): void {
    this.runner?.release(this);
    this.runner = null;
    this.runnerAt = undefined;
    release(t, this.clock);
  }
}

// ---- Once -----------------------------------------------------------------------------------------

export class Once extends OnceBase {
  readonly typeName = 'std::sync::Once';
  state: 'incomplete' | 'running' | 'complete' | 'poisoned' = 'incomplete';
  /** The panic that poisoned it. */
  poisonedBy: PanicInfo | undefined;

  constructor(opts: { name?: string } | string = {}) {
    super('new Once()', typeof opts === 'string' ? opts : opts?.name, 'once');
  }

  override get label(): string {
    return `Once '${this.name}'`;
  }

  get running(): boolean {
    return this.state === 'running';
  }

  /** Run `fn` if no call ran it yet; return once it has ended. A panic in it poisons the Once. */
  async callOnce(fn: () => unknown): Promise<void> {
    currentExecution('callOnce()');
    if (typeof fn !== 'function') throw new ScenarioError(`callOnce of ${this.label}: fn must be a function, got ${typeof fn}`);
    const first = await new CallOnceOp(this);
    if (!first) return;
    try {
      await fn();
    } catch (e) {
      if (!isInternal(e)) await new OnceEndOp(this, panicInfoOf(e, this.exec.running));
      throw e;
    }
    await new OnceEndOp(this, null);
  }

  /** Whether a callOnce has completed (std's Acquire load: true happens-after fn's end). Synchronous. */
  isCompleted(): boolean {
    const exec = currentExecution('isCompleted()');
    exec.noteTouch(this.id, true);
    const done = this.state === 'complete';
    const t = exec.running;
    if (done && t) acquire(t, this.clock);
    return done;
  }

  /** Whether fn panicked (std's `is_poisoned` is unstable; simcc's own query). Synchronous. */
  isPoisoned(): boolean {
    currentExecution('isPoisoned()').noteTouch(this.id, true);
    return this.state === 'poisoned';
  }
}

class CallOnceOp extends Op<boolean> {
  readonly kind = 'callOnce' as const;
  private ran: boolean | null = null;
  private readonly reentry: boolean;
  constructor(readonly obj: Once) {
    super(obj.exec);
    this.reentry = obj.checkReentry(this, 'callOnce');
  }
  override enabled(): boolean {
    return this.obj.state !== 'running';
  }
  override waitsFor(): Thread | null {
    return this.obj.runner;
  }
  override footprint(): readonly Touch[] {
    const s = this.obj.state;
    return [{ id: this.obj.id, read: s === 'complete' || s === 'poisoned' }];
  }
  step(): boolean {
    const o = this.obj;
    const t = this.thread;
    if (o.state === 'complete') {
      acquire(t, o.clock);
      this.ran = false;
      return this.complete(false);
    }
    if (o.state === 'poisoned') {
      acquire(t, o.clock);
      throw makePanic('panic', ONCE_POISONED, this.at);
    }
    o.state = 'running';
    o.startRun(t, this.at);
    this.ran = true;
    return this.complete(true);
  }
  describe(): string {
    const o = this.obj;
    if (this.reentry) return `callOnce of ${o.label} (inside its own fn)`;
    if (o.state === 'running' && o.runner) return `callOnce of ${o.label} (waits for '${o.runner.name}' to finish its fn)`;
    return `callOnce of ${o.label}`;
  }
  override traced(): string {
    const o = this.obj;
    if (this.ran === null) return o.state === 'poisoned' ? `callOnce ${o.label}: poisoned, panics` : this.describe();
    return this.ran ? `callOnce ${o.label}: runs its fn` : `callOnce ${o.label}: already complete`;
  }
}

class OnceEndOp extends Op<void> {
  readonly kind = 'callOnce' as const;
  constructor(
    readonly obj: Once,
    private readonly panicked: PanicInfo | null,
  ) {
    super(obj.exec);
  }
  step(): boolean {
    const o = this.obj;
    o.state = this.panicked ? 'poisoned' : 'complete';
    o.poisonedBy = this.panicked ?? undefined;
    o.endRun(this.thread);
    return this.complete(undefined);
  }
  describe(): string {
    return `end of the fn of ${this.obj.label}`;
  }
  override traced(): string {
    return this.panicked ? `callOnce ${this.obj.label}: fn panicked: poisoned` : `callOnce ${this.obj.label}: fn returned: complete`;
  }
}

// ---- OnceLock -------------------------------------------------------------------------------------

export class OnceLock<T> extends OnceBase {
  readonly typeName = 'std::sync::OnceLock';
  state: 'empty' | 'running' | 'full' = 'empty';
  value: T | undefined;

  constructor(opts: { name?: string } | string = {}) {
    super('new OnceLock()', typeof opts === 'string' ? opts : opts?.name, 'oncelock');
  }

  override get label(): string {
    return `OnceLock '${this.name}'`;
  }

  get running(): boolean {
    return this.state === 'running';
  }

  /** The value, or undefined while it is not set (Rust's None). Never blocks. */
  get(): Promise<T | undefined> {
    currentExecution('OnceLock.get()');
    return new LockGetOp<T>(this);
  }

  /** Set it: `Ok`, or `Err(v)` when it already holds a value (waits while an initialiser runs, as std). */
  set(v: T): Promise<Result<void, T>> {
    currentExecution('OnceLock.set()');
    return new LockSetOp<T>(this, v);
  }

  /** The value, running `fn` to make it if the cell is empty (one initialiser at a time; others wait). */
  async getOrInit(fn: () => T | Promise<T>): Promise<T> {
    currentExecution('OnceLock.getOrInit()');
    if (typeof fn !== 'function') throw new ScenarioError(`getOrInit of ${this.label}: fn must be a function, got ${typeof fn}`);
    const found = await new LockInitOp<T>(this);
    if (found !== null) return found.value;
    let v: T;
    try {
      v = await fn();
    } catch (e) {
      if (!isInternal(e)) await new LockInitEndOp<T>(this, null);
      throw e;
    }
    await new LockInitEndOp<T>(this, { value: v });
    return v;
  }
}

class LockGetOp<T> extends Op<T | undefined> {
  readonly kind = 'get' as const;
  private seen = false;
  constructor(readonly obj: OnceLock<T>) {
    super(obj.exec);
  }
  override footprint(): readonly Touch[] {
    return [{ id: this.obj.id, read: true }];
  }
  step(): boolean {
    const o = this.obj;
    if (o.state !== 'full') return this.complete(undefined);
    acquire(this.thread, o.clock);
    this.seen = true;
    return this.complete(o.value);
  }
  describe(): string {
    return `get of ${this.obj.label}`;
  }
  override traced(): string {
    return `get ${this.obj.label} → ${this.seen ? 'Some' : 'None'}`;
  }
}

class LockSetOp<T> extends Op<Result<void, T>> {
  readonly kind = 'set' as const;
  private ok: boolean | null = null;
  constructor(
    readonly obj: OnceLock<T>,
    private readonly v: T,
  ) {
    super(obj.exec);
    obj.checkReentry(this, 'set');
  }
  override enabled(): boolean {
    return this.obj.state !== 'running';
  }
  override waitsFor(): Thread | null {
    return this.obj.runner;
  }
  override footprint(): readonly Touch[] {
    return [{ id: this.obj.id, read: this.obj.state === 'full' }];
  }
  step(): boolean {
    const o = this.obj;
    const t = this.thread;
    if (o.state === 'full') {
      acquire(t, o.clock);
      this.ok = false;
      return this.complete(Err(this.v));
    }
    o.state = 'full';
    o.value = this.v;
    release(t, o.clock);
    this.ok = true;
    return this.complete(Ok(undefined));
  }
  describe(): string {
    const o = this.obj;
    return o.state === 'running' && o.runner ? `set of ${o.label} (waits for '${o.runner.name}' to finish initialising)` : `set of ${o.label}`;
  }
  override traced(): string {
    return this.ok === null ? this.describe() : `set ${this.obj.label} → ${this.ok ? 'Ok' : 'Err: already set'}`;
  }
}

class LockInitOp<T> extends Op<{ value: T } | null> {
  readonly kind = 'getOrInit' as const;
  private ran: boolean | null = null;
  private readonly reentry: boolean;
  constructor(readonly obj: OnceLock<T>) {
    super(obj.exec);
    this.reentry = obj.checkReentry(this, 'getOrInit');
  }
  override enabled(): boolean {
    return this.obj.state !== 'running';
  }
  override waitsFor(): Thread | null {
    return this.obj.runner;
  }
  override footprint(): readonly Touch[] {
    return [{ id: this.obj.id, read: this.obj.state === 'full' }];
  }
  step(): boolean {
    const o = this.obj;
    const t = this.thread;
    if (o.state === 'full') {
      acquire(t, o.clock);
      this.ran = false;
      return this.complete({ value: o.value as T });
    }
    o.state = 'running';
    o.startRun(t, this.at);
    this.ran = true;
    return this.complete(null);
  }
  describe(): string {
    const o = this.obj;
    if (this.reentry) return `getOrInit of ${o.label} (inside its own initialiser)`;
    if (o.state === 'running' && o.runner) return `getOrInit of ${o.label} (waits for '${o.runner.name}' to finish initialising)`;
    return `getOrInit of ${o.label}`;
  }
  override traced(): string {
    if (this.ran === null) return this.describe();
    return this.ran ? `getOrInit ${this.obj.label}: empty, runs its initialiser` : `getOrInit ${this.obj.label}: already set`;
  }
}

class LockInitEndOp<T> extends Op<void> {
  readonly kind = 'getOrInit' as const;
  constructor(
    readonly obj: OnceLock<T>,
    private readonly made: { value: T } | null,
  ) {
    super(obj.exec);
  }
  step(): boolean {
    const o = this.obj;
    if (this.made) {
      o.state = 'full';
      o.value = this.made.value;
    } else o.state = 'empty';
    o.endRun(this.thread);
    return this.complete(undefined);
  }
  describe(): string {
    return `end of the initialiser of ${this.obj.label}`;
  }
  override traced(): string {
    return this.made ? `getOrInit ${this.obj.label}: set` : `getOrInit ${this.obj.label}: the initialiser panicked, still empty`;
  }
}
