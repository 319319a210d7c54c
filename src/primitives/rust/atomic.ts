/**
 * `std::sync::atomic` for the 'simcc/rust' flavour: AtomicUsize, AtomicIsize, AtomicU32, AtomicI32,
 * AtomicU64, AtomicI64 (bigints), AtomicBool, and `Ordering` (re-exported). `fence` is in fence.ts.
 *
 * Every operation is one simulated step (an awaited Op, a scheduling point) run by the C++20 / Rust
 * memory-model engine (memory/model.ts), one engine per execution (atomic-runtime.ts):
 * - **A load reads any store coherence still allows.** Which one is a scheduling choice
 *   `exec.choose('atomic-load', n)` over the engine's candidates, newest first: answer 0 is the
 *   newest store (sequential consistency). `run` answers every choice uniformly, so a load that may
 *   read an older store does so half the time or more: store-buffering and message-passing bugs show
 *   up in random runs; `explore` branches on every answer.
 * - Read-modify-writes (swap, fetch_*, compare-exchange) read the newest store (no lost update).
 * - `compareExchangeWeak` may fail spuriously where the strong one would succeed: a choice
 *   `exec.choose('atomic-cas-weak', 2)` (1 = fail), offered only when it would succeed, and not
 *   twice in a row to one thread on one location (so a retry loop ends: at most every other
 *   attempt fails spuriously, which is all a loop's correctness can depend on).
 * - Happens-before: the engine joins the loading thread's clock on acquire and publishes it on
 *   release, so the race detector (UnsafeCell, `shared`) sees exactly the synchronisation Rust gives.
 * - Orderings Rust panics on (a Release load, an Acquire store, a Release failure ordering) panic the
 *   thread with Rust's message when the operation is called; an unknown ordering is a scenario error.
 *
 * Values and widths:
 * - u32/i32: numbers, wrapping exactly as Rust. u64/i64: bigints, wrapping exactly.
 * - usize/isize (64-bit): numbers at the API, kept exactly (as bigints) inside, wrapping modulo 2^64
 *   as Rust does. A value beyond ±2^53 is returned as the nearest JS number: a wrapped usize 0 − 1
 *   reads as 18446744073709552000 (compares unequal to 0, as an assert needs), and such a number
 *   given back (to store, compare-exchange or an operand) means the value it is nearest to at the
 *   bounds (usize::MAX, isize::MIN/MAX). A compare-exchange compares exactly, except that a stored
 *   value beyond ±2^53 equals the number it reads as (the value a load returned compares equal).
 * - A value of the wrong type or out of range panics the thread (Rust would not compile it).
 */
import { ScenarioError } from '../../runtime/errors.js';
import type { Touch } from '../../runtime/op.js';
import { SimObject } from '../core/object.js';
import { Err, Ok, type Result } from './result.js';
import { atomicWorld, noteCodeTouch, RustOp, runningThread, type AtomicWorld } from './atomic-runtime.js';
import { SimPanic } from '../../runtime/errors.js';
import type { AtomicLocation, StoreInfo } from './memory/model.js';
import {
  checkCompareExchangeOrderings,
  checkLoadOrdering,
  checkOrdering,
  checkRmwOrdering,
  checkStoreOrdering,
  Ordering,
  OrderingError,
} from './memory/ordering.js';
import { applyBool, checkBool, I32, I64, U32, U64, WidthError, type BoolOp, type IntOp, type IntOps } from './memory/width.js';

export { Ordering };

// ===== values =====

