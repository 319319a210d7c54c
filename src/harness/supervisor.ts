/**
 * Runs one scenario file from the main thread: compile, run in a worker thread, watch it, always answer.
 *
 * Invariants:
 * - `runFile` never throws and never hangs: every outcome is a RunReport, failures carry `error`.
 * - A worker is always terminated before `runFile` returns (so the CLI exits promptly), and the
 *   compiled bundle's temp dir is removed.
 * - The watchdog stops a worker whose runtime step counter (progress[0]) has not moved for `syncTimeoutMs`.
 *   Such a worker is either busy (its heartbeat stopped too: a synchronous loop) or idle (the scenario
 *   awaits something simulated time does not control). To say where, the stalled execution's seed is
 *   rerun alone in a second worker that reports every goroutine resume; the last one before the stall
 *   names the goroutine and the await it came back from.
 * - A finding is never lost to simcc's own work on it: the worker posts the report as found before it
 *   shrinks and locates the finding, and if the worker then stops (a shrink candidate's interleaving spins,
 *   memory runs out), that report is the answer, with a note on each finding saying why.
 */
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import type { Finding, ScenarioErrorInfo } from '../findings.js';
import { flavourNamed } from '../runtime/flavour.js';
import { describeThrown, displayPath, stackLocation } from '../runtime/locations.js';
import { CompileError, compileScenario, type CompiledScenario } from './compile.js';
import {
  HARNESS_SLOTS,
  HEARTBEAT,
  HEARTBEAT_MS,
  PHASE,
  Phase,
  PROGRESS_EXECUTIONS,
  PROGRESS_FINDINGS,
  PROGRESS_IN_EXECUTION,
  PROGRESS_PCT_STEPS,
  PROGRESS_SEED,
  PROGRESS_SLOTS,
  PROGRESS_STEPS,
  type ResumeMessage,
  type StartedMessage,
  type RunRequest,
  type WorkerInput,
  type WorkerMessage,
  importTimeoutMs,
} from './protocol.js';
import type { RunReport } from './types.js';
import { StallClock } from './stall-clock.js';
import { adoptWarmWorker, RUN_WORKER_URL, WORKER_HEAP_LIMIT, type WarmInputMessage } from './warm-worker.js';

export interface SuperviseOptions {
  /** How long the runtime may take no step before the worker is stopped. */
  syncTimeoutMs: number;
  /** How long importing the scenario may take (default: importTimeoutMs in protocol.ts; --sync-timeout sets both). */
  importTimeoutMs?: number;
  /** Where the scenario's own console output goes: stderr keeps stdout a clean JSON document. */
  scenarioStdout: 'stdout' | 'stderr';
  /** Called with the worker's counts at every watchdog poll (at most 10 times a second), for a progress line. */
  onProgress?: (counts: { executions: number; findings: number }) => void;
  /** Called with a finding as soon as the worker made it (before shrinking and locating it), for an interrupt. */
  onFound?: (findings: readonly Finding[]) => void;
}

export async function runFile(file: string, request: RunRequest, options: SuperviseOptions): Promise<RunReport> {
  const fallbackName = path.basename(file).replace(/\.[^.]*$/, '');
  // Until the worker says which scenario the file holds, errors are reported under the file's name.
  let started: StartedMessage = { type: 'started', scenario: fallbackName };
  const failed = (error: ScenarioErrorInfo) => errorReport(started, request, error);
  let compiled: CompiledScenario;
  try {
    compiled = await compileScenario(file);
  } catch (err) {
    if (err instanceof CompileError) return failed({ message: err.message, ...(err.location && { location: err.location }) });
    return failed({ message: `internal error in simcc: ${describeThrown(err)}` });
  }
  try {
    const base = { modulePath: compiled.modulePath, sourcePath: compiled.sourcePath, fallbackName, fallbackFlavour: compiled.flavour };
    const first = await runInWorker({ ...base, request, diagnose: false }, options, (m) => (started = m));
    if (first.kind === 'done') return first.report;
    if (first.found) return asFound(first.found, first, options.syncTimeoutMs);
    if (first.kind === 'error') return failed(first.error);
    return failed(await diagnose(first, base, request, options, flavourNamed(started.flavour).thread));
  } catch (err) {
    return failed({ message: `internal error in simcc: ${describeThrown(err)}` });
  } finally {
    await compiled.dispose();
  }
}

function errorReport(started: StartedMessage, request: RunRequest, error: ScenarioErrorInfo): RunReport {
  const { scenario, expect, flavour } = started;
  return { scenario, ...(expect && { expect }), ...(flavour && { flavour }), strategy: request.strategy, executions: 0, complete: false, findings: [], error, steps: 0 };
}

