/**
 * What the supervisor (main thread) and the worker that runs a scenario tell each other.
 * Everything here crosses a thread boundary: plain data and SharedArrayBuffer-backed arrays only.
 */
import type { FaultOptions } from '../runtime/injector.js';
import type { FindingKind, ScenarioErrorInfo } from '../findings.js';
import type { FlavourName } from '../runtime/flavour.js';
import type { MutexVariant } from '../primitives/go/mutex-variants/variants.js';
import type { RunOptions, RunReport, StrategyName } from './types.js';

/** Defaults of the command line (shared/scenario-api.md leaves them to us). */
export const DEFAULT_RUNS = 1000;
export const DEFAULT_STEP_LIMIT = 100_000;
export const DEFAULT_LEAK_STEP_BOUND = 10_000;
export const DEFAULT_FIRST_SEED = 1;
export const DEFAULT_SYNC_TIMEOUT_MS = 2000;
/**
 * The least time a scenario's import may take without --sync-timeout: starting a worker and loading a
 * module on a busy machine can take seconds that are not the scenario's (a top-level loop is still caught).
 */
export const DEFAULT_IMPORT_TIMEOUT_MS = 10_000;

/** The watchdog's limit while a worker imports the scenario: --sync-timeout when given, else at least the floor. */
export function importTimeoutMs(options: { syncTimeoutMs: number; importTimeoutMs?: number }): number {
  return options.importTimeoutMs ?? Math.max(options.syncTimeoutMs, DEFAULT_IMPORT_TIMEOUT_MS);
}

/**
 * What to run. `runs` and `stepLimit` are undefined when the user gave no flag: the worker then takes the
 * scenario's own options, else the defaults (a flag beats the scenario, which beats the default).
 */
export interface RunRequest {
  strategy: StrategyName;
  runs?: number;
  firstSeed: number;
  schedule?: string;
  stepLimit?: number;
  leakStepBound: number;
  /** --time: when timers may fire (runtime default: 'free'). */
  timeMode?: TimeMode;
  /** --atomic-history, --spurious-wakeups (the Rust flavour's bounds). */
  /** --faults, --max-faults (runtime/injector.ts). */
  faults?: FaultOptions;
  atomicHistory?: number;
  spuriousWakeups?: number;
  captureLocations?: boolean;
  /** --depth (strategy 'pct'). */
  depth?: number;
  /** --pct-steps (strategy 'pct'): the bound the first execution starts from. */
  pctSteps?: number;
  /** false with --no-shrink. */
  shrink?: boolean;
  /** --verify-determinism. */
  verifyDeterminism?: boolean;
  /** --mutex VARIANT (`all` is expanded by the CLI into one request per variant). */
  mutexVariant?: MutexVariant;
}

/**
 * Slots of the runtime's shared progress counters (RunOptions.progress, WorkerInput.progress): steps taken
 * (bumped at every step: the watchdog's signal), the seed of the current execution, executions done,
 * findings made (for the progress line), and the PCT bound of the current execution (to rerun it alone).
 */
export const PROGRESS_STEPS = 0;
export const PROGRESS_SEED = 1;
export const PROGRESS_EXECUTIONS = 2;
export const PROGRESS_FINDINGS = 3;
export const PROGRESS_PCT_STEPS = 4;
/**
 * 1 while an execution runs (runExecution, execute.ts), 0 while the harness does its own work between
 * executions (an explorer's race analysis, shrinking's bookkeeping, building a report). The watchdog
 * only counts time without a step while this is 1: a stall is then the scenario's own synchronous code
 * (or an await of something simcc does not control), never simcc's bookkeeping.
 */
export const PROGRESS_IN_EXECUTION = 7;
export const PROGRESS_SLOTS = 8;

export type TimeMode = NonNullable<RunOptions['timeMode']>;

export interface WorkerInput {
  /** Absolute path of the compiled bundle. */
  modulePath: string;
  /** Absolute path of the scenario's source file. */
  sourcePath: string;
  /** The scenario's name when it declares none (the file's base name). */
  fallbackName: string;
  /** The flavour of a default export that is a plain function (the entry point the file imports). */
  fallbackFlavour?: FlavourName;
  request: RunRequest;
  /** The runtime's counters (RunOptions.progress): see PROGRESS_*. */
  progress: Int32Array;
  /** The harness's own counters, see HARNESS_*. */
  harness: Int32Array;
  /** Diagnosis run: post a ResumeMessage every time a goroutine resumes. */
  diagnose: boolean;
}

/** harness[HEARTBEAT] is bumped by a timer in the worker: it stops moving only while the worker's thread is busy. */
export const HEARTBEAT = 0;
/** harness[PHASE] says what the worker is doing, written with Atomics so a spinning worker's phase is still readable. */
export const PHASE = 1;
export const HARNESS_SLOTS = 2;

export const Phase = { Starting: 0, Importing: 1, Running: 2, Done: 3 } as const;

/** The worker's heartbeat period; the supervisor calls the thread busy when the beat is several periods late. */
export const HEARTBEAT_MS = 50;

export interface ResumeMessage {
  type: 'resume';
  thread: { id: number; name: string };
  at?: string;
}
/** The scenario was imported: its name and expectation, for a report the worker may never send. */
export interface StartedMessage {
  type: 'started';
  scenario: string;
  expect?: FindingKind[];
  /** Absent for Go. */
  flavour?: FlavourName;
}
export interface DoneMessage {
  type: 'done';
  report: RunReport;
}
/**
 * A finding was made: the report as found (no locations yet), posted before simcc shrinks and locates it,
 * so that the finding survives if that work cannot finish (a replayed interleaving spins, memory runs out).
 */
export interface FoundMessage {
  type: 'found';
  report: RunReport;
}
/** The scenario could not be run at all (import failed, no default export, ...). */
export interface ErrorMessage {
  type: 'error';
  error: ScenarioErrorInfo;
}
export type WorkerMessage = ResumeMessage | StartedMessage | FoundMessage | DoneMessage | ErrorMessage;
