/**
 * `simcc explore`: systematic exploration of a scenario — DPOR (scheduler/dpor.ts) or plain DFS
 * (scheduler/dfs.ts, `--no-dpor`, and under `--preemption-bound`) — split into tasks (scheduler/split.ts)
 * that one worker explores in order or several explore in parallel, merged in task order.
 *
 * A task stops at its first execution with a finding unless `all`; then each distinct finding (same kind
 * at the same place, shrink.ts `placeOf`) is kept once, from the first execution that showed it. Every
 * finding is shown as it happens in a replay of its (shrunk) schedule with locations and a timeline, so
 * `simcc replay FILE --schedule S` reproduces it (explore-findings.ts).
 *
 * Before the proof, a bug-hunting phase of PCT and random probes may run (explore-probes.ts, `probes`):
 * its findings come first and, without --all, end the exploration; `executions` and `complete` are the
 * proof's. The time budget is kept by cutting executions in flight (explore-budget.ts BudgetGuard); a
 * merge of results cut by time (`mergeTimeCut`) keeps every finding made.
 *
 * Invariants:
 * - The merge (`mergeTasks`) depends only on the task results in task order, and a task's result only on
 *   the scenario and its budget in executions: one worker and N workers (and N shards merged) give the same
 *   findings, execution count and `complete` — except when a time budget cuts the exploration.
 * - `complete` is true only when every task was explored to its end, no budget and no preemption bound
 *   cut anything, and the exploration did not stop at a finding.
 */
import { getHeapStatistics } from 'node:v8';
import type { Scenario } from '../api/scenario.js';
import type { Finding, FindingKind, TraceEvent } from '../findings.js';
import type { Flavour } from '../runtime/flavour.js';
import { BoundedDporExplorer } from '../scheduler/bounded-dpor.js';
import { DfsExplorer } from '../scheduler/dfs.js';
import { DporExplorer, type Task } from '../scheduler/dpor.js';
import type { Explorer } from '../scheduler/explorer.js';
import { KeyTable } from '../scheduler/keys.js';
import { split, type Split } from '../scheduler/split.js';
import { runExecution } from './execute.js';
import { BudgetGuard, deadlinesFrom, nowEpoch, type Deadlines } from './explore-budget.js';
import { PROGRESS_IN_EXECUTION } from './protocol.js';
import { StrategyWrapper } from '../scheduler/strategy-wrapper.js';
import type { Strategy } from '../runtime/strategy.js';
import type { Execution, ExecutionResult } from '../runtime/execution.js';
import type { ReadyThreads } from '../runtime/ready-list.js';
import { DPOR_TAG, findingRecorder, tellFound } from './explore-findings.js';
import { PROBE_SHARE, plannedProbes, runProbes, type ProbeOptions, type ProbesResult } from './explore-probes.js';
import type { RunOptions, RunReport } from './types.js';

export { placeKey, tellFound, findingRecorder, type FindingRecorder, type FindingTag } from './explore-findings.js';

/** Default wall-clock budget of an exploration (--max-time). */
export const DEFAULT_MAX_TIME_S = 60;
/** The split aims at this many tasks (the same for any number of workers: see the invariants). */
export const DEFAULT_SPLIT_TARGET = 32;
const SPLIT_MAX_LEVELS = 24;

/** Progress slots an exploring worker fills (its RunOptions.progress), besides [0] (steps). */
export const PROGRESS_EXPLORE_EXECUTIONS = 2;
export const PROGRESS_EXPLORE_FINDINGS = 3;
export const PROGRESS_EXPLORE_TASK = 5;
export const PROGRESS_EXPLORE_EXECUTION = 6;

export interface ExploreOptions {
  /** The per-execution options (step limit, time mode, shrink, ...); `strategy` is ignored. */
  run: RunOptions;
  /** DPOR (true; bounded POR under a preemption bound) or plain DFS. */
  dpor: boolean;
  /** List every distinct finding instead of stopping at the first. */
  all: boolean;
  maxExecutions?: number;
  /** Wall-clock budget in milliseconds, measured from when the exploration starts. */
  maxTimeMs: number;
  preemptionBound?: number;
  /** Target number of tasks of the split. */
  splitTarget?: number;
  /** This shard's part: tasks whose index is shard.index−1 modulo shard.count. */
  shard?: { index: number; count: number };
  /**
   * The bug-hunting phase before the proof (explore-probes.ts); off when absent (the in-process API's
   * default; the command line runs it unless --no-probes). Only the first shard runs it.
   */
  probes?: ProbeOptions;
}

