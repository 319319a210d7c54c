/**
 * The worker thread that runs one scenario (entry point; started by supervisor.ts).
 *
 * It runs scenario code, which may spin forever: the main thread watches harness[HEARTBEAT] and the runtime's
 * progress counters and terminates this thread when they stall. So nothing here may depend on this thread
 * getting control back. Messages: `started` once the scenario is imported (its name, for a report this thread
 * may never send), `resume` per goroutine resume in a diagnosis run, `found` with the report as found when an
 * execution fails (before it is shrunk and located), and exactly one outcome: `done` (the RunReport) or
 * `error`.
 *
 * Its input is its workerData, or the first message for a worker started early (warm-worker.ts): its
 * modules load while the main thread compiles the scenario.
 *
 * Source maps are enabled before the scenario is imported (Node reads a module's map when it loads it), so
 * every stack the scenario produces, and every location the runtime captures, names the .ts source.
 * All of simcc's own modules are loaded BEFORE that (the static imports below, `../index.js` included):
 * their frames stay in dist/*.js, which the location finders skip, instead of being mapped to src/*.ts.
 */
import '../index.js';
import { parentPort } from 'node:worker_threads';
import { loadScenario } from './load-scenario.js';
import type { ScenarioErrorInfo } from '../findings.js';
import { runScenario } from './runs.js';
import type { RunOptions, RunReport } from './types.js';
import {
  DEFAULT_RUNS,
  DEFAULT_STEP_LIMIT,
  HEARTBEAT,
  HEARTBEAT_MS,
  PHASE,
  Phase,
  type WorkerInput,
  type WorkerMessage,
} from './protocol.js';
import { describeThrown, displayPath, stackLocation } from '../runtime/locations.js';
import { workerInput } from './warm-worker.js';

process.setSourceMapsEnabled(true);

const port = parentPort!;
const post = (msg: WorkerMessage) => port.postMessage(msg);

const input = await workerInput<WorkerInput>();

// Beats only while this thread's event loop is free: a synchronous loop in the scenario stops it.
setInterval(() => Atomics.add(input.harness, HEARTBEAT, 1), HEARTBEAT_MS).unref();

async function main(): Promise<void> {
  const file = displayPath(input.sourcePath);

  Atomics.store(input.harness, PHASE, Phase.Importing);
  const loaded = await loadScenario(input);
  if ('error' in loaded) return fail(loaded.error);
  const scenario = loaded.scenario;

  post({
    type: 'started',
    scenario: scenario.name,
    ...(scenario.options.expect && { expect: scenario.options.expect }),
    ...(scenario.flavour.name !== 'go' && { flavour: scenario.flavour.name }),
  });

  const req = input.request;
  const opts: RunOptions = {
    strategy: req.strategy,
    runs: req.runs ?? scenario.options.runs ?? DEFAULT_RUNS,
    firstSeed: req.firstSeed,
    stepLimit: req.stepLimit ?? scenario.options.stepLimit ?? DEFAULT_STEP_LIMIT,
    leakStepBound: req.leakStepBound,
    progress: input.progress,
    ...(req.schedule !== undefined && { schedule: req.schedule }),
    ...(req.timeMode !== undefined && { timeMode: req.timeMode }),
    ...(req.atomicHistory !== undefined && { atomicHistory: req.atomicHistory }),
    ...(req.faults !== undefined && { faults: req.faults }),
    ...(req.spuriousWakeups !== undefined && { spuriousWakeups: req.spuriousWakeups }),
    ...(req.captureLocations && { captureLocations: true }),
    ...(req.depth !== undefined && { depth: req.depth }),
    ...(req.pctSteps !== undefined && { pctSteps: req.pctSteps }),
    ...(req.shrink !== undefined && { shrink: req.shrink }),
    ...(req.verifyDeterminism && { verifyDeterminism: true }),
    ...(req.mutexVariant !== undefined && { mutexVariant: req.mutexVariant }),
    ...(input.diagnose && {
      onResume: (thread: { id: number; name: string }, at: string | undefined) =>
        post({ type: 'resume', thread: { id: thread.id, name: thread.name }, ...(at !== undefined && { at }) }),
    }),
  };

  Atomics.store(input.harness, PHASE, Phase.Running);
  try {
    const report = await runScenario(scenario, opts, (found) => post({ type: 'found', report: withTimelineTail(found) }));
    Atomics.store(input.harness, PHASE, Phase.Done);
    post({ type: 'done', report: withTimelineTail(report) });
  } catch (err) {
    // runScenario reports scenario problems in the report; a throw is a bug in simcc itself.
    fail({ message: `internal error in simcc: ${describeThrown(err)}`, location: stackLocation((err as Error)?.stack) ?? file });
  }
}

/**
 * The report as posted to the main thread: its timeline cut to the last TRACE_KEPT steps, more than the
 * report prints (report/timeline.ts; the step numbers say how many came before). A million-step timeline
 * would otherwise be copied across threads whole.
 */
const TRACE_KEPT = 1_000;

function withTimelineTail(report: RunReport): RunReport {
  const trace = report.trace;
  return trace && trace.length > TRACE_KEPT ? { ...report, trace: trace.slice(-TRACE_KEPT) } : report;
}

function fail(error: ScenarioErrorInfo): void {
  Atomics.store(input.harness, PHASE, Phase.Done);
  post({ type: 'error', error });
}

await main();
