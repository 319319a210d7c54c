/**
 * The tokio runtime's worker threads (shared/scenario-api.md §2c, `runtime: { flavor, workers }`), and
 * the `blocking-in-async` finding (§3).
 *
 * The model. A task runs on a worker. Code between two awaits takes no time, so a task needs a worker
 * only to take a step, except while it is inside a blocking std call that waits (a `'simcc/rust'` lock
 * that is held, a `recv` with nothing to receive, `thread.sleep`, a Condvar or Barrier wait, a join of a
 * thread still running, `park`; primitives/core/blocking-call.ts): from the call until it returns, the
 * task holds its worker. A task whose step would need a worker while every worker is held cannot run:
 * the pool is the tasks' thread gate (runtime/gate.ts). On `current_thread` (one worker) one blocked
 * task stalls every other task, main's body included, which runs on that worker; on `multi_thread`
 * main's body runs in `block_on` on the main thread, not on a worker, so it is not gated and its std
 * calls hold no worker. `spawnBlocking` threads and std threads are not workers.
 *
 * A task's async blocks (the sub-tasks `join`/`select`/`timeout` run, task.ts) are polled inside the
 * task, on its worker: while one of them holds the worker in a std call, its siblings and its parent
 * cannot run either (`rootOf`).
 *
 * A task parked at a std operation that does not wait (an unlock, an atomic, a drop: each a scheduling
 * point in simcc, none a suspension in Rust) is in the middle of a poll, on its worker: it is admitted
 * whatever the pool's state. (It is not counted as holding a worker, so that the gate changes only when
 * a call waits or returns; the cost is some interleavings a real runtime would not run, never a
 * deadlock it would not have.)
 *
 * Invariants:
 * - `held[i]` is the call holding worker i (null: free); a thread holds at most one worker. A call
 *   entered while every worker is held (by a task that was mid-poll, see above) takes a slot past
 *   `size`, and counts as held.
 * - Every change of `held` calls `exec.gateChanged(this)` in the event that makes it (the calling
 *   task's step's continuation; the step that completes the call), so the explorers order it with the
 *   gated steps (each reads the gate). A call that does not wait holds nothing and changes nothing.
 *
 * `blocking-in-async` is a report, not fatal: the execution goes on, so the deadlock a starved worker
 * causes is found and explained too (the gate's `why`: "worker 1 of 1 is held by task 'a' blocked in
 * std Mutex::lock of 'm' at x.ts:12:5; task 'b', which holds 'm', cannot run"). Reported once per call
 * site and execution, when a task's call waits: always for a sleep, a channel send or recv, a Condvar or
 * Barrier wait, a join, a park; for a Mutex/RwLock only when its holder is a task suspended at a tokio
 * await while holding it (at the call, or later when the holder suspends) — a short std lock is fine.
 */
import { Gate } from '../../runtime/gate.js';
import type { Execution } from '../../runtime/execution.js';
import { isLockAcquire, isYieldOp, type Op } from '../../runtime/op.js';
import type { Thread } from '../../runtime/thread.js';
import { observeBlockingCalls, type BlockingCallObserver } from '../core/blocking-call.js';
import { midPoll, taskOf, TokioOp } from './future.js';

/** The scenario's `runtime` option, normalised. */
export interface RuntimeConfig {
  readonly flavor: 'multi_thread' | 'current_thread';
  readonly workers: number;
}

export const DEFAULT_RUNTIME: RuntimeConfig = Object.freeze({ flavor: 'multi_thread', workers: 2 });

/** A blocking call holding a worker. */
interface Held {
  readonly thread: Thread;
  readonly root: Thread;
  readonly op: Op;
  readonly call: string;
}

