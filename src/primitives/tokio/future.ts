/**
 * tokio's futures in simcc: **lazy and cancellable** operations, and the one protocol every tokio
 * operation that can wait implements (`Selectable`), so that `await`, `select`, `join`, `timeout` and
 * a task's `abort` all drive and cancel operations the same way (issue 11, item 2).
 *
 * Rust futures do nothing until polled. So a tokio operation (`sleep(ms)`, `h.join()`,
 * `token.cancelled()`, `select([...])`, `timeout(ms, f)`, `join(f, g)`) returns a `TokioFuture`: a
 * thenable that holds a `Selectable` and creates no runtime operation when it is made. Only awaiting it
 * (its `then`) creates a `TokioOp`, the runtime operation (Op) that drives the Selectable on the task's
 * behalf; a combinator (select, join, timeout) takes the Selectable out of the futures it is given and
 * drives them all inside its own single TokioOp. A task has one pending runtime operation at a time
 * (runtime/execution.ts), so one TokioOp polls every branch the task waits on.
 *
 * ## The protocol (shared with Go's select: core/selectable.ts)
 *
 * A `Selectable<T>` is one wait on the flavour-neutral protocol of core/selectable.ts (shared with Go's
 * select and its channel cases), driven by a TokioOp, with tokio's optional members added here. Its
 * steps all run inside the owning TokioOp's steps (so each change is part of a scheduling step whose
 * footprint the explorers know):
 * - `begin(op)`: the first poll. Register whatever lets it complete later (start a timer; join a
 *   waiter queue). Called once, in the op's first step, before `ready()` is asked there.
 * - `ready()`: can `take` complete now? Pure (no change, no counted read of the clock): it is asked by
 *   `enabled()` between steps too.
 * - `take(op)`: complete it (only called when ready): do the transfer (acquire a clock, take a value,
 *   leave a waiter queue) and return the value, or `PENDING` when it made progress but is not done (a
 *   composite, e.g. `join` with one branch still waiting).
 * - `cancel(op)`: it lost a select, its timeout elapsed, or its task was aborted: undo `begin`'s
 *   registration (cancel the timer; leave the queue, handing a permit it was given to the next waiter)
 *   so that **nothing happened** (cancel safety: a losing send did not send). Runs inside a step.
 * - `touches()`: the objects `ready`, `take` and `cancel` read or change, as `Op.footprint()` entries
 *   (a read when it only looks; a write when take/cancel change the object). The TokioOp's footprint is
 *   their union plus the task's own object (its abort flag), read. A timer started or cancelled, the
 *   clock read, another task's enabledness changed are seen by the explorers without being declared
 *   (scheduler/trace.ts); anything else a Selectable changes must be in `touches()`. A change made
 *   outside any step (a synchronous `token.cancel()`, `h.abort()`) calls `exec.noteTouch(id, false)`
 *   and `exec.touched(id)` itself.
 * - `readyMask()` (optional): for a composite, which branches are ready (bit i): an event that changes
 *   it changes what the step does, and the explorers order it (Op.readySet).
 * - `describe()`, `traced()` (timeline: which branch won, which were cancelled), `waitsFor()` and
 *   `explain()` (deadlock and leak reports).
 *
 * A new primitive's waiting method returns `new TokioFuture(exec, new XSelectable(...))` and its
 * `xBranch()` the Selectable itself; `select`, `timeout`, `join` and abort then work with it unchanged.
 *
 * ## Cancellation of a task (abort)
 *
 * `h.abort()` sets the task's abort flag (a write of the task's object). Every TokioOp of that task reads
 * it: its `enabled()` is true once the flag is set (a task waiting at a tokio await is woken at once) and
 * its next step cancels what it registered (`cancel`) and fails with `TaskCancelled`, which unwinds the
 * task's code (it is not a panic: `catchUnwind` does not catch it); the task's wrapper (task.ts) then
 * drops the values it owns, newest first, and the task ends Cancelled. A std operation (a Rust Mutex's
 * lock, `thread.sleep`) is not a TokioOp, so it is not a cancellation point. The drops of an ending task
 * are not cancellation points either (`TaskState.unwinding`).
 */
import { currentExecution } from '../../runtime/current.js';
import { Halt, ScenarioError } from '../../runtime/errors.js';
import type { Execution } from '../../runtime/execution.js';
import { VectorClock } from '../../runtime/clock.js';
import { callerLocation } from '../../runtime/locations.js';
import { isYieldOp, NO_TOUCH, Op, type OpKind, type SimObjectRef, type Touch } from '../../runtime/op.js';
import { acquire, release } from '../../runtime/sync.js';
import type { Thread } from '../../runtime/thread.js';
import type { PanicInfo } from '../rust/panic.js';
import { existingPool } from './workers.js';
import { PromiseTail } from '../../runtime/promise-tail.js';
import { PENDING, type Poll, type Selectable as CoreSelectable } from '../core/selectable.js';

export { PENDING, type Poll };

/**
 * One lazy, cancellable tokio wait: the flavour-neutral protocol (core/selectable.ts) driven by a
 * TokioOp, plus tokio's own optional members (see the header).
 */
