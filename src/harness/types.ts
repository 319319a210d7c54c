/**
 * What a batch of executions of one scenario produces, and the options that steer it.
 * This is the boundary between the runtime (src/runtime, src/primitives, src/detectors, src/scheduler)
 * and the command line (src/cli, src/harness/worker.ts, src/harness/supervisor.ts, src/report).
 */
import type { FaultOptions } from '../runtime/injector.js';
import type { Finding, FindingKind, ScenarioErrorInfo, TraceEvent } from '../findings.js';
import type { FlavourName } from '../runtime/flavour.js';
import type { MutexMetrics } from '../primitives/go/mutex-variants/metrics.js';
import type { MutexVariant } from '../primitives/go/mutex-variants/variants.js';

export type StrategyName = 'random' | 'replay' | 'pct' | 'dpor' | 'dfs';

export interface RunOptions {
  strategy: StrategyName;
  /** How many executions (random strategy). Seeds used are firstSeed, firstSeed+1, ... */
  runs: number;
  /** The seed of the first execution (default 1). With `runs: 1` this is `--seed N`. */
  firstSeed: number;
  /** For strategy 'replay': the printed schedule to follow. */
  schedule?: string;
  /** Steps one execution may take before a `step-limit` finding. */
  stepLimit: number;
  /** Steps the remaining goroutines may take after main returned, before the live ones are leaks. */
  leakStepBound: number;
  /** Shared progress counters for the supervisor's watchdog: [0] is bumped at every step. */
  progress?: Int32Array;
  /** Called when a goroutine resumes, with where (only when locations are captured): spin diagnosis. */
  onResume?: (thread: { id: number; name: string }, at: string | undefined) => void;
  /** When timers may fire: at any step (default) or only when every goroutine is blocked (Go's synctest). */
  timeMode?: 'free' | 'synctest';
  /** --atomic-history: stores of one atomic a weak load may read (Rust; default 7). */
  /** --faults, --max-faults: faults the strategy may inject into the etcd nodes (runtime/injector.ts). */
  faults?: FaultOptions;
  atomicHistory?: number;
  /** --spurious-wakeups: spurious returns allowed per Condvar wait or park (Rust; default 1). */
  spuriousWakeups?: number;
  /** Virtual milliseconds timers may advance after main returned before live goroutines are leaks (default 60000). */
  leakTimeBound?: number;
  /** Capture source locations from the first execution on (otherwise only when a finding is replayed). */
  captureLocations?: boolean;
  /** For strategy 'pct': the bug depth d (d−1 priority change points; default 3). */
  depth?: number;
  /** For strategy 'pct': the step count the first execution places change points within (default 0: it measures). */
  pctSteps?: number;
  /** Shrink the failing schedule before reporting it (default true; never for 'replay'). */
  shrink?: boolean;
  /** Replay the failing schedule again and report `nondeterminism` when it does not do the same (--verify-determinism). */
  verifyDeterminism?: boolean;
  /** --mutex VARIANT: the stage every `new Mutex()` without an explicit variant runs. */
  mutexVariant?: MutexVariant;
}

export interface RunReport {
  /** The scenario's name. */
  scenario: string;
  /** What the scenario declares it is built to show, if anything. */
  expect?: FindingKind[];
  /** The scenario's flavour, for the words of the human reports; absent for Go (never in the JSON). */
  flavour?: FlavourName;
  strategy: StrategyName;
  executions: number;
  /** Whether every behaviour was covered: never for random runs. */
  complete: boolean;
  findings: Finding[];
  /** A scenario error (exit status 2): not a finding. */
  error?: ScenarioErrorInfo;
  /** The timeline of the execution that produced the findings or the error. */
  trace?: TraceEvent[];
  /** Total steps taken over all executions. */
  steps: number;
  /** The --mutex variant the run used, if any. */
  mutexVariant?: MutexVariant;
  /** What staged Mutexes measured, summed over the executions (longest waits: the maximum); absent when none was used. */
  mutexMetrics?: MutexMetrics;
}
