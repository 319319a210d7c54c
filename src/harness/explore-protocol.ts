/**
 * What the explore supervisor (main thread) and its exploring workers tell each other.
 * Everything here crosses a thread boundary: plain data and SharedArrayBuffer-backed arrays only.
 *
 * Work is handed out through `control`, shared by all workers of one exploration: a worker claims the
 * next task position with Atomics.add on CONTROL_NEXT; positions above CONTROL_CUTOFF are not needed
 * any more (an earlier task found what ends the exploration), and CONTROL_STOP stops everything.
 */
import type { FaultOptions } from '../runtime/injector.js';
import type { FindingKind, ScenarioErrorInfo } from '../findings.js';
import type { FlavourName } from '../runtime/flavour.js';
import type { FoundFinding, TaskResult } from './explore.js';
import type { ProbeOptions, ProbesResult } from './explore-probes.js';
import type { TimeMode } from './protocol.js';

export interface ExploreRequest {
  stepLimit?: number;
  leakStepBound: number;
  timeMode?: TimeMode;
  /** --atomic-history, --spurious-wakeups (the Rust flavour's bounds). */
  /** --faults, --max-faults (runtime/injector.ts). */
  faults?: FaultOptions;
  atomicHistory?: number;
  spuriousWakeups?: number;
  dpor: boolean;
  all: boolean;
  maxExecutions?: number;
  maxTimeMs: number;
  /**
   * When the budget started (epoch ms, performance.timeOrigin + performance.now(): the same instant in
   * every thread); default: when exploreFile is called.
   */
  startEpochMs?: number;
  /** The bug-hunting phase (worker 0 of the first shard runs it); absent with --no-probes. */
  probes?: ProbeOptions;
  preemptionBound?: number;
  shard?: { index: number; count: number };
  shrink?: boolean;
  verifyDeterminism?: boolean;
  splitTarget?: number;
}

export interface ExploreWorkerInput {
  modulePath: string;
  sourcePath: string;
  fallbackName: string;
  /** The flavour of a default export that is a plain function (the entry point the file imports). */
  fallbackFlavour?: FlavourName;
  request: ExploreRequest;
  /** This worker's number (0 runs the probes). */
  index: number;
  /** The runtime's counters: [0] steps, and the PROGRESS_EXPLORE_* slots of explore.ts. */
  progress: Int32Array;
  /** HEARTBEAT and PHASE, as protocol.ts defines them for `run`'s worker. */
  harness: Int32Array;
  /** Shared by the workers of one exploration: see CONTROL_*. */
  control: Int32Array;
  /** Diagnosis of a stall: explore only this task (PROBES_POSITION: the probes), with locations and resume reports in this execution. */
  diagnose?: { position: number; execution: number };
}

export const CONTROL_NEXT = 0;
export const CONTROL_CUTOFF = 1;
export const CONTROL_STOP = 2;
export const CONTROL_SLOTS = 3;

export const EXPLORE_PROGRESS_SLOTS = 8;

/** progress[PROGRESS_EXPLORE_TASK] while the worker runs the probes (their number is progress[PROGRESS_EXPLORE_EXECUTION]). */
export const PROBES_POSITION = -1;
/** progress[PROGRESS_EXPLORE_TASK] before the worker has claimed anything. */
export const NO_POSITION = -2;

export type ExploreWorkerMessage =
  | { type: 'started'; scenario: string; expect?: FindingKind[]; flavour?: FlavourName }
  | { type: 'split'; tasks: number; cut: boolean; probes: number }
  | { type: 'task'; result: TaskResult }
  /** A finding as found, before it is located and shrunk (kept in case the budget ends first). */
  | { type: 'found'; position: number; found: FoundFinding }
  | { type: 'probes'; result: ProbesResult }
  | { type: 'resume'; thread: { id: number; name: string }; at?: string }
  /** `timeCut`: the time budget ended before this worker could split the exploration. */
  | { type: 'done'; timeCut?: boolean }
  | { type: 'error'; error: ScenarioErrorInfo };
