/**
 * Runs `simcc explore` for one scenario file from the main thread: compile, start N workers
 * (explore-worker.ts) that share the tasks of one exploration, watch them, merge their results. Each
 * worker claims the next task when done with the last (explore-protocol.ts); the main thread only
 * receives and merges small results, and takes no core from the workers.
 *
 * Invariants:
 * - `exploreFile` never throws and never hangs: every outcome is a report, failures carry `error`; every
 *   worker is terminated before it returns and the compiled bundle is removed.
 * - The result does not depend on the number of workers: results are merged in task order
 *   (explore.ts `mergeTasks`), and the workers are only told to skip tasks the merge will not use — those
 *   after a task that stops the exploration (a finding, without --all) or after the budget of executions
 *   is used up by the tasks before them.
 * - The watchdog stops the exploration when a worker takes no simulated step for `syncTimeoutMs`; that
 *   task's stalled execution is then explored again alone, with locations and resume reports, to say
 *   which goroutine spun or awaited something simcc does not control.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism, totalmem } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import path from 'node:path';
import type { FindingKind, ScenarioErrorInfo } from '../findings.js';
import { describeThrown, displayPath } from '../report/locations.js';
import { CompileError, compileScenario, type CompiledScenario } from './compile.js';
import { exploreReport, mergeTasks, PROGRESS_EXPLORE_EXECUTION, PROGRESS_EXPLORE_EXECUTIONS, PROGRESS_EXPLORE_FINDINGS, PROGRESS_EXPLORE_TASK, type ExploreReport, type TaskResult } from './explore.js';
import {
  CONTROL_CUTOFF,
  CONTROL_SLOTS,
  CONTROL_STOP,
  EXPLORE_PROGRESS_SLOTS,
  type ExploreRequest,
  type ExploreWorkerInput,
  type ExploreWorkerMessage,
} from './explore-protocol.js';
import { HARNESS_SLOTS, HEARTBEAT, HEARTBEAT_MS, PHASE, Phase, PROGRESS_STEPS } from './protocol.js';

export interface ExploreSuperviseOptions {
  workers: number;
  syncTimeoutMs: number;
  scenarioStdout: 'stdout' | 'stderr';
  onProgress?: (counts: { executions: number; findings: number }) => void;
}

const WORKER_URL = new URL('./explore-worker.js', import.meta.url);
const HEAP_LIMIT = { maxOldGenerationSizeMb: Math.max(256, Math.min(2048, Math.floor(totalmem() / 4 / 2 ** 20))) };

/**
 * V8 runs parts of its garbage collector and of its optimizing compiler on helper threads: free with a
 * core to spare (one worker on two cores), but with a worker on every core each helper only preempts a
 * worker — and a worker's young-generation collection then waits for its helper. So with as many workers
 * as cores, each worker collects its young generation and compiles its hot code itself (measured with
 * --workers 2 on 2 cores: about 10% less time and CPU; with one worker on 2 cores the helpers are
 * faster, and are kept). Process-wide V8 flags, set before the workers' isolates are made (the compiler
 * flag is read when an isolate starts, the collector flag at every collection); they change no result.
 */
function fitV8ToCores(workers: number): void {
  if (workers < availableParallelism()) return;
  setFlagsFromString('--no-parallel-scavenge');
  setFlagsFromString('--no-concurrent-recompilation');
}

interface Started {
  scenario: string;
  expect?: FindingKind[];
}

export async function exploreFile(file: string, request: ExploreRequest, options: ExploreSuperviseOptions): Promise<ExploreReport> {
  let started: Started = { scenario: path.basename(file).replace(/\.[^.]*$/, '') };
  const failed = (error: ScenarioErrorInfo) => errorReport(started, request, error);
  let compiled: CompiledScenario;
  try {
    compiled = await compileScenario(file);
  } catch (err) {
    if (err instanceof CompileError) return failed({ message: err.message, ...(err.location && { location: err.location }) });
    return failed({ message: `internal error in simcc: ${describeThrown(err)}` });
  }
  try {
    const base = { modulePath: compiled.modulePath, sourcePath: compiled.sourcePath, fallbackName: started.scenario };
    const outcome = await runWorkers(base, request, options, (s) => (started = s));
    if (outcome.kind === 'error') return failed(outcome.error);
    if (outcome.kind === 'stall') return failed(await diagnose(outcome, base, request, options));
    const summary = mergeTasks(outcome.results, request);
    const scenarioInfo = { name: started.scenario, options: started.expect ? { expect: started.expect } : {} };
    return exploreReport(scenarioInfo, toOptions(request), summary, outcome.results.length, outcome.cut);
  } catch (err) {
    return failed({ message: `internal error in simcc: ${describeThrown(err)}` });
  } finally {
    await compiled.dispose();
  }
}

function toOptions(request: ExploreRequest) {
  return {
    dpor: request.dpor,
    ...(request.preemptionBound !== undefined && { preemptionBound: request.preemptionBound }),
    ...(request.shard && { shard: request.shard }),
  };
}