/** What tokio suggests instead of each blocking call. */
function instead(call: string): string {
  if (call.includes('sleep')) return "use tokio's sleep (await sleep(ms) from 'simcc/tokio'), or run it in spawnBlocking";
  if (call.includes('Mutex') || call.includes('RwLock')) return "hold a std lock only between two awaits (drop the guard before awaiting), or use tokio's Mutex/RwLock";
  if (call.includes('Receiver') || call.includes('Sender')) return "use a tokio channel (mpsc from 'simcc/tokio'), or run the blocking side in spawnBlocking";
  if (call.includes('Condvar')) return "use tokio's Notify, or run the wait in spawnBlocking";
  if (call.includes('Barrier')) return "use tokio's Barrier";
  return 'run it in spawnBlocking';
}

export class WorkerPool extends Gate implements BlockingCallObserver {
  readonly size: number;
  /**
   * `held[i]`: the call holding worker i (null: free). Entries past `size` are calls made by tasks that
   * were mid-poll at a std operation while every worker was held (the model does not count a task in the
   * middle of a poll as holding its worker; see admits): they count as held too.
   */
  private readonly held: (Held | null)[];
  /** Each gated thread's task: itself, or for an async block the task it runs in. */
  private readonly roots = new Map<Thread, Thread>();
  /** How many calls hold a worker (non-null entries of `held`). */
  private busy = 0;
  /** Call sites already reported (once per site and execution). */
  private readonly reported = new Set<string>();

  constructor(
    exec: Execution,
    readonly config: RuntimeConfig,
  ) {
    super(exec, config.flavor === 'current_thread' ? 'the current_thread runtime' : `the multi_thread runtime (${config.workers} workers)`);
    this.size = config.flavor === 'current_thread' ? 1 : config.workers;
    this.held = new Array<Held | null>(this.size).fill(null);
  }

  /** `t` runs on a worker: as a task of its own (`parent` null) or inside `parent`'s task (an async block). */
  adopt(t: Thread, parent: Thread | null): void {
    const root = parent === null ? t : (this.roots.get(parent) ?? null);
    // An async block of a thread that is not on a worker (main's, on multi_thread) is not on one either.
    if (root === null) return;
    this.roots.set(t, root);
    this.exec.setGate(t, this);
    observeBlockingCalls(t, this);
  }

  /** Whether `t` runs on a worker (a task, main's body on current_thread, or an async block of one). */
  onWorker(t: Thread): boolean {
    return this.roots.has(t);
  }

  private indexOf(t: Thread): number {
    for (let i = 0; i < this.size; i++) if (this.held[i]?.thread === t) return i;
    return -1;
  }

  private free(): number {
    return this.held.indexOf(null);
  }

  // ---- the gate -------------------------------------------------------------------------------

  /**
   * The call in progress holds its worker. A task parked at a std operation that does not wait (an
   * unlock, an atomic, a drop) is in the middle of a poll, on its worker: it goes on. A task at a tokio
   * await (or starting) needs a free worker to be polled, unless its own task's worker is held by one
   * of its async blocks (then it cannot run at all).
   */
  admits(t: Thread): boolean {
    // The common case, every step of every task: no call holds a worker.
    if (this.busy === 0) return true;
    const root = this.roots.get(t);
    let others = 0;
    for (const h of this.held) {
      if (h === null) continue;
      if (h.root === root) return h.thread === t;
      others++;
    }
    return others < this.size || midPoll(t);
  }

  why(t: Thread): string {
    const root = this.roots.get(t);
    const mine = this.held.find((h) => h !== null && h.root === root && h.thread !== t);
    const lines: string[] = [];
    this.held.forEach((h, i) => {
      if (h === null || (mine && h !== mine)) return;
      lines.push(`worker ${Math.min(i, this.size - 1) + 1} of ${this.size} is held by ${this.describeHolder(h)}`);
    });
    return lines.join('; ');
  }

  /** "task 'a' blocked in std Mutex::lock of 'm' at x.ts:12:5; task 'b', which holds 'm', cannot run". */
  private describeHolder(h: Held): string {
    const at = h.op.at ? ` at ${h.op.at}` : '';
    let s = `${this.taskName(h.thread)} blocked in ${h.call}${at}`;
    const w = h.op.enabled() ? null : h.op.waitsFor();
    if (w !== null && w !== h.thread && !w.finished) {
      const holds = h.op.obj ? ` which holds '${h.op.obj.name}',` : '';
      if (this.roots.has(w) && !w.admitted()) s += `; ${this.taskName(w)},${holds} cannot run`;
      else s += `; it waits for ${this.roots.has(w) ? this.taskName(w) : `thread '${w.name}'`}`;
    }
    return s;
  }

