/**
 * What the systematic explorers (split.ts, dfs.ts, dpor.ts) share: the Strategy plumbing that turns
 * "run this goroutine's step, with these answers" (stable names, keys.ts) into picks, and the record
 * of each execution (trace.ts).
 *
 * A decision is prepared once per step, from `pickThread` when the step has options or from `onStep`
 * when it has one; `onStep` then checks that the step taken is the one decided (when the only option
 * is not the planned step, the plan cannot be followed and the execution is abandoned) and opens its
 * event. `pickChoice` answers from the planned step's answers, then 0 (the first option).
 *
 * Invariant: the explorer never looks at anything but the execution's state and its own plan, so
 * replaying a printed schedule reproduces any execution it ran.
 */
import { indexOfId, type ReadyThreads } from '../runtime/ready-list.js';
import { peekCurrentExecution } from '../runtime/current.js';
import type { Execution, ExecutionResult } from '../runtime/execution.js';
import { isYieldOp } from '../runtime/op.js';
import type { KeyTable } from './keys.js';
import { Abandon, type Strategy } from '../runtime/strategy.js';
import { TraceRecorder } from './trace.js';

/** A step to take: a goroutine (or the timer) by stable name, and the answers to its choices (a prefix). */
export interface PlannedStep {
  readonly t: number;
  readonly ch: readonly number[];
}

export abstract class Explorer implements Strategy {
  abstract readonly name: string;
  readonly rec: TraceRecorder;
  protected exec: Execution | null = null;
  /** The step the current decision is for (-1: none yet). */
  private prepared = -1;
  private pick = -1;
  private answers: readonly number[] = [];
  private answered = 0;
  /** Where the last execution was abandoned: the step whose plan failed (-1: it was not). */
  protected abandonedAt = -1;
  /** The latest goroutine step was a yield (yieldNow): a default choice lets the others go first. */
  protected yielded = false;
  /** Timers this execution started late (Strategy.lateTimer) whose steps are not judged yet: the event, the deadline. */
  private late: { at: number; deadline: number; what: string }[] = [];
  /**
   * Why this execution is redundant, or null: a step started a timer late and could have run, with all it
   * happens after, before the firing that overtook it (full records only: TraceRecorder.lateIsRedundant).
   * DPOR drops it (dpor.ts).
   */
  protected redundantWhy: string | null = null;

  constructor(
    readonly keys: KeyTable,
    full: boolean,
    synctest: boolean,
  ) {
    this.rec = new TraceRecorder(keys, full, synctest);
  }

  /** Prepare execution `index` (0: the first); false when there is nothing left to run. */
  protected abstract next(index: number): boolean;
  /** What step `k` runs; throw Abandon when nothing planned can run. `last`: the goroutine of the latest step. */
  protected abstract decide(k: number, enabled: ReadyThreads, timerReady: boolean, last: number): PlannedStep;
  /** The execution ended; `rec` holds its whole record. */
  protected abstract ended(result: ExecutionResult): void;

  beginExecution(index: number): { seed?: number } | null {
    if (!this.next(index)) return null;
    this.rec.reset();
    this.prepared = -1;
    this.exec = null;
    this.abandonedAt = -1;
    this.yielded = false;
    this.late = [];
    this.redundantWhy = null;
    return {};
  }

  pickThread(enabled: ReadyThreads, _step: number, timerReady: boolean, last: number): number {
    const exec = enabled.at(0)?.pending?.exec ?? this.exec ?? peekCurrentExecution();
    if (!exec) throw new Error('simcc internal error: an explorer was asked outside an execution');
    return this.prepare(exec, enabled, timerReady, last);
  }

  onStep(exec: Execution, enabled: ReadyThreads, timerReady: boolean, pick: number): void {
    const want = this.prepare(exec, enabled, timerReady, exec.lastThread);
    if (want !== pick) this.abandon(`the planned step cannot run at step ${this.rec.events.length}`);
    if (pick < enabled.length) this.yielded = isYieldOp(enabled.at(pick)!.pending);
    this.rec.open(pick === enabled.length ? 0 : enabled.at(pick)!.id + 1);
  }