function errorReport(started: Started, request: ExploreRequest, error: ScenarioErrorInfo): ExploreReport {
  return {
    scenario: started.scenario,
    ...(started.expect && { expect: started.expect }),
    strategy: request.dpor && request.preemptionBound === undefined ? 'dpor' : 'dfs',
    executions: 0,
    complete: false,
    findings: [],
    error,
    steps: 0,
    pruned: 0,
    maxDepth: 0,
    tasks: { total: 0, explored: 0 },
    foundIn: [],
    traces: [],
  };
}

interface Stall {
  kind: 'stall';
  phase: number;
  busy: boolean;
  position: number;
  execution: number;
}
type Outcome = { kind: 'done'; results: (TaskResult | undefined)[]; cut: boolean } | { kind: 'error'; error: ScenarioErrorInfo } | Stall;

type Base = Pick<ExploreWorkerInput, 'modulePath' | 'sourcePath' | 'fallbackName'>;

/** Start the workers; resolve once every one has finished (or the first error or stall), after terminating them all. */
function runWorkers(base: Base, request: ExploreRequest, options: ExploreSuperviseOptions, onStarted: (s: Started) => void): Promise<Outcome> {
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * Int32Array.BYTES_PER_ELEMENT));
  control[CONTROL_CUTOFF] = 0x7fffffff;
  const n = Math.max(1, options.workers);
  fitV8ToCores(n);
  const workers: { worker: Worker; progress: Int32Array; harness: Int32Array; done: boolean; steps: number; stepsAt: number; beat: number; beatAt: number }[] = [];
  const results: (TaskResult | undefined)[] = [];
  let total = -1;
  let cut = false;

  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      Atomics.store(control, CONTROL_STOP, 1);
      Promise.allSettled(workers.map((w) => w.worker.terminate())).then(() => resolve(outcome));
    };
    const maybeDone = () => {
      if (!workers.every((w) => w.done)) return;
      while (results.length < Math.max(total, 0)) results.push(undefined);
      finish({ kind: 'done', results, cut });
    };
    /** Tell the workers which tasks the merge can no longer use. */
    const cutoff = () => {
      let used = 0;
      for (let p = 0; p < results.length || p < total; p++) {
        const r = results[p];
        if (!r) return;
        used += r.executions;
        const ends = !!r.error || (r.stopped === 'finding' && !request.all) || r.stopped === 'max-time' || (request.maxExecutions !== undefined && used >= request.maxExecutions);
        if (ends) {
          if (p < Atomics.load(control, CONTROL_CUTOFF)) Atomics.store(control, CONTROL_CUTOFF, p);
          return;
        }
      }
    };
    for (let i = 0; i < n; i++) {
      const progress = new Int32Array(new SharedArrayBuffer(EXPLORE_PROGRESS_SLOTS * Int32Array.BYTES_PER_ELEMENT));
      const harness = new Int32Array(new SharedArrayBuffer(HARNESS_SLOTS * Int32Array.BYTES_PER_ELEMENT));
      const input: ExploreWorkerInput = { ...base, request, progress, harness, control };
      const worker = new Worker(WORKER_URL, { workerData: input, stdout: true, stderr: true, resourceLimits: HEAP_LIMIT });
      worker.stdout.pipe(options.scenarioStdout === 'stdout' ? process.stdout : process.stderr, { end: false });
      worker.stderr.pipe(process.stderr, { end: false });
      const now = performance.now();
      const w = { worker, progress, harness, done: false, steps: -1, stepsAt: now, beat: -1, beatAt: now };
      workers.push(w);
      worker.on('message', (msg: ExploreWorkerMessage) => {
        switch (msg.type) {
          case 'started':
            onStarted({ scenario: msg.scenario, ...(msg.expect && { expect: msg.expect }) });
            break;
          case 'split':
            total = msg.tasks;
            cut = msg.cut;
            break;
          case 'task':
            results[msg.result.position] = msg.result;
            cutoff();
            break;
          case 'done':
            w.done = true;
            maybeDone();
            break;
          case 'error':
            finish({ kind: 'error', error: msg.error });
            break;
          case 'resume':
            break;
        }
      });
      worker.on('error', (err) => finish({ kind: 'error', error: crashError(err) }));
      worker.on('exit', (code) => {
        if (!w.done) finish({ kind: 'error', error: exitError(code, Atomics.load(harness, PHASE)) });
      });
    }

    const ms = options.syncTimeoutMs;
    const pollMs = Math.min(100, Math.max(10, Math.floor(ms / 10)));
    const busyAfterMs = Math.min(5 * HEARTBEAT_MS, ms / 2);
    const watchdog = setInterval(() => {
      const now = performance.now();
      let executions = 0;
      let findings = 0;
      for (const w of workers) {
        executions += Atomics.load(w.progress, PROGRESS_EXPLORE_EXECUTIONS);
        findings = Math.max(findings, Atomics.load(w.progress, PROGRESS_EXPLORE_FINDINGS));
      }
      options.onProgress?.({ executions, findings });
      for (const w of workers) {
        if (w.done) continue;
        const s = Atomics.load(w.progress, PROGRESS_STEPS);
        const b = Atomics.load(w.harness, HEARTBEAT);
        if (s !== w.steps) [w.steps, w.stepsAt] = [s, now];
        if (b !== w.beat) [w.beat, w.beatAt] = [b, now];
        const phase = Atomics.load(w.harness, PHASE);
        if (phase === Phase.Done || now - w.stepsAt < ms) continue;
        finish({
          kind: 'stall',
          phase,
          busy: now - w.beatAt >= busyAfterMs,
          position: Atomics.load(w.progress, PROGRESS_EXPLORE_TASK),
          execution: Atomics.load(w.progress, PROGRESS_EXPLORE_EXECUTION),
        });
        return;
      }
    }, pollMs);
  });
}

