/**
 * sync/atomic: AtomicInt (atomic.Int64 / AddInt64…) and AtomicValue<T> (atomic.Value).
 *
 * Every operation is one step, so all operations on one atomic happen in one total order (the
 * scheduler's): sequentially consistent, as Go's memory model says. Happens-before, as Go's race
 * detector models sync/atomic (and "if the effect of A is observed by B, A is synchronized before B"):
 * - every operation that writes — store, add, swap, and compareAndSwap, a failed one too — acquires
 *   and releases the atomic's clock;
 * - a load acquires it. A load changes nothing another operation can observe, so it does not
 *   release: two loads commute, which is what their footprint (a read) tells the explorer.
 *
 * A plain (non-atomic) read of an atomic is what Go's copy of it is: copyValue(atomic) checks it
 * against the last atomic write, and each later atomic write checks it, in either order as the race
 * detector checks mixed atomic and plain accesses (Go's TestRaceAtomicStoreLoad). The read happens in
 * goroutine code, so it is also a touch the explorers see (Execution.noteTouch), which lets them run
 * the write before it too.
 */
import { reportRace } from '../../detectors/race.js';
import { happensBefore, stampEpoch, VectorClock, type Epoch } from '../../runtime/clock.js';
import { SimPanic, ScenarioError } from '../../runtime/errors.js';
import { callerLocation } from '../../runtime/locations.js';
import { Op } from '../../runtime/op.js';
import { COPY, SimObject, type Copyable } from '../core/object.js';
import { acquire, releaseOverwrite } from '../../runtime/sync.js';

type Access = 'load' | 'store' | 'add' | 'swap' | 'cas';

/** What atomics share: the clock, and the last write for plain-read checks. */
abstract class Atomic extends SimObject {
  readonly clock = new VectorClock();
  private lastWrite: Epoch | null = null;
  /**
   * The latest plain read of each goroutine (by id, in the order they first read: deterministic);
   * null until the first plain read (most atomics are never read plainly: no Map each).
   */
  private plainReads: Map<number, Epoch> | null = null;

  /** The synchronisation of one atomic operation by `op`'s goroutine. */
  sync(op: Op, write: boolean): void {
    const t = op.thread;
    this.used = true;
    if (write && this.plainReads !== null) {
      // An atomic write after a plain read it is not ordered after is a race (checked before acquiring).
      for (const r of this.plainReads.values()) {
        if (r.tid !== t.id && !happensBefore(r, t.clock)) {
          reportRace(this.exec, this.label, t, 'write', op.at, { prev: r, prevOp: 'read' });
          return;
        }
      }
    }
    acquire(t, this.clock);
    if (!write) return;
    // The last write's epoch object, overwritten.
    this.lastWrite = stampEpoch(this.lastWrite, t.id, t.clock, this.exec.steps, op.at);
    releaseOverwrite(t, this.clock);
  }

  /** A plain read of the atomic by the running goroutine (Go's copy of it). */
  plainRead(): void {
    const t = this.exec.running;
    if (!t) return;
    this.exec.noteTouch(this.id, true);
    const at = this.exec.captureLocations ? callerLocation() : undefined;
    (this.plainReads ??= new Map()).set(t.id, { tid: t.id, clock: t.clock.get(t.id), step: this.exec.steps, at });
    const w = this.lastWrite;
    if (w === null || w.tid === t.id || happensBefore(w, t.clock)) return;
    reportRace(this.exec, this.label, t, 'read', at, { prev: w, prevOp: 'write' });
  }
}

class AtomicOp<T> extends Op<T> {
  private result: T | undefined;
  constructor(
    readonly obj: Atomic,
    readonly kind: Access,
    private readonly what: string,
    private readonly run: () => T,
    private readonly show: (r: T) => string,
  ) {
    super(obj.exec);
  }
  step(): boolean {
    this.obj.sync(this, this.kind !== 'load');
    this.result = this.run();
    return this.complete(this.result);
  }
  describe(): string {
    return `${this.what} of ${this.obj.label}`;
  }
  override traced(): string {
    return `${this.what} ${this.obj.label} → ${this.show(this.result as T)}`;
  }
}

/**
 * AtomicInt's add and load, the hot ones (a counter in a loop): the same step as an AtomicOp's, with no
 * closure and no text per call (describe and traced build it when a report asks).
 */
class IntAddOp extends Op<number> {
  readonly kind = 'add';
  private result = 0;
  constructor(
    readonly obj: AtomicInt,
    private readonly delta: number,
  ) {
    super(obj.exec);
  }
  step(): boolean {
    this.obj.sync(this, true);
    return this.complete((this.result = this.obj.value += this.delta));
  }
  describe(): string {
    return `add(${this.delta}) of ${this.obj.label}`;
  }
  override traced(): string {
    return `add(${this.delta}) ${this.obj.label} → ${String(this.result)}`;
  }
}

class IntLoadOp extends Op<number> {
  readonly kind = 'load';
  private result = 0;
  constructor(readonly obj: AtomicInt) {
    super(obj.exec);
  }
  step(): boolean {
    this.obj.sync(this, false);
    return this.complete((this.result = this.obj.value));
  }
  describe(): string {
    return `load of ${this.obj.label}`;
  }
  override traced(): string {
    return `load ${this.obj.label} → ${String(this.result)}`;
  }
}

