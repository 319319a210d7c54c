/**
 * tokio tasks (shared/scenario-api.md §2c): `spawn` → `JoinHandle<T>`, `join()` → `Result<T, JoinError>`,
 * `abort()`, `isFinished()`, `joinBranch()`; `JoinSet<T>`; `spawnBlocking`; and main's wrapper.
 *
 * A task is a runtime thread whose function runs inside `runTask`: at its end (normal, panic, or
 * cancellation) it drops the values it still owns, newest first, then records its outcome and writes
 * its object (joiners and `isFinished` read it). A task's value is moved out to its joiner.
 *
 * Panics: a task that ends in a panic is not a finding by itself (its join gives `Err(JoinError)` with
 * `isPanic()`); it becomes one when nobody can observe it: when its JoinHandle is dropped (by `drop(h)`,
 * or at the end of its owner, main included: main's values are dropped when it returns) before a join
 * observed the panic, or when the task panics after its handle was dropped. `join(…).unwrap()` re-raises
 * the task's panic with its own kind and location (a JoinError of a panic is a PanicInfo).
 *
 * `abort()` and `isFinished()` are synchronous, as tokio's: they change or read the task's object in the
 * calling task's code (Execution.noteTouch), so that the explorers order them with the task's awaits and
 * end. An aborted task is cancelled at its next tokio await (future.ts), or before it starts if it has not.
 */
import { yieldNow as goYieldNow } from '../../api/goroutines.js';
import { currentExecution } from '../../runtime/current.js';
import { ScenarioError } from '../../runtime/errors.js';
import type { Execution } from '../../runtime/execution.js';
import { NO_TOUCH, type SimObjectRef, type Touch } from '../../runtime/op.js';
import { acquire, releaseSnapshot } from '../../runtime/sync.js';
import type { Thread } from '../../runtime/thread.js';
import { checkName } from '../core/object.js';
import { assertUsable, DROP, dropOwned, isOwned, moveTo, own, transferOwnership, type DropContext, type Droppable } from '../rust/ownership.js';
import { isInternal, makePanic, PanicInfo, panicFromInfo, panicInfoOf } from '../rust/panic.js';
import { DEBUG, Err, Ok, type Result } from '../rust/result.js';
import { runThread } from '../rust/thread.js';
import { DEFAULT_RUNTIME, existingPool, workerPool, type RuntimeConfig } from './workers.js';
import { blockPollChanged, firstPollOver, future, joinTaskPolls, newTaskState, pollSegmentEnd, pollSegmentStart, PENDING, selectableOf, TaskCancelled, taskOf, TokioFuture, type Poll, type Selectable, type SetCore, type TaskState, type TokioOp } from './future.js';

/** tokio's `JoinError`: the task was cancelled (`isCancelled()`) or panicked (`isPanic()`). */
export interface JoinError {
  /** The task's id. */
  readonly id: number;
  isCancelled(): boolean;
  isPanic(): boolean;
  /** The panic (only for `isPanic()`; otherwise it panics, as tokio's `into_panic`). */
  intoPanic(): PanicInfo;
  toString(): string;
}

class CancelledError implements JoinError {
  constructor(readonly id: number) {}
  isCancelled(): boolean {
    return true;
  }
  isPanic(): boolean {
    return false;
  }
  intoPanic(): PanicInfo {
    throw makePanic('panic', `\`JoinError::into_panic()\` called on a JoinError that is not a panic: task ${this.id} was cancelled`);
  }
  /** tokio's Display. */
  toString(): string {
    return `task ${this.id} was cancelled`;
  }
  [DEBUG](): string {
    return `JoinError::Cancelled(Id(${this.id}))`;
  }
}

