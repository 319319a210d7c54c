/**
 * A simulated operation: the unit the scheduler chooses between.
 *
 * Calling an operation (e.g. `mu.lock()`) does nothing to the simulated state: it registers the
 * operation as the calling goroutine's *pending* operation and returns it, a thenable. The goroutine
 * is *parked* when its code awaits the operation (the engine calls `then`); only then does the
 * scheduler run, and it can see every goroutine's next operation before it chooses (what DPOR needs).
 * When the scheduler picks a goroutine it calls `step()` on its pending operation, which changes the
 * simulated state; a completed operation settles and the goroutine's code runs on, uninterrupted,
 * until it parks again. A blocking operation is one whose `enabled()` is false; an operation of
 * several steps (a read-then-write update, a WaitGroup wait that must be woken) stays pending
 * between its steps, each a scheduling point.
 *
 * Ops implement the whole Promise interface so scenario code may treat them as promises.
 */
import type { Execution } from './execution.js';
import type { Thread } from './thread.js';
import { callerLocation } from './locations.js';
import { PromiseTail } from './promise-tail.js';

/** What an operation touches, for reports and for dependence (DPOR): object id and access kind. */
export interface SimObjectRef {
  readonly id: number;
  readonly name: string;
  /** Go's type name, e.g. "sync.Mutex". */
  readonly typeName: string;
}

/** One object a step touches: its id, and whether only to read it. */
export interface Touch {
  readonly id: number;
  readonly read: boolean;
}

/** Touches nothing (shared, frozen). */
export const NO_TOUCH: readonly Touch[] = Object.freeze([]);

/**
 * Ids, in a Touch, of the sets of goroutines parked at an unbuffered channel `objectId` (plain sends
 * and receives, and the cases of selects without a default), which a partner takes one from. Parking
 * and ending one's own wait "read" a set (role-swapped, so that parkings commute with each other); a
 * step that takes a parked partner writes it. Negative ids never name objects (scheduler/trace.ts).
 */
export function sendersWaitingOn(objectId: number): number {
  return -2 * objectId;
}

export function receiversWaitingOn(objectId: number): number {
  return -2 * objectId - 1;
}

/** The object whose parked set a negative touch id names (no object made: the runnable set asks at every park). */
export function waitingObjectId(id: number): number {
  return -id >> 1;
}

/** The channel and the set a negative touch id names (the inverse of the two functions above). */
export function waitingSet(id: number): { objectId: number; receivers: boolean } {
  return { objectId: waitingObjectId(id), receivers: (-id & 1) === 1 };
}

/**
 * What an operation does, typed: the runtime and the schedulers ask the predicates below (never
 * string tests) what an operation means for them. The names are the API methods' (camelCase), and
 * reports that print a kind print these names.
 */
export type OpKind =
  // the runtime's own
  | 'start'
  | 'yield'
  | 'sleep'
  | 'join'
  | 'go'
  | 'park'
  | 'unpark'
  | 'drop'
  | 'timer'
  // plain and atomic memory
  | 'read'
  | 'write'
  | 'load'
  | 'store'
  | 'add'
  | 'swap'
  | 'cas'
  | 'rmw'
  | 'fence'
  | 'loadOrStore'
  | 'loadAndDelete'
  | 'delete'
  | 'compareAndSwap'
  | 'compareAndDelete'
  // locks
  | 'lock'
  | 'unlock'
  | 'tryLock'
  | 'rLock'
  | 'rUnlock'
  | 'tryRLock'
  // waiting and signalling
  | 'wait'
  | 'signal'
  | 'broadcast'
  | 'notifyOne'
  | 'notifyAll'
  | 'acquire'
  | 'tryAcquire'
  | 'release'
  | 'await'
  | 'reset'
  | 'do'
  | 'forget'
  | 'done'
  | 'error'
  | 'get'
  | 'put'
  // channels
  | 'send'
  | 'recv'
  | 'close'
  | 'select'
  // Rust's std::sync::mpsc, Barrier, Once, OnceLock
  | 'trySend'
  | 'tryRecv'
  | 'recvTimeout'
  | 'callOnce'
  | 'set'
  | 'getOrInit'
  // tokio's lazy, cancellable awaits (primitives/tokio/)
  | 'timeout'
  | 'cancelled'
  | 'tick'
  | 'joinNext'
  | 'joinAll'
  // tokio::sync's locks and signals (primitives/tokio/)
  | 'notified'
  | 'resume'
  // tokio's channels (primitives/tokio/mpsc.ts, oneshot.ts, broadcast.ts, watch.ts)
  | 'reserve'
  | 'closed'
  | 'changed'
  // the simulated etcd (primitives/etcd/): client calls, leases and sessions, node faults
  | 'txn'
  | 'grant'
  | 'revoke'
  | 'keepAlive'
  | 'timeToLive'
  | 'session'
  | 'orphan'
  | 'crash'
  | 'restart'
  | 'pause'
  | 'partition'
  | 'heal'
  // the fault injector (runtime/injector.ts)
  | 'fault';

