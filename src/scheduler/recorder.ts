/**
 * A strategy wrapper that writes down every decision the execution asked of the strategy it wraps, with
 * what was offered: for counting preemptions (shrinking) and for comparing two runs of one schedule
 * (the determinism check). It answers exactly as the wrapped strategy does, and passes the optional
 * hooks (onStep, endExecution, lateTimer) on to it.
 *
 * Invariant: `decisions[i]` is the i-th answer of the execution, so it lines up with the i-th entry of
 * the recorded schedule (runtime/schedule.ts).
 */
import { indexOfId, type ReadyThreads } from '../runtime/ready-list.js';
import type { Execution, ExecutionResult } from '../runtime/execution.js';
import { FIRE_TIMER } from '../runtime/schedule.js';
import type { Thread } from '../runtime/thread.js';
import type { Strategy } from '../runtime/strategy.js';

export interface ThreadDecision {
  readonly type: 'thread';
  /** The execution's step count when it was asked (the step about to be taken is step + 1). */
  readonly step: number;
  /**
   * The goroutines that could run, in id order (plus FIRE_TIMER last when a timer could fire): all of them
   * when at most LISTED_OPTIONS could, else the first LISTED_OPTIONS (and the timer). A decision costs
   * O(1) however many goroutines are ready (10,000 ready goroutines recorded whole at each of 100,000
   * steps ran out of memory); `offered` says how many there were.
   */
  readonly options: readonly number[];
  /** How many options there were (goroutines, and the timer), listed or not. */
  readonly offered: number;
  /** Whether the goroutine that took the latest step could have taken this one too (listed or not). */
  readonly lastCouldRun: boolean;
  /** The goroutine that took the latest step (-1 before any). */
  readonly last: number;
  /** The goroutine chosen, or FIRE_TIMER. */
  readonly answer: number;
  /** With `describeOps`: each option's pending operation, "goroutine 1 (lock of Mutex 'mu')", ... (what the check compares). */
  readonly ops?: readonly string[];
}

export interface ChoiceDecision {
  readonly type: 'choice';
  readonly kind: string;
  readonly n: number;
  readonly answer: number;
}

export type Decision = ThreadDecision | ChoiceDecision;

/** How many of a decision's options are listed (ThreadDecision.options). */
export const LISTED_OPTIONS = 8;

export class Recorder implements Strategy {
  readonly decisions: Decision[] = [];

  constructor(
    readonly inner: Strategy,
    /** Also record each option's pending operation (access and object), for the determinism check. */
    private readonly describeOps = false,
  ) {}

  get name(): string {
    return this.inner.name;
  }

  beginExecution(index: number): { seed?: number } | null {
    this.decisions.length = 0;
    return this.inner.beginExecution(index);
  }

  pickThread(enabled: ReadyThreads, step: number, timerReady: boolean, last: number): number {
    const pick = this.inner.pickThread(enabled, step, timerReady, last);
    const listed = Math.min(enabled.length, LISTED_OPTIONS);
    const options: number[] = [];
    for (let i = 0; i < listed; i++) options.push(enabled.at(i)!.id);
    if (timerReady) options.push(FIRE_TIMER);
    const d: ThreadDecision = {
      type: 'thread',
      step,
      options,
      offered: enabled.length + (timerReady ? 1 : 0),
      last,
      lastCouldRun: indexOfId(enabled, last) >= 0,
      answer: pick === enabled.length ? FIRE_TIMER : enabled.at(pick)!.id,
      ...(this.describeOps && { ops: options.flatMap((id, i) => (id === FIRE_TIMER ? [] : [opText(enabled.at(i)!)])) }),
    };
    this.decisions.push(d);
    return pick;
  }

  pickChoice(kind: string, n: number): number {
    const answer = this.inner.pickChoice(kind, n);
    this.decisions.push({ type: 'choice', kind, n, answer });
    return answer;
  }

  onStep(exec: Execution, enabled: ReadyThreads, timerReady: boolean, pick: number): void {
    this.inner.onStep?.(exec, enabled, timerReady, pick);
  }

  endExecution(result: ExecutionResult): void {
    this.inner.endExecution?.(result);
  }

  lateTimer(deadline: number, what: string): void {
    this.inner.lateTimer?.(deadline, what);
  }
}

function opText(t: Thread): string {
  return `goroutine ${t.id} (${t.pending?.describe() ?? 'nothing'})`;
}

/** Is this decision a preemption: switching away from a goroutine that could have gone on? */
export function isPreemption(d: Decision): boolean {
  return d.type === 'thread' && d.answer !== d.last && d.answer !== FIRE_TIMER && d.lastCouldRun;
}

/** The preemptions among an execution's decisions. */
export function countPreemptions(decisions: readonly Decision[]): number {
  let n = 0;
  for (const d of decisions) if (isPreemption(d)) n++;
  return n;
}