/** A task's panic as its join sees it: a PanicInfo, so that unwrapping it re-raises the panic as it was. */
class PanicError extends PanicInfo implements JoinError {
  constructor(
    readonly id: number,
    info: PanicInfo,
  ) {
    super(info.kind, info.message, info.thread, info.location);
  }
  override get report(): string {
    return `task '${this.thread}' panicked: ${this.message}`;
  }
  isCancelled(): boolean {
    return false;
  }
  isPanic(): boolean {
    return true;
  }
  intoPanic(): PanicInfo {
    return this;
  }
  override toString(): string {
    return `task ${this.id} panicked with message ${JSON.stringify(this.message)}`;
  }
  [DEBUG](): string {
    return `JoinError::Panic(Id(${this.id}), ${JSON.stringify(this.message)}, ...)`;
  }
}

/** The finding of a panic nobody observed (ends the execution). */
function reportUnobserved(exec: Execution, st: TaskState, why: string): void {
  const o = st.outcome;
  if (!o || o.kind !== 'panic' || st.observed) return;
  st.observed = true;
  const info = o.info;
  exec.fatal(info.kind, `task '${st.thread.name}' panicked: ${info.message}`, {
    threads: [st.thread],
    locations: [info.location],
    details: [`nobody observed the panic: ${why}`],
  });
}

let endCounter = 0;

function finishTask(exec: Execution, t: Thread, st: TaskState, outcome: TaskState['outcome']): void {
  pollSegmentEnd(t, st);
  // An ended block leaves its task's list (a join in a loop must not make every later await walk all of them).
  if (st.asyncBlock && st.polls !== undefined) {
    const bs = st.polls.blocks;
    bs.splice(bs.indexOf(st), 1);
  }
  st.done = true;
  st.outcome = outcome;
  st.endClock = releaseSnapshot(t);
  st.endSeq = ++endCounter;
  exec.noteTouch(st.obj.id, false);
  exec.touched(st.obj.id);
  blockPollChanged(exec, st);
  if (st.set) {
    exec.noteTouch(st.set.obj.id, false);
    exec.touched(st.set.obj.id);
  }
  if (st.detached) reportUnobserved(exec, st, `its JoinHandle was dropped before it ended`);
}

/** The body of a task: `fn`, then drops; a panic or a cancellation unwinds first. */
async function runTask(exec: Execution, t: Thread, st: TaskState, fn: () => unknown): Promise<void> {
  // Aborted before it first ran: tokio never polls it.
  exec.noteTouch(st.obj.id, true);
  // An async block starts its first poll: its combinator waits for it to reach an await (future.ts).
  blockPollChanged(exec, st);
  pollSegmentStart(t, st);
  if (st.aborted && !st.blocking) {
    st.unwinding = true;
    await dropOwned(t, 0);
    return finishTask(exec, t, st, { kind: 'cancelled' });
  }
  let value: unknown;
  try {
    value = await fn();
  } catch (e) {
    if (e instanceof TaskCancelled) {
      st.unwinding = true;
      await dropOwned(t, 0);
      return finishTask(exec, t, st, { kind: 'cancelled' });
    }
    if (isInternal(e)) throw e;
    const info = panicInfoOf(e, t);
    st.unwinding = true;
    await dropOwned(t, 0, info);
    return finishTask(exec, t, st, { kind: 'panic', info });
  }
  // The value goes to the joiner: it is in transit, not dropped with the task's values.
  if (typeof value === 'object' && value !== null && isOwned(value)) transferOwnership(value, null, `the result of task '${t.name}'`);
  st.unwinding = true;
  await dropOwned(t, 0);
  finishTask(exec, t, st, { kind: 'ok', value });
}

/** Options of `spawn`: a name, and the values the task takes by `move`. */
export interface SpawnOptions {
  name?: string;
  move?: readonly object[];
}

