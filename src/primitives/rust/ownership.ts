/**
 * Ownership and drop for the 'simcc/rust' flavour (shared/scenario-api.md §2b "Ownership and drop").
 *
 * A guard, Sender, Receiver, JoinHandle or permit is registered with `own(value)` when it is made; it
 * then belongs to the running thread. `moveTo(value, thread)` gives it away (spawn's `move` list);
 * using it afterwards from the thread that gave it away, or after it was dropped, is a scenario error
 * naming the line (`assertUsable`). A value ends once:
 * - `await drop(x)`: a scheduling point (the hook's own operation, or a step of its own);
 * - `Symbol.dispose` (`using`): at the end of the block, synchronously, not a scheduling point;
 * - its owner's end (the thread wrapper in thread.ts, and main's in scenario.ts): every value still
 *   owned, in reverse order of creation (or of arrival, for a value moved in);
 * - a panic's unwinding: the values created inside the `catchUnwind` closure it escapes (all the
 *   thread's values when uncaught), in reverse order, with `ctx.unwinding` true (a guard poisons).
 *
 * A value's drop logic is its `[DROP](ctx)` method (interface Droppable). With `ctx.sync` false it may
 * return an Op (e.g. a guard's unlock), which is then the drop's scheduling point; if it returns
 * nothing, `drop()` adds a one-step operation of its own as the scheduling point (a change the hook made
 * in thread code must tell the runtime itself: exec.touched(id) / exec.noteTouch(id, false)). With
 * `ctx.sync` true (dispose) it must finish synchronously and create no operation.
 */
import { currentExecution, peekCurrentExecution } from '../../runtime/current.js';
import { ScenarioError } from '../../runtime/errors.js';
import type { Execution } from '../../runtime/execution.js';
import { callerLocation } from '../../runtime/locations.js';
import { Op } from '../../runtime/op.js';
import type { Thread } from '../../runtime/thread.js';
import { isInternal, type PanicInfo } from './panic.js';

/** The method a Droppable implements: its drop logic, run once. */
export const DROP = Symbol.for('simcc.rust.drop');

export interface DropContext {
  /** The value is dropped by a panic's unwinding: a guard poisons its lock. */
  readonly unwinding: boolean;
  /** The panic that unwinds, when unwinding. */
  readonly panic: PanicInfo | undefined;
  /** The thread that drops it (null outside any thread). */
  readonly thread: Thread | null;
  /** True for `Symbol.dispose`: finish synchronously, create no operation. */
  readonly sync: boolean;
  /** What ends it: `drop(x)`, a `using` block's end, its owner's end, or a panic's unwinding. */
  readonly how: 'drop' | 'dispose' | 'owner-end' | 'unwind';
}

export interface Droppable {
  [DROP](ctx: DropContext): void | PromiseLike<void>;
}

interface Entry {
  readonly value: object;
  readonly what: string;
  owner: Thread | null;
  /** Order of creation (or of arrival by a move): owners drop in reverse order of it. */
  seq: number;
  state: 'alive' | 'dropped';
  /** Threads that gave it away (a use from one of them is a use after move). */
  movedAwayFrom: Thread[];
  /** The thread it was last moved to, for messages. */
  movedTo: string | undefined;
  /** How it ended, for messages. */
  endedBy: string | undefined;
}

interface ThreadOwnership {
  entries: Entry[];
  /** Start marks (seq) of the catchUnwind closures running in this thread, innermost last. */
  frames: number[];
  /** The panics being unwound (innermost last). */
  unwinding: PanicInfo[];
  /** A panic thrown by makePanic and still propagating (set by noteThrown; valid while no step was taken). */
  thrown: { info: PanicInfo; steps: number } | null;
}

const entries = new WeakMap<object, Entry>();
const threads = new WeakMap<Thread, ThreadOwnership>();
let seq = 0;

function stateOf(t: Thread): ThreadOwnership {
  let s = threads.get(t);
  if (!s) threads.set(t, (s = { entries: [], frames: [], unwinding: [], thrown: null }));
  return s;
}

