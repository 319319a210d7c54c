/**
 * A worker thread of `simcc explore` (entry point; started by explore-supervisor.ts).
 *
 * It imports the scenario; worker 0 of the first shard runs the bug-hunting probes (explore-probes.ts);
 * then it splits the exploration into tasks (every worker computes the same split) and claims tasks one
 * at a time through the shared control counters, posting each task's result. Like `run`'s worker it may
 * be stopped at any moment — by the supervisor's watchdog (a scenario spinning in a synchronous loop) or
 * its hard deadline (explore-budget.ts) — so it never depends on getting control back, and posts every
 * finding (`found`) as soon as it is found, before locating and shrinking it; it beats a heartbeat while
 * its event loop is free. Messages: `started`, `probes`, `split`, `found`, one `task` per explored task,
 * then `done`, or `error`.
 *
 * simcc's own modules are loaded before source maps are enabled (see worker.ts): their frames stay in
 * dist/*.js and are never mistaken for scenario frames.
 */
import '../index.js';
import { parentPort } from 'node:worker_threads';
import { workerInput } from './warm-worker.js';
import { loadScenario } from './load-scenario.js';
import type { ScenarioErrorInfo } from '../findings.js';
import { KeyTable } from '../scheduler/keys.js';
import { describeThrown, displayPath, stackLocation } from '../runtime/locations.js';
import type { Split } from '../scheduler/split.js';
import {
  BudgetSpent,
  exploreTask,
  findingRecorder,
  PROGRESS_EXPLORE_EXECUTION,
  PROGRESS_EXPLORE_TASK,
  proofBudget,
  runsProbes,
  shardTasks,
  splitScenario,
  type ExploreOptions,
} from './explore.js';
import { deadlinesFrom } from './explore-budget.js';
import { PROBE_SHARE, runProbes } from './explore-probes.js';
import { CONTROL_CUTOFF, CONTROL_NEXT, CONTROL_STOP, NO_POSITION, PROBES_POSITION, type ExploreWorkerInput, type ExploreWorkerMessage } from './explore-protocol.js';
import { DEFAULT_STEP_LIMIT, HEARTBEAT, HEARTBEAT_MS, PHASE, Phase } from './protocol.js';

process.setSourceMapsEnabled(true);

