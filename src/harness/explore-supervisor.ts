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
 * - The watchdog stops the exploration when a worker takes no simulated step for `syncTimeoutMs` while
 *   inside an execution (protocol.ts PROGRESS_IN_EXECUTION) — the scenario's own code, never simcc's work
 *   between executions (race analysis, replays, shrinking); or, for worker 0 only, while it imports the
 *   scenario (the other workers start once it has). That task's (or the probes', or the split's) stalled
 *   execution is then run again alone, with locations and resume reports, to say which goroutine spun
 *   or awaited something simcc does not control.
 * - The time budget is kept (explore-budget.ts): at its hard deadline the workers still busy are
 *   terminated and the report is built from what they posted — their finished tasks, the findings they
 *   told as found, the executions their counters show — incomplete, `stoppedBy: 'max-time'`.
 * - The probes (worker 0 of the first shard) run while the other workers explore the proof's tasks; a
 *   probe's finding without --all ends the exploration and the proof's results are not used, so the
 *   result is the same for any number of workers.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import path from 'node:path';
import type { Finding, FindingKind, ScenarioErrorInfo } from '../findings.js';
import { flavourNamed, type FlavourName } from '../runtime/flavour.js';
import { describeThrown, displayPath } from '../runtime/locations.js';
import { CompileError, compileScenario, type CompiledScenario } from './compile.js';
import {
  exploreReport,
  joinProbes,
  machineStop,
  mergeTasks,
  probeCounts,
  proofBudget,
  PROGRESS_EXPLORE_EXECUTION,
  PROGRESS_EXPLORE_EXECUTIONS,
  PROGRESS_EXPLORE_FINDINGS,
  PROGRESS_EXPLORE_TASK,
  runsProbes,
  type ExploreReport,
  type FoundFinding,
  type TaskResult,
} from './explore.js';
import { budgetMoments, nowEpoch } from './explore-budget.js';
import { turnCounts, type ProbesResult } from './explore-probes.js';
import {
  CONTROL_CUTOFF,
  CONTROL_SLOTS,
  CONTROL_STOP,
  EXPLORE_PROGRESS_SLOTS,
  NO_POSITION,
  PROBES_POSITION,
  type ExploreRequest,
  type ExploreWorkerInput,
  type ExploreWorkerMessage,
} from './explore-protocol.js';
import { StallClock } from './stall-clock.js';
import { adoptWarmWorker, EXPLORE_WORKER_URL, WORKER_HEAP_LIMIT, type WarmInputMessage } from './warm-worker.js';
import { HARNESS_SLOTS, HEARTBEAT, HEARTBEAT_MS, PHASE, Phase, PROGRESS_IN_EXECUTION, PROGRESS_STEPS, importTimeoutMs } from './protocol.js';

export interface ExploreSuperviseOptions {
  workers: number;
  syncTimeoutMs: number;
  /** How long importing the scenario may take (default: importTimeoutMs in protocol.ts; --sync-timeout sets both). */
  importTimeoutMs?: number;
  scenarioStdout: 'stdout' | 'stderr';
  onProgress?: (counts: { executions: number; findings: number }) => void;
  /** Called with a finding as soon as a worker made it (before it is located and shrunk), for an interrupt. */
  onFound?: (findings: readonly Finding[]) => void;
}

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
  /** Absent for Go. */
  flavour?: FlavourName;
}

export async function exploreFile(file: string, asked: ExploreRequest, options: ExploreSuperviseOptions): Promise<ExploreReport> {
  const request: ExploreRequest = { ...asked, startEpochMs: asked.startEpochMs ?? nowEpoch() };
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
    const base = { modulePath: compiled.modulePath, sourcePath: compiled.sourcePath, fallbackName: started.scenario, fallbackFlavour: compiled.flavour };
    const outcome = await runWorkers(base, request, options, (s) => (started = s));
    if (outcome.kind === 'error') return failed(outcome.error);
    if (outcome.kind === 'stall') return failed(await diagnose(outcome, base, request, options, flavourNamed(started.flavour).thread));
    const opts = toOptions(request);
    const budget = proofBudget(opts);
    let summary = mergeTasks(outcome.results, { all: request.all, ...(budget !== undefined && { maxExecutions: budget }) });
    if (outcome.timeCut) {
      // Workers stopped by the hard deadline: whatever they did not post is not covered.
      summary.complete = false;
      summary.stoppedBy ??= 'max-time';
    }
    if (outcome.probes) summary = joinProbes(outcome.probes, summary, request);
    const scenarioInfo = { name: started.scenario, options: started.expect ? { expect: started.expect } : {}, flavour: flavourNamed(started.flavour) };
    return exploreReport(scenarioInfo, opts, summary, outcome.results.length, outcome.cut, outcome.probes && probeCounts(outcome.probes, opts));
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
    ...(request.maxExecutions !== undefined && { maxExecutions: request.maxExecutions }),
    ...(request.probes && { probes: request.probes }),
  };
}