function spawnTask(exec: Execution, what: string, fn: () => unknown, opts: string | SpawnOptions | undefined, blocking: boolean): TaskState {
  if (typeof fn !== 'function') throw new ScenarioError(`${what} needs a function`);
  const parent = exec.running;
  if (!parent) throw new ScenarioError(`${what} was called outside any task`);
  const o: SpawnOptions = typeof opts === 'object' && opts !== null ? opts : { name: opts as string | undefined };
  checkName(what, o.name);
  const moved = o.move ?? [];
  if (!Array.isArray(moved)) throw new ScenarioError(`${what}: move must be a list of values`);
  for (const v of moved) assertUsable(v, `${what} move`);
  let st: TaskState | null = null;
  const t = exec.spawn(() => runTask(exec, t, st!, fn), o.name, parent);
  st = newTaskState(exec, t, blocking);
  // A task runs on a worker; spawnBlocking's thread is not one.
  if (!blocking) workerPool(exec).adopt(t, null);
  for (const v of moved) moveTo(v, t);
  return st;
}

/** Abort a task (tokio's `abort`): its next tokio await fails with the cancellation. */
function abortTask(exec: Execution, st: TaskState): void {
  if (st.blocking) return;
  // An abort that finds the task ended (or aborted already) does nothing, but only because of what it
  // read: it is ordered with the task's end, or the explorers never try it before that end.
  if (st.done || st.aborted) {
    exec.noteTouch(st.obj.id, true);
    return;
  }
  st.aborted = true;
  const me = exec.running;
  if (me) st.abortClock = releaseSnapshot(me);
  exec.noteTouch(st.obj.id, false);
  exec.touched(st.obj.id);
  // Its own pending await is not filed under its object (TokioOp.watched): it is retested here.
  exec.retest(st.thread);
}

/** The result a join gives for an ended task (marks it observed; moves its value to the joiner). */
function joinResult(st: TaskState, joiner: Thread): Result<unknown, JoinError> {
  const o = st.outcome!;
  st.observed = true;
  if (st.endClock) acquire(joiner, st.endClock);
  if (o.kind === 'ok') {
    const v = o.value;
    if (typeof v === 'object' && v !== null && isOwned(v)) transferOwnership(v, joiner, `join of task '${st.thread.name}'`);
    return Ok(v);
  }
  if (o.kind === 'cancelled') return Err(new CancelledError(st.id));
  return Err(new PanicError(st.id, o.info));
}

function taskState(st: TaskState): string {
  if (st.done) return `ended (${st.outcome!.kind})`;
  const t = st.thread;
  const p = t.pending;
  if (p && !p.enabled()) return `blocked in ${p.describe()}`;
  // Its step could run but its worker pool holds it back (workers.ts): say why.
  return p && !t.admitted() ? `waiting for a worker in ${p.describe()}: ${t.gate!.why(t)}` : 'still running';
}

/** Waiting for a task's end (`h.join()`, `h.joinBranch()`). */
class JoinSel<T> implements Selectable<Result<T, JoinError>> {
  readonly kind = 'join' as const;
  /** `begin` registers nothing: a join not yet ready waits without a step (the task's end enables it). */
  readonly quietBegin = true;
  readonly obj: SimObjectRef;
  private readonly reads: readonly Touch[];
  constructor(
    private readonly st: TaskState,
    private readonly handle: JoinHandle<T>,
  ) {
    this.obj = st.obj;
    this.reads = [{ id: st.obj.id, read: true }];
  }
  begin(): void {}
  ready(): boolean {
    return this.st.done;
  }
  take(op: TokioOp<unknown>): Poll<Result<T, JoinError>> {
    // tokio moves the output out at the first join that completes; polling the handle again panics.
    if (this.handle.completed) throw makePanic('panic', `JoinHandle polled after completion (task '${this.st.thread.name}' was already joined)`);
    this.handle.completed = true;
    return joinResult(this.st, op.thread) as Result<T, JoinError>;
  }
  cancel(): void {}
  touches(): readonly Touch[] {
    return this.reads;
  }
  describe(): string {
    return `join of task '${this.st.thread.name}'`;
  }
  traced(): string {
    return this.st.done ? `join of task '${this.st.thread.name}' → ${this.st.outcome!.kind}` : this.describe();
  }
  waitsFor(): Thread | null {
    return this.st.done ? null : this.st.thread;
  }
  explain(): string[] {
    return [`task '${this.st.thread.name}' is ${taskState(this.st)}`];
  }
}