// Its workerData, or for a worker started before the scenario was compiled its first message (warm-worker.ts).
const input = await workerInput<ExploreWorkerInput>();
const port = parentPort!;
const post = (msg: ExploreWorkerMessage) => port.postMessage(msg);

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
  const diagnose = input.diagnose;
  const opts: ExploreOptions = {
    run: {
      strategy: req.dpor ? 'dpor' : 'dfs',
      runs: 1,
      firstSeed: 1,
      stepLimit: req.stepLimit ?? scenario.options.stepLimit ?? DEFAULT_STEP_LIMIT,
      leakStepBound: req.leakStepBound,
      progress: input.progress,
      ...(req.timeMode !== undefined && { timeMode: req.timeMode }),
      ...(req.atomicHistory !== undefined && { atomicHistory: req.atomicHistory }),
      ...(req.faults !== undefined && { faults: req.faults }),
      ...(req.spuriousWakeups !== undefined && { spuriousWakeups: req.spuriousWakeups }),
      ...(req.shrink !== undefined && { shrink: req.shrink }),
      ...(req.verifyDeterminism && { verifyDeterminism: true }),
      ...(diagnose && {
        onResume: (thread: { id: number; name: string }, at: string | undefined) =>
          post({ type: 'resume', thread: { id: thread.id, name: thread.name }, ...(at !== undefined && { at }) }),
      }),
    },
    dpor: req.dpor,
    all: req.all,
    maxTimeMs: req.maxTimeMs,
    ...(req.maxExecutions !== undefined && { maxExecutions: req.maxExecutions }),
    ...(req.preemptionBound !== undefined && { preemptionBound: req.preemptionBound }),
    ...(req.shard && { shard: req.shard }),
    ...(req.splitTarget !== undefined && { splitTarget: req.splitTarget }),
    ...(req.probes && { probes: req.probes }),
  };

  Atomics.store(input.harness, PHASE, Phase.Running);
  try {
    const deadlines = deadlinesFrom(req.startEpochMs ?? performance.timeOrigin + performance.now(), opts.maxTimeMs);
    const progress = input.progress;
    const control = input.control;
    const stopped = () => Atomics.load(control, CONTROL_STOP) !== 0;
    // The probes first (worker 0 of the first shard): they share the budget, and may end the exploration.
    const probeHere = input.index === 0 && runsProbes(opts) && (!diagnose || diagnose.position === PROBES_POSITION);
    if (probeHere) {
      // Their share of the time counts from when they start (a loaded machine may take a while to get here).
      const until = Math.min(deadlines.stopAt, performance.now() + PROBE_SHARE * opts.maxTimeMs);
      const result = await runProbes(scenario, opts, {
        until: diagnose ? Infinity : until,
        deadlines,
        record: findingRecorder(scenario, opts, deadlines),
        onFound: (found) => post({ type: 'found', position: PROBES_POSITION, found }),
        onProbe: (p) => {
          progress[PROGRESS_EXPLORE_TASK] = PROBES_POSITION;
          progress[PROGRESS_EXPLORE_EXECUTION] = p;
        },
        ...(diagnose && { diagnoseProbe: diagnose.execution }),
      });
      post({ type: 'probes', result });
    }
    if (diagnose?.position === PROBES_POSITION) {
      Atomics.store(input.harness, PHASE, Phase.Done);
      post({ type: 'done' });
      return;
    }
    progress[PROGRESS_EXPLORE_TASK] = NO_POSITION;
    const keys = new KeyTable();
    let split: Split;
    try {
      split = await splitScenario(scenario, opts, keys, { diagnose: diagnose?.position === NO_POSITION, ...(!diagnose && { stopAt: deadlines.stopAt }) });
    } catch (err) {
      if (!(err instanceof BudgetSpent)) throw err;
      // No tasks: the exploration is cut by time (the supervisor reports it incomplete).
      Atomics.store(input.harness, PHASE, Phase.Done);
      post({ type: 'done', timeCut: true });
      return;
    }
    const mine = shardTasks(split.tasks, opts.shard);
    post({ type: 'split', tasks: mine.length, cut: split.cut, probes: split.probes });
    const budget = proofBudget(opts);
    if (diagnose) {
      const task = mine[diagnose.position];
      if (task) await exploreTask(scenario, opts, keys, task, diagnose.position, { deadlines: { stopAt: Infinity, finishBy: Infinity }, maxExecutions: diagnose.execution, diagnoseExecution: diagnose.execution });
    } else {
      for (;;) {
        if (stopped()) break;
        const position = Atomics.add(control, CONTROL_NEXT, 1);
        if (position >= mine.length || position > Atomics.load(control, CONTROL_CUTOFF)) break;
        progress[PROGRESS_EXPLORE_EXECUTION] = 0;
        const cancelled = () => stopped() || position > Atomics.load(control, CONTROL_CUTOFF);
        const result = await exploreTask(scenario, opts, keys, mine[position]!, position, {
          deadlines,
          ...(budget !== undefined && { maxExecutions: budget }),
          cancelled,
          onFound: (found) => post({ type: 'found', position, found }),
        });
        post({ type: 'task', result });
      }
    }
    Atomics.store(input.harness, PHASE, Phase.Done);
    post({ type: 'done' });
  } catch (err) {
    fail({ message: `internal error in simcc: ${describeThrown(err)}`, location: stackLocation((err as Error)?.stack) ?? file });
  }
}

function fail(error: ScenarioErrorInfo): void {
  Atomics.store(input.harness, PHASE, Phase.Done);
  post({ type: 'error', error });
}

await main();