export interface Selectable<T> extends CoreSelectable<T, TokioOp<unknown>> {
  /**
   * Optional: `begin` registers nothing (a receive that only looks at its object), so an op whose root
   * is not ready waits without a first step of its own, as a std receive does (fewer interleavings).
   */
  readonly quietBegin?: boolean;
  /**
   * Optional: awaited alone, `begin` runs when the task parks at the op (Op.arrive), with no step of its
   * own, and these are what it changed (Op.arrival). For a registration that commutes with every step
   * but other registrations (joining a fair queue: only the order of the joinings matters).
   */
  arrival?(): readonly Touch[];
  /**
   * Optional: an async block that ran to its end on its own (task.ts SubFutureSel) gives the order of
   * its end. Rust polled it to that end inside the combinator's poll, which then returned it: a select
   * must take it (the earliest such branch) rather than another ready branch.
   */
  endedAt?(): number | undefined;
  /**
   * Optional: its first poll is still going on (an async block that has not yet returned Pending — waited
   * at a tokio await, yielded — nor ended). `join` and a biased `select` poll their branches in order,
   * so they begin the next branch only once this is false (tokio polls branch 0, then 1, … in one poll).
   */
  firstPollPending?(): boolean;
  /** Optional, with firstPollPending: the thread that runs that first poll (an async block's sub-task). */
  pollingThread?(): Thread | null;
  /**
   * Optional: what its op is filed under while it waits (TokioOp.watched), when fewer than `touches()`:
   * an object `touches()` writes only for dependence, whose change the object that stays announces
   * too (a recv's live-Sender count: the last Sender's drop touches the channel). Default: `touches()`.
   */
  watched?(): readonly Touch[];
}

/** The outcome of a task, once it ended. */
export type TaskOutcome = { kind: 'ok'; value: unknown } | { kind: 'panic'; info: PanicInfo } | { kind: 'cancelled' };

/** A JoinSet's shared part that its tasks' ends write (task.ts). */
export interface SetCore {
  readonly obj: SimObjectRef;
}

/** A tokio task's state (main has one too: it is never aborted). */
export interface TaskState {
  /** The task as an object: abort and its end write it; its own awaits and its joiners read it. */
  readonly obj: SimObjectRef;
  readonly thread: Thread;
  /** tokio's task id (the runtime's thread id). */
  readonly id: number;
  aborted: boolean;
  /** The clock of the abort (the cancellation, when delivered, acquires it). */
  abortClock: VectorClock | null;
  /** Its code has ended and it drops what it owns: no await is a cancellation point any more. */
  unwinding: boolean;
  done: boolean;
  outcome: TaskOutcome | null;
  endClock: VectorClock | null;
  /** Order of the ends (JoinSet.joinNext returns the earliest). */
  endSeq: number;
  /** A join observed its outcome (a panic observed is not a finding). */
  observed: boolean;
  /** Its handle was dropped (or main returned): a panic at its end is a finding at once. */
  detached: boolean;
  /** spawnBlocking: abort has no effect. */
  readonly blocking: boolean;
  /** The JoinSet it belongs to, if any. */
  set: SetCore | null;
  /** The last footprint union made for the task (taskUnion): the touches it was made for, and the union. */
  unionOwn: readonly Touch[] | null;
  unionAll: readonly Touch[];
  /** The one before (a task alternates between two). */
  unionOwn2: readonly Touch[] | null;
  unionAll2: readonly Touch[];
  /** An async block a combinator polls inside its task (task.ts SubFutureSel), not a task of its own. */
  asyncBlock?: boolean;
  /**
   * For an async block: the object its combinator's blocks share. Each block's end writes it (which one
   * ended first decides a select, SelectSel.take), and so does every event that may move the block
   * into or out of the middle of a poll (TokioOp.enabled reads that state).
   */
  blocksId?: number;
  /** For an async block: its first poll is over (it returned Pending once, or ended). Set by firstPollOver. */
  polled?: boolean;
  /**
   * For a task with async blocks and for each of its blocks (nested ones too): the task's polls, shared
   * (see joinTaskPolls). Unset for a task that never ran a block.
   */
  polls?: TaskPolls;
}

/** One task's async blocks, which its single thread polls one at a time (see joinTaskPolls). */
export interface TaskPolls {
  /** The object that says which block is in the middle of a poll: written when one enters or leaves it, read by the blocks' awaits (TokioOp.siblingMidPoll). */
  readonly id: number;
  /** The happens-before of the task's polls (pollSegmentStart/End). */
  readonly clock: VectorClock;
  /** Its blocks still running (an ended one leaves). */
  readonly blocks: TaskState[];
}

/** A thread's task is kept in its flavour slot (Thread.flavourState): a field read per await, not a WeakMap lookup. */
export function taskOf(t: Thread): TaskState | undefined {
  return t.flavourState as TaskState | undefined;
}

export function newTaskState(exec: Execution, t: Thread, blocking: boolean): TaskState {
  const st: TaskState = {
    obj: { id: exec.newObjectId(), name: `task '${t.name}'`, typeName: 'tokio::task::JoinHandle' },
    thread: t,
    id: t.id,
    aborted: false,
    abortClock: null,
    unwinding: false,
    done: false,
    outcome: null,
    endClock: null,
    endSeq: 0,
    observed: false,
    detached: false,
    blocking,
    set: null,
    unionOwn: null,
    unionAll: NO_TOUCH,
    unionOwn2: null,
    unionAll2: NO_TOUCH,
  };
  t.flavourState = st;
  return st;
}

/**
 * Thrown into an aborted task at its next tokio await: it unwinds the task's code. A Halt, so that
 * `catchUnwind` and the drop loop let it through (it is not a panic); the task's wrapper catches it.
 */
export class TaskCancelled extends Halt {
  constructor(readonly task: string) {
    super(`task '${task}' was cancelled`);
    this.name = 'TaskCancelled';
  }
}