/** tokio's `JoinHandle<T>`: owned by the task that spawned it; dropping it detaches the task. */
export class JoinHandle<T> implements Droppable {
  readonly id: number;
  readonly name: string;
  /** @internal */
  constructor(
    private readonly exec: Execution,
    /** @internal */ readonly st: TaskState,
  ) {
    this.id = st.id;
    this.name = st.thread.name;
    own(this, `JoinHandle of task '${st.thread.name}'`);
  }

  /** Wait for the task's end: `Ok(value)`, or `Err(JoinError)` (cancelled, or panicked: observed, not a finding). */
  join(): TokioFuture<Result<T, JoinError>> {
    const exec = currentExecution('join()');
    assertUsable(this, 'join');
    return new TokioFuture(exec, new JoinSel<T>(this.st, this));
  }

  /** The join as a `select` branch. */
  joinBranch(): Selectable<Result<T, JoinError>> {
    assertUsable(this, 'joinBranch');
    return new JoinSel<T>(this.st, this);
  }

  /** @internal a join of it completed (its output was moved out): tokio panics if it is polled again. */
  completed = false;

  /** Cancel the task at its next tokio await (at once if it waits at one). Synchronous, as tokio's. */
  abort(): void {
    assertUsable(this, 'abort');
    abortTask(currentExecution('abort()'), this.st);
  }

  /** Whether the task has ended (synchronous; a read of the task the explorers see). */
  isFinished(): boolean {
    const exec = currentExecution('isFinished()');
    exec.noteTouch(this.st.obj.id, true);
    return this.st.done;
  }

  /** A handle that can only abort (tokio's `abort_handle()`). */
  abortHandle(): AbortHandle {
    return new AbortHandle(this.st);
  }

  /** Dropping the handle detaches the task; a panic it ended in and nobody observed is a finding now. */
  [DROP](ctx: DropContext): void {
    const st = this.st;
    if (!st.done) {
      st.detached = true;
      return;
    }
    const why = ctx.how === 'owner-end' ? `its JoinHandle was dropped when '${ctx.thread?.name ?? 'its owner'}' ended, without a join` : 'its JoinHandle was dropped without a join';
    reportUnobserved(this.exec, st, why);
  }
}

/** tokio's `AbortHandle`: abort and isFinished, without joining. */
export class AbortHandle {
  readonly id: number;
  /** @internal */
  constructor(private readonly st: TaskState) {
    this.id = st.id;
  }
  abort(): void {
    abortTask(currentExecution('abort()'), this.st);
  }
  isFinished(): boolean {
    currentExecution('isFinished()').noteTouch(this.st.obj.id, true);
    return this.st.done;
  }
}

/** tokio's `spawn`: the task starts at once; `opts` is a name or `{ name?, move? }`. */
export function spawn<T>(fn: () => T | PromiseLike<T>, opts?: string | SpawnOptions): JoinHandle<Awaited<T>> {
  const exec = currentExecution('spawn()');
  return new JoinHandle<Awaited<T>>(exec, spawnTask(exec, 'spawn()', fn, opts, false));
}

/** tokio's `spawn_blocking`: runs on a blocking thread (never a worker); abort has no effect on it. */
export function spawnBlocking<T>(fn: () => T | PromiseLike<T>, opts?: string | SpawnOptions): JoinHandle<Awaited<T>> {
  const exec = currentExecution('spawnBlocking()');
  const o = typeof opts === 'object' && opts !== null ? opts : { name: opts ?? 'blocking' };
  return new JoinHandle<Awaited<T>>(exec, spawnTask(exec, 'spawnBlocking()', fn, { ...o, name: o.name ?? 'blocking' }, true));
}