/**
 * The phase of an exploration that found a finding: a PCT, random or preemption-bounded probe
 * ('preemption-bound-K': bounded POR with at most K preemptions), or the DPOR (or DFS) proof.
 */
export type FindingPhase = 'pct' | 'random' | 'dpor' | `preemption-bound-${number}`;

/** Whether this shard runs the probes (the first shard, or the only one). */
export function runsProbes(opts: Pick<ExploreOptions, 'probes' | 'shard'>): boolean {
  return !!opts.probes && (!opts.shard || opts.shard.index === 1);
}

/** The executions the proof may use: --max-executions less the probes' share (the same in every shard). */
export function proofBudget(opts: Pick<ExploreOptions, 'probes' | 'maxExecutions'>): number | undefined {
  return opts.maxExecutions === undefined ? undefined : opts.maxExecutions - plannedProbes(opts);
}

/** A distinct finding of a task, from the n-th execution the task explored. */
export interface FoundFinding {
  execution: number;
  place: string;
  finding: Finding;
  trace?: TraceEvent[];
  phase: FindingPhase;
  /** The probe that found it (1-based), for phase 'pct' or 'random'. */
  probe?: number;
}

export type StopReason = 'finding' | 'max-executions' | 'max-time' | 'memory' | 'cancelled';

/**
 * The share of the heap limit (the worker's --max-old-space, explore-supervisor.ts) the explorer's own
 * state may fill before it stops, incomplete, rather than run out of memory: a long exploration of a
 * program with many races keeps wakeup trees that grow with it, and an out-of-memory end would be
 * reported as the scenario's error. Looked at between executions.
 */
export const MEMORY_SHARE = 0.8;

/** A stop that depends on the machine (its clock, its memory): what it leaves differs from run to run. */
export function machineStop(stopped: StopReason | undefined): boolean {
  return stopped === 'max-time' || stopped === 'memory';
}

function memoryFull(): boolean {
  const h = getHeapStatistics();
  return h.used_heap_size > MEMORY_SHARE * h.heap_size_limit;
}

export interface TaskResult {
  /** Position in this shard's task list. */
  position: number;
  executions: number;
  pruned: number;
  steps: number;
  maxDepth: number;
  /** Every execution of the task was explored (no stop). */
  complete: boolean;
  /** The preemption bound left an option out. */
  cut: boolean;
  /** The fair-yield rule held a yield back in some execution (ExecutionResult.fairYields). */
  fairYields?: true;
  /** A timer fired while a goroutine could run, in some execution (TraceRecorder.timerBeatThreads). */
  earlyTimers?: true;
  stopped?: StopReason;
  findings: FoundFinding[];
  error?: { info: NonNullable<RunReport['error']>; execution: number; trace?: TraceEvent[]; phase: FindingPhase; probe?: number };
}

export type ExploreStrategyName = 'dpor' | 'dfs';

export interface ExploreReport extends RunReport {
  strategy: ExploreStrategyName;
  /** Executions abandoned by the explorer (infeasible plans, sleep-blocked states): not counted. */
  pruned: number;
  /** The most steps any explored execution took. */
  maxDepth: number;
  tasks: { total: number; explored: number };
  /** Why it stopped before exploring everything. */
  stoppedBy?: Exclude<StopReason, 'cancelled'>;
  /** Under --preemption-bound: the bound, and whether it left any execution out. */
  bound?: { preemptions: number; cut: boolean };
  /**
   * The fair-yield rule held a yielding thread back while another could run, in some explored execution:
   * schedules where it ran on at once were not explored. Stated in the report (not a budget: `complete`
   * keeps its meaning up to this rule).
   */
  fairYields?: true;
  /**
   * Free time mode: some explored execution fired a timer while a goroutine could still run. Such
   * firings multiply the interleavings; an incomplete exploration's report suggests --time synctest.
   */
  earlyTimers?: true;
  shard?: { index: number; count: number };
  /** Per finding: the execution (counted over the whole exploration) that showed it, and its timeline. */
  foundIn: number[];
  traces: (TraceEvent[] | undefined)[];
  /** Per finding: the phase that found it (and the probe). `foundIn` counts a probe's finding in probes. */
  phases?: { phase: FindingPhase; probe?: number }[];
  /** The bug-hunting phase, when it ran: its executions (not in `executions`, which are the proof's). */
  probes?: { executions: number; pct: number; random: number; bounded?: number; planned: number };
}