/** No tasks (shared: most ops drain and poll no async block). */
const NO_TASKS: readonly TaskState[] = Object.freeze([]);

/** TokioOp.flags: begun its root; began at its arrival; cancelled by its task's abort; waited (for the timeline). */
const BEGUN = 1;
const ARRIVED = 2;
const ABORTED = 4;
const WAITED = 8;

/** The runtime operation that drives one Selectable (a plain await, or a combinator's root). */
export class TokioOp<T> extends Op<T> {
  readonly kind: OpKind;
  readonly obj: SimObjectRef | null;
  /** BEGUN | ARRIVED | ABORTED | WAITED (one field: an op is made at every await). */
  private flags: number;
  /** The task it belongs to (undefined on a std thread: never aborted). */
  readonly task: TaskState | undefined;
  /*
   * Performance (issue 11, the ping-pong bench): an op is made at every await, so the fields most ops
   * never change are prototype defaults (set in the static block), made own properties only when used.
   */
  /** Sub-tasks of cancelled branches that must end before the op completes (drainUntilEnded). */
  declare private draining: readonly TaskState[];
  /** The async blocks its branches run (task.ts SubFutureSel): it waits while one is mid-poll. */
  declare private blocks: readonly TaskState[];
  /** The outcome computed while sub-tasks still drain: 0 none yet, 1 a value, 2 an error (in `heldValue`); no object per await. */
  declare private heldKind: 0 | 1 | 2;
  declare private heldValue: unknown;
  /** The object its async blocks share (TaskState.blocksId). */
  declare private blocksId: number | undefined;
  /** Its footprint, kept while the root's touches are the same array (`fpOwn`) and its blocks' object too. */
  declare private fpOwn: readonly Touch[] | null;
  declare private fpBlocks: number | undefined;
  declare private fpAll: readonly Touch[];

  static {
    const proto = this.prototype as unknown as Record<string, unknown>;
    proto.draining = NO_TASKS;
    proto.blocks = NO_TASKS;
    proto.heldKind = 0;
    proto.heldValue = undefined;
    proto.blocksId = undefined;
    proto.fpOwn = null;
    proto.fpBlocks = undefined;
    proto.fpAll = NO_TOUCH;
  }

  constructor(
    exec: Execution,
    readonly root: Selectable<T>,
    at: string | undefined,
  ) {
    super(exec);
    this.flags = 0;
    this.kind = root.kind;
    this.obj = root.obj;
    // The op is made when the future is awaited (in `then`), where no scenario frame is on the stack:
    // the location is the one the future captured when the scenario called the operation.
    if (at !== undefined || exec.captureLocations) (this as { at: string | undefined }).at = at;
    this.task = taskOf(this.thread);
    // An async block reaches an await: its combinator, waiting while it was mid-poll, may decide now.
    if (this.task?.asyncBlock) {
      // A receive not ready waits here without a step: its poll returns Pending now.
      if (root.quietBegin === true && !root.ready()) this.task.polled = true;
      blockPollChanged(exec, this.task);
      pollSegmentEnd(this.thread, this.task);
    }
    // The task suspends here: a task blocked in a std lock it holds is blocking in async (workers.ts).
    if (this.thread.holds.length > 0) existingPool(exec)?.suspending(this.thread);
  }

  private abortedNow(): boolean {
    const s = this.task;
    return s !== undefined && s.aborted && !s.unwinding;
  }

  /**
   * A cancelled branch ran as a sub-task (an async closure, task.ts): Rust drops a cancelled future
   * before the select/timeout returns, so the op completes only once that sub-task has ended (its
   * values dropped). Called by the branch's `cancel`.
   */
  drainUntilEnded(st: TaskState): void {
    if (!st.done) this.draining = [...this.draining, st];
  }

  /** An async block one of its branches runs (it cannot decide while the block is mid-poll). */
  addBlock(st: TaskState): void {
    this.blocks = [...this.blocks, st];
    st.blocksId = (this.blocksId ??= this.exec.newObjectId());
  }

  /**
   * Rust polls a branch to its next Pending await in one go: the combinator decides only between polls.
   * An async block parked at a std operation (an atomic, an unlock, a drop: scheduling points in simcc,
   * none an await in Rust) is in the middle of its poll, so the op waits for it to reach an await or end.
   */
  private blockMidPoll(): boolean {
    for (const b of this.blocks) if (!b.done && midPoll(b.thread)) return true;
    return false;
  }

  /** A root with an `arrival` begins when the task parks here (ArrivingTokioOp). */
  protected beginAtArrival(): void {
    if ((this.flags & BEGUN) !== 0) return;
    this.flags |= BEGUN | ARRIVED;
    this.root.begin(this as TokioOp<unknown>);
  }

  protected get arrivedHere(): boolean {
    return (this.flags & ARRIVED) !== 0;
  }

  /**
   * Another async block of this block's task is in the middle of a poll — parked at a std operation, or
   * begun by its combinator and not yet started (tokio runs a branch's first poll inside the combinator's
   * poll) — so the task's thread is busy with it: this block's await cannot complete (resume its poll)
   * before that poll reaches an await or ends.
   */
  private siblingMidPoll(): boolean {
    const s = this.task!;
    for (const b of s.polls!.blocks) {
      if (b === s || b.done) continue;
      const p = b.thread.pending;
      if (p === null) continue;
      if (midPoll(b.thread) || p.kind === 'start' || (p instanceof TokioOp && p.firstPollPending)) return true;
    }
    return false;
  }