/** A JoinSet's members (their ends write `obj`: joinNext reads the order they ended in). */
class SetState implements SetCore {
  readonly obj: SimObjectRef;
  readonly tasks: TaskState[] = [];
  constructor(exec: Execution, name: string) {
    this.obj = { id: exec.newObjectId(), name, typeName: 'tokio::task::JoinSet' };
  }
}

class JoinNextSel<T> implements Selectable<Result<T, JoinError> | undefined> {
  readonly kind = 'joinNext' as const;
  /** `begin` registers nothing: with no task ended yet it waits without a step (an end enables it). */
  readonly quietBegin = true;
  readonly obj: SimObjectRef;
  private readonly writes: readonly Touch[];
  private got = '';
  constructor(private readonly s: SetState) {
    this.obj = s.obj;
    this.writes = [{ id: s.obj.id, read: false }];
  }
  begin(): void {}
  ready(): boolean {
    return this.s.tasks.length === 0 || this.s.tasks.some((t) => t.done);
  }
  take(op: TokioOp<unknown>): Poll<Result<T, JoinError> | undefined> {
    const ts = this.s.tasks;
    if (ts.length === 0) {
      this.got = 'joinNext → None (the set is empty)';
      return undefined;
    }
    let best: TaskState | null = null;
    for (const t of ts) if (t.done && (best === null || t.endSeq < best.endSeq)) best = t;
    if (best === null) return PENDING;
    ts.splice(ts.indexOf(best), 1);
    this.got = `joinNext → task '${best.thread.name}' (${best.outcome!.kind})`;
    return joinResult(best, op.thread) as Result<T, JoinError>;
  }
  cancel(): void {}
  touches(): readonly Touch[] {
    return this.writes;
  }
  describe(): string {
    return `joinNext of ${this.s.obj.name}`;
  }
  traced(): string {
    return this.got || this.describe();
  }
  waitsFor(): Thread | null {
    return this.s.tasks.find((t) => !t.done)?.thread ?? null;
  }
  explain(): string[] {
    return this.s.tasks.map((t) => `task '${t.thread.name}' is ${taskState(t)}`);
  }
}

/** tokio's `JoinSet<T>`: tasks joined in the order they end; dropping the set aborts them all. */
export class JoinSet<T> implements Droppable {
  private readonly exec: Execution;
  private readonly s: SetState;
  constructor(opts?: { name?: string }) {
    this.exec = currentExecution('new JoinSet()');
    checkName('new JoinSet()', opts?.name);
    this.s = new SetState(this.exec, `JoinSet '${opts?.name ?? 'set'}'`);
    own(this, this.s.obj.name);
  }

  /** Spawn a task into the set (it starts at once). */
  spawn(fn: () => T | PromiseLike<T>, opts?: string | SpawnOptions): AbortHandle {
    assertUsable(this, 'spawn');
    const st = spawnTask(this.exec, 'JoinSet.spawn()', fn, opts, false);
    // The set owns the task: dropping it (or the set) must not detach-report like a handle.
    st.set = this.s;
    this.s.tasks.push(st);
    this.exec.noteTouch(this.s.obj.id, false);
    return new AbortHandle(st);
  }

  /** The next task to end: `Result<T, JoinError>`, or `undefined` when the set is empty. */
  joinNext(): TokioFuture<Result<T, JoinError> | undefined> {
    assertUsable(this, 'joinNext');
    return new TokioFuture(currentExecution('joinNext()'), new JoinNextSel<T>(this.s));
  }

  /** How many tasks are in the set (ended but not yet joined ones included). */
  len(): number {
    this.exec.noteTouch(this.s.obj.id, true);
    return this.s.tasks.length;
  }

  isEmpty(): boolean {
    return this.len() === 0;
  }

  /** Abort every task in the set (they stay in it until joined). */
  abortAll(): void {
    for (const st of this.s.tasks) abortTask(this.exec, st);
  }