const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function useDfs(opts: Pick<ExploreOptions, 'dpor'>): boolean {
  return !opts.dpor;
}

/** The split expands every option at its top levels (no sleep sets): plain DFS, and bounded POR (bounded-dpor.ts). */
function fullSplit(opts: Pick<ExploreOptions, 'dpor' | 'preemptionBound'>): boolean {
  return !opts.dpor || opts.preemptionBound !== undefined;
}

/** The explorer of one task: DPOR, bounded POR under a preemption bound, or plain DFS (--no-dpor). */
function taskExplorer(opts: ExploreOptions, keys: KeyTable, task: Task, synctest: boolean): DfsExplorer | DporExplorer | BoundedDporExplorer {
  if (useDfs(opts)) return new DfsExplorer(keys, task, synctest, opts.preemptionBound);
  if (opts.preemptionBound !== undefined) return new BoundedDporExplorer(keys, task, synctest, opts.preemptionBound);
  return new DporExplorer(keys, task, synctest);
}

/** The time budget ended while the exploration was being split: there are no tasks to explore. */
export class BudgetSpent extends Error {
  constructor() {
    super('the time budget ended while the exploration was being split');
    this.name = 'BudgetSpent';
  }
}

/**
 * The tasks of an exploration (all of them; a shard takes its share with `shardTasks`). Throws
 * BudgetSpent when `stopAt` passes first; `diagnose`: see below.
 */
export async function splitScenario(scenario: Scenario, opts: ExploreOptions, keys: KeyTable, how: { diagnose?: boolean; stopAt?: number } = {}): Promise<Split> {
  const run = opts.run;
  return split(
    async (probe: Explorer) => {
      // A probe of the split can be a whole long execution: it is cut at the budget like any other.
      const guard = new BudgetGuard(probe, how.stopAt ?? Infinity);
      guard.beginExecution(0);
      // `diagnose`: the split is rerun to explain a stall in it (locations, and resumes reported).
      const result = await runExecution(scenario, run, { strategy: guard, captureLocations: how.diagnose === true, recordTrace: false });
      if (guard.cut) throw new BudgetSpent();
      probe.endExecution(result);
      await macrotask();
    },
    {
      keys,
      dpor: !fullSplit(opts),
      synctest: run.timeMode === 'synctest',
      ...(opts.preemptionBound !== undefined && { bound: opts.preemptionBound }),
      target: opts.splitTarget ?? DEFAULT_SPLIT_TARGET,
      maxLevels: SPLIT_MAX_LEVELS,
    },
  );
}

/**
 * The explorer decides each step and analyses an execution when it ends (its races, its wakeup trees)
 * from inside the execution: that is simcc's work, not the scenario's, so the stall watchdog, which
 * counts only time inside an execution (protocol.ts PROGRESS_IN_EXECUTION), is told the execution is
 * out while the explorer works, and back in when the scenario's code runs on. A long analysis, or a
 * decision that re-inserts many wakeup sequences (DporExplorer.restore), was reported as the scenario's
 * synchronous loop.
 */
class AnalysisOutsideExecution extends StrategyWrapper {
  private readonly p: Int32Array | undefined;

  constructor(inner: Strategy, progress: Int32Array | undefined) {
    super(inner);
    this.p = progress && progress.length > PROGRESS_IN_EXECUTION ? progress : undefined;
  }

