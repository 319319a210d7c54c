/**
 * std::thread for the 'simcc/rust' flavour (shared/scenario-api.md §2b): `thread.spawn` → JoinHandle,
 * `thread.scope`, `thread.yieldNow`, `thread.sleep`, `thread.current`, `thread.park`.
 *
 * A thread's function runs inside a wrapper (runThread) that gives it Rust's end: the values it still
 * owns are dropped in reverse order of creation. A panic that escapes it unwinds first (its values are
 * dropped with `ctx.unwinding`, so a guard poisons its lock), and then the thread's panic is a finding at
 * once, with the panic's own kind, message and location (an `assert` in the thread stays an `assertion`):
 * contract §2b, "a thread that ends in a panic is a `panic` finding (as loom and shuttle fail the test),
 * unless the scenario catches it with catchUnwind". The execution ends there, as every finding ends it, so
 * a `join` never returns `Err` in practice; `join(…).unwrap()` in main would only have re-raised the same
 * panic. A scoped thread's panic is reported the same way (Rust would panic the scope's caller with "a
 * scoped thread panicked": the thread's own panic is the more precise report).
 */
import { yieldNow as goYieldNow } from '../../api/goroutines.js';
import { sleep as goSleep } from '../../api/time.js';
import { VectorClock } from '../../runtime/clock.js';
import { currentExecution } from '../../runtime/current.js';
import { Halt, ScenarioError } from '../../runtime/errors.js';
import type { Execution } from '../../runtime/execution.js';
import { Op, SimpleOp, type SimObjectRef } from '../../runtime/op.js';
import { JoinOp } from '../../runtime/join.js';
import type { Thread } from '../../runtime/thread.js';
import { checkName } from '../core/object.js';
import { assertUsable, consume, DROP, dropOwned, moveTo, own, type DropContext, type Droppable } from './ownership.js';
import { isInternal, type PanicInfo, panicInfoOf } from './panic.js';
import { catchUpAtYield } from './atomic-runtime.js';
import { spuriousWakeupLimit } from './guard.js';
import { Ok, type Result } from './result.js';
import { blockingCall } from '../core/blocking-call.js';

interface RustThread {
  /** Joined (by hand, or by its scope): a scope does not join it again. */
  joined: boolean;
  /** park/unpark token and the clock of the unparks that set it. */
  token: boolean;
  /** How many of its parks in a row returned spuriously (bounded: a retry loop's waits end; see ParkOp). */
  spuriousInARow: number;
  readonly tokenClock: VectorClock;
  readonly parkObj: SimObjectRef;
  /** Its end, as an object `isFinished` reads and the end of its code writes (for the explorers). */
  readonly endObj: SimObjectRef;
}

const rust = new WeakMap<Thread, RustThread>();

function rustOf(exec: Execution, t: Thread): RustThread {
  let r = rust.get(t);
  if (!r) {
    r = {
      joined: false,
      token: false,
      spuriousInARow: 0,
      tokenClock: new VectorClock(),
      parkObj: { id: exec.newObjectId(), name: `park token of '${t.name}'`, typeName: 'std::thread::Thread' },
      endObj: { id: exec.newObjectId(), name: `end of thread '${t.name}'`, typeName: 'std::thread::JoinHandle' },
    };
    rust.set(t, r);
  }
  return r;
}

function running(exec: Execution, what: string): Thread {
  const t = exec.running;
  if (!t) throw new ScenarioError(`${what} was called outside any thread`);
  return t;
}

/** Report `t`'s panic as a finding now (it ends the execution) and stop its code. */
function reportPanic(exec: Execution, t: Thread, info: PanicInfo): never {
  exec.fatal(info.kind, info.report, { threads: [t], locations: [info.location, ...(info.related ?? [])] });
  throw new Halt('a thread panicked');
}

/**
 * Run `fn` as the body of Rust thread `t`: drops at its end, unwinding on a panic, which is then a
 * finding. `main`: its panic is rethrown after unwinding (the runtime reports it, as for Go).
 */
export async function runThread(exec: Execution, t: Thread, fn: () => unknown, main = false): Promise<unknown> {
  const r = rustOf(exec, t);
  let result: unknown;
  try {
    result = await fn();
  } catch (e) {
    if (isInternal(e)) throw e;
    const info = panicInfoOf(e, t);
    await dropOwned(t, 0, info);
    if (main) throw e;
    reportPanic(exec, t, info);
  }
  await dropOwned(t, 0);
  // The thread ends in the continuation of its last step: that event changes what isFinished reads.
  exec.noteTouch(r.endObj.id, false);
  return result;
}