/** How one atomic type's values look at the API (E) and inside the engine (V). */
interface Codec<E, V> {
  readonly typeName: string;
  /** An argument: checked and converted (throws a WidthError). */
  toInner(v: unknown): V;
  toOuter(v: V): E;
  /** Compare-exchange's comparison of a stored value with the expected one. */
  eq(stored: V, expected: V): boolean;
  show(v: V): string;
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** usize / isize: numbers outside, exact 64-bit bigints inside (see the file comment). */
function wideCodec(typeName: string, ops: IntOps<bigint>): Codec<number, bigint> & { readonly ops: IntOps<bigint> } {
  const rust = typeName === 'AtomicUsize' ? 'usize' : 'isize';
  return {
    typeName,
    ops,
    toInner(v: unknown): bigint {
      if (typeof v !== 'number' || !Number.isInteger(v)) {
        throw new WidthError(`${rust} values are integer numbers, got ${typeof v === 'bigint' ? `${v}n` : String(v)}`);
      }
      const b = BigInt(v);
      if (b >= ops.min && b <= ops.max) return b;
      // The nearest number of usize::MAX (2^64 − 1) is 2^64, of isize::MAX 2^63: those mean the bound.
      if (b > ops.max && v === Number(ops.max)) return ops.max;
      if (b < ops.min && v === Number(ops.min)) return ops.min;
      throw new WidthError(`${v} is out of range for ${rust} (${ops.min}..=${ops.max})`);
    },
    toOuter: (v) => Number(v),
    eq: (stored, expected) => stored === expected || ((stored > SAFE || stored < -SAFE) && Number(stored) === Number(expected)),
    show: (v) => String(v),
  };
}

function numberCodec(typeName: string, ops: IntOps<number>): Codec<number, number> & { readonly ops: IntOps<number> } {
  return {
    typeName,
    ops,
    toInner: (v) => {
      const n = ops.check(v);
      return n === 0 ? 0 : n; // no -0
    },
    toOuter: (v) => v,
    eq: (a, b) => a === b,
    show: (v) => String(v),
  };
}

function bigCodec(typeName: string, ops: IntOps<bigint>): Codec<bigint, bigint> & { readonly ops: IntOps<bigint> } {
  return { typeName, ops, toInner: (v) => ops.check(v), toOuter: (v) => v, eq: (a, b) => a === b, show: (v) => String(v) };
}

const BOOL: Codec<boolean, boolean> = { typeName: 'AtomicBool', toInner: checkBool, toOuter: (v) => v, eq: (a, b) => a === b, show: String };

/** A width error or an ordering Rust rejects, as the thread's panic; an unknown ordering is the scenario's mistake. */
function guard<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof WidthError || e instanceof OrderingError) throw new SimPanic('panic', e.message);
    throw e;
  }
}

function ordering(what: string, o: unknown): void {
  try {
    checkOrdering(o);
  } catch (e) {
    if (e instanceof OrderingError) throw new ScenarioError(`${what}: ${e.message}`);
    throw e;
  }
}

// ===== the atomic =====

/** What every Rust atomic shares: its location in the engine, its ids for dependence, its history's steps. */
export abstract class RustAtomic<E, V> extends SimObject {
  readonly isLockLike = false;
  readonly typeName: string;
  /** @internal The engine's location. */
  readonly loc: AtomicLocation<V>;
  /** @internal The execution's atomics state. */
  readonly world: AtomicWorld;
  /** @internal The id of this location's SeqCst state (x.sc, atomic-runtime.ts). */
  readonly sc: number;
  /** @internal */
  readonly codec: Codec<E, V>;
  /** The step of each store, by position in modification order (0, the initial value: its creation's). */
  private readonly storeSteps: number[] = [];
  /** Threads whose last weak compare-exchange here failed spuriously (the next one may not). */
  private readonly spuriousLast = new Set<number>();

  constructor(codec: Codec<E, V>, initial: unknown, name: string | undefined) {
    super(`new ${codec.typeName}()`, name, 'atomic');
    this.typeName = codec.typeName;
    this.codec = codec;
    const v = guard(() => codec.toInner(initial));
    this.world = atomicWorld(this.exec);
    this.sc = this.exec.newObjectId();
    this.world.scIds.push(this.sc);
    this.world.ids.push(this.id);
    noteCodeTouch(this.exec, this.world.registry, true);
    const t = runningThread(this.exec);
    this.loc = this.world.model.location(v, t.id, t.clock, this.name);
    this.storeSteps[0] = this.exec.steps;
  }

  /** `load(order)`: Relaxed, Acquire or SeqCst. */
  load(order: Ordering): Promise<E> {
    ordering(`${this.typeName}.load`, order);
    guard(() => checkLoadOrdering(order));
    return new LoadOp(this, order);
  }

  /** `store(v, order)`: Relaxed, Release or SeqCst. */
  store(v: E, order: Ordering): Promise<void> {
    ordering(`${this.typeName}.store`, order);
    guard(() => checkStoreOrdering(order));
    const x = guard(() => this.codec.toInner(v));
    return new StoreOp(this, x, order);
  }

  /** `swap(v, order)`: stores v, returns the previous value. */
  swap(v: E, order: Ordering): Promise<E> {
    const x = this.rmwArg('swap', v, order);
    return new RmwOp(this, order, `swap(${this.codec.show(x)})`, () => x);
  }