  override pickThread(enabled: ReadyThreads, step: number, timerReady: boolean, last: number): number {
    return this.outside(() => super.pickThread(enabled, step, timerReady, last));
  }

  override onStep(exec: Execution, enabled: ReadyThreads, timerReady: boolean, pick: number): void {
    this.outside(() => super.onStep(exec, enabled, timerReady, pick));
  }

  /** Run the explorer's `work` with the watchdog told the execution is out, then back in. */
  private outside<T>(work: () => T): T {
    const p = this.p;
    if (p) Atomics.store(p, PROGRESS_IN_EXECUTION, 0);
    try {
      return work();
    } finally {
      if (p) Atomics.store(p, PROGRESS_IN_EXECUTION, 1);
    }
  }

  override endExecution(result: ExecutionResult): void {
    if (this.p) Atomics.store(this.p, PROGRESS_IN_EXECUTION, 0);
    super.endExecution(result);
  }
}

/** The tasks a shard explores, in order (all of them without a shard). */
export function shardTasks<T>(tasks: readonly T[], shard: ExploreOptions['shard']): T[] {
  if (!shard) return tasks.slice();
  return tasks.filter((_, i) => i % shard.count === shard.index - 1);
}

export interface TaskContext {
  /** When to stop (explore-budget.ts): no execution starts after `stopAt`, a running one is cut. */
  deadlines: Deadlines;
  /** At most this many executions (the budget left, or the whole budget when tasks run in parallel). */
  maxExecutions?: number;
  /** Checked between executions and every few steps: stop (the result is not needed). */
  cancelled?: () => boolean;
  /** Capture locations in this execution (1-based) and report each resume: the stall diagnosis. */
  diagnoseExecution?: number;
  /** Told each new finding as soon as it is found, before it is located and shrunk (the supervisor keeps it in case the budget ends first). */
  onFound?: (f: FoundFinding) => void;
}

/** Explore one task to its end, its first finding (unless `all`), or a budget. */
export async function exploreTask(scenario: Scenario, opts: ExploreOptions, keys: KeyTable, task: Task, position: number, ctx: TaskContext): Promise<TaskResult> {
  const run = opts.run;
  const synctest = run.timeMode === 'synctest';
  const explorer = taskExplorer(opts, keys, task, synctest);
  const guard = new BudgetGuard(new AnalysisOutsideExecution(explorer, opts.run.progress), ctx.deadlines.stopAt, ctx.cancelled);
  const record = findingRecorder(scenario, opts, ctx.deadlines);
  const result: TaskResult = { position, executions: 0, pruned: 0, steps: 0, maxDepth: 0, complete: false, cut: false, findings: [] };
  const seen = new Set<string>();
  const told = new Set<string>();
  const progress = run.progress;
  if (progress && progress.length > PROGRESS_EXPLORE_TASK) progress[PROGRESS_EXPLORE_TASK] = position;
  // The execution that ends the task (a finding without --all, a scenario error) is counted here: the
  // explorer's race analysis is skipped for it — nothing is explored after it, and on a long execution
  // the analysis can cost far more than the execution did.
  let unanalysed = 0;
  let deepest = 0;
  const finish = (stopped?: StopReason): TaskResult => {
    result.executions = explorer.executions + unanalysed;
    result.pruned = explorer.pruned;
    result.maxDepth = Math.max(explorer.maxDepth, deepest);
    result.cut = !(explorer instanceof DporExplorer) && explorer.cut;
    if (stopped) result.stopped = stopped;
    else result.complete = true;
    return result;
  };
  for (let i = 0; ; i++) {
    if (ctx.maxExecutions !== undefined && explorer.executions >= ctx.maxExecutions) {
      // Nothing more to explore is not a stop: look before saying so.
      return finish(explorer.beginExecution(i) ? 'max-executions' : undefined);
    }
    if (performance.now() >= ctx.deadlines.stopAt) return finish('max-time');
    if (ctx.cancelled?.()) return finish('cancelled');
    if ((i & 63) === 63 && memoryFull()) return finish('memory');
    if (!guard.beginExecution(i)) return finish();
    const number = explorer.executions + 1;
    if (progress && progress.length > PROGRESS_EXPLORE_EXECUTION) progress[PROGRESS_EXPLORE_EXECUTION] = number;
    const capture = ctx.diagnoseExecution === number;
    const r = await runExecution(scenario, run, { strategy: guard, captureLocations: capture, recordTrace: false });
    if (guard.cut) return finish(ctx.cancelled?.() ? 'cancelled' : 'max-time');
    if (r.fairYields && !r.abandoned) result.fairYields = true;
    if (!r.abandoned && explorer.rec.timerBeatThreads) result.earlyTimers = true;
    // Told before the race analysis and the replays, which a budget may not let finish.
    if (!r.abandoned) tellFound(r, explorer.executions + 1, told, DPOR_TAG, ctx.onFound);
    const ends = !r.abandoned && (!!r.error || (r.findings.length > 0 && !opts.all));
    if (ends) {
      unanalysed = 1;
      deepest = r.steps;
    } else explorer.endExecution(r);
    if (r.abandoned) continue;
    result.steps += r.steps;
    if (progress && progress.length > PROGRESS_EXPLORE_EXECUTIONS) progress[PROGRESS_EXPLORE_EXECUTIONS]!++;
    const execution = explorer.executions + unanalysed;
    if (r.error) {
      result.error = await record.error(r, execution, DPOR_TAG);
      return finish('finding');
    }
    if (r.findings.length === 0) continue;
    await record.findings(r, execution, seen, result.findings, DPOR_TAG);
    if (progress && progress.length > PROGRESS_EXPLORE_FINDINGS) progress[PROGRESS_EXPLORE_FINDINGS] = result.findings.length;
    if (!opts.all) return finish('finding');
  }
}