/** Options of `thread.spawn`: a name, and the values the closure takes by `move`. */
export interface SpawnOptions {
  name?: string;
  move?: readonly object[];
}

/** `thread.current()`, `h.thread()`: Rust's `Thread` handle. */
export interface ThreadRef {
  readonly id: number;
  readonly name: string;
  /** Give the thread its park token (a scheduling point; happens-before the park it releases). */
  unpark(): Promise<void>;
}

const refs = new WeakMap<Thread, ThreadRef>();

function refOf(exec: Execution, t: Thread): ThreadRef {
  let ref = refs.get(t);
  if (!ref) {
    ref = Object.freeze({ id: t.id, name: t.name, unpark: () => new UnparkOp(currentExecution('unpark()'), t, rustOf(exec, t)) as Promise<void> });
    refs.set(t, ref);
  }
  return ref;
}

/** Rust's `JoinHandle<T>` (and `ScopedJoinHandle`): owned by the spawning thread; dropping it detaches the thread. */
export class JoinHandle<T> implements Droppable {
  readonly id: number;
  readonly name: string;
  /** @internal */
  constructor(
    private readonly exec: Execution,
    private readonly target: Thread,
    private readonly r: RustThread,
  ) {
    this.id = target.id;
    this.name = target.name;
    own(this, `JoinHandle of thread '${target.name}'`);
  }

  /**
   * Wait for the thread to end: `Ok(value)`. Its end happens-before the return. (Rust's `Err(PanicInfo)`
   * never comes: a thread that ends in a panic is a finding that ends the execution, see runThread.)
   */
  join(): Promise<Result<T, PanicInfo>> {
    const exec = currentExecution('join()');
    consume(this, 'join', 'joined');
    return joinOf<T>(exec, this.target, this.r);
  }

  /** Whether the thread has ended (a scheduling point; it does not synchronise). */
  isFinished(): Promise<boolean> {
    const exec = currentExecution('isFinished()');
    assertUsable(this, 'isFinished');
    const t = this.target;
    // A read of the thread's end (runThread writes it), so that the explorers order the two.
    return new SimpleOp(exec, this.r.endObj, 'read', `isFinished of '${t.name}'`, () => t.finished);
  }

  thread(): ThreadRef {
    assertUsable(this, 'thread');
    return refOf(this.exec, this.target);
  }

  /** Dropping the handle detaches the thread (nothing to do: a detached thread runs on; its panic is reported anyway). */
  [DROP](_ctx: DropContext): void {}

  /** @internal the scope's join of a handle nobody joined. */
  autoJoin(): Promise<Result<T, PanicInfo>> | null {
    // A dropped ScopedJoinHandle does not detach: the scope joins every thread it spawned.
    if (this.r.joined) return null;
    return joinOf<T>(currentExecution('thread.scope()'), this.target, this.r);
  }
}

/** `join` of a Rust thread: `Ok` of what its function returned (runtime/join.ts), marking it joined for its scope. */
function joinOf<T>(exec: Execution, target: Thread, r: RustThread): Promise<Result<T, PanicInfo>> {
  const op = new JoinOp(exec, target, `thread '${target.name}'`, (t) => {
    r.joined = true;
    return Ok(t.result as T);
  });
  return blockingCall(op, `std JoinHandle::join of thread '${target.name}'`);
}

function spawnThread<T>(exec: Execution, what: string, fn: () => T | Promise<T>, opts: string | SpawnOptions | undefined): JoinHandle<T> {
  if (typeof fn !== 'function') throw new ScenarioError(`${what} needs a function`);
  const parent = running(exec, what);
  const o: SpawnOptions = typeof opts === 'object' && opts !== null ? opts : { name: opts as string | undefined };
  checkName(what, o.name);
  const moved = o.move ?? [];
  if (!Array.isArray(moved)) throw new ScenarioError(`${what}: move must be a list of values`);
  for (const v of moved) assertUsable(v, `${what} move`);
  const name = o.name ?? `thread-${exec.threads.length}`;
  let child: Thread | null = null;
  const t = exec.spawn(() => runThread(exec, child!, fn), name, parent);
  child = t;
  const r = rustOf(exec, t);
  for (const v of moved) moveTo(v, t);
  return new JoinHandle<T>(exec, t, r);
}

/** `thread.scope`'s `s`: threads spawned on it are joined when the scope's body returns. */
export class Scope {
  /** @internal */
  readonly handles: JoinHandle<unknown>[] = [];
  /** @internal */
  constructor(private readonly exec: Execution) {}
  spawn<T>(fn: () => T | Promise<T>, name?: string | SpawnOptions): JoinHandle<T> {
    const h = spawnThread(this.exec, 's.spawn()', fn, name);
    this.handles.push(h as JoinHandle<unknown>);
    return h;
  }
}