function errorReport(started: Started, request: ExploreRequest, error: ScenarioErrorInfo): ExploreReport {
  return {
    scenario: started.scenario,
    ...(started.expect && { expect: started.expect }),
    ...(started.flavour && { flavour: started.flavour }),
    strategy: request.dpor ? 'dpor' : 'dfs',
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
    phases: [],
  };
}

interface Stall {
  kind: 'stall';
  phase: number;
  busy: boolean;
  /** The stalled task's position (PROBES_POSITION: the probes). */
  position: number;
  execution: number;
}
interface Done {
  kind: 'done';
  results: (TaskResult | undefined)[];
  cut: boolean;
  probes?: ProbesResult;
  /** The hard deadline stopped workers that were still busy. */
  timeCut: boolean;
}
type Outcome = Done | { kind: 'error'; error: ScenarioErrorInfo } | Stall;

type Base = Pick<ExploreWorkerInput, 'modulePath' | 'sourcePath' | 'fallbackName' | 'fallbackFlavour'>;

/** One exploring worker as the supervisor watches it. */
interface Watched {
  worker: Worker;
  progress: Int32Array;
  harness: Int32Array;
  done: boolean;
  started: boolean;
  /** Its step counter, and the time since it last moved or the worker was not inside an execution (see PROGRESS_IN_EXECUTION). */
  steps: number;
  stall: StallClock;
  beat: number;
  beatAt: number;
}

/** Forward a worker's output without adding listeners to process.stdout for each worker (MaxListenersExceededWarning). */
function forward(from: NodeJS.ReadableStream, to: NodeJS.WritableStream): void {
  from.on('data', (chunk: Buffer) => to.write(chunk));
}

/**
 * Start the workers; resolve once every one has finished (or the first error, stall, stopping probe
 * finding, or the hard deadline), after terminating them all. Worker 0 starts first; the others once it
 * has imported the scenario — an import that takes too long is then the scenario's (a top-level loop),
 * not the machine's, however many workers start together.
 */