  /** Its first step polls the future for the first time, inside its task's current poll (not a resumption). */
  get firstPollPending(): boolean {
    return (this.flags & BEGUN) === 0 && this.root.quietBegin !== true;
  }

  override enabled(): boolean {
    if (this.heldKind !== 0) return allEnded(this.draining);
    if (this.blocks.length > 0 && this.blockMidPoll()) return false;
    // A resumption waits while the task's thread polls another block; a first poll is part of the current one.
    if (this.task?.polls !== undefined && this.task.asyncBlock && !this.firstPollPending && this.siblingMidPoll()) return false;
    return ((this.flags & BEGUN) === 0 && this.root.quietBegin !== true) || this.abortedNow() || this.root.ready();
  }

  step(): boolean {
    if (this.heldKind !== 0) return this.release();
    const s = this.task;
    if (s !== undefined && this.abortedNow()) {
      if ((this.flags & BEGUN) !== 0) this.root.cancel(this as TokioOp<unknown>);
      if (s.abortClock) acquire(this.thread, s.abortClock);
      this.flags |= ABORTED;
      return this.hold(2, new TaskCancelled(s.thread.name));
    }
    if ((this.flags & BEGUN) === 0) {
      this.flags |= BEGUN;
      this.root.begin(this as TokioOp<unknown>);
      // The block's poll of this future for the first time is over (siblingMidPoll).
      if (s?.asyncBlock) blockPollChanged(this.exec, s);
    }
    if (this.root.ready()) {
      let v: Poll<T>;
      try {
        v = this.root.take(this as TokioOp<unknown>);
      } catch (e) {
        // A branch re-raised a panic (an async block's): the others are dropped as the panic unwinds.
        this.root.cancel(this as TokioOp<unknown>);
        return this.hold(2, e);
      }
      if (v !== PENDING) return this.hold(1, v);
    }
    this.flags |= WAITED;
    if (s?.asyncBlock && !s.polled) firstPollOver(this.exec, s);
    return false;
  }

  /** Complete now, or once the cancelled branches' sub-tasks have ended. */
  private hold(kind: 1 | 2, value: unknown): boolean {
    // Nothing to wait for (the common case): complete now, without keeping the outcome on the op.
    if (allEnded(this.draining)) return this.releaseWith(kind, value);
    this.heldKind = kind;
    this.heldValue = value;
    this.flags |= WAITED;
    return false;
  }

  private release(): true {
    return this.releaseWith(this.heldKind as 1 | 2, this.heldValue);
  }

  private releaseWith(kind: 1 | 2, value: unknown): true {
    // An async block resumes its poll (its code may now stop at std operations, mid-poll).
    if (this.task?.asyncBlock) {
      blockPollChanged(this.exec, this.task);
      pollSegmentStart(this.thread, this.task);
    }
    const ds = this.draining;
    for (let i = 0; i < ds.length; i++) {
      const c = ds[i]!.endClock;
      if (c) acquire(this.thread, c);
    }
    return kind === 1 ? this.complete(value as T) : this.failWith(value);
  }

  override footprint(): readonly Touch[] {
    if (this.heldKind !== 0) return this.draining.map((d) => ({ id: d.obj.id, read: true }));
    const own = this.root.touches();
    const s = this.task;
    // The common case (no async blocks): the task's union, kept on the task (taskUnion), not on the op.
    if (this.blocksId === undefined && !(s?.asyncBlock && s.polls !== undefined)) return s === undefined || s.thread.isMain ? own : taskUnion(s, own);
    // Asked at every park and step: the union is kept while the root's touches are the same array.
    if (own === this.fpOwn && this.fpBlocks === this.blocksId) return this.fpAll;
    let withBlocks = this.blocksId === undefined ? own : [...own, { id: this.blocksId, read: true }];
    // An async block's await reads which of its task's blocks is mid-poll (siblingMidPoll).
    if (s?.asyncBlock && s.polls !== undefined) withBlocks = [...withBlocks, { id: s.polls.id, read: true }];
    this.fpOwn = own;
    this.fpBlocks = this.blocksId;
    // Main's task is never aborted: nothing but its own end writes its object, so its ops need not read it.
    this.fpAll = s === undefined || s.thread.isMain ? withBlocks : withBlocks === own ? taskUnion(s, own) : [...withBlocks, { id: s.obj.id, read: true }];
    return this.fpAll;
  }

  /**
   * What the runnable set files it under: in the common case its root's touches, without its task's
   * object, which its footprint reads only for dependence (the abort flag): an abort retests the
   * task's thread itself (task.ts abortTask), and no step of an op writes that object.
   */
  override watched(): readonly Touch[] {
    const s = this.task;
    if (this.heldKind !== 0 || this.blocksId !== undefined || (s?.asyncBlock && s.polls !== undefined)) return this.footprint();
    const r = this.root;
    return r.watched !== undefined ? r.watched() : r.touches();
  }

  override readySet(): number {
    if (this.heldKind !== 0) return 0;
    return (this.abortedNow() ? 1 << 30 : 0) | (this.root.readyMask?.() ?? 0);
  }

  override waitsFor(): Thread | null {
    return this.root.waitsFor?.() ?? null;
  }

  override explain(): string[] {
    return this.root.explain?.() ?? [];
  }

  describe(): string {
    return this.root.describe();
  }