/** A pure read of its object: two of them on one object commute (the footprint default, DPOR). */
export function isReadOnly(kind: OpKind): boolean {
  return kind === 'read' || kind === 'load';
}

/**
 * A blocking acquisition of a lock (exclusive or shared): blocked on a lock its own goroutine holds,
 * it is a double lock (Execution's self-lock report). Try-variants never block, unlocks never wait.
 */
export function isLockAcquire(kind: OpKind): boolean {
  return kind === 'lock' || kind === 'rLock';
}

/** A voluntary yield (Gosched, yieldNow): the explorers do not count switching away from it as a preemption. */
export function isYield(kind: OpKind): boolean {
  return kind === 'yield';
}

/** Whether a goroutine's pending operation (null while its code runs) is a yield. */
export function isYieldOp(op: { readonly kind: OpKind } | null): boolean {
  return op !== null && isYield(op.kind);
}

type Ok = ((value: any) => unknown) | null | undefined;
type Err = ((reason: any) => unknown) | null | undefined;
interface Callback {
  ok: Ok;
  err: Err;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

const captured: { resolve: (v: unknown) => void; reject: (e: unknown) => void } = { resolve: () => {}, reject: () => {} };
function capture(resolve: (v: any) => void, reject: (e: unknown) => void): void {
  captured.resolve = resolve;
  captured.reject = reject;
}

/** Op.state bits. */
const PARKED = 1;
const COMPLETED = 2;
const FAILED = 4;
const SETTLED = 8;
/** The first awaiter's callbacks are kept on the op's thread (Thread.awaitOp is this op). */
const HAS_CB = 16;

/**
 * Performance invariant (issue 9): the base constructor runs for ~80 subclasses, so every store it
 * makes is megamorphic (each subclass has its own hidden class) and costs ~15 ns. It stores only
 * four fields (exec, state, value, thread); the rest live elsewhere:
 * - parked, the outcome and "settled" are bits of `state` (getters keep `parked` readable);
 * - the first awaiter of a pending op (the common case: one `await`) is kept in its thread's
 *   monomorphic fields (Thread.awaitOp ...): a thread has at most one pending op, so at most one
 *   unsettled op per thread holds them; any other awaiter goes to `more` (a prototype default, made
 *   an own property only when used);
 * - `at` is a prototype default (undefined), assigned only when the execution captures locations.
 */
export abstract class Op<T = unknown> extends PromiseTail<T> {
  readonly exec: Execution;
  readonly thread: Thread;
  /** Where the scenario called it (only when the execution captures locations). */
  declare readonly at: string | undefined;
  /** PARKED | COMPLETED | FAILED | SETTLED | HAS_CB. */
  private state: number;
  private value: unknown;
  /** Awaiters beyond the first (see the class comment); null (the prototype's) when none. */
  declare private more: Callback[] | null;

  /**
   * Whether it is a YieldOp (runtime/yield.ts sets it on its prototype): the runnable set asks at
   * every park, and a prototype flag is cheaper there than a megamorphic `instanceof`.
   */
  declare readonly isYieldOp: boolean;

  static {
    const proto = this.prototype as unknown as { at: undefined; more: null; isYieldOp: boolean };
    proto.at = undefined;
    proto.more = null;
    proto.isYieldOp = false;
  }