function typeName(v: object): string {
  const n = (Object.getPrototypeOf(v) as { constructor?: { name?: string } } | null)?.constructor?.name;
  return n && n !== 'Object' ? n : 'value';
}

/** Register `value` as owned by the running thread (call it where the value is made); returns it. */
export function own<T extends object>(value: T, what?: string): T {
  const exec = peekCurrentExecution();
  const t = exec?.running ?? null;
  const e: Entry = { value, what: what ?? typeName(value), owner: t, seq: ++seq, state: 'alive', movedAwayFrom: [], movedTo: undefined, endedBy: undefined };
  entries.set(value, e);
  if (t) stateOf(t).entries.push(e);
  return value;
}

/** Is `value` registered (made by `own`)? */
export function isOwned(value: unknown): boolean {
  return typeof value === 'object' && value !== null && entries.has(value);
}

/** The thread that owns `value` now (null: none, or not registered). */
export function ownerOf(value: object): Thread | null {
  return entries.get(value)?.owner ?? null;
}

/** Has `value` ended (dropped, disposed, consumed)? */
export function isDropped(value: object): boolean {
  return entries.get(value)?.state === 'dropped';
}

function useError(e: Entry, what: string): ScenarioError | null {
  const exec = peekCurrentExecution();
  const t = exec?.running ?? null;
  if (t && e.owner !== t && e.movedAwayFrom.includes(t)) {
    return new ScenarioError(`${what}: ${e.what} used by thread '${t.name}' after it was moved to thread '${e.movedTo ?? '?'}'`, callerLocation());
  }
  if (e.state === 'dropped') return new ScenarioError(`${what}: ${e.what} used after it was ${e.endedBy ?? 'dropped'}`, callerLocation());
  return null;
}

/**
 * Throws a ScenarioError naming the caller's line when `value` was dropped, or was moved away from the
 * running thread. A value used by a thread it was never moved away from is allowed (a borrow: scoped
 * threads borrow their parent's values; Rust's compiler, not simcc, checks borrows). `what` names the
 * use (e.g. "send").
 */
export function assertUsable(value: object, what: string): void {
  const e = entries.get(value);
  if (!e) return;
  const err = useError(e, what);
  if (err) throw err;
}

/**
 * Mark `value` as ended without running its drop logic (a method that consumes it: `join(self)`,
 * `PoisonError::into_inner`…). A later use is a use after `how`.
 */
export function consume(value: object, what: string, how = 'consumed'): void {
  const e = entries.get(value);
  if (!e) return;
  const err = useError(e, what);
  if (err) throw err;
  e.state = 'dropped';
  e.endedBy = how;
}

/** Give `value` to `thread` (spawn's `move` list): it becomes the last value that thread owns. */
export function moveTo(value: object, thread: Thread): void {
  const e = entries.get(value);
  if (!e) return;
  const err = useError(e, 'move');
  if (err) throw err;
  if (e.owner === thread) return;
  if (e.owner) e.movedAwayFrom.push(e.owner);
  e.owner = thread;
  e.movedTo = thread.name;
  e.seq = ++seq;
  stateOf(thread).entries.push(e);
}

/**
 * A value moved by a channel (the message of a send): out of its owner into the channel (`to` null: in
 * transit, nobody drops it at their end), or out of the channel into the receiving thread. The sender's
 * use check was made by the send; the thread that gave it away may use it again once it receives it back.
 */
export function transferOwnership(value: object, to: Thread | null, via: string): void {
  const e = entries.get(value);
  if (!e || e.state === 'dropped' || e.owner === to) return;
  if (e.owner) e.movedAwayFrom.push(e.owner);
  if (to) {
    const i = e.movedAwayFrom.indexOf(to);
    if (i >= 0) e.movedAwayFrom.splice(i, 1);
  }
  e.owner = to;
  e.movedTo = to ? to.name : via;
  e.seq = ++seq;
  if (to) stateOf(to).entries.push(e);
}