  override traced(): string {
    if (this.heldKind !== 0 && !allEnded(this.draining)) return `${this.root.traced?.() ?? this.root.describe()}; waits for the cancelled ${this.draining.map((d) => `'${d.thread.name}'`).join(', ')} to drop its values`;
    if ((this.flags & ABORTED) !== 0) return `${this.root.describe()}: cancelled (task '${this.thread.name}' was aborted)`;
    const t = this.root.traced?.() ?? this.root.describe();
    return (this.flags & WAITED) !== 0 && !this.root.ready() ? `${t}: waits` : t;
  }
}

/**
 * A root's touches plus its task's object (read), shared by every op of the task on the same touches
 * array (a primitive's touches are arrays it made once: the same array, the same entries). Footprints
 * are read-only. Saves an array and an entry per await (a task awaits the same channel again and again).
 */
const unions = new WeakMap<TaskState, WeakMap<readonly Touch[], readonly Touch[]>>();

function taskUnion(s: TaskState, own: readonly Touch[]): readonly Touch[] {
  // A task that awaits one channel again and again asks for the same unions (a send's touches before
  // and after it joins the queue alternate): two field compares.
  if (s.unionOwn === own) return s.unionAll;
  if (s.unionOwn2 === own) return s.unionAll2;
  let byOwn = unions.get(s);
  if (byOwn === undefined) unions.set(s, (byOwn = new WeakMap()));
  let all = byOwn.get(own);
  if (all === undefined) byOwn.set(own, (all = [...own, { id: s.obj.id, read: true }]));
  s.unionOwn2 = s.unionOwn;
  s.unionAll2 = s.unionAll;
  s.unionOwn = own;
  s.unionAll = all;
  return all;
}

/** Every one of `ds` has ended (asked at every step of every tokio await: no closure, no iterator). */
function allEnded(ds: readonly TaskState[]): boolean {
  for (let i = 0; i < ds.length; i++) if (!ds[i]!.done) return false;
  return true;
}

/** An async block may have entered or left the middle of a poll: its combinator's op reads that (TaskState.blocksId). */
export function blockPollChanged(exec: Execution, st: TaskState): void {
  if (st.asyncBlock && st.polls !== undefined) {
    exec.noteTouch(st.polls.id, false);
    exec.touched(st.polls.id);
  }
  if (st.blocksId === undefined) return;
  exec.noteTouch(st.blocksId, false);
  exec.touched(st.blocksId);
}

/** An async block's first poll returned Pending (it waits at a tokio await, or yields): the next branch of its combinator may be polled. */
export function firstPollOver(exec: Execution, st: TaskState): void {
  if (st.polled) return;
  st.polled = true;
  blockPollChanged(exec, st);
}

/**
 * The async blocks of a `join`/`select` (and their own blocks, nested) run inside one task, so on one
 * thread at a time: each poll runs from a resumption to the next Pending await without another block of
 * the task in between (TokioOp.blockMidPoll and siblingMidPoll keep that). What one poll did therefore
 * happens before every later poll of the task, whichever block it is: a block releases into the task's
 * poll clock where its poll may stop (it reaches a tokio await or a yield, or ends) and acquires it where
 * a poll may resume (it starts, an await completes, a yield returns). Without this, two blocks of one
 * `join!` touching the same UnsafeCell were reported as a data race, which Rust cannot have.
 */
export function joinTaskPolls(exec: Execution, block: TaskState, parent: TaskState | undefined): void {
  if (parent === undefined) return;
  const polls = (parent.polls ??= { id: exec.newObjectId(), clock: new VectorClock(), blocks: [] });
  block.polls = polls;
  polls.blocks.push(block);
}

/** A poll of `st`'s task may stop here (see joinTaskPolls). */
export function pollSegmentEnd(t: Thread, st: TaskState | undefined): void {
  if (st?.asyncBlock && st.polls) release(t, st.polls.clock);
}

/** A poll of `st`'s task may resume here (see joinTaskPolls). */
export function pollSegmentStart(t: Thread, st: TaskState | undefined): void {
  if (st?.asyncBlock && st.polls) acquire(t, st.polls.clock);
}

/** Parked at a std operation (not a tokio await, a yield, or its start): `t` is in the middle of a poll. */
export function midPoll(t: Thread): boolean {
  const p = t.pending;
  return p !== null && !(p instanceof TokioOp) && !isYieldOp(p) && p.kind !== 'start';
}

/**
 * The op of a root with an `arrival` (a send joining a fair queue): it begins when its task parks, with
 * no step of its own (Selectable.arrival). A class of its own, so that the ops of other roots keep Op's
 * plain `arrive` (the runnable set skips that one: runtime/runnable.ts).
 */
export class ArrivingTokioOp<T> extends TokioOp<T> {
  override arrive(): void {
    this.beginAtArrival();
    const s = this.task;
    if (s?.asyncBlock && !s.polled && !this.root.ready()) firstPollOver(this.exec, s);
  }

  override arrival(): readonly Touch[] {
    return this.arrivedHere ? this.root.arrival!() : NO_TOUCH;
  }

  /** Joining the queue (or taking a free permit) grants nobody else anything: no waiter to look at again. */
  override wakesWaiters(arrival: boolean): boolean {
    return !arrival;
  }
}

/**
 * A lazy tokio operation: awaiting it (its `then`) creates the TokioOp that runs it; until then it is
 * inert, as a Rust future is. A combinator takes its Selectable instead (once: a future is polled by
 * one owner). Not a Promise: `Promise.all` of two would make two pending operations at once (use `join`).
 */