function runWorkers(base: Base, request: ExploreRequest, options: ExploreSuperviseOptions, onStarted: (s: Started) => void): Promise<Outcome> {
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * Int32Array.BYTES_PER_ELEMENT));
  control[CONTROL_CUTOFF] = 0x7fffffff;
  const n = Math.max(1, options.workers);
  fitV8ToCores(n);
  const opts = toOptions(request);
  const budget = proofBudget(opts);
  const probing = runsProbes(opts);
  const workers: Watched[] = [];
  const results: (TaskResult | undefined)[] = [];
  /** Findings told as found, by task position (PROBES_POSITION: the probes), for a report cut by the hard deadline. */
  const found = new Map<number, FoundFinding[]>();
  let probes: ProbesResult | undefined;
  let total = -1;
  let cut = false;
  /** A worker could not split the exploration before the time budget ended. */
  let splitCutByTime = false;

  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      clearTimeout(hard);
      Atomics.store(control, CONTROL_STOP, 1);
      Promise.allSettled(workers.map((w) => w.worker.terminate())).then(() => resolve(outcome));
    };
    const done = (timeCut: boolean): Done => {
      while (results.length < Math.max(total, 0)) results.push(undefined);
      return { kind: 'done', results, cut, ...(probes && { probes }), timeCut };
    };
    const maybeDone = () => {
      if (workers.length < n || !workers.every((w) => w.done)) return;
      if (probing && !probes) return;
      finish(done(splitCutByTime));
    };
    /** Tell the workers which tasks the merge can no longer use. */
    const cutoff = () => {
      let used = 0;
      for (let p = 0; p < results.length || p < total; p++) {
        const r = results[p];
        if (!r) return;
        used += r.executions;
        const ends = !!r.error || (r.stopped === 'finding' && !request.all) || machineStop(r.stopped) || (budget !== undefined && used >= budget);
        if (ends) {
          if (p < Atomics.load(control, CONTROL_CUTOFF)) Atomics.store(control, CONTROL_CUTOFF, p);
          return;
        }
      }
    };
    /** The hard deadline: what the busy workers were doing becomes a result cut by time, with what they found. */
    const cutByTime = () => {
      for (const w of workers) {
        if (w.done) continue;
        const position = Atomics.load(w.progress, PROGRESS_EXPLORE_TASK);
        const inside = Atomics.load(w.progress, PROGRESS_IN_EXECUTION) === 1;
        // Executions that ended: the one running now does not count, unless it is a finding's replay (its execution did end).
        const told = found.get(position) ?? [];
        const ran = Math.max(0, Atomics.load(w.progress, PROGRESS_EXPLORE_EXECUTION) - (inside ? 1 : 0), ...told.map((f) => f.execution));
        if (position === PROBES_POSITION && !probes) {
          probes = { executions: ran, ...turnCounts(ran), steps: 0, stopped: told.length > 0 && !request.all ? 'finding' : 'max-time', findings: request.all ? told : told.slice(0, 1) };
        } else if (position >= 0 && !results[position]) {
          results[position] = { position, executions: ran, pruned: 0, steps: 0, maxDepth: 0, complete: false, cut: false, stopped: 'max-time', findings: told };
        }
      }
      if (probing && !probes) probes = { executions: 0, pct: 0, random: 0, steps: 0, stopped: 'max-time', findings: [] };
      finish(done(true));
    };
    const hardAt = budgetMoments(request.startEpochMs!, request.maxTimeMs).hardAt;
    const hard = setTimeout(cutByTime, Math.max(0, hardAt - nowEpoch()));

    const start = (index: number) => {
      const progress = new Int32Array(new SharedArrayBuffer(EXPLORE_PROGRESS_SLOTS * Int32Array.BYTES_PER_ELEMENT));
      progress[PROGRESS_EXPLORE_TASK] = NO_POSITION;
      const harness = new Int32Array(new SharedArrayBuffer(HARNESS_SLOTS * Int32Array.BYTES_PER_ELEMENT));
      const input: ExploreWorkerInput = { ...base, request, index, progress, harness, control };
      // The first worker may be running already (warm-worker.ts): it is sent its input.
      const warm = index === 0 ? adoptWarmWorker(EXPLORE_WORKER_URL) : undefined;
      const worker = warm ?? new Worker(EXPLORE_WORKER_URL, { workerData: input, stdout: true, stderr: true, resourceLimits: WORKER_HEAP_LIMIT });
      if (warm) warm.postMessage({ type: 'input', input } satisfies WarmInputMessage<ExploreWorkerInput>);
      forward(worker.stdout, options.scenarioStdout === 'stdout' ? process.stdout : process.stderr);
      forward(worker.stderr, process.stderr);
      const now = performance.now();
      const w: Watched = { worker, progress, harness, done: false, started: false, steps: -1, stall: new StallClock(now), beat: -1, beatAt: now };
      workers.push(w);
      worker.on('message', (msg: ExploreWorkerMessage) => {
        switch (msg.type) {
          case 'started':
            w.started = true;
            if (index === 0) {
              onStarted({ scenario: msg.scenario, ...(msg.expect && { expect: msg.expect }), ...(msg.flavour && { flavour: msg.flavour }) });
              for (let i = 1; i < n && !settled; i++) start(i);
            }
            break;
          case 'split':
            total = msg.tasks;
            cut = msg.cut;
            break;
          case 'task':
            results[msg.result.position] = msg.result;
            cutoff();
            break;
          case 'found': {
            const list = found.get(msg.position) ?? [];
            list.push(msg.found);
            found.set(msg.position, list);
            options.onFound?.([msg.found.finding]);
            break;
          }
          case 'probes':
            probes = msg.result;
            // A probe's finding (without --all) or a scenario error ends the exploration: the proof is not needed.
            if (probes.error || (probes.stopped === 'finding' && !request.all)) finish(done(false));
            else maybeDone();
            break;
          case 'done':
            w.done = true;
            if (msg.timeCut) splitCutByTime = true;
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
    };
    start(0);

    const ms = options.syncTimeoutMs;
    const pollMs = Math.min(100, Math.max(10, Math.floor(ms / 10)));
    const busyAfterMs = Math.min(5 * HEARTBEAT_MS, ms / 2);
    const importLimit = importTimeoutMs(options);
    const watchdog = setInterval(() => {
      const now = performance.now();
      let executions = 0;
      let findings = 0;
      for (const w of workers) {
        executions += Atomics.load(w.progress, PROGRESS_EXPLORE_EXECUTIONS);
        findings = Math.max(findings, Atomics.load(w.progress, PROGRESS_EXPLORE_FINDINGS));
      }
      options.onProgress?.({ executions, findings });
      for (const [i, w] of workers.entries()) {
        if (w.done) continue;
        const s = Atomics.load(w.progress, PROGRESS_STEPS);
        const b = Atomics.load(w.harness, HEARTBEAT);
        const phase = Atomics.load(w.harness, PHASE);
        // Time counts only while the scenario's code could be what runs: inside an execution, or (worker 0,
        // whose import is the first) while importing. simcc's own work between executions never counts.
        const watched = phase === Phase.Running ? Atomics.load(w.progress, PROGRESS_IN_EXECUTION) === 1 : phase !== Phase.Done && i === 0 && !w.started;
        if (s !== w.steps || !watched) {
          w.steps = s;
          w.stall.reset(now);
        }
        if (b !== w.beat) [w.beat, w.beatAt] = [b, now];
        const busy = now - w.beatAt >= busyAfterMs;
        if (w.stall.elapsed(now, busy) < (phase === Phase.Running ? ms : importLimit)) continue;
        finish({
          kind: 'stall',
          phase,
          busy,
          position: Atomics.load(w.progress, PROGRESS_EXPLORE_TASK),
          execution: Atomics.load(w.progress, PROGRESS_EXPLORE_EXECUTION),
        });
        return;
      }
    }, pollMs);
  });
}