  pickChoice(kind: string, n: number): number {
    const c = this.answered < this.answers.length ? this.answers[this.answered]! : 0;
    this.answered++;
    if (c >= n) this.abandon(`the planned answer ${c} to a ${kind} with ${n} options cannot be given`, this.rec.events.length - 1);
    this.rec.choice(c, n);
    return c;
  }

  endExecution(result: ExecutionResult): void {
    if (this.exec) this.rec.finish(this.exec);
    this.judgeLate(this.rec.events.length);
    this.ended(result);
  }

  lateTimer(deadline: number, what: string): void {
    if (!this.rec.full || this.redundantWhy !== null) return;
    this.rec.startedLate();
    this.late.push({ at: this.rec.events.length - 1, deadline, what });
  }

  /**
   * Judge the late timers of the events before `closed` (closed ones, with their clocks): one whose step
   * could have run, with the same past, just before the first firing of its deadline or later makes the
   * execution redundant (Execution.timerStartedLate, TraceRecorder.lateIsRedundant).
   */
  private judgeLate(closed: number): void {
    while (this.late.length > 0 && this.late[0]!.at < closed) {
      const l = this.late.shift()!;
      if (this.redundantWhy === null && l.at >= 0 && this.rec.lateIsRedundant(l.at, l.deadline)) this.redundantWhy = l.what;
    }
  }

  /** Give up on this execution at step `at` (default: the step being decided). */
  protected abandon(why: string, at = this.rec.events.length): never {
    this.abandonedAt = at;
    throw new Abandon(why);
  }

  private prepare(exec: Execution, enabled: ReadyThreads, timerReady: boolean, last: number): number {
    const k = this.rec.events.length;
    if (this.prepared === k) return this.pick;
    this.exec = exec;
    if (k > 0 && this.answered < this.answers.length) this.abandon(`step ${k - 1} made fewer choices than planned`, k - 1);
    this.rec.observe(exec, enabled, timerReady);
    if (this.late.length > 0) this.judgeLate(k);
    this.prepared = k;
    const step = this.decide(k, enabled, timerReady, last);
    let pick: number;
    if (step.t === this.rec.timerThreadKey) {
      if (!timerReady) this.abandon(`the plan fires a timer at step ${k}, but none can fire`);
      pick = enabled.length;
    } else {
      const r = this.rec.runtimeOf(step.t);
      pick = r === undefined ? -1 : indexOfId(enabled, r);
      if (pick < 0) this.abandon(`the planned goroutine ${this.keys.name(step.t)} cannot run at step ${k}`);
    }
    this.pick = pick;
    this.answers = step.ch;
    this.answered = 0;
    return pick;
  }

  /**
   * The options (indexes into enabled, the timer as enabled.length) in the order a default choice tries
   * them: the goroutine that ran last first (the fewest preemptions), unless it yielded — then the next
   * ones round-robin from it, and it last (yieldNow asks to let others run). The timer comes last.
   */
  protected defaultOrder(enabled: ReadyThreads, timerReady: boolean, last: number): number[] {
    const order: number[] = [];
    const li = indexOfId(enabled, last);
    if (li >= 0 && this.yielded) {
      for (let i = li + 1; i < enabled.length; i++) order.push(i);
      for (let i = 0; i <= li; i++) order.push(i);
    } else {
      if (li >= 0) order.push(li);
      for (let i = 0; i < enabled.length; i++) if (i !== li) order.push(i);
    }
    if (timerReady) order.push(enabled.length);
    return order;
  }

  /** The stable name of option `i` (an index into enabled, or enabled.length for the timer). */
  protected keyOfOption(enabled: ReadyThreads, i: number): number {
    return i === enabled.length ? this.rec.timerThreadKey : this.rec.keyOfRuntime(enabled.at(i)!.id);
  }
}