async function scope<R>(body: (s: Scope) => R | Promise<R>): Promise<R> {
  const exec = currentExecution('thread.scope()');
  running(exec, 'thread.scope()');
  const s = new Scope(exec);
  let result: R | undefined;
  let thrown: { e: unknown } | null = null;
  try {
    result = await body(s);
  } catch (e) {
    if (isInternal(e)) throw e;
    thrown = { e };
  }
  for (const h of s.handles) {
    const op = h.autoJoin();
    if (op) await op;
  }
  if (thrown) throw thrown.e;
  return result as R;
}

/** Give `t` its park token. */
class UnparkOp extends Op<void> {
  readonly kind = 'unpark' as const;
  readonly obj: SimObjectRef;
  constructor(
    exec: Execution,
    private readonly target: Thread,
    private readonly r: RustThread,
  ) {
    super(exec);
    this.obj = r.parkObj;
  }
  step(): boolean {
    const t = this.thread;
    this.r.token = true;
    this.r.tokenClock.join(t.clock);
    t.clock.tick(t.id);
    return this.complete(undefined);
  }
  describe(): string {
    return `unpark of thread '${this.target.name}'`;
  }
}

/**
 * Wait for the token: returns at once if an unpark left one (consuming it), else blocks until an unpark.
 * Without a token, its first step may also return spuriously (a scheduling choice), but at most
 * `spuriousWakeupLimit` times in a row (default 1): after that, the thread's next park waits for a token (so a
 * `while (!cond) park()` loop is finite, and an exhaustive search ends; the contract's "at most once per
 * wait", a retry being the same wait). `--spurious-wakeups 0` turns spurious returns off.
 */
class ParkOp extends Op<void> {
  readonly kind = 'park' as const;
  readonly obj: SimObjectRef;
  private waiting = false;
  private spurious = false;
  constructor(
    exec: Execution,
    private readonly r: RustThread,
  ) {
    super(exec);
    this.obj = r.parkObj;
  }
  override enabled(): boolean {
    return !this.waiting || this.r.token;
  }
  step(): boolean {
    if (this.r.token) {
      this.r.token = false;
      this.r.spuriousInARow = 0;
      this.thread.clock.join(this.r.tokenClock);
      return this.complete(undefined);
    }
    if (!this.waiting && this.r.spuriousInARow < spuriousWakeupLimit(this.exec) && this.exec.choose('spurious-wakeup', 2) === 1) {
      this.spurious = true;
      this.r.spuriousInARow++;
      return this.complete(undefined);
    }
    this.waiting = true;
    return false;
  }
  describe(): string {
    return this.waiting ? `park of thread '${this.thread.name}' (waits for an unpark)` : `park of thread '${this.thread.name}'`;
  }
  override traced(): string {
    return this.spurious ? 'park returns spuriously' : this.waiting && !this.r.token ? 'park: waits for an unpark' : 'park returns (token)';
  }
}

/** Rust's `std::thread`. */
export const thread = {
  /** Start a thread; its end happens-before `join` returns. `opts`: a name, or `{ name?, move? }`. */
  spawn<T>(fn: () => T | Promise<T>, opts?: string | SpawnOptions): JoinHandle<T> {
    return spawnThread(currentExecution('thread.spawn()'), 'thread.spawn()', fn, opts);
  },
  /** Every thread spawned on `s` is joined when `body` returns; a panic in one panics the caller. */
  scope,
  /** An explicit scheduling point; the thread's atomic loads then see every store made before it (catchUpAtYield). */
  yieldNow(): Promise<void> {
    const exec = currentExecution('thread.yieldNow()');
    catchUpAtYield(exec, running(exec, 'thread.yieldNow()'));
    return goYieldNow();
  },
  /** Sleep in virtual time. */
  sleep(ms: number): Promise<void> {
    const op = goSleep(ms) as Op<void>;
    return blockingCall(op, `std thread::sleep(${ms})`, ms > 0);
  },
  /** The running thread. */
  current(): ThreadRef {
    const exec = currentExecution('thread.current()');
    return refOf(exec, running(exec, 'thread.current()'));
  },
  /** Block until unparked (a token, as std), or return spuriously (a scheduling choice). */
  park(): Promise<void> {
    const exec = currentExecution('thread.park()');
    const op = new ParkOp(exec, rustOf(exec, running(exec, 'thread.park()')));
    // It may return at once (a token, or spuriously): it waits when no token is there.
    return blockingCall(op, 'std thread::park', !rustOf(exec, op.thread).token);
  },
};