/** Explain a stall: rerun the stalled task (or the probes) alone, up to the stalled execution, reporting resumes. */
async function diagnose(stall: Stall, base: Base, request: ExploreRequest, options: ExploreSuperviseOptions, word: string): Promise<ScenarioErrorInfo> {
  const ms = options.syncTimeoutMs;
  const file = displayPath(base.sourcePath);
  if (stall.phase !== Phase.Running) {
    const ms = importTimeoutMs(options);
    const why = stall.busy ? 'a synchronous loop at the top level of the module?' : 'it awaits something the simulator does not control (a real timer or I/O) at the top level?';
    return { message: `importing the scenario did not finish within ${ms} ms: ${why}`, location: file };
  }
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * Int32Array.BYTES_PER_ELEMENT));
  const progress = new Int32Array(new SharedArrayBuffer(EXPLORE_PROGRESS_SLOTS * Int32Array.BYTES_PER_ELEMENT));
  const harness = new Int32Array(new SharedArrayBuffer(HARNESS_SLOTS * Int32Array.BYTES_PER_ELEMENT));
  const input: ExploreWorkerInput = { ...base, request, index: 0, progress, harness, control, diagnose: { position: stall.position, execution: Math.max(1, stall.execution) } };
  const worker = new Worker(EXPLORE_WORKER_URL, { workerData: input, stdout: true, stderr: true, resourceLimits: WORKER_HEAP_LIMIT });
  forward(worker.stdout, process.stderr);
  forward(worker.stderr, process.stderr);
  // The rerun gets the rest of the budget, and at least enough to stall again.
  const giveUpAt = Math.max(budgetMoments(request.startEpochMs!, request.maxTimeMs).hardAt, nowEpoch() + 2 * ms + 1000);
  let last: { thread: { name: string }; at?: string } | undefined;
  const stalledAgain = await new Promise<boolean | 'timeout' | ScenarioErrorInfo>((resolve) => {
    let steps = -1;
    let stepsAt = performance.now();
    const timer = setInterval(() => {
      const s = Atomics.load(progress, PROGRESS_STEPS);
      const now = performance.now();
      if (s !== steps || Atomics.load(progress, PROGRESS_IN_EXECUTION) !== 1) [steps, stepsAt] = [s, now];
      else if (now - stepsAt >= ms) {
        clearInterval(timer);
        resolve(true);
      }
      if (nowEpoch() >= giveUpAt) {
        clearInterval(timer);
        resolve('timeout');
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
  const what = stall.busy ? 'a synchronous loop?' : 'an await of real time or I/O?';
  if (stalledAgain === 'timeout') {
    return { message: `the scenario took no simulated step for more than ${ms} ms inside an execution (${what}); the budget ran out before that execution could be run again to say where`, location: file };
  }
  if (!stalledAgain) {
    return { message: `the scenario made no progress for more than ${ms} ms during exploration, but not when that execution was run again alone: ${what}`, location: file };
  }
  const who = last ? `${word} '${last.thread.name}'` : 'the scenario';
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