interface Stall {
  kind: 'stall';
  phase: number;
  /** The worker's thread was busy (heartbeat stopped): a synchronous loop, not an idle wait. */
  busy: boolean;
  /** The seed of the execution that stalled (progress[1]). */
  seed: number;
  /** Its PCT bound (strategy 'pct'), which with the seed names it. */
  pctSteps: number;
  lastResume?: ResumeMessage;
}
/** How a worker ended; `found` when it had reported a finding before it failed to finish. */
type WorkerOutcome = { kind: 'done'; report: RunReport } | (({ kind: 'error'; error: ScenarioErrorInfo } | Stall) & { found?: RunReport });

/**
 * The worker had found a finding, then stopped while shrinking or locating it: report the finding as
 * found (its seed and schedule rerun it), with why it is shown so, rather than lose it to a scenario error.
 */
function asFound(found: RunReport, outcome: Exclude<WorkerOutcome, { kind: 'done' }>, ms: number): RunReport {
  const why =
    outcome.kind === 'error'
      ? outcome.error.message
      : outcome.busy
        ? `a replayed interleaving ran JavaScript for more than ${ms} ms without a simulated operation`
        : `a replayed interleaving made no progress for more than ${ms} ms`;
  const note = `simcc stopped before it could shrink and locate this finding (${why}): it is shown as found, without source locations`;
  return { ...found, findings: found.findings.map((f) => ({ ...f, details: [...(f.details ?? []), note] })) };
}

/** Explains a stall; for one during an execution, by rerunning that execution alone. */
async function diagnose(
  stall: Stall,
  base: Pick<WorkerInput, 'modulePath' | 'sourcePath' | 'fallbackName' | 'fallbackFlavour'>,
  request: RunRequest,
  options: SuperviseOptions,
  /** The flavour's word for a thread ('goroutine'). */
  word: string,
): Promise<ScenarioErrorInfo> {
  const ms = options.syncTimeoutMs;
  const file = displayPath(base.sourcePath);
  if (stall.phase !== Phase.Running) {
    const ms = importTimeoutMs(options);
    const why = stall.busy
      ? 'a synchronous loop at the top level of the module?'
      : 'it awaits something the simulator does not control (a real timer or I/O) at the top level?';
    return { message: `importing the scenario did not finish within ${ms} ms: ${why}`, location: file };
  }
  const rerun: RunRequest = {
    ...request,
    runs: 1,
    firstSeed: stall.seed,
    captureLocations: true,
    ...(request.strategy === 'pct' && { pctSteps: stall.pctSteps }),
  };
  const second = await runInWorker({ ...base, request: rerun, diagnose: true }, { ...options, onProgress: undefined });
  if (second.kind === 'error') return second.error;
  if (second.kind === 'done') {
    const what = stall.busy ? 'a synchronous loop?' : 'an await of real time or I/O?';
    const which = request.strategy === 'replay' ? 'the replayed schedule' : `seed ${stall.seed}`;
    return {
      message: `the scenario made no progress for more than ${ms} ms (${which}), but not when that execution was run again alone: ${what}`,
      location: file,
    };
  }
  return stallError(second, ms, file, word);
}

function stallError(stall: Stall, ms: number, file: string, word: string): ScenarioErrorInfo {
  const last = stall.lastResume;
  const who = last ? `${word} '${last.thread.name}'` : 'the scenario';
  const where = last?.at ? ` (after ${last.at})` : last ? ' (before its first simulated operation)' : '';
  const message = stall.busy
    ? `${who} ran a synchronous loop for more than ${ms} ms without awaiting a simulated operation${where}`
    : `${who} awaited something the simulator does not control (a real timer or I/O) for more than ${ms} ms${where}`;
  return { message, location: last?.at ?? file };
}