  /**
   * `compare_exchange(current, new, success, failure)`: `Ok(previous)` when the value was `current`
   * (and is now `new`), else `Err(actual)`.
   */
  compareExchange(current: E, next: E, success: Ordering, failure: Ordering): Promise<Result<E, E>> {
    return this.cas('compareExchange', current, next, success, failure, false);
  }

  /** `compare_exchange_weak`: as compareExchange, but may fail spuriously (a scheduling choice). */
  compareExchangeWeak(current: E, next: E, success: Ordering, failure: Ordering): Promise<Result<E, E>> {
    return this.cas('compareExchangeWeak', current, next, success, failure, true);
  }

  private cas(what: string, current: E, next: E, success: Ordering, failure: Ordering, weak: boolean): Promise<Result<E, E>> {
    ordering(`${this.typeName}.${what}`, success);
    ordering(`${this.typeName}.${what}`, failure);
    guard(() => checkCompareExchangeOrderings(success, failure));
    const cur = guard(() => this.codec.toInner(current));
    const nu = guard(() => this.codec.toInner(next));
    return new CasOp(this, what, cur, nu, success, failure, weak);
  }

  /** @internal An RMW's argument, after its ordering. */
  protected rmwArg(what: string, v: unknown, order: Ordering): V {
    ordering(`${this.typeName}.${what}`, order);
    guard(() => checkRmwOrdering(order));
    return guard(() => this.codec.toInner(v));
  }

  /** @internal A store just made the newest: remember its step. */
  noteStore(): void {
    const s = this.loc.stores;
    this.storeSteps[s[s.length - 1]!.mo] = this.exec.steps;
  }

  /** @internal "read the initial value" / "read the store by 'T1' at step 12, 2 stores newer". */
  readFrom(info: StoreInfo<V>, newer: number): string {
    const src = info.mo === 0 ? 'read the initial value' : `read the store by '${this.exec.threads[info.thread]?.name ?? info.thread}' at step ${this.storeSteps[info.mo]}`;
    return newer === 0 ? src : `${src}, ${newer} store${newer === 1 ? '' : 's'} newer`;
  }

  /** @internal May a weak compare-exchange by thread `tid` fail spuriously now? */
  maySpuriouslyFail(tid: number): boolean {
    return !this.spuriousLast.has(tid);
  }

  /** @internal */
  noteWeak(tid: number, spurious: boolean): void {
    if (spurious) this.spuriousLast.add(tid);
    else this.spuriousLast.delete(tid);
  }

  /** The newest value, without a step or any synchronisation (for reports and tests). */
  peek(): E {
    return this.codec.toOuter(this.world.model.latest(this.loc));
  }

  stateSummary(): string {
    return `value ${this.codec.show(this.world.model.latest(this.loc))}`;
  }
}

/** The integer atomics: the arithmetic read-modify-writes. */
export abstract class RustAtomicInt<E extends number | bigint, V extends number | bigint> extends RustAtomic<E, V> {
  constructor(
    codec: Codec<E, V>,
    private readonly ops: IntOps<V>,
    initial: unknown,
    name: string | undefined,
  ) {
    super(codec, initial, name);
  }

  private fetch(op: IntOp, v: E, order: Ordering): Promise<E> {
    const what = `fetch${op[0]!.toUpperCase()}${op.slice(1)}`;
    const x = this.rmwArg(what, v, order);
    return new RmwOp(this, order, `${what}(${this.codec.show(x)})`, (old) => this.ops.apply(op, old, x));
  }

  /** `fetch_add`: wrapping add; returns the previous value. */
  fetchAdd(v: E, order: Ordering): Promise<E> {
    return this.fetch('add', v, order);
  }
  /** `fetch_sub`: wrapping subtract; returns the previous value. */
  fetchSub(v: E, order: Ordering): Promise<E> {
    return this.fetch('sub', v, order);
  }
  fetchAnd(v: E, order: Ordering): Promise<E> {
    return this.fetch('and', v, order);
  }
  fetchOr(v: E, order: Ordering): Promise<E> {
    return this.fetch('or', v, order);
  }
  fetchXor(v: E, order: Ordering): Promise<E> {
    return this.fetch('xor', v, order);
  }
  fetchNand(v: E, order: Ordering): Promise<E> {
    return this.fetch('nand', v, order);
  }
  /** `fetch_max`: stores the maximum (signed or unsigned as the width is); returns the previous value. */
  fetchMax(v: E, order: Ordering): Promise<E> {
    return this.fetch('max', v, order);
  }
  fetchMin(v: E, order: Ordering): Promise<E> {
    return this.fetch('min', v, order);
  }
}