  /** Abort every task and wait for all of them to end (their results are discarded). */
  async shutdown(): Promise<void> {
    this.abortAll();
    while ((await this.joinNext()) !== undefined) {
      // discard
    }
  }

  /** Dropping the set aborts its tasks; a panic one of them ended in and nobody joined is a finding. */
  [DROP](_ctx: DropContext): void {
    for (const st of this.s.tasks) {
      abortTask(this.exec, st);
      st.detached = true;
      if (st.done) reportUnobserved(this.exec, st, `its JoinSet was dropped before a joinNext returned it`);
    }
  }
}

/**
 * An async closure given to `join`, `timeout` or `select` (`join(async () => { … }, …)`): tokio polls
 * such a future inside the task; simcc runs it as a sub-task of its own (a runtime thread named after
 * the task, e.g. "main/join#1"), started at the combinator's first poll, so its awaits interleave with
 * the other branches' exactly at tokio's scheduling points. Its end is the branch's completion (its
 * value moves to the task; its panic is re-raised in the task, as a panic inside a `join!` is); when the
 * branch is cancelled (a lost select, an elapsed timeout, the task aborted) the sub-task is aborted: it
 * stops at its next tokio await and drops its values, and the combinator completes only once it has
 * ended (Rust drops a cancelled future before select/timeout returns; here the drops are its own steps).
 */
class SubFutureSel<T> implements Selectable<T> {
  readonly kind = 'await' as const;
  readonly obj = null;
  private st: TaskState | null = null;
  private reads: readonly Touch[] = [];
  constructor(
    private readonly f: () => PromiseLike<T>,
    private readonly label: string,
  ) {}
  begin(op: TokioOp<unknown>): void {
    const exec = op.exec;
    const parent = op.thread;
    let st: TaskState | null = null;
    const t = exec.spawn(() => runTask(exec, t, st!, this.f), `${parent.name}/${this.label}`, parent, undefined, op.at);
    st = newTaskState(exec, t, false);
    st.observed = true;
    st.asyncBlock = true;
    joinTaskPolls(exec, st, taskOf(parent));
    // Begun, not yet started: it is in the middle of its first poll (siblings' awaits read that).
    blockPollChanged(exec, st);
    op.addBlock(st);
    // Polled inside its task: on the task's worker (if the task is on one).
    existingPool(exec)?.adopt(t, parent);
    this.st = st;
    this.reads = [{ id: st.obj.id, read: true }];
  }
  ready(): boolean {
    return this.st !== null && this.st.done;
  }
  firstPollPending(): boolean {
    return this.st !== null && !this.st.done && this.st.polled !== true;
  }
  pollingThread(): Thread | null {
    return this.st?.thread ?? null;
  }
  endedAt(): number | undefined {
    const st = this.st;
    return st !== null && st.done && st.outcome!.kind !== 'cancelled' ? st.endSeq : undefined;
  }
  take(op: TokioOp<unknown>): Poll<T> {
    const st = this.st!;
    const o = st.outcome!;
    if (st.endClock) acquire(op.thread, st.endClock);
    if (o.kind === 'panic') throw panicFromInfo(o.info);
    if (o.kind === 'cancelled') throw new TaskCancelled(op.thread.name);
    const v = o.value;
    if (typeof v === 'object' && v !== null && isOwned(v)) transferOwnership(v, op.thread, `${this.label} of '${op.thread.name}'`);
    return v as T;
  }
  cancel(op: TokioOp<unknown>): void {
    if (this.st && !this.st.done) {
      abortTask(op.exec, this.st);
      op.drainUntilEnded(this.st);
    }
  }
  touches(): readonly Touch[] {
    return this.reads;
  }
  describe(): string {
    return this.st ? `async block '${this.st.thread.name}'` : `async block (${this.label})`;
  }
  traced(): string {
    return this.st?.done ? `${this.describe()} → ${this.st.outcome!.kind}` : this.describe();
  }
  waitsFor(): Thread | null {
    return this.st && !this.st.done ? this.st.thread : null;
  }
  explain(): string[] {
    return this.st ? [`task '${this.st.thread.name}' is ${taskState(this.st)}`] : [];
  }
}