export interface ExploreSummary {
  executions: number;
  pruned: number;
  steps: number;
  maxDepth: number;
  complete: boolean;
  cut: boolean;
  stoppedBy?: Exclude<StopReason, 'cancelled'>;
  findings: FoundFinding[];
  /** Per finding, the execution number over the whole exploration. */
  foundIn: number[];
  error?: TaskResult['error'] & { foundIn: number };
  explored: number;
  fairYields?: true;
  earlyTimers?: true;
}

/**
 * Merge the results of a shard's tasks, in task order (`results[i]` for task i; undefined: not explored).
 * Deterministic: the same results give the same summary, whichever worker produced them and when.
 */
export function mergeTasks(results: readonly (TaskResult | undefined)[], opts: Pick<ExploreOptions, 'all' | 'maxExecutions'>): ExploreSummary {
  if (results.some((r) => machineStop(r?.stopped))) return mergeTimeCut(results, opts, results.some((r) => r?.stopped === 'memory') ? 'memory' : 'max-time');
  const s: ExploreSummary = { executions: 0, pruned: 0, steps: 0, maxDepth: 0, complete: true, cut: false, findings: [], foundIn: [], explored: 0 };
  const seen = new Set<string>();
  const max = opts.maxExecutions;
  for (const [index, r] of results.entries()) {
    if (!r || r.stopped === 'cancelled') {
      s.complete = false;
      break;
    }
    let take = r.executions;
    let cutHere = false;
    if (max !== undefined && s.executions + r.executions > max) {
      take = max - s.executions;
      cutHere = true;
    }
    for (const f of r.findings) {
      if (f.execution > take || seen.has(f.place)) continue;
      seen.add(f.place);
      s.findings.push(f);
      s.foundIn.push(s.executions + f.execution);
    }
    s.pruned += r.pruned;
    s.steps += r.steps;
    s.maxDepth = Math.max(s.maxDepth, r.maxDepth);
    if (r.cut) s.cut = true;
    if (r.fairYields) s.fairYields = true;
    if (r.earlyTimers) s.earlyTimers = true;
    if (r.error && r.error.execution <= take) {
      s.error = { ...r.error, foundIn: s.executions + r.error.execution };
      s.executions += r.error.execution;
      s.complete = false;
      s.explored++;
      break;
    }
    s.executions += take;
    s.explored++;
    // The budget used up exactly at the end of a task stops the exploration as well: what the later
    // tasks hold is not looked at (one worker would not start them).
    const spent = max !== undefined && s.executions >= max && index < results.length - 1;
    if (cutHere || r.stopped === 'max-executions' || spent) {
      s.complete = false;
      s.stoppedBy = 'max-executions';
      break;
    }
    if (r.stopped === 'finding' && !opts.all) {
      s.complete = false;
      s.stoppedBy = 'finding';
      break;
    }
  }
  if (s.explored < results.length && s.stoppedBy === undefined && !s.error) s.complete = false;
  if (s.cut) s.complete = false;
  return s;
}