/** Explain a stall: rerun the stalled task alone, up to the stalled execution, reporting resumes. */
async function diagnose(stall: Stall, base: Base, request: ExploreRequest, options: ExploreSuperviseOptions): Promise<ScenarioErrorInfo> {
  const ms = options.syncTimeoutMs;
  const file = displayPath(base.sourcePath);
  if (stall.phase !== Phase.Running) {
    const why = stall.busy ? 'a synchronous loop at the top level of the module?' : 'it awaits something the simulator does not control (a real timer or I/O) at the top level?';
    return { message: `importing the scenario did not finish within ${ms} ms: ${why}`, location: file };
  }
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * Int32Array.BYTES_PER_ELEMENT));
  const progress = new Int32Array(new SharedArrayBuffer(EXPLORE_PROGRESS_SLOTS * Int32Array.BYTES_PER_ELEMENT));
  const harness = new Int32Array(new SharedArrayBuffer(HARNESS_SLOTS * Int32Array.BYTES_PER_ELEMENT));
  const input: ExploreWorkerInput = { ...base, request, progress, harness, control, diagnose: { position: stall.position, execution: Math.max(1, stall.execution) } };
  const worker = new Worker(WORKER_URL, { workerData: input, stdout: true, stderr: true, resourceLimits: HEAP_LIMIT });
  worker.stdout.pipe(process.stderr, { end: false });
  worker.stderr.pipe(process.stderr, { end: false });
  let last: { thread: { name: string }; at?: string } | undefined;
  const stalledAgain = await new Promise<boolean | ScenarioErrorInfo>((resolve) => {
    let steps = -1;
    let stepsAt = performance.now();
    const timer = setInterval(() => {
      const s = Atomics.load(progress, PROGRESS_STEPS);
      const now = performance.now();
      if (s !== steps) [steps, stepsAt] = [s, now];
      else if (now - stepsAt >= ms) {
        clearInterval(timer);
        resolve(true);
      }
    }, Math.min(100, Math.max(10, Math.floor(ms / 10))));
    worker.on('message', (msg: ExploreWorkerMessage) => {
      if (msg.type === 'resume') last = msg;
      else if (msg.type === 'done') {
        clearInterval(timer);
        resolve(false);
      } else if (msg.type === 'error') {
        clearInterval(timer);
        resolve(msg.error);
      }
    });
    worker.on('error', () => {
      clearInterval(timer);
      resolve(false);
    });
  });
  await worker.terminate();
  if (typeof stalledAgain === 'object') return stalledAgain;
  if (!stalledAgain) {
    const what = stall.busy ? 'a synchronous loop?' : 'an await of real time or I/O?';
    return { message: `the scenario made no progress for more than ${ms} ms during exploration, but not when that execution was run again alone: ${what}`, location: file };
  }
  const who = last ? `goroutine '${last.thread.name}'` : 'the scenario';
  const where = last?.at ? ` (after ${last.at})` : last ? ' (before its first simulated operation)' : '';
  const message = stall.busy
    ? `${who} ran a synchronous loop for more than ${ms} ms without awaiting a simulated operation${where}`
    : `${who} awaited something the simulator does not control (a real timer or I/O) for more than ${ms} ms${where}`;
  return { message, location: last?.at ?? file };
}

function exitError(code: number, phase: number): ScenarioErrorInfo {
  if (code === 13 && phase === Phase.Importing) return { message: 'importing the scenario never finished: a top-level await of something that never settles?' };
  if (code === 13) return { message: 'the exploration never finished: the scenario awaits a promise that never settles (await only simulated operations)' };
  return { message: `the scenario's worker thread exited with code ${code} before the exploration ended (process.exit() in the scenario?)` };
}

function crashError(err: unknown): ScenarioErrorInfo {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') return { message: 'the scenario ran out of memory' };
  return { message: `uncaught exception outside the simulation: ${describeThrown(err)}` };
}
