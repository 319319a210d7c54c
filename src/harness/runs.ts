/**
 * Runs a batch of executions of one scenario in this process and builds the report.
 *
 * Executions run without source locations (capturing a stack costs far more than a step). The execution
 * that produced a finding is then, in order: checked for determinism (`verifyDeterminism`: replayed
 * twice and once with locations; a divergence is reported as a `nondeterminism` finding), shrunk
 * (shrink.ts: fewest preemptions, then fewest steps, same finding at the same place) and shown from a
 * replay with locations and a timeline. The replay is exact (runtime/execution.ts), and if it is not —
 * the scenario is nondeterministic — the report says so rather than showing a different run.
 * A replayed schedule (strategy 'replay') is shown as it ran: never shrunk.
 *
 * The shared progress counters (protocol.ts, PROGRESS_*) say how many executions are done and findings
 * made, for the supervisor's progress line, and the PCT bound of the current execution, for a rerun.
 */
import type { Scenario } from '../api/scenario.js';
import type { Finding } from '../findings.js';
import { addMutexMetrics } from '../primitives/go/mutex-variants/metrics.js';
import type { ExecutionResult } from '../runtime/execution.js';
import { PctStrategy } from '../scheduler/pct.js';
import { RandomStrategy } from '../scheduler/random.js';
import { ReplayStrategy } from '../scheduler/replay.js';
import type { Strategy } from '../runtime/strategy.js';
import { verifyDeterminism } from './determinism.js';
import { runExecution } from './execute.js';
import { replayLocated } from './located.js';
import { PROGRESS_EXECUTIONS, PROGRESS_FINDINGS, PROGRESS_PCT_STEPS } from './protocol.js';
import { shrinkExecution } from './shrink.js';
import type { RunOptions, RunReport } from './types.js';

export { runExecution, type OneExecution } from './execute.js';


/**
 * Replay `result`'s schedule with locations and a timeline (located.ts: a long execution gets the
 * locations its report shows, not one per step); keep the original if it diverges.
 */
async function explain(scenario: Scenario, run: RunOptions, result: ExecutionResult, seed: number | undefined): Promise<ExecutionResult> {
  const { result: again } = await replayLocated(scenario, run, result.schedule, seed, { trace: true, steps: result.steps });
  const same =
    !again.diverged &&
    (again.error ? !!result.error : !result.error) &&
    again.findings.map((f) => f.kind).join() === result.findings.map((f) => f.kind).join();
  if (same) return again;
  return withNote(result, again.diverged);
}

function withNote(result: ExecutionResult, diverged: string | undefined): ExecutionResult {
  const note = `replaying this schedule with source locations did not reproduce it${diverged ? ` (${diverged})` : ''}: the scenario is not deterministic`;
  const findings: Finding[] = result.findings.map((f) => ({ ...f, details: [...(f.details ?? []), note] }));
  return { ...result, findings };
}

/** The strategy `opts` names; a malformed schedule is a scenario error (it never throws). */
function strategyFor(opts: RunOptions): Strategy | { error: string } {
  try {
    if (opts.strategy === 'pct') return new PctStrategy(opts.firstSeed, opts.runs, opts.depth, opts.pctSteps);
    if (opts.strategy !== 'replay') return new RandomStrategy(opts.firstSeed, opts.runs);
    return new ReplayStrategy(opts.schedule ?? '-');
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * What the report shows for a failing execution found by a strategy (not a replay): its determinism
 * check when asked for, then its shrunk form, replayed with locations.
 */
async function failing(scenario: Scenario, opts: RunOptions, result: ExecutionResult, seed: number | undefined, captured: boolean): Promise<ExecutionResult> {
  if (result.error || result.findings.length === 0) return captured ? result : explain(scenario, opts, result, seed);
  let located: ExecutionResult | undefined;
  if (opts.verifyDeterminism) {
    const checked = await verifyDeterminism(scenario, opts, { schedule: result.schedule, seed, findings: result.findings, error: result.error });
    if (checked.finding) return { ...result, findings: [checked.finding], trace: undefined };
    located = checked.located;
  }
  if (opts.shrink !== false) {
    const shrunk = await shrinkExecution(scenario, opts, { schedule: result.schedule, seed, findings: result.findings });
    if (shrunk) return shrunk.result;
    if (!captured) return withNote(result, undefined);
  }
  return located ?? (captured ? result : explain(scenario, opts, result, seed));
}

/**
 * `onFound` gets the report as found — the failing execution's findings as it made them, without
 * locations — before they are checked, shrunk and located: the worker posts it, so that the finding
 * is reported even if that work cannot finish (supervisor.ts).
 */
export async function runScenario(scenario: Scenario, opts: RunOptions, onFound?: (report: RunReport) => void): Promise<RunReport> {
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
  if (scenario.flavour.name !== 'go') report.flavour = scenario.flavour.name;
  if (opts.mutexVariant !== undefined) report.mutexVariant = opts.mutexVariant;
  if ('error' in strategy) {
    report.error = { message: strategy.error };
    return report;
  }
  const replaying = opts.strategy === 'replay';
  const progress = opts.progress;
  for (let i = 0; ; i++) {
    const begun = strategy.beginExecution(i);
    if (!begun) break;
    if (progress && begun.seed !== undefined) progress[1] = begun.seed;
    if (progress && strategy instanceof PctStrategy && progress.length > PROGRESS_PCT_STEPS) progress[PROGRESS_PCT_STEPS] = strategy.bound;
    const capture = replaying || opts.captureLocations === true;
    let result = await runExecution(scenario, opts, { strategy, seed: begun.seed, captureLocations: capture, recordTrace: capture });
    report.executions++;
    report.steps += result.steps;
    if (result.mutexMetrics) report.mutexMetrics = addMutexMetrics(report.mutexMetrics, result.mutexMetrics);
    if (progress && progress.length > PROGRESS_EXECUTIONS) progress[PROGRESS_EXECUTIONS] = report.executions;
    // A printed schedule that does not fit the scenario is a usage problem (exit 2), not a finding about it.
    if (replaying && result.diverged) {
      const where = /^at step \d+/.test(result.diverged) ? result.diverged : `at step ${result.steps + 1} ${result.diverged}`;
      report.error = { message: `the schedule does not fit this scenario: ${where} (was it printed for this file, with the same flags?)` };
      break;
    }
    if (result.findings.length === 0 && !result.error) continue;
    const pct = strategy instanceof PctStrategy ? { depth: strategy.depth, steps: strategy.bound } : undefined;
    if (onFound && !result.error) onFound({ ...report, findings: pct ? result.findings.map((f) => ({ ...f, pct })) : result.findings });
    if (!replaying) result = await failing(scenario, opts, result, begun.seed, capture);
    report.findings = pct ? result.findings.map((f) => ({ ...f, pct })) : result.findings;
    if (progress && progress.length > PROGRESS_FINDINGS) progress[PROGRESS_FINDINGS] = report.findings.length;
    if (result.error) report.error = result.error;
    if (result.trace) report.trace = result.trace;
    break;
  }
  return report;
}