export class TokioFuture<T> extends PromiseTail<T> {
  /*
   * A future is made at every tokio call, and nearly every one is awaited: the constructor stores every
   * field its await sets (`op`, `used`, `awaiter`), so that the await changes values, not the object's
   * shape (a property added after construction costs a map transition and a property backing store).
   * Only `at`, set when locations are captured, is a prototype default.
   */
  /** The op its await made, once awaited. */
  private op: TokioOp<T> | null;
  /** Awaited or given to a combinator (a future is polled by one owner). */
  private used: boolean;
  /** Where the scenario called the operation (when locations are captured). */
  declare readonly at: string | undefined;

  static {
    (this.prototype as unknown as Record<string, unknown>).at = undefined;
  }

  constructor(
    readonly exec: Execution,
    private readonly sel: Selectable<T>,
  ) {
    super();
    this.op = null;
    this.used = false;
    this.awaiter = undefined;
    if (exec.captureLocations) (this as { at: string | undefined }).at = callerLocation();
  }

  /** @internal The Selectable, for a combinator (select, join, timeout). */
  selectable(what: string): Selectable<T> {
    if (this.used) throw new ScenarioError(`${what}: this ${this.sel.describe()} was already awaited or given to a combinator (a future is polled by one owner)`, this.at);
    this.used = true;
    return this.sel;
  }

  /**
   * The thread whose code looked `then` up (TokioFuture.prototype's `then` getter, below): the one that
   * awaits it. `await f` and `Promise.all([f, g])` read `then` at once, in the awaiting code, but call
   * it in a later microtask, when another thread may be running.
   */
  private awaiter: Thread | null | undefined;

  /** @internal the `then` getter's note (the latest look-up wins: `await f` looks it up just before). */
  noteAwaiter(): void {
    this.awaiter = this.exec.running;
  }

  then<R1 = T, R2 = never>(ok?: ((value: T) => R1 | PromiseLike<R1>) | null, err?: ((reason: any) => R2 | PromiseLike<R2>) | null): Promise<R1 | R2> {
    // A second await of one future (`const f = h.join(); await f; await f;`) is a scenario error, as
    // the docs say: Rust moves a future into its `.await`, and a JoinHandle polled again panics.
    if (this.op !== null) throw new ScenarioError(`await: this ${this.sel.describe()} was already awaited (a future is polled by one owner: make a new one)`, this.at);
    const w = this.awaiter;
    if (w && w !== this.exec.running && !this.exec.ended) this.concurrentAwait(w);
    const sel = this.selectable('await');
    this.op = sel.arrival !== undefined ? new ArrivingTokioOp<T>(this.exec, sel, this.at) : new TokioOp<T>(this.exec, sel, this.at);
    return this.op.then(ok, err);
  }

  /**
   * `w` awaits this future while it already waits on another operation: `Promise.all([a.join(),
   * b.join()])` (or `race`, or two `.then`s) in one task. A task polls one future at a time here, as
   * simcc's tasks have one pending operation; tokio's way to wait on several is `join`/`select`.
   */
  private concurrentAwait(w: Thread): never {
    const other = w.pending;
    const already = other ? ` while it already waits on ${other.describe()}${other.at ? ` (${other.at})` : ''}` : '';
    this.exec.scenarioError(
      `${this.exec.flavour.thread} '${w.name}' awaits ${this.sel.describe()}${already}: a task awaits one tokio operation at a time (Promise.all or Promise.race of tokio futures would poll several at once); use join(() => a, () => b) for all of them, select([a, b]) for the first`,
      this.at,
    );
    throw new Halt('two operations awaited at once');
  }

  override get [Symbol.toStringTag](): string {
    return 'TokioFuture';
  }
}

// `then` is looked up where the scenario awaits the future (in the awaiting thread's code) and called in
// a microtask: the getter notes the awaiting thread (TokioFuture.awaiter).
{
  const thenImpl = Object.getOwnPropertyDescriptor(TokioFuture.prototype, 'then')!.value as TokioFuture<unknown>['then'];
  Object.defineProperty(TokioFuture.prototype, 'then', {
    get(this: TokioFuture<unknown>) {
      this.noteAwaiter();
      return thenImpl;
    },
    configurable: true,
  });
}

/** A branch of `select`, or an operation given to `join`/`timeout`: a Selectable or a tokio future. */
export type Branch<T> = Selectable<T> | TokioFuture<T>;

export function isSelectable(x: unknown): x is Selectable<unknown> {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as Partial<Selectable<unknown>>;
  return typeof s.begin === 'function' && typeof s.ready === 'function' && typeof s.take === 'function' && typeof s.cancel === 'function' && typeof s.touches === 'function';
}

/** The Selectable behind a branch (a tokio future gives its own, once). */
export function selectableOf<T>(b: unknown, what: string): Selectable<T> {
  if (b instanceof TokioFuture) return (b as TokioFuture<T>).selectable(what);
  if (isSelectable(b)) return b as Selectable<T>;
  if (b instanceof Op) {
    throw new ScenarioError(`${what}: ${b.describe()} is not a tokio operation (a std or Go operation cannot be selected, timed out or joined: it starts at once and cannot be cancelled)`, b.at);
  }
  if (typeof b === 'object' && b !== null && typeof (b as { then?: unknown }).then === 'function') {
    throw new ScenarioError(`${what}: got a Promise (an async closure?): give a function that returns one tokio operation (sleep(ms), h.join(), token.cancelled(), select([...]), join(...), timeout(...)); async blocks are not supported yet`, callerLocation());
  }
  throw new ScenarioError(`${what}: expected a tokio operation or branch, got ${typeof b}`, callerLocation());
}

