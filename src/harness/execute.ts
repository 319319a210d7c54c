/**
 * One execution of a scenario under a strategy that has already begun it: the building block of
 * `run` (runs.ts), shrinking (shrink.ts), the determinism check (determinism.ts) and `explore`.
 *
 * Invariant: when the strategy replays a printed schedule and the scenario diverges from it, the
 * `nondeterminism` finding carries that schedule (the execution itself only knows the answers it got
 * before diverging), so the report names what was being replayed.
 */
import type { Scenario } from '../api/scenario.js';
import { setDefaultMutexVariant } from '../primitives/go/mutex-variants/default-variant.js';
import { mutexMetricsOf, type MutexMetrics } from '../primitives/go/mutex-variants/metrics.js';
import { Execution, type ExecutionResult } from '../runtime/execution.js';
import { Recorder } from '../scheduler/recorder.js';
import { ReplayStrategy } from '../scheduler/replay.js';
import type { Strategy } from '../runtime/strategy.js';
import { PROGRESS_IN_EXECUTION } from './protocol.js';
import type { RunOptions } from './types.js';

/** Let every microtask of the previous execution drain before the next one starts. */
const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface OneExecution {
  strategy: Strategy;
  seed?: number;
  captureLocations: boolean;
  recordTrace: boolean;
  /** With recordTrace: the first step the timeline records (ExecutionOptions.traceFrom). */
  traceFrom?: number;
}

/** An execution's result, with what its staged Mutexes measured (when it used any). */
export type ExecutionOutcome = ExecutionResult & { mutexMetrics?: MutexMetrics };

/** Run one execution of `scenario` under `one.strategy` (already begun). */
export async function runExecution(scenario: Scenario, run: RunOptions, one: OneExecution): Promise<ExecutionOutcome> {
  const exec = new Execution({
    strategy: one.strategy,
    seed: one.seed,
    stepLimit: run.stepLimit,
    leakStepBound: run.leakStepBound,
    captureLocations: one.captureLocations,
    recordTrace: one.recordTrace,
    ...(one.traceFrom !== undefined && { traceFrom: one.traceFrom }),
    progress: run.progress,
    onResume: one.captureLocations ? run.onResume : undefined,
    timeMode: run.timeMode,
    atomicHistory: run.atomicHistory,
    spuriousWakeups: run.spuriousWakeups,
    ...(run.faults !== undefined && { faults: run.faults }),
    leakTimeBound: run.leakTimeBound,
    flavour: scenario.flavour,
  });
  // --mutex VARIANT: every `new Mutex()` without its own variant runs that stage.
  if (run.mutexVariant !== undefined) setDefaultMutexVariant(exec, run.mutexVariant);
  // The watchdog counts time without a step only inside executions (protocol.ts PROGRESS_IN_EXECUTION).
  const watched = run.progress && run.progress.length > PROGRESS_IN_EXECUTION ? run.progress : undefined;
  if (watched) Atomics.store(watched, PROGRESS_IN_EXECUTION, 1);
  let result: ExecutionResult;
  try {
    result = await exec.run(scenario.body);
    await macrotask();
  } finally {
    if (watched) Atomics.store(watched, PROGRESS_IN_EXECUTION, 0);
  }
  const replayed = replayedSchedule(one.strategy);
  if (result.diverged && replayed !== undefined) {
    for (const f of result.findings) if (f.kind === 'nondeterminism') f.schedule = replayed;
  }
  const mutexMetrics = mutexMetricsOf(exec);
  return mutexMetrics ? { ...result, mutexMetrics } : result;
}

/** The printed schedule a strategy follows, when it replays one (directly or wrapped, see scheduler/recorder.ts). */
function replayedSchedule(strategy: Strategy): string | undefined {
  if (strategy instanceof ReplayStrategy) return strategy.schedule;
  return strategy instanceof Recorder ? replayedSchedule(strategy.inner) : undefined;
}