// ---- panics and unwinding ----------------------------------------------------------------------

/** Is `thread` unwinding a panic (dropping values because of it)? */
export function isUnwinding(thread: Thread | null): boolean {
  return thread !== null && (threads.get(thread)?.unwinding.length ?? 0) > 0;
}

/** The panic `thread` unwinds now, if any (the innermost). */
export function unwindingPanic(thread: Thread | null): PanicInfo | undefined {
  const u = thread ? threads.get(thread)?.unwinding : undefined;
  return u && u.length > 0 ? u[u.length - 1] : undefined;
}

/**
 * A Rust panic is being thrown in `thread`: until the thread takes another step, a `using` block it
 * leaves disposes its guards as unwinding (a guard poisons), as Rust's unwinding drops them.
 */
export function noteThrown(exec: Execution, thread: Thread, info: PanicInfo): void {
  stateOf(thread).thrown = { info, steps: exec.steps };
}

function propagating(exec: Execution | null, t: Thread | null): PanicInfo | undefined {
  if (!exec || !t) return undefined;
  const s = threads.get(t);
  if (!s) return undefined;
  if (s.unwinding.length > 0) return s.unwinding[s.unwinding.length - 1];
  return s.thrown && s.thrown.steps === exec.steps ? s.thrown.info : undefined;
}

/** The context a drop hook gets for a drop by the running thread now (what a guard's hook can read). */
export function dropContext(how: DropContext['how'] = 'drop'): DropContext {
  const exec = peekCurrentExecution();
  const t = exec?.running ?? null;
  const p = propagating(exec, t);
  return { unwinding: p !== undefined, panic: p, thread: t, sync: how === 'dispose', how };
}

// ---- ending values -----------------------------------------------------------------------------

function hookOf(value: unknown): ((ctx: DropContext) => void | PromiseLike<void>) | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const h = (value as Partial<Droppable>)[DROP];
  return typeof h === 'function' ? h : undefined;
}

function isThenable(x: unknown): x is PromiseLike<void> {
  return typeof x === 'object' && x !== null && typeof (x as { then?: unknown }).then === 'function';
}

/** The scheduling point of a drop whose logic ran in the thread's code. */
class DropOp extends Op<void> {
  readonly obj = null;
  readonly kind = 'drop' as const;
  constructor(
    exec: Execution,
    private readonly what: string,
  ) {
    super(exec);
  }
  step(): boolean {
    return this.complete(undefined);
  }
  describe(): string {
    return `drop of ${this.what}`;
  }
}

/**
 * Rust's `drop(x)`: ends `x` now, as the end of its scope would. A scheduling point. Dropping a value
 * twice, or one moved away from this thread, is a scenario error naming the line.
 */
export function drop(x: unknown): Promise<void> {
  const exec = currentExecution('drop()');
  const e = typeof x === 'object' && x !== null ? entries.get(x) : undefined;
  if (e) {
    if (e.state === 'dropped') throw new ScenarioError(`drop: ${e.what} dropped twice (it was already ${e.endedBy ?? 'dropped'})`, callerLocation());
    const err = useError(e, 'drop');
    if (err) throw err;
    e.state = 'dropped';
    e.endedBy = 'dropped';
  }
  const hook = hookOf(x);
  const r = hook ? hook.call(x, dropContext('drop')) : undefined;
  if (isThenable(r)) return r instanceof Op ? (r as Op<void>) : Promise.resolve(r);
  return new DropOp(exec, e?.what ?? typeName(Object(x) as object));
}