function int(what: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new ScenarioError(`${what} needs an integer, got ${String(v)}`);
  return v;
}

/** An integer updated atomically (Go's atomic.Int64, or an int64 used through AddInt64 & co). */
export class AtomicInt extends Atomic implements Copyable {
  readonly typeName = 'atomic.Int64';
  readonly isLockLike = false;
  value: number;

  constructor(initial = 0, name?: string) {
    super('new AtomicInt()', name, 'atomic');
    this.value = int('new AtomicInt(initial)', initial);
  }

  load(): Promise<number> {
    return new IntLoadOp(this);
  }

  store(v: number): Promise<void> {
    int('AtomicInt.store', v);
    return new AtomicOp(this, 'store', `store(${v})`, () => void (this.value = v), () => String(v));
  }

  /** Adds delta and returns the new value. */
  add(delta: number): Promise<number> {
    int('AtomicInt.add', delta);
    return new IntAddOp(this, delta);
  }

  /** Stores v and returns the old value. */
  swap(v: number): Promise<number> {
    int('AtomicInt.swap', v);
    return new AtomicOp(
      this,
      'swap',
      `swap(${v})`,
      () => {
        const old = this.value;
        this.value = v;
        return old;
      },
      (old) => `old ${old}`,
    );
  }

  /** If the value is `old`, stores `nu` and returns true; otherwise returns false. Synchronises either way. */
  compareAndSwap(old: number, nu: number): Promise<boolean> {
    int('AtomicInt.compareAndSwap', old);
    int('AtomicInt.compareAndSwap', nu);
    return new AtomicOp(
      this,
      'cas',
      `compareAndSwap(${old}, ${nu})`,
      () => {
        if (this.value !== old) return false;
        this.value = nu;
        return true;
      },
      String,
    );
  }

  [COPY](): AtomicInt {
    this.plainRead();
    const c = new AtomicInt(this.value, `${this.name} (copy)`);
    return c;
  }

  stateSummary(): string {
    return `value ${this.value}`;
  }
}

function isNil(v: unknown): boolean {
  return v === undefined || v === null;
}

/** The concrete type of a value, as atomic.Value compares them. */
function typeOf(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return typeof v;
  return Object.getPrototypeOf(v) as unknown;
}

function typeName(v: unknown): string {
  if (typeof v !== 'object' || v === null) return typeof v;
  const proto = Object.getPrototypeOf(v) as { constructor?: { name?: string } } | null;
  return proto?.constructor?.name || 'object';
}

/**
 * Go's atomic.Value: load returns undefined (nil) before the first store. As in Go, storing nil
 * (undefined or null) panics, and so does storing a value of another type than the first one
 * (primitive type, or prototype for objects).
 */
export class AtomicValue<T = unknown> extends Atomic implements Copyable {
  readonly typeName = 'atomic.Value';
  readonly isLockLike = false;
  value: T | undefined;

  constructor(initial?: T, name?: string) {
    super('new AtomicValue()', name, 'value');
    if (initial !== undefined && initial !== null) this.value = initial;
  }

  /** Panics as Go's Value does on a nil or inconsistently typed new value. */
  private check(op: string, v: unknown): void {
    if (isNil(v)) throw new SimPanic('panic', `sync/atomic: ${op} of nil value into Value`);
    if (this.value !== undefined && typeOf(v) !== typeOf(this.value)) {
      throw new SimPanic('panic', `sync/atomic: ${op} of inconsistently typed value into Value (${typeName(v)}, was ${typeName(this.value)})`);
    }
  }

  load(): Promise<T | undefined> {
    return new AtomicOp(this, 'load', 'load', () => this.value, show);
  }

  store(v: T): Promise<void> {
    return new AtomicOp(
      this,
      'store',
      'store',
      () => {
        this.check('store', v);
        this.value = v;
      },
      () => show(v),
    );
  }

  /** Stores v and returns the old value (undefined if none). */
  swap(v: T): Promise<T | undefined> {
    return new AtomicOp(
      this,
      'swap',
      'swap',
      () => {
        this.check('swap', v);
        const old = this.value;
        this.value = v;
        return old;
      },
      (old) => `old ${show(old)}`,
    );
  }

  /** If the current value is `old` (===), stores `nu` and returns true. Synchronises either way. */
  compareAndSwap(old: T | undefined, nu: T): Promise<boolean> {
    return new AtomicOp(
      this,
      'cas',
      'compareAndSwap',
      () => {
        if (isNil(nu)) throw new SimPanic('panic', 'sync/atomic: compare and swap of nil value into Value');
        if (!isNil(old) && typeOf(old) !== typeOf(nu)) throw new SimPanic('panic', 'sync/atomic: compare and swap of inconsistently typed values');
        this.check('compare and swap', nu);
        if (this.value !== old && !(this.value === undefined && old === null)) return false;
        this.value = nu;
        return true;
      },
      String,
    );
  }

  [COPY](): AtomicValue<T> {
    this.plainRead();
    return new AtomicValue<T>(this.value, `${this.name} (copy)`);
  }

  stateSummary(): string {
    return `value ${show(this.value)}`;
  }
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 30 ? v.slice(0, 30) + '…' : v);
  if (v === null || typeof v !== 'object') return String(v);
  return Array.isArray(v) ? `[${v.length} items]` : '{…}';
}