const USIZE_CODEC = wideCodec('AtomicUsize', U64);
const ISIZE_CODEC = wideCodec('AtomicIsize', I64);
const U32_CODEC = numberCodec('AtomicU32', U32);
const I32_CODEC = numberCodec('AtomicI32', I32);
const U64_CODEC = bigCodec('AtomicU64', U64);
const I64_CODEC = bigCodec('AtomicI64', I64);

/** `AtomicUsize` (64-bit): numbers, wrapping modulo 2^64 (see the file comment for values beyond ±2^53). */
export class AtomicUsize extends RustAtomicInt<number, bigint> {
  constructor(v: number, name?: string) {
    super(USIZE_CODEC, USIZE_CODEC.ops, v, name);
  }
}

/** `AtomicIsize` (64-bit): numbers, wrapping modulo 2^64. */
export class AtomicIsize extends RustAtomicInt<number, bigint> {
  constructor(v: number, name?: string) {
    super(ISIZE_CODEC, ISIZE_CODEC.ops, v, name);
  }
}

export class AtomicU32 extends RustAtomicInt<number, number> {
  constructor(v: number, name?: string) {
    super(U32_CODEC, U32_CODEC.ops, v, name);
  }
}

export class AtomicI32 extends RustAtomicInt<number, number> {
  constructor(v: number, name?: string) {
    super(I32_CODEC, I32_CODEC.ops, v, name);
  }
}

/** `AtomicU64`: bigints. */
export class AtomicU64 extends RustAtomicInt<bigint, bigint> {
  constructor(v: bigint, name?: string) {
    super(U64_CODEC, U64_CODEC.ops, v, name);
  }
}

/** `AtomicI64`: bigints. */
export class AtomicI64 extends RustAtomicInt<bigint, bigint> {
  constructor(v: bigint, name?: string) {
    super(I64_CODEC, I64_CODEC.ops, v, name);
  }
}

/** `AtomicBool`: fetchAnd, fetchOr, fetchXor, fetchNand, fetchNot. */
export class AtomicBool extends RustAtomic<boolean, boolean> {
  constructor(v: boolean, name?: string) {
    super(BOOL, v, name);
  }

  private fetch(op: BoolOp, v: boolean, order: Ordering): Promise<boolean> {
    const what = `fetch${op[0]!.toUpperCase()}${op.slice(1)}`;
    const x = this.rmwArg(what, v, order);
    return new RmwOp(this, order, `${what}(${x})`, (old) => applyBool(op, old, x));
  }

  fetchAnd(v: boolean, order: Ordering): Promise<boolean> {
    return this.fetch('and', v, order);
  }
  fetchOr(v: boolean, order: Ordering): Promise<boolean> {
    return this.fetch('or', v, order);
  }
  fetchXor(v: boolean, order: Ordering): Promise<boolean> {
    return this.fetch('xor', v, order);
  }
  fetchNand(v: boolean, order: Ordering): Promise<boolean> {
    return this.fetch('nand', v, order);
  }
  /** `fetch_not`: negates; returns the previous value. */
  fetchNot(order: Ordering): Promise<boolean> {
    return this.fetch('xor', true, order);
  }
}

// ===== the operations =====

function loadTouches(a: RustAtomic<unknown, unknown>, order: Ordering): Touch[] {
  return order === 'SeqCst' ? [{ id: a.id, read: true }, { id: a.sc, read: false }] : [{ id: a.id, read: true }];
}

function writeTouches(a: RustAtomic<unknown, unknown>, seqCst: boolean): Touch[] {
  return [{ id: a.id, read: false }, { id: a.sc, read: !seqCst }];
}

class LoadOp<E, V> extends RustOp<E> {
  private shown = '';
  constructor(
    readonly obj: RustAtomic<E, V>,
    private readonly order: Ordering,
  ) {
    super(obj.exec, 'load');
  }
  footprint(): readonly Touch[] {
    return loadTouches(this.obj as RustAtomic<unknown, unknown>, this.order);
  }
  step(): boolean {
    const a = this.obj;
    const t = this.thread;
    const m = a.world.model;
    const candidates = m.loadCandidates(a.loc, t.id, t.clock, this.order);
    const pick = candidates.length > 1 ? this.exec.choose('atomic-load', candidates.length) : 0;
    const v = m.load(a.loc, t.id, t.clock, this.order, pick);
    this.shown = `load ${a.name} (${this.order}) → ${a.codec.show(v)}, ${a.readFrom(candidates[pick]!, pick)}`;
    return this.complete(a.codec.toOuter(v));
  }
  describe(): string {
    return `load of ${this.obj.label} (${this.order})`;
  }
  override traced(): string {
    return this.shown || this.describe();
  }
}

