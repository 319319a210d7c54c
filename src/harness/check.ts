/**
 * The engine of `simcc check` (and of `checkScenarios` in simcc/testing): find the scenarios under the
 * roots, type-check them, run (or explore) each one in its own worker(s) exactly as `run` (`explore`)
 * would, and judge each against its declared `expect` (report/check.ts).
 *
 * Invariants:
 * - Results come in sorted file order, whatever the number of scenarios run at once (`workers`):
 *   `onResult` is called for result i only once results 0..i−1 were.
 * - A shard (`--shard i/n`) takes the scenarios whose index in the sorted list is i−1 modulo n, so the
 *   shards of one list are disjoint and together are the list; each shard's document still lists every
 *   helper it skipped, so the merged document equals an unsharded run.
 * - Never throws for a scenario's problem (those are `error` results); only for a usage problem.
 */
import type { FaultOptions } from '../runtime/injector.js';
import { discoverScenarios } from '../cli/discover.js';
import { UsageError } from '../cli/options.js';
import { checkDocument, checkResult, type CheckContext, type CheckDocument, type CheckResult } from '../report/check.js';
import { mapLimited } from '../cli/pool.js';
import type { ScenarioErrorInfo } from '../findings.js';
import { DEFAULT_MAX_TIME_S, type ExploreReport } from './explore.js';
import { DEFAULT_PROBE_EXECUTIONS } from './explore-probes.js';
import { exploreFile } from './explore-supervisor.js';
import type { ExploreRequest } from './explore-protocol.js';
import { DEFAULT_FIRST_SEED, DEFAULT_LEAK_STEP_BOUND, DEFAULT_SYNC_TIMEOUT_MS, type RunRequest, type TimeMode } from './protocol.js';
import { runFile } from './supervisor.js';
import { typecheckFiles } from './typecheck.js';
import type { RunReport } from './types.js';

export const DEFAULT_CHECK_WORKERS = 2;

export interface CheckOptions {
  /** Explore each scenario exhaustively instead of running seeded schedules. */
  explore?: boolean;
  /** run: executions per scenario (default: its `runs`, else 1000). */
  runs?: number;
  stepLimit?: number;
  time?: TimeMode;
  /** The Rust flavour's bounds (--atomic-history, --spurious-wakeups). */
  atomicHistory?: number;
  spuriousWakeups?: number;
  /** --faults, --max-faults (runtime/injector.ts). */
  faults?: FaultOptions;
  syncTimeoutMs?: number;
  /** explore: the budget of each scenario (default 60 s, no execution limit). */
  maxTimeS?: number;
  maxExecutions?: number;
  /** Scenarios run at once (default 2). */
  workers?: number;
  shard?: { index: number; count: number };
  /** Type-check the scenarios first (default true); a type error is the scenario's error. */
  typecheck?: boolean;
  failOnIncomplete?: boolean;
  /** explore: run the bug-hunting probes before the proof, as `simcc explore` does (default true; false with --no-probes). */
  probes?: boolean;
  /** Where the scenarios' own console output goes (default stderr). */
  scenarioStdout?: 'stdout' | 'stderr';
  /** Called once per result, in sorted file order, as soon as it and all before it are known. */
  onResult?: (result: CheckResult) => void;
}

export async function checkFiles(roots: readonly string[], options: CheckOptions = {}): Promise<CheckDocument> {
  const found = await discoverScenarios([...roots]);
  if (found.files.length === 0) throw new UsageError(`no scenario files (*.ts) under ${roots.join(', ')}`);
  const files = options.shard ? found.files.filter((_, i) => i % options.shard!.count === options.shard!.index - 1) : found.files;
  const mode = options.explore ? 'explore' : 'run';
  const ctx: CheckContext = {
    mode,
    ...(options.stepLimit !== undefined && { stepLimit: options.stepLimit }),
    ...(options.time !== undefined && { time: options.time }),
    ...(options.atomicHistory !== undefined && { atomicHistory: options.atomicHistory }),
    ...(options.spuriousWakeups !== undefined && { spuriousWakeups: options.spuriousWakeups }),
    ...(options.faults !== undefined && { faults: options.faults }),
    ...(options.explore && { maxTimeS: options.maxTimeS ?? DEFAULT_MAX_TIME_S }),
    ...(options.maxExecutions !== undefined && { maxExecutions: options.maxExecutions }),
  };
  const typeErrors = options.typecheck === false || files.length === 0 ? new Map<string, ScenarioErrorInfo>() : await typecheckFiles(files);
  const pending = mapLimited(files, options.workers ?? DEFAULT_CHECK_WORKERS, async (file) => {
    const typeError = typeErrors.get(file);
    return typeError ? typeErrorReport(file, typeError, options.explore === true) : checkOne(file, options);
  });
  const results: CheckResult[] = [];
  for (const [i, promise] of pending.entries()) {
    const result = checkResult(files[i]!, await promise, ctx);
    results.push(result);
    options.onResult?.(result);
  }
  return checkDocument(mode, results, found.helpers, {
    ...(options.failOnIncomplete && { failOnIncomplete: true }),
    ...(options.shard && { shard: options.shard }),
  });
}

function checkOne(file: string, options: CheckOptions): Promise<RunReport | ExploreReport> {
  const supervise = { syncTimeoutMs: options.syncTimeoutMs ?? DEFAULT_SYNC_TIMEOUT_MS, ...(options.syncTimeoutMs !== undefined && { importTimeoutMs: options.syncTimeoutMs }), scenarioStdout: options.scenarioStdout ?? ('stderr' as const) };
  const common = {
    leakStepBound: DEFAULT_LEAK_STEP_BOUND,
    ...(options.stepLimit !== undefined && { stepLimit: options.stepLimit }),
    ...(options.time !== undefined && { timeMode: options.time }),
    ...(options.atomicHistory !== undefined && { atomicHistory: options.atomicHistory }),
    ...(options.spuriousWakeups !== undefined && { spuriousWakeups: options.spuriousWakeups }),
    ...(options.faults !== undefined && { faults: options.faults }),
  };
  if (options.explore) {
    const request: ExploreRequest = {
      ...common,
      dpor: true,
      all: false,
      maxTimeMs: Math.round((options.maxTimeS ?? DEFAULT_MAX_TIME_S) * 1000),
      shrink: true,
      ...(options.maxExecutions !== undefined && { maxExecutions: options.maxExecutions }),
      // The same pipeline as `simcc explore`: a bug that the probes find in a few executions must not
      // wait for the depth-first proof to reach it (etcd-7492's deadlock did not within 10 s).
      ...(options.probes !== false && { probes: { executions: DEFAULT_PROBE_EXECUTIONS } }),
    };
    return exploreFile(file, request, { ...supervise, workers: 1 });
  }
  const request: RunRequest = { ...common, strategy: 'random', firstSeed: DEFAULT_FIRST_SEED, ...(options.runs !== undefined && { runs: options.runs }) };
  return runFile(file, request, supervise);
}

/** The report of a scenario that did not type-check: a scenario error, named after the file. */
function typeErrorReport(file: string, error: ScenarioErrorInfo, explore: boolean): RunReport | ExploreReport {
  const scenario = file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const base: RunReport = { scenario, strategy: explore ? 'dpor' : 'random', executions: 0, complete: false, findings: [], error, steps: 0 };
  if (!explore) return base;
  return { ...base, strategy: 'dpor', pruned: 0, maxDepth: 0, tasks: { total: 0, explored: 0 }, foundIn: [], traces: [] };
}