/** What `Symbol.dispose` runs: the value's drop, synchronously, unless it already ended or was moved away. */
export function disposeValue(value: object, fn?: (value: object, ctx: DropContext) => void): void {
  const e = entries.get(value);
  const t = peekCurrentExecution()?.running ?? null;
  if (e) {
    // Moved or dropped already: Rust runs no drop at the end of the scope of a moved-out variable.
    if (e.state === 'dropped') return;
    if (t && e.owner !== t && e.movedAwayFrom.includes(t)) return;
    e.state = 'dropped';
    e.endedBy = 'dropped (at the end of its `using` block)';
  }
  const ctx = dropContext('dispose');
  const r = fn ? fn(value, ctx) : hookOf(value)?.call(value, ctx);
  if (isThenable(r)) {
    throw new ScenarioError(`the dispose of ${e?.what ?? typeName(value)} returned an operation: a drop by \`using\` is not a scheduling point`, callerLocation());
  }
}

const DISPOSE_FALLBACK = Symbol.for('Symbol.dispose');

/**
 * Make instances of `proto` disposable (`using x = …`): installs `Symbol.dispose` and, for esbuild's
 * lowering where Node lacks the well-known symbol, `Symbol.for('Symbol.dispose')`. `fn` is the
 * synchronous drop logic (default: the value's `[DROP]` with `ctx.sync` true).
 */
export function installDispose(proto: object, fn?: (value: object, ctx: DropContext) => void): void {
  const method = function (this: object): void {
    disposeValue(this, fn);
  };
  const wellKnown = (Symbol as { dispose?: symbol }).dispose;
  for (const key of wellKnown && wellKnown !== DISPOSE_FALLBACK ? [wellKnown, DISPOSE_FALLBACK] : [DISPOSE_FALLBACK]) {
    Object.defineProperty(proto, key, { value: method, writable: true, configurable: true, enumerable: false });
  }
}

/**
 * End every value `thread` still owns that was made (or moved in) at or after `fromSeq`, newest first.
 * `panic` set: they are dropped by its unwinding (`ctx.unwinding`). Runs in the thread's code; each
 * drop whose hook returns an operation is awaited (a scheduling point). A panic of a drop during
 * unwinding is dropped (Rust aborts on a panic while panicking; the first panic is the one reported).
 */
export async function dropOwned(thread: Thread, fromSeq = 0, panic?: PanicInfo): Promise<void> {
  const s = threads.get(thread);
  if (!s) return;
  if (panic) s.unwinding.push(panic);
  try {
    for (;;) {
      let pick: Entry | undefined;
      for (const e of s.entries) if (e.state === 'alive' && e.owner === thread && e.seq >= fromSeq && (!pick || e.seq > pick.seq)) pick = e;
      if (!pick) break;
      pick.state = 'dropped';
      pick.endedBy = panic ? 'dropped by unwinding' : `dropped at the end of thread '${thread.name}'`;
      const hook = hookOf(pick.value);
      if (!hook) continue;
      const how = panic ? 'unwind' : 'owner-end';
      const ctx: DropContext = { unwinding: !!panic, panic, thread, sync: false, how };
      try {
        const r = hook.call(pick.value, ctx);
        if (isThenable(r)) await r;
      } catch (err) {
        if (!panic) throw err;
        if (isInternal(err)) throw err;
      }
    }
    s.entries = s.entries.filter((e) => e.state === 'alive' && e.owner === thread);
  } finally {
    if (panic) s.unwinding.pop();
  }
}

/** A catchUnwind closure starts in `thread`: the values made from now on are its own. */
export function enterFrame(thread: Thread): number {
  const mark = seq + 1;
  stateOf(thread).frames.push(mark);
  return mark;
}

export function leaveFrame(thread: Thread, mark: number): void {
  const f = stateOf(thread).frames;
  const i = f.lastIndexOf(mark);
  if (i >= 0) f.splice(i, 1);
  stateOf(thread).thrown = null;
}

/** A panic escaped the catchUnwind closure that started at `mark`: drop what it made, unwinding. */
export async function unwindFrame(thread: Thread, mark: number, panic: PanicInfo): Promise<void> {
  try {
    await dropOwned(thread, mark, panic);
  } finally {
    leaveFrame(thread, mark);
  }
}