/** Starts one worker and resolves with its single outcome, after the worker has stopped. */
function runInWorker(
  fields: Omit<WorkerInput, 'progress' | 'harness'>,
  options: SuperviseOptions,
  onStarted: (msg: StartedMessage) => void = () => undefined,
): Promise<WorkerOutcome> {
  const progress = new Int32Array(new SharedArrayBuffer(PROGRESS_SLOTS * Int32Array.BYTES_PER_ELEMENT));
  const harness = new Int32Array(new SharedArrayBuffer(HARNESS_SLOTS * Int32Array.BYTES_PER_ELEMENT));
  const input: WorkerInput = { ...fields, progress, harness };
  // The command's first worker may be running already (warm-worker.ts): it is sent its input.
  const warm = adoptWarmWorker(RUN_WORKER_URL);
  const worker = warm ?? new Worker(RUN_WORKER_URL, { workerData: input, stdout: true, stderr: true, resourceLimits: WORKER_HEAP_LIMIT });
  if (warm) warm.postMessage({ type: 'input', input } satisfies WarmInputMessage<WorkerInput>);
  worker.stdout.pipe(options.scenarioStdout === 'stdout' ? process.stdout : process.stderr, { end: false });
  worker.stderr.pipe(process.stderr, { end: false });

  return new Promise((resolve) => {
    let settled = false;
    let lastResume: ResumeMessage | undefined;
    let found: RunReport | undefined;
    const finish = (ended: WorkerOutcome) => {
      if (settled) return;
      settled = true;
      const outcome = found && ended.kind !== 'done' ? { ...ended, found } : ended;
      clearInterval(watchdog);
      worker.terminate().then(
        () => resolve(outcome),
        () => resolve(outcome),
      );
    };

    worker.on('message', (msg: WorkerMessage) => {
      if (msg.type === 'resume') lastResume = msg;
      else if (msg.type === 'started') onStarted(msg);
      else if (msg.type === 'found') {
        found = msg.report;
        options.onFound?.(msg.report.findings);
      }
      else if (msg.type === 'done') finish({ kind: 'done', report: msg.report });
      else finish({ kind: 'error', error: msg.error });
    });
    // An exception nothing in the worker caught (e.g. thrown from a real timer's callback), or out of memory.
    worker.on('error', (err) => finish({ kind: 'error', error: crashError(err) }));
    // Messages posted before the exit are delivered first, so an exit without an outcome is a real crash.
    worker.on('exit', (code) => finish({ kind: 'error', error: exitError(code, Atomics.load(harness, PHASE)) }));

    const ms = options.syncTimeoutMs;
    const pollMs = Math.min(100, Math.max(10, Math.floor(ms / 10)));
    // The heartbeat is late by this much only when the worker's thread is not returning to its event loop.
    const busyAfterMs = Math.min(5 * HEARTBEAT_MS, ms / 2);
    const importLimit = importTimeoutMs(options);
    let steps = -1;
    let beat = -1;
    const stall = new StallClock(performance.now());
    let beatAt = performance.now();
    const watchdog = setInterval(() => {
      const now = performance.now();
      const s = Atomics.load(progress, PROGRESS_STEPS);
      const b = Atomics.load(harness, HEARTBEAT);
      const phase = Atomics.load(harness, PHASE);
      // While running, only time inside an execution counts (PROGRESS_IN_EXECUTION): never simcc's own
      // work between executions (shrinking, replays, the report).
      const watched = phase !== Phase.Running || Atomics.load(progress, PROGRESS_IN_EXECUTION) === 1;
      if (s !== steps || !watched) {
        steps = s;
        stall.reset(now);
      }
      if (b !== beat) [beat, beatAt] = [b, now];
      options.onProgress?.({ executions: Atomics.load(progress, PROGRESS_EXECUTIONS), findings: Atomics.load(progress, PROGRESS_FINDINGS) });
      const limit = phase === Phase.Running ? ms : importLimit;
      const busy = now - beatAt >= busyAfterMs;
      if (phase === Phase.Done || stall.elapsed(now, busy) < limit) return; // a result is on its way, or steps are moving
      finish({
        kind: 'stall',
        phase,
        busy,
        seed: Atomics.load(progress, PROGRESS_SEED),
        pctSteps: Atomics.load(progress, PROGRESS_PCT_STEPS),
        ...(lastResume && { lastResume }),
      });
    }, pollMs);
  });
}

/** Why a worker ended without an outcome. Node exits with 13 when the entry's top-level await never settles. */
function exitError(code: number, phase: number): ScenarioErrorInfo {
  if (code === 13 && phase === Phase.Importing) {
    return { message: 'importing the scenario never finished: a top-level await of something that never settles?' };
  }
  if (code === 13) {
    return { message: 'the run never finished: the scenario awaits a promise that never settles (await only simulated operations)' };
  }
  return { message: `the scenario's worker thread exited with code ${code} before the run ended (process.exit() in the scenario?)` };
}

function crashError(err: unknown): ScenarioErrorInfo {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') return { message: 'the scenario ran out of memory' };
  const location = stackLocation((err as Error | null)?.stack);
  const message = `uncaught exception outside the simulation: ${describeThrown(err)}`;
  return location ? { message, location } : { message };
}