/** A future for a Selectable, in the running execution. */
export function future<T>(what: string, sel: Selectable<T>): TokioFuture<T> {
  return new TokioFuture(currentExecution(what), sel);
}

function union(parts: readonly Selectable<unknown>[]): readonly Touch[] {
  const out: Touch[] = [];
  for (const p of parts) for (const t of p.touches()) out.push(t);
  return out.length === 0 ? NO_TOUCH : out;
}

/**
 * The branches of a `join` or a biased `select`, begun in order as tokio polls them: branch i + 1's first
 * poll comes after branch i's first poll returned Pending or completed. A branch that is an operation
 * (`() => sem.acquire(2)`) is polled by its `begin` (registration) at once, so several begin in one step;
 * an async block's first poll runs as its sub-task's steps, so the branch after it begins in a later
 * step of the combinator, once the block has waited at a tokio await, yielded or ended
 * (Selectable.firstPollPending; the block's TaskState.blocksId orders that step after it).
 */
class InOrder {
  /** How many branches have begun (a prefix of `seq`). */
  begun = 0;
  /** The order they begin in: by index, or (an unbiased select) a rotation of it. */
  private seq: readonly number[];
  private readonly started: boolean[];
  constructor(private readonly branches: readonly Selectable<unknown>[]) {
    this.seq = branches.map((_, i) => i);
    this.started = branches.map(() => false);
  }
  /** Begin from branch `s` on, round the list (before any has begun). */
  rotate(s: number): void {
    const n = this.branches.length;
    this.seq = this.branches.map((_, i) => (s + i) % n);
  }
  /** Has branch `i` begun? */
  has(i: number): boolean {
    return this.started[i]!;
  }
  /** Can the next branch begin now? */
  canBegin(): boolean {
    const n = this.begun;
    return n < this.branches.length && (n === 0 || this.branches[this.seq[n - 1]!]!.firstPollPending?.() !== true);
  }
  /**
   * The combinator's first poll is still going on in simcc's steps, which tokio runs in one go: the next
   * branch may begin, or a begun branch (an async block) is still in its first poll. True while that can
   * go on now, false while it waits (the block waits at a std lock, the task has no worker), null once the
   * round is over: no timer fires while it holds (Execution.holdTime), as none can inside one poll.
   */
  firstRound(exec: Execution, driver: Thread): boolean | null {
    if (this.canBegin()) return exec.canRun(driver);
    let waiting = false;
    for (let k = 0; k < this.begun; k++) {
      const b = this.branches[this.seq[k]!]!;
      if (b.firstPollPending?.() !== true) continue;
      const t = b.pollingThread?.() ?? null;
      if (t !== null && exec.canRun(t)) return true;
      waiting = true;
    }
    return waiting ? false : null;
  }
  /** The combinator's op, once its first poll holds the time; `over`: it completed or was cancelled. */
  private driver: TokioOp<unknown> | null = null;
  private over = false;
  /**
   * At the combinator's first poll: when some branch is an async block (its first poll is steps of its
   * own), hold the time until the round is over (Execution.holdTime; `done` ends it early).
   */
  holdTime(op: TokioOp<unknown>): void {
    if (!this.branches.some((b) => b.firstPollPending !== undefined)) return;
    this.driver = op;
    op.exec.holdTime(this);
  }
  done(): void {
    this.over = true;
  }
  holdsTime(): boolean | null {
    return this.over || this.driver === null ? null : this.firstRound(this.driver.exec, this.driver.thread);
  }
  /** Begin the branches whose turn it is (stopping early once `stop()` holds); the indices begun. */
  beginNext(op: TokioOp<unknown>, stop?: () => boolean): number[] {
    const out: number[] = [];
    while (this.canBegin() && !(out.length > 0 && stop?.())) {
      const i = this.seq[this.begun++]!;
      this.started[i] = true;
      this.branches[i]!.begin(op);
      out.push(i);
    }
    return out;
  }
}

/** What `select` resolves to: the branch that won and its value. */
export interface SelectOutput<T = unknown> {
  index: number;
  value: T;
}