  private taskName(t: Thread): string {
    const root = this.roots.get(t);
    return root !== undefined && root !== t ? `task '${root.name}' (in its async block '${t.name}')` : `task '${t.name}'`;
  }

  // ---- blocking calls (BlockingCallObserver) --------------------------------------------------

  entered(op: Op, call: string, waits: boolean): void {
    const t = op.thread;
    const root = this.roots.get(t);
    if (!waits || root === undefined || this.indexOf(t) >= 0) return;
    let i = this.free();
    if (i < 0) i = this.held.push(null) - 1;
    const named = op.obj ? `${call} of '${op.obj.name}'` : call;
    const h: Held = { thread: t, root, op, call: named };
    this.held[i] = h;
    this.busy++;
    this.exec.gateChanged(this);
    if (isLockAcquire(op.kind)) this.checkLockHolder(h);
    else this.reportBlocking(h, `a blocking call in async code: no other task can run on that worker until it returns`);
  }

  returned(op: Op): void {
    const i = this.indexOf(op.thread);
    if (i < 0 || this.held[i]!.op !== op) return;
    this.held[i] = null;
    this.busy--;
    while (this.held.length > this.size && this.held[this.held.length - 1] === null) this.held.pop();
    this.exec.gateChanged(this);
  }

  /**
   * Task `t` suspends at a tokio await (`what`, at `at`): a task blocked in a std lock that `t` holds now
   * waits for a task suspended at an await while holding it.
   */
  suspending(t: Thread): void {
    if (t.holds.length === 0) return;
    for (const h of this.held) if (h !== null && isLockAcquire(h.op.kind) && h.op.waitsFor() === t) this.checkLockHolder(h);
  }

  /** A std lock call that waits: a finding if its holder is a task suspended at a tokio await. */
  private checkLockHolder(h: Held): void {
    const holder = h.op.waitsFor();
    if (holder === null || !this.suspendedAtAwait(holder)) return;
    const p = holder.pending!;
    const where = p.at ? ` at ${p.at}` : '';
    this.reportBlocking(
      h,
      `${this.roots.has(holder) ? this.taskName(holder) : `'${holder.name}'`} holds it while suspended at an await (${p.describe()}${where})`,
      [p.at],
    );
  }

  /** A task (or main) whose pending operation is a tokio await or a yield: it holds no worker, it is suspended. */
  private suspendedAtAwait(t: Thread): boolean {
    const p = t.pending;
    return !t.finished && p !== null && this.indexOf(t) < 0 && (p instanceof TokioOp || (isYieldOp(p) && taskOf(t) !== undefined));
  }

  private reportBlocking(h: Held, why: string, more: (string | undefined)[] = []): void {
    const key = `${h.op.at ?? ''}|${h.call}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    const i = Math.min(this.indexOf(h.thread), this.size - 1);
    this.exec.report('blocking-in-async', `${this.taskName(h.thread)} blocks worker ${i + 1} of ${this.size} in ${h.call}: ${why}`, {
      threads: [h.thread],
      locations: [h.op.at, ...more],
      details: [`${this.name}: while every worker is held, no other task can take a step`, `instead: ${instead(h.call)}`],
    });
  }
}

const pools = new WeakMap<Execution, WorkerPool>();

/** The execution's worker pool, made with `config` on first use (main's wrapper makes it with the scenario's option). */
export function workerPool(exec: Execution, config: RuntimeConfig = DEFAULT_RUNTIME): WorkerPool {
  let p = pools.get(exec);
  if (!p) pools.set(exec, (p = new WorkerPool(exec, config)));
  return p;
}

/** The pool if the execution has one (a Rust or Go scenario has none). */
export function existingPool(exec: Execution): WorkerPool | undefined {
  return pools.get(exec);
}