/**
 * The merge of an exploration the time budget (or the memory guard: `stoppedBy`) cut: every task result
 * there is counts, in task order — its executions, and its findings (a bug found is found, whichever
 * worker was faster; without --all only the first, in task order). Tasks not explored are skipped. What
 * such a cut leaves depends on the machine, so this merge is not the same for every number of workers;
 * it is always incomplete.
 */
function mergeTimeCut(results: readonly (TaskResult | undefined)[], opts: Pick<ExploreOptions, 'all'>, stoppedBy: 'max-time' | 'memory'): ExploreSummary {
  const s: ExploreSummary = { executions: 0, pruned: 0, steps: 0, maxDepth: 0, complete: false, cut: false, findings: [], foundIn: [], explored: 0, stoppedBy };
  const seen = new Set<string>();
  for (const r of results) {
    if (!r) continue;
    for (const f of r.findings) {
      if (seen.has(f.place) || (!opts.all && s.findings.length > 0)) continue;
      seen.add(f.place);
      s.findings.push(f);
      s.foundIn.push(s.executions + f.execution);
    }
    if (r.error && !s.error) s.error = { ...r.error, foundIn: s.executions + r.error.execution };
    s.executions += r.executions;
    s.pruned += r.pruned;
    s.steps += r.steps;
    s.maxDepth = Math.max(s.maxDepth, r.maxDepth);
    if (r.cut) s.cut = true;
    if (r.fairYields) s.fairYields = true;
    if (r.earlyTimers) s.earlyTimers = true;
    if (r.complete || r.stopped === 'finding') s.explored++;
  }
  return s;
}

/**
 * The probes' result joined to the proof's (`s`; undefined when the proof did not run): the probes'
 * findings first (they ran first), then the proof's at places the probes did not find. A probe's
 * finding without --all, or a scenario error, ends the exploration: the proof's results (explored in
 * parallel by other workers) are then not used, so the result is the same for any number of workers.
 */
export function joinProbes(probes: ProbesResult, s: ExploreSummary | undefined, opts: Pick<ExploreOptions, 'all'>): ExploreSummary {
  const stops = !!probes.error || (probes.stopped === 'finding' && !opts.all);
  if (stops || !s) {
    const alone: ExploreSummary = {
      executions: 0,
      pruned: 0,
      steps: 0,
      maxDepth: 0,
      complete: false,
      cut: false,
      findings: probes.findings,
      foundIn: probes.findings.map((f) => f.execution),
      explored: 0,
    };
    if (probes.error) alone.error = { ...probes.error, foundIn: probes.error.execution };
    else alone.stoppedBy = stops ? 'finding' : 'max-time';
    return alone;
  }
  const seen = new Set(probes.findings.map((f) => f.place));
  const later = s.findings.flatMap((f, i) => (seen.has(f.place) ? [] : [{ f, at: s.foundIn[i]! }]));
  return {
    ...s,
    findings: [...probes.findings, ...later.map((x) => x.f)],
    foundIn: [...probes.findings.map((f) => f.execution), ...later.map((x) => x.at)],
  };
}

/** What the report says of the probes that ran. */
export function probeCounts(probes: ProbesResult, opts: Pick<ExploreOptions, 'probes' | 'maxExecutions'>): NonNullable<ExploreReport['probes']> {
  return { executions: probes.executions, pct: probes.pct, random: probes.random, ...(probes.bounded ? { bounded: probes.bounded } : {}), planned: plannedProbes(opts) };
}