class StoreOp<E, V> extends RustOp<void> {
  constructor(
    readonly obj: RustAtomic<E, V>,
    private readonly v: V,
    private readonly order: Ordering,
  ) {
    super(obj.exec, 'store');
  }
  footprint(): readonly Touch[] {
    return writeTouches(this.obj as RustAtomic<unknown, unknown>, this.order === 'SeqCst');
  }
  step(): boolean {
    const a = this.obj;
    const t = this.thread;
    a.world.model.store(a.loc, t.id, t.clock, this.v, this.order);
    a.noteStore();
    return this.complete(undefined);
  }
  describe(): string {
    return `store of ${this.obj.label} (${this.order})`;
  }
  override traced(): string {
    return `store ${this.obj.name} ← ${this.obj.codec.show(this.v)} (${this.order})`;
  }
}

class RmwOp<E, V> extends RustOp<E> {
  private shown = '';
  constructor(
    readonly obj: RustAtomic<E, V>,
    private readonly order: Ordering,
    private readonly what: string,
    private readonly f: (old: V) => V,
  ) {
    super(obj.exec, 'rmw');
  }
  footprint(): readonly Touch[] {
    return writeTouches(this.obj as RustAtomic<unknown, unknown>, this.order === 'SeqCst');
  }
  step(): boolean {
    const a = this.obj;
    const t = this.thread;
    const m = a.world.model;
    const old = guard(() => m.rmw(a.loc, t.id, t.clock, this.order, this.f));
    a.noteStore();
    this.shown = `${this.what} ${a.name} (${this.order}): ${a.codec.show(old)} → ${a.codec.show(m.latest(a.loc))}`;
    return this.complete(a.codec.toOuter(old));
  }
  describe(): string {
    return `${this.what} of ${this.obj.label} (${this.order})`;
  }
  override traced(): string {
    return this.shown || this.describe();
  }
}

class CasOp<E, V> extends RustOp<Result<E, E>> {
  private shown = '';
  constructor(
    readonly obj: RustAtomic<E, V>,
    private readonly what: string,
    private readonly current: V,
    private readonly next: V,
    private readonly success: Ordering,
    private readonly failure: Ordering,
    private readonly weak: boolean,
  ) {
    super(obj.exec, 'cas');
  }
  private matches(): boolean {
    const a = this.obj;
    return a.codec.eq(a.world.model.latest(a.loc), this.current);
  }
  /** A compare-exchange that will fail is a load of the newest store; one that will (or may) succeed writes. */
  footprint(): readonly Touch[] {
    const a = this.obj as RustAtomic<unknown, unknown>;
    if (!this.matches()) return loadTouches(a, this.failure);
    return writeTouches(a, this.success === 'SeqCst' || (this.weak && this.failure === 'SeqCst'));
  }
  step(): boolean {
    const a = this.obj;
    const t = this.thread;
    const m = a.world.model;
    const matches = this.matches();
    let spurious = false;
    if (this.weak && matches && a.maySpuriouslyFail(t.id)) spurious = this.exec.choose('atomic-cas-weak', 2) === 1;
    if (this.weak) a.noteWeak(t.id, spurious);
    const r = m.compareExchange(a.loc, t.id, t.clock, this.current, this.next, this.success, this.failure, { spuriousFailure: spurious, eq: a.codec.eq });
    if (r.ok) a.noteStore();
    const orders = `${this.success}/${this.failure}`;
    const args = `${this.what}(${a.codec.show(this.current)}, ${a.codec.show(this.next)})`;
    this.shown = `${args} ${a.name} (${orders}) → ${r.ok ? 'Ok' : 'Err'}(${a.codec.show(r.value)})${spurious ? ', failed spuriously' : ''}`;
    return this.complete(r.ok ? Ok(a.codec.toOuter(r.value)) : Err(a.codec.toOuter(r.value)));
  }
  describe(): string {
    return `${this.what} of ${this.obj.label} (${this.success}/${this.failure})`;
  }
  override traced(): string {
    return this.shown || this.describe();
  }
}
