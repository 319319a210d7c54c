/**
 * What the explore supervisor (main thread) and its exploring workers tell each other.
 * Everything here crosses a thread boundary: plain data and SharedArrayBuffer-backed arrays only.
 *
 * Work is handed out through `control`, shared by all workers of one exploration: a worker claims the
 * next task position with Atomics.add on CONTROL_NEXT; positions above CONTROL_CUTOFF are not needed
 * any more (an earlier task found what ends the exploration), and CONTROL_STOP stops everything.
 */
import type { FindingKind, ScenarioErrorInfo } from '../findings.js';
import type { TaskResult } from './explore.js';
import type { TimeMode } from './protocol.js';

export interface ExploreRequest {
  stepLimit?: number;
  leakStepBound: number;
  timeMode?: TimeMode;
  dpor: boolean;
  all: boolean;
  maxExecutions?: number;
  maxTimeMs: number;
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
  request: ExploreRequest;
  /** The runtime's counters: [0] steps, and the PROGRESS_EXPLORE_* slots of explore.ts. */
  progress: Int32Array;
  /** HEARTBEAT and PHASE, as protocol.ts defines them for `run`'s worker. */
  harness: Int32Array;
  /** Shared by the workers of one exploration: see CONTROL_*. */
  control: Int32Array;
  /** Diagnosis of a stall: explore only this task, with locations and resume reports in this execution. */
  diagnose?: { position: number; execution: number };
}

export const CONTROL_NEXT = 0;
export const CONTROL_CUTOFF = 1;
export const CONTROL_STOP = 2;
export const CONTROL_SLOTS = 3;

export const EXPLORE_PROGRESS_SLOTS = 8;

export type ExploreWorkerMessage =
  | { type: 'started'; scenario: string; expect?: FindingKind[] }
  | { type: 'split'; tasks: number; cut: boolean; probes: number }
  | { type: 'task'; result: TaskResult }
  | { type: 'resume'; thread: { id: number; name: string }; at?: string }
  | { type: 'done' }
  | { type: 'error'; error: ScenarioErrorInfo };