/** The report of a merged exploration. */
export function exploreReport(
  scenario: { name: string; options: { expect?: FindingKind[] }; flavour: Flavour },
  opts: Pick<ExploreOptions, 'dpor' | 'preemptionBound' | 'shard'>,
  s: ExploreSummary,
  totalTasks: number,
  splitCut: boolean,
  probes?: ExploreReport['probes'],
): ExploreReport {
  const cut = s.cut || splitCut;
  const report: ExploreReport = {
    scenario: scenario.name,
    ...(scenario.flavour.name !== 'go' && { flavour: scenario.flavour.name }),
    strategy: useDfs(opts) ? 'dfs' : 'dpor',
    executions: s.executions,
    complete: s.complete && !cut,
    findings: s.findings.map((f) => f.finding),
    steps: s.steps,
    pruned: s.pruned,
    maxDepth: s.maxDepth,
    tasks: { total: totalTasks, explored: s.explored },
    foundIn: s.foundIn,
    traces: s.findings.map((f) => f.trace),
    phases: s.findings.map((f) => ({ phase: f.phase, ...(f.probe !== undefined && { probe: f.probe }) })),
  };
  if (probes) report.probes = probes;
  if (scenario.options.expect) report.expect = scenario.options.expect;
  if (s.stoppedBy) report.stoppedBy = s.stoppedBy;
  if (opts.preemptionBound !== undefined) report.bound = { preemptions: opts.preemptionBound, cut };
  if (s.fairYields) report.fairYields = true;
  if (s.earlyTimers) report.earlyTimers = true;
  if (opts.shard) report.shard = opts.shard;
  const first = s.findings[0]?.trace;
  if (first) report.trace = first;
  if (s.error) {
    report.error = s.error.info;
    if (s.error.trace) report.trace = s.error.trace;
  }
  return report;
}

/** Explore a scenario in this process, task after task (unit tests; the CLI uses workers, explore-worker.ts). */
export async function exploreScenario(scenario: Scenario, opts: ExploreOptions): Promise<ExploreReport> {
  const deadlines = deadlinesFrom(nowEpoch(), opts.maxTimeMs);
  let probes: ProbesResult | undefined;
  if (runsProbes(opts)) {
    const until = Math.min(deadlines.stopAt, performance.now() + PROBE_SHARE * opts.maxTimeMs);
    probes = await runProbes(scenario, opts, { until, deadlines, record: findingRecorder(scenario, opts, deadlines) });
    if (probes.error || (probes.stopped === 'finding' && !opts.all)) {
      return exploreReport(scenario, opts, joinProbes(probes, undefined, opts), 0, false, probeCounts(probes, opts));
    }
  }
  const keys = new KeyTable();
  let parts: Split;
  try {
    parts = await splitScenario(scenario, opts, keys, { stopAt: deadlines.stopAt });
  } catch (err) {
    if (!(err instanceof BudgetSpent)) throw err;
    const none: ExploreSummary = { executions: 0, pruned: 0, steps: 0, maxDepth: 0, complete: false, cut: false, findings: [], foundIn: [], explored: 0, stoppedBy: 'max-time' };
    return exploreReport(scenario, opts, probes ? joinProbes(probes, none, opts) : none, 0, false, probes && probeCounts(probes, opts));
  }
  const { tasks, cut } = parts;
  const mine = shardTasks(tasks, opts.shard);
  const results: (TaskResult | undefined)[] = [];
  const budget = proofBudget(opts);
  let used = 0;
  for (const [position, task] of mine.entries()) {
    const left = budget === undefined ? undefined : budget - used;
    if (left === 0) break;
    const r = await exploreTask(scenario, opts, keys, task, position, { deadlines, ...(left !== undefined && { maxExecutions: left }) });
    results.push(r);
    used += r.executions;
    if (r.error || (r.stopped && r.stopped !== 'cancelled' && !(r.stopped === 'finding' && opts.all))) break;
  }
  while (results.length < mine.length) results.push(undefined);
  const summary = mergeTasks(results, { all: opts.all, ...(budget !== undefined && { maxExecutions: budget }) });
  return exploreReport(scenario, opts, probes ? joinProbes(probes, summary, opts) : summary, mine.length, cut, probes && probeCounts(probes, opts));
}