  /** The goroutine awaited it: it is parked. */
  get parked(): boolean {
    return (this.state & PARKED) !== 0;
  }

  set parked(on: boolean) {
    this.state = on ? this.state | PARKED : this.state & ~PARKED;
  }

  /** The object the operation is on, and how it touches it (for reports and dependence). */
  abstract readonly obj: SimObjectRef | null;
  /** What it does (typed: see OpKind and its predicates). */
  abstract readonly kind: OpKind;

  /**
   * What the next step touches, for dependence (DPOR): object ids, each with whether the touch is
   * a pure read (two pure reads of one object commute; anything else on one object does not).
   * Default: `obj`, a read when its kind is read-only (isReadOnly). An operation touching several objects
   * (a select) or hidden state (a WaitGroup's Add/Wait location) overrides it.
   */
  footprint(): readonly Touch[] {
    const o = this.obj;
    if (o === null) return NO_TOUCH;
    return [{ id: o.id, read: isReadOnly(this.kind) }];
  }

  /**
   * The goroutine has just parked here (its code awaited this operation): an operation that waits
   * for a partner without taking a step of its own (a receive on an unbuffered channel) makes itself
   * known to its object. Runs once, in the goroutine's code, before the scheduler chooses again.
   */
  arrive(): void {}

  /**
   * What `arrive` changed, for dependence (DPOR): it belongs to the step whose continuation parked
   * here. Default: nothing.
   */
  arrival(): readonly Touch[] {
    return NO_TOUCH;
  }

  /**
   * While enabled, which of its alternatives could run (a bit per select case; 0 for an operation
   * without alternatives). An event that changes it makes the step do something else, like enabling
   * it does: the explorers order the two (scheduler/trace.ts), so that two events each of which could
   * make a select ready are ordered with each other too, whichever came first.
   */
  readySet(): number {
    return 0;
  }

  /**
   * What its last step changed that its footprint (taken before the step) could only read: a select
   * reads every case it polls and writes the one it took. The explorers add it to the step's event.
   */
  effect(): readonly Touch[] {
    return NO_TOUCH;
  }

  /**
   * Everything `effect()` could say once its step has run, for a step that has not run: the explorers
   * give it to a step still pending when an execution ended, which races as if it ran (a parked select
   * would take one of its cases, writing that channel). Without it two selects parked on one channel
   * look independent (their footprints only read it), and the explorers never run the second before
   * the first.
   */
  mayEffect(): readonly Touch[] {
    return NO_TOUCH;
  }

  /**
   * While it waits, the objects a partner completing it on its goroutine's behalf takes it from
   * (Execution.completedFor): two goroutines that could each complete it race for it, so the explorers
   * make the completing step write all of them (scheduler/trace.ts). Default: its footprint.
   */
  waitedOn(): readonly Touch[] {
    return this.footprint();
  }

  /**
   * The objects the runnable set files it under (runtime/runnable.ts): a change of one may change
   * whether it is enabled, and its step may change one for the goroutines waiting there. Default: its
   * footprint. An operation whose footprint also reads an object only for dependence (DPOR), whose
   * change wakes it another way (Execution.retest) and which its step never changes, leaves that one
   * out: one key fewer to file at every park.
   */
  watched(): readonly Touch[] {
    return this.footprint();
  }

  /** `owner` is given only for a goroutine's first step, which no code awaits. */
  constructor(exec: Execution, owner?: Thread) {
    super();
    this.exec = exec;
    this.state = 0;
    this.value = undefined;
    if (exec.captureLocations && !owner) (this as { at: string | undefined }).at = callerLocation();
    this.thread = exec.register(this, owner);
  }

  /** Can the next step run now? A blocked goroutine's pending operation is not enabled. */
  enabled(): boolean {
    return true;
  }

  /**
   * Run one step against the simulated state. Returns true when the operation is complete (it has
   * called `complete` or `fail`), false when it stays pending for another step.
   */
  abstract step(): boolean;