function isAsyncFunction(f: unknown): boolean {
  return typeof f === 'function' && (f as { constructor?: { name?: string } }).constructor?.name === 'AsyncFunction';
}

/**
 * The Selectable of an operation given to `join`/`timeout`: `f` returns one tokio operation (called
 * now: it is lazy), or `f` is an async closure (run as a sub-task from the combinator's first poll).
 */
export function operationOf<T>(f: () => PromiseLike<T>, what: string, label: string): Selectable<T> {
  if (typeof f !== 'function') throw new ScenarioError(`${what} must be a function that starts the operation, e.g. () => h.join()`);
  if (isAsyncFunction(f)) return new SubFutureSel<T>(f, label);
  return selectableOf<T>(f(), what);
}

/**
 * Main's task state and Rust main wrapper (drops at its end): `#[tokio::main]`'s body, with the runtime
 * the scenario asked for (workers.ts). On current_thread main's body runs on the one worker.
 */
export function tokioMain(body: () => unknown, config: RuntimeConfig = DEFAULT_RUNTIME): () => Promise<unknown> {
  return () => {
    const exec = currentExecution('scenario');
    const t = exec.running;
    if (!t) return Promise.resolve(body());
    if (!taskOf(t)) newTaskState(exec, t, false);
    const pool = workerPool(exec, config);
    if (config.flavor === 'current_thread') pool.adopt(t, null);
    return runThread(exec, t, body, true);
  };
}

/**
 * An async block's resumption after `yield_now`: ready at once, but awaited as a tokio operation, so that
 * like every resumption of a block it waits while another block of its task is in the middle of a poll
 * (TokioOp.siblingMidPoll). `join!` polls its branches in turn on one thread: a block that yielded
 * resumes only at the join's next poll, after the branches behind it reached an await or ended.
 */
class ResumeSel implements Selectable<void> {
  readonly kind = 'resume' as const;
  readonly obj = null;
  readonly quietBegin = true;
  begin(): void {}
  ready(): boolean {
    return true;
  }
  take(): void {}
  cancel(): void {}
  touches(): readonly Touch[] {
    return NO_TOUCH;
  }
  describe(): string {
    return 'yield_now: resumes (the other blocks of its task are between polls)';
  }
}

/**
 * tokio's `task::yield_now()`: a fair yield (runtime/yield.ts, as the Go and Rust flavours'), and a
 * cancellation point: an aborted task stops there (it reads the task's abort flag after the yield). In
 * an async block with siblings, the block then resumes as its task's next poll (ResumeSel).
 */
export async function yieldNow(): Promise<void> {
  const exec = currentExecution('yieldNow()');
  const y = goYieldNow();
  if (exec.running) existingPool(exec)?.suspending(exec.running);
  // yield_now returns Pending once: an async block's first poll is over (its combinator polls the next branch).
  const me = exec.running ? taskOf(exec.running) : undefined;
  if (me?.asyncBlock) {
    firstPollOver(exec, me);
    pollSegmentEnd(exec.running!, me);
  }
  await y;
  const t = exec.running;
  const st = t ? taskOf(t) : undefined;
  if (!st) return;
  // Its resumption (pollSegmentStart, the abort check) is the tokio await's: TokioOp.release.
  if (st.asyncBlock && st.polls !== undefined) return future('yieldNow()', new ResumeSel());
  pollSegmentStart(t!, st);
  exec.noteTouch(st.obj.id, true);
  if (st.aborted && !st.unwinding) {
    if (st.abortClock) acquire(t!, st.abortClock);
    throw new TaskCancelled(t!.name);
  }
}
