/**
 * Runs a batch of executions of one scenario in this process and builds the report.
 *
 * Executions run without source locations (capturing a stack costs far more than a step); the
 * execution that produced a finding or an error is then replayed from its schedule with locations
 * and a timeline. The replay is exact (runtime/execution.ts), and if it is not — the scenario is
 * nondeterministic — the report says so rather than showing a different run.
 */
import type { Scenario } from '../api/scenario.js';
import type { Finding } from '../findings.js';
import { Execution, type ExecutionResult } from '../runtime/execution.js';
import { RandomStrategy } from '../scheduler/random.js';
import { ReplayStrategy } from '../scheduler/replay.js';
import type { Strategy } from '../scheduler/strategy.js';
import type { RunOptions, RunReport } from './types.js';

/** Let every microtask of the previous execution drain before the next one starts. */
const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface OneExecution {
  strategy: Strategy;
  seed?: number;
  captureLocations: boolean;
  recordTrace: boolean;
}

/** Run one execution of `scenario` under `opts.strategy` (already begun). */
export async function runExecution(scenario: Scenario, run: RunOptions, one: OneExecution): Promise<ExecutionResult> {
  const exec = new Execution({
    strategy: one.strategy,
    seed: one.seed,
    stepLimit: run.stepLimit,
    leakStepBound: run.leakStepBound,
    captureLocations: one.captureLocations,
    recordTrace: one.recordTrace,
    progress: run.progress,
    onResume: one.captureLocations ? run.onResume : undefined,
    timeMode: run.timeMode,
    leakTimeBound: run.leakTimeBound,
  });
  const result = await exec.run(scenario.body);
  await macrotask();
  return result;
}

/** Replay `result`'s schedule with locations and a timeline; keep the original if it diverges. */
async function explain(scenario: Scenario, run: RunOptions, result: ExecutionResult, seed: number | undefined): Promise<ExecutionResult> {
  const strategy = new ReplayStrategy(result.schedule, seed);
  strategy.beginExecution(0);
  const again = await runExecution(scenario, run, { strategy, seed, captureLocations: true, recordTrace: true });
  const same =
    !again.diverged &&
    (again.error ? !!result.error : !result.error) &&
    again.findings.map((f) => f.kind).join() === result.findings.map((f) => f.kind).join();
  if (same) return again;
  const note = `replaying this schedule with source locations did not reproduce it${again.diverged ? ` (${again.diverged})` : ''}: the scenario is not deterministic`;
  const findings: Finding[] = result.findings.map((f) => ({ ...f, details: [...(f.details ?? []), note] }));
  return { ...result, findings };
}

/** The strategy `opts` names; a malformed schedule is a scenario error (it never throws). */
function strategyFor(opts: RunOptions): Strategy | { error: string } {
  if (opts.strategy !== 'replay') return new RandomStrategy(opts.firstSeed, opts.runs);
  try {
    return new ReplayStrategy(opts.schedule ?? '-');
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

export async function runScenario(scenario: Scenario, opts: RunOptions): Promise<RunReport> {
  const strategy = strategyFor(opts);
  const report: RunReport = {
    scenario: scenario.name,
    strategy: opts.strategy,
    executions: 0,
    complete: false,
    findings: [],
    steps: 0,
  };
  if (scenario.options.expect) report.expect = scenario.options.expect;
  if ('error' in strategy) {
    report.error = { message: strategy.error };
    return report;
  }
  const replaying = opts.strategy === 'replay';
  for (let i = 0; ; i++) {
    const begun = strategy.beginExecution(i);
    if (!begun) break;
    if (opts.progress && begun.seed !== undefined) opts.progress[1] = begun.seed;
    const capture = replaying || opts.captureLocations === true;
    let result = await runExecution(scenario, opts, { strategy, seed: begun.seed, captureLocations: capture, recordTrace: capture });
    report.executions++;
    report.steps += result.steps;
    if (result.findings.length === 0 && !result.error) continue;
    if (!capture) result = await explain(scenario, opts, result, begun.seed);
    report.findings = result.findings;
    if (result.error) report.error = result.error;
    if (result.trace) report.trace = result.trace;
    break;
  }
  return report;
}
