/**
 * What the staged Mutexes of one execution measured, and the sum over a batch of executions
 * (`simcc run --mutex VARIANT|all` prints and returns it).
 *
 * Invariants: one accumulator per execution (a WeakMap keyed by the Execution, so nothing
 * outlives it); counts add up over executions, the two longest waits are maxima.
 */
import type { Execution } from '../../../runtime/execution.js';
import { MUTEX_VARIANTS, type MutexVariant } from './variants.js';

export interface MutexMetrics {
  /** The variants the staged Mutexes used, in stage order. */
  variants: MutexVariant[];
  /** Executions in which a staged Mutex was created. */
  executions: number;
  /** Lock (and successful tryLock) acquisitions. */
  acquisitions: number;
  /** The longest time one Lock call took, from its first step to owning the lock: steps of the execution. */
  longestWaitSteps: number;
  /** The same in virtual milliseconds. */
  longestWaitMs: number;
  /** Acquisitions where the unlocker passed the lock through the semaphore (stage 1's wake, stage 4's starvation mode). */
  handoffs: number;
  /** Acquisitions by a goroutine other than a woken waiter, while that waiter was competing for the lock. */
  newcomerWins: number;
  /** Spin iterations (stages 3–4). */
  spins: number;
  /** Times a mutex entered starvation mode (stage 4). */
  starvationModeEntries: number;
}

export function emptyMutexMetrics(): MutexMetrics {
  return {
    variants: [],
    executions: 0,
    acquisitions: 0,
    longestWaitSteps: 0,
    longestWaitMs: 0,
    handoffs: 0,
    newcomerWins: 0,
    spins: 0,
    starvationModeEntries: 0,
  };
}

function mergeVariants(a: readonly MutexVariant[], b: readonly MutexVariant[]): MutexVariant[] {
  return MUTEX_VARIANTS.filter((v) => a.includes(v) || b.includes(v));
}

/** `a` plus `b` (counts summed, longest waits maximised); `a` may be absent. */
export function addMutexMetrics(a: MutexMetrics | undefined, b: MutexMetrics): MutexMetrics {
  if (!a) return { ...b, variants: [...b.variants] };
  return {
    variants: mergeVariants(a.variants, b.variants),
    executions: a.executions + b.executions,
    acquisitions: a.acquisitions + b.acquisitions,
    longestWaitSteps: Math.max(a.longestWaitSteps, b.longestWaitSteps),
    longestWaitMs: Math.max(a.longestWaitMs, b.longestWaitMs),
    handoffs: a.handoffs + b.handoffs,
    newcomerWins: a.newcomerWins + b.newcomerWins,
    spins: a.spins + b.spins,
    starvationModeEntries: a.starvationModeEntries + b.starvationModeEntries,
  };
}

const perExecution = new WeakMap<Execution, MutexMetrics>();

/** The accumulator of `exec`, created (counting this execution) by its first staged Mutex. */
export function metricsFor(exec: Execution, variant: MutexVariant): MutexMetrics {
  let m = perExecution.get(exec);
  if (!m) {
    m = emptyMutexMetrics();
    m.executions = 1;
    perExecution.set(exec, m);
  }
  if (!m.variants.includes(variant)) m.variants = mergeVariants(m.variants, [variant]);
  return m;
}

/** What `exec`'s staged Mutexes measured, or undefined when it used none. */
export function mutexMetricsOf(exec: Execution): MutexMetrics | undefined {
  return perExecution.get(exec);
}