  /**
   * While true (and the goroutine can run), no timer fires: virtual time stands still. A staged
   * Mutex's operation is mid-way through a burst of atomic instructions that a real CPU runs in
   * nanoseconds (primitives/go/mutex-variants/machine.ts). Ops that touch it change whether the
   * fire-timer option exists, so the explorer must treat them as dependent with timer firings.
   */
  defersTimers(): boolean {
    return false;
  }

  /**
   * Whether its step (`arrival` false) or its arrival (true) may change what another goroutine's
   * pending operation can do (its enabled()): only then does the runnable set look again at the
   * goroutines waiting on the objects it touches (runtime/runnable.ts). An operation that only
   * observes (a WaitGroup wait) says false.
   */
  wakesWaiters(_arrival: boolean): boolean {
    return true;
  }

  /** The goroutine this operation waits for while it is blocked (a lock's holder), if any. */
  waitsFor(): Thread | null {
    return null;
  }

  /** More lines for a deadlock or leak report about a goroutine blocked here (who else could help). */
  explain(): string[] {
    return [];
  }

  /** What it is about to do, for reports: "lock of Mutex 'mu'". */
  abstract describe(): string;

  /** What the last step did, for the timeline: "lock Mutex 'mu'", "read count → 3". */
  traced(): string {
    return this.describe();
  }

  protected complete(value: T): true {
    this.value = value;
    this.state = (this.state & ~FAILED) | COMPLETED;
    return true;
  }

  /** Complete with an exception thrown into the awaiting goroutine (a Go panic). */
  failWith(reason: unknown): true {
    this.value = reason;
    this.state = (this.state & ~COMPLETED) | FAILED;
    return true;
  }

  /** Deliver the outcome to whoever awaits it (called by the execution, once, after `step` completed). */
  settle(): void {
    const state = this.state;
    this.state = (state | SETTLED) & ~HAS_CB;
    if ((state & HAS_CB) !== 0) {
      const t = this.thread;
      const ok = t.awaitOk;
      const err = t.awaitErr;
      const resolve = t.awaitResolve;
      const reject = t.awaitReject;
      t.clearAwaiter();
      this.deliver(ok, err, resolve, reject);
    }
    const more = this.more;
    if (more !== null) for (const cb of more) this.deliver(cb.ok, cb.err, cb.resolve, cb.reject);
  }

  private deliver(ok: Ok, err: Err, resolve: (v: unknown) => void, reject: (e: unknown) => void): void {
    const failed = (this.state & FAILED) !== 0;
    const handler = failed ? err : ok;
    if (typeof handler !== 'function') {
      (failed ? reject : resolve)(this.value);
      return;
    }
    try {
      resolve(handler(this.value));
    } catch (e) {
      reject(e);
    }
  }

  then<R1 = T, R2 = never>(
    ok?: ((value: T) => R1 | PromiseLike<R1>) | null,
    err?: ((reason: any) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    // A shared executor instead of a closure per call: `then` runs once per step.
    const p = new Promise<R1 | R2>(capture);
    const state = this.state;
    const t = this.thread;
    if ((state & SETTLED) !== 0) this.deliver(ok, err, captured.resolve, captured.reject);
    else if ((state & HAS_CB) === 0 && t.awaitOp === null) {
      this.state = state | HAS_CB;
      t.awaitOp = this;
      t.awaitOk = ok;
      t.awaitErr = err;
      t.awaitResolve = captured.resolve;
      t.awaitReject = captured.reject;
    } else {
      let more = this.more;
      if (more === null) this.more = more = [];
      more.push({ ok, err, resolve: captured.resolve, reject: captured.reject });
    }
    if ((this.state & PARKED) === 0) {
      this.state |= PARKED;
      this.exec.park(this);
    }
    return p;
  }
}

/** An operation that is always enabled and completes in one step computed by `run`. */
export class SimpleOp<T> extends Op<T> {
  constructor(
    exec: Execution,
    readonly obj: SimObjectRef | null,
    readonly kind: OpKind,
    private readonly what: string,
    private readonly run: () => T,
  ) {
    super(exec);
  }

  step(): boolean {
    return this.complete(this.run());
  }

  describe(): string {
    return this.what;
  }
}