/** tokio's `select!`: the first ready branch wins (a scheduling choice among the ready ones unless biased); the others are cancelled. */
export class SelectSel implements Selectable<SelectOutput> {
  readonly kind = 'select' as const;
  readonly obj = null;
  private last = '';
  /**
   * The branches begin as tokio polls them at the first poll (InOrder): biased, in order; unbiased, from a
   * random branch round the list (tokio's random start), stopping at the first that is ready (it wins).
   */
  private readonly order: InOrder;
  constructor(
    private readonly branches: readonly Selectable<unknown>[],
    private readonly biased: boolean,
  ) {
    this.order = new InOrder(branches);
  }
  /** A later branch is not polled once an earlier one is ready (it would win). */
  private readonly anyReady = (): boolean => this.branches.some((b, i) => this.order.has(i) && b.ready());
  begin(op: TokioOp<unknown>): void {
    this.order.holdTime(op);
    if (!this.biased) {
      // Where the first poll starts is a scheduling choice, among the branches whose poll does something:
      // those ready now (the first polled wins), and those whose begin acts (registers in a queue, runs an
      // async block's first poll). Starting at a quiet branch that is not ready (a recv of an empty
      // channel) polls the others as starting at the next such branch does: it is not tried apart.
      const starts: number[] = [];
      this.branches.forEach((b, i) => {
        if (b.quietBegin !== true || b.ready()) starts.push(i);
      });
      if (starts.length > 1) this.order.rotate(starts[op.exec.choose('select', starts.length)]!);
    }
    this.order.beginNext(op, this.anyReady);
  }
  ready(): boolean {
    return this.anyReady() || this.order.canBegin();
  }
  readyMask(): number {
    let m = 0;
    this.branches.forEach((b, i) => {
      if (this.order.has(i) && b.ready()) m |= 1 << Math.min(i, 29);
    });
    return m;
  }
  take(op: TokioOp<unknown>): Poll<SelectOutput> {
    if (!this.anyReady()) {
      const polled = this.order.beginNext(op, this.anyReady);
      if (!this.anyReady()) {
        this.last = `select${this.biased ? ' (biased)' : ''}: polls branch ${polled.join(', ')}`;
        return PENDING;
      }
    }
    let ready: number[] = [];
    this.branches.forEach((b, i) => {
      if (this.order.has(i) && b.ready()) ready.push(i);
    });
    // An async block that ran to its end did so in a poll of this select, which returned it then.
    let first = -1;
    let firstEnd = Infinity;
    for (const j of ready) {
      const e = this.branches[j]!.endedAt?.();
      if (e !== undefined && e < firstEnd) {
        first = j;
        firstEnd = e;
      }
    }
    if (first >= 0) ready = [first];
    // tokio polls the branches from a random start (a scheduling choice) unless biased: any ready branch may win.
    const i = this.biased ? ready[0]! : ready[ready.length > 1 ? op.exec.choose('select', ready.length) : 0]!;
    const w = this.branches[i]!;
    const v = w.take(op);
    if (v === PENDING) return PENDING;
    const lost: string[] = [];
    this.branches.forEach((b, j) => {
      if (j === i || !this.order.has(j)) return;
      b.cancel(op);
      lost.push(`${j} (${b.describe()})`);
    });
    this.last = `select: branch ${i} (${w.traced?.() ?? w.describe()}) wins${lost.length ? `; cancels branch ${lost.join(', branch ')}` : ''}`;
    this.order.done();
    return { index: i, value: v };
  }
  cancel(op: TokioOp<unknown>): void {
    this.order.done();
    this.branches.forEach((b, j) => {
      if (this.order.has(j)) b.cancel(op);
    });
  }
  touches(): readonly Touch[] {
    return union(this.branches);
  }
  describe(): string {
    return `select${this.biased ? ' (biased)' : ''} (${this.branches.map((b) => b.describe()).join(', ')})`;
  }
  traced(): string {
    return this.last || this.describe();
  }
  waitsFor(): Thread | null {
    for (const b of this.branches) {
      const w = b.waitsFor?.();
      if (w) return w;
    }
    return null;
  }
  explain(): string[] {
    return this.branches.flatMap((b) => b.explain?.() ?? []);
  }
}

/** tokio's `join!`: every branch runs; complete when all are, with their values in order. */
export class JoinAllSel implements Selectable<unknown[]> {
  readonly kind = 'joinAll' as const;
  readonly obj = null;
  private readonly done: boolean[];
  private readonly values: unknown[];
  private last = '';
  /** The branches begin in order, as tokio polls them (InOrder). */
  private readonly order: InOrder;
  constructor(private readonly branches: readonly Selectable<unknown>[]) {
    this.done = branches.map(() => false);
    this.values = branches.map(() => undefined);
    this.order = new InOrder(branches);
  }
  begin(op: TokioOp<unknown>): void {
    this.order.holdTime(op);
    this.order.beginNext(op);
  }
  ready(): boolean {
    return this.done.every((d) => d) || this.order.canBegin() || this.branches.some((b, i) => this.order.has(i) && !this.done[i] && b.ready());
  }
  readyMask(): number {
    let m = 0;
    this.branches.forEach((b, i) => {
      if (this.order.has(i) && !this.done[i] && b.ready()) m |= 1 << Math.min(i, 29);
    });
    return m;
  }
  take(op: TokioOp<unknown>): Poll<unknown[]> {
    const polled = this.order.beginNext(op);
    const took: number[] = [];
    this.branches.forEach((b, i) => {
      if (!this.order.has(i) || this.done[i] || !b.ready()) return;
      const v = b.take(op);
      if (v === PENDING) return;
      this.done[i] = true;
      this.values[i] = v;
      took.push(i);
    });
    const left = this.done.filter((d) => !d).length;
    this.last = took.length ? `join: branch ${took.join(', ')} done${left ? `; ${left} still waiting` : ''}` : `join: polls branch ${polled.join(', ')}`;
    if (left === 0) this.order.done();
    return left === 0 ? this.values.slice() : PENDING;
  }
  cancel(op: TokioOp<unknown>): void {
    this.order.done();
    this.branches.forEach((b, i) => {
      if (this.order.has(i) && !this.done[i]) b.cancel(op);
    });
  }
  touches(): readonly Touch[] {
    return union(this.branches.filter((_, i) => !this.done[i]));
  }
  describe(): string {
    return `join (${this.branches.map((b, i) => (this.done[i] ? 'done' : b.describe())).join(', ')})`;
  }
  traced(): string {
    return this.last || this.describe();
  }
  waitsFor(): Thread | null {
    for (let i = 0; i < this.branches.length; i++) {
      const w = this.done[i] ? null : this.branches[i]!.waitsFor?.();
      if (w) return w;
    }
    return null;
  }
  explain(): string[] {
    return this.branches.flatMap((b, i) => (this.done[i] ? [] : (b.explain?.() ?? [])));
  }
}
